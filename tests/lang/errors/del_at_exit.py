# At exit the finalizers of what __main__'s globals hold run, with the globals still intact.
log = []
class A:
    def __init__(self, name):
        self.name = name
    def __del__(self):
        log.append(self.name)
        print("del", self.name, len(log))
first = A("first")
_private = A("_private")
second = A("second")
def gen():
    try:
        yield 1
    finally:
        print("generator finally at exit, log =", log)
g = gen()
next(g)
holder = [A("in list")]
print("end of program")

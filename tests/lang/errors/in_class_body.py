# Traceback from inside a class body and a method.
class A:
    def m(self):
        return 1 / 0
    value = m(None)

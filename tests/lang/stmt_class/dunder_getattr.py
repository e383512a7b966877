# __getattr__ is a fallback; __getattribute__ intercepts every lookup.
class Fallback:
    real = "real"
    def __getattr__(self, name):
        return "virtual " + name
f = Fallback()
print(f.real, f.other)
class Spy:
    def __init__(self): self.x = 1
    def __getattribute__(self, name):
        print("get", name)
        return object.__getattribute__(self, name)
s = Spy()
print(s.x)
try:
    s.missing
except AttributeError as e:
    print(type(e).__name__, e)

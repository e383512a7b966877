# type(name, bases, dict) creates classes dynamically.
def hello(self): return "hi " + self.n
Dyn = type("Dyn", (object,), {"n": "dyn", "hello": hello})
print(Dyn.__name__, Dyn().hello(), Dyn.__bases__[0].__name__)
Sub = type("Sub", (Dyn,), {})
print(Sub().hello(), [c.__name__ for c in Sub.__mro__])
try:
    type("X", (1,), {})
except TypeError as e:
    print(e)

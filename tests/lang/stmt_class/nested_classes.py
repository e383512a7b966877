# Nested classes and their qualified names.
class Outer:
    class Inner:
        class Deepest:
            pass
        def m(self): pass
print(Outer.Inner.__qualname__, Outer.Inner.Deepest.__qualname__, Outer.Inner.m.__qualname__, Outer.Inner.__name__)
def factory():
    class Local:
        pass
    return Local
print(factory().__qualname__)

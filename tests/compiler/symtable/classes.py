# Class scopes: __class__, super(), private names, free-class, methods.
class Base:
    attr = 1
    __private = 2
    __dunder__ = 3

    def method(self):
        return __class__

    def calls_super(self):
        super().method()
        return self.__private

    def uses_attr(self):
        return attr

    def __mangled(self, __arg):
        __local = __arg
        return __local

class _____:
    __x = 1

class Outer:
    def f(self):
        class Inner:
            __y = 1
            def g(inner_self):
                return self, __class__
        return Inner

def make():
    value = 1
    class Local:
        value = value
        def get(self):
            return value
    return Local

class Deco(Base, metaclass=type, flag=True):
    @staticmethod
    def s(): pass

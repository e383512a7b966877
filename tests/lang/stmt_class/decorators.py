# Class decorators receive and may replace the class.
def register(cls):
    cls.registered = True
    return cls
def replace(cls):
    return "replaced " + cls.__name__
@register
class A: pass
@replace
class B: pass
print(A.registered, B)

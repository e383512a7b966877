# A metaclass customises class creation via __new__ and __call__.
class Meta(type):
    def __new__(mcls, name, bases, ns, **kw):
        print("Meta.__new__", name, sorted(k for k in ns if not k.startswith("__")), kw)
        cls = super().__new__(mcls, name, bases, ns)
        cls.tag = kw.get("tag", "none")
        return cls
    def __call__(cls, *a):
        print("Meta.__call__", cls.__name__, a)
        return super().__call__(*a)
class A(metaclass=Meta, tag="t"):
    def m(self): pass
    def __init__(self, v): self.v = v
a = A(5)
print(a.v, A.tag, type(A).__name__)
class B(A): pass
print(B.tag, type(B).__name__)

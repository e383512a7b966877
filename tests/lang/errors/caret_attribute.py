# Carets under a failing attribute access in a chain.
class C:
    inner = None
obj = C()
print(obj.inner.value)

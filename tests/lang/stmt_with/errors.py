# with on objects missing __enter__/__exit__ raises TypeError; __enter__ errors skip __exit__.
class NoExit:
    def __enter__(self): return self
class Boom:
    def __enter__(self): raise RuntimeError("enter failed")
    def __exit__(self, *a): print("not called")
for obj in (NoExit(), 42, Boom()):
    try:
        with obj:
            print("body")
    except Exception as e:
        print(type(e).__name__, e)

# super(...) and super.__init__(...) word their argument errors differently (call: CPython's vectorcall; __init__ and subclasses: the argument clinic).
class B:
    def m(self):
        return super().__repr__ is not None
s = super(B, B())
for a in [(None,), (B, 1), (1, 1), (), (B, B(), 1)]:
    try: super.__init__(s, *a); print('ok')
    except Exception as e: print(type(e).__name__, e)
    try: super(*a); print('ok')
    except Exception as e: print(type(e).__name__, e)
try: super.__init__(s, B, x=1)
except Exception as e: print(type(e).__name__, e)
try: super(B, x=1)
except Exception as e: print(type(e).__name__, e)
class S(super): pass
for a in [(None,), (B, B(), 1)]:
    try: S(*a); print('ok')
    except Exception as e: print(type(e).__name__, e)
print(B().m(), type(S(B, B())).__name__)

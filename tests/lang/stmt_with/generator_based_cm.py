# A hand-written context manager wrapping a generator function.
class gen_cm:
    def __init__(self, g): self.g = g
    def __enter__(self): return next(self.g)
    def __exit__(self, t, v, tb):
        if t is None:
            try:
                next(self.g)
            except StopIteration:
                return False
        try:
            self.g.throw(v)
        except StopIteration:
            return True
        except BaseException as e:
            if e is v:
                return False
            raise
def managed(name):
    print("setup", name)
    try:
        yield name.upper()
    except ValueError as e:
        print("handled inside", e)
    finally:
        print("teardown", name)
with gen_cm(managed("x")) as v:
    print("using", v)
with gen_cm(managed("y")):
    raise ValueError("problem")
print("done")

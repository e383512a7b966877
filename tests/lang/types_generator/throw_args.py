# generator.throw() argument forms: counts, types, traceback argument, deprecated 3-argument form.
import sys
sys.stderr = sys.stdout
def gen():
    while True:
        try:
            yield
        except Exception as e:
            print("caught", type(e).__name__, e.args, e.__traceback__ is not None)

def fresh():
    g = gen()
    next(g)
    return g

cases = [(), (1,), ("x",), (ValueError,), (ValueError, 5), (ValueError, (1, 2)),
         (ValueError, ValueError(3)), (ValueError, KeyError(4)), (ValueError(6), 7),
         (ValueError(8), None), (ValueError, None, None), (ValueError, 1, 2),
         (ValueError, 1, 2, 3), (int,), (BaseException, None), (object(),)]
for args in cases:
    g = fresh()
    try:
        g.throw(*args)
        print("ok", len(args))
    except BaseException as e:
        print(type(e).__name__, e)
    g.close()

def tb():
    try:
        raise KeyError("k")
    except KeyError as e:
        return e.__traceback__

g = fresh()
g.throw(ValueError, ValueError("with tb"), tb())
g.close()
try:
    fresh().throw(ValueError, "v", tb())
except ValueError as e:
    print("uncaught?", e)
try:
    gen().throw(ValueError("not started"))
except ValueError as e:
    print(type(e).__name__, e)

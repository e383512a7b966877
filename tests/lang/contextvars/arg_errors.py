# The argument and type errors of ContextVar, Token and their methods.
import _contextvars as cv
v = cv.ContextVar("v")
calls = [lambda: cv.ContextVar(), lambda: cv.ContextVar("x", 1), lambda: cv.ContextVar(name="x"),
         lambda: cv.ContextVar("x", foo=1), lambda: cv.ContextVar(1), lambda: v.get(1, 2),
         lambda: v.set(), lambda: v.set(1, 2), lambda: v.reset(1), lambda: cv.Token(),
         lambda: setattr(v, "name", "w"), lambda: setattr(v.set(1), "var", v),
         lambda: type("Sub", (cv.ContextVar,), {}), lambda: type("Sub", (cv.Token,), {})]
for f in calls:
    try:
        print(f())
    except (TypeError, RuntimeError, AttributeError) as e:
        print(type(e).__name__, e)
print(cv.ContextVar.__module__, cv.Context.__module__, cv.Token.__module__, type(cv.Token.MISSING).__name__)

# Context as a read-only mapping, copy_context(), Context.run and its isolation, "already entered".
import _contextvars as cv
a = cv.ContextVar("a")
b = cv.ContextVar("b", default="b-default")
a.set(1)
ctx = cv.copy_context()
print(len(ctx), a in ctx, b in ctx, ctx[a], ctx.get(a), ctx.get(b), ctx.get(b, "given"))
print(list(ctx) == [a], list(ctx.keys()) == [a], list(ctx.values()), [(k is a, v) for k, v in ctx.items()])
def body(x, *, y):
    a.set(x + y)
    b.set("changed")
    return a.get(), b.get()
print(ctx.run(body, 5, y=6))
print("outside", a.get(), b.get())
print("ctx now", ctx[a], ctx[b], len(ctx))
print(ctx == ctx.copy(), ctx == cv.copy_context(), cv.Context() == cv.Context(), len(cv.Context()))
try:
    ctx.run(lambda: ctx.run(print))
except RuntimeError as e:
    print(type(e).__name__, str(e).split(" <")[0], str(e).split("> ")[-1])
fresh = cv.Context()
print(fresh.run(a.get, "no value in a fresh context"))
t = fresh.run(a.set, 7)
try:
    a.reset(t)
except ValueError as e:
    print(type(e).__name__, str(e).split("> ")[-1])
for bad in (lambda: ctx[1], lambda: 1 in ctx, lambda: ctx.get(), lambda: ctx.get("x"), lambda: ctx.run(),
            lambda: cv.Context(1), lambda: cv.Context(x=1), lambda: cv.copy_context(1)):
    try:
        bad()
    except (TypeError, KeyError) as e:
        print(type(e).__name__, e)
try:
    ctx[b]
except KeyError as e:
    print("KeyError", str(e).split(" at 0x")[0])

# ContextVar.get/set/reset, defaults, tokens (var, old_value, MISSING) and `with var.set(...)`.
import _contextvars as cv
def clean(text):
    return text.split(" at 0x")[0]
v = cv.ContextVar("v")
d = cv.ContextVar("d", default=10)
print(v.name, d.name, d.get(), d.get(5), v.get(None), v.get("fallback"))
try:
    v.get()
except LookupError as e:
    print(type(e).__name__, clean(str(e)))
t1 = v.set(1)
print(v.get(), t1.var is v, t1.old_value is cv.Token.MISSING, repr(cv.Token.MISSING), clean(repr(t1)))
t2 = v.set(2)
print(v.get(), t2.old_value)
v.reset(t2)
print(v.get(), clean(repr(t2)))
v.reset(t1)
print(v.get("unset again"))
for token in (t1, t2):
    try:
        v.reset(token)
    except RuntimeError as e:
        print(type(e).__name__, clean(str(e)))
with d.set(99) as tok:
    print("inside", d.get(), tok.var is d)
print("after", d.get())
try:
    d.reset(v.set(3))
except ValueError as e:
    print(type(e).__name__, clean(str(e)).split(">")[0], str(e).split("> ")[-1])
print(clean(repr(d)), clean(repr(v)), cv.ContextVar[int], cv.Token[str])

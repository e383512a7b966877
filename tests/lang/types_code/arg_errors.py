# code methods called with wrong argument counts and types.
def f(a):
    return a
c = f.__code__
calls = [
    lambda: c.co_lines(1),
    lambda: c.co_positions(1),
    lambda: c.co_branches(1),
    lambda: c.replace(1),
    lambda: c.replace(co_names=(1,)),
    lambda: c.replace(co_consts=[1]),
    lambda: c.replace(co_code="x"),
    lambda: c.replace(co_filename=b"x"),
    lambda: c.replace(co_linetable="x"),
    lambda: c.replace(co_argcount=-1),
    lambda: c.replace(co_flags=-1),
    lambda: c.replace(co_nlocals=-1),
    lambda: c._varname_from_oparg("x"),
    lambda: c._varname_from_oparg(),
    lambda: type(c).co_lines(),
    lambda: type(c).replace(1),
    lambda: c.__sizeof__(1),
    lambda: setattr(c, "co_name", "x"),
    lambda: delattr(c, "co_consts"),
]
for call in calls:
    try:
        print(call())
    except Exception as e:
        print(type(e).__name__, e)
print(c.replace(co_nlocals=1).co_nlocals, c.replace(co_firstlineno=7).co_firstlineno)

# Frame attributes: f_builtins, f_lasti, f_trace, f_trace_lines, f_trace_opcodes and their setters.
import sys
def fr():
    return sys._getframe()
f = fr()
print(f.f_builtins is __builtins__.__dict__ if hasattr(__builtins__, "__dict__") else f.f_builtins is __builtins__)
print(type(f.f_builtins).__name__, f.f_builtins["len"] is len, type(f.f_lasti).__name__, f.f_lasti >= 0)
print(f.f_trace, f.f_trace_lines, f.f_trace_opcodes)
f.f_trace_lines = False
f.f_trace_opcodes = True
print(f.f_trace_lines, f.f_trace_opcodes)
try:
    f.f_trace_lines = 0
except TypeError as e:
    print(type(e).__name__, e)
print(f.f_trace_lines)
for bad in (lambda: setattr(f, "f_trace_lines", "x"), lambda: setattr(f, "f_trace_opcodes", None),
            lambda: delattr(f, "f_trace_lines"), lambda: setattr(f, "f_lasti", 0),
            lambda: setattr(f, "f_builtins", {})):
    try:
        print(bad())
    except Exception as e:
        print(type(e).__name__, e)
f.f_trace = None
print(f.f_trace)
del f.f_trace
print(f.f_trace)

# Frame objects via sys._getframe: f_code, f_lineno, f_back, f_locals, f_globals.
import sys
def inner():
    fr = sys._getframe()
    return fr.f_code.co_name, fr.f_lineno, fr.f_back.f_code.co_name, sorted(fr.f_locals), fr.f_globals is globals()
def outer():
    local_var = 1
    return inner()
print(outer())
fr = sys._getframe(0)
print(fr.f_code.co_name, type(fr).__name__, fr.f_back)
def caller_name():
    return sys._getframe(1).f_code.co_name
def who(): return caller_name()
print(who())

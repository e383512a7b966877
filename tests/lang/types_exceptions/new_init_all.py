# __new__ and __init__ of every built-in exception class: args kept, instance type, repr.
import sys
names = sorted(n for n in dir(__builtins__)
               if isinstance(getattr(__builtins__, n), type)
               and issubclass(getattr(__builtins__, n), BaseException))
special = {"BaseExceptionGroup", "ExceptionGroup", "UnicodeDecodeError", "UnicodeEncodeError",
           "UnicodeTranslateError"}
for name in names:
    cls = getattr(__builtins__, name)
    if name in special:
        continue
    e = cls.__new__(cls, "m", 2)
    before = e.args
    cls.__init__(e, "m")
    print(name, type(e).__name__, before, e.args, repr(e)[:40])
for name in names:
    cls = getattr(__builtins__, name)
    try:
        print(name, "__new__" in vars(cls), "__init__" in vars(cls), cls.__new__ is BaseException.__new__)
    except Exception as err:
        print(name, type(err).__name__, err)

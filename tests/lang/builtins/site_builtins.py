# Names the site module adds to builtins (copyright, credits, license, quit, exit, help) and _io's open.
import sys
for name in ["copyright", "credits", "license", "quit", "exit", "help", "open"]:
    obj = eval(name)
    print(name, type(obj).__name__, callable(obj))
print(repr(quit), repr(exit))
print(repr(credits))
print(repr(copyright).splitlines()[0])
print(repr(license))
print(open.__name__, open.__qualname__)
for f in (quit, exit):
    try:
        f(3)
    except SystemExit as e:
        print("SystemExit", e.code)
try:
    exit()
except SystemExit as e:
    print("SystemExit", e.code)
try:
    open()
except TypeError as e:
    print(type(e).__name__, e)
for args, kw in [((), {"mode": "r"}), ((1, 2, 3, 4, 5, 6, 7, 8, 9), {}), (("f",), {"bogus": 1})]:
    try:
        open(*args, **kw)
    except TypeError as e:
        print(type(e).__name__, e)

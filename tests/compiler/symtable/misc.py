# Imports, patterns, handlers, with, delete, f-strings and t-strings, lambdas.
import a.b.c
import d.e as alias
from . import sibling
from .. pkg import *

def handlers():
    try:
        pass
    except ValueError as err:
        print(err)
    try:
        pass
    except* (TypeError, KeyError) as group:
        pass
    finally:
        cleanup = 1
    with open("f") as fh, open("g") as (gh, hh):
        pass
    del cleanup

def matching(subject):
    match subject:
        case [first, *rest]:
            return first, rest
        case {"k": value, **others}:
            return value, others
        case Point(x=px, y=0) | Point(x=0, y=px):
            return px
        case int() as number if number > limit:
            return number
        case _:
            return None

def strings(name, width):
    return f"{name!r:>{width}}", t"{name} {width:{fill}}"

lam = lambda *a, k=default, **kw: (a, k, kw)
for loop_var in range(3):
    while loop_var:
        break
else_var = 1 if loop_var else 2
assert else_var, message
raise Error from cause

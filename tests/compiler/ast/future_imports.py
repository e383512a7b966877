"""Docstring."""
from __future__ import barry_as_FLUFL
x = 1
from __future__ import braces
print(a <> b)
def f():
    from __future__ import nope

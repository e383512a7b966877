"""Docstring before the future import."""
from __future__ import annotations

x: int
def f(a: A) -> B:
    y: C = 1
    return y

class K:
    attr: D
    if True:
        maybe: E

import os
import os.path as p, sys
from . import x
from .. import y as z
from ...a.b import (c, d as e,)
from ....pkg import *
x = y = 1
x: int = 5
(y): str
a.b: int
a[0]: float = 1.0
x += 1; x -= 1; x *= 1; x @= 1; x /= 1; x //= 1; x %= 1; x **= 1
x >>= 1; x <<= 1; x &= 1; x |= 1; x ^= 1
a, *b = c
[a, (b, c)] = d
del a, b.c, d[0], (e, f), [g]
assert x, "msg"
global g1, g2
nonlocal n1
pass
raise
raise E
raise E from F
return
return 1, 2
break
continue
type Alias = int
type Generic[T: int, *Ts, **P = [int]] = list[T]

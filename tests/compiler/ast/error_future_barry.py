from __future__ import barry_as_FLUFL
if a <> b:
    c = d != e

from __future__ import nonexistent

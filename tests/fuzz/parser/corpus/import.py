import a.b.c as d
from . import x
from ..m import (y, z as w,)
from m import *

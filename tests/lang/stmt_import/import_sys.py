# import sys and from-imports; import binds module objects.
import sys
import sys as system
from sys import maxsize, byteorder as bo
print(sys is system, type(sys).__name__, sys.__name__)
print(maxsize == sys.maxsize, bo == sys.byteorder)
import _thread
from _thread import allocate_lock, get_ident
print(type(_thread).__name__, _thread.__name__, callable(allocate_lock), isinstance(get_ident(), int))

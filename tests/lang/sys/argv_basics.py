# sys.argv holds the script name; sys.platform, byteorder and maxsize have expected types.
import sys
print(sys.argv, type(sys.platform).__name__, sys.byteorder in ("little", "big"), sys.maxsize == 2 ** 63 - 1)
print(sys.maxunicode, type(sys.version).__name__, sys.version_info[:2], sys.version_info.major, sys.version_info >= (3, 14))
print(sys.implementation.name in ("cpython", "ftpy"), type(sys.hexversion).__name__, sys.hexversion >> 24)

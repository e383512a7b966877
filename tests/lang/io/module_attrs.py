# The _io module: its names, DEFAULT_BUFFER_SIZE, open being builtins.open, text_encoding, the class tree.
import _io
print(sorted(n for n in dir(_io) if not n.startswith('__') and n not in ('BufferedRWPair', 'IncrementalNewlineDecoder', '_BytesIOBuffer', '_WindowsConsoleIO')))
print(_io.DEFAULT_BUFFER_SIZE, open is _io.open, open.__name__)
print(_io.text_encoding(None), _io.text_encoding('latin-1'), _io.text_encoding('x', 3))
for cls in [_io.FileIO, _io.BufferedReader, _io.BufferedWriter, _io.BufferedRandom,
            _io.TextIOWrapper, _io.BytesIO, _io.StringIO]:
    print(cls.__name__, cls.__module__, [c.__name__ for c in cls.__mro__])
print(_io.BlockingIOError is BlockingIOError)
for base in [_io._IOBase, _io._RawIOBase, _io._BufferedIOBase, _io._TextIOBase]:
    print(base.__name__, isinstance(_io.BytesIO(), base), isinstance(_io.StringIO(), base))
f = _io.open_code(__file__)
print(type(f).__name__, f.read(4))
f.close()

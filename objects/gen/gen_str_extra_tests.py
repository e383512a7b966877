#!/usr/bin/env python3
"""Writes tests/unit/objects/str_expected/extra.txt and codec_wide.txt with the oracle
(run with CPython 3.14: /opt/cpython314/bin/python3.14 objects/gen/gen_str_extra_tests.py).

extra.txt: str slicing, join over any iterable, maketrans/translate, encode, %-formatting of
floats and ints of any size, int.to_bytes/from_bytes - in the case format of gen_str_tests.py
(`method self args kwargs expected`), extended with f<repr>; floats, b<hex>; bytes,
:(start stop step) slices and d{key value ...} dicts, as read by tests/unit/objects/str_test_io.h.
codec_wide.txt: the utf-16 and utf-32 codecs in codec.txt's `enc|dec value encoding errors
expected` format (tests/unit/objects/test_str_codec.c).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'tests', 'unit', 'objects', 'str_expected')


def enc(v):
    if v is None:
        return 'N'
    if v is True:
        return 'T'
    if v is False:
        return 'F'
    if isinstance(v, int):
        return 'i%d;' % v
    if isinstance(v, float):
        return 'f%r;' % v
    if isinstance(v, str):
        return 's' + '.'.join('%x' % ord(c) for c in v) + ';'
    if isinstance(v, bytes):
        return 'b' + v.hex() + ';'
    if isinstance(v, slice):
        return ':' + enc((v.start, v.stop, v.step))
    if isinstance(v, tuple):
        return '(' + ''.join(enc(x) for x in v) + ')'
    if isinstance(v, list):
        return '[' + ''.join(enc(x) for x in v) + ']'
    if isinstance(v, dict):
        return 'd' + kwenc(v)
    raise TypeError(type(v))


def kwenc(kwargs):
    return '{' + ''.join(enc(k) + enc(x) for k, x in kwargs.items()) + '}'


def case(lines, method, self, args=(), kwargs=None):
    kwargs = kwargs or {}
    try:
        res = enc(getattr(self, method)(*args, **kwargs))
    except Exception as e:  # the error path is part of the expected behaviour
        res = 'E%s:%s' % (type(e).__name__, enc(str(e)))
    lines.append(' '.join([method, enc(self), enc(tuple(args)), kwenc(kwargs), res]))


def gen_extra():
    lines = []
    texts = ['', 'a', 'hello', 'caf\xe9 \u4e00\U0001f600!']
    bounds = [None, 0, 1, 3, -1, -2, 100, -100]
    for t in texts:
        for start in bounds:
            for stop in bounds:
                for step in [None, 1, 2, -1, -3]:
                    case(lines, '__getitem__', t, (slice(start, stop, step),))
        case(lines, '__getitem__', t, (slice(None, None, 0),))
        case(lines, '__getitem__', t, (slice('a', None, None),))
        case(lines, '__getitem__', t, (1.5,))
        case(lines, '__getitem__', t, (True,))
    for sep in ['', ', ', '\u4e00']:
        for items in [[], ['a'], ['a', 'b', 'c'], ['x', 1], ('p', 'q'), 'xyz', 5, None,
                      [b'a'], ['\U0001f600', '\xe9']]:
            case(lines, 'join', sep, (items,))
    for args in [('abc', 'xyz'), ('abc', 'xyz', 'd'), ('', '', 'xy'), ('ab', 'c'), ({'a': '1'},),
                 ({97: None, 'b': 'yy'},), ({'ab': 1},), ({1.5: 1},), (1,), ('a', 1), (1, 'a'),
                 ('a', 'b', 1), (), ('a', 'b', 'c', 'd'), ('\u4e00', '\U0001f600')]:
        case(lines, 'maketrans', '', args)
    table = str.maketrans('abc', 'xyz', 'd')
    for t in ['abcd', 'dcba', 'hello', '']:
        case(lines, 'translate', t, (table,))
    for t in ['', 'h\xe9llo', '\u4e00\U0001f600', 'a\udc80b']:
        for args, kw in [((), {}), (('ascii',), {}), (('ascii', 'replace'), {}),
                         (('latin-1',), {}), (('utf-16-le',), {}), (('utf-32',), {}),
                         ((), {'errors': 'backslashreplace', 'encoding': 'ascii'}),
                         (('utf-8', 'surrogateescape'), {}), ((1,), {}), (('utf-8', 1), {}),
                         (('nope',), {}), (('a', 'b', 'c'), {}), ((), {'bogus': 1})]:
            case(lines, 'encode', t, args, kw)
    fmts = [
        ('%e', 12345.678), ('%E', 0.00012), ('%f', 1.5), ('%F', float('inf')), ('%g', 1e-10),
        ('%G', 1e20), ('%5.2f', 3.14159), ('%-10.3e|', -2.5), ('%+.1f', 2.0), ('% f', 1.0),
        ('%#.0f', 3.0), ('%010.3f', -1.25), ('%f', 2 ** 100), ('%e', 10 ** 400), ('%f', 'a'),
        ('%f', None), ('%x', 255), ('%X', 2 ** 100), ('%#o', -8), ('%d', 2 ** 100),
        ('%d', -(2 ** 70)), ('%i', 3.99), ('%u', -2.5), ('%x', 2.5), ('%o', 'a'), ('%d', 'a'),
        ('%08.3d', 2 ** 65), ('%+x', 10 ** 20), ('%d', True), ('%.3s', 1.25), ('%r', -0.0),
        ('%c', 65), ('%5d|%-5d', (2 ** 64, -3)),
    ]
    for f, arg in fmts:
        case(lines, '__mod__', f, (arg,))
    for n, args, kw in [(1024, (2, 'big'), {}), (1024, (4, 'little'), {}),
                        (-1, (2, 'big'), {'signed': True}), (5, (), {}), (256, (1, 'big'), {}), (-1, (1, 'big'), {}),
                        (2 ** 100, (13,), {}), (-(2 ** 100), (13, 'little'), {'signed': True}),
                        (0, (0,), {}), (1, (-1,), {}), (1, (1, 'middle'), {}), (1, (1, 5), {}),
                        (1, (1.5,), {}), (1, (1, 'big', True), {}), (128, (1,), {'signed': True}),
                        (127, (), {'length': 1, 'byteorder': 'little', 'signed': True})]:
        case(lines, 'to_bytes', n, args, kw)
    for data, args, kw in [(b'\x01\x00', ('big',), {}),
                           (b'\xff\xff', ('little',), {'signed': True}), ([1, 2], (), {}),
                           (b'', (), {}), (b'\x80' + b'\x00' * 15, (), {'signed': True}),
                           (b'\x01', ('sideways',), {}), ('ab', (), {}), (5, (), {}),
                           (b'\x01', (), {'byteorder': 'little', 'signed': False})]:
        case(lines, 'from_bytes', 0, (data,) + args, kw)
    return lines


def codec_case(lines, op, value, encoding, errors):
    """`enc str encoding errors expected` / `dec bytes encoding errors expected`."""
    try:
        if op == 'enc':
            res = enc(value.encode(encoding, errors))
        else:
            res = enc(value.decode(encoding, errors))
    except Exception as e:  # the error path is part of the expected behaviour
        res = 'E%s:%s' % (type(e).__name__, enc(str(e)))
    lines.append(' '.join([op, enc(value), enc(encoding), enc(errors), res]))


ENCODINGS = ['utf-16', 'utf-16-le', 'UTF-16BE', 'utf_32', 'utf-32-le', 'utf-32-be', 'U16', 'utf32']
HANDLERS = ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
            'surrogateescape', 'surrogatepass', 'bogus']


def gen_codec_wide():
    lines = []
    texts = ['', 'plain', 'caf\xe9', '\u4e00\U0001f600', 'a\ud800b', '\udc80\udcff',
             'x\udc80\ud800y', '\U0010ffff\x00']
    for t in texts:
        for e in ENCODINGS:
            for h in HANDLERS:
                codec_case(lines, 'enc', t, e, h)
    datas = [b'', b'a\x00', b'\x00a', b'\xff\xfea\x00', b'\xfe\xff\x00a', b'a\x00b',
             b'\x00\xd8a\x00', b'a\x00\x00\xd8', b'a\x00\x00\xdc', b'=\xd8\x00\xde',
             b'a\x00\x00\x00', b'\x00\x00\x00a', b'\xff\xfe\x00\x00a\x00\x00\x00',
             b'\x00\x00\xfe\xff\x00\x00\x00a', b'\x00\xd8\x00\x00', b'\x00\x00\x11\x00',
             b'a\x00\x00', b'\xff\xff\xff\xff', b'\x00\xdc\xff\xdc']
    for d in datas:
        for e in ENCODINGS:
            for h in ['strict', 'ignore', 'replace', 'backslashreplace', 'surrogateescape',
                      'xmlcharrefreplace', 'bogus']:
                codec_case(lines, 'dec', d, e, h)
    return lines


def main():
    if sys.version_info[:2] != (3, 14):
        sys.exit('run with the oracle, CPython 3.14')
    os.makedirs(OUT, exist_ok=True)
    for name, fn in [('extra', gen_extra), ('codec_wide', gen_codec_wide)]:
        lines = fn()
        with open(os.path.join(OUT, name + '.txt'), 'w', encoding='ascii') as f:
            f.write('# generated by objects/gen/gen_str_extra_tests.py with CPython %s; '
                    'do not edit\n' % sys.version.split()[0])
            f.write('\n'.join(lines) + '\n')
        print(name, len(lines))


if __name__ == '__main__':
    main()

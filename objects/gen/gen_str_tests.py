#!/usr/bin/env python3
"""Writes tests/unit/objects/str_expected/*.txt: str method calls and their results, computed by
the oracle (run with CPython 3.14: /opt/cpython314/bin/python3.14 objects/gen/gen_str_tests.py).

One case per line: `method self args kwargs expected`, space-separated, each value in a
self-delimiting encoding read by tests/unit/objects/str_test_io.h:
  N None, T True, F False, i<decimal>; an int, s<hex>.<hex>...; a str (code points in hex),
  (...) a tuple, [...] a list, {key value ...} keyword arguments, E<Type>:<str> an exception
  with its message. The method is looked up on self and called with args and kwargs.
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
    if isinstance(v, str):
        return 's' + '.'.join('%x' % ord(c) for c in v) + ';'
    if isinstance(v, bytes):
        return 'b' + v.hex() + ';'
    if isinstance(v, tuple):
        return '(' + ''.join(enc(x) for x in v) + ')'
    if isinstance(v, list):
        return '[' + ''.join(enc(x) for x in v) + ']'
    if isinstance(v, dict):
        return '{' + ''.join(enc(k) + enc(x) for k, x in v.items()) + '}'
    raise TypeError(type(v))


def case(lines, method, self, args=(), kwargs=None):
    kwargs = kwargs or {}
    try:
        res = enc(getattr(self, method)(*args, **kwargs))
    except Exception as e:  # the error path is part of the expected behaviour
        res = 'E%s:%s' % (type(e).__name__, enc(str(e)))
    lines.append(' '.join([method, enc(self), enc(tuple(args)), enc(kwargs), res]))


SAMPLES = [
    '', 'a', 'A', 'hello world', 'Hello World', 'HELLO', 'hello', '  lead and trail  ', 'a1_b2',
    '_x', '1abc', 'abc def', 'ABC DEF ghi', "they're bill's friends", 'tab\there', 'x\ny\r\nz\rw',
    '123', '\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f \x85\xa0', 'caf\xe9', '\xdf', 'stra\xdfe', '\xc9COLE',
    '\xff\xe0\xb5', '\u0149n', 'j\u030c\u01f0', '\ufb01re', '\u0130stanbul', 'I\u0307',
    '\u01c5ungla', '\u01c4\u01c6', '\u03a3', '\u039f\u0394\u03a3', '\u039f\u0394\u03a3\u0391',
    '\u03a3\u03a3', 'A\u03a3.', 'A\u03a3\u0345', '\u0391\u0301\u03a3 \u03a3\u0391',
    '\u0661\u0662\u0663', '\xb2\xb3', '\u2167', '\xbd', '\u4e00\u4e8c', '\u3000\u2028\u2029',
    '\u1e9e', '\u1f80', '\u1fb3\u1fbc', '\u0345', '\U00010400\U00010428', '\U0001d7ce\U0001d7cf',
    '\U0001f600 smile', 'mixed \xe9\u4e00\U0001f600 text', '\ud800', 'a\x00b', '\x7f\x80',
    'ABC\u01c5', 'Abc Def', 'Abc def', 'aBC', '1A', '\u02b0', 'x\u2028y\u2029z\x85w\x1cv',
    '\U0001e900\U0001e922', '\u0587', '\u1e96', '\ufb13',
]

NOARGS = ['lower', 'upper', 'casefold', 'title', 'capitalize', 'swapcase', 'isalpha', 'isdigit',
          'isdecimal', 'isnumeric', 'isalnum', 'isspace', 'isidentifier', 'isprintable',
          'isascii', 'islower', 'isupper', 'istitle']


def gen_methods():
    lines = []
    for s in SAMPLES:
        for m in NOARGS:
            case(lines, m, s)
    hays = ['', 'abcabcab', 'aaaa', 'hello world hello', 'caf\xe9 caf\xe9', '\u4e00\u4e8c\u4e00',
            '\U0001f600a\U0001f600b\U0001f600', 'ab\xe9ab\u4e00ab\U0001f600ab',
            'abracadabra' * 3]
    needles = ['', 'a', 'ab', 'abc', 'b', 'x', 'aa', 'hello', '\xe9', 'caf\xe9', '\u4e00',
               '\U0001f600', 'ab\U0001f600', 'cadabraabra', 'abracadabraabracadabraabracadabra!']
    bounds = [(), (1,), (-3,), (2, 5), (0, -1), (None, 4), (10,), (-100, 100), (3, 2)]
    for h in hays:
        for n in needles:
            for m in ['find', 'rfind', 'index', 'rindex', 'count', 'startswith', 'endswith']:
                for b in bounds:
                    case(lines, m, h, (n,) + b)
            for m in ['partition', 'rpartition', 'removeprefix', 'removesuffix']:
                case(lines, m, h, (n,))
            case(lines, 'replace', h, (n, '<\xe9>'))
            for k in (0, 1, 2):
                case(lines, 'replace', h, (n, 'Z', k))
            if n:
                for k in (-1, 0, 1, 2):
                    case(lines, 'split', h, (n, k))
                    case(lines, 'rsplit', h, (n, k))
    for h in hays:
        case(lines, 'startswith', h, (('x', 'ab', '\u4e00'),))
        case(lines, 'endswith', h, (('x', 'ab', 'b'), 1, -1))
        case(lines, 'startswith', h, ((),))
    ws = ['', '   ', '  a b  c  ', 'one two\tthree\nfour', '\u3000x\u2028y\x85 z\xa0',
          'a\x1cb\x1dc\x1ed\x1fe', '  lead', 'trail  ']
    for s in ws + SAMPLES[:20]:
        for k in (-1, 0, 1, 2):
            case(lines, 'split', s, (None, k))
            case(lines, 'rsplit', s, (None, k))
        case(lines, 'split', s)
        case(lines, 'rsplit', s)
        case(lines, 'splitlines', s)
        case(lines, 'splitlines', s, (True,))
        for m in ['strip', 'lstrip', 'rstrip']:
            case(lines, m, s)
            case(lines, m, s, (None,))
            case(lines, m, s, (' a',))
            case(lines, m, s, ('',))
        case(lines, 'expandtabs', s)
        for w in (-1, 0, 5, 12, 13):
            case(lines, 'center', s, (w,))
            case(lines, 'ljust', s, (w, '*'))
            case(lines, 'rjust', s, (w, '\u4e00'))
            case(lines, 'center', s, (w, '\U0001f600'))
            case(lines, 'zfill', s, (w,))
    for s in ['x\ny\r\nz\rw\x0bv\x0cu\x1ct\x1ds\x1er\x85q\u2028p\u2029o', '\n\n', '\r\n', 'end\n',
              'a\r', '\r\r\n\n']:
        case(lines, 'splitlines', s)
        case(lines, 'splitlines', s, (), {'keepends': True})
    for s in ['a\tb\tc', '\t', 'ab\tcd\n\tx\r\ty', '12345678\t9', '\u4e00\t\U0001f600\tz']:
        for t in (0, 1, 3, 8, -1):
            case(lines, 'expandtabs', s, (t,))
        case(lines, 'expandtabs', s, (), {'tabsize': 4})
    for s in ['-42', '+7', '42', '', '-', '\u4e00', '--1']:
        for w in (0, 3, 6):
            case(lines, 'zfill', s, (w,))
    for sep in ['', ', ', '\xe9', '\U0001f600']:
        for items in [(), ('a',), ('a', 'b', 'c'), ('\u4e00', '', '\U0001f600'), ('x', 1)]:
            case(lines, 'join', sep, (items,))
    case(lines, 'join', ',', (3,))
    table = tuple(None if i % 7 == 0 else chr(0x4e00 + i) if i % 3 == 0 else i + 1
                  for i in range(120))
    for s in ['', 'abc', 'hello world', 'caf\xe9', '\x00\x07\x15', '\U0001f600x']:
        case(lines, 'translate', s, (table,))
        case(lines, 'translate', s, (('',) * 100,))
    for t in [5, (1,) * 100, (-1,) * 100, (0x110000,) * 100, ('ab',) * 100]:
        case(lines, 'translate', 'a', (t,))
    for s in ['a,b,,c', ',,', '']:
        case(lines, 'split', s, (), {'sep': ','})
        case(lines, 'split', s, (), {'sep': ',', 'maxsplit': 1})
        case(lines, 'rsplit', s, (',',), {'maxsplit': 1})
        case(lines, 'replace', s, (',', ';'), {'count': 1})
    # Error paths.
    for m, args in [('find', ()), ('find', (1,)), ('find', ('a', 'x')), ('find', ('a', 1, 2, 3)),
                    ('count', (None,)), ('index', ('zz',)), ('rindex', ('zz',)),
                    ('startswith', (1,)), ('startswith', (('a', 1),)), ('endswith', (None,)),
                    ('replace', (1, 'a')), ('replace', ('a', 1)), ('replace', ('a', 'b', 'c')),
                    ('split', ('',)), ('split', (1,)), ('rsplit', ('',)), ('split', ('a', 'b')),
                    ('partition', ('',)), ('partition', (1,)), ('rpartition', (None,)),
                    ('strip', (1,)), ('lstrip', (1,)), ('rstrip', (1,)), ('strip', ('a', 'b')),
                    ('removeprefix', (1,)), ('removesuffix', (None,)), ('center', ()),
                    ('center', ('a',)), ('center', (5, 'ab')), ('center', (5, 1)),
                    ('ljust', (5, '')), ('rjust', (1, 2, 3)), ('zfill', ('5',)),
                    ('expandtabs', ('x',)), ('join', (('a', None),))]:
        case(lines, m, 'abc', args)
    case(lines, 'split', 'a b', (), {'bad': 1})
    case(lines, 'split', 'a b', (' ',), {'sep': ' '})
    return lines


def gen_slots():
    lines = []
    for s in ['', 'abc', 'caf\xe9', '\u4e00\U0001f600x']:
        for i in (0, 1, -1, 2, 3, -4, 100):
            case(lines, '__getitem__', s, (i,))
        case(lines, '__getitem__', s, ('x',))
        for k in (-1, 0, 1, 3):
            case(lines, '__mul__', s, (k,))
        for n in ['', 'a', 'c', '\xe9', '\U0001f600', 'abc', 'bc\xe9']:
            case(lines, '__contains__', s, (n,))
        case(lines, '__contains__', s, (1,))
        case(lines, '__len__', s)
        case(lines, '__getnewargs__', s)
        for o in ['', 'abc', 'abd', 'ab', '\u4e00', '\U0001f600']:
            for m in ['__eq__', '__ne__', '__lt__', '__le__', '__gt__', '__ge__']:
                case(lines, m, s, (o,))
        case(lines, '__add__', s, ('\U0001f600',))
    return lines


def gen_format():
    lines = []
    fmts = [
        ('%s', ('x',)), ('%s', ('\u4e00',)), ('%r', ('a\'b',)), ('%a', ('caf\xe9 \u4e00 \U0001f600',)),
        ('%5s|%-5s|%.2s|%5.1s', ('ab', 'cd', 'efg', 'hij')), ('%05s', ('ab',)),
        ('%d %i %u', (1, -2, 3)), ('%5d|%-5d|%05d|%+d|% d|%+05d', (42, 42, 42, 42, 42, -42)),
        ('%.3d|%8.4d|%-8.4d|', (7, -7, 7)), ('%x %X %o', (255, 255, 8)),
        ('%#x %#X %#o %#5x %#05x %-#6o|', (255, 255, 8, 10, 10, 8)), ('%x', (-255,)),
        ('%c%c%c', (65, '\xe9', 0x1F600)), ('%3c|%-3c|', ('a', 66)),
        ('%*d|%-*d|%*d', (5, 1, 4, 2, -4, 3)), ('%.*s|%*.*s', (2, 'abcd', 6, 1, 'xyz')),
        ('%%|%s%%', ('p',)), ('%ld %hd %Lf', (1, 2, 3)),
        ('%f|%.2f|%10.3f|%-10.1f|%+f|% f|%010.2f', (1, 2, 3, 4, 5, 6, -7)),
        ('%e|%E|%.0e|%#.0e|%g|%G|%#g|%.3g', (12345, 12345, 5, 5, 100000000, 10**15, 1, 1234567)),
        ('%F', (10,)), ('no args', ()), ('%s', ((1, 2),)), ('%s %s', ('a',)),
        ('%s', ('a', 'b')), ('x', ('a',)), ('%', ('a',)), ('%q', (1,)), ('%5%', ()),
        ('%5%', (1,)), ('%\u4e00', (1,)), ('%d', ('a',)), ('%x', ('a',)), ('%o', (None,)),
        ('%c', ('ab',)), ('%c', (-1,)), ('%c', (0x110000,)), ('%c', (None,)), ('%f', ('a',)),
        ('%*d', ('a', 1)), ('%.*d', (1,)), ('%(a)s', (1,)), ('%s %', (1,)), ('%-', (1,)),
        ('\xe9%s\U0001f600', ('\u4e00',)), ('%.0s|', ('abc',)),
    ]
    for f, args in fmts:
        case(lines, '__mod__', f, (args,))
    for f, arg in [('%s', 'single'), ('%d', 5), ('x', 5), ('x', 'a'), ('%s', None),
                   ('%r', None), ('%s %s', 1)]:
        case(lines, '__mod__', f, (arg,))
    for spec in ['', 's', '5', '<5', '>5', '^5', '^6', '*^7', '\u4e00>4', '\U0001f600<3', '.1',
                 '.0', '10.2', '05', '0<5', '0>5', '=5', '0=5', '+', '-', ' ', '#', ',', '_', 'z',
                 'd', 'x', '\xe9', '.', '5.', 's5', ',s', '.2,', '>>5', 'x<5']:
        for v in ['', 'ab', 'caf\xe9', '\u4e00\U0001f600']:
            case(lines, '__format__', v, (spec,))
    case(lines, '__format__', 'ab', (5,))
    fmts = [
        ('{} {}', (1, 'a'), {}), ('{0} {1} {0}', ('x', 'y'), {}), ('{a}-{b}', (), {'a': 1, 'b': 'z'}),
        ('{{}} {{x}} }}{{', (), {}), ('{:>5}|{:<4}|{:^6}', ('a', 'b', 'c'), {}),
        ('{0!r} {0!s} {0!a}', ('caf\xe9\U0001f600',), {}), ('{0:{1}}', ('ab', 6), {}),
        ('{:{}{}}', ('ab', '>', 5), {}), ('{0!r:>{1}}', ('a', 5), {}), ('{0[1]}{0[0]}', (('p', 'q'),), {}),
        ('{0[0][1]}', (('ab',),), {}), ('{x[1]}', (), {'x': ('m', 'n')}), ('\u4e00{}\U0001f600', ('\xe9',), {}),
        ('{} {}', (1,), {}), ('{0} {}', (1, 2), {}), ('{} {0}', (1, 2), {}), ('{', (), {}),
        ('}', (), {}), ('a{0', (1,), {}), ('{a.b}', (), {'a': 1}), ('{0[x]}', ((1,),), {}),
        ('{!x}', (1,), {}), ('{a}', (), {}), ('{5}', (), {}), ('{:{:{}}}', (1, 2, 3), {}),
        ('{0.}', (1,), {}), ('{0[}', (1,), {}), ('{0]', (1,), {}), ('{0!rx}', (1,), {}),
        ('{:d}', ('x',), {}), ('{-1}', (1,), {}), ('{0[-1]}', ((1,),), {}), ('{0[]}', ((1,),), {}),
        ('{0[0]x}', (('a',),), {}), ('{0:x<{1}.{2}}', ('abcdef', 6, 2), {}), ('{0!s:}', ('q',), {}),
        ('{}', (None,), {}), ('{!r}', (None,), {}), ('{:5}', (None,), {}), ('{0!', (1,), {}),
        ('{:{', (1,), {}), ('{0{}', (1,), {}),
    ]
    for f, args, kw in fmts:
        case(lines, 'format', f, args, kw)
    case(lines, 'format_map', '{x}', (('a',),))
    case(lines, 'format_map', '{0}', (('a',),))
    case(lines, 'format_map', 'plain', (('a',),))
    case(lines, 'format_map', '{x}', (1,))
    case(lines, '__rmod__', 'x', ('%s!',))
    case(lines, '__mod__', '%d', (True,))
    return lines


ENCODINGS = ['utf-8', 'ascii', 'latin-1', 'UTF8', 'Latin_1', 'iso-8859-1', 'us-ascii', 'u8',
             'ebcdic-x']
HANDLERS = ['strict', 'ignore', 'replace', 'backslashreplace', 'xmlcharrefreplace',
            'surrogateescape', 'surrogatepass', 'bogus']


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


def gen_codec():
    lines = []
    texts = ['', 'plain ascii', 'caf\xe9', '\xff\x80', '\u4e00\u4e8c', '\U0001f600!',
             'a\ud800b', '\ud800\udc00', '\udc80\udcff', 'x\udc80\ud800y', '\udce9\u4e00',
             '\xe9\u4e00\U0001f600\x7f', '\x00nul', '\udfff']
    for t in texts:
        for e in ENCODINGS:
            for h in HANDLERS:
                codec_case(lines, 'enc', t, e, h)
    datas = [b'', b'ascii', b'caf\xc3\xa9', b'\xe4\xb8\x80', b'\xf0\x9f\x98\x80', b'\xff',
             b'\xe4\xb8x', b'\xe4\xb8', b'\xed\xa0\x80', b'\xed\xb2\x80\xed\xbf\xbf',
             b'\xc0\x80', b'\xf0\x90', b'\xf4\x90\x80\x80', b'\xe0\x80\x80', b'\x80abc',
             b'a\xe9b\xe9\xe9', b'\xf8\x88\x80\x80\x80', b'\xc3', b'\xf0\x80\x80']
    for d in datas:
        for e in ENCODINGS:
            for h in HANDLERS:
                codec_case(lines, 'dec', d, e, h)
    return lines


def main():
    if sys.version_info[:2] != (3, 14):
        sys.exit('run with the oracle, CPython 3.14')
    os.makedirs(OUT, exist_ok=True)
    for name, fn in [('methods', gen_methods), ('slots', gen_slots), ('format', gen_format),
                     ('codec', gen_codec)]:
        lines = fn()
        with open(os.path.join(OUT, name + '.txt'), 'w', encoding='ascii') as f:
            f.write('# generated by objects/gen/gen_str_tests.py with CPython %s; do not edit\n'
                    % sys.version.split()[0])
            f.write('\n'.join(lines) + '\n')
        print(name, len(lines))


if __name__ == '__main__':
    main()

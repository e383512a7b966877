#!/usr/bin/env python3
"""Writes the expected results of bytes and bytearray operations, computed by the oracle
(CPython 3.14), for tests/unit/objects/test_bytes.c and test_bytearray.c.

Run with the oracle and a fixed hash seed (hash values are compared):
    PYTHONHASHSEED=0 /opt/cpython314/bin/python3.14 objects/gen/gen_bytes_tests.py

Output: tests/unit/objects/bytes_expected/cases.txt, one case a line, tab-separated:
    op  receiver  args  result  receiver-after
Values are tokens: b:<hex> bytes, a:<hex> bytearray, i:<int>, s:<hex of UTF-8> str, n None,
T True, F False, f:<repr> a float, S:<start>,<stop>,<step> a slice
(n for None), I:<tok>,... an iterator over a list of those values, d:<tok>=<tok>|... a dict, t:<tok>,<tok>... a tuple, l:<tok>,... a list, k:<name>=<tok> a keyword
argument; args are tokens separated by spaces ('-' for none). The receiver of 'new' and of
'.fromhex'/'.maketrans' is the type: B (bytes) or A (bytearray). ops: a method name, or one of
+ * % += *= [] []= del[] in repr hash len list < <= == != > >= new .fromhex .maketrans.
result: r:<repr of the result> or e:<exception type>:<message>. receiver-after: repr of the
receiver after the operation ('-' when unchanged bytes).
"""
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, '..', '..', 'tests', 'unit', 'objects', 'bytes_expected', 'cases.txt')


def tok(v):
    if v is None:
        return 'n'
    if v is True:
        return 'T'
    if v is False:
        return 'F'
    if isinstance(v, bytes):
        return 'b:' + v.hex()
    if isinstance(v, bytearray):
        return 'a:' + v.hex()
    if isinstance(v, int):
        return 'i:%d' % v
    if isinstance(v, float):
        return 'f:%r' % v
    if isinstance(v, str):
        return 's:' + v.encode('utf-8').hex()
    if isinstance(v, slice):
        return 'S:' + ','.join('n' if x is None else str(x) for x in (v.start, v.stop, v.step))
    if isinstance(v, It):
        return 'I:' + ','.join(tok(x) for x in v.items)
    if isinstance(v, dict):
        return 'd:' + '|'.join(tok(k) + '=' + tok(x) for k, x in v.items())
    if isinstance(v, tuple):
        return 't:' + ','.join(tok(x) for x in v)
    if isinstance(v, list):
        return 'l:' + ','.join(tok(x) for x in v)
    raise ValueError(v)


class It:
    """An iterator over a list (iter([...])): a generic iterable, neither tuple nor list."""
    def __init__(self, *items):
        self.items = list(items)

    def make(self):
        return iter(list(self.items))


class Kw:
    def __init__(self, name, value):
        self.name, self.value = name, value


def args_tok(args):
    parts = []
    for a in args:
        parts.append('k:%s=%s' % (a.name, tok(a.value)) if isinstance(a, Kw) else tok(a))
    return ' '.join(parts) if parts else '-'


def live(v):
    return v.make() if isinstance(v, It) else v


def run(op, recv, args):
    pos = [live(a) for a in args if not isinstance(a, Kw)]
    kw = {a.name: live(a.value) for a in args if isinstance(a, Kw)}
    if op == 'new':
        return recv(*pos, **kw)
    if op.startswith('.'):
        return getattr(recv, op[1:])(*pos, **kw)
    if op == '+':
        return recv + pos[0]
    if op == '*':
        return recv * pos[0]
    if op == '%':
        return recv % pos[0]
    if op == '+=':
        r = recv
        r += pos[0]
        return r
    if op == '*=':
        r = recv
        r *= pos[0]
        return r
    if op == '[]':
        return recv[pos[0]]
    if op == '[]=':
        recv[pos[0]] = pos[1]
        return None
    if op == 'del[]':
        del recv[pos[0]]
        return None
    if op == 'in':
        return pos[0] in recv
    if op == 'repr':
        return repr(recv)
    if op == 'hash':
        return hash(recv)
    if op == 'len':
        return len(recv)
    if op == 'list':
        return list(recv)
    cmps = {'<': '__lt__', '<=': '__le__', '==': '__eq__', '!=': '__ne__', '>': '__gt__',
            '>=': '__ge__'}
    if op in cmps:
        import operator
        return getattr(operator, cmps[op])(recv, pos[0])
    return getattr(recv, op)(*pos, **kw)


def case(out, op, recv, *args):
    if isinstance(recv, bytearray):
        recv = bytearray(recv)   # a fresh copy per case
    rtok = 'B' if recv is bytes else 'A' if recv is bytearray else tok(recv)
    try:
        res = 'r:' + repr(run(op, recv, args))
    except Exception as e:  # noqa: BLE001 - every exception is an expected value
        res = 'e:%s:%s' % (type(e).__name__, e)
    after = repr(recv) if isinstance(recv, bytearray) else '-'
    line = '\t'.join([op, rtok, args_tok(args), res, after])
    assert '\n' not in line
    out.append(line)


def bytes_cases(out):
    B = bytes
    samples = [b'', b'a', b'hello world', b'  spaced  out \t\n', b"it's", b'say "hi"',
               b'both \' and "', b'\x00\x01\x7f\x80\xff', b'\\back\\', b'tab\tnl\nr\r',
               b'MiXeD CaSe 123', b'Title Case Words', b'abcabcabc']
    for s in samples:
        for op in ('repr', 'hash', 'len', 'list'):
            case(out, op, s)
        for m in ('lower', 'upper', 'swapcase', 'capitalize', 'title', 'isalnum', 'isalpha',
                  'isascii', 'isdigit', 'islower', 'isupper', 'isspace', 'istitle', 'hex',
                  'strip', 'lstrip', 'rstrip', 'split', 'rsplit', 'splitlines', 'expandtabs',
                  'decode'):
            case(out, m, s)
            case(out, m, bytearray(s))
    h = b'hello world hello'
    for m in ('find', 'rfind', 'index', 'rindex', 'count'):
        for sub in (b'hello', b'o', b'', b'zz', ord('o'), 300, -1, 'o', bytearray(b'wor')):
            case(out, m, h, sub)
            case(out, m, bytearray(h), sub)
        for st, en in ((1, None), (2, 14), (-5, None), (0, -3), (20, 30), (None, 5), (5, 2)):
            case(out, m, h, b'l', st, en)
            case(out, m, h, b'', st, en)
        case(out, m, h, b'l', 'x')
        case(out, m, h)
        case(out, m, h, b'l', 1, 2, 3)
    for m in ('startswith', 'endswith'):
        for arg in (b'hel', b'llo', b'', (b'x', b'hel'), (b'x', b'llo'), (), 'h', (b'x', 'h'),
                    (b'h', 'h'), bytearray(b'hel')):
            case(out, m, h, arg)
        for st, en in ((1, None), (0, 5), (-5, None), (6, -6), (20, None)):
            case(out, m, h, b'hello', st, en)
            case(out, m, h, b'', st, en)
        case(out, m, h, b'h', 'x')
    for args in ((b'l', b'L'), (b'l', b'LL', 2), (b'', b'-'), (b'', b'-', 3), (b'hello', b''),
                 (b'zz', b'y'), (b'l', b'L', 0), (b'l', b'L', -1), ('l', b'L'), (b'l', 'L'),
                 (b'l',), (b'o', bytearray(b'0'))):
        case(out, 'replace', h, *args)
        case(out, 'replace', bytearray(h), *args)
    for s in (b'a,b,,c', b'  a  b  c  ', b'', b'a', b',a,', b'one  two\tthree\nfour'):
        for args in ((), (b',',), (None, 1), (b',', 1), (b',', 0), (b',', -1), (None, 2),
                     (b'',), (',',), (Kw('sep', b','),), (Kw('maxsplit', 1),), (b',', 'x')):
            case(out, 'split', s, *args)
            case(out, 'rsplit', s, *args)
    for s in (b'a\nb\r\nc\rd\n', b'', b'\n\n', b'no newline', b'x\r'):
        case(out, 'splitlines', s)
        case(out, 'splitlines', s, True)
        case(out, 'splitlines', s, Kw('keepends', True))
    for s in (b'a=b=c', b'abc', b'', b'=='):
        for sep in (b'=', b'bc', b'', '=', bytearray(b'=')):
            case(out, 'partition', s, sep)
            case(out, 'rpartition', s, sep)
            case(out, 'partition', bytearray(s), sep)
    for s in (b'  xx  ', b'xyxzyx', b'', b'\t\n x \x0b\x0c'):
        for m in ('strip', 'lstrip', 'rstrip'):
            for arg in ((), (b'xy',), (None,), (b'',), ('x',), (1,), (b'x', b'y')):
                case(out, m, s, *arg)
    for m in ('removeprefix', 'removesuffix'):
        for arg in (b'ab', b'', b'abcd', b'cd', b'zz', 'ab', 1, bytearray(b'ab')):
            case(out, m, b'abcd', arg)
            case(out, m, bytearray(b'abcd'), arg)
    for items in ((), (b'a',), (b'a', b'b', b'c'), [b'x', bytearray(b'y')], (b'a', 'b'),
                  [b'a', 1], 1, (bytearray(b'q'),)):
        case(out, 'join', b', ', items)
        case(out, 'join', b'', items)
        case(out, 'join', bytearray(b'-'), items)
    for m in ('center', 'ljust', 'rjust'):
        for args in ((10,), (2,), (9, b'*'), (8, b'*'), (-1,), ('a',), (5, 'x'), (5, b'xy'),
                     (5, 1), ()):
            case(out, m, b'abc', *args)
            case(out, m, b'ab', *args)
            case(out, m, bytearray(b'abc'), *args)
    for s in (b'42', b'-42', b'+7', b'', b'abc'):
        for w in (5, 1, 0, -3):
            case(out, 'zfill', s, w)
    case(out, 'zfill', b'1', 'a')
    for s in (b'a\tb', b'\t', b'ab\tcd\n\tx', b'\r\t'):
        for args in ((), (4,), (0,), (1,), (Kw('tabsize', 3),), ('x',)):
            case(out, 'expandtabs', s, *args)
    for s in (b'', b'\x01', b'\xde\xad\xbe\xef', b'abcdefg'):
        for args in ((), (':',), (b'-',), (':', 2), (':', -2), (':', 3), (':', 0),
                     (Kw('sep', '_'), Kw('bytes_per_sep', 4)), ('::',), (b'\xff',), ('\xe9',),
                     (1,), (':', 'a')):
            case(out, 'hex', s, *args)
    for cls in (B, bytearray):
        for arg in ('', '00', 'de ad  BE ef', ' 0a0b ', '0', 'zz', 'a g', '0 1', 'ab c',
                    'é0', b'6162', 1, bytearray(b'41')):
            case(out, '.fromhex', cls, arg)
        for args in ((b'ab', b'xy'), (b'a', b'xy'), ('a', b'x'), (b'',  b'')):
            case(out, '.maketrans', cls, *args)
    table = bytes.maketrans(b'abc', b'xyz')
    for args in ((table,), (None, b'l'), (table, b'a'), (b'x',), (None,), ('x',),
                 (Kw('delete', b'o'), Kw('table', None)), ()):
        case(out, 'translate', b'abc hello', *args)
        case(out, 'translate', bytearray(b'abc hello'), *args)
    for s, args in ((b'abc', ()), (b'h\xc3\xa9', ()), (b'\xff', ()), (b'\xff', ('latin-1',)),
                    (b'\xff', ('ascii', 'replace')), (b'\xff', ('utf-8', 'ignore')),
                    (b'a', ('nope',)), (b'a', (1,)), (b'\xffa', (Kw('errors', 'backslashreplace'),)),
                    (b'x', (Kw('encoding', 'ascii'),))):
        case(out, 'decode', s, *args)
    # Slots.
    for a, b in ((b'ab', b'cd'), (b'', b'x'), (b'x', b''), (b'ab', bytearray(b'c')), (b'a', 'b'),
                 (b'a', 1)):
        case(out, '+', a, b)
    for n in (0, 1, 3, -1, 'a'):
        case(out, '*', b'ab', n)
        case(out, '*', b'z', n)
    for k in (0, 2, -1, -3, 3, -4, 'a', 2**70):
        case(out, '[]', b'abc', k)
    for sl in (slice(None, None, None), slice(1, 3, None), slice(None, None, -1), slice(0, 5, 2),
               slice(-2, None, None), slice(5, 1, -2), slice(10, 20, None), slice(None, None, 0),
               slice(3, 1, None), slice(-100, 100, 3)):
        case(out, '[]', b'abcdef', sl)
    for v in (ord('a'), 255, 256, -1, b'bc', b'', b'xyz', 'a', bytearray(b'c'), 1.5):
        case(out, 'in', b'abcd', v)
    for a, b in ((b'a', b'b'), (b'ab', b'a'), (b'a', b'a'), (b'', b''), (b'\xff', b'\x00'),
                 (b'a', bytearray(b'a')), (b'a', 'a'), (b'a', 1)):
        for op in ('<', '<=', '==', '!=', '>', '>='):
            case(out, op, a, b)
    for args in ((), (b'abc',), (3,), (0,), (-1,), ([1, 2, 255],), ((104, 105),), ([256],),
                 ([-1],), (['a'],), ('abc',), ('abc', 'ascii'), ('é', 'latin-1'),
                 ('é', 'ascii'), ('é', 'ascii', 'replace'), ('a', 'nope'), (b'a', 'utf-8'),
                 (Kw('source', b'x'),), (Kw('x', 1),), (1.5,), (bytearray(b'ba'),),
                 (b'a', Kw('errors', 'strict')), (1, 2, 3, 4), ('a', 1),
                 (Kw('source', 'é'), Kw('encoding', 'utf-8')), (None,), (2**70,),
                 (It(1, 2, 3),), (It(),), (It(1, 300),), (It('a'),)):
        case(out, 'new', B, *args)
    for items in (It(b'a', b'b'), It(), It(b'a', 1)):
        case(out, 'join', b'-', items)
    # PEP 461 %-formatting.
    for fmt, args in ((b'%s', 'a'), (b'%b', 1), (b'%c', 256), (b'%c', b'ab'), (b'%c', 'a'),
                      (b'%d', 'a'), (b'%d %d', (1,)), (b'%d', (1, 2)), (b'%', ()), (b'%q', 1),
                      (b'%(a)s', 1), (b'%*d', ('a', 1)), (b'%.*d', ('a', 1)), (b'%r', '\xe9'),
                      (b'%a', b'x'), (b'%5.2s|%-4b|', (b'abc', b'x')),
                      (b'%x %X %o %#x %+d % d %05d %e %.2f %g %i %u',
                       (255, 255, 8, 255, 3, 3, -42, 1.5, 2.345, 1e20, 7, 8)),
                      (b'%s', bytearray(b'z')), (b'%c%c', (65, b'B')), (b'abc', ()),
                      (b'abc', 1), (b'%d', 2**70), (b'%f', 'x'), (b'%x', 1.5),
                      (b'%s %s', [b'a', b'b']), (b'%5c|%-3c|', (65, 66)), (b'%.1a', 'xyz'),
                      (b'%%', ()), (b'%%d', 1), (b'%ld', 5), (b'% 5s', b'ab'), (b'%', 1),
                      (b'%*s|%-*d|%.*f', (4, b'x', 3, 7, 2, 3.14159)), (b'%e', None),
                      (b'%5.1f|%-8.3e|%#o|%+x', (2.25, 12345.678, 8, 255)), (b'%d', 1.7),
                      (b'%c', bytearray(b'q')), (b'%c', bytearray(b'qq')), (b'%s', (b'x',)),
                      (b'%r', 1), (b'%a', [1, 'b']), (b'%\x01', 1), (b'%-*d|', (-5, 1)),
                      (b'%(a)s-%(b)d', {b'a': b'x', b'b': 5}), (b'%(a)s', {'a': b'x'}),
                      (b'%(', {}), (b'%(a)', {b'a': 1}), (b'abc', {}), (b'%(a)s %s', {b'a': b'x'}),
                      (b'%c|%c', (200, 0)), (b'%(a(b))s', {b'a(b)': b'nested'}),
                      (b'%.3s|%-6.2f|%06.1e', (b'abcdef', 3.14159, -2.5)),
                      (b'%05.3d|%.3d|%+.3d|%#.4x|%-6.3d|%.0d|%8.3o|%#8.3X|%.3d|%0-5.2d|',
                       (5, -5, 5, 255, 5, 0, 8, 255, 1.9, 3)),
                      (b'%-5d|%05d|%-05d|%+5d|%x|%#o', (3, -3, 7, 9, -255, 0))):
        case(out, '%', fmt, args)
        case(out, '%', bytearray(fmt), args)


def bytearray_cases(out):
    A = bytearray
    for s in (b'', b'a', b"it's", b'\x00\xff\\', b'say "hi"'):
        case(out, 'repr', A(s))
        case(out, 'hash', A(s))
        case(out, 'len', A(s))
        case(out, 'list', A(s))
    for v in (0, 255, 256, -1, 'a', 97):
        case(out, 'append', A(b'xy'), v)
    for v in (b'', b'abc', A(b'q'), [1, 2], (3,), [256], 'ab', 5, [-1], ['a'], It(4, 5), It(),
              It(1, 256), It(b'x'), None):
        case(out, 'extend', A(b'xy'), v)
    for args in ((0, 97), (1, 97), (-1, 97), (10, 97), (-10, 97), (0, 256), ('a', 1), (0,),
                 (0, 'a')):
        case(out, 'insert', A(b'xyz'), *args)
    for args in ((), (0,), (1,), (-1,), (3,), (-4,), ('a',), (1, 2)):
        case(out, 'pop', A(b'xyz'), *args)
        case(out, 'pop', A(b''), *args)
    for v in (ord('y'), ord('q'), 300, 'y'):
        case(out, 'remove', A(b'xyzy'), v)
    for s in (b'', b'a', b'abcd', b'abcde'):
        case(out, 'reverse', A(s))
        case(out, 'clear', A(s))
        case(out, 'copy', A(s))
    for k, v in ((0, 65), (-1, 65), (3, 65), (-4, 65), (0, 256), (0, 'a'), ('a', 1), (0, -1)):
        case(out, '[]=', A(b'xyz'), k, v)
    for k in (0, -1, 3, -4, 'a', 1):
        case(out, 'del[]', A(b'xyz'), k)
        case(out, '[]', A(b'xyz'), k)
    slices = (slice(None, None, None), slice(1, 3, None), slice(None, None, -1), slice(0, 5, 2),
              slice(-2, None, None), slice(5, 1, -2), slice(10, 20, None), slice(None, None, 0),
              slice(3, 1, None), slice(1, None, 3), slice(None, None, -2), slice(4, 0, -1))
    for sl in slices:
        case(out, '[]', A(b'abcdef'), sl)
        case(out, 'del[]', A(b'abcdef'), sl)
        for v in (b'', b'XY', b'XYZ', b'123456', A(b'Q'), [65, 66], It(67), 5, 'ab', [300],
                  It('a'), None):
            case(out, '[]=', A(b'abcdef'), sl, v)
    for v in (b'ab', A(b'c'), b'', 'a', 1):
        case(out, '+', A(b'xy'), v)
        case(out, '+=', A(b'xy'), v)
    for n in (0, 1, 3, -2, 'a'):
        case(out, '*', A(b'xy'), n)
        case(out, '*=', A(b'xy'), n)
    for v in (ord('x'), 256, b'yz', A(b'y'), 'x', b''):
        case(out, 'in', A(b'xyz'), v)
    for a, b in ((A(b'a'), b'b'), (A(b'ab'), A(b'a')), (A(b'a'), b'a'), (A(b''), b''),
                 (A(b'a'), 'a')):
        for op in ('<', '<=', '==', '!=', '>', '>='):
            case(out, op, a, b)
    for args in ((), (b'abc',), (3,), (-1,), ([1, 2, 255],), ([256],), (['a'],), ('abc',),
                 ('abc', 'ascii'), ('é', 'utf-8'), (b'a', 'utf-8'), (1.5,), (A(b'q'),),
                 (1, 2, 3, 4), (Kw('x', 1),), (None,), (It(1, 2),), (It(256),)):
        case(out, 'new', A, *args)
    # Shared methods on a bytearray receiver: results are bytearrays.
    for m, args in (('upper', ()), ('split', ()), ('split', (b'b',)), ('partition', (b'b',)),
                    ('strip', (b'a',)), ('replace', (b'b', b'B')), ('center', (7,)),
                    ('zfill', (6,)), ('join', ((b'1', b'2'),)), ('removeprefix', (b'a',)),
                    ('hex', ()), ('find', (b'b',)), ('decode', ()), ('rsplit', (None, 1))):
        case(out, m, A(b'abcab'), *args)


def main():
    if sys.version_info[:2] != (3, 14):
        sys.exit('run with the CPython 3.14 oracle')
    if os.environ.get('PYTHONHASHSEED') != '0':
        sys.exit('run with PYTHONHASHSEED=0 (hash values are compared)')
    out = []
    bytes_cases(out)
    bytearray_cases(out)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, 'w', encoding='utf-8') as f:
        f.write('\n'.join(out) + '\n')
    print('%d cases -> %s' % (len(out), os.path.normpath(OUT)))


if __name__ == '__main__':
    main()

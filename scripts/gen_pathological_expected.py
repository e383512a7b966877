#!/usr/bin/env python3
"""scripts/gen_pathological_expected.py: the oracle's verdict on pathological parser inputs.

Writes tests/unit/compiler/pathological_expected.txt, which tests/unit/compiler/test_pathological.c
reads. Each case is built from a recipe, prefix + open*count + middle + close*count + suffix, so the
C test rebuilds exactly the same bytes in memory without a copy of the case list. Every file in
tests/fuzz/regress/ is a case too (recipe: the file). The oracle (CPython 3.14) parses each input
like ast.parse does: compile(src, '<unknown>', 'exec', ast.PyCF_ONLY_AST), with src the bytes
(mode "file", PEP 263 decoding: ftpy's ft_parse_file) or the bytes decoded as UTF-8 (mode
"string": ft_parse_string). Each input runs in its own oracle process, so a crash or a hang of
the oracle is recorded rather than fatal.

Table format, one case a line, tab-separated fields with backslash escapes (\\n \\r \\t \\\\ \\xNN):
  name mode prefix open count middle close suffix class msgcheck lineno offset message
class is "OK" when the oracle builds a tree; msgcheck is 1 when the message is deterministic and
must match (0 for MemoryError/RecursionError, whose text depends on the host's limits).

Usage: gen_pathological_expected.py [--oracle PYTHON] [--out FILE]
"""
import argparse
import os
import subprocess
import sys
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEEP = 100_000
MB10 = 10 * 1000 * 1000

# (name, mode, prefix, open, count, middle, close, suffix)
CASES = [
    # Invalid UTF-8 in various positions.
    ('utf8_first_byte', 'file', b'\xff = 1\n', b'', 0, b'', b'', b''),
    ('utf8_continuation_alone', 'file', b'x = 1\n\x80\n', b'', 0, b'', b'', b''),
    ('utf8_in_identifier', 'file', b'ab\xc3 = 1\n', b'', 0, b'', b'', b''),
    ('utf8_in_string', 'file', b"x = '\xe9'\n", b'', 0, b'', b'', b''),
    ('utf8_in_comment', 'file', b'x = 1  # caf\xe9\n', b'', 0, b'', b'', b''),
    ('utf8_in_fstring', 'file', b"f'{x}\xfe'\n", b'', 0, b'', b'', b''),
    ('utf8_overlong', 'file', b"x = '\xc0\xaf'\n", b'', 0, b'', b'', b''),
    ('utf8_surrogate', 'file', b"x = '\xed\xa0\x80'\n", b'', 0, b'', b'', b''),
    ('utf8_above_max', 'file', b"x = '\xf4\x90\x80\x80'\n", b'', 0, b'', b'', b''),
    ('utf8_truncated_at_eof', 'file', b"x = '\xe2\x82", b'', 0, b'', b'', b''),
    ('utf8_after_many_lines', 'file', b'', b'pass\n', 1000, b'y = "\xc3\x28"\n', b'', b''),
    ('utf8_bom_then_bad', 'file', b'\xef\xbb\xbfx = 1\n\xff\n', b'', 0, b'', b'', b''),
    ('utf8_bad_after_latin1_cookie', 'file', b'# coding: latin-1\nx = "\xff"\n', b'', 0, b'',
     b'', b''),
    # NUL bytes.
    ('nul_only', 'file', b'\x00', b'', 0, b'', b'', b''),
    ('nul_in_code', 'file', b'x = 1\x00\n', b'', 0, b'', b'', b''),
    ('nul_in_string', 'file', b"x = '\x00'\n", b'', 0, b'', b'', b''),
    ('nul_in_comment', 'file', b'# \x00\nx = 1\n', b'', 0, b'', b'', b''),
    ('nul_at_end', 'file', b'x = 1\n\x00', b'', 0, b'', b'', b''),
    ('nul_text_mode', 'string', b'x = 1\x00\n', b'', 0, b'', b'', b''),
    # 100,000-deep nesting.
    ('deep_parens', 'file', b'', b'(', DEEP, b'x', b')', b'\n'),
    ('deep_brackets', 'file', b'', b'[', DEEP, b'x', b']', b'\n'),
    ('deep_braces', 'file', b'', b'{', DEEP, b'x', b'}', b'\n'),
    ('deep_parens_unclosed', 'file', b'', b'(', DEEP, b'', b'', b''),
    ('deep_unary_minus', 'file', b'', b'-', DEEP, b'x', b'', b'\n'),
    ('deep_unary_invert', 'file', b'', b'~', DEEP, b'x', b'', b'\n'),
    ('deep_not', 'file', b'', b'not ', DEEP, b'x', b'', b'\n'),
    ('deep_lambda', 'file', b'', b'lambda: ', DEEP, b'x', b'', b'\n'),
    ('deep_if_else', 'file', b'', b'x if y else ', DEEP, b'z', b'', b'\n'),
    ('deep_call_nested', 'file', b'', b'f(', DEEP, b'x', b')', b'\n'),
    ('deep_call_chain', 'file', b'f', b'', 0, b'', b'()', b'\n'),
    ('deep_fstring', 'file', b'', b'f"{', DEEP, b'x', b'}"', b'\n'),
    ('deep_attribute_chain', 'file', b'x', b'', 0, b'', b'.a', b'\n'),
    ('deep_subscript_chain', 'file', b'x', b'', 0, b'', b'[0]', b'\n'),
    ('deep_power', 'file', b'', b'x**', DEEP, b'x', b'', b'\n'),
    ('deep_await', 'file', b'async def f():\n    ', b'await ', DEEP, b'x', b'', b'\n'),
    ('deep_star_target', 'file', b'', b'*', DEEP, b'x', b'', b' = y\n'),
    ('deep_if_blocks', 'file', b'', b'if x:\n', 0, b'', b'', b''),
    ('deep_indent_100', 'file', b'', b'', 0, b'', b'', b''),
    # Huge inputs.
    # A 1 MB line of 500,000 list items: 10 MB (5,000,000 items) takes ftpy ~40 s at -O0.
    # TODO(#3): back to 10 MB once ftpy's per-token cost allows it in a Debug+ASan test.
    ('line_1mb_list', 'file', b'x = [', b'1,', 500_000, b'', b'', b']\n'),
    ('line_10mb_name', 'file', b'', b'x', MB10, b' = 1', b'', b'\n'),
    ('line_10mb_string', 'file', b'x = "', b'a', MB10, b'"', b'', b'\n'),
    ('line_10mb_bytes', 'file', b"x = b'", b'a', MB10, b"'", b'', b'\n'),
    ('line_10mb_comment', 'file', b'x = 1  # ', b'a', MB10, b'', b'', b'\n'),
    ('line_10mb_unterminated_string', 'file', b'x = "', b'a', MB10, b'', b'', b'\n'),
    ('line_400kb_binop_chain', 'file', b'x = 1', b'', 0, b'', b'+1', b'\n'),
    ('lines_1m', 'file', b'', b'x = 1\n', 1_000_000, b'', b'', b''),
    ('lines_1m_blank_then_error', 'file', b'', b'\n', 1_000_000, b'x = = 1\n', b'', b''),
    ('lines_100k_continuation', 'file', b'x = (', b'1,\n', 100_000, b')\n', b'', b''),
    ('lines_100k_open_paren', 'file', b'x = (\n', b'1,\n', 100_000, b'', b'', b''),
]

# Cases whose count applies only to `close` (left-recursive chains) or that need a custom count.
CLOSE_ONLY = {'deep_call_chain': DEEP, 'deep_attribute_chain': DEEP, 'deep_subscript_chain': DEEP,
              'line_400kb_binop_chain': 200_000}


def expand_cases():
    out = []
    for name, mode, prefix, opn, count, middle, close, suffix in CASES:
        if name in CLOSE_ONLY:
            count = CLOSE_ONLY[name]
            opn = b''
        if name == 'deep_if_blocks':
            # if statements nested 100 deep: CPython's tokenizer stops at 100 indentation levels.
            out.append((name, mode, b'', b'', 0, b''.join(b' ' * i + b'if x:\n' for i in range(101))
                        + b' ' * 101 + b'pass\n', b'', b''))
            continue
        if name == 'deep_indent_100':
            out.append((name, mode, b'', b'', 0, b''.join(b' ' * i + b'if x:\n' for i in range(99))
                        + b' ' * 99 + b'pass\n', b'', b''))
            continue
        out.append((name, mode, prefix, opn, count, middle, close, suffix))
    regress = os.path.join(ROOT, 'tests', 'fuzz', 'regress')
    for fname in sorted(os.listdir(regress)):
        if fname.startswith('.') or fname.endswith('.md'):
            continue
        out.append(('@regress/' + fname, 'file', b'', b'', 0, b'', b'', b''))
    return out


def build(case):
    name, mode, prefix, opn, count, middle, close, suffix = case
    if name.startswith('@regress/'):
        with open(os.path.join(ROOT, 'tests', 'fuzz', 'regress', name[len('@regress/'):]), 'rb') as f:
            return f.read()
    if opn:
        return prefix + opn * count + middle + close * count + suffix
    return prefix + middle + close * count + suffix


ORACLE_CHILD = r'''
import ast, sys
mode = sys.argv[2]
with open(sys.argv[1], 'rb') as f:
    src = f.read()
try:
    if mode == 'string':
        src = src.decode('utf-8')
    compile(src, '<unknown>', 'exec', ast.PyCF_ONLY_AST)
    print('OK\t1\t0\t0\t')
except SyntaxError as e:
    print('%s\t1\t%s\t%s\t%s' % (type(e).__name__, e.lineno or 0, e.offset or 0, e.msg))
except (MemoryError, RecursionError) as e:
    print('%s\t0\t0\t0\t%s' % (type(e).__name__, e))
except Exception as e:
    print('%s\t1\t0\t0\t%s' % (type(e).__name__, e))
'''


def escape(data):
    out = []
    for b in data:
        c = chr(b)
        if c == '\\':
            out.append('\\\\')
        elif c == '\n':
            out.append('\\n')
        elif c == '\r':
            out.append('\\r')
        elif c == '\t':
            out.append('\\t')
        elif 0x20 <= b < 0x7f:
            out.append(c)
        else:
            out.append('\\x%02x' % b)
    return ''.join(out)


def run_oracle(oracle, data, mode):
    with tempfile.NamedTemporaryFile(suffix='.py', delete=False) as f:
        f.write(data)
        path = f.name
    try:
        r = subprocess.run([oracle, '-c', ORACLE_CHILD, path, mode], capture_output=True,
                           timeout=300)
        line = r.stdout.decode('utf-8', 'backslashreplace').rstrip('\n')
        if r.returncode != 0 or not line:
            return 'OracleCrash\t0\t0\t0\texit %d' % r.returncode
        return line.split('\n')[-1]
    except subprocess.TimeoutExpired:
        return 'OracleTimeout\t0\t0\t0\t'
    finally:
        os.unlink(path)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--oracle', default=os.environ.get('FTPY_ORACLE',
                                                       '/opt/cpython314/bin/python3.14'))
    ap.add_argument('--out', default=os.path.join(ROOT, 'tests', 'unit', 'compiler',
                                                  'pathological_expected.txt'))
    args = ap.parse_args()
    lines = ['# Generated by scripts/gen_pathological_expected.py from %s; do not edit.'
             % os.path.basename(args.oracle),
             '# name mode prefix open count middle close suffix class msgcheck lineno offset message']
    for case in expand_cases():
        name, mode, prefix, opn, count, middle, close, suffix = case
        verdict = run_oracle(args.oracle, build(case), mode)
        cls, msgcheck, lineno, offset, msg = verdict.split('\t', 4)
        fields = [name, mode, escape(prefix), escape(opn), str(count), escape(middle), escape(close),
                  escape(suffix), cls, msgcheck, lineno, offset, escape(msg.encode('utf-8',
                                                                                  'surrogateescape'))]
        lines.append('\t'.join(fields))
        print('%-36s %s' % (name, verdict.replace('\t', ' | ')[:110]), file=sys.stderr)
    with open(args.out, 'w') as f:
        f.write('\n'.join(lines) + '\n')
    print('wrote %d cases to %s' % (len(lines) - 2, args.out), file=sys.stderr)


if __name__ == '__main__':
    main()

#!/usr/bin/env python3
"""scripts/extract_syntax_snippets.py: the invalid-syntax snippets of CPython's own tests, as JSON.

Usage (run it with the oracle interpreter, CPython 3.14):
  /opt/cpython314/bin/python3.14 scripts/extract_syntax_snippets.py [--testdir DIR] OUT.json

Reads test_syntax, test_grammar, test_exceptions, test_fstring, test_patma and test_eof from DIR
(default: the oracle's own Lib/test), collects every source string they expect to be rejected, keeps
the ones the running interpreter really rejects with compile(src, '<snippet>', 'exec'), and writes
a list of {"module", "source", "class", "msg", "lineno", "offset", "end_lineno", "end_offset",
"stage"}; stage is "parser" when ast.parse() rejects the snippet too, "compiler" when only the
later passes (symbol table, code generation) do.
The output belongs in a build directory: the snippets are CPython's test data, not ftpy's.

Where snippets come from:
  - doctest examples whose expected output is a SyntaxError traceback (test_syntax's docstring);
  - string arguments of the helpers the tests call with source text (_check_error, ckmsg, check,
    check_syntax_error, assertAllRaise, assert_syntax_error, ...), found with the ast module; a
    name argument is resolved through simple assignments and for-loops over literal lists;
  - compile()/exec()/eval() arguments inside `with self.assertRaises(SyntaxError)` blocks and in
    assertRaises(SyntaxError, compile, SRC, ...) calls.
"""
import argparse
import ast
import doctest
import inspect
import json
import os
import sys
import sysconfig
import textwrap
import warnings

MODULES = ["test_syntax", "test_grammar", "test_exceptions", "test_fstring", "test_patma", "test_eof"]

# helper name -> index of the argument that holds the source (or sources)
HELPERS = {
    "_check_error": 0,
    "ckmsg": 0,
    "check": 0,
    "check_syntax_error": 1,
    "assertAllRaise": 2,
    "assert_syntax_error": 0,
    "assertSyntaxError": 0,
    "_check_in_scopes": 0,
    "check_syntax_error_in_scopes": 0,
}
# helpers that compile inspect.cleandoc(code) rather than code
CLEANDOC_HELPERS = {"assert_syntax_error"}
COMPILERS = {"compile", "exec", "eval"}
SYNTAX_ERRORS = {"SyntaxError", "IndentationError", "TabError"}


def call_name(node):
    f = node.func
    if isinstance(f, ast.Name):
        return f.id
    if isinstance(f, ast.Attribute):
        return f.attr
    return None


class Evaluator:
    """Turns an argument expression into the list of strings it may stand for."""

    def __init__(self, bindings):
        self.bindings = bindings

    def values(self, node, depth=0):
        if depth > 8:
            return []
        if isinstance(node, ast.Constant):
            return [node.value] if isinstance(node.value, (str, bytes)) else []
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            out = []
            for elt in node.elts:
                out.extend(self.values(elt, depth + 1))
            return out
        if isinstance(node, ast.Name):
            out = []
            for v in self.bindings.get(node.id, []):
                out.extend(self.values(v, depth + 1))
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return [a + b for a in self.values(node.left, depth + 1)
                    for b in self.values(node.right, depth + 1)
                    if type(a) is type(b)][:50]
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
            try:
                return [ast.literal_eval(node)]
            except Exception:
                return []
        if isinstance(node, ast.Call):
            name = call_name(node)
            if name == "dedent" and node.args:
                return [textwrap.dedent(v) for v in self.values(node.args[0], depth + 1)
                        if isinstance(v, str)]
            if name in ("encode",) and isinstance(node.func, ast.Attribute):
                return [v.encode() for v in self.values(node.func.value, depth + 1)
                        if isinstance(v, str)]
        return []


def bindings_of(func):
    """name -> expressions assigned to it (or iterated over) anywhere in the function."""
    out = {}
    for node in ast.walk(func):
        if isinstance(node, ast.Assign):
            for t in node.targets:
                if isinstance(t, ast.Name):
                    out.setdefault(t.id, []).append(node.value)
        elif isinstance(node, (ast.For, ast.comprehension)):
            if isinstance(node.target, ast.Name):
                out.setdefault(node.target.id, []).append(node.iter)
            elif isinstance(node.target, ast.Tuple) and isinstance(node.iter, (ast.List, ast.Tuple)):
                for i, t in enumerate(node.target.elts):
                    if isinstance(t, ast.Name):
                        for row in node.iter.elts:
                            if isinstance(row, ast.Tuple) and len(row.elts) > i:
                                out.setdefault(t.id, []).append(row.elts[i])
    return out


def raises_syntax_error(with_node):
    for item in with_node.items:
        e = item.context_expr
        if isinstance(e, ast.Call) and call_name(e) in ("assertRaises", "assertRaisesRegex") and e.args:
            a = e.args[0]
            if isinstance(a, ast.Name) and a.id in SYNTAX_ERRORS:
                return True
    return False


def from_ast(tree):
    found = []
    funcs = [n for n in ast.walk(tree) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    funcs.append(tree)
    for func in funcs:
        ev = Evaluator(bindings_of(func))
        body_nodes = list(ast.walk(func))
        for node in body_nodes:
            if isinstance(node, ast.Call):
                name = call_name(node)
                idx = HELPERS.get(name)
                if idx is not None and len(node.args) > idx:
                    vals = ev.values(node.args[idx])
                    if name in CLEANDOC_HELPERS:
                        vals = [inspect.cleandoc(v) for v in vals if isinstance(v, str)]
                    found.extend(vals)
                if name in ("assertRaises", "assertRaisesRegex") and len(node.args) >= 3:
                    a, f = node.args[0], node.args[1]
                    if isinstance(a, ast.Name) and a.id in SYNTAX_ERRORS and \
                            isinstance(f, ast.Name) and f.id in COMPILERS:
                        src_idx = 3 if name == "assertRaisesRegex" else 2
                        if len(node.args) > src_idx:
                            found.extend(ev.values(node.args[src_idx]))
            elif isinstance(node, ast.With) and raises_syntax_error(node):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.Call) and call_name(inner) in COMPILERS and inner.args:
                        found.extend(ev.values(inner.args[0]))
    return found


def from_doctests(module_source, name):
    found = []
    tree = ast.parse(module_source)
    docs = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and ">>>" in node.value:
            docs.append(node.value)
    parser = doctest.DocTestParser()
    for doc in docs:
        try:
            examples = parser.get_examples(doc, name)
        except ValueError:
            continue
        for ex in examples:
            if ex.exc_msg is not None and ex.exc_msg.split(":")[0].strip().split(".")[-1] in SYNTAX_ERRORS:
                found.append(ex.source)
    return found


def stage_of(src):
    """"parser" if ast.parse rejects the source too, else "compiler" (symtable/codegen errors)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            ast.parse(src)
    except SyntaxError:
        return "parser"
    except (ValueError, MemoryError, RecursionError, OverflowError):
        return "parser"
    return "compiler"


def oracle(src):
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            compile(src, "<snippet>", "exec")
    except SyntaxError as e:
        return {"class": type(e).__name__, "msg": e.msg, "lineno": e.lineno, "offset": e.offset,
                "end_lineno": e.end_lineno, "end_offset": e.end_offset, "stage": stage_of(src)}
    except (ValueError, MemoryError, RecursionError, OverflowError):
        return None
    return None


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--testdir", default=os.path.join(sysconfig.get_path("stdlib"), "test"))
    ap.add_argument("out")
    args = ap.parse_args()
    seen = set()
    records = []
    per_module = {}
    for mod in MODULES:
        path = os.path.join(args.testdir, mod + ".py")
        with open(path, encoding="utf-8") as f:
            text = f.read()
        candidates = from_doctests(text, mod) + from_ast(ast.parse(text))
        kept = 0
        for src in candidates:
            if isinstance(src, bytes):
                try:
                    src = src.decode("utf-8")
                except UnicodeDecodeError:
                    continue
            if "\0" in src or src in seen:
                continue
            try:
                src.encode("utf-8")
            except UnicodeEncodeError:
                continue
            seen.add(src)
            res = oracle(src)
            if res is None:
                continue
            res = dict(module=mod, source=src, **res)
            records.append(res)
            kept += 1
        per_module[mod] = kept
    os.makedirs(os.path.dirname(os.path.abspath(args.out)), exist_ok=True)
    with open(args.out, "w", encoding="utf-8") as f:
        json.dump(records, f, indent=1, ensure_ascii=False)
    for mod, n in per_module.items():
        print("%-16s %5d snippets" % (mod, n))
    print("total            %5d snippets -> %s" % (len(records), args.out))


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""gen_cases.py: reads eval/bytecodes.def and writes ftpy's generated opcode files.

Usage: gen_cases.py [--input eval/bytecodes.def] [--output-dir eval/generated]

Outputs (eval/README.md describes the DSL, the numbering rules and what each output is for):
  opcode_ids.gen.h       enum of FT_OP_<NAME> numbers, HAVE_ARGUMENT, MIN_INSTRUMENTED, pseudo ids
  opcode_meta.gen.h      tables indexed by opcode and the stack-effect switch functions
  cases.gen.h            one TARGET(NAME) block per real instruction, for eval/ceval.c
  targets.gen.h          the 256-entry computed-goto table
  opcode_metadata.json   the same facts as data, for scripts/check_opcode_metadata.py and tools

The generator is the only reader of the .def file. It rejects, with "file:line: message": duplicate
names or numbers, a family whose members differ from the base in stack or cache shape, a DEOPT_IF after
an ERROR_IF, a named input that a non-empty body never mentions, an instruction without an argument
numbered at or above HAVE_ARGUMENT (unless flagged NOARG_NUMBERING_EXCEPTION), one with an argument
below it, and a body that touches the stack pointer, next_instr or labels directly.

Python 3 standard library only; runs with python3.11 and newer. Output is byte-for-byte deterministic.
"""
import argparse
import json
import os
import re
import sys
import textwrap

GENERATOR = "eval/gen/gen_cases.py"
REPO_ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

# Operand kinds. The second column is the set of CPython predicates (_opcode.has_*) the kind implies;
# eval/README.md gives each kind's meaning.
ARG_KINDS = {
    "none": (),
    "const": ("arg", "const"),
    "name": ("arg", "name"),
    "local": ("arg", "local"),
    "free": ("arg", "free"),
    "jump_forward": ("arg", "jump"),
    "jump_backward": ("arg", "jump"),
    "jump": ("arg", "jump"),
    "jump_unflagged": ("arg",),
    "exc_handler": ("arg", "exc"),
    "next_local": ("local",),
    "count": ("arg",),
    "index": ("arg",),
    "compare": ("arg",),
    "binary_op": ("arg",),
    "intrinsic1": ("arg",),
    "intrinsic2": ("arg",),
    "invert": ("arg",),
    "convert": ("arg",),
    "resume": ("arg",),
    "common_constant": ("arg",),
    "small_int": ("arg",),
    "special": ("arg",),
    "func_attr": ("arg",),
    "unpack_ex": ("arg",),
    "raise_form": ("arg",),
    "method_bit": ("arg",),
    "extended": ("arg",),
    "executor": ("arg",),
    "raw": ("arg",),
}
PREDICATES = ("arg", "const", "name", "jump", "free", "local", "exc")

# Behaviour flags an instruction may declare (besides the predicates its arg kind implies).
FLAGS = {
    "ESCAPES": "may run arbitrary Python code (calls, __del__, __eq__, ...)",
    "ERROR": "may raise",
    "EVAL_BREAK": "polls the eval breaker",
    "DEOPT": "has a DEOPT_IF: falls back to its family's base instruction",
    "SYNC_SP": "the stack pointer must be exact before the body runs (frame push/pop, yield)",
    "NOARG_NUMBERING_EXCEPTION": "has no argument although numbered at or above HAVE_ARGUMENT",
    "TERMINATES": "never falls through to the next instruction (return, raise, unconditional jump)",
}
# Bit order of the flag word in opcode_meta.gen.h: predicates first, then behaviour, then class.
FLAG_BITS = (["HAS_" + p.upper() for p in PREDICATES]
             + sorted(FLAGS)
             + ["IS_PSEUDO", "IS_SPECIALIZED", "IS_INSTRUMENTED"])

# Identifiers a body must not use: the generated code owns the stack, the instruction pointer and labels.
FORBIDDEN_IN_BODY = ("stack_pointer", "next_instr", "goto", "frame_instr_ptr")


class DefError(Exception):
    def __init__(self, where, message):
        super().__init__("%s: %s" % (where, message))


# Lexing.

TOKEN_RE = re.compile(r"""
    (?P<ws>[ \t\r]+) | (?P<nl>\n) | (?P<line_comment>//[^\n]*) | (?P<block_comment>/\*.*?\*/)
  | (?P<number>0[xX][0-9a-fA-F]+|\d+) | (?P<ident>[A-Za-z_][A-Za-z_0-9]*) | (?P<string>"[^"\\\n]*")
  | (?P<op>--|<<|>>|==|!=|<=|>=|[-+*/&|^<>()\[\]{},;=!~])
""", re.VERBOSE | re.DOTALL)


class Token:
    __slots__ = ("kind", "text", "line", "pos", "end")

    def __init__(self, kind, text, line, pos, end):
        self.kind, self.text, self.line, self.pos, self.end = kind, text, line, pos, end

    def __repr__(self):
        return "%s %r" % (self.kind, self.text)


class Lexer:
    def __init__(self, text, filename):
        self.text, self.filename = text, filename
        self.pos, self.line = 0, 1
        self.peeked = None

    def where(self, line=None):
        return "%s:%d" % (self.filename, self.line if line is None else line)

    def _scan(self):
        while self.pos < len(self.text):
            m = TOKEN_RE.match(self.text, self.pos)
            if not m:
                raise DefError(self.where(), "unexpected character %r" % self.text[self.pos])
            kind, text, start = m.lastgroup, m.group(), self.pos
            self.pos = m.end()
            if kind == "nl":
                self.line += 1
                continue
            if kind in ("ws", "line_comment"):
                continue
            if kind == "block_comment":
                self.line += text.count("\n")
                continue
            return Token(kind, text, self.line, start, self.pos)
        return Token("eof", "", self.line, self.pos, self.pos)

    def peek(self):
        if self.peeked is None:
            self.peeked = self._scan()
        return self.peeked

    def next(self):
        tok = self.peek()
        self.peeked = None
        return tok

    def expect(self, text=None, kind=None):
        tok = self.next()
        if (text is not None and tok.text != text) or (kind is not None and tok.kind != kind):
            raise DefError(self.where(tok.line), "expected %s, found %r" % (text or kind, tok.text or "end of file"))
        return tok

    def accept(self, text):
        if self.peek().text == text and self.peek().kind in ("op", "ident"):
            return self.next()
        return None

    def raw_body(self):
        """Returns the text between a '{' (the next token) and its matching '}', skipping strings and comments."""
        open_tok = self.expect("{")
        assert self.peeked is None
        depth, i, text, start_line = 1, open_tok.end, self.text, self.line
        while i < len(text):
            c = text[i]
            if c == "\n":
                self.line += 1
            if c in "\"'":
                j = i + 1
                while j < len(text) and text[j] != c:
                    j += 2 if text[j] == "\\" else 1
                i = j + 1
                continue
            if text.startswith("//", i):
                j = text.find("\n", i)
                i = len(text) if j < 0 else j
                continue
            if text.startswith("/*", i):
                j = text.find("*/", i)
                if j < 0:
                    break
                self.line += text.count("\n", i, j)
                i = j + 2
                continue
            if c == "{":
                depth += 1
            elif c == "}":
                depth -= 1
                if depth == 0:
                    self.pos = i + 1
                    return text[open_tok.end:i], start_line
            i += 1
        raise DefError(self.where(start_line), "unterminated body")


# Expressions.
# Sizes and conditions of stack items are small integer expressions of `oparg`. They are parsed with C's
# precedence and re-emitted fully parenthesized, so the same text means the same in C and in Python.

BINARY_PRECEDENCE = [("|",), ("^",), ("&",), ("==", "!="), ("<", "<=", ">", ">="), ("<<", ">>"), ("+", "-"), ("*",)]


def parse_expr(lex, level=0):
    if level == len(BINARY_PRECEDENCE):
        return parse_unary(lex)
    left = parse_expr(lex, level + 1)
    while lex.peek().kind == "op" and lex.peek().text in BINARY_PRECEDENCE[level]:
        op = lex.next().text
        right = parse_expr(lex, level + 1)
        left = "(%s %s %s)" % (left, op, right)
    return left


def parse_unary(lex):
    tok = lex.next()
    if tok.kind == "number":
        return str(int(tok.text, 0))
    if tok.kind == "ident" and tok.text == "oparg":
        return "oparg"
    if tok.text == "-":
        return "(-%s)" % parse_unary(lex)
    if tok.text == "(":
        inner = parse_expr(lex)
        lex.expect(")")
        return inner
    raise DefError(lex.where(tok.line), "expected an expression of oparg, found %r" % tok.text)


def strip_parens(expr):
    if expr.startswith("(") and expr.endswith(")"):
        depth = 0
        for i, c in enumerate(expr):
            depth += c == "("
            depth -= c == ")"
            if depth == 0 and i != len(expr) - 1:
                return expr
        return expr[1:-1]
    return expr


# The model.

class StackItem:
    def __init__(self, name, size=None, cond=None):
        self.name, self.size, self.cond = name, size, cond

    def count_expr(self):
        if self.size is not None:
            return self.size
        if self.cond is not None:
            return "(%s ? 1 : 0)" % self.cond
        return "1"

    def describe(self):
        if self.size is not None:
            return "%s[%s]" % (self.name, strip_parens(self.size))
        if self.cond is not None:
            return "%s if (%s)" % (self.name, strip_parens(self.cond))
        return self.name

    def as_json(self):
        return {"name": self.name, "size": self.size, "cond": self.cond}


class Instr:
    def __init__(self, name, number, line, pseudo=False):
        self.name, self.number, self.line, self.pseudo = name, number, line, pseudo
        self.arg = "none"
        self.inputs, self.outputs, self.outputs_jump = [], [], None
        self.cache = []                 # [(name, size)]
        self.flags = set()
        self.targets = []
        self.body = None
        self.body_line = line
        self.family = None              # base name, for specializations
        self.members = []               # for a family base

    @property
    def cache_size(self):
        return sum(size for _, size in self.cache)

    def stack_text(self, outputs):
        return "(%s -- %s)" % (", ".join(i.describe() for i in self.inputs), ", ".join(o.describe() for o in outputs))

    def predicates(self):
        return set(ARG_KINDS[self.arg])


def parse_stack(lex):
    def items(terminators):
        result = []
        while lex.peek().text not in terminators:
            name = lex.expect(kind="ident").text
            if lex.accept("["):
                size = parse_expr(lex)
                lex.expect("]")
                result.append(StackItem(name, size=size))
            elif lex.accept("if"):
                lex.expect("(")
                cond = parse_expr(lex)
                lex.expect(")")
                result.append(StackItem(name, cond=cond))
            else:
                result.append(StackItem(name))
            if not lex.accept(","):
                break
        return result

    lex.expect("(")
    inputs = items(("--",))
    lex.expect("--")
    outputs = items((")",))
    lex.expect(")")
    return inputs, outputs


def parse_ident_list(lex):
    lex.expect("(")
    names = []
    while lex.peek().text != ")":
        names.append(lex.expect(kind="ident").text)
        if not lex.accept(","):
            break
    lex.expect(")")
    return names


def parse_cache(lex):
    lex.expect("(")
    entries = []
    while lex.peek().text != ")":
        name = lex.expect(kind="ident").text
        lex.expect("/")
        size = int(lex.expect(kind="number").text, 0)
        if size < 1 or (name != "unused" and size not in (1, 2, 4)):
            raise DefError(lex.where(), "cache entry %s: size must be 1, 2 or 4 code units" % name)
        if name != "unused" and name in [n for n, _ in entries]:
            raise DefError(lex.where(), "cache entry %s is named twice" % name)
        entries.append((name, size))
        if not lex.accept(","):
            break
    lex.expect(")")
    return entries


def parse_decl(lex, pseudo):
    lex.expect("(")
    name_tok = lex.expect(kind="ident")
    lex.expect(",")
    number = int(lex.expect(kind="number").text, 0)
    ins = Instr(name_tok.text, number, name_tok.line, pseudo)
    seen = set()
    while lex.accept(","):
        key_tok = lex.expect(kind="ident")
        key = key_tok.text
        if key in seen:
            raise DefError(lex.where(key_tok.line), "%s: %s= given twice" % (ins.name, key))
        seen.add(key)
        lex.expect("=")
        if key == "arg":
            ins.arg = lex.expect(kind="ident").text
            if ins.arg not in ARG_KINDS:
                raise DefError(lex.where(key_tok.line), "%s: unknown arg kind %r" % (ins.name, ins.arg))
        elif key == "stack":
            ins.inputs, ins.outputs = parse_stack(lex)
        elif key == "stack_jump":
            jump_inputs, ins.outputs_jump = parse_stack(lex)
            ins.jump_inputs = jump_inputs
        elif key == "cache" and not pseudo:
            ins.cache = parse_cache(lex)
        elif key == "flags":
            for flag in parse_ident_list(lex):
                if flag not in FLAGS:
                    raise DefError(lex.where(key_tok.line), "%s: unknown flag %r" % (ins.name, flag))
                ins.flags.add(flag)
        elif key == "targets" and pseudo:
            ins.targets = parse_ident_list(lex)
        else:
            raise DefError(lex.where(key_tok.line), "%s: unknown key %r" % (ins.name, key))
    lex.expect(")")
    if "stack" not in seen:
        raise DefError(lex.where(name_tok.line), "%s: stack=(...) is required" % ins.name)
    if "stack_jump" in seen:
        if [i.describe() for i in ins.jump_inputs] != [i.describe() for i in ins.inputs]:
            raise DefError(lex.where(name_tok.line), "%s: stack_jump must have the same inputs as stack" % ins.name)
    return ins


class Definition:
    def __init__(self):
        self.defines = {}
        self.instrs = []                # in file order
        self.by_name = {}
        self.families = []              # [(base, [members], line)]
        self.values = {}                # operand kind -> [(NAME, text or None)]


def parse(text, filename):
    lex = Lexer(text, filename)
    d = Definition()
    while True:
        tok = lex.next()
        if tok.kind == "eof":
            break
        if tok.text == "DEFINE":
            lex.expect("(")
            name = lex.expect(kind="ident").text
            lex.expect(",")
            d.defines[name] = int(lex.expect(kind="number").text, 0)
            lex.expect(")")
            lex.expect(";")
        elif tok.text == "INST":
            ins = parse_decl(lex, pseudo=False)
            ins.body, ins.body_line = lex.raw_body()
            add_instr(d, ins, lex)
        elif tok.text == "PSEUDO":
            ins = parse_decl(lex, pseudo=True)
            lex.expect(";")
            add_instr(d, ins, lex)
        elif tok.text == "VALUES":
            parse_values(lex, d, tok.line)
        elif tok.text == "FAMILY":
            lex.expect("(")
            base = lex.expect(kind="ident").text
            lex.expect(")")
            lex.expect("=")
            lex.expect("{")
            members = []
            while lex.peek().text != "}":
                members.append(lex.expect(kind="ident").text)
                if not lex.accept(","):
                    break
            lex.expect("}")
            lex.expect(";")
            d.families.append((base, members, tok.line))
        else:
            raise DefError(lex.where(tok.line), "expected INST, PSEUDO, FAMILY, VALUES or DEFINE, found %r"
                           % tok.text)
    return d


def parse_values(lex, d, line):
    """VALUES(kind) = { NAME ["text"], ... };  the values an operand kind enumerates, from 0."""
    lex.expect("(")
    kind = lex.expect(kind="ident").text
    lex.expect(")")
    lex.expect("=")
    lex.expect("{")
    if kind not in ARG_KINDS or kind == "none":
        raise DefError(lex.where(line), "VALUES for unknown operand kind %r" % kind)
    if kind in d.values:
        raise DefError(lex.where(line), "VALUES(%s) is declared twice" % kind)
    entries = []
    while lex.peek().text != "}":
        name = lex.expect(kind="ident").text
        text = lex.next().text[1:-1] if lex.peek().kind == "string" else None
        entries.append((name, text))
        if not lex.accept(","):
            break
    lex.expect("}")
    lex.expect(";")
    seen = {n for values in d.values.values() for n, _ in values}
    for name, _ in entries:
        if name.startswith(("OP_", "OPARG_", "OPFLAG_", "OPCODE_")):
            raise DefError(lex.where(line), "value name %s would clash with the FT_%s* constants"
                           % (name, name.split("_")[0] + "_"))
        if name in seen:
            raise DefError(lex.where(line), "value name %s is used twice" % name)
        seen.add(name)
    d.values[kind] = entries


def add_instr(d, ins, lex):
    if ins.name in d.by_name:
        raise DefError(lex.where(ins.line), "duplicate instruction name %s (first at line %d)"
                       % (ins.name, d.by_name[ins.name].line))
    for other in d.instrs:
        if other.number == ins.number:
            raise DefError(lex.where(ins.line), "%s: number %d is already %s" % (ins.name, ins.number, other.name))
    d.instrs.append(ins)
    d.by_name[ins.name] = ins


# Checks.

def check(d, filename):
    def fail(line, message):
        raise DefError("%s:%d" % (filename, line), message)

    for key in ("HAVE_ARGUMENT", "MIN_INSTRUMENTED"):
        if key not in d.defines:
            raise DefError(filename, "DEFINE(%s, N) is missing" % key)
    have_arg, min_instr = d.defines["HAVE_ARGUMENT"], d.defines["MIN_INSTRUMENTED"]

    for base_name, members, line in d.families:
        base = d.by_name.get(base_name)
        if base is None or base.pseudo:
            fail(line, "family base %s is not an instruction" % base_name)
        if base.members:
            fail(line, "family %s is declared twice" % base_name)
        for m in members:
            ins = d.by_name.get(m)
            if ins is None or ins.pseudo:
                fail(line, "family %s: member %s is not an instruction" % (base_name, m))
            if ins.family is not None or ins.members or m == base_name:
                fail(line, "family %s: %s already belongs to a family" % (base_name, m))
            if len(ins.inputs) != len(base.inputs) or len(ins.outputs) != len(base.outputs):
                fail(ins.line, "family %s: %s has stack %s, the base has %s" % (
                    base_name, m, ins.stack_text(ins.outputs), base.stack_text(base.outputs)))
            if ins.cache_size != base.cache_size:
                fail(ins.line, "family %s: %s has %d cache entries, the base has %d" % (
                    base_name, m, ins.cache_size, base.cache_size))
            ins.family = base_name
        base.members = list(members)

    for ins in d.instrs:
        real = not ins.pseudo
        if ins.pseudo and ins.number < 256:
            fail(ins.line, "pseudo-instruction %s must be numbered 256 or above" % ins.name)
        if real and not 0 <= ins.number <= 255:
            fail(ins.line, "instruction %s must be numbered 0..255" % ins.name)
        if ins.pseudo:
            for t in ins.targets:
                if t not in d.by_name or d.by_name[t].pseudo:
                    fail(ins.line, "pseudo %s: target %s is not a real instruction" % (ins.name, t))
        instrumented = real and ins.number >= min_instr
        specialized = ins.family is not None
        if real and not instrumented and not specialized:
            has_arg = "arg" in ins.predicates()
            if not has_arg and ins.number >= have_arg and "NOARG_NUMBERING_EXCEPTION" not in ins.flags:
                fail(ins.line, "%s has no argument but is numbered %d >= HAVE_ARGUMENT (%d)"
                     % (ins.name, ins.number, have_arg))
            if has_arg and ins.number < have_arg:
                fail(ins.line, "%s has an argument but is numbered %d < HAVE_ARGUMENT (%d)"
                     % (ins.name, ins.number, have_arg))
        if "NOARG_NUMBERING_EXCEPTION" in ins.flags and ("arg" in ins.predicates() or ins.number < have_arg):
            fail(ins.line, "%s: NOARG_NUMBERING_EXCEPTION does not apply" % ins.name)
        if ins.name.startswith("INSTRUMENTED_") and not instrumented:
            fail(ins.line, "%s must be numbered at or above MIN_INSTRUMENTED (%d)" % (ins.name, min_instr))
        names = [i.name for i in ins.inputs if i.name != "unused"]
        if len(set(names)) != len(names):
            fail(ins.line, "%s: an input name is used twice" % ins.name)
        if ins.body is not None:
            check_body(ins, fail)


def body_words(body):
    """The identifiers of a body, outside strings and comments."""
    stripped = re.sub(r'//[^\n]*|/\*.*?\*/|"(\\.|[^"\\])*"|\'(\\.|[^\'\\])*\'', " ", body, flags=re.DOTALL)
    return stripped, re.findall(r"[A-Za-z_][A-Za-z_0-9]*", stripped)


def check_body(ins, fail):
    stripped, words = body_words(ins.body)
    if not stripped.strip():
        return
    for w in FORBIDDEN_IN_BODY:
        if w in words:
            fail(ins.body_line, "%s: a body may not use %r; the generated code owns it" % (ins.name, w))
    error_at = None
    for m in re.finditer(r"\b(DEOPT_IF|ERROR_IF)\s*\(", stripped):
        if m.group(1) == "ERROR_IF":
            error_at = error_at if error_at is not None else m.start()
        elif error_at is not None:
            fail(ins.body_line + stripped.count("\n", 0, m.start()),
                 "%s: DEOPT_IF after ERROR_IF (a deopt must come before any effect)" % ins.name)
    if "DEOPT_IF" in words and ins.family is None:
        fail(ins.body_line, "%s: DEOPT_IF in an instruction that is not a specialization" % ins.name)
    if "DECREF_INPUTS" not in words:
        for item in ins.inputs:
            if item.name != "unused" and item.name not in words:
                fail(ins.body_line, "%s: input %r is never used by the body" % (ins.name, item.name))
    cache_names = {name for name, _ in ins.cache}
    for m in re.finditer(r"\bCACHE\s*\(\s*([A-Za-z_0-9]+)\s*\)", stripped):
        if m.group(1) not in cache_names:
            fail(ins.body_line, "%s: CACHE(%s) names no cache entry" % (ins.name, m.group(1)))


# Outputs.

def header_line(input_name):
    return "// Generated by %s from %s. Do not edit: change the input and run the generator.\n" % (
        GENERATOR, input_name)


def sorted_instrs(d):
    return sorted(d.instrs, key=lambda i: i.number)


def flag_bits(d, ins):
    bits = ["HAS_" + p.upper() for p in PREDICATES if p in ins.predicates()]
    bits += sorted(ins.flags)
    if ins.pseudo:
        bits.append("IS_PSEUDO")
    if ins.family is not None:
        bits.append("IS_SPECIALIZED")
    if not ins.pseudo and ins.number >= d.defines["MIN_INSTRUMENTED"]:
        bits.append("IS_INSTRUMENTED")
    return bits


class Lin:
    """A linear combination of expression terms plus a constant, for stack counts and offsets."""

    def __init__(self, const=0, terms=None):
        self.const, self.terms = const, dict(terms or {})

    @staticmethod
    def of_item(item):
        if item.size is not None:
            return Lin(int(item.size)) if re.fullmatch(r"-?\d+", item.size) else Lin(0, {item.size: 1})
        if item.cond is not None:
            return Lin(0, {"(%s ? 1 : 0)" % item.cond: 1})
        return Lin(1)

    @staticmethod
    def of_items(items):
        total = Lin()
        for item in items:
            total = total + Lin.of_item(item)
        return total

    def __add__(self, other):
        terms = dict(self.terms)
        for t, c in other.terms.items():
            terms[t] = terms.get(t, 0) + c
        return Lin(self.const + other.const, {t: c for t, c in terms.items() if c})

    def __neg__(self):
        return Lin(-self.const, {t: -c for t, c in self.terms.items()})

    def __sub__(self, other):
        return self + (-other)

    def is_zero(self):
        return self.const == 0 and not self.terms

    def __str__(self):
        parts = []
        if self.const or not self.terms:
            parts.append(str(self.const))
        for t, c in self.terms.items():
            mag = t if abs(c) == 1 else "%d * %s" % (abs(c), t)
            if not parts:
                parts.append(mag if c > 0 else "-" + mag)
            else:
                parts.append(("+ " if c > 0 else "- ") + mag)
        return " ".join(parts)


def count_expr(items):
    return str(Lin.of_items(items))


def gen_ids(d, input_name):
    out = [header_line(input_name)]
    out.append("// eval/generated/opcode_ids.gen.h: the number of every instruction and pseudo-instruction.\n")
    out.append("// Numbers are CPython 3.14's (eval/README.md, \"Numbering\"); include through eval/opcode.h.\n")
    out.append("#ifndef FT_EVAL_GENERATED_OPCODE_IDS_GEN_H\n#define FT_EVAL_GENERATED_OPCODE_IDS_GEN_H\n\n")
    out.append("enum {\n")
    for ins in sorted_instrs(d):
        out.append("    FT_OP_%s = %d,\n" % (ins.name, ins.number))
    out.append("};\n\n")
    real = [i for i in d.instrs if not i.pseudo]
    pseudo = [i for i in d.instrs if i.pseudo]
    out.append("#define FT_OP_HAVE_ARGUMENT %d\n" % d.defines["HAVE_ARGUMENT"])
    out.append("#define FT_OP_MIN_INSTRUMENTED %d\n" % d.defines["MIN_INSTRUMENTED"])
    out.append("#define FT_OP_MAX_REAL %d\n" % max((i.number for i in real), default=0))
    if pseudo:
        out.append("#define FT_OP_MIN_PSEUDO %d\n" % min(i.number for i in pseudo))
        out.append("#define FT_OP_MAX_PSEUDO %d\n" % max(i.number for i in pseudo))
    out.append("// Tables in opcode_meta.gen.h are indexed 0 .. FT_OP_TABLE_SIZE - 1.\n")
    out.append("#define FT_OP_TABLE_SIZE %d\n" % (max(i.number for i in d.instrs) + 1 if d.instrs else 0))
    out.append("#define FT_OP_COUNT %d\n\n" % len(d.instrs))
    out.append("// Operand kinds (eval/README.md, \"Operand kinds\").\n")
    out.append("typedef enum {\n")
    for n, kind in enumerate(ARG_KINDS):
        out.append("    FT_OPARG_%s = %d,\n" % (kind.upper(), n))
    out.append("} FtOpArgKind;\n\n")
    for kind, entries in d.values.items():
        out.append("// Values of a %s operand (VALUES(%s) in the definition).\n" % (kind, kind))
        out.append("enum {\n")
        for n, (name, text) in enumerate(entries):
            out.append("    FT_%s = %d,%s\n" % (name, n, "   // %s" % text if text else ""))
        out.append("};\n")
        out.append("#define FT_OPARG_%s_COUNT %d\n\n" % (kind.upper(), len(entries)))
    out.append("// Bits of ft_opcode_flags(); HAS_* match CPython's _opcode.has_*() predicates.\n")
    notes = dict(FLAGS, IS_PSEUDO="a compiler-only pseudo-instruction", IS_SPECIALIZED="a family member",
                 IS_INSTRUMENTED="numbered at or above MIN_INSTRUMENTED")
    for p in PREDICATES:
        notes["HAS_" + p.upper()] = "CPython's _opcode.has_%s()" % p
    for n, bit in enumerate(FLAG_BITS):
        out.append("#define FT_OPFLAG_%s (1u << %d)   // %s\n" % (bit, n, notes[bit]))
    out.append("\n#endif // FT_EVAL_GENERATED_OPCODE_IDS_GEN_H\n")
    return "".join(out)


def gen_meta(d, input_name):
    instrs = sorted_instrs(d)
    out = [header_line(input_name)]
    out.append("// eval/generated/opcode_meta.gen.h: per-opcode tables and the stack-effect functions.\n")
    out.append("// Included only by eval/opcode_meta.c, which owns these definitions; use eval/opcode.h.\n")
    out.append("#ifndef FT_EVAL_GENERATED_OPCODE_META_GEN_H\n#define FT_EVAL_GENERATED_OPCODE_META_GEN_H\n\n")
    out.append('#include <stddef.h>   // NULL\n')
    out.append('#include <stdint.h>   // int16_t, uint8_t, uint16_t, uint32_t\n\n')
    out.append('#include "eval/opcode.h"   // FT_OP_*, FT_OPARG_*, FT_OPFLAG_*, FtOpArgValue\n\n')

    def table(ctype, name, value_of, comment):
        out.append("// %s\n" % comment)
        out.append("static const %s %s[FT_OP_TABLE_SIZE] = {\n" % (ctype, name))
        for ins in instrs:
            out.append("    [FT_OP_%s] = %s,\n" % (ins.name, value_of(ins)))
        out.append("};\n\n")

    table("char *const", "opcode_name_table", lambda i: '"%s"' % i.name,
          "Name of each opcode; NULL where no opcode has the number.")
    table("uint8_t", "opcode_arg_kind_table", lambda i: "FT_OPARG_%s" % i.arg.upper(),
          "Operand kind of each opcode.")
    table("uint32_t", "opcode_flags_table",
          lambda i: " | ".join("FT_OPFLAG_%s" % b for b in flag_bits(d, i)) or "0",
          "Flag word of each opcode (FT_OPFLAG_* bits); 0 also for unused numbers.")
    table("uint8_t", "opcode_cache_size_table", lambda i: str(i.cache_size),
          "Inline cache entries (16-bit code units) after each instruction.")
    table("uint16_t", "opcode_deopt_table", lambda i: "FT_OP_%s" % (i.family or i.name),
          "The base of each specialization (its deoptimization target); itself otherwise, 0 if unused.")
    table("char *const", "opcode_cache_layout_table",
          lambda i: '"%s"' % ", ".join("%s/%d" % e for e in i.cache) if i.cache else "NULL",
          "Inline cache layout as \"name/units, ...\" (dis's _cache_format); NULL if none.")

    pseudos = [i for i in instrs if i.pseudo]
    if pseudos:
        width = max(len(p.targets) for p in pseudos) + 1
        out.append("// Real instructions a pseudo-instruction may become, ending with -1.\n")
        out.append("static const int16_t opcode_pseudo_targets_table[FT_OP_MAX_PSEUDO - FT_OP_MIN_PSEUDO + 1][%d] = {\n"
                   % width)
        for p in pseudos:
            out.append("    [FT_OP_%s - FT_OP_MIN_PSEUDO] = {%s},\n"
                       % (p.name, ", ".join(["FT_OP_%s" % t for t in p.targets] + ["-1"])))
        out.append("};\n\n")

    for kind, entries in d.values.items():
        out.append("// The %s values, by number: {name, text}.\n" % kind)
        out.append("static const FtOpArgValue oparg_%s_values[FT_OPARG_%s_COUNT] = {\n" % (kind, kind.upper()))
        for name, text in entries:
            out.append('    {"%s", %s},\n' % (name, '"%s"' % text if text is not None else "NULL"))
        out.append("};\n\n")
    out.append("// The table of values an operand kind enumerates; NULL and *count = 0 for other kinds.\n")
    out.append("static const FtOpArgValue *\noparg_value_table(FtOpArgKind kind, int *count)\n{\n")
    out.append("    switch (kind) {\n")
    for kind in d.values:
        out.append("    case FT_OPARG_%s:\n        *count = FT_OPARG_%s_COUNT;\n        return oparg_%s_values;\n"
                   % (kind.upper(), kind.upper(), kind))
    out.append("    default:\n        *count = 0;\n        return NULL;\n    }\n}\n\n")

    def switch(fname, params, expr_of, comment):
        exprs = [(ins, expr_of(ins)) for ins in instrs]
        out.append("// %s\n" % comment)
        out.append("int\n%s(%s)\n{\n" % (fname, ", ".join("int " + p for p in params)))
        for p in params[2:]:
            if not any(re.search(r"\b%s\b" % p, e) for _, e in exprs):
                out.append("    (void)%s;\n" % p)
        out.append("    if (oparg < FT_OPCODE_MIN_OPARG || oparg > FT_OPCODE_MAX_OPARG)\n        return -1;\n")
        out.append("    switch (op) {\n")
        groups = {}
        for ins, expr in exprs:
            groups.setdefault(expr, []).append(ins)
        for expr, members in groups.items():
            for ins in members:
                out.append("    case FT_OP_%s:\n" % ins.name)
            out.append("        return %s;\n" % expr)
        out.append("    default:\n        return -1;\n    }\n}\n\n")

    def pushes(ins):
        plain = count_expr(ins.outputs)
        if ins.outputs_jump is None:
            return plain
        return "jump ? %s : %s" % (paren_if_sum(count_expr(ins.outputs_jump)), paren_if_sum(plain))

    switch("ft_opcode_pops", ("op", "oparg"), lambda ins: count_expr(ins.inputs),
           "Stack items an instruction pops for this oparg; -1 for an unused number or an oparg out of range.")
    switch("ft_opcode_pushes", ("op", "oparg", "jump"), pushes,
           "Stack items an instruction pushes for this oparg, on the jump edge if jump != 0; -1 as for pops.")
    out.append("#endif // FT_EVAL_GENERATED_OPCODE_META_GEN_H\n")
    return "".join(out)


def paren_if_sum(expr):
    return "(%s)" % expr if " " in expr else expr


CASES_PREAMBLE = """\
// eval/generated/cases.gen.h: the body of every real instruction, framed by its pops, pushes and cache skip.
// Included once, inside the dispatch loop of eval/ceval.c, which must define (eval/README.md, "Cases"):
//   TARGET(NAME)                  opens the instruction's case (a label for computed goto, a case label for switch)
//   DISPATCH()                    fetches and jumps to the next instruction
//   FT_EVAL_UNIMPLEMENTED(NAME)   reports an instruction whose body is not written yet
//   FtStackRef                    the type of a stack slot
//   FT_EVAL_STACK_AT(i)           the stack slot i items from the top (i < 0) as an lvalue
//   FT_EVAL_STACK_ADJUST(n)       moves the stack pointer by n items
//   FT_EVAL_SKIP_CACHE(n)         advances the instruction pointer over n inline cache units
//   FT_EVAL_CACHE_U16/U32/U64(k)  reads the inline cache at unit offset k, of 1, 2 or 4 units
//   FT_EVAL_LOCAL(i)              the local variable slot i as an lvalue
//   FT_EVAL_DECREF(ref)           drops a stack reference
//   FT_EVAL_DEOPT_OR_GOTO(BASE)   re-executes the current instruction as BASE (jumps)
//   FT_EVAL_ERROR_OR_GOTO()       unwinds to the exception handler (jumps)
//   oparg                         the current instruction's argument (an int)
"""


def gen_cases(d, input_name):
    out = [header_line(input_name), CASES_PREAMBLE, "\n"]
    for ins in sorted(d.instrs, key=lambda i: i.number):
        if ins.pseudo:
            continue
        out.append(case_block(ins))
    return "".join(out)


def case_block(ins):
    head = "// %s %s" % (ins.name, ins.stack_text(ins.outputs))
    if ins.outputs_jump is not None:
        head += ", on jump %s" % ins.stack_text(ins.outputs_jump)
    if ins.cache:
        head += ", cache (%s)" % ", ".join("%s/%d" % e for e in ins.cache)
    lines = [head + "\n", "TARGET(%s) {\n" % ins.name]
    body = ins.body if ins.body is not None else ""
    if not body_words(body)[0].strip():
        lines.append("    FT_EVAL_UNIMPLEMENTED(%s);\n" % ins.name)
        lines.append("    DISPATCH();\n}\n\n")
        return "".join(lines)
    pops = Lin.of_items(ins.inputs)
    # Inputs: the last one is nearest the top of the stack (offset -1 for a single item).
    offset, decls = Lin(), []
    for item in reversed(ins.inputs):
        offset = offset - Lin.of_item(item)
        if item.name == "unused":
            continue
        if item.size is not None:
            decls.append("    FtStackRef *%s = &FT_EVAL_STACK_AT(%s);\n" % (item.name, offset))
        elif item.cond is not None:
            decls.append("    FtStackRef %s = %s ? FT_EVAL_STACK_AT(%s) : (FtStackRef){0};\n"
                         % (item.name, item.cond, offset))
        else:
            decls.append("    FtStackRef %s = FT_EVAL_STACK_AT(%s);\n" % (item.name, offset))
    lines.extend(reversed(decls))
    # Outputs start where the inputs started; an array output is written in place through its pointer.
    input_names = {i.name for i in ins.inputs}
    position = -pops
    for item in ins.outputs:
        if item.name != "unused" and item.name not in input_names:
            if item.size is not None:
                lines.append("    FtStackRef *%s = &FT_EVAL_STACK_AT(%s);\n" % (item.name, position))
            else:
                lines.append("    FtStackRef %s = {0};\n" % item.name)
        position = position + Lin.of_item(item)
    lines.append("    {\n")
    lines.append(translate_body(ins, pops))
    lines.append("    }\n")
    net = Lin.of_items(ins.outputs) - pops
    if not net.is_zero():
        lines.append("    FT_EVAL_STACK_ADJUST(%s);\n" % net)
    offset, stores = Lin(), []
    for item in reversed(ins.outputs):
        offset = offset - Lin.of_item(item)
        if item.name == "unused" or item.size is not None:
            continue
        if item.cond is not None:
            stores.append("    if (%s)\n        FT_EVAL_STACK_AT(%s) = %s;\n" % (item.cond, offset, item.name))
        else:
            stores.append("    FT_EVAL_STACK_AT(%s) = %s;\n" % (offset, item.name))
    lines.extend(reversed(stores))
    if ins.cache:
        lines.append("    FT_EVAL_SKIP_CACHE(%d);\n" % ins.cache_size)
    lines.append("    DISPATCH();\n}\n\n")
    return "".join(lines)


def translate_body(ins, pops):
    text = textwrap.dedent(ins.body.strip("\n"))
    base = ins.family or ins.name
    offsets, k = {}, 0
    for name, size in ins.cache:
        offsets[name] = (k, size)
        k += size

    def cache_read(m):
        # The cache is skipped after the body, so offsets count from the first cache unit.
        off, size = offsets[m.group(1)]
        return "FT_EVAL_CACHE_U%d(%d)" % (16 * size, off)

    text = re.sub(r"\bCACHE\s*\(\s*([A-Za-z_0-9]+)\s*\)", cache_read, text)
    text = re.sub(r"\bLOCAL\s*\(", "FT_EVAL_LOCAL(", text)
    text = rewrite_conditions(text, base, pops)
    decref = " ".join(
        ("for (int ft_i_ = 0; ft_i_ < %s; ft_i_++) FT_EVAL_DECREF(%s[ft_i_]);" % (i.size, i.name)) if i.size
        else ("if (%s) FT_EVAL_DECREF(%s);" % (i.cond, i.name)) if i.cond
        else "FT_EVAL_DECREF(%s);" % i.name
        for i in ins.inputs if i.name != "unused")
    text = re.sub(r"\bDECREF_INPUTS\s*\(\s*\)\s*;", lambda m: decref or ";", text)
    return "".join("        " + line.rstrip() + "\n" if line.strip() else "\n" for line in text.split("\n"))


def rewrite_conditions(text, base, pops):
    """Turns DEOPT_IF(c); and ERROR_IF(c); into an if with the jump the generated frame needs."""
    out, i = [], 0
    pattern = re.compile(r"\b(DEOPT_IF|ERROR_IF)\s*\(")
    while True:
        m = pattern.search(text, i)
        if not m:
            break
        depth, j = 1, m.end()
        while j < len(text) and depth:
            depth += text[j] == "("
            depth -= text[j] == ")"
            j += 1
        cond = text[m.end():j - 1].strip()
        semi = re.match(r"\s*;", text[j:])
        end = j + semi.end() if semi else j
        if m.group(1) == "DEOPT_IF":
            jump = "if (%s)\n    FT_EVAL_DEOPT_OR_GOTO(%s);" % (cond, base)
        else:
            drop = "" if pops.is_zero() else "FT_EVAL_STACK_ADJUST(%s);\n    " % (-pops)
            jump = "if (%s) {\n    %sFT_EVAL_ERROR_OR_GOTO();\n}" % (cond, drop)
        # Keep the indentation of the macro's line for the lines the rewrite adds.
        line_start = text.rfind("\n", 0, m.start()) + 1
        indent = re.match(r"[ \t]*", text[line_start:]).group()
        out.append(text[i:m.start()] + jump.replace("\n", "\n" + indent))
        i = end
    out.append(text[i:])
    return "".join(out)


def gen_targets(d, input_name):
    by_number = {i.number: i for i in d.instrs if not i.pseudo}
    out = [header_line(input_name)]
    out.append("// eval/generated/targets.gen.h: the computed-goto table, one entry per opcode byte.\n")
    out.append("// Included inside the dispatch function of eval/ceval.c, where TARGET(NAME) defines the label\n")
    out.append("// TARGET_<NAME> and the label unknown_opcode exists.\n")
    out.append("static void *const ft_eval_opcode_targets[256] = {\n")
    for n in range(256):
        ins = by_number.get(n)
        out.append("    &&TARGET_%s,\n" % ins.name if ins else "    &&unknown_opcode,\n")
    out.append("};\n")
    return "".join(out)


def gen_json(d, input_name):
    ops = {}
    for ins in sorted_instrs(d):
        entry = {
            "number": ins.number,
            "class": ("pseudo" if ins.pseudo else "specialized" if ins.family
                      else "instrumented" if ins.number >= d.defines["MIN_INSTRUMENTED"] else "base"),
            "arg": ins.arg,
            "has": sorted(ins.predicates()),
            "flags": sorted(ins.flags),
            "cache": [[n, s] for n, s in ins.cache],
            "cache_size": ins.cache_size,
            "base": ins.family or ins.name,
            "inputs": [i.as_json() for i in ins.inputs],
            "outputs": [o.as_json() for o in ins.outputs],
            "outputs_jump": None if ins.outputs_jump is None else [o.as_json() for o in ins.outputs_jump],
        }
        if ins.pseudo:
            entry["targets"] = ins.targets
        ops[ins.name] = entry
    doc = {
        "generated_by": GENERATOR,
        "input": input_name,
        "HAVE_ARGUMENT": d.defines["HAVE_ARGUMENT"],
        "MIN_INSTRUMENTED": d.defines["MIN_INSTRUMENTED"],
        "families": {base: members for base, members, _ in d.families},
        "values": {kind: [[n, t] for n, t in entries] for kind, entries in d.values.items()},
        "opcodes": ops,
    }
    return json.dumps(doc, indent=1, sort_keys=True) + "\n"


def input_display_name(path):
    full = os.path.abspath(path)
    if full.startswith(REPO_ROOT + os.sep):
        return os.path.relpath(full, REPO_ROOT).replace(os.sep, "/")
    return os.path.basename(path)


def generate(input_path, output_dir):
    with open(input_path, encoding="utf-8") as f:
        text = f.read()
    name = input_display_name(input_path)
    d = parse(text, name)
    check(d, name)
    outputs = {
        "opcode_ids.gen.h": gen_ids(d, name),
        "opcode_meta.gen.h": gen_meta(d, name),
        "cases.gen.h": gen_cases(d, name),
        "targets.gen.h": gen_targets(d, name),
        "opcode_metadata.json": gen_json(d, name),
    }
    os.makedirs(output_dir, exist_ok=True)
    for fname, content in outputs.items():
        path = os.path.join(output_dir, fname)
        old = None
        if os.path.exists(path):
            with open(path, encoding="utf-8") as f:
                old = f.read()
        if old != content:
            with open(path, "w", encoding="utf-8", newline="\n") as f:
                f.write(content)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--input", default=os.path.join(REPO_ROOT, "eval", "bytecodes.def"))
    ap.add_argument("--output-dir", default=os.path.join(REPO_ROOT, "eval", "generated"))
    args = ap.parse_args(argv)
    try:
        generate(args.input, args.output_dir)
    except DefError as e:
        print("gen_cases.py: error: %s" % e, file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

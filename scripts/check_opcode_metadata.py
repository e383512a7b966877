#!/usr/bin/env python3
"""Compares ftpy's opcode metadata with CPython 3.14's, the oracle.

Run with the oracle interpreter, so that its _opcode, opcode, dis and _opcode_metadata modules are the ones
compared against:

    /opt/cpython314/bin/python3.14 scripts/check_opcode_metadata.py [eval/generated/opcode_metadata.json]

The JSON file is written by eval/gen/gen_cases.py from eval/bytecodes.def. Checked, for every opcode:
the name <-> number maps (opmap, _specialized_opmap, pseudo-instructions), HAVE_ARGUMENT and
MIN_INSTRUMENTED_OPCODE, the families (_specializations, in order), the values of enumerated operands
(get_nb_ops, get_intrinsic1_descs, get_intrinsic2_descs, get_special_method_names, _common_constants,
cmp_op), the inline cache sizes
(dis._inline_cache_entries) and layouts (opcode._cache_format), the has_arg/has_const/has_name/has_jump/
has_free/has_local/has_exc predicates for every number 0..511, and _opcode.stack_effect(op, oparg, jump)
for every number 0..511, every oparg 0..300 and jump None/True/False (including which calls raise).
Prints one line per mismatch and exits 1 if there is any, else prints a summary and exits 0.

    ... check_opcode_metadata.py --emit-c-table

prints instead the expected-value table of tests/unit/eval/test_opcode_meta.c, taken from the oracle
alone (so the C test checks ftpy's accessors against CPython, not against ftpy's own generator).
"""
import ast
import json
import os
import sys

PREDICATES = ("arg", "const", "name", "jump", "free", "local", "exc")
MAX_OPARG = 300
MAX_NUMBER = 511
INVALID = "invalid"


def load_oracle():
    try:
        import _opcode
        import _opcode_metadata
        import dis
        import opcode
    except ImportError as e:
        sys.exit("check_opcode_metadata.py: run me with CPython 3.14 (%s)" % e)
    if sys.version_info[:2] != (3, 14):
        sys.exit("check_opcode_metadata.py: the oracle must be CPython 3.14, this is %s" % sys.version.split()[0])
    return _opcode, _opcode_metadata, dis, opcode


def safe_eval(expr, oparg):
    """Evaluates a size or condition expression from the JSON: integers, oparg and arithmetic/bit operators only."""
    tree = ast.parse(expr, mode="eval")
    allowed = (ast.Expression, ast.BinOp, ast.UnaryOp, ast.Compare, ast.Constant, ast.Name, ast.Load,
               ast.Add, ast.Sub, ast.Mult, ast.BitAnd, ast.BitOr, ast.BitXor, ast.LShift, ast.RShift,
               ast.USub, ast.Eq, ast.NotEq, ast.Lt, ast.LtE, ast.Gt, ast.GtE)
    for node in ast.walk(tree):
        if not isinstance(node, allowed) or (isinstance(node, ast.Name) and node.id != "oparg"):
            raise ValueError("unexpected expression %r" % expr)
    return int(eval(compile(tree, "<expr>", "eval"), {"__builtins__": {}}, {"oparg": oparg}))


def count(items, oparg):
    total = 0
    for item in items:
        if item["size"] is not None:
            total += safe_eval(item["size"], oparg)
        elif item["cond"] is not None:
            total += 1 if safe_eval(item["cond"], oparg) else 0
        else:
            total += 1
    return total


def ftpy_stack_effect(entry, oparg, jump):
    """Mirrors ft_opcode_stack_effect(): INVALID where _opcode.stack_effect raises."""
    if entry is None or entry["class"] == "specialized":
        return INVALID
    pops = count(entry["inputs"], oparg)
    plain = count(entry["outputs"], oparg)
    taken = plain if entry["outputs_jump"] is None else count(entry["outputs_jump"], oparg)
    if pops < 0 or plain < 0 or taken < 0:
        return INVALID
    if jump is None:
        return max(plain, taken) - pops
    return (taken if jump else plain) - pops


def oracle_stack_effect(_opcode, op, oparg, jump):
    try:
        return _opcode.stack_effect(op, oparg, jump=jump)
    except ValueError:
        return INVALID


def check(path):
    _opcode, meta, dis, opcode = load_oracle()
    with open(path, encoding="utf-8") as f:
        ours = json.load(f)
    ops = ours["opcodes"]
    by_number = {e["number"]: (name, e) for name, e in ops.items()}
    problems = []

    def report(message):
        problems.append(message)
        print("MISMATCH: " + message)

    # Names and numbers.
    oracle_all = dict(meta.opmap)
    oracle_all.update(meta._specialized_opmap)
    for name, number in sorted(oracle_all.items(), key=lambda kv: kv[1]):
        if name not in ops:
            report("%s (%d) is missing" % (name, number))
        elif ops[name]["number"] != number:
            report("%s is %d, CPython has %d" % (name, ops[name]["number"], number))
    for name in sorted(set(ops) - set(oracle_all)):
        report("%s (%d) does not exist in CPython" % (name, ops[name]["number"]))
    for key, value in (("HAVE_ARGUMENT", meta.HAVE_ARGUMENT), ("MIN_INSTRUMENTED", meta.MIN_INSTRUMENTED_OPCODE)):
        if ours[key] != value:
            report("%s is %d, CPython has %d" % (key, ours[key], value))
    for name, e in ops.items():
        is_pseudo = name in meta.opmap and meta.opmap[name] >= 256
        if (e["class"] == "pseudo") != is_pseudo:
            report("%s: class %s disagrees with CPython's pseudo-instruction set" % (name, e["class"]))
        if (e["class"] == "specialized") != (name in meta._specialized_opmap):
            report("%s: class %s disagrees with _specialized_opmap" % (name, e["class"]))

    # Families.
    if ours["families"] != meta._specializations:
        for base in sorted(set(ours["families"]) | set(meta._specializations)):
            mine, theirs = ours["families"].get(base), meta._specializations.get(base)
            if mine != theirs:
                report("family %s is %s, CPython has %s" % (base, mine, theirs))
    for base, members in meta._specializations.items():
        for m in members:
            if m in ops and ops[m]["base"] != base:
                report("%s: base %s, CPython's is %s" % (m, ops[m]["base"], base))

    # Values of enumerated operands (what dis shows for BINARY_OP, CALL_INTRINSIC_*, LOAD_SPECIAL, ...).
    values = ours.get("values", {})
    expected_values = {
        "binary_op": [list(pair) for pair in _opcode.get_nb_ops()],
        "intrinsic1": [[name, None] for name in _opcode.get_intrinsic1_descs()],
        "intrinsic2": [[name, None] for name in _opcode.get_intrinsic2_descs()],
    }
    for kind, want in expected_values.items():
        if values.get(kind) != want:
            report("VALUES(%s) is %s, CPython has %s" % (kind, values.get(kind), want))
    expected_texts = {
        "special": list(_opcode.get_special_method_names()),
        "common_constant": [c.__name__ for c in opcode._common_constants],
        "compare": list(opcode.cmp_op),
    }
    for kind, want in expected_texts.items():
        texts = [text for _, text in values.get(kind, [])]
        if texts != want:
            report("VALUES(%s) texts are %s, CPython has %s" % (kind, texts, want))

    # Inline caches.
    for name, e in ops.items():
        if e["class"] == "specialized":
            base = ops.get(e["base"])
            if base and base["cache_size"] != e["cache_size"]:
                report("%s: cache size %d differs from its base's %d" % (name, e["cache_size"], base["cache_size"]))
            continue
        expected = dis._inline_cache_entries.get(name, 0)
        if e["cache_size"] != expected:
            report("%s: cache size %d, CPython has %d" % (name, e["cache_size"], expected))
        layout = [list(kv) for kv in opcode._cache_format.get(name, {}).items()]
        if e["cache"] != layout:
            report("%s: cache layout %s, CPython has %s" % (name, e["cache"], layout))

    # Predicates, for every number (unused ones must say no to everything).
    for number in range(MAX_NUMBER + 1):
        e = by_number.get(number, (None, None))[1]
        for p in PREDICATES:
            theirs = bool(getattr(_opcode, "has_" + p)(number))
            mine = e is not None and p in e["has"]
            if mine != theirs:
                report("has_%s(%d %s) is %s, CPython says %s" % (p, number, by_number.get(number, ("?",))[0],
                                                               mine, theirs))

    # Stack effects.
    compared = 0
    for number in range(MAX_NUMBER + 1):
        name, e = by_number.get(number, (None, None))
        failures = 0
        for oparg in range(MAX_OPARG + 1):
            for jump in (None, True, False):
                mine = ftpy_stack_effect(e, oparg, jump)
                theirs = oracle_stack_effect(_opcode, number, oparg, jump)
                compared += 1
                if mine != theirs and failures < 3:
                    failures += 1
                    report("stack_effect(%d %s, oparg=%d, jump=%s) is %s, CPython says %s"
                           % (number, name, oparg, jump, mine, theirs))

    if problems:
        print("%d mismatches" % len(problems))
        return 1
    print("opcode metadata matches CPython %s: %d opcodes, %d predicate checks, %d stack_effect calls"
          % (sys.version.split()[0], len(ops), (MAX_NUMBER + 1) * len(PREDICATES), compared))
    return 0


def emit_c_table():
    """Prints the oracle's facts as C rows for tests/unit/eval/test_opcode_meta.c."""
    _opcode, meta, dis, opcode = load_oracle()
    names = dict(meta.opmap)
    names.update(meta._specialized_opmap)
    deopt = {m: base for base, members in meta._specializations.items() for m in members}
    opargs = (0, 1, 2, 3, 4, 255, 256, 300)
    print("// Generated from CPython %s by scripts/check_opcode_metadata.py --emit-c-table." % sys.version.split()[0])
    print("// Columns: number, name, has_* bits (arg const name jump free local exc), cache size, deopt base,")
    print("// then stack_effect for oparg %s with jump None, True, False (EFFECT_INVALID where CPython raises)."
          % ", ".join(map(str, opargs)))
    print("#define EXPECTED_OPARGS {%s}" % ", ".join(map(str, opargs)))
    print("static const ExpectedOp expected_ops[] = {")
    for name, number in sorted(names.items(), key=lambda kv: kv[1]):
        bits = "".join("1" if getattr(_opcode, "has_" + p)(number) else "0" for p in PREDICATES)
        cache = dis._inline_cache_entries.get(deopt.get(name, name), 0) if number < 256 else 0
        effects = []
        for oparg in opargs:
            for jump in (None, True, False):
                v = oracle_stack_effect(_opcode, number, oparg, jump)
                effects.append("EFFECT_INVALID" if v == INVALID else str(v))
        print('    {%d, "%s", "%s", %d, %d, {%s}},' % (number, name, bits, cache, names[deopt.get(name, name)],
                                                   ", ".join(effects)))
    print("};")
    return 0


def main(argv):
    if "--emit-c-table" in argv:
        return emit_c_table()
    args = [a for a in argv if not a.startswith("--")]
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    path = args[0] if args else os.path.join(root, "eval", "generated", "opcode_metadata.json")
    return check(path)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

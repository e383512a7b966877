#!/usr/bin/env python3
"""Writes tests/unit/objects/set_expected/ops.txt: set/frozenset scripts with CPython 3.14's results.

Run with the oracle and a zero hash seed (the core's str hash is SipHash with a zero key):

    PYTHONHASHSEED=0 /opt/cpython314/bin/python3.14 objects/gen/gen_set_tests.py

Each line is `<statement>\t<expected>`; tests/unit/objects/test_set.c runs the statements in order
on its own objects and compares. Variables are single letters; `reset` forgets all of them.
Values (arguments and keys) are encoded as:
    i<decimal>        an int             s<text>   a str of [a-z0-9_]
    @<var>            a variable         t<v>,<v>  a tuple of keys (`t` alone: the empty tuple)
    S<text>           a str used as an iterable (its characters are the keys)
Statements:
    new <var> set|frozenset <value>         var = set(value) / frozenset(value); value may be `-`
    call <dst|-> <var> <method> <value>...  r = var.method(*values); `-` drops r
    op <dst> <var> <operator> <value>       r = var <operator> value (binary, in-place, comparison)
    hash <var> / len <var> / in <var> <value> / iter <var> / mutiter <var> <key>
The expected text is `repr(result) | repr(var)` for call/op/new (an exception prints as
`!<Type>: <message>`), the number for hash/len, True/False for in, the items in iteration order for
iter, and the error raised by next() after an add during iteration for mutiter.
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "..", "tests", "unit", "objects", "set_expected", "ops.txt")


def encode_key(k):
    return f"i{k}" if isinstance(k, int) else f"s{k}"


class Script:
    def __init__(self):
        self.lines = []
        self.env = {}

    def value(self, token):
        if token == "-":
            return None
        if token.startswith("@"):
            return self.env[token[1:]]
        if token.startswith("i"):
            return int(token[1:])
        if token.startswith("s"):
            return token[1:]
        if token.startswith("S"):
            return token[1:]
        if token.startswith("t"):
            return tuple(self.value(x) for x in token[1:].split(",")) if len(token) > 1 else ()
        raise ValueError(token)

    @staticmethod
    def show(thunk):
        try:
            return repr(thunk())
        except Exception as e:  # noqa: BLE001 - every error is part of the expected output
            return f"!{type(e).__name__}: {e}"

    def emit(self, stmt, expected):
        assert "\t" not in stmt and "\n" not in expected and "\t" not in expected
        self.lines.append(f"{stmt}\t{expected}")

    def run(self, stmt):
        t = stmt.split()
        kind = t[0]
        if kind == "reset":
            self.env.clear()
            self.emit(stmt, "")
        elif kind == "new":
            ctor = set if t[2] == "set" else frozenset
            arg = self.value(t[3])
            try:
                self.env[t[1]] = ctor() if arg is None else ctor(arg)
                res = repr(self.env[t[1]])
            except Exception as e:  # noqa: BLE001
                res = f"!{type(e).__name__}: {e}"
            self.emit(stmt, res)
        elif kind == "call":
            obj = self.env[t[2]]
            args = [self.value(x) for x in t[4:]]
            box = {}

            def thunk():
                box["r"] = getattr(obj, t[3])(*args)
                return box["r"]
            res = self.show(thunk)
            if t[1] != "-" and "r" in box:
                self.env[t[1]] = box["r"]
            self.emit(stmt, f"{res} | {obj!r}")
        elif kind == "op":
            v = self.env[t[2]]
            w = self.value(t[4])
            op = t[3]
            box = {}

            def thunk():
                x = v
                if op.endswith("=") and op not in ("==", "!=", "<=", ">="):
                    ns = {"x": x, "w": w}
                    exec(f"x {op} w", ns)
                    box["r"] = ns["x"]
                else:
                    box["r"] = eval(f"x {op} w", {"x": x, "w": w})
                return box["r"]
            res = self.show(thunk)
            if "r" in box and t[1] != "-":
                self.env[t[1]] = box["r"]
            self.emit(stmt, f"{res} | {v!r}")
        elif kind == "hash":
            self.emit(stmt, self.show(lambda: hash(self.env[t[1]])))
        elif kind == "len":
            self.emit(stmt, repr(len(self.env[t[1]])))
        elif kind == "in":
            self.emit(stmt, self.show(lambda: self.value(t[2]) in self.env[t[1]]))
        elif kind == "iter":
            self.emit(stmt, " ".join(repr(x) for x in self.env[t[1]]))
        elif kind == "mutiter":
            s = self.env[t[1]]
            it = iter(s)
            next(it)
            s.add(self.value(t[2]))

            def after():
                next(it)
            res = self.show(after)
            self.emit(stmt, res + " ; " + self.show(after))
        else:
            raise ValueError(stmt)


FIXED = """
new a set -
new b frozenset -
new c set t
new a set ti1,i2,i3
new b frozenset ti3,i4,i5
new c set Sabracadabra
new d frozenset Sabc
hash b
hash d
op r a | @b
op r b | @a
op r a & @b
op r b & @a
op r a - @b
op r b - @a
op r a ^ @b
op r b ^ @a
op r a | ti9
op r a & ti9
op r a - ti9
op r a ^ ti9
op r a < @b
op r a == ti1,i2,i3
op r a != ti1,i2,i3
op r a <= @a
op r a < @a
op r a >= @a
op r a > @a
op r b |= @a
op r b &= @a
op r a |= ti9
op r a |= @b
op r a &= @c
new a set ti1,i2,i3,i4,i5,i6
op r a -= @b
op r a ^= @b
op r a ^= @a
op r a -= @a
new a set ti1,i2,i3
call r a union
call r a union @b tsx,sy Sxyz
call r a intersection @b ti3,i1,i99 Sq
call r a difference @b ti1
call r a symmetric_difference ti3,i7,i8
call - a update ti10,i11 @b Sab
call - a intersection_update ti10,i11,i1,i3,sa,i5 @a
call - a difference_update ti10 Sa
call - a symmetric_difference_update ti11,i12,i13
call - a symmetric_difference_update @a
call r b copy
call r a copy
call r a issubset ti1,i2,i3
call r a issuperset t
call r a isdisjoint ti4
new a set ti1,i2,i3
call r a issubset ti1,i2,i3,i4
call r a issubset ti1,i2
call r a issuperset ti1
call r a issuperset ti1,i5
call r a isdisjoint ti4,i5
call r a isdisjoint ti4,i3
call r a isdisjoint @a
call r b isdisjoint @a
call - a remove i2
call - a remove i2
call - a remove s2
call - a remove t
call - a discard i2
call - a add i-1
call - a add t
call - a add ti1,si2
call - a add @b
call r a pop
call r a pop
call r a pop
call r a pop
call r a pop
call r a pop
call - a clear
call r a pop
call r a __contains__ i1
new a set ti1,i2,i3
new e set ti3,i4,i5
in a @e
in b @e
call - b add i1
call - a remove @e
in a ti1
len a
len b
call r a add ti1,i2
call r a remove @b
new a set ti1,i2,i3,i4
iter a
mutiter a i99
new a set ti1,i2,i3,i4
call r a issubset i5
call r a update i5
call r a union i5
call r a intersection i5
op r a | i5
op r a |= i5
op r a < i5
op r a == i5
new f set i5
new f frozenset S
"""


def fixed_statements():
    return [ln for ln in FIXED.strip().splitlines() if ln]


def random_key(rng):
    r = rng.random()
    if r < 0.45:
        return rng.randint(-8, 70)
    if r < 0.55:
        return rng.choice([-1, -2, 2**31, 2**61 - 1, 2**61, 2**62 + 5, -(2**40), 10**15])
    return "k" + str(rng.randint(0, 80))


def random_tuple(rng, n):
    return "t" + ",".join(encode_key(random_key(rng)) for _ in range(n))


def random_statements(seed, count):
    rng = random.Random(seed)
    out = ["reset"]
    for v in "abcd":
        kind = "set" if v in "ab" else rng.choice(["set", "frozenset"])
        out.append(f"new {v} {kind} {random_tuple(rng, rng.randint(0, 30))}")
    sets = ["a", "b"]          # always sets
    anys = ["a", "b", "c", "d"]
    for _ in range(count):
        r = rng.random()
        v = rng.choice(sets)
        if r < 0.25:
            out.append(f"call - {v} add {encode_key(random_key(rng))}")
        elif r < 0.40:
            out.append(f"call - {v} discard {encode_key(random_key(rng))}")
        elif r < 0.45:
            out.append(f"call - {v} pop")
        elif r < 0.50:
            n = rng.randint(0, 40)
            out.append(f"call - {v} update {random_tuple(rng, n)}")
        elif r < 0.55:
            out.append(f"call - {v} difference_update {random_tuple(rng, rng.randint(0, 25))}")
        elif r < 0.58:
            out.append(f"call - {v} symmetric_difference_update {random_tuple(rng, rng.randint(0, 12))}")
        elif r < 0.60:
            out.append(f"call - {v} intersection_update @{rng.choice(anys)}")
        elif r < 0.62:
            out.append(f"call - {v} clear")
        elif r < 0.80:
            op = rng.choice(["|", "&", "-", "^", "<", "<=", "==", "!=", ">", ">="])
            dst = rng.choice(["c", "d", "-"]) if op in "|&-^" else "-"
            out.append(f"op {dst} {rng.choice(anys)} {op} @{rng.choice(anys)}")
        elif r < 0.88:
            op = rng.choice(["|=", "&=", "-=", "^="])
            out.append(f"op {v} {v} {op} @{rng.choice(anys)}")
        elif r < 0.93:
            m = rng.choice(["union", "intersection", "difference"])
            args = " ".join(rng.choice([f"@{rng.choice(anys)}", random_tuple(rng, rng.randint(0, 20))])
                            for _ in range(rng.randint(0, 3)))
            out.append(f"call {rng.choice(['c', 'd'])} {rng.choice(anys)} {m} {args}".rstrip())
        elif r < 0.96:
            out.append(f"in {rng.choice(anys)} {encode_key(random_key(rng))}")
        else:
            fz = rng.choice(["c", "d"])
            out.append(f"new {fz} frozenset @{rng.choice(anys)}")
            out.append(f"hash {fz}")
    return out


def main():
    script = Script()
    stmts = fixed_statements()
    # Growth and shrinking past several table sizes, with pops that follow the finger.
    stmts += ["reset", "new a set t", "new b set t"]
    stmts += [f"call - a add i{k * 7}" for k in range(120)]
    stmts += [f"call - a discard i{k * 14}" for k in range(50)]
    stmts += ["call r a pop"] * 10
    stmts += [f"call - b add sw{k}" for k in range(60)]
    stmts += ["op r a | @b", "op r b ^ @a", "op r a - @b", "call - a difference_update @b",
              "new c frozenset @a", "hash c", "new d frozenset @b", "hash d", "op r c | @d", "hash r"]
    for seed in range(40):
        stmts += random_statements(seed, 60)
    for s in stmts:
        script.run(s)
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    with open(OUT, "w") as f:
        f.write("# generated by objects/gen/gen_set_tests.py (PYTHONHASHSEED=0, CPython "
                f"{sys.version.split()[0]}); do not edit\n")
        for ln in script.lines:
            f.write(ln + "\n")
    print(f"{len(script.lines)} cases -> {os.path.normpath(OUT)}")


if __name__ == "__main__":
    if os.environ.get("PYTHONHASHSEED") != "0":
        sys.exit("run with PYTHONHASHSEED=0 (see the docstring)")
    main()

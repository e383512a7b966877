# compile() rejects invalid match patterns.
for src in ("match x:\n    case a | b: pass", "match x:\n    case _: pass\n    case 1: pass", "match x:\n    case [a, a]: pass",
            "match x:\n    case {**r, 'k': 1}: pass", "match x:\n    case [*a, *b]: pass", "match x:\n    case a:\n        pass\n    case b:\n        pass",
            "match x:\n    case 1 + 1: pass", "match x:\n    case f(1): pass"):
    try:
        compile(src, "<s>", "exec")
        print("ok")
    except SyntaxError as e:
        print(e.msg)

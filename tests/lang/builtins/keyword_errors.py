# Keyword argument errors of builtins: counts, missing required arguments, repeats, and "Did you mean" suggestions.
for c in ["max([1], kye=len)", "zip([], strickt=True)", "map(len, [], strct=1)", "sorted([], kye=1)", "print(sepp=1)", "round(1, ndigit=2)", "compile(sourc=1)", "int(bas=2)", "sum([], strat=0)", "min(1,2,kye=None)","format(1, 2, 3)","format(1, format_spec=2)", "map(len, [], strict=1, x=2)"]:
    try: eval(c)
    except TypeError as e: print(c, "->", e)
for c in ["sum(iterable=[])", "sum([], 0, strat=1)", "round(numbr=1)", "compile(\"1\", \"f\", \"eval\", bogus=1)", "eval(source=\"1\")", "print(1, sepp=1, end=2, x=3)", "round(1, 2, 3)", "pow(1, 2, 3, 4)","pow(bas=1)", "compile(1,2,3,4,5,6,7,8)", "sum()", "sum(1,2,3)", "__import__()"]:
    try: eval(c)
    except TypeError as e: print(c, "->", e)
for c in ["sum([], iterable=1)", "eval(\"1\", source=2)", "exec(\"1\", source=2)", "eval(\"1\", globals={}, source=2)", "sum([], start=0, iterable=1)", "compile(\"1\", \"f\", \"eval\", _feature_version=1, x=1)", "compile(source=\"1\", filename=\"f\")", "print(1, sep=1, sep2=2)", "round(number=1, ndigits=2, x=3)", "open(\"f\", \"r\", file=1)"]:
    try: eval(c)
    except Exception as e: print(c, "->", type(e).__name__, e)
for c in ["print(a=1,b=2,c=3,d=4,e=5)", "print(sep=1, end=2, file=3, flush=4, x=5)", "print(1, 2, sep=1, end=2, file=3, flush=4, x=5)"]:
    try: eval(c)
    except Exception as e: print(c, "->", type(e).__name__, e)

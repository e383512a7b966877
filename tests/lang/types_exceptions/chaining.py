# __context__, __cause__, __suppress_context__ set by raise and raise from.
def chain():
    try:
        {}["k"]
    except KeyError as e:
        raise ValueError("v") from e
try:
    chain()
except ValueError as e:
    print(repr(e), repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
e = ValueError()
e.__cause__ = TypeError()
print(e.__suppress_context__, repr(e.__cause__))
try:
    e.__cause__ = 5
except TypeError as err:
    print(type(err).__name__, err)
try:
    e.__context__ = "x"
except TypeError as err:
    print(type(err).__name__, err)

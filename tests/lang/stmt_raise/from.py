# raise ... from sets __cause__ and __suppress_context__; from None hides context.
try:
    try:
        1 / 0
    except ZeroDivisionError as z:
        raise ValueError("wrapped") from z
except ValueError as e:
    print(repr(e.__cause__), repr(e.__context__), e.__suppress_context__)
try:
    try:
        1 / 0
    except ZeroDivisionError:
        raise ValueError("hidden") from None
except ValueError as e:
    print(e.__cause__, repr(e.__context__), e.__suppress_context__)
try:
    raise ValueError from 5
except TypeError as e:
    print(type(e).__name__, e)
try:
    raise KeyError from IndexError
except KeyError as e:
    print(repr(e.__cause__))

# An exception in finally replaces the in-flight exception and chains it.
try:
    try:
        raise ValueError("original")
    finally:
        raise KeyError("from finally")
except KeyError as e:
    print(repr(e), repr(e.__context__))

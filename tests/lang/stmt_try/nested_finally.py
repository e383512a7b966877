# Nested try/finally blocks unwind innermost first when an exception propagates.
def f():
    try:
        try:
            try:
                raise IndexError("x")
            finally:
                print("inner finally")
        finally:
            print("middle finally")
    except IndexError as e:
        print("caught", e)
    finally:
        print("outer finally")
f()

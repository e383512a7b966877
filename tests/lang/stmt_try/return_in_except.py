# return inside except and else; finally still runs.
def f(x):
    try:
        if x:
            raise ValueError
    except ValueError:
        return "except"
    else:
        return "else"
    finally:
        print("finally", x)
print(f(True), f(False))

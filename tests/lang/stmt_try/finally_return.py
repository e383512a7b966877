# return in finally overrides; finally runs on return, break and continue.
def f():
    try:
        return "try"
    finally:
        print("finally runs")
print(f())
def g():
    for i in range(3):
        try:
            if i == 0:
                continue
            if i == 1:
                break
        finally:
            print("finally", i)
    return i
print(g())
def h():
    try:
        raise KeyError
    finally:
        return "swallowed"
print(h())

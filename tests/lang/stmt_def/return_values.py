# Functions return None by default; return of tuples; early return.
def a(): pass
def b(): return
def c(): return 1, 2
def d(x):
    if x:
        return "early"
    print("late")
print(a(), b(), c(), d(1), d(0))

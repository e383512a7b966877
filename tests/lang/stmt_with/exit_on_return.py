# __exit__ runs on return, break and continue out of a with block.
class CM:
    def __enter__(self): print("enter"); return self
    def __exit__(self, *a): print("exit", a[0]); return None
def f():
    with CM():
        return "ret"
print(f())
for i in range(3):
    with CM():
        if i == 0:
            continue
        break
print("i", i)

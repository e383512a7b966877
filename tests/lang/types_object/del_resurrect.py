# A __del__ may resurrect its object; it is finalized only once, and freed when the new reference goes.
saved = []
class Phoenix:
    calls = 0
    def __del__(self):
        Phoenix.calls += 1
        print("del call", Phoenix.calls)
        saved.append(self)
p = Phoenix()
p.value = 42
del p
print(len(saved), saved[0].value)
saved.clear()
print("cleared, calls =", Phoenix.calls)

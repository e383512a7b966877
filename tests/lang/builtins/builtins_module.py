# __builtins__ is reachable; shadowing a builtin in globals and restoring it.
print(type(__builtins__).__name__, __builtins__.len is len)
def len(x): return "shadowed"
print(len([1, 2]))
del len
print(len([1, 2]))

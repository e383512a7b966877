# Tracebacks through a lambda and a list comprehension.
f = lambda x: x["key"]
print([f(d) for d in [{"key": 1}, {}]])

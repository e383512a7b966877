# list.sort is stable, supports key and reverse, and reports mutation during sort.
data = [("b", 2), ("a", 2), ("c", 1), ("d", 1), ("e", 3)]
print(sorted(data, key=lambda p: p[1]))
print(sorted(data, key=lambda p: p[1], reverse=True))
words = "The quick brown fox Jumps over the lazy dog".split()
print(sorted(words), sorted(words, key=str.lower), sorted(words, key=len))
l = [3, 2, 1]
def bad_key(x):
    l.append(x)
    return x
try:
    l.sort(key=bad_key)
except ValueError as e:
    print(type(e).__name__, e)

# Combining builtins: sorted(enumerate(...)), reversed(list(zip())) and max with key over enumerate.
words = ["pear", "fig", "banana", "kiwi"]
print(sorted(enumerate(words), key=lambda p: len(p[1])))
print(list(reversed(list(zip(words, range(4))))))
print(max(enumerate(words), key=lambda p: p[1]), min(words, key=len), sorted(words, key=lambda w: (len(w), w)))

# repr of self-referencing lists, dicts and nested mixes uses ... placeholders.
a = []
b = [a]
a.append(b)
print(a)
d = {"l": []}
d["l"].append(d)
print(d)
t = ([],)
t[0].append(t)
print(t)

# Changing a dict's size during iteration raises RuntimeError; replacing values is fine.
d = {i: i for i in range(5)}
for k in d:
    d[k] = k * 10
print(d)
try:
    for k in d:
        del d[k]
except RuntimeError as e:
    print(type(e).__name__, e)
try:
    for k in d.keys():
        d.pop(k)
        d[k + 100] = 0
except RuntimeError as e:
    print(type(e).__name__, e)

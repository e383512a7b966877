# Slicing of lists, tuples, strings with positive, negative and step values.
s = "abcdefgh"
l = list(range(10))
print(s[2:5], s[:3], s[5:], s[-3:], s[::2], s[::-1], s[-2:1:-2], s[100:], s[3:1])
print(l[1:8:3], l[::-3], l[-100:100], tuple(l)[2:4], l[slice(1, 3)], l[slice(None, None, -4)])
try:
    l[::0]
except ValueError as e:
    print(e)

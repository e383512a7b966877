# for/else with and without break, and over empty iterables.
for x in [1, 2, 3]:
    if x == 5:
        break
else:
    print("no 5")
for x in [1, 5, 3]:
    if x == 5:
        print("found 5")
        break
else:
    print("never")
for x in ():
    print("never")
else:
    print("empty else")
print(x)

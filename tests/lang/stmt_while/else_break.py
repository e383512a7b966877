# while/else: else runs when the loop ends without break.
i = 0
while i < 3:
    print("i", i)
    i += 1
else:
    print("else ran")
j = 0
while True:
    j += 1
    if j == 4:
        break
else:
    print("not printed")
print("j", j)
k = 10
while k < 3:
    print("never")
else:
    print("else on zero iterations")

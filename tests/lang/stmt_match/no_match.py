# A match without a matching case does nothing; subjects can be tuples.
match 5:
    case 1:
        print("one")
print("no case matched")
match 1, 2:
    case (1, x):
        print("tuple subject", x)

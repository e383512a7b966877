# Capture patterns bind names; wildcard binds nothing.
match 42:
    case x:
        print("captured", x)
match (1, 2):
    case (_, y):
        print("y", y)
match "s":
    case other if other == "t":
        print("no")
    case other:
        print("fallback", other)

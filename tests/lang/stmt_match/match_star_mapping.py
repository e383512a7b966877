# Star and double-star captures, with empty rests.
match [1]:
    case [first, *rest]:
        print(first, rest)
match {"a": 1}:
    case {"a": 1, **rest}:
        print(rest)
match (1, 2, 3, 4):
    case (*init, last):
        print(init, last)
match "str":
    case [*chars]:
        print("never", chars)
    case _:
        print("str is not a sequence pattern")

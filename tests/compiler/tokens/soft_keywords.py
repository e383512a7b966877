match command.split():
    case [action, obj]:
        pass
    case Point(x=0) | _:
        type X = list[int]
type = 1
match = case = _ = 2
print(match, case, type, _)

match command.split():
    case [action]:
        pass
    case [action, obj]:
        pass
    case Point(x=0, y=0):
        pass
    case Point(1, y=2) | Other():
        pass
    case {"x": 1, **rest}:
        pass
    case {1: _, "b": [1, 2, *others]}:
        pass
    case 1 | 2.5 | -3 | 1 + 2j | -1 - 2j | "s" | b"b" | None | True | False:
        pass
    case a.b.c:
        pass
    case (1, 2) as pair if pair:
        pass
    case [*_]:
        pass
    case _:
        pass

match x, y:
    case 1, 2:
        pass

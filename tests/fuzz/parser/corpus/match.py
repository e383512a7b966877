match p:
    case Point(x=0, y=0) | [1, 2, *_]:
        pass
    case {"k": v, **rest} if v:
        pass
    case _:
        pass

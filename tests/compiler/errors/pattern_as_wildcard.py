match v:
    case [x] as _:
        pass

match v:
    case [x] as obj.attr:
        pass

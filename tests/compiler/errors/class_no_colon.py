class Shape(Base)
    pass

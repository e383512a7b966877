class C:
    x: (y := int)

type X = (y := int)

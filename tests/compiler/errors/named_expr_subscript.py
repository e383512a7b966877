print((table[0] := 1))

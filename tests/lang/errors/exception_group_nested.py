# Nested exception groups print with nested boxes and numbering.
inner = ExceptionGroup("inner", [KeyError("k"), IndexError("i")])
raise ExceptionGroup("outer", [inner, ValueError("v")])

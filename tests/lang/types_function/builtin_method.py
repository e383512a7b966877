# Builtin functions and methods: __name__, __self__, __qualname__ and type names.
print(type(len).__name__, len.__name__, len.__qualname__, len.__self__.__name__)
m = [].append
print(type(m).__name__, m.__name__, m.__qualname__, type(m.__self__).__name__)
print(type(str.upper).__name__, type(list.__add__).__name__, type(object.__init__).__name__, type(dict.fromkeys).__name__)
print(str.upper("x"), list.__len__([1, 2]), type("".join).__name__, type(int.__dict__["from_bytes"]).__name__)

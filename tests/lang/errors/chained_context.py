# Implicit chaining: "During handling of the above exception, another exception occurred".
try:
    int("abc")
except ValueError:
    [][0]

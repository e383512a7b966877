# An exception with no arguments prints only its type name.
raise RuntimeError

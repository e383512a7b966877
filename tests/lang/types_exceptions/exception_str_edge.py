# str() and repr() of exceptions with non-string and multiple args.
for e in (Exception(1), Exception([1, 2]), Exception(""), Exception("a", "b"), KeyError("a", "b"), KeyError(""), StopIteration(1, 2)):
    print(repr(e), "|", str(e))

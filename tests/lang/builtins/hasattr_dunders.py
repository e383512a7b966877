# hasattr for dunder methods distinguishes types by protocol.
for v in (1, "s", [], {}, len, None, iter([])):
    print(type(v).__name__, hasattr(v, "__iter__"), hasattr(v, "__len__"), hasattr(v, "__call__"), hasattr(v, "__next__"), hasattr(v, "__hash__") and v.__hash__ is not None)

print(*a, **b)
f(x for x in y)

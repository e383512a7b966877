# lambdas close over enclosing scopes and can be nested.
adder = lambda x: lambda y: x + y
add5 = adder(5)
print(add5(3), adder("a")("b"))
compose = lambda f, g: lambda x: f(g(x))
print(compose(str, abs)(-4) + "!")

# TypeError from calling a function with wrong arguments, uncaught.
def greet(name, greeting):
    return f"{greeting}, {name}"
greet("Bob")

# Uncaught exception whose __str__ is customised; empty message shows only the type.
class Oops(Exception):
    def __str__(self):
        return "custom message"
try:
    raise Exception()
except Exception as e:
    print(repr(str(e)))
raise Oops()

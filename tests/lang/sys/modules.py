# sys.modules contains __main__, sys and builtins; a module can be registered by hand.
import sys
print("__main__" in sys.modules, "sys" in sys.modules, "builtins" in sys.modules, sys.modules["__main__"].__name__)
M = type(sys)
m = M("handmade")
m.value = 42
sys.modules["handmade"] = m
import handmade
print(handmade.value, handmade is m)
from handmade import value
print(value)

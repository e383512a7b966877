# sys.path, sys.executable and prefix have the expected types.
import sys
print(type(sys.path).__name__, type(sys.executable).__name__, type(sys.prefix).__name__, isinstance(sys.builtin_module_names, tuple), "sys" in sys.builtin_module_names)

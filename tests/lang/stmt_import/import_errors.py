# Importing a missing module or name raises ImportError / ModuleNotFoundError.
try:
    import no_such_module_xyz
except ModuleNotFoundError as e:
    print(type(e).__name__, e, e.name)
try:
    from sys import no_such_name_xyz
except ImportError as e:
    print(type(e).__name__, e)

# ModuleNotFoundError traceback for a missing module.
import definitely_not_a_module

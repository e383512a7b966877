# Docstrings on modules, functions and classes; non-first strings are not docstrings.
"""Module docstring."""
def f():
    """Function doc."""
def g():
    x = 1
    """Not a doc."""
class C:
    """Class doc."""
    def m(self):
        "method doc"
print(__doc__, f.__doc__, g.__doc__, C.__doc__, C.m.__doc__, C().m.__doc__)

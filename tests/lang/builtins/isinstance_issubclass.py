# isinstance and issubclass with classes, tuples, abstract-like hooks and bools.
class A: pass
class B(A): pass
print(isinstance(B(), A), isinstance(A(), B), isinstance(True, int), isinstance(1, bool), isinstance(None, type(None)))
print(issubclass(B, A), issubclass(A, A), issubclass(B, (int, A)), issubclass(bool, (str,)), issubclass(int, object))
print(isinstance([], (list, tuple)), isinstance((), ()), isinstance(1, ((((int,),),),)))

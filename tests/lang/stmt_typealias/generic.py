# Generic functions and classes with PEP 695 type parameters.
def first[T](xs: list[T]) -> T:
    return xs[0]
print(first([3, 4]), [p.__name__ for p in first.__type_params__])
class Box[T]:
    def __init__(self, v: T): self.v = v
print(Box(5).v, [p.__name__ for p in Box.__type_params__], type(Box.__type_params__[0]).__name__)
type Pair[A, B] = tuple[A, B]
print([p.__name__ for p in Pair.__type_params__])

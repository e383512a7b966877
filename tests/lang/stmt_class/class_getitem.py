# __class_getitem__ makes Class[...] work.
class Box:
    def __class_getitem__(cls, item):
        return f"{cls.__name__}[{item!r}]"
print(Box[int.__name__], Box[1, 2])
print(list[int], dict[str, list[int]], type(list[int]).__name__)
try:
    object[int]
except TypeError as e:
    print(type(e).__name__, e)

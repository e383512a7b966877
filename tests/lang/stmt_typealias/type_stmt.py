# The type statement creates a lazily evaluated TypeAliasType.
type Num = int | float
print(type(Num).__name__, Num.__name__, Num.__value__)
type Later = UndefinedYet
try:
    Later.__value__
except NameError as e:
    print(type(e).__name__, e)
UndefinedYet = str
print(Later.__value__.__name__)

# if uses __bool__, then __len__; a bad __bool__ raises TypeError.
class B:
    def __bool__(self):
        print("bool"); return False
class L:
    def __len__(self):
        print("len"); return 2
class Bad:
    def __bool__(self):
        return 1
class Neg:
    def __len__(self):
        return -1
if B(): print("yes")
else: print("no")
if L(): print("yes")
for o in (Bad(), Neg()):
    try:
        if o: pass
    except Exception as e:
        print(type(e).__name__, e)

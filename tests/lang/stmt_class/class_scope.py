# Class bodies do not create enclosing scopes for methods; class body sees globals.
x = "global"
class C:
    x = "class"
    y = x + "!"
    def m(self):
        return x
    z = [x for _ in range(1)]
print(C.y, C().m(), C.z)

# __prepare__ supplies the class namespace.
class Meta(type):
    @classmethod
    def __prepare__(mcls, name, bases):
        print("prepare", name)
        return {"injected": 42}
class C(metaclass=Meta):
    x = injected + 1
print(C.x, C.injected)

# classmethod receives the class; staticmethod receives nothing extra.
class A:
    count = 0
    @classmethod
    def make(cls):
        cls.count += 1
        return cls()
    @staticmethod
    def add(a, b):
        return a + b
class B(A): pass
print(type(A.make()).__name__, type(B.make()).__name__, A.count, B.count)
print(A.add(1, 2), A().add(3, 4))
print(type(A.__dict__["make"]).__name__, type(A.__dict__["add"]).__name__)
print(A.__dict__["add"].__func__ is A.add)

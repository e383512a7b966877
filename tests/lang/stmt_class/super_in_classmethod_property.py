# super() inside properties and static-like helpers through class attributes.
class Base:
    @property
    def name(self): return "base"
    def describe(self): return f"I am {self.name}"
class Child(Base):
    @property
    def name(self): return "child of " + super().name
print(Child().describe(), Base().describe())

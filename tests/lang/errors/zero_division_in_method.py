# Uncaught ZeroDivisionError from a method called on an instance.
class Avg:
    def __init__(self, items):
        self.items = items
    def mean(self):
        return sum(self.items) / len(self.items)
print(Avg([1, 2, 3]).mean())
print(Avg([]).mean())

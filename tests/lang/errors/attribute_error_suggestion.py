# AttributeError with a suggestion for a similar attribute name.
class Config:
    def __init__(self):
        self.timeout = 5
c = Config()
print(c.timeuot)

# Cooperative __init__ across a diamond with keyword arguments.
class Root:
    def __init__(self, **kw):
        print("Root", sorted(kw))
class Left(Root):
    def __init__(self, left=None, **kw):
        print("Left", left)
        super().__init__(**kw)
class Right(Root):
    def __init__(self, right=None, **kw):
        print("Right", right)
        super().__init__(**kw)
class Bottom(Left, Right):
    def __init__(self, **kw):
        print("Bottom")
        super().__init__(**kw)
Bottom(left=1, right=2)
print([c.__name__ for c in Bottom.__mro__])

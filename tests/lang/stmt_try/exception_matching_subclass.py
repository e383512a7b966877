# Handlers match subclasses; order of handlers matters.
class Base(Exception): pass
class Derived(Base): pass
for exc in (Derived, Base):
    try:
        raise exc("m")
    except Derived as e:
        print("Derived handler", type(e).__name__)
    except Base as e:
        print("Base handler", type(e).__name__)

# User-defined exception hierarchies, __str__ overrides, catching by base.
class AppError(Exception):
    pass
class DbError(AppError):
    def __str__(self):
        return "db: " + super().__str__()
for exc in (DbError("down"), AppError("generic")):
    try:
        raise exc
    except AppError as e:
        print(type(e).__name__, e, isinstance(e, Exception))
class Weird(Exception):
    def __repr__(self): return "Weird!"
print(repr(Weird()), str(Weird("w")), [Weird()])

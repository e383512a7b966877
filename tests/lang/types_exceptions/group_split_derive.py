# split preserves notes, cause and context on both parts.
eg = ExceptionGroup("g", [ValueError(1), TypeError(2)])
eg.add_note("group note")
eg.__cause__ = KeyError("cause")
m, r = eg.split(ValueError)
print(repr(m), m.__notes__, repr(m.__cause__), repr(r), r.__notes__)
class MyEG(ExceptionGroup):
    def derive(self, excs):
        return MyEG(self.message + "!", excs)
m2, r2 = MyEG("mine", [ValueError(1), TypeError(2)]).split(ValueError)
print(type(m2).__name__, m2.message, type(r2).__name__)

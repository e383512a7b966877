# A reusable context manager class that counts entries and records exits.
class Tracker:
    def __init__(self): self.depth = 0; self.log = []
    def __enter__(self):
        self.depth += 1
        self.log.append(f"enter {self.depth}")
        return self
    def __exit__(self, et, ev, tb):
        self.log.append(f"exit {self.depth} {et.__name__ if et else '-'}")
        self.depth -= 1
t = Tracker()
with t:
    with t:
        pass
    try:
        with t:
            raise KeyError
    except KeyError:
        pass
print(t.log)

# print(file=None) uses sys.stdout; print to an object with write().
class W:
    def __init__(self): self.parts = []
    def write(self, s): self.parts.append(s)
w = W()
print("hello", "world", file=w)
print(w.parts)
print("normal", file=None)
try:
    print("x", file=5)
except AttributeError as e:
    print(type(e).__name__, e)

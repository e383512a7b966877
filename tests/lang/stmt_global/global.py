# global declares module-level bindings inside functions.
counter = 0
def inc():
    global counter
    counter += 1
for _ in range(5):
    inc()
print(counter)
def make():
    global brand_new
    brand_new = "created"
make()
print(brand_new)
def read_only():
    return counter * 2
print(read_only())

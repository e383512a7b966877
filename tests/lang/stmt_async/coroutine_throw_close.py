# Coroutine throw() and close(); reusing an exhausted coroutine fails.
class Y:
    def __await__(self):
        yield "y"
async def c():
    try:
        await Y()
    except ValueError as e:
        return "caught " + str(e)
co = c()
co.send(None)
try:
    co.throw(ValueError("boom"))
except StopIteration as e:
    print(e.value)
try:
    co.send(None)
except RuntimeError as e:
    print(type(e).__name__, e)
co2 = c()
co2.send(None)
co2.close()
print("closed", co2.cr_frame)
co3 = c()
try:
    co3.send(1)
except TypeError as e:
    print(type(e).__name__, e)
co3.close()

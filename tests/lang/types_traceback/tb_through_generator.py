# A traceback through generator and function frames lists each frame's name and line.
def gen():
    yield 1
    yield 1 / 0
def consume():
    return list(gen())
try:
    consume()
except ZeroDivisionError as e:
    tb = e.__traceback__
    out = []
    while tb:
        out.append((tb.tb_frame.f_code.co_name, tb.tb_lineno))
        tb = tb.tb_next
    print(out)

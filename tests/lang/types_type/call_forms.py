# type() with one or three arguments: keywords, bad counts, and names that cannot be UTF-8 encoded or hold NUL.
def show(*args, **kw):
    try:
        r = type(*args, **kw)
        print("ok", r.__name__)
    except Exception as e:
        print(type(e).__name__, e)


show(1)
show(1, x=1)
show()
show(1, 2)
show(1, 2, 3, 4)
show("N", (), {})
show("N", (), {}, x=1)
show("N\udcff", (), {})
show("\udcffN", (int,), {})
show("N\x00", (), {})
show("Ñame", (), {})


class Meta(type):
    pass


try:
    Meta(1)
except Exception as e:
    print(type(e).__name__, e)
print(Meta("M", (), {}).__name__)

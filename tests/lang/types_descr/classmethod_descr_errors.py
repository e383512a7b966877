# A builtin classmethod descriptor (dict.fromkeys) called or bound with a wrong class or a non-class.
d = dict.__dict__["fromkeys"]


class D(dict):
    pass


def show(f, *args):
    try:
        r = f(*args)
        print("ok", r if isinstance(r, dict) else type(r).__name__)
    except Exception as e:
        print(type(e).__name__, e)


show(d.__get__, None, int)
show(d.__get__, 1)
show(d.__get__, 1, None)
show(d.__get__, None, 1)
show(d.__get__, {}, 1)
show(d.__get__, {}, int)
show(d.__get__, None, D)
show(d.__get__, None, None)
show(d)
show(d, 1)
show(d, int, "ab")
show(d, dict, "ab")
show(d, D, "ab")

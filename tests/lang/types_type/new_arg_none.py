# type(name, bases, dict) argument errors name None as "None", and other types by name.
for args in [(None, (), {}), ("a", None, {}), ("a", (), None), (1, (), {}), ("a", [], {}), ("a", (), [])]:
    try:
        type(*args)
    except Exception as e:
        print(type(e).__name__, e)
    try:
        type.__new__(type, *args)
    except Exception as e:
        print(type(e).__name__, e)

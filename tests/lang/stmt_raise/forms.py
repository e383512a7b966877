# raise with a class, an instance, and invalid objects.
for thing in (ValueError, ValueError("inst"), 42, object):
    try:
        raise thing
    except Exception as e:
        print(type(e).__name__, e)

# except Exception does not catch BaseException subclasses like KeyboardInterrupt / SystemExit.
for exc in (KeyboardInterrupt, SystemExit, GeneratorExit, ValueError):
    try:
        try:
            raise exc
        except Exception:
            print(exc.__name__, "caught by Exception")
    except BaseException:
        print(exc.__name__, "caught by BaseException")

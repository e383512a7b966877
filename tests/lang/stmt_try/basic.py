# try/except/else/finally execution order.
def run(fail):
    try:
        print("body")
        if fail:
            raise ValueError("bad")
    except ValueError as e:
        print("except", e)
    else:
        print("else")
    finally:
        print("finally")
run(False)
run(True)

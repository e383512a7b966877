# An uncaught custom BaseException subclass prints a traceback.
class Stop(BaseException):
    pass
def run():
    raise Stop("stopped")
run()

del cleanup()

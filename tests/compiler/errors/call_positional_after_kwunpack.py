connect(**settings, port)

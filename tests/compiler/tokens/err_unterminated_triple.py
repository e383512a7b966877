s = """abc

more

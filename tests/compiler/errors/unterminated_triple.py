doc = '''never
ends

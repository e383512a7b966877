# NameError after a variable was deleted.
value = 1
del value
print(value)

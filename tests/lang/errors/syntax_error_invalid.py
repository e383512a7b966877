# An invalid statement is reported with a caret and exit code 1.
print("never")
if x = 5:
    pass

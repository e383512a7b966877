# IndentationError for a missing indented block.
def f():
return 1

def empty():
return_value = 1

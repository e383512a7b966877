# A SyntaxError in the main file is reported without running anything.
print("never printed")
x = (1, 2
y = 3

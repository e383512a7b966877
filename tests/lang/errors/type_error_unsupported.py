# Uncaught TypeError for unsupported operand types with carets.
label = "total: "
count = 3
print(label + count)

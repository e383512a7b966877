del left + right

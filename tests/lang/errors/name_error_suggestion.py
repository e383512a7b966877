# NameError with a "Did you mean" suggestion for a similar name.
counter_value = 10
print(counter_valeu)

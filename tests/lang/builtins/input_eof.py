# input() with stdin at end of file raises EOFError after printing the prompt.
try:
    input("prompt> ")
except EOFError as e:
    print()
    print(type(e).__name__, e)

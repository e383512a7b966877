# global at module level is allowed and has no effect; globals() reflects updates from functions.
global spam
spam = 1
def set_spam():
    global spam
    spam = 2
set_spam()
print(spam, globals()["spam"])
def declare_only():
    global never_assigned
    return "never_assigned" in globals()
print(declare_only())

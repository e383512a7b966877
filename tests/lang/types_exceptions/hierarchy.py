# The builtin exception hierarchy: each class's base.
names = ["BaseException", "BaseExceptionGroup", "GeneratorExit", "KeyboardInterrupt", "SystemExit", "Exception",
         "ArithmeticError", "FloatingPointError", "OverflowError", "ZeroDivisionError", "AssertionError",
         "AttributeError", "BufferError", "EOFError", "ExceptionGroup", "ImportError", "ModuleNotFoundError",
         "LookupError", "IndexError", "KeyError", "MemoryError", "NameError", "UnboundLocalError", "OSError",
         "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError", "ConnectionAbortedError",
         "ConnectionRefusedError", "ConnectionResetError", "FileExistsError", "FileNotFoundError", "InterruptedError",
         "IsADirectoryError", "NotADirectoryError", "PermissionError", "ProcessLookupError", "TimeoutError",
         "ReferenceError", "RuntimeError", "NotImplementedError", "PythonFinalizationError", "RecursionError", "StopAsyncIteration",
         "StopIteration", "SyntaxError", "IndentationError", "TabError", "SystemError", "TypeError", "ValueError",
         "UnicodeError", "UnicodeDecodeError", "UnicodeEncodeError", "UnicodeTranslateError", "Warning",
         "BytesWarning", "DeprecationWarning", "EncodingWarning", "FutureWarning", "ImportWarning",
         "PendingDeprecationWarning", "ResourceWarning", "RuntimeWarning", "SyntaxWarning", "UnicodeWarning", "UserWarning"]
for n in names:
    cls = eval(n)
    print(n, cls.__base__.__name__, [b.__name__ for b in cls.__bases__][1:])
print(OSError is EnvironmentError, OSError is IOError)

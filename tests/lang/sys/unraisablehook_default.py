# sys.unraisablehook and sys.__unraisablehook__ exist and are callable.
import sys
print(callable(sys.unraisablehook), sys.unraisablehook is sys.__unraisablehook__, callable(sys.excepthook))

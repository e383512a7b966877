# Uncaught AttributeError on a module.
import sys
sys.nonexistent_attribute

# sys.float_info and sys.int_info basic values.
import sys
print(sys.float_info.max, sys.float_info.epsilon, sys.float_info.dig, sys.float_info.mant_dig)
print(sys.int_info.bits_per_digit in (15, 30), sys.int_info.sizeof_digit in (2, 4))

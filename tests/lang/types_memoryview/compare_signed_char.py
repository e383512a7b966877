# memoryview == bytes compares item values: a 'b' or 'c' view is not bytewise equal to bytes.
m = memoryview(b'\xff')
print(m.cast('b') == b'\xff', m.cast('c') == b'\xff', m.cast('B') == b'\xff')
print(m.cast('b') != bytearray(b'\xff'), m.cast('c') != bytearray(b'\xff'))
print(m.cast('b') == memoryview(b'\xff').cast('b'), m.cast('c') == memoryview(b'\xff').cast('c'))
print(m.cast('b') == m.cast('B'), m.cast('c') == m.cast('B'))
print(memoryview(b'a').cast('c') == b'a', memoryview(b'\x01').cast('b') == b'\x01')
print(memoryview(b'\x01\x7f').cast('b') == b'\x01\x7f', memoryview(b'\x01\x80').cast('b') == b'\x01\x80')
print(memoryview(b'ab').cast('c') == memoryview(b'ab').cast('c'), memoryview(b'ab') == b'ab')

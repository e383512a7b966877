s = 'a' "b" '''c''' b'\x00' rb'x' u'y'

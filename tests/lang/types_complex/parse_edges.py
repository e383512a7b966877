# complex() string parsing: signs, exponents, parentheses, whitespace, special values, underscores, Unicode.
cases = ['1', '-1', '+1.5', 'j', '-j', '+J', '2j', '1+j', '1-J', '1e3j', '1E-3-2.5e+3j', '.5+.5j', '5.+5.j', '(1+2j)', ' ( 1+2j ) ',
         'inf', '-infj', 'nan+nanj', 'Infinity-Infinityj', '1_000+2_000j', '١+٢j', '１+２j', '\u20031+1j\u2003',
         '', ' ', '()', '(1', '1)', '1+', '+', 'j1', '1j+1', '1+2', '1+2jj', '1 + 2j', '1+ 2j', '1e', '1e+j', '_1', '1__0j',
         '1+_2j', '(1+2j)(', 'nanj+1', '0x1', '1.2.3', 'i', '1i', '--1', '+-1j', '\x00', '1+2j\x00']
for s in cases:
    try:
        print(repr(s), repr(complex(s)))
    except ValueError as e:
        print(repr(s), type(e).__name__, e)

# float() string parsing: signs, exponents, underscores, whitespace, special values, extremes, Unicode.
cases = ['1', '-1.', '+.5', '1e5', '1E+05', '1e-05', '1_0.0_1', '1_0e1_0', '  3.25\n', '\u2003-2\u00a0', '１.５', '٣.٥', 'inf', '+Inf',
         '-INFINITY', 'nan', '-NaN', '+nan', '1e308', '1e309', '-1e309', '2.4e-324', '2.5e-324', '4.9e-324', '1.7976931348623157e308',
         '1.7976931348623158e308', '1.7976931348623159e308', '0.1e-400', '0' * 400 + '1', '1' + '0' * 400, '0.' + '0' * 400 + '1',
         '', ' ', '.', 'e1', '1e', '1e+', '_1', '1_', '1__0', '1._5', '1_.5', '1e_5', '0x1', 'infi', 'nana', 'in', '1.5f', '1,5',
         '--1', '+-1', '\x00', '1\x00', 'i\u0307nf']
for s in cases:
    try:
        print(repr(s)[:30], repr(float(s)))
    except ValueError as e:
        print(repr(s)[:30], type(e).__name__, str(e)[:80])

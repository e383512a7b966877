# Formatting numbers with format specs, f-strings and %-formatting: edge cases and errors.
exprs = r'''
'{:,}'.format(-2**63)
f'{2**63:_x}'
f'{-1:#b}'
f'{12:c}'
f'{1.5:c}' 
f'{0.0:e}', f'{-0.0:g}', f'{1e-5:f}', f'{1e16:.0f}', f'{0.5:.0f}', f'{1.5:.0f}', f'{2.5:.0f}'
f'{123.456:.2e}', f'{123.456:10.3g}', f'{1e100:g}', f'{1e-100:G}', f'{float("nan"):+}', f'{float("-inf"):010}'
f'{1234567.891:,.2f}', f'{1234567.891:_.3e}', f'{0.000012345:.3g}', f'{123456789.0:.3}', f'{1.0:#}', f'{1.0:#g}'
f'{1.0:%}', f'{0.123456:.2%}', f'{-1.5:=+10.2f}', f'{1.5:*^12}', f'{1.5:0>8}', f'{-1.5:08.2f}'
f'{3:.2}' 
f'{3:.2g}', f'{3:e}', f'{3:%}', f'{3:.1f}', f'{3:F}', f'{-3:G}', f'{10**20:e}', f'{10**20:g}'
f'{2**100:.3e}', f'{2**1100:.3e}'
f'{2**1100:f}'[:10]
f'{True:.1f}', f'{False:e}'
format(1, '.1000000000000000000000f')
format(1.5, '.2147483648f')
format(1.5, ',_f')
format(1.5, '_,f')
format(1, '_,')
format(1, 'c,')
format(1.5, '#.0e'), format(1.5, '#.0f'), format(1.5, '#.0g'), format(1.5, '#.0%')
'{0:{1}}'.format(3.5, '>8')
'%5.2f%%' % 99.555
'%d' % 3.99, '%x' % 255, '%o' % -8, '%e' % 1, '%g' % 2**100
'%x' % 3.5
'%c' % 1.5
'%d' % '3'
'%.2f' % '3'
'%d' % 1j
'%f' % 1j
'%s %s' % (1j, -0.0)
'''.strip().splitlines()
for e in exprs:
    try:
        r = eval(e)
    except Exception as ex:
        print(e, '=>', end=' ')
        print(type(ex).__name__, ex)
        continue
    print(e, '=>', r)

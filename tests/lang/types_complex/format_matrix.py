# format() of complex numbers over a matrix of format specs, including the rejected ones.
zs = [1+2j, -1.5-0.25j, 1j, -1j, 0j, complex(-0.0, 0.0), complex(0.0, -0.0), complex(1e20, -1e-20), complex(float('inf'), float('nan')), complex(123456.789, -0.001)]
specs = ['', '10', '<20', '^20', '>20', '*^24', '+', '-', ' ', '.3', '.3g', '.3e', '.2f', 'F', 'E', 'G', 'g', 'n', '.0f', '#.0f', '#', '#g', ',', '_', ',.2f', '_.3e', 'z', 'z.1f', '+.2f', ' .1e', '30.4g', '.10', '.0', '.1n', '.2%', 'r', 's', 'x', '=10', '010', '0<10', '#x', '.2_f', '.3,e']
for z in zs:
    out = []
    for s in specs:
        try:
            out.append(format(z, s))
        except Exception as e:
            out.append(type(e).__name__ + ':' + str(e))
    print(repr(z), out)

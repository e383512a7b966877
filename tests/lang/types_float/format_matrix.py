# format() of floats over a matrix of format specs, including the rejected ones.
xs = [0.0, -0.0, 1.5, -2.25, 1e-7, 123456789.125, 1e22, 1e-320, float('inf'), float('-inf'), float('nan'), 0.1, 2.5, 1/3, 5e-324, 1.7976931348623157e308]
specs = ['', 'g', '10', '<12', '^12', '*>14', '+', ' ', '.0', '.1', '.3', '.17', '.3g', '.3e', '.2f', 'F', 'E', 'G', 'n', '.0f', '#.0f', '#', '#g', '#.3g', ',', '_', ',.2f', '_.3e', 'z', 'z.1f', 'z.0e', '+.2f', ' .1e', '30.4g', '.2%', '%', '#.0%', '012', '012,.1f', '=+12.2', '0=12', 's', 'd', 'x', 'c', '.2_f', '.3,e', '.20f', '.50e', ',g', '_%', 'z%']
for x in xs:
    out = []
    for s in specs:
        try:
            out.append(format(x, s))
        except Exception as e:
            out.append(type(e).__name__ + ':' + str(e))
    print(repr(x), out)

# format() of ints and bools over a matrix of format specs, including the rejected ones.
ns = [0, 1, -1, 255, -255, 10**20, -(10**20), True, 2**64 - 1, 65, 1114111]
ispecs = ['', 'd', 'b', 'o', 'x', 'X', '#b', '#o', '#x', '#X', 'c', 'n', 'e', 'f', 'g', '%', '.2f', ',', '_', '_b', '_x', '_o', ',d', ',x', '+', ' ', '-', '08', '08,', '#010b', '=^9', '<8', '>8', '^8', '*^8', '+#x', 'z', 'zd', '.0', '.1d', 's', 'c', '#c', ',c', '+c', '.2', '12,.3f', 'E', 'G', '#.0e', '.1%']
for n in ns:
    out = []
    for s in ispecs:
        try:
            out.append(format(n, s))
        except Exception as e:
            out.append(type(e).__name__ + ':' + str(e))
    print(repr(n), out)

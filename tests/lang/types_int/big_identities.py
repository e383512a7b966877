# Big-int arithmetic against identities and exact values, driven by a fixed LCG.
state = 12345
def rnd(bits):
    global state
    r = 0
    for _ in range(bits // 30 + 1):
        state = (state * 1103515245 + 12345) % 2 ** 31
        r = (r << 30) | (state >> 1)
    r >>= (bits // 30 + 1) * 30 - bits
    return -r if state & 1 else r
acc = 0
lines = []
for i in range(300):
    a = rnd(1 + i * 7 % 700)
    b = rnd(1 + i * 13 % 500) or 3
    q, r = divmod(a, b)
    assert q * b + r == a
    vals = [a + b, a - b, a * b, q, r, a & b, a | b, a ^ b, ~a, a >> (i % 70), a << (i % 40), abs(a) % 1000003,
            pow(a, 3, abs(b) or 7) if b else 0, a.bit_length(), a.bit_count(), (a * b).bit_count(), -a // 7, a % -13]
    try:
        vals.append(a / b)
    except OverflowError as e:
        vals.append(str(e))
    try:
        vals.append(float(a))
    except OverflowError as e:
        vals.append(str(e))
    vals.append(hash(a))
    vals.append(str(a)[:20])
    vals.append(hex(a)[-12:])
    vals.append(int(str(a)) == a)
    for ch in repr(vals):
        acc = (acc * 131 + ord(ch)) % (2 ** 61 - 1)
    if i % 30 == 0:
        print(i, vals[:6], vals[-7:])
print(acc)
print(pow(3, 10 ** 5, 10 ** 40 + 7), pow(12345678901234567890, -1, 10 ** 30 + 57), (10 ** 300 + 1) // (10 ** 150 + 3), (7 ** 400) % (3 ** 200))
print(len(str(3 ** 8000)), str(3 ** 8000)[-30:], (2 ** 3000) // (3 ** 1000) % 10 ** 20, (-(2 ** 3000)) // (3 ** 1000) % 10 ** 20)

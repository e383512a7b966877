café = 1
名前 = "値"
s = "\N{GREEK SMALL LETTER ALPHA}\N{HANGUL SYLLABLE GAG}\N{CJK UNIFIED IDEOGRAPH-4E00}"
print(café, 名前, s)
ｗｉｄｔｈ = µ = ﬁle = 2
r = "\N{RS}\N{nbsp}\N{BYTE ORDER MARK}"

# Identifiers are NFKC-normalised as a whole; \N{...} escapes use the Unicode names.
été = 1
ﬁle = ℌ
가 = Ⅸ + Å
å = "\N{LATIN SMALL LETTER A}\N{byte order mark}\N{LINE FEED}\N{HANGUL SYLLABLE GAG}"
s = "\N{CJK UNIFIED IDEOGRAPH-4E00}\N{TANGUT IDEOGRAPH-17000}\N{nbsp}\u200b\xad​"
b = f"{été=}\N{EM DASH}"

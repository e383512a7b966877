0, 1, 00, 0x_1F, 0o17, 0b1011, 1_000_000, 123456789012345678901234567890123456789
0xFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF
1.5, 1e16, 1e15, 1e-5, 1e-4, 0.1, 3.14159, 1e999, 1_0.0_1, .5, 5.
2j, 1.5j, 1e20j, 1e-7J, 0j
'single', "double", '''triple ' "''', """tri"ple""", 'it\'s', "say \"hi\""
'a' 'b' "c", u'unicode' 'more', r'\d+\n', R"\x", b'bytes\x00\xff', rb'\n' b"'"
'\t\n\r\x07\x7f\u00e9\U0001F600 \N{EM DASH} \N{LATIN SMALL LETTER A}'
'é ü 日本 \u200b \u00a0 \ud800'
b'\'\"' b"\\"
'\q \z'
True, False, None, ...
'''multi
line'''

s = ['a', "b", '''c''', """d
e""", r'\d', R"\n", b'x', B"y", br'z', Rb"w", bR'v', rB"u", u'uni', U"UNI"]
t = 'it''s', "say \"hi\"", 'esc\'aped', '\\', "line\
continued", ''
u = 'é', "日本語", '\N{BULLET}', "tab\tin", 'emoji 🐍'

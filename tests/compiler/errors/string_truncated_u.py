text = 'abc\u12'

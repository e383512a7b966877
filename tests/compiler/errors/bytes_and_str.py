blob = b'raw' 'text'

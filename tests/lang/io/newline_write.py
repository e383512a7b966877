# Writing text under each newline mode: how '\n' is translated on the way to the file.
import sys
path = '/tmp/ftpy-lang-io-newline_write-' + sys.implementation.name + '.tmp'
for nl in [None, '', '\n', '\r', '\r\n']:
    with open(path, 'w', newline=nl) as f:
        f.write('a\nb\r\nc\rd\n')
    with open(path, 'rb') as f:
        print(repr(nl), f.read())

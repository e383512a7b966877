text = f'{!r}'

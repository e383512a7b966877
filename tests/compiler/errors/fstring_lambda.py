text = f'{lambda x: x}'

text = f'{name!z}'

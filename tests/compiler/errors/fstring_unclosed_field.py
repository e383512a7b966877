text = f'{name'

text = f'value: {}'

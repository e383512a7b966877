text = f'{name!}'

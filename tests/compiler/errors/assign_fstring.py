f'{name}' = 5

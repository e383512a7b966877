text = f'\x4'

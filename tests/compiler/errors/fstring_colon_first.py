text = f'{:>10}'

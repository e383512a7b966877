text = f'{=}'

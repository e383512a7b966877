message = 'start' middle 'end'

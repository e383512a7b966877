text = '\N{NOT A REAL NAME}'

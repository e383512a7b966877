x = 1
y = á
́z = 2

merge(**opts = defaults)

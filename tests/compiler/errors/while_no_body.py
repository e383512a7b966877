while busy:
idle()

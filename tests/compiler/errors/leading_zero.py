code = 0777

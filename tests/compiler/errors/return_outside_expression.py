value = return 5

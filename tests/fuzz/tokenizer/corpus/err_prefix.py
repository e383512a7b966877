x = ur"bad"

if flag:
flag = False

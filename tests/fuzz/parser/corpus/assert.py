assert x, "msg"
raise E from F

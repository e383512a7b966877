if (conf.level := 3):
    pass

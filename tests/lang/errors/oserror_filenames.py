# OSError subclasses chosen by errno, uncaught: the traceback's last line uses str() with both filenames.
raise OSError(2, "No such file or directory", "src.txt", None, "dst.txt")

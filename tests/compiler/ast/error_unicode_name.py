s = "ok"
t = "\N{NOT A CHARACTER NAME}"

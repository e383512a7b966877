# Unicode identifiers (PEP 3131) and text.
naïve = "café"
名前 = 値 + ǅ + ℘
x = "\u2028    "  # ünïcode comment

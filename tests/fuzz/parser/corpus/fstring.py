f"{x!r:>{width}} {y=} {{z}}"
f"""{
  a
}"""
rf"\\d{n}"

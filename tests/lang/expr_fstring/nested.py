# Nested replacement fields in format specs, nested quotes and f-strings.
width, prec = 10, 3
v = 2.718281828
print(f"[{v:{width}.{prec}f}] [{v:>{width}}] [{'x':{'^'}{width}}]")
d = {"key": "val"}
print(f"{d['key']} {d["key"]} {f'{f"{1 + 1}"}'}")
items = ["a", "b"]
print(f"{', '.join(f'<{i}>' for i in items)}")
print(f"{{literal}} {{{v:.1f}}}")

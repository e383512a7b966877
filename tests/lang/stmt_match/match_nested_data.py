# Matching commands parsed from nested data structures.
def run(cmd):
    match cmd:
        case {"op": "move", "to": [x, y]}:
            return f"move to {x},{y}"
        case {"op": "say", "text": str(text)}:
            return f"say {text!r}"
        case {"op": op}:
            return f"unknown op {op}"
        case [*cmds]:
            return [run(c) for c in cmds]
        case _:
            return "invalid"
print(run({"op": "move", "to": [1, 2]}))
print(run([{"op": "say", "text": "hi"}, {"op": "jump"}, 5]))

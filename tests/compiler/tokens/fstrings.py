name = "x"
a = f"plain"
b = f'{name}'
c = f"{name!r:>{width}} and {{braces}} and }}"
d = f"{x=}" + f"{x = !s:^10}" + f"{'nested' + f'{inner}'}"
e = F"""multi
{line
 + 1}
end"""
g = rf"raw {x} \d" + fR'{y}\n' + Rf"{z:\w}"
h = f"{a:{b}{c}d}" f"{ {'k': 1}['k'] }" f"{x:%H:%M}"
i = f"\N{BULLET} {x}" f'{x:\N{BULLET}}'
j = f"{x!a}" f"{'a' if x else 'b'}" f"{lambda: 1}"
k = f"{f"{f"{1}"}"}"

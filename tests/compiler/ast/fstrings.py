f"plain"
f"{x}"
f"a{x!r}b{y!s:>10}c{z!a}"
f"{x:{width}.{precision}}"
f"{x=}"
f"{x = }"
f"{x=!s}"
f"{x=:>4}"
f"{{}} {{{x}}}"
f"{'nested' + f'{y}'}"
f"abc" "def" f"{g}"
rf"\d{x}\n"
f"""multi
{line}
"""
f"{x:}"
f"{3.14:.2f}" f""
F"{a}" 'b' f'c'
f"\N{EM DASH}{x}\t"
rf"{x:\xFF}\d"
t"""{v =\
}"""
f"{1+2 = # c
}"

a = t"hello {name}"
b = T'{x!r:>10}' + tr"raw {y} \n" + Rt'{z}'
c = t"""multi
{line} done"""
d = t"{{}} {x=} {'s'}"

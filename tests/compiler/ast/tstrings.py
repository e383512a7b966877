t"hello {name}"
t"{x!r:>{w}} and {y = }" t" tail"
t"{a}" t"{b}"

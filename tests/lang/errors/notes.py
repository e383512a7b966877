# Exception notes are printed after the exception line.
e = ValueError("bad value")
e.add_note("note one")
e.add_note("note two\nwith a second line")
raise e

make_box() = 3

flip = -not flag

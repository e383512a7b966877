connect(**settings, *extra)

result = *

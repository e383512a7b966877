total() *= 3

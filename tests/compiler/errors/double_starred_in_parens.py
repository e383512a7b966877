grouped = (**parts)

grouped = (*parts)

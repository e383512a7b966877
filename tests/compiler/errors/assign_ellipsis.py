... = marker

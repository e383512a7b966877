a + b * c ** -d

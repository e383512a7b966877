# Raising SystemExit(2) directly exits with status 2.
raise SystemExit(2)

build(): int = 0

values = compute(alpha beta)

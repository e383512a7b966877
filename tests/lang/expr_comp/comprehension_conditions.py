# Comprehensions with multiple if clauses and nested for/if combinations.
print([(a, b) for a in range(4) if a % 2 == 0 for b in range(a) if b != 1])
print({x: [y for y in range(x) if y % 2] for x in range(5) if x})
print(sum(1 for line in ["a", "", "b", ""] if line))

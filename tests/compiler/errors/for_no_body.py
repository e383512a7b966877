for n in nums:
print(n)

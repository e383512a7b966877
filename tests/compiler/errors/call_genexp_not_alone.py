total = sum(n for n in nums, 0)

(n for n in nums) = result

value = a if b else pass

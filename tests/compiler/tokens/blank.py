   
	
# only comments

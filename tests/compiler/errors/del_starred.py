del *garbage

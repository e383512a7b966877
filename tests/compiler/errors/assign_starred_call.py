*fetch() , rest = items

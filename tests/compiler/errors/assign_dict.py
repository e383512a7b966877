{} = mapping

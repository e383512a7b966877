{item} = group

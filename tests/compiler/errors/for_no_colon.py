for item in stock
    sell(item)

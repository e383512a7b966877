while node.next = None:
    pass

keys = [k for k of table]

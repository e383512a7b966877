def producer():
    (yield) = 4

def f():
    é = "ééé"; global é

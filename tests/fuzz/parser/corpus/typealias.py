type A[T: int, *Ts, **P] = list[T]

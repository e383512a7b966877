def f[T]():
    type A[T, T] = int

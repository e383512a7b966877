# Threads assigning C.__bases__ while another creates subclasses of C leave a consistent hierarchy.
import _thread

class A: pass
class B: pass
class C(A): pass
class D(C): pass

N = 40
made = []

def flip(done, first, second):
    for i in range(N):
        C.__bases__ = (first,) if i % 2 == 0 else (second,)
    done.release()

def create(done):
    for i in range(N):
        made.append(type('E%d' % i, (C,), {}))
    done.release()

locks = [_thread.allocate_lock() for _ in range(3)]
for lock in locks:
    lock.acquire()
_thread.start_new_thread(flip, (locks[0], A, B))
_thread.start_new_thread(flip, (locks[1], B, A))
_thread.start_new_thread(create, (locks[2],))
for lock in locks:
    lock.acquire()
base = C.__bases__[0]
other = B if base is A else A
print(len(C.__bases__), C.__mro__ == (C, base, object), D.__mro__ == (D, C, base, object))
print(all(E.__mro__ == (E, C, base, object) for E in made))
print(len(C.__subclasses__()), base.__subclasses__() == [C], other.__subclasses__() == [])
print(issubclass(D, base), issubclass(D, other), isinstance(made[-1](), base))

// sync/parking_lot.h: sleeping on an address until another thread wakes that address
// (FREE-THREADING.md section 3.1; the model is CPython's Python/parking_lot.c).
//
// Every blocking primitive of ftpy (FtMutex, FtEvent, FtOnceFlag, FtRWMutex, and runtime/'s
// thread-state waits) keeps only a few bits in its own word and parks on that word's address here
// when it must wait. The lot is a fixed table of FT_PARKING_LOT_BUCKETS buckets indexed by
// address % FT_PARKING_LOT_BUCKETS; each bucket is an FtRawMutex plus a FIFO queue of waiter
// records. A waiter record lives on the waiting thread's stack and carries its own semaphore.
//
// The check-then-sleep in ft_parking_lot_park is atomic with respect to ft_parking_lot_unpark*:
// the value at addr is compared under the bucket lock, so a waker that changes the value and then
// unparks cannot be missed. Bucket locks are leaves of the global lock order (sync/README.md):
// nothing else is ever locked while one is held, except that the unpark callback runs under it.
#ifndef FT_SYNC_PARKING_LOT_H
#define FT_SYNC_PARKING_LOT_H

#include <stddef.h>   // size_t
#include <stdint.h>   // int64_t

#define FT_PARKING_LOT_BUCKETS 257

// Results of ft_parking_lot_park.
#define FT_PARK_OK 0        // woken by ft_parking_lot_unpark or _unpark_all
#define FT_PARK_AGAIN (-1)  // *addr did not equal *expected; did not sleep
#define FT_PARK_TIMEOUT (-2) // the timeout passed (or was 0) before anyone woke us
#define FT_PARK_INTR (-3)   // a signal interrupted the sleep; the caller may retry

// Sleeps until another thread unparks addr, if and only if the size bytes at addr (size is 1, 2, 4
// or 8; addr aligned to size) equal those at expected when checked under the bucket lock.
// timeout_ns: -1 waits forever, 0 returns FT_PARK_TIMEOUT at once instead of sleeping (AGAIN still
// wins if the value differs), > 0 is a relative bound. park_arg is handed to the unparker's
// callback (NULL is fine). detach: if true and the calling thread has an FtSyncThread bound, then
// before sleeping its detach hook runs (or, without a hook, ft_critical_section_suspend_all), and
// after waking its attach hook runs (or, without a hook, the top critical section is resumed).
// The hooks run after this waiter is queued (bucket lock released) and before it sleeps, so an
// unpark issued once the detach hook has run always finds it. A hook may itself lock and park
// (a nested park of the same thread is fine), so runtime/'s detach must be a no-op on a thread
// that is already detached. Returns FT_PARK_OK / _AGAIN / _TIMEOUT / _INTR. Spurious FT_PARK_OK
// does not happen: OK means an unparker dequeued this waiter (and ran its callback with park_arg);
// a waiter that times out just as it is dequeued reports OK, so a hand-off is never lost. Must not
// be called while holding a bucket lock or an FtRawMutex. Any thread.
int ft_parking_lot_park(const void *addr, const void *expected, size_t size, int64_t timeout_ns,
                        void *park_arg, int detach);

// The callback of ft_parking_lot_unpark: arg is the unparker's argument, park_arg the woken
// waiter's (NULL if no thread was parked on the address), has_more whether the bucket still holds
// waiters after this one (conservative: they may be parked on another address of the same bucket).
typedef void (*FtUnparkFunc)(void *arg, void *park_arg, int has_more);

// Dequeues the oldest waiter parked on addr, calls fn(arg, its park_arg or NULL, has_more) while
// holding the bucket lock (so fn can decide the new value of addr and hand data to the waiter
// atomically with respect to new parkers), releases the bucket, then wakes the waiter. fn is called
// even if nobody is parked (with park_arg NULL). fn must not park or take any lock but leaves.
// Any thread; never sleeps except briefly on the bucket's raw mutex.
void ft_parking_lot_unpark(const void *addr, FtUnparkFunc fn, void *arg);

// Wakes every thread parked on addr (they return FT_PARK_OK). Any thread.
void ft_parking_lot_unpark_all(const void *addr);

// Resets every bucket to empty and unlocked. Call only in the child of fork(), before it starts
// another thread: the parked threads and any bucket lock holder did not survive the fork.
void ft_parking_lot_after_fork(void);

#endif // FT_SYNC_PARKING_LOT_H

// sync/mutex.h: the one-byte mutex (FREE-THREADING.md section 3.3; CPython's PyMutex).
//
// Bit encoding of FtMutex.bits:
//   0x1 FT_MUTEX_LOCKED      somebody holds the lock
//   0x2 FT_MUTEX_HAS_PARKED  at least one thread is (or is about to be) parked on this byte
//
//   0 (unlocked) --lock fast--> LOCKED --unlock fast--> 0
//   LOCKED --a waiter parks--> LOCKED|HAS_PARKED --unlock slow--> (decided under the bucket lock)
//        -> 0 or HAS_PARKED     released; the woken waiter re-competes with newcomers (barging)
//        -> LOCKED[|HAS_PARKED] handed directly to a waiter that has waited >= 1 ms (fairness)
//
// Uncontended lock and unlock are one compare-and-swap each. The slow path yields up to
// FT_MUTEX_SPIN_COUNT times while nobody is parked, then parks on the parking lot. Not reentrant
// (see sync/recursive_mutex.h). Object mutexes (FtObject.ob_mutex) are taken only through
// critical sections (sync/critical_section.h); the lock order is in sync/README.md.
#ifndef FT_SYNC_MUTEX_H
#define FT_SYNC_MUTEX_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint8_t int64_t

#include "sync/atomic.h"   // ft_atomic_cas_uint8_acquire

typedef struct FtMutex {
    uint8_t bits;   // atomic: FT_MUTEX_LOCKED | FT_MUTEX_HAS_PARKED
} FtMutex;

#define FT_MUTEX_LOCKED 1
#define FT_MUTEX_HAS_PARKED 2

// Slow-path tuning (CPython's values): yields before parking, and how long a waiter waits before
// an unlocker must hand it the lock.
#define FT_MUTEX_SPIN_COUNT 40
#define FT_MUTEX_FAIR_AFTER_NS INT64_C(1000000)

// Flags of ft_mutex_lock_timed.
#define FT_LOCK_DETACH 1          // detach the thread (FtSyncThread hooks) while parked
#define FT_LOCK_HANDLE_SIGNALS 2  // return FT_LOCK_INTR when a signal interrupts the wait, so the
                                  // caller can run its handlers; without it the wait resumes

// Results of ft_mutex_lock_timed (and the other *_timed locks).
#define FT_LOCK_FAILURE 0    // timed out (or timeout 0 and the lock was busy)
#define FT_LOCK_ACQUIRED 1
#define FT_LOCK_INTR 2       // interrupted by a signal (only with FT_LOCK_HANDLE_SIGNALS)

// Locks m, waiting as long as needed. timeout_ns: -1 forever, 0 try once, > 0 relative bound.
// Returns FT_LOCK_ACQUIRED, FT_LOCK_FAILURE on timeout, FT_LOCK_INTR (see the flag). With
// FT_LOCK_DETACH, parking runs the FtSyncThread detach/attach hooks (or suspends and resumes the
// thread's critical sections). Any thread; the caller must not already hold m.
int ft_mutex_lock_timed(FtMutex *m, int64_t timeout_ns, int flags);

// The out-of-line halves of ft_mutex_lock / ft_mutex_unlock.
void ft_mutex_lock_slow(FtMutex *m);
void ft_mutex_unlock_slow(FtMutex *m);

// Locks m, parking with FT_LOCK_DETACH while it is contended. Never fails. Any thread; the caller
// must not already hold m (that would deadlock).
static inline void
ft_mutex_lock(FtMutex *m)
{
    uint8_t expected = 0;
    // acquire: pairs with the release in ft_mutex_unlock() and the unlock callback.
    if (!ft_atomic_cas_uint8_acquire(&m->bits, &expected, FT_MUTEX_LOCKED))
        ft_mutex_lock_slow(m);
}

// Unlocks m, waking (and perhaps handing the lock to) one parked waiter. The caller must hold m;
// unlocking an unlocked mutex is fatal. Any thread (the lock is not owner-checked).
static inline void
ft_mutex_unlock(FtMutex *m)
{
    uint8_t expected = FT_MUTEX_LOCKED;
    // release: pairs with the acquire in ft_mutex_lock() and ft_mutex_trylock().
    if (!ft_atomic_cas_uint8_release(&m->bits, &expected, 0))
        ft_mutex_unlock_slow(m);
}

// Locks m like ft_mutex_lock but never detaches while parked: for the few callers that run
// while the thread's state must not change (e.g. inside runtime/'s attach/detach). Any thread.
void ft_mutex_lock_no_detach(FtMutex *m);

// Locks m if it is free (even if others are parked: barging), without waiting. Returns true if
// it was locked. Any thread.
bool ft_mutex_trylock(FtMutex *m);

// True if somebody holds m. A racy snapshot, meant for assertions. Any thread.
static inline bool
ft_mutex_is_locked(const FtMutex *m)
{
    // relaxed: a diagnostic snapshot; orders nothing.
    return (ft_atomic_load_uint8_relaxed(&m->bits) & FT_MUTEX_LOCKED) != 0;
}

#endif // FT_SYNC_MUTEX_H

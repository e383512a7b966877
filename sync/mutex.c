// sync/mutex.c: the slow paths of the one-byte mutex (see sync/mutex.h for the bit encoding;
// algorithm from CPython's Python/lock.c, _PyMutex_LockTimed and _PyMutex_TryUnlock).
//
// Owns: the MutexWaiter record each parked locker keeps on its stack (the park_arg).
// Invariant: HAS_PARKED is set whenever a thread is parked on the byte (a parker sets it before
// parking and parks only if the byte still holds the value it wrote); it is cleared only by the
// unpark callback, under the bucket lock, when the bucket shows no other waiter.
// Concurrency: lockers race with CAS on the byte; an unlocker that sees HAS_PARKED decides the
// byte's next value inside ft_parking_lot_unpark's callback, i.e. under the bucket lock, so a
// parker cannot slip in between the decision and the wake-up. A hand-off (the byte stays LOCKED
// and the waiter returns owning it) happens only to a waiter parked for FT_MUTEX_FAIR_AFTER_NS,
// bounding starvation while letting new arrivals barge otherwise.
#include "sync/mutex.h"

#include <sched.h>   // sched_yield

#include "sync/clock.h"         // ft_clock_monotonic_ns
#include "sync/fatal.h"         // ft_fatal
#include "sync/parking_lot.h"   // ft_parking_lot_park ft_parking_lot_unpark

typedef struct MutexWaiter {
    int64_t time_to_be_fair;   // immutable: when an unlocker must hand this waiter the lock
    int handed_off;            // written by the unparker under the bucket lock, read after waking
} MutexWaiter;

int
ft_mutex_lock_timed(FtMutex *m, int64_t timeout_ns, int flags)
{
    // relaxed: only a hint; every transition below is a CAS.
    uint8_t v = ft_atomic_load_uint8_relaxed(&m->bits);
    if (!(v & FT_MUTEX_LOCKED)) {
        // acquire: pairs with the release in ft_mutex_unlock() and mutex_unpark_decide().
        if (ft_atomic_cas_uint8_acquire(&m->bits, &v, v | FT_MUTEX_LOCKED))
            return FT_LOCK_ACQUIRED;
    }
    if (timeout_ns == 0)
        return FT_LOCK_FAILURE;

    int64_t now = ft_clock_monotonic_ns();
    int64_t deadline = timeout_ns > 0 ? ft_clock_deadline_ns(timeout_ns) : -1;
    MutexWaiter waiter = {.time_to_be_fair = now + FT_MUTEX_FAIR_AFTER_NS, .handed_off = 0};
    int spins = 0;
    for (;;) {
        if (!(v & FT_MUTEX_LOCKED)) {
            // acquire: as above. Keeps HAS_PARKED: others may still be parked.
            if (ft_atomic_cas_uint8_acquire(&m->bits, &v, v | FT_MUTEX_LOCKED))
                return FT_LOCK_ACQUIRED;
            continue;
        }
        if (!(v & FT_MUTEX_HAS_PARKED) && spins < FT_MUTEX_SPIN_COUNT) {
            // Nobody is parked yet, so the holder may release soon: give it the CPU first.
            sched_yield();
            spins++;
            // relaxed: a hint, re-validated by the CAS.
            v = ft_atomic_load_uint8_relaxed(&m->bits);
            continue;
        }
        uint8_t parked = v | FT_MUTEX_HAS_PARKED;
        if (!(v & FT_MUTEX_HAS_PARKED)) {
            // relaxed: setting a flag orders nothing; the bucket lock orders the wake-up.
            if (!ft_atomic_cas_uint8_relaxed(&m->bits, &v, parked))
                continue;
        }
        int64_t left = ft_clock_remaining_ns(deadline);
        int res = ft_parking_lot_park(&m->bits, &parked, sizeof(parked), left, &waiter,
                                      (flags & FT_LOCK_DETACH) != 0);
        if (res == FT_PARK_OK) {
            if (waiter.handed_off) {
                // The unlocker's writes reached us through the bucket lock and the semaphore
                // post/wait (release/acquire); the byte already says LOCKED on our behalf.
                return FT_LOCK_ACQUIRED;
            }
        } else if (res == FT_PARK_INTR && (flags & FT_LOCK_HANDLE_SIGNALS)) {
            return FT_LOCK_INTR;
        } else if (res == FT_PARK_TIMEOUT) {
            return FT_LOCK_FAILURE;
        }
        // relaxed: a hint, re-validated by the CAS.
        v = ft_atomic_load_uint8_relaxed(&m->bits);
    }
}

void
ft_mutex_lock_slow(FtMutex *m)
{
    ft_mutex_lock_timed(m, -1, FT_LOCK_DETACH);
}

void
ft_mutex_lock_no_detach(FtMutex *m)
{
    uint8_t expected = 0;
    // acquire: pairs with the release in ft_mutex_unlock().
    if (!ft_atomic_cas_uint8_acquire(&m->bits, &expected, FT_MUTEX_LOCKED))
        ft_mutex_lock_timed(m, -1, 0);
}

bool
ft_mutex_trylock(FtMutex *m)
{
    // relaxed: a hint, re-validated by the CAS.
    uint8_t v = ft_atomic_load_uint8_relaxed(&m->bits);
    while (!(v & FT_MUTEX_LOCKED)) {
        // acquire: pairs with the release in ft_mutex_unlock().
        if (ft_atomic_cas_uint8_acquire(&m->bits, &v, v | FT_MUTEX_LOCKED))
            return true;
    }
    return false;
}

// The unpark callback: runs under the bucket lock of &m->bits and decides the byte's next value.
static void
mutex_unpark_decide(void *arg, void *park_arg, int has_more)
{
    FtMutex *m = arg;
    MutexWaiter *waiter = park_arg;
    uint8_t v = 0;
    if (waiter != NULL) {
        if (ft_clock_monotonic_ns() >= waiter->time_to_be_fair) {
            waiter->handed_off = 1;
            v |= FT_MUTEX_LOCKED;
        }
        if (has_more)
            v |= FT_MUTEX_HAS_PARKED;
    }
    // release: ends the unlocker's critical section; pairs with the acquire CAS of the next
    // locker (or, on a hand-off, the woken waiter sees it through the semaphore).
    ft_atomic_store_uint8_release(&m->bits, v);
}

void
ft_mutex_unlock_slow(FtMutex *m)
{
    // relaxed: a hint, re-validated by the CAS.
    uint8_t v = ft_atomic_load_uint8_relaxed(&m->bits);
    for (;;) {
        if (!(v & FT_MUTEX_LOCKED))
            ft_fatal("unlocking an unlocked FtMutex at %p", (void *)m);
        if (v & FT_MUTEX_HAS_PARKED) {
            ft_parking_lot_unpark(&m->bits, mutex_unpark_decide, m);
            return;
        }
        // release: pairs with the acquire CAS of the next locker.
        if (ft_atomic_cas_uint8_release(&m->bits, &v, 0))
            return;
    }
}

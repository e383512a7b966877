// sync/once.c: one-time initialisation with retry on failure (see sync/once.h for the states;
// CPython's _PyOnceFlag_CallOnceSlow in Python/lock.c).
//
// Owns no state beyond each FtOnceFlag byte.
// Invariant: exactly one thread at a time runs fn (the one that moved the flag UNLOCKED->LOCKED);
// INITIALIZED is final.
// Concurrency: state changes are CAS/exchange on the byte; waiters park on it and are woken all at
// once when the runner leaves LOCKED|HAS_PARKED.
#include "sync/once.h"

#include "sync/atomic.h"        // ft_atomic_*
#include "sync/parking_lot.h"   // ft_parking_lot_park ft_parking_lot_unpark_all

// Leaves the LOCKED state for `next` (UNLOCKED or INITIALIZED), waking any waiters.
static void
once_leave(FtOnceFlag *flag, uint8_t next)
{
    // release: publishes fn's writes; pairs with the acquire loads of later callers.
    uint8_t old = ft_atomic_exchange_uint8_release(&flag->v, next);
    if (old & FT_ONCE_HAS_PARKED)
        ft_parking_lot_unpark_all(&flag->v);
}

int
ft_once_call(FtOnceFlag *flag, int (*fn)(void *arg), void *arg)
{
    // acquire: pairs with the release in once_leave(); fn's writes are visible if initialised.
    uint8_t v = ft_atomic_load_uint8_acquire(&flag->v);
    for (;;) {
        if (v == FT_ONCE_INITIALIZED)
            return 0;
        if (v == FT_ONCE_UNLOCKED) {
            // acquire: pairs with the release in once_leave() after a failed attempt.
            if (!ft_atomic_cas_uint8_acquire(&flag->v, &v, FT_ONCE_LOCKED))
                continue;
            int res = fn(arg);
            once_leave(flag, res < 0 ? FT_ONCE_UNLOCKED : FT_ONCE_INITIALIZED);
            return res < 0 ? -1 : 0;
        }
        uint8_t parked = FT_ONCE_LOCKED | FT_ONCE_HAS_PARKED;
        if (v != parked) {
            // relaxed: only announces a waiter; the bucket lock orders the wake-up.
            if (!ft_atomic_cas_uint8_relaxed(&flag->v, &v, parked))
                continue;
        }
        ft_parking_lot_park(&flag->v, &parked, sizeof(parked), -1, NULL, 1);
        // acquire: as at the top.
        v = ft_atomic_load_uint8_acquire(&flag->v);
    }
}

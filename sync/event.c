// sync/event.c: the one-shot event (see sync/event.h for the states; CPython's PyEvent in
// Python/lock.c).
//
// Owns no state beyond each FtEvent byte.
// Invariant: SET is final; UNSET_HAS_PARKED is written before anyone parks, so a notifier that
// exchanges in SET and sees it knows it must wake the address.
// Concurrency: lock-free state changes by exchange/CAS; sleeping on the parking lot, whose bucket
// lock makes "check the byte, then sleep" atomic with respect to notify's unpark_all.
#include "sync/event.h"

#include "sync/atomic.h"        // ft_atomic_*
#include "sync/clock.h"         // ft_clock_deadline_ns
#include "sync/parking_lot.h"   // ft_parking_lot_park

void
ft_event_notify(FtEvent *evt)
{
    // release: publishes the notifier's writes; pairs with the acquire loads in the waiters.
    uint8_t old = ft_atomic_exchange_uint8_release(&evt->v, FT_EVENT_SET);
    if (old == FT_EVENT_UNSET_HAS_PARKED)
        ft_parking_lot_unpark_all(&evt->v);
}

bool
ft_event_is_set(const FtEvent *evt)
{
    // acquire: pairs with the release exchange in ft_event_notify().
    return ft_atomic_load_uint8_acquire(&evt->v) == FT_EVENT_SET;
}

bool
ft_event_wait_timed(FtEvent *evt, int64_t timeout_ns, int detach)
{
    int64_t deadline = ft_clock_deadline_ns(timeout_ns);
    for (;;) {
        // acquire: pairs with the release exchange in ft_event_notify().
        uint8_t v = ft_atomic_load_uint8_acquire(&evt->v);
        if (v == FT_EVENT_SET)
            return true;
        if (v == FT_EVENT_UNSET) {
            // relaxed: only announces a waiter; the bucket lock orders the wake-up.
            if (!ft_atomic_cas_uint8_relaxed(&evt->v, &v, FT_EVENT_UNSET_HAS_PARKED))
                continue;
        }
        uint8_t expected = FT_EVENT_UNSET_HAS_PARKED;
        int res = ft_parking_lot_park(&evt->v, &expected, sizeof(expected),
                                      ft_clock_remaining_ns(deadline), NULL, detach);
        if (res == FT_PARK_TIMEOUT)
            return ft_event_is_set(evt);
        // OK (notified), AGAIN (the byte changed) or INTR (a signal): look again.
    }
}

void
ft_event_wait(FtEvent *evt)
{
    ft_event_wait_timed(evt, -1, 1);
}

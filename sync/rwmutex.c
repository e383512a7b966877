// sync/rwmutex.c: the writer-preferring readers-writer lock (see sync/rwmutex.h for the bits;
// CPython's _PyRWMutex in Python/lock.c).
//
// Owns no state beyond each FtRWMutex word.
// Invariant: WRITE_LOCKED => reader count == 0; HAS_PARKED is set before anyone parks and cleared
// only by a writer's unlock (which then wakes everyone) or a writer taking the lock (which keeps it).
// Concurrency: all transitions are CAS/add/exchange on the word; sleepers park on its address and
// are woken all together (by the last reader or by the writer's unlock), then re-compete.
#include "sync/rwmutex.h"

#include "sync/atomic.h"        // ft_atomic_*
#include "sync/fatal.h"         // ft_fatal FT_ASSERT
#include "sync/parking_lot.h"   // ft_parking_lot_park ft_parking_lot_unpark_all

static uintptr_t
rwmutex_reader_count(uintptr_t bits)
{
    return bits >> FT_RWMUTEX_READER_SHIFT;
}

// Sets HAS_PARKED (if needed) and parks until woken; returns a fresh snapshot of the word.
static uintptr_t
rwmutex_set_parked_and_wait(FtRWMutex *rw, uintptr_t bits)
{
    if (!(bits & FT_RWMUTEX_HAS_PARKED)) {
        uintptr_t parked = bits | FT_RWMUTEX_HAS_PARKED;
        // relaxed: only announces a waiter; the bucket lock orders the wake-up.
        if (!ft_atomic_cas_uintptr_relaxed(&rw->bits, &bits, parked))
            return bits;
        bits = parked;
    }
    ft_parking_lot_park(&rw->bits, &bits, sizeof(bits), -1, NULL, 1);
    // relaxed: a hint, re-validated by the caller's CAS.
    return ft_atomic_load_uintptr_relaxed(&rw->bits);
}

void
ft_rwmutex_rlock(FtRWMutex *rw)
{
    // relaxed: a hint, re-validated by the CAS.
    uintptr_t bits = ft_atomic_load_uintptr_relaxed(&rw->bits);
    for (;;) {
        if (bits & (FT_RWMUTEX_WRITE_LOCKED | FT_RWMUTEX_HAS_PARKED)) {
            // A writer holds the lock, or somebody (a writer, usually) waits for it: queue up
            // behind it rather than starve it.
            bits = rwmutex_set_parked_and_wait(rw, bits);
            continue;
        }
        // acquire: pairs with the release exchange in ft_rwmutex_unlock().
        if (ft_atomic_cas_uintptr_acquire(&rw->bits, &bits, bits + FT_RWMUTEX_ONE_READER))
            return;
    }
}

void
ft_rwmutex_runlock(FtRWMutex *rw)
{
    // release: pairs with the acquire CAS of the next writer.
    uintptr_t bits = ft_atomic_sub_uintptr_release(&rw->bits, FT_RWMUTEX_ONE_READER);
    if (rwmutex_reader_count(bits) == 0)
        ft_fatal("read-unlocking an FtRWMutex at %p that has no reader", (void *)rw);
    bits -= FT_RWMUTEX_ONE_READER;
    if (rwmutex_reader_count(bits) == 0 && (bits & FT_RWMUTEX_HAS_PARKED))
        ft_parking_lot_unpark_all(&rw->bits);
}

void
ft_rwmutex_lock(FtRWMutex *rw)
{
    // relaxed: a hint, re-validated by the CAS.
    uintptr_t bits = ft_atomic_load_uintptr_relaxed(&rw->bits);
    for (;;) {
        if ((bits & ~FT_RWMUTEX_HAS_PARKED) == 0) {
            // acquire: pairs with the release in ft_rwmutex_unlock() and ft_rwmutex_runlock().
            if (ft_atomic_cas_uintptr_acquire(&rw->bits, &bits, bits | FT_RWMUTEX_WRITE_LOCKED))
                return;
            continue;
        }
        bits = rwmutex_set_parked_and_wait(rw, bits);
    }
}

void
ft_rwmutex_unlock(FtRWMutex *rw)
{
    // release: pairs with the acquire CASes of the next reader or writer.
    uintptr_t old = ft_atomic_exchange_uintptr_release(&rw->bits, 0);
    if (!(old & FT_RWMUTEX_WRITE_LOCKED))
        ft_fatal("write-unlocking an FtRWMutex at %p that is not write-locked", (void *)rw);
    FT_ASSERT(rwmutex_reader_count(old) == 0);
    if (old & FT_RWMUTEX_HAS_PARKED)
        ft_parking_lot_unpark_all(&rw->bits);
}

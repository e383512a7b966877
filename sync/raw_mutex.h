// sync/raw_mutex.h: a word-sized mutex that needs no parking lot (FREE-THREADING.md section 3.2).
//
// The parking lot's buckets cannot be protected by FtMutex (FtMutex parks on the parking lot), so
// they use this lock, whose waiters queue on the lock word itself:
//
//   bits:  [ pointer to the newest waiting FtRawMutexWaiter | FT_RAW_MUTEX_LOCKED (bit 0) ]
//
//   0                        unlocked, nobody waiting
//   LOCKED                   locked, nobody waiting
//   LOCKED | w               locked; w -> next -> ... is a LIFO stack of sleeping waiters
//   w (without LOCKED)       transient: unlocked while waiters remain (they re-compete)
//
// Lock: set LOCKED if it is clear (barging past sleepers), else push a waiter record from the
// stack and sleep on its semaphore. Unlock: if waiters exist, pop one (only the holder pops, so
// there is no ABA) and wake it to re-compete; no hand-off. Never detaches, never handles signals:
// hold it only for a few instructions and never block while holding it (a leaf lock).
#ifndef FT_SYNC_RAW_MUTEX_H
#define FT_SYNC_RAW_MUTEX_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uintptr_t

#include "sync/atomic.h"   // ft_atomic_cas_uintptr_acquire

#define FT_RAW_MUTEX_LOCKED ((uintptr_t)1)

typedef struct FtRawMutex {
    uintptr_t bits;   // atomic: LOCKED | address of the waiter stack (see above)
} FtRawMutex;

void ft_raw_mutex_lock_slow(FtRawMutex *m);
void ft_raw_mutex_unlock_slow(FtRawMutex *m);

// Locks m, sleeping (without detaching) while another thread holds it. Not reentrant. Any thread.
static inline void
ft_raw_mutex_lock(FtRawMutex *m)
{
    uintptr_t expected = 0;
    // acquire: pairs with the release in ft_raw_mutex_unlock()/_unlock_slow().
    if (!ft_atomic_cas_uintptr_acquire(&m->bits, &expected, FT_RAW_MUTEX_LOCKED))
        ft_raw_mutex_lock_slow(m);
}

// Unlocks m, waking one waiter if any. The caller must hold m (a mismatch is fatal).
static inline void
ft_raw_mutex_unlock(FtRawMutex *m)
{
    uintptr_t expected = FT_RAW_MUTEX_LOCKED;
    // release: pairs with the acquire in ft_raw_mutex_lock().
    if (!ft_atomic_cas_uintptr_release(&m->bits, &expected, 0))
        ft_raw_mutex_unlock_slow(m);
}

// True if somebody holds m (a racy snapshot, for assertions). Any thread.
static inline bool
ft_raw_mutex_is_locked(const FtRawMutex *m)
{
    // relaxed: a diagnostic snapshot; orders nothing.
    return (ft_atomic_load_uintptr_relaxed(&m->bits) & FT_RAW_MUTEX_LOCKED) != 0;
}

#endif // FT_SYNC_RAW_MUTEX_H

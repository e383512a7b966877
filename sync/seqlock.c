// sync/seqlock.c: the sequence lock (see sync/seqlock.h; CPython's _PySeqLock in Python/lock.c).
//
// Owns no state beyond each FtSeqLock word.
// Invariant: sequence is odd exactly while a writer is inside; it changes only by +1 (enter),
// +1 (end) or -1 (abandon).
// Concurrency: writers exclude each other by CAS even->odd. Readers never write; they validate
// after the fact. The fences order the (relaxed atomic) data accesses against the sequence:
//   writer: the release fence after entering keeps data stores from moving above the odd store
//           (else a reader could see new data with the old even sequence);
//   reader: the acquire fence before re-reading keeps data loads from moving below that re-read
//           (else it could validate data read after a writer started).
// ThreadSanitizer does not model fences, so the pairs are also annotated for it.

#include "sync/seqlock.h"

#include <sched.h>   // sched_yield

#include "sync/atomic.h"   // ft_atomic_*
#include "sync/fatal.h"    // FT_ASSERT

void
ft_seqlock_write_begin(FtSeqLock *seqlock)
{
    // relaxed: a hint, re-validated by the CAS.
    uint32_t prev = ft_atomic_load_uint32_relaxed(&seqlock->sequence);
    for (;;) {
        if (prev & 1) {
            sched_yield();
            // relaxed: as above.
            prev = ft_atomic_load_uint32_relaxed(&seqlock->sequence);
            continue;
        }
        // acquire: pairs with the release store of the previous writer's end.
        if (ft_atomic_cas_uint32_acquire(&seqlock->sequence, &prev, prev + 1))
            break;
    }
    // release fence: data stores after this point cannot become visible before the odd value
    // (see the file block).
    ft_atomic_fence_release();
}

void
ft_seqlock_write_end(FtSeqLock *seqlock)
{
    // relaxed: only the writer changes the sequence while it is odd.
    uint32_t seq = ft_atomic_load_uint32_relaxed(&seqlock->sequence);
    FT_ASSERT(seq & 1);
    FT_TSAN_RELEASE(seqlock);
    // release: publishes the data; pairs with the acquire load in ft_seqlock_read_begin().
    ft_atomic_store_uint32_release(&seqlock->sequence, seq + 1);
}

void
ft_seqlock_write_abandon(FtSeqLock *seqlock)
{
    // relaxed: only the writer changes the sequence while it is odd.
    uint32_t seq = ft_atomic_load_uint32_relaxed(&seqlock->sequence);
    FT_ASSERT(seq & 1);
    // release: pairs with the acquire load in ft_seqlock_read_begin() and the next writer's CAS.
    ft_atomic_store_uint32_release(&seqlock->sequence, seq - 1);
}

uint32_t
ft_seqlock_read_begin(FtSeqLock *seqlock)
{
    // acquire: pairs with the release store in ft_seqlock_write_end().
    uint32_t seq = ft_atomic_load_uint32_acquire(&seqlock->sequence);
    while (seq & 1) {
        sched_yield();
        // acquire: as above.
        seq = ft_atomic_load_uint32_acquire(&seqlock->sequence);
    }
    FT_TSAN_ACQUIRE(seqlock);
    return seq;
}

bool
ft_seqlock_read_end(FtSeqLock *seqlock, uint32_t previous)
{
    // acquire fence: the data loads above cannot move below the re-read (see the file block).
    ft_atomic_fence_acquire();
    // relaxed: ordered by the fence above.
    return ft_atomic_load_uint32_relaxed(&seqlock->sequence) == previous;
}

bool
ft_seqlock_after_fork(FtSeqLock *seqlock)
{
    // relaxed: single-threaded after fork.
    uint32_t seq = ft_atomic_load_uint32_relaxed(&seqlock->sequence);
    if (!(seq & 1))
        return false;
    ft_atomic_store_uint32_relaxed(&seqlock->sequence, seq - 1);
    return true;
}

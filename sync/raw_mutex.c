// sync/raw_mutex.c: the slow paths of the word-sized raw mutex (see sync/raw_mutex.h).
//
// Owns: the waiter records of threads waiting for an FtRawMutex (on their own stacks).
// Invariant: a waiter record is on a lock's stack only while its thread sleeps on the record's
// semaphore; only the lock holder pops (so a popped record cannot be popped twice, and reading
// top->next is safe because top stays pushed until we pop it).
// Concurrency: pushers and the popping holder race on bits with CAS; a woken waiter re-competes
// with newcomers (no hand-off), which is fine for the short sections this lock protects.
#include "sync/raw_mutex.h"

#include "sync/fatal.h"       // ft_fatal FT_ASSERT
#include "sync/semaphore.h"   // FtSemaphore

typedef struct RawMutexWaiter RawMutexWaiter;
struct RawMutexWaiter {
    RawMutexWaiter *next;   // immutable while pushed: the waiter below on the stack
    FtSemaphore sema;       // posted by the unlocker that popped this record
} __attribute__((aligned(8)));

void
ft_raw_mutex_lock_slow(FtRawMutex *m)
{
    RawMutexWaiter waiter;
    ft_semaphore_init(&waiter.sema, 0);
    // relaxed: the CASes below re-validate.
    uintptr_t v = ft_atomic_load_uintptr_relaxed(&m->bits);
    for (;;) {
        if (!(v & FT_RAW_MUTEX_LOCKED)) {
            // acquire: pairs with the release in ft_raw_mutex_unlock()/_unlock_slow().
            if (ft_atomic_cas_uintptr_acquire(&m->bits, &v, v | FT_RAW_MUTEX_LOCKED))
                return;
            continue;
        }
        waiter.next = (RawMutexWaiter *)(v & ~FT_RAW_MUTEX_LOCKED);
        // release: publishes waiter.next to the holder that pops us (acquire in _unlock_slow()).
        if (!ft_atomic_cas_uintptr_release(&m->bits, &v, (uintptr_t)&waiter | FT_RAW_MUTEX_LOCKED))
            continue;
        while (ft_semaphore_wait(&waiter.sema, -1) != FT_SEMAPHORE_OK) {
            // interrupted by a signal: keep waiting, we are still on the stack
        }
        // relaxed: re-validated by the CAS.
        v = ft_atomic_load_uintptr_relaxed(&m->bits);
    }
}

void
ft_raw_mutex_unlock_slow(FtRawMutex *m)
{
    // acquire: pairs with a pusher's release, so top->next is visible.
    uintptr_t v = ft_atomic_load_uintptr_acquire(&m->bits);
    for (;;) {
        if (!(v & FT_RAW_MUTEX_LOCKED))
            ft_fatal("unlocking an unlocked raw mutex at %p", (void *)m);
        RawMutexWaiter *top = (RawMutexWaiter *)(v & ~FT_RAW_MUTEX_LOCKED);
        if (top == NULL) {
            // acq_rel: release pairs with the acquire in ft_raw_mutex_lock(); acquire on failure
            // makes a newly pushed waiter's next visible.
            if (ft_atomic_cas_uintptr_acq_rel(&m->bits, &v, 0))
                return;
            continue;
        }
        // acq_rel: release ends our critical section; acquire re-reads a newer top's next on failure.
        if (ft_atomic_cas_uintptr_acq_rel(&m->bits, &v, (uintptr_t)top->next)) {
            ft_semaphore_post(&top->sema);
            return;
        }
    }
}

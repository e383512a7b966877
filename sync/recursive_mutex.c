// sync/recursive_mutex.c: the owner-reentrant mutex (see sync/recursive_mutex.h; CPython's
// _PyRecursiveMutex in Python/lock.c).
//
// Owns no state beyond each FtRecursiveMutex.
// Invariant: owner != 0  <=>  mutex is held by the thread whose ft_thread_id() is owner, which has
// locked it level + 1 times.
// Concurrency: the inner FtMutex serialises owners; owner is a relaxed atomic because non-owners
// read it (they can only ever see 0 or another thread's id, never their own, so the race is benign).
#include "sync/recursive_mutex.h"

#include "sync/atomic.h"        // ft_atomic_*
#include "sync/fatal.h"         // ft_fatal FT_ASSERT
#include "sync/sync_thread.h"   // ft_thread_id

bool
ft_recursive_mutex_is_owned_by_me(const FtRecursiveMutex *m)
{
    // relaxed: only this thread ever stores its own id here (see the file block).
    return ft_atomic_load_uintptr_relaxed(&m->owner) == ft_thread_id();
}

int
ft_recursive_mutex_lock_timed(FtRecursiveMutex *m, int64_t timeout_ns, int flags)
{
    if (ft_recursive_mutex_is_owned_by_me(m)) {
        m->level++;
        return FT_LOCK_ACQUIRED;
    }
    int res = ft_mutex_lock_timed(&m->mutex, timeout_ns, flags);
    if (res == FT_LOCK_ACQUIRED) {
        FT_ASSERT(m->level == 0);
        // relaxed: see ft_recursive_mutex_is_owned_by_me().
        ft_atomic_store_uintptr_relaxed(&m->owner, ft_thread_id());
    }
    return res;
}

void
ft_recursive_mutex_lock(FtRecursiveMutex *m)
{
    if (ft_recursive_mutex_is_owned_by_me(m)) {
        m->level++;
        return;
    }
    ft_mutex_lock(&m->mutex);
    FT_ASSERT(m->level == 0);
    // relaxed: see ft_recursive_mutex_is_owned_by_me().
    ft_atomic_store_uintptr_relaxed(&m->owner, ft_thread_id());
}

void
ft_recursive_mutex_unlock(FtRecursiveMutex *m)
{
    if (!ft_recursive_mutex_is_owned_by_me(m))
        ft_fatal("unlocking an FtRecursiveMutex at %p that this thread does not own", (void *)m);
    if (m->level > 0) {
        m->level--;
        return;
    }
    // relaxed: see ft_recursive_mutex_is_owned_by_me().
    ft_atomic_store_uintptr_relaxed(&m->owner, 0);
    ft_mutex_unlock(&m->mutex);
}

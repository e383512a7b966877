// sync/recursive_mutex.h: a mutex its owner may lock again (CPython's _PyRecursiveMutex).
//
// State: mutex is held  <=>  owner != 0; owner == ft_thread_id() of the holder; the holder has
// locked it level + 1 times. Only the owner changes owner (while holding mutex) and level; other
// threads only compare owner with their own id, which can never match a value they did not write.
// Zero-initialised storage is an unlocked recursive mutex.
#ifndef FT_SYNC_RECURSIVE_MUTEX_H
#define FT_SYNC_RECURSIVE_MUTEX_H

#include <stdbool.h>   // bool
#include <stddef.h>    // size_t
#include <stdint.h>    // uintptr_t int64_t

#include "sync/mutex.h"   // FtMutex

typedef struct FtRecursiveMutex {
    FtMutex mutex;
    uintptr_t owner;   // atomic (relaxed): written by the holder under mutex; read by anyone
    size_t level;      // guarded_by(mutex): extra lock count of the owner
} FtRecursiveMutex;

// Locks m, or just counts one more level if the calling thread owns it. Parks with detach while
// another thread holds it. Any thread.
void ft_recursive_mutex_lock(FtRecursiveMutex *m);

// Like ft_recursive_mutex_lock with a timeout (-1 forever, 0 try) and FT_LOCK_* flags; returns
// FT_LOCK_ACQUIRED (at once if already owned), FT_LOCK_FAILURE or FT_LOCK_INTR. Any thread.
int ft_recursive_mutex_lock_timed(FtRecursiveMutex *m, int64_t timeout_ns, int flags);

// Undoes one lock; the last one releases the mutex. Fatal if the caller does not own m.
void ft_recursive_mutex_unlock(FtRecursiveMutex *m);

// True if the calling thread owns m. Any thread.
bool ft_recursive_mutex_is_owned_by_me(const FtRecursiveMutex *m);

#endif // FT_SYNC_RECURSIVE_MUTEX_H

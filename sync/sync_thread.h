// sync/sync_thread.h: the per-thread state that the sync layer needs, and the thread's identity.
//
// sync/ sits below runtime/ and cannot see a thread state, yet a blocking lock must detach its
// thread (so that stop-the-world and critical-section suspension work) and the critical-section stack
// is per thread. So the sync layer owns this small record; runtime/'s FtThreadState embeds it as its
// first member and installs the detach/attach hooks. A thread with no record bound (a plain pthread
// in a sync unit test) still gets correct locks: blocking then only suspends its critical sections.
#ifndef FT_SYNC_SYNC_THREAD_H
#define FT_SYNC_SYNC_THREAD_H

#include <stdint.h>   // uintptr_t

typedef struct FtSyncThread FtSyncThread;
struct FtSyncThread {
    // Top of this thread's critical-section stack: the address of an FtCriticalSection on the C
    // stack, its low two bits tagged (see sync/critical_section.h), or 0 when empty.
    // Owner-thread only.
    uintptr_t critical_section;
    // Called, on the owning thread, just before it parks with FT_LOCK_DETACH and just after it
    // wakes. runtime/ sets them to its detach/attach; both NULL for a thread outside the runtime.
    // Written once by the owner before any lock is taken; immutable afterwards.
    void (*detach)(FtSyncThread *self);
    void (*attach)(FtSyncThread *self);
};

// The calling thread's record, or NULL when none is bound. Besides this pointer the sync layer has
// one more thread-local variable: the fallback record that sync/critical_section.c binds for a
// thread that takes a critical section with no record bound. runtime/ binds its thread state's
// record before the thread takes any critical section, so the fallback never serves a runtime thread.
extern __thread FtSyncThread *ft_sync_thread_tls;

static inline FtSyncThread *
ft_sync_thread_current(void)
{
    return ft_sync_thread_tls;
}

// Binds (or, with NULL, unbinds) the calling thread's record. Owner-thread only.
static inline void
ft_sync_thread_bind(FtSyncThread *record)
{
    ft_sync_thread_tls = record;
}

// A non-zero word that identifies the calling thread among live threads: the address of its
// thread-local pointer. It is the owner id stored in object headers (ob_tid). A dead thread's id may
// be reused by a later thread; runtime/ hands a thread's objects over before it exits, so reuse only
// makes the new thread their owner (FREE-THREADING.md section 2.1).
static inline uintptr_t
ft_thread_id(void)
{
    return (uintptr_t)&ft_sync_thread_tls;
}

#endif // FT_SYNC_SYNC_THREAD_H

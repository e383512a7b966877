// sync/critical_section.c: per-object critical sections (see sync/critical_section.h for the
// stack encoding; CPython's Python/critical_section.c and PEP 703).
//
// Owns: the fallback FtSyncThread record of threads that take a critical section without having
// bound one (a plain pthread in a sync test, a foreign thread before runtime/ adopts it).
// Invariant: only the top section may be active; an active section's mutexes are held by its
// thread; while a section's mutex is being (re)locked its mutex field is NULL, so a suspension
// that happens while we park for it has nothing of that section to release.
// Concurrency: the stack is owner-thread only and needs no atomics; the mutexes do the locking.
// Parking inside ft_mutex_lock (detach) re-enters ft_critical_section_suspend_all/resume on the
// same thread, which the NULL-while-locking rule makes safe.
#include "sync/critical_section.h"

#include "sync/fatal.h"   // ft_fatal FT_ASSERT

_Static_assert(_Alignof(FtCriticalSection) >= 4, "the tag bits need 4-byte alignment");

// The fallback record, bound lazily to a thread with none (see the file block). Owner-thread
// only; it has no detach/attach hooks, so parking merely suspends and resumes its sections. This
// thread-local is the exception to "one thread-local in sync" of sync/sync_thread.h, accepted so
// that critical sections work on any thread.
static __thread FtSyncThread fallback_thread;

static FtSyncThread *
current_thread(void)
{
    FtSyncThread *t = ft_sync_thread_current();
    if (FT_UNLIKELY(t == NULL)) {
        t = &fallback_thread;
        ft_sync_thread_bind(t);
    }
    return t;
}

static FtCriticalSection *
untag(uintptr_t tagged)
{
    return (FtCriticalSection *)(tagged & ~FT_CRITICAL_SECTION_MASK);
}

static bool
is_active(uintptr_t tagged)
{
    return tagged != 0 && !(tagged & FT_CRITICAL_SECTION_INACTIVE);
}

// True if the active top section of t holds m.
static bool
top_holds(const FtSyncThread *t, const FtMutex *m)
{
    uintptr_t top = t->critical_section;
    if (!is_active(top))
        return false;
    FtCriticalSection *c = untag(top);
    if (c->mutex == m)
        return true;
    if (top & FT_CRITICAL_SECTION_TWO_MUTEXES)
        return ((FtCriticalSection2 *)c)->mutex2 == m;
    return false;
}

void
ft_critical_section_begin_mutex(FtCriticalSection *c, FtMutex *m)
{
    FT_ASSERT(m != NULL);
    FtSyncThread *t = current_thread();
    if (top_holds(t, m)) {
        // Re-entry on the object the top section already locked: push nothing, lock nothing.
        c->mutex = NULL;
        c->prev = 0;
        return;
    }
    c->prev = t->critical_section;
    if (ft_mutex_trylock(m)) {
        c->mutex = m;
        t->critical_section = (uintptr_t)c;
        return;
    }
    // Push first, with no mutex recorded: if we park, suspend_all must not unlock m.
    c->mutex = NULL;
    t->critical_section = (uintptr_t)c;
    ft_mutex_lock(m);
    c->mutex = m;
}

void
ft_critical_section2_begin_mutex(FtCriticalSection2 *c, FtMutex *m1, FtMutex *m2)
{
    FT_ASSERT(m1 != NULL && m2 != NULL);
    if (m1 == m2) {
        c->mutex2 = NULL;
        ft_critical_section_begin_mutex(&c->base, m1);
        return;
    }
    if ((uintptr_t)m1 > (uintptr_t)m2) {
        FtMutex *tmp = m1;
        m1 = m2;
        m2 = tmp;
    }
    FtSyncThread *t = current_thread();
    c->base.prev = t->critical_section;
    if (ft_mutex_trylock(m1)) {
        if (ft_mutex_trylock(m2)) {
            c->base.mutex = m1;
            c->mutex2 = m2;
            t->critical_section = (uintptr_t)c | FT_CRITICAL_SECTION_TWO_MUTEXES;
            return;
        }
        // Never wait for m2 while holding m1 outside a section: drop m1 and take the slow path.
        ft_mutex_unlock(m1);
    }
    c->base.mutex = NULL;
    c->mutex2 = NULL;
    t->critical_section = (uintptr_t)c | FT_CRITICAL_SECTION_TWO_MUTEXES;
    ft_mutex_lock(m1);
    // If locking m2 parks, suspend_all must release m1: record it first.
    c->base.mutex = m1;
    ft_mutex_lock(m2);
    c->mutex2 = m2;
}

// Pops c (the top section) and resumes the section below if it was suspended.
static void
critical_section_pop(FtSyncThread *t, FtCriticalSection *c)
{
    FT_ASSERT(untag(t->critical_section) == c);
    t->critical_section = c->prev;
    if (c->prev & FT_CRITICAL_SECTION_INACTIVE)
        ft_critical_section_resume(t);
}

void
ft_critical_section_end(FtCriticalSection *c)
{
    if (c->mutex == NULL)
        return;   // a skipped re-entry (see ft_critical_section_begin_mutex)
    FtSyncThread *t = ft_sync_thread_current();
    FT_ASSERT(t != NULL && is_active(t->critical_section) && untag(t->critical_section) == c);
    ft_mutex_unlock(c->mutex);
    critical_section_pop(t, c);
}

void
ft_critical_section2_end(FtCriticalSection2 *c)
{
    if (c->base.mutex == NULL) {
        FT_ASSERT(c->mutex2 == NULL);
        return;   // degraded to one mutex, and that one was a skipped re-entry
    }
    FtSyncThread *t = ft_sync_thread_current();
    FT_ASSERT(t != NULL && is_active(t->critical_section) && untag(t->critical_section) == &c->base);
    if (c->mutex2 != NULL)
        ft_mutex_unlock(c->mutex2);
    ft_mutex_unlock(c->base.mutex);
    critical_section_pop(t, &c->base);
}

void
ft_critical_section_suspend_all(FtSyncThread *t)
{
    uintptr_t *link = &t->critical_section;
    while (is_active(*link)) {
        FtCriticalSection *c = untag(*link);
        if (c->mutex != NULL)
            ft_mutex_unlock(c->mutex);
        if (*link & FT_CRITICAL_SECTION_TWO_MUTEXES) {
            FtCriticalSection2 *c2 = (FtCriticalSection2 *)c;
            if (c2->mutex2 != NULL)
                ft_mutex_unlock(c2->mutex2);
        }
        *link |= FT_CRITICAL_SECTION_INACTIVE;
        link = &c->prev;
    }
}

void
ft_critical_section_resume(FtSyncThread *t)
{
    uintptr_t top = t->critical_section;
    if (top == 0 || !(top & FT_CRITICAL_SECTION_INACTIVE))
        return;
    FtCriticalSection *c = untag(top);
    FtCriticalSection2 *c2 = (top & FT_CRITICAL_SECTION_TWO_MUTEXES) ? (FtCriticalSection2 *)c : NULL;
    FtMutex *m1 = c->mutex;
    FtMutex *m2 = c2 ? c2->mutex2 : NULL;
    // Record each only once it is held again: if ft_mutex_lock parks, the nested suspend/resume
    // on this thread must neither unlock a mutex we do not hold nor lock one twice.
    c->mutex = NULL;
    if (c2)
        c2->mutex2 = NULL;
    if (m1 != NULL) {
        ft_mutex_lock(m1);
        c->mutex = m1;   // from here a suspension while we wait for m2 releases m1
    }
    if (m2 != NULL) {
        ft_mutex_lock(m2);
        c2->mutex2 = m2;
    }
    t->critical_section &= ~FT_CRITICAL_SECTION_INACTIVE;
}

bool
ft_critical_section_is_held(const FtMutex *m)
{
    FtSyncThread *t = ft_sync_thread_current();
    return t != NULL && top_holds(t, m) && ft_mutex_is_locked(m);
}

void
ft_critical_section_assert_held(const FtMutex *m)
{
#if defined(FT_DEBUG)
    if (!ft_critical_section_is_held(m))
        ft_fatal("mutex %p is not held by the current critical section", (const void *)m);
#else
    (void)m;
#endif
}

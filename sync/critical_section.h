// sync/critical_section.h: per-object critical sections (FREE-THREADING.md section 4, PEP 703;
// CPython's Include/internal/pycore_critical_section.h).
//
// A critical section locks one or two FtMutexes for the extent of a C block, and - unlike a plain
// lock - is released whenever its thread would block: parking with detach (any contended FtMutex,
// event, ...) or runtime/'s detach first suspends every section of the thread, and the top one is
// re-locked when the thread continues. A thread therefore never waits for a lock while holding an
// object lock, so no deadlock cycle can form through object locks, whatever the order in which
// sections nest. The price: atomicity lasts only until the next operation that may block.
//
// The sections form an intrusive stack through FtSyncThread.critical_section (owner-thread only):
//
//   critical_section = address of the top section | tag bits
//   section.prev     = the next section down, tagged the same way, or 0
//   tag bit 0 FT_CRITICAL_SECTION_INACTIVE      that section's mutexes are released (suspended)
//   tag bit 1 FT_CRITICAL_SECTION_TWO_MUTEXES   that section is an FtCriticalSection2
//
// Invariants: only the top section can be active; if a section is inactive, so are all below it;
// an active section's mutex (and mutex2) are held by this thread. Sections live on the C stack
// (aligned to at least 4 for the tags). A begin on a mutex that the active top section already
// holds locks nothing and pushes nothing (its mutex field stays NULL; end tolerates that).
//
// Use through the macros on objects' mutexes, e.g.
//   FT_BEGIN_CRITICAL_SECTION(&op->ob_mutex);  ... FT_END_CRITICAL_SECTION();
// (runtime/ adds object wrappers). Never return or goto out of the block between BEGIN and END.
// A thread with no FtSyncThread bound gets a thread-local one bound on its first begin.
#ifndef FT_SYNC_CRITICAL_SECTION_H
#define FT_SYNC_CRITICAL_SECTION_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uintptr_t

#include "sync/mutex.h"         // FtMutex
#include "sync/sync_thread.h"   // FtSyncThread

#define FT_CRITICAL_SECTION_INACTIVE ((uintptr_t)1)
#define FT_CRITICAL_SECTION_TWO_MUTEXES ((uintptr_t)2)
#define FT_CRITICAL_SECTION_MASK ((uintptr_t)3)

typedef struct FtCriticalSection {
    uintptr_t prev;   // owner-thread only: tagged link to the section below (see above)
    FtMutex *mutex;   // owner-thread only: the held mutex; NULL while being locked or if skipped
} FtCriticalSection;

typedef struct FtCriticalSection2 {
    FtCriticalSection base;   // base.mutex is the lower-addressed mutex
    FtMutex *mutex2;          // owner-thread only: the higher-addressed one; NULL if degraded
} FtCriticalSection2;

// Locks m for section c (on the caller's stack) and pushes c on the calling thread's stack. May
// park (detaching, which suspends the thread's other sections). If the active top section already
// holds m, nothing is locked or pushed. Calling thread only.
void ft_critical_section_begin_mutex(FtCriticalSection *c, FtMutex *m);

// Unlocks c's mutex and pops c, which must be the top section (or a skipped one, then a no-op);
// if the section below is suspended, re-locks it (may park). Calling thread only.
void ft_critical_section_end(FtCriticalSection *c);

// Locks m1 and m2 for c, always in address order (lower first), and pushes c. m1 == m2 degrades
// to ft_critical_section_begin_mutex on one mutex. May park. Calling thread only.
void ft_critical_section2_begin_mutex(FtCriticalSection2 *c, FtMutex *m1, FtMutex *m2);

// Unlocks both mutexes of c and pops it, resuming the section below if suspended. Calling thread.
void ft_critical_section2_end(FtCriticalSection2 *c);

// Unlocks the mutexes of every active section of thread t and marks them inactive, top first;
// stops at the first already inactive section. Called on t's own thread before it blocks (by the
// parking lot, or by runtime/'s detach hook). Never parks.
void ft_critical_section_suspend_all(FtSyncThread *t);

// Re-locks the mutex(es) of t's top section and marks it active; the sections below stay
// suspended until they become the top again. A no-op if the stack is empty or the top is active.
// May park. Called on t's own thread (by the parking lot or runtime/'s attach hook).
void ft_critical_section_resume(FtSyncThread *t);

// True if the calling thread's active top section holds m (as mutex or mutex2). Calling thread.
bool ft_critical_section_is_held(const FtMutex *m);

// Debug builds: fatal unless ft_critical_section_is_held(m); a no-op otherwise. For the first
// line of every _lock_held function. Calling thread.
void ft_critical_section_assert_held(const FtMutex *m);

// BEGIN/END open and close a C block holding a section. Nested sections shadow the hidden
// variable on purpose (the innermost is the one ended), so the shadow warnings are silenced for
// that one declaration (GCC and Clang spell the warning options differently).
#if defined(__clang__)
#define FT_CRITICAL_SECTION_ALLOW_SHADOW_ _Pragma("clang diagnostic ignored \"-Wshadow\"")
#else
#define FT_CRITICAL_SECTION_ALLOW_SHADOW_                                   \
    _Pragma("GCC diagnostic ignored \"-Wshadow\"")                          \
    _Pragma("GCC diagnostic ignored \"-Wshadow=local\"")                    \
    _Pragma("GCC diagnostic ignored \"-Wshadow=compatible-local\"")
#endif

#define FT_BEGIN_CRITICAL_SECTION(mutex_ptr)                                \
    {                                                                       \
        _Pragma("GCC diagnostic push")                                      \
        FT_CRITICAL_SECTION_ALLOW_SHADOW_                                   \
        FtCriticalSection ft_critical_section_;                             \
        _Pragma("GCC diagnostic pop")                                       \
        ft_critical_section_begin_mutex(&ft_critical_section_, (mutex_ptr));

#define FT_END_CRITICAL_SECTION()                                           \
        ft_critical_section_end(&ft_critical_section_);                     \
    }

#define FT_BEGIN_CRITICAL_SECTION2(m1, m2)                                  \
    {                                                                       \
        _Pragma("GCC diagnostic push")                                      \
        FT_CRITICAL_SECTION_ALLOW_SHADOW_                                   \
        FtCriticalSection2 ft_critical_section2_;                           \
        _Pragma("GCC diagnostic pop")                                       \
        ft_critical_section2_begin_mutex(&ft_critical_section2_, (m1), (m2));

#define FT_END_CRITICAL_SECTION2()                                          \
        ft_critical_section2_end(&ft_critical_section2_);                   \
    }

#endif // FT_SYNC_CRITICAL_SECTION_H

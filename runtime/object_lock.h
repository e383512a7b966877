// runtime/object_lock.h: critical sections on an object's own mutex (FREE-THREADING.md section 4).
//
// Every mutable built-in container is protected by the one-byte mutex in its header (ob_mutex),
// taken only through these wrappers over sync/critical_section.h, never with ft_mutex_lock: a thread
// that blocks releases its sections, so object locks never take part in a deadlock. Two-object
// operations lock both in address order (FT_BEGIN_CRITICAL_SECTION2_OBJECT). A section's atomicity
// lasts only until the next operation that may block or run Python code: re-validate after one.
//
//   FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
//       ... op's fields marked guarded_by(ob_mutex) may be read and written ...
//   FT_END_CRITICAL_SECTION_OBJECT();
//
// Never return, break or goto out of the block between BEGIN and END.
#ifndef FT_RUNTIME_OBJECT_LOCK_H
#define FT_RUNTIME_OBJECT_LOCK_H

#include "runtime/object.h"          // FtObject
#include "runtime/refcount.h"        // ft_object_is_owned_by_current_thread ft_refcount
#include "sync/critical_section.h"   // FT_BEGIN_CRITICAL_SECTION ft_critical_section_assert_held

// Opens a block holding op's mutex; op is any object pointer (FtObject or a subtype).
#define FT_BEGIN_CRITICAL_SECTION_OBJECT(op) \
    FT_BEGIN_CRITICAL_SECTION(&((FtObject *)(op))->ob_mutex)
#define FT_END_CRITICAL_SECTION_OBJECT() FT_END_CRITICAL_SECTION()

// Opens a block holding the mutexes of a and b (locked in address order; a == b locks once).
#define FT_BEGIN_CRITICAL_SECTION2_OBJECT(a, b) \
    FT_BEGIN_CRITICAL_SECTION2(&((FtObject *)(a))->ob_mutex, &((FtObject *)(b))->ob_mutex)
#define FT_END_CRITICAL_SECTION2_OBJECT() FT_END_CRITICAL_SECTION2()

// Debug builds: fatal unless the calling thread's active critical section holds op's mutex. An
// object with a single reference owned by the calling thread is exempt (nobody else can reach it,
// CPython's _Py_CRITICAL_SECTION_ASSERT_OBJECT_LOCKED rule). The first line of every _lock_held
// function. Calling thread.
static inline void
ft_object_assert_locked(FtObject *op)
{
#if defined(FT_DEBUG)
    if (ft_object_is_owned_by_current_thread(op) && ft_refcount(op) == 1)
        return;
    ft_critical_section_assert_held(&op->ob_mutex);
#else
    (void)op;
#endif
}

#define FT_ASSERT_LOCKED(op) ft_object_assert_locked((FtObject *)(op))

#endif // FT_RUNTIME_OBJECT_LOCK_H

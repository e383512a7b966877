// runtime/object.h: the free-threaded object header and the minimal type object.
//
// Every Python object starts with FtObject (32 bytes on 64-bit; FREE-THREADING.md section 1.1):
//
//   offset  size  field          protection
//   0       8     ob_tid         owning thread (ft_thread_id()), 0 = unowned; relaxed atomic
//   8       2     ob_flags       FT_OBJECT_FLAG_*; set before publication
//   10      1     ob_mutex       the object's lock; taken only through critical sections
//   11      1     ob_gc_bits     FT_GC_*; relaxed atomic RMW, under ob_mutex once published
//   12      4     ob_ref_local   owner's count, written only by the owner (relaxed); UINT32_MAX = immortal
//   16      8     ob_ref_shared  other threads' count << 2 | merge state (atomic)
//   24      8     ob_type        the type; immutable after publication
//
// Invariants:
//   immortal  <=> ob_ref_local == FT_REF_IMMORTAL_LOCAL, and then ob_tid == 0 and no store ever
//                 happens to the counts (so sharing an immortal causes no cache-line traffic);
//   ob_tid == 0 and not immortal  =>  the shared state is FT_REF_MERGED and ob_ref_local is unused;
//   the shared state only moves to numerically higher values (FREE-THREADING.md section 2.2).
//
// The type object is declared here, not in objects/, because the runtime frees objects (through
// tp_dealloc) and the collector walks them (through tp_traverse) without depending on objects/.
// It holds only the slots those layers need; objects/ adds the rest as the object model grows.
#ifndef FT_RUNTIME_OBJECT_H
#define FT_RUNTIME_OBJECT_H

#include <stddef.h>   // size_t
#include <stdint.h>   // uintptr_t uint32_t

#include "sync/atomic.h"   // Ft_ssize
#include "sync/mutex.h"    // FtMutex

typedef struct FtTypeObject FtTypeObject;

typedef struct FtObject {
    uintptr_t ob_tid;
    uint16_t ob_flags;
    FtMutex ob_mutex;
    uint8_t ob_gc_bits;
    uint32_t ob_ref_local;
    Ft_ssize ob_ref_shared;
    FtTypeObject *ob_type;
} FtObject;

_Static_assert(sizeof(FtObject) == 32, "the free-threaded header is 32 bytes");
_Static_assert(offsetof(FtObject, ob_mutex) == 10, "header layout (FREE-THREADING.md 1.1)");
_Static_assert(offsetof(FtObject, ob_ref_local) == 12, "header layout (FREE-THREADING.md 1.1)");

// A variable-sized object: the header plus an item count (immutable for tuples, ints, strings;
// guarded_by(ob_mutex) and read with relaxed loads for lists).
typedef struct FtVarObject {
    FtObject ob_base;
    Ft_ssize ob_size;
} FtVarObject;

// ob_flags bits.
enum {
    FT_OBJECT_FLAG_IMMORTAL = 1 << 0,           // never freed; refcount operations are no-ops
    FT_OBJECT_FLAG_STATIC = 1 << 2,             // statically allocated (never passed to the allocator)
};

// ob_gc_bits (FREE-THREADING.md section 1.2).
enum {
    FT_GC_TRACKED = 1 << 0,        // the cycle collector considers this object
    FT_GC_FINALIZED = 1 << 1,      // tp_finalize already ran (PEP 442)
    FT_GC_UNREACHABLE = 1 << 2,    // collector scratch
    FT_GC_FROZEN = 1 << 3,         // excluded by gc.freeze()
    FT_GC_SHARED = 1 << 4,         // a non-owner thread has seen this container: free its storage via QSBR
    FT_GC_ALIVE = 1 << 5,          // collector scratch: reachable from known roots
    FT_GC_DEFERRED = 1 << 6,       // deferred reference counting
};

// The local count that marks an immortal object: an increment wraps it to 0, which the fast path
// tests for.
#define FT_REF_IMMORTAL_LOCAL UINT32_MAX

// The two low bits of ob_ref_shared (FREE-THREADING.md section 2.2); the count is shifted left by
// FT_REF_SHARED_SHIFT.
enum {
    FT_REF_SHARED_INIT = 0,
    FT_REF_SHARED_MAYBE_WEAKREF = 1,
    FT_REF_SHARED_QUEUED = 2,
    FT_REF_SHARED_MERGED = 3,
    FT_REF_SHARED_FLAG_MASK = 3,
    FT_REF_SHARED_SHIFT = 2,
};

typedef int (*FtVisitProc)(FtObject *referent, void *arg);

// tp_flags bits the lower layers read.
enum {
    FT_TPFLAGS_HAVE_GC = 1u << 14,         // instances take part in cycle collection
    FT_TPFLAGS_PREHEADER = 1u << 4,        // instances carry the 2-word pre-header (managed dict/weakrefs)
};

// The type object. Immutable after it is published (the object model's mutable-type rules come with
// type.c, issue 4); static types are immortal.
struct FtTypeObject {
    FtVarObject ob_base;
    const char *tp_name;
    Ft_ssize tp_basicsize;
    Ft_ssize tp_itemsize;
    uint64_t tp_flags;
    // Frees the object's resources and its memory; called exactly once, when the count reaches 0
    // (or by the collector). Never NULL for a heap-allocated type.
    void (*tp_dealloc)(FtObject *self);
    // Calls visit on every object reference the object holds; may be NULL for non-GC types.
    int (*tp_traverse)(FtObject *self, FtVisitProc visit, void *arg);
    // Drops the object's references to break cycles; may be NULL.
    int (*tp_clear)(FtObject *self);
};

static inline FtTypeObject *
ft_object_type(const FtObject *op)
{
    return op->ob_type;
}

#endif // FT_RUNTIME_OBJECT_H

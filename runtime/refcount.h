// runtime/refcount.h: biased reference counting, immortal objects and the deferred-count bias
// (FREE-THREADING.md sections 1.3 and 2.1-2.6; CPython's Include/refcount.h, Objects/object.c).
//
// The count of an object is split in two (the field layout is in runtime/object.h):
//   ob_ref_local   the owner thread's count, changed only by the owner with plain (relaxed) stores
//   ob_ref_shared  every other thread's count << FT_REF_SHARED_SHIFT | a 2-bit merge state, changed
//                  only with atomic read-modify-writes
//   total = ob_ref_local + (ob_ref_shared >> FT_REF_SHARED_SHIFT)
// The shared part may be negative (another thread dropped a reference the owner took). The merge
// state only grows: INIT -> MAYBE_WEAKREF -> QUEUED -> MERGED. An object is freed only from INIT (by
// its owner, with no atomic read-modify-write at all) or from MERGED (by whichever thread brings the
// merged count to 0).
//
// Immortal: ob_ref_local == FT_REF_IMMORTAL_LOCAL, ob_ref_shared == 0, ob_tid == 0. Increments are
// detected because local + 1 wraps to 0; nothing is ever stored to an immortal object's counts.
//
// Every function here may be called from any thread that owns a reference (an attached thread);
// the inline halves take no lock. A count reaching 0 frees the object on the calling thread
// (ft_object_dealloc): its finalizer, if it has one that has not run (__del__, a generator's
// close), runs first, so any ft_decref may run arbitrary Python code; destructors nested more
// than 100 deep are queued and run by the outermost one.
#ifndef FT_RUNTIME_REFCOUNT_H
#define FT_RUNTIME_REFCOUNT_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint32_t uintptr_t PTRDIFF_MAX

#include "runtime/object.h"      // FtObject FtTypeObject FT_REF_*
#include "sync/atomic.h"         // ft_atomic_*
#include "sync/sync_thread.h"    // ft_thread_id

// The bias added to the shared count of an object that uses deferred reference counting: no sequence
// of ordinary decrements can bring its count to 0, so only the cycle collector (which subtracts the
// bias) frees it. CPython's _Py_REF_DEFERRED.
#define FT_REF_DEFERRED (PTRDIFF_MAX / 8)

// The value ft_refcount reports for an immortal object.
#define FT_REF_IMMORTAL_REFCNT ((Ft_ssize)FT_REF_IMMORTAL_LOCAL)

// Out-of-line halves (runtime/refcount.c).

// The owner's local count just reached 0: frees the object if nobody else holds a reference,
// otherwise marks it merged (ob_tid = 0) so that the last shared decrement frees it.
void ft_refcount_merge_zero_local_slow(FtObject *op);

// A non-owner drops a reference: subtracts from the shared count, frees the object if the merged
// count reaches 0, or queues it to its owner (runtime/brc.h) when the shared count is 0 and not
// merged. The caller's reference is consumed.
void ft_refcount_decref_shared_slow(FtObject *op);

// Moves the local count into the shared one (the object becomes MERGED, unowned) and adds extra.
// Returns the merged total. Callable by the owner, or by anyone once the owner has exited or the
// world is stopped. Does not free: the caller frees when the result is 0 and it dropped the last
// reference.
Ft_ssize ft_refcount_explicit_merge(FtObject *op, Ft_ssize extra);

// Calls the type's destructor. The caller held the last reference. Destructors nest (a list's
// frees its items), so past a fixed depth the object waits in the thread's dealloc queue and the
// outermost call frees it: freeing a 100000-deep nest of lists must not recurse 100000 times in C
// (CPython's trashcan). Any thread; the destructor runs on the calling thread.
void ft_object_dealloc(FtObject *op);

// Runs op's finalizer (tp_finalize: __del__, a generator's close) now, unless it has none or it
// already ran: every object is finalized at most once (PEP 442), whether here or when freed. The
// caller holds a reference; the current exception is kept. CPython's PyObject_CallFinalizer.
// Attached thread that can run Python code.
void ft_object_finalize(FtObject *op);

// Initializes the header of freshly allocated memory: owned by the calling thread, local count 1,
// not shared, type set. Unpublished memory only. The caller's reference is the new one.
static inline void
ft_object_init_header(FtObject *op, FtTypeObject *type)
{
    // The object is not published yet, and its publication (a release store or a lock) orders these
    // stores. The fields that a lock-free reader still holding a stale pointer to this memory's
    // previous object may load (atomically) before it finds that object dead, the owner and the
    // counts, are written with relaxed atomic stores so that such a read is not a data race
    // (FREE-THREADING.md section 7.3: object memory is type-stable).
    ft_atomic_store_uintptr_relaxed(&op->ob_tid, ft_thread_id());
    op->ob_flags = 0;
    op->ob_mutex.bits = 0;
    ft_atomic_store_uint8_relaxed(&op->ob_gc_bits, 0);
    ft_atomic_store_uint32_relaxed(&op->ob_ref_local, 1);
    ft_atomic_store_ssize_relaxed(&op->ob_ref_shared, 0);
    op->ob_type = type;
}

static inline bool
ft_object_is_immortal(const FtObject *op)
{
    // relaxed: immortality is set before publication (or with the world stopped) and never cleared
    // while other threads run.
    return ft_atomic_load_uint32_relaxed(&op->ob_ref_local) == FT_REF_IMMORTAL_LOCAL;
}

// True if the calling thread owns op's local count.
static inline bool
ft_object_is_owned_by_current_thread(const FtObject *op)
{
    // relaxed: only the owner can see its own id here; ob_tid is set to 0, never to another
    // thread's id, once the object is published.
    return ft_atomic_load_uintptr_relaxed(&op->ob_tid) == ft_thread_id();
}

// Takes a new reference to op. Any thread holding a reference (or a safe borrowed one).
static inline void
ft_incref(FtObject *op)
{
    // relaxed: only the owner writes ob_ref_local; for others the value only serves the immortal test.
    uint32_t local = ft_atomic_load_uint32_relaxed(&op->ob_ref_local) + 1;
    if (local == 0)
        return;   // immortal: wrapped around
    if (ft_object_is_owned_by_current_thread(op)) {
        // relaxed: owner-thread only field; other threads read it only for the immortal test.
        ft_atomic_store_uint32_relaxed(&op->ob_ref_local, local);
    } else {
        // relaxed: an increment needs no ordering; the caller already holds a reference, so the
        // count cannot reach 0 concurrently.
        ft_atomic_add_ssize_relaxed(&op->ob_ref_shared, (Ft_ssize)1 << FT_REF_SHARED_SHIFT);
    }
}

// Drops a reference to op, freeing it when this was the last one. Any thread holding a reference.
static inline void
ft_decref(FtObject *op)
{
    // relaxed: see ft_incref.
    uint32_t local = ft_atomic_load_uint32_relaxed(&op->ob_ref_local);
    if (local == FT_REF_IMMORTAL_LOCAL)
        return;
    if (ft_object_is_owned_by_current_thread(op)) {
        local--;
        // relaxed: owner-thread only field.
        ft_atomic_store_uint32_relaxed(&op->ob_ref_local, local);
        if (local == 0)
            ft_refcount_merge_zero_local_slow(op);
    } else {
        ft_refcount_decref_shared_slow(op);
    }
}

// ft_incref / ft_decref accepting NULL.
static inline void
ft_xincref(FtObject *op)
{
    if (op != NULL)
        ft_incref(op);
}

static inline void
ft_xdecref(FtObject *op)
{
    if (op != NULL)
        ft_decref(op);
}

// Returns op with a new reference.
static inline FtObject *
ft_new_ref(FtObject *op)
{
    ft_incref(op);
    return op;
}

// The total count (local + shared, deferred bias included), or FT_REF_IMMORTAL_REFCNT for an immortal
// object. For tests and introspection: a snapshot that other threads may change at once.
static inline Ft_ssize
ft_refcount(const FtObject *op)
{
    // relaxed: a snapshot for introspection; orders nothing.
    uint32_t local = ft_atomic_load_uint32_relaxed(&op->ob_ref_local);
    if (local == FT_REF_IMMORTAL_LOCAL)
        return FT_REF_IMMORTAL_REFCNT;
    Ft_ssize shared = ft_atomic_load_ssize_relaxed(&op->ob_ref_shared);
    return (Ft_ssize)local + (shared >> FT_REF_SHARED_SHIFT);
}

// Makes op immortal: it is never freed and its count is never written again; also marks it
// FT_GC_DEFERRED and untracks it from the collector. The caller guarantees that no other thread
// changes op's count meanwhile (op unpublished, or the world stopped).
void ft_object_set_immortal(FtObject *op);

// Marks op as reachable without a counted reference (weak references, lock-free container reads):
// the merge state goes from INIT to MAYBE_WEAKREF, so that its owner frees it only through a
// compare-and-swap that sees concurrent ft_try_incref_shared. No-op in any later state. Any thread.
void ft_object_set_maybe_weakref(FtObject *op);

// Switches op to deferred reference counting: sets FT_GC_DEFERRED and adds FT_REF_DEFERRED to its
// shared count, so only the cycle collector frees it. Precondition: op is owned by the calling thread
// and its shared field is 0 (not yet shared). A no-op for an immortal object.
void ft_object_set_deferred(FtObject *op);

// True if op uses deferred reference counting (or is immortal, which implies it).
static inline bool
ft_object_has_deferred_refcount(const FtObject *op)
{
    // relaxed: gc bits are read without the object lock (FREE-THREADING.md section 1.2).
    return (ft_atomic_load_uint8_relaxed(&op->ob_gc_bits) & FT_GC_DEFERRED) != 0;
}

// The try-incref family, for reading an object pointer from a shared location that another thread
// may overwrite (and whose old object it may then free) while we read (FREE-THREADING.md 2.5).

// Succeeds, taking a reference, only when that needs no atomic: op is immortal or owned by the
// calling thread. An owned object cannot be freed by another thread meanwhile (others only queue
// their decrements to us).
static inline bool
ft_try_incref_fast(FtObject *op)
{
    // relaxed: see ft_incref.
    uint32_t local = ft_atomic_load_uint32_relaxed(&op->ob_ref_local) + 1;
    if (local == 0)
        return true;
    if (ft_object_is_owned_by_current_thread(op)) {
        // relaxed: owner-thread only field.
        ft_atomic_store_uint32_relaxed(&op->ob_ref_local, local);
        return true;
    }
    return false;
}

// Adds one to the shared count unless the raw shared field is 0 (count 0 in INIT state: the owner may
// free the object without atomics) or exactly MERGED (count 0: dead). Returns whether it did.
static inline bool
ft_try_incref_shared(FtObject *op)
{
    // relaxed: the compare-and-swap below re-validates the value.
    Ft_ssize shared = ft_atomic_load_ssize_relaxed(&op->ob_ref_shared);
    for (;;) {
        if (shared == 0 || shared == FT_REF_SHARED_MERGED)
            return false;
        // acq_rel: the acquire half keeps the caller's re-check of the source location (in
        // ft_try_incref_compare) after the increment; the release half pairs with the owner's
        // acquire in ft_refcount_merge_zero_local_slow(), which must see our increment.
        if (ft_atomic_cas_ssize_acq_rel(&op->ob_ref_shared, &shared,
                                        shared + ((Ft_ssize)1 << FT_REF_SHARED_SHIFT)))
            return true;
    }
}

// Takes a reference to op, which was just loaded from *src, if *src still holds op after the count
// was raised. Returns false (taking nothing) if op is being freed or *src changed. op must live in
// memory that stays readable as an object header (type-stable, QSBR-protected) while we race.
static inline bool
ft_try_incref_compare(FtObject **src, FtObject *op)
{
    if (!ft_try_incref_fast(op) && !ft_try_incref_shared(op))
        return false;
    // acquire: pairs with the release store that published a replacement in *src.
    if ((FtObject *)ft_atomic_load_ptr_acquire((void **)src) != op) {
        ft_decref(op);
        return false;
    }
    return true;
}

// Loads *ptr and returns it with a new reference, retrying while the object is concurrently
// replaced; returns NULL if *ptr is NULL. The location's writers must store with release order, and
// objects stored there must be in a state >= MAYBE_WEAKREF or owned by the reader, else the loop may
// spin until the value changes. Any attached thread.
static inline FtObject *
ft_xget_ref(FtObject **ptr)
{
    for (;;) {
        // acquire: pairs with the writer's release store of the pointer.
        FtObject *op = (FtObject *)ft_atomic_load_ptr_acquire((void **)ptr);
        if (op == NULL)
            return NULL;
        if (ft_try_incref_compare(ptr, op))
            return op;
    }
}

#endif // FT_RUNTIME_REFCOUNT_H

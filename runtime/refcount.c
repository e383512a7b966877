// runtime/refcount.c: the slow paths of biased reference counting (runtime/refcount.h).
//
// Owns: the transitions of ob_ref_shared's merge state, the decision to free, finalization
// (tp_finalize, once per object) and the per-thread bound on nested destructors.
// Invariant: an object is freed exactly once, by the thread that observes either
//   (a) its owner's local count reaching 0 while ob_ref_shared == 0 (INIT, nobody else holds it), or
//   (b) ob_ref_shared becoming exactly FT_REF_SHARED_MERGED (merged, count 0) through its own
//       compare-and-swap;
// except that an object with an unrun finalizer is first resurrected by that thread (count 1,
// owned, INIT) and finalized: it is freed then only if the finalizer left no reference, and
// otherwise lives on, marked FT_GC_FINALIZED, until its count reaches 0 again by (a) or (b).
// Concurrency: lock-free. ob_ref_local is written by the owner only (or by whoever merges it once the
// owner is gone or the world is stopped); ob_ref_shared changes only by compare-and-swap or atomic add.
// Every decrement is a release and every path that frees performs an acquire on ob_ref_shared, so all
// uses of the object happen before its destructor.
// Mirrors CPython's Objects/object.c (_Py_MergeZeroLocalRefcount, _Py_DecRefSharedDebug,
// _Py_ExplicitMergeRefcount, _Py_SetImmortal, _PyObject_SetDeferredRefcount); FREE-THREADING.md 2.3.
#include "runtime/refcount.h"

#include "runtime/brc.h"            // ft_brc_queue_object
#include "runtime/runtime_mem.h"    // ft_runtime_mem_*
#include "runtime/thread_state.h"   // ft_thread_state_current FtDeallocQueue
#include "sync/fatal.h"             // FT_ASSERT

// How deep destructors may nest before ft_object_dealloc queues instead. Each level costs a few
// hundred bytes of C stack (a few KiB under ASan), so 100 levels stay far below any thread's stack.
enum { DEALLOC_MAX_DEPTH = 100 };

// Appends op to q; false when the array cannot grow (the caller then frees op at once).
static bool
dealloc_queue_push(FtDeallocQueue *q, FtObject *op)
{
    if (q->count == q->capacity) {
        Ft_ssize capacity = q->capacity == 0 ? 64 : 2 * q->capacity;
        FtObject **items = ft_runtime_mem_alloc((size_t)capacity * sizeof(FtObject *));
        if (items == NULL)
            return false;
        for (Ft_ssize i = 0; i < q->count; i++)
            items[i] = q->items[i];
        ft_runtime_mem_free(q->items);
        q->items = items;
        q->capacity = capacity;
    }
    q->items[q->count++] = op;
    return true;
}

// Runs op's tp_finalize (__del__, a generator's close()) once, on a temporary reference (PEP 442;
// CPython's PyObject_CallFinalizerFromDealloc). Returns true when the finalizer resurrected op
// (stored a reference somewhere): the object then lives on, merged, and comes back here when that
// reference goes, to be freed without a second finalization.
// Calls op's tp_finalize with no exception set; it must not leak one (finalizers report their own
// errors as unraisable); whatever was being raised around the call is kept.
//
// The finalizer runs Python code that frees objects of its own: it starts a fresh dealloc nesting,
// so that what it frees is freed while it runs, not queued until the destructor that called it
// (perhaps 100 levels out) returns. The recursion limit and the C-stack guard bound the nesting of
// finalizers themselves.
static void
call_finalizer(FtThreadState *ts, FtObject *op)
{
    FtObject *saved = ts->current_exception;
    int saved_depth = ts->dealloc.depth;
    ts->current_exception = NULL;
    ts->dealloc.depth = 0;
    op->ob_type->tp_finalize(op);
    ts->dealloc.depth = saved_depth;
    FtObject *leaked = ts->current_exception;
    ts->current_exception = saved;
    if (leaked != NULL)
        ft_decref(leaked);
}

void
ft_object_finalize(FtObject *op)
{
    if (op->ob_type->tp_finalize == NULL)
        return;
    // relaxed RMW: claims the one finalization; a live object's bits may be touched by other
    // threads (the collector), so this must be atomic, and only the first claimer runs it.
    uint8_t old = ft_atomic_or_uint8_relaxed(&op->ob_gc_bits, FT_GC_FINALIZED);
    if ((old & FT_GC_FINALIZED) == 0)
        call_finalizer(ft_thread_state_current(), op);
}

static bool
finalize_resurrects(FtThreadState *ts, FtObject *op)
{
    // relaxed: a dead object is only touched by the thread freeing it.
    ft_atomic_or_uint8_relaxed(&op->ob_gc_bits, FT_GC_FINALIZED);
    // Resurrect: one reference, owned by this thread, nothing shared (no other thread holds one).
    ft_atomic_store_uintptr_relaxed(&op->ob_tid, ft_thread_id());
    ft_atomic_store_uint32_relaxed(&op->ob_ref_local, 1);
    ft_atomic_store_ssize_relaxed(&op->ob_ref_shared, 0);
    call_finalizer(ts, op);
    // Drop the temporary reference. Other threads may have taken and dropped references meanwhile
    // (even queued a decrement to us): merging settles the count in every case.
    // acquire: pairs with the release half of other threads' decrements.
    Ft_ssize shared = ft_atomic_load_ssize_acquire(&op->ob_ref_shared);
    if (ft_object_is_owned_by_current_thread(op) &&
        ft_atomic_load_uint32_relaxed(&op->ob_ref_local) == 1 && shared == 0) {
        ft_atomic_store_uint32_relaxed(&op->ob_ref_local, 0);
        return false;
    }
    return ft_refcount_explicit_merge(op, -1) != 0;
}

// Finalizes op if its type asks for it and it was not finalized yet, then frees it unless the
// finalizer resurrected it. A thread that cannot run Python code (no eval state: start-up, or
// a thread tearing down) frees without finalizing.
static void
dealloc_now(FtThreadState *ts, FtObject *op)
{
    // relaxed: see finalize_resurrects.
    if (op->ob_type->tp_finalize != NULL && ts != NULL && ts->eval != NULL &&
        (ft_atomic_load_uint8_relaxed(&op->ob_gc_bits) & FT_GC_FINALIZED) == 0 &&
        finalize_resurrects(ts, op))
        return;
    op->ob_type->tp_dealloc(op);
}

void
ft_object_dealloc(FtObject *op)
{
    // A leaf without a finalizer is freed at once, without the thread-state lookup: floats, ints
    // and strs, the bulk of all frees. A type without tp_traverse holds no objects the collector
    // must see, so its destructor cannot start a deep nest.
    FtTypeObject *type = op->ob_type;
    if (type->tp_traverse == NULL && type->tp_finalize == NULL) {
        type->tp_dealloc(op);
        return;
    }
    FtThreadState *ts = ft_thread_state_current();
    if (ts == NULL) {
        dealloc_now(NULL, op);
        return;
    }
    FtDeallocQueue *q = &ts->dealloc;
    if (q->depth >= DEALLOC_MAX_DEPTH && dealloc_queue_push(q, op))
        return;
    q->depth++;
    dealloc_now(ts, op);
    if (q->depth == 1) {
        // The outermost destructor empties the queue; the objects it frees run at depth 1 and may
        // queue more (last in, first out keeps the queue as short as the nesting is wide).
        while (q->count > 0) {
            FtObject *next = q->items[--q->count];
            dealloc_now(ts, next);
        }
    }
    q->depth--;
}

void
ft_refcount_merge_zero_local_slow(FtObject *op)
{
    FT_ASSERT(op->ob_ref_local == 0);
    // acquire: pairs with the release half of other threads' decrements (the CAS in
    // ft_refcount_decref_shared_slow), so their uses of op happen before the free below.
    Ft_ssize shared = ft_atomic_load_ssize_acquire(&op->ob_ref_shared);
    if (shared == 0) {
        // Nobody else holds a reference and, the state being INIT, nobody may take one through
        // ft_try_incref_shared either: free without any read-modify-write.
        ft_object_dealloc(op);
        return;
    }
    // ob_tid = 0 before the state becomes MERGED, so that "MERGED => unowned" holds for anyone who
    // sees the new state (CPython gh-121794).
    // relaxed: ordered before the release CAS below, which publishes it with the MERGED state.
    ft_atomic_store_uintptr_relaxed(&op->ob_tid, 0);
    Ft_ssize desired;
    do {
        desired = shared | FT_REF_SHARED_MERGED;
        // acq_rel: release publishes ob_tid = 0; acquire pairs with concurrent decrements when we
        // end up freeing.
    } while (!ft_atomic_cas_ssize_acq_rel(&op->ob_ref_shared, &shared, desired));
    if (desired == FT_REF_SHARED_MERGED)
        ft_object_dealloc(op);
}

void
ft_refcount_decref_shared_slow(FtObject *op)
{
    // relaxed: the compare-and-swap below re-validates the value.
    Ft_ssize shared = ft_atomic_load_ssize_relaxed(&op->ob_ref_shared);
    Ft_ssize desired;
    bool queue;
    do {
        // Count 0 and not yet queued or merged: subtracting would make the shared count negative
        // while the owner may be about to free the object on its INIT fast path. Instead hand the
        // reference to the owner, which will merge it and drop it.
        queue = shared == 0 || shared == FT_REF_SHARED_MAYBE_WEAKREF;
        if (queue)
            desired = FT_REF_SHARED_QUEUED;
        else
            desired = shared - ((Ft_ssize)1 << FT_REF_SHARED_SHIFT);
        // acq_rel: release orders our uses of op before whoever frees it; acquire orders the free
        // below after everybody else's uses.
    } while (!ft_atomic_cas_ssize_acq_rel(&op->ob_ref_shared, &shared, desired));

    if (queue)
        ft_brc_queue_object(op);
    else if (desired == FT_REF_SHARED_MERGED)
        ft_object_dealloc(op);
}

Ft_ssize
ft_refcount_explicit_merge(FtObject *op, Ft_ssize extra)
{
    FT_ASSERT(!ft_object_is_immortal(op));
    // relaxed: the caller is the owner, or the owner is gone (its last stores are ordered by the
    // bucket lock of runtime/brc.c or by thread exit), or the world is stopped.
    Ft_ssize local = (Ft_ssize)ft_atomic_load_uint32_relaxed(&op->ob_ref_local);
    // relaxed: published by the release half of the CAS below.
    ft_atomic_store_uint32_relaxed(&op->ob_ref_local, 0);
    ft_atomic_store_uintptr_relaxed(&op->ob_tid, 0);

    // relaxed: re-validated by the compare-and-swap.
    Ft_ssize shared = ft_atomic_load_ssize_relaxed(&op->ob_ref_shared);
    Ft_ssize total, desired;
    do {
        total = (shared >> FT_REF_SHARED_SHIFT) + local + extra;
        desired = (Ft_ssize)((size_t)total << FT_REF_SHARED_SHIFT) | FT_REF_SHARED_MERGED;
        // acq_rel: as in ft_refcount_decref_shared_slow (the caller may free on a 0 result).
    } while (!ft_atomic_cas_ssize_acq_rel(&op->ob_ref_shared, &shared, desired));
    return total;
}

void
ft_object_set_immortal(FtObject *op)
{
    // relaxed: the caller guarantees exclusivity (unpublished object or stopped world); readers that
    // race with a later publication are ordered by that publication.
    ft_atomic_store_uintptr_relaxed(&op->ob_tid, 0);
    ft_atomic_store_ssize_relaxed(&op->ob_ref_shared, 0);
    ft_atomic_store_uint32_relaxed(&op->ob_ref_local, FT_REF_IMMORTAL_LOCAL);
    uint8_t bits = ft_atomic_load_uint8_relaxed(&op->ob_gc_bits);
    bits = (uint8_t)((bits | FT_GC_DEFERRED) & ~FT_GC_TRACKED);
    ft_atomic_store_uint8_relaxed(&op->ob_gc_bits, bits);
    op->ob_flags |= FT_OBJECT_FLAG_IMMORTAL;
}

void
ft_object_set_maybe_weakref(FtObject *op)
{
    if (ft_object_is_immortal(op))
        return;
    // relaxed: re-validated by the compare-and-swap.
    Ft_ssize shared = ft_atomic_load_ssize_relaxed(&op->ob_ref_shared);
    do {
        if ((shared & FT_REF_SHARED_FLAG_MASK) != FT_REF_SHARED_INIT)
            return;   // already MAYBE_WEAKREF, QUEUED or MERGED: every later free uses a CAS
        // relaxed: a state change only; the owner's free path reads it with acquire, and readers
        // that rely on it re-validate through ft_try_incref_shared's CAS.
    } while (!ft_atomic_cas_ssize_relaxed(&op->ob_ref_shared, &shared,
                                          shared | FT_REF_SHARED_MAYBE_WEAKREF));
}

void
ft_object_set_deferred(FtObject *op)
{
    if (ft_object_is_immortal(op))
        return;
    FT_ASSERT(ft_object_is_owned_by_current_thread(op));
    // relaxed: precondition says no other thread has touched the shared count yet.
    FT_ASSERT(ft_atomic_load_ssize_relaxed(&op->ob_ref_shared) == 0);
    ft_atomic_or_uint8_relaxed(&op->ob_gc_bits, FT_GC_DEFERRED);   // relaxed: owner, unshared
    // relaxed: owned and unshared (precondition); publication of op orders it for other threads.
    ft_atomic_store_ssize_relaxed(&op->ob_ref_shared,
                                  (Ft_ssize)((size_t)FT_REF_DEFERRED << FT_REF_SHARED_SHIFT));
}

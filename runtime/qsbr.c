// runtime/qsbr.c: delayed frees and decrements through liburcu's urcu-qsbr flavour (runtime/qsbr.h).
//
// Owns: the per-thread retirement batches, the interpreter's decref inbox, and every call into
// liburcu (registration, online/offline, quiescent states, call_rcu, barrier).
// Invariant: an item is freed (or decremented) only by a callback that liburcu runs after a grace
// period that began after the item's batch was handed over with call_rcu, and the batch was handed
// over after the item was retired; so every reader that could have seen the item has since passed a
// quiescent state or gone offline.
// Concurrency: a batch is owner-thread only until call_rcu; then it belongs to liburcu's helper
// thread; a batch with decrements then moves to the inbox (guarded_by inbox_mutex) and finally to
// the attached thread that drains it. Callbacks never run Python code.
//
// ThreadSanitizer cannot see the ordering liburcu provides (its grace-period machinery is not
// instrumented), so we spell it out: every quiescent state and every going-offline performs
// FT_TSAN_RELEASE on the interpreter's grace token, and each callback performs FT_TSAN_ACQUIRE on it
// before freeing: readers' accesses then happen-before the free. The handing over of a batch is
// annotated the same way on the batch itself.
//
// References: FREE-THREADING.md 6.2; liburcu's rcu-api.md (call_rcu, rcu_barrier); CPython's
// Python/qsbr.c and Objects/obmalloc.c (_PyMem_FreeDelayed, _PyObject_XDecRefDelayed) for the
// semantics this replaces.
#include "runtime/qsbr.h"

#include <stddef.h>   // offsetof

#include <urcu/urcu-qsbr.h>    // urcu_qsbr_* struct rcu_head

#include "runtime/refcount.h"       // ft_decref
#include "runtime/runtime_mem.h"    // ft_runtime_mem_alloc ft_runtime_mem_free
#include "runtime/thread_state.h"   // FtThreadState FtInterp ft_thread_state_current
#include "sync/atomic.h"            // ft_atomic_* FT_TSAN_*
#include "sync/fatal.h"             // FT_ASSERT

typedef struct FtQsbrItem {
    void *ptr;
    void (*free_fn)(void *ptr);   // NULL: ptr is an FtObject whose reference is to be dropped
} FtQsbrItem;

struct FtQsbrBatch {
    struct rcu_head rcu;    // liburcu's link while the batch waits for its grace period
    FtQsbrBatch *next;      // guarded_by(interp->qsbr.inbox_mutex) while in the inbox
    FtInterp *interp;       // immutable
    size_t n;               // owner-thread only until handed over; immutable afterwards
    size_t n_decref;        // as n: how many items have free_fn == NULL
    FtQsbrItem items[FT_QSBR_BATCH];
};

static FtQsbrBatch *
batch_of_rcu(struct rcu_head *head)
{
    return (FtQsbrBatch *)((char *)head - offsetof(FtQsbrBatch, rcu));
}

// Runs on liburcu's call_rcu helper thread once the batch's grace period is over.
static void
qsbr_batch_callback(struct rcu_head *head)
{
    FtQsbrBatch *batch = batch_of_rcu(head);
    // The retiring thread's writes (the items and whatever it did to the blocks) happen before.
    FT_TSAN_ACQUIRE(batch);
    FtInterp *interp = batch->interp;
    // Every reader's accesses before its latest quiescent state or offline transition happen before.
    FT_TSAN_ACQUIRE(&interp->qsbr.grace_token);

    size_t freed = 0;
    for (size_t i = 0; i < batch->n; i++) {
        if (batch->items[i].free_fn != NULL) {
            batch->items[i].free_fn(batch->items[i].ptr);
            freed++;
        }
    }
    if (freed != 0) {
        // relaxed: a statistic.
        ft_atomic_sub_uintptr_relaxed(&interp->qsbr.pending, (uintptr_t)freed);
    }
    if (batch->n_decref == 0) {
        ft_runtime_mem_free(batch);
        return;
    }
    // Decrements may run destructors: leave them to an attached thread.
    ft_mutex_lock_no_detach(&interp->qsbr.inbox_mutex);
    batch->next = interp->qsbr.inbox;
    interp->qsbr.inbox = batch;
    // relaxed: a hint; the list itself is read under inbox_mutex.
    ft_atomic_store_int_relaxed(&interp->qsbr.inbox_nonempty, 1);
    ft_mutex_unlock(&interp->qsbr.inbox_mutex);
}

void
ft_qsbr_thread_register(FtThreadState *ts)
{
    FT_ASSERT(!ts->qsbr.registered);
    urcu_qsbr_register_thread();      // a newly registered thread is online ...
    urcu_qsbr_thread_offline();       // ... but a new thread state starts detached
    ts->qsbr.registered = true;
    ts->qsbr.online = false;
}

void
ft_qsbr_thread_unregister(FtThreadState *ts)
{
    FT_ASSERT(ts->qsbr.registered);
    if (ts->qsbr.online)
        ft_qsbr_thread_offline(ts);
    FT_ASSERT(ts->qsbr.batch == NULL);
    urcu_qsbr_unregister_thread();
    ts->qsbr.registered = false;
}

void
ft_qsbr_thread_online(FtThreadState *ts)
{
    FT_ASSERT(ts->qsbr.registered && !ts->qsbr.online);
    urcu_qsbr_thread_online();
    ts->qsbr.online = true;
}

void
ft_qsbr_thread_offline(FtThreadState *ts)
{
    FT_ASSERT(ts->qsbr.registered && ts->qsbr.online);
    // call_rcu wants an online caller, so hand the batch over first.
    ft_qsbr_flush(ts);
    FT_TSAN_RELEASE(&ts->interp->qsbr.grace_token);   // pairs with qsbr_batch_callback()
    urcu_qsbr_thread_offline();
    ts->qsbr.online = false;
}

void
ft_qsbr_quiescent_state(FtThreadState *ts)
{
    FT_ASSERT(ts->qsbr.online);
    FtInterp *interp = ts->interp;
    FT_TSAN_RELEASE(&interp->qsbr.grace_token);   // pairs with qsbr_batch_callback()
    urcu_qsbr_quiescent_state();
    // relaxed: a hint; the inbox is re-read under its mutex.
    if (FT_UNLIKELY(ft_atomic_load_int_relaxed(&interp->qsbr.inbox_nonempty) != 0))
        ft_qsbr_drain_inbox(interp, false);
}

void
ft_qsbr_flush(FtThreadState *ts)
{
    FtQsbrBatch *batch = ts->qsbr.batch;
    if (batch == NULL)
        return;
    FT_ASSERT(ts->qsbr.online);
    ts->qsbr.batch = NULL;
    FT_TSAN_RELEASE(batch);   // pairs with FT_TSAN_ACQUIRE(batch) in qsbr_batch_callback()
    urcu_qsbr_call_rcu(&batch->rcu, qsbr_batch_callback);
}

// Appends an item to the calling thread's batch; returns false if no batch could be allocated.
static bool
qsbr_retire(void *ptr, void (*free_fn)(void *ptr))
{
    FtThreadState *ts = ft_thread_state_current();
    FT_ASSERT(ts != NULL && ts->qsbr.online);
    FtQsbrBatch *batch = ts->qsbr.batch;
    if (batch == NULL) {
        batch = ft_runtime_mem_alloc(sizeof *batch);
        if (batch == NULL)
            return false;
        batch->next = NULL;
        batch->interp = ts->interp;
        batch->n = 0;
        batch->n_decref = 0;
        ts->qsbr.batch = batch;
    }
    batch->items[batch->n].ptr = ptr;
    batch->items[batch->n].free_fn = free_fn;
    batch->n++;
    if (free_fn == NULL)
        batch->n_decref++;
    // relaxed: a statistic.
    ft_atomic_add_uintptr_relaxed(&ts->interp->qsbr.pending, 1);
    if (batch->n == FT_QSBR_BATCH)
        ft_qsbr_flush(ts);
    return true;
}

void
ft_qsbr_free_delayed(void *ptr, void (*free_fn)(void *ptr))
{
    if (ptr == NULL)
        return;
    if (FT_LIKELY(qsbr_retire(ptr, free_fn)))
        return;
    // Out of memory for a batch: wait for the grace period here. urcu-qsbr's synchronize takes an
    // online caller offline for the wait.
    urcu_qsbr_synchronize_rcu();
    free_fn(ptr);
}

void
ft_qsbr_decref_delayed(FtObject *op)
{
    if (op == NULL)
        return;
    if (FT_LIKELY(qsbr_retire(op, NULL)))
        return;
    urcu_qsbr_synchronize_rcu();
    ft_decref(op);
}

void
ft_qsbr_drain_inbox(FtInterp *interp, bool wait)
{
    if (wait)
        ft_mutex_lock_no_detach(&interp->qsbr.inbox_mutex);
    else if (!ft_mutex_trylock(&interp->qsbr.inbox_mutex))
        return;
    FtQsbrBatch *list = interp->qsbr.inbox;
    interp->qsbr.inbox = NULL;
    // relaxed: a hint (see ft_qsbr_quiescent_state).
    ft_atomic_store_int_relaxed(&interp->qsbr.inbox_nonempty, 0);
    ft_mutex_unlock(&interp->qsbr.inbox_mutex);

    while (list != NULL) {
        FtQsbrBatch *batch = list;
        list = batch->next;
        for (size_t i = 0; i < batch->n; i++) {
            if (batch->items[i].free_fn == NULL)
                ft_decref((FtObject *)batch->items[i].ptr);
        }
        // relaxed: a statistic.
        ft_atomic_sub_uintptr_relaxed(&interp->qsbr.pending,
                                      (uintptr_t)batch->n_decref);
        ft_runtime_mem_free(batch);
    }
}

void
ft_qsbr_barrier(FtThreadState *ts)
{
    ft_qsbr_flush(ts);
    // rcu_barrier waits for callbacks, which wait for grace periods: we must not hold one up.
    ft_qsbr_thread_offline(ts);
    urcu_qsbr_barrier();
    ft_qsbr_thread_online(ts);
    ft_qsbr_drain_inbox(ts->interp, true);
}

bool
ft_qsbr_fini_wait(FtInterp *interp)
{
    FT_ASSERT(ft_thread_state_current() == NULL);
    urcu_qsbr_barrier();
    ft_mutex_lock_no_detach(&interp->qsbr.inbox_mutex);
    bool empty = interp->qsbr.inbox == NULL;
    ft_mutex_unlock(&interp->qsbr.inbox_mutex);
    return empty;
}

size_t
ft_qsbr_pending(FtInterp *interp)
{
    // relaxed: a snapshot for tests.
    return (size_t)ft_atomic_load_uintptr_relaxed(&interp->qsbr.pending);
}

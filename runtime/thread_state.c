// runtime/thread_state.c: the runtime record, thread-state life cycle, attach/detach and the eval
// breaker's runtime half (runtime/thread_state.h).
//
// Owns: ft_runtime (the only mutable global), the interpreter's thread list, each thread's state word.
// Invariant: a thread touches objects only while its state word is ATTACHED; while it is attached it
// is online for QSBR and its top critical section is active; while it is not, it is offline and
// holds no object lock.
// Concurrency: the thread list is guarded by interp->threads_mutex (taken without detaching, so it is
// never held across a park); the state word is changed by compare-and-swap by its thread
// (DETACHED->ATTACHED, ATTACHED->SUSPENDED), by a plain release store by its thread
// (ATTACHED->DETACHED), and by a stop-the-world requester under threads_mutex (DETACHED->SUSPENDED
// by CAS, SUSPENDED->DETACHED by store followed by an unpark of the word).
// Mirrors CPython's Python/pystate.c (new_threadstate, _PyThreadState_Attach, detach_thread,
// _PyThreadState_DeleteCurrent); FREE-THREADING.md section 5.
#include "runtime/thread_state.h"

#include <string.h>   // memset

#include "runtime/brc.h"           // ft_brc_*
#include "runtime/object_alloc.h"  // ft_object_heap_init ft_object_heap_abandon ft_object_pool_*
#include "runtime/qsbr.h"          // ft_qsbr_*
#include "runtime/refcount.h"      // ft_xdecref
#include "runtime/runtime_mem.h"   // ft_runtime_mem_zalloc ft_runtime_mem_free
#include "sync/critical_section.h" // ft_critical_section_suspend_all ft_critical_section_resume
#include "sync/fatal.h"            // ft_fatal FT_ASSERT
#include "sync/parking_lot.h"      // ft_parking_lot_park

FtRuntime ft_runtime;

int
ft_runtime_init(void)
{
    if (ft_runtime.initialized)
        return 0;
    FtInterp *interp = &ft_runtime.interp_main;
    memset(interp, 0, sizeof *interp);
    interp->runtime = &ft_runtime;
    if (ft_object_pool_init(&interp->object_pool) != 0)
        return -1;
    ft_runtime.initialized = 1;
    return 0;
}

void
ft_runtime_fini(void)
{
    if (!ft_runtime.initialized)
        return;
    FtInterp *interp = &ft_runtime.interp_main;
    FT_ASSERT(ft_thread_state_current() == NULL);
    ft_interp_threads_lock(interp);
    FtThreadState *left = interp->threads;
    ft_interp_threads_unlock(interp);
    if (left != NULL)
        ft_fatal("ft_runtime_fini: a thread state still exists");
    // Delayed decrements still in flight need an attached thread to run their destructors, and those
    // may retire more: borrow a thread state until nothing is left.
    while (!ft_qsbr_fini_wait(interp)) {
        FtThreadState *ts = ft_thread_state_new(interp);
        if (ts == NULL)
            ft_fatal("ft_runtime_fini: out of memory");
        ft_thread_state_bind(ts);
        ft_thread_attach(ts);
        ft_qsbr_drain_inbox(interp, true);
        ft_thread_state_delete_current();
    }
    ft_object_pool_destroy(&interp->object_pool);
    ft_runtime.initialized = 0;
}

void
ft_interp_threads_lock(FtInterp *interp)
{
    ft_mutex_lock_no_detach(&interp->threads_mutex);
}

void
ft_interp_threads_unlock(FtInterp *interp)
{
    ft_mutex_unlock(&interp->threads_mutex);
}

FtThreadState *
ft_thread_state_new(FtInterp *interp)
{
    FtThreadState *ts = ft_runtime_mem_zalloc(sizeof *ts);
    if (ts == NULL)
        return NULL;
    ts->interp = interp;
    ft_object_heap_init(&ts->heap, &interp->object_pool);

    ft_interp_threads_lock(interp);
    // A thread created during a stop-the-world starts suspended: it was not counted, and must not
    // run before the restart (which turns it DETACHED like every other suspended thread).
    // relaxed: requested is written under threads_mutex, which we hold.
    int state = ft_atomic_load_int_relaxed(&interp->stw.requested) ? FT_THREAD_SUSPENDED
                                                                  : FT_THREAD_DETACHED;
    // relaxed: unpublished until linked below, under threads_mutex.
    ft_atomic_store_int_relaxed(&ts->state, state);
    ts->next = interp->threads;
    if (interp->threads != NULL)
        interp->threads->prev = ts;
    interp->threads = ts;
    interp->thread_count++;
    ft_interp_threads_unlock(interp);
    return ts;
}

// The FtSyncThread hooks: the parking lot calls them around a park with detach.
static void
thread_detach_hook(FtSyncThread *self)
{
    FtThreadState *ts = (FtThreadState *)self;
    if (ft_thread_state_get(ts) == FT_THREAD_ATTACHED) {
        ft_thread_detach(ts);
        ts->hook_detached = true;
    } else {
        ts->hook_detached = false;
    }
}

static void
thread_attach_hook(FtSyncThread *self)
{
    FtThreadState *ts = (FtThreadState *)self;
    // Read and clear before attaching: attaching resumes a critical section, which may park with
    // detach again and so re-enter these hooks.
    bool reattach = ts->hook_detached;
    ts->hook_detached = false;
    if (reattach)
        ft_thread_attach(ts);
}

void
ft_thread_state_bind(FtThreadState *ts)
{
    FtSyncThread *old = ft_sync_thread_current();
    if (old != NULL && old->critical_section != 0)
        ft_fatal("ft_thread_state_bind: the thread holds critical sections");
    FT_ASSERT(!ts->bound);
    ts->thread_id = ft_thread_id();
    ts->sync.critical_section = 0;
    ts->sync.detach = thread_detach_hook;
    ts->sync.attach = thread_attach_hook;
    ft_sync_thread_bind(&ts->sync);
    ft_qsbr_thread_register(ts);
    ts->brc.tid = ts->thread_id;
    ft_brc_thread_add(ts);
    ts->bound = true;
}

void
ft_thread_attach(FtThreadState *ts)
{
    FT_ASSERT(ts == ft_thread_state_current());
    for (;;) {
        int expected = FT_THREAD_DETACHED;
        // acq_rel: acquire pairs with the release store of DETACHED in ft_start_the_world(), so what
        // the requester did while the world was stopped happens before we touch objects again.
        if (ft_atomic_cas_int_acq_rel(&ts->state, &expected, FT_THREAD_ATTACHED))
            break;
        if (expected != FT_THREAD_SUSPENDED && expected != FT_THREAD_SHUTTING_DOWN)
            ft_fatal("ft_thread_attach: thread state is %d, not detached", expected);
        // Suspended for a stop-the-world (or shutting down, which never ends): sleep until the
        // word changes. The comparison under the bucket lock means a restart cannot be missed.
        ft_parking_lot_park(&ts->state, &expected, sizeof ts->state, -1, NULL, 0);
    }
    ft_qsbr_thread_online(ts);
    ft_critical_section_resume(&ts->sync);
}

void
ft_thread_detach(FtThreadState *ts)
{
    FT_ASSERT(ts == ft_thread_state_current());
    FT_ASSERT(ft_thread_state_get(ts) == FT_THREAD_ATTACHED);
    ft_critical_section_suspend_all(&ts->sync);
    ft_qsbr_thread_offline(ts);
    // release: pairs with the acquire CAS of a stop-the-world requester (DETACHED -> SUSPENDED), so
    // our object writes happen before what it does while the world is stopped.
    ft_atomic_store_int_release(&ts->state, FT_THREAD_DETACHED);
}

uintptr_t
ft_eval_breaker_handle_slow(FtThreadState *ts)
{
    // relaxed: see ft_eval_breaker_set.
    uintptr_t bits = ft_atomic_load_uintptr_relaxed(&ts->eval_breaker);
    if (bits & FT_EVAL_PLEASE_STOP) {
        ft_eval_breaker_clear(ts, FT_EVAL_PLEASE_STOP);
        ft_stop_the_world_acknowledge(ts);
    }
    if (bits & FT_EVAL_EXPLICIT_MERGE)
        ft_brc_merge_refcounts(ts);
    // relaxed: see ft_eval_breaker_set.
    return ft_atomic_load_uintptr_relaxed(&ts->eval_breaker) & ~FT_EVAL_RUNTIME_BITS;
}

void
ft_thread_state_delete_current(void)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts == NULL || !ts->bound)
        ft_fatal("ft_thread_state_delete_current: no thread state bound");
    FT_ASSERT(ft_thread_state_get(ts) == FT_THREAD_ATTACHED);
    FT_ASSERT(ts->sync.critical_section == 0);
    FtInterp *interp = ts->interp;

    // 0. Drop a pending exception (a thread that ends with one has already reported it).
    FtObject *exc = ts->current_exception;
    ts->current_exception = NULL;
    ft_xdecref(exc);
    // 1. Merge what others queued to us, then leave the BRC table: from now on other threads merge
    //    our objects themselves. May run destructors, so it comes first.
    ft_brc_thread_remove(ts);
    // 2. Our pages go to the interpreter's pool (needs an online urcu-qsbr reader).
    ft_object_heap_abandon(&ts->heap, &interp->object_pool);
    // 3. Hand the pending retirements to liburcu, go offline, unregister.
    ft_qsbr_thread_unregister(ts);
    // 4. Leave the thread list. A stop-the-world in progress counted us: count us as stopped.
    ft_interp_threads_lock(interp);
    ft_stop_the_world_forget_thread(interp, ts);
    if (ts->prev != NULL)
        ts->prev->next = ts->next;
    else
        interp->threads = ts->next;
    if (ts->next != NULL)
        ts->next->prev = ts->prev;
    interp->thread_count--;
    ft_interp_threads_unlock(interp);

    ft_sync_thread_bind(NULL);
    FT_ASSERT(ts->dealloc.count == 0 && ts->dealloc.depth == 0);
    ft_runtime_mem_free(ts->dealloc.items);
    ft_runtime_mem_free(ts);
}

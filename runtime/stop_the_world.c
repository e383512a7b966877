// runtime/stop_the_world.c: pausing and restarting every other thread (runtime/stop_the_world.h).
//
// Owns: the request protocol and the countdown of threads not yet stopped.
// Invariant (while requested): thread_countdown == number of thread states that were in the list
// when the request began, other than the requester, that are neither SUSPENDED nor deleted since.
// Each of them is decremented exactly once: by the requester when it CASes the thread DETACHED ->
// SUSPENDED, by the thread itself when it acknowledges FT_EVAL_PLEASE_STOP, or when it is deleted.
// A thread that is ATTACHED during a request was therefore counted and not yet decremented (a thread
// created during the request starts SUSPENDED, and a suspended one cannot attach before the restart).
// Concurrency: every field but the requester mutex is read and written under the interpreter's
// thread-list mutex (requested and world_stopped are also read lock-free as hints). The requester
// waits on stop_event with a 1 ms timeout and re-scans, to catch threads that detach meanwhile
// without any wake-up.
// Mirrors CPython's Python/pystate.c (stop_the_world, start_the_world, park_detached_threads,
// _PyThreadState_Suspend, decrement_stoptheworld_countdown); FREE-THREADING.md 5.2.
#include "runtime/stop_the_world.h"

#include "runtime/thread_state.h"   // FtThreadState FtInterp ft_eval_breaker_set ft_thread_attach
#include "sync/clock.h"             // FT_CLOCK_NS_PER_MS
#include "sync/critical_section.h"  // ft_critical_section_suspend_all
#include "sync/fatal.h"             // FT_ASSERT ft_fatal
#include "sync/parking_lot.h"       // ft_parking_lot_unpark_all

// The caller holds the thread-list mutex.
static void
stw_countdown_decrement(FtStopTheWorld *stw)
{
    FT_ASSERT(stw->thread_countdown > 0);
    if (--stw->thread_countdown == 0)
        ft_event_notify(&stw->stop_event);
}

// One scan: parks detached threads, asks attached ones to stop. Returns true when all have stopped.
// The caller holds the thread-list mutex.
static bool
stw_park_detached_threads(FtInterp *interp, FtThreadState *self)
{
    FtStopTheWorld *stw = &interp->stw;
    for (FtThreadState *ts = interp->threads; ts != NULL; ts = ts->next) {
        if (ts == self)
            continue;
        int expected = FT_THREAD_DETACHED;
        // acq_rel: acquire pairs with the release store in ft_thread_detach(), so the thread's
        // object writes happen before the stopped world's; release is not needed but harmless.
        if (ft_atomic_cas_int_acq_rel(&ts->state, &expected, FT_THREAD_SUSPENDED)) {
            stw_countdown_decrement(stw);
        } else if (expected == FT_THREAD_ATTACHED) {
            ft_eval_breaker_set(ts, FT_EVAL_PLEASE_STOP);
        }
    }
    return stw->thread_countdown == 0;
}

void
ft_stop_the_world(FtInterp *interp)
{
    FtThreadState *self = ft_thread_state_current();
    FtStopTheWorld *stw = &interp->stw;
    // Detaching while we wait: another requester may be stopping the world and must see us stop.
    ft_mutex_lock(&stw->mutex);

    ft_interp_threads_lock(interp);
    // relaxed: written under threads_mutex; lock-free readers only use it as a hint.
    ft_atomic_store_int_relaxed(&stw->requested, 1);
    ft_atomic_store_int_relaxed(&stw->world_stopped, 0);
    stw->requester = self;
    // A fresh event for this request: only the requester waits on it, and every notify happens
    // under threads_mutex, which we hold.
    // relaxed: nobody else touches the event outside threads_mutex.
    ft_atomic_store_uint8_relaxed(&stw->stop_event.v, FT_EVENT_UNSET);
    stw->thread_countdown = 0;
    for (FtThreadState *ts = interp->threads; ts != NULL; ts = ts->next) {
        if (ts != self)
            stw->thread_countdown++;
    }
    for (;;) {
        bool stopped = stw_park_detached_threads(interp, self);
        ft_interp_threads_unlock(interp);
        if (stopped)
            break;
        // Not detaching: we must stay attached (CPython does the same); the timeout catches threads
        // that detach without telling us.
        ft_event_wait_timed(&stw->stop_event, FT_CLOCK_NS_PER_MS, 0);
        ft_interp_threads_lock(interp);
    }
    ft_interp_threads_lock(interp);
    // relaxed: written under threads_mutex; read as a hint.
    ft_atomic_store_int_relaxed(&stw->world_stopped, 1);
    ft_interp_threads_unlock(interp);
    stw->rounds++;
}

void
ft_start_the_world(FtInterp *interp)
{
    FtThreadState *self = ft_thread_state_current();
    FtStopTheWorld *stw = &interp->stw;
    ft_interp_threads_lock(interp);
    if (stw->requester != self || !ft_atomic_load_int_relaxed(&stw->requested))
        ft_fatal("ft_start_the_world: the world was not stopped by this thread");
    // relaxed: written under threads_mutex.
    ft_atomic_store_int_relaxed(&stw->requested, 0);
    ft_atomic_store_int_relaxed(&stw->world_stopped, 0);
    stw->requester = NULL;
    for (FtThreadState *ts = interp->threads; ts != NULL; ts = ts->next) {
        if (ts == self)
            continue;
        if (ft_thread_state_get(ts) == FT_THREAD_SUSPENDED) {
            // release: pairs with the acquire CAS in ft_thread_attach().
            ft_atomic_store_int_release(&ts->state, FT_THREAD_DETACHED);
            ft_parking_lot_unpark_all(&ts->state);
        }
    }
    ft_interp_threads_unlock(interp);
    ft_mutex_unlock(&stw->mutex);
}

bool
ft_world_is_stopped(FtInterp *interp)
{
    // relaxed: a snapshot.
    return ft_atomic_load_int_relaxed(&interp->stw.world_stopped) != 0;
}

void
ft_stop_the_world_acknowledge(FtThreadState *ts)
{
    FtInterp *interp = ts->interp;
    FtStopTheWorld *stw = &interp->stw;
    ft_interp_threads_lock(interp);
    // relaxed: we hold threads_mutex, under which it is written.
    bool active = ft_atomic_load_int_relaxed(&stw->requested) && stw->requester != ts;
    ft_interp_threads_unlock(interp);
    if (!active)
        return;   // a stale bit: that request has already ended
    // We are attached, hence counted and not yet decremented (see the invariant above), so the
    // request cannot end before we decrement.
    ft_critical_section_suspend_all(&ts->sync);
    ft_qsbr_thread_offline(ts);
    int expected = FT_THREAD_ATTACHED;
    // release: our object writes happen before the stopped world's work (the requester learns of
    // the transition through threads_mutex, taken just below).
    if (!ft_atomic_cas_int_release(&ts->state, &expected, FT_THREAD_SUSPENDED))
        ft_fatal("ft_stop_the_world_acknowledge: thread state is %d, not attached", expected);
    ft_interp_threads_lock(interp);
    stw_countdown_decrement(stw);
    ft_interp_threads_unlock(interp);
    // Parks until ft_start_the_world() makes us DETACHED, then attaches.
    ft_thread_attach(ts);
}

void
ft_stop_the_world_forget_thread(FtInterp *interp, FtThreadState *ts)
{
    FtStopTheWorld *stw = &interp->stw;
    if (stw->requester == ts)
        ft_fatal("a thread exits while it holds the world stopped");
    // relaxed: we hold threads_mutex.
    if (ft_atomic_load_int_relaxed(&stw->requested) &&
        ft_thread_state_get(ts) != FT_THREAD_SUSPENDED)
        stw_countdown_decrement(stw);
}

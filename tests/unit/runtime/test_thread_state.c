// tests/unit/runtime/test_thread_state.c: thread-state life cycle, attach/detach transitions, the
// detach hooks of blocking waits, eval-breaker bits and a basic stop-the-world.
#include <pthread.h>   // pthread_create pthread_join

#include "harness.h"
#include "unit/runtime/test_thread_util.h"
#include "runtime/thread_state.h"
#include "sync/event.h"
#include "sync/fatal.h"
#include "sync/mutex.h"

TEST(init)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    CHECK(ft_thread_state_current() == NULL);
}

TEST(attach_detach_transitions)
{
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    CHECK(ts != NULL);
    CHECK_EQ_INT(ft_thread_state_get(ts), FT_THREAD_DETACHED);
    ft_thread_state_bind(ts);
    CHECK(ft_thread_state_current() == ts);
    CHECK_EQ_INT(ft_thread_state_get(ts), FT_THREAD_DETACHED);
    ft_thread_attach(ts);
    CHECK_EQ_INT(ft_thread_state_get(ts), FT_THREAD_ATTACHED);
    ft_thread_detach(ts);
    CHECK_EQ_INT(ft_thread_state_get(ts), FT_THREAD_DETACHED);
    ft_thread_attach(ts);
    CHECK_EQ_INT(ft_thread_state_get(ts), FT_THREAD_ATTACHED);
    ft_thread_state_delete_current();
    CHECK(ft_thread_state_current() == NULL);
}

TEST(eval_breaker_bits)
{
    FtThreadState *ts = rt_thread_begin();
    CHECK(!ft_eval_breaker_pending(ts));
    CHECK_EQ_INT(ft_eval_breaker_poll(ts), 0);

    // Bits the runtime does not handle come back to the caller, untouched.
    ft_eval_breaker_set(ts, FT_EVAL_GC_SCHEDULED);
    CHECK(ft_eval_breaker_pending(ts));
    CHECK_EQ_INT(ft_eval_breaker_poll(ts), FT_EVAL_GC_SCHEDULED);
    CHECK_EQ_INT(ft_eval_breaker_poll(ts), FT_EVAL_GC_SCHEDULED);
    ft_eval_breaker_clear(ts, FT_EVAL_GC_SCHEDULED);
    CHECK(!ft_eval_breaker_pending(ts));

    // A stale PLEASE_STOP (no request in progress) is cleared and ignored.
    ft_eval_breaker_set(ts, FT_EVAL_PLEASE_STOP);
    CHECK_EQ_INT(ft_eval_breaker_poll(ts), 0);
    CHECK(!ft_eval_breaker_pending(ts));
    CHECK_EQ_INT(ft_thread_state_get(ts), FT_THREAD_ATTACHED);

    // EXPLICIT_MERGE with an empty queue is handled and cleared.
    ft_eval_breaker_set(ts, FT_EVAL_EXPLICIT_MERGE | FT_EVAL_PENDING_CALLS);
    CHECK_EQ_INT(ft_eval_breaker_poll(ts), FT_EVAL_PENDING_CALLS);
    ft_eval_breaker_clear(ts, FT_EVAL_PENDING_CALLS);
    CHECK(!ft_eval_breaker_pending(ts));
    ft_thread_state_delete_current();
}

// A thread blocked on an event with detach is DETACHED while it waits, so the world can be stopped
// around it; when it wakes it is attached again.
typedef struct {
    FtEvent started;
    FtEvent release;
    int state_after;
    FtThreadState *ts;
} BlockedArgs;

static void *
blocked_on_event(void *p)
{
    BlockedArgs *args = p;
    args->ts = rt_thread_begin();
    ft_event_notify(&args->started);
    ft_event_wait_timed(&args->release, -1, 1);
    args->state_after = ft_thread_state_get(args->ts);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(blocking_wait_detaches)
{
    FtThreadState *ts = rt_thread_begin();
    BlockedArgs args = {0};
    pthread_t thread;
    CHECK_EQ_INT(pthread_create(&thread, NULL, blocked_on_event, &args), 0);
    ft_event_wait(&args.started);
    // Completes only because the waiter detached (it never reaches a safe point).
    ft_stop_the_world(ft_interp_main());
    CHECK(ft_world_is_stopped(ft_interp_main()));
    int state = ft_thread_state_get(args.ts);
    ft_start_the_world(ft_interp_main());
    CHECK(!ft_world_is_stopped(ft_interp_main()));
    ft_event_notify(&args.release);
    ft_thread_detach(ts);
    pthread_join(thread, NULL);
    ft_thread_attach(ts);
    CHECK_EQ_INT(state, FT_THREAD_SUSPENDED);
    CHECK_EQ_INT(args.state_after, FT_THREAD_ATTACHED);
    ft_thread_state_delete_current();
}

// An attached thread spinning through safe points stops when asked, and its counter does not move
// while the world is stopped.
typedef struct {
    FtEvent started;
    int stop;
    unsigned long counter;
} SpinArgs;

static void *
spinner(void *p)
{
    SpinArgs *args = p;
    FtThreadState *ts = rt_thread_begin();
    ft_event_notify(&args->started);
    while (!ft_atomic_load_int_relaxed(&args->stop)) {
        ft_atomic_add_uintptr_relaxed(&args->counter, 1);
        ft_eval_breaker_poll(ts);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(stop_attached_spinner)
{
    FtThreadState *ts = rt_thread_begin();
    SpinArgs args = {0};
    pthread_t thread;
    CHECK_EQ_INT(pthread_create(&thread, NULL, spinner, &args), 0);
    ft_event_wait(&args.started);
    for (int round = 0; round < 20; round++) {
        ft_stop_the_world(ft_interp_main());
        unsigned long before = ft_atomic_load_uintptr_relaxed(&args.counter);
        for (int i = 0; i < 1000; i++)
            ft_cpu_relax();
        unsigned long after = ft_atomic_load_uintptr_relaxed(&args.counter);
        ft_start_the_world(ft_interp_main());
        CHECK_EQ_INT(before, after);
    }
    ft_atomic_store_int_relaxed(&args.stop, 1);
    ft_thread_detach(ts);
    pthread_join(thread, NULL);
    ft_thread_attach(ts);
    ft_thread_state_delete_current();
}

// A thread state created while the world is stopped starts SUSPENDED and is released by the restart.
typedef struct {
    FtThreadState *ts;
    int state_after_attach;
} LateArgs;

static void *
late_thread(void *p)
{
    LateArgs *args = p;
    ft_thread_state_bind(args->ts);
    ft_thread_attach(args->ts);
    args->state_after_attach = ft_thread_state_get(args->ts);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(created_during_stop_starts_suspended)
{
    FtThreadState *ts = rt_thread_begin();
    ft_stop_the_world(ft_interp_main());
    LateArgs args = {0};
    args.ts = ft_thread_state_new(ft_interp_main());
    CHECK(args.ts != NULL);
    int state = ft_thread_state_get(args.ts);
    pthread_t thread;
    int rc = pthread_create(&thread, NULL, late_thread, &args);
    ft_start_the_world(ft_interp_main());
    CHECK_EQ_INT(rc, 0);
    ft_thread_detach(ts);
    pthread_join(thread, NULL);
    ft_thread_attach(ts);
    CHECK_EQ_INT(state, FT_THREAD_SUSPENDED);
    CHECK_EQ_INT(args.state_after_attach, FT_THREAD_ATTACHED);
    ft_thread_state_delete_current();
}

// A contended FtMutex parks with detach; the hooks detach and re-attach the thread.
typedef struct {
    FtMutex *mutex;
    FtEvent started;
    int state_after;
} MutexArgs;

static void *
mutex_waiter(void *p)
{
    MutexArgs *args = p;
    FtThreadState *ts = rt_thread_begin();
    ft_event_notify(&args->started);
    ft_mutex_lock(args->mutex);
    args->state_after = ft_thread_state_get(ts);
    ft_mutex_unlock(args->mutex);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(blocked_on_mutex_is_stoppable)
{
    FtThreadState *ts = rt_thread_begin();
    FtMutex mutex = {0};
    ft_mutex_lock(&mutex);
    MutexArgs args = {.mutex = &mutex};
    pthread_t thread;
    CHECK_EQ_INT(pthread_create(&thread, NULL, mutex_waiter, &args), 0);
    ft_event_wait(&args.started);
    // The waiter reaches no safe point before the lock: this finishes only because parking on the
    // contended mutex detaches it.
    ft_stop_the_world(ft_interp_main());
    ft_start_the_world(ft_interp_main());
    ft_mutex_unlock(&mutex);
    ft_thread_detach(ts);
    pthread_join(thread, NULL);
    ft_thread_attach(ts);
    CHECK_EQ_INT(args.state_after, FT_THREAD_ATTACHED);
    ft_thread_state_delete_current();
}

// A thread that is attached when a stop is requested, and exits without reaching a safe point,
// counts itself as stopped as it leaves the thread list.
typedef struct {
    FtEvent started;
} ExitArgs;

static void *
exits_during_stop(void *p)
{
    ExitArgs *args = p;
    rt_thread_begin();
    ft_event_notify(&args->started);
    // Attached and never polling: the requester counted us and waits for us.
    while (!ft_atomic_load_int_relaxed(&ft_interp_main()->stw.requested))
        ft_cpu_relax();
    ft_thread_state_delete_current();
    return NULL;
}

TEST(exit_during_stop_counts_as_stopped)
{
    FtThreadState *ts = rt_thread_begin();
    ExitArgs args = {0};
    pthread_t thread = rt_thread_start(exits_during_stop, &args);
    ft_event_wait(&args.started);
    ft_stop_the_world(ft_interp_main());
    CHECK(ft_world_is_stopped(ft_interp_main()));
    ft_interp_threads_lock(ft_interp_main());
    Ft_ssize threads = ft_interp_main()->thread_count;
    ft_interp_threads_unlock(ft_interp_main());
    ft_start_the_world(ft_interp_main());
    rt_thread_join_all(&thread, 1);
    CHECK_EQ_INT(threads, 1);   // only us: the other thread left the list to let the stop finish
    (void)ts;
    ft_thread_state_delete_current();
}

// A plain C thread without a thread state may stop the world too.
static void *
stateless_requester(void *p)
{
    int *stopped_ok = p;
    ft_stop_the_world(ft_interp_main());
    *stopped_ok = ft_world_is_stopped(ft_interp_main()) &&
                  ft_thread_state_get(ft_interp_main()->threads) == FT_THREAD_SUSPENDED;
    ft_start_the_world(ft_interp_main());
    return NULL;
}

TEST(stop_from_thread_without_state)
{
    rt_thread_begin();
    int stopped_ok = 0;
    pthread_t thread = rt_thread_start(stateless_requester, &stopped_ok);
    rt_thread_join_all(&thread, 1);   // detached while joining: the requester parks us
    CHECK(stopped_ok);
    ft_thread_state_delete_current();
}

TEST(fini)
{
    ft_runtime_fini();
    CHECK_EQ_INT(ft_runtime_init(), 0);
    ft_runtime_fini();
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/stress/runtime/test_stw_stress.c: stop-the-world completes, every time, with threads
// attached (spinning through safe points), detached (waiting on an event with detach), blocked on a
// contended FtMutex, and with a second thread requesting stops at the same time. While the world is
// stopped every other thread is SUSPENDED and the spinners' counters do not move.
#include <stdint.h>   // intptr_t

#include "harness.h"
#include "unit/runtime/test_thread_util.h"
#include "sync/event.h"
#include "sync/mutex.h"

#define SPINNERS 2
#define ROUNDS 200

static int stop_spinning;                  // atomic
static unsigned long counters[SPINNERS];   // atomic: bumped by spinner i between safe points
static FtEvent started[5];                 // one per helper thread
static FtEvent finish;                     // releases the event waiter
static FtMutex held;                       // held by the main thread; the mutex waiter blocks on it
static int failures;                       // atomic: checks failed on a helper thread

// Called by a requester with the world stopped. Returns the number of failed checks.
static int
check_world_stopped(void)
{
    int bad = 0;
    FtInterp *interp = ft_interp_main();
    FtThreadState *self = ft_thread_state_current();
    if (!ft_world_is_stopped(interp))
        bad++;
    unsigned long before[SPINNERS];
    for (int i = 0; i < SPINNERS; i++)
        before[i] = ft_atomic_load_uintptr_relaxed(&counters[i]);
    ft_interp_threads_lock(interp);
    for (FtThreadState *ts = interp->threads; ts != NULL; ts = ts->next) {
        if (ts != self && ft_thread_state_get(ts) != FT_THREAD_SUSPENDED)
            bad++;
    }
    ft_interp_threads_unlock(interp);
    for (int spin = 0; spin < 200; spin++)
        ft_cpu_relax();
    for (int i = 0; i < SPINNERS; i++) {
        if (ft_atomic_load_uintptr_relaxed(&counters[i]) != before[i])
            bad++;
    }
    return bad;
}

static void *
spinner(void *arg)
{
    int index = (int)(intptr_t)arg;
    FtThreadState *ts = rt_thread_begin();
    ft_event_notify(&started[index]);
    while (!ft_atomic_load_int_relaxed(&stop_spinning)) {
        ft_atomic_add_uintptr_relaxed(&counters[index], 1);
        ft_eval_breaker_poll(ts);
    }
    ft_thread_state_delete_current();
    return NULL;
}

static void *
event_waiter(void *arg)
{
    (void)arg;
    rt_thread_begin();
    ft_event_notify(&started[2]);
    ft_event_wait(&finish);
    ft_thread_state_delete_current();
    return NULL;
}

static void *
mutex_waiter(void *arg)
{
    (void)arg;
    rt_thread_begin();
    ft_event_notify(&started[3]);
    ft_mutex_lock(&held);
    ft_mutex_unlock(&held);
    ft_thread_state_delete_current();
    return NULL;
}

static void *
second_requester(void *arg)
{
    (void)arg;
    FtThreadState *ts = rt_thread_begin();
    ft_event_notify(&started[4]);
    for (int round = 0; round < ROUNDS; round++) {
        ft_stop_the_world(ft_interp_main());
        int bad = check_world_stopped();
        ft_start_the_world(ft_interp_main());
        if (bad)
            ft_atomic_add_int_relaxed(&failures, bad);
        ft_eval_breaker_poll(ts);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(stop_the_world_rounds)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    FtThreadState *ts = rt_thread_begin();
    ft_mutex_lock(&held);
    pthread_t threads[5];
    for (int i = 0; i < SPINNERS; i++)
        threads[i] = rt_thread_start(spinner, (void *)(intptr_t)i);
    threads[2] = rt_thread_start(event_waiter, NULL);
    threads[3] = rt_thread_start(mutex_waiter, NULL);
    threads[4] = rt_thread_start(second_requester, NULL);
    for (int i = 0; i < 5; i++)
        ft_event_wait(&started[i]);

    int bad = 0;
    for (int round = 0; round < ROUNDS; round++) {
        ft_stop_the_world(ft_interp_main());
        bad += check_world_stopped();
        ft_start_the_world(ft_interp_main());
        ft_eval_breaker_poll(ts);
    }
    CHECK_EQ_INT(bad, 0);

    ft_atomic_store_int_relaxed(&stop_spinning, 1);
    ft_event_notify(&finish);
    ft_mutex_unlock(&held);
    rt_thread_join_all(threads, 5);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&failures), 0);
    CHECK_EQ_INT(ft_interp_main()->stw.rounds, 2 * ROUNDS);
    ft_thread_state_delete_current();
    ft_runtime_fini();
}

int
main(void)
{
    return ft_test_run_all();
}

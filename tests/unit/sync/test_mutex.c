// tests/unit/sync/test_mutex.c: FtMutex lock/unlock/trylock/timed and contended wake-up.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/event.h"
#include "sync/mutex.h"

TEST(lock_unlock_uncontended)
{
    FtMutex m = {0};
    CHECK(!ft_mutex_is_locked(&m));
    ft_mutex_lock(&m);
    CHECK(ft_mutex_is_locked(&m));
    CHECK_EQ_INT(m.bits, FT_MUTEX_LOCKED);
    ft_mutex_unlock(&m);
    CHECK(!ft_mutex_is_locked(&m));
    CHECK_EQ_INT(m.bits, 0);
    ft_mutex_lock_no_detach(&m);
    CHECK(ft_mutex_is_locked(&m));
    ft_mutex_unlock(&m);
}

TEST(trylock)
{
    FtMutex m = {0};
    CHECK(ft_mutex_trylock(&m));
    CHECK(!ft_mutex_trylock(&m));
    ft_mutex_unlock(&m);
    CHECK(ft_mutex_trylock(&m));
    ft_mutex_unlock(&m);
}

typedef struct TimedArg {
    FtMutex *m;
    int64_t timeout_ns;
    int result;
} TimedArg;

static void *
timed_main(void *arg)
{
    TimedArg *a = arg;
    a->result = ft_mutex_lock_timed(a->m, a->timeout_ns, FT_LOCK_DETACH);
    if (a->result == FT_LOCK_ACQUIRED)
        ft_mutex_unlock(a->m);
    return NULL;
}

TEST(timed_lock_times_out_while_held)
{
    static FtMutex m;
    ft_mutex_lock(&m);
    CHECK_EQ_INT(ft_mutex_lock_timed(&m, 0, 0), FT_LOCK_FAILURE);
    TimedArg a = {.m = &m, .timeout_ns = 3 * 1000 * 1000};
    test_thread_join(test_thread_start(timed_main, &a));
    CHECK_EQ_INT(a.result, FT_LOCK_FAILURE);
    ft_mutex_unlock(&m);
    // The timed-out waiter left no HAS_PARKED behind that nobody would clear.
    CHECK(!ft_mutex_is_locked(&m));
    a.timeout_ns = -1;
    test_thread_join(test_thread_start(timed_main, &a));
    CHECK_EQ_INT(a.result, FT_LOCK_ACQUIRED);
    CHECK_EQ_INT(ft_mutex_lock_timed(&m, 0, 0), FT_LOCK_ACQUIRED);
    ft_mutex_unlock(&m);
    CHECK_EQ_INT(m.bits, 0);
}

typedef struct WaiterArg {
    FtMutex *m;
    FtSemaphore *parked;
    int value;       // guarded_by(*m)
    int detaches;
} WaiterArg;

static void *
waiter_main(void *arg)
{
    WaiterArg *a = arg;
    TestProbe probe;
    test_probe_bind(&probe, a->parked);
    ft_mutex_lock(a->m);
    a->value++;
    ft_mutex_unlock(a->m);
    a->detaches = probe.detaches;
    ft_sync_thread_bind(NULL);
    return NULL;
}

TEST(contended_lock_parks_and_wakes)
{
    static FtMutex m;
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    WaiterArg a = {.m = &m, .parked = &parked};
    ft_mutex_lock(&m);
    pthread_t t = test_thread_start(waiter_main, &a);
    test_wait_posts(&parked, 1);   // the waiter is queued on the parking lot
    CHECK_EQ_INT(ft_atomic_load_uint8_relaxed(&m.bits), FT_MUTEX_LOCKED | FT_MUTEX_HAS_PARKED);
    a.value = 10;
    ft_mutex_unlock(&m);
    test_thread_join(t);
    CHECK_EQ_INT(a.value, 11);
    CHECK(a.detaches >= 1);
    CHECK_EQ_INT(m.bits, 0);
}

typedef struct NoDetachArg {
    FtMutex *m;
    long *counter;
    int detaches;
} NoDetachArg;

static void *
no_detach_main(void *arg)
{
    NoDetachArg *a = arg;
    TestProbe probe;
    test_probe_bind(&probe, NULL);
    for (int i = 0; i < 20000; i++) {
        ft_mutex_lock_no_detach(a->m);
        (*a->counter)++;
        ft_mutex_unlock(a->m);
    }
    a->detaches = probe.detaches;
    ft_sync_thread_bind(NULL);
    return NULL;
}

TEST(lock_no_detach_never_runs_the_hook)
{
    static FtMutex m;
    static long counter;
    NoDetachArg a = {.m = &m, .counter = &counter}, b = a;
    pthread_t ta = test_thread_start(no_detach_main, &a);
    pthread_t tb = test_thread_start(no_detach_main, &b);
    test_thread_join(ta);
    test_thread_join(tb);
    CHECK_EQ_INT(counter, 40000);
    CHECK_EQ_INT(a.detaches, 0);
    CHECK_EQ_INT(b.detaches, 0);
}

typedef struct HandOffArg {
    FtMutex *m;
    FtSemaphore *parked;
    FtEvent *may_unlock;
} HandOffArg;

static void *
hand_off_waiter(void *arg)
{
    HandOffArg *a = arg;
    TestProbe probe;
    test_probe_bind(&probe, a->parked);
    ft_mutex_lock(a->m);
    ft_event_wait_timed(a->may_unlock, -1, 0);
    ft_mutex_unlock(a->m);
    ft_sync_thread_bind(NULL);
    return NULL;
}

TEST(unlock_hands_off_to_a_waiter_parked_over_1ms)
{
    static FtMutex m;
    static FtEvent may_unlock, never;
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    HandOffArg a = {.m = &m, .parked = &parked, .may_unlock = &may_unlock};
    ft_mutex_lock(&m);
    pthread_t t = test_thread_start(hand_off_waiter, &a);
    test_wait_posts(&parked, 1);
    // Not a poll: this only makes sure the waiter's fairness deadline (its start + 1 ms) is past,
    // which the unlock below must then honour by handing the lock over instead of releasing it.
    CHECK(!ft_event_wait_timed(&never, 2 * FT_MUTEX_FAIR_AFTER_NS, 0));
    ft_mutex_unlock(&m);
    CHECK(!ft_mutex_trylock(&m));   // the waiter owns it now, and holds it until told
    ft_event_notify(&may_unlock);
    test_thread_join(t);
    CHECK(ft_mutex_trylock(&m));
    ft_mutex_unlock(&m);
}

int
main(void)
{
    return ft_test_run_all();
}

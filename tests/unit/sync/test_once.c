// tests/unit/sync/test_once.c: ft_once_call success, failure and retry, and parked callers.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/event.h"
#include "sync/once.h"

static int
count_and_succeed(void *arg)
{
    (*(int *)arg)++;
    return 0;
}

static int
count_and_fail(void *arg)
{
    (*(int *)arg)++;
    return -1;
}

TEST(success_runs_once)
{
    FtOnceFlag flag = {0};
    int calls = 0;
    CHECK_EQ_INT(ft_once_call(&flag, count_and_succeed, &calls), 0);
    CHECK_EQ_INT(ft_once_call(&flag, count_and_succeed, &calls), 0);
    CHECK_EQ_INT(calls, 1);
    CHECK_EQ_INT(flag.v, FT_ONCE_INITIALIZED);
}

TEST(failure_resets_and_retries)
{
    FtOnceFlag flag = {0};
    int calls = 0;
    CHECK_EQ_INT(ft_once_call(&flag, count_and_fail, &calls), -1);
    CHECK_EQ_INT(flag.v, FT_ONCE_UNLOCKED);
    CHECK_EQ_INT(ft_once_call(&flag, count_and_fail, &calls), -1);
    CHECK_EQ_INT(ft_once_call(&flag, count_and_succeed, &calls), 0);
    CHECK_EQ_INT(ft_once_call(&flag, count_and_fail, &calls), 0);   // already done: not called
    CHECK_EQ_INT(calls, 3);
}

// The first runner blocks inside fn until the waiters are parked, then fails; one waiter must then
// run fn again (and succeed), and the other must see it initialised.
typedef struct SlowInit {
    FtEvent running;
    FtEvent release;
    int calls;          // guarded by the once flag (only the runner touches it)
    int fail_first;
} SlowInit;

static int
slow_init(void *arg)
{
    SlowInit *s = arg;
    int call = ++s->calls;
    if (call == 1) {
        ft_event_notify(&s->running);
        ft_event_wait_timed(&s->release, -1, 0);
        return s->fail_first ? -1 : 0;
    }
    return 0;
}

typedef struct OnceArg {
    FtOnceFlag *flag;
    SlowInit *init;
    FtSemaphore *parked;
    int result;
} OnceArg;

static void *
once_main(void *arg)
{
    OnceArg *a = arg;
    TestProbe probe;
    test_probe_bind(&probe, a->parked);
    a->result = ft_once_call(a->flag, slow_init, a->init);
    ft_sync_thread_bind(NULL);
    return NULL;
}

static void
run_concurrent_once(int fail_first, int expected_calls, int *first_result, int *others_ok)
{
    static FtOnceFlag flag;
    static SlowInit init;
    flag = (FtOnceFlag){0};
    init = (SlowInit){.fail_first = fail_first};
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    OnceArg first = {.flag = &flag, .init = &init, .parked = NULL};
    pthread_t t0 = test_thread_start(once_main, &first);
    ft_event_wait(&init.running);
    OnceArg others[2];
    pthread_t t[2];
    for (int i = 0; i < 2; i++) {
        others[i] = (OnceArg){.flag = &flag, .init = &init, .parked = &parked};
        t[i] = test_thread_start(once_main, &others[i]);
    }
    test_wait_posts(&parked, 2);   // both parked on the flag while fn runs
    ft_event_notify(&init.release);
    test_thread_join(t0);
    *others_ok = 1;
    for (int i = 0; i < 2; i++) {
        test_thread_join(t[i]);
        if (others[i].result != 0)
            *others_ok = 0;
    }
    *first_result = first.result;
    if (init.calls != expected_calls)
        *others_ok = 0;
}

TEST(waiters_park_until_success)
{
    int first, others_ok;
    run_concurrent_once(0, 1, &first, &others_ok);
    CHECK_EQ_INT(first, 0);
    CHECK(others_ok);
}

TEST(waiter_retries_after_failure)
{
    int first, others_ok;
    run_concurrent_once(1, 2, &first, &others_ok);
    CHECK_EQ_INT(first, -1);
    CHECK(others_ok);
}

int
main(void)
{
    return ft_test_run_all();
}

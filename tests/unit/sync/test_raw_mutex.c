// tests/unit/sync/test_raw_mutex.c: FtRawMutex states and exclusion under contention.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include <sched.h>   // sched_yield

#include "sync/raw_mutex.h"

TEST(lock_unlock_states)
{
    FtRawMutex m = {0};
    CHECK(!ft_raw_mutex_is_locked(&m));
    ft_raw_mutex_lock(&m);
    CHECK(ft_raw_mutex_is_locked(&m));
    CHECK_EQ_INT(m.bits, FT_RAW_MUTEX_LOCKED);
    ft_raw_mutex_unlock(&m);
    CHECK_EQ_INT(m.bits, 0);
}

enum { THREADS = 4, ITERS = 50000 };

static FtRawMutex counter_lock;
static long counter;   // guarded_by(counter_lock)
static pthread_barrier_t start;

static void *
count_main(void *arg)
{
    pthread_barrier_wait(&start);
    for (int i = 0; i < ITERS; i++) {
        ft_raw_mutex_lock(&counter_lock);
        counter++;
        if ((i & 255) == 0)
            sched_yield();   // hold it across a reschedule now and then, so that waiters queue
        ft_raw_mutex_unlock(&counter_lock);
    }
    return NULL;
}

TEST(counter_is_exact_under_contention)
{
    pthread_t t[THREADS];
    pthread_barrier_init(&start, NULL, THREADS);
    for (int i = 0; i < THREADS; i++)
        t[i] = test_thread_start(count_main, NULL);
    for (int i = 0; i < THREADS; i++)
        test_thread_join(t[i]);
    pthread_barrier_destroy(&start);
    CHECK_EQ_INT(counter, (long)THREADS * ITERS);
    CHECK_EQ_INT(counter_lock.bits, 0);   // no waiter record left behind
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/stress/sync/mutex_fairness.c: two threads lock and unlock one FtMutex in a hot loop
// (an unlocker can immediately re-take the lock, barging past parked waiters); a third thread
// asks for the lock repeatedly and must get it each time while the hot loop still runs. The
// 1 ms hand-off rule guarantees that; the check is on the outcome, never on a duration. The hot
// threads stop early if they reach an iteration cap, and then the test fails instead of hanging.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/event.h"
#include "sync/mutex.h"

enum { WAITER_ROUNDS = 20, HOT_CAP = 20000000 };

static FtMutex hot;
static long hot_count;         // guarded_by(hot)
static FtEvent waiter_finished;
static int hit_cap;            // atomic (relaxed): a hot thread reached HOT_CAP
static pthread_barrier_t start;

static void *
hot_main(void *arg)
{
    pthread_barrier_wait(&start);
    long i = 0;
    while (!ft_event_is_set(&waiter_finished)) {
        ft_mutex_lock(&hot);
        hot_count++;
        ft_mutex_unlock(&hot);
        if (++i >= HOT_CAP) {
            ft_atomic_store_int_relaxed(&hit_cap, 1);   // relaxed: read after join
            break;
        }
    }
    return NULL;
}

static void *
waiter_main(void *arg)
{
    int *acquired_while_hot = arg;
    pthread_barrier_wait(&start);
    for (int round = 0; round < WAITER_ROUNDS; round++) {
        ft_mutex_lock(&hot);
        // relaxed: the hot threads store it before they stop; read under the lock they also use.
        if (!ft_atomic_load_int_relaxed(&hit_cap))
            (*acquired_while_hot)++;
        hot_count++;
        ft_mutex_unlock(&hot);
    }
    ft_event_notify(&waiter_finished);
    return NULL;
}

TEST(waiter_gets_a_hot_lock)
{
    int acquired_while_hot = 0;
    pthread_barrier_init(&start, NULL, 3);
    pthread_t h1 = test_thread_start(hot_main, NULL);
    pthread_t h2 = test_thread_start(hot_main, NULL);
    pthread_t w = test_thread_start(waiter_main, &acquired_while_hot);
    test_thread_join(w);
    test_thread_join(h1);
    test_thread_join(h2);
    pthread_barrier_destroy(&start);
    CHECK_EQ_INT(hit_cap, 0);
    CHECK_EQ_INT(acquired_while_hot, WAITER_ROUNDS);
    CHECK(!ft_mutex_is_locked(&hot));
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/stress/sync/critical_section_order.c: two threads nest single critical sections on the
// same two mutexes in opposite orders (so the inner lock can block while the outer is held), and
// one of them also blocks on an unrelated FtMutex that a third thread keeps taking. Because a
// blocked thread suspends its sections, this never deadlocks; the run is a bounded loop. Neither
// thread has an FtSyncThread bound, so this also exercises the fallback record and the parking
// lot's suspend/resume without hooks. The counters prove the mutual exclusion that sections keep:
// each is touched only while its mutex is held by the *top* section.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/critical_section.h"
#include <sched.h>   // sched_yield

#include "sync/event.h"

enum { ITERS = 300000 };

static FtMutex m1, m2, unrelated;
static long count1;   // guarded_by(m1), touched only while m1's section is the top
static long count2;   // guarded_by(m2), likewise
static FtEvent stop_holder;
static long holder_rounds;   // owner-thread only (the holder)

static void *
forward_main(void *arg)
{
    for (int i = 0; i < ITERS; i++) {
        FT_BEGIN_CRITICAL_SECTION(&m1);
        count1++;
        if ((i & 7) == 0)
            sched_yield();   // let the other thread take m2 first, so that the inner lock blocks
        FT_BEGIN_CRITICAL_SECTION(&m2);
        count2++;
        FT_END_CRITICAL_SECTION();
        count1++;   // the outer section was resumed (re-locked) if it had been suspended
        FT_END_CRITICAL_SECTION();
    }
    return NULL;
}

static void *
backward_main(void *arg)
{
    for (int i = 0; i < ITERS; i++) {
        FT_BEGIN_CRITICAL_SECTION(&m2);
        count2++;
        FT_BEGIN_CRITICAL_SECTION(&m1);
        count1++;
        ft_mutex_lock(&unrelated);   // may park: both sections are suspended meanwhile
        ft_mutex_unlock(&unrelated);
        count1++;
        FT_END_CRITICAL_SECTION();
        count2++;
        FT_END_CRITICAL_SECTION();
    }
    return NULL;
}

static void *
holder_main(void *arg)
{
    while (!ft_event_is_set(&stop_holder)) {
        ft_mutex_lock(&unrelated);
        sched_yield();   // hold it across a reschedule so that the other thread really blocks
        ft_mutex_unlock(&unrelated);
        holder_rounds++;
    }
    return NULL;
}

TEST(opposite_orders_never_deadlock)
{
    pthread_t holder = test_thread_start(holder_main, NULL);
    pthread_t fwd = test_thread_start(forward_main, NULL);
    pthread_t bwd = test_thread_start(backward_main, NULL);
    test_thread_join(fwd);
    test_thread_join(bwd);
    ft_event_notify(&stop_holder);
    test_thread_join(holder);
    CHECK_EQ_INT(count1, 4L * ITERS);
    CHECK_EQ_INT(count2, 3L * ITERS);
    CHECK(!ft_mutex_is_locked(&m1) && !ft_mutex_is_locked(&m2) && !ft_mutex_is_locked(&unrelated));
}

int
main(void)
{
    return ft_test_run_all();
}

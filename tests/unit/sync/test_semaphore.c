// tests/unit/sync/test_semaphore.c: the futex semaphore and the monotonic clock helpers.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/clock.h"

TEST(posts_are_counted)
{
    FtSemaphore s;
    ft_semaphore_init(&s, 2);
    CHECK_EQ_INT(ft_semaphore_wait(&s, 0), FT_SEMAPHORE_OK);
    CHECK_EQ_INT(ft_semaphore_wait(&s, -1), FT_SEMAPHORE_OK);
    CHECK_EQ_INT(ft_semaphore_wait(&s, 0), FT_SEMAPHORE_TIMEOUT);   // a past deadline: just try
    ft_semaphore_post(&s);
    CHECK_EQ_INT(ft_semaphore_wait(&s, ft_clock_deadline_ns(0)), FT_SEMAPHORE_OK);
    CHECK_EQ_INT(ft_semaphore_wait(&s, ft_clock_deadline_ns(2 * FT_CLOCK_NS_PER_MS)),
                 FT_SEMAPHORE_TIMEOUT);
}

typedef struct PingPong {
    FtSemaphore ping, pong;
    int value;   // handed back and forth through the semaphores
} PingPong;

static void *
ponger(void *arg)
{
    PingPong *p = arg;
    for (int i = 0; i < 10000; i++) {
        test_wait_posts(&p->ping, 1);
        p->value++;
        ft_semaphore_post(&p->pong);
    }
    return NULL;
}

TEST(wakes_a_sleeping_thread)
{
    static PingPong p;
    ft_semaphore_init(&p.ping, 0);
    ft_semaphore_init(&p.pong, 0);
    pthread_t t = test_thread_start(ponger, &p);
    for (int i = 0; i < 10000; i++) {
        p.value++;
        ft_semaphore_post(&p.ping);
        test_wait_posts(&p.pong, 1);
    }
    test_thread_join(t);
    CHECK_EQ_INT(p.value, 20000);
}

TEST(clock_helpers)
{
    int64_t a = ft_clock_monotonic_ns();
    int64_t b = ft_clock_monotonic_ns();
    CHECK(a > 0 && b >= a);
    CHECK_EQ_INT(ft_clock_deadline_ns(-1), -1);
    CHECK_EQ_INT(ft_clock_remaining_ns(-1), -1);
    CHECK_EQ_INT(ft_clock_deadline_ns(INT64_MAX), INT64_MAX);   // saturates
    CHECK_EQ_INT(ft_clock_remaining_ns(a), 0);                  // a is in the past
    CHECK(ft_clock_remaining_ns(ft_clock_deadline_ns(FT_CLOCK_NS_PER_SEC)) > 0);
}

int
main(void)
{
    return ft_test_run_all();
}

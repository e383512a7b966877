// tests/unit/sync/test_parking_lot.c: ft_parking_lot_park / _unpark / _unpark_all.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/parking_lot.h"

TEST(park_value_changed_returns_again)
{
    uint32_t word = 5;
    uint32_t expected = 6;
    CHECK_EQ_INT(ft_parking_lot_park(&word, &expected, sizeof(word), -1, NULL, 1), FT_PARK_AGAIN);
    uint8_t byte = 1, e8 = 0;
    CHECK_EQ_INT(ft_parking_lot_park(&byte, &e8, 1, -1, NULL, 0), FT_PARK_AGAIN);
    uint16_t half = 1, e16 = 0;
    CHECK_EQ_INT(ft_parking_lot_park(&half, &e16, 2, -1, NULL, 0), FT_PARK_AGAIN);
    uint64_t wide = 1, e64 = 0;
    CHECK_EQ_INT(ft_parking_lot_park(&wide, &e64, 8, -1, NULL, 0), FT_PARK_AGAIN);
}

TEST(park_zero_timeout_does_not_sleep)
{
    uint32_t word = 5;
    uint32_t expected = 5;
    CHECK_EQ_INT(ft_parking_lot_park(&word, &expected, sizeof(word), 0, NULL, 1), FT_PARK_TIMEOUT);
}

TEST(park_times_out)
{
    uint64_t word = 7;
    uint64_t expected = 7;
    CHECK_EQ_INT(ft_parking_lot_park(&word, &expected, sizeof(word), 5 * 1000 * 1000, NULL, 1),
                 FT_PARK_TIMEOUT);
}

static int unpark_calls;
static void *unpark_seen_arg;
static int unpark_seen_more;

static void
record_unpark(void *arg, void *park_arg, int has_more)
{
    unpark_calls++;
    unpark_seen_arg = park_arg;
    unpark_seen_more = has_more;
    if (park_arg)
        *(int *)park_arg = *(int *)arg;   // hand data to the waiter under the bucket lock
}

TEST(unpark_without_waiter_calls_back_with_null)
{
    uint32_t word = 0;
    int data = 1;
    unpark_calls = 0;
    ft_parking_lot_unpark(&word, record_unpark, &data);
    CHECK_EQ_INT(unpark_calls, 1);
    CHECK(unpark_seen_arg == NULL);
    CHECK_EQ_INT(unpark_seen_more, 0);
    ft_parking_lot_unpark_all(&word);   // nobody there: a no-op
}

typedef struct Parker {
    const uint32_t *addr;
    uint32_t expected;
    int64_t timeout_ns;
    FtSemaphore *parked;
    int received;   // written by the unpark callback, read by this thread after waking
    int result;     // read by the main thread after join
} Parker;

static void *
parker_main(void *arg)
{
    Parker *p = arg;
    TestProbe probe;
    test_probe_bind(&probe, p->parked);
    p->result = ft_parking_lot_park(p->addr, &p->expected, sizeof(p->expected), p->timeout_ns,
                                    &p->received, 1);
    ft_sync_thread_bind(NULL);
    return NULL;
}

TEST(unpark_one_is_fifo_and_hands_data)
{
    static uint32_t word = 3;
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    Parker p1 = {.addr = &word, .expected = 3, .timeout_ns = -1, .parked = &parked};
    Parker p2 = p1;
    pthread_t t1 = test_thread_start(parker_main, &p1);
    test_wait_posts(&parked, 1);   // p1 is queued first
    pthread_t t2 = test_thread_start(parker_main, &p2);
    test_wait_posts(&parked, 1);

    int data = 41;
    unpark_calls = 0;
    ft_parking_lot_unpark(&word, record_unpark, &data);
    CHECK_EQ_INT(unpark_calls, 1);
    CHECK(unpark_seen_arg == &p1.received);
    CHECK_EQ_INT(unpark_seen_more, 1);
    test_thread_join(t1);
    CHECK_EQ_INT(p1.result, FT_PARK_OK);
    CHECK_EQ_INT(p1.received, 41);

    data = 42;
    ft_parking_lot_unpark(&word, record_unpark, &data);
    CHECK(unpark_seen_arg == &p2.received);
    test_thread_join(t2);
    CHECK_EQ_INT(p2.result, FT_PARK_OK);
    CHECK_EQ_INT(p2.received, 42);
}

TEST(unpark_all_wakes_only_that_address)
{
    // words[0] and words[257] share a bucket (their addresses differ by 4 * 257 bytes);
    // words[1] is in another bucket.
    static uint32_t words[300];
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    Parker a[3], same_bucket, other;
    pthread_t ta[3], tsame, tother;
    for (int i = 0; i < 3; i++) {
        a[i] = (Parker){.addr = &words[0], .expected = 0, .timeout_ns = -1, .parked = &parked};
        ta[i] = test_thread_start(parker_main, &a[i]);
    }
    same_bucket = (Parker){.addr = &words[257], .expected = 0, .timeout_ns = -1, .parked = &parked};
    tsame = test_thread_start(parker_main, &same_bucket);
    other = (Parker){.addr = &words[1], .expected = 0, .timeout_ns = -1, .parked = &parked};
    tother = test_thread_start(parker_main, &other);
    test_wait_posts(&parked, 5);

    ft_parking_lot_unpark_all(&words[0]);
    for (int i = 0; i < 3; i++) {
        test_thread_join(ta[i]);
        CHECK_EQ_INT(a[i].result, FT_PARK_OK);
    }
    // The other two are still parked: an unpark finds each of them.
    int data = 7;
    unpark_calls = 0;
    ft_parking_lot_unpark(&words[257], record_unpark, &data);
    CHECK(unpark_seen_arg == &same_bucket.received);
    CHECK_EQ_INT(unpark_seen_more, 0);
    ft_parking_lot_unpark(&words[1], record_unpark, &data);
    CHECK(unpark_seen_arg == &other.received);
    test_thread_join(tsame);
    test_thread_join(tother);
    CHECK_EQ_INT(same_bucket.result, FT_PARK_OK);
    CHECK_EQ_INT(other.received, 7);
}

TEST(timed_out_waiter_leaves_the_queue)
{
    static uint32_t word = 9;
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    Parker p = {.addr = &word, .expected = 9, .timeout_ns = 2 * 1000 * 1000, .parked = &parked};
    pthread_t t = test_thread_start(parker_main, &p);
    test_thread_join(t);
    CHECK_EQ_INT(p.result, FT_PARK_TIMEOUT);
    unpark_calls = 0;
    int data = 0;
    ft_parking_lot_unpark(&word, record_unpark, &data);
    CHECK(unpark_seen_arg == NULL);
}

TEST(after_fork_reset_leaves_lot_usable)
{
    // Only safe while no thread is parked, which holds here.
    ft_parking_lot_after_fork();
    uint32_t word = 1, expected = 1;
    CHECK_EQ_INT(ft_parking_lot_park(&word, &expected, sizeof(word), 0, NULL, 0), FT_PARK_TIMEOUT);
}

int
main(void)
{
    return ft_test_run_all();
}

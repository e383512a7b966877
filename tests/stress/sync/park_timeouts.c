// tests/stress/sync/park_timeouts.c: threads parked on different addresses with different
// timeouts; unpark_all(A) must wake exactly the A waiters, B waiters must time out on their own,
// and C waiters (in A's bucket, no timeout) must stay parked until they are unparked one by one.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/parking_lot.h"

enum { ROUNDS = 40, PER_ADDRESS = 2 };

// words[0] (A) and words[257] (C) share a bucket; words[1] (B) does not.
static uint32_t words[300];
static int a_released;   // atomic (relaxed): set by main just before unpark_all(A)
static int c_released;   // atomic (relaxed): set by main just before unparking C

typedef struct Waiter {
    char kind;            // 'A', 'B' or 'C'
    FtSemaphore *parked;
    int result;
    int released_first;   // whether main had released this kind before the waiter returned
    int token;            // written by the unpark callback
} Waiter;

static void *
waiter_main(void *arg)
{
    Waiter *w = arg;
    TestProbe probe;
    test_probe_bind(&probe, w->parked);
    const uint32_t *addr = w->kind == 'A' ? &words[0] : w->kind == 'B' ? &words[1] : &words[257];
    int64_t timeout = w->kind == 'B' ? 2 * 1000 * 1000 : -1;
    uint32_t expected = 0;
    w->result = ft_parking_lot_park(addr, &expected, sizeof(expected), timeout, &w->token, 1);
    // relaxed: the flags were stored before the unpark that woke us, which orders them.
    if (w->kind == 'A')
        w->released_first = ft_atomic_load_int_relaxed(&a_released);
    else if (w->kind == 'C')
        w->released_first = ft_atomic_load_int_relaxed(&c_released);
    ft_sync_thread_bind(NULL);
    return NULL;
}

static int callback_hits;

static void
give_token(void *arg, void *park_arg, int has_more)
{
    if (park_arg) {
        *(int *)park_arg = 1;
        callback_hits++;
    }
}

TEST(unpark_wakes_exactly_the_right_threads)
{
    for (int round = 0; round < ROUNDS; round++) {
        FtSemaphore parked;
        ft_semaphore_init(&parked, 0);
        ft_atomic_store_int_relaxed(&a_released, 0);   // relaxed: no waiter runs yet
        ft_atomic_store_int_relaxed(&c_released, 0);
        Waiter w[3 * PER_ADDRESS];
        pthread_t t[3 * PER_ADDRESS];
        for (int i = 0; i < 3 * PER_ADDRESS; i++) {
            w[i] = (Waiter){.kind = "ABC"[i % 3], .parked = &parked};
            t[i] = test_thread_start(waiter_main, &w[i]);
        }
        test_wait_posts(&parked, 3 * PER_ADDRESS);   // everyone is queued

        // relaxed: the bucket lock taken by unpark_all orders it before the waiters' loads.
        ft_atomic_store_int_relaxed(&a_released, 1);
        ft_parking_lot_unpark_all(&words[0]);
        for (int i = 0; i < 3 * PER_ADDRESS; i++) {
            if (w[i].kind == 'A' || w[i].kind == 'B')
                test_thread_join(t[i]);
        }
        // relaxed: as above, ordered by the unpark's bucket lock.
        ft_atomic_store_int_relaxed(&c_released, 1);
        callback_hits = 0;
        for (int i = 0; i < PER_ADDRESS; i++)
            ft_parking_lot_unpark(&words[257], give_token, NULL);
        CHECK_EQ_INT(callback_hits, PER_ADDRESS);   // both C waiters were still parked
        for (int i = 0; i < 3 * PER_ADDRESS; i++) {
            if (w[i].kind == 'C')
                test_thread_join(t[i]);
        }
        for (int i = 0; i < 3 * PER_ADDRESS; i++) {
            switch (w[i].kind) {
            case 'A':
                CHECK_EQ_INT(w[i].result, FT_PARK_OK);
                CHECK(w[i].released_first);
                break;
            case 'B':
                CHECK_EQ_INT(w[i].result, FT_PARK_TIMEOUT);
                break;
            default:
                CHECK_EQ_INT(w[i].result, FT_PARK_OK);
                CHECK(w[i].released_first);
                CHECK_EQ_INT(w[i].token, 1);
                break;
            }
        }
    }
}

int
main(void)
{
    return ft_test_run_all();
}

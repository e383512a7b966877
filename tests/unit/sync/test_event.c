// tests/unit/sync/test_event.c: FtEvent notify/wait/wait_timed/is_set.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/event.h"

TEST(notify_then_wait)
{
    FtEvent e = {0};
    CHECK(!ft_event_is_set(&e));
    CHECK(!ft_event_wait_timed(&e, 0, 0));
    CHECK(!ft_event_wait_timed(&e, 2 * 1000 * 1000, 1));
    ft_event_notify(&e);
    CHECK(ft_event_is_set(&e));
    ft_event_wait(&e);
    CHECK(ft_event_wait_timed(&e, 0, 0));
    ft_event_notify(&e);   // idempotent
    CHECK_EQ_INT(e.v, FT_EVENT_SET);
}

typedef struct EventArg {
    FtEvent *e;
    FtSemaphore *parked;
    const int *data;
    int seen;
} EventArg;

static void *
event_waiter_main(void *arg)
{
    EventArg *a = arg;
    TestProbe probe;
    test_probe_bind(&probe, a->parked);
    ft_event_wait(a->e);
    a->seen = *a->data;   // published by the notifier's release
    ft_sync_thread_bind(NULL);
    return NULL;
}

TEST(notify_wakes_every_waiter)
{
    static FtEvent e;
    static int data;
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    EventArg a[3];
    pthread_t t[3];
    for (int i = 0; i < 3; i++) {
        a[i] = (EventArg){.e = &e, .parked = &parked, .data = &data};
        t[i] = test_thread_start(event_waiter_main, &a[i]);
    }
    test_wait_posts(&parked, 3);
    CHECK_EQ_INT(ft_atomic_load_uint8_relaxed(&e.v), FT_EVENT_UNSET_HAS_PARKED);
    data = 99;
    ft_event_notify(&e);
    for (int i = 0; i < 3; i++) {
        test_thread_join(t[i]);
        CHECK_EQ_INT(a[i].seen, 99);
    }
}

int
main(void)
{
    return ft_test_run_all();
}

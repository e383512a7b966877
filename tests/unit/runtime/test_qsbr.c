// tests/unit/runtime/test_qsbr.c: delayed frees and delayed decrements wait for a grace period, and
// all of them happen by ft_qsbr_barrier.
#include <pthread.h>   // pthread_create pthread_join
#include <stdlib.h>    // malloc free

#include "harness.h"
#include "unit/runtime/test_thread_util.h"
#include "runtime/qsbr.h"
#include "runtime/refcount.h"
#include "runtime/thread_state.h"
#include "sync/event.h"
#include "sync/fatal.h"

static int frees;          // atomic: blocks freed by counting_free
static int object_frees;   // atomic: objects freed

static void
counting_free(void *ptr)
{
    ft_atomic_add_int_relaxed(&frees, 1);
    free(ptr);
}

static void
object_dealloc(FtObject *op)
{
    ft_atomic_add_int_relaxed(&object_frees, 1);
    free(op);
}

static FtTypeObject object_type = {
    .tp_name = "Delayed",
    .tp_basicsize = sizeof(FtObject),
    .tp_dealloc = object_dealloc,
};

TEST(setup)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    rt_thread_begin();
}

// A reader that stays online without a quiescent state holds up the grace period.
typedef struct {
    FtEvent online;
    FtEvent release;
} ReaderArgs;

static void *
stalled_reader(void *p)
{
    ReaderArgs *args = p;
    FtThreadState *ts = rt_thread_begin();
    ft_event_notify(&args->online);
    // Spin (attached, online, no quiescent state) until released: a read-side section.
    while (!ft_event_is_set(&args->release))
        ft_cpu_relax();
    ft_eval_breaker_poll(ts);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(free_waits_for_online_reader)
{
    FtThreadState *ts = ft_thread_state_current();
    ReaderArgs args = {0};
    pthread_t thread;
    CHECK_EQ_INT(pthread_create(&thread, NULL, stalled_reader, &args), 0);
    ft_event_wait(&args.online);

    int before = ft_atomic_load_int_relaxed(&frees);
    for (int i = 0; i < 3; i++) {
        void *block = malloc(64);
        CHECK(block != NULL);
        ft_qsbr_free_delayed(block, counting_free);
    }
    CHECK(ft_qsbr_pending(ft_interp_main()) >= 3);
    ft_qsbr_flush(ts);
    ft_eval_breaker_poll(ts);
    // The reader has not passed a quiescent state: nothing may have been freed. (If a callback ran
    // early, this would fail; it cannot pass by luck the other way.)
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&frees), before);

    ft_event_notify(&args.release);
    ft_thread_detach(ts);
    pthread_join(thread, NULL);
    ft_thread_attach(ts);
    ft_qsbr_barrier(ts);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&frees), before + 3);
    CHECK_EQ_INT(ft_qsbr_pending(ft_interp_main()), 0);
}

TEST(decref_delayed_runs_on_attached_thread)
{
    FtThreadState *ts = ft_thread_state_current();
    FtObject *op = malloc(sizeof *op);
    CHECK(op != NULL);
    ft_object_init_header(op, &object_type);
    ft_incref(op);
    ft_qsbr_decref_delayed(op);
    ft_qsbr_decref_delayed(op);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&object_frees), 0);
    ft_qsbr_barrier(ts);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&object_frees), 1);
    CHECK_EQ_INT(ft_qsbr_pending(ft_interp_main()), 0);
}

TEST(many_batches)
{
    FtThreadState *ts = ft_thread_state_current();
    int before = ft_atomic_load_int_relaxed(&frees);
    for (int i = 0; i < 10 * FT_QSBR_BATCH + 7; i++) {
        ft_qsbr_free_delayed(malloc(16), counting_free);
        if (i % 100 == 0)
            ft_eval_breaker_poll(ts);
    }
    ft_qsbr_barrier(ts);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&frees), before + 10 * FT_QSBR_BATCH + 7);
}

// A delayed decrement still pending when the last thread exits runs during ft_runtime_fini.
TEST(teardown_runs_pending_decrefs)
{
    FtObject *op = malloc(sizeof *op);
    CHECK(op != NULL);
    ft_object_init_header(op, &object_type);
    int before = ft_atomic_load_int_relaxed(&object_frees);
    ft_qsbr_decref_delayed(op);
    ft_thread_state_delete_current();
    ft_runtime_fini();
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&object_frees), before + 1);
    CHECK_EQ_INT(ft_qsbr_pending(ft_interp_main()), 0);
}

int
main(void)
{
    return ft_test_run_all();
}

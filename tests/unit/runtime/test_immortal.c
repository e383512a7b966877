// tests/unit/runtime/test_immortal.c: immortal objects: the encoding, increments and decrements that
// store nothing, from the owner and from other threads at once, and never a free.
#include <pthread.h>   // pthread_create pthread_join
#include <stdlib.h>    // malloc free

#include "harness.h"
#include "unit/runtime/test_thread_util.h"
#include "runtime/refcount.h"
#include "runtime/thread_state.h"
#include "sync/fatal.h"

static int frees;   // atomic

static void
counting_dealloc(FtObject *op)
{
    ft_atomic_add_int_relaxed(&frees, 1);
    free(op);
}

static FtTypeObject counting_type = {
    .tp_name = "Counting",
    .tp_basicsize = sizeof(FtObject),
    .tp_dealloc = counting_dealloc,
};

static FtObject *immortal;   // set before the threads start, immutable afterwards

TEST(setup)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    rt_thread_begin();
    immortal = malloc(sizeof *immortal);
    CHECK(immortal != NULL);
    ft_object_init_header(immortal, &counting_type);
    ft_atomic_or_uint8_relaxed(&immortal->ob_gc_bits, FT_GC_TRACKED);
    ft_object_set_immortal(immortal);
}

TEST(encoding)
{
    CHECK(ft_object_is_immortal(immortal));
    CHECK_EQ_INT(immortal->ob_ref_local, FT_REF_IMMORTAL_LOCAL);
    CHECK_EQ_INT(immortal->ob_ref_shared, 0);
    CHECK_EQ_INT(immortal->ob_tid, 0);
    CHECK(immortal->ob_flags & FT_OBJECT_FLAG_IMMORTAL);
    CHECK(ft_object_has_deferred_refcount(immortal));
    CHECK(!(immortal->ob_gc_bits & FT_GC_TRACKED));
    CHECK_EQ_INT(ft_refcount(immortal), FT_REF_IMMORTAL_REFCNT);
}

TEST(refcount_operations_are_noops)
{
    for (int i = 0; i < 1000; i++) {
        ft_incref(immortal);
        ft_decref(immortal);
        ft_decref(immortal);
    }
    ft_xincref(immortal);
    ft_xdecref(immortal);
    CHECK(ft_new_ref(immortal) == immortal);
    CHECK(ft_try_incref_fast(immortal));
    FtObject *slot = immortal;
    CHECK(ft_xget_ref(&slot) == immortal);
    ft_object_set_maybe_weakref(immortal);
    ft_object_set_deferred(immortal);
    CHECK_EQ_INT(immortal->ob_ref_local, FT_REF_IMMORTAL_LOCAL);
    CHECK_EQ_INT(immortal->ob_ref_shared, 0);
    CHECK_EQ_INT(immortal->ob_tid, 0);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&frees), 0);
}

static void *
hammer(void *arg)
{
    (void)arg;
    FtThreadState *ts = rt_thread_begin();
    for (int i = 0; i < 100000; i++) {
        ft_incref(immortal);
        ft_decref(immortal);
        ft_decref(immortal);   // more decrements than increments: still nothing happens
        if (i % 1024 == 0)
            ft_eval_breaker_poll(ts);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(many_threads_never_free)
{
    FtThreadState *ts = ft_thread_state_current();
    pthread_t threads[3];
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(pthread_create(&threads[i], NULL, hammer, NULL), 0);
    ft_thread_detach(ts);
    for (int i = 0; i < 3; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&frees), 0);
    CHECK(ft_object_is_immortal(immortal));
    CHECK_EQ_INT(immortal->ob_ref_shared, 0);
}

TEST(teardown)
{
    ft_thread_state_delete_current();
    ft_runtime_fini();
    free(immortal);   // immortal objects are never freed by the runtime; the test owns the block
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/runtime/test_refcount.c: biased reference counting: local vs shared increments, the
// owner's merge on zero, queueing to the owner, owners that exit, the deferred bias, the try-incref
// family and MAYBE_WEAKREF. Other threads are real threads; hand-offs use events.
#include <pthread.h>   // pthread_create pthread_join
#include <stdint.h>    // uint64_t
#include <stdlib.h>    // malloc free

#include "harness.h"
#include "unit/runtime/test_thread_util.h"
#include "runtime/brc.h"
#include "runtime/refcount.h"
#include "runtime/thread_state.h"
#include "sync/event.h"
#include "sync/fatal.h"

#define LIVE_MAGIC 0x11c0ffeeu

typedef struct {
    FtObject base;
    uint64_t magic;
} TestObject;

static int frees;   // atomic: objects freed

static void
test_object_dealloc(FtObject *op)
{
    TestObject *t = (TestObject *)op;
    if (t->magic != LIVE_MAGIC)
        ft_fatal("freed twice or corrupted");
    t->magic = 0;
    ft_atomic_add_int_relaxed(&frees, 1);
    free(t);
}

static FtTypeObject test_type = {
    .tp_name = "TestObject",
    .tp_basicsize = sizeof(TestObject),
    .tp_dealloc = test_object_dealloc,
};

static FtObject *
test_object_new(void)
{
    TestObject *t = malloc(sizeof *t);
    if (t == NULL)
        ft_fatal("out of memory");
    ft_object_init_header(&t->base, &test_type);
    t->magic = LIVE_MAGIC;
    return &t->base;
}

static int
frees_now(void)
{
    return ft_atomic_load_int_relaxed(&frees);
}

static Ft_ssize
shared_raw(FtObject *op)
{
    return ft_atomic_load_ssize_relaxed(&op->ob_ref_shared);
}

// Runs fn(arg) on a fresh attached thread and waits for it (detached meanwhile).
static void
run_on_other_thread(void *(*fn)(void *), void *arg)
{
    FtThreadState *ts = ft_thread_state_current();
    pthread_t thread;
    if (pthread_create(&thread, NULL, fn, arg) != 0)
        ft_fatal("pthread_create");
    ft_thread_detach(ts);
    pthread_join(thread, NULL);
    ft_thread_attach(ts);
}

TEST(setup)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    rt_thread_begin();
}

TEST(owner_counts_locally_and_frees_at_zero)
{
    int before = frees_now();
    FtObject *op = test_object_new();
    CHECK(ft_object_is_owned_by_current_thread(op));
    CHECK_EQ_INT(ft_refcount(op), 1);
    ft_incref(op);
    ft_incref(op);
    CHECK_EQ_INT(op->ob_ref_local, 3);
    CHECK_EQ_INT(shared_raw(op), 0);
    CHECK_EQ_INT(ft_refcount(op), 3);
    ft_decref(op);
    ft_decref(op);
    CHECK_EQ_INT(frees_now(), before);
    ft_decref(op);   // INIT state, shared 0: freed without atomics
    CHECK_EQ_INT(frees_now(), before + 1);
}

typedef struct {
    FtObject *op;
    int increfs;
    int decrefs;
    int last;   // the decrements drop the last reference: do not look at the object afterwards
    Ft_ssize shared_after;
} OtherArgs;

static void *
other_incref_decref(void *p)
{
    OtherArgs *args = p;
    rt_thread_begin();
    for (int i = 0; i < args->increfs; i++)
        ft_incref(args->op);
    for (int i = 0; i < args->decrefs; i++)
        ft_decref(args->op);
    if (!args->last)
        args->shared_after = shared_raw(args->op);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(non_owner_counts_in_shared_field)
{
    int before = frees_now();
    FtObject *op = test_object_new();
    OtherArgs args = {.op = op, .increfs = 3, .decrefs = 1};
    run_on_other_thread(other_incref_decref, &args);
    CHECK_EQ_INT(args.shared_after, 2 << FT_REF_SHARED_SHIFT);
    CHECK_EQ_INT(op->ob_ref_local, 1);
    CHECK_EQ_INT(ft_refcount(op), 3);
    // Owner drops its reference: local 0 but shared 2 -> merged, unowned, not freed.
    ft_decref(op);
    CHECK_EQ_INT(frees_now(), before);
    CHECK_EQ_INT(op->ob_tid, 0);
    CHECK_EQ_INT(shared_raw(op), (2 << FT_REF_SHARED_SHIFT) | FT_REF_SHARED_MERGED);
    // The remaining references now go through the shared field; the last one frees.
    args.increfs = 0;
    args.decrefs = 2;
    args.last = 1;
    run_on_other_thread(other_incref_decref, &args);
    CHECK_EQ_INT(frees_now(), before + 1);
}

TEST(non_owner_decref_at_zero_queues_to_owner)
{
    FtThreadState *ts = ft_thread_state_current();
    int before = frees_now();
    FtObject *op = test_object_new();
    ft_incref(op);   // a reference handed to the other thread (counted locally)
    OtherArgs args = {.op = op, .increfs = 0, .decrefs = 1};
    run_on_other_thread(other_incref_decref, &args);
    // The other thread could not decrement a zero shared count: it queued the object to us.
    CHECK_EQ_INT(args.shared_after, FT_REF_SHARED_QUEUED);
    CHECK_EQ_INT(ft_brc_queue_length(ts), 1);
    CHECK(ft_eval_breaker_pending(ts));
    CHECK_EQ_INT(frees_now(), before);
    ft_eval_breaker_poll(ts);   // merges: total 2 - 1 = 1, still alive, now merged
    CHECK_EQ_INT(ft_brc_queue_length(ts), 0);
    CHECK(!ft_eval_breaker_pending(ts));
    CHECK_EQ_INT(frees_now(), before);
    CHECK_EQ_INT(ft_refcount(op), 1);
    CHECK_EQ_INT(op->ob_tid, 0);
    ft_decref(op);   // merged: shared decrement to exactly MERGED frees
    CHECK_EQ_INT(frees_now(), before + 1);
}

TEST(queued_last_reference_is_freed_by_owner_merge)
{
    FtThreadState *ts = ft_thread_state_current();
    int before = frees_now();
    FtObject *op = test_object_new();   // its only reference goes to the other thread
    OtherArgs args = {.op = op, .increfs = 0, .decrefs = 1, .last = 1};
    run_on_other_thread(other_incref_decref, &args);
    CHECK_EQ_INT(frees_now(), before);
    ft_eval_breaker_poll(ts);
    CHECK_EQ_INT(frees_now(), before + 1);
}

// An owner that exits leaves its objects to the others, which then merge on the spot.
typedef struct {
    FtObject *op;
} OwnerArgs;

static void *
owner_creates_and_exits(void *p)
{
    OwnerArgs *args = p;
    rt_thread_begin();
    args->op = test_object_new();
    ft_incref(args->op);
    ft_incref(args->op);   // three references, all handed to the main thread
    ft_thread_state_delete_current();
    return NULL;
}

TEST(owner_exit_then_others_merge)
{
    int before = frees_now();
    OwnerArgs args = {0};
    run_on_other_thread(owner_creates_and_exits, &args);
    FtObject *op = args.op;
    CHECK(!ft_object_is_owned_by_current_thread(op));
    CHECK_EQ_INT(ft_refcount(op), 3);
    ft_decref(op);   // shared 0: queue -> owner gone -> merged here, total 2
    CHECK_EQ_INT(op->ob_tid, 0);
    CHECK_EQ_INT(ft_refcount(op), 2);
    ft_incref(op);
    ft_decref(op);
    ft_decref(op);
    CHECK_EQ_INT(frees_now(), before);
    ft_decref(op);
    CHECK_EQ_INT(frees_now(), before + 1);
}

TEST(deferred_bias)
{
    int before = frees_now();
    FtObject *op = test_object_new();
    ft_object_set_deferred(op);
    CHECK(ft_object_has_deferred_refcount(op));
    CHECK_EQ_INT(shared_raw(op), (Ft_ssize)FT_REF_DEFERRED << FT_REF_SHARED_SHIFT);
    CHECK_EQ_INT(ft_refcount(op), FT_REF_DEFERRED + 1);
    ft_incref(op);
    ft_decref(op);
    ft_decref(op);   // local 0, but the bias keeps it alive (only the collector frees it)
    CHECK_EQ_INT(frees_now(), before);
    CHECK_EQ_INT(ft_refcount(op), FT_REF_DEFERRED);
    // What the collector would do: remove the bias and free.
    CHECK_EQ_INT(ft_refcount_explicit_merge(op, -FT_REF_DEFERRED), 0);
    ft_object_dealloc(op);
    CHECK_EQ_INT(frees_now(), before + 1);
}

typedef struct {
    FtObject *op;
    FtObject **slot;
    int fast;
    int shared;
    int compare;
    int do_get;   // ft_xget_ref spins while the slot holds an INIT object owned by another thread
    FtObject *got;
} TryArgs;

static void *
other_try_incref(void *p)
{
    TryArgs *args = p;
    rt_thread_begin();
    args->fast = ft_try_incref_fast(args->op);
    args->shared = ft_try_incref_shared(args->op);
    args->compare = ft_try_incref_compare(args->slot, args->op);
    args->got = args->do_get ? ft_xget_ref(args->slot) : NULL;
    if (args->shared)
        ft_decref(args->op);
    if (args->compare)
        ft_decref(args->op);
    if (args->got != NULL)
        ft_decref(args->got);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(try_incref_semantics)
{
    int before = frees_now();
    FtObject *op = test_object_new();
    FtObject *slot = op;

    // Owner: the fast path succeeds.
    CHECK(ft_try_incref_fast(op));
    CHECK_EQ_INT(ft_refcount(op), 2);
    ft_decref(op);

    // Another thread, shared field 0 (INIT): the owner may free without atomics, so it must fail.
    TryArgs args = {.op = op, .slot = &slot};
    run_on_other_thread(other_try_incref, &args);
    CHECK(!args.fast);
    CHECK(!args.shared);
    CHECK(!args.compare);

    // After MAYBE_WEAKREF, a count of 0 in the shared field is safe to increment from.
    ft_object_set_maybe_weakref(op);
    CHECK_EQ_INT(shared_raw(op), FT_REF_SHARED_MAYBE_WEAKREF);
    TryArgs args2 = {.op = op, .slot = &slot, .do_get = 1};
    run_on_other_thread(other_try_incref, &args2);
    CHECK(!args2.fast);
    CHECK(args2.shared);
    CHECK(args2.compare);
    CHECK(args2.got == op);
    CHECK_EQ_INT(frees_now(), before);

    // The location changed: compare fails (and gives back the reference it took).
    FtObject *other = test_object_new();
    slot = other;
    CHECK(!ft_try_incref_compare(&slot, op));
    CHECK(ft_xget_ref(&slot) == other);
    ft_decref(other);
    FtObject *null_slot = NULL;
    CHECK(ft_xget_ref(&null_slot) == NULL);

    ft_decref(other);
    CHECK_EQ_INT(frees_now(), before + 1);
    ft_decref(op);   // state MAYBE_WEAKREF: the owner frees through a CAS to MERGED
    CHECK_EQ_INT(frees_now(), before + 2);
}

TEST(maybe_weakref_transitions)
{
    FtObject *op = test_object_new();
    ft_object_set_maybe_weakref(op);
    ft_object_set_maybe_weakref(op);   // idempotent
    CHECK_EQ_INT(shared_raw(op) & FT_REF_SHARED_FLAG_MASK, FT_REF_SHARED_MAYBE_WEAKREF);
    // States only grow: merging makes it MERGED, and MAYBE_WEAKREF does not come back.
    ft_incref(op);
    CHECK_EQ_INT(ft_refcount_explicit_merge(op, 0), 2);
    ft_object_set_maybe_weakref(op);
    CHECK_EQ_INT(shared_raw(op) & FT_REF_SHARED_FLAG_MASK, FT_REF_SHARED_MERGED);
    ft_decref(op);
    ft_decref(op);
}

TEST(teardown)
{
    ft_thread_state_delete_current();
    ft_runtime_fini();
    CHECK(ft_thread_state_current() == NULL);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/stress/objects/test_bytearray_stress.c: one bytearray shared by 4 threads.
//
// Each thread, per round, appends its own byte value, extends by a small bytes, inserts at the
// front, then takes away as many bytes as it added (remove() of its value - or one more pop when
// another thread's pop already took it - and pops from either end), while also reading (a search,
// an item read, a to-bytes snapshot). Every mutation happens
// under the bytearray's critical section, so no operation may be lost or torn: the final length is
// exactly the initial length, and each thread's pops all succeed (there is always at least what it
// added). A second scenario has the threads only append, and checks the exact final length and
// the exact count of each thread's byte value. Bounded (ROUNDS per thread), started by a barrier,
// no sleeps. ASan catches use-after-free of a reallocated buffer, TSan unguarded accesses.
#include <pthread.h>   // pthread_barrier_t
#include <stdint.h>    // intptr_t

#include "harness.h"
#include "unit/objects/objects_test_util.h"

#include "objects/bytearray.h"   // ft_bytearray_*
#include "objects/bytes.h"       // ft_bytes_*
#include "objects/int.h"
#include "objects/slice.h"         // ft_int_*
#include "runtime/object_lock.h" // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "sync/atomic.h"         // ft_atomic_*

#define THREADS 4
#define ROUNDS 8000
#define INITIAL 16

static FtObject *shared;
static pthread_barrier_t start_barrier;
static int failures;   // atomic

static FtObject *
call_ref(const char *name, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *m = ft_object_get_attr_cstr_ref(shared, name);
    if (m == NULL)
        return NULL;
    FtObject *res = ft_object_vectorcall_ref(m, args, (size_t)nargs, NULL);
    ft_decref(m);
    return res;
}

static void
fail(void)
{
    ft_atomic_add_int_relaxed(&failures, 1);
    ft_error_clear();
}

static void
churn_round(int id, FtObject *mine, FtObject *chunk, FtThreadState *ts, int round)
{
    // Add 1 + 3 + 1 bytes.
    if (ft_bytearray_append(shared, mine) < 0 || ft_bytearray_extend_buffer(shared, chunk) < 0)
        fail();
    FtObject *zero = ft_int_from_int64_ref(0);
    FtObject *args[2] = {zero, mine};
    FtObject *r = call_ref("insert", args, 2);
    if (r == NULL)
        fail();
    ft_xdecref(r);
    // Reads: a search for our chunk, an item, a snapshot.
    r = call_ref("find", &chunk, 1);
    if (r == NULL)
        fail();
    ft_xdecref(r);
    FtObject *item = shared->ob_type->tp_as_sequence->sq_item(shared, 0);
    if (item == NULL)
        ft_error_clear();   // only IndexError is possible, and the length never drops to 0
    ft_xdecref(item);
    FtObject *snap = ft_bytearray_to_bytes_ref(shared);
    if (snap == NULL || ft_bytes_size(snap) < INITIAL)
        fail();
    ft_xdecref(snap);
    // Remove 5 bytes: our own value by remove(), then four pops from either end.
    r = call_ref("remove", &mine, 1);
    if (r == NULL) {
        // Another thread's pop may have taken our byte from an end: pop one instead.
        if (!ft_error_matches(&ft_exc_value_error))
            fail();
        ft_error_clear();
        if (ft_bytearray_pop(shared, -1) < 0)
            fail();
    }
    ft_xdecref(r);
    for (int k = 0; k < 4; k++) {
        if (ft_bytearray_pop(shared, (k + round + id) % 2 == 0 ? -1 : 0) < 0)
            fail();
    }
    ft_decref(zero);
    if (round % 64 == 0)
        ft_eval_breaker_poll(ts);
}

static void *
churn_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    FtThreadState *ts = obj_thread_begin();
    FtObject *mine = ft_int_from_int64_ref('a' + id);
    char c[3] = {(char)('A' + id), (char)('A' + id), (char)('A' + id)};
    FtObject *chunk = ft_bytes_from_data_ref(c, 3);
    ft_thread_detach(ts);
    pthread_barrier_wait(&start_barrier);
    ft_thread_attach(ts);
    for (int round = 0; round < ROUNDS; round++)
        churn_round(id, mine, chunk, ts, round);
    ft_decref(chunk);
    ft_decref(mine);
    ft_thread_state_delete_current();
    return NULL;
}

static void *
append_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    FtThreadState *ts = obj_thread_begin();
    FtObject *mine = ft_int_from_int64_ref('a' + id);
    ft_thread_detach(ts);
    pthread_barrier_wait(&start_barrier);
    ft_thread_attach(ts);
    for (int round = 0; round < ROUNDS * 4; round++) {
        if (ft_bytearray_append(shared, mine) < 0)
            fail();
        if (round % 256 == 0)
            ft_eval_breaker_poll(ts);
    }
    ft_decref(mine);
    ft_thread_state_delete_current();
    return NULL;
}

static void
run_threads(void *(*fn)(void *))
{
    pthread_t t[THREADS];
    FtThreadState *ts = ft_thread_state_current();
    pthread_barrier_init(&start_barrier, NULL, THREADS);
    for (intptr_t i = 0; i < THREADS; i++)
        pthread_create(&t[i], NULL, fn, (void *)i);
    ft_thread_detach(ts);   // joining blocks
    for (int i = 0; i < THREADS; i++)
        pthread_join(t[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&start_barrier);
}

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_bytes_init_types(), 0);
    CHECK_EQ_INT(ft_slice_init_types(), 0);   // TODO(#4): part of ft_objects_init
}

TEST(churn_keeps_exact_length)
{
    shared = ft_bytearray_from_data_ref("0123456789abcdef", INITIAL);
    CHECK(shared != NULL);
    run_threads(churn_worker);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&failures), 0);
    CHECK_EQ_INT(ft_bytearray_size(shared), INITIAL);
    ft_decref(shared);
}

TEST(appends_are_never_lost)
{
    shared = ft_bytearray_from_data_ref(NULL, 0);
    run_threads(append_worker);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&failures), 0);
    CHECK_EQ_INT(ft_bytearray_size(shared), THREADS * ROUNDS * 4);
    int counts[THREADS] = {0};
    FT_BEGIN_CRITICAL_SECTION_OBJECT(shared);
    Ft_ssize n;
    const char *p = ft_bytearray_data_lock_held(shared, &n);
    for (Ft_ssize i = 0; i < n; i++) {
        int k = p[i] - 'a';
        if (k >= 0 && k < THREADS)
            counts[k]++;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    for (int k = 0; k < THREADS; k++)
        CHECK_EQ_INT(counts[k], ROUNDS * 4);
    ft_decref(shared);
}

int
main(void)
{
    return ft_test_run_all();
}

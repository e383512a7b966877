// tests/unit/objects/test_int.c: int and bool - every number slot through the operator dispatcher
// (objects/abstract_number.h), the methods and properties, int() construction and every error
// message, compared with the oracle's results in number_expected/int.txt (regenerate with
// objects/gen/gen_number_tests.py); plus the C-level invariants (small-int cache, int64 boundary)
// and concurrent use of shared ints.
#include <pthread.h>   // pthread_barrier_t

#include "objects_test_util.h"

#include "number_test_eval.h"   // nt_run_file

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(oracle_cases)
{
    long count = 0;
    int failures = nt_run_file("int.txt", &count);
    printf("  %ld int cases, %d failed\n", count, failures);
    CHECK(count > 10000);
    CHECK_EQ_INT(failures, 0);
}

// Oracle: `256 is int('256')` True, `257 is int('257')` False; -5 cached, -6 not.
TEST(small_int_cache)
{
    FtObject *a = ft_int_from_int64_ref(256), *b = ft_int_from_int64_ref(256);
    CHECK(a == b);
    FtObject *c = ft_int_from_int64_ref(257), *d = ft_int_from_int64_ref(257);
    CHECK(c != d);
    FtObject *e = ft_int_from_int64_ref(-5), *f = ft_int_from_int64_ref(-5);
    CHECK(e == f);
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *sum = ft_number_add_ref(ft_int_from_int64_ref(255), one);   // computed results too
    CHECK(sum == a);
    ft_decref(sum);
    ft_decref(c);
    ft_decref(d);
}

TEST(int64_boundary)
{
    bool ok;
    FtObject *max = ft_int_from_int64_ref(INT64_MAX);
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *big = ft_number_add_ref(max, one);
    CHECK(big != NULL && ft_int_value_borrow(big)->big != NULL);
    CHECK(ft_int_as_int64(big, &ok) == -1 && !ok);
    CHECK(obj_error_is(&ft_exc_overflow_error, "Python int too large to convert to C long"));
    FtObject *back = ft_number_subtract_ref(big, one);
    CHECK(back != NULL && ft_int_value_borrow(back)->big == NULL);
    CHECK(ft_int_as_int64(back, &ok) == INT64_MAX && ok);
    CHECK(ft_int_as_int64(FT_NONE, &ok) == -1 && !ok);
    CHECK(obj_error_is(&ft_exc_type_error, "'NoneType' object cannot be interpreted as an integer"));
    CHECK(ft_int_as_int64(FT_TRUE, &ok) == 1 && ok);
    ft_decref(max);
    ft_decref(big);
    ft_decref(back);
}

#define WORKERS 2
static pthread_barrier_t barrier;
static FtObject *shared_big;   // 10**40, published before the threads start
static int worker_ok[WORKERS];

// Ints are immutable: threads compute with a shared big int and shared small ints at once.
static void *
worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    FtObject *seven = ft_int_from_int64_ref(7);
    pthread_barrier_wait(&barrier);
    int ok = 1;
    for (int i = 0; i < 2000; i++) {
        FtObject *n = ft_int_from_int64_ref(i + id);
        FtObject *p = ft_number_multiply_ref(shared_big, n);
        FtObject *q = p ? ft_number_floor_divide_ref(p, shared_big) : NULL;
        ok &= q != NULL && ft_object_rich_compare_bool(q, n, FT_EQ) == 1;
        FtObject *r = ft_number_remainder_ref(shared_big, seven);
        ok &= r != NULL && ft_int_as_int64(r, NULL) == 4;   // 10**40 % 7 == 4 (oracle)
        ok &= ft_object_hash(shared_big) == 1388497483929617590;   // hash(10**40) (oracle)
        ft_xdecref(p);
        ft_xdecref(q);
        ft_xdecref(r);
        ft_decref(n);
    }
    worker_ok[id] = ok;
    ft_thread_state_delete_current();
    return NULL;
}

TEST(concurrent_arithmetic_on_shared_ints)
{
    FtObject *ten = ft_int_from_int64_ref(10), *forty = ft_int_from_int64_ref(40);
    shared_big = ft_number_power_ref(ten, forty, FT_NONE);
    CHECK(shared_big != NULL);
    pthread_barrier_init(&barrier, NULL, WORKERS);
    pthread_t threads[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        pthread_create(&threads[i], NULL, worker, (void *)(intptr_t)i);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < WORKERS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    for (int i = 0; i < WORKERS; i++)
        CHECK(worker_ok[i]);
    ft_decref(shared_big);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/objects/test_float.c: float - the number slots alone and mixed with ints and bools
// through the operator dispatcher, exact float/int comparison, the methods, float() construction
// and every error message, compared with the oracle's results in number_expected/float.txt
// (regenerate with objects/gen/gen_number_tests.py); plus the NaN identity hash and concurrent use
// of shared floats and complex numbers.
#include <math.h>      // NAN
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
    int failures = nt_run_file("float.txt", &count);
    printf("  %ld float cases, %d failed\n", count, failures);
    CHECK(count > 10000);
    CHECK_EQ_INT(failures, 0);
}

// A NaN hashes by identity (CPython 3.10+): two NaN objects differ, one object is stable.
TEST(nan_hash_is_identity)
{
    FtObject *a = ft_float_from_double_ref(NAN), *b = ft_float_from_double_ref(NAN);
    CHECK(ft_object_hash(a) == ft_object_hash(a));
    CHECK(ft_object_hash(a) != ft_object_hash(b));
    CHECK(ft_object_rich_compare_bool(a, a, FT_EQ) == 1);   // identity implies equality
    FtObject *eq = ft_object_rich_compare_ref(a, a, FT_EQ);
    CHECK(eq == FT_FALSE);
    ft_decref(a);
    ft_decref(b);
}

TEST(as_double)
{
    FtObject *i = ft_int_from_int64_ref(3);
    CHECK(ft_float_as_double(i) == 3.0);
    CHECK(ft_float_as_double(FT_TRUE) == 1.0);
    CHECK(ft_float_as_double(FT_NONE) == -1.0);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "float() argument must be a string or a real number, not 'NoneType'"));
    ft_decref(i);
}

#define WORKERS 2
static pthread_barrier_t barrier;
static FtObject *shared_float;     // 0.1, published before the threads start
static FtObject *shared_complex;   // (1+2j), published before the threads start
static int worker_ok[WORKERS];

// Floats and complex numbers are immutable: threads read and combine shared ones at once.
static void *
worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    pthread_barrier_wait(&barrier);
    int ok = 1;
    for (int i = 0; i < 2000; i++) {
        FtObject *n = ft_int_from_int64_ref(i + id);
        FtObject *p = ft_number_multiply_ref(shared_float, n);
        ok &= p != NULL && ft_float_value(p) == 0.1 * (double)(i + id);
        FtObject *q = ft_number_add_ref(shared_complex, shared_float);
        ok &= q != NULL && obj_repr_is(q, "(1.1+2j)");
        ok &= ft_object_hash(shared_float) == 230584300921369408;   // hash(0.1) (oracle)
        ok &= ft_object_hash(shared_complex) == 2000007;            // hash(1+2j) (oracle)
        ft_xdecref(p);
        ft_xdecref(q);
        ft_decref(n);
    }
    worker_ok[id] = ok;
    ft_thread_state_delete_current();
    return NULL;
}

TEST(concurrent_use_of_shared_floats)
{
    shared_float = ft_float_from_double_ref(0.1);
    shared_complex = ft_complex_from_doubles_ref(1.0, 2.0);
    CHECK(shared_float != NULL && shared_complex != NULL);
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
    ft_decref(shared_float);
    ft_decref(shared_complex);
}

int
main(void)
{
    return ft_test_run_all();
}

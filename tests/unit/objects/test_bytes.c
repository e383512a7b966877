// tests/unit/objects/test_bytes.c: bytes (objects/bytes.c, objects/bytes_methods.c): the oracle's
// cases (bytes_expected/cases.txt, from objects/gen/gen_bytes_tests.py) with a bytes receiver, and
// the C-level invariants: the shared singletons, the hash cache, a shared iterator.
#include <pthread.h>   // pthread_create pthread_join

#include "objects_test_util.h"

#include "bytes_expected/bytes_cases.h"
#include "objects/bytes.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "runtime/thread_state.h"

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_bytes_init_types(), 0);
    CHECK_EQ_INT(ft_slice_init_types(), 0);   // TODO(#4): part of ft_objects_init
}

TEST(oracle_cases)
{
    long ran = 0;
    long failures = bc_run_cases(false, &ran);
    printf("  %ld bytes cases, %ld failed\n", ran, failures);
    CHECK(ran > 1000);
    CHECK_EQ_INT(failures, 0);
}

TEST(singletons)
{
    FtObject *e1 = ft_bytes_from_data_ref("", 0);
    FtObject *e2 = ft_bytes_from_data_ref(NULL, 0);
    CHECK(e1 == e2);
    FtObject *a1 = ft_bytes_from_data_ref("a", 1);
    FtObject *a2 = ft_bytes_from_data_ref("ab", 1);
    CHECK(a1 == a2);
    CHECK_EQ_INT(ft_bytes_data(a1)[1], 0);
    FtObject *big = ft_bytes_from_data_ref("hello", 5);
    CHECK_EQ_INT(ft_bytes_size(big), 5);
    CHECK_EQ_INT(ft_bytes_data(big)[5], 0);   // NUL-terminated
    CHECK(ft_bytes_hash(big) == ft_hash_bytes("hello", 5));
    CHECK(ft_bytes_hash(big) == ft_bytes_hash(big));   // cached
    ft_decref(big);
    ft_decref(e1);
    ft_decref(e2);
    ft_decref(a1);
    ft_decref(a2);
}

// Four threads drain one shared bytes iterator: every byte is yielded exactly once.
#define ITER_THREADS 4
#define ITER_SIZE 20000

static FtObject *shared_iter;
static pthread_barrier_t iter_barrier;
static long iter_sums[ITER_THREADS];
static long iter_counts[ITER_THREADS];

static void *
iter_worker(void *arg)
{
    long id = (long)arg;
    obj_thread_begin();
    pthread_barrier_wait(&iter_barrier);
    FtObject *item;
    while ((item = shared_iter->ob_type->tp_iternext(shared_iter)) != NULL) {
        iter_sums[id] += (long)ft_int_as_int64(item, NULL);
        iter_counts[id]++;
        ft_decref(item);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(shared_iterator)
{
    char *buf = malloc(ITER_SIZE);
    long expected = 0;
    for (int i = 0; i < ITER_SIZE; i++) {
        buf[i] = (char)(i * 7);
        expected += (unsigned char)buf[i];
    }
    FtObject *b = ft_bytes_from_data_ref(buf, ITER_SIZE);
    free(buf);
    shared_iter = b->ob_type->tp_iter(b);
    pthread_barrier_init(&iter_barrier, NULL, ITER_THREADS);
    pthread_t t[ITER_THREADS];
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);   // joining blocks: let stop-the-world proceed without us
    for (long i = 0; i < ITER_THREADS; i++)
        pthread_create(&t[i], NULL, iter_worker, (void *)i);
    for (int i = 0; i < ITER_THREADS; i++)
        pthread_join(t[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&iter_barrier);
    long sum = 0, count = 0;
    for (int i = 0; i < ITER_THREADS; i++) {
        sum += iter_sums[i];
        count += iter_counts[i];
    }
    ft_decref(shared_iter);
    ft_decref(b);
    CHECK_EQ_INT(count, ITER_SIZE);
    CHECK_EQ_INT(sum, expected);
}

int
main(void)
{
    return ft_test_run_all();
}

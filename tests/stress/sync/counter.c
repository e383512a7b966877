// tests/stress/sync/counter.c: 4 threads increment shared counters under FtMutex, FtRWMutex
// writers and FtRecursiveMutex; the totals must be exact (a lost update means broken exclusion).
// Every round runs 4 x 1,000,000 in every build, ThreadSanitizer included.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/mutex.h"
#include "sync/recursive_mutex.h"
#include "sync/rwmutex.h"

enum { THREADS = 4, MUTEX_ITERS = 1000000, OTHER_ITERS = 1000000 };

static pthread_barrier_t start;

static FtMutex mutex;
static long mutex_counter;   // guarded_by(mutex)

static void *
mutex_main(void *arg)
{
    pthread_barrier_wait(&start);
    for (int i = 0; i < MUTEX_ITERS; i++) {
        ft_mutex_lock(&mutex);
        mutex_counter++;
        ft_mutex_unlock(&mutex);
    }
    return NULL;
}

static FtRWMutex rwmutex;
static long rw_counter;   // guarded_by(rwmutex) (write side; read side only reads)
static Ft_ssize rw_reads; // atomic (relaxed): statistic only

static void *
rwmutex_main(void *arg)
{
    long id = (long)(intptr_t)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < OTHER_ITERS; i++) {
        ft_rwmutex_lock(&rwmutex);
        rw_counter++;
        ft_rwmutex_unlock(&rwmutex);
        if (id == 0 && (i & 63) == 0) {
            ft_rwmutex_rlock(&rwmutex);
            if (rw_counter > 0)
                ft_atomic_add_ssize_relaxed(&rw_reads, 1);   // relaxed: statistic only
            ft_rwmutex_runlock(&rwmutex);
        }
    }
    return NULL;
}

static FtRecursiveMutex recursive;
static long recursive_counter;   // guarded_by(recursive)

static void *
recursive_main(void *arg)
{
    pthread_barrier_wait(&start);
    for (int i = 0; i < OTHER_ITERS; i++) {
        ft_recursive_mutex_lock(&recursive);
        ft_recursive_mutex_lock(&recursive);
        recursive_counter++;
        ft_recursive_mutex_unlock(&recursive);
        ft_recursive_mutex_unlock(&recursive);
    }
    return NULL;
}

static void
run_threads(void *(*fn)(void *))
{
    pthread_t t[THREADS];
    pthread_barrier_init(&start, NULL, THREADS);
    for (long i = 0; i < THREADS; i++)
        t[i] = test_thread_start(fn, (void *)(intptr_t)i);
    for (int i = 0; i < THREADS; i++)
        test_thread_join(t[i]);
    pthread_barrier_destroy(&start);
}

TEST(mutex_counter_is_exact)
{
    run_threads(mutex_main);
    CHECK_EQ_INT(mutex_counter, (long)THREADS * MUTEX_ITERS);
    CHECK_EQ_INT(mutex.bits, 0);
}

TEST(rwmutex_writer_counter_is_exact)
{
    run_threads(rwmutex_main);
    CHECK_EQ_INT(rw_counter, (long)THREADS * OTHER_ITERS);
    CHECK_EQ_INT(rwmutex.bits, 0);
}

TEST(recursive_mutex_counter_is_exact)
{
    run_threads(recursive_main);
    CHECK_EQ_INT(recursive_counter, (long)THREADS * OTHER_ITERS);
    CHECK_EQ_INT(recursive.owner, 0);
}

int
main(void)
{
    return ft_test_run_all();
}

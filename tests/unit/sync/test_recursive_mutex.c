// tests/unit/sync/test_recursive_mutex.c: FtRecursiveMutex re-entry, ownership and exclusion.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/recursive_mutex.h"

TEST(reentry_counts_levels)
{
    FtRecursiveMutex m = {0};
    CHECK(!ft_recursive_mutex_is_owned_by_me(&m));
    ft_recursive_mutex_lock(&m);
    ft_recursive_mutex_lock(&m);
    CHECK_EQ_INT(ft_recursive_mutex_lock_timed(&m, 0, 0), FT_LOCK_ACQUIRED);
    CHECK(ft_recursive_mutex_is_owned_by_me(&m));
    CHECK_EQ_INT(m.level, 2);
    ft_recursive_mutex_unlock(&m);
    ft_recursive_mutex_unlock(&m);
    CHECK(ft_recursive_mutex_is_owned_by_me(&m));
    CHECK(ft_mutex_is_locked(&m.mutex));
    ft_recursive_mutex_unlock(&m);
    CHECK(!ft_recursive_mutex_is_owned_by_me(&m));
    CHECK(!ft_mutex_is_locked(&m.mutex));
    CHECK_EQ_INT(m.owner, 0);
}

typedef struct OtherArg {
    FtRecursiveMutex *m;
    int owned_seen;
    int try_result;
} OtherArg;

static void *
other_main(void *arg)
{
    OtherArg *a = arg;
    a->owned_seen = ft_recursive_mutex_is_owned_by_me(a->m);
    a->try_result = ft_recursive_mutex_lock_timed(a->m, 2 * 1000 * 1000, FT_LOCK_DETACH);
    if (a->try_result == FT_LOCK_ACQUIRED)
        ft_recursive_mutex_unlock(a->m);
    return NULL;
}

TEST(other_thread_is_excluded)
{
    static FtRecursiveMutex m;
    ft_recursive_mutex_lock(&m);
    ft_recursive_mutex_lock(&m);
    OtherArg a = {.m = &m};
    test_thread_join(test_thread_start(other_main, &a));
    CHECK_EQ_INT(a.owned_seen, 0);
    CHECK_EQ_INT(a.try_result, FT_LOCK_FAILURE);
    ft_recursive_mutex_unlock(&m);
    ft_recursive_mutex_unlock(&m);
    test_thread_join(test_thread_start(other_main, &a));
    CHECK_EQ_INT(a.try_result, FT_LOCK_ACQUIRED);
}

static FtRecursiveMutex counter_mutex;
static long counter;   // guarded_by(counter_mutex)

static void *
count_main(void *arg)
{
    for (int i = 0; i < 20000; i++) {
        ft_recursive_mutex_lock(&counter_mutex);
        ft_recursive_mutex_lock(&counter_mutex);
        counter++;
        ft_recursive_mutex_unlock(&counter_mutex);
        counter++;
        ft_recursive_mutex_unlock(&counter_mutex);
    }
    return NULL;
}

TEST(two_threads_count_exactly)
{
    pthread_t a = test_thread_start(count_main, NULL);
    pthread_t b = test_thread_start(count_main, NULL);
    test_thread_join(a);
    test_thread_join(b);
    CHECK_EQ_INT(counter, 80000);
}

int
main(void)
{
    return ft_test_run_all();
}

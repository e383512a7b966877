// tests/unit/sync/test_critical_section.c: nesting, re-entry skip, two-mutex ordering and
// degrade, suspend/resume, release while blocked, and threads with no bound FtSyncThread.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/critical_section.h"

static FtMutex pair[2];   // pair[0] has the lower address

TEST(single_section_and_nesting)
{
    FtMutex *m1 = &pair[0], *m2 = &pair[1];
    FT_BEGIN_CRITICAL_SECTION(m1);
    CHECK(ft_mutex_is_locked(m1));
    CHECK(ft_critical_section_is_held(m1));
    ft_critical_section_assert_held(m1);
    FT_BEGIN_CRITICAL_SECTION(m2);
    CHECK(ft_critical_section_is_held(m2));
    CHECK(!ft_critical_section_is_held(m1));   // only the top section counts
    CHECK(ft_mutex_is_locked(m1));
    FT_END_CRITICAL_SECTION();
    CHECK(!ft_mutex_is_locked(m2));
    CHECK(ft_critical_section_is_held(m1));
    FT_END_CRITICAL_SECTION();
    CHECK(!ft_mutex_is_locked(m1));
    CHECK_EQ_INT(ft_sync_thread_current()->critical_section, 0);
}

TEST(reentry_on_the_same_mutex_is_skipped)
{
    FtMutex *m = &pair[0];
    FtCriticalSection outer, inner;
    ft_critical_section_begin_mutex(&outer, m);
    ft_critical_section_begin_mutex(&inner, m);   // would self-deadlock if it locked
    CHECK(inner.mutex == NULL);
    CHECK(ft_sync_thread_current()->critical_section == (uintptr_t)&outer);
    ft_critical_section_end(&inner);
    CHECK(ft_mutex_is_locked(m));
    ft_critical_section_end(&outer);
    CHECK(!ft_mutex_is_locked(m));
    // Re-entry on either mutex of a two-mutex top section is skipped too.
    FtCriticalSection2 two;
    ft_critical_section2_begin_mutex(&two, &pair[1], &pair[0]);
    ft_critical_section_begin_mutex(&inner, &pair[1]);
    CHECK(inner.mutex == NULL);
    ft_critical_section_end(&inner);
    ft_critical_section2_end(&two);
    CHECK(!ft_mutex_is_locked(&pair[0]) && !ft_mutex_is_locked(&pair[1]));
}

TEST(two_mutexes_lock_in_address_order)
{
    FtCriticalSection2 c;
    ft_critical_section2_begin_mutex(&c, &pair[1], &pair[0]);
    CHECK(c.base.mutex == &pair[0]);
    CHECK(c.mutex2 == &pair[1]);
    CHECK(ft_mutex_is_locked(&pair[0]) && ft_mutex_is_locked(&pair[1]));
    uintptr_t top = ft_sync_thread_current()->critical_section;
    CHECK_EQ_INT(top, (uintptr_t)&c | FT_CRITICAL_SECTION_TWO_MUTEXES);
    CHECK(ft_critical_section_is_held(&pair[0]) && ft_critical_section_is_held(&pair[1]));
    ft_critical_section2_end(&c);
    CHECK(!ft_mutex_is_locked(&pair[0]) && !ft_mutex_is_locked(&pair[1]));
    FT_BEGIN_CRITICAL_SECTION2(&pair[0], &pair[1]);
    FT_BEGIN_CRITICAL_SECTION(&pair[0]);   // nested macros shadow quietly
    FT_END_CRITICAL_SECTION();
    CHECK(ft_mutex_is_locked(&pair[0]));
    FT_END_CRITICAL_SECTION2();
    CHECK(!ft_mutex_is_locked(&pair[0]) && !ft_mutex_is_locked(&pair[1]));
}

TEST(same_mutex_degrades_to_one)
{
    FtCriticalSection2 c;
    ft_critical_section2_begin_mutex(&c, &pair[0], &pair[0]);
    CHECK(c.mutex2 == NULL);
    CHECK(c.base.mutex == &pair[0]);
    CHECK_EQ_INT(ft_sync_thread_current()->critical_section, (uintptr_t)&c);
    CHECK_EQ_INT(pair[0].bits, FT_MUTEX_LOCKED);
    ft_critical_section2_end(&c);
    CHECK(!ft_mutex_is_locked(&pair[0]));
}

TEST(suspend_all_and_resume_top_only)
{
    static FtMutex a, b, c;
    FtSyncThread *t;
    FT_BEGIN_CRITICAL_SECTION(&a);
    FtCriticalSection2 inner;
    ft_critical_section2_begin_mutex(&inner, &b, &c);
    t = ft_sync_thread_current();
    ft_critical_section_suspend_all(t);
    CHECK(!ft_mutex_is_locked(&a) && !ft_mutex_is_locked(&b) && !ft_mutex_is_locked(&c));
    CHECK(t->critical_section & FT_CRITICAL_SECTION_INACTIVE);
    CHECK(inner.base.prev & FT_CRITICAL_SECTION_INACTIVE);
    ft_critical_section_resume(t);
    CHECK(ft_mutex_is_locked(&b) && ft_mutex_is_locked(&c));
    CHECK(!ft_mutex_is_locked(&a));   // the outer section stays suspended...
    ft_critical_section2_end(&inner);
    CHECK(ft_mutex_is_locked(&a));    // ...until it is the top again
    CHECK(!(t->critical_section & FT_CRITICAL_SECTION_INACTIVE));
    FT_END_CRITICAL_SECTION();
    CHECK(!ft_mutex_is_locked(&a));
    ft_critical_section_resume(t);    // empty stack: a no-op
    CHECK_EQ_INT(t->critical_section, 0);
}

typedef struct BlockArg {
    FtMutex *object;
    FtMutex *busy;
    FtSemaphore *parked;
    int held_after;
} BlockArg;

static void *
block_in_section(void *arg)
{
    BlockArg *a = arg;
    TestProbe probe;
    test_probe_bind(&probe, a->parked);
    FT_BEGIN_CRITICAL_SECTION(a->object);
    ft_mutex_lock(a->busy);   // parks: the section must be released meanwhile
    ft_mutex_unlock(a->busy);
    a->held_after = ft_critical_section_is_held(a->object);
    FT_END_CRITICAL_SECTION();
    ft_sync_thread_bind(NULL);
    return NULL;
}

TEST(blocking_releases_the_section)
{
    static FtMutex object, busy;
    FtSemaphore parked;
    ft_semaphore_init(&parked, 0);
    BlockArg a = {.object = &object, .busy = &busy, .parked = &parked};
    ft_mutex_lock(&busy);
    pthread_t t = test_thread_start(block_in_section, &a);
    test_wait_posts(&parked, 1);
    // The blocked thread gave the object up: we can take it.
    CHECK(ft_mutex_trylock(&object));
    ft_mutex_unlock(&object);
    ft_mutex_unlock(&busy);
    test_thread_join(t);
    CHECK(a.held_after);
    CHECK(!ft_mutex_is_locked(&object));
}

static void *
unbound_thread(void *arg)
{
    int *ok = arg;
    *ok = ft_sync_thread_current() == NULL;
    FT_BEGIN_CRITICAL_SECTION(&pair[0]);
    *ok = *ok && ft_sync_thread_current() != NULL && ft_critical_section_is_held(&pair[0]);
    FT_END_CRITICAL_SECTION();
    *ok = *ok && !ft_mutex_is_locked(&pair[0]);
    return NULL;
}

TEST(thread_without_record_gets_a_fallback)
{
    int ok = 0;
    test_thread_join(test_thread_start(unbound_thread, &ok));
    CHECK(ok);
}

TEST(two_mutex_section_over_a_held_mutex)
{
    // The top section holds pair[0]; a two-mutex section on pair[0] and pair[1] cannot skip it,
    // so its lock of pair[0] parks, which suspends the outer section and so frees pair[0].
    FtCriticalSection outer;
    FtCriticalSection2 inner;
    ft_critical_section_begin_mutex(&outer, &pair[0]);
    ft_critical_section2_begin_mutex(&inner, &pair[1], &pair[0]);
    CHECK(ft_critical_section_is_held(&pair[0]) && ft_critical_section_is_held(&pair[1]));
    CHECK(inner.base.prev & FT_CRITICAL_SECTION_INACTIVE);
    ft_critical_section2_end(&inner);
    CHECK(ft_critical_section_is_held(&pair[0]));   // the outer section was resumed
    CHECK(!ft_mutex_is_locked(&pair[1]));
    ft_critical_section_end(&outer);
    CHECK(!ft_mutex_is_locked(&pair[0]));
}

int
main(void)
{
    return ft_test_run_all();
}

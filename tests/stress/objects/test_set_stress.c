// tests/stress/objects/test_set_stress.c: one set shared by 4 threads.
//
// Churn phase: each thread, round after round, adds a batch of its own int keys (heap ints, beyond
// the small-int cache, so other threads drop references to objects it owns through the biased
// reference counting slow path), checks that every one is a member, discards three in four and
// checks that those are gone and the rest still present. In between it adds and discards keys of a
// small common pool of str keys that every thread fights over (no assertion on their presence, only
// that no operation fails), iterates the set (a concurrent size change may raise RuntimeError, which
// is the expected outcome; anything else is a failure), takes its repr and copies it.
// Final phase, after a barrier: each thread adds its quarter of the common pool. The main thread
// then checks the exact final contents: every kept own key, every common key, nothing else.
//
// Deterministic (no randomness, no timing), bounded (ROUNDS * BATCH operations per thread), and
// every wait is a barrier or a join. ASan checks use-after-free of keys and tables, TSan that every
// table access is ordered by the set's critical section.
//
// Under ThreadSanitizer every object a worker creates is kept alive until the workers are joined:
// runtime/object_alloc.c returns an emptied object page to mimalloc (page_release_to_mimalloc, on
// liburcu's helper thread) after a plain store to the page header and without an FT_TSAN_RELEASE,
// so when mimalloc hands that memory to ft_runtime_mem_alloc for a set table, TSan reports the
// table's memset against that store. TODO(#4): drop KEEP_OBJECTS once the runtime annotates that
// hand-off (as test_dict_stress.c, for its own reason).
#include <pthread.h>   // pthread_barrier_t pthread_create pthread_join
#include <stdio.h>     // printf snprintf
#include <stdlib.h>    // calloc free

#include "harness.h"
#include "objects/error.h"
#include "objects/int.h"
#include "objects/object.h"
#include "objects/set.h"
#include "objects/str.h"
#include "runtime/thread_state.h"
#include "sync/fatal.h"

#define THREADS 4
#define ROUNDS 500
#define BATCH 64
#define KEY_BASE 1000000      // thread t's key r*BATCH+i is KEY_BASE*(t+1) + r*BATCH + i
#define COMMON 64             // str keys "common-<n>"

#if defined(FT_TSAN)
#define KEEP_OBJECTS 1
#else
#define KEEP_OBJECTS 0
#endif
#define KEEP_MAX (ROUNDS * (BATCH + 4))

static FtObject *shared;
static pthread_barrier_t start_barrier, final_barrier;
static int failures[THREADS];   // written by thread t only; read after the join
static FtObject **kept[THREADS];   // thread t's kept objects (KEEP_OBJECTS); dropped after the join
static int kept_count[THREADS];    // written by thread t only; read after the join
static FtObject *common_keys[COMMON];   // created before the workers start, dropped after

// Drops obj now, or (KEEP_OBJECTS) after the workers are joined.
static void
drop(int t, FtObject *obj)
{
    if (obj == NULL)
        return;
    if (KEEP_OBJECTS && kept_count[t] < KEEP_MAX) {
        kept[t][kept_count[t]++] = obj;
        return;
    }
    ft_decref(obj);
}

static int64_t
own_key(int t, int r, int i)
{
    return (int64_t)KEY_BASE * (t + 1) + (int64_t)r * BATCH + i;
}

static FtObject *
common_key_ref(int n)
{
    return ft_new_ref(common_keys[n]);
}

static void
fail(int t, const char *what)
{
    if (failures[t]++ < 5)
        printf("  thread %d: %s\n", t, what);
    ft_error_clear();
}

// Walks the set with its iterator; RuntimeError "Set changed size during iteration" is expected
// when another thread changes the size meanwhile.
static void
iterate_once(int t)
{
    FtObject *it = shared->ob_type->tp_iter(shared);
    if (it == NULL) {
        fail(t, "iter failed");
        return;
    }
    FtObject *item;
    while ((item = it->ob_type->tp_iternext(it)) != NULL)
        ft_decref(item);   // a member of the set: not freed here
    if (ft_error_occurred()) {
        if (ft_error_matches(&ft_exc_runtime_error))
            ft_error_clear();
        else
            fail(t, "iteration raised something other than RuntimeError");
    }
    drop(t, it);
}

static void *
worker(void *arg)
{
    int t = (int)(intptr_t)arg;
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL)
        ft_fatal("out of memory");
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    pthread_barrier_wait(&start_barrier);

    for (int r = 0; r < ROUNDS; r++) {
        FtObject *keys[BATCH];
        for (int i = 0; i < BATCH; i++) {
            keys[i] = ft_int_from_int64_ref(own_key(t, r, i));
            if (ft_set_add(shared, keys[i]) != 0)
                fail(t, "add failed");
        }
        for (int i = 0; i < BATCH; i++)
            if (ft_set_contains(shared, keys[i]) != 1)
                fail(t, "own key missing after add");
        for (int i = 0; i < BATCH; i++)
            if (i % 4 != 0 && ft_set_discard(shared, keys[i]) != 1)
                fail(t, "discard of an own key did not find it");
        for (int i = 0; i < BATCH; i++)
            if (ft_set_contains(shared, keys[i]) != (i % 4 == 0))
                fail(t, "own key membership wrong after discard");
        for (int i = 0; i < BATCH; i++)
            drop(t, keys[i]);

        FtObject *c = common_key_ref((r * 7 + t * 13) % COMMON);
        if (ft_set_add(shared, c) != 0 || ft_set_contains(shared, c) < 0 ||
            ft_set_discard(shared, c) < 0)
            fail(t, "common key operation failed");
        ft_decref(c);

        if (r % 16 == t) {
            iterate_once(t);
            // repr frees its temporary strs at once (see KEEP_OBJECTS): not under TSan.
            if (!KEEP_OBJECTS) {
                FtObject *rep = ft_object_repr_ref(shared);
                if (rep == NULL)
                    fail(t, "repr failed");
                drop(t, rep);
            }
            FtObject *copy = ft_set_new_ref(shared);
            if (copy == NULL || ft_set_size(copy) < 0)
                fail(t, "copy failed");
            drop(t, copy);
        }
    }

    pthread_barrier_wait(&final_barrier);
    for (int n = t; n < COMMON; n += THREADS) {
        FtObject *c = common_key_ref(n);
        if (ft_set_add(shared, c) != 0)
            fail(t, "final common add failed");
        ft_decref(c);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(four_threads_one_set)
{
    CHECK(ft_runtime_init() == 0);
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    CHECK(ts != NULL);
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    CHECK(ft_objects_init() == 0);
    CHECK(ft_set_init_types() == 0);

    shared = ft_set_new_ref(NULL);
    CHECK(shared != NULL);
    for (int n = 0; n < COMMON; n++) {
        char buf[32];
        snprintf(buf, sizeof buf, "common-%d", n);
        common_keys[n] = ft_str_from_cstr_ref(buf);
        CHECK(common_keys[n] != NULL);
    }
    for (int t = 0; t < THREADS; t++) {
        kept[t] = calloc(KEEP_MAX, sizeof(FtObject *));
        CHECK(kept[t] != NULL);
    }
    pthread_barrier_init(&start_barrier, NULL, THREADS);
    pthread_barrier_init(&final_barrier, NULL, THREADS);
    pthread_t th[THREADS];
    for (int t = 0; t < THREADS; t++)
        CHECK_EQ_INT(pthread_create(&th[t], NULL, worker, (void *)(intptr_t)t), 0);
    ft_thread_detach(ts);   // joining blocks
    for (int t = 0; t < THREADS; t++)
        pthread_join(th[t], NULL);
    ft_thread_attach(ts);
    for (int t = 0; t < THREADS; t++) {
        for (int i = 0; i < kept_count[t]; i++)
            ft_decref(kept[t][i]);
        free(kept[t]);
    }
    pthread_barrier_destroy(&start_barrier);
    pthread_barrier_destroy(&final_barrier);

    int total_failures = 0;
    for (int t = 0; t < THREADS; t++)
        total_failures += failures[t];
    CHECK_EQ_INT(total_failures, 0);

    // Exact final contents: the kept own keys, the whole common pool, nothing else.
    int64_t expected = (int64_t)THREADS * ROUNDS * (BATCH / 4) + COMMON;
    CHECK_EQ_INT(ft_set_size(shared), expected);
    for (int t = 0; t < THREADS; t++) {
        for (int r = 0; r < ROUNDS; r++) {
            for (int i = 0; i < BATCH; i++) {
                FtObject *k = ft_int_from_int64_ref(own_key(t, r, i));
                int rv = ft_set_contains(shared, k);
                ft_decref(k);
                CHECK_EQ_INT(rv, i % 4 == 0);
            }
        }
    }
    for (int n = 0; n < COMMON; n++) {
        FtObject *c = common_key_ref(n);
        int rv = ft_set_contains(shared, c);
        ft_decref(c);
        CHECK_EQ_INT(rv, 1);
    }
    // Iteration sees exactly len() items.
    FtObject *it = shared->ob_type->tp_iter(shared);
    int64_t seen = 0;
    FtObject *item;
    while ((item = it->ob_type->tp_iternext(it)) != NULL) {
        seen++;
        ft_decref(item);
    }
    ft_decref(it);
    CHECK(!ft_error_occurred());
    CHECK_EQ_INT(seen, expected);
    ft_decref(shared);
    for (int n = 0; n < COMMON; n++)
        ft_decref(common_keys[n]);
}

int
main(void)
{
    return ft_test_run_all();
}

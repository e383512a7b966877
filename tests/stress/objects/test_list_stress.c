// tests/stress/objects/test_list_stress.c: lock-free list reads racing with writers.
//
// One shared list, four threads released together by a barrier: two writers append, pop, insert,
// delete slices, extend, reverse and sort it (every item they add is a fresh heap int, so items that
// leave the list are freed at once or through their owner's merge queue); two readers read items
// by index (ft_list_get_item_ref), iterate it (list_iterator), and test membership. Every value a
// reader gets must be a live int in the range writers use; an out-of-range read must fail with
// IndexError and nothing else. Retired arrays are poisoned in debug builds (objects/list.c), so a
// reader that used an array after its grace period would crash here. Every thread reports a
// quiescent state (ft_eval_breaker_poll) each round. Bounded: fixed rounds, deterministic seeds;
// the interleaving is whatever the scheduler makes it, and no check depends on it.
#include <pthread.h>   // pthread_barrier_t
#include <stdint.h>    // int64_t uint64_t intptr_t

#include "harness.h"
#include "unit/objects/objects_test_util.h"

#include "objects/int.h"    // ft_int_*
#include "objects/list.h"   // ft_list_*
#include "sync/atomic.h"    // ft_atomic_*

#define WRITERS 2
#define READERS 2
#define WRITER_ROUNDS 30000
#define READER_ROUNDS 40000
#define MAX_LEN 160
#define VALUE_BASE ((int64_t)1 << 40)
#define VALUE_SPAN ((int64_t)1 << 32)   // writer w adds VALUE_BASE + w * VALUE_SPAN + seq

static FtObject *shared_list;
static pthread_barrier_t start_barrier;
static int bad_reads;      // atomic: reads that returned something never in the list
static Ft_ssize good_reads;  // atomic: statistic

static uint64_t
next_random(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

static bool
value_ok(FtObject *v)
{
    // (No refcount check: a snapshot of another thread's object may undercount, as the local and
    // shared halves are read at different moments.)
    if (v == NULL || !ft_int_check(v))
        return false;
    int64_t x = ft_int_as_int64(v, NULL);
    return x >= VALUE_BASE && x < VALUE_BASE + (WRITERS + 1) * VALUE_SPAN;
}

static void
report_bad(const char *what)
{
    printf("  bad read: %s\n", what);
    ft_atomic_add_int_relaxed(&bad_reads, 1);
}

static void
check_value(FtObject *v)
{
    if (!value_ok(v))
        report_bad("not an item");
    else
        ft_atomic_add_ssize_relaxed(&good_reads, 1);
}

static void
writer_round(int w, uint64_t *rng, int64_t *seq)
{
    FtObject *l = shared_list;
    Ft_ssize len = ft_list_size(l);
    uint64_t op = next_random(rng) % 16;
    if (len > MAX_LEN)
        op = 15;
    int64_t n = (*seq)++;
    FtObject *v = ft_int_from_int64_ref(VALUE_BASE + w * VALUE_SPAN + n);
    if (v == NULL)
        ft_fatal("out of memory");
    switch (op) {
    case 0: case 1: case 2: case 3: case 4:
        if (ft_list_append(l, v) < 0)
            ft_fatal("append failed");
        break;
    case 5: case 6:
        if (ft_list_insert(l, (Ft_ssize)(next_random(rng) % 8), v) < 0)
            ft_fatal("insert failed");
        break;
    case 7: {
        FtObject *t = ft_list_new_ref(0);
        for (int k = 0; k < 6; k++)
            ft_list_append(t, v);
        if (ft_list_extend(l, t) < 0)
            ft_fatal("extend failed");
        ft_decref(t);
        break;
    }
    case 8:
        ft_list_reverse(l);
        break;
    case 9:
        if (ft_list_sort(l, NULL, (next_random(rng) & 1) != 0) < 0)
            ft_fatal("sort failed");
        break;
    case 10:
        if (ft_list_set_item_steal(l, (Ft_ssize)(next_random(rng) % 4), ft_new_ref(v)) < 0)
            ft_error_clear();   // the list may be shorter than 4
        break;
    case 11:
        ft_list_del_slice(l, 0, FT_LIST_SLICE_MAX, 3);
        break;
    default: {
        // pop(), possibly from the middle, through the method; an empty list raises IndexError.
        FtObject *pop = ft_object_get_attr_cstr_ref(l, "pop");
        FtObject *r = ft_object_vectorcall_ref(pop, NULL, 0, NULL);
        ft_decref(pop);
        if (r == NULL) {
            if (!ft_error_matches(&ft_exc_index_error))
                ft_fatal("pop raised something else");
            ft_error_clear();
        } else {
            ft_decref(r);
        }
        break;
    }
    }
    ft_decref(v);
}

static void *
writer(void *arg)
{
    int w = (int)(intptr_t)arg;
    FtThreadState *ts = obj_thread_begin();
    uint64_t rng = 1000 + (uint64_t)w;
    int64_t seq = 0;
    ft_thread_detach(ts);
    pthread_barrier_wait(&start_barrier);
    ft_thread_attach(ts);
    for (int round = 0; round < WRITER_ROUNDS; round++) {
        writer_round(w + 1, &rng, &seq);
        ft_eval_breaker_poll(ts);
    }
    ft_thread_state_delete_current();
    return NULL;
}

static void
reader_round(uint64_t *rng, FtThreadState *ts)
{
    FtObject *l = shared_list;
    uint64_t op = next_random(rng) % 32;
    if (op == 0) {
        // A full iteration.
        FtObject *it = ft_list_type.tp_iter(l);
        for (FtObject *v; (v = it->ob_type->tp_iternext(it)) != NULL;) {
            check_value(v);
            ft_decref(v);
        }
        if (ft_error_occurred())
            report_bad("iteration raised");
        ft_decref(it);
    } else if (op == 1) {
        FtObject *probe = ft_int_from_int64_ref(VALUE_BASE + VALUE_SPAN + 5);
        int r = ft_list_type.tp_as_sequence->sq_contains(l, probe);
        if (r < 0)
            report_bad("contains raised");
        ft_decref(probe);
    } else {
        Ft_ssize i = (Ft_ssize)(next_random(rng) % (MAX_LEN + 8));
        FtObject *v = ft_list_get_item_ref(l, i);
        if (v == NULL) {
            if (!ft_error_matches(&ft_exc_index_error))
                report_bad("not an IndexError");
            ft_error_clear();
        } else {
            check_value(v);
            ft_decref(v);
        }
    }
    ft_eval_breaker_poll(ts);
}

static void *
reader(void *arg)
{
    int r = (int)(intptr_t)arg;
    FtThreadState *ts = obj_thread_begin();
    uint64_t rng = 77 + (uint64_t)r;
    ft_thread_detach(ts);
    pthread_barrier_wait(&start_barrier);
    ft_thread_attach(ts);
    for (int round = 0; round < READER_ROUNDS; round++)
        reader_round(&rng, ts);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_list_init_types(), 0);
}

TEST(readers_see_only_items_or_index_errors)
{
    shared_list = ft_list_new_ref(0);
    CHECK(shared_list != NULL);
    for (int64_t k = 0; k < 40; k++) {
        FtObject *v = ft_int_from_int64_ref(VALUE_BASE + k);
        ft_list_append(shared_list, v);
        ft_decref(v);
    }
    CHECK_EQ_INT(pthread_barrier_init(&start_barrier, NULL, WRITERS + READERS), 0);
    pthread_t threads[WRITERS + READERS];
    for (int w = 0; w < WRITERS; w++)
        CHECK_EQ_INT(pthread_create(&threads[w], NULL, writer, (void *)(intptr_t)w), 0);
    for (int r = 0; r < READERS; r++)
        CHECK_EQ_INT(pthread_create(&threads[WRITERS + r], NULL, reader, (void *)(intptr_t)r), 0);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int k = 0; k < WRITERS + READERS; k++)
        pthread_join(threads[k], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&start_barrier);
    printf("  %lld good reads, %d bad, final length %zd\n",
           (long long)ft_atomic_load_ssize_relaxed(&good_reads),
           ft_atomic_load_int_relaxed(&bad_reads), ft_list_size(shared_list));
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&bad_reads), 0);
    CHECK(ft_atomic_load_ssize_relaxed(&good_reads) > 0);
    for (Ft_ssize i = 0; i < ft_list_size(shared_list); i++) {
        FtObject *v = ft_list_get_item_ref(shared_list, i);
        CHECK(value_ok(v));
        ft_decref(v);
    }
    ft_decref(shared_list);
    ft_qsbr_barrier(ts);
}

int
main(void)
{
    return ft_test_run_all();
}

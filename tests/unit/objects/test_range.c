// tests/unit/objects/test_range.c: range and its iterators (objects/range.c) against the oracle:
// a table of ranges (tests/unit/objects/abstract_expected/range_cases.gen.h, written by
// objects/gen/gen_abstract_tests.py) checked for len, repr, hash, items, containment, index(),
// slicing and reversal; ranges beyond int64 (longrange_iterator); every error message; and two
// threads draining one shared iterator (each item handed out exactly once).
#include <pthread.h>   // pthread_*

#include "abstract_test_util.h"
#include "objects/range.h"   // ft_range_*
#include "objects/slice.h"   // ft_slice_new_ref
#include "objects/tuple.h"   // ft_tuple_*

#define PROBES 17
#define SLICES 7

typedef struct RangeCase {
    int64_t start, stop, step, length;
    const char *repr;
    int64_t hash;
    int64_t items[8];
    int item_count;
    uint64_t contains;
    int64_t index[PROBES];
    const char *slices[SLICES];
    int64_t first_reversed;
} RangeCase;

#include "abstract_expected/range_cases.gen.h"

TEST(setup)
{
    CHECK_EQ_INT(abs_setup(), 0);
}

static FtObject *
make_range(int64_t a, int64_t b, int64_t c)
{
    FtObject *x = ft_int_from_int64_ref(a), *y = ft_int_from_int64_ref(b);
    FtObject *z = ft_int_from_int64_ref(c);
    FtObject *r = ft_range_new_ref(x, y, z);
    ft_decref(x);
    ft_decref(y);
    ft_decref(z);
    return r;
}

TEST(table_matches_the_oracle)
{
    int n = (int)(sizeof(range_cases) / sizeof(range_cases[0]));
    for (int k = 0; k < n; k++) {
        const RangeCase *c = &range_cases[k];
        FtObject *r = make_range(c->start, c->stop, c->step);
        CHECK(r != NULL);
        CHECK(obj_repr_is(r, c->repr));
        CHECK_EQ_INT(ft_object_size(r), c->length);
        CHECK_EQ_INT(ft_object_hash(r), c->hash);
        CHECK_EQ_INT(ft_object_is_true(r), c->length != 0);
        // Items by iteration, then by index.
        FtObject *it = ft_object_get_iter_ref(r);
        CHECK(it != NULL);
        for (int i = 0; i < c->item_count; i++) {
            FtObject *item;
            CHECK_EQ_INT(ft_iter_next_ref(it, &item), 1);
            CHECK(abs_int_is(item, c->items[i]));
            ft_decref(item);
            item = ft_sequence_get_item_ref(r, i);
            CHECK(abs_int_is(item, c->items[i]));
            ft_decref(item);
        }
        ft_decref(it);
        for (int p = 0; p < PROBES; p++) {
            FtObject *probe = ft_int_from_int64_ref(range_probes[p]);
            int in = ft_sequence_contains(r, probe);
            CHECK_EQ_INT(in, (int)((c->contains >> p) & 1));
            FtObject *cnt = ft_object_call_method_cstr_ref(r, "count", &probe, 1);
            CHECK(abs_int_is(cnt, in));
            ft_decref(cnt);
            FtObject *idx = ft_object_call_method_cstr_ref(r, "index", &probe, 1);
            ft_decref(probe);
            if (c->index[p] < 0) {
                CHECK(idx == NULL);
                CHECK(obj_error_is(&ft_exc_value_error, "range.index(x): x not in range"));
            } else {
                CHECK(abs_int_is(idx, c->index[p]));
                ft_decref(idx);
            }
        }
        for (int s = 0; s < SLICES; s++) {
            FtObject *a = abs_int_or_none(range_slices[s][0]);
            FtObject *b = abs_int_or_none(range_slices[s][1]);
            FtObject *st = abs_int_or_none(range_slices[s][2]);
            FtObject *sl = ft_slice_new_ref(a, b, st);
            ft_decref(a);
            ft_decref(b);
            ft_decref(st);
            FtObject *sub = ft_object_get_item_ref(r, sl);
            ft_decref(sl);
            CHECK(obj_repr_is(sub, c->slices[s]));
            ft_decref(sub);
        }
        FtObject *rev = ft_object_call_method_cstr_ref(r, "__reversed__", NULL, 0);
        CHECK(rev != NULL);
        FtObject *first;
        int got = ft_iter_next_ref(rev, &first);
        CHECK_EQ_INT(got, c->length != 0);
        if (got == 1) {
            CHECK(abs_int_is(first, c->first_reversed));
            ft_decref(first);
        }
        ft_decref(rev);
        ft_decref(r);
    }
}

TEST(equality_is_by_sequence)
{
    // oracle: range(0,5,2) == range(0,6,2) True; range(0) == range(5,1) True;
    // range(3,4,1) == range(3,4,7) True; range(0,3) == range(0,4) False.
    FtObject *a = make_range(0, 5, 2), *b = make_range(0, 6, 2);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b, FT_EQ), 1);
    CHECK_EQ_INT(ft_object_hash(a), ft_object_hash(b));
    FtObject *e1 = make_range(0, 0, 1), *e2 = make_range(5, 1, 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(e1, e2, FT_EQ), 1);
    FtObject *o1 = make_range(3, 4, 1), *o2 = make_range(3, 4, 7);
    CHECK_EQ_INT(ft_object_rich_compare_bool(o1, o2, FT_EQ), 1);
    FtObject *d1 = make_range(0, 3, 1), *d2 = make_range(0, 4, 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(d1, d2, FT_NE), 1);
    CHECK(ft_object_rich_compare_ref(d1, d2, FT_LT) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "'<' not supported between instances of 'range' and 'range'"));
    ft_decref(a);
    ft_decref(b);
    ft_decref(e1);
    ft_decref(e2);
    ft_decref(o1);
    ft_decref(o2);
    ft_decref(d1);
    ft_decref(d2);
}

TEST(errors)
{
    // oracle texts: range(), range(1,2,3,4), range(1,2,0), range('a'), range(0,10)[10],
    // range(0,10)[-11], range(1,2)['a'], range(0,10).index('a').
    CHECK(abs_call_type(&ft_range_type, NULL, 0) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "range expected at least 1 argument, got 0"));
    FtObject *one = ft_int_from_int64_ref(1), *zero = ft_int_from_int64_ref(0);
    FtObject *four[4] = {one, one, one, one};
    CHECK(abs_call_type(&ft_range_type, four, 4) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "range expected at most 3 arguments, got 4"));
    FtObject *args[3] = {one, one, zero};
    CHECK(abs_call_type(&ft_range_type, args, 3) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "range() arg 3 must not be zero"));
    FtObject *text = ft_str_from_cstr_ref("a");
    CHECK(abs_call_type(&ft_range_type, &text, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'str' object cannot be interpreted as an integer"));
    FtObject *r = make_range(0, 10, 1);
    FtObject *ten = ft_int_from_int64_ref(10), *m11 = ft_int_from_int64_ref(-11);
    CHECK(ft_object_get_item_ref(r, ten) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "range object index out of range"));
    CHECK(ft_object_get_item_ref(r, m11) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "range object index out of range"));
    CHECK(ft_object_get_item_ref(r, text) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "range indices must be integers or slices, not str"));
    CHECK(ft_object_call_method_cstr_ref(r, "index", &text, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "sequence.index(x): x not in sequence"));
    FtObject *cnt = ft_object_call_method_cstr_ref(r, "count", &text, 1);
    CHECK(abs_int_is(cnt, 0));
    ft_decref(cnt);
    CHECK_EQ_INT(ft_sequence_contains(r, text), 0);
    // range(1) built from one argument, with start/stop/step members.
    FtObject *r1 = abs_call_type(&ft_range_type, &ten, 1);
    CHECK(obj_repr_is(r1, "range(0, 10)"));
    FtObject *step = ft_object_get_attr_cstr_ref(r1, "step");
    CHECK(abs_int_is(step, 1));
    ft_decref(step);
    ft_decref(r1);
    ft_decref(r);
    ft_decref(ten);
    ft_decref(m11);
    ft_decref(text);
    ft_decref(one);
    ft_decref(zero);
}

TEST(beyond_int64)
{
    // oracle: len(range(10**20)) -> OverflowError; range(10**20)[10**19] == 10**19;
    // range(10**20)[-1] == 99999999999999999999; range(2**63)[2**63] -> IndexError.
    FtObject *big = abs_int_text("100000000000000000000");
    FtObject *r = abs_call_type(&ft_range_type, &big, 1);
    CHECK(r != NULL);
    CHECK_EQ_INT(ft_object_size(r), -1);
    CHECK(obj_error_is(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t"));
    CHECK_EQ_INT(ft_object_is_true(r), 1);
    FtObject *k = abs_int_text("10000000000000000000");
    FtObject *item = ft_object_get_item_ref(r, k);
    CHECK(obj_repr_is(item, "10000000000000000000"));
    ft_decref(item);
    FtObject *m1 = ft_int_from_int64_ref(-1);
    item = ft_object_get_item_ref(r, m1);
    CHECK(obj_repr_is(item, "99999999999999999999"));
    ft_decref(item);
    CHECK_EQ_INT(ft_sequence_contains(r, k), 1);
    FtObject *idx = ft_object_call_method_cstr_ref(r, "index", &k, 1);
    CHECK(obj_repr_is(idx, "10000000000000000000"));
    ft_decref(idx);
    // oracle: r[::-1] == range(99999999999999999999, -1, -1); r[5:-5:3] ==
    // range(5, 99999999999999999995, 3); len(r[::10**19]) == 10
    const int64_t bounds[2][3] = {{FT_TEST_NONE, FT_TEST_NONE, -1}, {5, -5, 3}};
    const char *sliced[2] = {"range(99999999999999999999, -1, -1)",
                             "range(5, 99999999999999999995, 3)"};
    for (int i = 0; i < 2; i++) {
        FtObject *a = abs_int_or_none(bounds[i][0]), *b = abs_int_or_none(bounds[i][1]);
        FtObject *c = abs_int_or_none(bounds[i][2]);
        FtObject *sl = ft_slice_new_ref(a, b, c);
        FtObject *sub = ft_object_get_item_ref(r, sl);
        int ok = obj_repr_is(sub, sliced[i]);
        ft_xdecref(sub);
        ft_decref(sl);
        ft_decref(a);
        ft_decref(b);
        ft_decref(c);
        CHECK(ok);
    }
    FtObject *sl = ft_slice_new_ref(NULL, NULL, k);
    FtObject *sub = ft_object_get_item_ref(r, sl);
    CHECK_EQ_INT(ft_object_size(sub), 10);
    ft_decref(sub);
    ft_decref(sl);
    ft_decref(r);
    FtObject *two63 = abs_int_text("9223372036854775808");
    r = abs_call_type(&ft_range_type, &two63, 1);
    CHECK(ft_object_get_item_ref(r, two63) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "range object index out of range"));
    ft_decref(r);
    // range(2**63 - 2, 2**63 + 2) iterates with longrange_iterator:
    // oracle: list(range(2**63-2, 2**63+2)) == [9223372036854775806, ..., 9223372036854775809]
    FtObject *lo = abs_int_text("9223372036854775806"), *hi = abs_int_text("9223372036854775810");
    FtObject *args[2] = {lo, hi};
    r = abs_call_type(&ft_range_type, args, 2);
    FtObject *it = ft_object_get_iter_ref(r);
    CHECK(it != NULL && it->ob_type == &ft_longrange_iter_type);
    FtObject *hint = ft_object_call_method_cstr_ref(it, "__length_hint__", NULL, 0);
    CHECK(abs_int_is(hint, 4));
    ft_decref(hint);
    FtObject *t = ft_sequence_tuple_ref(it);
    CHECK(obj_repr_is(t, "(9223372036854775806, 9223372036854775807, 9223372036854775808, "
                         "9223372036854775809)"));
    ft_decref(t);
    ft_decref(it);
    it = ft_object_call_method_cstr_ref(r, "__reversed__", NULL, 0);
    t = ft_sequence_tuple_ref(it);
    CHECK(obj_repr_is(t, "(9223372036854775809, 9223372036854775808, 9223372036854775807, "
                         "9223372036854775806)"));
    ft_decref(t);
    ft_decref(it);
    ft_decref(r);
    ft_decref(lo);
    ft_decref(hi);
    ft_decref(two63);
    ft_decref(m1);
    ft_decref(k);
    ft_decref(big);
}

// Two threads drain one shared iterator; every item must be handed out exactly once.
#define THREADS 2
#define SHARED_ITEMS 20000
static pthread_barrier_t barrier;
static FtObject *shared_iter;
static int64_t thread_sum[THREADS], thread_count[THREADS];

static void *
drainer(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    pthread_barrier_wait(&barrier);
    uint64_t sum = 0;   // wraps: the longrange items are near -2**63
    int64_t count = 0;
    for (;;) {
        FtObject *item;
        if (ft_iter_next_ref(shared_iter, &item) <= 0)
            break;
        bool ok = true;
        int64_t v = ft_int_as_int64(item, &ok);
        if (ok)
            sum += (uint64_t)v;
        else
            ft_error_clear();   // longrange items do not fit: counted only
        count++;
        ft_decref(item);
    }
    thread_sum[id] = (int64_t)sum;
    thread_count[id] = count;
    ft_thread_state_delete_current();
    return NULL;
}

static void
drain_shared(FtObject *it)
{
    shared_iter = it;
    pthread_barrier_init(&barrier, NULL, THREADS);
    pthread_t threads[THREADS];
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, drainer, (void *)(intptr_t)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
}

TEST(shared_range_iterator_hands_out_each_item_once)
{
    FtObject *r = make_range(0, SHARED_ITEMS, 1);
    FtObject *it = ft_object_get_iter_ref(r);
    CHECK(it != NULL && it->ob_type == &ft_range_iter_type);
    drain_shared(it);
    CHECK_EQ_INT(thread_count[0] + thread_count[1], SHARED_ITEMS);
    CHECK_EQ_INT((uint64_t)thread_sum[0] + (uint64_t)thread_sum[1],
                 (int64_t)SHARED_ITEMS * (SHARED_ITEMS - 1) / 2);
    ft_decref(it);
    ft_decref(r);
}

TEST(shared_longrange_iterator_hands_out_each_item_once)
{
    // range(-2**63 - 1000, -2**63 + 1000): some items are below int64, so longrange_iterator.
    FtObject *lo = abs_int_text("-9223372036854776808"), *hi = abs_int_text("-9223372036854774808");
    FtObject *args[2] = {lo, hi};
    FtObject *r = abs_call_type(&ft_range_type, args, 2);
    FtObject *it = ft_object_get_iter_ref(r);
    CHECK(it != NULL && it->ob_type == &ft_longrange_iter_type);
    drain_shared(it);
    CHECK_EQ_INT(thread_count[0] + thread_count[1], 2000);
    ft_decref(it);
    ft_decref(r);
    ft_decref(lo);
    ft_decref(hi);
}

int
main(void)
{
    return ft_test_run_all();
}

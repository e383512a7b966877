// tests/unit/objects/test_seq_iterable.c: the containers built from any iterable (list, tuple,
// set, dict, bytes, join, extend, slice assignment), tuple repetition/count/index, the MemoryError
// checks of huge repetitions, reversed() of dicts and views, dict |, memoryview, two threads
// extending one list from iterators at once, and two threads sharing one tuple_iterator. Expected values come from the oracle; each group
// names the command that printed them.
#include <pthread.h>   // pthread_*

#include <stdio.h>     // printf

#include "abstract_test_util.h"
#include "objects/bytearray.h"    // ft_bytearray_from_data_ref
#include "objects/bytes.h"        // ft_bytes_*
#include "objects/dict.h"         // ft_dict_*
#include "objects/list.h"         // ft_list_*
#include "objects/memoryview.h"   // ft_memoryview_*
#include "objects/range.h"        // ft_range_new_ref
#include "objects/set.h"          // ft_set_type
#include "objects/slice.h"        // ft_slice_new_ref
#include "objects/tuple.h"        // ft_tuple_*

TEST(setup)
{
    CHECK_EQ_INT(abs_setup(), 0);
}

static FtObject *
range_ref(int64_t a, int64_t b)
{
    FtObject *x = ft_int_from_int64_ref(a), *y = ft_int_from_int64_ref(b);
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *r = ft_range_new_ref(x, y, one);
    ft_decref(x);
    ft_decref(y);
    ft_decref(one);
    return r;
}

// Checks repr(op) and drops op.
static int
repr_drop(FtObject *op, const char *expected)
{
    if (op == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        printf("  NULL result (%s)\n", exc != NULL ? exc->ob_type->tp_name : "no exception");
        ft_xdecref(exc);
        return 0;
    }
    int ok = obj_repr_is(op, expected);
    ft_decref(op);
    return ok;
}

static FtObject *
call1(FtTypeObject *type, FtObject *arg)
{
    return abs_call_type(type, &arg, 1);
}

// Oracle: python3.14 -c "print(list(range(3)), list('ab'), tuple(range(2,5)),
//   sorted(set(range(3))), dict([(0, 'a'), (1, 'b')]))"
//   [0, 1, 2] ['a', 'b'] (2, 3, 4) [0, 1, 2] {0: 'a', 1: 'b'}
TEST(constructors_take_any_iterable)
{
    FtObject *r3 = range_ref(0, 3), *ab = ft_str_from_cstr_ref("ab"), *r25 = range_ref(2, 5);
    CHECK(repr_drop(call1(&ft_list_type, r3), "[0, 1, 2]"));
    CHECK(repr_drop(call1(&ft_list_type, ab), "['a', 'b']"));
    CHECK(repr_drop(call1(&ft_tuple_type, r25), "(2, 3, 4)"));
    CHECK(repr_drop(call1(&ft_set_type, r3), "{0, 1, 2}"));
    // A list iterator and a str iterator are iterables too.
    FtObject *lst = call1(&ft_list_type, r3);
    FtObject *it = ft_object_get_iter_ref(lst);
    CHECK(repr_drop(call1(&ft_tuple_type, it), "(0, 1, 2)"));
    FtObject *a = ft_str_from_cstr_ref("a"), *b = ft_str_from_cstr_ref("b");
    FtObject *zero = ft_int_from_int64_ref(0), *one = ft_int_from_int64_ref(1);
    FtObject *p0 = ft_tuple_pack_ref(2, zero, a), *p1 = ft_tuple_pack_ref(2, one, b);
    FtObject *pairs = ft_list_new_ref(0);
    CHECK_EQ_INT(ft_list_append(pairs, p0), 0);
    CHECK_EQ_INT(ft_list_append(pairs, p1), 0);
    FtObject *pit = ft_object_get_iter_ref(pairs);
    CHECK(repr_drop(call1(&ft_dict_type, pit), "{0: 'a', 1: 'b'}"));
    FtObject *all[] = {r3, ab, r25, lst, it, a, b, zero, one, p0, p1, pairs, pit};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "l=[9]; l.extend(range(3)); l+= 'xy'; print(l); l=[0,1,2,3,4];
//   l[1:3]=range(5,8); print(l); l[::2]=range(3); print(l)"
//   [9, 0, 1, 2, 'x', 'y'] / [0, 5, 6, 7, 3, 4] / [0, 5, 1, 7, 2, 4]
// python3.14 -c "l=[1]; l[1:2] = 5" -> TypeError must assign iterable to extended slice
TEST(extend_and_slice_assignment_from_iterables)
{
    FtObject *l = ft_list_new_ref(0), *nine = ft_int_from_int64_ref(9);
    CHECK_EQ_INT(ft_list_append(l, nine), 0);
    FtObject *r3 = range_ref(0, 3), *xy = ft_str_from_cstr_ref("xy");
    CHECK_EQ_INT(ft_list_extend(l, r3), 0);
    CHECK_EQ_INT(ft_list_extend(l, xy), 0);
    CHECK(obj_repr_is(l, "[9, 0, 1, 2, 'x', 'y']"));
    FtObject *r5 = range_ref(0, 5);
    FtObject *m = call1(&ft_list_type, r5);
    FtObject *one = ft_int_from_int64_ref(1), *three = ft_int_from_int64_ref(3);
    FtObject *two = ft_int_from_int64_ref(2);
    FtObject *s13 = ft_slice_new_ref(one, three, FT_NONE);
    FtObject *r58 = range_ref(5, 8);
    FtMappingMethods *mp = ft_list_type.tp_as_mapping;
    CHECK_EQ_INT(mp->mp_ass_subscript(m, s13, r58), 0);
    CHECK(obj_repr_is(m, "[0, 5, 6, 7, 3, 4]"));
    FtObject *s2 = ft_slice_new_ref(FT_NONE, FT_NONE, two);
    CHECK_EQ_INT(mp->mp_ass_subscript(m, s2, r3), 0);
    CHECK(obj_repr_is(m, "[0, 5, 1, 7, 2, 4]"));
    CHECK_EQ_INT(mp->mp_ass_subscript(m, s13, nine), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "must assign iterable to extended slice"));
    FtObject *all[] = {l, nine, r3, xy, r5, m, one, three, two, s13, r58, s2};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "print(bytes(range(65,68)), b'-'.join(iter([b'a', b'b'])))"
//   b'ABC' b'a-b'
TEST(bytes_and_join_from_iterators)
{
    FtObject *r = range_ref(65, 68);
    CHECK(repr_drop(call1(&ft_bytes_type, r), "b'ABC'"));
    FtObject *a = ft_bytes_from_data_ref("a", 1), *b = ft_bytes_from_data_ref("b", 1);
    FtObject *l = ft_list_new_ref(0);
    CHECK_EQ_INT(ft_list_append(l, a), 0);
    CHECK_EQ_INT(ft_list_append(l, b), 0);
    FtObject *it = ft_object_get_iter_ref(l);
    FtObject *dash = ft_bytes_from_data_ref("-", 1);
    CHECK(repr_drop(ft_object_call_method_cstr_ref(dash, "join", &it, 1), "b'a-b'"));
    FtObject *all[] = {r, a, b, l, it, dash};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "t=(1,2,1,3); print(t*2, t.count(1), t.index(3), t[1:3], t[::-1]);
//   t.index(7)"
//   (1, 2, 1, 3, 1, 2, 1, 3) 2 3 (2, 1) (3, 1, 2, 1) / ValueError tuple.index(x): x not in tuple
// python3.14 -c "(1,)*2**62" / "[0]*2**62" -> MemoryError (empty message)
TEST(tuple_repeat_count_index_slices)
{
    FtObject *i1 = ft_int_from_int64_ref(1), *i2 = ft_int_from_int64_ref(2);
    FtObject *i3 = ft_int_from_int64_ref(3), *i7 = ft_int_from_int64_ref(7);
    FtObject *t = ft_tuple_pack_ref(4, i1, i2, i1, i3);
    FtSequenceMethods *sq = ft_tuple_type.tp_as_sequence;
    CHECK(repr_drop(sq->sq_repeat(t, 2), "(1, 2, 1, 3, 1, 2, 1, 3)"));
    CHECK(repr_drop(ft_object_call_method_cstr_ref(t, "count", &i1, 1), "2"));
    CHECK(repr_drop(ft_object_call_method_cstr_ref(t, "index", &i3, 1), "3"));
    CHECK(ft_object_call_method_cstr_ref(t, "index", &i7, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "tuple.index(x): x not in tuple"));
    FtObject *s13 = ft_slice_new_ref(i1, i3, FT_NONE);
    FtObject *neg = ft_int_from_int64_ref(-1);
    FtObject *rev = ft_slice_new_ref(FT_NONE, FT_NONE, neg);
    CHECK(repr_drop(ft_object_get_item_ref(t, s13), "(2, 1)"));
    CHECK(repr_drop(ft_object_get_item_ref(t, rev), "(3, 1, 2, 1)"));
    Ft_ssize huge = (Ft_ssize)1 << 62;
    FtObject *one = ft_tuple_pack_ref(1, i1);
    CHECK(sq->sq_repeat(one, huge) == NULL);
    CHECK(obj_error_is(&ft_exc_memory_error, ""));
    FtObject *l = ft_list_new_ref(0);
    CHECK_EQ_INT(ft_list_append(l, i1), 0);
    CHECK(ft_list_type.tp_as_sequence->sq_repeat(l, huge) == NULL);
    CHECK(obj_error_is(&ft_exc_memory_error, ""));
    FtObject *all[] = {i1, i2, i3, i7, t, s13, neg, rev, one, l};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "d={'a':1,'b':2}; print(list(reversed(d)), list(reversed(d.values())),
//   list(reversed(d.items())), type(reversed(d)).__name__); it = reversed(d); d['c']=3; next(it)"
//   ['b', 'a'] [2, 1] [('b', 2), ('a', 1)] dict_reversekeyiterator
//   RuntimeError dictionary changed size during iteration
// python3.14 -c "d={'a':1,'b':2,'c':3}; print(d | {'z': 0}, {1:1} | {1:2})"
//   {'a': 1, 'b': 2, 'c': 3, 'z': 0} {1: 2}
TEST(dict_reversed_and_or)
{
    FtObject *d = ft_dict_new_ref();
    FtObject *a = ft_str_from_cstr_ref("a"), *b = ft_str_from_cstr_ref("b");
    FtObject *c = ft_str_from_cstr_ref("c"), *z = ft_str_from_cstr_ref("z");
    FtObject *i0 = ft_int_from_int64_ref(0), *i1 = ft_int_from_int64_ref(1);
    FtObject *i2 = ft_int_from_int64_ref(2), *i3 = ft_int_from_int64_ref(3);
    CHECK_EQ_INT(ft_dict_set_item(d, a, i1), 0);
    CHECK_EQ_INT(ft_dict_set_item(d, b, i2), 0);
    FtObject *rk = ft_object_call_method_cstr_ref(d, "__reversed__", NULL, 0);
    CHECK(rk != NULL && rk->ob_type == &ft_dict_revkeyiterator_type);
    CHECK(repr_drop(call1(&ft_list_type, rk), "['b', 'a']"));
    FtObject *values = ft_object_call_method_cstr_ref(d, "values", NULL, 0);
    FtObject *rv = ft_object_call_method_cstr_ref(values, "__reversed__", NULL, 0);
    CHECK(repr_drop(call1(&ft_list_type, rv), "[2, 1]"));
    FtObject *items = ft_object_call_method_cstr_ref(d, "items", NULL, 0);
    FtObject *ri = ft_object_call_method_cstr_ref(items, "__reversed__", NULL, 0);
    CHECK(repr_drop(call1(&ft_list_type, ri), "[('b', 2), ('a', 1)]"));
    FtObject *it = ft_dict_reversed_ref(d, 0);
    CHECK_EQ_INT(ft_dict_set_item(d, c, i3), 0);
    FtObject *x;
    CHECK_EQ_INT(ft_iter_next_ref(it, &x), -1);
    CHECK(obj_error_is(&ft_exc_runtime_error, "dictionary changed size during iteration"));
    FtObject *e = ft_dict_new_ref();
    CHECK_EQ_INT(ft_dict_set_item(e, z, i0), 0);
    FtNumberMethods *nb = ft_dict_type.tp_as_number;
    CHECK(repr_drop(nb->nb_or(d, e), "{'a': 1, 'b': 2, 'c': 3, 'z': 0}"));
    CHECK(nb->nb_or(d, i0) == FT_NOT_IMPLEMENTED);
    FtObject *all[] = {d, a, b, c, z, i0, i1, i2, i3, rk, values, rv, items, ri, it, e};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "m = memoryview(b'hello'); print(m[1], m[-1], m[1:4].tobytes(),
//   m[::2].tolist(), len(m), m.readonly, m.nbytes, m.format, m.itemsize, m == b'hello',
//   bytes(m[::-1])); ba=bytearray(b'abc'); mb=memoryview(ba); mb[0]=120; mb[1:3]=b'YZ';
//   print(ba, mb.readonly); m.release(); m[0]"
//   101 111 b'ell' [104, 108, 111] 5 True 5 B 1 True b'olleh' / bytearray(b'xYZ') False /
//   ValueError operation forbidden on released memoryview object
// python3.14 -c "memoryview(b'abc')[0] = 1" -> TypeError cannot modify read-only memory;
//   "memoryview(5)" -> TypeError memoryview: a bytes-like object is required, not 'int'
TEST(memoryview_over_bytes_and_bytearray)
{
    FtObject *hello = ft_bytes_from_data_ref("hello", 5);
    FtObject *m = ft_memoryview_from_object_ref(hello);
    FtObject *i1 = ft_int_from_int64_ref(1), *i4 = ft_int_from_int64_ref(4);
    FtObject *i2 = ft_int_from_int64_ref(2), *neg = ft_int_from_int64_ref(-1);
    CHECK(repr_drop(ft_object_get_item_ref(m, i1), "101"));
    CHECK(repr_drop(ft_object_get_item_ref(m, neg), "111"));
    FtObject *s14 = ft_slice_new_ref(i1, i4, FT_NONE);
    FtObject *sub = ft_object_get_item_ref(m, s14);
    CHECK(repr_drop(ft_object_call_method_cstr_ref(sub, "tobytes", NULL, 0), "b'ell'"));
    FtObject *s2 = ft_slice_new_ref(FT_NONE, FT_NONE, i2);
    FtObject *even = ft_object_get_item_ref(m, s2);
    CHECK(repr_drop(ft_object_call_method_cstr_ref(even, "tolist", NULL, 0), "[104, 108, 111]"));
    CHECK_EQ_INT(ft_object_size(m), 5);
    CHECK(repr_drop(ft_object_get_attr_cstr_ref(m, "readonly"), "True"));
    CHECK(repr_drop(ft_object_get_attr_cstr_ref(m, "nbytes"), "5"));
    CHECK(repr_drop(ft_object_get_attr_cstr_ref(m, "format"), "'B'"));
    CHECK(repr_drop(ft_object_get_attr_cstr_ref(m, "itemsize"), "1"));
    CHECK(repr_drop(ft_object_rich_compare_ref(m, hello, FT_EQ), "True"));
    FtObject *srev = ft_slice_new_ref(FT_NONE, FT_NONE, neg);
    FtObject *rev = ft_object_get_item_ref(m, srev);
    CHECK(repr_drop(call1(&ft_bytes_type, rev), "b'olleh'"));
    CHECK_EQ_INT(ft_object_set_item(m, i1, i1), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "cannot modify read-only memory"));

    FtObject *ba = ft_bytearray_from_data_ref("abc", 3);
    FtObject *mb = ft_memoryview_from_object_ref(ba);
    FtObject *zero = ft_int_from_int64_ref(0), *x = ft_int_from_int64_ref(120);
    CHECK_EQ_INT(ft_object_set_item(mb, zero, x), 0);
    FtObject *i3 = ft_int_from_int64_ref(3);
    FtObject *s13 = ft_slice_new_ref(i1, i3, FT_NONE);
    FtObject *yz = ft_bytes_from_data_ref("YZ", 2);
    CHECK_EQ_INT(ft_object_set_item(mb, s13, yz), 0);
    CHECK(obj_repr_is(ba, "bytearray(b'xYZ')"));
    CHECK(repr_drop(ft_object_get_attr_cstr_ref(mb, "readonly"), "False"));

    FtObject *r = ft_object_call_method_cstr_ref(m, "release", NULL, 0);
    ft_decref(r);
    CHECK(ft_object_get_item_ref(m, zero) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "operation forbidden on released memoryview object"));
    CHECK(ft_memoryview_from_object_ref(i1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "memoryview: a bytes-like object is required, not 'int'"));
    FtObject *all[] = {hello, m, i1, i4, i2, neg, s14, sub, s2, even, srev, rev, ba, mb, zero, x,
                       i3, s13, yz};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Two threads extend one list from their own range iterators at once: no item is lost.
#define EXTEND_ROUNDS 200

typedef struct ExtendArg {
    FtObject *list;   // shared by both threads
    int failures;     // written by one thread, read after the join
} ExtendArg;

static void *
extender(void *p)
{
    ExtendArg *arg = p;
    obj_thread_begin();
    for (int k = 0; k < EXTEND_ROUNDS; k++) {
        FtObject *r = range_ref(0, 10);
        FtObject *it = ft_object_get_iter_ref(r);
        if (it == NULL || ft_list_extend(arg->list, it) != 0) {
            ft_error_clear();
            arg->failures++;
        }
        ft_xdecref(it);
        ft_decref(r);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(threads_extend_one_list_from_iterators)
{
    FtObject *list = ft_list_new_ref(0);
    ExtendArg args[2] = {{list, 0}, {list, 0}};
    pthread_t t[2];
    FtThreadState *me = ft_thread_state_current();
    for (int i = 0; i < 2; i++)
        CHECK_EQ_INT(pthread_create(&t[i], NULL, extender, &args[i]), 0);
    ft_thread_detach(me);
    for (int i = 0; i < 2; i++)
        pthread_join(t[i], NULL);
    ft_thread_attach(me);
    CHECK_EQ_INT(args[0].failures + args[1].failures, 0);
    CHECK_EQ_INT(ft_list_size(list), 2 * EXTEND_ROUNDS * 10);
    ft_decref(list);
}

// Two threads drain one shared tuple_iterator: every item is yielded exactly once.
#define DRAIN_ITEMS 20000

typedef struct DrainArg {
    FtObject *iter;   // shared by both threads
    int64_t sum;      // written by one thread, read after the join
    Ft_ssize count;
} DrainArg;

static void *
drainer(void *p)
{
    DrainArg *arg = p;
    obj_thread_begin();
    FtObject *item;
    while (ft_iter_next_ref(arg->iter, &item) > 0) {
        arg->sum += ft_int_as_int64(item, NULL);
        arg->count++;
        ft_decref(item);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(threads_share_one_tuple_iterator)
{
    FtObject *r = range_ref(0, DRAIN_ITEMS);
    FtObject *t = call1(&ft_tuple_type, r);
    FtObject *it = ft_object_get_iter_ref(t);
    CHECK(it != NULL && it->ob_type == &ft_tuple_iter_type);
    DrainArg args[2] = {{it, 0, 0}, {it, 0, 0}};
    pthread_t th[2];
    FtThreadState *me = ft_thread_state_current();
    for (int i = 0; i < 2; i++)
        CHECK_EQ_INT(pthread_create(&th[i], NULL, drainer, &args[i]), 0);
    ft_thread_detach(me);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    ft_thread_attach(me);
    CHECK_EQ_INT(args[0].count + args[1].count, DRAIN_ITEMS);
    CHECK_EQ_INT(args[0].sum + args[1].sum, (int64_t)DRAIN_ITEMS * (DRAIN_ITEMS - 1) / 2);
    ft_decref(it);
    ft_decref(t);
    ft_decref(r);
}

int
main(void)
{
    return ft_test_run_all();
}

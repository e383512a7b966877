// tests/unit/objects/test_list.c: list construction, CPython's capacity pattern (checked against the
// oracle's sys.getsizeof), item access and its error messages, slices with steps, repr with
// recursion, comparisons, the methods (called through the type's method descriptors), iterators,
// and sort (results, stability, key functions, reverse, errors, "list modified during sort").
// Expected values come from the oracle (CPython 3.14); each group names the command that printed them.
#include <stdint.h>   // int64_t uint64_t

#include "objects_test_util.h"

#include "objects/bigint.h"       // ft_bigint_*
#include "objects/int.h"          // ft_int_*
#include "objects/list.h"         // ft_list_*
#include "objects/method_def.h"   // FtMethodDef ft_cfunction_new_ref
#include "objects/slice.h"        // ft_slice_new_ref
#include "objects/tuple.h"        // ft_tuple_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_list_init_types(), 0);
}

static FtObject *
int_ref(int64_t v)
{
    return ft_int_from_int64_ref(v);
}

// [0, 1, ..., n-1] with capacity exactly n (as the oracle's list(range(n)) for even n).
static FtObject *
range_list(Ft_ssize n)
{
    FtObject *l = ft_list_new_ref(n);
    for (Ft_ssize i = 0; i < n; i++)
        ft_list_set_item_steal(l, i, int_ref(i));
    return l;
}

static FtObject *
list_of(Ft_ssize n, const int64_t *values)
{
    FtObject *l = ft_list_new_ref(n);
    for (Ft_ssize i = 0; i < n; i++)
        ft_list_set_item_steal(l, i, int_ref(values[i]));
    return l;
}

// Calls list.<name>(*args) through the method descriptor; returns the new reference or NULL.
static FtObject *
call_method(FtObject *obj, const char *name, FtObject *const *args, Ft_ssize nargs,
            FtObject *kwnames)
{
    FtObject *m = ft_object_get_attr_cstr_ref(obj, name);
    if (m == NULL)
        return NULL;
    FtObject *r = ft_object_vectorcall_ref(m, args, (size_t)nargs, kwnames);
    ft_decref(m);
    return r;
}

// True if the call succeeded with None.
static int
call_none(FtObject *obj, const char *name, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *r = call_method(obj, name, args, nargs, NULL);
    if (r == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *s = exc != NULL ? ft_object_str_ref(exc) : NULL;
        printf("  %s raised %s: %s\n", name, exc != NULL ? exc->ob_type->tp_name : "?",
               s != NULL ? ft_str_as_utf8(s, NULL) : "?");
        ft_xdecref(s);
        ft_xdecref(exc);
        return 0;
    }
    ft_decref(r);
    return r == FT_NONE;
}

// Oracle: python3.14 -c "
//   import sys; l=[]; b=sys.getsizeof(l); prev=None; out=[]
//   for i in range(100):
//       c=(sys.getsizeof(l)-b)//8
//       if c!=prev: out.append((len(l),c)); prev=c
//       l.append(i)
//   print(out)"
//   [(0, 0), (1, 4), (5, 8), (9, 16), (17, 24), (25, 32), (33, 40), (41, 52), (53, 64), (65, 76),
//    (77, 92), (93, 108)]
TEST(append_growth_matches_oracle)
{
    static const Ft_ssize expect[][2] = {{0, 0}, {1, 4}, {5, 8}, {9, 16}, {17, 24}, {25, 32},
                                         {33, 40}, {41, 52}, {53, 64}, {65, 76}, {77, 92},
                                         {93, 108}};
    FtObject *l = ft_list_new_ref(0);
    size_t next = 0;
    Ft_ssize prev = -1;
    for (Ft_ssize i = 0; i < 100; i++) {
        Ft_ssize cap = ft_list_capacity(l);
        if (cap != prev) {
            CHECK(next < sizeof expect / sizeof expect[0]);
            CHECK_EQ_INT(i, expect[next][0]);
            CHECK_EQ_INT(cap, expect[next][1]);
            next++;
            prev = cap;
        }
        FtObject *v = int_ref(i);
        CHECK_EQ_INT(ft_list_append(l, v), 0);
        ft_decref(v);
    }
    CHECK_EQ_INT(next, sizeof expect / sizeof expect[0]);
    CHECK_EQ_INT(ft_list_size(l), 100);
    ft_decref(l);
}

// Oracle (c(l) = (l.__sizeof__() - 40) // 8):
//   l=[]; l.extend([1]*5) -> 6     l=[]; l.extend((1,)*5) -> 6     l=[1,2]; l*=5 -> 12
//   [1]*5 -> 5    [1,2]+[3] -> 3    [1,2,3].copy() -> 3    list(range(10))[::2] -> 5
//   l=[0]*10; l.insert(0,1) -> 16   a=[1,2]; a.extend(a) -> [1, 2, 1, 2] 8
//   l=list(range(20)); pop 15 times -> 20 (no shrink up to 32 slots)
//   [0]*32, del l[1:] -> 32;   [0]*33, del l[1:] -> 4;   [0]*33, del l[16:] -> 33, del l[15:] -> 20
//   a=list(range(40)); del a[1:39] -> [0, 39] 8
//   for i in range(5): a.insert(0, i) -> [4, 3, 2, 1, 0] 8
TEST(capacities_match_oracle)
{
    FtSequenceMethods *sq = ft_list_type.tp_as_sequence;
    FtObject *one = int_ref(1);
    FtObject *five_list = ft_list_new_ref(0), *l = ft_list_new_ref(0);
    for (int i = 0; i < 5; i++)
        ft_list_append(five_list, one);
    CHECK_EQ_INT(ft_list_extend(l, five_list), 0);
    CHECK_EQ_INT(ft_list_capacity(l), 6);
    ft_decref(l);
    FtObject *tup = ft_list_as_tuple_ref(five_list);
    l = ft_list_new_ref(0);
    CHECK_EQ_INT(ft_list_extend(l, tup), 0);
    CHECK_EQ_INT(ft_list_capacity(l), 6);
    ft_decref(l);
    ft_decref(tup);

    FtObject *two = range_list(2);   // [0, 1]
    FtObject *r = sq->sq_inplace_repeat(two, 5);
    CHECK(r == two);
    ft_decref(r);
    CHECK_EQ_INT(ft_list_size(two), 10);
    CHECK_EQ_INT(ft_list_capacity(two), 12);
    ft_decref(two);

    FtObject *single = range_list(1);
    r = sq->sq_repeat(single, 5);
    CHECK_EQ_INT(ft_list_capacity(r), 5);
    ft_decref(r);
    FtObject *pair = range_list(2), *three = range_list(3);
    r = sq->sq_concat(pair, single);
    CHECK_EQ_INT(ft_list_capacity(r), 3);
    CHECK(obj_repr_is(r, "[0, 1, 0]"));
    ft_decref(r);
    r = call_method(three, "copy", NULL, 0, NULL);
    CHECK_EQ_INT(ft_list_capacity(r), 3);
    ft_decref(r);
    FtObject *ten = range_list(10);
    r = ft_list_get_slice_ref(ten, 0, FT_LIST_SLICE_MAX, 2);
    CHECK_EQ_INT(ft_list_capacity(r), 5);
    ft_decref(r);
    CHECK_EQ_INT(ft_list_insert(ten, 0, one), 0);
    CHECK_EQ_INT(ft_list_capacity(ten), 16);
    ft_decref(ten);
    CHECK_EQ_INT(ft_list_extend(pair, pair), 0);
    CHECK(obj_repr_is(pair, "[0, 1, 0, 1]"));
    CHECK_EQ_INT(ft_list_capacity(pair), 8);

    FtObject *twenty = range_list(20);
    for (int i = 0; i < 15; i++) {
        FtObject *v = call_method(twenty, "pop", NULL, 0, NULL);
        CHECK(v != NULL);
        ft_decref(v);
    }
    CHECK_EQ_INT(ft_list_size(twenty), 5);
    CHECK_EQ_INT(ft_list_capacity(twenty), 20);
    ft_decref(twenty);

    FtObject *l32 = range_list(32), *l33 = range_list(33), *l33b = range_list(33);
    CHECK_EQ_INT(ft_list_del_slice(l32, 1, FT_LIST_SLICE_MAX, 1), 0);
    CHECK_EQ_INT(ft_list_capacity(l32), 32);
    CHECK_EQ_INT(ft_list_del_slice(l33, 1, FT_LIST_SLICE_MAX, 1), 0);
    CHECK_EQ_INT(ft_list_capacity(l33), 4);
    CHECK_EQ_INT(ft_list_del_slice(l33b, 16, FT_LIST_SLICE_MAX, 1), 0);
    CHECK_EQ_INT(ft_list_capacity(l33b), 33);
    CHECK_EQ_INT(ft_list_del_slice(l33b, 15, FT_LIST_SLICE_MAX, 1), 0);
    CHECK_EQ_INT(ft_list_capacity(l33b), 20);
    FtObject *forty = range_list(40);
    CHECK_EQ_INT(ft_list_del_slice(forty, 1, 39, 1), 0);
    CHECK(obj_repr_is(forty, "[0, 39]"));
    CHECK_EQ_INT(ft_list_capacity(forty), 8);
    FtObject *ins = ft_list_new_ref(0);
    for (int i = 0; i < 5; i++) {
        FtObject *v = int_ref(i);
        ft_list_insert(ins, 0, v);
        ft_decref(v);
    }
    CHECK(obj_repr_is(ins, "[4, 3, 2, 1, 0]"));
    CHECK_EQ_INT(ft_list_capacity(ins), 8);
    FtObject *all[] = {l32, l33, l33b, forty, ins, pair, three, single, five_list, one};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "for t in ['[].pop()', '[1].pop(5)', '[1].pop(1,2)', '[1].remove(2)',
//   '[1].index(2)', '[1][5]', '[1].__setitem__(5,1)', '[1]+1', '[1][\"a\"]', '[].sort(1)',
//   '[].sort(foo=1)', '[1].insert(1)', '[1].insert(\"a\",1)', '[1].index()', '[].__delitem__(0)']:
//   ... print(type(e).__name__, e)"
//   IndexError pop from empty list / IndexError pop index out of range /
//   TypeError pop expected at most 1 argument, got 2 / ValueError list.remove(x): x not in list /
//   ValueError list.index(x): x not in list / IndexError list index out of range /
//   IndexError list assignment index out of range /
//   TypeError can only concatenate list (not "int") to list /
//   TypeError list indices must be integers or slices, not str /
//   TypeError sort() takes no positional arguments / TypeError sort() got an unexpected keyword
//   argument 'foo' / TypeError insert expected 2 arguments, got 1 / TypeError 'str' object cannot
//   be interpreted as an integer / TypeError index expected at least 1 argument, got 0 /
//   IndexError list assignment index out of range
TEST(error_messages_match_oracle)
{
    FtObject *empty = ft_list_new_ref(0), *one = range_list(1);
    FtObject *i1 = int_ref(1), *i2 = int_ref(2), *i5 = int_ref(5);
    FtObject *a = ft_str_from_cstr_ref("a");
    CHECK(call_method(empty, "pop", NULL, 0, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "pop from empty list"));
    CHECK(call_method(one, "pop", &i5, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "pop index out of range"));
    FtObject *args2[] = {i1, i2};
    CHECK(call_method(one, "pop", args2, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "pop expected at most 1 argument, got 2"));
    CHECK(call_method(one, "remove", &i2, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "list.remove(x): x not in list"));
    CHECK(call_method(one, "index", &i2, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "list.index(x): x not in list"));
    CHECK(call_method(one, "index", NULL, 0, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "index expected at least 1 argument, got 0"));
    CHECK(ft_list_get_item_ref(one, 5) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "list index out of range"));
    CHECK(ft_list_type.tp_as_mapping->mp_subscript(one, i5) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "list index out of range"));
    CHECK(ft_list_type.tp_as_mapping->mp_ass_subscript(one, i5, i1) == -1);
    CHECK(obj_error_is(&ft_exc_index_error, "list assignment index out of range"));
    CHECK(ft_list_type.tp_as_mapping->mp_ass_subscript(empty, int_ref(0), NULL) == -1);
    CHECK(obj_error_is(&ft_exc_index_error, "list assignment index out of range"));
    CHECK(ft_list_type.tp_as_sequence->sq_concat(one, i1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "can only concatenate list (not \"int\") to list"));
    CHECK(ft_list_type.tp_as_mapping->mp_subscript(one, a) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "list indices must be integers or slices, not str"));
    CHECK(call_method(empty, "sort", &i1, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "sort() takes no positional arguments"));
    FtObject *foo = ft_str_from_cstr_ref("foo");
    FtObject *kw = ft_tuple_pack_ref(1, foo);
    CHECK(call_method(empty, "sort", &i1, 0, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "sort() got an unexpected keyword argument 'foo'"));
    CHECK(call_method(one, "insert", &i1, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "insert expected 2 arguments, got 1"));
    FtObject *args_a1[] = {a, i1};
    CHECK(call_method(one, "insert", args_a1, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'str' object cannot be interpreted as an integer"));
    CHECK(ft_list_set_item_steal(one, 3, int_ref(7)) == -1);
    CHECK(obj_error_is(&ft_exc_index_error, "list assignment index out of range"));
    CHECK(ft_object_hash(one) == -1);
    CHECK(obj_error_is(&ft_exc_type_error, "unhashable type: 'list'"));
    FtObject *all[] = {empty, one, i1, i2, i5, a, foo, kw};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "l=list(range(10)); print(l[2:8:3], l[::-1], l[8:1:-2], l[-3:], l[:100],
//   l[5:2])"
//   [2, 5] [9, 8, 7, 6, 5, 4, 3, 2, 1, 0] [8, 6, 4, 2] [7, 8, 9] [0, 1, 2, 3, 4, 5, 6, 7, 8, 9] []
// python3.14 -c "a=list(range(10)); a[1:3]=[7,7,7,7]; print(a, c(a))" ... (one line each)
//   [0, 7, 7, 7, 7, 3, 4, 5, 6, 7, 8, 9] 16      a[::3]=[0,0,0,0] -> [0, 1, 2, 0, 4, 5, 0, 7, 8, 0]
//   del a[::2] -> [1, 3, 5, 7, 9] 10              del a[8:1:-3] -> [0, 1, 3, 4, 6, 7, 9]
//   a[2:5]=a -> [0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9]
//   x=[1,2,3]; x[::2]=[1] -> ValueError attempt to assign sequence of size 1 to extended slice of
//   size 2
TEST(slices_match_oracle)
{
    const Ft_ssize MAX = FT_LIST_SLICE_MAX, MIN = FT_LIST_SLICE_MIN;
    FtObject *l = range_list(10);
    struct { Ft_ssize start, stop, step; const char *repr; } gets[] = {
        {2, 8, 3, "[2, 5]"},
        {MAX, MIN, -1, "[9, 8, 7, 6, 5, 4, 3, 2, 1, 0]"},
        {8, 1, -2, "[8, 6, 4, 2]"},
        {-3, MAX, 1, "[7, 8, 9]"},
        {0, 100, 1, "[0, 1, 2, 3, 4, 5, 6, 7, 8, 9]"},
        {5, 2, 1, "[]"},
    };
    for (size_t i = 0; i < sizeof gets / sizeof gets[0]; i++) {
        FtObject *s = ft_list_get_slice_ref(l, gets[i].start, gets[i].stop, gets[i].step);
        CHECK(obj_repr_is(s, gets[i].repr));
        ft_decref(s);
    }
    CHECK(ft_list_get_slice_ref(l, 0, 1, 0) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "slice step cannot be zero"));

    FtObject *a = range_list(10);
    int64_t sevens[] = {7, 7, 7, 7}, zeros[] = {0, 0, 0, 0};
    FtObject *v = list_of(4, sevens);
    CHECK_EQ_INT(ft_list_set_slice(a, 1, 3, 1, v), 0);
    CHECK(obj_repr_is(a, "[0, 7, 7, 7, 7, 3, 4, 5, 6, 7, 8, 9]"));
    CHECK_EQ_INT(ft_list_capacity(a), 16);
    ft_decref(a);
    ft_decref(v);
    a = range_list(10);
    v = list_of(4, zeros);
    CHECK_EQ_INT(ft_list_set_slice(a, 0, MAX, 3, v), 0);
    CHECK(obj_repr_is(a, "[0, 1, 2, 0, 4, 5, 0, 7, 8, 0]"));
    ft_decref(a);
    a = range_list(10);
    CHECK_EQ_INT(ft_list_del_slice(a, 0, MAX, 2), 0);
    CHECK(obj_repr_is(a, "[1, 3, 5, 7, 9]"));
    CHECK_EQ_INT(ft_list_capacity(a), 10);
    ft_decref(a);
    a = range_list(10);
    CHECK_EQ_INT(ft_list_del_slice(a, 8, 1, -3), 0);
    CHECK(obj_repr_is(a, "[0, 1, 3, 4, 6, 7, 9]"));
    ft_decref(a);
    a = range_list(10);
    CHECK_EQ_INT(ft_list_set_slice(a, 2, 5, 1, a), 0);
    CHECK(obj_repr_is(a, "[0, 1, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 5, 6, 7, 8, 9]"));
    ft_decref(a);
    a = range_list(3);
    FtObject *one = range_list(1);
    CHECK_EQ_INT(ft_list_set_slice(a, 0, MAX, 2, one), -1);
    CHECK(obj_error_is(&ft_exc_value_error,
                       "attempt to assign sequence of size 1 to extended slice of size 2"));
    ft_decref(one);
    ft_decref(a);
    ft_decref(v);

    // Through slice objects: l[8:1:-2], del l[::2] (l[::2] = ... checked above through the API).
    FtObject *i8 = ft_int_from_int64_ref(8), *i1 = ft_int_from_int64_ref(1);
    FtObject *im2 = ft_int_from_int64_ref(-2), *i2 = ft_int_from_int64_ref(2);
    FtObject *sl = ft_slice_new_ref(i8, i1, im2);
    FtObject *got = ft_list_type.tp_as_mapping->mp_subscript(l, sl);
    CHECK(obj_repr_is(got, "[8, 6, 4, 2]"));
    FtObject *every2 = ft_slice_new_ref(NULL, NULL, i2);
    CHECK_EQ_INT(ft_list_type.tp_as_mapping->mp_ass_subscript(l, every2, NULL), 0);
    CHECK(obj_repr_is(l, "[1, 3, 5, 7, 9]"));
    FtObject *all[] = {i8, i1, im2, i2, sl, got, every2, l};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "a=[3,1,2]; print(repr(a), a < [3,2], a <= [3,1,2], a == [3,1,2],
//   a != [3,1], a > [3], a >= [4]); l=[1]; l.append(l); print(l, [], [[]])"
//   [3, 1, 2] True True True True True False
//   [1, [...]] [] [[]]
TEST(repr_and_compare_match_oracle)
{
    int64_t v312[] = {3, 1, 2}, v32[] = {3, 2}, v31[] = {3, 1}, v3[] = {3}, v4[] = {4};
    FtObject *a = list_of(3, v312), *b32 = list_of(2, v32), *c312 = list_of(3, v312);
    FtObject *d31 = list_of(2, v31), *e3 = list_of(1, v3), *f4 = list_of(1, v4);
    CHECK(obj_repr_is(a, "[3, 1, 2]"));
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b32, FT_LT), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, c312, FT_LE), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, c312, FT_EQ), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, d31, FT_NE), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, e3, FT_GT), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, f4, FT_GE), 0);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, a, FT_EQ), 1);
    FtObject *one = int_ref(1);
    CHECK(ft_object_rich_compare_ref(a, one, FT_LT) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'<' not supported between instances of 'list' and 'int'"));

    int64_t v1[] = {1};
    FtObject *rec = list_of(1, v1);
    CHECK_EQ_INT(ft_list_append(rec, rec), 0);
    CHECK(obj_repr_is(rec, "[1, [...]]"));
    FtObject *empty = ft_list_new_ref(0), *nested = ft_list_new_ref(0);
    ft_list_append(nested, empty);
    CHECK(obj_repr_is(empty, "[]"));
    CHECK(obj_repr_is(nested, "[[]]"));
    // Break the cycle (no collector yet) so that everything is freed.
    CHECK(call_none(rec, "clear", NULL, 0));
    FtObject *all[] = {a, b32, c312, d31, e3, f4, one, rec, empty, nested};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "l=[1,2,3,2]; print(2 in l, 5 in l, l.count(2), l.index(2), l.index(2,2),
//   l.index(2,-1)); l.remove(2); print(l); l.reverse(); print(l); print(l.pop(0), l, l.pop(), l);
//   l.insert(-1, 9); l.insert(100, 8); l.insert(-100, 7); print(l)"
//   True False 2 1 3 3
//   [1, 3, 2]
//   [2, 3, 1]
//   2 [3, 1] 1 [3]
//   [7, 9, 3, 8]
TEST(methods_match_oracle)
{
    int64_t vals[] = {1, 2, 3, 2};
    FtObject *l = list_of(4, vals);
    FtObject *i2 = int_ref(2), *i5 = int_ref(5), *im1 = int_ref(-1), *i0 = int_ref(0);
    CHECK_EQ_INT(ft_list_type.tp_as_sequence->sq_contains(l, i2), 1);
    CHECK_EQ_INT(ft_list_type.tp_as_sequence->sq_contains(l, i5), 0);
    FtObject *r = call_method(l, "count", &i2, 1, NULL);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL), 2);
    ft_decref(r);
    r = call_method(l, "index", &i2, 1, NULL);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL), 1);
    ft_decref(r);
    FtObject *from2[] = {i2, i2};
    r = call_method(l, "index", from2, 2, NULL);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL), 3);
    ft_decref(r);
    FtObject *from_end[] = {i2, im1};
    r = call_method(l, "index", from_end, 2, NULL);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL), 3);
    ft_decref(r);
    CHECK(call_none(l, "remove", &i2, 1));
    CHECK(obj_repr_is(l, "[1, 3, 2]"));
    CHECK(call_none(l, "reverse", NULL, 0));
    CHECK(obj_repr_is(l, "[2, 3, 1]"));
    r = call_method(l, "pop", &i0, 1, NULL);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL), 2);
    ft_decref(r);
    CHECK(obj_repr_is(l, "[3, 1]"));
    r = call_method(l, "pop", NULL, 0, NULL);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL), 1);
    ft_decref(r);
    CHECK(obj_repr_is(l, "[3]"));
    FtObject *i9 = int_ref(9), *i8 = int_ref(8), *i7 = int_ref(7);
    FtObject *i100 = int_ref(100), *im100 = int_ref(-100);
    FtObject *a1[] = {im1, i9}, *a2[] = {i100, i8}, *a3[] = {im100, i7};
    CHECK(call_none(l, "insert", a1, 2));
    CHECK(call_none(l, "insert", a2, 2));
    CHECK(call_none(l, "insert", a3, 2));
    CHECK(obj_repr_is(l, "[7, 9, 3, 8]"));
    FtObject *t = ft_list_as_tuple_ref(l);
    CHECK(obj_repr_is(t, "(7, 9, 3, 8)"));
    ft_decref(t);
    CHECK(call_none(l, "append", &i5, 1));
    CHECK(obj_repr_is(l, "[7, 9, 3, 8, 5]"));
    r = ft_list_type.tp_as_mapping->mp_subscript(l, im1);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL), 5);
    ft_decref(r);
    CHECK_EQ_INT(ft_list_type.tp_as_mapping->mp_ass_subscript(l, i0, NULL), 0);
    CHECK(obj_repr_is(l, "[9, 3, 8, 5]"));
    CHECK_EQ_INT(ft_list_type.tp_as_mapping->mp_ass_subscript(l, im1, i0), 0);
    CHECK(obj_repr_is(l, "[9, 3, 8, 0]"));
    r = call_method(l, "__sizeof__", NULL, 0, NULL);
    CHECK_EQ_INT(ft_int_as_int64(r, NULL),
                 (int64_t)(sizeof(FtListObject) + sizeof(FtObject *) * (size_t)ft_list_capacity(l)));
    ft_decref(r);
    CHECK(call_none(l, "clear", NULL, 0));
    CHECK(obj_repr_is(l, "[]"));
    CHECK_EQ_INT(ft_list_capacity(l), 0);
    FtObject *all[] = {l, i2, i5, im1, i0, i9, i8, i7, i100, im100};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

static int64_t
length_hint(FtObject *it)
{
    FtObject *r = call_method(it, "__length_hint__", NULL, 0, NULL);
    int64_t v = r != NULL ? ft_int_as_int64(r, NULL) : -1;
    ft_xdecref(r);
    return v;
}

// Oracle: python3.14 -c "l=[0,1,2,3,4]; it=iter(l); next(it); print(it.__length_hint__());
//   r=reversed(l); next(r); print(r.__length_hint__()); del l[2:]; print(it.__length_hint__(),
//   r.__length_hint__())"
//   4
//   4
//   1 0
TEST(iterators)
{
    FtObject *l = range_list(5);
    FtObject *it = ft_list_type.tp_iter(l);
    CHECK(it != NULL && it->ob_type == &ft_list_iter_type);
    FtObject *r0 = call_method(l, "__reversed__", NULL, 0, NULL);
    FtObject *first = it->ob_type->tp_iternext(it), *last = r0->ob_type->tp_iternext(r0);
    CHECK_EQ_INT(length_hint(it), 4);
    CHECK_EQ_INT(length_hint(r0), 4);
    CHECK_EQ_INT(ft_list_del_slice(l, 2, FT_LIST_SLICE_MAX, 1), 0);
    CHECK_EQ_INT(length_hint(it), 1);
    CHECK_EQ_INT(length_hint(r0), 0);
    ft_decref(first);
    ft_decref(last);
    ft_decref(r0);
    ft_decref(it);
    ft_decref(l);
    l = range_list(5);
    it = ft_list_type.tp_iter(l);
    for (int64_t i = 0; i < 5; i++) {
        FtObject *v = it->ob_type->tp_iternext(it);
        CHECK(v != NULL);
        CHECK_EQ_INT(ft_int_as_int64(v, NULL), i);
        ft_decref(v);
    }
    CHECK(it->ob_type->tp_iternext(it) == NULL);
    CHECK(!ft_error_occurred());
    // Exhausted stays exhausted, even if the list grows (CPython's behaviour).
    FtObject *seven = int_ref(7);
    ft_list_append(l, seven);
    CHECK(it->ob_type->tp_iternext(it) == NULL);
    ft_decref(it);
    FtObject *rit = call_method(l, "__reversed__", NULL, 0, NULL);
    CHECK(rit != NULL && rit->ob_type == &ft_list_reverse_iter_type);
    int64_t expect[] = {7, 4, 3, 2, 1, 0};
    for (int i = 0; i < 6; i++) {
        FtObject *v = rit->ob_type->tp_iternext(rit);
        CHECK(v != NULL);
        CHECK_EQ_INT(ft_int_as_int64(v, NULL), expect[i]);
        ft_decref(v);
        if (i == 1) {   // shrinking under a reverse iterator ends it early only if needed
            FtObject *p = call_method(l, "pop", NULL, 0, NULL);
            ft_decref(p);
        }
    }
    CHECK(rit->ob_type->tp_iternext(rit) == NULL);
    ft_decref(rit);
    ft_decref(seven);
    ft_decref(l);
}

// 2**64 * sign as an int (outside Ft_ssize).
static FtObject *
huge_int_ref(int sign)
{
    FtBigInt a, b, prod;
    ft_bigint_from_uint64(&a, UINT64_C(1) << 32);
    ft_bigint_from_int64(&b, sign * ((int64_t)1 << 32));
    FtNumError err;
    if (ft_bigint_mul(&prod, &a, &b, &err) < 0)
        return NULL;
    ft_bigint_clear(&a);
    ft_bigint_clear(&b);
    return ft_int_from_bigint_steal(&prod);
}

// Oracle: python3.14 -c "for t in ['[1][10**30]','[1][-10**30]','[1].pop(10**30)',
//   '[1].insert(10**30, 2)','[1].index(1, 10**30)','[1].index(1, -10**30)',
//   '[1].__setitem__(10**30, 1)','[].sort(reverse=10**30)']: ..."
//   IndexError cannot fit 'int' into an index-sized integer (both signs, and for __setitem__)
//   OverflowError Python int too large to convert to C ssize_t (pop, insert)
//   ValueError list.index(x): x not in list / 0 / None
// python3.14 -c "list(a=1)" / "list(1,2)" / "list(5)"; print(list((1,2)), list([3]))
//   TypeError list() takes no keyword arguments / TypeError list expected at most 1 argument,
//   got 2 / TypeError 'int' object is not iterable / [1, 2] [3]
TEST(big_indices_and_constructor_match_oracle)
{
    FtObject *big = huge_int_ref(1), *neg = huge_int_ref(-1);
    CHECK(big != NULL && neg != NULL);
    FtObject *one = range_list(1), *i1 = int_ref(1), *i2 = int_ref(2);
    FtMappingMethods *mp = ft_list_type.tp_as_mapping;
    CHECK(mp->mp_subscript(one, big) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "cannot fit 'int' into an index-sized integer"));
    CHECK(mp->mp_subscript(one, neg) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "cannot fit 'int' into an index-sized integer"));
    CHECK_EQ_INT(mp->mp_ass_subscript(one, big, i1), -1);
    CHECK(obj_error_is(&ft_exc_index_error, "cannot fit 'int' into an index-sized integer"));
    CHECK(call_method(one, "pop", &big, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t"));
    FtObject *ins[] = {big, i2};
    CHECK(call_method(one, "insert", ins, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t"));
    FtObject *zero = int_ref(0);
    FtObject *idx_big[] = {zero, big}, *idx_neg[] = {zero, neg};
    CHECK(call_method(one, "index", idx_big, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "list.index(x): x not in list"));
    FtObject *r = call_method(one, "index", idx_neg, 2, NULL);
    CHECK(r != NULL && ft_int_as_int64(r, NULL) == 0);
    ft_decref(r);

    FtObject *list_type = (FtObject *)&ft_list_type;
    FtObject *t12 = ft_tuple_pack_ref(2, i1, i2);
    FtObject *made = ft_object_vectorcall_ref(list_type, &t12, 1, NULL);
    CHECK(obj_repr_is(made, "[1, 2]"));
    FtObject *copy = ft_object_vectorcall_ref(list_type, &made, 1, NULL);
    CHECK(obj_repr_is(copy, "[1, 2]"));
    CHECK(copy != made);
    FtObject *args2[] = {i1, i2};
    CHECK(ft_object_vectorcall_ref(list_type, args2, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "list expected at most 1 argument, got 2"));
    CHECK(ft_object_vectorcall_ref(list_type, &i1, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not iterable"));
    FtObject *a = ft_str_from_cstr_ref("a");
    FtObject *kw = ft_tuple_pack_ref(1, a);
    CHECK(ft_object_vectorcall_ref(list_type, &i1, 0, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "list() takes no keyword arguments"));
    FtObject *all[] = {big, neg, one, i1, i2, zero, t12, made, copy, a, kw};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

/* --- Sort --- */

// A deterministic pseudo-random sequence (splitmix64).
static uint64_t
next_random(uint64_t *state)
{
    uint64_t z = (*state += UINT64_C(0x9E3779B97F4A7C15));
    z = (z ^ (z >> 30)) * UINT64_C(0xBF58476D1CE4E5B9);
    z = (z ^ (z >> 27)) * UINT64_C(0x94D049BB133111EB);
    return z ^ (z >> 31);
}

// Items are tuples (key, original index), so stability can be checked: sorting by key alone (key
// function tuple_first) must keep the indices of equal keys increasing.
static FtObject *
tuple_first(FtObject *self, FtObject *arg)
{
    return ft_new_ref(ft_tuple_get_item_borrow(arg, 0));
}

static const FtMethodDef tuple_first_def = {"first", {.o = tuple_first}, FT_METH_O, NULL};

static int
check_sorted_stable(FtObject *l, Ft_ssize n, bool reverse)
{
    for (Ft_ssize i = 1; i < n; i++) {
        FtObject *a = ft_list_get_item_ref(l, i - 1), *b = ft_list_get_item_ref(l, i);
        int64_t ka = ft_int_as_int64(ft_tuple_get_item_borrow(a, 0), NULL);
        int64_t kb = ft_int_as_int64(ft_tuple_get_item_borrow(b, 0), NULL);
        int64_t ia = ft_int_as_int64(ft_tuple_get_item_borrow(a, 1), NULL);
        int64_t ib = ft_int_as_int64(ft_tuple_get_item_borrow(b, 1), NULL);
        ft_decref(a);
        ft_decref(b);
        bool ordered = reverse ? ka >= kb : ka <= kb;
        if (!ordered || (ka == kb && ia >= ib)) {
            printf("  not sorted/stable at %zd: (%lld,%lld) (%lld,%lld)\n", i, (long long)ka,
                   (long long)ia, (long long)kb, (long long)ib);
            return 0;
        }
    }
    return 1;
}

// Builds n (key, index) tuples; shape 0: random keys in [0, range), 1: ascending runs with random
// breaks, 2: descending, 3: sawtooth of runs.
static FtObject *
keyed_list(Ft_ssize n, int shape, int64_t range, uint64_t seed)
{
    FtObject *l = ft_list_new_ref(n);
    uint64_t st = seed;
    for (Ft_ssize i = 0; i < n; i++) {
        int64_t k;
        switch (shape) {
        case 0: k = (int64_t)(next_random(&st) % (uint64_t)range); break;
        case 1: k = (next_random(&st) % 50 == 0) ? (int64_t)(next_random(&st) % 1000) : i / 3; break;
        case 2: k = (int64_t)(n - i) / 2; break;
        default: k = (int64_t)(i % 97) + (int64_t)(next_random(&st) % 3); break;
        }
        FtObject *kk = int_ref(k), *ii = int_ref(i);
        ft_list_set_item_steal(l, i, ft_tuple_pack_ref(2, kk, ii));
        ft_decref(kk);
        ft_decref(ii);
    }
    return l;
}

TEST(sort_results_and_stability)
{
    FtObject *key = ft_cfunction_new_ref(&tuple_first_def, NULL);
    CHECK(key != NULL);
    static const Ft_ssize sizes[] = {0, 1, 2, 5, 63, 64, 65, 200, 1000, 5000};
    for (size_t s = 0; s < sizeof sizes / sizeof sizes[0]; s++) {
        for (int shape = 0; shape < 4; shape++) {
            for (int rev = 0; rev < 2; rev++) {
                Ft_ssize n = sizes[s];
                FtObject *l = keyed_list(n, shape, n / 4 + 1, (uint64_t)(n * 31 + shape));
                Ft_ssize cap = ft_list_capacity(l);
                CHECK_EQ_INT(ft_list_sort(l, key, rev != 0), 0);
                CHECK_EQ_INT(ft_list_size(l), n);
                CHECK_EQ_INT(ft_list_capacity(l), cap);
                CHECK(check_sorted_stable(l, n, rev != 0));
                ft_decref(l);
            }
        }
    }
    // Without a key, the tuples compare whole: (key, index) pairs are all distinct.
    FtObject *l = keyed_list(3000, 0, 10, 7);
    CHECK_EQ_INT(ft_list_sort(l, NULL, false), 0);
    CHECK(check_sorted_stable(l, 3000, false));
    ft_decref(l);
    ft_decref(key);
}

// Oracle: python3.14 -c "l=[3,1,2]; l.sort(reverse=True); print(l); l.sort(); print(l)"
//   [3, 2, 1]
//   [1, 2, 3]
TEST(sort_method_keywords)
{
    int64_t vals[] = {3, 1, 2};
    FtObject *l = list_of(3, vals);
    FtObject *rev = ft_str_from_cstr_ref("reverse");
    FtObject *kw = ft_tuple_pack_ref(1, rev);
    FtObject *args[] = {FT_TRUE};
    FtObject *r = call_method(l, "sort", args, 0, kw);
    CHECK(r == FT_NONE);
    CHECK(obj_repr_is(l, "[3, 2, 1]"));
    CHECK(call_none(l, "sort", NULL, 0));
    CHECK(obj_repr_is(l, "[1, 2, 3]"));
    ft_decref(kw);
    ft_decref(rev);
    ft_decref(l);
}

static FtObject *mutate_target;

static FtObject *
key_that_appends(FtObject *self, FtObject *arg)
{
    if (ft_list_append(mutate_target, arg) < 0)
        return NULL;
    return ft_new_ref(arg);
}

static const FtMethodDef key_that_appends_def = {"k", {.o = key_that_appends}, FT_METH_O, NULL};

// Oracle: python3.14 -c "
//   l=[3,1,2]
//   try: l.sort(key=lambda x: l.append(x) or x)
//   except ValueError as e: print(e, l)
//   try: [1,'a',2].sort()
//   except TypeError as e: print(e)"
//   list modified during sort [1, 2, 3]
//   '<' not supported between instances of 'str' and 'int'
TEST(sort_errors_match_oracle)
{
    int64_t vals[] = {3, 1, 2};
    FtObject *l = list_of(3, vals);
    mutate_target = l;
    FtObject *key = ft_cfunction_new_ref(&key_that_appends_def, NULL);
    CHECK_EQ_INT(ft_list_sort(l, key, false), -1);
    CHECK(obj_error_is(&ft_exc_value_error, "list modified during sort"));
    CHECK(obj_repr_is(l, "[1, 2, 3]"));
    ft_decref(key);
    ft_decref(l);

    FtObject *mixed = ft_list_new_ref(3);
    ft_list_set_item_steal(mixed, 0, int_ref(1));
    ft_list_set_item_steal(mixed, 1, ft_str_from_cstr_ref("a"));
    ft_list_set_item_steal(mixed, 2, int_ref(2));
    CHECK_EQ_INT(ft_list_sort(mixed, NULL, false), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'<' not supported between instances of 'str' and 'int'"));
    // Nothing lost or duplicated.
    CHECK_EQ_INT(ft_list_size(mixed), 3);
    int found_a = 0;
    int64_t sum = 0;
    for (Ft_ssize i = 0; i < 3; i++) {
        FtObject *v = ft_list_get_item_ref(mixed, i);
        if (ft_str_check(v))
            found_a++;
        else
            sum += ft_int_as_int64(v, NULL);
        ft_decref(v);
    }
    CHECK_EQ_INT(found_a, 1);
    CHECK_EQ_INT(sum, 3);
    ft_decref(mixed);

    // A failing comparison deep inside a merge (after runs were sorted) also keeps a permutation.
    Ft_ssize n = 2000;
    FtObject *big = ft_list_new_ref(n);
    uint64_t st = 5;
    int64_t expect_sum = 0;
    for (Ft_ssize i = 0; i < n; i++) {
        if (i == 1500) {
            ft_list_set_item_steal(big, i, ft_str_from_cstr_ref("x"));
            continue;
        }
        int64_t v = (int64_t)(next_random(&st) % 1000);
        expect_sum += v;
        ft_list_set_item_steal(big, i, int_ref(v));
    }
    CHECK_EQ_INT(ft_list_sort(big, NULL, false), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'<' not supported between instances of 'str' and 'int'"));
    CHECK_EQ_INT(ft_list_size(big), n);
    found_a = 0;
    sum = 0;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *v = ft_list_get_item_ref(big, i);
        if (ft_str_check(v))
            found_a++;
        else
            sum += ft_int_as_int64(v, NULL);
        ft_decref(v);
    }
    CHECK_EQ_INT(found_a, 1);
    CHECK_EQ_INT(sum, expect_sum);
    ft_decref(big);
}

// A list shared with another thread: reads from it go through the locked path once, then lock-free;
// resizes retire arrays through QSBR and the items stay readable.
typedef struct {
    FtObject *list;
    int64_t sum;
} SharedReadArg;

static void *
shared_reader(void *p)
{
    SharedReadArg *arg = p;
    obj_thread_begin();
    for (Ft_ssize i = 0; i < ft_list_size(arg->list); i++) {
        FtObject *v = ft_list_get_item_ref(arg->list, i);
        arg->sum += ft_int_as_int64(v, NULL);
        ft_decref(v);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(shared_list_read_by_other_thread)
{
    FtObject *l = range_list(100);
    SharedReadArg arg = {l, 0};
    pthread_t t;
    FtThreadState *ts = ft_thread_state_current();
    CHECK_EQ_INT(pthread_create(&t, NULL, shared_reader, &arg), 0);
    ft_thread_detach(ts);
    pthread_join(t, NULL);
    ft_thread_attach(ts);
    CHECK_EQ_INT(arg.sum, 4950);
    CHECK((l->ob_gc_bits & FT_GC_SHARED) != 0);
    for (int i = 0; i < 100; i++)
        ft_list_append(l, FT_NONE);   // resizes of a shared list go through QSBR
    CHECK_EQ_INT(ft_list_size(l), 200);
    ft_decref(l);
}

int
main(void)
{
    return ft_test_run_all();
}

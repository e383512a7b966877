// tests/unit/objects/test_tuple.c: tuple construction, the xxHash-based hash (checked against the
// oracle), repr, lexicographic comparison, sequence slots, traverse, and concurrent readers.
// Expected values come from the oracle; each group names the command that printed them.
#include <pthread.h>   // pthread_barrier_t

#include "objects_test_util.h"

#include "objects/int.h"     // ft_int_*
#include "objects/tuple.h"   // ft_tuple_*
#include "objects/type.h"    // ft_type_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

static FtObject *
int_ref(int64_t v)
{
    return ft_int_from_int64_ref(v);
}

// Oracle: python3.14 -c "print(hash(()), hash((1,)), hash((1,2,3)), hash(((),)), hash((-1,)))"
//   5740354900026072187 -6644214454873602895 529344067295497451 -5486347211504344842
//   8078679518589016365
// Oracle: PYTHONHASHSEED=0 python3.14 -c "print(hash(('a',1)), hash(('abc', (None,), True)),
//   hash((True,False)))"
//   6955645834154447545 6235897435889535226 -5164621852614943976
TEST(hash_matches_oracle)
{
    FtObject *empty = ft_tuple_new_ref(0);
    CHECK_EQ_INT(ft_object_hash(empty), 5740354900026072187LL);
    FtObject *t1 = ft_tuple_pack_ref(1, int_ref(1));
    CHECK_EQ_INT(ft_object_hash(t1), -6644214454873602895LL);
    FtObject *t3 = ft_tuple_pack_ref(3, int_ref(1), int_ref(2), int_ref(3));
    CHECK_EQ_INT(ft_object_hash(t3), 529344067295497451LL);
    FtObject *nested = ft_tuple_pack_ref(1, empty);
    CHECK_EQ_INT(ft_object_hash(nested), -5486347211504344842LL);
    FtObject *neg = ft_tuple_pack_ref(1, int_ref(-1));
    CHECK_EQ_INT(ft_object_hash(neg), 8078679518589016365LL);
    FtObject *a = ft_str_from_cstr_ref("a"), *abc = ft_str_from_cstr_ref("abc");
    FtObject *mixed = ft_tuple_pack_ref(2, a, int_ref(1));
    CHECK_EQ_INT(ft_object_hash(mixed), 6955645834154447545LL);
    FtObject *none1 = ft_tuple_pack_ref(1, FT_NONE);
    FtObject *deep = ft_tuple_pack_ref(3, abc, none1, FT_TRUE);
    CHECK_EQ_INT(ft_object_hash(deep), 6235897435889535226LL);
    FtObject *bools = ft_tuple_pack_ref(2, FT_TRUE, FT_FALSE);
    CHECK_EQ_INT(ft_object_hash(bools), -5164621852614943976LL);
    CHECK_EQ_INT(ft_object_hash(bools), -5164621852614943976LL);   // cached
    FtObject *all[] = {t1, t3, nested, neg, mixed, none1, deep, bools, a, abc};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "print(repr(()), repr((1,)), repr((1,'a',None)), repr(('a',)),
//   repr((1,(2,3),'x\"y', 'it\'s')))"
//   () (1,) (1, 'a', None) ('a',) (1, (2, 3), 'x"y', "it's")
TEST(repr_matches_oracle)
{
    CHECK(obj_repr_is(ft_tuple_new_ref(0), "()"));
    FtObject *t1 = ft_tuple_pack_ref(1, int_ref(1));
    CHECK(obj_repr_is(t1, "(1,)"));
    FtObject *a = ft_str_from_cstr_ref("a");
    FtObject *t = ft_tuple_pack_ref(3, int_ref(1), a, FT_NONE);
    CHECK(obj_repr_is(t, "(1, 'a', None)"));
    FtObject *ta = ft_tuple_pack_ref(1, a);
    CHECK(obj_repr_is(ta, "('a',)"));
    FtObject *inner = ft_tuple_pack_ref(2, int_ref(2), int_ref(3));
    FtObject *q = ft_str_from_cstr_ref("x\"y"), *its = ft_str_from_cstr_ref("it's");
    FtObject *many[12];
    for (int i = 0; i < 12; i++)
        many[i] = int_ref(i);
    FtObject *big = ft_tuple_from_array_ref(many, 12);   // more items than the repr's stack buffer
    CHECK(obj_repr_is(big, "(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11)"));
    FtObject *outer = ft_tuple_pack_ref(4, int_ref(1), inner, q, its);
    CHECK(obj_repr_is(outer, "(1, (2, 3), 'x\"y', \"it's\")"));
    FtObject *all[] = {t1, a, t, ta, inner, q, its, big, outer};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: python3.14 -c "print((1,2)<(1,3), (1,2)<(1,2,0), (1,2)==(1,2), (2,)>(1,5), (1,2)<=(1,2))"
//   True True True True True
// Oracle: (1,"a") < (1,2) -> TypeError '<' not supported between instances of 'str' and 'int'
TEST(rich_compare)
{
    FtObject *t12 = ft_tuple_pack_ref(2, int_ref(1), int_ref(2));
    FtObject *t13 = ft_tuple_pack_ref(2, int_ref(1), int_ref(3));
    FtObject *t120 = ft_tuple_pack_ref(3, int_ref(1), int_ref(2), int_ref(0));
    FtObject *t12b = ft_tuple_pack_ref(2, int_ref(1), int_ref(2));
    FtObject *t2 = ft_tuple_pack_ref(1, int_ref(2)), *t15 = ft_tuple_pack_ref(2, int_ref(1), int_ref(5));
    CHECK_EQ_INT(ft_object_rich_compare_bool(t12, t13, FT_LT), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(t12, t120, FT_LT), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(t12, t12b, FT_EQ), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(t12, t12b, FT_NE), 0);
    CHECK_EQ_INT(ft_object_rich_compare_bool(t2, t15, FT_GT), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(t12, t12b, FT_LE), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(t12, t13, FT_EQ), 0);
    CHECK_EQ_INT(ft_object_hash(t12), ft_object_hash(t12b));
    FtObject *a = ft_str_from_cstr_ref("a");
    FtObject *t1a = ft_tuple_pack_ref(2, int_ref(1), a);
    CHECK_EQ_INT(ft_object_rich_compare_bool(t1a, t12, FT_LT), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'<' not supported between instances of 'str' and 'int'"));
    CHECK_EQ_INT(ft_object_rich_compare_bool(t1a, t12, FT_EQ), 0);   // == never raises here
    FtObject *all[] = {t12, t13, t120, t12b, t2, t15, a, t1a};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

// Oracle: (1,)[5] -> IndexError tuple index out of range
// Oracle: (1,)+1 -> TypeError can only concatenate tuple (not "int") to tuple
// Oracle: (1,)["a"] -> TypeError tuple indices must be integers or slices, not str
// Oracle: tuple(5) -> TypeError 'int' object is not iterable
// Oracle: tuple(1,2) -> TypeError tuple expected at most 1 argument, got 2
TEST(sequence_slots_and_errors)
{
    FtObject *t = ft_tuple_pack_ref(2, int_ref(10), int_ref(20));
    FtSequenceMethods *sq = ft_tuple_type.tp_as_sequence;
    FtMappingMethods *mp = ft_tuple_type.tp_as_mapping;
    CHECK_EQ_INT(sq->sq_length(t), 2);
    FtObject *item = sq->sq_item(t, 1);
    CHECK(obj_repr_is(item, "20"));
    ft_decref(item);
    CHECK(sq->sq_item(t, 5) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "tuple index out of range"));
    FtObject *minus1 = int_ref(-1);
    item = mp->mp_subscript(t, minus1);
    CHECK(obj_repr_is(item, "20"));
    ft_decref(item);
    FtObject *a = ft_str_from_cstr_ref("a");
    CHECK(mp->mp_subscript(t, a) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "tuple indices must be integers or slices, not str"));
    CHECK_EQ_INT(sq->sq_contains(t, int_ref(20)), 1);
    CHECK_EQ_INT(sq->sq_contains(t, a), 0);
    FtObject *tt = sq->sq_concat(t, t);
    CHECK(obj_repr_is(tt, "(10, 20, 10, 20)"));
    CHECK(sq->sq_concat(t, int_ref(1)) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "can only concatenate tuple (not \"int\") to tuple"));
    FtObject *five = int_ref(5);
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_tuple_type, &five, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not iterable"));
    FtObject *two[2] = {five, five};
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_tuple_type, two, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "tuple expected at most 1 argument, got 2"));
    FtObject *same = ft_object_vectorcall_ref((FtObject *)&ft_tuple_type, &t, 1, NULL);
    CHECK(same == t);
    ft_decref(same);
    CHECK(ft_tuple_new_ref(0) == ft_tuple_new_ref(0));   // the empty tuple is a singleton
    CHECK(ft_object_is_immortal(ft_tuple_new_ref(0)));
    ft_decref(tt);
    ft_decref(a);
    ft_decref(t);
}

static int
count_visit(FtObject *op, void *arg)
{
    (*(int *)arg)++;
    return 0;
}

TEST(gc_traverse_and_tracking)
{
    FtObject *t = ft_tuple_new_ref(3);
    CHECK(t != NULL);
    CHECK(t->ob_gc_bits & FT_GC_TRACKED);
    int n = 0;
    ft_tuple_type.tp_traverse(t, count_visit, &n);   // NULL items of a tuple being built are skipped
    CHECK_EQ_INT(n, 0);
    for (int i = 0; i < 3; i++)
        ft_tuple_set_item_steal_unlocked(t, i, int_ref(i));
    ft_tuple_type.tp_traverse(t, count_visit, &n);
    CHECK_EQ_INT(n, 3);
    ft_decref(t);
}

#define READERS 2
static pthread_barrier_t barrier;
static FtObject *shared_tuple;   // published before the readers start
static Ft_hash reader_hashes[READERS];
static int reader_ok[READERS];

static void *
reader(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    pthread_barrier_wait(&barrier);
    int ok = 1;
    for (int round = 0; round < 2000; round++) {
        FtObject *item = ft_tuple_type.tp_as_sequence->sq_item(shared_tuple, round % 4);
        ok &= item != NULL;
        ft_xdecref(item);   // other threads' references to owned items go through the shared count
        reader_hashes[id] = ft_object_hash(shared_tuple);
        FtObject *r = ft_object_repr_ref(shared_tuple);
        ok &= r != NULL;
        ft_xdecref(r);
    }
    reader_ok[id] = ok;
    ft_thread_state_delete_current();
    return NULL;
}

// Immutable after publication: threads read items, hash (racing on the cache) and repr concurrently.
TEST(concurrent_readers)
{
    FtObject *s = ft_str_from_cstr_ref("shared");
    shared_tuple = ft_tuple_pack_ref(4, int_ref(1000), s, FT_NONE, int_ref(7));
    ft_decref(s);
    Ft_hash expected = ft_object_hash(shared_tuple);
    ((FtTupleObject *)shared_tuple)->hash = -1;   // force the readers to race on the cache
    pthread_barrier_init(&barrier, NULL, READERS);
    pthread_t threads[READERS];
    for (int i = 0; i < READERS; i++)
        pthread_create(&threads[i], NULL, reader, (void *)(intptr_t)i);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < READERS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    for (int i = 0; i < READERS; i++) {
        CHECK(reader_ok[i]);
        CHECK_EQ_INT(reader_hashes[i], expected);
    }
    ft_decref(shared_tuple);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/objects/test_dict.c: dict's compact ordered table (order through deletions and resizes,
// repr identical to the oracle's), lookups of int, str and tuple keys, equal-hash unequal keys,
// KeyError, the methods through the type's method table, views, iteration errors, comparison, a
// comparison that mutates the dict, a C subclass with __missing__, and concurrent lock-free readers.
//
// Expected texts come from the oracle: the Python statements quoted above each test were run as
//   /opt/cpython314/bin/python3.14 -c '<statements>'
// and printed what follows the arrow. Error texts were checked the same way, e.g.
//   python3.14 -c 'for s in ["{}[{}] = 1", "{}.pop({})", "{}.update((26,))"]:
//       try: exec(s)
//       except Exception as e: print(type(e).__name__, e)'
//   -> TypeError cannot use 'dict' as a dict key (unhashable type: 'dict')
//      KeyError {}
//      TypeError object is not iterable
//   python3.14 -c '{}.popitem()' -> KeyError: 'popitem(): dictionary is empty'
//   python3.14 -c 'd = {0: 0, 1: 1, 2: 2}; it = iter(d); next(it); d[10] = 10; next(it)'
//   -> RuntimeError: dictionary changed size during iteration (and again on the next call)
//   python3.14 -c 'd = {0: 0, 1: 1, 2: 2, 10: 10}; it = iter(d); next(it); del d[0]; d[20] = 20
//       n = 0
//       try:
//           for k in it: n += 1
//       except RuntimeError as e: print(n, e)
//       print(list(it))'
//   -> 3 dictionary keys changed during iteration
//      []
//   python3.14 -c 'print(dict(((1, 2),), a=3)); dict(1, 2)'
//   -> {1: 2, 'a': 3} / TypeError: dict expected at most 1 argument, got 2
//   python3.14 -c 'print(dict.fromkeys(("z", 26)), dict.fromkeys({"a": 1, "b": 2}))'
//   -> {'z': None, 26: None} {'a': None, 'b': None}
//   python3.14 -c 'class S(dict):
//       def __missing__(self, k): return "missing %r" % (k,)
//   print(S()["nope"])'  -> missing 'nope'
#include <pthread.h>   // pthread_barrier_t

#include "objects_test_util.h"

#include "objects/dict.h"         // ft_dict_*
#include "objects/int.h"          // ft_int_*
#include "objects/method_def.h"   // FtMethodDef
#include "objects/type.h"         // ft_type_ready
#include "objects/tuple.h"        // ft_tuple_*
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION_OBJECT

static FtObject *
int_ref(int64_t v)
{
    return ft_int_from_int64_ref(v);
}

static FtObject *
str_ref(const char *s)
{
    return ft_str_from_cstr_ref(s);
}

// d[k] = v, dropping the caller's k and v.
static int
set_steal(FtObject *d, FtObject *k, FtObject *v)
{
    int r = ft_dict_set_item(d, k, v);
    ft_decref(k);
    ft_decref(v);
    return r;
}

// d[key] = v for a C string key, dropping the caller's v.
static int
set_str_steal(FtObject *d, const char *key, FtObject *v)
{
    int r = ft_dict_set_item_str(d, key, v);
    ft_decref(v);
    return r;
}

static int
del_steal(FtObject *d, FtObject *k)
{
    int r = ft_dict_del_item(d, k);
    ft_decref(k);
    return r;
}

// getattr(obj, name)(*args): a new reference or NULL.
static FtObject *
call_method(FtObject *obj, const char *name, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *m = ft_object_get_attr_cstr_ref(obj, name);
    if (m == NULL)
        return NULL;
    FtObject *r = ft_object_vectorcall_ref(m, args, (size_t)nargs, NULL);
    ft_decref(m);
    return r;
}

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_dict_init_types(), 0);
}

TEST(empty_dict)
{
    FtObject *d = ft_dict_new_ref();
    CHECK(d != NULL);
    CHECK_EQ_INT(ft_dict_size(d), 0);
    CHECK(obj_repr_is(d, "{}"));
    FtObject *k = int_ref(1), *v = (FtObject *)1;
    CHECK_EQ_INT(ft_dict_get_item_ref(d, k, &v), 0);
    CHECK(v == NULL);
    CHECK_EQ_INT(ft_dict_del_item(d, k), -1);
    CHECK(obj_error_is(&ft_exc_key_error, "1"));
    ft_decref(k);
    ft_decref(d);
}

// d = {}
// for i in range(20): d[i] = i * i
// for i in range(0, 20, 2): del d[i]
// for i in range(100, 105): d[i] = -i
// d[0] = 'zero'
// d[3] = 'three'
// print(repr(d))  ->
//   {1: 1, 3: 'three', 5: 25, 7: 49, 9: 81, 11: 121, 13: 169, 15: 225, 17: 289, 19: 361,
//    100: -100, 101: -101, 102: -102, 103: -103, 104: -104, 0: 'zero'}
TEST(order_through_deletions_and_resizes)
{
    FtObject *d = ft_dict_new_ref();
    for (int i = 0; i < 20; i++)
        CHECK_EQ_INT(set_steal(d, int_ref(i), int_ref(i * i)), 0);
    for (int i = 0; i < 20; i += 2)
        CHECK_EQ_INT(del_steal(d, int_ref(i)), 0);
    for (int i = 100; i < 105; i++)
        CHECK_EQ_INT(set_steal(d, int_ref(i), int_ref(-i)), 0);
    CHECK_EQ_INT(set_steal(d, int_ref(0), str_ref("zero")), 0);
    CHECK_EQ_INT(set_steal(d, int_ref(3), str_ref("three")), 0);
    CHECK(obj_repr_is(d, "{1: 1, 3: 'three', 5: 25, 7: 49, 9: 81, 11: 121, 13: 169, 15: 225, "
                         "17: 289, 19: 361, 100: -100, 101: -101, 102: -102, 103: -103, "
                         "104: -104, 0: 'zero'}"));
    CHECK_EQ_INT(ft_dict_size(d), 16);
    // Every key still maps to its value after the resizes.
    for (int i = 1; i < 20; i += 2) {
        FtObject *k = int_ref(i), *v;
        CHECK_EQ_INT(ft_dict_get_item_ref(d, k, &v), 1);
        if (i != 3)
            CHECK_EQ_INT(ft_int_as_int64(v, NULL), (int64_t)i * i);
        ft_decref(v);
        ft_decref(k);
    }
    ft_decref(d);
}

// e = {}
// for w in ['pear', 'apple', 'fig', 'kiwi', 'plum', 'lime', 'date']: e[w] = len(w)
// del e['apple']; del e['kiwi']; e['apple'] = 0; e.pop('pear'); e['pear'] = (1, 'x')
// print(repr(e))  -> {'fig': 3, 'plum': 4, 'lime': 4, 'date': 4, 'apple': 0, 'pear': (1, 'x')}
TEST(str_keys_order_and_repr)
{
    const char *words[] = {"pear", "apple", "fig", "kiwi", "plum", "lime", "date"};
    FtObject *e = ft_dict_new_ref();
    for (int i = 0; i < 7; i++)
        CHECK_EQ_INT(set_steal(e, str_ref(words[i]), int_ref((int64_t)strlen(words[i]))), 0);
    CHECK_EQ_INT(del_steal(e, str_ref("apple")), 0);
    CHECK_EQ_INT(del_steal(e, str_ref("kiwi")), 0);
    CHECK_EQ_INT(set_str_steal(e, "apple", ft_int_from_int64_ref(0)), 0);
    FtObject *pear = str_ref("pear");
    FtObject *popped = call_method(e, "pop", &pear, 1);
    CHECK(popped != NULL && ft_int_as_int64(popped, NULL) == 4);
    ft_xdecref(popped);
    FtObject *x = str_ref("x"), *one = int_ref(1);
    FtObject *tup = ft_tuple_pack_ref(2, one, x);
    CHECK_EQ_INT(ft_dict_set_item(e, pear, tup), 0);
    CHECK(obj_repr_is(e, "{'fig': 3, 'plum': 4, 'lime': 4, 'date': 4, 'apple': 0, "
                         "'pear': (1, 'x')}"));
    FtObject *v;
    CHECK_EQ_INT(ft_dict_get_item_str_ref(e, "fig", &v), 1);
    CHECK_EQ_INT(ft_int_as_int64(v, NULL), 3);
    ft_decref(v);
    // An interned key finds the entry stored under an equal non-interned str, and vice versa.
    FtObject *interned = ft_str_intern_cstr_ref("plum");
    CHECK_EQ_INT(ft_dict_get_item_ref(e, interned, &v), 1);
    ft_decref(v);
    ft_decref(interned);
    ft_decref(tup);
    ft_decref(x);
    ft_decref(one);
    ft_decref(pear);
    ft_decref(e);
}

// t = {(1, 2): 'a', ('x', None): None, (): True}; t[(1, 2)] = 'b'
// repr(t) -> {(1, 2): 'b', ('x', None): None, (): True}
TEST(tuple_keys)
{
    FtObject *t = ft_dict_new_ref();
    FtObject *one = int_ref(1), *two = int_ref(2), *x = str_ref("x");
    CHECK_EQ_INT(set_steal(t, ft_tuple_pack_ref(2, one, two), str_ref("a")), 0);
    CHECK_EQ_INT(set_steal(t, ft_tuple_pack_ref(2, x, FT_NONE), FT_NONE), 0);
    CHECK_EQ_INT(set_steal(t, ft_tuple_new_ref(0), FT_TRUE), 0);
    CHECK_EQ_INT(set_steal(t, ft_tuple_pack_ref(2, one, two), str_ref("b")), 0);
    CHECK(obj_repr_is(t, "{(1, 2): 'b', ('x', None): None, (): True}"));
    CHECK_EQ_INT(ft_dict_size(t), 3);
    // A tuple key: KeyError carries the tuple itself as its single argument.
    FtObject *missing = ft_tuple_pack_ref(2, two, one);
    CHECK_EQ_INT(ft_dict_del_item(t, missing), -1);
    CHECK(obj_error_is(&ft_exc_key_error, "(2, 1)"));
    ft_decref(missing);
    ft_decref(one);
    ft_decref(two);
    ft_decref(x);
    ft_decref(t);
}

// c = {-1: 'm1', -2: 'm2', 5: 'five', 2**61 - 1 + 5: 'big', 2**61 + 3: 'b3'}
// print(hash(-1), hash(-2), hash(2**61-1+5), hash(2**61+3))  -> -2 -2 5 4
// del c[-1]; c[-1] = 'again'; repr(c) ->
//   {-2: 'm2', 5: 'five', 2305843009213693956: 'big', 2305843009213693955: 'b3', -1: 'again'}
TEST(equal_hash_unequal_keys)
{
    FtObject *c = ft_dict_new_ref();
    int64_t big = ((int64_t)1 << 61) - 1 + 5, b3 = ((int64_t)1 << 61) + 3;
    FtObject *kbig = int_ref(big);
    CHECK_EQ_INT(ft_object_hash(kbig), 5);
    CHECK_EQ_INT(set_steal(c, int_ref(-1), str_ref("m1")), 0);
    CHECK_EQ_INT(set_steal(c, int_ref(-2), str_ref("m2")), 0);
    CHECK_EQ_INT(set_steal(c, int_ref(5), str_ref("five")), 0);
    CHECK_EQ_INT(set_steal(c, int_ref(big), str_ref("big")), 0);
    CHECK_EQ_INT(set_steal(c, int_ref(b3), str_ref("b3")), 0);
    CHECK_EQ_INT(ft_dict_size(c), 5);
    FtObject *v;
    CHECK_EQ_INT(ft_dict_get_item_ref(c, kbig, &v), 1);
    CHECK(obj_str_is(v, "big"));
    ft_decref(v);
    CHECK_EQ_INT(del_steal(c, int_ref(-1)), 0);
    FtObject *m2 = int_ref(-2);
    CHECK_EQ_INT(ft_dict_get_item_ref(c, m2, &v), 1);   // found past the dummy
    CHECK(obj_str_is(v, "m2"));
    ft_decref(v);
    CHECK_EQ_INT(set_steal(c, int_ref(-1), str_ref("again")), 0);
    CHECK(obj_repr_is(c, "{-2: 'm2', 5: 'five', 2305843009213693956: 'big', "
                         "2305843009213693955: 'b3', -1: 'again'}"));
    ft_decref(m2);
    ft_decref(kbig);
    ft_decref(c);
}

// Many keys, then delete most and re-insert: exercises 1-, 2- and 4-byte index tables.
TEST(large_table_round_trip)
{
    FtObject *d = ft_dict_new_ref();
#if defined(FT_DEBUG_EXPENSIVE)
    const int n = 3000;    // every insertion scans the table: stay quadratic-cheap
#else
    const int n = 70000;   // reaches 4-byte index slots (tables of 2**17)
#endif
    for (int i = 0; i < n; i++)
        CHECK_EQ_INT(set_steal(d, int_ref(i), int_ref(i + 1)), 0);
    for (int i = 0; i < n; i += 3)
        CHECK_EQ_INT(del_steal(d, int_ref(i)), 0);
    int bad = 0;
    for (int i = 0; i < n; i++) {
        FtObject *k = int_ref(i), *v;
        int r = ft_dict_get_item_ref(d, k, &v);
        if (r != (i % 3 != 0) || (r == 1 && ft_int_as_int64(v, NULL) != i + 1))
            bad++;
        ft_xdecref(v);
        ft_decref(k);
    }
    CHECK_EQ_INT(bad, 0);
    // Order: the first live keys are 1, 2, 4, 5.
    Ft_ssize pos = 0;
    FtObject *key;
    int64_t first[4] = {0};
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    for (int i = 0; i < 4 && ft_dict_next(d, &pos, &key, NULL); i++)
        first[i] = ft_int_as_int64(key, NULL);
    FT_END_CRITICAL_SECTION_OBJECT();
    CHECK(first[0] == 1 && first[1] == 2 && first[2] == 4 && first[3] == 5);
    ft_dict_clear(d);
    CHECK_EQ_INT(ft_dict_size(d), 0);
    CHECK(obj_repr_is(d, "{}"));
    ft_decref(d);
}

TEST(key_error_and_unhashable)
{
    FtObject *d = ft_dict_new_ref();
    FtObject *k = str_ref("missing");
    FtObject *r = d->ob_type->tp_as_mapping->mp_subscript(d, k);
    CHECK(r == NULL);
    CHECK(obj_error_is(&ft_exc_key_error, "'missing'"));
    FtObject *inner = ft_dict_new_ref();
    CHECK_EQ_INT(ft_dict_set_item(d, inner, FT_NONE), -1);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "cannot use 'dict' as a dict key (unhashable type: 'dict')"));
    FtObject *v = (FtObject *)1;
    CHECK_EQ_INT(ft_dict_get_item_ref(d, inner, &v), -1);
    CHECK(v == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "cannot use 'dict' as a dict key (unhashable type: 'dict')"));
    // {}.pop({}) answers KeyError before hashing.
    r = call_method(d, "pop", &inner, 1);
    CHECK(r == NULL);
    CHECK(obj_error_is(&ft_exc_key_error, "{}"));
    ft_decref(inner);
    ft_decref(k);
    ft_decref(d);
}

// p = {'a': 1, 'b': 2, 'c': 3}; print(p.popitem(), repr(p))  -> ('c', 3) {'a': 1, 'b': 2}
TEST(methods)
{
    FtObject *p = ft_dict_new_ref();
    CHECK_EQ_INT(set_str_steal(p, "a", int_ref(1)), 0);
    CHECK_EQ_INT(set_str_steal(p, "b", int_ref(2)), 0);
    CHECK_EQ_INT(set_str_steal(p, "c", int_ref(3)), 0);
    FtObject *item = call_method(p, "popitem", NULL, 0);
    CHECK(obj_repr_is(item, "('c', 3)"));
    ft_xdecref(item);
    CHECK(obj_repr_is(p, "{'a': 1, 'b': 2}"));

    FtObject *z = str_ref("z"), *dflt = int_ref(26);
    FtObject *args[2] = {z, dflt};
    FtObject *got = call_method(p, "get", args, 1);
    CHECK(got == FT_NONE);
    got = call_method(p, "get", args, 2);
    CHECK(got == dflt);
    ft_xdecref(got);
    got = call_method(p, "setdefault", args, 2);
    CHECK(got == dflt);
    ft_xdecref(got);
    CHECK(obj_repr_is(p, "{'a': 1, 'b': 2, 'z': 26}"));
    got = call_method(p, "pop", args, 1);
    CHECK(got == dflt);
    ft_xdecref(got);
    got = call_method(p, "pop", args, 1);
    CHECK(got == NULL);
    CHECK(obj_error_is(&ft_exc_key_error, "'z'"));
    got = call_method(p, "pop", args, 2);
    CHECK(got == dflt);
    ft_xdecref(got);

    FtObject *cp = call_method(p, "copy", NULL, 0);
    CHECK(obj_repr_is(cp, "{'a': 1, 'b': 2}"));
    CHECK(ft_object_rich_compare_bool(cp, p, FT_EQ) == 1);
    got = call_method(p, "__contains__", args, 1);
    CHECK(got == FT_FALSE);
    got = call_method(p, "__len__", NULL, 0);
    CHECK(got != NULL && ft_int_as_int64(got, NULL) == 2);
    ft_xdecref(got);

    // update(): a dict, an iterable of pairs (a tuple of tuples), keywords.
    FtObject *pair = ft_tuple_pack_ref(2, z, dflt);
    FtObject *pairs = ft_tuple_pack_ref(1, pair);
    got = call_method(cp, "update", &pairs, 1);
    CHECK(got == FT_NONE);
    CHECK(obj_repr_is(cp, "{'a': 1, 'b': 2, 'z': 26}"));
    FtObject *short_pair = ft_tuple_pack_ref(1, z);
    FtObject *bad = ft_tuple_pack_ref(1, short_pair);
    got = call_method(cp, "update", &bad, 1);
    CHECK(got == NULL);
    CHECK(obj_error_is(&ft_exc_value_error,
                       "dictionary update sequence element #0 has length 1; 2 is required"));
    FtObject *bad2 = ft_tuple_pack_ref(1, dflt);
    got = call_method(cp, "update", &bad2, 1);
    CHECK(got == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "object is not iterable"));

    // popitem on an empty dict.
    got = call_method(cp, "clear", NULL, 0);
    CHECK(got == FT_NONE);
    got = call_method(cp, "popitem", NULL, 0);
    CHECK(got == NULL);
    CHECK(obj_error_is(&ft_exc_key_error, "'popitem(): dictionary is empty'"));

    // fromkeys (a class method) over a tuple and over a dict's keys.
    FtObject *keys = ft_tuple_pack_ref(2, z, dflt);
    FtObject *fk = call_method((FtObject *)&ft_dict_type, "fromkeys", &keys, 1);
    CHECK(obj_repr_is(fk, "{'z': None, 26: None}"));
    FtObject *fk2 = call_method((FtObject *)&ft_dict_type, "fromkeys", &p, 1);
    CHECK(obj_repr_is(fk2, "{'a': None, 'b': None}"));

    FtObject *all[] = {fk2, fk, keys, bad2, bad, short_pair, pairs, pair, cp, z, dflt, p};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_xdecref(all[i]);
}

TEST(repr_recursion_and_quotes)
{
    // print(repr({'k': "it's", 'q': 'say "hi"'}))  -> {'k': "it's", 'q': 'say "hi"'}
    FtObject *q = ft_dict_new_ref();
    CHECK_EQ_INT(set_str_steal(q, "k", str_ref("it's")), 0);
    CHECK_EQ_INT(set_str_steal(q, "q", str_ref("say \"hi\"")), 0);
    CHECK(obj_repr_is(q, "{'k': \"it's\", 'q': 'say \"hi\"'}"));
    // d = {}; d[1] = d; repr(d) -> {1: {...}}
    FtObject *d = ft_dict_new_ref(), *one = int_ref(1);
    CHECK_EQ_INT(ft_dict_set_item(d, one, d), 0);
    CHECK(obj_repr_is(d, "{1: {...}}"));
    ft_dict_clear(d);   // break the cycle
    ft_decref(one);
    ft_decref(d);
    ft_decref(q);
}

// print(repr({}.keys()), repr({'a': 1, 'b': (2,)}.items()), repr({'a': 1}.values()))
//   -> dict_keys([]) dict_items([('a', 1), ('b', (2,))]) dict_values([1])
TEST(views)
{
    FtObject *empty = ft_dict_new_ref();
    FtObject *kv = call_method(empty, "keys", NULL, 0);
    CHECK(obj_repr_is(kv, "dict_keys([])"));
    FtObject *d = ft_dict_new_ref();
    FtObject *a = str_ref("a"), *one = int_ref(1), *two = int_ref(2);
    FtObject *t2 = ft_tuple_pack_ref(1, two);
    CHECK_EQ_INT(ft_dict_set_item(d, a, one), 0);
    CHECK_EQ_INT(ft_dict_set_item_str(d, "b", t2), 0);
    FtObject *items = call_method(d, "items", NULL, 0);
    CHECK(obj_repr_is(items, "dict_items([('a', 1), ('b', (2,))])"));
    FtObject *values = call_method(d, "values", NULL, 0);
    CHECK(obj_repr_is(values, "dict_values([1, (2,)])"));
    CHECK_EQ_INT(items->ob_type->tp_as_sequence->sq_length(items), 2);
    FtObject *pair = ft_tuple_pack_ref(2, a, one), *wrong = ft_tuple_pack_ref(2, a, two);
    CHECK_EQ_INT(items->ob_type->tp_as_sequence->sq_contains(items, pair), 1);
    CHECK_EQ_INT(items->ob_type->tp_as_sequence->sq_contains(items, wrong), 0);
    FtObject *keys = call_method(d, "keys", NULL, 0);
    CHECK_EQ_INT(keys->ob_type->tp_as_sequence->sq_contains(keys, a), 1);
    CHECK_EQ_INT(keys->ob_type->tp_as_sequence->sq_contains(keys, one), 0);
    // A dict built from another's items view keeps the order.
    FtObject *again = ft_dict_new_ref();
    CHECK_EQ_INT(ft_dict_merge(again, d, 1), 0);
    CHECK(ft_object_rich_compare_bool(again, d, FT_EQ) == 1);
    CHECK(obj_repr_is(again, "{'a': 1, 'b': (2,)}"));
    FtObject *all[] = {again, keys, pair, wrong, values, items, t2, two, one, a, d, kv, empty};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

TEST(iteration_errors)
{
    FtObject *d = ft_dict_new_ref();
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(set_steal(d, int_ref(i), int_ref(i)), 0);
    FtObject *it = d->ob_type->tp_iter(d);
    FtObject *k = it->ob_type->tp_iternext(it);
    CHECK(k != NULL && ft_int_as_int64(k, NULL) == 0);
    ft_xdecref(k);
    CHECK_EQ_INT(set_steal(d, int_ref(10), int_ref(10)), 0);
    CHECK(it->ob_type->tp_iternext(it) == NULL);
    CHECK(obj_error_is(&ft_exc_runtime_error, "dictionary changed size during iteration"));
    CHECK(it->ob_type->tp_iternext(it) == NULL);   // sticky
    CHECK(obj_error_is(&ft_exc_runtime_error, "dictionary changed size during iteration"));
    ft_decref(it);

    // Same size, different keys: delete one key and add another mid-iteration.
    // d = {0: 0, 1: 1, 2: 2, 10: 10}; it = iter(d); next(it); del d[0]; d[20] = 20
    // list(it) raises RuntimeError: dictionary keys changed during iteration
    it = d->ob_type->tp_iter(d);
    k = it->ob_type->tp_iternext(it);
    ft_xdecref(k);
    CHECK_EQ_INT(del_steal(d, int_ref(0)), 0);
    CHECK_EQ_INT(set_steal(d, int_ref(20), int_ref(20)), 0);
    int yielded = 0;
    while ((k = it->ob_type->tp_iternext(it)) != NULL) {
        yielded++;
        ft_decref(k);
    }
    CHECK_EQ_INT(yielded, 3);
    CHECK(obj_error_is(&ft_exc_runtime_error, "dictionary keys changed during iteration"));
    CHECK(it->ob_type->tp_iternext(it) == NULL);
    CHECK(!ft_error_occurred());
    ft_decref(it);
    ft_decref(d);
}

TEST(comparison)
{
    FtObject *a = ft_dict_new_ref(), *b = ft_dict_new_ref();
    CHECK_EQ_INT(set_steal(a, int_ref(1), str_ref("x")), 0);
    CHECK_EQ_INT(set_steal(a, int_ref(2), str_ref("y")), 0);
    CHECK_EQ_INT(set_steal(b, int_ref(2), str_ref("y")), 0);
    CHECK_EQ_INT(set_steal(b, int_ref(1), str_ref("x")), 0);
    CHECK(ft_object_rich_compare_bool(a, b, FT_EQ) == 1);   // order does not matter
    CHECK(ft_object_rich_compare_bool(a, b, FT_NE) == 0);
    CHECK_EQ_INT(set_steal(b, int_ref(1), str_ref("z")), 0);
    CHECK(ft_object_rich_compare_bool(a, b, FT_EQ) == 0);
    FtObject *r = ft_object_rich_compare_ref(a, b, FT_LT);
    CHECK(r == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "'<' not supported between instances of 'dict' and 'dict'"));
    ft_decref(a);
    ft_decref(b);
}

// A dict subclass defined in C with __missing__ (dict_subscript calls it for absent keys).
static FtObject *
sub_missing(FtObject *self, FtObject *key)
{
    return ft_str_from_format_ref("missing %R", key);
}

static const FtMethodDef sub_methods[] = {
    {"__missing__", {.o = sub_missing}, FT_METH_O, NULL},
    {NULL, {NULL}, 0, NULL},
};

static FtTypeObject dict_sub_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "DictSub",
    .tp_basicsize = sizeof(FtDictObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_dict_type,
    .tp_methods = sub_methods,
};

TEST(subclass_missing_and_constructor)
{
    CHECK_EQ_INT(ft_type_ready(&dict_sub_type), 0);
    FtObject *sub = ft_object_vectorcall_ref((FtObject *)&dict_sub_type, NULL, 0, NULL);
    CHECK(sub != NULL && ft_dict_check(sub) && !ft_dict_check_exact(sub));
    FtObject *k = str_ref("nope");
    FtObject *r = sub->ob_type->tp_as_mapping->mp_subscript(sub, k);
    CHECK(obj_str_is(r, "missing 'nope'"));
    ft_xdecref(r);
    CHECK_EQ_INT(ft_dict_size(sub), 0);
    CHECK(obj_repr_is(sub, "{}"));
    ft_decref(sub);

    // dict(((1, 2),), a=3) -> {1: 2, 'a': 3}
    FtObject *one = int_ref(1), *two = int_ref(2), *three = int_ref(3), *a = str_ref("a");
    FtObject *pair = ft_tuple_pack_ref(2, one, two);
    FtObject *pairs = ft_tuple_pack_ref(1, pair);
    FtObject *kwnames = ft_tuple_pack_ref(1, a);
    FtObject *args[2] = {pairs, three};
    FtObject *d = ft_object_vectorcall_ref((FtObject *)&ft_dict_type, args, 1, kwnames);
    CHECK(obj_repr_is(d, "{1: 2, 'a': 3}"));
    // dict(d) copies; dict(1, 2) is an error with CPython's text.
    FtObject *copy = ft_object_vectorcall_ref((FtObject *)&ft_dict_type, &d, 1, NULL);
    CHECK(obj_repr_is(copy, "{1: 2, 'a': 3}"));
    FtObject *bad = ft_object_vectorcall_ref((FtObject *)&ft_dict_type, args, 2, NULL);
    CHECK(bad == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "dict expected at most 1 argument, got 2"));
    FtObject *all[] = {copy, d, kwnames, pairs, pair, a, three, two, one, k};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_xdecref(all[i]);
}

// A key type whose hash always collides and whose __eq__ clears the dict being searched on its
// first call: the lookup must notice the table changed, restart, and neither crash nor lie.
typedef struct {
    FtObject ob_base;
    int id;
} EvilKey;

static FtObject *evil_target;   // the dict the next comparison clears (main thread only)

static Ft_hash
evil_hash(FtObject *op)
{
    return 42;
}

static FtObject *
evil_richcompare(FtObject *a, FtObject *b, int op)
{
    if (evil_target != NULL) {
        FtObject *target = evil_target;
        evil_target = NULL;
        ft_dict_clear(target);
    }
    if (a->ob_type != b->ob_type || (op != FT_EQ && op != FT_NE))
        return FT_NOT_IMPLEMENTED;
    bool eq = ((EvilKey *)a)->id == ((EvilKey *)b)->id;
    return ft_bool_from(op == FT_EQ ? eq : !eq);
}

static FtTypeObject evil_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "EvilKey",
    .tp_basicsize = sizeof(EvilKey),
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_hash = evil_hash,
    .tp_richcompare = evil_richcompare,
};

static FtObject *
evil_new(int id)
{
    EvilKey *k = (EvilKey *)ft_object_new_of_type(&evil_type, 0);
    k->id = id;
    return (FtObject *)k;
}

TEST(comparison_that_mutates_the_dict)
{
    CHECK_EQ_INT(ft_type_ready(&evil_type), 0);
    FtObject *d = ft_dict_new_ref();
    for (int i = 0; i < 6; i++)
        CHECK_EQ_INT(set_steal(d, evil_new(i), int_ref(i)), 0);
    CHECK_EQ_INT(ft_dict_size(d), 6);
    FtObject *probe = evil_new(5), *v;
    CHECK_EQ_INT(ft_dict_get_item_ref(d, probe, &v), 1);   // equal-hash chain walked to id 5
    CHECK_EQ_INT(ft_int_as_int64(v, NULL), 5);
    ft_decref(v);
    evil_target = d;   // the first comparison empties the dict
    CHECK_EQ_INT(ft_dict_get_item_ref(d, probe, &v), 0);
    CHECK(v == NULL);
    CHECK_EQ_INT(ft_dict_size(d), 0);
    // Insert while a comparison clears: the key lands in the emptied dict.
    for (int i = 0; i < 3; i++)
        CHECK_EQ_INT(set_steal(d, evil_new(i), int_ref(i)), 0);
    evil_target = d;
    CHECK_EQ_INT(ft_dict_set_item(d, probe, probe), 0);
    CHECK_EQ_INT(ft_dict_size(d), 1);
    FtObject *it = NULL;
    CHECK_EQ_INT(ft_dict_get_item_ref(d, probe, &it), 1);
    CHECK(it == probe);
    ft_xdecref(it);
    ft_decref(probe);
    ft_decref(d);
}

// Readers on other threads look keys up while the main thread resizes: exercises the
// ensure-shared path and QSBR retirement of old keys objects (the stress test goes further).
#define READERS 2
#define READ_KEYS 200
static FtObject *shared_dict;
static pthread_barrier_t start_barrier;
static int reader_errors;   // atomic

static void *
reader_main(void *arg)
{
    (void)arg;
    FtThreadState *ts = obj_thread_begin();
    pthread_barrier_wait(&start_barrier);
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < READ_KEYS; i++) {
            FtObject *k = ft_int_from_int64_ref(i), *v;
            int r = ft_dict_get_item_ref(shared_dict, k, &v);
            if (r < 0 || (r == 1 && ft_int_as_int64(v, NULL) != i * 7))
                ft_atomic_add_int_relaxed(&reader_errors, 1);
            ft_xdecref(v);
            ft_decref(k);
        }
        ft_eval_breaker_poll(ts);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(concurrent_readers_during_growth)
{
    shared_dict = ft_dict_new_ref();
    pthread_barrier_init(&start_barrier, NULL, READERS + 1);
    pthread_t threads[READERS];
    for (int i = 0; i < READERS; i++)
        pthread_create(&threads[i], NULL, reader_main, NULL);
    pthread_barrier_wait(&start_barrier);
    for (int i = 0; i < READ_KEYS; i++)
        CHECK_EQ_INT(set_steal(shared_dict, int_ref(i), int_ref(i * 7)), 0);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);   // let the readers' grace periods complete while we wait
    for (int i = 0; i < READERS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&start_barrier);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&reader_errors), 0);
    CHECK_EQ_INT(ft_dict_size(shared_dict), READ_KEYS);
    ft_decref(shared_dict);
}

// Lookups really take no lock: a reader thread looks keys up (hits, misses, equal-but-distinct
// keys) while the main thread holds the dict's critical section. The main thread waits on a pthread
// barrier, which does not detach it and so keeps the section held. A lookup that fell back to the
// locked path would block, and the test would hang (reported by ctest's timeout), not pass.
static FtObject *held_dict;
static pthread_barrier_t held_barrier;
static int held_result;   // written by the reader before the second barrier, read after it

static void *
held_reader_main(void *arg)
{
    (void)arg;
    obj_thread_begin();
    FtObject *hit = ft_str_intern_cstr_ref("alpha");
    FtObject *copy = ft_str_from_cstr_ref("beta");   // equal to the stored key, not the same object
    FtObject *miss = ft_str_from_cstr_ref("gamma");
    FtObject *big = ft_int_from_int64_ref((int64_t)1 << 50), *v;
    // Before the lock is taken: marks the dict shared and the stored values MAYBE_WEAKREF.
    int warm = ft_dict_get_item_ref(held_dict, hit, &v);
    ft_xdecref(v);
    warm += ft_dict_get_item_ref(held_dict, copy, &v);
    ft_xdecref(v);
    pthread_barrier_wait(&held_barrier);   // 1: warmed up
    pthread_barrier_wait(&held_barrier);   // 2: the main thread now holds the section
    int ok = warm == 2;
    for (int i = 0; i < 100; i++) {
        ok &= ft_dict_get_item_ref(held_dict, hit, &v) == 1 && ft_int_as_int64(v, NULL) == 1;
        ft_xdecref(v);
        ok &= ft_dict_get_item_ref(held_dict, copy, &v) == 1 && ft_int_as_int64(v, NULL) == 1 << 20;
        ft_xdecref(v);
        ok &= ft_dict_get_item_ref(held_dict, miss, &v) == 0;
        ok &= ft_dict_get_item_ref(held_dict, big, &v) == 0;
        ok &= ft_dict_size(held_dict) == 2;
    }
    held_result = ok;
    pthread_barrier_wait(&held_barrier);   // 3: done
    ft_decref(hit);
    ft_decref(copy);
    ft_decref(miss);
    ft_decref(big);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(lookups_take_no_lock)
{
    held_dict = ft_dict_new_ref();
    CHECK_EQ_INT(set_str_steal(held_dict, "alpha", int_ref(1)), 0);
    CHECK_EQ_INT(set_steal(held_dict, str_ref("beta"), int_ref(1 << 20)), 0);
    pthread_barrier_init(&held_barrier, NULL, 2);
    pthread_t reader;
    pthread_create(&reader, NULL, held_reader_main, NULL);
    pthread_barrier_wait(&held_barrier);   // 1
    FT_BEGIN_CRITICAL_SECTION_OBJECT(held_dict);
    pthread_barrier_wait(&held_barrier);   // 2
    pthread_barrier_wait(&held_barrier);   // 3
    FT_END_CRITICAL_SECTION_OBJECT();
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);   // the reader's exit may wait for a grace period
    pthread_join(reader, NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&held_barrier);
    CHECK_EQ_INT(held_result, 1);
    ft_decref(held_dict);
}

int
main(void)
{
    return ft_test_run_all();
}

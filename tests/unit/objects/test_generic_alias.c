// tests/unit/objects/test_generic_alias.c: types.GenericAlias and typing.Union
// (objects/generic_alias.c, objects/union_type.c), type.__or__, the builtin __class_getitem__ and
// the mappingproxy of a class __dict__. Expected texts come from the oracle:
//   python3.14 -c "print(list[int], dict[str, list[int]], tuple[()], list[...], list[[int, str]])"
//   -> list[int] dict[str, list[int]] tuple[()] list[...] list[[int, str]]
//   python3.14 -c "print(int | str, int | None, (int | str) | bytes, int | int, None | int)"
//   -> int | str int | None int | str | bytes <class 'int'> None | int
#include <pthread.h>   // pthread_*

#include "objects_test_util.h"

#include "objects/abstract.h"        // ft_object_get_item_ref
#include "objects/bytes.h"           // ft_bytes_type
#include "objects/int.h"             // ft_int_*
#include "objects/abstract_number.h" // ft_number_or_ref
#include "objects/dict.h"            // ft_dict_*
#include "objects/generic_alias.h"   // ft_generic_alias_* ft_union_*
#include "objects/list.h"            // ft_list_type
#include "objects/tuple.h"           // ft_tuple_*
#include "objects/type.h"            // ft_type_*

#define T(x) ((FtObject *)&(x))

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(class_getitem_builds_generic_aliases)
{
    FtObject *a = ft_object_get_item_ref(T(ft_list_type), T(ft_int_type));
    CHECK(a != NULL && ft_generic_alias_check(a));
    CHECK(obj_repr_is(a, "list[int]"));
    FtObject *inner = ft_object_get_item_ref(T(ft_list_type), T(ft_int_type));
    FtObject *key = ft_tuple_pack_ref(2, T(ft_str_type), inner);
    FtObject *d = ft_object_get_item_ref(T(ft_dict_type), key);
    CHECK(obj_repr_is(d, "dict[str, list[int]]"));
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, inner, FT_EQ), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, d, FT_EQ), 0);
    CHECK(ft_object_hash(a) == ft_object_hash(inner));
    FtObject *empty = ft_tuple_new_ref(0);
    FtObject *e = ft_generic_alias_new_ref(T(ft_tuple_type), empty);
    CHECK(obj_repr_is(e, "tuple[()]"));
    FtObject *ell = ft_generic_alias_new_ref(T(ft_list_type), FT_ELLIPSIS);
    CHECK(obj_repr_is(ell, "list[...]"));
    ft_decref(ell);
    ft_decref(e);
    ft_decref(empty);
    ft_decref(d);
    ft_decref(key);
    ft_decref(inner);
    ft_decref(a);
}

TEST(object_is_not_subscriptable)
{
    // oracle: object[int] -> TypeError: type 'object' is not subscriptable
    CHECK(ft_object_get_item_ref(T(ft_base_object_type), T(ft_int_type)) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "type 'object' is not subscriptable"));
}

TEST(calling_an_alias_calls_its_origin)
{
    FtObject *a = ft_generic_alias_new_ref(T(ft_list_type), T(ft_int_type));
    FtObject *l = ft_object_vectorcall_ref(a, NULL, 0, NULL);
    CHECK(l != NULL && ft_list_check(l) && ft_list_size(l) == 0);
    ft_xdecref(l);
    FtObject *origin = ft_object_get_attr_cstr_ref(a, "__origin__");
    CHECK(origin == T(ft_list_type));
    ft_xdecref(origin);
    FtObject *params = ft_object_get_attr_cstr_ref(a, "__parameters__");
    CHECK(params != NULL && ft_tuple_check(params) && ft_tuple_size(params) == 0);
    ft_xdecref(params);
    ft_decref(a);
}

TEST(union_repr_dedup_and_equality)
{
    FtObject *u = ft_number_or_ref(T(ft_int_type), T(ft_str_type));
    CHECK(u != NULL && ft_union_check(u));
    CHECK(obj_repr_is(u, "int | str"));
    FtObject *v = ft_number_or_ref(T(ft_str_type), T(ft_int_type));
    CHECK_EQ_INT(ft_object_rich_compare_bool(u, v, FT_EQ), 1);
    CHECK(ft_object_hash(u) == ft_object_hash(v));
    FtObject *w = ft_number_or_ref(u, T(ft_bytes_type));
    CHECK(obj_repr_is(w, "int | str | bytes"));
    FtObject *same = ft_number_or_ref(T(ft_int_type), T(ft_int_type));
    CHECK(same == T(ft_int_type));
    FtObject *opt = ft_number_or_ref(T(ft_int_type), FT_NONE);
    CHECK(obj_repr_is(opt, "int | None"));
    FtObject *args = ft_union_args_borrow(opt);
    CHECK(ft_tuple_size(args) == 2 && ft_tuple_get_item_borrow(args, 1) == T(ft_none_type));
    FtObject *rev = ft_number_or_ref(FT_NONE, T(ft_int_type));
    CHECK(obj_repr_is(rev, "None | int"));
    ft_decref(rev);
    ft_decref(opt);
    ft_decref(same);
    ft_decref(w);
    ft_decref(v);
    ft_decref(u);
}

TEST(union_with_a_non_type_is_an_error)
{
    // oracle: int | 5 -> TypeError: unsupported operand type(s) for |: 'type' and 'int'
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK(ft_number_or_ref(T(ft_int_type), five) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "unsupported operand type(s) for |: 'type' and 'int'"));
    ft_decref(five);
}

TEST(class_dict_is_a_live_read_only_mappingproxy)
{
    FtObject *ns = ft_dict_new_ref();
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK_EQ_INT(ft_dict_set_item_str(ns, "a", one), 0);
    FtObject *name = ft_str_from_cstr_ref("K");
    FtObject *bases = ft_tuple_new_ref(0);
    FtObject *args[3] = {name, bases, ns};
    FtObject *cls = ft_object_vectorcall_ref(T(ft_type_type), args, 3, NULL);
    CHECK(cls != NULL);
    FtObject *proxy = ft_object_get_attr_cstr_ref(cls, "__dict__");
    FtObject *tname = proxy != NULL ? ft_type_name_ref(proxy->ob_type) : NULL;
    CHECK(obj_str_is(tname, "mappingproxy"));
    ft_xdecref(tname);
    FtObject *key = ft_str_from_cstr_ref("b");
    CHECK_EQ_INT(ft_sequence_contains(proxy, key), 0);
    CHECK_EQ_INT(ft_object_set_attr(cls, key, one), 0);
    CHECK_EQ_INT(ft_sequence_contains(proxy, key), 1);   // live view
    // oracle: C.__dict__['x'] = 1 -> TypeError: 'mappingproxy' object does not support item
    // assignment
    CHECK(ft_object_set_item(proxy, key, one) < 0);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "'mappingproxy' object does not support item assignment"));
    ft_decref(key);
    ft_decref(proxy);
    ft_decref(cls);
    ft_decref(bases);
    ft_decref(name);
    ft_decref(one);
    ft_decref(ns);
}

#define GA_THREADS 2
static pthread_barrier_t ga_barrier;
static FtObject *shared_alias;   // published before the threads start
static FtObject *seen_params[GA_THREADS];

static void *
parameters_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    pthread_barrier_wait(&ga_barrier);
    FtObject *first = ft_object_get_attr_cstr_ref(shared_alias, "__parameters__");
    for (int i = 0; i < 500 && first != NULL; i++) {
        FtObject *again = ft_object_get_attr_cstr_ref(shared_alias, "__parameters__");
        if (again != first)
            first = NULL;   // must stay the one published tuple
        ft_xdecref(again);
    }
    seen_params[id] = first;
    ft_thread_state_delete_current();
    return NULL;
}

// The lazily computed __parameters__ is published once: every thread sees the same tuple.
TEST(concurrent_parameters_publish_one_tuple)
{
    shared_alias = ft_generic_alias_new_ref(T(ft_dict_type), T(ft_int_type));
    CHECK(shared_alias != NULL);
    pthread_barrier_init(&ga_barrier, NULL, GA_THREADS);
    pthread_t threads[GA_THREADS];
    for (int i = 0; i < GA_THREADS; i++)
        pthread_create(&threads[i], NULL, parameters_worker, (void *)(intptr_t)i);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < GA_THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&ga_barrier);
    CHECK(seen_params[0] != NULL && seen_params[0] == seen_params[1]);
    for (int i = 0; i < GA_THREADS; i++)
        ft_xdecref(seen_params[i]);
    ft_decref(shared_alias);
}

int
main(void)
{
    return ft_test_run_all();
}

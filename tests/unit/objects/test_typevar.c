// tests/unit/objects/test_typevar.c: the PEP 695 typing objects and intrinsics (objects/typevar.c):
// TypeVar / ParamSpec / TypeVarTuple reprs and lazily evaluated bounds and defaults, TypeAliasType
// (lazy __value__, evaluated once even when several threads ask at once), Generic[...] and
// SET_FUNCTION_TYPE_PARAMS errors. Expected texts come from the oracle:
//   python3.14 -c "def f[T, *Ts, **P](): pass
//   print(*map(repr, f.__type_params__))"   -> T Ts P
//   python3.14 -c "type A[X] = list[X]; print(repr(A), A.__type_params__, A[int], A | int)"
//   -> A (X,) A[int] A | int
#include <pthread.h>   // pthread_*

#include "objects_test_util.h"

#include "eval/generated/opcode_ids.gen.h"   // FT_INTRINSIC_*
#include "objects/abstract.h"                // ft_object_get_item_ref
#include "objects/abstract_number.h"         // ft_number_or_ref
#include "objects/generic_alias.h"           // ft_generic_alias_check
#include "objects/int.h"                     // ft_int_*
#include "objects/method_def.h"              // FtMethodDef ft_cfunction_new_ref
#include "objects/tuple.h"                   // ft_tuple_*
#include "objects/type.h"                    // ft_type_*
#include "objects/typevar.h"                 // ft_typing_intrinsic*_ref
#include "sync/atomic.h"                     // ft_atomic_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

static int evaluations;   // atomic: relaxed increments, read after the threads are joined

static FtObject *
evaluate_int(FtObject *self)
{
    ft_atomic_add_int_relaxed(&evaluations, 1);
    return ft_new_ref((FtObject *)&ft_int_type);
}

static const FtMethodDef evaluate_def = {
    .name = "evaluate", .fn.noargs = evaluate_int, .flags = FT_METH_NOARGS,
};

static FtObject *
intrinsic1_str(int which, const char *name)
{
    FtObject *s = ft_str_from_cstr_ref(name);
    FtObject *res = ft_typing_intrinsic1_ref(which, s);
    ft_decref(s);
    return res;
}

TEST(type_parameter_reprs)
{
    FtObject *t = intrinsic1_str(FT_INTRINSIC_TYPEVAR, "T");
    FtObject *ts = intrinsic1_str(FT_INTRINSIC_TYPEVARTUPLE, "Ts");
    FtObject *p = intrinsic1_str(FT_INTRINSIC_PARAMSPEC, "P");
    CHECK(obj_repr_is(t, "T") && obj_repr_is(ts, "Ts") && obj_repr_is(p, "P"));
    FtObject *tn = ft_type_name_ref(t->ob_type);
    CHECK(obj_str_is(tn, "TypeVar"));
    ft_decref(tn);
    FtObject *bound = ft_object_get_attr_cstr_ref(t, "__bound__");
    CHECK(bound == FT_NONE);
    FtObject *dflt = ft_object_get_attr_cstr_ref(t, "__default__");
    CHECK(obj_repr_is(dflt, "typing.NoDefault"));
    FtObject *u = ft_number_or_ref(t, (FtObject *)&ft_int_type);
    CHECK(obj_repr_is(u, "T | int"));
    FtObject *params = ft_object_get_attr_cstr_ref(u, "__parameters__");
    CHECK(params != NULL && ft_tuple_size(params) == 1 && ft_tuple_get_item_borrow(params, 0) == t);
    ft_xdecref(params);
    ft_decref(u);
    ft_decref(dflt);
    ft_decref(bound);
    ft_decref(p);
    ft_decref(ts);
    ft_decref(t);
}

TEST(bounds_and_defaults_are_evaluated_lazily_once)
{
    FtObject *fn = ft_cfunction_new_ref(&evaluate_def, NULL);
    FtObject *name = ft_str_from_cstr_ref("T");
    ft_atomic_store_int_relaxed(&evaluations, 0);
    FtObject *t = ft_typing_intrinsic2_ref(FT_INTRINSIC_TYPEVAR_WITH_BOUND, name, fn);
    CHECK(t != NULL);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&evaluations), 0);
    for (int i = 0; i < 3; i++) {
        FtObject *b = ft_object_get_attr_cstr_ref(t, "__bound__");
        CHECK(b == (FtObject *)&ft_int_type);
        ft_xdecref(b);
    }
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&evaluations), 1);
    FtObject *same = ft_typing_intrinsic2_ref(FT_INTRINSIC_SET_TYPEPARAM_DEFAULT, t, fn);
    CHECK(same == t);
    FtObject *d = ft_object_get_attr_cstr_ref(t, "__default__");
    CHECK(d == (FtObject *)&ft_int_type);
    ft_xdecref(d);
    ft_xdecref(same);
    ft_decref(t);
    ft_decref(name);
    ft_decref(fn);
}

TEST(subscript_generic_and_bad_operands)
{
    FtObject *t = intrinsic1_str(FT_INTRINSIC_TYPEVAR, "T");
    FtObject *params = ft_tuple_pack_ref(1, t);
    FtObject *g = ft_typing_intrinsic1_ref(FT_INTRINSIC_SUBSCRIPT_GENERIC, params);
    CHECK(g != NULL && ft_generic_alias_check(g));
    CHECK(obj_repr_is(g, "typing.Generic[T]"));
    ft_xdecref(g);
    CHECK(ft_typing_intrinsic1_ref(FT_INTRINSIC_TYPEALIAS, params) == NULL);
    CHECK(obj_error_is(&ft_exc_system_error, "bad TYPEALIAS operand"));
    CHECK(ft_typing_intrinsic1_ref(FT_INTRINSIC_PRINT, params) == NULL);
    CHECK(obj_error_is(&ft_exc_system_error, "1 is not a typing intrinsic"));
    ft_decref(params);
    ft_decref(t);
}

#define TA_THREADS 2
static pthread_barrier_t ta_barrier;
static FtObject *shared_alias;   // published before the threads start
static int ta_ok[TA_THREADS];

static void *
value_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    pthread_barrier_wait(&ta_barrier);
    int ok = 1;
    for (int i = 0; i < 200; i++) {
        FtObject *v = ft_object_get_attr_cstr_ref(shared_alias, "__value__");
        ok &= v == (FtObject *)&ft_int_type;
        ft_xdecref(v);
    }
    ta_ok[id] = ok;
    ft_thread_state_delete_current();
    return NULL;
}

// type Num = int: __value__ is computed on first use and cached; concurrent readers agree, and
// the evaluate function runs at most once per racing thread.
TEST(type_alias_value_is_lazy_and_shared)
{
    FtObject *fn = ft_cfunction_new_ref(&evaluate_def, NULL);
    FtObject *name = ft_str_from_cstr_ref("Num");
    FtObject *spec = ft_tuple_pack_ref(3, name, FT_NONE, fn);
    ft_atomic_store_int_relaxed(&evaluations, 0);
    shared_alias = ft_typing_intrinsic1_ref(FT_INTRINSIC_TYPEALIAS, spec);
    CHECK(shared_alias != NULL && obj_repr_is(shared_alias, "Num"));
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&evaluations), 0);
    pthread_barrier_init(&ta_barrier, NULL, TA_THREADS);
    pthread_t threads[TA_THREADS];
    for (int i = 0; i < TA_THREADS; i++)
        pthread_create(&threads[i], NULL, value_worker, (void *)(intptr_t)i);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < TA_THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&ta_barrier);
    for (int i = 0; i < TA_THREADS; i++)
        CHECK(ta_ok[i]);
    int n = ft_atomic_load_int_relaxed(&evaluations);
    CHECK(n >= 1 && n <= TA_THREADS);
    // oracle: type Num = int; Num[int] -> TypeError: Only generic type aliases are subscriptable
    CHECK(ft_object_get_item_ref(shared_alias, (FtObject *)&ft_int_type) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "Only generic type aliases are subscriptable"));
    FtObject *u = ft_number_or_ref(shared_alias, (FtObject *)&ft_str_type);
    CHECK(obj_repr_is(u, "Num | str"));
    ft_xdecref(u);
    ft_decref(shared_alias);
    ft_decref(spec);
    ft_decref(name);
    ft_decref(fn);
}

int
main(void)
{
    return ft_test_run_all();
}

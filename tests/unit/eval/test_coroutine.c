// tests/unit/eval/test_coroutine.c: the t-string objects (objects/template.c) and the await helpers
// of eval/generator.c that the eval loop calls (GET_AWAITABLE, GET_AITER, ASYNC_GEN_WRAP). The
// Python-level behaviour of coroutines and async generators needs the compiler and is covered by
// tests/lang/stmt_async. Expected texts come from the oracle through gen_coroutine_expected.py.
// Several threads drain one shared Template iterator: every item comes out exactly once.
#include <pthread.h>   // pthread_create pthread_join
#include <stdio.h>     // printf

#include "../objects/objects_test_util.h"
#include "coroutine_expected.gen.h"   // EXP_*
#include "eval/eval.h"                // ft_eval_init ft_eval_thread_init
#include "objects/abstract.h"         // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/abstract_number.h"  // ft_number_add_ref
#include "objects/error.h"            // ft_error_*
#include "objects/frame.h"            // ft_frame_init_types
#include "objects/int.h"              // ft_int_from_int64_ref
#include "objects/list.h"             // ft_list_*
#include "objects/template.h"         // ft_template_* ft_interpolation_*
#include "objects/tuple.h"            // ft_tuple_*

// The helpers eval/generator.c gives the eval loop (declared for the bytecode bodies).
FtObject *ft_coro_get_awaitable_ref(FtObject *o, int where);
FtObject *ft_async_get_aiter_ref(FtObject *obj);
FtObject *ft_async_gen_wrap_ref(FtObject *v);

// "TypeName: message" of the current exception (cleared) is expected.
static int
error_is(const char *expected)
{
    FtObject *exc = ft_error_fetch_ref();
    if (exc == NULL) {
        printf("  no exception, expected %s\n", expected);
        return 0;
    }
    FtObject *msg = ft_object_str_ref(exc);
    FtObject *text = ft_str_from_format_ref("%s: %U", exc->ob_type->tp_name, msg);
    int ok = obj_str_is(text, expected);
    ft_xdecref(text);
    ft_xdecref(msg);
    ft_decref(exc);
    return ok;
}

static FtObject *
str(const char *s)
{
    return ft_str_from_cstr_ref(s);
}

// The Template("a", i1, "b", i2) of the generator script; *i1 and *i2 get new references.
static FtObject *
sample_template(FtObject **i1, FtObject **i2)
{
    FtObject *five = ft_int_from_int64_ref(5), *x = str("x"), *spec = str(">3");
    *i1 = ft_interpolation_build_ref(five, x, 3, spec);
    *i2 = ft_interpolation_build_ref(five, x, 0, NULL);
    FtObject *a = str("a"), *b = str("b"), *e = str("");
    FtObject *strings = ft_tuple_pack_ref(3, a, b, e);
    FtObject *interps = ft_tuple_pack_ref(2, *i1, *i2);
    FtObject *t = ft_template_build_ref(strings, interps);
    ft_decref(strings);
    ft_decref(interps);
    ft_decref(a);
    ft_decref(b);
    ft_decref(e);
    ft_decref(five);
    ft_decref(x);
    ft_decref(spec);
    return t;
}

TEST(setup)
{
    CHECK(obj_setup() == 0);
    CHECK(ft_frame_init_types() == 0);
    CHECK(ft_eval_init() == 0);
    CHECK(ft_eval_thread_init() == 0);
}

TEST(template_repr_items_values)
{
    FtObject *i1, *i2;
    FtObject *t = sample_template(&i1, &i2);
    CHECK(t != NULL);
    CHECK(obj_repr_is(t, EXP_TEMPLATE_REPR));
    CHECK(obj_repr_is(i1, EXP_INTERP_REPR));
    FtObject *it = ft_object_get_iter_ref(t);
    FtObject *items = ft_list_new_ref(0);
    FtObject *item = NULL;
    while (ft_iter_next_ref(it, &item) > 0) {
        ft_list_append(items, item);
        ft_decref(item);
    }
    CHECK(obj_repr_is(items, EXP_TEMPLATE_ITEMS));
    FtObject *values = ft_object_get_attr_cstr_ref(t, "values");
    CHECK(values != NULL && ft_tuple_size(values) == 2);
    ft_xdecref(values);
    ft_decref(items);
    ft_decref(it);
    ft_decref(t);
    ft_decref(i1);
    ft_decref(i2);
}

TEST(template_new_and_concat)
{
    FtObject *i1, *i2;
    FtObject *t = sample_template(&i1, &i2);
    FtObject *zz = str("zz"), *a = str("a"), *b = str("b");
    FtObject *args2[] = {zz, i2};
    FtObject *t2 = ft_object_vectorcall_ref((FtObject *)&ft_template_type, args2, 2, NULL);
    CHECK(t2 != NULL);
    FtObject *sum = ft_number_add_ref(t, t2);
    CHECK(obj_repr_is(sum, EXP_TEMPLATE_CONCAT));
    ft_xdecref(sum);
    FtObject *args3[] = {a, b, i2, i1};
    FtObject *t3 = ft_object_vectorcall_ref((FtObject *)&ft_template_type, args3, 4, NULL);
    CHECK(obj_repr_is(t3, EXP_TEMPLATE_JOINED));
    ft_xdecref(t3);
    CHECK(ft_number_add_ref(t, zz) == NULL);
    CHECK(error_is(EXP_TEMPLATE_ADD_STR));
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_template_type, &one, 1, NULL) == NULL);
    CHECK(error_is(EXP_TEMPLATE_BAD_ARG));
    FtObject *q = str("q");
    FtObject *iargs[] = {one, a, q};
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_interpolation_type, iargs, 3, NULL) == NULL);
    CHECK(error_is(EXP_INTERP_BAD_CONV));
    ft_decref(q);
    ft_decref(one);
    ft_xdecref(t2);
    ft_decref(zz);
    ft_decref(a);
    ft_decref(b);
    ft_decref(t);
    ft_decref(i1);
    ft_decref(i2);
}

TEST(await_helpers_errors)
{
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK(ft_coro_get_awaitable_ref(five, 0) == NULL);
    CHECK(error_is(EXP_AWAIT_INT));
    CHECK(ft_async_get_aiter_ref(five) == NULL);
    CHECK(error_is(EXP_AFOR_INT));
    FtObject *w = ft_async_gen_wrap_ref(five);
    CHECK(w != NULL && w->ob_type != five->ob_type);
    ft_xdecref(w);
    ft_decref(five);
}

enum { N_THREADS = 4, N_PARTS = 400 };

typedef struct {
    FtObject *iter;
    int count;
} DrainArg;

static void *
drain(void *p)
{
    DrainArg *arg = p;
    obj_thread_begin();
    FtObject *item = NULL;
    while (ft_iter_next_ref(arg->iter, &item) > 0) {
        arg->count++;
        ft_decref(item);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(template_iter_shared_by_threads)
{
    // N_PARTS non-empty strings alternating with N_PARTS interpolations: 2 * N_PARTS items.
    FtObject *s = str("s");
    FtObject *zero = ft_int_from_int64_ref(0);
    FtObject *interp = ft_interpolation_build_ref(zero, s, 0, NULL);
    FtObject *strings = ft_tuple_new_ref(N_PARTS + 1);
    FtObject *interps = ft_tuple_new_ref(N_PARTS);
    for (int i = 0; i <= N_PARTS; i++)
        ft_tuple_set_item_steal_unlocked(strings, i, ft_new_ref(i < N_PARTS ? s : ft_str_empty_ref()));
    ft_decref(ft_tuple_get_item_borrow(strings, N_PARTS));   // the extra reference of ft_str_empty_ref
    for (int i = 0; i < N_PARTS; i++)
        ft_tuple_set_item_steal_unlocked(interps, i, ft_new_ref(interp));
    FtObject *t = ft_template_build_ref(strings, interps);
    FtObject *it = ft_object_get_iter_ref(t);
    pthread_t th[N_THREADS];
    DrainArg args[N_THREADS];
    FtThreadState *ts = ft_thread_state_current();
    for (int i = 0; i < N_THREADS; i++) {
        args[i].iter = it;
        args[i].count = 0;
        CHECK(pthread_create(&th[i], NULL, drain, &args[i]) == 0);
    }
    ft_thread_detach(ts);   // the drainers may need this thread quiescent (QSBR)
    int total = 0;
    for (int i = 0; i < N_THREADS; i++) {
        pthread_join(th[i], NULL);
        total += args[i].count;
    }
    ft_thread_attach(ts);
    CHECK_EQ_INT(total, 2 * N_PARTS);
    ft_decref(it);
    ft_decref(t);
    ft_decref(strings);
    ft_decref(interps);
    ft_decref(interp);
    ft_decref(zero);
    ft_decref(s);
}

TEST(teardown)
{
    ft_eval_thread_fini();
    CHECK(1);
}

int
main(void)
{
    return ft_test_run_all();
}

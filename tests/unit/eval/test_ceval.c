// tests/unit/eval/test_ceval.c: the eval loop on code objects compiled by the oracle (the bytecode,
// constants and tables recorded by gen_ceval_cases.py into ceval_cases.gen.h): arithmetic, loops,
// calls with defaults / keywords / *args / **kwargs and CPython's binding errors, closures,
// unpacking, try/except/finally through the exception table, exception chaining, the recursion
// limit, uncaught exceptions; plus one function run by several threads at once.
#include <pthread.h>   // pthread_create pthread_join
#include <stdint.h>    // int64_t uint16_t uint8_t
#include <stdlib.h>    // strtod
#include <string.h>    // strcmp

#include "../objects/objects_test_util.h"
#include "eval/call.h"             // ft_eval_function_vectorcall_ref
#include "eval/eval.h"             // ft_eval_*
#include "objects/abstract.h"      // ft_abstract_init_types
#include "objects/bytes.h"         // ft_bytes_from_data_ref
#include "objects/code.h"          // ft_code_new_ref
#include "objects/dict.h"          // ft_dict_*
#include "objects/float.h"         // ft_float_from_double_ref
#include "objects/frame.h"         // ft_frame_init_types
#include "objects/function.h"      // ft_function_*
#include "objects/int.h"           // ft_int_*
#include "objects/list.h"          // ft_list_type
#include "objects/range.h"         // ft_range_type
#include "objects/set.h"           // ft_frozenset_new_ref
#include "objects/slice.h"         // ft_slice_new_ref
#include "objects/tuple.h"         // ft_tuple_*

typedef struct EvConst {
    char kind;       // n t f e i I d s b T F S c (see gen_ceval_cases.py)
    int64_t n;       // int value, or length (str/bytes bytes, tuple items)
    const char *s;   // text of I d s b
    int code;        // index of a code object of the same case
} EvConst;

typedef struct EvCode {
    const char *name, *qualname;
    int flags, argcount, posonly, kwonly, stacksize, firstlineno;
    const uint16_t *units;
    int nunits;
    const EvConst *consts;
    int nconsts;   // flattened items
    const char *const *names;
    int nnames;
    const char *const *plus;
    int nplus;
    const uint8_t *kinds;
    int nkinds;
    const uint8_t *linetable;
    int nlinetable;
    const uint8_t *exctable;
    int nexctable;
} EvCode;

typedef struct EvCase {
    const char *name, *src;
    const EvCode *codes;
    int ncodes;
    const char *expected;
    const char *traceback;   // "co_name:line" per entry, outermost first, for an escaping exception
} EvCase;

#include "ceval_cases.gen.h"

static FtObject *
str_tuple(const char *const *items, int n)
{
    FtObject *t = ft_tuple_new_ref(n);
    for (int i = 0; i < n; i++)
        ft_tuple_set_item_steal_unlocked(t, i, ft_str_intern_cstr_ref(items[i]));
    return t;
}

// Builds the constant at *pos (advancing it); built[] holds the case's code objects made so far.
static FtObject *
make_const(const EvConst *c, int *pos, FtObject **built)
{
    const EvConst *k = &c[(*pos)++];
    switch (k->kind) {
    case 'n': return ft_none_ref();
    case 't': return ft_new_ref(FT_TRUE);
    case 'f': return ft_new_ref(FT_FALSE);
    case 'e': return ft_new_ref(FT_ELLIPSIS);
    case 'i': return ft_int_from_int64_ref(k->n);
    case 'I': {
        FtObject *s = ft_str_from_cstr_ref(k->s);
        FtObject *r = ft_int_from_object_ref(s);
        ft_decref(s);
        return r;
    }
    case 'd': return ft_float_from_double_ref(strtod(k->s, NULL));
    case 's': return ft_str_from_utf8_ref(k->s, k->n);
    case 'b': return ft_bytes_from_data_ref(k->s, k->n);
    case 'c': return ft_new_ref(built[k->code]);
    case 'S': {
        FtObject *a = make_const(c, pos, built), *b = make_const(c, pos, built);
        FtObject *d = make_const(c, pos, built);
        FtObject *r = ft_slice_new_ref(a, b, d);
        ft_decref(a);
        ft_decref(b);
        ft_decref(d);
        return r;
    }
    case 'T':
    case 'F': {
        FtObject *t = ft_tuple_new_ref(k->n);
        for (int i = 0; i < k->n; i++)
            ft_tuple_set_item_steal_unlocked(t, i, make_const(c, pos, built));
        if (k->kind == 'T')
            return t;
        FtObject *fs = ft_frozenset_new_ref(t);
        ft_decref(t);
        return fs;
    }
    default:
        return NULL;
    }
}

static FtObject *
make_code(const EvCode *e, FtObject **built)
{
    FtObject *items[64];
    int n = 0, pos = 0;
    while (pos < e->nconsts && n < 64)
        items[n++] = make_const(e->consts, &pos, built);
    FtObject *consts = ft_tuple_from_array_ref(items, n);
    for (int i = 0; i < n; i++)
        ft_decref(items[i]);
    FtCodeSpec spec = {0};
    spec.filename = ft_str_from_cstr_ref("<case>");
    spec.name = ft_str_from_cstr_ref(e->name);
    spec.qualname = ft_str_from_cstr_ref(e->qualname);
    spec.flags = e->flags;
    spec.argcount = e->argcount;
    spec.posonlyargcount = e->posonly;
    spec.kwonlyargcount = e->kwonly;
    spec.stacksize = e->stacksize;
    spec.firstlineno = e->firstlineno;
    spec.code = e->units;
    spec.code_units = e->nunits;
    spec.consts = consts;
    spec.names = str_tuple(e->names, e->nnames);
    spec.localsplusnames = str_tuple(e->plus, e->nplus);
    spec.localspluskinds = ft_bytes_from_data_ref((const char *)e->kinds, e->nkinds);
    spec.linetable = ft_bytes_from_data_ref((const char *)e->linetable, e->nlinetable);
    spec.exceptiontable = ft_bytes_from_data_ref((const char *)e->exctable, e->nexctable);
    FtObject *code = ft_code_new_ref(&spec);
    FtObject *refs[] = {spec.filename, spec.name, spec.qualname, spec.consts, spec.names,
                        spec.localsplusnames, spec.localspluskinds, spec.linetable,
                        spec.exceptiontable};
    for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++)
        ft_decref(refs[i]);
    return code;
}

// The module code of a case (its last code object); NULL with an exception on failure.
static FtObject *
case_module_code(const EvCase *c)
{
    FtObject *built[32] = {0};
    FtObject *top = NULL;
    for (int i = 0; i < c->ncodes && i < 32; i++) {
        built[i] = make_code(&c->codes[i], built);
        if (built[i] == NULL)
            break;
    }
    top = built[c->ncodes - 1];
    for (int i = 0; i < c->ncodes - 1; i++)
        ft_xdecref(built[i]);
    return top;
}

static FtObject *test_builtins;

static FtObject *
new_globals(void)
{
    FtObject *g = ft_dict_new_ref();
    ft_dict_set_item_str(g, "__name__", ft_str_intern_cstr_ref("__main__"));
    ft_dict_set_item_str(g, "__builtins__", test_builtins);
    return g;
}

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_abstract_init_types(), 0);
    CHECK_EQ_INT(ft_code_init_types(), 0);
    CHECK_EQ_INT(ft_frame_init_types(), 0);
    CHECK_EQ_INT(ft_function_init_types(), 0);
    CHECK_EQ_INT(ft_eval_init(), 0);
    CHECK_EQ_INT(ft_eval_thread_init(), 0);
    test_builtins = ft_dict_new_ref();
    for (int i = 0; i < ft_exception_type_count; i++) {
        FtTypeObject *t = ft_exception_types[i];
        ft_dict_set_item_str(test_builtins, t->tp_name, (FtObject *)t);
    }
    FtTypeObject *types[] = {&ft_type_type, &ft_tuple_type, &ft_list_type, &ft_dict_type,
                             &ft_str_type, &ft_int_type, &ft_range_type, &ft_bytes_type,
                             &ft_float_type, &ft_bool_type};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++)
        ft_dict_set_item_str(test_builtins, types[i]->tp_name, (FtObject *)types[i]);
}

// True if exc's traceback lists the entries of expected ("name:line,name:line").
static int
traceback_is(FtObject *exc, const char *expected)
{
    char got[512] = "";
    size_t len = 0;
    FtObject *tb = ((FtBaseExceptionObject *)exc)->traceback;
    while (tb != NULL && len < sizeof(got) - 64) {
        FtTracebackObject *t = (FtTracebackObject *)tb;
        FtFrameObject *f = (FtFrameObject *)t->tb_frame;
        FtCodeObject *code = (FtCodeObject *)f->frame->f_executable;
        int line = t->tb_lineno >= 0 ? t->tb_lineno : ft_frame_lineno(f->frame);
        len += (size_t)snprintf(got + len, sizeof(got) - len, "%s%s:%d", len ? "," : "",
                                ft_str_as_utf8(code->co_name, NULL), line);
        tb = t->tb_next;
    }
    if (strcmp(got, expected) == 0)
        return 1;
    printf("  traceback %s, expected %s\n", got, expected);
    return 0;
}

// Runs one case; returns 1 when the outcome is the oracle's.
static int
run_case(const EvCase *c)
{
    FtObject *code = case_module_code(c);
    if (code == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *s = exc != NULL ? ft_object_str_ref(exc) : NULL;
        printf("  %s: code object not built: %s\n", c->name, s ? ft_str_as_utf8(s, NULL) : "?");
        ft_xdecref(s);
        ft_xdecref(exc);
        return 0;
    }
    FtObject *globals = new_globals();
    if (strcmp(c->name, "keyboard_interrupt") == 0)
        ft_eval_request_keyboard_interrupt(ft_thread_state_current());
    int old_limit = ft_eval_recursion_limit();
    if (strcmp(c->name, "c_recursion") == 0)
        ft_eval_set_recursion_limit(10 * 1000 * 1000);   // only the C stack guard can stop it
    FtObject *res = ft_eval_code_ref(code, globals, NULL);
    ft_eval_set_recursion_limit(old_limit);
    FtObject *text = NULL;
    int tb_ok = 1;
    if (res == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        if (c->traceback[0] != '\0')
            tb_ok = traceback_is(exc, c->traceback);
        FtObject *msg = ft_object_str_ref(exc);
        text = ft_str_from_format_ref("%s: %U", exc->ob_type->tp_name, msg);
        ft_xdecref(msg);
        ft_decref(exc);
    } else {
        ft_decref(res);
        FtObject *r = NULL;
        if (ft_dict_get_item_str_ref(globals, "result", &r) > 0) {
            text = ft_object_repr_ref(r);
            ft_decref(r);
        } else {
            text = ft_str_from_cstr_ref("None");
        }
    }
    int ok = text != NULL && ft_str_equal_cstr(text, c->expected) && tb_ok;
    if (strcmp(c->name, "c_recursion") == 0) {
        // The C stack guard's message differs from the Python limit's: compare the type only.
        ok = text != NULL && strncmp(ft_str_as_utf8(text, NULL), "RecursionError: ", 16) == 0;
    }
    if (!ok)
        printf("  case %s:\n    got      %s\n    expected %s\n", c->name,
               text ? ft_str_as_utf8(text, NULL) : "(error)", c->expected);
    ft_error_clear();
    ft_xdecref(text);
    ft_decref(globals);
    ft_decref(code);
    return ok;
}

TEST(cases_match_the_oracle)
{
    int n = (int)(sizeof(ev_cases) / sizeof(ev_cases[0]));
    int passed = 0;
    for (int i = 0; i < n; i++)
        passed += run_case(&ev_cases[i]);
    printf("  %d of %d cases as the oracle\n", passed, n);
    CHECK_EQ_INT(passed, n);
}

TEST(frame_stack_is_empty_after_runs)
{
    CHECK(ft_eval_current_frame() == NULL);
    CHECK(ft_eval_handled_exception_borrow() == NULL);
}

TEST(recursion_limit_can_change)
{
    int old = ft_eval_recursion_limit();
    CHECK_EQ_INT(old, 1000);
    ft_eval_set_recursion_limit(50);
    const EvCase *c = NULL;
    for (size_t i = 0; i < sizeof(ev_cases) / sizeof(ev_cases[0]); i++)
        if (strcmp(ev_cases[i].name, "recursion_limit") == 0)
            c = &ev_cases[i];
    CHECK(c != NULL);
    CHECK(run_case(c));
    ft_eval_set_recursion_limit(old);
}

// Several threads call the same Python function (fib from the "fib" case) at once.
static FtObject *shared_fib;

static void *
fib_thread(void *arg)
{
    (void)arg;
    FtThreadState *ts = obj_thread_begin();
    (void)ts;
    long ok = 1;
    if (ft_eval_thread_init() < 0)
        return (void *)0;
    for (int k = 0; k < 5; k++) {
        FtObject *n = ft_int_from_int64_ref(15);
        FtObject *r = ft_object_vectorcall_ref(shared_fib, &n, 1, NULL);
        ft_decref(n);
        bool good = false;
        if (r != NULL && ft_int_check(r))
            good = ft_int_as_int64(r, &good) == 610 && good;
        ok &= good;
        ft_xdecref(r);
    }
    ft_eval_thread_fini();
    ft_thread_state_delete_current();
    return (void *)ok;
}

TEST(threads_share_a_function)
{
    const EvCase *c = NULL;
    for (size_t i = 0; i < sizeof(ev_cases) / sizeof(ev_cases[0]); i++)
        if (strcmp(ev_cases[i].name, "fib") == 0)
            c = &ev_cases[i];
    CHECK(c != NULL);
    FtObject *code = case_module_code(c);
    FtObject *globals = new_globals();
    FtObject *res = ft_eval_code_ref(code, globals, NULL);
    CHECK(res != NULL);
    ft_xdecref(res);
    CHECK(ft_dict_get_item_str_ref(globals, "fib", &shared_fib) == 1);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, fib_thread, NULL);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    long all = 1;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(th[i], &r);
        all &= (long)r;
    }
    ft_thread_attach(ts);
    CHECK(all == 1);
    ft_decref(shared_fib);
    ft_decref(globals);
    ft_decref(code);
}

// Four threads drain one generator: each item comes out exactly once; a thread that finds the
// generator running elsewhere gets ValueError "generator already executing" and retries.
static FtObject *shared_gen;
static int64_t gen_sums[4];

static void *
gen_thread(void *arg)
{
    int64_t *sum = arg;
    obj_thread_begin();
    if (ft_eval_thread_init() < 0)
        return (void *)0;
    long ok = 1;
    for (;;) {
        FtObject *v = shared_gen->ob_type->tp_iternext(shared_gen);
        if (v != NULL) {
            bool good = false;
            *sum += ft_int_as_int64(v, &good);
            ok &= good;
            ft_decref(v);
            continue;
        }
        if (!ft_error_occurred())
            break;
        FtObject *exc = ft_error_fetch_ref();
        FtObject *msg = ft_object_str_ref(exc);
        ok &= ft_type_is_subtype(exc->ob_type, &ft_exc_value_error) && msg != NULL &&
              ft_str_equal_cstr(msg, "generator already executing");
        ft_xdecref(msg);
        ft_decref(exc);
        if (!ok)
            break;
    }
    ft_eval_thread_fini();
    ft_thread_state_delete_current();
    return (void *)ok;
}

TEST(threads_share_a_generator)
{
    const EvCase *c = NULL;
    for (size_t i = 0; i < sizeof(ev_cases) / sizeof(ev_cases[0]); i++)
        if (strcmp(ev_cases[i].name, "gen_counter") == 0)
            c = &ev_cases[i];
    CHECK(c != NULL);
    FtObject *code = case_module_code(c);
    FtObject *globals = new_globals();
    FtObject *res = ft_eval_code_ref(code, globals, NULL);
    CHECK(res != NULL);
    ft_xdecref(res);
    FtObject *count = NULL;
    CHECK(ft_dict_get_item_str_ref(globals, "count", &count) == 1);
    const int64_t n = 3000;
    FtObject *arg = ft_int_from_int64_ref(n);
    shared_gen = ft_object_vectorcall_ref(count, &arg, 1, NULL);
    ft_decref(arg);
    CHECK(shared_gen != NULL);
    pthread_t th[4];
    for (int i = 0; i < 4; i++)
        pthread_create(&th[i], NULL, gen_thread, &gen_sums[i]);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    long all = 1;
    for (int i = 0; i < 4; i++) {
        void *r;
        pthread_join(th[i], &r);
        all &= (long)r;
    }
    ft_thread_attach(ts);
    CHECK(all == 1);
    CHECK(gen_sums[0] + gen_sums[1] + gen_sums[2] + gen_sums[3] == n * (n - 1) / 2);
    ft_decref(shared_gen);
    ft_decref(count);
    ft_decref(globals);
    ft_decref(code);
}

TEST(function_and_cell_reprs)
{
    FtObject *cell = ft_cell_new_ref(NULL);
    FtObject *r = ft_object_repr_ref(cell);
    CHECK(r != NULL && strncmp(ft_str_as_utf8(r, NULL), "<cell at 0x", 11) == 0);
    CHECK(strstr(ft_str_as_utf8(r, NULL), ": empty>") != NULL);
    ft_xdecref(r);
    FtObject *v = ft_int_from_int64_ref(1000);
    ft_cell_set_steal(cell, v);
    r = ft_object_repr_ref(cell);
    CHECK(r != NULL && strstr(ft_str_as_utf8(r, NULL), ": int object at 0x") != NULL);
    ft_xdecref(r);
    ft_decref(cell);
}

TEST(teardown)
{
    ft_decref(test_builtins);
    ft_eval_thread_fini();
    CHECK(ft_thread_state_current()->eval == NULL);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/objects/test_frame.c: frame and traceback objects (objects/frame.c) on interpreter
// frames built by hand around a real code object.
//
// The code object, its positions and every error text come from the oracle:
// `python3.14 scripts/gen_exception_print_expected.py --frame` writes test_frame_expected.txt
// (the bytecode and location table of `def f(a): b = a + 1; return b`, and the messages).
#include <pthread.h>   // pthread_create pthread_join pthread_barrier_t
#include <stdlib.h>    // calloc free strtol
#include <string.h>    // strcmp strncmp

#include "objects_test_util.h"

#include "objects/abstract.h"   // ft_object_call_method_cstr_ref
#include "objects/bytes.h"      // ft_bytes_from_data_ref
#include "objects/code.h"       // FtCodeSpec ft_code_new_ref
#include "objects/dict.h"       // ft_dict_*
#include "objects/frame.h"      // FtFrame ft_frame_* ft_traceback_*
#include "objects/int.h"        // ft_int_*
#include "objects/tuple.h"      // ft_tuple_*
#include "objects/type.h"       // ft_type_call_ref

enum { MAX_UNITS = 64, MAX_TEXTS = 16 };

static struct {
    uint16_t code[MAX_UNITS];
    Ft_ssize units;
    char linetable[256];
    Ft_ssize linetable_len;
    int stacksize, flags, firstlineno;
    int line[MAX_UNITS];
    char names[MAX_TEXTS][32];
    char texts[MAX_TEXTS][128];
    int ntexts;
} oracle;

static int
hex_value(char c)
{
    return c >= 'a' ? c - 'a' + 10 : c - '0';
}

static int
load_oracle(void)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "test_frame_expected.txt");
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        printf("  cannot open %s\n", path);
        return -1;
    }
    char line[1024], key[64];
    long len;
    while (fgets(line, sizeof line, f) != NULL) {
        int unit, l, el, c, ec;
        if (sscanf(line, "position %d %d %d %d %d", &unit, &l, &el, &c, &ec) == 5) {
            if (unit < MAX_UNITS)
                oracle.line[unit] = l;
            continue;
        }
        if (sscanf(line, "%63s %ld", key, &len) != 2)
            continue;
        if (strcmp(key, "stacksize") == 0 || strcmp(key, "flags") == 0 ||
            strcmp(key, "firstlineno") == 0) {
            *(key[0] == 's' ? &oracle.stacksize : key[0] == 'f' && key[1] == 'l' ? &oracle.flags
                                                                                 : &oracle.firstlineno) =
                (int)len;
            continue;
        }
        char value[1024] = "";
        if (len > 0 && fgets(value, sizeof value, f) == NULL)
            break;
        if (len == 0 && fgets(value, sizeof value, f) == NULL)
            break;
        value[len] = '\0';
        if (strcmp(key, "code") == 0) {
            oracle.units = len / 4;
            for (Ft_ssize i = 0; i < oracle.units && i < MAX_UNITS; i++) {
                const char *h = value + 4 * i;
                // Little-endian code units: opcode byte, then oparg byte.
                oracle.code[i] = (uint16_t)((hex_value(h[0]) << 4 | hex_value(h[1])) |
                                            (hex_value(h[2]) << 4 | hex_value(h[3])) << 8);
            }
        } else if (strcmp(key, "linetable") == 0) {
            oracle.linetable_len = len / 2;
            for (Ft_ssize i = 0; i < oracle.linetable_len; i++)
                oracle.linetable[i] = (char)(hex_value(value[2 * i]) << 4 |
                                             hex_value(value[2 * i + 1]));
        } else if (strcmp(key, "exceptiontable") != 0 && oracle.ntexts < MAX_TEXTS) {
            snprintf(oracle.names[oracle.ntexts], sizeof oracle.names[0], "%.31s", key);
            snprintf(oracle.texts[oracle.ntexts], sizeof oracle.texts[0], "%.127s", value);
            oracle.ntexts++;
        }
    }
    fclose(f);
    return oracle.units > 0 ? 0 : -1;
}

static const char *
oracle_text(const char *name)
{
    for (int i = 0; i < oracle.ntexts; i++) {
        if (strcmp(oracle.names[i], name) == 0)
            return oracle.texts[i];
    }
    return "(missing from the oracle file)";
}

static FtObject *
make_code(void)
{
    FtObject *a = ft_str_from_cstr_ref("a"), *b = ft_str_from_cstr_ref("b");
    FtObject *one = ft_int_from_int64_ref(1);
    const char kinds_data[2] = {(char)(FT_CO_FAST_LOCAL | FT_CO_FAST_ARG_POS), FT_CO_FAST_LOCAL};
    FtCodeSpec spec = {
        .filename = ft_str_from_cstr_ref("frame_case.py"),
        .name = ft_str_from_cstr_ref("f"),
        .qualname = ft_str_from_cstr_ref("f"),
        .flags = oracle.flags,
        .argcount = 1,
        .stacksize = oracle.stacksize,
        .firstlineno = oracle.firstlineno,
        .code = oracle.code,
        .code_units = oracle.units,
        .consts = ft_tuple_pack_ref(1, one),
        .names = ft_tuple_new_ref(0),
        .localsplusnames = ft_tuple_pack_ref(2, a, b),
        .localspluskinds = ft_bytes_from_data_ref(kinds_data, 2),
        .linetable = ft_bytes_from_data_ref(oracle.linetable, oracle.linetable_len),
        .exceptiontable = ft_bytes_from_data_ref("", 0),
    };
    FtObject *code = ft_code_new_ref(&spec);
    FtObject *refs[] = {a, b, one, spec.filename, spec.name, spec.qualname, spec.consts, spec.names,
                        spec.localsplusnames, spec.localspluskinds, spec.linetable,
                        spec.exceptiontable};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        ft_xdecref(refs[i]);
    return code;
}

typedef struct TestFrame {
    FtFrame *frame;
    FtObject *globals, *builtins;
} TestFrame;

// An interpreter frame of code at unit `unit` with local a = value (b unbound).
static void
frame_begin(TestFrame *t, FtObject *code, Ft_ssize unit, FtObject *value)
{
    FtCodeObject *co = (FtCodeObject *)code;
    t->frame = calloc(1, sizeof(FtFrame) + (size_t)co->co_framesize * sizeof(FtStackRef));
    if (t->frame == NULL)
        ft_fatal("out of memory");
    t->globals = ft_dict_new_ref();
    t->builtins = ft_dict_new_ref();
    FtFrame *f = t->frame;
    f->f_executable = code;
    f->f_globals = t->globals;
    f->f_builtins = t->builtins;
    f->instr_ptr = co->co_code_adaptive + unit;
    f->owner = FT_FRAME_OWNED_BY_THREAD;
    for (int i = 0; i < co->co_framesize; i++)
        f->localsplus[i] = FT_STACKREF_NULL;
    f->localsplus[0] = ft_stackref_from_borrow(value);
}

// Ends the interpreter frame as the eval loop would: its frame object (if any) takes a copy.
static void
frame_end(TestFrame *t)
{
    FtFrame *f = t->frame;
    if (f->frame_obj != NULL)
        ft_frame_object_take_ownership(f);
    FtCodeObject *co = (FtCodeObject *)f->f_executable;
    for (int i = 0; i < co->co_framesize; i++)
        ft_stackref_xclose(f->localsplus[i]);
    // Poison what a dangling reader would see, then free it.
    memset(f, 0xdb, sizeof(FtFrame) + (size_t)co->co_framesize * sizeof(FtStackRef));
    free(f);
    ft_decref(t->globals);
    ft_decref(t->builtins);
}

// "Type: message" of the current exception (cleared), compared with the oracle's text.
static int
error_text_is(const char *name)
{
    FtObject *exc = ft_error_occurred_borrow();
    if (exc == NULL) {
        printf("  %s: no exception set\n", name);
        return 0;
    }
    FtObject *s = ft_str_from_format_ref("%s: %S", exc->ob_type->tp_name, exc);
    ft_error_restore_steal(NULL);
    int ok = obj_str_is(s, oracle_text(name));
    ft_xdecref(s);
    return ok;
}

static FtObject *
get(FtObject *op, const char *name)
{
    return ft_object_get_attr_cstr_ref(op, name);
}

static int
int_attr_is(FtObject *op, const char *name, long long expected)
{
    FtObject *v = get(op, name);
    bool ok = false;
    long long got = v != NULL && ft_int_check(v) ? ft_int_as_int64(v, &ok) : -999;
    ft_xdecref(v);
    if (!ok || got != expected)
        printf("  %s: got %lld, expected %lld\n", name, got, expected);
    return ok && got == expected;
}

// setattr(op, name, value) (value NULL: delattr).
static int
set(FtObject *op, const char *name, FtObject *value)
{
    FtObject *n = ft_str_from_cstr_ref(name);
    int r = ft_object_set_attr(op, n, value);
    ft_decref(n);
    return r;
}

static FtObject *code_object;

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_frame_init_types(), 0);
    CHECK_EQ_INT(load_oracle(), 0);
    code_object = make_code();
    CHECK(code_object != NULL);
}

// Oracle: list(f.__code__.co_positions()) (the line of every code unit).
TEST(lasti_and_lineno_of_every_unit)
{
    FtObject *value = ft_str_from_cstr_ref("x");
    for (Ft_ssize unit = 0; unit < oracle.units; unit++) {
        TestFrame t;
        frame_begin(&t, code_object, unit, value);
        CHECK_EQ_INT(ft_frame_lasti(t.frame), unit);
        CHECK_EQ_INT(ft_frame_lineno(t.frame), oracle.line[unit]);
        FtObject *fo = ft_frame_get_object_ref(t.frame);
        CHECK(fo != NULL);
        CHECK(int_attr_is(fo, "f_lasti", unit * 2));
        CHECK(int_attr_is(fo, "f_lineno", oracle.line[unit]));
        ft_decref(fo);
        frame_end(&t);
    }
    ft_decref(value);
}

TEST(frame_object_of_a_live_frame)
{
    FtObject *value = ft_str_from_cstr_ref("x");
    TestFrame t;
    frame_begin(&t, code_object, 3, value);
    FtObject *fo = ft_frame_get_object_ref(t.frame);
    FtObject *again = ft_frame_get_object_ref(t.frame);
    CHECK(fo == again);
    ft_decref(again);
    CHECK(ft_frame_object_check(fo));
    FtObject *code = get(fo, "f_code");
    CHECK(code == code_object);
    ft_decref(code);
    FtObject *globals = get(fo, "f_globals");
    CHECK(globals == t.globals);
    ft_decref(globals);
    FtObject *back = get(fo, "f_back");
    CHECK(back == FT_NONE);
    ft_decref(back);
    FtObject *locals = get(fo, "f_locals");
    CHECK(obj_repr_is(locals, "{'a': 'x'}"));
    ft_decref(locals);
    // Oracle: repr(sys._getframe()) is "<frame at 0x..., file '...', line N, code NAME>".
    FtObject *r = ft_object_repr_ref(fo);
    const char *text = ft_str_as_utf8(r, NULL);
    CHECK(strncmp(text, "<frame at 0x", 12) == 0);
    CHECK(strstr(text, ", file 'frame_case.py', line 2, code f>") != NULL);
    ft_decref(r);
    FtObject *res = ft_object_call_method_cstr_ref(fo, "clear", NULL, 0);
    CHECK(res == NULL);
    CHECK(error_text_is("frame_clear_running"));
    frame_end(&t);
    // The object outlives the interpreter frame with a copy of it.
    CHECK(int_attr_is(fo, "f_lineno", 2));
    CHECK(int_attr_is(fo, "f_lasti", 6));
    locals = get(fo, "f_locals");
    CHECK(obj_repr_is(locals, "{'a': 'x'}"));
    ft_decref(locals);
    res = ft_object_call_method_cstr_ref(fo, "clear", NULL, 0);
    CHECK(res == FT_NONE);
    locals = get(fo, "f_locals");
    CHECK(obj_repr_is(locals, "{}"));
    ft_decref(locals);
    ft_decref(fo);
    ft_decref(value);
}

TEST(f_back_links_the_caller)
{
    FtObject *value = ft_int_from_int64_ref(7);
    TestFrame caller, callee;
    frame_begin(&caller, code_object, 10, value);
    frame_begin(&callee, code_object, 3, value);
    callee.frame->previous = caller.frame;
    FtObject *fo = ft_frame_get_object_ref(callee.frame);
    FtObject *back = get(fo, "f_back");
    CHECK(back != NULL && ft_frame_object_check(back));
    CHECK(int_attr_is(back, "f_lineno", 3));
    frame_end(&callee);
    FtObject *back2 = get(fo, "f_back");
    CHECK(back2 == back);
    ft_decref(back2);
    frame_end(&caller);
    CHECK(int_attr_is(back, "f_lineno", 3));
    ft_decref(back);
    ft_decref(fo);
    ft_decref(value);
}

static FtObject *
call_traceback_type(int nargs, FtObject *a, FtObject *b, FtObject *c, FtObject *d)
{
    FtObject *args[4] = {a, b, c, d};
    return ft_type_call_ref((FtObject *)&ft_traceback_type, args, (size_t)nargs, NULL);
}

// Oracle: the texts of types.TracebackType(...) errors and tb_next assignment.
TEST(traceback_type)
{
    FtObject *value = ft_int_from_int64_ref(1);
    TestFrame t;
    frame_begin(&t, code_object, 3, value);
    FtObject *fo = ft_frame_get_object_ref(t.frame);
    FtObject *zero = ft_int_from_int64_ref(0), *one = ft_int_from_int64_ref(1);
    FtObject *minus = ft_int_from_int64_ref(-1), *x = ft_str_from_cstr_ref("x");
    CHECK(call_traceback_type(4, one, fo, zero, zero) == NULL);
    CHECK(error_text_is("tb_bad_next"));
    CHECK(call_traceback_type(4, FT_NONE, one, zero, zero) == NULL);
    CHECK(error_text_is("tb_bad_frame"));
    CHECK(call_traceback_type(4, FT_NONE, fo, x, zero) == NULL);
    CHECK(error_text_is("tb_bad_lasti"));
    CHECK(call_traceback_type(0, NULL, NULL, NULL, NULL) == NULL);
    CHECK(error_text_is("tb_missing"));

    FtObject *six = ft_int_from_int64_ref(6);
    FtObject *tb = call_traceback_type(4, FT_NONE, fo, six, minus);
    CHECK(tb != NULL && ft_traceback_check(tb));
    CHECK(int_attr_is(tb, "tb_lasti", 6));
    CHECK(int_attr_is(tb, "tb_lineno", 2));   // -1: computed from the frame's code
    FtObject *tb2 = ft_traceback_new_ref(NULL, fo, 20, 3);
    CHECK(int_attr_is(tb2, "tb_lineno", 3));
    CHECK(set(tb, "tb_next", one) < 0);
    CHECK(error_text_is("tb_set_next_int"));
    CHECK(set(tb, "tb_next", tb) < 0);
    CHECK(error_text_is("tb_set_next_loop"));
    CHECK(set(tb, "tb_next", NULL) < 0);
    CHECK(error_text_is("tb_del_next"));
    CHECK_EQ_INT(set(tb, "tb_next", tb2), 0);
    FtObject *next = get(tb, "tb_next");
    CHECK(next == tb2);
    ft_decref(next);
    CHECK(set(tb2, "tb_next", tb) < 0);
    CHECK(error_text_is("tb_set_next_loop"));
    FtObject *d = ft_object_call_method_cstr_ref(tb, "__dir__", NULL, 0);
    CHECK(obj_repr_is(d, oracle_text("tb_dir")));
    ft_xdecref(d);
    ft_decref(tb);
    ft_decref(tb2);
    FtObject *refs[] = {zero, one, minus, x, six, fo};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        ft_decref(refs[i]);
    frame_end(&t);
    ft_decref(value);
}

TEST(traceback_here_prepends)
{
    FtObject *value = ft_int_from_int64_ref(1);
    FtObject *exc = ft_exception_new_ref(&ft_exc_value_error, NULL, 0);
    TestFrame inner, outer;
    frame_begin(&inner, code_object, 3, value);
    frame_begin(&outer, code_object, 10, value);
    CHECK_EQ_INT(ft_traceback_here(exc, inner.frame), 0);
    CHECK_EQ_INT(ft_traceback_here(exc, outer.frame), 0);
    frame_end(&inner);
    frame_end(&outer);
    FtObject *tb = get(exc, "__traceback__");
    CHECK(tb != NULL && ft_traceback_check(tb));
    CHECK(int_attr_is(tb, "tb_lineno", 3));
    CHECK(int_attr_is(tb, "tb_lasti", 20));
    FtObject *next = get(tb, "tb_next");
    CHECK(next != NULL && ft_traceback_check(next));
    CHECK(int_attr_is(next, "tb_lineno", 2));
    FtObject *last = get(next, "tb_next");
    CHECK(last == FT_NONE);
    ft_decref(last);
    ft_decref(next);
    ft_decref(tb);
    ft_decref(exc);
    ft_decref(value);
}

// Threads raising through their own frames prepend to one shared exception: every entry lands.
enum { THREADS = 4, ENTRIES_PER_THREAD = 200 };

static FtObject *shared_exc;
static pthread_barrier_t start_barrier;

static void *
prepend_worker(void *arg)
{
    (void)arg;
    FtThreadState *ts = obj_thread_begin();
    FtObject *value = ft_int_from_int64_ref(2);
    TestFrame t;
    frame_begin(&t, code_object, 10, value);
    ft_thread_detach(ts);
    pthread_barrier_wait(&start_barrier);
    ft_thread_attach(ts);
    for (int i = 0; i < ENTRIES_PER_THREAD; i++) {
        if (ft_traceback_here(shared_exc, t.frame) < 0)
            ft_fatal("ft_traceback_here failed");
    }
    frame_end(&t);
    ft_decref(value);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(traceback_here_from_threads)
{
    shared_exc = ft_exception_new_ref(&ft_exc_runtime_error, NULL, 0);
    pthread_barrier_init(&start_barrier, NULL, THREADS);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, prepend_worker, NULL);
    FtThreadState *self = ft_thread_state_current();
    ft_thread_detach(self);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(self);
    pthread_barrier_destroy(&start_barrier);
    FtObject *tb = get(shared_exc, "__traceback__");
    int count = 0;
    while (tb != NULL && tb != FT_NONE) {
        count++;
        FtObject *next = get(tb, "tb_next");
        ft_decref(tb);
        tb = next;
    }
    ft_xdecref(tb);
    CHECK_EQ_INT(count, THREADS * ENTRIES_PER_THREAD);
    ft_decref(shared_exc);
}

int
main(void)
{
    return ft_test_run_all();
}

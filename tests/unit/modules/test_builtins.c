// tests/unit/modules/test_builtins.c: the builtins module called through its dict with real
// objects, against the oracle's results (builtins_expected.gen.h, written by
// gen_builtins_expected.py); print() and the text stream through a pipe; module objects; sys.
#include "modules_test_util.h"

#include "objects/bytes.h"        // ft_bytes_from_data_ref
#include "objects/complex.h"      // ft_complex_from_doubles_ref
#include "objects/float.h"        // ft_float_from_object_ref
#include "objects/int.h"          // ft_int_from_object_ref
#include "objects/list.h"         // ft_list_*
#include "objects/module.h"       // ft_module_*

typedef struct {
    char kind;          // i f c s B n b y L T D K (see gen_builtins_expected.py)
    const char *text;
} BiArg;

typedef struct {
    const char *fn;
    int nargs, nkw, listify;
    const BiArg *args;
    const char *expected;
} BiCase;

#include "builtins_expected.gen.h"
#include "sys_expected.gen.h"

// Builds the value at *pos (advancing it). A new reference or NULL.
static FtObject *
build_value(const BiArg *args, int *pos)
{
    const BiArg *a = &args[(*pos)++];
    FtObject *text, *res = NULL;
    switch (a->kind) {
    case 'n':
        return ft_none_ref();
    case 'b':
        return ft_new_ref(ft_bool_from(a->text[0] == '1'));
    case 'y': {
        FtObject *v = mod_builtin(a->text);
        return v != NULL ? ft_new_ref(v) : NULL;
    }
    case 's':
        return ft_str_from_cstr_ref(a->text);
    case 'B': {
        // Latin-1 text: each code point is one byte.
        FtObject *s = ft_str_from_cstr_ref(a->text);
        if (s == NULL)
            return NULL;
        char buf[256];
        Ft_ssize n = ft_str_length(s);
        for (Ft_ssize i = 0; i < n && i < 256; i++)
            buf[i] = (char)ft_str_read_char(s, i);
        ft_decref(s);
        return ft_bytes_from_data_ref(buf, n);
    }
    case 'i':
    case 'f':
        text = ft_str_from_cstr_ref(a->text);
        if (text != NULL)
            res = a->kind == 'i' ? ft_int_from_object_ref(text) : ft_float_from_object_ref(text);
        ft_xdecref(text);
        return res;
    case 'D':
        return ft_dict_new_ref();
    case 'c': {
        char *comma;
        double re = strtod(a->text, &comma);
        return ft_complex_from_doubles_ref(re, strtod(comma + 1, NULL));
    }
    case 'L':
    case 'T': {
        int n = atoi(a->text);
        FtObject *list = ft_list_new_ref(0);
        for (int i = 0; list != NULL && i < n; i++) {
            FtObject *item = build_value(args, pos);
            if (item == NULL || ft_list_append(list, item) < 0) {
                ft_xdecref(item);
                ft_decref(list);
                return NULL;
            }
            ft_decref(item);
        }
        if (list == NULL || a->kind == 'L')
            return list;
        res = ft_list_as_tuple_ref(list);
        ft_decref(list);
        return res;
    }
    default:
        return NULL;
    }
}

// Runs one case; a new str with the outcome.
static FtObject *
run_case(const BiCase *c)
{
    FtObject *fn = mod_builtin(c->fn);
    if (fn == NULL)
        return ft_str_from_format_ref("(no builtin %s)", c->fn);
    FtObject *stack[16];
    FtObject *kwnames = c->nkw > 0 ? ft_tuple_new_ref(c->nkw) : NULL;
    int pos = 0, n = 0;
    for (int i = 0; i < c->nargs; i++)
        stack[n++] = build_value(c->args, &pos);
    for (int k = 0; k < c->nkw; k++) {
        ft_tuple_set_item_steal_unlocked(kwnames, k, ft_str_from_cstr_ref(c->args[pos++].text));
        stack[n++] = build_value(c->args, &pos);
    }
    FtObject *res = ft_object_vectorcall_ref(fn, stack, (size_t)c->nargs, kwnames);
    if (res != NULL && c->listify) {
        FtObject *list = ft_list_new_ref(0);
        if (list != NULL && ft_modules_list_extend(list, res) < 0) {
            ft_decref(list);
            list = NULL;
        }
        ft_decref(res);
        res = list;
    }
    FtObject *out = mod_outcome_ref(res);
    for (int i = 0; i < n; i++)
        ft_xdecref(stack[i]);
    ft_xdecref(kwnames);
    return out;
}

TEST(setup)
{
    CHECK(mod_setup() == 0);
}

TEST(oracle_cases)
{
    int failed = 0;
    for (size_t i = 0; i < sizeof(bi_cases) / sizeof(bi_cases[0]); i++) {
        FtObject *out = run_case(&bi_cases[i]);
        if (out == NULL || !ft_str_equal_cstr(out, bi_cases[i].expected)) {
            printf("  case %zu %s(): got \"%s\", expected \"%s\"\n", i, bi_cases[i].fn,
                   out != NULL ? ft_str_as_utf8(out, NULL) : "(null)", bi_cases[i].expected);
            failed++;
        }
        ft_xdecref(out);
        ft_error_clear();
    }
    CHECK_EQ_INT(failed, 0);
}

// print(*args, sep=, end=, file=, flush=) into a pipe stream.
static FtObject *
call_print(FtObject *const *args, int nargs, const char *const *kw, FtObject *const *kwvals, int nkw)
{
    FtObject *stack[16];
    FtObject *kwnames = nkw > 0 ? ft_tuple_new_ref(nkw) : NULL;
    for (int i = 0; i < nargs; i++)
        stack[i] = args[i];
    for (int k = 0; k < nkw; k++) {
        ft_tuple_set_item_steal_unlocked(kwnames, k, ft_str_from_cstr_ref(kw[k]));
        stack[nargs + k] = kwvals[k];
    }
    FtObject *res = ft_object_vectorcall_ref(mod_builtin("print"), stack, (size_t)nargs, kwnames);
    ft_xdecref(kwnames);
    return res;
}

TEST(print_to_stream)
{
    int rfd = -1;
    FtObject *stream = mod_pipe_stream_ref(&rfd, "strict");
    CHECK(stream != NULL);
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *s = ft_str_from_cstr_ref("h\xc3\xa9");
    FtObject *sep = ft_str_from_cstr_ref("-");
    FtObject *end = ft_str_from_cstr_ref("!\n");
    FtObject *args[3] = {one, s, &ft_none_object};
    const char *kw[4] = {"sep", "end", "file", "flush"};
    FtObject *kwvals[4] = {sep, end, stream, ft_bool_from(true)};
    FtObject *r = call_print(args, 3, kw, kwvals, 4);
    CHECK(r == &ft_none_object);
    ft_decref(r);
    // Defaults: sep ' ', end '\n'; nothing reaches the pipe until flush.
    const char *kw2[1] = {"file"};
    FtObject *kwvals2[1] = {stream};
    r = call_print(args, 2, kw2, kwvals2, 1);
    CHECK(r != NULL);
    ft_decref(r);
    char buf[256];
    mod_read_pipe(rfd, buf, sizeof buf);
    r = ft_object_call_method_cstr_ref(stream, "flush", NULL, 0);
    CHECK(r != NULL);
    ft_decref(r);
    size_t first = strlen(buf);
    mod_read_pipe(rfd, buf + first, sizeof buf - first);
    CHECK(strcmp(buf, EXPECTED_PRINT_OUTPUT) == 0);
    // sep must be None or a string.
    FtObject *kwvals3[1] = {one};
    const char *kw3[1] = {"sep"};
    r = call_print(args, 1, kw3, kwvals3, 1);
    CHECK(r == NULL);
    FtObject *text = mod_exception_text_ref();
    CHECK(mod_str_is(text, EXPECTED_PRINT_BAD_SEP));
    ft_decref(text);
    // file without write().
    FtObject *kwvals4[1] = {one};
    r = call_print(args, 1, kw2, kwvals4, 1);
    CHECK(r == NULL);
    text = mod_exception_text_ref();
    CHECK(mod_str_is(text, EXPECTED_PRINT_BAD_FILE));
    ft_decref(text);
    ft_decref(one);
    ft_decref(s);
    ft_decref(sep);
    ft_decref(end);
    ft_decref(stream);
    close(rfd);
}

TEST(stream_errors)
{
    int rfd = -1;
    FtObject *strict = mod_pipe_stream_ref(&rfd, "strict");
    int rfd2 = -1;
    FtObject *lenient = mod_pipe_stream_ref(&rfd2, "backslashreplace");
    CHECK(strict != NULL && lenient != NULL);
    uint32_t cps[3] = {'a', 0xDC80, 'b'};
    FtObject *lone = ft_str_from_code_points_ref(cps, 3);
    CHECK(lone != NULL);
    FtObject *r = ft_object_call_method_cstr_ref(strict, "write", &lone, 1);
    CHECK(r == NULL);
    CHECK(ft_error_matches(&ft_exc_unicode_encode_error));
    ft_error_clear();
    r = ft_object_call_method_cstr_ref(lenient, "write", &lone, 1);
    CHECK(r != NULL);
    FtObject *text = mod_outcome_ref(r);
    CHECK(mod_str_is(text, EXPECTED_STREAM_WRITE_COUNT));
    ft_decref(text);
    r = ft_object_call_method_cstr_ref(lenient, "flush", NULL, 0);
    ft_xdecref(r);
    char buf[64];
    mod_read_pipe(rfd2, buf, sizeof buf);
    CHECK(strcmp(buf, EXPECTED_STREAM_BACKSLASHREPLACE) == 0);
    FtObject *one = ft_int_from_int64_ref(1);
    r = ft_object_call_method_cstr_ref(strict, "write", &one, 1);
    text = mod_outcome_ref(r);
    CHECK(mod_str_is(text, EXPECTED_STREAM_WRITE_INT));
    ft_decref(text);
    r = ft_object_call_method_cstr_ref(strict, "close", NULL, 0);
    ft_xdecref(r);
    r = ft_object_call_method_cstr_ref(strict, "write", &lone, 1);
    text = mod_outcome_ref(r);
    CHECK(mod_str_is(text, EXPECTED_STREAM_WRITE_CLOSED));
    ft_decref(text);
    text = mod_outcome_ref(ft_object_get_attr_cstr_ref(strict, "closed"));
    CHECK(mod_str_is(text, EXPECTED_STREAM_CLOSED));
    ft_decref(text);
    text = mod_outcome_ref(ft_object_get_attr_cstr_ref(lenient, "errors"));
    CHECK(mod_str_is(text, EXPECTED_SYS_STDERR_ERRORS));
    ft_decref(text);
    ft_decref(one);
    ft_decref(lone);
    ft_decref(strict);
    ft_decref(lenient);
    close(rfd);
    close(rfd2);
}

// sys.stdout is a stream over fd 1 with CPython's repr.
TEST(sys_streams)
{
    FtObject *out = ft_sys_get_ref("stdout");
    CHECK(out != NULL);
    FtObject *text = mod_outcome_ref(ft_new_ref(out));
    CHECK(mod_str_is(text, EXPECTED_SYS_STDOUT_REPR));
    ft_decref(text);
    text = mod_outcome_ref(ft_object_call_method_cstr_ref(out, "fileno", NULL, 0));
    CHECK(mod_str_is(text, "1"));
    ft_decref(text);
    FtObject *err = ft_sys_get_ref("__stderr__");
    text = mod_outcome_ref(ft_object_get_attr_cstr_ref(err, "errors"));
    CHECK(mod_str_is(text, EXPECTED_SYS_STDERR_ERRORS));
    ft_decref(text);
    ft_decref(err);
    ft_decref(out);
    CHECK_EQ_INT(ft_modules_flush_std_files(), 0);
}

TEST(module_objects)
{
    FtObject *name = ft_str_from_cstr_ref("m");
    FtObject *doc = ft_str_from_cstr_ref("the doc");
    FtObject *args[2] = {name, doc};
    FtObject *m = ft_object_vectorcall_ref((FtObject *)&ft_module_type, args, 2, NULL);
    CHECK(m != NULL && ft_module_check(m));
    FtObject *text = mod_outcome_ref(ft_new_ref(m));
    CHECK(mod_str_is(text, EXPECTED_MODULE_REPR));
    ft_decref(text);
    text = mod_outcome_ref(ft_object_get_attr_cstr_ref(m, "__doc__"));
    CHECK(mod_str_is(text, EXPECTED_MODULE_DOC));
    ft_decref(text);
    text = mod_outcome_ref(ft_object_get_attr_cstr_ref(m, "nope"));
    CHECK(mod_str_is(text, EXPECTED_MODULE_NOATTR));
    ft_decref(text);
    // PEP 562: __getattr__ in the module dict (here builtins.len: m.abc == len('abc')).
    FtObject *key = ft_str_from_cstr_ref("__getattr__");
    CHECK(ft_object_set_attr(m, key, mod_builtin("len")) == 0);
    text = mod_outcome_ref(ft_object_get_attr_cstr_ref(m, "abcd"));
    CHECK(mod_str_is(text, EXPECTED_MODULE_GETATTR_HOOK));
    ft_decref(text);
    CHECK(ft_object_set_attr(m, key, NULL) == 0);
    CHECK(ft_object_set_attr(m, key, NULL) < 0);
    text = mod_exception_text_ref();
    CHECK(mod_str_is(text, EXPECTED_MODULE_DEL_MISSING));
    ft_decref(text);
    FtObject *file_key = ft_str_from_cstr_ref("__file__");
    FtObject *path = ft_str_from_cstr_ref("/p/m.py");
    CHECK(ft_object_set_attr(m, file_key, path) == 0);
    text = mod_outcome_ref(ft_new_ref(m));
    CHECK(mod_str_is(text, EXPECTED_MODULE_REPR_FILE));
    ft_decref(text);
    text = mod_outcome_ref(ft_object_get_attr_cstr_ref(m, "__dict__"));
    CHECK(mod_str_is(text, EXPECTED_MODULE_DICT));
    ft_decref(text);
    text = mod_outcome_ref(ft_object_vectorcall_ref(mod_builtin("dir"), &m, 1, NULL));
    CHECK(mod_str_is(text, EXPECTED_MODULE_DIR));
    ft_decref(text);
    FtObject *dict_key = ft_str_from_cstr_ref("__dict__");
    CHECK(ft_object_set_attr(m, dict_key, name) < 0);
    text = mod_exception_text_ref();
    CHECK(mod_str_is(text, EXPECTED_MODULE_SET_DICT));
    ft_decref(text);
    // Argument checks of module(name, doc=None).
    text = mod_outcome_ref(ft_object_vectorcall_ref((FtObject *)&ft_module_type, NULL, 0, NULL));
    CHECK(mod_str_is(text, EXPECTED_MODULE_NO_NAME));
    ft_decref(text);
    FtObject *bad[1] = {file_key};
    bad[0] = ft_int_from_int64_ref(1);
    text = mod_outcome_ref(ft_object_vectorcall_ref((FtObject *)&ft_module_type, bad, 1, NULL));
    CHECK(mod_str_is(text, EXPECTED_MODULE_NAME_INT));
    ft_decref(text);
    ft_decref(bad[0]);
    FtObject *sys = NULL;
    CHECK(ft_dict_get_item_str_ref(ft_interp_main()->modules_dict, "sys", &sys) == 1);
    text = mod_outcome_ref(sys);
    CHECK(mod_str_is(text, EXPECTED_MODULE_SYS_REPR));
    ft_decref(text);
    ft_decref(dict_key);
    ft_decref(file_key);
    ft_decref(path);
    ft_decref(key);
    ft_decref(m);
    ft_decref(name);
    ft_decref(doc);
}

// Calls sys.<fn>(args...) and checks the outcome text.
static int
sys_call_is(const char *fn, FtObject *const *args, int nargs, const char *expected)
{
    FtObject *f = ft_sys_get_ref(fn);
    if (f == NULL) {
        printf("  no sys.%s\n", fn);
        return 0;
    }
    FtObject *text = mod_outcome_ref(ft_object_vectorcall_ref(f, args, (size_t)nargs, NULL));
    ft_decref(f);
    int ok = mod_str_is(text, expected);
    ft_xdecref(text);
    return ok;
}

static int
sys_value_is(const char *name, const char *expected)
{
    FtObject *text = mod_outcome_ref(ft_sys_get_ref(name));
    int ok = mod_str_is(text, expected);
    ft_xdecref(text);
    return ok;
}

TEST(sys_module)
{
    CHECK(sys_value_is("version_info", EXPECTED_SYS_VERSION_INFO));
    CHECK(sys_value_is("hexversion", EXPECTED_SYS_HEXVERSION));
    CHECK(sys_value_is("maxsize", EXPECTED_SYS_MAXSIZE));
    CHECK(sys_value_is("maxunicode", EXPECTED_SYS_MAXUNICODE));
    CHECK(sys_value_is("byteorder", EXPECTED_SYS_BYTEORDER));
    CHECK(sys_value_is("platform", EXPECTED_SYS_PLATFORM));
    CHECK(sys_value_is("argv", "['prog.py', 'arg1']"));
    CHECK(sys_value_is("builtin_module_names", "('_contextvars', '_io', '_thread', 'builtins', 'sys', 'time')"));
    CHECK(sys_value_is("int_info", EXPECTED_SYS_INT_INFO));
    CHECK(sys_value_is("float_info", EXPECTED_SYS_FLOAT_INFO));
    CHECK(sys_call_is("_is_gil_enabled", NULL, 0, EXPECTED_SYS_GIL));
    CHECK(sys_call_is("getdefaultencoding", NULL, 0, EXPECTED_SYS_DEFAULT_ENCODING));
    CHECK(sys_call_is("getrecursionlimit", NULL, 0, EXPECTED_SYS_RECURSION_DEFAULT));
    FtObject *zero = ft_int_from_int64_ref(0), *big = ft_int_from_int64_ref(5000);
    CHECK(sys_call_is("setrecursionlimit", &zero, 1, EXPECTED_SYS_RECURSION_ZERO));
    CHECK(sys_call_is("setrecursionlimit", &big, 1, "None"));
    CHECK(sys_call_is("getrecursionlimit", NULL, 0, "5000"));
    FtObject *thousand = ft_int_from_int64_ref(1000);
    CHECK(sys_call_is("setrecursionlimit", &thousand, 1, "None"));
    CHECK(sys_call_is("intern", &zero, 1, EXPECTED_SYS_INTERN_INT));
    CHECK(sys_call_is("exit", &big, 1, EXPECTED_SYS_EXIT_5000));
    FtObject *two[2] = {zero, big};
    CHECK(sys_call_is("exit", two, 2, EXPECTED_SYS_EXIT_TWO));
    FtObject *x = ft_str_from_cstr_ref("x");
    CHECK(sys_call_is("setswitchinterval", &x, 1, EXPECTED_SYS_SWITCH_STR));
    CHECK(sys_call_is("setswitchinterval", &zero, 1, EXPECTED_SYS_SWITCH_ZERO));
    CHECK(sys_call_is("getswitchinterval", NULL, 0, EXPECTED_SYS_SWITCH_DEFAULT));
    CHECK(sys_call_is("audit", &zero, 1, EXPECTED_SYS_AUDIT_INT));
    ft_decref(x);
    CHECK(sys_call_is("get_int_max_str_digits", NULL, 0, EXPECTED_SYS_INT_MAX_STR_DIGITS));
    CHECK(sys_call_is("exception", NULL, 0, EXPECTED_SYS_EXCEPTION_NONE));
    CHECK(sys_call_is("exc_info", NULL, 0, EXPECTED_SYS_EXC_INFO_NONE));
    FtObject *impl = ft_sys_get_ref("implementation");
    CHECK(impl != NULL);
    FtObject *text = mod_outcome_ref(ft_object_get_attr_cstr_ref(impl, "cache_tag"));
    CHECK(mod_str_is(text, "'ftpy-314'"));
    ft_decref(text);
    ft_decref(impl);
    ft_decref(zero);
    ft_decref(big);
    ft_decref(thousand);
}

// import: built-in modules, sys.modules, errors; from-import errors.
TEST(import_builtin)
{
    FtObject *name = ft_str_from_cstr_ref("_thread");
    FtObject *m = ft_import_name_ref(name, NULL, NULL, NULL, 0);
    CHECK(m != NULL);
    FtObject *again = ft_import_name_ref(name, NULL, NULL, NULL, 0);
    CHECK(again == m);
    ft_decref(again);
    FtObject *text = mod_outcome_ref(ft_new_ref(m));
    CHECK(mod_str_is(text, EXPECTED_IMPORT_THREAD_REPR));
    ft_decref(text);
    FtObject *attr = ft_str_from_cstr_ref("allocate_lock");
    text = mod_outcome_ref(ft_import_from_ref(m, attr));
    CHECK(mod_str_is(text, EXPECTED_IMPORT_ALLOCATE_LOCK));
    ft_decref(text);
    FtObject *missing = ft_str_from_cstr_ref("nope");
    text = mod_outcome_ref(ft_import_from_ref(m, missing));
    CHECK(mod_str_is(text, EXPECTED_IMPORT_FROM_MISSING));
    ft_decref(text);
    FtObject *dotted = ft_str_from_cstr_ref("sys.nope");
    text = mod_outcome_ref(ft_import_name_ref(dotted, NULL, NULL, NULL, 0));
    CHECK(mod_str_is(text, EXPECTED_IMPORT_NOT_PACKAGE));
    ft_decref(text);
    FtObject *rel = ft_dict_new_ref();
    FtObject *modname = ft_str_from_cstr_ref("toplevel");
    CHECK(ft_dict_set_item_str(rel, "__name__", modname) == 0);
    text = mod_outcome_ref(ft_import_name_ref(missing, rel, NULL, NULL, 1));
    CHECK(mod_str_is(text, EXPECTED_IMPORT_NO_PARENT));
    ft_decref(text);
    ft_decref(rel);
    ft_decref(modname);
    ft_decref(dotted);
    ft_decref(missing);
    ft_decref(attr);
    ft_decref(m);
    ft_decref(name);
}

// Last: the main thread's eval state (the runtime itself stays up until exit).
TEST(teardown)
{
    ft_eval_thread_fini();
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/modules/test_exception_print.c: the exception printer of modules/exception_print.c.
//
// Every expected text comes from the oracle: scripts/gen_exception_print_expected.py writes
// test_exception_print_expected.txt (stack cases: frame summaries the oracle's traceback module
// extracted, with StackSummary.format()'s text; exception cases: format_exception() of exceptions
// without tracebacks, which build_exception() below makes the same way in C).
#include <stdio.h>      // fopen
#include <stdlib.h>     // strtol malloc free
#include <string.h>     // strcmp strncmp

#include "harness.h"

#include <sys/stat.h>   // mkdir
#include <unistd.h>     // getpid unlink rmdir

#include "objects/abstract.h"       // ft_object_call_method_cstr_ref
#include "objects/bytes.h"          // ft_bytes_from_data_ref
#include "objects/code.h"           // FtCodeSpec ft_code_new_ref
#include "objects/dict.h"           // ft_dict_new_ref
#include "objects/frame.h"          // FtFrame ft_frame_* ft_traceback_here
#include "objects/error.h"          // ft_exception_* ft_exc_*
#include "objects/int.h"            // ft_int_from_int64_ref
#include "objects/object.h"         // ft_objects_init
#include "objects/str.h"            // ft_str_* FtStrWriter
#include "objects/tuple.h"          // ft_tuple_pack_ref
#include "runtime/thread_state.h"   // ft_runtime_init ft_thread_*
#include "sync/fatal.h"             // ft_fatal

// The printer's test API, as modules/exception_print.c declares it (TODO(#4): a shared header).
typedef struct FtFrameSummary {
    FtObject *filename;
    FtObject *name;
    int lineno;
    int end_lineno, colno, end_colno;
    FtObject *lines;
} FtFrameSummary;

int ft_traceback_format_stack(const FtFrameSummary *frames, Ft_ssize n, FtStrWriter *out);
FtObject *ft_exception_format_ref(FtObject *exc);
FtObject *ft_exception_format_group_ref(FtObject *exc, FtObject *members);
int ft_exception_handle_uncaught_steal(FtObject *exc);

static int
setup(void)
{
    if (ft_runtime_init() != 0)
        return -1;
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL)
        ft_fatal("out of memory");
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    if (ft_objects_init() < 0)
        return -1;
    return ft_frame_init_types();
}

TEST(setup)
{
    CHECK_EQ_INT(setup(), 0);
}

typedef struct Reader {
    char *data;
    size_t size, pos;
} Reader;

static int
reader_open(Reader *r)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "test_exception_print_expected.txt");
    FILE *f = fopen(path, "rb");
    if (f == NULL) {
        printf("  cannot open %s\n", path);
        return -1;
    }
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    r->data = malloc((size_t)size + 1);
    r->size = r->data != NULL ? fread(r->data, 1, (size_t)size, f) : 0;
    r->pos = 0;
    fclose(f);
    if (r->data == NULL)
        return -1;
    r->data[r->size] = '\0';
    return 0;
}

// The next line (without its newline) in buf; false at the end.
static bool
reader_line(Reader *r, char *buf, size_t cap)
{
    if (r->pos >= r->size)
        return false;
    size_t n = 0;
    while (r->pos < r->size && r->data[r->pos] != '\n') {
        if (n + 1 < cap)
            buf[n++] = r->data[r->pos];
        r->pos++;
    }
    r->pos++;
    buf[n] = '\0';
    return true;
}

// A string field's value (after its "key LEN" line) as a new str.
static FtObject *
reader_bytes(Reader *r, long len)
{
    if (len < 0 || r->pos + (size_t)len > r->size)
        return NULL;
    FtObject *s = ft_str_from_utf8_ref(r->data + r->pos, len);
    r->pos += (size_t)len + 1;
    return s;
}

static FtObject *
str_of(const char *s)
{
    return ft_str_from_cstr_ref(s);
}

static FtObject *
make1(FtTypeObject *type, FtObject *arg)
{
    FtObject *e = ft_exception_new_ref(type, &arg, arg != NULL ? 1 : 0);
    ft_xdecref(arg);
    return e;
}

static FtObject *
make_syntax_error(const char *msg, const char *file, int lineno, int offset, const char *text,
                  int end_lineno, int end_offset, int nfields)
{
    FtObject *f[6] = {
        file != NULL ? str_of(file) : ft_none_ref(),
        lineno >= 0 ? ft_int_from_int64_ref(lineno) : ft_none_ref(),
        offset >= 0 ? ft_int_from_int64_ref(offset) : ft_none_ref(),
        text != NULL ? str_of(text) : ft_none_ref(),
        ft_int_from_int64_ref(end_lineno),
        ft_int_from_int64_ref(end_offset),
    };
    FtObject *details = nfields == 6 ? ft_tuple_pack_ref(6, f[0], f[1], f[2], f[3], f[4], f[5])
                                     : ft_tuple_pack_ref(4, f[0], f[1], f[2], f[3]);
    for (int i = 0; i < 6; i++)
        ft_decref(f[i]);
    FtObject *args[2] = {str_of(msg), details};
    FtObject *e = ft_exception_new_ref(&ft_exc_syntax_error, args, 2);
    ft_decref(args[0]);
    ft_decref(args[1]);
    return e;
}

static void
add_note(FtObject *exc, const char *note)
{
    FtObject *s = str_of(note);
    FtObject *r = ft_object_call_method_cstr_ref(exc, "add_note", &s, 1);
    ft_xdecref(r);
    ft_decref(s);
}

// The exception of exception case `name`, as the generator's exception_cases() makes it.
static FtObject *
build_exception(const char *name)
{
    FtObject *e = NULL;
    if (strcmp(name, "plain") == 0)
        return make1(&ft_exc_value_error, str_of("bad value"));
    if (strcmp(name, "empty_message") == 0)
        return make1(&ft_exc_value_error, NULL);
    if (strcmp(name, "key_error") == 0)
        return make1(&ft_exc_key_error, str_of("k"));
    if (strcmp(name, "two_args") == 0) {
        FtObject *args[2] = {str_of("a"), ft_int_from_int64_ref(2)};
        e = ft_exception_new_ref(&ft_exc_value_error, args, 2);
        ft_decref(args[0]);
        ft_decref(args[1]);
        return e;
    }
    if (strcmp(name, "cause") == 0) {
        e = make1(&ft_exc_runtime_error, str_of("outer"));
        ft_exception_set_cause_steal(e, make1(&ft_exc_value_error, str_of("inner")));
        return e;
    }
    if (strcmp(name, "context") == 0 || strcmp(name, "suppressed_context") == 0) {
        e = make1(&ft_exc_runtime_error, str_of("outer"));
        ft_exception_set_context_steal(e, make1(&ft_exc_key_error, str_of("x")));
        if (name[0] == 's')
            ((FtBaseExceptionObject *)e)->suppress_context = 1;
        return e;
    }
    if (strcmp(name, "chain_of_three") == 0) {
        e = make1(&ft_exc_runtime_error, str_of("three"));
        FtObject *mid = make1(&ft_exc_type_error, str_of("two"));
        ft_exception_set_context_steal(mid, make1(&ft_exc_value_error, str_of("one")));
        ft_exception_set_cause_steal(e, mid);
        return e;
    }
    if (strcmp(name, "notes") == 0) {
        e = make1(&ft_exc_value_error, str_of("noted"));
        add_note(e, "first note");
        add_note(e, "second\nnote");
        return e;
    }
    if (strcmp(name, "syntax_error") == 0)
        return make_syntax_error("invalid syntax", "x.py", 1, 5, "  foo bar baz\n", 1, 8, 6);
    if (strcmp(name, "syntax_error_no_end") == 0)
        return make_syntax_error("bad", "y.py", 3, 2, "x y\n", 0, 0, 4);
    if (strcmp(name, "syntax_error_no_lineno") == 0)
        return make1(&ft_exc_syntax_error, str_of("only msg"));
    if (strcmp(name, "syntax_error_file_only") == 0)
        return make_syntax_error("m", "f.py", -1, -1, NULL, 0, 0, 4);
    if (strcmp(name, "syntax_error_tab") == 0)
        return make_syntax_error("tabbed", "t.py", 2, 4, "\tab cd\n", 2, 6, 6);
    if (strcmp(name, "syntax_error_empty_msg") == 0)
        return make_syntax_error("", "e.py", 1, 1, "x\n", 1, 2, 6);
    if (strcmp(name, "file_not_found") == 0) {
        FtObject *args[2] = {ft_int_from_int64_ref(2), str_of("No such file or directory")};
        e = ft_exception_new_ref(&ft_exc_file_not_found_error, args, 2);
        ft_decref(args[0]);
        ft_decref(args[1]);
        return e;
    }
    if (strcmp(name, "system_exit") == 0)
        return make1(&ft_exc_system_exit, ft_int_from_int64_ref(3));
    if (strcmp(name, "keyboard_interrupt") == 0)
        return make1(&ft_exc_keyboard_interrupt, NULL);
    return NULL;
}

enum { MAX_UNITS = 64 };

typedef struct FrameData {
    char source[512];
    uint16_t code[MAX_UNITS];
    Ft_ssize units;
    char linetable[256];
    Ft_ssize linetable_len;
    int stacksize, flags, firstlineno;
} FrameData;

static int
hex_value(char c)
{
    return c >= 'a' ? c - 'a' + 10 : c - '0';
}

// The oracle's code object data (tests/unit/objects/test_frame_expected.txt).
static int
load_frame_data(FrameData *d)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "../objects/test_frame_expected.txt");
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return -1;
    char line[1024], key[64], value[1024];
    long len;
    memset(d, 0, sizeof *d);
    while (fgets(line, sizeof line, f) != NULL) {
        if (sscanf(line, "%63s %ld", key, &len) != 2 || strcmp(key, "position") == 0)
            continue;
        if (strcmp(key, "stacksize") == 0) {
            d->stacksize = (int)len;
        } else if (strcmp(key, "flags") == 0) {
            d->flags = (int)len;
        } else if (strcmp(key, "firstlineno") == 0) {
            d->firstlineno = (int)len;
        } else {
            if (fgets(value, sizeof value, f) == NULL)
                break;
            if (len < 0 || len >= (long)sizeof value)
                continue;
            value[len] = '\0';
            if (strcmp(key, "source") == 0) {
                for (long i = 0; i < len / 2 && i + 1 < (long)sizeof d->source; i++)
                    d->source[i] = (char)(hex_value(value[2 * i]) << 4 | hex_value(value[2 * i + 1]));
            } else if (strcmp(key, "code") == 0) {
                d->units = len / 4 < MAX_UNITS ? len / 4 : MAX_UNITS;
                for (Ft_ssize i = 0; i < d->units; i++) {
                    const char *h = value + 4 * i;
                    d->code[i] = (uint16_t)((hex_value(h[0]) << 4 | hex_value(h[1])) |
                                            (hex_value(h[2]) << 4 | hex_value(h[3])) << 8);
                }
            } else if (strcmp(key, "linetable") == 0) {
                d->linetable_len = len / 2;
                for (Ft_ssize i = 0; i < d->linetable_len; i++)
                    d->linetable[i] = (char)(hex_value(value[2 * i]) << 4 |
                                             hex_value(value[2 * i + 1]));
            }
        }
    }
    fclose(f);
    return d->units > 0 ? 0 : -1;
}

static FtObject *
make_code(const FrameData *d, const char *filename)
{
    FtObject *a = ft_str_from_cstr_ref("a"), *b = ft_str_from_cstr_ref("b");
    FtObject *one = ft_int_from_int64_ref(1);
    const char kinds[2] = {(char)(FT_CO_FAST_LOCAL | FT_CO_FAST_ARG_POS), FT_CO_FAST_LOCAL};
    FtCodeSpec spec = {
        .filename = ft_str_from_cstr_ref(filename),
        .name = ft_str_from_cstr_ref("f"),
        .qualname = ft_str_from_cstr_ref("f"),
        .flags = d->flags,
        .argcount = 1,
        .stacksize = d->stacksize,
        .firstlineno = d->firstlineno,
        .code = d->code,
        .code_units = d->units,
        .consts = ft_tuple_pack_ref(1, one),
        .names = ft_tuple_new_ref(0),
        .localsplusnames = ft_tuple_pack_ref(2, a, b),
        .localspluskinds = ft_bytes_from_data_ref(kinds, 2),
        .linetable = ft_bytes_from_data_ref(d->linetable, d->linetable_len),
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

// The TypeError of f('x') with a traceback of f's frame at its BINARY_OP (code unit 3), the frame
// written to a temporary source file, formatted; @FILE@ in the result stands for that file.
static FtObject *
format_traceback_f(void)
{
    FrameData d;
    if (load_frame_data(&d) < 0)
        return NULL;
    char dir[256], file[300];
    snprintf(dir, sizeof dir, "/tmp/ftpy_tb_test_%d", (int)getpid());
    snprintf(file, sizeof file, "%s/frame_case.py", dir);
    mkdir(dir, 0700);
    FILE *f = fopen(file, "w");
    if (f == NULL)
        return NULL;
    fputs(d.source, f);
    fclose(f);

    FtObject *code = make_code(&d, file);
    FtCodeObject *co = (FtCodeObject *)code;
    FtFrame *frame = calloc(1, sizeof(FtFrame) + (size_t)co->co_framesize * sizeof(FtStackRef));
    FtObject *globals = ft_dict_new_ref(), *builtins = ft_dict_new_ref();
    FtObject *value = ft_str_from_cstr_ref("x");
    frame->f_executable = code;
    frame->f_globals = globals;
    frame->f_builtins = builtins;
    frame->instr_ptr = co->co_code_adaptive + 3;
    for (int i = 0; i < co->co_framesize; i++)
        frame->localsplus[i] = FT_STACKREF_NULL;
    frame->localsplus[0] = ft_stackref_from_borrow(value);
    FtObject *msg = ft_str_from_cstr_ref("can only concatenate str (not \"int\") to str");
    FtObject *exc = ft_exception_new_ref(&ft_exc_type_error, &msg, 1);
    ft_decref(msg);
    int r = ft_traceback_here(exc, frame);
    if (frame->frame_obj != NULL)
        ft_frame_object_take_ownership(frame);
    for (int i = 0; i < co->co_framesize; i++)
        ft_stackref_xclose(frame->localsplus[i]);
    free(frame);
    FtObject *text = r == 0 ? ft_exception_format_ref(exc) : NULL;
    ft_decref(exc);
    ft_decref(value);
    ft_decref(globals);
    ft_decref(builtins);
    ft_decref(code);
    unlink(file);
    rmdir(dir);
    if (text == NULL)
        return NULL;
    // Put the placeholder back where the file name is.
    const char *utf8 = ft_str_as_utf8(text, NULL);
    char out[2048];
    size_t k = 0, flen = strlen(file);
    for (const char *p = utf8; *p != '\0' && k + 8 < sizeof out;) {
        if (strncmp(p, file, flen) == 0) {
            memcpy(out + k, "@FILE@", 6);
            k += 6;
            p += flen;
        } else {
            out[k++] = *p++;
        }
    }
    out[k] = '\0';
    ft_decref(text);
    return ft_str_from_cstr_ref(out);
}

// The text of group case `name`: a BaseExceptionGroup with the oracle group's message and members
// (its str() adds " (N sub-exceptions)" itself).
static FtObject *
format_group_case(const char *name)
{
    FtObject *members[17];
    int n = 0;
    const char *message = NULL;
    members[n++] = make1(&ft_exc_keyboard_interrupt, NULL);
    if (strcmp(name, "group_two") == 0) {
        message = "eg";
        members[n++] = make1(&ft_exc_value_error, ft_int_from_int64_ref(1));
    } else if (strcmp(name, "group_wide") == 0) {
        message = "wide";
        for (int i = 0; i < 16; i++)
            members[n++] = make1(&ft_exc_value_error, ft_int_from_int64_ref(i));
    } else if (strcmp(name, "group_member_chain") == 0) {
        message = "eg";
        FtObject *v = make1(&ft_exc_value_error, str_of("m"));
        ft_exception_set_cause_steal(v, make1(&ft_exc_key_error, str_of("c")));
        members[n++] = v;
    } else {
        ft_decref(members[0]);
        return NULL;
    }
    FtObject *tuple = ft_tuple_from_array_ref(members, n);
    for (int i = 0; i < n; i++)
        ft_decref(members[i]);
    // A real group (message, members), as BaseExceptionGroup(msg, excs) makes it.
    FtObject *group_args[2] = {str_of(message), tuple};
    FtObject *group = ft_exception_new_ref(&ft_exc_base_exception_group, group_args, 2);
    ft_decref(group_args[0]);
    if (group == NULL) {
        ft_decref(tuple);
        return NULL;
    }
    if (strcmp(name, "group_member_chain") == 0)
        add_note(group, "group note");
    FtObject *text = ft_exception_format_group_ref(group, tuple);
    ft_decref(group);
    ft_decref(tuple);
    return text;
}

static bool
text_matches(const char *what, FtObject *got, FtObject *expected)
{
    if (got != NULL && expected != NULL && ft_str_equal(got, expected))
        return true;
    printf("  %s: got:\n%s\n  expected:\n%s\n", what,
           got != NULL ? ft_str_as_utf8(got, NULL) : "(null)",
           expected != NULL ? ft_str_as_utf8(expected, NULL) : "(null)");
    return false;
}

// The exception of exit case `name` (the generator's EXIT_CASES, raised at the top level).
static FtObject *
build_exit_exception(const char *name)
{
    if (strcmp(name, "exit_none") == 0)
        return make1(&ft_exc_system_exit, NULL);
    if (strcmp(name, "exit_3") == 0)
        return make1(&ft_exc_system_exit, ft_int_from_int64_ref(3));
    if (strcmp(name, "exit_true") == 0)
        return make1(&ft_exc_system_exit, ft_new_ref(FT_TRUE));
    if (strcmp(name, "exit_bye") == 0)
        return make1(&ft_exc_system_exit, str_of("bye"));
    if (strcmp(name, "exit_neg1") == 0)
        return make1(&ft_exc_system_exit, ft_int_from_int64_ref(-1));
    if (strcmp(name, "exit_big") == 0)
        return make1(&ft_exc_system_exit, ft_int_from_int64_ref(((int64_t)1 << 40) + 7));
    if (strcmp(name, "exit_value_error") == 0)
        return make1(&ft_exc_value_error, str_of("v"));
    return NULL;
}

enum { MAX_FRAMES = 64 };

// Runs every case of the file; returns the number of failures and counts the cases run.
static int
run_cases(int *stack_cases, int *exc_cases)
{
    Reader r;
    if (reader_open(&r) < 0)
        return 1;
    int failures = 0;
    char line[512], case_name[256] = "";
    FtFrameSummary frames[MAX_FRAMES];
    FtObject *owned[MAX_FRAMES * 3];
    int nframes = 0, nowned = 0;
    FtObject *expected = NULL;
    while (reader_line(&r, line, sizeof line)) {
        char key[64];
        long value = 0;
        if (strncmp(line, "case ", 5) == 0) {
            snprintf(case_name, sizeof case_name, "%.200s", line + 5);
            nframes = 0;
            continue;
        }
        if (strcmp(line, "frame") == 0) {
            if (nframes == MAX_FRAMES)
                return failures + 1;
            memset(&frames[nframes++], 0, sizeof(FtFrameSummary));
            continue;
        }
        if (strcmp(line, "lines none") == 0) {
            frames[nframes - 1].lines = NULL;
            continue;
        }
        if (strcmp(line, "end") == 0) {
            FtObject *got = NULL;
            if (strcmp(case_name, "traceback_f") == 0) {
                got = format_traceback_f();
                (*exc_cases)++;
            } else if (strncmp(case_name, "exc_group_", 10) == 0) {
                got = format_group_case(case_name + 4);
                (*exc_cases)++;
            } else if (strncmp(case_name, "exc_", 4) == 0) {
                FtObject *exc = build_exception(case_name + 4);
                got = exc != NULL ? ft_exception_format_ref(exc) : NULL;
                ft_xdecref(exc);
                (*exc_cases)++;
            } else {
                FtStrWriter w = {0};
                if (ft_traceback_format_stack(frames, nframes, &w) == 0)
                    got = ft_str_writer_finish_ref(&w);
                (*stack_cases)++;
            }
            if (ft_error_occurred()) {
                printf("  %s: an exception is set\n", case_name);
                ft_error_restore_steal(NULL);
                failures++;
            } else if (!text_matches(case_name, got, expected)) {
                failures++;
            }
            ft_xdecref(got);
            ft_xdecref(expected);
            expected = NULL;
            for (int i = 0; i < nowned; i++)
                ft_decref(owned[i]);
            nowned = 0;
            continue;
        }
        char status_name[64];
        long status = 0;
        if (sscanf(line, "status %63s %ld", status_name, &status) == 2) {
            // The process exit status is the handler's result modulo 256, as exit() reports it.
            FtObject *exc = build_exit_exception(status_name);
            int got = exc != NULL ? ft_exception_handle_uncaught_steal(exc) & 0xff : -1;
            if (got != status || ft_error_occurred()) {
                printf("  %s: status %d, expected %ld\n", status_name, got, status);
                ft_error_restore_steal(NULL);
                failures++;
            }
            (*exc_cases)++;
            continue;
        }
        if (sscanf(line, "%63s %ld", key, &value) != 2)
            continue;
        FtFrameSummary *fs = nframes > 0 ? &frames[nframes - 1] : NULL;
        if (strcmp(key, "expected") == 0) {
            expected = reader_bytes(&r, value);
        } else if (fs != NULL && (strcmp(key, "filename") == 0 || strcmp(key, "name") == 0 ||
                                  strcmp(key, "lines") == 0)) {
            FtObject *s = reader_bytes(&r, value);
            if (s == NULL || nowned == MAX_FRAMES * 3)
                return failures + 1;
            owned[nowned++] = s;
            if (key[0] == 'f')
                fs->filename = s;
            else if (key[0] == 'n')
                fs->name = s;
            else
                fs->lines = s;
        } else if (fs != NULL && strcmp(key, "lineno") == 0) {
            fs->lineno = (int)value;
        } else if (fs != NULL && strcmp(key, "end_lineno") == 0) {
            fs->end_lineno = (int)value;
        } else if (fs != NULL && strcmp(key, "colno") == 0) {
            fs->colno = (int)value;
        } else if (fs != NULL && strcmp(key, "end_colno") == 0) {
            fs->end_colno = (int)value;
        }
    }
    free(r.data);
    return failures;
}

TEST(oracle_cases)
{
    int stack_cases = 0, exc_cases = 0;
    CHECK_EQ_INT(run_cases(&stack_cases, &exc_cases), 0);
    CHECK(stack_cases >= 330);
    CHECK(exc_cases >= 29);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/compiler/test_parser.c: the parser and the AST dump against CPython 3.14's output.
//
// Golden files: every tests/compiler/ast/NAME.py is parsed and dumped, and the text must equal
// NAME.exp, which scripts/regen_ast_golden.sh produced by running the reference interpreter (the
// dump, or the one-line error for a file CPython rejects). Also: constant reprs, bad input that
// must be rejected without crashing, and parsing on two threads at once (a parse shares nothing).
#include <dirent.h>                 // opendir, readdir
#include <mimalloc.h>               // mi_malloc, mi_free
#include <pthread.h>                // pthread_create, pthread_barrier_t
#include <stdio.h>                  // snprintf, fopen
#include <stdlib.h>                 // qsort
#include <string.h>                 // strcmp, strlen

#include "compiler/arena.h"         // ft_arena_new, ft_arena_free
#include "compiler/ast.h"           // ft_ast_dump_mod, ft_ast_repr_*
#include "compiler/parser.h"        // ft_parse_file
#include "harness.h"                // TEST, CHECK

#define MAX_GOLDEN 64

typedef struct {
    char *name[MAX_GOLDEN];
    char *source[MAX_GOLDEN];
    size_t source_len[MAX_GOLDEN];
    char *expected[MAX_GOLDEN];
    int count;
} Golden;

static char *
read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = mi_malloc((size_t)n + 1);
    if (data != NULL) {
        size_t got = fread(data, 1, (size_t)n, f);
        data[got] = '\0';
        *len_out = got;
    }
    fclose(f);
    return data;
}

static int
compare_names(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

// The golden directory, found from this file's path (CMake compiles it by absolute path).
static void
golden_dir(char *out, size_t cap)
{
    snprintf(out, cap, "%s", __FILE__);
    char *cut = strstr(out, "tests/unit/compiler/");
    if (cut != NULL)
        snprintf(cut, cap - (size_t)(cut - out), "tests/compiler/ast");
}

static void
load_golden(Golden *g)
{
    char dir[1024];
    golden_dir(dir, sizeof dir);
    g->count = 0;
    DIR *d = opendir(dir);
    if (d == NULL)
        return;
    char *names[MAX_GOLDEN];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL && n < MAX_GOLDEN) {
        size_t len = strlen(e->d_name);
        if (len > 3 && strcmp(e->d_name + len - 3, ".py") == 0)
            names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof(char *), compare_names);
    for (int i = 0; i < n; i++) {
        char path[1200];
        size_t len;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        g->source[g->count] = read_file(path, &g->source_len[g->count]);
        snprintf(path + strlen(path) - 3, 5, ".exp");
        g->expected[g->count] = read_file(path, &len);
        g->name[g->count] = names[i];
        if (g->source[g->count] != NULL && g->expected[g->count] != NULL)
            g->count++;
    }
}

static void
free_golden(Golden *g)
{
    for (int i = 0; i < g->count; i++) {
        mi_free(g->source[i]);
        mi_free(g->expected[i]);
        free(g->name[i]);
    }
    g->count = 0;
}

// Parses and renders like build/ftpy-ast: the dump plus "\n", or the error line. Caller frees.
static char *
render(const char *src, size_t len)
{
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstBuf buf = {0};
    FtAstMod *mod = ft_parse_file(src, len, FT_PARSE_FILE, arena, &err);
    if (mod != NULL) {
        if (ft_ast_dump_mod(&buf, mod) < 0 || ft_ast_buf_append(&buf, "\n", 1) < 0)
            ft_ast_buf_free(&buf);
    } else {
        char end_line[16], end_off[16];
        snprintf(end_line, sizeof end_line, "%d", err.end_lineno);
        snprintf(end_off, sizeof end_off, "%d", err.end_offset);
        ft_ast_buf_printf(&buf, "%s: %s (%d, %d, %s, %s)\n", ft_syntax_error_class_name(err.kind),
                          err.msg ? err.msg : "", err.lineno, err.offset,
                          err.end_lineno ? end_line : "None", err.end_lineno ? end_off : "None");
    }
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    return buf.data;
}

TEST(golden_files)
{
    Golden g;
    load_golden(&g);
    CHECK(g.count >= 10);
    int failed = 0;
    for (int i = 0; i < g.count; i++) {
        char *out = render(g.source[i], g.source_len[i]);
        if (out == NULL || strcmp(out, g.expected[i]) != 0) {
            printf("  golden mismatch: %s\n", g.name[i]);
            failed++;
        }
        mi_free(out);
    }
    free_golden(&g);
    CHECK_EQ_INT(failed, 0);
}

typedef struct {
    Golden *golden;
    pthread_barrier_t *start;
    int mismatches;
} ParseThread;

static void *
parse_thread_main(void *arg)
{
    ParseThread *t = arg;
    pthread_barrier_wait(t->start);
    for (int round = 0; round < 3; round++) {
        for (int i = 0; i < t->golden->count; i++) {
            char *out = render(t->golden->source[i], t->golden->source_len[i]);
            if (out == NULL || strcmp(out, t->golden->expected[i]) != 0)
                t->mismatches++;
            mi_free(out);
        }
    }
    return NULL;
}

TEST(parse_on_two_threads_at_once)
{
    Golden g;
    load_golden(&g);
    CHECK(g.count > 0);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, 2);
    ParseThread t[2] = {{&g, &start, 0}, {&g, &start, 0}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, parse_thread_main, &t[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    free_golden(&g);
    CHECK_EQ_INT(t[0].mismatches + t[1].mismatches, 0);
}

static int
repr_float_is(double v, const char *expected)
{
    FtAstBuf buf = {0};
    int ok = ft_ast_repr_float(&buf, v) == 0 && strcmp(buf.data, expected) == 0;
    if (!ok)
        printf("  repr(%.17g) gave %s, expected %s\n", v, buf.data ? buf.data : "?", expected);
    ft_ast_buf_free(&buf);
    return ok;
}

TEST(float_repr_matches_cpython)
{
    // Expected texts are CPython 3.14's repr() of the same doubles.
    CHECK(repr_float_is(0.0, "0.0"));
    CHECK(repr_float_is(1.5, "1.5"));
    CHECK(repr_float_is(0.1, "0.1"));
    CHECK(repr_float_is(1e16, "1e+16"));
    CHECK(repr_float_is(1e15, "1000000000000000.0"));
    CHECK(repr_float_is(1e-5, "1e-05"));
    CHECK(repr_float_is(1e-4, "0.0001"));
    CHECK(repr_float_is(123456789012345678.0, "1.2345678901234568e+17"));
    CHECK(repr_float_is(2.0 / 3.0, "0.6666666666666666"));
    CHECK(repr_float_is(5e-324, "5e-324"));
    CHECK(repr_float_is(1.7976931348623157e308, "1.7976931348623157e+308"));
    CHECK(repr_float_is(-2.5, "-2.5"));
}

static int
repr_str_is(const char *utf8, size_t len, const char *expected)
{
    FtAstBuf buf = {0};
    int ok = ft_ast_repr_str(&buf, utf8, len) == 0 && strcmp(buf.data, expected) == 0;
    if (!ok)
        printf("  repr gave %s, expected %s\n", buf.data ? buf.data : "?", expected);
    ft_ast_buf_free(&buf);
    return ok;
}

TEST(str_repr_matches_cpython)
{
    CHECK(repr_str_is("", 0, "''"));
    CHECK(repr_str_is("it's", 4, "\"it's\""));
    CHECK(repr_str_is("'\"", 2, "'\\'\"'"));
    CHECK(repr_str_is("a\tb\nc\r\\", 7, "'a\\tb\\nc\\r\\\\'"));
    CHECK(repr_str_is("\x01\x7f", 2, "'\\x01\\x7f'"));
    CHECK(repr_str_is("\xc3\xa9\xe2\x80\x8b\xc2\xa0", 7, "'\xc3\xa9\\u200b\\xa0'"));
    CHECK(repr_str_is("\xf0\x9f\x98\x80\xf3\xa0\x80\x81", 8, "'\xf0\x9f\x98\x80\\U000e0001'"));
    CHECK(repr_str_is("\xed\xa0\x80", 3, "'\\ud800'"));
    CHECK(repr_str_is("nul\0x", 5, "'nul\\x00x'"));
}

TEST(bad_input_is_rejected_without_crashing)
{
    static const char *const bad[] = {
        "(", ")", "x = = 1", "def", "class A(:\n", "f(**)", "'unterminated", "\"\"\"open",
        "if x:\npass", "  x = 1", "lambda: (yield", "x[", "@\n", "match x:\n    case:\n",
        "f'{'", "f'{x!z}'", "1 +", "import", "from . import", "\xff\xfe\x00", "x = 1 2",
        "for x in : pass", "with as x: pass", "try:\n    pass\n", "a := 1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        FtArena *arena = ft_arena_new();
        FtSyntaxError err = {0};
        FtAstMod *mod = ft_parse_file(bad[i], strlen(bad[i]), FT_PARSE_FILE, arena, &err);
        int rejected = mod == NULL && err.kind != FT_SYNTAX_NONE && err.msg != NULL;
        if (!rejected)
            printf("  accepted or no error: %s\n", bad[i]);
        ft_syntax_error_clear(&err);
        ft_arena_free(arena);
        CHECK(rejected);
    }
}

TEST(deep_nesting_is_an_error_not_a_crash)
{
    size_t n = 100000;
    char *src = mi_malloc(n + 3);
    CHECK(src != NULL);
    memset(src, '-', n);
    memcpy(src + n, "1\n", 3);
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstMod *mod = ft_parse_file(src, n + 2, FT_PARSE_FILE, arena, &err);
    // CPython's MemoryError, with its message and no position.
    int ok = mod == NULL && err.kind == FT_SYNTAX_MEMORY_ERROR && err.lineno == 0
             && err.msg != NULL
             && strcmp(err.msg, "Parser stack overflowed - Python source too complex to parse") == 0;
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    mi_free(src);
    CHECK(ok);
}

TEST(eval_mode_and_string_input)
{
    // Expected: CPython 3.14's ast.dump(ast.parse('1 + 2', mode='eval'), include_attributes=True).
    static const char expected[] =
        "Expression(body=BinOp(left=Constant(value=1, lineno=1, col_offset=0, end_lineno=1, "
        "end_col_offset=1), op=Add(), right=Constant(value=2, lineno=1, col_offset=4, end_lineno=1, "
        "end_col_offset=5), lineno=1, col_offset=0, end_lineno=1, end_col_offset=5))";
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstBuf buf = {0};
    FtAstMod *mod = ft_parse_string("1 + 2", 5, FT_PARSE_EVAL, arena, &err);
    int ok = mod != NULL && ft_ast_dump_mod(&buf, mod) == 0 && strcmp(buf.data, expected) == 0;
    FtAstMod *bad = ft_parse_string("x = 1", 5, FT_PARSE_EVAL, arena, &err);
    int rejected = bad == NULL && err.kind == FT_SYNTAX_ERROR;
    ft_ast_buf_free(&buf);
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    CHECK(ok);
    CHECK(rejected);
}

int
main(void)
{
    return ft_test_run_all();
}

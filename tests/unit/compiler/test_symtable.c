// tests/unit/compiler/test_symtable.c: the symbol table against CPython 3.14's `symtable` module.
//
// Golden files: every tests/compiler/symtable/NAME.py is parsed, its table built and dumped, and
// the text must equal NAME.exp, which scripts/regen_symtable_golden.sh produced by running the
// reference interpreter (the canonical dump, or the one-line SyntaxError with CPython's position).
// Also: block lookup by AST key, scopes through the API, mangling rules, bad and deeply nested
// input, and two threads building tables from one shared (immutable) tree at once.
#include <dirent.h>                 // opendir, readdir
#include <mimalloc.h>               // mi_malloc, mi_free
#include <pthread.h>                // pthread_create, pthread_barrier_t
#include <stdio.h>                  // snprintf, fopen
#include <stdlib.h>                 // qsort
#include <string.h>                 // strcmp, strlen

#include "compiler/arena.h"         // ft_arena_new, ft_arena_free
#include "compiler/ast.h"           // FtAstBuf
#include "compiler/parser.h"        // ft_parse_string
#include "compiler/symtable.h"      // ft_symtable_build
#include "compiler/symtable_internal.h"  // FT_SYMTABLE_MAX_DEPTH
#include "harness.h"                // TEST, CHECK

#define MAX_GOLDEN 128

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
        snprintf(cut, cap - (size_t)(cut - out), "tests/compiler/symtable");
}

static void
append_error(FtAstBuf *buf, const FtSyntaxError *err)
{
    char end_line[16], end_off[16];
    snprintf(end_line, sizeof end_line, "%d", err->end_lineno);
    snprintf(end_off, sizeof end_off, "%d", err->end_offset);
    ft_ast_buf_printf(buf, "%s: %s (%d, %d, %s, %s)\n", ft_syntax_error_class_name(err->kind),
                      err->msg ? err->msg : "", err->lineno, err->offset,
                      err->end_lineno ? end_line : "None", err->end_lineno ? end_off : "None");
}

// Renders like build/ftpy-symtable: the dump, or the error line. Caller frees with mi_free.
static char *
render(const char *src, size_t len, int from_file)
{
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstBuf buf = {0};
    FtAstMod *mod = from_file ? ft_parse_file(src, len, FT_PARSE_FILE, arena, &err)
                              : ft_parse_string(src, len, FT_PARSE_FILE, arena, &err);
    FtSymtable *st = mod != NULL ? ft_symtable_build(mod, &err) : NULL;
    if (st != NULL) {
        if (ft_symtable_dump(&buf, st) < 0)
            ft_ast_buf_free(&buf);
    }
    else {
        append_error(&buf, &err);
    }
    ft_symtable_free(st);
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    return buf.data;
}

static char *
render_str(const char *src)
{
    return render(src, strlen(src), 0);
}

TEST(golden_files)
{
    char dir[1024];
    golden_dir(dir, sizeof dir);
    DIR *d = opendir(dir);
    CHECK(d != NULL);
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
    int compared = 0, failed = 0;
    for (int i = 0; i < n; i++) {
        char path[1200];
        size_t src_len = 0, exp_len = 0;
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        char *src = read_file(path, &src_len);
        snprintf(path + strlen(path) - 3, 5, ".exp");
        char *expected = read_file(path, &exp_len);
        if (src != NULL && expected != NULL) {
            char *out = render(src, src_len, 1);
            compared++;
            if (out == NULL || strcmp(out, expected) != 0) {
                printf("  golden mismatch: %s\n", names[i]);
                failed++;
            }
            mi_free(out);
        }
        mi_free(src);
        mi_free(expected);
        free(names[i]);
    }
    CHECK(compared >= 50);
    CHECK_EQ_INT(failed, 0);
}

static int
contains(const char *haystack, const char *needle)
{
    return haystack != NULL && strstr(haystack, needle) != NULL;
}

TEST(error_messages_and_positions)
{
    static const struct { const char *src; const char *line; } cases[] = {
        {"def f(a):\n    global a\n",
         "SyntaxError: name 'a' is parameter and global (2, 5, 2, 13)\n"},
        {"nonlocal x\n",
         "SyntaxError: nonlocal declaration not allowed at module level (1, 1, 1, 11)\n"},
        {"def f():\n    def g():\n        nonlocal y\n",
         "SyntaxError: no binding for nonlocal 'y' found (3, 9, 3, 19)\n"},
        {"def f():\n    x\n    global x\n",
         "SyntaxError: name 'x' is used prior to global declaration (3, 5, 3, 13)\n"},
        {"def f():\n    [(yield) for x in y]\n",
         "SyntaxError: 'yield' inside list comprehension (2, 7, 2, 12)\n"},
        {"[x := 1 for x in y]\n",
         "SyntaxError: assignment expression cannot rebind comprehension iteration variable 'x'"
         " (1, 2, 1, 3)\n"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *out = render_str(cases[i].src);
        int ok = out != NULL && strcmp(out, cases[i].line) == 0;
        if (!ok)
            printf("  case %zu: got %s", i, out ? out : "(null)\n");
        mi_free(out);
        CHECK(ok);
    }
}

TEST(lookup_and_scopes)
{
    const char *src = "def f(a):\n    b = 1\n    def g():\n        return a + b + c\n"
                      "    return g\n";
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstMod *mod = ft_parse_string(src, strlen(src), FT_PARSE_FILE, arena, &err);
    CHECK(mod != NULL);
    FtSymtable *st = ft_symtable_build(mod, &err);
    CHECK(st != NULL);
    const FtAstStmt *fdef = mod->v.module.body->items[0];
    FtSymtableEntry *f = ft_symtable_lookup(st, fdef);
    CHECK(f != NULL && f == st->top->children[1]);
    CHECK(strcmp(f->name, "f") == 0 && f->type == FT_SYMTABLE_BLOCK_FUNCTION);
    CHECK_EQ_INT(f->varname_count, 1);
    CHECK(strcmp(f->varnames[0], "a") == 0);
    CHECK_EQ_INT(ft_symtable_get_scope(f, "a"), FT_SYMTABLE_CELL);
    CHECK_EQ_INT(ft_symtable_get_scope(f, "b"), FT_SYMTABLE_CELL);
    CHECK_EQ_INT(ft_symtable_get_scope(f, "g"), FT_SYMTABLE_LOCAL);
    const FtAstStmt *gdef = fdef->v.function_def.body->items[1];
    FtSymtableEntry *g = ft_symtable_lookup(st, gdef);
    CHECK(g != NULL && g->nested);
    CHECK_EQ_INT(ft_symtable_get_scope(g, "a"), FT_SYMTABLE_FREE);
    CHECK_EQ_INT(ft_symtable_get_scope(g, "c"), FT_SYMTABLE_GLOBAL_IMPLICIT);
    CHECK_EQ_INT(ft_symtable_get_symbol(g, "c"),
                 FT_SYMTABLE_USE | (FT_SYMTABLE_GLOBAL_IMPLICIT << FT_SYMTABLE_SCOPE_OFFSET));
    CHECK_EQ_INT(ft_symtable_get_symbol(g, "missing"), 0);
    CHECK(ft_symtable_lookup(st, src) == NULL);
    ft_symtable_free(st);
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
}

TEST(mangling)
{
    FtArena *arena = ft_arena_new();
    CHECK(strcmp(ft_symtable_mangle("C", "__x", arena), "_C__x") == 0);
    CHECK(strcmp(ft_symtable_mangle("__Cls", "__x", arena), "_Cls__x") == 0);
    CHECK(strcmp(ft_symtable_mangle("C", "__x__", arena), "__x__") == 0);
    CHECK(strcmp(ft_symtable_mangle("C", "__", arena), "__") == 0);
    CHECK(strcmp(ft_symtable_mangle("C", "_x", arena), "_x") == 0);
    CHECK(strcmp(ft_symtable_mangle("C", "__a.b", arena), "__a.b") == 0);
    CHECK(strcmp(ft_symtable_mangle("___", "__x", arena), "__x") == 0);
    CHECK(strcmp(ft_symtable_mangle(NULL, "__x", arena), "__x") == 0);
    CHECK(strcmp(ft_symtable_mangle("Ünï", "__ß", arena), "_Ünï__ß") == 0);
    ft_arena_free(arena);
}

TEST(expression_mode_and_empty_module)
{
    const char *src = "[y for y in x] + (lambda q: q)(z)";
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstMod *mod = ft_parse_string(src, strlen(src), FT_PARSE_EVAL, arena, &err);
    CHECK(mod != NULL);
    FtSymtable *st = ft_symtable_build(mod, &err);
    CHECK(st != NULL);
    CHECK_EQ_INT(st->top->child_count, 1);  // the list comprehension is inlined
    CHECK(strcmp(st->top->children[0]->name, "lambda") == 0);
    CHECK_EQ_INT(ft_symtable_get_scope(st->top, "y"), FT_SYMTABLE_LOCAL);
    ft_symtable_free(st);
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);

    char *out = render_str("");
    CHECK(out != NULL && strcmp(out, "module top line 0 nested 0\n  varnames\n") == 0);
    mi_free(out);
}

// Deep nesting must end in a table or an error, never a crash.
TEST(deep_nesting)
{
    enum { DEPTH = 400 };
    size_t cap = DEPTH * 16 + 64;
    char *src = mi_malloc(cap);
    CHECK(src != NULL);
    size_t len = 0;
    for (int i = 0; i < DEPTH; i++)
        len += (size_t)snprintf(src + len, cap - len, "lambda a%d: ", i);
    len += (size_t)snprintf(src + len, cap - len, "a0\n");
    char *out = render(src, len, 0);
    CHECK(out != NULL);
    mi_free(out);

    len = 0;
    for (int i = 0; i < DEPTH && len + 64 < cap; i++)
        len += (size_t)snprintf(src + len, cap - len, "%*sdef f%d():\n", i, "", i);
    len += (size_t)snprintf(src + len, cap - len, "%*spass\n", DEPTH, "");
    out = render(src, len, 0);
    CHECK(out != NULL);
    mi_free(out);
    mi_free(src);
}

typedef struct {
    pthread_barrier_t *start;
    const FtAstMod *mod;
    char *dump;
} BuildThread;

static void *
build_thread_main(void *arg)
{
    BuildThread *t = arg;
    pthread_barrier_wait(t->start);
    for (int i = 0; i < 20; i++) {
        FtSyntaxError err = {0};
        FtSymtable *st = ft_symtable_build(t->mod, &err);
        FtAstBuf buf = {0};
        if (st != NULL && ft_symtable_dump(&buf, st) == 0) {
            mi_free(t->dump);
            t->dump = buf.data;
        }
        else {
            ft_ast_buf_free(&buf);
        }
        ft_symtable_free(st);
        ft_syntax_error_clear(&err);
    }
    return NULL;
}

TEST(two_threads_share_one_tree)
{
    const char *src = "class C[T]:\n    x: T\n    def m(self):\n        return [super() for _ in"
                      " self]\n\ndef f(a):\n    def g():\n        nonlocal a\n        a = 2\n"
                      "    return g\n";
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstMod *mod = ft_parse_string(src, strlen(src), FT_PARSE_FILE, arena, &err);
    CHECK(mod != NULL);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, 2);
    BuildThread t[2] = {{&start, mod, NULL}, {&start, mod, NULL}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, build_thread_main, &t[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    int same = t[0].dump != NULL && t[1].dump != NULL && strcmp(t[0].dump, t[1].dump) == 0;
    int has_class = contains(t[0].dump, "symbol __class__ FREE USE");
    mi_free(t[0].dump);
    mi_free(t[1].dump);
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    CHECK(same);
    CHECK(has_class);
}

// Builds the symtable of `x = 1+1+...` (terms additions); returns its error kind (NONE when built)
// and copies the message to msg.
static FtSyntaxErrorKind
symtable_of_chain(int terms, char *msg, size_t cap)
{
    char *src = mi_malloc(8 + 2 * (size_t)terms);
    FtArena *arena = ft_arena_new();
    FtSyntaxErrorKind kind = FT_SYNTAX_MEMORY_ERROR;
    msg[0] = '\0';
    if (src != NULL && arena != NULL) {
        size_t n = 0;
        memcpy(src, "x = 1", 5);
        for (n = 5; n < 5 + 2 * (size_t)terms; n += 2)
            memcpy(src + n, "+1", 2);
        src[n] = '\n';
        FtSyntaxError err = {0};
        FtAstMod *mod = ft_parse_file(src, n + 1, FT_PARSE_FILE, arena, &err);
        FtSymtable *st = mod != NULL ? ft_symtable_build(mod, &err) : NULL;
        kind = err.kind;
        snprintf(msg, cap, "%s", err.msg != NULL ? err.msg : "");
        ft_symtable_free(st);
        ft_syntax_error_clear(&err);
    }
    if (arena != NULL)
        ft_arena_free(arena);
    mi_free(src);
    return kind;
}

// A tree deeper than FT_SYMTABLE_MAX_DEPTH gives CPython's RecursionError, not a crash; the kB
// figure depends on the build and is not compared.
TEST(symtable_depth_limit)
{
    char msg[128];
    CHECK_EQ_INT(symtable_of_chain(FT_SYMTABLE_MAX_DEPTH - 10, msg, sizeof msg), FT_SYNTAX_NONE);
    CHECK_EQ_INT(symtable_of_chain(FT_SYMTABLE_MAX_DEPTH, msg, sizeof msg),
                 FT_SYNTAX_RECURSION_ERROR);
    CHECK(strncmp(msg, "Stack overflow (used ", 21) == 0);
    CHECK(strstr(msg, " kB) during compilation") != NULL);
    CHECK_EQ_INT(symtable_of_chain(200000, msg, sizeof msg), FT_SYNTAX_RECURSION_ERROR);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/compiler/test_syntax_errors.c: the parser's SyntaxErrors against CPython 3.14's.
//
// tests/compiler/errors/NAME.py are small invalid programs; expected.txt (written by
// scripts/regen_error_golden.sh from the oracle) holds `NAME.py: CLASS: MSG (LINE, OFFSET,
// END_LINE, END_OFFSET)` for each. Class, message, line and offset must match for every file.
// End positions must match too: any mismatch is printed, and their number may not exceed
// FT_KNOWN_END_MISMATCHES (now 0). Also: the same files parsed on two threads at once.
#include <mimalloc.h>               // mi_malloc, mi_free
#include <pthread.h>                // pthread_create, pthread_barrier_t
#include <stdio.h>                  // snprintf, fopen
#include <string.h>                 // strcmp, strlen, strrchr

#include "compiler/arena.h"         // ft_arena_new, ft_arena_free
#include "compiler/parser.h"        // ft_parse_file
#include "compiler/syntax_error.h"  // FtSyntaxError
#include "harness.h"                // TEST, CHECK

// End-position mismatches still allowed: none since NEWLINE tokens span their character.
#define FT_KNOWN_END_MISMATCHES 0

#define MAX_CASES 512

typedef struct {
    char *name[MAX_CASES];
    char *source[MAX_CASES];
    size_t source_len[MAX_CASES];
    char *expected[MAX_CASES];   // "CLASS: MSG (L, O, EL, EO)"
    int count;
} Cases;

static char *
read_file(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = n >= 0 ? mi_malloc((size_t)n + 1) : NULL;
    if (data != NULL) {
        size_t got = fread(data, 1, (size_t)n, f);
        data[got] = '\0';
        *len_out = got;
    }
    fclose(f);
    return data;
}

static char *
copy_string(const char *s, size_t n)
{
    char *out = mi_malloc(n + 1);
    if (out != NULL) {
        memcpy(out, s, n);
        out[n] = '\0';
    }
    return out;
}

// The case directory, found from this file's path (CMake compiles it by absolute path).
static void
cases_dir(char *out, size_t cap)
{
    snprintf(out, cap, "%s", __FILE__);
    char *cut = strstr(out, "tests/unit/compiler/");
    if (cut != NULL)
        snprintf(cut, cap - (size_t)(cut - out), "tests/compiler/errors");
}

static void
load_cases(Cases *c)
{
    char dir[1024], path[1400];
    size_t len = 0;
    c->count = 0;
    cases_dir(dir, sizeof dir);
    snprintf(path, sizeof path, "%s/expected.txt", dir);
    char *text = read_file(path, &len);
    if (text == NULL)
        return;
    char *line = text;
    while (*line != '\0' && c->count < MAX_CASES) {
        char *end = strchr(line, '\n');
        size_t n = end ? (size_t)(end - line) : strlen(line);
        char *sep = memchr(line, ':', n);
        if (sep != NULL && sep + 2 <= line + n) {
            int i = c->count;
            c->name[i] = copy_string(line, (size_t)(sep - line));
            c->expected[i] = copy_string(sep + 2, n - (size_t)(sep + 2 - line));
            snprintf(path, sizeof path, "%s/%s", dir, c->name[i]);
            c->source[i] = read_file(path, &c->source_len[i]);
            if (c->source[i] != NULL)
                c->count++;
            else {
                mi_free(c->name[i]);
                mi_free(c->expected[i]);
            }
        }
        line = end ? end + 1 : line + n;
    }
    mi_free(text);
}

static void
free_cases(Cases *c)
{
    for (int i = 0; i < c->count; i++) {
        mi_free(c->name[i]);
        mi_free(c->source[i]);
        mi_free(c->expected[i]);
    }
    c->count = 0;
}

// The error line build/ftpy-ast prints (without the newline), or "accepted". Caller frees.
static char *
render_error(const char *src, size_t len)
{
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    char buf[1024];
    FtAstMod *mod = ft_parse_file(src, len, FT_PARSE_FILE, arena, &err);
    if (mod != NULL) {
        snprintf(buf, sizeof buf, "accepted");
    } else {
        char end_line[16] = "None", end_off[16] = "None";
        if (err.end_lineno != 0) {
            snprintf(end_line, sizeof end_line, "%d", err.end_lineno);
            snprintf(end_off, sizeof end_off, "%d", err.end_offset);
        }
        snprintf(buf, sizeof buf, "%s: %s (%d, %d, %s, %s)", ft_syntax_error_class_name(err.kind),
                 err.msg ? err.msg : "", err.lineno, err.offset, end_line, end_off);
    }
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    return copy_string(buf, strlen(buf));
}

// Length of "CLASS: MSG (LINE, OFFSET" in an error line: up to the second ", " after the last '('.
static size_t
start_part_len(const char *line)
{
    const char *open = strrchr(line, '(');
    if (open == NULL)
        return strlen(line);
    const char *comma = strstr(open, ", ");
    comma = comma ? strstr(comma + 2, ", ") : NULL;
    return comma ? (size_t)(comma - line) : strlen(line);
}

TEST(errors_match_cpython)
{
    Cases c;
    load_cases(&c);
    CHECK(c.count >= 150);
    int start_mismatches = 0, end_mismatches = 0;
    for (int i = 0; i < c.count; i++) {
        char *got = render_error(c.source[i], c.source_len[i]);
        CHECK(got != NULL);
        if (got == NULL)
            continue;
        size_t n = start_part_len(c.expected[i]);
        if (strncmp(got, c.expected[i], n) != 0 || start_part_len(got) != n) {
            start_mismatches++;
            printf("  %s:\n    expected %s\n    got      %s\n", c.name[i], c.expected[i], got);
        } else if (strcmp(got, c.expected[i]) != 0) {
            end_mismatches++;
            printf("  (end position) %s: expected %s, got %s\n", c.name[i], c.expected[i], got);
        }
        mi_free(got);
    }
    printf("  %d files: %d differ in class/msg/line/offset, %d only in end position\n", c.count,
           start_mismatches, end_mismatches);
    free_cases(&c);
    CHECK_EQ_INT(start_mismatches, 0);
    CHECK(end_mismatches <= FT_KNOWN_END_MISMATCHES);
}

typedef struct {
    Cases *cases;
    char **first;                // results of the single-threaded run, per case
    pthread_barrier_t *start;
    int differences;
} ErrThread;

static void *
err_thread_main(void *arg)
{
    ErrThread *t = arg;
    pthread_barrier_wait(t->start);
    for (int round = 0; round < 2; round++) {
        for (int i = 0; i < t->cases->count; i++) {
            char *out = render_error(t->cases->source[i], t->cases->source_len[i]);
            if (out == NULL || t->first[i] == NULL || strcmp(out, t->first[i]) != 0)
                t->differences++;
            mi_free(out);
        }
    }
    return NULL;
}

TEST(errors_on_two_threads_at_once)
{
    Cases c;
    load_cases(&c);
    CHECK(c.count > 0);
    static char *first[MAX_CASES];
    for (int i = 0; i < c.count; i++)
        first[i] = render_error(c.source[i], c.source_len[i]);
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, 2);
    ErrThread t[2] = {{&c, first, &start, 0}, {&c, first, &start, 0}};
    pthread_t th[2];
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, err_thread_main, &t[i]);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < c.count; i++)
        mi_free(first[i]);
    free_cases(&c);
    CHECK_EQ_INT(t[0].differences + t[1].differences, 0);
}

int
main(void)
{
    return ft_test_run_all();
}

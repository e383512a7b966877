// tests/unit/objects/numeric_test_io.h: reading numeric_expected/*.txt (written by
// objects/gen/gen_numeric_tests.py from CPython 3.14) for test_bigint.c, test_float_format.c and
// test_format_spec.c. Header-only, static helpers; each test executable includes it once.
//
// A case is one line of tab-separated fields, the operation first. Integers are signed hex,
// doubles the 16 hex digits of their bits, "h:<hex>" a UTF-8 string in hex, "!Kind" then a message
// an expected error. Lines starting with '#' are comments.
#ifndef FT_TESTS_NUMERIC_TEST_IO_H
#define FT_TESTS_NUMERIC_TEST_IO_H

#include <stdint.h>   // uint64_t
#include <stdio.h>    // FILE fopen getline printf
#include <stdlib.h>   // free malloc strtoull
#include <string.h>   // strcmp strrchr strlen memcpy

#include "objects/bigint.h"        // FtBigInt ft_bigint_from_string ft_bigint_to_string
#include "objects/format_spec.h"   // FtNumError ft_format_free

enum { NUMERIC_MAX_FIELDS = 16, NUMERIC_MAX_REPORTS = 12 };

typedef struct NumericCase {
    char *fields[NUMERIC_MAX_FIELDS];
    int n;
    long line;
} NumericCase;

// Calls handler for every case whose operation is one of ops (NULL-terminated); the handler
// returns 1 if the case passed. Returns the number of failures (a missing file is one failure),
// and reports the first few with their line numbers. *count receives the number of cases run.
static inline int
numeric_run_cases(const char *file, const char *const *ops, int (*handler)(NumericCase *c),
                  long *count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "numeric_expected/%s", file);
    FILE *f = fopen(path, "r");
    *count = 0;
    if (!f) {
        printf("  cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    ssize_t got;
    long lineno = 0;
    int failures = 0;
    while ((got = getline(&line, &cap, f)) >= 0) {
        lineno++;
        if (got == 0 || line[0] == '#')
            continue;
        line[strcspn(line, "\n")] = '\0';
        NumericCase c = {.n = 0, .line = lineno};
        c.fields[c.n++] = line;
        for (char *p = line; *p && c.n < NUMERIC_MAX_FIELDS; p++)
            if (*p == '\t') {
                *p = '\0';
                c.fields[c.n++] = p + 1;
            }
        int wanted = 0;
        for (const char *const *op = ops; *op; op++)
            if (strcmp(c.fields[0], *op) == 0)
                wanted = 1;
        if (!wanted)
            continue;
        (*count)++;
        if (!handler(&c)) {
            if (failures < NUMERIC_MAX_REPORTS) {
                printf("  %s:%ld: case failed:", file, lineno);
                for (int i = 0; i < c.n; i++)
                    printf(" [%.120s]", c.fields[i]);
                printf("\n");
            }
            failures++;
        }
    }
    free(line);
    fclose(f);
    if (failures)
        printf("  %s: %d of %ld cases failed\n", file, failures, *count);
    return failures;
}

// Decodes a string field ("h:<hex>" or plain) into a malloc'd NUL-terminated buffer.
static inline char *
numeric_text(const char *field, size_t *len)
{
    if (strncmp(field, "h:", 2) != 0) {
        *len = strlen(field);
        char *s = malloc(*len + 1);
        memcpy(s, field, *len + 1);
        return s;
    }
    const char *hex = field + 2;
    size_t n = strlen(hex) / 2;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        char byte[3] = {hex[2 * i], hex[2 * i + 1], '\0'};
        s[i] = (char)strtoul(byte, NULL, 16);
    }
    s[n] = '\0';
    *len = n;
    return s;
}

static inline int
numeric_text_equals(const char *field, const char *s)
{
    size_t len;
    char *want = numeric_text(field, &len);
    int eq = strlen(s) == len && memcmp(want, s, len) == 0;
    if (!eq)
        printf("    got [%s] want [%s]\n", s, want);
    free(want);
    return eq;
}

// Whether s[0..n) equals the string field (which may hold NUL bytes when hex-encoded).
static inline int
numeric_bytes_equal(const char *field, const char *s, size_t n)
{
    size_t len;
    char *want = numeric_text(field, &len);
    int eq = len == n && memcmp(want, s, n) == 0;
    if (!eq)
        printf("    got [%.*s] (%zu bytes) want [%s] (%zu bytes)\n", (int)n, s, n, want, len);
    free(want);
    return eq;
}

static inline double
numeric_double(const char *field)
{
    uint64_t bits = strtoull(field, NULL, 16);
    double d;
    memcpy(&d, &bits, sizeof d);
    return d;
}

static inline int
numeric_double_equals(double got, const char *field)
{
    double want = numeric_double(field);
    uint64_t a, b;
    memcpy(&a, &got, sizeof a);
    memcpy(&b, &want, sizeof b);
    if (a == b || (got != got && want != want))
        return 1;
    printf("    got %a (%016llx) want %a (%s)\n", got, (unsigned long long)a, want, field);
    return 0;
}

static inline void
numeric_int(const char *field, FtBigInt *out)
{
    FtNumError err;
    if (ft_bigint_from_string(out, field, strlen(field), 16, 0, &err) < 0) {
        printf("    bad integer field [%.60s]: %s\n", field, err.message);
        ft_bigint_from_int64(out, 0);
    }
}

static inline int
numeric_int_equals(const FtBigInt *x, const char *field)
{
    char *s;
    FtNumError err;
    if (ft_bigint_to_string(x, 16, 0, 0, &s, NULL, &err) < 0)
        return 0;
    int eq = strcmp(s, field) == 0;
    if (!eq)
        printf("    got %.100s want %.100s\n", s, field);
    ft_format_free(s);
    return eq;
}

static inline const char *
numeric_kind_name(FtNumErrorKind kind)
{
    switch (kind) {
    case FT_NUM_ERROR_VALUE: return "!ValueError";
    case FT_NUM_ERROR_OVERFLOW: return "!OverflowError";
    case FT_NUM_ERROR_ZERO_DIVISION: return "!ZeroDivisionError";
    case FT_NUM_ERROR_MEMORY: return "!MemoryError";
    default: return "!none";
    }
}

// Whether the case expects an error at field index i (then fields i and i+1 hold kind and text).
static inline int
numeric_expects_error(const NumericCase *c, int i)
{
    return i < c->n && c->fields[i][0] == '!';
}

static inline int
numeric_error_equals(const NumericCase *c, int i, const FtNumError *err)
{
    if (strcmp(numeric_kind_name(err->kind), c->fields[i]) != 0) {
        printf("    got %s (%s) want %s\n", numeric_kind_name(err->kind), err->message,
               c->fields[i]);
        return 0;
    }
    if (i + 1 >= c->n)
        return err->message[0] == '\0';
    return numeric_text_equals(c->fields[i + 1], err->message);
}

#endif // FT_TESTS_NUMERIC_TEST_IO_H

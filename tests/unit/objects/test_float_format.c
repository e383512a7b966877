// tests/unit/objects/test_float_format.c: objects/float_format.c against the oracle.
//
// numeric_expected/float.txt (objects/gen/gen_numeric_tests.py, CPython 3.14) holds ~35,000
// cases: repr, hex, as_integer_ratio, hash, fromhex and float() of random doubles (fixed seed) and
// edge values (signed zeros, subnormals, powers of two, inf, nan), round() at many ndigits,
// format() under ~95 specs, and the error paths of float(), fromhex and format.
#include <math.h>      // isnan
#include <pthread.h>   // pthread_create pthread_join pthread_barrier_t
#include <string.h>    // strcmp

#include "harness.h"
#include "numeric_test_io.h"
#include "objects/float_format.h"

static int
float_case(NumericCase *c)
{
    const char *op = c->fields[0];
    FtNumError err = {0};
    if (strcmp(op, "repr") == 0 || strcmp(op, "hex") == 0) {
        char buf[FT_FLOAT_REPR_MAX];
        double x = numeric_double(c->fields[1]);
        size_t n = op[0] == 'r' ? ft_float_repr(x, buf, sizeof buf) : ft_float_hex(x, buf, sizeof buf);
        return n == strlen(buf) && numeric_text_equals(c->fields[2], buf);
    }
    if (strcmp(op, "ratio") == 0) {
        FtBigInt num, den;
        int rc = ft_float_as_integer_ratio(numeric_double(c->fields[1]), &num, &den, &err);
        int ok = numeric_expects_error(c, 2)
                     ? rc < 0 && numeric_error_equals(c, 2, &err)
                     : rc == 0 && numeric_int_equals(&num, c->fields[2]) &&
                           numeric_int_equals(&den, c->fields[3]);
        ft_bigint_clear(&num);
        ft_bigint_clear(&den);
        return ok;
    }
    if (strcmp(op, "hash") == 0) {
        int is_nan;
        int64_t h = ft_float_hash(numeric_double(c->fields[1]), &is_nan);
        return !is_nan && h == strtoll(c->fields[2], NULL, 10);
    }
    if (strcmp(op, "fromhex") == 0 || strcmp(op, "fromstr") == 0) {
        size_t len;
        char *text = numeric_text(c->fields[1], &len);
        double d = 0;
        int rc = op[4] == 'h' ? ft_float_fromhex(text, len, &d, &err)
                              : ft_float_from_string(text, len, &d, &err);
        free(text);
        if (numeric_expects_error(c, 2))
            return rc < 0 && numeric_error_equals(c, 2, &err);
        if (rc < 0)
            printf("    unexpected error: %s\n", err.message);
        return rc == 0 && numeric_double_equals(d, c->fields[2]);
    }
    if (strcmp(op, "round") == 0) {
        double d = 0;
        int rc = ft_float_round(numeric_double(c->fields[1]), strtoll(c->fields[2], NULL, 10), &d,
                                &err);
        if (numeric_expects_error(c, 3))
            return rc < 0 && numeric_error_equals(c, 3, &err);
        return rc == 0 && numeric_double_equals(d, c->fields[3]);
    }
    if (strcmp(op, "format") == 0) {
        size_t len;
        char *spec = numeric_text(c->fields[2], &len);
        size_t n = 0;
        char *s = ft_float_format(numeric_double(c->fields[1]), spec, len, &n, &err);
        free(spec);
        int ok;
        if (numeric_expects_error(c, 3))
            ok = s == NULL && numeric_error_equals(c, 3, &err);
        else if (!s)
            ok = (printf("    unexpected error: %s\n", err.message), 0);
        else
            ok = numeric_bytes_equal(c->fields[3], s, n);
        ft_format_free(s);
        return ok;
    }
    return 0;
}

static void
run(const char *const *ops)
{
    long count;
    int failures = numeric_run_cases("float.txt", ops, float_case, &count);
    printf("  %ld cases\n", count);
    CHECK(count > 0);
    CHECK_EQ_INT(failures, 0);
}

TEST(repr_matches_oracle)
{
    static const char *const ops[] = {"repr", NULL};
    run(ops);
}

TEST(hex_ratio_and_hash_match_oracle)
{
    static const char *const ops[] = {"hex", "ratio", "hash", NULL};
    run(ops);
}

TEST(parsing_matches_oracle)
{
    static const char *const ops[] = {"fromhex", "fromstr", NULL};
    run(ops);
}

TEST(round_matches_oracle)
{
    static const char *const ops[] = {"round", NULL};
    run(ops);
}

TEST(format_matches_oracle)
{
    static const char *const ops[] = {"format", NULL};
    run(ops);
}

TEST(nan_hash_is_left_to_the_caller)
{
    int is_nan = 0;
    ft_float_hash(NAN, &is_nan);
    CHECK_EQ_INT(is_nan, 1);
    CHECK_EQ_INT(ft_float_hash(-1.0, &is_nan), -2);
    CHECK_EQ_INT(is_nan, 0);
}

TEST(huge_precision_is_refused_as_cpython_does)
{
    FtNumError err;
    CHECK(ft_float_format(1.5, ".2147482624f", 12, NULL, &err) == NULL);
    CHECK(strcmp(err.message, "precision too big") == 0);
    CHECK(ft_float_format(INFINITY, ".2147483647e", 12, NULL, &err) == NULL);
    CHECK(strcmp(err.message, "precision too big") == 0);
    char *s = ft_float_format(1.5, ".300f", 5, NULL, &err);   // long but fine
    CHECK(s != NULL);
    CHECK(strlen(s) == 302);
    ft_format_free(s);
}

TEST(repr_round_trips_every_binade_edge)
{
    // The largest and smallest double of every binade read back from their repr.
    for (int e = -1074; e < 1024; e++) {
        double lo = ldexp(1.0, e);
        double hi = nextafter(lo, 0.0);
        char buf[FT_FLOAT_REPR_MAX];
        double back = 0;
        FtNumError err;
        ft_float_repr(lo, buf, sizeof buf);
        CHECK_EQ_INT(ft_float_from_string(buf, strlen(buf), &back, &err), 0);
        CHECK(back == lo);
        ft_float_repr(hi, buf, sizeof buf);
        CHECK_EQ_INT(ft_float_from_string(buf, strlen(buf), &back, &err), 0);
        CHECK(back == hi);
    }
}

TEST(random_bytes_never_crash)
{
    // Deterministic garbage (xorshift), biased towards the characters the parsers care about.
    static const char alphabet[] = "0123456789abcdefxXpPeE+-._ \t\n,z#%<>=^infaINFAN\xc3\xa9\x80\xff";
    uint64_t state = 0x9E3779B97F4A7C15u;
    char text[40];
    for (int round = 0; round < 20000; round++) {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        size_t len = state % sizeof text;
        for (size_t i = 0; i < len; i++) {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            text[i] = alphabet[state % (sizeof alphabet - 1)];
        }
        FtNumError err;
        double d;
        (void)ft_float_from_string(text, len, &d, &err);
        (void)ft_float_fromhex(text, len, &d, &err);
        char *s = ft_float_format(-12.5, text, len, NULL, &err);
        ft_format_free(s);
        FtBigInt v;
        if (ft_bigint_from_string(&v, text, len, (int)(state % 38), 4300, &err) == 0)
            ft_bigint_clear(&v);
    }
}

enum { THREADS = 4, ROUNDS = 2000 };

static pthread_barrier_t start;
static int failures[THREADS];
static int indices[THREADS];

static void *
worker(void *arg)
{
    int me = *(int *)arg;
    pthread_barrier_wait(&start);
    for (int i = 0; i < ROUNDS; i++) {
        double x = (me * ROUNDS + i) * 0.37 - 1234.5;
        char buf[FT_FLOAT_REPR_MAX];
        double back = 0, r = 0;
        ft_float_repr(x, buf, sizeof buf);
        if (ft_float_from_string(buf, strlen(buf), &back, NULL) < 0 || back != x)
            failures[me]++;
        if (ft_float_round(x, 2, &r, NULL) < 0)
            failures[me]++;
        char *s = ft_float_format(x, ",.3f", 4, NULL, NULL);
        if (!s)
            failures[me]++;
        ft_format_free(s);
    }
    return NULL;
}

TEST(threads_format_concurrently)
{
    CHECK_EQ_INT(pthread_barrier_init(&start, NULL, THREADS), 0);
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) {
        indices[t] = t;
        CHECK_EQ_INT(pthread_create(&threads[t], NULL, worker, &indices[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    pthread_barrier_destroy(&start);
    for (int t = 0; t < THREADS; t++)
        CHECK_EQ_INT(failures[t], 0);
}

int
main(void)
{
    return ft_test_run_all();
}

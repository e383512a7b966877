// tests/unit/objects/test_bigint.c: objects/bigint.c against the oracle.
//
// numeric_expected/bigint.txt (objects/gen/gen_numeric_tests.py, CPython 3.14) holds ~34,000
// cases: random values up to a few hundred bits with a fixed seed, int64/double edges, every error
// path (division by zero, shifts, pow, int(str) syntax and the digit limit, to_bytes overflow), and
// format(int, spec) under ~75 specs.
// The other tests check representation invariants and that threads share values safely.
#include <math.h>      // HUGE_VAL signbit
#include <pthread.h>   // pthread_create pthread_join pthread_barrier_t
#include <stdint.h>    // int64_t
#include <string.h>    // strcmp strtol

#include "harness.h"
#include "numeric_test_io.h"
#include "objects/bigint.h"

static int
check_value_or_error(NumericCase *c, int i, int rc, const FtBigInt *r, const FtNumError *err)
{
    if (numeric_expects_error(c, i))
        return rc < 0 && numeric_error_equals(c, i, err);
    if (rc < 0) {
        printf("    unexpected error: %s\n", err->message);
        return 0;
    }
    return numeric_int_equals(r, c->fields[i]);
}

static int
binary_case(NumericCase *c)
{
    FtBigInt a, b, r = {0, NULL}, r2 = {0, NULL};
    FtNumError err = {0};
    numeric_int(c->fields[1], &a);
    numeric_int(c->fields[2], &b);
    const char *op = c->fields[0];
    int rc = 0, ok;
    if (strcmp(op, "add") == 0)
        rc = ft_bigint_add(&r, &a, &b, &err);
    else if (strcmp(op, "sub") == 0)
        rc = ft_bigint_sub(&r, &a, &b, &err);
    else if (strcmp(op, "mul") == 0)
        rc = ft_bigint_mul(&r, &a, &b, &err);
    else if (strcmp(op, "floordiv") == 0)
        rc = ft_bigint_floordiv(&r, &a, &b, &err);
    else if (strcmp(op, "mod") == 0)
        rc = ft_bigint_mod(&r, &a, &b, &err);
    else if (strcmp(op, "and") == 0)
        ft_bigint_and(&r, &a, &b);
    else if (strcmp(op, "or") == 0)
        ft_bigint_or(&r, &a, &b);
    else if (strcmp(op, "xor") == 0)
        ft_bigint_xor(&r, &a, &b);
    else if (strcmp(op, "lshift") == 0)
        rc = ft_bigint_lshift(&r, &a, &b, &err);
    else if (strcmp(op, "rshift") == 0)
        rc = ft_bigint_rshift(&r, &a, &b, &err);
    if (strcmp(op, "divmod") == 0) {
        rc = ft_bigint_divmod(&r, &r2, &a, &b, &err);
        ok = numeric_expects_error(c, 3) ? rc < 0 && numeric_error_equals(c, 3, &err)
                                         : rc == 0 && numeric_int_equals(&r, c->fields[3]) &&
                                               numeric_int_equals(&r2, c->fields[4]);
    } else if (strcmp(op, "truediv") == 0) {
        double d = 0;
        rc = ft_bigint_truediv(&a, &b, &d, &err);
        ok = numeric_expects_error(c, 3) ? rc < 0 && numeric_error_equals(c, 3, &err)
                                         : rc == 0 && numeric_double_equals(d, c->fields[3]);
    } else if (strcmp(op, "cmp") == 0) {
        ok = ft_bigint_compare(&a, &b) == (int)strtol(c->fields[3], NULL, 10) &&
             ft_bigint_compare(&b, &a) == -(int)strtol(c->fields[3], NULL, 10);
    } else {
        ok = check_value_or_error(c, 3, rc, &r, &err);
    }
    ft_bigint_clear(&a);
    ft_bigint_clear(&b);
    ft_bigint_clear(&r);
    ft_bigint_clear(&r2);
    return ok;
}

static int
pow_case(NumericCase *c)
{
    FtBigInt a, b, m, r;
    FtNumError err = {0};
    numeric_int(c->fields[1], &a);
    numeric_int(c->fields[2], &b);
    int ok;
    if (strcmp(c->fields[0], "pow") == 0) {
        int rc = ft_bigint_pow(&r, &a, &b, NULL, &err);
        if (strcmp(c->fields[3], "FLOAT") == 0)
            ok = rc == 1;
        else
            ok = rc == 0 && numeric_int_equals(&r, c->fields[3]);
    } else {
        numeric_int(c->fields[3], &m);
        int rc = ft_bigint_pow(&r, &a, &b, &m, &err);
        ok = check_value_or_error(c, 4, rc, &r, &err);
        ft_bigint_clear(&m);
    }
    ft_bigint_clear(&a);
    ft_bigint_clear(&b);
    ft_bigint_clear(&r);
    return ok;
}

static int
unary_case(NumericCase *c)
{
    FtBigInt a, r = {0, NULL};
    FtNumError err = {0};
    numeric_int(c->fields[1], &a);
    const char *op = c->fields[0];
    int ok = 0;
    if (strcmp(op, "neg") == 0 || strcmp(op, "abs") == 0 || strcmp(op, "invert") == 0) {
        if (op[0] == 'n')
            ft_bigint_neg(&r, &a);
        else if (op[0] == 'a')
            ft_bigint_abs(&r, &a);
        else
            ft_bigint_invert(&r, &a);
        ok = numeric_int_equals(&r, c->fields[2]);
    } else if (strcmp(op, "bit_length") == 0) {
        ok = ft_bigint_bit_length(&a) == strtoull(c->fields[2], NULL, 10);
    } else if (strcmp(op, "bit_count") == 0) {
        ok = ft_bigint_bit_count(&a) == strtoull(c->fields[2], NULL, 10);
    } else if (strcmp(op, "hash") == 0) {
        ok = ft_bigint_hash(&a) == strtoll(c->fields[2], NULL, 10);
    } else if (strcmp(op, "to_double") == 0) {
        double d = 0;
        int rc = ft_bigint_to_double(&a, &d, &err);
        ok = numeric_expects_error(c, 2) ? rc < 0 && numeric_error_equals(c, 2, &err)
                                         : rc == 0 && numeric_double_equals(d, c->fields[2]);
    } else if (strcmp(op, "str") == 0) {
        char *s = NULL;
        size_t len = 0;
        int64_t limit = strtoll(c->fields[2], NULL, 10);
        int rc = ft_bigint_to_string(&a, 10, 0, limit, &s, &len, &err);
        if (numeric_expects_error(c, 3))
            ok = rc < 0 && numeric_error_equals(c, 3, &err);
        else if (rc == 0 && strncmp(c->fields[3], "len:", 4) == 0)
            ok = len == strtoull(c->fields[3] + 4, NULL, 10);
        else
            ok = rc == 0 && numeric_text_equals(c->fields[3], s);
        ft_format_free(s);
    } else {
        int base = op[0] == 'b' ? 2 : op[0] == 'o' ? 8 : 16;
        char *s = NULL;
        int rc = ft_bigint_to_string(&a, base, 1, 0, &s, NULL, &err);
        ok = rc == 0 && numeric_text_equals(c->fields[2], s);
        ft_format_free(s);
    }
    ft_bigint_clear(&a);
    ft_bigint_clear(&r);
    return ok;
}

static int
conversion_case(NumericCase *c)
{
    FtBigInt r = {0, NULL};
    FtNumError err = {0};
    int ok = 0;
    if (strcmp(c->fields[0], "from_double") == 0) {
        int rc = ft_bigint_from_double(&r, numeric_double(c->fields[1]), &err);
        ok = check_value_or_error(c, 2, rc, &r, &err);
    } else if (strcmp(c->fields[0], "from_string") == 0) {
        size_t len;
        char *text = numeric_text(c->fields[1], &len);
        int base = (int)strtol(c->fields[2], NULL, 10);
        int64_t limit = strtoll(c->fields[3], NULL, 10);
        int rc = ft_bigint_from_string(&r, text, len, base, limit, &err);
        ok = check_value_or_error(c, 4, rc, &r, &err);
        free(text);
    }
    ft_bigint_clear(&r);
    return ok;
}

static int
format_case(NumericCase *c)
{
    FtBigInt a;
    FtNumError err = {0};
    numeric_int(c->fields[1], &a);
    size_t len;
    char *spec = numeric_text(c->fields[2], &len);
    size_t n = 0;
    char *s = ft_bigint_format(&a, spec, len, strtoll(c->fields[3], NULL, 10), &n, &err);
    free(spec);
    ft_bigint_clear(&a);
    int ok;
    if (numeric_expects_error(c, 4))
        ok = s == NULL && numeric_error_equals(c, 4, &err);
    else if (!s)
        ok = (printf("    unexpected error: %s\n", err.message), 0);
    else if (strncmp(c->fields[4], "len:", 4) == 0)
        ok = n == strtoull(c->fields[4] + 4, NULL, 10);
    else
        ok = numeric_bytes_equal(c->fields[4], s, n);
    ft_format_free(s);
    return ok;
}

static int
bytes_case(NumericCase *c)
{
    FtNumError err = {0};
    int ok;
    if (strcmp(c->fields[0], "to_bytes") == 0) {
        FtBigInt a;
        numeric_int(c->fields[1], &a);
        size_t length = strtoull(c->fields[2], NULL, 10);
        int big = strcmp(c->fields[3], "big") == 0;
        int is_signed = c->fields[4][0] == '1';
        unsigned char buf[64];
        int rc = ft_bigint_to_bytes(&a, buf, length, big, is_signed, &err);
        if (numeric_expects_error(c, 5)) {
            ok = rc < 0 && numeric_error_equals(c, 5, &err);
        } else {
            char hex[160] = "-";
            for (size_t i = 0; i < length; i++)
                snprintf(hex + 2 * i, 3, "%02x", buf[i]);
            ok = rc == 0 && strcmp(hex, c->fields[5]) == 0;
        }
        ft_bigint_clear(&a);
        return ok;
    }
    unsigned char buf[64];
    size_t n = 0;
    const char *hex = c->fields[1];
    if (strcmp(hex, "-") != 0)
        for (; hex[2 * n]; n++) {
            char byte[3] = {hex[2 * n], hex[2 * n + 1], '\0'};
            buf[n] = (unsigned char)strtoul(byte, NULL, 16);
        }
    FtBigInt r;
    ft_bigint_from_bytes(&r, buf, n, strcmp(c->fields[2], "big") == 0, c->fields[3][0] == '1');
    ok = numeric_int_equals(&r, c->fields[4]);
    ft_bigint_clear(&r);
    return ok;
}

static void
run(const char *const *ops, int (*handler)(NumericCase *c))
{
    long count;
    int failures = numeric_run_cases("bigint.txt", ops, handler, &count);
    printf("  %ld cases\n", count);
    CHECK(count > 0);
    CHECK_EQ_INT(failures, 0);
}

TEST(arithmetic_matches_oracle)
{
    static const char *const ops[] = {"add", "sub", "mul", "floordiv", "mod", "divmod", "cmp", NULL};
    run(ops, binary_case);
}

TEST(truediv_matches_oracle)
{
    static const char *const ops[] = {"truediv", NULL};
    run(ops, binary_case);
}

TEST(bitwise_and_shifts_match_oracle)
{
    static const char *const ops[] = {"and", "or", "xor", "lshift", "rshift", NULL};
    run(ops, binary_case);
}

TEST(pow_matches_oracle)
{
    static const char *const ops[] = {"pow", "powmod", NULL};
    run(ops, pow_case);
}

TEST(unary_hash_and_printing_match_oracle)
{
    static const char *const ops[] = {"neg", "abs", "invert", "bit_length", "bit_count", "hash",
                                      "to_double", "str", "bin", "oct", "hex", NULL};
    run(ops, unary_case);
}

TEST(parsing_and_from_double_match_oracle)
{
    static const char *const ops[] = {"from_double", "from_string", NULL};
    run(ops, conversion_case);
}

TEST(format_matches_oracle)
{
    static const char *const ops[] = {"iformat", NULL};
    run(ops, format_case);
}

TEST(bytes_match_oracle)
{
    static const char *const ops[] = {"to_bytes", "from_bytes", NULL};
    run(ops, bytes_case);
}

TEST(representation_is_canonical)
{
    // INT64_MAX + 1 - 1 must come back to the inline form, so equal values compare field-equal.
    FtBigInt max, one, big, back;
    ft_bigint_from_int64(&max, INT64_MAX);
    ft_bigint_from_int64(&one, 1);
    CHECK_EQ_INT(ft_bigint_add(&big, &max, &one, NULL), 0);
    CHECK(big.big != NULL);
    CHECK_EQ_INT(ft_bigint_sub(&back, &big, &one, NULL), 0);
    CHECK(back.big == NULL);
    CHECK(back.small == INT64_MAX);
    int64_t v = 0;
    CHECK_EQ_INT(ft_bigint_to_int64(&big, &v), 0);
    CHECK_EQ_INT(ft_bigint_to_int64(&back, &v), 1);
    FtBigInt min, neg;
    ft_bigint_from_int64(&min, INT64_MIN);
    ft_bigint_neg(&neg, &min);   // -INT64_MIN does not fit
    CHECK(neg.big != NULL);
    CHECK_EQ_INT(ft_bigint_compare(&neg, &big), 0);
    FtBigInt minus_one, q, r;
    ft_bigint_from_int64(&minus_one, -1);
    CHECK_EQ_INT(ft_bigint_divmod(&q, &r, &min, &minus_one, NULL), 0);   // overflows in C
    CHECK_EQ_INT(ft_bigint_compare(&q, &neg), 0);
    CHECK(r.big == NULL && r.small == 0);
    ft_bigint_clear(&q);
    FtBigInt u;
    ft_bigint_from_uint64(&u, UINT64_MAX);
    CHECK(u.big != NULL);
    CHECK_EQ_INT(ft_bigint_bit_length(&u), 64);
    ft_bigint_clear(&u);
    ft_bigint_clear(&neg);
    ft_bigint_clear(&big);
    ft_bigint_clear(&back);
    ft_bigint_clear(&back);   // clearing twice is harmless
}

static int
scaled_is(int64_t m, int64_t exp2, double want)
{
    FtBigInt x;
    ft_bigint_from_int64(&x, m);
    double got = 1.0;
    FtNumError err;
    int rc = ft_bigint_scaled_to_double(&x, exp2, "too large", &got, &err);
    if (rc < 0)
        return want == HUGE_VAL && strcmp(err.message, "too large") == 0;
    return got == want && signbit(got) == signbit(want);
}

TEST(scaled_to_double_rounds_at_the_extremes)
{
    CHECK(scaled_is(1, -2000, 0.0));
    CHECK(scaled_is(-1, INT64_MIN / 2, -0.0));
    CHECK(scaled_is(1, INT64_MAX / 2, HUGE_VAL));
    CHECK(scaled_is(1, 1024, HUGE_VAL));
    CHECK(scaled_is(1, 1023, 0x1p1023));
    CHECK(scaled_is(1, -1075, 0.0));              // exactly half the smallest subnormal: to even
    CHECK(scaled_is(3, -1076, 0x1p-1074));        // 0.75 of it rounds up
    CHECK(scaled_is(3, -1075, 0x1p-1073));        // 1.5 of it: tie to even (2)
    CHECK(scaled_is(5, -1075, 0x1p-1073));        // 2.5 of it: tie to even (2)
    CHECK(scaled_is(((int64_t)1 << 54) - 1, 970, HUGE_VAL));   // rounds up past DBL_MAX
    CHECK(scaled_is(((int64_t)1 << 53) - 1, 971, 0x1.fffffffffffffp1023));
    CHECK(scaled_is(0, INT64_MAX, 0.0));
}

TEST(huge_results_report_memory_error)
{
    FtBigInt two, exp, r, count;
    FtNumError err;
    ft_bigint_from_int64(&two, 2);
    ft_bigint_from_int64(&exp, INT64_MAX);
    CHECK_EQ_INT(ft_bigint_pow(&r, &two, &exp, NULL, &err), -1);
    CHECK_EQ_INT(err.kind, FT_NUM_ERROR_MEMORY);
    ft_bigint_from_int64(&count, (int64_t)1 << 62);
    CHECK_EQ_INT(ft_bigint_lshift(&r, &two, &count, &err), -1);
    CHECK_EQ_INT(err.kind, FT_NUM_ERROR_MEMORY);
    CHECK_EQ_INT(ft_bigint_from_string(&r, "12", 2, 1, 0, &err), -1);
    CHECK(strcmp(err.message, "int() base must be >= 2 and <= 36, or 0") == 0);
}

enum { THREADS = 4, ROUNDS = 300 };

typedef struct Shared {
    pthread_barrier_t start;
    FtBigInt base;   // read by every thread, never modified
    int failures[THREADS];
    int index[THREADS];
} Shared;

static Shared shared;

static void *
worker(void *arg)
{
    int me = *(int *)arg;
    pthread_barrier_wait(&shared.start);
    for (int i = 0; i < ROUNDS; i++) {
        FtBigInt k, sq, q, r, back;
        ft_bigint_from_int64(&k, (int64_t)(me * ROUNDS + i + 1));
        ft_bigint_mul(&sq, &shared.base, &k, NULL);
        ft_bigint_divmod(&q, &r, &sq, &k, NULL);
        ft_bigint_add(&back, &q, &r, NULL);
        if (ft_bigint_compare(&back, &shared.base) != 0)
            shared.failures[me]++;
        char *s = NULL;
        if (ft_bigint_to_string(&sq, 10, 0, 0, &s, NULL, NULL) < 0 ||
            ft_bigint_from_string(&back, s, strlen(s), 10, 0, NULL) < 0)
            shared.failures[me]++;
        else if (ft_bigint_compare(&back, &sq) != 0)
            shared.failures[me]++;
        ft_format_free(s);
        ft_bigint_clear(&sq);
        ft_bigint_clear(&q);
        ft_bigint_clear(&r);
        ft_bigint_clear(&back);
    }
    return NULL;
}

TEST(threads_share_values_and_allocator)
{
    // All threads start together (barrier) and compute from one shared value at the same time.
    CHECK_EQ_INT(pthread_barrier_init(&shared.start, NULL, THREADS), 0);
    FtBigInt two, e;
    ft_bigint_from_int64(&two, 3);
    ft_bigint_from_int64(&e, 500);
    ft_bigint_pow(&shared.base, &two, &e, NULL, NULL);
    pthread_t threads[THREADS];
    for (int t = 0; t < THREADS; t++) {
        shared.index[t] = t;
        CHECK_EQ_INT(pthread_create(&threads[t], NULL, worker, &shared.index[t]), 0);
    }
    for (int t = 0; t < THREADS; t++)
        pthread_join(threads[t], NULL);
    pthread_barrier_destroy(&shared.start);
    for (int t = 0; t < THREADS; t++)
        CHECK_EQ_INT(shared.failures[t], 0);
    ft_bigint_clear(&shared.base);
}

int
main(void)
{
    return ft_test_run_all();
}

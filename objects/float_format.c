// objects/float_format.c: the text and number-theoretic side of Python's float, as pure functions
// on double (repr, format, round, hex/fromhex, as_integer_ratio, float(str), hash).
//
// Owns: every ft_float_* function of objects/float_format.h.
// How digits are produced: glibc's printf and strtod are correctly rounded (half to even on the
// exact binary value), which is what CPython's David Gay dtoa gives for modes 2 and 3, so 'e', 'f'
// and 'g' digits come from snprintf; the shortest round-trip digits of repr come from trying
// 1..17 significant digits with a strtod check (plus the neighbouring digit strings at a binade
// edge, where the round-trip interval is lopsided). round() works on the exact value with GMP
// (objects/bigint.h). The layout rules mirror CPython 3.14's Python/pystrtod.c
// (format_float_short) and Objects/floatobject.c.
// Invariant: every string produced here reads back (float()) as the value it was made from, except
// where a precision asks for rounding.
// Concurrency: no shared state; the C locale is assumed for LC_NUMERIC (never changed by ftpy).
#include "objects/float_format.h"

#include <float.h>      // DBL_MANT_DIG DBL_MIN_EXP DBL_MAX_EXP
#include <math.h>       // frexp ldexp isnan isinf isfinite copysign
#include <mimalloc.h>   // mi_malloc mi_free
#include <stdbool.h>    // bool
#include <stdio.h>      // snprintf
#include <stdlib.h>     // strtod
#include <string.h>     // memcpy strlen strchr

#include "objects/unicode_db.h"   // ft_unicode_is_space ft_unicode_decimal_value

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)
#define HASH_INF 314159

// round() returns x beyond these (CPython's NDIGITS_MAX / NDIGITS_MIN: digits a double can hold).
#define ROUND_NDIGITS_MAX 323
#define ROUND_NDIGITS_MIN (-308)

enum { MAX_SIG_DIGITS = 17 };

#define FLOAT_PRECISION_MAX ((int64_t)INT32_MAX - 1024)

// Decimal digits of a finite |x| != 0: digits[0..n) with no trailing zeros, and decpt such that
// |x| ~= 0.d1d2... * 10**decpt.
typedef struct Decimal {
    char digits[MAX_SIG_DIGITS + 2];
    int n;
    int decpt;
} Decimal;

// Parses the output of "%.*e" (d.ddde+XX) into a Decimal, dropping trailing zeros.
static void
decimal_from_e(const char *s, Decimal *d)
{
    d->n = 0;
    const char *p = s;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9' && d->n < (int)sizeof d->digits - 1)
            d->digits[d->n++] = *p;
    d->decpt = atoi(p + 1) + 1;
    while (d->n > 1 && d->digits[d->n - 1] == '0')
        d->n--;
    d->digits[d->n] = '\0';
}

// The double nearest to 0.DIGITS * 10**decpt (strtod is correctly rounded).
static double
decimal_value(const char *digits, int n, int decpt)
{
    char buf[64];
    snprintf(buf, sizeof buf, "0.%.*se%d", n, digits, decpt);
    return strtod(buf, NULL);
}

// Adds delta (+1 or -1) to the last of n digits, carrying; returns 0 if the result would need a
// different digit count (then the caller skips the candidate).
static int
bump_digits(char *digits, int n, int delta)
{
    int i = n - 1;
    while (i >= 0) {
        int v = digits[i] - '0' + delta;
        if (v >= 0 && v <= 9) {
            digits[i] = (char)('0' + v);
            break;
        }
        digits[i] = delta > 0 ? '0' : '9';
        i--;
    }
    if (i < 0)
        return 0;
    if (digits[0] == '0')
        return 0;
    return 1;
}

// The shortest digit string that reads back as |x| (finite, non-zero), nearest to x among those
// of that length, as CPython's repr (dtoa mode 0).
static void
shortest_decimal(double x, Decimal *d)
{
    double ax = fabs(x);
    char buf[64];
    for (int p = 1; p <= MAX_SIG_DIGITS; p++) {
        snprintf(buf, sizeof buf, "%.*e", p - 1, ax);
        if (strtod(buf, NULL) == ax) {
            decimal_from_e(buf, d);
            return;
        }
        // At a power of two the interval of strings reading back as ax is wider above ax than
        // below it, so the p-digit neighbour above the nearest one may read back when the
        // nearest does not. Only the upward neighbour can (the downward one is farther than the
        // nearest on the narrow side).
        Decimal c;
        c.n = 0;
        for (const char *q = buf; *q && *q != 'e'; q++)
            if (*q >= '0' && *q <= '9')
                c.digits[c.n++] = *q;
        c.decpt = atoi(strchr(buf, 'e') + 1) + 1;
        if (c.n == p && bump_digits(c.digits, c.n, +1) &&
            decimal_value(c.digits, c.n, c.decpt) == ax) {
            c.digits[c.n] = '\0';
            while (c.n > 1 && c.digits[c.n - 1] == '0')
                c.n--;
            c.digits[c.n] = '\0';
            *d = c;
            return;
        }
    }
    snprintf(buf, sizeof buf, "%.*e", MAX_SIG_DIGITS - 1, ax);
    decimal_from_e(buf, d);
}

// A growable output string (mimalloc). An allocation failure sets failed and drops later writes;
// the caller reports MemoryError.
typedef struct Text {
    char *s;
    size_t n, cap;
    bool failed;
} Text;

static void
text_put(Text *t, const char *s, size_t n)
{
    if (t->failed)
        return;
    if (t->n + n + 1 > t->cap) {
        size_t cap = t->cap ? t->cap : 64;
        while (cap < t->n + n + 1)
            cap *= 2;
        char *p = mi_realloc(t->s, cap);
        if (!p) {
            t->failed = true;
            return;
        }
        t->s = p;
        t->cap = cap;
    }
    memcpy(t->s + t->n, s, n);
    t->n += n;
    t->s[t->n] = '\0';
}

static void
text_puts(Text *t, const char *s)
{
    text_put(t, s, strlen(s));
}

static void
text_zeros(Text *t, int64_t count)
{
    for (int64_t i = 0; i < count; i++)
        text_put(t, "0", 1);
}

// Lays out digits/decpt (unsigned) as format_float_short does for 'r', 'g' and no-type:
// exponent notation when use_exp, min_digits significant digits (zero-padded, for '#'), a
// decimal point always when alt, ".0" added to an integer in fixed notation when add_dot_0.
static void
layout_decimal(Text *t, const char *digits, int n, int decpt, bool use_exp, int min_digits,
               bool alt, bool add_dot_0, char exp_char)
{
    int padded = n < min_digits ? min_digits : n;
    if (use_exp) {
        text_put(t, digits, 1);
        if (padded > 1 || alt)
            text_put(t, ".", 1);
        text_put(t, digits + 1, (size_t)(n - 1));
        text_zeros(t, padded - n);
        char exp[16];
        int e = decpt - 1;
        snprintf(exp, sizeof exp, "%c%c%02d", exp_char, e < 0 ? '-' : '+', e < 0 ? -e : e);
        text_puts(t, exp);
        return;
    }
    if (decpt <= 0) {
        text_puts(t, "0.");
        text_zeros(t, -decpt);
        text_put(t, digits, (size_t)n);
        text_zeros(t, padded - n);
        return;
    }
    if (decpt >= padded) {
        text_put(t, digits, (size_t)n);
        text_zeros(t, decpt - n);
        if (add_dot_0)
            text_puts(t, ".0");
        else if (alt)
            text_put(t, ".", 1);
        return;
    }
    if (decpt >= n) {
        text_put(t, digits, (size_t)n);
        text_zeros(t, decpt - n);
        text_put(t, ".", 1);
        text_zeros(t, padded - decpt);
        return;
    }
    text_put(t, digits, (size_t)decpt);
    text_put(t, ".", 1);
    text_put(t, digits + decpt, (size_t)(n - decpt));
    text_zeros(t, padded - n);
}

size_t
ft_float_repr(double x, char *buf, size_t size)
{
    if (isnan(x))
        return (size_t)snprintf(buf, size, "nan");
    if (isinf(x))
        return (size_t)snprintf(buf, size, "%s", x < 0 ? "-inf" : "inf");
    if (x == 0.0)
        return (size_t)snprintf(buf, size, "%s", signbit(x) ? "-0.0" : "0.0");
    Decimal d;
    shortest_decimal(x, &d);
    Text t = {0};
    if (x < 0)
        text_put(&t, "-", 1);
    layout_decimal(&t, d.digits, d.n, d.decpt, d.decpt <= -4 || d.decpt > 16, 0, false, true, 'e');
    size_t n = 0;
    if (!t.failed) {
        n = (size_t)snprintf(buf, size, "%s", t.s);
    } else if (size > 0) {
        buf[0] = '\0';
    }
    mi_free(t.s);
    return n;
}

// Formats |x| (finite) for a type code into t, unsigned: e E f F g G %, or 'r' (shortest digits,
// for the no-type form without precision); add_dot_0 is the no-type form's ".0" rule.
static void
format_finite(Text *t, double ax, char type, int64_t precision, bool alt, bool add_dot_0)
{
    bool upper = type == 'E' || type == 'F' || type == 'G';
    char lower = upper ? (char)(type - 'A' + 'a') : type;
    if (lower == 'e' || lower == 'f' || lower == '%') {
        if (lower == '%')
            ax *= 100.0;
        char fmt[8];
        snprintf(fmt, sizeof fmt, "%%%s.*%c", alt ? "#" : "", lower == 'e' ? type : 'f');
        int needed = snprintf(NULL, 0, fmt, (int)precision, ax);
        char *buf = mi_malloc((size_t)needed + 1);
        if (!buf) {
            t->failed = true;
            return;
        }
        snprintf(buf, (size_t)needed + 1, fmt, (int)precision, ax);
        text_put(t, buf, (size_t)needed);
        mi_free(buf);
        if (lower == '%')
            text_put(t, "%", 1);
        return;
    }
    char exp_char = upper ? 'E' : 'e';
    if (lower == 'r') {
        Decimal d;
        shortest_decimal(ax, &d);
        layout_decimal(t, d.digits, d.n, d.decpt, d.decpt <= -4 || d.decpt > 16, 0, alt, add_dot_0,
                       exp_char);
        return;
    }
    // 'g': p significant digits, correctly rounded by printf, trailing zeros dropped (then padded
    // back to p by layout_decimal for '#').
    int p = precision == 0 ? 1 : (int)precision;
    Text digits = {0};
    int decpt = 1;
    if (ax == 0.0) {
        text_put(&digits, "0", 1);
    } else {
        int needed = snprintf(NULL, 0, "%.*e", p - 1, ax);
        char *e_form = mi_malloc((size_t)needed + 1);
        if (!e_form) {
            t->failed = true;
            return;
        }
        snprintf(e_form, (size_t)needed + 1, "%.*e", p - 1, ax);
        const char *q = e_form;
        for (; *q && *q != 'e'; q++)
            if (*q >= '0' && *q <= '9')
                text_put(&digits, q, 1);
        decpt = atoi(q + 1) + 1;
        mi_free(e_form);
    }
    if (digits.failed) {
        mi_free(digits.s);
        t->failed = true;
        return;
    }
    int n = (int)digits.n;
    while (n > 1 && digits.s[n - 1] == '0')
        n--;
    // With add_dot_0 one digit is kept for the ".0", so the switch to exponent comes a digit early.
    bool use_exp = decpt <= -4 || decpt > (add_dot_0 ? p - 1 : p);
    layout_decimal(t, digits.s, n, decpt, use_exp, alt ? p : 0, alt, add_dot_0, exp_char);
    mi_free(digits.s);
}

char *
ft_float_format(double x, const char *spec, size_t len, size_t *out_len, FtNumError *err)
{
    FtFormatSpec fs;
    if (ft_format_spec_parse(spec, len, "float", 0, &fs, err) < 0)
        return NULL;
    uint32_t type = fs.type;
    switch (type) {
    case 0: case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': case 'n':
        break;
    default:
        if (type > 32 && type < 127)
            ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                             "Unknown format code '%c' for object of type 'float'", (char)type);
        else
            ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                             "Unknown format code '\\x%x' for object of type 'float'",
                             (unsigned)type);
        return NULL;
    }
    // CPython 3.14 refuses precisions within 1024 of INT_MAX (measured with the oracle: 2**31 - 1025
    // is accepted, 2**31 - 1024 is not), for every type and for inf and nan too.
    if (fs.precision > FLOAT_PRECISION_MAX) {
        ft_num_error_set(err, FT_NUM_ERROR_VALUE, "precision too big");
        return NULL;
    }
    // The no-type form is repr without a precision, and 'g' that keeps a ".0" with one.
    char t_code;
    bool add_dot_0 = false;
    int64_t precision = fs.precision;
    if (type == 0) {
        if (precision < 0) {
            t_code = 'r';
            add_dot_0 = true;
        } else {
            t_code = 'g';
            add_dot_0 = true;
        }
    } else {
        t_code = type == 'n' ? 'g' : (char)type;
        if (precision < 0)
            precision = 6;
    }
    bool negative = signbit(x) != 0 && !isnan(x);
    double ax = fabs(x);
    Text body = {0};
    if (isnan(x) || isinf(x)) {
        bool upper = t_code == 'E' || t_code == 'F' || t_code == 'G';
        text_puts(&body, isnan(x) ? (upper ? "NAN" : "nan") : (upper ? "INF" : "inf"));
        if (t_code == '%')
            text_put(&body, "%", 1);
    } else {
        format_finite(&body, ax, t_code, precision, fs.alternate, add_dot_0);
    }
    if (body.failed) {
        mi_free(body.s);
        ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
        return NULL;
    }
    if (negative && fs.no_neg_zero) {
        // 'z': a negative value that formats as zero loses its sign.
        bool all_zero = true;
        for (size_t i = 0; i < body.n; i++) {
            char c = body.s[i];
            if (c == 'e' || c == 'E' || c == '%')
                break;
            if (c != '0' && c != '.')
                all_zero = false;   // a non-zero digit, or "inf" (x * 100 may overflow for '%')
        }
        if (all_zero)
            negative = false;
    }
    size_t n_int = 0;
    while (n_int < body.n && body.s[n_int] >= '0' && body.s[n_int] <= '9')
        n_int++;
    char *out = ft_format_layout_number(&fs, negative ? '-' : '\0', "", body.s, n_int,
                                        body.s + n_int, body.n - n_int, '>', out_len, err);
    mi_free(body.s);
    return out;
}

// Splits a finite non-zero |x| into an odd-or-53-bit integer mantissa and a binary exponent:
// |x| == m * 2**e exactly, m < 2**53.
static void
split_double(double x, uint64_t *m, int *e)
{
    int exp;
    double frac = frexp(fabs(x), &exp);
    *m = (uint64_t)ldexp(frac, DBL_MANT_DIG);
    *e = exp - DBL_MANT_DIG;
}

int
ft_float_round(double x, int64_t ndigits, double *out, FtNumError *err)
{
    if (!isfinite(x) || x == 0.0 || ndigits > ROUND_NDIGITS_MAX) {
        *out = x;
        return 0;
    }
    if (ndigits < ROUND_NDIGITS_MIN) {
        *out = 0.0 * x;
        return 0;
    }
    uint64_t m;
    int e;
    split_double(x, &m, &e);
    ft_bigint_init();
    // |x| * 10**ndigits == m * 2**e * 10**ndigits == num / den exactly; q rounds it half to
    // even, and the result is q / 10**ndigits (q * 10**-ndigits) correctly rounded.
    mpz_t num, den, q, r, p10;
    mpz_init_set_ui(num, m);
    mpz_init_set_ui(den, 1);
    mpz_init(q);
    mpz_init(r);
    mpz_init(p10);
    mpz_ui_pow_ui(p10, 10, (unsigned long)(ndigits < 0 ? -ndigits : ndigits));
    if (ndigits >= 0)
        mpz_mul(num, num, p10);
    else
        mpz_mul(den, den, p10);
    if (e >= 0)
        mpz_mul_2exp(num, num, (mp_bitcnt_t)e);
    else
        mpz_mul_2exp(den, den, (mp_bitcnt_t)-e);
    mpz_fdiv_qr(q, r, num, den);
    mpz_mul_2exp(r, r, 1);
    int c = mpz_cmp(r, den);
    if (c > 0 || (c == 0 && mpz_odd_p(q)))
        mpz_add_ui(q, q, 1);
    if (x < 0)
        mpz_neg(q, q);
    FtBigInt bq;
    int result;
    double v = 0.0;
    if (ndigits >= 0) {
        FtBigInt bp;
        ft_bigint_from_mpz(&bq, q);
        ft_bigint_from_mpz(&bp, p10);
        result = ft_bigint_truediv(&bq, &bp, &v, NULL);
        ft_bigint_clear(&bp);
    } else {
        mpz_mul(q, q, p10);
        ft_bigint_from_mpz(&bq, q);
        result = ft_bigint_scaled_to_double(&bq, 0, "", &v, NULL);
    }
    ft_bigint_clear(&bq);
    mpz_clear(num);
    mpz_clear(den);
    mpz_clear(q);
    mpz_clear(r);
    mpz_clear(p10);
    if (result < 0)
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW, "rounded value too large to represent");
    if (v == 0.0)
        v = copysign(0.0, x);
    *out = v;
    return 0;
}

size_t
ft_float_hex(double x, char *buf, size_t size)
{
    if (!isfinite(x))
        return ft_float_repr(x, buf, size);
    const char *sign = signbit(x) ? "-" : "";
    if (x == 0.0)
        return (size_t)snprintf(buf, size, "%s0x0.0p+0", sign);
    // IEEE 754 binary64: 1 sign bit, 11 exponent bits (bias 1023), 52 fraction bits.
    uint64_t bits;
    memcpy(&bits, &x, sizeof bits);
    uint64_t fraction = bits & (((uint64_t)1 << 52) - 1);
    int biased = (int)((bits >> 52) & 0x7FF);
    int leading = biased == 0 ? 0 : 1;
    int exponent = biased == 0 ? DBL_MIN_EXP - 1 : biased - 1023;
    return (size_t)snprintf(buf, size, "%s0x%d.%013llxp%+d", sign, leading,
                            (unsigned long long)fraction, exponent);
}

static bool
is_ascii_space(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Case-insensitive match of the ASCII word at s[*i..n); advances past it on success.
static bool
match_word(const char *s, size_t n, size_t *i, const char *word)
{
    size_t k = strlen(word);
    if (n - *i < k)
        return false;
    for (size_t j = 0; j < k; j++) {
        char c = s[*i + j];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c != word[j])
            return false;
    }
    *i += k;
    return true;
}

// Matches inf, infinity or nan at s[*i]; sets *v (unsigned).
static bool
match_special(const char *s, size_t n, size_t *i, double *v)
{
    if (match_word(s, n, i, "infinity") || match_word(s, n, i, "inf")) {
        *v = HUGE_VAL;
        return true;
    }
    if (match_word(s, n, i, "nan")) {
        *v = NAN;
        return true;
    }
    return false;
}

int
ft_float_fromhex(const char *text, size_t len, double *out, FtNumError *err)
{
    const char *s = text;
    size_t n = len, i = 0;
    while (i < n && is_ascii_space(s[i]))
        i++;
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-'))
        negative = s[i++] == '-';
    double v;
    if (match_special(s, n, &i, &v)) {
        while (i < n && is_ascii_space(s[i]))
            i++;
        if (i != n)
            goto invalid;
        *out = negative ? -v : v;
        return 0;
    }
    if (i + 1 < n && s[i] == '0' && (s[i + 1] == 'x' || s[i + 1] == 'X'))
        i += 2;
    // Rebuild a clean "0xDIGITS.DIGITSpEXP" for glibc's strtod, which rounds hex correctly.
    char *clean = mi_malloc(n + 8);
    if (!clean)
        return ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
    size_t c = 0;
    clean[c++] = '0';
    clean[c++] = 'x';
    size_t ndigits = 0;
    while (i < n && hex_digit(s[i]) >= 0) {
        clean[c++] = s[i++];
        ndigits++;
    }
    if (i < n && s[i] == '.') {
        clean[c++] = s[i++];
        while (i < n && hex_digit(s[i]) >= 0) {
            clean[c++] = s[i++];
            ndigits++;
        }
    }
    if (ndigits == 0) {
        mi_free(clean);
        goto invalid;
    }
    if (i < n && (s[i] == 'p' || s[i] == 'P')) {
        clean[c++] = 'p';
        i++;
        if (i < n && (s[i] == '+' || s[i] == '-'))
            clean[c++] = s[i++];
        size_t exp_digits = 0;
        while (i < n && s[i] >= '0' && s[i] <= '9') {
            clean[c++] = s[i++];
            exp_digits++;
        }
        if (exp_digits == 0) {
            mi_free(clean);
            goto invalid;
        }
    }
    while (i < n && is_ascii_space(s[i]))
        i++;
    if (i != n) {
        mi_free(clean);
        goto invalid;
    }
    clean[c] = '\0';
    v = strtod(clean, NULL);   // overflow gives inf (reported below); underflow gives 0 or a subnormal
    mi_free(clean);
    if (isinf(v))
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW,
                                "hexadecimal value too large to represent as a float");
    *out = negative ? -v : v;
    return 0;
invalid:
    return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "invalid hexadecimal floating-point string");
}

int
ft_float_as_integer_ratio(double x, FtBigInt *numerator, FtBigInt *denominator, FtNumError *err)
{
    ft_bigint_from_int64(numerator, 0);
    ft_bigint_from_int64(denominator, 1);
    if (isinf(x))
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW,
                                "cannot convert Infinity to integer ratio");
    if (isnan(x))
        return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "cannot convert NaN to integer ratio");
    if (x == 0.0)
        return 0;
    uint64_t m;
    int e;
    split_double(x, &m, &e);
    // Lowest terms: the denominator is a power of two, so cancel the mantissa's factors of two.
    int tz = __builtin_ctzll(m);
    if (e < 0) {
        int k = tz < -e ? tz : -e;
        m >>= k;
        e += k;
    }
    FtBigInt mant, shift;
    ft_bigint_from_int64(&mant, x < 0 ? -(int64_t)m : (int64_t)m);
    ft_bigint_from_int64(&shift, e < 0 ? -e : e);
    FtBigInt one;
    ft_bigint_from_int64(&one, 1);
    if (e >= 0) {
        ft_bigint_lshift(numerator, &mant, &shift, NULL);
    } else {
        ft_bigint_copy(numerator, &mant);
        ft_bigint_lshift(denominator, &one, &shift, NULL);
    }
    ft_bigint_clear(&mant);
    return 0;
}

// float()'s view of a str: like int()'s (Unicode spaces to ' ', Unicode decimal digits to ASCII,
// anything else non-ASCII stops the text with an invalid byte), then ASCII whitespace stripped.
static char *
float_text_to_ascii(const char *text, size_t len, size_t *n)
{
    char *out = mi_malloc(len + 2);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char ch = (unsigned char)text[i];
        if (ch < 0x80) {
            out[o++] = (char)ch;
            i++;
            continue;
        }
        size_t need = ch >= 0xF0 ? 3 : ch >= 0xE0 ? 2 : ch >= 0xC0 ? 1 : 0;
        if (need == 0 || i + need >= len) {
            out[o++] = '?';
            break;
        }
        uint32_t cp = need == 1 ? (ch & 0x1Fu) : need == 2 ? (ch & 0x0Fu) : (ch & 0x07u);
        for (size_t k = 1; k <= need; k++)
            cp = (cp << 6) | ((unsigned char)text[i + k] & 0x3Fu);
        i += need + 1;
        int dec;
        if (ft_unicode_is_space(cp)) {
            out[o++] = ' ';
        } else if ((dec = ft_unicode_decimal_value(cp)) >= 0) {
            out[o++] = (char)('0' + dec);
        } else {
            out[o++] = '?';
            break;
        }
    }
    out[o] = '\0';
    *n = o;
    return out;
}

static bool
is_digit(char c)
{
    return c >= '0' && c <= '9';
}

int
ft_float_from_string(const char *text, size_t len, double *out, FtNumError *err)
{
    size_t n;
    char *s = float_text_to_ascii(text, len, &n);
    if (!s)
        return ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
    size_t start = 0, end = n;
    while (start < end && is_ascii_space(s[start]))
        start++;
    while (end > start && is_ascii_space(s[end - 1]))
        end--;
    // Underscores only between two digits; the cleaned copy drops them.
    char *clean = mi_malloc(end - start + 1);
    if (!clean) {
        mi_free(s);
        return ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
    }
    size_t c = 0;
    bool ok = true;
    for (size_t i = start; i < end; i++) {
        if (s[i] == '_') {
            if (i == start || !is_digit(s[i - 1]) || i + 1 >= end || !is_digit(s[i + 1]))
                ok = false;
            continue;
        }
        clean[c++] = s[i];
    }
    clean[c] = '\0';
    mi_free(s);
    double v = 0.0;
    size_t i = 0;
    bool negative = false;
    if (ok && i < c && (clean[i] == '+' || clean[i] == '-'))
        negative = clean[i++] == '-';
    if (ok && match_special(clean, c, &i, &v)) {
        ok = i == c;
    } else if (ok) {
        // digits [. digits] [e [sign] digits], at least one mantissa digit.
        size_t body = i, mant = 0;
        while (i < c && is_digit(clean[i]))
            i++, mant++;
        if (i < c && clean[i] == '.') {
            i++;
            while (i < c && is_digit(clean[i]))
                i++, mant++;
        }
        if (mant == 0)
            ok = false;
        if (ok && i < c && (clean[i] == 'e' || clean[i] == 'E')) {
            i++;
            if (i < c && (clean[i] == '+' || clean[i] == '-'))
                i++;
            size_t ed = 0;
            while (i < c && is_digit(clean[i]))
                i++, ed++;
            if (ed == 0)
                ok = false;
        }
        if (ok && i != c)
            ok = false;
        if (ok)
            v = strtod(clean + body, NULL);
    }
    mi_free(clean);
    if (!ok) {
        if (err) {
            err->kind = FT_NUM_ERROR_VALUE;
            snprintf(err->message, sizeof err->message, "could not convert string to float: ");
            ft_format_repr_string(err->message, sizeof err->message, text, len, -1);
        }
        return -1;
    }
    *out = negative ? -v : v;
    return 0;
}

int64_t
ft_float_hash(double x, int *is_nan)
{
    *is_nan = 0;
    if (isnan(x)) {
        *is_nan = 1;
        return 0;
    }
    if (isinf(x))
        return x > 0 ? HASH_INF : -HASH_INF;
    if (x == 0.0)
        return 0;
    // |x| = m * 2**e, and 2**61 == 1 (mod P), so 2**e == 2**(e mod 61).
    uint64_t m;
    int e;
    split_double(x, &m, &e);
    int k = ((e % HASH_BITS) + HASH_BITS) % HASH_BITS;
    unsigned __int128 prod = (unsigned __int128)(m % HASH_MODULUS) << k;
    uint64_t h = (uint64_t)(prod % HASH_MODULUS);
    int64_t r = x < 0 ? -(int64_t)h : (int64_t)h;
    return r == -1 ? -2 : r;
}

// objects/bigint.c: FtBigInt, Python's int as a value: arithmetic, conversions, parsing, printing.
//
// Owns: every ft_bigint_* function (objects/bigint.h) and the process-wide GMP allocator hook.
// Representation: a value that fits in int64_t lives in `small` with big == NULL; any other value
// is a mimalloc-allocated mpz. Invariant (established by normalise_steal, asserted by
// operand_open): big != NULL implies !mpz_fits_slong_p(big), so the representation is canonical.
// Semantics: CPython 3.14's Objects/longobject.c (floor division, modulo with the divisor's sign,
// two's-complement bitwise operations, correctly rounded int -> float and int / int, the int <->
// str digit limit of gh-95778, the modular hash of Python/pyhash.c).
// GMP supplies the large-operand algorithms; GMP's own semantics are mapped onto Python's here
// (mpz_fdiv_* for floor, mpz_and/ior/xor already use two's complement, mpz_get_d truncates so
// rounding is done here).
// Concurrency: values are immutable once built and functions are pure, so any number of threads
// may read the same value. The one global, GMP's allocator, is set once under ft_once_call before
// any GMP allocation made by this file.
#include "objects/bigint.h"

#include <float.h>      // DBL_MANT_DIG DBL_MAX_EXP DBL_MIN_EXP
#include <math.h>       // ldexp isnan isinf HUGE_VAL
#include <mimalloc.h>   // mi_malloc mi_realloc mi_free
#include <stdbool.h>    // bool
#include <stdio.h>      // snprintf
#include <string.h>     // memset strlen

#include "objects/float_format.h"   // ft_float_format
#include "objects/unicode_db.h"     // ft_unicode_is_space ft_unicode_decimal_value
#include "sync/fatal.h"             // ft_fatal FT_ASSERT
#include "sync/once.h"              // ft_once_call FtOnceFlag

_Static_assert(sizeof(long) == sizeof(int64_t), "GMP's si functions must take 64-bit longs");

#define HASH_BITS 61
#define HASH_MODULUS (((uint64_t)1 << HASH_BITS) - 1)

static FtOnceFlag gmp_allocator_once;   // atomic (inside sync/once.c): set once, never reset

static void *
gmp_alloc(size_t size)
{
    void *p = mi_malloc(size);
    if (!p)
        ft_fatal("GMP: out of memory allocating %zu bytes", size);
    return p;
}

static void *
gmp_realloc(void *p, size_t old_size, size_t new_size)
{
    void *q = mi_realloc(p, new_size);
    if (!q)
        ft_fatal("GMP: out of memory reallocating %zu bytes", new_size);
    return q;
}

static void
gmp_free(void *p, size_t size)
{
    mi_free(p);
}

static int
install_gmp_allocator(void *arg)
{
    mp_set_memory_functions(gmp_alloc, gmp_realloc, gmp_free);
    return 0;
}

int
ft_bigint_init(void)
{
    return ft_once_call(&gmp_allocator_once, install_gmp_allocator, NULL);
}

// A read-only mpz view of a value: the value's own mpz, or a temporary for a small one.
typedef struct Operand {
    mpz_t tmp;
    mpz_srcptr p;
} Operand;

static void
operand_open(Operand *o, const FtBigInt *x)
{
    FT_ASSERT(!x->big || !mpz_fits_slong_p(x->big));   // canonical form (file block)
    if (x->big) {
        o->p = x->big;
    } else {
        mpz_init_set_si(o->tmp, (long)x->small);
        o->p = o->tmp;
    }
}

static void
operand_close(Operand *o)
{
    if (o->p == o->tmp)
        mpz_clear(o->tmp);
}

// Moves v (which is cleared) into out in canonical form.
static void
normalise_steal(FtBigInt *out, mpz_t v)
{
    if (mpz_fits_slong_p(v)) {
        out->small = mpz_get_si(v);
        out->big = NULL;
        mpz_clear(v);
        return;
    }
    mpz_ptr p = mi_malloc(sizeof *p);
    if (!p)
        ft_fatal("bigint: out of memory");
    mpz_init(p);
    mpz_swap(p, v);
    mpz_clear(v);
    out->small = 0;
    out->big = p;
}

static void
set_zero(FtBigInt *out)
{
    out->small = 0;
    out->big = NULL;
}

void
ft_bigint_clear(FtBigInt *x)
{
    if (x->big) {
        mpz_clear(x->big);
        mi_free(x->big);
    }
    set_zero(x);
}

void
ft_bigint_from_int64(FtBigInt *out, int64_t v)
{
    out->small = v;
    out->big = NULL;
}

void
ft_bigint_from_uint64(FtBigInt *out, uint64_t v)
{
    if (v <= (uint64_t)INT64_MAX) {
        ft_bigint_from_int64(out, (int64_t)v);
        return;
    }
    ft_bigint_init();
    mpz_t z;
    mpz_init_set_ui(z, (unsigned long)v);
    normalise_steal(out, z);
}

void
ft_bigint_copy(FtBigInt *out, const FtBigInt *x)
{
    if (!x->big) {
        *out = *x;
        return;
    }
    ft_bigint_init();
    mpz_t z;
    mpz_init_set(z, x->big);
    normalise_steal(out, z);
}

void
ft_bigint_from_mpz(FtBigInt *out, mpz_srcptr v)
{
    ft_bigint_init();
    mpz_t z;
    mpz_init_set(z, v);
    normalise_steal(out, z);
}

int
ft_bigint_to_int64(const FtBigInt *x, int64_t *v)
{
    if (x->big)
        return 0;
    *v = x->small;
    return 1;
}

int
ft_bigint_sign(const FtBigInt *x)
{
    if (x->big)
        return mpz_sgn(x->big);
    return (x->small > 0) - (x->small < 0);
}

int
ft_bigint_from_double(FtBigInt *out, double d, FtNumError *err)
{
    set_zero(out);
    if (isnan(d))
        return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "cannot convert float NaN to integer");
    if (isinf(d))
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW,
                                "cannot convert float infinity to integer");
    // |d| < 2**63 truncates exactly in hardware; beyond that d is an integer already.
    if (d > -9223372036854775808.0 && d < 9223372036854775808.0) {
        ft_bigint_from_int64(out, (int64_t)d);
        return 0;
    }
    ft_bigint_init();
    mpz_t z;
    mpz_init_set_d(z, d);
    normalise_steal(out, z);
    return 0;
}

// The nearest double to |m| * 2**exp2 (half to even), with m's sign; +-inf on overflow.
static double
scaled_mpz_to_double(mpz_srcptr m, int64_t exp2)
{
    size_t nbits = mpz_sizeinbase(m, 2);
    if (mpz_sgn(m) == 0)
        return 0.0;
    bool negative = mpz_sgn(m) < 0;
    int64_t top = (int64_t)nbits - 1 + exp2;   // exponent of the leading bit
    if (top >= DBL_MAX_EXP)
        return negative ? -HUGE_VAL : HUGE_VAL;
    if (top < DBL_MIN_EXP - DBL_MANT_DIG - 1)
        return negative ? -0.0 : 0.0;   // below 2**-1075, half the smallest subnormal
    // From here exp2 and every exponent below lie within a few thousand of zero.
    // Significant bits a double keeps at this exponent (fewer for subnormals, maybe none).
    int64_t prec = DBL_MANT_DIG;
    if (top < DBL_MIN_EXP - 1)
        prec = DBL_MANT_DIG - ((DBL_MIN_EXP - 1) - top);
    int64_t drop = (int64_t)nbits - prec;
    double result;
    if (drop <= 0) {
        mpz_t a;
        mpz_init(a);
        mpz_abs(a, m);
        result = ldexp(mpz_get_d(a), (int)exp2);   // exact: a has at most prec bits
        mpz_clear(a);
    } else {
        mpz_t q;
        mpz_init(q);
        mpz_abs(q, m);
        bool half = drop - 1 < (int64_t)nbits && mpz_tstbit(q, (mp_bitcnt_t)(drop - 1));
        bool sticky = drop - 1 > 0 && mpz_scan1(q, 0) < (mp_bitcnt_t)(drop - 1);
        if ((uint64_t)drop >= nbits)
            mpz_set_ui(q, 0);
        else
            mpz_tdiv_q_2exp(q, q, (mp_bitcnt_t)drop);
        if (half && (sticky || mpz_odd_p(q)))
            mpz_add_ui(q, q, 1);
        // q <= 2**53, so the conversion is exact and ldexp rounds nothing (or overflows to inf).
        result = ldexp(mpz_get_d(q), (int)(exp2 + drop));
        mpz_clear(q);
    }
    return negative ? -result : result;
}

int
ft_bigint_scaled_to_double(const FtBigInt *m, int64_t exp2, const char *overflow_message,
                           double *d, FtNumError *err)
{
    ft_bigint_init();
    Operand o;
    operand_open(&o, m);
    double r = scaled_mpz_to_double(o.p, exp2);
    operand_close(&o);
    if (isinf(r))
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW, "%s", overflow_message);
    *d = r;
    return 0;
}

int
ft_bigint_to_double(const FtBigInt *x, double *d, FtNumError *err)
{
    if (!x->big && x->small >= -((int64_t)1 << DBL_MANT_DIG) &&
        x->small <= ((int64_t)1 << DBL_MANT_DIG)) {
        *d = (double)x->small;
        return 0;
    }
    return ft_bigint_scaled_to_double(x, 0, "int too large to convert to float", d, err);
}

static int
memory_error(FtNumError *err)
{
    return ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
}

// Applies a GMP binary operation on the mpz views of a and b and stores the canonical result.
static void
binary_op(FtBigInt *out, const FtBigInt *a, const FtBigInt *b,
          void (*op)(mpz_ptr, mpz_srcptr, mpz_srcptr))
{
    ft_bigint_init();
    Operand oa, ob;
    operand_open(&oa, a);
    operand_open(&ob, b);
    mpz_t r;
    mpz_init(r);
    op(r, oa.p, ob.p);
    operand_close(&ob);
    operand_close(&oa);
    normalise_steal(out, r);
}

int
ft_bigint_add(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err)
{
    int64_t r;
    if (!a->big && !b->big && !__builtin_add_overflow(a->small, b->small, &r)) {
        ft_bigint_from_int64(out, r);
        return 0;
    }
    binary_op(out, a, b, mpz_add);
    return 0;
}

int
ft_bigint_sub(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err)
{
    int64_t r;
    if (!a->big && !b->big && !__builtin_sub_overflow(a->small, b->small, &r)) {
        ft_bigint_from_int64(out, r);
        return 0;
    }
    binary_op(out, a, b, mpz_sub);
    return 0;
}

int
ft_bigint_mul(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err)
{
    int64_t r;
    if (!a->big && !b->big && !__builtin_mul_overflow(a->small, b->small, &r)) {
        ft_bigint_from_int64(out, r);
        return 0;
    }
    if (ft_bigint_bit_length(a) + ft_bigint_bit_length(b) > FT_BIGINT_MAX_BITS) {
        set_zero(out);
        return memory_error(err);
    }
    binary_op(out, a, b, mpz_mul);
    return 0;
}

static int
zero_division(FtNumError *err)
{
    return ft_num_error_set(err, FT_NUM_ERROR_ZERO_DIVISION, "division by zero");
}

int
ft_bigint_divmod(FtBigInt *quotient, FtBigInt *remainder, const FtBigInt *a, const FtBigInt *b,
                 FtNumError *err)
{
    set_zero(quotient);
    set_zero(remainder);
    if (ft_bigint_sign(b) == 0)
        return zero_division(err);
    // INT64_MIN / -1 overflows in C; everything else floors in int64_t.
    if (!a->big && !b->big && !(a->small == INT64_MIN && b->small == -1)) {
        int64_t q = a->small / b->small, r = a->small % b->small;
        if (r != 0 && ((r < 0) != (b->small < 0))) {
            q -= 1;
            r += b->small;
        }
        ft_bigint_from_int64(quotient, q);
        ft_bigint_from_int64(remainder, r);
        return 0;
    }
    ft_bigint_init();
    Operand oa, ob;
    operand_open(&oa, a);
    operand_open(&ob, b);
    mpz_t q, r;
    mpz_init(q);
    mpz_init(r);
    mpz_fdiv_qr(q, r, oa.p, ob.p);
    operand_close(&ob);
    operand_close(&oa);
    normalise_steal(quotient, q);
    normalise_steal(remainder, r);
    return 0;
}

int
ft_bigint_floordiv(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err)
{
    FtBigInt r;
    if (ft_bigint_divmod(out, &r, a, b, err) < 0)
        return -1;
    ft_bigint_clear(&r);
    return 0;
}

int
ft_bigint_mod(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err)
{
    FtBigInt q;
    if (ft_bigint_divmod(&q, out, a, b, err) < 0)
        return -1;
    ft_bigint_clear(&q);
    return 0;
}

int
ft_bigint_truediv(const FtBigInt *a, const FtBigInt *b, double *d, FtNumError *err)
{
    int sa = ft_bigint_sign(a), sb = ft_bigint_sign(b);
    if (sb == 0)
        return zero_division(err);
    bool negative = (sa < 0) != (sb < 0);
    if (sa == 0) {
        *d = negative ? -0.0 : 0.0;
        return 0;
    }
    const int64_t exact = (int64_t)1 << DBL_MANT_DIG;
    if (!a->big && !b->big && a->small >= -exact && a->small <= exact && b->small >= -exact &&
        b->small <= exact) {
        // Both are exact doubles, so IEEE division is already correctly rounded.
        *d = (double)a->small / (double)b->small;
        return 0;
    }
    ft_bigint_init();
    Operand oa, ob;
    operand_open(&oa, a);
    operand_open(&ob, b);
    int64_t na = (int64_t)mpz_sizeinbase(oa.p, 2), nb = (int64_t)mpz_sizeinbase(ob.p, 2);
    int result = 0;
    // 2**(na-nb-1) < |a/b| < 2**(na-nb+1).
    if (na - nb - 1 >= DBL_MAX_EXP) {
        result = ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW,
                                  "integer division result too large for a float");
        goto done;
    }
    if (na - nb + 1 < DBL_MIN_EXP - DBL_MANT_DIG - 1) {
        *d = negative ? -0.0 : 0.0;   // below half the smallest subnormal
        goto done;
    }
    {
        // q = floor(|a| * 2**s / |b|) with at least DBL_MANT_DIG + 3 bits, and the lowest bit
        // forced to 1 when the division is inexact: as q keeps two or more bits below the
        // rounding position, that sticky bit makes the final rounding see the true remainder.
        int64_t s = (DBL_MANT_DIG + 3) - (na - nb);
        mpz_t num, den, q, r;
        mpz_init(num);
        mpz_init(den);
        mpz_init(q);
        mpz_init(r);
        mpz_abs(num, oa.p);
        mpz_abs(den, ob.p);
        if (s > 0)
            mpz_mul_2exp(num, num, (mp_bitcnt_t)s);
        else if (s < 0)
            mpz_mul_2exp(den, den, (mp_bitcnt_t)-s);
        mpz_tdiv_qr(q, r, num, den);
        if (mpz_sgn(r) != 0)
            mpz_setbit(q, 0);
        double v = scaled_mpz_to_double(q, -s);
        mpz_clear(num);
        mpz_clear(den);
        mpz_clear(q);
        mpz_clear(r);
        if (isinf(v)) {
            result = ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW,
                                      "integer division result too large for a float");
            goto done;
        }
        *d = negative ? -v : v;
    }
done:
    operand_close(&ob);
    operand_close(&oa);
    return result;
}

int
ft_bigint_pow(FtBigInt *out, const FtBigInt *base, const FtBigInt *exp, const FtBigInt *mod,
              FtNumError *err)
{
    set_zero(out);
    ft_bigint_init();
    int exp_sign = ft_bigint_sign(exp);
    if (mod) {
        int mod_sign = ft_bigint_sign(mod);
        if (mod_sign == 0)
            return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "pow() 3rd argument cannot be 0");
        Operand ob, oe, om;
        operand_open(&ob, base);
        operand_open(&oe, exp);
        operand_open(&om, mod);
        mpz_t m, b, e, r;
        mpz_init(m);
        mpz_init(b);
        mpz_init(e);
        mpz_init(r);
        mpz_abs(m, om.p);
        mpz_set(b, ob.p);
        mpz_abs(e, oe.p);
        int result = 0;
        if (mpz_cmp_ui(m, 1) == 0) {
            mpz_set_ui(r, 0);   // everything is 0 modulo 1, even a non-invertible base
        } else {
            if (exp_sign < 0 && mpz_invert(b, b, m) == 0) {
                result = ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                                          "base is not invertible for the given modulus");
            } else {
                mpz_powm(r, b, e, m);   // r in [0, m)
                if (mod_sign < 0 && mpz_sgn(r) != 0)
                    mpz_sub(r, r, m);
            }
        }
        operand_close(&om);
        operand_close(&oe);
        operand_close(&ob);
        mpz_clear(m);
        mpz_clear(b);
        mpz_clear(e);
        if (result < 0) {
            mpz_clear(r);
            return -1;
        }
        normalise_steal(out, r);
        return 0;
    }
    if (exp_sign < 0)
        return 1;   // the caller computes float(base) ** float(exp)
    if (exp_sign == 0) {
        ft_bigint_from_int64(out, 1);
        return 0;
    }
    // Bases 0, 1 and -1 take any exponent; others need a result that fits.
    if (!base->big && base->small >= -1 && base->small <= 1) {
        int64_t v = base->small;
        if (v == -1 && exp->big == NULL && exp->small % 2 == 0)
            v = 1;
        else if (v == -1 && exp->big != NULL && mpz_even_p(exp->big))
            v = 1;
        ft_bigint_from_int64(out, v);
        return 0;
    }
    // |base| >= 2 has bits >= 2 and |base|**exp needs more than (bits - 1) * exp bits.
    uint64_t bits = ft_bigint_bit_length(base);
    if (exp->big || (uint64_t)exp->small > FT_BIGINT_MAX_BITS ||
        bits - 1 > FT_BIGINT_MAX_BITS / (uint64_t)exp->small)
        return memory_error(err);
    Operand ob;
    operand_open(&ob, base);
    mpz_t r;
    mpz_init(r);
    mpz_pow_ui(r, ob.p, (unsigned long)exp->small);
    operand_close(&ob);
    normalise_steal(out, r);
    return 0;
}

void
ft_bigint_neg(FtBigInt *out, const FtBigInt *x)
{
    if (!x->big && x->small != INT64_MIN) {
        ft_bigint_from_int64(out, -x->small);
        return;
    }
    ft_bigint_init();
    Operand o;
    operand_open(&o, x);
    mpz_t r;
    mpz_init(r);
    mpz_neg(r, o.p);
    operand_close(&o);
    normalise_steal(out, r);
}

void
ft_bigint_abs(FtBigInt *out, const FtBigInt *x)
{
    if (ft_bigint_sign(x) < 0)
        ft_bigint_neg(out, x);
    else
        ft_bigint_copy(out, x);
}

void
ft_bigint_invert(FtBigInt *out, const FtBigInt *x)
{
    if (!x->big) {
        ft_bigint_from_int64(out, ~x->small);   // ~v == -v - 1 never overflows
        return;
    }
    ft_bigint_init();
    mpz_t r;
    mpz_init(r);
    mpz_com(r, x->big);
    normalise_steal(out, r);
}

void
ft_bigint_and(FtBigInt *out, const FtBigInt *a, const FtBigInt *b)
{
    if (!a->big && !b->big) {
        ft_bigint_from_int64(out, a->small & b->small);
        return;
    }
    binary_op(out, a, b, mpz_and);
}

void
ft_bigint_or(FtBigInt *out, const FtBigInt *a, const FtBigInt *b)
{
    if (!a->big && !b->big) {
        ft_bigint_from_int64(out, a->small | b->small);
        return;
    }
    binary_op(out, a, b, mpz_ior);
}

void
ft_bigint_xor(FtBigInt *out, const FtBigInt *a, const FtBigInt *b)
{
    if (!a->big && !b->big) {
        ft_bigint_from_int64(out, a->small ^ b->small);
        return;
    }
    binary_op(out, a, b, mpz_xor);
}

int
ft_bigint_lshift(FtBigInt *out, const FtBigInt *x, const FtBigInt *count, FtNumError *err)
{
    set_zero(out);
    if (ft_bigint_sign(count) < 0)
        return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "negative shift count");
    if (ft_bigint_sign(x) == 0)
        return 0;
    if (count->big)
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW, "too many digits in integer");
    uint64_t n = (uint64_t)count->small;
    if (n > FT_BIGINT_MAX_BITS || ft_bigint_bit_length(x) + n > FT_BIGINT_MAX_BITS)
        return memory_error(err);
    if (!x->big && n < 63) {
        int64_t v = x->small;
        int64_t limit = INT64_MAX >> n;
        if (v <= limit && v >= -limit - 1) {
            ft_bigint_from_int64(out, (int64_t)((uint64_t)v << n));
            return 0;
        }
    }
    ft_bigint_init();
    Operand o;
    operand_open(&o, x);
    mpz_t r;
    mpz_init(r);
    mpz_mul_2exp(r, o.p, (mp_bitcnt_t)n);
    operand_close(&o);
    normalise_steal(out, r);
    return 0;
}

int
ft_bigint_rshift(FtBigInt *out, const FtBigInt *x, const FtBigInt *count, FtNumError *err)
{
    set_zero(out);
    int sign = ft_bigint_sign(count);
    if (sign < 0)
        return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "negative shift count");
    uint64_t bits = ft_bigint_bit_length(x);
    if (count->big || (uint64_t)count->small >= bits) {
        ft_bigint_from_int64(out, ft_bigint_sign(x) < 0 ? -1 : 0);
        return 0;
    }
    uint64_t n = (uint64_t)count->small;
    if (!x->big) {
        ft_bigint_from_int64(out, x->small >> n);   // arithmetic shift floors (GCC, Clang)
        return 0;
    }
    ft_bigint_init();
    mpz_t r;
    mpz_init(r);
    mpz_fdiv_q_2exp(r, x->big, (mp_bitcnt_t)n);
    normalise_steal(out, r);
    return 0;
}

int
ft_bigint_compare(const FtBigInt *a, const FtBigInt *b)
{
    if (!a->big && !b->big)
        return (a->small > b->small) - (a->small < b->small);
    // A big value lies outside int64_t, so its sign decides against a small one.
    if (!b->big)
        return mpz_sgn(a->big) > 0 ? 1 : -1;
    if (!a->big)
        return mpz_sgn(b->big) > 0 ? -1 : 1;
    int c = mpz_cmp(a->big, b->big);
    return (c > 0) - (c < 0);
}

uint64_t
ft_bigint_bit_length(const FtBigInt *x)
{
    if (x->big)
        return mpz_sizeinbase(x->big, 2);
    uint64_t u = x->small < 0 ? -(uint64_t)x->small : (uint64_t)x->small;
    return u == 0 ? 0 : 64 - (uint64_t)__builtin_clzll(u);
}

uint64_t
ft_bigint_bit_count(const FtBigInt *x)
{
    if (!x->big) {
        uint64_t u = x->small < 0 ? -(uint64_t)x->small : (uint64_t)x->small;
        return (uint64_t)__builtin_popcountll(u);
    }
    if (mpz_sgn(x->big) >= 0)
        return mpz_popcount(x->big);
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, x->big);
    uint64_t n = mpz_popcount(a);
    mpz_clear(a);
    return n;
}

int64_t
ft_bigint_hash(const FtBigInt *x)
{
    uint64_t h;
    int sign = ft_bigint_sign(x);
    if (!x->big) {
        uint64_t u = x->small < 0 ? -(uint64_t)x->small : (uint64_t)x->small;
        h = u % HASH_MODULUS;
    } else {
        h = mpz_tdiv_ui(x->big, HASH_MODULUS);   // |x| mod P
    }
    int64_t r = sign < 0 ? -(int64_t)h : (int64_t)h;
    return r == -1 ? -2 : r;
}

static int
str_limit_error(FtNumError *err, int64_t max_str_digits)
{
    return ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                            "Exceeds the limit (%lld digits) for integer string conversion; use "
                            "sys.set_int_max_str_digits() to increase the limit",
                            (long long)max_str_digits);
}

int
ft_bigint_to_string(const FtBigInt *x, int base, int prefix, int64_t max_str_digits, char **out,
                    size_t *len, FtNumError *err)
{
    *out = NULL;
    FT_ASSERT(base == 2 || base == 8 || base == 10 || base == 16);
    ft_bigint_init();
    Operand o;
    operand_open(&o, x);
    size_t estimate = mpz_sizeinbase(o.p, base);   // exact or one too many
    if (base == 10 && max_str_digits > 0 && estimate > FT_BIGINT_MAX_STR_DIGITS_THRESHOLD + 1 &&
        estimate - 1 > (uint64_t)max_str_digits) {
        operand_close(&o);
        return str_limit_error(err, max_str_digits);
    }
    char *buf = mi_malloc(estimate + 5);   // sign, "0x", digits, NUL
    if (!buf) {
        operand_close(&o);
        return memory_error(err);
    }
    size_t pos = 0;
    if (mpz_sgn(o.p) < 0)
        buf[pos++] = '-';
    if (prefix && base != 10) {
        buf[pos++] = '0';
        buf[pos++] = base == 2 ? 'b' : base == 8 ? 'o' : 'x';
    }
    mpz_t a;
    mpz_init(a);
    mpz_abs(a, o.p);
    mpz_get_str(buf + pos, base, a);
    mpz_clear(a);
    operand_close(&o);
    size_t digits = strlen(buf + pos);
    if (base == 10 && max_str_digits > 0 && digits > FT_BIGINT_MAX_STR_DIGITS_THRESHOLD &&
        digits > (uint64_t)max_str_digits) {
        mi_free(buf);
        return str_limit_error(err, max_str_digits);
    }
    *out = buf;
    if (len)
        *len = pos + digits;
    return 0;
}

static int
int_format_error(FtNumError *err, const char *message)
{
    return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "%s", message);
}

// format(x, spec) for the 'c' type: the code point x, laid out like a number without a sign.
static char *
format_char(const FtBigInt *x, const FtFormatSpec *fs, size_t *out_len, FtNumError *err)
{
    if (fs->sign) {
        int_format_error(err, "Sign not allowed with integer format specifier 'c'");
        return NULL;
    }
    if (fs->alternate) {
        int_format_error(err, "Alternate form (#) not allowed with integer format specifier 'c'");
        return NULL;
    }
    if (x->big) {
        ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW, "Python int too large to convert to C long");
        return NULL;
    }
    if (x->small < 0 || x->small > 0x10FFFF) {
        ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW, "%%c arg not in range(0x110000)");
        return NULL;
    }
    char utf8[4];
    size_t n = ft_format_put_utf8(utf8, (uint32_t)x->small);
    return ft_format_layout_number(fs, '\0', "", "", 0, utf8, n, '>', out_len, err);
}

char *
ft_bigint_format(const FtBigInt *x, const char *spec, size_t len, int64_t max_str_digits,
                 size_t *out_len, FtNumError *err)
{
    FtFormatSpec fs;
    if (ft_format_spec_parse(spec, len, "int", 'd', &fs, err) < 0)
        return NULL;
    switch (fs.type) {
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': case '%': {
        // CPython formats float(x) with the same spec.
        double d;
        if (ft_bigint_to_double(x, &d, err) < 0)
            return NULL;
        return ft_float_format(d, spec, len, out_len, err);
    }
    case 'b': case 'c': case 'd': case 'o': case 'x': case 'X': case 'n':
        break;
    default:
        if (fs.type > 32 && fs.type < 127)
            ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                             "Unknown format code '%c' for object of type 'int'", (char)fs.type);
        else
            ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                             "Unknown format code '\\x%x' for object of type 'int'",
                             (unsigned)fs.type);
        return NULL;
    }
    if (fs.precision >= 0) {
        int_format_error(err, "Precision not allowed in integer format specifier");
        return NULL;
    }
    if (fs.no_neg_zero) {
        int_format_error(err, "Negative zero coercion (z) not allowed in integer format specifier");
        return NULL;
    }
    if (fs.type == 'c')
        return format_char(x, &fs, out_len, err);
    // 'n' is 'd' in the C locale (no grouping, as ftpy never sets LC_NUMERIC).
    int base = fs.type == 'b' ? 2 : fs.type == 'o' ? 8 : (fs.type == 'x' || fs.type == 'X') ? 16 : 10;
    char *text;
    size_t n;
    if (ft_bigint_to_string(x, base, 0, base == 10 ? max_str_digits : 0, &text, &n, err) < 0)
        return NULL;
    bool negative = text[0] == '-';
    const char *digits = text + (negative ? 1 : 0);
    if (fs.type == 'X')
        for (char *p = text; *p; p++)
            if (*p >= 'a' && *p <= 'f')
                *p = (char)(*p - 'a' + 'A');
    const char *prefix = "";
    if (fs.alternate)
        prefix = base == 2 ? "0b" : base == 8 ? "0o" : fs.type == 'X' ? "0X" : base == 16 ? "0x" : "";
    char *out = ft_format_layout_number(&fs, negative ? '-' : '\0', prefix, digits,
                                        n - (negative ? 1 : 0), "", 0, '>', out_len, err);
    ft_format_free(text);
    return out;
}

static int
is_ascii_space(int c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Value of an ASCII digit or letter as a digit, or 99 for anything else.
static int
digit_value(int c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'Z')
        return c - 'A' + 10;
    return 99;
}

// Decodes UTF-8 into ASCII as int() sees a str: ASCII stays, Unicode whitespace becomes ' ',
// Unicode decimal digits become '0'..'9', and anything else ends the text with a '?' (which no
// parse accepts). Returns a mimalloc buffer of *n bytes plus a NUL, or NULL on memory failure.
static char *
transform_to_ascii(const char *text, size_t len, size_t *n)
{
    char *out = mi_malloc(len + 2);
    if (!out)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)text[i];
        if (c < 0x80) {
            out[o++] = (char)c;
            i++;
            continue;
        }
        size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
        if (need == 0 || i + need >= len) {
            out[o++] = '?';
            break;
        }
        uint32_t cp = need == 1 ? (c & 0x1Fu) : need == 2 ? (c & 0x0Fu) : (c & 0x07u);
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

// Parses the ASCII s[0..n) as int(s, base); 0 with the value, -1 for an invalid literal, -2 for
// the digit limit (with *ndigits set).
static int
parse_ascii_int(mpz_t z, const char *s, size_t n, int base, int64_t max_str_digits,
                int64_t *ndigits)
{
    size_t i = 0;
    while (i < n && is_ascii_space(s[i]))
        i++;
    bool negative = false;
    if (i < n && (s[i] == '+' || s[i] == '-')) {
        negative = s[i] == '-';
        i++;
    }
    bool zeros_only = false;
    if (base == 0) {
        if (i < n && s[i] == '0') {
            char p = i + 1 < n ? s[i + 1] : '\0';
            if (p == 'x' || p == 'X')
                base = 16;
            else if (p == 'o' || p == 'O')
                base = 8;
            else if (p == 'b' || p == 'B')
                base = 2;
            else {
                base = 10;
                zeros_only = true;   // "0_0" and "00" are fine, "012" is not
            }
        } else {
            base = 10;
        }
    }
    if (i + 1 < n && s[i] == '0') {
        char p = s[i + 1];
        if ((base == 16 && (p == 'x' || p == 'X')) || (base == 8 && (p == 'o' || p == 'O')) ||
            (base == 2 && (p == 'b' || p == 'B'))) {
            i += 2;
            if (i < n && s[i] == '_')
                i++;   // one underscore may follow the prefix
        }
    }
    if (i < n && s[i] == '_')
        return -1;
    char *digits = mi_malloc(n - i + 1);
    if (!digits)
        ft_fatal("bigint: out of memory");
    size_t nd = 0;
    char prev = '\0';
    for (; i < n && (digit_value(s[i]) < base || s[i] == '_'); i++) {
        if (s[i] == '_') {
            if (prev == '_') {
                mi_free(digits);
                return -1;
            }
        } else {
            digits[nd++] = s[i];
        }
        prev = s[i];
    }
    if (prev == '_' || nd == 0) {
        mi_free(digits);
        return -1;
    }
    digits[nd] = '\0';
    while (i < n && is_ascii_space(s[i]))
        i++;
    if (i != n) {
        mi_free(digits);
        return -1;
    }
    // The limit applies only to well-formed text, and only to bases that need a quadratic
    // conversion in CPython (not powers of two).
    if ((base & (base - 1)) != 0 && nd > FT_BIGINT_MAX_STR_DIGITS_THRESHOLD &&
        max_str_digits > 0 && (int64_t)nd > max_str_digits) {
        mi_free(digits);
        *ndigits = (int64_t)nd;
        return -2;
    }
    mpz_set_str(z, digits, base);
    mi_free(digits);
    if (zeros_only && mpz_sgn(z) != 0)
        return -1;
    if (negative)
        mpz_neg(z, z);
    return 0;
}

int
ft_bigint_from_string(FtBigInt *out, const char *text, size_t len, int base,
                      int64_t max_str_digits, FtNumError *err)
{
    set_zero(out);
    if ((base != 0 && base < 2) || base > 36)
        return ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                                "int() base must be >= 2 and <= 36, or 0");
    ft_bigint_init();
    size_t n;
    char *ascii = transform_to_ascii(text, len, &n);
    if (!ascii)
        return memory_error(err);
    mpz_t z;
    mpz_init(z);
    int64_t ndigits = 0;
    int rc = parse_ascii_int(z, ascii, n, base, max_str_digits, &ndigits);
    mi_free(ascii);
    if (rc == -2) {
        mpz_clear(z);
        return ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                                "Exceeds the limit (%lld digits) for integer string conversion: "
                                "value has %lld digits; use sys.set_int_max_str_digits() to "
                                "increase the limit",
                                (long long)max_str_digits, (long long)ndigits);
    }
    if (rc < 0) {
        mpz_clear(z);
        if (err) {
            err->kind = FT_NUM_ERROR_VALUE;
            int k = snprintf(err->message, sizeof err->message,
                             "invalid literal for int() with base %d: ", base);
            err->message[k] = '\0';
            ft_format_repr_string(err->message, sizeof err->message, text, len, 200);
        }
        return -1;
    }
    normalise_steal(out, z);
    return 0;
}

int
ft_bigint_to_bytes(const FtBigInt *x, unsigned char *buf, size_t length, int big_endian,
                   int is_signed, FtNumError *err)
{
    int sign = ft_bigint_sign(x);
    if (sign < 0 && !is_signed)
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW,
                                "can't convert negative int to unsigned");
    ft_bigint_init();
    Operand o;
    operand_open(&o, x);
    // Two's complement in length bytes: v + 2**(8*length) for negative v, which must fit.
    mpz_t v;
    mpz_init_set(v, o.p);
    operand_close(&o);
    // |v| needs bits bits; a signed negative v fits when |v| <= 2**(8*length - 1).
    size_t bits = sign == 0 ? 0 : mpz_sizeinbase(v, 2);
    size_t room = 8 * length;
    bool fits;
    if (sign == 0)
        fits = true;
    else if (!is_signed)
        fits = bits <= room;
    else if (sign > 0)
        fits = bits < room;
    else
        fits = bits < room || (bits == room && mpz_scan1(v, 0) == bits - 1);
    if (!fits) {
        mpz_clear(v);
        return ft_num_error_set(err, FT_NUM_ERROR_OVERFLOW, "int too big to convert");
    }
    if (sign < 0) {
        mpz_t m;
        mpz_init_set_ui(m, 1);
        mpz_mul_2exp(m, m, 8 * length);
        mpz_add(v, v, m);
        mpz_clear(m);
    }
    memset(buf, 0, length);
    if (length > 0 && mpz_sgn(v) != 0) {
        size_t count = 0;
        // Little-endian words of one byte; the value fits, so count <= length.
        mpz_export(buf, &count, -1, 1, 0, 0, v);
        FT_ASSERT(count <= length);
        if (big_endian)
            for (size_t i = 0; i < length / 2; i++) {
                unsigned char t = buf[i];
                buf[i] = buf[length - 1 - i];
                buf[length - 1 - i] = t;
            }
    }
    mpz_clear(v);
    return 0;
}

void
ft_bigint_from_bytes(FtBigInt *out, const unsigned char *buf, size_t length, int big_endian,
                     int is_signed)
{
    ft_bigint_init();
    mpz_t v;
    mpz_init(v);
    if (length > 0)
        mpz_import(v, length, big_endian ? 1 : -1, 1, 0, 0, buf);
    unsigned char top = length == 0 ? 0 : big_endian ? buf[0] : buf[length - 1];
    if (is_signed && (top & 0x80)) {
        mpz_t m;
        mpz_init_set_ui(m, 1);
        mpz_mul_2exp(m, m, 8 * length);
        mpz_sub(v, v, m);
        mpz_clear(m);
    }
    normalise_steal(out, v);
}

// objects/complex.c: complex, two immutable doubles per object: repr ("(1+2j)", "-0j", "infj"),
// hash, ==/!= with ints and floats, arithmetic with 3.14's mixed-mode rules (a real operand is not
// widened to complex: 2 - (1-0j) keeps the zero's sign, complex(inf, 0) * 2.0 has no NaN), Smith's
// division and multiplication with C11 Annex G recovery of infinities and zeros, pow, abs, the methods and complex()
// construction from strings and numbers. Semantics: CPython 3.14's Objects/complexobject.c.
//
// Invariant: a complex's value never changes after construction.
//
// Concurrency: complex numbers are immutable and this file keeps no shared state: no locks.
//   operation                                  | synchronization
//   every slot, method, property, complex()    | lock-free (immutable values)
//   ft_complex_init_types                      | start-up only (single thread)
//
// complex(bytes) is (as in CPython) a TypeError.
#include <errno.h>    // errno EDOM ERANGE
#include <mimalloc.h> // mi_malloc mi_free
#include <math.h>     // hypot atan2 pow exp log cos sin floor fabs copysign isnan isinf isfinite
#include <stddef.h>   // offsetof
#include <stdio.h>    // snprintf
#include <string.h>   // memchr memcpy strlen

#include "objects/complex.h"

#include "objects/abstract_number.h"   // ft_number_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/float.h"             // ft_float_*
#include "objects/float_format.h"      // ft_float_repr ft_float_format ft_float_hash ...
#include "objects/format_spec.h"       // FtFormatSpec ft_format_spec_parse ft_format_layout_number
#include "objects/int.h"               // ft_int_*
#include "objects/method_def.h"        // FtMethodDef FtMemberDef
#include "objects/object.h"            // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_lookup_borrow ft_type_ready
#include "objects/unicode_db.h"        // ft_unicode_is_space ft_unicode_decimal_value
#include "objects/warnings.h"          // ft_warn

// The multiplier of the imaginary part's hash (CPython's _PyHASH_IMAG).
#define HASH_IMAG UINT64_C(1000003)

/* --- Value arithmetic --- */

static FtComplex
c_make(double real, double imag)
{
    FtComplex c = {real, imag};
    return c;
}

// x with a NaN replaced by a zero of its sign (C11 Annex G's recovery step).
static double
nan_to_zero(double x)
{
    return isnan(x) ? copysign(0.0, x) : x;
}

// An infinity as a signed 1, a finite value as a signed 0.
static double
inf_to_unit(double x)
{
    return copysign(isinf(x) ? 1.0 : 0.0, x);
}

// z * w; a NaN+NaNj result is repaired as C11 Annex G's multiplication: an infinite factor (or an
// overflowing partial product) makes the product infinite.
static FtComplex
c_prod(FtComplex z, FtComplex w)
{
    double a = z.real, b = z.imag, c = w.real, d = w.imag;
    double ac = a * c, bd = b * d, ad = a * d, bc = b * c;
    FtComplex r = c_make(ac - bd, ad + bc);
    if (!isnan(r.real) || !isnan(r.imag))
        return r;
    int recalc = 0;
    if (isinf(a) || isinf(b)) {
        a = inf_to_unit(a);
        b = inf_to_unit(b);
        c = nan_to_zero(c);
        d = nan_to_zero(d);
        recalc = 1;
    }
    if (isinf(c) || isinf(d)) {
        c = inf_to_unit(c);
        d = inf_to_unit(d);
        a = nan_to_zero(a);
        b = nan_to_zero(b);
        recalc = 1;
    }
    if (!recalc && (isinf(ac) || isinf(bd) || isinf(ad) || isinf(bc))) {
        a = nan_to_zero(a);
        b = nan_to_zero(b);
        c = nan_to_zero(c);
        d = nan_to_zero(d);
        recalc = 1;
    }
    if (recalc) {
        r.real = INFINITY * (a * c - b * d);
        r.imag = INFINITY * (a * d + b * c);
    }
    return r;
}

// a / b by Smith's method; a_is_real drops a's imaginary terms (a real numerator keeps the signs
// of its zeros). b == 0 sets errno EDOM. A NaN+NaNj result is repaired as C11 Annex G describes:
// an infinite numerator over a finite denominator is infinite, a finite one over an infinite
// denominator is zero.
static FtComplex
c_quot(FtComplex a, FtComplex b, int a_is_real)
{
    FtComplex r;
    double abs_br = fabs(b.real), abs_bi = fabs(b.imag);
    if (abs_br >= abs_bi) {
        if (abs_br == 0.0) {
            errno = EDOM;
            return c_make(0.0, 0.0);
        }
        double ratio = b.imag / b.real;
        double denom = b.real + b.imag * ratio;
        if (a_is_real) {
            r.real = a.real / denom;
            r.imag = (-a.real * ratio) / denom;
        } else {
            r.real = (a.real + a.imag * ratio) / denom;
            r.imag = (a.imag - a.real * ratio) / denom;
        }
    } else if (abs_bi >= abs_br) {
        double ratio = b.real / b.imag;
        double denom = b.real * ratio + b.imag;
        if (a_is_real) {
            r.real = (a.real * ratio) / denom;
            r.imag = (-a.real) / denom;
        } else {
            r.real = (a.real * ratio + a.imag) / denom;
            r.imag = (a.imag * ratio - a.real) / denom;
        }
    } else {   // b has a NaN part
        r = c_make(NAN, NAN);
    }
    if (isnan(r.real) && isnan(r.imag)) {
        if ((isinf(a.real) || isinf(a.imag)) && isfinite(b.real) && isfinite(b.imag)) {
            double x = inf_to_unit(a.real), y = inf_to_unit(a.imag);
            r.real = INFINITY * (x * b.real + y * b.imag);
            r.imag = INFINITY * (y * b.real - x * b.imag);
        } else if ((isinf(abs_br) || isinf(abs_bi)) && isfinite(a.real) && isfinite(a.imag)) {
            double x = inf_to_unit(b.real), y = inf_to_unit(b.imag);
            if (a_is_real) {
                r.real = 0.0 * (a.real * x);
                r.imag = 0.0 * (-a.real * y);
            } else {
                r.real = 0.0 * (a.real * x + a.imag * y);
                r.imag = 0.0 * (a.imag * x - a.real * y);
            }
        }
    }
    return r;
}

static FtComplex
c_pow(FtComplex a, FtComplex b)
{
    if (b.real == 0.0 && b.imag == 0.0)
        return c_make(1.0, 0.0);
    if (a.real == 0.0 && a.imag == 0.0) {
        if (b.imag != 0.0 || b.real < 0.0)
            errno = EDOM;
        return c_make(0.0, 0.0);
    }
    double vabs = hypot(a.real, a.imag);
    double len = pow(vabs, b.real);
    double at = atan2(a.imag, a.real);
    double phase = at * b.real;
    if (b.imag != 0.0) {
        len *= exp(-at * b.imag);
        phase += b.imag * log(vabs);
    }
    return c_make(len * cos(phase), len * sin(phase));
}

// x ** n for n >= 0 by repeated squaring.
static FtComplex
c_powu(FtComplex x, long n)
{
    FtComplex r = c_make(1.0, 0.0), p = x;
    for (long mask = 1; mask > 0 && n >= mask; mask <<= 1) {
        if (n & mask)
            r = c_prod(r, p);
        p = c_prod(p, p);
    }
    return r;
}

int
ft_complex_pow(FtComplex a, FtComplex b, FtComplex *out)
{
    FtComplex p;
    errno = 0;
    if (b.imag == 0.0 && b.real == floor(b.real) && fabs(b.real) <= 100.0) {
        long n = (long)b.real;
        p = n > 0 ? c_powu(a, n) : c_quot(c_make(1.0, 0.0), c_powu(a, -n), 0);
    } else {
        p = c_pow(a, b);
    }
    // As CPython's _Py_ADJUST_ERANGE2: an infinite part means overflow; a finite (or NaN) result
    // is no error even when an intermediate step overflowed or underflowed.
    if (isinf(p.real) || isinf(p.imag)) {
        if (errno == 0)
            errno = ERANGE;
    } else if (errno == ERANGE) {
        errno = 0;
    }
    if (errno == EDOM) {
        ft_error_format(&ft_exc_zero_division_error, "zero to a negative or complex power");
        return -1;
    }
    if (errno == ERANGE) {
        ft_error_format(&ft_exc_overflow_error, "complex exponentiation");
        return -1;
    }
    *out = p;
    return 0;
}

/* --- Internal API --- */

FtObject *
ft_complex_from_doubles_ref(double real, double imag)
{
    FtComplexObject *op = (FtComplexObject *)ft_object_new_of_type(&ft_complex_type, 0);
    if (op == NULL)
        return NULL;
    op->value = c_make(real, imag);
    return (FtObject *)op;
}

static FtObject *
complex_from_value(FtComplex c)
{
    return ft_complex_from_doubles_ref(c.real, c.imag);
}

/* --- Slots --- */

// repr of one part: the shortest repr without float's added ".0" ("1", "1e+16", "inf", "nan"),
// with a sign when with_sign (a NaN is always "+nan").
static size_t
part_repr(double x, int with_sign, char *buf, size_t size)
{
    char tmp[FT_FLOAT_REPR_MAX];
    size_t n = ft_float_repr(x, tmp, sizeof tmp);
    if (n >= 2 && tmp[n - 2] == '.' && tmp[n - 1] == '0')
        n -= 2;
    tmp[n] = '\0';
    size_t pos = 0;
    if (with_sign && tmp[0] != '-')
        buf[pos++] = '+';
    if (n + pos + 1 > size)
        n = size - pos - 1;
    memcpy(buf + pos, tmp, n);
    buf[pos + n] = '\0';
    return pos + n;
}

static FtObject *
complex_repr(FtObject *op)
{
    FtComplex c = ft_complex_value(op);
    char re[FT_FLOAT_REPR_MAX + 2], im[FT_FLOAT_REPR_MAX + 2];
    if (c.real == 0.0 && copysign(1.0, c.real) == 1.0) {
        part_repr(c.imag, 0, im, sizeof im);
        return ft_str_from_format_ref("%sj", im);
    }
    part_repr(c.real, 0, re, sizeof re);
    part_repr(c.imag, 1, im, sizeof im);
    return ft_str_from_format_ref("(%s%sj)", re, im);
}

static Ft_hash
complex_hash(FtObject *op)
{
    FtComplex c = ft_complex_value(op);
    int nan_re = 0, nan_im = 0;
    uint64_t hr = (uint64_t)ft_float_hash(c.real, &nan_re);
    uint64_t hi = (uint64_t)ft_float_hash(c.imag, &nan_im);
    if (nan_re)
        hr = (uint64_t)ft_object_hash_pointer(op);
    if (nan_im)
        hi = (uint64_t)ft_object_hash_pointer(op);
    uint64_t combined = hr + HASH_IMAG * hi;
    if (combined == (uint64_t)-1)
        combined = (uint64_t)-2;
    return (Ft_hash)combined;
}

static FtObject *
complex_richcompare(FtObject *v, FtObject *w, int op)
{
    if ((op != FT_EQ && op != FT_NE) || !ft_complex_check(v))
        return FT_NOT_IMPLEMENTED;
    FtComplex i = ft_complex_value(v);
    int equal;
    if (ft_int_check(w)) {
        if (i.imag != 0.0)
            return ft_bool_from(op == FT_NE);
        FtObject *j = ft_float_from_double_ref(i.real);   // float == int is exact
        if (j == NULL)
            return NULL;
        FtObject *r = ft_object_rich_compare_ref(j, w, op);
        ft_decref(j);
        return r;
    } else if (ft_float_check(w)) {
        equal = i.real == ft_float_value(w) && i.imag == 0.0;
    } else if (ft_complex_check(w)) {
        FtComplex j = ft_complex_value(w);
        equal = i.real == j.real && i.imag == j.imag;
    } else {
        return FT_NOT_IMPLEMENTED;
    }
    return ft_bool_from(equal == (op == FT_EQ));
}

// An operand of a binary slot: 2 complex, 1 real (an int or float, in *c's real part), 0 another
// type (the slot returns NotImplemented), -1 error (an int too large for a float).
static int
operand(FtObject *op, FtComplex *c)
{
    if (ft_complex_check(op)) {
        *c = ft_complex_value(op);
        return 2;
    }
    if (ft_float_check(op)) {
        *c = c_make(ft_float_value(op), 0.0);
        return 1;
    }
    if (ft_int_check(op)) {
        double d = ft_float_as_double(op);
        if (d == -1.0 && ft_error_occurred())
            return -1;
        *c = c_make(d, 0.0);
        return 1;
    }
    return 0;
}

// The result of a binary slot whose operand did not convert: NotImplemented, or NULL on error.
static FtObject *
not_converted(int rc)
{
    return rc < 0 ? NULL : FT_NOT_IMPLEMENTED;
}

static FtObject *
complex_add(FtObject *v, FtObject *w)
{
    FtComplex a, b;
    int ka = operand(v, &a);
    if (ka <= 0)
        return not_converted(ka);
    int kb = operand(w, &b);
    if (kb <= 0)
        return not_converted(kb);
    if (kb == 1)   // complex + real: the imaginary part is untouched
        return complex_from_value(c_make(a.real + b.real, a.imag));
    if (ka == 1)
        return complex_from_value(c_make(a.real + b.real, b.imag));
    return complex_from_value(c_make(a.real + b.real, a.imag + b.imag));
}

static FtObject *
complex_subtract(FtObject *v, FtObject *w)
{
    FtComplex a, b;
    int ka = operand(v, &a);
    if (ka <= 0)
        return not_converted(ka);
    int kb = operand(w, &b);
    if (kb <= 0)
        return not_converted(kb);
    if (kb == 1)
        return complex_from_value(c_make(a.real - b.real, a.imag));
    if (ka == 1)
        return complex_from_value(c_make(a.real - b.real, -b.imag));
    return complex_from_value(c_make(a.real - b.real, a.imag - b.imag));
}

static FtObject *
complex_multiply(FtObject *v, FtObject *w)
{
    FtComplex a, b;
    int ka = operand(v, &a);
    if (ka <= 0)
        return not_converted(ka);
    int kb = operand(w, &b);
    if (kb <= 0)
        return not_converted(kb);
    if (kb == 1)
        return complex_from_value(c_make(a.real * b.real, a.imag * b.real));
    if (ka == 1)
        return complex_from_value(c_make(a.real * b.real, a.real * b.imag));
    return complex_from_value(c_prod(a, b));
}

static FtObject *
complex_true_divide(FtObject *v, FtObject *w)
{
    FtComplex a, b;
    int ka = operand(v, &a);
    if (ka <= 0)
        return not_converted(ka);
    int kb = operand(w, &b);
    if (kb <= 0)
        return not_converted(kb);
    FtComplex q;
    errno = 0;
    if (kb == 1) {
        if (b.real == 0.0)
            errno = EDOM;
        else
            q = c_make(a.real / b.real, a.imag / b.real);
    } else {
        q = c_quot(a, b, ka == 1);
    }
    if (errno == EDOM)
        return ft_error_format(&ft_exc_zero_division_error, "division by zero");
    return complex_from_value(q);
}

static FtObject *
complex_power(FtObject *v, FtObject *w, FtObject *z)
{
    FtComplex a, b;
    int ka = operand(v, &a);
    if (ka <= 0)
        return not_converted(ka);
    int kb = operand(w, &b);
    if (kb <= 0)
        return not_converted(kb);
    (void)ka;
    (void)kb;
    if (z != FT_NONE)
        return ft_error_format(&ft_exc_value_error, "complex modulo");
    FtComplex p;
    if (ft_complex_pow(a, b, &p) < 0)
        return NULL;
    return complex_from_value(p);
}

static FtObject *
complex_negative(FtObject *v)
{
    FtComplex c = ft_complex_value(v);
    return complex_from_value(c_make(-c.real, -c.imag));
}

static FtObject *
complex_exact(FtObject *v)
{
    if (ft_object_is_exact(v, &ft_complex_type))
        return ft_new_ref(v);
    return complex_from_value(ft_complex_value(v));
}

static FtObject *
complex_absolute(FtObject *v)
{
    FtComplex c = ft_complex_value(v);
    double r;
    if (!isfinite(c.real) || !isfinite(c.imag)) {
        // C99: an infinite part makes the modulus infinite, even with a NaN beside it.
        if (isinf(c.real))
            r = fabs(c.real);
        else if (isinf(c.imag))
            r = fabs(c.imag);
        else
            r = NAN;
    } else {
        r = hypot(c.real, c.imag);
        if (!isfinite(r))
            return ft_error_format(&ft_exc_overflow_error, "absolute value too large");
    }
    return ft_float_from_double_ref(r);
}

static int
complex_bool(FtObject *v)
{
    FtComplex c = ft_complex_value(v);
    return c.real != 0.0 || c.imag != 0.0;
}

/* --- Parsing --- */

static int
is_space(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r' || ch == '\f' || ch == '\v';
}

static int
is_digit(char ch)
{
    return ch >= '0' && ch <= '9';
}

static int
prefix_ci(const char *s, const char *end, const char *word)
{
    size_t n = strlen(word);
    if ((size_t)(end - s) < n)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch >= 'A' && ch <= 'Z')
            ch = (char)(ch - 'A' + 'a');
        if (ch != word[i])
            return 0;
    }
    return 1;
}

// The length of the float literal at s (sign, digits, point, exponent, inf/infinity/nan), 0 if
// none; the value in *out (an overflowing literal reads as an infinity, as strtod's prefix parse).
static size_t
scan_double(const char *s, const char *end, double *out)
{
    const char *p = s;
    if (p < end && (*p == '+' || *p == '-'))
        p++;
    if (prefix_ci(p, end, "infinity"))
        p += 8;
    else if (prefix_ci(p, end, "inf") || prefix_ci(p, end, "nan"))
        p += 3;
    else {
        int digits = 0;
        while (p < end && is_digit(*p)) {
            p++;
            digits++;
        }
        if (p < end && *p == '.') {
            p++;
            while (p < end && is_digit(*p)) {
                p++;
                digits++;
            }
        }
        if (digits == 0)
            return 0;
        if (p < end && (*p == 'e' || *p == 'E')) {
            const char *q = p + 1;
            if (q < end && (*q == '+' || *q == '-'))
                q++;
            if (q < end && is_digit(*q)) {
                while (q < end && is_digit(*q))
                    q++;
                p = q;
            }
        }
    }
    FtNumError err;
    if (ft_float_from_string(s, (size_t)(p - s), out, &err) < 0) {
        // Out of range never fails in float(); anything else was not a literal after all.
        return 0;
    }
    return (size_t)(p - s);
}

// complex(text) for ASCII text[0..len) without underscores. 0, or -1 for a malformed string.
static int
parse_complex(const char *s, const char *end, FtComplex *out)
{
    double real = 0.0, imag = 0.0, x;
    int bracket = 0;
    while (s < end && is_space(*s))
        s++;
    if (s < end && *s == '(') {
        bracket = 1;
        s++;
        while (s < end && is_space(*s))
            s++;
    }
    size_t n = scan_double(s, end, &x);
    if (n > 0) {
        s += n;
        if (s < end && (*s == '+' || *s == '-')) {
            real = x;
            double y;
            size_t m = scan_double(s, end, &y);
            if (m > 0) {
                s += m;
                imag = y;
            } else {
                imag = *s == '+' ? 1.0 : -1.0;
                s++;
            }
            if (s >= end || (*s != 'j' && *s != 'J'))
                return -1;
            s++;
        } else if (s < end && (*s == 'j' || *s == 'J')) {
            imag = x;
            s++;
        } else {
            real = x;
        }
    } else {
        double sign = 1.0;
        if (s < end && (*s == '+' || *s == '-')) {
            sign = *s == '-' ? -1.0 : 1.0;
            s++;
        }
        if (s >= end || (*s != 'j' && *s != 'J'))
            return -1;
        imag = sign;
        s++;
    }
    while (s < end && is_space(*s))
        s++;
    if (bracket) {
        if (s >= end || *s != ')')
            return -1;
        s++;
        while (s < end && is_space(*s))
            s++;
    }
    if (s != end)
        return -1;
    *out = c_make(real, imag);
    return 0;
}

// complex(str): Unicode whitespace becomes ' ' and Unicode decimal digits their ASCII digit (the
// text is cut after the first other non-ASCII character, left as '?', as CPython's
// _PyUnicode_TransformDecimalAndSpaceToASCII); underscores are then allowed only between two
// digits, and dropped.
static FtObject *
complex_from_str(FtObject *str)
{
    Ft_ssize len = ft_str_length(str);
    char small[128];
    char *ascii = (size_t)len < sizeof small ? small : mi_malloc((size_t)len + 1);
    if (ascii == NULL)
        return ft_error_no_memory();
    size_t n = 0;
    for (Ft_ssize i = 0; i < len; i++) {
        uint32_t cp = ft_str_read_char(str, i);
        if (cp < 0x80) {
            ascii[n++] = (char)cp;
        } else if (ft_unicode_is_space(cp)) {
            ascii[n++] = ' ';
        } else {
            int d = ft_unicode_decimal_value(cp);
            ascii[n++] = d >= 0 ? (char)('0' + d) : '?';
            if (d < 0)
                break;
        }
    }
    size_t m = 0;
    int bad_underscore = 0;
    for (size_t i = 0; i < n; i++) {
        if (ascii[i] == '_') {
            if (i == 0 || i + 1 >= n || !is_digit(ascii[i - 1]) || !is_digit(ascii[i + 1]))
                bad_underscore = 1;
            continue;
        }
        ascii[m++] = ascii[i];
    }
    FtComplex c;
    int rc = bad_underscore ? -1 : parse_complex(ascii, ascii + m, &c);
    if (ascii != small)
        mi_free(ascii);
    if (bad_underscore)
        return ft_error_format(&ft_exc_value_error, "could not convert string to complex: %R", str);
    if (rc < 0)
        return ft_error_format(&ft_exc_value_error, "complex() arg is a malformed string");
    return complex_from_value(c);
}

/* --- Construction --- */

// The result of x.__complex__() if x's type defines it: 1 with *out set, 0 if not defined, -1.
static int
try_complex_method(FtObject *x, FtComplex *out)
{
    FtObject *name = ft_str_intern_cstr_ref("__complex__");
    if (name == NULL)
        return -1;
    FtObject *f = ft_type_lookup_borrow(x->ob_type, name);   // special method: on the type
    ft_decref(name);
    if (f == NULL)
        return 0;
    FtObject *r = ft_object_vectorcall_ref(f, &x, 1, NULL);
    if (r == NULL)
        return -1;
    if (!ft_complex_check(r)) {
        ft_error_format(&ft_exc_type_error, "__complex__ returned non-complex (type %.200s)",
                        r->ob_type->tp_name);
        ft_decref(r);
        return -1;
    }
    if (!ft_object_is_exact(r, &ft_complex_type) &&
        ft_number_warn_subclass_result("__complex__", r, "complex") < 0) {
        ft_decref(r);
        return -1;
    }
    *out = ft_complex_value(r);
    ft_decref(r);
    return 1;
}

static int
is_real_number(FtObject *x)
{
    FtNumberMethods *nb = x->ob_type->tp_as_number;
    return nb != NULL && (nb->nb_float != NULL || nb->nb_index != NULL);
}

// The value of a numeric argument of complex(): its complex value (*is_complex 1) or its float
// value. -1 with an exception.
static int
argument_value(FtObject *x, FtComplex *out, int *is_complex)
{
    if (ft_complex_check(x)) {
        *out = ft_complex_value(x);
        *is_complex = 1;
        return 0;
    }
    *is_complex = 0;
    double d = ft_float_as_double(x);
    if (d == -1.0 && ft_error_occurred())
        return -1;
    *out = c_make(d, 0.0);
    return 0;
}

// The DeprecationWarning for a complex (or __complex__) argument of two-argument complex().
static int
complex_argument_warn(const char *which, FtObject *arg)
{
    char message[300];
    snprintf(message, sizeof message, "complex() argument '%s' must be a real number, not %.200s",
             which, arg->ob_type->tp_name);
    return ft_warn(&ft_exc_deprecation_warning, message, 1);
}

// complex(real=0, imag=0) @vectorcall
static FtObject *
complex_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 2)
        return ft_error_format(&ft_exc_type_error,
                               "complex() takes at most 2 %sarguments (%zd given)",
                               nargs == 0 ? "keyword " : "", nargs + nkw);
    FtObject *r = nargs > 0 ? args[0] : NULL;
    FtObject *i = nargs > 1 ? args[1] : NULL;
    bool real_by_name = false;   // a string is parsed only when passed by position
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *name = ft_tuple_get_item_borrow(kwnames, k);
        FtObject **slot;
        Ft_ssize pos;
        if (ft_str_equal_cstr(name, "real")) {
            slot = &r;
            pos = 1;
        } else if (ft_str_equal_cstr(name, "imag")) {
            slot = &i;
            pos = 2;
        } else {
            static const char *const names[] = {"real", "imag", NULL};
            ft_number_raise_unexpected_keyword("complex", name, names);
            return NULL;
        }
        if (*slot != NULL)
            return ft_error_format(&ft_exc_type_error, "argument for complex() given by name "
                                   "('%U') and position (%zd)", name, pos);
        *slot = args[nargs + k];
        real_by_name = real_by_name || slot == &r;
    }
    FtObject *result;
    if (r == NULL && i == NULL) {
        result = ft_complex_from_doubles_ref(0.0, 0.0);
        goto done;
    }
    if (r == NULL)
        r = ft_int_from_int64_ref(0);   // complex(imag=x): real part 0 (immortal)
    if (ft_str_check(r)) {
        if (i != NULL || real_by_name)
            return ft_error_format(&ft_exc_type_error, "complex() argument 'real' must be a real "
                                   "number, not %.200s", r->ob_type->tp_name);
        result = complex_from_str(r);
        goto done;
    }
    FtComplex cr, ci = c_make(0.0, 0.0);
    int cr_is_complex = 0, ci_is_complex = 0;
    if (i == NULL && ft_object_is_exact(r, &ft_complex_type) && type == &ft_complex_type)
        return ft_new_ref(r);
    int got = ft_complex_check(r) ? 0 : try_complex_method(r, &cr);
    if (got < 0)
        return NULL;
    if (got == 1) {
        cr_is_complex = 1;
    } else {
        if (!ft_complex_check(r) && !is_real_number(r)) {
            if (i == NULL)
                return ft_error_format(&ft_exc_type_error, "complex() argument must be a string "
                                       "or a number, not %.200s", r->ob_type->tp_name);
            return ft_error_format(&ft_exc_type_error, "complex() argument 'real' must be a "
                                   "real number, not %.200s", r->ob_type->tp_name);
        }
    }
    if (i != NULL && (ft_str_check(i) || (!is_real_number(i) && !ft_complex_check(i))))
        return ft_error_format(&ft_exc_type_error, "complex() argument 'imag' must be a real "
                               "number, not %.200s", i->ob_type->tp_name);
    if (got == 0 && argument_value(r, &cr, &cr_is_complex) < 0)
        return NULL;
    if (i == NULL) {
        result = complex_from_value(cr);
    } else {
        // A complex part next to an explicit imag is deprecated (3.14): complex(1j, 1j).
        if (cr_is_complex && complex_argument_warn("real", r) < 0)
            return NULL;
        if (argument_value(i, &ci, &ci_is_complex) < 0)
            return NULL;
        if (ci_is_complex && complex_argument_warn("imag", i) < 0)
            return NULL;
        double real = cr.real, imag = ci.real;
        if (ci_is_complex)
            real -= ci.imag;
        if (cr_is_complex)
            imag += cr.imag;
        result = complex_from_value(c_make(real, imag));
    }
done:
    if (result == NULL || type == &ft_complex_type)
        return result;
    FtComplexObject *sub = (FtComplexObject *)ft_object_new_of_type(type, 0);
    if (sub != NULL)
        sub->value = ft_complex_value(result);
    ft_decref(result);
    return (FtObject *)sub;
}

/* --- Methods --- */

static FtObject *
complex_conjugate(FtObject *self)
{
    FtComplex c = ft_complex_value(self);
    return complex_from_value(c_make(c.real, -c.imag));
}

static FtObject *
complex_getnewargs(FtObject *self)
{
    FtComplex c = ft_complex_value(self);
    FtObject *re = ft_float_from_double_ref(c.real);
    FtObject *im = ft_float_from_double_ref(c.imag);
    FtObject *t = NULL;
    if (re != NULL && im != NULL)
        t = ft_tuple_pack_ref(2, re, im);
    ft_xdecref(re);
    ft_xdecref(im);
    return t;
}

// One part of format(z, spec) into a mi_malloc'd string (*out_len bytes): repr digits in 'r' mode
// (no type and no precision), else float formatting with type. as_imag forces a sign ('+').
static char *
format_part(double x, const FtFormatSpec *fs, char type, int as_imag, size_t *out_len,
            FtNumError *err)
{
    char sign = as_imag ? '+' : fs->sign;
    if (type != 'r') {
        char spec[64];
        size_t n = 0;
        if (sign != '\0')
            spec[n++] = sign;
        if (fs->no_neg_zero)
            spec[n++] = 'z';
        if (fs->alternate)
            spec[n++] = '#';
        if (fs->grouping != '\0')
            spec[n++] = fs->grouping;
        if (fs->precision >= 0)
            n += (size_t)snprintf(spec + n, sizeof spec - n, ".%lld", (long long)fs->precision);
        if (fs->frac_grouping != '\0' && fs->precision >= 0)
            spec[n++] = fs->frac_grouping;
        spec[n++] = type;
        return ft_float_format(x, spec, n, out_len, err);
    }
    char digits[FT_FLOAT_REPR_MAX + 4];
    size_t n = part_repr(fabs(x), 0, digits, sizeof digits - 2);
    char sign_char = signbit(x) && !isnan(x) && !(fs->no_neg_zero && x == 0.0) ? '-' : '\0';
    size_t n_int = 0;
    while (n_int < n && digits[n_int] >= '0' && digits[n_int] <= '9')
        n_int++;
    char rest[FT_FLOAT_REPR_MAX + 4];
    size_t n_rest = 0;
    int finite = isfinite(x);
    if (fs->alternate && finite && memchr(digits, '.', n) == NULL)
        rest[n_rest++] = '.';
    memcpy(rest + n_rest, digits + n_int, n - n_int);
    n_rest += n - n_int;
    if (!finite)   // "inf", "nan": no integer digits
        n_int = 0;
    FtFormatSpec part = *fs;
    part.width = -1;
    part.align = '\0';
    part.fill = ' ';
    part.sign = sign;
    part.frac_grouping = '\0';
    return ft_format_layout_number(&part, sign_char, "", digits, n_int, finite ? rest : digits,
                                   finite ? n_rest : n, '>', out_len, err);
}

// complex.__format__(format_spec, /)
// format(z, spec): both parts formatted with the spec; no type means repr-like digits, with
// parentheses unless the real part is +0 and is left out (CPython's format_complex_internal).
static FtObject *
complex_format(FtObject *self, FtObject *spec)
{
    if (!ft_str_check(spec))
        return ft_error_bad_argument("__format__", "argument", "str", spec);
    Ft_ssize len;
    const char *text = ft_str_as_utf8(spec, &len);
    if (text == NULL)
        return NULL;
    if (len == 0)
        return ft_object_str_ref(self);
    FtFormatSpec fs;
    FtNumError err;
    if (ft_format_spec_parse(text, (size_t)len, "complex", 0, &fs, &err) < 0)
        return ft_int_raise_num_error(&err);
    uint32_t t = fs.type;
    if (t != 0 && t != 'e' && t != 'E' && t != 'f' && t != 'F' && t != 'g' && t != 'G' && t != 'n')
        return ft_error_format(&ft_exc_value_error, "Unknown format code '%c' for object of type "
                               "'%.200s'", (int)t, self->ob_type->tp_name);
    if (fs.fill == '0')
        return ft_error_format(&ft_exc_value_error,
                               "Zero padding is not allowed in complex format specifier");
    if (fs.align == '=')
        return ft_error_format(&ft_exc_value_error,
                               "'=' alignment flag is not allowed in complex format specifier");
    FtComplex c = ft_complex_value(self);
    int skip_re = 0, parens = 0;
    char type = (char)t;
    if (t == 0) {
        type = fs.precision >= 0 ? 'g' : 'r';
        if (c.real == 0.0 && copysign(1.0, c.real) == 1.0)
            skip_re = 1;
        else
            parens = 1;
    } else if (t == 'n') {
        type = 'g';
    }
    size_t re_len = 0, im_len = 0;
    char *re = NULL, *im;
    if (!skip_re) {
        re = format_part(c.real, &fs, type, 0, &re_len, &err);
        if (re == NULL)
            return ft_int_raise_num_error(&err);
    }
    im = format_part(c.imag, &fs, type, !skip_re, &im_len, &err);
    if (im == NULL) {
        if (re != NULL)
            ft_format_free(re);
        return ft_int_raise_num_error(&err);
    }
    size_t body_len = re_len + im_len + 1 + 2 * (size_t)parens;
    char *body = mi_malloc(body_len + 1);
    char *out = NULL;
    size_t out_len = 0;
    if (body != NULL) {
        size_t pos = 0;
        if (parens)
            body[pos++] = '(';
        if (re != NULL)
            memcpy(body + pos, re, re_len);
        pos += re_len;
        memcpy(body + pos, im, im_len);
        pos += im_len;
        body[pos++] = 'j';
        if (parens)
            body[pos++] = ')';
        body[pos] = '\0';
        FtFormatSpec outer = fs;
        outer.sign = '\0';
        outer.grouping = '\0';
        outer.frac_grouping = '\0';
        outer.alternate = 0;
        outer.no_neg_zero = 0;
        out = ft_format_layout_number(&outer, '\0', "", "", 0, body, pos, '>', &out_len, &err);
        mi_free(body);
    }
    if (re != NULL)
        ft_format_free(re);
    ft_format_free(im);
    if (out == NULL)
        return body == NULL ? ft_error_no_memory() : ft_int_raise_num_error(&err);
    FtObject *r = ft_str_from_utf8_ref(out, (Ft_ssize)out_len);
    ft_format_free(out);
    return r;
}

// complex.from_number(number) @classmethod
static FtObject *
complex_from_number(FtObject *type, FtObject *number)
{
    if (ft_object_is_exact(number, &ft_complex_type) && (FtTypeObject *)type == &ft_complex_type)
        return ft_new_ref(number);
    FtComplex c;
    int got = 1;
    if (ft_complex_check(number))
        c = ft_complex_value(number);
    else
        got = try_complex_method(number, &c);
    if (got < 0)
        return NULL;
    if (got == 0) {
        if (ft_str_check(number) || !is_real_number(number))
            return ft_error_format(&ft_exc_type_error, "must be real number, not %.50s",
                                   number->ob_type->tp_name);
        double d = ft_float_as_double(number);
        if (d == -1.0 && ft_error_occurred())
            return NULL;
        c = c_make(d, 0.0);
    }
    FtObject *value = complex_from_value(c);
    if (value == NULL || (FtTypeObject *)type == &ft_complex_type)
        return value;
    FtObject *r = ft_object_vectorcall_ref(type, &value, 1, NULL);
    ft_decref(value);
    return r;
}

/* --- Type object --- */

static const FtMethodDef complex_methods[] = {
    {"conjugate", {.noargs = complex_conjugate}, FT_METH_NOARGS,
     "Return the complex conjugate of its argument. (3-4j).conjugate() == 3+4j."},
    {"__complex__", {.noargs = complex_exact}, FT_METH_NOARGS,
     "Convert this value to exact type complex."},
    {"__getnewargs__", {.noargs = complex_getnewargs}, FT_METH_NOARGS, NULL},
    {"__format__", {.o = complex_format}, FT_METH_O,
     "Convert to a string according to format_spec."},
    {"from_number", {.o = complex_from_number}, FT_METH_O | FT_METH_CLASS,
     "Convert number to a complex floating-point number."},
    {NULL, {NULL}, 0, NULL},
};

// Members, as in CPython, so the descriptors and their "readonly attribute" error match.
static const FtMemberDef complex_members[] = {
    {"real", FT_MEMBER_DOUBLE, offsetof(FtComplexObject, value.real), FT_MEMBER_READONLY,
     "the real part of a complex number"},
    {"imag", FT_MEMBER_DOUBLE, offsetof(FtComplexObject, value.imag), FT_MEMBER_READONLY,
     "the imaginary part of a complex number"},
    {NULL, 0, 0, 0, NULL},
};

static FtNumberMethods complex_as_number = {
    .nb_add = complex_add,
    .nb_subtract = complex_subtract,
    .nb_multiply = complex_multiply,
    .nb_power = complex_power,
    .nb_negative = complex_negative,
    .nb_positive = complex_exact,
    .nb_absolute = complex_absolute,
    .nb_bool = complex_bool,
    .nb_true_divide = complex_true_divide,
};

FtTypeObject ft_complex_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "complex",
    .tp_basicsize = sizeof(FtComplexObject),
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = complex_repr,
    .tp_hash = complex_hash,
    .tp_richcompare = complex_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = complex_new,
    .tp_as_number = &complex_as_number,
    .tp_methods = complex_methods,
    .tp_members = complex_members,
    .tp_doc = "Create a complex number from a string or numbers.",
};

int
ft_complex_init_types(void)
{
    return ft_type_ready(&ft_complex_type);
}

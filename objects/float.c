// objects/float.c: float, one immutable double per object: repr, hash, exact comparison with ints,
// every number slot with Python's floor-division/modulo signs and pow rules, the methods and
// float() construction. Semantics: CPython 3.14's Objects/floatobject.c; repr, format, round,
// hex/fromhex, as_integer_ratio, parsing and the hash are the value library objects/float_format.h.
//
// Invariant: a float's value never changes after construction. Mixed float/int operations convert
// the int with correct rounding (OverflowError "int too large to convert to float"); comparisons
// with ints are exact, never through a rounded conversion.
//
// Concurrency: floats are immutable and this file keeps no shared state: no locks.
//   operation                                  | synchronization
//   every slot, method, property, float()      | lock-free (immutable values)
//   ft_float_init_types                        | start-up only (single thread)
//
// Missing (TODO(#4)): float() of buffer objects other than bytes, bytearray and memoryview;
// Unicode digits beyond float_format's; a free list.
#include <errno.h>   // errno ERANGE
#include <math.h>    // fmod floor ceil pow modf frexp isnan isinf isfinite copysign round fabs
#include <stdio.h>   // snprintf

#include "objects/float.h"

#include "objects/abstract_number.h"   // ft_number_as_ssize ft_number_index_ref
#include "objects/bigint.h"            // ft_bigint_*
#include "objects/bytes.h"             // ft_bytes_view
#include "objects/complex.h"           // ft_complex_type (negative ** fractional)
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/float_format.h"      // ft_float_repr ft_float_format ...
#include "objects/int.h"               // ft_int_* FT_TRUE
#include "objects/memoryview.h"        // ft_memoryview_check ft_memoryview_to_bytes_ref
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef
#include "objects/object.h"            // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_pack_ref
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT

/* --- Internal API --- */

FtObject *
ft_float_from_double_ref(double v)
{
    FtFloatObject *op = (FtFloatObject *)ft_object_new_of_type(&ft_float_type, 0);
    if (op == NULL)
        return NULL;
    op->value = v;
    return (FtObject *)op;
}

static FtObject *
float_raise(const FtNumError *err)
{
    return ft_int_raise_num_error(err);
}

// The double of an int, or -1.0 with OverflowError set.
static int
int_to_double(FtObject *op, double *out)
{
    FtNumError err;
    if (ft_bigint_to_double(ft_int_value_borrow(op), out, &err) < 0) {
        float_raise(&err);
        return -1;
    }
    return 0;
}

static FtObject *
float_from_str(FtObject *s)
{
    Ft_ssize len;
    const char *text = ft_str_as_utf8(s, &len);
    if (text == NULL)
        return NULL;
    double d;
    FtNumError err;
    if (ft_float_from_string(text, (size_t)len, &d, &err) < 0)
        return float_raise(&err);
    return ft_float_from_double_ref(d);
}

// float(b) for bytes and bytearray: the ASCII text parsed as float(str) does. Returns false
// (nothing raised) when x is neither; otherwise true with *result set, or NULL and the exception.
static bool
float_from_bytes_like(FtObject *x, FtObject **result)
{
    double d = 0.0;
    FtNumError err;
    int r = -1;
    int viewed;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(x);
    const char *data;
    Ft_ssize size;
    viewed = ft_bytes_view(x, &data, &size);
    if (viewed) {
        // Only ASCII text: bytes are not decoded, so b'\xd9\xa1' is no Arabic digit.
        bool ascii = true;
        for (Ft_ssize i = 0; i < size; i++)
            ascii = ascii && (unsigned char)data[i] < 0x80;
        r = ascii ? ft_float_from_string(data, (size_t)size, &d, &err) : -1;
        if (!ascii)
            err.kind = FT_NUM_ERROR_VALUE;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (!viewed)
        return false;
    if (r == 0) {
        *result = ft_float_from_double_ref(d);
    } else if (err.kind == FT_NUM_ERROR_VALUE) {
        // The message shows the object's repr (b'x'), not the text's.
        *result = ft_error_format(&ft_exc_value_error, "could not convert string to float: %R", x);
    } else {
        *result = float_raise(&err);
    }
    return true;
}

// The value of r, the result of x.__float__(): an exact float, or (deprecated) a float subclass,
// else TypeError. Consumes r; returns 0 with *out set, or -1.
static int
float_dunder_result_steal(FtObject *x, FtObject *r, double *out)
{
    if (!ft_float_check(r)) {
        ft_error_format(&ft_exc_type_error, "%.50s.__float__ returned non-float (type %.50s)",
                        x->ob_type->tp_name, r->ob_type->tp_name);
        ft_decref(r);
        return -1;
    }
    if (!ft_object_is_exact(r, &ft_float_type)) {
        char method[64];
        snprintf(method, sizeof method, "%.50s.__float__", x->ob_type->tp_name);
        if (ft_number_warn_subclass_result(method, r, "float") < 0) {
            ft_decref(r);
            return -1;
        }
    }
    *out = ft_float_value(r);
    ft_decref(r);
    return 0;
}

FtObject *
ft_float_from_object_ref(FtObject *x)
{
    if (ft_object_is_exact(x, &ft_float_type))
        return ft_new_ref(x);
    FtNumberMethods *nb = x->ob_type->tp_as_number;
    if (nb != NULL && nb->nb_float != NULL) {
        FtObject *r = nb->nb_float(x);
        if (r == NULL || ft_object_is_exact(r, &ft_float_type))
            return r;
        double d;
        if (float_dunder_result_steal(x, r, &d) < 0)
            return NULL;
        return ft_float_from_double_ref(d);
    }
    if (nb != NULL && nb->nb_index != NULL) {
        FtObject *i = ft_number_index_ref(x);
        if (i == NULL)
            return NULL;
        double d;
        int rc = int_to_double(i, &d);
        ft_decref(i);
        return rc < 0 ? NULL : ft_float_from_double_ref(d);
    }
    if (ft_float_check(x))
        return ft_float_from_double_ref(ft_float_value(x));
    if (ft_str_check(x))
        return float_from_str(x);
    FtObject *res;
    if (float_from_bytes_like(x, &res))
        return res;
    if (ft_memoryview_check(x)) {
        FtObject *b = ft_memoryview_to_bytes_ref(x);
        if (b == NULL)
            return NULL;
        float_from_bytes_like(b, &res);
        ft_decref(b);
        if (res == NULL && ft_error_matches(&ft_exc_value_error)) {
            // The message quotes the memoryview object, not the bytes it views, as CPython's does.
            ft_error_clear();
            ft_error_format(&ft_exc_value_error, "could not convert string to float: %R", x);
        }
        return res;
    }
    return ft_error_format(&ft_exc_type_error,
                           "float() argument must be a string or a real number, not '%.200s'",
                           x->ob_type->tp_name);
}

double
ft_float_as_double(FtObject *op)
{
    if (ft_float_check(op))
        return ft_float_value(op);
    if (ft_int_check(op)) {
        double d;
        return int_to_double(op, &d) < 0 ? -1.0 : d;
    }
    FtObject *f = ft_float_from_object_ref(op);
    if (f == NULL)
        return -1.0;
    double d = ft_float_value(f);
    ft_decref(f);
    return d;
}

/* --- Slots --- */

// Converts an operand of a binary slot: 1 with *d set, 0 for an operand float does not handle
// (the slot returns NotImplemented), -1 with an exception.
static int
operand(FtObject *op, double *d)
{
    if (ft_float_check(op)) {
        *d = ft_float_value(op);
        return 1;
    }
    if (ft_int_check(op))
        return int_to_double(op, d) < 0 ? -1 : 1;
    return 0;
}

// Both operands of a binary slot as doubles: 1, 0 (a type float does not handle), -1 (error).
static int
operands(FtObject *a, FtObject *b, double *x, double *y)
{
    int ra = operand(a, x);
    if (ra <= 0)
        return ra;
    return operand(b, y);
}

// The result of a binary slot whose operands did not convert: NotImplemented, or NULL on error.
static FtObject *
not_converted(int rc)
{
    return rc < 0 ? NULL : FT_NOT_IMPLEMENTED;
}

static FtObject *
float_repr(FtObject *op)
{
    char buf[FT_FLOAT_REPR_MAX];
    size_t n = ft_float_repr(ft_float_value(op), buf, sizeof buf);
    return ft_str_from_utf8_ref(buf, (Ft_ssize)n);
}

static Ft_hash
float_hash(FtObject *op)
{
    int is_nan = 0;
    int64_t h = ft_float_hash(ft_float_value(op), &is_nan);
    if (is_nan)
        return ft_object_hash_pointer(op);
    return (Ft_hash)h;
}

// -1, 0, 1 comparing the finite double x with the int w exactly: trunc(x) against w, then x's
// fractional part breaks a tie.
static int
compare_double_int(double x, const FtBigInt *w)
{
    double intpart;
    double frac = modf(x, &intpart);
    FtBigInt t;
    ft_bigint_from_double(&t, intpart, NULL);   // finite: cannot fail
    int c = ft_bigint_compare(&t, w);
    ft_bigint_clear(&t);
    if (c != 0)
        return c;
    return frac > 0.0 ? 1 : frac < 0.0 ? -1 : 0;
}

static FtObject *
float_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!ft_float_check(v))
        return FT_NOT_IMPLEMENTED;
    double i = ft_float_value(v);
    int c;
    if (ft_float_check(w)) {
        double j = ft_float_value(w);
        if (isnan(i) || isnan(j))
            return ft_bool_from(op == FT_NE);
        c = i < j ? -1 : i > j ? 1 : 0;
    } else if (ft_int_check(w)) {
        if (isnan(i))
            return ft_bool_from(op == FT_NE);
        if (isinf(i))
            c = i > 0 ? 1 : -1;
        else
            c = compare_double_int(i, ft_int_value_borrow(w));
    } else {
        return FT_NOT_IMPLEMENTED;
    }
    switch (op) {
    case FT_LT: return ft_bool_from(c < 0);
    case FT_LE: return ft_bool_from(c <= 0);
    case FT_EQ: return ft_bool_from(c == 0);
    case FT_NE: return ft_bool_from(c != 0);
    case FT_GT: return ft_bool_from(c > 0);
    default: return ft_bool_from(c >= 0);
    }
}

static FtObject *
float_add(FtObject *a, FtObject *b)
{
    double x, y;
    int rc = operands(a, b, &x, &y);
    if (rc <= 0)
        return not_converted(rc);
    return ft_float_from_double_ref(x + y);
}

static FtObject *
float_subtract(FtObject *a, FtObject *b)
{
    double x, y;
    int rc = operands(a, b, &x, &y);
    if (rc <= 0)
        return not_converted(rc);
    return ft_float_from_double_ref(x - y);
}

static FtObject *
float_multiply(FtObject *a, FtObject *b)
{
    double x, y;
    int rc = operands(a, b, &x, &y);
    if (rc <= 0)
        return not_converted(rc);
    return ft_float_from_double_ref(x * y);
}

static FtObject *
zero_division(void)
{
    return ft_error_format(&ft_exc_zero_division_error, "division by zero");
}

static FtObject *
float_true_divide(FtObject *a, FtObject *b)
{
    double x, y;
    int rc = operands(a, b, &x, &y);
    if (rc <= 0)
        return not_converted(rc);
    if (y == 0.0)
        return zero_division();
    return ft_float_from_double_ref(x / y);
}

// Python's modulo: the result has the divisor's sign (zero included).
static double
float_mod_value(double x, double y)
{
    double mod = fmod(x, y);
    if (mod != 0.0) {
        if ((y < 0) != (mod < 0))
            mod += y;
    } else {
        mod = copysign(0.0, y);
    }
    return mod;
}

// floor(x / y) and x % y as CPython's float divmod (the quotient rounded to the nearest integer
// of (x - mod) / y, signed zero kept).
static void
float_divmod_values(double x, double y, double *floordiv, double *mod)
{
    double m = fmod(x, y);
    double div = (x - m) / y;
    if (m != 0.0) {
        if ((y < 0) != (m < 0)) {
            m += y;
            div -= 1.0;
        }
    } else {
        m = copysign(0.0, y);
    }
    double fd;
    if (div != 0.0) {
        fd = floor(div);
        if (div - fd > 0.5)
            fd += 1.0;
    } else {
        fd = copysign(0.0, x / y);
    }
    *floordiv = fd;
    *mod = m;
}

static FtObject *
float_remainder(FtObject *a, FtObject *b)
{
    double x, y;
    int rc = operands(a, b, &x, &y);
    if (rc <= 0)
        return not_converted(rc);
    if (y == 0.0)
        return zero_division();
    return ft_float_from_double_ref(float_mod_value(x, y));
}

static FtObject *
float_floor_divide(FtObject *a, FtObject *b)
{
    double x, y;
    int rc = operands(a, b, &x, &y);
    if (rc <= 0)
        return not_converted(rc);
    if (y == 0.0)
        return zero_division();
    double q, m;
    float_divmod_values(x, y, &q, &m);
    return ft_float_from_double_ref(q);
}

static FtObject *
float_divmod(FtObject *a, FtObject *b)
{
    double x, y;
    int rc = operands(a, b, &x, &y);
    if (rc <= 0)
        return not_converted(rc);
    if (y == 0.0)
        return zero_division();
    double q, m;
    float_divmod_values(x, y, &q, &m);
    FtObject *qo = ft_float_from_double_ref(q);
    FtObject *mo = ft_float_from_double_ref(m);
    FtObject *t = NULL;
    if (qo != NULL && mo != NULL)
        t = ft_tuple_pack_ref(2, qo, mo);
    ft_xdecref(qo);
    ft_xdecref(mo);
    return t;
}

static int
is_odd_integer(double x)
{
    return fmod(fabs(x), 2.0) == 1.0;
}

static FtObject *
float_power(FtObject *a, FtObject *b, FtObject *c)
{
    if (c != FT_NONE)
        return ft_error_format(&ft_exc_type_error,
                               "pow() 3rd argument not allowed unless all arguments are integers");
    double iv, iw;
    int rc = operands(a, b, &iv, &iw);
    if (rc <= 0)
        return not_converted(rc);
    if (iw == 0.0)
        return ft_float_from_double_ref(1.0);
    if (isnan(iv))
        return ft_float_from_double_ref(iv);
    if (isnan(iw))
        return ft_float_from_double_ref(iv == 1.0 ? 1.0 : iw);
    if (isinf(iw)) {
        double av = fabs(iv);
        if (av == 1.0)
            return ft_float_from_double_ref(1.0);
        if ((iw > 0.0) == (av > 1.0))
            return ft_float_from_double_ref(fabs(iw));
        return ft_float_from_double_ref(0.0);
    }
    if (isinf(iv)) {
        int odd = is_odd_integer(iw);
        if (iw > 0.0)
            return ft_float_from_double_ref(odd ? iv : fabs(iv));
        return ft_float_from_double_ref(odd ? copysign(0.0, iv) : 0.0);
    }
    if (iv == 0.0) {
        if (iw < 0.0)
            return ft_error_format(&ft_exc_zero_division_error, "zero to a negative power");
        return ft_float_from_double_ref(is_odd_integer(iw) ? iv : 0.0);
    }
    int negate = 0;
    if (iv < 0.0) {
        if (iw != floor(iw))   // a negative number to a fractional power is complex
            return ft_complex_type.tp_as_number->nb_power(a, b, c);
        iv = -iv;
        negate = is_odd_integer(iw);
    }
    if (iv == 1.0)
        return ft_float_from_double_ref(negate ? -1.0 : 1.0);
    errno = 0;
    double ix = pow(iv, iw);
    if (isinf(ix) || errno == ERANGE) {
        if (fabs(ix) >= 1.0)
            return ft_error_format(&ft_exc_overflow_error, "(34, 'Numerical result out of range')");
    }
    return ft_float_from_double_ref(negate ? -ix : ix);
}

static FtObject *
float_negative(FtObject *a)
{
    return ft_float_from_double_ref(-ft_float_value(a));
}

static FtObject *
float_exact(FtObject *a)
{
    if (ft_object_is_exact(a, &ft_float_type))
        return ft_new_ref(a);
    return ft_float_from_double_ref(ft_float_value(a));
}

static FtObject *
float_absolute(FtObject *a)
{
    return ft_float_from_double_ref(fabs(ft_float_value(a)));
}

static int
float_bool(FtObject *a)
{
    return ft_float_value(a) != 0.0;
}

// int(d) truncating, with float's NaN / infinity errors.
static FtObject *
int_from_double(double d)
{
    FtBigInt v;
    FtNumError err;
    if (ft_bigint_from_double(&v, d, &err) < 0)
        return float_raise(&err);
    return ft_int_from_bigint_steal(&v);
}

static FtObject *
float_int(FtObject *a)
{
    return int_from_double(ft_float_value(a));
}

// float(x=0.0, /) @vectorcall
static FtObject *
float_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "float() takes no keyword arguments");
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "float expected at most 1 argument, got %zd",
                               nargs);
    FtObject *r = nargs == 0 ? ft_float_from_double_ref(0.0) : ft_float_from_object_ref(args[0]);
    if (r == NULL || type == &ft_float_type)
        return r;
    FtFloatObject *sub = (FtFloatObject *)ft_object_new_of_type(type, 0);
    if (sub != NULL)
        sub->value = ft_float_value(r);
    ft_decref(r);
    return (FtObject *)sub;
}

/* --- Methods --- */

static FtObject *
float_is_integer(FtObject *self)
{
    double x = ft_float_value(self);
    if (!isfinite(x))
        return FT_FALSE;
    return ft_bool_from(floor(x) == x);
}

static FtObject *
float_as_integer_ratio(FtObject *self)
{
    FtBigInt n, d;
    FtNumError err;
    if (ft_float_as_integer_ratio(ft_float_value(self), &n, &d, &err) < 0)
        return float_raise(&err);
    FtObject *no = ft_int_from_bigint_steal(&n);
    FtObject *dobj = ft_int_from_bigint_steal(&d);
    FtObject *t = NULL;
    if (no != NULL && dobj != NULL)
        t = ft_tuple_pack_ref(2, no, dobj);
    ft_xdecref(no);
    ft_xdecref(dobj);
    return t;
}

static FtObject *
float_hex(FtObject *self)
{
    char buf[FT_FLOAT_REPR_MAX];
    size_t n = ft_float_hex(ft_float_value(self), buf, sizeof buf);
    return ft_str_from_utf8_ref(buf, (Ft_ssize)n);
}

// float.fromhex(string) @classmethod
static FtObject *
float_fromhex(FtObject *type, FtObject *arg)
{
    if (!ft_str_check(arg))   // CPython's PyErr_BadArgument text
        return ft_error_format(&ft_exc_type_error, "bad argument type for built-in operation");
    Ft_ssize len;
    const char *s = ft_str_as_utf8(arg, &len);
    if (s == NULL)
        return NULL;
    double d;
    FtNumError err;
    if (ft_float_fromhex(s, (size_t)len, &d, &err) < 0)
        return float_raise(&err);
    if ((FtTypeObject *)type == &ft_float_type)
        return ft_float_from_double_ref(d);
    FtObject *f = ft_float_from_double_ref(d);   // cls(value) for a subclass
    if (f == NULL)
        return NULL;
    FtObject *r = ft_object_vectorcall_ref(type, &f, 1, NULL);
    ft_decref(f);
    return r;
}

// float.from_number(number, /) @classmethod
// A number only (no strings): __float__, then __index__; a subclass is built as cls(value).
static FtObject *
float_from_number(FtObject *type, FtObject *number)
{
    if (ft_object_is_exact(number, &ft_float_type) && (FtTypeObject *)type == &ft_float_type)
        return ft_new_ref(number);
    double d;
    FtNumberMethods *nb = number->ob_type->tp_as_number;
    if (ft_float_check(number)) {
        d = ft_float_value(number);
    } else if (nb != NULL && nb->nb_float != NULL) {
        FtObject *r = nb->nb_float(number);
        if (r == NULL || float_dunder_result_steal(number, r, &d) < 0)
            return NULL;
    } else if (nb != NULL && nb->nb_index != NULL) {
        FtObject *i = ft_number_index_ref(number);
        if (i == NULL)
            return NULL;
        int rc = int_to_double(i, &d);
        ft_decref(i);
        if (rc < 0)
            return NULL;
    } else {
        return ft_error_format(&ft_exc_type_error, "must be real number, not %.50s",
                               number->ob_type->tp_name);
    }
    FtObject *f = ft_float_from_double_ref(d);
    if (f == NULL || (FtTypeObject *)type == &ft_float_type)
        return f;
    FtObject *r = ft_object_vectorcall_ref(type, &f, 1, NULL);
    ft_decref(f);
    return r;
}

// float.__getformat__(typestr) @classmethod
static FtObject *
float_getformat(FtObject *type, FtObject *arg)
{
    (void)type;
    if (!ft_str_check(arg))
        return ft_error_format(&ft_exc_type_error, "__getformat__() argument must be str, not "
                               "%.200s", arg == FT_NONE ? "None" : arg->ob_type->tp_name);
    if (!ft_str_equal_cstr(arg, "double") && !ft_str_equal_cstr(arg, "float"))
        return ft_error_format(&ft_exc_value_error,
                               "__getformat__() argument 1 must be 'double' or 'float'");
    return ft_str_from_cstr_ref("IEEE, little-endian");   // every supported target
}

// float.__format__(format_spec, /)
static FtObject *
float_format_method(FtObject *self, FtObject *spec)
{
    if (!ft_str_check(spec))
        return ft_error_bad_argument("__format__", "argument", "str", spec);
    Ft_ssize len;
    const char *s = ft_str_as_utf8(spec, &len);
    if (s == NULL)
        return NULL;
    if (len == 0)   // format(x, '') is str(x)
        return ft_object_str_ref(self);
    size_t out_len;
    FtNumError err;
    char *out = ft_float_format(ft_float_value(self), s, (size_t)len, &out_len, &err);
    if (out == NULL)
        return ft_int_raise_format_error(self, &err);
    FtObject *r = ft_str_from_utf8_ref(out, (Ft_ssize)out_len);
    ft_format_free(out);
    return r;
}

// float.__round__(ndigits=None, /)
// round(x) (half to even, an int) and round(x, ndigits) (a float).
static FtObject *
float_round(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "__round__ expected at most 1 argument, got %zd",
                               nargs);
    double x = ft_float_value(self);
    if (nargs == 0 || args[0] == FT_NONE) {
        double r = round(x);
        if (fabs(x - r) == 0.5)
            r = 2.0 * round(x / 2.0);
        return int_from_double(r);
    }
    Ft_ssize nd = ft_number_as_ssize(args[0], NULL);
    if (nd == -1 && ft_error_occurred())
        return NULL;
    double out;
    FtNumError err;
    if (ft_float_round(x, (int64_t)nd, &out, &err) < 0)
        return float_raise(&err);
    return ft_float_from_double_ref(out);
}

static FtObject *
float_floor(FtObject *self)
{
    return int_from_double(floor(ft_float_value(self)));
}

static FtObject *
float_ceil(FtObject *self)
{
    return int_from_double(ceil(ft_float_value(self)));
}

static FtObject *
float_getnewargs(FtObject *self)
{
    FtObject *f = ft_float_from_double_ref(ft_float_value(self));
    if (f == NULL)
        return NULL;
    FtObject *t = ft_tuple_pack_ref(1, f);
    ft_decref(f);
    return t;
}

static FtObject *
float_get_real(FtObject *self, void *closure)
{
    (void)closure;
    return float_exact(self);
}

static FtObject *
float_get_imag(FtObject *self, void *closure)
{
    (void)self;
    (void)closure;
    return ft_float_from_double_ref(0.0);
}

/* --- Type object --- */

static const FtMethodDef float_methods[] = {
    {"conjugate", {.noargs = float_exact}, FT_METH_NOARGS,
     "Return self, the complex conjugate of any float."},
    {"__trunc__", {.noargs = float_int}, FT_METH_NOARGS, "Return the Integral closest to x between 0 and x."},
    {"__floor__", {.noargs = float_floor}, FT_METH_NOARGS, "Return the floor as an Integral."},
    {"__ceil__", {.noargs = float_ceil}, FT_METH_NOARGS, "Return the ceiling as an Integral."},
    {"__round__", {.fast = float_round}, FT_METH_FASTCALL,
     "Return the Integral closest to x, rounding half toward even."},
    {"as_integer_ratio", {.noargs = float_as_integer_ratio}, FT_METH_NOARGS,
     "Return a pair of integers, whose ratio is exactly equal to the original float."},
    {"fromhex", {.o = float_fromhex}, FT_METH_O | FT_METH_CLASS,
     "Create a floating-point number from a hexadecimal string."},
    {"hex", {.noargs = float_hex}, FT_METH_NOARGS,
     "Return a hexadecimal representation of a floating-point number."},
    {"is_integer", {.noargs = float_is_integer}, FT_METH_NOARGS,
     "Return True if the float is an integer."},
    {"__getnewargs__", {.noargs = float_getnewargs}, FT_METH_NOARGS, NULL},
    {"from_number", {.o = float_from_number}, FT_METH_O | FT_METH_CLASS,
     "Convert real number to a floating-point number."},
    {"__getformat__", {.o = float_getformat}, FT_METH_O | FT_METH_CLASS,
     "You probably don't want to use this function."},
    {"__format__", {.o = float_format_method}, FT_METH_O,
     "Formats the float according to format_spec."},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef float_getset[] = {
    {"real", float_get_real, NULL, "the real part of a complex number", NULL},
    {"imag", float_get_imag, NULL, "the imaginary part of a complex number", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtNumberMethods float_as_number = {
    .nb_add = float_add,
    .nb_subtract = float_subtract,
    .nb_multiply = float_multiply,
    .nb_remainder = float_remainder,
    .nb_divmod = float_divmod,
    .nb_power = float_power,
    .nb_negative = float_negative,
    .nb_positive = float_exact,
    .nb_absolute = float_absolute,
    .nb_bool = float_bool,
    .nb_int = float_int,
    .nb_float = float_exact,
    .nb_floor_divide = float_floor_divide,
    .nb_true_divide = float_true_divide,
};

FtTypeObject ft_float_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "float",
    .tp_basicsize = sizeof(FtFloatObject),
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = float_repr,
    .tp_hash = float_hash,
    .tp_richcompare = float_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = float_new,
    .tp_as_number = &float_as_number,
    .tp_methods = float_methods,
    .tp_getset = float_getset,
    .tp_doc = "Convert a string or number to a floating-point number, if possible.",
};

int
ft_float_init_types(void)
{
    return ft_type_ready(&ft_float_type);
}

// objects/int.c: int, the arbitrary-precision integer object around FtBigInt: the small-int cache,
// repr, hash, comparison, every number slot, the methods and properties of int, and int()
// construction. Semantics: CPython 3.14's Objects/longobject.c; the value arithmetic, its error
// texts and int<->str live in objects/bigint.c.
//
// Layout: FtIntObject { header; FtBigInt value } - the value is inline for int64_t range and a
// GMP integer beyond (bigint.h). True and False (objects/bool.c) share the layout.
//
// Invariant: ft_int_from_int64_ref / ft_int_from_bigint_steal return the cached immortal object for
// every value in [FT_INT_SMALL_MIN, FT_INT_SMALL_MAX], so small ints compare by identity as in
// CPython; an int's value never changes after construction.
//
// Concurrency: ints are immutable; the cache is filled by ft_int_init_types at start-up (before a
// second thread exists) and read-only afterwards. No locks.
//   operation                                  | synchronization
//   every slot, method, property, int()        | lock-free (immutable values, immutable cache)
//   int(bytearray), int(bytearray, base)       | the bytearray's critical section while parsing
//   ft_int_init_types                          | start-up only (single thread)
//
// Missing (TODO(#4)): int() of buffer objects other than bytes/bytearray; sys's int digit limit
// (the default 4300 is used); the DeprecationWarning of __index__/__int__ returning an int
// subclass.
#include <stdio.h>    // snprintf
#include <string.h>   // strncmp strstr

#include "objects/int.h"

#include "objects/abstract.h"          // ft_object_call_one_arg_ref
#include "objects/abstract_number.h"   // ft_number_index_ref
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/complex.h"           // ft_complex_init_types
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/float.h"             // ft_float_from_double_ref ft_float_init_types
#include "objects/format_spec.h"       // ft_format_free
#include "objects/memoryview.h"        // ft_memoryview_check ft_memoryview_to_bytes_ref
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef
#include "objects/object.h"            // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_pack_ref
#include "objects/type.h"              // ft_type_ready
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT

#define SMALL_COUNT (FT_INT_SMALL_MAX - FT_INT_SMALL_MIN + 1)
// The modulus of numeric hashes: 2**61 - 1 (CPython's _PyHASH_MODULUS on 64-bit).
#define HASH_MODULUS ((UINT64_C(1) << 61) - 1)
// int.__sizeof__ as CPython's (the oracle, a 64-bit build): a 24-byte head and 4-byte 30-bit digits,
// at least one digit.
#define SIZEOF_HEAD 24
#define SIZEOF_DIGIT 4
#define DIGIT_BITS 30

static FtIntObject small_ints[SMALL_COUNT];   // immutable after ft_int_init_types

/* --- Internal API --- */

FtObject *
ft_int_from_int64_ref(int64_t v)
{
    if (v >= FT_INT_SMALL_MIN && v <= FT_INT_SMALL_MAX)
        return (FtObject *)&small_ints[v - FT_INT_SMALL_MIN];   // immortal
    FtIntObject *op = (FtIntObject *)ft_object_new_of_type(&ft_int_type, 0);
    if (op == NULL)
        return NULL;
    ft_bigint_from_int64(&op->value, v);
    return (FtObject *)op;
}

FtObject *
ft_int_from_bigint_steal(FtBigInt *v)
{
    if (v->big == NULL)
        return ft_int_from_int64_ref(v->small);
    FtIntObject *op = (FtIntObject *)ft_object_new_of_type(&ft_int_type, 0);
    if (op == NULL) {
        ft_bigint_clear(v);
        return NULL;
    }
    op->value = *v;
    v->big = NULL;
    v->small = 0;
    return (FtObject *)op;
}

int64_t
ft_int_as_int64(FtObject *op, bool *ok)
{
    if (ok != NULL)
        *ok = false;
    if (!ft_int_check(op)) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                        op->ob_type->tp_name);
        return -1;
    }
    int64_t v;
    if (!ft_bigint_to_int64(ft_int_value_borrow(op), &v)) {
        ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C long");
        return -1;
    }
    if (ok != NULL)
        *ok = true;
    return v;
}

Ft_hash
ft_int_hash_int64(int64_t v)
{
    uint64_t mag = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    Ft_hash h = (Ft_hash)(mag % HASH_MODULUS);
    if (v < 0)
        h = -h;
    return h == -1 ? -2 : h;
}

FtObject *
ft_int_raise_num_error(const FtNumError *err)
{
    switch (err->kind) {
    case FT_NUM_ERROR_VALUE:
        ft_error_set_string(&ft_exc_value_error, err->message);
        return NULL;
    case FT_NUM_ERROR_OVERFLOW:
        ft_error_set_string(&ft_exc_overflow_error, err->message);
        return NULL;
    case FT_NUM_ERROR_ZERO_DIVISION:
        ft_error_set_string(&ft_exc_zero_division_error, err->message);
        return NULL;
    case FT_NUM_ERROR_MEMORY:
        return ft_error_no_memory();
    default:
        ft_error_set_string(&ft_exc_system_error, "numeric operation failed without an error");
        return NULL;
    }
}

FtObject *
ft_int_raise_format_error(FtObject *self, const FtNumError *err)
{
    // The value libraries name the base type; CPython names the object's own type ('bool').
    static const char code_prefix[] = "Unknown format code ";
    static const char spec_prefix[] = "Invalid format specifier ";
    static const char type_part[] = " for object of type '";
    const char *m = err->message;
    if (err->kind != FT_NUM_ERROR_VALUE || (strncmp(m, code_prefix, sizeof code_prefix - 1) != 0 &&
                                            strncmp(m, spec_prefix, sizeof spec_prefix - 1) != 0))
        return ft_int_raise_num_error(err);
    // The last occurrence: a format specifier may itself contain the type part's text.
    const char *tail = NULL;
    for (const char *p = strstr(m, type_part); p != NULL; p = strstr(p + 1, type_part))
        tail = p;
    if (tail == NULL)
        return ft_int_raise_num_error(err);
    char buf[FT_NUM_ERROR_MESSAGE_MAX + 256];
    snprintf(buf, sizeof buf, "%.*s for object of type '%.200s'", (int)(tail - m), m,
             self->ob_type->tp_name);
    ft_error_set_string(&ft_exc_value_error, buf);
    return NULL;
}

// An exact int with op's value (op itself when it is already exact).
static FtObject *
int_exact(FtObject *op)
{
    if (ft_int_check_exact(op))
        return ft_new_ref(op);
    FtBigInt v;
    ft_bigint_copy(&v, ft_int_value_borrow(op));
    return ft_int_from_bigint_steal(&v);
}

// int(text, base) for UTF-8 text.
static FtObject *
int_from_utf8(const char *text, size_t len, int base)
{
    FtBigInt v;
    FtNumError err;
    if (ft_bigint_from_string(&v, text, len, base, FT_BIGINT_DEFAULT_MAX_STR_DIGITS, &err) < 0)
        return ft_int_raise_num_error(&err);
    return ft_int_from_bigint_steal(&v);
}

// int(x, base) for a bytes or bytearray x: returns true with *result set (NULL with an exception
// on error), or false when x is neither. The digits are parsed under x's critical section (a
// bytearray may be resized by another thread; the parser runs no Python code).
static bool
int_from_bytes_like(FtObject *x, int base, FtObject **result)
{
    FtBigInt v;
    FtNumError err;
    int r = -1;
    int viewed;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(x);
    const char *data;
    Ft_ssize size;
    viewed = ft_bytes_view(x, &data, &size);
    if (viewed)
        r = ft_bigint_from_string(&v, data, (size_t)size, base, FT_BIGINT_DEFAULT_MAX_STR_DIGITS,
                                  &err);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (!viewed)
        return false;
    *result = NULL;
    if (r == 0) {
        *result = ft_int_from_bigint_steal(&v);
    } else if (err.kind == FT_NUM_ERROR_VALUE && strncmp(err.message, "invalid literal", 15) == 0) {
        // The message shows the bytes object's repr, not the text's.
        FtObject *repr = ft_object_repr_ref(x);
        if (repr != NULL) {
            ft_error_format(&ft_exc_value_error, "invalid literal for int() with base %d: %.200U",
                            base, repr);
            ft_decref(repr);
        }
    } else {
        ft_int_raise_num_error(&err);
    }
    return true;
}

FtObject *
ft_int_from_object_ref(FtObject *x)
{
    if (ft_int_check_exact(x))
        return ft_new_ref(x);
    FtNumberMethods *nb = x->ob_type->tp_as_number;
    if (nb != NULL && nb->nb_int != NULL) {
        FtObject *r = nb->nb_int(x);
        if (r == NULL || ft_int_check_exact(r))
            return r;
        if (!ft_int_check(r)) {
            ft_error_format(&ft_exc_type_error, "__int__ returned non-int (type %.200s)",
                            r->ob_type->tp_name);
            ft_decref(r);
            return NULL;
        }
        if (ft_number_warn_subclass_result("__int__", r, "int") < 0) {
            ft_decref(r);
            return NULL;
        }
        FtObject *exact = int_exact(r);
        ft_decref(r);
        return exact;
    }
    if (nb != NULL && nb->nb_index != NULL)
        return ft_number_index_ref(x);
    if (ft_str_check(x)) {
        Ft_ssize size;
        const char *s = ft_str_as_utf8(x, &size);
        if (s == NULL)
            return NULL;
        return int_from_utf8(s, (size_t)size, 10);
    }
    FtObject *res;
    if (int_from_bytes_like(x, 10, &res))
        return res;
    if (ft_memoryview_check(x)) {
        // The viewed bytes, parsed (and quoted in errors) as a bytes object.
        FtObject *b = ft_memoryview_to_bytes_ref(x);
        if (b == NULL)
            return NULL;
        int_from_bytes_like(b, 10, &res);
        ft_decref(b);
        return res;
    }
    // TODO(#4): other buffer-protocol objects (array).
    return ft_error_format(&ft_exc_type_error, "int() argument must be a string, a bytes-like "
                           "object or a real number, not '%.200s'", x->ob_type->tp_name);
}

/* --- Slots --- */

static const FtBigInt *
val(FtObject *op)
{
    return ft_int_value_borrow(op);
}

static void
int_dealloc(FtObject *op)
{
    ft_bigint_clear(&((FtIntObject *)op)->value);
    ft_object_free_memory(op);
}

static FtObject *
int_repr(FtObject *op)
{
    char *s;
    size_t len;
    FtNumError err;
    if (ft_bigint_to_string(val(op), 10, 0, FT_BIGINT_DEFAULT_MAX_STR_DIGITS, &s, &len, &err) < 0)
        return ft_int_raise_num_error(&err);
    FtObject *r = ft_str_from_utf8_ref(s, (Ft_ssize)len);
    ft_format_free(s);
    return r;
}

static Ft_hash
int_hash(FtObject *op)
{
    return (Ft_hash)ft_bigint_hash(val(op));
}

static FtObject *
int_richcompare(FtObject *a, FtObject *b, int op)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    int c = ft_bigint_compare(val(a), val(b));
    switch (op) {
    case FT_LT: return ft_bool_from(c < 0);
    case FT_LE: return ft_bool_from(c <= 0);
    case FT_EQ: return ft_bool_from(c == 0);
    case FT_NE: return ft_bool_from(c != 0);
    case FT_GT: return ft_bool_from(c > 0);
    default: return ft_bool_from(c >= 0);
    }
}

typedef int (*FtBigIntBinary)(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err);
typedef void (*FtBigIntBitwise)(FtBigInt *out, const FtBigInt *a, const FtBigInt *b);

static FtObject *
int_binary(FtObject *a, FtObject *b, FtBigIntBinary fn)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    FtBigInt r;
    FtNumError err;
    if (fn(&r, val(a), val(b), &err) < 0)
        return ft_int_raise_num_error(&err);
    return ft_int_from_bigint_steal(&r);
}

static FtObject *
int_bitwise(FtObject *a, FtObject *b, FtBigIntBitwise fn)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    FtBigInt r;
    fn(&r, val(a), val(b));
    return ft_int_from_bigint_steal(&r);
}

static FtObject *
int_add(FtObject *a, FtObject *b)
{
    return int_binary(a, b, ft_bigint_add);
}

static FtObject *
int_subtract(FtObject *a, FtObject *b)
{
    return int_binary(a, b, ft_bigint_sub);
}

static FtObject *
int_multiply(FtObject *a, FtObject *b)
{
    return int_binary(a, b, ft_bigint_mul);
}

static FtObject *
int_remainder(FtObject *a, FtObject *b)
{
    return int_binary(a, b, ft_bigint_mod);
}

static FtObject *
int_floor_divide(FtObject *a, FtObject *b)
{
    return int_binary(a, b, ft_bigint_floordiv);
}

static FtObject *
int_lshift(FtObject *a, FtObject *b)
{
    return int_binary(a, b, ft_bigint_lshift);
}

static FtObject *
int_rshift(FtObject *a, FtObject *b)
{
    return int_binary(a, b, ft_bigint_rshift);
}

static FtObject *
int_and(FtObject *a, FtObject *b)
{
    return int_bitwise(a, b, ft_bigint_and);
}

static FtObject *
int_or(FtObject *a, FtObject *b)
{
    return int_bitwise(a, b, ft_bigint_or);
}

static FtObject *
int_xor(FtObject *a, FtObject *b)
{
    return int_bitwise(a, b, ft_bigint_xor);
}

static FtObject *
int_divmod(FtObject *a, FtObject *b)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    FtBigInt q, r;
    FtNumError err;
    if (ft_bigint_divmod(&q, &r, val(a), val(b), &err) < 0)
        return ft_int_raise_num_error(&err);
    FtObject *qo = ft_int_from_bigint_steal(&q);
    FtObject *ro = ft_int_from_bigint_steal(&r);
    FtObject *t = NULL;
    if (qo != NULL && ro != NULL)
        t = ft_tuple_pack_ref(2, qo, ro);
    ft_xdecref(qo);
    ft_xdecref(ro);
    return t;
}

static FtObject *
int_true_divide(FtObject *a, FtObject *b)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    double d;
    FtNumError err;
    if (ft_bigint_truediv(val(a), val(b), &d, &err) < 0)
        return ft_int_raise_num_error(&err);
    return ft_float_from_double_ref(d);
}

static FtObject *
int_power(FtObject *a, FtObject *b, FtObject *c)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    if (c != FT_NONE && !ft_int_check(c))
        return FT_NOT_IMPLEMENTED;
    if (c == FT_NONE && ft_bigint_sign(val(b)) < 0)   // a float result, computed as float ** float
        return ft_float_type.tp_as_number->nb_power(a, b, c);
    FtBigInt r;
    FtNumError err;
    if (ft_bigint_pow(&r, val(a), val(b), c == FT_NONE ? NULL : val(c), &err) < 0)
        return ft_int_raise_num_error(&err);
    return ft_int_from_bigint_steal(&r);
}

static FtObject *
int_negative(FtObject *a)
{
    FtBigInt r;
    ft_bigint_neg(&r, val(a));
    return ft_int_from_bigint_steal(&r);
}

static FtObject *
int_absolute(FtObject *a)
{
    FtBigInt r;
    ft_bigint_abs(&r, val(a));
    return ft_int_from_bigint_steal(&r);
}

static FtObject *
int_invert(FtObject *a)
{
    FtBigInt r;
    ft_bigint_invert(&r, val(a));
    return ft_int_from_bigint_steal(&r);
}

static int
int_bool(FtObject *a)
{
    return ft_bigint_sign(val(a)) != 0;
}

static FtObject *
int_float(FtObject *a)
{
    double d;
    FtNumError err;
    if (ft_bigint_to_double(val(a), &d, &err) < 0)
        return ft_int_raise_num_error(&err);
    return ft_float_from_double_ref(d);
}

// int(x=0, /, base=10) @vectorcall
static FtObject *
int_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    FtObject *x = NULL, *base_obj = NULL;
    // CPython's int(...) call has a positional fast path with its own count message; keywords,
    // subclasses and int.__new__(int, ...) go through argument clinic.
    bool clinic = nkw > 0 || type != &ft_int_type || (nargsf & FT_VECTORCALL_FROM_NEW_METHOD) != 0;
    if (clinic && nargs + nkw > 2)
        return ft_error_format(&ft_exc_type_error, "int() takes at most 2 %sarguments (%zd given)",
                               nargs == 0 ? "keyword " : "", nargs + nkw);
    if (nargs > 2)
        return ft_error_format(&ft_exc_type_error, "int expected at most 2 arguments, got %zd",
                               nargs);
    if (nargs >= 1)
        x = args[0];
    if (nargs == 2)
        base_obj = args[1];
    for (Ft_ssize i = 0; i < nkw; i++) {
        FtObject *name = ft_tuple_get_item_borrow(kwnames, i);
        if (!ft_str_equal_cstr(name, "base")) {
            static const char *const names[] = {"base", NULL};
            ft_number_raise_unexpected_keyword("int", name, names);
            return NULL;
        }
        if (base_obj != NULL)
            return ft_error_format(&ft_exc_type_error, "argument for int() given by name ('base') "
                                   "and position (2)");
        base_obj = args[nargs + i];
    }
    FtObject *result;
    if (base_obj == NULL) {
        result = x == NULL ? ft_int_from_int64_ref(0) : ft_int_from_object_ref(x);
    } else {
        if (x == NULL)
            return ft_error_format(&ft_exc_type_error, "int() missing string argument");
        bool ok;
        FtObject *b = ft_number_index_ref(base_obj);
        if (b == NULL)
            return NULL;
        int64_t base = ft_int_as_int64(b, &ok);
        ft_decref(b);
        if (!ok) {
            if (!ft_error_matches(&ft_exc_overflow_error))
                return NULL;
            ft_error_clear();
            base = -1;
        }
        if (base != 0 && (base < 2 || base > 36))
            return ft_error_format(&ft_exc_value_error, "int() base must be >= 2 and <= 36, or 0");
        if (!ft_str_check(x)) {
            if (int_from_bytes_like(x, (int)base, &result))
                goto done;
            return ft_error_format(&ft_exc_type_error,
                                   "int() can't convert non-string with explicit base");
        }
        Ft_ssize size;
        const char *s = ft_str_as_utf8(x, &size);
        if (s == NULL)
            return NULL;
        result = int_from_utf8(s, (size_t)size, (int)base);
    }
done:
    if (result == NULL || type == &ft_int_type)
        return result;
    // A subclass instance with the same value.
    FtIntObject *sub = (FtIntObject *)ft_object_new_of_type(type, 0);
    if (sub != NULL)
        ft_bigint_copy(&sub->value, val(result));
    ft_decref(result);
    return (FtObject *)sub;
}

/* --- Methods --- */

// Checks a fast-call method's positional count (CPython's "%s expected at most %d argument(s)").
static int
check_positional(const char *name, Ft_ssize nargs, Ft_ssize max)
{
    if (nargs <= max)
        return 0;
    ft_error_format(&ft_exc_type_error, "%s expected at most %zd argument%s, got %zd", name, max,
                    max == 1 ? "" : "s", nargs);
    return -1;
}

static FtObject *
int_bit_length(FtObject *self)
{
    return ft_int_from_int64_ref((int64_t)ft_bigint_bit_length(val(self)));
}

static FtObject *
int_bit_count(FtObject *self)
{
    return ft_int_from_int64_ref((int64_t)ft_bigint_bit_count(val(self)));
}

static FtObject *
int_as_integer_ratio(FtObject *self)
{
    FtObject *n = int_exact(self);
    if (n == NULL)
        return NULL;
    FtObject *t = ft_tuple_pack_ref(2, n, ft_int_from_int64_ref(1));
    ft_decref(n);
    return t;
}

static FtObject *
int_is_integer(FtObject *self)
{
    (void)self;
    return FT_TRUE;
}

static FtObject *
int_getnewargs(FtObject *self)
{
    FtObject *n = int_exact(self);
    if (n == NULL)
        return NULL;
    FtObject *t = ft_tuple_pack_ref(1, n);
    ft_decref(n);
    return t;
}

static FtObject *
int_sizeof(FtObject *self)
{
    uint64_t bits = ft_bigint_bit_length(val(self));
    uint64_t digits = (bits + DIGIT_BITS - 1) / DIGIT_BITS;
    if (digits == 0)
        digits = 1;
    int64_t size = SIZEOF_HEAD + (int64_t)digits * SIZEOF_DIGIT;
    if (self->ob_type != &ft_int_type && self->ob_type != &ft_bool_type)
        size += self->ob_type->tp_basicsize - (Ft_ssize)sizeof(FtIntObject);
    return ft_int_from_int64_ref(size);
}

// int.__format__(format_spec, /)
static FtObject *
int_format(FtObject *self, FtObject *spec)
{
    if (!ft_str_check(spec))
        return ft_error_bad_argument("__format__", "argument", "str", spec);
    Ft_ssize len;
    const char *s = ft_str_as_utf8(spec, &len);
    if (s == NULL)
        return NULL;
    if (len == 0)   // format(x, '') is str(x): 'True' for a bool
        return ft_object_str_ref(self);
    size_t out_len;
    FtNumError err;
    char *out = ft_bigint_format(val(self), s, (size_t)len, FT_BIGINT_DEFAULT_MAX_STR_DIGITS,
                                 &out_len, &err);
    if (out == NULL)
        return ft_int_raise_format_error(self, &err);
    FtObject *r = ft_str_from_utf8_ref(out, (Ft_ssize)out_len);
    ft_format_free(out);
    return r;
}

// int.__round__(ndigits=None, /)
// round(x, ndigits): x itself for ndigits >= 0, else x rounded to a multiple of 10**-ndigits with
// ties to even (CPython's _PyLong_DivmodNear).
static FtObject *
int_round(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (check_positional("__round__", nargs, 1) < 0)
        return NULL;
    if (nargs == 0 || args[0] == FT_NONE)
        return int_exact(self);
    FtObject *nd = ft_number_index_ref(args[0]);
    if (nd == NULL)
        return NULL;
    const FtBigInt *ndv = val(nd);
    if (ft_bigint_sign(ndv) >= 0) {
        ft_decref(nd);
        return int_exact(self);
    }
    FtBigInt ten, exp, pow10, q, r, twice_r, two;
    FtNumError err;
    ft_bigint_from_int64(&ten, 10);
    ft_bigint_from_int64(&two, 2);
    ft_bigint_neg(&exp, ndv);
    ft_decref(nd);
    int rc = ft_bigint_pow(&pow10, &ten, &exp, NULL, &err);
    ft_bigint_clear(&exp);
    if (rc < 0)
        return ft_int_raise_num_error(&err);
    if (ft_bigint_divmod(&q, &r, val(self), &pow10, &err) < 0) {
        ft_bigint_clear(&pow10);
        return ft_int_raise_num_error(&err);
    }
    // r is in [0, pow10): round up when 2r > pow10, or 2r == pow10 and q is odd.
    ft_bigint_mul(&twice_r, &r, &two, &err);
    int c = ft_bigint_compare(&twice_r, &pow10);
    FtBigInt one, q_low;
    ft_bigint_from_int64(&one, 1);
    ft_bigint_and(&q_low, &q, &one);
    if (c > 0 || (c == 0 && ft_bigint_sign(&q_low) != 0)) {
        FtBigInt q1;
        ft_bigint_add(&q1, &q, &one, &err);
        ft_bigint_clear(&q);
        q = q1;
    }
    FtBigInt result;
    rc = ft_bigint_mul(&result, &q, &pow10, &err);
    ft_bigint_clear(&pow10);
    ft_bigint_clear(&q);
    ft_bigint_clear(&r);
    ft_bigint_clear(&twice_r);
    ft_bigint_clear(&q_low);
    if (rc < 0)
        return ft_int_raise_num_error(&err);
    return ft_int_from_bigint_steal(&result);
}

static FtObject *
int_get_self(FtObject *self, void *closure)
{
    (void)closure;
    return int_exact(self);
}

static FtObject *
int_get_zero(FtObject *self, void *closure)
{
    (void)self;
    (void)closure;
    return ft_int_from_int64_ref(0);
}

static FtObject *
int_get_one(FtObject *self, void *closure)
{
    (void)self;
    (void)closure;
    return ft_int_from_int64_ref(1);
}

/* --- Type object --- */

// Parses the byteorder argument ('big' or 'little'; NULL means 'big') of to_bytes/from_bytes.
static int
byteorder_arg(const char *fname, FtObject *arg, int *big_endian)
{
    *big_endian = 1;
    if (arg == NULL)
        return 0;
    if (!ft_str_check(arg)) {
        ft_error_format(&ft_exc_type_error, "%s() argument 'byteorder' must be str, not %.80s",
                        fname, arg == FT_NONE ? "None" : arg->ob_type->tp_name);
        return -1;
    }
    if (ft_str_equal_cstr(arg, "little")) {
        *big_endian = 0;
    } else if (!ft_str_equal_cstr(arg, "big")) {
        ft_error_set_string(&ft_exc_value_error, "byteorder must be either 'little' or 'big'");
        return -1;
    }
    return 0;
}

// Gathers (first, byteorder=, *, signed=) of to_bytes/from_bytes into out[0..3) (NULL if absent).
static int
bytes_method_args(const char *fname, const char *first, FtObject *const *args, Ft_ssize nargs,
                  FtObject *kwnames, FtObject **out)
{
    const char *names[4] = {first, "byteorder", "signed", NULL};
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 3) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most 3 %sarguments (%zd given)", fname,
                        nargs == 0 ? "keyword " : "", nargs + nkw);
        return -1;
    }
    if (nargs > 2) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most 2 positional arguments (%zd given)",
                        fname, nargs);
        return -1;
    }
    for (Ft_ssize i = 0; i < 3; i++)
        out[i] = i < nargs ? args[i] : NULL;
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int found = -1;
        for (int i = 0; i < 3; i++) {
            if (ft_str_equal_cstr(key, names[i]))
                found = i;
        }
        if (found < 0) {
            ft_number_raise_unexpected_keyword(fname, key, names);
            return -1;
        }
        if (out[found] != NULL) {
            ft_error_format(&ft_exc_type_error,
                            "argument for %s() given by name ('%s') and position (%d)", fname,
                            names[found], found + 1);
            return -1;
        }
        out[found] = args[nargs + k];
    }
    return 0;
}

// int.to_bytes(length=1, byteorder='big', *, signed=False)
static FtObject *
int_to_bytes(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtObject *a[3];
    if (bytes_method_args("to_bytes", "length", args, nargs, kwnames, a) < 0)
        return NULL;
    Ft_ssize length = 1;
    if (a[0] != NULL) {
        // An argument-clinic Py_ssize_t: its own overflow text, not the index-sized one.
        FtObject *n = ft_number_index_ref(a[0]);
        if (n == NULL)
            return NULL;
        int64_t v;
        bool fits = ft_bigint_to_int64(val(n), &v) != 0;
        ft_decref(n);
        if (!fits)
            return ft_error_format(&ft_exc_overflow_error,
                                   "Python int too large to convert to C ssize_t");
        length = (Ft_ssize)v;
    }
    // CPython's order: the byteorder type, the signed flag, the byteorder value, then the length.
    int big_endian, is_signed = 0;
    if (a[1] != NULL && !ft_str_check(a[1])) {
        (void)byteorder_arg("to_bytes", a[1], &big_endian);   // raises the TypeError
        return NULL;
    }
    if (a[2] != NULL && (is_signed = ft_object_is_true(a[2])) < 0)
        return NULL;
    if (byteorder_arg("to_bytes", a[1], &big_endian) < 0)
        return NULL;
    if (length < 0)
        return ft_error_format(&ft_exc_value_error, "length argument must be non-negative");
    FtObject *res = ft_bytes_new_uninit_ref(length);
    if (res == NULL)
        return NULL;
    FtNumError err;
    if (ft_bigint_to_bytes(val(self), (unsigned char *)ft_bytes_data_unlocked(res), (size_t)length,
                           big_endian, is_signed, &err) < 0) {
        ft_decref(res);
        return ft_int_raise_num_error(&err);
    }
    return res;
}

// int.from_bytes(bytes, byteorder='big', *, signed=False) (a class method)
static FtObject *
int_from_bytes(FtObject *cls, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtObject *a[3];
    if (bytes_method_args("from_bytes", "bytes", args, nargs, kwnames, a) < 0)
        return NULL;
    if (a[0] == NULL)
        return ft_error_format(&ft_exc_type_error,
                               "from_bytes() missing required argument 'bytes' (pos 1)");
    int big_endian, is_signed = 0;
    if (byteorder_arg("from_bytes", a[1], &big_endian) < 0)
        return NULL;
    if (a[2] != NULL && (is_signed = ft_object_is_true(a[2])) < 0)
        return NULL;
    FtObject *data = ft_bytes_from_object_ref(a[0]);   // bytes(x): an immutable snapshot
    if (data == NULL)
        return NULL;
    FtBigInt v;
    ft_bigint_from_bytes(&v, (const unsigned char *)ft_bytes_data_unlocked(data),
                         (size_t)ft_bytes_size(data), big_endian, is_signed);
    ft_decref(data);
    FtObject *res = ft_int_from_bigint_steal(&v);
    if (res == NULL || cls == (FtObject *)&ft_int_type)
        return res;
    FtObject *sub = ft_object_call_one_arg_ref(cls, res);   // cls(value) for a subclass
    ft_decref(res);
    return sub;
}

static const FtMethodDef int_methods[] = {
    {"conjugate", {.noargs = int_exact}, FT_METH_NOARGS, "Returns self, the complex conjugate of any int."},
    {"bit_length", {.noargs = int_bit_length}, FT_METH_NOARGS,
     "Number of bits necessary to represent self in binary."},
    {"bit_count", {.noargs = int_bit_count}, FT_METH_NOARGS,
     "Number of ones in the binary representation of the absolute value of self."},
    {"as_integer_ratio", {.noargs = int_as_integer_ratio}, FT_METH_NOARGS,
     "Return a pair of integers, whose ratio is equal to the original int."},
    {"__trunc__", {.noargs = int_exact}, FT_METH_NOARGS, "Truncating an Integral returns itself."},
    {"__floor__", {.noargs = int_exact}, FT_METH_NOARGS, "Flooring an Integral returns itself."},
    {"__ceil__", {.noargs = int_exact}, FT_METH_NOARGS, "Ceiling of an Integral returns itself."},
    {"__round__", {.fast = int_round}, FT_METH_FASTCALL,
     "Rounding an Integral returns itself.\n\nRounding with an ndigits argument also returns an "
     "integer."},
    {"__getnewargs__", {.noargs = int_getnewargs}, FT_METH_NOARGS, NULL},
    {"__format__", {.o = int_format}, FT_METH_O, "Convert to a string according to format_spec."},
    {"__sizeof__", {.noargs = int_sizeof}, FT_METH_NOARGS, "Returns size in memory, in bytes."},
    {"is_integer", {.noargs = int_is_integer}, FT_METH_NOARGS,
     "Returns True. Exists for duck type compatibility with float.is_integer."},
    {"to_bytes", {.fast_kw = int_to_bytes}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Return an array of bytes representing an integer."},
    {"from_bytes", {.fast_kw = int_from_bytes}, FT_METH_FASTCALL | FT_METH_KEYWORDS | FT_METH_CLASS,
     "Return the integer represented by the given array of bytes."},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef int_getset[] = {
    {"real", int_get_self, NULL, "the real part of a complex number", NULL},
    {"imag", int_get_zero, NULL, "the imaginary part of a complex number", NULL},
    {"numerator", int_get_self, NULL, "the numerator of a rational number in lowest terms", NULL},
    {"denominator", int_get_one, NULL, "the denominator of a rational number in lowest terms", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtNumberMethods int_as_number = {
    .nb_add = int_add,
    .nb_subtract = int_subtract,
    .nb_multiply = int_multiply,
    .nb_remainder = int_remainder,
    .nb_divmod = int_divmod,
    .nb_power = int_power,
    .nb_negative = int_negative,
    .nb_positive = int_exact,
    .nb_absolute = int_absolute,
    .nb_bool = int_bool,
    .nb_invert = int_invert,
    .nb_lshift = int_lshift,
    .nb_rshift = int_rshift,
    .nb_and = int_and,
    .nb_xor = int_xor,
    .nb_or = int_or,
    .nb_int = int_exact,
    .nb_float = int_float,
    .nb_floor_divide = int_floor_divide,
    .nb_true_divide = int_true_divide,
    .nb_index = int_exact,
};

FtTypeObject ft_int_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "int",
    .tp_basicsize = sizeof(FtIntObject),
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_LONG_SUBCLASS,
    .tp_dealloc = int_dealloc,
    .tp_repr = int_repr,
    .tp_hash = int_hash,
    .tp_richcompare = int_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = int_new,
    .tp_as_number = &int_as_number,
    .tp_methods = int_methods,
    .tp_getset = int_getset,
    .tp_doc = "int([x]) -> integer",
};

int
ft_int_init_types(void)
{
    if (!(ft_int_type.tp_flags & FT_TPFLAGS_READY)) {
        ft_bigint_init();
        for (int i = 0; i < SMALL_COUNT; i++) {
            FtIntObject *op = &small_ints[i];
            op->ob_base = (FtObject)FT_OBJECT_HEAD_INIT(&ft_int_type);
            ft_bigint_from_int64(&op->value, FT_INT_SMALL_MIN + i);
        }
        if (ft_type_ready(&ft_int_type) < 0)
            return -1;
    }
    if (ft_bool_init_types() < 0 || ft_float_init_types() < 0 || ft_complex_init_types() < 0)
        return -1;
    return 0;
}

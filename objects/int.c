// objects/int.c: the minimal int - one int64_t per object, small-int cache, repr, CPython's modular
// hash, comparison and the basic arithmetic slots. Semantics: CPython's Objects/longobject.c
// (long_to_decimal_string, long_hash, long_richcompare) and Python/pyhash.c's modulus 2**61 - 1.
//
// Invariant: ft_int_from_int64_ref returns the cached immortal object for every value in
// [FT_INT_SMALL_MIN, FT_INT_SMALL_MAX], so small ints compare by identity as in CPython.
//
// Concurrency: ints are immutable; the cache is filled by ft_int_init_types at start-up (before a
// second thread exists) and read-only afterwards. No locks.
//
// Missing (TODO(#4)): arbitrary precision (objects/bigint.*: every result outside int64 raises
// OverflowError for now), division, shifts, bitwise ops, int(str, base) beyond plain decimal, methods.
#include <stdio.h>    // snprintf
#include <stdlib.h>   // strtoll

#include "objects/int.h"

#include "objects/error.h"    // ft_error_* ft_exc_*
#include "objects/object.h"   // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"      // ft_str_*
#include "objects/type.h"     // ft_type_ready

#define SMALL_COUNT (FT_INT_SMALL_MAX - FT_INT_SMALL_MIN + 1)
// The modulus of numeric hashes: 2**61 - 1 (CPython's _PyHASH_MODULUS on 64-bit).
#define HASH_MODULUS ((UINT64_C(1) << 61) - 1)

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
    op->value = v;
    return (FtObject *)op;
}

int64_t
ft_int_as_int64(FtObject *op, bool *ok)
{
    if (!ft_int_check(op)) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                        op->ob_type->tp_name);
        if (ok != NULL)
            *ok = false;
        return -1;
    }
    if (ok != NULL)
        *ok = true;
    return ((FtIntObject *)op)->value;
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

/* --- Slots --- */

static inline int64_t
int_value(FtObject *op)
{
    return ((FtIntObject *)op)->value;
}

static FtObject *
int_repr(FtObject *op)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", (long long)int_value(op));
    return ft_str_from_cstr_ref(buf);
}

static Ft_hash
int_hash(FtObject *op)
{
    return ft_int_hash_int64(int_value(op));
}

static FtObject *
int_richcompare(FtObject *a, FtObject *b, int op)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    int64_t x = int_value(a), y = int_value(b);
    switch (op) {
    case FT_LT: return ft_bool_from(x < y);
    case FT_LE: return ft_bool_from(x <= y);
    case FT_EQ: return ft_bool_from(x == y);
    case FT_NE: return ft_bool_from(x != y);
    case FT_GT: return ft_bool_from(x > y);
    default: return ft_bool_from(x >= y);
    }
}

static FtObject *
int_overflow(void)
{
    // TODO(#4): bignums make this unreachable.
    return ft_error_format(&ft_exc_overflow_error, "int result does not fit in 64 bits "
                           "(arbitrary precision is not implemented yet)");
}

static FtObject *
int_add(FtObject *a, FtObject *b)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    int64_t r;
    if (__builtin_add_overflow(int_value(a), int_value(b), &r))
        return int_overflow();
    return ft_int_from_int64_ref(r);
}

static FtObject *
int_subtract(FtObject *a, FtObject *b)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    int64_t r;
    if (__builtin_sub_overflow(int_value(a), int_value(b), &r))
        return int_overflow();
    return ft_int_from_int64_ref(r);
}

static FtObject *
int_multiply(FtObject *a, FtObject *b)
{
    if (!ft_int_check(a) || !ft_int_check(b))
        return FT_NOT_IMPLEMENTED;
    int64_t r;
    if (__builtin_mul_overflow(int_value(a), int_value(b), &r))
        return int_overflow();
    return ft_int_from_int64_ref(r);
}

static FtObject *
int_negative(FtObject *a)
{
    if (int_value(a) == INT64_MIN)
        return int_overflow();
    return ft_int_from_int64_ref(-int_value(a));
}

static FtObject *
int_absolute(FtObject *a)
{
    return int_value(a) < 0 ? int_negative(a) : ft_int_from_int64_ref(int_value(a));
}

// +x, int(x), x.__index__(): an exact int with the same value.
static FtObject *
int_exact(FtObject *a)
{
    if (ft_object_is_exact(a, &ft_int_type))
        return ft_new_ref(a);
    return ft_int_from_int64_ref(int_value(a));
}

static int
int_bool(FtObject *a)
{
    return int_value(a) != 0;
}

static FtObject *
int_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL || nargs > 1)   // TODO(#4): int(x, base=...)
        return ft_error_format(&ft_exc_type_error, "int() with a base is not supported yet");
    if (type != &ft_int_type)   // TODO(#4): int subclasses
        return ft_error_format(&ft_exc_type_error, "int subclasses are not supported yet");
    if (nargs == 0)
        return ft_int_from_int64_ref(0);
    FtObject *x = args[0];
    if (ft_int_check(x))
        return int_exact(x);
    if (ft_str_check(x)) {
        // TODO(#4): whitespace, underscores, signs and non-ASCII digits as CPython's int(str).
        const char *s = ft_str_as_utf8(x, NULL);
        if (s == NULL)
            return NULL;
        char *end;
        long long v = strtoll(s, &end, 10);
        if (*s == '\0' || *end != '\0')
            return ft_error_format(&ft_exc_value_error,
                                   "invalid literal for int() with base 10: %.200R", x);
        return ft_int_from_int64_ref(v);
    }
    FtNumberMethods *nb = x->ob_type->tp_as_number;
    if (nb != NULL && nb->nb_int != NULL)
        return nb->nb_int(x);
    if (nb != NULL && nb->nb_index != NULL)
        return nb->nb_index(x);
    return ft_error_format(&ft_exc_type_error, "int() argument must be a string, a bytes-like "
                           "object or a real number, not '%.200s'", x->ob_type->tp_name);
}

/* --- Type object --- */

static FtNumberMethods int_as_number = {
    .nb_add = int_add,
    .nb_subtract = int_subtract,
    .nb_multiply = int_multiply,
    .nb_negative = int_negative,
    .nb_positive = int_exact,
    .nb_absolute = int_absolute,
    .nb_bool = int_bool,
    .nb_int = int_exact,
    .nb_index = int_exact,
};

FtTypeObject ft_int_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "int",
    .tp_basicsize = sizeof(FtIntObject),
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_LONG_SUBCLASS,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = int_repr,
    .tp_hash = int_hash,
    .tp_richcompare = int_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_new = int_new,
    .tp_as_number = &int_as_number,
    .tp_doc = "int([x]) -> integer",
};

int
ft_int_init_types(void)
{
    if (ft_int_type.tp_flags & FT_TPFLAGS_READY)
        return ft_bool_init_types();   // already done (ft_objects_init is idempotent)
    for (int i = 0; i < SMALL_COUNT; i++) {
        FtIntObject *op = &small_ints[i];
        op->ob_base = (FtObject)FT_OBJECT_HEAD_INIT(&ft_int_type);
        op->value = FT_INT_SMALL_MIN + i;
    }
    if (ft_type_ready(&ft_int_type) < 0)
        return -1;
    return ft_bool_init_types();
}

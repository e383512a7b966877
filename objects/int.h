// objects/int.h: int and bool (CPython's Objects/longobject.c, boolobject.c).
//
// An int wraps one immutable FtBigInt (objects/bigint.h: an inline int64_t, or a GMP integer for
// values outside int64_t). Ints are immutable: no lock. Small ints -5..256 (3.14's cache, checked
// with the oracle: `256 is int('256')` True, 257 False) are preallocated immortal objects, as are
// True and False.
#ifndef FT_OBJECTS_INT_H
#define FT_OBJECTS_INT_H

#include <stdbool.h>   // bool
#include <stdint.h>    // int64_t

#include "objects/bigint.h"        // FtBigInt
#include "objects/format_spec.h"   // FtNumError
#include "runtime/object.h"        // FtObject

typedef struct FtIntObject {
    FtObject ob_base;
    FtBigInt value;   // immutable after construction (owned; cleared by the int's tp_dealloc)
} FtIntObject;

extern FtTypeObject ft_int_type;
extern FtTypeObject ft_bool_type;
extern FtIntObject ft_true_object;
extern FtIntObject ft_false_object;
#define FT_TRUE ((FtObject *)&ft_true_object)
#define FT_FALSE ((FtObject *)&ft_false_object)

#define FT_INT_SMALL_MIN (-5)
#define FT_INT_SMALL_MAX 256

static inline bool
ft_int_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_LONG_SUBCLASS) != 0;
}

static inline bool
ft_int_check_exact(const FtObject *op)
{
    return op->ob_type == &ft_int_type;
}

static inline FtObject *
ft_bool_from(bool b)
{
    return b ? FT_TRUE : FT_FALSE;   // immortal: no reference to take
}

// The value of an int (op must pass ft_int_check), valid while op is referenced.
static inline const FtBigInt *
ft_int_value_borrow(const FtObject *op)
{
    return &((const FtIntObject *)op)->value;
}

// A new int (the cached object for small values).
FtObject *ft_int_from_int64_ref(int64_t v);

// A new exact int holding *v, which is consumed (left zero) whether or not the call succeeds.
FtObject *ft_int_from_bigint_steal(FtBigInt *v);

// The value of an int as int64_t. A non-int raises TypeError "'T' object cannot be interpreted as
// an integer", a value outside int64_t OverflowError "Python int too large to convert to C long";
// either sets *ok false (when ok is not NULL) and returns -1.
int64_t ft_int_as_int64(FtObject *op, bool *ok);

// hash(int) by CPython's rule: the value modulo 2**61 - 1 with its sign, -1 mapped to -2.
Ft_hash ft_int_hash_int64(int64_t v);

// Raises the Python exception a numeric value library reported in err (ValueError, OverflowError,
// ZeroDivisionError, MemoryError). Returns NULL.
FtObject *ft_int_raise_num_error(const FtNumError *err);

// Raises err from a value library's format(); "Unknown format code 'q' for object of type 'T'" names
// self's own type. Returns NULL.
FtObject *ft_int_raise_format_error(FtObject *self, const FtNumError *err);

// int(x) for any object (CPython's PyNumber_Long): __int__, __index__, str/bytes digits, else
// TypeError "int() argument must be a string, a bytes-like object or a real number, not 'T'".
FtObject *ft_int_from_object_ref(FtObject *x);

// Readies int, bool, float and complex (objects/float.c, objects/complex.c).
int ft_int_init_types(void);
int ft_bool_init_types(void);   // objects/bool.c, called by ft_int_init_types

#endif // FT_OBJECTS_INT_H

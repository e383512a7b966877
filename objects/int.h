// objects/int.h: the minimal int and bool (CPython's Objects/longobject.c, boolobject.c).
//
// An int holds one int64_t for now; results that do not fit raise OverflowError until the bignum
// representation arrives (TODO(#4): objects/bigint.*). Ints are immutable: no lock. Small ints
// -5..256 (3.14's cache, checked with the oracle: `256 is int('256')` True, 257 False) are
// preallocated immortal objects, as are True and False.
#ifndef FT_OBJECTS_INT_H
#define FT_OBJECTS_INT_H

#include <stdbool.h>   // bool
#include <stdint.h>    // int64_t

#include "runtime/object.h"   // FtObject

typedef struct FtIntObject {
    FtObject ob_base;
    int64_t value;   // immutable
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

static inline FtObject *
ft_bool_from(bool b)
{
    return b ? FT_TRUE : FT_FALSE;   // immortal: no reference to take
}

// A new int (the cached object for small values).
FtObject *ft_int_from_int64_ref(int64_t v);

// The value of an int. Never fails for the current representation; TypeError for a non-int sets
// *ok false (when ok is not NULL) and returns -1.
int64_t ft_int_as_int64(FtObject *op, bool *ok);

// hash(int) by CPython's rule: the value modulo 2**61 - 1 with its sign, -1 mapped to -2.
Ft_hash ft_int_hash_int64(int64_t v);

int ft_int_init_types(void);
int ft_bool_init_types(void);   // objects/bool.c, called by ft_int_init_types

#endif // FT_OBJECTS_INT_H

// objects/float.h: float (CPython's Objects/floatobject.c), one immutable double per object.
//
// Floats are immutable: no lock once published. Formatting, parsing, rounding, hex and the hash
// are the value library objects/float_format.h; this file is the object around it.
#ifndef FT_OBJECTS_FLOAT_H
#define FT_OBJECTS_FLOAT_H

#include <stdbool.h>   // bool

#include "objects/type.h"     // ft_type_is_subtype
#include "runtime/object.h"   // FtObject FtTypeObject

typedef struct FtFloatObject {
    FtObject ob_base;
    double value;   // immutable
} FtFloatObject;

extern FtTypeObject ft_float_type;

static inline bool
ft_float_check(const FtObject *op)
{
    return op->ob_type == &ft_float_type || ft_type_is_subtype(op->ob_type, &ft_float_type);
}

// The value of a float (op must pass ft_float_check).
static inline double
ft_float_value(const FtObject *op)
{
    return ((const FtFloatObject *)op)->value;
}

// A new exact float.
FtObject *ft_float_from_double_ref(double v);

// float(x) for any object (CPython's PyNumber_Float): __float__, __index__, str digits, else
// TypeError "float() argument must be a string or a real number, not 'T'".
FtObject *ft_float_from_object_ref(FtObject *x);

// The double value of a float or an int (ints rounded correctly, OverflowError "int too large to
// convert to float"); otherwise via __float__/__index__ (CPython's PyFloat_AsDouble). Returns -1.0
// with an exception set on failure (check ft_error_occurred()).
double ft_float_as_double(FtObject *op);

int ft_float_init_types(void);

#endif // FT_OBJECTS_FLOAT_H

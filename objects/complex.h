// objects/complex.h: complex (CPython's Objects/complexobject.c), two immutable doubles per object.
//
// Complex numbers are immutable: no lock once published.
#ifndef FT_OBJECTS_COMPLEX_H
#define FT_OBJECTS_COMPLEX_H

#include <stdbool.h>   // bool

#include "objects/type.h"     // ft_type_is_subtype
#include "runtime/object.h"   // FtObject FtTypeObject

typedef struct FtComplex {
    double real;
    double imag;
} FtComplex;

typedef struct FtComplexObject {
    FtObject ob_base;
    FtComplex value;   // immutable
} FtComplexObject;

extern FtTypeObject ft_complex_type;

static inline bool
ft_complex_check(const FtObject *op)
{
    return op->ob_type == &ft_complex_type || ft_type_is_subtype(op->ob_type, &ft_complex_type);
}

// The value of a complex (op must pass ft_complex_check).
static inline FtComplex
ft_complex_value(const FtObject *op)
{
    return ((const FtComplexObject *)op)->value;
}

// A new exact complex.
FtObject *ft_complex_from_doubles_ref(double real, double imag);

// a ** b by CPython's rules (an integral exponent of magnitude <= 100 by repeated squaring).
// ZeroDivisionError "zero to a negative or complex power", OverflowError "complex exponentiation".
// Returns 0, or -1 with the exception set.
int ft_complex_pow(FtComplex a, FtComplex b, FtComplex *out);

int ft_complex_init_types(void);

#endif // FT_OBJECTS_COMPLEX_H

// objects/abstract_number.h: the number protocol (CPython's Objects/abstract.c PyNumber_*): the
// binary, ternary, unary and in-place operator dispatch over the nb_* slots, with CPython's operand
// order (a right operand whose type is a proper subtype of the left's is tried first), the
// NotImplemented fallbacks, the sequence concat/repeat fallbacks of + and *, and the TypeError texts
// ("unsupported operand type(s) for +: 'int' and 'str'", "bad operand type for unary -: 'str'").
//
// Every function returns a new reference, or NULL with the exception set on the calling thread; it
// needs an attached thread state and only reads immutable type slots (no lock of its own).
#ifndef FT_OBJECTS_ABSTRACT_NUMBER_H
#define FT_OBJECTS_ABSTRACT_NUMBER_H

#include "runtime/object.h"   // FtObject Ft_ssize

FtObject *ft_number_add_ref(FtObject *v, FtObject *w);
FtObject *ft_number_subtract_ref(FtObject *v, FtObject *w);
FtObject *ft_number_multiply_ref(FtObject *v, FtObject *w);
FtObject *ft_number_matrix_multiply_ref(FtObject *v, FtObject *w);
FtObject *ft_number_floor_divide_ref(FtObject *v, FtObject *w);
FtObject *ft_number_true_divide_ref(FtObject *v, FtObject *w);
FtObject *ft_number_remainder_ref(FtObject *v, FtObject *w);
FtObject *ft_number_divmod_ref(FtObject *v, FtObject *w);
FtObject *ft_number_lshift_ref(FtObject *v, FtObject *w);
FtObject *ft_number_rshift_ref(FtObject *v, FtObject *w);
FtObject *ft_number_and_ref(FtObject *v, FtObject *w);
FtObject *ft_number_xor_ref(FtObject *v, FtObject *w);
FtObject *ft_number_or_ref(FtObject *v, FtObject *w);
// pow(v, w, z) with z FT_NONE for the two-argument form and v ** w.
FtObject *ft_number_power_ref(FtObject *v, FtObject *w, FtObject *z);

// v op= w: the in-place slot of v, then the plain binary operation.
FtObject *ft_number_inplace_add_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_subtract_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_multiply_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_matrix_multiply_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_floor_divide_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_true_divide_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_remainder_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_lshift_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_rshift_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_and_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_xor_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_or_ref(FtObject *v, FtObject *w);
FtObject *ft_number_inplace_power_ref(FtObject *v, FtObject *w, FtObject *z);

// -v, +v, abs(v), ~v.
FtObject *ft_number_negative_ref(FtObject *v);
FtObject *ft_number_positive_ref(FtObject *v);
FtObject *ft_number_absolute_ref(FtObject *v);
FtObject *ft_number_invert_ref(FtObject *v);

// operator.index(v): an int, TypeError "'T' object cannot be interpreted as an integer" or
// "__index__ returned non-int (type T)".
FtObject *ft_number_index_ref(FtObject *v);

// v.__index__() as an Ft_ssize; a value outside Ft_ssize raises overflow_exc (a type) with "cannot
// fit 'int' into an index-sized integer", or clamps when overflow_exc is NULL. -1 with an exception
// on error (check ft_error_occurred()).
Ft_ssize ft_number_as_ssize(FtObject *v, FtTypeObject *overflow_exc);

// The DeprecationWarning CPython gives when method (a conversion such as "__index__") returned an
// instance of a strict subclass of base_name ("int") instead of the exact type. Returns 0, or -1
// when the warning was turned into an exception.
int ft_number_warn_subclass_result(const char *method, FtObject *result, const char *base_name);

// Sets TypeError "fname() got an unexpected keyword argument 'key'", followed by CPython 3.14's
// ". Did you mean 'name'?" when one of the NULL-terminated names is close enough.
void ft_number_raise_unexpected_keyword(const char *fname, FtObject *key,
                                        const char *const *names);

#endif // FT_OBJECTS_ABSTRACT_NUMBER_H

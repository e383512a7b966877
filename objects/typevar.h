// objects/typevar.h: the PEP 695 typing objects built by the compiler's intrinsics (CPython's
// Objects/typevarobject.c): TypeVar, ParamSpec, TypeVarTuple, TypeAliasType, typing.Generic and
// typing.NoDefault.
//
// Concurrency: every field is immutable once the object is published, except the caches of
// lazily evaluated bounds / constraints / defaults / alias values, each published once by
// compare-and-swap (a racing evaluation may run twice; both results are equivalent).
#ifndef FT_OBJECTS_TYPEVAR_H
#define FT_OBJECTS_TYPEVAR_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtTypeObject

extern FtTypeObject ft_typevar_type;         // typing.TypeVar
extern FtTypeObject ft_paramspec_type;       // typing.ParamSpec
extern FtTypeObject ft_typevartuple_type;    // typing.TypeVarTuple
extern FtTypeObject ft_typealias_type;       // typing.TypeAliasType
extern FtTypeObject ft_generic_type;         // typing.Generic
extern FtObject ft_nodefault_object;         // typing.NoDefault
#define FT_NODEFAULT (&ft_nodefault_object)

// TypeVar, ParamSpec or TypeVarTuple.
static inline bool
ft_typevar_like_check(const FtObject *op)
{
    return op->ob_type == &ft_typevar_type || op->ob_type == &ft_paramspec_type ||
           op->ob_type == &ft_typevartuple_type;
}

static inline bool
ft_typealias_check(const FtObject *op)
{
    return op->ob_type == &ft_typealias_type;
}

// CALL_INTRINSIC_1 for which = FT_INTRINSIC_TYPEVAR, _PARAMSPEC, _TYPEVARTUPLE,
// _SUBSCRIPT_GENERIC, _TYPEALIAS (eval/generated/opcode_ids.gen.h): the result as a new reference,
// or NULL with an exception (SystemError for any other which). The argument is borrowed.
FtObject *ft_typing_intrinsic1_ref(int which, FtObject *arg);

// CALL_INTRINSIC_2 for which = FT_INTRINSIC_TYPEVAR_WITH_BOUND, _TYPEVAR_WITH_CONSTRAINTS,
// _SET_FUNCTION_TYPE_PARAMS, _SET_TYPEPARAM_DEFAULT. value2 is the deeper stack operand (the name,
// the function, the type parameter), value1 the top one (the evaluate function or the tuple of
// type parameters), in CPython's order. Both borrowed; a new reference or NULL with an exception.
FtObject *ft_typing_intrinsic2_ref(int which, FtObject *value2, FtObject *value1);

// Readies the types above (called from ft_type_init_types). Start-up.
int ft_typevar_init_types(void);

#endif // FT_OBJECTS_TYPEVAR_H

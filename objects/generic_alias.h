// objects/generic_alias.h: types.GenericAlias (`list[int]`, objects/generic_alias.c) and
// types.UnionType / typing.Union (`int | str`, objects/union_type.c).
//
// Both are immutable once built: any thread may read them without a lock.
#ifndef FT_OBJECTS_GENERIC_ALIAS_H
#define FT_OBJECTS_GENERIC_ALIAS_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtTypeObject

extern FtTypeObject ft_generic_alias_type;   // types.GenericAlias
extern FtTypeObject ft_union_type;           // typing.Union (types.UnionType is the same type)

static inline bool
ft_generic_alias_check(const FtObject *op)
{
    return op->ob_type == &ft_generic_alias_type;
}

static inline bool
ft_union_check(const FtObject *op)
{
    return op->ob_type == &ft_union_type;
}

// origin[args]: a new GenericAlias (args: a tuple, or one object standing for a 1-tuple). NULL
// with an exception.
FtObject *ft_generic_alias_new_ref(FtObject *origin, FtObject *args);

// The C function behind every builtin `__class_getitem__` (a classmethod: cls[item] gives
// GenericAlias(cls, item)). For FtMethodDef tables: {.name = "__class_getitem__", .fn.o =
// ft_generic_alias_class_getitem_ref, .flags = FT_METH_O | FT_METH_CLASS}.
FtObject *ft_generic_alias_class_getitem_ref(FtObject *cls, FtObject *item);

// The type variables (TypeVar, ParamSpec, TypeVarTuple) found in args (a tuple) and in their
// __parameters__, in order of first appearance, as a new tuple.
FtObject *ft_generic_alias_collect_parameters_ref(FtObject *args);

// a | b for the unionable operands (None, types, GenericAlias, Union, TypeAliasType): a new
// reference (a Union, or the single remaining operand after deduplication), NotImplemented when
// either operand is not unionable, or NULL with an exception. This is type.__or__ / __ror__.
FtObject *ft_union_or_ref(FtObject *a, FtObject *b);

// A union of args (a tuple of unionable objects): flattens nested unions, maps None to NoneType and
// drops duplicates; a single remaining member is returned itself. NULL with an exception.
FtObject *ft_union_from_tuple_ref(FtObject *args);

// The members of a Union as a tuple, borrowed (valid while the union is alive). isinstance and
// issubclass treat a Union like this tuple.
FtObject *ft_union_args_borrow(FtObject *u);

// repr of one member of a GenericAlias or Union: "..." for Ellipsis, "None" for None/NoneType
// (when none_as_name), the qualified name of a type ("int", "mod.Cls"), else repr(). NULL with an
// exception.
FtObject *ft_generic_alias_repr_item_ref(FtObject *p, bool none_as_name);

// Readies GenericAlias and Union (called from ft_type_init_types). Start-up.
int ft_generic_alias_init_types(void);
int ft_union_init_types(void);

#endif // FT_OBJECTS_GENERIC_ALIAS_H

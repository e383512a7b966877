// objects/type.h: type objects (CPython's Objects/typeobject.c): readying static types (slot
// inheritance, C3 MRO, the type dict), subtype tests and MRO lookup.
//
// Concurrency: a static type is readied during start-up, before a second thread exists; afterwards
// its fields are immutable except tp_version_tag (atomic). So lookups take no lock. Heap types
// (class statements), attribute assignment on types, tag invalidation and the per-type method cache
// (FREE-THREADING.md 9.3) are TODO(#4).
#ifndef FT_OBJECTS_TYPE_H
#define FT_OBJECTS_TYPE_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtTypeObject FtObject

static inline bool
ft_type_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_TYPE_SUBCLASS) != 0;
}

// Completes a static type: readies its base (object by default), sets tp_bases, inherits flags, sizes
// and slots, computes the MRO by C3, fills tp_dict from tp_methods/tp_members/tp_getset, assigns a
// version tag. Returns 0, or -1 with an exception (TypeError for an inconsistent MRO). Start-up only
// (single thread). Idempotent.
int ft_type_ready(FtTypeObject *type);

// True if a is b or a subtype of b (through a's MRO, or its base chain before it is readied).
bool ft_type_is_subtype(FtTypeObject *a, FtTypeObject *b);

// The first attribute called name (a str) in type's MRO dicts, borrowed (type dicts of readied static
// types are immutable), or NULL if absent; never sets an exception.
FtObject *ft_type_lookup_borrow(FtTypeObject *type, FtObject *name);

// The value stored under name in type's own dict (no MRO), borrowed, or NULL.
FtObject *ft_type_dict_get_borrow(FtTypeObject *type, FtObject *name);

// type.__name__ of a type: the part of tp_name after the last dot, as a new str.
FtObject *ft_type_name_ref(FtTypeObject *type);

// The current version tag (0: none). Any thread.
uint32_t ft_type_version_tag(FtTypeObject *type);

// C3 linearization of bases (a tuple of types) for a new type placed first: a new tuple, or NULL with
// TypeError "Cannot create a consistent method resolution order (MRO) for bases A, B". Exposed for
// heap types and tests.
FtObject *ft_type_mro_c3_ref(FtTypeObject *type, FtObject *bases);

// type(...) and object(...) slots used by other types.
FtObject *ft_type_call_ref(FtObject *callable, FtObject *const *args, size_t nargsf, FtObject *kwnames);
FtObject *ft_object_new_default(FtTypeObject *type, FtObject *const *args, size_t nargsf,
                                FtObject *kwnames);

int ft_type_init_types(void);

#endif // FT_OBJECTS_TYPE_H

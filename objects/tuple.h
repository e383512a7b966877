// objects/tuple.h: tuple (CPython's Objects/tupleobject.c).
//
// A tuple is immutable once published; the only exception is construction: ft_tuple_new_ref returns
// an unpublished tuple whose items the creator fills with ft_tuple_set_item_steal_unlocked. The hash
// is cached (3.14 caches it too) with a relaxed atomic: every thread computes the same value.
#ifndef FT_OBJECTS_TUPLE_H
#define FT_OBJECTS_TUPLE_H

#include "runtime/object.h"   // FtObject FtVarObject
#include "sync/fatal.h"       // FT_ASSERT

typedef struct FtTupleObject {
    FtVarObject ob_base;   // ob_size immutable
    Ft_hash hash;          // atomic: -1 until computed
    FtObject *items[];     // immutable after publication (NULL only while being built)
} FtTupleObject;

extern FtTypeObject ft_tuple_type;
extern FtTypeObject ft_tuple_iter_type;   // tuple_iterator; one item per next, shareable

static inline int
ft_tuple_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_TUPLE_SUBCLASS) != 0;
}

static inline Ft_ssize
ft_tuple_size(const FtObject *op)
{
    return ((const FtVarObject *)op)->ob_size;
}

// Item i (0 <= i < size), borrowed.
static inline FtObject *
ft_tuple_get_item_borrow(const FtObject *op, Ft_ssize i)
{
    FT_ASSERT(i >= 0 && i < ft_tuple_size(op));
    return ((const FtTupleObject *)op)->items[i];
}

// Stores item (stealing it) in slot i of a tuple the caller just created and has not published.
static inline void
ft_tuple_set_item_steal_unlocked(FtObject *op, Ft_ssize i, FtObject *item)
{
    FT_ASSERT(i >= 0 && i < ft_tuple_size(op));
    ((FtTupleObject *)op)->items[i] = item;
}

// A new tuple of n NULL items to be filled (the immortal empty tuple for n == 0).
FtObject *ft_tuple_new_ref(Ft_ssize n);
// A tuple of the n items (each gets a new reference).
FtObject *ft_tuple_from_array_ref(FtObject *const *items, Ft_ssize n);
// A tuple of the n FtObject * arguments (each gets a new reference).
FtObject *ft_tuple_pack_ref(Ft_ssize n, ...);

int ft_tuple_init_types(void);

#endif // FT_OBJECTS_TUPLE_H

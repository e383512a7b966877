// objects/range.h: range objects and their iterators (CPython's Objects/rangeobject.c).
//
// A range is immutable: start, stop, step and the precomputed length are exact ints fixed at
// creation, so every range operation is lock-free. Iteration uses range_iterator (an int64 walk
// with an atomically claimed index) when start, step and length fit in int64, else
// longrange_iterator (ints of any size, its index guarded by the iterator's ob_mutex).
#ifndef FT_OBJECTS_RANGE_H
#define FT_OBJECTS_RANGE_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtTypeObject

typedef struct FtRangeObject {
    FtObject ob_base;
    FtObject *start;    // immutable after creation: an exact int
    FtObject *stop;     // immutable after creation: an exact int
    FtObject *step;     // immutable after creation: an exact non-zero int
    FtObject *length;   // immutable after creation: an exact int >= 0, len(range) of any size
} FtRangeObject;

extern FtTypeObject ft_range_type;
extern FtTypeObject ft_range_iter_type;       // "range_iterator"
extern FtTypeObject ft_longrange_iter_type;   // "longrange_iterator"

static inline bool
ft_range_check(const FtObject *op)
{
    return op->ob_type == &ft_range_type;
}

// range(start, stop, step) from three ints (anything with __index__). New reference; NULL with
// ValueError "range() arg 3 must not be zero" or the __index__ TypeError.
FtObject *ft_range_new_ref(FtObject *start, FtObject *stop, FtObject *step);

int ft_range_init_types(void);

#endif // FT_OBJECTS_RANGE_H

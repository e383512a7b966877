// objects/slice.h: slice objects (CPython's Objects/sliceobject.c): slice(start, stop, step),
// its repr, comparison, hash (hashable since 3.12), indices(), and the index arithmetic every
// sequence's subscript uses (PySlice_Unpack / PySlice_AdjustIndices).
//
// A slice is immutable: its three fields are set at creation and never change, so every operation
// is lock-free.
#ifndef FT_OBJECTS_SLICE_H
#define FT_OBJECTS_SLICE_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtTypeObject Ft_ssize

typedef struct FtSliceObject {
    FtObject ob_base;
    FtObject *start;   // immutable after creation (strong, None when omitted)
    FtObject *stop;    // immutable after creation (strong, None when omitted)
    FtObject *step;    // immutable after creation (strong, None when omitted)
} FtSliceObject;

extern FtTypeObject ft_slice_type;

static inline bool
ft_slice_check(const FtObject *op)
{
    return op->ob_type == &ft_slice_type;
}

// slice(start, stop, step); a NULL argument means None. New reference, or NULL (MemoryError).
FtObject *ft_slice_new_ref(FtObject *start, FtObject *stop, FtObject *step);

// Converts the slice's fields to Ft_ssize (PySlice_Unpack): None gives the defaults for the sign of
// step (step 1; start 0 or PTRDIFF_MAX; stop PTRDIFF_MAX or PTRDIFF_MIN), values beyond Ft_ssize
// clamp, step PTRDIFF_MIN becomes -PTRDIFF_MAX. Returns 0, or -1 with ValueError "slice step cannot
// be zero" / TypeError "slice indices must be integers or None or have an __index__ method". May
// call __index__ (any code).
int ft_slice_unpack(FtObject *slice, Ft_ssize *start, Ft_ssize *stop, Ft_ssize *step);

// Clips start and stop (as unpacked) to a sequence of the given length and returns the number of
// items the slice selects (PySlice_AdjustIndices). step != 0, length >= 0. Pure arithmetic.
Ft_ssize ft_slice_adjust_indices(Ft_ssize length, Ft_ssize *start, Ft_ssize *stop, Ft_ssize step);

// The start, stop and step of slice clipped to a sequence of the given length (an exact int >= 0),
// as new exact ints of any size (CPython's _PySlice_GetLongIndices; what slice.indices returns).
// Returns 0, or -1 with the errors of ft_slice_unpack (the three outputs NULL). May call __index__.
int ft_slice_get_long_indices(FtObject *slice, FtObject *length, FtObject **start, FtObject **stop,
                              FtObject **step);

int ft_slice_init_types(void);

#endif // FT_OBJECTS_SLICE_H

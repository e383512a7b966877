// objects/memoryview.h: memoryview over bytes and bytearray (CPython's Objects/memoryobject.c,
// restricted to one-dimensional unsigned-byte views, format 'B').
//
// A view borrows the bytes of its object: a view of a bytes reads the immutable data directly; a
// view of a bytearray reads and writes its current buffer under the bytearray's critical section
// (a write through the view is seen by the bytearray and the other way round). Every function needs
// an attached thread state and may be called from any thread.
#ifndef FT_OBJECTS_MEMORYVIEW_H
#define FT_OBJECTS_MEMORYVIEW_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtTypeObject Ft_ssize

extern FtTypeObject ft_memoryview_type;

static inline bool
ft_memoryview_check(const FtObject *op)
{
    return op->ob_type == &ft_memoryview_type;
}

// memoryview(obj): obj a bytes, bytearray or memoryview; TypeError "memoryview: a bytes-like object
// is required, not 'T'" otherwise. A new reference or NULL.
FtObject *ft_memoryview_from_object_ref(FtObject *obj);

// mv.tobytes(): a new bytes with a copy of the bytes the view selects at this moment; ValueError
// "operation forbidden on released memoryview object" after release(). NULL on error.
FtObject *ft_memoryview_to_bytes_ref(FtObject *mv);

// Readies memoryview. Called once by ft_bytes_init_types (objects/bytes.c), single-threaded.
int ft_memoryview_init_types(void);

#endif // FT_OBJECTS_MEMORYVIEW_H

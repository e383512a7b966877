// objects/memoryview.h: memoryview over bytes and bytearray (CPython's Objects/memoryobject.c,
// with native single-character formats and cast() to any shape).
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

// True if mv is C-contiguous (a released view counts as contiguous; using it raises later).
bool ft_memoryview_is_c_contiguous(FtObject *mv);

// True if the shared bytes method `method` (its Python name, or "__contains__", "__add__",
// "maketrans", "fromhex") must read its argument arg, passed at position pos or (kwname not NULL)
// by that keyword, through ft_memoryview_snapshot_arg_ref: the parameter reads a buffer (find's
// sub, split's sep, ...; not center's fill byte) and arg is a bytearray (whose bytes may change
// under a running method), a memoryview, or a tuple holding one.
bool ft_memoryview_needs_snapshot(const char *method, Ft_ssize pos, FtObject *kwname,
                                  FtObject *arg);

// The argument the shared bytes method reads (any thread, no section held): when
// ft_memoryview_needs_snapshot, a bytearray becomes a bytes copy of its contents, a memoryview
// the bytes it selects (BufferError "memoryview: underlying buffer is not C-contiguous" unless it
// is C-contiguous), a tuple the tuple of its items' snapshots; otherwise arg itself. A new
// reference, or NULL on error.
FtObject *ft_memoryview_snapshot_arg_ref(const char *method, Ft_ssize pos, FtObject *kwname,
                                         FtObject *arg);

// __buffer__(flags, /) for bytes, bytearray and memoryview (a method table entry, FT_METH_FASTCALL):
// a new view of self; TypeError on a wrong argument count or a non-int flags, BufferError when
// flags asks a read-only object for a writable buffer. NULL on error.
FtObject *ft_memoryview_method_buffer(FtObject *self, FtObject *const *args, Ft_ssize nargs);

// __release_buffer__(view, /) for bytearray and memoryview (FT_METH_FASTCALL): releases view;
// TypeError "expected a memoryview object" for anything else. None, or NULL on error.
FtObject *ft_memoryview_method_release_buffer(FtObject *self, FtObject *const *args,
                                              Ft_ssize nargs);

// Readies memoryview. Called once by ft_bytes_init_types (objects/bytes.c), single-threaded.
int ft_memoryview_init_types(void);

#endif // FT_OBJECTS_MEMORYVIEW_H

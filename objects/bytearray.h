// objects/bytearray.h: bytearray (CPython's Objects/bytearrayobject.c), the mutable byte string.
//
// A bytearray is a mutable container protected by its own ob_mutex through critical sections
// (objects/README.md): every method that reads or writes the bytes takes the section for its whole
// body. len() reads ob_size with a relaxed load and takes no lock. Every function needs an attached
// thread state; "any thread" means any attached thread holding a reference to the bytearray.
#ifndef FT_OBJECTS_BYTEARRAY_H
#define FT_OBJECTS_BYTEARRAY_H

#include <stdbool.h>   // bool

#include "objects/type.h"     // ft_type_is_subtype
#include "runtime/object.h"   // FtObject FtVarObject FtTypeObject Ft_ssize

// ob_size (in ob_base) is atomic: written under ob_mutex with relaxed stores, read lock-free by len().
typedef struct FtByteArrayObject {
    FtVarObject ob_base;
    char *ob_bytes;       // guarded_by(ob_mutex): from ft_runtime_mem, allocated bytes (NUL after the data),
                          // or NULL when allocated == 0
    Ft_ssize allocated;   // guarded_by(ob_mutex): the capacity of ob_bytes
    Ft_ssize exports;     // guarded_by(ob_mutex): live memoryview buffers over ob_bytes; while
                          // non-zero the size may not change (BufferError)
} FtByteArrayObject;

extern FtTypeObject ft_bytearray_type;
extern FtTypeObject ft_bytearray_iterator_type;   // bytearray_iterator

static inline bool
ft_bytearray_check(const FtObject *op)
{
    return op->ob_type == &ft_bytearray_type ||
           ft_type_is_subtype(op->ob_type, &ft_bytearray_type);
}

// len(ba): a relaxed snapshot that may be stale at once. Any thread, lock-free.
Ft_ssize ft_bytearray_size(FtObject *ba);

// A new bytearray holding a copy of data[0..size) (data NULL: zeroed). Any thread.
FtObject *ft_bytearray_from_data_ref(const char *data, Ft_ssize size);

// bytes(ba): the contents at one moment, as a new bytes. Any thread; takes the section.
FtObject *ft_bytearray_to_bytes_ref(FtObject *ba);

// The bytes and size; the caller holds ba's critical section (or ba is unpublished).
const char *ft_bytearray_data_lock_held(FtObject *ba, Ft_ssize *size);

// ba.append(value) with value an int 0..255. Returns 0 or -1. Any thread; takes the section.
int ft_bytearray_append(FtObject *ba, FtObject *value);

// ba.pop(i) (i < 0 counts from the end): the byte value, or -1 with IndexError. Takes the section.
int ft_bytearray_pop(FtObject *ba, Ft_ssize i);

// ba += other (bytes or bytearray; a two-object section for a bytearray). Returns 0 or -1.
int ft_bytearray_extend_buffer(FtObject *ba, FtObject *other);

// Counts a buffer export (delta +1) or its release (-1), as memoryview does for a view over ba.
// Any thread; takes the section.
void ft_bytearray_add_export(FtObject *ba, int delta);

// Readies bytearray and its iterator; called by ft_bytes_init_types.
int ft_bytearray_init_types(void);

#endif // FT_OBJECTS_BYTEARRAY_H

// objects/bytes.h: bytes (CPython's Objects/bytesobject.c) and the byte-string methods shared with
// bytearray (objects/bytes_methods.c; CPython's Objects/bytes_methods.c and stringlib).
//
// A bytes object is immutable once published: readers need no lock. The one lazily computed field
// (hash) is a relaxed atomic. The shared methods read their receiver through ft_bytes_view, which
// for a bytearray must be called inside the bytearray's critical section (objects/bytearray.c wraps
// every shared method in one).
#ifndef FT_OBJECTS_BYTES_H
#define FT_OBJECTS_BYTES_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtVarObject Ft_hash

// The data (ob_size bytes plus a NUL) follows the struct inline.
typedef struct FtBytesObject {
    FtVarObject ob_base;   // ob_size immutable after publication
    Ft_hash hash;          // atomic: -1 until computed (relaxed: every thread computes the same)
    char data[];           // immutable after publication; data[ob_size] == '\0'
} FtBytesObject;

extern FtTypeObject ft_bytes_type;
extern FtTypeObject ft_bytes_iterator_type;   // iter(b); one int per next, shareable

static inline bool
ft_bytes_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_BYTES_SUBCLASS) != 0;
}

static inline Ft_ssize
ft_bytes_size(const FtObject *op)
{
    return ((const FtVarObject *)op)->ob_size;
}

static inline const char *
ft_bytes_data(const FtObject *op)
{
    return ((const FtBytesObject *)op)->data;
}

// A new bytes holding a copy of data[0..size) (data may be NULL: size zeroed bytes). Size 0 and
// size 1 give the shared immortal objects. Returns NULL with MemoryError/OverflowError on failure.
FtObject *ft_bytes_from_data_ref(const char *data, Ft_ssize size);

// A new, unpublished bytes of size bytes for the caller to fill through ft_bytes_data_unlocked
// before publishing it (never a shared singleton, even for size 0 or 1).
FtObject *ft_bytes_new_uninit_ref(Ft_ssize size);

static inline char *
ft_bytes_data_unlocked(FtObject *op)
{
    return ((FtBytesObject *)op)->data;
}

// The bytes of a bytes or bytearray object: 1 with *data, *size set; 0 if op is neither (nothing
// raised). For a bytearray the caller must hold its critical section for as long as it uses *data.
int ft_bytes_view(FtObject *op, const char **data, Ft_ssize *size);

// hash(b): CPython's (SipHash-1-3 with the str key, ft_hash_bytes). Any thread.
Ft_hash ft_bytes_hash(FtObject *b);

// repr of data[0..size) as CPython's bytes repr (b'...' with the quote choice and \x escapes),
// wrapped as prefix + repr + suffix (bytearray uses "bytearray(" and ")"; a non-empty prefix also
// selects bytearray's rule of escaping every single quote).
FtObject *ft_bytes_repr_data_ref(const char *data, Ft_ssize size, const char *prefix,
                                 const char *suffix);

// Byte-string comparison of two views by CPython's rules (memcmp, then the lengths).
FtObject *ft_bytes_compare_data(const char *a, Ft_ssize na, const char *b, Ft_ssize nb, int op);


// bytes(x) for one object x (CPython's PyBytes_FromObject): bytes, bytearray, memoryview, or an
// iterable of ints; TypeError "cannot convert 'T' object to bytes" otherwise.
FtObject *ft_bytes_from_object_ref(FtObject *x);

// Collects an iterable of ints (a tuple, a list, or any iterable: may run Python code, so never
// call it inside a critical section whose view must stay valid): a malloc'd buffer in *out (free
// it), its size in *size. Returns 0; -1 with CPython's errors ("bytes must be in range(0, 256)");
// or -2 with no exception when iterable is not iterable (the caller words that TypeError).
int ft_bytes_collect_ints(FtObject *iterable, char **out, Ft_ssize *size);

// The shared methods (objects/bytes_methods.c). self is a bytes or a bytearray (under its section);
// results that are byte strings have self's kind (bytes for bytes, bytearray for bytearray).
// Arguments follow the FtMethodDef conventions (objects/method_def.h).
#define FT_BYTES_SHARED_METHODS(X)                                                           \
    X(find, FAST) X(rfind, FAST) X(index, FAST) X(rindex, FAST) X(count, FAST)                \
    X(startswith, FAST) X(endswith, FAST) X(replace, FAST) X(split, FAST_KW)                  \
    X(rsplit, FAST_KW) X(splitlines, FAST_KW) X(partition, O) X(rpartition, O) X(strip, FAST) \
    X(lstrip, FAST) X(rstrip, FAST) X(removeprefix, O) X(removesuffix, O) X(join, O)          \
    X(center, FAST) X(ljust, FAST) X(rjust, FAST) X(zfill, O) X(expandtabs, FAST_KW)          \
    X(lower, NOARGS) X(upper, NOARGS) X(swapcase, NOARGS) X(capitalize, NOARGS)               \
    X(title, NOARGS) X(isalnum, NOARGS) X(isalpha, NOARGS) X(isascii, NOARGS)                 \
    X(isdigit, NOARGS) X(islower, NOARGS) X(isupper, NOARGS) X(isspace, NOARGS)               \
    X(istitle, NOARGS) X(hex, FAST_KW) X(decode, FAST_KW) X(translate, FAST_KW)

#define FT_BYTES_SIG_NOARGS(name) FtObject *ft_bytes_method_##name(FtObject *self);
#define FT_BYTES_SIG_O(name) FtObject *ft_bytes_method_##name(FtObject *self, FtObject *arg);
#define FT_BYTES_SIG_FAST(name) \
    FtObject *ft_bytes_method_##name(FtObject *self, FtObject *const *args, Ft_ssize nargs);
#define FT_BYTES_SIG_FAST_KW(name)                                                      \
    FtObject *ft_bytes_method_##name(FtObject *self, FtObject *const *args, Ft_ssize nargs, \
                                     FtObject *kwnames);
#define FT_BYTES_DECLARE(name, conv) FT_BYTES_SIG_##conv(name)
FT_BYTES_SHARED_METHODS(FT_BYTES_DECLARE)
#undef FT_BYTES_DECLARE

// `sub in self` for a bytes/bytearray self (under its section): sub an int 0..255 or bytes-like.
// Returns 1, 0 or -1.
int ft_bytes_contains_view(const char *data, Ft_ssize size, FtObject *sub);

// bytes.fromhex(s) / bytearray.fromhex(s) parsing: a malloc'd buffer (free it) or NULL with
// ValueError/TypeError (CPython's texts).
char *ft_bytes_parse_hex(FtObject *s, Ft_ssize *size);

// self % args (PEP 461) for a bytes or bytearray self (never inside its section: formatting runs
// Python code); the result has self's kind. TODO(#4): __bytes__ and buffer-protocol arguments.
FtObject *ft_bytes_percent_format_ref(FtObject *self, FtObject *args);

// bytes.maketrans(frm, to): the 256-byte table as bytes.
FtObject *ft_bytes_method_maketrans(FtObject *cls, FtObject *const *args, Ft_ssize nargs);

// Readies bytes, its iterator, memoryview (objects/memoryview.c), bytearray and its iterator
// (objects/bytearray.c). Called once by ft_objects_init (objects/object.c), single-threaded.
int ft_bytes_init_types(void);

#endif // FT_OBJECTS_BYTES_H

// objects/str.h: the minimal str (CPython's compact unicode representation; Objects/unicodeobject.c).
//
// str.c holds the representation, construction, interning, hashing, comparison, repr and the slots;
// the methods live in str_methods.c (case, predicates), str_search.c (search, split, strip, pad,
// join) and str_format.c (%-formatting), declared in objects/str_methods.h. A str is immutable once
// published: readers need no lock. The one lazily computed field (hash) is a relaxed atomic.
#ifndef FT_OBJECTS_STR_H
#define FT_OBJECTS_STR_H

#include <stdarg.h>    // va_list
#include <stdbool.h>   // bool
#include <stdint.h>    // uint8_t uint32_t

#include "runtime/object.h"   // FtObject Ft_hash

// The data (length code units of kind bytes each, plus one zero unit) follows the struct inline.
// kind is the smallest width that holds every code point (1: all < 256, 2: all < 65536, 4), so equal
// strings have equal kinds.
typedef struct FtStrObject {
    FtObject ob_base;
    Ft_ssize length;   // immutable: code points
    Ft_hash hash;      // atomic: -1 until computed (relaxed: every thread computes the same value)
    char *utf8;        // immutable: the UTF-8 form, NUL-terminated, inline (the data for ASCII)
    Ft_ssize utf8_length;   // immutable: its length in bytes
    uint8_t kind;      // immutable: 1, 2 or 4
    uint8_t ascii;     // immutable: 1 if every code point < 128
    uint8_t interned;  // immutable after publication: 1 for the intern table's (immortal) strings
} FtStrObject;

extern FtTypeObject ft_str_type;
// iter(s) of a non-ASCII s (an ASCII s gets the same iterator named str_ascii_iterator); one
// character per next, shareable.
extern FtTypeObject ft_str_iterator_type;

static inline bool
ft_str_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_UNICODE_SUBCLASS) != 0;
}

static inline Ft_ssize
ft_str_length(const FtObject *op)
{
    return ((const FtStrObject *)op)->length;
}

static inline const void *
ft_str_data(const FtObject *op)
{
    return (const void *)((const FtStrObject *)op + 1);
}

// The code point at index i (0 <= i < length).
static inline uint32_t
ft_str_read_char(const FtObject *op, Ft_ssize i)
{
    const FtStrObject *s = (const FtStrObject *)op;
    switch (s->kind) {
    case 1: return ((const uint8_t *)ft_str_data(op))[i];
    case 2: return ((const uint16_t *)ft_str_data(op))[i];
    default: return ((const uint32_t *)ft_str_data(op))[i];
    }
}

// New strings. UTF-8 input is validated strictly (no surrogates, no overlongs): UnicodeDecodeError
// (with its encoding, object, start, end and reason, as bytes.decode raises it) on bad input.
FtObject *ft_str_from_utf8_ref(const char *s, Ft_ssize size);
FtObject *ft_str_from_cstr_ref(const char *s);   // NUL-terminated UTF-8
// From a NUL-terminated ASCII C string (no validation beyond a debug assertion; the fast path for
// names and messages known to be ASCII).
FtObject *ft_str_from_ascii_ref(const char *s);
FtObject *ft_str_from_code_points_ref(const uint32_t *cps, Ft_ssize n);   // ValueError if > 0x10FFFF

// The empty string (immortal); a new reference.
FtObject *ft_str_empty_ref(void);

// The interned string equal to s: the same immortal object for equal strings, process-wide. Takes
// the intern table's mutex. Any attached thread.
FtObject *ft_str_intern_ref(FtObject *s);
FtObject *ft_str_intern_cstr_ref(const char *s);

// The UTF-8 form, stored in the object (valid as long as s lives), NUL-terminated; its byte length in
// *size if size is not NULL. Never fails. Any thread.
const char *ft_str_as_utf8(FtObject *s, Ft_ssize *size);

// hash(s): SipHash-1-3 over the code units (CPython's default), with the fixed key TODO(#4).
Ft_hash ft_str_hash(FtObject *s);

// SipHash-1-3 of the bytes with the process key, -1 mapped to -2 (CPython's _Py_HashBytes); 0 for
// no bytes. Exposed for bytes and tests.
Ft_hash ft_hash_bytes(const void *data, size_t size);

bool ft_str_equal(FtObject *a, FtObject *b);
// True if s equals the NUL-terminated UTF-8 string c.
bool ft_str_equal_cstr(FtObject *s, const char *c);
// <0, 0, >0 by code point order.
int ft_str_compare(FtObject *a, FtObject *b);

// repr(s) with CPython's quote choice and escapes.
FtObject *ft_str_repr_ref(FtObject *s);

// ascii(op): repr(op) with every non-ASCII code point escaped as \xhh, \uhhhh or \Uhhhhhhhh (the
// builtin ascii() and the !a conversion). May run any code (__repr__).
FtObject *ft_str_ascii_ref(FtObject *op);

// a + b (both str).
FtObject *ft_str_concat_ref(FtObject *a, FtObject *b);

// sep.join(items): items are n str objects.
FtObject *ft_str_join_ref(FtObject *sep, FtObject *const *items, Ft_ssize n);

// PyUnicode_FromFormat: the codes %% %c %d %i %u %ld %li %lu %lld %lli %llu %zd %zi %zu %x %s %p
// %R (repr) %S (str) %U (a str object) %N (a type's fully qualified name) %T (the type name of an
// object); an optional precision (%.100s) limits %s/%U/%R/%S/%N/%T in code points.
FtObject *ft_str_from_format_ref(const char *fmt, ...);
FtObject *ft_str_from_format_v_ref(const char *fmt, va_list ap);

// s[start:end] (0 <= start <= end <= length) as a new str; s itself when it is the whole of an
// exact str.
FtObject *ft_str_substring_ref(FtObject *s, Ft_ssize start, Ft_ssize end);

// A growable code-point buffer that builds a new str. Owned by the thread that builds (never
// shared). Zero-initialize; push; then ft_str_writer_finish_ref (which frees the buffer) or
// ft_str_writer_discard. An allocation failure is remembered and reported by finish as MemoryError.
typedef struct FtStrWriter {
    uint32_t *cps;
    Ft_ssize len, cap;
    bool failed;
} FtStrWriter;

void ft_str_writer_push(FtStrWriter *w, uint32_t cp);
void ft_str_writer_push_ascii(FtStrWriter *w, const char *s);
// n bytes of UTF-8 (bad bytes become U+FFFD).
void ft_str_writer_push_utf8(FtStrWriter *w, const char *s, Ft_ssize n);
// s[start:end] of a str.
void ft_str_writer_push_substr(FtStrWriter *w, FtObject *s, Ft_ssize start, Ft_ssize end);
// count copies of cp.
void ft_str_writer_push_repeat(FtStrWriter *w, uint32_t cp, Ft_ssize count);
FtObject *ft_str_writer_finish_ref(FtStrWriter *w);
void ft_str_writer_discard(FtStrWriter *w);

int ft_str_init_types(void);

#endif // FT_OBJECTS_STR_H

// objects/str.c: the str - compact representation, UTF-8 construction, interning, SipHash,
// equality and ordering, repr and ascii, concatenation, indexing and slicing, str() (decoding
// bytes-like objects too) and subclass instances, PyUnicode_FromFormat. Semantics: CPython's
// Objects/unicodeobject.c (unicode_repr, PyUnicode_FromFormatV), Python/pyhash.c (SipHash-1-3).
//
// Layout (one allocation):
//   FtStrObject header | length + 1 code units of kind bytes (the last one 0) | non-ASCII only:
//   utf8_length + 1 bytes of UTF-8 (the last one 0); for ASCII, utf8 points at the code units
// A subclass instance (str.__new__(S, ...)) has the same layout, its __dict__ in the pre-header;
// subclasses that add __slots__ fields are refused: the code units sit right after the header.
// The UTF-8 form is made eagerly so that it never needs a separate (malloc'd) buffer or a racy
// lazy publication; it costs at most 4 bytes per code point of non-ASCII strings.
// Invariants: kind is the smallest of 1/2/4 that holds the largest code point (so equal strings have
// equal kinds and comparing data compares strings); ascii == (every code point < 128); utf8_length is
// the byte length of the UTF-8 form, computed at construction. No surrogate code points from UTF-8
// input (strict decoding); ft_str_from_code_points_ref accepts lone surrogates, as Python does.
//
// Concurrency (a str is immutable once published):
//   reading data, length, kind          lock-free (immutable)
//   hash                                computed lazily; relaxed load/store (same value everywhere)
//   utf8                                immutable: written at construction, inline
//   intern table                        intern_table.mutex (a leaf lock); interned strings are immortal
//   iterator position                   atomic claim (relaxed fetch-add): lock-free, shareable
//   str(bytearray, encoding)            decodes under the bytearray's critical section
//
// The methods live in str_methods.c, str_search.c and str_format.c (objects/str_methods.h); this file
// holds their table and the slots.
// Missing (TODO(#4)): __slots__ on str subclasses, str() of other buffer objects, a
// random/PYTHONHASHSEED key (the key is fixed to zero, which equals CPython with
// PYTHONHASHSEED=0), and a lock-free intern lookup. The intern table and the empty string are
// process-wide statics until FtRuntime grows a field for them.
#include <stdarg.h>   // va_list va_start va_end
#include <stdio.h>    // snprintf
#include <stdlib.h>   // calloc free realloc
#include <string.h>   // memcpy memcmp strlen

#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/str.h"

#include "objects/bytes.h"       // ft_bytes_view
#include "objects/error.h"       // ft_error_* ft_exc_*
#include "objects/int.h"         // ft_bool_from ft_int_*
#include "objects/memoryview.h"  // ft_memoryview_check ft_memoryview_to_bytes_ref
#include "objects/method_def.h"  // FtMethodDef FT_METH_*
#include "objects/object.h"      // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/slice.h"       // ft_slice_check ft_slice_unpack ft_slice_adjust_indices
#include "objects/str_methods.h" // ft_str_method_* ft_str_contains ft_str_percent_format_ref
#include "objects/tuple.h"       // ft_tuple_pack_ref
#include "objects/type.h"        // ft_type_ready ft_type_name_ref
#include "objects/unicode_db.h"  // ft_unicode_is_printable
#include "runtime/object_lock.h" // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "sync/atomic.h"         // ft_atomic_*
#include "sync/fatal.h"          // FT_ASSERT ft_fatal
#include "sync/mutex.h"          // FtMutex

// The process-wide intern table: open addressing, linear probing, capacity a power of two, at most
// half full. Entries are immortal strings and are never removed.
static struct {
    FtMutex mutex;
    FtStrObject **slots;   // guarded_by(mutex)
    size_t capacity;       // guarded_by(mutex)
    size_t used;           // guarded_by(mutex)
} intern_table;

static FtObject *empty_str;   // immortal; written once by ft_str_init_types (start-up)

static inline void *
str_data_mut(FtStrObject *s)
{
    return (void *)(s + 1);
}

static inline int
kind_for(uint32_t maxchar)
{
    return maxchar < 0x100 ? 1 : maxchar < 0x10000 ? 2 : 4;
}

static inline int
utf8_len_of(uint32_t cp)
{
    return cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
}

static inline void
str_write(FtStrObject *s, Ft_ssize i, uint32_t cp)
{
    switch (s->kind) {
    case 1: ((uint8_t *)str_data_mut(s))[i] = (uint8_t)cp; break;
    case 2: ((uint16_t *)str_data_mut(s))[i] = (uint16_t)cp; break;
    default: ((uint32_t *)str_data_mut(s))[i] = cp; break;
    }
}

/* --- Allocation --- */

// A new, unpublished string of length code points able to hold maxchar; data zeroed. A non-ASCII
// string gets room for its UTF-8 form (utf8_length bytes + NUL) after its code units; the caller
// fills it with str_fill_utf8 once the code units are written.
static FtStrObject *
str_alloc(Ft_ssize length, uint32_t maxchar, Ft_ssize utf8_length)
{
    int kind = kind_for(maxchar);
    if (length < 0 || (size_t)length > (((size_t)1 << 40) / 4) || utf8_length > ((Ft_ssize)1 << 42))
        return (FtStrObject *)ft_error_no_memory();
    size_t size = sizeof(FtStrObject) + ((size_t)length + 1) * (size_t)kind;
    if (maxchar >= 0x80)
        size += (size_t)utf8_length + 1;
    FtStrObject *s = (FtStrObject *)ft_object_new_sized(&ft_str_type, size);
    if (s == NULL)
        return NULL;
    s->length = length;
    s->hash = -1;
    s->kind = (uint8_t)kind;
    s->ascii = maxchar < 0x80;
    s->utf8_length = utf8_length;
    // ASCII data is its own UTF-8 form.
    s->utf8 = (char *)str_data_mut(s) + (s->ascii ? 0 : ((size_t)length + 1) * (size_t)kind);
    return s;
}

static void encode_utf8(uint32_t cp, char *out);

// Writes the UTF-8 form of a non-ASCII string's code units into its inline buffer. Unpublished
// strings only.
static FtStrObject *
str_fill_utf8(FtStrObject *s)
{
    if (s == NULL || s->ascii)
        return s;
    char *p = s->utf8;
    for (Ft_ssize i = 0; i < s->length; i++) {
        uint32_t cp = ft_str_read_char((FtObject *)s, i);
        encode_utf8(cp, p);
        p += utf8_len_of(cp);
    }
    *p = '\0';
    FT_ASSERT(p - s->utf8 == s->utf8_length);
    return s;
}

static void
encode_utf8(uint32_t cp, char *out)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
    } else if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
    } else {
        out[0] = (char)(0xF0 | (cp >> 18));
        out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
        out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[3] = (char)(0x80 | (cp & 0x3F));
    }
}

// Decodes one strictly valid UTF-8 sequence at s[*i], advancing *i. Returns the code point, or -1
// with *i unchanged and *reason set.
static int32_t
decode_utf8_one(const unsigned char *s, Ft_ssize n, Ft_ssize *i, const char **reason)
{
    Ft_ssize p = *i;
    unsigned c = s[p];
    if (c < 0x80) {
        *i = p + 1;
        return (int32_t)c;
    }
    int need;
    uint32_t cp, min;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, cp = c & 0x1F, min = 0x80;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, cp = c & 0x0F, min = 0x800;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, cp = c & 0x07, min = 0x10000;
    } else {
        *reason = "invalid start byte";
        return -1;
    }
    for (int k = 1; k <= need; k++) {
        if (p + k >= n) {
            *reason = "unexpected end of data";
            return -1;
        }
        unsigned cc = s[p + k];
        if ((cc & 0xC0) != 0x80) {
            *reason = "invalid continuation byte";
            return -1;
        }
        cp = (cp << 6) | (cc & 0x3F);
        // CPython reports an overlong or surrogate sequence at its second byte.
        if (k == 1 && need >= 2) {
            uint32_t top = cp << (6 * (need - 1));
            if (top < min || (need == 2 && top >= 0xD800 && top <= 0xDFFF) || top > 0x10FFFF) {
                *reason = "invalid continuation byte";
                return -1;
            }
        }
    }
    *i = p + need + 1;
    return (int32_t)cp;
}

/* --- Internal API --- */

FtObject *
ft_str_from_utf8_ref(const char *str, Ft_ssize size)
{
    const unsigned char *s = (const unsigned char *)str;
    Ft_ssize length = 0;
    uint32_t maxchar = 0;
    for (Ft_ssize i = 0; i < size;) {
        const char *reason = NULL;
        int32_t cp = decode_utf8_one(s, size, &i, &reason);
        if (cp < 0) {
            // The codec raises the full UnicodeDecodeError (encoding, object, range, reason).
            FtObject *res = ft_str_decode_ref(str, size, "utf-8", "strict");
            FT_ASSERT(res == NULL);
            return res;
        }
        if ((uint32_t)cp > maxchar)
            maxchar = (uint32_t)cp;
        length++;
    }
    if (length == 0)
        return ft_str_empty_ref();
    FtStrObject *res = str_alloc(length, maxchar, size);
    if (res == NULL)
        return NULL;
    Ft_ssize j = 0;
    for (Ft_ssize i = 0; i < size; j++) {
        const char *reason;
        str_write(res, j, (uint32_t)decode_utf8_one(s, size, &i, &reason));
    }
    return (FtObject *)str_fill_utf8(res);
}

FtObject *
ft_str_from_cstr_ref(const char *s)
{
    return ft_str_from_utf8_ref(s, (Ft_ssize)strlen(s));
}

FtObject *
ft_str_from_ascii_ref(const char *str)
{
    size_t n = strlen(str);
    if (n == 0)
        return ft_str_empty_ref();
    FtStrObject *res = str_alloc((Ft_ssize)n, 0x7F, (Ft_ssize)n);
    if (res == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        FT_ASSERT((unsigned char)str[i] < 0x80);
    memcpy(str_data_mut(res), str, n);
    return (FtObject *)res;
}

FtObject *
ft_str_from_code_points_ref(const uint32_t *cps, Ft_ssize n)
{
    uint32_t maxchar = 0;
    Ft_ssize utf8_length = 0;
    for (Ft_ssize i = 0; i < n; i++) {
        if (cps[i] > 0x10FFFF)
            return ft_error_format(&ft_exc_value_error, "character U+%x is not in range "
                                   "[U+0000; U+10ffff]", (unsigned)cps[i]);
        if (cps[i] > maxchar)
            maxchar = cps[i];
        utf8_length += utf8_len_of(cps[i]);
    }
    if (n == 0)
        return ft_str_empty_ref();
    FtStrObject *res = str_alloc(n, maxchar, utf8_length);
    if (res == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++)
        str_write(res, i, cps[i]);
    return (FtObject *)str_fill_utf8(res);
}

FtObject *
ft_str_empty_ref(void)
{
    FT_ASSERT(empty_str != NULL);
    return empty_str;   // immortal
}

const char *
ft_str_as_utf8(FtObject *op, Ft_ssize *size)
{
    FtStrObject *s = (FtStrObject *)op;
    if (size != NULL)
        *size = s->utf8_length;
    return s->utf8;
}

// SipHash-1-3 (Aumasson and Bernstein; CPython's Python/pyhash.c uses c=1, d=3 by default).
static inline uint64_t
rotl64(uint64_t x, int b)
{
    return (x << b) | (x >> (64 - b));
}

#define SIP_ROUND(v0, v1, v2, v3)                                                         \
    do {                                                                                  \
        v0 += v1; v1 = rotl64(v1, 13); v1 ^= v0; v0 = rotl64(v0, 32);                     \
        v2 += v3; v3 = rotl64(v3, 16); v3 ^= v2;                                          \
        v0 += v3; v3 = rotl64(v3, 21); v3 ^= v0;                                          \
        v2 += v1; v1 = rotl64(v1, 17); v1 ^= v2; v2 = rotl64(v2, 32);                     \
    } while (0)

static uint64_t
siphash13(uint64_t k0, uint64_t k1, const uint8_t *in, size_t len)
{
    uint64_t v0 = k0 ^ UINT64_C(0x736f6d6570736575);
    uint64_t v1 = k1 ^ UINT64_C(0x646f72616e646f6d);
    uint64_t v2 = k0 ^ UINT64_C(0x6c7967656e657261);
    uint64_t v3 = k1 ^ UINT64_C(0x7465646279746573);
    uint64_t b = (uint64_t)len << 56;
    size_t whole = len & ~(size_t)7;
    for (size_t off = 0; off < whole; off += 8) {
        uint64_t m = 0;
        for (int k = 7; k >= 0; k--)
            m = (m << 8) | in[off + (size_t)k];   // little-endian word
        v3 ^= m;
        SIP_ROUND(v0, v1, v2, v3);
        v0 ^= m;
    }
    for (size_t k = 0; k < (len & 7); k++)
        b |= (uint64_t)in[whole + k] << (8 * k);
    v3 ^= b;
    SIP_ROUND(v0, v1, v2, v3);
    v0 ^= b;
    v2 ^= 0xff;
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    SIP_ROUND(v0, v1, v2, v3);
    return v0 ^ v1 ^ v2 ^ v3;
}

Ft_hash
ft_hash_bytes(const void *data, size_t size)
{
    if (size == 0)
        return 0;
    // TODO(#4): a random key, or one derived from PYTHONHASHSEED; zero equals PYTHONHASHSEED=0.
    Ft_hash h = (Ft_hash)siphash13(0, 0, data, size);
    return h == -1 ? -2 : h;
}

Ft_hash
ft_str_hash(FtObject *op)
{
    FtStrObject *s = (FtStrObject *)op;
    // relaxed: every thread computes the same value; the data it is computed from is immutable.
    Ft_hash h = ft_atomic_load_ssize_relaxed(&s->hash);
    if (h != -1)
        return h;
    h = ft_hash_bytes(ft_str_data(op), (size_t)s->length * s->kind);
    // relaxed: see the load above.
    ft_atomic_store_ssize_relaxed(&s->hash, h);
    return h;
}

bool
ft_str_equal(FtObject *a, FtObject *b)
{
    if (a == b)
        return true;
    FtStrObject *x = (FtStrObject *)a, *y = (FtStrObject *)b;
    if (x->length != y->length || x->kind != y->kind)
        return false;
    return memcmp(ft_str_data(a), ft_str_data(b), (size_t)x->length * x->kind) == 0;
}

bool
ft_str_equal_cstr(FtObject *s, const char *c)
{
    Ft_ssize n;
    const char *u = ft_str_as_utf8(s, &n);
    if (u == NULL) {
        ft_error_clear();
        return false;
    }
    return (size_t)n == strlen(c) && memcmp(u, c, (size_t)n) == 0;
}

int
ft_str_compare(FtObject *a, FtObject *b)
{
    Ft_ssize la = ft_str_length(a), lb = ft_str_length(b);
    Ft_ssize n = la < lb ? la : lb;
    for (Ft_ssize i = 0; i < n; i++) {
        uint32_t x = ft_str_read_char(a, i), y = ft_str_read_char(b, i);
        if (x != y)
            return x < y ? -1 : 1;
    }
    return la < lb ? -1 : la > lb ? 1 : 0;
}

// The growable buffer of code points for building strings (FtStrWriter, objects/str.h).
typedef FtStrWriter CpBuf;

static void
cpbuf_push(CpBuf *b, uint32_t cp)
{
    if (b->failed)
        return;
    if (b->len == b->cap) {
        Ft_ssize cap = b->cap ? b->cap * 2 : 64;
        uint32_t *p = realloc(b->cps, (size_t)cap * sizeof *p);
        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->cps = p;
        b->cap = cap;
    }
    b->cps[b->len++] = cp;
}

static void
cpbuf_push_ascii(CpBuf *b, const char *s)
{
    while (*s)
        cpbuf_push(b, (unsigned char)*s++);
}

// Appends n bytes of UTF-8, at most prec code points (-1: all); bad bytes become U+FFFD.
static void
cpbuf_push_utf8_n(CpBuf *b, const char *s, Ft_ssize n, Ft_ssize prec)
{
    for (Ft_ssize i = 0, count = 0; i < n && (prec < 0 || count < prec); count++) {
        const char *reason;
        int32_t cp = decode_utf8_one((const unsigned char *)s, n, &i, &reason);
        if (cp < 0) {
            cp = 0xFFFD;
            i++;
        }
        cpbuf_push(b, (uint32_t)cp);
    }
}

static void
cpbuf_push_utf8(CpBuf *b, const char *s, Ft_ssize prec)
{
    cpbuf_push_utf8_n(b, s, (Ft_ssize)strlen(s), prec);
}

static void
cpbuf_push_str(CpBuf *b, FtObject *s, Ft_ssize prec)
{
    Ft_ssize n = ft_str_length(s);
    if (prec >= 0 && prec < n)
        n = prec;
    for (Ft_ssize i = 0; i < n; i++)
        cpbuf_push(b, ft_str_read_char(s, i));
}

static FtObject *
cpbuf_finish(CpBuf *b)
{
    FtObject *res = b->failed ? ft_error_no_memory() : ft_str_from_code_points_ref(b->cps, b->len);
    free(b->cps);
    return res;
}

void
ft_str_writer_push(FtStrWriter *w, uint32_t cp)
{
    cpbuf_push(w, cp);
}

void
ft_str_writer_push_ascii(FtStrWriter *w, const char *s)
{
    cpbuf_push_ascii(w, s);
}

void
ft_str_writer_push_utf8(FtStrWriter *w, const char *s, Ft_ssize n)
{
    cpbuf_push_utf8_n(w, s, n, -1);
}

void
ft_str_writer_push_substr(FtStrWriter *w, FtObject *s, Ft_ssize start, Ft_ssize end)
{
    for (Ft_ssize i = start; i < end; i++)
        cpbuf_push(w, ft_str_read_char(s, i));
}

void
ft_str_writer_push_repeat(FtStrWriter *w, uint32_t cp, Ft_ssize count)
{
    // A padding request beyond what any string here can hold fails at once as MemoryError rather
    // than after growing the buffer towards it. TODO(#4): raise the cap with a chunked builder.
    if (count > ((Ft_ssize)1 << 31) - w->len) {
        w->failed = true;
        return;
    }
    for (Ft_ssize i = 0; i < count && !w->failed; i++)
        cpbuf_push(w, cp);
}

FtObject *
ft_str_writer_finish_ref(FtStrWriter *w)
{
    FtObject *res = cpbuf_finish(w);
    w->cps = NULL;
    w->len = w->cap = 0;
    return res;
}

void
ft_str_writer_discard(FtStrWriter *w)
{
    free(w->cps);
    w->cps = NULL;
    w->len = w->cap = 0;
}

FtObject *
ft_str_substring_ref(FtObject *s, Ft_ssize start, Ft_ssize end)
{
    FT_ASSERT(0 <= start && start <= end && end <= ft_str_length(s));
    if (start == 0 && end == ft_str_length(s) && ft_object_is_exact(s, &ft_str_type))
        return ft_new_ref(s);
    if (start == end)
        return ft_str_empty_ref();
    uint32_t maxchar = 0;
    Ft_ssize utf8_length = 0;
    for (Ft_ssize i = start; i < end; i++) {
        uint32_t c = ft_str_read_char(s, i);
        maxchar = c > maxchar ? c : maxchar;
        utf8_length += utf8_len_of(c);
    }
    FtStrObject *res = str_alloc(end - start, maxchar, utf8_length);
    if (res == NULL)
        return NULL;
    for (Ft_ssize i = start; i < end; i++)
        str_write(res, i - start, ft_str_read_char(s, i));
    return (FtObject *)str_fill_utf8(res);
}

FtObject *
ft_str_repr_ref(FtObject *s)
{
    Ft_ssize n = ft_str_length(s);
    bool has_single = false, has_double = false;
    for (Ft_ssize i = 0; i < n; i++) {
        uint32_t c = ft_str_read_char(s, i);
        has_single |= c == '\'';
        has_double |= c == '"';
    }
    uint32_t quote = has_single && !has_double ? '"' : '\'';
    CpBuf b = {0};
    cpbuf_push(&b, quote);
    for (Ft_ssize i = 0; i < n; i++) {
        uint32_t c = ft_str_read_char(s, i);
        char esc[16];
        if (c == quote || c == '\\') {
            cpbuf_push(&b, '\\');
            cpbuf_push(&b, c);
        } else if (c == '\t') {
            cpbuf_push_ascii(&b, "\\t");
        } else if (c == '\n') {
            cpbuf_push_ascii(&b, "\\n");
        } else if (c == '\r') {
            cpbuf_push_ascii(&b, "\\r");
        } else if (c < ' ' || c == 0x7F) {
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)c);
            cpbuf_push_ascii(&b, esc);
        } else if (c < 0x7F || ft_unicode_is_printable(c)) {
            cpbuf_push(&b, c);
        } else {
            if (c <= 0xFF)
                snprintf(esc, sizeof esc, "\\x%02x", (unsigned)c);
            else if (c <= 0xFFFF)
                snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
            else
                snprintf(esc, sizeof esc, "\\U%08x", (unsigned)c);
            cpbuf_push_ascii(&b, esc);
        }
    }
    cpbuf_push(&b, quote);
    return cpbuf_finish(&b);
}

FtObject *
ft_str_ascii_ref(FtObject *op)
{
    FtObject *r = ft_object_repr_ref(op);
    if (r == NULL || ((FtStrObject *)r)->ascii)
        return r;
    CpBuf b = {0};
    for (Ft_ssize i = 0; i < ft_str_length(r); i++) {
        uint32_t c = ft_str_read_char(r, i);
        char esc[16];
        if (c < 0x80) {
            cpbuf_push(&b, c);
            continue;
        }
        if (c <= 0xFF)
            snprintf(esc, sizeof esc, "\\x%02x", (unsigned)c);
        else if (c <= 0xFFFF)
            snprintf(esc, sizeof esc, "\\u%04x", (unsigned)c);
        else
            snprintf(esc, sizeof esc, "\\U%08x", (unsigned)c);
        cpbuf_push_ascii(&b, esc);
    }
    ft_decref(r);
    return cpbuf_finish(&b);
}

FtObject *
ft_str_concat_ref(FtObject *a, FtObject *b)
{
    Ft_ssize la = ft_str_length(a), lb = ft_str_length(b);
    if (lb == 0 && ft_object_is_exact(a, &ft_str_type))
        return ft_new_ref(a);
    if (la == 0 && ft_object_is_exact(b, &ft_str_type))
        return ft_new_ref(b);
    if (la > ((Ft_ssize)1 << 40) - lb)
        return ft_error_format(&ft_exc_overflow_error, "strings are too large to concat");
    FtStrObject *x = (FtStrObject *)a, *y = (FtStrObject *)b;
    uint32_t maxchar = 0;
    for (Ft_ssize i = 0; i < la; i++)
        maxchar = ft_str_read_char(a, i) > maxchar ? ft_str_read_char(a, i) : maxchar;
    for (Ft_ssize i = 0; i < lb; i++)
        maxchar = ft_str_read_char(b, i) > maxchar ? ft_str_read_char(b, i) : maxchar;
    FtStrObject *res = str_alloc(la + lb, maxchar, x->utf8_length + y->utf8_length);
    if (res == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < la; i++)
        str_write(res, i, ft_str_read_char(a, i));
    for (Ft_ssize i = 0; i < lb; i++)
        str_write(res, la + i, ft_str_read_char(b, i));
    return (FtObject *)str_fill_utf8(res);
}

FtObject *
ft_str_join_ref(FtObject *sep, FtObject *const *items, Ft_ssize n)
{
    CpBuf b = {0};
    for (Ft_ssize i = 0; i < n; i++) {
        if (i > 0)
            cpbuf_push_str(&b, sep, -1);
        cpbuf_push_str(&b, items[i], -1);
    }
    return cpbuf_finish(&b);
}

// Appends the fully qualified name of a type (module.qualname; built-ins without "builtins.").
static void
cpbuf_push_type_name(CpBuf *b, FtTypeObject *type, Ft_ssize prec)
{
    cpbuf_push_utf8(b, type->tp_name, prec);
}

FtObject *
ft_str_from_format_v_ref(const char *fmt, va_list ap)
{
    CpBuf b = {0};
    const char *p = fmt;
    while (*p) {
        if (*p != '%') {
            // Copy a run of literal UTF-8 text.
            const char *q = p;
            while (*q && *q != '%')
                q++;
            cpbuf_push_utf8_n(&b, p, q - p, -1);
            p = q;
            continue;
        }
        p++;
        if (*p == '%') {
            cpbuf_push(&b, '%');
            p++;
            continue;
        }
        bool zero_pad = false;
        int width = 0;
        Ft_ssize prec = -1;
        if (*p == '0') {
            zero_pad = true;
            p++;
        }
        while (*p >= '0' && *p <= '9')
            width = width * 10 + (*p++ - '0');
        if (*p == '.') {
            p++;
            prec = 0;
            while (*p >= '0' && *p <= '9')
                prec = prec * 10 + (*p++ - '0');
        }
        int longs = 0;
        bool size_t_mod = false;
        while (*p == 'l') {
            longs++;
            p++;
        }
        if (*p == 'z') {
            size_t_mod = true;
            p++;
        }
        char num[64], spec[16];
        FtObject *obj, *tmp;
        switch (*p) {
        case 'c':
            cpbuf_push(&b, (uint32_t)va_arg(ap, int));
            break;
        case 'd': case 'i': case 'u': case 'x': {
            char conv = *p == 'i' ? 'd' : *p;
            const char *lm = size_t_mod ? "z" : longs == 1 ? "l" : longs >= 2 ? "ll" : "";
            snprintf(spec, sizeof spec, "%%%s%d%s%c", zero_pad ? "0" : "", width, lm, conv);
            if (size_t_mod)
                snprintf(num, sizeof num, spec, va_arg(ap, size_t));
            else if (longs == 1)
                snprintf(num, sizeof num, spec, va_arg(ap, long));
            else if (longs >= 2)
                snprintf(num, sizeof num, spec, va_arg(ap, long long));
            else
                snprintf(num, sizeof num, spec, va_arg(ap, int));
            cpbuf_push_ascii(&b, num);
            break;
        }
        case 'p':
            snprintf(num, sizeof num, "%p", va_arg(ap, void *));
            if (num[1] != 'x')   // some libcs omit the 0x
                cpbuf_push_ascii(&b, "0x");
            cpbuf_push_ascii(&b, num);
            break;
        case 's':
            cpbuf_push_utf8(&b, va_arg(ap, const char *), prec);
            break;
        case 'U':
            cpbuf_push_str(&b, va_arg(ap, FtObject *), prec);
            break;
        case 'N':
            cpbuf_push_type_name(&b, va_arg(ap, FtTypeObject *), prec);
            break;
        case 'T':
            cpbuf_push_type_name(&b, va_arg(ap, FtObject *)->ob_type, prec);
            break;
        case 'R': case 'S':
            obj = va_arg(ap, FtObject *);
            tmp = *p == 'R' ? ft_object_repr_ref(obj) : ft_object_str_ref(obj);
            if (tmp == NULL) {
                free(b.cps);
                return NULL;
            }
            cpbuf_push_str(&b, tmp, prec);
            ft_decref(tmp);
            break;
        default:
            free(b.cps);
            return ft_error_format(&ft_exc_system_error,
                                   "invalid format string: %s", fmt);
        }
        if (*p)
            p++;
    }
    return cpbuf_finish(&b);
}

FtObject *
ft_str_from_format_ref(const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FtObject *res = ft_str_from_format_v_ref(fmt, ap);
    va_end(ap);
    return res;
}

// Interning.

static FtStrObject **
intern_find_slot_lock_held(FtObject *s, Ft_hash h)
{
    size_t mask = intern_table.capacity - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        FtStrObject *e = intern_table.slots[i];
        // relaxed: an interned string's hash was stored before it entered the table.
        if (e == NULL || (ft_atomic_load_ssize_relaxed(&e->hash) == h && ft_str_equal((FtObject *)e, s)))
            return &intern_table.slots[i];
    }
}

static int
intern_grow_lock_held(void)
{
    size_t cap = intern_table.capacity ? intern_table.capacity * 2 : 1024;
    FtStrObject **old = intern_table.slots;
    size_t old_cap = intern_table.capacity;
    FtStrObject **slots = calloc(cap, sizeof *slots);
    if (slots == NULL)
        return -1;
    intern_table.slots = slots;
    intern_table.capacity = cap;
    for (size_t i = 0; i < old_cap; i++) {
        if (old[i] != NULL)
            *intern_find_slot_lock_held((FtObject *)old[i], ft_str_hash((FtObject *)old[i])) = old[i];
    }
    free(old);
    return 0;
}

FtObject *
ft_str_intern_ref(FtObject *s)
{
    if (((FtStrObject *)s)->interned)
        return s;   // immortal
    Ft_hash h = ft_str_hash(s);
    // An unpublished copy, so that making it immortal needs no exclusive access to s.
    FtObject *copy = NULL;
    for (;;) {
        FtObject *found = NULL;
        int err = 0;
        ft_mutex_lock(&intern_table.mutex);
        if ((intern_table.used + 1) * 2 > intern_table.capacity && intern_grow_lock_held() < 0) {
            err = 1;
        } else {
            FtStrObject **slot = intern_find_slot_lock_held(s, h);
            if (*slot != NULL) {
                found = (FtObject *)*slot;
            } else if (copy != NULL) {
                *slot = (FtStrObject *)copy;
                intern_table.used++;
                found = copy;
                copy = NULL;
            }
        }
        ft_mutex_unlock(&intern_table.mutex);
        if (err) {
            ft_xdecref(copy);
            return ft_error_no_memory();
        }
        if (found != NULL) {
            ft_xdecref(copy);   // lost a race with another thread interning the same string
            return found;
        }
        FtStrObject *src = (FtStrObject *)s;
        uint32_t maxchar = src->kind == 1 ? (src->ascii ? 0x7F : 0xFF) : src->kind == 2 ? 0xFFFF
                                                                                        : 0x10FFFF;
        FtStrObject *c = str_alloc(src->length, maxchar, src->utf8_length);
        if (c == NULL)
            return NULL;
        memcpy(str_data_mut(c), ft_str_data(s), (size_t)src->length * src->kind);
        str_fill_utf8(c);
        c->hash = h;
        c->interned = 1;
        ft_object_set_immortal((FtObject *)c);
        copy = (FtObject *)c;
    }
}

FtObject *
ft_str_intern_cstr_ref(const char *cstr)
{
    FtObject *s = ft_str_from_cstr_ref(cstr);
    if (s == NULL)
        return NULL;
    FtObject *res = ft_str_intern_ref(s);
    ft_decref(s);
    return res;
}

/* --- Slots --- */

static void
str_dealloc(FtObject *op)
{
    ft_object_free_memory(op);
}

static FtObject *
str_repr(FtObject *op)
{
    return ft_str_repr_ref(op);
}

static FtObject *
str_str(FtObject *op)
{
    if (ft_object_is_exact(op, &ft_str_type))
        return ft_new_ref(op);
    return ft_str_concat_ref(empty_str, op);   // an exact copy of the subclass instance
}

static Ft_hash
str_hash(FtObject *op)
{
    return ft_str_hash(op);
}

static FtObject *
str_richcompare(FtObject *a, FtObject *b, int op)
{
    if (!ft_str_check(a) || !ft_str_check(b))
        return FT_NOT_IMPLEMENTED;
    if (op == FT_EQ || op == FT_NE)
        return ft_bool_from(ft_str_equal(a, b) == (op == FT_EQ));
    int c = ft_str_compare(a, b);
    switch (op) {
    case FT_LT: return ft_bool_from(c < 0);
    case FT_LE: return ft_bool_from(c <= 0);
    case FT_GT: return ft_bool_from(c > 0);
    default: return ft_bool_from(c >= 0);
    }
}

static Ft_ssize
str_length(FtObject *op)
{
    return ft_str_length(op);
}

static FtObject *
str_concat(FtObject *a, FtObject *b)
{
    if (!ft_str_check(b))
        return ft_error_format(&ft_exc_type_error, "can only concatenate str (not \"%.200s\") to str",
                               b->ob_type->tp_name);
    return ft_str_concat_ref(a, b);
}

// str(x, encoding, errors) for a bytes-like x (either of encoding/errors may be NULL).
static FtObject *
str_decode_object(FtObject *x, FtObject *encoding, FtObject *errors)
{
    const char *enc = "utf-8", *errs = "strict";
    if (encoding != NULL) {
        if (!ft_str_check(encoding))
            return ft_error_format(&ft_exc_type_error,
                                   "str() argument 'encoding' must be str, not %.80s",
                                   encoding->ob_type->tp_name);
        enc = ft_str_as_utf8(encoding, NULL);
    }
    if (errors != NULL) {
        if (!ft_str_check(errors))
            return ft_error_format(&ft_exc_type_error,
                                   "str() argument 'errors' must be str, not %.80s",
                                   errors->ob_type->tp_name);
        errs = ft_str_as_utf8(errors, NULL);
    }
    if (ft_str_check(x))
        return ft_error_format(&ft_exc_type_error, "decoding str is not supported");
    if (ft_memoryview_check(x) && ft_memoryview_is_c_contiguous(x)) {
        // A contiguous view decodes its bytes (a non-contiguous one is no simple buffer).
        FtObject *snap = ft_memoryview_to_bytes_ref(x);
        if (snap == NULL)
            return NULL;
        FtObject *res = ft_str_decode_ref(ft_bytes_data(snap), ft_bytes_size(snap), enc, errs);
        ft_decref(snap);
        return res;
    }
    FtObject *res = NULL;
    bool viewed = false;
    // A bytearray may be resized by another thread: decode under its critical section (the codecs
    // run no Python code).
    FT_BEGIN_CRITICAL_SECTION_OBJECT(x);
    const char *data;
    Ft_ssize size;
    if (ft_bytes_view(x, &data, &size)) {
        viewed = true;
        res = ft_str_decode_ref(data, size, enc, errs);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (!viewed)   // TODO(#4): other buffer-protocol objects (array)
        return ft_error_format(&ft_exc_type_error,
                               "decoding to str: need a bytes-like object, %.80s found",
                               x->ob_type->tp_name);
    return res;
}

// A new instance of the str subclass type with the value of the exact str s (str.__new__(S, ...)).
// The code units live inline after the FtStrObject header, so only subclasses that add no fields
// to the layout (an instance __dict__ lives in the pre-header) are supported.
static FtObject *
str_subtype_copy(FtTypeObject *type, FtObject *s)
{
    // TODO(#4): __slots__ on str subclasses.
    if (type->tp_basicsize != (Ft_ssize)sizeof(FtStrObject))
        return ft_error_format(&ft_exc_type_error,
                               "str subclasses with __slots__ are not supported yet");
    const FtStrObject *src = (const FtStrObject *)s;
    size_t units = ((size_t)src->length + 1) * (size_t)src->kind;
    size_t data_size = units + (src->ascii ? 0 : (size_t)src->utf8_length + 1);
    FtStrObject *dst = (FtStrObject *)ft_object_new_sized(type, sizeof(FtStrObject) + data_size);
    if (dst == NULL)
        return NULL;
    dst->length = src->length;
    dst->hash = -1;
    dst->kind = src->kind;
    dst->ascii = src->ascii;
    dst->interned = 0;
    dst->utf8_length = src->utf8_length;
    memcpy(str_data_mut(dst), ft_str_data(s), data_size);
    dst->utf8 = (char *)str_data_mut(dst) + (src->ascii ? 0 : units);
    return (FtObject *)dst;
}

// str(object='') and str(object=b'', encoding='utf-8', errors='strict').
static FtObject *
str_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"object", "encoding", "errors"};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs > 3)
        return ft_error_format(&ft_exc_type_error, "str expected at most 3 arguments, got %zd",
                               nargs);
    FtObject *a[3] = {NULL, NULL, NULL};
    for (Ft_ssize i = 0; i < nargs; i++)
        a[i] = args[i];
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int found = -1;
        for (int i = 0; i < 3; i++) {
            if (ft_str_equal_cstr(key, names[i]))
                found = i;
        }
        if (found < 0)
            return ft_error_format(&ft_exc_type_error,
                                   "str() got an unexpected keyword argument '%U'", key);
        if (a[found] != NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "argument for str() given by name ('%s') and position (%d)",
                                   names[found], found + 1);
        a[found] = args[nargs + k];
    }
    FtObject *res;
    if (a[0] == NULL)
        res = ft_str_empty_ref();
    else if (a[1] == NULL && a[2] == NULL)
        res = ft_object_str_ref(a[0]);
    else
        res = str_decode_object(a[0], a[1], a[2]);
    if (res == NULL || type == &ft_str_type)
        return res;
    FtObject *sub = str_subtype_copy(type, res);
    ft_decref(res);
    return sub;
}

static FtObject *
str_item(FtObject *op, Ft_ssize i)
{
    if (i < 0 || i >= ft_str_length(op))
        return ft_error_format(&ft_exc_index_error, "string index out of range");
    return ft_str_substring_ref(op, i, i + 1);
}

static FtObject *
str_subscript(FtObject *op, FtObject *key)
{
    Ft_ssize n = ft_str_length(op);
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return NULL;
        Ft_ssize count = ft_slice_adjust_indices(n, &start, &stop, step);
        if (step == 1)
            return ft_str_substring_ref(op, start, start + count);
        CpBuf b = {0};
        for (Ft_ssize k = 0, i = start; k < count; k++, i += step)
            ft_str_writer_push(&b, ft_str_read_char(op, i));
        return cpbuf_finish(&b);
    }
    if (!ft_int_check(key) && (key->ob_type->tp_as_number == NULL ||
                               key->ob_type->tp_as_number->nb_index == NULL))
        return ft_error_format(&ft_exc_type_error, "string indices must be integers, not '%.200s'",
                               key->ob_type->tp_name);
    Ft_ssize i = ft_number_as_ssize(key, &ft_exc_index_error);
    if (i == -1 && ft_error_occurred())
        return NULL;
    if (i < 0)
        i += n;
    return str_item(op, i);
}

static FtObject *
str_repeat(FtObject *op, Ft_ssize count)
{
    Ft_ssize n = ft_str_length(op);
    if (count <= 0 || n == 0)
        return ft_str_empty_ref();
    if (count == 1 && ft_object_is_exact(op, &ft_str_type))
        return ft_new_ref(op);
    if (count > ((Ft_ssize)1 << 40) / n)
        return ft_error_format(&ft_exc_overflow_error, "repeated string is too long");
    CpBuf b = {0};
    for (Ft_ssize k = 0; k < count && !b.failed; k++)
        ft_str_writer_push_substr(&b, op, 0, n);
    return cpbuf_finish(&b);
}

static int
str_contains(FtObject *op, FtObject *needle)
{
    return ft_str_contains(op, needle);
}

static FtObject *
str_remainder(FtObject *a, FtObject *b)
{
    if (!ft_str_check(a))
        return FT_NOT_IMPLEMENTED;
    return ft_str_percent_format_ref(a, b);
}

static FtObject *str_iter(FtObject *op);

/* --- Methods --- */

// __sizeof__(): the same figure object.__sizeof__ gives, owned by str so that the unbound
// descriptor checks its receiver.
static FtObject *
str_sizeof_method(FtObject *self)
{
    FtTypeObject *type = self->ob_type;
    Ft_ssize size = type->tp_basicsize;
    if (type->tp_itemsize != 0) {
        Ft_ssize n = ((FtVarObject *)self)->ob_size;
        size += (n < 0 ? -n : n) * type->tp_itemsize;
    }
    return ft_int_from_int64_ref((int64_t)size);
}

static FtObject *
str_getnewargs(FtObject *self)
{
    FtObject *copy = ft_str_substring_ref(self, 0, ft_str_length(self));
    if (copy == NULL)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(1, copy);
    ft_decref(copy);
    return res;
}

#define STR_NOARGS(name) {#name, {.noargs = ft_str_method_##name}, FT_METH_NOARGS, NULL}
#define STR_O(name) {#name, {.o = ft_str_method_##name}, FT_METH_O, NULL}
#define STR_FAST(name) {#name, {.fast = ft_str_method_##name}, FT_METH_FASTCALL, NULL}
#define STR_FAST_KW(name) \
    {#name, {.fast_kw = ft_str_method_##name}, FT_METH_FASTCALL | FT_METH_KEYWORDS, NULL}

static const FtMethodDef str_methods[] = {
    STR_NOARGS(lower), STR_NOARGS(upper), STR_NOARGS(casefold), STR_NOARGS(title),
    STR_NOARGS(capitalize), STR_NOARGS(swapcase), STR_NOARGS(isalpha), STR_NOARGS(isdigit),
    STR_NOARGS(isdecimal), STR_NOARGS(isnumeric), STR_NOARGS(isalnum), STR_NOARGS(isspace),
    STR_NOARGS(isidentifier), STR_NOARGS(isprintable), STR_NOARGS(isascii), STR_NOARGS(islower),
    STR_NOARGS(isupper), STR_NOARGS(istitle),
    STR_FAST(find), STR_FAST(rfind), STR_FAST(index), STR_FAST(rindex), STR_FAST(count),
    STR_FAST(startswith), STR_FAST(endswith), STR_FAST_KW(replace), STR_FAST_KW(split),
    STR_FAST_KW(rsplit), STR_FAST_KW(splitlines), STR_O(partition), STR_O(rpartition),
    STR_FAST(strip), STR_FAST(lstrip), STR_FAST(rstrip), STR_O(removeprefix), STR_O(removesuffix),
    STR_O(join), STR_FAST_KW(expandtabs), STR_FAST(center), STR_FAST(ljust), STR_FAST(rjust),
    STR_O(zfill), STR_O(translate), STR_FAST_KW(encode),
    {"maketrans", {.fast = ft_str_method_maketrans}, FT_METH_FASTCALL | FT_METH_STATIC, NULL},
    {"format", {.fast_kw = ft_str_method_format},
     FT_METH_FASTCALL | FT_METH_KEYWORDS | FT_METH_ANY_KEYWORD_KEYS, NULL},
    STR_O(format_map), STR_O(__format__),
    {"__getnewargs__", {.noargs = str_getnewargs}, FT_METH_NOARGS, NULL},
    {"__sizeof__", {.noargs = str_sizeof_method}, FT_METH_NOARGS,
     "Return the size of the string in memory, in bytes."},
    {NULL, {NULL}, 0, NULL},
};

/* --- Type object --- */

static FtNumberMethods str_as_number = {
    .nb_remainder = str_remainder,
};

static FtSequenceMethods str_as_sequence = {
    .sq_length = str_length,
    .sq_concat = str_concat,
    .sq_repeat = str_repeat,
    .sq_item = str_item,
    .sq_contains = str_contains,
};

static FtMappingMethods str_as_mapping = {
    .mp_length = str_length,
    .mp_subscript = str_subscript,
};

FtTypeObject ft_str_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "str",
    .tp_basicsize = sizeof(FtStrObject),
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_UNICODE_SUBCLASS,
    .tp_dealloc = str_dealloc,
    .tp_repr = str_repr,
    .tp_str = str_str,
    .tp_hash = str_hash,
    .tp_richcompare = str_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = str_new,
    .tp_iter = str_iter,
    .tp_as_number = &str_as_number,
    .tp_as_sequence = &str_as_sequence,
    .tp_as_mapping = &str_as_mapping,
    .tp_methods = str_methods,
    .tp_doc = "str(object='') -> str",
};

/* --- The iterator --- */

// iter(s): yields each code point as a one-character str. Several threads may share one iterator:
// each position is claimed by one atomic increment, so every character is yielded exactly once.
typedef struct {
    FtObject ob_base;
    FtObject *str;    // immutable after publish: a strong reference to the str
    Ft_ssize index;   // atomic: the next position to claim (may run past the length)
} StrIterObject;

FtTypeObject ft_str_iterator_type;
static FtTypeObject str_ascii_iterator_type;   // the same iterator, named as CPython's ASCII one

static FtObject *
str_iter(FtObject *op)
{
    FtTypeObject *type =
        ((FtStrObject *)op)->ascii ? &str_ascii_iterator_type : &ft_str_iterator_type;
    StrIterObject *it = (StrIterObject *)ft_object_new_of_type(type, 0);
    if (it == NULL)
        return NULL;
    it->str = ft_new_ref(op);
    it->index = 0;
    return (FtObject *)it;
}

static void
str_iter_dealloc(FtObject *op)
{
    ft_decref(((StrIterObject *)op)->str);
    ft_object_free_memory(op);
}

static FtObject *
str_iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
str_iter_next(FtObject *op)
{
    StrIterObject *it = (StrIterObject *)op;
    Ft_ssize n = ft_str_length(it->str);
    // relaxed: only the claim below hands out a position; this load just stops an exhausted
    // iterator's index from growing without bound.
    if (ft_atomic_load_ssize_relaxed(&it->index) >= n)
        return NULL;
    // relaxed: the str is immutable, so the claimed index orders nothing else.
    Ft_ssize i = ft_atomic_add_ssize_relaxed(&it->index, 1);
    if (i >= n)
        return NULL;
    return ft_str_substring_ref(it->str, i, i + 1);
}

FtTypeObject ft_str_iterator_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "str_iterator",
    .tp_basicsize = sizeof(StrIterObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = str_iter_dealloc,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = str_iter_self,
    .tp_iternext = str_iter_next,
};

static FtTypeObject str_ascii_iterator_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "str_ascii_iterator",
    .tp_basicsize = sizeof(StrIterObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = str_iter_dealloc,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = str_iter_self,
    .tp_iternext = str_iter_next,
};

int
ft_str_init_types(void)
{
    if (ft_type_ready(&ft_str_iterator_type) < 0 || ft_type_ready(&str_ascii_iterator_type) < 0)
        return -1;
    if (empty_str == NULL) {
        FtStrObject *e = str_alloc(0, 0, 0);
        if (e == NULL)
            return -1;
        ft_object_set_immortal((FtObject *)e);
        empty_str = (FtObject *)e;
    }
    return ft_type_ready(&ft_str_type);
}

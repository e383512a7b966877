// objects/str_codec.c: the built-in codecs utf-8, ascii, latin-1, utf-16 and utf-32 (plain with a
// byte order mark, -le, -be) with the error handlers strict, ignore, replace, backslashreplace,
// xmlcharrefreplace (encoding only), surrogateescape and surrogatepass (utf-16/32: encoding only),
// at the C level (byte buffers; str.encode and bytes.decode wrap them). Semantics and messages:
// CPython's Objects/unicodeobject.c (unicode_encode_utf8, unicode_encode_ucs1, the utf-8, ascii,
// utf-16 and utf-32 codecs) and Python/codecs.c (the handlers); UnicodeError texts as their
// __str__ prints them.
//
// Owns: nothing shared; each call builds its own buffer. Invariant: an error range is what
// CPython hands its handler - on encoding the run of unencodable code points, on decoding the
// bytes of one invalid sequence (its valid prefix; for utf-16/32 one character or code unit) - so
// replace/ignore/escape results match.
// Concurrency: pure functions of immutable inputs; any attached thread.
#include <stdio.h>    // snprintf
#include <stdlib.h>   // malloc realloc free
#include <string.h>   // strcmp strlen

#include "objects/str_methods.h"

#include "objects/bytes.h"   // ft_bytes_from_data_ref
#include "objects/error.h"   // ft_error_format ft_error_set_object ft_exc_*
#include "objects/int.h"     // ft_int_from_int64_ref
#include "objects/object.h"  // ft_object_is_none
#include "objects/str.h"     // ft_str_* FtStrWriter
#include "objects/tuple.h"   // ft_tuple_size ft_tuple_get_item_borrow ft_tuple_pack_ref
#include "runtime/refcount.h"   // ft_decref ft_new_ref

typedef enum {
    CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1, CODEC_UTF16, CODEC_UTF16LE, CODEC_UTF16BE, CODEC_UTF32,
    CODEC_UTF32LE, CODEC_UTF32BE,
} Codec;

typedef enum {
    ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_BACKSLASH, ERR_XMLCHARREF, ERR_SURROGATEESCAPE,
    ERR_SURROGATEPASS, ERR_UNKNOWN,
} ErrorHandler;

static const char *const codec_names[] = {"utf-8",     "ascii",     "latin-1",
                                          "utf-16",    "utf-16-le", "utf-16-be",
                                          "utf-32",    "utf-32-le", "utf-32-be"};

// True for the UTF-16 and UTF-32 codecs (code units wider than a byte; native order is little).
static bool
is_wide(Codec codec)
{
    return codec >= CODEC_UTF16;
}

// Looks an encoding up by Python's normalized name (case-insensitive, '-' and ' ' as '_').
static int
codec_lookup(const char *name, Codec *out)
{
    static const struct {
        const char *alias;
        Codec codec;
    } aliases[] = {
        {"utf_8", CODEC_UTF8}, {"utf8", CODEC_UTF8}, {"u8", CODEC_UTF8}, {"utf", CODEC_UTF8},
        {"ascii", CODEC_ASCII}, {"us_ascii", CODEC_ASCII}, {"646", CODEC_ASCII},
        {"latin_1", CODEC_LATIN1}, {"latin1", CODEC_LATIN1}, {"latin", CODEC_LATIN1},
        {"l1", CODEC_LATIN1}, {"iso_8859_1", CODEC_LATIN1}, {"iso8859_1", CODEC_LATIN1},
        {"8859", CODEC_LATIN1}, {"cp819", CODEC_LATIN1},
        {"utf_16", CODEC_UTF16}, {"utf16", CODEC_UTF16}, {"u16", CODEC_UTF16},
        {"utf_16_le", CODEC_UTF16LE}, {"utf_16le", CODEC_UTF16LE},
        {"utf_16_be", CODEC_UTF16BE}, {"utf_16be", CODEC_UTF16BE},
        {"utf_32", CODEC_UTF32}, {"utf32", CODEC_UTF32}, {"u32", CODEC_UTF32},
        {"utf_32_le", CODEC_UTF32LE}, {"utf_32le", CODEC_UTF32LE},
        {"utf_32_be", CODEC_UTF32BE}, {"utf_32be", CODEC_UTF32BE},
    };
    char norm[32];
    size_t n = strlen(name);
    if (n < sizeof norm) {
        for (size_t i = 0; i <= n; i++) {
            char c = name[i];
            norm[i] = c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c == '-' || c == ' ' ? '_' : c;
        }
        for (size_t k = 0; k < sizeof aliases / sizeof aliases[0]; k++) {
            if (strcmp(norm, aliases[k].alias) == 0) {
                *out = aliases[k].codec;
                return 0;
            }
        }
    }
    ft_error_format(&ft_exc_lookup_error, "unknown encoding: %s", name);
    return -1;
}

static ErrorHandler
handler_lookup(const char *errors)
{
    static const char *const names[] = {"strict", "ignore", "replace", "backslashreplace",
                                        "xmlcharrefreplace", "surrogateescape", "surrogatepass"};
    if (errors == NULL)
        return ERR_STRICT;
    for (int k = 0; k < ERR_UNKNOWN; k++) {
        if (strcmp(errors, names[k]) == 0)
            return (ErrorHandler)k;
    }
    return ERR_UNKNOWN;
}

// Raises LookupError for an unknown handler name (when an error needs it). Returns -1.
static int
unknown_handler(const char *errors)
{
    ft_error_format(&ft_exc_lookup_error, "unknown error handler name '%s'", errors);
    return -1;
}

// A growable byte buffer.
typedef struct {
    char *data;
    Ft_ssize len, cap;
    bool failed;
} ByteBuf;

static void
bytes_push(ByteBuf *b, const char *s, Ft_ssize n)
{
    if (b->failed)
        return;
    if (b->len + n + 1 > b->cap) {
        Ft_ssize cap = b->cap ? b->cap : 64;
        while (cap < b->len + n + 1)
            cap *= 2;
        char *p = realloc(b->data, (size_t)cap);
        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    memcpy(b->data + b->len, s, (size_t)n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void
bytes_push_byte(ByteBuf *b, unsigned c)
{
    char ch = (char)c;
    bytes_push(b, &ch, 1);
}

static void
utf8_put(ByteBuf *b, uint32_t cp)
{
    if (cp < 0x80) {
        bytes_push_byte(b, cp);
    } else if (cp < 0x800) {
        bytes_push_byte(b, 0xC0 | (cp >> 6));
        bytes_push_byte(b, 0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        bytes_push_byte(b, 0xE0 | (cp >> 12));
        bytes_push_byte(b, 0x80 | ((cp >> 6) & 0x3F));
        bytes_push_byte(b, 0x80 | (cp & 0x3F));
    } else {
        bytes_push_byte(b, 0xF0 | (cp >> 18));
        bytes_push_byte(b, 0x80 | ((cp >> 12) & 0x3F));
        bytes_push_byte(b, 0x80 | ((cp >> 6) & 0x3F));
        bytes_push_byte(b, 0x80 | (cp & 0x3F));
    }
}

// Appends the code point c in codec's form (c is encodable: < 0x80 for ascii, < 0x100 for latin-1;
// a surrogate only for surrogatepass).
static void
put_cp(ByteBuf *b, Codec codec, uint32_t c)
{
    switch (codec) {
    case CODEC_UTF8:
        utf8_put(b, c);
        return;
    case CODEC_ASCII:
    case CODEC_LATIN1:
        bytes_push_byte(b, c);
        return;
    case CODEC_UTF16:
    case CODEC_UTF16LE:
    case CODEC_UTF16BE: {
        uint32_t units[2] = {c, 0};
        int n = 1;
        if (c >= 0x10000) {
            units[0] = 0xD800 | ((c - 0x10000) >> 10);
            units[1] = 0xDC00 | ((c - 0x10000) & 0x3FF);
            n = 2;
        }
        for (int k = 0; k < n; k++) {
            if (codec == CODEC_UTF16BE) {
                bytes_push_byte(b, units[k] >> 8);
                bytes_push_byte(b, units[k] & 0xFF);
            } else {
                bytes_push_byte(b, units[k] & 0xFF);
                bytes_push_byte(b, units[k] >> 8);
            }
        }
        return;
    }
    default:
        for (int k = 0; k < 4; k++)
            bytes_push_byte(b, (c >> (codec == CODEC_UTF32BE ? 24 - 8 * k : 8 * k)) & 0xFF);
        return;
    }
}

// Appends the NUL-terminated ASCII text (a handler's replacement) in codec's form.
static void
put_ascii(ByteBuf *b, Codec codec, const char *text)
{
    for (; *text != '\0'; text++)
        put_cp(b, codec, (unsigned char)*text);
}

static bool
is_surrogate(uint32_t c)
{
    return c >= 0xD800 && c <= 0xDFFF;
}

// Raises type(encoding, object, start, end, reason) (UnicodeEncodeError or UnicodeDecodeError; the
// exception's __str__ builds the familiar message). Steals object (NULL: the error is already set).
// Returns -1.
static int
raise_unicode_error(FtTypeObject *type, Codec codec, FtObject *object, Ft_ssize start,
                    Ft_ssize end, const char *reason)
{
    if (object == NULL)
        return -1;
    FtObject *enc = ft_str_from_ascii_ref(codec_names[codec]);
    FtObject *st = ft_int_from_int64_ref(start);
    FtObject *en = ft_int_from_int64_ref(end);
    FtObject *rs = ft_str_from_ascii_ref(reason);
    if (enc != NULL && st != NULL && en != NULL && rs != NULL) {
        FtObject *args = ft_tuple_pack_ref(5, enc, object, st, en, rs);
        if (args != NULL) {
            ft_error_set_object(type, args);
            ft_decref(args);
        }
    }
    ft_xdecref(enc);
    ft_xdecref(st);
    ft_xdecref(en);
    ft_xdecref(rs);
    ft_decref(object);
    return -1;
}

// Raises UnicodeEncodeError for s[start:end). Returns -1.
static int
encode_error(Codec codec, FtObject *s, Ft_ssize start, Ft_ssize end)
{
    const char *reason = codec == CODEC_UTF8 || is_wide(codec) ? "surrogates not allowed"
                       : codec == CODEC_ASCII ? "ordinal not in range(128)"
                                              : "ordinal not in range(256)";
    return raise_unicode_error(&ft_exc_unicode_encode_error, codec, ft_new_ref(s), start, end,
                               reason);
}

// Applies the handler to the unencodable run s[start:end). Returns 0 or -1.
static int
encode_handle(ByteBuf *b, Codec codec, ErrorHandler h, const char *errors, FtObject *s,
              Ft_ssize start, Ft_ssize end)
{
    char tmp[32];
    switch (h) {
    case ERR_STRICT:
        return encode_error(codec, s, start, end);
    case ERR_IGNORE:
        return 0;
    case ERR_REPLACE:
        for (Ft_ssize i = start; i < end; i++)
            put_cp(b, codec, '?');
        return 0;
    case ERR_BACKSLASH:
    case ERR_XMLCHARREF:
        for (Ft_ssize i = start; i < end; i++) {
            uint32_t c = ft_str_read_char(s, i);
            if (h == ERR_XMLCHARREF)
                snprintf(tmp, sizeof tmp, "&#%u;", (unsigned)c);
            else
                snprintf(tmp, sizeof tmp, c <= 0xFF ? "\\x%02x" : c <= 0xFFFF ? "\\u%04x"
                                                                              : "\\U%08x",
                         (unsigned)c);
            put_ascii(b, codec, tmp);
        }
        return 0;
    case ERR_SURROGATEESCAPE:
        if (is_wide(codec))   // a one-byte replacement cannot be a UTF-16/32 code unit
            return encode_error(codec, s, start, end);
        // Escapes the leading U+DC80..U+DCFF code points; the rest of the run is an error.
        for (; start < end; start++) {
            uint32_t c = ft_str_read_char(s, start);
            if (c < 0xDC80 || c > 0xDCFF)
                return encode_error(codec, s, start, end);
            bytes_push_byte(b, c - 0xDC00);
        }
        return 0;
    case ERR_SURROGATEPASS:
        if (codec != CODEC_UTF8 && !is_wide(codec))
            return encode_error(codec, s, start, end);
        for (Ft_ssize i = start; i < end; i++)
            put_cp(b, codec, ft_str_read_char(s, i));
        return 0;
    default:
        return unknown_handler(errors);
    }
}

int
ft_str_check_utf8_arg(FtObject *s)
{
    // A str argument is handed on as UTF-8, so a lone surrogate fails as the strict encoder does.
    Ft_ssize n;
    char *buf = ft_str_encode(s, "utf-8", "strict", &n);
    if (buf == NULL)
        return -1;
    free(buf);
    return 0;
}

char *
ft_str_encode(FtObject *s, const char *encoding, const char *errors, Ft_ssize *size)
{
    Codec codec;
    if (codec_lookup(encoding, &codec) < 0)
        return NULL;
    ErrorHandler h = handler_lookup(errors);
    uint32_t limit = codec == CODEC_ASCII ? 0x80 : codec == CODEC_LATIN1 ? 0x100 : 0x110000;
    ByteBuf b = {0};
    bytes_push(&b, "", 0);
    if (codec == CODEC_UTF16 || codec == CODEC_UTF32)
        put_cp(&b, codec, 0xFEFF);   // the byte order mark, then little-endian units
    Ft_ssize n = ft_str_length(s);
    for (Ft_ssize i = 0; i < n && !b.failed;) {
        uint32_t c = ft_str_read_char(s, i);
        bool unicode = codec == CODEC_UTF8 || is_wide(codec);
        bool bad = unicode ? is_surrogate(c) : c >= limit;
        if (!bad) {
            put_cp(&b, codec, c);
            i++;
            continue;
        }
        // The UTF-8 and single-byte encoders hand the whole run of unencodable characters to the
        // handler; the UTF-16/32 ones one character at a time.
        Ft_ssize end = i + 1;
        while (!is_wide(codec) && end < n && (unicode ? is_surrogate(ft_str_read_char(s, end))
                                                      : ft_str_read_char(s, end) >= limit))
            end++;
        if (encode_handle(&b, codec, h, errors, s, i, end) < 0) {
            free(b.data);
            return NULL;
        }
        i = end;
    }
    if (b.failed) {
        free(b.data);
        ft_error_no_memory();
        return NULL;
    }
    *size = b.len;
    return b.data;
}

// Raises UnicodeDecodeError for data[start:end) of data[0..n). Returns -1.
static int
decode_error(Codec codec, const unsigned char *data, Ft_ssize n, Ft_ssize start, Ft_ssize end,
             const char *reason)
{
    return raise_unicode_error(&ft_exc_unicode_decode_error, codec,
                               ft_bytes_from_data_ref((const char *)data, n), start, end, reason);
}

// Decodes one UTF-8 sequence at data[i]: returns the code point and sets *next, or returns -1
// with *next the end of the invalid range (its valid prefix, at least one byte) and *reason set.
static int32_t
utf8_decode_one(const unsigned char *data, Ft_ssize n, Ft_ssize i, Ft_ssize *next,
                const char **reason)
{
    unsigned c = data[i];
    if (c < 0x80) {
        *next = i + 1;
        return (int32_t)c;
    }
    int need;
    uint32_t cp;
    unsigned lo = 0x80, hi = 0xBF;   // the valid range of the second byte
    if (c >= 0xC2 && c <= 0xDF) {
        need = 1, cp = c & 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 2, cp = c & 0x0F;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 3, cp = c & 0x07;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        *next = i + 1;
        *reason = "invalid start byte";
        return -1;
    }
    for (int k = 1; k <= need; k++) {
        if (i + k >= n) {
            *next = n;
            *reason = "unexpected end of data";
            return -1;
        }
        unsigned cc = data[i + k];
        if (cc < (k == 1 ? lo : 0x80) || cc > (k == 1 ? hi : 0xBF)) {
            *next = i + k;
            *reason = "invalid continuation byte";
            return -1;
        }
        cp = (cp << 6) | (cc & 0x3F);
    }
    *next = i + need + 1;
    return (int32_t)cp;
}

// Applies the handler to the undecodable data[start:end); *next may be moved by surrogatepass.
static int
decode_handle(FtStrWriter *w, Codec codec, ErrorHandler h, const char *errors,
              const unsigned char *data, Ft_ssize n, Ft_ssize start, Ft_ssize *end,
              const char *reason)
{
    char tmp[8];
    switch (h) {
    case ERR_STRICT:
        return decode_error(codec, data, n, start, *end, reason);
    case ERR_IGNORE:
        return 0;
    case ERR_REPLACE:
        ft_str_writer_push(w, 0xFFFD);
        return 0;
    case ERR_BACKSLASH:
        for (Ft_ssize i = start; i < *end; i++) {
            snprintf(tmp, sizeof tmp, "\\x%02x", (unsigned)data[i]);
            ft_str_writer_push_ascii(w, tmp);
        }
        return 0;
    case ERR_SURROGATEESCAPE: {
        // Escapes the leading bytes >= 0x80 of the range (at most 4); decoding resumes after them.
        // No such byte: the error stands.
        Ft_ssize k = start;
        while (k < *end && k < start + 4 && data[k] >= 0x80)
            ft_str_writer_push(w, 0xDC00 + data[k++]);
        if (k == start)
            return decode_error(codec, data, n, start, *end, reason);
        *end = k;
        return 0;
    }
    case ERR_SURROGATEPASS:
        // An encoded surrogate: ED A0..BF 80..BF.
        if (codec == CODEC_UTF8 && start + 3 <= n && data[start] == 0xED &&
            data[start + 1] >= 0xA0 && data[start + 1] <= 0xBF && (data[start + 2] & 0xC0) == 0x80) {
            ft_str_writer_push(w, 0xD000 | ((uint32_t)(data[start + 1] & 0x3F) << 6) |
                                      (data[start + 2] & 0x3F));
            *end = start + 3;
            return 0;
        }
        return decode_error(codec, data, n, start, *end, reason);
    case ERR_XMLCHARREF:
        ft_error_format(&ft_exc_type_error,
                        "don't know how to handle UnicodeDecodeError in error callback");
        return -1;
    default:
        return unknown_handler(errors);
    }
}

// Reads the unit-byte code unit at data[i] (big-endian when big).
static uint32_t
read_unit(const unsigned char *data, Ft_ssize i, int unit, bool big)
{
    uint32_t v = 0;
    for (int k = 0; k < unit; k++)
        v |= (uint32_t)data[i + k] << (big ? 8 * (unit - 1 - k) : 8 * k);
    return v;
}

// data[0..n) decoded with a UTF-16 or UTF-32 codec (a leading byte order mark picks the order for
// the plain utf-16/utf-32 codecs, which default to little-endian).
static FtObject *
decode_wide(const unsigned char *data, Ft_ssize n, Codec codec, ErrorHandler h, const char *errors)
{
    int unit = codec <= CODEC_UTF16BE ? 2 : 4;
    bool big = codec == CODEC_UTF16BE || codec == CODEC_UTF32BE;
    Ft_ssize i = 0;
    if ((codec == CODEC_UTF16 || codec == CODEC_UTF32) && n >= unit) {
        if (read_unit(data, 0, unit, false) == 0xFEFF) {
            i = unit;
        } else if (read_unit(data, 0, unit, true) == 0xFEFF) {
            big = true;
            i = unit;
        }
    }
    // Errors name the byte order actually decoded ('utf-16-le' for a plain utf-16 without a BOM).
    if (codec == CODEC_UTF16)
        codec = big ? CODEC_UTF16BE : CODEC_UTF16LE;
    else if (codec == CODEC_UTF32)
        codec = big ? CODEC_UTF32BE : CODEC_UTF32LE;
    FtStrWriter w = {0};
    while (i < n) {
        Ft_ssize next = i + unit;
        const char *reason = NULL;
        uint32_t cp = 0;
        if (next > n) {
            next = n;
            reason = "truncated data";
        } else if (unit == 4) {
            cp = read_unit(data, i, 4, big);
            if (cp >= 0xD800 && cp < 0xE000)
                reason = "code point in surrogate code point range(0xd800, 0xe000)";
            else if (cp > 0x10FFFF)
                reason = "code point not in range(0x110000)";
        } else {
            cp = read_unit(data, i, 2, big);
            if (cp >= 0xDC00 && cp < 0xE000) {
                reason = "illegal encoding";
            } else if (cp >= 0xD800 && cp < 0xDC00) {
                if (i + 4 > n) {
                    next = n;
                    reason = "unexpected end of data";
                } else {
                    uint32_t lo = read_unit(data, i + 2, 2, big);
                    if (lo >= 0xDC00 && lo < 0xE000) {
                        cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
                        next = i + 4;
                    } else {
                        reason = "illegal UTF-16 surrogate";
                    }
                }
            }
        }
        if (reason == NULL) {
            ft_str_writer_push(&w, cp);
        } else if (decode_handle(&w, codec, h, errors, data, n, i, &next, reason) < 0) {
            ft_str_writer_discard(&w);
            return NULL;
        }
        i = next;
    }
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_decode_ref(const char *bytes, Ft_ssize n, const char *encoding, const char *errors)
{
    if (n == 0)
        return ft_str_empty_ref();   // as CPython: before the encoding is even looked up
    Codec codec;
    if (codec_lookup(encoding, &codec) < 0)
        return NULL;
    ErrorHandler h = handler_lookup(errors);
    const unsigned char *data = (const unsigned char *)bytes;
    if (is_wide(codec))
        return decode_wide(data, n, codec, h, errors);
    FtStrWriter w = {0};
    for (Ft_ssize i = 0; i < n;) {
        if (codec == CODEC_LATIN1 || data[i] < 0x80) {
            ft_str_writer_push(&w, data[i++]);
            continue;
        }
        Ft_ssize next = i + 1;
        const char *reason = "ordinal not in range(128)";
        if (codec == CODEC_UTF8) {
            int32_t cp = utf8_decode_one(data, n, i, &next, &reason);
            if (cp >= 0) {
                ft_str_writer_push(&w, (uint32_t)cp);
                i = next;
                continue;
            }
        }
        if (decode_handle(&w, codec, h, errors, data, n, i, &next, reason) < 0) {
            ft_str_writer_discard(&w);
            return NULL;
        }
        i = next;
    }
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_encode(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"encoding", "errors"};
    FtObject *a[2] = {NULL, NULL};
    if (nargs > 2)
        return ft_error_format(&ft_exc_type_error,
                               "encode() takes at most 2 arguments (%zd given)", nargs);
    for (Ft_ssize i = 0; i < nargs; i++)
        a[i] = args[i];
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int found = ft_str_equal_cstr(key, names[0])   ? 0
                    : ft_str_equal_cstr(key, names[1]) ? 1
                                                       : -1;
        if (found < 0)
            return ft_error_format(&ft_exc_type_error,
                                   "encode() got an unexpected keyword argument '%U'", key);
        if (a[found] != NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "argument for encode() given by name ('%s') and position (%d)",
                                   names[found], found + 1);
        a[found] = args[nargs + k];
    }
    const char *opt[2] = {"utf-8", "strict"};
    for (int i = 0; i < 2; i++) {
        if (a[i] == NULL)
            continue;
        if (!ft_str_check(a[i]))
            return ft_error_format(&ft_exc_type_error,
                                   "encode() argument '%s' must be str, not %.80s", names[i],
                                   ft_object_is_none(a[i]) ? "None" : a[i]->ob_type->tp_name);
        opt[i] = ft_str_as_utf8(a[i], NULL);
    }
    Ft_ssize size;
    char *data = ft_str_encode(self, opt[0], opt[1], &size);
    if (data == NULL)
        return NULL;
    FtObject *res = ft_bytes_from_data_ref(data, size);
    free(data);
    return res;
}

// objects/str_codec.c: the built-in codecs utf-8, ascii and latin-1 with the error handlers
// strict, ignore, replace, backslashreplace, xmlcharrefreplace (encoding only), surrogateescape and
// surrogatepass, at the C level (byte buffers) until the bytes type exists. Semantics and messages:
// CPython's Objects/unicodeobject.c (unicode_encode_utf8, unicode_encode_ucs1, the utf-8 and ascii
// decoders) and Python/codecs.c (the handlers); UnicodeError texts as their __str__ prints them.
//
// Owns: nothing shared; each call builds its own buffer. Invariant: an error range is what
// CPython hands its handler - on encoding the run of unencodable code points, on decoding the
// bytes of one invalid sequence (its valid prefix) - so replace/ignore/escape results match.
// Concurrency: pure functions of immutable inputs; any attached thread.
#include <stdio.h>    // snprintf
#include <stdlib.h>   // malloc realloc free
#include <string.h>   // strcmp strlen

#include "objects/str_methods.h"

#include "objects/error.h"   // ft_error_format ft_exc_*
#include "objects/str.h"     // ft_str_* FtStrWriter

typedef enum { CODEC_UTF8, CODEC_ASCII, CODEC_LATIN1 } Codec;

typedef enum {
    ERR_STRICT, ERR_IGNORE, ERR_REPLACE, ERR_BACKSLASH, ERR_XMLCHARREF, ERR_SURROGATEESCAPE,
    ERR_SURROGATEPASS, ERR_UNKNOWN,
} ErrorHandler;

static const char *const codec_names[] = {"utf-8", "ascii", "latin-1"};

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

static bool
is_surrogate(uint32_t c)
{
    return c >= 0xD800 && c <= 0xDFFF;
}

// Raises UnicodeEncodeError for s[start:end). Returns -1.
static int
encode_error(Codec codec, FtObject *s, Ft_ssize start, Ft_ssize end)
{
    const char *reason = codec == CODEC_UTF8 ? "surrogates not allowed"
                       : codec == CODEC_ASCII ? "ordinal not in range(128)"
                                              : "ordinal not in range(256)";
    if (end - start == 1) {
        uint32_t c = ft_str_read_char(s, start);
        char esc[16];
        snprintf(esc, sizeof esc, c <= 0xFF ? "\\x%02x" : c <= 0xFFFF ? "\\u%04x" : "\\U%08x",
                 (unsigned)c);
        ft_error_format(&ft_exc_unicode_encode_error,
                        "'%s' codec can't encode character '%s' in position %zd: %s",
                        codec_names[codec], esc, start, reason);
    } else {
        ft_error_format(&ft_exc_unicode_encode_error,
                        "'%s' codec can't encode characters in position %zd-%zd: %s",
                        codec_names[codec], start, end - 1, reason);
    }
    return -1;
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
            bytes_push_byte(b, '?');
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
            bytes_push(b, tmp, (Ft_ssize)strlen(tmp));
        }
        return 0;
    case ERR_SURROGATEESCAPE:
        // Escapes the leading U+DC80..U+DCFF code points; the rest of the run is an error.
        for (; start < end; start++) {
            uint32_t c = ft_str_read_char(s, start);
            if (c < 0xDC80 || c > 0xDCFF)
                return encode_error(codec, s, start, end);
            bytes_push_byte(b, c - 0xDC00);
        }
        return 0;
    case ERR_SURROGATEPASS:
        if (codec != CODEC_UTF8)
            return encode_error(codec, s, start, end);
        for (Ft_ssize i = start; i < end; i++)
            utf8_put(b, ft_str_read_char(s, i));
        return 0;
    default:
        return unknown_handler(errors);
    }
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
    Ft_ssize n = ft_str_length(s);
    for (Ft_ssize i = 0; i < n && !b.failed;) {
        uint32_t c = ft_str_read_char(s, i);
        bool bad = codec == CODEC_UTF8 ? is_surrogate(c) : c >= limit;
        if (!bad) {
            if (codec == CODEC_UTF8)
                utf8_put(&b, c);
            else
                bytes_push_byte(&b, c);
            i++;
            continue;
        }
        Ft_ssize end = i + 1;
        while (end < n && (codec == CODEC_UTF8 ? is_surrogate(ft_str_read_char(s, end))
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

// Raises UnicodeDecodeError for data[start:end). Returns -1.
static int
decode_error(Codec codec, const unsigned char *data, Ft_ssize start, Ft_ssize end,
             const char *reason)
{
    if (end - start == 1)
        ft_error_format(&ft_exc_unicode_decode_error,
                        "'%s' codec can't decode byte 0x%02x in position %zd: %s",
                        codec_names[codec], (unsigned)data[start], start, reason);
    else
        ft_error_format(&ft_exc_unicode_decode_error,
                        "'%s' codec can't decode bytes in position %zd-%zd: %s", codec_names[codec],
                        start, end - 1, reason);
    return -1;
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
        return decode_error(codec, data, start, *end, reason);
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
    case ERR_SURROGATEESCAPE:
        for (Ft_ssize i = start; i < *end; i++) {
            if (data[i] < 0x80)
                return decode_error(codec, data, start, *end, reason);
        }
        for (Ft_ssize i = start; i < *end; i++)
            ft_str_writer_push(w, 0xDC00 + data[i]);
        return 0;
    case ERR_SURROGATEPASS:
        // An encoded surrogate: ED A0..BF 80..BF.
        if (codec == CODEC_UTF8 && start + 3 <= n && data[start] == 0xED &&
            data[start + 1] >= 0xA0 && data[start + 1] <= 0xBF && (data[start + 2] & 0xC0) == 0x80) {
            ft_str_writer_push(w, 0xD000 | ((uint32_t)(data[start + 1] & 0x3F) << 6) |
                                      (data[start + 2] & 0x3F));
            *end = start + 3;
            return 0;
        }
        return decode_error(codec, data, start, *end, reason);
    case ERR_XMLCHARREF:
        ft_error_format(&ft_exc_type_error,
                        "don't know how to handle UnicodeDecodeError in error callback");
        return -1;
    default:
        return unknown_handler(errors);
    }
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

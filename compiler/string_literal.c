// compiler/string_literal.c: string and bytes literal decoding (escape processing).
//
// Owns the meaning of a literal's body: which escapes exist (\\ \' \" \a \b \f \n \r \t \v,
// octal \ooo, \xhh, and for str \uXXXX \UXXXXXXXX), line continuations, raw prefixes, and that
// unknown escapes keep their backslash (CPython only warns about them).
// Invariant: the output never needs more bytes than the input body plus one per escape (a 2-byte
// "\x.." escape can produce at most 2 UTF-8 bytes; a 6-byte "\uXXXX" at most 3; a 10-byte
// "\UXXXXXXXX" at most 4; "\N{...}" is at least 5 bytes for at most 4), so one arena block of
// len + 1 bytes always suffices.
// Concurrency: pure functions; the arena is the caller's (one parse, one thread).
// References: CPython Parser/string_parser.c (decode_unicode_with_escapes, decode_bytes_with_escapes).
#include "compiler/string_literal.h"  // FtStringLiteral

#include <stdint.h>                   // uint32_t
#include <stdio.h>                    // snprintf
#include <string.h>                   // memcpy

#include "compiler/generated/unicode_aliases.gen.h"  // ft_unicode_aliases
#include "objects/unicode_db.h"                   // ft_unicode_lookup

static int
hex_value(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// Returns the code point named name[0..len) (case-insensitive, as unicodedata.lookup without
// named sequences), or -1: a name alias from the generated table, else objects/unicode_db.h's
// character names (including Hangul syllables and the "<prefix>-<hex>" ideographs).
// TODO(#4): use ft_unicode_lookup alone once it knows the aliases.
static long
lookup_name(const char *name, size_t len)
{
    char up[256];
    if (len == 0 || len >= sizeof up)
        return -1;
    for (size_t i = 0; i < len; i++)
        up[i] = name[i] >= 'a' && name[i] <= 'z' ? (char)(name[i] - 32) : name[i];
    up[len] = '\0';
    for (int i = 0; i < FT_UNICODE_ALIAS_COUNT; i++)
        if (strcmp(ft_unicode_aliases[i].name, up) == 0)
            return (long)ft_unicode_aliases[i].cp;
    return (long)ft_unicode_lookup(name, len);
}

static size_t
put_utf8(char *out, uint32_t cp)
{
    if (cp < 0x80) {
        out[0] = (char)cp;
        return 1;
    }
    if (cp < 0x800) {
        out[0] = (char)(0xC0 | (cp >> 6));
        out[1] = (char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        out[0] = (char)(0xE0 | (cp >> 12));
        out[1] = (char)(0x80 | ((cp >> 6) & 0x3F));
        out[2] = (char)(0x80 | (cp & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | (cp >> 18));
    out[1] = (char)(0x80 | ((cp >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((cp >> 6) & 0x3F));
    out[3] = (char)(0x80 | (cp & 0x3F));
    return 4;
}

// CPython decodes a str literal's escapes after turning each non-ASCII character into a
// ten-byte \UXXXXXXXX escape, and its error messages count positions in that text: the position
// of body[i] there.
static size_t
escaped_position(const char *body, size_t i)
{
    size_t pos = 0;
    for (size_t k = 0; k < i; k++) {
        unsigned char c = (unsigned char)body[k];
        if (c < 0x80)
            pos++;
        else if ((c & 0xC0) != 0x80)
            pos += 10;
    }
    return pos;
}

// Sets *errmsg to CPython's "(unicode error) 'unicodeescape' codec can't decode bytes in position
// S-E: REASON" for the escape body[start..end) (in arena; NULL when memory runs out).
static void
unicode_escape_error(const char *body, size_t start, size_t end, const char *reason,
                     FtArena *arena, const char **errmsg)
{
    char tmp[256];
    size_t s = escaped_position(body, start);
    size_t e = escaped_position(body, end);
    int n = snprintf(tmp, sizeof tmp,
                     "(unicode error) 'unicodeescape' codec can't decode bytes in position %zu-%zu: %s",
                     s, e > s ? e - 1 : s, reason);
    char *msg = n > 0 ? ft_arena_alloc(arena, (size_t)n + 1) : NULL;
    if (msg != NULL)
        memcpy(msg, tmp, (size_t)n + 1);
    *errmsg = msg;
}

// Decodes body[0..len) into out (capacity len + 1). Returns the output length, or -1 with *errmsg
// (NULL when memory ran out).
static ptrdiff_t
decode_escapes(const char *body, size_t len, int bytes, char *out, FtArena *arena,
               const char **errmsg)
{
    size_t o = 0;
    size_t i = 0;
    while (i < len) {
        char c = body[i];
        if (c != '\\' || i + 1 >= len) {
            out[o++] = c;
            i++;
            continue;
        }
        char e = body[i + 1];
        i += 2;
        switch (e) {
        case '\n':
            break;
        case '\\':
        case '\'':
        case '"':
            out[o++] = e;
            break;
        case 'a':
            out[o++] = '\a';
            break;
        case 'b':
            out[o++] = '\b';
            break;
        case 'f':
            out[o++] = '\f';
            break;
        case 'n':
            out[o++] = '\n';
            break;
        case 'r':
            out[o++] = '\r';
            break;
        case 't':
            out[o++] = '\t';
            break;
        case 'v':
            out[o++] = '\v';
            break;
        case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
            uint32_t v = (uint32_t)(e - '0');
            for (int k = 0; k < 2 && i < len && body[i] >= '0' && body[i] <= '7'; k++)
                v = v * 8 + (uint32_t)(body[i++] - '0');
            if (bytes)
                out[o++] = (char)(v & 0xFF);
            else
                o += put_utf8(out + o, v);
            break;
        }
        case 'x': {
            if (i + 2 > len || hex_value(body[i]) < 0 || hex_value(body[i + 1]) < 0) {
                if (bytes) {
                    *errmsg = "(value error) invalid \\x escape";
                    return -1;
                }
                size_t valid = i < len && hex_value(body[i]) >= 0 ? 1 : 0;
                unicode_escape_error(body, i - 2, i + valid, "truncated \\xXX escape", arena, errmsg);
                return -1;
            }
            uint32_t v = (uint32_t)(hex_value(body[i]) * 16 + hex_value(body[i + 1]));
            i += 2;
            if (bytes)
                out[o++] = (char)v;
            else
                o += put_utf8(out + o, v);
            break;
        }
        case 'u':
        case 'U':
            if (!bytes) {
                size_t n = e == 'u' ? 4 : 8;
                uint32_t v = 0;
                for (size_t k = 0; k < n; k++) {
                    if (i + k >= len || hex_value(body[i + k]) < 0) {
                        unicode_escape_error(body, i - 2, i + k,
                                             e == 'u' ? "truncated \\uXXXX escape"
                                                      : "truncated \\UXXXXXXXX escape",
                                             arena, errmsg);
                        return -1;
                    }
                    v = v * 16 + (uint32_t)hex_value(body[i + k]);
                }
                if (v > 0x10FFFF) {
                    unicode_escape_error(body, i - 2, i + n, "illegal Unicode character", arena,
                                         errmsg);
                    return -1;
                }
                i += n;
                o += put_utf8(out + o, v);
                break;
            }
            out[o++] = '\\';
            out[o++] = e;
            break;
        case 'N':
            if (!bytes) {
                // "\N{name}"; without a non-empty braced name the escape is malformed.
                size_t s = i;
                const char *reason = "malformed \\N character escape";
                if (s < len && body[s] == '{') {
                    size_t name = ++s;
                    while (s < len && body[s] != '}')
                        s++;
                    if (s > name && s < len) {
                        long cp = lookup_name(body + name, s - name);
                        if (cp >= 0) {
                            i = s + 1;
                            o += put_utf8(out + o, (uint32_t)cp);
                            break;
                        }
                        reason = "unknown Unicode character name";
                        s++;
                    }
                }
                unicode_escape_error(body, i - 2, s, reason, arena, errmsg);
                return -1;
            }
            out[o++] = '\\';
            out[o++] = e;
            break;
        default:
            out[o++] = '\\';
            out[o++] = e;
            break;
        }
    }
    return (ptrdiff_t)o;
}

int
ft_string_literal_decode_str(const char *body, size_t len, int raw, FtArena *arena,
                             FtStringLiteral *out, const char **errmsg)
{
    char *buf = ft_arena_alloc(arena, len + 1);
    if (buf == NULL) {
        *errmsg = NULL;
        return -1;
    }
    ptrdiff_t n;
    if (raw || memchr(body, '\\', len) == NULL) {
        memcpy(buf, body, len);
        n = (ptrdiff_t)len;
    } else {
        n = decode_escapes(body, len, 0, buf, arena, errmsg);
        if (n < 0)
            return -1;
    }
    buf[n] = '\0';
    out->data = buf;
    out->len = (size_t)n;
    out->is_bytes = 0;
    out->has_u = 0;
    return 0;
}

int
ft_string_literal_parse(const char *text, size_t len, FtArena *arena, FtStringLiteral *out,
                        const char **errmsg)
{
    int raw = 0, bytes = 0, has_u = 0;
    size_t i = 0;
    while (i < len && text[i] != '\'' && text[i] != '"') {
        char c = (char)(text[i] | 0x20);
        if (c == 'r')
            raw = 1;
        else if (c == 'b')
            bytes = 1;
        else if (c == 'u')
            has_u = 1;
        i++;
    }
    if (i >= len) {
        *errmsg = "invalid string literal";
        return -1;
    }
    size_t quote_len = (len - i >= 6 && text[i + 1] == text[i] && text[i + 2] == text[i]) ? 3 : 1;
    if (len < i + 2 * quote_len) {
        *errmsg = "invalid string literal";
        return -1;
    }
    const char *body = text + i + quote_len;
    size_t body_len = len - i - 2 * quote_len;
    if (bytes) {
        for (size_t k = 0; k < body_len; k++) {
            if ((unsigned char)body[k] >= 0x80) {
                *errmsg = "bytes can only contain ASCII literal characters";
                return -1;
            }
        }
        char *buf = ft_arena_alloc(arena, body_len + 1);
        if (buf == NULL) {
            *errmsg = NULL;
            return -1;
        }
        ptrdiff_t n;
        if (raw) {
            memcpy(buf, body, body_len);
            n = (ptrdiff_t)body_len;
        } else {
            n = decode_escapes(body, body_len, 1, buf, arena, errmsg);
            if (n < 0)
                return -1;
        }
        buf[n] = '\0';
        out->data = buf;
        out->len = (size_t)n;
        out->is_bytes = 1;
        out->has_u = 0;
        return 0;
    }
    if (ft_string_literal_decode_str(body, body_len, raw, arena, out, errmsg) < 0)
        return -1;
    out->has_u = has_u;
    return 0;
}

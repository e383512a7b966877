// compiler/source_decode.c: PEP 263 encoding detection and decoding of source bytes to UTF-8.
//
// Owns: the BOM and coding-cookie rules (CPython's Parser/tokenizer/helpers.c check_bom,
// check_coding_spec, get_normal_name for compile(); Lib/tokenize.py detect_encoding for the
// tokenize module), the small set of codecs ftpy decodes itself, UTF-8 validation and newline
// translation. Invariant: a successful ft_source_decode() yields valid UTF-8 with no NUL appended
// inside (NUL bytes of the source are kept: the tokenizer reports them). Concurrency: pure
// functions over caller memory, no shared state.
#include "compiler/source_decode.h"

#include <stdbool.h>  // bool
#include <stdint.h>   // uint16_t
#include <stdio.h>    // snprintf
#include <string.h>   // memcpy, memcmp, strcmp

#include <mimalloc.h> // mi_malloc, mi_free

#include "compiler/generated/codecs.gen.h" // FT_SOURCE_CODEC_ALIASES, single-byte tables

size_t
ft_source_utf8_char_len(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    if (c < 0x80)
        return 1;
    size_t n;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        n = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        n = 3;
        if (c == 0xE0)
            lo = 0xA0; // overlong
        else if (c == 0xED)
            hi = 0x9F; // surrogates
    } else if (c >= 0xF0 && c <= 0xF4) {
        n = 4;
        if (c == 0xF0)
            lo = 0x90; // overlong
        else if (c == 0xF4)
            hi = 0x8F; // beyond U+10FFFF
    } else {
        return 0;
    }
    if (len < 2 || s[1] < lo || s[1] > hi)
        return 0;
    for (size_t i = 2; i < n; i++) {
        if (i >= len || s[i] < 0x80 || s[i] > 0xBF)
            return 0;
    }
    return n;
}

size_t
ft_source_utf8_valid_prefix(const char *s, size_t len)
{
    size_t i = 0;
    while (i < len) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        size_t n = ft_source_utf8_char_len(s + i, len - i);
        if (n == 0)
            return i;
        i += n;
    }
    return len;
}

// The end (after its '\n', or len) of the line starting at pos.
static size_t
line_end(const char *s, size_t len, size_t pos)
{
    const char *nl = memchr(s + pos, '\n', len - pos);
    return nl != NULL ? (size_t)(nl - s) + 1 : len;
}

static bool
is_blank_or_comment_line(const char *s, size_t len)
{
    for (size_t i = 0; i < len; i++) {
        char c = s[i];
        if (c == '#' || c == '\n' || c == '\r')
            return true;
        if (c != ' ' && c != '\t' && c != '\f')
            return false;
    }
    return true;
}

static bool
is_cookie_name_char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
           c == '_' || c == '.';
}

// Finds a coding cookie in one line: ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+). Sets *name/*name_len
// and returns true when found.
static bool
find_cookie(const char *s, size_t len, const char **name, size_t *name_len)
{
    size_t i = 0;
    while (i < len && (s[i] == ' ' || s[i] == '\t' || s[i] == '\f'))
        i++;
    if (i >= len || s[i] != '#')
        return false;
    for (; i + 6 < len; i++) {
        if (s[i] == '\n' || s[i] == '\r')
            return false;
        if (memcmp(s + i, "coding", 6) != 0 || (s[i + 6] != ':' && s[i + 6] != '='))
            continue;
        size_t j = i + 7;
        while (j < len && (s[j] == ' ' || s[j] == '\t'))
            j++;
        size_t start = j;
        while (j < len && is_cookie_name_char(s[j]))
            j++;
        if (j > start) {
            *name = s + start;
            *name_len = j - start;
            return true;
        }
    }
    return false;
}

// CPython's get_normal_name(): the first 12 characters, lower-cased with '_' as '-', decide.
static void
normal_encoding_name(const char *name, size_t len, char *out, size_t out_size)
{
    char low[13];
    size_t n = len < 12 ? len : 12;
    for (size_t i = 0; i < n; i++) {
        char c = name[i];
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        low[i] = c == '_' ? '-' : c;
    }
    low[n] = '\0';
    if (strcmp(low, "utf-8") == 0 || strncmp(low, "utf-8-", 6) == 0) {
        snprintf(out, out_size, "utf-8");
        return;
    }
    static const char *const latin1[] = {"latin-1", "iso-8859-1", "iso-latin-1"};
    for (size_t k = 0; k < sizeof(latin1) / sizeof(latin1[0]); k++) {
        size_t m = strlen(latin1[k]);
        if (strcmp(low, latin1[k]) == 0 || (strncmp(low, latin1[k], m) == 0 && low[m] == '-')) {
            snprintf(out, out_size, "iso-8859-1");
            return;
        }
    }
    size_t copy = len < out_size - 1 ? len : out_size - 1;
    memcpy(out, name, copy);
    out[copy] = '\0';
}

typedef enum { CODEC_UNKNOWN, CODEC_UTF8, CODEC_LATIN1, CODEC_ASCII, CODEC_TABLE } Codec;

// Maps a (normalised) encoding name to a codec ftpy decodes, following Python's codec alias rules
// for the names it knows (case-insensitive, '-' and '_' and ' ' interchangeable).
static Codec
lookup_codec(const char *name, const uint16_t **table_out)
{
    char key[32];
    size_t n = 0;
    for (const char *p = name; *p != '\0' && n < sizeof(key) - 1; p++) {
        char c = *p;
        if (c >= 'A' && c <= 'Z')
            c = (char)(c - 'A' + 'a');
        if (c == '-' || c == ' ')
            c = '_';
        key[n++] = c;
    }
    key[n] = '\0';
    static const struct { const char *name; Codec codec; } table[] = {
        {"utf_8", CODEC_UTF8},      {"utf8", CODEC_UTF8},       {"u8", CODEC_UTF8},
        {"utf", CODEC_UTF8},        {"utf8_ucs2", CODEC_UTF8},  {"utf8_ucs4", CODEC_UTF8},
        {"cp65001", CODEC_UTF8},    {"latin_1", CODEC_LATIN1},  {"latin1", CODEC_LATIN1},
        {"latin", CODEC_LATIN1},    {"l1", CODEC_LATIN1},       {"iso_8859_1", CODEC_LATIN1},
        {"iso8859_1", CODEC_LATIN1}, {"8859", CODEC_LATIN1},    {"cp819", CODEC_LATIN1},
        {"iso_ir_100", CODEC_LATIN1}, {"ascii", CODEC_ASCII},   {"us_ascii", CODEC_ASCII},
        {"646", CODEC_ASCII},       {"us", CODEC_ASCII},        {"iso646_us", CODEC_ASCII},
    };
    for (size_t i = 0; i < sizeof(table) / sizeof(table[0]); i++) {
        if (strcmp(key, table[i].name) == 0)
            return table[i].codec;
    }
    static const struct { const char *name; const uint16_t *table; } single_byte[] = {
#define FT_SOURCE_CODEC_ALIAS_ITEM(alias, codec_table) {alias, codec_table},
        FT_SOURCE_CODEC_ALIASES(FT_SOURCE_CODEC_ALIAS_ITEM)
#undef FT_SOURCE_CODEC_ALIAS_ITEM
    };
    for (size_t i = 0; i < sizeof(single_byte) / sizeof(single_byte[0]); i++) {
        if (strcmp(key, single_byte[i].name) == 0) {
            *table_out = single_byte[i].table;
            return CODEC_TABLE;
        }
    }
    return CODEC_UNKNOWN;
}

static int
memory_error(FtSyntaxError *err)
{
    ft_syntax_error_set(err, FT_SYNTAX_MEMORY_ERROR, 0, 0, 0, 0, NULL, "out of memory");
    return -1;
}

// Length of the maximal invalid UTF-8 subpart at s[0] (at least 1): what Python's decoder replaces
// with one U+FFFD under errors="replace".
static size_t
utf8_invalid_len(const char *str, size_t len)
{
    const unsigned char *s = (const unsigned char *)str;
    unsigned char c = s[0];
    size_t need;
    unsigned char lo = 0x80, hi = 0xBF;
    if (c >= 0xC2 && c <= 0xDF) {
        need = 2;
    } else if (c >= 0xE0 && c <= 0xEF) {
        need = 3;
        lo = c == 0xE0 ? 0xA0 : 0x80;
        hi = c == 0xED ? 0x9F : 0xBF;
    } else if (c >= 0xF0 && c <= 0xF4) {
        need = 4;
        lo = c == 0xF0 ? 0x90 : 0x80;
        hi = c == 0xF4 ? 0x8F : 0xBF;
    } else {
        return 1;
    }
    size_t n = 1;
    while (n < need && n < len) {
        unsigned char d = s[n];
        if (n == 1 ? (d < lo || d > hi) : (d < 0x80 || d > 0xBF))
            break;
        n++;
    }
    return n;
}

// Copies s[0..len) to a fresh buffer, converting from Latin-1 when latin1 is set, replacing
// invalid UTF-8 with U+FFFD when replace is set, translating newlines unless keep_newlines.
static char *
copy_text(const char *s, size_t len, bool latin1, const uint16_t *table, bool replace,
          bool keep_newlines, size_t *out_len)
{
    size_t cap = (latin1 || replace || table != NULL ? 3 * len : len) + 1;
    if (cap < len) // overflow
        return NULL;
    char *out = mi_malloc(cap);
    if (out == NULL)
        return NULL;
    size_t o = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == '\r' && !keep_newlines) {
            out[o++] = '\n';
            if (i + 1 < len && s[i + 1] == '\n')
                i++;
        } else if (c < 0x80) {
            out[o++] = (char)c;
        } else if (latin1) {
            out[o++] = (char)(0xC0 | (c >> 6));
            out[o++] = (char)(0x80 | (c & 0x3F));
        } else if (table != NULL) {
            unsigned cp = table[c - 0x80];
            if (cp == 0xFFFF)
                cp = 0xFFFD; // undefined byte; checked before for compile()
            if (cp < 0x800) {
                out[o++] = (char)(0xC0 | (cp >> 6));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            } else {
                out[o++] = (char)(0xE0 | (cp >> 12));
                out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
                out[o++] = (char)(0x80 | (cp & 0x3F));
            }
        } else {
            size_t n = ft_source_utf8_char_len(s + i, len - i);
            if (n == 0 && replace) {
                memcpy(out + o, "\xEF\xBF\xBD", 3);
                o += 3;
                i += utf8_invalid_len(s + i, len - i) - 1;
            } else {
                if (n == 0)
                    n = 1;
                memcpy(out + o, s + i, n);
                o += n;
                i += n - 1;
            }
        }
    }
    out[o] = '\0';
    *out_len = o;
    return out;
}

// Reports bytes that are not UTF-8 at offset bad of s, the way compile() does.
static int
non_utf8_error(const char *s, size_t len, size_t bad, FtSyntaxError *err)
{
    int lineno = 1;
    size_t line_start = 0;
    for (size_t i = 0; i < bad; i++) {
        if (s[i] == '\n') {
            lineno++;
            line_start = i + 1;
        }
    }
    size_t end = line_end(s, len, line_start);
    size_t text_end = end;
    while (text_end > line_start && (s[text_end - 1] == '\n' || s[text_end - 1] == '\r'))
        text_end--;
    // The text attribute is the line decoded with errors="replace".
    size_t cap = 3 * (text_end - line_start) + 1;
    char *text = mi_malloc(cap);
    if (text == NULL)
        return memory_error(err);
    size_t o = 0;
    int col = 0;
    for (size_t i = line_start; i < text_end;) {
        size_t n = ft_source_utf8_char_len(s + i, text_end - i);
        if (i < bad)
            col++;
        if (n == 0) {
            memcpy(text + o, "\xEF\xBF\xBD", 3);
            o += 3;
            i++;
        } else {
            memcpy(text + o, s + i, n);
            o += n;
            i += n;
        }
    }
    text[o] = '\0';
    ft_syntax_error_set(err, FT_SYNTAX_ERROR, lineno, col + 1, lineno, col + 1, text,
                        "Non-UTF-8 code starting with '\\x%02x' on line %d, but no encoding declared; "
                        "see https://peps.python.org/pep-0263/ for details",
                        (unsigned char)s[bad], lineno);
    mi_free(text);
    return -1;
}

// Resolves a cookie name to a codec and the name tokenize reports; false (with err set) when unknown
// or when it contradicts a BOM.
static bool
resolve_cookie(const char *name, size_t name_len, bool bom, bool tokenize, int lineno,
               const char *line, size_t line_len, Codec *codec, const uint16_t **table,
               char *normal, size_t normal_size, FtSyntaxError *err)
{
    normal_encoding_name(name, name_len, normal, normal_size);
    *codec = lookup_codec(normal, table);
    if (*codec == CODEC_UNKNOWN) {
        ft_syntax_error_set(err, FT_SYNTAX_ERROR, 0, tokenize ? 0 : -1, 0, 0, NULL,
                            "unknown encoding: %s", normal);
        return false;
    }
    if (bom && strcmp(normal, "utf-8") != 0) {
        if (tokenize) {
            ft_syntax_error_set(err, FT_SYNTAX_ERROR, 0, 0, 0, 0, NULL, "encoding problem: utf-8");
        } else {
            while (line_len > 0 && (line[line_len - 1] == '\n' || line[line_len - 1] == '\r'))
                line_len--;
            ft_syntax_error_set_n(err, FT_SYNTAX_ERROR, lineno, 0, lineno, (int)line_len, line,
                                  line_len, "encoding problem: %s with BOM", normal);
        }
        return false;
    }
    return true;
}

// tokenize.detect_encoding(): the cookie decides first, then the examined lines are checked for
// NUL bytes and for decoding with the chosen codec.
static bool
detect_tokenize(const char *s, size_t len, bool bom, Codec *codec, const uint16_t **table,
                char *normal, size_t normal_size, FtSyntaxError *err)
{
    size_t end1 = line_end(s, len, 0);
    size_t checked = end1;
    const char *name;
    size_t name_len;
    if (len == 0)
        return true;
    if (find_cookie(s, end1, &name, &name_len)) {
        if (!resolve_cookie(name, name_len, bom, true, 1, s, end1, codec, table, normal,
                            normal_size, err))
            return false;
    } else if (is_blank_or_comment_line(s, end1) && end1 < len) {
        size_t end2 = line_end(s, len, end1);
        checked = end2;
        if (find_cookie(s + end1, end2 - end1, &name, &name_len) &&
            !resolve_cookie(name, name_len, bom, true, 2, s + end1, end2 - end1, codec, table,
                            normal, normal_size, err))
            return false;
    }
    if (memchr(s, '\0', checked) != NULL) {
        ft_syntax_error_set(err, FT_SYNTAX_ERROR, 0, 0, 0, 0, NULL,
                            "source code cannot contain null bytes");
        return false;
    }
    bool valid = true;
    if (*codec == CODEC_TABLE)
        for (size_t i = 0; i < checked; i++)
            valid = valid && ((unsigned char)s[i] < 0x80 || (*table)[(unsigned char)s[i] - 0x80] != 0xFFFF);
    else if (*codec == CODEC_UTF8)
        valid = ft_source_utf8_valid_prefix(s, checked) == checked;
    else if (*codec == CODEC_ASCII)
        for (size_t i = 0; i < checked; i++)
            valid = valid && (unsigned char)s[i] < 0x80;
    if (!valid) {
        ft_syntax_error_set(err, FT_SYNTAX_ERROR, 0, 0, 0, 0, NULL,
                            "invalid or missing encoding declaration");
        return false;
    }
    return true;
}

int
ft_source_decode(const char *bytes, size_t len, int flags, FtDecodedSource *out, FtSyntaxError *err)
{
    bool tokenize = (flags & FT_SOURCE_DECODE_TOKENIZE) != 0;
    out->utf8 = NULL;
    out->len = 0;
    snprintf(out->encoding, sizeof(out->encoding), "utf-8");
    const char *s = bytes;
    bool bom = false;
    Codec codec = CODEC_UTF8;
    const uint16_t *table = NULL;
    if (!(flags & FT_SOURCE_DECODE_STRING_INPUT)) {
        if (len >= 3 && memcmp(s, "\xEF\xBB\xBF", 3) == 0) {
            bom = true;
            s += 3;
            len -= 3;
        }
        char normal[32] = "utf-8";
        if (tokenize) {
            if (!detect_tokenize(s, len, bom, &codec, &table, normal, sizeof(normal), err))
                return -1;
        } else {
            // Line 1, then line 2 if line 1 is blank or only a comment; compile() only inspects
            // newline-terminated lines.
            size_t pos = 0;
            for (int line = 1; line <= 2 && pos < len; line++) {
                size_t end = line_end(s, len, pos);
                if (s[end - 1] != '\n')
                    break;
                const char *name;
                size_t name_len;
                if (find_cookie(s + pos, end - pos, &name, &name_len)) {
                    if (!resolve_cookie(name, name_len, bom, false, line, s + pos, end - pos,
                                        &codec, &table, normal, sizeof(normal), err))
                        return -1;
                    break;
                }
                if (!is_blank_or_comment_line(s + pos, end - pos))
                    break;
                pos = end;
            }
        }
        snprintf(out->encoding, sizeof(out->encoding), "%s", normal);
        if (bom)
            snprintf(out->encoding, sizeof(out->encoding), "utf-8-sig");
    }
    if (codec == CODEC_ASCII || codec == CODEC_UTF8) {
        size_t valid = ft_source_utf8_valid_prefix(s, len);
        if (codec == CODEC_ASCII) {
            for (size_t i = 0; i < valid; i++) {
                if ((unsigned char)s[i] >= 0x80) {
                    valid = i;
                    break;
                }
            }
        }
        if (valid != len) {
            if (codec == CODEC_ASCII) {
                ft_syntax_error_set(err, FT_SYNTAX_ERROR, 0, 0, 0, 0, NULL,
                                    "(unicode error) 'ascii' codec can't decode byte 0x%02x in "
                                    "position %zu: ordinal not in range(128)",
                                    (unsigned char)s[valid], valid);
                return -1;
            }
            if (!tokenize)
                return non_utf8_error(s, len, valid, err);
            // The tokenize module decodes the lines after the cookie with errors="replace".
        }
    }
    if (codec == CODEC_TABLE && !tokenize) {
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)s[i];
            if (c >= 0x80 && table[c - 0x80] == 0xFFFF) {
                ft_syntax_error_set(err, FT_SYNTAX_ERROR, 0, 0, 0, 0, NULL,
                                    "(unicode error) 'charmap' codec can't decode byte 0x%02x in "
                                    "position %zu: character maps to <undefined>", c, i);
                return -1;
            }
        }
    }
    out->utf8 = copy_text(s, len, codec == CODEC_LATIN1, table, tokenize, tokenize, &out->len);
    if (out->utf8 == NULL)
        return memory_error(err);
    return 0;
}

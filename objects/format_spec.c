// objects/format_spec.c: the format-spec mini-language parser and the number layout shared by the
// int, float and str formatters, plus FtNumError and the repr of a string used in messages.
//
// Owns: ft_format_spec_parse (CPython 3.14's parse_internal_render_format_spec, same order of
// fields and the same error texts), ft_format_layout_number (sign, prefix, zero padding, digit
// grouping with the minimum width rule of CPython's thousands-grouping, fill and alignment).
// Invariant: a layout is exactly as wide as max(width, natural length), counted in code points.
// Concurrency: pure functions on caller-owned buffers; no shared state, any thread.
#include "objects/format_spec.h"

#include <mimalloc.h>   // mi_malloc mi_free
#include <stdarg.h>     // va_list
#include <stdbool.h>    // bool
#include <stdio.h>      // vsnprintf snprintf
#include <string.h>     // memchr memcpy strlen strnlen

#include "objects/unicode_db.h"   // ft_unicode_is_printable

enum { DIGIT_GROUP = 3, BIN_HEX_GROUP = 4 };

// The largest zero-padded width laid out with digit grouping (1 GiB of output).
#define GROUPED_ZERO_PAD_MAX ((int64_t)1 << 30)

int
ft_num_error_set(FtNumError *err, FtNumErrorKind kind, const char *fmt, ...)
{
    if (!err)
        return -1;
    err->kind = kind;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
    // A cut in the middle of a UTF-8 sequence would leave invalid text: drop the partial tail.
    size_t n = strlen(err->message);
    if (n == sizeof err->message - 1) {
        size_t start = n;
        while (start > 0 && ((unsigned char)err->message[start - 1] & 0xC0) == 0x80)
            start--;
        if (start > 0 && ((unsigned char)err->message[start - 1] & 0x80))
            err->message[start - 1] = '\0';
    }
    return -1;
}

// Decodes one UTF-8 code point at s[*i] (len bounds), advancing *i; invalid bytes decode as
// themselves (the inputs here come from valid Python str objects).
static uint32_t
utf8_next(const char *s, size_t len, size_t *i)
{
    unsigned char c = (unsigned char)s[*i];
    size_t need = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (need && *i + need >= len) {
        (*i)++;
        return c;
    }
    uint32_t cp = need == 0 ? c : need == 1 ? (c & 0x1Fu) : need == 2 ? (c & 0x0Fu) : (c & 0x07u);
    for (size_t k = 1; k <= need; k++)
        cp = (cp << 6) | ((unsigned char)s[*i + k] & 0x3Fu);
    *i += need + 1;
    return cp;
}

size_t
ft_format_put_utf8(char *out, uint32_t cp)
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

// Appends the UTF-8 piece[0..n) to buf one code point at a time, stopping when the repr reaches
// max_chars code points (if >= 0; %.NR cuts the repr itself, even inside an escape) or the buffer
// is full. Returns 0 once nothing more may be written.
static int
repr_append(char *buf, size_t size, size_t *used, int64_t *chars, int64_t max_chars,
            const char *piece, size_t n)
{
    for (size_t b = 0; b < n;) {
        unsigned char lead = (unsigned char)piece[b];
        size_t cp_len = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
        if ((max_chars >= 0 && *chars >= max_chars) || *used + cp_len >= size)
            return 0;
        memcpy(buf + *used, piece + b, cp_len);
        *used += cp_len;
        b += cp_len;
        (*chars)++;
    }
    return 1;
}

void
ft_format_repr_string(char *buf, size_t size, const char *s, size_t len, int64_t max_chars)
{
    if (size == 0)
        return;
    // Python picks single quotes unless the text has a single quote and no double quote.
    bool has_single = memchr(s, '\'', len) != NULL;
    bool has_double = memchr(s, '"', len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    size_t used = strnlen(buf, size - 1);
    int64_t chars = 0;
    if (!repr_append(buf, size, &used, &chars, max_chars, &quote, 1))
        goto done;
    for (size_t i = 0; i < len;) {
        char piece[16];
        size_t n;
        uint32_t cp = utf8_next(s, len, &i);
        if (cp == (uint32_t)quote || cp == '\\') {
            piece[0] = '\\';
            piece[1] = (char)cp;
            n = 2;
        } else if (cp == '\n' || cp == '\r' || cp == '\t') {
            piece[0] = '\\';
            piece[1] = cp == '\n' ? 'n' : cp == '\r' ? 'r' : 't';
            n = 2;
        } else if (cp < 0x20 || cp == 0x7F) {
            n = (size_t)snprintf(piece, sizeof piece, "\\x%02x", (unsigned)cp);
        } else if (cp >= 0x80 && !ft_unicode_is_printable(cp)) {
            if (cp < 0x100)
                n = (size_t)snprintf(piece, sizeof piece, "\\x%02x", (unsigned)cp);
            else if (cp < 0x10000)
                n = (size_t)snprintf(piece, sizeof piece, "\\u%04x", (unsigned)cp);
            else
                n = (size_t)snprintf(piece, sizeof piece, "\\U%08x", (unsigned)cp);
        } else {
            n = ft_format_put_utf8(piece, cp);
        }
        if (!repr_append(buf, size, &used, &chars, max_chars, piece, n))
            goto done;
    }
    repr_append(buf, size, &used, &chars, max_chars, &quote, 1);
done:
    buf[used] = '\0';
}

// Reads ASCII decimal digits at spec[*pos]; returns the count read (0 if none) or -1 on overflow.
static int
read_integer(const uint32_t *cps, size_t n, size_t *pos, int64_t *value)
{
    int64_t acc = 0;
    int count = 0;
    while (*pos < n && cps[*pos] >= '0' && cps[*pos] <= '9') {
        int64_t d = (int64_t)(cps[*pos] - '0');
        if (acc > (INT64_MAX - d) / 10)
            return -1;
        acc = acc * 10 + d;
        (*pos)++;
        count++;
    }
    *value = acc;
    return count;
}

static int
is_align(uint32_t c)
{
    return c == '<' || c == '>' || c == '=' || c == '^';
}

static int
comma_type_error(FtNumError *err, char grouping, uint32_t type)
{
    if (type > 32 && type < 127)
        return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "Cannot specify '%c' with '%c'.", grouping,
                                (char)type);
    return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "Cannot specify '%c' with '\\x%x'.", grouping,
                            (unsigned)type);
}

static int
both_error(FtNumError *err)
{
    return ft_num_error_set(err, FT_NUM_ERROR_VALUE, "Cannot specify both ',' and '_'.");
}

int
ft_format_spec_parse(const char *spec, size_t len, const char *type_name, uint32_t default_type,
                     FtFormatSpec *out, FtNumError *err)
{
    uint32_t *cps = mi_malloc((len + 1) * sizeof *cps);
    if (!cps)
        return ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
    size_t n = 0;
    for (size_t i = 0; i < len;)
        cps[n++] = utf8_next(spec, len, &i);

    *out = (FtFormatSpec){.fill = ' ', .width = -1, .precision = -1, .type = default_type};
    int result = -1;
    size_t pos = 0;
    int align_specified = 0;
    if (n - pos >= 2 && is_align(cps[pos + 1])) {
        out->align = (char)cps[pos + 1];
        out->fill = cps[pos];
        out->fill_specified = 1;
        align_specified = 1;
        pos += 2;
    } else if (n - pos >= 1 && is_align(cps[pos])) {
        out->align = (char)cps[pos];
        align_specified = 1;
        pos++;
    }
    if (pos < n && (cps[pos] == '+' || cps[pos] == '-' || cps[pos] == ' '))
        out->sign = (char)cps[pos++];
    if (pos < n && cps[pos] == 'z') {
        out->no_neg_zero = 1;
        pos++;
    }
    if (pos < n && cps[pos] == '#') {
        out->alternate = 1;
        pos++;
    }
    if (!out->fill_specified && pos < n && cps[pos] == '0') {
        out->fill = '0';
        if (!align_specified)
            out->align = '=';
        pos++;
    }
    int consumed = read_integer(cps, n, &pos, &out->width);
    if (consumed < 0) {
        ft_num_error_set(err, FT_NUM_ERROR_VALUE, "Too many decimal digits in format string");
        goto done;
    }
    if (consumed == 0)
        out->width = -1;
    if (pos < n && cps[pos] == ',') {
        out->grouping = ',';
        pos++;
    }
    if (pos < n && cps[pos] == '_') {
        if (out->grouping) {
            both_error(err);
            goto done;
        }
        out->grouping = '_';
        pos++;
    }
    if (pos < n && cps[pos] == ',' && out->grouping == '_') {
        both_error(err);
        goto done;
    }
    if (pos < n && cps[pos] == '.') {
        pos++;
        consumed = read_integer(cps, n, &pos, &out->precision);
        if (consumed < 0) {
            ft_num_error_set(err, FT_NUM_ERROR_VALUE, "Too many decimal digits in format string");
            goto done;
        }
        if (consumed == 0)
            out->precision = -1;
        if (pos < n && cps[pos] == ',') {
            out->frac_grouping = ',';
            pos++;
        }
        if (pos < n && cps[pos] == '_') {
            if (out->frac_grouping) {
                both_error(err);
                goto done;
            }
            out->frac_grouping = '_';
            pos++;
        }
        if (pos < n && cps[pos] == ',' && out->frac_grouping == '_') {
            both_error(err);
            goto done;
        }
        if (consumed == 0 && !out->frac_grouping) {
            ft_num_error_set(err, FT_NUM_ERROR_VALUE, "Format specifier missing precision");
            goto done;
        }
    }
    if (n - pos > 1) {
        ft_num_error_set(err, FT_NUM_ERROR_VALUE,
                         "Invalid format specifier '%.*s' for object of type '%s'", (int)len, spec,
                         type_name);
        goto done;
    }
    if (n - pos == 1)
        out->type = cps[pos++];

    if (out->grouping) {
        switch (out->type) {
        case 'd': case 'e': case 'f': case 'g': case 'E': case 'G': case '%': case 'F': case 0:
            break;
        case 'b': case 'o': case 'x': case 'X':
            if (out->grouping == '_')
                break;
            comma_type_error(err, out->grouping, out->type);
            goto done;
        default:
            comma_type_error(err, out->grouping, out->type);
            goto done;
        }
    }
    result = 0;
done:
    mi_free(cps);
    return result;
}

// Writes the integer digits grouped right to left into out (which must have room), padding with
// zeros up to min_width characters; returns the length. With out NULL only measures.
static size_t
group_digits(char *out, const char *digits, size_t n, int64_t min_width, char sep, int group)
{
    // Built backwards into the end of a scratch walk: first measure, then fill from the right.
    size_t total = 0;
    for (int pass = 0; pass < 2; pass++) {
        if (pass == 1 && !out)
            break;
        int64_t remaining = (int64_t)n;
        int64_t min_w = min_width;
        size_t w = total;   // pass 1 writes from the right end
        int use_sep = 0;
        size_t count = 0;
        for (;;) {
            int64_t l = remaining > min_w ? remaining : min_w;
            if (l < 1)
                l = 1;
            if (l > group)
                l = group;
            int64_t n_zeros = l - remaining > 0 ? l - remaining : 0;
            int64_t n_chars = remaining < l ? remaining : l;
            if (n_chars < 0)
                n_chars = 0;
            if (use_sep) {
                count++;
                if (pass == 1)
                    out[--w] = sep;
            }
            for (int64_t k = 0; k < n_chars; k++) {
                count++;
                if (pass == 1)
                    out[--w] = digits[remaining - 1 - k];
            }
            for (int64_t k = 0; k < n_zeros; k++) {
                count++;
                if (pass == 1)
                    out[--w] = '0';
            }
            use_sep = 1;
            remaining -= n_chars;
            min_w -= l;
            if (remaining <= 0 && min_w <= 0)
                break;
            min_w -= 1;
        }
        total = count;
    }
    return total;
}

char *
ft_format_layout_number(const FtFormatSpec *spec, char sign_char, const char *prefix,
                        const char *digits, size_t n_int, const char *rest, size_t n_rest,
                        char default_align, size_t *out_len, FtNumError *err)
{
    char align = spec->align ? spec->align : default_align;
    char sign = '\0';
    if (spec->sign == '+')
        sign = sign_char == '-' ? '-' : '+';
    else if (spec->sign == ' ')
        sign = sign_char == '-' ? '-' : ' ';
    else if (sign_char == '-')
        sign = '-';
    size_t n_sign = sign ? 1 : 0;
    size_t n_prefix = strlen(prefix);

    // The fractional digits right after a leading '.' are grouped left to right in threes.
    size_t n_frac = 0;
    if (spec->frac_grouping && n_rest > 0 && rest[0] == '.')
        while (1 + n_frac < n_rest && rest[1 + n_frac] >= '0' && rest[1 + n_frac] <= '9')
            n_frac++;
    size_t n_frac_seps = n_frac > 0 ? (n_frac - 1) / DIGIT_GROUP : 0;
    size_t n_rest_out = n_rest + n_frac_seps;   // bytes
    // Widths count code points: rest may hold one non-ASCII character ('c' of an int).
    size_t n_rest_chars = n_rest_out;
    for (size_t i = 0; i < n_rest; i++)
        n_rest_chars -= ((unsigned char)rest[i] & 0xC0) == 0x80;

    int group = DIGIT_GROUP;
    if (spec->grouping == '_' &&
        (spec->type == 'b' || spec->type == 'o' || spec->type == 'x' || spec->type == 'X'))
        group = BIN_HEX_GROUP;
    int64_t non_digits = (int64_t)(n_sign + n_prefix + n_rest_chars);
    int zero_pad = spec->fill == '0' && align == '=';
    int64_t min_width = zero_pad ? spec->width - non_digits : 0;
    if (spec->grouping && min_width > GROUPED_ZERO_PAD_MAX) {
        // Grouping walks the padding group by group; a width this large is refused as an
        // allocation failure rather than spending seconds on it (CPython tries, then runs out).
        ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
        return NULL;
    }
    size_t n_digits_out;
    if (n_int == 0)
        n_digits_out = 0;
    else if (spec->grouping)
        n_digits_out = group_digits(NULL, digits, n_int, min_width, spec->grouping, group);
    else
        n_digits_out = n_int > (size_t)(min_width > 0 ? min_width : 0) ? n_int : (size_t)min_width;

    int64_t natural = non_digits + (int64_t)n_digits_out;
    int64_t padding = spec->width > natural ? spec->width - natural : 0;
    int64_t lpad = 0, rpad = 0, spad = 0;
    if (align == '<')
        rpad = padding;
    else if (align == '^') {
        lpad = padding / 2;
        rpad = padding - lpad;
    } else if (align == '=')
        spad = padding;
    else
        lpad = padding;

    char fill_utf8[4];
    size_t fill_len = ft_format_put_utf8(fill_utf8, spec->fill);
    if (padding > (int64_t)(SIZE_MAX / 8) - natural) {
        // No allocation this large can succeed, and the byte count must not wrap.
        ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
        return NULL;
    }
    size_t size = (size_t)(lpad + rpad + spad) * fill_len + n_sign + n_prefix + n_digits_out +
                  n_rest_out + 1;
    char *out = mi_malloc(size);
    if (!out) {
        ft_num_error_set(err, FT_NUM_ERROR_MEMORY, "%s", "");
        return NULL;
    }
    char *p = out;
    for (int64_t k = 0; k < lpad; k++, p += fill_len)
        memcpy(p, fill_utf8, fill_len);
    if (sign)
        *p++ = sign;
    memcpy(p, prefix, n_prefix);
    p += n_prefix;
    for (int64_t k = 0; k < spad; k++, p += fill_len)
        memcpy(p, fill_utf8, fill_len);
    if (n_int > 0 && spec->grouping) {
        group_digits(p, digits, n_int, min_width, spec->grouping, group);
    } else if (n_int > 0) {
        size_t zeros = n_digits_out - n_int;
        memset(p, '0', zeros);
        memcpy(p + zeros, digits, n_int);
    }
    p += n_digits_out;
    if (n_frac > 0) {
        *p++ = '.';
        for (size_t k = 0; k < n_frac; k++) {
            if (k > 0 && k % DIGIT_GROUP == 0)
                *p++ = spec->frac_grouping;
            *p++ = rest[1 + k];
        }
        memcpy(p, rest + 1 + n_frac, n_rest - 1 - n_frac);
        p += n_rest - 1 - n_frac;
    } else {
        memcpy(p, rest, n_rest);
        p += n_rest;
    }
    for (int64_t k = 0; k < rpad; k++, p += fill_len)
        memcpy(p, fill_utf8, fill_len);
    *p = '\0';
    if (out_len)
        *out_len = (size_t)(p - out);
    return out;
}

void
ft_format_free(char *s)
{
    mi_free(s);
}

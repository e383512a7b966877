// compiler/ast_repr.c: Python repr() of AST constants, the dump buffer, sequences and constants.
//
// Owns: the text CPython 3.14 would print for each constant kind inside ast.dump(): str (quote
// choice, escapes, Unicode printable test from a table generated from the oracle), bytes, float
// (shortest round-trip digits), complex (imaginary literals), int (arbitrary precision, converted
// to decimal once at parse time), and the singletons.
// Invariant: every function here is a pure function of its arguments; the only state is the
// caller's buffer. Concurrency: no shared mutable state; safe from any thread.
// References: CPython Objects/unicodeobject.c (unicode_repr), Objects/bytesobject.c (bytes repr),
// Python/pystrtod.c (float repr: format code 'r'), Objects/complexobject.c (complex repr).
#include "compiler/ast.h"                          // FtAstBuf, FtAstConstant

#include <math.h>                                  // isinf, isnan
#include <mimalloc.h>                              // mi_realloc, mi_free
#include <stdint.h>                                // uint32_t
#include <stdio.h>                                 // snprintf, vsnprintf
#include <stdlib.h>                                // strtod
#include <string.h>                                // memcpy, memchr

#include "objects/unicode_db.h"                    // ft_unicode_is_printable

int
ft_ast_buf_append(FtAstBuf *buf, const char *text, size_t len)
{
    if (buf->len + len + 1 > buf->cap) {
        size_t cap = buf->cap ? buf->cap : 256;
        while (cap < buf->len + len + 1)
            cap *= 2;
        char *data = mi_realloc(buf->data, cap);
        if (data == NULL)
            return -1;
        buf->data = data;
        buf->cap = cap;
    }
    memcpy(buf->data + buf->len, text, len);
    buf->len += len;
    buf->data[buf->len] = '\0';
    return 0;
}

int
ft_ast_buf_printf(FtAstBuf *buf, const char *fmt, ...)
{
    char small[128];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return -1;
    if ((size_t)n < sizeof small)
        return ft_ast_buf_append(buf, small, (size_t)n);
    char *big = mi_malloc((size_t)n + 1);
    if (big == NULL)
        return -1;
    va_start(ap, fmt);
    vsnprintf(big, (size_t)n + 1, fmt, ap);
    va_end(ap);
    int rc = ft_ast_buf_append(buf, big, (size_t)n);
    mi_free(big);
    return rc;
}

void
ft_ast_buf_free(FtAstBuf *buf)
{
    mi_free(buf->data);
    buf->data = NULL;
    buf->len = buf->cap = 0;
    buf->depth = buf->too_deep = 0;
}

const char *
ft_ast_dump_error(const FtAstBuf *buf, char *out, size_t size)
{
    snprintf(out, size, "Stack overflow (used %zu kB) during compilation",
             (size_t)(buf->stack_used / 1024));
    return out;
}

FtAstSeq *
ft_ast_seq_new(ptrdiff_t size, FtArena *arena)
{
    FtAstSeq *seq = ft_arena_alloc(arena, sizeof(FtAstSeq) + (size_t)size * sizeof(void *));
    if (seq == NULL)
        return NULL;
    seq->size = size;
    for (ptrdiff_t i = 0; i < size; i++)
        seq->items[i] = NULL;
    return seq;
}

FtAstConstant *
ft_ast_constant_new(FtAstConstantKind kind, double number, const char *data, size_t len,
                    FtArena *arena)
{
    FtAstConstant *c = ft_arena_alloc(arena, sizeof(FtAstConstant));
    if (c == NULL)
        return NULL;
    c->kind = kind;
    c->number = number;
    c->data = NULL;
    c->len = len;
    if (data != NULL) {
        char *copy = ft_arena_alloc(arena, len + 1);
        if (copy == NULL)
            return NULL;
        memcpy(copy, data, len);
        copy[len] = '\0';
        c->data = copy;
    }
    return c;
}

// Decodes one code point (accepting the 3-byte form of surrogates). Returns its length in bytes;
// an invalid byte decodes as itself (length 1), which cannot happen for text the parser built.
static size_t
utf8_decode(const unsigned char *s, size_t avail, uint32_t *cp)
{
    unsigned char c = s[0];
    if (c < 0x80) {
        *cp = c;
        return 1;
    }
    size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
    if (n == 1 || n > avail) {
        *cp = c;
        return 1;
    }
    uint32_t v = c & (0x7F >> n);
    for (size_t i = 1; i < n; i++)
        v = (v << 6) | (s[i] & 0x3F);
    *cp = v;
    return n;
}

static int
quote_for(const char *data, size_t len)
{
    return memchr(data, '\'', len) != NULL && memchr(data, '"', len) == NULL ? '"' : '\'';
}

int
ft_ast_repr_str(FtAstBuf *buf, const char *utf8, size_t len)
{
    const unsigned char *s = (const unsigned char *)utf8;
    char quote = (char)quote_for(utf8, len);
    if (ft_ast_buf_append(buf, &quote, 1) < 0)
        return -1;
    size_t i = 0;
    while (i < len) {
        uint32_t cp;
        size_t n = utf8_decode(s + i, len - i, &cp);
        char esc[16];
        int rc;
        if (cp == (uint32_t)quote || cp == '\\') {
            esc[0] = '\\';
            esc[1] = (char)cp;
            rc = ft_ast_buf_append(buf, esc, 2);
        } else if (cp == '\t') {
            rc = ft_ast_buf_append(buf, "\\t", 2);
        } else if (cp == '\n') {
            rc = ft_ast_buf_append(buf, "\\n", 2);
        } else if (cp == '\r') {
            rc = ft_ast_buf_append(buf, "\\r", 2);
        } else if (ft_unicode_is_printable(cp)) {
            rc = ft_ast_buf_append(buf, utf8 + i, n);
        } else if (cp < 0x100) {
            rc = ft_ast_buf_printf(buf, "\\x%02x", (unsigned)cp);
        } else if (cp < 0x10000) {
            rc = ft_ast_buf_printf(buf, "\\u%04x", (unsigned)cp);
        } else {
            rc = ft_ast_buf_printf(buf, "\\U%08x", (unsigned)cp);
        }
        if (rc < 0)
            return -1;
        i += n;
    }
    return ft_ast_buf_append(buf, &quote, 1);
}

int
ft_ast_repr_bytes(FtAstBuf *buf, const char *data, size_t len)
{
    char quote = (char)quote_for(data, len);
    char head[2] = {'b', quote};
    if (ft_ast_buf_append(buf, head, 2) < 0)
        return -1;
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)data[i];
        int rc;
        if (c == (unsigned char)quote || c == '\\') {
            char esc[2] = {'\\', (char)c};
            rc = ft_ast_buf_append(buf, esc, 2);
        } else if (c == '\t') {
            rc = ft_ast_buf_append(buf, "\\t", 2);
        } else if (c == '\n') {
            rc = ft_ast_buf_append(buf, "\\n", 2);
        } else if (c == '\r') {
            rc = ft_ast_buf_append(buf, "\\r", 2);
        } else if (c < 0x20 || c >= 0x7f) {
            rc = ft_ast_buf_printf(buf, "\\x%02x", c);
        } else {
            rc = ft_ast_buf_append(buf, (const char *)&c, 1);
        }
        if (rc < 0)
            return -1;
    }
    return ft_ast_buf_append(buf, &quote, 1);
}

// Formats value as CPython's repr (format code 'r'); add_dot_0 appends ".0" to integral values in
// fixed notation (float repr does, the parts of a complex repr do not).
static int
repr_double(FtAstBuf *buf, double value, int add_dot_0)
{
    if (isnan(value))
        return ft_ast_buf_append(buf, "nan", 3);
    if (isinf(value))
        return value > 0 ? ft_ast_buf_append(buf, "inf", 3) : ft_ast_buf_append(buf, "-inf", 4);
    char text[64];
    for (int prec = 1; prec <= 17; prec++) {
        snprintf(text, sizeof text, "%.*e", prec - 1, value);
        if (strtod(text, NULL) == value)
            break;
    }
    // text is [-]D[.DDD]e[+-]XX: collect the digits and the decimal exponent.
    const char *p = text;
    int negative = 0;
    if (*p == '-') {
        negative = 1;
        p++;
    }
    char digits[32];
    int ndigits = 0;
    for (; *p && *p != 'e'; p++)
        if (*p >= '0' && *p <= '9')
            digits[ndigits++] = *p;
    int exp10 = atoi(p + 1);
    while (ndigits > 1 && digits[ndigits - 1] == '0')
        ndigits--;
    char out[64];
    int n = 0;
    if (negative)
        out[n++] = '-';
    if (exp10 < -4 || exp10 >= 16) {
        out[n++] = digits[0];
        if (ndigits > 1) {
            out[n++] = '.';
            for (int i = 1; i < ndigits; i++)
                out[n++] = digits[i];
        }
        n += snprintf(out + n, sizeof out - (size_t)n, "e%c%02d", exp10 < 0 ? '-' : '+',
                      exp10 < 0 ? -exp10 : exp10);
    } else if (exp10 < 0) {
        out[n++] = '0';
        out[n++] = '.';
        for (int i = 0; i < -exp10 - 1; i++)
            out[n++] = '0';
        for (int i = 0; i < ndigits; i++)
            out[n++] = digits[i];
    } else {
        for (int i = 0; i <= exp10; i++)
            out[n++] = i < ndigits ? digits[i] : '0';
        if (ndigits > exp10 + 1) {
            out[n++] = '.';
            for (int i = exp10 + 1; i < ndigits; i++)
                out[n++] = digits[i];
        } else if (add_dot_0) {
            out[n++] = '.';
            out[n++] = '0';
        }
    }
    return ft_ast_buf_append(buf, out, (size_t)n);
}

int
ft_ast_repr_float(FtAstBuf *buf, double value)
{
    return repr_double(buf, value, 1);
}

int
ft_ast_repr_constant(FtAstBuf *buf, const FtAstConstant *value)
{
    switch (value->kind) {
    case FT_AST_CONST_NONE:
        return ft_ast_buf_append(buf, "None", 4);
    case FT_AST_CONST_TRUE:
        return ft_ast_buf_append(buf, "True", 4);
    case FT_AST_CONST_FALSE:
        return ft_ast_buf_append(buf, "False", 5);
    case FT_AST_CONST_ELLIPSIS:
        return ft_ast_buf_append(buf, "Ellipsis", 8);
    case FT_AST_CONST_INT:
        return ft_ast_buf_append(buf, value->data, value->len);
    case FT_AST_CONST_FLOAT:
        return repr_double(buf, value->number, 1);
    case FT_AST_CONST_COMPLEX:
        if (repr_double(buf, value->number, 0) < 0)
            return -1;
        return ft_ast_buf_append(buf, "j", 1);
    case FT_AST_CONST_STR:
        return ft_ast_repr_str(buf, value->data, value->len);
    case FT_AST_CONST_BYTES:
        return ft_ast_repr_bytes(buf, value->data, value->len);
    }
    return ft_ast_buf_append(buf, "None", 4);
}

const char *
ft_ast_int_to_decimal(const char *text, size_t len, FtArena *arena)
{
    int base = 10;
    size_t i = 0;
    if (len >= 2 && text[0] == '0') {
        char c = (char)(text[1] | 0x20);
        base = c == 'x' ? 16 : c == 'o' ? 8 : c == 'b' ? 2 : 10;
        if (base != 10)
            i = 2;
    }
    // Little-endian limbs in base 10^9; each input digit does limbs = limbs * base + digit.
    size_t max_limbs = len / 2 + 2;
    uint32_t *limbs = mi_malloc(max_limbs * sizeof(uint32_t));
    if (limbs == NULL)
        return NULL;
    size_t nlimbs = 1;
    limbs[0] = 0;
    for (; i < len; i++) {
        char c = text[i];
        if (c == '_')
            continue;
        int d = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10
              : c >= 'A' && c <= 'F' ? c - 'A' + 10 : 99;
        if (d >= base) {
            mi_free(limbs);
            return NULL;
        }
        uint64_t carry = (uint64_t)d;
        for (size_t k = 0; k < nlimbs; k++) {
            uint64_t v = (uint64_t)limbs[k] * (uint64_t)base + carry;
            limbs[k] = (uint32_t)(v % 1000000000u);
            carry = v / 1000000000u;
        }
        if (carry) {
            if (nlimbs == max_limbs) {
                mi_free(limbs);
                return NULL;
            }
            limbs[nlimbs++] = (uint32_t)carry;
        }
    }
    char *out = ft_arena_alloc(arena, nlimbs * 9 + 1);
    if (out == NULL) {
        mi_free(limbs);
        return NULL;
    }
    int n = snprintf(out, 10, "%u", limbs[nlimbs - 1]);
    for (size_t k = nlimbs - 1; k-- > 0;)
        n += snprintf(out + n, 10, "%09u", limbs[k]);
    mi_free(limbs);
    return out;
}

// The generated constructors and dump printers are compiled as part of this file, because the
// build globs only compiler/*.c. TODO(#3): glob compiler/generated/*.c in CMakeLists.txt instead.
#include "compiler/generated/ast.gen.c"

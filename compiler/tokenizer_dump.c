// compiler/tokenizer_dump.c: the textual token stream used by ftpy-tokens, the golden tests and
// scripts/compare_tokens.py (one line per token, `TYPE 'text' (sl, sc) (el, ec)`, or a final
// `ErrorClass: message (lineno, offset)` line).
//
// Owns only formatting: Python's repr() of token text and the column conversions the tokenize
// module applies. Concurrency: pure, allocates its own tokenizer and output; any thread.
#include "compiler/tokenizer.h"

#include <stdarg.h>                 // va_list
#include <stdbool.h>                // bool
#include <stdio.h>                  // vsnprintf
#include <string.h>                 // memchr, memcpy

#include <mimalloc.h>               // mi_malloc, mi_realloc, mi_free

#include "compiler/source_decode.h" // ft_source_utf8_char_len
#include "objects/unicode_db.h"     // ft_unicode_is_printable

typedef struct DumpBuffer {
    char *data;
    size_t len, cap;
    bool failed;                    // an allocation failed; data is then freed and NULL
} DumpBuffer;

static void
dump_reserve(DumpBuffer *b, size_t extra)
{
    if (b->failed || b->len + extra + 1 <= b->cap)
        return;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *grown = mi_realloc(b->data, cap);
    if (grown == NULL) {
        mi_free(b->data);
        b->data = NULL;
        b->failed = true;
        return;
    }
    b->data = grown;
    b->cap = cap;
}

static void
dump_bytes(DumpBuffer *b, const char *s, size_t n)
{
    dump_reserve(b, n);
    if (b->failed)
        return;
    memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

static void dump_printf(DumpBuffer *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void
dump_printf(DumpBuffer *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof(small), fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof(small)) {
        dump_bytes(b, small, (size_t)n);
        return;
    }
    dump_reserve(b, (size_t)n);
    if (b->failed)
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

// Python's str.__repr__ of UTF-8 text.
static void
dump_repr(DumpBuffer *b, const char *s, size_t len)
{
    bool has_single = memchr(s, '\'', len) != NULL;
    bool has_double = memchr(s, '"', len) != NULL;
    char quote = has_single && !has_double ? '"' : '\'';
    dump_bytes(b, &quote, 1);
    for (size_t i = 0; i < len;) {
        unsigned char c = (unsigned char)s[i];
        if (c < 0x80) {
            if (c == (unsigned char)quote || c == '\\')
                dump_printf(b, "\\%c", c);
            else if (c == '\n')
                dump_bytes(b, "\\n", 2);
            else if (c == '\r')
                dump_bytes(b, "\\r", 2);
            else if (c == '\t')
                dump_bytes(b, "\\t", 2);
            else if (c < 0x20 || c == 0x7F)
                dump_printf(b, "\\x%02x", c);
            else
                dump_bytes(b, (const char *)&s[i], 1);
            i++;
            continue;
        }
        size_t n = ft_source_utf8_char_len(s + i, len - i);
        if (n == 0) {
            dump_printf(b, "\\x%02x", c);
            i++;
            continue;
        }
        const unsigned char *u = (const unsigned char *)s + i;
        unsigned cp = n == 2   ? ((u[0] & 0x1Fu) << 6) | (u[1] & 0x3Fu)
                      : n == 3 ? ((u[0] & 0x0Fu) << 12) | ((u[1] & 0x3Fu) << 6) | (u[2] & 0x3Fu)
                               : ((u[0] & 0x07u) << 18) | ((u[1] & 0x3Fu) << 12) |
                                     ((u[2] & 0x3Fu) << 6) | (u[3] & 0x3Fu);
        if (ft_unicode_is_printable(cp))
            dump_bytes(b, s + i, n);
        else if (cp <= 0xFF)
            dump_printf(b, "\\x%02x", cp);
        else if (cp <= 0xFFFF)
            dump_printf(b, "\\u%04x", cp);
        else
            dump_printf(b, "\\U%08x", cp);
        i += n;
    }
    dump_bytes(b, &quote, 1);
}

char *
ft_tokenizer_dump(const char *bytes, size_t len, int flags, size_t *len_out)
{
    DumpBuffer b = {0};
    bool extra = (flags & FT_TOKENIZER_EXTRA_TOKENS) != 0;
    bool lines = (flags & FT_TOKENIZER_DUMP_LINES) != 0;
    FtTokenizer *tok = ft_tokenizer_new(bytes, len, flags & ~FT_TOKENIZER_DUMP_LINES);
    if (tok == NULL)
        return NULL;
    dump_reserve(&b, 0);
    for (;;) {
        FtToken t;
        int type = ft_tokenizer_next(tok, &t);
        if (type == FT_TOKEN_ERROR) {
            const FtSyntaxError *err = ft_tokenizer_error(tok);
            bool located = (err->kind == FT_SYNTAX_ERROR || err->kind == FT_INDENTATION_ERROR ||
                            err->kind == FT_TAB_ERROR) &&
                           !(err->lineno == 0 && err->offset == 0);
            const char *msg = err->msg != NULL ? err->msg : "";
            if (located)
                dump_printf(&b, "%s: %s (%d, %d)\n", ft_syntax_error_class_name(err->kind), msg,
                            err->lineno, err->offset);
            else
                dump_printf(&b, "%s: %s (None, None)\n", ft_syntax_error_class_name(err->kind),
                            msg);
            break;
        }
        // Parser mode mirrors _tokenize.TokenizerIter(extra_tokens=False), which yields nothing
        // for empty input.
        if (type == FT_TOKEN_ENDMARKER && !extra && len == 0)
            break;
        dump_printf(&b, "%s ", ft_token_name(extra ? type : t.exact_type));
        if (t.start != NULL)
            dump_repr(&b, t.start, (size_t)(t.end - t.start));
        else
            dump_bytes(&b, "''", 2);
        int col = t.col_offset, end_col = t.end_col_offset;
        if (!extra) {
            // Parser mode keeps byte columns; show characters, as _tokenize does.
            if (col >= 0)
                col = ft_tokenizer_char_col(tok, t.lineno, col);
            // _tokenize leaves the newline out of NEWLINE's span; the parser's token includes it.
            if (t.exact_type == FT_TOKEN_NEWLINE && end_col > 0 && t.end != NULL
                && (*t.end == '\n' || *t.end == '\r'))
                end_col--;
            if (end_col >= 0)
                end_col = ft_tokenizer_char_col(tok, t.end_lineno, end_col);
        }
        dump_printf(&b, " (%d, %d) (%d, %d)", t.lineno, col, t.end_lineno, end_col);
        if (lines) {
            dump_bytes(&b, " ", 1);
            if (t.line_start != NULL && t.line_end != NULL)
                dump_repr(&b, t.line_start, (size_t)(t.line_end - t.line_start));
            else
                dump_bytes(&b, "''", 2);
        }
        dump_bytes(&b, "\n", 1);
        if (type == FT_TOKEN_ENDMARKER)
            break;
    }
    ft_tokenizer_free(tok);
    if (b.failed)
        return NULL;
    *len_out = b.len;
    return b.data;
}

// compiler/syntax_error.c: the FtSyntaxError record (setting, clearing, naming) and the byte to
// character column conversion used for CPython-compatible error offsets.
//
// Invariant: a record with kind != FT_SYNTAX_NONE has a non-NULL msg, unless allocation failed, in
// which case kind is FT_SYNTAX_MEMORY_ERROR and msg may be NULL. Concurrency: a record is owned by
// one tokenizer or parser and touched by one thread at a time; nothing here is shared.
#include "compiler/syntax_error.h"

#include <stdarg.h>   // va_list
#include <stdio.h>    // vsnprintf
#include <string.h>   // memcpy, strlen

#include <mimalloc.h> // mi_malloc, mi_free

#include "compiler/source_decode.h" // ft_source_utf8_char_len

static char *
format_message(const char *fmt, va_list ap)
{
    va_list copy;
    va_copy(copy, ap);
    int n = vsnprintf(NULL, 0, fmt, copy);
    va_end(copy);
    if (n < 0)
        return NULL;
    char *msg = mi_malloc((size_t)n + 1);
    if (msg == NULL)
        return NULL;
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    return msg;
}

static void
set_error(FtSyntaxError *err, FtSyntaxErrorKind kind, int lineno, int offset, int end_lineno,
          int end_offset, const char *line, size_t line_len, const char *fmt, va_list ap)
{
    ft_syntax_error_clear(err);
    char *msg = format_message(fmt, ap);
    char *text = NULL;
    if (line != NULL) {
        text = mi_malloc(line_len + 1);
        if (text != NULL) {
            memcpy(text, line, line_len);
            text[line_len] = '\0';
        }
    }
    if (msg == NULL || (line != NULL && text == NULL)) {
        mi_free(msg);
        mi_free(text);
        err->kind = FT_SYNTAX_MEMORY_ERROR;
        return;
    }
    err->kind = kind;
    err->msg = msg;
    err->text = text;
    err->lineno = lineno;
    err->offset = offset;
    err->end_lineno = end_lineno;
    err->end_offset = end_offset;
}

void
ft_syntax_error_set(FtSyntaxError *err, FtSyntaxErrorKind kind, int lineno, int offset,
                    int end_lineno, int end_offset, const char *line, const char *msg_fmt, ...)
{
    va_list ap;
    va_start(ap, msg_fmt);
    set_error(err, kind, lineno, offset, end_lineno, end_offset, line,
              line != NULL ? strlen(line) : 0, msg_fmt, ap);
    va_end(ap);
}

void
ft_syntax_error_set_n(FtSyntaxError *err, FtSyntaxErrorKind kind, int lineno, int offset,
                      int end_lineno, int end_offset, const char *line, size_t line_len,
                      const char *msg_fmt, ...)
{
    va_list ap;
    va_start(ap, msg_fmt);
    set_error(err, kind, lineno, offset, end_lineno, end_offset, line, line_len, msg_fmt, ap);
    va_end(ap);
}

void
ft_syntax_error_clear(FtSyntaxError *err)
{
    mi_free(err->msg);
    mi_free(err->text);
    memset(err, 0, sizeof(*err));
}

const char *
ft_syntax_error_class_name(FtSyntaxErrorKind kind)
{
    switch (kind) {
    case FT_SYNTAX_NONE:
        return "";
    case FT_SYNTAX_ERROR:
        return "SyntaxError";
    case FT_INDENTATION_ERROR:
        return "IndentationError";
    case FT_TAB_ERROR:
        return "TabError";
    case FT_SYNTAX_MEMORY_ERROR:
        return "MemoryError";
    case FT_SYNTAX_OVERFLOW_ERROR:
        return "OverflowError";
    case FT_SYNTAX_UNICODE_ERROR:
        return "UnicodeDecodeError";
    case FT_SYNTAX_RECURSION_ERROR:
        return "RecursionError";
    }
    return "SyntaxError";
}

int
ft_syntax_byte_to_char_col(const char *line, size_t line_len, int byte_col)
{
    if (byte_col <= 0 || line == NULL)
        return byte_col < 0 ? byte_col : 0;
    size_t limit = (size_t)byte_col < line_len ? (size_t)byte_col : line_len;
    int chars = 0;
    size_t i = 0;
    while (i < limit) {
        size_t n = ft_source_utf8_char_len(line + i, limit - i);
        i += n == 0 ? 1 : n;
        chars++;
    }
    return chars;
}

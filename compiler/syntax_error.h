// compiler/syntax_error.h: the error record the tokenizer and the parser fill in when source is bad.
//
// It is plain C data (no Python objects): whoever turns it into a Python exception later builds
// SyntaxError/IndentationError/TabError from it, with the attributes CPython gives them. An
// FtSyntaxError belongs to one tokenizer or parser and is used by one thread at a time.
#ifndef FT_COMPILER_SYNTAX_ERROR_H
#define FT_COMPILER_SYNTAX_ERROR_H

#include <stddef.h> // size_t

typedef enum FtSyntaxErrorKind {
    FT_SYNTAX_NONE = 0,         // no error recorded
    FT_SYNTAX_ERROR,            // SyntaxError
    FT_INDENTATION_ERROR,       // IndentationError (a SyntaxError subclass)
    FT_TAB_ERROR,               // TabError (an IndentationError subclass)
    FT_SYNTAX_MEMORY_ERROR,     // MemoryError: allocation failed; only msg is meaningful
    FT_SYNTAX_OVERFLOW_ERROR,   // OverflowError (CPython: source too large for int columns)
    FT_SYNTAX_UNICODE_ERROR,    // UnicodeDecodeError raised while decoding the source
    FT_SYNTAX_RECURSION_ERROR,  // RecursionError: a walk over a too deep tree; only msg is meaningful
} FtSyntaxErrorKind;

// The attributes use CPython's SyntaxError conventions: lineno and end_lineno are 1-based; offset
// and end_offset are 1-based *character* (code point) columns in the line, as CPython reports them;
// 0 means "not set" (CPython's None). text is the offending source line (UTF-8, with its newline
// when it has one), or NULL.
typedef struct FtSyntaxError {
    FtSyntaxErrorKind kind;
    char *msg;              // owned (mi_malloc), NUL-terminated; NULL only when kind is NONE
    int lineno;
    int offset;
    int end_lineno;
    int end_offset;
    char *text;             // owned (mi_malloc), NUL-terminated, or NULL
} FtSyntaxError;

// Records an error, replacing any earlier one (the first error usually wins: callers check
// err->kind first when that matters). msg is a printf format. line/line_len give the text
// attribute (copied; line may be NULL). On allocation failure the record becomes
// FT_SYNTAX_MEMORY_ERROR with a static-free message. Never fails otherwise.
__attribute__((format(printf, 8, 9))) void
ft_syntax_error_set(FtSyntaxError *err, FtSyntaxErrorKind kind, int lineno, int offset,
                    int end_lineno, int end_offset, const char *line, const char *msg_fmt, ...);

// Like ft_syntax_error_set() with line_len bytes of line instead of a NUL-terminated line.
__attribute__((format(printf, 9, 10))) void
ft_syntax_error_set_n(FtSyntaxError *err, FtSyntaxErrorKind kind, int lineno, int offset,
                      int end_lineno, int end_offset, const char *line, size_t line_len,
                      const char *msg_fmt, ...);

// Frees msg and text and resets the record to FT_SYNTAX_NONE. Safe on a zeroed record.
void ft_syntax_error_clear(FtSyntaxError *err);

// The Python class name of a kind: "SyntaxError", "IndentationError", "TabError", "MemoryError",
// "OverflowError", "UnicodeDecodeError", "RecursionError" (or "" for NONE).
const char *ft_syntax_error_class_name(FtSyntaxErrorKind kind);

// Converts a 0-based byte column of a UTF-8 line into CPython's 0-based character column: the
// number of code points in line[0..byte_col). Invalid sequences count as one character per byte
// (CPython decodes with errors="replace"). byte_col beyond line_len is clamped. Pure; any thread.
int ft_syntax_byte_to_char_col(const char *line, size_t line_len, int byte_col);

#endif // FT_COMPILER_SYNTAX_ERROR_H

// compiler/tokenizer.h: the Python 3.14 tokenizer (CPython's Parser/lexer + Parser/tokenizer).
//
// A tokenizer owns one immutable copy of the whole source, decoded to UTF-8 with newlines
// normalised to "\n" (compiler/source_decode.h), and hands out tokens one at a time. Token text is
// pointers into that buffer, valid until ft_tokenizer_free(). Concurrency: an FtTokenizer is
// single-owner (one thread at a time, no locking); different tokenizers share nothing mutable, so
// any number may run on different threads at once.
//
// Streams are CPython 3.14's exactly: the parser mode gives what the PEG parser sees (keywords come
// as NAME, soft keywords too: the parser decides), the extra-tokens mode gives what
// `_tokenize.TokenizerIter(..., extra_tokens=True)` yields (COMMENT, NL, operators as OP, ...).
// Errors carry CPython's class, message, line and columns (compiler/syntax_error.h).
#ifndef FT_COMPILER_TOKENIZER_H
#define FT_COMPILER_TOKENIZER_H

#include <stdbool.h>                // bool
#include <stddef.h>                 // size_t

#include "compiler/syntax_error.h"  // FtSyntaxError
#include "compiler/token.h"         // FtTokenKind, FT_TOKEN_*

// Flags for ft_tokenizer_new().
enum {
    // tokenize-module mode: also produce COMMENT and NL tokens, report exact operators as OP (the
    // exact kind stays in FtToken.exact_type), and adjust positions as Python-tokenize.c does.
    FT_TOKENIZER_EXTRA_TOKENS = 1 << 0,
    // The source is already text (compile() got a str): no BOM/PEP 263 cookie processing; the bytes
    // must be UTF-8.
    FT_TOKENIZER_STRING_INPUT = 1 << 1,
    // PyCF_TYPE_COMMENTS: "# type: T" comments become TYPE_COMMENT (text "T") and "# type: ignore..."
    // comments TYPE_IGNORE (text: what follows "ignore").
    FT_TOKENIZER_TYPE_COMMENTS = 1 << 2,
};

typedef struct FtTokenizer FtTokenizer;

typedef struct FtToken {
    int type;               // FtTokenKind; in EXTRA_TOKENS mode operators are FT_TOKEN_OP
    int exact_type;         // the exact kind (FT_TOKEN_LPAR ...) for operators, else == type
    const char *start;      // token text [start, end) in the tokenizer's UTF-8 buffer; both NULL
    const char *end;        //   for INDENT, DEDENT and ENDMARKER in parser mode (columns are then
                            //   -1), and NEWLINE's text is empty there
    int lineno;             // 1-based
    int col_offset;         // 0-based, in UTF-8 bytes (as the AST's col_offset); in EXTRA_TOKENS
    int end_lineno;         //   mode both columns are characters, as the tokenize module reports
    int end_col_offset;     // 0-based, exclusive, in UTF-8 bytes; in parser mode a NEWLINE's span
                            //   also covers its newline character (one past `end`), as CPython's
                            //   parser sees it (_tokenize reports it without)
    int level;              // bracket nesting depth after this token
    const char *line_start; // the physical line(s) holding the token: [line_start, line_end), as
    const char *line_end;   //   tokenize's TokenInfo.line (with newline; empty for trailing tokens
                            //   in EXTRA_TOKENS mode)
    // f-string/t-string debug text (the source of "{expr=}" up to and including "=", with
    // whitespace): set on the token that ends such a replacement field (`!`, `:` or `}`), else NULL
    // / 0. Owned by the tokenizer, valid until ft_tokenizer_free().
    const char *debug_text;
    size_t debug_len;
} FtToken;

// Creates a tokenizer over len bytes of source (copied; bytes need not be NUL-terminated and may
// contain NULs). Without FT_TOKENIZER_STRING_INPUT the bytes are decoded per PEP 263 (UTF-8 BOM,
// coding cookie on line 1 or 2, UTF-8 default). Decoding problems are not reported here: the first
// ft_tokenizer_next() then returns FT_TOKEN_ERROR with CPython's error. Returns NULL only when
// memory runs out. Any thread.
FtTokenizer *ft_tokenizer_new(const char *bytes, size_t len, int flags);

// Same as ft_tokenizer_new(utf8, len, flags | FT_TOKENIZER_STRING_INPUT): for already-decoded text.
FtTokenizer *ft_tokenizer_new_utf8(const char *utf8, size_t len, int flags);

// Frees the tokenizer, its buffer and every token text it handed out. NULL is allowed.
void ft_tokenizer_free(FtTokenizer *tok);

// Produces the next token into *out and returns its type: FT_TOKEN_ENDMARKER once at the end (and
// again on every later call), or FT_TOKEN_ERROR with the error recorded in ft_tokenizer_error() (and
// again on every later call). Owner thread only.
int ft_tokenizer_next(FtTokenizer *tok, FtToken *out);

// The error recorded by the last failing ft_tokenizer_next() (kind FT_SYNTAX_NONE if none). Borrowed:
// valid until the tokenizer is freed.
const FtSyntaxError *ft_tokenizer_error(const FtTokenizer *tok);

// SyntaxWarnings met so far, in source order (CPython warns through warnings.warn_explicit with
// the message and line: "invalid decimal literal" for `1if x else y`, the invalid escape "\{" in
// an f-string). Each is a record with kind FT_SYNTAX_ERROR, msg and lineno only. Borrowed; NULL
// for an index out of range. Owner thread only.
size_t ft_tokenizer_warning_count(const FtTokenizer *tok);
const FtSyntaxError *ft_tokenizer_warning(const FtTokenizer *tok, size_t index);

// The whole decoded source (UTF-8, "\n" newlines, NUL-terminated); *len_out gets its length. NULL
// (and 0) when decoding failed. Lets the parser fetch any line's text for its own errors.
const char *ft_tokenizer_source(const FtTokenizer *tok, size_t *len_out);

// The source encoding name as CPython's tokenize reports it ("utf-8", "utf-8-sig", "latin-1", ...).
const char *ft_tokenizer_encoding(const FtTokenizer *tok);

// The text of physical line lineno (1-based) without its newline, or NULL when out of range.
// *len_out gets its length in bytes.
const char *ft_tokenizer_line(const FtTokenizer *tok, int lineno, size_t *len_out);

// Converts a 0-based byte column of line lineno into CPython's 0-based character column (code
// points). The parser uses it to report error offsets. A column past the line's text counts its
// newline as one character, no more. Returns byte_col unchanged for a bad lineno.
int ft_tokenizer_char_col(const FtTokenizer *tok, int lineno, int byte_col);

// A flag for ft_tokenizer_dump() only: append each token's line, as repr(TokenInfo.line).
#define FT_TOKENIZER_DUMP_LINES (1 << 8)

// Tokenizes len bytes with flags and returns the whole stream as text (mi_malloc'd, NUL-terminated,
// length in *len_out; the caller frees it with mi_free), one line per token:
//     TYPE_NAME 'text' (lineno, col) (end_lineno, end_col)
// with the text in Python's repr() form and columns in characters (and, with FT_TOKENIZER_DUMP_LINES,
// a space and the repr() of the token's line), ending with
//     ErrorClass: message (lineno, offset)
// if tokenizing fails. With FT_TOKENIZER_EXTRA_TOKENS this is what scripts/compare_tokens.py prints
// for tokenize.tokenize(); without it, what it prints for `_tokenize.TokenizerIter(...,
// extra_tokens=False)` (exact operator names). Returns NULL when memory runs out. Any thread.
char *ft_tokenizer_dump(const char *bytes, size_t len, int flags, size_t *len_out);

#endif // FT_COMPILER_TOKENIZER_H

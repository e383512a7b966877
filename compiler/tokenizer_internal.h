// compiler/tokenizer_internal.h: what compiler/tokenizer.c (lines, indentation, names, operators,
// errors and the public API) and compiler/tokenizer_literal.c (numbers, string literals and the
// f-string/t-string mode) share: the tokenizer's state and the lexer's internal calls.
//
// The ft_lexer_ functions are the lexer's cross-file surface, never used outside these two files.
// Everything here works on one FtTokenizer owned by the calling thread (compiler/tokenizer.h):
// no function takes a lock, none may be called on a tokenizer another thread is using.
#ifndef FT_COMPILER_TOKENIZER_INTERNAL_H
#define FT_COMPILER_TOKENIZER_INTERNAL_H

#include <stdbool.h>                // bool
#include <stddef.h>                 // size_t

#include "compiler/syntax_error.h"  // FtSyntaxError
#include "compiler/token.h"         // FT_TOKEN_*
#include "compiler/tokenizer.h"     // FtTokenizer

#define FT_TOKENIZER_MAX_INDENT 100        // CPython's MAXINDENT
#define FT_TOKENIZER_MAX_LEVEL 200         // CPython's MAXLEVEL (bracket nesting)
#define FT_TOKENIZER_MAX_FSTRING_LEVEL 150 // CPython's MAXFSTRINGLEVEL (mode stack size)
#define FT_TOKENIZER_MAX_EXPR_NESTING 3    // CPython's MAX_EXPR_NESTING
#define FT_TOKENIZER_TABSIZE 8
#define FT_TOKENIZER_ALT_TABSIZE 1

#define FT_TOKENIZER_EOF (-1) // what ft_lexer_next_char() returns at the end of input

// Why the scanner stopped (CPython's errcode.h values that the lexer uses).
typedef enum {
    FT_LEXER_DONE_OK,
    FT_LEXER_DONE_EOF,      // end of input
    FT_LEXER_DONE_ERROR,    // error already recorded in tok->error
    FT_LEXER_DONE_TABSPACE, // inconsistent tabs and spaces
    FT_LEXER_DONE_DEDENT,   // dedent to no outer level
    FT_LEXER_DONE_TOODEEP,  // too many indentation levels
    FT_LEXER_DONE_LINECONT, // character after a line continuation
    FT_LEXER_DONE_NOMEM,
} FtLexerDone;

typedef enum { FT_LEXER_MODE_REGULAR, FT_LEXER_MODE_FSTRING } FtLexerModeKind;

// One entry of the mode stack: the regular mode at the bottom, one entry per open f/t-string.
typedef struct FtLexerMode {
    FtLexerModeKind kind;
    int quote;                  // '"' or '\''
    int quote_size;             // 1 or 3
    bool raw;
    bool tstring;               // t-string (PEP 750) rather than f-string
    bool in_format_spec;
    bool debug;                 // a '=' was seen in the current replacement field
    int curly_depth;            // open brackets inside the string's replacement fields
    int expr_start_depth;       // curly_depth at which the innermost replacement field started
    const char *start;          // the string's first prefix character
    const char *start_line;     // start of the line holding it
    int start_lineno;
    const char *expr_start;     // after the '{' of the current field (NULL: none yet)
    const char *expr_end;       // where that field's expression ended (NULL: still open)
} FtLexerMode;

// A token as the scanner produces it, before the API adjusts it.
typedef struct FtLexerToken {
    const char *start, *end;
    const char *debug_text;
    size_t debug_len;
} FtLexerToken;

// Every field is owner-thread only (see compiler/tokenizer.c's file comment); the bytes of buf are
// immutable after creation, which is what makes token pointers safe to share.
struct FtTokenizer {
    int flags;
    bool extra;                 // FT_TOKENIZER_EXTRA_TOKENS
    bool emitted_encoding;
    bool finished;              // ENDMARKER or an error was returned: replay it
    int final_type;
    FtSyntaxError error;
    FtLexerDone done;

    char *buf;                  // decoded source, owned; immutable after creation
    const char *buf_end;
    bool newline_appended;      // the source did not end in '\n'; one was added
    bool implicit_newline;      // ... and the scanner has reached that last line
    char encoding[32];

    const char *cur;            // next character
    const char *inp;            // end of the lines handed to the scanner so far
    const char *line_start;     // start of the current line
    const char *buf_start;      // CPython's tok->buf (see the file comment)
    const char *start;          // start of the current token, or NULL between tokens
    const char *multi_line_start;
    int lineno;
    int first_lineno;

    bool atbol;                 // at the beginning of a line
    int pendin;                 // pending INDENT (> 0) or DEDENT (< 0) tokens
    int indent;
    int indstack[FT_TOKENIZER_MAX_INDENT];
    int altindstack[FT_TOKENIZER_MAX_INDENT];
    bool cont_line;
    bool comment_newline;       // extra mode: the line held only a comment

    int level;
    char parenstack[FT_TOKENIZER_MAX_LEVEL];
    int parenlinenostack[FT_TOKENIZER_MAX_LEVEL];
    int parencolstack[FT_TOKENIZER_MAX_LEVEL];

    int mode_index;
    FtLexerMode modes[FT_TOKENIZER_MAX_FSTRING_LEVEL];

    FtSyntaxError *warnings;    // SyntaxWarnings found so far (kind FT_SYNTAX_ERROR, msg, lineno)
    size_t warning_count, warning_cap;

    char **owned;               // debug texts with comments removed, freed with the tokenizer
    size_t owned_count, owned_cap;

    int last_token_lineno;      // the previous token's lineno and line (TokenInfo.line rules)
    const char *last_line_start, *last_line_end;

    const char *colcache_line;  // char-column cache for extra mode: a line start,
    const char *colcache_pos;   //   a byte position in it,
    int colcache_chars;         //   and the characters before that position
};

// Character classes and mode queries.

static inline bool
is_identifier_start(int c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 128;
}

static inline bool
is_identifier_char(int c)
{
    return is_identifier_start(c) || (c >= '0' && c <= '9');
}

static inline bool
is_digit(int c)
{
    return c >= '0' && c <= '9';
}

static inline bool
is_xdigit(int c)
{
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

static inline int
to_lower(int c)
{
    return c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c;
}

static inline FtLexerMode *
current_mode(FtTokenizer *tok)
{
    return &tok->modes[tok->mode_index];
}

static inline bool
inside_fstring(const FtTokenizer *tok)
{
    return tok->mode_index > 0;
}

static inline bool
inside_fstring_expr(const FtLexerMode *mode)
{
    return mode->expr_start_depth >= 0;
}

static inline char
string_kind_letter(const FtLexerMode *mode)
{
    return mode->tstring ? 't' : 'f';
}

// Sets a scanned token's text and returns its type, so scanners can `return make_token(...)`.
static inline int
make_token(FtLexerToken *token, int type, const char *start, const char *end)
{
    token->start = start;
    token->end = end;
    return type;
}

// Reading characters (tokenizer.c). ft_lexer_next_char returns the next byte (0..255), handing a
// new line to the scanner when the current one is used up, or FT_TOKENIZER_EOF at the end of
// input or after an error. ft_lexer_backup_char puts back c, which must be the byte just read
// (FT_TOKENIZER_EOF is ignored).
int ft_lexer_next_char(FtTokenizer *tok);
void ft_lexer_backup_char(FtTokenizer *tok, int c);

// The number of code points in the UTF-8 bytes [s, end) (0 when end <= s).
int ft_lexer_char_count(const char *s, const char *end);

// Records a SyntaxError on the current line and sets done to FT_LEXER_DONE_ERROR; the first
// error wins. ft_lexer_error puts both offsets at the characters before cur; ft_lexer_error_range
// takes them as given (1-based character offsets, -1 for that default).
void ft_lexer_error(FtTokenizer *tok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ft_lexer_error_range(FtTokenizer *tok, int col_offset, int end_col_offset, const char *fmt,
                          ...) __attribute__((format(printf, 4, 5)));

// Records a SyntaxWarning with the current line number (dropped if memory runs out).
void ft_lexer_warn(FtTokenizer *tok, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

// The regular mode's scanner (tokenizer.c): the next token from cur. Returns its type, or
// FT_TOKEN_ERROR with the error or done code recorded.
int ft_lexer_scan_regular(FtTokenizer *tok, FtLexerMode *mode, FtLexerToken *token);

// Literals (tokenizer_literal.c). Each returns a token type or FT_TOKEN_ERROR with the error
// recorded.
//   scan_number     a number whose first character c has been read (after_dot: c follows a '.'
//                   that starts the literal); leaves cur just past it and sets no token
//   check_prefix    false (with the error) when the string prefix letters seen cannot go together
//   open_fstring    pushes an f-string (or t-string) mode after its prefix and quote
//   scan_string     a plain or bytes string literal whose opening quote has been read
//   scan_fstring    the f-string mode's scanner: FSTRING_MIDDLE/END, or the regular scanner's
//                   token when a replacement field starts
int ft_lexer_scan_number(FtTokenizer *tok, int c, bool after_dot);
bool ft_lexer_check_prefix(FtTokenizer *tok, bool b, bool r, bool u, bool f, bool t);
int ft_lexer_open_fstring(FtTokenizer *tok, FtLexerToken *token, int quote, bool tstring);
int ft_lexer_scan_string(FtTokenizer *tok, FtLexerToken *token, int quote);
int ft_lexer_scan_fstring(FtTokenizer *tok, FtLexerMode *mode, FtLexerToken *token);

// Replacement-field bookkeeping the regular scanner needs at ':', '!', '{' and '}'
// (tokenizer_literal.c). ft_lexer_set_fstring_debug_text returns false when memory runs out.
void ft_lexer_update_fstring_expr(FtTokenizer *tok, int c);
bool ft_lexer_set_fstring_debug_text(FtTokenizer *tok, FtLexerToken *token);

#endif // FT_COMPILER_TOKENIZER_INTERNAL_H

// compiler/tokenizer.c: the Python 3.14 lexer: lines, indentation, names, operators, comments,
// CPython's exact errors and positions, and the public API (compiler/tokenizer.h). Numbers, string
// literals and the f-string/t-string mode (PEP 701/750) are in compiler/tokenizer_literal.c; the
// state both share is in compiler/tokenizer_internal.h.
//
// Owns: FtTokenizer and everything reachable from it. It mirrors the behaviour (not the code) of
// CPython's Parser/lexer/lexer.c (tok_get_normal_mode, tok_get_fstring_mode), Parser/lexer/state.c,
// Parser/tokenizer/string_tokenizer.c and readline_tokenizer.c, Python/Python-tokenize.c (the
// extra-tokens adjustments and error conversion) and Parser/pegen_errors.c (_Pypegen_tokenizer_error).
//
// Model: the whole source is decoded up front into one buffer (buf .. buf_end, always ending in
// '\n': a missing final newline is appended, as CPython does, and remembered as "implicit"). The
// scanner still walks it line by line the way CPython's underflow does, because positions depend on
// it: `inp` is the end of the last line handed to the scanner, `line_start` its start, and `lineno`
// counts lines handed out; backing up never moves them. `buf_start` imitates CPython's readline
// buffer, which restarts at each line read while no token or f-string is open; tokenize-mode error
// offsets are measured from it.
//
// Invariants: buf <= line_start <= cur <= inp <= buf_end; 0 <= indent < FT_TOKENIZER_MAX_INDENT;
// indstack[0] == 0 and indstack is strictly increasing up to indent; 0 <= level <=
// FT_TOKENIZER_MAX_LEVEL; 0 <= mode_index < FT_TOKENIZER_MAX_FSTRING_LEVEL, and modes[0] is the
// regular mode.
//
// Concurrency: an FtTokenizer is single-owner (no locks; callers must not share one between threads
// without their own exclusion). The buffer is immutable after ft_tokenizer_new(), so token pointers
// stay valid and may be read by any thread once the owner publishes them.
#include "compiler/tokenizer.h"

#include <stdbool.h>                // bool
#include <stdarg.h>                 // va_list
#include <stdint.h>                 // uint32_t
#include <stdio.h>                  // snprintf, vsnprintf
#include <string.h>                 // memchr, memcpy, memset

#include <mimalloc.h>               // mi_malloc, mi_calloc, mi_free

#include "compiler/source_decode.h" // ft_source_decode, ft_source_utf8_char_len
#include "compiler/tokenizer_internal.h" // FtLexerMode, ft_lexer_scan_number, ...
#include "objects/unicode_db.h"     // ft_unicode_is_xid_start, ft_unicode_is_printable
#include "sync/fatal.h"             // FT_ASSERT

// Reading characters.

// Hands the next line to the scanner (CPython's underflow). Returns false at the end of input.
static bool
next_line(FtTokenizer *tok)
{
    // CPython's readline buffer restarts before it knows whether a line follows.
    if (tok->start == NULL && !inside_fstring(tok))
        tok->buf_start = tok->inp;
    if (tok->inp >= tok->buf_end) {
        tok->done = FT_LEXER_DONE_EOF;
        return false;
    }
    tok->line_start = tok->inp;
    const char *nl = memchr(tok->inp, '\n', (size_t)(tok->buf_end - tok->inp));
    tok->inp = nl != NULL ? nl + 1 : tok->buf_end;
    tok->lineno++;
    if (tok->inp == tok->buf_end && tok->newline_appended)
        tok->implicit_newline = true;
    return true;
}

int
ft_lexer_next_char(FtTokenizer *tok)
{
    for (;;) {
        if (tok->cur != tok->inp)
            return (unsigned char)*tok->cur++;
        if (tok->done != FT_LEXER_DONE_OK)
            return FT_TOKENIZER_EOF;
        if (!next_line(tok)) {
            tok->cur = tok->inp;
            return FT_TOKENIZER_EOF;
        }
        tok->cur = tok->line_start;
        if (memchr(tok->line_start, '\0', (size_t)(tok->inp - tok->line_start)) != NULL) {
            ft_lexer_error(tok, "source code cannot contain null bytes");
            tok->cur = tok->inp;
            return FT_TOKENIZER_EOF;
        }
    }
}

void
ft_lexer_backup_char(FtTokenizer *tok, int c)
{
    if (c == FT_TOKENIZER_EOF)
        return;
    tok->cur--;
    FT_ASSERT(tok->cur >= tok->buf);
    FT_ASSERT((unsigned char)*tok->cur == (unsigned char)c);
}

// Errors.

static size_t
line_text_len(const char *line, const char *limit)
{
    const char *nl = memchr(line, '\n', (size_t)(limit - line));
    return nl != NULL ? (size_t)(nl - line) : (size_t)(limit - line);
}

int
ft_lexer_char_count(const char *s, const char *end)
{
    return end > s ? ft_syntax_byte_to_char_col(s, (size_t)(end - s), (int)(end - s)) : 0;
}

// CPython's _syntaxerror_range: offsets default to the characters before cur.
static void
syntax_error_va(FtTokenizer *tok, int col_offset, int end_col_offset, const char *fmt, va_list ap)
{
    if (tok->done == FT_LEXER_DONE_ERROR)
        return;
    if (col_offset == -1)
        col_offset = ft_lexer_char_count(tok->line_start, tok->cur);
    if (end_col_offset == -1)
        end_col_offset = col_offset;
    char msg[512];
    vsnprintf(msg, sizeof(msg), fmt, ap);
    size_t len = line_text_len(tok->line_start, tok->buf_end);
    ft_syntax_error_set_n(&tok->error, FT_SYNTAX_ERROR, tok->lineno, col_offset, tok->lineno,
                          end_col_offset, tok->line_start, len, "%s", msg);
    tok->done = FT_LEXER_DONE_ERROR;
}

void
ft_lexer_error(FtTokenizer *tok, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    syntax_error_va(tok, -1, -1, fmt, ap);
    va_end(ap);
}

void
ft_lexer_error_range(FtTokenizer *tok, int col_offset, int end_col_offset, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    syntax_error_va(tok, col_offset, end_col_offset, fmt, ap);
    va_end(ap);
}

static int
indent_error(FtTokenizer *tok)
{
    tok->done = FT_LEXER_DONE_TABSPACE;
    tok->cur = tok->inp;
    return FT_TOKEN_ERROR;
}

// Records a SyntaxWarning (CPython's _PyTokenizer_parser_warn: a message and the current line).
// Failing to allocate drops the warning: warnings never change the token stream.
void
ft_lexer_warn(FtTokenizer *tok, const char *fmt, ...)
{
    if (tok->warning_count == tok->warning_cap) {
        size_t cap = tok->warning_cap ? 2 * tok->warning_cap : 4;
        FtSyntaxError *grown = mi_realloc(tok->warnings, cap * sizeof(FtSyntaxError));
        if (grown == NULL)
            return;
        tok->warnings = grown;
        tok->warning_cap = cap;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof(msg), fmt, ap);
    va_end(ap);
    FtSyntaxError *w = &tok->warnings[tok->warning_count];
    memset(w, 0, sizeof(*w));
    ft_syntax_error_set(w, FT_SYNTAX_ERROR, tok->lineno, 0, 0, 0, NULL, "%s", msg);
    if (w->kind == FT_SYNTAX_ERROR)
        tok->warning_count++;
    else
        ft_syntax_error_clear(w);
}

// Turns a done code other than FT_LEXER_DONE_ERROR into the recorded error, as the tokenize
// module (_tokenizer_error in Python-tokenize.c) or the parser (_Pypegen_tokenizer_error) would.
static void
record_done_error(FtTokenizer *tok)
{
    if (tok->error.kind != FT_SYNTAX_NONE)
        return;
    FtSyntaxErrorKind kind = FT_SYNTAX_ERROR;
    const char *msg;
    switch (tok->done) {
    case FT_LEXER_DONE_EOF:
        msg = tok->extra ? "unexpected EOF in multi-line statement" : "unexpected EOF while parsing";
        break;
    case FT_LEXER_DONE_DEDENT:
        kind = FT_INDENTATION_ERROR;
        msg = "unindent does not match any outer indentation level";
        break;
    case FT_LEXER_DONE_TABSPACE:
        kind = FT_TAB_ERROR;
        msg = "inconsistent use of tabs and spaces in indentation";
        break;
    case FT_LEXER_DONE_TOODEEP:
        kind = FT_INDENTATION_ERROR;
        msg = "too many levels of indentation";
        break;
    case FT_LEXER_DONE_LINECONT:
        msg = "unexpected character after line continuation character";
        break;
    case FT_LEXER_DONE_NOMEM:
        ft_syntax_error_set(&tok->error, FT_SYNTAX_MEMORY_ERROR, 0, 0, 0, 0, NULL, "out of memory");
        return;
    default:
        msg = tok->extra ? "unknown tokenization error" : "unknown parsing error";
        break;
    }
    const char *base = tok->buf_start != NULL ? tok->buf_start : tok->buf;
    if (tok->extra) {
        if (tok->done == FT_LEXER_DONE_EOF) {
            ft_syntax_error_set(&tok->error, kind, tok->lineno, (int)(tok->inp - base), 0, 0, NULL,
                                "%s", msg);
            return;
        }
        // The offending line(s) without the final newline; the offset is one past their end.
        size_t len = (size_t)(tok->inp - base);
        if (len > 0 && base[len - 1] == '\n')
            len--;
        int offset = ft_lexer_char_count(base, base + len) + 1;
        ft_syntax_error_set_n(&tok->error, kind, tok->lineno, offset, 0, 0, base, len, "%s", msg);
        return;
    }
    if (tok->done == FT_LEXER_DONE_EOF && tok->level > 0) {
        int lineno = tok->parenlinenostack[tok->level - 1];
        size_t line_len = 0;
        const char *line = ft_tokenizer_line(tok, lineno, &line_len);
        int col = line != NULL ? ft_syntax_byte_to_char_col(line, line_len,
                                                            tok->parencolstack[tok->level - 1])
                               : 0;
        // CPython's text is the bracket's line with its newline, which its tokenizer adds to a
        // last line that has none.
        char with_newline[512];
        if (line != NULL && line_len < sizeof with_newline - 1) {
            memcpy(with_newline, line, line_len);
            with_newline[line_len++] = '\n';
            line = with_newline;
        }
        ft_syntax_error_set_n(&tok->error, FT_SYNTAX_ERROR, lineno, col + 1, lineno, 0, line,
                              line_len, "'%c' was never closed", tok->parenstack[tok->level - 1]);
        return;
    }
    size_t line_len = (size_t)(tok->inp - tok->line_start);
    int offset = 1, end_offset = 0;
    switch (tok->done) {
    case FT_LEXER_DONE_EOF:
    case FT_LEXER_DONE_DEDENT:
        offset = ft_lexer_char_count(tok->line_start, tok->inp);
        end_offset = -1;
        break;
    case FT_LEXER_DONE_LINECONT:
        offset = ft_lexer_char_count(base, tok->cur - 1) + 1;
        break;
    default:
        break;
    }
    ft_syntax_error_set_n(&tok->error, kind, tok->lineno, offset, tok->lineno, end_offset,
                          tok->line_start, line_len, "%s", msg);
}

// Identifiers (PEP 3131).

// Decodes the UTF-8 character at s (valid: the buffer was validated) and returns its length.
static size_t
decode_utf8(const char *s, const char *end, uint32_t *cp)
{
    size_t n = ft_source_utf8_char_len(s, (size_t)(end - s));
    const unsigned char *u = (const unsigned char *)s;
    switch (n) {
    case 1:
        *cp = u[0];
        return 1;
    case 2:
        *cp = ((uint32_t)(u[0] & 0x1F) << 6) | (u[1] & 0x3F);
        return 2;
    case 3:
        *cp = ((uint32_t)(u[0] & 0x0F) << 12) | ((uint32_t)(u[1] & 0x3F) << 6) | (u[2] & 0x3F);
        return 3;
    case 4:
        *cp = ((uint32_t)(u[0] & 0x07) << 18) | ((uint32_t)(u[1] & 0x3F) << 12) |
              ((uint32_t)(u[2] & 0x3F) << 6) | (u[3] & 0x3F);
        return 4;
    default:
        *cp = u[0];
        return 1;
    }
}

// PEP 3131 (CPython's _PyUnicode_ScanIdentifier): XID_Start or '_' first, XID_Continue after.
static bool
is_identifier_codepoint(uint32_t cp, bool first)
{
    if (cp < 0x80)
        return first ? is_identifier_start((int)cp) : is_identifier_char((int)cp);
    return first ? ft_unicode_is_xid_start(cp) : ft_unicode_is_xid_continue(cp);
}

// CPython's verify_identifier: reports the first character that cannot be in an identifier.
static bool
verify_identifier(FtTokenizer *tok)
{
    if (tok->extra)
        return true;
    const char *p = tok->start;
    bool first = true;
    while (p < tok->cur) {
        uint32_t cp;
        size_t n = decode_utf8(p, tok->cur, &cp);
        if (!is_identifier_codepoint(cp, first)) {
            tok->cur = p + n;
            if (!ft_unicode_is_printable(cp)) {
                ft_lexer_error(tok, "invalid non-printable character U+%04X", (unsigned)cp);
            } else {
                char ch[5] = {0};
                memcpy(ch, p, n);
                ft_lexer_error(tok, "invalid character '%s' (U+%04X)", ch, (unsigned)cp);
            }
            return false;
        }
        first = false;
        p += n;
    }
    return true;
}

// Operators.

static int
one_char_kind(int c)
{
    switch (c) {
    case '!': return FT_TOKEN_EXCLAMATION;
    case '%': return FT_TOKEN_PERCENT;
    case '&': return FT_TOKEN_AMPER;
    case '(': return FT_TOKEN_LPAR;
    case ')': return FT_TOKEN_RPAR;
    case '*': return FT_TOKEN_STAR;
    case '+': return FT_TOKEN_PLUS;
    case ',': return FT_TOKEN_COMMA;
    case '-': return FT_TOKEN_MINUS;
    case '.': return FT_TOKEN_DOT;
    case '/': return FT_TOKEN_SLASH;
    case ':': return FT_TOKEN_COLON;
    case ';': return FT_TOKEN_SEMI;
    case '<': return FT_TOKEN_LESS;
    case '=': return FT_TOKEN_EQUAL;
    case '>': return FT_TOKEN_GREATER;
    case '@': return FT_TOKEN_AT;
    case '[': return FT_TOKEN_LSQB;
    case ']': return FT_TOKEN_RSQB;
    case '^': return FT_TOKEN_CIRCUMFLEX;
    case '{': return FT_TOKEN_LBRACE;
    case '|': return FT_TOKEN_VBAR;
    case '}': return FT_TOKEN_RBRACE;
    case '~': return FT_TOKEN_TILDE;
    default: return FT_TOKEN_OP;
    }
}

static int
two_char_kind(int c1, int c2)
{
    switch (c1) {
    case '!': return c2 == '=' ? FT_TOKEN_NOTEQUAL : FT_TOKEN_OP;
    case '%': return c2 == '=' ? FT_TOKEN_PERCENTEQUAL : FT_TOKEN_OP;
    case '&': return c2 == '=' ? FT_TOKEN_AMPEREQUAL : FT_TOKEN_OP;
    case '*':
        return c2 == '*' ? FT_TOKEN_DOUBLESTAR : c2 == '=' ? FT_TOKEN_STAREQUAL : FT_TOKEN_OP;
    case '+': return c2 == '=' ? FT_TOKEN_PLUSEQUAL : FT_TOKEN_OP;
    case '-': return c2 == '=' ? FT_TOKEN_MINEQUAL : c2 == '>' ? FT_TOKEN_RARROW : FT_TOKEN_OP;
    case '/':
        return c2 == '/' ? FT_TOKEN_DOUBLESLASH : c2 == '=' ? FT_TOKEN_SLASHEQUAL : FT_TOKEN_OP;
    case ':': return c2 == '=' ? FT_TOKEN_COLONEQUAL : FT_TOKEN_OP;
    case '<':
        return c2 == '<' ? FT_TOKEN_LEFTSHIFT : c2 == '=' ? FT_TOKEN_LESSEQUAL
             : c2 == '>' ? FT_TOKEN_NOTEQUAL : FT_TOKEN_OP;
    case '=': return c2 == '=' ? FT_TOKEN_EQEQUAL : FT_TOKEN_OP;
    case '>':
        return c2 == '=' ? FT_TOKEN_GREATEREQUAL : c2 == '>' ? FT_TOKEN_RIGHTSHIFT : FT_TOKEN_OP;
    case '@': return c2 == '=' ? FT_TOKEN_ATEQUAL : FT_TOKEN_OP;
    case '^': return c2 == '=' ? FT_TOKEN_CIRCUMFLEXEQUAL : FT_TOKEN_OP;
    case '|': return c2 == '=' ? FT_TOKEN_VBAREQUAL : FT_TOKEN_OP;
    default: return FT_TOKEN_OP;
    }
}

static int
three_char_kind(int c1, int c2, int c3)
{
    if (c3 == '=') {
        if (c1 == '*' && c2 == '*')
            return FT_TOKEN_DOUBLESTAREQUAL;
        if (c1 == '/' && c2 == '/')
            return FT_TOKEN_DOUBLESLASHEQUAL;
        if (c1 == '<' && c2 == '<')
            return FT_TOKEN_LEFTSHIFTEQUAL;
        if (c1 == '>' && c2 == '>')
            return FT_TOKEN_RIGHTSHIFTEQUAL;
    }
    if (c1 == '.' && c2 == '.' && c3 == '.')
        return FT_TOKEN_ELLIPSIS;
    return FT_TOKEN_OP;
}

// Scanning.

// Consumes a backslash-newline (the backslash has been read). Returns false with done set when
// something else follows or the input ends.
static bool
continuation_line(FtTokenizer *tok)
{
    int c = ft_lexer_next_char(tok);
    if (c == '\r')
        c = ft_lexer_next_char(tok);
    if (c != '\n') {
        tok->done = FT_LEXER_DONE_LINECONT;
        return false;
    }
    c = ft_lexer_next_char(tok);
    if (c == FT_TOKENIZER_EOF) {
        tok->done = FT_LEXER_DONE_EOF;
        tok->cur = tok->inp;
        return false;
    }
    ft_lexer_backup_char(tok, c);
    return true;
}

// Reads the indentation of a new line and queues INDENT/DEDENT tokens. Returns 0 to go on, or
// FT_TOKEN_ERROR. *blankline is set for lines holding only whitespace and/or a comment.
static int
read_indentation(FtTokenizer *tok, bool *blankline)
{
    int col = 0, altcol = 0, cont_line_col = 0;
    int c;
    tok->atbol = false;
    for (;;) {
        c = ft_lexer_next_char(tok);
        if (c == ' ') {
            col++;
            altcol++;
        } else if (c == '\t') {
            col = (col / FT_TOKENIZER_TABSIZE + 1) * FT_TOKENIZER_TABSIZE;
            altcol = (altcol / FT_TOKENIZER_ALT_TABSIZE + 1) * FT_TOKENIZER_ALT_TABSIZE;
        } else if (c == '\f') {
            col = altcol = 0;
        } else if (c == '\\') {
            // The first backslash decides the indentation of what follows it.
            cont_line_col = cont_line_col ? cont_line_col : col;
            if (!continuation_line(tok))
                return FT_TOKEN_ERROR;
        } else {
            break;
        }
    }
    ft_lexer_backup_char(tok, c);
    *blankline = c == '#' || c == '\n' || c == '\r';
    if (*blankline || tok->level != 0)
        return 0;
    if (cont_line_col) {
        col = cont_line_col;
        altcol = cont_line_col;
    }
    if (col == tok->indstack[tok->indent]) {
        if (altcol != tok->altindstack[tok->indent])
            return indent_error(tok);
    } else if (col > tok->indstack[tok->indent]) {
        if (tok->indent + 1 >= FT_TOKENIZER_MAX_INDENT) {
            tok->done = FT_LEXER_DONE_TOODEEP;
            tok->cur = tok->inp;
            return FT_TOKEN_ERROR;
        }
        if (altcol <= tok->altindstack[tok->indent])
            return indent_error(tok);
        tok->pendin++;
        tok->indstack[++tok->indent] = col;
        tok->altindstack[tok->indent] = altcol;
    } else {
        while (tok->indent > 0 && col < tok->indstack[tok->indent]) {
            tok->pendin--;
            tok->indent--;
        }
        if (col != tok->indstack[tok->indent]) {
            tok->done = FT_LEXER_DONE_DEDENT;
            tok->cur = tok->inp;
            return FT_TOKEN_ERROR;
        }
        if (altcol != tok->altindstack[tok->indent])
            return indent_error(tok);
    }
    return 0;
}

// A comment (read up to, and including, c: its newline or EOF) that starts with "# type: ", each
// space there standing for any run of spaces and tabs, is a TYPE_COMMENT, or a TYPE_IGNORE for
// "ignore" followed by nothing alphanumeric. Returns FT_TOKEN_COMMENT when it is neither.
static int
scan_type_comment(FtTokenizer *tok, FtLexerToken *token, int c, bool blankline)
{
    static const char prefix[] = "# type: ";
    const char *p = tok->start;
    const char *want = prefix;
    while (*want != '\0' && p < tok->cur) {
        if (*want == ' ') {
            while (*p == ' ' || *p == '\t')
                p++;
        } else if (*want == *p) {
            p++;
        } else {
            break;
        }
        want++;
    }
    if (*want != '\0')
        return FT_TOKEN_COMMENT;
    ft_lexer_backup_char(tok, c); // leave the newline (or EOF) for the next token
    const char *ignore_end = p + 6;
    bool is_ignore = tok->cur >= ignore_end && memcmp(p, "ignore", 6) == 0 &&
                     !(tok->cur > ignore_end && ((unsigned char)ignore_end[0] >= 128 ||
                                                 is_identifier_char((unsigned char)ignore_end[0])));
    if (!is_ignore)
        return make_token(token, FT_TOKEN_TYPE_COMMENT, p, tok->cur);
    const char *end = tok->cur;
    if (blankline) {
        // A type: ignore alone on its line also takes the newline.
        ft_lexer_next_char(tok);
        tok->atbol = true;
    }
    return make_token(token, FT_TOKEN_TYPE_IGNORE, ignore_end, end);
}

int
ft_lexer_scan_regular(FtTokenizer *tok, FtLexerMode *mode, FtLexerToken *token)
{
    int c;
    bool blankline;
nextline:
    tok->start = NULL;
    blankline = false;
    if (tok->atbol) {
        if (read_indentation(tok, &blankline) == FT_TOKEN_ERROR)
            return FT_TOKEN_ERROR;
    }
    tok->start = tok->cur;
    if (tok->pendin != 0) {
        if (tok->pendin < 0) {
            tok->pendin++;
            if (tok->extra)
                return make_token(token, FT_TOKEN_DEDENT, tok->cur, tok->cur);
            return make_token(token, FT_TOKEN_DEDENT, NULL, NULL);
        }
        tok->pendin--;
        if (tok->extra)
            return make_token(token, FT_TOKEN_INDENT, tok->line_start, tok->cur);
        return make_token(token, FT_TOKEN_INDENT, NULL, NULL);
    }
    // Peek, so that a new line is read (and lineno advanced) before the token starts.
    c = ft_lexer_next_char(tok);
    ft_lexer_backup_char(tok, c);
again:
    tok->start = NULL;
    do {
        c = ft_lexer_next_char(tok);
    } while (c == ' ' || c == '\t' || c == '\f');
    tok->start = tok->cur == NULL ? NULL : tok->cur - 1;

    if (c == '#') {
        while (c != FT_TOKENIZER_EOF && c != '\n' && c != '\r')
            c = ft_lexer_next_char(tok);
        if (tok->flags & FT_TOKENIZER_TYPE_COMMENTS) {
            int kind = scan_type_comment(tok, token, c, blankline);
            if (kind != FT_TOKEN_COMMENT)
                return kind;
        }
        if (tok->extra) {
            const char *p = tok->start;
            ft_lexer_backup_char(tok, c);
            tok->comment_newline = blankline;
            return make_token(token, FT_TOKEN_COMMENT, p, tok->cur);
        }
    }
    if (c == FT_TOKENIZER_EOF) {
        if (tok->level)
            return FT_TOKEN_ERROR;
        return tok->done == FT_LEXER_DONE_EOF ? make_token(token, FT_TOKEN_ENDMARKER, NULL, NULL)
                                     : FT_TOKEN_ERROR;
    }

    if (is_identifier_start(c)) {
        bool saw_b = false, saw_r = false, saw_u = false, saw_f = false, saw_t = false;
        for (;;) {
            int lc = to_lower(c);
            if (lc == 'b' && !saw_b)
                saw_b = true;
            else if (lc == 'r' && !saw_r)
                saw_r = true;
            else if (lc == 'u' && !saw_u)
                saw_u = true;
            else if (lc == 'f' && !saw_f)
                saw_f = true;
            else if (lc == 't' && !saw_t)
                saw_t = true;
            else
                break;
            c = ft_lexer_next_char(tok);
            if (c == '"' || c == '\'') {
                if (!ft_lexer_check_prefix(tok, saw_b, saw_r, saw_u, saw_f, saw_t))
                    return FT_TOKEN_ERROR;
                if (saw_f || saw_t)
                    return ft_lexer_open_fstring(tok, token, c, saw_t);
                return ft_lexer_scan_string(tok, token, c);
            }
        }
        bool nonascii = false;
        while (is_identifier_char(c)) {
            if (c >= 128)
                nonascii = true;
            c = ft_lexer_next_char(tok);
        }
        ft_lexer_backup_char(tok, c);
        if (nonascii && !verify_identifier(tok))
            return FT_TOKEN_ERROR;
        return make_token(token, FT_TOKEN_NAME, tok->start, tok->cur);
    }

    if (c == '\r')
        c = ft_lexer_next_char(tok);

    if (c == '\n') {
        tok->atbol = true;
        if (blankline || tok->level > 0) {
            if (tok->extra) {
                tok->comment_newline = false;
                return make_token(token, FT_TOKEN_NL, tok->start, tok->cur);
            }
            goto nextline;
        }
        if (tok->comment_newline && tok->extra) {
            tok->comment_newline = false;
            return make_token(token, FT_TOKEN_NL, tok->start, tok->cur);
        }
        tok->cont_line = false;
        return make_token(token, FT_TOKEN_NEWLINE, tok->start, tok->cur - 1);
    }

    if (c == '.') {
        c = ft_lexer_next_char(tok);
        if (is_digit(c)) {
            int type = ft_lexer_scan_number(tok, c, true);
            return type == FT_TOKEN_ERROR ? type : make_token(token, type, tok->start, tok->cur);
        }
        if (c == '.') {
            c = ft_lexer_next_char(tok);
            if (c == '.')
                return make_token(token, FT_TOKEN_ELLIPSIS, tok->start, tok->cur);
            ft_lexer_backup_char(tok, c);
            ft_lexer_backup_char(tok, '.');
        } else {
            ft_lexer_backup_char(tok, c);
        }
        return make_token(token, FT_TOKEN_DOT, tok->start, tok->cur);
    }

    if (is_digit(c)) {
        int type = ft_lexer_scan_number(tok, c, false);
        return type == FT_TOKEN_ERROR ? type : make_token(token, type, tok->start, tok->cur);
    }

    if (c == '\'' || c == '"')
        return ft_lexer_scan_string(tok, token, c);

    if (c == '\\') {
        if (!continuation_line(tok))
            return FT_TOKEN_ERROR;
        tok->cont_line = true;
        goto again;
    }

    // Inside a replacement field, ':', '!', '}' (and '{') may end or start expressions.
    if ((c == ':' || c == '}' || c == '!' || c == '{') && inside_fstring(tok) &&
        inside_fstring_expr(mode)) {
        int cursor = mode->curly_depth - (c != '{');
        bool in_format_spec = mode->in_format_spec;
        bool cursor_valid = cursor == 0 || (cursor == 1 && (mode->debug || in_format_spec));
        if (cursor_valid) {
            ft_lexer_update_fstring_expr(tok, c);
            if (c != '{' && !ft_lexer_set_fstring_debug_text(tok, token)) {
                tok->done = FT_LEXER_DONE_NOMEM;
                return FT_TOKEN_ERROR;
            }
        }
        if (c == ':' && cursor == mode->expr_start_depth) {
            mode->kind = FT_LEXER_MODE_FSTRING;
            mode->in_format_spec = true;
            return make_token(token, FT_TOKEN_COLON, tok->start, tok->cur);
        }
    }

    {
        int c2 = ft_lexer_next_char(tok);
        int kind = two_char_kind(c, c2);
        if (kind != FT_TOKEN_OP) {
            int c3 = ft_lexer_next_char(tok);
            int kind3 = three_char_kind(c, c2, c3);
            if (kind3 != FT_TOKEN_OP)
                kind = kind3;
            else
                ft_lexer_backup_char(tok, c3);
            return make_token(token, kind, tok->start, tok->cur);
        }
        ft_lexer_backup_char(tok, c2);
    }

    switch (c) {
    case '(':
    case '[':
    case '{':
        if (tok->level >= FT_TOKENIZER_MAX_LEVEL) {
            ft_lexer_error(tok, "too many nested parentheses");
            return FT_TOKEN_ERROR;
        }
        tok->parenstack[tok->level] = (char)c;
        tok->parenlinenostack[tok->level] = tok->lineno;
        tok->parencolstack[tok->level] = (int)(tok->start - tok->line_start);
        tok->level++;
        if (inside_fstring(tok))
            mode->curly_depth++;
        break;
    case ')':
    case ']':
    case '}':
        if (inside_fstring(tok) && mode->curly_depth == 0 && c == '}') {
            ft_lexer_error(tok, "%c-string: single '}' is not allowed", string_kind_letter(mode));
            return FT_TOKEN_ERROR;
        }
        if (!tok->extra && tok->level == 0) {
            ft_lexer_error(tok, "unmatched '%c'", c);
            return FT_TOKEN_ERROR;
        }
        if (tok->level > 0) {
            tok->level--;
            int opening = tok->parenstack[tok->level];
            bool matches = (opening == '(' && c == ')') || (opening == '[' && c == ']') ||
                           (opening == '{' && c == '}');
            // A bracket closing a replacement field's '{' is reported even in extra mode.
            if (!matches && inside_fstring(tok) && opening == '{' &&
                mode->curly_depth - 1 == mode->expr_start_depth) {
                ft_lexer_error(tok, "%c-string: unmatched '%c'", string_kind_letter(mode), c);
                return FT_TOKEN_ERROR;
            }
            if (!tok->extra && !matches) {
                if (tok->parenlinenostack[tok->level] != tok->lineno)
                    ft_lexer_error(tok, "closing parenthesis '%c' does not match opening "
                                   "parenthesis '%c' on line %d",
                                   c, opening, tok->parenlinenostack[tok->level]);
                else
                    ft_lexer_error(tok, "closing parenthesis '%c' does not match opening "
                                   "parenthesis '%c'", c, opening);
                return FT_TOKEN_ERROR;
            }
        }
        if (inside_fstring(tok)) {
            mode->curly_depth--;
            if (mode->curly_depth < 0) {
                ft_lexer_error(tok, "%c-string: unmatched '%c'", string_kind_letter(mode), c);
                return FT_TOKEN_ERROR;
            }
            if (c == '}' && mode->curly_depth == mode->expr_start_depth) {
                mode->expr_start_depth--;
                mode->kind = FT_LEXER_MODE_FSTRING;
                mode->in_format_spec = false;
                mode->debug = false;
            }
        }
        break;
    default:
        break;
    }

    if (c < 0x20 || c == 0x7F) {
        ft_lexer_error(tok, "invalid non-printable character U+%04X", c);
        return FT_TOKEN_ERROR;
    }
    if (c == '=' && inside_fstring_expr(mode))
        mode->debug = true;
    return make_token(token, one_char_kind(c), tok->start, tok->cur);
}

static int
scan_token(FtTokenizer *tok, FtLexerToken *token)
{
    FtLexerMode *mode = current_mode(tok);
    if (mode->kind == FT_LEXER_MODE_REGULAR)
        return ft_lexer_scan_regular(tok, mode, token);
    return ft_lexer_scan_fstring(tok, mode, token);
}

// Public interface.

static FtTokenizer *
tokenizer_create(const char *bytes, size_t len, int flags)
{
    FtTokenizer *tok = mi_calloc(1, sizeof(FtTokenizer));
    if (tok == NULL)
        return NULL;
    tok->flags = flags;
    tok->extra = (flags & FT_TOKENIZER_EXTRA_TOKENS) != 0;
    tok->atbol = true;
    snprintf(tok->encoding, sizeof(tok->encoding), "utf-8");
    int decode_flags = 0;
    if (flags & FT_TOKENIZER_STRING_INPUT)
        decode_flags |= FT_SOURCE_DECODE_STRING_INPUT;
    if (tok->extra)
        decode_flags |= FT_SOURCE_DECODE_TOKENIZE;
    FtDecodedSource src;
    if (ft_source_decode(bytes != NULL ? bytes : "", bytes != NULL ? len : 0, decode_flags, &src,
                         &tok->error) != 0) {
        if (tok->error.kind == FT_SYNTAX_MEMORY_ERROR) {
            ft_syntax_error_clear(&tok->error);
            mi_free(tok);
            return NULL;
        }
        tok->done = FT_LEXER_DONE_ERROR;
        return tok; // the first ft_tokenizer_next() reports the error
    }
    snprintf(tok->encoding, sizeof(tok->encoding), "%s", src.encoding);
    if (src.len > 0 && src.utf8[src.len - 1] != '\n') {
        char *grown = mi_realloc(src.utf8, src.len + 2);
        if (grown == NULL) {
            mi_free(src.utf8);
            mi_free(tok);
            return NULL;
        }
        src.utf8 = grown;
        src.utf8[src.len++] = '\n';
        src.utf8[src.len] = '\0';
        tok->newline_appended = true;
    }
    tok->buf = src.utf8;
    tok->buf_end = src.utf8 + src.len;
    tok->cur = tok->inp = tok->line_start = tok->buf_start = tok->buf;
    tok->multi_line_start = tok->buf;
    return tok;
}

FtTokenizer *
ft_tokenizer_new(const char *bytes, size_t len, int flags)
{
    return tokenizer_create(bytes, len, flags);
}

FtTokenizer *
ft_tokenizer_new_utf8(const char *utf8, size_t len, int flags)
{
    return tokenizer_create(utf8, len, flags | FT_TOKENIZER_STRING_INPUT);
}

void
ft_tokenizer_free(FtTokenizer *tok)
{
    if (tok == NULL)
        return;
    for (size_t i = 0; i < tok->owned_count; i++)
        mi_free(tok->owned[i]);
    for (size_t i = 0; i < tok->warning_count; i++)
        ft_syntax_error_clear(&tok->warnings[i]);
    mi_free(tok->warnings);
    mi_free(tok->owned);
    ft_syntax_error_clear(&tok->error);
    mi_free(tok->buf);
    mi_free(tok);
}

const FtSyntaxError *
ft_tokenizer_error(const FtTokenizer *tok)
{
    return &tok->error;
}

size_t
ft_tokenizer_warning_count(const FtTokenizer *tok)
{
    return tok->warning_count;
}

const FtSyntaxError *
ft_tokenizer_warning(const FtTokenizer *tok, size_t index)
{
    return index < tok->warning_count ? &tok->warnings[index] : NULL;
}

const char *
ft_tokenizer_source(const FtTokenizer *tok, size_t *len_out)
{
    if (tok->buf == NULL) {
        *len_out = 0;
        return NULL;
    }
    *len_out = (size_t)(tok->buf_end - tok->buf);
    return tok->buf;
}

const char *
ft_tokenizer_encoding(const FtTokenizer *tok)
{
    return tok->encoding;
}

const char *
ft_tokenizer_line(const FtTokenizer *tok, int lineno, size_t *len_out)
{
    *len_out = 0;
    if (tok->buf == NULL || lineno < 1)
        return NULL;
    const char *p = tok->buf;
    for (int n = 1; n < lineno; n++) {
        const char *nl = memchr(p, '\n', (size_t)(tok->buf_end - p));
        if (nl == NULL)
            return NULL;
        p = nl + 1;
    }
    if (p >= tok->buf_end)
        return NULL;
    *len_out = line_text_len(p, tok->buf_end);
    return p;
}

int
ft_tokenizer_char_col(const FtTokenizer *tok, int lineno, int byte_col)
{
    size_t len;
    const char *line = ft_tokenizer_line(tok, lineno, &len);
    if (line == NULL)
        return byte_col;
    int chars = ft_syntax_byte_to_char_col(line, len, byte_col);
    // CPython converts with the line's newline included: a column past the text (the end of a
    // NEWLINE token) counts it as one more character.
    if (byte_col > (int)len && line + len < tok->buf_end)
        chars++;
    return chars;
}

// Characters between line and pos, reusing the last answer when pos is further on the same line,
// so that a long line costs O(length) over all its tokens.
static int
cached_char_col(FtTokenizer *tok, const char *line, const char *pos)
{
    int chars;
    if (tok->colcache_line == line && pos >= tok->colcache_pos)
        chars = tok->colcache_chars + ft_lexer_char_count(tok->colcache_pos, pos);
    else
        chars = ft_lexer_char_count(line, pos);
    tok->colcache_line = line;
    tok->colcache_pos = pos;
    tok->colcache_chars = chars;
    return chars;
}

// The file comment's invariants, checked after every token in debug builds.
static void
check_invariants(const FtTokenizer *tok)
{
    FT_ASSERT_INTERNAL(tok->buf <= tok->line_start && tok->line_start <= tok->cur);
    FT_ASSERT_INTERNAL(tok->cur <= tok->inp && tok->inp <= tok->buf_end);
    FT_ASSERT_INTERNAL(tok->indent >= 0 && tok->indent < FT_TOKENIZER_MAX_INDENT);
    FT_ASSERT_INTERNAL(tok->indstack[0] == 0);
    FT_ASSERT_INTERNAL(tok->level >= 0 && tok->level <= FT_TOKENIZER_MAX_LEVEL);
    FT_ASSERT_INTERNAL(tok->mode_index >= 0 && tok->mode_index < FT_TOKENIZER_MAX_FSTRING_LEVEL);
    FT_ASSERT_INTERNAL(tok->modes[0].kind == FT_LEXER_MODE_REGULAR);
    FT_ASSERT_EXPENSIVE(tok->indent == 0 || tok->indstack[tok->indent - 1] < tok->indstack[tok->indent]);
    (void)tok;
}

static int
finish_with_error(FtTokenizer *tok)
{
    if (tok->error.kind == FT_SYNTAX_NONE)
        record_done_error(tok);
    tok->finished = true;
    tok->final_type = FT_TOKEN_ERROR;
    return FT_TOKEN_ERROR;
}

int
ft_tokenizer_next(FtTokenizer *tok, FtToken *out)
{
    memset(out, 0, sizeof(*out));
    if (tok->finished) {
        if (tok->final_type == FT_TOKEN_ERROR)
            return FT_TOKEN_ERROR;
        out->type = out->exact_type = FT_TOKEN_ENDMARKER;
        out->lineno = out->end_lineno = tok->extra ? tok->lineno + 1 : tok->lineno;
        return FT_TOKEN_ENDMARKER;
    }
    if (tok->extra && !(tok->flags & FT_TOKENIZER_STRING_INPUT) && !tok->emitted_encoding) {
        // tokenize.tokenize() starts with the detected encoding, even when detection failed.
        tok->emitted_encoding = true;
        if (tok->buf != NULL) {
            out->type = out->exact_type = FT_TOKEN_ENCODING;
            out->start = tok->encoding;
            out->end = tok->encoding + strlen(tok->encoding);
            return FT_TOKEN_ENCODING;
        }
    }
    if (tok->buf == NULL)
        return finish_with_error(tok);

    FtLexerToken raw = {0};
    int type = scan_token(tok, &raw);
    // An error met while reading a line (a NUL byte) ends the stream even if the scanner went on
    // to produce a token from the EOF it saw.
    if (type == FT_TOKEN_ERROR || tok->done == FT_LEXER_DONE_ERROR)
        return finish_with_error(tok);

    check_invariants(tok);
    bool string_like = type == FT_TOKEN_STRING || type == FT_TOKEN_FSTRING_MIDDLE ||
                       type == FT_TOKEN_TSTRING_MIDDLE;
    const char *first_line = string_like ? tok->multi_line_start : tok->line_start;
    out->type = out->exact_type = type;
    out->start = raw.start;
    out->end = raw.end;
    out->lineno = string_like ? tok->first_lineno : tok->lineno;
    out->end_lineno = tok->lineno;
    out->col_offset = raw.start != NULL && raw.start >= first_line ? (int)(raw.start - first_line) : -1;
    out->end_col_offset =
        raw.end != NULL && raw.end >= tok->line_start ? (int)(raw.end - tok->line_start) : -1;
    out->level = tok->level;
    out->line_start = first_line;
    out->line_end = tok->inp;
    if (tok->implicit_newline && out->line_end > out->line_start)
        out->line_end--; // tokenize does not show the newline it added
    bool trailing = type == FT_TOKEN_ENDMARKER ||
                    (type == FT_TOKEN_DEDENT && tok->done == FT_LEXER_DONE_EOF);
    if (trailing) {
        // Read after the last line, so there is no line; Python-tokenize.c still shows the previous
        // token's line when that token was on the same line number (its line cache), except in
        // extra mode.
        if (!tok->extra && out->lineno == tok->last_token_lineno) {
            out->line_start = tok->last_line_start;
            out->line_end = tok->last_line_end;
        } else {
            out->line_end = out->line_start;
        }
    }
    tok->last_token_lineno = out->lineno;
    tok->last_line_start = out->line_start;
    tok->last_line_end = out->line_end;
    out->debug_text = raw.debug_text;
    out->debug_len = raw.debug_len;

    if (type == FT_TOKEN_ENDMARKER) {
        tok->finished = true;
        tok->final_type = FT_TOKEN_ENDMARKER;
    }
    if (!tok->extra) {
        // The parser sees NEWLINE one character wide (its errors end after the newline), although
        // the lexer leaves the newline out of the text; _tokenize shows the narrow form, which
        // ft_tokenizer_dump() restores.
        if (type == FT_TOKEN_NEWLINE && raw.end < tok->buf_end &&
            (*raw.end == '\n' || *raw.end == '\r'))
            out->end_col_offset++;
        return type;
    }

    // The tokenize module's view (Python-tokenize.c): character columns, trailing tokens on the
    // line after the last, operators as OP, newline tokens carrying their text.
    if (out->col_offset >= 0)
        out->col_offset = cached_char_col(tok, first_line, raw.start);
    if (out->end_col_offset >= 0)
        out->end_col_offset = cached_char_col(tok, tok->line_start, raw.end);
    if (trailing) {
        out->lineno = out->end_lineno = out->lineno + 1;
        out->col_offset = out->end_col_offset = 0;
    }
    if (type > FT_TOKEN_DEDENT && type < FT_TOKEN_OP) {
        out->type = FT_TOKEN_OP;
    } else if (type == FT_TOKEN_NEWLINE) {
        if (tok->implicit_newline)
            out->end = out->start;
        else
            out->end = out->start + (out->start[0] == '\r' ? 2 : 1);
        out->end_col_offset++;
    } else if (type == FT_TOKEN_NL && tok->implicit_newline) {
        out->end = out->start;
    }
    return out->type;
}

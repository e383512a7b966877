// compiler/tokenizer_literal.c: the lexer's literals: numbers (with CPython's "invalid ... literal"
// errors and warnings), string and bytes literals, and the f-string/t-string mode (PEP 701/750):
// FSTRING_MIDDLE/FSTRING_END scanning, replacement-field tracking and "{expr=}" debug text.
//
// Owns no state of its own: every function works on the FtTokenizer (compiler/tokenizer_internal.h)
// it is given, whose invariants are stated in compiler/tokenizer.c. It mirrors the behaviour (not
// the code) of CPython's Parser/lexer/lexer.c (tok_get_normal_mode's number and string branches,
// tok_get_fstring_mode, verify_end_of_number) and Parser/lexer/state.c
// (_PyLexer_update_fstring_expr).
//
// Concurrency: single-owner, as the tokenizer it works on; no locks, no shared data.
#include <stdbool.h>                // bool
#include <string.h>                 // memchr, memset

#include <mimalloc.h>               // mi_malloc, mi_realloc

#include "compiler/tokenizer_internal.h" // FtTokenizer, FtLexerMode, ft_lexer_next_char, ...

// Numbers.

// Whether the characters after cur spell `rest` followed by a non-identifier character; restores
// the position either way.
static bool
lookahead(FtTokenizer *tok, const char *rest)
{
    const char *save = tok->cur;
    const char *p = rest;
    bool result = false;
    for (;;) {
        int c = ft_lexer_next_char(tok);
        if (*p == '\0') {
            result = !is_identifier_char(c);
            break;
        }
        if (c != (unsigned char)*p)
            break;
        p++;
    }
    tok->cur = save;
    return result;
}

// CPython's verify_end_of_number. c has been read (it follows the literal).
static bool
verify_end_of_number(FtTokenizer *tok, int c, const char *kind)
{
    if (tok->extra)
        return true;
    bool keyword = false;
    switch (c) {
    case 'a':
        keyword = lookahead(tok, "nd");
        break;
    case 'e':
        keyword = lookahead(tok, "lse");
        break;
    case 'f':
        keyword = lookahead(tok, "or");
        break;
    case 'i': {
        int c2 = ft_lexer_next_char(tok);
        keyword = c2 == 'f' || c2 == 'n' || c2 == 's';
        ft_lexer_backup_char(tok, c2);
        break;
    }
    case 'o':
        keyword = lookahead(tok, "r");
        break;
    case 'n':
        keyword = lookahead(tok, "ot");
        break;
    default:
        break;
    }
    if (keyword) {
        ft_lexer_warn(tok, "invalid %s literal", kind);
        return true;
    }
    if (c >= 0 && c < 128 && is_identifier_char(c)) {
        ft_lexer_backup_char(tok, c);
        ft_lexer_error(tok, "invalid %s literal", kind);
        return false;
    }
    return true;
}

// Digits with single underscores between them. Returns the character after them, or 0 on error.
static int
decimal_tail(FtTokenizer *tok)
{
    int c;
    for (;;) {
        do {
            c = ft_lexer_next_char(tok);
        } while (is_digit(c));
        if (c != '_')
            break;
        c = ft_lexer_next_char(tok);
        if (!is_digit(c)) {
            ft_lexer_backup_char(tok, c);
            ft_lexer_error(tok, "invalid decimal literal");
            return 0;
        }
    }
    return c;
}

// Scans a number whose first character c has been read. Returns NUMBER or FT_TOKEN_ERROR; on
// success cur is just past the literal.
int
ft_lexer_scan_number(FtTokenizer *tok, int c, bool after_dot)
{
    if (after_dot)
        goto fraction;
    if (c == '0') {
        c = ft_lexer_next_char(tok);
        if (c == 'x' || c == 'X') {
            c = ft_lexer_next_char(tok);
            do {
                if (c == '_')
                    c = ft_lexer_next_char(tok);
                if (!is_xdigit(c)) {
                    ft_lexer_backup_char(tok, c);
                    ft_lexer_error(tok, "invalid hexadecimal literal");
                    return FT_TOKEN_ERROR;
                }
                do {
                    c = ft_lexer_next_char(tok);
                } while (is_xdigit(c));
            } while (c == '_');
            if (!verify_end_of_number(tok, c, "hexadecimal"))
                return FT_TOKEN_ERROR;
        } else if (c == 'o' || c == 'O' || c == 'b' || c == 'B') {
            bool octal = c == 'o' || c == 'O';
            int max_digit = octal ? '7' : '1';
            const char *kind = octal ? "octal" : "binary";
            c = ft_lexer_next_char(tok);
            do {
                if (c == '_')
                    c = ft_lexer_next_char(tok);
                if (c < '0' || c > max_digit) {
                    if (is_digit(c)) {
                        ft_lexer_error(tok, "invalid digit '%c' in %s literal", c, kind);
                    } else {
                        ft_lexer_backup_char(tok, c);
                        ft_lexer_error(tok, "invalid %s literal", kind);
                    }
                    return FT_TOKEN_ERROR;
                }
                do {
                    c = ft_lexer_next_char(tok);
                } while (c >= '0' && c <= max_digit);
            } while (c == '_');
            if (is_digit(c)) {
                ft_lexer_error(tok, "invalid digit '%c' in %s literal", c, kind);
                return FT_TOKEN_ERROR;
            }
            if (!verify_end_of_number(tok, c, kind))
                return FT_TOKEN_ERROR;
        } else {
            bool nonzero = false;
            // Leading zeros: "0", "00", "0_0" are fine; other digits may still make a float.
            for (;;) {
                if (c == '_') {
                    c = ft_lexer_next_char(tok);
                    if (!is_digit(c)) {
                        ft_lexer_backup_char(tok, c);
                        ft_lexer_error(tok, "invalid decimal literal");
                        return FT_TOKEN_ERROR;
                    }
                }
                if (c != '0')
                    break;
                c = ft_lexer_next_char(tok);
            }
            const char *zeros_end = tok->cur;
            if (is_digit(c)) {
                nonzero = true;
                c = decimal_tail(tok);
                if (c == 0)
                    return FT_TOKEN_ERROR;
            }
            if (c == '.') {
                c = ft_lexer_next_char(tok);
                goto fraction;
            } else if (c == 'e' || c == 'E') {
                goto exponent;
            } else if (c == 'j' || c == 'J') {
                goto imaginary;
            } else if (nonzero && !tok->extra) {
                ft_lexer_backup_char(tok, c);
                ft_lexer_error_range(tok, ft_lexer_char_count(tok->line_start, tok->start) + 1,
                                     ft_lexer_char_count(tok->line_start, zeros_end),
                                     "leading zeros in decimal integer literals are not permitted; "
                                     "use an 0o prefix for octal integers");
                return FT_TOKEN_ERROR;
            }
            if (!verify_end_of_number(tok, c, "decimal"))
                return FT_TOKEN_ERROR;
        }
        ft_lexer_backup_char(tok, c);
        return FT_TOKEN_NUMBER;
    }
    c = decimal_tail(tok);
    if (c == 0)
        return FT_TOKEN_ERROR;
    if (c == '.') {
        c = ft_lexer_next_char(tok);
    fraction:
        if (is_digit(c)) {
            c = decimal_tail(tok);
            if (c == 0)
                return FT_TOKEN_ERROR;
        }
    }
    if (c == 'e' || c == 'E') {
        int e;
    exponent:
        e = c;
        c = ft_lexer_next_char(tok);
        if (c == '+' || c == '-') {
            c = ft_lexer_next_char(tok);
            if (!is_digit(c)) {
                ft_lexer_backup_char(tok, c);
                ft_lexer_error(tok, "invalid decimal literal");
                return FT_TOKEN_ERROR;
            }
        } else if (!is_digit(c)) {
            ft_lexer_backup_char(tok, c);
            if (!verify_end_of_number(tok, e, "decimal"))
                return FT_TOKEN_ERROR;
            ft_lexer_backup_char(tok, e);
            return FT_TOKEN_NUMBER;
        }
        c = decimal_tail(tok);
        if (c == 0)
            return FT_TOKEN_ERROR;
    }
    if (c == 'j' || c == 'J') {
    imaginary:
        c = ft_lexer_next_char(tok);
        if (!verify_end_of_number(tok, c, "imaginary"))
            return FT_TOKEN_ERROR;
    } else if (!verify_end_of_number(tok, c, "decimal")) {
        return FT_TOKEN_ERROR;
    }
    ft_lexer_backup_char(tok, c);
    return FT_TOKEN_NUMBER;
}

// f-string and t-string support.

// Remembers where the current replacement field's expression starts or ends (CPython's
// _PyLexer_update_fstring_expr); c is '{' at a field start, or '}', '!' or ':' at its end. At a
// start, cur is just past the '{'; at an end, tok->start is the ending character.
void
ft_lexer_update_fstring_expr(FtTokenizer *tok, int c)
{
    FtLexerMode *mode = current_mode(tok);
    if (c == '{') {
        mode->expr_start = tok->cur;
        mode->expr_end = NULL;
    } else if (mode->expr_end == NULL) {
        mode->expr_end = tok->start;
    }
}

// Attaches the "{expr=" debug text to the token ending a field (CPython's set_fstring_expr):
// comments inside the expression are dropped up to their newline.
bool
ft_lexer_set_fstring_debug_text(FtTokenizer *tok, FtLexerToken *token)
{
    FtLexerMode *mode = current_mode(tok);
    if (!mode->debug || token->debug_text != NULL || mode->expr_start == NULL)
        return true;
    const char *s = mode->expr_start;
    const char *e = mode->expr_end != NULL ? mode->expr_end : tok->start;
    if (e < s)
        e = s;
    if (memchr(s, '#', (size_t)(e - s)) == NULL) {
        token->debug_text = s;
        token->debug_len = (size_t)(e - s);
        return true;
    }
    if (tok->owned_count == tok->owned_cap) {
        size_t cap = tok->owned_cap ? 2 * tok->owned_cap : 8;
        char **grown = mi_realloc(tok->owned, cap * sizeof(char *));
        if (grown == NULL)
            return false;
        tok->owned = grown;
        tok->owned_cap = cap;
    }
    char *text = mi_malloc((size_t)(e - s) + 1);
    if (text == NULL)
        return false;
    size_t n = 0;
    for (const char *p = s; p < e; p++) {
        if (*p == '#') {
            while (p < e && *p != '\n')
                p++;
            if (p < e)
                text[n++] = '\n';
            continue;
        }
        text[n++] = *p;
    }
    text[n] = '\0';
    tok->owned[tok->owned_count++] = text;
    token->debug_text = text;
    token->debug_len = n;
    return true;
}

// Strings.

// Checks a string prefix for letters that cannot go together (3.14 reports these itself).
bool
ft_lexer_check_prefix(FtTokenizer *tok, bool b, bool r, bool u, bool f, bool t)
{
    const char *a = NULL, *z = NULL;
    if (u && b) {
        a = "u"; z = "b";
    } else if (u && r) {
        a = "u"; z = "r";
    } else if (u && f) {
        a = "u"; z = "f";
    } else if (u && t) {
        a = "u"; z = "t";
    } else if (b && f) {
        a = "b"; z = "f";
    } else if (b && t) {
        a = "b"; z = "t";
    } else if (f && t) {
        a = "f"; z = "t";
    }
    if (a == NULL)
        return true;
    ft_lexer_error_range(tok, ft_lexer_char_count(tok->line_start, tok->start) + 1,
                         ft_lexer_char_count(tok->line_start, tok->cur),
                         "'%s' and '%s' prefixes are incompatible", a, z);
    return false;
}

// Opens an f-string or t-string whose prefix and opening quote c have been read.
int
ft_lexer_open_fstring(FtTokenizer *tok, FtLexerToken *token, int quote, bool tstring)
{
    int quote_size = 1;
    tok->first_lineno = tok->lineno;
    tok->multi_line_start = tok->line_start;
    int after = ft_lexer_next_char(tok);
    if (after == quote) {
        int after2 = ft_lexer_next_char(tok);
        if (after2 == quote) {
            quote_size = 3;
        } else {
            ft_lexer_backup_char(tok, after2);
            ft_lexer_backup_char(tok, after);
        }
    } else {
        ft_lexer_backup_char(tok, after);
    }
    if (tok->mode_index + 1 >= FT_TOKENIZER_MAX_FSTRING_LEVEL) {
        ft_lexer_error(tok, "too many nested f-strings or t-strings");
        return FT_TOKEN_ERROR;
    }
    FtLexerMode *mode = &tok->modes[++tok->mode_index];
    memset(mode, 0, sizeof(*mode));
    mode->kind = FT_LEXER_MODE_FSTRING;
    mode->quote = quote;
    mode->quote_size = quote_size;
    mode->tstring = tstring;
    mode->start = tok->start;
    mode->start_line = tok->line_start;
    mode->start_lineno = tok->lineno;
    mode->expr_start_depth = -1;
    int first = to_lower((unsigned char)tok->start[0]);
    mode->raw = first == 'r' || to_lower((unsigned char)tok->start[1]) == 'r';
    return make_token(token, tstring ? FT_TOKEN_TSTRING_START : FT_TOKEN_FSTRING_START,
                      tok->start, tok->cur);
}

// Scans a string literal whose opening quote has been read.
int
ft_lexer_scan_string(FtTokenizer *tok, FtLexerToken *token, int quote)
{
    int quote_size = 1, end_quote_size = 0;
    bool escaped_quote = false;
    tok->first_lineno = tok->lineno;
    tok->multi_line_start = tok->line_start;
    int c = ft_lexer_next_char(tok);
    if (c == quote) {
        c = ft_lexer_next_char(tok);
        if (c == quote)
            quote_size = 3;
        else
            end_quote_size = 1; // the empty string
    }
    if (c != quote)
        ft_lexer_backup_char(tok, c);
    while (end_quote_size != quote_size) {
        c = ft_lexer_next_char(tok);
        if (tok->done == FT_LEXER_DONE_ERROR)
            return FT_TOKEN_ERROR;
        if (c == FT_TOKENIZER_EOF || (quote_size == 1 && c == '\n')) {
            // Report from the opening quote.
            tok->cur = tok->start + 1;
            tok->line_start = tok->multi_line_start;
            int detected = tok->lineno;
            tok->lineno = tok->first_lineno;
            if (inside_fstring(tok)) {
                FtLexerMode *mode = current_mode(tok);
                if (mode->quote == quote && mode->quote_size == quote_size) {
                    ft_lexer_error(tok, "%c-string: expecting '}'", string_kind_letter(mode));
                    return FT_TOKEN_ERROR;
                }
            }
            if (quote_size == 3)
                ft_lexer_error(tok, "unterminated triple-quoted string literal "
                                    "(detected at line %d)", detected);
            else if (escaped_quote)
                ft_lexer_error(tok, "unterminated string literal (detected at line %d); "
                                    "perhaps you escaped the end quote?", detected);
            else
                ft_lexer_error(tok, "unterminated string literal (detected at line %d)", detected);
            return FT_TOKEN_ERROR;
        }
        if (c == quote) {
            end_quote_size++;
        } else {
            end_quote_size = 0;
            if (c == '\\') {
                c = ft_lexer_next_char(tok);
                if (c == quote)
                    escaped_quote = true;
                if (c == '\r')
                    c = ft_lexer_next_char(tok);
            }
        }
    }
    return make_token(token, FT_TOKEN_STRING, tok->start, tok->cur);
}

int
ft_lexer_scan_fstring(FtTokenizer *tok, FtLexerMode *mode, FtLexerToken *token)
{
    int end_quote_size = 0;
    bool unicode_escape = false;
    char kind = string_kind_letter(mode);
    int middle = mode->tstring ? FT_TOKEN_TSTRING_MIDDLE : FT_TOKEN_FSTRING_MIDDLE;

    tok->start = tok->cur;
    tok->first_lineno = tok->lineno;

    // A replacement field right here: nothing for this mode to produce before it.
    int start_char = ft_lexer_next_char(tok);
    if (start_char == '{') {
        int peek = ft_lexer_next_char(tok);
        ft_lexer_backup_char(tok, peek);
        ft_lexer_backup_char(tok, start_char);
        if (peek != '{') {
            mode->expr_start_depth++;
            if (mode->expr_start_depth >= FT_TOKENIZER_MAX_EXPR_NESTING) {
                ft_lexer_error(tok, "%c-string: expressions nested too deeply", kind);
                return FT_TOKEN_ERROR;
            }
            mode->kind = FT_LEXER_MODE_REGULAR;
            return ft_lexer_scan_regular(tok, mode, token);
        }
    } else {
        ft_lexer_backup_char(tok, start_char);
    }

    // The closing quote(s)?
    for (int i = 0; i < mode->quote_size; i++) {
        int q = ft_lexer_next_char(tok);
        if (q != mode->quote) {
            ft_lexer_backup_char(tok, q);
            goto middle;
        }
    }
    mode->expr_start = NULL;
    mode->expr_end = NULL;
    tok->mode_index--;
    return make_token(token, mode->tstring ? FT_TOKEN_TSTRING_END : FT_TOKEN_FSTRING_END,
                      tok->start, tok->cur);

middle:
    tok->multi_line_start = tok->line_start;
    while (end_quote_size != mode->quote_size) {
        int c = ft_lexer_next_char(tok);
        if (tok->done == FT_LEXER_DONE_ERROR)
            return FT_TOKEN_ERROR;
        bool in_format_spec = mode->in_format_spec && inside_fstring_expr(mode);
        if (c == FT_TOKENIZER_EOF || (mode->quote_size == 1 && c == '\n')) {
            if (in_format_spec && c == '\n') {
                ft_lexer_error(tok, "%c-string: newlines are not allowed in format specifiers for "
                               "single quoted %c-strings", kind, kind);
                return FT_TOKEN_ERROR;
            }
            tok->cur = mode->start + 1;
            tok->line_start = mode->start_line;
            int detected = tok->lineno;
            tok->lineno = mode->start_lineno;
            if (mode->quote_size == 3)
                ft_lexer_error(tok, "unterminated triple-quoted %c-string literal "
                                    "(detected at line %d)", kind, detected);
            else
                ft_lexer_error(tok, "unterminated %c-string literal (detected at line %d)", kind,
                               detected);
            return FT_TOKEN_ERROR;
        }
        if (c == mode->quote) {
            end_quote_size++;
            continue;
        }
        end_quote_size = 0;
        if (c == '{') {
            ft_lexer_update_fstring_expr(tok, c);
            int peek = ft_lexer_next_char(tok);
            if (peek != '{' || in_format_spec) {
                ft_lexer_backup_char(tok, peek);
                ft_lexer_backup_char(tok, c);
                mode->expr_start_depth++;
                if (mode->expr_start_depth >= FT_TOKENIZER_MAX_EXPR_NESTING) {
                    ft_lexer_error(tok, "%c-string: expressions nested too deeply", kind);
                    return FT_TOKEN_ERROR;
                }
                mode->kind = FT_LEXER_MODE_REGULAR;
                mode->in_format_spec = false;
                return make_token(token, middle, tok->start, tok->cur);
            }
            return make_token(token, middle, tok->start, tok->cur - 1);
        }
        if (c == '}') {
            if (unicode_escape)
                return make_token(token, middle, tok->start, tok->cur);
            int peek = ft_lexer_next_char(tok);
            if (peek == '}' && !in_format_spec && mode->curly_depth == 0)
                return make_token(token, middle, tok->start, tok->cur - 1);
            ft_lexer_backup_char(tok, peek);
            ft_lexer_backup_char(tok, c);
            mode->kind = FT_LEXER_MODE_REGULAR;
            mode->in_format_spec = false;
            return make_token(token, middle, tok->start, tok->cur);
        }
        if (c == '\\') {
            int peek = ft_lexer_next_char(tok);
            if (peek == '\r')
                peek = ft_lexer_next_char(tok);
            if (peek == '{' || peek == '}') {
                if (!mode->raw)
                    ft_lexer_warn(tok, "\"\\%c\" is an invalid escape sequence. Such sequences "
                                       "will not work in the future. Did you mean \"\\\\%c\"? A raw "
                                       "string is also an option.", peek, peek);
                ft_lexer_backup_char(tok, peek);
                continue;
            }
            if (!mode->raw && peek == 'N') {
                peek = ft_lexer_next_char(tok);
                if (peek == '{')
                    unicode_escape = true;
                else
                    ft_lexer_backup_char(tok, peek);
            }
        }
    }
    // Leave the closing quotes for FSTRING_END.
    for (int i = 0; i < mode->quote_size; i++)
        ft_lexer_backup_char(tok, mode->quote);
    return make_token(token, middle, tok->start, tok->cur);
}


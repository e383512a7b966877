// compiler/parser.c: the PEG parser's driver, token buffer, memo cache and action helpers.
//
// Owns: the parser state (FtParser), the token array filled lazily from the tokenizer (keywords
// are recognised here: the tokenizer hands them over as NAME), the per-token memo lists used by
// `(memo)` and left-recursive rules, and the helpers that grammar actions call to assemble nodes
// (argument lists, call arguments, string concatenation, f-strings), and error reporting: a failed
// parse is re-run from the first token with the invalid_* alternatives enabled, which raise the
// specific messages at CPython's locations (node ranges, "starting from" a token to where the
// tokenizer stands, the next token, the last token read); if none does, "invalid syntax" (or
// "unexpected indent"/"unindent") is reported where the first pass stopped. Then the rest of the
// input is tokenized and a tokenizer error found there replaces the parser's, as in CPython.
// The rule functions themselves are generated (compiler/generated/parser.gen.c, included at the
// end of this file).
// Invariant: 0 <= mark <= fill <= size; tokens[0..fill) never change once filled (only their memo
// lists grow), so a memo entry (rule, start token) -> (node, end mark) stays valid for the whole
// pass; the lists are emptied before the error pass, whose extra alternatives change what rules
// return. Once `error` is set every rule returns NULL at once and the parse unwinds.
// Concurrency: an FtParser is local to one call of ft_parse_*(); nothing here is shared, no locks.
// References: CPython Parser/pegen.c (token filling, memoization, left recursion, error location),
// Parser/action_helpers.c (what each helper builds, facts only).
#include "compiler/parser.h"          // ft_parse_file, ft_parse_string

#include <mimalloc.h>                 // mi_malloc, mi_realloc, mi_free
#include <stdint.h>                   // intptr_t
#include <stdarg.h>                   // va_list
#include <stdio.h>                    // snprintf, vsnprintf
#include <stdlib.h>                   // strtod
#include <string.h>                   // memcpy, memchr, strlen

#include "compiler/string_literal.h"  // ft_string_literal_parse
#include "compiler/tokenizer.h"       // FtTokenizer, ft_tokenizer_next
#include "objects/unicode_db.h"       // ft_unicode_normalize

// Deepest rule nesting before the parser gives up with CPython's MemoryError "Parser stack
// overflowed". CPython's MAXSTACK is 6000, but its rule chain from the start rule to a unary
// operator is 7 calls longer than ours: 5993 puts the boundary where CPython's is (5969 unary
// minus signs accepted, 5970 rejected; 200 nested brackets accepted). Measured C stack at this
// depth, worst input found (`x if y else ` repeated): under 1 MB at -O0, under 3 MB with ASan, so
// the 8 MB stack of the main thread (and of every thread ftpy creates) always suffices.
#define FT_PARSER_MAX_DEPTH 5993

typedef struct FtParseMemo {
    int rule;                  // memo id of the rule (generated)
    int end_mark;              // mark after the rule matched (or the start mark on failure)
    void *node;                // the rule's value, NULL for a cached failure
    struct FtParseMemo *next;
} FtParseMemo;

typedef struct FtParseToken {
    int type;                  // FtTokenKind, or a keyword id >= 500 (generated table)
    const char *start;         // text in the tokenizer's buffer (NULL for DEDENT/ENDMARKER)
    const char *end;
    int lineno, col_offset, end_lineno, end_col_offset;
    const char *debug_text;    // f-string "{x=}" text, on the token that ends the field
    size_t debug_len;
    int raw;                   // an f/t-string middle inside a raw (rf"...") string
    int level;                 // bracket nesting depth after this token (the tokenizer's)
    FtParseMemo *memo;
} FtParseToken;

typedef struct FtParser {
    FtTokenizer *tok;
    FtParseToken **tokens;     // [0, fill) filled; mi_malloc'd array, tokens in the arena
    int fill;
    int size;
    int mark;
    int level;                 // current rule nesting depth
    int error;                 // set once an error is recorded in *err: everything unwinds
    int call_invalid_rules;    // second pass: also try the invalid_* alternatives
    int tokenizer_failed;      // the error came from the tokenizer (it cannot go on)
    int barry_as_flufl;        // "from __future__ import barry_as_FLUFL" seen: '<>' means '!='
    uint64_t raw_stack;        // bit i: the f/t-string open at nesting depth i is raw
    int string_depth;          // f/t-strings open at the current fill position
    FtArena *arena;
    FtSyntaxError *err;
    void *dummy;               // a non-NULL value for "matched, no value"
} FtParser;

typedef struct FtParseVec {
    void **items;
    ptrdiff_t len, cap;
} FtParseVec;

// Values that flow between rules without being AST nodes.
typedef struct FtParsePair {
    void *first;
    void *second;
} FtParsePair;

typedef struct FtParseStarEtc {
    FtAstArg *vararg;
    FtAstSeq *kwonly;          // of FtParsePair (arg, default or NULL)
    FtAstArg *kwarg;
} FtParseStarEtc;

typedef struct FtParseKeywordOrStarred {
    void *element;             // FtAstKeyword * or a Starred FtAstExpr *
    int is_keyword;
} FtParseKeywordOrStarred;

typedef struct FtParseFormatSpec {
    FtAstExpr *spec;           // JoinedStr of the spec
    FtParseToken *colon;       // the ':' that starts it
} FtParseFormatSpec;

static int keyword_type(const char *s, size_t n);

static void
set_memory_error(FtParser *p)
{
    if (!p->error)
        ft_syntax_error_set(p->err, FT_SYNTAX_MEMORY_ERROR, 0, 0, 0, 0, NULL, "out of memory");
    p->error = 1;
}

// Records a SyntaxError spanning the given byte positions (converted to character offsets).
static void
raise_error_at(FtParser *p, FtSyntaxErrorKind kind, int lineno, int col, int end_lineno,
               int end_col, const char *msg)
{
    if (p->error)
        return;
    size_t line_len = 0;
    const char *line = ft_tokenizer_line(p->tok, lineno, &line_len);
    int offset = ft_tokenizer_char_col(p->tok, lineno, col) + 1;
    int end_offset = ft_tokenizer_char_col(p->tok, end_lineno, end_col) + 1;
    char *text = NULL;
    if (line != NULL) {
        text = mi_malloc(line_len + 2);
        if (text != NULL) {
            memcpy(text, line, line_len);
            text[line_len] = '\n';
            text[line_len + 1] = '\0';
        }
    }
    ft_syntax_error_set(p->err, kind, lineno, offset, end_lineno, end_offset, text, "%s", msg);
    mi_free(text);
    p->error = 1;
}

static void
raise_error_token(FtParser *p, const FtParseToken *t, const char *msg)
{
    raise_error_at(p, FT_SYNTAX_ERROR, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset,
                   msg);
}

static int
fill_token(FtParser *p)
{
    if (p->error)
        return -1;
    if (p->fill == p->size) {
        int size = p->size ? p->size * 2 : 256;
        FtParseToken **tokens = mi_realloc(p->tokens, (size_t)size * sizeof(FtParseToken *));
        if (tokens == NULL) {
            set_memory_error(p);
            return -1;
        }
        p->tokens = tokens;
        p->size = size;
    }
    FtToken t;
    int type = ft_tokenizer_next(p->tok, &t);
    if (type == FT_TOKEN_ERROR) {
        const FtSyntaxError *e = ft_tokenizer_error(p->tok);
        ft_syntax_error_set(p->err, e->kind, e->lineno, e->offset, e->end_lineno, e->end_offset,
                            e->text, "%s", e->msg ? e->msg : "invalid syntax");
        p->error = 1;
        p->tokenizer_failed = 1;
        return -1;
    }
    FtParseToken *pt = ft_arena_alloc(p->arena, sizeof(FtParseToken));
    if (pt == NULL) {
        set_memory_error(p);
        return -1;
    }
    if (type == FT_TOKEN_NAME) {
        int kw = keyword_type(t.start, (size_t)(t.end - t.start));
        if (kw >= 0)
            type = kw;
    }
    pt->type = type;
    pt->start = t.start;
    pt->end = t.end;
    pt->lineno = t.lineno;
    pt->col_offset = t.col_offset;
    pt->end_lineno = t.end_lineno;
    pt->end_col_offset = t.end_col_offset;
    pt->debug_text = t.debug_text;
    pt->debug_len = t.debug_len;
    pt->level = t.level;
    // An f-string middle that ends in a doubled brace ("a{{") spans both braces in CPython's parser
    // stream (the second is dropped from the text only). If the tokenizer stopped after the first
    // one (its text length equals its column span and the next source byte is the same brace),
    // widen the token. TODO(#3): settle with the tokenizer which side does this, then drop it.
    if ((type == FT_TOKEN_FSTRING_MIDDLE || type == FT_TOKEN_TSTRING_MIDDLE) && t.end > t.start
        && (t.end[-1] == '{' || t.end[-1] == '}') && t.end[0] == t.end[-1]) {
        const char *line = t.end;
        while (line > t.start && line[-1] != '\n')
            line--;
        if (line == t.start)
            line = t.line_start;
        if (t.end_col_offset == (int)(t.end - line))
            pt->end_col_offset++;
    }
    pt->memo = NULL;
    pt->raw = 0;
    if (type == FT_TOKEN_FSTRING_START || type == FT_TOKEN_TSTRING_START) {
        int raw = memchr(t.start, 'r', (size_t)(t.end - t.start)) != NULL
                  || memchr(t.start, 'R', (size_t)(t.end - t.start)) != NULL;
        if (p->string_depth < 64 && raw)
            p->raw_stack |= (uint64_t)1 << p->string_depth;
        else if (p->string_depth < 64)
            p->raw_stack &= ~((uint64_t)1 << p->string_depth);
        p->string_depth++;
    } else if (type == FT_TOKEN_FSTRING_END || type == FT_TOKEN_TSTRING_END) {
        if (p->string_depth > 0)
            p->string_depth--;
    } else if ((type == FT_TOKEN_FSTRING_MIDDLE || type == FT_TOKEN_TSTRING_MIDDLE)
               && p->string_depth > 0 && p->string_depth <= 64) {
        pt->raw = (int)((p->raw_stack >> (p->string_depth - 1)) & 1);
    }
    p->tokens[p->fill++] = pt;
    return 0;
}

static int
enter_rule(FtParser *p)
{
    if (p->error)
        return -1;
    if (++p->level > FT_PARSER_MAX_DEPTH) {
        p->level--;
        // CPython reports this as MemoryError without a position, whatever the input.
        if (!p->error)
            ft_syntax_error_set(p->err, FT_SYNTAX_MEMORY_ERROR, 0, 0, 0, 0, NULL, "%s",
                                "Parser stack overflowed - Python source too complex to parse");
        p->error = 1;
        return -1;
    }
    return 0;
}

static FtParseToken *
expect_token(FtParser *p, int type)
{
    if (p->mark == p->fill && fill_token(p) < 0)
        return NULL;
    FtParseToken *t = p->tokens[p->mark];
    if (t->type != type)
        return NULL;
    p->mark++;
    return t;
}

static int
forced_error(FtParser *p, const char *what)
{
    if (p->error)
        return 0;
    if (p->mark == p->fill && fill_token(p) < 0)
        return 0;
    char msg[64];
    snprintf(msg, sizeof msg, "expected %s", what);
    raise_error_token(p, p->tokens[p->mark], msg);
    return 0;
}

// Errors raised by invalid_* rules (second pass only); each returns NULL for the action.

// At token t. INDENT and DEDENT have no columns (-1): CPython then reports the tokenizer's
// position in the line (after the indentation, or the end of the line at the end of the input)
// as the offset itself, and -1 as the end offset.
static void
raise_at_token(FtParser *p, FtSyntaxErrorKind kind, const FtParseToken *t, const char *msg)
{
    if (t->col_offset >= 0) {
        raise_error_at(p, kind, t->lineno, t->col_offset, t->end_lineno, t->end_col_offset, msg);
        return;
    }
    size_t len = 0;
    const char *line = ft_tokenizer_line(p->tok, t->lineno, &len);
    int col = 0;
    if (line != NULL) {
        size_t k = 0;
        while (k < len && (line[k] == ' ' || line[k] == '\t' || line[k] == '\f'))
            k++;
        // A DEDENT at the end of the input stays on the last line read (the token before the
        // DEDENTs is on the same line) and the tokenizer stands after that line's newline;
        // otherwise it stands after the indentation of the token's line.
        int at_end = t->type == FT_TOKEN_ENDMARKER;
        if (t->type == FT_TOKEN_DEDENT) {
            int i = p->fill - 1;
            while (i >= 0 && p->tokens[i] != t)
                i--;
            while (i >= 0 && p->tokens[i]->type == FT_TOKEN_DEDENT)
                i--;
            at_end = i >= 0 && p->tokens[i]->lineno == t->lineno;
            // Or the input ends with a comment or blank line (those make no tokens).
            size_t next_len = 0;
            if (ft_tokenizer_line(p->tok, t->lineno + 1, &next_len) == NULL
                && (k == len || line[k] == '#' || line[k] == '\n' || line[k] == '\r'))
                at_end = 1;
        }
        col = at_end ? (int)len + 1 : (int)k;
    }
    if (p->error)
        return;
    raise_error_at(p, kind, t->lineno, col > 0 ? col - 1 : 0, t->lineno, 0, msg);
    if (p->err->kind == kind) {
        p->err->offset = col > 0 ? ft_tokenizer_char_col(p->tok, t->lineno, col - 1) + 1 : 0;
        p->err->end_lineno = t->lineno;
        p->err->end_offset = -1;
    }
}

// At the last token the parser has looked at.
static void *
raise_last(FtParser *p, FtSyntaxErrorKind kind, const char *msg)
{
    if (p->fill > 0)
        raise_at_token(p, kind, p->tokens[p->fill - 1], msg);
    return NULL;
}

// "expected an indented block after WHAT on line N", at the last token.
static void *
raise_indent_after(FtParser *p, const char *what, void *keyword_token)
{
    char msg[160];
    snprintf(msg, sizeof msg, "expected an indented block after %s on line %d", what,
             ((FtParseToken *)keyword_token)->lineno);
    return raise_last(p, FT_INDENTATION_ERROR, msg);
}

// At the start of a token (an empty range there).
static void *
raise_at_token_start(FtParser *p, void *token, const char *msg)
{
    FtParseToken *t = token;
    raise_error_at(p, FT_SYNTAX_ERROR, t->lineno, t->col_offset, t->lineno, t->col_offset, msg);
    return NULL;
}

// From the start of expression a to the end of expression b.
static void *
raise_expr_range(FtParser *p, void *a, void *b, const char *msg)
{
    FtAstExpr *x = a, *y = b;
    raise_error_at(p, FT_SYNTAX_ERROR, x->lineno, x->col_offset, y->end_lineno, y->end_col_offset,
                   msg);
    return NULL;
}

// "Missing parentheses in call to 'print'..." when name is print or exec, else no error.
static void *
legacy_call_error(FtParser *p, void *name, void *rest)
{
    const char *id = ((FtAstExpr *)name)->v.name.id;
    if (strcmp(id, "print") != 0 && strcmp(id, "exec") != 0)
        return NULL;
    char msg[128];
    snprintf(msg, sizeof msg, "Missing parentheses in call to '%s'. Did you mean %s(...)?", id, id);
    return raise_expr_range(p, name, rest, msg);
}

// The last token consumed that is not NEWLINE/INDENT/DEDENT/ENDMARKER: where a node ends.
static FtParseToken *
last_significant_token(FtParser *p)
{
    int i = p->mark - 1;
    while (i > 0) {
        int type = p->tokens[i]->type;
        if (type != FT_TOKEN_ENDMARKER && type != FT_TOKEN_NEWLINE && type != FT_TOKEN_INDENT
            && type != FT_TOKEN_DEDENT)
            break;
        i--;
    }
    return p->tokens[i < 0 ? 0 : i];
}

static int
memo_get(FtParser *p, int rule, void **res)
{
    if (p->mark == p->fill && fill_token(p) < 0)
        return 0;
    for (FtParseMemo *m = p->tokens[p->mark]->memo; m != NULL; m = m->next) {
        if (m->rule == rule) {
            p->mark = m->end_mark;
            *res = m->node;
            return 1;
        }
    }
    return 0;
}

static int
memo_put(FtParser *p, int mark, int rule, void *node)
{
    // memo_get() fills the start token; if that failed, the error is already set.
    if (p->error || mark >= p->fill)
        return -1;
    FtParseToken *t = p->tokens[mark];
    for (FtParseMemo *m = t->memo; m != NULL; m = m->next) {
        if (m->rule == rule) {
            m->node = node;
            m->end_mark = p->mark;
            return 0;
        }
    }
    FtParseMemo *m = ft_arena_alloc(p->arena, sizeof(FtParseMemo));
    if (m == NULL) {
        set_memory_error(p);
        return -1;
    }
    m->rule = rule;
    m->node = node;
    m->end_mark = p->mark;
    m->next = t->memo;
    t->memo = m;
    return 0;
}

static int
vec_push(FtParser *p, FtParseVec *v, void *item)
{
    if (v->len == v->cap) {
        ptrdiff_t cap = v->cap ? v->cap * 2 : 8;
        void **items = mi_realloc(v->items, (size_t)cap * sizeof(void *));
        if (items == NULL) {
            set_memory_error(p);
            return -1;
        }
        v->items = items;
        v->cap = cap;
    }
    v->items[v->len++] = item;
    return 0;
}

static void
vec_free(FtParseVec *v)
{
    mi_free(v->items);
    v->items = NULL;
    v->len = v->cap = 0;
}

static FtAstSeq *
new_seq(FtParser *p, ptrdiff_t n)
{
    FtAstSeq *s = ft_ast_seq_new(n, p->arena);
    if (s == NULL)
        set_memory_error(p);
    return s;
}

static FtAstSeq *
vec_to_seq(FtParser *p, FtParseVec *v)
{
    FtAstSeq *s = new_seq(p, v->len);
    if (s != NULL && v->len > 0)
        memcpy(s->items, v->items, (size_t)v->len * sizeof(void *));
    return s;
}

static const char *
arena_strndup(FtParser *p, const char *s, size_t n)
{
    char *d = ft_arena_alloc(p->arena, n + 1);
    if (d == NULL) {
        set_memory_error(p);
        return NULL;
    }
    memcpy(d, s, n);
    d[n] = '\0';
    return d;
}

// Token-level matchers used by the generated code.

// Copies an identifier into the arena, NFKC-normalised as a whole as PEP 3131 requires (CPython
// applies unicodedata.normalize("NFKC", ...) to the identifier's text; ASCII is already NFKC).
// The tokenizer verified the UTF-8, so every sequence decodes to one code point.
static const char *
identifier(FtParser *p, const char *s, size_t n)
{
    size_t k = 0;
    while (k < n && (unsigned char)s[k] < 0x80)
        k++;
    if (k == n)
        return arena_strndup(p, s, n);
    uint32_t *cps = mi_malloc(n * sizeof(uint32_t));
    size_t count = 0;
    for (size_t i = 0; cps != NULL && i < n;) {
        unsigned char c = (unsigned char)s[i];
        size_t len = c < 0x80 ? 1 : c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (i + len > n)
            len = n - i;
        uint32_t cp = len == 1 ? c : (uint32_t)(c & (0x7F >> len));
        for (size_t j = 1; j < len; j++)
            cp = (cp << 6) | ((unsigned char)s[i + j] & 0x3F);
        cps[count++] = cp;
        i += len;
    }
    // Most identifiers keep their length; retry once with the size the first call asks for.
    size_t cap = 2 * count + 8, norm_len = 0;
    uint32_t *norm = cps != NULL ? mi_malloc(cap * sizeof(uint32_t)) : NULL;
    if (norm != NULL) {
        norm_len = ft_unicode_normalize(FT_UNICODE_NFKC, cps, count, norm, cap);
        if (norm_len > cap) {
            cap = norm_len;
            mi_free(norm);
            norm = mi_malloc(cap * sizeof(uint32_t));
            if (norm != NULL)
                norm_len = ft_unicode_normalize(FT_UNICODE_NFKC, cps, count, norm, cap);
        }
    }
    mi_free(cps);
    char *out = norm != NULL ? ft_arena_alloc(p->arena, norm_len * 4 + 1) : NULL;
    if (out == NULL) {
        mi_free(norm);
        set_memory_error(p);
        return NULL;
    }
    size_t o = 0;
    for (size_t i = 0; i < norm_len; i++) {
        uint32_t cp = norm[i];
        if (cp < 0x80) {
            out[o++] = (char)cp;
        } else if (cp < 0x800) {
            out[o++] = (char)(0xC0 | (cp >> 6));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else if (cp < 0x10000) {
            out[o++] = (char)(0xE0 | (cp >> 12));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        } else {
            out[o++] = (char)(0xF0 | (cp >> 18));
            out[o++] = (char)(0x80 | ((cp >> 12) & 0x3F));
            out[o++] = (char)(0x80 | ((cp >> 6) & 0x3F));
            out[o++] = (char)(0x80 | (cp & 0x3F));
        }
    }
    out[o] = '\0';
    mi_free(norm);
    return out;
}

static FtAstExpr *
name_from_token(FtParser *p, FtParseToken *t)
{
    const char *id = identifier(p, t->start, (size_t)(t->end - t->start));
    if (id == NULL)
        return NULL;
    FtAstExpr *e = ft_ast_expr_name(id, FT_AST_EXPR_CONTEXT_LOAD, t->lineno, t->col_offset,
                                    t->end_lineno, t->end_col_offset, p->arena);
    if (e == NULL)
        set_memory_error(p);
    return e;
}

static void *
name_token(FtParser *p)
{
    FtParseToken *t = expect_token(p, FT_TOKEN_NAME);
    return t ? name_from_token(p, t) : NULL;
}

static void *
expect_soft_keyword(FtParser *p, const char *word)
{
    if (p->mark == p->fill && fill_token(p) < 0)
        return NULL;
    FtParseToken *t = p->tokens[p->mark];
    size_t n = strlen(word);
    if (t->type != FT_TOKEN_NAME || (size_t)(t->end - t->start) != n || memcmp(t->start, word, n) != 0)
        return NULL;
    p->mark++;
    return name_from_token(p, t);
}

static FtAstConstant *
new_constant(FtParser *p, FtAstConstantKind kind, double number, const char *data, size_t len)
{
    FtAstConstant *c = ft_ast_constant_new(kind, number, data, len, p->arena);
    if (c == NULL)
        set_memory_error(p);
    return c;
}

static FtAstConstant *
singleton_constant(FtParser *p, FtAstConstantKind kind)
{
    return new_constant(p, kind, 0.0, NULL, 0);
}

static void *
number_token(FtParser *p)
{
    FtParseToken *t = expect_token(p, FT_TOKEN_NUMBER);
    if (t == NULL)
        return NULL;
    size_t n = (size_t)(t->end - t->start);
    char *clean = mi_malloc(n + 1);
    if (clean == NULL) {
        set_memory_error(p);
        return NULL;
    }
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (t->start[i] != '_')
            clean[k++] = t->start[i];
    clean[k] = '\0';
    FtAstConstant *c = NULL;
    int based = k >= 2 && clean[0] == '0' && strchr("xXoObB", clean[1]) != NULL;
    if (!based && (clean[k - 1] == 'j' || clean[k - 1] == 'J')) {
        clean[k - 1] = '\0';
        c = new_constant(p, FT_AST_CONST_COMPLEX, strtod(clean, NULL), NULL, 0);
    } else if (!based && strpbrk(clean, ".eE") != NULL) {
        c = new_constant(p, FT_AST_CONST_FLOAT, strtod(clean, NULL), NULL, 0);
    } else {
        const char *dec = ft_ast_int_to_decimal(clean, k, p->arena);
        if (dec == NULL) {
            // The tokenizer only hands over well-formed literals, so this is memory.
            set_memory_error(p);
        } else {
            c = new_constant(p, FT_AST_CONST_INT, 0.0, dec, strlen(dec));
        }
    }
    mi_free(clean);
    if (c == NULL)
        return NULL;
    FtAstExpr *e = ft_ast_expr_constant(c, NULL, t->lineno, t->col_offset, t->end_lineno,
                                        t->end_col_offset, p->arena);
    if (e == NULL)
        set_memory_error(p);
    return e;
}

// Small helpers for actions.

static inline void *
as_ptr(int value)
{
    return (void *)(intptr_t)value;
}

static inline int
as_int(void *value)
{
    return (int)(intptr_t)value;
}

static inline const char *
name_id(void *name_expr)
{
    return ((FtAstExpr *)name_expr)->v.name.id;
}

static inline int
expr_kind(void *e)
{
    return (int)((FtAstExpr *)e)->kind;
}

static inline ptrdiff_t
seq_len(void *seq)
{
    return seq ? ((FtAstSeq *)seq)->size : 0;
}

static inline void *
seq_get(void *seq, ptrdiff_t i)
{
    return ((FtAstSeq *)seq)->items[i];
}

static FtAstSeq *
singleton_seq(FtParser *p, void *item)
{
    if (item == NULL)
        return NULL;
    FtAstSeq *s = new_seq(p, 1);
    if (s != NULL)
        s->items[0] = item;
    return s;
}

static FtAstSeq *
seq_insert_in_front(FtParser *p, void *item, void *seq)
{
    ptrdiff_t n = seq_len(seq);
    FtAstSeq *s = new_seq(p, n + 1);
    if (s == NULL)
        return NULL;
    s->items[0] = item;
    for (ptrdiff_t i = 0; i < n; i++)
        s->items[i + 1] = seq_get(seq, i);
    return s;
}

static FtAstSeq *
join_sequences(FtParser *p, void *a, void *b)
{
    ptrdiff_t na = seq_len(a), nb = seq_len(b);
    FtAstSeq *s = new_seq(p, na + nb);
    if (s == NULL)
        return NULL;
    for (ptrdiff_t i = 0; i < na; i++)
        s->items[i] = seq_get(a, i);
    for (ptrdiff_t i = 0; i < nb; i++)
        s->items[na + i] = seq_get(b, i);
    return s;
}

static FtAstSeq *
seq_flatten(FtParser *p, void *seqs)
{
    ptrdiff_t total = 0;
    for (ptrdiff_t i = 0; i < seq_len(seqs); i++)
        total += seq_len(seq_get(seqs, i));
    FtAstSeq *s = new_seq(p, total);
    if (s == NULL)
        return NULL;
    ptrdiff_t k = 0;
    for (ptrdiff_t i = 0; i < seq_len(seqs); i++) {
        void *inner = seq_get(seqs, i);
        for (ptrdiff_t j = 0; j < seq_len(inner); j++)
            s->items[k++] = seq_get(inner, j);
    }
    return s;
}

static FtParsePair *
make_pair(FtParser *p, void *first, void *second)
{
    FtParsePair *pair = ft_arena_alloc(p->arena, sizeof(FtParsePair));
    if (pair == NULL) {
        set_memory_error(p);
        return NULL;
    }
    pair->first = first;
    pair->second = second;
    return pair;
}

static inline void *
pair_first(void *pair)
{
    return ((FtParsePair *)pair)->first;
}

static inline void *
pair_second(void *pair)
{
    return ((FtParsePair *)pair)->second;
}

static FtAstSeq *
pair_firsts(FtParser *p, void *pairs)
{
    if (pairs == NULL)
        return NULL;
    FtAstSeq *s = new_seq(p, seq_len(pairs));
    for (ptrdiff_t i = 0; s != NULL && i < s->size; i++)
        s->items[i] = pair_first(seq_get(pairs, i));
    return s;
}

static FtAstSeq *
pair_seconds(FtParser *p, void *pairs)
{
    if (pairs == NULL)
        return NULL;
    FtAstSeq *s = new_seq(p, seq_len(pairs));
    for (ptrdiff_t i = 0; s != NULL && i < s->size; i++)
        s->items[i] = pair_second(seq_get(pairs, i));
    return s;
}

static FtAstSeq *
names_to_ids(FtParser *p, void *names)
{
    FtAstSeq *s = new_seq(p, seq_len(names));
    for (ptrdiff_t i = 0; s != NULL && i < s->size; i++)
        s->items[i] = (void *)name_id(seq_get(names, i));
    return s;
}

static int
count_dots(void *tokens)
{
    int n = 0;
    for (ptrdiff_t i = 0; i < seq_len(tokens); i++)
        n += ((FtParseToken *)seq_get(tokens, i))->type == FT_TOKEN_ELLIPSIS ? 3 : 1;
    return n;
}

static FtAstExpr *
join_names_with_dot(FtParser *p, void *first, void *second)
{
    FtAstExpr *a = first, *b = second;
    size_t la = strlen(a->v.name.id), lb = strlen(b->v.name.id);
    char *id = ft_arena_alloc(p->arena, la + lb + 2);
    if (id == NULL) {
        set_memory_error(p);
        return NULL;
    }
    memcpy(id, a->v.name.id, la);
    id[la] = '.';
    memcpy(id + la + 1, b->v.name.id, lb + 1);
    return ft_ast_expr_name(id, FT_AST_EXPR_CONTEXT_LOAD, a->lineno, a->col_offset, b->end_lineno,
                            b->end_col_offset, p->arena);
}

// Returns a copy of a target expression with its (and its elements') context set to ctx.
static FtAstExpr *
set_ctx(FtParser *p, void *node, FtAstExprContext ctx)
{
    FtAstExpr *e = node;
    if (e == NULL)
        return NULL;
    FtAstExpr *copy;
    switch (e->kind) {
    case FT_AST_EXPR_NAME:
    case FT_AST_EXPR_ATTRIBUTE:
    case FT_AST_EXPR_SUBSCRIPT:
    case FT_AST_EXPR_STARRED:
    case FT_AST_EXPR_LIST:
    case FT_AST_EXPR_TUPLE:
        break;
    default:
        return e;
    }
    copy = ft_arena_alloc(p->arena, sizeof(FtAstExpr));
    if (copy == NULL) {
        set_memory_error(p);
        return NULL;
    }
    *copy = *e;
    switch (e->kind) {
    case FT_AST_EXPR_NAME:
        copy->v.name.ctx = ctx;
        break;
    case FT_AST_EXPR_ATTRIBUTE:
        copy->v.attribute.ctx = ctx;
        break;
    case FT_AST_EXPR_SUBSCRIPT:
        copy->v.subscript.ctx = ctx;
        break;
    case FT_AST_EXPR_STARRED:
        copy->v.starred.ctx = ctx;
        copy->v.starred.value = set_ctx(p, e->v.starred.value, ctx);
        break;
    case FT_AST_EXPR_LIST:
    case FT_AST_EXPR_TUPLE: {
        FtAstSeq *elts = e->kind == FT_AST_EXPR_LIST ? e->v.list.elts : e->v.tuple.elts;
        FtAstSeq *n = NULL;
        if (elts != NULL) {
            n = new_seq(p, elts->size);
            for (ptrdiff_t i = 0; n != NULL && i < elts->size; i++)
                n->items[i] = set_ctx(p, elts->items[i], ctx);
        }
        if (e->kind == FT_AST_EXPR_LIST) {
            copy->v.list.elts = n;
            copy->v.list.ctx = ctx;
        } else {
            copy->v.tuple.elts = n;
            copy->v.tuple.ctx = ctx;
        }
        break;
    }
    default:
        break;
    }
    return copy;
}

static FtAstExpr *
dummy_name(FtParser *p)
{
    return ft_ast_expr_name("", FT_AST_EXPR_CONTEXT_LOAD, 1, 0, 1, 0, p->arena);
}

static FtAstSeq *
call_args(FtParser *p, void *call)
{
    if (call == NULL || call == p->dummy)
        return NULL;
    return ((FtAstExpr *)call)->v.call.args;
}

static FtAstSeq *
call_keywords(FtParser *p, void *call)
{
    if (call == NULL || call == p->dummy)
        return NULL;
    return ((FtAstExpr *)call)->v.call.keywords;
}

static FtParseKeywordOrStarred *
keyword_or_starred(FtParser *p, void *element, int is_keyword)
{
    if (element == NULL)
        return NULL;
    FtParseKeywordOrStarred *k = ft_arena_alloc(p->arena, sizeof(FtParseKeywordOrStarred));
    if (k == NULL) {
        set_memory_error(p);
        return NULL;
    }
    k->element = element;
    k->is_keyword = is_keyword;
    return k;
}

static FtAstSeq *
pick_keywords(FtParser *p, void *items, int want_keywords)
{
    ptrdiff_t n = 0;
    for (ptrdiff_t i = 0; i < seq_len(items); i++)
        n += ((FtParseKeywordOrStarred *)seq_get(items, i))->is_keyword == want_keywords;
    if (n == 0)
        return NULL;
    FtAstSeq *s = new_seq(p, n);
    ptrdiff_t k = 0;
    for (ptrdiff_t i = 0; s != NULL && i < seq_len(items); i++) {
        FtParseKeywordOrStarred *ks = seq_get(items, i);
        if (ks->is_keyword == want_keywords)
            s->items[k++] = ks->element;
    }
    return s;
}

static FtAstSeq *
starred_of(FtParser *p, void *items)
{
    return pick_keywords(p, items, 0);
}

static FtAstSeq *
keywords_of(FtParser *p, void *items)
{
    return pick_keywords(p, items, 1);
}

static FtAstExpr *
collect_call_seqs(FtParser *p, void *positional, void *kwargs, int lineno, int col_offset,
                  int end_lineno, int end_col_offset, FtArena *arena)
{
    FtAstSeq *args = positional;
    FtAstSeq *keywords = NULL;
    if (kwargs != NULL) {
        args = join_sequences(p, positional, starred_of(p, kwargs));
        keywords = keywords_of(p, kwargs);
    }
    return ft_ast_expr_call(dummy_name(p), args, keywords, lineno, col_offset, end_lineno,
                            end_col_offset, arena);
}

static FtAstStmt *
function_def_decorators(void *def, void *decorators)
{
    FtAstStmt *s = def;
    if (s->kind == FT_AST_STMT_FUNCTION_DEF)
        s->v.function_def.decorator_list = decorators;
    else
        s->v.async_function_def.decorator_list = decorators;
    return s;
}

static FtAstStmt *
class_def_decorators(void *def, void *decorators)
{
    FtAstStmt *s = def;
    s->v.class_def.decorator_list = decorators;
    return s;
}

// Function parameters.

static FtParsePair *
name_default_pair(FtParser *p, void *arg, void *value)
{
    return make_pair(p, arg, value);
}

static FtParsePair *
slash_with_default(FtParser *p, void *plain_names, void *names_with_defaults)
{
    return make_pair(p, plain_names, names_with_defaults);
}

static FtParseStarEtc *
star_etc(FtParser *p, void *vararg, void *kwonly, void *kwarg)
{
    FtParseStarEtc *s = ft_arena_alloc(p->arena, sizeof(FtParseStarEtc));
    if (s == NULL) {
        set_memory_error(p);
        return NULL;
    }
    s->vararg = vararg;
    s->kwonly = kwonly;
    s->kwarg = kwarg;
    return s;
}

static FtAstArguments *
empty_arguments(FtParser *p)
{
    FtAstArguments *a = ft_ast_arguments(NULL, NULL, NULL, NULL, NULL, NULL, NULL, p->arena);
    if (a == NULL)
        set_memory_error(p);
    return a;
}

static FtAstArguments *
make_arguments(FtParser *p, void *slash_no_default, void *slash_with_default_, void *plain_names,
               void *names_with_default, void *star_etc_)
{
    FtParsePair *swd = slash_with_default_;
    FtParseStarEtc *se = star_etc_;
    FtAstSeq *posonly = slash_no_default;
    if (swd != NULL)
        posonly = join_sequences(p, swd->first, pair_firsts(p, swd->second));
    FtAstSeq *args = join_sequences(p, plain_names, pair_firsts(p, names_with_default));
    FtAstSeq *defaults = pair_seconds(p, names_with_default);
    if (swd != NULL)
        defaults = join_sequences(p, pair_seconds(p, swd->second), defaults);
    FtAstSeq *kwonly = se ? pair_firsts(p, se->kwonly) : NULL;
    FtAstSeq *kw_defaults = se ? pair_seconds(p, se->kwonly) : NULL;
    return ft_ast_arguments(posonly, args, se ? se->vararg : NULL, kwonly, kw_defaults,
                            se ? se->kwarg : NULL, defaults, p->arena);
}

// Match statement helpers.

static FtAstExpr *
ensure_real(FtParser *p, void *number)
{
    FtAstExpr *e = number;
    if (e->v.constant.value->kind == FT_AST_CONST_COMPLEX) {
        raise_error_at(p, FT_SYNTAX_ERROR, e->lineno, e->col_offset, e->end_lineno,
                       e->end_col_offset, "real number required in complex literal");
        return NULL;
    }
    return e;
}

static FtAstExpr *
ensure_imaginary(FtParser *p, void *number)
{
    FtAstExpr *e = number;
    if (e->v.constant.value->kind != FT_AST_CONST_COMPLEX) {
        raise_error_at(p, FT_SYNTAX_ERROR, e->lineno, e->col_offset, e->end_lineno,
                       e->end_col_offset, "imaginary number required in complex literal");
        return NULL;
    }
    return e;
}

// Strings and f-strings.

static int
is_empty_str_constant(const FtAstExpr *e)
{
    return e->kind == FT_AST_EXPR_CONSTANT && e->v.constant.value->kind == FT_AST_CONST_STR
           && e->v.constant.value->len == 0;
}

static FtAstExpr *
str_constant(FtParser *p, const char *data, size_t len, const char *kind, int lineno, int col,
             int end_lineno, int end_col)
{
    FtAstConstant *c = new_constant(p, FT_AST_CONST_STR, 0.0, data, len);
    if (c == NULL)
        return NULL;
    return ft_ast_expr_constant(c, kind, lineno, col, end_lineno, end_col, p->arena);
}

static FtAstExpr *
constant_from_string(FtParser *p, void *token)
{
    FtParseToken *t = token;
    FtStringLiteral lit;
    const char *errmsg = NULL;
    if (ft_string_literal_parse(t->start, (size_t)(t->end - t->start), p->arena, &lit, &errmsg) < 0) {
        if (errmsg == NULL)
            set_memory_error(p);
        else
            raise_error_token(p, t, errmsg);
        return NULL;
    }
    FtAstConstant *c = new_constant(p, lit.is_bytes ? FT_AST_CONST_BYTES : FT_AST_CONST_STR, 0.0,
                                    lit.data, lit.len);
    if (c == NULL)
        return NULL;
    return ft_ast_expr_constant(c, lit.has_u ? "u" : NULL, t->lineno, t->col_offset, t->end_lineno,
                                t->end_col_offset, p->arena);
}

// An f-string middle, undecoded (joined_str decodes it once it knows whether the string is raw).
static FtAstExpr *
constant_from_token(FtParser *p, void *token)
{
    FtParseToken *t = token;
    return str_constant(p, t->start, (size_t)(t->end - t->start), NULL, t->lineno, t->col_offset,
                        t->end_lineno, t->end_col_offset);
}

static FtAstExpr *
decode_fstring_part(FtParser *p, int raw, FtAstExpr *e)
{
    const FtAstConstant *c = e->v.constant.value;
    size_t len = c->len;
    if ((len == 2 && c->data[0] == '{' && c->data[1] == '{')
        || (len == 2 && c->data[0] == '}' && c->data[1] == '}'))
        len = 1;
    FtStringLiteral lit;
    const char *errmsg = NULL;
    if (ft_string_literal_decode_str(c->data, len, raw, p->arena, &lit, &errmsg) < 0) {
        if (errmsg == NULL)
            set_memory_error(p);
        else
            raise_error_at(p, FT_SYNTAX_ERROR, e->lineno, e->col_offset, e->end_lineno,
                           e->end_col_offset, errmsg);
        return NULL;
    }
    return str_constant(p, lit.data, lit.len, NULL, e->lineno, e->col_offset, e->end_lineno,
                        e->end_col_offset);
}

static FtAstExpr *
decoded_constant_from_token(FtParser *p, void *token)
{
    FtAstExpr *undecoded = constant_from_token(p, token);
    return undecoded ? decode_fstring_part(p, ((FtParseToken *)token)->raw, undecoded) : NULL;
}

static FtAstExpr *
joined_str(FtParser *p, void *start, void *items, void *end, int template)
{
    FtParseToken *a = start, *b = end;
    int raw = 0;
    for (const char *s = a->start; s < a->end; s++)
        raw |= *s == 'r' || *s == 'R';
    FtParseVec v = {0};
    for (ptrdiff_t i = 0; i < seq_len(items); i++) {
        FtAstExpr *e = seq_get(items, i);
        // A debug field "{x=}" arrives as a JoinedStr of (text, value): splice it in.
        ptrdiff_t n = e->kind == FT_AST_EXPR_JOINED_STR ? seq_len(e->v.joined_str.values) : 1;
        for (ptrdiff_t j = 0; j < n; j++) {
            FtAstExpr *item = e->kind == FT_AST_EXPR_JOINED_STR ? seq_get(e->v.joined_str.values, j) : e;
            // Only literal middles are decoded; a debug field's text is kept as written.
            if (item->kind == FT_AST_EXPR_CONSTANT && e->kind != FT_AST_EXPR_JOINED_STR) {
                item = decode_fstring_part(p, raw, item);
                if (item == NULL) {
                    vec_free(&v);
                    return NULL;
                }
                if (is_empty_str_constant(item))
                    continue;
            }
            if (vec_push(p, &v, item) < 0) {
                vec_free(&v);
                return NULL;
            }
        }
    }
    FtAstSeq *values = vec_to_seq(p, &v);
    vec_free(&v);
    if (values == NULL)
        return NULL;
    if (template)
        return ft_ast_expr_template_str(values, a->lineno, a->col_offset, b->end_lineno,
                                        b->end_col_offset, p->arena);
    return ft_ast_expr_joined_str(values, a->lineno, a->col_offset, b->end_lineno,
                                  b->end_col_offset, p->arena);
}

static FtParsePair *
check_fstring_conversion(FtParser *p, void *bang, void *name)
{
    FtParseToken *t = bang;
    FtAstExpr *conv = name;
    if (t->end_lineno != conv->lineno || t->end_col_offset != conv->col_offset) {
        raise_error_at(p, FT_SYNTAX_ERROR, t->lineno, t->col_offset, conv->end_lineno,
                       conv->end_col_offset,
                       "f-string: conversion type must come right after the exclamation mark");
        return NULL;
    }
    // Keep the '!' token (for its debug text) and the name.
    return make_pair(p, bang, name);
}

static FtAstExpr *concatenate_strings(FtParser *p, void *strings, int lineno, int col_offset,
                                      int end_lineno, int end_col_offset, FtArena *arena);

static FtParseFormatSpec *
full_format_spec(FtParser *p, void *colon, void *spec, int lineno, int col_offset, int end_lineno,
                 int end_col_offset, FtArena *arena)
{
    FtParseToken *c = colon;
    FtParseVec v = {0};
    for (ptrdiff_t i = 0; i < seq_len(spec); i++) {
        FtAstExpr *e = seq_get(spec, i);
        if (is_empty_str_constant(e))
            continue;
        if (vec_push(p, &v, e) < 0) {
            vec_free(&v);
            return NULL;
        }
    }
    FtAstSeq *items = vec_to_seq(p, &v);
    vec_free(&v);
    if (items == NULL)
        return NULL;
    FtAstExpr *res;
    if (items->size == 0
        || (items->size == 1 && ((FtAstExpr *)items->items[0])->kind == FT_AST_EXPR_CONSTANT))
        res = ft_ast_expr_joined_str(items, lineno, col_offset, end_lineno, end_col_offset, arena);
    else
        res = concatenate_strings(p, items, lineno, col_offset, end_lineno, end_col_offset, arena);
    if (res == NULL)
        return NULL;
    FtParseFormatSpec *fs = ft_arena_alloc(p->arena, sizeof(FtParseFormatSpec));
    if (fs == NULL) {
        set_memory_error(p);
        return NULL;
    }
    fs->spec = res;
    fs->colon = c;
    return fs;
}

// Copies the source text of a replacement field's expression, leaving out comments (a '#'
// outside a string literal up to the end of its line), as CPython's field text does.
static const char *
field_text(FtParser *p, const char *text, size_t len, size_t *len_out)
{
    char *out = ft_arena_alloc(p->arena, len + 1);
    if (out == NULL) {
        set_memory_error(p);
        return NULL;
    }
    size_t o = 0;
    char quote = 0;
    int triple = 0;
    for (size_t i = 0; i < len; i++) {
        char c = text[i];
        if (quote != 0) {
            out[o++] = c;
            if (c == '\\' && i + 1 < len) {
                out[o++] = text[++i];
            } else if (c == quote && (!triple || (i + 2 < len && text[i + 1] == quote
                                                   && text[i + 2] == quote))) {
                if (triple) {
                    out[o++] = text[++i];
                    out[o++] = text[++i];
                }
                quote = 0;
            }
        } else if (c == '\'' || c == '"') {
            quote = c;
            triple = i + 2 < len && text[i + 1] == c && text[i + 2] == c;
            out[o++] = c;
            if (triple) {
                out[o++] = text[++i];
                out[o++] = text[++i];
            }
        } else if (c == '#') {
            while (i + 1 < len && text[i + 1] != '\n')
                i++;
        } else {
            out[o++] = c;
        }
    }
    out[o] = '\0';
    *len_out = o;
    return out;
}

static FtAstExpr *
formatted_value(FtParser *p, void *lbrace, void *expression, void *debug, void *conversion,
                void *format, void *rbrace, int template, int lineno, int col_offset,
                int end_lineno, int end_col_offset, FtArena *arena)
{
    FtParsePair *conv = conversion;
    FtParseFormatSpec *fs = format;
    FtParseToken *open = lbrace, *close = rbrace;
    int conversion_val = -1;
    if (conv != NULL) {
        FtAstExpr *name = conv->second;
        const char *id = name->v.name.id;
        if (strlen(id) != 1 || (id[0] != 's' && id[0] != 'r' && id[0] != 'a')) {
            char msg[160];
            snprintf(msg, sizeof msg,
                     "%s: invalid conversion character '%.40s': expected 's', 'r', or 'a'",
                     template ? "t-string" : "f-string", id);
            raise_error_at(p, FT_SYNTAX_ERROR, name->lineno, name->col_offset, name->end_lineno,
                           name->end_col_offset, msg);
            return NULL;
        }
        conversion_val = id[0];
    } else if (debug != NULL && fs == NULL) {
        conversion_val = 'r';
    }
    // The field's source text runs from after '{' to the token that ends the expression part
    // ('!', ':' or '}'): the debug text of "{x=}" and, stripped, an Interpolation's str.
    int dbg_end_line, dbg_end_col;
    FtParseToken *stop;
    if (conv != NULL) {
        FtAstExpr *name = conv->second;
        stop = conv->first;
        dbg_end_line = name->lineno;
        dbg_end_col = name->col_offset;
    } else if (fs != NULL) {
        stop = fs->colon;
        dbg_end_line = fs->spec->lineno;
        dbg_end_col = fs->spec->col_offset + 1;
    } else {
        stop = close;
        dbg_end_line = end_lineno;
        dbg_end_col = end_col_offset;
    }
    size_t text_len;
    const char *text = field_text(p, open->end,
                                  stop->start > open->end ? (size_t)(stop->start - open->end) : 0,
                                  &text_len);
    if (text == NULL)
        return NULL;
    FtAstExpr *value;
    if (template) {
        // The str of "{x = }" is "x ": drop the trailing blanks and the '=' of a debug field.
        // TODO(#3): CPython also drops comments inside the field from this text.
        size_t n = text_len;
        if (debug != NULL) {
            while (n > 0 && (text[n - 1] == ' ' || text[n - 1] == '\t' || text[n - 1] == '\n'
                             || text[n - 1] == '\r' || text[n - 1] == '\f' || text[n - 1] == '\\'))
                n--;
            if (n > 0 && text[n - 1] == '=')
                n--;
        }
        FtAstConstant *str = new_constant(p, FT_AST_CONST_STR, 0.0, text, n);
        if (str == NULL)
            return NULL;
        value = ft_ast_expr_interpolation(expression, str, conversion_val, fs ? fs->spec : NULL,
                                          lineno, col_offset, end_lineno, end_col_offset, arena);
    } else {
        value = ft_ast_expr_formatted_value(expression, conversion_val, fs ? fs->spec : NULL,
                                            lineno, col_offset, end_lineno, end_col_offset, arena);
    }
    if (value == NULL) {
        set_memory_error(p);
        return NULL;
    }
    if (debug == NULL)
        return value;
    FtAstExpr *dbg = str_constant(p, text, text_len, NULL, lineno, col_offset + 1, dbg_end_line,
                                  dbg_end_col - 1);
    FtAstSeq *values = new_seq(p, 2);
    if (dbg == NULL || values == NULL)
        return NULL;
    values->items[0] = dbg;
    values->items[1] = value;
    return ft_ast_expr_joined_str(values, lineno, col_offset, dbg_end_line, dbg_end_col, arena);
}

// Flattens the parts of f-strings/t-strings (and plain strings) into one list, folding each run
// of adjacent constants into one constant spanning the run; with drop_empty, empty constants go.
static FtAstSeq *
fold_parts(FtParser *p, void *strings, int drop_empty)
{
    FtParseVec flat = {0}, out = {0};
    FtAstSeq *res = NULL;
    for (ptrdiff_t i = 0; i < seq_len(strings); i++) {
        FtAstExpr *e = seq_get(strings, i);
        FtAstSeq *parts = e->kind == FT_AST_EXPR_JOINED_STR ? e->v.joined_str.values
                        : e->kind == FT_AST_EXPR_TEMPLATE_STR ? e->v.template_str.values : NULL;
        if (parts == NULL) {
            if (vec_push(p, &flat, e) < 0)
                goto done;
            continue;
        }
        for (ptrdiff_t j = 0; j < parts->size; j++)
            if (vec_push(p, &flat, parts->items[j]) < 0)
                goto done;
    }
    for (ptrdiff_t i = 0; i < flat.len; i++) {
        FtAstExpr *e = flat.items[i];
        if (e->kind == FT_AST_EXPR_CONSTANT) {
            if (i + 1 < flat.len && ((FtAstExpr *)flat.items[i + 1])->kind == FT_AST_EXPR_CONSTANT) {
                ptrdiff_t j = i;
                size_t total = 0;
                while (j < flat.len && ((FtAstExpr *)flat.items[j])->kind == FT_AST_EXPR_CONSTANT)
                    total += ((FtAstExpr *)flat.items[j++])->v.constant.value->len;
                char *buf = mi_malloc(total + 1);
                if (buf == NULL) {
                    set_memory_error(p);
                    goto done;
                }
                size_t k = 0;
                for (ptrdiff_t m = i; m < j; m++) {
                    const FtAstConstant *c = ((FtAstExpr *)flat.items[m])->v.constant.value;
                    memcpy(buf + k, c->data, c->len);
                    k += c->len;
                }
                FtAstExpr *last = flat.items[j - 1];
                FtAstExpr *merged = str_constant(p, buf, total, e->v.constant.kind, e->lineno,
                                                 e->col_offset, last->end_lineno,
                                                 last->end_col_offset);
                mi_free(buf);
                if (merged == NULL)
                    goto done;
                e = merged;
                i = j - 1;
            }
            if (drop_empty && is_empty_str_constant(e))
                continue;
        }
        if (vec_push(p, &out, e) < 0)
            goto done;
    }
    res = vec_to_seq(p, &out);
done:
    vec_free(&flat);
    vec_free(&out);
    return res;
}

static FtAstExpr *
concatenate_strings(FtParser *p, void *strings, int lineno, int col_offset, int end_lineno,
                    int end_col_offset, FtArena *arena)
{
    ptrdiff_t n = seq_len(strings);
    int fstring = 0, unicode = 0, bytes = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        FtAstExpr *e = seq_get(strings, i);
        if (e->kind == FT_AST_EXPR_CONSTANT) {
            if (e->v.constant.value->kind == FT_AST_CONST_BYTES)
                bytes = 1;
            else
                unicode = 1;
        } else {
            fstring = 1;
        }
    }
    if ((unicode || fstring) && bytes) {
        // CPython reports this one at the last token read (the one after the strings).
        raise_last(p, FT_SYNTAX_ERROR, "cannot mix bytes and nonbytes literals");
        return NULL;
    }
    if (bytes || (!fstring && n == 1)) {
        if (n == 1)
            return seq_get(strings, 0);
        size_t total = 0;
        for (ptrdiff_t i = 0; i < n; i++)
            total += ((FtAstExpr *)seq_get(strings, i))->v.constant.value->len;
        char *buf = mi_malloc(total + 1);
        if (buf == NULL) {
            set_memory_error(p);
            return NULL;
        }
        size_t k = 0;
        for (ptrdiff_t i = 0; i < n; i++) {
            const FtAstConstant *c = ((FtAstExpr *)seq_get(strings, i))->v.constant.value;
            memcpy(buf + k, c->data, c->len);
            k += c->len;
        }
        FtAstExpr *first = seq_get(strings, 0);
        FtAstConstant *c = new_constant(p, bytes ? FT_AST_CONST_BYTES : FT_AST_CONST_STR, 0.0, buf,
                                        total);
        mi_free(buf);
        if (c == NULL)
            return NULL;
        return ft_ast_expr_constant(c, first->v.constant.kind, lineno, col_offset, end_lineno,
                                    end_col_offset, arena);
    }
    FtAstSeq *values = fold_parts(p, strings, fstring);
    if (values == NULL)
        return NULL;
    if (!fstring)
        return values->size ? values->items[0] : NULL;
    return ft_ast_expr_joined_str(values, lineno, col_offset, end_lineno, end_col_offset, arena);
}

static FtAstExpr *
concatenate_tstrings(FtParser *p, void *strings, int lineno, int col_offset, int end_lineno,
                     int end_col_offset, FtArena *arena)
{
    FtAstSeq *values = fold_parts(p, strings, 1);
    if (values == NULL)
        return NULL;
    return ft_ast_expr_template_str(values, lineno, col_offset, end_lineno, end_col_offset, arena);
}

// Source spans of what invalid_* actions point at: AST nodes and tokens. CPython raises with
// node/token positions (byte columns, converted to characters when the error is recorded).
typedef struct FtParseSpan {
    int lineno, col, end_lineno, end_col;
} FtParseSpan;

static FtParseSpan
span_expr(void *node)
{
    FtAstExpr *e = node;
    return (FtParseSpan){e->lineno, e->col_offset, e->end_lineno, e->end_col_offset};
}

static FtParseSpan
span_stmt(void *node)
{
    FtAstStmt *s = node;
    return (FtParseSpan){s->lineno, s->col_offset, s->end_lineno, s->end_col_offset};
}

static FtParseSpan
span_pattern(void *node)
{
    FtAstPattern *s = node;
    return (FtParseSpan){s->lineno, s->col_offset, s->end_lineno, s->end_col_offset};
}

static FtParseSpan
span_tok(void *token)
{
    FtParseToken *t = token;
    return (FtParseSpan){t->lineno, t->col_offset, t->end_lineno, t->end_col_offset};
}

// The first/last element of a sequence of expressions (or patterns), as a span.
static FtParseSpan
span_first_expr(void *seq)
{
    return span_expr(seq_get(seq, 0));
}

static FtParseSpan
span_last_expr(void *seq)
{
    return span_expr(seq_get(seq, seq_len(seq) - 1));
}

static FtParseSpan
span_first_pattern(void *seq)
{
    return span_pattern(seq_get(seq, 0));
}

static FtParseSpan
span_last_pattern(void *seq)
{
    return span_pattern(seq_get(seq, seq_len(seq) - 1));
}

static FtParseSpan
span_arg(void *node)
{
    FtAstArg *a = node;
    return (FtParseSpan){a->lineno, a->col_offset, a->end_lineno, a->end_col_offset};
}

// CPython's RAISE_SYNTAX_ERROR_KNOWN_RANGE: from the start of a to the end of b. msg is a printf
// format. Returns NULL (the action's value).
__attribute__((format(printf, 4, 5))) static void *
raise_range(FtParser *p, FtParseSpan a, FtParseSpan b, const char *fmt, ...)
{
    char msg[256];
    va_list va;
    va_start(va, fmt);
    vsnprintf(msg, sizeof msg, fmt, va);
    va_end(va);
    raise_error_at(p, FT_SYNTAX_ERROR, a.lineno, a.col, b.end_lineno, b.end_col, msg);
    return NULL;
}

// Where the tokenizer stands: the end of the last token it produced (CPython's CURRENT_POS).
static FtParseSpan
span_current(FtParser *p)
{
    if (p->fill == 0)
        return (FtParseSpan){1, 0, 1, 0};
    FtParseToken *t = p->tokens[p->fill - 1];
    return (FtParseSpan){t->end_lineno, t->end_col_offset, t->end_lineno, t->end_col_offset};
}

// CPython's RAISE_SYNTAX_ERROR_STARTING_FROM: from the start of a to the tokenizer's position,
// which CPython reports as the end offset as it is (a 0-based column, not the usual 1-based one).
static void *
raise_from(FtParser *p, FtParseSpan a, const char *msg)
{
    if (p->error)
        return NULL;
    FtParseSpan here = span_current(p);
    raise_range(p, a, here, "%s", msg);
    if (p->err->kind == FT_SYNTAX_ERROR)
        p->err->end_offset = ft_tokenizer_char_col(p->tok, here.end_lineno, here.end_col);
    return NULL;
}

// CPython's RAISE_SYNTAX_ERROR_ON_NEXT_TOKEN: at the token the parser is about to read.
static void *
raise_next(FtParser *p, const char *msg)
{
    if (p->error)
        return NULL;
    if (p->mark == p->fill && fill_token(p) < 0)
        return NULL;
    raise_at_token(p, FT_SYNTAX_ERROR, p->tokens[p->mark], msg);
    return NULL;
}

// What CPython calls an expression in messages ("cannot assign to %s").
static const char *
expr_name(void *node)
{
    FtAstExpr *e = node;
    switch (e->kind) {
    case FT_AST_EXPR_ATTRIBUTE: return "attribute";
    case FT_AST_EXPR_SUBSCRIPT: return "subscript";
    case FT_AST_EXPR_STARRED: return "starred";
    case FT_AST_EXPR_NAME: return "name";
    case FT_AST_EXPR_LIST: return "list";
    case FT_AST_EXPR_TUPLE: return "tuple";
    case FT_AST_EXPR_LAMBDA: return "lambda";
    case FT_AST_EXPR_CALL: return "function call";
    case FT_AST_EXPR_BOOL_OP:
    case FT_AST_EXPR_BIN_OP:
    case FT_AST_EXPR_UNARY_OP: return "expression";
    case FT_AST_EXPR_GENERATOR_EXP: return "generator expression";
    case FT_AST_EXPR_YIELD:
    case FT_AST_EXPR_YIELD_FROM: return "yield expression";
    case FT_AST_EXPR_AWAIT: return "await expression";
    case FT_AST_EXPR_LIST_COMP: return "list comprehension";
    case FT_AST_EXPR_SET_COMP: return "set comprehension";
    case FT_AST_EXPR_DICT_COMP: return "dict comprehension";
    case FT_AST_EXPR_DICT: return "dict literal";
    case FT_AST_EXPR_SET: return "set display";
    case FT_AST_EXPR_JOINED_STR:
    case FT_AST_EXPR_FORMATTED_VALUE: return "f-string expression";
    case FT_AST_EXPR_TEMPLATE_STR:
    case FT_AST_EXPR_INTERPOLATION: return "t-string expression";
    case FT_AST_EXPR_CONSTANT:
        switch (e->v.constant.value->kind) {
        case FT_AST_CONST_NONE: return "None";
        case FT_AST_CONST_TRUE: return "True";
        case FT_AST_CONST_FALSE: return "False";
        case FT_AST_CONST_ELLIPSIS: return "ellipsis";
        default: return "literal";
        }
    case FT_AST_EXPR_COMPARE: return "comparison";
    case FT_AST_EXPR_IF_EXP: return "conditional expression";
    case FT_AST_EXPR_NAMED_EXPR: return "named expression";
    default: return "expression";
    }
}

enum { TARGETS_STAR = 0, TARGETS_DEL = 1, TARGETS_FOR = 2 };

// The first sub-expression of e that cannot be an assignment (or del, or for) target, or NULL.
static FtAstExpr *
invalid_target(FtAstExpr *e, int kind)
{
    if (e == NULL)
        return NULL;
    switch (e->kind) {
    case FT_AST_EXPR_LIST:
    case FT_AST_EXPR_TUPLE: {
        FtAstSeq *elts = e->kind == FT_AST_EXPR_LIST ? e->v.list.elts : e->v.tuple.elts;
        for (ptrdiff_t i = 0; elts != NULL && i < elts->size; i++) {
            FtAstExpr *bad = invalid_target(elts->items[i], kind);
            if (bad != NULL)
                return bad;
        }
        return NULL;
    }
    case FT_AST_EXPR_STARRED:
        if (kind == TARGETS_DEL)
            return e;
        return invalid_target(e->v.starred.value, kind);
    case FT_AST_EXPR_COMPARE:
        // "for x in y" parses as a comparison while looking for the target of a for: only its
        // left side is the target; other comparisons there are no target problem at all.
        if (kind == TARGETS_FOR) {
            if (as_int(e->v.compare.ops->items[0]) == FT_AST_CMPOP_IN)
                return invalid_target(e->v.compare.left, kind);
            return NULL;
        }
        return e;
    case FT_AST_EXPR_NAME:
    case FT_AST_EXPR_SUBSCRIPT:
    case FT_AST_EXPR_ATTRIBUTE:
        return NULL;
    default:
        return e;
    }
}

// CPython's RAISE_SYNTAX_ERROR_INVALID_TARGET: "cannot assign to X" / "cannot delete X" at the
// offending part of e; no error (NULL) when every part is a valid target.
static void *
raise_invalid_target(FtParser *p, int kind, void *e)
{
    FtAstExpr *bad = invalid_target(e, kind);
    if (bad == NULL)
        return NULL;
    return raise_range(p, span_expr(bad), span_expr(bad),
                       kind == TARGETS_DEL ? "cannot delete %s" : "cannot assign to %s",
                       expr_name(bad));
}

// "expected an indented block after WHAT on line N" for a soft keyword (a Name node).
static void *
raise_indent_after_name(FtParser *p, const char *what, void *name)
{
    char msg[160];
    snprintf(msg, sizeof msg, "expected an indented block after %s on line %d", what,
             ((FtAstExpr *)name)->lineno);
    return raise_last(p, FT_INDENTATION_ERROR, msg);
}

// '!=' spelled '<>' (the tokenizer accepts both): only after barry_as_FLUFL, which in turn
// forbids the spelling '!='.
static void *
check_not_equal(FtParser *p, void *token)
{
    FtParseToken *t = token;
    int diamond = t->end - t->start == 2 && t->start[0] == '<';
    if (p->barry_as_flufl && !diamond) {
        raise_error_token(p, t, "with Barry as BDFL, use '<>' instead of '!='");
        return NULL;
    }
    if (!p->barry_as_flufl && diamond) {
        raise_error_token(p, t, "invalid syntax.  Maybe you meant '!=' instead of '<>'?");
        return NULL;
    }
    return token;
}

// Notes "from __future__ import barry_as_FLUFL" as soon as it is parsed, wherever it is (as
// CPython's parser does): the comparisons after it change meaning. Returns the statement.
static void *
checked_future_import(FtParser *p, FtAstStmt *s)
{
    if (s == NULL || s->v.import_from.level != 0 || s->v.import_from.module == NULL
        || strcmp(s->v.import_from.module, "__future__") != 0)
        return s;
    FtAstSeq *names = s->v.import_from.names;
    for (ptrdiff_t i = 0; names != NULL && i < names->size; i++) {
        FtAstAlias *a = names->items[i];
        if (strcmp(a->name, "barry_as_FLUFL") == 0)
            p->barry_as_flufl = 1;
    }
    return s;
}

// The __future__ imports that open a module (after its docstring, if any) must name features
// CPython knows; it checks them when it builds the AST (Python/future.c) and reports at the
// alias, in byte columns: "not a chance" for braces, else "future feature X is not defined".
static void
check_future_features(FtParser *p, FtAstMod *mod)
{
    static const char *const known[] = {
        "nested_scopes", "generators", "division", "absolute_import", "with_statement",
        "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
    };
    if (mod->kind != FT_AST_MOD_MODULE && mod->kind != FT_AST_MOD_INTERACTIVE)
        return;
    FtAstSeq *body = mod->kind == FT_AST_MOD_MODULE ? mod->v.module.body : mod->v.interactive.body;
    if (body == NULL)
        return;
    ptrdiff_t i = 0;
    if (body->size > 0) {
        FtAstStmt *first = body->items[0];
        FtAstExpr *value = first->kind == FT_AST_STMT_EXPR ? first->v.expr.value : NULL;
        if (value != NULL && value->kind == FT_AST_EXPR_CONSTANT
            && value->v.constant.value->kind == FT_AST_CONST_STR)
            i = 1; // the docstring
    }
    for (; i < body->size; i++) {
        FtAstStmt *s = body->items[i];
        if (s->kind != FT_AST_STMT_IMPORT_FROM || s->v.import_from.level != 0
            || s->v.import_from.module == NULL || strcmp(s->v.import_from.module, "__future__") != 0)
            return;
        FtAstSeq *names = s->v.import_from.names;
        for (ptrdiff_t k = 0; names != NULL && k < names->size; k++) {
            FtAstAlias *a = names->items[k];
            int ok = 0;
            for (size_t f = 0; f < sizeof(known) / sizeof(known[0]) && !ok; f++)
                ok = strcmp(a->name, known[f]) == 0;
            if (ok)
                continue;
            size_t line_len = 0;
            const char *line = ft_tokenizer_line(p->tok, a->lineno, &line_len);
            if (strcmp(a->name, "braces") == 0)
                ft_syntax_error_set_n(p->err, FT_SYNTAX_ERROR, a->lineno, a->col_offset + 1,
                                      a->end_lineno, a->end_col_offset + 1, line, line_len,
                                      "not a chance");
            else
                ft_syntax_error_set_n(p->err, FT_SYNTAX_ERROR, a->lineno, a->col_offset + 1,
                                      a->end_lineno, a->end_col_offset + 1, line, line_len,
                                      "future feature %.100s is not defined", a->name);
            p->error = 1;
            return;
        }
    }
}

// "':' expected after dictionary key": CPython points at the key's last character and leaves the
// end column at 0.
static void *
raise_missing_dict_colon(FtParser *p, void *key)
{
    FtAstExpr *e = key;
    if (p->error)
        return NULL;
    raise_error_at(p, FT_SYNTAX_ERROR, e->lineno, e->end_col_offset - 1, e->end_lineno,
                   e->end_col_offset, "':' expected after dictionary key");
    p->err->end_offset = 0;
    return NULL;
}

// "invalid syntax. Perhaps you forgot a comma?" between a and b, only inside brackets.
static void *
raise_missing_comma(FtParser *p, void *a, void *b)
{
    if (p->mark == 0 || p->tokens[p->mark - 1]->level == 0)
        return NULL;
    FtAstExpr *x = a;
    if (x->kind == FT_AST_EXPR_NAME
        && (strcmp(x->v.name.id, "print") == 0 || strcmp(x->v.name.id, "exec") == 0))
        return NULL;
    return raise_range(p, span_expr(a), span_expr(b), "invalid syntax. Perhaps you forgot a comma?");
}

// The last item of a comprehension's clauses: its last 'if' condition, else its iterable.
static FtParseSpan
span_last_comprehension_item(void *clauses)
{
    FtAstComprehension *c = seq_get(clauses, seq_len(clauses) - 1);
    if (c->ifs != NULL && c->ifs->size > 0)
        return span_expr(c->ifs->items[c->ifs->size - 1]);
    return span_expr(c->iter);
}

// For a call with an unparenthesized generator argument among others:
// "Generator expression must be parenthesized" over that generator.
static void *
raise_nonparen_genexp(FtParser *p, void *args, void *clauses)
{
    FtAstExpr *call = args;
    FtAstSeq *pos = call->v.call.args;
    FtAstSeq *kw = call->v.call.keywords;
    ptrdiff_t n = (pos ? pos->size : 0) + (kw ? kw->size : 0);
    if (n <= 1 || pos == NULL || pos->size == 0)
        return NULL;
    FtAstExpr *last = pos->items[pos->size - 1];
    return raise_range(p, span_expr(last), span_last_comprehension_item(clauses),
                       "Generator expression must be parenthesized");
}

// For "f(**a, *b)" and "f(a=1, b)": which ordering rule the arguments break.
static void *
raise_arguments_error(FtParser *p, void *args)
{
    FtAstExpr *call = args;
    FtAstSeq *kw = call->v.call.keywords;
    int keyword_unpacking = 0;
    for (ptrdiff_t i = 0; kw != NULL && i < kw->size; i++)
        if (((FtAstKeyword *)kw->items[i])->arg == NULL)
            keyword_unpacking = 1;
    return raise_last(p, FT_SYNTAX_ERROR,
                      keyword_unpacking
                          ? "positional argument follows keyword argument unpacking"
                          : "positional argument follows keyword argument");
}

// The text of a keyword token ("True", "None", ...).
static const char *
token_text(FtParser *p, void *token)
{
    FtParseToken *t = token;
    return arena_strndup(p, t->start, (size_t)(t->end - t->start));
}

#include "compiler/generated/parser.gen.c"

static int
keyword_type(const char *s, size_t n)
{
    for (int i = 0; i < FT_PARSER_KEYWORD_COUNT; i++) {
        if (strlen(parser_keywords[i]) == n && memcmp(parser_keywords[i], s, n) == 0)
            return 500 + i;
    }
    return -1;
}

// Reports the generic error for a failed parse: at the farthest token the parser looked at.
// Returns 1 for "invalid syntax" (which a tokenizer error later in the input may replace), 0 for
// the indentation errors (which stand, as in CPython).
static int
report_generic_error(FtParser *p)
{
    if (p->fill == 0) {
        raise_error_at(p, FT_SYNTAX_ERROR, 1, 0, 1, 0, "invalid syntax");
        return 1;
    }
    FtParseToken *t = p->tokens[p->fill - 1];
    if (t->type == FT_TOKEN_INDENT) {
        raise_at_token(p, FT_INDENTATION_ERROR, t, "unexpected indent");
        return 0;
    }
    if (t->type == FT_TOKEN_DEDENT) {
        raise_at_token(p, FT_INDENTATION_ERROR, t, "unexpected unindent");
        return 0;
    }
    raise_at_token(p, FT_SYNTAX_ERROR, t, "invalid syntax");
    return 1;
}

// After the parser reported a SyntaxError, the rest of the input is tokenized: an error the
// tokenizer finds there replaces the parser's (CPython does the same), except that an unclosed
// bracket only does when the parser's error is on a later line than the bracket, and an error
// met inside an f-string or t-string never does (the parser's error in the replacement field is
// the one that explains it).
static void
prefer_tokenizer_errors(FtParser *p)
{
    if (p->err->kind != FT_SYNTAX_ERROR && p->err->kind != FT_INDENTATION_ERROR)
        return;
    int err_line = p->fill > 0 ? p->tokens[p->fill - 1]->lineno : 0;
    int depth = p->string_depth;
    for (;;) {
        FtToken t;
        int type = ft_tokenizer_next(p->tok, &t);
        if (type == FT_TOKEN_ENDMARKER)
            return;
        if (type == FT_TOKEN_FSTRING_START || type == FT_TOKEN_TSTRING_START)
            depth++;
        else if ((type == FT_TOKEN_FSTRING_END || type == FT_TOKEN_TSTRING_END) && depth > 0)
            depth--;
        if (type != FT_TOKEN_ERROR)
            continue;
        if (depth > 0)
            return;
        const FtSyntaxError *e = ft_tokenizer_error(p->tok);
        // CPython's tokenizer only flags these (the parser turns them into exceptions later), so
        // they never replace an error already raised.
        static const char *const flagged_only[] = {
            "unexpected character after line continuation character",
            "unindent does not match any outer indentation level",
            "inconsistent use of tabs and spaces in indentation",
            "too many levels of indentation",
            "unexpected EOF while parsing",
        };
        for (size_t i = 0; e->msg != NULL && i < sizeof flagged_only / sizeof flagged_only[0]; i++)
            if (strcmp(e->msg, flagged_only[i]) == 0)
                return;
        const char *never = "was never closed";
        size_t n = e->msg ? strlen(e->msg) : 0;
        if (n >= strlen(never) && strcmp(e->msg + n - strlen(never), never) == 0
            && err_line <= e->lineno)
            return;
        ft_syntax_error_set(p->err, e->kind, e->lineno, e->offset, e->end_lineno, e->end_offset,
                            e->text, "%s", e->msg ? e->msg : "invalid syntax");
        return;
    }
}

static FtAstMod *
parse(FtTokenizer *tok, FtParseMode mode, FtArena *arena, FtSyntaxError *err)
{
    if (tok == NULL) {
        ft_syntax_error_set(err, FT_SYNTAX_MEMORY_ERROR, 0, 0, 0, 0, NULL, "out of memory");
        return NULL;
    }
    FtParser p = {0};
    p.tok = tok;
    p.arena = arena;
    p.err = err;
    p.dummy = &p;
    void *res = mode == FT_PARSE_EVAL ? eval_rule(&p) : file_rule(&p);
    if (res == NULL && !p.error) {
        // Second pass with the invalid_* rules for a specific message; if none fires, the generic
        // error goes where the first pass stopped.
        int first_fill = p.fill;
        for (int i = 0; i < p.fill; i++)
            p.tokens[i]->memo = NULL;
        p.mark = 0;
        p.level = 0;
        p.call_invalid_rules = 1;
        void *again = mode == FT_PARSE_EVAL ? eval_rule(&p) : file_rule(&p);
        (void)again;
        int check_rest = 1;
        if (!p.error) {
            int second_fill = p.fill;
            p.fill = first_fill;
            check_rest = report_generic_error(&p);
            p.fill = second_fill;
        }
        if (check_rest && p.err->kind != FT_SYNTAX_MEMORY_ERROR && !p.tokenizer_failed)
            prefer_tokenizer_errors(&p);
    }
    if (res != NULL && !p.error && mode != FT_PARSE_EVAL)
        check_future_features(&p, res);
    mi_free(p.tokens);
    ft_tokenizer_free(tok);
    return p.error ? NULL : res;
}

FtAstMod *
ft_parse_file(const char *bytes, size_t len, FtParseMode mode, FtArena *arena, FtSyntaxError *err)
{
    return parse(ft_tokenizer_new(bytes, len, 0), mode, arena, err);
}

FtAstMod *
ft_parse_string(const char *utf8, size_t len, FtParseMode mode, FtArena *arena, FtSyntaxError *err)
{
    // compile() of a str rejects NUL before tokenizing, with no position or text (all None).
    if (len > 0 && memchr(utf8, '\0', len) != NULL) {
        ft_syntax_error_set(err, FT_SYNTAX_ERROR, 0, 0, 0, 0, NULL, "%s",
                            "source code string cannot contain null bytes");
        return NULL;
    }
    return parse(ft_tokenizer_new_utf8(utf8, len, 0), mode, arena, err);
}

// tests/unit/compiler/test_tokenizer.c: the tokenizer's C contract (compiler/tokenizer.h).
//
// Expected error attributes were taken from CPython 3.14 (compile() of the same bytes); the
// token-stream behaviour is covered exhaustively by test_tokenizer_golden.c and by
// scripts/compare_tokens.py over the standard library.
#include <pthread.h>            // pthread_create, pthread_barrier_t
#include <stdlib.h>             // malloc, free
#include <string.h>             // strcmp, strlen, memset

#include <mimalloc.h>           // mi_free

#include "compiler/tokenizer.h" // ft_tokenizer_*
#include "harness.h"            // TEST, CHECK, CHECK_EQ_INT

// Tokenizes src in parser mode until the end or an error; returns the last result and fills err
// fields through the tokenizer it frees.
typedef struct ErrorInfo {
    int kind, lineno, offset, end_lineno, end_offset;
    char msg[256];
    char text[256];
} ErrorInfo;

static int
run_to_end(const char *src, size_t len, int flags, ErrorInfo *info)
{
    FtTokenizer *tok = ft_tokenizer_new(src, len, flags);
    if (tok == NULL)
        return -2;
    FtToken t;
    int type;
    int guard = 0;
    do {
        type = ft_tokenizer_next(tok, &t);
    } while (type != FT_TOKEN_ENDMARKER && type != FT_TOKEN_ERROR && ++guard < 10000000);
    memset(info, 0, sizeof(*info));
    const FtSyntaxError *err = ft_tokenizer_error(tok);
    info->kind = err->kind;
    info->lineno = err->lineno;
    info->offset = err->offset;
    info->end_lineno = err->end_lineno;
    info->end_offset = err->end_offset;
    if (err->msg != NULL)
        snprintf(info->msg, sizeof(info->msg), "%s", err->msg);
    if (err->text != NULL)
        snprintf(info->text, sizeof(info->text), "%s", err->text);
    ft_tokenizer_free(tok);
    return type;
}

static int
error_of(const char *src, ErrorInfo *info)
{
    return run_to_end(src, strlen(src), 0, info);
}

TEST(parser_mode_stream)
{
    const char *src = "if x:\n    y = a->b  # c\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), 0);
    CHECK(tok != NULL);
    static const int want[] = {
        FT_TOKEN_NAME, FT_TOKEN_NAME, FT_TOKEN_COLON, FT_TOKEN_NEWLINE, FT_TOKEN_INDENT,
        FT_TOKEN_NAME, FT_TOKEN_EQUAL, FT_TOKEN_NAME, FT_TOKEN_RARROW, FT_TOKEN_NAME,
        FT_TOKEN_NEWLINE, FT_TOKEN_DEDENT, FT_TOKEN_ENDMARKER,
    };
    FtToken t;
    int ok = 1;
    for (size_t i = 0; i < sizeof(want) / sizeof(want[0]); i++) {
        int type = ft_tokenizer_next(tok, &t);
        if (type != want[i] || t.type != type) {
            printf("  token %zu: got %s want %s\n", i, ft_token_name(type), ft_token_name(want[i]));
            ok = 0;
            break;
        }
    }
    // ENDMARKER repeats.
    int again = ft_tokenizer_next(tok, &t);
    ft_tokenizer_free(tok);
    CHECK(ok);
    CHECK_EQ_INT(again, FT_TOKEN_ENDMARKER);
}

TEST(keywords_are_names_and_positions_are_bytes)
{
    const char *src = "é = match\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), 0);
    CHECK(tok != NULL);
    FtToken a, b, c;
    ft_tokenizer_next(tok, &a);
    ft_tokenizer_next(tok, &b);
    ft_tokenizer_next(tok, &c);
    int col_b = b.col_offset, col_c = c.col_offset, end_c = c.end_col_offset, type_c = c.type;
    int a_len = (int)(a.end - a.start);
    int char_col = ft_tokenizer_char_col(tok, 1, col_c);
    ft_tokenizer_free(tok);
    CHECK_EQ_INT(a_len, 2);       // "é" is two UTF-8 bytes
    CHECK_EQ_INT(col_b, 3);       // byte columns, as the AST uses
    CHECK_EQ_INT(col_c, 5);
    CHECK_EQ_INT(end_c, 10);
    CHECK_EQ_INT(type_c, FT_TOKEN_NAME);
    CHECK_EQ_INT(char_col, 4);    // character column, as SyntaxError.offset uses
}

// The parser sees NEWLINE one character wide (CPython's parser errors at a line's end span the
// newline), with or without a final newline in the source and after a comment; the extra mode
// keeps tokenize's own widths.
TEST(newline_spans_its_character)
{
    static const struct {
        const char *src;
        int flags, col, end_col, line_chars;
    } cases[] = {
        {"x = 1\n", 0, 5, 6, 5},
        {"x = 1", 0, 5, 6, 5},
        {"x = 1 # c\n", 0, 6, 10, 9},
        {"\xce\xb1 = 1\n", 0, 6, 7, 5},
        {"x = 1\n", FT_TOKENIZER_EXTRA_TOKENS | FT_TOKENIZER_STRING_INPUT, 5, 6, 5},
    };
    for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
        FtTokenizer *tok = ft_tokenizer_new(cases[i].src, strlen(cases[i].src), cases[i].flags);
        CHECK(tok != NULL);
        FtToken t;
        int type;
        do {
            type = ft_tokenizer_next(tok, &t);
        } while (type != FT_TOKEN_NEWLINE && type != FT_TOKEN_ENDMARKER && type != FT_TOKEN_ERROR);
        int col = t.col_offset, end_col = t.end_col_offset;
        // A column past a line's text counts the newline, and only it.
        int past_end = ft_tokenizer_char_col(tok, 1, end_col);
        int far = ft_tokenizer_char_col(tok, 1, 1000);
        ft_tokenizer_free(tok);
        CHECK_EQ_INT(type, FT_TOKEN_NEWLINE);
        CHECK_EQ_INT(col, cases[i].col);
        CHECK_EQ_INT(end_col, cases[i].end_col);
        if (cases[i].flags == 0)
            CHECK_EQ_INT(past_end, cases[i].line_chars + 1);
        CHECK_EQ_INT(far, cases[i].line_chars + 1);
    }
}

// Tokenizer errors with explicit ranges count characters, not bytes, before the token.
TEST(error_offsets_count_characters)
{
    ErrorInfo e;
    CHECK_EQ_INT(error_of("\xce\xb1\xce\xb2\xce\xb3\xce\xb4 = 00010\n", &e), FT_TOKEN_ERROR);
    CHECK(strncmp(e.msg, "leading zeros in decimal integer literals", 40) == 0);
    CHECK_EQ_INT(e.offset, 8);
    CHECK_EQ_INT(e.end_offset, 11);
    CHECK_EQ_INT(error_of("\xce\xb1\xce\xb2\xce\xb3\xce\xb4 = ub'a'\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "'u' and 'b' prefixes are incompatible") == 0);
    CHECK_EQ_INT(e.offset, 8);
    CHECK_EQ_INT(e.end_offset, 10);
}

TEST(extra_mode_encoding_comment_nl_op)
{
    const char *src = "# hi\nx=(1)\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), FT_TOKENIZER_EXTRA_TOKENS);
    CHECK(tok != NULL);
    FtToken t;
    int types[8];
    int exact_lpar = 0;
    for (int i = 0; i < 8; i++) {
        types[i] = ft_tokenizer_next(tok, &t);
        if (i == 5)
            exact_lpar = t.exact_type;
    }
    ft_tokenizer_free(tok);
    CHECK_EQ_INT(types[0], FT_TOKEN_ENCODING);
    CHECK_EQ_INT(types[1], FT_TOKEN_COMMENT);
    CHECK_EQ_INT(types[2], FT_TOKEN_NL);
    CHECK_EQ_INT(types[3], FT_TOKEN_NAME);
    CHECK_EQ_INT(types[4], FT_TOKEN_OP);
    CHECK_EQ_INT(types[5], FT_TOKEN_OP);
    CHECK_EQ_INT(exact_lpar, FT_TOKEN_LPAR);
    CHECK_EQ_INT(types[6], FT_TOKEN_NUMBER);
}

TEST(error_unterminated_string)
{
    ErrorInfo e;
    CHECK_EQ_INT(error_of("\"abc\n", &e), FT_TOKEN_ERROR);
    CHECK_EQ_INT(e.kind, FT_SYNTAX_ERROR);
    CHECK(strcmp(e.msg, "unterminated string literal (detected at line 1)") == 0);
    CHECK_EQ_INT(e.lineno, 1);
    CHECK_EQ_INT(e.offset, 1);
    CHECK_EQ_INT(e.end_lineno, 1);
    CHECK_EQ_INT(e.end_offset, 1);
    CHECK(strcmp(e.text, "\"abc") == 0);
}

TEST(error_invalid_character)
{
    ErrorInfo e;
    CHECK_EQ_INT(error_of("a = \xc3\xa9 + 1; \xe2\x82\xac = 2\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "invalid character '\xe2\x82\xac' (U+20AC)") == 0);
    CHECK_EQ_INT(e.lineno, 1);
    CHECK_EQ_INT(e.offset, 12);
    CHECK_EQ_INT(e.end_offset, 12);
    CHECK(strcmp(e.text, "a = \xc3\xa9 + 1; \xe2\x82\xac = 2") == 0);
    CHECK_EQ_INT(error_of("x = 1\xc2\xa0\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "invalid non-printable character U+00A0") == 0);
}

TEST(error_tab_and_dedent)
{
    ErrorInfo e;
    CHECK_EQ_INT(error_of("if x:\n\ty\n        z\n", &e), FT_TOKEN_ERROR);
    CHECK_EQ_INT(e.kind, FT_TAB_ERROR);
    CHECK(strcmp(e.msg, "inconsistent use of tabs and spaces in indentation") == 0);
    CHECK_EQ_INT(e.lineno, 3);
    CHECK_EQ_INT(e.offset, 1);
    CHECK_EQ_INT(e.end_offset, 0);
    CHECK_EQ_INT(error_of("if x:\n  y\n z\n", &e), FT_TOKEN_ERROR);
    CHECK_EQ_INT(e.kind, FT_INDENTATION_ERROR);
    CHECK(strcmp(e.msg, "unindent does not match any outer indentation level") == 0);
    CHECK_EQ_INT(e.lineno, 3);
    CHECK_EQ_INT(e.offset, 3);
    CHECK_EQ_INT(e.end_offset, -1);
}

TEST(error_brackets)
{
    ErrorInfo e;
    CHECK_EQ_INT(error_of(")\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "unmatched ')'") == 0);
    CHECK_EQ_INT(e.offset, 1);
    CHECK_EQ_INT(error_of("(\n]\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "closing parenthesis ']' does not match opening parenthesis '(' on line 1") == 0);
    CHECK_EQ_INT(e.lineno, 2);
    CHECK_EQ_INT(error_of("x = (1,\n 2\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "'(' was never closed") == 0);
    CHECK_EQ_INT(e.lineno, 1);
    CHECK_EQ_INT(e.offset, 5);
    CHECK_EQ_INT(e.end_offset, 0);
}

TEST(error_numbers)
{
    ErrorInfo e;
    CHECK_EQ_INT(error_of("0777\n", &e), FT_TOKEN_ERROR);
    CHECK(strncmp(e.msg, "leading zeros in decimal integer literals", 40) == 0);
    CHECK_EQ_INT(e.offset, 1);
    CHECK_EQ_INT(e.end_offset, 2);
    CHECK_EQ_INT(error_of("1abc\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "invalid decimal literal") == 0);
    CHECK_EQ_INT(e.offset, 1);
    CHECK_EQ_INT(error_of("0b2\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "invalid digit '2' in binary literal") == 0);
    CHECK_EQ_INT(e.offset, 3);
    // A keyword right after a number is accepted (CPython only warns).
    CHECK_EQ_INT(error_of("x = 1if y else 2\n", &e), FT_TOKEN_ENDMARKER);
}

TEST(error_decoding)
{
    ErrorInfo e;
    CHECK_EQ_INT(error_of("x = \"\xff\"\n", &e), FT_TOKEN_ERROR);
    CHECK(strncmp(e.msg, "Non-UTF-8 code starting with '\\xff' on line 1, but no encoding declared",
                  70) == 0);
    CHECK_EQ_INT(e.offset, 6);
    CHECK_EQ_INT(error_of("# coding: foo\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "unknown encoding: foo") == 0);
    CHECK_EQ_INT(error_of("# coding: latin-1\nx = '\xe9'\n", &e), FT_TOKEN_ENDMARKER);
    // As source text (compile() of a str) the cookie is ignored and the bytes must be UTF-8.
    const char *s = "# coding: foo\nx = 1\n";
    CHECK_EQ_INT(run_to_end(s, strlen(s), FT_TOKENIZER_STRING_INPUT, &e), FT_TOKEN_ENDMARKER);
    const char nul[] = "x = 1\nx\0y\n";
    CHECK_EQ_INT(run_to_end(nul, sizeof(nul) - 1, 0, &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "source code cannot contain null bytes") == 0);
    CHECK_EQ_INT(e.lineno, 2);
}

TEST(error_repeats_after_failure)
{
    const char *src = "x = $ )\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), 0);
    CHECK(tok != NULL);
    FtToken t;
    int type;
    int count = 0;
    do {
        type = ft_tokenizer_next(tok, &t);
    } while (type != FT_TOKEN_ERROR && type != FT_TOKEN_ENDMARKER && ++count < 100);
    int again = ft_tokenizer_next(tok, &t);
    ft_tokenizer_free(tok);
    CHECK_EQ_INT(type, FT_TOKEN_ERROR);
    CHECK_EQ_INT(again, FT_TOKEN_ERROR);
}

TEST(fstring_tokens_and_debug_text)
{
    const char *src = "f\"a{x = !r:>{w}}b\" f'{y # c\n=}'\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), 0);
    CHECK(tok != NULL);
    FtToken t;
    int types[32], n = 0;
    char debug1[16] = "", debug2[16] = "";
    for (;;) {
        int type = ft_tokenizer_next(tok, &t);
        if (n < 32)
            types[n++] = type;
        if (t.debug_text != NULL && debug1[0] == '\0')
            snprintf(debug1, sizeof(debug1), "%.*s", (int)t.debug_len, t.debug_text);
        else if (t.debug_text != NULL)
            snprintf(debug2, sizeof(debug2), "%.*s", (int)t.debug_len, t.debug_text);
        if (type == FT_TOKEN_ENDMARKER || type == FT_TOKEN_ERROR)
            break;
    }
    ft_tokenizer_free(tok);
    CHECK_EQ_INT(types[0], FT_TOKEN_FSTRING_START);
    CHECK_EQ_INT(types[1], FT_TOKEN_FSTRING_MIDDLE);
    CHECK_EQ_INT(types[2], FT_TOKEN_LBRACE);
    CHECK_EQ_INT(types[3], FT_TOKEN_NAME);
    CHECK_EQ_INT(types[4], FT_TOKEN_EQUAL);
    CHECK_EQ_INT(types[5], FT_TOKEN_EXCLAMATION);
    CHECK(strcmp(debug1, "x = ") == 0);
    CHECK(strcmp(debug2, "y \n=") == 0); // comments are dropped, as CPython does
    CHECK_EQ_INT(types[n - 1], FT_TOKEN_ENDMARKER);
}

TEST(tstring_tokens)
{
    const char *src = "t\"{x}\"\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), 0);
    CHECK(tok != NULL);
    FtToken t;
    int a = ft_tokenizer_next(tok, &t);
    int b = ft_tokenizer_next(tok, &t);
    int c = ft_tokenizer_next(tok, &t);
    int d = ft_tokenizer_next(tok, &t);
    int e = ft_tokenizer_next(tok, &t);
    ft_tokenizer_free(tok);
    CHECK_EQ_INT(a, FT_TOKEN_TSTRING_START);
    CHECK_EQ_INT(b, FT_TOKEN_LBRACE);
    CHECK_EQ_INT(c, FT_TOKEN_NAME);
    CHECK_EQ_INT(d, FT_TOKEN_RBRACE);
    CHECK_EQ_INT(e, FT_TOKEN_TSTRING_END);
}

TEST(limits_nesting_and_indentation)
{
    ErrorInfo e;
    char buf[1024];
    memset(buf, '(', 300);
    buf[300] = '\0';
    CHECK_EQ_INT(error_of(buf, &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "too many nested parentheses") == 0);
    CHECK_EQ_INT(e.offset, 201);
    // 120 nested blocks exceed the 100 indentation levels.
    size_t n = 0;
    static char deep[20000];
    for (int i = 0; i < 120; i++) {
        memset(deep + n, ' ', (size_t)i);
        n += (size_t)i;
        memcpy(deep + n, "if x:\n", 6);
        n += 6;
    }
    deep[n] = '\0';
    CHECK_EQ_INT(error_of(deep, &e), FT_TOKEN_ERROR);
    CHECK_EQ_INT(e.kind, FT_INDENTATION_ERROR);
    CHECK(strcmp(e.msg, "too many levels of indentation") == 0);
    CHECK_EQ_INT(error_of("f'{a:{b:{c:{d}}}}'\n", &e), FT_TOKEN_ERROR);
    CHECK(strcmp(e.msg, "f-string: expressions nested too deeply") == 0);
}

TEST(huge_line_is_linear)
{
    // A 10 MB line of "Î±+" (alpha plus) tokens, then one 10 MB string literal: both must
    // tokenize (a quadratic column computation would not finish within the test timeout).
    size_t len = 10u * 1024 * 1024;
    char *src = malloc(len + 8);
    CHECK(src != NULL);
    size_t n = 0;
    while (n + 3 < len) {
        memcpy(src + n, "\xce\xb1+", 3);
        n += 3;
    }
    memcpy(src + n, "x\n", 2);
    n += 2;
    ErrorInfo e;
    int extra = run_to_end(src, n, FT_TOKENIZER_EXTRA_TOKENS, &e);
    int parser = run_to_end(src, n, 0, &e);
    src[0] = '"';
    memset(src + 1, 'a', len - 3);
    memcpy(src + len - 2, "\"\n", 2);
    int string = run_to_end(src, len, FT_TOKENIZER_EXTRA_TOKENS, &e);
    free(src);
    CHECK_EQ_INT(extra, FT_TOKEN_ENDMARKER);
    CHECK_EQ_INT(parser, FT_TOKEN_ENDMARKER);
    CHECK_EQ_INT(string, FT_TOKEN_ENDMARKER);
}

// Several threads tokenize the same source at once; every one must see the same stream. The
// threads stay alive until the main thread has compared the results and free their own buffers:
// mimalloc hands an exited thread's pages to the others through synchronisation ThreadSanitizer
// cannot see (tests/tsan.supp), so no thread exits while another still allocates.
typedef struct ThreadArg {
    pthread_barrier_t *start;   // all workers
    pthread_barrier_t *done;    // workers and the main thread: results ready
    pthread_barrier_t *release; // workers and the main thread: results compared
    const char *src;
    char *dump;                 // owner: the worker; read by main between done and release
    size_t dump_len;
} ThreadArg;

static void *
dump_thread(void *p)
{
    ThreadArg *arg = p;
    pthread_barrier_wait(arg->start);
    for (int i = 0; i < 20; i++) {
        mi_free(arg->dump);
        arg->dump = ft_tokenizer_dump(arg->src, strlen(arg->src), FT_TOKENIZER_EXTRA_TOKENS,
                                      &arg->dump_len);
    }
    pthread_barrier_wait(arg->done);
    pthread_barrier_wait(arg->release);
    mi_free(arg->dump);
    arg->dump = NULL;
    return NULL;
}

TEST(independent_tokenizers_on_threads)
{
    const char *src = "def f(a, *, b=f\"{1:{2}}\"):\n    return [x for x in a if x]  # c\n";
    enum { N = 4 };
    pthread_barrier_t start, done, release;
    pthread_barrier_init(&start, NULL, N);
    pthread_barrier_init(&done, NULL, N + 1);
    pthread_barrier_init(&release, NULL, N + 1);
    pthread_t threads[N];
    ThreadArg args[N];
    for (int i = 0; i < N; i++) {
        args[i] = (ThreadArg){&start, &done, &release, src, NULL, 0};
        pthread_create(&threads[i], NULL, dump_thread, &args[i]);
    }
    pthread_barrier_wait(&done);
    int same = 1;
    for (int i = 0; i < N; i++) {
        same = same && args[i].dump != NULL && args[i].dump_len == args[0].dump_len &&
               memcmp(args[i].dump, args[0].dump, args[0].dump_len) == 0;
    }
    pthread_barrier_wait(&release);
    for (int i = 0; i < N; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start);
    pthread_barrier_destroy(&done);
    pthread_barrier_destroy(&release);
    CHECK(same);
}

TEST(warnings)
{
    const char *src = "x = [1 for y in z]\ny = 0x1for\nz = f\"\\{6}\"\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), 0);
    CHECK(tok != NULL);
    FtToken t;
    while (ft_tokenizer_next(tok, &t) > 0) {
    }
    size_t n = ft_tokenizer_warning_count(tok);
    const FtSyntaxError *w0 = ft_tokenizer_warning(tok, 0);
    const FtSyntaxError *w1 = ft_tokenizer_warning(tok, 1);
    int ok = n == 2 && w0 != NULL && w1 != NULL && strcmp(w0->msg, "invalid hexadecimal literal") == 0 &&
             w0->lineno == 2 && w1->lineno == 3 &&
             strcmp(w1->msg, "\"\\{\" is an invalid escape sequence. Such sequences will not work in "
                             "the future. Did you mean \"\\\\{\"? A raw string is also an option.") == 0 &&
             ft_tokenizer_warning(tok, 2) == NULL;
    ft_tokenizer_free(tok);
    CHECK(ok);
}

TEST(type_comments)
{
    const char *src = "x = 1  # type: int\n# type: ignore[misc]\ny = 2 #type:ignore\nz = 3 # type: ignored\n";
    FtTokenizer *tok = ft_tokenizer_new(src, strlen(src), FT_TOKENIZER_TYPE_COMMENTS);
    CHECK(tok != NULL);
    FtToken t;
    char texts[4][32];
    int kinds[4], n = 0;
    for (;;) {
        int type = ft_tokenizer_next(tok, &t);
        if (type <= 0)
            break;
        if ((type == FT_TOKEN_TYPE_COMMENT || type == FT_TOKEN_TYPE_IGNORE) && n < 4) {
            kinds[n] = type;
            snprintf(texts[n++], sizeof(texts[0]), "%.*s", (int)(t.end - t.start), t.start);
        }
    }
    ft_tokenizer_free(tok);
    CHECK_EQ_INT(n, 4);
    CHECK_EQ_INT(kinds[0], FT_TOKEN_TYPE_COMMENT);
    CHECK(strcmp(texts[0], "int") == 0);
    CHECK_EQ_INT(kinds[1], FT_TOKEN_TYPE_IGNORE);
    CHECK(strcmp(texts[1], "[misc]") == 0);
    CHECK_EQ_INT(kinds[2], FT_TOKEN_TYPE_IGNORE);
    CHECK(strcmp(texts[2], "") == 0);
    CHECK_EQ_INT(kinds[3], FT_TOKEN_TYPE_COMMENT);
    CHECK(strcmp(texts[3], "ignored") == 0);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/fuzz/parser/fuzz_parser.c: fuzz target for the parser (libFuzzer entry point).
//
// Owns no runtime state: every input is parsed as a file (bytes, PEP 263 decoding) and as text
// (compile() of a str), each in 'exec' and 'eval' mode, and every tree that comes back is dumped.
// The properties checked are the ones compiler/parser.h promises for any input: no crash, leak or
// hang; a tree and no error record on success; NULL and an error record with a message (or a
// MemoryError) on failure, with positions not below -1 (CPython reports offset -1 for an
// unknown coding cookie).
// Single-threaded: libFuzzer calls the entry point from one thread; all state is per call.
//
// Build and run: see README.md in this folder (the target is not part of ctest).
// Without -fsanitize=fuzzer, define FT_FUZZ_STANDALONE to get a main() that runs the files named
// on the command line once each (a corpus replay).
#include <stddef.h>                 // size_t
#include <stdint.h>                 // uint8_t
#include <stdio.h>                  // fopen
#include <stdlib.h>                 // abort, malloc

#include "compiler/arena.h"         // ft_arena_new, ft_arena_free
#include "compiler/ast.h"           // ft_ast_dump_mod, FtAstBuf
#include "compiler/parser.h"        // ft_parse_file, ft_parse_string
#include "compiler/syntax_error.h"  // FtSyntaxError

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
check_error(const FtSyntaxError *err)
{
    if (err->kind == FT_SYNTAX_NONE)
        abort();
    if (err->kind == FT_SYNTAX_MEMORY_ERROR)
        return;
    if (err->msg == NULL || err->msg[0] == '\0')
        abort();
    if (err->lineno < 0 || err->offset < -1 || err->end_lineno < 0 || err->end_offset < -1)
        abort();
    if (ft_syntax_error_class_name(err->kind)[0] == '\0')
        abort();
}

static void
run(const uint8_t *data, size_t size, int as_text, FtParseMode mode)
{
    FtArena *arena = ft_arena_new();
    if (arena == NULL)
        return;
    FtSyntaxError err = {0};
    FtAstMod *mod = as_text ? ft_parse_string((const char *)data, size, mode, arena, &err)
                            : ft_parse_file((const char *)data, size, mode, arena, &err);
    if (mod == NULL) {
        check_error(&err);
    } else {
        if (err.kind != FT_SYNTAX_NONE)
            abort();
        FtAstBuf buf = {0};
        if (ft_ast_dump_mod(&buf, mod) == 0 && (buf.data == NULL || buf.len == 0))
            abort();
        ft_ast_buf_free(&buf);
    }
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run(data, size, 0, FT_PARSE_FILE);
    run(data, size, 0, FT_PARSE_EVAL);
    run(data, size, 1, FT_PARSE_FILE);
    run(data, size, 1, FT_PARSE_EVAL);
    return 0;
}

#ifdef FT_FUZZ_STANDALONE
int
main(int argc, char **argv)
{
    for (int i = 1; i < argc; i++) {
        FILE *f = fopen(argv[i], "rb");
        if (f == NULL)
            continue;
        fseek(f, 0, SEEK_END);
        long n = ftell(f);
        fseek(f, 0, SEEK_SET);
        uint8_t *data = malloc((size_t)n + 1);
        if (data != NULL && fread(data, 1, (size_t)n, f) == (size_t)n)
            LLVMFuzzerTestOneInput(data, (size_t)n);
        free(data);
        fclose(f);
    }
    return 0;
}
#endif

// programs/ftpy_ast.c: build/ftpy-ast, a developer tool that prints a file's AST.
//
// `ftpy-ast FILE` prints exactly what CPython 3.14 prints for
// `print(ast.dump(ast.parse(source), include_attributes=True))`, or, for a file CPython would
// reject, one line `CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)` (exit status 1).
// `ftpy-ast --time N FILE` parses the file N times and prints the mean parse time (for bench/).
// `-` reads standard input. Single-threaded; all state is local to main().
#include <mimalloc.h>               // mi_free
#include <stdio.h>                  // fopen, fread, printf
#include <stdlib.h>                 // atoi
#include <string.h>                 // strcmp
#include <time.h>                   // clock_gettime

#include "programs/tool_support.h"  // ft_tool_read_file ft_tool_print_syntax_error
#include "compiler/arena.h"         // ft_arena_new, ft_arena_free
#include "compiler/ast.h"           // ft_ast_dump_mod, FtAstBuf
#include "compiler/parser.h"        // ft_parse_file
#include "compiler/syntax_error.h"  // FtSyntaxError

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int
main(int argc, char **argv)
{
    int repeat = 0;
    int argi = 1;
    if (argc >= 4 && strcmp(argv[1], "--time") == 0) {
        repeat = atoi(argv[2]);
        argi = 3;
    }
    if (argi + 1 != argc) {
        fprintf(stderr, "usage: ftpy-ast [--time N] FILE\n");
        return 2;
    }
    size_t len = 0;
    char *src = ft_tool_read_file(argv[argi], &len);
    if (src == NULL) {
        fprintf(stderr, "ftpy-ast: cannot read %s\n", argv[argi]);
        return 2;
    }
    if (repeat > 0) {
        double t0 = now_seconds();
        for (int i = 0; i < repeat; i++) {
            FtArena *arena = ft_arena_new();
            FtSyntaxError err = {0};
            ft_parse_file(src, len, FT_PARSE_FILE, arena, &err);
            ft_syntax_error_clear(&err);
            ft_arena_free(arena);
        }
        printf("%.3f ms per parse\n", (now_seconds() - t0) * 1e3 / repeat);
        mi_free(src);
        return 0;
    }
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    int status = 0;
    if (arena == NULL) {
        fprintf(stderr, "ftpy-ast: out of memory\n");
        mi_free(src);
        return 2;
    }
    FtAstMod *mod = ft_parse_file(src, len, FT_PARSE_FILE, arena, &err);
    if (mod == NULL) {
        ft_tool_print_syntax_error(&err);
        status = 1;
    } else {
        FtAstBuf buf = {0};
        int dumped = ft_ast_dump_mod(&buf, mod);
        if (dumped < 0 && buf.too_deep) {
            // CPython raises RecursionError from ast.dump for such a tree; its message has no
            // position, so the line has none either.
            char msg[128];
            printf("RecursionError: %s\n", ft_ast_dump_error(&buf, msg, sizeof msg));
            status = 1;
        } else if (dumped < 0) {
            fprintf(stderr, "ftpy-ast: out of memory\n");
            status = 2;
        } else {
            fwrite(buf.data, 1, buf.len, stdout);
            fputc('\n', stdout);
        }
        ft_ast_buf_free(&buf);
    }
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    mi_free(src);
    return status;
}

// programs/ftpy_symtable.c: build/ftpy-symtable, a tool that prints files' symbol tables.
//
// `ftpy-symtable FILE...` parses each file, builds its symbol table (compiler/symtable.h) and
// prints the canonical dump, the same text scripts/compare_symtable.py prints from CPython 3.14's
// `symtable` module; or, for a file CPython would reject (in the parser or in the symbol table),
// one line `CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)`. With several files each dump is
// preceded by a line `== FILE`. `-` reads standard input. Exit status (the worst over the files):
// 0 built, 1 rejected by the symbol table, 2 I/O or memory trouble, 3 rejected by the parser.
// Single-threaded; all state is local.
#include <mimalloc.h>               // mi_free
#include <stdio.h>                  // fopen, fread, printf
#include <string.h>                 // strcmp

#include "programs/tool_support.h"  // ft_tool_read_file ft_tool_print_syntax_error
#include "compiler/arena.h"         // ft_arena_new, ft_arena_free
#include "compiler/ast.h"           // FtAstBuf
#include "compiler/parser.h"        // ft_parse_file
#include "compiler/symtable.h"      // ft_symtable_build, ft_symtable_dump
#include "compiler/syntax_error.h"  // FtSyntaxError

// Prints one file's table or error. Returns the exit status for it.
static int
dump_file(const char *path)
{
    size_t len = 0;
    char *src = ft_tool_read_file(path, &len);
    if (src == NULL) {
        fprintf(stderr, "ftpy-symtable: cannot read %s\n", path);
        return 2;
    }
    FtArena *arena = ft_arena_new();
    if (arena == NULL) {
        mi_free(src);
        fprintf(stderr, "ftpy-symtable: out of memory\n");
        return 2;
    }
    FtSyntaxError err = {0};
    int status = 0;
    FtAstMod *mod = ft_parse_file(src, len, FT_PARSE_FILE, arena, &err);
    FtSymtable *st = mod != NULL ? ft_symtable_build(mod, &err) : NULL;
    if (st == NULL) {
        ft_tool_print_syntax_error(&err);
        status = err.kind == FT_SYNTAX_MEMORY_ERROR ? 2 : mod == NULL ? 3 : 1;
    }
    else {
        FtAstBuf buf = {0};
        if (ft_symtable_dump(&buf, st) < 0) {
            fprintf(stderr, "ftpy-symtable: out of memory\n");
            status = 2;
        }
        else {
            fwrite(buf.data, 1, buf.len, stdout);
        }
        ft_ast_buf_free(&buf);
    }
    ft_symtable_free(st);
    ft_syntax_error_clear(&err);
    ft_arena_free(arena);
    mi_free(src);
    return status;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ftpy-symtable FILE...\n");
        return 2;
    }
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (argc > 2)
            printf("== %s\n", argv[i]);
        int rc = dump_file(argv[i]);
        if (rc > status)
            status = rc;
    }
    return status;
}

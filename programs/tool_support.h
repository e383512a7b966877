// programs/tool_support.h: what the developer tools (ftpy-tokens, ftpy-ast, ftpy-symtable) share:
// reading a whole source file and printing a syntax error in the one-line form the comparison
// scripts parse. Header-only: each tool is one program. Single-threaded callers.
#ifndef FT_PROGRAMS_TOOL_SUPPORT_H
#define FT_PROGRAMS_TOOL_SUPPORT_H

#include <stdio.h>    // FILE fopen fread printf snprintf
#include <string.h>   // strcmp

#include <mimalloc.h>   // mi_malloc mi_realloc mi_free

#include "compiler/syntax_error.h"   // FtSyntaxError ft_syntax_error_class_name

// Reads all of path ("-" = standard input) into a new mi_malloc'd buffer (not NUL-terminated) and
// stores its length in *len_out. NULL if the file cannot be opened or memory runs out.
static inline char *
ft_tool_read_file(const char *path, size_t *len_out)
{
    FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "rb");
    if (f == NULL)
        return NULL;
    size_t cap = 1 << 16, len = 0;
    char *data = mi_malloc(cap);
    while (data != NULL) {
        if (len == cap) {
            cap *= 2;
            char *grown = mi_realloc(data, cap);
            if (grown == NULL) {
                mi_free(data);
                data = NULL;
                break;
            }
            data = grown;
        }
        size_t n = fread(data + len, 1, cap - len, f);
        if (n == 0)
            break;
        len += n;
    }
    if (f != stdin)
        fclose(f);
    *len_out = len;
    return data;
}

// Prints `CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)` on standard output. CPython prints None
// for an unset end position: here end_lineno 0 (which leaves end_offset unset too). Line, offset and
// a set end's offset are printed even when 0, as CPython does ("'(' was never closed" has
// end_offset 0).
static inline void
ft_tool_print_syntax_error(const FtSyntaxError *err)
{
    char pos[4][16];
    const int vals[4] = {err->lineno, err->offset, err->end_lineno, err->end_offset};
    for (int i = 0; i < 4; i++) {
        if (i >= 2 && err->end_lineno == 0)
            snprintf(pos[i], sizeof pos[i], "None");
        else
            snprintf(pos[i], sizeof pos[i], "%d", vals[i]);
    }
    printf("%s: %s (%s, %s, %s, %s)\n", ft_syntax_error_class_name(err->kind),
           err->msg ? err->msg : "", pos[0], pos[1], pos[2], pos[3]);
}

#endif // FT_PROGRAMS_TOOL_SUPPORT_H

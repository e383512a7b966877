// programs/ftpy_tokens.c: `ftpy-tokens [--parser] [--lines] FILE` prints a file's token stream.
//
// The format is ft_tokenizer_dump()'s (compiler/tokenizer.h), which scripts/compare_tokens.py also
// produces from CPython so that the two can be diffed line by line. By default the stream is the
// tokenize module's (tokenize.tokenize(): ENCODING first, COMMENT/NL, operators as OP); --parser
// prints what the parser sees instead; --lines adds each token's line (TokenInfo.line). FILE "-"
// reads standard input. Exit status: 0 when the
// whole file tokenized, 1 when it ended with an error, 2 on usage or I/O problems.
// Single-threaded program.
#include <stdio.h>              // fopen, fread, fwrite
#include <string.h>             // strcmp, strchr

#include <mimalloc.h>           // mi_free

#include "programs/tool_support.h"  // ft_tool_read_file
#include "compiler/tokenizer.h" // ft_tokenizer_dump

int
main(int argc, char **argv)
{
    int flags = FT_TOKENIZER_EXTRA_TOKENS;
    const char *path = NULL;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--parser") == 0)
            flags &= ~FT_TOKENIZER_EXTRA_TOKENS;
        else if (strcmp(argv[i], "--lines") == 0)
            flags |= FT_TOKENIZER_DUMP_LINES;
        else
            path = argv[i];
    }
    if (path == NULL) {
        fprintf(stderr, "usage: ftpy-tokens [--parser] [--lines] FILE\n");
        return 2;
    }
    size_t len = 0;
    char *data = ft_tool_read_file(path, &len);
    if (data == NULL) {
        fprintf(stderr, "ftpy-tokens: cannot read %s\n", path);
        return 2;
    }
    size_t out_len = 0;
    char *out = ft_tokenizer_dump(data, len, flags, &out_len);
    mi_free(data);
    if (out == NULL) {
        fprintf(stderr, "ftpy-tokens: out of memory\n");
        return 2;
    }
    fwrite(out, 1, out_len, stdout);
    // An error line's first word is the class name followed by ':'; a token line's is its type.
    int status = 0;
    if (out_len > 0) {
        const char *last = out + out_len - 1;
        while (last > out && last[-1] != '\n')
            last--;
        const char *space = strchr(last, ' ');
        if (space != NULL && space > last && space[-1] == ':')
            status = 1;
    }
    mi_free(out);
    return status;
}

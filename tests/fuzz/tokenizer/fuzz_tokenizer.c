// tests/fuzz/tokenizer/fuzz_tokenizer.c: fuzz target for the tokenizer (libFuzzer entry point).
//
// Every input is tokenized in both modes, as bytes and as text, until ENDMARKER or an error; the
// properties checked are the ones the tokenizer promises for any input: no crash, leak or hang,
// token positions inside the buffer, and an error record with a message whenever it fails.
//
// Build and run: see README.md in this folder (the target is not part of ctest).
// Without -fsanitize=fuzzer, define FT_FUZZ_STANDALONE to get a main() that runs the files named
// on the command line once each (a corpus replay).
#include <stddef.h>             // size_t
#include <stdint.h>             // uint8_t
#include <stdio.h>              // fopen
#include <stdlib.h>             // abort, malloc

#include <mimalloc.h>           // mi_free

#include "compiler/tokenizer.h" // ft_tokenizer_*

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void
run(const uint8_t *data, size_t size, int flags)
{
    FtTokenizer *tok = ft_tokenizer_new((const char *)data, size, flags);
    if (tok == NULL)
        return;
    size_t buf_len = 0;
    const char *buf = ft_tokenizer_source(tok, &buf_len);
    // Every call consumes at least one byte or ends, so the stream is bounded by the input size
    // plus indentation tokens; 4 tokens per byte is a generous hang detector.
    size_t limit = 4 * (buf_len + 16) + 200;
    for (size_t i = 0;; i++) {
        FtToken t;
        int type = ft_tokenizer_next(tok, &t);
        if (type == FT_TOKEN_ERROR) {
            const FtSyntaxError *err = ft_tokenizer_error(tok);
            if (err->kind == FT_SYNTAX_NONE || (err->msg == NULL && err->kind != FT_SYNTAX_MEMORY_ERROR))
                abort();
            break;
        }
        if (type == FT_TOKEN_ENDMARKER)
            break;
        if (t.start != NULL && type != FT_TOKEN_ENCODING &&
            (t.start < buf || t.end < t.start || t.end > buf + buf_len))
            abort();
        if (i > limit)
            abort();
    }
    ft_tokenizer_free(tok);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    run(data, size, 0);
    run(data, size, FT_TOKENIZER_EXTRA_TOKENS);
    run(data, size, FT_TOKENIZER_STRING_INPUT | FT_TOKENIZER_TYPE_COMMENTS);
    size_t len = 0;
    char *dump = ft_tokenizer_dump((const char *)data, size, FT_TOKENIZER_EXTRA_TOKENS, &len);
    mi_free(dump);
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

// tests/unit/compiler/test_tokenizer_golden.c: the tokenizer against CPython 3.14's own output.
//
// For every tests/compiler/tokens/NAME.py, NAME.exp holds the tokenize-module stream (with each
// token's line) and NAME.pexp the parser stream with compile()'s error, both produced by the
// reference interpreter (scripts/compare_tokens.py --regen, never edited by hand);
// ft_tokenizer_dump() must reproduce them byte for byte. The data folder is
// found from this file's path (or FT_TOKENS_TEST_DIR when defined).
#include <dirent.h>             // opendir, readdir
#include <stdio.h>              // fopen, snprintf
#include <stdlib.h>             // free
#include <string.h>             // strcmp, strlen

#include <mimalloc.h>           // mi_free

#include "compiler/tokenizer.h" // ft_tokenizer_dump
#include "harness.h"            // TEST, CHECK

static void
data_dir(char *out, size_t size)
{
#ifdef FT_TOKENS_TEST_DIR
    snprintf(out, size, "%s", FT_TOKENS_TEST_DIR);
#else
    // __FILE__ is .../tests/unit/compiler/test_tokenizer_golden.c
    snprintf(out, size, "%s", __FILE__);
    for (int i = 0; i < 3; i++) {
        char *slash = strrchr(out, '/');
        if (slash != NULL)
            *slash = '\0';
    }
    size_t len = strlen(out);
    snprintf(out + len, size - len, "/compiler/tokens");
#endif
}

static char *
slurp(const char *path, size_t *len_out)
{
    FILE *f = fopen(path, "rb");
    if (f == NULL)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *data = malloc((size_t)n + 1);
    if (data != NULL) {
        *len_out = fread(data, 1, (size_t)n, f);
        data[*len_out] = '\0';
    }
    fclose(f);
    return data;
}

// Compares one input with one expected file; prints the first differing line. Returns 1 if equal.
static int
check_one(const char *dir, const char *name, const char *ext, int flags)
{
    char path[1024], exp_path[1024];
    snprintf(path, sizeof(path), "%s/%s", dir, name);
    snprintf(exp_path, sizeof(exp_path), "%s/%.*s%s", dir, (int)(strlen(name) - 3), name, ext);
    size_t src_len = 0, exp_len = 0, got_len = 0;
    char *src = slurp(path, &src_len);
    char *expected = slurp(exp_path, &exp_len);
    char *got = src != NULL ? ft_tokenizer_dump(src, src_len, flags, &got_len) : NULL;
    int ok = src != NULL && expected != NULL && got != NULL && got_len == exp_len &&
             memcmp(got, expected, exp_len) == 0;
    if (!ok) {
        printf("  golden mismatch: %s (%s)\n", name, ext);
        if (got != NULL && expected != NULL) {
            const char *g = got, *e = expected;
            while (*g != '\0' && *g == *e) {
                g++;
                e++;
            }
            while (g > got && g[-1] != '\n') {
                g--;
                e--;
            }
            printf("    expected: %.*s\n    got:      %.*s\n", (int)strcspn(e, "\n"), e,
                   (int)strcspn(g, "\n"), g);
        }
    }
    free(src);
    free(expected);
    mi_free(got);
    return ok;
}

TEST(golden_files)
{
    char dir[1024];
    data_dir(dir, sizeof(dir));
    DIR *d = opendir(dir);
    CHECK(d != NULL);
    int files = 0, failures = 0;
    struct dirent *entry;
    while ((entry = readdir(d)) != NULL) {
        size_t n = strlen(entry->d_name);
        if (n < 4 || strcmp(entry->d_name + n - 3, ".py") != 0)
            continue;
        files++;
        failures += !check_one(dir, entry->d_name, ".exp",
                               FT_TOKENIZER_EXTRA_TOKENS | FT_TOKENIZER_DUMP_LINES);
        failures += !check_one(dir, entry->d_name, ".pexp", 0);
    }
    closedir(d);
    printf("  %d golden inputs checked in both modes\n", files);
    CHECK(files >= 20);
    CHECK_EQ_INT(failures, 0);
}

int
main(void)
{
    return ft_test_run_all();
}

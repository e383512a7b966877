// tests/unit/objects/test_str_codec.c: ft_str_encode / ft_str_decode_ref (utf-8, ascii, latin-1,
// utf-16, utf-32 and their aliases, every error handler, CPython's UnicodeEncodeError /
// UnicodeDecodeError texts) against the oracle (str_expected/codec.txt from
// objects/gen/gen_str_tests.py, str_expected/codec_wide.txt from
// objects/gen/gen_str_extra_tests.py).
#include "str_test_io.h"

#include "objects/str_methods.h"   // ft_str_encode ft_str_decode_ref

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

// Parses `b<hex>;` at *p into a malloc'd buffer; returns its length, or -1.
static Ft_ssize
parse_bytes(const char **p, unsigned char **out)
{
    const char *s = *p;
    if (*s++ != 'b')
        return -1;
    const char *semi = strchr(s, ';');
    if (semi == NULL || (semi - s) % 2 != 0)
        return -1;
    Ft_ssize n = (semi - s) / 2;
    *out = malloc((size_t)n + 1);
    for (Ft_ssize i = 0; i < n; i++) {
        char hex[3] = {s[2 * i], s[2 * i + 1], '\0'};
        (*out)[i] = (unsigned char)strtoul(hex, NULL, 16);
    }
    *p = semi + 1;
    return n;
}

// Runs `enc|dec value encoding errors expected`. Returns 1 if it passed.
static int
codec_case_run(const char *line)
{
    int encode = strncmp(line, "enc ", 4) == 0;
    const char *p = line + 4;
    FtObject *text = NULL;
    unsigned char *data = NULL;
    Ft_ssize ndata = 0;
    if (encode)
        text = str_case_parse(&p);
    else
        ndata = parse_bytes(&p, &data);
    p++;
    FtObject *encoding = str_case_parse(&p);
    p++;
    FtObject *errors = str_case_parse(&p);
    p++;
    int ok = 0;
    if (encoding == NULL || errors == NULL || (encode ? text == NULL : ndata < 0))
        goto done;
    const char *enc = ft_str_as_utf8(encoding, NULL), *err = ft_str_as_utf8(errors, NULL);
    if (*p == 'E') {
        FtObject *expected = str_case_parse(&p);
        FtObject *got = NULL;
        char *out = NULL;
        Ft_ssize size;
        if (encode)
            out = ft_str_encode(text, enc, err, &size);
        else
            got = ft_str_decode_ref((const char *)data, ndata, enc, err);
        free(out);
        if (out == NULL && got == NULL)
            ok = str_case_matches(NULL, expected, 1);
        ft_xdecref(got);
        ft_xdecref(expected);
    } else if (encode) {
        unsigned char *want;
        Ft_ssize nwant = parse_bytes(&p, &want);
        Ft_ssize size;
        char *out = ft_str_encode(text, enc, err, &size);
        ok = out != NULL && size == nwant && memcmp(out, want, (size_t)size) == 0 &&
             out[size] == '\0';
        if (out == NULL)
            ft_error_clear();
        free(out);
        free(want);
    } else {
        FtObject *expected = str_case_parse(&p);
        FtObject *got = ft_str_decode_ref((const char *)data, ndata, enc, err);
        ok = expected != NULL && str_case_matches(got, expected, 0);
        if (got == NULL)
            ft_error_clear();
        ft_xdecref(got);
        ft_xdecref(expected);
    }
done:
    ft_xdecref(text);
    free(data);
    ft_xdecref(encoding);
    ft_xdecref(errors);
    return ok;
}

// Runs every case of str_expected/<file>; returns the number of failures, *count the cases.
static long
codec_file_run(const char *file, long *count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "str_expected/%s", file);
    FILE *f = fopen(path, "r");
    *count = 0;
    if (f == NULL) {
        printf("  cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    long failures = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[0] == '#')
            continue;
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        (*count)++;
        if (!codec_case_run(line) && failures++ < STR_CASE_MAX_REPORTS)
            printf("  %s:%ld failed: %.200s\n", file, lineno, line);
    }
    free(line);
    fclose(f);
    return failures;
}

TEST(codecs_match_oracle)
{
    long count;
    CHECK_EQ_INT(codec_file_run("codec.txt", &count), 0);
    CHECK(count > 2000);
}

// utf-16 and utf-32 (plain with a byte order mark, -le, -be; every handler).
TEST(wide_codecs_match_oracle)
{
    long count;
    CHECK_EQ_INT(codec_file_run("codec_wide.txt", &count), 0);
    CHECK(count > 1000);
}

// The encoders and the decoder are inverse on every code point but the surrogates.
TEST(utf8_round_trip_all_code_points)
{
    static uint32_t cps[0x110000 - 0x800];
    Ft_ssize n = 0;
    for (uint32_t c = 0; c < 0x110000; c++) {
        if (c < 0xD800 || c > 0xDFFF)
            cps[n++] = c;
    }
    FtObject *s = ft_str_from_code_points_ref(cps, n);
    CHECK(s != NULL);
    Ft_ssize size;
    char *out = ft_str_encode(s, "utf-8", NULL, &size);
    CHECK(out != NULL);
    Ft_ssize ref_size;
    const char *ref = ft_str_as_utf8(s, &ref_size);
    CHECK_EQ_INT(size, ref_size);
    CHECK(memcmp(out, ref, (size_t)size) == 0);
    FtObject *back = ft_str_decode_ref(out, size, "utf-8", "strict");
    CHECK(back != NULL && ft_str_equal(back, s));
    free(out);
    ft_xdecref(back);
    ft_decref(s);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/objects/test_format_spec.c: objects/format_spec.c.
//
// numeric_expected/format_spec.txt (objects/gen/gen_numeric_tests.py, CPython 3.14) says, for each
// of ~65 specs, whether format() of a float, an int and a str gets past the spec parser or which
// parser ValueError it raises. The layout and the parsed fields are checked directly below (the
// float formatting tests cover the layout against the oracle as well).
#include <string.h>   // strcmp

#include "harness.h"
#include "numeric_test_io.h"
#include "objects/format_spec.h"

static int
parse_case(NumericCase *c)
{
    size_t len;
    char *spec = numeric_text(c->fields[1], &len);
    int ok = 1;
    // Fields: parse, spec, then (type name, "ok" | "!ValueError" message) three times.
    for (int i = 2; i < c->n;) {
        const char *type_name = c->fields[i];
        FtFormatSpec fs;
        FtNumError err = {0};
        uint32_t default_type = strcmp(type_name, "int") == 0   ? 'd'
                                : strcmp(type_name, "str") == 0 ? 's'
                                                                : 0;
        int rc = ft_format_spec_parse(spec, len, type_name, default_type, &fs, &err);
        if (strcmp(c->fields[i + 1], "ok") == 0) {
            if (rc != 0) {
                printf("    %s: unexpected error %s\n", type_name, err.message);
                ok = 0;
            }
            i += 2;
        } else {
            if (rc == 0 || !numeric_error_equals(c, i + 1, &err)) {
                printf("    %s: expected an error\n", type_name);
                ok = 0;
            }
            i += 3;
        }
    }
    free(spec);
    return ok;
}

TEST(parser_errors_match_oracle)
{
    static const char *const ops[] = {"parse", NULL};
    long count;
    int failures = numeric_run_cases("format_spec.txt", ops, parse_case, &count);
    printf("  %ld cases\n", count);
    CHECK(count > 0);
    CHECK_EQ_INT(failures, 0);
}

TEST(parser_fills_every_field)
{
    FtFormatSpec fs;
    FtNumError err;
    const char *spec = "\xc3\xa9^+z#012,.3_f";   // fill U+00E9
    CHECK_EQ_INT(ft_format_spec_parse(spec, strlen(spec), "float", 0, &fs, &err), 0);
    CHECK_EQ_INT(fs.fill, 0xE9);
    CHECK_EQ_INT(fs.align, '^');
    CHECK_EQ_INT(fs.sign, '+');
    CHECK_EQ_INT(fs.no_neg_zero, 1);
    CHECK_EQ_INT(fs.alternate, 1);
    CHECK_EQ_INT(fs.width, 12);   // the '0' after '#' is not zero padding once a fill is named
    CHECK_EQ_INT(fs.grouping, ',');
    CHECK_EQ_INT(fs.precision, 3);
    CHECK_EQ_INT(fs.frac_grouping, '_');
    CHECK_EQ_INT(fs.type, 'f');

    CHECK_EQ_INT(ft_format_spec_parse("010", 3, "int", 'd', &fs, &err), 0);
    CHECK_EQ_INT(fs.fill, '0');
    CHECK_EQ_INT(fs.align, '=');
    CHECK_EQ_INT(fs.width, 10);
    CHECK_EQ_INT(fs.precision, -1);
    CHECK_EQ_INT(fs.type, 'd');

    CHECK_EQ_INT(ft_format_spec_parse("", 0, "str", 's', &fs, &err), 0);
    CHECK_EQ_INT(fs.fill, ' ');
    CHECK_EQ_INT(fs.align, 0);
    CHECK_EQ_INT(fs.width, -1);
}

static int
layout_is(const char *spec, char sign, const char *prefix, const char *digits, const char *rest,
          const char *want)
{
    FtFormatSpec fs;
    FtNumError err;
    if (ft_format_spec_parse(spec, strlen(spec), "int", 'd', &fs, &err) < 0)
        return 0;
    char *s = ft_format_layout_number(&fs, sign, prefix, digits, strlen(digits), rest,
                                      strlen(rest), '>', NULL, &err);
    int ok = s && strcmp(s, want) == 0;
    if (!ok)
        printf("    spec [%s]: got [%s] want [%s]\n", spec, s ? s : "(null)", want);
    ft_format_free(s);
    return ok;
}

TEST(layout_pads_groups_and_aligns)
{
    // Expected strings are CPython 3.14's format() of the corresponding int or float.
    CHECK(layout_is("", '\0', "", "1234567", "", "1234567"));
    CHECK(layout_is(",", '-', "", "1234567", "", "-1,234,567"));
    CHECK(layout_is("_", '\0', "", "1234", "", "1_234"));
    CHECK(layout_is("_x", '\0', "", "123456789", "", "1_2345_6789"));
    CHECK(layout_is("#_x", '\0', "0x", "12345", "", "0x1_2345"));
    CHECK(layout_is("#012_x", '\0', "0x", "12345", "", "0x0_0001_2345"));
    CHECK(layout_is("08,", '-', "", "1", ".5", "-0,001.5"));
    CHECK(layout_is("06,", '\0', "", "1", ".5", "0,001.5"));
    CHECK(layout_is("+10", '\0', "", "42", "", "       +42"));
    CHECK(layout_is("<6", '\0', "", "42", "", "42    "));
    CHECK(layout_is("*^7", '-', "", "42", "", "**-42**"));
    CHECK(layout_is("=+8", '\0', "", "42", "", "+     42"));
    CHECK(layout_is(" ", '\0', "", "42", "", " 42"));
    CHECK(layout_is("010", '-', "", "", "inf", "-000000inf"));
    CHECK(layout_is(".,", '\0', "", "1234", ".5678", "1234.567,8"));
    CHECK(layout_is(",._", '\0', "", "1234", ".567800", "1,234.567_800"));
    CHECK(layout_is("\xc3\xa9>5", '\0', "", "1", ".5", "\xc3\xa9\xc3\xa9" "1.5"));
}

TEST(huge_width_is_a_memory_error)
{
    FtFormatSpec fs;
    FtNumError err;
    const char *spec = "\xf0\x9f\x98\x80<9223372036854775807";   // 4-byte fill, INT64_MAX width
    CHECK_EQ_INT(ft_format_spec_parse(spec, strlen(spec), "float", 0, &fs, &err), 0);
    CHECK(ft_format_layout_number(&fs, '\0', "", "1", 1, "", 0, '>', NULL, &err) == NULL);
    CHECK_EQ_INT(err.kind, FT_NUM_ERROR_MEMORY);
    CHECK_EQ_INT(ft_format_spec_parse("099999999999999,", 16, "float", 0, &fs, &err), 0);
    CHECK(ft_format_layout_number(&fs, '\0', "", "1", 1, "", 0, '>', NULL, &err) == NULL);
    CHECK_EQ_INT(err.kind, FT_NUM_ERROR_MEMORY);
}

TEST(repr_string_matches_python)
{
    char buf[256];
    buf[0] = '\0';
    ft_format_repr_string(buf, sizeof buf, "a'b", 3, -1);
    CHECK(strcmp(buf, "\"a'b\"") == 0);
    buf[0] = '\0';
    ft_format_repr_string(buf, sizeof buf, "a'\"\n\\\x01", 6, -1);
    CHECK(strcmp(buf, "'a\\'\"\\n\\\\\\x01'") == 0);
    buf[0] = '\0';
    ft_format_repr_string(buf, sizeof buf, "\xc3\xa9\xc2\x85", 4, -1);   // printable, U+0085
    CHECK(strcmp(buf, "'\xc3\xa9\\x85'") == 0);
    buf[0] = '\0';
    ft_format_repr_string(buf, sizeof buf, "abcdef", 6, 4);   // %.4R: "'abc"
    CHECK(strcmp(buf, "'abc") == 0);
    buf[0] = '\0';
    ft_format_repr_string(buf, sizeof buf, "ab\xc3\xa9\xc3\xa9", 6, 4);   // never half a UTF-8 sequence
    CHECK(strcmp(buf, "'ab\xc3\xa9") == 0);
    buf[0] = '\0';
    ft_format_repr_string(buf, sizeof buf, "a\n", 2, 3);   // cut inside the escape, as CPython
    CHECK(strcmp(buf, "'a\\") == 0);
    strcpy(buf, "x: ");
    ft_format_repr_string(buf, 8, "abcdef", 6, -1);   // never writes past size
    CHECK(strlen(buf) < 8);
}

int
main(void)
{
    return ft_test_run_all();
}

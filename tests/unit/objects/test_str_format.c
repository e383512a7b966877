// tests/unit/objects/test_str_format.c: str % args (every conversion, flag, '*' width and
// precision, and CPython's error texts) against the oracle's results (str_expected/format.txt from
// objects/gen/gen_str_tests.py).
#include "str_test_io.h"

#include "objects/str_methods.h"   // ft_str_percent_format_ref ft_str_method___format__

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(percent_format_matches_oracle)
{
    long count;
    CHECK_EQ_INT(str_cases_run_file("format.txt", &count), 0);
    CHECK(count > 50);
}

// Huge widths fail cleanly instead of overflowing or exhausting memory.
TEST(huge_widths_fail_cleanly)
{
    FtObject *f1 = ft_str_from_ascii_ref("%99999999999999999999999d");
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_str_percent_format_ref(f1, one) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "width too big"));
    FtObject *f2 = ft_str_from_ascii_ref("%5000000000d");
    CHECK(ft_str_percent_format_ref(f2, one) == NULL);
    CHECK(ft_error_matches(&ft_exc_memory_error));
    ft_error_clear();
    FtObject *spec = ft_str_from_ascii_ref(">9999999999999");
    CHECK(ft_str_method___format__(f2, spec) == NULL);
    CHECK(ft_error_matches(&ft_exc_memory_error));
    ft_error_clear();
    ft_decref(f1);
    ft_decref(f2);
    ft_decref(one);
    ft_decref(spec);
}

int
main(void)
{
    return ft_test_run_all();
}

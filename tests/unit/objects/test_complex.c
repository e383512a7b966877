// tests/unit/objects/test_complex.c: complex - arithmetic alone and mixed with ints, floats and
// bools (3.14's mixed-mode rules), division and pow edge cases, repr ("-0j", "(nan+infj)"), hash,
// comparisons, the methods and complex() construction from strings and numbers with every error
// message, compared with the oracle's results in number_expected/complex.txt (regenerate with
// objects/gen/gen_number_tests.py).
#include "objects_test_util.h"

#include "number_test_eval.h"   // nt_run_file

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(oracle_cases)
{
    long count = 0;
    int failures = nt_run_file("complex.txt", &count);
    printf("  %ld complex cases, %d failed\n", count, failures);
    CHECK(count > 3000);
    CHECK_EQ_INT(failures, 0);
}

// hash(x + 0j) == hash(x): numbers that compare equal hash equal across int, float and complex.
TEST(hash_agrees_across_types)
{
    FtObject *c = ft_complex_from_doubles_ref(2.0, 0.0);
    FtObject *f = ft_float_from_double_ref(2.0);
    FtObject *i = ft_int_from_int64_ref(2);
    CHECK(ft_object_hash(c) == ft_object_hash(f));
    CHECK(ft_object_hash(f) == ft_object_hash(i));
    CHECK(ft_object_rich_compare_bool(c, i, FT_EQ) == 1);
    CHECK(ft_object_rich_compare_bool(i, c, FT_EQ) == 1);
    ft_decref(c);
    ft_decref(f);
    ft_decref(i);
}

int
main(void)
{
    return ft_test_run_all();
}

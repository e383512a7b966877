// tests/harness.h: the in-house C test harness (one executable per test file, run by ctest).
//
//   TEST(name) { CHECK(cond); CHECK_EQ_INT(a, b); ... }
//   int main(void) { return ft_test_run_all(); }
//
// Tests register themselves with a constructor, run in file order, and a failed CHECK ends only the
// current test. The last line printed is "N passed, M failed" for that file. Header-only; each test
// file is its own program, so the static state below is per executable.
#ifndef FT_TESTS_HARNESS_H
#define FT_TESTS_HARNESS_H

#include <stdio.h>    // printf
#include <stdlib.h>   // exit
#include <string.h>   // strcmp

typedef void (*FtTestFunc)(void);
typedef struct { const char *name; FtTestFunc func; } FtTestCase;

static FtTestCase ft_test_cases[256];
static int ft_test_count;
static int ft_test_current_failed;

#define TEST(test_name)                                                              \
    static void test_##test_name(void);                                              \
    __attribute__((constructor)) static void ft_test_register_##test_name(void)      \
    {                                                                                \
        ft_test_cases[ft_test_count].name = #test_name;                              \
        ft_test_cases[ft_test_count++].func = test_##test_name;                      \
    }                                                                                \
    static void test_##test_name(void)

// A failed check reports and returns from the test function (hence the name's "or return" is
// implied by every CHECK: tests must not hold resources across a CHECK they could leak).
#define CHECK(cond)                                                                  \
    do {                                                                             \
        if (!(cond)) {                                                               \
            printf("  %s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond);        \
            ft_test_current_failed = 1;                                              \
            return;                                                                  \
        }                                                                            \
    } while (0)

#define CHECK_EQ_INT(a, b)                                                           \
    do {                                                                             \
        long long ft_a_ = (long long)(a), ft_b_ = (long long)(b);                    \
        if (ft_a_ != ft_b_) {                                                        \
            printf("  %s:%d: CHECK_EQ failed: %s == %lld, %s == %lld\n", __FILE__,    \
                   __LINE__, #a, ft_a_, #b, ft_b_);                                  \
            ft_test_current_failed = 1;                                              \
            return;                                                                  \
        }                                                                            \
    } while (0)

// Runs every registered test, or only those named in FT_TEST_ONLY. Returns the process exit code.
static inline int
ft_test_run_all(void)
{
    const char *only = getenv("FT_TEST_ONLY");
    int passed = 0, failed = 0;
    for (int i = 0; i < ft_test_count; i++) {
        if (only && strcmp(only, ft_test_cases[i].name) != 0)
            continue;
        ft_test_current_failed = 0;
        printf("%s ...\n", ft_test_cases[i].name);
        fflush(stdout);
        ft_test_cases[i].func();
        printf("%s %s\n", ft_test_cases[i].name, ft_test_current_failed ? "FAILED" : "ok");
        fflush(stdout);
        if (ft_test_current_failed)
            failed++;
        else
            passed++;
    }
    printf("%d passed, %d failed\n", passed, failed);
    return failed ? 1 : 0;
}

#endif // FT_TESTS_HARNESS_H

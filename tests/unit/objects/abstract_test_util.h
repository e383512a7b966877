// tests/unit/objects/abstract_test_util.h: helpers shared by test_abstract.c, test_slice.c and
// test_range.c: set-up (the core types plus objects/abstract.h's types) and small constructors.
#ifndef FT_TESTS_OBJECTS_ABSTRACT_TEST_UTIL_H
#define FT_TESTS_OBJECTS_ABSTRACT_TEST_UTIL_H

#include <stdint.h>   // int64_t INT64_MIN

#include "objects/abstract.h"    // ft_abstract_init_types
#include "objects/int.h"         // ft_int_*
#include "objects_test_util.h"   // obj_setup

// The generated tables' marker for None (never a value in them).
#define FT_TEST_NONE (INT64_MIN + 1)

static inline int
abs_setup(void)
{
    if (obj_setup() != 0)
        return -1;
    return ft_abstract_init_types();
}

// A new int, or None for FT_TEST_NONE.
static inline FtObject *
abs_int_or_none(int64_t v)
{
    return v == FT_TEST_NONE ? ft_none_ref() : ft_int_from_int64_ref(v);
}

// A new int parsed from decimal text (for values beyond int64).
static inline FtObject *
abs_int_text(const char *digits)
{
    FtObject *s = ft_str_from_cstr_ref(digits);
    FtObject *i = ft_int_from_object_ref(s);
    ft_decref(s);
    return i;
}

// True if op is an int equal to v.
static inline int
abs_int_is(FtObject *op, int64_t v)
{
    bool ok = true;
    if (op == NULL || !ft_int_check(op))
        return 0;
    int64_t got = ft_int_as_int64(op, &ok);
    return ok && got == v;
}

// Calls the type (as type(*args)) with n positional arguments.
static inline FtObject *
abs_call_type(FtTypeObject *type, FtObject *const *args, Ft_ssize n)
{
    return ft_object_vectorcall_ref((FtObject *)type, args, (size_t)n, NULL);
}

#endif // FT_TESTS_OBJECTS_ABSTRACT_TEST_UTIL_H

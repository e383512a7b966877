// tests/unit/objects/objects_test_util.h: set-up shared by the objects/ unit tests: the runtime, an
// attached thread state for the main thread, and ft_objects_init; plus string checks.
#ifndef FT_TESTS_OBJECTS_TEST_UTIL_H
#define FT_TESTS_OBJECTS_TEST_UTIL_H

#include <pthread.h>   // pthread_create pthread_join
#include <stdio.h>     // printf

#include "harness.h"                // TEST CHECK
#include "objects/error.h"          // ft_error_*
#include "objects/object.h"         // ft_objects_init
#include "objects/str.h"            // ft_str_*
#include "runtime/thread_state.h"   // ft_runtime_init ft_thread_*
#include "sync/fatal.h"             // ft_fatal

// Creates, binds and attaches a thread state for the calling thread.
static inline FtThreadState *
obj_thread_begin(void)
{
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL)
        ft_fatal("out of memory");
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    return ts;
}

// The first test of every file: runtime, main thread state, built-in types.
static inline int
obj_setup(void)
{
    if (ft_runtime_init() != 0)
        return -1;
    obj_thread_begin();
    return ft_objects_init();
}

// True if s is a str equal to the UTF-8 text expected; prints both when not.
static inline int
obj_str_is(FtObject *s, const char *expected)
{
    if (s == NULL || !ft_str_check(s)) {
        printf("  not a str (%p)\n", (void *)s);
        return 0;
    }
    if (ft_str_equal_cstr(s, expected))
        return 1;
    printf("  got \"%s\", expected \"%s\"\n", ft_str_as_utf8(s, NULL), expected);
    return 0;
}

// True if repr(op) equals expected (drops the repr).
static inline int
obj_repr_is(FtObject *op, const char *expected)
{
    FtObject *r = ft_object_repr_ref(op);
    int ok = obj_str_is(r, expected);
    if (r != NULL)
        ft_decref(r);
    return ok;
}

// True if the current exception is an instance of type and str(exception) equals message; clears it.
static inline int
obj_error_is(FtTypeObject *type, const char *message)
{
    FtObject *exc = ft_error_fetch_ref();
    if (exc == NULL) {
        printf("  no exception set\n");
        return 0;
    }
    int ok = ft_error_given_matches(exc, (FtObject *)type);
    if (!ok)
        printf("  exception is a %s, expected %s\n", exc->ob_type->tp_name, type->tp_name);
    FtObject *s = ft_object_str_ref(exc);
    ok = obj_str_is(s, message) && ok;
    ft_xdecref(s);
    ft_decref(exc);
    return ok;
}

#endif // FT_TESTS_OBJECTS_TEST_UTIL_H

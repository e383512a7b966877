// tests/unit/modules/modules_test_util.h: set-up shared by the modules/ unit tests (the runtime, an
// attached main thread with its eval state, the object model and the builtins/sys modules), and
// helpers to call builtins by name and to capture what a text stream writes through a pipe.
#ifndef FT_TESTS_MODULES_TEST_UTIL_H
#define FT_TESTS_MODULES_TEST_UTIL_H

#include <stdio.h>    // printf
#include <string.h>   // strcmp strlen
#include <fcntl.h>    // fcntl O_NONBLOCK
#include <unistd.h>   // pipe read close

#include "eval/eval.h"                 // ft_eval_init ft_eval_thread_init
#include "harness.h"                   // TEST CHECK
#include "modules/modules.h"           // ft_modules_init
#include "modules/modules_internal.h"  // ft_stdio_new_ref
#include "objects/abstract.h"          // ft_object_*
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_*
#include "objects/frame.h"             // ft_frame_init_types
#include "objects/object.h"            // ft_objects_init
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "runtime/refcount.h"          // ft_decref
#include "runtime/thread_state.h"      // ft_runtime_init ft_thread_*
#include "sync/fatal.h"                // ft_fatal

static inline int
mod_setup(void)
{
    if (ft_runtime_init() != 0)
        return -1;
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL)
        ft_fatal("out of memory");
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    if (ft_objects_init() < 0 || ft_frame_init_types() < 0 || ft_eval_init() < 0 ||
        ft_eval_thread_init() < 0)
        return -1;
    static char *argv[] = {(char *)"prog.py", (char *)"arg1"};
    FtModulesConfig config = {0};
    config.argc = 2;
    config.argv = argv;
    config.executable = "/nonexistent/ftpy";
    config.script_dir = "/tmp";
    config.ignore_environment = true;
    return ft_modules_init(&config);
}

// builtins.<name>, borrowed (the builtins dict keeps it).
static inline FtObject *
mod_builtin(const char *name)
{
    FtObject *v = NULL;
    if (ft_dict_get_item_str_ref(ft_builtins_dict_borrow(), name, &v) <= 0)
        return NULL;
    ft_decref(v);
    return v;
}

// The current exception as "TypeName: message" (cleared), or NULL if none; a new str.
static inline FtObject *
mod_exception_text_ref(void)
{
    FtObject *exc = ft_error_fetch_ref();
    if (exc == NULL)
        return NULL;
    FtObject *msg = ft_object_str_ref(exc);
    FtObject *res = NULL;
    if (msg != NULL) {
        const char *name = ft_object_type(exc)->tp_name;
        const char *dot = strrchr(name, '.');
        res = ft_str_from_format_ref("%s: %U", dot != NULL ? dot + 1 : name, msg);
        ft_decref(msg);
    }
    ft_decref(exc);
    return res;
}

// repr(result), or "TypeName: message" when result is NULL; consumes result; a new str.
static inline FtObject *
mod_outcome_ref(FtObject *result)
{
    if (result == NULL)
        return mod_exception_text_ref();
    FtObject *r = ft_object_repr_ref(result);
    ft_decref(result);
    return r != NULL ? r : mod_exception_text_ref();
}

static inline int
mod_str_is(FtObject *s, const char *expected)
{
    if (s != NULL && ft_str_check(s) && ft_str_equal_cstr(s, expected))
        return 1;
    printf("  got \"%s\", expected \"%s\"\n", s != NULL && ft_str_check(s) ? ft_str_as_utf8(s, NULL) : "(null)",
           expected);
    return 0;
}

// A write-only text stream over a new pipe; *read_fd receives the other end.
static inline FtObject *
mod_pipe_stream_ref(int *read_fd, const char *errors)
{
    int fds[2];
    *read_fd = -1;
    if (pipe(fds) != 0)
        return NULL;
    *read_fd = fds[0];
    fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK);
    return ft_stdio_new_ref(fds[1], "<pipe>", "w", errors, false, false);
}

// Reads what is available on fd (after the writer flushed) into buf (NUL-terminated).
static inline void
mod_read_pipe(int fd, char *buf, size_t cap)
{
    size_t len = 0;
    // The writer has flushed synchronously, so everything is already in the (non-blocking) pipe.
    while (len + 1 < cap) {
        ssize_t n = read(fd, buf + len, cap - 1 - len);
        if (n <= 0)
            break;
        len += (size_t)n;
    }
    buf[len] = '\0';
}

#endif // FT_TESTS_MODULES_TEST_UTIL_H

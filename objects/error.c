// objects/error.c: the calling thread's current exception (CPython's Python/errors.c, 3.12+ model:
// one normalized exception instance, no type/value/traceback triple).
//
// Invariant: FtThreadState.current_exception is NULL or a strong reference to an instance of a
// BaseException subclass.
//
// Concurrency: current_exception is owner-thread only - every function reads and writes the calling
// thread's own state, so nothing locks. Exception objects themselves lock their fields
// (objects/exceptions.c). The preallocated MemoryError is immortal and shared: raising it allocates
// nothing (TODO(#4): CPython keeps a small free list so that tracebacks are not shared across threads).
#include <stdarg.h>   // va_list

#include "objects/error.h"

#include "objects/object.h"        // ft_object_* FT_NONE
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "objects/type.h"          // ft_type_call_ref ft_type_is_subtype
#include "runtime/thread_state.h"  // ft_thread_state_current FtThreadState
#include "sync/fatal.h"            // ft_fatal

static FtThreadState *
current_thread(void)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts == NULL)
        ft_fatal("exception raised on a thread without a thread state");
    return ts;
}

void
ft_error_restore_steal(FtObject *exc)
{
    FtThreadState *ts = current_thread();
    FtObject *old = ts->current_exception;
    ts->current_exception = exc;
    ft_xdecref(old);
}

// Raises SystemError for an error in raising an error (a non-exception type or result).
static void
set_system_error(const char *msg)
{
    FtObject *s = ft_str_from_cstr_ref(msg);
    if (s == NULL)
        return;
    FtObject *exc = ft_exception_new_ref(&ft_exc_system_error, &s, 1);
    ft_decref(s);
    if (exc != NULL)
        ft_error_restore_steal(exc);
}

void
ft_error_set_object(FtTypeObject *type, FtObject *value)
{
    if (!ft_exception_type_check(type)) {
        set_system_error("exception is not a BaseException subclass");
        return;
    }
    FtObject *exc;
    if (value != NULL && ft_type_is_subtype(value->ob_type, type)) {
        exc = ft_new_ref(value);
    } else if (value == NULL || value == FT_NONE) {
        exc = ft_exception_new_ref(type, NULL, 0);
    } else if (ft_tuple_check(value)) {
        exc = ft_exception_new_ref(type, ((FtTupleObject *)value)->items, ft_tuple_size(value));
    } else {
        exc = ft_exception_new_ref(type, &value, 1);
    }
    if (exc == NULL)
        return;   // creating it raised something else, which is now current
    if (!ft_exception_check(exc)) {
        ft_decref(exc);
        set_system_error("calling the exception type did not return an exception");
        return;
    }
    ft_error_restore_steal(exc);
}

void
ft_error_set_none(FtTypeObject *type)
{
    ft_error_set_object(type, NULL);
}

void
ft_error_set_string(FtTypeObject *type, const char *msg)
{
    FtObject *s = ft_str_from_cstr_ref(msg);
    if (s == NULL)
        return;
    ft_error_set_object(type, s);
    ft_decref(s);
}

FtObject *
ft_error_format(FtTypeObject *type, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FtObject *msg = ft_str_from_format_v_ref(fmt, ap);
    va_end(ap);
    if (msg == NULL)
        return NULL;
    ft_error_set_object(type, msg);
    ft_decref(msg);
    return NULL;
}

FtObject *
ft_error_occurred_borrow(void)
{
    FtThreadState *ts = ft_thread_state_current();
    return ts != NULL ? ts->current_exception : NULL;
}

bool
ft_error_given_matches(FtObject *exc, FtObject *match)
{
    if (exc == NULL || match == NULL)
        return false;
    if (ft_tuple_check(match)) {
        for (Ft_ssize i = 0; i < ft_tuple_size(match); i++) {
            if (ft_error_given_matches(exc, ft_tuple_get_item_borrow(match, i)))
                return true;
        }
        return false;
    }
    if (!ft_type_check(match))
        return exc == match;
    // A class given as exc (not yet instantiated) matches by subclass too.
    FtTypeObject *t = ft_type_check(exc) ? (FtTypeObject *)exc : exc->ob_type;
    return ft_type_is_subtype(t, (FtTypeObject *)match);
}

bool
ft_error_matches(FtTypeObject *type)
{
    return ft_error_given_matches(ft_error_occurred_borrow(), (FtObject *)type);
}

FtObject *
ft_error_fetch_ref(void)
{
    FtThreadState *ts = current_thread();
    FtObject *exc = ts->current_exception;
    ts->current_exception = NULL;
    return exc;
}

void
ft_error_clear(void)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts != NULL)
        ft_error_restore_steal(NULL);
}

FtObject *
ft_error_no_memory(void)
{
    FtObject *mem = ft_error_memory_error_instance_borrow();
    if (mem == NULL)
        ft_fatal("out of memory before MemoryError exists");
    ft_error_restore_steal(mem);   // immortal: no reference to take
    return NULL;
}

void
ft_error_bad_internal_call(void)
{
    ft_error_set_string(&ft_exc_system_error, "bad argument to internal function");
}

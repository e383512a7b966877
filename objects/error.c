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
#include <stdint.h>   // SIZE_MAX PTRDIFF_MAX

#include "objects/error.h"

#include "objects/frame.h"         // ft_traceback_here
#include "objects/list.h"          // ft_list_size ft_list_get_item_ref
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

/* --- "Did you mean" suggestions --- */

// CPython's Python/suggestions.c limits and costs.
enum {
    MAX_CANDIDATE_ITEMS = 750,
    MAX_STRING_SIZE = 40,
    MOVE_COST = 2,
    CASE_COST = 1,
};

static int
substitution_cost(char a, char b)
{
    if ((a & 31) != (b & 31))
        return MOVE_COST;
    if (a == b)
        return 0;
    if (a >= 'A' && a <= 'Z')
        a = (char)(a + ('a' - 'A'));
    if (b >= 'A' && b <= 'Z')
        b = (char)(b + ('a' - 'A'));
    return a == b ? CASE_COST : MOVE_COST;
}

// Levenshtein distance over UTF-8 bytes with case-insensitive substitutions costing CASE_COST;
// anything above max_cost is reported as max_cost + 1.
static Ft_ssize
levenshtein_distance(const char *a, size_t a_size, const char *b, size_t b_size, size_t max_cost)
{
    size_t row[MAX_STRING_SIZE];
    while (a_size && b_size && a[0] == b[0]) {
        a++, b++;
        a_size--, b_size--;
    }
    while (a_size && b_size && a[a_size - 1] == b[b_size - 1]) {
        a_size--;
        b_size--;
    }
    if (a_size == 0 || b_size == 0)
        return (Ft_ssize)((a_size + b_size) * MOVE_COST);
    if (a_size > MAX_STRING_SIZE || b_size > MAX_STRING_SIZE)
        return (Ft_ssize)max_cost + 1;
    if (b_size < a_size) {
        const char *t = a;
        a = b;
        b = t;
        size_t ts = a_size;
        a_size = b_size;
        b_size = ts;
    }
    if ((b_size - a_size) * MOVE_COST > max_cost)
        return (Ft_ssize)max_cost + 1;
    for (size_t i = 0; i < a_size; i++)
        row[i] = (i + 1) * MOVE_COST;
    size_t result = 0;
    for (size_t bi = 0; bi < b_size; bi++) {
        size_t distance = result = bi * MOVE_COST;
        size_t minimum = SIZE_MAX;
        for (size_t ai = 0; ai < a_size; ai++) {
            size_t substitute = distance + (size_t)substitution_cost(b[bi], a[ai]);
            distance = row[ai];
            size_t insert_delete = (result < distance ? result : distance) + MOVE_COST;
            result = insert_delete < substitute ? insert_delete : substitute;
            row[ai] = result;
            if (result < minimum)
                minimum = result;
        }
        if (minimum > max_cost)
            return (Ft_ssize)max_cost + 1;
    }
    return (Ft_ssize)result;
}

FtObject *
ft_error_closest_name_ref(FtObject *candidates, FtObject *name)
{
    Ft_ssize n = ft_list_size(candidates);
    if (n >= MAX_CANDIDATE_ITEMS)
        return NULL;
    Ft_ssize name_size;
    const char *name_utf8 = ft_str_as_utf8(name, &name_size);
    if (name_utf8 == NULL) {
        ft_error_restore_steal(NULL);
        return NULL;
    }
    FtObject *best = NULL;
    Ft_ssize best_distance = PTRDIFF_MAX;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *item = ft_list_get_item_ref(candidates, i);
        if (item == NULL) {
            ft_error_restore_steal(NULL);
            break;
        }
        Ft_ssize item_size;
        const char *item_utf8 = ft_str_check(item) ? ft_str_as_utf8(item, &item_size) : NULL;
        if (item_utf8 == NULL || ft_str_equal(item, name)) {
            ft_error_restore_steal(NULL);
            ft_decref(item);
            continue;
        }
        Ft_ssize max_distance = (name_size + item_size + 3) * MOVE_COST / 6;
        if (best_distance - 1 < max_distance)
            max_distance = best_distance - 1;
        Ft_ssize d = max_distance < 0 ? 0
                                      : levenshtein_distance(name_utf8, (size_t)name_size, item_utf8,
                                                             (size_t)item_size, (size_t)max_distance);
        if (max_distance < 0 || d > max_distance) {
            ft_decref(item);
            continue;
        }
        if (best == NULL || d < best_distance) {
            ft_xdecref(best);
            best = item;
            best_distance = d;
        } else {
            ft_decref(item);
        }
    }
    return best;
}

void
ft_error_unexpected_keyword(const char *fname, FtObject *key, const char *const *names, int n)
{
    FtObject *candidates = ft_list_new_ref(0);
    for (int j = 0; candidates != NULL && j < n; j++) {
        FtObject *name = ft_str_from_cstr_ref(names[j]);
        if (name == NULL || ft_list_append(candidates, name) < 0) {
            ft_xdecref(name);
            ft_decref(candidates);
            candidates = NULL;
            break;
        }
        ft_decref(name);
    }
    FtObject *best = candidates != NULL ? ft_error_closest_name_ref(candidates, key) : NULL;
    ft_xdecref(candidates);
    ft_error_clear();   // a failed suggestion only drops the suggestion
    if (best != NULL) {
        ft_error_format(&ft_exc_type_error, "%s() got an unexpected keyword argument '%U'. Did you mean '%U'?",
                        fname, key, best);
        ft_decref(best);
    } else {
        ft_error_format(&ft_exc_type_error, "%s() got an unexpected keyword argument '%U'", fname, key);
    }
}

FtObject *
ft_error_bad_argument(const char *fname, const char *argdesc, const char *expected, FtObject *arg)
{
    // None is named by its repr, not by its type NoneType, as CPython's argument clinic does.
    const char *got = arg == FT_NONE ? "None" : arg->ob_type->tp_name;
    return ft_error_format(&ft_exc_type_error, "%.200s() %.200s must be %.50s, not %.50s", fname,
                           argdesc, expected, got);
}

void
ft_error_write_unraisable(FtObject *err_msg, FtObject *obj)
{
    FtObject *exc = ft_error_fetch_ref();
    if (exc == NULL)
        return;
    // An exception raised by C code (a generator refusing to close) has no traceback yet: as in
    // CPython, the report shows where the code that dropped the object was.
    FtThreadState *ts = ft_thread_state_current();
    FtObject *tb = ft_object_get_attr_cstr_ref(exc, "__traceback__");
    if (tb == NULL)
        ft_error_clear();
    else if (tb == FT_NONE && ts->current_frame != NULL && ft_traceback_here(exc, ts->current_frame) < 0)
        ft_error_clear();
    ft_xdecref(tb);
    FtInterp *interp = ft_interp_main();
    if (interp->write_unraisable != NULL)
        interp->write_unraisable(exc, err_msg, obj);
    else
        ft_decref(exc);
}

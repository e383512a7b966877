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
#include <string.h>   // memcpy

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
    if (ts == NULL)   // a thread without a state has no exception to drop
        return;
    FtObject *old = ts->current_exception;
    ts->current_exception = NULL;
    ft_xdecref(old);
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

// The distance is CPython 3.14's suggestion distance (Python/suggestions.c), an edit distance over
// the names' UTF-8 bytes with these prices:
//   insert or delete one byte                                   2
//   replace a byte by the same ASCII letter in the other case    1
//   replace a byte by any other byte                             2
// A candidate qualifies when its distance is at most (len(name) + len(candidate) + 3) * 2 / 6 bytes
// (about a third of the bytes involved need to change), and the first candidate with the smallest
// distance wins. No suggestion is made from 750 or more candidates, nor for a pair whose differing
// middle (after dropping the common first and last bytes) is longer than 40 bytes.
enum {
    SUGGEST_EDIT_PRICE = 2,
    SUGGEST_CASE_PRICE = 1,
    SUGGEST_CANDIDATE_LIMIT = 750,
    SUGGEST_MIDDLE_LIMIT = 40,
};

typedef struct {
    const unsigned char *bytes;
    size_t len;
} ByteSpan;

static unsigned char
ascii_fold(unsigned char c)
{
    return (c >= 'A' && c <= 'Z') ? (unsigned char)(c - 'A' + 'a') : c;
}

static size_t
replace_price(unsigned char from, unsigned char to)
{
    if (from == to)
        return 0;
    return ascii_fold(from) == ascii_fold(to) ? SUGGEST_CASE_PRICE : SUGGEST_EDIT_PRICE;
}

static size_t
min_size(size_t x, size_t y)
{
    return x < y ? x : y;
}

// The distance between s and t when it is at most budget; otherwise some value above budget (the
// search stops as soon as every way through is known to cost more).
static size_t
suggestion_distance(ByteSpan s, ByteSpan t, size_t budget)
{
    // Bytes shared at either end never cost anything, so only the middles are compared.
    while (s.len > 0 && t.len > 0 && s.bytes[0] == t.bytes[0]) {
        s.bytes++;
        t.bytes++;
        s.len--;
        t.len--;
    }
    while (s.len > 0 && t.len > 0 && s.bytes[s.len - 1] == t.bytes[t.len - 1]) {
        s.len--;
        t.len--;
    }
    if (s.len == 0 || t.len == 0)
        return (s.len + t.len) * SUGGEST_EDIT_PRICE;
    if (s.len > SUGGEST_MIDDLE_LIMIT || t.len > SUGGEST_MIDDLE_LIMIT)
        return budget + 1;
    size_t length_gap = s.len > t.len ? s.len - t.len : t.len - s.len;
    if (length_gap * SUGGEST_EDIT_PRICE > budget)
        return budget + 1;

    // Wagner-Fischer with two rows: above[j] prices s[0..k) -> t[0..j) for the previous k, row[j]
    // for the current one. Row minima never decrease, so a row entirely above budget ends the search.
    size_t above[SUGGEST_MIDDLE_LIMIT + 1];
    size_t row[SUGGEST_MIDDLE_LIMIT + 1];
    for (size_t j = 0; j <= t.len; j++)
        above[j] = j * SUGGEST_EDIT_PRICE;
    for (size_t k = 1; k <= s.len; k++) {
        row[0] = k * SUGGEST_EDIT_PRICE;
        size_t cheapest = row[0];
        for (size_t j = 1; j <= t.len; j++) {
            size_t replaced = above[j - 1] + replace_price(s.bytes[k - 1], t.bytes[j - 1]);
            size_t dropped = above[j] + SUGGEST_EDIT_PRICE;
            size_t added = row[j - 1] + SUGGEST_EDIT_PRICE;
            row[j] = min_size(replaced, min_size(dropped, added));
            cheapest = min_size(cheapest, row[j]);
        }
        if (cheapest > budget)
            return budget + 1;
        memcpy(above, row, (t.len + 1) * sizeof row[0]);
    }
    return above[t.len];
}

// The UTF-8 bytes of a str into *span: 1, or 0 (no exception left set) for a non-str or a str
// that cannot be encoded (lone surrogates).
static int
name_bytes(FtObject *obj, ByteSpan *span)
{
    if (!ft_str_check(obj))
        return 0;
    Ft_ssize len;
    const char *utf8 = ft_str_as_utf8(obj, &len);
    if (utf8 == NULL) {
        ft_error_clear();
        return 0;
    }
    span->bytes = (const unsigned char *)utf8;
    span->len = (size_t)len;
    return 1;
}

FtObject *
ft_error_closest_name_ref(FtObject *candidates, FtObject *name)
{
    Ft_ssize count = ft_list_size(candidates);
    ByteSpan wanted;
    if (count >= SUGGEST_CANDIDATE_LIMIT || !name_bytes(name, &wanted))
        return NULL;
    FtObject *winner = NULL;   // strong reference
    size_t winner_distance = 0;
    for (Ft_ssize i = 0; i < count; i++) {
        FtObject *candidate = ft_list_get_item_ref(candidates, i);
        if (candidate == NULL) {   // the list shrank meanwhile
            ft_error_clear();
            break;
        }
        ByteSpan offered;
        if (name_bytes(candidate, &offered) && !ft_str_equal(candidate, name)) {
            size_t allowed = (wanted.len + offered.len + 3) * SUGGEST_EDIT_PRICE / 6;
            if (winner != NULL)   // only a strictly closer candidate replaces the winner
                allowed = min_size(allowed, winner_distance == 0 ? 0 : winner_distance - 1);
            size_t distance = suggestion_distance(wanted, offered, allowed);
            if (distance <= allowed && (winner == NULL || distance < winner_distance)) {
                ft_xdecref(winner);
                winner = candidate;
                winner_distance = distance;
                continue;
            }
        }
        ft_decref(candidate);
    }
    return winner;
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

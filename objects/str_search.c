// objects/str_search.c: str's searching, splitting, stripping, padding and joining methods (find,
// rfind, index, rindex, count, startswith, endswith, replace, split, rsplit, splitlines, partition,
// rpartition, strip, lstrip, rstrip, removeprefix, removesuffix, join, expandtabs, center, ljust,
// rjust, zfill, translate, maketrans) and __contains__. Semantics and messages: CPython's
// Objects/unicodeobject.c and Objects/stringlib (results only: the search here is Horspool's, not
// stringlib's fastsearch).
//
// Owns: nothing but pure functions of immutable strs. Invariant: slice-style start/end arguments
// are clamped as CPython's ADJUST_INDICES before any search, so no index leaves 0..len.
// Concurrency: a published str (and tuple) is immutable; no locks, any attached thread. join
// snapshots other iterables into a tuple first; maketrans reads a private copy of its dict.
#include <limits.h>   // INT_MAX INT_MIN
#include <stdint.h>   // uint32_t PTRDIFF_MAX
#include <stdlib.h>   // realloc free

#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/str_methods.h"

#include "objects/abstract.h"     // ft_sequence_tuple_ref ft_sequence_check
#include "objects/dict.h"         // ft_dict_*
#include "objects/error.h"        // ft_error_format ft_exc_*
#include "objects/int.h"          // ft_int_* ft_bool_from
#include "objects/list.h"         // ft_list_new_ref ft_list_set_item_steal
#include "objects/object.h"       // ft_object_is_true
#include "objects/str.h"          // ft_str_* FtStrWriter
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/unicode_db.h"   // ft_unicode_is_space ft_unicode_is_linebreak
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT

// An end bound meaning "the end of the string" (larger than any str length).
#define STR_INDEX_MAX ((Ft_ssize)PTRDIFF_MAX)

// Argument helpers.

// Checks a positional argument count against min..max with clinic's message.
static int
check_nargs(const char *name, Ft_ssize nargs, Ft_ssize min, Ft_ssize max)
{
    if (nargs < min) {
        ft_error_format(&ft_exc_type_error, "%s expected %s%zd argument%s, got %zd", name,
                        min == max ? "" : "at least ", min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        ft_error_format(&ft_exc_type_error, "%s expected %s%zd argument%s, got %zd", name,
                        min == max ? "" : "at most ", max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

// Merges positional and keyword arguments into out[0..nnames) (NULL where absent). names are the
// parameter names in order; keyword_from is the first that may be given by keyword.
static int
gather_args(const char *fname, const char *const *names, Ft_ssize nnames, Ft_ssize keyword_from,
            FtObject *const *args, Ft_ssize nargs, FtObject *kwnames, FtObject **out)
{
    if (nargs > nnames) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most %zd argument%s (%zd given)", fname,
                        nnames, nnames == 1 ? "" : "s", nargs);
        return -1;
    }
    for (Ft_ssize i = 0; i < nnames; i++)
        out[i] = i < nargs ? args[i] : NULL;
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        Ft_ssize found = -1;
        for (Ft_ssize i = keyword_from; i < nnames; i++) {
            if (ft_str_equal_cstr(key, names[i]))
                found = i;
        }
        if (found < 0) {
            ft_error_format(&ft_exc_type_error, "%s() got an unexpected keyword argument '%U'",
                            fname, key);
            return -1;
        }
        if (out[found] != NULL) {
            ft_error_format(&ft_exc_type_error,
                            "argument for %s() given by name ('%s') and position (%zd)", fname,
                            names[found], found + 1);
            return -1;
        }
        out[found] = args[nargs + k];
    }
    return 0;
}

// An int argument (bool included); TypeError as operator.index for anything else.
static int
int_arg(FtObject *op, Ft_ssize *out)
{
    if (!ft_int_check(op)) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                        op->ob_type->tp_name);
        return -1;
    }
    bool ok = true;
    int64_t v = ft_int_as_int64(op, &ok);
    if (!ok) {
        // Clinic's Py_ssize_t converter wording.
        ft_error_clear();
        ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = (Ft_ssize)v;
    return 0;
}

// An int argument that CPython converts to a C int (expandtabs' tabsize).
static int
c_int_arg(FtObject *op, Ft_ssize *out)
{
    if (int_arg(op, out) < 0) {
        if (!ft_error_matches(&ft_exc_overflow_error))
            return -1;
        ft_error_clear();
        *out = INT_MAX + (Ft_ssize)1;
    }
    if (*out > INT_MAX || *out < INT_MIN) {
        ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C int");
        return -1;
    }
    return 0;
}

// A slice bound: absent or None keeps *out; an int replaces it.
static int
slice_index_arg(FtObject *op, Ft_ssize *out)
{
    if (op == NULL || ft_object_is_none(op))
        return 0;
    if (!ft_int_check(op)) {
        ft_error_format(&ft_exc_type_error,
                        "slice indices must be integers or None or have an __index__ method");
        return -1;
    }
    // Clamped, as CPython's _PyEval_SliceIndex: a huge bound means "past the end".
    *out = ft_number_as_ssize(op, NULL);
    return 0;
}

// CPython's ADJUST_INDICES: negative bounds count from the end, then both are clamped to 0..len.
static void
adjust_indices(Ft_ssize *start, Ft_ssize *end, Ft_ssize len)
{
    if (*end > len)
        *end = len;
    else if (*end < 0 && (*end += len) < 0)
        *end = 0;
    if (*start < 0 && (*start += len) < 0)
        *start = 0;
}

// The type name argument-clinic messages show: "None" for None, else the type's name.
static const char *
arg_type_name(FtObject *op)
{
    return ft_object_is_none(op) ? "None" : op->ob_type->tp_name;
}

// Checks that argument 1 of fname is a str (clinic's message when fname is not NULL).
static int
str_arg(FtObject *op, const char *fname)
{
    if (ft_str_check(op))
        return 0;
    if (fname != NULL)
        ft_error_format(&ft_exc_type_error, "%s() argument 1 must be str, not %.100s", fname,
                        arg_type_name(op));
    else
        ft_error_format(&ft_exc_type_error, "must be str, not %.100s", op->ob_type->tp_name);
    return -1;
}

static bool
chars_equal(FtObject *a, Ft_ssize ia, FtObject *b, Ft_ssize ib, Ft_ssize n)
{
    for (Ft_ssize k = 0; k < n; k++) {
        if (ft_str_read_char(a, ia + k) != ft_str_read_char(b, ib + k))
            return false;
    }
    return true;
}

// Searching.

Ft_ssize
ft_str_find_in(FtObject *hay, FtObject *needle, Ft_ssize start, Ft_ssize end, bool reverse)
{
    Ft_ssize m = ft_str_length(needle);
    if (end - start < m)
        return -1;
    if (m == 0)
        return reverse ? end : start;
    Ft_ssize last = m - 1;
    uint32_t key = ft_str_read_char(needle, reverse ? 0 : last);
    if (reverse) {
        for (Ft_ssize i = end - m; i >= start; i--) {
            if (ft_str_read_char(hay, i) == key && chars_equal(hay, i, needle, 0, m))
                return i;
        }
        return -1;
    }
    // Horspool: the shift for a window whose last code point is c is the distance from c's last
    // occurrence in needle[0..m-1) to the end; indexed by the low byte, collisions keep the smaller.
    Ft_ssize skip[256];
    for (int b = 0; b < 256; b++)
        skip[b] = m;
    for (Ft_ssize k = 0; k < last; k++)
        skip[ft_str_read_char(needle, k) & 0xFF] = last - k;
    for (Ft_ssize i = start; i + m <= end;) {
        uint32_t c = ft_str_read_char(hay, i + last);
        if (c == key && chars_equal(hay, i, needle, 0, last))
            return i;
        i += skip[c & 0xFF];
    }
    return -1;
}

int
ft_str_contains(FtObject *hay, FtObject *needle)
{
    if (!ft_str_check(needle)) {
        ft_error_format(&ft_exc_type_error, "'in <string>' requires string as left operand, not %.100s",
                        needle->ob_type->tp_name);
        return -1;
    }
    return ft_str_find_in(hay, needle, 0, ft_str_length(hay), false) >= 0;
}

// Parses (sub[, start[, end]]) and clamps the bounds.
static int
parse_find_args(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs,
                Ft_ssize *start, Ft_ssize *end)
{
    if (check_nargs(name, nargs, 1, 3) < 0 || str_arg(args[0], name) < 0)
        return -1;
    *start = 0;
    *end = STR_INDEX_MAX;
    if ((nargs > 1 && slice_index_arg(args[1], start) < 0) ||
        (nargs > 2 && slice_index_arg(args[2], end) < 0))
        return -1;
    adjust_indices(start, end, ft_str_length(self));
    return 0;
}

static FtObject *
find_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, bool reverse,
            bool raise)
{
    Ft_ssize start, end;
    if (parse_find_args(name, self, args, nargs, &start, &end) < 0)
        return NULL;
    Ft_ssize at = ft_str_find_in(self, args[0], start, end, reverse);
    if (at < 0 && raise)
        return ft_error_format(&ft_exc_value_error, "substring not found");
    return ft_int_from_int64_ref(at);
}

FtObject *
ft_str_method_find(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("find", self, args, nargs, false, false);
}

FtObject *
ft_str_method_rfind(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("rfind", self, args, nargs, true, false);
}

FtObject *
ft_str_method_index(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("index", self, args, nargs, false, true);
}

FtObject *
ft_str_method_rindex(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("rindex", self, args, nargs, true, true);
}

// Non-overlapping occurrences of needle in hay[start:end), at most max (-1: all).
static Ft_ssize
count_in(FtObject *hay, FtObject *needle, Ft_ssize start, Ft_ssize end, Ft_ssize max)
{
    Ft_ssize m = ft_str_length(needle);
    if (end - start < m)
        return 0;
    if (m == 0) {
        Ft_ssize n = end - start + 1;
        return max >= 0 && max < n ? max : n;
    }
    Ft_ssize count = 0;
    while (max < 0 || count < max) {
        Ft_ssize at = ft_str_find_in(hay, needle, start, end, false);
        if (at < 0)
            break;
        count++;
        start = at + m;
    }
    return count;
}

FtObject *
ft_str_method_count(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    Ft_ssize start, end;
    if (parse_find_args("count", self, args, nargs, &start, &end) < 0)
        return NULL;
    return ft_int_from_int64_ref(count_in(self, args[0], start, end, -1));
}

// startswith/endswith for one str affix (CPython's tailmatch).
static bool
tail_match(FtObject *self, FtObject *affix, Ft_ssize start, Ft_ssize end, bool at_end)
{
    Ft_ssize m = ft_str_length(affix);
    adjust_indices(&start, &end, ft_str_length(self));
    end -= m;
    if (end < start)
        return false;
    if (m == 0)
        return true;
    return chars_equal(self, at_end ? end : start, affix, 0, m);
}

static FtObject *
affix_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, bool at_end)
{
    if (check_nargs(name, nargs, 1, 3) < 0)
        return NULL;
    Ft_ssize start = 0, end = STR_INDEX_MAX;
    if ((nargs > 1 && slice_index_arg(args[1], &start) < 0) ||
        (nargs > 2 && slice_index_arg(args[2], &end) < 0))
        return NULL;
    FtObject *affix = args[0];
    if (ft_tuple_check(affix)) {
        for (Ft_ssize i = 0; i < ft_tuple_size(affix); i++) {
            FtObject *item = ft_tuple_get_item_borrow(affix, i);
            if (!ft_str_check(item))
                return ft_error_format(&ft_exc_type_error,
                                       "tuple for %s must only contain str, not %.100s", name,
                                       item->ob_type->tp_name);
            if (tail_match(self, item, start, end, at_end))
                return ft_bool_from(true);
        }
        return ft_bool_from(false);
    }
    if (!ft_str_check(affix))
        return ft_error_format(&ft_exc_type_error,
                               "%s first arg must be str or a tuple of str, not %.100s", name,
                               affix->ob_type->tp_name);
    return ft_bool_from(tail_match(self, affix, start, end, at_end));
}

FtObject *
ft_str_method_startswith(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return affix_common("startswith", self, args, nargs, false);
}

FtObject *
ft_str_method_endswith(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return affix_common("endswith", self, args, nargs, true);
}

FtObject *
ft_str_method_replace(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"old", "new", "count"};
    FtObject *a[3];
    if (gather_args("replace", names, 3, 2, args, nargs, kwnames, a) < 0)
        return NULL;
    if (a[0] == NULL || a[1] == NULL)
        return ft_error_format(&ft_exc_type_error,
                               "replace() takes at least 2 positional arguments (%zd given)", nargs);
    if (!ft_str_check(a[0]))
        return ft_error_format(&ft_exc_type_error, "replace() argument 1 must be str, not %.100s",
                               arg_type_name(a[0]));
    if (!ft_str_check(a[1]))
        return ft_error_format(&ft_exc_type_error, "replace() argument 2 must be str, not %.100s",
                               arg_type_name(a[1]));
    Ft_ssize max = -1;
    if (a[2] != NULL && int_arg(a[2], &max) < 0)
        return NULL;
    FtObject *old = a[0], *repl = a[1];
    Ft_ssize n = ft_str_length(self), m = ft_str_length(old);
    FtStrWriter w = {0};
    Ft_ssize done = 0, pos = 0;
    if (m == 0) {
        for (Ft_ssize i = 0; i <= n; i++) {
            if (max < 0 || done < max) {
                ft_str_writer_push_substr(&w, repl, 0, ft_str_length(repl));
                done++;
            }
            if (i < n)
                ft_str_writer_push(&w, ft_str_read_char(self, i));
        }
        return ft_str_writer_finish_ref(&w);
    }
    while (max < 0 || done < max) {
        Ft_ssize at = ft_str_find_in(self, old, pos, n, false);
        if (at < 0)
            break;
        ft_str_writer_push_substr(&w, self, pos, at);
        ft_str_writer_push_substr(&w, repl, 0, ft_str_length(repl));
        pos = at + m;
        done++;
    }
    if (done == 0 && ft_object_is_exact(self, &ft_str_type)) {
        ft_str_writer_discard(&w);
        return ft_new_ref(self);
    }
    ft_str_writer_push_substr(&w, self, pos, n);
    return ft_str_writer_finish_ref(&w);
}

// Splitting. Pieces are collected into a growable array of new references, then made a list.

typedef struct {
    FtObject **items;
    Ft_ssize len, cap;
} Pieces;

static int
pieces_add_steal(Pieces *p, FtObject *item)
{
    if (item == NULL)
        return -1;
    if (p->len == p->cap) {
        Ft_ssize cap = p->cap ? p->cap * 2 : 8;
        FtObject **items = realloc(p->items, (size_t)cap * sizeof *items);
        if (items == NULL) {
            ft_decref(item);
            ft_error_no_memory();
            return -1;
        }
        p->items = items;
        p->cap = cap;
    }
    p->items[p->len++] = item;
    return 0;
}

static int
pieces_add_sub(Pieces *p, FtObject *s, Ft_ssize start, Ft_ssize end)
{
    return pieces_add_steal(p, ft_str_substring_ref(s, start, end));
}

// The pieces as a list, in order (reversed when reverse); frees the array.
static FtObject *
pieces_finish(Pieces *p, bool failed, bool reverse)
{
    FtObject *res = failed ? NULL : ft_list_new_ref(p->len);
    for (Ft_ssize i = 0; i < p->len; i++) {
        FtObject *item = p->items[reverse ? p->len - 1 - i : i];
        if (res != NULL) {
            if (ft_list_set_item_steal(res, i, item) < 0) {
                ft_decref(res);
                res = NULL;
            }
        } else {
            ft_decref(item);
        }
    }
    free(p->items);
    return res;
}

static FtObject *
split_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs,
             FtObject *kwnames, bool reverse)
{
    static const char *const names[] = {"sep", "maxsplit"};
    FtObject *a[2];
    if (gather_args(name, names, 2, 0, args, nargs, kwnames, a) < 0)
        return NULL;
    // maxsplit is converted while parsing, before sep is checked.
    Ft_ssize max = -1;
    if (a[1] != NULL && int_arg(a[1], &max) < 0)
        return NULL;
    FtObject *sep = a[0] != NULL && !ft_object_is_none(a[0]) ? a[0] : NULL;
    if (sep != NULL && !ft_str_check(sep))
        return ft_error_format(&ft_exc_type_error, "must be str or None, not %.100s",
                               sep->ob_type->tp_name);
    if (sep != NULL && ft_str_length(sep) == 0)
        return ft_error_format(&ft_exc_value_error, "empty separator");
    if (max < 0)
        max = STR_INDEX_MAX;
    Ft_ssize n = ft_str_length(self);
    Pieces p = {0};
    bool failed = false;
    if (sep == NULL) {
        // Runs of whitespace separate; leading and trailing whitespace yields no empty pieces.
        if (!reverse) {
            Ft_ssize i = 0;
            while (!failed) {
                while (i < n && ft_unicode_is_space(ft_str_read_char(self, i)))
                    i++;
                if (i == n)
                    break;
                if (max-- == 0) {
                    failed = pieces_add_sub(&p, self, i, n) < 0;
                    break;
                }
                Ft_ssize j = i;
                while (j < n && !ft_unicode_is_space(ft_str_read_char(self, j)))
                    j++;
                failed = pieces_add_sub(&p, self, i, j) < 0;
                i = j;
            }
        } else {
            Ft_ssize i = n;
            while (!failed) {
                while (i > 0 && ft_unicode_is_space(ft_str_read_char(self, i - 1)))
                    i--;
                if (i == 0)
                    break;
                if (max-- == 0) {
                    failed = pieces_add_sub(&p, self, 0, i) < 0;
                    break;
                }
                Ft_ssize j = i;
                while (j > 0 && !ft_unicode_is_space(ft_str_read_char(self, j - 1)))
                    j--;
                failed = pieces_add_sub(&p, self, j, i) < 0;
                i = j;
            }
        }
        return pieces_finish(&p, failed, reverse);
    }
    Ft_ssize m = ft_str_length(sep);
    if (!reverse) {
        Ft_ssize pos = 0;
        while (!failed && max-- > 0) {
            Ft_ssize at = ft_str_find_in(self, sep, pos, n, false);
            if (at < 0)
                break;
            failed = pieces_add_sub(&p, self, pos, at) < 0;
            pos = at + m;
        }
        if (!failed)
            failed = pieces_add_sub(&p, self, pos, n) < 0;
    } else {
        Ft_ssize end = n;
        while (!failed && max-- > 0) {
            Ft_ssize at = ft_str_find_in(self, sep, 0, end, true);
            if (at < 0)
                break;
            failed = pieces_add_sub(&p, self, at + m, end) < 0;
            end = at;
        }
        if (!failed)
            failed = pieces_add_sub(&p, self, 0, end) < 0;
    }
    return pieces_finish(&p, failed, reverse);
}

FtObject *
ft_str_method_split(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    return split_common("split", self, args, nargs, kwnames, false);
}

FtObject *
ft_str_method_rsplit(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    return split_common("rsplit", self, args, nargs, kwnames, true);
}

FtObject *
ft_str_method_splitlines(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"keepends"};
    FtObject *a[1];
    if (gather_args("splitlines", names, 1, 0, args, nargs, kwnames, a) < 0)
        return NULL;
    int keepends = 0;
    if (a[0] != NULL && (keepends = ft_object_is_true(a[0])) < 0)
        return NULL;
    Ft_ssize n = ft_str_length(self);
    Pieces p = {0};
    bool failed = false;
    for (Ft_ssize i = 0; i < n && !failed;) {
        Ft_ssize j = i;
        while (j < n && !ft_unicode_is_linebreak(ft_str_read_char(self, j)))
            j++;
        Ft_ssize eol = j;
        if (j < n) {
            if (ft_str_read_char(self, j) == '\r' && j + 1 < n && ft_str_read_char(self, j + 1) == '\n')
                j += 2;
            else
                j++;
            if (keepends)
                eol = j;
        }
        failed = pieces_add_sub(&p, self, i, eol) < 0;
        i = j;
    }
    return pieces_finish(&p, failed, false);
}

static FtObject *
partition_common(FtObject *self, FtObject *sep, bool reverse)
{
    if (str_arg(sep, NULL) < 0)
        return NULL;
    if (ft_str_length(sep) == 0)
        return ft_error_format(&ft_exc_value_error, "empty separator");
    Ft_ssize n = ft_str_length(self), m = ft_str_length(sep);
    Ft_ssize at = ft_str_find_in(self, sep, 0, n, reverse);
    FtObject *res = ft_tuple_new_ref(3);
    if (res == NULL)
        return NULL;
    FtObject *parts[3];
    if (at < 0) {
        parts[0] = reverse ? ft_str_empty_ref() : ft_str_substring_ref(self, 0, n);
        parts[1] = ft_str_empty_ref();
        parts[2] = reverse ? ft_str_substring_ref(self, 0, n) : ft_str_empty_ref();
    } else {
        parts[0] = ft_str_substring_ref(self, 0, at);
        parts[1] = ft_new_ref(sep);
        parts[2] = ft_str_substring_ref(self, at + m, n);
    }
    bool failed = false;
    for (int k = 0; k < 3; k++) {
        failed |= parts[k] == NULL;
        ft_tuple_set_item_steal_unlocked(res, k, parts[k] != NULL ? parts[k] : ft_str_empty_ref());
    }
    if (failed) {
        ft_decref(res);
        return NULL;
    }
    return res;
}

FtObject *
ft_str_method_partition(FtObject *self, FtObject *sep)
{
    return partition_common(self, sep, false);
}

FtObject *
ft_str_method_rpartition(FtObject *self, FtObject *sep)
{
    return partition_common(self, sep, true);
}

// Stripping.

static bool
in_chars(FtObject *chars, uint32_t c)
{
    if (chars == NULL)
        return ft_unicode_is_space(c);
    for (Ft_ssize k = 0; k < ft_str_length(chars); k++) {
        if (ft_str_read_char(chars, k) == c)
            return true;
    }
    return false;
}

static FtObject *
strip_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, bool left,
             bool right)
{
    if (check_nargs(name, nargs, 0, 1) < 0)
        return NULL;
    FtObject *chars = nargs > 0 && !ft_object_is_none(args[0]) ? args[0] : NULL;
    if (chars != NULL && !ft_str_check(chars))
        return ft_error_format(&ft_exc_type_error, "%s arg must be None or str", name);
    Ft_ssize i = 0, j = ft_str_length(self);
    while (left && i < j && in_chars(chars, ft_str_read_char(self, i)))
        i++;
    while (right && j > i && in_chars(chars, ft_str_read_char(self, j - 1)))
        j--;
    return ft_str_substring_ref(self, i, j);
}

FtObject *
ft_str_method_strip(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return strip_common("strip", self, args, nargs, true, true);
}

FtObject *
ft_str_method_lstrip(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return strip_common("lstrip", self, args, nargs, true, false);
}

FtObject *
ft_str_method_rstrip(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return strip_common("rstrip", self, args, nargs, false, true);
}

FtObject *
ft_str_method_removeprefix(FtObject *self, FtObject *prefix)
{
    if (!ft_str_check(prefix))
        return ft_error_format(&ft_exc_type_error, "removeprefix() argument must be str, not %.100s",
                               arg_type_name(prefix));
    Ft_ssize n = ft_str_length(self), m = ft_str_length(prefix);
    if (m <= n && chars_equal(self, 0, prefix, 0, m))
        return ft_str_substring_ref(self, m, n);
    return ft_str_substring_ref(self, 0, n);
}

FtObject *
ft_str_method_removesuffix(FtObject *self, FtObject *suffix)
{
    if (!ft_str_check(suffix))
        return ft_error_format(&ft_exc_type_error, "removesuffix() argument must be str, not %.100s",
                               arg_type_name(suffix));
    Ft_ssize n = ft_str_length(self), m = ft_str_length(suffix);
    if (m > 0 && m <= n && chars_equal(self, n - m, suffix, 0, m))
        return ft_str_substring_ref(self, 0, n - m);
    return ft_str_substring_ref(self, 0, n);
}

// Appends the str item (the index-th) to w after sep (unless first); TypeError for a non-str.
static int
join_push(FtStrWriter *w, FtObject *sep, FtObject *item, Ft_ssize index)
{
    if (!ft_str_check(item)) {
        ft_error_format(&ft_exc_type_error, "sequence item %zd: expected str instance, %.80s found",
                        index, item->ob_type->tp_name);
        return -1;
    }
    if (index > 0)
        ft_str_writer_push_substr(w, sep, 0, ft_str_length(sep));
    ft_str_writer_push_substr(w, item, 0, ft_str_length(item));
    return 0;
}

FtObject *
ft_str_method_join(FtObject *self, FtObject *iterable)
{
    if (ft_tuple_check(iterable)) {
        // A tuple is immutable: no snapshot needed.
        Ft_ssize n = ft_tuple_size(iterable);
        if (n == 1) {
            FtObject *only = ft_tuple_get_item_borrow(iterable, 0);
            if (ft_object_is_exact(only, &ft_str_type))
                return ft_new_ref(only);
        }
        FtStrWriter w = {0};
        for (Ft_ssize i = 0; i < n; i++) {
            if (join_push(&w, self, ft_tuple_get_item_borrow(iterable, i), i) < 0) {
                ft_str_writer_discard(&w);
                return NULL;
            }
        }
        return ft_str_writer_finish_ref(&w);
    }
    // Anything else is snapshotted into a tuple first (a list may change while items are read).
    FtObject *seq = ft_sequence_tuple_ref(iterable);
    if (seq == NULL) {
        if (ft_error_matches(&ft_exc_type_error) && iterable->ob_type->tp_iter == NULL &&
            !ft_sequence_check(iterable)) {
            ft_error_clear();
            ft_error_format(&ft_exc_type_error, "can only join an iterable");
        }
        return NULL;
    }
    FtObject *res = ft_str_method_join(self, seq);
    ft_decref(seq);
    return res;
}

FtObject *
ft_str_method_expandtabs(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"tabsize"};
    FtObject *a[1];
    if (gather_args("expandtabs", names, 1, 0, args, nargs, kwnames, a) < 0)
        return NULL;
    Ft_ssize tabsize = 8;
    if (a[0] != NULL && c_int_arg(a[0], &tabsize) < 0)
        return NULL;
    FtStrWriter w = {0};
    Ft_ssize column = 0;
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        uint32_t c = ft_str_read_char(self, i);
        if (c == '\t') {
            if (tabsize > 0) {
                Ft_ssize spaces = tabsize - column % tabsize;
                ft_str_writer_push_repeat(&w, ' ', spaces);
                column += spaces;
            }
        } else {
            ft_str_writer_push(&w, c);
            column = c == '\n' || c == '\r' ? 0 : column + 1;
        }
    }
    return ft_str_writer_finish_ref(&w);
}

// Padding. align: '<' (ljust), '>' (rjust), '^' (center).
static FtObject *
pad_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, char align)
{
    if (check_nargs(name, nargs, 1, 2) < 0)
        return NULL;
    Ft_ssize width;
    if (int_arg(args[0], &width) < 0)
        return NULL;
    uint32_t fill = ' ';
    if (nargs > 1) {
        if (!ft_str_check(args[1]))
            return ft_error_format(&ft_exc_type_error,
                                   "The fill character must be a unicode character, not %.100s",
                                   args[1]->ob_type->tp_name);
        if (ft_str_length(args[1]) != 1)
            return ft_error_format(&ft_exc_type_error,
                                   "The fill character must be exactly one character long");
        fill = ft_str_read_char(args[1], 0);
    }
    Ft_ssize n = ft_str_length(self);
    if (width <= n)
        return ft_str_substring_ref(self, 0, n);
    Ft_ssize marg = width - n, left;
    if (align == '<')
        left = 0;
    else if (align == '>')
        left = marg;
    else
        left = marg / 2 + (marg & width & 1);
    FtStrWriter w = {0};
    ft_str_writer_push_repeat(&w, fill, left);
    ft_str_writer_push_substr(&w, self, 0, n);
    ft_str_writer_push_repeat(&w, fill, marg - left);
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_center(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return pad_common("center", self, args, nargs, '^');
}

FtObject *
ft_str_method_ljust(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return pad_common("ljust", self, args, nargs, '<');
}

FtObject *
ft_str_method_rjust(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return pad_common("rjust", self, args, nargs, '>');
}

FtObject *
ft_str_method_zfill(FtObject *self, FtObject *width_obj)
{
    Ft_ssize width;
    if (int_arg(width_obj, &width) < 0)
        return NULL;
    Ft_ssize n = ft_str_length(self);
    if (width <= n)
        return ft_str_substring_ref(self, 0, n);
    FtStrWriter w = {0};
    Ft_ssize i = 0;
    if (n > 0 && (ft_str_read_char(self, 0) == '+' || ft_str_read_char(self, 0) == '-')) {
        ft_str_writer_push(&w, ft_str_read_char(self, 0));
        i = 1;
    }
    ft_str_writer_push_repeat(&w, '0', width - n);
    ft_str_writer_push_substr(&w, self, i, n);
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_translate(FtObject *self, FtObject *table)
{
    FtMappingMethods *mp = table->ob_type->tp_as_mapping;
    if (mp == NULL || mp->mp_subscript == NULL)
        return ft_error_format(&ft_exc_type_error, "'%.200s' object is not subscriptable",
                               table->ob_type->tp_name);
    FtStrWriter w = {0};
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        uint32_t c = ft_str_read_char(self, i);
        FtObject *key = ft_int_from_int64_ref(c);
        FtObject *to = key ? mp->mp_subscript(table, key) : NULL;
        ft_xdecref(key);
        if (to == NULL) {
            if (key == NULL || !ft_error_matches(&ft_exc_lookup_error))
                goto fail;
            ft_error_clear();   // an unmapped character stays
            ft_str_writer_push(&w, c);
            continue;
        }
        if (ft_int_check(to)) {
            bool ok;
            int64_t v = ft_int_as_int64(to, &ok);
            if (!ok)
                ft_error_clear();   // out of range: the message below is CPython's
            if (!ok || v < 0 || v > 0x10FFFF) {
                ft_decref(to);
                ft_error_format(&ft_exc_value_error, "character mapping must be in range(0x110000)");
                goto fail;
            }
            ft_str_writer_push(&w, (uint32_t)v);
        } else if (ft_str_check(to)) {
            ft_str_writer_push_substr(&w, to, 0, ft_str_length(to));
        } else if (!ft_object_is_none(to)) {
            ft_decref(to);
            ft_error_format(&ft_exc_type_error, "character mapping must return integer, None or str");
            goto fail;
        }
        ft_decref(to);
    }
    return ft_str_writer_finish_ref(&w);
fail:
    ft_str_writer_discard(&w);
    return NULL;
}

// The translation key for a maketrans dict key: an int as is, a one-character str as its code
// point.
static FtObject *
maketrans_key_ref(FtObject *key)
{
    if (ft_str_check(key)) {
        if (ft_str_length(key) != 1)
            return ft_error_format(&ft_exc_value_error,   // sic: CPython's text
                                   "string keys in translatetable must be of length 1");
        return ft_int_from_int64_ref(ft_str_read_char(key, 0));
    }
    if (ft_int_check(key))
        return ft_new_ref(key);
    return ft_error_format(&ft_exc_type_error,   // sic: CPython's text
                           "keys in translate table mustbe strings or integers");
}

// Adds ord(x[i]) -> value to dict for every character of x (value NULL: ord(y[i])).
static int
maketrans_chars(FtObject *dict, FtObject *x, FtObject *y)
{
    for (Ft_ssize i = 0; i < ft_str_length(x); i++) {
        FtObject *key = ft_int_from_int64_ref(ft_str_read_char(x, i));
        FtObject *value = y != NULL ? ft_int_from_int64_ref(ft_str_read_char(y, i)) : ft_none_ref();
        int r = key != NULL && value != NULL ? ft_dict_set_item(dict, key, value) : -1;
        ft_xdecref(key);
        ft_xdecref(value);
        if (r < 0)
            return -1;
    }
    return 0;
}

FtObject *
ft_str_method_maketrans(FtObject *cls, FtObject *const *args, Ft_ssize nargs)
{
    if (check_nargs("maketrans", nargs, 1, 3) < 0)
        return NULL;
    FtObject *x = args[0];
    for (Ft_ssize k = 1; k < nargs; k++) {
        if (!ft_str_check(args[k]))
            return ft_error_format(&ft_exc_type_error,
                                   "maketrans() argument %zd must be str, not %.80s", k + 1,
                                   args[k]->ob_type->tp_name);
    }
    FtObject *res = ft_dict_new_ref();
    if (res == NULL)
        return NULL;
    if (nargs == 1) {
        if (!ft_dict_check(x)) {
            ft_decref(res);
            return ft_error_format(&ft_exc_type_error,
                                   "if you give only one argument to maketrans it must be a dict");
        }
        // A private snapshot: the loop runs no Python code, and x may change meanwhile.
        FtObject *copy = ft_dict_copy_ref(x);
        int r = copy != NULL ? 0 : -1;
        FtObject *key, *value;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(copy);
        for (Ft_ssize pos = 0; r == 0 && ft_dict_next(copy, &pos, &key, &value);) {
            FtObject *k = maketrans_key_ref(key);
            r = k != NULL ? ft_dict_set_item(res, k, value) : -1;
            ft_xdecref(k);
        }
        FT_END_CRITICAL_SECTION_OBJECT();
        ft_xdecref(copy);
        if (r < 0) {
            ft_decref(res);
            return NULL;
        }
        return res;
    }
    int r = 0;
    if (!ft_str_check(x)) {
        ft_error_format(&ft_exc_type_error,
                        "first maketrans argument must be a string if there is a second argument");
        r = -1;
    } else if (ft_str_length(x) != ft_str_length(args[1])) {
        ft_error_format(&ft_exc_value_error,
                        "the first two maketrans arguments must have equal length");
        r = -1;
    } else {
        r = maketrans_chars(res, x, args[1]);
        if (r == 0 && nargs == 3)
            r = maketrans_chars(res, args[2], NULL);
    }
    if (r < 0) {
        ft_decref(res);
        return NULL;
    }
    return res;
}

// objects/bytes_methods.c: the methods bytes and bytearray share (searching, splitting, stripping,
// padding, joining, ASCII case and predicates, hex, decode, translate) and %-formatting (PEP 461). Semantics and messages:
// CPython's Objects/bytes_methods.c, bytesobject.c, bytearrayobject.c and stringlib (results only).
//
// Owns: nothing shared. Invariant: every method reads its receiver through one ft_bytes_view taken
// after its arguments are checked (no call that may block or run Python code follows the view), and
// start/end arguments are clamped as CPython's ADJUST_INDICES before any search.
// Concurrency: a bytes receiver is immutable (no lock, any attached thread); a bytearray receiver is
// read inside its critical section, which objects/bytearray.c's wrappers take; bytearray arguments
// reach these functions as bytes snapshots taken by the wrappers in bytes.c and bytearray.c
// before any section is entered.
#include <limits.h>   // INT_MAX INT_MIN
#include <stdint.h>   // PTRDIFF_MAX
#include <stdio.h>    // snprintf
#include <stdlib.h>   // malloc realloc free
#include <string.h>   // memcpy memcmp memset memchr

#include "objects/bytes.h"

#include "objects/abstract.h"      // ft_sequence_tuple_ref ft_object_size
#include "objects/bytearray.h"     // ft_bytearray_* (results of bytearray's kind)
#include "objects/bigint.h"        // ft_bigint_* (%-formatting)
#include "objects/error.h"         // ft_error_format ft_exc_*
#include "objects/float.h"         // ft_float_* (%-formatting)
#include "objects/float_format.h"  // ft_float_format
#include "objects/format_spec.h"   // FtNumError ft_format_free
#include "objects/int.h"           // ft_int_* ft_bool_from
#include "objects/list.h"          // ft_list_* (join over a list)
#include "objects/memoryview.h"    // ft_memoryview_* (checks, snapshots)
#include "objects/object.h"        // ft_object_is_none
#include "objects/str.h"           // ft_str_*
#include "objects/str_methods.h"   // ft_str_decode_ref ft_str_encode ft_str_check_utf8_arg
#include "objects/tuple.h"         // ft_tuple_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT (a bytearray fill byte)
#include "runtime/refcount.h"      // ft_decref

#define BYTES_INDEX_MAX ((Ft_ssize)PTRDIFF_MAX)

// Argument helpers.

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

// Merges positional and keyword arguments into out[0..nnames) (NULL where absent).
static int
gather_args(const char *fname, const char *const *names, Ft_ssize nnames, FtObject *const *args,
            Ft_ssize nargs, FtObject *kwnames, FtObject **out)
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
        for (Ft_ssize i = 0; i < nnames; i++) {
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
        ft_error_clear();
        ft_error_format(&ft_exc_overflow_error,
                        "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = (Ft_ssize)v;
    return 0;
}

// An int argument that CPython converts to a C int (tabsize, bytes_per_sep).
static int
c_int_arg(FtObject *op, Ft_ssize *out)
{
    if (int_arg(op, out) < 0 && !ft_error_matches(&ft_exc_overflow_error))
        return -1;
    if (ft_error_occurred() || *out > INT_MAX || *out < INT_MIN) {
        ft_error_clear();
        ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C int");
        return -1;
    }
    return 0;
}

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
    bool ok = true;
    int64_t v = ft_int_as_int64(op, &ok);
    if (!ok) {   // clamped as CPython's _PyEval_SliceIndex
        ft_error_clear();
        v = ft_bigint_sign(ft_int_value_borrow(op)) < 0 ? -BYTES_INDEX_MAX : BYTES_INDEX_MAX;
    }
    *out = (Ft_ssize)v;
    return 0;
}

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

// A bytes-like argument: 0 with its view, or -1 with "a bytes-like object is required, not 'T'".
static int
buffer_arg(FtObject *op, const char **data, Ft_ssize *size)
{
    if (ft_bytes_view(op, data, size))
        return 0;
    ft_error_format(&ft_exc_type_error, "a bytes-like object is required, not '%.100s'",
                    op->ob_type->tp_name);
    return -1;
}

// A byte value from an int: 0..255 or ValueError.
static int
byte_value_arg(FtObject *op, int *out)
{
    Ft_ssize v;
    if (int_arg(op, &v) < 0) {
        if (ft_error_matches(&ft_exc_overflow_error)) {
            ft_error_clear();
            ft_error_set_string(&ft_exc_value_error, "byte must be in range(0, 256)");
        }
        return -1;
    }
    if (v < 0 || v > 255) {
        ft_error_set_string(&ft_exc_value_error, "byte must be in range(0, 256)");
        return -1;
    }
    *out = (int)v;
    return 0;
}

// A result of self's kind.
static FtObject *
new_like(FtObject *self, const char *data, Ft_ssize size)
{
    if (ft_bytearray_check(self))
        return ft_bytearray_from_data_ref(data, size);
    return ft_bytes_from_data_ref(data, size);
}

// self itself when it is an exact bytes (immutable), else a copy of self's kind.
static FtObject *
self_or_copy(FtObject *self, const char *data, Ft_ssize size)
{
    if (ft_object_is_exact(self, &ft_bytes_type))
        return ft_new_ref(self);
    return new_like(self, data, size);
}

static void
view_self(FtObject *self, const char **data, Ft_ssize *size)
{
    if (!ft_bytes_view(self, data, size)) {
        *data = "";
        *size = 0;
    }
}

// Searching.

static Ft_ssize
find_in(const char *hay, Ft_ssize start, Ft_ssize end, const char *needle, Ft_ssize m, bool reverse)
{
    if (end - start < m)
        return -1;
    if (m == 0)
        return reverse ? end : start;
    if (reverse) {
        for (Ft_ssize i = end - m; i >= start; i--) {
            if (hay[i] == needle[0] && memcmp(hay + i, needle, (size_t)m) == 0)
                return i;
        }
        return -1;
    }
    for (Ft_ssize i = start; i + m <= end;) {
        const char *p = memchr(hay + i, needle[0], (size_t)(end - m + 1 - i));
        if (p == NULL)
            return -1;
        i = p - hay;
        if (memcmp(p, needle, (size_t)m) == 0)
            return i;
        i++;
    }
    return -1;
}

static Ft_ssize
count_in(const char *hay, Ft_ssize start, Ft_ssize end, const char *needle, Ft_ssize m,
         Ft_ssize maxcount)
{
    if (end - start < m)
        return 0;
    if (m == 0)
        return end - start + 1 < maxcount ? end - start + 1 : maxcount;
    Ft_ssize n = 0;
    for (Ft_ssize i = start; n < maxcount;) {
        Ft_ssize at = find_in(hay, i, end, needle, m, false);
        if (at < 0)
            break;
        n++;
        i = at + m;
    }
    return n;
}

// The sub argument of find/count/index: an int byte or a bytes-like.
static int
sub_arg(FtObject *op, char *byte, const char **data, Ft_ssize *size)
{
    if (ft_int_check(op)) {
        int v;
        if (byte_value_arg(op, &v) < 0)
            return -1;
        *byte = (char)v;
        *data = byte;
        *size = 1;
        return 0;
    }
    if (ft_bytes_view(op, data, size))
        return 0;
    ft_error_format(&ft_exc_type_error,
                    "argument should be integer or bytes-like object, not '%.200s'",
                    op->ob_type->tp_name);
    return -1;
}

static int
parse_find_args(const char *name, FtObject *const *args, Ft_ssize nargs, char *byte,
                const char **sub, Ft_ssize *nsub, Ft_ssize *start, Ft_ssize *end)
{
    if (check_nargs(name, nargs, 1, 3) < 0)
        return -1;
    // CPython converts the bounds while parsing, before it looks at sub.
    *start = 0;
    *end = BYTES_INDEX_MAX;
    if ((nargs > 1 && slice_index_arg(args[1], start) < 0) ||
        (nargs > 2 && slice_index_arg(args[2], end) < 0))
        return -1;
    return sub_arg(args[0], byte, sub, nsub);
}

static FtObject *
find_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, bool reverse,
            bool raise)
{
    char byte;
    const char *sub, *s;
    Ft_ssize nsub, start, end, n;
    if (parse_find_args(name, args, nargs, &byte, &sub, &nsub, &start, &end) < 0)
        return NULL;
    view_self(self, &s, &n);
    adjust_indices(&start, &end, n);
    Ft_ssize at = start > n ? -1 : find_in(s, start, end, sub, nsub, reverse);
    if (at < 0 && raise)
        return ft_error_format(&ft_exc_value_error, "subsection not found");
    return ft_int_from_int64_ref(at);
}

FtObject *
ft_bytes_method_find(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("find", self, args, nargs, false, false);
}

FtObject *
ft_bytes_method_rfind(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("rfind", self, args, nargs, true, false);
}

FtObject *
ft_bytes_method_index(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("index", self, args, nargs, false, true);
}

FtObject *
ft_bytes_method_rindex(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return find_common("rindex", self, args, nargs, true, true);
}

FtObject *
ft_bytes_method_count(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    char byte;
    const char *sub, *s;
    Ft_ssize nsub, start, end, n;
    if (parse_find_args("count", args, nargs, &byte, &sub, &nsub, &start, &end) < 0)
        return NULL;
    view_self(self, &s, &n);
    adjust_indices(&start, &end, n);
    if (start > n)
        return ft_int_from_int64_ref(0);
    return ft_int_from_int64_ref(count_in(s, start, end, sub, nsub, BYTES_INDEX_MAX));
}

int
ft_bytes_contains_view(const char *data, Ft_ssize size, FtObject *sub)
{
    char byte;
    const char *needle;
    Ft_ssize m;
    if (ft_int_check(sub)) {
        int v;
        if (byte_value_arg(sub, &v) < 0)
            return -1;
        byte = (char)v;
        return size > 0 && memchr(data, byte, (size_t)size) != NULL;
    }
    if (buffer_arg(sub, &needle, &m) < 0)
        return -1;
    return find_in(data, 0, size, needle, m, false) >= 0;
}

static FtObject *
affix_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, bool suffix)
{
    if (check_nargs(name, nargs, 1, 3) < 0)
        return NULL;
    Ft_ssize start = 0, end = BYTES_INDEX_MAX;
    if ((nargs > 1 && slice_index_arg(args[1], &start) < 0) ||
        (nargs > 2 && slice_index_arg(args[2], &end) < 0))
        return NULL;
    FtObject *arg = args[0];
    bool is_tuple = ft_tuple_check(arg);
    Ft_ssize count = is_tuple ? ft_tuple_size(arg) : 1;
    if (!is_tuple && !ft_bytes_view(arg, &(const char *){NULL}, &(Ft_ssize){0}))
        return ft_error_format(&ft_exc_type_error,
                               "%s first arg must be bytes or a tuple of bytes, not %.100s", name,
                               arg->ob_type->tp_name);
    for (Ft_ssize k = 0; k < count; k++) {
        FtObject *item = is_tuple ? ft_tuple_get_item_borrow(arg, k) : arg;
        const char *p, *s;
        Ft_ssize m, n;
        if (buffer_arg(item, &p, &m) < 0)
            return NULL;
        view_self(self, &s, &n);
        Ft_ssize st = start, en = end;
        adjust_indices(&st, &en, n);
        if (st > n || en - st < m)
            continue;
        Ft_ssize at = suffix ? en - m : st;
        if (memcmp(s + at, p, (size_t)m) == 0)
            return ft_bool_from(true);
    }
    return ft_bool_from(false);
}

FtObject *
ft_bytes_method_startswith(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return affix_common("startswith", self, args, nargs, false);
}

FtObject *
ft_bytes_method_endswith(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return affix_common("endswith", self, args, nargs, true);
}

// replace, split, partition.

FtObject *
ft_bytes_method_replace(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (check_nargs("replace", nargs, 2, 3) < 0)
        return NULL;
    const char *old, *new, *s;
    Ft_ssize nold, nnew, n, maxcount = -1;
    if (buffer_arg(args[0], &old, &nold) < 0 || buffer_arg(args[1], &new, &nnew) < 0 ||
        (nargs > 2 && int_arg(args[2], &maxcount) < 0))
        return NULL;
    view_self(self, &s, &n);
    if (maxcount < 0)
        maxcount = BYTES_INDEX_MAX;
    Ft_ssize hits = count_in(s, 0, n, old, nold, maxcount);
    if (hits == 0)
        return self_or_copy(self, s, n);
    if (nnew > nold && hits > (BYTES_INDEX_MAX - n) / (nnew - nold))
        return ft_error_format(&ft_exc_overflow_error, "replace bytes is too long");
    Ft_ssize outlen = n + hits * (nnew - nold);
    char *out = malloc((size_t)outlen + 1);
    if (out == NULL)
        return ft_error_no_memory();
    Ft_ssize i = 0, o = 0;
    for (Ft_ssize k = 0; k < hits; k++) {
        Ft_ssize at;
        if (nold == 0) {
            at = i;
        } else {
            at = find_in(s, i, n, old, nold, false);
        }
        memcpy(out + o, s + i, (size_t)(at - i));
        o += at - i;
        memcpy(out + o, new, (size_t)nnew);
        o += nnew;
        if (nold == 0) {
            if (at < n)
                out[o++] = s[at];
            i = at + 1;
        } else {
            i = at + nold;
        }
    }
    if (i < n) {
        memcpy(out + o, s + i, (size_t)(n - i));
        o += n - i;
    }
    FtObject *res = new_like(self, out, o);
    free(out);
    return res;
}

static bool
is_ascii_space(unsigned char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
}

// Appends a new piece of self's kind to list; 0 or -1.
static int
append_piece(FtObject *list, FtObject *self, const char *data, Ft_ssize size)
{
    FtObject *piece = new_like(self, data, size);
    if (piece == NULL)
        return -1;
    int r = ft_list_append(list, piece);
    ft_decref(piece);
    return r;
}

static FtObject *
split_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs,
             FtObject *kwnames, bool reverse)
{
    static const char *const names[] = {"sep", "maxsplit"};
    FtObject *a[2];
    if (gather_args(name, names, 2, args, nargs, kwnames, a) < 0)
        return NULL;
    Ft_ssize maxsplit = -1;
    const char *sep = NULL, *s;
    Ft_ssize nsep = 0, n;
    // maxsplit is converted while parsing, before sep is read as a buffer.
    if (a[1] != NULL && int_arg(a[1], &maxsplit) < 0)
        return NULL;
    if (a[0] != NULL && !ft_object_is_none(a[0])) {
        if (buffer_arg(a[0], &sep, &nsep) < 0)
            return NULL;
        if (nsep == 0)
            return ft_error_format(&ft_exc_value_error, "empty separator");
    }
    if (maxsplit < 0)
        maxsplit = BYTES_INDEX_MAX;
    FtObject *list = ft_list_new_ref(0);
    if (list == NULL)
        return NULL;
    view_self(self, &s, &n);
    Ft_ssize splits = 0;
    if (sep == NULL) {
        // Runs of ASCII whitespace separate; no empty pieces.
        if (!reverse) {
            Ft_ssize i = 0;
            for (;;) {
                while (i < n && is_ascii_space((unsigned char)s[i]))
                    i++;
                if (i == n)
                    break;
                Ft_ssize j = i;
                if (splits == maxsplit) {
                    if (append_piece(list, self, s + i, n - i) < 0)
                        goto error;
                    break;
                }
                while (j < n && !is_ascii_space((unsigned char)s[j]))
                    j++;
                if (append_piece(list, self, s + i, j - i) < 0)
                    goto error;
                splits++;
                i = j;
            }
        } else {
            Ft_ssize j = n;
            for (;;) {
                while (j > 0 && is_ascii_space((unsigned char)s[j - 1]))
                    j--;
                if (j == 0)
                    break;
                Ft_ssize i = j;
                if (splits == maxsplit) {
                    if (append_piece(list, self, s, j) < 0)
                        goto error;
                    break;
                }
                while (i > 0 && !is_ascii_space((unsigned char)s[i - 1]))
                    i--;
                if (append_piece(list, self, s + i, j - i) < 0)
                    goto error;
                splits++;
                j = i;
            }
            if (ft_list_reverse(list) < 0)
                goto error;
        }
        return list;
    }
    if (!reverse) {
        Ft_ssize i = 0;
        while (splits < maxsplit) {
            Ft_ssize at = find_in(s, i, n, sep, nsep, false);
            if (at < 0)
                break;
            if (append_piece(list, self, s + i, at - i) < 0)
                goto error;
            splits++;
            i = at + nsep;
        }
        if (append_piece(list, self, s + i, n - i) < 0)
            goto error;
    } else {
        Ft_ssize j = n;
        while (splits < maxsplit) {
            Ft_ssize at = find_in(s, 0, j, sep, nsep, true);
            if (at < 0)
                break;
            if (append_piece(list, self, s + at + nsep, j - at - nsep) < 0)
                goto error;
            splits++;
            j = at;
        }
        if (append_piece(list, self, s, j) < 0 || ft_list_reverse(list) < 0)
            goto error;
    }
    return list;
error:
    ft_decref(list);
    return NULL;
}

FtObject *
ft_bytes_method_split(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    return split_common("split", self, args, nargs, kwnames, false);
}

FtObject *
ft_bytes_method_rsplit(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    return split_common("rsplit", self, args, nargs, kwnames, true);
}

FtObject *
ft_bytes_method_splitlines(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                           FtObject *kwnames)
{
    static const char *const names[] = {"keepends"};
    FtObject *a[1];
    if (gather_args("splitlines", names, 1, args, nargs, kwnames, a) < 0)
        return NULL;
    int keepends = 0;
    if (a[0] != NULL && (keepends = ft_object_is_true(a[0])) < 0)
        return NULL;
    FtObject *list = ft_list_new_ref(0);
    if (list == NULL)
        return NULL;
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    for (Ft_ssize i = 0; i < n;) {
        Ft_ssize j = i;
        while (j < n && s[j] != '\n' && s[j] != '\r')
            j++;
        Ft_ssize eol = j;
        if (j < n) {
            j += s[j] == '\r' && j + 1 < n && s[j + 1] == '\n' ? 2 : 1;
            if (keepends)
                eol = j;
        }
        if (append_piece(list, self, s + i, eol - i) < 0) {
            ft_decref(list);
            return NULL;
        }
        i = j;
    }
    return list;
}

static FtObject *
partition_common(FtObject *self, FtObject *arg, bool reverse)
{
    const char *sep, *s;
    Ft_ssize nsep, n;
    if (buffer_arg(arg, &sep, &nsep) < 0)
        return NULL;
    if (nsep == 0)
        return ft_error_format(&ft_exc_value_error, "empty separator");
    view_self(self, &s, &n);
    Ft_ssize at = find_in(s, 0, n, sep, nsep, reverse);
    FtObject *p[3] = {NULL, NULL, NULL};
    if (at < 0) {
        FtObject *whole = self_or_copy(self, s, n);
        FtObject *empty = new_like(self, "", 0);
        FtObject *empty2 = new_like(self, "", 0);
        p[0] = reverse ? empty2 : whole;
        p[1] = empty;
        p[2] = reverse ? whole : empty2;
    } else {
        p[0] = new_like(self, s, at);
        // A bytes receiver returns the separator object itself (CPython's stringlib).
        p[1] = ft_object_is_exact(self, &ft_bytes_type) && ft_object_is_exact(arg, &ft_bytes_type)
                   ? ft_new_ref(arg) : new_like(self, sep, nsep);
        p[2] = new_like(self, s + at + nsep, n - at - nsep);
    }
    FtObject *res = NULL;
    if (p[0] != NULL && p[1] != NULL && p[2] != NULL)
        res = ft_tuple_pack_ref(3, p[0], p[1], p[2]);
    for (int k = 0; k < 3; k++)
        ft_xdecref(p[k]);
    return res;
}

FtObject *
ft_bytes_method_partition(FtObject *self, FtObject *arg)
{
    return partition_common(self, arg, false);
}

FtObject *
ft_bytes_method_rpartition(FtObject *self, FtObject *arg)
{
    return partition_common(self, arg, true);
}

// Stripping and affix removal.

static FtObject *
strip_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, bool left,
             bool right)
{
    if (check_nargs(name, nargs, 0, 1) < 0)
        return NULL;
    const char *chars = NULL, *s;
    Ft_ssize nchars = 0, n;
    if (nargs == 1 && !ft_object_is_none(args[0]) && buffer_arg(args[0], &chars, &nchars) < 0)
        return NULL;
    view_self(self, &s, &n);
    bool set[256] = {false};
    if (chars == NULL) {
        for (int c = 0; c < 256; c++)
            set[c] = is_ascii_space((unsigned char)c);
    } else {
        for (Ft_ssize k = 0; k < nchars; k++)
            set[(unsigned char)chars[k]] = true;
    }
    Ft_ssize i = 0, j = n;
    if (left) {
        while (i < j && set[(unsigned char)s[i]])
            i++;
    }
    if (right) {
        while (j > i && set[(unsigned char)s[j - 1]])
            j--;
    }
    if (i == 0 && j == n)
        return self_or_copy(self, s, n);
    return new_like(self, s + i, j - i);
}

FtObject *
ft_bytes_method_strip(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return strip_common("strip", self, args, nargs, true, true);
}

FtObject *
ft_bytes_method_lstrip(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return strip_common("lstrip", self, args, nargs, true, false);
}

FtObject *
ft_bytes_method_rstrip(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return strip_common("rstrip", self, args, nargs, false, true);
}

static FtObject *
remove_affix(FtObject *self, FtObject *arg, bool suffix)
{
    const char *p, *s;
    Ft_ssize m, n;
    if (buffer_arg(arg, &p, &m) < 0)
        return NULL;
    view_self(self, &s, &n);
    if (m > 0 && m <= n && memcmp(suffix ? s + n - m : s, p, (size_t)m) == 0)
        return new_like(self, suffix ? s : s + m, n - m);
    return self_or_copy(self, s, n);
}

FtObject *
ft_bytes_method_removeprefix(FtObject *self, FtObject *arg)
{
    return remove_affix(self, arg, false);
}

FtObject *
ft_bytes_method_removesuffix(FtObject *self, FtObject *arg)
{
    return remove_affix(self, arg, true);
}

// join: the items are read first (bytearray items as snapshots), then self.
FtObject *
ft_bytes_method_join(FtObject *self, FtObject *iterable)
{
    FtObject *items;
    if (ft_tuple_check(iterable)) {
        items = ft_new_ref(iterable);
    } else if (ft_list_check(iterable)) {
        items = ft_list_as_tuple_ref(iterable);
        if (items == NULL)
            return NULL;
    } else {
        items = ft_sequence_tuple_ref(iterable);
        if (items == NULL) {
            if (ft_error_matches(&ft_exc_type_error)) {
                ft_error_clear();
                ft_error_format(&ft_exc_type_error, "can only join an iterable");
            }
            return NULL;
        }
    }
    Ft_ssize count = ft_tuple_size(items);
    FtObject **snaps = calloc((size_t)count + 1, sizeof *snaps);
    FtObject *res = NULL;
    char *out = NULL;
    if (snaps == NULL) {
        ft_error_no_memory();
        goto done;
    }
    Ft_ssize total = 0;
    for (Ft_ssize k = 0; k < count; k++) {
        FtObject *item = ft_tuple_get_item_borrow(items, k);
        if (ft_bytearray_check(item))
            snaps[k] = ft_bytearray_to_bytes_ref(item);
        else if (ft_memoryview_check(item) && ft_memoryview_is_c_contiguous(item))
            snaps[k] = ft_memoryview_to_bytes_ref(item);
        else if (ft_bytes_check(item))
            snaps[k] = ft_new_ref(item);
        else {
            ft_error_format(&ft_exc_type_error,
                            "sequence item %zd: expected a bytes-like object, %.80s found", k,
                            item->ob_type->tp_name);
            goto done;
        }
        if (snaps[k] == NULL)
            goto done;
        total += ft_bytes_size(snaps[k]);
    }
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    if (count > 1)
        total += n * (count - 1);
    out = malloc((size_t)total + 1);
    if (out == NULL) {
        ft_error_no_memory();
        goto done;
    }
    Ft_ssize o = 0;
    for (Ft_ssize k = 0; k < count; k++) {
        if (k > 0) {
            memcpy(out + o, s, (size_t)n);
            o += n;
        }
        memcpy(out + o, ft_bytes_data(snaps[k]), (size_t)ft_bytes_size(snaps[k]));
        o += ft_bytes_size(snaps[k]);
    }
    if (count == 1 && ft_object_is_exact(snaps[0], &ft_bytes_type) && !ft_bytearray_check(self))
        res = ft_new_ref(snaps[0]);
    else
        res = new_like(self, out, o);
done:
    if (snaps != NULL) {
        for (Ft_ssize k = 0; k < count; k++)
            ft_xdecref(snaps[k]);
    }
    free(snaps);
    free(out);
    ft_decref(items);
    return res;
}

// Padding.

// The fill byte of center/ljust/rjust: a bytes or bytearray of length 1. A bytearray is read under
// its own section (nested in the receiver's when that is a bytearray: the receiver's bytes are
// viewed only afterwards).
static int
fill_arg(const char *name, FtObject *op, char *fill)
{
    const char *p;
    Ft_ssize m;
    if (ft_bytearray_check(op)) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
        p = ft_bytearray_data_lock_held(op, &m);
        *fill = p[0];
        FT_END_CRITICAL_SECTION_OBJECT();
        if (m == 1)
            return 0;
    } else if (!ft_bytes_view(op, &p, &m)) {
        ft_error_format(&ft_exc_type_error,
                        "%s() argument 2 must be a byte string of length 1, not %.50s", name,
                        ft_object_is_none(op) ? "None" : op->ob_type->tp_name);
        return -1;
    }
    if (m != 1) {
        ft_error_format(&ft_exc_type_error,
                        "%s(): argument 2 must be a byte string of length 1, not a %s object of "
                        "length %zd", name, op->ob_type->tp_name, m);
        return -1;
    }
    *fill = p[0];
    return 0;
}

static FtObject *
pad(FtObject *self, const char *s, Ft_ssize n, Ft_ssize left, Ft_ssize right, char fill)
{
    if (left < 0)
        left = 0;
    if (right < 0)
        right = 0;
    if (left == 0 && right == 0)
        return self_or_copy(self, s, n);
    Ft_ssize total = left + n + right;
    char *out = malloc((size_t)total + 1);
    if (out == NULL)
        return ft_error_no_memory();
    memset(out, fill, (size_t)left);
    memcpy(out + left, s, (size_t)n);
    memset(out + left + n, fill, (size_t)right);
    FtObject *res = new_like(self, out, total);
    free(out);
    return res;
}

static FtObject *
justify_common(const char *name, FtObject *self, FtObject *const *args, Ft_ssize nargs, int how)
{
    Ft_ssize width;
    char fill = ' ';
    if (check_nargs(name, nargs, 1, 2) < 0 || int_arg(args[0], &width) < 0 ||
        (nargs > 1 && fill_arg(name, args[1], &fill) < 0))
        return NULL;
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    if (width <= n)
        return self_or_copy(self, s, n);
    Ft_ssize marg = width - n;
    if (how < 0)
        return pad(self, s, n, 0, marg, fill);
    if (how > 0)
        return pad(self, s, n, marg, 0, fill);
    Ft_ssize left = marg / 2 + (marg & width & 1);
    return pad(self, s, n, left, marg - left, fill);
}

FtObject *
ft_bytes_method_center(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return justify_common("center", self, args, nargs, 0);
}

FtObject *
ft_bytes_method_ljust(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return justify_common("ljust", self, args, nargs, -1);
}

FtObject *
ft_bytes_method_rjust(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return justify_common("rjust", self, args, nargs, 1);
}

FtObject *
ft_bytes_method_zfill(FtObject *self, FtObject *arg)
{
    Ft_ssize width;
    if (int_arg(arg, &width) < 0)
        return NULL;
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    if (width <= n)
        return self_or_copy(self, s, n);
    Ft_ssize fill = width - n;
    char *out = malloc((size_t)width + 1);
    if (out == NULL)
        return ft_error_no_memory();
    memset(out, '0', (size_t)fill);
    memcpy(out + fill, s, (size_t)n);
    if (n > 0 && (s[0] == '+' || s[0] == '-')) {
        out[0] = s[0];
        out[fill] = '0';
    }
    FtObject *res = new_like(self, out, width);
    free(out);
    return res;
}

FtObject *
ft_bytes_method_expandtabs(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                           FtObject *kwnames)
{
    static const char *const names[] = {"tabsize"};
    FtObject *a[1];
    Ft_ssize tabsize = 8;
    if (gather_args("expandtabs", names, 1, args, nargs, kwnames, a) < 0 ||
        (a[0] != NULL && c_int_arg(a[0], &tabsize) < 0))
        return NULL;
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    Ft_ssize total = 0, col = 0;
    for (Ft_ssize i = 0; i < n; i++) {
        if (s[i] == '\t') {
            if (tabsize > 0) {
                Ft_ssize add = tabsize - col % tabsize;
                if (total > BYTES_INDEX_MAX - add)
                    return ft_error_format(&ft_exc_overflow_error, "result too long");
                total += add;
                col += add;
            }
        } else {
            total++;
            col = s[i] == '\n' || s[i] == '\r' ? 0 : col + 1;
        }
    }
    char *out = malloc((size_t)total + 1);
    if (out == NULL)
        return ft_error_no_memory();
    Ft_ssize o = 0;
    col = 0;
    for (Ft_ssize i = 0; i < n; i++) {
        if (s[i] == '\t') {
            if (tabsize > 0) {
                Ft_ssize add = tabsize - col % tabsize;
                memset(out + o, ' ', (size_t)add);
                o += add;
                col += add;
            }
        } else {
            out[o++] = s[i];
            col = s[i] == '\n' || s[i] == '\r' ? 0 : col + 1;
        }
    }
    FtObject *res = new_like(self, out, o);
    free(out);
    return res;
}

// ASCII case conversion and predicates.

static bool
is_lower(unsigned char c)
{
    return c >= 'a' && c <= 'z';
}

static bool
is_upper(unsigned char c)
{
    return c >= 'A' && c <= 'Z';
}

static bool
is_digit(unsigned char c)
{
    return c >= '0' && c <= '9';
}

enum { CASE_LOWER, CASE_UPPER, CASE_SWAP, CASE_CAPITALIZE, CASE_TITLE };

static FtObject *
case_common(FtObject *self, int how)
{
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    char *out = malloc((size_t)n + 1);
    if (out == NULL)
        return ft_error_no_memory();
    bool prev_cased = false;
    for (Ft_ssize i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool up;
        switch (how) {
        case CASE_LOWER: up = false; break;
        case CASE_UPPER: up = true; break;
        case CASE_SWAP: up = is_lower(c); break;
        case CASE_CAPITALIZE: up = i == 0; break;
        default: up = !prev_cased; break;
        }
        if (how == CASE_SWAP && !is_lower(c) && !is_upper(c))
            out[i] = (char)c;
        else if (up)
            out[i] = (char)(is_lower(c) ? c - 'a' + 'A' : c);
        else
            out[i] = (char)(is_upper(c) ? c - 'A' + 'a' : c);
        prev_cased = is_lower(c) || is_upper(c);
    }
    FtObject *res = new_like(self, out, n);
    free(out);
    return res;
}

FtObject *
ft_bytes_method_lower(FtObject *self)
{
    return case_common(self, CASE_LOWER);
}

FtObject *
ft_bytes_method_upper(FtObject *self)
{
    return case_common(self, CASE_UPPER);
}

FtObject *
ft_bytes_method_swapcase(FtObject *self)
{
    return case_common(self, CASE_SWAP);
}

FtObject *
ft_bytes_method_capitalize(FtObject *self)
{
    return case_common(self, CASE_CAPITALIZE);
}

FtObject *
ft_bytes_method_title(FtObject *self)
{
    return case_common(self, CASE_TITLE);
}

enum { PRED_ALNUM, PRED_ALPHA, PRED_ASCII, PRED_DIGIT, PRED_SPACE };

static FtObject *
predicate_all(FtObject *self, int what)
{
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    if (n == 0)
        return ft_bool_from(what == PRED_ASCII);
    for (Ft_ssize i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        bool ok;
        switch (what) {
        case PRED_ALNUM: ok = is_lower(c) || is_upper(c) || is_digit(c); break;
        case PRED_ALPHA: ok = is_lower(c) || is_upper(c); break;
        case PRED_ASCII: ok = c < 128; break;
        case PRED_DIGIT: ok = is_digit(c); break;
        default: ok = is_ascii_space(c); break;
        }
        if (!ok)
            return ft_bool_from(false);
    }
    return ft_bool_from(true);
}

FtObject *
ft_bytes_method_isalnum(FtObject *self)
{
    return predicate_all(self, PRED_ALNUM);
}

FtObject *
ft_bytes_method_isalpha(FtObject *self)
{
    return predicate_all(self, PRED_ALPHA);
}

FtObject *
ft_bytes_method_isascii(FtObject *self)
{
    return predicate_all(self, PRED_ASCII);
}

FtObject *
ft_bytes_method_isdigit(FtObject *self)
{
    return predicate_all(self, PRED_DIGIT);
}

FtObject *
ft_bytes_method_isspace(FtObject *self)
{
    return predicate_all(self, PRED_SPACE);
}

static FtObject *
cased_predicate(FtObject *self, bool want_upper)
{
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    bool cased = false;
    for (Ft_ssize i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (want_upper ? is_lower(c) : is_upper(c))
            return ft_bool_from(false);
        if (want_upper ? is_upper(c) : is_lower(c))
            cased = true;
    }
    return ft_bool_from(cased);
}

FtObject *
ft_bytes_method_islower(FtObject *self)
{
    return cased_predicate(self, false);
}

FtObject *
ft_bytes_method_isupper(FtObject *self)
{
    return cased_predicate(self, true);
}

FtObject *
ft_bytes_method_istitle(FtObject *self)
{
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    bool cased = false, prev_cased = false;
    for (Ft_ssize i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (is_upper(c)) {
            if (prev_cased)
                return ft_bool_from(false);
            prev_cased = cased = true;
        } else if (is_lower(c)) {
            if (!prev_cased)
                return ft_bool_from(false);
            prev_cased = cased = true;
        } else {
            prev_cased = false;
        }
    }
    return ft_bool_from(cased);
}

// hex, fromhex, decode, translate, maketrans.

FtObject *
ft_bytes_method_hex(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"sep", "bytes_per_sep"};
    static const char digits[] = "0123456789abcdef";
    FtObject *a[2];
    if (gather_args("hex", names, 2, args, nargs, kwnames, a) < 0)
        return NULL;
    Ft_ssize per = 1;
    char sep = 0;
    // As CPython: bytes_per_sep is parsed first, then sep's length, then its type.
    if (a[1] != NULL && c_int_arg(a[1], &per) < 0)
        return NULL;
    if (a[0] != NULL) {
        Ft_ssize m = ft_object_size(a[0]);
        if (m < 0)
            return NULL;
        if (m != 1)
            return ft_error_format(&ft_exc_value_error, "sep must be length 1.");
        unsigned int c;
        if (ft_str_check(a[0]))
            c = ft_str_read_char(a[0], 0);
        else if (ft_bytes_check(a[0]))
            c = (unsigned char)ft_bytes_data(a[0])[0];
        else
            return ft_error_format(&ft_exc_type_error, "sep must be str or bytes.");
        if (c >= 128)
            return ft_error_format(&ft_exc_value_error, "sep must be ASCII.");
        sep = (char)c;
    }
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    Ft_ssize abs_per = per < 0 ? -per : per;
    if (sep == 0 || per == 0 || n == 0)
        abs_per = 0;
    Ft_ssize nseps = abs_per == 0 ? 0 : (n - 1) / abs_per;
    Ft_ssize total = 2 * n + nseps;
    char *out = malloc((size_t)total + 1);
    if (out == NULL)
        return ft_error_no_memory();
    Ft_ssize o = 0;
    for (Ft_ssize i = 0; i < n; i++) {
        // A positive bytes_per_sep counts groups from the right, a negative one from the left.
        if (i > 0 && abs_per > 0 &&
            (per > 0 ? (n - i) % abs_per == 0 : i % abs_per == 0))
            out[o++] = sep;
        out[o++] = digits[(unsigned char)s[i] >> 4];
        out[o++] = digits[(unsigned char)s[i] & 15];
    }
    out[o] = '\0';
    FtObject *res = ft_str_from_utf8_ref(out, o);
    free(out);
    return res;
}

static int
hex_digit(unsigned char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

char *
ft_bytes_parse_hex(FtObject *arg, Ft_ssize *size)
{
    if (ft_memoryview_needs_snapshot("fromhex", 0, NULL, arg)) {
        // A bytearray is read from a copy (no section held here), a memoryview from its bytes.
        FtObject *snap = ft_memoryview_snapshot_arg_ref("fromhex", 0, NULL, arg);
        if (snap == NULL)
            return NULL;
        char *res = ft_bytes_parse_hex(snap, size);
        ft_decref(snap);
        return res;
    }
    const char *s;
    Ft_ssize n;
    if (ft_str_check(arg)) {
        s = ft_str_as_utf8(arg, &n);
    } else if (!ft_bytes_view(arg, &s, &n)) {
        ft_error_format(&ft_exc_type_error, "fromhex() argument must be str or bytes-like, not %.100s",
                        arg->ob_type->tp_name);
        return NULL;
    }
    char *out = malloc((size_t)n / 2 + 1);
    if (out == NULL) {
        ft_error_no_memory();
        return NULL;
    }
    Ft_ssize o = 0, i = 0;
    for (;;) {
        while (i < n && is_ascii_space((unsigned char)s[i]))
            i++;
        if (i >= n)
            break;
        int hi = hex_digit((unsigned char)s[i]);
        int lo = i + 1 < n ? hex_digit((unsigned char)s[i + 1]) : -1;
        if (hi < 0 || lo < 0) {
            // The position counts code points of a str (the UTF-8 prefix's lead bytes).
            Ft_ssize bad = hi < 0 ? i : i + 1;
            if (hi >= 0 && i + 1 >= n) {
                free(out);
                ft_error_format(&ft_exc_value_error,
                                "fromhex() arg must contain an even number of hexadecimal "
                                "digits");
                return NULL;
            }
            Ft_ssize pos = bad;
            if (ft_str_check(arg)) {
                pos = 0;
                for (Ft_ssize k = 0; k < bad; k++)
                    pos += ((unsigned char)s[k] & 0xC0) != 0x80;
            }
            free(out);
            ft_error_format(&ft_exc_value_error,
                            "non-hexadecimal number found in fromhex() arg at position %zd", pos);
            return NULL;
        }
        out[o++] = (char)(hi * 16 + lo);
        i += 2;
    }
    *size = o;
    return out;
}

FtObject *
ft_bytes_method_decode(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"encoding", "errors"};
    FtObject *a[2];
    if (gather_args("decode", names, 2, args, nargs, kwnames, a) < 0)
        return NULL;
    const char *enc = "utf-8", *errs = "strict";
    for (int k = 0; k < 2; k++) {
        if (a[k] == NULL)
            continue;
        if (!ft_str_check(a[k]))
            return ft_error_format(&ft_exc_type_error, "decode() argument '%s' must be str, not %.50s",
                                   names[k],
                                   ft_object_is_none(a[k]) ? "None" : a[k]->ob_type->tp_name);
        if (ft_str_check_utf8_arg(a[k]) < 0)
            return NULL;
        if (k == 0)
            enc = ft_str_as_utf8(a[k], NULL);
        else
            errs = ft_str_as_utf8(a[k], NULL);
    }
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    return ft_str_decode_ref(s, n, enc, errs);
}

FtObject *
ft_bytes_method_translate(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"table", "delete"};
    FtObject *a[2];
    if (nargs < 1)   // table is positional-only
        return ft_error_format(&ft_exc_type_error,
                               "translate() takes at least 1 positional argument (0 given)");
    if (gather_args("translate", names, 2, args, nargs, kwnames, a) < 0)
        return NULL;
    const char *table = NULL, *del = NULL;
    Ft_ssize ntable = 0, ndel = 0;
    if (!ft_object_is_none(a[0])) {
        if (buffer_arg(a[0], &table, &ntable) < 0)
            return NULL;
        if (ntable != 256)
            return ft_error_format(&ft_exc_value_error,
                                   "translation table must be 256 characters long");
    }
    if (a[1] != NULL && buffer_arg(a[1], &del, &ndel) < 0)
        return NULL;
    bool drop[256] = {false};
    for (Ft_ssize k = 0; k < ndel; k++)
        drop[(unsigned char)del[k]] = true;
    const char *s;
    Ft_ssize n;
    view_self(self, &s, &n);
    char *out = malloc((size_t)n + 1);
    if (out == NULL)
        return ft_error_no_memory();
    Ft_ssize o = 0;
    bool changed = false;
    for (Ft_ssize i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (drop[c]) {
            changed = true;
            continue;
        }
        out[o] = table != NULL ? table[c] : (char)c;
        changed |= out[o] != (char)c;
        o++;
    }
    FtObject *res = changed ? new_like(self, out, o) : self_or_copy(self, s, n);
    free(out);
    return res;
}

FtObject *
ft_bytes_method_maketrans(FtObject *cls, FtObject *const *args, Ft_ssize nargs)
{
    (void)cls;
    if (check_nargs("maketrans", nargs, 2, 2) < 0)
        return NULL;
    // Snapshots: a bytearray argument is read outside its section.
    FtObject *snap[2] = {ft_memoryview_snapshot_arg_ref("maketrans", 0, NULL, args[0]), NULL};
    if (snap[0] != NULL)
        snap[1] = ft_memoryview_snapshot_arg_ref("maketrans", 1, NULL, args[1]);
    FtObject *res = NULL;
    const char *frm, *to;
    Ft_ssize nfrm, nto;
    if (snap[1] == NULL || buffer_arg(snap[0], &frm, &nfrm) < 0 ||
        buffer_arg(snap[1], &to, &nto) < 0)
        goto done;
    if (nfrm != nto) {
        ft_error_format(&ft_exc_value_error, "maketrans arguments must have same length");
        goto done;
    }
    char table[256];
    for (int c = 0; c < 256; c++)
        table[c] = (char)c;
    for (Ft_ssize k = 0; k < nfrm; k++)
        table[(unsigned char)frm[k]] = to[k];
    res = ft_bytes_from_data_ref(table, 256);
done:
    ft_xdecref(snap[0]);
    ft_xdecref(snap[1]);
    return res;
}

// printf-style formatting (PEP 461).

// A growable byte buffer for the formatter (owned by the formatting call).
typedef struct {
    char *data;
    Ft_ssize len, cap;
} ByteBuf;

static int
buf_put(ByteBuf *b, const char *p, Ft_ssize n)
{
    if (n == 0)
        return 0;
    if (b->len + n > b->cap) {
        Ft_ssize cap = b->cap < 64 ? 64 : b->cap;
        while (cap < b->len + n)
            cap *= 2;
        char *grown = realloc(b->data, (size_t)cap);
        if (grown == NULL) {
            ft_error_no_memory();
            return -1;
        }
        b->data = grown;
        b->cap = cap;
    }
    memcpy(b->data + b->len, p, (size_t)n);
    b->len += n;
    return 0;
}

// Pads body to width (left-justified when left) with spaces. 0 or -1.
static int
buf_put_padded(ByteBuf *b, const char *body, Ft_ssize n, Ft_ssize width, bool left)
{
    Ft_ssize pad = width > n ? width - n : 0;
    for (Ft_ssize k = 0; !left && k < pad; k++) {
        if (buf_put(b, " ", 1) < 0)
            return -1;
    }
    if (buf_put(b, body, n) < 0)
        return -1;
    for (Ft_ssize k = 0; left && k < pad; k++) {
        if (buf_put(b, " ", 1) < 0)
            return -1;
    }
    return 0;
}

// The next positional argument (borrowed), or NULL with "not enough arguments".
static FtObject *
next_arg(FtObject *args, bool single, Ft_ssize *argi)
{
    Ft_ssize count = single ? 1 : ft_tuple_size(args);
    if (*argi >= count) {
        ft_error_set_string(&ft_exc_type_error, "not enough arguments for format string");
        return NULL;
    }
    return single ? ((*argi)++, args) : ft_tuple_get_item_borrow(args, (*argi)++);
}

// One numeric conversion (d i u o x X e E f F g G) of v with printf flags (a NUL-terminated
// subset of "-+ #0"), width and precision (-1: absent), appended to b as CPython's bytes formatting
// does: through the format-spec mini-language of the value libraries. 0 or -1.
static int
format_number(ByteBuf *b, const char *flags, Ft_ssize width, Ft_ssize prec, char conv,
              FtObject *v)
{
    bool is_float_conv = strchr("eEfFgG", conv) != NULL;
    bool is_int = ft_int_check(v), is_float = ft_float_check(v);
    if (is_float_conv && !is_int && !is_float) {
        ft_error_format(&ft_exc_type_error, "float argument required, not %.200s",
                        v->ob_type->tp_name);
        return -1;
    }
    if (!is_float_conv && !is_int && (!is_float || strchr("oxX", conv) != NULL)) {
        ft_error_format(&ft_exc_type_error, "%%%c format: %s is required, not %.200s", conv,
                        strchr("oxX", conv) != NULL ? "an integer" : "a real number",
                        v->ob_type->tp_name);
        return -1;
    }
    // The spec: [<][sign][#][0][width][.prec]type ('-' wins over '0', as printf). An integer
    // precision (minimum digits) is applied below instead, with the width after it.
    bool int_prec = !is_float_conv && prec >= 0;
    Ft_ssize full_width = width;
    if (int_prec)
        width = -1;
    char spec[64];
    int sl = 0;
    bool left = strchr(flags, '-') != NULL;
    if (left && width > 0)
        spec[sl++] = '<';
    if (strchr(flags, '+') != NULL)
        spec[sl++] = '+';
    else if (strchr(flags, ' ') != NULL)
        spec[sl++] = ' ';
    if (strchr(flags, '#') != NULL)
        spec[sl++] = '#';
    if (strchr(flags, '0') != NULL && !left && width > 0)
        spec[sl++] = '0';
    if (width > 0)
        sl += snprintf(spec + sl, sizeof spec - (size_t)sl, "%zd", width);
    if (is_float_conv)
        sl += snprintf(spec + sl, sizeof spec - (size_t)sl, ".%zd", prec >= 0 ? prec : 6);
    spec[sl++] = conv == 'i' || conv == 'u' ? 'd' : conv;
    spec[sl] = '\0';
    FtNumError err = {0};
    size_t outlen = 0;
    char *out;
    if (is_float_conv) {
        double d = is_float ? ft_float_value(v) : ft_float_as_double(v);
        if (!is_float && d == -1.0 && ft_error_occurred())
            return -1;
        out = ft_float_format(d, spec, (size_t)sl, &outlen, &err);
    } else if (is_int) {
        out = ft_bigint_format(ft_int_value_borrow(v), spec, (size_t)sl, 0, &outlen, &err);
    } else {
        FtBigInt t;
        if (ft_bigint_from_double(&t, ft_float_value(v), &err) < 0) {
            ft_int_raise_num_error(&err);
            return -1;
        }
        out = ft_bigint_format(&t, spec, (size_t)sl, 0, &outlen, &err);
        ft_bigint_clear(&t);
    }
    if (out == NULL) {
        ft_int_raise_num_error(&err);
        return -1;
    }
    int r;
    if (!int_prec) {
        r = buf_put(b, out, (Ft_ssize)outlen);
    } else {
        // sign, "0x"-style prefix, digits zero-padded to prec, then the width.
        Ft_ssize head = strchr("+- ", out[0]) != NULL ? 1 : 0;
        if (strchr(flags, '#') != NULL && strchr("oxX", conv) != NULL)
            head += 2;
        Ft_ssize ndigits = (Ft_ssize)outlen - head;
        Ft_ssize zeros = prec > ndigits ? prec - ndigits : 0;
        Ft_ssize body = (Ft_ssize)outlen + zeros;
        Ft_ssize pad = full_width > body ? full_width - body : 0;
        bool zero_fill = strchr(flags, '0') != NULL && !left;
        if (zero_fill) {
            zeros += pad;
            pad = 0;
        }
        r = 0;
        for (Ft_ssize k = 0; r == 0 && !left && k < pad; k++)
            r = buf_put(b, " ", 1);
        if (r == 0)
            r = buf_put(b, out, head);
        for (Ft_ssize k = 0; r == 0 && k < zeros; k++)
            r = buf_put(b, "0", 1);
        if (r == 0)
            r = buf_put(b, out + head, ndigits);
        for (Ft_ssize k = 0; r == 0 && left && k < pad; k++)
            r = buf_put(b, " ", 1);
    }
    ft_format_free(out);
    return r;
}

FtObject *
ft_bytes_percent_format_ref(FtObject *self, FtObject *args)
{
    // The format is read from a snapshot: formatting runs Python code (repr, __getitem__).
    FtObject *fmt = ft_bytearray_check(self) ? ft_bytearray_to_bytes_ref(self) : ft_new_ref(self);
    if (fmt == NULL)
        return NULL;
    const char *s = ft_bytes_data(fmt);
    Ft_ssize n = ft_bytes_size(fmt);
    bool single = !ft_tuple_check(args);
    FtObject *dict = NULL;
    if (args->ob_type->tp_as_mapping != NULL && args->ob_type->tp_as_mapping->mp_subscript != NULL &&
        !ft_tuple_check(args) && !ft_bytes_check(args) && !ft_str_check(args) &&
        !ft_bytearray_check(args))
        dict = args;
    ByteBuf b = {NULL, 0, 0};
    Ft_ssize argi = 0;
    bool used_key = false;
    FtObject *res = NULL;
    for (Ft_ssize i = 0; i < n;) {
        if (s[i] != '%') {
            Ft_ssize j = i;
            while (j < n && s[j] != '%')
                j++;
            if (buf_put(&b, s + i, j - i) < 0)
                goto done;
            i = j;
            continue;
        }
        i++;   // the %
        FtObject *arg = NULL, *keyed = NULL;
        if (i < n && s[i] == '(') {
            Ft_ssize depth = 1, k0 = ++i;
            while (i < n && depth > 0) {
                depth += s[i] == '(' ? 1 : s[i] == ')' ? -1 : 0;
                i++;
            }
            if (depth > 0) {
                ft_error_set_string(&ft_exc_value_error, "incomplete format key");
                goto done;
            }
            if (dict == NULL) {
                ft_error_set_string(&ft_exc_type_error, "format requires a mapping");
                goto done;
            }
            FtObject *key = ft_bytes_from_data_ref(s + k0, i - 1 - k0);
            keyed = key != NULL ? dict->ob_type->tp_as_mapping->mp_subscript(dict, key) : NULL;
            ft_xdecref(key);
            if (keyed == NULL)
                goto done;
            used_key = true;
        }
        bool left = false;
        char flags[8] = {0};
        int nflags = 0;
        while (i < n && strchr("-+ #0", s[i]) != NULL) {
            left |= s[i] == '-';
            if (nflags < 7 && strchr(flags, s[i]) == NULL)
                flags[nflags++] = s[i];
            flags[nflags] = '\0';
            i++;
        }
        Ft_ssize width = -1, prec = -1;
        for (int part = 0; part < 2; part++) {
            Ft_ssize *out = part == 0 ? &width : &prec;
            if (part == 1) {
                if (i >= n || s[i] != '.')
                    break;
                i++;
                *out = 0;
            }
            if (i < n && s[i] == '*') {
                i++;
                FtObject *w = next_arg(args, single, &argi);
                if (w == NULL || !ft_int_check(w)) {
                    if (w != NULL || !ft_error_occurred())
                        ft_error_set_string(&ft_exc_type_error, "* wants int");
                    ft_xdecref(keyed);
                    goto done;
                }
                *out = (Ft_ssize)ft_int_as_int64(w, NULL);
                if (part == 0 && *out < 0) {
                    left = true;
                    *out = -*out;
                }
                if (part == 1 && *out < 0)
                    *out = 0;
            } else {
                while (i < n && s[i] >= '0' && s[i] <= '9') {
                    *out = (*out < 0 ? 0 : *out) * 10 + (s[i] - '0');
                    i++;
                }
            }
        }
        if (left && strchr(flags, '-') == NULL && nflags < 7) {   // a negative '*' width
            flags[nflags++] = '-';
            flags[nflags] = '\0';
        }
        while (i < n && (s[i] == 'h' || s[i] == 'l' || s[i] == 'L'))
            i++;
        if (i >= n) {
            ft_error_set_string(&ft_exc_value_error, "incomplete format");
            ft_xdecref(keyed);
            goto done;
        }
        char conv = s[i++];
        if (conv == '%') {
            ft_xdecref(keyed);
            if (buf_put(&b, "%", 1) < 0)
                goto done;
            continue;
        }
        if (strchr("sbrac" "diuoxXeEfFgG", conv) == NULL) {
            ft_error_format(&ft_exc_value_error,
                            "unsupported format character '%c' (0x%x) at index %zd",
                            (unsigned char)conv, (unsigned char)conv, i - 1);
            ft_xdecref(keyed);
            goto done;
        }
        // After a %(key) lookup the positional arguments are exhausted (CPython's argidx reset).
        if (keyed == NULL && used_key)
            argi = single ? 1 : ft_tuple_size(args);
        arg = keyed != NULL ? keyed : next_arg(args, single, &argi);
        if (arg == NULL)
            goto done;
        int r = 0;
        if (conv == 's' || conv == 'b') {
            FtObject *snap = NULL;
            const char *p;
            Ft_ssize m;
            if (ft_bytearray_check(arg)) {
                snap = ft_bytearray_to_bytes_ref(arg);
                r = snap == NULL ? -1 : 0;
                p = snap != NULL ? ft_bytes_data(snap) : NULL;
                m = snap != NULL ? ft_bytes_size(snap) : 0;
            } else if (ft_memoryview_check(arg)) {
                snap = ft_memoryview_to_bytes_ref(arg);
                r = snap == NULL ? -1 : 0;
                p = snap != NULL ? ft_bytes_data(snap) : NULL;
                m = snap != NULL ? ft_bytes_size(snap) : 0;
            } else if (ft_bytes_check(arg)) {
                p = ft_bytes_data(arg);
                m = ft_bytes_size(arg);
            } else {
                // TODO(#4): __bytes__.
                ft_error_format(&ft_exc_type_error,
                                "%%b requires a bytes-like object, or an object that implements "
                                "__bytes__, not '%.100s'", arg->ob_type->tp_name);
                r = -1;
                p = NULL;
                m = 0;
            }
            if (r == 0)
                r = buf_put_padded(&b, p, prec >= 0 && prec < m ? prec : m, width, left);
            ft_xdecref(snap);
        } else if (conv == 'r' || conv == 'a') {
            FtObject *rep = ft_object_repr_ref(arg);
            Ft_ssize m = 0;
            char *enc = rep != NULL ? ft_str_encode(rep, "ascii", "backslashreplace", &m) : NULL;
            ft_xdecref(rep);
            r = enc == NULL ? -1
                            : buf_put_padded(&b, enc, prec >= 0 && prec < m ? prec : m, width, left);
            free(enc);
        } else if (conv == 'c') {
            char c;
            const char *p;
            Ft_ssize m;
            if (ft_int_check(arg)) {
                bool ok = true;
                int64_t v = ft_int_as_int64(arg, &ok);
                if (!ok)
                    ft_error_clear();
                if (!ok || v < 0 || v > 255) {
                    ft_error_set_string(&ft_exc_overflow_error, "%c arg not in range(256)");
                    r = -1;
                }
                c = (char)v;
            } else if (ft_bytes_check(arg) && ft_bytes_size(arg) == 1) {
                c = ft_bytes_data(arg)[0];
            } else if (ft_bytes_view(arg, &p, &m) && ft_bytes_check(arg)) {
                ft_error_format(&ft_exc_type_error,
                                "%%c requires an integer in range(256) or a single byte, not a "
                                "bytes object of length %zd", m);
                r = -1;
                c = 0;
            } else if (ft_bytearray_check(arg)) {
                FtObject *snap = ft_bytearray_to_bytes_ref(arg);
                r = snap == NULL ? -1 : 0;
                c = 0;
                if (snap != NULL && ft_bytes_size(snap) == 1) {
                    c = ft_bytes_data(snap)[0];
                } else if (snap != NULL) {
                    ft_error_format(&ft_exc_type_error,
                                    "%%c requires an integer in range(256) or a single byte, not "
                                    "a bytearray object of length %zd", ft_bytes_size(snap));
                    r = -1;
                }
                ft_xdecref(snap);
            } else {
                ft_error_format(&ft_exc_type_error,
                                "%%c requires an integer in range(256) or a single byte, not %.100s",
                                arg->ob_type->tp_name);
                r = -1;
                c = 0;
            }
            if (r == 0)
                r = buf_put_padded(&b, &c, 1, width, left);
        } else {
            r = format_number(&b, flags, width, prec, conv, arg);
        }
        ft_xdecref(keyed);
        if (r < 0)
            goto done;
    }
    if (!used_key && dict == NULL && argi < (single ? 1 : ft_tuple_size(args))) {
        ft_error_set_string(&ft_exc_type_error,
                            "not all arguments converted during bytes formatting");
        goto done;
    }
    res = new_like(self, b.data != NULL ? b.data : "", b.len);
done:
    free(b.data);
    ft_decref(fmt);
    return res;
}

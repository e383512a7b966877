// objects/bytes.c: bytes (CPython's Objects/bytesobject.c): representation, construction, hash,
// comparison, repr, the sequence slots, iteration and the method table (the shared methods live in
// objects/bytes_methods.c).
//
// Layout: FtBytesObject header (ob_size, cached hash) followed by ob_size bytes and a NUL.
// Invariants: after publication the bytes never change; the empty bytes and the 256 one-byte
// objects are immortal singletons created by ft_bytes_init_types.
//
// Concurrency:
//   data, size, repr, compare, contains, item    lock-free (immutable after publication)
//   hash cache                                   relaxed atomic (every thread computes the same)
//   construction                                 unpublished, owner thread only (_unlocked)
//   bytearray arguments                          copied under their own section first (snapshots)
//
// Missing (TODO(#4)): the buffer protocol of exporters other than bytearray and memoryview.
#include <stdlib.h>   // malloc free
#include <string.h>   // memcpy memcmp memset

#include "objects/bytes.h"

#include "objects/abstract.h"      // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/bytearray.h"     // ft_bytearray_*
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/int.h"           // ft_int_* ft_bool_from
#include "objects/list.h"          // ft_list_* (bytes(list))
#include "objects/memoryview.h"    // ft_memoryview_* (snapshots, __buffer__)
#include "objects/method_def.h"    // FtMethodDef FT_METH_*
#include "objects/object.h"        // ft_object_* FT_VAR_OBJECT_HEAD_INIT
#include "objects/slice.h"         // ft_slice_*
#include "objects/str.h"           // ft_str_*
#include "objects/str_methods.h"   // ft_str_encode ft_str_check_utf8_arg
#include "objects/tuple.h"         // ft_tuple_*
#include "objects/type.h"          // ft_type_ready
#include "runtime/refcount.h"      // ft_object_set_immortal
#include "sync/atomic.h"           // ft_atomic_*_ssize_relaxed

static FtObject *empty_bytes;          // immortal, set once at start-up
static FtObject *single_bytes[256];    // immortal, set once at start-up

/* --- Internal API --- */

FtObject *
ft_bytes_new_uninit_ref(Ft_ssize size)
{
    if (size < 0) {
        ft_error_bad_internal_call();
        return NULL;
    }
    if (size > (Ft_ssize)(PTRDIFF_MAX - sizeof(FtBytesObject) - 1))
        return ft_error_format(&ft_exc_overflow_error, "byte string is too large");
    FtBytesObject *b = (FtBytesObject *)ft_object_new_sized(
        &ft_bytes_type, sizeof(FtBytesObject) + (size_t)size + 1);
    if (b == NULL)
        return NULL;
    b->ob_base.ob_size = size;
    b->hash = -1;   // unpublished: plain stores
    b->data[size] = '\0';
    return (FtObject *)b;
}

FtObject *
ft_bytes_from_data_ref(const char *data, Ft_ssize size)
{
    if (size == 0 && empty_bytes != NULL)
        return empty_bytes;
    if (size == 1 && data != NULL && single_bytes[(unsigned char)data[0]] != NULL)
        return single_bytes[(unsigned char)data[0]];
    FtObject *b = ft_bytes_new_uninit_ref(size);
    if (b == NULL)
        return NULL;
    if (data != NULL)
        memcpy(ft_bytes_data_unlocked(b), data, (size_t)size);
    else
        memset(ft_bytes_data_unlocked(b), 0, (size_t)size);
    return b;
}

int
ft_bytes_view(FtObject *op, const char **data, Ft_ssize *size)
{
    if (ft_bytes_check(op)) {
        *data = ft_bytes_data(op);
        *size = ft_bytes_size(op);
        return 1;
    }
    if (ft_bytearray_check(op)) {
        *data = ft_bytearray_data_lock_held(op, size);
        return 1;
    }
    return 0;
}

Ft_hash
ft_bytes_hash(FtObject *op)
{
    FtBytesObject *b = (FtBytesObject *)op;
    // relaxed: a cache of a pure function of immutable bytes.
    Ft_hash h = ft_atomic_load_ssize_relaxed(&b->hash);
    if (h != -1)
        return h;
    h = ft_hash_bytes(b->data, (size_t)ft_bytes_size(op));
    // relaxed: see the load above.
    ft_atomic_store_ssize_relaxed(&b->hash, h);
    return h;
}

FtObject *
ft_bytes_repr_data_ref(const char *data, Ft_ssize size, const char *prefix, const char *suffix)
{
    // bytearray's repr escapes every single quote, even inside double quotes (as CPython's).
    bool bytearray_style = prefix[0] != '\0';
    static const char hex[] = "0123456789abcdef";
    // Single quotes unless the data holds a ' and no ".
    char quote = memchr(data, '\'', (size_t)size) != NULL && memchr(data, '"', (size_t)size) == NULL
                     ? '"' : '\'';
    size_t plen = strlen(prefix), slen = strlen(suffix);
    if (size > (Ft_ssize)((PTRDIFF_MAX - 8 - plen - slen) / 4))
        return ft_error_format(&ft_exc_overflow_error, "bytes object is too large to make repr");
    char *out = malloc(plen + slen + 4 + (size_t)size * 4);
    if (out == NULL)
        return ft_error_no_memory();
    size_t o = plen;
    memcpy(out, prefix, plen);
    out[o++] = 'b';
    out[o++] = quote;
    for (Ft_ssize i = 0; i < size; i++) {
        unsigned char c = (unsigned char)data[i];
        if (c == quote || c == '\\' || (c == '\'' && bytearray_style)) {
            out[o++] = '\\';
            out[o++] = (char)c;
        } else if (c == '\t') {
            out[o++] = '\\';
            out[o++] = 't';
        } else if (c == '\n') {
            out[o++] = '\\';
            out[o++] = 'n';
        } else if (c == '\r') {
            out[o++] = '\\';
            out[o++] = 'r';
        } else if (c < ' ' || c >= 0x7f) {
            out[o++] = '\\';
            out[o++] = 'x';
            out[o++] = hex[c >> 4];
            out[o++] = hex[c & 15];
        } else {
            out[o++] = (char)c;
        }
    }
    out[o++] = quote;
    memcpy(out + o, suffix, slen);
    o += slen;
    FtObject *res = ft_str_from_utf8_ref(out, (Ft_ssize)o);
    free(out);
    return res;
}

FtObject *
ft_bytes_compare_data(const char *a, Ft_ssize na, const char *b, Ft_ssize nb, int op)
{
    if ((op == FT_EQ || op == FT_NE) && na != nb)
        return ft_bool_from(op == FT_NE);
    Ft_ssize n = na < nb ? na : nb;
    int c = n > 0 ? memcmp(a, b, (size_t)n) : 0;
    if (c == 0)
        c = na < nb ? -1 : na > nb ? 1 : 0;
    switch (op) {
    case FT_LT: return ft_bool_from(c < 0);
    case FT_LE: return ft_bool_from(c <= 0);
    case FT_EQ: return ft_bool_from(c == 0);
    case FT_NE: return ft_bool_from(c != 0);
    case FT_GT: return ft_bool_from(c > 0);
    default: return ft_bool_from(c >= 0);
    }
}

// One int of an iterable: a byte value, or -1 with CPython's bytes() errors.
static int
byte_from_item(FtObject *item, const char *range_msg)
{
    if (!ft_int_check(item)) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                        item->ob_type->tp_name);
        return -1;
    }
    bool ok = true;
    int64_t v = ft_int_as_int64(item, &ok);
    if (!ok)
        ft_error_clear();
    if (!ok || v < 0 || v > 255) {
        ft_error_set_string(&ft_exc_value_error, range_msg);
        return -1;
    }
    return (int)v;
}

// Collects the ints of an iterator (buf grows by doubling). 0 or -1.
static int
collect_from_iterator(FtObject *it, char **out, Ft_ssize *size)
{
    Ft_ssize n = 0, cap = 16;
    char *buf = malloc((size_t)cap);
    if (buf == NULL) {
        ft_error_no_memory();
        return -1;
    }
    for (;;) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r == 0)
            break;
        int v = r < 0 ? -1 : byte_from_item(item, "bytes must be in range(0, 256)");
        if (r > 0)
            ft_decref(item);
        if (v < 0) {
            free(buf);
            return -1;
        }
        if (n == cap) {
            char *grown = cap > PTRDIFF_MAX / 2 ? NULL : realloc(buf, (size_t)cap * 2);
            if (grown == NULL) {
                free(buf);
                ft_error_no_memory();
                return -1;
            }
            buf = grown;
            cap *= 2;
        }
        buf[n++] = (char)v;
    }
    *out = buf;
    *size = n;
    return 0;
}

int
ft_bytes_collect_ints(FtObject *iterable, char **out, Ft_ssize *size)
{
    FtObject *items;
    if (ft_tuple_check(iterable)) {
        items = ft_new_ref(iterable);
    } else if (ft_list_check(iterable)) {
        items = ft_list_as_tuple_ref(iterable);
        if (items == NULL)
            return -1;
    } else {
        FtObject *it = ft_object_get_iter_ref(iterable);
        if (it == NULL) {
            if (!ft_error_matches(&ft_exc_type_error))
                return -1;
            ft_error_clear();
            return -2;
        }
        int r = collect_from_iterator(it, out, size);
        ft_decref(it);
        return r;
    }
    Ft_ssize n = ft_tuple_size(items);
    char *buf = malloc((size_t)n + 1);
    if (buf == NULL) {
        ft_decref(items);
        ft_error_no_memory();
        return -1;
    }
    for (Ft_ssize i = 0; i < n; i++) {
        int v = byte_from_item(ft_tuple_get_item_borrow(items, i), "bytes must be in range(0, 256)");
        if (v < 0) {
            free(buf);
            ft_decref(items);
            return -1;
        }
        buf[i] = (char)v;
    }
    ft_decref(items);
    *out = buf;
    *size = n;
    return 0;
}

FtObject *
ft_bytes_from_object_ref(FtObject *x)
{
    if (ft_object_is_exact(x, &ft_bytes_type))
        return ft_new_ref(x);
    if (ft_bytes_check(x))
        return ft_bytes_from_data_ref(ft_bytes_data(x), ft_bytes_size(x));
    if (ft_bytearray_check(x))
        return ft_bytearray_to_bytes_ref(x);
    if (ft_memoryview_check(x))
        return ft_memoryview_to_bytes_ref(x);
    if (ft_str_check(x))
        return ft_error_format(&ft_exc_type_error, "cannot convert '%.200s' object to bytes",
                               x->ob_type->tp_name);
    char *buf;
    Ft_ssize n;
    int r = ft_bytes_collect_ints(x, &buf, &n);
    if (r == -2)
        return ft_error_format(&ft_exc_type_error, "cannot convert '%.200s' object to bytes",
                               x->ob_type->tp_name);
    if (r < 0)
        return NULL;
    FtObject *res = ft_bytes_from_data_ref(buf, n);
    free(buf);
    return res;
}

/* --- Slots --- */

static FtObject *
bytes_repr(FtObject *op)
{
    return ft_bytes_repr_data_ref(ft_bytes_data(op), ft_bytes_size(op), "", "");
}

static FtObject *
bytes_richcompare(FtObject *v, FtObject *w, int op)
{
    // bytes compares with bytes only; bytearray's slot handles mixed pairs (reflected).
    if (!ft_bytes_check(v) || !ft_bytes_check(w))
        return FT_NOT_IMPLEMENTED;
    return ft_bytes_compare_data(ft_bytes_data(v), ft_bytes_size(v), ft_bytes_data(w),
                                 ft_bytes_size(w), op);
}

static Ft_ssize
bytes_length(FtObject *op)
{
    return ft_bytes_size(op);
}

static FtObject *
bytes_item(FtObject *op, Ft_ssize i)
{
    if (i < 0 || i >= ft_bytes_size(op))
        return ft_error_format(&ft_exc_index_error, "index out of range");
    return ft_int_from_int64_ref((unsigned char)ft_bytes_data(op)[i]);
}

static FtObject *
bytes_subscript(FtObject *op, FtObject *key)
{
    if (ft_int_check(key)) {
        bool ok = true;
        int64_t i = ft_int_as_int64(key, &ok);
        if (!ok) {
            ft_error_clear();
            return ft_error_format(&ft_exc_index_error, "cannot fit 'int' into an index-sized integer");
        }
        if (i < 0)
            i += ft_bytes_size(op);
        return bytes_item(op, (Ft_ssize)i);
    }
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return NULL;
        Ft_ssize n = ft_slice_adjust_indices(ft_bytes_size(op), &start, &stop, step);
        if (step == 1)
            return n == ft_bytes_size(op) && ft_object_is_exact(op, &ft_bytes_type)
                       ? ft_new_ref(op) : ft_bytes_from_data_ref(ft_bytes_data(op) + start, n);
        FtObject *res = ft_bytes_new_uninit_ref(n);
        if (res == NULL)
            return NULL;
        for (Ft_ssize k = 0; k < n; k++)
            ft_bytes_data_unlocked(res)[k] = ft_bytes_data(op)[start + k * step];
        return res;
    }
    if (key->ob_type->tp_as_number != NULL && key->ob_type->tp_as_number->nb_index != NULL) {
        FtObject *index = ft_number_index_ref(key);   // an int: the branch above takes it
        if (index == NULL)
            return NULL;
        FtObject *res = bytes_subscript(op, index);
        ft_decref(index);
        return res;
    }
    return ft_error_format(&ft_exc_type_error, "byte indices must be integers or slices, not %.200s",
                           key->ob_type->tp_name);
}

static int
bytes_contains(FtObject *op, FtObject *value)
{
    if (ft_bytearray_check(value) || ft_memoryview_check(value)) {
        FtObject *snap = ft_memoryview_snapshot_arg_ref("__contains__", 0, NULL, value);
        if (snap == NULL)
            return -1;
        int r = ft_bytes_contains_view(ft_bytes_data(op), ft_bytes_size(op), snap);
        ft_decref(snap);
        return r;
    }
    return ft_bytes_contains_view(ft_bytes_data(op), ft_bytes_size(op), value);
}

static FtObject *
bytes_concat(FtObject *a, FtObject *b)
{
    const char *pa, *pb;
    Ft_ssize na, nb;
    if (!ft_bytes_check(a) || !ft_bytes_check(b)) {
        if (ft_bytes_check(a) && (ft_bytearray_check(b) || ft_memoryview_check(b))) {
            // bytes + bytearray (or memoryview) is a bytes: snapshot b (under its section).
            FtObject *snap = ft_memoryview_snapshot_arg_ref("__add__", 0, NULL, b);
            if (snap == NULL && ft_error_matches(&ft_exc_buffer_error)) {
                ft_error_clear();
                return ft_error_format(&ft_exc_type_error, "can't concat %.100s to %.100s",
                                       b->ob_type->tp_name, a->ob_type->tp_name);
            }
            if (snap == NULL)
                return NULL;
            FtObject *res = bytes_concat(a, snap);
            ft_decref(snap);
            return res;
        }
        FtObject *bad = ft_bytes_check(a) ? b : a;
        return ft_error_format(&ft_exc_type_error, "can't concat %.100s to %.100s",
                               bad->ob_type->tp_name, a->ob_type->tp_name);
    }
    pa = ft_bytes_data(a);
    na = ft_bytes_size(a);
    pb = ft_bytes_data(b);
    nb = ft_bytes_size(b);
    if (nb == 0 && ft_object_is_exact(a, &ft_bytes_type))
        return ft_new_ref(a);
    if (na == 0 && ft_object_is_exact(b, &ft_bytes_type))
        return ft_new_ref(b);
    if (na > PTRDIFF_MAX - 64 - nb)
        return ft_error_no_memory();
    FtObject *res = ft_bytes_new_uninit_ref(na + nb);
    if (res == NULL)
        return NULL;
    memcpy(ft_bytes_data_unlocked(res), pa, (size_t)na);
    memcpy(ft_bytes_data_unlocked(res) + na, pb, (size_t)nb);
    return res;
}

static FtObject *
bytes_repeat(FtObject *op, Ft_ssize count)
{
    Ft_ssize n = ft_bytes_size(op);
    if (count < 0)
        count = 0;
    if (count == 1 && ft_object_is_exact(op, &ft_bytes_type))
        return ft_new_ref(op);
    if (n > 0 && count > (PTRDIFF_MAX - 64) / n)
        return ft_error_no_memory();
    Ft_ssize total = n * count;
    if (total == 0)
        return ft_bytes_from_data_ref(NULL, 0);
    FtObject *res = ft_bytes_new_uninit_ref(total);
    if (res == NULL)
        return NULL;
    char *out = ft_bytes_data_unlocked(res);
    if (n == 1) {
        memset(out, ft_bytes_data(op)[0], (size_t)total);
        return res;
    }
    for (Ft_ssize k = 0; k < count; k++)
        memcpy(out + k * n, ft_bytes_data(op), (size_t)n);
    return res;
}

static const char *const new_kwlist[] = {"source", "encoding", "errors"};

static FtObject *bytes_new_exact(FtObject *const *args, size_t nargsf, FtObject *kwnames);

static FtObject *
bytes_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtObject *res = bytes_new_exact(args, nargsf, kwnames);
    if (res == NULL || type == &ft_bytes_type)
        return res;
    // A subclass instance holding a copy of the bytes (unpublished: plain stores).
    Ft_ssize n = ft_bytes_size(res);
    FtBytesObject *sub =
        (FtBytesObject *)ft_object_new_sized(type, (size_t)type->tp_basicsize + (size_t)n + 1);
    if (sub != NULL) {
        sub->ob_base.ob_size = n;
        sub->hash = -1;
        memcpy(sub->data, ft_bytes_data(res), (size_t)n + 1);
    }
    ft_decref(res);
    return (FtObject *)sub;
}

// bytes(...) with the arguments of bytes_new, always an exact bytes.
static FtObject *
bytes_new_exact(FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 3)
        return ft_error_format(&ft_exc_type_error, "bytes() takes at most 3 arguments (%zd given)",
                               nargs + nkw);
    FtObject *a[3] = {NULL, NULL, NULL};
    for (Ft_ssize i = 0; i < nargs; i++)
        a[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int found = -1;
        for (int i = 0; i < 3; i++) {
            if (ft_str_equal_cstr(key, new_kwlist[i]))
                found = i;
        }
        if (found < 0)
            return ft_error_format(&ft_exc_type_error,
                                   "bytes() got an unexpected keyword argument '%U'", key);
        if (a[found] != NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "argument for bytes() given by name ('%s') and position (%d)",
                                   new_kwlist[found], found + 1);
        a[found] = args[nargs + k];
    }
    for (int i = 1; i < 3; i++) {
        if (a[i] != NULL && !ft_str_check(a[i]))
            return ft_error_format(&ft_exc_type_error,
                                   "bytes() argument '%s' must be str, not %.50s", new_kwlist[i],
                                   ft_object_is_none(a[i]) ? "None" : a[i]->ob_type->tp_name);
        if (a[i] != NULL && ft_str_check_utf8_arg(a[i]) < 0)
            return NULL;
    }
    FtObject *x = a[0];
    if (x == NULL) {
        if (a[1] != NULL || a[2] != NULL)
            return ft_error_format(&ft_exc_type_error, a[1] != NULL
                                   ? "encoding without a string argument"
                                   : "errors without a string argument");
        return ft_bytes_from_data_ref(NULL, 0);
    }
    if (a[1] != NULL || a[2] != NULL) {
        if (!ft_str_check(x))
            return ft_error_format(&ft_exc_type_error, a[1] != NULL
                                   ? "encoding without a string argument"
                                   : "errors without a string argument");
        Ft_ssize n;
        char *enc = ft_str_encode(x, a[1] != NULL ? ft_str_as_utf8(a[1], NULL) : "utf-8",
                                  a[2] != NULL ? ft_str_as_utf8(a[2], NULL) : "strict", &n);
        if (enc == NULL)
            return NULL;
        FtObject *res = ft_bytes_from_data_ref(enc, n);
        free(enc);
        return res;
    }
    FtObject *conv;
    int found = ft_object_lookup_special(x, "__bytes__", &conv);
    if (found < 0)
        return NULL;
    if (found > 0) {
        FtObject *res = ft_object_call_no_args_ref(conv);
        ft_decref(conv);
        if (res == NULL || ft_object_is_exact(res, &ft_bytes_type))
            return res;
        if (!ft_bytes_check(res)) {
            ft_error_format(&ft_exc_type_error, "__bytes__ returned non-bytes (type %.200s)",
                            res->ob_type->tp_name);
            ft_decref(res);
            return NULL;
        }
        FtObject *exact = ft_bytes_from_data_ref(ft_bytes_data(res), ft_bytes_size(res));
        ft_decref(res);
        return exact;
    }
    if (ft_str_check(x))
        return ft_error_format(&ft_exc_type_error, "string argument without an encoding");
    if (ft_int_check(x)) {
        bool ok = true;
        int64_t n = ft_int_as_int64(x, &ok);
        if (!ok) {
            ft_error_clear();
            return ft_error_format(&ft_exc_overflow_error,
                                   "cannot fit 'int' into an index-sized integer");
        }
        if (n < 0)
            return ft_error_format(&ft_exc_value_error, "negative count");
        return ft_bytes_from_data_ref(NULL, (Ft_ssize)n);
    }
    // TODO(#4): the buffer protocol of other exporters before iteration.
    return ft_bytes_from_object_ref(x);
}

/* --- The iterator --- */

// iter(b): yields each byte as an int. Several threads may share one iterator: each position is
// claimed by one atomic increment, so every byte is yielded exactly once.
typedef struct {
    FtObject ob_base;
    FtObject *bytes;   // immutable after publish: a strong reference
    Ft_ssize index;    // atomic: the next position to claim (may run past the length)
} BytesIterObject;

static FtObject *
bytes_iter(FtObject *op)
{
    BytesIterObject *it = (BytesIterObject *)ft_object_new_of_type(&ft_bytes_iterator_type, 0);
    if (it == NULL)
        return NULL;
    it->bytes = ft_new_ref(op);
    it->index = 0;
    return (FtObject *)it;
}

static void
bytes_iter_dealloc(FtObject *op)
{
    ft_decref(((BytesIterObject *)op)->bytes);
    ft_object_free_memory(op);
}

static FtObject *
bytes_iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
bytes_iter_next(FtObject *op)
{
    BytesIterObject *it = (BytesIterObject *)op;
    Ft_ssize n = ft_bytes_size(it->bytes);
    // relaxed: keeps an exhausted iterator's index from growing; the claim below decides.
    if (ft_atomic_load_ssize_relaxed(&it->index) >= n)
        return NULL;
    // relaxed: the bytes are immutable, so the claimed index orders nothing else.
    Ft_ssize i = ft_atomic_add_ssize_relaxed(&it->index, 1);
    if (i >= n)
        return NULL;
    return ft_int_from_int64_ref((unsigned char)ft_bytes_data(it->bytes)[i]);
}

FtTypeObject ft_bytes_iterator_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "bytes_iterator",
    .tp_basicsize = sizeof(BytesIterObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = bytes_iter_dealloc,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = bytes_iter_self,
    .tp_iternext = bytes_iter_next,
};

/* --- Methods --- */

static FtObject *
bytes_fromhex(FtObject *cls, FtObject *arg)
{
    Ft_ssize n;
    char *buf = ft_bytes_parse_hex(arg, &n);
    if (buf == NULL)
        return NULL;
    FtObject *res = ft_bytes_from_data_ref(buf, n);
    free(buf);
    if (res == NULL || cls == (FtObject *)&ft_bytes_type)
        return res;
    // A subclass: cls(bytes), as CPython's bytes.fromhex.
    FtObject *sub = ft_object_vectorcall_ref(cls, &res, 1, NULL);
    ft_decref(res);
    return sub;
}

static FtObject *
bytes_getnewargs(FtObject *self)
{
    FtObject *copy = ft_bytes_from_data_ref(ft_bytes_data(self), ft_bytes_size(self));
    if (copy == NULL)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(1, copy);
    ft_decref(copy);
    return res;
}

static FtObject *
bytes_bytes(FtObject *self)
{
    return ft_bytes_from_object_ref(self);
}

// The shared methods take bytes arguments directly: bytearray arguments are read without their
// lock by the view, so for a bytes receiver they are snapshotted here first.
// The keyword name of argument i of a call with nargs positional arguments, or NULL.
static FtObject *
kwname_at(Ft_ssize i, Ft_ssize nargs, FtObject *kwnames)
{
    return i < nargs ? NULL : ft_tuple_get_item_borrow(kwnames, i - nargs);
}

static bool
any_needs_snapshot(const char *method, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
                   Ft_ssize n)
{
    for (Ft_ssize i = 0; i < n; i++) {
        if (ft_memoryview_needs_snapshot(method, i, kwname_at(i, nargs, kwnames), args[i]))
            return true;
    }
    return false;
}

#define BYTES_SNAPSHOT_MAX 4

// Copies args[0..n) into snap with every bytearray or memoryview replaced by a bytes snapshot.
// 0 or -1.
static int
snapshot_args(const char *method, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
              Ft_ssize n, FtObject **snap)
{
    for (Ft_ssize i = 0; i < n; i++) {
        snap[i] = ft_memoryview_snapshot_arg_ref(method, i, kwname_at(i, nargs, kwnames), args[i]);
        if (snap[i] == NULL) {
            for (Ft_ssize k = 0; k < i; k++)
                ft_decref(snap[k]);
            return -1;
        }
    }
    return 0;
}

static void
drop_snapshot(FtObject **snap, Ft_ssize n)
{
    for (Ft_ssize i = 0; i < n; i++)
        ft_decref(snap[i]);
}

// partition() on a bytes receiver returns its separator argument itself: when the method saw a
// snapshot of a bytearray separator, put the original back in the result.
static FtObject *
restore_separator(FtObject *res, FtObject *snap, FtObject *arg)
{
    if (res == NULL || !ft_tuple_check(res) || ft_tuple_size(res) != 3 ||
        ft_tuple_get_item_borrow(res, 1) != snap)
        return res;
    FtObject *fixed = ft_tuple_pack_ref(3, ft_tuple_get_item_borrow(res, 0), arg,
                                        ft_tuple_get_item_borrow(res, 2));
    ft_decref(res);
    return fixed;
}

#define BYTES_WRAP_NOARGS(name)                   \
    static FtObject *bytes_m_##name(FtObject *self) \
    {                                             \
        return ft_bytes_method_##name(self);      \
    }
#define BYTES_WRAP_O(name)                                                \
    static FtObject *bytes_m_##name(FtObject *self, FtObject *arg)          \
    {                                                                     \
        if (!ft_memoryview_needs_snapshot(#name, 0, NULL, arg))           \
            return ft_bytes_method_##name(self, arg);                     \
        FtObject *snap = ft_memoryview_snapshot_arg_ref(#name, 0, NULL, arg);\
        if (snap == NULL)                                                 \
            return NULL;                                                  \
        FtObject *res = ft_bytes_method_##name(self, snap);               \
        res = restore_separator(res, snap, arg);                          \
        ft_decref(snap);                                                  \
        return res;                                                       \
    }
#define BYTES_WRAP_FAST(name)                                                            \
    static FtObject *bytes_m_##name(FtObject *self, FtObject *const *args, Ft_ssize nargs) \
    {                                                                                    \
        if (nargs > BYTES_SNAPSHOT_MAX ||                                                \
            !any_needs_snapshot(#name, args, nargs, NULL, nargs))                        \
            return ft_bytes_method_##name(self, args, nargs);                            \
        FtObject *snap[BYTES_SNAPSHOT_MAX];                                              \
        if (snapshot_args(#name, args, nargs, NULL, nargs, snap) < 0)                    \
            return NULL;                                                                 \
        FtObject *res = ft_bytes_method_##name(self, snap, nargs);                       \
        drop_snapshot(snap, nargs);                                                      \
        return res;                                                                      \
    }
#define BYTES_WRAP_FAST_KW(name)                                                         \
    static FtObject *bytes_m_##name(FtObject *self, FtObject *const *args, Ft_ssize nargs, \
                                    FtObject *kwnames)                                   \
    {                                                                                    \
        Ft_ssize total = nargs + (kwnames == NULL ? 0 : ft_tuple_size(kwnames));         \
        if (total > BYTES_SNAPSHOT_MAX ||                                                \
            !any_needs_snapshot(#name, args, nargs, kwnames, total))                     \
            return ft_bytes_method_##name(self, args, nargs, kwnames);                   \
        FtObject *snap[BYTES_SNAPSHOT_MAX];                                              \
        if (snapshot_args(#name, args, nargs, kwnames, total, snap) < 0)                 \
            return NULL;                                                                 \
        FtObject *res = ft_bytes_method_##name(self, snap, nargs, kwnames);              \
        drop_snapshot(snap, total);                                                      \
        return res;                                                                      \
    }
#define BYTES_WRAP(name, conv) BYTES_WRAP_##conv(name)
FT_BYTES_SHARED_METHODS(BYTES_WRAP)

#define BYTES_DEF_NOARGS(name) {#name, {.noargs = bytes_m_##name}, FT_METH_NOARGS, NULL},
#define BYTES_DEF_O(name) {#name, {.o = bytes_m_##name}, FT_METH_O, NULL},
#define BYTES_DEF_FAST(name) {#name, {.fast = bytes_m_##name}, FT_METH_FASTCALL, NULL},
#define BYTES_DEF_FAST_KW(name) \
    {#name, {.fast_kw = bytes_m_##name}, FT_METH_FASTCALL | FT_METH_KEYWORDS, NULL},
#define BYTES_DEF(name, conv) BYTES_DEF_##conv(name)

static const FtMethodDef bytes_methods[] = {
    FT_BYTES_SHARED_METHODS(BYTES_DEF)
    {"fromhex", {.o = bytes_fromhex}, FT_METH_O | FT_METH_CLASS, NULL},
    {"maketrans", {.fast = ft_bytes_method_maketrans}, FT_METH_FASTCALL | FT_METH_STATIC, NULL},
    {"__getnewargs__", {.noargs = bytes_getnewargs}, FT_METH_NOARGS, NULL},
    {"__bytes__", {.noargs = bytes_bytes}, FT_METH_NOARGS, NULL},
    {"__buffer__", {.fast = ft_memoryview_method_buffer}, FT_METH_FASTCALL, NULL},
    {NULL, {NULL}, 0, NULL},
};

/* --- Type object --- */

static FtObject *
bytes_remainder(FtObject *a, FtObject *b)
{
    if (!ft_bytes_check(a))
        return FT_NOT_IMPLEMENTED;
    return ft_bytes_percent_format_ref(a, b);
}

static FtNumberMethods bytes_as_number = {
    .nb_remainder = bytes_remainder,
};

static FtSequenceMethods bytes_as_sequence = {
    .sq_length = bytes_length,
    .sq_concat = bytes_concat,
    .sq_repeat = bytes_repeat,
    .sq_item = bytes_item,
    .sq_contains = bytes_contains,
};

static FtMappingMethods bytes_as_mapping = {
    .mp_length = bytes_length,
    .mp_subscript = bytes_subscript,
};

FtTypeObject ft_bytes_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "bytes",
    .tp_basicsize = sizeof(FtBytesObject),
    .tp_itemsize = 1,
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BYTES_SUBCLASS,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = bytes_repr,
    .tp_str = bytes_repr,   // TODO(#4): the -b flag's BytesWarning
    .tp_hash = ft_bytes_hash,
    .tp_richcompare = bytes_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_new = bytes_new,
    .tp_iter = bytes_iter,
    .tp_as_number = &bytes_as_number,
    .tp_as_sequence = &bytes_as_sequence,
    .tp_as_mapping = &bytes_as_mapping,
    .tp_methods = bytes_methods,
    .tp_doc = "bytes(iterable_of_ints) -> bytes",
};

int
ft_bytes_init_types(void)
{
    if (ft_type_ready(&ft_bytes_type) < 0 || ft_type_ready(&ft_bytes_iterator_type) < 0)
        return -1;
    if (empty_bytes == NULL) {
        FtObject *e = ft_bytes_new_uninit_ref(0);
        if (e == NULL)
            return -1;
        ft_object_set_immortal(e);
        for (int c = 0; c < 256; c++) {
            FtObject *b = ft_bytes_new_uninit_ref(1);
            if (b == NULL)
                return -1;
            ft_bytes_data_unlocked(b)[0] = (char)c;
            ft_object_set_immortal(b);
            single_bytes[c] = b;
        }
        empty_bytes = e;
    }
    if (ft_memoryview_init_types() < 0)
        return -1;
    return ft_bytearray_init_types();
}

// objects/bytearray.c: bytearray (CPython's Objects/bytearrayobject.c): the mutable byte string with
// CPython's over-allocation, the mutating methods, the slots, iteration and the method table (the
// shared read-only methods live in objects/bytes_methods.c and run inside this object's section).
//
// Layout: FtByteArrayObject header (ob_size, ob_bytes, allocated); ob_bytes is an ft_runtime_mem
// buffer of allocated bytes holding ob_size bytes and a NUL (NULL while allocated == 0).
// Invariants: 0 <= ob_size < allocated when ob_bytes != NULL; ob_bytes[ob_size] == '\0'.
//
// Concurrency:
//   ob_bytes, allocated, the bytes      guarded_by(ob_mutex): every reader and writer takes the
//                                       object's critical section for its whole body (@locked)
//   ob_size                             written under ob_mutex (relaxed), read lock-free by len()
//   other bytearray arguments           snapshotted to bytes under their own section before this
//                                       object's section is entered (never two sections nested
//                                       across a blocking call, so a suspended section never
//                                       exposes a stale view)
// No lock-free reader ever touches ob_bytes, so a resize copies into a new buffer and frees the old
// one at once (ft_runtime_mem, like the other containers' storage).
//
// Buffer exports: a memoryview over a bytearray counts itself in `exports` (under the section)
// until it is released; while the count is non-zero no operation may change the size.
//
// Missing (TODO(#4)): ob_start's O(1) deletion from the front.
#include <stdio.h>    // snprintf
#include <stdlib.h>   // malloc realloc free
#include <string.h>   // memcpy memmove memset memchr strrchr

#include "objects/bytearray.h"

#include "objects/abstract_number.h"   // ft_number_index_ref
#include "objects/bytes.h"          // ft_bytes_* (shared methods, repr, compare)
#include "objects/dict.h"           // ft_dict_check ft_dict_size
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/int.h"            // ft_int_* ft_bool_from
#include "objects/list.h"           // ft_list_check
#include "objects/memoryview.h"     // ft_memoryview_* (snapshots, __buffer__)
#include "objects/method_def.h"     // FtMethodDef FT_METH_*
#include "objects/object.h"         // ft_object_* FT_VAR_OBJECT_HEAD_INIT
#include "objects/slice.h"          // ft_slice_*
#include "objects/str.h"            // ft_str_*
#include "objects/str_methods.h"    // ft_str_encode ft_str_decode_ref ft_str_check_utf8_arg
#include "objects/tuple.h"          // ft_tuple_*
#include "objects/type.h"           // ft_type_ready
#include "runtime/object_lock.h"    // FT_BEGIN_CRITICAL_SECTION_OBJECT FT_ASSERT_LOCKED
#include "runtime/runtime_mem.h"    // ft_runtime_mem_alloc ft_runtime_mem_free
#include "sync/atomic.h"            // ft_atomic_*_ssize_relaxed

#define BA(op) ((FtByteArrayObject *)(op))

/* --- Helpers --- */

static void
set_size_lock_held(FtByteArrayObject *self, Ft_ssize size)
{
    // relaxed: len() readers only need some recent value; the bytes themselves are read locked.
    ft_atomic_store_ssize_relaxed(&self->ob_base.ob_size, size);
}

static Ft_ssize
size_lock_held(FtByteArrayObject *self)
{
    return self->ob_base.ob_size;
}

// 0, or -1 with BufferError when a live memoryview forbids changing the size.
static int
check_resizable_lock_held(FtByteArrayObject *self)
{
    FT_ASSERT_LOCKED(self);
    if (self->exports > 0) {
        ft_error_set_string(&ft_exc_buffer_error,
                            "Existing exports of data: object cannot be re-sized");
        return -1;
    }
    return 0;
}

// Resizes to size bytes (contents kept up to the smaller size) with CPython's over-allocation
// (bytearray_resize): grow by about 1/8 when the request is a small step past the capacity, exact
// when it jumps; shrink the buffer only below half the capacity. 0 or -1 (MemoryError).
static int
resize_lock_held(FtByteArrayObject *self, Ft_ssize size)
{
    FT_ASSERT_LOCKED(self);
    if (size != size_lock_held(self) && check_resizable_lock_held(self) < 0)
        return -1;
    // First, so that size + 1 and the over-allocation below cannot overflow.
    if (size > PTRDIFF_MAX - 64) {
        ft_error_no_memory();
        return -1;
    }
    Ft_ssize alloc = self->allocated;
    if (size + 1 <= alloc && size >= alloc / 2) {
        set_size_lock_held(self, size);
        self->ob_bytes[size] = '\0';
        return 0;
    }
    Ft_ssize want;
    if (size + 1 <= alloc)
        want = size + 1;
    else if (size <= alloc + (alloc >> 3))
        want = size + (size >> 3) + (size < 9 ? 3 : 6);
    else
        want = size + 1;
    char *p = ft_runtime_mem_alloc((size_t)want);
    if (p == NULL) {
        ft_error_no_memory();
        return -1;
    }
    if (self->ob_bytes != NULL) {
        Ft_ssize keep = ft_bytearray_size((FtObject *)self);
        memcpy(p, self->ob_bytes, (size_t)(keep < size ? keep : size));
        ft_runtime_mem_free(self->ob_bytes);
    }
    self->ob_bytes = p;
    self->allocated = want;
    set_size_lock_held(self, size);
    p[size] = '\0';
    return 0;
}

// A byte value from an int: 0..255, else -1 with TypeError or ValueError.
static int
byte_arg(FtObject *op)
{
    if (!ft_int_check(op)) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                        op->ob_type->tp_name);
        return -1;
    }
    bool ok = true;
    int64_t v = ft_int_as_int64(op, &ok);
    if (!ok)
        ft_error_clear();
    if (!ok || v < 0 || v > 255) {
        ft_error_set_string(&ft_exc_value_error, "byte must be in range(0, 256)");
        return -1;
    }
    return (int)v;
}

// What an out-of-range int argument is: a subscript, a size, or a method's position.
enum { INDEX_SUBSCRIPT, INDEX_COUNT, INDEX_POSITION };

static int
index_arg_kind(FtObject *op, Ft_ssize *out, int kind)
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
        // Subscripts raise IndexError; a count or a method's position overflows as CPython does.
        if (kind == INDEX_SUBSCRIPT)
            ft_error_format(&ft_exc_index_error, "cannot fit 'int' into an index-sized integer");
        else if (kind == INDEX_COUNT)
            ft_error_format(&ft_exc_overflow_error, "cannot fit 'int' into an index-sized integer");
        else
            ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = (Ft_ssize)v;
    return 0;
}

/* --- Internal API --- */

Ft_ssize
ft_bytearray_size(FtObject *ba)
{
    // relaxed: a snapshot (see set_size_lock_held).
    return ft_atomic_load_ssize_relaxed(&BA(ba)->ob_base.ob_size);
}

static FtObject *
bytearray_alloc(FtTypeObject *type, const char *data, Ft_ssize size)
{
    FtByteArrayObject *self = (FtByteArrayObject *)ft_object_new_of_type(type, 0);
    if (self == NULL)
        return NULL;
    self->ob_bytes = NULL;
    self->allocated = 0;
    self->exports = 0;
    if (size > 0) {
        // Unpublished: resize_lock_held's assertion is satisfied by the sole owner.
        if (resize_lock_held(self, size) < 0) {
            ft_decref((FtObject *)self);
            return NULL;
        }
        if (data != NULL)
            memcpy(self->ob_bytes, data, (size_t)size);
        else
            memset(self->ob_bytes, 0, (size_t)size);
    }
    return (FtObject *)self;
}

FtObject *
ft_bytearray_from_data_ref(const char *data, Ft_ssize size)
{
    return bytearray_alloc(&ft_bytearray_type, data, size);
}

const char *
ft_bytearray_data_lock_held(FtObject *ba, Ft_ssize *size)
{
    FT_ASSERT_LOCKED(ba);
    *size = size_lock_held(BA(ba));
    return BA(ba)->ob_bytes != NULL ? BA(ba)->ob_bytes : "";
}

void
ft_bytearray_add_export(FtObject *ba, int delta)
{
    FT_BEGIN_CRITICAL_SECTION_OBJECT(ba);
    BA(ba)->exports += delta;
    FT_ASSERT(BA(ba)->exports >= 0);
    FT_END_CRITICAL_SECTION_OBJECT();
}

FtObject *
ft_bytearray_to_bytes_ref(FtObject *ba)
{
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(ba);
    Ft_ssize n;
    const char *p = ft_bytearray_data_lock_held(ba, &n);
    res = ft_bytes_from_data_ref(p, n);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static int
append_lock_held(FtByteArrayObject *self, int value)
{
    Ft_ssize n = size_lock_held(self);
    if (resize_lock_held(self, n + 1) < 0)
        return -1;
    self->ob_bytes[n] = (char)value;
    return 0;
}

int
ft_bytearray_append(FtObject *ba, FtObject *value)
{
    int v = byte_arg(value);
    if (v < 0)
        return -1;
    int res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(ba);
    res = append_lock_held(BA(ba), v);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

int
ft_bytearray_pop(FtObject *ba, Ft_ssize i)
{
    int res = -1;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(ba);
    FtByteArrayObject *self = BA(ba);
    Ft_ssize n = size_lock_held(self);
    if (n == 0) {
        ft_error_set_string(&ft_exc_index_error, "pop from empty bytearray");
    } else {
        if (i < 0)
            i += n;
        if (i < 0 || i >= n) {
            ft_error_set_string(&ft_exc_index_error, "pop index out of range");
        } else if (check_resizable_lock_held(self) == 0) {
            res = (unsigned char)self->ob_bytes[i];
            memmove(self->ob_bytes + i, self->ob_bytes + i + 1, (size_t)(n - i - 1));
            if (resize_lock_held(self, n - 1) < 0)   // shrinking never fails: keeps the buffer
                res = -1;
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static int
extend_data_lock_held(FtByteArrayObject *self, const char *data, Ft_ssize size)
{
    Ft_ssize n = size_lock_held(self);
    if (size > PTRDIFF_MAX - 64 - n) {
        ft_error_no_memory();
        return -1;
    }
    if (resize_lock_held(self, n + size) < 0)
        return -1;
    memcpy(self->ob_bytes + n, data, (size_t)size);
    return 0;
}

int
ft_bytearray_extend_buffer(FtObject *ba, FtObject *other)
{
    int res = -1;
    if (ft_memoryview_check(other)) {
        FtObject *snap = ft_memoryview_snapshot_arg_ref("__add__", 0, NULL, other);
        if (snap == NULL && ft_error_matches(&ft_exc_buffer_error)) {
            ft_error_clear();
            ft_error_format(&ft_exc_type_error, "can't concat %.100s to %.100s",
                            other->ob_type->tp_name, ba->ob_type->tp_name);
        }
        if (snap == NULL)
            return -1;
        res = ft_bytearray_extend_buffer(ba, snap);
        ft_decref(snap);
    } else if (ft_bytes_check(other)) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(ba);
        res = extend_data_lock_held(BA(ba), ft_bytes_data(other), ft_bytes_size(other));
        FT_END_CRITICAL_SECTION_OBJECT();
    } else if (ft_bytearray_check(other)) {
        FT_BEGIN_CRITICAL_SECTION2_OBJECT(ba, other);
        Ft_ssize n;
        const char *p = ft_bytearray_data_lock_held(other, &n);
        if (other == ba) {
            // Extending by itself: the source moves with the resize; copy its prefix after.
            Ft_ssize old = n;
            res = resize_lock_held(BA(ba), old * 2 > old ? old * 2 : old);
            if (res == 0 && old > 0)
                memcpy(BA(ba)->ob_bytes + old, BA(ba)->ob_bytes, (size_t)old);
        } else {
            res = extend_data_lock_held(BA(ba), p, n);
        }
        FT_END_CRITICAL_SECTION2_OBJECT();
    } else {
        ft_error_format(&ft_exc_type_error, "can't concat %.100s to %.100s",
                        other->ob_type->tp_name, ba->ob_type->tp_name);
    }
    return res;
}

/* --- Slots --- */

static void
bytearray_dealloc(FtObject *op)
{
    ft_runtime_mem_free(BA(op)->ob_bytes);
    ft_object_free_memory(op);
}

static FtObject *
bytearray_repr(FtObject *op)
{
    FtObject *res;
    // "Name(b'...')" with the type's short name (a subclass shows its own), as _PyType_Name.
    const char *name = op->ob_type->tp_name;
    const char *dot = strrchr(name, '.');
    char prefix[208];
    snprintf(prefix, sizeof prefix, "%.200s(", dot != NULL ? dot + 1 : name);
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    Ft_ssize n;
    const char *p = ft_bytearray_data_lock_held(op, &n);
    res = ft_bytes_repr_data_ref(p, n, prefix, ")");
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
bytearray_richcompare(FtObject *v, FtObject *w, int op)
{
    bool vm = ft_memoryview_check(v), wm = ft_memoryview_check(w);
    if ((vm || wm) && (ft_bytearray_check(v) || ft_bytearray_check(w))) {
        // A memoryview compares by its simple buffer: a copy of its bytes taken now. One with
        // no simple buffer (strided, or released) leaves the comparison NotImplemented.
        FtObject *mv = vm ? v : w;
        if (!ft_memoryview_is_c_contiguous(mv))
            return FT_NOT_IMPLEMENTED;
        FtObject *snap = ft_memoryview_to_bytes_ref(mv);
        if (snap == NULL) {
            ft_error_clear();
            return FT_NOT_IMPLEMENTED;
        }
        FtObject *res = vm ? bytearray_richcompare(snap, w, op)
                           : bytearray_richcompare(v, snap, op);
        ft_decref(snap);
        return res;
    }
    bool vb = ft_bytes_check(v), wb = ft_bytes_check(w);
    if ((!vb && !ft_bytearray_check(v)) || (!wb && !ft_bytearray_check(w)))
        return FT_NOT_IMPLEMENTED;
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(v, w);
    const char *pv, *pw;
    Ft_ssize nv, nw;
    ft_bytes_view(v, &pv, &nv);
    ft_bytes_view(w, &pw, &nw);
    res = ft_bytes_compare_data(pv, nv, pw, nw, op);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return res;
}

static Ft_ssize
bytearray_length(FtObject *op)
{
    return ft_bytearray_size(op);
}

static FtObject *
bytearray_item(FtObject *op, Ft_ssize i)
{
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (i < 0 || i >= size_lock_held(BA(op)))
        ft_error_set_string(&ft_exc_index_error, "bytearray index out of range");
    else
        res = ft_int_from_int64_ref((unsigned char)BA(op)->ob_bytes[i]);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
bytearray_subscript(FtObject *op, FtObject *key)
{
    if (ft_int_check(key)) {
        Ft_ssize i;
        if (index_arg_kind(key, &i, INDEX_SUBSCRIPT) < 0)
            return NULL;
        FtObject *res = NULL;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
        Ft_ssize n = size_lock_held(BA(op));
        if (i < 0)
            i += n;
        if (i < 0 || i >= n)
            ft_error_set_string(&ft_exc_index_error, "bytearray index out of range");
        else
            res = ft_int_from_int64_ref((unsigned char)BA(op)->ob_bytes[i]);
        FT_END_CRITICAL_SECTION_OBJECT();
        return res;
    }
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)   // may run __index__: unlocked
            return NULL;
        FtObject *res;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
        FtByteArrayObject *self = BA(op);
        Ft_ssize n = ft_slice_adjust_indices(size_lock_held(self), &start, &stop, step);
        res = ft_bytearray_from_data_ref(NULL, n);
        if (res != NULL) {
            for (Ft_ssize k = 0; k < n; k++)
                BA(res)->ob_bytes[k] = self->ob_bytes[start + k * step];
        }
        FT_END_CRITICAL_SECTION_OBJECT();
        return res;
    }
    if (key->ob_type->tp_as_number != NULL && key->ob_type->tp_as_number->nb_index != NULL) {
        FtObject *index = ft_number_index_ref(key);   // an int: the branch above takes it
        if (index == NULL)
            return NULL;
        FtObject *res = bytearray_subscript(op, index);
        ft_decref(index);
        return res;
    }
    return ft_error_format(&ft_exc_type_error,
                           "bytearray indices must be integers or slices, not %.200s",
                           key->ob_type->tp_name);
}

// ba[start:stop:step] = data[0..n) (data NULL: delete), CPython's bytearray_ass_subscript rules.
// Returns 0 or -1.
static int
ass_slice_lock_held(FtByteArrayObject *self, Ft_ssize start, Ft_ssize stop, Ft_ssize step,
                    const char *data, Ft_ssize n)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize size = size_lock_held(self);
    Ft_ssize count = ft_slice_adjust_indices(size, &start, &stop, step);
    if (step == 1) {
        if (stop < start)
            stop = start;
        Ft_ssize growth = (data == NULL ? 0 : n) - (stop - start);
        if (growth > 0) {
            if (resize_lock_held(self, size + growth) < 0)
                return -1;
            memmove(self->ob_bytes + stop + growth, self->ob_bytes + stop,
                    (size_t)(size - stop));
        } else if (growth < 0) {
            if (check_resizable_lock_held(self) < 0)
                return -1;
            memmove(self->ob_bytes + stop + growth, self->ob_bytes + stop,
                    (size_t)(size - stop));
            if (resize_lock_held(self, size + growth) < 0)
                return -1;
        }
        if (data != NULL && n > 0)
            memcpy(self->ob_bytes + start, data, (size_t)n);
        return 0;
    }
    if (data == NULL || n == 0) {
        // Extended deletion (assigning no bytes deletes too, as CPython): walk the positions left to right, compacting the survivors.
        if (count <= 0)
            return 0;
        if (check_resizable_lock_held(self) < 0)
            return -1;
        if (step < 0) {
            start += step * (count - 1);
            step = -step;
        }
        Ft_ssize w = start, next = start;
        Ft_ssize removed = 0;
        for (Ft_ssize r = start; r < size; r++) {
            if (removed < count && r == next) {
                removed++;
                next += step;
                continue;
            }
            self->ob_bytes[w++] = self->ob_bytes[r];
        }
        return resize_lock_held(self, size - count);
    }
    if (count != n) {
        ft_error_format(&ft_exc_value_error,
                        "attempt to assign bytes of size %zd to extended slice of size %zd", n,
                        count);
        return -1;
    }
    for (Ft_ssize k = 0; k < count; k++)
        self->ob_bytes[start + k * step] = data[k];
    return 0;
}

// The bytes a slice assignment stores: a bytes snapshot of a bytes-like value or of an iterable
// of ints, in *out (new reference). Returns 0 or -1 (TypeError for an int or a str).
static int
slice_value_ref(FtObject *value, FtObject **out)
{
    if (ft_bytes_check(value) || ft_bytearray_check(value)) {
        *out = ft_bytes_from_object_ref(value);
        return *out == NULL ? -1 : 0;
    }
    if (ft_int_check(value) || ft_str_check(value)) {
        ft_error_set_string(&ft_exc_type_error,
                            "can assign only bytes, buffers, or iterables of ints in range(0, 256)");
        return -1;
    }
    char *buf;
    Ft_ssize n;
    int r = ft_bytes_collect_ints(value, &buf, &n);
    if (r == -2)   // CPython converts through bytearray(value)
        ft_error_format(&ft_exc_type_error, "cannot convert '%.200s' object to bytearray",
                        value->ob_type->tp_name);
    if (r < 0) {
        if (ft_error_matches(&ft_exc_value_error)) {
            ft_error_clear();
            ft_error_set_string(&ft_exc_value_error, "byte must be in range(0, 256)");
        }
        return -1;
    }
    *out = ft_bytes_from_data_ref(buf, n);
    free(buf);
    return *out == NULL ? -1 : 0;
}

// ba[key] = value / del ba[key] (value NULL) for an int key. @locked
static int
bytearray_ass_subscript(FtObject *op, FtObject *key, FtObject *value)
{
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        FtObject *snap = NULL;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0 ||
            (value != NULL && slice_value_ref(value, &snap) < 0))
            return -1;
        int r;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
        r = ass_slice_lock_held(BA(op), start, stop, step,
                                snap != NULL ? ft_bytes_data(snap) : NULL,
                                snap != NULL ? ft_bytes_size(snap) : 0);
        FT_END_CRITICAL_SECTION_OBJECT();
        ft_xdecref(snap);
        return r;
    }
    if (!ft_int_check(key) && key->ob_type->tp_as_number != NULL &&
        key->ob_type->tp_as_number->nb_index != NULL) {
        FtObject *index = ft_number_index_ref(key);
        if (index == NULL)
            return -1;
        int r = bytearray_ass_subscript(op, index, value);
        ft_decref(index);
        return r;
    }
    if (!ft_int_check(key)) {
        ft_error_format(&ft_exc_type_error,
                        "bytearray indices must be integers or slices, not %.200s",
                        key->ob_type->tp_name);
        return -1;
    }
    Ft_ssize i;
    int v = 0;
    if (index_arg_kind(key, &i, INDEX_SUBSCRIPT) < 0
        || (value != NULL && (v = byte_arg(value)) < 0))
        return -1;
    int res = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    FtByteArrayObject *self = BA(op);
    Ft_ssize n = size_lock_held(self);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        ft_error_set_string(&ft_exc_index_error, "bytearray index out of range");
        res = -1;
    } else if (value != NULL) {
        self->ob_bytes[i] = (char)v;
    } else if (check_resizable_lock_held(self) < 0) {
        res = -1;
    } else {
        memmove(self->ob_bytes + i, self->ob_bytes + i + 1, (size_t)(n - i - 1));
        res = resize_lock_held(self, n - 1);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static int
bytearray_ass_item(FtObject *op, Ft_ssize i, FtObject *value)
{
    FtObject *key = ft_int_from_int64_ref(i);
    if (key == NULL)
        return -1;
    int r = bytearray_ass_subscript(op, key, value);
    ft_decref(key);
    return r;
}

static int
bytearray_contains(FtObject *op, FtObject *value)
{
    FtObject *snap = NULL;
    if (ft_bytearray_check(value) || ft_memoryview_check(value)) {
        snap = ft_memoryview_snapshot_arg_ref("__contains__", 0, NULL, value);
        if (snap == NULL)
            return -1;
        value = snap;
    }
    int res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    Ft_ssize n;
    const char *p = ft_bytearray_data_lock_held(op, &n);
    res = ft_bytes_contains_view(p, n, value);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(snap);
    return res;
}

// a + b with a a bytearray (or b, reflected from bytes): a new bytearray.
static FtObject *
bytearray_concat(FtObject *a, FtObject *b)
{
    if (ft_memoryview_check(b)) {
        // A non-contiguous view cannot be concatenated (CPython asks for a simple buffer).
        FtObject *snap = ft_memoryview_snapshot_arg_ref("__add__", 0, NULL, b);
        if (snap == NULL && ft_error_matches(&ft_exc_buffer_error)) {
            ft_error_clear();
            return ft_error_format(&ft_exc_type_error, "can't concat %.100s to %.100s",
                                   b->ob_type->tp_name, a->ob_type->tp_name);
        }
        if (snap == NULL)
            return NULL;
        FtObject *res = bytearray_concat(a, snap);
        ft_decref(snap);
        return res;
    }
    if ((!ft_bytes_check(a) && !ft_bytearray_check(a)) ||
        (!ft_bytes_check(b) && !ft_bytearray_check(b))) {
        FtObject *bad = ft_bytearray_check(a) ? b : a;
        return ft_error_format(&ft_exc_type_error, "can't concat %.100s to %.100s",
                               bad->ob_type->tp_name, a->ob_type->tp_name);
    }
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(a, b);
    const char *pa, *pb;
    Ft_ssize na, nb;
    ft_bytes_view(a, &pa, &na);
    ft_bytes_view(b, &pb, &nb);
    if (na > PTRDIFF_MAX - 64 - nb) {
        ft_error_no_memory();
    } else {
        res = ft_bytearray_from_data_ref(NULL, na + nb);
        if (res != NULL) {
            memcpy(BA(res)->ob_bytes, pa, (size_t)na);
            memcpy(BA(res)->ob_bytes + na, pb, (size_t)nb);
        }
    }
    FT_END_CRITICAL_SECTION2_OBJECT();
    return res;
}

static int
repeat_lock_held(FtByteArrayObject *self, Ft_ssize count, FtByteArrayObject *into)
{
    Ft_ssize n = size_lock_held(self);
    if (count < 0)
        count = 0;
    if (n > 0 && count > (PTRDIFF_MAX - 64) / n) {
        ft_error_no_memory();
        return -1;
    }
    if (into != self) {
        if (resize_lock_held(into, n * count) < 0)
            return -1;
        for (Ft_ssize k = 0; k < count; k++)
            memcpy(into->ob_bytes + k * n, self->ob_bytes, (size_t)n);
        return 0;
    }
    if (resize_lock_held(self, n * count) < 0)
        return -1;
    for (Ft_ssize k = 1; k < count; k++)
        memcpy(self->ob_bytes + k * n, self->ob_bytes, (size_t)n);
    return 0;
}

static FtObject *
bytearray_repeat(FtObject *op, Ft_ssize count)
{
    FtObject *res = ft_bytearray_from_data_ref(NULL, 0);
    if (res == NULL)
        return NULL;
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    r = repeat_lock_held(BA(op), count, BA(res));   // res is unpublished: no section needed
    FT_END_CRITICAL_SECTION_OBJECT();
    if (r < 0) {
        ft_decref(res);
        return NULL;
    }
    return res;
}

static FtObject *
bytearray_inplace_concat(FtObject *op, FtObject *other)
{
    if (ft_bytearray_extend_buffer(op, other) < 0)
        return NULL;
    return ft_new_ref(op);
}

static FtObject *
bytearray_inplace_repeat(FtObject *op, Ft_ssize count)
{
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    r = repeat_lock_held(BA(op), count, BA(op));
    FT_END_CRITICAL_SECTION_OBJECT();
    return r < 0 ? NULL : ft_new_ref(op);
}

// Fills a fresh bytearray from bytearray(source, encoding, errors) arguments (CPython's
// bytearray___init__). Returns 0 or -1.
static int
bytearray_fill(FtObject *self, FtObject *x, FtObject *encoding, FtObject *errors)
{
    for (int i = 0; i < 2; i++) {
        FtObject *a = i == 0 ? encoding : errors;
        if (a != NULL && !ft_str_check(a)) {
            ft_error_format(&ft_exc_type_error, "bytearray() argument '%s' must be str, not %.50s",
                            i == 0 ? "encoding" : "errors",
                            ft_object_is_none(a) ? "None" : a->ob_type->tp_name);
            return -1;
        }
        if (a != NULL && ft_str_check_utf8_arg(a) < 0)
            return -1;
    }
    // __init__ empties the bytearray before it looks at the source, as CPython does.
    int cleared;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    cleared = size_lock_held(BA(self)) == 0 ? 0 : resize_lock_held(BA(self), 0);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (cleared < 0)
        return -1;
    if (x == NULL || !ft_str_check(x)) {
        if (encoding != NULL || errors != NULL) {
            ft_error_set_string(&ft_exc_type_error, encoding != NULL
                                ? "encoding without a string argument"
                                : "errors without a string argument");
            return -1;
        }
    }
    if (x == NULL)
        return 0;
    char *buf = NULL;
    Ft_ssize n = 0;
    FtObject *snap = NULL;
    if (ft_str_check(x)) {
        if (encoding == NULL) {
            ft_error_set_string(&ft_exc_type_error, "string argument without an encoding");
            return -1;
        }
        buf = ft_str_encode(x, ft_str_as_utf8(encoding, NULL),
                            errors != NULL ? ft_str_as_utf8(errors, NULL) : "strict", &n);
        if (buf == NULL)
            return -1;
    } else if (ft_int_check(x)) {
        if (index_arg_kind(x, &n, INDEX_COUNT) < 0)
            return -1;
        if (n < 0) {
            ft_error_set_string(&ft_exc_value_error, "negative count");
            return -1;
        }
    } else if (ft_memoryview_check(x)) {
        snap = ft_memoryview_to_bytes_ref(x);
        if (snap == NULL)
            return -1;
    } else if (ft_bytes_check(x) || ft_bytearray_check(x)) {
        snap = ft_bytes_from_object_ref(x);
        if (snap == NULL)
            return -1;
    } else {
        // TODO(#4): the buffer protocol before iteration.
        int r = ft_bytes_collect_ints(x, &buf, &n);
        if (r == -2)
            ft_error_format(&ft_exc_type_error, "cannot convert '%.200s' object to bytearray",
                            x->ob_type->tp_name);
        if (r < 0) {
            if (ft_error_matches(&ft_exc_value_error)) {
                ft_error_clear();
                ft_error_set_string(&ft_exc_value_error, "byte must be in range(0, 256)");
            }
            return -1;
        }
    }
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtByteArrayObject *ba = BA(self);
    if (snap != NULL) {
        r = resize_lock_held(ba, 0) < 0
                ? -1 : extend_data_lock_held(ba, ft_bytes_data(snap), ft_bytes_size(snap));
    } else {
        r = resize_lock_held(ba, n);
        if (r == 0 && n > 0) {
            if (buf != NULL)
                memcpy(ba->ob_bytes, buf, (size_t)n);
            else
                memset(ba->ob_bytes, 0, (size_t)n);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    free(buf);
    ft_xdecref(snap);
    return r;
}

// bytearray.__new__ makes an empty bytearray whatever the arguments; __init__ fills it.
static FtObject *
bytearray_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return bytearray_alloc(type, NULL, 0);
}

// __init__(source=<unrepresentable>, encoding=None, errors=None): replaces the contents.
static int
bytearray_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"source", "encoding", "errors"};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 3) {
        ft_error_format(&ft_exc_type_error, "bytearray() takes at most 3 arguments (%zd given)",
                        nargs + nkw);
        return -1;
    }
    FtObject *a[3] = {NULL, NULL, NULL};
    for (Ft_ssize i = 0; i < nargs; i++)
        a[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int found = -1;
        for (int i = 0; i < 3; i++) {
            if (ft_str_equal_cstr(key, names[i]))
                found = i;
        }
        if (found < 0) {
            ft_error_format(&ft_exc_type_error,
                            "bytearray() got an unexpected keyword argument '%U'", key);
            return -1;
        }
        if (a[found] != NULL) {
            ft_error_format(&ft_exc_type_error,
                            "argument for bytearray() given by name ('%s') and position (%d)",
                            names[found], found + 1);
            return -1;
        }
        a[found] = args[nargs + k];
    }
    return bytearray_fill(self, a[0], a[1], a[2]);
}

/* --- The iterator --- */

// iter(ba): yields the byte at the current index, reading it under the bytearray's section, so
// a bytearray that shrinks ends the iteration. The index is claimed atomically so that several
// threads may share one iterator.
typedef struct {
    FtObject ob_base;
    FtObject *seq;     // immutable after publish: a strong reference
    Ft_ssize index;    // atomic: the next position to claim
} ByteArrayIterObject;

static FtObject *
bytearray_iter(FtObject *op)
{
    ByteArrayIterObject *it =
        (ByteArrayIterObject *)ft_object_new_of_type(&ft_bytearray_iterator_type, 0);
    if (it == NULL)
        return NULL;
    it->seq = ft_new_ref(op);
    it->index = 0;
    return (FtObject *)it;
}

static void
bytearray_iter_dealloc(FtObject *op)
{
    ft_decref(((ByteArrayIterObject *)op)->seq);
    ft_object_free_memory(op);
}

static FtObject *
bytearray_iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
bytearray_iter_next(FtObject *op)
{
    ByteArrayIterObject *it = (ByteArrayIterObject *)op;
    // relaxed: stops an exhausted iterator's index from growing (the size is a snapshot).
    if (ft_atomic_load_ssize_relaxed(&it->index) >= ft_bytearray_size(it->seq))
        return NULL;
    // relaxed: the byte itself is read under the bytearray's section below.
    Ft_ssize i = ft_atomic_add_ssize_relaxed(&it->index, 1);
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(it->seq);
    if (i < size_lock_held(BA(it->seq)))
        res = ft_int_from_int64_ref((unsigned char)BA(it->seq)->ob_bytes[i]);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

FtTypeObject ft_bytearray_iterator_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "bytearray_iterator",
    .tp_basicsize = sizeof(ByteArrayIterObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = bytearray_iter_dealloc,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = bytearray_iter_self,
    .tp_iternext = bytearray_iter_next,
};

/* --- Methods --- */

// append(item, /) @locked
static FtObject *
bytearray_append_method(FtObject *self, FtObject *item)
{
    if (ft_bytearray_append(self, item) < 0)
        return NULL;
    return ft_none_ref();
}

// extend(iterable_of_ints, /) @locked
static FtObject *
bytearray_extend_method(FtObject *self, FtObject *iterable)
{
    if (ft_bytes_check(iterable) || ft_bytearray_check(iterable)) {
        if (ft_bytearray_extend_buffer(self, iterable) < 0)
            return NULL;
        return ft_none_ref();
    }
    if (ft_str_check(iterable)) {
        // CPython rejects a str only once it yields an item, so '' extends by nothing.
        if (ft_str_length(iterable) == 0)
            return ft_none_ref();
        return ft_error_format(&ft_exc_type_error, "expected iterable of integers; got: 'str'");
    }
    // A buffer extends as a slice assignment, which wants a simple (C-contiguous) buffer.
    if (ft_memoryview_check(iterable) && !ft_memoryview_is_c_contiguous(iterable))
        return ft_error_format(&ft_exc_type_error, "can't set bytearray slice from memoryview");
    char *buf;
    Ft_ssize n;
    int cr = ft_bytes_collect_ints(iterable, &buf, &n);
    if (cr == -2)
        return ft_error_format(&ft_exc_type_error, "can't extend bytearray with %.100s",
                               iterable->ob_type->tp_name);
    if (cr < 0) {
        if (ft_error_matches(&ft_exc_value_error)) {
            ft_error_clear();
            ft_error_set_string(&ft_exc_value_error, "byte must be in range(0, 256)");
        }
        return NULL;
    }
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    r = extend_data_lock_held(BA(self), buf, n);
    FT_END_CRITICAL_SECTION_OBJECT();
    free(buf);
    return r < 0 ? NULL : ft_none_ref();
}

// __sizeof__(): the object plus its byte buffer's capacity. @locked
static FtObject *
bytearray_sizeof_method(FtObject *self)
{
    Ft_ssize cap;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    cap = BA(self)->allocated;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_int_from_int64_ref((int64_t)(self->ob_type->tp_basicsize + (cap > 0 ? cap : 0)));
}

// insert(index, item, /) @locked
static FtObject *
bytearray_insert_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "insert expected 2 arguments, got %zd", nargs);
    Ft_ssize where;
    if (index_arg_kind(args[0], &where, INDEX_POSITION) < 0)
        return NULL;
    int v = byte_arg(args[1]);
    if (v < 0)
        return NULL;
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtByteArrayObject *ba = BA(self);
    Ft_ssize n = size_lock_held(ba);
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    r = resize_lock_held(ba, n + 1);
    if (r == 0) {
        memmove(ba->ob_bytes + where + 1, ba->ob_bytes + where, (size_t)(n - where));
        ba->ob_bytes[where] = (char)v;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return r < 0 ? NULL : ft_none_ref();
}

// pop(index=-1, /) @locked
static FtObject *
bytearray_pop_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "pop expected at most 1 argument, got %zd",
                               nargs);
    Ft_ssize i = -1;
    if (nargs == 1 && index_arg_kind(args[0], &i, INDEX_POSITION) < 0)
        return NULL;
    int v = ft_bytearray_pop(self, i);
    return v < 0 ? NULL : ft_int_from_int64_ref(v);
}

// remove(value, /) @locked
static FtObject *
bytearray_remove_method(FtObject *self, FtObject *value)
{
    int v = byte_arg(value);
    if (v < 0)
        return NULL;
    int r = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtByteArrayObject *ba = BA(self);
    Ft_ssize n = size_lock_held(ba);
    const char *hit = n > 0 ? memchr(ba->ob_bytes, v, (size_t)n) : NULL;
    if (hit == NULL) {
        ft_error_set_string(&ft_exc_value_error, "value not found in bytearray");
        r = -1;
    } else if (check_resizable_lock_held(ba) < 0) {
        r = -1;
    } else {
        Ft_ssize i = hit - ba->ob_bytes;
        memmove(ba->ob_bytes + i, ba->ob_bytes + i + 1, (size_t)(n - i - 1));
        r = resize_lock_held(ba, n - 1);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return r < 0 ? NULL : ft_none_ref();
}

// reverse() @locked
static FtObject *
bytearray_reverse_method(FtObject *self)
{
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtByteArrayObject *ba = BA(self);
    Ft_ssize n = size_lock_held(ba);
    for (Ft_ssize i = 0, j = n - 1; i < j; i++, j--) {
        char t = ba->ob_bytes[i];
        ba->ob_bytes[i] = ba->ob_bytes[j];
        ba->ob_bytes[j] = t;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_none_ref();
}

// clear() @locked
static FtObject *
bytearray_clear_method(FtObject *self)
{
    int r = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtByteArrayObject *ba = BA(self);
    if (size_lock_held(ba) > 0 && check_resizable_lock_held(ba) < 0) {
        r = -1;
    } else {
        ft_runtime_mem_free(ba->ob_bytes);
        ba->ob_bytes = NULL;
        ba->allocated = 0;
        set_size_lock_held(ba, 0);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return r < 0 ? NULL : ft_none_ref();
}

// resize(size, /) @locked: new bytes past the old end are zero (CPython 3.14).
static FtObject *
bytearray_resize_method(FtObject *self, FtObject *arg)
{
    // An argument-clinic Py_ssize_t: its own overflow text, not the index-sized one.
    FtObject *index = ft_number_index_ref(arg);
    if (index == NULL)
        return NULL;
    bool fits = true;
    Ft_ssize size = (Ft_ssize)ft_int_as_int64(index, &fits);
    ft_decref(index);
    if (!fits) {
        ft_error_clear();
        return ft_error_format(&ft_exc_overflow_error,
                               "Python int too large to convert to C ssize_t");
    }
    if (size < 0)
        return ft_error_format(&ft_exc_value_error, "Can only resize to positive sizes, got %zd",
                               size);
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtByteArrayObject *ba = BA(self);
    Ft_ssize old = size_lock_held(ba);
    r = resize_lock_held(ba, size);
    if (r == 0 && size > old)
        memset(ba->ob_bytes + old, 0, (size_t)(size - old));
    FT_END_CRITICAL_SECTION_OBJECT();
    return r < 0 ? NULL : ft_none_ref();
}

// copy() @locked
static FtObject *
bytearray_copy_method(FtObject *self)
{
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    Ft_ssize n;
    const char *p = ft_bytearray_data_lock_held(self, &n);
    res = ft_bytearray_from_data_ref(p, n);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// __alloc__(): the capacity of the buffer, counting the trailing NUL.
static FtObject *
bytearray_alloc_method(FtObject *self)
{
    Ft_ssize n;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    n = BA(self)->allocated;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_int_from_int64_ref(n);
}

// (type(self), args, state) for pickling: protocols below 3 cannot store bytes, so the contents
// travel as a latin-1 str; state is the instance __dict__ when it holds anything, else None.
static FtObject *
reduce_common(FtObject *self, int64_t proto)
{
    FtObject *state = NULL;
    FtObject *dict = ft_object_get_attr_cstr_ref(self, "__dict__");
    if (dict == NULL) {
        if (!ft_error_matches(&ft_exc_attribute_error))
            return NULL;
        ft_error_clear();
    } else if (ft_dict_check(dict) && ft_dict_size(dict) > 0) {
        state = dict;
    } else {
        ft_decref(dict);
    }
    if (state == NULL)
        state = ft_none_ref();
    FtObject *snap = ft_bytearray_to_bytes_ref(self);
    FtObject *args = NULL;
    if (snap != NULL) {
        if (proto >= 3) {
            args = ft_tuple_pack_ref(1, snap);
        } else if (ft_bytes_size(snap) == 0) {
            args = ft_tuple_pack_ref(0);
        } else {
            FtObject *text = ft_str_decode_ref(ft_bytes_data(snap), ft_bytes_size(snap), "latin-1",
                                           "strict");
            FtObject *enc = text != NULL ? ft_str_from_ascii_ref("latin-1") : NULL;
            if (enc != NULL)
                args = ft_tuple_pack_ref(2, text, enc);
            ft_xdecref(text);
            ft_xdecref(enc);
        }
        ft_decref(snap);
    }
    FtObject *res = NULL;
    if (args != NULL) {
        res = ft_tuple_pack_ref(3, (FtObject *)self->ob_type, args, state);
        ft_decref(args);
    }
    ft_decref(state);
    return res;
}

// __reduce__()
static FtObject *
bytearray_reduce_method(FtObject *self)
{
    return reduce_common(self, 2);
}

// __reduce_ex__(proto=0, /)
static FtObject *
bytearray_reduce_ex_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error,
                               "__reduce_ex__ expected at most 1 argument, got %zd", nargs);
    int64_t proto = 0;
    if (nargs == 1) {
        Ft_ssize p = ft_number_as_ssize(args[0], &ft_exc_overflow_error);
        if (p == -1 && ft_error_occurred()) {
            if (!ft_error_matches(&ft_exc_overflow_error))
                return NULL;
            ft_error_clear();
            p = INT64_MAX;
        }
        // The protocol is a C int, as in CPython.
        if (p > INT32_MAX || p < INT32_MIN)
            return ft_error_format(&ft_exc_overflow_error,
                                   "Python int too large to convert to C int");
        proto = p;
    }
    return reduce_common(self, proto);
}

static FtObject *
bytearray_fromhex(FtObject *cls, FtObject *arg)
{
    Ft_ssize n;
    char *buf = ft_bytes_parse_hex(arg, &n);
    if (buf == NULL)
        return NULL;
    FtObject *res = ft_bytearray_from_data_ref(buf, n);
    free(buf);
    if (res == NULL || cls == (FtObject *)&ft_bytearray_type)
        return res;
    // A subclass: cls(bytearray), as CPython's bytearray.fromhex.
    FtObject *sub = ft_object_vectorcall_ref(cls, &res, 1, NULL);
    ft_decref(res);
    return sub;
}

// Wrappers running a shared method inside self's section, bytearray arguments first copied to
// bytes snapshots outside it.
#define BA_SNAPSHOT_MAX 4

static int
snapshot_args(const char *method, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
              Ft_ssize n, FtObject **snap)
{
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *kwname = i < nargs ? NULL : ft_tuple_get_item_borrow(kwnames, i - nargs);
        snap[i] = ft_memoryview_snapshot_arg_ref(method, i, kwname, args[i]);
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

#define BA_WRAP_NOARGS(name)                          \
    static FtObject *ba_m_##name(FtObject *self)      \
    {                                                 \
        FtObject *res;                                \
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);       \
        res = ft_bytes_method_##name(self);           \
        FT_END_CRITICAL_SECTION_OBJECT();             \
        return res;                                   \
    }
#define BA_WRAP_O(name)                                                       \
    static FtObject *ba_m_##name(FtObject *self, FtObject *arg)               \
    {                                                                         \
        FtObject *snap = ft_memoryview_snapshot_arg_ref(#name, 0, NULL, arg); \
        if (snap == NULL)                                                     \
            return NULL;                                                      \
        FtObject *res;                                                        \
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);                               \
        res = ft_bytes_method_##name(self, snap);                             \
        FT_END_CRITICAL_SECTION_OBJECT();                                     \
        ft_decref(snap);                                                      \
        return res;                                                           \
    }
#define BA_WRAP_FAST(name)                                                               \
    static FtObject *ba_m_##name(FtObject *self, FtObject *const *args, Ft_ssize nargs)  \
    {                                                                                    \
        FtObject *snap[BA_SNAPSHOT_MAX];                                                 \
        if (nargs > BA_SNAPSHOT_MAX)   /* rejected by the count check, unread */         \
            return ft_bytes_method_##name(self, args, nargs);                            \
        if (snapshot_args(#name, args, nargs, NULL, nargs, snap) < 0)                    \
            return NULL;                                                                 \
        FtObject *res;                                                                   \
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);                                          \
        res = ft_bytes_method_##name(self, snap, nargs);                                 \
        FT_END_CRITICAL_SECTION_OBJECT();                                                \
        drop_snapshot(snap, nargs);                                                      \
        return res;                                                                      \
    }
#define BA_WRAP_FAST_KW(name)                                                            \
    static FtObject *ba_m_##name(FtObject *self, FtObject *const *args, Ft_ssize nargs,  \
                                 FtObject *kwnames)                                      \
    {                                                                                    \
        FtObject *snap[BA_SNAPSHOT_MAX];                                                 \
        Ft_ssize total = nargs + (kwnames == NULL ? 0 : ft_tuple_size(kwnames));         \
        if (total > BA_SNAPSHOT_MAX)   /* rejected by the argument check, unread */      \
            return ft_bytes_method_##name(self, args, nargs, kwnames);                   \
        if (snapshot_args(#name, args, nargs, kwnames, total, snap) < 0)                 \
            return NULL;                                                                 \
        FtObject *res;                                                                   \
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);                                          \
        res = ft_bytes_method_##name(self, snap, nargs, kwnames);                        \
        FT_END_CRITICAL_SECTION_OBJECT();                                                \
        drop_snapshot(snap, total);                                                      \
        return res;                                                                      \
    }
#define BA_WRAP(name, conv) BA_WRAP_##conv(name)
FT_BYTES_SHARED_METHODS(BA_WRAP)

#define BA_DEF_NOARGS(name) {#name, {.noargs = ba_m_##name}, FT_METH_NOARGS, NULL},
#define BA_DEF_O(name) {#name, {.o = ba_m_##name}, FT_METH_O, NULL},
#define BA_DEF_FAST(name) {#name, {.fast = ba_m_##name}, FT_METH_FASTCALL, NULL},
#define BA_DEF_FAST_KW(name) \
    {#name, {.fast_kw = ba_m_##name}, FT_METH_FASTCALL | FT_METH_KEYWORDS, NULL},
#define BA_DEF(name, conv) BA_DEF_##conv(name)

static const FtMethodDef bytearray_methods[] = {
    FT_BYTES_SHARED_METHODS(BA_DEF)
    {"append", {.o = bytearray_append_method}, FT_METH_O, NULL},
    {"__sizeof__", {.noargs = bytearray_sizeof_method}, FT_METH_NOARGS,
     "Returns the size of the bytearray object in memory, in bytes."},
    {"extend", {.o = bytearray_extend_method}, FT_METH_O, NULL},
    {"insert", {.fast = bytearray_insert_method}, FT_METH_FASTCALL, NULL},
    {"pop", {.fast = bytearray_pop_method}, FT_METH_FASTCALL, NULL},
    {"remove", {.o = bytearray_remove_method}, FT_METH_O, NULL},
    {"reverse", {.noargs = bytearray_reverse_method}, FT_METH_NOARGS, NULL},
    {"clear", {.noargs = bytearray_clear_method}, FT_METH_NOARGS, NULL},
    {"copy", {.noargs = bytearray_copy_method}, FT_METH_NOARGS, NULL},
    {"resize", {.o = bytearray_resize_method}, FT_METH_O, NULL},
    {"__alloc__", {.noargs = bytearray_alloc_method}, FT_METH_NOARGS, NULL},
    {"__buffer__", {.fast = ft_memoryview_method_buffer}, FT_METH_FASTCALL, NULL},
    {"__release_buffer__", {.fast = ft_memoryview_method_release_buffer}, FT_METH_FASTCALL,
     NULL},
    {"__reduce__", {.noargs = bytearray_reduce_method}, FT_METH_NOARGS, NULL},
    {"__reduce_ex__", {.fast = bytearray_reduce_ex_method}, FT_METH_FASTCALL, NULL},
    {"fromhex", {.o = bytearray_fromhex}, FT_METH_O | FT_METH_CLASS, NULL},
    {"maketrans", {.fast = ft_bytes_method_maketrans}, FT_METH_FASTCALL | FT_METH_STATIC, NULL},
    {NULL, {NULL}, 0, NULL},
};

/* --- Type object --- */

static FtObject *
bytearray_remainder(FtObject *a, FtObject *b)
{
    if (!ft_bytearray_check(a))
        return FT_NOT_IMPLEMENTED;
    return ft_bytes_percent_format_ref(a, b);   // snapshots a itself, outside any section
}

static FtNumberMethods bytearray_as_number = {
    .nb_remainder = bytearray_remainder,
};

static FtSequenceMethods bytearray_as_sequence = {
    .sq_length = bytearray_length,
    .sq_concat = bytearray_concat,
    .sq_repeat = bytearray_repeat,
    .sq_item = bytearray_item,
    .sq_ass_item = bytearray_ass_item,
    .sq_contains = bytearray_contains,
    .sq_inplace_concat = bytearray_inplace_concat,
    .sq_inplace_repeat = bytearray_inplace_repeat,
};

static FtMappingMethods bytearray_as_mapping = {
    .mp_length = bytearray_length,
    .mp_subscript = bytearray_subscript,
    .mp_ass_subscript = bytearray_ass_subscript,
};

FtTypeObject ft_bytearray_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "bytearray",
    .tp_basicsize = sizeof(FtByteArrayObject),
    .tp_flags = FT_TPFLAGS_BASETYPE,
    .tp_dealloc = bytearray_dealloc,
    .tp_repr = bytearray_repr,
    .tp_str = bytearray_repr,   // TODO(#4): the -b flag's BytesWarning
    .tp_richcompare = bytearray_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_new = bytearray_new,
    .tp_init = bytearray_init,
    .tp_iter = bytearray_iter,
    .tp_as_number = &bytearray_as_number,
    .tp_as_sequence = &bytearray_as_sequence,
    .tp_as_mapping = &bytearray_as_mapping,
    .tp_methods = bytearray_methods,
    .tp_doc = "bytearray(iterable_of_ints) -> bytearray",
};

int
ft_bytearray_init_types(void)
{
    if (ft_type_ready(&ft_bytearray_type) < 0)
        return -1;
    return ft_type_ready(&ft_bytearray_iterator_type);
}

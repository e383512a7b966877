// objects/memoryview.c: memoryview (CPython's Objects/memoryobject.c) for one-dimensional views of
// unsigned bytes (format 'B', itemsize 1) over bytes and bytearray.
//
// Layout: the viewed object (bytes or bytearray, strong) and the selection start, start + step,
// ..., len items (step may be negative after slicing). A slice of a view is a new view of the same
// object with the composed selection.
//
// Invariants: obj, start, step, len and readonly never change after publication; for a bytes object
// every selected position is inside its data. A bytearray may shrink under the view (ftpy has no
// buffer-export counting yet), so every access re-checks the position against its current size
// under its section and raises IndexError instead of reading past the end.
//
// Concurrency:
//   obj/start/step/len/readonly     immutable after publication, read lock-free
//   released                        atomic (relaxed): a flag; release() only sets it
//   bytes of a bytes object         immutable, read lock-free
//   bytes of a bytearray object     read and written under the bytearray's critical section
//
// Missing (TODO(#4)): other formats and cast(), multi-dimensional shapes, the buffer protocol for
// other exporters, export counting (a bytearray with a live view can still be resized), __iter__
// as memory_iterator (iteration uses the sequence protocol), toreadonly().
#include <string.h>   // memcpy

#include "objects/memoryview.h"

#include "objects/abstract.h"       // ft_number_as_ssize ft_object_call_method_cstr_ref
#include "objects/bytearray.h"      // ft_bytearray_check ft_bytearray_data_lock_held
#include "objects/bytes.h"          // ft_bytes_*
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/int.h"            // ft_int_* ft_bool_from
#include "objects/list.h"           // ft_list_new_ref ft_list_set_item_steal
#include "objects/method_def.h"     // FtMethodDef FtGetSetDef FT_METH_*
#include "objects/object.h"         // ft_object_* FT_VAR_OBJECT_HEAD_INIT FT_NOT_IMPLEMENTED
#include "objects/slice.h"          // ft_slice_check ft_slice_unpack ft_slice_adjust_indices
#include "objects/str.h"            // ft_str_*
#include "objects/tuple.h"          // ft_tuple_*
#include "objects/type.h"           // ft_type_ready
#include "runtime/object_lock.h"    // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"       // ft_incref ft_decref ft_new_ref
#include "sync/atomic.h"            // ft_atomic_*

typedef struct {
    FtObject ob_base;
    FtObject *obj;     // immutable after publish: the bytes or bytearray viewed (strong)
    Ft_ssize start;    // immutable after publish: position of item 0 in obj
    Ft_ssize step;     // immutable after publish: distance between items (non-zero)
    Ft_ssize len;      // immutable after publish: number of items
    bool readonly;     // immutable after publish: true over a bytes
    int released;      // atomic (relaxed): 1 after release()
} MemoryViewObject;

#define MV(op) ((MemoryViewObject *)(op))

/* --- Helpers --- */

// 0, or -1 with ValueError when the view was released.
static int
check_released(MemoryViewObject *mv)
{
    // relaxed: a flag that orders nothing; a racing release() may or may not be seen.
    if (ft_atomic_load_int_relaxed(&mv->released)) {
        ft_error_set_string(&ft_exc_value_error,
                            "operation forbidden on released memoryview object");
        return -1;
    }
    return 0;
}

static FtObject *
view_new_ref(FtObject *obj, Ft_ssize start, Ft_ssize step, Ft_ssize len, bool readonly)
{
    MemoryViewObject *mv = (MemoryViewObject *)ft_object_new_of_type(&ft_memoryview_type, 0);
    if (mv == NULL)
        return NULL;
    mv->obj = ft_new_ref(obj);   // unpublished: plain stores
    mv->start = start;
    mv->step = step;
    mv->len = len;
    mv->readonly = readonly;
    mv->released = 0;
    return (FtObject *)mv;
}

// Copies the selected bytes into out (mv->len bytes). Over a bytearray the caller holds its
// section. 0, or -1 with IndexError when the bytearray shrank below the selection.
static int
copy_out_lock_held(MemoryViewObject *mv, char *out)
{
    const char *data;
    Ft_ssize size;
    if (!ft_bytes_view(mv->obj, &data, &size))
        return 0;   // unreachable: obj is bytes or bytearray
    if (mv->len > 0) {
        Ft_ssize last = mv->start + (mv->len - 1) * mv->step;
        if (mv->start >= size || last >= size || mv->start < 0 || last < 0) {
            ft_error_set_string(&ft_exc_index_error, "index out of bounds on dimension 1");
            return -1;
        }
    }
    if (mv->step == 1) {
        if (mv->len > 0)
            memcpy(out, data + mv->start, (size_t)mv->len);
    } else {
        for (Ft_ssize i = 0; i < mv->len; i++)
            out[i] = data[mv->start + i * mv->step];
    }
    return 0;
}

/* --- Internal API --- */

FtObject *
ft_memoryview_from_object_ref(FtObject *obj)
{
    if (ft_memoryview_check(obj)) {
        MemoryViewObject *src = MV(obj);
        if (check_released(src) < 0)
            return NULL;
        return view_new_ref(src->obj, src->start, src->step, src->len, src->readonly);
    }
    if (ft_bytes_check(obj))
        return view_new_ref(obj, 0, 1, ft_bytes_size(obj), true);
    if (ft_bytearray_check(obj))
        return view_new_ref(obj, 0, 1, ft_bytearray_size(obj), false);
    return ft_error_format(&ft_exc_type_error,
                           "memoryview: a bytes-like object is required, not '%.200s'",
                           obj->ob_type->tp_name);
}

FtObject *
ft_memoryview_to_bytes_ref(FtObject *op)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return NULL;
    FtObject *res = ft_bytes_new_uninit_ref(mv->len);
    if (res == NULL)
        return NULL;
    int r;
    if (ft_bytearray_check(mv->obj)) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(mv->obj);
        r = copy_out_lock_held(mv, ft_bytes_data_unlocked(res));
        FT_END_CRITICAL_SECTION_OBJECT();
    } else {
        r = copy_out_lock_held(mv, ft_bytes_data_unlocked(res));
    }
    if (r < 0) {
        ft_decref(res);
        return NULL;
    }
    return res;
}

/* --- Slots --- */

static FtObject *
memoryview_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    FtObject *object = nargs > 0 ? args[0] : NULL;
    if (nargs + nkw > 1)
        return ft_error_format(&ft_exc_type_error,
                               "memoryview() takes at most 1 argument (%zd given)", nargs + nkw);
    if (nkw == 1) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, 0);
        if (!ft_str_equal_cstr(key, "object"))
            return ft_error_format(&ft_exc_type_error,
                                   "memoryview() got an unexpected keyword argument '%U'", key);
        object = args[nargs];
    }
    if (object == NULL)
        return ft_error_format(&ft_exc_type_error,
                               "memoryview() missing required argument 'object' (pos 1)");
    (void)type;
    return ft_memoryview_from_object_ref(object);
}

static void
memoryview_dealloc(FtObject *op)
{
    ft_decref(MV(op)->obj);
    ft_object_free_memory(op);
}

static int
memoryview_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(MV(op)->obj, arg);
}

static FtObject *
memoryview_repr(FtObject *op)
{
    // relaxed: see check_released.
    if (ft_atomic_load_int_relaxed(&MV(op)->released))
        return ft_str_from_format_ref("<released memory at %p>", (void *)op);
    return ft_str_from_format_ref("<memory at %p>", (void *)op);
}

static Ft_ssize
memoryview_length(FtObject *op)
{
    if (check_released(MV(op)) < 0)
        return -1;
    return MV(op)->len;
}

// The byte at item i (0 <= i < len) as an int.
static FtObject *
memoryview_item(FtObject *op, Ft_ssize i)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return NULL;
    if (i < 0 || i >= mv->len)
        return ft_error_format(&ft_exc_index_error, "index out of bounds on dimension 1");
    Ft_ssize pos = mv->start + i * mv->step;
    int value = -1;
    if (ft_bytearray_check(mv->obj)) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(mv->obj);
        Ft_ssize size;
        const char *data = ft_bytearray_data_lock_held(mv->obj, &size);
        if (pos < size)
            value = (unsigned char)data[pos];
        FT_END_CRITICAL_SECTION_OBJECT();
    } else {
        value = (unsigned char)ft_bytes_data(mv->obj)[pos];
    }
    if (value < 0)
        return ft_error_format(&ft_exc_index_error, "index out of bounds on dimension 1");
    return ft_int_from_int64_ref(value);
}

// True if key can index a sequence (an int or an object with __index__).
static bool
has_index(FtObject *key)
{
    return ft_int_check(key) ||
           (key->ob_type->tp_as_number != NULL && key->ob_type->tp_as_number->nb_index != NULL);
}

// An item index from key, made non-negative. 0 or -1.
static int
item_index(MemoryViewObject *mv, FtObject *key, Ft_ssize *out)
{
    Ft_ssize i = ft_number_as_ssize(key, &ft_exc_index_error);
    if (i == -1 && ft_error_occurred())
        return -1;
    if (i < 0)
        i += mv->len;
    *out = i;
    return 0;
}

static FtObject *
memoryview_subscript(FtObject *op, FtObject *key)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return NULL;
    if (has_index(key)) {
        Ft_ssize i;
        if (item_index(mv, key, &i) < 0)
            return NULL;
        return memoryview_item(op, i);
    }
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return NULL;
        Ft_ssize n = ft_slice_adjust_indices(mv->len, &start, &stop, step);
        return view_new_ref(mv->obj, mv->start + start * mv->step, mv->step * step, n,
                            mv->readonly);
    }
    return ft_error_format(&ft_exc_type_error, "memoryview: invalid slice key");
}

// A byte value for format 'B': 0 <= v < 256. -1 with CPython's errors.
static int
byte_value(FtObject *v)
{
    if (!ft_int_check(v)) {
        ft_error_set_string(&ft_exc_type_error, "memoryview: invalid type for format 'B'");
        return -1;
    }
    bool ok = true;
    int64_t x = ft_int_as_int64(v, &ok);
    if (!ok)
        ft_error_clear();
    if (!ok || x < 0 || x > 255) {
        ft_error_set_string(&ft_exc_value_error, "memoryview: invalid value for format 'B'");
        return -1;
    }
    return (int)x;
}

// Writes n bytes of src into the selection start, start + step, ... of the bytearray mv->obj.
static int
write_bytes(MemoryViewObject *mv, Ft_ssize start, Ft_ssize step, const char *src, Ft_ssize n)
{
    int res = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(mv->obj);
    Ft_ssize size;
    // The bytearray's own buffer, written under its section as bytearray's methods do.
    char *data = (char *)ft_bytearray_data_lock_held(mv->obj, &size);
    Ft_ssize last = start + (n - 1) * step;
    if (n > 0 && (start >= size || last >= size || start < 0 || last < 0)) {
        ft_error_set_string(&ft_exc_index_error, "index out of bounds on dimension 1");
        res = -1;
    } else {
        for (Ft_ssize i = 0; i < n; i++)
            data[start + i * step] = src[i];
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static int
memoryview_ass_subscript(FtObject *op, FtObject *key, FtObject *value)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return -1;
    if (mv->readonly) {
        ft_error_set_string(&ft_exc_type_error, "cannot modify read-only memory");
        return -1;
    }
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "cannot delete memory");
        return -1;
    }
    if (has_index(key)) {
        Ft_ssize i;
        if (item_index(mv, key, &i) < 0)
            return -1;
        if (i < 0 || i >= mv->len) {
            ft_error_set_string(&ft_exc_index_error, "index out of bounds on dimension 1");
            return -1;
        }
        int b = byte_value(value);
        if (b < 0)
            return -1;
        char c = (char)b;
        return write_bytes(mv, mv->start + i * mv->step, 1, &c, 1);
    }
    if (!ft_slice_check(key)) {
        ft_error_set_string(&ft_exc_type_error, "memoryview: invalid slice key");
        return -1;
    }
    Ft_ssize start, stop, step;
    if (ft_slice_unpack(key, &start, &stop, &step) < 0)
        return -1;
    Ft_ssize n = ft_slice_adjust_indices(mv->len, &start, &stop, step);
    // The source is copied first: it may be this very bytearray.
    FtObject *src;
    if (ft_memoryview_check(value)) {
        src = ft_memoryview_to_bytes_ref(value);
    } else if (ft_bytes_check(value) || ft_bytearray_check(value)) {
        src = ft_bytes_from_object_ref(value);
    } else {
        ft_error_format(&ft_exc_type_error, "a bytes-like object is required, not '%.200s'",
                        value->ob_type->tp_name);
        return -1;
    }
    if (src == NULL)
        return -1;
    int res;
    if (ft_bytes_size(src) != n) {
        ft_error_set_string(&ft_exc_value_error,
                            "memoryview assignment: lvalue and rvalue have different structures");
        res = -1;
    } else {
        res = write_bytes(mv, mv->start + start * mv->step, mv->step * step, ft_bytes_data(src), n);
    }
    ft_decref(src);
    return res;
}

static FtObject *
memoryview_richcompare(FtObject *v, FtObject *w, int op)
{
    if (op != FT_EQ && op != FT_NE)
        return FT_NOT_IMPLEMENTED;
    if (v == w)
        return ft_bool_from(op == FT_EQ);
    // relaxed: see check_released. A released view equals only itself.
    if (ft_atomic_load_int_relaxed(&MV(v)->released) ||
        (ft_memoryview_check(w) && ft_atomic_load_int_relaxed(&MV(w)->released)))
        return ft_bool_from(op == FT_NE);
    FtObject *other;
    if (ft_memoryview_check(w))
        other = ft_memoryview_to_bytes_ref(w);
    else if (ft_bytes_check(w) || ft_bytearray_check(w))
        other = ft_bytes_from_object_ref(w);
    else
        return FT_NOT_IMPLEMENTED;
    if (other == NULL)
        return NULL;
    FtObject *mine = ft_memoryview_to_bytes_ref(v);
    if (mine == NULL) {
        ft_decref(other);
        return NULL;
    }
    FtObject *res = ft_bytes_compare_data(ft_bytes_data(mine), ft_bytes_size(mine),
                                          ft_bytes_data(other), ft_bytes_size(other), op);
    ft_decref(mine);
    ft_decref(other);
    return res;
}

static Ft_hash
memoryview_hash(FtObject *op)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return -1;
    if (!mv->readonly) {
        ft_error_set_string(&ft_exc_value_error, "cannot hash writable memoryview object");
        return -1;
    }
    FtObject *b = ft_memoryview_to_bytes_ref(op);
    if (b == NULL)
        return -1;
    Ft_hash h = ft_object_hash(b);
    ft_decref(b);
    return h;
}

/* --- Methods --- */

// tobytes(order='C')
static FtObject *
memoryview_tobytes(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)args;
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 1)
        return ft_error_format(&ft_exc_type_error,
                               "tobytes() takes at most 1 argument (%zd given)", nargs + nkw);
    return ft_memoryview_to_bytes_ref(self);
}

// tolist()
static FtObject *
memoryview_tolist(FtObject *self)
{
    FtObject *b = ft_memoryview_to_bytes_ref(self);
    if (b == NULL)
        return NULL;
    Ft_ssize n = ft_bytes_size(b);
    FtObject *list = ft_list_new_ref(n);
    for (Ft_ssize i = 0; list != NULL && i < n; i++) {
        FtObject *v = ft_int_from_int64_ref((unsigned char)ft_bytes_data(b)[i]);
        if (v == NULL || ft_list_set_item_steal(list, i, v) < 0) {
            ft_decref(list);
            list = NULL;
        }
    }
    ft_decref(b);
    return list;
}

// hex(sep=<unrepresentable>, bytes_per_sep=1): bytes.hex of the selected bytes.
static FtObject *
memoryview_hex(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtObject *b = ft_memoryview_to_bytes_ref(self);
    if (b == NULL)
        return NULL;
    FtObject *meth = ft_object_get_attr_cstr_ref(b, "hex");
    FtObject *res = NULL;
    if (meth != NULL) {
        res = ft_object_vectorcall_ref(meth, args, (size_t)nargs, kwnames);
        ft_decref(meth);
    }
    ft_decref(b);
    return res;
}

// release()
static FtObject *
memoryview_release(FtObject *self)
{
    // relaxed: see check_released.
    ft_atomic_store_int_relaxed(&MV(self)->released, 1);
    return ft_none_ref();
}

// __enter__()
static FtObject *
memoryview_enter(FtObject *self)
{
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_new_ref(self);
}

// __exit__(*exc_info)
static FtObject *
memoryview_exit(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)args;
    (void)nargs;
    return memoryview_release(self);
}

static const FtMethodDef memoryview_methods[] = {
    {"release", {.noargs = memoryview_release}, FT_METH_NOARGS,
     "Release the underlying buffer exposed by the memoryview object."},
    {"tobytes", {.fast_kw = memoryview_tobytes}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Return the data in the buffer as a byte string."},
    {"hex", {.fast_kw = memoryview_hex}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Return the data in the buffer as a str of hexadecimal numbers."},
    {"tolist", {.noargs = memoryview_tolist}, FT_METH_NOARGS,
     "Return the data in the buffer as a list of elements."},
    {"__enter__", {.noargs = memoryview_enter}, FT_METH_NOARGS, NULL},
    {"__exit__", {.fast = memoryview_exit}, FT_METH_FASTCALL,
     "Release the underlying buffer exposed by the memoryview object."},
    {NULL, {NULL}, 0, NULL},
};

/* --- Attributes --- */

static FtObject *
get_obj(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_new_ref(MV(self)->obj);
}

static FtObject *
get_nbytes(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_int_from_int64_ref(MV(self)->len);
}

static FtObject *
get_readonly(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_bool_from(MV(self)->readonly);
}

static FtObject *
get_itemsize(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_int_from_int64_ref(1);
}

static FtObject *
get_format(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_str_from_ascii_ref("B");
}

static FtObject *
get_ndim(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_int_from_int64_ref(1);
}

// (value,) for shape and strides.
static FtObject *
one_tuple(Ft_ssize value)
{
    FtObject *v = ft_int_from_int64_ref(value);
    if (v == NULL)
        return NULL;
    FtObject *t = ft_tuple_pack_ref(1, v);
    ft_decref(v);
    return t;
}

static FtObject *
get_shape(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return one_tuple(MV(self)->len);
}

static FtObject *
get_strides(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return one_tuple(MV(self)->step);
}

// c_contiguous / f_contiguous / contiguous: one dimension, so all three agree.
static FtObject *
get_contiguous(FtObject *self, void *closure)
{
    (void)closure;
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_bool_from(MV(self)->step == 1 || MV(self)->len <= 1);
}

static const FtGetSetDef memoryview_getset[] = {
    {"obj", get_obj, NULL, "The underlying object of the memoryview.", NULL},
    {"nbytes", get_nbytes, NULL, "The amount of space in bytes that the array would use.", NULL},
    {"readonly", get_readonly, NULL, "A bool indicating whether the memory is read only.", NULL},
    {"itemsize", get_itemsize, NULL, "The size in bytes of each element.", NULL},
    {"format", get_format, NULL, "A string containing the format of each element.", NULL},
    {"ndim", get_ndim, NULL, "The number of dimensions of the memory.", NULL},
    {"shape", get_shape, NULL, "A tuple of ndim integers giving the shape of the memory.", NULL},
    {"strides", get_strides, NULL, "A tuple of ndim integers giving the strides.", NULL},
    {"c_contiguous", get_contiguous, NULL, "A bool indicating whether the memory is C contiguous.",
     NULL},
    {"f_contiguous", get_contiguous, NULL,
     "A bool indicating whether the memory is Fortran contiguous.", NULL},
    {"contiguous", get_contiguous, NULL, "A bool indicating whether the memory is contiguous.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* --- Type object --- */

static FtSequenceMethods memoryview_as_sequence = {
    .sq_length = memoryview_length,
    .sq_item = memoryview_item,
};

static FtMappingMethods memoryview_as_mapping = {
    .mp_length = memoryview_length,
    .mp_subscript = memoryview_subscript,
    .mp_ass_subscript = memoryview_ass_subscript,
};

FtTypeObject ft_memoryview_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "memoryview",
    .tp_basicsize = sizeof(MemoryViewObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = memoryview_dealloc,
    .tp_traverse = memoryview_traverse,
    .tp_repr = memoryview_repr,
    .tp_hash = memoryview_hash,
    .tp_richcompare = memoryview_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_new = memoryview_new,
    .tp_methods = memoryview_methods,
    .tp_getset = memoryview_getset,
    .tp_as_sequence = &memoryview_as_sequence,
    .tp_as_mapping = &memoryview_as_mapping,
    .tp_doc = "Create a new memoryview object which references the given object.",
};

int
ft_memoryview_init_types(void)
{
    return ft_type_ready(&ft_memoryview_type);
}

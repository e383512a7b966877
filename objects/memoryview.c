// objects/memoryview.c: memoryview (CPython's Objects/memoryobject.c) over bytes and bytearray:
// native single-character formats, cast() to any shape, slicing of one-dimensional views, the
// buffer-export protocol (__buffer__/__release_buffer__) and the memory_iterator.
//
// Layout: the data lives in `base` (a bytes or bytearray); item (i0, ..., in-1) starts at byte
// offset + i0 * strides[0] + ... + in-1 * strides[n-1] of base's data, itemsize bytes long, in
// the native layout of `format`. `obj` is what .obj reports: base, or the memoryview whose
// __buffer__ made this view. The object is var-sized like CPython's (tp_itemsize is an Ft_ssize):
// dims holds ob_size == 2 * ndim entries, the shape then the strides.
//
// Invariants: every field but `released` and `exports` is immutable after publication. A view
// over a bytearray holds one export on it (ft_bytearray_add_export) from creation until it is
// released or freed, so the bytearray cannot change size while a live view exists; every access
// still re-checks the positions against the current size under the bytearray's section.
//
// Concurrency:
//   obj/base/parent/format/shape/...  immutable after publication, read lock-free
//   released                          atomic (acq_rel exchange): set once; whoever flips it drops
//                                     the exports this view holds
//   exports                           atomic (relaxed): count of live views made by __buffer__
//   bytes of a bytes object           immutable, read lock-free
//   bytes of a bytearray object       read and written under the bytearray's critical section
//
// Missing (TODO(#4)): struct formats other than native single characters ('<i', 'ii'),
// suboffsets (PIL-style), multi-dimensional slicing and sub-views, the buffer
// protocol of exporters other than bytes, bytearray and memoryview.
#include <math.h>     // ldexp frexp rint fabs isnan isinf
#include <stdint.h>   // int64_t uint64_t
#include <stdlib.h>   // free
#include <string.h>   // memcpy memcmp

#include "objects/memoryview.h"

#include "objects/abstract.h"       // ft_number_as_ssize
#include "objects/bigint.h"         // ft_bigint_from_uint64
#include "objects/bytearray.h"      // ft_bytearray_check ft_bytearray_data_lock_held
#include "objects/bytes.h"          // ft_bytes_*
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/float.h"          // ft_float_from_double_ref ft_float_as_double
#include "objects/int.h"            // ft_int_* ft_bool_from
#include "objects/list.h"           // ft_list_*
#include "objects/method_def.h"     // FtMethodDef FtGetSetDef FT_METH_*
#include "objects/object.h"         // ft_object_* FT_VAR_OBJECT_HEAD_INIT FT_NOT_IMPLEMENTED
#include "objects/slice.h"          // ft_slice_check ft_slice_unpack ft_slice_adjust_indices
#include "objects/str.h"            // ft_str_*
#include "objects/str_methods.h"    // ft_str_encode ft_str_check_utf8_arg
#include "objects/tuple.h"          // ft_tuple_*
#include "objects/type.h"           // ft_type_ready
#include "runtime/object_lock.h"    // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"       // ft_incref ft_decref ft_new_ref
#include "sync/atomic.h"            // ft_atomic_*

#define MV_MAX_NDIM 64

typedef struct {
    FtVarObject ob_base;  // ob_size immutable after publish: 2 * ndim
    FtObject *obj;        // immutable after publish: reported by .obj (strong)
    FtObject *base;       // immutable after publish: the bytes or bytearray with the data (strong)
    FtObject *parent;     // immutable after publish: the memoryview whose __buffer__ made this
                          // view, or NULL (strong, dropped at dealloc; release() only gives back
                          // the export counted in the parent's exports)
    Ft_ssize offset;      // immutable after publish: byte offset of the first item in base
    Ft_ssize itemsize;    // immutable after publish
    Ft_ssize nbytes;      // immutable after publish: product(shape) * itemsize
    Ft_ssize *shape;      // immutable after publish: dims (kept as a pointer so that a stack
                          // copy can describe a sub-selection)
    int ndim;             // immutable after publish: 0..MV_MAX_NDIM
    char format;          // immutable after publish: a native struct code
    char format_text[3];  // immutable after publish: .format as given ("B", "@B")
    bool readonly;        // immutable after publish
    int released;         // atomic: 1 once release() (or dealloc) has run
    Ft_ssize exports;     // atomic (relaxed): live views made by this view's __buffer__
    Ft_ssize dims[];      // immutable after publish: ndim shape entries, then ndim strides
} MemoryViewObject;

#define MV(op) ((MemoryViewObject *)(op))

static inline Ft_ssize *
mv_strides(MemoryViewObject *mv)
{
    return mv->shape + mv->ndim;
}

/* --- Formats --- */

// The size of a native single-character struct code, or 0 when ftpy does not support it.
static Ft_ssize
format_size(char f)
{
    switch (f) {
    case 'c': case 'b': case 'B': case '?': return 1;
    case 'h': case 'H': return (Ft_ssize)sizeof(short);
    case 'i': case 'I': return (Ft_ssize)sizeof(int);
    case 'l': case 'L': return (Ft_ssize)sizeof(long);
    case 'q': case 'Q': return (Ft_ssize)sizeof(long long);
    case 'n': case 'N': return (Ft_ssize)sizeof(Ft_ssize);
    case 'P': return (Ft_ssize)sizeof(void *);
    case 'e': return 2;
    case 'f': return (Ft_ssize)sizeof(float);
    case 'd': return (Ft_ssize)sizeof(double);
    default: return 0;
    }
}

static bool
is_byte_format(char f)
{
    return f == 'b' || f == 'B' || f == 'c';
}

static bool
is_signed_format(char f)
{
    return f == 'b' || f == 'h' || f == 'i' || f == 'l' || f == 'q' || f == 'n';
}

// IEEE 754 binary16 to double: every half value is exact in a double.
static double
half_to_double(uint16_t h)
{
    int exp = (h >> 10) & 0x1f;
    int mant = h & 0x3ff;
    double v;
    if (exp == 0)
        v = ldexp(mant, -24);
    else if (exp == 31)
        v = mant == 0 ? INFINITY : NAN;
    else
        v = ldexp(mant + 1024, exp - 25);
    return (h & 0x8000) ? -v : v;
}

// double to binary16, rounding half to even (CPython's PyFloat_Pack2). 0, or -1 (no exception
// set) when the value is too large.
static int
double_to_half(double x, uint16_t *out)
{
    uint16_t sign = signbit(x) ? 0x8000 : 0;
    double a = fabs(x);
    if (isnan(x)) {
        *out = sign | 0x7e00;
        return 0;
    }
    if (isinf(x)) {
        *out = sign | 0x7c00;
        return 0;
    }
    int e;
    frexp(a, &e);
    if (a == 0.0 || e < -13) {
        // Subnormal (or zero): units of 2**-24; reaching 1024 carries into the smallest normal.
        *out = sign | (uint16_t)rint(a * 16777216.0);
        return 0;
    }
    int exp = e - 1;
    double m = rint((ldexp(a, -exp) - 1.0) * 1024.0);
    if (m >= 1024.0) {
        m = 0.0;
        exp++;
    }
    if (exp + 15 >= 31)
        return -1;
    *out = sign | (uint16_t)((exp + 15) << 10) | (uint16_t)m;
    return 0;
}

// The Python value of one item at p.
static FtObject *
unpack_item(char f, const char *p)
{
    switch (f) {
    case 'e': {
        uint16_t h;
        memcpy(&h, p, sizeof h);
        return ft_float_from_double_ref(half_to_double(h));
    }
    case 'c':
        return ft_bytes_from_data_ref(p, 1);
    case '?':
        return ft_bool_from(*p != 0);
    case 'f': {
        float v;
        memcpy(&v, p, sizeof v);
        return ft_float_from_double_ref(v);
    }
    case 'd': {
        double v;
        memcpy(&v, p, sizeof v);
        return ft_float_from_double_ref(v);
    }
    default:
        break;
    }
    Ft_ssize size = format_size(f);
    if (is_signed_format(f)) {
        int64_t v;
        if (size == 1) { signed char x; memcpy(&x, p, 1); v = x; }
        else if (size == 2) { int16_t x; memcpy(&x, p, 2); v = x; }
        else if (size == 4) { int32_t x; memcpy(&x, p, 4); v = x; }
        else { int64_t x; memcpy(&x, p, 8); v = x; }
        return ft_int_from_int64_ref(v);
    }
    uint64_t u;
    if (size == 1) { uint8_t x; memcpy(&x, p, 1); u = x; }
    else if (size == 2) { uint16_t x; memcpy(&x, p, 2); u = x; }
    else if (size == 4) { uint32_t x; memcpy(&x, p, 4); u = x; }
    else { uint64_t x; memcpy(&x, p, 8); u = x; }
    if (u <= INT64_MAX)
        return ft_int_from_int64_ref((int64_t)u);
    FtBigInt big;
    ft_bigint_from_uint64(&big, u);
    return ft_int_from_bigint_steal(&big);
}

// Packs value as one item of format f into out (itemsize bytes). 0, or -1 with CPython's
// "memoryview: invalid type/value for format 'X'" errors.
static int
pack_item(char f, FtObject *value, char *out)
{
    Ft_ssize size = format_size(f);
    if (f == 'c') {
        if (!ft_bytes_check(value) || ft_bytes_size(value) != 1)
            goto bad_value_or_type;
        out[0] = ft_bytes_data(value)[0];
        return 0;
    }
    if (f == '?') {
        int t = ft_object_is_true(value);
        if (t < 0)
            return -1;
        out[0] = (char)t;
        return 0;
    }
    if (f == 'f' || f == 'd' || f == 'e') {
        double d = ft_float_as_double(value);
        if (d == -1.0 && ft_error_occurred()) {
            ft_error_clear();
            goto bad_type;
        }
        if (f == 'e') {
            uint16_t h;
            if (double_to_half(d, &h) < 0)
                goto bad_value;
            memcpy(out, &h, sizeof h);
        } else if (f == 'f') {
            float x = (float)d;
            memcpy(out, &x, sizeof x);
        } else {
            memcpy(out, &d, sizeof d);
        }
        return 0;
    }
    if (!ft_int_check(value))
        goto bad_type;
    bool ok = true;
    int64_t v = ft_int_as_int64(value, &ok);
    if (!ok) {
        ft_error_clear();
        goto bad_value;
    }
    if (is_signed_format(f)) {
        int64_t lo = size == 8 ? INT64_MIN : -((int64_t)1 << (size * 8 - 1));
        int64_t hi = size == 8 ? INT64_MAX : ((int64_t)1 << (size * 8 - 1)) - 1;
        if (v < lo || v > hi)
            goto bad_value;
    } else if (v < 0 || (size < 8 && v >= ((int64_t)1 << (size * 8)))) {
        goto bad_value;
    }
    if (size == 1) { uint8_t x = (uint8_t)v; memcpy(out, &x, 1); }
    else if (size == 2) { uint16_t x = (uint16_t)v; memcpy(out, &x, 2); }
    else if (size == 4) { uint32_t x = (uint32_t)v; memcpy(out, &x, 4); }
    else { uint64_t x = (uint64_t)v; memcpy(out, &x, 8); }
    return 0;
bad_value_or_type:
    if (ft_bytes_check(value))
        goto bad_value;
bad_type:
    ft_error_format(&ft_exc_type_error, "memoryview: invalid type for format '%c'", f);
    return -1;
bad_value:
    ft_error_format(&ft_exc_value_error, "memoryview: invalid value for format '%c'", f);
    return -1;
}

/* --- Helpers --- */

// 0, or -1 with ValueError when the view was released.
static int
check_released(MemoryViewObject *mv)
{
    // acquire: pairs with the exchange in release_view(); a racing release may or may not be seen.
    if (ft_atomic_load_int_acquire(&mv->released)) {
        ft_error_set_string(&ft_exc_value_error,
                            "operation forbidden on released memoryview object");
        return -1;
    }
    return 0;
}

// A new unpublished view with room for ndim dimensions; the caller fills shape and strides.
static MemoryViewObject *
view_alloc(FtObject *obj, FtObject *base, FtObject *parent, int ndim)
{
    MemoryViewObject *mv =
        (MemoryViewObject *)ft_object_new_of_type(&ft_memoryview_type, 2 * (Ft_ssize)ndim);
    if (mv == NULL)
        return NULL;
    // Unpublished: plain stores.
    mv->obj = ft_new_ref(obj);
    mv->base = ft_new_ref(base);
    mv->parent = parent != NULL ? ft_new_ref(parent) : NULL;
    mv->shape = mv->dims;
    mv->ndim = ndim;
    mv->offset = 0;
    mv->itemsize = 1;
    mv->nbytes = 0;
    mv->format = 'B';
    memcpy(mv->format_text, "B", 2);
    mv->readonly = true;
    mv->released = 0;
    mv->exports = 0;
    if (ft_bytearray_check(base))
        ft_bytearray_add_export(base, 1);
    if (parent != NULL)
        ft_atomic_add_ssize_relaxed(&MV(parent)->exports, 1);   // relaxed: a count only
    return mv;
}

// Drops what a live view holds (its export on a bytearray, its parent's export count), once.
static void
release_view(MemoryViewObject *mv)
{
    // acq_rel: pairs with check_released(); only the thread that flips the flag drops the exports.
    if (ft_atomic_exchange_int_acq_rel(&mv->released, 1) != 0)
        return;
    if (ft_bytearray_check(mv->base))
        ft_bytearray_add_export(mv->base, -1);
    if (mv->parent != NULL)
        ft_atomic_add_ssize_relaxed(&MV(mv->parent)->exports, -1);   // relaxed: a count only
}

// A view of the whole of obj (bytes or bytearray), one-dimensional unsigned bytes.
static FtObject *
view_of_buffer_ref(FtObject *obj, FtObject *base, FtObject *parent, bool readonly)
{
    MemoryViewObject *mv = view_alloc(obj, base, parent, 1);
    if (mv == NULL)
        return NULL;
    Ft_ssize n = ft_bytes_check(base) ? ft_bytes_size(base) : ft_bytearray_size(base);
    mv->shape[0] = n;
    mv_strides(mv)[0] = 1;
    mv->nbytes = n;
    mv->readonly = readonly;
    return (FtObject *)mv;
}

// A copy of src with the same layout (memoryview(m) and m.toreadonly()).
static FtObject *
view_copy_ref(MemoryViewObject *src, FtObject *obj, FtObject *parent, bool readonly)
{
    MemoryViewObject *mv = view_alloc(obj, src->base, parent, src->ndim);
    if (mv == NULL)
        return NULL;
    memcpy(mv->shape, src->shape, sizeof(Ft_ssize) * 2 * (size_t)src->ndim);
    mv->offset = src->offset;
    mv->itemsize = src->itemsize;
    mv->nbytes = src->nbytes;
    mv->format = src->format;
    memcpy(mv->format_text, src->format_text, sizeof mv->format_text);
    mv->readonly = readonly;
    return (FtObject *)mv;
}

static bool
is_c_contiguous(MemoryViewObject *mv)
{
    if (mv->nbytes == 0)
        return true;
    Ft_ssize want = mv->itemsize;
    for (int d = mv->ndim - 1; d >= 0; d--) {
        if (mv->shape[d] > 1 && mv_strides(mv)[d] != want)
            return false;
        want *= mv->shape[d];
    }
    return true;
}

static bool
is_f_contiguous(MemoryViewObject *mv)
{
    if (mv->nbytes == 0)
        return true;
    Ft_ssize want = mv->itemsize;
    for (int d = 0; d < mv->ndim; d++) {
        if (mv->shape[d] > 1 && mv_strides(mv)[d] != want)
            return false;
        want *= mv->shape[d];
    }
    return true;
}

// Calls fn on the byte offset of every item in C order (the last index varies fastest), or in
// Fortran order (the first one does) when step is -1 and dim starts at ndim - 1; stops at the
// first negative return.
typedef int (*ItemFn)(void *ctx, Ft_ssize pos);

static int
walk_items(MemoryViewObject *mv, int dim, int step, Ft_ssize pos, ItemFn fn, void *ctx)
{
    if (dim == (step > 0 ? mv->ndim : -1))
        return fn(ctx, pos);
    for (Ft_ssize i = 0; i < mv->shape[dim]; i++) {
        if (walk_items(mv, dim + step, step, pos + i * mv_strides(mv)[dim], fn, ctx) < 0)
            return -1;
    }
    return 0;
}

typedef struct {
    const char *data;   // the base's bytes
    Ft_ssize size;      // how many there are
    char *out;          // the next place to copy to (a gather) or from (a scatter)
    Ft_ssize itemsize;
} CopyCtx;

static int
bounds_ok(CopyCtx *c, Ft_ssize pos)
{
    if (pos < 0 || pos + c->itemsize > c->size) {
        ft_error_set_string(&ft_exc_index_error, "index out of bounds on dimension 1");
        return 0;
    }
    return 1;
}

static int
gather_one(void *ctx, Ft_ssize pos)
{
    CopyCtx *c = ctx;
    if (!bounds_ok(c, pos))
        return -1;
    memcpy(c->out, c->data + pos, (size_t)c->itemsize);
    c->out += c->itemsize;
    return 0;
}

static int
scatter_one(void *ctx, Ft_ssize pos)
{
    CopyCtx *c = ctx;
    if (!bounds_ok(c, pos))
        return -1;
    memcpy((char *)c->data + pos, c->out, (size_t)c->itemsize);
    c->out += c->itemsize;
    return 0;
}

// Copies the items the view selects, in C order (Fortran order with fortran), into out (nbytes
// bytes), or (scatter) the other way round. Over a bytearray the copy runs in its section.
// 0 or -1.
static int
copy_items_order(MemoryViewObject *mv, char *out, bool scatter, bool fortran)
{
    CopyCtx c = {NULL, 0, out, mv->itemsize};
    int first = fortran ? mv->ndim - 1 : 0, step = fortran ? -1 : 1;
    int r;
    if (ft_bytearray_check(mv->base)) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(mv->base);
        c.data = ft_bytearray_data_lock_held(mv->base, &c.size);
        r = walk_items(mv, first, step, mv->offset, scatter ? scatter_one : gather_one, &c);
        FT_END_CRITICAL_SECTION_OBJECT();
    } else {
        c.data = ft_bytes_data(mv->base);
        c.size = ft_bytes_size(mv->base);
        r = walk_items(mv, first, step, mv->offset, gather_one, &c);
    }
    return r;
}

static int
copy_items(MemoryViewObject *mv, char *out, bool scatter)
{
    return copy_items_order(mv, out, scatter, false);
}

// Reads (or writes) the itemsize bytes at byte position pos of the base.
static int
access_item(MemoryViewObject *mv, Ft_ssize pos, char *buf, bool write)
{
    CopyCtx c = {NULL, 0, buf, mv->itemsize};
    int r;
    if (ft_bytearray_check(mv->base)) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(mv->base);
        c.data = ft_bytearray_data_lock_held(mv->base, &c.size);
        r = write ? scatter_one(&c, pos) : gather_one(&c, pos);
        FT_END_CRITICAL_SECTION_OBJECT();
    } else {
        c.data = ft_bytes_data(mv->base);
        c.size = ft_bytes_size(mv->base);
        r = gather_one(&c, pos);
    }
    return r;
}

/* --- Internal API --- */

FtObject *
ft_memoryview_from_object_ref(FtObject *obj)
{
    if (ft_memoryview_check(obj)) {
        MemoryViewObject *src = MV(obj);
        if (check_released(src) < 0)
            return NULL;
        return view_copy_ref(src, src->obj, NULL, src->readonly);
    }
    if (ft_bytes_check(obj))
        return view_of_buffer_ref(obj, obj, NULL, true);
    if (ft_bytearray_check(obj))
        return view_of_buffer_ref(obj, obj, NULL, false);
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
    FtObject *res = ft_bytes_new_uninit_ref(mv->nbytes);
    if (res == NULL)
        return NULL;
    if (copy_items(mv, ft_bytes_data_unlocked(res), false) < 0) {
        ft_decref(res);
        return NULL;
    }
    return res;
}

bool
ft_memoryview_is_c_contiguous(FtObject *mv)
{
    return is_c_contiguous(MV(mv));
}

// The parameters of the shared bytes methods that read a buffer (CPython reads them with
// PyObject_GetBuffer): a bit per position and the keyword name the buffer may also be passed by.
// Every other parameter is an int or a str (or center's fill byte, which reads a bytearray under
// its own section), and a bytearray or memoryview there is left for the method to reject by name.
typedef struct {
    const char *method;
    unsigned positions;
    const char *keyword;
} BufferParams;

static const BufferParams buffer_params[] = {
    {"find", 1, NULL},          {"rfind", 1, NULL},        {"index", 1, NULL},
    {"rindex", 1, NULL},        {"count", 1, NULL},        {"startswith", 1, NULL},
    {"endswith", 1, NULL},      {"replace", 3, NULL},      {"split", 1, "sep"},
    {"rsplit", 1, "sep"},       {"partition", 1, NULL},    {"rpartition", 1, NULL},
    {"strip", 1, NULL},         {"lstrip", 1, NULL},       {"rstrip", 1, NULL},
    {"removeprefix", 1, NULL},  {"removesuffix", 1, NULL}, {"translate", 3, "delete"},
    {"maketrans", 3, NULL},     {"fromhex", 1, NULL},      {"__contains__", 1, NULL},
    {"__add__", 1, NULL},
};

// The entry for argument pos (or keyword kwname) of method, or NULL when it is no buffer.
static const BufferParams *
find_buffer_param(const char *method, Ft_ssize pos, FtObject *kwname)
{
    for (size_t i = 0; i < sizeof buffer_params / sizeof buffer_params[0]; i++) {
        const BufferParams *p = &buffer_params[i];
        if (strcmp(method, p->method) != 0)
            continue;
        if (kwname != NULL)
            return p->keyword != NULL && ft_str_equal_cstr(kwname, p->keyword) ? p : NULL;
        return pos < 8 && (p->positions & (1u << pos)) ? p : NULL;
    }
    return NULL;
}

static bool
is_snapshot_kind(FtObject *op)
{
    return ft_bytearray_check(op) || ft_memoryview_check(op);
}

bool
ft_memoryview_needs_snapshot(const char *method, Ft_ssize pos, FtObject *kwname, FtObject *arg)
{
    const BufferParams *p = find_buffer_param(method, pos, kwname);
    if (p == NULL)
        return false;
    if (is_snapshot_kind(arg))
        return true;
    if (!ft_tuple_check(arg))
        return false;
    for (Ft_ssize i = 0; i < ft_tuple_size(arg); i++) {
        if (is_snapshot_kind(ft_tuple_get_item_borrow(arg, i)))
            return true;
    }
    return false;
}

// The snapshot of one buffer (not a tuple).
static FtObject *
snapshot_one_ref(FtObject *arg)
{
    if (ft_bytearray_check(arg))
        return ft_bytearray_to_bytes_ref(arg);
    if (ft_memoryview_check(arg)) {
        MemoryViewObject *mv = MV(arg);
        if (check_released(mv) < 0)
            return NULL;
        if (!is_c_contiguous(mv))
            return ft_error_format(&ft_exc_buffer_error,
                                   "memoryview: underlying buffer is not C-contiguous");
        return ft_memoryview_to_bytes_ref(arg);
    }
    return ft_new_ref(arg);
}

FtObject *
ft_memoryview_snapshot_arg_ref(const char *method, Ft_ssize pos, FtObject *kwname, FtObject *arg)
{
    if (!ft_memoryview_needs_snapshot(method, pos, kwname, arg))
        return ft_new_ref(arg);
    if (!ft_tuple_check(arg))
        return snapshot_one_ref(arg);
    Ft_ssize n = ft_tuple_size(arg);
    FtObject *res = ft_tuple_new_ref(n);
    for (Ft_ssize i = 0; res != NULL && i < n; i++) {
        FtObject *item = snapshot_one_ref(ft_tuple_get_item_borrow(arg, i));
        if (item == NULL) {
            ft_decref(res);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(res, i, item);
    }
    return res;
}

// __buffer__(flags, /) of bytes, bytearray and memoryview: a new view of self.
FtObject *
ft_memoryview_method_buffer(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs != 1)
        return ft_error_format(&ft_exc_type_error, "__buffer__ expected 1 argument, got %zd",
                               nargs);
    Ft_ssize flags = ft_number_as_ssize(args[0], &ft_exc_overflow_error);
    if (flags == -1 && ft_error_occurred())
        return NULL;
    if (!ft_memoryview_check(self)) {
        if ((flags & 1) && ft_bytes_check(self))   // PyBUF_WRITABLE
            return ft_error_format(&ft_exc_buffer_error, "Object is not writable.");
        return ft_memoryview_from_object_ref(self);
    }
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    if ((flags & 1) && mv->readonly)
        return ft_error_format(&ft_exc_buffer_error,
                               "memoryview: underlying buffer is not writable");
    return view_copy_ref(mv, self, self, mv->readonly);
}

static FtObject *memoryview_release(FtObject *self);

// __release_buffer__(buffer, /): releases a view that self's __buffer__ made. A view of another
// object, or one already released, raises ValueError; the view's own exports still block its
// release (BufferError), as memoryview.release() does.
FtObject *
ft_memoryview_method_release_buffer(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs != 1)
        return ft_error_format(&ft_exc_type_error,
                               "__release_buffer__ expected 1 argument, got %zd", nargs);
    if (!ft_memoryview_check(args[0])) {
        ft_error_set_string(&ft_exc_type_error, "expected a memoryview object");
        return NULL;
    }
    MemoryViewObject *view = MV(args[0]);
    if (view->obj != self) {
        ft_error_set_string(&ft_exc_value_error, "memoryview's buffer is not this object");
        return NULL;
    }
    if (ft_atomic_load_int_acquire(&view->released)) {   // acquire: see check_released
        ft_error_set_string(&ft_exc_value_error, "memoryview's buffer has already been released");
        return NULL;
    }
    return memoryview_release(args[0]);
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
        // CPython's parser reports the missing argument before an unknown keyword.
        if (ft_str_equal_cstr(ft_tuple_get_item_borrow(kwnames, 0), "object"))
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
    MemoryViewObject *mv = MV(op);
    release_view(mv);
    ft_decref(mv->obj);
    ft_decref(mv->base);
    ft_xdecref(mv->parent);
    ft_object_free_memory(op);
}

static int
memoryview_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    if (visit(MV(op)->obj, arg) != 0)
        return 1;
    if (MV(op)->parent != NULL && visit(MV(op)->parent, arg) != 0)
        return 1;
    return visit(MV(op)->base, arg);
}

static FtObject *
memoryview_repr(FtObject *op)
{
    // relaxed: the flag only picks the wording.
    if (ft_atomic_load_int_relaxed(&MV(op)->released))
        return ft_str_from_format_ref("<released memory at %p>", (void *)op);
    return ft_str_from_format_ref("<memory at %p>", (void *)op);
}

static Ft_ssize
memoryview_length(FtObject *op)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return -1;
    if (mv->ndim == 0) {
        ft_error_set_string(&ft_exc_type_error, "0-dim memory has no length");
        return -1;
    }
    return mv->shape[0];
}

// The item at byte position pos as a Python value.
static FtObject *
item_at(MemoryViewObject *mv, Ft_ssize pos)
{
    char buf[16];
    if (access_item(mv, pos, buf, false) < 0)
        return NULL;
    return unpack_item(mv->format, buf);
}

// The byte position of index i along dimension dim; IndexError when out of range.
static int
index_pos(MemoryViewObject *mv, int dim, Ft_ssize i, Ft_ssize *pos)
{
    Ft_ssize n = mv->shape[dim];
    if (i < 0)
        i += n;
    if (i < 0 || i >= n) {
        ft_error_format(&ft_exc_index_error, "index out of bounds on dimension %d", dim + 1);
        return -1;
    }
    *pos += i * mv_strides(mv)[dim];
    return 0;
}

static FtObject *
memoryview_item(FtObject *op, Ft_ssize i)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return NULL;
    if (mv->ndim == 0)
        return ft_error_format(&ft_exc_type_error, "invalid indexing of 0-dim memory");
    if (mv->ndim > 1)
        return ft_error_format(&ft_exc_not_implemented_error,
                               "multi-dimensional sub-views are not implemented");
    Ft_ssize pos = mv->offset;
    if (index_pos(mv, 0, i, &pos) < 0)
        return NULL;
    return item_at(mv, pos);
}

static bool
has_index(FtObject *key)
{
    return ft_int_check(key) ||
           (key->ob_type->tp_as_number != NULL && key->ob_type->tp_as_number->nb_index != NULL);
}

// 1 if key is a tuple of indexes (a multi-index), else 0.
static int
is_multi_index(FtObject *key)
{
    if (!ft_tuple_check(key))
        return 0;
    for (Ft_ssize k = 0; k < ft_tuple_size(key); k++) {
        if (!has_index(ft_tuple_get_item_borrow(key, k)))
            return 0;
    }
    return 1;
}

static int
is_multi_slice(FtObject *key)
{
    if (!ft_tuple_check(key))
        return 0;
    for (Ft_ssize k = 0; k < ft_tuple_size(key); k++) {
        if (!ft_slice_check(ft_tuple_get_item_borrow(key, k)))
            return 0;
    }
    return 1;
}

// The byte position a full multi-index (a tuple with one index per dimension) names.
static int
multi_index_pos(MemoryViewObject *mv, FtObject *key, Ft_ssize *pos)
{
    Ft_ssize n = ft_tuple_size(key);
    if (n < mv->ndim) {
        ft_error_set_string(&ft_exc_not_implemented_error, "sub-views are not implemented");
        return -1;
    }
    if (n > mv->ndim) {
        ft_error_format(&ft_exc_type_error, "cannot index %d-dimension view with %zd-element tuple",
                        mv->ndim, n);
        return -1;
    }
    *pos = mv->offset;
    for (int d = 0; d < mv->ndim; d++) {
        Ft_ssize i = ft_number_as_ssize(ft_tuple_get_item_borrow(key, d), &ft_exc_index_error);
        if (i == -1 && ft_error_occurred())
            return -1;
        if (index_pos(mv, d, i, pos) < 0)
            return -1;
    }
    return 0;
}

static FtObject *
memoryview_subscript(FtObject *op, FtObject *key)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return NULL;
    if (mv->ndim == 0) {
        if (ft_tuple_check(key) && ft_tuple_size(key) == 0)
            return item_at(mv, mv->offset);
        if (key == FT_ELLIPSIS)
            return ft_new_ref(op);
        return ft_error_format(&ft_exc_type_error, "invalid indexing of 0-dim memory");
    }
    if (has_index(key)) {
        Ft_ssize i = ft_number_as_ssize(key, &ft_exc_index_error);
        if (i == -1 && ft_error_occurred())
            return NULL;
        return memoryview_item(op, i);
    }
    if (ft_slice_check(key)) {
        // A single slice selects along the first dimension, whatever ndim is.
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return NULL;
        Ft_ssize n = ft_slice_adjust_indices(mv->shape[0], &start, &stop, step);
        MemoryViewObject *res = (MemoryViewObject *)view_copy_ref(mv, mv->obj, NULL, mv->readonly);
        if (res == NULL)
            return NULL;
        res->offset = mv->offset + start * mv_strides(mv)[0];
        res->shape[0] = n;
        mv_strides(res)[0] = mv_strides(mv)[0] * step;
        res->nbytes = mv->shape[0] == 0 ? 0 : mv->nbytes / mv->shape[0] * n;
        return (FtObject *)res;
    }
    if (is_multi_index(key)) {
        Ft_ssize pos;
        if (multi_index_pos(mv, key, &pos) < 0)
            return NULL;
        return item_at(mv, pos);
    }
    if (is_multi_slice(key))
        return ft_error_format(&ft_exc_not_implemented_error,
                               "multi-dimensional slicing is not implemented");
    return ft_error_format(&ft_exc_type_error, "memoryview: invalid slice key");
}

// value packed into one item at byte position pos.
static int
store_item(MemoryViewObject *mv, Ft_ssize pos, FtObject *value)
{
    char buf[16];
    if (pack_item(mv->format, value, buf) < 0)
        return -1;
    return access_item(mv, pos, buf, true);
}

// The bytes a slice assignment copies in, from a buffer with this view's format and item count.
static FtObject *
slice_source_ref(MemoryViewObject *mv, FtObject *value, Ft_ssize count)
{
    char fmt = 'B';
    Ft_ssize n;
    FtObject *src;
    if (ft_memoryview_check(value)) {
        if (check_released(MV(value)) < 0)
            return NULL;
        fmt = MV(value)->format;
        n = MV(value)->ndim == 1 ? MV(value)->shape[0] : -1;
        src = ft_memoryview_to_bytes_ref(value);
    } else if (ft_bytes_check(value) || ft_bytearray_check(value)) {
        src = ft_bytes_from_object_ref(value);
        n = src != NULL ? ft_bytes_size(src) : 0;
    } else {
        return ft_error_format(&ft_exc_type_error, "a bytes-like object is required, not '%.200s'",
                               value->ob_type->tp_name);
    }
    if (src != NULL && (fmt != mv->format || n != count)) {
        ft_decref(src);
        return ft_error_format(
            &ft_exc_value_error,
            "memoryview assignment: lvalue and rvalue have different structures");
    }
    return src;
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
    if (mv->ndim == 0) {
        if (key == FT_ELLIPSIS || (ft_tuple_check(key) && ft_tuple_size(key) == 0))
            return store_item(mv, mv->offset, value);
        ft_error_set_string(&ft_exc_type_error, "invalid indexing of 0-dim memory");
        return -1;
    }
    if (has_index(key)) {
        if (mv->ndim > 1) {
            ft_error_set_string(&ft_exc_not_implemented_error, "sub-views are not implemented");
            return -1;
        }
        Ft_ssize i = ft_number_as_ssize(key, &ft_exc_index_error);
        if (i == -1 && ft_error_occurred())
            return -1;
        Ft_ssize pos = mv->offset;
        if (index_pos(mv, 0, i, &pos) < 0)
            return -1;
        return store_item(mv, pos, value);
    }
    if (ft_slice_check(key)) {
        if (mv->ndim > 1) {
            ft_error_set_string(&ft_exc_not_implemented_error,
                                "memoryview slice assignments are currently restricted to "
                                "ndim = 1");
            return -1;
        }
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return -1;
        Ft_ssize n = ft_slice_adjust_indices(mv->shape[0], &start, &stop, step);
        // The source is copied first: it may overlap the destination.
        FtObject *src = slice_source_ref(mv, value, n);
        if (src == NULL)
            return -1;
        MemoryViewObject dst = *mv;
        Ft_ssize dshape[2] = {n, mv_strides(mv)[0] * step};
        dst.shape = dshape;
        dst.offset = mv->offset + start * mv_strides(mv)[0];
        int r = copy_items(&dst, ft_bytes_data_unlocked(src), true);
        ft_decref(src);
        return r;
    }
    if (is_multi_index(key)) {
        Ft_ssize pos;
        if (multi_index_pos(mv, key, &pos) < 0)
            return -1;
        return store_item(mv, pos, value);
    }
    if (is_multi_slice(key)) {
        ft_error_set_string(&ft_exc_not_implemented_error,
                            "memoryview slice assignments are currently restricted to ndim = 1");
        return -1;
    }
    ft_error_set_string(&ft_exc_type_error, "memoryview: invalid slice key");
    return -1;
}

static FtObject *memoryview_tolist(FtObject *self);
static FtObject *memoryview_iter(FtObject *op);

// A tuple of the n ints v[0..n).
static FtObject *
ssize_tuple_ref(const Ft_ssize *v, int n)
{
    FtObject *t = ft_tuple_new_ref(n);
    for (int d = 0; t != NULL && d < n; d++) {
        FtObject *x = ft_int_from_int64_ref(v[d]);
        if (x == NULL) {
            ft_decref(t);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(t, d, x);
    }
    return t;
}

// The (tolist, shape) of a buffer for comparisons: a bytes or bytearray is unsigned bytes.
static FtObject *
compare_list_ref(FtObject *op, FtObject **shape)
{
    if (ft_memoryview_check(op)) {
        MemoryViewObject *mv = MV(op);
        *shape = ssize_tuple_ref(mv->shape, mv->ndim);
        if (*shape == NULL)
            return NULL;
        FtObject *list = memoryview_tolist(op);
        if (list == NULL)
            ft_decref(*shape);
        return list;
    }
    FtObject *m = ft_memoryview_from_object_ref(op);
    if (m == NULL)
        return NULL;
    FtObject *res = compare_list_ref(m, shape);
    ft_decref(m);
    return res;
}

static FtObject *
memoryview_richcompare(FtObject *v, FtObject *w, int op)
{
    if (op != FT_EQ && op != FT_NE)
        return FT_NOT_IMPLEMENTED;
    if (v == w)
        return ft_bool_from(op == FT_EQ);
    if (!ft_memoryview_check(w) && !ft_bytes_check(w) && !ft_bytearray_check(w))
        return FT_NOT_IMPLEMENTED;
    // acquire: see check_released. A released view equals only itself.
    if (ft_atomic_load_int_acquire(&MV(v)->released) ||
        (ft_memoryview_check(w) && ft_atomic_load_int_acquire(&MV(w)->released)))
        return ft_bool_from(op == FT_NE);
    // Bytes compare bytewise only when both sides hold the same one-byte format; a bytes or
    // bytearray operand is 'B', so a 'b' view (signed items) or a 'c' view (bytes items) against
    // it compares item values, as CPython does.
    char vfmt = MV(v)->format;
    bool same_byte_format = ft_memoryview_check(w) ? is_byte_format(vfmt) && MV(w)->format == vfmt
                                                   : vfmt == 'B';
    if (same_byte_format && MV(v)->ndim == 1 &&
        (!ft_memoryview_check(w) || MV(w)->ndim == 1)) {
        FtObject *other = ft_memoryview_check(w) ? ft_memoryview_to_bytes_ref(w)
                                                 : ft_bytes_from_object_ref(w);
        if (other == NULL)
            return NULL;
        FtObject *mine = ft_memoryview_to_bytes_ref(v);
        FtObject *res = NULL;
        if (mine != NULL) {
            res = ft_bytes_compare_data(ft_bytes_data(mine), ft_bytes_size(mine),
                                        ft_bytes_data(other), ft_bytes_size(other), op);
            ft_decref(mine);
        }
        ft_decref(other);
        return res;
    }
    // General case: equal shapes and equal unpacked values.
    FtObject *sv = NULL, *sw = NULL;
    FtObject *lv = compare_list_ref(v, &sv);
    if (lv == NULL)
        return NULL;
    FtObject *lw = compare_list_ref(w, &sw);
    if (lw == NULL) {
        ft_decref(lv);
        ft_decref(sv);
        return NULL;
    }
    int eq = ft_object_rich_compare_bool(sv, sw, FT_EQ);
    if (eq == 1)
        eq = ft_object_rich_compare_bool(lv, lw, FT_EQ);
    ft_decref(lv);
    ft_decref(lw);
    ft_decref(sv);
    ft_decref(sw);
    if (eq < 0)
        return NULL;
    return ft_bool_from(op == FT_EQ ? eq == 1 : eq == 0);
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
    if (!is_byte_format(mv->format)) {
        ft_error_set_string(&ft_exc_value_error,
                            "memoryview: hashing is restricted to formats 'B', 'b' or 'c'");
        return -1;
    }
    if (ft_bytearray_check(mv->base)) {
        // CPython hashes the exporter first: a bytearray is unhashable.
        ft_error_format(&ft_exc_type_error, "unhashable type: '%.200s'",
                        mv->base->ob_type->tp_name);
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

// tobytes(order='C'): the items in C order ('F' and 'A' give the same bytes for the layouts ftpy
// makes, which are C-contiguous or one-dimensional).
static FtObject *
memoryview_tobytes(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 1)
        return ft_error_format(&ft_exc_type_error,
                               "tobytes() takes at most 1 argument (%zd given)", nargs + nkw);
    if (nkw == 1 && !ft_str_equal_cstr(ft_tuple_get_item_borrow(kwnames, 0), "order"))
        return ft_error_format(&ft_exc_type_error,
                               "tobytes() got an unexpected keyword argument '%U'",
                               ft_tuple_get_item_borrow(kwnames, 0));
    FtObject *order = nargs + nkw == 1 ? args[0] : NULL;
    if (order != NULL && order != FT_NONE) {
        if (!ft_str_check(order))
            return ft_error_format(&ft_exc_type_error,
                                   "tobytes() argument 'order' must be str or None, not %.50s",
                                   order->ob_type->tp_name);
        if (ft_str_check_utf8_arg(order) < 0)
            return NULL;
        if (!ft_str_equal_cstr(order, "C") && !ft_str_equal_cstr(order, "F") &&
            !ft_str_equal_cstr(order, "A"))
            return ft_error_format(&ft_exc_value_error, "order must be 'C', 'F' or 'A'");
    }
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    // 'F' lists the items in Fortran order; 'A' does too for a view that is only F-contiguous.
    bool fortran = order != NULL && order != FT_NONE &&
                   (ft_str_equal_cstr(order, "F") ||
                    (ft_str_equal_cstr(order, "A") && is_f_contiguous(mv) && !is_c_contiguous(mv)));
    if (!fortran)
        return ft_memoryview_to_bytes_ref(self);
    FtObject *res = ft_bytes_new_uninit_ref(mv->nbytes);
    if (res != NULL && copy_items_order(mv, ft_bytes_data_unlocked(res), false, true) < 0) {
        ft_decref(res);
        res = NULL;
    }
    return res;
}

// The nested list of dimension dim from the C-ordered items at *p.
static FtObject *
tolist_dim(MemoryViewObject *mv, int dim, const char **p)
{
    Ft_ssize n = mv->shape[dim];
    FtObject *list = ft_list_new_ref(n);
    for (Ft_ssize i = 0; list != NULL && i < n; i++) {
        FtObject *v;
        if (dim + 1 == mv->ndim) {
            v = unpack_item(mv->format, *p);
            *p += mv->itemsize;
        } else {
            v = tolist_dim(mv, dim + 1, p);
        }
        if (v == NULL || ft_list_set_item_steal(list, i, v) < 0) {
            ft_decref(list);
            list = NULL;
        }
    }
    return list;
}

// tolist()
static FtObject *
memoryview_tolist(FtObject *self)
{
    MemoryViewObject *mv = MV(self);
    FtObject *b = ft_memoryview_to_bytes_ref(self);
    if (b == NULL)
        return NULL;
    const char *p = ft_bytes_data(b);
    FtObject *res = mv->ndim == 0 ? unpack_item(mv->format, p) : tolist_dim(mv, 0, &p);
    ft_decref(b);
    return res;
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

// release(): BufferError while views made by __buffer__ are alive.
static FtObject *
memoryview_release(FtObject *self)
{
    MemoryViewObject *mv = MV(self);
    // relaxed: a count; a view exported concurrently with release() races as in CPython.
    Ft_ssize n = ft_atomic_load_ssize_relaxed(&mv->exports);
    if (n > 0 && !ft_atomic_load_int_acquire(&mv->released))
        return ft_error_format(&ft_exc_buffer_error, "memoryview has %zd exported buffer%s", n,
                               n == 1 ? "" : "s");
    release_view(mv);
    return ft_none_ref();
}

// _from_flags(object, flags) (a classmethod): memoryview(object) after the writability check that
// the buffer flags ask for.
static FtObject *
memoryview_from_flags(FtObject *cls, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"object", "flags"};
    (void)cls;
    FtObject *a[2] = {NULL, NULL};
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 2)
        return ft_error_format(&ft_exc_type_error,
                               "_from_flags() takes at most 2 arguments (%zd given)", nargs + nkw);
    for (Ft_ssize i = 0; i < nargs; i++)
        a[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int found = -1;
        for (int i = 0; i < 2; i++) {
            if (ft_str_equal_cstr(key, names[i]))
                found = i;
        }
        if (found < 0)
            return ft_error_format(&ft_exc_type_error,
                                   "_from_flags() got an unexpected keyword argument '%U'", key);
        if (a[found] != NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "argument for _from_flags() given by name ('%s') and position "
                                   "(%d)", names[found], found + 1);
        a[found] = args[nargs + k];
    }
    for (int i = 0; i < 2; i++) {
        if (a[i] == NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "_from_flags() missing required argument '%s' (pos %d)",
                                   names[i], i + 1);
    }
    Ft_ssize flags = ft_number_as_ssize(a[1], &ft_exc_overflow_error);
    if (flags == -1 && ft_error_occurred())
        return NULL;
    FtObject *res = ft_memoryview_from_object_ref(a[0]);
    if (res != NULL && (flags & 1) && MV(res)->readonly) {   // PyBUF_WRITABLE
        ft_decref(res);
        return ft_error_format(&ft_exc_buffer_error, "Object is not writable.");
    }
    return res;
}

// toreadonly()
static FtObject *
memoryview_toreadonly(FtObject *self)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return view_copy_ref(mv, mv->obj, NULL, true);
}

// The shape argument of cast() into shape[0..*ndim), shape holding MV_MAX_NDIM entries. 0 or -1.
static int
parse_shape(FtObject *arg, Ft_ssize *shape, int *ndim)
{
    FtObject *t = ft_list_check(arg) ? ft_list_as_tuple_ref(arg) : ft_new_ref(arg);
    if (t == NULL)
        return -1;
    // The caller checked the length already, but a list may have grown since: only the copy counts.
    Ft_ssize n = ft_tuple_size(t);
    if (n > MV_MAX_NDIM) {
        ft_decref(t);
        ft_error_format(&ft_exc_value_error, "memoryview: number of dimensions must not exceed %d",
                        MV_MAX_NDIM);
        return -1;
    }
    for (Ft_ssize d = 0; d < n; d++) {
        FtObject *x = ft_tuple_get_item_borrow(t, d);
        if (!ft_int_check(x)) {
            ft_decref(t);
            ft_error_set_string(&ft_exc_type_error,
                                "memoryview.cast(): elements of shape must be integers");
            return -1;
        }
        bool ok = true;
        int64_t v = ft_int_as_int64(x, &ok);
        if (!ok) {
            ft_decref(t);
            ft_error_clear();
            ft_error_set_string(&ft_exc_overflow_error,
                                "Python int too large to convert to C ssize_t");
            return -1;
        }
        if (v <= 0) {
            ft_decref(t);
            ft_error_set_string(&ft_exc_value_error,
                                "memoryview.cast(): elements of shape must be integers > 0");
            return -1;
        }
        shape[d] = (Ft_ssize)v;
    }
    *ndim = (int)n;
    ft_decref(t);
    return 0;
}

// cast(format, shape=<unrepresentable>)
static FtObject *
memoryview_cast(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"format", "shape"};
    FtObject *a[2] = {NULL, NULL};
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nargs + nkw > 2)
        return ft_error_format(&ft_exc_type_error,
                               "cast() takes at most 2 arguments (%zd given)", nargs + nkw);
    for (Ft_ssize i = 0; i < nargs; i++)
        a[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int found = -1;
        for (int i = 0; i < 2; i++) {
            if (ft_str_equal_cstr(key, names[i]))
                found = i;
        }
        if (found < 0)
            return ft_error_format(&ft_exc_type_error,
                                   "cast() got an unexpected keyword argument '%U'", key);
        if (a[found] != NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "argument for cast() given by name ('%s') and position (%d)",
                                   names[found], found + 1);
        a[found] = args[nargs + k];
    }
    if (a[0] == NULL)
        return ft_error_format(&ft_exc_type_error,
                               "cast() missing required argument 'format' (pos 1)");
    if (!ft_str_check(a[0]))
        return ft_error_format(&ft_exc_type_error,
                               "cast() argument 'format' must be str, not %.50s",
                               ft_object_is_none(a[0]) ? "None" : a[0]->ob_type->tp_name);
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    if (!is_c_contiguous(mv))
        return ft_error_format(&ft_exc_type_error,
                               "memoryview: casts are restricted to C-contiguous views");
    bool zeros = false;
    for (int d = 0; d < mv->ndim; d++)
        zeros = zeros || mv->shape[d] == 0 || mv_strides(mv)[d] == 0;
    if ((a[1] != NULL || mv->ndim != 1) && zeros)
        return ft_error_format(&ft_exc_type_error,
                               "memoryview: cannot cast view with zeros in shape or strides");
    if (a[1] != NULL) {
        if (!ft_list_check(a[1]) && !ft_tuple_check(a[1]))
            return ft_error_format(&ft_exc_type_error, "shape must be a list or a tuple");
        Ft_ssize n = ft_list_check(a[1]) ? ft_list_size(a[1]) : ft_tuple_size(a[1]);
        if (n > MV_MAX_NDIM)
            return ft_error_format(&ft_exc_value_error,
                                   "memoryview: number of dimensions must not exceed %d",
                                   MV_MAX_NDIM);
        if (mv->ndim != 1 && n != 1)
            return ft_error_format(&ft_exc_type_error,
                                   "memoryview: cast must be 1D -> ND or ND -> 1D");
    }
    // The format must be ASCII: encoding it raises CPython's UnicodeEncodeError otherwise.
    Ft_ssize flen;
    char *ascii = ft_str_encode(a[0], "ascii", "strict", &flen);
    if (ascii == NULL)
        return NULL;
    free(ascii);
    const char *ftext = ft_str_as_utf8(a[0], &flen);
    const char *f = ftext;
    if (f != NULL && flen == 2 && f[0] == '@') {
        f++;
        flen--;
    }
    Ft_ssize isize = f != NULL && flen == 1 ? format_size(f[0]) : 0;
    if (isize == 0)
        return ft_error_format(&ft_exc_value_error,
                               "memoryview: destination format must be a native single character "
                               "format prefixed with an optional '@'");
    if (!is_byte_format(mv->format) && !is_byte_format(f[0]))
        return ft_error_format(&ft_exc_type_error,
                               "memoryview: cannot cast between two non-byte formats");
    if (mv->nbytes % isize != 0)
        return ft_error_format(&ft_exc_type_error,
                               "memoryview: length is not a multiple of itemsize");
    Ft_ssize shape[MV_MAX_NDIM];
    int ndim = 1;
    shape[0] = mv->nbytes / isize;
    if (a[1] != NULL) {
        if (parse_shape(a[1], shape, &ndim) < 0)
            return NULL;
        Ft_ssize prod = 1;
        for (int d = 0; d < ndim; d++) {
            if (prod > PTRDIFF_MAX / shape[d])
                return ft_error_format(&ft_exc_value_error,
                                       "memoryview.cast(): product(shape) > SSIZE_MAX");
            prod *= shape[d];
        }
        if (prod > PTRDIFF_MAX / isize || prod * isize != mv->nbytes)
            return ft_error_format(&ft_exc_type_error,
                                   "memoryview: product(shape) * itemsize != buffer size");
    }
    MemoryViewObject *res = view_alloc(mv->obj, mv->base, NULL, ndim);
    if (res == NULL)
        return NULL;
    res->offset = mv->offset;
    res->itemsize = isize;
    res->nbytes = mv->nbytes;
    res->format = f[0];
    memcpy(res->format_text, ftext, (size_t)(f - ftext) + 2);   // "X" or "@X" and the NUL
    res->readonly = mv->readonly;
    Ft_ssize stride = isize;
    for (int d = ndim - 1; d >= 0; d--) {
        res->shape[d] = shape[d];
        mv_strides(res)[d] = stride;
        stride *= shape[d];
    }
    return (FtObject *)res;
}

// The items of a one-dimensional view compared with value: count() and index().
static int
check_1d(MemoryViewObject *mv)
{
    if (check_released(mv) < 0)
        return -1;
    if (mv->ndim == 0) {
        ft_error_set_string(&ft_exc_type_error, "invalid lookup on 0-dim memory");
        return -1;
    }
    if (mv->ndim > 1) {
        ft_error_set_string(&ft_exc_not_implemented_error,
                            "multi-dimensional lookup is not implemented");
        return -1;
    }
    return 0;
}

// count(value, /)
static FtObject *
memoryview_count(FtObject *self, FtObject *value)
{
    MemoryViewObject *mv = MV(self);
    // count() iterates, so it fails as iter(m) does.
    FtObject *it = memoryview_iter(self);
    if (it == NULL)
        return NULL;
    ft_decref(it);
    int64_t count = 0;
    for (Ft_ssize i = 0; i < mv->shape[0]; i++) {
        FtObject *item = item_at(mv, mv->offset + i * mv_strides(mv)[0]);
        if (item == NULL)
            return NULL;
        int eq = ft_object_rich_compare_bool(item, value, FT_EQ);
        ft_decref(item);
        if (eq < 0)
            return NULL;
        count += eq;
    }
    return ft_int_from_int64_ref(count);
}

// index(value, start=0, stop=sys.maxsize, /)
static FtObject *
memoryview_index(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 3)
        return ft_error_format(&ft_exc_type_error, nargs < 1
                               ? "index expected at least 1 argument, got %zd"
                               : "index expected at most 3 arguments, got %zd", nargs);
    MemoryViewObject *mv = MV(self);
    Ft_ssize bound[2] = {0, PTRDIFF_MAX};
    for (Ft_ssize k = 1; k < nargs; k++) {
        if (!has_index(args[k]))
            return ft_error_format(&ft_exc_type_error,
                                   "slice indices must be integers or have an __index__ method");
        bound[k - 1] = ft_number_as_ssize(args[k], NULL);
        if (bound[k - 1] == -1 && ft_error_occurred())
            return NULL;
    }
    if (check_1d(mv) < 0)
        return NULL;
    Ft_ssize n = mv->shape[0];
    for (int k = 0; k < 2; k++) {
        if (bound[k] < 0) {
            bound[k] += n;
            if (bound[k] < 0)
                bound[k] = 0;
        }
        if (bound[k] > n)
            bound[k] = n;
    }
    for (Ft_ssize i = bound[0]; i < bound[1]; i++) {
        FtObject *item = item_at(mv, mv->offset + i * mv_strides(mv)[0]);
        if (item == NULL)
            return NULL;
        int eq = ft_object_rich_compare_bool(item, args[0], FT_EQ);
        ft_decref(item);
        if (eq < 0)
            return NULL;
        if (eq)
            return ft_int_from_int64_ref(i);
    }
    return ft_error_format(&ft_exc_value_error, "memoryview.index(x): x not found");
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
    {"toreadonly", {.noargs = memoryview_toreadonly}, FT_METH_NOARGS,
     "Return a readonly version of the memoryview."},
    {"cast", {.fast_kw = memoryview_cast}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Cast a memoryview to a new format or shape."},
    {"count", {.o = memoryview_count}, FT_METH_O, "Count the number of occurrences of a value."},
    {"_from_flags", {.fast_kw = memoryview_from_flags},
     FT_METH_FASTCALL | FT_METH_KEYWORDS | FT_METH_CLASS,
     "Create a new memoryview object which references the given object."},
    {"index", {.fast = memoryview_index}, FT_METH_FASTCALL,
     "Return the index of the first occurrence of a value."},
    {"__buffer__", {.fast = ft_memoryview_method_buffer}, FT_METH_FASTCALL, NULL},
    {"__release_buffer__", {.fast = ft_memoryview_method_release_buffer}, FT_METH_FASTCALL, NULL},
    {"__enter__", {.noargs = memoryview_enter}, FT_METH_NOARGS, NULL},
    {"__exit__", {.fast = memoryview_exit}, FT_METH_FASTCALL,
     "Release the underlying buffer exposed by the memoryview object."},
    {NULL, {NULL}, 0, NULL},
};

/* --- Attributes --- */

// Each attribute raises ValueError on a released view; the fields read are immutable.

static FtObject *
get_obj(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_new_ref(mv->obj);
}

static FtObject *
get_nbytes(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_int_from_int64_ref(mv->nbytes);
}

static FtObject *
get_readonly(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_bool_from(mv->readonly);
}

static FtObject *
get_itemsize(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_int_from_int64_ref(mv->itemsize);
}

static FtObject *
get_format(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_str_from_ascii_ref(mv->format_text);
}

static FtObject *
get_ndim(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_int_from_int64_ref(mv->ndim);
}

static FtObject *
get_shape(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ssize_tuple_ref(mv->shape, mv->ndim);
}

static FtObject *
get_strides(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ssize_tuple_ref(mv_strides(mv), mv->ndim);
}

static FtObject *
get_suboffsets(FtObject *self, void *closure)
{
    if (check_released(MV(self)) < 0)
        return NULL;
    return ft_tuple_new_ref(0);   // suboffsets are not supported: always empty
}

static FtObject *
get_c_contiguous(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_bool_from(is_c_contiguous(mv));
}

static FtObject *
get_f_contiguous(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_bool_from(is_f_contiguous(mv));
}

static FtObject *
get_contiguous(FtObject *self, void *closure)
{
    MemoryViewObject *mv = MV(self);
    if (check_released(mv) < 0)
        return NULL;
    return ft_bool_from(is_c_contiguous(mv) || is_f_contiguous(mv));
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
    {"suboffsets", get_suboffsets, NULL,
     "A tuple of integers used internally for PIL-style arrays.", NULL},
    {"c_contiguous", get_c_contiguous, NULL,
     "A bool indicating whether the memory is C contiguous.", NULL},
    {"f_contiguous", get_f_contiguous, NULL,
     "A bool indicating whether the memory is Fortran contiguous.", NULL},
    {"contiguous", get_contiguous, NULL, "A bool indicating whether the memory is contiguous.",
     NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* --- The iterator --- */

// iter(m) for a one-dimensional view: the items in order. The position is claimed atomically so
// that several threads may share one iterator.
typedef struct {
    FtObject ob_base;
    FtObject *view;    // immutable after publish: the memoryview (strong)
    Ft_ssize index;    // atomic: the next position to claim
} MemoryIterObject;

static FtTypeObject memory_iterator_type;

static FtObject *
memoryview_iter(FtObject *op)
{
    MemoryViewObject *mv = MV(op);
    if (check_released(mv) < 0)
        return NULL;
    if (mv->ndim == 0)
        return ft_error_format(&ft_exc_type_error, "invalid indexing of 0-dim memory");
    if (mv->ndim > 1)
        return ft_error_format(&ft_exc_not_implemented_error,
                               "multi-dimensional sub-views are not implemented");
    MemoryIterObject *it = (MemoryIterObject *)ft_object_new_of_type(&memory_iterator_type, 0);
    if (it == NULL)
        return NULL;
    it->view = ft_new_ref(op);
    it->index = 0;
    return (FtObject *)it;
}

static void
memory_iter_dealloc(FtObject *op)
{
    ft_decref(((MemoryIterObject *)op)->view);
    ft_object_free_memory(op);
}

static int
memory_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((MemoryIterObject *)op)->view, arg);
}

static FtObject *
memory_iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
memory_iter_next(FtObject *op)
{
    MemoryIterObject *it = (MemoryIterObject *)op;
    MemoryViewObject *mv = MV(it->view);
    if (check_released(mv) < 0)
        return NULL;
    // relaxed: the claim only has to be unique; the data is read under its own rules.
    Ft_ssize i = ft_atomic_add_ssize_relaxed(&it->index, 1);
    if (i >= mv->shape[0]) {
        ft_atomic_store_ssize_relaxed(&it->index, mv->shape[0]);   // relaxed: stays exhausted
        return NULL;
    }
    return item_at(mv, mv->offset + i * mv_strides(mv)[0]);
}

static FtTypeObject memory_iterator_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "memory_iterator",
    .tp_basicsize = sizeof(MemoryIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = memory_iter_dealloc,
    .tp_traverse = memory_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = memory_iter_self,
    .tp_iternext = memory_iter_next,
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
    .tp_itemsize = sizeof(Ft_ssize),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = memoryview_dealloc,
    .tp_traverse = memoryview_traverse,
    .tp_repr = memoryview_repr,
    .tp_hash = memoryview_hash,
    .tp_richcompare = memoryview_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_new = memoryview_new,
    .tp_iter = memoryview_iter,
    .tp_methods = memoryview_methods,
    .tp_getset = memoryview_getset,
    .tp_as_sequence = &memoryview_as_sequence,
    .tp_as_mapping = &memoryview_as_mapping,
    .tp_doc = "Create a new memoryview object which references the given object.",
};

int
ft_memoryview_init_types(void)
{
    if (ft_type_ready(&ft_memoryview_type) < 0)
        return -1;
    return ft_type_ready(&memory_iterator_type);
}

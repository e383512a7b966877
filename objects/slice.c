// objects/slice.c: slice objects (CPython's Objects/sliceobject.c).
//
// Layout: three strong references (start, stop, step), None for an omitted part.
// Invariant: the fields are never NULL and never change after ft_slice_new_ref returns.
//
// Concurrency: immutable after creation; every operation is lock-free. Comparison and hashing call
// the fields' own slots (which may run any code) and read nothing of the slice afterwards that could
// have changed.
//
// Missing (TODO(#4)): the per-thread one-slice cache.
#include <stdint.h>   // PTRDIFF_MAX PTRDIFF_MIN uint64_t

#include "objects/slice.h"

#include "objects/abstract.h"     // ft_number_index_ref ft_number_as_ssize
#include "objects/bigint.h"       // ft_bigint_*
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/int.h"          // ft_int_*
#include "objects/method_def.h"   // FtMethodDef FtMemberDef
#include "objects/object.h"       // ft_object_*
#include "objects/str.h"          // ft_str_from_format_ref
#include "objects/tuple.h"        // ft_tuple_pack_ref
#include "objects/type.h"         // ft_type_ready

// xxHash-64 constants and rotation, as tuple and slice hashing use them (Objects/tupleobject.c).
#define XXPRIME_1 UINT64_C(11400714785074694791)
#define XXPRIME_2 UINT64_C(14029467366897019727)
#define XXPRIME_5 UINT64_C(2870177450012600261)

static const char index_type_message[] =
    "slice indices must be integers or None or have an __index__ method";

static bool
has_index(const FtObject *op)
{
    const FtNumberMethods *nb = op->ob_type->tp_as_number;
    return nb != NULL && nb->nb_index != NULL;
}

/* --- Internal API --- */

FtObject *
ft_slice_new_ref(FtObject *start, FtObject *stop, FtObject *step)
{
    FtSliceObject *s = (FtSliceObject *)ft_object_new_of_type(&ft_slice_type, 0);
    if (s == NULL)
        return NULL;
    s->start = ft_new_ref(start != NULL ? start : FT_NONE);
    s->stop = ft_new_ref(stop != NULL ? stop : FT_NONE);
    s->step = ft_new_ref(step != NULL ? step : FT_NONE);
    return (FtObject *)s;
}

// A slice bound to Ft_ssize, clamping (CPython's _PyEval_SliceIndex). Returns 0 or -1.
static int
slice_index(FtObject *v, Ft_ssize *out)
{
    if (!has_index(v)) {
        ft_error_set_string(&ft_exc_type_error, index_type_message);
        return -1;
    }
    Ft_ssize x = ft_number_as_ssize(v, NULL);
    if (x == -1 && ft_error_occurred())
        return -1;
    *out = x;
    return 0;
}

int
ft_slice_unpack(FtObject *slice, Ft_ssize *start, Ft_ssize *stop, Ft_ssize *step)
{
    FtSliceObject *s = (FtSliceObject *)slice;
    if (s->step == FT_NONE) {
        *step = 1;
    } else {
        if (slice_index(s->step, step) < 0)
            return -1;
        if (*step == 0) {
            ft_error_set_string(&ft_exc_value_error, "slice step cannot be zero");
            return -1;
        }
        // -step must not overflow for a reversed walk.
        if (*step < -PTRDIFF_MAX)
            *step = -PTRDIFF_MAX;
    }
    if (s->start == FT_NONE)
        *start = *step < 0 ? PTRDIFF_MAX : 0;
    else if (slice_index(s->start, start) < 0)
        return -1;
    if (s->stop == FT_NONE)
        *stop = *step < 0 ? PTRDIFF_MIN : PTRDIFF_MAX;
    else if (slice_index(s->stop, stop) < 0)
        return -1;
    return 0;
}

Ft_ssize
ft_slice_adjust_indices(Ft_ssize length, Ft_ssize *start, Ft_ssize *stop, Ft_ssize step)
{
    FT_ASSERT(step != 0 && step >= -PTRDIFF_MAX && length >= 0);
    if (*start < 0) {
        *start += length;
        if (*start < 0)
            *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0)
            *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

/* --- Slots --- */

static FtObject *
slice_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "slice() takes no keyword arguments");
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "slice expected at least 1 argument, got %zd",
                               nargs);
    if (nargs > 3)
        return ft_error_format(&ft_exc_type_error, "slice expected at most 3 arguments, got %zd",
                               nargs);
    if (nargs == 1)
        return ft_slice_new_ref(NULL, args[0], NULL);
    return ft_slice_new_ref(args[0], args[1], nargs == 3 ? args[2] : NULL);
}

static void
slice_dealloc(FtObject *op)
{
    FtSliceObject *s = (FtSliceObject *)op;
    ft_decref(s->start);
    ft_decref(s->stop);
    ft_decref(s->step);
    ft_object_free_memory(op);
}

static int
slice_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtSliceObject *s = (FtSliceObject *)op;
    int r = visit(s->start, arg);
    if (r == 0)
        r = visit(s->stop, arg);
    return r != 0 ? r : visit(s->step, arg);
}

static FtObject *
slice_repr(FtObject *op)
{
    FtSliceObject *s = (FtSliceObject *)op;
    return ft_str_from_format_ref("slice(%R, %R, %R)", s->start, s->stop, s->step);
}

static FtObject *
slice_as_tuple_ref(FtObject *op)
{
    FtSliceObject *s = (FtSliceObject *)op;
    return ft_tuple_pack_ref(3, s->start, s->stop, s->step);
}

static FtObject *
slice_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!ft_slice_check(v) || !ft_slice_check(w))
        return FT_NOT_IMPLEMENTED;
    if (v == w)
        return ft_bool_from(op == FT_EQ || op == FT_LE || op == FT_GE);
    FtObject *tv = slice_as_tuple_ref(v);
    if (tv == NULL)
        return NULL;
    FtObject *tw = slice_as_tuple_ref(w);
    if (tw == NULL) {
        ft_decref(tv);
        return NULL;
    }
    FtObject *res = ft_object_rich_compare_ref(tv, tw, op);
    ft_decref(tv);
    ft_decref(tw);
    return res;
}

// The tuple hash's lane mixing over (start, stop, step), without the length term (3.12+).
static Ft_hash
slice_hash(FtObject *op)
{
    FtSliceObject *s = (FtSliceObject *)op;
    FtObject *parts[3] = {s->start, s->stop, s->step};
    uint64_t acc = XXPRIME_5;
    for (int i = 0; i < 3; i++) {
        Ft_hash lane = ft_object_hash(parts[i]);
        if (lane == -1)
            return -1;
        acc += (uint64_t)lane * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    if (acc == UINT64_MAX)
        return 1546275796;
    return (Ft_hash)acc;
}

/* --- Methods --- */

// The value of a step or bound for indices(): an exact int, or NULL with TypeError.
static FtObject *
slice_long_index_ref(FtObject *v)
{
    if (!has_index(v)) {
        ft_error_set_string(&ft_exc_type_error, index_type_message);
        return NULL;
    }
    return ft_number_index_ref(v);
}

// a + b on exact ints.
static FtObject *
int_add_ref(FtObject *a, FtObject *b)
{
    FtBigInt r;
    FtNumError err;
    if (ft_bigint_add(&r, ft_int_value_borrow(a), ft_int_value_borrow(b), &err) < 0)
        return ft_int_raise_num_error(&err);
    return ft_int_from_bigint_steal(&r);
}

// A bound clipped to [lower, upper]: None gives dflt, a negative value counts from length.
static FtObject *
slice_clip_bound_ref(FtObject *bound, FtObject *length, FtObject *lower, FtObject *upper,
                     FtObject *dflt)
{
    if (bound == FT_NONE)
        return ft_new_ref(dflt);
    FtObject *x = slice_long_index_ref(bound);
    if (x == NULL)
        return NULL;
    if (ft_bigint_sign(ft_int_value_borrow(x)) < 0) {
        FtObject *shifted = int_add_ref(x, length);
        ft_decref(x);
        if (shifted == NULL)
            return NULL;
        x = shifted;
        if (ft_bigint_compare(ft_int_value_borrow(x), ft_int_value_borrow(lower)) < 0) {
            ft_decref(x);
            x = ft_new_ref(lower);
        }
    } else if (ft_bigint_compare(ft_int_value_borrow(x), ft_int_value_borrow(upper)) > 0) {
        ft_decref(x);
        x = ft_new_ref(upper);
    }
    return x;
}

int
ft_slice_get_long_indices(FtObject *slice, FtObject *length, FtObject **start, FtObject **stop,
                          FtObject **step)
{
    FtSliceObject *s = (FtSliceObject *)slice;
    FtObject *lower = NULL, *upper = NULL;
    *start = *stop = *step = NULL;
    bool negative_step = false;
    if (s->step == FT_NONE) {
        *step = ft_int_from_int64_ref(1);
    } else {
        *step = slice_long_index_ref(s->step);
        if (*step == NULL)
            goto error;
        int sign = ft_bigint_sign(ft_int_value_borrow(*step));
        if (sign == 0) {
            ft_error_set_string(&ft_exc_value_error, "slice step cannot be zero");
            goto error;
        }
        negative_step = sign < 0;
    }
    if (*step == NULL)
        goto error;
    if (negative_step) {
        lower = ft_int_from_int64_ref(-1);
        upper = lower != NULL ? int_add_ref(length, lower) : NULL;
    } else {
        lower = ft_int_from_int64_ref(0);
        upper = ft_new_ref(length);
    }
    if (lower == NULL || upper == NULL)
        goto error;
    *start = slice_clip_bound_ref(s->start, length, lower, upper, negative_step ? upper : lower);
    if (*start == NULL)
        goto error;
    *stop = slice_clip_bound_ref(s->stop, length, lower, upper, negative_step ? lower : upper);
    if (*stop == NULL)
        goto error;
    ft_decref(lower);
    ft_decref(upper);
    return 0;
error:
    ft_xdecref(lower);
    ft_xdecref(upper);
    ft_xdecref(*start);
    ft_xdecref(*step);
    *start = *stop = *step = NULL;
    return -1;
}

// slice.indices(len, /)
static FtObject *
slice_indices(FtObject *op, FtObject *arg)
{
    FtObject *length = ft_number_index_ref(arg);
    if (length == NULL)
        return NULL;
    if (ft_bigint_sign(ft_int_value_borrow(length)) < 0) {
        ft_decref(length);
        return ft_error_format(&ft_exc_value_error, "length should not be negative");
    }
    FtObject *start, *stop, *step;
    int r = ft_slice_get_long_indices(op, length, &start, &stop, &step);
    ft_decref(length);
    if (r < 0)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(3, start, stop, step);
    ft_decref(start);
    ft_decref(stop);
    ft_decref(step);
    return res;
}

// slice.__reduce__()
static FtObject *
slice_reduce(FtObject *op)
{
    FtObject *args = slice_as_tuple_ref(op);
    if (args == NULL)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(2, (FtObject *)op->ob_type, args);
    ft_decref(args);
    return res;
}

/* --- Type object --- */

static const FtMethodDef slice_methods[] = {
    {"indices", {.o = slice_indices}, FT_METH_O,
     "S.indices(len) -> (start, stop, stride)\n\n"
     "Assuming a sequence of length len, calculate the start and stop\n"
     "indices, and the stride length of the extended slice described by\n"
     "S. Out of bounds indices are clipped in a manner consistent with the\n"
     "handling of normal slices."},
    {"__reduce__", {.noargs = slice_reduce}, FT_METH_NOARGS, "Return state information for pickling."},
    {NULL, {NULL}, 0, NULL},
};

static const FtMemberDef slice_members[] = {
    {.name = "start", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSliceObject, start),
     .flags = FT_MEMBER_READONLY},
    {.name = "stop", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSliceObject, stop),
     .flags = FT_MEMBER_READONLY},
    {.name = "step", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSliceObject, step),
     .flags = FT_MEMBER_READONLY},
    {0},
};

FtTypeObject ft_slice_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "slice",
    .tp_basicsize = sizeof(FtSliceObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = slice_dealloc,
    .tp_traverse = slice_traverse,
    .tp_repr = slice_repr,
    .tp_hash = slice_hash,
    .tp_richcompare = slice_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_new = slice_new,
    .tp_methods = slice_methods,
    .tp_members = slice_members,
    .tp_doc = "slice(stop)\nslice(start, stop[, step])\n\n"
              "Create a slice object.  This is used for extended slicing (e.g. a[0:10:2]).",
};

int
ft_slice_init_types(void)
{
    return ft_type_ready(&ft_slice_type);
}

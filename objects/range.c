// objects/range.c: range, range_iterator and longrange_iterator (CPython's Objects/rangeobject.c).
//
// Layout: FtRangeObject holds four exact ints (start, stop, step, length); arithmetic is done on
// their FtBigInt values (objects/bigint.h: inline int64 with a GMP fallback), so ranges of any size
// work. length = max(0, ceil((stop - start) / step)), computed once at creation.
//
// Invariants: step != 0; length >= 0; item i (0 <= i < length) is start + i * step.
//
// Concurrency:
//   range: every operation                 lock-free (immutable after creation)
//   range_iterator next / __length_hint__  lock-free: the index is claimed with a relaxed CAS
//                                          (the values come from immutable fields, so no ordering
//                                          is needed beyond the CAS's atomicity)
//   longrange_iterator next                critical section to claim the index (an int object);
//                                          the value is computed outside it
//   iterators' __setstate__ / __reduce__  as next: a CAS on the index, or the section
// A range iterator shared between threads hands each item to exactly one thread.
#include <stdint.h>   // int64_t INT64_MAX

#include "objects/range.h"

#include "objects/abstract.h"     // ft_object_get_iter_ref ft_iter_next_ref ft_number_index_ref
#include "objects/bigint.h"       // ft_bigint_*
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/int.h"          // ft_int_*
#include "objects/method_def.h"   // FtMethodDef FtMemberDef
#include "objects/object.h"       // ft_object_*
#include "objects/slice.h"        // ft_slice_check ft_slice_get_long_indices
#include "objects/str.h"          // ft_str_from_format_ref
#include "objects/tuple.h"        // ft_tuple_pack_ref
#include "objects/type.h"         // ft_type_ready
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "sync/atomic.h"          // ft_atomic_*

typedef struct FtRangeIterObject {
    FtObject ob_base;
    int64_t start;    // immutable after creation
    int64_t step;     // immutable after creation
    Ft_ssize length;  // immutable after creation
    Ft_ssize index;   // atomic: claimed by CAS (relaxed), 0 <= index <= length
} FtRangeIterObject;

typedef struct FtLongRangeIterObject {
    FtObject ob_base;
    FtObject *start;    // immutable after creation: an exact int
    FtObject *step;     // immutable after creation: an exact int
    FtObject *length;   // immutable after creation: an exact int
    FtObject *index;    // guarded_by(ob_mutex): an exact int, 0 <= index <= length
} FtLongRangeIterObject;

static const FtBigInt *
value_of(FtObject *op)
{
    return ft_int_value_borrow(op);
}

typedef int (*BigBinary)(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err);

// op(a, b) on two ints as a new int.
static FtObject *
int_binary(BigBinary op, FtObject *a, FtObject *b)
{
    FtBigInt r;
    FtNumError err;
    if (op(&r, value_of(a), value_of(b), &err) < 0)
        return ft_int_raise_num_error(&err);
    return ft_int_from_bigint_steal(&r);
}

static int
int_compare(FtObject *a, FtObject *b)
{
    return ft_bigint_compare(value_of(a), value_of(b));
}

static int
int_sign(FtObject *a)
{
    return ft_bigint_sign(value_of(a));
}

/* --- Allocation --- */

// The number of items of range(start, stop, step), as a new int.
static FtObject *
compute_length_ref(FtObject *start, FtObject *stop, FtObject *step)
{
    bool up = int_sign(step) > 0;
    FtObject *lo = up ? start : stop, *hi = up ? stop : start;
    if (int_compare(lo, hi) >= 0)
        return ft_int_from_int64_ref(0);
    // (hi - lo - 1) // |step| + 1
    FtBigInt diff, one, abs_step, quotient, length;
    FtNumError err;
    ft_bigint_from_int64(&one, 1);
    ft_bigint_abs(&abs_step, value_of(step));
    int failed = ft_bigint_sub(&diff, value_of(hi), value_of(lo), &err);
    if (failed == 0) {
        FtBigInt d1;
        failed = ft_bigint_sub(&d1, &diff, &one, &err);
        ft_bigint_clear(&diff);
        if (failed == 0) {
            failed = ft_bigint_floordiv(&quotient, &d1, &abs_step, &err);
            ft_bigint_clear(&d1);
            if (failed == 0) {
                failed = ft_bigint_add(&length, &quotient, &one, &err);
                ft_bigint_clear(&quotient);
            }
        }
    }
    ft_bigint_clear(&abs_step);
    if (failed != 0)
        return ft_int_raise_num_error(&err);
    return ft_int_from_bigint_steal(&length);
}

// A range from three exact ints, which it consumes (NULL entries mean an earlier failure).
static FtObject *
make_range_steal(FtObject *start, FtObject *stop, FtObject *step)
{
    FtRangeObject *r = NULL;
    FtObject *length = NULL;
    if (start == NULL || stop == NULL || step == NULL)
        goto error;
    length = compute_length_ref(start, stop, step);
    if (length == NULL)
        goto error;
    r = (FtRangeObject *)ft_object_new_of_type(&ft_range_type, 0);
    if (r == NULL)
        goto error;
    r->start = start;
    r->stop = stop;
    r->step = step;
    r->length = length;
    return (FtObject *)r;
error:
    ft_xdecref(start);
    ft_xdecref(stop);
    ft_xdecref(step);
    ft_xdecref(length);
    return NULL;
}

/* --- Internal API --- */

FtObject *
ft_range_new_ref(FtObject *start, FtObject *stop, FtObject *step)
{
    FtObject *a = ft_number_index_ref(start);
    if (a == NULL)
        return NULL;
    FtObject *b = ft_number_index_ref(stop);
    if (b == NULL) {
        ft_decref(a);
        return NULL;
    }
    FtObject *c = ft_number_index_ref(step);
    if (c != NULL && int_sign(c) == 0) {
        ft_decref(c);
        c = NULL;
        ft_error_set_string(&ft_exc_value_error, "range() arg 3 must not be zero");
    }
    return make_range_steal(a, b, c);
}

// start + i * step as a new int (i an int, not range-checked).
static FtObject *
compute_item_ref(FtRangeObject *r, FtObject *i)
{
    FtObject *offset = int_binary(ft_bigint_mul, i, r->step);
    if (offset == NULL)
        return NULL;
    FtObject *res = int_binary(ft_bigint_add, r->start, offset);
    ft_decref(offset);
    return res;
}

// range[i] for an exact int i of any size, negative from the end.
static FtObject *
range_item_object_ref(FtRangeObject *r, FtObject *i)
{
    FtObject *index;
    if (int_sign(i) < 0) {
        index = int_binary(ft_bigint_add, i, r->length);
        if (index == NULL)
            return NULL;
    } else {
        index = ft_new_ref(i);
    }
    FtObject *res = NULL;
    if (int_sign(index) < 0 || int_compare(index, r->length) >= 0)
        ft_error_set_string(&ft_exc_index_error, "range object index out of range");
    else
        res = compute_item_ref(r, index);
    ft_decref(index);
    return res;
}

/* --- Slots --- */

static FtObject *
range_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "range() takes no keyword arguments");
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "range expected at least 1 argument, got %zd",
                               nargs);
    if (nargs > 3)
        return ft_error_format(&ft_exc_type_error, "range expected at most 3 arguments, got %zd",
                               nargs);
    if (nargs == 1) {
        FtObject *stop = ft_number_index_ref(args[0]);
        if (stop == NULL)
            return NULL;
        return make_range_steal(ft_int_from_int64_ref(0), stop, ft_int_from_int64_ref(1));
    }
    if (nargs == 2) {
        FtObject *one = ft_int_from_int64_ref(1);
        FtObject *res = ft_range_new_ref(args[0], args[1], one);
        ft_decref(one);
        return res;
    }
    return ft_range_new_ref(args[0], args[1], args[2]);
}

static void
range_dealloc(FtObject *op)
{
    FtRangeObject *r = (FtRangeObject *)op;
    ft_decref(r->start);
    ft_decref(r->stop);
    ft_decref(r->step);
    ft_decref(r->length);
    ft_object_free_memory(op);
}

static FtObject *
range_repr(FtObject *op)
{
    FtRangeObject *r = (FtRangeObject *)op;
    int64_t step;
    if (ft_bigint_to_int64(value_of(r->step), &step) && step == 1)
        return ft_str_from_format_ref("range(%R, %R)", r->start, r->stop);
    return ft_str_from_format_ref("range(%R, %R, %R)", r->start, r->stop, r->step);
}

static Ft_ssize
range_length(FtObject *op)
{
    int64_t n;
    if (!ft_bigint_to_int64(value_of(((FtRangeObject *)op)->length), &n)) {
        ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t");
        return -1;
    }
    return (Ft_ssize)n;
}

static int
range_bool(FtObject *op)
{
    return int_sign(((FtRangeObject *)op)->length) != 0;
}

static FtObject *
range_item(FtObject *op, Ft_ssize i)
{
    FtObject *index = ft_int_from_int64_ref(i);
    if (index == NULL)
        return NULL;
    FtObject *res = range_item_object_ref((FtRangeObject *)op, index);
    ft_decref(index);
    return res;
}

static FtObject *
range_slice(FtRangeObject *r, FtObject *slice)
{
    FtObject *start, *stop, *step;
    if (ft_slice_get_long_indices(slice, r->length, &start, &stop, &step) < 0)
        return NULL;
    // The clipped bounds lie in [-1, length]; the items there may lie outside the range (stop).
    FtObject *sub_start = compute_item_ref(r, start);
    FtObject *sub_stop = compute_item_ref(r, stop);
    FtObject *sub_step = int_binary(ft_bigint_mul, step, r->step);
    ft_decref(start);
    ft_decref(stop);
    ft_decref(step);
    return make_range_steal(sub_start, sub_stop, sub_step);
}

static FtObject *
range_subscript(FtObject *op, FtObject *key)
{
    FtRangeObject *r = (FtRangeObject *)op;
    const FtNumberMethods *nb = key->ob_type->tp_as_number;
    if (nb != NULL && nb->nb_index != NULL) {
        FtObject *i = ft_number_index_ref(key);
        if (i == NULL)
            return NULL;
        FtObject *res = range_item_object_ref(r, i);
        ft_decref(i);
        return res;
    }
    if (ft_slice_check(key))
        return range_slice(r, key);
    return ft_error_format(&ft_exc_type_error, "range indices must be integers or slices, not %.200s",
                           key->ob_type->tp_name);
}

// `ob in r` for an int ob, in O(1).
static bool
range_contains_int(FtRangeObject *r, FtObject *ob)
{
    bool up = int_sign(r->step) > 0;
    bool inside = up ? (int_compare(r->start, ob) <= 0 && int_compare(ob, r->stop) < 0)
                     : (int_compare(ob, r->start) <= 0 && int_compare(r->stop, ob) < 0);
    if (!inside)
        return false;
    FtBigInt diff, rem;
    FtNumError err;
    if (ft_bigint_sub(&diff, value_of(ob), value_of(r->start), &err) < 0)
        return false;   // only MemoryError, which GMP makes fatal
    int failed = ft_bigint_mod(&rem, &diff, value_of(r->step), &err);
    ft_bigint_clear(&diff);
    if (failed < 0)
        return false;
    bool zero = ft_bigint_sign(&rem) == 0;
    ft_bigint_clear(&rem);
    return zero;
}

static bool
is_plain_int(const FtObject *op)
{
    return ft_int_check_exact(op) || op->ob_type == &ft_bool_type;
}

// Counts (or finds) items equal to ob by iteration: the fallback for non-int values. Returns the
// count (stopping at the first when find_first), or -1 with an exception; *first gets the index.
static Ft_ssize
range_search(FtObject *op, FtObject *ob, bool find_first, Ft_ssize *first)
{
    FtObject *it = ft_object_get_iter_ref(op);
    if (it == NULL)
        return -1;
    Ft_ssize count = 0;
    for (Ft_ssize i = 0;; i++) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r <= 0) {
            if (r < 0)
                count = -1;
            break;
        }
        int eq = ft_object_rich_compare_bool(item, ob, FT_EQ);
        ft_decref(item);
        if (eq < 0) {
            count = -1;
            break;
        }
        if (eq > 0) {
            count++;
            if (find_first) {
                *first = i;
                break;
            }
        }
    }
    ft_decref(it);
    return count;
}

static int
range_contains(FtObject *op, FtObject *ob)
{
    if (is_plain_int(ob))
        return range_contains_int((FtRangeObject *)op, ob) ? 1 : 0;
    Ft_ssize first;
    Ft_ssize n = range_search(op, ob, true, &first);
    return n < 0 ? -1 : n > 0;
}

// Equality as sequences: same length, and (if non-empty) same first item and (if longer than one)
// same step.
static int
range_equals(FtRangeObject *a, FtRangeObject *b)
{
    if (a == b)
        return 1;
    if (int_compare(a->length, b->length) != 0)
        return 0;
    if (int_sign(a->length) == 0)
        return 1;
    if (int_compare(a->start, b->start) != 0)
        return 0;
    int64_t n;
    if (ft_bigint_to_int64(value_of(a->length), &n) && n == 1)
        return 1;
    return int_compare(a->step, b->step) == 0;
}

static FtObject *
range_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!ft_range_check(v) || !ft_range_check(w) || (op != FT_EQ && op != FT_NE))
        return FT_NOT_IMPLEMENTED;
    int eq = range_equals((FtRangeObject *)v, (FtRangeObject *)w);
    return ft_bool_from(op == FT_EQ ? eq : !eq);
}

// hash((len, None, None)), hash((len, start, None)) or hash((len, start, step)) by length.
static Ft_hash
range_hash(FtObject *op)
{
    FtRangeObject *r = (FtRangeObject *)op;
    FtObject *start = FT_NONE, *step = FT_NONE;
    if (int_sign(r->length) != 0) {
        start = r->start;
        int64_t n;
        if (!ft_bigint_to_int64(value_of(r->length), &n) || n != 1)
            step = r->step;
    }
    FtObject *t = ft_tuple_pack_ref(3, r->length, start, step);
    if (t == NULL)
        return -1;
    Ft_hash h = ft_object_hash(t);
    ft_decref(t);
    return h;
}

// An iterator yielding start, start + step, ... length items (all exact ints).
static FtObject *
make_range_iter_ref(FtObject *start, FtObject *step, FtObject *length, bool fast)
{
    int64_t s, st, n;
    // fast (range_iter_is_fast) means every item lies between the range's start and stop, all in
    // int64; range_iter_next computes items modulo 2**64, exact for values that fit.
    if (fast && ft_bigint_to_int64(value_of(start), &s) && ft_bigint_to_int64(value_of(step), &st) &&
        ft_bigint_to_int64(value_of(length), &n)) {
        FtRangeIterObject *it = (FtRangeIterObject *)ft_object_new_of_type(&ft_range_iter_type, 0);
        if (it == NULL)
            return NULL;
        it->start = s;
        it->step = st;
        it->length = (Ft_ssize)n;
        it->index = 0;
        return (FtObject *)it;
    }
    FtLongRangeIterObject *it =
        (FtLongRangeIterObject *)ft_object_new_of_type(&ft_longrange_iter_type, 0);
    if (it == NULL)
        return NULL;
    it->start = ft_new_ref(start);
    it->step = ft_new_ref(step);
    it->length = ft_new_ref(length);
    it->index = ft_int_from_int64_ref(0);
    return (FtObject *)it;
}

// Whether CPython would iterate r with its C-long range_iterator rather than longrange_iterator
// (the type name shows): start, stop and step fit in int64, -step too, and so does the walk past the
// end in the direction of travel (reverse: start - step, where the reversed walk stops).
static bool
range_iter_is_fast(FtRangeObject *r, bool reverse)
{
    int64_t start, stop, step, n;
    if (!ft_bigint_to_int64(value_of(r->start), &start) ||
        !ft_bigint_to_int64(value_of(r->stop), &stop) ||
        !ft_bigint_to_int64(value_of(r->step), &step) ||
        !ft_bigint_to_int64(value_of(r->length), &n))
        return false;
    if (reverse)
        return step != INT64_MIN && (step > 0 ? start >= INT64_MIN + step : start <= INT64_MAX + step);
    if (n == 0)
        return true;
    return step > 0 ? stop <= INT64_MAX - (step - 1) : stop >= INT64_MIN + (-1 - step);
}

static FtObject *
range_iter(FtObject *op)
{
    FtRangeObject *r = (FtRangeObject *)op;
    return make_range_iter_ref(r->start, r->step, r->length, range_iter_is_fast(r, false));
}

/* --- Methods --- */

// range.__reversed__()
static FtObject *
range_reversed(FtObject *op)
{
    FtRangeObject *r = (FtRangeObject *)op;
    bool fast = range_iter_is_fast(r, true);
    if (int_sign(r->length) == 0)
        return make_range_iter_ref(r->start, r->step, r->length, fast);
    // last = start + (length - 1) * step; walk back by -step.
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *n1 = int_binary(ft_bigint_sub, r->length, one);
    ft_decref(one);
    if (n1 == NULL)
        return NULL;
    FtObject *last = compute_item_ref(r, n1);
    ft_decref(n1);
    if (last == NULL)
        return NULL;
    FtBigInt neg;
    ft_bigint_neg(&neg, value_of(r->step));
    FtObject *back = ft_int_from_bigint_steal(&neg);
    FtObject *res = back != NULL ? make_range_iter_ref(last, back, r->length, fast) : NULL;
    ft_decref(last);
    ft_xdecref(back);
    return res;
}

// range.count(value, /)
static FtObject *
range_count(FtObject *op, FtObject *ob)
{
    if (is_plain_int(ob))
        return ft_int_from_int64_ref(range_contains_int((FtRangeObject *)op, ob) ? 1 : 0);
    Ft_ssize n = range_search(op, ob, false, NULL);
    return n < 0 ? NULL : ft_int_from_int64_ref(n);
}

// range.index(value, /)
static FtObject *
range_index(FtObject *op, FtObject *ob)
{
    FtRangeObject *r = (FtRangeObject *)op;
    if (is_plain_int(ob)) {
        if (!range_contains_int(r, ob))
            return ft_error_format(&ft_exc_value_error, "range.index(x): x not in range");
        FtObject *diff = int_binary(ft_bigint_sub, ob, r->start);
        if (diff == NULL)
            return NULL;
        FtObject *res = int_binary(ft_bigint_floordiv, diff, r->step);
        ft_decref(diff);
        return res;
    }
    Ft_ssize first = 0;
    Ft_ssize n = range_search(op, ob, true, &first);
    if (n < 0)
        return NULL;
    if (n == 0)
        return ft_error_format(&ft_exc_value_error, "sequence.index(x): x not in sequence");
    return ft_int_from_int64_ref(first);
}

// range.__reduce__()
static FtObject *
range_reduce(FtObject *op)
{
    FtRangeObject *r = (FtRangeObject *)op;
    FtObject *args = ft_tuple_pack_ref(3, r->start, r->stop, r->step);
    if (args == NULL)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(2, (FtObject *)&ft_range_type, args);
    ft_decref(args);
    return res;
}

/* --- Type object --- */

static const FtMethodDef range_methods[] = {
    {"__reversed__", {.noargs = range_reversed}, FT_METH_NOARGS,
     "Return a reverse iterator."},
    {"__reduce__", {.noargs = range_reduce}, FT_METH_NOARGS, NULL},
    {"count", {.o = range_count}, FT_METH_O,
     "rangeobject.count(value) -> integer -- return number of occurrences of value"},
    {"index", {.o = range_index}, FT_METH_O,
     "rangeobject.index(value) -> integer -- return index of value.\n"
     "Raise ValueError if the value is not present."},
    {NULL, {NULL}, 0, NULL},
};

static const FtMemberDef range_members[] = {
    {.name = "start", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtRangeObject, start),
     .flags = FT_MEMBER_READONLY},
    {.name = "stop", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtRangeObject, stop),
     .flags = FT_MEMBER_READONLY},
    {.name = "step", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtRangeObject, step),
     .flags = FT_MEMBER_READONLY},
    {0},
};

static FtNumberMethods range_as_number = {
    .nb_bool = range_bool,
};

static FtSequenceMethods range_as_sequence = {
    .sq_length = range_length,
    .sq_item = range_item,
    .sq_contains = range_contains,
};

static FtMappingMethods range_as_mapping = {
    .mp_length = range_length,
    .mp_subscript = range_subscript,
};

FtTypeObject ft_range_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "range",
    .tp_basicsize = sizeof(FtRangeObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = range_dealloc,
    .tp_repr = range_repr,
    .tp_hash = range_hash,
    .tp_richcompare = range_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = range_iter,
    .tp_new = range_new,
    .tp_as_number = &range_as_number,
    .tp_as_sequence = &range_as_sequence,
    .tp_as_mapping = &range_as_mapping,
    .tp_methods = range_methods,
    .tp_members = range_members,
    .tp_doc = "range(stop) -> range object\n"
              "range(start, stop[, step]) -> range object\n\n"
              "Return an object that produces a sequence of integers from start (inclusive)\n"
              "to stop (exclusive) by step.  range(i, j) produces i, i+1, i+2, ..., j-1.\n"
              "start defaults to 0, and stop is omitted!  range(4) produces 0, 1, 2, 3.\n"
              "These are exactly the valid indices for a list of 4 elements.\n"
              "When step is given, it specifies the increment (or decrement).",
};

/* --- range_iterator --- */

static FtObject *
iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
range_iter_next(FtObject *op)
{
    FtRangeIterObject *it = (FtRangeIterObject *)op;
    Ft_ssize i = ft_atomic_load_ssize_relaxed(&it->index);   // relaxed: re-checked by the CAS
    do {
        if (i >= it->length)
            return NULL;
    } while (!ft_atomic_cas_ssize_relaxed(&it->index, &i, i + 1));   // relaxed: see file block
    // The item fits in int64 (make_range_iter_ref), though i * step alone may not: unsigned
    // arithmetic wraps instead of overflowing and lands on the same value.
    return ft_int_from_int64_ref((int64_t)((uint64_t)it->start + (uint64_t)i * (uint64_t)it->step));
}

static FtObject *
range_iter_length_hint(FtObject *op)
{
    FtRangeIterObject *it = (FtRangeIterObject *)op;
    Ft_ssize i = ft_atomic_load_ssize_relaxed(&it->index);   // relaxed: a snapshot is enough
    return ft_int_from_int64_ref(it->length - i);
}

// (iter, (range(start + index * step, start + length * step, step),), None): the range of the items
// still to come, whatever the iterator's kind.
static FtObject *
iter_reduce_ints(FtObject *start, FtObject *step, FtObject *length, FtObject *index)
{
    FtObject *done = int_binary(ft_bigint_mul, index, step);
    FtObject *cur = done != NULL ? int_binary(ft_bigint_add, start, done) : NULL;
    FtObject *span = cur != NULL ? int_binary(ft_bigint_mul, length, step) : NULL;
    FtObject *end = span != NULL ? int_binary(ft_bigint_add, start, span) : NULL;
    FtObject *rest = end != NULL ? ft_range_new_ref(cur, end, step) : NULL;
    FtObject *res = rest != NULL ? ft_iter_reduce_ref("iter", rest, FT_NONE) : NULL;
    ft_xdecref(rest);
    ft_xdecref(end);
    ft_xdecref(span);
    ft_xdecref(cur);
    ft_xdecref(done);
    return res;
}

// __reduce__()
static FtObject *
range_iter_reduce(FtObject *op)
{
    FtRangeIterObject *it = (FtRangeIterObject *)op;
    Ft_ssize i = ft_atomic_load_ssize_relaxed(&it->index);   // relaxed: a snapshot
    FtObject *start = ft_int_from_int64_ref(it->start);
    FtObject *step = start != NULL ? ft_int_from_int64_ref(it->step) : NULL;
    FtObject *length = step != NULL ? ft_int_from_int64_ref(it->length) : NULL;
    FtObject *index = length != NULL ? ft_int_from_int64_ref(i) : NULL;
    FtObject *res = index != NULL ? iter_reduce_ints(start, step, length, index) : NULL;
    ft_xdecref(index);
    ft_xdecref(length);
    ft_xdecref(step);
    ft_xdecref(start);
    return res;
}

// __setstate__(n): skips n more items (n clamped to [0, items left]), as CPython's iterator, which
// keeps only the items left, does.
static FtObject *
range_iter_setstate(FtObject *op, FtObject *state)
{
    FtRangeIterObject *it = (FtRangeIterObject *)op;
    FtObject *n_obj = ft_number_index_ref(state);
    if (n_obj == NULL)
        return NULL;
    int64_t n;
    bool fits = ft_bigint_to_int64(value_of(n_obj), &n) != 0;
    ft_decref(n_obj);
    if (!fits)
        return ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C long");
    if (n < 0)
        n = 0;
    Ft_ssize i = ft_atomic_load_ssize_relaxed(&it->index);   // relaxed: re-checked by the CAS
    Ft_ssize next;
    do {
        Ft_ssize left = it->length - i;
        next = i + (n < left ? (Ft_ssize)n : left);
    } while (!ft_atomic_cas_ssize_relaxed(&it->index, &i, next));   // relaxed: see file block
    return ft_none_ref();
}

static const FtMethodDef range_iter_methods[] = {
    {"__length_hint__", {.noargs = range_iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = range_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", {.o = range_iter_setstate}, FT_METH_O, "Set state information for unpickling."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_range_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "range_iterator",
    .tp_basicsize = sizeof(FtRangeIterObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = range_iter_next,
    .tp_methods = range_iter_methods,
};

/* --- longrange_iterator --- */

static void
longrange_iter_dealloc(FtObject *op)
{
    FtLongRangeIterObject *it = (FtLongRangeIterObject *)op;
    ft_decref(it->start);
    ft_decref(it->step);
    ft_decref(it->length);
    ft_xdecref(it->index);
    ft_object_free_memory(op);
}

static FtObject *
longrange_iter_next(FtObject *op)
{
    FtLongRangeIterObject *it = (FtLongRangeIterObject *)op;
    FtObject *claimed = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (int_compare(it->index, it->length) < 0) {
        FtObject *one = ft_int_from_int64_ref(1);
        FtObject *next = one != NULL ? int_binary(ft_bigint_add, it->index, one) : NULL;
        ft_xdecref(one);
        if (next != NULL) {   // else the exception is set and nothing is claimed
            claimed = it->index;   // our reference now
            it->index = next;
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (claimed == NULL)
        return NULL;   // exhausted, or an exception set
    FtObject *offset = int_binary(ft_bigint_mul, claimed, it->step);
    ft_decref(claimed);
    if (offset == NULL)
        return NULL;
    FtObject *res = int_binary(ft_bigint_add, it->start, offset);
    ft_decref(offset);
    return res;
}

static FtObject *
longrange_iter_length_hint(FtObject *op)
{
    FtLongRangeIterObject *it = (FtLongRangeIterObject *)op;
    FtObject *index;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    index = ft_new_ref(it->index);
    FT_END_CRITICAL_SECTION_OBJECT();
    FtObject *res = int_binary(ft_bigint_sub, it->length, index);
    ft_decref(index);
    return res;
}

// __reduce__()
static FtObject *
longrange_iter_reduce(FtObject *op)
{
    FtLongRangeIterObject *it = (FtLongRangeIterObject *)op;
    FtObject *index;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    index = ft_new_ref(it->index);
    FT_END_CRITICAL_SECTION_OBJECT();
    FtObject *res = iter_reduce_ints(it->start, it->step, it->length, index);
    ft_decref(index);
    return res;
}

// __setstate__(n): skips n more items (an exact int, clamped to [0, items left]).
static FtObject *
longrange_iter_setstate(FtObject *op, FtObject *state)
{
    FtLongRangeIterObject *it = (FtLongRangeIterObject *)op;
    if (!ft_int_check_exact(state))
        return ft_error_format(&ft_exc_type_error, "state must be an int, not %.200s",
                               state->ob_type->tp_name);
    FtObject *zero = ft_int_from_int64_ref(0);
    if (zero == NULL)
        return NULL;
    FtObject *n = int_compare(state, zero) < 0 ? zero : state;
    FtObject *fresh = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    FtObject *left = int_binary(ft_bigint_sub, it->length, it->index);
    if (left != NULL) {
        fresh = int_binary(ft_bigint_add, it->index, int_compare(n, left) < 0 ? n : left);
        ft_decref(left);
    }
    if (fresh != NULL) {
        ft_decref(it->index);
        it->index = fresh;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(zero);
    if (fresh == NULL)
        return NULL;
    return ft_none_ref();
}

static const FtMethodDef longrange_iter_methods[] = {
    {"__length_hint__", {.noargs = longrange_iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = longrange_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", {.o = longrange_iter_setstate}, FT_METH_O,
     "Set state information for unpickling."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_longrange_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "longrange_iterator",
    .tp_basicsize = sizeof(FtLongRangeIterObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = longrange_iter_dealloc,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = longrange_iter_next,
    .tp_methods = longrange_iter_methods,
};

int
ft_range_init_types(void)
{
    if (ft_type_ready(&ft_range_type) < 0 || ft_type_ready(&ft_range_iter_type) < 0 ||
        ft_type_ready(&ft_longrange_iter_type) < 0)
        return -1;
    return 0;
}

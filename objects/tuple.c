// objects/tuple.c: tuple (CPython's Objects/tupleobject.c).
//
// Layout: FtTupleObject header (ob_size, cached hash) followed by ob_size item pointers.
// Invariants: after publication every item is a non-NULL strong reference and nothing changes
// except the hash cache; the empty tuple is a single static immortal object.
//
// Concurrency:
//   items, size, repr, compare, contains      lock-free (immutable after publication)
//   hash cache                                relaxed atomic (every thread computes the same value)
//   construction                              unpublished, owner thread only (_unlocked setters)
//   tuple_iterator position                   atomic claim (relaxed fetch-add), shareable
// A tuple is a GC object (it can close a cycle through a mutable item); tp_traverse tolerates NULL
// items of a tuple still being filled.
//
// Missing (TODO(#4)): the per-size free lists.
#include <stdarg.h>   // va_list
#include <stdint.h>   // PTRDIFF_MAX
#include <stdlib.h>   // calloc free

#include "objects/tuple.h"

#include "eval/call.h"                 // ft_eval_check_c_stack
#include "objects/abstract.h"          // ft_sequence_tuple_ref ft_iter_*
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/int.h"               // ft_int_check ft_bool_from ft_int_from_int64_ref
#include "objects/method_def.h"        // FtMethodDef FT_METH_*
#include "objects/object.h"            // ft_object_* FT_VAR_OBJECT_HEAD_INIT
#include "objects/slice.h"             // ft_slice_check ft_slice_unpack ft_slice_adjust_indices
#include "objects/str.h"               // ft_str_*
#include "objects/type.h"              // ft_type_ready
#include "runtime/refcount.h"          // ft_new_ref ft_decref
#include "sync/atomic.h"               // ft_atomic_*_ssize_relaxed

// xxHash-64 constants of CPython's tuplehash (Objects/tupleobject.c, 64-bit build).
#define XXPRIME_1 UINT64_C(11400714785074694791)
#define XXPRIME_2 UINT64_C(14029467366897019727)
#define XXPRIME_5 UINT64_C(2870177450012600261)

static FtTupleObject empty_tuple = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_tuple_type, 0),
    .hash = -1,
};

/* --- Internal API --- */

FtObject *
ft_tuple_new_ref(Ft_ssize n)
{
    if (n == 0)
        return (FtObject *)&empty_tuple;   // immortal
    if (n < 0) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtTupleObject *t = (FtTupleObject *)ft_object_new_of_type(&ft_tuple_type, n);
    if (t == NULL)
        return NULL;
    t->hash = -1;   // unpublished: a plain store
    return (FtObject *)t;
}

FtObject *
ft_tuple_from_array_ref(FtObject *const *items, Ft_ssize n)
{
    FtObject *t = ft_tuple_new_ref(n);
    if (t == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++)
        ft_tuple_set_item_steal_unlocked(t, i, ft_new_ref(items[i]));
    return t;
}

FtObject *
ft_tuple_pack_ref(Ft_ssize n, ...)
{
    FtObject *t = ft_tuple_new_ref(n);
    if (t == NULL)
        return NULL;
    va_list ap;
    va_start(ap, n);
    for (Ft_ssize i = 0; i < n; i++)
        ft_tuple_set_item_steal_unlocked(t, i, ft_new_ref(va_arg(ap, FtObject *)));
    va_end(ap);
    return t;
}

/* --- Slots --- */

static void
tuple_dealloc(FtObject *op)
{
    FtTupleObject *t = (FtTupleObject *)op;
    for (Ft_ssize i = 0; i < ft_tuple_size(op); i++)
        ft_xdecref(t->items[i]);
    ft_object_free_memory(op);
}

static int
tuple_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtTupleObject *t = (FtTupleObject *)op;
    for (Ft_ssize i = 0; i < ft_tuple_size(op); i++) {
        if (t->items[i] != NULL) {
            int r = visit(t->items[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

static FtObject *
tuple_repr(FtObject *op)
{
    Ft_ssize n = ft_tuple_size(op);
    if (n == 0)
        return ft_str_intern_cstr_ref("()");
    // A tuple reached again through its own items (via a mutable container) shows as "(...)".
    FtReprFrame frame;
    if (ft_object_repr_enter(&frame, op))
        return ft_str_from_ascii_ref("(...)");
    FtObject *sep = ft_str_intern_cstr_ref(", ");
    if (sep == NULL) {
        ft_object_repr_leave(&frame);
        return NULL;
    }
    FtObject *res = NULL, *joined = NULL;
    FtObject *small[8];
    FtObject **reprs = n <= 8 ? small : calloc((size_t)n, sizeof *reprs);
    Ft_ssize done = 0;
    if (reprs == NULL) {
        ft_error_no_memory();
        goto error;
    }
    for (; done < n; done++) {
        // TODO(#4): a recursion guard (Py_EnterRecursiveCall) for deeply nested tuples.
        reprs[done] = ft_object_repr_ref(ft_tuple_get_item_borrow(op, done));
        if (reprs[done] == NULL)
            goto error;
    }
    joined = ft_str_join_ref(sep, reprs, n);
    if (joined != NULL)
        res = ft_str_from_format_ref("(%U%s)", joined, n == 1 ? "," : "");
error:
    for (Ft_ssize i = 0; i < done; i++)
        ft_decref(reprs[i]);
    if (reprs != small)
        free(reprs);
    ft_xdecref(joined);
    ft_decref(sep);
    ft_object_repr_leave(&frame);
    return res;
}

static Ft_hash
tuple_hash(FtObject *op)
{
    FtTupleObject *t = (FtTupleObject *)op;
    // relaxed: a cache of a pure function of immutable items.
    Ft_hash cached = ft_atomic_load_ssize_relaxed(&t->hash);
    if (cached != -1)
        return cached;
    // Hashing nested tuples recurses in C.
    if (ft_eval_check_c_stack(" while hashing a tuple") < 0)
        return -1;
    Ft_ssize n = ft_tuple_size(op);
    uint64_t acc = XXPRIME_5;
    for (Ft_ssize i = 0; i < n; i++) {
        Ft_hash lane = ft_object_hash(t->items[i]);
        if (lane == -1)
            return -1;
        acc += (uint64_t)lane * XXPRIME_2;
        acc = (acc << 31) | (acc >> 33);
        acc *= XXPRIME_1;
    }
    acc += (uint64_t)n ^ (XXPRIME_5 ^ UINT64_C(3527539));
    Ft_hash h = acc == UINT64_MAX ? 1546275796 : (Ft_hash)acc;
    // relaxed: see the load above.
    ft_atomic_store_ssize_relaxed(&t->hash, h);
    return h;
}

static FtObject *
tuple_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!ft_tuple_check(v) || !ft_tuple_check(w))
        return FT_NOT_IMPLEMENTED;
    Ft_ssize vlen = ft_tuple_size(v), wlen = ft_tuple_size(w);
    Ft_ssize i;
    // The first index where the items differ decides, as in a lexicographic order.
    for (i = 0; i < vlen && i < wlen; i++) {
        int k = ft_object_rich_compare_bool(ft_tuple_get_item_borrow(v, i),
                                            ft_tuple_get_item_borrow(w, i), FT_EQ);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= vlen || i >= wlen) {
        switch (op) {
        case FT_LT: return ft_bool_from(vlen < wlen);
        case FT_LE: return ft_bool_from(vlen <= wlen);
        case FT_EQ: return ft_bool_from(vlen == wlen);
        case FT_NE: return ft_bool_from(vlen != wlen);
        case FT_GT: return ft_bool_from(vlen > wlen);
        default: return ft_bool_from(vlen >= wlen);
        }
    }
    if (op == FT_EQ)
        return FT_FALSE;
    if (op == FT_NE)
        return FT_TRUE;
    return ft_object_rich_compare_ref(ft_tuple_get_item_borrow(v, i),
                                      ft_tuple_get_item_borrow(w, i), op);
}

static Ft_ssize
tuple_length(FtObject *op)
{
    return ft_tuple_size(op);
}

static FtObject *
tuple_item(FtObject *op, Ft_ssize i)
{
    if (i < 0 || i >= ft_tuple_size(op))
        return ft_error_format(&ft_exc_index_error, "tuple index out of range");
    return ft_new_ref(ft_tuple_get_item_borrow(op, i));
}

// True if key can index a sequence (an int or an object with __index__).
static bool
has_index(FtObject *key)
{
    return ft_int_check(key) ||
           (key->ob_type->tp_as_number != NULL && key->ob_type->tp_as_number->nb_index != NULL);
}

// A new tuple of the n items at src, src[step], src[2*step], ... (new references).
static FtObject *
tuple_from_stride_ref(FtObject *op, Ft_ssize start, Ft_ssize step, Ft_ssize n)
{
    FtObject *t = ft_tuple_new_ref(n);
    if (t == NULL)
        return NULL;
    for (Ft_ssize i = 0, k = start; i < n; i++, k += step)
        ft_tuple_set_item_steal_unlocked(t, i, ft_new_ref(ft_tuple_get_item_borrow(op, k)));
    return t;
}

static FtObject *
tuple_subscript(FtObject *op, FtObject *key)
{
    if (has_index(key)) {
        Ft_ssize i = ft_number_as_ssize(key, &ft_exc_index_error);
        if (i == -1 && ft_error_occurred())
            return NULL;
        if (i < 0)
            i += ft_tuple_size(op);
        return tuple_item(op, i);
    }
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return NULL;
        Ft_ssize n = ft_slice_adjust_indices(ft_tuple_size(op), &start, &stop, step);
        if (n <= 0)
            return ft_tuple_new_ref(0);
        if (start == 0 && step == 1 && n == ft_tuple_size(op) &&
            ft_object_is_exact(op, &ft_tuple_type))
            return ft_new_ref(op);
        return tuple_from_stride_ref(op, start, step, n);
    }
    return ft_error_format(&ft_exc_type_error, "tuple indices must be integers or slices, not %.200s",
                           key->ob_type->tp_name);
}

static FtObject *
tuple_repeat(FtObject *op, Ft_ssize n)
{
    Ft_ssize size = ft_tuple_size(op);
    if (size == 0 || n == 1) {
        if (ft_object_is_exact(op, &ft_tuple_type))
            return ft_new_ref(op);
        if (size == 0)
            return ft_tuple_new_ref(0);
    }
    if (n <= 0)
        return ft_tuple_new_ref(0);
    // CPython's bound: the item array of the result must be addressable.
    if (size > (Ft_ssize)(((size_t)-1 >> 1) - sizeof(FtTupleObject)) / (Ft_ssize)sizeof(FtObject *) /
                   n)
        return ft_error_no_memory();
    FtObject *t = ft_tuple_new_ref(size * n);
    if (t == NULL)
        return NULL;
    Ft_ssize k = 0;
    for (Ft_ssize r = 0; r < n; r++) {
        for (Ft_ssize j = 0; j < size; j++)
            ft_tuple_set_item_steal_unlocked(t, k++, ft_new_ref(ft_tuple_get_item_borrow(op, j)));
    }
    return t;
}

static int
tuple_contains(FtObject *op, FtObject *value)
{
    for (Ft_ssize i = 0; i < ft_tuple_size(op); i++) {
        int k = ft_object_rich_compare_bool(ft_tuple_get_item_borrow(op, i), value, FT_EQ);
        if (k != 0)
            return k;
    }
    return 0;
}

static FtObject *
tuple_concat(FtObject *a, FtObject *b)
{
    if (!ft_tuple_check(b))
        return ft_error_format(&ft_exc_type_error,
                               "can only concatenate tuple (not \"%.200s\") to tuple",
                               b->ob_type->tp_name);
    Ft_ssize na = ft_tuple_size(a), nb = ft_tuple_size(b);
    if (nb == 0 && ft_object_is_exact(a, &ft_tuple_type))
        return ft_new_ref(a);
    if (na == 0 && ft_object_is_exact(b, &ft_tuple_type))
        return ft_new_ref(b);
    FtObject *t = ft_tuple_new_ref(na + nb);
    if (t == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < na; i++)
        ft_tuple_set_item_steal_unlocked(t, i, ft_new_ref(ft_tuple_get_item_borrow(a, i)));
    for (Ft_ssize i = 0; i < nb; i++)
        ft_tuple_set_item_steal_unlocked(t, na + i, ft_new_ref(ft_tuple_get_item_borrow(b, i)));
    return t;
}

static FtObject *
tuple_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL)
        return ft_error_format(&ft_exc_type_error, "tuple() takes no keyword arguments");
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "tuple expected at most 1 argument, got %zd",
                               nargs);
    FtObject *items = nargs == 0 ? ft_tuple_new_ref(0) : ft_sequence_tuple_ref(args[0]);
    if (items == NULL || type == &ft_tuple_type)
        return items;
    // A subclass instance holding the same items.
    Ft_ssize n = ft_tuple_size(items);
    FtTupleObject *t = (FtTupleObject *)ft_object_new_of_type(type, n);
    if (t != NULL) {
        t->hash = -1;   // unpublished: plain stores
        for (Ft_ssize i = 0; i < n; i++)
            t->items[i] = ft_new_ref(ft_tuple_get_item_borrow(items, i));
    }
    ft_decref(items);
    return (FtObject *)t;
}

// Converts an index argument of tuple.index (an int or __index__ object) clamping out-of-range
// values, as _PyEval_SliceIndex. 0 or -1.
static int
tuple_slice_index(FtObject *o, Ft_ssize *out)
{
    if (!has_index(o)) {
        ft_error_set_string(&ft_exc_type_error,
                            "slice indices must be integers or have an __index__ method");
        return -1;
    }
    *out = ft_number_as_ssize(o, NULL);
    return *out == -1 && ft_error_occurred() ? -1 : 0;
}

/* --- Methods --- */

// count(value, /)
static FtObject *
tuple_count_method(FtObject *self, FtObject *value)
{
    Ft_ssize count = 0;
    for (Ft_ssize i = 0; i < ft_tuple_size(self); i++) {
        FtObject *item = ft_tuple_get_item_borrow(self, i);
        int k = item == value ? 1 : ft_object_rich_compare_bool(item, value, FT_EQ);
        if (k < 0)
            return NULL;
        count += k;
    }
    return ft_int_from_int64_ref(count);
}

// index(value, start=0, stop=sys.maxsize, /)
static FtObject *
tuple_index_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "index expected at least 1 argument, got %zd",
                               nargs);
    if (nargs > 3)
        return ft_error_format(&ft_exc_type_error, "index expected at most 3 arguments, got %zd",
                               nargs);
    Ft_ssize size = ft_tuple_size(self);
    Ft_ssize start = 0, stop = size;
    if (nargs >= 2 && tuple_slice_index(args[1], &start) < 0)
        return NULL;
    if (nargs >= 3 && tuple_slice_index(args[2], &stop) < 0)
        return NULL;
    if (start < 0) {
        start += size;
        if (start < 0)
            start = 0;
    }
    if (stop < 0)
        stop += size;
    else if (stop > size)
        stop = size;
    for (Ft_ssize i = start; i < stop; i++) {
        FtObject *item = ft_tuple_get_item_borrow(self, i);
        int k = item == args[0] ? 1 : ft_object_rich_compare_bool(item, args[0], FT_EQ);
        if (k < 0)
            return NULL;
        if (k > 0)
            return ft_int_from_int64_ref(i);
    }
    return ft_error_format(&ft_exc_value_error, "tuple.index(x): x not in tuple");
}

// __getnewargs__(): (a plain tuple of the items,), what pickling a tuple subclass passes to __new__.
static FtObject *
tuple_getnewargs_method(FtObject *self)
{
    FtObject *items = tuple_from_stride_ref(self, 0, 1, ft_tuple_size(self));
    if (items == NULL)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(1, items);
    ft_decref(items);
    return res;
}

static const FtMethodDef tuple_methods[] = {
    {"__getnewargs__", {.noargs = tuple_getnewargs_method}, FT_METH_NOARGS, NULL},
    {"index", {.fast = tuple_index_method}, FT_METH_FASTCALL,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", {.o = tuple_count_method}, FT_METH_O, "Return number of occurrences of value."},
    {NULL, {NULL}, 0, NULL},
};

/* --- The iterator --- */

// iter(t): tuple_iterator. Several threads may share one iterator: each position is claimed by one
// atomic increment, so every item is yielded exactly once.
typedef struct {
    FtObject ob_base;
    FtObject *tuple;   // immutable after publish: a strong reference
    Ft_ssize index;    // atomic (relaxed): the next position to claim (may run past the length);
                       // TUPLE_ITER_DONE or more once next() ran off the end
} TupleIterObject;

// Far past any tuple's length, and far enough below the maximum that the claims of racing next()
// calls cannot wrap around. CPython drops the tuple at that point: __setstate__ can no longer
// revive the iterator and __reduce__ shows an empty tuple.
#define TUPLE_ITER_DONE (PTRDIFF_MAX / 2)

static FtObject *
tuple_iter(FtObject *op)
{
    TupleIterObject *it = (TupleIterObject *)ft_object_new_of_type(&ft_tuple_iter_type, 0);
    if (it == NULL)
        return NULL;
    it->tuple = ft_new_ref(op);   // unpublished: plain stores
    it->index = 0;
    return (FtObject *)it;
}

static void
tuple_iter_dealloc(FtObject *op)
{
    ft_decref(((TupleIterObject *)op)->tuple);
    ft_object_free_memory(op);
}

static int
tuple_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((TupleIterObject *)op)->tuple, arg);
}

static FtObject *
tuple_iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
tuple_iter_next(FtObject *op)
{
    TupleIterObject *it = (TupleIterObject *)op;
    Ft_ssize n = ft_tuple_size(it->tuple);
    // relaxed: keeps an exhausted iterator's index from growing; the claim below decides.
    Ft_ssize seen = ft_atomic_load_ssize_relaxed(&it->index);
    if (seen >= n) {
        if (seen < TUPLE_ITER_DONE)
            ft_atomic_store_ssize_relaxed(&it->index, TUPLE_ITER_DONE);   // relaxed: as above
        return NULL;
    }
    // relaxed: the tuple is immutable, so the claimed index orders nothing else.
    Ft_ssize i = ft_atomic_add_ssize_relaxed(&it->index, 1);
    if (i >= n) {
        // relaxed: as the load above.
        ft_atomic_store_ssize_relaxed(&it->index, TUPLE_ITER_DONE);
        return NULL;
    }
    return ft_new_ref(ft_tuple_get_item_borrow(it->tuple, i));
}

// __length_hint__()
static FtObject *
tuple_iter_length_hint(FtObject *op)
{
    TupleIterObject *it = (TupleIterObject *)op;
    // relaxed: a snapshot, as any length hint.
    Ft_ssize left = ft_tuple_size(it->tuple) - ft_atomic_load_ssize_relaxed(&it->index);
    return ft_int_from_int64_ref(left > 0 ? left : 0);
}

// __reduce__(): (iter, (tuple,), index), or (iter, ((),)) once next() has run off the end.
static FtObject *
tuple_iter_reduce(FtObject *op)
{
    TupleIterObject *it = (TupleIterObject *)op;
    // relaxed: a snapshot.
    Ft_ssize index = ft_atomic_load_ssize_relaxed(&it->index);
    if (index >= TUPLE_ITER_DONE) {
        FtObject *empty = ft_tuple_new_ref(0);
        if (empty == NULL)
            return NULL;
        FtObject *res = ft_iter_reduce_ref("iter", empty, NULL);
        ft_decref(empty);
        return res;
    }
    Ft_ssize n = ft_tuple_size(it->tuple);
    FtObject *state = ft_int_from_int64_ref(index < n ? index : n);
    if (state == NULL)
        return NULL;
    FtObject *res = ft_iter_reduce_ref("iter", it->tuple, state);
    ft_decref(state);
    return res;
}

// __setstate__(index): the next position, clamped to [0, len(tuple)]; ignored once done.
static FtObject *
tuple_iter_setstate(FtObject *op, FtObject *state)
{
    TupleIterObject *it = (TupleIterObject *)op;
    Ft_ssize index;
    if (ft_iter_state_as_ssize(state, &index) < 0)
        return NULL;
    Ft_ssize n = ft_tuple_size(it->tuple);
    index = index < 0 ? 0 : index > n ? n : index;
    // relaxed: a racing next() may claim either position; both are in range. The CAS keeps a
    // done iterator done.
    Ft_ssize cur = ft_atomic_load_ssize_relaxed(&it->index);
    while (cur < TUPLE_ITER_DONE && !ft_atomic_cas_ssize_relaxed(&it->index, &cur, index)) {
    }
    return ft_none_ref();
}

static const FtMethodDef tuple_iter_methods[] = {
    {"__length_hint__", {.noargs = tuple_iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = tuple_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", {.o = tuple_iter_setstate}, FT_METH_O, "Set state information for unpickling."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_tuple_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "tuple_iterator",
    .tp_basicsize = sizeof(TupleIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = tuple_iter_dealloc,
    .tp_traverse = tuple_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = tuple_iter_self,
    .tp_iternext = tuple_iter_next,
    .tp_methods = tuple_iter_methods,
};

/* --- Type object --- */

static FtSequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
    .sq_repeat = tuple_repeat,
    .sq_item = tuple_item,
    .sq_contains = tuple_contains,
};

static FtMappingMethods tuple_as_mapping = {
    .mp_length = tuple_length,
    .mp_subscript = tuple_subscript,
};

FtTypeObject ft_tuple_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "tuple",
    .tp_basicsize = sizeof(FtTupleObject),
    .tp_itemsize = sizeof(FtObject *),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE |
                FT_TPFLAGS_TUPLE_SUBCLASS,
    .tp_dealloc = tuple_dealloc,
    .tp_traverse = tuple_traverse,
    .tp_repr = tuple_repr,
    .tp_hash = tuple_hash,
    .tp_richcompare = tuple_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = tuple_iter,
    .tp_new = tuple_new,
    .tp_methods = tuple_methods,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_doc = "Built-in immutable sequence.",
};

int
ft_tuple_init_types(void)
{
    if (ft_type_ready(&ft_tuple_type) < 0)
        return -1;
    return ft_type_ready(&ft_tuple_iter_type);
}

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
// A tuple is a GC object (it can close a cycle through a mutable item); tp_traverse tolerates NULL
// items of a tuple still being filled.
//
// Missing (TODO(#4)): slicing, repetition, tuple(iterable) for non-tuples, count/index methods, the
// per-size free lists.
#include <stdarg.h>   // va_list
#include <stdlib.h>   // calloc free

#include "objects/tuple.h"

#include "objects/error.h"    // ft_error_* ft_exc_*
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/int.h"      // ft_int_check ft_bool_from
#include "objects/object.h"   // ft_object_* FT_VAR_OBJECT_HEAD_INIT
#include "objects/str.h"      // ft_str_*
#include "objects/type.h"     // ft_type_ready

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
    FtObject *sep = ft_str_intern_cstr_ref(", ");
    if (sep == NULL)
        return NULL;
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

static FtObject *
tuple_subscript(FtObject *op, FtObject *key)
{
    if (ft_int_check(key)) {
        Ft_ssize i = ft_number_as_ssize(key, &ft_exc_index_error);
        if (i == -1 && ft_error_occurred())
            return NULL;
        if (i < 0)
            i += ft_tuple_size(op);
        return tuple_item(op, i);
    }
    // TODO(#4): slices and __index__.
    return ft_error_format(&ft_exc_type_error, "tuple indices must be integers or slices, not %.200s",
                           key->ob_type->tp_name);
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
    if (type != &ft_tuple_type)   // TODO(#4): tuple subclasses
        return ft_error_format(&ft_exc_type_error, "tuple subclasses are not supported yet");
    if (nargs == 0)
        return ft_tuple_new_ref(0);
    if (ft_object_is_exact(args[0], &ft_tuple_type))
        return ft_new_ref(args[0]);
    // TODO(#4): any iterable, once the iterator protocol exists.
    return ft_error_format(&ft_exc_type_error, "'%.200s' object is not iterable",
                           args[0]->ob_type->tp_name);
}

/* --- Type object --- */

static FtSequenceMethods tuple_as_sequence = {
    .sq_length = tuple_length,
    .sq_concat = tuple_concat,
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
    .tp_new = tuple_new,
    .tp_as_sequence = &tuple_as_sequence,
    .tp_as_mapping = &tuple_as_mapping,
    .tp_doc = "Built-in immutable sequence.",
};

int
ft_tuple_init_types(void)
{
    return ft_type_ready(&ft_tuple_type);
}

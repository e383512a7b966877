// objects/iterobject.c: the generic iterators (CPython's Objects/iterobject.c): `iterator`, which
// walks any object with __getitem__ by index until IndexError or StopIteration, and
// `callable_iterator` (iter(callable, sentinel)), which calls until the result equals the sentinel.
//
// Layout: the source objects are strong references, immutable after creation (they are kept until
// dealloc even once exhausted, so a racing next() never sees a freed source). The position state
// (index, exhausted flag) is guarded_by(ob_mutex).
//
// Invariant: seq iterator: index >= 0 is the next index to fetch, index == -1 means exhausted and
// stays so. callable iterator: once exhausted, never calls the callable again.
//
// Concurrency:
//   next(iterator)            critical section to claim an index, the __getitem__ call outside it;
//                             on an error other than IndexError/StopIteration the claim is returned
//                             if nobody claimed past it, so a failing item can be retried
//   next(callable_iterator)   exhausted flag read and set under the section; the call outside it
//   __length_hint__           critical section (one read)
//   __reduce__ / __setstate__ critical section (one read or one write)
// Sharing one iterator between threads therefore hands each index to exactly one thread (while no
// error intervenes), as CPython's free-threaded build does.
//
// Missing (TODO(#4)): free lists.
#include <stdint.h>   // PTRDIFF_MAX

#include "objects/abstract.h"

#include "objects/dict.h"          // ft_dict_get_item_str_ref
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/int.h"           // ft_int_from_int64_ref
#include "objects/method_def.h"    // FtMethodDef FT_METH_*
#include "objects/object.h"        // ft_object_*
#include "objects/tuple.h"         // ft_tuple_pack_ref
#include "objects/type.h"          // ft_type_ready
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/thread_state.h"  // ft_interp_main

typedef struct FtSeqIterObject {
    FtObject ob_base;
    FtObject *seq;     // immutable after creation (strong)
    Ft_ssize index;    // guarded_by(ob_mutex): next index, -1 once exhausted
} FtSeqIterObject;

typedef struct FtCallableIterObject {
    FtObject ob_base;
    FtObject *callable;   // immutable after creation (strong)
    FtObject *sentinel;   // immutable after creation (strong)
    bool exhausted;       // guarded_by(ob_mutex)
} FtCallableIterObject;

/* --- Internal API --- */

FtObject *
ft_seq_iter_new_ref(FtObject *seq)
{
    FtSeqIterObject *it = (FtSeqIterObject *)ft_object_new_of_type(&ft_seq_iter_type, 0);
    if (it == NULL)
        return NULL;
    it->seq = ft_new_ref(seq);
    it->index = 0;
    return (FtObject *)it;
}

FtObject *
ft_iter_reduce_ref(const char *builtin, FtObject *source, FtObject *state)
{
    FtObject *builtins = ft_interp_main()->builtins_dict, *fn = NULL;
    int r = builtins != NULL ? ft_dict_get_item_str_ref(builtins, builtin, &fn) : 0;
    if (r <= 0) {
        if (r == 0)
            ft_error_format(&ft_exc_runtime_error, "lost builtins.%s", builtin);
        return NULL;
    }
    FtObject *args = ft_tuple_pack_ref(1, source), *res = NULL;
    if (args != NULL)
        res = state != NULL ? ft_tuple_pack_ref(3, fn, args, state) : ft_tuple_pack_ref(2, fn, args);
    ft_xdecref(args);
    ft_decref(fn);
    return res;
}

int
ft_iter_state_as_ssize(FtObject *state, Ft_ssize *out)
{
    if (!ft_int_check(state)) {
        ft_error_set_string(&ft_exc_type_error, "an integer is required");
        return -1;
    }
    int64_t v;
    if (!ft_bigint_to_int64(ft_int_value_borrow(state), &v)) {
        ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t");
        return -1;
    }
    *out = (Ft_ssize)v;
    return 0;
}

FtObject *
ft_callable_iter_new_ref(FtObject *callable, FtObject *sentinel)
{
    FtCallableIterObject *it =
        (FtCallableIterObject *)ft_object_new_of_type(&ft_callable_iter_type, 0);
    if (it == NULL)
        return NULL;
    it->callable = ft_new_ref(callable);
    it->sentinel = ft_new_ref(sentinel);
    it->exhausted = false;
    return (FtObject *)it;
}

/* --- iterator --- */

static void
seq_iter_dealloc(FtObject *op)
{
    ft_decref(((FtSeqIterObject *)op)->seq);
    ft_object_free_memory(op);
}

static int
seq_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((FtSeqIterObject *)op)->seq, arg);
}

static FtObject *
seq_iter_iter(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
seq_iter_next(FtObject *op)
{
    FtSeqIterObject *it = (FtSeqIterObject *)op;
    Ft_ssize i;
    bool overflow = false;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    i = it->index;
    if (i == PTRDIFF_MAX)
        overflow = true;
    else if (i >= 0)
        it->index = i + 1;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (overflow) {
        ft_error_set_string(&ft_exc_overflow_error, "iter index too large");
        return NULL;
    }
    if (i < 0)
        return NULL;   // exhausted
    FtObject *item = ft_sequence_get_item_ref(it->seq, i);
    if (item != NULL)
        return item;
    bool end = ft_error_matches(&ft_exc_index_error) || ft_error_matches(&ft_exc_stop_iteration);
    if (end)
        ft_error_clear();
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (end)
        it->index = -1;
    else if (it->index == i + 1)
        it->index = i;   // give the claim back: the same item is tried again next time
    FT_END_CRITICAL_SECTION_OBJECT();
    return NULL;
}

static FtObject *
seq_iter_length_hint(FtObject *op)
{
    FtSeqIterObject *it = (FtSeqIterObject *)op;
    Ft_ssize i;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    i = it->index;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (i < 0)
        return ft_int_from_int64_ref(0);
    const FtSequenceMethods *sq = it->seq->ob_type->tp_as_sequence;
    const FtMappingMethods *mp = it->seq->ob_type->tp_as_mapping;
    if ((sq == NULL || sq->sq_length == NULL) && (mp == NULL || mp->mp_length == NULL))
        return FT_NOT_IMPLEMENTED;   // no len(): no estimate
    Ft_ssize n = ft_object_size(it->seq);
    if (n < 0)
        return NULL;
    return ft_int_from_int64_ref(n > i ? n - i : 0);
}

// __reduce__(): (iter, (seq,), index), or (iter, ((),)) once exhausted.
static FtObject *
seq_iter_reduce(FtObject *op)
{
    FtSeqIterObject *it = (FtSeqIterObject *)op;
    Ft_ssize i;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    i = it->index;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (i < 0) {
        FtObject *empty = ft_tuple_new_ref(0);
        if (empty == NULL)
            return NULL;
        FtObject *res = ft_iter_reduce_ref("iter", empty, NULL);
        ft_decref(empty);
        return res;
    }
    FtObject *state = ft_int_from_int64_ref(i);
    if (state == NULL)
        return NULL;
    FtObject *res = ft_iter_reduce_ref("iter", it->seq, state);
    ft_decref(state);
    return res;
}

// __setstate__(index): the next index (negative means 0); an exhausted iterator stays so.
static FtObject *
seq_iter_setstate(FtObject *op, FtObject *state)
{
    FtSeqIterObject *it = (FtSeqIterObject *)op;
    Ft_ssize index;
    if (ft_iter_state_as_ssize(state, &index) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (it->index >= 0)
        it->index = index < 0 ? 0 : index;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_none_ref();
}

static const FtMethodDef seq_iter_methods[] = {
    {"__length_hint__", {.noargs = seq_iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = seq_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", {.o = seq_iter_setstate}, FT_METH_O, "Set state information for unpickling."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_seq_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "iterator",
    .tp_basicsize = sizeof(FtSeqIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = seq_iter_dealloc,
    .tp_traverse = seq_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = seq_iter_iter,
    .tp_iternext = seq_iter_next,
    .tp_methods = seq_iter_methods,
};

/* --- callable_iterator --- */

static void
callable_iter_dealloc(FtObject *op)
{
    FtCallableIterObject *it = (FtCallableIterObject *)op;
    ft_decref(it->callable);
    ft_decref(it->sentinel);
    ft_object_free_memory(op);
}

static int
callable_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtCallableIterObject *it = (FtCallableIterObject *)op;
    int r = visit(it->callable, arg);
    return r != 0 ? r : visit(it->sentinel, arg);
}

static void
callable_iter_exhaust(FtCallableIterObject *it)
{
    FT_BEGIN_CRITICAL_SECTION_OBJECT(it);
    it->exhausted = true;
    FT_END_CRITICAL_SECTION_OBJECT();
}

static FtObject *
callable_iter_next(FtObject *op)
{
    FtCallableIterObject *it = (FtCallableIterObject *)op;
    bool exhausted;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    exhausted = it->exhausted;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (exhausted)
        return NULL;
    FtObject *res = ft_object_vectorcall_ref(it->callable, NULL, 0, NULL);
    if (res == NULL) {
        if (ft_error_matches(&ft_exc_stop_iteration)) {
            ft_error_clear();
            callable_iter_exhaust(it);
        }
        return NULL;
    }
    int eq = ft_object_rich_compare_bool(res, it->sentinel, FT_EQ);
    if (eq == 0)
        return res;
    ft_decref(res);
    if (eq > 0)
        callable_iter_exhaust(it);
    return NULL;
}

// __reduce__(): (iter, (callable, sentinel)), or (iter, ((),)) once exhausted.
static FtObject *
callable_iter_reduce(FtObject *op)
{
    FtCallableIterObject *it = (FtCallableIterObject *)op;
    bool exhausted;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    exhausted = it->exhausted;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (exhausted) {
        FtObject *empty = ft_tuple_new_ref(0);
        if (empty == NULL)
            return NULL;
        FtObject *res = ft_iter_reduce_ref("iter", empty, NULL);
        ft_decref(empty);
        return res;
    }
    FtObject *fn = NULL, *res = NULL;
    FtObject *builtins = ft_interp_main()->builtins_dict;
    int r = builtins != NULL ? ft_dict_get_item_str_ref(builtins, "iter", &fn) : 0;
    if (r <= 0) {
        if (r == 0)
            ft_error_set_string(&ft_exc_runtime_error, "lost builtins.iter");
        return NULL;
    }
    FtObject *args = ft_tuple_pack_ref(2, it->callable, it->sentinel);
    if (args != NULL)
        res = ft_tuple_pack_ref(2, fn, args);
    ft_xdecref(args);
    ft_decref(fn);
    return res;
}

static const FtMethodDef callable_iter_methods[] = {
    {"__reduce__", {.noargs = callable_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_callable_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "callable_iterator",
    .tp_basicsize = sizeof(FtCallableIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = callable_iter_dealloc,
    .tp_traverse = callable_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = seq_iter_iter,
    .tp_iternext = callable_iter_next,
    .tp_methods = callable_iter_methods,
};

// modules/builtins_iter.c: the builtins' iterator types enumerate, filter, map, reversed and zip
// (CPython's Objects/enumobject.c and the map/filter/zip parts of Python/bltinmodule.c), with
// 3.14's strict= for zip and map.
//
// Representation: each holds its source iterator(s) strongly; enumerate a count (an int64 while it
// fits, then an int object), reversed a sequence and the next index.
//
// Concurrency (thread-safety table):
//   enumerate.__next__   the enumerate object's critical section (the count and the inner next
//                        happen together, so two threads sharing one enumerate get distinct pairs)
//   reversed.__next__    the reversed object's critical section (the index)
//   filter/map/zip       no state of their own: the inner iterators lock themselves
//   creation             unpublished until returned
#include "modules/modules_internal.h"

#include "objects/abstract.h"          // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/abstract_number.h"   // ft_number_*
#include "objects/dict.h"              // ft_dict_set_item_str ft_dict_check
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/int.h"               // ft_int_*
#include "objects/method_def.h"        // FtMethodDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_equal_cstr
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_ready
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_alloc ft_runtime_mem_free

typedef struct {
    FtObject ob_base;
    FtObject *it;          // immutable
    int64_t index;         // guarded_by(ob_mutex): the next count while big_index is NULL
    FtObject *big_index;   // guarded_by(ob_mutex): the next count as an int once past int64
} EnumerateObject;

typedef struct {
    FtObject ob_base;
    FtObject *func;        // immutable; None: truth of the item
    FtObject *it;          // immutable
} FilterObject;

typedef struct {
    FtObject ob_base;
    FtObject *func;        // immutable
    FtObject *iters;       // immutable tuple of iterators
    bool strict;           // immutable
} MapObject;

typedef struct {
    FtObject ob_base;
    FtObject *seq;         // guarded_by(ob_mutex): NULL once exhausted
    Ft_ssize index;        // guarded_by(ob_mutex): the next index, -1 when exhausted
} ReversedObject;

typedef struct {
    FtObject ob_base;
    FtObject *iters;       // immutable tuple of iterators
    bool strict;           // immutable
} ZipObject;

extern FtTypeObject ft_enumerate_type, ft_filter_type, ft_map_type, ft_reversed_type, ft_zip_type;

static FtObject *
iter_self(FtObject *self)
{
    return ft_new_ref(self);
}

// A tuple of iter(x) for each of args[0..n). NULL on error.
static FtObject *
iterators_of(FtObject *const *args, Ft_ssize n)
{
    FtObject *iters = ft_tuple_new_ref(n);
    if (iters == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *it = ft_object_get_iter_ref(args[i]);
        if (it == NULL) {
            ft_decref(iters);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(iters, i, it);
    }
    return iters;
}

// strict= of zip() and map(): the one keyword they take. Sets *strict; 0 or -1.
static int
parse_strict(const char *fname, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames, bool *strict)
{
    *strict = false;
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nkw > 1) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most 1 keyword argument (%zd given)", fname,
                        nkw);
        return -1;
    }
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        if (!ft_str_equal_cstr(key, "strict")) {
            static const char *const names[] = {"strict"};
            ft_error_unexpected_keyword(fname, key, names, 1);
            return -1;
        }
        int truth = ft_object_is_true(args[nargs + k]);
        if (truth < 0)
            return -1;
        *strict = truth == 1;
    }
    return 0;
}

// The strict check after iterator i of iters stopped (CPython's zip_next/map_next messages). Always
// returns NULL: with ValueError when the lengths differ, else with no exception (a clean stop).
static FtObject *
strict_mismatch(const char *fname, FtObject *iters, Ft_ssize i)
{
    if (ft_error_occurred())
        return NULL;
    if (i > 0)
        return ft_error_format(&ft_exc_value_error, "%s() argument %zd is shorter than argument%s%zd",
                               fname, i + 1, i == 1 ? " " : "s 1-", i);
    for (i = 1; i < ft_tuple_size(iters); i++) {
        FtObject *item;
        int rc = ft_iter_next_ref(ft_tuple_get_item_borrow(iters, i), &item);
        if (rc < 0)
            return NULL;
        if (rc == 1) {
            ft_decref(item);
            return ft_error_format(&ft_exc_value_error, "%s() argument %zd is longer than argument%s%zd",
                                   fname, i + 1, i == 1 ? " " : "s 1-", i);
        }
    }
    return NULL;
}

// One item from each iterator: fills items[0..n) (new references) and returns 1, 0 at the end
// (after the strict checks; *stopped_at set), -1 on error.
static int
next_of_each(FtObject *iters, FtObject **items, Ft_ssize *stopped_at)
{
    Ft_ssize n = ft_tuple_size(iters);
    for (Ft_ssize i = 0; i < n; i++) {
        int rc = ft_iter_next_ref(ft_tuple_get_item_borrow(iters, i), &items[i]);
        if (rc != 1) {
            for (Ft_ssize j = 0; j < i; j++)
                ft_decref(items[j]);
            *stopped_at = i;
            return rc;
        }
    }
    return 1;
}

/* --- enumerate --- */

static FtObject *
enumerate_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    FtObject *params[2] = {NULL, NULL};
    if (nargs + nkw > 2)
        return ft_error_format(&ft_exc_type_error, "enumerate() takes at most 2 arguments (%zd given)",
                               nargs + nkw);
    for (Ft_ssize i = 0; i < nargs; i++)
        params[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int slot = ft_str_equal_cstr(key, "iterable") ? 0 : ft_str_equal_cstr(key, "start") ? 1 : -1;
        if (slot < 0)
            return ft_error_format(&ft_exc_type_error, "'%U' is an invalid keyword argument for enumerate()",
                                   key);
        if (params[slot] != NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "argument for enumerate() given by name ('%s') and position (%d)",
                                   slot == 0 ? "iterable" : "start", slot + 1);
        params[slot] = args[nargs + k];
    }
    if (params[0] == NULL)
        return ft_error_format(&ft_exc_type_error, "enumerate() missing required argument 'iterable'");
    FtObject *start = NULL;
    if (params[1] != NULL) {
        start = ft_number_index_ref(params[1]);
        if (start == NULL)
            return NULL;
    }
    FtObject *it = ft_object_get_iter_ref(params[0]);
    if (it == NULL) {
        ft_xdecref(start);
        return NULL;
    }
    EnumerateObject *en = (EnumerateObject *)ft_object_new_of_type(type, 0);
    if (en == NULL) {
        ft_decref(it);
        ft_xdecref(start);
        return NULL;
    }
    en->it = it;
    en->index = 0;
    if (start != NULL) {
        bool ok = true;
        int64_t v = ft_int_as_int64(start, &ok);
        if (!ok)
            ft_error_clear();   // past int64: counted with int objects
        if (ok && v < INT64_MAX) {
            en->index = v;
            ft_decref(start);
        } else {
            en->big_index = start;
        }
    }
    return (FtObject *)en;
}

static void
enumerate_dealloc(FtObject *op)
{
    EnumerateObject *en = (EnumerateObject *)op;
    ft_xdecref(en->it);
    ft_xdecref(en->big_index);
    ft_object_free_memory(op);
}

static int
enumerate_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    EnumerateObject *en = (EnumerateObject *)op;
    if (en->it != NULL && visit(en->it, arg))
        return 1;
    return en->big_index != NULL ? visit(en->big_index, arg) : 0;
}

static FtObject *
enumerate_next(FtObject *op)
{
    EnumerateObject *en = (EnumerateObject *)op;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    FtObject *item;
    int rc = ft_iter_next_ref(en->it, &item);
    if (rc == 1) {
        FtObject *index;
        if (en->big_index == NULL) {
            index = ft_int_from_int64_ref(en->index);
            if (en->index == INT64_MAX - 1 && index != NULL) {
                FtObject *one = ft_int_from_int64_ref(1);
                en->big_index = one == NULL ? NULL : ft_number_add_ref(index, one);
                ft_xdecref(one);
            } else {
                en->index++;
            }
        } else {
            index = ft_new_ref(en->big_index);
            FtObject *one = ft_int_from_int64_ref(1);
            FtObject *next = one == NULL ? NULL : ft_number_add_ref(index, one);
            ft_xdecref(one);
            if (next != NULL) {
                ft_decref(en->big_index);
                en->big_index = next;
            }
        }
        if (index != NULL)
            res = ft_tuple_pack_ref(2, index, item);
        ft_xdecref(index);
        ft_decref(item);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

FtTypeObject ft_enumerate_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "enumerate",
    .tp_basicsize = sizeof(EnumerateObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = enumerate_dealloc,
    .tp_traverse = enumerate_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = enumerate_next,
    .tp_new = enumerate_new,
    .tp_doc = "Return an enumerate object.",
};

/* --- filter --- */

static FtObject *
filter_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (ft_args_no_kwargs("filter", kwnames) < 0 || ft_args_check_positional("filter", nargs, 2, 2) < 0)
        return NULL;
    FtObject *it = ft_object_get_iter_ref(args[1]);
    if (it == NULL)
        return NULL;
    FilterObject *f = (FilterObject *)ft_object_new_of_type(type, 0);
    if (f == NULL) {
        ft_decref(it);
        return NULL;
    }
    f->func = ft_new_ref(args[0]);
    f->it = it;
    return (FtObject *)f;
}

static void
filter_dealloc(FtObject *op)
{
    FilterObject *f = (FilterObject *)op;
    ft_xdecref(f->func);
    ft_xdecref(f->it);
    ft_object_free_memory(op);
}

static int
filter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FilterObject *f = (FilterObject *)op;
    if (f->func != NULL && visit(f->func, arg))
        return 1;
    return f->it != NULL ? visit(f->it, arg) : 0;
}

static FtObject *
filter_next(FtObject *op)
{
    FilterObject *f = (FilterObject *)op;
    bool use_truth = ft_object_is_none(f->func) || f->func == (FtObject *)&ft_bool_type;
    FtObject *item;
    while (ft_iter_next_ref(f->it, &item) == 1) {
        int ok;
        if (use_truth) {
            ok = ft_object_is_true(item);
        } else {
            FtObject *r = ft_object_call_one_arg_ref(f->func, item);
            if (r == NULL) {
                ft_decref(item);
                return NULL;
            }
            ok = ft_object_is_true(r);
            ft_decref(r);
        }
        if (ok > 0)
            return item;
        ft_decref(item);
        if (ok < 0)
            return NULL;
    }
    return NULL;
}

FtTypeObject ft_filter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "filter",
    .tp_basicsize = sizeof(FilterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = filter_dealloc,
    .tp_traverse = filter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = filter_next,
    .tp_new = filter_new,
    .tp_doc = "Return an iterator yielding those items of iterable for which function(item)\nis true. If function is None, return the items that are true.",
};

/* --- map --- */

static FtObject *
map_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    bool strict;
    if (parse_strict("map", args, nargs, kwnames, &strict) < 0)
        return NULL;
    if (nargs < 2)
        return ft_error_format(&ft_exc_type_error, "map() must have at least two arguments.");
    FtObject *iters = iterators_of(args + 1, nargs - 1);
    if (iters == NULL)
        return NULL;
    MapObject *m = (MapObject *)ft_object_new_of_type(type, 0);
    if (m == NULL) {
        ft_decref(iters);
        return NULL;
    }
    m->func = ft_new_ref(args[0]);
    m->iters = iters;
    m->strict = strict;
    return (FtObject *)m;
}

static void
map_dealloc(FtObject *op)
{
    MapObject *m = (MapObject *)op;
    ft_xdecref(m->func);
    ft_xdecref(m->iters);
    ft_object_free_memory(op);
}

static int
map_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    MapObject *m = (MapObject *)op;
    if (m->func != NULL && visit(m->func, arg))
        return 1;
    return m->iters != NULL ? visit(m->iters, arg) : 0;
}

static FtObject *
map_next(FtObject *op)
{
    MapObject *m = (MapObject *)op;
    Ft_ssize n = ft_tuple_size(m->iters);
    FtObject *small[8];
    FtObject **items = n <= 8 ? small : ft_runtime_mem_alloc((size_t)n * sizeof(FtObject *));
    if (items == NULL)
        return ft_error_no_memory();
    Ft_ssize stopped_at = 0;
    FtObject *res = NULL;
    int rc = next_of_each(m->iters, items, &stopped_at);
    if (rc == 1) {
        res = ft_object_vectorcall_ref(m->func, items, (size_t)n, NULL);
        for (Ft_ssize i = 0; i < n; i++)
            ft_decref(items[i]);
    } else if (rc == 0 && m->strict) {
        strict_mismatch("map", m->iters, stopped_at);
    }
    if (items != small)
        ft_runtime_mem_free(items);
    return res;
}

FtTypeObject ft_map_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "map",
    .tp_basicsize = sizeof(MapObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = map_dealloc,
    .tp_traverse = map_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = map_next,
    .tp_new = map_new,
    .tp_doc = "Make an iterator that computes the function using arguments from\neach of the iterables.  Stops when the shortest iterable is exhausted.",
};

/* --- reversed --- */

static FtObject *
reversed_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if ((type == &ft_reversed_type && ft_args_no_kwargs("reversed", kwnames) < 0) ||
        ft_args_check_positional("reversed", nargs, 1, 1) < 0)
        return NULL;
    FtObject *seq = args[0];
    FtObject *method = NULL;
    int found = ft_object_lookup_special(seq, "__reversed__", &method);
    if (found < 0)
        return NULL;
    if (found) {
        FtObject *res = ft_object_vectorcall_ref(method, NULL, 0, NULL);
        ft_decref(method);
        return res;
    }
    FtTypeObject *t = ft_object_type(seq);
    if (ft_dict_check(seq) || t->tp_as_sequence == NULL || t->tp_as_sequence->sq_item == NULL)
        return ft_error_format(&ft_exc_type_error, "'%T' object is not reversible", seq);
    Ft_ssize n = ft_object_size(seq);
    if (n < 0)
        return NULL;
    ReversedObject *r = (ReversedObject *)ft_object_new_of_type(type, 0);
    if (r == NULL)
        return NULL;
    r->seq = ft_new_ref(seq);
    r->index = n - 1;
    return (FtObject *)r;
}

static void
reversed_dealloc(FtObject *op)
{
    ft_xdecref(((ReversedObject *)op)->seq);
    ft_object_free_memory(op);
}

static int
reversed_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    ReversedObject *r = (ReversedObject *)op;
    return r->seq != NULL ? visit(r->seq, arg) : 0;
}

static FtObject *
reversed_next(FtObject *op)
{
    ReversedObject *r = (ReversedObject *)op;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (r->seq != NULL && r->index >= 0) {
        res = ft_sequence_get_item_ref(r->seq, r->index);
        if (res != NULL) {
            r->index--;
        } else if (ft_error_matches(&ft_exc_index_error) || ft_error_matches(&ft_exc_stop_iteration)) {
            ft_error_clear();
            r->index = -1;
        }
    }
    if (res == NULL && !ft_error_occurred() && r->seq != NULL) {
        ft_decref(r->seq);
        r->seq = NULL;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
reversed_length_hint(FtObject *op)
{
    ReversedObject *r = (ReversedObject *)op;
    Ft_ssize hint = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (r->seq != NULL)
        hint = r->index + 1;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_int_from_int64_ref(hint);
}

static const FtMethodDef reversed_methods[] = {
    {"__length_hint__", {.noargs = reversed_length_hint}, FT_METH_NOARGS, "Private method returning an estimate of len(list(it))."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_reversed_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "reversed",
    .tp_basicsize = sizeof(ReversedObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = reversed_dealloc,
    .tp_traverse = reversed_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = reversed_next,
    .tp_methods = reversed_methods,
    .tp_new = reversed_new,
    .tp_doc = "Return a reverse iterator over the values of the given sequence.",
};

/* --- zip --- */

static FtObject *
zip_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    bool strict;
    if (parse_strict("zip", args, nargs, kwnames, &strict) < 0)
        return NULL;
    FtObject *iters = iterators_of(args, nargs);
    if (iters == NULL)
        return NULL;
    ZipObject *z = (ZipObject *)ft_object_new_of_type(type, 0);
    if (z == NULL) {
        ft_decref(iters);
        return NULL;
    }
    z->iters = iters;
    z->strict = strict;
    return (FtObject *)z;
}

static void
zip_dealloc(FtObject *op)
{
    ft_xdecref(((ZipObject *)op)->iters);
    ft_object_free_memory(op);
}

static int
zip_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    ZipObject *z = (ZipObject *)op;
    return z->iters != NULL ? visit(z->iters, arg) : 0;
}

static FtObject *
zip_next(FtObject *op)
{
    ZipObject *z = (ZipObject *)op;
    Ft_ssize n = ft_tuple_size(z->iters);
    if (n == 0)
        return NULL;
    FtObject *res = ft_tuple_new_ref(n);
    if (res == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *item;
        int rc = ft_iter_next_ref(ft_tuple_get_item_borrow(z->iters, i), &item);
        if (rc != 1) {
            ft_decref(res);
            if (rc == 0 && z->strict)
                strict_mismatch("zip", z->iters, i);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(res, i, item);
    }
    return res;
}

FtTypeObject ft_zip_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "zip",
    .tp_basicsize = sizeof(ZipObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = zip_dealloc,
    .tp_traverse = zip_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = zip_next,
    .tp_new = zip_new,
    .tp_doc = "The zip object yields n-length tuples, where n is the number of iterables\npassed as positional arguments to zip().",
};

int
ft_builtins_iter_add_types(FtObject *dict)
{
    static const struct {
        const char *name;
        FtTypeObject *type;
    } types[] = {
        {"enumerate", &ft_enumerate_type}, {"filter", &ft_filter_type}, {"map", &ft_map_type},
        {"reversed", &ft_reversed_type},   {"zip", &ft_zip_type},
    };
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (ft_type_ready(types[i].type) < 0 ||
            ft_dict_set_item_str(dict, types[i].name, (FtObject *)types[i].type) < 0)
            return -1;
    }
    return 0;
}

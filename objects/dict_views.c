// objects/dict_views.c: the dict views (dict_keys, dict_values, dict_items) and the dict iterators
// (CPython's Objects/dictobject.c, the dictview and dictiter sections).
//
// A view holds a strong reference to its dict and nothing else: it is immutable after creation, and
// every operation goes to the dict (len lock-free, `in` through the dict's lock-free lookup,
// iteration through an iterator). An iterator keeps the dict, the position of the next entry
// (ft_dict_next's cursor), the size the dict had when iteration began and the number of items left.
//
// Invariants: an iterator's used == ma_used at creation, or -1 once a size change was reported (the
// error is sticky); done != 0 once it reported the end or "keys changed" (then it yields nothing).
//
// Concurrency: view fields are immutable after publication. An iterator's mutable fields are
// guarded_by(the iterator's ob_mutex); __next__ holds both the iterator's and the dict's sections
// (FT_BEGIN_CRITICAL_SECTION2_OBJECT), so concurrent next() calls on one iterator are serialized and
// each sees a consistent table. The reverse iterators follow the same rule. The set operations and
// comparisons of keys/items views hold no section while hashing or comparing runs Python code: they
// copy operands into new sets, or test membership item by item through the views.

#include <stdlib.h>   // realloc free

#include "objects/dict.h"

#include "objects/abstract.h"     // ft_object_get_iter_ref ft_iter_next_ref ft_iter_reduce_ref
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/set.h"          // ft_set_new_ref ft_anyset_check
#include "objects/int.h"          // ft_bool_from ft_int_from_int64_ref
#include "objects/list.h"         // ft_list_new_ref ft_list_extend
#include "objects/method_def.h"   // FtMethodDef FT_METH_*
#include "objects/object.h"       // ft_object_* FT_VAR_OBJECT_HEAD_INIT
#include "objects/str.h"          // ft_str_*
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION2_OBJECT FT_ASSERT_LOCKED
#include "runtime/refcount.h"     // ft_incref ft_decref

typedef struct FtDictViewObject {
    FtObject ob_base;
    FtObject *dict;   // immutable after publish: a strong reference
} FtDictViewObject;

typedef struct FtDictIterObject {
    FtObject ob_base;
    FtObject *dict;   // immutable after publish: a strong reference
    Ft_ssize pos;     // guarded_by(ob_mutex): ft_dict_next's cursor
    Ft_ssize used;    // guarded_by(ob_mutex): ma_used when iteration began, -1 after a size change
    Ft_ssize len;     // guarded_by(ob_mutex): items still expected
    int done;         // guarded_by(ob_mutex)
} FtDictIterObject;

/* --- Views --- */

FtObject *
ft_dict_view_new_ref(FtObject *dict, FtTypeObject *type)
{
    if (!ft_dict_check(dict)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtDictViewObject *v = (FtDictViewObject *)ft_object_new_of_type(type, 0);
    if (v == NULL)
        return NULL;
    v->dict = ft_new_ref(dict);   // unpublished: a plain store
    return (FtObject *)v;
}

static void
view_dealloc(FtObject *op)
{
    ft_decref(((FtDictViewObject *)op)->dict);
    ft_object_free_memory(op);
}

static int
view_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((FtDictViewObject *)op)->dict, arg);
}

static Ft_ssize
view_length(FtObject *op)
{
    return ft_dict_size(((FtDictViewObject *)op)->dict);
}

static FtTypeObject *
view_iterator_type(FtObject *op)
{
    if (op->ob_type == &ft_dict_keys_type)
        return &ft_dict_keyiterator_type;
    if (op->ob_type == &ft_dict_values_type)
        return &ft_dict_valueiterator_type;
    return &ft_dict_itemiterator_type;
}

static FtObject *
view_iter(FtObject *op)
{
    return ft_dict_iter_new_ref(((FtDictViewObject *)op)->dict, view_iterator_type(op));
}

// "dict_keys([k1, k2])": the list display of the view's items, built from an iterator (so that the
// dict's section is not held while reprs run).
static FtObject *
view_repr(FtObject *op)
{
    FtReprFrame frame;
    if (ft_object_repr_enter(&frame, op))
        return ft_str_from_ascii_ref("...");
    FtObject *res = NULL, *joined = NULL, *sep = NULL;
    FtObject **reprs = NULL;
    Ft_ssize n = 0, cap = 0;
    FtObject *it = view_iter(op);
    if (it == NULL)
        goto done;
    FtObject *item;
    while ((item = it->ob_type->tp_iternext(it)) != NULL) {
        FtObject *r = ft_object_repr_ref(item);
        ft_decref(item);
        if (r == NULL)
            goto done;
        if (n == cap) {
            cap = cap ? cap * 2 : 8;
            FtObject **grown = realloc(reprs, (size_t)cap * sizeof *grown);
            if (grown == NULL) {
                ft_decref(r);
                ft_error_no_memory();
                goto done;
            }
            reprs = grown;
        }
        reprs[n++] = r;
    }
    if (ft_error_occurred())
        goto done;
    sep = ft_str_from_ascii_ref(", ");
    if (sep == NULL)
        goto done;
    joined = ft_str_join_ref(sep, reprs, n);
    if (joined != NULL)
        res = ft_str_from_format_ref("%s([%U])", op->ob_type->tp_name, joined);
done:
    for (Ft_ssize i = 0; i < n; i++)
        ft_decref(reprs[i]);
    free(reprs);
    ft_xdecref(it);
    ft_xdecref(sep);
    ft_xdecref(joined);
    ft_object_repr_leave(&frame);
    return res;
}

static int
keys_view_contains(FtObject *op, FtObject *key)
{
    FtObject *value;
    int r = ft_dict_get_item_ref(((FtDictViewObject *)op)->dict, key, &value);
    ft_xdecref(value);
    return r;
}

static int
items_view_contains(FtObject *op, FtObject *item)
{
    if (!ft_tuple_check(item) || ft_tuple_size(item) != 2)
        return 0;
    FtObject *found;
    int r = ft_dict_get_item_ref(((FtDictViewObject *)op)->dict,
                                 ft_tuple_get_item_borrow(item, 0), &found);
    if (r <= 0)
        return r;
    r = ft_object_rich_compare_bool(found, ft_tuple_get_item_borrow(item, 1), FT_EQ);
    ft_decref(found);
    return r;
}

/* --- Set operations of the keys and items views --- */

// set(a).<method>(b): the set operations of keys/items views (CPython's dictviews_or, _sub, _xor,
// _and); a may be the non-view operand of a reflected call.
static FtObject *
view_set_op(FtObject *a, FtObject *b, const char *method)
{
    FtObject *result = ft_set_new_ref(a);
    if (result == NULL)
        return NULL;
    FtObject *r = ft_object_call_method_cstr_ref(result, method, &b, 1);
    if (r == NULL) {
        ft_decref(result);
        return NULL;
    }
    ft_decref(r);
    return result;
}

static FtObject *
view_or(FtObject *a, FtObject *b)
{
    return view_set_op(a, b, "update");
}

static FtObject *
view_sub(FtObject *a, FtObject *b)
{
    return view_set_op(a, b, "difference_update");
}

// items ^ items: pairs of one dict whose key is missing from the other or maps to an unequal value,
// found by key lookups and value comparisons, so values need not be hashable (CPython's
// dictitems_xor).
static FtObject *
items_xor(FtObject *a, FtObject *b)
{
    FtObject *remaining = ft_dict_copy_ref(((FtDictViewObject *)a)->dict);
    if (remaining == NULL)
        return NULL;
    FtObject *result = ft_set_new_ref(NULL);
    FtObject *it = result != NULL ? ft_object_get_iter_ref(b) : NULL;
    if (it == NULL)
        goto error;
    for (;;) {
        FtObject *pair;
        int r = ft_iter_next_ref(it, &pair);
        if (r == 0)
            break;
        if (r < 0)
            goto error;
        FtObject *key = ft_tuple_get_item_borrow(pair, 0);
        FtObject *mine;
        r = ft_dict_get_item_ref(remaining, key, &mine);
        if (r > 0) {
            r = ft_object_rich_compare_bool(mine, ft_tuple_get_item_borrow(pair, 1), FT_EQ);
            ft_decref(mine);
            if (r > 0)
                r = ft_dict_del_item(remaining, key);
            else if (r == 0)
                r = ft_set_add(result, pair);
        } else if (r == 0) {
            r = ft_set_add(result, pair);
        }
        ft_decref(pair);
        if (r < 0)
            goto error;
    }
    ft_decref(it);
    FtObject *rest = ft_dict_view_new_ref(remaining, &ft_dict_items_type);
    FtObject *done = rest != NULL ? ft_object_call_method_cstr_ref(result, "update", &rest, 1) : NULL;
    ft_xdecref(rest);
    ft_decref(remaining);
    if (done == NULL) {
        ft_decref(result);
        return NULL;
    }
    ft_decref(done);
    return result;

error:
    ft_xdecref(it);
    ft_xdecref(result);
    ft_decref(remaining);
    return NULL;
}

static FtObject *
view_xor(FtObject *a, FtObject *b)
{
    if (a->ob_type == &ft_dict_items_type && b->ob_type == &ft_dict_items_type)
        return items_xor(a, b);
    return view_set_op(a, b, "symmetric_difference_update");
}

static bool
is_view_set(FtObject *op)
{
    return op->ob_type == &ft_dict_keys_type || op->ob_type == &ft_dict_items_type;
}

// view & other (either side): CPython's _PyDictView_Intersect, whose choice of which operand to
// iterate decides which of two equal objects (1 or 1.0) lands in the result, and whose membership
// test through the view gives the dict's "cannot use 'T' as a dict key" error.
static FtObject *
view_and(FtObject *a, FtObject *b)
{
    FtObject *self = a, *other = b;
    if (!is_view_set(self)) {
        self = b;
        other = a;
    }
    Ft_ssize len_self = ft_object_size(self);
    if (len_self < 0)
        return NULL;
    if (other->ob_type == &ft_set_type) {
        Ft_ssize len_other = ft_object_size(other);
        if (len_other < 0)
            return NULL;
        if (len_self <= len_other)
            return ft_object_call_method_cstr_ref(other, "intersection", &self, 1);
    }
    if (is_view_set(other)) {
        Ft_ssize len_other = ft_object_size(other);
        if (len_other < 0)
            return NULL;
        if (len_other > len_self) {
            FtObject *tmp = self;
            self = other;
            other = tmp;
        }
    }
    FtObject *result = ft_set_new_ref(NULL);
    if (result == NULL)
        return NULL;
    FtObject *it = ft_object_get_iter_ref(other);
    if (it == NULL) {
        ft_decref(result);
        return NULL;
    }
    int (*contains)(FtObject *, FtObject *) =
        self->ob_type == &ft_dict_keys_type ? keys_view_contains : items_view_contains;
    for (;;) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r == 0)
            break;
        if (r > 0) {
            r = contains(self, item);
            if (r > 0)
                r = ft_set_add(result, item);
            ft_decref(item);
        }
        if (r < 0) {
            ft_decref(it);
            ft_decref(result);
            return NULL;
        }
    }
    ft_decref(it);
    return result;
}

static FtNumberMethods view_as_number = {
    .nb_subtract = view_sub,
    .nb_and = view_and,
    .nb_xor = view_xor,
    .nb_or = view_or,
};

static bool
is_set_like(FtObject *op)
{
    return ft_anyset_check(op) || op->ob_type == &ft_dict_keys_type ||
           op->ob_type == &ft_dict_items_type;
}

// 1 when every item of a is in b (b's own `in`, so an items view compares values and needs no
// hashable values), 0 otherwise, -1 with an exception.
static int
all_contained_in(FtObject *a, FtObject *b)
{
    FtObject *it = ft_object_get_iter_ref(a);
    if (it == NULL)
        return -1;
    int ok = 1;
    for (;;) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r <= 0) {
            if (r < 0)
                ok = -1;
            break;
        }
        ok = ft_sequence_contains(b, item);
        ft_decref(item);
        if (ok <= 0)
            break;
    }
    ft_decref(it);
    return ok;
}

// ==, !=, <, <=, >, >= of a keys/items view with a set or another such view: subset tests by
// membership after comparing the sizes (CPython's dictview_richcompare). v is the view.
static FtObject *
view_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!is_set_like(w))
        return FT_NOT_IMPLEMENTED;
    Ft_ssize len_v = ft_object_size(v);
    if (len_v < 0)
        return NULL;
    Ft_ssize len_w = ft_object_size(w);
    if (len_w < 0)
        return NULL;
    int ok = 0;
    switch (op) {
    case FT_EQ:
    case FT_NE:
        if (len_v == len_w)
            ok = all_contained_in(v, w);
        if (op == FT_NE && ok >= 0)
            ok = !ok;
        break;
    case FT_LT:
        if (len_v < len_w)
            ok = all_contained_in(v, w);
        break;
    case FT_LE:
        if (len_v <= len_w)
            ok = all_contained_in(v, w);
        break;
    case FT_GT:
        if (len_v > len_w)
            ok = all_contained_in(w, v);
        break;
    case FT_GE:
        if (len_v >= len_w)
            ok = all_contained_in(w, v);
        break;
    default:
        break;
    }
    if (ok < 0)
        return NULL;
    return ft_bool_from(ok);
}

// isdisjoint(other, /)
static FtObject *
view_isdisjoint(FtObject *self, FtObject *other)
{
    FtObject *it = ft_object_get_iter_ref(other);
    if (it == NULL)
        return NULL;
    FtSequenceMethods *sq = self->ob_type->tp_as_sequence;
    int found = 0;
    for (;;) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r <= 0) {
            found = r;
            break;
        }
        found = sq->sq_contains(self, item);
        ft_decref(item);
        if (found != 0)
            break;
    }
    ft_decref(it);
    if (found < 0)
        return NULL;
    return ft_bool_from(found == 0);
}

/* --- Iterators --- */

// (iter, (list(copy),)): what __reduce__ of every dict iterator returns, copy being a fresh
// iterator at the same position (consumed here, so the original does not move). Steals copy.
static FtObject *
reduce_from_copy(FtObject *copy)
{
    if (copy == NULL)
        return NULL;
    FtObject *items = ft_list_new_ref(0), *res = NULL;
    if (items != NULL && ft_list_extend(items, copy) == 0)
        res = ft_iter_reduce_ref("iter", items, NULL);
    ft_xdecref(items);
    ft_decref(copy);
    return res;
}

FtObject *
ft_dict_iter_new_ref(FtObject *dict, FtTypeObject *type)
{
    if (!ft_dict_check(dict)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtDictIterObject *it = (FtDictIterObject *)ft_object_new_of_type(type, 0);
    if (it == NULL)
        return NULL;
    // Unpublished: plain stores. A snapshot of the size; the first next() re-checks it locked.
    it->dict = ft_new_ref(dict);
    it->pos = 0;
    it->used = ft_dict_size(dict);
    it->len = it->used;
    it->done = 0;
    return (FtObject *)it;
}

static void
iter_dealloc(FtObject *op)
{
    ft_decref(((FtDictIterObject *)op)->dict);
    ft_object_free_memory(op);
}

static int
iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((FtDictIterObject *)op)->dict, arg);
}

static FtObject *
iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

// Advances it: 1 with borrowed *key/*value (valid while the dict's section is held), 0 at the end
// (no exception) or -1 with RuntimeError. Both sections held.
static int
iter_step_lock_held(FtDictIterObject *it, FtObject **key, FtObject **value)
{
    FT_ASSERT_LOCKED(it);
    FT_ASSERT_LOCKED(it->dict);
    if (it->done)
        return 0;
    if (it->used != ft_dict_size(it->dict)) {
        ft_error_set_string(&ft_exc_runtime_error, "dictionary changed size during iteration");
        it->used = -1;   // sticky, as CPython
        return -1;
    }
    if (!ft_dict_next(it->dict, &it->pos, key, value)) {
        it->done = 1;
        return 0;
    }
    if (it->len == 0) {
        ft_error_set_string(&ft_exc_runtime_error, "dictionary keys changed during iteration");
        it->done = 1;
        return -1;
    }
    it->len--;
    return 1;
}

// which: 0 keys, 1 values, 2 items.
static FtObject *
iter_next_common(FtObject *op, int which)
{
    FtDictIterObject *it = (FtDictIterObject *)op;
    FtObject *key = NULL, *value = NULL, *res = NULL;
    int r;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(it, it->dict);
    r = iter_step_lock_held(it, &key, &value);
    if (r > 0) {
        // Take the references before the sections end: the dict may change afterwards.
        ft_incref(key);
        ft_incref(value);
    }
    FT_END_CRITICAL_SECTION2_OBJECT();
    if (r <= 0)
        return NULL;
    if (which == 0) {
        ft_decref(value);
        return key;
    }
    if (which == 1) {
        ft_decref(key);
        return value;
    }
    res = ft_tuple_new_ref(2);
    if (res == NULL) {
        ft_decref(key);
        ft_decref(value);
        return NULL;
    }
    ft_tuple_set_item_steal_unlocked(res, 0, key);
    ft_tuple_set_item_steal_unlocked(res, 1, value);
    return res;
}

static FtObject *
keyiter_next(FtObject *op)
{
    return iter_next_common(op, 0);
}

static FtObject *
valueiter_next(FtObject *op)
{
    return iter_next_common(op, 1);
}

static FtObject *
itemiter_next(FtObject *op)
{
    return iter_next_common(op, 2);
}

/* --- Reverse iterators --- */

// reversed(d) and reversed(view) (CPython's dictreviter): walks the entry table from the end, with
// "dictionary changed size during iteration" when the dict's size moved since creation.
typedef struct {
    FtObject ob_base;
    FtObject *dict;   // immutable after publish: a strong reference
    Ft_ssize used;    // guarded_by(ob_mutex): the dict's size at creation, -1 after a size change
    Ft_ssize pos;     // guarded_by(ob_mutex): ft_dict_prev's cursor
    Ft_ssize len;     // guarded_by(ob_mutex): items still expected
    int done;         // guarded_by(ob_mutex): 1 once exhausted
} DictRevIterObject;

// which: 0 keys, 1 values, 2 items.
static FtObject *
dict_reversed_new_ref(FtObject *dict, int which)
{
    FtTypeObject *type = which == 0 ? &ft_dict_revkeyiterator_type
                         : which == 1 ? &ft_dict_revvalueiterator_type
                                      : &ft_dict_revitemiterator_type;
    DictRevIterObject *it = (DictRevIterObject *)ft_object_new_of_type(type, 0);
    if (it == NULL)
        return NULL;
    it->dict = ft_new_ref(dict);   // unpublished: plain stores
    it->used = ft_dict_size(dict);
    it->pos = FT_DICT_POS_END;
    it->len = it->used;
    it->done = 0;
    return (FtObject *)it;
}

FtObject *
ft_dict_reversed_ref(FtObject *dict, int which)
{
    if (!ft_dict_check(dict)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    return dict_reversed_new_ref(dict, which);
}

static void
reviter_dealloc(FtObject *op)
{
    ft_decref(((DictRevIterObject *)op)->dict);
    ft_object_free_memory(op);
}

static int
reviter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((DictRevIterObject *)op)->dict, arg);
}

static FtObject *
reviter_next(FtObject *op)
{
    DictRevIterObject *it = (DictRevIterObject *)op;
    FtObject *key = NULL, *value = NULL;
    int r = 0;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(it, it->dict);
    if (!it->done) {
        if (ft_dict_size(it->dict) != it->used) {
            ft_error_set_string(&ft_exc_runtime_error, "dictionary changed size during iteration");
            it->used = -1;   // sticky, as CPython: every later step raises too
            r = -1;
        } else if (ft_dict_prev(it->dict, &it->pos, &key, &value)) {
            // Take the references before the sections end: the dict may change afterwards.
            ft_incref(key);
            ft_incref(value);
            it->len--;
            r = 1;
        } else {
            it->done = 1;
        }
    }
    FT_END_CRITICAL_SECTION2_OBJECT();
    if (r <= 0)
        return NULL;
    if (op->ob_type == &ft_dict_revkeyiterator_type) {
        ft_decref(value);
        return key;
    }
    if (op->ob_type == &ft_dict_revvalueiterator_type) {
        ft_decref(key);
        return value;
    }
    FtObject *res = ft_tuple_new_ref(2);
    if (res == NULL) {
        ft_decref(key);
        ft_decref(value);
        return NULL;
    }
    ft_tuple_set_item_steal_unlocked(res, 0, key);
    ft_tuple_set_item_steal_unlocked(res, 1, value);
    return res;
}

// __length_hint__(): the items still expected, 0 once done or after a size change (CPython's
// dictreviter_len).
static FtObject *
reviter_length_hint(FtObject *op)
{
    DictRevIterObject *it = (DictRevIterObject *)op;
    Ft_ssize n;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(it, it->dict);
    n = it->done || ft_dict_size(it->dict) != it->used ? 0 : it->len;
    FT_END_CRITICAL_SECTION2_OBJECT();
    return ft_int_from_int64_ref(n);
}

// __reduce__()
static FtObject *
reviter_reduce(FtObject *op)
{
    DictRevIterObject *it = (DictRevIterObject *)op;
    DictRevIterObject *copy = (DictRevIterObject *)ft_object_new_of_type(op->ob_type, 0);
    if (copy == NULL)
        return NULL;
    copy->dict = ft_new_ref(it->dict);   // unpublished: plain stores
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(it, it->dict);
    copy->used = it->used;
    copy->pos = it->pos;
    copy->len = it->len;
    copy->done = it->done;
    FT_END_CRITICAL_SECTION2_OBJECT();
    return reduce_from_copy((FtObject *)copy);
}

static const FtMethodDef reviter_methods[] = {
    {"__length_hint__", {.noargs = reviter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = reviter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {NULL, {NULL}, 0, NULL},
};

static FtObject *
view_reversed(FtObject *op)
{
    int which = op->ob_type == &ft_dict_keys_type ? 0 : op->ob_type == &ft_dict_values_type ? 1 : 2;
    return dict_reversed_new_ref(((FtDictViewObject *)op)->dict, which);
}

static const FtMethodDef view_methods[] = {
    {"__reversed__", {.noargs = view_reversed}, FT_METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {NULL, {NULL}, 0, NULL},
};

static const FtMethodDef setview_methods[] = {
    {"__reversed__", {.noargs = view_reversed}, FT_METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {"isdisjoint", {.o = view_isdisjoint}, FT_METH_O,
     "Return True if the view and the given iterable have a null intersection."},
    {NULL, {NULL}, 0, NULL},
};

/* --- Attributes --- */

// view.mapping: a read-only proxy of the dict the view looks at.
static FtObject *
view_get_mapping(FtObject *self, void *closure)
{
    (void)closure;
    return ft_mappingproxy_new_ref(((FtDictViewObject *)self)->dict);
}

static const FtGetSetDef view_getset[] = {
    {"mapping", view_get_mapping, NULL, "dictionary that this view refers to", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

/* --- Type objects --- */

static FtSequenceMethods keys_view_as_sequence = {
    .sq_length = view_length,
    .sq_contains = keys_view_contains,
};

static FtSequenceMethods values_view_as_sequence = {
    .sq_length = view_length,
};

static FtSequenceMethods items_view_as_sequence = {
    .sq_length = view_length,
    .sq_contains = items_view_contains,
};

#define DICT_VIEW_TYPE(cname, pyname, seq, number, compare, methods)         \
    FtTypeObject cname = {                                                      \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),                   \
        .tp_name = pyname,                                                      \
        .tp_basicsize = sizeof(FtDictViewObject),                               \
        .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_DISALLOW_INSTANTIATION |    \
                    FT_TPFLAGS_IMMUTABLETYPE,                                   \
        .tp_dealloc = view_dealloc,                                             \
        .tp_traverse = view_traverse,                                           \
        .tp_repr = view_repr,                                                   \
        .tp_richcompare = compare,                                              \
        .tp_getattro = ft_object_generic_get_attr_ref,                          \
        .tp_iter = view_iter,                                                   \
        .tp_methods = methods,                                                  \
        .tp_getset = view_getset,                                               \
        .tp_as_number = number,                                                 \
        .tp_as_sequence = &seq,                                                 \
    };

DICT_VIEW_TYPE(ft_dict_keys_type, "dict_keys", keys_view_as_sequence, &view_as_number,
               view_richcompare, setview_methods)
DICT_VIEW_TYPE(ft_dict_values_type, "dict_values", values_view_as_sequence, NULL, NULL,
               view_methods)
DICT_VIEW_TYPE(ft_dict_items_type, "dict_items", items_view_as_sequence, &view_as_number,
               view_richcompare, setview_methods)

// __reduce__()
static FtObject *
iter_reduce(FtObject *op)
{
    FtDictIterObject *it = (FtDictIterObject *)op;
    FtDictIterObject *copy = (FtDictIterObject *)ft_object_new_of_type(op->ob_type, 0);
    if (copy == NULL)
        return NULL;
    copy->dict = ft_new_ref(it->dict);   // unpublished: plain stores
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(it, it->dict);
    copy->pos = it->pos;
    copy->used = it->used;
    copy->len = it->len;
    copy->done = it->done;
    FT_END_CRITICAL_SECTION2_OBJECT();
    return reduce_from_copy((FtObject *)copy);
}

// __length_hint__(): the items still expected, 0 once done or after a size change (CPython's
// dictiter_len).
static FtObject *
iter_length_hint(FtObject *op)
{
    FtDictIterObject *it = (FtDictIterObject *)op;
    Ft_ssize n;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(it, it->dict);
    n = it->done || it->used != ft_dict_size(it->dict) ? 0 : it->len;
    FT_END_CRITICAL_SECTION2_OBJECT();
    return ft_int_from_int64_ref(n);
}

static const FtMethodDef iter_methods[] = {
    {"__length_hint__", {.noargs = iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = iter_reduce}, FT_METH_NOARGS, "Return state information for pickling."},
    {NULL, {NULL}, 0, NULL},
};

#define DICT_ITER_TYPE(cname, pyname, next)                                     \
    FtTypeObject cname = {                                                      \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),                   \
        .tp_name = pyname,                                                      \
        .tp_basicsize = sizeof(FtDictIterObject),                               \
        .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_DISALLOW_INSTANTIATION |    \
                    FT_TPFLAGS_IMMUTABLETYPE,                                   \
        .tp_dealloc = iter_dealloc,                                             \
        .tp_traverse = iter_traverse,                                           \
        .tp_getattro = ft_object_generic_get_attr_ref,                          \
        .tp_iter = iter_self,                                                   \
        .tp_iternext = next,                                                    \
        .tp_methods = iter_methods,                                             \
    };

DICT_ITER_TYPE(ft_dict_keyiterator_type, "dict_keyiterator", keyiter_next)
DICT_ITER_TYPE(ft_dict_valueiterator_type, "dict_valueiterator", valueiter_next)
DICT_ITER_TYPE(ft_dict_itemiterator_type, "dict_itemiterator", itemiter_next)

#define DICT_REVITER_TYPE(cname, pyname)                                        \
    FtTypeObject cname = {                                                      \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),                   \
        .tp_name = pyname,                                                      \
        .tp_basicsize = sizeof(DictRevIterObject),                              \
        .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_DISALLOW_INSTANTIATION |    \
                    FT_TPFLAGS_IMMUTABLETYPE,                                   \
        .tp_dealloc = reviter_dealloc,                                          \
        .tp_traverse = reviter_traverse,                                        \
        .tp_getattro = ft_object_generic_get_attr_ref,                          \
        .tp_iter = iter_self,                                                   \
        .tp_iternext = reviter_next,                                            \
        .tp_methods = reviter_methods,                                          \
    };

DICT_REVITER_TYPE(ft_dict_revkeyiterator_type, "dict_reversekeyiterator")
DICT_REVITER_TYPE(ft_dict_revvalueiterator_type, "dict_reversevalueiterator")
DICT_REVITER_TYPE(ft_dict_revitemiterator_type, "dict_reverseitemiterator")

int
ft_dict_views_init_types(void)
{
    FtTypeObject *types[] = {&ft_dict_keys_type, &ft_dict_values_type, &ft_dict_items_type,
                             &ft_dict_keyiterator_type, &ft_dict_valueiterator_type,
                             &ft_dict_itemiterator_type, &ft_dict_revkeyiterator_type,
                             &ft_dict_revvalueiterator_type, &ft_dict_revitemiterator_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++)
        if (ft_type_ready(types[i]) < 0)
            return -1;
    return 0;
}

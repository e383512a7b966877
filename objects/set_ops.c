// objects/set_ops.c: the set algebra of set and frozenset - union, intersection, difference and
// symmetric difference with their update forms, subset tests, comparisons, the number slots
// (| & - ^ and the in-place forms, with CPython's NotImplemented rules) and the Python-visible
// methods (CPython 3.14's Objects/setobject.c, read for semantics). The table itself, the public
// API, the slots and the type objects are in objects/set.c; what the two share is
// objects/set_internal.h.
//
// Result order: every operation walks its operands in the same table order and inserts through the
// same table code as CPython, so results iterate and print exactly as CPython's: intersection walks
// the smaller operand; difference copies and deletes when the left side is over four times the
// right's size; symmetric_difference starts from the right operand and folds the left one in;
// intersection_update swaps the intersection's table in; difference_update compacts a table that
// is more than a quarter dummies.
//
// Concurrency: operations on two sets take the two-object critical section (address order) for
// their whole body, an operation on one set its section; results are new, unpublished sets built
// without a lock of their own (ft_set_update_local locks only the source). Frozensets are locked
// like sets (harmless: they never change once published). Comparing keys may run Python code and
// suspend the sections; the table functions re-validate (objects/set_internal.h).
#include <stdbool.h>   // bool
#include <string.h>    // memcpy

#include "objects/set.h"
#include "objects/set_internal.h"

#include "objects/dict.h"           // ft_dict_check_exact ft_dict_next ft_dict_size ft_dict_get_item_ref
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/abstract.h"       // ft_object_call_method_cstr_ref
#include "objects/int.h"            // ft_bool_from ft_int_from_int64_ref
#include "objects/list.h"           // ft_list_new_ref ft_list_extend
#include "objects/method_def.h"     // FtMethodDef FT_METH_*
#include "objects/object.h"         // ft_object_hash FT_NOT_IMPLEMENTED ft_none_ref
#include "objects/tuple.h"          // ft_tuple_pack_ref
#include "runtime/object_lock.h"    // FT_BEGIN_CRITICAL_SECTION_OBJECT FT_BEGIN_CRITICAL_SECTION2_OBJECT
#include "runtime/refcount.h"       // ft_incref ft_decref ft_new_ref

/* --- Set algebra (callers hold the sections named) --- */

// A copy of so with its own base type. so's section held.
static FtObject *
set_copy_lock_held(FtSetObject *so)
{
    FtObject *copy = ft_set_new_basetype_ref(so->ob_base.ob_type, NULL);
    if (copy == NULL)
        return NULL;
    if (ft_set_merge_lock_held(SET(copy), so) < 0) {
        ft_decref(copy);
        return NULL;
    }
    return copy;
}

static FtObject *
set_copy_locking(FtSetObject *so)
{
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(so);
    res = set_copy_lock_held(so);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// so & other. Sections of so and (when it is a set or dict) other held.
static FtObject *
set_intersection_lock_held(FtSetObject *so, FtObject *other)
{
    if ((FtObject *)so == other)
        return set_copy_lock_held(so);
    FtObject *result = ft_set_new_basetype_ref(so->ob_base.ob_type, NULL);
    if (result == NULL)
        return NULL;
    if (ft_anyset_check(other)) {
        FtSetObject *big = so, *small = SET(other);
        if (set_used(small) > set_used(big)) {
            big = SET(other);
            small = so;
        }
        Ft_ssize pos = 0;
        FtSetEntry *entry;
        while (ft_set_next_lock_held(small, &pos, &entry)) {
            FtObject *key = ft_new_ref(entry->key);
            Ft_hash hash = entry->hash;
            int rv = ft_set_contains_entry_lock_held(big, key, hash);
            if (rv > 0)
                rv = ft_set_add_entry_lock_held(SET(result), key, hash);
            ft_decref(key);
            if (rv < 0)
                goto error;
        }
        return result;
    }
    FtSetIterableState it;
    if (ft_set_iterable_begin(&it, other) < 0)
        goto error;
    FtObject *key;
    while ((key = ft_set_iterable_next_ref(&it)) != NULL) {
        Ft_hash hash = ft_object_hash(key);
        int rv = hash == -1 ? -1 : ft_set_contains_entry_lock_held(so, key, hash);
        bool full = false;
        if (rv > 0) {
            rv = ft_set_add_entry_lock_held(SET(result), key, hash);
            full = rv == 0 && set_used(SET(result)) >= set_used(so);
        }
        ft_decref(key);
        if (rv < 0) {
            ft_set_iterable_end(&it);
            goto error;
        }
        if (full)
            break;
    }
    ft_set_iterable_end(&it);
    if (ft_error_occurred())
        goto error;
    return result;
error:
    ft_decref(result);
    return NULL;
}

static FtObject *
set_intersection_locking(FtSetObject *so, FtObject *other)
{
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
    res = set_intersection_lock_held(so, other);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return res;
}

// Swaps the contents of a and b (CPython's set_swap_bodies). Both sections held (b unpublished).
static void
set_swap_bodies_lock_held(FtSetObject *a, FtSetObject *b)
{
    Ft_ssize t = a->fill;
    a->fill = b->fill;
    b->fill = t;
    t = a->used;
    set_used_store_lock_held(a, b->used);
    set_used_store_lock_held(b, t);
    t = a->mask;
    a->mask = b->mask;
    b->mask = t;

    FtSetEntry *u = a->table == a->smalltable ? b->smalltable : a->table;
    a->table = b->table == b->smalltable ? a->smalltable : b->table;
    b->table = u;
    if (a->table == a->smalltable || b->table == b->smalltable) {
        FtSetEntry tab[FT_SET_MINSIZE];
        memcpy(tab, a->smalltable, sizeof tab);
        memcpy(a->smalltable, b->smalltable, sizeof tab);
        memcpy(b->smalltable, tab, sizeof tab);
    }
    if (ft_frozenset_check((FtObject *)a) && ft_frozenset_check((FtObject *)b)) {
        Ft_hash h = set_hash_load(a);
        set_hash_store(a, set_hash_load(b));
        set_hash_store(b, h);
    } else {
        set_hash_store(a, -1);
        set_hash_store(b, -1);
    }
}

// so -= other. Sections of so and other held.
static int
set_difference_update_lock_held(FtSetObject *so, FtObject *other)
{
    if ((FtObject *)so == other) {
        ft_set_clear_lock_held(so);
        return 0;
    }
    if (ft_anyset_check(other)) {
        FtObject *src;
        // Much larger other: walk the (smaller) intersection instead.
        if ((set_used(SET(other)) >> 3) > set_used(so)) {
            src = set_intersection_lock_held(so, other);
            if (src == NULL)
                return -1;
        } else {
            src = ft_new_ref(other);
        }
        Ft_ssize pos = 0;
        FtSetEntry *entry;
        int rv = 0;
        while (rv >= 0 && ft_set_next_lock_held(SET(src), &pos, &entry)) {
            FtObject *key = ft_new_ref(entry->key);
            rv = ft_set_discard_entry_lock_held(so, key, entry->hash);
            ft_decref(key);
        }
        ft_decref(src);
        if (rv < 0)
            return -1;
    } else {
        FtSetIterableState it;
        if (ft_set_iterable_begin(&it, other) < 0)
            return -1;
        FtObject *key;
        int rv = 0;
        while ((key = ft_set_iterable_next_ref(&it)) != NULL) {
            rv = ft_set_discard_key_lock_held(so, key);
            ft_decref(key);
            if (rv < 0)
                break;
        }
        ft_set_iterable_end(&it);
        if (rv < 0 || ft_error_occurred())
            return -1;
    }
    // More than a quarter dummies: compact.
    if ((size_t)(so->fill - so->used) <= (size_t)so->mask / 4)
        return 0;
    return ft_set_table_resize_lock_held(so, so->used > 50000 ? so->used * 2 : so->used * 4);
}

static int
set_difference_update_locking(FtSetObject *so, FtObject *other)
{
    int rv;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
    rv = set_difference_update_lock_held(so, other);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return rv;
}

static FtObject *
set_copy_and_difference_lock_held(FtSetObject *so, FtObject *other)
{
    FtObject *result = set_copy_lock_held(so);
    if (result == NULL)
        return NULL;
    if (set_difference_update_lock_held(SET(result), other) == 0)
        return result;
    ft_decref(result);
    return NULL;
}

// so - other. Sections of so and other held.
static FtObject *
set_difference_lock_held(FtSetObject *so, FtObject *other)
{
    Ft_ssize other_size;
    if (ft_anyset_check(other))
        other_size = set_used(SET(other));
    else if (ft_dict_check_exact(other))
        other_size = ft_dict_size(other);
    else
        return set_copy_and_difference_lock_held(so, other);
    if ((set_used(so) >> 2) > other_size)
        return set_copy_and_difference_lock_held(so, other);

    FtObject *result = ft_set_new_basetype_ref(so->ob_base.ob_type, NULL);
    if (result == NULL)
        return NULL;
    Ft_ssize pos = 0;
    FtSetEntry *entry;
    while (ft_set_next_lock_held(so, &pos, &entry)) {
        FtObject *key = ft_new_ref(entry->key);
        Ft_hash hash = entry->hash;
        int rv;
        if (ft_anyset_check(other)) {
            rv = ft_set_contains_entry_lock_held(SET(other), key, hash);
        } else {
            FtObject *value = NULL;
            rv = ft_dict_get_item_ref(other, key, &value);
            ft_xdecref(value);
        }
        if (rv == 0)
            rv = ft_set_add_entry_lock_held(SET(result), key, hash);
        ft_decref(key);
        if (rv < 0) {
            ft_decref(result);
            return NULL;
        }
    }
    return result;
}

static FtObject *
set_difference_locking(FtSetObject *so, FtObject *other)
{
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
    res = set_difference_lock_held(so, other);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return res;
}

// so ^= other for a set or frozenset other. Both sections held.
static int
set_symmetric_difference_update_set_lock_held(FtSetObject *so, FtSetObject *other)
{
    Ft_ssize pos = 0;
    FtSetEntry *entry;
    while (ft_set_next_lock_held(other, &pos, &entry)) {
        FtObject *key = ft_new_ref(entry->key);
        Ft_hash hash = entry->hash;
        int rv = ft_set_discard_entry_lock_held(so, key, hash);
        if (rv == FT_SET_DISCARD_NOTFOUND)
            rv = ft_set_add_entry_lock_held(so, key, hash);
        ft_decref(key);
        if (rv < 0)
            return -1;
    }
    return 0;
}

// so ^= dict. Both sections held.
static int
set_symmetric_difference_update_dict_lock_held(FtSetObject *so, FtObject *dict)
{
    Ft_ssize pos = 0;
    FtObject *key;
    while (ft_dict_next(dict, &pos, &key, NULL)) {
        ft_incref(key);
        Ft_hash hash = ft_object_hash(key);
        int rv = hash == -1 ? -1 : ft_set_discard_entry_lock_held(so, key, hash);
        if (rv == FT_SET_DISCARD_NOTFOUND)
            rv = ft_set_add_entry_lock_held(so, key, hash);
        ft_decref(key);
        if (rv < 0)
            return -1;
    }
    return 0;
}

static int
set_symmetric_difference_update_internal(FtSetObject *so, FtObject *other)
{
    int rv;
    if ((FtObject *)so == other) {
        ft_set_clear((FtObject *)so);
        return 0;
    }
    if (ft_dict_check_exact(other)) {
        FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
        rv = set_symmetric_difference_update_dict_lock_held(so, other);
        FT_END_CRITICAL_SECTION2_OBJECT();
    } else if (ft_anyset_check(other)) {
        FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
        rv = set_symmetric_difference_update_set_lock_held(so, SET(other));
        FT_END_CRITICAL_SECTION2_OBJECT();
    } else {
        FtObject *otherset = ft_set_new_basetype_ref(so->ob_base.ob_type, other);
        if (otherset == NULL)
            return -1;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(so);
        rv = set_symmetric_difference_update_set_lock_held(so, SET(otherset));
        FT_END_CRITICAL_SECTION_OBJECT();
        ft_decref(otherset);
    }
    return rv;
}

// so ^ other: other's elements first, then so's folded in (CPython 3.14's order). Sections held.
static FtObject *
set_symmetric_difference_lock_held(FtSetObject *so, FtObject *other)
{
    FtObject *result = ft_set_new_basetype_ref(so->ob_base.ob_type, NULL);
    if (result == NULL)
        return NULL;
    if (ft_set_update_lock_held(SET(result), other) < 0 ||
        set_symmetric_difference_update_set_lock_held(SET(result), so) < 0) {
        ft_decref(result);
        return NULL;
    }
    return result;
}

static FtObject *
set_symmetric_difference_locking(FtSetObject *so, FtObject *other)
{
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
    res = set_symmetric_difference_lock_held(so, other);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return res;
}

// so <= other: 1, 0 or -1. Sections held.
static int
set_issubset_lock_held(FtSetObject *so, FtObject *other)
{
    if (!ft_anyset_check(other)) {
        FtObject *tmp = set_intersection_lock_held(so, other);
        if (tmp == NULL)
            return -1;
        int res = set_used(SET(tmp)) == set_used(so);
        ft_decref(tmp);
        return res;
    }
    if (set_used(so) > set_used(SET(other)))
        return 0;
    Ft_ssize pos = 0;
    FtSetEntry *entry;
    while (ft_set_next_lock_held(so, &pos, &entry)) {
        FtObject *key = ft_new_ref(entry->key);
        int rv = ft_set_contains_entry_lock_held(SET(other), key, entry->hash);
        ft_decref(key);
        if (rv <= 0)
            return rv;
    }
    return 1;
}

// so >= other: 1, 0 or -1. Sections held.
static int
set_issuperset_lock_held(FtSetObject *so, FtObject *other)
{
    if (ft_anyset_check(other))
        return set_issubset_lock_held(SET(other), (FtObject *)so);
    FtSetIterableState it;
    if (ft_set_iterable_begin(&it, other) < 0)
        return -1;
    FtObject *key;
    int res = 1;
    while ((key = ft_set_iterable_next_ref(&it)) != NULL) {
        int rv = ft_set_contains_key_lock_held(so, key);
        ft_decref(key);
        if (rv <= 0) {
            res = rv;
            break;
        }
    }
    ft_set_iterable_end(&it);
    if (res == 1 && ft_error_occurred())
        res = -1;
    return res;
}

static int
set_isdisjoint_lock_held(FtSetObject *so, FtObject *other)
{
    if ((FtObject *)so == other)
        return set_used(so) == 0;
    if (other->ob_type == &ft_set_type || other->ob_type == &ft_frozenset_type) {
        FtSetObject *big = so, *small = SET(other);
        if (set_used(small) > set_used(big)) {
            big = SET(other);
            small = so;
        }
        Ft_ssize pos = 0;
        FtSetEntry *entry;
        while (ft_set_next_lock_held(small, &pos, &entry)) {
            FtObject *key = ft_new_ref(entry->key);
            int rv = ft_set_contains_entry_lock_held(big, key, entry->hash);
            ft_decref(key);
            if (rv != 0)
                return rv < 0 ? -1 : 0;
        }
        return 1;
    }
    FtSetIterableState it;
    if (ft_set_iterable_begin(&it, other) < 0)
        return -1;
    FtObject *key;
    int res = 1;
    while ((key = ft_set_iterable_next_ref(&it)) != NULL) {
        int rv = ft_set_contains_key_lock_held(so, key);
        ft_decref(key);
        if (rv != 0) {
            res = rv < 0 ? -1 : 0;
            break;
        }
    }
    ft_set_iterable_end(&it);
    if (res == 1 && ft_error_occurred())
        res = -1;
    return res;
}

static FtObject *
bool_or_null(int rv)
{
    return rv < 0 ? NULL : ft_bool_from(rv != 0);
}

FtObject *
ft_set_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!ft_anyset_check(w))
        return FT_NOT_IMPLEMENTED;
    FtSetObject *a = SET(v);
    int rv = -1;
    switch (op) {
    case FT_EQ:
    case FT_NE: {
        if (set_used(a) != set_used(SET(w))) {
            rv = 0;
        } else {
            Ft_hash vh = set_hash_load(a), wh = set_hash_load(SET(w));
            if (vh != -1 && wh != -1 && vh != wh) {
                rv = 0;
            } else {
                FT_BEGIN_CRITICAL_SECTION2_OBJECT(v, w);
                rv = set_issubset_lock_held(a, w);
                FT_END_CRITICAL_SECTION2_OBJECT();
            }
        }
        if (op == FT_NE && rv >= 0)
            rv = !rv;
        break;
    }
    case FT_LT:
    case FT_LE:
        if (op == FT_LT && set_used(a) >= set_used(SET(w))) {
            rv = 0;
            break;
        }
        FT_BEGIN_CRITICAL_SECTION2_OBJECT(v, w);
        rv = set_issubset_lock_held(a, w);
        FT_END_CRITICAL_SECTION2_OBJECT();
        break;
    case FT_GT:
    case FT_GE:
        if (op == FT_GT && set_used(a) <= set_used(SET(w))) {
            rv = 0;
            break;
        }
        FT_BEGIN_CRITICAL_SECTION2_OBJECT(v, w);
        rv = set_issuperset_lock_held(a, w);
        FT_END_CRITICAL_SECTION2_OBJECT();
        break;
    default:
        return FT_NOT_IMPLEMENTED;
    }
    return bool_or_null(rv);
}

/* --- Number slots --- */

static FtObject *
set_or(FtObject *a, FtObject *b)
{
    if (!ft_anyset_check(a) || !ft_anyset_check(b))
        return FT_NOT_IMPLEMENTED;
    FtObject *result = set_copy_locking(SET(a));
    if (result == NULL || a == b)
        return result;
    if (ft_set_update_local(SET(result), b) != 0) {
        ft_decref(result);
        return NULL;
    }
    return result;
}

static FtObject *
set_and(FtObject *a, FtObject *b)
{
    if (!ft_anyset_check(a) || !ft_anyset_check(b))
        return FT_NOT_IMPLEMENTED;
    return set_intersection_locking(SET(a), b);
}

static FtObject *
set_sub(FtObject *a, FtObject *b)
{
    if (!ft_anyset_check(a) || !ft_anyset_check(b))
        return FT_NOT_IMPLEMENTED;
    return set_difference_locking(SET(a), b);
}

static FtObject *
set_xor(FtObject *a, FtObject *b)
{
    if (!ft_anyset_check(a) || !ft_anyset_check(b))
        return FT_NOT_IMPLEMENTED;
    return set_symmetric_difference_locking(SET(a), b);
}

static FtObject *
set_ior(FtObject *self, FtObject *other)
{
    if (!ft_anyset_check(other))
        return FT_NOT_IMPLEMENTED;
    if (ft_set_update_internal(SET(self), other) != 0)
        return NULL;
    return ft_new_ref(self);
}

// so &= other (other any iterable here): the intersection's table is swapped in.
static int
set_intersection_update_internal(FtSetObject *so, FtObject *other)
{
    int rv = 0;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
    FtObject *tmp = set_intersection_lock_held(so, other);
    if (tmp == NULL) {
        rv = -1;
    } else {
        set_swap_bodies_lock_held(so, SET(tmp));
        ft_decref(tmp);
    }
    FT_END_CRITICAL_SECTION2_OBJECT();
    return rv;
}

static FtObject *
set_iand(FtObject *self, FtObject *other)
{
    if (!ft_anyset_check(other))
        return FT_NOT_IMPLEMENTED;
    if (set_intersection_update_internal(SET(self), other) != 0)
        return NULL;
    return ft_new_ref(self);
}

static FtObject *
set_isub(FtObject *self, FtObject *other)
{
    if (!ft_anyset_check(other))
        return FT_NOT_IMPLEMENTED;
    if (set_difference_update_locking(SET(self), other) != 0)
        return NULL;
    return ft_new_ref(self);
}

static FtObject *
set_ixor(FtObject *self, FtObject *other)
{
    if (!ft_anyset_check(other))
        return FT_NOT_IMPLEMENTED;
    if (set_symmetric_difference_update_internal(SET(self), other) != 0)
        return NULL;
    return ft_new_ref(self);
}

/* --- Methods --- */

// add(object, /) @locked
static FtObject *
set_add_method(FtObject *self, FtObject *key)
{
    return ft_set_add(self, key) < 0 ? NULL : ft_none_ref();
}

// remove(object, /) @locked: KeyError(key) when absent.
static FtObject *
set_remove_method(FtObject *self, FtObject *key)
{
    int rv = ft_set_discard(self, key);
    if (rv < 0)
        return NULL;
    if (rv == FT_SET_DISCARD_NOTFOUND) {
        FtObject *args = ft_tuple_pack_ref(1, key);
        if (args != NULL) {
            ft_error_set_object(&ft_exc_key_error, args);
            ft_decref(args);
        }
        return NULL;
    }
    return ft_none_ref();
}

// discard(object, /) @locked
static FtObject *
set_discard_method(FtObject *self, FtObject *key)
{
    return ft_set_discard(self, key) < 0 ? NULL : ft_none_ref();
}

// pop() @locked
static FtObject *
set_pop_method(FtObject *self)
{
    return ft_set_pop_ref(self);
}

// clear() @locked
static FtObject *
set_clear_method(FtObject *self)
{
    ft_set_clear(self);
    return ft_none_ref();
}

// copy() @locked
static FtObject *
set_copy_method(FtObject *self)
{
    return set_copy_locking(SET(self));
}

// frozenset.copy(): an exact frozenset is its own copy.
static FtObject *
frozenset_copy_method(FtObject *self)
{
    if (set_is_exact_frozenset(self))
        return ft_new_ref(self);
    return set_copy_locking(SET(self));
}

// __contains__(object, /)
static FtObject *
set_contains_method(FtObject *self, FtObject *key)
{
    return bool_or_null(ft_set_contains(self, key));
}

// update(*others)
static FtObject *
set_update_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    for (Ft_ssize i = 0; i < nargs; i++)
        if (ft_set_update_internal(SET(self), args[i]) != 0)
            return NULL;
    return ft_none_ref();
}

// union(*others)
static FtObject *
set_union_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *result = set_copy_locking(SET(self));
    if (result == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < nargs; i++) {
        if (args[i] == self)
            continue;
        if (ft_set_update_local(SET(result), args[i]) != 0) {
            ft_decref(result);
            return NULL;
        }
    }
    return result;
}

// intersection(*others)
static FtObject *
set_intersection_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs == 0)
        return set_copy_locking(SET(self));
    FtObject *result = ft_new_ref(self);
    for (Ft_ssize i = 0; i < nargs; i++) {
        FtObject *next = set_intersection_locking(SET(result), args[i]);
        ft_decref(result);
        if (next == NULL)
            return NULL;
        result = next;
    }
    return result;
}

// intersection_update(*others)
static FtObject *
set_intersection_update_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs == 1)
        return set_intersection_update_internal(SET(self), args[0]) < 0 ? NULL : ft_none_ref();
    FtObject *tmp = set_intersection_method(self, args, nargs);
    if (tmp == NULL)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    set_swap_bodies_lock_held(SET(self), SET(tmp));
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(tmp);
    return ft_none_ref();
}

// difference(*others)
static FtObject *
set_difference_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs == 0)
        return set_copy_locking(SET(self));
    FtObject *result = set_difference_locking(SET(self), args[0]);
    for (Ft_ssize i = 1; result != NULL && i < nargs; i++) {
        int rv;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(args[i]);
        rv = set_difference_update_lock_held(SET(result), args[i]);
        FT_END_CRITICAL_SECTION_OBJECT();
        if (rv != 0) {
            ft_decref(result);
            result = NULL;
        }
    }
    return result;
}

// difference_update(*others)
static FtObject *
set_difference_update_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    for (Ft_ssize i = 0; i < nargs; i++)
        if (set_difference_update_locking(SET(self), args[i]) != 0)
            return NULL;
    return ft_none_ref();
}

// symmetric_difference(other, /)
static FtObject *
set_symmetric_difference_method(FtObject *self, FtObject *other)
{
    return set_symmetric_difference_locking(SET(self), other);
}

// symmetric_difference_update(other, /)
static FtObject *
set_symmetric_difference_update_method(FtObject *self, FtObject *other)
{
    if (set_symmetric_difference_update_internal(SET(self), other) != 0)
        return NULL;
    return ft_none_ref();
}

// issubset(other, /)
static FtObject *
set_issubset_method(FtObject *self, FtObject *other)
{
    int rv;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(self, other);
    rv = set_issubset_lock_held(SET(self), other);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return bool_or_null(rv);
}

// issuperset(other, /)
static FtObject *
set_issuperset_method(FtObject *self, FtObject *other)
{
    int rv;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(self, other);
    rv = set_issuperset_lock_held(SET(self), other);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return bool_or_null(rv);
}

// isdisjoint(other, /)
static FtObject *
set_isdisjoint_method(FtObject *self, FtObject *other)
{
    int rv;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(self, other);
    rv = set_isdisjoint_lock_held(SET(self), other);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return bool_or_null(rv);
}

// __reduce__(): (type(self), (list(self),), self.__getstate__()), which pickling and copy use.
static FtObject *
set_reduce_method(FtObject *self)
{
    FtObject *items = ft_list_new_ref(0);
    if (items == NULL)
        return NULL;
    if (ft_list_extend(items, self) < 0) {
        ft_decref(items);
        return NULL;
    }
    FtObject *args = ft_tuple_pack_ref(1, items);
    ft_decref(items);
    if (args == NULL)
        return NULL;
    FtObject *state = ft_object_call_method_cstr_ref(self, "__getstate__", NULL, 0);
    if (state == NULL) {
        ft_decref(args);
        return NULL;
    }
    FtObject *res = ft_tuple_pack_ref(3, (FtObject *)self->ob_type, args, state);
    ft_decref(args);
    ft_decref(state);
    return res;
}

// __sizeof__(): the object plus its table when that has outgrown the inline smalltable.
static FtObject *
set_sizeof_method(FtObject *self)
{
    FtSetObject *so = SET(self);
    size_t size = (size_t)self->ob_type->tp_basicsize;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (so->table != so->smalltable)
        size += (size_t)(so->mask + 1) * sizeof(FtSetEntry);
    FT_END_CRITICAL_SECTION();
    return ft_int_from_int64_ref((int64_t)size);
}

/* --- Method and number tables (used by the type objects in objects/set.c) --- */

#define SET_METHOD_O(name, fn, doc) {name, {.o = fn}, FT_METH_O, doc}
#define SET_METHOD_NOARGS(name, fn, doc) {name, {.noargs = fn}, FT_METH_NOARGS, doc}
#define SET_METHOD_VARARGS(name, fn, doc) {name, {.fast = fn}, FT_METH_FASTCALL, doc}
#define SET_METHOD_CONTAINS \
    {"__contains__", {.o = set_contains_method}, FT_METH_O | FT_METH_COEXIST, "x.__contains__(y) <==> y in x."}

const FtMethodDef ft_set_methods[] = {
    SET_METHOD_O("add", set_add_method, "Add an element to a set."),
    SET_METHOD_NOARGS("clear", set_clear_method, "Remove all elements from this set."),
    SET_METHOD_CONTAINS,
    SET_METHOD_NOARGS("__reduce__", set_reduce_method, "Return state information for pickling."),
    SET_METHOD_NOARGS("__sizeof__", set_sizeof_method, "S.__sizeof__() -> size of S in memory, in bytes."),
    SET_METHOD_NOARGS("copy", set_copy_method, "Return a shallow copy of a set."),
    SET_METHOD_O("discard", set_discard_method, "Remove an element from a set if it is a member."),
    SET_METHOD_VARARGS("difference", set_difference_method,
                       "Return a new set with elements in the set that are not in the others."),
    SET_METHOD_VARARGS("difference_update", set_difference_update_method,
                       "Update the set, removing elements found in others."),
    SET_METHOD_VARARGS("intersection", set_intersection_method,
                       "Return a new set with elements common to the set and all others."),
    SET_METHOD_VARARGS("intersection_update", set_intersection_update_method,
                       "Update the set, keeping only elements found in it and all others."),
    SET_METHOD_O("isdisjoint", set_isdisjoint_method, "Return True if two sets have a null intersection."),
    SET_METHOD_O("issubset", set_issubset_method, "Report whether another set contains this set."),
    SET_METHOD_O("issuperset", set_issuperset_method, "Report whether this set contains another set."),
    SET_METHOD_NOARGS("pop", set_pop_method, "Remove and return an arbitrary set element."),
    SET_METHOD_O("remove", set_remove_method, "Remove an element from a set; it must be a member."),
    SET_METHOD_O("symmetric_difference", set_symmetric_difference_method,
                 "Return a new set with elements in either the set or other but not both."),
    SET_METHOD_O("symmetric_difference_update", set_symmetric_difference_update_method,
                 "Update the set, keeping only elements found in either set, but not in both."),
    SET_METHOD_VARARGS("union", set_union_method,
                       "Return a new set with elements from the set and all others."),
    SET_METHOD_VARARGS("update", set_update_method, "Update the set, adding elements from all others."),
    {NULL, {NULL}, 0, NULL},
};

const FtMethodDef ft_frozenset_methods[] = {
    SET_METHOD_CONTAINS,
    SET_METHOD_NOARGS("__reduce__", set_reduce_method, "Return state information for pickling."),
    SET_METHOD_NOARGS("__sizeof__", set_sizeof_method, "S.__sizeof__() -> size of S in memory, in bytes."),
    SET_METHOD_NOARGS("copy", frozenset_copy_method, "Return a shallow copy of a set."),
    SET_METHOD_VARARGS("difference", set_difference_method,
                       "Return a new set with elements in the set that are not in the others."),
    SET_METHOD_VARARGS("intersection", set_intersection_method,
                       "Return a new set with elements common to the set and all others."),
    SET_METHOD_O("isdisjoint", set_isdisjoint_method, "Return True if two sets have a null intersection."),
    SET_METHOD_O("issubset", set_issubset_method, "Report whether another set contains this set."),
    SET_METHOD_O("issuperset", set_issuperset_method, "Report whether this set contains another set."),
    SET_METHOD_O("symmetric_difference", set_symmetric_difference_method,
                 "Return a new set with elements in either the set or other but not both."),
    SET_METHOD_VARARGS("union", set_union_method,
                       "Return a new set with elements from the set and all others."),
    {NULL, {NULL}, 0, NULL},
};

FtNumberMethods ft_set_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
    .nb_inplace_subtract = set_isub,
    .nb_inplace_and = set_iand,
    .nb_inplace_xor = set_ixor,
    .nb_inplace_or = set_ior,
};

FtNumberMethods ft_frozenset_as_number = {
    .nb_subtract = set_sub,
    .nb_and = set_and,
    .nb_xor = set_xor,
    .nb_or = set_or,
};


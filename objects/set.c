// objects/set.c: set, frozenset and set_iterator - the hash table, the internal API, the slots and
// the type objects (CPython 3.14's Objects/setobject.c, read for semantics; the layout is in
// objects/set.h). The set algebra and the methods are in objects/set_ops.c, sharing
// objects/set_internal.h.
//
// Table: open addressing over mask + 1 entries. A search for hash h starts at i = h & mask, looks
// at i and its LINEAR_PROBES successors (when they do not wrap), then moves on with
// perturb >>= PERTURB_SHIFT; i = (i * 5 + 1 + perturb) & mask, as CPython does. Deleting leaves a
// dummy entry (key == FT_SET_DUMMY, hash == -1); an insertion reuses the last dummy met on its
// probe path.
// After an insertion into a never-used slot, fill * 5 >= mask * 3 resizes the table to the smallest
// power of two > used * 4 (used * 2 past 50000 entries); difference_update also compacts when more
// than a quarter of the slots are dummies. Resizing reinserts the active entries in table order.
// Matching every one of these rules is what makes iteration order, pop() and repr equal CPython's.
//
// Concurrency:
//   operation                                          how
//   len()                                              lock-free (relaxed `used`)
//   add, discard, remove, pop, clear, update, in,
//   iteration step, repr snapshot, copy                critical section on the set
//   two-set operations (|, &, -, ^, in-place forms,
//   comparisons, issubset, isdisjoint, ...)            two-object critical section
//   frozenset hash                                     lock-free: immutable once published
// A comparison of keys (__eq__) may run Python code and suspend the section: the probe restarts
// when the table or the entry changed meanwhile (CPython's rule). Results are built in new sets that
// no other thread can see yet (make_new_set), so they need no lock of their own. No table is ever
// read without the set's lock, so tables are freed at once (no QSBR).
//
// Missing (TODO(#4)): weak references, heap subclasses
// of set/frozenset (tp_new allocates static subtypes only), iteration through objects/abstract.h.
#include <stdint.h>   // PTRDIFF_MAX
#include <string.h>   // memcpy memset

#include "objects/set.h"
#include "objects/set_internal.h"

#include "objects/abstract.h"       // ft_object_get_iter_ref ft_iter_reduce_ref
#include "objects/dict.h"           // ft_dict_check ft_dict_next ft_dict_size
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/int.h"            // ft_bool_from ft_int_from_int64_ref
#include "objects/list.h"           // ft_list_new_ref ft_list_extend
#include "objects/method_def.h"     // FtMethodDef FT_METH_*
#include "objects/object.h"         // ft_object_* FT_VAR_OBJECT_HEAD_INIT FT_NOT_IMPLEMENTED
#include "objects/str.h"            // ft_str_*
#include "objects/tuple.h"          // ft_tuple_*
#include "objects/type.h"           // ft_type_ready ft_type_is_subtype
#include "runtime/object_lock.h"    // FT_BEGIN_CRITICAL_SECTION_OBJECT FT_ASSERT_LOCKED
#include "runtime/refcount.h"       // ft_incref ft_decref ft_new_ref
#include "runtime/runtime_mem.h"    // ft_runtime_mem_zalloc ft_runtime_mem_free
#include "sync/atomic.h"            // ft_atomic_*
#include "sync/fatal.h"             // FT_ASSERT

#define LINEAR_PROBES 9
#define PERTURB_SHIFT 5

// The deleted-entry marker: never exposed, never reference counted.
FtObject ft_set_dummy_struct = FT_OBJECT_HEAD_INIT(&ft_base_object_type);

/* --- Probing --- */

// The entry holding key (key != NULL) or the never-used slot ending its probe sequence (key NULL),
// or NULL with an exception when a comparison failed.
static FtSetEntry *
set_lookkey_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash)
{
restart:;
    size_t perturb = (size_t)hash;
    size_t mask = (size_t)so->mask;
    size_t i = (size_t)hash & mask;
    for (;;) {
        FtSetEntry *entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                return entry;
            if (entry->hash == hash) {
                FtObject *startkey = entry->key;
                FT_ASSERT(startkey != FT_SET_DUMMY);
                if (startkey == key)
                    return entry;
                if (ft_object_is_exact(startkey, &ft_str_type) &&
                    ft_object_is_exact(key, &ft_str_type) && ft_str_equal(startkey, key))
                    return entry;
                FtSetEntry *table = so->table;
                ft_incref(startkey);
                int cmp = ft_object_rich_compare_bool(startkey, key, FT_EQ);
                ft_decref(startkey);
                if (cmp < 0)
                    return NULL;
                if (table != so->table || entry->key != startkey)
                    goto restart;
                if (cmp > 0)
                    return entry;
                mask = (size_t)so->mask;
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }
}

// Inserts key (stealing the reference) unless an equal key is present. 0, or -1 with an exception
// (the reference is dropped either way on failure).
static int
set_add_entry_steal_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash)
{
    FtSetEntry *freeslot, *entry;
    size_t mask;
restart:
    mask = (size_t)so->mask;
    size_t i = (size_t)hash & mask;
    size_t perturb = (size_t)hash;
    freeslot = NULL;
    for (;;) {
        entry = &so->table[i];
        int probes = (i + LINEAR_PROBES <= mask) ? LINEAR_PROBES : 0;
        do {
            if (entry->hash == 0 && entry->key == NULL)
                goto found_unused_or_dummy;
            if (entry->hash == hash) {
                FtObject *startkey = entry->key;
                FT_ASSERT(startkey != FT_SET_DUMMY);
                if (startkey == key)
                    goto found_active;
                if (ft_object_is_exact(startkey, &ft_str_type) &&
                    ft_object_is_exact(key, &ft_str_type) && ft_str_equal(startkey, key))
                    goto found_active;
                FtSetEntry *table = so->table;
                ft_incref(startkey);
                int cmp = ft_object_rich_compare_bool(startkey, key, FT_EQ);
                ft_decref(startkey);
                if (cmp > 0)
                    goto found_active;
                if (cmp < 0)
                    goto error;
                if (table != so->table || entry->key != startkey)
                    goto restart;
                mask = (size_t)so->mask;
            } else if (entry->hash == -1) {
                FT_ASSERT(entry->key == FT_SET_DUMMY);
                freeslot = entry;   // the last dummy on the path, as CPython 3.14
            }
            entry++;
        } while (probes--);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
    }

found_unused_or_dummy:
    if (freeslot != NULL) {
        set_used_store_lock_held(so, so->used + 1);
        freeslot->key = key;
        freeslot->hash = hash;
        return 0;
    }
    so->fill++;
    set_used_store_lock_held(so, so->used + 1);
    entry->key = key;
    entry->hash = hash;
    if ((size_t)so->fill * 5 < mask * 3)
        return 0;
    return ft_set_table_resize_lock_held(so, so->used > 50000 ? so->used * 2 : so->used * 4);

found_active:
    ft_decref(key);
    return 0;

error:
    ft_decref(key);
    return -1;
}

int
ft_set_add_entry_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash)
{
    FT_ASSERT_LOCKED(so);
    return set_add_entry_steal_lock_held(so, ft_new_ref(key), hash);
}

// Stores key in the first never-used slot of its probe sequence: the key is known to be absent and
// the table to have no dummies. The caller adjusts fill and used.
static void
set_insert_clean(FtSetEntry *table, size_t mask, FtObject *key, Ft_hash hash)
{
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        FtSetEntry *entry = &table[i];
        if (entry->key == NULL)
            goto found;
        if (i + LINEAR_PROBES <= mask) {
            for (int j = 0; j < LINEAR_PROBES; j++) {
                entry++;
                if (entry->key == NULL)
                    goto found;
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + 1 + perturb) & mask;
        continue;
    found:
        entry->key = key;
        entry->hash = hash;
        return;
    }
}

/* --- Allocation and resizing --- */

// Rebuilds the table with the smallest power-of-two size > minused, dropping dummies.
int
ft_set_table_resize_lock_held(FtSetObject *so, Ft_ssize minused)
{
    FT_ASSERT(minused >= 0);
    size_t newsize = FT_SET_MINSIZE;
    while (newsize <= (size_t)minused)
        newsize <<= 1;

    FtSetEntry *oldtable = so->table;
    size_t oldmask = (size_t)so->mask;
    bool old_on_heap = oldtable != so->smalltable;
    FtSetEntry small_copy[FT_SET_MINSIZE];
    FtSetEntry *newtable;
    if (newsize == FT_SET_MINSIZE) {
        newtable = so->smalltable;
        if (newtable == oldtable) {
            if (so->fill == so->used)
                return 0;   // no dummies to purge
            memcpy(small_copy, oldtable, sizeof small_copy);
            oldtable = small_copy;
        }
    } else {
        if (newsize > (size_t)PTRDIFF_MAX / sizeof(FtSetEntry)) {
            ft_error_no_memory();
            return -1;
        }
        newtable = ft_runtime_mem_alloc(newsize * sizeof(FtSetEntry));
        if (newtable == NULL) {
            ft_error_no_memory();
            return -1;
        }
    }
    memset(newtable, 0, newsize * sizeof(FtSetEntry));
    so->mask = (Ft_ssize)newsize - 1;
    so->table = newtable;
    bool no_dummies = so->fill == so->used;
    so->fill = so->used;
    for (size_t k = 0; k <= oldmask; k++) {
        FtSetEntry *e = &oldtable[k];
        if (e->key != NULL && (no_dummies || e->key != FT_SET_DUMMY))
            set_insert_clean(newtable, newsize - 1, e->key, e->hash);
    }
    if (old_on_heap)
        ft_runtime_mem_free(oldtable);
    return 0;
}

int
ft_set_contains_entry_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash)
{
    FtSetEntry *entry = set_lookkey_lock_held(so, key, hash);
    if (entry == NULL)
        return -1;
    return entry->key != NULL;
}

int
ft_set_discard_entry_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash)
{
    FtSetEntry *entry = set_lookkey_lock_held(so, key, hash);
    if (entry == NULL)
        return -1;
    if (entry->key == NULL)
        return FT_SET_DISCARD_NOTFOUND;
    FtObject *old_key = entry->key;
    entry->key = FT_SET_DUMMY;
    entry->hash = -1;
    set_used_store_lock_held(so, so->used - 1);
    ft_decref(old_key);
    return FT_SET_DISCARD_FOUND;
}

// Replaces a TypeError from hashing key with CPython 3.14's "cannot use 'T' as a set element (...)".
static void
set_unhashable_type(FtObject *key)
{
    FtObject *exc = ft_error_fetch_ref();
    FT_ASSERT(exc != NULL);
    if (exc->ob_type != &ft_exc_type_error) {
        ft_error_restore_steal(exc);
        return;
    }
    ft_error_format(&ft_exc_type_error, "cannot use '%T' as a set element (%S)", key, exc);
    ft_decref(exc);
}

static Ft_hash
set_hash_key(FtObject *key)
{
    Ft_hash hash = ft_object_hash(key);
    if (hash == -1)
        set_unhashable_type(key);
    return hash;
}

static int
set_add_key_lock_held(FtSetObject *so, FtObject *key)
{
    Ft_hash hash = set_hash_key(key);
    if (hash == -1)
        return -1;
    return ft_set_add_entry_lock_held(so, key, hash);
}

int
ft_set_contains_key_lock_held(FtSetObject *so, FtObject *key)
{
    Ft_hash hash = set_hash_key(key);
    if (hash == -1)
        return -1;
    return ft_set_contains_entry_lock_held(so, key, hash);
}

int
ft_set_discard_key_lock_held(FtSetObject *so, FtObject *key)
{
    Ft_hash hash = set_hash_key(key);
    if (hash == -1)
        return -1;
    return ft_set_discard_entry_lock_held(so, key, hash);
}

static void
set_empty_to_minsize_lock_held(FtSetObject *so)
{
    memset(so->smalltable, 0, sizeof so->smalltable);
    so->fill = 0;
    set_used_store_lock_held(so, 0);
    so->mask = FT_SET_MINSIZE - 1;
    so->table = so->smalltable;
    set_hash_store(so, -1);
}

// Empties the set first and only then drops the keys, so that a destructor that runs meanwhile sees
// an empty, consistent set.
void
ft_set_clear_lock_held(FtSetObject *so)
{
    FtSetEntry *table = so->table;
    Ft_ssize fill = so->fill, used = so->used;
    bool on_heap = table != so->smalltable;
    FtSetEntry small_copy[FT_SET_MINSIZE];
    if (on_heap) {
        set_empty_to_minsize_lock_held(so);
    } else if (fill > 0) {
        memcpy(small_copy, table, sizeof small_copy);
        table = small_copy;
        set_empty_to_minsize_lock_held(so);
    }
    for (FtSetEntry *e = table; used > 0; e++) {
        if (e->key != NULL && e->key != FT_SET_DUMMY) {
            used--;
            ft_decref(e->key);
        }
    }
    if (on_heap)
        ft_runtime_mem_free(table);
}

// The next active entry at or after *pos (advancing *pos past it): 1, or 0 at the end.
int
ft_set_next_lock_held(FtSetObject *so, Ft_ssize *pos, FtSetEntry **entry_out)
{
    Ft_ssize i = *pos;
    Ft_ssize mask = so->mask;
    while (i <= mask && (so->table[i].key == NULL || so->table[i].key == FT_SET_DUMMY))
        i++;
    *pos = i + 1;
    if (i > mask)
        return 0;
    *entry_out = &so->table[i];
    return 1;
}

// Merges the entries of another set or frozenset into so. Both sections held.
int
ft_set_merge_lock_held(FtSetObject *so, FtSetObject *other)
{
    FT_ASSERT_LOCKED(so);
    if (other == so || other->used == 0)
        return 0;
    // One resize up front, expecting few overlapping keys.
    if ((so->fill + other->used) * 5 >= so->mask * 3) {
        if (ft_set_table_resize_lock_held(so, (so->used + other->used) * 2) != 0)
            return -1;
    }
    FtSetEntry *so_entry = so->table, *other_entry = other->table;
    // Empty, same size, no dummies in other: copy the slots one for one.
    if (so->fill == 0 && so->mask == other->mask && other->fill == other->used) {
        for (Ft_ssize i = 0; i <= other->mask; i++, so_entry++, other_entry++) {
            if (other_entry->key != NULL) {
                so_entry->key = ft_new_ref(other_entry->key);
                so_entry->hash = other_entry->hash;
            }
        }
        so->fill = other->fill;
        set_used_store_lock_held(so, other->used);
        return 0;
    }
    // Empty: no duplicates possible, so insert without comparing.
    if (so->fill == 0) {
        so->fill = other->used;
        set_used_store_lock_held(so, other->used);
        for (Ft_ssize i = 0; i <= other->mask; i++, other_entry++) {
            FtObject *key = other_entry->key;
            if (key != NULL && key != FT_SET_DUMMY)
                set_insert_clean(so->table, (size_t)so->mask, ft_new_ref(key), other_entry->hash);
        }
        return 0;
    }
    for (Ft_ssize i = 0; i <= other->mask; i++) {
        FtObject *key = other->table[i].key;
        if (key != NULL && key != FT_SET_DUMMY) {
            if (ft_set_add_entry_lock_held(so, key, other->table[i].hash) != 0)
                return -1;
        }
    }
    return 0;
}

// Adds the keys of a dict. Both sections held.
static int
set_update_dict_lock_held(FtSetObject *so, FtObject *dict)
{
    Ft_ssize dictsize = ft_dict_size(dict);
    if ((so->fill + dictsize) * 5 >= so->mask * 3) {
        if (ft_set_table_resize_lock_held(so, (so->used + dictsize) * 2) != 0)
            return -1;
    }
    Ft_ssize pos = 0;
    FtObject *key;
    while (ft_dict_next(dict, &pos, &key, NULL)) {
        ft_incref(key);
        Ft_hash hash = ft_object_hash(key);   // a dict key: hashable, and the dict's own hash
        int rv = hash == -1 ? -1 : ft_set_add_entry_lock_held(so, key, hash);
        ft_decref(key);
        if (rv != 0)
            return -1;
    }
    return 0;
}

int
ft_set_iterable_begin(FtSetIterableState *it, FtObject *iterable)
{
    it->seq = NULL;
    it->iter = NULL;
    it->index = 0;
    if (iterable->ob_type == &ft_tuple_type) {   // a subclass may override __iter__
        it->seq = iterable;
        return 0;
    }
    it->iter = ft_object_get_iter_ref(iterable);
    return it->iter == NULL ? -1 : 0;
}

// The next item (new reference), or NULL at the end (no exception) or on error (exception set).
FtObject *
ft_set_iterable_next_ref(FtSetIterableState *it)
{
    if (it->seq != NULL) {
        if (it->index >= ft_tuple_size(it->seq))
            return NULL;
        return ft_new_ref(ft_tuple_get_item_borrow(it->seq, it->index++));
    }
    FtObject *item = it->iter->ob_type->tp_iternext(it->iter);
    if (item == NULL && ft_error_matches(&ft_exc_stop_iteration))
        ft_error_clear();
    return item;
}

void
ft_set_iterable_end(FtSetIterableState *it)
{
    ft_xdecref(it->iter);
}

// Adds every item of a non-set iterable. so's section held.
static int
set_update_iterable_lock_held(FtSetObject *so, FtObject *iterable)
{
    FtSetIterableState it;
    if (ft_set_iterable_begin(&it, iterable) < 0)
        return -1;
    FtObject *key;
    int rv = 0;
    while ((key = ft_set_iterable_next_ref(&it)) != NULL) {
        rv = set_add_key_lock_held(so, key);
        ft_decref(key);
        if (rv != 0)
            break;
    }
    ft_set_iterable_end(&it);
    return rv != 0 || ft_error_occurred() ? -1 : 0;
}

// so |= other with so's section held, and other's too when it is a set or a dict.
int
ft_set_update_lock_held(FtSetObject *so, FtObject *other)
{
    if (ft_anyset_check(other))
        return ft_set_merge_lock_held(so, SET(other));
    if (ft_dict_check_exact(other))
        return set_update_dict_lock_held(so, other);
    return set_update_iterable_lock_held(so, other);
}

// set_update for a set no other thread can see: locks only other.
int
ft_set_update_local(FtSetObject *so, FtObject *other)
{
    int rv;
    if (ft_anyset_check(other) || ft_dict_check_exact(other)) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(other);
        rv = ft_set_update_lock_held(so, other);
        FT_END_CRITICAL_SECTION_OBJECT();
    } else {
        rv = set_update_iterable_lock_held(so, other);
    }
    return rv;
}

// set_update for a published set: locks so, and other when it is a set or a dict.
int
ft_set_update_internal(FtSetObject *so, FtObject *other)
{
    int rv;
    if (ft_anyset_check(other) || ft_dict_check_exact(other)) {
        if ((FtObject *)so == other)
            return 0;
        FT_BEGIN_CRITICAL_SECTION2_OBJECT(so, other);
        rv = ft_set_update_lock_held(so, other);
        FT_END_CRITICAL_SECTION2_OBJECT();
    } else {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(so);
        rv = set_update_iterable_lock_held(so, other);
        FT_END_CRITICAL_SECTION_OBJECT();
    }
    return rv;
}

// A new empty set of type, then filled from iterable (NULL: none). Unpublished until returned.
static FtObject *
make_new_set(FtTypeObject *type, FtObject *iterable)
{
    FtSetObject *so = (FtSetObject *)ft_object_new_of_type(type, 0);
    if (so == NULL)
        return NULL;
    so->fill = 0;   // unpublished: plain stores
    so->used = 0;
    so->mask = FT_SET_MINSIZE - 1;
    so->table = so->smalltable;
    so->hash = -1;
    so->finger = 0;
    if (iterable != NULL && ft_set_update_local(so, iterable) != 0) {
        ft_decref((FtObject *)so);
        return NULL;
    }
    return (FtObject *)so;
}

// Results of operations are plain sets or frozensets, never subclasses.
FtObject *
ft_set_new_basetype_ref(FtTypeObject *type, FtObject *iterable)
{
    if (type != &ft_set_type && type != &ft_frozenset_type)
        type = ft_type_is_subtype(type, &ft_set_type) ? &ft_set_type : &ft_frozenset_type;
    return make_new_set(type, iterable);
}

// The frozenset hash of so's current contents (CPython's frozenset_hash_impl): order-independent,
// computed over every slot and corrected for the never-used and dummy slots.
static uint64_t
shuffle_bits(uint64_t h)
{
    return ((h ^ 89869747ULL) ^ (h << 16)) * 3644798167ULL;
}

static Ft_hash
set_hash_contents_lock_held(FtSetObject *so)
{
    uint64_t hash = 0;
    for (Ft_ssize i = 0; i <= so->mask; i++)
        hash ^= shuffle_bits((uint64_t)so->table[i].hash);
    if ((so->mask + 1 - so->fill) & 1)
        hash ^= shuffle_bits(0);
    if ((so->fill - so->used) & 1)
        hash ^= shuffle_bits((uint64_t)-1);
    hash ^= ((uint64_t)so->used + 1) * 1927868237ULL;
    hash ^= (hash >> 11) ^ (hash >> 25);
    hash = hash * 69069U + 907133923ULL;
    if (hash == (uint64_t)-1)
        hash = 590923713ULL;
    return (Ft_hash)hash;
}

// The hash of a set key looked up as a frozenset (a set is never hashable itself).
static Ft_hash
set_key_as_frozenset_hash(FtObject *key)
{
    Ft_hash h;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(key);
    h = set_hash_contents_lock_held(SET(key));
    FT_END_CRITICAL_SECTION_OBJECT();
    return h;
}

// True if the current error is a TypeError from hashing a set key, which is then retried as a
// frozenset (the exception is cleared).
static bool
set_key_retry_as_frozenset(FtObject *key)
{
    if (!ft_set_check(key) || !ft_error_matches(&ft_exc_type_error))
        return false;
    ft_error_clear();
    return true;
}

/* --- Internal API --- */

FtObject *
ft_set_new_ref(FtObject *iterable)
{
    return make_new_set(&ft_set_type, iterable);
}

FtObject *
ft_frozenset_new_ref(FtObject *iterable)
{
    if (iterable != NULL && set_is_exact_frozenset(iterable))
        return ft_new_ref(iterable);
    return make_new_set(&ft_frozenset_type, iterable);
}

Ft_ssize
ft_set_size(FtObject *set)
{
    return set_used(SET(set));
}

int
ft_set_add(FtObject *set, FtObject *key)
{
    int rv;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(set);
    rv = set_add_key_lock_held(SET(set), key);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rv;
}

static int
set_contains_lock_held(FtSetObject *so, FtObject *key)
{
    int rv = ft_set_contains_key_lock_held(so, key);
    if (rv < 0 && set_key_retry_as_frozenset(key))
        rv = ft_set_contains_entry_lock_held(so, key, set_key_as_frozenset_hash(key));
    return rv;
}

int
ft_set_contains(FtObject *set, FtObject *key)
{
    int rv;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(set);
    rv = set_contains_lock_held(SET(set), key);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rv;
}

static int
set_discard_lock_held(FtSetObject *so, FtObject *key)
{
    int rv = ft_set_discard_key_lock_held(so, key);
    if (rv < 0 && set_key_retry_as_frozenset(key))
        rv = ft_set_discard_entry_lock_held(so, key, set_key_as_frozenset_hash(key));
    return rv;
}

int
ft_set_discard(FtObject *set, FtObject *key)
{
    int rv;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(set);
    rv = set_discard_lock_held(SET(set), key);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rv;
}

static FtObject *
set_pop_lock_held(FtSetObject *so)
{
    if (so->used == 0) {
        ft_error_set_string(&ft_exc_key_error, "pop from an empty set");
        return NULL;
    }
    FtSetEntry *entry = so->table + (so->finger & so->mask);
    FtSetEntry *limit = so->table + so->mask;
    while (entry->key == NULL || entry->key == FT_SET_DUMMY) {
        entry++;
        if (entry > limit)
            entry = so->table;
    }
    FtObject *key = entry->key;
    entry->key = FT_SET_DUMMY;
    entry->hash = -1;
    set_used_store_lock_held(so, so->used - 1);
    so->finger = entry - so->table + 1;
    return key;
}

FtObject *
ft_set_pop_ref(FtObject *set)
{
    FtObject *key;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(set);
    key = set_pop_lock_held(SET(set));
    FT_END_CRITICAL_SECTION_OBJECT();
    return key;
}

void
ft_set_clear(FtObject *set)
{
    FT_BEGIN_CRITICAL_SECTION_OBJECT(set);
    ft_set_clear_lock_held(SET(set));
    FT_END_CRITICAL_SECTION_OBJECT();
}

int
ft_set_update(FtObject *set, FtObject *iterable)
{
    return ft_set_update_internal(SET(set), iterable);
}

/* --- Slots --- */

static void
set_dealloc(FtObject *op)
{
    FtSetObject *so = SET(op);
    // The last reference is gone: nobody else can reach the table.
    Ft_ssize used = so->used;
    for (FtSetEntry *e = so->table; used > 0; e++) {
        if (e->key != NULL && e->key != FT_SET_DUMMY) {
            used--;
            ft_decref(e->key);
        }
    }
    if (so->table != so->smalltable)
        ft_runtime_mem_free(so->table);
    ft_object_free_memory(op);
}

static int
set_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtSetObject *so = SET(op);
    Ft_ssize pos = 0;
    FtSetEntry *entry;
    // Called by the collector with the world stopped (or by the owner): no lock.
    while (ft_set_next_lock_held(so, &pos, &entry)) {
        int r = visit(entry->key, arg);
        if (r != 0)
            return r;
    }
    return 0;
}

static int
set_tp_clear(FtObject *op)
{
    ft_set_clear(op);
    return 0;
}

static FtObject *
set_repr(FtObject *op)
{
    FtSetObject *so = SET(op);
    const char *name = op->ob_type->tp_name;
    FtReprFrame frame;
    if (ft_object_repr_enter(&frame, op))
        return ft_str_from_format_ref("%s(...)", name);
    FtObject *result = NULL;
    FtObject **keys = NULL;
    Ft_ssize n = 0, used;
    // Snapshot the keys under the lock; their reprs run without it.
    FT_BEGIN_CRITICAL_SECTION_OBJECT(so);
    used = so->used;
    if (used > 0)
        keys = ft_runtime_mem_alloc((size_t)used * sizeof(FtObject *));
    if (keys != NULL) {
        Ft_ssize pos = 0;
        FtSetEntry *entry;
        while (n < used && ft_set_next_lock_held(so, &pos, &entry))
            keys[n++] = ft_new_ref(entry->key);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (used == 0) {
        result = ft_str_from_format_ref("%s()", name);
        goto done;
    }
    if (keys == NULL) {
        ft_error_no_memory();
        goto done;
    }
    Ft_ssize ok = 0;
    for (; ok < n; ok++) {
        FtObject *r = ft_object_repr_ref(keys[ok]);
        if (r == NULL)
            break;
        ft_decref(keys[ok]);
        keys[ok] = r;   // the slot now holds the repr
    }
    if (ok == n) {
        FtObject *sep = ft_str_from_ascii_ref(", ");
        FtObject *body = sep != NULL ? ft_str_join_ref(sep, keys, n) : NULL;
        ft_xdecref(sep);
        if (body != NULL) {
            if (op->ob_type == &ft_set_type)
                result = ft_str_from_format_ref("{%U}", body);
            else
                result = ft_str_from_format_ref("%s({%U})", name, body);
            ft_decref(body);
        }
    }
    for (Ft_ssize i = 0; i < n; i++)
        ft_decref(keys[i]);
done:
    ft_runtime_mem_free(keys);
    ft_object_repr_leave(&frame);
    return result;
}

static Ft_ssize
set_len(FtObject *op)
{
    return set_used(SET(op));
}

static int
set_sq_contains(FtObject *op, FtObject *key)
{
    return ft_set_contains(op, key);
}

static Ft_hash
frozenset_hash(FtObject *op)
{
    FtSetObject *so = SET(op);
    Ft_hash h = set_hash_load(so);
    if (h != -1)
        return h;
    // Immutable once published: the table is read without a lock.
    h = set_hash_contents_lock_held(so);
    set_hash_store(so, h);
    return h;
}

static FtObject *
set_iter(FtObject *op);

static FtObject *
set_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return make_new_set(type, NULL);
}

static int
set_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0) {
        ft_error_set_string(&ft_exc_type_error, "set() takes no keyword arguments");
        return -1;
    }
    if (nargs > 1) {
        ft_error_format(&ft_exc_type_error, "%s expected at most 1 argument, got %zd",
                        self->ob_type->tp_name, nargs);
        return -1;
    }
    FtSetObject *so = SET(self);
    FT_BEGIN_CRITICAL_SECTION_OBJECT(so);
    if (so->fill)
        ft_set_clear_lock_held(so);
    set_hash_store(so, -1);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (nargs == 0)
        return 0;
    return ft_set_update_internal(so, args[0]);
}

static FtObject *
frozenset_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "frozenset() takes no keyword arguments");
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "%s expected at most 1 argument, got %zd",
                               type->tp_name, nargs);
    FtObject *iterable = nargs ? args[0] : NULL;
    if (type == &ft_frozenset_type && iterable != NULL && set_is_exact_frozenset(iterable))
        return ft_new_ref(iterable);
    return make_new_set(type, iterable);
}

/* --- Type objects --- */

static FtSequenceMethods set_as_sequence = {
    .sq_length = set_len,
    .sq_contains = set_sq_contains,
};

FtTypeObject ft_set_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "set",
    .tp_basicsize = sizeof(FtSetObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_repr = set_repr,
    .tp_richcompare = ft_set_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = set_iter,
    .tp_init = set_init,
    .tp_new = set_new,
    .tp_as_number = &ft_set_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_methods = ft_set_methods,
    .tp_doc = "set(iterable=(), /)\n--\n\nBuild an unordered collection of unique elements.",
};

FtTypeObject ft_frozenset_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "frozenset",
    .tp_basicsize = sizeof(FtSetObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = set_dealloc,
    .tp_traverse = set_traverse,
    .tp_clear = set_tp_clear,
    .tp_repr = set_repr,
    .tp_hash = frozenset_hash,
    .tp_richcompare = ft_set_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = set_iter,
    .tp_new = frozenset_new,
    .tp_as_number = &ft_frozenset_as_number,
    .tp_as_sequence = &set_as_sequence,
    .tp_methods = ft_frozenset_methods,
    .tp_doc = "frozenset(iterable=(), /)\n--\n\n"
              "Build an immutable unordered collection of unique elements.",
};

/* --- Iterator --- */

// set_iterator. It keeps the set alive until it dies; its mutable fields are guarded by the set's
// ob_mutex (each step takes that section), so sharing an iterator between threads is safe.
typedef struct SetIterObject {
    FtObject ob_base;
    FtObject *set;     // immutable: a strong reference
    Ft_ssize si_used;  // guarded_by(set's ob_mutex): len at creation; -1 after a size change
    Ft_ssize pos;      // guarded_by(set's ob_mutex): next slot; -1 once exhausted
    Ft_ssize len;      // guarded_by(set's ob_mutex): items left, for __length_hint__
} SetIterObject;

static FtObject *
set_iter(FtObject *op)
{
    SetIterObject *si = (SetIterObject *)ft_object_new_of_type(&ft_set_iter_type, 0);
    if (si == NULL)
        return NULL;
    Ft_ssize size = set_used(SET(op));
    si->set = ft_new_ref(op);   // unpublished: plain stores
    si->si_used = size;
    si->pos = 0;
    si->len = size;
    return (FtObject *)si;
}

static void
set_iter_dealloc(FtObject *op)
{
    ft_decref(((SetIterObject *)op)->set);
    ft_object_free_memory(op);
}

static int
set_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((SetIterObject *)op)->set, arg);
}

static FtObject *
set_iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
set_iter_next(FtObject *op)
{
    SetIterObject *si = (SetIterObject *)op;
    FtSetObject *so = SET(si->set);
    FtObject *key = NULL;
    bool changed = false;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(so);
    if (si->pos >= 0) {
        if (si->si_used != so->used) {
            si->si_used = -1;   // sticky: every later step raises too
            changed = true;
        } else {
            Ft_ssize i = si->pos;
            while (i <= so->mask && (so->table[i].key == NULL || so->table[i].key == FT_SET_DUMMY))
                i++;
            if (i <= so->mask) {
                key = ft_new_ref(so->table[i].key);
                si->pos = i + 1;
                si->len--;
            } else {
                si->pos = -1;
            }
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (changed)
        ft_error_set_string(&ft_exc_runtime_error, "Set changed size during iteration");
    return key;
}

// __length_hint__()
static FtObject *
set_iter_length_hint(FtObject *op)
{
    SetIterObject *si = (SetIterObject *)op;
    FtSetObject *so = SET(si->set);
    Ft_ssize len = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(so);
    if (si->pos >= 0 && si->si_used == so->used)
        len = si->len;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_int_from_int64_ref(len);
}

// __reduce__(): (iter, (list of the items left,)), listed from a copy at the same position so that
// this iterator does not move (a size change raises, as next() would).
static FtObject *
set_iter_reduce(FtObject *op)
{
    SetIterObject *si = (SetIterObject *)op;
    SetIterObject *copy = (SetIterObject *)ft_object_new_of_type(&ft_set_iter_type, 0);
    if (copy == NULL)
        return NULL;
    copy->set = ft_new_ref(si->set);   // unpublished: plain stores
    FT_BEGIN_CRITICAL_SECTION_OBJECT(si->set);
    copy->si_used = si->si_used;
    copy->pos = si->pos;
    copy->len = si->len;
    FT_END_CRITICAL_SECTION_OBJECT();
    FtObject *items = ft_list_new_ref(0), *res = NULL;
    if (items != NULL && ft_list_extend(items, (FtObject *)copy) == 0)
        res = ft_iter_reduce_ref("iter", items, NULL);
    ft_xdecref(items);
    ft_decref((FtObject *)copy);
    return res;
}

static const FtMethodDef set_iter_methods[] = {
    {"__length_hint__", {.noargs = set_iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = set_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_set_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "set_iterator",
    .tp_basicsize = sizeof(SetIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = set_iter_dealloc,
    .tp_traverse = set_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = set_iter_self,
    .tp_iternext = set_iter_next,
    .tp_methods = set_iter_methods,
};

int
ft_set_init_types(void)
{
    if (ft_type_ready(&ft_set_type) < 0 || ft_type_ready(&ft_frozenset_type) < 0)
        return -1;
    return ft_type_ready(&ft_set_iter_type);
}

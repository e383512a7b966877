// objects/dict.c: dict (CPython's Objects/dictobject.c and Objects/dict-common.h, 3.14).
//
// Representation (the compact ordered table of CPython 3.6+):
//
//   FtDictObject                 FtDictKeys (one allocation)
//   +-----------+                +------------------------------------------------+
//   | ma_used   |                | log2_size, log2_index_bytes, usable, nentries  |
//   | ma_keys --+--------------> | indices[1 << log2_size]   1/2/4/8-byte signed  |
//   +-----------+                | entries[usable + nentries] {hash, key, value}  |
//                                +------------------------------------------------+
//
// indices is an open-addressing table (CPython's probe: i = hash & mask, then
// i = (5 * i + perturb + 1) & mask with perturb >>= 5 each step); a slot holds INDEX_EMPTY (-1),
// INDEX_DUMMY (-2, a deleted entry) or the position of an entry. entries is append-only in
// insertion order: deleting clears the entry's key and value and leaves a hole, so iteration order
// is insertion order. A resize builds a new keys object holding only the live entries, in order.
//
// Invariants (checked by dict_check_consistency in debug builds):
//   ma_used == number of entries with a non-NULL key == number of index slots holding a position;
//   nentries <= USABLE_FRACTION(size); usable + nentries <= USABLE_FRACTION(size);
//   an entry has key and value both NULL (deleted) or both non-NULL;
//   an entry's hash is the hash of its key and never changes while its position is in the index.
// Growth policy (same as CPython, so that sizes match): a table of size n holds at most 2n/3
// entries; inserting into a full table resizes to the smallest power of two >= max(8, 3 * ma_used);
// clear() goes back to the shared empty keys object; deletions never shrink.
//
// Concurrency (FREE-THREADING.md 7.2; CPython's _Py_dict_lookup_threadsafe):
//   lookup (get, [], in)         lock-free: ma_keys acquire, index acquire, key/value relaxed, then
//                                try-incref-compare; any race -> the locked path
//   len                          lock-free (relaxed load of ma_used)
//   insert/replace/delete/clear  critical section on ob_mutex (FT_ASSERT_LOCKED in *_lock_held)
//   resize                       critical section; the new keys object is published with a
//                                release store, the old one retired through ft_qsbr_free_delayed
//                                once the dict is FT_GC_SHARED (lock-free readers may still probe it)
//   iteration, repr, ==, copy    critical section (two-object for ==)
// A thread that is not the dict's owner marks it FT_GC_SHARED (under the lock) before its first
// lock-free read or its first resize. A thread that stores, compares or returns a key or value
// owned by another thread under the lock marks it MAYBE_WEAKREF (mark_for_readers), so that its own
// later lock-free try-increfs can succeed on it: a first lookup of a key by a non-owner takes the
// locked path, the following ones do not (tests: lookups_take_no_lock). An entry's key or value is
// freed (decref'd) while lock-free readers may still hold its pointer: the allocator keeps object
// memory type-stable, and readers re-validate the slot (and ma_keys) after taking their reference.
// Comparisons may run Python code, which may suspend the section: the locked lookup re-validates
// ma_keys and the entry's key after every such comparison and restarts when they changed.
//
// Missing (TODO(#4)): the split (shared-keys) tables and the unicode-only entry layout (neither
// changes observable order), dict watchers and version tags, __reversed__, __or__/__ior__,
// __class_getitem__, set operations on keys views, deferred refcounts for module dicts.
#include <stddef.h>   // offsetof
#include <stdlib.h>   // realloc free
#include <string.h>   // memset memcpy

#include "objects/dict.h"

#include "objects/abstract.h"     // ft_object_get_iter_ref
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/int.h"          // ft_bool_from FT_TRUE FT_FALSE
#include "objects/method_def.h"   // FtMethodDef FT_METH_*
#include "objects/object.h"       // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"          // ft_str_*
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready ft_type_lookup_borrow
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION_OBJECT FT_ASSERT_LOCKED
#include "runtime/qsbr.h"         // ft_qsbr_free_delayed
#include "runtime/refcount.h"     // ft_incref ft_decref ft_try_incref_compare
#include "runtime/runtime_mem.h"  // ft_runtime_mem_alloc ft_runtime_mem_free
#include "sync/atomic.h"          // ft_atomic_*
#include "sync/fatal.h"           // FT_ASSERT ft_fatal

#define DICT_LOG2_MINSIZE 3
#define DICT_MINSIZE (1 << DICT_LOG2_MINSIZE)
#define PERTURB_SHIFT 5

// Index slot values and lookup results.
#define INDEX_EMPTY ((Ft_ssize)-1)
#define INDEX_DUMMY ((Ft_ssize)-2)
#define INDEX_ERROR ((Ft_ssize)-3)
#define INDEX_KEY_CHANGED ((Ft_ssize)-4)   // lock-free lookup only: retry under the lock

typedef struct FtDictEntry {
    Ft_hash hash;      // atomic (relaxed): written under ob_mutex before the position is published
    FtObject *key;     // atomic: written under ob_mutex (release), read lock-free; NULL when deleted
    FtObject *value;   // atomic: written under ob_mutex (release), read lock-free; NULL when deleted
} FtDictEntry;

struct FtDictKeys {
    uint8_t log2_size;          // immutable
    uint8_t log2_index_bytes;   // immutable: log2 of the index table's size in bytes
    uint8_t is_static;          // immutable: the shared empty keys object, never freed
    Ft_ssize usable;            // guarded_by(ob_mutex): entries that can still be appended
    Ft_ssize nentries;          // guarded_by(ob_mutex): entries used (live or deleted)
    // Followed by the index table (1 << log2_index_bytes bytes, atomic: written under ob_mutex with
    // release stores, read lock-free with acquire) and the entries (FtDictEntry[]), 8-byte aligned.
};

_Static_assert(sizeof(FtDictKeys) % sizeof(uint64_t) == 0, "the index table follows, aligned");

static inline void *
keys_indices(FtDictKeys *k)
{
    return k + 1;
}

// The keys object of every empty dict: size 8, nothing usable, all slots INDEX_EMPTY. Immutable
// (an insertion always resizes first), shared by all threads, never freed.
static struct {
    FtDictKeys keys;
    uint64_t indices[1];
} empty_keys = {
    .keys = {.log2_size = DICT_LOG2_MINSIZE, .log2_index_bytes = DICT_LOG2_MINSIZE, .is_static = 1,
             .usable = 0, .nentries = 0},
    .indices = {UINT64_MAX},
};
#define EMPTY_KEYS (&empty_keys.keys)
_Static_assert(offsetof(__typeof__(empty_keys), indices) == sizeof(FtDictKeys),
               "the shared empty keys object's index table follows its header");

static inline Ft_ssize
usable_fraction(Ft_ssize n)
{
    return (n << 1) / 3;
}

static inline Ft_ssize
keys_size(const FtDictKeys *k)
{
    return (Ft_ssize)1 << k->log2_size;
}

static inline FtDictEntry *
keys_entries(FtDictKeys *k)
{
    return (FtDictEntry *)((char *)keys_indices(k) + ((size_t)1 << k->log2_index_bytes));
}

// The index slot i. Acquire: pairs with the release in keys_set_index(), so the entry written
// before the slot is visible to the lock-free reader that found its position here.
static inline Ft_ssize
keys_get_index(FtDictKeys *k, Ft_ssize i)
{
    void *ix = keys_indices(k);
    switch (k->log2_index_bytes - k->log2_size) {
    case 0: return (int8_t)ft_atomic_load_uint8_acquire((uint8_t *)ix + i);
    case 1: return (int16_t)ft_atomic_load_uint16_acquire((uint16_t *)ix + i);
    case 2: return ft_atomic_load_int32_acquire((int32_t *)ix + i);
    default: return ft_atomic_load_ssize_acquire((Ft_ssize *)ix + i);
    }
}

// Writes index slot i (under ob_mutex, or on an unpublished keys object). Release: pairs with the
// acquire in keys_get_index().
static inline void
keys_set_index(FtDictKeys *k, Ft_ssize i, Ft_ssize v)
{
    void *ix = keys_indices(k);
    switch (k->log2_index_bytes - k->log2_size) {
    case 0: ft_atomic_store_uint8_release((uint8_t *)ix + i, (uint8_t)(int8_t)v); break;
    case 1: ft_atomic_store_uint16_release((uint16_t *)ix + i, (uint16_t)(int16_t)v); break;
    case 2: ft_atomic_store_int32_release((int32_t *)ix + i, (int32_t)v); break;
    default: ft_atomic_store_ssize_release((Ft_ssize *)ix + i, v); break;
    }
}

// relaxed: entry fields are ordered by the index slot (acquire/release) or ma_keys; a reader that
// races with a deletion re-validates through ft_try_incref_compare.
static inline FtObject *
entry_key(FtDictEntry *e)
{
    return (FtObject *)ft_atomic_load_ptr_relaxed((void **)&e->key);
}

static inline FtObject *
entry_value(FtDictEntry *e)
{
    return (FtObject *)ft_atomic_load_ptr_relaxed((void **)&e->value);
}

static inline Ft_hash
entry_hash(FtDictEntry *e)
{
    return ft_atomic_load_ssize_relaxed(&e->hash);
}

static inline FtDictKeys *
dict_keys_acquire(FtDictObject *d)
{
    // acquire: pairs with the release in dict_publish_keys().
    return (FtDictKeys *)ft_atomic_load_ptr_acquire((void **)&d->ma_keys);
}

static inline void
dict_set_used(FtDictObject *d, Ft_ssize used)
{
    // relaxed: written under ob_mutex; len() reads a snapshot.
    ft_atomic_store_ssize_relaxed(&d->ma_used, used);
}

// A new reference to op for storing where lock-free readers can find it: an object owned by
// another thread is marked MAYBE_WEAKREF, so that a reader's ft_try_incref_shared can succeed
// while its count is 0-shared (CPython's _Py_NewRefWithLock).
static inline void mark_for_readers(FtObject *op);

static inline FtObject *
new_ref_for_readers(FtObject *op)
{
    ft_incref(op);
    mark_for_readers(op);
    return op;
}

// An object owned by another thread and reachable from the table gets MAYBE_WEAKREF, so that this
// thread's ft_try_incref_shared can succeed on it while its shared count is 0 (an INIT object with
// shared count 0 may be freed by its owner without atomics, so try-incref refuses it). Done under
// the lock by the thread that would otherwise fail, as CPython's _Py_NewRefWithLock: keys the
// lookup compares and the value it returns. Once per object; later calls are a relaxed load.
static inline void
mark_for_readers(FtObject *op)
{
    if (!ft_object_is_owned_by_current_thread(op))
        ft_object_set_maybe_weakref(op);
}

static inline bool
dict_is_shared(FtDictObject *d)
{
    // relaxed: FT_GC_SHARED is set under ob_mutex; writers read it under ob_mutex.
    return (ft_atomic_load_uint8_relaxed(&d->ob_base.ob_gc_bits) & FT_GC_SHARED) != 0;
}

static inline void
dict_mark_shared_lock_held(FtDictObject *d)
{
    // relaxed: under ob_mutex, which orders it with the owner's next resize.
    ft_atomic_or_uint8_relaxed(&d->ob_base.ob_gc_bits, FT_GC_SHARED);
}

// First lock-free read from a thread that is not the owner: mark the dict shared under its lock, so
// that any resize that could free a keys object we are about to probe uses QSBR.
static void
dict_ensure_shared_on_read(FtDictObject *d)
{
    if (ft_object_is_owned_by_current_thread((FtObject *)d) || dict_is_shared(d))
        return;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    dict_mark_shared_lock_held(d);
    FT_END_CRITICAL_SECTION_OBJECT();
}

/* --- Allocation and resizing --- */

// The smallest log2 size >= DICT_LOG2_MINSIZE whose table holds minsize slots.
static uint8_t
calculate_log2_keysize(Ft_ssize minsize)
{
    uint8_t log2 = DICT_LOG2_MINSIZE;
    while (((Ft_ssize)1 << log2) < minsize)
        log2++;
    return log2;
}

// The size whose usable fraction holds n entries (CPython's estimate_log2_keysize).
static uint8_t
estimate_log2_keysize(Ft_ssize n)
{
    return calculate_log2_keysize((n * 3 + 1) / 2);
}

static FtDictKeys *
keys_new(uint8_t log2_size)
{
    if (log2_size > 40) {
        ft_error_no_memory();
        return NULL;
    }
    uint8_t log2_bytes;
    if (log2_size < 8)
        log2_bytes = log2_size;
    else if (log2_size < 16)
        log2_bytes = (uint8_t)(log2_size + 1);
    else if (log2_size < 32)
        log2_bytes = (uint8_t)(log2_size + 2);
    else
        log2_bytes = (uint8_t)(log2_size + 3);
    Ft_ssize usable = usable_fraction((Ft_ssize)1 << log2_size);
    size_t index_bytes = (size_t)1 << log2_bytes;
    if (index_bytes < sizeof(uint64_t))
        index_bytes = sizeof(uint64_t);   // entries stay 8-byte aligned
    FtDictKeys *k = ft_runtime_mem_alloc(sizeof(FtDictKeys) + index_bytes +
                                         (size_t)usable * sizeof(FtDictEntry));
    if (k == NULL) {
        ft_error_no_memory();
        return NULL;
    }
    k->log2_size = log2_size;
    k->log2_index_bytes = log2_bytes < 3 ? 3 : log2_bytes;
    k->is_static = 0;
    k->usable = usable;
    k->nentries = 0;
    // Unpublished: plain stores. 0xff bytes read as INDEX_EMPTY at every width.
    memset(keys_indices(k), 0xff, (size_t)1 << k->log2_index_bytes);
    memset(keys_entries(k), 0, (size_t)usable * sizeof(FtDictEntry));
    return k;
}

static void
keys_free_memory(void *k)
{
    ft_runtime_mem_free(k);
}

// Frees a keys object that has just been unlinked from d (its references were moved or dropped).
// Lock-free readers of a shared dict may still be probing it: retire it through QSBR then.
static void
keys_retire_lock_held(FtDictObject *d, FtDictKeys *k)
{
    if (k->is_static)
        return;
    // A writer that is not the owner (resize, clear) must assume the owner is reading lock-free
    // (CPython's ensure_shared_on_resize).
    if (!ft_object_is_owned_by_current_thread((FtObject *)d))
        dict_mark_shared_lock_held(d);
    if (dict_is_shared(d))
        ft_qsbr_free_delayed(k, keys_free_memory);   // protects keys_lookup_lock_free() readers
    else
        ft_runtime_mem_free(k);
}

static inline void
dict_publish_keys(FtDictObject *d, FtDictKeys *k)
{
    // release: pairs with the acquire in dict_keys_acquire(): readers see the filled table.
    ft_atomic_store_ptr_release((void **)&d->ma_keys, k);
}

// The first slot on hash's probe sequence that holds no position (EMPTY or DUMMY).
static Ft_ssize
keys_find_empty_slot(FtDictKeys *k, Ft_hash hash)
{
    size_t mask = (size_t)keys_size(k) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    while (keys_get_index(k, (Ft_ssize)i) >= 0) {
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
    return (Ft_ssize)i;
}

// The slot that holds position ix on hash's probe sequence.
static Ft_ssize
keys_find_slot_of(FtDictKeys *k, Ft_hash hash, Ft_ssize ix)
{
    size_t mask = (size_t)keys_size(k) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        Ft_ssize cur = keys_get_index(k, (Ft_ssize)i);
        if (cur == ix)
            return (Ft_ssize)i;
        if (cur == INDEX_EMPTY)
            ft_fatal("dict: entry %zd missing from its index table", ix);
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// Moves d's live entries, in order, into a new table of 2**log2_size slots and publishes it.
static int
dict_resize_lock_held(FtDictObject *d, uint8_t log2_size)
{
    FT_ASSERT_LOCKED(d);
    FtDictKeys *old = d->ma_keys;
    FtDictKeys *k = keys_new(log2_size);
    if (k == NULL)
        return -1;
    FT_ASSERT(k->usable >= d->ma_used);
    FtDictEntry *src = keys_entries(old), *dst = keys_entries(k);
    Ft_ssize n = 0;
    for (Ft_ssize i = 0; i < old->nentries; i++) {
        FtObject *key = entry_key(&src[i]);
        if (key == NULL)
            continue;
        // Unpublished: plain stores would do; the fields are atomic, so relaxed ones.
        ft_atomic_store_ssize_relaxed(&dst[n].hash, entry_hash(&src[i]));
        ft_atomic_store_ptr_relaxed((void **)&dst[n].key, key);
        ft_atomic_store_ptr_relaxed((void **)&dst[n].value, entry_value(&src[i]));
        keys_set_index(k, keys_find_empty_slot(k, entry_hash(&src[i])), n);
        n++;
    }
    FT_ASSERT(n == d->ma_used);
    k->nentries = n;
    k->usable -= n;
    dict_publish_keys(d, k);
    keys_retire_lock_held(d, old);
    return 0;
}

// The invariants of the file block: the cheap ones in debug builds, the table scans only with
// FT_DEBUG_EXPENSIVE (they make every insertion O(n)).
static void
dict_check_consistency(FtDictObject *d)
{
    FtDictKeys *k = d->ma_keys;
    (void)k;   // unused when assertions are off
    FT_ASSERT(k->usable >= 0 && k->nentries + k->usable <= usable_fraction(keys_size(k)));
    FT_ASSERT(d->ma_used <= k->nentries);
#if defined(FT_DEBUG_EXPENSIVE)
    FtDictEntry *e = keys_entries(k);
    Ft_ssize live = 0, positions = 0;
    for (Ft_ssize i = 0; i < k->nentries; i++) {
        FT_ASSERT((entry_key(&e[i]) == NULL) == (entry_value(&e[i]) == NULL));
        live += entry_key(&e[i]) != NULL;
    }
    for (Ft_ssize i = 0; i < keys_size(k); i++)
        positions += keys_get_index(k, i) >= 0;
    FT_ASSERT(live == d->ma_used && positions == live);
#endif
}

/* --- Hashing and lookup --- */

static inline bool
str_exact(const FtObject *op)
{
    return op->ob_type == &ft_str_type;
}

static inline bool
str_is_interned(const FtObject *op)
{
    return ((const FtStrObject *)op)->interned != 0;
}

// hash(key), with the cached str hash as the fast path. -1 with an exception: a TypeError from
// hashing becomes TypeError "cannot use 'T' as a dict key (<message>)" (CPython 3.14's
// dict_unhashable_type); other exceptions pass through unchanged.
static Ft_hash
dict_hash_key(FtObject *key)
{
    if (str_exact(key))
        return ft_str_hash(key);
    Ft_hash hash = ft_object_hash(key);
    if (hash == -1) {
        FtObject *exc = ft_error_fetch_ref();
        if (exc != NULL && exc->ob_type == &ft_exc_type_error) {
            ft_error_format(&ft_exc_type_error, "cannot use '%T' as a dict key (%S)", key, exc);
            ft_decref(exc);
        } else if (exc != NULL) {
            ft_error_restore_steal(exc);
        }
    }
    return hash;
}

// The position of key's entry in d's current table, INDEX_EMPTY if absent, or INDEX_ERROR. May run
// __eq__, which may suspend the section: a table or entry changed meanwhile restarts the probe.
static Ft_ssize
dict_lookup_lock_held(FtDictObject *d, FtObject *key, Ft_hash hash)
{
    FT_ASSERT_LOCKED(d);
restart:;
    FtDictKeys *k = d->ma_keys;
    FtDictEntry *entries = keys_entries(k);
    size_t mask = (size_t)keys_size(k) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        Ft_ssize ix = keys_get_index(k, (Ft_ssize)i);
        if (ix == INDEX_EMPTY)
            return INDEX_EMPTY;
        if (ix >= 0) {
            FtDictEntry *e = &entries[ix];
            FtObject *start = entry_key(e);
            if (start == key)
                return ix;
            if (start != NULL && entry_hash(e) == hash) {
                // This thread compares the key, so its lock-free probes will want to take a
                // reference to it next time: make that possible (see mark_for_readers).
                mark_for_readers(start);
                if (str_exact(start) && str_exact(key)) {
                    if (ft_str_equal(start, key))
                        return ix;
                } else {
                    ft_incref(start);
                    int cmp = ft_object_rich_compare_bool(start, key, FT_EQ);
                    ft_decref(start);
                    if (cmp < 0)
                        return INDEX_ERROR;
                    if (k != d->ma_keys || entry_key(e) != start)
                        goto restart;
                    if (cmp > 0)
                        return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// The lock-free probe of k (FREE-THREADING.md 7.2). Returns the position, INDEX_EMPTY,
// INDEX_ERROR, or INDEX_KEY_CHANGED when a race (or a comparison that ran Python code while d
// changed) means the answer must come from the locked path.
static Ft_ssize
keys_lookup_lock_free(FtDictObject *d, FtDictKeys *k, FtObject *key, Ft_hash hash)
{
    FtDictEntry *entries = keys_entries(k);
    size_t mask = (size_t)keys_size(k) - 1;
    size_t perturb = (size_t)hash;
    size_t i = (size_t)hash & mask;
    for (;;) {
        Ft_ssize ix = keys_get_index(k, (Ft_ssize)i);
        if (ix == INDEX_EMPTY)
            return INDEX_EMPTY;
        if (ix >= 0) {
            FtDictEntry *e = &entries[ix];
            FtObject *start = entry_key(e);
            if (start == key)
                return ix;
            if (start != NULL && entry_hash(e) == hash) {
                if (str_exact(key) && str_is_interned(key) && start != key && str_exact(start) &&
                    str_is_interned(start)) {
                    // Two distinct interned strings are unequal; both are immortal.
                } else if (!ft_try_incref_compare(&e->key, start)) {
                    return INDEX_KEY_CHANGED;
                } else if (str_exact(start) && str_exact(key)) {
                    bool eq = ft_str_equal(start, key);
                    ft_decref(start);
                    if (eq)
                        return ix;
                } else {
                    int cmp = ft_object_rich_compare_bool(start, key, FT_EQ);
                    ft_decref(start);
                    if (cmp < 0)
                        return INDEX_ERROR;
                    if (dict_keys_acquire(d) != k || entry_key(e) != start)
                        return INDEX_KEY_CHANGED;
                    if (cmp > 0)
                        return ix;
                }
            }
        }
        perturb >>= PERTURB_SHIFT;
        i = (i * 5 + perturb + 1) & mask;
    }
}

// Looks key (with its hash) up in d: 1 with the value in *result, 0 absent, -1 error. The value
// is a new reference, except that when `uncounted` is not NULL a deferred or immortal value found on
// the lock-free path is returned without a count and *uncounted is set: such a value is never
// freed while a frame can hold it (only the cycle collector frees deferred objects, and it scans
// the frames). Lock-free when nothing races; otherwise under the critical section.
static int
dict_lookup_ref(FtDictObject *d, FtObject *key, Ft_hash hash, FtObject **result, bool *uncounted)
{
    *result = NULL;
    dict_ensure_shared_on_read(d);
    FtDictKeys *k = dict_keys_acquire(d);
    Ft_ssize ix = keys_lookup_lock_free(d, k, key, hash);
    if (ix == INDEX_ERROR)
        return -1;
    if (ix == INDEX_EMPTY) {
        if (dict_keys_acquire(d) == k)
            return 0;
    } else if (ix >= 0) {
        FtDictEntry *e = &keys_entries(k)[ix];
        // acquire: pairs with the release store of the value in dict_insert_lock_held().
        FtObject *v = (FtObject *)ft_atomic_load_ptr_acquire((void **)&e->value);
        if (uncounted != NULL && v != NULL &&
            (ft_object_is_immortal(v) || ft_object_has_deferred_refcount(v)) &&
            ft_atomic_load_ptr_acquire((void **)&e->value) == v && dict_keys_acquire(d) == k) {
            *result = v;
            *uncounted = true;
            return 1;
        }
        if (v != NULL && ft_try_incref_compare(&e->value, v)) {
            if (dict_keys_acquire(d) == k) {
                *result = v;
                return 1;
            }
            ft_decref(v);   // the table was replaced: the entry may be stale
        }
    }
    int r = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    ix = dict_lookup_lock_held(d, key, hash);
    if (ix == INDEX_ERROR) {
        r = -1;
    } else if (ix >= 0) {
        *result = new_ref_for_readers(entry_value(&keys_entries(d->ma_keys)[ix]));
        r = 1;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return r;
}

int
ft_dict_get_item_stackref(FtObject *dict, FtObject *key, FtStackRef *result)
{
    *result = FT_STACKREF_NULL;
    if (!ft_dict_check(dict)) {
        ft_error_bad_internal_call();
        return -1;
    }
    Ft_hash hash = dict_hash_key(key);
    if (hash == -1)
        return -1;
    FtObject *v = NULL;
    bool uncounted = false;
    int r = dict_lookup_ref((FtDictObject *)dict, key, hash, &v, &uncounted);
    if (r > 0)
        *result = uncounted ? ft_stackref_borrow_uncounted(v) : ft_stackref_from_ref_steal(v);
    return r;
}

/* --- Mutation (all under the critical section) --- */

// Stores key -> value (new references are taken). 0 or -1.
static int
dict_insert_lock_held(FtDictObject *d, FtObject *key, Ft_hash hash, FtObject *value)
{
    FT_ASSERT_LOCKED(d);
    Ft_ssize ix = dict_lookup_lock_held(d, key, hash);
    if (ix == INDEX_ERROR)
        return -1;
    if (ix >= 0) {
        FtDictEntry *e = &keys_entries(d->ma_keys)[ix];
        FtObject *old = entry_value(e);
        // release: pairs with the acquire in dict_lookup_ref(): the value's contents are visible.
        ft_atomic_store_ptr_release((void **)&e->value, new_ref_for_readers(value));
        ft_decref(old);
        return 0;
    }
    if (d->ma_keys->usable <= 0 &&
        dict_resize_lock_held(d, calculate_log2_keysize(d->ma_used * 3)) < 0)
        return -1;
    FtDictKeys *k = d->ma_keys;
    FtDictEntry *e = &keys_entries(k)[k->nentries];
    // relaxed: ordered before the index slot's release store below.
    ft_atomic_store_ssize_relaxed(&e->hash, hash);
    // release: pairs with the acquire in ft_try_incref_compare() of a reader that saw an older
    // entry at this position (after popitem) and re-checks the key.
    ft_atomic_store_ptr_release((void **)&e->key, new_ref_for_readers(key));
    // release: pairs with the acquire load of the value in dict_lookup_ref().
    ft_atomic_store_ptr_release((void **)&e->value, new_ref_for_readers(value));
    keys_set_index(k, keys_find_empty_slot(k, hash), k->nentries);
    k->nentries++;
    k->usable--;
    dict_set_used(d, d->ma_used + 1);
    return 0;
}

// Unlinks the entry at position ix (found for hash) and returns its key and value references in
// *key_out / *value_out, which the caller drops (after the section, when it can).
static void
dict_unlink_lock_held(FtDictObject *d, Ft_ssize ix, Ft_hash hash, FtObject **key_out,
                      FtObject **value_out)
{
    FT_ASSERT_LOCKED(d);
    FtDictKeys *k = d->ma_keys;
    FtDictEntry *e = &keys_entries(k)[ix];
    keys_set_index(k, keys_find_slot_of(k, hash, ix), INDEX_DUMMY);
    *key_out = entry_key(e);
    *value_out = entry_value(e);
    // release: a reader's ft_try_incref_compare() on either field sees NULL and backs out.
    ft_atomic_store_ptr_release((void **)&e->key, NULL);
    ft_atomic_store_ptr_release((void **)&e->value, NULL);
    dict_set_used(d, d->ma_used - 1);
}

// Swaps in the empty table and returns the old one (whose references the caller drops).
static FtDictKeys *
dict_detach_keys_lock_held(FtDictObject *d)
{
    FT_ASSERT_LOCKED(d);
    FtDictKeys *old = d->ma_keys;
    dict_publish_keys(d, EMPTY_KEYS);
    dict_set_used(d, 0);
    return old;
}

// Drops the references of a detached table's entries and retires it.
static void
keys_drop_lock_held(FtDictObject *d, FtDictKeys *k)
{
    FtDictEntry *e = keys_entries(k);
    for (Ft_ssize i = 0; i < k->nentries; i++) {
        ft_xdecref(entry_key(&e[i]));
        ft_xdecref(entry_value(&e[i]));
    }
    keys_retire_lock_held(d, k);
}

/* --- Internal API --- */

static FtObject *
dict_alloc(FtTypeObject *type)
{
    FtDictObject *d = (FtDictObject *)ft_object_new_of_type(type, 0);
    if (d == NULL)
        return NULL;
    d->ma_keys = EMPTY_KEYS;   // unpublished: plain stores
    d->ma_used = 0;
    return (FtObject *)d;
}

FtObject *
ft_dict_new_ref(void)
{
    return dict_alloc(&ft_dict_type);
}

int
ft_dict_get_item_ref(FtObject *dict, FtObject *key, FtObject **result)
{
    *result = NULL;
    if (!ft_dict_check(dict)) {
        ft_error_bad_internal_call();
        return -1;
    }
    Ft_hash hash = dict_hash_key(key);
    if (hash == -1)
        return -1;
    return dict_lookup_ref((FtDictObject *)dict, key, hash, result, NULL);
}

int
ft_dict_get_item_str_ref(FtObject *dict, const char *key, FtObject **result)
{
    *result = NULL;
    FtObject *k = ft_str_from_cstr_ref(key);
    if (k == NULL)
        return -1;
    int r = ft_dict_get_item_ref(dict, k, result);
    ft_decref(k);
    return r;
}

static int
dict_set_item_hashed(FtDictObject *d, FtObject *key, Ft_hash hash, FtObject *value)
{
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    r = dict_insert_lock_held(d, key, hash, value);
    dict_check_consistency(d);
    FT_END_CRITICAL_SECTION_OBJECT();
    return r;
}

int
ft_dict_set_item(FtObject *dict, FtObject *key, FtObject *value)
{
    if (!ft_dict_check(dict) || key == NULL || value == NULL) {
        ft_error_bad_internal_call();
        return -1;
    }
    Ft_hash hash = dict_hash_key(key);
    if (hash == -1)
        return -1;
    return dict_set_item_hashed((FtDictObject *)dict, key, hash, value);
}

int
ft_dict_set_item_str(FtObject *dict, const char *key, FtObject *value)
{
    // Interned, as CPython's PyDict_SetItemString: such keys are names, looked up again and again,
    // and immortal interned keys compare without a reference on the lock-free path.
    FtObject *k = ft_str_intern_cstr_ref(key);
    if (k == NULL)
        return -1;
    int r = ft_dict_set_item(dict, k, value);
    ft_decref(k);
    return r;
}

// Raises KeyError(key) with key as the single argument even when it is a tuple.
static void
set_key_error(FtObject *key)
{
    FtObject *args = ft_tuple_pack_ref(1, key);
    if (args == NULL)
        return;
    ft_error_set_object(&ft_exc_key_error, args);
    ft_decref(args);
}

// Removes key; 1 removed (old value in *value_out if not NULL, else dropped), 0 absent, -1 error.
static int
dict_pop_ref(FtDictObject *d, FtObject *key, FtObject **value_out)
{
    if (value_out != NULL)
        *value_out = NULL;
    Ft_hash hash = dict_hash_key(key);
    if (hash == -1)
        return -1;
    int r = 0;
    FtObject *old_key = NULL, *old_value = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    Ft_ssize ix = d->ma_used == 0 ? INDEX_EMPTY : dict_lookup_lock_held(d, key, hash);
    if (ix == INDEX_ERROR) {
        r = -1;
    } else if (ix >= 0) {
        dict_unlink_lock_held(d, ix, hash, &old_key, &old_value);
        r = 1;
    }
    dict_check_consistency(d);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old_key);
    if (value_out != NULL)
        *value_out = old_value;
    else
        ft_xdecref(old_value);
    return r;
}

int
ft_dict_del_item(FtObject *dict, FtObject *key)
{
    if (!ft_dict_check(dict)) {
        ft_error_bad_internal_call();
        return -1;
    }
    int r = dict_pop_ref((FtDictObject *)dict, key, NULL);
    if (r == 0) {
        set_key_error(key);
        return -1;
    }
    return r < 0 ? -1 : 0;
}

Ft_ssize
ft_dict_size(FtObject *dict)
{
    // relaxed: a snapshot; written under ob_mutex.
    return ft_atomic_load_ssize_relaxed(&((FtDictObject *)dict)->ma_used);
}

int
ft_dict_next(FtObject *dict, Ft_ssize *pos, FtObject **key, FtObject **value)
{
    FtDictObject *d = (FtDictObject *)dict;
    FT_ASSERT_LOCKED(d);
    FtDictKeys *k = d->ma_keys;
    FtDictEntry *e = keys_entries(k);
    Ft_ssize i = *pos;
    if (i < 0)
        return 0;
    while (i < k->nentries && entry_key(&e[i]) == NULL)
        i++;
    if (i >= k->nentries)
        return 0;
    *pos = i + 1;
    if (key != NULL)
        *key = entry_key(&e[i]);
    if (value != NULL)
        *value = entry_value(&e[i]);
    return 1;
}

int
ft_dict_prev(FtObject *dict, Ft_ssize *pos, FtObject **key, FtObject **value)
{
    FtDictObject *d = (FtDictObject *)dict;
    FT_ASSERT_LOCKED(d);
    FtDictKeys *k = d->ma_keys;
    FtDictEntry *e = keys_entries(k);
    Ft_ssize i = (*pos < k->nentries ? *pos : k->nentries) - 1;
    while (i >= 0 && entry_key(&e[i]) == NULL)
        i--;
    if (i < 0) {
        *pos = 0;
        return 0;
    }
    *pos = i;
    if (key != NULL)
        *key = entry_key(&e[i]);
    if (value != NULL)
        *value = entry_value(&e[i]);
    return 1;
}

void
ft_dict_clear(FtObject *dict)
{
    FT_ASSERT(ft_dict_check(dict));
    FtDictObject *d = (FtDictObject *)dict;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    FtDictKeys *old = dict_detach_keys_lock_held(d);
    keys_drop_lock_held(d, old);
    FT_END_CRITICAL_SECTION_OBJECT();
}

// Merges the dict o into d (both sections held), in o's order, presizing d once (CPython's
// dict_merge). A comparison may run Python code: o changing size meanwhile is an error.
static int
dict_merge_dict_lock_held(FtDictObject *d, FtDictObject *o, int override)
{
    FT_ASSERT_LOCKED(d);
    FT_ASSERT_LOCKED(o);
    if (o == d || o->ma_used == 0)
        return 0;
    if (usable_fraction(keys_size(d->ma_keys)) < o->ma_used &&
        dict_resize_lock_held(d, estimate_log2_keysize(d->ma_used + o->ma_used)) < 0)
        return -1;
    FtDictKeys *ok = o->ma_keys;
    Ft_ssize n = ok->nentries;
    for (Ft_ssize i = 0; i < n; i++) {
        FtDictEntry *e = &keys_entries(ok)[i];
        FtObject *key = entry_key(e);
        if (key == NULL)
            continue;
        FtObject *value = entry_value(e);
        Ft_hash hash = entry_hash(e);
        ft_incref(key);
        ft_incref(value);
        int r = 0;
        if (override == 1) {
            r = dict_insert_lock_held(d, key, hash, value);
        } else {
            Ft_ssize ix = dict_lookup_lock_held(d, key, hash);
            if (ix == INDEX_ERROR)
                r = -1;
            else if (ix == INDEX_EMPTY)
                r = dict_insert_lock_held(d, key, hash, value);
            else if (override == 2) {
                set_key_error(key);
                r = -1;
            }
        }
        ft_decref(key);
        ft_decref(value);
        if (r < 0)
            return -1;
        if (o->ma_keys != ok || ok->nentries != n) {
            ft_error_set_string(&ft_exc_runtime_error, "dict mutated during update");
            return -1;
        }
    }
    return 0;
}

// Iteration over any iterable: tuples by index, anything else through ft_object_get_iter_ref.
typedef struct {
    FtObject *seq;    // the tuple, borrowed, or NULL
    FtObject *iter;   // the iterator (strong), or NULL
    Ft_ssize index;
} IterState;

static int
iter_begin(IterState *it, FtObject *iterable)
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
static FtObject *
iter_next_ref(IterState *it)
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

static void
iter_end(IterState *it)
{
    ft_xdecref(it->iter);
}

// obj[key] through the mapping slot (TODO(#4): ft_object_get_item once the core has it).
static FtObject *
object_get_item_ref(FtObject *obj, FtObject *key)
{
    FtMappingMethods *m = obj->ob_type->tp_as_mapping;
    if (m == NULL || m->mp_subscript == NULL)
        return ft_error_format(&ft_exc_type_error, "'%.200s' object is not subscriptable",
                               obj->ob_type->tp_name);
    return m->mp_subscript(obj, key);
}

// Merges a mapping that is not a dict: for k in other.keys(): dict[k] = other[k].
static int
dict_merge_mapping(FtDictObject *d, FtObject *other, int override)
{
    FtObject *keys_meth = ft_object_get_attr_cstr_ref(other, "keys");
    if (keys_meth == NULL)
        return -1;
    FtObject *keys = ft_object_vectorcall_ref(keys_meth, NULL, 0, NULL);
    ft_decref(keys_meth);
    if (keys == NULL)
        return -1;
    IterState it;
    int r = iter_begin(&it, keys);
    ft_decref(keys);
    if (r < 0)
        return -1;
    FtObject *key;
    while ((key = iter_next_ref(&it)) != NULL) {
        if (override != 1) {
            FtObject *existing;
            int found = ft_dict_get_item_ref((FtObject *)d, key, &existing);
            ft_xdecref(existing);
            if (found != 0) {
                if (found > 0 && override == 2)
                    set_key_error(key);
                if (found < 0 || override == 2) {
                    ft_decref(key);
                    r = -1;
                    break;
                }
                ft_decref(key);
                continue;
            }
        }
        FtObject *value = object_get_item_ref(other, key);
        if (value == NULL || ft_dict_set_item((FtObject *)d, key, value) < 0)
            r = -1;
        ft_xdecref(value);
        ft_decref(key);
        if (r < 0)
            break;
    }
    if (r == 0 && ft_error_occurred())
        r = -1;
    iter_end(&it);
    return r;
}

int
ft_dict_merge(FtObject *dict, FtObject *other, int override)
{
    if (!ft_dict_check(dict) || other == NULL) {
        ft_error_bad_internal_call();
        return -1;
    }
    FtDictObject *d = (FtDictObject *)dict;
    if (!ft_dict_check_exact(other) &&
        !(ft_dict_check(other) && other->ob_type->tp_iter == ft_dict_type.tp_iter))
        return dict_merge_mapping(d, other, override);
    int r;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(d, other);
    r = dict_merge_dict_lock_held(d, (FtDictObject *)other, override);
    dict_check_consistency(d);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return r;
}

// dict.update's iterable-of-pairs form (CPython's PyDict_MergeFromSeq2).
static int
dict_merge_from_pairs(FtDictObject *d, FtObject *seq, int override)
{
    IterState it;
    if (iter_begin(&it, seq) < 0)
        return -1;
    int r = 0;
    FtObject *item;
    for (Ft_ssize i = 0; (item = iter_next_ref(&it)) != NULL; i++) {
        FtObject *pair[2] = {NULL, NULL};
        Ft_ssize n = -1;
        if (item->ob_type == &ft_tuple_type) {   // a subclass's __iter__ gives the pair
            n = ft_tuple_size(item);
            if (n == 2) {
                pair[0] = ft_new_ref(ft_tuple_get_item_borrow(item, 0));
                pair[1] = ft_new_ref(ft_tuple_get_item_borrow(item, 1));
            }
        } else {
            IterState inner;
            if (iter_begin(&inner, item) < 0) {
                // TODO(#4): add the note "Cannot convert dictionary update sequence element #i to
                // a sequence" once the core can attach notes to an exception.
                if (ft_error_matches(&ft_exc_type_error)) {
                    ft_error_clear();
                    ft_error_set_string(&ft_exc_type_error, "object is not iterable");
                }
                ft_decref(item);
                r = -1;
                break;
            }
            n = 0;
            FtObject *x;
            while ((x = iter_next_ref(&inner)) != NULL) {
                if (n < 2)
                    pair[n] = x;
                else
                    ft_decref(x);
                n++;
            }
            iter_end(&inner);
            if (ft_error_occurred())
                r = -1;
        }
        if (r == 0 && n != 2) {
            ft_error_format(&ft_exc_value_error,
                            "dictionary update sequence element #%zd has length %zd; 2 is required",
                            i, n);
            r = -1;
        }
        if (r == 0) {
            FtObject *existing = NULL;
            int found = override ? 0 : ft_dict_get_item_ref((FtObject *)d, pair[0], &existing);
            ft_xdecref(existing);
            if (found < 0 || (found == 0 && ft_dict_set_item((FtObject *)d, pair[0], pair[1]) < 0))
                r = -1;
        }
        ft_xdecref(pair[0]);
        ft_xdecref(pair[1]);
        ft_decref(item);
        if (r < 0)
            break;
    }
    if (r == 0 && ft_error_occurred())
        r = -1;
    iter_end(&it);
    return r;
}

FtObject *
ft_dict_copy_ref(FtObject *dict)
{
    if (!ft_dict_check(dict)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtObject *copy = ft_dict_new_ref();
    if (copy == NULL)
        return NULL;
    if (ft_dict_merge(copy, dict, 1) < 0) {
        ft_decref(copy);
        return NULL;
    }
    return copy;
}

/* --- Slots --- */

static void
dict_dealloc(FtObject *op)
{
    FtDictObject *d = (FtDictObject *)op;
    FtDictKeys *k = d->ma_keys;
    FtDictEntry *e = keys_entries(k);
    for (Ft_ssize i = 0; i < k->nentries; i++) {
        ft_xdecref(entry_key(&e[i]));
        ft_xdecref(entry_value(&e[i]));
    }
    // No reader can reach a dict whose count reached 0 through its ma_keys: free at once.
    if (!k->is_static)
        ft_runtime_mem_free(k);
    ft_object_free_memory(op);
}

static int
dict_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtDictKeys *k = ((FtDictObject *)op)->ma_keys;
    FtDictEntry *e = keys_entries(k);
    for (Ft_ssize i = 0; i < k->nentries; i++) {
        FtObject *key = entry_key(&e[i]);
        if (key == NULL)
            continue;
        int r = visit(key, arg);
        if (r == 0)
            r = visit(entry_value(&e[i]), arg);
        if (r != 0)
            return r;
    }
    return 0;
}

static int
dict_tp_clear(FtObject *op)
{
    ft_dict_clear(op);
    return 0;
}

// A growable array of str pieces joined at the end.
typedef struct {
    FtObject **items;
    Ft_ssize n, cap;
} Pieces;

static int
pieces_add_steal(Pieces *p, FtObject *s)
{
    if (s == NULL)
        return -1;
    if (p->n == p->cap) {
        Ft_ssize cap = p->cap ? p->cap * 2 : 16;
        FtObject **items = realloc(p->items, (size_t)cap * sizeof *items);
        if (items == NULL) {
            ft_decref(s);
            ft_error_no_memory();
            return -1;
        }
        p->items = items;
        p->cap = cap;
    }
    p->items[p->n++] = s;
    return 0;
}

static FtObject *
pieces_join_ref(Pieces *p, int ok)
{
    FtObject *res = NULL;
    if (ok) {
        FtObject *empty = ft_str_empty_ref();
        res = ft_str_join_ref(empty, p->items, p->n);
        ft_decref(empty);
    }
    for (Ft_ssize i = 0; i < p->n; i++)
        ft_decref(p->items[i]);
    free(p->items);
    return res;
}

static FtObject *
dict_repr(FtObject *op)
{
    FtDictObject *d = (FtDictObject *)op;
    FtReprFrame frame;
    if (ft_object_repr_enter(&frame, op))
        return ft_str_from_ascii_ref("{...}");
    Pieces p = {0};
    int ok = pieces_add_steal(&p, ft_str_from_ascii_ref("{")) == 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    Ft_ssize pos = 0;
    FtObject *key, *value;
    bool first = true;
    // The section may be suspended while a repr runs; ft_dict_next re-reads the table each step.
    while (ok && ft_dict_next(op, &pos, &key, &value)) {
        ft_incref(key);
        ft_incref(value);
        ok = (first || pieces_add_steal(&p, ft_str_from_ascii_ref(", ")) == 0) &&
             pieces_add_steal(&p, ft_object_repr_ref(key)) == 0 &&
             pieces_add_steal(&p, ft_str_from_ascii_ref(": ")) == 0 &&
             pieces_add_steal(&p, ft_object_repr_ref(value)) == 0;
        first = false;
        ft_decref(key);
        ft_decref(value);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ok = ok && pieces_add_steal(&p, ft_str_from_ascii_ref("}")) == 0;
    ft_object_repr_leave(&frame);
    return pieces_join_ref(&p, ok);
}

// a == b for two dicts: 1, 0 or -1 (CPython's dict_equal). Both sections held.
static int
dict_equal_lock_held(FtDictObject *a, FtDictObject *b)
{
    if (a->ma_used != b->ma_used)
        return 0;
    FtDictKeys *ak = a->ma_keys;
    for (Ft_ssize i = 0; i < ak->nentries; i++) {
        FtDictEntry *e = &keys_entries(ak)[i];
        FtObject *key = entry_key(e);
        if (key == NULL)
            continue;
        FtObject *aval = ft_new_ref(entry_value(e));
        ft_incref(key);
        Ft_ssize ix = dict_lookup_lock_held(b, key, entry_hash(e));
        int r;
        if (ix == INDEX_ERROR) {
            r = -1;
        } else if (ix == INDEX_EMPTY) {
            r = 0;
        } else {
            FtObject *bval = ft_new_ref(entry_value(&keys_entries(b->ma_keys)[ix]));
            r = ft_object_rich_compare_bool(aval, bval, FT_EQ);
            ft_decref(bval);
        }
        ft_decref(aval);
        ft_decref(key);
        if (r <= 0)
            return r;
        if (a->ma_keys != ak)
            ak = a->ma_keys;   // resized by a comparison: continue in the new table
    }
    return 1;
}

static FtObject *
dict_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!ft_dict_check(v) || !ft_dict_check(w) || (op != FT_EQ && op != FT_NE))
        return FT_NOT_IMPLEMENTED;
    int r;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(v, w);
    r = v == w ? 1 : dict_equal_lock_held((FtDictObject *)v, (FtDictObject *)w);
    FT_END_CRITICAL_SECTION2_OBJECT();
    if (r < 0)
        return NULL;
    return ft_bool_from((op == FT_EQ) == (r == 1));
}

static FtObject *
dict_iter(FtObject *op)
{
    return ft_dict_iter_new_ref(op, &ft_dict_keyiterator_type);
}

static Ft_ssize
dict_length(FtObject *op)
{
    return ft_dict_size(op);
}

static FtObject *missing_name;   // immutable after ft_dict_init_types: interned "__missing__"

static FtObject *
dict_subscript(FtObject *op, FtObject *key)
{
    FtObject *value;
    int r = ft_dict_get_item_ref(op, key, &value);
    if (r != 0)
        return r > 0 ? value : NULL;
    if (!ft_dict_check_exact(op)) {
        FtObject *missing = ft_type_lookup_borrow(op->ob_type, missing_name);
        if (missing != NULL) {
            FtObject *bound = missing->ob_type->tp_descr_get != NULL
                                  ? missing->ob_type->tp_descr_get(missing, op,
                                                                   (FtObject *)op->ob_type)
                                  : ft_new_ref(missing);
            if (bound == NULL)
                return NULL;
            FtObject *res = ft_object_vectorcall_ref(bound, &key, 1, NULL);
            ft_decref(bound);
            return res;
        }
    }
    set_key_error(key);
    return NULL;
}

static int
dict_ass_subscript(FtObject *op, FtObject *key, FtObject *value)
{
    if (value == NULL)
        return ft_dict_del_item(op, key);
    return ft_dict_set_item(op, key, value);
}

static int
dict_contains(FtObject *op, FtObject *key)
{
    FtObject *value;
    int r = ft_dict_get_item_ref(op, key, &value);
    ft_xdecref(value);
    return r;
}

// dict.update(E=None, /, **F) and dict(E=None, /, **F).
static int
dict_update_common(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
                   const char *name)
{
    if (nargs > 1) {
        ft_error_format(&ft_exc_type_error, "%s expected at most 1 argument, got %zd", name, nargs);
        return -1;
    }
    if (nargs == 1) {
        FtObject *arg = args[0];
        int r;
        if (ft_dict_check_exact(arg)) {
            r = ft_dict_merge(self, arg, 1);
        } else {
            FtObject *keys = NULL;
            FtObject *keys_name = ft_str_intern_cstr_ref("keys");
            if (keys_name == NULL)
                return -1;
            r = ft_object_lookup_attr(arg, keys_name, &keys);
            ft_decref(keys_name);
            ft_xdecref(keys);
            if (r > 0)
                r = ft_dict_merge(self, arg, 1);
            else if (r == 0)
                r = dict_merge_from_pairs((FtDictObject *)self, arg, 1);
        }
        if (r < 0)
            return -1;
    }
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    for (Ft_ssize i = 0; i < nkw; i++)
        if (ft_dict_set_item(self, ft_tuple_get_item_borrow(kwnames, i), args[nargs + i]) < 0)
            return -1;
    return 0;
}

static FtObject *
dict_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return dict_alloc(type);
}

static int
dict_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return dict_update_common(self, args, ft_vectorcall_nargs(nargsf), kwnames, "dict");
}

/* --- Methods --- */

// get(key, default=None, /)
static FtObject *
dict_get(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 2)
        return nargs < 1
                   ? ft_error_format(&ft_exc_type_error, "get expected at least 1 argument, got %zd",
                                     nargs)
                   : ft_error_format(&ft_exc_type_error, "get expected at most 2 arguments, got %zd",
                                     nargs);
    FtObject *value;
    int r = ft_dict_get_item_ref(self, args[0], &value);
    if (r < 0)
        return NULL;
    return r > 0 ? value : ft_new_ref(nargs == 2 ? args[1] : FT_NONE);
}

// setdefault(key, default=None, /)  @locked
static FtObject *
dict_setdefault(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 2)
        return nargs < 1 ? ft_error_format(&ft_exc_type_error,
                                           "setdefault expected at least 1 argument, got %zd", nargs)
                         : ft_error_format(&ft_exc_type_error,
                                           "setdefault expected at most 2 arguments, got %zd",
                                           nargs);
    FtDictObject *d = (FtDictObject *)self;
    FtObject *key = args[0], *dflt = nargs == 2 ? args[1] : FT_NONE;
    Ft_hash hash = dict_hash_key(key);
    if (hash == -1)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    Ft_ssize ix = dict_lookup_lock_held(d, key, hash);
    if (ix >= 0)
        res = new_ref_for_readers(entry_value(&keys_entries(d->ma_keys)[ix]));
    else if (ix == INDEX_EMPTY && dict_insert_lock_held(d, key, hash, dflt) == 0)
        res = ft_new_ref(dflt);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// pop(key, default=<unrepresentable>, /)
static FtObject *
dict_pop(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 2)
        return nargs < 1
                   ? ft_error_format(&ft_exc_type_error, "pop expected at least 1 argument, got %zd",
                                     nargs)
                   : ft_error_format(&ft_exc_type_error, "pop expected at most 2 arguments, got %zd",
                                     nargs);
    FtObject *value = NULL;
    // An empty dict answers before hashing the key (as CPython: {}.pop([]) raises KeyError).
    int r = ft_dict_size(self) == 0 ? 0 : dict_pop_ref((FtDictObject *)self, args[0], &value);
    if (r < 0)
        return NULL;
    if (r > 0)
        return value;
    if (nargs == 2)
        return ft_new_ref(args[1]);
    set_key_error(args[0]);
    return NULL;
}

// popitem()  @locked: removes and returns the last (key, value) pair (LIFO).
static FtObject *
dict_popitem(FtObject *self)
{
    FtDictObject *d = (FtDictObject *)self;
    FtObject *res = ft_tuple_new_ref(2);   // allocated first: nothing can fail after the unlink
    if (res == NULL)
        return NULL;
    FtObject *key = NULL, *value = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(d);
    if (d->ma_used > 0) {
        FtDictKeys *k = d->ma_keys;
        Ft_ssize i = k->nentries - 1;
        while (i >= 0 && entry_key(&keys_entries(k)[i]) == NULL)
            i--;
        FT_ASSERT(i >= 0);
        dict_unlink_lock_held(d, i, entry_hash(&keys_entries(k)[i]), &key, &value);
        k->nentries = i;   // the tail is free again (CPython does the same)
        dict_check_consistency(d);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (key == NULL) {
        ft_decref(res);
        return ft_error_format(&ft_exc_key_error, "popitem(): dictionary is empty");
    }
    ft_tuple_set_item_steal_unlocked(res, 0, key);
    ft_tuple_set_item_steal_unlocked(res, 1, value);
    return res;
}

static FtObject *
dict_keys_method(FtObject *self)
{
    return ft_dict_view_new_ref(self, &ft_dict_keys_type);
}

static FtObject *
dict_values_method(FtObject *self)
{
    return ft_dict_view_new_ref(self, &ft_dict_values_type);
}

static FtObject *
dict_items_method(FtObject *self)
{
    return ft_dict_view_new_ref(self, &ft_dict_items_type);
}

// update(E=None, /, **F)
static FtObject *
dict_update(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    if (dict_update_common(self, args, nargs, kwnames, "update") < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *
dict_clear_method(FtObject *self)
{
    ft_dict_clear(self);
    return ft_none_ref();
}

static FtObject *
dict_copy_method(FtObject *self)
{
    return ft_dict_copy_ref(self);
}

// fromkeys(iterable, value=None, /), a class method.
static FtObject *
dict_fromkeys(FtObject *cls, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 2)
        return nargs < 1 ? ft_error_format(&ft_exc_type_error,
                                           "fromkeys expected at least 1 argument, got %zd", nargs)
                         : ft_error_format(&ft_exc_type_error,
                                           "fromkeys expected at most 2 arguments, got %zd", nargs);
    FtObject *value = nargs == 2 ? args[1] : FT_NONE;
    FtObject *d = ft_object_vectorcall_ref(cls, NULL, 0, NULL);
    if (d == NULL)
        return NULL;
    // Only an exact dict is filled directly: a subclass's __setitem__ (or whatever the class
    // returned) sees every key, as in CPython.
    bool exact = ft_dict_check_exact(d);
    IterState it;
    if (iter_begin(&it, args[0]) < 0) {
        ft_decref(d);
        return NULL;
    }
    FtObject *key;
    int r = 0;
    while ((key = iter_next_ref(&it)) != NULL) {
        r = exact ? ft_dict_set_item(d, key, value) : ft_object_set_item(d, key, value);
        ft_decref(key);
        if (r < 0)
            break;
    }
    iter_end(&it);
    if (r < 0 || ft_error_occurred()) {
        ft_decref(d);
        return NULL;
    }
    return d;
}

static FtObject *
dict_contains_method(FtObject *self, FtObject *key)
{
    int r = dict_contains(self, key);
    return r < 0 ? NULL : ft_bool_from(r);
}

static FtObject *
dict_getitem_method(FtObject *self, FtObject *key)
{
    return dict_subscript(self, key);
}

// __sizeof__(): the object plus its keys object when it has one of its own. The fields read are
// immutable in a keys object, and the section keeps it from being retired meanwhile.
static FtObject *
dict_sizeof_method(FtObject *self)
{
    size_t size = (size_t)self->ob_type->tp_basicsize;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtDictKeys *k = dict_keys_acquire((FtDictObject *)self);
    if (!k->is_static)
        size += sizeof(FtDictKeys) + ((size_t)1 << k->log2_index_bytes) +
                (size_t)usable_fraction((Ft_ssize)1 << k->log2_size) * sizeof(FtDictEntry);
    FT_END_CRITICAL_SECTION();
    return ft_int_from_int64_ref((int64_t)size);
}

/* --- Type object --- */

// __reversed__()
static FtObject *
dict_reversed_method(FtObject *self)
{
    return ft_dict_reversed_ref(self, 0);
}

// d | other: a copy of d updated from other (both dicts, else NotImplemented).
static FtObject *
dict_or(FtObject *self, FtObject *other)
{
    if (!ft_dict_check(self) || !ft_dict_check(other))
        return FT_NOT_IMPLEMENTED;
    FtObject *res = ft_dict_copy_ref(self);
    if (res == NULL)
        return NULL;
    if (ft_dict_merge(res, other, 1) < 0) {
        ft_decref(res);
        return NULL;
    }
    return res;
}

// d |= other: d.update(other) (any mapping or iterable of pairs), then d.
static FtObject *
dict_ior(FtObject *self, FtObject *other)
{
    if (dict_update_common(self, &other, 1, NULL, "update") < 0)
        return NULL;
    return ft_new_ref(self);
}

static FtNumberMethods dict_as_number = {
    .nb_or = dict_or,
    .nb_inplace_or = dict_ior,
};

static const FtMethodDef dict_methods[] = {
    {"__reversed__", {.noargs = dict_reversed_method}, FT_METH_NOARGS,
     "Return a reverse iterator over the dict keys."},
    {"__contains__", {.o = dict_contains_method}, FT_METH_O | FT_METH_COEXIST,
     "True if the dictionary has the specified key, else False."},
    {"__getitem__", {.o = dict_getitem_method}, FT_METH_O | FT_METH_COEXIST, "Return self[key]."},
    {"__sizeof__", {.noargs = dict_sizeof_method}, FT_METH_NOARGS,
     "Return the size of the dict in memory, in bytes."},
    {"get", {.fast = dict_get}, FT_METH_FASTCALL,
     "Return the value for key if key is in the dictionary, else default."},
    {"setdefault", {.fast = dict_setdefault}, FT_METH_FASTCALL,
     "Insert key with a value of default if key is not in the dictionary.\n\n"
     "Return the value for key if key is in the dictionary, else default."},
    {"pop", {.fast = dict_pop}, FT_METH_FASTCALL,
     "D.pop(k[,d]) -> v, remove specified key and return the corresponding value.\n\n"
     "If the key is not found, return the default if given; otherwise,\nraise a KeyError."},
    {"popitem", {.noargs = dict_popitem}, FT_METH_NOARGS,
     "Remove and return a (key, value) pair as a 2-tuple.\n\n"
     "Pairs are returned in LIFO (last-in, first-out) order.\n"
     "Raises KeyError if the dict is empty."},
    {"keys", {.noargs = dict_keys_method}, FT_METH_NOARGS,
     "Return a set-like object providing a view on the dict's keys."},
    {"items", {.noargs = dict_items_method}, FT_METH_NOARGS,
     "Return a set-like object providing a view on the dict's items."},
    {"values", {.noargs = dict_values_method}, FT_METH_NOARGS,
     "Return an object providing a view on the dict's values."},
    {"update", {.fast_kw = dict_update}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "D.update([E, ]**F) -> None.  Update D from mapping/iterable E and F."},
    {"fromkeys", {.fast = dict_fromkeys}, FT_METH_FASTCALL | FT_METH_CLASS,
     "Create a new dictionary with keys from iterable and values set to value."},
    {"clear", {.noargs = dict_clear_method}, FT_METH_NOARGS, "Remove all items from the dict."},
    {"copy", {.noargs = dict_copy_method}, FT_METH_NOARGS,
     "Return a shallow copy of the dict."},
    {NULL, {NULL}, 0, NULL},
};

static FtSequenceMethods dict_as_sequence = {
    .sq_contains = dict_contains,
};

static FtMappingMethods dict_as_mapping = {
    .mp_length = dict_length,
    .mp_subscript = dict_subscript,
    .mp_ass_subscript = dict_ass_subscript,
};

FtTypeObject ft_dict_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "dict",
    .tp_basicsize = sizeof(FtDictObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_DICT_SUBCLASS,
    .tp_dealloc = dict_dealloc,
    .tp_traverse = dict_traverse,
    .tp_clear = dict_tp_clear,
    .tp_repr = dict_repr,
    .tp_richcompare = dict_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = dict_iter,
    .tp_init = dict_init,
    .tp_new = dict_new,
    .tp_as_number = &dict_as_number,
    .tp_as_sequence = &dict_as_sequence,
    .tp_as_mapping = &dict_as_mapping,
    .tp_methods = dict_methods,
    .tp_doc = "dict() -> new empty dictionary\n"
              "dict(mapping) -> new dictionary initialized from a mapping object's\n"
              "    (key, value) pairs\n"
              "dict(iterable) -> new dictionary initialized as if via:\n"
              "    d = {}\n"
              "    for k, v in iterable:\n"
              "        d[k] = v\n"
              "dict(**kwargs) -> new dictionary initialized with the name=value pairs\n"
              "    in the keyword argument list.  For example:  dict(one=1, two=2)",
};

int
ft_dict_init_types(void)
{
    if (missing_name == NULL) {
        missing_name = ft_str_intern_cstr_ref("__missing__");
        if (missing_name == NULL)
            return -1;
    }
    if (ft_type_ready(&ft_dict_type) < 0)
        return -1;
    return ft_dict_views_init_types();
}

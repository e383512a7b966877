// objects/set_internal.h: what objects/set.c (the hash table, the public API, slots, types and the
// iterator) shares with objects/set_ops.c (the set algebra, comparisons, number slots and methods).
// Private to those two files.
//
// Lock convention: a _lock_held function needs the critical section of every set it reads or
// writes (FT_ASSERT_LOCKED checks the first), except sets the caller just created and has not
// published. Functions that may compare keys can run Python code, which may suspend the section:
// they re-validate the table themselves, so callers only re-read sizes afterwards.
#ifndef FT_OBJECTS_SET_INTERNAL_H
#define FT_OBJECTS_SET_INTERNAL_H

#include <stdbool.h>   // bool

#include "objects/method_def.h"   // FtMethodDef
#include "objects/set.h"          // FtSetObject FtSetEntry ft_set_type ft_frozenset_type
#include "runtime/object.h"       // FtObject FtNumberMethods
#include "sync/atomic.h"          // ft_atomic_*

#define SET(op) ((FtSetObject *)(op))

// Results of ft_set_discard_entry_lock_held (besides -1).
#define FT_SET_DISCARD_NOTFOUND 0
#define FT_SET_DISCARD_FOUND 1

// The deleted-entry marker (objects/set.c): a static object never exposed or reference counted.
extern FtObject ft_set_dummy_struct;
#define FT_SET_DUMMY (&ft_set_dummy_struct)

static inline Ft_ssize
set_used(FtSetObject *so)
{
    // relaxed: len() is a snapshot; writers read it under ob_mutex.
    return ft_atomic_load_ssize_relaxed(&so->used);
}

static inline void
set_used_store_lock_held(FtSetObject *so, Ft_ssize n)
{
    // relaxed: only len() reads it without the lock, and it needs no ordering with the table.
    ft_atomic_store_ssize_relaxed(&so->used, n);
}

static inline Ft_hash
set_hash_load(FtSetObject *so)
{
    // relaxed: the cached hash is a pure function of an immutable frozenset.
    return ft_atomic_load_ssize_relaxed(&so->hash);
}

static inline void
set_hash_store(FtSetObject *so, Ft_hash h)
{
    // relaxed: racing writers store the same value.
    ft_atomic_store_ssize_relaxed(&so->hash, h);
}

static inline bool
set_is_exact_frozenset(FtObject *op)
{
    return op->ob_type == &ft_frozenset_type;
}

// The table (objects/set.c). Entry-level functions take the key's precomputed hash.

// The next active entry at or after *pos, advancing *pos past it: 1, or 0 at the end.
int ft_set_next_lock_held(FtSetObject *so, Ft_ssize *pos, FtSetEntry **entry_out);
// 1 / 0 / -1.
int ft_set_contains_entry_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash);
int ft_set_contains_key_lock_held(FtSetObject *so, FtObject *key);
// Adds key (taking a new reference) unless present: 0 or -1.
int ft_set_add_entry_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash);
// FT_SET_DISCARD_FOUND / FT_SET_DISCARD_NOTFOUND / -1.
int ft_set_discard_entry_lock_held(FtSetObject *so, FtObject *key, Ft_hash hash);
int ft_set_discard_key_lock_held(FtSetObject *so, FtObject *key);
void ft_set_clear_lock_held(FtSetObject *so);
// Rebuilds the table at the smallest power-of-two size > minused: 0 or -1 (MemoryError).
int ft_set_table_resize_lock_held(FtSetObject *so, Ft_ssize minused);
// so |= other for a set/frozenset other (both sections held): 0 or -1.
int ft_set_merge_lock_held(FtSetObject *so, FtSetObject *other);
// so |= any iterable; both sections held when other is a set or a dict.
int ft_set_update_lock_held(FtSetObject *so, FtObject *other);
// As above for an unpublished so: locks only other (when it is a set or a dict).
int ft_set_update_local(FtSetObject *so, FtObject *other);
// As above for a published so: takes the sections itself.
int ft_set_update_internal(FtSetObject *so, FtObject *other);
// A new empty set (or frozenset, for frozenset types) filled from iterable (NULL: none); subclass
// types give their base type. New reference or NULL.
FtObject *ft_set_new_basetype_ref(FtTypeObject *type, FtObject *iterable);

// Iteration over any iterable: tuples by index, others through tp_iter/tp_iternext (TODO(#4):
// objects/abstract.h's ft_object_get_iter_ref).
typedef struct {
    FtObject *seq;    // a tuple walked by index, or NULL
    FtObject *iter;   // an iterator, or NULL
    Ft_ssize index;
} FtSetIterableState;

// 0, or -1 with TypeError "'T' object is not iterable".
int ft_set_iterable_begin(FtSetIterableState *it, FtObject *iterable);
// The next item (new reference), or NULL at the end (no exception) or on error (exception set).
FtObject *ft_set_iterable_next_ref(FtSetIterableState *it);
void ft_set_iterable_end(FtSetIterableState *it);

// The algebra (objects/set_ops.c), used by the type objects in objects/set.c.
extern FtNumberMethods ft_set_as_number;
extern FtNumberMethods ft_frozenset_as_number;
extern const FtMethodDef ft_set_methods[];
extern const FtMethodDef ft_frozenset_methods[];
FtObject *ft_set_richcompare(FtObject *v, FtObject *w, int op);

#endif // FT_OBJECTS_SET_INTERNAL_H

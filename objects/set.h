// objects/set.h: set, frozenset and set_iterator (CPython's Objects/setobject.c).
//
// Both types share one layout, FtSetObject: an open-addressing hash table of (key, hash) entries
// probed as CPython probes it (LINEAR_PROBES neighbours, then the perturbed recurrence), with the
// same fill/resize policy and dummy entries, so iteration order and repr match CPython 3.14 for the
// same sequence of operations.
//
// Concurrency: a set is a mutable container protected by its ob_mutex through critical sections
// (runtime/object_lock.h); every function below that reads or writes a set's table takes that
// section itself unless its name says _lock_held. len() is a lock-free relaxed read. A frozenset is
// immutable once published: only its cached hash is written afterwards (relaxed; every thread
// computes the same value). Two-set operations take the two-object critical section.
#ifndef FT_OBJECTS_SET_H
#define FT_OBJECTS_SET_H

#include <stdbool.h>   // bool

#include "objects/type.h"     // ft_type_is_subtype
#include "runtime/object.h"   // FtObject FtTypeObject Ft_hash Ft_ssize

// Slots in a table that lives inside the object (CPython's PySet_MINSIZE).
#define FT_SET_MINSIZE 8

typedef struct FtSetEntry {
    FtObject *key;   // NULL: never used; the dummy sentinel: deleted; else a strong reference
    Ft_hash hash;    // the key's hash; -1 for a dummy, 0 for a never-used slot
} FtSetEntry;

// Invariants (under ob_mutex): mask + 1 is a power of two >= FT_SET_MINSIZE; table has mask + 1
// entries and is smalltable exactly when mask + 1 == FT_SET_MINSIZE; 0 <= used <= fill <= mask;
// fill - used == the number of dummy entries; fill * 5 < mask * 3 after every insertion returns
// (so a search always ends at a never-used slot).
typedef struct FtSetObject {
    FtObject ob_base;
    Ft_ssize fill;                        // guarded_by(ob_mutex): active + dummy entries
    Ft_ssize used;                        // atomic: written under ob_mutex, read lock-free (len)
    Ft_ssize mask;                        // guarded_by(ob_mutex): table size - 1
    FtSetEntry *table;                    // guarded_by(ob_mutex): smalltable or a heap block
    Ft_hash hash;                         // atomic: relaxed; frozenset hash cache, -1 if unknown
    Ft_ssize finger;                      // guarded_by(ob_mutex): where pop() starts its search
    FtSetEntry smalltable[FT_SET_MINSIZE];   // guarded_by(ob_mutex)
} FtSetObject;

extern FtTypeObject ft_set_type;
extern FtTypeObject ft_frozenset_type;
extern FtTypeObject ft_set_iter_type;   // set_iterator

// Type tests (any thread; types are immutable after start-up).
static inline bool
ft_set_check(const FtObject *op)
{
    return op->ob_type == &ft_set_type || ft_type_is_subtype(op->ob_type, &ft_set_type);
}

static inline bool
ft_frozenset_check(const FtObject *op)
{
    return op->ob_type == &ft_frozenset_type ||
           ft_type_is_subtype(op->ob_type, &ft_frozenset_type);
}

static inline bool
ft_anyset_check(const FtObject *op)
{
    return ft_set_check(op) || ft_frozenset_check(op);
}

// set(iterable) / frozenset(iterable) (iterable NULL: empty). New reference, or NULL with an
// exception (TypeError for an unhashable element or a non-iterable). Takes iterable's critical
// section when it is a set or a dict; any other iterable is read through the iterator protocol.
FtObject *ft_set_new_ref(FtObject *iterable);
FtObject *ft_frozenset_new_ref(FtObject *iterable);

// len(set) for a set or frozenset. Lock-free snapshot; never fails.
Ft_ssize ft_set_size(FtObject *set);

// set.add(key): 0, or -1 with an exception. Critical section on set (a set, not a frozenset,
// unless the caller is building an unpublished frozenset).
int ft_set_add(FtObject *set, FtObject *key);

// key in set (set or frozenset; a set key is looked up as a frozenset): 1, 0, or -1.
int ft_set_contains(FtObject *set, FtObject *key);

// set.discard(key): 1 if it was present, 0 if not, -1 on error. Critical section.
int ft_set_discard(FtObject *set, FtObject *key);

// set.pop(): a new reference, or NULL with KeyError "pop from an empty set". Critical section.
FtObject *ft_set_pop_ref(FtObject *set);

// set.clear(). Critical section; never fails.
void ft_set_clear(FtObject *set);

// set.update(iterable): 0, or -1 with an exception. Locks both when iterable is a set or dict.
int ft_set_update(FtObject *set, FtObject *iterable);

// Readies set, frozenset and set_iterator. Start-up only (single thread); TODO(#4): called from
// ft_objects_init (objects/object.c). Returns 0, or -1 with an exception.
int ft_set_init_types(void);

#endif // FT_OBJECTS_SET_H

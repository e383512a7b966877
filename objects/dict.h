// objects/dict.h: dict (CPython's Objects/dictobject.c): a compact, insertion-ordered hash table
// with lock-free lookups; and its views and iterators (objects/dict_views.c).
//
// Concurrency (details in objects/dict.c's file block): lookups (ft_dict_get_item_ref, `in`,
// d[k], len) take no lock on the fast path; every mutation holds the dict's critical section
// (ob_mutex) for its whole body; iteration by position (ft_dict_next) needs the caller to hold it.
// Every function needs an attached thread state and may be called from any such thread.
#ifndef FT_OBJECTS_DICT_H
#define FT_OBJECTS_DICT_H

#include <stdbool.h>   // bool

#include "runtime/stackref.h"   // FtStackRef
#include "runtime/object.h"   // FtObject FtTypeObject Ft_ssize Ft_hash FT_TPFLAGS_DICT_SUBCLASS

// The keys object (the index table and the entries); private to objects/dict.c.
typedef struct FtDictKeys FtDictKeys;

typedef struct FtDictObject {
    FtObject ob_base;
    Ft_ssize ma_used;       // atomic: written under ob_mutex, read lock-free (len)
    FtDictKeys *ma_keys;    // atomic: replaced under ob_mutex with a release store, read lock-free
                            // with acquire; the old one is retired through QSBR once FT_GC_SHARED
} FtDictObject;

extern FtTypeObject ft_dict_type;
extern FtTypeObject ft_dict_keys_type;     // dict_keys
extern FtTypeObject ft_dict_values_type;   // dict_values
extern FtTypeObject ft_dict_items_type;    // dict_items
extern FtTypeObject ft_dict_keyiterator_type;
extern FtTypeObject ft_dict_valueiterator_type;
extern FtTypeObject ft_dict_itemiterator_type;

// True for dict and its subclasses.
static inline bool
ft_dict_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_DICT_SUBCLASS) != 0;
}

static inline bool
ft_dict_check_exact(const FtObject *op)
{
    return op->ob_type == &ft_dict_type;
}

// A new empty dict, or NULL with MemoryError. Any thread.
FtObject *ft_dict_new_ref(void);

// Looks key up: 1 with a new reference in *result, 0 (absent, *result NULL), or -1 with an
// exception (hashing or comparing failed; TypeError "unhashable type: 'T'"). No KeyError, and no
// __missing__. Lock-free on the fast path; may run the key's __hash__ and __eq__.
int ft_dict_get_item_ref(FtObject *dict, FtObject *key, FtObject **result);

// As ft_dict_get_item_ref with a NUL-terminated UTF-8 key.
int ft_dict_get_item_str_ref(FtObject *dict, const char *key, FtObject **result);

// As ft_dict_get_item_ref, for the eval loop's stack: a value with deferred reference counting
// (functions, classes, modules) or an immortal one is returned as an uncounted stack ref, so that
// threads loading the same global never write its reference count. 1 found, 0 absent, -1 error.
int ft_dict_get_item_stackref(FtObject *dict, FtObject *key, FtStackRef *result);

// dict[key] = value. Takes new references to key and value (steals nothing). 0, or -1 with an
// exception. Takes the dict's critical section.
int ft_dict_set_item(FtObject *dict, FtObject *key, FtObject *value);

// As ft_dict_set_item with a NUL-terminated UTF-8 key, which is interned.
int ft_dict_set_item_str(FtObject *dict, const char *key, FtObject *value);

// del dict[key]: 0, or -1 with KeyError(key) when absent (or another exception). Critical section.
int ft_dict_del_item(FtObject *dict, FtObject *key);

// len(dict). Lock-free (a snapshot). Never fails.
Ft_ssize ft_dict_size(FtObject *dict);

// Iteration by position. *pos starts at 0; returns 1 and sets *key / *value (borrowed; either may
// be NULL when not wanted) to the next live entry, or 0 at the end. The caller holds the dict's
// critical section (FT_BEGIN_CRITICAL_SECTION_OBJECT(dict)) for as long as it uses the borrowed
// references, and re-validates if it runs code that may mutate the dict (the section may be
// suspended). Never fails.
int ft_dict_next(FtObject *dict, Ft_ssize *pos, FtObject **key, FtObject **value);

// Merges other (a dict or a mapping with keys() and __getitem__) into dict. override: 1 replaces
// existing keys (dict.update), 0 keeps them, 2 raises KeyError(key) on a duplicate. 0, or -1 with an
// exception (RuntimeError "dict mutated during update" when other changes size meanwhile). Locks both
// dicts when other is a dict.
int ft_dict_merge(FtObject *dict, FtObject *other, int override);

// A shallow copy (a new dict with the same items in the same order), or NULL with an exception.
// Takes the source dict's critical section.
FtObject *ft_dict_copy_ref(FtObject *dict);

// Removes every item. Critical section; the dropped references are released after the table is
// swapped out, so their destructors see an empty dict.
void ft_dict_clear(FtObject *dict);

// Readies dict, the views and their iterators. Call once during start-up (TODO(#4): from
// ft_objects_init, which lives in objects/object.c). Returns 0, or -1 with an exception.
int ft_dict_init_types(void);

// Internal to dict.c and dict_views.c.

// The views' constructors: a new view of dict (type one of the three view types), or NULL.
FtObject *ft_dict_view_new_ref(FtObject *dict, FtTypeObject *type);

// A new iterator over dict (type one of the three iterator types), or NULL.
FtObject *ft_dict_iter_new_ref(FtObject *dict, FtTypeObject *type);

// ft_dict_next backwards: *pos starts at FT_DICT_POS_END; 1 with borrowed *key/*value (either may
// be NULL) for the previous live entry, 0 when none is left. Same locking rule as ft_dict_next.
#define FT_DICT_POS_END ((Ft_ssize)(~(size_t)0 >> 1))
int ft_dict_prev(FtObject *dict, Ft_ssize *pos, FtObject **key, FtObject **value);

// reversed(dict) / reversed(view): which is 0 (keys), 1 (values) or 2 (items). A new reverse
// iterator (dict_reversekeyiterator, ...) or NULL. Takes the dict's section.
FtObject *ft_dict_reversed_ref(FtObject *dict, int which);
extern FtTypeObject ft_dict_revkeyiterator_type;
extern FtTypeObject ft_dict_revvalueiterator_type;
extern FtTypeObject ft_dict_revitemiterator_type;


// Readies the view and iterator types (objects/dict_views.c). Part of ft_dict_init_types.
int ft_dict_views_init_types(void);

#endif // FT_OBJECTS_DICT_H

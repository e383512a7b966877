// objects/list.h: list (CPython's Objects/listobject.c), with lock-free item reads
// (FREE-THREADING.md section 7.1).
//
// The items live in an FtListArray whose header word carries its capacity, so a reader that loaded
// the array pointer without the list's lock knows the bounds of the array it actually holds. Writers
// take the list's critical section; readers of one item (ft_list_get_item_ref, list[i], iteration,
// `in`) take no lock on the fast path. Every function needs an attached thread state; "any thread"
// below means any attached thread holding a reference to the list.
#ifndef FT_OBJECTS_LIST_H
#define FT_OBJECTS_LIST_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtVarObject FtTypeObject Ft_ssize

// The item storage. An array is reachable by lock-free readers from the moment it is published in
// FtListObject.ob_item until a QSBR grace period after it was replaced.
typedef struct FtListArray {
    Ft_ssize allocated;   // immutable after publish: the number of slots in items
    FtObject *items[];    // atomic: written under the list's ob_mutex (release), read lock-free;
                          // slots >= the list's size are NULL or hold a reference the list owns
                          // elsewhere (never a reference it already dropped)
} FtListArray;

// ob_size (in ob_base) is atomic: written under ob_mutex with relaxed stores, read lock-free.
typedef struct FtListObject {
    FtVarObject ob_base;
    FtObject **ob_item;   // atomic: the items of an FtListArray or NULL; written under ob_mutex
                          // with release, read lock-free with acquire
    Ft_ssize allocated;   // guarded_by(ob_mutex): the capacity of ob_item's array, 0 when NULL,
                          // -1 while a sort owns the items
} FtListObject;

extern FtTypeObject ft_list_type;
extern FtTypeObject ft_list_iter_type;           // list_iterator
extern FtTypeObject ft_list_reverse_iter_type;   // list_reverseiterator

static inline bool
ft_list_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_LIST_SUBCLASS) != 0;
}

static inline bool
ft_list_check_exact(const FtObject *op)
{
    return op->ob_type == &ft_list_type;
}

// len(list): a relaxed snapshot that may be stale at once. Any thread, lock-free.
Ft_ssize ft_list_size(FtObject *list);

// The capacity of the list's current array (what sys.getsizeof reports, in slots). Any thread;
// takes the list's critical section.
Ft_ssize ft_list_capacity(FtObject *list);

// A new list of size NULL slots when size > 0 to be filled with ft_list_set_item_steal before the
// list is published (CPython's PyList_New). Returns a new reference or NULL with an exception.
FtObject *ft_list_new_ref(Ft_ssize size);

// list[i] for 0 <= i (no negative-index wrapping): a new reference, or NULL with IndexError "list
// index out of range". Any thread, lock-free on the fast path (falls back to the critical section).
FtObject *ft_list_get_item_ref(FtObject *list, Ft_ssize i);

// list[i] = item, stealing item (also on failure: IndexError "list assignment index out of range").
// A slot still NULL (a fresh list) is filled. Returns 0 or -1. Any thread; takes the section.
int ft_list_set_item_steal(FtObject *list, Ft_ssize i, FtObject *item);

// list.append(item) (a new reference is taken). Returns 0 or -1. Any thread; takes the section.
int ft_list_append(FtObject *list, FtObject *item);

// list.insert(where, item), where clamped as CPython's ins1. Returns 0 or -1. Takes the section.
int ft_list_insert(FtObject *list, Ft_ssize where, FtObject *item);

// list.extend(iterable) for any iterable: a list under a two-object section (extending a list by
// itself doubles it), a tuple directly, anything else through its iterator (length hint first, as
// CPython) with the list's section taken per item and never held across next(), which may run
// Python code. TypeError "'T' object is not iterable". Returns 0 or -1.
int ft_list_extend(FtObject *list, FtObject *iterable);

// tuple(list): a new tuple of the items at one moment. Takes the section.
FtObject *ft_list_as_tuple_ref(FtObject *list);

// list.reverse(). Returns 0. Takes the section.
int ft_list_reverse(FtObject *list);

// list.sort(key=key, reverse=reverse): key is NULL or None for none. A stable timsort (powersort
// merge policy) as CPython's (objects/list_sort.c). ValueError "list modified during sort" when the
// list was changed by a comparison or key call. Returns 0 or -1. Takes the section.
int ft_list_sort(FtObject *list, FtObject *key, bool reverse);

// Slices with CPython's slice semantics after normalization: start/stop/step are the values
// PySlice_Unpack would give (step != 0; missing bounds as FT_LIST_SLICE_* below); they are clamped
// with the list's length under its section, as PySlice_AdjustIndices does.
#define FT_LIST_SLICE_MAX ((Ft_ssize)(~(size_t)0 >> 1))
#define FT_LIST_SLICE_MIN (-FT_LIST_SLICE_MAX - 1)

// list[start:stop:step] as a new list.
FtObject *ft_list_get_slice_ref(FtObject *list, Ft_ssize start, Ft_ssize stop, Ft_ssize step);

// list[start:stop:step] = value (any iterable, copied to a tuple first; a list may be list itself;
// TypeError "must assign iterable to extended slice" for a non-iterable). Extended slices
// (step != 1) need a value of the same length: ValueError "attempt to assign sequence of size N to
// extended slice of size M". Returns 0 or -1.
int ft_list_set_slice(FtObject *list, Ft_ssize start, Ft_ssize stop, Ft_ssize step, FtObject *value);

// del list[start:stop:step]. Returns 0 or -1.
int ft_list_del_slice(FtObject *list, Ft_ssize start, Ft_ssize stop, Ft_ssize step);

// Internal to objects/list.c and objects/list_sort.c: sorts n items in place (keys[i] is the sort
// key of values[i]; values NULL when the keys are the values). Returns 0, or -1 with an exception
// (the arrays then hold a permutation of their input). The arrays are private to the caller.
int ft_list_sort_items(FtObject **keys, FtObject **values, Ft_ssize n);

// Readies list, list_iterator and list_reverseiterator. TODO(#4): called by ft_objects_init.
int ft_list_init_types(void);

#endif // FT_OBJECTS_LIST_H

// objects/list.c: list, list_iterator and list_reverseiterator (CPython's Objects/listobject.c;
// the free-threaded design is FREE-THREADING.md section 7.1 and PEP 703).
//
// Layout:
//
//   FtListObject                          FtListArray (ft_runtime_mem_alloc)
//   +-----------------------+             +------------------------------+
//   | header, ob_size       |             | allocated (capacity)         |
//   | ob_item --------------+-----------> | items[0] ... items[allocated)|
//   | allocated             |             +------------------------------+
//   +-----------------------+
//
// Invariants (under ob_mutex): ob_item == NULL <=> allocated == 0 (or -1 while a sort owns the
// items); otherwise allocated == the array's header word and 0 <= ob_size <= allocated; items[0,
// ob_size) are strong references (NULL only in a fresh list being filled); every slot at or past
// ob_size is NULL (cleared before the reference it held is dropped), so a lock-free reader racing
// with a shrink finds nothing freed through the list. Capacity follows
// CPython 3.14 exactly (checked with the oracle's sys.getsizeof in tests/unit/objects/test_list.c):
// growth new_allocated = (n + n/8 + 6) & ~3 (or (n + 3) & ~3 when that is closer to n), exact sizes
// for copies, slices, concatenation and repetition, (n + 1) & ~1 when an empty list is extended.
//
// Concurrency:
//   operation                                         how
//   len()                                             lock-free (relaxed ob_size)
//   list[i], ft_list_get_item_ref, iteration, `in`,
//   count, index                                      lock-free fast path, else critical section
//   append, insert, pop, remove, set/del item/slice,
//   clear, sort, reverse, repeat, repr, copy          critical section on the list
//   extend(list), concat, ==/<...                     two-object critical section
// Writers publish a new array with one release store of ob_item and retire the old one through
// ft_qsbr_free_delayed when the list is FT_GC_SHARED (at once otherwise); every store to a slot of
// a published array is an atomic release store (readers load slots with acquire). A reader uses the
// fast path only when it owns the list or the list is SHARED; its first locked read marks the list
// SHARED. The fast path: size (relaxed) -> array (acquire) -> capacity from the array's header ->
// slot (acquire) -> ft_try_incref_compare on the slot -> re-check that ob_item still points at the
// same array (so an item freed after a resize and its memory reused for another object is never
// returned from a retired array); any failure falls back to the critical section.
//
// Missing (TODO(#4)): the free list.
#include <stddef.h>   // offsetof
#include <string.h>   // memcpy memset

#include "objects/list.h"

#include "objects/abstract.h"       // ft_object_get_iter_ref ft_iter_next_ref ft_number_* ft_iter_*
#include "objects/bigint.h"         // FtBigInt ft_bigint_to_int64 ft_bigint_sign
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/int.h"            // ft_int_* ft_bool_from
#include "objects/method_def.h"     // FtMethodDef FT_METH_*
#include "objects/object.h"         // ft_object_* FT_VAR_OBJECT_HEAD_INIT FT_NONE
#include "objects/slice.h"          // ft_slice_check ft_slice_unpack
#include "objects/str.h"            // ft_str_*
#include "objects/tuple.h"          // ft_tuple_*
#include "objects/type.h"           // ft_type_ready
#include "runtime/object_lock.h"    // FT_BEGIN_CRITICAL_SECTION_OBJECT FT_ASSERT_LOCKED
#include "runtime/qsbr.h"           // ft_qsbr_free_delayed
#include "runtime/refcount.h"       // ft_incref ft_decref ft_try_incref_compare
#include "runtime/runtime_mem.h"    // ft_runtime_mem_alloc ft_runtime_mem_free
#include "sync/atomic.h"            // ft_atomic_*
#include "sync/fatal.h"             // FT_ASSERT

// CPython 3.14 keeps the array when a list shrinks below half its capacity if the capacity is at
// most this many slots (measured with the oracle: [0]*32 keeps 32 slots after del l[1:], [0]*33
// shrinks to 4).
#define LIST_KEEP_SMALL_CAPACITY 32

#define LIST(op) ((FtListObject *)(op))

/* --- Accessors --- */

static inline Ft_ssize
list_size(FtListObject *self)
{
    // relaxed: a snapshot; lock-free readers re-check bounds against the array they load, and
    // writers read it under ob_mutex.
    return ft_atomic_load_ssize_relaxed(&self->ob_base.ob_size);
}

static inline void
list_set_size_lock_held(FtListObject *self, Ft_ssize n)
{
    // relaxed: lock-free readers only use it as a bound that they re-check against the capacity
    // of the array they load with acquire; items are published by their own release stores.
    ft_atomic_store_ssize_relaxed(&self->ob_base.ob_size, n);
}

static inline FtListArray *
list_array_of(FtObject **items)
{
    return (FtListArray *)((char *)items - offsetof(FtListArray, items));
}

static inline void
slot_store_release(FtObject **items, Ft_ssize i, FtObject *v)
{
    // release: pairs with the acquire slot load in list_get_item_lock_free(): a reader that sees v
    // sees v's initialised header.
    ft_atomic_store_ptr_release((void **)&items[i], v);
}

static inline bool
list_is_shared(FtListObject *self)
{
    // relaxed: set under ob_mutex; a stale "not shared" only means an owner keeps freeing arrays
    // at once, which is right as no other thread has read them lock-free yet.
    return (ft_atomic_load_uint8_relaxed(&self->ob_base.ob_base.ob_gc_bits) & FT_GC_SHARED) != 0;
}

static inline void
list_mark_shared_lock_held(FtListObject *self)
{
    if (!list_is_shared(self)) {
        // relaxed: ordered by ob_mutex for the writers, who decide how to retire arrays under it.
        ft_atomic_or_uint8_relaxed(&self->ob_base.ob_base.ob_gc_bits, FT_GC_SHARED);
    }
}

// Moves n slots from src to dst inside a published array, one atomic store per slot, in the
// direction that never overwrites a slot before it was copied.
static void
slots_move(FtObject **items, Ft_ssize dst, Ft_ssize src, Ft_ssize n)
{
    if (dst < src) {
        for (Ft_ssize k = 0; k < n; k++)
            slot_store_release(items, dst + k, items[src + k]);
    } else if (dst > src) {
        for (Ft_ssize k = n - 1; k >= 0; k--)
            slot_store_release(items, dst + k, items[src + k]);
    }
}

/* --- Allocation and resizing --- */

// A zeroed array of capacity slots, or NULL (no exception set).
static FtListArray *
list_array_new(Ft_ssize capacity)
{
    if (capacity < 0 ||
        (size_t)capacity > (FT_LIST_SLICE_MAX - sizeof(FtListArray)) / sizeof(FtObject *))
        return NULL;
    size_t bytes = sizeof(FtListArray) + (size_t)capacity * sizeof(FtObject *);
    FtListArray *array = ft_runtime_mem_alloc(bytes);
    if (array == NULL)
        return NULL;
    memset(array, 0, bytes);
    array->allocated = capacity;
    return array;
}

// Frees an array. Debug builds poison it first, so that a lock-free reader still using it after
// its grace period (a reclamation bug) reads garbage pointers and crashes the tests.
static void
list_array_free(void *p)
{
#if defined(FT_DEBUG)
    FtListArray *array = p;
    memset(array->items, 0xdb, (size_t)array->allocated * sizeof(FtObject *));
#endif
    ft_runtime_mem_free(p);
}

// Frees an array that was published in a list. If the list is shared, lock-free readers may still
// be reading it (list_get_item_lock_free), so it waits for a QSBR grace period. A writer that does
// not own the list marks it shared first: its owner reads lock-free without the SHARED bit.
static void
list_array_retire(FtListObject *self, FtObject **items)
{
    if (items == NULL)
        return;
    FtListArray *array = list_array_of(items);
    if (!ft_object_is_owned_by_current_thread((FtObject *)self))
        list_mark_shared_lock_held(self);
    if (list_is_shared(self))
        ft_qsbr_free_delayed(array, list_array_free);
    else
        list_array_free(array);
}

// Publishes a fresh array in an empty list (ob_item NULL).
static void
list_publish_lock_held(FtListObject *self, FtListArray *array)
{
    // release: pairs with the acquire ob_item loads of lock-free readers: they see the array's
    // header and slots as written before.
    ft_atomic_store_ptr_release((void **)&self->ob_item, array != NULL ? array->items : NULL);
    self->allocated = array != NULL ? array->allocated : 0;
}

// Makes room for newsize items and sets the size (CPython's list_resize, with the 3.14 capacity
// rules). New slots are NULL; slots past newsize are cleared. 0, or -1 with MemoryError (the list is
// then unchanged).
static int
list_resize_lock_held(FtListObject *self, Ft_ssize newsize)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize allocated = self->allocated;
    Ft_ssize size = list_size(self);
    if (allocated >= newsize &&
        (newsize >= (allocated >> 1) || allocated <= LIST_KEEP_SMALL_CAPACITY)) {
        // Slots past the new end no longer belong to the list: clear them before the caller drops
        // the references they held.
        for (Ft_ssize i = newsize; i < size; i++)
            slot_store_release(self->ob_item, i, NULL);
        list_set_size_lock_held(self, newsize);
        return 0;
    }
    size_t n = (size_t)newsize;
    size_t new_allocated = (n + (n >> 3) + 6) & ~(size_t)3;
    // Do not over-allocate when the new size is closer to the over-allocated size than to the old.
    if (newsize - size > (Ft_ssize)(new_allocated - n))
        new_allocated = (n + 3) & ~(size_t)3;
    if (newsize == 0)
        new_allocated = 0;
    FtListArray *array = NULL;
    if (new_allocated > 0) {
        array = list_array_new((Ft_ssize)new_allocated);
        if (array == NULL) {
            ft_error_no_memory();
            return -1;
        }
        Ft_ssize keep = size < newsize ? size : newsize;
        if (keep > 0)
            memcpy(array->items, self->ob_item, (size_t)keep * sizeof(FtObject *));
    }
    FtObject **old = self->ob_item;
    list_publish_lock_held(self, array);
    list_set_size_lock_held(self, newsize);
    list_array_retire(self, old);
    return 0;
}

// Gives an empty list with no array exactly room for size items (rounded up to even, as CPython's
// list_preallocate_exact). 0 or -1.
static int
list_preallocate_exact_lock_held(FtListObject *self, Ft_ssize size)
{
    FT_ASSERT(self->ob_item == NULL && size > 0);
    FtListArray *array = list_array_new((size + 1) & ~(Ft_ssize)1);
    if (array == NULL) {
        ft_error_no_memory();
        return -1;
    }
    list_publish_lock_held(self, array);
    return 0;
}

// A new unpublished list with capacity exactly size and ob_size 0 (CPython's list_new_prealloc).
static FtListObject *
list_new_prealloc(Ft_ssize size)
{
    FtListObject *np = (FtListObject *)ft_list_new_ref(0);
    if (np == NULL || size == 0)
        return np;
    FtListArray *array = list_array_new(size);
    if (array == NULL) {
        ft_decref((FtObject *)np);
        return (FtListObject *)ft_error_no_memory();
    }
    list_publish_lock_held(np, array);   // unpublished list: no lock needed
    return np;
}

// Empties the list: size 0, no array, then drops the items (which may run code that refills it).
// The caller holds the section, or the world is stopped (tp_clear).
static void
list_clear_items(FtListObject *self)
{
    FtObject **items = self->ob_item;
    if (items == NULL)
        return;
    Ft_ssize n = list_size(self);
    list_set_size_lock_held(self, 0);
    list_publish_lock_held(self, NULL);
    // The retired array still holds the pointers (readers that loaded it before re-check ob_item);
    // the references are dropped only after it was unpublished.
    while (--n >= 0)
        ft_xdecref(items[n]);
    list_array_retire(self, items);
}

static void
list_clear_lock_held(FtListObject *self)
{
    FT_ASSERT_LOCKED(self);
    list_clear_items(self);
}

/* --- Lock-free reads --- */

// list[i] under the section, marking the list shared so later reads may go lock-free; NULL (no
// exception) when i is out of range.
static FtObject *
list_get_item_locked(FtListObject *self, Ft_ssize i)
{
    FtObject *item = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    list_mark_shared_lock_held(self);
    if ((size_t)i < (size_t)list_size(self)) {
        item = self->ob_item[i];
        if (item != NULL) {
            // Readers of another thread may find the item lock-free from now on: its owner must
            // free it only through a compare-and-swap they can observe (FREE-THREADING.md 2.5).
            if (!ft_object_is_owned_by_current_thread(item))
                ft_object_set_maybe_weakref(item);
            ft_incref(item);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return item;
}

// list[i] without the lock when possible; NULL (no exception) when i is out of range.
static FtObject *
list_get_item_lock_free(FtListObject *self, Ft_ssize i)
{
    if (!ft_object_is_owned_by_current_thread((FtObject *)self) && !list_is_shared(self))
        return list_get_item_locked(self, i);
    if ((size_t)i >= (size_t)list_size(self))
        return NULL;
    // acquire: pairs with the release in list_publish_lock_held(): the header and slots written
    // before publication are visible.
    FtObject **items = ft_atomic_load_ptr_acquire((void **)&self->ob_item);
    if (items == NULL)
        return NULL;
    if ((size_t)i >= (size_t)list_array_of(items)->allocated)
        return NULL;
    // acquire: pairs with slot_store_release().
    FtObject *item = ft_atomic_load_ptr_acquire((void **)&items[i]);
    if (item == NULL || !ft_try_incref_compare(&items[i], item))
        return list_get_item_locked(self, i);
    // acquire: pairs with list_publish_lock_held(); an array replaced since we loaded it is retired
    // and never updated again, so its slot may name an object freed and reused since.
    if (ft_atomic_load_ptr_acquire((void **)&self->ob_item) != (void *)items) {
        ft_decref(item);
        return list_get_item_locked(self, i);
    }
    return item;
}

/* --- Internal API --- */

Ft_ssize
ft_list_size(FtObject *list)
{
    return list_size(LIST(list));
}

Ft_ssize
ft_list_capacity(FtObject *list)
{
    Ft_ssize cap;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(list);
    cap = LIST(list)->allocated;
    FT_END_CRITICAL_SECTION_OBJECT();
    return cap;
}

FtObject *
ft_list_new_ref(Ft_ssize size)
{
    if (size < 0) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtListObject *op = (FtListObject *)ft_object_new_of_type(&ft_list_type, 0);
    if (op == NULL)
        return NULL;
    op->ob_item = NULL;   // unpublished: plain stores
    op->allocated = 0;
    op->ob_base.ob_size = 0;
    if (size > 0) {
        FtListArray *array = list_array_new(size);
        if (array == NULL) {
            ft_decref((FtObject *)op);
            return ft_error_no_memory();
        }
        op->ob_item = array->items;
        op->allocated = size;
        op->ob_base.ob_size = size;
    }
    return (FtObject *)op;
}

FtObject *
ft_list_get_item_ref(FtObject *list, Ft_ssize i)
{
    FtObject *item = list_get_item_lock_free(LIST(list), i);
    if (item == NULL)
        return ft_error_format(&ft_exc_index_error, "list index out of range");
    return item;
}

int
ft_list_set_item_steal(FtObject *list, Ft_ssize i, FtObject *item)
{
    FtListObject *self = LIST(list);
    FtObject *old = NULL;
    int res = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if ((size_t)i >= (size_t)list_size(self)) {
        res = -1;
    } else {
        old = self->ob_item[i];
        slot_store_release(self->ob_item, i, item);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (res < 0) {
        ft_xdecref(item);
        ft_error_set_string(&ft_exc_index_error, "list assignment index out of range");
        return -1;
    }
    ft_xdecref(old);
    return 0;
}

static int
list_append_steal_lock_held(FtListObject *self, FtObject *item)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize len = list_size(self);
    if (self->allocated > len) {
        slot_store_release(self->ob_item, len, item);
        list_set_size_lock_held(self, len + 1);
        return 0;
    }
    if (list_resize_lock_held(self, len + 1) < 0) {
        ft_decref(item);
        return -1;
    }
    slot_store_release(self->ob_item, len, item);
    return 0;
}

int
ft_list_append(FtObject *list, FtObject *item)
{
    int res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(list);
    res = list_append_steal_lock_held(LIST(list), ft_new_ref(item));
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static int
list_insert_lock_held(FtListObject *self, Ft_ssize where, FtObject *item)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize n = list_size(self);
    if (list_resize_lock_held(self, n + 1) < 0)
        return -1;
    if (where < 0) {
        where += n;
        if (where < 0)
            where = 0;
    }
    if (where > n)
        where = n;
    slots_move(self->ob_item, where + 1, where, n - where);
    slot_store_release(self->ob_item, where, ft_new_ref(item));
    return 0;
}

int
ft_list_insert(FtObject *list, Ft_ssize where, FtObject *item)
{
    int res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(list);
    res = list_insert_lock_held(LIST(list), where, item);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// Appends the n items at src (new references). src must stay valid: the caller holds the
// sections of both containers (or src is immutable).
static int
list_extend_items_lock_held(FtListObject *self, FtObject *const *src, Ft_ssize n)
{
    FT_ASSERT_LOCKED(self);
    if (n == 0)
        return 0;
    Ft_ssize m = list_size(self);
    if (self->ob_item == NULL) {
        if (list_preallocate_exact_lock_held(self, n) < 0)
            return -1;
    } else if (list_resize_lock_held(self, m + n) < 0) {
        return -1;
    }
    // self may be src's list only through ft_list_extend's self-extension branch, which does not
    // come here; so src did not move with the resize.
    for (Ft_ssize i = 0; i < n; i++)
        slot_store_release(self->ob_item, m + i, ft_new_ref(src[i]));
    list_set_size_lock_held(self, m + n);
    return 0;
}

static int
list_inplace_repeat_lock_held(FtListObject *self, Ft_ssize n)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize input_size = list_size(self);
    if (input_size == 0 || n == 1)
        return 0;
    if (n < 1) {
        list_clear_lock_held(self);
        return 0;
    }
    if (input_size > FT_LIST_SLICE_MAX / n) {
        ft_error_no_memory();
        return -1;
    }
    Ft_ssize output_size = input_size * n;
    if (list_resize_lock_held(self, output_size) < 0)
        return -1;
    FtObject **items = self->ob_item;
    for (Ft_ssize j = 0; j < input_size; j++) {
        for (Ft_ssize r = 1; r < n; r++)
            ft_incref(items[j]);
    }
    for (Ft_ssize k = input_size; k < output_size; k++)
        slot_store_release(items, k, items[k - input_size]);
    return 0;
}

// Reserves room for hint more items after the current ones (CPython's list_extend_iter
// preallocation: a hint that would overflow is ignored; one too large for memory raises).
static int
list_reserve_lock_held(FtListObject *self, Ft_ssize hint)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize m = list_size(self);
    if (self->allocated < 0 || m > FT_LIST_SLICE_MAX - hint)
        return 0;
    if ((size_t)(m + hint) > (size_t)FT_LIST_SLICE_MAX / sizeof(FtObject *) / 2) {
        ft_error_no_memory();
        return -1;
    }
    if (list_resize_lock_held(self, m + hint) < 0)
        return -1;
    list_set_size_lock_held(self, m);
    return 0;
}

// extend() from any iterable: the items are pulled with no lock held (next() may run Python code
// that touches this list), and each one is appended under the list's section.
static int
list_extend_iter(FtListObject *self, FtObject *iterable)
{
    FtObject *it = ft_object_get_iter_ref(iterable);
    if (it == NULL)
        return -1;
    Ft_ssize hint = ft_object_length_hint(iterable, 8);
    int res = hint < 0 ? -1 : 0;
    if (hint > 0) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
        res = list_reserve_lock_held(self, hint);
        FT_END_CRITICAL_SECTION_OBJECT();
    }
    while (res == 0) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r <= 0) {
            res = r;
            break;
        }
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
        res = list_append_steal_lock_held(self, item);
        FT_END_CRITICAL_SECTION_OBJECT();
    }
    // Give back what an over-large hint reserved (list_resize shrinks only below half).
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (self->allocated > list_size(self) && list_resize_lock_held(self, list_size(self)) < 0)
        ft_error_clear();
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(it);
    return res;
}

int
ft_list_extend(FtObject *list, FtObject *iterable)
{
    FtListObject *self = LIST(list);
    int res = -1;
    if (list == iterable) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
        res = list_inplace_repeat_lock_held(self, 2);
        FT_END_CRITICAL_SECTION_OBJECT();
    } else if (ft_list_check_exact(iterable)) {
        // Exact types only: a subclass may override __iter__, which CPython then honours.
        FT_BEGIN_CRITICAL_SECTION2_OBJECT(self, iterable);
        res = list_extend_items_lock_held(self, LIST(iterable)->ob_item, list_size(LIST(iterable)));
        FT_END_CRITICAL_SECTION2_OBJECT();
    } else if (iterable->ob_type == &ft_tuple_type) {
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
        res = list_extend_items_lock_held(self, ((FtTupleObject *)iterable)->items,
                                          ft_tuple_size(iterable));
        FT_END_CRITICAL_SECTION_OBJECT();
    } else {
        res = list_extend_iter(self, iterable);
    }
    return res;
}

FtObject *
ft_list_as_tuple_ref(FtObject *list)
{
    FtObject *t;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(list);
    t = ft_tuple_from_array_ref(LIST(list)->ob_item, list_size(LIST(list)));
    FT_END_CRITICAL_SECTION_OBJECT();
    return t;
}

static void
list_reverse_lock_held(FtListObject *self)
{
    FT_ASSERT_LOCKED(self);
    FtObject **items = self->ob_item;
    for (Ft_ssize lo = 0, hi = list_size(self) - 1; lo < hi; lo++, hi--) {
        FtObject *t = items[lo];
        slot_store_release(items, lo, items[hi]);
        slot_store_release(items, hi, t);
    }
}

int
ft_list_reverse(FtObject *list)
{
    FT_BEGIN_CRITICAL_SECTION_OBJECT(list);
    list_reverse_lock_held(LIST(list));
    FT_END_CRITICAL_SECTION_OBJECT();
    return 0;
}

static void
reverse_array(FtObject **a, Ft_ssize n)
{
    for (Ft_ssize lo = 0, hi = n - 1; lo < hi; lo++, hi--) {
        FtObject *t = a[lo];
        a[lo] = a[hi];
        a[hi] = t;
    }
}

// CPython's list.sort protocol: the items leave the list for the duration (the list looks empty
// to everyone, readers included), are sorted in a private array (lock-free readers may still be
// reading the old one, so it is not sorted in place), and come back; any change made meanwhile by
// comparison or key code is detected through allocated != -1 and discarded.
static int
list_sort_lock_held(FtListObject *self, FtObject *key, bool reverse)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize n = list_size(self);
    Ft_ssize saved_allocated = self->allocated;
    FtObject **saved = self->ob_item;
    FtListArray *work = NULL;
    FtObject **keys = NULL;
    int result = -1;
    if (saved != NULL) {
        work = list_array_new(saved_allocated);
        if (work == NULL) {
            ft_error_no_memory();
            return -1;
        }
        memcpy(work->items, saved, (size_t)n * sizeof(FtObject *));
    }
    list_set_size_lock_held(self, 0);
    // release: pairs with readers' acquire; they now see an empty list.
    ft_atomic_store_ptr_release((void **)&self->ob_item, NULL);
    self->allocated = -1;
    list_array_retire(self, saved);
    FtObject **values = work != NULL ? work->items : NULL;
    if (key != NULL && n > 0) {
        keys = ft_runtime_mem_alloc((size_t)n * sizeof(FtObject *));
        if (keys == NULL) {
            ft_error_no_memory();
            goto restore;
        }
        for (Ft_ssize i = 0; i < n; i++) {
            keys[i] = ft_object_vectorcall_ref(key, &values[i], 1, NULL);
            if (keys[i] == NULL) {
                while (--i >= 0)
                    ft_decref(keys[i]);
                ft_runtime_mem_free(keys);
                keys = NULL;
                goto restore;
            }
        }
    }
    // Reversing before and after keeps equal items in their original order for reverse=True.
    if (reverse && n > 1) {
        reverse_array(values, n);
        if (keys != NULL)
            reverse_array(keys, n);
    }
    if (keys != NULL)
        result = ft_list_sort_items(keys, values, n);
    else
        result = ft_list_sort_items(values, NULL, n);
    if (reverse && n > 1) {
        reverse_array(values, n);
        if (keys != NULL)
            reverse_array(keys, n);
    }
    if (keys != NULL) {
        for (Ft_ssize i = 0; i < n; i++)
            ft_decref(keys[i]);
        ft_runtime_mem_free(keys);
    }
restore:;
    bool modified = self->allocated != -1;
    FtObject **final_items = self->ob_item;
    Ft_ssize final_size = list_size(self);
    list_set_size_lock_held(self, 0);
    list_publish_lock_held(self, work);
    list_set_size_lock_held(self, n);
    if (final_items != NULL) {
        while (--final_size >= 0)
            ft_xdecref(final_items[final_size]);
        list_array_retire(self, final_items);
    }
    if (modified && result == 0) {
        ft_error_set_string(&ft_exc_value_error, "list modified during sort");
        result = -1;
    }
    return result;
}

int
ft_list_sort(FtObject *list, FtObject *key, bool reverse)
{
    int res;
    if (key == FT_NONE)
        key = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(list);
    res = list_sort_lock_held(LIST(list), key, reverse);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

/* --- Slices --- */

// PySlice_AdjustIndices: clamps start/stop for a sequence of length and returns the slice length.
static Ft_ssize
slice_adjust(Ft_ssize length, Ft_ssize *start, Ft_ssize *stop, Ft_ssize step)
{
    if (*start < 0) {
        *start += length;
        if (*start < 0)
            *start = step < 0 ? -1 : 0;
    } else if (*start >= length) {
        *start = step < 0 ? length - 1 : length;
    }
    if (*stop < 0) {
        *stop += length;
        if (*stop < 0)
            *stop = step < 0 ? -1 : 0;
    } else if (*stop >= length) {
        *stop = step < 0 ? length - 1 : length;
    }
    if (step < 0) {
        if (*stop < *start)
            return (*start - *stop - 1) / (-step) + 1;
    } else if (*start < *stop) {
        return (*stop - *start - 1) / step + 1;
    }
    return 0;
}

static FtObject *
list_slice_lock_held(FtListObject *self, Ft_ssize start, Ft_ssize step, Ft_ssize len)
{
    FT_ASSERT_LOCKED(self);
    FtListObject *np = list_new_prealloc(len);
    if (np == NULL)
        return NULL;
    for (Ft_ssize i = 0, cur = start; i < len; i++, cur += step)
        np->ob_item[i] = ft_new_ref(self->ob_item[cur]);   // np unpublished: plain stores
    np->ob_base.ob_size = len;
    return (FtObject *)np;
}

FtObject *
ft_list_get_slice_ref(FtObject *list, Ft_ssize start, Ft_ssize stop, Ft_ssize step)
{
    if (step == 0) {
        ft_error_set_string(&ft_exc_value_error, "slice step cannot be zero");
        return NULL;
    }
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(list);
    Ft_ssize len = slice_adjust(list_size(LIST(list)), &start, &stop, step);
    res = list_slice_lock_held(LIST(list), start, step, len);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// a[ilow:ihigh] = the n items at src (n == 0: deletion); CPython's list_ass_slice_lock_held. The
// removed references are dropped after the list is consistent again.
static int
list_ass_slice_lock_held(FtListObject *self, Ft_ssize ilow, Ft_ssize ihigh, FtObject *const *src,
                         Ft_ssize n)
{
    FT_ASSERT_LOCKED(self);
    Ft_ssize size = list_size(self);
    if (ilow < 0)
        ilow = 0;
    else if (ilow > size)
        ilow = size;
    if (ihigh < ilow)
        ihigh = ilow;
    else if (ihigh > size)
        ihigh = size;
    Ft_ssize norig = ihigh - ilow;
    Ft_ssize d = n - norig;
    if (size + d == 0) {
        list_clear_lock_held(self);
        return 0;
    }
    FtObject *recycle_small[8];
    FtObject **recycle = recycle_small;
    if (norig > 8) {
        recycle = ft_runtime_mem_alloc((size_t)norig * sizeof(FtObject *));
        if (recycle == NULL) {
            ft_error_no_memory();
            return -1;
        }
    }
    if (norig > 0)
        memcpy(recycle, &self->ob_item[ilow], (size_t)norig * sizeof(FtObject *));
    // Take the new references first: src may be borrowed from items about to be dropped.
    for (Ft_ssize k = 0; k < n; k++)
        ft_incref(src[k]);
    if (d < 0) {
        slots_move(self->ob_item, ihigh + d, ihigh, size - ihigh);
        // Cannot fail: shrinking keeps or reallocates a smaller array; a failed reallocation
        // is reported, and the moved tail is then put back.
        if (list_resize_lock_held(self, size + d) < 0) {
            slots_move(self->ob_item, ihigh, ihigh + d, size - ihigh);
            for (Ft_ssize k = 0; k < norig; k++)
                slot_store_release(self->ob_item, ilow + k, recycle[k]);
            goto error;
        }
    } else if (d > 0) {
        if (list_resize_lock_held(self, size + d) < 0)
            goto error;
        slots_move(self->ob_item, ihigh + d, ihigh, size - ihigh);
    }
    for (Ft_ssize k = 0; k < n; k++)
        slot_store_release(self->ob_item, ilow + k, src[k]);
    for (Ft_ssize k = norig - 1; k >= 0; k--)
        ft_xdecref(recycle[k]);
    if (recycle != recycle_small)
        ft_runtime_mem_free(recycle);
    return 0;
error:
    for (Ft_ssize k = 0; k < n; k++)
        ft_decref(src[k]);
    if (recycle != recycle_small)
        ft_runtime_mem_free(recycle);
    return -1;
}

// del a[start:stop:step] for step != 1 after adjustment (len items).
static int
list_del_extended_lock_held(FtListObject *self, Ft_ssize start, Ft_ssize stop, Ft_ssize step,
                            Ft_ssize len)
{
    FT_ASSERT_LOCKED(self);
    if (len <= 0)
        return 0;
    if (step < 0) {
        stop = start + 1;
        start = stop + step * (len - 1) - 1;
        step = -step;
    }
    FtObject **garbage = ft_runtime_mem_alloc((size_t)len * sizeof(FtObject *));
    if (garbage == NULL) {
        ft_error_no_memory();
        return -1;
    }
    Ft_ssize size = list_size(self);
    FtObject **items = self->ob_item;
    Ft_ssize cur, i;
    // Close each gap as we go: the items between two deleted slots move left by the number of
    // slots deleted so far.
    for (cur = start, i = 0; cur < stop; cur += step, i++) {
        Ft_ssize lim = step - 1;
        garbage[i] = items[cur];
        if (cur + step >= size)
            lim = size - cur - 1;
        slots_move(items, cur - i, cur + 1, lim);
    }
    cur = start + len * step;
    if (cur < size)
        slots_move(items, cur - len, cur, size - cur);
    // Shrinking never fails when the capacity is kept; when it reallocates and fails, the
    // list is left without the deleted items but with its old capacity, which is consistent.
    if (list_resize_lock_held(self, size - len) < 0) {
        for (Ft_ssize k = size - len; k < size; k++)
            slot_store_release(items, k, NULL);
        list_set_size_lock_held(self, size - len);
        ft_error_clear();
    }
    for (i = 0; i < len; i++)
        ft_decref(garbage[i]);
    ft_runtime_mem_free(garbage);
    return 0;
}

// The items of a list or tuple value, as a new tuple (a snapshot: value may be self or change
// under us). NULL with TypeError for anything else.
static FtObject *
slice_value_snapshot_ref(FtObject *value)
{
    // Exact types only, as CPython's PySequence_Fast: a subclass's __iter__ is honoured.
    if (value->ob_type == &ft_tuple_type)
        return ft_new_ref(value);
    if (ft_list_check_exact(value))
        return ft_list_as_tuple_ref(value);
    if (value->ob_type->tp_iter == NULL && !ft_sequence_check(value)) {
        ft_error_set_string(&ft_exc_type_error, "must assign iterable to extended slice");
        return NULL;
    }
    return ft_sequence_tuple_ref(value);
}

static int
list_ass_subscript_slice(FtListObject *self, Ft_ssize start, Ft_ssize stop, Ft_ssize step,
                         FtObject *value)
{
    if (step == 0) {
        ft_error_set_string(&ft_exc_value_error, "slice step cannot be zero");
        return -1;
    }
    FtObject *seq = NULL;
    if (value != NULL) {
        seq = slice_value_snapshot_ref(value);
        if (seq == NULL)
            return -1;
    }
    FtObject *const *src = seq != NULL ? ((FtTupleObject *)seq)->items : NULL;
    Ft_ssize n = seq != NULL ? ft_tuple_size(seq) : 0;
    int res = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    Ft_ssize len = slice_adjust(list_size(self), &start, &stop, step);
    if (step == 1) {
        res = list_ass_slice_lock_held(self, start, stop, src, n);
    } else if (seq == NULL) {
        res = list_del_extended_lock_held(self, start, stop, step, len);
    } else if (n != len) {
        ft_error_format(&ft_exc_value_error,
                        "attempt to assign sequence of size %zd to extended slice of size %zd", n,
                        len);
        res = -1;
    } else if (len > 0) {
        FtObject **garbage = ft_runtime_mem_alloc((size_t)len * sizeof(FtObject *));
        if (garbage == NULL) {
            ft_error_no_memory();
            res = -1;
        } else {
            Ft_ssize cur = start;
            for (Ft_ssize i = 0; i < len; i++, cur += step) {
                garbage[i] = self->ob_item[cur];
                slot_store_release(self->ob_item, cur, ft_new_ref(src[i]));
            }
            for (Ft_ssize i = 0; i < len; i++)
                ft_decref(garbage[i]);
            ft_runtime_mem_free(garbage);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(seq);
    return res;
}

int
ft_list_set_slice(FtObject *list, Ft_ssize start, Ft_ssize stop, Ft_ssize step, FtObject *value)
{
    if (value == NULL) {
        ft_error_bad_internal_call();
        return -1;
    }
    return list_ass_subscript_slice(LIST(list), start, stop, step, value);
}

int
ft_list_del_slice(FtObject *list, Ft_ssize start, Ft_ssize stop, Ft_ssize step)
{
    return list_ass_subscript_slice(LIST(list), start, stop, step, NULL);
}

/* --- Slots --- */

static void
list_dealloc(FtObject *op)
{
    FtListObject *self = LIST(op);
    // The last reference is gone, so no reader can reach the array: free it at once.
    FtObject **items = self->ob_item;
    if (items != NULL) {
        Ft_ssize i = self->ob_base.ob_size;
        while (--i >= 0)
            ft_xdecref(items[i]);
        list_array_free(list_array_of(items));
    }
    ft_object_free_memory(op);
}

static int
list_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtListObject *self = LIST(op);
    for (Ft_ssize i = list_size(self); --i >= 0;) {
        FtObject *item = self->ob_item[i];
        if (item != NULL) {
            int r = visit(item, arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

static int
list_tp_clear(FtObject *op)
{
    // Called by the collector with the world stopped (or on an unreachable list).
    list_clear_items(LIST(op));
    return 0;
}

static FtObject *
list_repr_lock_held(FtListObject *self)
{
    FT_ASSERT_LOCKED(self);
    FtObject *sep = NULL, *joined = NULL, *res = NULL;
    Ft_ssize count = 0, cap = 8;
    FtObject **reprs = ft_runtime_mem_alloc((size_t)cap * sizeof(FtObject *));
    if (reprs == NULL)
        return ft_error_no_memory();
    // The size is re-read every round: an item's __repr__ may change the list.
    for (Ft_ssize i = 0; i < list_size(self); i++) {
        FtObject *item = ft_new_ref(self->ob_item[i]);
        FtObject *r = ft_object_repr_ref(item);
        ft_decref(item);
        if (r == NULL)
            goto done;
        if (count == cap) {
            FtObject **bigger = ft_runtime_mem_alloc((size_t)cap * 2 * sizeof(FtObject *));
            if (bigger == NULL) {
                ft_decref(r);
                ft_error_no_memory();
                goto done;
            }
            memcpy(bigger, reprs, (size_t)count * sizeof(FtObject *));
            ft_runtime_mem_free(reprs);
            reprs = bigger;
            cap *= 2;
        }
        reprs[count++] = r;
    }
    sep = ft_str_intern_cstr_ref(", ");
    if (sep == NULL)
        goto done;
    joined = ft_str_join_ref(sep, reprs, count);
    if (joined != NULL)
        res = ft_str_from_format_ref("[%U]", joined);
done:
    for (Ft_ssize i = 0; i < count; i++)
        ft_decref(reprs[i]);
    ft_runtime_mem_free(reprs);
    ft_xdecref(joined);
    ft_xdecref(sep);
    return res;
}

static FtObject *
list_repr(FtObject *op)
{
    if (list_size(LIST(op)) == 0)
        return ft_str_from_ascii_ref("[]");
    FtReprFrame frame;
    if (ft_object_repr_enter(&frame, op))
        return ft_str_from_ascii_ref("[...]");
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    res = list_repr_lock_held(LIST(op));
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_object_repr_leave(&frame);
    return res;
}

static FtObject *
compare_sizes(Ft_ssize a, Ft_ssize b, int op)
{
    switch (op) {
    case FT_LT: return ft_bool_from(a < b);
    case FT_LE: return ft_bool_from(a <= b);
    case FT_EQ: return ft_bool_from(a == b);
    case FT_NE: return ft_bool_from(a != b);
    case FT_GT: return ft_bool_from(a > b);
    default: return ft_bool_from(a >= b);
    }
}

static FtObject *
list_richcompare_lock_held(FtListObject *v, FtListObject *w, int op)
{
    FT_ASSERT_LOCKED(v);
    FT_ASSERT_LOCKED(w);
    if (list_size(v) != list_size(w) && (op == FT_EQ || op == FT_NE))
        return ft_bool_from(op == FT_NE);
    Ft_ssize i;
    // Sizes are re-read every round: __eq__ may change either list (and suspend the section).
    for (i = 0; i < list_size(v) && i < list_size(w); i++) {
        FtObject *vi = v->ob_item[i], *wi = w->ob_item[i];
        if (vi == wi)
            continue;
        ft_incref(vi);
        ft_incref(wi);
        int k = ft_object_rich_compare_bool(vi, wi, FT_EQ);
        ft_decref(vi);
        ft_decref(wi);
        if (k < 0)
            return NULL;
        if (!k)
            break;
    }
    if (i >= list_size(v) || i >= list_size(w))
        return compare_sizes(list_size(v), list_size(w), op);
    if (op == FT_EQ)
        return FT_FALSE;
    if (op == FT_NE)
        return FT_TRUE;
    FtObject *vi = ft_new_ref(v->ob_item[i]), *wi = ft_new_ref(w->ob_item[i]);
    FtObject *res = ft_object_rich_compare_ref(vi, wi, op);
    ft_decref(vi);
    ft_decref(wi);
    return res;
}

static FtObject *
list_richcompare(FtObject *v, FtObject *w, int op)
{
    if (!ft_list_check(v) || !ft_list_check(w))
        return FT_NOT_IMPLEMENTED;
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(v, w);
    res = list_richcompare_lock_held(LIST(v), LIST(w), op);
    FT_END_CRITICAL_SECTION2_OBJECT();
    return res;
}

static Ft_ssize
list_length(FtObject *op)
{
    return list_size(LIST(op));
}

static FtObject *
list_item(FtObject *op, Ft_ssize i)
{
    return ft_list_get_item_ref(op, i);
}

static int
list_contains(FtObject *op, FtObject *value)
{
    for (Ft_ssize i = 0;; i++) {
        FtObject *item = list_get_item_lock_free(LIST(op), i);
        if (item == NULL)
            return 0;
        int cmp = ft_object_rich_compare_bool(item, value, FT_EQ);
        ft_decref(item);
        if (cmp != 0)
            return cmp;
    }
}

static FtObject *
list_concat(FtObject *a, FtObject *b)
{
    if (!ft_list_check(b))
        return ft_error_format(&ft_exc_type_error,
                               "can only concatenate list (not \"%.200s\") to list",
                               b->ob_type->tp_name);
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION2_OBJECT(a, b);
    Ft_ssize na = list_size(LIST(a)), nb = list_size(LIST(b));
    FtListObject *np = list_new_prealloc(na + nb);
    if (np != NULL) {
        for (Ft_ssize i = 0; i < na; i++)
            np->ob_item[i] = ft_new_ref(LIST(a)->ob_item[i]);
        for (Ft_ssize i = 0; i < nb; i++)
            np->ob_item[na + i] = ft_new_ref(LIST(b)->ob_item[i]);
        np->ob_base.ob_size = na + nb;   // unpublished
        res = (FtObject *)np;
    }
    FT_END_CRITICAL_SECTION2_OBJECT();
    return res;
}

static FtObject *
list_repeat(FtObject *op, Ft_ssize n)
{
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    Ft_ssize input_size = list_size(LIST(op));
    if (input_size == 0 || n <= 0) {
        res = ft_list_new_ref(0);
    } else if (input_size > FT_LIST_SLICE_MAX / n) {
        ft_error_no_memory();
    } else {
        FtListObject *np = list_new_prealloc(input_size * n);
        if (np != NULL) {
            Ft_ssize k = 0;
            for (Ft_ssize r = 0; r < n; r++) {
                for (Ft_ssize j = 0; j < input_size; j++)
                    np->ob_item[k++] = ft_new_ref(LIST(op)->ob_item[j]);
            }
            np->ob_base.ob_size = k;   // unpublished
            res = (FtObject *)np;
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
list_inplace_concat(FtObject *op, FtObject *other)
{
    if (ft_list_extend(op, other) < 0)
        return NULL;
    return ft_new_ref(op);
}

static FtObject *
list_inplace_repeat(FtObject *op, Ft_ssize n)
{
    int res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    res = list_inplace_repeat_lock_held(LIST(op), n);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res < 0 ? NULL : ft_new_ref(op);
}

static int
list_ass_item(FtObject *op, Ft_ssize i, FtObject *value)
{
    FtListObject *self = LIST(op);
    FtObject *old = NULL;
    int res = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    Ft_ssize size = list_size(self);
    if ((size_t)i >= (size_t)size) {
        ft_error_set_string(&ft_exc_index_error, "list assignment index out of range");
        res = -1;
    } else if (value == NULL) {
        old = self->ob_item[i];
        slots_move(self->ob_item, i, i + 1, size - 1 - i);
        slot_store_release(self->ob_item, size - 1, NULL);
        list_set_size_lock_held(self, size - 1);
    } else {
        old = self->ob_item[i];
        slot_store_release(self->ob_item, i, ft_new_ref(value));
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
    return res;
}

// The value of an int as an Ft_ssize: returns false when it does not fit, with *out clamped to
// the extreme of its sign. TODO(#4): __index__ (ft_number_as_ssize, objects/abstract_number.h).
static bool
int_as_ssize_clamped(FtObject *o, Ft_ssize *out)
{
    int64_t v;
    const FtBigInt *value = ft_int_value_borrow(o);
    if (ft_bigint_to_int64(value, &v)) {
        *out = (Ft_ssize)v;
        return true;
    }
    *out = ft_bigint_sign(value) < 0 ? FT_LIST_SLICE_MIN : FT_LIST_SLICE_MAX;
    return false;
}

// True if o's type has __index__ (an int or an object usable as one).
static bool
has_index(FtObject *o)
{
    return ft_int_check(o) ||
           (o->ob_type->tp_as_number != NULL && o->ob_type->tp_as_number->nb_index != NULL);
}

// A Py_ssize_t method argument (insert, pop): through __index__, else TypeError or OverflowError
// with CPython's texts. 0 or -1.
static int
index_from_object(FtObject *o, Ft_ssize *out)
{
    if (ft_int_check(o)) {
        if (!int_as_ssize_clamped(o, out)) {
            ft_error_set_string(&ft_exc_overflow_error,
                                "Python int too large to convert to C ssize_t");
            return -1;
        }
        return 0;
    }
    if (!has_index(o)) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                        o->ob_type->tp_name);
        return -1;
    }
    // The int __index__ gives, with the same overflow text as a plain int (the clinic converter's).
    FtObject *value = ft_number_index_ref(o);
    if (value == NULL)
        return -1;
    int r = index_from_object(value, out);
    ft_decref(value);
    return r;
}

// A subscript index (an int or an __index__ object) that fits (IndexError "cannot fit 'int' into an
// index-sized integer" otherwise), made non-negative relative to the list's length. 0 or -1.
static int
subscript_index(FtObject *op, FtObject *key, Ft_ssize *out)
{
    if (ft_int_check(key)) {
        if (!int_as_ssize_clamped(key, out)) {
            ft_error_format(&ft_exc_index_error, "cannot fit '%.200s' into an index-sized integer",
                            key->ob_type->tp_name);
            return -1;
        }
    } else {
        *out = ft_number_as_ssize(key, &ft_exc_index_error);
        if (*out == -1 && ft_error_occurred())
            return -1;
    }
    if (*out < 0)
        *out += list_size(LIST(op));
    return 0;
}

static FtObject *
list_subscript(FtObject *op, FtObject *key)
{
    if (has_index(key)) {
        Ft_ssize i;
        if (subscript_index(op, key, &i) < 0)
            return NULL;
        return ft_list_get_item_ref(op, i);
    }
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return NULL;
        return ft_list_get_slice_ref(op, start, stop, step);
    }
    return ft_error_format(&ft_exc_type_error, "list indices must be integers or slices, not %.200s",
                           key->ob_type->tp_name);
}

static int
list_ass_subscript(FtObject *op, FtObject *key, FtObject *value)
{
    if (has_index(key)) {
        Ft_ssize i;
        if (subscript_index(op, key, &i) < 0)
            return -1;
        return list_ass_item(op, i, value);
    }
    if (ft_slice_check(key)) {
        Ft_ssize start, stop, step;
        if (ft_slice_unpack(key, &start, &stop, &step) < 0)
            return -1;
        return list_ass_subscript_slice(LIST(op), start, stop, step, value);
    }
    ft_error_format(&ft_exc_type_error, "list indices must be integers or slices, not %.200s",
                    key->ob_type->tp_name);
    return -1;
}

static FtObject *
list_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    if (type == &ft_list_type)
        return ft_list_new_ref(0);
    // A subclass instance: the list fields start empty (unpublished: plain stores); the arguments
    // are list.__init__'s business.
    FtListObject *op = (FtListObject *)ft_object_new_of_type(type, 0);
    if (op == NULL)
        return NULL;
    op->ob_item = NULL;
    op->allocated = 0;
    op->ob_base.ob_size = 0;
    return (FtObject *)op;
}

static int
list_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0) {
        ft_error_set_string(&ft_exc_type_error, "list() takes no keyword arguments");
        return -1;
    }
    if (nargs > 1) {
        ft_error_format(&ft_exc_type_error, "list expected at most 1 argument, got %zd", nargs);
        return -1;
    }
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    list_clear_lock_held(LIST(self));
    FT_END_CRITICAL_SECTION_OBJECT();
    if (nargs == 1)
        return ft_list_extend(self, args[0]);
    return 0;
}

/* --- Methods --- */

// append(object, /) @locked
static FtObject *
list_append_method(FtObject *self, FtObject *object)
{
    if (ft_list_append(self, object) < 0)
        return NULL;
    return ft_none_ref();
}

// extend(iterable, /)
static FtObject *
list_extend_method(FtObject *self, FtObject *iterable)
{
    if (ft_list_extend(self, iterable) < 0)
        return NULL;
    return ft_none_ref();
}

// insert(index, object, /) @locked
static FtObject *
list_insert_method(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "insert expected 2 arguments, got %zd", nargs);
    Ft_ssize index;
    if (index_from_object(args[0], &index) < 0)
        return NULL;
    if (ft_list_insert(self, index, args[1]) < 0)
        return NULL;
    return ft_none_ref();
}

// pop(index=-1, /) @locked
static FtObject *
list_pop_method(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "pop expected at most 1 argument, got %zd", nargs);
    Ft_ssize index = -1;
    if (nargs == 1 && index_from_object(args[0], &index) < 0)
        return NULL;
    FtListObject *self = LIST(op);
    FtObject *v = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    Ft_ssize size = list_size(self);
    if (size == 0) {
        ft_error_set_string(&ft_exc_index_error, "pop from empty list");
    } else {
        if (index < 0)
            index += size;
        if ((size_t)index >= (size_t)size) {
            ft_error_set_string(&ft_exc_index_error, "pop index out of range");
        } else if (size == 1) {
            v = ft_new_ref(self->ob_item[0]);
            list_clear_lock_held(self);
        } else {
            FtObject **items = self->ob_item;
            v = items[index];
            slots_move(items, index, index + 1, size - 1 - index);
            if (list_resize_lock_held(self, size - 1) < 0) {
                slots_move(items, index + 1, index, size - 1 - index);
                slot_store_release(items, index, v);
                v = NULL;
            }
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return v;
}

// remove(value, /) @locked
static FtObject *
list_remove_method(FtObject *op, FtObject *value)
{
    FtListObject *self = LIST(op);
    int found = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    for (Ft_ssize i = 0; i < list_size(self); i++) {
        FtObject *item = ft_new_ref(self->ob_item[i]);
        int cmp = ft_object_rich_compare_bool(item, value, FT_EQ);
        ft_decref(item);
        if (cmp > 0) {
            // Re-validated: __eq__ may have shortened the list.
            if (i < list_size(self))
                found = list_ass_slice_lock_held(self, i, i + 1, NULL, 0) < 0 ? -1 : 1;
            else
                found = 0;
            break;
        }
        if (cmp < 0) {
            found = -1;
            break;
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (found < 0)
        return NULL;
    if (found == 0)
        return ft_error_format(&ft_exc_value_error, "list.remove(x): x not in list");
    return ft_none_ref();
}

// A slice bound of list.index: an int or an __index__ object, clamped when out of range (as
// _PyEval_SliceIndex).
static int
slice_index_from_object(FtObject *o, Ft_ssize *out)
{
    if (!has_index(o)) {
        ft_error_set_string(&ft_exc_type_error,
                            "slice indices must be integers or have an __index__ method");
        return -1;
    }
    if (ft_int_check(o)) {
        int_as_ssize_clamped(o, out);
        return 0;
    }
    *out = ft_number_as_ssize(o, NULL);
    return *out == -1 && ft_error_occurred() ? -1 : 0;
}

// index(value, start=0, stop=sys.maxsize, /)
static FtObject *
list_index_method(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "index expected at least 1 argument, got %zd",
                               nargs);
    if (nargs > 3)
        return ft_error_format(&ft_exc_type_error, "index expected at most 3 arguments, got %zd",
                               nargs);
    Ft_ssize start = 0, stop = FT_LIST_SLICE_MAX;
    if (nargs >= 2 && slice_index_from_object(args[1], &start) < 0)
        return NULL;
    if (nargs >= 3 && slice_index_from_object(args[2], &stop) < 0)
        return NULL;
    Ft_ssize size = list_size(LIST(op));
    if (start < 0) {
        start += size;
        if (start < 0)
            start = 0;
    }
    if (stop < 0) {
        stop += size;
        if (stop < 0)
            stop = 0;
    }
    for (Ft_ssize i = start; i < stop; i++) {
        FtObject *item = list_get_item_lock_free(LIST(op), i);
        if (item == NULL)
            break;
        int cmp = ft_object_rich_compare_bool(item, args[0], FT_EQ);
        ft_decref(item);
        if (cmp > 0)
            return ft_int_from_int64_ref(i);
        if (cmp < 0)
            return NULL;
    }
    return ft_error_format(&ft_exc_value_error, "list.index(x): x not in list");
}

// count(value, /)
static FtObject *
list_count_method(FtObject *op, FtObject *value)
{
    Ft_ssize count = 0;
    for (Ft_ssize i = 0;; i++) {
        FtObject *item = list_get_item_lock_free(LIST(op), i);
        if (item == NULL)
            break;
        if (item == value) {
            count++;
            ft_decref(item);
            continue;
        }
        int cmp = ft_object_rich_compare_bool(item, value, FT_EQ);
        ft_decref(item);
        if (cmp > 0)
            count++;
        else if (cmp < 0)
            return NULL;
    }
    return ft_int_from_int64_ref(count);
}

// clear() @locked
static FtObject *
list_clear_method(FtObject *op)
{
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    list_clear_lock_held(LIST(op));
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_none_ref();
}

// copy() @locked
static FtObject *
list_copy_method(FtObject *op)
{
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    res = list_slice_lock_held(LIST(op), 0, 1, list_size(LIST(op)));
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// reverse() @locked
static FtObject *
list_reverse_method(FtObject *op)
{
    ft_list_reverse(op);
    return ft_none_ref();
}

// sort(*, key=None, reverse=False) @locked
static FtObject *
list_sort_method(FtObject *op, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtObject *key = NULL;
    bool reverse = false;
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    // The clinic parser's order: too many arguments in all, then any positional one.
    if (nargs > 0 && nargs + nkw > 2)
        return ft_error_format(&ft_exc_type_error, "sort() takes at most 2 arguments (%zd given)",
                               nargs + nkw);
    if (nargs > 0)
        return ft_error_format(&ft_exc_type_error, "sort() takes no positional arguments");
    if (nkw > 2)
        return ft_error_format(&ft_exc_type_error, "sort() takes at most 2 keyword arguments (%zd given)",
                               nkw);
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *name = ft_tuple_get_item_borrow(kwnames, k);
        FtObject *value = args[nargs + k];
        if (ft_str_equal_cstr(name, "key")) {
            key = value;
        } else if (ft_str_equal_cstr(name, "reverse")) {
            // Any object, by its truth value (the clinic `bool` converter).
            int r = ft_object_is_true(value);
            if (r < 0)
                return NULL;
            reverse = r != 0;
        } else {
            return ft_error_format(&ft_exc_type_error,
                                   "sort() got an unexpected keyword argument '%U'", name);
        }
    }
    if (ft_list_sort(op, key, reverse) < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *list_reversed_ref(FtObject *op);

// __reversed__()
static FtObject *
list_reversed_method(FtObject *op)
{
    return list_reversed_ref(op);
}

// __sizeof__()
static FtObject *
list_sizeof_method(FtObject *op)
{
    Ft_ssize allocated = ft_list_capacity(op);
    if (allocated < 0)
        allocated = 0;
    return ft_int_from_int64_ref((int64_t)(op->ob_type->tp_basicsize +
                                           allocated * (Ft_ssize)sizeof(FtObject *)));
}

/* --- Type object --- */

// __getitem__(key): the same as self[key], named in its own argument-count errors.
static FtObject *
list_getitem_method(FtObject *op, FtObject *key)
{
    return list_subscript(op, key);
}

static const FtMethodDef list_methods[] = {
    {"__getitem__", {.o = list_getitem_method}, FT_METH_O | FT_METH_COEXIST, "Return self[index]."},
    {"__reversed__", {.noargs = list_reversed_method}, FT_METH_NOARGS,
     "Return a reverse iterator over the list."},
    {"__sizeof__", {.noargs = list_sizeof_method}, FT_METH_NOARGS,
     "Return the size of the list in memory, in bytes."},
    {"clear", {.noargs = list_clear_method}, FT_METH_NOARGS, "Remove all items from list."},
    {"copy", {.noargs = list_copy_method}, FT_METH_NOARGS, "Return a shallow copy of the list."},
    {"append", {.o = list_append_method}, FT_METH_O, "append($self, object, /)\n--\n\nAppend object to the end of the list."},
    {"insert", {.fast = list_insert_method}, FT_METH_FASTCALL, "Insert object before index."},
    {"extend", {.o = list_extend_method}, FT_METH_O,
     "Extend list by appending elements from the iterable."},
    {"pop", {.fast = list_pop_method}, FT_METH_FASTCALL,
     "Remove and return item at index (default last).\n\n"
     "Raises IndexError if list is empty or index is out of range."},
    {"remove", {.o = list_remove_method}, FT_METH_O,
     "Remove first occurrence of value.\n\nRaises ValueError if the value is not present."},
    {"index", {.fast = list_index_method}, FT_METH_FASTCALL,
     "Return first index of value.\n\nRaises ValueError if the value is not present."},
    {"count", {.o = list_count_method}, FT_METH_O, "Return number of occurrences of value."},
    {"reverse", {.noargs = list_reverse_method}, FT_METH_NOARGS, "Reverse *IN PLACE*."},
    {"sort", {.fast_kw = list_sort_method}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Sort the list in ascending order and return None."},
    {NULL, {NULL}, 0, NULL},
};

static FtSequenceMethods list_as_sequence = {
    .sq_length = list_length,
    .sq_concat = list_concat,
    .sq_repeat = list_repeat,
    .sq_item = list_item,
    .sq_ass_item = list_ass_item,
    .sq_contains = list_contains,
    .sq_inplace_concat = list_inplace_concat,
    .sq_inplace_repeat = list_inplace_repeat,
};

static FtMappingMethods list_as_mapping = {
    .mp_length = list_length,
    .mp_subscript = list_subscript,
    .mp_ass_subscript = list_ass_subscript,
};

static FtObject *list_iter(FtObject *op);

FtTypeObject ft_list_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "list",
    .tp_basicsize = sizeof(FtListObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_LIST_SUBCLASS,
    .tp_dealloc = list_dealloc,
    .tp_traverse = list_traverse,
    .tp_clear = list_tp_clear,
    .tp_repr = list_repr,
    .tp_richcompare = list_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = list_iter,
    .tp_init = list_init,
    .tp_new = list_new,
    .tp_as_sequence = &list_as_sequence,
    .tp_as_mapping = &list_as_mapping,
    .tp_methods = list_methods,
    .tp_doc = "Built-in mutable sequence.\n\n"
              "If no argument is given, the constructor creates a new empty list.\n"
              "The argument must be an iterable if specified.",
};

/* --- Iterators --- */

// list_iterator and list_reverseiterator. The list is kept until the iterator dies (as CPython's
// free-threaded build does), so next() needs no lock on the iterator: only the index changes.
typedef struct ListIterObject {
    FtObject ob_base;
    Ft_ssize index;       // atomic: relaxed (iterator sharing between threads is racy by nature,
                          // but never unsafe); negative: nothing left (LIST_ITER_DONE for good)
    FtObject *list;       // immutable: a strong reference
} ListIterObject;

// A forward iterator that ran off the end: CPython drops its list then, so __setstate__ can no
// longer revive it and __reduce__ shows an empty list. (-1 is an index __setstate__ may store.)
#define LIST_ITER_DONE ((Ft_ssize)-2)

static FtObject *
list_iter_new(FtTypeObject *type, FtObject *list, Ft_ssize index)
{
    ListIterObject *it = (ListIterObject *)ft_object_new_of_type(type, 0);
    if (it == NULL)
        return NULL;
    it->index = index;   // unpublished: plain stores
    it->list = ft_new_ref(list);
    return (FtObject *)it;
}

static FtObject *
list_iter(FtObject *op)
{
    return list_iter_new(&ft_list_iter_type, op, 0);
}

static FtObject *
list_reversed_ref(FtObject *op)
{
    return list_iter_new(&ft_list_reverse_iter_type, op, list_size(LIST(op)) - 1);
}

static void
list_iter_dealloc(FtObject *op)
{
    ft_decref(((ListIterObject *)op)->list);
    ft_object_free_memory(op);
}

static int
list_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((ListIterObject *)op)->list, arg);
}

static FtObject *
list_iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
list_iter_next(FtObject *op)
{
    ListIterObject *it = (ListIterObject *)op;
    // relaxed: see the field's comment.
    Ft_ssize index = ft_atomic_load_ssize_relaxed(&it->index);
    if (index < 0)
        return NULL;
    FtObject *item = list_get_item_lock_free(LIST(it->list), index);
    // relaxed: see the field's comment.
    ft_atomic_store_ssize_relaxed(&it->index, item != NULL ? index + 1 : LIST_ITER_DONE);
    return item;
}

static FtObject *
list_reverse_iter_next(FtObject *op)
{
    ListIterObject *it = (ListIterObject *)op;
    // relaxed: see the field's comment.
    Ft_ssize index = ft_atomic_load_ssize_relaxed(&it->index);
    if (index < 0)
        return NULL;
    FtObject *item = list_get_item_lock_free(LIST(it->list), index);
    // relaxed: see the field's comment.
    ft_atomic_store_ssize_relaxed(&it->index, item != NULL ? index - 1 : -1);
    return item;
}

// __length_hint__(): the items left, 0 once exhausted or when the list shrank below the index.
static FtObject *
list_iter_length_hint(FtObject *op)
{
    ListIterObject *it = (ListIterObject *)op;
    // relaxed: see the field's comment.
    Ft_ssize index = ft_atomic_load_ssize_relaxed(&it->index);
    Ft_ssize left = index >= 0 ? list_size(LIST(it->list)) - index : 0;
    return ft_int_from_int64_ref(left > 0 ? left : 0);
}

static FtObject *
list_reverse_iter_length_hint(FtObject *op)
{
    ListIterObject *it = (ListIterObject *)op;
    // relaxed: see the field's comment.
    Ft_ssize left = ft_atomic_load_ssize_relaxed(&it->index) + 1;
    if (left < 0 || list_size(LIST(it->list)) < left)
        left = 0;
    return ft_int_from_int64_ref(left);
}

// __reduce__() of both iterators: (iter, (list,), index) or (reversed, (list,), index) while an
// item may be left, else the same builtin applied to a new empty list.
static FtObject *
list_iter_reduce_common(FtObject *op, const char *builtin)
{
    ListIterObject *it = (ListIterObject *)op;
    // relaxed: see the field's comment.
    Ft_ssize index = ft_atomic_load_ssize_relaxed(&it->index);
    if (index >= 0) {
        FtObject *state = ft_int_from_int64_ref(index);
        if (state == NULL)
            return NULL;
        FtObject *res = ft_iter_reduce_ref(builtin, it->list, state);
        ft_decref(state);
        return res;
    }
    FtObject *empty = ft_list_new_ref(0);
    if (empty == NULL)
        return NULL;
    FtObject *res = ft_iter_reduce_ref(builtin, empty, NULL);
    ft_decref(empty);
    return res;
}

static FtObject *
list_iter_reduce(FtObject *op)
{
    return list_iter_reduce_common(op, "iter");
}

static FtObject *
list_reverse_iter_reduce(FtObject *op)
{
    return list_iter_reduce_common(op, "reversed");
}

// __setstate__(index): the next position, clamped to [-1, len(list)]; ignored once done.
static FtObject *
list_iter_setstate(FtObject *op, FtObject *state)
{
    ListIterObject *it = (ListIterObject *)op;
    Ft_ssize index;
    if (ft_iter_state_as_ssize(state, &index) < 0)
        return NULL;
    // relaxed: see the field's comment.
    if (ft_atomic_load_ssize_relaxed(&it->index) != LIST_ITER_DONE) {
        Ft_ssize n = list_size(LIST(it->list));
        index = index < -1 ? -1 : index > n ? n : index;
        ft_atomic_store_ssize_relaxed(&it->index, index);
    }
    return ft_none_ref();
}

// __setstate__(index) of the reverse iterator: clamped to [-1, len(list) - 1].
static FtObject *
list_reverse_iter_setstate(FtObject *op, FtObject *state)
{
    ListIterObject *it = (ListIterObject *)op;
    Ft_ssize index;
    if (ft_iter_state_as_ssize(state, &index) < 0)
        return NULL;
    Ft_ssize last = list_size(LIST(it->list)) - 1;
    index = index < -1 ? -1 : index > last ? last : index;
    // relaxed: see the field's comment.
    ft_atomic_store_ssize_relaxed(&it->index, index);
    return ft_none_ref();
}

static const FtMethodDef list_iter_methods[] = {
    {"__length_hint__", {.noargs = list_iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = list_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", {.o = list_iter_setstate}, FT_METH_O, "Set state information for unpickling."},
    {NULL, {NULL}, 0, NULL},
};

static const FtMethodDef list_reverse_iter_methods[] = {
    {"__length_hint__", {.noargs = list_reverse_iter_length_hint}, FT_METH_NOARGS,
     "Private method returning an estimate of len(list(it))."},
    {"__reduce__", {.noargs = list_reverse_iter_reduce}, FT_METH_NOARGS,
     "Return state information for pickling."},
    {"__setstate__", {.o = list_reverse_iter_setstate}, FT_METH_O,
     "Set state information for unpickling."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_list_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "list_iterator",
    .tp_basicsize = sizeof(ListIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = list_iter_dealloc,
    .tp_traverse = list_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = list_iter_self,
    .tp_iternext = list_iter_next,
    .tp_methods = list_iter_methods,
};

FtTypeObject ft_list_reverse_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "list_reverseiterator",
    .tp_basicsize = sizeof(ListIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = list_iter_dealloc,
    .tp_traverse = list_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = list_iter_self,
    .tp_iternext = list_reverse_iter_next,
    .tp_methods = list_reverse_iter_methods,
};

int
ft_list_init_types(void)
{
    if (ft_type_ready(&ft_list_type) < 0 || ft_type_ready(&ft_list_iter_type) < 0)
        return -1;
    return ft_type_ready(&ft_list_reverse_iter_type);
}

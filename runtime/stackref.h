// runtime/stackref.h: tagged references for the eval loop's value stack and frame locals
// (FREE-THREADING.md section 2.7; CPython 3.14's _PyStackRef under Py_GIL_DISABLED).
//
// An FtStackRef is one word: an object pointer whose bit 0 says whether the slot owns a reference.
//   bit 0 clear: a counted (strong) reference, released when the slot is closed;
//   bit 0 set ("deferred"): no count is held, because the object is immortal or uses deferred
//     reference counting (only the cycle collector frees it, and it scans every frame's slots), or
//     because the slot borrows from another slot that outlives it.
// NULL is FT_STACKREF_NULL (the deferred bit alone), so closing or duplicating it is a no-op.
// Pushing None, a small int, a function, a code object or a module global therefore costs no atomic
// and no write to a shared cache line: this is what lets many threads run the same functions.
//
// Concurrency: a stack ref lives in one thread's frame; only that thread reads or writes it, except a
// stop-the-world collector, which must test the tag before dereferencing (a strong slot may hold a
// dead value after a partial unwind; a deferred slot never does).
#ifndef FT_RUNTIME_STACKREF_H
#define FT_RUNTIME_STACKREF_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uintptr_t

#include "runtime/object.h"     // FtObject
#include "runtime/refcount.h"   // ft_incref ft_decref ft_object_is_immortal ft_object_has_deferred_refcount

typedef struct FtStackRef {
    uintptr_t bits;
} FtStackRef;

#define FT_STACKREF_TAG_DEFERRED ((uintptr_t)1)
#define FT_STACKREF_TAG_MASK ((uintptr_t)1)

static const FtStackRef FT_STACKREF_NULL = {FT_STACKREF_TAG_DEFERRED};

static inline bool
ft_stackref_is_null(FtStackRef ref)
{
    return (ref.bits & ~FT_STACKREF_TAG_MASK) == 0;
}

static inline bool
ft_stackref_is_deferred(FtStackRef ref)
{
    return (ref.bits & FT_STACKREF_TAG_DEFERRED) != 0;
}

// The object, borrowed for as long as the slot holds it. NULL for FT_STACKREF_NULL.
static inline FtObject *
ft_stackref_as_borrow(FtStackRef ref)
{
    return (FtObject *)(ref.bits & ~FT_STACKREF_TAG_MASK);
}

// A slot that owns the caller's reference to op (op not NULL).
static inline FtStackRef
ft_stackref_from_ref_steal(FtObject *op)
{
    FtStackRef ref = {(uintptr_t)op};
    return ref;
}

// A slot for op that the caller only borrows: deferred (no count) when op is immortal or uses
// deferred reference counting, else a new strong reference.
static inline FtStackRef
ft_stackref_from_borrow(FtObject *op)
{
    if (ft_object_is_immortal(op) || ft_object_has_deferred_refcount(op)) {
        FtStackRef ref = {(uintptr_t)op | FT_STACKREF_TAG_DEFERRED};
        return ref;
    }
    ft_incref(op);
    FtStackRef ref = {(uintptr_t)op};
    return ref;
}

// A slot that borrows op without counting, valid only while something else keeps op alive for
// longer than the slot (LOAD_FAST_BORROW: the frame's local outlives the stack slot).
static inline FtStackRef
ft_stackref_borrow_uncounted(FtObject *op)
{
    FtStackRef ref = {(uintptr_t)op | FT_STACKREF_TAG_DEFERRED};
    return ref;
}

// Releases the slot's reference, if it owns one.
static inline void
ft_stackref_close(FtStackRef ref)
{
    if (!ft_stackref_is_deferred(ref))
        ft_decref((FtObject *)ref.bits);
}

// As ft_stackref_close, for a slot that may hold NULL.
static inline void
ft_stackref_xclose(FtStackRef ref)
{
    if (ref.bits != 0 && !ft_stackref_is_deferred(ref))
        ft_decref((FtObject *)ref.bits);
}

// A second slot for the same object: a copy when deferred, else a new strong reference.
static inline FtStackRef
ft_stackref_dup(FtStackRef ref)
{
    if (!ft_stackref_is_deferred(ref))
        ft_incref((FtObject *)ref.bits);
    return ref;
}

// A strong reference for the heap (a list item, a dict value, a return value), consuming the slot:
// a deferred slot gains a real count here. Returns NULL for FT_STACKREF_NULL.
static inline FtObject *
ft_stackref_to_ref_steal(FtStackRef ref)
{
    FtObject *op = ft_stackref_as_borrow(ref);
    if (op != NULL && ft_stackref_is_deferred(ref))
        ft_incref(op);
    return op;
}

// A new strong reference to the slot's object, leaving the slot as it is. op must not be NULL.
static inline FtObject *
ft_stackref_as_ref(FtStackRef ref)
{
    FtObject *op = ft_stackref_as_borrow(ref);
    ft_incref(op);
    return op;
}

#endif // FT_RUNTIME_STACKREF_H

// objects/object.h: the generic object protocol (CPython's Objects/object.c and the parts of
// abstract.c/call.c the core needs), object allocation, and the built-in singletons.
//
// Every function follows objects/README.md: FtObject * results are new references (NULL with the
// exception set on the calling thread), int results are 0 / -1, predicates 1 / 0 / -1. All of them
// need an attached thread state (ft_thread_state_current()) and may be called from any such thread;
// the objects they are given must be referenced by the caller.
#ifndef FT_OBJECTS_OBJECT_H
#define FT_OBJECTS_OBJECT_H

#include <stdbool.h>   // bool
#include <stddef.h>    // size_t

#include "runtime/object.h"     // FtObject FtTypeObject FT_TPFLAGS_*
#include "runtime/refcount.h"   // ft_incref ft_decref FT_REF_IMMORTAL_LOCAL

// The header of a statically allocated, immortal object of the given type (a constant expression).
#define FT_OBJECT_HEAD_INIT(type)                                                           \
    {                                                                                       \
        .ob_tid = 0, .ob_flags = FT_OBJECT_FLAG_IMMORTAL | FT_OBJECT_FLAG_STATIC,           \
        .ob_mutex = {0}, .ob_gc_bits = FT_GC_DEFERRED, .ob_ref_local = FT_REF_IMMORTAL_LOCAL, \
        .ob_ref_shared = 0, .ob_type = (type)                                               \
    }
#define FT_VAR_OBJECT_HEAD_INIT(type, size) { .ob_base = FT_OBJECT_HEAD_INIT(type), .ob_size = (size) }

// Rich comparison operators (CPython's Py_LT ... Py_GE values).
enum { FT_LT = 0, FT_LE = 1, FT_EQ = 2, FT_NE = 3, FT_GT = 4, FT_GE = 5 };

// The vectorcall nargsf flag: the caller allows args[-1] to be overwritten temporarily.
#define FT_VECTORCALL_ARGUMENTS_OFFSET ((size_t)1 << (8 * sizeof(size_t) - 1))
// The nargsf flag that T.__new__(S, ...) sets when it calls tp_new: CPython calls a built-in type
// through a fast path of its own but T.__new__ through argument clinic, and a few argument errors
// differ between the two ("int expected at most 2 arguments, got 3" vs "int() takes at most 2
// arguments (3 given)"). Only such a tp_new reads it; everyone else masks it away.
#define FT_VECTORCALL_FROM_NEW_METHOD ((size_t)1 << (8 * sizeof(size_t) - 2))

static inline Ft_ssize
ft_vectorcall_nargs(size_t nargsf)
{
    return (Ft_ssize)(nargsf & ~(FT_VECTORCALL_ARGUMENTS_OFFSET | FT_VECTORCALL_FROM_NEW_METHOD));
}

// The built-in type objects of the core (static, immortal, readied by ft_objects_init).
// `object` is ft_base_object_type (ft_object_type() is the header accessor in runtime/object.h).
extern FtTypeObject ft_base_object_type;
extern FtTypeObject ft_type_type;
extern FtTypeObject ft_none_type;
extern FtTypeObject ft_not_implemented_type;
extern FtTypeObject ft_ellipsis_type;

// The singletons (objects/none.c): immortal, shared by all threads, never locked.
extern FtObject ft_none_object;
extern FtObject ft_not_implemented_object;
extern FtObject ft_ellipsis_object;
#define FT_NONE (&ft_none_object)
#define FT_NOT_IMPLEMENTED (&ft_not_implemented_object)
#define FT_ELLIPSIS (&ft_ellipsis_object)

// Readies every built-in type of objects/ and creates the singletons (small ints, the empty tuple,
// the preallocated MemoryError). Call once, on the main thread, with its thread state attached and
// before any second thread exists. Returns 0, or -1 with an exception set (or fatal if even that is
// impossible).
int ft_objects_init(void);

// The calling thread's guard against infinite recursion in a container's repr (CPython's
// Py_ReprEnter/Py_ReprLeave): ft_object_repr_enter returns 1 if op's repr is already in progress
// on this thread (the caller prints "..."), else records op in *frame, which lives on the caller's
// C stack, and returns 0; every 0 is paired with ft_object_repr_leave(frame) before the caller
// returns. Calling thread only.
typedef struct FtReprFrame {
    FtObject *obj;
    struct FtReprFrame *prev;
} FtReprFrame;
int ft_object_repr_enter(FtReprFrame *frame, FtObject *op);
void ft_object_repr_leave(FtReprFrame *frame);

// Readies NoneType, NotImplementedType and ellipsis (objects/none.c). Part of ft_objects_init.
int ft_none_init_types(void);

// Identity helpers.

static inline bool
ft_object_is(const FtObject *a, const FtObject *b)
{
    return a == b;
}

static inline bool
ft_object_is_none(const FtObject *op)
{
    return op == FT_NONE;
}

// True if op's type is exactly type.
static inline bool
ft_object_is_exact(const FtObject *op, const FtTypeObject *type)
{
    return op->ob_type == type;
}

static inline bool
ft_type_has_flag(const FtTypeObject *type, uint64_t flag)
{
    return (type->tp_flags & flag) != 0;
}

// Returns FT_NONE with a new reference (a no-op: None is immortal) - for `return ft_none_ref();`.
static inline FtObject *
ft_none_ref(void)
{
    return FT_NONE;
}

// Allocation.

// Allocates and initializes a new instance of type with room for nitems items: tp_basicsize +
// nitems * tp_itemsize bytes, zeroed, through the calling thread's object heap. The allocator kind
// follows the type flags (HAVE_GC with PREHEADER -> pre-header kind, HAVE_GC -> GC kind, else
// plain); GC instances get FT_GC_TRACKED. For variable-sized types ob_size is set to nitems. Returns
// the new reference, or NULL with MemoryError set. Unpublished until the caller stores it.
FtObject *ft_object_new_of_type(FtTypeObject *type, Ft_ssize nitems);

// As ft_object_new_of_type with an explicit byte size (>= sizeof(FtObject)); ob_size untouched.
FtObject *ft_object_new_sized(FtTypeObject *type, size_t size);

// Returns the memory of an object allocated by ft_object_new_* to the allocator. For tp_dealloc.
void ft_object_free_memory(FtObject *op);

// The default tp_dealloc of a type with no references to drop: frees the memory.
void ft_object_dealloc_plain(FtObject *op);

// The protocol.

// repr(op), str(op). The result is checked to be a str ("__repr__ returned non-string ...").
FtObject *ft_object_repr_ref(FtObject *op);
FtObject *ft_object_str_ref(FtObject *op);

// hash(op). Returns -1 with TypeError "unhashable type: 'T'" when the type has no tp_hash.
Ft_hash ft_object_hash(FtObject *op);

// The default hash of object (CPython's _Py_HashPointer: the address rotated by 4 bits).
Ft_hash ft_object_hash_pointer(const void *p);

// v <op> w with CPython's reflected-operand order and NotImplemented fallbacks; EQ/NE fall back to
// identity, the others raise TypeError "'<' not supported between instances of 'A' and 'B'".
FtObject *ft_object_rich_compare_ref(FtObject *v, FtObject *w, int op);

// As ft_object_rich_compare_ref, then truth-tested; identity implies equality for EQ/NE (as
// PyObject_RichCompareBool). Returns 1, 0 or -1.
int ft_object_rich_compare_bool(FtObject *v, FtObject *w, int op);

// bool(op): 1, 0 or -1.
int ft_object_is_true(FtObject *op);

// getattr(op, name), setattr(op, name, value) / delattr (value NULL); name must be a str.
FtObject *ft_object_get_attr_ref(FtObject *op, FtObject *name);
int ft_object_set_attr(FtObject *op, FtObject *name, FtObject *value);
// As above with a UTF-8 C string name.
FtObject *ft_object_get_attr_cstr_ref(FtObject *op, const char *name);

// Tri-state getattr: 1 with *result set, 0 (AttributeError swallowed, *result NULL), -1 on error.
int ft_object_lookup_attr(FtObject *op, FtObject *name, FtObject **result);

// object.__getattribute__ / object.__setattr__: data descriptors on the type's MRO, then the
// instance __dict__ (ft_object_dict_ptr, objects/type.h; created on the first store), then other
// descriptors and class attributes. AttributeError "'A' object has no attribute 'x'" (with its
// name and obj set). The tp_getattro / tp_setattro of most types.
FtObject *ft_object_generic_get_attr_ref(FtObject *op, FtObject *name);
int ft_object_generic_set_attr(FtObject *op, FtObject *name, FtObject *value);

// callable(*args, **kw) in the vectorcall convention (objects/README.md). TypeError "'T' object is
// not callable" when the type has no tp_call.
FtObject *ft_object_vectorcall_ref(FtObject *callable, FtObject *const *args, size_t nargsf,
                                   FtObject *kwnames);

// isinstance(op, type) for a type (no __instancecheck__ hooks yet: TODO(#4)): 1 or 0.
int ft_object_type_check(FtObject *op, FtTypeObject *type);

#endif // FT_OBJECTS_OBJECT_H

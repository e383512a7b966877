// runtime/object.h: the free-threaded object header and the minimal type object.
//
// Every Python object starts with FtObject (32 bytes on 64-bit; FREE-THREADING.md section 1.1):
//
//   offset  size  field          protection
//   0       8     ob_tid         owning thread (ft_thread_id()), 0 = unowned; relaxed atomic
//   8       2     ob_flags       FT_OBJECT_FLAG_*; set before publication
//   10      1     ob_mutex       the object's lock; taken only through critical sections
//   11      1     ob_gc_bits     FT_GC_*; relaxed atomic RMW, under ob_mutex once published
//   12      4     ob_ref_local   owner's count, written only by the owner (relaxed); UINT32_MAX = immortal
//   16      8     ob_ref_shared  other threads' count << 2 | merge state (atomic)
//   24      8     ob_type        the type; immutable after publication
//
// Invariants:
//   immortal  <=> ob_ref_local == FT_REF_IMMORTAL_LOCAL, and then ob_tid == 0 and no store ever
//                 happens to the counts (so sharing an immortal causes no cache-line traffic);
//   ob_tid == 0 and not immortal  =>  the shared state is FT_REF_MERGED and ob_ref_local is unused;
//   the shared state only moves to numerically higher values (FREE-THREADING.md section 2.2).
//
// The type object is declared here, not in objects/, because the runtime frees objects (through
// tp_dealloc) and the collector walks them (through tp_traverse) without depending on objects/.
// It also carries CPython's full slot set for the object model (objects/README.md).
#ifndef FT_RUNTIME_OBJECT_H
#define FT_RUNTIME_OBJECT_H

#include <stddef.h>   // size_t
#include <stdint.h>   // uintptr_t uint32_t

#include "sync/atomic.h"   // Ft_ssize
#include "sync/mutex.h"    // FtMutex

typedef struct FtTypeObject FtTypeObject;

typedef struct FtObject {
    uintptr_t ob_tid;
    uint16_t ob_flags;
    FtMutex ob_mutex;
    uint8_t ob_gc_bits;
    uint32_t ob_ref_local;
    Ft_ssize ob_ref_shared;
    FtTypeObject *ob_type;
} FtObject;

_Static_assert(sizeof(FtObject) == 32, "the free-threaded header is 32 bytes");
_Static_assert(offsetof(FtObject, ob_mutex) == 10, "header layout (FREE-THREADING.md 1.1)");
_Static_assert(offsetof(FtObject, ob_ref_local) == 12, "header layout (FREE-THREADING.md 1.1)");

// A variable-sized object: the header plus an item count (immutable for tuples, ints, strings;
// guarded_by(ob_mutex) and read with relaxed loads for lists).
typedef struct FtVarObject {
    FtObject ob_base;
    Ft_ssize ob_size;
} FtVarObject;

// ob_flags bits.
enum {
    FT_OBJECT_FLAG_IMMORTAL = 1 << 0,           // never freed; refcount operations are no-ops
    FT_OBJECT_FLAG_STATIC = 1 << 2,             // statically allocated (never passed to the allocator)
};

// ob_gc_bits (FREE-THREADING.md section 1.2).
enum {
    FT_GC_TRACKED = 1 << 0,        // the cycle collector considers this object
    FT_GC_FINALIZED = 1 << 1,      // tp_finalize already ran (PEP 442)
    FT_GC_UNREACHABLE = 1 << 2,    // collector scratch
    FT_GC_FROZEN = 1 << 3,         // excluded by gc.freeze()
    FT_GC_SHARED = 1 << 4,         // a non-owner thread has seen this container: free its storage via QSBR
    FT_GC_ALIVE = 1 << 5,          // collector scratch: reachable from known roots
    FT_GC_DEFERRED = 1 << 6,       // deferred reference counting
};

// The local count that marks an immortal object: an increment wraps it to 0, which the fast path
// tests for.
#define FT_REF_IMMORTAL_LOCAL UINT32_MAX

// The two low bits of ob_ref_shared (FREE-THREADING.md section 2.2); the count is shifted left by
// FT_REF_SHARED_SHIFT.
enum {
    FT_REF_SHARED_INIT = 0,
    FT_REF_SHARED_MAYBE_WEAKREF = 1,
    FT_REF_SHARED_QUEUED = 2,
    FT_REF_SHARED_MERGED = 3,
    FT_REF_SHARED_FLAG_MASK = 3,
    FT_REF_SHARED_SHIFT = 2,
};

typedef int (*FtVisitProc)(FtObject *referent, void *arg);

// tp_flags bits (CPython's Py_TPFLAGS_* values, so that typeobject.c reads as the specification).
enum {
    FT_TPFLAGS_MANAGED_WEAKREF = 1u << 3,   // the weakref list lives in the pre-header
    FT_TPFLAGS_PREHEADER = 1u << 4,        // instances carry the 2-word pre-header (managed dict/weakrefs)
    FT_TPFLAGS_DISALLOW_INSTANTIATION = 1u << 7,   // tp_new is not inherited; the type cannot be called
    FT_TPFLAGS_IMMUTABLETYPE = 1u << 8,    // attributes of the type cannot be set or deleted
    FT_TPFLAGS_HEAPTYPE = 1u << 9,         // created by a class statement (a GC object)
    FT_TPFLAGS_BASETYPE = 1u << 10,        // may be subclassed
    FT_TPFLAGS_READY = 1u << 12,           // ft_type_ready completed
    FT_TPFLAGS_READYING = 1u << 13,        // ft_type_ready in progress
    FT_TPFLAGS_HAVE_GC = 1u << 14,         // instances take part in cycle collection
    FT_TPFLAGS_METHOD_DESCRIPTOR = 1u << 17,   // instances behave like unbound methods
    FT_TPFLAGS_VALID_VERSION_TAG = 1u << 19,   // tp_version_tag is valid
    FT_TPFLAGS_IS_ABSTRACT = 1u << 20,
    FT_TPFLAGS_LONG_SUBCLASS = 1u << 24,   // the fast subclass bits, inherited by every subtype
    FT_TPFLAGS_LIST_SUBCLASS = 1u << 25,
    FT_TPFLAGS_TUPLE_SUBCLASS = 1u << 26,
    FT_TPFLAGS_BYTES_SUBCLASS = 1u << 27,
    FT_TPFLAGS_UNICODE_SUBCLASS = 1u << 28,
    FT_TPFLAGS_DICT_SUBCLASS = 1u << 29,
    FT_TPFLAGS_BASE_EXC_SUBCLASS = 1u << 30,
};
#define FT_TPFLAGS_TYPE_SUBCLASS (1u << 31)   // outside the enum: does not fit an int

// A hash value (CPython's Py_hash_t): -1 is reserved for "error".
typedef Ft_ssize Ft_hash;

// Slot signatures. Every C callable has the vectorcall signature (objects/README.md): args[0..n) are
// the positional arguments then the keyword values, n = ft_vectorcall_nargs(nargsf), kwnames a tuple
// of the keyword names (or NULL). Functions returning FtObject * return a new reference or NULL with
// the exception set; int functions return 0 (or a boolean) or -1 with the exception set.
typedef FtObject *(*FtVectorcallFunc)(FtObject *callable, FtObject *const *args, size_t nargsf,
                                      FtObject *kwnames);
typedef FtObject *(*FtUnaryFunc)(FtObject *self);
typedef FtObject *(*FtBinaryFunc)(FtObject *a, FtObject *b);
typedef FtObject *(*FtTernaryFunc)(FtObject *a, FtObject *b, FtObject *c);
typedef int (*FtInquiry)(FtObject *self);
typedef Ft_ssize (*FtLenFunc)(FtObject *self);
typedef FtObject *(*FtSsizeArgFunc)(FtObject *self, Ft_ssize i);
typedef int (*FtSsizeObjArgProc)(FtObject *self, Ft_ssize i, FtObject *value);
typedef int (*FtObjObjProc)(FtObject *self, FtObject *value);
typedef int (*FtObjObjArgProc)(FtObject *self, FtObject *key, FtObject *value);
typedef Ft_hash (*FtHashFunc)(FtObject *self);
typedef FtObject *(*FtRichCmpFunc)(FtObject *a, FtObject *b, int op);
typedef FtObject *(*FtGetAttroFunc)(FtObject *self, FtObject *name);
typedef int (*FtSetAttroFunc)(FtObject *self, FtObject *name, FtObject *value);   // value NULL: delete
typedef FtObject *(*FtDescrGetFunc)(FtObject *descr, FtObject *obj, FtObject *type);
typedef int (*FtDescrSetFunc)(FtObject *descr, FtObject *obj, FtObject *value);   // value NULL: delete
typedef FtObject *(*FtNewFunc)(FtTypeObject *type, FtObject *const *args, size_t nargsf,
                               FtObject *kwnames);
typedef int (*FtInitFunc)(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames);
typedef void (*FtDestructor)(FtObject *self);

// Result of am_send (CPython's PySendResult).
typedef enum { FT_SEND_RETURN = 0, FT_SEND_ERROR = -1, FT_SEND_NEXT = 1 } FtSendResult;

// Sub-tables of slots, with CPython's slot names and meanings. Static types' tables are immutable
// after ft_type_ready.
typedef struct FtNumberMethods {
    FtBinaryFunc nb_add;
    FtBinaryFunc nb_subtract;
    FtBinaryFunc nb_multiply;
    FtBinaryFunc nb_remainder;
    FtBinaryFunc nb_divmod;
    FtTernaryFunc nb_power;
    FtUnaryFunc nb_negative;
    FtUnaryFunc nb_positive;
    FtUnaryFunc nb_absolute;
    FtInquiry nb_bool;
    FtUnaryFunc nb_invert;
    FtBinaryFunc nb_lshift;
    FtBinaryFunc nb_rshift;
    FtBinaryFunc nb_and;
    FtBinaryFunc nb_xor;
    FtBinaryFunc nb_or;
    FtUnaryFunc nb_int;
    FtUnaryFunc nb_float;
    FtBinaryFunc nb_inplace_add;
    FtBinaryFunc nb_inplace_subtract;
    FtBinaryFunc nb_inplace_multiply;
    FtBinaryFunc nb_inplace_remainder;
    FtTernaryFunc nb_inplace_power;
    FtBinaryFunc nb_inplace_lshift;
    FtBinaryFunc nb_inplace_rshift;
    FtBinaryFunc nb_inplace_and;
    FtBinaryFunc nb_inplace_xor;
    FtBinaryFunc nb_inplace_or;
    FtBinaryFunc nb_floor_divide;
    FtBinaryFunc nb_true_divide;
    FtBinaryFunc nb_inplace_floor_divide;
    FtBinaryFunc nb_inplace_true_divide;
    FtUnaryFunc nb_index;
    FtBinaryFunc nb_matrix_multiply;
    FtBinaryFunc nb_inplace_matrix_multiply;
} FtNumberMethods;

typedef struct FtSequenceMethods {
    FtLenFunc sq_length;
    FtBinaryFunc sq_concat;
    FtSsizeArgFunc sq_repeat;
    FtSsizeArgFunc sq_item;
    FtSsizeObjArgProc sq_ass_item;
    FtObjObjProc sq_contains;
    FtBinaryFunc sq_inplace_concat;
    FtSsizeArgFunc sq_inplace_repeat;
} FtSequenceMethods;

typedef struct FtMappingMethods {
    FtLenFunc mp_length;
    FtBinaryFunc mp_subscript;
    FtObjObjArgProc mp_ass_subscript;
} FtMappingMethods;

typedef struct FtAsyncMethods {
    FtUnaryFunc am_await;
    FtUnaryFunc am_aiter;
    FtUnaryFunc am_anext;
    FtSendResult (*am_send)(FtObject *iter, FtObject *arg, FtObject **result);
} FtAsyncMethods;

// Declared in objects/method_def.h.
typedef struct FtMethodDef FtMethodDef;
typedef struct FtMemberDef FtMemberDef;
typedef struct FtGetSetDef FtGetSetDef;

// The type object. A static type is immortal and is completed by ft_type_ready (objects/type.h)
// during start-up, before a second thread exists; afterwards it is immutable except tp_version_tag
// (atomic) and the subclass list (TODO(#4): under the type lock). Heap types come with issue 4.
struct FtTypeObject {
    FtVarObject ob_base;
    const char *tp_name;
    Ft_ssize tp_basicsize;
    Ft_ssize tp_itemsize;
    uint64_t tp_flags;    // immutable after ready, except FT_TPFLAGS_IS_ABSTRACT: stop-the-world
                          // only (objects/type.c type_set_abstractmethods); read plainly
    // Frees the object's resources and its memory; called exactly once, when the count reaches 0
    // (or by the collector). Never NULL for a heap-allocated type.
    void (*tp_dealloc)(FtObject *self);
    // Calls visit on every object reference the object holds; may be NULL for non-GC types.
    int (*tp_traverse)(FtObject *self, FtVisitProc visit, void *arg);
    // Drops the object's references to break cycles; may be NULL.
    int (*tp_clear)(FtObject *self);

    // The rest are the object model's slots (objects/), CPython's meanings; all immutable after
    // ft_type_ready for static types.
    FtUnaryFunc tp_repr;
    FtUnaryFunc tp_str;
    FtHashFunc tp_hash;
    FtRichCmpFunc tp_richcompare;
    FtVectorcallFunc tp_call;
    FtGetAttroFunc tp_getattro;
    FtSetAttroFunc tp_setattro;
    FtUnaryFunc tp_iter;
    FtUnaryFunc tp_iternext;
    FtDescrGetFunc tp_descr_get;
    FtDescrSetFunc tp_descr_set;
    FtInitFunc tp_init;
    FtNewFunc tp_new;
    FtDestructor tp_finalize;
    FtNumberMethods *tp_as_number;
    FtSequenceMethods *tp_as_sequence;
    FtMappingMethods *tp_as_mapping;
    FtAsyncMethods *tp_as_async;
    const FtMethodDef *tp_methods;   // NULL-name terminated
    const FtMemberDef *tp_members;   // NULL-name terminated
    const FtGetSetDef *tp_getset;    // NULL-name terminated
    const char *tp_doc;
    FtTypeObject *tp_base;
    FtObject *tp_bases;              // a tuple; set by ft_type_ready when NULL
    FtObject *tp_mro;                // a tuple; computed by ft_type_ready (C3)
    FtObject *tp_dict;               // the type's namespace, filled by ft_type_ready
    Ft_ssize tp_dictoffset;          // 0: no instance __dict__
    Ft_ssize tp_weaklistoffset;      // 0: no weak references
    uint32_t tp_version_tag;         // atomic: 0 = invalid; assigned by ft_type_ready
};

static inline FtTypeObject *
ft_object_type(const FtObject *op)
{
    return op->ob_type;
}

#endif // FT_RUNTIME_OBJECT_H

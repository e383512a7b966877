// objects/type.h: type objects (CPython's Objects/typeobject.c): readying static types (slot
// inheritance, C3 MRO, the type dict), subtype tests and MRO lookup.
//
// Also heap types (class statements: objects/type_new.c), the slots that call Python-level dunders
// (objects/type_slots.c), super (objects/super.c), and property / classmethod / staticmethod
// (objects/descr_python.c).
//
// Concurrency: a static type is readied during start-up, before a second thread exists; afterwards
// its fields are immutable except tp_version_tag (atomic). So lookups in static types take no lock.
// A heap type is immutable after type_new publishes it except: its dict (a real dict, which locks
// itself; the type's own critical section orders a store with the slot update and the version-tag
// invalidation that follow it), its slot pointers (stop-the-world only: rewritten with the world
// stopped when a dunder is assigned, read by every thread without synchronization), tp_version_tag
// (atomic), ht_name / ht_qualname (guarded_by(ob_mutex)) and the subclass list
// (guarded_by(ob_mutex)). An instance's ob_type changes only by __class__ assignment, with the world
// stopped. The per-type method cache (FREE-THREADING.md 9.3) is TODO(#4).
#ifndef FT_OBJECTS_TYPE_H
#define FT_OBJECTS_TYPE_H

#include <stdbool.h>   // bool

#include "objects/method_def.h"   // FtMemberDef
#include "runtime/object.h"       // FtTypeObject FtObject FtNumberMethods ...

// A type created at run time (type(name, bases, dict), a class statement). The embedded type's
// tp_as_* point at the tables below. Allocated by type_new as an instance of its metatype (whose
// tp_basicsize is at least sizeof(FtHeapTypeObject)); a GC object with deferred reference counting.
typedef struct FtHeapTypeObject {
    FtTypeObject ht_type;
    FtNumberMethods as_number;      // slot entries: see the concurrency note above
    FtSequenceMethods as_sequence;
    FtMappingMethods as_mapping;
    FtAsyncMethods as_async;
    FtObject *ht_name;              // str; guarded_by(ob_mutex), read with the lock too
    FtObject *ht_qualname;          // str; guarded_by(ob_mutex)
    FtObject *ht_slots;             // NULL or a tuple of the (mangled) __slots__ names; immutable
    FtObject *ht_subclasses;        // NULL or a list of direct subclasses (strong references:
                                    // TODO(#4) weak references); guarded_by(ob_mutex)
    FtMemberDef *ht_members;        // the __slots__ member table (NULL-name terminated), stored
                                    // in the type object's memory after the metatype's fields;
                                    // immutable. tp_name is ht_name's UTF-8 form.
} FtHeapTypeObject;

// Instances of heap types that have a __dict__ keep it in the first word of the pre-header
// (FT_TPFLAGS_PREHEADER); tp_dictoffset is then FT_TYPE_DICTOFFSET_MANAGED.
#define FT_TYPE_DICTOFFSET_MANAGED ((Ft_ssize)-1)

// The address of op's instance-dict pointer, or NULL when its type gives instances no __dict__.
// The pointer it holds is NULL until the first attribute store creates the dict; it is written
// (release store) under op's critical section. Readers either hold that section or, lock-free,
// load it (acquire) and take a reference with ft_try_incref_compare, which fails when
// `op.__dict__ = d` has replaced it meanwhile (object memory is type-stable, FREE-THREADING.md 2.5 and
// 7.3), and then fall back to the section. Any thread.
FtObject **ft_object_dict_ptr(FtObject *op);

// op's instance __dict__ as a new reference, created empty on first use; NULL with AttributeError
// when op has none (or MemoryError). Any thread.
FtObject *ft_object_get_dict_ref(FtObject *op);

static inline bool
ft_type_is_heap(const FtTypeObject *type)
{
    return (type->tp_flags & FT_TPFLAGS_HEAPTYPE) != 0;
}

static inline bool
ft_type_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_TYPE_SUBCLASS) != 0;
}

// Completes a static type: readies its base (object by default), sets tp_bases, inherits flags, sizes
// and slots, computes the MRO by C3, fills tp_dict from tp_methods/tp_members/tp_getset, assigns a
// version tag. Returns 0, or -1 with an exception (TypeError for an inconsistent MRO). Start-up only
// (single thread). Idempotent.
int ft_type_ready(FtTypeObject *type);

// Adds a class attribute (Token.MISSING) to a static type that ft_type_ready has readied, before
// the type is published: a built-in module's create function, under the import lock. Returns 0
// or -1 (MemoryError; an existing name is an error too).
int ft_type_add_attribute(FtTypeObject *type, const char *name, FtObject *value);

// True if a is b or a subtype of b (through a's MRO, or its base chain before it is readied).
bool ft_type_is_subtype(FtTypeObject *a, FtTypeObject *b);

// The first attribute called name (a str) in type's MRO dicts, borrowed, or NULL if absent; never
// sets an exception. Safe for static types (immutable dicts); for a heap type the value is kept alive
// only by the type's dict, so a concurrent `del C.x` may free it: use ft_type_lookup_ref there.
FtObject *ft_type_lookup_borrow(FtTypeObject *type, FtObject *name);

// As ft_type_lookup_borrow with a new reference: safe against concurrent mutation of heap types'
// dicts. NULL if absent; never sets an exception. Any thread.
FtObject *ft_type_lookup_ref(FtTypeObject *type, FtObject *name);

// The value stored under name in type's own dict (no MRO), borrowed, or NULL (same caveat as
// ft_type_lookup_borrow for heap types).
FtObject *ft_type_dict_get_borrow(FtTypeObject *type, FtObject *name);

// The value stored under name in type's own dict (no MRO) as a new reference, or NULL.
FtObject *ft_type_dict_get_ref(FtTypeObject *type, FtObject *name);

// The winner of the metaclass calculation for a class with these bases (a tuple) and the given
// metatype (type, or the explicit metaclass=): the most derived of metatype and the bases' types,
// borrowed. NULL with TypeError "metaclass conflict: the metaclass of a derived class must be a
// (non-strict) subclass of the metaclasses of all its bases". For builtins.__build_class__, which
// then calls winner.__prepare__(name, bases, **kwds) (type.__prepare__ returns a new dict) and
// winner(name, bases, ns, **kwds). Any thread.
FtTypeObject *ft_type_calculate_metaclass_borrow(FtTypeObject *metatype, FtObject *bases);

// The version tag of type and of every subclass is invalidated (a new tag is assigned) after a
// change to type's dict. Call with no critical section held on type. Any thread.
void ft_type_modified(FtTypeObject *type);

// type.__name__ of a type as a new str: a heap type's name, else the part of tp_name after the last
// dot.
FtObject *ft_type_name_ref(FtTypeObject *type);

// type.__qualname__ as a new str: a heap type's ht_qualname, else its __name__.
FtObject *ft_type_qualname_ref(FtTypeObject *type);

// The current version tag (0: none). Any thread.
uint32_t ft_type_version_tag(FtTypeObject *type);

// C3 linearization of bases (a tuple of types) for a new type placed first: a new tuple, or NULL with
// TypeError "Cannot create a consistent method resolution order (MRO) for bases A, B". Exposed for
// heap types and tests.
FtObject *ft_type_mro_c3_ref(FtTypeObject *type, FtObject *bases);

// type(...) and object(...) slots used by other types.
FtObject *ft_type_call_ref(FtObject *callable, FtObject *const *args, size_t nargsf, FtObject *kwnames);
FtObject *ft_object_new_default(FtTypeObject *type, FtObject *const *args, size_t nargsf,
                                FtObject *kwnames);

// The heap-type machinery shared by objects/type*.c (not for other subsystems).

// type.__new__ (objects/type_new.c): type(name, bases, dict, **kwds).
FtObject *ft_type_new_heap(FtTypeObject *metatype, FtObject *const *args, size_t nargsf,
                           FtObject *kwnames);
// The tp_new slot a "__new__" attribute found in a static type's dict stands for (the builtin
// T.__new__ of type T), or NULL when descr is anything else.
FtNewFunc ft_type_builtin_new_of(FtObject *descr);
// Sets every slot of the heap type from the dunders found in its MRO (CPython's
// fixup_slot_dispatchers). _unlocked: the type is not yet published.
void ft_type_fixup_slots_unlocked(FtTypeObject *type);
// After name (a str) was assigned or deleted on the heap type: updates the slots that name feeds,
// in type and its subclasses, writing them with the world stopped (call with no critical section
// held). 0 (also when name is no dunder), or -1 with an exception.
int ft_type_update_slot(FtTypeObject *type, FtObject *name);

// True when setattro is the slot that calls a class's Python __setattr__ / __delattr__
// (objects/type_slots.c). Immutable; any thread.
bool ft_type_setattro_is_python(FtSetAttroFunc setattro);

// object's pickling methods (objects/object_reduce.c), for object's method table: __getstate__(),
// __reduce__() and __reduce_ex__(protocol). New references, or NULL with an exception. Any thread.
FtObject *ft_object_getstate(FtObject *self);
FtObject *ft_object_reduce(FtObject *self);
FtObject *ft_object_reduce_ex(FtObject *self, FtObject *protocol);

// The interpreter-wide lock of the class hierarchy (FtInterp.type_hierarchy_mutex): held from
// computing an MRO to publishing it and registering the class in its bases' subclass lists (class
// creation), and from validating to swapping __bases__ (assignment), so every MRO is computed from
// the bases' current ones and every subclass list is complete while it is walked. Parks detached
// when contended. Lock order: taken before any critical section and before a stop-the-world;
// nothing that can run Python code may happen while it is held. Any thread, never recursively.
void ft_type_hierarchy_lock(void);
void ft_type_hierarchy_unlock(void);

// Appends sub to the subclass list of base when base is a heap type (static types keep none:
// TODO(#4)). The caller holds the hierarchy lock and no critical section. 0 or -1 (MemoryError).
int ft_type_add_subclass(FtTypeObject *base, FtTypeObject *sub);

// Removes sub (compared by identity) from base's subclass list, if it is there. The caller holds
// the hierarchy lock and no critical section. 0 or -1 with an exception.
int ft_type_remove_subclass(FtTypeObject *base, FtTypeObject *sub);

// Recomputes every slot of type and of its subclasses from their MROs (after __bases__
// assignment), writing them with the world stopped. 0 or -1 with an exception.
int ft_type_update_all_slots(FtTypeObject *type);

// The base whose instance layout every other entry of bases (a tuple) extends, borrowed
// (objects/type_new.c, CPython's best_base); NULL with TypeError "multiple bases have instance
// lay-out conflict", "bases must be types", "type 'T' is not an acceptable base type".
FtTypeObject *ft_type_best_base_borrow(FtObject *bases);
// The generic readying steps type_new shares with ft_type_ready: inherit_special from tp_base,
// then inherit_slots from every MRO entry (tp_mro must be set). _unlocked: unpublished type.
void ft_type_inherit_unlocked(FtTypeObject *type);
// A fresh version tag (and FT_TPFLAGS_VALID_VERSION_TAG) for a type being readied (unpublished).
void ft_type_assign_version_tag_unlocked(FtTypeObject *type);
// Calls name(*args) on type(self)'s MRO entry for a special method, binding it to self as the
// interpreter does (CPython's vectorcall_method / lookup_maybe_method). *found is set to 0 (and NULL
// returned with no exception) when the type has no such attribute.
FtObject *ft_type_call_special_ref(FtObject *self, FtObject *name, FtObject *const *args,
                                   Ft_ssize nargs, FtObject *kwnames, int *found);

// super, property, classmethod, staticmethod (objects/super.c, objects/descr_python.c).
// types.MappingProxyType ("mappingproxy"): the read-only live view a heap class's __dict__ gives.
extern FtTypeObject ft_mappingproxy_type;
// A new read-only view of mapping (types.MappingProxyType(mapping) without its argument checks).
FtObject *ft_mappingproxy_new_ref(FtObject *mapping);
extern FtTypeObject ft_super_type;
extern FtTypeObject ft_property_type;
extern FtTypeObject ft_classmethod_type;
extern FtTypeObject ft_staticmethod_type;

// A new classmethod / staticmethod wrapping callable (a new reference, or NULL with an exception).
FtObject *ft_classmethod_new_ref(FtObject *callable);
FtObject *ft_staticmethod_new_ref(FtObject *callable);

// super(type, obj) built from C: a new reference, or NULL with TypeError.
FtObject *ft_super_new_ref(FtTypeObject *type, FtObject *obj);

// Calling super itself (not a subclass): CPython's super_vectorcall, whose argument errors differ
// from super.__init__'s. A new reference, or NULL with an exception.
FtObject *ft_super_call_ref(FtObject *const *args, size_t nargsf, FtObject *kwnames);

int ft_type_init_types(void);
// Readies the types objects/type.c owns that need descriptors, dicts and lists (mappingproxy);
// called from ft_descr_python_init_types. Start-up.
int ft_type_init_late_types(void);
int ft_super_init_types(void);
int ft_descr_python_init_types(void);

#endif // FT_OBJECTS_TYPE_H

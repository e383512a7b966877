// objects/abstract.h: the abstract object protocols (CPython's Objects/abstract.c): iteration,
// len(), subscription, containment, tuple(iterable), format(), isinstance()/issubclass(), length
// hints and method calls; plus the generic iterators of objects/iterobject.c (the sequence iterator
// `iterator` and `callable_iterator`). The number protocol (binary/unary dispatch, __index__) is in
// objects/abstract_number.h, which this header re-exports for ft_number_index_ref and
// ft_number_as_ssize.
//
// Every function follows objects/README.md: FtObject * results are new references (NULL with the
// exception set on the calling thread), int results 0 / -1, predicates 1 / 0 / -1. They need an
// attached thread state and may be called from any thread; the arguments must be referenced by the
// caller. None of them holds a lock across a call into Python-level code, so any slot may run
// arbitrary code. Error texts are CPython 3.14's, to the character.
#ifndef FT_OBJECTS_ABSTRACT_H
#define FT_OBJECTS_ABSTRACT_H

#include <stdbool.h>   // bool

#include "objects/abstract_number.h"   // ft_number_index_ref ft_number_as_ssize
#include "runtime/object.h"            // FtObject FtTypeObject Ft_ssize

// Iteration.

// True if op's type has a tp_iternext (CPython's PyIter_Check).
bool ft_iter_check(const FtObject *op);

// True if op supports the sequence protocol (has sq_item and is not a dict; PySequence_Check).
bool ft_sequence_check(const FtObject *op);

// iter(op): tp_iter, or a sequence iterator over __getitem__. TypeError "'int' object is not
// iterable"; "iter() returned non-iterator of type 'T'" when tp_iter gives a non-iterator.
FtObject *ft_object_get_iter_ref(FtObject *op);

// next(iter) as a tri-state: 1 with *item set to a new reference, 0 when exhausted (a StopIteration
// raised by the iterator is cleared, *item NULL), -1 with an exception (*item NULL). TypeError
// "'T' object is not an iterator" when iter has no tp_iternext.
int ft_iter_next_ref(FtObject *iter, FtObject **item);

// Length.

// len(op): sq_length, else mp_length; TypeError "object of type 'T' has no len()". -1 on error.
Ft_ssize ft_object_size(FtObject *op);

// operator.length_hint(op, default_value) (PyObject_LengthHint): len() when the type has one
// (a TypeError from it falls through), else __length_hint__ (NotImplemented or a TypeError gives
// the default), else default_value. -1 with an exception on error.
Ft_ssize ft_object_length_hint(FtObject *op, Ft_ssize default_value);

// Subscription (mapping slots first, then the sequence slots with the key converted through
// __index__, then __class_getitem__ on a type).

// op[key].
FtObject *ft_object_get_item_ref(FtObject *op, FtObject *key);
// op[key] = value. Returns 0 or -1.
int ft_object_set_item(FtObject *op, FtObject *key, FtObject *value);
// del op[key]. Returns 0 or -1.
int ft_object_del_item(FtObject *op, FtObject *key);

// op[i] through sq_item, a negative i counted from the end (PySequence_GetItem).
FtObject *ft_sequence_get_item_ref(FtObject *op, Ft_ssize i);

// `value in op`: sq_contains, else a search by iteration comparing with ==. 1, 0 or -1; TypeError
// "argument of type 'T' is not a container or iterable".
int ft_sequence_contains(FtObject *op, FtObject *value);

// tuple(iterable): the object itself for an exact tuple, else a new tuple of its items.
FtObject *ft_sequence_tuple_ref(FtObject *iterable);

// Calls.

// callable() with no arguments / one argument.
FtObject *ft_object_call_no_args_ref(FtObject *callable);
FtObject *ft_object_call_one_arg_ref(FtObject *callable, FtObject *arg);

// getattr(op, name)(*args): name a str. (PyObject_VectorcallMethod without the method shortcut.)
FtObject *ft_object_call_method_ref(FtObject *op, FtObject *name, FtObject *const *args,
                                    Ft_ssize nargs);
// As ft_object_call_method_ref with name a UTF-8 C string.
FtObject *ft_object_call_method_cstr_ref(FtObject *op, const char *name, FtObject *const *args,
                                         Ft_ssize nargs);

// The special method name looked up on type(op) only (not the instance), bound through its
// descriptor (CPython's _PyObject_LookupSpecial): 1 with *result set, 0 if absent (no exception),
// -1 on error.
int ft_object_lookup_special(FtObject *op, const char *name, FtObject **result);

// format(op, spec) through type(op).__format__; spec is a str or NULL (""). TypeError "Type T
// doesn't define __format__", "__format__ must return a str, not T"; SystemError for a non-str spec.
FtObject *ft_object_format_ref(FtObject *op, FtObject *spec);

// isinstance(inst, cls) / issubclass(derived, cls) with tuples of classes (recursively),
// __instancecheck__ / __subclasscheck__ on cls's type, and the __class__ / __bases__ protocol for
// non-type classes. 1, 0 or -1 (TypeError "isinstance() arg 2 must be a type, a tuple of types, or
// a union", RecursionError for runaway nesting).
int ft_object_is_instance(FtObject *inst, FtObject *cls);
int ft_object_is_subclass(FtObject *derived, FtObject *cls);
// The same checks without the __instancecheck__ / __subclasscheck__ hooks of cls and without
// tuples (type.__instancecheck__ / type.__subclasscheck__; CPython's _PyObject_RealIsInstance).
int ft_object_real_is_instance(FtObject *inst, FtObject *cls);
int ft_object_real_is_subclass(FtObject *derived, FtObject *cls);

// The generic iterators (objects/iterobject.c). Each holds its source strongly; next() takes the
// iterator's critical section, so two threads sharing one iterator each get distinct items.
extern FtTypeObject ft_seq_iter_type;        // "iterator": seq[0], seq[1], ... until IndexError
extern FtTypeObject ft_callable_iter_type;   // "callable_iterator": callable() until == sentinel

FtObject *ft_seq_iter_new_ref(FtObject *seq);
// iter(callable, sentinel). TypeError "iter(v, w): v must be callable" is the caller's check.
FtObject *ft_callable_iter_new_ref(FtObject *callable, FtObject *sentinel);

// The __reduce__ value of a built-in iterator: (builtins.<builtin>, (source,)) or, with state not
// NULL, (builtins.<builtin>, (source,), state). New reference, or NULL with an exception.
FtObject *ft_iter_reduce_ref(const char *builtin, FtObject *source, FtObject *state);
// The position argument of a list or tuple iterator's __setstate__: 0, or -1 with TypeError "an
// integer is required" / OverflowError.
int ft_iter_state_as_ssize(FtObject *state, Ft_ssize *out);

// Readies iterator, callable_iterator, slice, range and the range iterators. Call once at start-up
// (after ft_objects_init), single-threaded. TODO(#4): ft_objects_init should call it.
int ft_abstract_init_types(void);

#endif // FT_OBJECTS_ABSTRACT_H

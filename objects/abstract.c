// objects/abstract.c: the abstract object protocols other than numbers (CPython's
// Objects/abstract.c: PyObject_GetIter, PyIter_NextItem, PyObject_Size, PyObject_GetItem/SetItem/
// DelItem, PySequence_Contains, PySequence_Tuple, PyObject_Format, PyObject_IsInstance/IsSubclass,
// PyObject_LengthHint, PyObject_CallMethod).
//
// Invariant: every function dispatches only through the type's slots and special methods looked up
// on the type, in CPython's order, so a type that fills the slots gets CPython's observable
// behaviour (including the error texts) without code here knowing about it.
//
// Concurrency: this file holds no state and takes no lock. It reads slot pointers of types (static
// types are immutable after ft_type_ready) and calls them; the slots lock their own objects. Any
// call may run arbitrary code, so nothing here caches a size or item across a call.
//
// Recursion: nested tuples of classes recurse in C under ft_eval_check_c_stack (eval/call.h); a chain of
// single __bases__ is walked iteratively, up to ABSTRACT_MAX_DEPTH links (an object whose __bases__
// leads back to itself would otherwise loop forever).
//
// Missing (TODO(#4)): types.GenericAlias for type[...] (type.__class_getitem__), the
// DeprecationWarning for __index__ returning an int subclass.
#include <stdlib.h>   // malloc realloc free

#include "objects/abstract.h"

#include "eval/call.h"         // ft_eval_check_c_stack
#include "objects/error.h"    // ft_error_* ft_exc_*
#include "objects/generic_alias.h"   // ft_union_check ft_union_args_borrow
#include "objects/int.h"      // ft_int_check_exact ft_int_as_int64
#include "objects/object.h"   // ft_object_* FT_NOT_IMPLEMENTED
#include "objects/range.h"    // ft_range_init_types
#include "objects/slice.h"    // ft_slice_init_types
#include "objects/str.h"      // ft_str_*
#include "objects/tuple.h"    // ft_tuple_*
#include "objects/type.h"     // ft_type_check ft_type_is_subtype ft_type_lookup_borrow ft_type_ready

// The deepest nesting of class tuples and __bases__ chains followed before RecursionError.
#define ABSTRACT_MAX_DEPTH 10000

static bool
index_check(const FtObject *op)
{
    const FtNumberMethods *nb = op->ob_type->tp_as_number;
    return nb != NULL && nb->nb_index != NULL;
}

static bool
has_len(const FtObject *op)
{
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    const FtMappingMethods *mp = op->ob_type->tp_as_mapping;
    return (sq != NULL && sq->sq_length != NULL) || (mp != NULL && mp->mp_length != NULL);
}

static FtObject *
type_error_name(const char *fmt, const FtObject *op)
{
    return ft_error_format(&ft_exc_type_error, fmt, op->ob_type->tp_name);
}

/* --- Iteration --- */

bool
ft_iter_check(const FtObject *op)
{
    return op->ob_type->tp_iternext != NULL;
}

bool
ft_sequence_check(const FtObject *op)
{
    if (ft_type_has_flag(op->ob_type, FT_TPFLAGS_DICT_SUBCLASS))
        return false;
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    return sq != NULL && sq->sq_item != NULL;
}

FtObject *
ft_object_get_iter_ref(FtObject *op)
{
    FtUnaryFunc iter = op->ob_type->tp_iter;
    if (iter == NULL) {
        if (ft_sequence_check(op))
            return ft_seq_iter_new_ref(op);
        return type_error_name("'%.200s' object is not iterable", op);
    }
    FtObject *res = iter(op);
    if (res != NULL && !ft_iter_check(res)) {
        ft_error_format(&ft_exc_type_error, "iter() returned non-iterator of type '%.100s'",
                        res->ob_type->tp_name);
        ft_decref(res);
        return NULL;
    }
    return res;
}

int
ft_iter_next_ref(FtObject *iter, FtObject **item)
{
    *item = NULL;
    FtUnaryFunc next = iter->ob_type->tp_iternext;
    if (next == NULL) {
        type_error_name("'%.200s' object is not an iterator", iter);
        return -1;
    }
    // Iterators over iterators (map(f, map(f, ...)), zip, filter) recurse in C; CPython crashes on
    // a deep enough chain, ftpy raises RecursionError.
    if (ft_eval_check_c_stack("") < 0)
        return -1;
    FtObject *res = next(iter);
    if (res != NULL) {
        *item = res;
        return 1;
    }
    if (!ft_error_occurred())
        return 0;
    if (ft_error_matches(&ft_exc_stop_iteration)) {
        ft_error_clear();
        return 0;
    }
    return -1;
}

/* --- Length --- */

Ft_ssize
ft_object_size(FtObject *op)
{
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    if (sq != NULL && sq->sq_length != NULL)
        return sq->sq_length(op);
    const FtMappingMethods *mp = op->ob_type->tp_as_mapping;
    if (mp != NULL && mp->mp_length != NULL)
        return mp->mp_length(op);
    type_error_name("object of type '%.200s' has no len()", op);
    return -1;
}

Ft_ssize
ft_object_length_hint(FtObject *op, Ft_ssize default_value)
{
    if (has_len(op)) {
        Ft_ssize n = ft_object_size(op);
        if (n >= 0)
            return n;
        if (!ft_error_matches(&ft_exc_type_error))
            return -1;
        ft_error_clear();
    }
    FtObject *hint;
    int found = ft_object_lookup_special(op, "__length_hint__", &hint);
    if (found <= 0)
        return found < 0 ? -1 : default_value;
    FtObject *res = ft_object_call_no_args_ref(hint);
    ft_decref(hint);
    if (res == NULL) {
        if (!ft_error_matches(&ft_exc_type_error))
            return -1;
        ft_error_clear();
        return default_value;
    }
    if (res == FT_NOT_IMPLEMENTED)
        return default_value;
    if (!ft_int_check_exact(res)) {
        ft_error_format(&ft_exc_type_error, "__length_hint__ must be an integer, not %.100s",
                        res->ob_type->tp_name);
        ft_decref(res);
        return -1;
    }
    int64_t n;
    bool fits = ft_bigint_to_int64(ft_int_value_borrow(res), &n) != 0;
    ft_decref(res);
    if (!fits) {
        ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t");
        return -1;
    }
    if (n < 0) {
        ft_error_set_string(&ft_exc_value_error, "__length_hint__() should return >= 0");
        return -1;
    }
    return (Ft_ssize)n;
}

/* --- Subscription --- */

FtObject *
ft_sequence_get_item_ref(FtObject *op, Ft_ssize i)
{
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    if (sq != NULL && sq->sq_item != NULL) {
        if (i < 0 && sq->sq_length != NULL) {
            Ft_ssize n = sq->sq_length(op);
            if (n < 0)
                return NULL;
            i += n;
        }
        return sq->sq_item(op, i);
    }
    const FtMappingMethods *mp = op->ob_type->tp_as_mapping;
    if (mp != NULL && mp->mp_subscript != NULL)
        return type_error_name("%.200s is not a sequence", op);
    return type_error_name("'%.200s' object does not support indexing", op);
}

// The value of a sequence index key (through __index__, IndexError when it does not fit), or -1
// with an exception.
static int
sequence_index(FtObject *key, Ft_ssize *out)
{
    *out = ft_number_as_ssize(key, &ft_exc_index_error);
    return (*out == -1 && ft_error_occurred()) ? -1 : 0;
}

// type[key] for a type object: __class_getitem__, else TypeError.
static FtObject *
class_get_item(FtObject *type, FtObject *key)
{
    // TODO(#4): type[...] itself gives a types.GenericAlias.
    FtObject *name = ft_str_intern_cstr_ref("__class_getitem__");
    if (name == NULL)
        return NULL;
    FtObject *meth;
    int found = ft_object_lookup_attr(type, name, &meth);
    ft_decref(name);
    if (found < 0)
        return NULL;
    if (found > 0 && meth != FT_NONE) {
        FtObject *res = ft_object_call_one_arg_ref(meth, key);
        ft_decref(meth);
        return res;
    }
    ft_xdecref(meth);
    return ft_error_format(&ft_exc_type_error, "type '%.200s' is not subscriptable",
                           ((FtTypeObject *)type)->tp_name);
}

FtObject *
ft_object_get_item_ref(FtObject *op, FtObject *key)
{
    const FtMappingMethods *mp = op->ob_type->tp_as_mapping;
    if (mp != NULL && mp->mp_subscript != NULL)
        return mp->mp_subscript(op, key);
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    if (sq != NULL && sq->sq_item != NULL) {
        if (!index_check(key))
            return type_error_name("sequence index must be integer, not '%.200s'", key);
        Ft_ssize i;
        if (sequence_index(key, &i) < 0)
            return NULL;
        return ft_sequence_get_item_ref(op, i);
    }
    if (ft_type_check(op))
        return class_get_item(op, key);
    return type_error_name("'%.200s' object is not subscriptable", op);
}

// s[i] = value, or del s[i] when value is NULL (PySequence_SetItem / PySequence_DelItem).
static int
sequence_ass_item(FtObject *op, Ft_ssize i, FtObject *value)
{
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    if (sq != NULL && sq->sq_ass_item != NULL) {
        if (i < 0 && sq->sq_length != NULL) {
            Ft_ssize n = sq->sq_length(op);
            if (n < 0)
                return -1;
            i += n;
        }
        return sq->sq_ass_item(op, i, value);
    }
    const FtMappingMethods *mp = op->ob_type->tp_as_mapping;
    if (mp != NULL && mp->mp_ass_subscript != NULL)
        type_error_name("%.200s is not a sequence", op);
    else if (value != NULL)
        type_error_name("'%.200s' object does not support item assignment", op);
    else
        type_error_name("'%.200s' object doesn't support item deletion", op);
    return -1;
}

// op[key] = value, or del op[key] when value is NULL (PyObject_SetItem / PyObject_DelItem).
static int
object_ass_item(FtObject *op, FtObject *key, FtObject *value)
{
    const FtMappingMethods *mp = op->ob_type->tp_as_mapping;
    if (mp != NULL && mp->mp_ass_subscript != NULL)
        return mp->mp_ass_subscript(op, key, value);
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    if (sq != NULL) {
        if (index_check(key)) {
            Ft_ssize i;
            if (sequence_index(key, &i) < 0)
                return -1;
            return sequence_ass_item(op, i, value);
        }
        if (sq->sq_ass_item != NULL) {
            type_error_name("sequence index must be integer, not '%.200s'", key);
            return -1;
        }
    }
    if (value != NULL)
        type_error_name("'%.200s' object does not support item assignment", op);
    else
        type_error_name("'%.200s' object does not support item deletion", op);
    return -1;
}

int
ft_object_set_item(FtObject *op, FtObject *key, FtObject *value)
{
    if (value == NULL) {
        ft_error_bad_internal_call();
        return -1;
    }
    return object_ass_item(op, key, value);
}

int
ft_object_del_item(FtObject *op, FtObject *key)
{
    return object_ass_item(op, key, NULL);
}

int
ft_sequence_contains(FtObject *op, FtObject *value)
{
    const FtSequenceMethods *sq = op->ob_type->tp_as_sequence;
    if (sq != NULL && sq->sq_contains != NULL)
        return sq->sq_contains(op, value);
    FtObject *it = ft_object_get_iter_ref(op);
    if (it == NULL) {
        if (ft_error_matches(&ft_exc_type_error)) {
            ft_error_clear();
            type_error_name("argument of type '%.200s' is not a container or iterable", op);
        }
        return -1;
    }
    int result = 0;
    for (;;) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r <= 0) {
            result = r;
            break;
        }
        int eq = ft_object_rich_compare_bool(item, value, FT_EQ);
        ft_decref(item);
        if (eq != 0) {
            result = eq;
            break;
        }
    }
    ft_decref(it);
    return result;
}

FtObject *
ft_sequence_tuple_ref(FtObject *iterable)
{
    if (ft_object_is_exact(iterable, &ft_tuple_type))
        return ft_new_ref(iterable);
    FtObject *it = ft_object_get_iter_ref(iterable);
    if (it == NULL)
        return NULL;
    Ft_ssize cap = ft_object_length_hint(iterable, 10);
    if (cap < 0) {
        ft_decref(it);
        return NULL;
    }
    if (cap < 8)
        cap = 8;
    if (cap > 4096)   // a hint is only a hint: grow from here rather than trust a huge one
        cap = 4096;
    Ft_ssize n = 0;
    FtObject **items = malloc((size_t)cap * sizeof(FtObject *));
    FtObject *result = NULL;
    if (items == NULL) {
        ft_error_no_memory();
        goto done;
    }
    for (;;) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r < 0)
            goto done;
        if (r == 0)
            break;
        if (n == cap) {
            Ft_ssize new_cap = cap + (cap >> 1) + 8;
            FtObject **grown = realloc(items, (size_t)new_cap * sizeof(FtObject *));
            if (grown == NULL) {
                ft_decref(item);
                ft_error_no_memory();
                goto done;
            }
            items = grown;
            cap = new_cap;
        }
        items[n++] = item;
    }
    result = ft_tuple_from_array_ref(items, n);
done:
    for (Ft_ssize i = 0; i < n; i++)
        ft_decref(items[i]);
    free(items);
    ft_decref(it);
    return result;
}

/* --- Calls --- */

FtObject *
ft_object_call_no_args_ref(FtObject *callable)
{
    return ft_object_vectorcall_ref(callable, NULL, 0, NULL);
}

FtObject *
ft_object_call_one_arg_ref(FtObject *callable, FtObject *arg)
{
    FtObject *args[1] = {arg};
    return ft_object_vectorcall_ref(callable, args, 1, NULL);
}

FtObject *
ft_object_call_method_ref(FtObject *op, FtObject *name, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *meth = ft_object_get_attr_ref(op, name);
    if (meth == NULL)
        return NULL;
    FtObject *res = ft_object_vectorcall_ref(meth, args, (size_t)nargs, NULL);
    ft_decref(meth);
    return res;
}

FtObject *
ft_object_call_method_cstr_ref(FtObject *op, const char *name, FtObject *const *args,
                               Ft_ssize nargs)
{
    FtObject *s = ft_str_intern_cstr_ref(name);
    if (s == NULL)
        return NULL;
    FtObject *res = ft_object_call_method_ref(op, s, args, nargs);
    ft_decref(s);
    return res;
}

int
ft_object_lookup_special(FtObject *op, const char *name, FtObject **result)
{
    *result = NULL;
    FtObject *s = ft_str_intern_cstr_ref(name);
    if (s == NULL)
        return -1;
    // Borrowed: static type dicts are immutable (TODO(#4): a new reference once heap types exist).
    FtObject *descr = ft_type_lookup_borrow(op->ob_type, s);
    ft_decref(s);
    if (descr == NULL)
        return 0;
    FtDescrGetFunc get = descr->ob_type->tp_descr_get;
    if (get == NULL) {
        *result = ft_new_ref(descr);
        return 1;
    }
    *result = get(descr, op, (FtObject *)op->ob_type);
    return *result != NULL ? 1 : -1;
}

/* --- format() --- */

FtObject *
ft_object_format_ref(FtObject *op, FtObject *spec)
{
    if (spec != NULL && !ft_str_check(spec))
        return ft_error_format(&ft_exc_system_error, "Format specifier must be a string, not %.200s",
                               spec->ob_type->tp_name);
    if (spec == NULL || ft_str_length(spec) == 0) {
        if (ft_object_is_exact(op, &ft_str_type))
            return ft_new_ref(op);
        if (ft_int_check_exact(op))
            return ft_object_str_ref(op);
    }
    FtObject *meth;
    int found = ft_object_lookup_special(op, "__format__", &meth);
    if (found < 0)
        return NULL;
    if (found == 0)
        return ft_error_format(&ft_exc_type_error, "Type %.100s doesn't define __format__",
                               op->ob_type->tp_name);
    FtObject *empty = NULL;
    if (spec == NULL) {
        empty = ft_str_empty_ref();
        spec = empty;
    }
    FtObject *res = ft_object_call_one_arg_ref(meth, spec);
    ft_decref(meth);
    ft_xdecref(empty);
    if (res != NULL && !ft_str_check(res)) {
        ft_error_format(&ft_exc_type_error, "__format__ must return a str, not %.200s",
                        res->ob_type->tp_name);
        ft_decref(res);
        return NULL;
    }
    return res;
}

/* --- isinstance() and issubclass() --- */

static int
recursion_error(const char *where)
{
    ft_error_format(&ft_exc_recursion_error, "maximum recursion depth exceeded%s", where);
    return -1;
}

// cls.__bases__ if it is a tuple (new reference), else NULL; an exception other than
// AttributeError propagates (NULL with the exception set).
static FtObject *
abstract_get_bases_ref(FtObject *cls)
{
    FtObject *name = ft_str_intern_cstr_ref("__bases__");
    if (name == NULL)
        return NULL;
    FtObject *bases;
    int found = ft_object_lookup_attr(cls, name, &bases);
    ft_decref(name);
    if (found <= 0)
        return NULL;
    if (!ft_tuple_check(bases)) {
        ft_decref(bases);
        return NULL;
    }
    return bases;
}

// 1 if cls passes as a class (has a tuple __bases__); 0 with TypeError message otherwise.
static int
check_class(FtObject *cls, const char *message)
{
    FtObject *bases = abstract_get_bases_ref(cls);
    if (bases == NULL) {
        if (!ft_error_occurred() || ft_error_matches(&ft_exc_type_error)) {
            ft_error_clear();
            ft_error_set_string(&ft_exc_type_error, message);
        }
        return 0;
    }
    ft_decref(bases);
    return 1;
}

// Walks derived's __bases__ graph looking for cls (by identity).
static int
abstract_issubclass(FtObject *derived, FtObject *cls, int depth)
{
    FtObject *bases = NULL;
    Ft_ssize n;
    for (;;) {
        if (derived == cls) {
            ft_xdecref(bases);
            return 1;
        }
        FtObject *next_bases = abstract_get_bases_ref(derived);
        ft_xdecref(bases);
        bases = next_bases;
        if (bases == NULL)
            return ft_error_occurred() ? -1 : 0;
        n = ft_tuple_size(bases);
        if (n == 0) {
            ft_decref(bases);
            return 0;
        }
        if (n > 1)
            break;
        if (++depth > ABSTRACT_MAX_DEPTH) {
            ft_decref(bases);
            return recursion_error(" in __issubclass__");
        }
        derived = ft_tuple_get_item_borrow(bases, 0);   // kept alive by bases
    }
    int r = 0;
    if (ft_eval_check_c_stack(" in __issubclass__") < 0) {
        r = -1;
    } else {
        for (Ft_ssize i = 0; i < n && r == 0; i++)
            r = abstract_issubclass(ft_tuple_get_item_borrow(bases, i), cls, depth + 1);
    }
    ft_decref(bases);
    return r;
}

// inst.__class__ (new reference) or NULL; -1 only on an error other than AttributeError.
static int
instance_class(FtObject *inst, FtObject **out)
{
    FtObject *name = ft_str_intern_cstr_ref("__class__");
    if (name == NULL)
        return -1;
    int r = ft_object_lookup_attr(inst, name, out);
    ft_decref(name);
    return r;
}

static int
object_isinstance(FtObject *inst, FtObject *cls, int depth)
{
    FtObject *icls;
    if (ft_type_check(cls)) {
        if (ft_type_is_subtype(inst->ob_type, (FtTypeObject *)cls))
            return 1;
        int found = instance_class(inst, &icls);
        if (found <= 0)
            return found;
        int r = 0;
        if (icls != (FtObject *)inst->ob_type && ft_type_check(icls))
            r = ft_type_is_subtype((FtTypeObject *)icls, (FtTypeObject *)cls);
        ft_decref(icls);
        return r;
    }
    if (!check_class(cls, "isinstance() arg 2 must be a type, a tuple of types, or a union"))
        return -1;
    int found = instance_class(inst, &icls);
    if (found <= 0)
        return found;
    int r = abstract_issubclass(icls, cls, depth);
    ft_decref(icls);
    return r;
}

// Calls checker(arg) and truth-tests the result; consumes checker.
static int
call_checker_steal(FtObject *checker, FtObject *arg)
{
    FtObject *res = ft_object_call_one_arg_ref(checker, arg);
    ft_decref(checker);
    if (res == NULL)
        return -1;
    int ok = ft_object_is_true(res);
    ft_decref(res);
    return ok;
}

static int
recursive_isinstance(FtObject *inst, FtObject *cls, int depth)
{
    if (ft_object_is_exact(cls, &ft_type_type))
        return object_isinstance(inst, cls, depth);
    // Nested tuples recurse in C as deep as the stack allows, as in CPython 3.14.
    if (ft_eval_check_c_stack(" in __instancecheck__") < 0)
        return -1;
    if (ft_union_check(cls))
        cls = ft_union_args_borrow(cls);   // a Union checks as the tuple of its members
    if (ft_tuple_check(cls)) {
        int r = 0;
        for (Ft_ssize i = 0; i < ft_tuple_size(cls) && r == 0; i++)
            r = recursive_isinstance(inst, ft_tuple_get_item_borrow(cls, i), depth + 1);
        return r;
    }
    FtObject *checker;
    int found = ft_object_lookup_special(cls, "__instancecheck__", &checker);
    if (found < 0)
        return -1;
    if (found > 0)
        return call_checker_steal(checker, inst);
    return object_isinstance(inst, cls, depth);
}

int
ft_object_is_instance(FtObject *inst, FtObject *cls)
{
    return recursive_isinstance(inst, cls, 0);
}

static int
recursive_issubclass(FtObject *derived, FtObject *cls, int depth)
{
    if (ft_type_check(cls) && ft_type_check(derived))
        return ft_type_is_subtype((FtTypeObject *)derived, (FtTypeObject *)cls) ? 1 : 0;
    if (!check_class(derived, "issubclass() arg 1 must be a class"))
        return -1;
    if (!check_class(cls, "issubclass() arg 2 must be a class, a tuple of classes, or a union"))
        return -1;
    return abstract_issubclass(derived, cls, depth);
}

static int
object_issubclass(FtObject *derived, FtObject *cls, int depth)
{
    if (ft_object_is_exact(cls, &ft_type_type)) {
        if (derived == cls)
            return 1;
        return recursive_issubclass(derived, cls, depth);
    }
    if (ft_eval_check_c_stack(" in __subclasscheck__") < 0)
        return -1;
    if (ft_union_check(cls))
        cls = ft_union_args_borrow(cls);   // a Union checks as the tuple of its members
    if (ft_tuple_check(cls)) {
        int r = 0;
        for (Ft_ssize i = 0; i < ft_tuple_size(cls) && r == 0; i++)
            r = object_issubclass(derived, ft_tuple_get_item_borrow(cls, i), depth + 1);
        return r;
    }
    FtObject *checker;
    int found = ft_object_lookup_special(cls, "__subclasscheck__", &checker);
    if (found < 0)
        return -1;
    if (found > 0)
        return call_checker_steal(checker, derived);
    return recursive_issubclass(derived, cls, depth);
}

int
ft_object_is_subclass(FtObject *derived, FtObject *cls)
{
    return object_issubclass(derived, cls, 0);
}

int
ft_object_real_is_instance(FtObject *inst, FtObject *cls)
{
    return object_isinstance(inst, cls, 0);
}

int
ft_object_real_is_subclass(FtObject *derived, FtObject *cls)
{
    return recursive_issubclass(derived, cls, 0);
}

/* --- Start-up --- */

int
ft_abstract_init_types(void)
{
    if (ft_type_ready(&ft_seq_iter_type) < 0 || ft_type_ready(&ft_callable_iter_type) < 0 ||
        ft_slice_init_types() < 0 || ft_range_init_types() < 0)
        return -1;
    return 0;
}

// objects/union_type.c: typing.Union, the object `int | str` evaluates to (types.UnionType is the
// same type in 3.14). Semantics: CPython's Objects/unionobject.c (flattening, deduplication,
// order-insensitive equality, the " | " repr, the unionable operands of `|`).
//
// Owns: the Union type and type.__or__ / __ror__ (ft_union_or_ref).
// Invariant: args is a tuple of at least two distinct members, none of them a Union or None
// (None is stored as NoneType).
// Concurrency: a Union is immutable after construction except its lazily computed parameters,
// published by compare-and-swap as in objects/generic_alias.c.
// Missing (TODO(#4)): substitution (`(T | int)[str]`), pickling.
#include <stddef.h>   // offsetof

#include "objects/generic_alias.h"

#include "objects/abstract.h"     // ft_sequence_contains
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/int.h"          // ft_bool_from
#include "objects/list.h"         // ft_list_*
#include "objects/method_def.h"   // FtMethodDef FtMemberDef FtGetSetDef
#include "objects/object.h"       // ft_object_*
#include "objects/set.h"          // ft_frozenset_new_ref
#include "objects/str.h"          // ft_str_*
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready ft_type_check
#include "objects/typevar.h"      // ft_typealias_check
#include "sync/atomic.h"          // ft_atomic_*

typedef struct UnionObject {
    FtObject ob_base;
    FtObject *args;         // tuple; immutable
    FtObject *parameters;   // NULL or tuple; written once by CAS
} UnionObject;

FtObject *
ft_union_args_borrow(FtObject *u)
{
    return ((UnionObject *)u)->args;
}

static bool
is_unionable(FtObject *op)
{
    return op == FT_NONE || ft_type_check(op) || ft_generic_alias_check(op) ||
           ft_union_check(op) || ft_typealias_check(op);
}

// Adds one member to acc (a list) unless an equal one is already there.
static int
add_member(FtObject *acc, FtObject *item)
{
    if (item == FT_NONE)
        item = (FtObject *)&ft_none_type;
    int found = ft_sequence_contains(acc, item);
    if (found != 0)
        return found < 0 ? -1 : 0;
    return ft_list_append(acc, item);
}

FtObject *
ft_union_from_tuple_ref(FtObject *args)
{
    FtObject *acc = ft_list_new_ref(0);
    if (acc == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < ft_tuple_size(args); i++) {
        FtObject *item = ft_tuple_get_item_borrow(args, i);
        if (ft_union_check(item)) {
            FtObject *sub = ((UnionObject *)item)->args;
            for (Ft_ssize j = 0; j < ft_tuple_size(sub); j++) {
                if (add_member(acc, ft_tuple_get_item_borrow(sub, j)) < 0)
                    goto error;
            }
        } else if (add_member(acc, item) < 0) {
            goto error;
        }
    }
    if (ft_list_size(acc) == 1) {
        FtObject *only = ft_list_get_item_ref(acc, 0);
        ft_decref(acc);
        return only;
    }
    FtObject *tuple = ft_list_as_tuple_ref(acc);
    ft_decref(acc);
    if (tuple == NULL)
        return NULL;
    UnionObject *u = (UnionObject *)ft_object_new_of_type(&ft_union_type, 0);
    if (u == NULL) {
        ft_decref(tuple);
        return NULL;
    }
    u->args = tuple;
    u->parameters = NULL;
    return (FtObject *)u;
error:
    ft_decref(acc);
    return NULL;
}

FtObject *
ft_union_or_ref(FtObject *a, FtObject *b)
{
    if (!is_unionable(a) || !is_unionable(b))
        return ft_new_ref(FT_NOT_IMPLEMENTED);
    FtObject *pair = ft_tuple_pack_ref(2, a, b);
    if (pair == NULL)
        return NULL;
    FtObject *res = ft_union_from_tuple_ref(pair);
    ft_decref(pair);
    return res;
}

/* --- Slots --- */

static void
union_dealloc(FtObject *op)
{
    UnionObject *u = (UnionObject *)op;
    ft_decref(u->args);
    ft_xdecref(u->parameters);
    ft_object_free_memory(op);
}

static int
union_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    UnionObject *u = (UnionObject *)op;
    int r = visit(u->args, arg);
    if (r == 0 && u->parameters != NULL)
        r = visit(u->parameters, arg);
    return r;
}

static FtObject *
union_repr(FtObject *op)
{
    FtObject *args = ((UnionObject *)op)->args;
    Ft_ssize n = ft_tuple_size(args);
    FtObject *parts = ft_tuple_new_ref(n);
    if (parts == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *s = ft_generic_alias_repr_item_ref(ft_tuple_get_item_borrow(args, i), true);
        if (s == NULL) {
            ft_decref(parts);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(parts, i, s);
    }
    FtObject *sep = ft_str_from_cstr_ref(" | ");
    FtObject *res = sep != NULL ? ft_str_join_ref(sep, ((FtTupleObject *)parts)->items, n) : NULL;
    ft_xdecref(sep);
    ft_decref(parts);
    return res;
}

// 1 when every member of a is equal to some member of b, 0 if not, -1 on error.
static int
members_within(FtObject *a, FtObject *b)
{
    for (Ft_ssize i = 0; i < ft_tuple_size(a); i++) {
        int r = ft_sequence_contains(b, ft_tuple_get_item_borrow(a, i));
        if (r <= 0)
            return r;
    }
    return 1;
}

static FtObject *
union_richcompare(FtObject *a, FtObject *b, int op)
{
    if (!ft_union_check(a) || !ft_union_check(b) || (op != FT_EQ && op != FT_NE))
        return ft_new_ref(FT_NOT_IMPLEMENTED);
    FtObject *x = ((UnionObject *)a)->args, *y = ((UnionObject *)b)->args;
    int eq = members_within(x, y);
    if (eq > 0)
        eq = members_within(y, x);
    if (eq < 0)
        return NULL;
    return ft_bool_from(op == FT_EQ ? eq != 0 : eq == 0);
}

static Ft_hash
union_hash(FtObject *op)
{
    FtObject *set = ft_frozenset_new_ref(((UnionObject *)op)->args);
    if (set == NULL)
        return -1;
    Ft_hash h = ft_object_hash(set);
    ft_decref(set);
    return h;
}

static FtNumberMethods union_as_number = {
    .nb_or = ft_union_or_ref,
};

/* --- Attributes and methods --- */

static FtObject *
union_get_parameters(FtObject *op, void *closure)
{
    UnionObject *u = (UnionObject *)op;
    FtObject *cur = ft_atomic_load_ptr_acquire((Ft_voidptr *)&u->parameters);
    if (cur != NULL)
        return ft_new_ref(cur);
    FtObject *fresh = ft_generic_alias_collect_parameters_ref(u->args);
    if (fresh == NULL)
        return NULL;
    Ft_voidptr expected = NULL;
    if (ft_atomic_cas_ptr_acq_rel((Ft_voidptr *)&u->parameters, &expected, fresh))
        return ft_new_ref(fresh);
    ft_decref(fresh);
    return ft_new_ref((FtObject *)expected);
}

// union[item]: a union without type parameters refuses, as CPython's _Py_subs_parameters.
static FtObject *
union_subscript(FtObject *op, FtObject *item)
{
    FtObject *params = union_get_parameters(op, NULL);
    if (params == NULL)
        return NULL;
    Ft_ssize n = ft_tuple_size(params);
    ft_decref(params);
    if (n == 0)
        return ft_error_format(&ft_exc_type_error, "%R is not a generic class", op);
    return ft_error_format(&ft_exc_not_implemented_error,
                           "substituting type parameters is not implemented yet");   // TODO(#4)
}

static FtMappingMethods union_as_mapping = {
    .mp_subscript = union_subscript,
};

static FtObject *
union_get_origin(FtObject *op, void *closure)
{
    return ft_new_ref((FtObject *)&ft_union_type);
}

static FtObject *
union_get_name(FtObject *op, void *closure)
{
    return ft_str_from_cstr_ref("Union");
}

static const FtGetSetDef union_getset[] = {
    {.name = "__parameters__", .get = union_get_parameters,
     .doc = "Type variables in the types.UnionType."},
    {.name = "__origin__", .get = union_get_origin},
    {.name = "__name__", .get = union_get_name},
    {.name = "__qualname__", .get = union_get_name},
    {0},
};

static const FtMemberDef union_members[] = {
    {.name = "__args__", .type = FT_MEMBER_OBJECT, .offset = offsetof(UnionObject, args),
     .flags = FT_MEMBER_READONLY},
    {0},
};

// Union[X, Y] (typing.Union subscripted).
static FtObject *
union_class_getitem(FtObject *cls, FtObject *item)
{
    if (!ft_tuple_check(item)) {
        FtObject *one = ft_tuple_pack_ref(1, item);
        if (one == NULL)
            return NULL;
        FtObject *res = ft_union_from_tuple_ref(one);
        ft_decref(one);
        return res;
    }
    if (ft_tuple_size(item) == 0)
        return ft_error_format(&ft_exc_type_error, "Cannot take a Union of no types.");
    return ft_union_from_tuple_ref(item);
}

static FtObject *
union_mro_entries(FtObject *self, FtObject *bases)
{
    return ft_error_format(&ft_exc_type_error, "Cannot subclass %R", self);
}

static const FtMethodDef union_methods[] = {
    {.name = "__class_getitem__", .fn.o = union_class_getitem, .flags = FT_METH_O | FT_METH_CLASS},
    {.name = "__mro_entries__", .fn.o = union_mro_entries, .flags = FT_METH_O},
    {0},
};

FtTypeObject ft_union_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "typing.Union",
    .tp_basicsize = sizeof(UnionObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = union_dealloc,
    .tp_traverse = union_traverse,
    .tp_repr = union_repr,
    .tp_hash = union_hash,
    .tp_richcompare = union_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_as_number = &union_as_number,
    .tp_as_mapping = &union_as_mapping,
    .tp_methods = union_methods,
    .tp_members = union_members,
    .tp_getset = union_getset,
    .tp_doc = "Represent a union type\n\nE.g. for int | str",
};

int
ft_union_init_types(void)
{
    return ft_type_ready(&ft_union_type);
}

// objects/generic_alias.c: types.GenericAlias, the object `list[int]` evaluates to. Semantics:
// CPython's Objects/genericaliasobject.c (repr, equality, hash, calling, attribute forwarding to
// the origin, __mro_entries__, __parameters__).
//
// Owns: the GenericAlias type and the builtin __class_getitem__ function.
// Invariant: origin is any object, args always a tuple, parameters NULL until first asked for.
// Concurrency: origin and args are immutable after construction; the lazily computed parameters
// tuple is published with a compare-and-swap (release) and read with an acquire load, so that
// concurrent readers either compute equal tuples (the loser drops its own) or see the winner's.
// Starred aliases (`*tuple[int]`, what iterating an alias yields) carry an immutable flag.
// Missing (TODO(#4)): substitution (`list[T][int]`).
#include <stddef.h>   // offsetof

#include "objects/generic_alias.h"

#include "objects/abstract.h"      // ft_object_call_one_arg_ref ft_iter_reduce_ref
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/int.h"           // ft_bool_from
#include "objects/list.h"          // ft_list_*
#include "objects/method_def.h"    // FtMethodDef FtMemberDef
#include "objects/object.h"        // ft_object_*
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "objects/type.h"          // ft_type_ready
#include "objects/typevar.h"       // ft_typevar_like_check
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "sync/atomic.h"           // ft_atomic_*

typedef struct GenericAliasObject {
    FtObject ob_base;
    FtObject *origin;       // immutable
    FtObject *args;         // tuple; immutable
    FtObject *parameters;   // NULL or tuple; written once by CAS (see the file header)
    bool starred;           // immutable: *alias, which iterating an alias yields
} GenericAliasObject;

static FtObject *
alias_new_ref(FtObject *origin, FtObject *args, bool starred)
{
    FtObject *tuple = ft_tuple_check(args) ? ft_new_ref(args) : ft_tuple_pack_ref(1, args);
    if (tuple == NULL)
        return NULL;
    GenericAliasObject *ga = (GenericAliasObject *)ft_object_new_of_type(&ft_generic_alias_type, 0);
    if (ga == NULL) {
        ft_decref(tuple);
        return NULL;
    }
    ga->origin = ft_new_ref(origin);
    ga->args = tuple;
    ga->parameters = NULL;
    ga->starred = starred;
    return (FtObject *)ga;
}

FtObject *
ft_generic_alias_new_ref(FtObject *origin, FtObject *args)
{
    return alias_new_ref(origin, args, false);
}

FtObject *
ft_generic_alias_class_getitem_ref(FtObject *cls, FtObject *item)
{
    return ft_generic_alias_new_ref(cls, item);
}

// Gets attribute name (a C string) of op; 1 found, 0 absent (no exception), -1 error.
static int
lookup_attr_cstr(FtObject *op, const char *name, FtObject **out)
{
    *out = NULL;
    FtObject *key = ft_str_intern_cstr_ref(name);
    if (key == NULL)
        return -1;
    int r = ft_object_lookup_attr(op, key, out);
    ft_decref(key);
    return r;
}

FtObject *
ft_generic_alias_repr_item_ref(FtObject *p, bool none_as_name)
{
    if (p == FT_ELLIPSIS)
        return ft_str_from_cstr_ref("...");
    if (none_as_name && (p == FT_NONE || p == (FtObject *)&ft_none_type))
        return ft_str_from_cstr_ref("None");
    if (ft_list_check(p)) {
        Ft_ssize n = ft_list_size(p);
        FtObject *parts = ft_list_new_ref(0);
        if (parts == NULL)
            return NULL;
        for (Ft_ssize i = 0; i < n; i++) {
            FtObject *item = ft_list_get_item_ref(p, i);
            FtObject *s = item != NULL ? ft_generic_alias_repr_item_ref(item, none_as_name) : NULL;
            ft_xdecref(item);
            if (s == NULL || ft_list_append(parts, s) < 0) {
                ft_xdecref(s);
                ft_decref(parts);
                return NULL;
            }
            ft_decref(s);
        }
        FtObject *tuple = ft_list_as_tuple_ref(parts);
        ft_decref(parts);
        if (tuple == NULL)
            return NULL;
        FtObject *sep = ft_str_from_cstr_ref(", ");
        FtObject *body = sep != NULL ? ft_str_join_ref(sep, ((FtTupleObject *)tuple)->items,
                                                       ft_tuple_size(tuple))
                                     : NULL;
        ft_xdecref(sep);
        ft_decref(tuple);
        if (body == NULL)
            return NULL;
        FtObject *res = ft_str_from_format_ref("[%U]", body);
        ft_decref(body);
        return res;
    }
    FtObject *origin, *args;
    int r = lookup_attr_cstr(p, "__origin__", &origin);
    if (r < 0)
        return NULL;
    if (r > 0) {
        ft_decref(origin);
        r = lookup_attr_cstr(p, "__args__", &args);
        if (r < 0)
            return NULL;
        if (r > 0) {
            ft_decref(args);
            return ft_object_repr_ref(p);
        }
    }
    FtObject *qualname, *module;
    r = lookup_attr_cstr(p, "__qualname__", &qualname);
    if (r < 0)
        return NULL;
    if (r == 0)
        return ft_object_repr_ref(p);
    r = lookup_attr_cstr(p, "__module__", &module);
    if (r <= 0) {
        ft_decref(qualname);
        return r < 0 ? NULL : ft_object_repr_ref(p);
    }
    FtObject *res;
    if (module == FT_NONE)
        res = ft_object_repr_ref(p);
    else if (ft_str_check(module) && ft_str_equal_cstr(module, "builtins"))
        res = ft_object_str_ref(qualname);
    else
        res = ft_str_from_format_ref("%S.%S", module, qualname);
    ft_decref(qualname);
    ft_decref(module);
    return res;
}

static int
add_parameter(FtObject *acc, FtObject *t)
{
    int found = ft_sequence_contains(acc, t);
    if (found != 0)
        return found < 0 ? -1 : 0;
    return ft_list_append(acc, t);
}

FtObject *
ft_generic_alias_collect_parameters_ref(FtObject *args)
{
    FtObject *acc = ft_list_new_ref(0);
    if (acc == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < ft_tuple_size(args); i++) {
        FtObject *t = ft_tuple_get_item_borrow(args, i);
        if (ft_type_check(t))
            continue;
        if (ft_typevar_like_check(t)) {
            if (add_parameter(acc, t) < 0)
                goto error;
            continue;
        }
        if (!ft_generic_alias_check(t) && !ft_union_check(t))
            continue;
        FtObject *sub;
        int r = lookup_attr_cstr(t, "__parameters__", &sub);
        if (r < 0)
            goto error;
        if (r > 0 && ft_tuple_check(sub)) {
            for (Ft_ssize j = 0; j < ft_tuple_size(sub); j++) {
                if (add_parameter(acc, ft_tuple_get_item_borrow(sub, j)) < 0) {
                    ft_decref(sub);
                    goto error;
                }
            }
        }
        ft_xdecref(sub);
    }
    FtObject *res = ft_list_as_tuple_ref(acc);
    ft_decref(acc);
    return res;
error:
    ft_decref(acc);
    return NULL;
}

/* --- Slots --- */

static void
ga_dealloc(FtObject *op)
{
    GenericAliasObject *ga = (GenericAliasObject *)op;
    ft_decref(ga->origin);
    ft_decref(ga->args);
    ft_xdecref(ga->parameters);
    ft_object_free_memory(op);
}

static int
ga_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    GenericAliasObject *ga = (GenericAliasObject *)op;
    int r = visit(ga->origin, arg);
    if (r == 0)
        r = visit(ga->args, arg);
    if (r == 0 && ga->parameters != NULL)
        r = visit(ga->parameters, arg);
    return r;
}

static FtObject *
ga_repr(FtObject *op)
{
    GenericAliasObject *ga = (GenericAliasObject *)op;
    FtObject *origin = ft_generic_alias_repr_item_ref(ga->origin, false);
    if (origin == NULL)
        return NULL;
    FtObject *head = ga->starred ? ft_str_from_format_ref("*%U", origin) : ft_new_ref(origin);
    ft_decref(origin);
    if (head == NULL)
        return NULL;
    Ft_ssize n = ft_tuple_size(ga->args);
    if (n == 0) {
        FtObject *res = ft_str_from_format_ref("%U[()]", head);
        ft_decref(head);
        return res;
    }
    FtObject *parts = ft_tuple_new_ref(n);
    if (parts == NULL) {
        ft_decref(head);
        return NULL;
    }
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *s = ft_generic_alias_repr_item_ref(ft_tuple_get_item_borrow(ga->args, i), true);
        if (s == NULL) {
            ft_decref(parts);
            ft_decref(head);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(parts, i, s);
    }
    FtObject *sep = ft_str_from_cstr_ref(", ");
    FtObject *body = NULL;
    if (sep != NULL) {
        body = ft_str_join_ref(sep, ((FtTupleObject *)parts)->items, n);
        ft_decref(sep);
    }
    ft_decref(parts);
    FtObject *res = body != NULL ? ft_str_from_format_ref("%U[%U]", head, body) : NULL;
    ft_xdecref(body);
    ft_decref(head);
    return res;
}

static FtObject *
ga_richcompare(FtObject *a, FtObject *b, int op)
{
    if (!ft_generic_alias_check(a) || !ft_generic_alias_check(b) || (op != FT_EQ && op != FT_NE))
        return ft_new_ref(FT_NOT_IMPLEMENTED);
    GenericAliasObject *x = (GenericAliasObject *)a, *y = (GenericAliasObject *)b;
    if (x->starred != y->starred)
        return ft_bool_from(op == FT_NE);
    int eq = ft_object_rich_compare_bool(x->origin, y->origin, FT_EQ);
    if (eq < 0)
        return NULL;
    if (eq)
        eq = ft_object_rich_compare_bool(x->args, y->args, FT_EQ);
    if (eq < 0)
        return NULL;
    return ft_bool_from(op == FT_EQ ? eq != 0 : eq == 0);
}

static Ft_hash
ga_hash(FtObject *op)
{
    GenericAliasObject *ga = (GenericAliasObject *)op;
    Ft_hash h0 = ft_object_hash(ga->origin);
    if (h0 == -1)
        return -1;
    Ft_hash h1 = ft_object_hash(ga->args);
    if (h1 == -1)
        return -1;
    Ft_hash h = h0 ^ h1;
    return h == -1 ? -2 : h;
}

// Calls the origin, then records the alias on the instance as __orig_class__ when it can.
static FtObject *
ga_call(FtObject *callable, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    GenericAliasObject *ga = (GenericAliasObject *)callable;
    FtObject *obj = ft_object_vectorcall_ref(ga->origin, args, nargsf, kwnames);
    if (obj == NULL)
        return NULL;
    FtObject *key = ft_str_intern_cstr_ref("__orig_class__");
    if (key == NULL || ft_object_set_attr(obj, key, callable) < 0) {
        if (key == NULL || (!ft_error_matches(&ft_exc_attribute_error) &&
                            !ft_error_matches(&ft_exc_type_error))) {
            ft_xdecref(key);
            ft_decref(obj);
            return NULL;
        }
        ft_error_clear();
    }
    ft_decref(key);
    return obj;
}

// Names looked up on the alias itself; every other attribute comes from the origin.
static const char *const own_attrs[] = {
    "__class__", "__bases__", "__origin__", "__args__", "__unpacked__", "__parameters__",
    "__typing_unpacked_tuple_args__", "__mro_entries__", "__reduce_ex__", "__reduce__",
    "__copy__", "__deepcopy__", NULL,
};

static FtObject *
ga_getattro(FtObject *op, FtObject *name)
{
    if (ft_str_check(name)) {
        bool own = false;
        for (const char *const *p = own_attrs; *p != NULL && !own; p++)
            own = ft_str_equal_cstr(name, *p);
        if (!own)
            return ft_object_get_attr_ref(((GenericAliasObject *)op)->origin, name);
    }
    return ft_object_generic_get_attr_ref(op, name);
}

static FtObject *
ga_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "GenericAlias() takes no keyword arguments");
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "GenericAlias expected 2 arguments, got %zd",
                               nargs);
    return ft_generic_alias_new_ref(args[0], args[1]);
}

static FtObject *
ga_or(FtObject *a, FtObject *b)
{
    return ft_union_or_ref(a, b);
}

static FtNumberMethods ga_as_number = {
    .nb_or = ga_or,
};

static FtObject *ga_get_parameters(FtObject *op, void *closure);

// alias[item]: an alias without type parameters refuses, as CPython's _Py_subs_parameters.
static FtObject *
ga_subscript(FtObject *op, FtObject *item)
{
    FtObject *params = ga_get_parameters(op, NULL);
    if (params == NULL)
        return NULL;
    Ft_ssize n = ft_tuple_size(params);
    ft_decref(params);
    if (n == 0)
        return ft_error_format(&ft_exc_type_error, "%R is not a generic class", op);
    return ft_error_format(&ft_exc_not_implemented_error,
                           "substituting type parameters is not implemented yet");   // TODO(#4)
}

static FtMappingMethods ga_as_mapping = {
    .mp_subscript = ga_subscript,
};

/* --- Attributes and methods --- */

static FtObject *
ga_get_parameters(FtObject *op, void *closure)
{
    GenericAliasObject *ga = (GenericAliasObject *)op;
    FtObject *cur = ft_atomic_load_ptr_acquire((Ft_voidptr *)&ga->parameters);
    if (cur != NULL)
        return ft_new_ref(cur);
    FtObject *fresh = ft_generic_alias_collect_parameters_ref(ga->args);
    if (fresh == NULL)
        return NULL;
    Ft_voidptr expected = NULL;
    if (ft_atomic_cas_ptr_acq_rel((Ft_voidptr *)&ga->parameters, &expected, fresh))
        return ft_new_ref(fresh);
    ft_decref(fresh);
    return ft_new_ref((FtObject *)expected);
}

static FtObject *
ga_get_unpacked(FtObject *op, void *closure)
{
    return ft_bool_from(((GenericAliasObject *)op)->starred);
}

// The element types of *tuple[...]; None for anything else.
static FtObject *
ga_get_unpacked_tuple_args(FtObject *op, void *closure)
{
    GenericAliasObject *ga = (GenericAliasObject *)op;
    if (ga->starred && ga->origin == (FtObject *)&ft_tuple_type)
        return ft_new_ref(ga->args);
    return ft_none_ref();
}

static const FtGetSetDef ga_getset[] = {
    {.name = "__parameters__", .get = ga_get_parameters,
     .doc = "Type variables in the GenericAlias."},
    {.name = "__unpacked__", .get = ga_get_unpacked},
    {.name = "__typing_unpacked_tuple_args__", .get = ga_get_unpacked_tuple_args},
    {0},
};

static const FtMemberDef ga_members[] = {
    {.name = "__origin__", .type = FT_MEMBER_OBJECT,
     .offset = offsetof(GenericAliasObject, origin), .flags = FT_MEMBER_READONLY},
    {.name = "__args__", .type = FT_MEMBER_OBJECT, .offset = offsetof(GenericAliasObject, args),
     .flags = FT_MEMBER_READONLY},
    {0},
};

static FtObject *
ga_mro_entries(FtObject *self, FtObject *bases)
{
    return ft_tuple_pack_ref(1, ((GenericAliasObject *)self)->origin);
}

static FtObject *
ga_instancecheck(FtObject *self, FtObject *arg)
{
    return ft_error_format(&ft_exc_type_error,
                           "isinstance() argument 2 cannot be a parameterized generic");
}

static FtObject *
ga_subclasscheck(FtObject *self, FtObject *arg)
{
    return ft_error_format(&ft_exc_type_error,
                           "issubclass() argument 2 cannot be a parameterized generic");
}

static FtObject *
ga_dir(FtObject *self)
{
    // dir(origin): type(origin).__dir__(origin).
    FtObject *origin = ((GenericAliasObject *)self)->origin;
    FtObject *name = ft_str_intern_cstr_ref("__dir__");
    if (name == NULL)
        return NULL;
    FtObject *meth = ft_type_lookup_ref(origin->ob_type, name);
    ft_decref(name);
    if (meth == NULL)
        return ft_error_format(&ft_exc_type_error, "object does not provide __dir__");
    FtObject *res = ft_object_call_one_arg_ref(meth, origin);
    ft_decref(meth);
    if (res == NULL || !ft_list_check(res))
        return res;
    // Add the alias's own attributes that it really has.
    for (const char *const *p = own_attrs; *p != NULL; p++) {
        FtObject *value;
        int has = lookup_attr_cstr(self, *p, &value);
        ft_xdecref(value);
        FtObject *s = has > 0 ? ft_str_from_cstr_ref(*p) : NULL;
        if (has < 0 || (has > 0 && (s == NULL || add_parameter(res, s) < 0))) {
            ft_xdecref(s);
            ft_decref(res);
            return NULL;
        }
        ft_xdecref(s);
    }
    return res;
}

static FtObject *ga_iter(FtObject *op);

// Pickles as GenericAlias(origin, args); a starred alias as next(iter(the unstarred alias)).
static FtObject *
ga_reduce(FtObject *self)
{
    GenericAliasObject *ga = (GenericAliasObject *)self;
    if (ga->starred) {
        FtObject *plain = alias_new_ref(ga->origin, ga->args, false);
        FtObject *it = plain != NULL ? ga_iter(plain) : NULL;
        ft_xdecref(plain);
        if (it == NULL)
            return NULL;
        FtObject *res = ft_iter_reduce_ref("next", it, NULL);
        ft_decref(it);
        return res;
    }
    FtObject *args = ft_tuple_pack_ref(2, ga->origin, ga->args);
    if (args == NULL)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(2, (FtObject *)self->ob_type, args);
    ft_decref(args);
    return res;
}

static const FtMethodDef ga_methods[] = {
    {.name = "__reduce__", .fn.noargs = ga_reduce, .flags = FT_METH_NOARGS},
    {.name = "__mro_entries__", .fn.o = ga_mro_entries, .flags = FT_METH_O},
    {.name = "__instancecheck__", .fn.o = ga_instancecheck, .flags = FT_METH_O},
    {.name = "__subclasscheck__", .fn.o = ga_subclasscheck, .flags = FT_METH_O},
    {.name = "__dir__", .fn.noargs = ga_dir, .flags = FT_METH_NOARGS},
    {0},
};

/* --- generic_alias_iterator --- */

// iter(alias) yields *alias once: exactly one of several threads calling next() at once gets it.
typedef struct GaIterObject {
    FtObject ob_base;
    FtObject *obj;   // the alias until taken, then NULL; guarded_by(ob_mutex)
} GaIterObject;

static FtTypeObject ga_iter_type;

static FtObject *
ga_iter(FtObject *op)
{
    GaIterObject *it = (GaIterObject *)ft_object_new_of_type(&ga_iter_type, 0);
    if (it == NULL)
        return NULL;
    it->obj = ft_new_ref(op);
    return (FtObject *)it;
}

static void
ga_iter_dealloc(FtObject *op)
{
    ft_xdecref(((GaIterObject *)op)->obj);
    ft_object_free_memory(op);
}

// The collector runs with the world stopped: no section needed.
static int
ga_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *obj = ((GaIterObject *)op)->obj;
    return obj != NULL ? visit(obj, arg) : 0;
}

static FtObject *
ga_iter_iter(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
ga_iter_next(FtObject *op)
{
    GaIterObject *it = (GaIterObject *)op;
    FtObject *obj;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    obj = it->obj;
    it->obj = NULL;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (obj == NULL)
        return NULL;   // exhausted
    GenericAliasObject *ga = (GenericAliasObject *)obj;
    FtObject *res = alias_new_ref(ga->origin, ga->args, true);
    ft_decref(obj);
    return res;
}

// (iter, (alias,)) while the alias is still to come, (iter, ((),)) after.
static FtObject *
ga_iter_reduce(FtObject *op)
{
    GaIterObject *it = (GaIterObject *)op;
    FtObject *obj;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    obj = it->obj != NULL ? ft_new_ref(it->obj) : NULL;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (obj == NULL) {
        FtObject *empty = ft_tuple_new_ref(0);
        if (empty == NULL)
            return NULL;
        FtObject *res = ft_iter_reduce_ref("iter", empty, NULL);
        ft_decref(empty);
        return res;
    }
    FtObject *res = ft_iter_reduce_ref("iter", obj, NULL);
    ft_decref(obj);
    return res;
}

static const FtMethodDef ga_iter_methods[] = {
    {.name = "__reduce__", .fn.noargs = ga_iter_reduce, .flags = FT_METH_NOARGS},
    {0},
};

static FtTypeObject ga_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "generic_alias_iterator",
    .tp_basicsize = sizeof(GaIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = ga_iter_dealloc,
    .tp_traverse = ga_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = ga_iter_iter,
    .tp_iternext = ga_iter_next,
    .tp_methods = ga_iter_methods,
};

FtTypeObject ft_generic_alias_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "types.GenericAlias",
    .tp_basicsize = sizeof(GenericAliasObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = ga_dealloc,
    .tp_traverse = ga_traverse,
    .tp_repr = ga_repr,
    .tp_hash = ga_hash,
    .tp_richcompare = ga_richcompare,
    .tp_call = ga_call,
    .tp_getattro = ga_getattro,
    .tp_as_number = &ga_as_number,
    .tp_as_mapping = &ga_as_mapping,
    .tp_iter = ga_iter,
    .tp_new = ga_new,
    .tp_methods = ga_methods,
    .tp_members = ga_members,
    .tp_getset = ga_getset,
    .tp_doc = "GenericAlias(origin, args, /)\n--\n\n"
              "Represent a PEP 585 generic type\n\nE.g. for t = list[int], t.__origin__ is list "
              "and t.__args__ is (int,).",
};

int
ft_generic_alias_init_types(void)
{
    if (ft_type_ready(&ga_iter_type) < 0)
        return -1;
    return ft_type_ready(&ft_generic_alias_type);
}

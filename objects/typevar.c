// objects/typevar.c: TypeVar, ParamSpec, TypeVarTuple, TypeAliasType, typing.Generic and
// typing.NoDefault, and the typing intrinsics the compiler emits for PEP 695 syntax (CPython's
// Objects/typevarobject.c and Python/intrinsics.c).
//
// Owns: those types and ft_typing_intrinsic1_ref / ft_typing_intrinsic2_ref.
// Invariants: a type parameter's name is a str; each lazily evaluated field is either given
// eagerly (the cache set, no evaluate function) or evaluated on first use from its evaluate
// function (a compiler-made function whose one parameter, the annotation format, defaults to 1).
// Concurrency: the evaluate functions, the name and the flags are immutable once published (the
// SET_TYPEPARAM_DEFAULT intrinsic runs on a parameter only its creating frame can see, hence
// _unlocked); the caches are published once by compare-and-swap with acquire loads.
// Missing (TODO(#4)): TypeVar(...) keyword arguments other than bound=, variance checks,
// __typing_subst__, substitution of generic aliases, ParamSpec args/kwargs, unpacking (*Ts),
// Generic's __init_subclass__ checks and __parameters__ of subclasses.
#include <stddef.h>   // offsetof

#include "objects/typevar.h"

#include "eval/opcode.h"   // FT_INTRINSIC_* (objects may read the instruction tables)
#include "objects/abstract.h"                // ft_object_call_no_args_ref
#include "objects/error.h"                   // ft_error_* ft_exc_*
#include "objects/generic_alias.h"           // ft_generic_alias_new_ref ft_union_*
#include "objects/int.h"                     // ft_bool_from
#include "objects/method_def.h"              // FtMethodDef FtGetSetDef
#include "objects/object.h"                  // ft_object_*
#include "objects/str.h"                     // ft_str_*
#include "objects/tuple.h"                   // ft_tuple_*
#include "objects/type.h"                    // ft_type_ready
#include "sync/atomic.h"                     // ft_atomic_*

/* --- typing.NoDefault --- */

static FtObject *
nodefault_repr(FtObject *op)
{
    return ft_str_from_cstr_ref("typing.NoDefault");
}

static FtTypeObject nodefault_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "NoDefaultType",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_repr = nodefault_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_doc = "The type of the NoDefault singleton.",
};

FtObject ft_nodefault_object = FT_OBJECT_HEAD_INIT(&nodefault_type);

/* --- Lazily evaluated fields --- */

typedef struct LazyField {
    FtObject *value;      // NULL until known; published once by CAS (acquire loads)
    FtObject *evaluate;   // NULL or a callable; immutable once published
} LazyField;

// The field's value as a new reference (dflt, borrowed, when it has neither value nor function).
static FtObject *
lazy_get_ref(LazyField *f, FtObject *dflt)
{
    FtObject *cur = ft_atomic_load_ptr_acquire((Ft_voidptr *)&f->value);
    if (cur != NULL)
        return ft_new_ref(cur);
    if (f->evaluate == NULL)
        return ft_new_ref(dflt);
    FtObject *fresh = ft_object_call_no_args_ref(f->evaluate);
    if (fresh == NULL)
        return NULL;
    Ft_voidptr expected = NULL;
    if (ft_atomic_cas_ptr_acq_rel((Ft_voidptr *)&f->value, &expected, fresh))
        return ft_new_ref(fresh);
    ft_decref(fresh);
    return ft_new_ref((FtObject *)expected);
}

static void
lazy_clear(LazyField *f)
{
    ft_xdecref(f->value);
    ft_xdecref(f->evaluate);
}

static int
lazy_visit(LazyField *f, FtVisitProc visit, void *arg)
{
    int r = f->value != NULL ? visit(f->value, arg) : 0;
    if (r == 0 && f->evaluate != NULL)
        r = visit(f->evaluate, arg);
    return r;
}

/* --- TypeVar, ParamSpec, TypeVarTuple --- */

typedef struct TypeParamObject {
    FtObject ob_base;
    FtObject *name;             // str; immutable
    LazyField bound;            // TypeVar only
    LazyField constraints;      // TypeVar only; a tuple
    LazyField default_value;    // evaluate set by SET_TYPEPARAM_DEFAULT before publication
    bool covariant;             // immutable
    bool contravariant;         // immutable
    bool infer_variance;        // immutable
} TypeParamObject;

static FtObject *
typeparam_new_ref(FtTypeObject *type, FtObject *name, bool infer_variance)
{
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "%s() argument 'name' must be str, not %.200s",
                               type->tp_name + 7, name->ob_type->tp_name);
    TypeParamObject *tp = (TypeParamObject *)ft_object_new_of_type(type, 0);
    if (tp == NULL)
        return NULL;
    tp->name = ft_new_ref(name);
    tp->bound = (LazyField){0};
    tp->constraints = (LazyField){0};
    tp->default_value = (LazyField){0};
    tp->covariant = tp->contravariant = false;
    tp->infer_variance = infer_variance;
    return (FtObject *)tp;
}

static void
typeparam_dealloc(FtObject *op)
{
    TypeParamObject *tp = (TypeParamObject *)op;
    ft_decref(tp->name);
    lazy_clear(&tp->bound);
    lazy_clear(&tp->constraints);
    lazy_clear(&tp->default_value);
    ft_object_free_memory(op);
}

static int
typeparam_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    TypeParamObject *tp = (TypeParamObject *)op;
    int r = visit(tp->name, arg);
    if (r == 0)
        r = lazy_visit(&tp->bound, visit, arg);
    if (r == 0)
        r = lazy_visit(&tp->constraints, visit, arg);
    if (r == 0)
        r = lazy_visit(&tp->default_value, visit, arg);
    return r;
}

static FtObject *
typeparam_repr(FtObject *op)
{
    TypeParamObject *tp = (TypeParamObject *)op;
    if (op->ob_type == &ft_typevartuple_type || tp->infer_variance)
        return ft_new_ref(tp->name);
    const char *prefix = tp->covariant ? "+" : tp->contravariant ? "-" : "~";
    return ft_str_from_format_ref("%s%U", prefix, tp->name);
}

static FtObject *
typeparam_or(FtObject *a, FtObject *b)
{
    FtObject *pair = ft_tuple_pack_ref(2, a, b);
    if (pair == NULL)
        return NULL;
    FtObject *res = ft_union_from_tuple_ref(pair);
    ft_decref(pair);
    return res;
}

static FtNumberMethods typeparam_as_number = {
    .nb_or = typeparam_or,
};

static FtObject *
typeparam_get_name(FtObject *op, void *closure)
{
    return ft_new_ref(((TypeParamObject *)op)->name);
}

static FtObject *
typeparam_get_module(FtObject *op, void *closure)
{
    return ft_str_from_cstr_ref("typing");
}

static FtObject *
typeparam_get_bound(FtObject *op, void *closure)
{
    return lazy_get_ref(&((TypeParamObject *)op)->bound, FT_NONE);
}

static FtObject *
typeparam_get_constraints(FtObject *op, void *closure)
{
    FtObject *empty = ft_tuple_new_ref(0);
    if (empty == NULL)
        return NULL;
    FtObject *res = lazy_get_ref(&((TypeParamObject *)op)->constraints, empty);
    ft_decref(empty);
    return res;
}

static FtObject *
typeparam_get_default(FtObject *op, void *closure)
{
    return lazy_get_ref(&((TypeParamObject *)op)->default_value, FT_NODEFAULT);
}

static FtObject *
typeparam_get_covariant(FtObject *op, void *closure)
{
    return ft_bool_from(((TypeParamObject *)op)->covariant);
}

static FtObject *
typeparam_get_contravariant(FtObject *op, void *closure)
{
    return ft_bool_from(((TypeParamObject *)op)->contravariant);
}

static FtObject *
typeparam_get_infer_variance(FtObject *op, void *closure)
{
    return ft_bool_from(((TypeParamObject *)op)->infer_variance);
}

static FtObject *
typeparam_has_default(FtObject *self)
{
    TypeParamObject *tp = (TypeParamObject *)self;
    if (tp->default_value.evaluate != NULL)
        return ft_bool_from(true);
    FtObject *cur = ft_atomic_load_ptr_acquire((Ft_voidptr *)&tp->default_value.value);
    return ft_bool_from(cur != NULL && cur != FT_NODEFAULT);
}

static const FtGetSetDef typevar_getset[] = {
    {.name = "__name__", .get = typeparam_get_name},
    {.name = "__module__", .get = typeparam_get_module},
    {.name = "__bound__", .get = typeparam_get_bound},
    {.name = "__constraints__", .get = typeparam_get_constraints},
    {.name = "__default__", .get = typeparam_get_default},
    {.name = "__covariant__", .get = typeparam_get_covariant},
    {.name = "__contravariant__", .get = typeparam_get_contravariant},
    {.name = "__infer_variance__", .get = typeparam_get_infer_variance},
    {0},
};

static const FtGetSetDef paramspec_getset[] = {
    {.name = "__name__", .get = typeparam_get_name},
    {.name = "__module__", .get = typeparam_get_module},
    {.name = "__bound__", .get = typeparam_get_bound},
    {.name = "__default__", .get = typeparam_get_default},
    {.name = "__covariant__", .get = typeparam_get_covariant},
    {.name = "__contravariant__", .get = typeparam_get_contravariant},
    {.name = "__infer_variance__", .get = typeparam_get_infer_variance},
    {0},
};

static const FtGetSetDef typevartuple_getset[] = {
    {.name = "__name__", .get = typeparam_get_name},
    {.name = "__module__", .get = typeparam_get_module},
    {.name = "__default__", .get = typeparam_get_default},
    {0},
};

static const FtMethodDef typeparam_methods[] = {
    {.name = "has_default", .fn.noargs = typeparam_has_default, .flags = FT_METH_NOARGS},
    {0},
};

// TypeVar(name, *constraints, bound=None): the other keywords are TODO(#4).
static FtObject *
typevar_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error,
                               "TypeVar() missing required argument 'name' (pos 1)");
    FtObject *bound = NULL;
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    for (Ft_ssize i = 0; i < nkw; i++) {
        FtObject *k = ft_tuple_get_item_borrow(kwnames, i);
        if (ft_str_equal_cstr(k, "bound"))
            bound = args[nargs + i];
        else
            return ft_error_format(&ft_exc_type_error,
                                   "TypeVar() keyword argument %R is not supported yet", k);
    }
    if (nargs == 2)
        return ft_error_format(&ft_exc_type_error, "A single constraint is not allowed");
    if (nargs > 2 && bound != NULL && bound != FT_NONE)
        return ft_error_format(&ft_exc_type_error, "Constraints cannot be combined with bound=...");
    TypeParamObject *tp = (TypeParamObject *)typeparam_new_ref(type, args[0], false);
    if (tp == NULL)
        return NULL;
    if (bound != NULL && bound != FT_NONE)
        tp->bound.value = ft_new_ref(bound);
    if (nargs > 2 &&
        (tp->constraints.value = ft_tuple_from_array_ref(args + 1, nargs - 1)) == NULL) {
        ft_decref((FtObject *)tp);
        return NULL;
    }
    return (FtObject *)tp;
}

static FtObject *
paramspec_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    if (ft_vectorcall_nargs(nargsf) != 1 || (kwnames != NULL && ft_tuple_size(kwnames) > 0))
        return ft_error_format(&ft_exc_type_error, "%s() takes exactly one argument (TODO(#4))",
                               type->tp_name + 7);
    return typeparam_new_ref(type, args[0], false);
}

#define TYPEPARAM_TYPE(cname, pyname, getset, newfn)                                         \
    FtTypeObject cname = {                                                                   \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),                                \
        .tp_name = pyname,                                                                   \
        .tp_basicsize = sizeof(TypeParamObject),                                             \
        .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,                           \
        .tp_dealloc = typeparam_dealloc,                                                     \
        .tp_traverse = typeparam_traverse,                                                   \
        .tp_repr = typeparam_repr,                                                           \
        .tp_getattro = ft_object_generic_get_attr_ref,                                       \
        .tp_as_number = &typeparam_as_number,                                                \
        .tp_new = newfn,                                                                     \
        .tp_methods = typeparam_methods,                                                     \
        .tp_getset = getset,                                                                 \
    }

TYPEPARAM_TYPE(ft_typevar_type, "typing.TypeVar", typevar_getset, typevar_new);
TYPEPARAM_TYPE(ft_paramspec_type, "typing.ParamSpec", paramspec_getset, paramspec_new);
TYPEPARAM_TYPE(ft_typevartuple_type, "typing.TypeVarTuple", typevartuple_getset, paramspec_new);

/* --- TypeAliasType --- */

typedef struct TypeAliasObject {
    FtObject ob_base;
    FtObject *name;          // str; immutable
    FtObject *type_params;   // tuple; immutable
    LazyField value;         // __value__
} TypeAliasObject;

static FtObject *
typealias_new_ref(FtObject *name, FtObject *type_params, FtObject *value, FtObject *evaluate)
{
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error,
                               "TypeAliasType() argument 'name' must be str, not %.200s",
                               name->ob_type->tp_name);
    if (type_params != NULL && type_params != FT_NONE && !ft_tuple_check(type_params))
        return ft_error_format(&ft_exc_type_error, "type_params must be a tuple");
    FtObject *params = type_params != NULL && type_params != FT_NONE ? ft_new_ref(type_params)
                                                                      : ft_tuple_new_ref(0);
    if (params == NULL)
        return NULL;
    TypeAliasObject *ta = (TypeAliasObject *)ft_object_new_of_type(&ft_typealias_type, 0);
    if (ta == NULL) {
        ft_decref(params);
        return NULL;
    }
    ta->name = ft_new_ref(name);
    ta->type_params = params;
    ta->value.value = value != NULL ? ft_new_ref(value) : NULL;
    ta->value.evaluate = evaluate != NULL ? ft_new_ref(evaluate) : NULL;
    return (FtObject *)ta;
}

static void
typealias_dealloc(FtObject *op)
{
    TypeAliasObject *ta = (TypeAliasObject *)op;
    ft_decref(ta->name);
    ft_decref(ta->type_params);
    lazy_clear(&ta->value);
    ft_object_free_memory(op);
}

static int
typealias_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    TypeAliasObject *ta = (TypeAliasObject *)op;
    int r = visit(ta->name, arg);
    if (r == 0)
        r = visit(ta->type_params, arg);
    return r != 0 ? r : lazy_visit(&ta->value, visit, arg);
}

static FtObject *
typealias_repr(FtObject *op)
{
    return ft_new_ref(((TypeAliasObject *)op)->name);
}

static FtObject *
typealias_subscript(FtObject *op, FtObject *key)
{
    TypeAliasObject *ta = (TypeAliasObject *)op;
    if (ft_tuple_size(ta->type_params) == 0)
        return ft_error_format(&ft_exc_type_error, "Only generic type aliases are subscriptable");
    return ft_generic_alias_new_ref(op, key);
}

static FtMappingMethods typealias_as_mapping = {
    .mp_subscript = typealias_subscript,
};

static FtNumberMethods typealias_as_number = {
    .nb_or = ft_union_or_ref,
};

static FtObject *
typealias_get_name(FtObject *op, void *closure)
{
    return ft_new_ref(((TypeAliasObject *)op)->name);
}

static FtObject *
typealias_get_value(FtObject *op, void *closure)
{
    return lazy_get_ref(&((TypeAliasObject *)op)->value, FT_NONE);
}

static FtObject *
typealias_get_type_params(FtObject *op, void *closure)
{
    return ft_new_ref(((TypeAliasObject *)op)->type_params);
}

static FtObject *
typealias_get_parameters(FtObject *op, void *closure)
{
    return ft_generic_alias_collect_parameters_ref(((TypeAliasObject *)op)->type_params);
}

// The module of the statement that made the alias: its value function's __module__.
static FtObject *
typealias_get_module(FtObject *op, void *closure)
{
    FtObject *fn = ((TypeAliasObject *)op)->value.evaluate;
    if (fn == NULL)
        return ft_none_ref();
    FtObject *key = ft_str_intern_cstr_ref("__module__");
    if (key == NULL)
        return NULL;
    FtObject *res = ft_object_get_attr_ref(fn, key);
    ft_decref(key);
    return res;
}

static const FtGetSetDef typealias_getset[] = {
    {.name = "__name__", .get = typealias_get_name},
    {.name = "__qualname__", .get = typealias_get_name},
    {.name = "__value__", .get = typealias_get_value},
    {.name = "__type_params__", .get = typealias_get_type_params},
    {.name = "__parameters__", .get = typealias_get_parameters},
    {.name = "__module__", .get = typealias_get_module},
    {0},
};

// TypeAliasType(name, value, *, type_params=()).
static FtObject *
typealias_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    FtObject *name = nargs > 0 ? args[0] : NULL, *value = nargs > 1 ? args[1] : NULL;
    FtObject *type_params = NULL;
    if (nargs > 2)
        return ft_error_format(&ft_exc_type_error,
                               "typealias() takes at most 2 positional arguments (%zd given)",
                               nargs);
    for (Ft_ssize i = 0; i < nkw; i++) {
        FtObject *k = ft_tuple_get_item_borrow(kwnames, i);
        if (ft_str_equal_cstr(k, "name") && name == NULL)
            name = args[nargs + i];
        else if (ft_str_equal_cstr(k, "value") && value == NULL)
            value = args[nargs + i];
        else if (ft_str_equal_cstr(k, "type_params"))
            type_params = args[nargs + i];
        else
            return ft_error_format(&ft_exc_type_error,
                                   "typealias() got an unexpected keyword argument %R", k);
    }
    if (name == NULL || value == NULL)
        return ft_error_format(&ft_exc_type_error, "typealias() missing required argument '%s'",
                               name == NULL ? "name" : "value");
    return typealias_new_ref(name, type_params, value, NULL);
}

FtTypeObject ft_typealias_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "typing.TypeAliasType",
    .tp_basicsize = sizeof(TypeAliasObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = typealias_dealloc,
    .tp_traverse = typealias_traverse,
    .tp_repr = typealias_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_as_number = &typealias_as_number,
    .tp_as_mapping = &typealias_as_mapping,
    .tp_new = typealias_new,
    .tp_getset = typealias_getset,
    .tp_doc = "Type alias.",
};

/* --- typing.Generic --- */

static FtObject *
generic_class_getitem(FtObject *cls, FtObject *params)
{
    if (ft_tuple_check(params) && ft_tuple_size(params) == 0)
        return ft_error_format(&ft_exc_type_error,
                               "Parameter list to %S[...] cannot be empty", cls);
    return ft_generic_alias_new_ref(cls, params);
}

static const FtMethodDef generic_methods[] = {
    {.name = "__class_getitem__", .fn.o = generic_class_getitem,
     .flags = FT_METH_O | FT_METH_CLASS},
    {0},
};

FtTypeObject ft_generic_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "typing.Generic",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = generic_methods,
    .tp_doc = "Abstract base class for generic types.",
};

/* --- The intrinsics --- */

FtObject *
ft_typing_intrinsic1_ref(int which, FtObject *arg)
{
    switch (which) {
    case FT_INTRINSIC_TYPEVAR:
        return typeparam_new_ref(&ft_typevar_type, arg, true);
    case FT_INTRINSIC_PARAMSPEC:
        return typeparam_new_ref(&ft_paramspec_type, arg, true);
    case FT_INTRINSIC_TYPEVARTUPLE:
        return typeparam_new_ref(&ft_typevartuple_type, arg, false);
    case FT_INTRINSIC_SUBSCRIPT_GENERIC:
        return ft_generic_alias_new_ref((FtObject *)&ft_generic_type, arg);
    case FT_INTRINSIC_TYPEALIAS:
        if (!ft_tuple_check(arg) || ft_tuple_size(arg) != 3)
            return ft_error_format(&ft_exc_system_error, "bad TYPEALIAS operand");
        return typealias_new_ref(ft_tuple_get_item_borrow(arg, 0), ft_tuple_get_item_borrow(arg, 1),
                                 NULL, ft_tuple_get_item_borrow(arg, 2));
    default:
        return ft_error_format(&ft_exc_system_error, "%d is not a typing intrinsic", which);
    }
}

FtObject *
ft_typing_intrinsic2_ref(int which, FtObject *value2, FtObject *value1)
{
    switch (which) {
    case FT_INTRINSIC_TYPEVAR_WITH_BOUND:
    case FT_INTRINSIC_TYPEVAR_WITH_CONSTRAINTS: {
        TypeParamObject *tp =
            (TypeParamObject *)typeparam_new_ref(&ft_typevar_type, value2, true);
        if (tp == NULL)
            return NULL;
        if (which == FT_INTRINSIC_TYPEVAR_WITH_BOUND)
            tp->bound.evaluate = ft_new_ref(value1);
        else
            tp->constraints.evaluate = ft_new_ref(value1);
        return (FtObject *)tp;
    }
    case FT_INTRINSIC_SET_FUNCTION_TYPE_PARAMS: {
        FtObject *key = ft_str_intern_cstr_ref("__type_params__");
        if (key == NULL)
            return NULL;
        int r = ft_object_set_attr(value2, key, value1);
        ft_decref(key);
        return r < 0 ? NULL : ft_new_ref(value2);
    }
    case FT_INTRINSIC_SET_TYPEPARAM_DEFAULT: {
        if (!ft_typevar_like_check(value2))
            return ft_error_format(&ft_exc_system_error, "SET_TYPEPARAM_DEFAULT on a %s",
                                   value2->ob_type->tp_name);
        TypeParamObject *tp = (TypeParamObject *)value2;
        FtObject *old = tp->default_value.evaluate;
        tp->default_value.evaluate = ft_new_ref(value1);
        ft_xdecref(old);
        return ft_new_ref(value2);
    }
    default:
        return ft_error_format(&ft_exc_system_error, "%d is not a typing intrinsic", which);
    }
}

int
ft_typevar_init_types(void)
{
    if (ft_type_ready(&nodefault_type) < 0 || ft_type_ready(&ft_typevar_type) < 0 ||
        ft_type_ready(&ft_paramspec_type) < 0 || ft_type_ready(&ft_typevartuple_type) < 0 ||
        ft_type_ready(&ft_typealias_type) < 0 || ft_type_ready(&ft_generic_type) < 0)
        return -1;
    return 0;
}

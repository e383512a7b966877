// objects/descr.c: descriptors built from a type's tables (method, classmethod, member, getset) and
// builtin functions / bound methods (CPython's Objects/descrobject.c, Objects/methodobject.c,
// Python/structmember.c).
//
// Layout: every descriptor is a DescrObject (the defining type, the interned name, the table entry);
// a builtin function is an FtCFunctionObject (objects/method_def.h).
// Invariants: descriptors and functions are immutable after creation; def points into a static table.
//
// Concurrency:
//   method/classmethod/getset descriptors, builtin functions   immutable: lock-free
//   member get/set of an object field                          the instance's critical section
//   member get/set of a scalar field                           the instance's critical section
// (getset functions lock what they need themselves).
//
// Calls use the vectorcall convention; the FT_METH_* flag of the entry selects the C signature and
// the argument-count checks, with CPython's messages.
#include <stddef.h>   // offsetof
#include <string.h>   // memcpy strlen strncmp strstr

#include "objects/method_def.h"

#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/dict.h"          // ft_dict_*
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/float.h"         // ft_float_from_double_ref
#include "objects/int.h"           // ft_int_* ft_bool_from
#include "objects/module.h"        // ft_module_check
#include "objects/object.h"        // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_size
#include "objects/type.h"          // ft_type_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/thread_state.h"  // ft_interp_main

typedef struct DescrObject {
    FtObject ob_base;
    FtTypeObject *type;   // immutable: the defining type (static, immortal)
    FtObject *name;       // immutable: interned str (immortal)
    union {
        const FtMethodDef *method;
        const FtMemberDef *member;
        const FtGetSetDef *getset;
        struct {
            const struct FtSlotDef *def;
            void (*wrapped)(void);   // the slot function, cast back by the wrapper
        } slot;
    } def;                // immutable
} DescrObject;

typedef struct FtSlotDef FtSlotDef;

// A slot wrapper bound to an object (method-wrapper): immutable.
typedef struct FtMethodWrapperObject {
    FtObject ob_base;
    FtObject *descr;      // immutable: the wrapper descriptor (strong)
    FtObject *self;       // immutable: the bound object (strong)
} FtMethodWrapperObject;

/* --- Allocation --- */

static FtObject *
descr_new(FtTypeObject *descr_type, FtTypeObject *type, const char *name)
{
    FtObject *iname = ft_str_intern_cstr_ref(name);
    if (iname == NULL)
        return NULL;
    DescrObject *d = (DescrObject *)ft_object_new_of_type(descr_type, 0);
    if (d == NULL) {
        ft_decref(iname);
        return NULL;
    }
    d->type = type;
    d->name = iname;
    return (FtObject *)d;
}

/* --- Internal API --- */

FtObject *
ft_cfunction_new_ref(const FtMethodDef *def, FtObject *self)
{
    FtCFunctionObject *f = (FtCFunctionObject *)ft_object_new_of_type(&ft_cfunction_type, 0);
    if (f == NULL)
        return NULL;
    f->def = def;
    f->self = self != NULL ? ft_new_ref(self) : NULL;
    return (FtObject *)f;
}

FtObject *
ft_descr_new_method_ref(FtTypeObject *type, const FtMethodDef *def)
{
    if (def->flags & FT_METH_STATIC)
        return ft_cfunction_new_ref(def, NULL);
    FtTypeObject *dt = (def->flags & FT_METH_CLASS) ? &ft_classmethod_descr_type : &ft_method_descr_type;
    FtObject *d = descr_new(dt, type, def->name);
    if (d != NULL)
        ((DescrObject *)d)->def.method = def;
    return d;
}

FtObject *
ft_descr_new_member_ref(FtTypeObject *type, const FtMemberDef *def)
{
    FtObject *d = descr_new(&ft_member_descr_type, type, def->name);
    if (d != NULL)
        ((DescrObject *)d)->def.member = def;
    return d;
}

FtObject *
ft_descr_new_getset_ref(FtTypeObject *type, const FtGetSetDef *def)
{
    FtObject *d = descr_new(&ft_getset_descr_type, type, def->name);
    if (d != NULL)
        ((DescrObject *)d)->def.getset = def;
    return d;
}

// Raises TypeError "<display>() <what>" with the callable's display name (CPython's
// _PyObject_FunctionStr): "Owner.name" with Owner the owner type's __qualname__ (so
// "f.<locals>.C.mro", and "FileIO.tell" without the module), "module.name" for a module function
// outside builtins, else the bare name. Returns NULL.
static FtObject *
cfunction_call_error(const FtMethodDef *def, FtTypeObject *owner_type, const char *owner_name,
                     const char *what, Ft_ssize nargs)
{
    FtObject *display;
    if (owner_type != NULL) {
        FtObject *qual = ft_type_qualname_ref(owner_type);
        if (qual == NULL)
            return NULL;
        display = ft_str_from_format_ref("%U.%s", qual, def->name);
        ft_decref(qual);
    } else if (owner_name != NULL) {
        display = ft_str_from_format_ref("%s.%s", owner_name, def->name);
    } else {
        display = ft_str_from_cstr_ref(def->name);
    }
    if (display == NULL)
        return NULL;
    ft_error_format(&ft_exc_type_error, what, display, nargs);
    ft_decref(display);
    return NULL;
}

// Calls def with self in the vectorcall convention; owner_type (a method's type) or owner_name (a
// module function's module) names the callable in error messages (cfunction_call_error).
static FtObject *
cfunction_call_def(const FtMethodDef *def, FtTypeObject *owner_type, const char *owner_name,
                   FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    bool has_kw = kwnames != NULL && ft_tuple_size(kwnames) > 0;
    int conv = def->flags & (FT_METH_NOARGS | FT_METH_O | FT_METH_FASTCALL | FT_METH_KEYWORDS);
    if (has_kw && conv != (FT_METH_FASTCALL | FT_METH_KEYWORDS))
        return cfunction_call_error(def, owner_type, owner_name, "%U() takes no keyword arguments",
                                    nargs);
    switch (conv) {
    case FT_METH_NOARGS:
        if (nargs != 0)
            return cfunction_call_error(def, owner_type, owner_name,
                                        "%U() takes no arguments (%zd given)", nargs);
        return def->fn.noargs(self);
    case FT_METH_O:
        if (nargs != 1)
            return cfunction_call_error(def, owner_type, owner_name,
                                        "%U() takes exactly one argument (%zd given)", nargs);
        return def->fn.o(self, args[0]);
    case FT_METH_FASTCALL:
        return def->fn.fast(self, args, nargs);
    case FT_METH_FASTCALL | FT_METH_KEYWORDS:
        return def->fn.fast_kw(self, args, nargs, has_kw ? kwnames : NULL);
    default:
        return ft_error_format(&ft_exc_system_error, "%s() method: bad call flags", def->name);
    }
}

// The owner part of a bound function's display name: the type for a class-bound one, the
// instance's type otherwise, none for a plain function.
static FtTypeObject *
cfunction_owner(FtObject *self)
{
    if (self == NULL)
        return NULL;
    return ft_type_check(self) ? (FtTypeObject *)self : self->ob_type;
}

/* --- Slots: descriptors --- */

static void
descr_dealloc(FtObject *op)
{
    ft_decref(((DescrObject *)op)->name);
    ft_object_free_memory(op);
}

// Checks that obj is an instance of the descriptor's type. Returns 0 or -1.
static int
descr_check(DescrObject *d, FtObject *obj)
{
    if (ft_type_is_subtype(obj->ob_type, d->type))
        return 0;
    ft_error_format(&ft_exc_type_error, "descriptor '%U' for '%.100s' objects doesn't apply to a "
                    "'%.100s' object", d->name, d->type->tp_name, obj->ob_type->tp_name);
    return -1;
}

static FtObject *
method_descr_repr(FtObject *op)
{
    DescrObject *d = (DescrObject *)op;
    return ft_str_from_format_ref("<method '%U' of '%s' objects>", d->name, d->type->tp_name);
}

static FtObject *
method_descr_get(FtObject *op, FtObject *obj, FtObject *type)
{
    DescrObject *d = (DescrObject *)op;
    if (obj == NULL)
        return ft_new_ref(op);
    if (descr_check(d, obj) < 0)
        return NULL;
    return ft_cfunction_new_ref(d->def.method, obj);
}

static FtObject *
method_descr_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    DescrObject *d = (DescrObject *)op;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs < 1)
        return cfunction_call_error(d->def.method, d->type, NULL,
                                    "unbound method %U() needs an argument", 0);
    if (descr_check(d, args[0]) < 0)
        return NULL;
    return cfunction_call_def(d->def.method, d->type, NULL, args[0], args + 1, nargs - 1, kwnames);
}

static FtObject *
classmethod_descr_get(FtObject *op, FtObject *obj, FtObject *type)
{
    DescrObject *d = (DescrObject *)op;
    if (type == NULL)
        type = (FtObject *)obj->ob_type;
    if (!ft_type_check(type))
        return ft_error_format(&ft_exc_type_error, "descriptor '%U' for type '%.100s' needs a type, "
                               "not a '%.100s' as arg 2", d->name, d->type->tp_name,
                               type->ob_type->tp_name);
    if (!ft_type_is_subtype((FtTypeObject *)type, d->type))
        return ft_error_format(&ft_exc_type_error, "descriptor '%U' requires a subtype of '%.100s' "
                               "but received '%.100s'", d->name, d->type->tp_name,
                               ((FtTypeObject *)type)->tp_name);
    return ft_cfunction_new_ref(d->def.method, type);
}

static FtObject *
classmethod_descr_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    DescrObject *d = (DescrObject *)op;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "descriptor '%U' of '%.100s' object needs an "
                               "argument", d->name, d->type->tp_name);
    FtObject *bound = classmethod_descr_get(op, NULL, args[0]);
    if (bound == NULL)
        return NULL;
    // The call is the bound method's, named after the class it was bound to.
    FtObject *res = cfunction_call_def(d->def.method, (FtTypeObject *)args[0], NULL, args[0],
                                       args + 1, nargs - 1, kwnames);
    ft_decref(bound);
    return res;
}

static FtObject *
member_descr_repr(FtObject *op)
{
    DescrObject *d = (DescrObject *)op;
    return ft_str_from_format_ref("<member '%U' of '%s' objects>", d->name, d->type->tp_name);
}

static FtObject *
member_descr_get(FtObject *op, FtObject *obj, FtObject *type)
{
    DescrObject *d = (DescrObject *)op;
    if (obj == NULL)
        return ft_new_ref(op);
    if (descr_check(d, obj) < 0)
        return NULL;
    const FtMemberDef *m = d->def.member;
    char *addr = (char *)obj + m->offset;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(obj);
    switch (m->type) {
    case FT_MEMBER_OBJECT:
    case FT_MEMBER_OBJECT_EX:
        res = *(FtObject **)addr;
        if (res != NULL)
            ft_incref(res);
        break;
    case FT_MEMBER_BOOL:
        res = ft_bool_from(*(char *)addr != 0);
        break;
    case FT_MEMBER_INT:
        res = ft_int_from_int64_ref(*(int *)addr);
        break;
    case FT_MEMBER_DOUBLE:
        res = ft_float_from_double_ref(*(double *)addr);
        break;
    default:
        res = ft_int_from_int64_ref(*(Ft_ssize *)addr);
        break;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (res == NULL && m->type == FT_MEMBER_OBJECT)
        res = ft_none_ref();
    else if (res == NULL && m->type == FT_MEMBER_OBJECT_EX)
        ft_error_format(&ft_exc_attribute_error, "'%.200s' object has no attribute '%s'",
                        obj->ob_type->tp_name, m->name);
    return res;
}

static int
member_descr_set(FtObject *op, FtObject *obj, FtObject *value)
{
    DescrObject *d = (DescrObject *)op;
    if (descr_check(d, obj) < 0)
        return -1;
    const FtMemberDef *m = d->def.member;
    if (m->flags & FT_MEMBER_READONLY) {
        ft_error_set_string(&ft_exc_attribute_error, "readonly attribute");
        return -1;
    }
    char *addr = (char *)obj + m->offset;
    int64_t iv = 0;
    if (m->type != FT_MEMBER_OBJECT && m->type != FT_MEMBER_OBJECT_EX) {
        if (value == NULL) {
            ft_error_set_string(&ft_exc_type_error, "can't delete numeric/char attribute");
            return -1;
        }
        if (m->type == FT_MEMBER_BOOL && value->ob_type != &ft_bool_type) {
            ft_error_set_string(&ft_exc_type_error, "attribute value type must be bool");
            return -1;
        }
        if (!ft_int_check(value)) {
            ft_error_set_string(&ft_exc_type_error, "an integer is required");
            return -1;
        }
        bool ok;
        iv = ft_int_as_int64(value, &ok);
        if (!ok)
            return -1;
    }
    FtObject *old = NULL;
    int missing = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(obj);
    switch (m->type) {
    case FT_MEMBER_OBJECT:
    case FT_MEMBER_OBJECT_EX:
        old = *(FtObject **)addr;
        missing = value == NULL && old == NULL && m->type == FT_MEMBER_OBJECT_EX;
        *(FtObject **)addr = value != NULL ? ft_new_ref(value) : NULL;
        break;
    case FT_MEMBER_BOOL:
        *(char *)addr = iv != 0;
        break;
    case FT_MEMBER_INT:
        *(int *)addr = (int)iv;
        break;
    default:
        *(Ft_ssize *)addr = (Ft_ssize)iv;
        break;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    // The old value is dropped outside the section: its destructor may run arbitrary code.
    ft_xdecref(old);
    if (missing) {
        ft_error_format(&ft_exc_attribute_error, "'%.200s' object has no attribute '%s'",
                        obj->ob_type->tp_name, m->name);
        return -1;
    }
    return 0;
}

static FtObject *
getset_descr_repr(FtObject *op)
{
    DescrObject *d = (DescrObject *)op;
    return ft_str_from_format_ref("<attribute '%U' of '%s' objects>", d->name, d->type->tp_name);
}

static FtObject *
getset_descr_get(FtObject *op, FtObject *obj, FtObject *type)
{
    DescrObject *d = (DescrObject *)op;
    if (obj == NULL)
        return ft_new_ref(op);
    if (descr_check(d, obj) < 0)
        return NULL;
    if (d->def.getset->get == NULL)
        return ft_error_format(&ft_exc_attribute_error, "attribute '%U' of '%.100s' objects is not "
                               "readable", d->name, d->type->tp_name);
    return d->def.getset->get(obj, d->def.getset->closure);
}

static int
getset_descr_set(FtObject *op, FtObject *obj, FtObject *value)
{
    DescrObject *d = (DescrObject *)op;
    if (descr_check(d, obj) < 0)
        return -1;
    if (d->def.getset->set == NULL) {
        ft_error_format(&ft_exc_attribute_error, "attribute '%U' of '%.100s' objects is not "
                        "writable", d->name, d->type->tp_name);
        return -1;
    }
    return d->def.getset->set(obj, value, d->def.getset->closure);
}

static FtObject *
descr_get_name(FtObject *self, void *closure)
{
    return ft_new_ref(((DescrObject *)self)->name);
}

static FtObject *
descr_get_objclass(FtObject *self, void *closure)
{
    return ft_new_ref((FtObject *)((DescrObject *)self)->type);
}

// "T.name" with T's __qualname__.
static FtObject *
qualname_in_type_ref(FtTypeObject *type, FtObject *name)
{
    FtObject *key = ft_str_intern_cstr_ref("__qualname__");
    if (key == NULL)
        return NULL;
    FtObject *tq = ft_object_get_attr_ref((FtObject *)type, key);
    ft_decref(key);
    if (tq == NULL)
        return NULL;
    if (!ft_str_check(tq)) {
        ft_decref(tq);
        return ft_error_format(&ft_exc_type_error, "<descriptor>.__objclass__.__qualname__ is not "
                               "a unicode object");
    }
    FtObject *res = ft_str_from_format_ref("%U.%U", tq, name);
    ft_decref(tq);
    return res;
}

static FtObject *
descr_get_qualname(FtObject *self, void *closure)
{
    DescrObject *d = (DescrObject *)self;
    return qualname_in_type_ref(d->type, d->name);
}

// Read-only members of every descriptor type, as CPython's ("readonly attribute" on assignment).
static const FtMemberDef descr_members[] = {
    {"__objclass__", FT_MEMBER_OBJECT, offsetof(DescrObject, type), FT_MEMBER_READONLY, NULL},
    {"__name__", FT_MEMBER_OBJECT, offsetof(DescrObject, name), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const FtGetSetDef descr_getset[] = {
    {.name = "__qualname__", .get = descr_get_qualname},
    {0},
};

// The doc string of a member or getset entry, None when it has none.
static FtObject *
member_descr_get_doc(FtObject *self, void *closure)
{
    const char *doc = ((DescrObject *)self)->def.member->doc;
    return doc != NULL ? ft_str_from_cstr_ref(doc) : ft_none_ref();
}

static FtObject *
getset_descr_get_doc(FtObject *self, void *closure)
{
    const char *doc = ((DescrObject *)self)->def.getset->doc;
    return doc != NULL ? ft_str_from_cstr_ref(doc) : ft_none_ref();
}

static const FtGetSetDef member_descr_getset[] = {
    {.name = "__qualname__", .get = descr_get_qualname},
    {.name = "__doc__", .get = member_descr_get_doc},
    {0},
};

static const FtGetSetDef getset_descr_getset[] = {
    {.name = "__qualname__", .get = descr_get_qualname},
    {.name = "__doc__", .get = getset_descr_get_doc},
    {0},
};

static FtObject *method_descr_get_doc(FtObject *self, void *closure);
static FtObject *method_descr_get_text_signature(FtObject *self, void *closure);

static const FtGetSetDef method_descr_getset[] = {
    {.name = "__qualname__", .get = descr_get_qualname},
    {.name = "__doc__", .get = method_descr_get_doc},
    {.name = "__text_signature__", .get = method_descr_get_text_signature},
    {0},
};

/* --- Slots: builtin functions --- */

static void
cfunction_dealloc(FtObject *op)
{
    ft_xdecref(((FtCFunctionObject *)op)->self);
    ft_object_free_memory(op);
}

static int
cfunction_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *self = ((FtCFunctionObject *)op)->self;
    return self != NULL ? visit(self, arg) : 0;
}

static FtObject *
cfunction_repr(FtObject *op)
{
    FtCFunctionObject *f = (FtCFunctionObject *)op;
    if (f->self == NULL || ft_module_check(f->self))
        return ft_str_from_format_ref("<built-in function %s>", f->def->name);
    return ft_str_from_format_ref("<built-in method %s of %s object at %p>", f->def->name,
                                  f->self->ob_type->tp_name, (void *)f->self);
}

// True when cfunction_call_def refuses the call itself (keywords or a count its convention forbids).
static bool
call_shape_refused(const FtMethodDef *def, Ft_ssize nargs, FtObject *kwnames)
{
    int conv = def->flags & (FT_METH_NOARGS | FT_METH_O | FT_METH_FASTCALL | FT_METH_KEYWORDS);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0 && conv != (FT_METH_FASTCALL | FT_METH_KEYWORDS))
        return true;
    return (conv == FT_METH_NOARGS && nargs != 0) || (conv == FT_METH_O && nargs != 1);
}

// True when def is a method of the module's type (m.__dir__), not a function of the module:
// such a method has no module, so its error names it bare ("__dir__()").
static bool
def_of_module_type(FtObject *module, const FtMethodDef *def)
{
    for (FtTypeObject *t = module->ob_type; t != NULL; t = t->tp_base) {
        for (const FtMethodDef *m = t->tp_methods; m != NULL && m->name != NULL; m++) {
            if (m == def)
                return true;
        }
    }
    return false;
}

static FtObject *
cfunction_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtCFunctionObject *f = (FtCFunctionObject *)op;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (f->self == NULL || !ft_module_check(f->self))
        return cfunction_call_def(f->def, cfunction_owner(f->self), NULL, f->self, args, nargs,
                                  kwnames);
    if (!call_shape_refused(f->def, nargs, kwnames) || def_of_module_type(f->self, f->def))
        return cfunction_call_def(f->def, NULL, NULL, f->self, args, nargs, kwnames);
    // The error names a module function as "sys.getrecursionlimit()", except for builtins
    // (CPython's _PyObject_FunctionStr); the name is looked up only on this error path.
    FtObject *name = ft_object_get_attr_cstr_ref(f->self, "__name__");
    if (name == NULL)
        ft_error_clear();
    const char *owner = NULL;
    Ft_ssize size;
    if (name != NULL && ft_str_check(name) && !ft_str_equal_cstr(name, "builtins"))
        owner = ft_str_as_utf8(name, &size);
    if (owner == NULL)
        ft_error_clear();
    FtObject *res = cfunction_call_def(f->def, NULL, owner, f->self, args, nargs, kwnames);
    ft_xdecref(name);
    return res;
}

static FtObject *
cfunction_richcompare(FtObject *a, FtObject *b, int op)
{
    if ((op != FT_EQ && op != FT_NE) || a->ob_type != &ft_cfunction_type ||
        b->ob_type != &ft_cfunction_type)
        return FT_NOT_IMPLEMENTED;
    FtCFunctionObject *x = (FtCFunctionObject *)a, *y = (FtCFunctionObject *)b;
    bool eq = x->def == y->def && x->self == y->self;
    return ft_bool_from(eq == (op == FT_EQ));
}

static Ft_hash
cfunction_hash(FtObject *op)
{
    FtCFunctionObject *f = (FtCFunctionObject *)op;
    Ft_hash a = ft_object_hash_pointer(f->self), b = ft_object_hash_pointer(f->def);
    Ft_hash h = a ^ b;
    return h == -1 ? -2 : h;
}

static FtObject *
cfunction_get_name(FtObject *self, void *closure)
{
    return ft_str_from_cstr_ref(((FtCFunctionObject *)self)->def->name);
}

// The module among sys.modules whose namespace holds a function made from def under its name,
// as a new reference, or NULL (no exception) when there is none. For module-level functions
// created without their module (TODO(#4): modules pass themselves as self; then this goes).
static FtObject *
defining_module_ref(const FtMethodDef *def)
{
    FtObject *modules = ft_interp_main()->modules_dict;
    if (modules == NULL || !ft_dict_check(modules))
        return NULL;
    FtObject *snapshot = ft_dict_copy_ref(modules);   // iterate without holding its lock
    if (snapshot == NULL) {
        ft_error_clear();
        return NULL;
    }
    FtObject *found = NULL, *mod;
    Ft_ssize pos = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(snapshot);
    while (found == NULL && ft_dict_next(snapshot, &pos, NULL, &mod)) {
        if (!ft_module_check(mod))
            continue;
        FtObject *fn = NULL;
        int r = ft_dict_get_item_str_ref(((FtModuleObject *)mod)->md_dict, def->name, &fn);
        if (r < 0)
            ft_error_clear();
        if (r > 0 && fn->ob_type == &ft_cfunction_type && ((FtCFunctionObject *)fn)->def == def)
            found = ft_new_ref(mod);
        ft_xdecref(fn);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(snapshot);
    return found;
}

static FtObject *
cfunction_get_self(FtObject *self, void *closure)
{
    FtCFunctionObject *f = (FtCFunctionObject *)self;
    if (f->self != NULL)
        return ft_new_ref(f->self);
    FtObject *mod = defining_module_ref(f->def);
    return mod != NULL ? mod : ft_none_ref();
}

// A plain function's name; for a method, the qualified name of the bound object's type (the
// object itself when it is a type: a classmethod) and the method name.
static FtObject *
cfunction_get_qualname(FtObject *self, void *closure)
{
    FtCFunctionObject *f = (FtCFunctionObject *)self;
    FtObject *name = ft_str_from_cstr_ref(f->def->name);
    if (name == NULL || f->self == NULL || ft_module_check(f->self))
        return name;
    FtTypeObject *owner = ft_type_check(f->self) ? (FtTypeObject *)f->self : f->self->ob_type;
    FtObject *res = qualname_in_type_ref(owner, name);
    ft_decref(name);
    return res;
}

// The defining module's name for a function bound to its module, else None.
static FtObject *
cfunction_get_module(FtObject *self, void *closure)
{
    FtCFunctionObject *f = (FtCFunctionObject *)self;
    if (f->self != NULL && !ft_module_check(f->self))
        return ft_none_ref();
    FtObject *mod = f->self != NULL ? ft_new_ref(f->self) : defining_module_ref(f->def);
    if (mod == NULL)
        return ft_none_ref();
    FtObject *key = ft_str_intern_cstr_ref("__name__");
    FtObject *res = key != NULL ? ft_object_get_attr_ref(mod, key) : NULL;
    ft_xdecref(key);
    ft_decref(mod);
    return res;
}

const char *
ft_doc_split(const char *name, const char *doc, const char **sig, size_t *sig_len)
{
    *sig = NULL;
    *sig_len = 0;
    if (doc == NULL)
        return NULL;
    size_t n = strlen(name);
    if (strncmp(doc, name, n) != 0 || doc[n] != '(')
        return doc;
    const char *end = strstr(doc, ")\n--\n\n");
    if (end == NULL)
        return doc;
    *sig = doc + n;
    *sig_len = (size_t)(end + 1 - *sig);
    return end + 6;
}

// __text_signature__ of the builtin def describes: its "(...)", or None.
static FtObject *
def_text_signature_ref(const FtMethodDef *def)
{
    const char *sig;
    size_t len;
    ft_doc_split(def->name, def->doc, &sig, &len);
    return sig != NULL ? ft_str_from_utf8_ref(sig, (Ft_ssize)len) : ft_none_ref();
}

// __doc__ of the builtin def describes: the doc after its signature, or None when that is empty.
static FtObject *
def_doc_ref(const FtMethodDef *def)
{
    const char *sig;
    size_t len;
    const char *doc = ft_doc_split(def->name, def->doc, &sig, &len);
    return doc != NULL && *doc != '\0' ? ft_str_from_cstr_ref(doc) : ft_none_ref();
}

static FtObject *
cfunction_get_text_signature(FtObject *self, void *closure)
{
    return def_text_signature_ref(((FtCFunctionObject *)self)->def);
}

static FtObject *
cfunction_get_doc(FtObject *self, void *closure)
{
    return def_doc_ref(((FtCFunctionObject *)self)->def);
}

static FtObject *
method_descr_get_text_signature(FtObject *self, void *closure)
{
    return def_text_signature_ref(((DescrObject *)self)->def.method);
}

static FtObject *
method_descr_get_doc(FtObject *self, void *closure)
{
    return def_doc_ref(((DescrObject *)self)->def.method);
}

// A module-level builtin pickles as its name; a method bound to an object as
// getattr(self, name).
// (getattr, (owner, name)): a __reduce__ value that finds the object again by name.
static FtObject *
reduce_to_getattr_ref(FtObject *owner, FtObject *name)
{
    FtObject *builtins = ft_interp_main()->builtins_dict, *getattr = NULL;
    int r = builtins != NULL ? ft_dict_get_item_str_ref(builtins, "getattr", &getattr) : 0;
    if (r <= 0) {
        if (r == 0)
            ft_error_set_string(&ft_exc_runtime_error, "lost builtins.getattr");
        return NULL;
    }
    FtObject *res = NULL;
    FtObject *args = ft_tuple_pack_ref(2, owner, name);
    if (args != NULL)
        res = ft_tuple_pack_ref(2, getattr, args);
    ft_xdecref(args);
    ft_decref(getattr);
    return res;
}

static FtObject *
cfunction_reduce(FtObject *self)
{
    FtCFunctionObject *f = (FtCFunctionObject *)self;
    if (f->self == NULL || ft_module_check(f->self))
        return ft_str_from_cstr_ref(f->def->name);
    FtObject *name = ft_str_from_cstr_ref(f->def->name);
    if (name == NULL)
        return NULL;
    FtObject *res = reduce_to_getattr_ref(f->self, name);
    ft_decref(name);
    return res;
}

// method, wrapper and member descriptors pickle as getattr(objclass, name) (CPython's
// descr_reduce); getset and classmethod descriptors do not pickle.
static FtObject *
descr_reduce(FtObject *self)
{
    DescrObject *d = (DescrObject *)self;
    return reduce_to_getattr_ref((FtObject *)d->type, d->name);
}

static const FtMethodDef descr_methods[] = {
    {.name = "__reduce__", .fn.noargs = descr_reduce, .flags = FT_METH_NOARGS},
    {0},
};

static const FtMethodDef cfunction_methods[] = {
    {.name = "__reduce__", .fn.noargs = cfunction_reduce, .flags = FT_METH_NOARGS},
    {0},
};

static const FtGetSetDef cfunction_getset[] = {
    {.name = "__name__", .get = cfunction_get_name},
    {.name = "__qualname__", .get = cfunction_get_qualname},
    {.name = "__text_signature__", .get = cfunction_get_text_signature},
    {.name = "__module__", .get = cfunction_get_module},
    {.name = "__doc__", .get = cfunction_get_doc},
    {.name = "__self__", .get = cfunction_get_self},
    {0},
};

/* --- Slot wrappers --- */

// Which table of the type a slot lives in.
enum { SLOT_TP, SLOT_NB, SLOT_SQ, SLOT_MP, SLOT_AM };

typedef void (*GenericSlot)(void);
typedef FtObject *(*SlotWrapperFunc)(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                                     FtObject *kwnames, GenericSlot wrapped, const FtSlotDef *def);

// One Python-visible special method backed by a slot (CPython's wrapperbase).
struct FtSlotDef {
    const char *name;
    int table;               // SLOT_*
    size_t offset;           // of the slot within its table
    SlotWrapperFunc wrapper;
    int op;                  // rich comparison operator, for the __lt__ ... __ge__ wrappers
    int keywords;            // the wrapper accepts keyword arguments (__call__, __init__)
};

// Argument-count check of the wrappers (CPython's check_num_args).
static int
check_args(Ft_ssize nargs, Ft_ssize expected)
{
    if (nargs == expected)
        return 0;
    ft_error_format(&ft_exc_type_error, "expected %zd argument%s, got %zd", expected,
                    expected == 1 ? "" : "s", nargs);
    return -1;
}

static FtObject *
wrap_unary(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
           GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 0) < 0)
        return NULL;
    return ((FtUnaryFunc)wrapped)(self);
}

static FtObject *
wrap_next(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
          GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 0) < 0)
        return NULL;
    FtObject *res = ((FtUnaryFunc)wrapped)(self);
    if (res == NULL && !ft_error_occurred())
        ft_error_set_none(&ft_exc_stop_iteration);   // exhaustion without an exception set
    return res;
}

static FtObject *
wrap_binary_left(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
                 GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 1) < 0)
        return NULL;
    return ((FtBinaryFunc)wrapped)(self, args[0]);
}

static FtObject *
wrap_binary_right(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
                  GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 1) < 0)
        return NULL;
    return ((FtBinaryFunc)wrapped)(args[0], self);
}

// __pow__(other[, mod]) / __rpow__(other[, mod]) from the ternary nb_power slot.
static FtObject *
wrap_ternary(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
             GenericSlot wrapped, const FtSlotDef *def)
{
    if (nargs < 1 || nargs > 2)
        return ft_error_format(&ft_exc_type_error, "expected 1 or 2 arguments, got %zd", nargs);
    FtObject *third = nargs == 2 ? args[1] : FT_NONE;
    if (def->op)
        return ((FtTernaryFunc)wrapped)(args[0], self, third);
    return ((FtTernaryFunc)wrapped)(self, args[0], third);
}

// An integer argument through __index__ (OverflowError beyond Ft_ssize). 0, or -1 with TypeError.
static int
index_arg(FtObject *o, Ft_ssize *out)
{
    if (o->ob_type->tp_as_number == NULL || o->ob_type->tp_as_number->nb_index == NULL) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                        o->ob_type->tp_name);
        return -1;
    }
    *out = ft_number_as_ssize(o, &ft_exc_overflow_error);
    return *out == -1 && ft_error_occurred() ? -1 : 0;
}

// __mul__ / __rmul__ / __imul__ from a sequence's repeat slots: the count goes through __index__.
static FtObject *
wrap_index_arg(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
               GenericSlot wrapped, const FtSlotDef *def)
{
    Ft_ssize n;
    if (check_args(nargs, 1) < 0 || index_arg(args[0], &n) < 0)
        return NULL;
    return ((FtSsizeArgFunc)wrapped)(self, n);
}

// __getitem__ from sq_item: a negative index counts from the end (CPython's wrap_sq_item).
static FtObject *
wrap_sq_item(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
             GenericSlot wrapped, const FtSlotDef *def)
{
    Ft_ssize i;
    if (check_args(nargs, 1) < 0 || index_arg(args[0], &i) < 0)
        return NULL;
    if (i < 0 && self->ob_type->tp_as_sequence->sq_length != NULL) {
        Ft_ssize n = self->ob_type->tp_as_sequence->sq_length(self);
        if (n < 0)
            return NULL;
        i += n;
    }
    return ((FtSsizeArgFunc)wrapped)(self, i);
}

static FtObject *
wrap_richcompare(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
                 GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 1) < 0)
        return NULL;
    return ((FtRichCmpFunc)wrapped)(self, args[0], def->op);
}

static FtObject *
wrap_hash(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
          GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 0) < 0)
        return NULL;
    Ft_hash h = ((FtHashFunc)wrapped)(self);
    return h == -1 && ft_error_occurred() ? NULL : ft_int_from_int64_ref(h);
}

static FtObject *
wrap_inquiry(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
             GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 0) < 0)
        return NULL;
    int r = ((FtInquiry)wrapped)(self);
    return r < 0 ? NULL : ft_bool_from(r);
}

static FtObject *
wrap_len(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
         GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 0) < 0)
        return NULL;
    Ft_ssize n = ((FtLenFunc)wrapped)(self);
    return n < 0 ? NULL : ft_int_from_int64_ref(n);
}

static FtObject *
wrap_contains(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
              GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 1) < 0)
        return NULL;
    int r = ((FtObjObjProc)wrapped)(self, args[0]);
    return r < 0 ? NULL : ft_bool_from(r);
}

/* object.__setattr__ / __delattr__ applied to an instance whose class has a C-level setattro of
 * its own (object.__setattr__(some_int, ...)) must not bypass that setattro. Python classes never
 * supply a C-level setattro of their own (theirs only dispatches to __setattr__), so they are
 * looked through. The rule, CPython's: take the ancestor that provides the setattro type(self)
 * uses, then climb its tp_base chain; the wrapped function must be met before any other C-level
 * setattro. */

// The ancestor of type, nearest object in type's MRO, whose C-level setattro is the one type
// uses; type itself when no such ancestor is found.
static FtTypeObject *
setattro_provider(FtTypeObject *type, FtObject *mro)
{
    FtSetAttroFunc used = type->tp_setattro;
    for (Ft_ssize k = ft_tuple_size(mro); k > 0; k--) {
        FtTypeObject *ancestor = (FtTypeObject *)ft_tuple_get_item_borrow(mro, k - 1);
        if (ancestor->tp_setattro == used && !ft_type_setattro_is_python(used))
            return ancestor;
    }
    return type;
}

// True when calling func on an instance of type would skip a C-level setattro that overrides it.
static bool
bypasses_c_setattro(FtTypeObject *type, FtSetAttroFunc func)
{
    FtObject *mro = type->tp_mro;
    if (mro == NULL)   // not readied: nothing to compare against
        return false;
    for (FtTypeObject *t = setattro_provider(type, mro); t != NULL; t = t->tp_base) {
        if (t->tp_setattro == func)
            return false;
        if (!ft_type_setattro_is_python(t->tp_setattro))
            return true;
    }
    return false;
}

// Raises CPython's TypeError when the wrapper of func (named what) may not run on self.
static int
check_setattro_applies(FtObject *self, FtSetAttroFunc func, const char *what)
{
    if (!bypasses_c_setattro(self->ob_type, func))
        return 0;
    ft_error_format(&ft_exc_type_error, "can't apply this %s to %s object", what,
                    self->ob_type->tp_name);
    return -1;
}

static FtObject *
wrap_setattr(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
             GenericSlot wrapped, const FtSlotDef *def)
{
    // CPython unpacks these arguments by name, so its count error names the method.
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "__setattr__ expected 2 arguments, got %zd", nargs);
    if (check_setattro_applies(self, (FtSetAttroFunc)wrapped, "__setattr__") < 0)
        return NULL;
    return ((FtSetAttroFunc)wrapped)(self, args[0], args[1]) < 0 ? NULL : ft_none_ref();
}

static FtObject *
wrap_delattr(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
             GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 1) < 0)
        return NULL;
    if (check_setattro_applies(self, (FtSetAttroFunc)wrapped, "__delattr__") < 0)
        return NULL;
    return ((FtSetAttroFunc)wrapped)(self, args[0], NULL) < 0 ? NULL : ft_none_ref();
}

static FtObject *
wrap_setitem(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
             GenericSlot wrapped, const FtSlotDef *def)
{
    // CPython unpacks these arguments by name, so its count error names the method.
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "__setitem__ expected 2 arguments, got %zd", nargs);
    return ((FtObjObjArgProc)wrapped)(self, args[0], args[1]) < 0 ? NULL : ft_none_ref();
}

static FtObject *
wrap_delitem(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
             GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 1) < 0)
        return NULL;
    return ((FtObjObjArgProc)wrapped)(self, args[0], NULL) < 0 ? NULL : ft_none_ref();
}

static FtObject *
wrap_descr_get(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
               GenericSlot wrapped, const FtSlotDef *def)
{
    if (nargs < 1 || nargs > 2)
        return ft_error_format(&ft_exc_type_error, "__get__ expected %s%d argument%s, got %zd",
                               nargs < 1 ? "at least " : "at most ", nargs < 1 ? 1 : 2,
                               nargs < 1 ? "" : "s", nargs);
    FtObject *obj = args[0] == FT_NONE ? NULL : args[0];
    FtObject *type = nargs == 2 && args[1] != FT_NONE ? args[1] : NULL;
    if (obj == NULL && type == NULL)
        return ft_error_format(&ft_exc_type_error, "__get__(None, None) is invalid");
    return ((FtDescrGetFunc)wrapped)(self, obj, type);
}

static FtObject *
wrap_descr_set(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
               GenericSlot wrapped, const FtSlotDef *def)
{
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "__set__ expected 2 arguments, got %zd", nargs);
    return ((FtDescrSetFunc)wrapped)(self, args[0], args[1]) < 0 ? NULL : ft_none_ref();
}

static FtObject *
wrap_descr_delete(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
                  GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 1) < 0)
        return NULL;
    return ((FtDescrSetFunc)wrapped)(self, args[0], NULL) < 0 ? NULL : ft_none_ref();
}

static FtObject *
wrap_call(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
          GenericSlot wrapped, const FtSlotDef *def)
{
    return ((FtVectorcallFunc)wrapped)(self, args, (size_t)nargs, kwnames);
}

static FtObject *
wrap_init(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
          GenericSlot wrapped, const FtSlotDef *def)
{
    return ((FtInitFunc)wrapped)(self, args, (size_t)nargs, kwnames) < 0 ? NULL : ft_none_ref();
}

// __del__ from tp_finalize, which reports its own errors (as unraisable) and returns nothing.
static FtObject *
wrap_del(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
         GenericSlot wrapped, const FtSlotDef *def)
{
    if (check_args(nargs, 0) < 0)
        return NULL;
    ((FtDestructor)wrapped)(self);
    return ft_none_ref();
}

#define TP(name, slot, wrapper) {name, SLOT_TP, offsetof(FtTypeObject, slot), wrapper, 0, 0}
#define TPKW(name, slot, wrapper) {name, SLOT_TP, offsetof(FtTypeObject, slot), wrapper, 0, 1}
#define CMP(name, op) {name, SLOT_TP, offsetof(FtTypeObject, tp_richcompare), wrap_richcompare, op, 0}
#define NB(name, slot, wrapper) {name, SLOT_NB, offsetof(FtNumberMethods, slot), wrapper, 0, 0}
#define BIN(name, rname, slot) NB(name, slot, wrap_binary_left), NB(rname, slot, wrap_binary_right)
#define SQ(name, slot, wrapper) {name, SLOT_SQ, offsetof(FtSequenceMethods, slot), wrapper, 0, 0}
#define MP(name, slot, wrapper) {name, SLOT_MP, offsetof(FtMappingMethods, slot), wrapper, 0, 0}
#define AM(name, slot, wrapper) {name, SLOT_AM, offsetof(FtAsyncMethods, slot), wrapper, 0, 0}

// CPython's slotdefs order: the first definition of a name wins. (For the ternary and right-hand
// forms the op field says which operand self is: 1 = the right one.)
// TODO(#4): __setitem__/__delitem__ from sq_ass_item, __del__, __set_name__.
static const FtSlotDef slotdefs[] = {
    TP("__getattribute__", tp_getattro, wrap_binary_left),
    TP("__setattr__", tp_setattro, wrap_setattr),
    TP("__delattr__", tp_setattro, wrap_delattr),
    TP("__repr__", tp_repr, wrap_unary),
    TP("__hash__", tp_hash, wrap_hash),
    TPKW("__call__", tp_call, wrap_call),
    TP("__str__", tp_str, wrap_unary),
    CMP("__lt__", FT_LT), CMP("__le__", FT_LE), CMP("__eq__", FT_EQ),
    CMP("__ne__", FT_NE), CMP("__gt__", FT_GT), CMP("__ge__", FT_GE),
    TP("__iter__", tp_iter, wrap_unary),
    TP("__next__", tp_iternext, wrap_next),
    TP("__get__", tp_descr_get, wrap_descr_get),
    TP("__set__", tp_descr_set, wrap_descr_set),
    TP("__delete__", tp_descr_set, wrap_descr_delete),
    TPKW("__init__", tp_init, wrap_init),
    TP("__del__", tp_finalize, wrap_del),
    AM("__await__", am_await, wrap_unary),
    AM("__aiter__", am_aiter, wrap_unary),
    AM("__anext__", am_anext, wrap_unary),
    BIN("__add__", "__radd__", nb_add),
    BIN("__sub__", "__rsub__", nb_subtract),
    BIN("__mul__", "__rmul__", nb_multiply),
    BIN("__mod__", "__rmod__", nb_remainder),
    BIN("__divmod__", "__rdivmod__", nb_divmod),
    {"__pow__", SLOT_NB, offsetof(FtNumberMethods, nb_power), wrap_ternary, 0, 0},
    {"__rpow__", SLOT_NB, offsetof(FtNumberMethods, nb_power), wrap_ternary, 1, 0},
    NB("__neg__", nb_negative, wrap_unary),
    NB("__pos__", nb_positive, wrap_unary),
    NB("__abs__", nb_absolute, wrap_unary),
    NB("__bool__", nb_bool, wrap_inquiry),
    NB("__invert__", nb_invert, wrap_unary),
    BIN("__lshift__", "__rlshift__", nb_lshift),
    BIN("__rshift__", "__rrshift__", nb_rshift),
    BIN("__and__", "__rand__", nb_and),
    BIN("__xor__", "__rxor__", nb_xor),
    BIN("__or__", "__ror__", nb_or),
    NB("__int__", nb_int, wrap_unary),
    NB("__float__", nb_float, wrap_unary),
    NB("__iadd__", nb_inplace_add, wrap_binary_left),
    NB("__isub__", nb_inplace_subtract, wrap_binary_left),
    NB("__imul__", nb_inplace_multiply, wrap_binary_left),
    NB("__ipow__", nb_inplace_power, wrap_binary_left),
    NB("__imod__", nb_inplace_remainder, wrap_binary_left),
    NB("__ilshift__", nb_inplace_lshift, wrap_binary_left),
    NB("__irshift__", nb_inplace_rshift, wrap_binary_left),
    NB("__iand__", nb_inplace_and, wrap_binary_left),
    NB("__ixor__", nb_inplace_xor, wrap_binary_left),
    NB("__ior__", nb_inplace_or, wrap_binary_left),
    BIN("__floordiv__", "__rfloordiv__", nb_floor_divide),
    BIN("__truediv__", "__rtruediv__", nb_true_divide),
    NB("__ifloordiv__", nb_inplace_floor_divide, wrap_binary_left),
    NB("__itruediv__", nb_inplace_true_divide, wrap_binary_left),
    NB("__index__", nb_index, wrap_unary),
    BIN("__matmul__", "__rmatmul__", nb_matrix_multiply),
    NB("__imatmul__", nb_inplace_matrix_multiply, wrap_binary_left),
    MP("__len__", mp_length, wrap_len),
    MP("__getitem__", mp_subscript, wrap_binary_left),
    MP("__setitem__", mp_ass_subscript, wrap_setitem),
    MP("__delitem__", mp_ass_subscript, wrap_delitem),
    SQ("__len__", sq_length, wrap_len),
    SQ("__add__", sq_concat, wrap_binary_left),
    SQ("__mul__", sq_repeat, wrap_index_arg),
    SQ("__rmul__", sq_repeat, wrap_index_arg),
    SQ("__getitem__", sq_item, wrap_sq_item),
    SQ("__contains__", sq_contains, wrap_contains),
    SQ("__iadd__", sq_inplace_concat, wrap_binary_left),
    SQ("__imul__", sq_inplace_repeat, wrap_index_arg),
};

#undef TP
#undef TPKW
#undef CMP
#undef NB
#undef BIN
#undef SQ
#undef MP
#undef AM

// The slot of type that def describes, or NULL when the type (or its table) does not define it.
static GenericSlot
slot_of(FtTypeObject *type, const FtSlotDef *def)
{
    const char *table;
    switch (def->table) {
    case SLOT_TP: table = (const char *)type; break;
    case SLOT_NB: table = (const char *)type->tp_as_number; break;
    case SLOT_SQ: table = (const char *)type->tp_as_sequence; break;
    case SLOT_MP: table = (const char *)type->tp_as_mapping; break;
    default: table = (const char *)type->tp_as_async; break;
    }
    if (table == NULL)
        return NULL;
    GenericSlot slot;
    memcpy(&slot, table + def->offset, sizeof slot);
    return slot;
}

// True if type's slot is the same function as its base's, so that the base's wrapper serves (CPython's
// slot_inherited); hash and comparison count as inherited only together.
static bool
slot_inherited(FtTypeObject *type, const FtSlotDef *def, GenericSlot slot)
{
    FtTypeObject *base = type->tp_base;
    if (base == NULL || slot_of(base, def) != slot)
        return false;
    if (def->table == SLOT_TP && def->offset == offsetof(FtTypeObject, tp_hash))
        return type->tp_richcompare == base->tp_richcompare;
    if (def->table == SLOT_TP && def->offset == offsetof(FtTypeObject, tp_richcompare))
        return type->tp_hash == base->tp_hash;
    return true;
}

int
ft_descr_add_slot_wrappers(FtTypeObject *type,
                           int (*add)(FtTypeObject *type, const char *name, FtObject *value_steal))
{
    for (size_t i = 0; i < sizeof slotdefs / sizeof slotdefs[0]; i++) {
        const FtSlotDef *def = &slotdefs[i];
        GenericSlot slot = slot_of(type, def);
        if (slot == NULL || slot_inherited(type, def, slot))
            continue;
        FtObject *d = descr_new(&ft_wrapper_descr_type, type, def->name);
        if (d == NULL)
            return -1;
        ((DescrObject *)d)->def.slot.def = def;
        ((DescrObject *)d)->def.slot.wrapped = slot;
        if (add(type, def->name, d) < 0)
            return -1;
    }
    return 0;
}

// Calls the wrapper of descriptor d on self (already type-checked).
static FtObject *
slot_wrapper_call(DescrObject *d, FtObject *self, FtObject *const *args, Ft_ssize nargs,
                  FtObject *kwnames)
{
    const FtSlotDef *def = d->def.slot.def;
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0 && !def->keywords)
        return ft_error_format(&ft_exc_type_error, "wrapper %s() takes no keyword arguments",
                               def->name);
    return def->wrapper(self, args, nargs, kwnames, d->def.slot.wrapped, def);
}

static FtObject *
wrapper_descr_repr(FtObject *op)
{
    DescrObject *d = (DescrObject *)op;
    return ft_str_from_format_ref("<slot wrapper '%U' of '%s' objects>", d->name, d->type->tp_name);
}

static FtObject *
wrapper_descr_get(FtObject *op, FtObject *obj, FtObject *type)
{
    DescrObject *d = (DescrObject *)op;
    if (obj == NULL)
        return ft_new_ref(op);
    if (descr_check(d, obj) < 0)
        return NULL;
    FtMethodWrapperObject *w = (FtMethodWrapperObject *)ft_object_new_of_type(&ft_method_wrapper_type, 0);
    if (w == NULL)
        return NULL;
    w->descr = ft_new_ref(op);
    w->self = ft_new_ref(obj);
    return (FtObject *)w;
}

static FtObject *
wrapper_descr_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    DescrObject *d = (DescrObject *)op;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "descriptor '%U' of '%.100s' object needs an "
                               "argument", d->name, d->type->tp_name);
    if (!ft_type_is_subtype(args[0]->ob_type, d->type))
        return ft_error_format(&ft_exc_type_error, "descriptor '%U' requires a '%.100s' object but "
                               "received a '%.100s'", d->name, d->type->tp_name,
                               args[0]->ob_type->tp_name);
    return slot_wrapper_call(d, args[0], args + 1, nargs - 1, kwnames);
}

static void
method_wrapper_dealloc(FtObject *op)
{
    FtMethodWrapperObject *w = (FtMethodWrapperObject *)op;
    ft_decref(w->descr);
    ft_decref(w->self);
    ft_object_free_memory(op);
}

static int
method_wrapper_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtMethodWrapperObject *w = (FtMethodWrapperObject *)op;
    int r = visit(w->descr, arg);
    return r != 0 ? r : visit(w->self, arg);
}

static FtObject *
method_wrapper_repr(FtObject *op)
{
    FtMethodWrapperObject *w = (FtMethodWrapperObject *)op;
    return ft_str_from_format_ref("<method-wrapper '%U' of %s object at %p>",
                                  ((DescrObject *)w->descr)->name, w->self->ob_type->tp_name,
                                  (void *)w->self);
}

static FtObject *
method_wrapper_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtMethodWrapperObject *w = (FtMethodWrapperObject *)op;
    return slot_wrapper_call((DescrObject *)w->descr, w->self, args, ft_vectorcall_nargs(nargsf),
                             kwnames);
}

// A bound slot wrapper names itself after its descriptor; __self__ is the bound object.
static FtObject *
method_wrapper_get_name(FtObject *op, void *closure)
{
    return descr_get_name(((FtMethodWrapperObject *)op)->descr, closure);
}

static FtObject *
method_wrapper_get_qualname(FtObject *op, void *closure)
{
    return descr_get_qualname(((FtMethodWrapperObject *)op)->descr, closure);
}

static FtObject *
method_wrapper_get_objclass(FtObject *op, void *closure)
{
    return descr_get_objclass(((FtMethodWrapperObject *)op)->descr, closure);
}

static FtObject *
method_wrapper_get_self(FtObject *op, void *closure)
{
    return ft_new_ref(((FtMethodWrapperObject *)op)->self);
}

static const FtGetSetDef method_wrapper_getset[] = {
    {.name = "__name__", .get = method_wrapper_get_name},
    {.name = "__qualname__", .get = method_wrapper_get_qualname},
    {.name = "__objclass__", .get = method_wrapper_get_objclass},
    {.name = "__self__", .get = method_wrapper_get_self},
    {0},
};

/* --- Type objects --- */

#define DESCR_TYPE_FLAGS (FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION)

FtTypeObject ft_method_descr_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "method_descriptor",
    .tp_basicsize = sizeof(DescrObject),
    .tp_flags = DESCR_TYPE_FLAGS | FT_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_dealloc = descr_dealloc,
    .tp_repr = method_descr_repr,
    .tp_call = method_descr_call,
    .tp_descr_get = method_descr_get,
    .tp_getset = method_descr_getset,
    .tp_members = descr_members,
    .tp_methods = descr_methods,
};

FtTypeObject ft_classmethod_descr_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "classmethod_descriptor",
    .tp_basicsize = sizeof(DescrObject),
    .tp_flags = DESCR_TYPE_FLAGS,
    .tp_dealloc = descr_dealloc,
    .tp_repr = method_descr_repr,
    .tp_call = classmethod_descr_call,
    .tp_descr_get = classmethod_descr_get,
    .tp_getset = method_descr_getset,
    .tp_members = descr_members,
};

FtTypeObject ft_member_descr_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "member_descriptor",
    .tp_basicsize = sizeof(DescrObject),
    .tp_flags = DESCR_TYPE_FLAGS,
    .tp_dealloc = descr_dealloc,
    .tp_repr = member_descr_repr,
    .tp_descr_get = member_descr_get,
    .tp_descr_set = member_descr_set,
    .tp_getset = member_descr_getset,
    .tp_members = descr_members,
    .tp_methods = descr_methods,
};

FtTypeObject ft_getset_descr_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "getset_descriptor",
    .tp_basicsize = sizeof(DescrObject),
    .tp_flags = DESCR_TYPE_FLAGS,
    .tp_dealloc = descr_dealloc,
    .tp_repr = getset_descr_repr,
    .tp_descr_get = getset_descr_get,
    .tp_descr_set = getset_descr_set,
    .tp_getset = getset_descr_getset,
    .tp_members = descr_members,
};

FtTypeObject ft_cfunction_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "builtin_function_or_method",
    .tp_basicsize = sizeof(FtCFunctionObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | DESCR_TYPE_FLAGS,
    .tp_dealloc = cfunction_dealloc,
    .tp_traverse = cfunction_traverse,
    .tp_repr = cfunction_repr,
    .tp_hash = cfunction_hash,
    .tp_richcompare = cfunction_richcompare,
    .tp_call = cfunction_call,
    .tp_methods = cfunction_methods,
    .tp_getset = cfunction_getset,
};

FtTypeObject ft_wrapper_descr_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "wrapper_descriptor",
    .tp_basicsize = sizeof(DescrObject),
    .tp_flags = DESCR_TYPE_FLAGS | FT_TPFLAGS_METHOD_DESCRIPTOR,
    .tp_dealloc = descr_dealloc,
    .tp_repr = wrapper_descr_repr,
    .tp_call = wrapper_descr_call,
    .tp_descr_get = wrapper_descr_get,
    .tp_getset = descr_getset,
    .tp_members = descr_members,
    .tp_methods = descr_methods,
};

FtTypeObject ft_method_wrapper_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "method-wrapper",
    .tp_basicsize = sizeof(FtMethodWrapperObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | DESCR_TYPE_FLAGS,
    .tp_dealloc = method_wrapper_dealloc,
    .tp_traverse = method_wrapper_traverse,
    .tp_repr = method_wrapper_repr,
    .tp_call = method_wrapper_call,
    .tp_getset = method_wrapper_getset,
};

int
ft_descr_init_types(void)
{
    FtTypeObject *types[] = {&ft_method_descr_type, &ft_classmethod_descr_type,
                             &ft_member_descr_type, &ft_getset_descr_type, &ft_cfunction_type,
                             &ft_wrapper_descr_type, &ft_method_wrapper_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (ft_type_ready(types[i]) < 0)
            return -1;
    }
    return 0;
}

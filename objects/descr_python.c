// objects/descr_python.c: the descriptors Python code builds - property, classmethod, staticmethod
// (CPython's Objects/descrobject.c: property_*; Objects/funcobject.c: cm_*, sm_*).
//
// A property holds up to three accessor callables and a doc; classmethod and staticmethod wrap
// one callable. Invariant: a property's fget/fset/fdel are NULL or what the caller gave (None is
// stored as NULL).
//
// Concurrency: every field is set by __init__ (or by the copying getter/setter/deleter methods and
// __set_name__ on an object not yet shared) and is then read lock-free. A second __init__ or
// __set_name__ on a shared object stores under the object's critical section, but a lock-free
// reader may still be using the value it replaces: TODO(#4) retire replaced values through QSBR
// (CPython's free-threaded build has the same window).
#include "objects/generic_alias.h"   // ft_generic_alias_init_types ft_union_init_types
#include "objects/typevar.h"         // ft_typevar_init_types
#include "objects/type.h"

#include <stddef.h>   // offsetof

#include "objects/dict.h"          // ft_dict_*
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/function.h"      // ft_method_new_ref
#include "objects/int.h"           // ft_bool_from
#include "objects/object.h"        // ft_object_*
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "sync/atomic.h"           // ft_atomic_store_ptr_release

typedef struct PropertyObject {
    FtObject ob_base;
    FtObject *fget;       // NULL or callable; see the concurrency note
    FtObject *fset;
    FtObject *fdel;
    FtObject *doc;        // NULL or any object
    FtObject *name;       // NULL or what __set_name__ was given (None included, as CPython keeps it)
    bool getter_doc;      // doc came from fget.__doc__
} PropertyObject;

// classmethod and staticmethod.
typedef struct WrapperObject {
    FtObject ob_base;
    FtObject *callable;   // strong; immutable after __init__
    FtObject *dict;       // the instance __dict__: ft_object_dict_ptr's protocol (objects/type.h)
} WrapperObject;

/* --- Helpers --- */

// Stores a new reference to value (NULL, or None meaning NULL) in *slot.
static void
store_field(FtObject **slot, FtObject *value)
{
    FtObject *old = *slot;
    *slot = value != NULL && value != FT_NONE ? ft_new_ref(value) : NULL;
    ft_xdecref(old);
}

// Parses up to nparams arguments, positionally or by the names in params; values absent stay NULL.
static int
parse_args(const char *fname, const char *const *params, int nparams, FtObject *const *args,
           size_t nargsf, FtObject *kwnames, FtObject **out)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    if (nargs + nkw > nparams) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most %d arguments (%zd given)", fname,
                        nparams, nargs + nkw);
        return -1;
    }
    for (Ft_ssize i = 0; i < nargs; i++)
        out[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int j = 0;
        while (j < nparams && !ft_str_equal_cstr(key, params[j]))
            j++;
        if (j == nparams) {
            ft_error_format(&ft_exc_type_error, "%s() got an unexpected keyword argument '%U'",
                            fname, key);
            return -1;
        }
        if (out[j] != NULL) {
            ft_error_format(&ft_exc_type_error, "argument for %s() given by name ('%s') and "
                            "position (%d)", fname, params[j], j + 1);
            return -1;
        }
        out[j] = args[nargs + k];
    }
    return 0;
}

/* --- property --- */

static int
property_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const params[] = {"fget", "fset", "fdel", "doc"};
    FtObject *v[4] = {NULL, NULL, NULL, NULL};
    if (parse_args("property", params, 4, args, nargsf, kwnames, v) < 0)
        return -1;
    PropertyObject *p = (PropertyObject *)self;
    FtObject *doc = v[3];
    bool getter_doc = false;
    FtObject *fget_doc = NULL;
    if ((doc == NULL || doc == FT_NONE) && v[0] != NULL && v[0] != FT_NONE) {
        FtObject *key = ft_str_intern_cstr_ref("__doc__");
        int r = key != NULL ? ft_object_lookup_attr(v[0], key, &fget_doc) : -1;
        ft_xdecref(key);
        if (r < 0)
            return -1;
        if (fget_doc != NULL && fget_doc != FT_NONE) {
            doc = fget_doc;
            getter_doc = true;
        }
    }
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    store_field(&p->fget, v[0]);
    store_field(&p->fset, v[1]);
    store_field(&p->fdel, v[2]);
    if (self->ob_type == &ft_property_type)
        store_field(&p->doc, doc);
    p->getter_doc = getter_doc;
    FT_END_CRITICAL_SECTION_OBJECT();
    int r = 0;
    if (self->ob_type != &ft_property_type) {
        // A subclass's own (class-level) __doc__ would shadow the slot: the doc goes into the
        // instance instead, and a subclass without an instance dict silently drops it.
        FtObject *key = ft_str_intern_cstr_ref("__doc__");
        r = key != NULL ? ft_object_set_attr(self, key, doc != NULL ? doc : FT_NONE) : -1;
        ft_xdecref(key);
        if (r < 0 && ft_error_matches(&ft_exc_attribute_error)) {
            ft_error_clear();
            r = 0;
        }
    }
    ft_xdecref(fget_doc);
    return r;
}

static void
property_dealloc(FtObject *self)
{
    PropertyObject *p = (PropertyObject *)self;
    ft_xdecref(p->fget);
    ft_xdecref(p->fset);
    ft_xdecref(p->fdel);
    ft_xdecref(p->doc);
    ft_xdecref(p->name);
    ft_object_free_memory(self);
}

static int
property_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    PropertyObject *p = (PropertyObject *)self;
    FtObject *refs[5] = {p->fget, p->fset, p->fdel, p->doc, p->name};
    for (int i = 0; i < 5; i++) {
        if (refs[i] != NULL) {
            int r = visit(refs[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

// The property's name: the __set_name__ name, else fget.__name__; NULL (no exception) if neither.
static FtObject *
property_name_ref(PropertyObject *p)
{
    if (p->name != NULL)
        return ft_new_ref(p->name);
    if (p->fget == NULL)
        return NULL;
    FtObject *name = NULL, *key = ft_str_intern_cstr_ref("__name__");
    if (key == NULL || ft_object_lookup_attr(p->fget, key, &name) < 0)
        ft_error_clear();
    ft_xdecref(key);
    return name;
}

// AttributeError "property 'x' of 'A' object has no <what>".
static void
property_error(PropertyObject *p, FtObject *obj, const char *what)
{
    FtObject *qual = ft_object_get_attr_cstr_ref((FtObject *)obj->ob_type, "__qualname__");
    if (qual == NULL)
        return;
    FtObject *name = property_name_ref(p);
    if (name != NULL)
        ft_error_format(&ft_exc_attribute_error, "property %R of %R object has no %s", name, qual,
                        what);
    else
        ft_error_format(&ft_exc_attribute_error, "property of %R object has no %s", qual, what);
    ft_xdecref(name);
    ft_decref(qual);
}

static FtObject *
property_descr_get(FtObject *self, FtObject *obj, FtObject *type)
{
    PropertyObject *p = (PropertyObject *)self;
    if (obj == NULL || obj == FT_NONE)
        return ft_new_ref(self);
    if (p->fget == NULL) {
        property_error(p, obj, "getter");
        return NULL;
    }
    return ft_object_vectorcall_ref(p->fget, &obj, 1, NULL);
}

static int
property_descr_set(FtObject *self, FtObject *obj, FtObject *value)
{
    PropertyObject *p = (PropertyObject *)self;
    FtObject *func = value == NULL ? p->fdel : p->fset;
    if (func == NULL) {
        property_error(p, obj, value == NULL ? "deleter" : "setter");
        return -1;
    }
    FtObject *args[2] = {obj, value};
    FtObject *res = ft_object_vectorcall_ref(func, args, value == NULL ? 1 : 2, NULL);
    if (res == NULL)
        return -1;
    ft_decref(res);
    return 0;
}

// A copy of the property with one accessor replaced (which: 0 get, 1 set, 2 del).
static FtObject *
property_copy(FtObject *self, int which, FtObject *func)
{
    PropertyObject *p = (PropertyObject *)self;
    FtObject *v[4] = {p->fget, p->fset, p->fdel, p->doc};
    v[which] = func;
    // A doc that came from the old getter is re-derived from the new one.
    if (p->getter_doc && which == 0)
        v[3] = NULL;
    for (int i = 0; i < 4; i++) {
        if (v[i] == NULL)
            v[i] = FT_NONE;
    }
    FtObject *res = ft_object_vectorcall_ref((FtObject *)self->ob_type, v, 4, NULL);
    if (res != NULL && ft_object_type_check(res, &ft_property_type) && p->name != NULL) {
        PropertyObject *q = (PropertyObject *)res;
        FtObject *old = q->name;   // unpublished: only this thread has it
        q->name = ft_new_ref(p->name);
        ft_xdecref(old);
    }
    return res;
}

static FtObject *
property_getter(FtObject *self, FtObject *func)
{
    return property_copy(self, 0, func);
}

static FtObject *
property_setter(FtObject *self, FtObject *func)
{
    return property_copy(self, 1, func);
}

static FtObject *
property_deleter(FtObject *self, FtObject *func)
{
    return property_copy(self, 2, func);
}

static FtObject *
property_set_name(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "__set_name__() takes 2 positional arguments "
                               "but %zd were given", nargs);
    PropertyObject *p = (PropertyObject *)self;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    // Unlike the accessors, the name keeps None: errors then say "property None of ...".
    FtObject *old = p->name;
    p->name = ft_new_ref(args[1]);
    ft_xdecref(old);
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_none_ref();
}

static FtObject *
property_get_name(FtObject *self, void *closure)
{
    FtObject *name = property_name_ref((PropertyObject *)self);
    if (name == NULL && !ft_error_occurred())
        ft_error_format(&ft_exc_attribute_error, "'property' object has no attribute '__name__'");
    return name;
}

// property.__name__ = v stores v (any object) as the name; del reverts to fget.__name__.
static int
property_set_name_attr(FtObject *self, FtObject *value, void *closure)
{
    PropertyObject *p = (PropertyObject *)self;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtObject *old = p->name;
    p->name = value != NULL ? ft_new_ref(value) : NULL;
    ft_xdecref(old);
    FT_END_CRITICAL_SECTION_OBJECT();
    return 0;
}

// True if any of the callables has a true __isabstractmethod__.
static FtObject *
any_abstract(FtObject *const *funcs, int n)
{
    FtObject *key = ft_str_intern_cstr_ref("__isabstractmethod__");
    if (key == NULL)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (funcs[i] == NULL)
            continue;
        FtObject *v;
        int r = ft_object_lookup_attr(funcs[i], key, &v);
        int truth = r > 0 ? ft_object_is_true(v) : r;
        if (r > 0)
            ft_decref(v);
        if (truth != 0) {
            ft_decref(key);
            return truth < 0 ? NULL : ft_bool_from(true);
        }
    }
    ft_decref(key);
    return ft_bool_from(false);
}

static FtObject *
property_get_isabstract(FtObject *self, void *closure)
{
    PropertyObject *p = (PropertyObject *)self;
    FtObject *funcs[3] = {p->fget, p->fset, p->fdel};
    return any_abstract(funcs, 3);
}

static const FtMethodDef property_methods[] = {
    {.name = "getter", .fn.o = property_getter, .flags = FT_METH_O,
     .doc = "Descriptor to obtain a copy of the property with a different getter."},
    {.name = "setter", .fn.o = property_setter, .flags = FT_METH_O,
     .doc = "Descriptor to obtain a copy of the property with a different setter."},
    {.name = "deleter", .fn.o = property_deleter, .flags = FT_METH_O,
     .doc = "Descriptor to obtain a copy of the property with a different deleter."},
    {.name = "__set_name__", .fn.fast = property_set_name, .flags = FT_METH_FASTCALL,
     .doc = "Method to set name of a property."},
    {0},
};

// Members, as CPython's: the accessors read-only ("readonly attribute"), __doc__ writable (the
// member setter stores under the object's critical section; None and NULL both read as None).
static const FtMemberDef property_members[] = {
    {"__doc__", FT_MEMBER_OBJECT, offsetof(PropertyObject, doc), 0, NULL},
    {"fget", FT_MEMBER_OBJECT, offsetof(PropertyObject, fget), FT_MEMBER_READONLY, NULL},
    {"fset", FT_MEMBER_OBJECT, offsetof(PropertyObject, fset), FT_MEMBER_READONLY, NULL},
    {"fdel", FT_MEMBER_OBJECT, offsetof(PropertyObject, fdel), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const FtGetSetDef property_getset[] = {
    {.name = "__name__", .get = property_get_name, .set = property_set_name_attr},
    {.name = "__isabstractmethod__", .get = property_get_isabstract},
    {0},
};

FtTypeObject ft_property_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "property",
    .tp_basicsize = sizeof(PropertyObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = property_dealloc,
    .tp_traverse = property_traverse,
    .tp_descr_get = property_descr_get,
    .tp_descr_set = property_descr_set,
    .tp_init = property_init,
    .tp_new = ft_object_new_default,
    .tp_methods = property_methods,
    .tp_members = property_members,
    .tp_getset = property_getset,
    .tp_doc = "Property attribute.",
};

/* --- classmethod and staticmethod --- */

static int
wrapper_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    const char *name = ft_type_is_subtype(self->ob_type, &ft_classmethod_type) ? "classmethod"
                                                                           : "staticmethod";
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0) {
        ft_error_format(&ft_exc_type_error, "%s() takes no keyword arguments", name);
        return -1;
    }
    if (ft_vectorcall_nargs(nargsf) != 1) {
        ft_error_format(&ft_exc_type_error, "%s expected 1 argument, got %zd", name,
                        ft_vectorcall_nargs(nargsf));
        return -1;
    }
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    FtObject *old = ((WrapperObject *)self)->callable;
    ((WrapperObject *)self)->callable = ft_new_ref(args[0]);
    ft_xdecref(old);
    FT_END_CRITICAL_SECTION_OBJECT();
    // As functools.wraps: the wrapped callable's names and doc become the wrapper's own.
    static const char *const copied[] = {"__module__", "__name__", "__qualname__", "__doc__"};
    for (size_t i = 0; i < sizeof copied / sizeof copied[0]; i++) {
        FtObject *key = ft_str_intern_cstr_ref(copied[i]), *value = NULL;
        int r = key != NULL ? ft_object_lookup_attr(args[0], key, &value) : -1;
        if (r > 0)
            r = ft_object_set_attr(self, key, value);
        ft_xdecref(value);
        ft_xdecref(key);
        if (r < 0)
            return -1;
    }
    return 0;
}

static void
wrapper_dealloc(FtObject *self)
{
    ft_xdecref(((WrapperObject *)self)->callable);
    ft_xdecref(((WrapperObject *)self)->dict);
    ft_object_free_memory(self);
}

static int
wrapper_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtObject *c = ((WrapperObject *)self)->callable, *d = ((WrapperObject *)self)->dict;
    int r = c != NULL ? visit(c, arg) : 0;
    return r == 0 && d != NULL ? visit(d, arg) : r;
}

static FtObject *
wrapper_repr(FtObject *self)
{
    FtObject *c = ((WrapperObject *)self)->callable;
    // The base type's name, also for subclasses (as CPython's cm_repr / sm_repr).
    const char *name = ft_type_is_subtype(self->ob_type, &ft_classmethod_type) ? "classmethod"
                                                                                : "staticmethod";
    return ft_str_from_format_ref("<%s(%R)>", name, c != NULL ? c : FT_NONE);
}

static FtObject *
wrapper_get_isabstract(FtObject *self, void *closure)
{
    FtObject *c = ((WrapperObject *)self)->callable;
    return any_abstract(&c, 1);
}

static FtObject *
wrapper_get_dict(FtObject *self, void *closure)
{
    return ft_object_get_dict_ref(self);
}

// `w.__dict__ = d` (CPython's PyObject_GenericSetDict), with ft_object_dict_ptr's store protocol.
static int
wrapper_set_dict(FtObject *self, FtObject *value, void *closure)
{
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "cannot delete __dict__");
        return -1;
    }
    if (!ft_dict_check(value)) {
        ft_error_format(&ft_exc_type_error, "__dict__ must be set to a dictionary, not a '%.200s'",
                        value->ob_type->tp_name);
        return -1;
    }
    FtObject **dp = ft_object_dict_ptr(self);
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    old = *dp;
    // release: pairs with the acquire load of lock-free readers of the dict pointer.
    ft_atomic_store_ptr_release((void **)dp, ft_new_ref(value));
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
    return 0;
}

// __annotations__ / __annotate__ (closure: the name): the value stored in the wrapper's dict,
// else the wrapped callable's, which is then remembered there (CPython's
// descriptor_get_wrapped_attribute).
static FtObject *
wrapper_get_wrapped_attr(FtObject *self, void *closure)
{
    FtObject *dict = ft_object_get_dict_ref(self), *value = NULL;
    if (dict == NULL)
        return NULL;
    int r = ft_dict_get_item_str_ref(dict, (const char *)closure, &value);
    if (r == 0) {
        FtObject *c = ((WrapperObject *)self)->callable;
        value = ft_object_get_attr_cstr_ref(c != NULL ? c : FT_NONE, (const char *)closure);
        if (value == NULL || ft_dict_set_item_str(dict, (const char *)closure, value) < 0)
            r = -1;
    }
    ft_decref(dict);
    if (r < 0) {
        ft_xdecref(value);
        return NULL;
    }
    return value;
}

static int
wrapper_set_wrapped_attr(FtObject *self, FtObject *value, void *closure)
{
    FtObject *dict = ft_object_get_dict_ref(self);
    if (dict == NULL)
        return -1;
    int r;
    if (value != NULL) {
        r = ft_dict_set_item_str(dict, (const char *)closure, value);
    } else {
        FtObject *key = ft_str_intern_cstr_ref((const char *)closure);
        r = key != NULL ? ft_dict_del_item(dict, key) : -1;
        if (r < 0 && ft_error_matches(&ft_exc_key_error)) {
            ft_error_clear();
            ft_error_set_object(&ft_exc_attribute_error, key);
        }
        ft_xdecref(key);
    }
    ft_decref(dict);
    return r;
}

static const FtMethodDef wrapper_methods[] = {
    {.name = "__class_getitem__", .fn.o = ft_generic_alias_class_getitem_ref,
     .flags = FT_METH_O | FT_METH_CLASS, .doc = "See PEP 585"},
    {0},
};

// Read-only members, as CPython's ("readonly attribute" on assignment); None before __init__.
static const FtMemberDef wrapper_members[] = {
    {"__func__", FT_MEMBER_OBJECT, offsetof(WrapperObject, callable), FT_MEMBER_READONLY, NULL},
    {"__wrapped__", FT_MEMBER_OBJECT, offsetof(WrapperObject, callable), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const FtGetSetDef wrapper_getset[] = {
    {.name = "__dict__", .get = wrapper_get_dict, .set = wrapper_set_dict},
    {.name = "__annotations__", .get = wrapper_get_wrapped_attr, .set = wrapper_set_wrapped_attr,
     .closure = "__annotations__"},
    {.name = "__annotate__", .get = wrapper_get_wrapped_attr, .set = wrapper_set_wrapped_attr,
     .closure = "__annotate__"},
    {.name = "__isabstractmethod__", .get = wrapper_get_isabstract},
    {0},
};

static FtObject *
classmethod_descr_get(FtObject *self, FtObject *obj, FtObject *type)
{
    FtObject *c = ((WrapperObject *)self)->callable;
    if (c == NULL)
        return ft_error_format(&ft_exc_runtime_error, "uninitialized classmethod object");
    if (type == NULL || type == FT_NONE)
        type = (FtObject *)obj->ob_type;
    // 3.13+: no descriptor chaining; always a method bound to the class.
    return ft_method_new_ref(c, type);
}

static FtObject *
staticmethod_descr_get(FtObject *self, FtObject *obj, FtObject *type)
{
    FtObject *c = ((WrapperObject *)self)->callable;
    if (c == NULL)
        return ft_error_format(&ft_exc_runtime_error, "uninitialized staticmethod object");
    return ft_new_ref(c);
}

static FtObject *
staticmethod_call(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return ft_object_vectorcall_ref(((WrapperObject *)self)->callable, args, nargsf, kwnames);
}

FtTypeObject ft_classmethod_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "classmethod",
    .tp_basicsize = sizeof(WrapperObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = wrapper_dealloc,
    .tp_traverse = wrapper_traverse,
    .tp_repr = wrapper_repr,
    .tp_descr_get = classmethod_descr_get,
    .tp_init = wrapper_init,
    .tp_new = ft_object_new_default,
    .tp_methods = wrapper_methods,
    .tp_members = wrapper_members,
    .tp_getset = wrapper_getset,
    .tp_dictoffset = offsetof(WrapperObject, dict),
    .tp_doc = "Convert a function to be a class method.",
};

FtTypeObject ft_staticmethod_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "staticmethod",
    .tp_basicsize = sizeof(WrapperObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = wrapper_dealloc,
    .tp_traverse = wrapper_traverse,
    .tp_repr = wrapper_repr,
    .tp_call = staticmethod_call,
    .tp_descr_get = staticmethod_descr_get,
    .tp_init = wrapper_init,
    .tp_new = ft_object_new_default,
    .tp_methods = wrapper_methods,
    .tp_members = wrapper_members,
    .tp_getset = wrapper_getset,
    .tp_dictoffset = offsetof(WrapperObject, dict),
    .tp_doc = "Convert a function to be a static method.",
};

static FtObject *
wrapper_new_ref(FtTypeObject *type, FtObject *callable)
{
    WrapperObject *w = (WrapperObject *)ft_object_new_of_type(type, 0);
    if (w != NULL)
        w->callable = ft_new_ref(callable);
    return (FtObject *)w;
}

FtObject *
ft_classmethod_new_ref(FtObject *callable)
{
    return wrapper_new_ref(&ft_classmethod_type, callable);
}

FtObject *
ft_staticmethod_new_ref(FtObject *callable)
{
    return wrapper_new_ref(&ft_staticmethod_type, callable);
}

int
ft_descr_python_init_types(void)
{
    if (ft_type_ready(&ft_property_type) < 0 || ft_type_ready(&ft_classmethod_type) < 0 ||
        ft_type_ready(&ft_staticmethod_type) < 0)
        return -1;
    // The typing objects need descriptors, tuples and dicts readied first: this is the last
    // objects/type*.c init ft_objects_init runs. TODO(#4): own entries in ft_objects_init.
    if (ft_type_init_late_types() < 0 || ft_generic_alias_init_types() < 0 ||
        ft_union_init_types() < 0)
        return -1;
    return ft_typevar_init_types();
}

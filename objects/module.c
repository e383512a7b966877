// objects/module.c: the module type (CPython's Objects/moduleobject.c).
//
// Representation: FtModuleObject holds md_dict, the namespace, set once when the module is created
// and never replaced. Every attribute other than the type's own data descriptors (__dict__,
// __class__) lives in md_dict.
//
// Invariant: md_dict is a dict for every module that finished tp_new (NULL only inside tp_new).
//
// Concurrency:
//   attribute get/set/delete   the dict's own locking (md_dict itself is immutable)
//   repr, __dir__              read md_dict entries, no module lock
//   creation                   unpublished until returned; the module and its dict switch to
//                              deferred reference counting before anyone else sees them
// Modules and their dicts are deferred (FREE-THREADING.md section 2.4): every thread's frames load
// globals and builtins from them, so counting those references would make the counts contended.
#include "objects/module.h"

#include "objects/abstract.h"     // ft_object_vectorcall_ref ft_sequence_tuple_ref
#include "objects/dict.h"         // ft_dict_*
#include "objects/error.h"        // ft_error_*
#include "objects/int.h"          // ft_int_from_int64_ref
#include "objects/list.h"         // ft_list_new_ref ft_list_append
#include "objects/method_def.h"   // FtMethodDef FtMemberDef
#include "objects/object.h"       // ft_none_object ft_object_*
#include "objects/str.h"          // ft_str_*
#include "objects/tuple.h"        // ft_tuple_*
#include "runtime/refcount.h"     // ft_incref ft_decref ft_object_set_deferred

/* --- Helpers --- */

static FtObject *
module_dict_new_deferred_ref(void)
{
    FtObject *dict = ft_dict_new_ref();
    if (dict != NULL)
        ft_object_set_deferred(dict);
    return dict;
}

// Fills the standard entries of a fresh module dict. 0 or -1.
static int
module_init_dict(FtObject *dict, FtObject *name, FtObject *doc)
{
    if (ft_dict_set_item_str(dict, "__name__", name) < 0 ||
        ft_dict_set_item_str(dict, "__doc__", doc) < 0 ||
        ft_dict_set_item_str(dict, "__package__", &ft_none_object) < 0 ||
        ft_dict_set_item_str(dict, "__loader__", &ft_none_object) < 0 ||
        ft_dict_set_item_str(dict, "__spec__", &ft_none_object) < 0)
        return -1;
    return 0;
}

static FtModuleObject *
module_alloc(FtTypeObject *type)
{
    FtModuleObject *m = (FtModuleObject *)ft_object_new_of_type(type, 0);
    if (m == NULL)
        return NULL;
    m->md_dict = module_dict_new_deferred_ref();
    if (m->md_dict == NULL) {
        ft_decref((FtObject *)m);
        return NULL;
    }
    ft_object_set_deferred((FtObject *)m);
    return m;
}

// The module's __name__ if it is a str (new reference), else NULL with no exception.
static FtObject *
module_name_or_null_ref(FtModuleObject *m)
{
    FtObject *name = NULL;
    if (ft_dict_get_item_str_ref(m->md_dict, "__name__", &name) < 0) {
        ft_error_clear();
        return NULL;
    }
    if (name != NULL && !ft_str_check(name)) {
        ft_decref(name);
        return NULL;
    }
    return name;
}

// True if module.__spec__._initializing is true (a circular import in progress). Never raises.
static bool
module_is_initializing(FtModuleObject *m)
{
    FtObject *spec = NULL;
    if (ft_dict_get_item_str_ref(m->md_dict, "__spec__", &spec) <= 0 || ft_object_is_none(spec)) {
        ft_error_clear();
        ft_xdecref(spec);
        return false;
    }
    FtObject *flag = NULL;
    FtObject *attr_name = ft_str_intern_cstr_ref("_initializing");
    int found = attr_name == NULL ? -1 : ft_object_lookup_attr(spec, attr_name, &flag);
    ft_xdecref(attr_name);
    ft_decref(spec);
    if (found <= 0) {
        ft_error_clear();
        return false;
    }
    int truth = ft_object_is_true(flag);
    ft_decref(flag);
    if (truth < 0) {
        ft_error_clear();
        return false;
    }
    return truth == 1;
}

/* --- Internal API --- */

FtObject *
ft_module_new_ref(FtObject *name)
{
    if (name == NULL || !ft_str_check(name)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtModuleObject *m = module_alloc(&ft_module_type);
    if (m == NULL)
        return NULL;
    if (module_init_dict(m->md_dict, name, &ft_none_object) < 0) {
        ft_decref((FtObject *)m);
        return NULL;
    }
    return (FtObject *)m;
}

FtObject *
ft_module_new_cstr_ref(const char *name)
{
    FtObject *s = ft_str_from_cstr_ref(name);
    if (s == NULL)
        return NULL;
    FtObject *m = ft_module_new_ref(s);
    ft_decref(s);
    return m;
}

FtObject *
ft_module_dict_borrow(FtObject *module)
{
    return ((FtModuleObject *)module)->md_dict;
}

int
ft_module_add_object_steal(FtObject *module, const char *name, FtObject *value)
{
    if (value == NULL)
        return -1;
    int rc = ft_dict_set_item_str(((FtModuleObject *)module)->md_dict, name, value);
    ft_decref(value);
    return rc;
}

/* --- Slots --- */

static FtObject *
module_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    FtModuleObject *m = module_alloc(type);
    return (FtObject *)m;
}

// module.__init__(name, doc=None).
static int
module_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    FtObject *params[2] = {NULL, NULL};
    static const char *const names[2] = {"name", "doc"};
    if (nargs + nkw > 2) {
        ft_error_format(&ft_exc_type_error, "module() takes at most 2 arguments (%zd given)",
                        nargs + nkw);
        return -1;
    }
    for (Ft_ssize i = 0; i < nargs; i++)
        params[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int slot = -1;
        for (int j = 0; j < 2; j++)
            if (ft_str_equal_cstr(key, names[j]))
                slot = j;
        if (slot < 0) {
            ft_error_format(&ft_exc_type_error, "module() got an unexpected keyword argument '%U'",
                            key);
            return -1;
        }
        if (params[slot] != NULL) {
            ft_error_format(&ft_exc_type_error,
                            "argument for module() given by name ('%s') and position (%d)",
                            names[slot], slot + 1);
            return -1;
        }
        params[slot] = args[nargs + k];
    }
    if (params[0] == NULL) {
        ft_error_set_string(&ft_exc_type_error, "module() missing required argument 'name' (pos 1)");
        return -1;
    }
    if (!ft_str_check(params[0])) {
        ft_error_bad_argument("module", "argument 'name'", "str", params[0]);
        return -1;
    }
    FtModuleObject *m = (FtModuleObject *)self;
    return module_init_dict(m->md_dict, params[0], params[1] != NULL ? params[1] : &ft_none_object);
}

static void
module_dealloc(FtObject *op)
{
    FtModuleObject *m = (FtModuleObject *)op;
    ft_xdecref(m->md_dict);
    ft_object_free_memory(op);
}

static int
module_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtModuleObject *m = (FtModuleObject *)op;
    if (m->md_dict != NULL)
        return visit(m->md_dict, arg);
    return 0;
}

// CPython's importlib._bootstrap._module_repr without a spec object: "from" the __file__ when there
// is one, "(built-in)" for a built-in module, else just the name.
static FtObject *
module_repr(FtObject *op)
{
    FtModuleObject *m = (FtModuleObject *)op;
    FtObject *name = module_name_or_null_ref(m);
    FtObject *file = NULL;
    FtObject *res;
    if (ft_dict_get_item_str_ref(m->md_dict, "__file__", &file) < 0)
        ft_error_clear();
    if (file != NULL && !ft_str_check(file)) {
        ft_decref(file);
        file = NULL;
    }
    const char *shown = name != NULL ? NULL : "?";
    if (file != NULL)
        res = name != NULL ? ft_str_from_format_ref("<module %R from %R>", name, file)
                           : ft_str_from_format_ref("<module '%s' from %R>", shown, file);
    else if (m->md_flags & FT_MODULE_FLAG_BUILTIN)
        res = name != NULL ? ft_str_from_format_ref("<module %R (built-in)>", name)
                           : ft_str_from_format_ref("<module '%s' (built-in)>", shown);
    else
        res = name != NULL ? ft_str_from_format_ref("<module %R>", name)
                           : ft_str_from_format_ref("<module '%s'>", shown);
    ft_xdecref(name);
    ft_xdecref(file);
    return res;
}

// Generic attribute lookup with md_dict as the instance dict, then PEP 562's __getattr__.
static FtObject *
module_getattro(FtObject *op, FtObject *name)
{
    FtModuleObject *m = (FtModuleObject *)op;
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%T'", name);
    FtTypeObject *type = ft_object_type(op);
    FtObject *attr = ft_type_lookup_borrow(type, name);
    FtDescrGetFunc get = attr != NULL ? ft_object_type(attr)->tp_descr_get : NULL;
    if (get != NULL && ft_object_type(attr)->tp_descr_set != NULL)
        return get(attr, op, (FtObject *)type);
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(m->md_dict, name, &value);
    if (found < 0)
        return NULL;
    if (found > 0)
        return value;
    if (get != NULL)
        return get(attr, op, (FtObject *)type);
    if (attr != NULL)
        return ft_new_ref(attr);
    FtObject *hook = NULL;
    if (ft_dict_get_item_str_ref(m->md_dict, "__getattr__", &hook) < 0)
        return NULL;
    if (hook != NULL) {
        FtObject *res = ft_object_vectorcall_ref(hook, &name, 1, NULL);
        ft_decref(hook);
        return res;
    }
    FtObject *modname = module_name_or_null_ref(m);
    if (modname == NULL)
        return ft_error_format(&ft_exc_attribute_error, "module has no attribute '%U'", name);
    if (module_is_initializing(m))
        ft_error_format(&ft_exc_attribute_error,
                        "partially initialized module '%U' has no attribute '%U' (most likely due "
                        "to a circular import)",
                        modname, name);
    else
        ft_error_format(&ft_exc_attribute_error, "module '%U' has no attribute '%U'", modname, name);
    ft_decref(modname);
    ft_error_attribute_set_context(op, name);
    return NULL;
}

/* --- Methods --- */

// module.__dir__(): __dict__['__dir__']() when the module defines one, else the dict's keys.
static FtObject *
module_dir(FtObject *self)
{
    FtModuleObject *m = (FtModuleObject *)self;
    FtObject *hook = NULL;
    if (ft_dict_get_item_str_ref(m->md_dict, "__dir__", &hook) < 0)
        return NULL;
    if (hook != NULL) {
        FtObject *res = ft_object_vectorcall_ref(hook, NULL, 0, NULL);
        ft_decref(hook);
        return res;
    }
    // list(__dict__): a snapshot under the dict's own lock (the dict may change meanwhile).
    FtObject *keys = ft_object_call_method_cstr_ref(m->md_dict, "keys", NULL, 0);
    if (keys == NULL)
        return NULL;
    FtObject *list = ft_sequence_tuple_ref(keys);
    ft_decref(keys);
    if (list == NULL)
        return NULL;
    FtObject *res = ft_list_new_ref(0);
    if (res != NULL && ft_list_extend(res, list) < 0) {
        ft_decref(res);
        res = NULL;
    }
    ft_decref(list);
    return res;
}

static const FtMethodDef module_methods[] = {
    {"__dir__", {.noargs = module_dir}, FT_METH_NOARGS, "__dir__() -> list\nspecialized dir() implementation"},
    {NULL, {NULL}, 0, NULL},
};

/* --- __annotate__ and __annotations__ (PEP 649 / 749) --- */

// Removes key from the module dict when present: 1 removed, 0 absent, -1 error.
static int
dict_pop_str(FtObject *dict, const char *key)
{
    FtObject *k = ft_str_intern_cstr_ref(key);
    if (k == NULL)
        return -1;
    int r = ft_dict_del_item(dict, k);
    ft_decref(k);
    if (r < 0 && ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        return 0;
    }
    return r < 0 ? -1 : 1;
}

// module.__annotate__: the dict's __annotate__, or None, which is then stored.
static FtObject *
module_get_annotate(FtObject *self, void *closure)
{
    FtObject *dict = ((FtModuleObject *)self)->md_dict, *annotate = NULL;
    int r = ft_dict_get_item_str_ref(dict, "__annotate__", &annotate);
    if (r < 0)
        return NULL;
    if (r == 0) {
        if (ft_dict_set_item_str(dict, "__annotate__", FT_NONE) < 0)
            return NULL;
        annotate = ft_none_ref();
    }
    return annotate;
}

static int
module_set_annotate(FtObject *self, FtObject *value, void *closure)
{
    FtObject *dict = ((FtModuleObject *)self)->md_dict;
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "cannot delete __annotate__ attribute");
        return -1;
    }
    if (value != FT_NONE && value->ob_type->tp_call == NULL) {
        ft_error_set_string(&ft_exc_type_error, "__annotate__ must be callable or None");
        return -1;
    }
    if (ft_dict_set_item_str(dict, "__annotate__", value) < 0)
        return -1;
    // A new annotate function makes the cached annotations stale.
    return value != FT_NONE && dict_pop_str(dict, "__annotations__") < 0 ? -1 : 0;
}

// module.__annotations__: the dict's __annotations__, else __annotate__(1) (an empty dict without
// one), cached in the dict unless the module is still initializing.
static FtObject *
module_get_annotations(FtObject *self, void *closure)
{
    FtObject *dict = ((FtModuleObject *)self)->md_dict, *ann = NULL, *annotate = NULL;
    int r = ft_dict_get_item_str_ref(dict, "__annotations__", &ann);
    if (r != 0)
        return r < 0 ? NULL : ann;
    bool initializing = module_is_initializing((FtModuleObject *)self);
    r = ft_dict_get_item_str_ref(dict, "__annotate__", &annotate);
    if (r < 0)
        return NULL;
    if (r > 0 && annotate->ob_type->tp_call != NULL) {
        FtObject *one = ft_int_from_int64_ref(1);
        ann = one != NULL ? ft_object_vectorcall_ref(annotate, &one, 1, NULL) : NULL;
        ft_xdecref(one);
        if (ann != NULL && !ft_dict_check(ann)) {
            ft_error_format(&ft_exc_type_error, "__annotate__ returned non-dict of type '%.100s'",
                            ann->ob_type->tp_name);
            ft_decref(ann);
            ann = NULL;
        }
    } else {
        ann = ft_dict_new_ref();
    }
    ft_xdecref(annotate);
    if (ann != NULL && !initializing && ft_dict_set_item_str(dict, "__annotations__", ann) < 0) {
        ft_decref(ann);
        ann = NULL;
    }
    return ann;
}

static int
module_set_annotations(FtObject *self, FtObject *value, void *closure)
{
    FtObject *dict = ((FtModuleObject *)self)->md_dict;
    int r;
    if (value != NULL) {
        r = ft_dict_set_item_str(dict, "__annotations__", value);
    } else {
        r = dict_pop_str(dict, "__annotations__");
        if (r == 0) {
            FtObject *key = ft_str_intern_cstr_ref("__annotations__");
            if (key != NULL) {
                ft_error_set_object(&ft_exc_attribute_error, key);
                ft_decref(key);
            }
            r = -1;
        } else if (r > 0) {
            r = 0;
        }
    }
    if (r == 0 && dict_pop_str(dict, "__annotate__") < 0)
        r = -1;
    return r;
}

static const FtGetSetDef module_getset[] = {
    {"__annotations__", module_get_annotations, module_set_annotations, NULL, NULL},
    {"__annotate__", module_get_annotate, module_set_annotate, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const FtMemberDef module_members[] = {
    {"__dict__", FT_MEMBER_OBJECT, offsetof(FtModuleObject, md_dict), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

/* --- Type --- */

FtTypeObject ft_module_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "module",
    .tp_basicsize = sizeof(FtModuleObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = module_dealloc,
    .tp_traverse = module_traverse,
    .tp_repr = module_repr,
    .tp_getattro = module_getattro,
    // The generic setter stores through tp_dictoffset into md_dict, as CPython's module does; so
    // module.__setattr__ / __delattr__ are object's, inherited.
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = module_new,
    .tp_init = module_init,
    .tp_methods = module_methods,
    .tp_members = module_members,
    .tp_getset = module_getset,
    // md_dict is the instance dict: subclasses (class M(types.ModuleType)) use it, not a new one.
    .tp_dictoffset = offsetof(FtModuleObject, md_dict),
    .tp_doc = "Create a module object.\n\nThe name must be a string; the optional doc argument can have any type.",
};

int
ft_module_init_types(void)
{
    return ft_type_ready(&ft_module_type);
}

// objects/function.c: function, cell and bound method (CPython's Objects/funcobject.c,
// Objects/cellobject.c, Objects/classobject.c).
//
// Layout: objects/function.h. A function's call slot is the eval loop's entry
//   (ft_eval_function_vectorcall_ref); binding it to an instance (tp_descr_get) makes a method.
// Invariants: func_code is a code object; func_globals and func_builtins are dicts;
//   func_defaults is NULL or a tuple; func_kwdefaults NULL or a dict; func_closure NULL or a tuple
//   of cells whose length is the code's co_nfreevars.
// Concurrency:
//   function: __code__ is replaced with a release store (old code retired through QSBR) and read
//     with an acquire load; the other writable attributes are set under the function's critical
//     section and read with an acquire load and an increment (slot_get_ref: safe because the old
//     value is dropped through ft_qsbr_decref_delayed). Functions use deferred reference counting.
//   cell: ob_ref written under the cell's critical section, read as the function's attributes.
//   method: immutable.
// Missing (TODO(#4)): weak references.
#include <stddef.h>   // offsetof
#include <stdlib.h>   // malloc free

#include "objects/function.h"

#include "eval/call.h"            // ft_eval_function_vectorcall_ref
#include "objects/code.h"         // FtCodeObject ft_code_check FT_CO_HAS_DOCSTRING
#include "objects/dict.h"         // ft_dict_*
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/int.h"          // FT_TRUE FT_FALSE
#include "objects/method_def.h"   // FtMemberDef FtGetSetDef
#include "objects/module.h"       // ft_module_check ft_module_dict_borrow
#include "objects/object.h"       // ft_object_*
#include "objects/str.h"          // ft_str_*
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/qsbr.h"         // ft_qsbr_decref_delayed
#include "runtime/refcount.h"     // ft_incref ft_object_set_deferred
#include "runtime/thread_state.h" // ft_interp_main
#include "sync/atomic.h"          // ft_atomic_*

#define FUNC(op) ((FtFunctionObject *)(op))

// A new reference to the object in *slot, or NULL. Writers replace such slots with a release store
// and drop the old value through ft_qsbr_decref_delayed, so the value loaded here stays alive until
// this (attached) thread's next quiescent state: the increment cannot race its free. (A
// try-increment loop would spin on objects that were never marked for it.)
static FtObject *
slot_get_ref(FtObject **slot)
{
    FtObject *v = ft_atomic_load_ptr_acquire((void **)slot);   // pairs with the release store of the writer
    if (v != NULL)
        ft_incref(v);
    return v;
}


// Replaces *slot with value (stolen) under op's critical section; the old value is dropped after a
// grace period, since lock-free readers (slot_get_ref) may be incrementing it.
static void
func_replace_steal(FtObject *op, FtObject **slot, FtObject *value)
{
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    old = *slot;
    // release: pairs with the acquire load in slot_get_ref().
    ft_atomic_store_ptr_release((void **)slot, value);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (old != NULL)
        ft_qsbr_decref_delayed(old);
}

FtObject *
ft_function_new_ref(FtObject *code, FtObject *globals, FtObject *qualname)
{
    if (!ft_code_check(code) || !ft_dict_check(globals)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtCodeObject *co = (FtCodeObject *)code;
    FtObject *module = NULL;
    if (ft_dict_get_item_str_ref(globals, "__name__", &module) < 0)
        return NULL;
    FtObject *builtins = NULL;
    if (ft_dict_get_item_str_ref(globals, "__builtins__", &builtins) < 0) {
        ft_xdecref(module);
        return NULL;
    }
    if (builtins != NULL && ft_module_check(builtins)) {
        FtObject *d = ft_new_ref(ft_module_dict_borrow(builtins));
        ft_decref(builtins);
        builtins = d;
    } else if (builtins != NULL && !ft_dict_check(builtins)) {
        ft_decref(builtins);
        builtins = NULL;
    }
    if (builtins == NULL) {
        FtObject *interp_builtins = ft_interp_main()->builtins_dict;
        builtins = interp_builtins != NULL ? ft_new_ref(interp_builtins) : ft_dict_new_ref();
        if (builtins == NULL) {
            ft_xdecref(module);
            return NULL;
        }
    }
    FtFunctionObject *f = (FtFunctionObject *)ft_object_new_of_type(&ft_function_type, 0);
    if (f == NULL) {
        ft_xdecref(module);
        ft_decref(builtins);
        return NULL;
    }
    f->func_code = ft_new_ref(code);
    f->func_globals = ft_new_ref(globals);
    f->func_builtins = builtins;
    f->func_name = ft_new_ref(co->co_name);
    f->func_qualname = ft_new_ref(qualname != NULL ? qualname : co->co_qualname);
    f->func_defaults = NULL;
    f->func_kwdefaults = NULL;
    f->func_closure = NULL;
    if ((co->co_flags & FT_CO_HAS_DOCSTRING) && ft_tuple_size(co->co_consts) > 0)
        f->func_doc = ft_new_ref(ft_tuple_get_item_borrow(co->co_consts, 0));
    else
        f->func_doc = ft_none_ref();
    f->func_dict = NULL;
    f->func_module = module;
    f->func_annotations = NULL;
    f->func_annotate = NULL;
    f->func_typeparams = NULL;
    f->func_weakreflist = NULL;
    f->func_version = 0;
    ft_object_set_deferred((FtObject *)f);
    return (FtObject *)f;
}

void
ft_function_set_attribute_steal_unlocked(FtObject *func, int which, FtObject *value)
{
    FtFunctionObject *f = FUNC(func);
    FtObject **slot;
    switch (which) {
    case FT_FUNCTION_ATTR_DEFAULTS: slot = &f->func_defaults; break;
    case FT_FUNCTION_ATTR_KWDEFAULTS: slot = &f->func_kwdefaults; break;
    case FT_FUNCTION_ATTR_ANNOTATIONS: slot = &f->func_annotations; break;
    case FT_FUNCTION_ATTR_CLOSURE: slot = &f->func_closure; break;
    case FT_FUNCTION_ATTR_ANNOTATE: slot = &f->func_annotate; break;
    default:
        ft_decref(value);
        return;
    }
    FtObject *old = *slot;
    *slot = value;
    ft_xdecref(old);
}

FtObject *
ft_function_code_borrow(FtObject *func)
{
    // acquire: pairs with the release store in func_set_code().
    return ft_atomic_load_ptr_acquire((void **)&FUNC(func)->func_code);
}

static void
func_dealloc(FtObject *op)
{
    FtFunctionObject *f = FUNC(op);
    FtObject *refs[] = {f->func_code, f->func_globals, f->func_builtins, f->func_name,
                        f->func_qualname, f->func_defaults, f->func_kwdefaults, f->func_closure,
                        f->func_doc, f->func_dict, f->func_module, f->func_annotations,
                        f->func_annotate, f->func_typeparams};
    for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++)
        ft_xdecref(refs[i]);
    ft_object_free_memory(op);
}

static int
func_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtFunctionObject *f = FUNC(op);
    FtObject *refs[] = {f->func_code, f->func_globals, f->func_builtins, f->func_name,
                        f->func_qualname, f->func_defaults, f->func_kwdefaults, f->func_closure,
                        f->func_doc, f->func_dict, f->func_module, f->func_annotations,
                        f->func_annotate, f->func_typeparams};
    for (size_t i = 0; i < sizeof(refs) / sizeof(refs[0]); i++) {
        if (refs[i] != NULL) {
            int r = visit(refs[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

static FtObject *
func_repr(FtObject *op)
{
    FtObject *q = slot_get_ref(&FUNC(op)->func_qualname);
    FtObject *r = ft_str_from_format_ref("<function %U at %p>", q, (void *)op);
    ft_xdecref(q);
    return r;
}

static FtObject *
func_descr_get(FtObject *func, FtObject *obj, FtObject *type)
{
    (void)type;
    if (obj == NULL || obj == FT_NONE)
        return ft_new_ref(func);
    return ft_method_new_ref(func, obj);
}

// Getter/setter pairs. A getter of an optional slot reads NULL as None.
static FtObject *
func_get_slot(FtObject *op, void *closure)
{
    FtObject *v = slot_get_ref((FtObject **)((char *)op + (size_t)closure));
    return v != NULL ? v : ft_none_ref();
}

#define FUNC_SLOT(field) ((void *)offsetof(FtFunctionObject, field))

static FtObject *
func_get_code(FtObject *op, void *closure)
{
    (void)closure;
    return ft_new_ref(ft_function_code_borrow(op));
}

static int
func_set_code(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == NULL || !ft_code_check(value)) {
        ft_error_set_string(&ft_exc_type_error, "__code__ must be set to a code object");
        return -1;
    }
    FtFunctionObject *f = FUNC(op);
    Ft_ssize nclosure = f->func_closure != NULL ? ft_tuple_size(f->func_closure) : 0;
    int nfree = ((FtCodeObject *)value)->co_nfreevars;
    if (nclosure != nfree) {
        ft_error_format(&ft_exc_value_error,
                        "%U() requires a code object with %zd free vars, not %d", f->func_name,
                        nclosure, nfree);
        return -1;
    }
    func_replace_steal(op, &f->func_code, ft_new_ref(value));
    return 0;
}

static int
func_set_str(FtObject *op, FtObject *value, FtObject **slot, const char *what)
{
    if (value == NULL || !ft_str_check(value)) {
        ft_error_format(&ft_exc_type_error, "%s must be set to a string object", what);
        return -1;
    }
    func_replace_steal(op, slot, ft_new_ref(value));
    return 0;
}

static int
func_set_name(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    return func_set_str(op, value, &FUNC(op)->func_name, "__name__");
}

static int
func_set_qualname(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    return func_set_str(op, value, &FUNC(op)->func_qualname, "__qualname__");
}

static int
func_set_defaults(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == FT_NONE)
        value = NULL;
    if (value != NULL && !ft_tuple_check(value)) {
        ft_error_set_string(&ft_exc_type_error, "__defaults__ must be set to a tuple object");
        return -1;
    }
    func_replace_steal(op, &FUNC(op)->func_defaults, value != NULL ? ft_new_ref(value) : NULL);
    return 0;
}

static int
func_set_kwdefaults(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == FT_NONE)
        value = NULL;
    if (value != NULL && !ft_dict_check(value)) {
        ft_error_set_string(&ft_exc_type_error, "__kwdefaults__ must be set to a dict object");
        return -1;
    }
    func_replace_steal(op, &FUNC(op)->func_kwdefaults, value != NULL ? ft_new_ref(value) : NULL);
    return 0;
}

static FtObject *
func_get_annotations(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *a = slot_get_ref(&FUNC(op)->func_annotations);
    if (a != NULL)
        return a;
    FtObject *annotate = slot_get_ref(&FUNC(op)->func_annotate);
    FtObject *d;
    if (annotate != NULL) {
        // PEP 649: the annotations are computed on first use by __annotate__(VALUE).
        FtObject *format = ft_int_from_int64_ref(1);
        d = format != NULL ? ft_object_vectorcall_ref(annotate, &format, 1, NULL) : NULL;
        ft_xdecref(format);
        ft_decref(annotate);
        if (d == NULL)
            return NULL;
        if (!ft_dict_check(d)) {
            ft_error_format(&ft_exc_type_error, "__annotate__ returned non-dict of type '%.100s'",
                            d->ob_type->tp_name);
            ft_decref(d);
            return NULL;
        }
    } else {
        d = ft_dict_new_ref();
        if (d == NULL)
            return NULL;
    }
    func_replace_steal(op, &FUNC(op)->func_annotations, ft_new_ref(d));
    return d;
}

static int
func_set_annotations(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == FT_NONE)
        value = NULL;
    if (value != NULL && !ft_dict_check(value)) {
        ft_error_set_string(&ft_exc_type_error, "__annotations__ must be set to a dict object");
        return -1;
    }
    func_replace_steal(op, &FUNC(op)->func_annotations, value != NULL ? ft_new_ref(value) : NULL);
    // Explicit annotations replace the lazily computed ones for good.
    func_replace_steal(op, &FUNC(op)->func_annotate, NULL);
    return 0;
}

static int
func_set_annotate(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "__annotate__ cannot be deleted");
        return -1;
    }
    if (value == FT_NONE) {
        func_replace_steal(op, &FUNC(op)->func_annotate, NULL);
        return 0;
    }
    if (value->ob_type->tp_call == NULL) {
        ft_error_set_string(&ft_exc_type_error, "__annotate__ must be callable or None");
        return -1;
    }
    func_replace_steal(op, &FUNC(op)->func_annotate, ft_new_ref(value));
    // The cached result of the previous __annotate__ is stale now.
    func_replace_steal(op, &FUNC(op)->func_annotations, NULL);
    return 0;
}

static FtObject *
func_get_type_params(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *t = slot_get_ref(&FUNC(op)->func_typeparams);
    return t != NULL ? t : ft_tuple_new_ref(0);
}

static int
func_set_type_params(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == NULL || !ft_tuple_check(value)) {
        ft_error_set_string(&ft_exc_type_error, "__type_params__ must be set to a tuple");
        return -1;
    }
    func_replace_steal(op, &FUNC(op)->func_typeparams, ft_new_ref(value));
    return 0;
}

static int
func_set_doc(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    func_replace_steal(op, &FUNC(op)->func_doc, ft_new_ref(value != NULL ? value : FT_NONE));
    return 0;
}

static int
func_set_module(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    func_replace_steal(op, &FUNC(op)->func_module, value != NULL ? ft_new_ref(value) : NULL);
    return 0;
}

static FtObject *
func_get_dict(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *d = slot_get_ref(&FUNC(op)->func_dict);
    if (d != NULL)
        return d;
    d = ft_dict_new_ref();
    if (d == NULL)
        return NULL;
    FtObject *winner;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (FUNC(op)->func_dict == NULL) {
        // release: pairs with the acquire load in slot_get_ref().
        ft_atomic_store_ptr_release((void **)&FUNC(op)->func_dict, ft_new_ref(d));
        winner = d;
    } else {
        winner = ft_new_ref(FUNC(op)->func_dict);
        ft_decref(d);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return winner;
}

static int
func_set_dict(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "cannot delete __dict__");
        return -1;
    }
    if (!ft_dict_check(value)) {
        ft_error_format(&ft_exc_type_error, "__dict__ must be set to a dictionary, not a '%.200s'",
                        value->ob_type->tp_name);
        return -1;
    }
    func_replace_steal(op, &FUNC(op)->func_dict, ft_new_ref(value));
    return 0;
}

static const FtMemberDef func_members[] = {
    {"__closure__", FT_MEMBER_OBJECT, offsetof(FtFunctionObject, func_closure), FT_MEMBER_READONLY,
     NULL},
    {"__globals__", FT_MEMBER_OBJECT, offsetof(FtFunctionObject, func_globals), FT_MEMBER_READONLY,
     NULL},
    {"__builtins__", FT_MEMBER_OBJECT, offsetof(FtFunctionObject, func_builtins),
     FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const FtGetSetDef func_getset[] = {
    {"__code__", func_get_code, func_set_code, NULL, NULL},
    {"__defaults__", func_get_slot, func_set_defaults, NULL, FUNC_SLOT(func_defaults)},
    {"__kwdefaults__", func_get_slot, func_set_kwdefaults, NULL, FUNC_SLOT(func_kwdefaults)},
    {"__annotations__", func_get_annotations, func_set_annotations, NULL, NULL},
    {"__annotate__", func_get_slot, func_set_annotate, NULL, FUNC_SLOT(func_annotate)},
    {"__dict__", func_get_dict, func_set_dict, NULL, NULL},
    {"__name__", func_get_slot, func_set_name, NULL, FUNC_SLOT(func_name)},
    {"__qualname__", func_get_slot, func_set_qualname, NULL, FUNC_SLOT(func_qualname)},
    {"__doc__", func_get_slot, func_set_doc, NULL, FUNC_SLOT(func_doc)},
    {"__module__", func_get_slot, func_set_module, NULL, FUNC_SLOT(func_module)},
    {"__type_params__", func_get_type_params, func_set_type_params, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

// function(code, globals, name=None, argdefs=None, closure=None, kwdefaults=None)
static FtObject *
func_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const params[] = {"code", "globals", "name", "argdefs", "closure",
                                         "kwdefaults"};
    FtObject *v[6] = {NULL, NULL, NULL, NULL, NULL, NULL};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    if (nargs + nkw > 6)
        return ft_error_format(&ft_exc_type_error, "function() takes at most 6 arguments (%zd "
                               "given)", nargs + nkw);
    for (Ft_ssize i = 0; i < nargs; i++)
        v[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int j = 0;
        while (j < 6 && !ft_str_equal_cstr(key, params[j]))
            j++;
        if (j == 6)
            return ft_error_format(&ft_exc_type_error, "function() got an unexpected keyword "
                                   "argument '%U'", key);
        if (v[j] != NULL)
            return ft_error_format(&ft_exc_type_error, "argument for function() given by name "
                                   "('%s') and position (%d)", params[j], j + 1);
        v[j] = args[nargs + k];
    }
    for (int j = 0; j < 2; j++) {
        if (v[j] == NULL)
            return ft_error_format(&ft_exc_type_error, "function() missing required argument "
                                   "'%s' (pos %d)", params[j], j + 1);
    }
    FtObject *code = v[0], *globals = v[1];
    FtObject *name = v[2] != NULL ? v[2] : FT_NONE, *defaults = v[3] != NULL ? v[3] : FT_NONE;
    FtObject *closure = v[4] != NULL ? v[4] : FT_NONE;
    FtObject *kwdefaults = v[5] != NULL ? v[5] : FT_NONE;
    if (!ft_code_check(code))
        return ft_error_bad_argument("function", "argument 'code'", "code", code);
    if (!ft_dict_check(globals))
        return ft_error_bad_argument("function", "argument 'globals'", "dict", globals);
    FtCodeObject *co = (FtCodeObject *)code;
    if (name != FT_NONE && !ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "arg 3 (name) must be None or string");
    if (defaults != FT_NONE && !ft_tuple_check(defaults))
        return ft_error_format(&ft_exc_type_error, "arg 4 (defaults) must be None or tuple");
    Ft_ssize nfree = co->co_nfreevars;
    if (!ft_tuple_check(closure)) {
        if (nfree > 0 && closure == FT_NONE)
            return ft_error_format(&ft_exc_type_error, "arg 5 (closure) must be tuple");
        if (closure != FT_NONE)
            return ft_error_format(&ft_exc_type_error, "arg 5 (closure) must be None or tuple");
    }
    if (kwdefaults != FT_NONE && !ft_dict_check(kwdefaults))
        return ft_error_format(&ft_exc_type_error, "arg 6 (kwdefaults) must be None or dict");
    Ft_ssize nclosure = closure == FT_NONE ? 0 : ft_tuple_size(closure);
    if (nfree != nclosure)
        return ft_error_format(&ft_exc_value_error, "%U requires closure of length %zd, not %zd",
                               co->co_name, nfree, nclosure);
    for (Ft_ssize i = 0; i < nclosure; i++) {
        FtObject *cell = ft_tuple_get_item_borrow(closure, i);
        if (cell->ob_type != &ft_cell_type)
            return ft_error_format(&ft_exc_type_error, "arg 5 (closure) expected cell, found %s",
                                   cell->ob_type->tp_name);
    }
    FtObject *f = ft_function_new_ref(code, globals, NULL);
    if (f == NULL)
        return NULL;
    // The function is not yet published: plain stores.
    if (name != FT_NONE) {
        FtObject *old = FUNC(f)->func_name;
        FUNC(f)->func_name = ft_new_ref(name);
        ft_decref(old);
    }
    if (defaults != FT_NONE)
        ft_function_set_attribute_steal_unlocked(f, FT_FUNCTION_ATTR_DEFAULTS, ft_new_ref(defaults));
    if (closure != FT_NONE)
        ft_function_set_attribute_steal_unlocked(f, FT_FUNCTION_ATTR_CLOSURE, ft_new_ref(closure));
    if (kwdefaults != FT_NONE)
        ft_function_set_attribute_steal_unlocked(f, FT_FUNCTION_ATTR_KWDEFAULTS,
                                                 ft_new_ref(kwdefaults));
    return f;
}

FtTypeObject ft_function_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "function",
    .tp_basicsize = sizeof(FtFunctionObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_METHOD_DESCRIPTOR | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = func_dealloc,
    .tp_traverse = func_traverse,
    .tp_repr = func_repr,
    .tp_call = ft_eval_function_vectorcall_ref,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_descr_get = func_descr_get,
    .tp_new = func_new,
    .tp_members = func_members,
    .tp_getset = func_getset,
    .tp_dictoffset = offsetof(FtFunctionObject, func_dict),
    .tp_doc = "Create a function object.",
};

// Cells.

FtObject *
ft_cell_new_ref(FtObject *value)
{
    FtCellObject *c = (FtCellObject *)ft_object_new_of_type(&ft_cell_type, 0);
    if (c == NULL)
        return NULL;
    c->ob_ref = value != NULL ? ft_new_ref(value) : NULL;
    return (FtObject *)c;
}

FtObject *
ft_cell_get_ref(FtObject *cell)
{
    return slot_get_ref(&((FtCellObject *)cell)->ob_ref);
}

void
ft_cell_set_steal(FtObject *cell, FtObject *value)
{
    func_replace_steal(cell, &((FtCellObject *)cell)->ob_ref, value);
}

static void
cell_dealloc(FtObject *op)
{
    ft_xdecref(((FtCellObject *)op)->ob_ref);
    ft_object_free_memory(op);
}

static int
cell_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *v = ((FtCellObject *)op)->ob_ref;
    return v != NULL ? visit(v, arg) : 0;
}

static FtObject *
cell_repr(FtObject *op)
{
    FtObject *v = ft_cell_get_ref(op);
    if (v == NULL)
        return ft_str_from_format_ref("<cell at %p: empty>", (void *)op);
    FtObject *r = ft_str_from_format_ref("<cell at %p: %.80s object at %p>", (void *)op,
                                         v->ob_type->tp_name, (void *)v);
    ft_decref(v);
    return r;
}

static FtObject *
cell_get_contents(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *v = ft_cell_get_ref(op);
    if (v == NULL)
        ft_error_set_string(&ft_exc_value_error, "Cell is empty");
    return v;
}

static int
cell_set_contents(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    ft_cell_set_steal(op, value != NULL ? ft_new_ref(value) : NULL);
    return 0;
}

static FtObject *
cell_richcompare(FtObject *a, FtObject *b, int op)
{
    if (!ft_cell_check(b))
        return ft_new_ref(FT_NOT_IMPLEMENTED);
    FtObject *va = ft_cell_get_ref(a), *vb = ft_cell_get_ref(b);
    FtObject *res;
    if (va != NULL && vb != NULL) {
        res = ft_object_rich_compare_ref(va, vb, op);
    } else {
        // An empty cell sorts before a full one, as CPython compares (a is not None, b is not None).
        int x = va != NULL, y = vb != NULL;
        bool r = false;
        switch (op) {
        case FT_LT: r = x < y; break;
        case FT_LE: r = x <= y; break;
        case FT_EQ: r = x == y; break;
        case FT_NE: r = x != y; break;
        case FT_GT: r = x > y; break;
        default: r = x >= y; break;
        }
        res = ft_new_ref(r ? FT_TRUE : FT_FALSE);
    }
    ft_xdecref(va);
    ft_xdecref(vb);
    return res;
}

static const FtGetSetDef cell_getset[] = {
    {"cell_contents", cell_get_contents, cell_set_contents, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

// cell([contents])
static FtObject *
cell_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "cell() takes no keyword arguments");
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "cell expected at most 1 argument, got %zd",
                               nargs);
    return ft_cell_new_ref(nargs == 1 ? args[0] : NULL);
}

FtTypeObject ft_cell_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "cell",
    .tp_basicsize = sizeof(FtCellObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = cell_dealloc,
    .tp_traverse = cell_traverse,
    .tp_repr = cell_repr,
    .tp_richcompare = cell_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = cell_new,
    .tp_getset = cell_getset,
    .tp_doc = "Create a new cell object.\n\n  contents\n    the contents of the cell. If not "
              "specified, the cell will be empty,\n    and \n further attempts to access its "
              "cell_contents attribute will\n    raise a ValueError.",
};

// Bound methods.

FtObject *
ft_method_new_ref(FtObject *func, FtObject *self)
{
    FtMethodObject *m = (FtMethodObject *)ft_object_new_of_type(&ft_method_type, 0);
    if (m == NULL)
        return NULL;
    m->im_func = ft_new_ref(func);
    m->im_self = ft_new_ref(self);
    return (FtObject *)m;
}

static void
method_dealloc(FtObject *op)
{
    FtMethodObject *m = (FtMethodObject *)op;
    ft_decref(m->im_func);
    ft_decref(m->im_self);
    ft_object_free_memory(op);
}

static int
method_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtMethodObject *m = (FtMethodObject *)op;
    int r = visit(m->im_func, arg);
    return r != 0 ? r : visit(m->im_self, arg);
}

static FtObject *
method_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtMethodObject *m = (FtMethodObject *)op;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    Ft_ssize total = nargs + nkw;
    if (nargsf & FT_VECTORCALL_ARGUMENTS_OFFSET) {
        // The caller lets us borrow args[-1]: prepend self there without copying.
        FtObject **slot = (FtObject **)args - 1;
        FtObject *saved = *slot;
        *slot = m->im_self;
        FtObject *res = ft_object_vectorcall_ref(m->im_func, slot, (size_t)(nargs + 1), kwnames);
        *slot = saved;
        return res;
    }
    FtObject *small[8];
    FtObject **buf = total + 1 <= 8 ? small : malloc(sizeof(FtObject *) * (size_t)(total + 1));
    if (buf == NULL)
        return ft_error_no_memory();
    buf[0] = m->im_self;
    for (Ft_ssize i = 0; i < total; i++)
        buf[i + 1] = args[i];
    FtObject *res = ft_object_vectorcall_ref(m->im_func, buf, (size_t)(nargs + 1), kwnames);
    if (buf != small)
        free(buf);
    return res;
}

static FtObject *
method_repr(FtObject *op)
{
    FtMethodObject *m = (FtMethodObject *)op;
    FtObject *name = ft_object_get_attr_cstr_ref(m->im_func, "__qualname__");
    if (name == NULL || !ft_str_check(name)) {
        ft_error_clear();
        ft_xdecref(name);
        name = ft_object_get_attr_cstr_ref(m->im_func, "__name__");
        if (name == NULL || !ft_str_check(name)) {
            ft_error_clear();
            ft_xdecref(name);
            name = ft_str_from_cstr_ref("?");
            if (name == NULL)
                return NULL;
        }
    }
    FtObject *r = ft_str_from_format_ref("<bound method %U of %R>", name, m->im_self);
    ft_decref(name);
    return r;
}

static FtObject *
method_getattro(FtObject *op, FtObject *name)
{
    FtObject *res = ft_object_generic_get_attr_ref(op, name);
    if (res != NULL || !ft_error_matches(&ft_exc_attribute_error))
        return res;
    ft_error_clear();
    return ft_object_get_attr_ref(((FtMethodObject *)op)->im_func, name);
}

static FtObject *
method_richcompare(FtObject *a, FtObject *b, int op)
{
    if ((op != FT_EQ && op != FT_NE) || !ft_method_check(b))
        return ft_new_ref(FT_NOT_IMPLEMENTED);
    FtMethodObject *x = (FtMethodObject *)a, *y = (FtMethodObject *)b;
    bool eq = x->im_self == y->im_self;
    if (eq) {
        int r = ft_object_rich_compare_bool(x->im_func, y->im_func, FT_EQ);
        if (r < 0)
            return NULL;
        eq = r != 0;
    }
    bool res = op == FT_EQ ? eq : !eq;
    return ft_new_ref(res ? FT_TRUE : FT_FALSE);
}

static Ft_hash
method_hash(FtObject *op)
{
    FtMethodObject *m = (FtMethodObject *)op;
    Ft_hash x = ft_object_hash_pointer(m->im_self);
    Ft_hash y = ft_object_hash(m->im_func);
    if (y == -1)
        return -1;
    x ^= y;
    return x == -1 ? -2 : x;
}

// method(function, instance)
static FtObject *
method_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "method() takes no keyword arguments");
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error, "method expected 2 arguments, got %zd", nargs);
    if (args[0]->ob_type->tp_call == NULL)
        return ft_error_format(&ft_exc_type_error, "first argument must be callable");
    if (args[1] == FT_NONE)
        return ft_error_format(&ft_exc_type_error, "instance must not be None");
    return ft_method_new_ref(args[0], args[1]);
}

// A bound method pickles as getattr(self, name).
static FtObject *
method_reduce(FtObject *op)
{
    FtMethodObject *m = (FtMethodObject *)op;
    FtObject *name = ft_object_get_attr_cstr_ref(m->im_func, "__name__"), *getattr = NULL;
    if (name == NULL)
        return NULL;
    FtObject *builtins = ft_interp_main()->builtins_dict;
    int r = builtins != NULL ? ft_dict_get_item_str_ref(builtins, "getattr", &getattr) : 0;
    FtObject *res = NULL;
    if (r > 0) {
        FtObject *args = ft_tuple_pack_ref(2, m->im_self, name);
        res = args != NULL ? ft_tuple_pack_ref(2, getattr, args) : NULL;
        ft_xdecref(args);
    } else if (r == 0) {
        ft_error_set_string(&ft_exc_runtime_error, "lost builtins.getattr");
    }
    ft_xdecref(getattr);
    ft_decref(name);
    return res;
}

// Binding an already bound method gives the method itself.
static FtObject *
method_descr_get(FtObject *op, FtObject *obj, FtObject *type)
{
    return ft_new_ref(op);
}

static const FtMethodDef method_methods[] = {
    {.name = "__reduce__", .fn.noargs = method_reduce, .flags = FT_METH_NOARGS},
    {0},
};

static FtObject *
method_get_doc(FtObject *op, void *closure)
{
    (void)closure;
    return ft_object_get_attr_cstr_ref(((FtMethodObject *)op)->im_func, "__doc__");
}

static const FtGetSetDef method_getset[] = {
    {"__doc__", method_get_doc, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static const FtMemberDef method_members[] = {
    {"__func__", FT_MEMBER_OBJECT, offsetof(FtMethodObject, im_func), FT_MEMBER_READONLY, NULL},
    {"__self__", FT_MEMBER_OBJECT, offsetof(FtMethodObject, im_self), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

FtTypeObject ft_method_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "method",
    .tp_basicsize = sizeof(FtMethodObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = method_dealloc,
    .tp_traverse = method_traverse,
    .tp_repr = method_repr,
    .tp_hash = method_hash,
    .tp_richcompare = method_richcompare,
    .tp_call = method_call,
    .tp_getattro = method_getattro,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_descr_get = method_descr_get,
    .tp_new = method_new,
    .tp_methods = method_methods,
    .tp_members = method_members,
    .tp_getset = method_getset,
};

int
ft_function_init_types(void)
{
    if (ft_type_ready(&ft_function_type) < 0 || ft_type_ready(&ft_cell_type) < 0 ||
        ft_type_ready(&ft_method_type) < 0)
        return -1;
    return 0;
}

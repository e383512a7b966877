// objects/super.c: super (CPython's Objects/typeobject.c: super_init, super_init_without_args,
// supercheck, super_getattro, super_descr_get, super_repr).
//
// A super object names a class T (__thisclass__), an object obj (__self__, may be NULL for the
// unbound form) and obj's type or obj itself when obj is a class (__self_class__); attribute lookup
// searches __self_class__'s MRO after T and binds what it finds to obj.
//
// Invariant: type != NULL implies obj_type != NULL exactly when obj != NULL, and obj is an instance
// or subclass of type.
//
// Concurrency: the fields are set by __init__ before the object is shared (super(...) builds and
// initializes it in one call) and read lock-free afterwards. TODO(#4): a second explicit
// super.__init__ call on a shared object races with readers, as in CPython's free-threaded build.
#include "objects/type.h"

#include "objects/bytes.h"         // FtBytesObject
#include "objects/code.h"          // FtCodeObject FT_CO_FAST_*
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/frame.h"         // FtFrame
#include "objects/function.h"      // ft_cell_check ft_cell_get_ref
#include "objects/object.h"        // ft_object_*
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "runtime/stackref.h"      // ft_stackref_as_borrow
#include "runtime/thread_state.h"  // ft_thread_state_current

typedef struct SuperObject {
    FtObject ob_base;
    FtTypeObject *type;       // strong or NULL; see the concurrency note
    FtObject *obj;            // strong or NULL
    FtTypeObject *obj_type;   // strong or NULL
} SuperObject;

/* --- Helpers --- */

// The type super(type, obj) searches: obj itself when it is a subclass of type, else obj's class
// (or its __class__); TypeError when obj fits neither. A new reference.
static FtTypeObject *
supercheck(FtTypeObject *type, FtObject *obj)
{
    if (ft_type_check(obj) && ft_type_is_subtype((FtTypeObject *)obj, type))
        return (FtTypeObject *)ft_new_ref(obj);
    if (ft_type_is_subtype(obj->ob_type, type))
        return (FtTypeObject *)ft_new_ref((FtObject *)obj->ob_type);
    FtObject *cls = NULL, *key = ft_str_intern_cstr_ref("__class__");
    int r = key != NULL ? ft_object_lookup_attr(obj, key, &cls) : -1;
    ft_xdecref(key);
    if (r < 0)
        return NULL;
    if (cls != NULL && ft_type_check(cls) && cls != (FtObject *)obj->ob_type &&
        ft_type_is_subtype((FtTypeObject *)cls, type))
        return (FtTypeObject *)cls;
    ft_xdecref(cls);
    ft_error_format(&ft_exc_type_error, "super(type, obj): obj (%s %.200s) is not an instance or "
                    "subtype of type (%.200s).", ft_type_check(obj) ? "type" : "instance of",
                    ft_type_check(obj) ? ((FtTypeObject *)obj)->tp_name : obj->ob_type->tp_name,
                    type->tp_name);
    return NULL;
}

// super() with no arguments: the calling frame's first argument and its __class__ cell.
static int
super_args_from_frame(FtTypeObject **type_out, FtObject **obj_out)
{
    FtThreadState *ts = ft_thread_state_current();
    FtFrame *frame = ts->current_frame;
    if (frame == NULL) {
        ft_error_format(&ft_exc_runtime_error, "super(): no current frame");
        return -1;
    }
    FtCodeObject *co = (FtCodeObject *)frame->f_executable;
    if (co == NULL || co->co_argcount == 0) {
        ft_error_format(&ft_exc_runtime_error, "super(): no arguments");
        return -1;
    }
    const unsigned char *kinds = (const unsigned char *)((FtBytesObject *)co->co_localspluskinds)->data;
    FtObject *first = ft_stackref_as_borrow(frame->localsplus[0]);
    if (first == NULL) {
        ft_error_format(&ft_exc_runtime_error, "super(): arg[0] deleted");
        return -1;
    }
    FtObject *obj;
    if ((kinds[0] & FT_CO_FAST_CELL) && ft_cell_check(first)) {
        // The first argument was moved into a cell (MAKE_CELL): read through it.
        obj = ft_cell_get_ref(first);
        if (obj == NULL) {
            ft_error_format(&ft_exc_runtime_error, "super(): arg[0] deleted");
            return -1;
        }
    } else {
        obj = ft_new_ref(first);
    }
    FtObject *type = NULL;
    bool found = false;
    for (int i = co->co_nlocalsplus - co->co_nfreevars; i < co->co_nlocalsplus; i++) {
        FtObject *name = ft_tuple_get_item_borrow(co->co_localsplusnames, i);
        if (!(kinds[i] & FT_CO_FAST_FREE) || !ft_str_equal_cstr(name, "__class__"))
            continue;
        found = true;
        FtObject *cell = ft_stackref_as_borrow(frame->localsplus[i]);
        if (cell == NULL || !ft_cell_check(cell)) {
            ft_error_format(&ft_exc_runtime_error, "super(): bad __class__ cell");
            goto error;
        }
        type = ft_cell_get_ref(cell);
        if (type == NULL) {
            ft_error_format(&ft_exc_runtime_error, "super(): empty __class__ cell");
            goto error;
        }
        if (!ft_type_check(type)) {
            ft_error_format(&ft_exc_runtime_error, "super(): __class__ is not a type (%s)",
                            type->ob_type->tp_name);
            goto error;
        }
        break;
    }
    if (!found) {
        ft_error_format(&ft_exc_runtime_error, "super(): __class__ cell not found");
        goto error;
    }
    *type_out = (FtTypeObject *)type;
    *obj_out = obj;
    return 0;
error:
    ft_xdecref(type);
    ft_decref(obj);
    return -1;
}

static int
super_fill(SuperObject *su, FtTypeObject *type, FtObject *obj)
{
    FtTypeObject *obj_type = NULL;
    if (obj == FT_NONE)
        obj = NULL;
    if (obj != NULL && (obj_type = supercheck(type, obj)) == NULL)
        return -1;
    FtTypeObject *old_type = su->type, *old_obj_type = su->obj_type;
    FtObject *old_obj = su->obj;
    su->type = (FtTypeObject *)ft_new_ref((FtObject *)type);
    su->obj = obj != NULL ? ft_new_ref(obj) : NULL;
    su->obj_type = obj_type;
    ft_xdecref((FtObject *)old_type);
    ft_xdecref(old_obj);
    ft_xdecref((FtObject *)old_obj_type);
    return 0;
}

/* --- Internal API --- */

FtObject *
ft_super_new_ref(FtTypeObject *type, FtObject *obj)
{
    SuperObject *su = (SuperObject *)ft_object_new_of_type(&ft_super_type, 0);
    if (su == NULL)
        return NULL;
    if (super_fill(su, type, obj) < 0) {
        ft_decref((FtObject *)su);
        return NULL;
    }
    return (FtObject *)su;
}

/* --- Slots --- */

// super(...) and super.__init__(...) share this; from_call selects the argument errors: a call of
// super itself words them as CPython's super_vectorcall, __init__ (and subclasses) as its
// argument clinic.
static int
super_init_args(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames,
                bool from_call)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0) {
        ft_error_format(&ft_exc_type_error, "super() takes no keyword arguments");
        return -1;
    }
    if (nargs > 2) {
        if (from_call)
            ft_error_format(&ft_exc_type_error, "super() expected at most 2 arguments, got %zd",
                            nargs);
        else
            ft_error_format(&ft_exc_type_error, "super() takes at most 2 arguments (%zd given)",
                            nargs);
        return -1;
    }
    FtTypeObject *type;
    FtObject *obj = NULL;
    if (nargs == 0) {
        if (super_args_from_frame(&type, &obj) < 0)
            return -1;
        int r = super_fill((SuperObject *)self, type, obj);
        ft_decref((FtObject *)type);
        ft_decref(obj);
        return r;
    }
    if (!ft_type_check(args[0])) {
        if (from_call)
            ft_error_format(&ft_exc_type_error, "super() argument 1 must be a type, not %.200s",
                            args[0]->ob_type->tp_name);
        else
            ft_error_bad_argument("super", "argument 1", "type", args[0]);
        return -1;
    }
    type = (FtTypeObject *)args[0];
    return super_fill((SuperObject *)self, type, nargs == 2 ? args[1] : NULL);
}

static int
super_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return super_init_args(self, args, nargsf, kwnames, false);
}

FtObject *
ft_super_call_ref(FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtObject *self = ft_object_new_of_type(&ft_super_type, 0);
    if (self == NULL)
        return NULL;
    if (super_init_args(self, args, nargsf, kwnames, true) < 0) {
        ft_decref(self);
        return NULL;
    }
    return self;
}

static void
super_dealloc(FtObject *self)
{
    SuperObject *su = (SuperObject *)self;
    ft_xdecref((FtObject *)su->type);
    ft_xdecref(su->obj);
    ft_xdecref((FtObject *)su->obj_type);
    ft_object_free_memory(self);
}

static int
super_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    SuperObject *su = (SuperObject *)self;
    FtObject *refs[3] = {(FtObject *)su->type, su->obj, (FtObject *)su->obj_type};
    for (int i = 0; i < 3; i++) {
        if (refs[i] != NULL) {
            int r = visit(refs[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

static FtObject *
super_repr(FtObject *self)
{
    SuperObject *su = (SuperObject *)self;
    const char *tname = su->type != NULL ? su->type->tp_name : "NULL";
    if (su->obj_type != NULL)
        return ft_str_from_format_ref("<super: <class '%s'>, <%s object>>", tname,
                                      su->obj_type->tp_name);
    return ft_str_from_format_ref("<super: <class '%s'>, NULL>", tname);
}

static FtObject *
super_getattro(FtObject *self, FtObject *name)
{
    SuperObject *su = (SuperObject *)self;
    FtTypeObject *start = su->obj_type;
    if (start == NULL || !ft_str_check(name) || ft_str_equal_cstr(name, "__class__"))
        return ft_object_generic_get_attr_ref(self, name);
    FtObject *mro = start->tp_mro;
    Ft_ssize n = mro != NULL ? ft_tuple_size(mro) : 0, i = 0;
    while (i + 1 < n && ft_tuple_get_item_borrow(mro, i) != (FtObject *)su->type)
        i++;
    for (i++; i < n; i++) {
        FtObject *res = ft_type_dict_get_ref((FtTypeObject *)ft_tuple_get_item_borrow(mro, i), name);
        if (res == NULL)
            continue;
        FtDescrGetFunc get = res->ob_type->tp_descr_get;
        if (get == NULL)
            return res;
        // A class bound to itself reads as the unbound (class) access.
        FtObject *bound = get(res, su->obj == (FtObject *)start ? NULL : su->obj, (FtObject *)start);
        ft_decref(res);
        return bound;
    }
    return ft_object_generic_get_attr_ref(self, name);
}

static FtObject *
super_descr_get(FtObject *self, FtObject *obj, FtObject *type)
{
    SuperObject *su = (SuperObject *)self;
    if (obj == NULL || obj == FT_NONE || su->obj != NULL)
        return ft_new_ref(self);
    return ft_super_new_ref(su->type, obj);
}

static FtObject *
super_get_thisclass(FtObject *self, void *closure)
{
    FtTypeObject *t = ((SuperObject *)self)->type;
    return t != NULL ? ft_new_ref((FtObject *)t) : ft_none_ref();
}

static FtObject *
super_get_self(FtObject *self, void *closure)
{
    FtObject *o = ((SuperObject *)self)->obj;
    return o != NULL ? ft_new_ref(o) : ft_none_ref();
}

static FtObject *
super_get_self_class(FtObject *self, void *closure)
{
    FtTypeObject *t = ((SuperObject *)self)->obj_type;
    return t != NULL ? ft_new_ref((FtObject *)t) : ft_none_ref();
}

static const FtGetSetDef super_getset[] = {
    {.name = "__thisclass__", .get = super_get_thisclass, .doc = "the class invoking super()"},
    {.name = "__self__", .get = super_get_self, .doc = "the instance invoking super(); may be None"},
    {.name = "__self_class__", .get = super_get_self_class,
     .doc = "the type of the instance invoking super(); may be None"},
    {0},
};

FtTypeObject ft_super_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "super",
    .tp_basicsize = sizeof(SuperObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = super_dealloc,
    .tp_traverse = super_traverse,
    .tp_repr = super_repr,
    .tp_getattro = super_getattro,
    .tp_descr_get = super_descr_get,
    .tp_init = super_init,
    .tp_new = ft_object_new_default,
    .tp_getset = super_getset,
    .tp_doc = "super() -> same as super(__class__, <first argument>)\n"
              "super(type) -> unbound super object\n"
              "super(type, obj) -> bound super object; requires isinstance(obj, type)\n"
              "super(type, type2) -> bound super object; requires issubclass(type2, type)",
};

int
ft_super_init_types(void)
{
    return ft_type_ready(&ft_super_type);
}

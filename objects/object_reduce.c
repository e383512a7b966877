// objects/object_reduce.c: object's pickling methods, __getstate__, __reduce__ and __reduce_ex__
// (the copyreg protocol). Semantics: CPython 3.14's object.__getstate__ / object.__reduce_ex__
// (Objects/typeobject.c) and Lib/copyreg.py, read for behaviour only.
//
// What object.__reduce_ex__(protocol) returns:
//   protocol 0 or 1  copyreg._reduce_ex(obj, protocol)
//   protocol >= 2    (copyreg.__newobj__, (cls, *args), state, listitems, dictitems), or
//                    (copyreg.__newobj_ex__, (cls, args, kwargs), state, listitems, dictitems)
//                    when cls.__getnewargs_ex__ gave keyword arguments
// args / kwargs come from __getnewargs_ex__() or __getnewargs__() (looked up on the type), state
// from obj.__getstate__(), listitems / dictitems are iterators over a list's items / a dict's
// items() and None for other objects. A class whose __reduce__ is not object's gets that
// __reduce__ called instead. The default state is the instance dict (None when absent or empty),
// paired with a dict of the set __slots__ values when there are any.
//
// Concurrency: no state of its own. The instance dict and the slot values are read through the
// attribute protocol, which locks what it reads; a cached __slotnames__ list is read item by item
// with new references, so another thread changing it cannot free an item under us. copyreg is
// imported through builtins.__import__ at each use (the import system caches the module).
#include <stdint.h>   // INT32_MAX INT32_MIN

#include "objects/type.h"

#include "objects/abstract.h"      // ft_object_lookup_special ft_object_get_iter_ref ft_object_size
#include "objects/dict.h"          // ft_dict_*
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/int.h"           // ft_int_from_int64_ref
#include "objects/list.h"          // ft_list_*
#include "objects/method_def.h"    // FtCFunctionObject ft_cfunction_type FT_METH_NOARGS
#include "objects/object.h"        // ft_object_* FT_NONE
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "runtime/refcount.h"      // ft_incref ft_decref ft_new_ref
#include "runtime/thread_state.h"  // ft_interp_main

/* --- copyreg --- */

// copyreg.<attr>, importing copyreg through builtins.__import__ (so an overridden __import__
// sees the import, as in CPython).
static FtObject *
copyreg_attr_ref(const char *attr)
{
    FtObject *builtins = ft_interp_main()->builtins_dict, *import = NULL;
    int found = builtins == NULL ? 0 : ft_dict_get_item_str_ref(builtins, "__import__", &import);
    if (found == 0)
        ft_error_set_string(&ft_exc_import_error, "__import__ not found");
    if (found <= 0)
        return NULL;
    FtObject *module_name = ft_str_from_cstr_ref("copyreg");
    FtObject *module = module_name == NULL ? NULL : ft_object_call_one_arg_ref(import, module_name);
    ft_xdecref(module_name);
    ft_decref(import);
    if (module == NULL)
        return NULL;
    FtObject *value = ft_object_get_attr_cstr_ref(module, attr);
    ft_decref(module);
    return value;
}

/* --- The default state --- */

// The names of the __slots__ an instance of cls may have set, a list or None: the class's cached
// __slotnames__, else copyreg._slotnames(cls) (which fills that cache). Static types have none.
static FtObject *
slot_names_ref(FtTypeObject *cls)
{
    if (!ft_type_is_heap(cls))
        return ft_list_new_ref(0);
    FtObject *key = ft_str_intern_cstr_ref("__slotnames__");
    if (key == NULL)
        return NULL;
    FtObject *cached = ft_type_dict_get_ref(cls, key);
    ft_decref(key);
    if (cached == NULL && ft_error_occurred())
        return NULL;
    FtObject *names = cached;
    if (names == NULL) {
        FtObject *compute = copyreg_attr_ref("_slotnames");
        names = compute == NULL ? NULL : ft_object_call_one_arg_ref(compute, (FtObject *)cls);
        ft_xdecref(compute);
        if (names == NULL)
            return NULL;
    }
    if (names == FT_NONE || ft_list_check(names))
        return names;
    if (cached != NULL)
        ft_error_format(&ft_exc_type_error, "%.200s.__slotnames__ should be a list or None, not %.200s",
                        cls->tp_name, names->ob_type->tp_name);
    else
        ft_error_set_string(&ft_exc_type_error, "copyreg._slotnames didn't return a list or None");
    ft_decref(names);
    return NULL;
}

// The instance dict when self has a non-empty one, else None.
static FtObject *
dict_state_ref(FtObject *self)
{
    if (ft_object_dict_ptr(self) == NULL)
        return ft_none_ref();
    FtObject *dict = ft_object_get_dict_ref(self);
    if (dict == NULL || ft_object_size(dict) > 0)
        return dict;
    ft_decref(dict);
    return ft_none_ref();
}

// A dict of those slots among names (a list of str, or None) that are set on self.
static FtObject *
slot_values_ref(FtObject *self, FtObject *names)
{
    FtObject *values = ft_dict_new_ref();
    if (values == NULL || names == FT_NONE)
        return values;
    for (Ft_ssize i = 0; i < ft_list_size(names); i++) {
        FtObject *name = ft_list_get_item_ref(names, i), *value = NULL;
        int found = name == NULL ? -1 : ft_object_lookup_attr(self, name, &value);
        if (found > 0 && ft_dict_set_item(values, name, value) < 0)
            found = -1;
        ft_xdecref(name);
        ft_xdecref(value);
        if (found < 0) {
            ft_decref(values);
            return NULL;
        }
    }
    return values;
}

// True when instances of cls carry C-level fields beyond object's (the nearest static ancestor is
// bigger than object), which the default state cannot capture.
static bool
has_c_fields(FtTypeObject *cls)
{
    FtTypeObject *t = cls;
    while (ft_type_is_heap(t) && t->tp_base != NULL)
        t = t->tp_base;
    return t->tp_basicsize > ft_base_object_type.tp_basicsize;
}

// object.__getstate__'s result for self. With required (a pickle that would otherwise lose C
// state), objects with items or C fields raise TypeError "cannot pickle ...".
static FtObject *
default_state_ref(FtObject *self, bool required)
{
    FtTypeObject *cls = self->ob_type;
    if (required && cls->tp_itemsize != 0)
        return ft_error_format(&ft_exc_type_error, "cannot pickle %.200s objects", cls->tp_name);
    FtObject *state = dict_state_ref(self);
    if (state == NULL)
        return NULL;
    FtObject *names = slot_names_ref(cls), *slots = NULL;
    if (names != NULL && required && has_c_fields(cls))
        ft_error_format(&ft_exc_type_error, "cannot pickle '%.200s' object", cls->tp_name);
    else if (names != NULL)
        slots = slot_values_ref(self, names);
    ft_xdecref(names);
    if (slots == NULL) {
        ft_decref(state);
        return NULL;
    }
    if (ft_object_size(slots) > 0) {
        FtObject *pair = ft_tuple_pack_ref(2, state, slots);
        ft_decref(state);
        state = pair;
    }
    ft_decref(slots);
    return state;
}

FtObject *
ft_object_getstate(FtObject *self)
{
    return default_state_ref(self, false);
}

// The state __reduce_ex__ records: self.__getstate__(), where object's own method bound to self
// runs as default_state_ref with required. On a class, self.__getstate__ is the unbound
// descriptor, so the call raises CPython's "needs an argument" TypeError.
static FtObject *
reduce_state_ref(FtObject *self, bool required)
{
    FtObject *getstate = ft_object_get_attr_cstr_ref(self, "__getstate__");
    if (getstate == NULL)
        return NULL;
    bool is_default = false;
    if (getstate->ob_type == &ft_cfunction_type) {
        FtCFunctionObject *bound = (FtCFunctionObject *)getstate;
        is_default = bound->self == self && (bound->def->flags & FT_METH_NOARGS) &&
                     bound->def->fn.noargs == ft_object_getstate;
    }
    FtObject *state = is_default ? default_state_ref(self, required)
                                 : ft_object_call_no_args_ref(getstate);
    ft_decref(getstate);
    return state;
}

/* --- Protocol 2 and up --- */

// The arguments cls.__new__ gets back: positional (a tuple, or NULL for none given) and keyword (a
// dict, or NULL). Both strong.
typedef struct {
    FtObject *args;
    FtObject *kwargs;
} NewArgs;

static void
new_args_clear(NewArgs *na)
{
    ft_xdecref(na->args);
    ft_xdecref(na->kwargs);
    na->args = na->kwargs = NULL;
}

// type(self).<hook>() when the type defines it: 1 with the result, 0 when absent, -1 on error.
static int
call_type_hook(FtObject *self, const char *hook, FtObject **result)
{
    FtObject *fn;
    *result = NULL;
    int found = ft_object_lookup_special(self, hook, &fn);
    if (found <= 0)
        return found;
    *result = ft_object_call_no_args_ref(fn);
    ft_decref(fn);
    return *result == NULL ? -1 : 1;
}

// Checks what __getnewargs_ex__ returned: a pair (tuple, dict). 0, or -1 with CPython's messages.
static int
check_getnewargs_ex_result(FtObject *res)
{
    if (!ft_tuple_check(res)) {
        ft_error_format(&ft_exc_type_error, "__getnewargs_ex__ should return a tuple, not '%.200s'",
                        res->ob_type->tp_name);
        return -1;
    }
    if (ft_tuple_size(res) != 2) {
        ft_error_format(&ft_exc_value_error,
                        "__getnewargs_ex__ should return a tuple of length 2, not %zd",
                        ft_tuple_size(res));
        return -1;
    }
    FtObject *positional = ft_tuple_get_item_borrow(res, 0);
    FtObject *keywords = ft_tuple_get_item_borrow(res, 1);
    if (!ft_tuple_check(positional)) {
        ft_error_format(&ft_exc_type_error, "first item of the tuple returned by __getnewargs_ex__ "
                        "must be a tuple, not '%.200s'", positional->ob_type->tp_name);
        return -1;
    }
    if (!ft_dict_check(keywords)) {
        ft_error_format(&ft_exc_type_error, "second item of the tuple returned by __getnewargs_ex__ "
                        "must be a dict, not '%.200s'", keywords->ob_type->tp_name);
        return -1;
    }
    return 0;
}

// Fills *na from __getnewargs_ex__(), else __getnewargs__() (a tuple), else leaves it empty.
static int
new_args_fetch(FtObject *self, NewArgs *na)
{
    FtObject *res;
    int found = call_type_hook(self, "__getnewargs_ex__", &res);
    if (found > 0) {
        if (check_getnewargs_ex_result(res) == 0) {
            na->args = ft_new_ref(ft_tuple_get_item_borrow(res, 0));
            na->kwargs = ft_new_ref(ft_tuple_get_item_borrow(res, 1));
        }
        ft_decref(res);
        return na->args == NULL ? -1 : 0;
    }
    if (found == 0)
        found = call_type_hook(self, "__getnewargs__", &res);
    if (found <= 0)
        return found;
    if (!ft_tuple_check(res)) {
        ft_error_format(&ft_exc_type_error, "__getnewargs__ should return a tuple, not '%.200s'",
                        res->ob_type->tp_name);
        ft_decref(res);
        return -1;
    }
    na->args = res;
    return 0;
}

// The callable and its argument tuple that recreate an instance of cls from na.
static int
recreate_call(FtTypeObject *cls, const NewArgs *na, FtObject **callable, FtObject **callargs)
{
    bool with_keywords = na->kwargs != NULL && ft_object_size(na->kwargs) > 0;
    *callable = copyreg_attr_ref(with_keywords ? "__newobj_ex__" : "__newobj__");
    if (*callable == NULL)
        return -1;
    if (with_keywords) {
        *callargs = ft_tuple_pack_ref(3, (FtObject *)cls, na->args, na->kwargs);
    } else {
        // (cls, *args)
        Ft_ssize extra = na->args == NULL ? 0 : ft_tuple_size(na->args);
        *callargs = ft_tuple_new_ref(extra + 1);
        if (*callargs != NULL) {
            FtObject **slot = ((FtTupleObject *)*callargs)->items;
            slot[0] = ft_new_ref((FtObject *)cls);
            for (Ft_ssize i = 0; i < extra; i++)
                slot[i + 1] = ft_new_ref(ft_tuple_get_item_borrow(na->args, i));
        }
    }
    return *callargs == NULL ? -1 : 0;
}

// An iterator over self's items when self is a list (over items() when want_dict and self is a
// dict), else None.
static FtObject *
container_items_ref(FtObject *self, bool want_dict)
{
    if (!want_dict)
        return ft_list_check(self) ? ft_object_get_iter_ref(self) : ft_none_ref();
    if (!ft_dict_check(self))
        return ft_none_ref();
    FtObject *view = ft_object_call_method_cstr_ref(self, "items", NULL, 0);
    FtObject *it = view == NULL ? NULL : ft_object_get_iter_ref(view);
    ft_xdecref(view);
    return it;
}

static FtObject *
reduce_with_newobj(FtObject *self)
{
    FtTypeObject *cls = self->ob_type;
    if (cls->tp_new == NULL)
        return ft_error_format(&ft_exc_type_error, "cannot pickle '%.200s' object", cls->tp_name);
    NewArgs na = {NULL, NULL};
    if (new_args_fetch(self, &na) < 0)
        return NULL;
    // Five parts: callable, its arguments, state, listitems, dictitems.
    FtObject *parts[5] = {NULL, NULL, NULL, NULL, NULL};
    FtObject *res = NULL;
    if (recreate_call(cls, &na, &parts[0], &parts[1]) == 0) {
        // Without __new__ arguments a list or dict still carries its items, anything else needs
        // its whole state in __getstate__'s result.
        bool required = na.args == NULL && !ft_list_check(self) && !ft_dict_check(self);
        if ((parts[2] = reduce_state_ref(self, required)) != NULL &&
            (parts[3] = container_items_ref(self, false)) != NULL &&
            (parts[4] = container_items_ref(self, true)) != NULL)
            res = ft_tuple_pack_ref(5, parts[0], parts[1], parts[2], parts[3], parts[4]);
    }
    for (int i = 0; i < 5; i++)
        ft_xdecref(parts[i]);
    new_args_clear(&na);
    return res;
}

/* --- Methods --- */

static FtObject *
reduce_for_protocol(FtObject *self, int protocol)
{
    if (protocol >= 2)
        return reduce_with_newobj(self);
    FtObject *reduce_ex = copyreg_attr_ref("_reduce_ex");
    FtObject *proto = reduce_ex == NULL ? NULL : ft_int_from_int64_ref(protocol);
    FtObject *res = NULL;
    if (proto != NULL) {
        FtObject *args[2] = {self, proto};
        res = ft_object_vectorcall_ref(reduce_ex, args, 2, NULL);
    }
    ft_xdecref(proto);
    ft_xdecref(reduce_ex);
    return res;
}

FtObject *
ft_object_reduce(FtObject *self)
{
    return reduce_for_protocol(self, 0);
}

// self.__reduce__ when the class's __reduce__ is not object's: 1 with it, 0 when it is object's
// (or self has none), -1 on error.
static int
overriding_reduce(FtObject *self, FtObject **out)
{
    *out = NULL;
    FtObject *name = ft_str_intern_cstr_ref("__reduce__");
    if (name == NULL)
        return -1;
    FtObject *bound = NULL;
    int found = ft_object_lookup_attr(self, name, &bound);
    if (found > 0) {
        FtObject *on_class = ft_object_get_attr_ref((FtObject *)self->ob_type, name);
        if (on_class == NULL)
            found = -1;
        else if (on_class == ft_type_dict_get_borrow(&ft_base_object_type, name))
            found = 0;
        ft_xdecref(on_class);
        if (found > 0)
            *out = ft_new_ref(bound);
        ft_decref(bound);
    }
    ft_decref(name);
    return found;
}

FtObject *
ft_object_reduce_ex(FtObject *self, FtObject *protocol)
{
    // A C int in CPython: clamp to Ft_ssize, then anything outside int gets the C-int message.
    Ft_ssize wide = ft_number_as_ssize(protocol, NULL);
    if (wide == -1 && ft_error_occurred())
        return NULL;
    if (wide < INT32_MIN || wide > INT32_MAX)
        return ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C int");
    FtObject *custom;
    int found = overriding_reduce(self, &custom);
    if (found < 0)
        return NULL;
    if (found == 0)
        return reduce_for_protocol(self, (int)wide);
    FtObject *res = ft_object_call_no_args_ref(custom);
    ft_decref(custom);
    return res;
}

// eval/ceval_ops.c: the out-of-line parts of the instruction bodies (eval/ceval_ops.h): name
// lookups, unpacking, building containers, calls from stack references, imports, raising and
// matching exceptions, intrinsics. Error texts are CPython 3.14's (Python/ceval.c,
// Python/bytecodes.c, Python/intrinsics.c), to the character.
//
// Owns: nothing beyond the calls it makes.
// Invariant: every function leaves the caller's stack references as they were (borrowed), except
//   the _steal builders, which consume theirs.
// Concurrency: runs on the thread executing the instruction; shared objects (dicts, lists, modules)
//   are reached through their own locking APIs; the handled-exception slot is owner-thread only.
#include <stdlib.h>   // malloc free

#include "eval/ceval_ops.h"

#include "eval/eval_internal.h"              // FtEvalThread ft_frame_stack_push
#include "eval/generated/opcode_ids.gen.h"   // FT_NB_* FT_INTRINSIC_* FT_SPECIAL_* FT_CONSTANT_*
#include "objects/abstract.h"                // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/bytes.h"                   // ft_bytes_type
#include "objects/code.h"                    // FtCodeObject FT_CO_*
#include "objects/float.h"                   // ft_float_type
#include "objects/range.h"                   // ft_range_type
#include "objects/dict.h"                    // ft_dict_*
#include "objects/error.h"                   // ft_error_* ft_exc_*
#include "objects/function.h"                // ft_function_* ft_cell_*
#include "objects/int.h"                     // ft_int_*
#include "objects/list.h"                    // ft_list_*
#include "objects/module.h"                  // ft_module_check
#include "objects/object.h"                  // ft_object_*
#include "objects/set.h"                     // ft_set_*
#include "objects/slice.h"                   // ft_slice_new_ref
#include "objects/str.h"                     // ft_str_*
#include "objects/tuple.h"                   // ft_tuple_*
#include "objects/type.h"                    // ft_type_lookup_borrow ft_type_check

// Sets exc.name on the NameError just raised (for the traceback's suggestions).
static void
set_name_error_name(FtObject *name)
{
    FtObject *exc = ft_error_occurred_borrow();
    if (exc == NULL || !ft_type_is_subtype(exc->ob_type, &ft_exc_name_error))
        return;
    FtNameErrorObject *ne = (FtNameErrorObject *)exc;
    FtObject *old = ne->name;
    ne->name = ft_new_ref(name);
    ft_xdecref(old);
}

static void
raise_name_error(FtTypeObject *type, const char *fmt, FtObject *name)
{
    ft_error_format(type, fmt, name);
    // Only a plain NameError carries the name (for "Did you mean"), as CPython's
    // _PyEval_FormatExcCheckArg: UnboundLocalError does not.
    if (type == &ft_exc_name_error)
        set_name_error_name(name);
}

void
ft_eval_op_unbound_local(FtFrame *frame, int i)
{
    FtCodeObject *code = (FtCodeObject *)frame->f_executable;
    FtObject *name = ft_tuple_get_item_borrow(code->co_localsplusnames, i);
    uint8_t kind = (uint8_t)ft_bytes_data(code->co_localspluskinds)[i];
    if (kind & FT_CO_FAST_FREE) {
        raise_name_error(&ft_exc_name_error,
                         "cannot access free variable '%U' where it is not associated with a value"
                         " in enclosing scope", name);
    } else {
        raise_name_error(&ft_exc_unbound_local_error,
                         "cannot access local variable '%U' where it is not associated with a value",
                         name);
    }
}

FtObject *
ft_eval_op_binary(int op, FtObject *l, FtObject *r)
{
    switch (op) {
    case FT_NB_ADD: return ft_number_add_ref(l, r);
    case FT_NB_AND: return ft_number_and_ref(l, r);
    case FT_NB_FLOOR_DIVIDE: return ft_number_floor_divide_ref(l, r);
    case FT_NB_LSHIFT: return ft_number_lshift_ref(l, r);
    case FT_NB_MATRIX_MULTIPLY: return ft_number_matrix_multiply_ref(l, r);
    case FT_NB_MULTIPLY: return ft_number_multiply_ref(l, r);
    case FT_NB_REMAINDER: return ft_number_remainder_ref(l, r);
    case FT_NB_OR: return ft_number_or_ref(l, r);
    case FT_NB_POWER: return ft_number_power_ref(l, r, FT_NONE);
    case FT_NB_RSHIFT: return ft_number_rshift_ref(l, r);
    case FT_NB_SUBTRACT: return ft_number_subtract_ref(l, r);
    case FT_NB_TRUE_DIVIDE: return ft_number_true_divide_ref(l, r);
    case FT_NB_XOR: return ft_number_xor_ref(l, r);
    case FT_NB_INPLACE_ADD: return ft_number_inplace_add_ref(l, r);
    case FT_NB_INPLACE_AND: return ft_number_inplace_and_ref(l, r);
    case FT_NB_INPLACE_FLOOR_DIVIDE: return ft_number_inplace_floor_divide_ref(l, r);
    case FT_NB_INPLACE_LSHIFT: return ft_number_inplace_lshift_ref(l, r);
    case FT_NB_INPLACE_MATRIX_MULTIPLY: return ft_number_inplace_matrix_multiply_ref(l, r);
    case FT_NB_INPLACE_MULTIPLY: return ft_number_inplace_multiply_ref(l, r);
    case FT_NB_INPLACE_REMAINDER: return ft_number_inplace_remainder_ref(l, r);
    case FT_NB_INPLACE_OR: return ft_number_inplace_or_ref(l, r);
    case FT_NB_INPLACE_POWER: return ft_number_inplace_power_ref(l, r, FT_NONE);
    case FT_NB_INPLACE_RSHIFT: return ft_number_inplace_rshift_ref(l, r);
    case FT_NB_INPLACE_SUBTRACT: return ft_number_inplace_subtract_ref(l, r);
    case FT_NB_INPLACE_TRUE_DIVIDE: return ft_number_inplace_true_divide_ref(l, r);
    case FT_NB_INPLACE_XOR: return ft_number_inplace_xor_ref(l, r);
    case FT_NB_SUBSCR: return ft_object_get_item_ref(l, r);
    default:
        return ft_error_format(&ft_exc_system_error, "bad BINARY_OP oparg %d", op);
    }
}

FtObject *
ft_eval_op_slice_get(FtObject *container, FtObject *start, FtObject *stop)
{
    FtObject *slice = ft_slice_new_ref(start, stop, NULL);
    if (slice == NULL)
        return NULL;
    FtObject *res = ft_object_get_item_ref(container, slice);
    ft_decref(slice);
    return res;
}

int
ft_eval_op_slice_set(FtObject *container, FtObject *start, FtObject *stop, FtObject *v)
{
    FtObject *slice = ft_slice_new_ref(start, stop, NULL);
    if (slice == NULL)
        return -1;
    int err = ft_object_set_item(container, slice, v);
    ft_decref(slice);
    return err;
}

// mapping[name] as a tri-state: 1 with *res, 0 absent (no exception), -1 error.
static int
mapping_lookup(FtObject *mapping, FtObject *name, FtObject **res)
{
    if (ft_dict_check(mapping))
        return ft_dict_get_item_ref(mapping, name, res);
    *res = ft_object_get_item_ref(mapping, name);
    if (*res != NULL)
        return 1;
    if (ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        return 0;
    }
    return -1;
}

// globals, then builtins: 1, 0 (no NameError raised), -1.
static int
lookup_globals_builtins(FtFrame *frame, FtObject *name, FtObject **res)
{
    int r = ft_dict_get_item_ref(frame->f_globals, name, res);
    if (r != 0)
        return r;
    return mapping_lookup(frame->f_builtins, name, res);
}

FtObject *
ft_eval_op_load_global(FtFrame *frame, FtObject *name)
{
    FtObject *res = NULL;
    int r = lookup_globals_builtins(frame, name, &res);
    if (r == 0)
        raise_name_error(&ft_exc_name_error, "name '%.200U' is not defined", name);
    return r > 0 ? res : NULL;
}

FtObject *
ft_eval_op_load_name(FtFrame *frame, FtObject *name)
{
    if (frame->f_locals == NULL)
        return ft_error_format(&ft_exc_system_error, "no locals found when loading %R", name);
    return ft_eval_op_load_from_dict_or_globals(frame, frame->f_locals, name);
}

FtObject *
ft_eval_op_load_from_dict_or_globals(FtFrame *frame, FtObject *mapping, FtObject *name)
{
    FtObject *res = NULL;
    int r = mapping_lookup(mapping, name, &res);
    if (r == 0)
        r = lookup_globals_builtins(frame, name, &res);
    if (r == 0)
        raise_name_error(&ft_exc_name_error, "name '%.200U' is not defined", name);
    return r > 0 ? res : NULL;
}

FtObject *
ft_eval_op_load_from_dict_or_deref(FtFrame *frame, FtObject *mapping, int i)
{
    FtCodeObject *code = (FtCodeObject *)frame->f_executable;
    FtObject *name = ft_tuple_get_item_borrow(code->co_localsplusnames, i);
    FtObject *res = NULL;
    int r = mapping_lookup(mapping, name, &res);
    if (r != 0)
        return r > 0 ? res : NULL;
    res = ft_cell_get_ref(ft_stackref_as_borrow(frame->localsplus[i]));
    if (res == NULL)
        ft_eval_op_unbound_local(frame, i);
    return res;
}

int
ft_eval_op_store_name(FtFrame *frame, FtObject *name, FtObject *v)
{
    if (frame->f_locals == NULL) {
        ft_error_format(&ft_exc_system_error, "no locals found when storing %R", name);
        return -1;
    }
    if (ft_dict_check_exact(frame->f_locals))
        return ft_dict_set_item(frame->f_locals, name, v);
    return ft_object_set_item(frame->f_locals, name, v);
}

int
ft_eval_op_delete_name(FtFrame *frame, FtObject *name)
{
    if (frame->f_locals == NULL) {
        ft_error_format(&ft_exc_system_error, "no locals when deleting %R", name);
        return -1;
    }
    int err = ft_dict_check_exact(frame->f_locals) ? ft_dict_del_item(frame->f_locals, name)
                                                   : ft_object_del_item(frame->f_locals, name);
    if (err < 0 && ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        raise_name_error(&ft_exc_name_error, "name '%.200U' is not defined", name);
    }
    return err;
}

int
ft_eval_op_delete_global(FtFrame *frame, FtObject *name)
{
    int err = ft_dict_del_item(frame->f_globals, name);
    if (err < 0 && ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        raise_name_error(&ft_exc_name_error, "name '%.200U' is not defined", name);
    }
    return err;
}

FtObject *
ft_eval_op_load_builtin(FtFrame *frame, const char *name)
{
    FtObject *key = ft_str_from_cstr_ref(name);
    if (key == NULL)
        return NULL;
    FtObject *res = NULL;
    int r = mapping_lookup(frame->f_builtins, key, &res);
    ft_decref(key);
    if (r == 0)
        ft_error_format(&ft_exc_name_error, "%s not found", name);
    return r > 0 ? res : NULL;
}

int
ft_eval_op_get_method(FtObject *owner, FtObject *name, FtObject **meth)
{
    FtTypeObject *tp = owner->ob_type;
    if (tp->tp_getattro == ft_object_generic_get_attr_ref && tp->tp_dictoffset == 0 &&
        !ft_type_has_flag(tp, FT_TPFLAGS_PREHEADER)) {
        // No instance dict can shadow the type's attribute. TODO(#4): the instance-dict check,
        // so that heap types' methods skip the bound method too.
        FtObject *descr = ft_type_lookup_borrow(tp, name);
        if (descr != NULL && ft_type_has_flag(descr->ob_type, FT_TPFLAGS_METHOD_DESCRIPTOR)) {
            *meth = ft_new_ref(descr);
            return 1;
        }
    }
    *meth = ft_object_get_attr_ref(owner, name);
    return *meth != NULL ? 0 : -1;
}

FtObject *
ft_eval_op_load_super_attr(FtObject *global_super, FtObject *cls, FtObject *self, FtObject *name,
                           int nargs)
{
    FtObject *args[2] = {cls, self};
    FtObject *sup = ft_object_vectorcall_ref(global_super, args, (size_t)nargs, NULL);
    if (sup == NULL)
        return NULL;
    FtObject *res = ft_object_get_attr_ref(sup, name);
    ft_decref(sup);
    return res;
}

int
ft_eval_op_load_special(FtObject *owner, int which, FtObject **meth, FtObject **self)
{
    static const char *const names[] = {"__enter__", "__exit__", "__aenter__", "__aexit__"};
    static const char *const errors[] = {
        "'%T' object does not support the context manager protocol",
        "'%T' object does not support the context manager protocol (missed __exit__ method)",
        "'%T' object does not support the asynchronous context manager protocol",
        ("'%T' object does not support the asynchronous context manager protocol "
         "(missed __aexit__ method)"),
    };
    if (which < 0 || which > 3) {
        ft_error_set_string(&ft_exc_system_error, "bad LOAD_SPECIAL oparg");
        return -1;
    }
    *self = NULL;
    int r = ft_object_lookup_special(owner, names[which], meth);
    if (r == 0)
        ft_error_format(&ft_exc_type_error, errors[which], owner);
    return r > 0 ? 0 : -1;
}

int
ft_eval_op_unpack(FtObject *v, int before, int after, FtStackRef *out)
{
    int fixed = before + (after >= 0 ? after : 0);
    int total = before + (after >= 0 ? 1 + after : 0);
    FtObject *it = ft_object_get_iter_ref(v);
    if (it == NULL) {
        if (ft_error_matches(&ft_exc_type_error) && v->ob_type->tp_iter == NULL &&
            !ft_sequence_check(v)) {
            ft_error_clear();
            ft_error_format(&ft_exc_type_error, "cannot unpack non-iterable %.200s object",
                            v->ob_type->tp_name);
        }
        return -1;
    }
    FtObject *small[16];
    FtObject **items = total <= 16 ? small : malloc(sizeof(FtObject *) * (size_t)total);
    if (items == NULL) {
        ft_decref(it);
        ft_error_no_memory();
        return -1;
    }
    int got = 0;
    FtObject *rest = NULL;
    for (; got < before; got++) {
        int r = ft_iter_next_ref(it, &items[got]);
        if (r < 0)
            goto fail;
        if (r == 0) {
            if (after < 0)
                ft_error_format(&ft_exc_value_error,
                                "not enough values to unpack (expected %d, got %d)", before, got);
            else
                ft_error_format(&ft_exc_value_error,
                                "not enough values to unpack (expected at least %d, got %d)",
                                fixed, got);
            goto fail;
        }
    }
    if (after < 0) {
        FtObject *extra = NULL;
        int r = ft_iter_next_ref(it, &extra);
        if (r < 0)
            goto fail;
        if (r > 0) {
            ft_decref(extra);
            if (ft_list_check_exact(v) || ft_tuple_check(v) || ft_dict_check_exact(v)) {
                Ft_ssize n = ft_object_size(v);
                ft_error_format(&ft_exc_value_error,
                                "too many values to unpack (expected %d, got %zd)", before, n);
            } else {
                ft_error_format(&ft_exc_value_error, "too many values to unpack (expected %d)",
                                before);
            }
            goto fail;
        }
    } else {
        rest = ft_list_new_ref(0);
        if (rest == NULL)
            goto fail;
        for (;;) {
            FtObject *item = NULL;
            int r = ft_iter_next_ref(it, &item);
            if (r < 0)
                goto fail;
            if (r == 0)
                break;
            int err = ft_list_append(rest, item);
            ft_decref(item);
            if (err < 0)
                goto fail;
        }
        Ft_ssize nrest = ft_list_size(rest);
        if (nrest < after) {
            ft_error_format(&ft_exc_value_error,
                            "not enough values to unpack (expected at least %d, got %zd)", fixed,
                            (Ft_ssize)before + nrest);
            goto fail;
        }
        for (int k = 0; k < after; k++) {
            items[before + 1 + k] = ft_list_get_item_ref(rest, nrest - after + k);
        }
        if (after > 0 && ft_list_del_slice(rest, nrest - after, nrest, 1) < 0) {
            for (int k = 0; k < after; k++)
                ft_decref(items[before + 1 + k]);
            goto fail;
        }
        items[before] = rest;
        rest = NULL;
        got = total;
    }
    ft_decref(it);
    for (int k = 0; k < total; k++)
        out[total - 1 - k] = ft_stackref_from_ref_steal(items[k]);
    if (items != small)
        free(items);
    return 0;
fail:
    for (int k = 0; k < got && k < before; k++)
        ft_decref(items[k]);
    ft_xdecref(rest);
    ft_decref(it);
    if (items != small)
        free(items);
    return -1;
}

FtObject *
ft_eval_op_tuple_steal(FtStackRef *items, int n)
{
    FtObject *t = ft_tuple_new_ref(n);
    if (t == NULL) {
        for (int i = 0; i < n; i++)
            ft_stackref_close(items[i]);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        ft_tuple_set_item_steal_unlocked(t, i, ft_stackref_to_ref_steal(items[i]));
    return t;
}

FtObject *
ft_eval_op_list_steal(FtStackRef *items, int n)
{
    FtObject *l = ft_list_new_ref(n);
    if (l == NULL) {
        for (int i = 0; i < n; i++)
            ft_stackref_close(items[i]);
        return NULL;
    }
    for (int i = 0; i < n; i++)
        (void)ft_list_set_item_steal(l, i, ft_stackref_to_ref_steal(items[i]));
    return l;
}

FtObject *
ft_eval_op_build_set(FtStackRef *items, int n)
{
    FtObject *s = ft_set_new_ref(NULL);
    if (s == NULL)
        return NULL;
    for (int i = 0; i < n; i++) {
        if (ft_set_add(s, ft_stackref_as_borrow(items[i])) < 0) {
            ft_decref(s);
            return NULL;
        }
    }
    return s;
}

FtObject *
ft_eval_op_build_map(FtStackRef *items, int npairs)
{
    FtObject *d = ft_dict_new_ref();
    if (d == NULL)
        return NULL;
    for (int i = 0; i < npairs; i++) {
        if (ft_dict_set_item(d, ft_stackref_as_borrow(items[2 * i]),
                             ft_stackref_as_borrow(items[2 * i + 1])) < 0) {
            ft_decref(d);
            return NULL;
        }
    }
    return d;
}

FtObject *
ft_eval_op_build_string(FtStackRef *items, int n)
{
    FtObject *small[16];
    FtObject **objs = n <= 16 ? small : malloc(sizeof(FtObject *) * (size_t)n);
    if (objs == NULL)
        return ft_error_no_memory();
    for (int i = 0; i < n; i++)
        objs[i] = ft_stackref_as_borrow(items[i]);
    FtObject *empty = ft_str_empty_ref();
    FtObject *res = ft_str_join_ref(empty, objs, n);
    ft_decref(empty);
    if (objs != small)
        free(objs);
    return res;
}

int
ft_eval_op_list_extend(FtObject *list, FtObject *iterable)
{
    if (ft_list_check(iterable) || ft_tuple_check(iterable))
        return ft_list_extend(list, iterable);
    FtObject *it = ft_object_get_iter_ref(iterable);
    if (it == NULL) {
        if (ft_error_matches(&ft_exc_type_error) && iterable->ob_type->tp_iter == NULL &&
            !ft_sequence_check(iterable)) {
            ft_error_clear();
            ft_error_format(&ft_exc_type_error, "Value after * must be an iterable, not %.200s",
                            iterable->ob_type->tp_name);
        }
        return -1;
    }
    for (;;) {
        FtObject *item = NULL;
        int r = ft_iter_next_ref(it, &item);
        if (r <= 0) {
            ft_decref(it);
            return r;
        }
        int err = ft_list_append(list, item);
        ft_decref(item);
        if (err < 0) {
            ft_decref(it);
            return -1;
        }
    }
}

int
ft_eval_op_dict_update(FtObject *dict, FtObject *update)
{
    if (ft_dict_merge(dict, update, 1) == 0)
        return 0;
    if (ft_error_matches(&ft_exc_attribute_error)) {
        ft_error_clear();
        ft_error_format(&ft_exc_type_error, "'%.200s' object is not a mapping",
                        update->ob_type->tp_name);
    }
    return -1;
}

// CPython's _PyObject_FunctionStr: "qualname()" for what has a __qualname__, else "type object".
static FtObject *
function_str_ref(FtObject *func)
{
    FtObject *qualname = ft_object_get_attr_cstr_ref(func, "__qualname__");
    if (qualname == NULL) {
        ft_error_clear();
        return ft_str_from_format_ref("%s object", func->ob_type->tp_name);
    }
    FtObject *res = NULL;
    if (ft_str_check(qualname)) {
        FtObject *module = ft_object_get_attr_cstr_ref(func, "__module__");
        if (module == NULL)
            ft_error_clear();
        if (module != NULL && ft_str_check(module) && !ft_str_equal_cstr(module, "builtins"))
            res = ft_str_from_format_ref("%U.%U()", module, qualname);
        else
            res = ft_str_from_format_ref("%U()", qualname);
        ft_xdecref(module);
    } else {
        res = ft_str_from_format_ref("%s object", func->ob_type->tp_name);
    }
    ft_decref(qualname);
    return res;
}

int
ft_eval_op_dict_merge(FtObject *callable, FtObject *dict, FtObject *update)
{
    if (ft_dict_merge(dict, update, 2) == 0)
        return 0;
    FtObject *fs;
    if (ft_error_matches(&ft_exc_attribute_error)) {
        ft_error_clear();
        fs = function_str_ref(callable);
        if (fs != NULL) {
            ft_error_format(&ft_exc_type_error, "%U argument after ** must be a mapping, not %.200s",
                            fs, update->ob_type->tp_name);
            ft_decref(fs);
        }
    } else if (ft_error_matches(&ft_exc_key_error)) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *args = ft_exception_get_args_ref(exc);
        ft_decref(exc);
        if (args != NULL && ft_tuple_size(args) == 1) {
            FtObject *key = ft_tuple_get_item_borrow(args, 0);
            fs = function_str_ref(callable);
            if (fs != NULL) {
                if (ft_str_check(key))
                    ft_error_format(&ft_exc_type_error,
                                    "%U got multiple values for keyword argument '%S'", fs, key);
                else
                    ft_error_format(&ft_exc_type_error, "%U keywords must be strings", fs);
                ft_decref(fs);
            }
        } else if (!ft_error_occurred()) {
            ft_error_set_string(&ft_exc_system_error, "bad KeyError from dict merge");
        }
        ft_xdecref(args);
    }
    return -1;
}

bool
ft_eval_op_is_inlinable(FtObject *callable)
{
    if (!ft_function_check(callable))
        return false;
    FtCodeObject *code = (FtCodeObject *)ft_function_code_borrow(callable);
    return (code->co_flags & (FT_CO_GENERATOR | FT_CO_COROUTINE | FT_CO_ASYNC_GENERATOR)) == 0;
}

// The stack references args as a borrowed object array: small calls use buf.
static FtObject **
args_as_objects(FtStackRef *args, int n, FtObject **buf, int nbuf)
{
    FtObject **objs = n <= nbuf ? buf : malloc(sizeof(FtObject *) * (size_t)(n > 0 ? n : 1));
    if (objs == NULL)
        return NULL;
    for (int i = 0; i < n; i++)
        objs[i] = ft_stackref_as_borrow(args[i]);
    return objs;
}

FtFrame *
ft_eval_op_push_frame(FtThreadState *ts, FtObject *fn, FtStackRef *args, int total,
                      FtObject *kwnames)
{
    FtObject *buf[8] = {NULL};   // zeroed: GCC -O2 cannot see that args_as_objects fills it
    FtObject **objs = args_as_objects(args, total, buf, 8);
    if (objs == NULL) {
        ft_error_no_memory();
        return NULL;
    }
    FtCodeObject *code = (FtCodeObject *)ft_function_code_borrow(fn);
    FtFrame *frame = ft_frame_stack_push(ts, code);
    if (frame != NULL) {
        Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
        if (ft_eval_frame_init_function(frame, fn, objs, total - nkw, kwnames) < 0) {
            ft_frame_stack_pop(ts, frame);
            frame = NULL;
        }
    }
    if (objs != buf)
        free(objs);
    return frame;
}

FtObject *
ft_eval_op_call(FtObject *callable, FtStackRef *args, int total, FtObject *kwnames)
{
    FtObject *buf[8] = {NULL};   // zeroed: GCC -O2 cannot see that args_as_objects fills it
    FtObject **objs = args_as_objects(args, total, buf, 8);
    if (objs == NULL)
        return ft_error_no_memory();
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    FtObject *res = ft_object_vectorcall_ref(callable, objs, (size_t)(total - nkw), kwnames);
    if (objs != buf)
        free(objs);
    return res;
}

FtObject *
ft_eval_op_call_ex(FtObject *func, FtObject *callargs, FtObject *kwargs)
{
    FtObject *args = NULL;
    if (ft_tuple_check(callargs)) {
        args = ft_new_ref(callargs);
    } else {
        if (callargs->ob_type->tp_iter == NULL && !ft_sequence_check(callargs)) {
            FtObject *fs = function_str_ref(func);
            if (fs != NULL) {
                ft_error_format(&ft_exc_type_error,
                                "%U argument after * must be an iterable, not %.200s", fs,
                                callargs->ob_type->tp_name);
                ft_decref(fs);
            }
            return NULL;
        }
        args = ft_sequence_tuple_ref(callargs);
        if (args == NULL)
            return NULL;
    }
    Ft_ssize nargs = ft_tuple_size(args);
    Ft_ssize nkw = kwargs != NULL ? ft_dict_size(kwargs) : 0;
    FtObject **argv = malloc(sizeof(FtObject *) * (size_t)(nargs + nkw + 1));
    FtObject *kwnames = nkw > 0 ? ft_tuple_new_ref(nkw) : NULL;
    for (Ft_ssize i = 0; kwnames != NULL && i < nkw; i++)
        ft_tuple_set_item_steal_unlocked(kwnames, i, ft_none_ref());
    FtObject *res = NULL;
    if (argv == NULL || (nkw > 0 && kwnames == NULL)) {
        if (argv == NULL)
            ft_error_no_memory();
        goto done;
    }
    for (Ft_ssize i = 0; i < nargs; i++)
        argv[i] = ft_tuple_get_item_borrow(args, i);
    if (nkw > 0) {
        Ft_ssize pos = 0, k = 0;
        FtObject *key, *value;
        while (k < nkw && ft_dict_next(kwargs, &pos, &key, &value)) {
            if (!ft_str_check(key)) {
                ft_error_set_string(&ft_exc_type_error, "keywords must be strings");
                goto done;
            }
            ft_decref(ft_tuple_get_item_borrow(kwnames, k));
            ft_tuple_set_item_steal_unlocked(kwnames, k, ft_new_ref(key));
            // The dict is the caller's own fresh copy: its values outlive the call.
            argv[nargs + k] = value;
            k++;
        }
        if (k != nkw) {
            ft_error_set_string(&ft_exc_runtime_error, "dictionary changed size during iteration");
            goto done;
        }
    }
    res = ft_object_vectorcall_ref(func, argv, (size_t)nargs, kwnames);
done:
    free(argv);
    ft_xdecref(kwnames);
    ft_decref(args);
    return res;
}

FtObject *
ft_eval_op_common_constant(FtThreadState *ts, int which)
{
    switch (which) {
    case FT_CONSTANT_ASSERTION_ERROR: return ft_new_ref((FtObject *)&ft_exc_assertion_error);
    case FT_CONSTANT_NOT_IMPLEMENTED_ERROR:
        return ft_new_ref((FtObject *)&ft_exc_not_implemented_error);
    case FT_CONSTANT_BUILTIN_TUPLE: return ft_new_ref((FtObject *)&ft_tuple_type);
    default: break;
    }
    // all / any: the builtins module's own functions (a shadowing global does not change them).
    FtObject *builtins = ts->interp->builtins_dict;
    FtObject *res = NULL;
    const char *name = which == FT_CONSTANT_BUILTIN_ALL ? "all" : "any";
    if (builtins == NULL || ft_dict_get_item_str_ref(builtins, name, &res) <= 0) {
        ft_error_clear();
        return ft_none_ref();
    }
    return res;
}

int
ft_eval_op_setup_annotations(FtFrame *frame)
{
    if (frame->f_locals == NULL) {
        ft_error_set_string(&ft_exc_system_error, "no locals found when setting up annotations");
        return -1;
    }
    FtObject *key = ft_str_intern_cstr_ref("__annotations__");
    if (key == NULL)
        return -1;
    FtObject *ann = NULL;
    int r = mapping_lookup(frame->f_locals, key, &ann);
    if (r == 0) {
        ann = ft_dict_new_ref();
        r = ann == NULL ? -1 : ft_object_set_item(frame->f_locals, key, ann);
    }
    ft_xdecref(ann);
    ft_decref(key);
    return r < 0 ? -1 : 0;
}

FtObject *
ft_eval_op_convert(FtObject *v, int which)
{
    switch (which) {
    case 1: return ft_object_str_ref(v);
    case 2: return ft_object_repr_ref(v);
    case 3: {
        // ascii(): repr with non-ASCII escaped. TODO(#4): escape; for now the repr of ASCII text.
        return ft_object_repr_ref(v);
    }
    default:
        return ft_error_format(&ft_exc_system_error, "bad CONVERT_VALUE oparg %d", which);
    }
}

FtObject *
ft_eval_op_intrinsic1(FtThreadState *ts, FtFrame *frame, int which, FtObject *v)
{
    switch (which) {
    case FT_INTRINSIC_PRINT: {
        FtObject *hook = NULL;
        FtObject *sys = ts->interp->sys_dict;
        if (sys == NULL || ft_dict_get_item_str_ref(sys, "displayhook", &hook) <= 0) {
            if (!ft_error_occurred())
                ft_error_set_string(&ft_exc_runtime_error, "lost sys.displayhook");
            return NULL;
        }
        FtObject *res = ft_object_call_one_arg_ref(hook, v);
        ft_decref(hook);
        return res;
    }
    case FT_INTRINSIC_IMPORT_STAR: {
        if (frame->f_locals == NULL) {
            ft_error_set_string(&ft_exc_system_error, "no locals found during 'import *'");
            return NULL;
        }
        FtObject *all = NULL;
        bool from_all = true;
        if (ft_object_lookup_attr(v, ft_str_intern_cstr_ref("__all__"), &all) < 0)
            return NULL;
        if (all == NULL) {
            from_all = false;
            FtObject *dict = NULL;
            if (ft_object_lookup_attr(v, ft_str_intern_cstr_ref("__dict__"), &dict) < 0)
                return NULL;
            if (dict == NULL) {
                ft_error_set_string(&ft_exc_import_error,
                                    "from-import-* object has no __dict__ and no __all__");
                return NULL;
            }
            all = ft_list_new_ref(0);
            Ft_ssize pos = 0;
            FtObject *key, *value;
            while (all != NULL && ft_dict_check(dict) && ft_dict_next(dict, &pos, &key, &value)) {
                if (ft_list_append(all, key) < 0) {
                    ft_decref(all);
                    all = NULL;
                }
            }
            ft_decref(dict);
            if (all == NULL)
                return NULL;
        }
        FtObject *it = ft_object_get_iter_ref(all);
        ft_decref(all);
        if (it == NULL)
            return NULL;
        int err = 0;
        for (;;) {
            FtObject *name = NULL;
            int r = ft_iter_next_ref(it, &name);
            if (r <= 0) {
                err = r;
                break;
            }
            if (!ft_str_check(name)) {
                ft_error_format(&ft_exc_type_error, "%s in %U.%s must be str, not %.100s",
                                from_all ? "Item" : "Key", ft_str_intern_cstr_ref("module"),
                                from_all ? "__all__" : "__dict__", name->ob_type->tp_name);
                ft_decref(name);
                err = -1;
                break;
            }
            if (!from_all && ft_str_length(name) > 0 && ft_str_read_char(name, 0) == '_') {
                ft_decref(name);
                continue;
            }
            FtObject *value = ft_object_get_attr_ref(v, name);
            if (value == NULL) {
                ft_decref(name);
                err = -1;
                break;
            }
            err = ft_eval_op_store_name(frame, name, value);
            ft_decref(value);
            ft_decref(name);
            if (err < 0)
                break;
        }
        ft_decref(it);
        return err < 0 ? NULL : ft_none_ref();
    }
    case FT_INTRINSIC_STOPITERATION_ERROR: {
        // v is the exception escaping a generator's frame: StopIteration becomes RuntimeError.
        // TODO(#4): the generator / coroutine / async generator wording once generators exist.
        if (ft_type_is_subtype(v->ob_type, &ft_exc_stop_iteration)) {
            ft_error_set_string(&ft_exc_runtime_error, "generator raised StopIteration");
            FtObject *exc = ft_error_fetch_ref();
            ft_exception_set_cause_steal(exc, ft_new_ref(v));
            ft_exception_set_context_steal(exc, ft_new_ref(v));
            return exc;
        }
        return ft_new_ref(v);
    }
    case FT_INTRINSIC_UNARY_POSITIVE:
        return ft_number_positive_ref(v);
    case FT_INTRINSIC_LIST_TO_TUPLE:
        return ft_list_as_tuple_ref(v);
    default:
        // TODO(#4): the typing intrinsics (TypeVar, ParamSpec, Generic, type aliases) and async
        // generator wrapping.
        (void)ts;
        return ft_error_format(&ft_exc_not_implemented_error, "intrinsic %d is not implemented yet",
                               which);
    }
}

FtObject *
ft_eval_op_intrinsic2(int which, FtObject *v2, FtObject *v1)
{
    (void)v2;
    (void)v1;
    // TODO(#4): PREP_RERAISE_STAR (except*) and the typing intrinsics.
    return ft_error_format(&ft_exc_not_implemented_error, "intrinsic2 %d is not implemented yet",
                           which);
}

bool
ft_eval_op_match_kind(FtObject *subject, bool mapping)
{
    // TODO(#4): Py_TPFLAGS_MAPPING / SEQUENCE, inherited and set by collections.abc registration.
    if (mapping)
        return ft_dict_check(subject);
    return ft_list_check(subject) || ft_tuple_check(subject) ||
           ft_type_is_subtype(subject->ob_type, &ft_range_type);
}

FtObject *
ft_eval_op_match_keys(FtObject *subject, FtObject *keys)
{
    Ft_ssize n = ft_tuple_size(keys);
    if (n == 0)
        return ft_tuple_new_ref(0);
    FtObject *get = ft_object_get_attr_cstr_ref(subject, "get");
    if (get == NULL)
        return NULL;
    // A fresh object no mapping can hold stands for "missing" in get(key, dummy).
    FtObject *dummy = ft_list_new_ref(0);
    FtObject *seen = ft_set_new_ref(NULL);
    FtObject *values = ft_tuple_new_ref(n);
    FtObject *res = NULL;
    if (dummy == NULL || seen == NULL || values == NULL)
        goto done;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *key = ft_tuple_get_item_borrow(keys, i);
        int dup = ft_set_contains(seen, key);
        if (dup < 0 || (dup == 0 && ft_set_add(seen, key) < 0))
            goto done;
        if (dup > 0) {
            ft_error_format(&ft_exc_value_error, "mapping pattern checks duplicate key (%R)", key);
            goto done;
        }
        FtObject *args[2] = {key, dummy};
        FtObject *v = ft_object_vectorcall_ref(get, args, 2, NULL);
        if (v == NULL)
            goto done;
        if (v == dummy) {
            ft_decref(v);
            res = ft_none_ref();
            goto done;
        }
        ft_tuple_set_item_steal_unlocked(values, i, v);
    }
    res = ft_new_ref(values);
done:
    ft_xdecref(values);
    ft_xdecref(seen);
    ft_xdecref(dummy);
    ft_decref(get);
    return res;
}

// getattr(subject, name) for a class pattern: 1 found, 0 missing (AttributeError cleared), -1.
static int
match_attr(FtObject *subject, FtObject *name, FtObject *seen, FtObject *type, FtObject **value)
{
    int dup = ft_set_contains(seen, name);
    if (dup < 0 || (dup == 0 && ft_set_add(seen, name) < 0))
        return -1;
    if (dup > 0) {
        ft_error_format(&ft_exc_type_error, "%s() got multiple sub-patterns for attribute %R",
                        ((FtTypeObject *)type)->tp_name, name);
        return -1;
    }
    return ft_object_lookup_attr(subject, name, value);
}

FtObject *
ft_eval_op_match_class(FtObject *subject, FtObject *type, int nargs, FtObject *names)
{
    if (!ft_type_check(type)) {
        ft_error_set_string(&ft_exc_type_error, "called match pattern must be a class");
        return NULL;
    }
    int inst = ft_object_is_instance(subject, type);
    if (inst <= 0)
        return inst < 0 ? NULL : ft_none_ref();
    FtTypeObject *tp = (FtTypeObject *)type;
    Ft_ssize nkw = ft_tuple_size(names);
    FtObject *match_args = NULL;
    bool match_self = false;
    if (nargs > 0) {
        if (ft_object_lookup_attr(type, ft_str_intern_cstr_ref("__match_args__"), &match_args) < 0)
            return NULL;
        if (match_args == NULL) {
            // Built-in types whose single positional sub-pattern matches the subject itself.
            FtTypeObject *self_types[] = {&ft_bool_type, &ft_bytes_type, &ft_dict_type,
                                          &ft_float_type, &ft_frozenset_type, &ft_int_type,
                                          &ft_list_type, &ft_set_type, &ft_str_type, &ft_tuple_type};
            for (size_t i = 0; i < sizeof(self_types) / sizeof(self_types[0]); i++)
                if (ft_type_is_subtype(tp, self_types[i]))
                    match_self = true;
            match_args = ft_tuple_new_ref(0);
            if (match_args == NULL)
                return NULL;
        } else if (!ft_tuple_check(match_args)) {
            ft_error_format(&ft_exc_type_error, "%s.__match_args__ must be a tuple (got %s)",
                            tp->tp_name, match_args->ob_type->tp_name);
            ft_decref(match_args);
            return NULL;
        }
        Ft_ssize allowed = match_self ? 1 : ft_tuple_size(match_args);
        if (nargs > allowed) {
            ft_error_format(&ft_exc_type_error, "%s() accepts %zd positional sub-pattern%s (%d given)",
                            tp->tp_name, allowed, allowed == 1 ? "" : "s", nargs);
            ft_decref(match_args);
            return NULL;
        }
    }
    FtObject *seen = ft_set_new_ref(NULL);
    FtObject *attrs = ft_tuple_new_ref(nargs + nkw);
    FtObject *res = NULL;
    if (seen == NULL || attrs == NULL)
        goto done;
    for (int i = 0; i < nargs; i++) {
        FtObject *v = NULL;
        if (match_self) {
            v = ft_new_ref(subject);
        } else {
            FtObject *name = ft_tuple_get_item_borrow(match_args, i);
            if (!ft_str_check(name)) {
                ft_error_format(&ft_exc_type_error, "__match_args__ elements must be strings (got %s)",
                                name->ob_type->tp_name);
                goto done;
            }
            int r = match_attr(subject, name, seen, type, &v);
            if (r < 0)
                goto done;
            if (r == 0) {
                res = ft_none_ref();
                goto done;
            }
        }
        ft_tuple_set_item_steal_unlocked(attrs, i, v);
    }
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *v = NULL;
        int r = match_attr(subject, ft_tuple_get_item_borrow(names, k), seen, type, &v);
        if (r < 0)
            goto done;
        if (r == 0) {
            res = ft_none_ref();
            goto done;
        }
        ft_tuple_set_item_steal_unlocked(attrs, nargs + k, v);
    }
    res = ft_new_ref(attrs);
done:
    ft_xdecref(attrs);
    ft_xdecref(seen);
    ft_xdecref(match_args);
    return res;
}

FtObject *
ft_eval_op_import_name(FtFrame *frame, FtObject *name, FtObject *fromlist, FtObject *level)
{
    FtObject *import = ft_eval_op_load_builtin(frame, "__import__");
    if (import == NULL) {
        if (ft_error_matches(&ft_exc_name_error)) {
            ft_error_clear();
            ft_error_set_string(&ft_exc_import_error, "__import__ not found");
        }
        return NULL;
    }
    FtObject *locals = frame->f_locals != NULL ? frame->f_locals : FT_NONE;
    FtObject *args[5] = {name, frame->f_globals, locals, fromlist, level};
    FtObject *res = ft_object_vectorcall_ref(import, args, 5, NULL);
    ft_decref(import);
    return res;
}

FtObject *
ft_eval_op_import_from(FtThreadState *ts, FtObject *module, FtObject *name)
{
    FtObject *res = NULL;
    if (ft_object_lookup_attr(module, name, &res) != 0)
        return res;
    // A submodule not yet bound as an attribute (circular imports): sys.modules["pkg.name"].
    FtObject *pkgname = NULL;
    if (ft_object_lookup_attr(module, ft_str_intern_cstr_ref("__name__"), &pkgname) < 0)
        return NULL;
    if (pkgname != NULL && ft_str_check(pkgname) && ts->interp->modules_dict != NULL) {
        FtObject *full = ft_str_from_format_ref("%U.%U", pkgname, name);
        if (full == NULL) {
            ft_decref(pkgname);
            return NULL;
        }
        int r = mapping_lookup(ts->interp->modules_dict, full, &res);
        ft_decref(full);
        if (r != 0) {
            ft_decref(pkgname);
            return res;
        }
    }
    FtObject *shown = pkgname != NULL && ft_str_check(pkgname)
                          ? ft_new_ref(pkgname)
                          : ft_str_from_cstr_ref("<unknown module name>");
    ft_xdecref(pkgname);
    if (shown == NULL)
        return NULL;
    FtObject *path = NULL;
    if (ft_module_check(module) &&
        ft_object_lookup_attr(module, ft_str_intern_cstr_ref("__file__"), &path) < 0)
        ft_error_clear();
    if (path != NULL && ft_str_check(path))
        ft_error_format(&ft_exc_import_error, "cannot import name %R from %R (%S)", name, shown, path);
    else
        ft_error_format(&ft_exc_import_error, "cannot import name %R from %R (unknown location)",
                        name, shown);
    FtObject *exc = ft_error_occurred_borrow();
    if (exc != NULL && ft_type_is_subtype(exc->ob_type, &ft_exc_import_error)) {
        FtImportErrorObject *ie = (FtImportErrorObject *)exc;
        FtObject *old_name = ie->name, *old_from = ie->name_from, *old_path = ie->path;
        ie->name = ft_new_ref(shown);
        ie->name_from = ft_new_ref(name);
        ie->path = path != NULL ? ft_new_ref(path) : ft_none_ref();
        ft_xdecref(old_name);
        ft_xdecref(old_from);
        ft_xdecref(old_path);
    }
    ft_xdecref(path);
    ft_decref(shown);
    return NULL;
}

void
ft_eval_chain_context(FtThreadState *ts, FtObject *exc)
{
    FtObject *handled = ts->eval->exc_info;
    if (handled == NULL || handled == exc || !ft_exception_check(exc))
        return;
    // Break a cycle the new link would close: if exc is already in handled's context chain, cut
    // the chain just before it (Floyd's tortoise/hare bounds the walk on a pre-existing cycle).
    FtObject *o = handled, *slow = handled;
    bool slow_step = false;
    for (;;) {
        FtObject *ctx = ft_exception_get_context_ref(o);
        if (ctx == NULL)
            break;
        if (ctx == exc) {
            ft_decref(ctx);
            ft_exception_set_context_steal(o, NULL);
            break;
        }
        ft_decref(ctx);
        o = ctx;   // still referenced by its parent's __context__
        if (o == slow)
            break;
        if (slow_step) {
            FtObject *s = ft_exception_get_context_ref(slow);
            if (s == NULL)
                break;
            ft_decref(s);
            slow = s;
        }
        slow_step = !slow_step;
    }
    ft_exception_set_context_steal(exc, ft_new_ref(handled));
}

// A new exception instance for raise's operand: a class is instantiated, an instance used as is.
static FtObject *
make_exception(FtObject *v, bool for_cause)
{
    if (ft_type_check(v) && ft_exception_type_check((FtTypeObject *)v)) {
        FtObject *inst = ft_object_call_no_args_ref(v);
        if (inst == NULL)
            return NULL;
        if (!ft_exception_check(inst)) {
            ft_error_format(&ft_exc_type_error,
                            "calling %R should have returned an instance of BaseException, not %s",
                            v, inst->ob_type->tp_name);
            ft_decref(inst);
            return NULL;
        }
        return inst;
    }
    if (ft_exception_check(v))
        return ft_new_ref(v);
    if (for_cause)
        ft_error_set_string(&ft_exc_type_error,
                            "exception causes must derive from BaseException");
    else
        ft_error_set_string(&ft_exc_type_error, "exceptions must derive from BaseException");
    return NULL;
}

void
ft_eval_op_raise(FtThreadState *ts, FtObject *exc, FtObject *cause)
{
    if (exc == NULL) {
        FtObject *handled = ts->eval->exc_info;
        if (handled == NULL) {
            ft_error_set_string(&ft_exc_runtime_error, "No active exception to reraise");
            return;
        }
        ft_error_restore_steal(ft_new_ref(handled));
        return;
    }
    FtObject *value = make_exception(exc, false);
    if (value == NULL) {
        ft_eval_chain_context(ts, ft_error_occurred_borrow());
        return;
    }
    if (cause != NULL) {
        FtObject *c = NULL;
        if (cause != FT_NONE) {
            c = make_exception(cause, true);
            if (c == NULL) {
                ft_decref(value);
                ft_eval_chain_context(ts, ft_error_occurred_borrow());
                return;
            }
        }
        ft_exception_set_cause_steal(value, c);
    }
    ft_eval_chain_context(ts, value);
    ft_error_restore_steal(value);
}

int
ft_eval_op_check_exc_match(FtObject *exc, FtObject *match)
{
    bool ok = true;
    if (ft_tuple_check(match)) {
        for (Ft_ssize i = 0; i < ft_tuple_size(match); i++) {
            FtObject *t = ft_tuple_get_item_borrow(match, i);
            if (!ft_type_check(t) || !ft_exception_type_check((FtTypeObject *)t))
                ok = false;
        }
    } else if (!ft_type_check(match) || !ft_exception_type_check((FtTypeObject *)match)) {
        ok = false;
    }
    if (!ok) {
        ft_error_set_string(&ft_exc_type_error,
                            "catching classes that do not inherit from BaseException is not allowed");
        return -1;
    }
    return ft_error_given_matches(exc, match) ? 1 : 0;
}

FtObject *
ft_eval_op_swap_exc_info(FtThreadState *ts, FtObject *exc)
{
    FtObject *prev = ts->eval->exc_info;
    ts->eval->exc_info = exc;
    return prev;
}

FtObject *
ft_eval_op_with_except_start(FtObject *exit_func, FtObject *exit_self, FtObject *val)
{
    FtObject *tb = NULL;
    if (ft_object_lookup_attr(val, ft_str_intern_cstr_ref("__traceback__"), &tb) < 0)
        return NULL;
    FtObject *args[4] = {exit_self, (FtObject *)val->ob_type, val, tb != NULL ? tb : FT_NONE};
    FtObject *res;
    if (exit_self != NULL)
        res = ft_object_vectorcall_ref(exit_func, args, 4, NULL);
    else
        res = ft_object_vectorcall_ref(exit_func, args + 1, 3, NULL);
    ft_xdecref(tb);
    return res;
}

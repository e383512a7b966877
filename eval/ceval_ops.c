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
#include <stdint.h>   // int64_t INT64_MIN
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
#include "objects/method_def.h"              // FtCFunctionObject FT_METH_ANY_KEYWORD_KEYS
#include "objects/module.h"                  // ft_module_check
#include "objects/object.h"                  // ft_object_*
#include "objects/set.h"                     // ft_set_*
#include "objects/slice.h"                   // ft_slice_new_ref
#include "objects/str.h"                     // ft_str_*
#include "objects/tuple.h"                   // ft_tuple_*
#include "objects/type.h"                    // ft_type_lookup_borrow ft_type_check
#include "objects/typevar.h"                 // ft_typing_intrinsic1_ref ft_typing_intrinsic2_ref
#include "runtime/object_lock.h"             // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "sync/atomic.h"                     // ft_atomic_load_ptr_acquire

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

// BINARY_OP on two exact floats: the result float_add/sub/mul/truediv would compute, or NULL (no
// exception set) when the generic protocol must run (division by zero raises there).
static inline FtObject *
binary_float_fast(int op, double a, double b)
{
    switch (op) {
    case FT_NB_ADD:
    case FT_NB_INPLACE_ADD: return ft_float_from_double_ref(a + b);
    case FT_NB_SUBTRACT:
    case FT_NB_INPLACE_SUBTRACT: return ft_float_from_double_ref(a - b);
    case FT_NB_MULTIPLY:
    case FT_NB_INPLACE_MULTIPLY: return ft_float_from_double_ref(a * b);
    case FT_NB_TRUE_DIVIDE:
    case FT_NB_INPLACE_TRUE_DIVIDE: return b != 0.0 ? ft_float_from_double_ref(a / b) : NULL;
    default: return NULL;
    }
}

// BINARY_OP on two exact ints that fit int64_t: the exact result when it fits int64_t too, else NULL
// (no exception set) for the generic protocol (big results, division by zero, other operators).
static inline FtObject *
binary_int_fast(int op, int64_t a, int64_t b)
{
    int64_t v;
    switch (op) {
    case FT_NB_ADD:
    case FT_NB_INPLACE_ADD:
        return __builtin_add_overflow(a, b, &v) ? NULL : ft_int_from_int64_ref(v);
    case FT_NB_SUBTRACT:
    case FT_NB_INPLACE_SUBTRACT:
        return __builtin_sub_overflow(a, b, &v) ? NULL : ft_int_from_int64_ref(v);
    case FT_NB_MULTIPLY:
    case FT_NB_INPLACE_MULTIPLY:
        return __builtin_mul_overflow(a, b, &v) ? NULL : ft_int_from_int64_ref(v);
    case FT_NB_FLOOR_DIVIDE:
    case FT_NB_INPLACE_FLOOR_DIVIDE:
        if (b == 0 || (a == INT64_MIN && b == -1))
            return NULL;
        v = a / b;
        if (a % b != 0 && ((a < 0) != (b < 0)))
            v--;   // round toward negative infinity
        return ft_int_from_int64_ref(v);
    case FT_NB_REMAINDER:
    case FT_NB_INPLACE_REMAINDER:
        if (b == 0 || (a == INT64_MIN && b == -1))
            return NULL;
        v = a % b;
        if (v != 0 && ((v < 0) != (b < 0)))
            v += b;   // the sign of the divisor
        return ft_int_from_int64_ref(v);
    case FT_NB_AND:
    case FT_NB_INPLACE_AND: return ft_int_from_int64_ref(a & b);
    case FT_NB_OR:
    case FT_NB_INPLACE_OR: return ft_int_from_int64_ref(a | b);
    case FT_NB_XOR:
    case FT_NB_INPLACE_XOR: return ft_int_from_int64_ref(a ^ b);
    default: return NULL;
    }
}

// container[index] for an exact list or tuple and an exact int index that fits int64_t; NULL with
// *handled false when the generic path must run. List items are read lock-free (objects/list.h).
static inline FtObject *
subscr_fast(FtObject *container, FtObject *index, bool *handled)
{
    const FtBigInt *bi = ft_int_value_borrow(index);
    if (bi->big != NULL)
        return NULL;
    int64_t i = bi->small;
    if (ft_list_check_exact(container)) {
        if (i < 0)
            i += ft_list_size(container);
        if (i < 0)
            return NULL;   // the generic path raises IndexError
        *handled = true;
        return ft_list_get_item_ref(container, i);
    }
    Ft_ssize n = ft_tuple_size(container);
    if (i < 0)
        i += n;
    if (i < 0 || i >= n)
        return NULL;
    *handled = true;
    return ft_new_ref(ft_tuple_get_item_borrow(container, i));
}

static inline int
compare_result(int op, int c)
{
    switch (op) {
    case FT_LT: return c < 0;
    case FT_LE: return c <= 0;
    case FT_EQ: return c == 0;
    case FT_NE: return c != 0;
    case FT_GT: return c > 0;
    case FT_GE: return c >= 0;
    default: return -1;
    }
}

int
ft_eval_op_store_subscr(FtObject *container, FtObject *sub, FtObject *v)
{
    if (container->ob_type == &ft_list_type && sub->ob_type == &ft_int_type) {
        const FtBigInt *bi = ft_int_value_borrow(sub);
        if (bi->big == NULL) {
            int64_t i = bi->small;
            if (i < 0)
                i += ft_list_size(container);
            if (i >= 0)   // ft_list_set_item_steal checks the upper bound under the list's lock
                return ft_list_set_item_steal(container, i, ft_new_ref(v));
        }
    }
    return ft_object_set_item(container, sub, v);
}

int
ft_eval_op_compare_fast(int op, FtObject *l, FtObject *r)
{
    if (l->ob_type != r->ob_type)
        return -1;
    if (l->ob_type == &ft_float_type) {
        double a = ft_float_value(l), b = ft_float_value(r);
        switch (op) {
        case FT_LT: return a < b;
        case FT_LE: return a <= b;
        case FT_EQ: return a == b;
        case FT_NE: return a != b;
        case FT_GT: return a > b;
        case FT_GE: return a >= b;
        default: return -1;
        }
    }
    if (l->ob_type == &ft_int_type) {
        const FtBigInt *a = ft_int_value_borrow(l);
        const FtBigInt *b = ft_int_value_borrow(r);
        if (a->big != NULL || b->big != NULL)
            return -1;
        return compare_result(op, (a->small > b->small) - (a->small < b->small));
    }
    return -1;
}

FtObject *
ft_eval_op_binary(int op, FtObject *l, FtObject *r)
{
    if (l->ob_type == r->ob_type) {
        if (l->ob_type == &ft_float_type) {
            FtObject *res = binary_float_fast(op, ft_float_value(l), ft_float_value(r));
            if (res != NULL)
                return res;
        } else if (l->ob_type == &ft_int_type) {
            const FtBigInt *a = ft_int_value_borrow(l);
            const FtBigInt *b = ft_int_value_borrow(r);
            if (a->big == NULL && b->big == NULL) {
                FtObject *res = binary_int_fast(op, a->small, b->small);
                if (res != NULL)
                    return res;
            }
        }
    } else if ((l->ob_type == &ft_float_type && r->ob_type == &ft_int_type) ||
               (l->ob_type == &ft_int_type && r->ob_type == &ft_float_type)) {
        // float with int: float's methods convert the int with correct rounding, which is what
        // the C conversion of an int64_t does (round to nearest even).
        const FtBigInt *i = ft_int_value_borrow(l->ob_type == &ft_int_type ? l : r);
        if (i->big == NULL) {
            double a = l->ob_type == &ft_float_type ? ft_float_value(l) : (double)i->small;
            double b = r->ob_type == &ft_float_type ? ft_float_value(r) : (double)i->small;
            FtObject *res = binary_float_fast(op, a, b);
            if (res != NULL)
                return res;
        }
    } else if (op == FT_NB_SUBSCR && r->ob_type == &ft_int_type &&
               (l->ob_type == &ft_list_type || l->ob_type == &ft_tuple_type)) {
        bool handled = false;
        FtObject *res = subscr_fast(l, r, &handled);
        if (handled)
            return res;
    }
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

int
ft_eval_op_load_global_stackref(FtFrame *frame, FtObject *name, FtStackRef *res)
{
    int r = ft_dict_get_item_stackref(frame->f_globals, name, res);
    if (r == 0) {
        if (ft_dict_check(frame->f_builtins)) {
            r = ft_dict_get_item_stackref(frame->f_builtins, name, res);
        } else {
            FtObject *v = NULL;
            r = mapping_lookup(frame->f_builtins, name, &v);
            if (r > 0)
                *res = ft_stackref_from_ref_steal(v);
        }
    }
    if (r == 0)
        raise_name_error(&ft_exc_name_error, "name '%.200U' is not defined", name);
    return r > 0 ? 0 : -1;
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

// The instance dict of owner (dp == ft_object_dict_ptr(owner)) with a new reference, or NULL if it
// has none yet; never sets an exception. One lock-free attempt first: the dict lives in type-stable
// allocator memory, so ft_try_incref_compare's protocol applies (a dict that `o.__dict__ = d` has
// replaced fails the re-check); then the owner's critical section that objects/type.h prescribes.
static FtObject *
instance_dict_ref(FtObject *owner, FtObject **dp)
{
    // acquire: pairs with the release store that published the dict.
    FtObject *dict = ft_atomic_load_ptr_acquire((void *const *)dp);
    if (dict == NULL || ft_try_incref_compare(dp, dict))
        return dict;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(owner);
    // acquire: as above.
    dict = ft_atomic_load_ptr_acquire((void *const *)dp);
    if (dict != NULL)
        ft_incref(dict);
    FT_END_CRITICAL_SECTION_OBJECT();
    return dict;
}

FtObject *
ft_eval_op_load_attr(FtObject *owner, FtObject *name)
{
    FtTypeObject *tp = owner->ob_type;
    if (tp->tp_getattro != ft_object_generic_get_attr_ref)
        return ft_object_get_attr_ref(owner, name);
    // ft_object_generic_get_attr_ref's order, with the lock-free instance dict read; anything
    // unusual (a data descriptor, no dict, a miss) goes to the generic function itself.
    FtObject *descr = ft_type_lookup_ref(tp, name);
    if (descr != NULL && descr->ob_type->tp_descr_set != NULL && descr->ob_type->tp_descr_get != NULL) {
        ft_decref(descr);
        return ft_object_get_attr_ref(owner, name);
    }
    FtObject **dp = ft_object_dict_ptr(owner);
    FtObject *dict = dp != NULL ? instance_dict_ref(owner, dp) : NULL;
    if (dict != NULL) {
        FtObject *found = NULL;
        int r = ft_dict_get_item_ref(dict, name, &found);
        ft_decref(dict);
        if (r != 0) {
            ft_xdecref(descr);
            return found;   // NULL on error
        }
    }
    if (descr == NULL)
        return ft_object_get_attr_ref(owner, name);   // raises the exact AttributeError
    FtObject *res;
    FtDescrGetFunc get = descr->ob_type->tp_descr_get;
    if (get != NULL)
        res = get(descr, owner, (FtObject *)tp);
    else
        res = ft_new_ref(descr);
    ft_decref(descr);
    return res;
}

int
ft_eval_op_store_attr(FtObject *owner, FtObject *name, FtObject *v)
{
    FtTypeObject *tp = owner->ob_type;
    if (tp->tp_setattro == ft_object_generic_set_attr) {
        // ft_object_generic_set_attr's order with the lock-free instance dict read; a data
        // descriptor, no dict yet, or no dict slot go to the generic function itself.
        FtObject **dp = ft_object_dict_ptr(owner);
        FtObject *descr = dp != NULL ? ft_type_lookup_ref(tp, name) : NULL;
        if (dp != NULL && (descr == NULL || descr->ob_type->tp_descr_set == NULL)) {
            FtObject *dict = instance_dict_ref(owner, dp);
            if (dict != NULL) {
                int r = ft_dict_set_item(dict, name, v);
                ft_decref(dict);
                ft_xdecref(descr);
                return r;
            }
        }
        ft_xdecref(descr);
    }
    return ft_object_set_attr(owner, name, v);
}

int
ft_eval_op_get_method(FtObject *owner, FtObject *name, FtObject **meth)
{
    FtTypeObject *tp = owner->ob_type;
    if (tp->tp_getattro == ft_object_generic_get_attr_ref) {
        // As the generic lookup, but a plain function found on the type is returned unbound (1)
        // unless the instance dict shadows it: no bound method is created for the call. A method
        // descriptor is never a data descriptor, so the instance dict is the only thing to check.
        FtObject *descr = ft_type_lookup_ref(tp, name);
        if (descr != NULL && ft_type_has_flag(descr->ob_type, FT_TPFLAGS_METHOD_DESCRIPTOR)) {
            FtObject **dp = ft_object_dict_ptr(owner);
            FtObject *dict = dp != NULL ? instance_dict_ref(owner, dp) : NULL;
            if (dict != NULL) {
                FtObject *found = NULL;
                int r = ft_dict_get_item_ref(dict, name, &found);
                ft_decref(dict);
                if (r != 0) {
                    ft_decref(descr);
                    *meth = found;
                    return r > 0 ? 0 : -1;
                }
            }
            *meth = descr;
            return 1;
        }
        ft_xdecref(descr);
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
    // Exact tuples and lists of the right length are copied directly: no iterator, and never an
    // exception raised and cleared at the end. A list is read inside its critical section so the
    // length and the items form one snapshot; every other case takes the generic path below,
    // which produces the exact errors.
    if (after < 0 && v->ob_type == &ft_tuple_type) {
        if (ft_tuple_size(v) == before) {
            for (int k = 0; k < before; k++)
                out[before - 1 - k] = ft_stackref_from_borrow(ft_tuple_get_item_borrow(v, k));
            return 0;
        }
    } else if (after < 0 && ft_list_check_exact(v)) {
        bool done = false;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(v);
        FtListObject *list = (FtListObject *)v;
        if (((FtVarObject *)v)->ob_size == before) {
            for (int k = 0; k < before; k++)
                out[before - 1 - k] = ft_stackref_from_borrow(list->ob_item[k]);
            done = true;
        }
        FT_END_CRITICAL_SECTION_OBJECT();
        if (done)
            return 0;
    }
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

// True for a bound built-in method flagged FT_METH_ANY_KEYWORD_KEYS (str.format).
static bool
passes_any_keyword_keys(FtObject *func)
{
    if (ft_object_type(func) != &ft_cfunction_type)
        return false;
    FtCFunctionObject *f = (FtCFunctionObject *)func;
    return f->self != NULL && ft_object_type(f->self) != &ft_module_type &&
           (f->def->flags & FT_METH_ANY_KEYWORD_KEYS) != 0;
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
        bool drop_non_str = passes_any_keyword_keys(func);
        Ft_ssize pos = 0, k = 0, seen = 0;
        FtObject *key, *value;
        while (seen < nkw && ft_dict_next(kwargs, &pos, &key, &value)) {
            seen++;
            if (!ft_str_check(key)) {
                if (drop_non_str)
                    continue;
                ft_error_set_string(&ft_exc_type_error, "keywords must be strings");
                goto done;
            }
            ft_decref(ft_tuple_get_item_borrow(kwnames, k));
            ft_tuple_set_item_steal_unlocked(kwnames, k, ft_new_ref(key));
            // The dict is the caller's own fresh copy: its values outlive the call.
            argv[nargs + k] = value;
            k++;
        }
        if (seen != nkw) {
            ft_error_set_string(&ft_exc_runtime_error, "dictionary changed size during iteration");
            goto done;
        }
        if (k < nkw) {
            // Keys were dropped: the names tuple holds exactly the k kept.
            FtObject *kept = k > 0 ? ft_tuple_new_ref(k) : NULL;
            if (k > 0 && kept == NULL)
                goto done;
            for (Ft_ssize i = 0; i < k; i++)
                ft_tuple_set_item_steal_unlocked(kept, i, ft_new_ref(ft_tuple_get_item_borrow(kwnames, i)));
            ft_decref(kwnames);
            kwnames = kept;
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
    case 3: return ft_str_ascii_ref(v);   // `!a`: repr with the non-ASCII code points escaped
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
        // (The instruction body sends coroutines and async generators to
        // ft_coro_stopiteration_error_ref, which has their wording.)
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
    case FT_INTRINSIC_TYPEVAR:
    case FT_INTRINSIC_PARAMSPEC:
    case FT_INTRINSIC_TYPEVARTUPLE:
    case FT_INTRINSIC_SUBSCRIPT_GENERIC:
    case FT_INTRINSIC_TYPEALIAS:
        return ft_typing_intrinsic1_ref(which, v);
    default:
        // ASYNC_GEN_WRAP is handled by the instruction body; INTRINSIC_1_INVALID never appears.
        (void)ts;
        return ft_error_format(&ft_exc_system_error, "invalid intrinsic function %d", which);
    }
}

FtObject *
ft_eval_op_intrinsic2(int which, FtObject *v2, FtObject *v1)
{
    // PREP_RERAISE_STAR is handled by the instruction body; the rest are the typing intrinsics
    // (TypeVar bounds and constraints, function type parameters, type-parameter defaults).
    return ft_typing_intrinsic2_ref(which, v2, v1);
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

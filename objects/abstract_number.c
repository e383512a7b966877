// objects/abstract_number.c: the operator dispatch of the number protocol (CPython's
// Objects/abstract.c: binary_op1, binary_iop1, ternary_op, PyNumber_Index and the unary
// operators). A slot is named by its byte offset in FtNumberMethods, so one routine serves every
// operator. Also the two messages the numeric types share: the DeprecationWarning for a conversion
// dunder returning a subclass, and the unknown-keyword TypeError with its "Did you mean".
//
// Invariant: a slot returning FT_NOT_IMPLEMENTED means "try the other operand"; only after every
// candidate slot declined does the caller see TypeError.
//
// Concurrency: nothing here locks or keeps state; it reads immutable type slots (static types are
// readied before a second thread exists) and calls slots, which lock their own objects.
//
// Missing (TODO(#4)): the "Did you mean print(<message>, file=<output_stream>)" hint of >> with
// print.
#include <stddef.h>   // offsetof
#include <stdio.h>    // snprintf

#include "objects/abstract_number.h"

#include "objects/error.h"    // ft_error_* ft_exc_*
#include "objects/int.h"      // ft_int_check ft_int_value_borrow ft_int_from_bigint_steal
#include "objects/list.h"     // ft_list_new_ref ft_list_append
#include "objects/object.h"   // FT_NOT_IMPLEMENTED FT_NONE
#include "objects/str.h"      // ft_str_from_cstr_ref
#include "objects/type.h"     // ft_type_is_subtype
#include "objects/warnings.h" // ft_warn

#define NB_SLOT(name) offsetof(FtNumberMethods, name)

static FtBinaryFunc
binary_slot(FtTypeObject *type, size_t offset)
{
    FtNumberMethods *nb = type->tp_as_number;
    if (nb == NULL)
        return NULL;
    return *(FtBinaryFunc *)((char *)nb + offset);
}

static FtTernaryFunc
ternary_slot(FtTypeObject *type)
{
    FtNumberMethods *nb = type->tp_as_number;
    return nb == NULL ? NULL : nb->nb_power;
}

// v op w by the slots of both types, or a borrowed FT_NOT_IMPLEMENTED if both declined.
static FtObject *
binary_op1(FtObject *v, FtObject *w, size_t offset)
{
    FtBinaryFunc slotv = binary_slot(v->ob_type, offset);
    FtBinaryFunc slotw = NULL;
    if (w->ob_type != v->ob_type) {
        slotw = binary_slot(w->ob_type, offset);
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv != NULL) {
        if (slotw != NULL && ft_type_is_subtype(w->ob_type, v->ob_type)) {
            FtObject *x = slotw(v, w);
            if (x != FT_NOT_IMPLEMENTED)
                return x;
            slotw = NULL;
        }
        FtObject *x = slotv(v, w);
        if (x != FT_NOT_IMPLEMENTED)
            return x;
    }
    if (slotw != NULL)
        return slotw(v, w);
    return FT_NOT_IMPLEMENTED;
}

static FtObject *
binop_type_error(FtObject *v, FtObject *w, const char *op_name)
{
    return ft_error_format(&ft_exc_type_error,
                           "unsupported operand type(s) for %.100s: '%.100s' and '%.100s'", op_name,
                           v->ob_type->tp_name, w->ob_type->tp_name);
}

static FtObject *
binary_op(FtObject *v, FtObject *w, size_t offset, const char *op_name)
{
    FtObject *r = binary_op1(v, w, offset);
    if (r == FT_NOT_IMPLEMENTED)
        return binop_type_error(v, w, op_name);
    return r;
}

// v op= w: v's in-place slot, then binary_op1.
static FtObject *
binary_iop1(FtObject *v, FtObject *w, size_t ioffset, size_t offset)
{
    FtBinaryFunc slot = binary_slot(v->ob_type, ioffset);
    if (slot != NULL) {
        FtObject *x = slot(v, w);
        if (x != FT_NOT_IMPLEMENTED)
            return x;
    }
    return binary_op1(v, w, offset);
}

static FtObject *
binary_iop(FtObject *v, FtObject *w, size_t ioffset, size_t offset, const char *op_name)
{
    FtObject *r = binary_iop1(v, w, ioffset, offset);
    if (r == FT_NOT_IMPLEMENTED)
        return binop_type_error(v, w, op_name);
    return r;
}

// pow(v, w, z) through nb_power of v, w, then z; slot is the in-place slot of v or NULL.
static FtObject *
ternary_op(FtObject *v, FtObject *w, FtObject *z, FtTernaryFunc islot, const char *op_name)
{
    if (islot != NULL) {
        FtObject *x = islot(v, w, z);
        if (x != FT_NOT_IMPLEMENTED)
            return x;
    }
    FtTernaryFunc slotv = ternary_slot(v->ob_type);
    FtTernaryFunc slotw = NULL;
    if (w->ob_type != v->ob_type) {
        slotw = ternary_slot(w->ob_type);
        if (slotw == slotv)
            slotw = NULL;
    }
    if (slotv != NULL) {
        if (slotw != NULL && ft_type_is_subtype(w->ob_type, v->ob_type)) {
            FtObject *x = slotw(v, w, z);
            if (x != FT_NOT_IMPLEMENTED)
                return x;
            slotw = NULL;
        }
        FtObject *x = slotv(v, w, z);
        if (x != FT_NOT_IMPLEMENTED)
            return x;
    }
    if (slotw != NULL) {
        FtObject *x = slotw(v, w, z);
        if (x != FT_NOT_IMPLEMENTED)
            return x;
    }
    FtTernaryFunc slotz = ternary_slot(z->ob_type);
    if (slotz != NULL && slotz != slotv && slotz != slotw) {
        FtObject *x = slotz(v, w, z);
        if (x != FT_NOT_IMPLEMENTED)
            return x;
    }
    if (z == FT_NONE)
        return binop_type_error(v, w, op_name);
    return ft_error_format(&ft_exc_type_error,
                           "unsupported operand type(s) for %.100s: '%.100s', '%.100s', '%.100s'",
                           op_name, v->ob_type->tp_name, w->ob_type->tp_name, z->ob_type->tp_name);
}

// seq * n for a sequence with sq_repeat (CPython's sequence_repeat).
static FtObject *
sequence_repeat(FtSsizeArgFunc repeat, FtObject *seq, FtObject *n)
{
    FtNumberMethods *nb = n->ob_type->tp_as_number;
    if (nb == NULL || nb->nb_index == NULL)
        return ft_error_format(&ft_exc_type_error, "can't multiply sequence by non-int of type "
                               "'%.200s'", n->ob_type->tp_name);
    Ft_ssize count = ft_number_as_ssize(n, &ft_exc_overflow_error);
    if (count == -1 && ft_error_occurred())
        return NULL;
    return repeat(seq, count);
}

/* --- Binary operators --- */

FtObject *
ft_number_subtract_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_subtract), "-");
}

FtObject *
ft_number_matrix_multiply_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_matrix_multiply), "@");
}

FtObject *
ft_number_floor_divide_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_floor_divide), "//");
}

FtObject *
ft_number_true_divide_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_true_divide), "/");
}

FtObject *
ft_number_remainder_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_remainder), "%");
}

FtObject *
ft_number_divmod_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_divmod), "divmod()");
}

FtObject *
ft_number_lshift_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_lshift), "<<");
}

FtObject *
ft_number_rshift_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_rshift), ">>");
}

FtObject *
ft_number_and_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_and), "&");
}

FtObject *
ft_number_xor_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_xor), "^");
}

FtObject *
ft_number_or_ref(FtObject *v, FtObject *w)
{
    return binary_op(v, w, NB_SLOT(nb_or), "|");
}

FtObject *
ft_number_add_ref(FtObject *v, FtObject *w)
{
    FtObject *r = binary_op1(v, w, NB_SLOT(nb_add));
    if (r != FT_NOT_IMPLEMENTED)
        return r;
    FtSequenceMethods *sq = v->ob_type->tp_as_sequence;
    if (sq != NULL && sq->sq_concat != NULL)
        return sq->sq_concat(v, w);
    return binop_type_error(v, w, "+");
}

FtObject *
ft_number_multiply_ref(FtObject *v, FtObject *w)
{
    FtObject *r = binary_op1(v, w, NB_SLOT(nb_multiply));
    if (r != FT_NOT_IMPLEMENTED)
        return r;
    FtSequenceMethods *sv = v->ob_type->tp_as_sequence;
    FtSequenceMethods *sw = w->ob_type->tp_as_sequence;
    if (sv != NULL && sv->sq_repeat != NULL)
        return sequence_repeat(sv->sq_repeat, v, w);
    if (sw != NULL && sw->sq_repeat != NULL)
        return sequence_repeat(sw->sq_repeat, w, v);
    return binop_type_error(v, w, "*");
}

FtObject *
ft_number_power_ref(FtObject *v, FtObject *w, FtObject *z)
{
    return ternary_op(v, w, z, NULL, "** or pow()");
}

/* --- In-place operators --- */

FtObject *
ft_number_inplace_subtract_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_subtract), NB_SLOT(nb_subtract), "-=");
}

FtObject *
ft_number_inplace_matrix_multiply_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_matrix_multiply), NB_SLOT(nb_matrix_multiply), "@=");
}

FtObject *
ft_number_inplace_floor_divide_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_floor_divide), NB_SLOT(nb_floor_divide), "//=");
}

FtObject *
ft_number_inplace_true_divide_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_true_divide), NB_SLOT(nb_true_divide), "/=");
}

FtObject *
ft_number_inplace_remainder_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_remainder), NB_SLOT(nb_remainder), "%=");
}

FtObject *
ft_number_inplace_lshift_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_lshift), NB_SLOT(nb_lshift), "<<=");
}

FtObject *
ft_number_inplace_rshift_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_rshift), NB_SLOT(nb_rshift), ">>=");
}

FtObject *
ft_number_inplace_and_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_and), NB_SLOT(nb_and), "&=");
}

FtObject *
ft_number_inplace_xor_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_xor), NB_SLOT(nb_xor), "^=");
}

FtObject *
ft_number_inplace_or_ref(FtObject *v, FtObject *w)
{
    return binary_iop(v, w, NB_SLOT(nb_inplace_or), NB_SLOT(nb_or), "|=");
}

FtObject *
ft_number_inplace_add_ref(FtObject *v, FtObject *w)
{
    FtObject *r = binary_iop1(v, w, NB_SLOT(nb_inplace_add), NB_SLOT(nb_add));
    if (r != FT_NOT_IMPLEMENTED)
        return r;
    FtSequenceMethods *sq = v->ob_type->tp_as_sequence;
    if (sq != NULL && sq->sq_inplace_concat != NULL)
        return sq->sq_inplace_concat(v, w);
    if (sq != NULL && sq->sq_concat != NULL)
        return sq->sq_concat(v, w);
    return binop_type_error(v, w, "+=");
}

FtObject *
ft_number_inplace_multiply_ref(FtObject *v, FtObject *w)
{
    FtObject *r = binary_iop1(v, w, NB_SLOT(nb_inplace_multiply), NB_SLOT(nb_multiply));
    if (r != FT_NOT_IMPLEMENTED)
        return r;
    FtSequenceMethods *sv = v->ob_type->tp_as_sequence;
    FtSequenceMethods *sw = w->ob_type->tp_as_sequence;
    if (sv != NULL && sv->sq_inplace_repeat != NULL)
        return sequence_repeat(sv->sq_inplace_repeat, v, w);
    if (sv != NULL && sv->sq_repeat != NULL)
        return sequence_repeat(sv->sq_repeat, v, w);
    if (sw != NULL && sw->sq_repeat != NULL)
        return sequence_repeat(sw->sq_repeat, w, v);
    return binop_type_error(v, w, "*=");
}

FtObject *
ft_number_inplace_power_ref(FtObject *v, FtObject *w, FtObject *z)
{
    FtNumberMethods *nb = v->ob_type->tp_as_number;
    return ternary_op(v, w, z, nb == NULL ? NULL : nb->nb_inplace_power, "**=");
}

/* --- Unary operators --- */

static FtObject *
unary_op(FtObject *v, size_t offset, const char *what)
{
    FtNumberMethods *nb = v->ob_type->tp_as_number;
    if (nb != NULL) {
        FtUnaryFunc fn = *(FtUnaryFunc *)((char *)nb + offset);
        if (fn != NULL)
            return fn(v);
    }
    return ft_error_format(&ft_exc_type_error, "bad operand type for %s: '%.200s'", what,
                           v->ob_type->tp_name);
}

FtObject *
ft_number_negative_ref(FtObject *v)
{
    return unary_op(v, NB_SLOT(nb_negative), "unary -");
}

FtObject *
ft_number_positive_ref(FtObject *v)
{
    return unary_op(v, NB_SLOT(nb_positive), "unary +");
}

FtObject *
ft_number_absolute_ref(FtObject *v)
{
    return unary_op(v, NB_SLOT(nb_absolute), "abs()");
}

FtObject *
ft_number_invert_ref(FtObject *v)
{
    return unary_op(v, NB_SLOT(nb_invert), "unary ~");
}

/* --- Index --- */

// An exact int with the value of the int (or int subclass instance) i, stealing i.
static FtObject *
exact_int_steal(FtObject *i)
{
    if (ft_int_check_exact(i))
        return i;
    FtBigInt copy;
    ft_bigint_copy(&copy, ft_int_value_borrow(i));
    ft_decref(i);
    return ft_int_from_bigint_steal(&copy);
}

FtObject *
ft_number_index_ref(FtObject *v)
{
    if (ft_int_check(v))
        return exact_int_steal(ft_new_ref(v));
    FtNumberMethods *nb = v->ob_type->tp_as_number;
    if (nb == NULL || nb->nb_index == NULL)
        return ft_error_format(&ft_exc_type_error,
                               "'%.200s' object cannot be interpreted as an integer",
                               v->ob_type->tp_name);
    FtObject *r = nb->nb_index(v);
    if (r == NULL)
        return NULL;
    if (ft_int_check_exact(r))
        return r;
    if (ft_int_check(r)) {
        if (ft_number_warn_subclass_result("__index__", r, "int") < 0) {
            ft_decref(r);
            return NULL;
        }
        return exact_int_steal(r);
    }
    ft_error_format(&ft_exc_type_error, "__index__ returned non-int (type %.200s)",
                    r->ob_type->tp_name);
    ft_decref(r);
    return NULL;
}

Ft_ssize
ft_number_as_ssize(FtObject *v, FtTypeObject *overflow_exc)
{
    FtObject *i = ft_number_index_ref(v);
    if (i == NULL)
        return -1;
    int64_t r;
    const FtBigInt *value = ft_int_value_borrow(i);
    if (!ft_bigint_to_int64(value, &r)) {
        int negative = ft_bigint_sign(value) < 0;
        ft_decref(i);
        if (overflow_exc == NULL)
            return negative ? INT64_MIN : INT64_MAX;
        ft_error_format(overflow_exc, "cannot fit '%.200s' into an index-sized integer",
                        v->ob_type->tp_name);
        return -1;
    }
    ft_decref(i);
    return (Ft_ssize)r;
}

int
ft_number_warn_subclass_result(const char *method, FtObject *result, const char *base_name)
{
    char message[400];
    snprintf(message, sizeof message,
             "%s returned non-%s (type %.200s).  The ability to return an instance of a strict "
             "subclass of %s is deprecated, and may be removed in a future version of Python.",
             method, base_name, result->ob_type->tp_name, base_name);
    return ft_warn(&ft_exc_deprecation_warning, message, 1);
}

void
ft_number_raise_unexpected_keyword(const char *fname, FtObject *key,
                                   const char *const *names)
{
    FtObject *candidates = ft_list_new_ref(0);
    if (candidates == NULL)
        return;
    for (int i = 0; names[i] != NULL; i++) {
        FtObject *name = ft_str_from_cstr_ref(names[i]);
        int r = name == NULL ? -1 : ft_list_append(candidates, name);
        ft_xdecref(name);
        if (r < 0) {
            ft_decref(candidates);
            return;
        }
    }
    FtObject *best = ft_error_closest_name_ref(candidates, key);
    ft_decref(candidates);
    if (best == NULL) {
        ft_error_format(&ft_exc_type_error, "%s() got an unexpected keyword argument '%U'", fname,
                        key);
        return;
    }
    ft_error_format(&ft_exc_type_error,
                    "%s() got an unexpected keyword argument '%U'. Did you mean '%U'?", fname, key,
                    best);
    ft_decref(best);
}

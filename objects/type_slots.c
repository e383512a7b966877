// objects/type_slots.c: the C slots of heap types that call Python-level special methods
// (CPython's Objects/typeobject.c: slotdefs, update_one_slot, fixup_slot_dispatchers,
// update_slot, and the slot_* functions: SLOT1BINFULL's reflected-operand rules, slot_tp_getattr_hook,
// slot_tp_init, slot_tp_new, slot_sq_length ...).
//
// For every slot, the table below lists the dunders that feed it. A heap type's slot is:
//   * NULL when no dunder of the slot is found in its MRO (or __hash__ is None);
//   * the C function itself when every dunder found is the slot wrapper of a static type T (the
//     slot T defines) or T's builtin __new__;
//   * otherwise the generic function here, which looks the dunder up again at each call.
// Invariant: after type_new and after each assignment to a dunder, every slot of a heap type (and
// of its subclasses) is what the rule above gives for the current dicts.
//
// Concurrency: the generic functions hold no lock; they look dunders up with new references
// (ft_type_lookup_ref) and call them. New slot values are computed with the world running, then
// written with the world stopped (runtime/stop_the_world.h), because every thread reads slots
// without synchronization.
#include <stddef.h>   // offsetof
#include <stdlib.h>   // malloc realloc free
#include <string.h>   // memcpy strcmp

#include "objects/type.h"

#include "objects/abstract.h"      // ft_number_index_ref ft_number_as_ssize
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/int.h"           // ft_int_* FT_TRUE FT_FALSE
#include "objects/method_def.h"    // ft_wrapper_descr_type
#include "objects/object.h"        // ft_object_* FT_NOT_IMPLEMENTED
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/stop_the_world.h"  // ft_stop_the_world ft_start_the_world
#include "runtime/thread_state.h"  // ft_thread_state_current

enum { TABLE_TP, TABLE_NB, TABLE_SQ, TABLE_MP, TABLE_AM };

typedef void (*GenericSlot)(void);

typedef struct SlotEntry {
    const char *name;
    int table;            // TABLE_*
    size_t offset;        // of the slot in its table
    GenericSlot generic;  // the function that calls the dunder
} SlotEntry;

/* --- Calling special methods --- */

FtObject *
ft_type_call_special_ref(FtObject *self, FtObject *name, FtObject *const *args, Ft_ssize nargs,
                         FtObject *kwnames, int *found)
{
    FtTypeObject *type = self->ob_type;
    FtObject *f = ft_type_lookup_ref(type, name);
    *found = f != NULL;
    if (f == NULL)
        return NULL;
    FtObject *res;
    FtDescrGetFunc get = f->ob_type->tp_descr_get;
    if (get != NULL) {
        FtObject *bound = get(f, self, (FtObject *)type);
        res = bound != NULL ? ft_object_vectorcall_ref(bound, args, (size_t)nargs, kwnames) : NULL;
        ft_xdecref(bound);
    } else {
        res = ft_object_vectorcall_ref(f, args, (size_t)nargs, kwnames);
    }
    ft_decref(f);
    return res;
}

// self.name(*args), NotImplemented (borrowed, immortal) when the type has no such attribute.
static FtObject *
call_maybe(FtObject *self, const char *name, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *key = ft_str_intern_cstr_ref(name);
    if (key == NULL)
        return NULL;
    int found;
    FtObject *res = ft_type_call_special_ref(self, key, args, nargs, NULL, &found);
    ft_decref(key);
    return found ? res : FT_NOT_IMPLEMENTED;
}

// self.name(*args); AttributeError when the type has no such attribute (a slot outliving the
// dunder it was set for, briefly, during a concurrent deletion).
static FtObject *
call_method(FtObject *self, const char *name, FtObject *const *args, Ft_ssize nargs,
            FtObject *kwnames)
{
    FtObject *key = ft_str_intern_cstr_ref(name);
    if (key == NULL)
        return NULL;
    int found;
    FtObject *res = ft_type_call_special_ref(self, key, args, nargs, kwnames, &found);
    if (!found)
        ft_error_format(&ft_exc_attribute_error, "'%.100s' object has no attribute '%U'",
                        self->ob_type->tp_name, key);
    ft_decref(key);
    return res;
}

// True when the attribute name resolves to None on type (e.g. __iter__ = None).
static bool
is_none_attr(FtTypeObject *type, const char *name)
{
    FtObject *key = ft_str_intern_cstr_ref(name);
    if (key == NULL) {
        ft_error_clear();
        return false;
    }
    FtObject *v = ft_type_lookup_ref(type, key);
    ft_decref(key);
    bool none = v == FT_NONE;
    ft_xdecref(v);
    return none;
}

/* --- Generic slots: tp_* --- */

// tp_finalize from a class's __del__, run by ft_object_dealloc on a temporary reference. Nobody can
// catch what __del__ raises: it is reported as CPython 3.14 does, "Exception ignored while calling
// deallocator <function A.__del__ at 0x...>:" and the traceback.
static void
slot_tp_finalize(FtObject *self)
{
    FtObject *key = ft_str_intern_cstr_ref("__del__");
    if (key == NULL) {
        ft_error_clear();
        return;
    }
    int found;
    FtObject *res = ft_type_call_special_ref(self, key, NULL, 0, NULL, &found);
    if (res == NULL && found) {
        // The message names the method: look it up again, with the exception put aside.
        FtObject *exc = ft_error_fetch_ref();
        FtObject *del = ft_type_lookup_ref(self->ob_type, key);
        FtObject *msg = ft_str_from_format_ref("Exception ignored while calling deallocator %R",
                                               del != NULL ? del : FT_NONE);
        ft_xdecref(del);
        ft_error_restore_steal(exc);
        if (msg == NULL)
            ft_error_clear();
        else
            ft_error_write_unraisable(msg, NULL);
        ft_xdecref(msg);
    }
    ft_xdecref(res);
    ft_decref(key);
}

static FtObject *
slot_tp_repr(FtObject *self)
{
    return call_method(self, "__repr__", NULL, 0, NULL);
}

static FtObject *
slot_tp_str(FtObject *self)
{
    return call_method(self, "__str__", NULL, 0, NULL);
}

static Ft_hash
slot_tp_hash(FtObject *self)
{
    if (is_none_attr(self->ob_type, "__hash__")) {
        ft_error_format(&ft_exc_type_error, "unhashable type: '%.200s'", self->ob_type->tp_name);
        return -1;
    }
    FtObject *res = call_method(self, "__hash__", NULL, 0, NULL);
    if (res == NULL)
        return -1;
    if (!ft_int_check(res)) {
        ft_decref(res);
        ft_error_format(&ft_exc_type_error, "__hash__ method should return an integer");
        return -1;
    }
    // An in-range value is the hash itself (-1 becomes -2); a larger one hashes as an int.
    Ft_ssize h = ft_number_as_ssize(res, &ft_exc_overflow_error);
    if (h == -1 && ft_error_occurred()) {
        ft_error_clear();
        h = ft_object_hash(res);
    }
    ft_decref(res);
    return h == -1 ? -2 : h;
}

static FtObject *
slot_tp_call(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return call_method(self, "__call__", args, ft_vectorcall_nargs(nargsf), kwnames);
}

static const char *const richcmp_names[] = {"__lt__", "__le__", "__eq__", "__ne__", "__gt__",
                                            "__ge__"};

static FtObject *
slot_tp_richcompare(FtObject *self, FtObject *other, int op)
{
    return call_maybe(self, richcmp_names[op], &other, 1);
}

static bool
is_object_getattribute(FtObject *descr)
{
    FtObject *key = ft_str_intern_cstr_ref("__getattribute__");
    if (key == NULL) {
        ft_error_clear();
        return false;
    }
    bool same = ft_type_dict_get_borrow(&ft_base_object_type, key) == descr;
    ft_decref(key);
    return same;
}

// __getattribute__, then __getattr__ on AttributeError.
static FtObject *
slot_tp_getattr_hook(FtObject *self, FtObject *name)
{
    FtTypeObject *type = self->ob_type;
    FtObject *ga_key = ft_str_intern_cstr_ref("__getattr__");
    FtObject *gab_key = ft_str_intern_cstr_ref("__getattribute__");
    FtObject *res = NULL;
    if (ga_key == NULL || gab_key == NULL)
        goto done;
    FtObject *getattribute = ft_type_lookup_ref(type, gab_key);
    if (getattribute == NULL || is_object_getattribute(getattribute)) {
        res = ft_object_generic_get_attr_ref(self, name);
    } else {
        int found;
        res = ft_type_call_special_ref(self, gab_key, &name, 1, NULL, &found);
    }
    ft_xdecref(getattribute);
    if (res == NULL && ft_error_matches(&ft_exc_attribute_error)) {
        FtObject *getattr = ft_type_lookup_ref(type, ga_key);
        if (getattr != NULL) {
            ft_decref(getattr);
            ft_error_clear();
            int found;
            res = ft_type_call_special_ref(self, ga_key, &name, 1, NULL, &found);
        }
    }
done:
    ft_xdecref(ga_key);
    ft_xdecref(gab_key);
    return res;
}

static int
slot_tp_setattro(FtObject *self, FtObject *name, FtObject *value)
{
    FtObject *args[2] = {name, value};
    FtObject *res = value != NULL ? call_method(self, "__setattr__", args, 2, NULL)
                                  : call_method(self, "__delattr__", args, 1, NULL);
    if (res == NULL)
        return -1;
    ft_decref(res);
    return 0;
}

bool
ft_type_setattro_is_python(FtSetAttroFunc setattro)
{
    return setattro == slot_tp_setattro;
}

static FtObject *
slot_tp_iter(FtObject *self)
{
    if (is_none_attr(self->ob_type, "__iter__"))
        return ft_error_format(&ft_exc_type_error, "'%.200s' object is not iterable",
                               self->ob_type->tp_name);
    return call_method(self, "__iter__", NULL, 0, NULL);
}

static FtObject *
slot_tp_iternext(FtObject *self)
{
    return call_method(self, "__next__", NULL, 0, NULL);
}

static FtObject *
slot_tp_descr_get(FtObject *self, FtObject *obj, FtObject *type)
{
    FtObject *args[2] = {obj != NULL ? obj : FT_NONE, type != NULL ? type : FT_NONE};
    return call_method(self, "__get__", args, 2, NULL);
}

static int
slot_tp_descr_set(FtObject *self, FtObject *obj, FtObject *value)
{
    FtObject *args[2] = {obj, value};
    FtObject *res = value != NULL ? call_method(self, "__set__", args, 2, NULL)
                                  : call_method(self, "__delete__", args, 1, NULL);
    if (res == NULL)
        return -1;
    ft_decref(res);
    return 0;
}

static int
slot_tp_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtObject *res = call_method(self, "__init__", args, ft_vectorcall_nargs(nargsf), kwnames);
    if (res == NULL)
        return -1;
    if (res != FT_NONE) {
        ft_error_format(&ft_exc_type_error, "__init__() should return None, not '%.200s'",
                        res->ob_type->tp_name);
        ft_decref(res);
        return -1;
    }
    return 0;
}

// type.__new__(type, *args, **kwds) through the attribute (a staticmethod unwraps to the function).
static FtObject *
slot_tp_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtObject *func = ft_object_get_attr_cstr_ref((FtObject *)type, "__new__");
    if (func == NULL)
        return NULL;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize total = nargs + (kwnames != NULL ? ft_tuple_size(kwnames) : 0);
    FtObject **stack = malloc(sizeof(FtObject *) * (size_t)(total + 1));
    FtObject *res = NULL;
    if (stack == NULL) {
        ft_error_no_memory();
    } else {
        stack[0] = (FtObject *)type;
        if (total > 0)
            memcpy(stack + 1, args, sizeof(FtObject *) * (size_t)total);
        res = ft_object_vectorcall_ref(func, stack, (size_t)(nargs + 1), kwnames);
        free(stack);
    }
    ft_decref(func);
    return res;
}

/* --- Generic slots: number, sequence, mapping, async --- */

static FtBinaryFunc
nb_slot(FtTypeObject *type, size_t offset)
{
    if (type->tp_as_number == NULL)
        return NULL;
    FtBinaryFunc f;
    memcpy(&f, (char *)type->tp_as_number + offset, sizeof f);
    return f;
}

// True when type_r's attribute name differs from type_l's (the right operand overrides it).
static bool
method_is_overloaded(FtTypeObject *type_l, FtTypeObject *type_r, const char *name)
{
    FtObject *key = ft_str_intern_cstr_ref(name);
    if (key == NULL) {
        ft_error_clear();
        return false;
    }
    FtObject *l = ft_type_lookup_ref(type_l, key), *r = ft_type_lookup_ref(type_r, key);
    ft_decref(key);
    bool overloaded = r != NULL && r != l;
    ft_xdecref(l);
    ft_xdecref(r);
    return overloaded;
}

// self <op> other for a slot shared by __op__ and __rop__ (CPython's SLOT1BINFULL): a right operand
// of a proper subtype that overrides __rop__ goes first.
static FtObject *
binary_dance(FtObject *self, FtObject *other, size_t offset, FtBinaryFunc me, const char *lname,
             const char *rname)
{
    FtTypeObject *ts = self->ob_type, *to = other->ob_type;
    bool do_other = ts != to && nb_slot(to, offset) == me;
    if (nb_slot(ts, offset) == me) {
        if (do_other && ft_type_is_subtype(to, ts) && method_is_overloaded(ts, to, rname)) {
            FtObject *r = call_maybe(other, rname, &self, 1);
            if (r != FT_NOT_IMPLEMENTED)
                return r;
            do_other = false;
        }
        FtObject *r = call_maybe(self, lname, &other, 1);
        if (r != FT_NOT_IMPLEMENTED || to == ts)
            return r;
    }
    if (do_other)
        return call_maybe(other, rname, &self, 1);
    return FT_NOT_IMPLEMENTED;
}

// One generic function per binary number slot (token pasting: the name and the slot are one fact).
#define SLOT_BINARY(slot, lname, rname)                                                        \
    static FtObject *slot_##slot(FtObject *self, FtObject *other)                           \
    {                                                                                        \
        return binary_dance(self, other, offsetof(FtNumberMethods, slot), slot_##slot, lname, \
                            rname);                                                          \
    }
SLOT_BINARY(nb_add, "__add__", "__radd__")
SLOT_BINARY(nb_subtract, "__sub__", "__rsub__")
SLOT_BINARY(nb_multiply, "__mul__", "__rmul__")
SLOT_BINARY(nb_remainder, "__mod__", "__rmod__")
SLOT_BINARY(nb_divmod, "__divmod__", "__rdivmod__")
SLOT_BINARY(nb_lshift, "__lshift__", "__rlshift__")
SLOT_BINARY(nb_rshift, "__rshift__", "__rrshift__")
SLOT_BINARY(nb_and, "__and__", "__rand__")
SLOT_BINARY(nb_xor, "__xor__", "__rxor__")
SLOT_BINARY(nb_or, "__or__", "__ror__")
SLOT_BINARY(nb_floor_divide, "__floordiv__", "__rfloordiv__")
SLOT_BINARY(nb_true_divide, "__truediv__", "__rtruediv__")
SLOT_BINARY(nb_matrix_multiply, "__matmul__", "__rmatmul__")
#undef SLOT_BINARY

static FtObject *slot_nb_power_binary(FtObject *self, FtObject *other);

static FtObject *
slot_nb_power(FtObject *self, FtObject *other, FtObject *mod)
{
    if (mod == FT_NONE)
        return slot_nb_power_binary(self, other);
    // Since 3.14 three-argument pow() also tries other.__rpow__(self, mod), in the order of the
    // binary operators (slot_nb_power_binary).
    FtTypeObject *ts = self->ob_type, *to = other->ob_type;
    FtTernaryFunc tso = ts->tp_as_number != NULL ? ts->tp_as_number->nb_power : NULL;
    FtTernaryFunc too = to->tp_as_number != NULL ? to->tp_as_number->nb_power : NULL;
    bool do_other = ts != to && too == slot_nb_power;
    FtObject *rargs[2] = {self, mod};
    if (tso == slot_nb_power) {
        if (do_other && ft_type_is_subtype(to, ts) && method_is_overloaded(ts, to, "__rpow__")) {
            FtObject *r = call_maybe(other, "__rpow__", rargs, 2);
            if (r != FT_NOT_IMPLEMENTED)
                return r;
            do_other = false;
        }
        FtObject *args[2] = {other, mod};
        FtObject *r = call_maybe(self, "__pow__", args, 2);
        if (r != FT_NOT_IMPLEMENTED || to == ts)
            return r;
    }
    if (do_other)
        return call_maybe(other, "__rpow__", rargs, 2);
    return FT_NOT_IMPLEMENTED;
}

// The binary half of pow: nb_power is ternary, so the dance compares against slot_nb_power through
// a table of its own.
static FtObject *
slot_nb_power_binary(FtObject *self, FtObject *other)
{
    FtTypeObject *ts = self->ob_type, *to = other->ob_type;
    FtTernaryFunc tso = ts->tp_as_number != NULL ? ts->tp_as_number->nb_power : NULL;
    FtTernaryFunc too = to->tp_as_number != NULL ? to->tp_as_number->nb_power : NULL;
    bool do_other = ts != to && too == slot_nb_power;
    if (tso == slot_nb_power) {
        if (do_other && ft_type_is_subtype(to, ts) && method_is_overloaded(ts, to, "__rpow__")) {
            FtObject *r = call_maybe(other, "__rpow__", &self, 1);
            if (r != FT_NOT_IMPLEMENTED)
                return r;
            do_other = false;
        }
        FtObject *r = call_maybe(self, "__pow__", &other, 1);
        if (r != FT_NOT_IMPLEMENTED || to == ts)
            return r;
    }
    if (do_other)
        return call_maybe(other, "__rpow__", &self, 1);
    return FT_NOT_IMPLEMENTED;
}

#define SLOT_INPLACE(slot, name)                                  \
    static FtObject *slot_##slot(FtObject *self, FtObject *other) \
    {                                                             \
        return call_maybe(self, name, &other, 1);                 \
    }
SLOT_INPLACE(nb_inplace_add, "__iadd__")
SLOT_INPLACE(nb_inplace_subtract, "__isub__")
SLOT_INPLACE(nb_inplace_multiply, "__imul__")
SLOT_INPLACE(nb_inplace_remainder, "__imod__")
SLOT_INPLACE(nb_inplace_lshift, "__ilshift__")
SLOT_INPLACE(nb_inplace_rshift, "__irshift__")
SLOT_INPLACE(nb_inplace_and, "__iand__")
SLOT_INPLACE(nb_inplace_xor, "__ixor__")
SLOT_INPLACE(nb_inplace_or, "__ior__")
SLOT_INPLACE(nb_inplace_floor_divide, "__ifloordiv__")
SLOT_INPLACE(nb_inplace_true_divide, "__itruediv__")
SLOT_INPLACE(nb_inplace_matrix_multiply, "__imatmul__")
#undef SLOT_INPLACE

static FtObject *
slot_nb_inplace_power(FtObject *self, FtObject *other, FtObject *mod)
{
    return call_maybe(self, "__ipow__", &other, 1);
}

#define SLOT_UNARY(fn, name)             \
    static FtObject *fn(FtObject *self) \
    {                                    \
        return call_method(self, name, NULL, 0, NULL); \
    }
SLOT_UNARY(slot_nb_negative, "__neg__")
SLOT_UNARY(slot_nb_positive, "__pos__")
SLOT_UNARY(slot_nb_absolute, "__abs__")
SLOT_UNARY(slot_nb_invert, "__invert__")
SLOT_UNARY(slot_nb_int, "__int__")
SLOT_UNARY(slot_nb_float, "__float__")
SLOT_UNARY(slot_nb_index, "__index__")
SLOT_UNARY(slot_am_await, "__await__")
SLOT_UNARY(slot_am_aiter, "__aiter__")
SLOT_UNARY(slot_am_anext, "__anext__")
#undef SLOT_UNARY

static int
slot_nb_bool(FtObject *self)
{
    FtObject *res = call_method(self, "__bool__", NULL, 0, NULL);
    if (res == NULL) {
        // __bool__ = None blocks truth testing; checked only on failure to keep the call fast.
        if (is_none_attr(self->ob_type, "__bool__")) {
            ft_error_clear();
            ft_error_format(&ft_exc_type_error, "'%.200s' cannot be interpreted as a boolean",
                            self->ob_type->tp_name);
        }
        return -1;
    }
    if (res != FT_TRUE && res != FT_FALSE) {
        ft_error_format(&ft_exc_type_error, "__bool__ should return bool, returned %.200s",
                        res->ob_type->tp_name);
        ft_decref(res);
        return -1;
    }
    return res == FT_TRUE;
}

static Ft_ssize
slot_length(FtObject *self)
{
    FtObject *res = call_method(self, "__len__", NULL, 0, NULL);
    if (res == NULL)
        return -1;
    FtObject *index = ft_number_index_ref(res);
    ft_decref(res);
    if (index == NULL)
        return -1;
    FtObject *zero = ft_int_from_int64_ref(0);
    int negative = zero != NULL ? ft_object_rich_compare_bool(index, zero, FT_LT) : -1;
    ft_xdecref(zero);
    Ft_ssize n = -1;
    if (negative > 0)
        ft_error_format(&ft_exc_value_error, "__len__() should return >= 0");
    else if (negative == 0)
        n = ft_number_as_ssize(index, &ft_exc_overflow_error);
    ft_decref(index);
    return n;
}

static FtObject *
slot_mp_subscript(FtObject *self, FtObject *key)
{
    return call_method(self, "__getitem__", &key, 1, NULL);
}

static int
slot_mp_ass_subscript(FtObject *self, FtObject *key, FtObject *value)
{
    FtObject *args[2] = {key, value};
    FtObject *res = value != NULL ? call_method(self, "__setitem__", args, 2, NULL)
                                  : call_method(self, "__delitem__", args, 1, NULL);
    if (res == NULL)
        return -1;
    ft_decref(res);
    return 0;
}

static FtObject *
slot_sq_item(FtObject *self, Ft_ssize i)
{
    FtObject *key = ft_int_from_int64_ref(i);
    if (key == NULL)
        return NULL;
    FtObject *res = call_method(self, "__getitem__", &key, 1, NULL);
    ft_decref(key);
    return res;
}

static int
slot_sq_ass_item(FtObject *self, Ft_ssize i, FtObject *value)
{
    FtObject *key = ft_int_from_int64_ref(i);
    if (key == NULL)
        return -1;
    int r = slot_mp_ass_subscript(self, key, value);
    ft_decref(key);
    return r;
}

static int
slot_sq_contains(FtObject *self, FtObject *value)
{
    if (is_none_attr(self->ob_type, "__contains__")) {
        ft_error_format(&ft_exc_type_error, "'%.200s' object is not a container",
                        self->ob_type->tp_name);
        return -1;
    }
    FtObject *res = call_method(self, "__contains__", &value, 1, NULL);
    if (res == NULL)
        return -1;
    int truth = ft_object_is_true(res);
    ft_decref(res);
    return truth;
}

/* --- The table --- */

#define TP(name, slot, fn) {name, TABLE_TP, offsetof(FtTypeObject, slot), (GenericSlot)(fn)}
#define NB(name, slot, fn) {name, TABLE_NB, offsetof(FtNumberMethods, slot), (GenericSlot)(fn)}
#define SQ(name, slot, fn) {name, TABLE_SQ, offsetof(FtSequenceMethods, slot), (GenericSlot)(fn)}
#define MP(name, slot, fn) {name, TABLE_MP, offsetof(FtMappingMethods, slot), (GenericSlot)(fn)}
#define AM(name, slot, fn) {name, TABLE_AM, offsetof(FtAsyncMethods, slot), (GenericSlot)(fn)}
#define BIN(lname, rname, slot) NB(lname, slot, slot_##slot), NB(rname, slot, slot_##slot)

// TODO(#4): __set_name__-time slots, __buffer__, __length_hint__.
static const SlotEntry slot_table[] = {
    TP("__del__", tp_finalize, slot_tp_finalize),
    TP("__getattribute__", tp_getattro, slot_tp_getattr_hook),
    TP("__getattr__", tp_getattro, slot_tp_getattr_hook),
    TP("__setattr__", tp_setattro, slot_tp_setattro),
    TP("__delattr__", tp_setattro, slot_tp_setattro),
    TP("__repr__", tp_repr, slot_tp_repr),
    TP("__hash__", tp_hash, slot_tp_hash),
    TP("__call__", tp_call, slot_tp_call),
    TP("__str__", tp_str, slot_tp_str),
    TP("__lt__", tp_richcompare, slot_tp_richcompare),
    TP("__le__", tp_richcompare, slot_tp_richcompare),
    TP("__eq__", tp_richcompare, slot_tp_richcompare),
    TP("__ne__", tp_richcompare, slot_tp_richcompare),
    TP("__gt__", tp_richcompare, slot_tp_richcompare),
    TP("__ge__", tp_richcompare, slot_tp_richcompare),
    TP("__iter__", tp_iter, slot_tp_iter),
    TP("__next__", tp_iternext, slot_tp_iternext),
    TP("__get__", tp_descr_get, slot_tp_descr_get),
    TP("__set__", tp_descr_set, slot_tp_descr_set),
    TP("__delete__", tp_descr_set, slot_tp_descr_set),
    TP("__init__", tp_init, slot_tp_init),
    TP("__new__", tp_new, slot_tp_new),
    AM("__await__", am_await, slot_am_await),
    AM("__aiter__", am_aiter, slot_am_aiter),
    AM("__anext__", am_anext, slot_am_anext),
    BIN("__add__", "__radd__", nb_add),
    BIN("__sub__", "__rsub__", nb_subtract),
    BIN("__mul__", "__rmul__", nb_multiply),
    BIN("__mod__", "__rmod__", nb_remainder),
    BIN("__divmod__", "__rdivmod__", nb_divmod),
    NB("__pow__", nb_power, slot_nb_power),
    NB("__rpow__", nb_power, slot_nb_power),
    NB("__neg__", nb_negative, slot_nb_negative),
    NB("__pos__", nb_positive, slot_nb_positive),
    NB("__abs__", nb_absolute, slot_nb_absolute),
    NB("__bool__", nb_bool, slot_nb_bool),
    NB("__invert__", nb_invert, slot_nb_invert),
    BIN("__lshift__", "__rlshift__", nb_lshift),
    BIN("__rshift__", "__rrshift__", nb_rshift),
    BIN("__and__", "__rand__", nb_and),
    BIN("__xor__", "__rxor__", nb_xor),
    BIN("__or__", "__ror__", nb_or),
    NB("__int__", nb_int, slot_nb_int),
    NB("__float__", nb_float, slot_nb_float),
    NB("__iadd__", nb_inplace_add, slot_nb_inplace_add),
    NB("__isub__", nb_inplace_subtract, slot_nb_inplace_subtract),
    NB("__imul__", nb_inplace_multiply, slot_nb_inplace_multiply),
    NB("__imod__", nb_inplace_remainder, slot_nb_inplace_remainder),
    NB("__ipow__", nb_inplace_power, slot_nb_inplace_power),
    NB("__ilshift__", nb_inplace_lshift, slot_nb_inplace_lshift),
    NB("__irshift__", nb_inplace_rshift, slot_nb_inplace_rshift),
    NB("__iand__", nb_inplace_and, slot_nb_inplace_and),
    NB("__ixor__", nb_inplace_xor, slot_nb_inplace_xor),
    NB("__ior__", nb_inplace_or, slot_nb_inplace_or),
    BIN("__floordiv__", "__rfloordiv__", nb_floor_divide),
    BIN("__truediv__", "__rtruediv__", nb_true_divide),
    NB("__ifloordiv__", nb_inplace_floor_divide, slot_nb_inplace_floor_divide),
    NB("__itruediv__", nb_inplace_true_divide, slot_nb_inplace_true_divide),
    NB("__index__", nb_index, slot_nb_index),
    BIN("__matmul__", "__rmatmul__", nb_matrix_multiply),
    NB("__imatmul__", nb_inplace_matrix_multiply, slot_nb_inplace_matrix_multiply),
    MP("__len__", mp_length, slot_length),
    MP("__getitem__", mp_subscript, slot_mp_subscript),
    MP("__setitem__", mp_ass_subscript, slot_mp_ass_subscript),
    MP("__delitem__", mp_ass_subscript, slot_mp_ass_subscript),
    SQ("__len__", sq_length, slot_length),
    SQ("__getitem__", sq_item, slot_sq_item),
    SQ("__setitem__", sq_ass_item, slot_sq_ass_item),
    SQ("__delitem__", sq_ass_item, slot_sq_ass_item),
    SQ("__contains__", sq_contains, slot_sq_contains),
};

#undef TP
#undef NB
#undef SQ
#undef MP
#undef AM
#undef BIN

#define SLOT_COUNT (sizeof slot_table / sizeof slot_table[0])

/* --- Choosing and writing slots --- */

static char *
slot_address(FtTypeObject *type, int table, size_t offset)
{
    char *base;
    switch (table) {
    case TABLE_TP: base = (char *)type; break;
    case TABLE_NB: base = (char *)type->tp_as_number; break;
    case TABLE_SQ: base = (char *)type->tp_as_sequence; break;
    case TABLE_MP: base = (char *)type->tp_as_mapping; break;
    default: base = (char *)type->tp_as_async; break;
    }
    return base != NULL ? base + offset : NULL;
}

static GenericSlot
slot_get(FtTypeObject *type, int table, size_t offset)
{
    char *p = slot_address(type, table, offset);
    GenericSlot s = NULL;
    if (p != NULL)
        memcpy(&s, p, sizeof s);
    return s;
}

// The static type that owns a slot wrapper (its __objclass__), borrowed, or NULL.
static FtTypeObject *
wrapper_owner(FtObject *descr)
{
    FtObject *owner = ft_object_get_attr_cstr_ref(descr, "__objclass__");
    if (owner == NULL) {
        ft_error_clear();
        return NULL;
    }
    ft_decref(owner);   // static types are immortal
    return ft_type_check(owner) ? (FtTypeObject *)owner : NULL;
}

// The value the slot at (table, offset) of type should have (the rule in the file block).
static GenericSlot
choose_slot(FtTypeObject *type, int table, size_t offset)
{
    GenericSlot generic = NULL, specific = NULL;
    bool use_generic = false, any = false;
    for (size_t i = 0; i < SLOT_COUNT; i++) {
        const SlotEntry *e = &slot_table[i];
        if (e->table != table || e->offset != offset)
            continue;
        if (generic == NULL)
            generic = e->generic;
        FtObject *key = ft_str_intern_cstr_ref(e->name);
        if (key == NULL) {
            ft_error_clear();
            continue;
        }
        FtObject *descr = ft_type_lookup_ref(type, key);
        ft_decref(key);
        if (descr == NULL)
            continue;
        any = true;
        FtNewFunc builtin_new;
        if (descr->ob_type == &ft_wrapper_descr_type) {
            FtTypeObject *owner = wrapper_owner(descr);
            GenericSlot s = owner != NULL ? slot_get(owner, table, offset) : NULL;
            if (s != NULL && (specific == NULL || specific == s))
                specific = s;
            else
                use_generic = true;
        } else if (table == TABLE_TP && offset == offsetof(FtTypeObject, tp_new) &&
                   (builtin_new = ft_type_builtin_new_of(descr)) != NULL) {
            specific = (GenericSlot)builtin_new;
        } else if (descr == FT_NONE && table == TABLE_TP &&
                   offset == offsetof(FtTypeObject, tp_hash)) {
            // __hash__ = None: unhashable, the slot stays empty.
        } else {
            use_generic = true;
        }
        ft_decref(descr);
    }
    if (!any)
        return NULL;
    if (use_generic)
        return generic;
    return specific;
}

static void
slot_set_unlocked(FtTypeObject *type, int table, size_t offset, GenericSlot value)
{
    char *p = slot_address(type, table, offset);
    if (p != NULL)
        memcpy(p, &value, sizeof value);
}

void
ft_type_fixup_slots_unlocked(FtTypeObject *type)
{
    for (size_t i = 0; i < SLOT_COUNT; i++) {
        const SlotEntry *e = &slot_table[i];
        bool first = true;
        for (size_t j = 0; j < i; j++)
            first &= !(slot_table[j].table == e->table && slot_table[j].offset == e->offset);
        if (first)
            slot_set_unlocked(type, e->table, e->offset, choose_slot(type, e->table, e->offset));
    }
}

// One pending slot store.
typedef struct SlotStore {
    FtTypeObject *type;
    int table;
    size_t offset;
    GenericSlot value;
} SlotStore;

typedef struct SlotStores {
    SlotStore *items;
    size_t n, cap;
} SlotStores;

// Appends the stores for the slots name feeds, in type and (recursively) its subclasses.
static int
collect_stores(SlotStores *acc, FtTypeObject *type, FtObject *name)
{
    for (size_t i = 0; i < SLOT_COUNT; i++) {
        const SlotEntry *e = &slot_table[i];
        if (!ft_str_equal_cstr(name, e->name))
            continue;
        if (acc->n == acc->cap) {
            size_t cap = acc->cap != 0 ? 2 * acc->cap : 8;
            SlotStore *items = realloc(acc->items, cap * sizeof *items);
            if (items == NULL) {
                ft_error_no_memory();
                return -1;
            }
            acc->items = items;
            acc->cap = cap;
        }
        acc->items[acc->n++] = (SlotStore){type, e->table, e->offset,
                                           choose_slot(type, e->table, e->offset)};
    }
    FtObject *subs = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    FtObject *list = ((FtHeapTypeObject *)type)->ht_subclasses;
    subs = list != NULL ? ft_sequence_tuple_ref(list) : NULL;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (subs == NULL)
        return ft_error_occurred() ? -1 : 0;
    int r = 0;
    for (Ft_ssize i = 0; r == 0 && i < ft_tuple_size(subs); i++)
        r = collect_stores(acc, (FtTypeObject *)ft_tuple_get_item_borrow(subs, i), name);
    ft_decref(subs);
    return r;
}

// Writes the collected slot values with the world stopped (every thread reads slots without
// synchronization) and frees the collection.
static void
publish_stores(SlotStores *acc)
{
    if (acc->n > 0) {
        FtInterp *interp = ft_thread_state_current()->interp;
        ft_stop_the_world(interp);
        for (size_t i = 0; i < acc->n; i++)
            slot_set_unlocked(acc->items[i].type, acc->items[i].table, acc->items[i].offset,
                              acc->items[i].value);
        ft_start_the_world(interp);
    }
    free(acc->items);
    acc->items = NULL;
    acc->n = 0;
}

int
ft_type_update_slot(FtTypeObject *type, FtObject *name)
{
    Ft_ssize n;
    const char *s = ft_str_as_utf8(name, &n);
    if (s == NULL)
        return -1;
    if (n < 5 || s[0] != '_' || s[1] != '_' || s[n - 1] != '_' || s[n - 2] != '_')
        return 0;
    SlotStores acc = {0};
    int r = collect_stores(&acc, type, name);
    if (r < 0)
        acc.n = 0;   // publish nothing of a failed collection
    publish_stores(&acc);
    return r;
}

int
ft_type_update_all_slots(FtTypeObject *type)
{
    SlotStores acc = {0};
    int r = 0;
    for (size_t i = 0; r == 0 && i < SLOT_COUNT; i++) {
        bool first = true;
        for (size_t j = 0; j < i; j++)
            first &= strcmp(slot_table[j].name, slot_table[i].name) != 0;
        if (!first)
            continue;
        FtObject *name = ft_str_intern_cstr_ref(slot_table[i].name);
        r = name != NULL ? collect_stores(&acc, type, name) : -1;
        ft_xdecref(name);
    }
    if (r < 0)
        acc.n = 0;   // publish nothing of a failed collection
    publish_stores(&acc);
    return r;
}

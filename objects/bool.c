// objects/bool.c: bool, the subclass of int with exactly two instances (CPython's
// Objects/boolobject.c). True and False are static immortal FtIntObjects (values 1 and 0), so every
// int slot applies to them (True + 1 is int arithmetic); bool overrides repr, the bitwise operators
// and construction.
//
// Concurrency: True and False are immutable and immortal; nothing locks.
#include "objects/int.h"

#include "objects/error.h"    // ft_error_format ft_exc_type_error
#include "objects/object.h"   // ft_object_is_true FT_OBJECT_HEAD_INIT
#include "objects/str.h"      // ft_str_intern_cstr_ref
#include "objects/type.h"     // ft_type_ready
#include "objects/warnings.h" // ft_warn

FtIntObject ft_true_object = {.ob_base = FT_OBJECT_HEAD_INIT(&ft_bool_type),
                              .value = {.small = 1, .big = NULL}};
FtIntObject ft_false_object = {.ob_base = FT_OBJECT_HEAD_INIT(&ft_bool_type),
                               .value = {.small = 0, .big = NULL}};

/* --- Slots --- */

static FtObject *
bool_repr(FtObject *op)
{
    return ft_str_intern_cstr_ref(op == FT_TRUE ? "True" : "False");
}

static FtObject *
bool_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL)
        return ft_error_format(&ft_exc_type_error, "bool() takes no keyword arguments");
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "bool expected at most 1 argument, got %zd",
                               nargs);
    int truth = nargs == 0 ? 0 : ft_object_is_true(args[0]);
    if (truth < 0)
        return NULL;
    return ft_bool_from(truth);
}

// bool op bool stays a bool; anything else is int's operator (True & 3 is 1), as CPython's.
static FtObject *
bool_and(FtObject *a, FtObject *b)
{
    if (a->ob_type != &ft_bool_type || b->ob_type != &ft_bool_type)
        return ft_int_type.tp_as_number->nb_and(a, b);
    return ft_bool_from(a == FT_TRUE && b == FT_TRUE);
}

static FtObject *
bool_or(FtObject *a, FtObject *b)
{
    if (a->ob_type != &ft_bool_type || b->ob_type != &ft_bool_type)
        return ft_int_type.tp_as_number->nb_or(a, b);
    return ft_bool_from(a == FT_TRUE || b == FT_TRUE);
}

static FtObject *
bool_xor(FtObject *a, FtObject *b)
{
    if (a->ob_type != &ft_bool_type || b->ob_type != &ft_bool_type)
        return ft_int_type.tp_as_number->nb_xor(a, b);
    return ft_bool_from(a != b);
}

/* --- Type object --- */

// The remaining number slots are inherited from int by ft_type_ready (TODO(#4): ~True's
// DeprecationWarning "Bitwise inversion '~' on bool is deprecated ..." needs the warnings module).
// ~True is int's ~1 == -2, deprecated in 3.12 with this DeprecationWarning.
static FtObject *
bool_invert(FtObject *a)
{
    if (ft_warn(&ft_exc_deprecation_warning,
                "Bitwise inversion '~' on bool is deprecated and will be removed in Python 3.16. "
                "This returns the bitwise inversion of the underlying int object and is usually not "
                "what you expect from negating a bool. Use the 'not' operator for boolean negation or "
                "~int(x) if you really want the bitwise inversion of the underlying int.",
                1) < 0)
        return NULL;
    return ft_int_type.tp_as_number->nb_invert(a);
}

static FtNumberMethods bool_as_number = {
    .nb_invert = bool_invert,
    .nb_and = bool_and,
    .nb_or = bool_or,
    .nb_xor = bool_xor,
};

FtTypeObject ft_bool_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "bool",
    .tp_basicsize = sizeof(FtIntObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE,   // not BASETYPE: bool cannot be subclassed
    .tp_repr = bool_repr,
    .tp_new = bool_new,
    .tp_base = &ft_int_type,
    .tp_as_number = &bool_as_number,
    .tp_doc = "Returns True when the argument is true, False otherwise.",
};

int
ft_bool_init_types(void)
{
    return ft_type_ready(&ft_bool_type);
}

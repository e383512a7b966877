// objects/none.c: the singletons None, NotImplemented and Ellipsis and their types (CPython's
// Objects/object.c none_* / notimplemented_*, Objects/sliceobject.c ellipsis_*).
//
// Each is a static immortal object with no fields; the types cannot be subclassed and calling one
// returns its singleton. Concurrency: immutable and immortal; nothing locks.
#include "objects/object.h"

#include "objects/error.h"   // ft_error_format ft_exc_type_error
#include "objects/int.h"     // FT_TRUE FT_FALSE
#include "objects/method_def.h"   // FtMethodDef
#include "objects/str.h"     // ft_str_intern_cstr_ref
#include "objects/type.h"    // ft_type_ready

FtObject ft_none_object = FT_OBJECT_HEAD_INIT(&ft_none_type);
FtObject ft_not_implemented_object = FT_OBJECT_HEAD_INIT(&ft_not_implemented_type);
FtObject ft_ellipsis_object = FT_OBJECT_HEAD_INIT(&ft_ellipsis_type);

/* --- Slots --- */

static FtObject *
none_repr(FtObject *op)
{
    return ft_str_intern_cstr_ref("None");
}

static int
none_bool(FtObject *op)
{
    return 0;
}

static Ft_hash
none_hash(FtObject *op)
{
    // A constant since 3.12 (checked with the oracle: `hash(None)` prints 4238894112).
    return (Ft_hash)0xFCA86420;
}

// None == x by identity (object's comparison; NoneType has its own __eq__/__ne__ slot wrappers, as
// in CPython, so None.__ne__(None) is False).
static FtObject *
none_richcompare(FtObject *self, FtObject *other, int op)
{
    if (op == FT_EQ)
        return self == other ? FT_TRUE : FT_NOT_IMPLEMENTED;
    if (op == FT_NE)
        return self == other ? FT_FALSE : FT_NOT_IMPLEMENTED;
    return FT_NOT_IMPLEMENTED;
}

// NoneType(), type(NotImplemented)(), type(...)(): the singleton; no arguments accepted.
static FtObject *
singleton_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    // The message names ellipsis by its types-module name, as CPython does.
    if (ft_vectorcall_nargs(nargsf) != 0 || kwnames != NULL)
        return ft_error_format(&ft_exc_type_error, "%s takes no arguments",
                               type == &ft_ellipsis_type ? "EllipsisType" : type->tp_name);
    if (type == &ft_none_type)
        return FT_NONE;
    return type == &ft_not_implemented_type ? FT_NOT_IMPLEMENTED : FT_ELLIPSIS;
}

static FtObject *
not_implemented_repr(FtObject *op)
{
    return ft_str_intern_cstr_ref("NotImplemented");
}

static int
not_implemented_bool(FtObject *op)
{
    ft_error_format(&ft_exc_type_error, "NotImplemented should not be used in a boolean context");
    return -1;
}

static FtObject *
ellipsis_repr(FtObject *op)
{
    return ft_str_intern_cstr_ref("Ellipsis");
}

// __reduce__ of both singletons returns the builtin's name, so pickle stores them as globals.
static FtObject *
not_implemented_reduce(FtObject *self)
{
    return ft_str_intern_cstr_ref("NotImplemented");
}

static FtObject *
ellipsis_reduce(FtObject *self)
{
    return ft_str_intern_cstr_ref("Ellipsis");
}

static const FtMethodDef not_implemented_methods[] = {
    {.name = "__reduce__", .fn.noargs = not_implemented_reduce, .flags = FT_METH_NOARGS},
    {0},
};

static const FtMethodDef ellipsis_methods[] = {
    {.name = "__reduce__", .fn.noargs = ellipsis_reduce, .flags = FT_METH_NOARGS},
    {0},
};

/* --- Type objects --- */

static FtNumberMethods none_as_number = {
    .nb_bool = none_bool,
};

static FtNumberMethods not_implemented_as_number = {
    .nb_bool = not_implemented_bool,
};

FtTypeObject ft_none_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "NoneType",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE,
    .tp_repr = none_repr,
    .tp_hash = none_hash,
    .tp_richcompare = none_richcompare,
    .tp_new = singleton_new,
    .tp_as_number = &none_as_number,
    .tp_doc = "The type of the None singleton.",
};

FtTypeObject ft_not_implemented_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "NotImplementedType",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE,
    .tp_repr = not_implemented_repr,
    .tp_new = singleton_new,
    .tp_methods = not_implemented_methods,
    .tp_as_number = &not_implemented_as_number,
    .tp_doc = "The type of the NotImplemented singleton.",
};

FtTypeObject ft_ellipsis_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "ellipsis",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE,
    .tp_repr = ellipsis_repr,
    .tp_new = singleton_new,
    .tp_methods = ellipsis_methods,
    .tp_doc = "The type of the Ellipsis singleton.",
};

int
ft_none_init_types(void)
{
    if (ft_type_ready(&ft_none_type) < 0 || ft_type_ready(&ft_not_implemented_type) < 0)
        return -1;
    return ft_type_ready(&ft_ellipsis_type);
}

// tests/unit/objects/test_type.c: ft_type_ready (inheritance, C3 MRO, the type dict from the method,
// member and getset tables), MRO lookup, descriptors and builtin methods, the type type.
// Expected texts come from the oracle; each group names the command that printed them.
#include <pthread.h>   // pthread_barrier_t
#include <stddef.h>    // offsetof
#include <string.h>    // strncmp

#include "objects_test_util.h"

#include "objects/int.h"          // ft_int_*
#include "objects/method_def.h"   // FtMethodDef ...
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_*

typedef struct {
    FtObject ob_base;
    FtObject *obj;
    int count;
    Ft_ssize size;
    char flag;
} Widget;

static void
widget_dealloc(FtObject *op)
{
    ft_xdecref(((Widget *)op)->obj);
    ft_object_free_memory(op);
}

static FtObject *
widget_noargs(FtObject *self)
{
    return ft_int_from_int64_ref(((Widget *)self)->count);
}

static FtObject *
widget_one(FtObject *self, FtObject *arg)
{
    return ft_new_ref(arg);
}

static FtObject *
widget_fast(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return ft_int_from_int64_ref(nargs);
}

static FtObject *
widget_fast_kw(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    return ft_int_from_int64_ref(nargs * 10 + (kwnames != NULL ? ft_tuple_size(kwnames) : 0));
}

static FtObject *
widget_cls(FtObject *cls)
{
    return ft_new_ref(cls);
}

static FtObject *
widget_static(FtObject *self)
{
    return ft_bool_from(self == NULL);
}

static FtObject *
widget_get_twice(FtObject *self, void *closure)
{
    return ft_int_from_int64_ref(2 * ((Widget *)self)->count);
}

static const FtMethodDef widget_methods[] = {
    {.name = "noargs", .fn.noargs = widget_noargs, .flags = FT_METH_NOARGS},
    {.name = "one", .fn.o = widget_one, .flags = FT_METH_O},
    {.name = "fast", .fn.fast = widget_fast, .flags = FT_METH_FASTCALL},
    {.name = "fast_kw", .fn.fast_kw = widget_fast_kw, .flags = FT_METH_FASTCALL | FT_METH_KEYWORDS},
    {.name = "cls", .fn.noargs = widget_cls, .flags = FT_METH_NOARGS | FT_METH_CLASS},
    {.name = "stat", .fn.noargs = widget_static, .flags = FT_METH_NOARGS | FT_METH_STATIC},
    {0},
};

static const FtMemberDef widget_members[] = {
    {.name = "obj", .type = FT_MEMBER_OBJECT, .offset = offsetof(Widget, obj)},
    {.name = "obj_ex", .type = FT_MEMBER_OBJECT_EX, .offset = offsetof(Widget, obj)},
    {.name = "count", .type = FT_MEMBER_INT, .offset = offsetof(Widget, count)},
    {.name = "size", .type = FT_MEMBER_SSIZE, .offset = offsetof(Widget, size),
     .flags = FT_MEMBER_READONLY},
    {.name = "flag", .type = FT_MEMBER_BOOL, .offset = offsetof(Widget, flag)},
    {0},
};

static const FtGetSetDef widget_getset[] = {
    {.name = "twice", .get = widget_get_twice},
    {0},
};

static FtTypeObject widget_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "Widget",
    .tp_basicsize = sizeof(Widget),
    .tp_flags = FT_TPFLAGS_BASETYPE,
    .tp_dealloc = widget_dealloc,
    .tp_methods = widget_methods,
    .tp_members = widget_members,
    .tp_getset = widget_getset,
    .tp_doc = "a test type",
};

// A subclass that defines only __eq__-like comparison: it must not inherit the hash.
static FtObject *
gadget_richcompare(FtObject *a, FtObject *b, int op)
{
    return FT_NOT_IMPLEMENTED;
}

static FtTypeObject gadget_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "mod.Gadget",
    .tp_base = &widget_type,
    .tp_richcompare = gadget_richcompare,
};

#define PLAIN_TYPE(var, name, base)                          \
    static FtTypeObject var = {                              \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0), \
        .tp_name = name,                                     \
        .tp_flags = FT_TPFLAGS_BASETYPE,                     \
        .tp_base = base,                                     \
    }
PLAIN_TYPE(type_a, "A", NULL);
PLAIN_TYPE(type_b, "B", &type_a);
PLAIN_TYPE(type_c, "C", &type_a);
PLAIN_TYPE(not_a_bool, "NotABool", &ft_bool_type);

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_type_ready(&widget_type), 0);
    CHECK_EQ_INT(ft_type_ready(&gadget_type), 0);
}

// Oracle: python3.14 -c "print(bool.__mro__, type.__mro__)"
//   (<class 'bool'>, <class 'int'>, <class 'object'>) (<class 'type'>, <class 'object'>)
TEST(builtin_mros_and_reprs)
{
    CHECK(obj_repr_is(ft_bool_type.tp_mro, "(<class 'bool'>, <class 'int'>, <class 'object'>)"));
    CHECK(obj_repr_is(ft_type_type.tp_mro, "(<class 'type'>, <class 'object'>)"));
    CHECK(obj_repr_is(ft_base_object_type.tp_mro, "(<class 'object'>,)"));
    CHECK(obj_repr_is(ft_exc_value_error.tp_mro, "(<class 'ValueError'>, <class 'Exception'>, "
                                                 "<class 'BaseException'>, <class 'object'>)"));
    CHECK(ft_type_is_subtype(&ft_bool_type, &ft_int_type));
    CHECK(!ft_type_is_subtype(&ft_int_type, &ft_bool_type));
    CHECK(ft_object_type_check(FT_TRUE, &ft_int_type));
    CHECK(ft_type_has_flag(&ft_bool_type, FT_TPFLAGS_LONG_SUBCLASS));   // inherited subclass bit
    CHECK(ft_type_has_flag(&ft_bool_type, FT_TPFLAGS_READY));
}

// Oracle: class A; class B(A); class C(A); class D(B, C) -> D.__mro__ names D B C A object
// Oracle: class X(A, B) -> TypeError Cannot create a consistent method resolution order (MRO) for
//   bases A, B
// Oracle: class Y(A, A) -> TypeError duplicate base class A
TEST(c3_linearization)
{
    CHECK_EQ_INT(ft_type_ready(&type_b), 0);
    CHECK_EQ_INT(ft_type_ready(&type_c), 0);
    FtTypeObject d = {.tp_name = "D"};
    FtObject *bases = ft_tuple_pack_ref(2, (FtObject *)&type_b, (FtObject *)&type_c);
    FtObject *mro = ft_type_mro_c3_ref(&d, bases);
    CHECK(mro != NULL && ft_tuple_size(mro) == 5);
    CHECK(ft_tuple_get_item_borrow(mro, 0) == (FtObject *)&d);
    CHECK(ft_tuple_get_item_borrow(mro, 1) == (FtObject *)&type_b);
    CHECK(ft_tuple_get_item_borrow(mro, 2) == (FtObject *)&type_c);
    CHECK(ft_tuple_get_item_borrow(mro, 3) == (FtObject *)&type_a);
    CHECK(ft_tuple_get_item_borrow(mro, 4) == (FtObject *)&ft_base_object_type);
    ft_decref(mro);
    ft_decref(bases);
    bases = ft_tuple_pack_ref(2, (FtObject *)&type_a, (FtObject *)&type_b);
    CHECK(ft_type_mro_c3_ref(&d, bases) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "Cannot create a consistent method resolution order (MRO) for bases A, B"));
    ft_decref(bases);
    bases = ft_tuple_pack_ref(2, (FtObject *)&type_a, (FtObject *)&type_a);
    CHECK(ft_type_mro_c3_ref(&d, bases) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "duplicate base class A"));
    ft_decref(bases);
}

// Oracle: class Z(bool) -> TypeError type 'bool' is not an acceptable base type
TEST(final_base_is_rejected)
{
    CHECK_EQ_INT(ft_type_ready(&not_a_bool), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "type 'bool' is not an acceptable base type"));
    CHECK(!ft_type_has_flag(&not_a_bool, FT_TPFLAGS_READY));
}

TEST(slot_inheritance)
{
    CHECK(gadget_type.tp_basicsize == (Ft_ssize)sizeof(Widget));
    CHECK(gadget_type.tp_dealloc == widget_dealloc);
    CHECK(gadget_type.tp_getattro == ft_object_generic_get_attr_ref);
    CHECK(gadget_type.tp_repr == NULL || gadget_type.tp_repr == widget_type.tp_repr);
    // Defining comparison without hash inherits neither half of the pair.
    CHECK(gadget_type.tp_hash == NULL);
    CHECK(widget_type.tp_hash != NULL);
    CHECK(gadget_type.tp_new == ft_base_object_type.tp_new);
    CHECK(ft_type_version_tag(&widget_type) != 0);
    CHECK(ft_type_version_tag(&widget_type) != ft_type_version_tag(&gadget_type));
    // Oracle: hash([]) -> TypeError unhashable type: 'list' (the same rule for any hashless type)
    FtObject *g = ft_object_vectorcall_ref((FtObject *)&gadget_type, NULL, 0, NULL);
    CHECK(g != NULL);
    CHECK_EQ_INT(ft_object_hash(g), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "unhashable type: 'mod.Gadget'"));
    FtObject *name = ft_object_get_attr_cstr_ref((FtObject *)&gadget_type, "__name__");
    CHECK(obj_str_is(name, "Gadget"));
    ft_decref(name);
    FtObject *module = ft_object_get_attr_cstr_ref((FtObject *)&gadget_type, "__module__");
    CHECK(obj_str_is(module, "mod"));
    ft_decref(module);
    ft_decref(g);
}

// Oracle: python3.14 -c "print(repr(int), int.__name__, int.__module__, type(1).__doc__[:19])"
//   <class 'int'> int builtins int([x]) -> integer
TEST(type_attributes)
{
    CHECK(obj_repr_is((FtObject *)&ft_int_type, "<class 'int'>"));
    FtObject *v = ft_object_get_attr_cstr_ref((FtObject *)&ft_int_type, "__name__");
    CHECK(obj_str_is(v, "int"));
    ft_decref(v);
    v = ft_object_get_attr_cstr_ref((FtObject *)&ft_int_type, "__module__");
    CHECK(obj_str_is(v, "builtins"));
    ft_decref(v);
    v = ft_object_get_attr_cstr_ref((FtObject *)&ft_int_type, "__doc__");
    CHECK(obj_str_is(v, "int([x]) -> integer"));
    ft_decref(v);
    v = ft_object_get_attr_cstr_ref((FtObject *)&ft_bool_type, "__base__");
    CHECK(v == (FtObject *)&ft_int_type);
    // type(x) is x's type.
    FtObject *one = ft_int_from_int64_ref(1);
    v = ft_object_vectorcall_ref((FtObject *)&ft_type_type, &one, 1, NULL);
    CHECK(v == (FtObject *)&ft_int_type);
    // (5).__class__
    v = ft_object_get_attr_cstr_ref(ft_int_from_int64_ref(5), "__class__");
    CHECK(v == (FtObject *)&ft_int_type);
}

// Oracle: (1).bit_length(1) -> TypeError int.bit_length() takes no arguments (1 given)
// Oracle: len() -> TypeError len() takes exactly one argument (0 given)
// Oracle: len(x=1) -> TypeError len() takes no keyword arguments
// Oracle: int.__dict__["bit_length"]("a") -> TypeError descriptor 'bit_length' for 'int' objects
//   doesn't apply to a 'str' object
// Oracle: repr(int.__dict__['bit_length']) -> <method 'bit_length' of 'int' objects>
TEST(method_descriptors_and_bound_methods)
{
    FtObject *w = ft_object_vectorcall_ref((FtObject *)&widget_type, NULL, 0, NULL);
    CHECK(w != NULL);
    ((Widget *)w)->count = 21;
    FtObject *name = ft_str_intern_cstr_ref("noargs");
    FtObject *descr = ft_type_lookup_borrow(&gadget_type, name);   // found through the MRO
    CHECK(descr != NULL && descr->ob_type == &ft_method_descr_type);
    CHECK(obj_repr_is(descr, "<method 'noargs' of 'Widget' objects>"));
    FtObject *bound = ft_object_get_attr_ref(w, name);
    CHECK(bound != NULL && bound->ob_type == &ft_cfunction_type);
    FtObject *r = ft_object_repr_ref(bound);
    CHECK(r != NULL && strncmp(ft_str_as_utf8(r, NULL), "<built-in method noargs of Widget object at 0x",
                               46) == 0);
    ft_decref(r);
    FtObject *res = ft_object_vectorcall_ref(bound, NULL, 0, NULL);
    CHECK(obj_repr_is(res, "21"));
    ft_decref(res);
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_object_vectorcall_ref(bound, &one, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "Widget.noargs() takes no arguments (1 given)"));
    ft_decref(bound);
    // Calling the descriptor with the instance first.
    res = ft_object_vectorcall_ref(descr, &w, 1, NULL);
    CHECK(obj_repr_is(res, "21"));
    ft_decref(res);
    CHECK(ft_object_vectorcall_ref(descr, &one, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "descriptor 'noargs' for 'Widget' objects doesn't apply to a 'int' object"));
    CHECK(ft_object_vectorcall_ref(descr, NULL, 0, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "unbound method Widget.noargs() needs an argument"));
    // METH_O, FASTCALL, FASTCALL|KEYWORDS.
    FtObject *m = ft_object_get_attr_cstr_ref(w, "one");
    CHECK(ft_object_vectorcall_ref(m, NULL, 0, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "Widget.one() takes exactly one argument (0 given)"));
    CHECK(ft_object_vectorcall_ref(m, &one, 1, NULL) == one);
    FtObject *kw = ft_tuple_pack_ref(1, name);
    FtObject *args[2] = {one, one};
    CHECK(ft_object_vectorcall_ref(m, args, 0, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "Widget.one() takes no keyword arguments"));
    ft_decref(m);
    m = ft_object_get_attr_cstr_ref(w, "fast");
    res = ft_object_vectorcall_ref(m, args, 2, NULL);
    CHECK(obj_repr_is(res, "2"));
    ft_decref(res);
    ft_decref(m);
    m = ft_object_get_attr_cstr_ref(w, "fast_kw");
    res = ft_object_vectorcall_ref(m, args, 1, kw);
    CHECK(obj_repr_is(res, "11"));
    ft_decref(res);
    ft_decref(m);
    ft_decref(kw);
    // Class and static methods, through the instance and through the type.
    m = ft_object_get_attr_cstr_ref(w, "cls");
    CHECK(ft_object_vectorcall_ref(m, NULL, 0, NULL) == (FtObject *)&widget_type);
    ft_decref(m);
    m = ft_object_get_attr_cstr_ref((FtObject *)&gadget_type, "cls");
    CHECK(ft_object_vectorcall_ref(m, NULL, 0, NULL) == (FtObject *)&gadget_type);
    ft_decref(m);
    m = ft_object_get_attr_cstr_ref((FtObject *)&widget_type, "stat");
    CHECK(ft_object_vectorcall_ref(m, NULL, 0, NULL) == FT_TRUE);
    CHECK(obj_repr_is(m, "<built-in function stat>"));
    ft_decref(m);
    // On the type, a method descriptor is returned as is.
    m = ft_object_get_attr_ref((FtObject *)&widget_type, name);
    CHECK(m == descr);
    ft_decref(m);
    ft_decref(w);
}

// Oracle: repr(BaseException.__dict__['__suppress_context__'])
//   -> <member '__suppress_context__' of 'BaseException' objects>
TEST(members_and_getsets)
{
    FtObject *w = ft_object_vectorcall_ref((FtObject *)&widget_type, NULL, 0, NULL);
    CHECK(w != NULL);
    FtObject *v = ft_object_get_attr_cstr_ref(w, "obj");
    CHECK(v == FT_NONE);   // NULL reads as None
    CHECK(ft_object_get_attr_cstr_ref(w, "obj_ex") == NULL);
    CHECK(obj_error_is(&ft_exc_attribute_error, "'Widget' object has no attribute 'obj_ex'"));
    FtObject *s = ft_str_from_cstr_ref("payload");
    FtObject *name = ft_str_intern_cstr_ref("obj");
    CHECK_EQ_INT(ft_object_set_attr(w, name, s), 0);
    v = ft_object_get_attr_cstr_ref(w, "obj_ex");
    CHECK(v == s);
    ft_decref(v);
    CHECK_EQ_INT(ft_object_set_attr(w, name, NULL), 0);   // delete
    CHECK(((Widget *)w)->obj == NULL);
    FtObject *count = ft_str_intern_cstr_ref("count");
    FtObject *seven = ft_int_from_int64_ref(7);
    CHECK_EQ_INT(ft_object_set_attr(w, count, seven), 0);
    CHECK_EQ_INT(((Widget *)w)->count, 7);
    v = ft_object_get_attr_cstr_ref(w, "twice");
    CHECK(obj_repr_is(v, "14"));
    ft_decref(v);
    FtObject *size = ft_str_intern_cstr_ref("size");
    CHECK_EQ_INT(ft_object_set_attr(w, size, seven), -1);
    CHECK(obj_error_is(&ft_exc_attribute_error, "readonly attribute"));
    FtObject *twice = ft_str_intern_cstr_ref("twice");
    CHECK_EQ_INT(ft_object_set_attr(w, twice, seven), -1);
    CHECK(obj_error_is(&ft_exc_attribute_error, "attribute 'twice' of 'Widget' objects is not writable"));
    FtObject *flag = ft_str_intern_cstr_ref("flag");
    CHECK_EQ_INT(ft_object_set_attr(w, flag, seven), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "attribute value type must be bool"));
    CHECK_EQ_INT(ft_object_set_attr(w, flag, FT_TRUE), 0);
    CHECK(ft_object_get_attr_ref(w, flag) == FT_TRUE);
    CHECK(obj_repr_is(ft_type_lookup_borrow(&widget_type, count), "<member 'count' of 'Widget' objects>"));
    CHECK(obj_repr_is(ft_type_lookup_borrow(&widget_type, twice),
                      "<attribute 'twice' of 'Widget' objects>"));
    ft_decref(s);
    ft_decref(w);
}

// Calls getattr(obj, name)(*args) and returns the result (NULL with the exception set).
static FtObject *
call_method(FtObject *obj, const char *name, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *m = ft_object_get_attr_cstr_ref(obj, name);
    if (m == NULL)
        return NULL;
    FtObject *res = ft_object_vectorcall_ref(m, args, (size_t)nargs, NULL);
    ft_decref(m);
    return res;
}

// Oracle: python3.14 -c "print(repr(object.__dict__['__repr__']), repr(int.__dict__['__add__']),
//   repr(type((1).__add__)))"
//   <slot wrapper '__repr__' of 'object' objects> <slot wrapper '__add__' of 'int' objects>
//   <class 'method-wrapper'>
// Oracle: python3.14 -c "print((5).__add__(3), (5).__radd__(3), (5).__sub__(3), (5).__rsub__(3),
//   int.__add__(5,3), (5).__add__('a'), (5).__eq__(5), (5).__lt__('a'), (5).__hash__(),
//   (5).__repr__(), (0).__bool__(), 'ab'.__len__())"
//   8 8 2 -2 8 NotImplemented True NotImplemented 5 5 False 2
// Oracle: (1).__add__() -> TypeError expected 1 argument, got 0
// Oracle: (1).__repr__(1) -> TypeError expected 0 arguments, got 1
// Oracle: (1).__add__(x=1) -> TypeError wrapper __add__() takes no keyword arguments
// Oracle: int.__add__("a", 1) -> TypeError descriptor '__add__' requires a 'int' object but received
//   a 'str'
TEST(slot_wrappers)
{
    FtObject *name = ft_str_intern_cstr_ref("__repr__");
    CHECK(obj_repr_is(ft_type_dict_get_borrow(&ft_base_object_type, name),
                      "<slot wrapper '__repr__' of 'object' objects>"));
    CHECK(ft_type_dict_get_borrow(&ft_int_type, name) != NULL);   // int defines its own repr
    CHECK(ft_type_dict_get_borrow(&ft_bool_type, ft_str_intern_cstr_ref("__add__")) == NULL);
    FtObject *add = ft_type_dict_get_borrow(&ft_int_type, ft_str_intern_cstr_ref("__add__"));
    CHECK(obj_repr_is(add, "<slot wrapper '__add__' of 'int' objects>"));
    FtObject *five = ft_int_from_int64_ref(5), *three = ft_int_from_int64_ref(3);
    FtObject *zero = ft_int_from_int64_ref(0), *a = ft_str_from_cstr_ref("a");
    FtObject *ab = ft_str_from_cstr_ref("ab");
    FtObject *bound = ft_object_get_attr_cstr_ref(five, "__add__");
    CHECK(bound != NULL && bound->ob_type == &ft_method_wrapper_type);
    FtObject *r = ft_object_repr_ref(bound);
    CHECK(r != NULL && strncmp(ft_str_as_utf8(r, NULL), "<method-wrapper '__add__' of int object at 0x",
                               45) == 0);
    ft_decref(r);
    ft_decref(bound);
    static const struct { const char *method, *expected; } cases[] = {
        {"__add__", "8"}, {"__radd__", "8"}, {"__sub__", "2"}, {"__rsub__", "-2"},
        {"__eq__", "False"}, {"__ne__", "True"}, {"__gt__", "True"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FtObject *res = call_method(five, cases[i].method, &three, 1);
        CHECK(obj_repr_is(res, cases[i].expected));
        ft_xdecref(res);
    }
    FtObject *res = call_method(five, "__add__", &a, 1);
    CHECK(res == FT_NOT_IMPLEMENTED);
    res = call_method(five, "__lt__", &a, 1);
    CHECK(res == FT_NOT_IMPLEMENTED);
    res = call_method(five, "__hash__", NULL, 0);
    CHECK(obj_repr_is(res, "5"));
    res = call_method(five, "__repr__", NULL, 0);
    CHECK(obj_str_is(res, "5"));
    ft_decref(res);
    CHECK(call_method(zero, "__bool__", NULL, 0) == FT_FALSE);
    res = call_method(ab, "__len__", NULL, 0);
    CHECK(obj_repr_is(res, "2"));
    FtObject *args2[2] = {five, three};
    res = ft_object_vectorcall_ref(add, args2, 2, NULL);   // int.__add__(5, 3)
    CHECK(obj_repr_is(res, "8"));
    CHECK(call_method(five, "__add__", NULL, 0) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "expected 1 argument, got 0"));
    CHECK(call_method(five, "__repr__", &three, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "expected 0 arguments, got 1"));
    bound = ft_object_get_attr_cstr_ref(five, "__add__");
    FtObject *kw = ft_tuple_pack_ref(1, ft_str_intern_cstr_ref("x"));
    CHECK(ft_object_vectorcall_ref(bound, &three, 0, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "wrapper __add__() takes no keyword arguments"));
    ft_decref(kw);
    ft_decref(bound);
    FtObject *args3[2] = {a, three};
    CHECK(ft_object_vectorcall_ref(add, args3, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "descriptor '__add__' requires a 'int' object but received a 'str'"));
    // A type that compares but does not hash gets __hash__ = None.
    CHECK(ft_type_dict_get_borrow(&gadget_type, ft_str_intern_cstr_ref("__hash__")) == FT_NONE);
    // object.__str__ falls back to the type's repr.
    res = call_method(five, "__str__", NULL, 0);
    CHECK(obj_str_is(res, "5"));
    ft_decref(res);
    ft_decref(a);
    ft_decref(ab);
}

// Oracle: int.__new__(5) -> TypeError int.__new__(X): X is not a type object (int)
// Oracle: int.__new__(str) -> TypeError int.__new__(str): str is not a subtype of int
// Oracle: object.__new__() -> TypeError object.__new__(): not enough arguments
// Oracle: ValueError.__new__(int) -> TypeError ValueError.__new__(int): int is not a subtype of
//   ValueError
TEST(new_wrapper)
{
    FtObject *new_ = ft_object_get_attr_cstr_ref((FtObject *)&ft_int_type, "__new__");
    CHECK(new_ != NULL && new_->ob_type == &ft_cfunction_type);
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK(ft_object_vectorcall_ref(new_, &five, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "int.__new__(X): X is not a type object (int)"));
    FtObject *str_type = (FtObject *)&ft_str_type;
    CHECK(ft_object_vectorcall_ref(new_, &str_type, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "int.__new__(str): str is not a subtype of int"));
    FtObject *args[2] = {(FtObject *)&ft_int_type, ft_str_from_cstr_ref("42")};
    FtObject *res = ft_object_vectorcall_ref(new_, args, 2, NULL);
    CHECK(obj_repr_is(res, "42"));
    ft_decref(res);
    ft_decref(args[1]);
    ft_decref(new_);
    new_ = ft_object_get_attr_cstr_ref((FtObject *)&ft_base_object_type, "__new__");
    CHECK(ft_object_vectorcall_ref(new_, NULL, 0, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "object.__new__(): not enough arguments"));
    ft_decref(new_);
    new_ = ft_object_get_attr_cstr_ref((FtObject *)&ft_exc_value_error, "__new__");
    FtObject *int_type = (FtObject *)&ft_int_type;
    CHECK(ft_object_vectorcall_ref(new_, &int_type, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "ValueError.__new__(int): int is not a subtype of ValueError"));
    ft_decref(new_);
}

#define LOOKUP_THREADS 2
static pthread_barrier_t lookup_barrier;
static FtObject *shared_widget;   // published before the threads start
static int lookup_ok[LOOKUP_THREADS];

static void *
lookup_worker(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    FtObject *three = ft_int_from_int64_ref(3);
    FtObject *big = ft_int_from_int64_ref(100000 + id);   // owned by this thread
    pthread_barrier_wait(&lookup_barrier);
    int ok = 1;
    for (int i = 0; i < 2000; i++) {
        // Bound methods of an object owned by another thread, and slot wrappers of static types.
        FtObject *r = call_method(shared_widget, "noargs", NULL, 0);
        ok &= r != NULL && ft_int_as_int64(r, NULL) == 21;
        ft_xdecref(r);
        r = call_method(big, "__add__", &three, 1);
        ok &= r != NULL && ft_int_as_int64(r, NULL) == 100003 + id;
        ft_xdecref(r);
        r = ft_object_get_attr_cstr_ref(shared_widget, "twice");
        ok &= r != NULL && ft_int_as_int64(r, NULL) == 42;
        ft_xdecref(r);
    }
    lookup_ok[id] = ok;
    ft_decref(big);
    ft_thread_state_delete_current();
    return NULL;
}

// Static types are immutable after start-up: lookups, descriptor binding and calls run lock-free
// from several threads at once.
TEST(concurrent_lookups_and_calls)
{
    shared_widget = ft_object_vectorcall_ref((FtObject *)&widget_type, NULL, 0, NULL);
    CHECK(shared_widget != NULL);
    ((Widget *)shared_widget)->count = 21;
    pthread_barrier_init(&lookup_barrier, NULL, LOOKUP_THREADS);
    pthread_t threads[LOOKUP_THREADS];
    for (int i = 0; i < LOOKUP_THREADS; i++)
        pthread_create(&threads[i], NULL, lookup_worker, (void *)(intptr_t)i);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < LOOKUP_THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&lookup_barrier);
    for (int i = 0; i < LOOKUP_THREADS; i++)
        CHECK(lookup_ok[i]);
    ft_decref(shared_widget);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/objects/test_type_gaps.c: type-level behaviour added for the golden programs: class
// __annotations__ / __annotate__ (PEP 649/749 caching), type.__dir__, AttributeError's name and
// obj from a class lookup, object.__new__(int), builtin functions' and method descriptors'
// __qualname__. Expected texts come from the oracle:
//   python3.14 -c "object.__new__(int)"
//   -> TypeError: object.__new__(int) is not safe, use int.__new__()
//   python3.14 -c "class C: pass
//   print(C.__annotations__, C.__annotate__); int.__annotations__"
//   -> {} None / AttributeError: type object 'int' has no attribute '__annotations__'
//   python3.14 -c "print(str.upper.__qualname__, [].append.__qualname__, len.__qualname__)"
//   -> str.upper list.append len
#include "objects_test_util.h"

#include "objects/abstract.h"     // ft_sequence_contains
#include "objects/dict.h"         // ft_dict_*
#include "objects/int.h"          // ft_int_*
#include "objects/list.h"         // ft_list_*
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

static FtObject *
make_class(const char *name, FtObject *ns)
{
    FtObject *n = ft_str_from_cstr_ref(name);
    FtObject *bases = ft_tuple_new_ref(0);
    FtObject *args[3] = {n, bases, ns};
    FtObject *cls = ft_object_vectorcall_ref((FtObject *)&ft_type_type, args, 3, NULL);
    ft_decref(bases);
    ft_decref(n);
    return cls;
}

static int annotate_calls;   // touched by the main thread only

static FtObject *
annotate_fn(FtObject *self, FtObject *format)
{
    annotate_calls++;
    FtObject *d = ft_dict_new_ref();
    if (d != NULL && ft_dict_set_item_str(d, "a", (FtObject *)&ft_int_type) < 0) {
        ft_decref(d);
        return NULL;
    }
    return d;
}

static const FtMethodDef annotate_def = {
    .name = "__annotate__", .fn.o = annotate_fn, .flags = FT_METH_O,
};

TEST(class_annotations_call_annotate_once_and_cache)
{
    FtObject *ns = ft_dict_new_ref();
    FtObject *fn = ft_cfunction_new_ref(&annotate_def, NULL);
    CHECK_EQ_INT(ft_dict_set_item_str(ns, "__annotate_func__", fn), 0);
    FtObject *cls = make_class("C", ns);
    CHECK(cls != NULL);
    for (int i = 0; i < 3; i++) {
        FtObject *ann = ft_object_get_attr_cstr_ref(cls, "__annotations__");
        CHECK(obj_repr_is(ann, "{'a': <class 'int'>}"));
        ft_xdecref(ann);
    }
    CHECK_EQ_INT(annotate_calls, 1);
    FtObject *got = ft_object_get_attr_cstr_ref(cls, "__annotate__");
    CHECK(got == fn);
    ft_xdecref(got);
    ft_decref(cls);
    ft_decref(fn);
    ft_decref(ns);
}

TEST(class_without_annotations_and_static_types)
{
    FtObject *ns = ft_dict_new_ref();
    FtObject *cls = make_class("E", ns);
    FtObject *ann = ft_object_get_attr_cstr_ref(cls, "__annotations__");
    CHECK(obj_repr_is(ann, "{}"));
    FtObject *fn = ft_object_get_attr_cstr_ref(cls, "__annotate__");
    CHECK(fn == FT_NONE);
    CHECK(ft_object_get_attr_cstr_ref((FtObject *)&ft_int_type, "__annotations__") == NULL);
    CHECK(obj_error_is(&ft_exc_attribute_error,
                       "type object 'int' has no attribute '__annotations__'"));
    ft_xdecref(fn);
    ft_xdecref(ann);
    ft_decref(cls);
    ft_decref(ns);
}

TEST(object_new_of_int_is_not_safe)
{
    FtObject *new_fn = ft_object_get_attr_cstr_ref((FtObject *)&ft_base_object_type, "__new__");
    CHECK(new_fn != NULL);
    FtObject *arg = (FtObject *)&ft_int_type;
    CHECK(ft_object_vectorcall_ref(new_fn, &arg, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "object.__new__(int) is not safe, use int.__new__()"));
    ft_decref(new_fn);
}

TEST(class_attribute_error_carries_name_and_obj)
{
    FtObject *ns = ft_dict_new_ref();
    FtObject *cls = make_class("C", ns);
    CHECK(ft_object_get_attr_cstr_ref(cls, "zzz") == NULL);
    FtObject *exc = ft_error_fetch_ref();
    CHECK(exc != NULL && ft_object_type_check(exc, &ft_exc_attribute_error));
    FtObject *name = ft_object_get_attr_cstr_ref(exc, "name");
    FtObject *obj = ft_object_get_attr_cstr_ref(exc, "obj");
    CHECK(obj_str_is(name, "zzz") && obj == cls);
    ft_xdecref(name);
    ft_xdecref(obj);
    ft_xdecref(exc);
    ft_decref(cls);
    ft_decref(ns);
}

TEST(type_dir_lists_the_mro_dicts_only)
{
    // dir(object) calls type(object).__dir__(object).
    FtObject *name = ft_str_intern_cstr_ref("__dir__");
    FtObject *meth = ft_type_lookup_ref(&ft_type_type, name);
    FtObject *arg = (FtObject *)&ft_base_object_type;
    FtObject *dir = meth != NULL ? ft_object_vectorcall_ref(meth, &arg, 1, NULL) : NULL;
    ft_xdecref(meth);
    ft_decref(name);
    CHECK(dir != NULL && ft_list_check(dir));
    FtObject *k = ft_str_from_cstr_ref("__dict__");   // type's attribute, not object's
    CHECK_EQ_INT(ft_sequence_contains(dir, k), 0);
    ft_decref(k);
    k = ft_str_from_cstr_ref("__init__");
    CHECK_EQ_INT(ft_sequence_contains(dir, k), 1);
    ft_decref(k);
    ft_xdecref(dir);
}

static int
qualname_is(FtObject *op, const char *expected)
{
    FtObject *q = ft_object_get_attr_cstr_ref(op, "__qualname__");
    int ok = obj_str_is(q, expected);
    ft_xdecref(q);
    return ok;
}

TEST(builtin_qualnames)
{
    FtObject *upper = ft_object_get_attr_cstr_ref((FtObject *)&ft_str_type, "upper");
    CHECK(qualname_is(upper, "str.upper"));
    FtObject *l = ft_list_new_ref(0);
    FtObject *append = ft_object_get_attr_cstr_ref(l, "append");
    CHECK(qualname_is(append, "list.append"));
    ft_xdecref(append);
    ft_decref(l);
    ft_xdecref(upper);
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/objects/test_abstract.c: the abstract protocols (objects/abstract.c) and the generic
// iterators (objects/iterobject.c): iteration (tp_iter and the __getitem__ fallback), len(),
// subscription and item assignment/deletion order, containment, tuple(iterable), length hints,
// format(), isinstance/issubclass, method calls; every error text, checked against the oracle
// (/opt/cpython314/bin/python3.14; each expected text is quoted with the expression that made it).
#include <pthread.h>   // pthread_*
#include <string.h>    // strlen strcmp strncmp

#include "abstract_test_util.h"
#include "eval/eval.h"            // ft_eval_thread_init
#include "objects/method_def.h"   // FtMethodDef
#include "objects/range.h"   // ft_range_type
#include "objects/slice.h"   // ft_slice_new_ref
#include "objects/tuple.h"   // ft_tuple_*
#include "objects/type.h"    // ft_type_type

TEST(setup)
{
    CHECK_EQ_INT(abs_setup(), 0);
    // The C-stack guard of isinstance() needs the thread's stack bounds (eval's thread state).
    CHECK_EQ_INT(ft_eval_thread_init(), 0);
}

// True if the current exception is CPython 3.14's "Stack overflow (used N kB)<where>" RecursionError
// (N depends on the machine); clears it.
static int
error_is_stack_overflow(const char *where)
{
    FtObject *exc = ft_error_fetch_ref();
    if (exc == NULL || !ft_error_given_matches(exc, (FtObject *)&ft_exc_recursion_error)) {
        ft_xdecref(exc);
        return 0;
    }
    FtObject *s = ft_object_str_ref(exc);
    const char *text = s != NULL ? ft_str_as_utf8(s, NULL) : NULL;
    size_t n = text != NULL ? strlen(text) : 0, w = strlen(where);
    int ok = text != NULL && strncmp(text, "Stack overflow (used ", 21) == 0 && n > w &&
             strcmp(text + n - w, where) == 0 && strncmp(text + n - w - 4, " kB)", 4) == 0;
    if (!ok)
        printf("  unexpected message: %s\n", text != NULL ? text : "(none)");
    ft_xdecref(s);
    ft_decref(exc);
    return ok;
}

static FtObject *
small_tuple(void)
{
    FtObject *a = ft_int_from_int64_ref(10), *b = ft_int_from_int64_ref(20);
    FtObject *c = ft_int_from_int64_ref(30);
    FtObject *t = ft_tuple_pack_ref(3, a, b, c);
    ft_decref(a);
    ft_decref(b);
    ft_decref(c);
    return t;
}

static FtObject *
range_of(int64_t n)
{
    FtObject *stop = ft_int_from_int64_ref(n);
    FtObject *r = abs_call_type(&ft_range_type, &stop, 1);
    ft_decref(stop);
    return r;
}

TEST(iteration)
{
    // The sequence iterator ("iterator") over a tuple; iter(tuple) gives it too until tuple has
    // its own tuple_iterator (CPython's), so only "an iterator" is checked for that.
    FtObject *t = small_tuple();
    FtObject *any = ft_object_get_iter_ref(t);
    CHECK(any != NULL && ft_iter_check(any));
    ft_decref(any);
    FtObject *it = ft_seq_iter_new_ref(t);
    CHECK(it != NULL && it->ob_type == &ft_seq_iter_type);
    CHECK(obj_repr_is((FtObject *)it->ob_type, "<class 'iterator'>"));
    FtObject *hint = ft_object_call_method_cstr_ref(it, "__length_hint__", NULL, 0);
    CHECK(abs_int_is(hint, 3));
    ft_decref(hint);
    FtObject *item;
    for (int i = 0; i < 3; i++) {
        CHECK_EQ_INT(ft_iter_next_ref(it, &item), 1);
        CHECK(abs_int_is(item, 10 * (i + 1)));
        ft_decref(item);
    }
    CHECK_EQ_INT(ft_iter_next_ref(it, &item), 0);
    CHECK(item == NULL && !ft_error_occurred());
    CHECK_EQ_INT(ft_iter_next_ref(it, &item), 0);   // stays exhausted
    CHECK_EQ_INT(ft_object_length_hint(it, 99), 0);
    // iter(iterator) is the iterator itself.
    FtObject *same = ft_object_get_iter_ref(it);
    CHECK(same == it);
    ft_decref(same);
    ft_decref(it);
    ft_decref(t);
    // oracle: iter(5) -> TypeError: 'int' object is not iterable; next(5) -> 'int' object is not
    // an iterator.
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK(ft_object_get_iter_ref(five) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not iterable"));
    CHECK_EQ_INT(ft_iter_next_ref(five, &item), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not an iterator"));
    ft_decref(five);
}

TEST(length)
{
    // oracle: len(5) -> TypeError: object of type 'int' has no len()
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK_EQ_INT(ft_object_size(five), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "object of type 'int' has no len()"));
    FtObject *t = small_tuple();
    CHECK_EQ_INT(ft_object_size(t), 3);
    // oracle: operator.length_hint(5, 42) == 42; operator.length_hint(iter(range(7))) == 7
    CHECK_EQ_INT(ft_object_length_hint(five, 42), 42);
    FtObject *r = range_of(7);
    FtObject *it = ft_object_get_iter_ref(r);
    CHECK_EQ_INT(ft_object_length_hint(it, 0), 7);
    CHECK_EQ_INT(ft_object_length_hint(r, 0), 7);
    ft_decref(it);
    ft_decref(r);
    ft_decref(t);
    ft_decref(five);
}

TEST(subscription)
{
    FtObject *t = small_tuple();
    FtObject *five = ft_int_from_int64_ref(5), *m1 = ft_int_from_int64_ref(-1);
    FtObject *item = ft_object_get_item_ref(t, m1);
    CHECK(abs_int_is(item, 30));
    ft_decref(item);
    item = ft_sequence_get_item_ref(t, -3);
    CHECK(abs_int_is(item, 10));
    ft_decref(item);
    // oracle: 5[0] -> TypeError: 'int' object is not subscriptable
    CHECK(ft_object_get_item_ref(five, m1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not subscriptable"));
    // oracle: int[0] -> TypeError: type 'int' is not subscriptable
    CHECK(ft_object_get_item_ref((FtObject *)&ft_int_type, five) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "type 'int' is not subscriptable"));
    // oracle: t = (1, 2); t[0] = 1 -> 'tuple' object does not support item assignment;
    // del t[0] -> 'tuple' object doesn't support item deletion.
    CHECK_EQ_INT(ft_object_set_item(t, m1, five), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'tuple' object does not support item assignment"));
    CHECK_EQ_INT(ft_object_del_item(t, m1), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'tuple' object doesn't support item deletion"));
    // oracle: x = 5; x[0] = 1 -> 'int' object does not support item assignment; del x[0] ->
    // 'int' object does not support item deletion.
    CHECK_EQ_INT(ft_object_set_item(five, m1, five), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object does not support item assignment"));
    CHECK_EQ_INT(ft_object_del_item(five, m1), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object does not support item deletion"));
    // A sequence without mapping slots: the iterator type has neither; range has both.
    FtObject *r = range_of(10);
    FtObject *sl = ft_slice_new_ref(NULL, NULL, m1);
    item = ft_object_get_item_ref(r, sl);
    CHECK(obj_repr_is(item, "range(9, -1, -1)"));
    ft_decref(item);
    ft_decref(sl);
    ft_decref(r);
    ft_decref(five);
    ft_decref(m1);
    ft_decref(t);
}

TEST(contains)
{
    FtObject *t = small_tuple();
    FtObject *twenty = ft_int_from_int64_ref(20), *five = ft_int_from_int64_ref(5);
    CHECK_EQ_INT(ft_sequence_contains(t, twenty), 1);
    CHECK_EQ_INT(ft_sequence_contains(t, five), 0);
    // oracle: 1 in 5 -> TypeError: argument of type 'int' is not a container or iterable
    CHECK_EQ_INT(ft_sequence_contains(five, five), -1);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "argument of type 'int' is not a container or iterable"));
    // An iterator has no sq_contains: the search consumes it (oracle: 5 in iter(range(10)) is
    // True, and next() then gives 6).
    FtObject *r = range_of(10);
    FtObject *it = ft_object_get_iter_ref(r);
    CHECK_EQ_INT(ft_sequence_contains(it, five), 1);
    FtObject *item;
    CHECK_EQ_INT(ft_iter_next_ref(it, &item), 1);
    CHECK(abs_int_is(item, 6));
    ft_decref(item);
    ft_decref(it);
    ft_decref(r);
    ft_decref(twenty);
    ft_decref(five);
    ft_decref(t);
}

TEST(tuple_of_iterable)
{
    FtObject *t = small_tuple();
    FtObject *same = ft_sequence_tuple_ref(t);
    CHECK(same == t);
    ft_decref(same);
    // oracle: tuple(range(3)) == (0, 1, 2); tuple(iter(range(40)))[-1] == 39
    FtObject *r = range_of(3);
    FtObject *tr = ft_sequence_tuple_ref(r);
    CHECK(obj_repr_is(tr, "(0, 1, 2)"));
    ft_decref(tr);
    ft_decref(r);
    r = range_of(40);
    FtObject *it = ft_object_get_iter_ref(r);
    tr = ft_sequence_tuple_ref(it);
    CHECK(tr != NULL && ft_tuple_size(tr) == 40);
    CHECK(abs_int_is(ft_tuple_get_item_borrow(tr, 39), 39));
    ft_decref(tr);
    ft_decref(it);
    ft_decref(r);
    FtObject *empty = range_of(0);
    tr = ft_sequence_tuple_ref(empty);
    CHECK(obj_repr_is(tr, "()"));
    ft_decref(tr);
    ft_decref(empty);
    // oracle: tuple(5) -> TypeError: 'int' object is not iterable
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK(ft_sequence_tuple_ref(five) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not iterable"));
    ft_decref(five);
    ft_decref(t);
}

TEST(callable_iterator)
{
    // iter(it.__next__, 3) over iter(range(10)) yields 0, 1, 2 (oracle: list(...) == [0, 1, 2]).
    FtObject *r = range_of(10);
    FtObject *src = ft_object_get_iter_ref(r);
    FtObject *next = ft_object_get_attr_cstr_ref(src, "__next__");
    CHECK(next != NULL);
    FtObject *three = ft_int_from_int64_ref(3);
    FtObject *ci = ft_callable_iter_new_ref(next, three);
    CHECK(obj_repr_is((FtObject *)ci->ob_type, "<class 'callable_iterator'>"));
    FtObject *t = ft_sequence_tuple_ref(ci);
    CHECK(obj_repr_is(t, "(0, 1, 2)"));
    ft_decref(t);
    FtObject *item;
    CHECK_EQ_INT(ft_iter_next_ref(ci, &item), 0);   // exhausted for good
    ft_decref(ci);
    ft_decref(next);
    ft_decref(src);
    ft_decref(r);
    // The callable's StopIteration also ends it: iter(iter(range(2)).__next__, 3) -> [0, 1].
    r = range_of(2);
    src = ft_object_get_iter_ref(r);
    next = ft_object_get_attr_cstr_ref(src, "__next__");
    ci = ft_callable_iter_new_ref(next, three);
    t = ft_sequence_tuple_ref(ci);
    CHECK(obj_repr_is(t, "(0, 1)"));
    ft_decref(t);
    ft_decref(ci);
    ft_decref(next);
    ft_decref(src);
    ft_decref(r);
    ft_decref(three);
}

TEST(format)
{
    FtObject *n = ft_int_from_int64_ref(255);
    FtObject *res = ft_object_format_ref(n, NULL);
    CHECK(obj_str_is(res, "255"));
    ft_decref(res);
    // oracle: format(255, "x") == 'ff'; format(255, "^7") == '  255  '
    FtObject *spec = ft_str_from_cstr_ref("x");
    res = ft_object_format_ref(n, spec);
    CHECK(obj_str_is(res, "ff"));
    ft_decref(res);
    ft_decref(spec);
    spec = ft_str_from_cstr_ref("^7");
    res = ft_object_format_ref(n, spec);
    CHECK(obj_str_is(res, "  255  "));
    ft_decref(res);
    ft_decref(spec);
    FtObject *s = ft_str_from_cstr_ref("text");
    res = ft_object_format_ref(s, NULL);
    CHECK(res == s);
    ft_decref(res);
    // A non-str spec is an internal error (format() itself checks first).
    CHECK(ft_object_format_ref(s, n) == NULL);
    CHECK(obj_error_is(&ft_exc_system_error, "Format specifier must be a string, not int"));
    ft_decref(s);
    ft_decref(n);
}

TEST(isinstance_and_issubclass)
{
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *int_t = (FtObject *)&ft_int_type, *str_t = (FtObject *)&ft_str_type;
    FtObject *bool_t = (FtObject *)&ft_bool_type;
    CHECK_EQ_INT(ft_object_is_instance(one, int_t), 1);
    CHECK_EQ_INT(ft_object_is_instance(one, str_t), 0);
    CHECK_EQ_INT(ft_object_is_instance(FT_TRUE, int_t), 1);
    // oracle: isinstance(True, (str, int)) True; issubclass(bool, (str, (int,))) True
    FtObject *inner = ft_tuple_pack_ref(1, int_t);
    FtObject *classes = ft_tuple_pack_ref(2, str_t, inner);
    CHECK_EQ_INT(ft_object_is_instance(FT_TRUE, classes), 1);
    CHECK_EQ_INT(ft_object_is_subclass(bool_t, classes), 1);
    CHECK_EQ_INT(ft_object_is_subclass(str_t, inner), 0);
    CHECK_EQ_INT(ft_object_is_subclass(int_t, int_t), 1);
    // oracle texts: isinstance(1, 5), issubclass(5, int), issubclass(int, 5)
    CHECK_EQ_INT(ft_object_is_instance(one, one), -1);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "isinstance() arg 2 must be a type, a tuple of types, or a union"));
    CHECK_EQ_INT(ft_object_is_subclass(one, int_t), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "issubclass() arg 1 must be a class"));
    CHECK_EQ_INT(ft_object_is_subclass(int_t, one), -1);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "issubclass() arg 2 must be a class, a tuple of classes, or a union"));
    // An empty tuple matches nothing.
    FtObject *none = ft_tuple_new_ref(0);
    CHECK_EQ_INT(ft_object_is_instance(one, none), 0);
    ft_decref(none);
    // Deep nesting: (str,) wrapped 3000 times is still answered (oracle: False, as for 100000; the
    // depth reachable depends on the build's frame sizes, so the test asks little of an ASan build);
    // nesting deep enough to use up the C stack raises RecursionError instead of overflowing it.
    FtObject *nest = ft_tuple_pack_ref(1, str_t);
    for (int i = 0; i < 1000000 && nest != NULL; i++) {
        FtObject *outer = ft_tuple_pack_ref(1, nest);
        ft_decref(nest);
        nest = outer;
        if (i == 3000) {
            CHECK_EQ_INT(ft_object_is_instance(one, nest), 0);
        }
    }
    CHECK_EQ_INT(ft_object_is_instance(one, nest), -1);
    CHECK(error_is_stack_overflow(" in __instancecheck__"));
    CHECK_EQ_INT(ft_object_is_subclass(int_t, nest), -1);
    CHECK(error_is_stack_overflow(" in __subclasscheck__"));
    ft_decref(nest);
    ft_decref(classes);
    ft_decref(inner);
    ft_decref(one);
}

TEST(call_method)
{
    FtObject *r = range_of(10);
    FtObject *four = ft_int_from_int64_ref(4);
    FtObject *res = ft_object_call_method_cstr_ref(r, "index", &four, 1);
    CHECK(abs_int_is(res, 4));
    ft_decref(res);
    // oracle: range(10).nope -> AttributeError: 'range' object has no attribute 'nope'
    CHECK(ft_object_call_method_cstr_ref(r, "nope", NULL, 0) == NULL);
    CHECK(obj_error_is(&ft_exc_attribute_error, "'range' object has no attribute 'nope'"));
    FtObject *special;
    CHECK_EQ_INT(ft_object_lookup_special(r, "__reversed__", &special), 1);
    FtObject *rev = ft_object_call_no_args_ref(special);
    FtObject *item;
    CHECK_EQ_INT(ft_iter_next_ref(rev, &item), 1);
    CHECK(abs_int_is(item, 9));
    ft_decref(item);
    ft_decref(rev);
    ft_decref(special);
    CHECK_EQ_INT(ft_object_lookup_special(r, "__nope__", &special), 0);
    CHECK(special == NULL && !ft_error_occurred());
    ft_decref(four);
    ft_decref(r);
}

// Probe: a test type whose slots and special methods misbehave on purpose, one way per mode, to
// reach every error path of the protocols (CPython raises the same texts for a Python class doing
// the same: e.g. class P: __length_hint__ = lambda s: -1 -> operator.length_hint(P()) raises
// ValueError: __length_hint__() should return >= 0).
typedef struct ProbeObject {
    FtObject ob_base;
    int mode;   // immutable after creation
} ProbeObject;

enum { PROBE_NEGATIVE, PROBE_STR, PROBE_NOT_IMPLEMENTED, PROBE_HUGE };

static FtTypeObject probe_type;
static FtTypeObject seq_only_type;

static FtObject *
probe_new(int mode)
{
    ProbeObject *p = (ProbeObject *)ft_object_new_of_type(&probe_type, 0);
    if (p != NULL)
        p->mode = mode;
    return (FtObject *)p;
}

static FtObject *
probe_iter(FtObject *self)
{
    (void)self;
    return ft_int_from_int64_ref(5);   // not an iterator
}

static FtObject *
probe_subscript(FtObject *self, FtObject *key)
{
    (void)self;
    return ft_new_ref(key);
}

static FtObject *
probe_length_hint(FtObject *self)
{
    switch (((ProbeObject *)self)->mode) {
    case PROBE_NEGATIVE:
        return ft_int_from_int64_ref(-1);
    case PROBE_STR:
        return ft_str_from_cstr_ref("3");
    case PROBE_NOT_IMPLEMENTED:
        return FT_NOT_IMPLEMENTED;
    default:
        return abs_int_text("100000000000000000000");
    }
}

static FtObject *
probe_format(FtObject *self, FtObject *spec)
{
    (void)self;
    (void)spec;
    return ft_int_from_int64_ref(1);   // not a str
}

static FtObject *
probe_instancecheck(FtObject *self, FtObject *inst)
{
    (void)self;
    return ft_bool_from(ft_int_check(inst));   // "every int is a Probe instance"
}

static FtObject *
probe_subclasscheck(FtObject *self, FtObject *sub)
{
    (void)self;
    (void)sub;
    return ft_str_from_cstr_ref("");   // falsy
}

static const FtMethodDef probe_methods[] = {
    {"__length_hint__", {.noargs = probe_length_hint}, FT_METH_NOARGS, NULL},
    {"__format__", {.o = probe_format}, FT_METH_O, NULL},
    {"__instancecheck__", {.o = probe_instancecheck}, FT_METH_O, NULL},
    {"__subclasscheck__", {.o = probe_subclasscheck}, FT_METH_O, NULL},
    {NULL, {NULL}, 0, NULL},
};

static FtMappingMethods probe_as_mapping = {.mp_subscript = probe_subscript};

static FtTypeObject probe_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "Probe",
    .tp_basicsize = sizeof(ProbeObject),
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = probe_iter,
    .tp_as_mapping = &probe_as_mapping,
    .tp_methods = probe_methods,
};

// SeqOnly: sq_item only (0, 2, 4, then IndexError): no len, no mapping slots, no assignment.
static FtObject *
seq_only_item(FtObject *self, Ft_ssize i)
{
    (void)self;
    if (i < 0 || i >= 3)
        return ft_error_format(&ft_exc_index_error, "SeqOnly index out of range");
    return ft_int_from_int64_ref(2 * i);
}

static FtSequenceMethods seq_only_as_sequence = {.sq_item = seq_only_item};

static FtTypeObject seq_only_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "SeqOnly",
    .tp_basicsize = sizeof(FtObject),
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_as_sequence = &seq_only_as_sequence,
};

TEST(misbehaving_slots_and_special_methods)
{
    CHECK_EQ_INT(ft_type_ready(&probe_type), 0);
    CHECK_EQ_INT(ft_type_ready(&seq_only_type), 0);
    FtObject *p = probe_new(PROBE_NEGATIVE);
    // class P: __iter__ = lambda s: 5 -> iter(P()): iter() returned non-iterator of type 'int'
    CHECK(ft_object_get_iter_ref(p) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "iter() returned non-iterator of type 'int'"));
    CHECK(ft_sequence_get_item_ref(p, 0) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "Probe is not a sequence"));
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK_EQ_INT(ft_object_set_item(five, five, five), -1);
    ft_error_clear();
    CHECK(ft_sequence_get_item_ref(five, 0) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object does not support indexing"));
    CHECK_EQ_INT(ft_object_length_hint(p, 7), -1);
    CHECK(obj_error_is(&ft_exc_value_error, "__length_hint__() should return >= 0"));
    FtObject *q = probe_new(PROBE_STR);
    CHECK_EQ_INT(ft_object_length_hint(q, 7), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "__length_hint__ must be an integer, not str"));
    FtObject *n = probe_new(PROBE_NOT_IMPLEMENTED);
    CHECK_EQ_INT(ft_object_length_hint(n, 7), 7);
    FtObject *h = probe_new(PROBE_HUGE);
    CHECK_EQ_INT(ft_object_length_hint(h, 7), -1);
    CHECK(obj_error_is(&ft_exc_overflow_error, "Python int too large to convert to C ssize_t"));
    // class P: __format__ = lambda s, f: 1 -> format(P()): __format__ must return a str, not int
    CHECK(ft_object_format_ref(p, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "__format__ must return a str, not int"));
    // __instancecheck__ / __subclasscheck__ on the type of the class argument.
    CHECK_EQ_INT(ft_object_is_instance(five, p), 1);
    CHECK_EQ_INT(ft_object_is_instance(p, p), 0);
    CHECK_EQ_INT(ft_object_is_subclass((FtObject *)&ft_int_type, p), 0);
    FtObject *in_tuple = ft_tuple_pack_ref(2, (FtObject *)&ft_str_type, p);
    CHECK_EQ_INT(ft_object_is_instance(five, in_tuple), 1);
    ft_decref(in_tuple);
    // A type without its own __format__ inherits object.__format__: a non-empty spec is refused.
    FtObject *s = ft_object_new_of_type(&seq_only_type, 0);
    FtObject *spec = ft_str_from_cstr_ref("x");
    CHECK(ft_object_format_ref(s, spec) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "unsupported format string passed to SeqOnly.__format__"));
    ft_decref(spec);
    // SeqOnly: iteration by index until IndexError; no len, so the hint is the default.
    FtObject *t = ft_sequence_tuple_ref(s);
    CHECK(obj_repr_is(t, "(0, 2, 4)"));
    ft_decref(t);
    FtObject *it = ft_object_get_iter_ref(s);
    CHECK_EQ_INT(ft_object_length_hint(it, 11), 11);
    ft_decref(it);
    FtObject *four = ft_int_from_int64_ref(4);
    CHECK_EQ_INT(ft_sequence_contains(s, four), 1);
    FtObject *text = ft_str_from_cstr_ref("k");
    // class S: __getitem__ only; S()['k'] in C terms: sequence index must be integer, not 'str'
    CHECK(ft_object_get_item_ref(s, text) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "sequence index must be integer, not 'str'"));
    CHECK_EQ_INT(ft_object_set_item(s, four, four), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'SeqOnly' object does not support item assignment"));
    CHECK_EQ_INT(ft_object_del_item(s, four), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "'SeqOnly' object doesn't support item deletion"));
    // An index too large for Ft_ssize raises IndexError (oracle: (1,)[10**30] -> IndexError:
    // cannot fit 'int' into an index-sized integer).
    FtObject *huge = abs_int_text("1000000000000000000000000000000");
    CHECK(ft_object_get_item_ref(s, huge) == NULL);
    CHECK(obj_error_is(&ft_exc_index_error, "cannot fit 'int' into an index-sized integer"));
    ft_decref(huge);
    ft_decref(text);
    ft_decref(four);
    ft_decref(s);
    ft_decref(p);
    ft_decref(q);
    ft_decref(n);
    ft_decref(h);
    ft_decref(five);
}

// Two threads share one sequence iterator over a tuple: each index goes to exactly one thread.
#define THREADS 2
#define SHARED_ITEMS 4000
static pthread_barrier_t barrier;
static FtObject *shared_iter;
static int64_t thread_sum[THREADS], thread_count[THREADS];

static void *
drainer(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    pthread_barrier_wait(&barrier);
    int64_t sum = 0, count = 0;
    FtObject *item;
    while (ft_iter_next_ref(shared_iter, &item) > 0) {
        bool ok = true;
        sum += ft_int_as_int64(item, &ok);
        count++;
        ft_decref(item);
    }
    thread_sum[id] = sum;
    thread_count[id] = count;
    ft_thread_state_delete_current();
    return NULL;
}

TEST(shared_sequence_iterator)
{
    FtObject *t = ft_tuple_new_ref(SHARED_ITEMS);
    CHECK(t != NULL);
    for (Ft_ssize i = 0; i < SHARED_ITEMS; i++)
        ft_tuple_set_item_steal_unlocked(t, i, ft_int_from_int64_ref(i));
    shared_iter = ft_seq_iter_new_ref(t);
    pthread_barrier_init(&barrier, NULL, THREADS);
    pthread_t threads[THREADS];
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, drainer, (void *)(intptr_t)i);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    CHECK_EQ_INT(thread_count[0] + thread_count[1], SHARED_ITEMS);
    CHECK_EQ_INT(thread_sum[0] + thread_sum[1], (int64_t)SHARED_ITEMS * (SHARED_ITEMS - 1) / 2);
    ft_decref(shared_iter);
    ft_decref(t);
}

TEST(teardown)
{
    ft_eval_thread_fini();   // the frame-stack chunks setup allocated
}

int
main(void)
{
    return ft_test_run_all();
}

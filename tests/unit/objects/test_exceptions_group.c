// tests/unit/objects/test_exceptions_group.c: BaseExceptionGroup / ExceptionGroup (construction
// rules, str/repr, split/subgroup/derive with the copied metadata), the except* functions
// ft_exception_group_match and ft_exception_prep_reraise_star_ref, the Unicode errors' attributes
// and str, and the instance __dict__ / __reduce__.
// Expected texts come from the oracle (python3.14); each test names the Python that printed them.
#include <pthread.h>   // pthread_barrier_t

#include "objects_test_util.h"

#include "objects/abstract.h"   // ft_object_call_method_cstr_ref
#include "objects/bytes.h"      // ft_bytes_from_data_ref
#include "objects/int.h"        // ft_int_*
#include "objects/list.h"       // ft_list_*
#include "objects/tuple.h"      // ft_tuple_*
#include "objects/type.h"       // ft_type_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

// type(n), e.g. ValueError(1).
static FtObject *
exc_int(FtTypeObject *type, int n)
{
    FtObject *v = ft_int_from_int64_ref(n);
    FtObject *e = ft_exception_new_ref(type, &v, 1);
    ft_decref(v);
    return e;
}

// ExceptionGroup-like call type(msg, list of the n exceptions), stealing them.
static FtObject *
group_steal(FtTypeObject *type, const char *msg, int n, FtObject *const *excs)
{
    FtObject *list = ft_list_new_ref(0);
    for (int i = 0; i < n; i++) {
        ft_list_append(list, excs[i]);
        ft_decref(excs[i]);
    }
    FtObject *args[2] = {ft_str_from_cstr_ref(msg), list};
    FtObject *eg = ft_exception_new_ref(type, args, 2);
    ft_decref(args[0]);
    ft_decref(list);
    return eg;
}

// ExceptionGroup('g', [ValueError(1), TypeError(2), ExceptionGroup('h', [ValueError(3), OSError(4)])])
static FtObject *
nested_group(void)
{
    FtObject *inner[2] = {exc_int(&ft_exc_value_error, 3), exc_int(&ft_exc_os_error, 4)};
    FtObject *outer[3] = {exc_int(&ft_exc_value_error, 1), exc_int(&ft_exc_type_error, 2),
                          group_steal(&ft_exc_exception_group, "h", 2, inner)};
    return group_steal(&ft_exc_exception_group, "g", 3, outer);
}

static FtObject *
call_method1(FtObject *self, const char *name, FtObject *arg)
{
    return ft_object_call_method_cstr_ref(self, name, &arg, 1);
}

// Oracle: python3.14 /tmp/eg1.py:
//   l=[ValueError(1), TypeError(2)]; e=ExceptionGroup('msg', l)
//   repr(e), str(e) -> ExceptionGroup('msg', [ValueError(1), TypeError(2)]) msg (2 sub-exceptions)
//   l.append(KeyError(3)); repr(e) unchanged
//   type(BaseExceptionGroup('x', [KeyboardInterrupt()])) -> BaseExceptionGroup
//   BaseExceptionGroup('x', (ValueError(1),)) -> ExceptionGroup('x', (ValueError(1),))
//   ExceptionGroup.__mro__ -> (ExceptionGroup, BaseExceptionGroup, Exception, BaseException, object)
TEST(construction_str_repr_and_hierarchy)
{
    FtObject *excs[2] = {exc_int(&ft_exc_value_error, 1), exc_int(&ft_exc_type_error, 2)};
    FtObject *list = ft_list_new_ref(0);
    ft_list_append(list, excs[0]);
    ft_list_append(list, excs[1]);
    FtObject *args[2] = {ft_str_from_cstr_ref("msg"), list};
    FtObject *eg = ft_exception_new_ref(&ft_exc_exception_group, args, 2);
    CHECK(eg != NULL && ft_exception_group_check(eg));
    CHECK(obj_repr_is(eg, "ExceptionGroup('msg', [ValueError(1), TypeError(2)])"));
    FtObject *s = ft_object_str_ref(eg);
    CHECK(obj_str_is(s, "msg (2 sub-exceptions)"));
    ft_decref(s);
    FtObject *k = exc_int(&ft_exc_key_error, 3);
    ft_list_append(list, k);
    ft_decref(k);
    CHECK(obj_repr_is(eg, "ExceptionGroup('msg', [ValueError(1), TypeError(2)])"));
    FtObject *ex = ft_object_get_attr_cstr_ref(eg, "exceptions");
    CHECK(obj_repr_is(ex, "(ValueError(1), TypeError(2))"));
    ft_decref(ex);
    ft_decref(eg);

    FtObject *kbd = ft_exception_new_ref(&ft_exc_keyboard_interrupt, NULL, 0);
    FtObject *one = ft_tuple_pack_ref(1, kbd);
    args[1] = one;
    eg = ft_exception_new_ref(&ft_exc_base_exception_group, args, 2);
    CHECK(eg != NULL && eg->ob_type == &ft_exc_base_exception_group);
    ft_decref(eg);
    CHECK(ft_exception_new_ref(&ft_exc_exception_group, args, 2) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "Cannot nest BaseExceptions in an ExceptionGroup"));
    ft_decref(one);
    one = ft_tuple_pack_ref(1, excs[0]);
    args[1] = one;
    eg = ft_exception_new_ref(&ft_exc_base_exception_group, args, 2);
    CHECK(eg != NULL && eg->ob_type == &ft_exc_exception_group);
    CHECK(obj_repr_is(eg, "ExceptionGroup('msg', (ValueError(1),))"));
    ft_decref(eg);
    CHECK(obj_repr_is(ft_exc_exception_group.tp_mro,
                      "(<class 'ExceptionGroup'>, <class 'BaseExceptionGroup'>, <class 'Exception'>, "
                      "<class 'BaseException'>, <class 'object'>)"));
    ft_decref(one);
    ft_decref(kbd);
    ft_decref(args[0]);
    ft_decref(list);
    ft_decref(excs[0]);
    ft_decref(excs[1]);
}

// Oracle: python3.14 /tmp/eg1.py: ExceptionGroup(), ExceptionGroup('m'), ExceptionGroup('m', 1),
// ExceptionGroup(1, [ValueError()]), ExceptionGroup('m', []), ExceptionGroup('m', [1])
TEST(constructor_errors)
{
    FtObject *m = ft_str_from_cstr_ref("m"), *one = ft_int_from_int64_ref(1);
    FtObject *empty = ft_list_new_ref(0), *ints = ft_list_new_ref(0);
    ft_list_append(ints, one);
    FtObject *args[2] = {m, NULL};
    CHECK(ft_exception_new_ref(&ft_exc_exception_group, args, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "BaseExceptionGroup.__new__() takes exactly 2 arguments (1 given)"));
    args[1] = one;
    CHECK(ft_exception_new_ref(&ft_exc_exception_group, args, 2) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "second argument (exceptions) must be a sequence"));
    args[1] = empty;
    CHECK(ft_exception_new_ref(&ft_exc_exception_group, args, 2) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error,
                       "second argument (exceptions) must be a non-empty sequence"));
    args[1] = ints;
    CHECK(ft_exception_new_ref(&ft_exc_exception_group, args, 2) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error,
                       "Item 0 of second argument (exceptions) is not an exception"));
    args[0] = one;
    CHECK(ft_exception_new_ref(&ft_exc_exception_group, args, 2) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "BaseExceptionGroup.__new__() argument 1 must be str, not int"));
    ft_decref(m);
    ft_decref(one);
    ft_decref(empty);
    ft_decref(ints);
}

// Oracle: python3.14 /tmp/or1.py (eg = the nested group above):
//   eg.split(ValueError) -> (ExceptionGroup('g', [ValueError(1), ExceptionGroup('h', [ValueError(3)])]),
//                            ExceptionGroup('g', [TypeError(2), ExceptionGroup('h', [OSError(4)])]))
//   eg.subgroup(KeyError) -> None; eg.split(ExceptionGroup)[0] is eg -> True
//   eg.split(int) -> TypeError expected an exception type, a tuple of exception types, or a
//   callable (other than a class)
// and tests/lang/types_exceptions/group_split_derive.py: the parts copy __notes__ (a new list),
// __cause__ (setting __suppress_context__) and __context__.
TEST(split_subgroup_and_metadata)
{
    FtObject *eg = nested_group();
    FtObject *note = ft_str_from_cstr_ref("group note");
    FtObject *r = call_method1(eg, "add_note", note);
    ft_xdecref(r);
    ft_exception_set_cause_steal(eg, exc_int(&ft_exc_key_error, 9));
    FtObject *pair = call_method1(eg, "split", (FtObject *)&ft_exc_value_error);
    CHECK(obj_repr_is(pair, "(ExceptionGroup('g', [ValueError(1), ExceptionGroup('h', "
                            "[ValueError(3)])]), ExceptionGroup('g', [TypeError(2), "
                            "ExceptionGroup('h', [OSError(4)])]))"));
    FtObject *match = ft_tuple_get_item_borrow(pair, 0);
    FtObject *notes = ft_object_get_attr_cstr_ref(match, "__notes__");
    FtObject *orig_notes = ft_object_get_attr_cstr_ref(eg, "__notes__");
    CHECK(obj_repr_is(notes, "['group note']") && notes != orig_notes);
    FtObject *cause = ft_exception_get_cause_ref(match);
    CHECK(obj_repr_is(cause, "KeyError(9)"));
    CHECK(((FtBaseExceptionObject *)match)->suppress_context == 1);
    ft_decref(cause);
    ft_decref(notes);
    ft_decref(orig_notes);
    ft_decref(pair);

    FtObject *sub = call_method1(eg, "subgroup", (FtObject *)&ft_exc_key_error);
    CHECK(sub == FT_NONE);
    ft_decref(sub);
    pair = call_method1(eg, "split", (FtObject *)&ft_exc_exception_group);
    CHECK(pair != NULL && ft_tuple_get_item_borrow(pair, 0) == eg);
    ft_decref(pair);
    CHECK(call_method1(eg, "split", (FtObject *)&ft_int_type) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "expected an exception type, a tuple of exception types, "
                                           "or a callable (other than a class)"));
    FtObject *two = ft_tuple_pack_ref(2, (FtObject *)&ft_exc_type_error, (FtObject *)&ft_exc_os_error);
    pair = call_method1(eg, "split", two);
    CHECK(obj_repr_is(pair, "(ExceptionGroup('g', [TypeError(2), ExceptionGroup('h', "
                            "[OSError(4)])]), ExceptionGroup('g', [ValueError(1), "
                            "ExceptionGroup('h', [ValueError(3)])]))"));
    ft_decref(pair);
    ft_decref(two);
    ft_decref(note);
    ft_decref(eg);
}

// Oracle: python3.14 /tmp/or2.py and /tmp/eg4.py:
//   except* int / (ValueError, int) -> catching classes that do not inherit from BaseException is
//   not allowed; except* ExceptionGroup -> catching ExceptionGroup with except* is not allowed. Use
//   except instead.; a naked ValueError('n') caught -> ExceptionGroup('', (ValueError('n'),));
//   except* TypeError lets ValueError('n') through unchanged.
TEST(exception_group_match)
{
    FtObject *naked = ft_str_from_cstr_ref("n");
    FtObject *v = ft_exception_new_ref(&ft_exc_value_error, &naked, 1);
    FtObject *match = (FtObject *)1, *rest = (FtObject *)1;
    CHECK_EQ_INT(ft_exception_group_match(v, (FtObject *)&ft_int_type, &match, &rest), -1);
    CHECK(match == NULL && rest == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "catching classes that do not inherit from BaseException is not allowed"));
    CHECK_EQ_INT(ft_exception_group_match(v, (FtObject *)&ft_exc_exception_group, &match, &rest), -1);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "catching ExceptionGroup with except* is not allowed. Use except instead."));
    FtObject *bad = ft_tuple_pack_ref(2, (FtObject *)&ft_exc_value_error, (FtObject *)&ft_int_type);
    CHECK_EQ_INT(ft_exception_group_match(v, bad, &match, &rest), -1);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "catching classes that do not inherit from BaseException is not allowed"));
    ft_decref(bad);

    CHECK_EQ_INT(ft_exception_group_match(v, (FtObject *)&ft_exc_value_error, &match, &rest), 0);
    CHECK(obj_repr_is(match, "ExceptionGroup('', (ValueError('n'),))"));
    CHECK(rest == FT_NONE);
    ft_decref(match);
    ft_decref(rest);
    CHECK_EQ_INT(ft_exception_group_match(v, (FtObject *)&ft_exc_type_error, &match, &rest), 0);
    CHECK(match == FT_NONE && rest == v);
    ft_decref(match);
    ft_decref(rest);
    CHECK_EQ_INT(ft_exception_group_match(FT_NONE, (FtObject *)&ft_exc_type_error, &match, &rest), 0);
    CHECK(match == FT_NONE && rest == FT_NONE);
    ft_decref(match);
    ft_decref(rest);

    FtObject *eg = nested_group();
    CHECK_EQ_INT(ft_exception_group_match(eg, (FtObject *)&ft_exc_exception, &match, &rest), 0);
    CHECK(match == eg && rest == FT_NONE);
    ft_decref(match);
    ft_decref(rest);
    CHECK_EQ_INT(ft_exception_group_match(eg, (FtObject *)&ft_exc_os_error, &match, &rest), 0);
    CHECK(obj_repr_is(match, "ExceptionGroup('g', [ExceptionGroup('h', [OSError(4)])])"));
    CHECK(obj_repr_is(rest, "ExceptionGroup('g', [ValueError(1), TypeError(2), "
                            "ExceptionGroup('h', [ValueError(3)])])"));
    ft_decref(match);
    ft_decref(rest);
    ft_decref(eg);
    ft_decref(v);
    ft_decref(naked);
}

// Oracle: python3.14 /tmp/or1.py:
//   s1: raise ExceptionGroup('g', [ValueError(1), TypeError(2)]) from KeyError('c'); except*
//       ValueError: raise KeyError(5) -> ExceptionGroup('', [KeyError(5), ExceptionGroup('g',
//       [TypeError(2)])]), its __cause__ None
//   s2: the nested group, except* ValueError: raise -> the whole group again
TEST(prep_reraise_star)
{
    // s1: the clause raised a new exception; the unmatched rest is re-raised beside it.
    FtObject *two[2] = {exc_int(&ft_exc_value_error, 1), exc_int(&ft_exc_type_error, 2)};
    FtObject *orig = group_steal(&ft_exc_exception_group, "g", 2, two);
    ft_exception_set_cause_steal(orig, exc_int(&ft_exc_key_error, 7));
    FtObject *match, *rest;
    CHECK_EQ_INT(ft_exception_group_match(orig, (FtObject *)&ft_exc_value_error, &match, &rest), 0);
    FtObject *excs = ft_list_new_ref(0);
    FtObject *raised = exc_int(&ft_exc_key_error, 5);
    ft_list_append(excs, raised);
    ft_list_append(excs, rest);
    FtObject *res = ft_exception_prep_reraise_star_ref(orig, excs);
    CHECK(obj_repr_is(res, "ExceptionGroup('', [KeyError(5), ExceptionGroup('g', [TypeError(2)])])"));
    FtObject *cause = ft_exception_get_cause_ref(res);
    CHECK(cause == NULL);
    ft_decref(res);
    ft_decref(excs);
    ft_decref(raised);
    ft_decref(match);
    ft_decref(rest);
    ft_decref(orig);

    // s2: the clause re-raised its match: the original structure comes back.
    orig = nested_group();
    ft_exception_set_cause_steal(orig, exc_int(&ft_exc_key_error, 8));
    CHECK_EQ_INT(ft_exception_group_match(orig, (FtObject *)&ft_exc_value_error, &match, &rest), 0);
    excs = ft_list_new_ref(0);
    ft_list_append(excs, match);
    ft_list_append(excs, rest);
    res = ft_exception_prep_reraise_star_ref(orig, excs);
    CHECK(obj_repr_is(res, "ExceptionGroup('g', [ValueError(1), TypeError(2), ExceptionGroup('h', "
                           "[ValueError(3), OSError(4)])])"));
    ft_decref(res);
    ft_decref(excs);
    // Nothing raised at all (every clause handled its part): None.
    excs = ft_list_new_ref(0);
    ft_list_append(excs, FT_NONE);
    res = ft_exception_prep_reraise_star_ref(orig, excs);
    CHECK(res == FT_NONE);
    ft_decref(res);
    ft_decref(excs);
    // A naked exception: the one exception is returned as is.
    excs = ft_list_new_ref(0);
    ft_list_append(excs, match);
    FtObject *v = exc_int(&ft_exc_value_error, 1);
    res = ft_exception_prep_reraise_star_ref(v, excs);
    CHECK(res == match);
    ft_decref(res);
    ft_decref(v);
    ft_decref(excs);
    CHECK(ft_exception_prep_reraise_star_ref(orig, FT_NONE) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "excs must be a list of exception instances"));
    ft_decref(match);
    ft_decref(rest);
    ft_decref(orig);
}

// Oracle: python3.14 /tmp/uni.py and tests/lang/types_exceptions/attributes.py:
//   UnicodeDecodeError("utf-8", b"\xff", 0, 1, "invalid start byte") -> 'utf-8' codec can't
//   decode byte 0xff in position 0: invalid start byte
//   UnicodeEncodeError('ascii', 'h\xe9', 1, 2, 'bad') -> 'ascii' codec can't encode character
//   '\xe9' in position 1: bad
//   UnicodeEncodeError('ascii','abc',-5,10,'r') -> ... can't encode characters in position -5-9: r
//   UnicodeTranslateError('ab',0,2,'r') -> can't translate characters in position 0-1: r
//   UnicodeEncodeError(1,'a',1,2,'r') -> TypeError argument 1 must be str, not int
//   UnicodeEncodeError('a') -> TypeError function takes exactly 5 arguments (1 given)
TEST(unicode_errors)
{
    FtObject *args[5] = {ft_str_from_cstr_ref("utf-8"), ft_bytes_from_data_ref("\xff", 1),
                         ft_int_from_int64_ref(0), ft_int_from_int64_ref(1),
                         ft_str_from_cstr_ref("invalid start byte")};
    FtObject *e = ft_exception_new_ref(&ft_exc_unicode_decode_error, args, 5);
    FtObject *s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"));
    ft_decref(s);
    FtObject *enc = ft_object_get_attr_cstr_ref(e, "encoding");
    FtObject *end = ft_object_get_attr_cstr_ref(e, "end");
    CHECK(obj_repr_is(enc, "'utf-8'") && obj_repr_is(end, "1"));
    ft_decref(enc);
    ft_decref(end);
    ft_decref(e);
    for (int i = 0; i < 5; i++)
        ft_decref(args[i]);

    FtObject *eargs[5] = {ft_str_from_cstr_ref("ascii"), ft_str_from_cstr_ref("h\xc3\xa9"),
                          ft_int_from_int64_ref(1), ft_int_from_int64_ref(2),
                          ft_str_from_cstr_ref("bad")};
    e = ft_exception_new_ref(&ft_exc_unicode_encode_error, eargs, 5);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "'ascii' codec can't encode character '\\xe9' in position 1: bad"));
    ft_decref(s);
    ft_decref(e);
    ft_decref(eargs[2]);
    ft_decref(eargs[3]);
    eargs[2] = ft_int_from_int64_ref(-5);
    eargs[3] = ft_int_from_int64_ref(10);
    e = ft_exception_new_ref(&ft_exc_unicode_encode_error, eargs, 5);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "'ascii' codec can't encode characters in position -5-9: bad"));
    ft_decref(s);
    ft_decref(e);
    e = ft_exception_new_ref(&ft_exc_unicode_translate_error, eargs + 1, 4);
    s = ft_object_str_ref(e);
    CHECK(obj_str_is(s, "can't translate characters in position -5-9: bad"));
    ft_decref(s);
    ft_decref(e);
    FtObject *first = eargs[0];
    eargs[0] = eargs[2];
    CHECK(ft_exception_new_ref(&ft_exc_unicode_encode_error, eargs, 5) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "argument 1 must be str, not int"));
    eargs[0] = first;
    CHECK(ft_exception_new_ref(&ft_exc_unicode_encode_error, eargs, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "function takes exactly 5 arguments (1 given)"));
    for (int i = 0; i < 5; i++)
        ft_decref(eargs[i]);
}

// Oracle: python3.14 -c "e=ValueError(1); e.x=5; print(e.__dict__, e.__reduce__(),
//   KeyError('a').__reduce__())" -> {'x': 5} (<class 'ValueError'>, (1,), {'x': 5})
//   (<class 'KeyError'>, ('a',))
TEST(instance_dict_and_reduce)
{
    FtObject *e = exc_int(&ft_exc_value_error, 1);
    FtObject *red = ft_object_call_method_cstr_ref(e, "__reduce__", NULL, 0);
    CHECK(obj_repr_is(red, "(<class 'ValueError'>, (1,))"));
    ft_decref(red);
    FtObject *five = ft_int_from_int64_ref(5), *x = ft_str_from_cstr_ref("x");
    CHECK_EQ_INT(ft_object_set_attr(e, x, five), 0);
    FtObject *d = ft_object_get_attr_cstr_ref(e, "__dict__");
    CHECK(obj_repr_is(d, "{'x': 5}"));
    ft_decref(d);
    red = ft_object_call_method_cstr_ref(e, "__reduce__", NULL, 0);
    CHECK(obj_repr_is(red, "(<class 'ValueError'>, (1,), {'x': 5})"));
    ft_decref(red);
    ft_decref(five);
    ft_decref(x);
    ft_decref(e);
}

#define THREADS 2
static pthread_barrier_t barrier;
static FtObject *shared_group;   // published before the threads start

static void *
splitter(void *arg)
{
    obj_thread_begin();
    pthread_barrier_wait(&barrier);
    for (int i = 0; i < 100; i++) {
        FtObject *pair = call_method1(shared_group, "split", (FtObject *)&ft_exc_value_error);
        FtObject *m, *r;
        if (ft_exception_group_match(shared_group, (FtObject *)&ft_exc_type_error, &m, &r) == 0) {
            ft_decref(m);
            ft_decref(r);
        }
        FtObject *note = ft_str_from_cstr_ref("n");
        FtObject *res = call_method1(shared_group, "add_note", note);
        ft_xdecref(res);
        ft_decref(note);
        ft_xdecref(pair);
    }
    ft_thread_state_delete_current();
    return NULL;
}

// A group shared by threads: concurrent split()/match (which read the notes) and add_note neither
// crash nor lose a note.
TEST(concurrent_split_and_notes)
{
    shared_group = nested_group();
    pthread_barrier_init(&barrier, NULL, THREADS);
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, splitter, NULL);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    FtObject *notes = ft_object_get_attr_cstr_ref(shared_group, "__notes__");
    CHECK(notes != NULL && ft_list_check(notes));
    CHECK_EQ_INT(ft_list_size(notes), THREADS * 100);
    ft_xdecref(notes);
    ft_decref(shared_group);
}

int
main(void)
{
    return ft_test_run_all();
}

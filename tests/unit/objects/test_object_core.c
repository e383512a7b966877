// tests/unit/objects/test_object_core.c: the generic protocol (repr, str, hash, rich comparison,
// truth, attributes, calls) on the core types: None/NotImplemented/Ellipsis, bool, int, str.
// Expected values come from the oracle; each group names the command that printed them.
#include <pthread.h>   // pthread_barrier_t
#include <string.h>    // strlen

#include "objects_test_util.h"

#include "objects/int.h"     // ft_int_*
#include "objects/tuple.h"   // ft_tuple_*
#include "objects/type.h"    // ft_type_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

// Oracle: python3.14 -c "print(repr(None), repr(NotImplemented), repr(...), repr(True))"
//   None NotImplemented Ellipsis True
// Oracle: python3.14 -c "print(hash(None), hash(True))"  ->  4238894112 1
TEST(singletons)
{
    CHECK(obj_repr_is(FT_NONE, "None"));
    CHECK(obj_repr_is(FT_NOT_IMPLEMENTED, "NotImplemented"));
    CHECK(obj_repr_is(FT_ELLIPSIS, "Ellipsis"));
    CHECK(obj_repr_is(FT_TRUE, "True"));
    CHECK(obj_repr_is(FT_FALSE, "False"));
    CHECK_EQ_INT(ft_object_hash(FT_NONE), 4238894112LL);
    CHECK_EQ_INT(ft_object_hash(FT_TRUE), 1);
    CHECK_EQ_INT(ft_object_hash(FT_FALSE), 0);
    CHECK(ft_object_is_immortal(FT_NONE));
    CHECK_EQ_INT(ft_object_is_true(FT_NONE), 0);
    CHECK_EQ_INT(ft_object_is_true(FT_ELLIPSIS), 1);
    // Oracle: bool(NotImplemented) -> TypeError NotImplemented should not be used in a boolean context
    CHECK_EQ_INT(ft_object_is_true(FT_NOT_IMPLEMENTED), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "NotImplemented should not be used in a boolean context"));
    // Oracle: type(None)(1) -> TypeError NoneType takes no arguments
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_none_type, &one, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "NoneType takes no arguments"));
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_none_type, NULL, 0, NULL) == FT_NONE);
    // Oracle: None() -> TypeError 'NoneType' object is not callable
    CHECK(ft_object_vectorcall_ref(FT_NONE, NULL, 0, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'NoneType' object is not callable"));
}

// Oracle: python3.14 -c "print(256 is int('256'), 257 is int('257'), -5 is int('-5'), -6 is int('-6'))"
//   True False True False
// Oracle: python3.14 -c "print(hash(-1), hash(2**61-1), hash(2**61), hash(-2**63), hash(2**63-1))"
//   -2 0 1 -4 3
TEST(int_cache_repr_hash)
{
    FtObject *a = ft_int_from_int64_ref(256), *b = ft_int_from_int64_ref(256);
    CHECK(a == b && ft_object_is_immortal(a));
    FtObject *c = ft_int_from_int64_ref(257), *d = ft_int_from_int64_ref(257);
    CHECK(c != d && !ft_object_is_immortal(c));
    CHECK(ft_int_from_int64_ref(-5) == ft_int_from_int64_ref(-5));
    FtObject *e = ft_int_from_int64_ref(-6);
    CHECK(!ft_object_is_immortal(e));
    CHECK_EQ_INT(ft_object_rich_compare_bool(c, d, FT_EQ), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(e, c, FT_LT), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(FT_TRUE, ft_int_from_int64_ref(1), FT_EQ), 1);
    CHECK(obj_repr_is(c, "257"));
    CHECK(obj_repr_is(e, "-6"));
    CHECK_EQ_INT(ft_int_hash_int64(-1), -2);
    CHECK_EQ_INT(ft_int_hash_int64((INT64_C(1) << 61) - 1), 0);
    CHECK_EQ_INT(ft_int_hash_int64(INT64_C(1) << 61), 1);
    CHECK_EQ_INT(ft_int_hash_int64(INT64_MIN), -4);
    CHECK_EQ_INT(ft_int_hash_int64(INT64_MAX), 3);
    CHECK_EQ_INT(ft_object_hash(c), 257);
    FtObject *big = ft_int_from_int64_ref(INT64_MIN);
    CHECK(obj_repr_is(big, "-9223372036854775808"));
    ft_decref(big);
    ft_decref(c);
    ft_decref(d);
    ft_decref(e);
}

// Oracle: 1 < "a" -> TypeError '<' not supported between instances of 'int' and 'str'
TEST(rich_compare_fallbacks)
{
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *s = ft_str_from_cstr_ref("a");
    CHECK(s != NULL);
    CHECK(ft_object_rich_compare_ref(one, s, FT_LT) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'<' not supported between instances of 'int' and 'str'"));
    CHECK(ft_object_rich_compare_ref(s, one, FT_GE) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'>=' not supported between instances of 'str' and 'int'"));
    // == and != fall back to identity.
    CHECK(ft_object_rich_compare_ref(one, s, FT_EQ) == FT_FALSE);
    CHECK(ft_object_rich_compare_ref(one, s, FT_NE) == FT_TRUE);
    CHECK(ft_object_rich_compare_ref(FT_NONE, FT_NONE, FT_EQ) == FT_TRUE);
    CHECK_EQ_INT(ft_object_rich_compare_bool(s, s, FT_EQ), 1);
    ft_decref(s);
}

// Oracle: PYTHONHASHSEED=0 python3.14 -c "print(hash('abc'), hash(''), hash('a'), hash('é'),
//   hash('€uro'), hash('\U0001F600'))"
//   -4594863902769663758 0 4644417185603328019 6047309291227476195 7542247858446192590
//   -3536540696076613844
// Oracle: PYTHONHASHSEED=0 python3.14 -c "print(hash('hello world, a longer string of 40 chars'))"
//   2393512172061100920
TEST(str_hash_matches_oracle_seed0)
{
    static const struct { const char *text; long long hash; } cases[] = {
        {"abc", -4594863902769663758LL},
        {"", 0},
        {"a", 4644417185603328019LL},
        {"\xc3\xa9", 6047309291227476195LL},
        {"\xe2\x82\xacuro", 7542247858446192590LL},
        {"\xf0\x9f\x98\x80", -3536540696076613844LL},
        {"hello world, a longer string of 40 chars", 2393512172061100920LL},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        FtObject *s = ft_str_from_cstr_ref(cases[i].text);
        CHECK(s != NULL);
        CHECK_EQ_INT(ft_object_hash(s), cases[i].hash);
        CHECK_EQ_INT(ft_object_hash(s), cases[i].hash);   // cached
        ft_decref(s);
    }
}

// Oracle: python3.14 -c "print(repr(\"it's \\\"q\\\"\"), repr('a\"b'))"  ->  'it\'s "q"' 'a"b'
// Oracle: python3.14 -c "print(repr('\n\t\x00\x7f\x80é\u2028\U0001F600\U000e0000'))"
//   '\n\t\x00\x7f\x80é\u2028😀\U000e0000'
// Oracle: python3.14 -c "print(repr('\x1f\x7f\xa0\xad\u00e9\u0378\ud800\U0010ffff'))"
//   '\x1f\x7f\xa0\xadé\u0378\ud800\U0010ffff'
TEST(str_repr_quoting_and_escapes)
{
    FtObject *s = ft_str_from_cstr_ref("it's \"q\"");
    CHECK(obj_repr_is(s, "'it\\'s \"q\"'"));
    ft_decref(s);
    s = ft_str_from_cstr_ref("it's");
    CHECK(obj_repr_is(s, "\"it's\""));
    ft_decref(s);
    s = ft_str_from_cstr_ref("a\"b\\");
    CHECK(obj_repr_is(s, "'a\"b\\\\'"));
    ft_decref(s);
    uint32_t cps[] = {'\n', '\t', 0, 0x7F, 0x80, 0xE9, 0x2028, 0x1F600, 0xE0000};
    s = ft_str_from_code_points_ref(cps, 9);
    CHECK(obj_repr_is(s, "'\\n\\t\\x00\\x7f\\x80\xc3\xa9\\u2028\xf0\x9f\x98\x80\\U000e0000'"));
    ft_decref(s);
    uint32_t cps2[] = {0x1F, 0x7F, 0xA0, 0xAD, 0xE9, 0x378, 0xD800, 0x10FFFF};
    s = ft_str_from_code_points_ref(cps2, 8);
    CHECK(obj_repr_is(s, "'\\x1f\\x7f\\xa0\\xad\xc3\xa9\\u0378\\ud800\\U0010ffff'"));
    ft_decref(s);
}

TEST(str_construction_kinds_and_validation)
{
    FtObject *s = ft_str_from_cstr_ref("\xe2\x82\xacuro");
    CHECK(s != NULL);
    CHECK_EQ_INT(ft_str_length(s), 4);
    CHECK_EQ_INT(((FtStrObject *)s)->kind, 2);
    CHECK(!((FtStrObject *)s)->ascii);
    Ft_ssize n;
    const char *u = ft_str_as_utf8(s, &n);
    CHECK(u != NULL && n == 6 && strcmp(u, "\xe2\x82\xacuro") == 0);
    CHECK(ft_str_as_utf8(s, NULL) == u);   // cached
    ft_decref(s);
    // Oracle: b'\xff'.decode() -> UnicodeDecodeError: 'utf-8' codec can't decode byte 0xff in
    // position 0: invalid start byte
    CHECK(ft_str_from_utf8_ref("\xff", 1) == NULL);
    CHECK(obj_error_is(&ft_exc_unicode_decode_error,
                       "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte"));
    // b'a\xed\xa0\x80'.decode() (a surrogate) -> ... byte 0xed in position 1: invalid continuation byte
    CHECK(ft_str_from_utf8_ref("a\xed\xa0\x80", 4) == NULL);
    CHECK(obj_error_is(&ft_exc_unicode_decode_error,
                       "'utf-8' codec can't decode byte 0xed in position 1: invalid continuation byte"));
    // b'ab\xe2\x82'.decode() -> ... bytes in position 2-3: unexpected end of data
    CHECK(ft_str_from_utf8_ref("ab\xe2\x82", 4) == NULL);
    CHECK(obj_error_is(&ft_exc_unicode_decode_error,
                       "'utf-8' codec can't decode bytes in position 2-3: unexpected end of data"));
    FtObject *ascii = ft_str_from_ascii_ref("plain");
    CHECK(obj_str_is(ascii, "plain"));
    CHECK(((FtStrObject *)ascii)->ascii && ((FtStrObject *)ascii)->kind == 1);
    ft_decref(ascii);
    FtObject *e1 = ft_str_from_cstr_ref(""), *e2 = ft_str_empty_ref();
    CHECK(e1 == e2 && ft_object_is_immortal(e1));
}

TEST(str_equality_order_concat)
{
    FtObject *a = ft_str_from_cstr_ref("abc"), *b = ft_str_from_cstr_ref("abd");
    FtObject *c = ft_str_concat_ref(a, b);
    CHECK(obj_str_is(c, "abcabd"));
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b, FT_LT), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b, FT_EQ), 0);
    FtObject *a2 = ft_str_from_cstr_ref("abc");
    CHECK(a2 != a && ft_str_equal(a, a2));
    CHECK_EQ_INT(ft_object_hash(a), ft_object_hash(a2));
    FtObject *euro = ft_str_from_cstr_ref("\xe2\x82\xac");
    FtObject *mixed = ft_str_concat_ref(a, euro);
    CHECK(obj_str_is(mixed, "abc\xe2\x82\xac"));
    CHECK_EQ_INT(((FtStrObject *)mixed)->kind, 2);
    // Oracle: "a" + 1 -> TypeError can only concatenate str (not "int") to str
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_str_type.tp_as_sequence->sq_concat(a, one) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "can only concatenate str (not \"int\") to str"));
    ft_decref(mixed);
    ft_decref(euro);
    ft_decref(a2);
    ft_decref(c);
    ft_decref(b);
    ft_decref(a);
}

TEST(str_format_codes)
{
    FtObject *name = ft_str_from_cstr_ref("x\xc3\xa9");
    FtObject *s = ft_str_from_format_ref("%s|%d|%zd|%i|%u|%ld|%lld|%x|%c|%%|%U|%R|%S|%.3s|%N|%T",
                                         "\xe2\x82\xac", -42, (Ft_ssize)7, 5, 9u, -1L, 1LL << 40,
                                         255, 0xE9, name, name, name, "abcdef", &ft_int_type, name);
    CHECK(obj_str_is(s, "\xe2\x82\xac|-42|7|5|9|-1|1099511627776|ff|\xc3\xa9|%|x\xc3\xa9|'x\xc3\xa9'|"
                        "x\xc3\xa9|abc|int|str"));
    ft_decref(s);
    s = ft_str_from_format_ref("%p", (void *)0x1230);
    CHECK(obj_str_is(s, "0x1230"));
    ft_decref(s);
    s = ft_str_from_format_ref("%02x", 5);
    CHECK(obj_str_is(s, "05"));
    ft_decref(s);
    // Bad UTF-8 in the format or a %s argument becomes U+FFFD instead of failing.
    s = ft_str_from_format_ref("a\xff\xfe" "b%s", "\xc3");
    CHECK(obj_str_is(s, "a\xef\xbf\xbd\xef\xbf\xbd" "b\xef\xbf\xbd"));
    ft_decref(s);
    CHECK(ft_str_from_format_ref("%q") == NULL);
    CHECK(obj_error_is(&ft_exc_system_error, "invalid format string: %q"));
    ft_decref(name);
}

TEST(intern_returns_one_immortal_object)
{
    FtObject *a = ft_str_from_cstr_ref("some_identifier"), *b = ft_str_from_cstr_ref("some_identifier");
    FtObject *ia = ft_str_intern_ref(a), *ib = ft_str_intern_ref(b);
    CHECK(ia == ib);
    CHECK(ft_object_is_immortal(ia));
    CHECK(ft_str_intern_ref(ia) == ia);
    CHECK(ft_str_intern_cstr_ref("some_identifier") == ia);
    ft_decref(a);
    ft_decref(b);
    // Many distinct strings force the table to grow; each stays findable.
    char buf[32];
    FtObject *first = ft_str_intern_cstr_ref("grow_0");
    for (int i = 1; i < 3000; i++) {
        snprintf(buf, sizeof buf, "grow_%d", i);
        CHECK(ft_str_intern_cstr_ref(buf) != NULL);
    }
    CHECK(ft_str_intern_cstr_ref("grow_0") == first);
}

#define RACE_THREADS 4
#define RACE_NAMES 200
static pthread_barrier_t race_barrier;
static FtObject *race_results[RACE_THREADS][RACE_NAMES];   // each thread writes its own row

static void *
intern_racer(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    char buf[32];
    FtObject *local[RACE_NAMES];
    for (int i = 0; i < RACE_NAMES; i++) {
        snprintf(buf, sizeof buf, "race_name_%d", i);
        local[i] = ft_str_from_cstr_ref(buf);
    }
    pthread_barrier_wait(&race_barrier);
    for (int i = 0; i < RACE_NAMES; i++) {
        race_results[id][i] = ft_str_intern_ref(local[i]);
        (void)ft_str_hash(race_results[id][i]);
        ft_decref(local[i]);
    }
    ft_thread_state_delete_current();
    return NULL;
}

// Threads intern the same names at once: every thread must get the same object for a name.
TEST(intern_concurrently)
{
    pthread_t threads[RACE_THREADS];
    pthread_barrier_init(&race_barrier, NULL, RACE_THREADS);
    for (int i = 0; i < RACE_THREADS; i++)
        pthread_create(&threads[i], NULL, intern_racer, (void *)(intptr_t)i);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < RACE_THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&race_barrier);
    for (int i = 0; i < RACE_NAMES; i++) {
        CHECK(race_results[0][i] != NULL);
        for (int t = 1; t < RACE_THREADS; t++)
            CHECK(race_results[t][i] == race_results[0][i]);
    }
}

// Oracle: object().x -> AttributeError 'object' object has no attribute 'x'
// Oracle: object().x=1 -> AttributeError 'object' object has no attribute 'x' and no __dict__ for
//   setting new attributes
// Oracle: int.x -> AttributeError type object 'int' has no attribute 'x'
// Oracle: int.x=1 -> TypeError cannot set 'x' attribute of immutable type 'int'
TEST(attributes_and_errors)
{
    FtObject *obj = ft_object_vectorcall_ref((FtObject *)&ft_base_object_type, NULL, 0, NULL);
    CHECK(obj != NULL);
    FtObject *x = ft_str_intern_cstr_ref("x");
    CHECK(ft_object_get_attr_ref(obj, x) == NULL);
    FtObject *exc = ft_error_occurred_borrow();
    CHECK(exc != NULL && ((FtAttributeErrorObject *)exc)->name == x);
    CHECK(obj_error_is(&ft_exc_attribute_error, "'object' object has no attribute 'x'"));
    CHECK_EQ_INT(ft_object_set_attr(obj, x, FT_NONE), -1);
    CHECK(obj_error_is(&ft_exc_attribute_error,
                       "'object' object has no attribute 'x' and no __dict__ for setting new attributes"));
    CHECK(ft_object_get_attr_ref((FtObject *)&ft_int_type, x) == NULL);
    CHECK(obj_error_is(&ft_exc_attribute_error, "type object 'int' has no attribute 'x'"));
    CHECK_EQ_INT(ft_object_set_attr((FtObject *)&ft_int_type, x, FT_NONE), -1);
    CHECK(obj_error_is(&ft_exc_type_error, "cannot set 'x' attribute of immutable type 'int'"));
    FtObject *res = NULL;
    CHECK_EQ_INT(ft_object_lookup_attr(obj, x, &res), 0);
    CHECK(res == NULL && !ft_error_occurred());
    // object.__class__ is a getset on object.
    FtObject *cls = ft_object_get_attr_cstr_ref(obj, "__class__");
    CHECK(cls == (FtObject *)&ft_base_object_type);
    // Oracle: object(1) -> TypeError object() takes no arguments
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_base_object_type, &one, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "object() takes no arguments"));
    // The default repr: <object object at 0x...>
    FtObject *r = ft_object_repr_ref(obj);
    CHECK(r != NULL && strncmp(ft_str_as_utf8(r, NULL), "<object object at 0x", 20) == 0);
    ft_decref(r);
    CHECK_EQ_INT(ft_object_hash(obj), ft_object_hash_pointer(obj));
    ft_decref(obj);
}

TEST(truth_and_str_of_core_objects)
{
    FtObject *zero = ft_int_from_int64_ref(0), *s = ft_str_from_cstr_ref("x");
    CHECK_EQ_INT(ft_object_is_true(zero), 0);
    CHECK_EQ_INT(ft_object_is_true(s), 1);
    CHECK_EQ_INT(ft_object_is_true(ft_str_empty_ref()), 0);
    CHECK_EQ_INT(ft_object_is_true(ft_tuple_new_ref(0)), 0);
    FtObject *str = ft_object_str_ref(s);
    CHECK(str == s);   // str of an exact str is itself
    ft_decref(str);
    str = ft_object_str_ref(FT_TRUE);
    CHECK(obj_str_is(str, "True"));
    ft_decref(str);
    // bool(x) through the type.
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_bool_type, &s, 1, NULL) == FT_TRUE);
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_bool_type, NULL, 0, NULL) == FT_FALSE);
    // int(x) and str(x) through the types.
    FtObject *t = ft_str_from_cstr_ref("-1234");
    FtObject *n = ft_object_vectorcall_ref((FtObject *)&ft_int_type, &t, 1, NULL);
    CHECK(obj_repr_is(n, "-1234"));
    FtObject *back = ft_object_vectorcall_ref((FtObject *)&ft_str_type, &n, 1, NULL);
    CHECK(obj_str_is(back, "-1234"));
    // Oracle: int('x') -> ValueError invalid literal for int() with base 10: 'x'
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_int_type, &s, 1, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "invalid literal for int() with base 10: 'x'"));
    ft_decref(back);
    ft_decref(n);
    ft_decref(t);
    ft_decref(s);
}

int
main(void)
{
    return ft_test_run_all();
}

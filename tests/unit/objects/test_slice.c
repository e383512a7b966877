// tests/unit/objects/test_slice.c: slice objects (objects/slice.c): ft_slice_unpack and
// ft_slice_adjust_indices against indices() from the oracle over a table of bounds, steps and
// lengths (tests/unit/objects/abstract_expected/slice_cases.gen.h, written by
// objects/gen/gen_abstract_tests.py), hashes, repr, comparison and every error message.
#include "abstract_test_util.h"
#include "objects/slice.h"   // ft_slice_*
#include "objects/tuple.h"   // ft_tuple_*

typedef struct SliceCase {
    int64_t start, stop, step, length;
    int64_t i_start, i_stop, i_step, slicelength;
    const char *error;   // "" when indices() succeeds
    int64_t hash;
} SliceCase;

#include "abstract_expected/slice_cases.gen.h"

TEST(setup)
{
    CHECK_EQ_INT(abs_setup(), 0);
}

static FtObject *
case_slice(const SliceCase *c)
{
    FtObject *a = abs_int_or_none(c->start), *b = abs_int_or_none(c->stop);
    FtObject *s = abs_int_or_none(c->step);
    FtObject *res = ft_slice_new_ref(a, b, s);
    ft_decref(a);
    ft_decref(b);
    ft_decref(s);
    return res;
}

TEST(unpack_and_adjust_match_the_oracle)
{
    int n = (int)(sizeof(slice_cases) / sizeof(slice_cases[0]));
    for (int k = 0; k < n; k++) {
        const SliceCase *c = &slice_cases[k];
        FtObject *s = case_slice(c);
        CHECK(s != NULL);
        Ft_ssize start, stop, step;
        int r = ft_slice_unpack(s, &start, &stop, &step);
        if (c->error[0] != '\0') {
            CHECK_EQ_INT(r, -1);
            CHECK(obj_error_is(&ft_exc_value_error, c->error));
        } else {
            CHECK_EQ_INT(r, 0);
            Ft_ssize len = ft_slice_adjust_indices((Ft_ssize)c->length, &start, &stop, step);
            if (start != c->i_start || stop != c->i_stop || step != c->i_step ||
                len != c->slicelength)
                printf("  case %d: got %td %td %td %td\n", k, start, stop, step, len);
            CHECK_EQ_INT(start, c->i_start);
            CHECK_EQ_INT(stop, c->i_stop);
            CHECK_EQ_INT(step, c->i_step);
            CHECK_EQ_INT(len, c->slicelength);
        }
        CHECK_EQ_INT(ft_object_hash(s), c->hash);
        ft_decref(s);
    }
}

TEST(indices_method_matches_the_oracle)
{
    int n = (int)(sizeof(slice_cases) / sizeof(slice_cases[0]));
    for (int k = 0; k < n; k++) {
        const SliceCase *c = &slice_cases[k];
        FtObject *s = case_slice(c);
        FtObject *len = ft_int_from_int64_ref(c->length);
        FtObject *t = ft_object_call_method_cstr_ref(s, "indices", &len, 1);
        ft_decref(len);
        ft_decref(s);
        if (c->error[0] != '\0') {
            CHECK(t == NULL);
            CHECK(obj_error_is(&ft_exc_value_error, c->error));
            continue;
        }
        CHECK(t != NULL && ft_tuple_check(t) && ft_tuple_size(t) == 3);
        int ok = abs_int_is(ft_tuple_get_item_borrow(t, 0), c->i_start) &&
                 abs_int_is(ft_tuple_get_item_borrow(t, 1), c->i_stop) &&
                 abs_int_is(ft_tuple_get_item_borrow(t, 2), c->i_step);
        ft_decref(t);
        CHECK(ok);
    }
}

TEST(repr_members_and_reduce)
{
    FtObject *one = ft_int_from_int64_ref(1), *two = ft_int_from_int64_ref(2);
    FtObject *s = ft_slice_new_ref(one, two, NULL);
    CHECK(obj_repr_is(s, "slice(1, 2, None)"));
    FtObject *n = ft_slice_new_ref(NULL, NULL, NULL);
    CHECK(obj_repr_is(n, "slice(None, None, None)"));
    FtObject *stop = ft_object_get_attr_cstr_ref(s, "stop");
    CHECK(stop == two);
    ft_decref(stop);
    FtObject *step = ft_object_get_attr_cstr_ref(s, "step");
    CHECK(step == FT_NONE);
    FtObject *red = ft_object_call_method_cstr_ref(s, "__reduce__", NULL, 0);
    CHECK(obj_repr_is(red, "(<class 'slice'>, (1, 2, None))"));
    ft_decref(red);
    // slice(x) is slice(None, x, None).
    FtObject *made = abs_call_type(&ft_slice_type, &two, 1);
    CHECK(obj_repr_is(made, "slice(None, 2, None)"));
    ft_decref(made);
    ft_decref(n);
    ft_decref(s);
    ft_decref(one);
    ft_decref(two);
}

TEST(compare_and_hash)
{
    FtObject *i1 = ft_int_from_int64_ref(1), *i2 = ft_int_from_int64_ref(2);
    FtObject *i3 = ft_int_from_int64_ref(3);
    FtObject *a = ft_slice_new_ref(i1, i2, NULL), *b = ft_slice_new_ref(i1, i3, NULL);
    FtObject *a2 = ft_slice_new_ref(i1, i2, NULL);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b, FT_LT), 1);   // slice(1,2) < slice(1,3)
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, a2, FT_EQ), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b, FT_GE), 0);
    CHECK_EQ_INT(ft_object_hash(a), ft_object_hash(a2));
    // oracle: hash(slice(1, 2, 3)) == -2340833382717974474
    FtObject *c = ft_slice_new_ref(i1, i2, i3);
    CHECK_EQ_INT(ft_object_hash(c), INT64_C(-2340833382717974474));
    // oracle: slice(1,2) < 5 -> TypeError
    CHECK(ft_object_rich_compare_ref(a, i3, FT_LT) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "'<' not supported between instances of 'slice' and 'int'"));
    // A slice of an unhashable part is unhashable (slice(1, 2, slice-with-a-type-without-hash)).
    ft_decref(a);
    ft_decref(a2);
    ft_decref(b);
    ft_decref(c);
    ft_decref(i1);
    ft_decref(i2);
    ft_decref(i3);
}

TEST(errors)
{
    // Oracle texts (python3.14 -c "slice()" etc.).
    CHECK(abs_call_type(&ft_slice_type, NULL, 0) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "slice expected at least 1 argument, got 0"));
    FtObject *i1 = ft_int_from_int64_ref(1);
    FtObject *four[4] = {i1, i1, i1, i1};
    CHECK(abs_call_type(&ft_slice_type, four, 4) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "slice expected at most 3 arguments, got 4"));
    FtObject *kw = ft_tuple_pack_ref(1, ft_str_intern_cstr_ref("stop"));
    ft_decref(ft_tuple_get_item_borrow(kw, 0));   // the tuple holds it
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_slice_type, four, 1, kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "slice() takes no keyword arguments"));
    ft_decref(kw);

    FtObject *text = ft_str_from_cstr_ref("a");
    FtObject *s = ft_slice_new_ref(text, NULL, NULL);
    Ft_ssize a, b, c;
    CHECK_EQ_INT(ft_slice_unpack(s, &a, &b, &c), -1);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "slice indices must be integers or None or have an __index__ method"));
    FtObject *three = ft_int_from_int64_ref(3);
    CHECK(ft_object_call_method_cstr_ref(s, "indices", &three, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error,
                       "slice indices must be integers or None or have an __index__ method"));
    ft_decref(s);
    s = ft_slice_new_ref(i1, NULL, NULL);
    FtObject *neg = ft_int_from_int64_ref(-1);
    CHECK(ft_object_call_method_cstr_ref(s, "indices", &neg, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "length should not be negative"));
    CHECK(ft_object_call_method_cstr_ref(s, "indices", &text, 1) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'str' object cannot be interpreted as an integer"));
    ft_decref(s);
    ft_decref(neg);
    ft_decref(three);
    ft_decref(text);
    ft_decref(i1);
}

TEST(huge_bounds_clamp)
{
    // slice(-10**30, 10**30, -10**30): unpack clamps, step becomes -PTRDIFF_MAX.
    FtObject *big = abs_int_text("1000000000000000000000000000000");
    FtObject *nbig = abs_int_text("-1000000000000000000000000000000");
    FtObject *s = ft_slice_new_ref(nbig, big, nbig);
    Ft_ssize a, b, c;
    CHECK_EQ_INT(ft_slice_unpack(s, &a, &b, &c), 0);
    CHECK(a == PTRDIFF_MIN && b == PTRDIFF_MAX && c == -PTRDIFF_MAX);
    CHECK_EQ_INT(ft_slice_adjust_indices(10, &a, &b, c), 0);
    // oracle: slice(-10**30, 10**30, -10**30).indices(10) == (-1, 9, -10**30)
    FtObject *ten = ft_int_from_int64_ref(10);
    FtObject *t = ft_object_call_method_cstr_ref(s, "indices", &ten, 1);
    CHECK(obj_repr_is(t, "(-1, 9, -1000000000000000000000000000000)"));
    ft_decref(t);
    ft_decref(ten);
    ft_decref(s);
    ft_decref(big);
    ft_decref(nbig);
}

// A slice over a length beyond int64 (oracle, python3.14):
//   slice(None, None, -1).indices(10**20) == (99999999999999999999, -1, -1)
//   slice(-5, None).indices(10**20) == (99999999999999999995, 100000000000000000000, 1)
//   slice(3, -10**25, -2).indices(10**20) == (3, -1, -2)
TEST(indices_of_a_huge_length)
{
    FtObject *len = abs_int_text("100000000000000000000");
    FtObject *m1 = ft_int_from_int64_ref(-1), *m5 = ft_int_from_int64_ref(-5);
    FtObject *three = ft_int_from_int64_ref(3), *m2 = ft_int_from_int64_ref(-2);
    FtObject *far = abs_int_text("-10000000000000000000000000");
    FtObject *cases[3] = {ft_slice_new_ref(NULL, NULL, m1), ft_slice_new_ref(m5, NULL, NULL),
                          ft_slice_new_ref(three, far, m2)};
    const char *expected[3] = {"(99999999999999999999, -1, -1)",
                               "(99999999999999999995, 100000000000000000000, 1)", "(3, -1, -2)"};
    for (int i = 0; i < 3; i++) {
        FtObject *t = ft_object_call_method_cstr_ref(cases[i], "indices", &len, 1);
        int ok = obj_repr_is(t, expected[i]);
        ft_xdecref(t);
        ft_decref(cases[i]);
        CHECK(ok);
    }
    ft_decref(far);
    ft_decref(m2);
    ft_decref(three);
    ft_decref(m5);
    ft_decref(m1);
    ft_decref(len);
}

int
main(void)
{
    return ft_test_run_all();
}

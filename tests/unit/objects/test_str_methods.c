// tests/unit/objects/test_str_methods.c: every str method and slot against the oracle's results
// (str_expected/methods.txt and slots.txt, from objects/gen/gen_str_tests.py), plus concurrent
// use of one shared str by several threads.
#include <pthread.h>   // pthread_barrier_t

#include "str_test_io.h"

#include "objects/str_methods.h"   // ft_str_find_in

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(methods_match_oracle)
{
    long count;
    CHECK_EQ_INT(str_cases_run_file("methods.txt", &count), 0);
    CHECK(count > 10000);
}

TEST(slots_match_oracle)
{
    long count;
    CHECK_EQ_INT(str_cases_run_file("slots.txt", &count), 0);
    CHECK(count > 200);
}

// Horspool's skip table is keyed by the low byte: needles whose code points collide there must
// still be found exactly.
TEST(search_low_byte_collisions)
{
    uint32_t hay[] = {0x141, 0x241, 0x41, 0x341, 0x141, 0x41};
    uint32_t needle[] = {0x41, 0x341, 0x141};
    FtObject *h = ft_str_from_code_points_ref(hay, 6);
    FtObject *n = ft_str_from_code_points_ref(needle, 3);
    CHECK_EQ_INT(ft_str_find_in(h, n, 0, 6, false), 2);
    CHECK_EQ_INT(ft_str_find_in(h, n, 0, 6, true), 2);
    CHECK_EQ_INT(ft_str_find_in(h, n, 3, 6, false), -1);
    ft_decref(h);
    ft_decref(n);
}

enum { N_THREADS = 4, N_ROUNDS = 200 };

static FtObject *shared_text;   // written before the threads start; immutable str
static pthread_barrier_t start_barrier;

// Each thread calls methods on the same str and checks the results; returns failures.
static void *
worker(void *arg)
{
    (void)arg;
    obj_thread_begin();
    pthread_barrier_wait(&start_barrier);
    long bad = 0;
    for (int r = 0; r < N_ROUNDS; r++) {
        FtObject *up = ft_object_get_attr_cstr_ref(shared_text, "upper");
        FtObject *res = up ? ft_object_vectorcall_ref(up, NULL, 0, NULL) : NULL;
        bad += res == NULL || !ft_str_equal_cstr(res, "STRASSE \xce\xa3\xce\xa3 \xf0\x9f\x98\x80");
        ft_xdecref(res);
        ft_xdecref(up);
        FtObject *sep = ft_str_from_ascii_ref(" ");
        FtObject *split = ft_object_get_attr_cstr_ref(shared_text, "split");
        res = split ? ft_object_vectorcall_ref(split, &sep, 1, NULL) : NULL;
        bad += res == NULL || ft_tuple_size(res) != 3;
        ft_xdecref(res);
        ft_xdecref(split);
        ft_decref(sep);
    }
    ft_thread_state_delete_current();
    return (void *)bad;
}

TEST(concurrent_methods_on_shared_str)
{
    shared_text = ft_str_from_cstr_ref("stra\xc3\x9f" "e \xcf\x83\xcf\x82 \xf0\x9f\x98\x80");
    CHECK(shared_text != NULL);
    pthread_barrier_init(&start_barrier, NULL, N_THREADS);
    pthread_t threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++)
        pthread_create(&threads[t], NULL, worker, NULL);
    long bad = 0;
    for (int t = 0; t < N_THREADS; t++) {
        void *out;
        pthread_join(threads[t], &out);
        bad += (long)out;
    }
    pthread_barrier_destroy(&start_barrier);
    CHECK_EQ_INT(bad, 0);
    ft_decref(shared_text);
}

TEST(iterator_yields_each_code_point)
{
    FtObject *s = ft_str_from_cstr_ref("a\xc3\xa9\xe4\xb8\x80\xf0\x9f\x98\x80");
    FtObject *it = s->ob_type->tp_iter(s);
    CHECK(it != NULL && it->ob_type == &ft_str_iterator_type);
    const char *want[] = {"a", "\xc3\xa9", "\xe4\xb8\x80", "\xf0\x9f\x98\x80"};
    for (int k = 0; k < 4; k++) {
        FtObject *c = it->ob_type->tp_iternext(it);
        CHECK(obj_str_is(c, want[k]));
        ft_xdecref(c);
    }
    CHECK(it->ob_type->tp_iternext(it) == NULL);
    CHECK(it->ob_type->tp_iternext(it) == NULL);
    CHECK(!ft_error_occurred());
    ft_decref(it);
    ft_decref(s);
}

// str(...) through the type's vectorcall: positional and keyword forms, and the decoding errors
// (oracle: python3.14 -c "str('a','utf-8')" etc.).
TEST(construction)
{
    FtObject *five = ft_int_from_int64_ref(5), *utf8 = ft_str_from_ascii_ref("utf-8");
    FtObject *a = ft_str_from_ascii_ref("a"), *object = ft_str_from_ascii_ref("object");
    FtObject *x = ft_str_from_ascii_ref("x");
    FtObject *obj_kw = ft_tuple_pack_ref(1, object), *x_kw = ft_tuple_pack_ref(1, x);
    FtObject *callable = (FtObject *)&ft_str_type;
    FtObject *r = ft_object_vectorcall_ref(callable, NULL, 0, NULL);
    CHECK(obj_str_is(r, ""));
    ft_xdecref(r);
    r = ft_object_vectorcall_ref(callable, &five, 1, NULL);
    CHECK(obj_str_is(r, "5"));
    ft_xdecref(r);
    r = ft_object_vectorcall_ref(callable, &five, 0, obj_kw);
    CHECK(obj_str_is(r, "5"));
    ft_xdecref(r);
    CHECK(ft_object_vectorcall_ref(callable, &five, 0, x_kw) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "str() got an unexpected keyword argument 'x'"));
    FtObject *two[] = {a, utf8};
    CHECK(ft_object_vectorcall_ref(callable, two, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "decoding str is not supported"));
    FtObject *two_int[] = {five, utf8};
    CHECK(ft_object_vectorcall_ref(callable, two_int, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "decoding to str: need a bytes-like object, int found"));
    FtObject *four[] = {a, a, a, a};
    CHECK(ft_object_vectorcall_ref(callable, four, 4, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "str expected at most 3 arguments, got 4"));
    FtObject *all[] = {five, utf8, a, object, x, obj_kw, x_kw};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
}

enum { ITER_LEN = 20000 };

static FtObject *shared_iter;   // written before the threads start
static pthread_barrier_t iter_barrier;

// Drains the shared iterator; returns how many characters it got, and checks they are 'x'.
static void *
iter_worker(void *arg)
{
    (void)arg;
    obj_thread_begin();
    pthread_barrier_wait(&iter_barrier);
    long got = 0;
    FtObject *c;
    while ((c = shared_iter->ob_type->tp_iternext(shared_iter)) != NULL) {
        got += ft_str_equal_cstr(c, "x") ? 1 : ITER_LEN * 10;
        ft_decref(c);
    }
    ft_thread_state_delete_current();
    return (void *)got;
}

TEST(shared_iterator_yields_each_character_once)
{
    uint32_t *cps = malloc(ITER_LEN * sizeof *cps);
    for (int i = 0; i < ITER_LEN; i++)
        cps[i] = 'x';
    FtObject *s = ft_str_from_code_points_ref(cps, ITER_LEN);
    free(cps);
    shared_iter = s->ob_type->tp_iter(s);
    pthread_barrier_init(&iter_barrier, NULL, N_THREADS);
    pthread_t threads[N_THREADS];
    for (int t = 0; t < N_THREADS; t++)
        pthread_create(&threads[t], NULL, iter_worker, NULL);
    long total = 0;
    for (int t = 0; t < N_THREADS; t++) {
        void *out;
        pthread_join(threads[t], &out);
        total += (long)out;
    }
    pthread_barrier_destroy(&iter_barrier);
    CHECK_EQ_INT(total, ITER_LEN);
    ft_decref(shared_iter);
    ft_decref(s);
}

int
main(void)
{
    return ft_test_run_all();
}

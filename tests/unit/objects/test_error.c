// tests/unit/objects/test_error.c: the per-thread current exception: set/format/occurred/matches/
// fetch/restore/clear, the preallocated MemoryError, and independence between threads.
// Expected texts come from the oracle; each group names the command that printed them.
#include <pthread.h>   // pthread_barrier_t

#include "objects_test_util.h"

#include "objects/int.h"     // ft_int_*
#include "objects/tuple.h"   // ft_tuple_*
#include "objects/type.h"    // ft_type_*

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(set_string_fetch_restore_clear)
{
    CHECK(!ft_error_occurred());
    ft_error_set_string(&ft_exc_value_error, "bad value");
    CHECK(ft_error_occurred());
    CHECK(ft_error_matches(&ft_exc_value_error));
    CHECK(ft_error_matches(&ft_exc_exception));
    CHECK(ft_error_matches(&ft_exc_base_exception));
    CHECK(!ft_error_matches(&ft_exc_type_error));
    FtObject *exc = ft_error_fetch_ref();
    CHECK(exc != NULL && !ft_error_occurred());
    CHECK(exc->ob_type == &ft_exc_value_error);
    // A tuple of types matches if any does.
    FtObject *match = ft_tuple_pack_ref(2, (FtObject *)&ft_exc_type_error,
                                        (FtObject *)&ft_exc_lookup_error);
    CHECK(!ft_error_given_matches(exc, match));
    ft_decref(match);
    match = ft_tuple_pack_ref(2, (FtObject *)&ft_exc_type_error, (FtObject *)&ft_exc_value_error);
    CHECK(ft_error_given_matches(exc, match));
    ft_decref(match);
    ft_error_restore_steal(exc);
    CHECK(ft_error_occurred_borrow() == exc);
    // Setting another exception replaces (and releases) the current one.
    ft_error_set_none(&ft_exc_key_error);
    CHECK(ft_error_matches(&ft_exc_key_error));
    ft_error_clear();
    CHECK(!ft_error_occurred());
    ft_error_clear();   // clearing nothing is fine
    CHECK(ft_error_fetch_ref() == NULL);
}

// Oracle: python3.14 -c "print(repr(ValueError('x', 2)), repr(KeyError('k')), str(KeyError('k')))"
//   ValueError('x', 2) KeyError('k') 'k'
TEST(set_object_forms)
{
    FtObject *k = ft_str_from_cstr_ref("k");
    ft_error_set_object(&ft_exc_key_error, k);
    FtObject *exc = ft_error_fetch_ref();
    CHECK(obj_repr_is(exc, "KeyError('k')"));
    FtObject *s = ft_object_str_ref(exc);
    CHECK(obj_str_is(s, "'k'"));
    ft_decref(s);
    // An instance of the type is raised as is.
    ft_error_set_object(&ft_exc_lookup_error, exc);
    CHECK(ft_error_occurred_borrow() == exc);
    ft_error_clear();
    ft_decref(exc);
    // A tuple becomes the argument list.
    FtObject *args = ft_tuple_pack_ref(2, k, ft_int_from_int64_ref(2));
    ft_error_set_object(&ft_exc_value_error, args);
    exc = ft_error_fetch_ref();
    CHECK(obj_repr_is(exc, "ValueError('k', 2)"));
    ft_decref(exc);
    ft_decref(args);
    ft_error_set_object(&ft_exc_value_error, FT_NONE);
    exc = ft_error_fetch_ref();
    CHECK(obj_repr_is(exc, "ValueError()"));
    ft_decref(exc);
    // A type that is not an exception is a SystemError.
    ft_error_set_object(&ft_int_type, NULL);
    CHECK(obj_error_is(&ft_exc_system_error, "exception is not a BaseException subclass"));
    ft_decref(k);
}

TEST(format_codes_in_messages)
{
    FtObject *name = ft_str_from_cstr_ref("spam");
    CHECK(ft_error_format(&ft_exc_type_error, "%U() got %d args, %R, %.2s, %N", name, 3, name,
                          "xyz", &ft_bool_type) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "spam() got 3 args, 'spam', xy, bool"));
    ft_decref(name);
}

TEST(no_memory_uses_the_preallocated_instance)
{
    FtObject *mem = ft_error_memory_error_instance_borrow();
    CHECK(mem != NULL && ft_object_is_immortal(mem));
    CHECK(ft_error_no_memory() == NULL);
    CHECK(ft_error_occurred_borrow() == mem);
    CHECK(ft_error_matches(&ft_exc_memory_error));
    CHECK(obj_error_is(&ft_exc_memory_error, ""));
    CHECK(ft_error_no_memory() == NULL);
    ft_error_clear();
    CHECK(!ft_error_occurred());
}

#define THREADS 2
static pthread_barrier_t barrier;
static int thread_ok[THREADS];

static void *
raiser(void *arg)
{
    int id = (int)(intptr_t)arg;
    obj_thread_begin();
    FtTypeObject *mine = id == 0 ? &ft_exc_value_error : &ft_exc_key_error;
    FtTypeObject *other = id == 0 ? &ft_exc_key_error : &ft_exc_value_error;
    int ok = !ft_error_occurred();
    for (int i = 0; i < 500; i++) {
        ft_error_format(mine, "thread %d round %d", id, i);
        // Both threads have an exception set at this point: each sees only its own.
        pthread_barrier_wait(&barrier);
        ok &= ft_error_matches(mine) && !ft_error_matches(other);
        FtObject *exc = ft_error_fetch_ref();
        ok &= exc != NULL && exc->ob_type == mine;
        ft_xdecref(exc);
        pthread_barrier_wait(&barrier);
    }
    ok &= !ft_error_occurred();
    thread_ok[id] = ok;
    ft_thread_state_delete_current();
    return NULL;
}

TEST(each_thread_has_its_own_exception)
{
    pthread_barrier_init(&barrier, NULL, THREADS);
    ft_error_set_string(&ft_exc_runtime_error, "main thread's own");
    pthread_t threads[THREADS];
    for (int i = 0; i < THREADS; i++)
        pthread_create(&threads[i], NULL, raiser, (void *)(intptr_t)i);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < THREADS; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    CHECK(thread_ok[0] && thread_ok[1]);
    CHECK(obj_error_is(&ft_exc_runtime_error, "main thread's own"));
}

int
main(void)
{
    return ft_test_run_all();
}

// tests/unit/modules/test_thread.c: the _thread module with real OS threads: four threads update a
// shared counter and list under a _thread lock (exact totals), RLock reentrancy, the lock's error
// texts (thread_expected.gen.h, from the oracle), and the report of an exception in a thread.
#include <sched.h>   // sched_yield

#include "modules_test_util.h"

#include "objects/float.h"        // ft_float_from_double_ref
#include "objects/int.h"          // ft_int_*
#include "objects/list.h"         // ft_list_*
#include "objects/method_def.h"   // FtMethodDef ft_cfunction_new_ref
#include "objects/module.h"       // ft_module_dict_borrow

#include "thread_expected.gen.h"

enum { WORKERS = 4, ROUNDS = 2000 };

static FtObject *thread_module;   // set by the setup test, read-only afterwards

static FtObject *
thread_attr(const char *name)
{
    return ft_object_get_attr_cstr_ref(thread_module, name);
}

static FtObject *
call_attr(FtObject *obj, const char *method, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtObject *f = ft_object_get_attr_cstr_ref(obj, method);
    if (f == NULL)
        return NULL;
    FtObject *r = ft_object_vectorcall_ref(f, args, (size_t)nargs, kwnames);
    ft_decref(f);
    return r;
}

static int
outcome_is(FtObject *result, const char *expected)
{
    FtObject *text = mod_outcome_ref(result);
    int ok = mod_str_is(text, expected);
    ft_xdecref(text);
    return ok;
}

// The worker: self is (lock, list, dict). Each round takes the lock, does a read-modify-write of
// dict['n'] (which loses updates without the lock) and appends to the list.
static FtObject *
worker(FtObject *self)
{
    FtObject *lock = ft_tuple_get_item_borrow(self, 0);
    FtObject *list = ft_tuple_get_item_borrow(self, 1);
    FtObject *dict = ft_tuple_get_item_borrow(self, 2);
    for (int i = 0; i < ROUNDS; i++) {
        FtObject *r = call_attr(lock, "acquire", NULL, 0, NULL);
        if (r == NULL)
            return NULL;
        ft_decref(r);
        FtObject *n = NULL;
        if (ft_dict_get_item_str_ref(dict, "n", &n) <= 0)
            return NULL;
        bool ok = true;
        int64_t v = ft_int_as_int64(n, &ok);
        ft_decref(n);
        FtObject *next = ft_int_from_int64_ref(v + 1);
        FtObject *item = ft_int_from_int64_ref(i);
        int rc = next == NULL || item == NULL || ft_dict_set_item_str(dict, "n", next) < 0 ||
                 ft_list_append(list, item) < 0;
        ft_xdecref(next);
        ft_xdecref(item);
        r = call_attr(lock, "release", NULL, 0, NULL);
        if (r == NULL || rc)
            return NULL;
        ft_decref(r);
    }
    return ft_none_ref();
}

static const FtMethodDef worker_def = {"worker", {.noargs = worker}, FT_METH_NOARGS, NULL};

TEST(setup)
{
    CHECK(mod_setup() == 0);
    FtObject *name = ft_str_from_cstr_ref("_thread");
    thread_module = ft_import_name_ref(name, NULL, NULL, NULL, 0);
    ft_decref(name);
    CHECK(thread_module != NULL);
}

TEST(threads_count_under_lock)
{
    FtObject *lock = call_attr(thread_module, "allocate_lock", NULL, 0, NULL);
    FtObject *list = ft_list_new_ref(0);
    FtObject *dict = ft_dict_new_ref();
    FtObject *zero = ft_int_from_int64_ref(0);
    CHECK(lock != NULL && list != NULL && dict != NULL && zero != NULL);
    CHECK(ft_dict_set_item_str(dict, "n", zero) == 0);
    FtObject *state = ft_tuple_pack_ref(3, lock, list, dict);
    FtObject *fn = ft_cfunction_new_ref(&worker_def, state);
    CHECK(fn != NULL);
    FtObject *handles[WORKERS];
    for (int i = 0; i < WORKERS; i++) {
        handles[i] = call_attr(thread_module, "start_joinable_thread", &fn, 1, NULL);
        CHECK(handles[i] != NULL);
    }
    for (int i = 0; i < WORKERS; i++) {
        FtObject *r = call_attr(handles[i], "join", NULL, 0, NULL);
        CHECK(r == &ft_none_object);
        ft_decref(r);
        FtObject *done = call_attr(handles[i], "is_done", NULL, 0, NULL);
        CHECK(done == ft_bool_from(true));
        ft_decref(done);
        ft_decref(handles[i]);
    }
    FtObject *n = NULL;
    CHECK(ft_dict_get_item_str_ref(dict, "n", &n) == 1);
    bool ok = true;
    CHECK_EQ_INT(ft_int_as_int64(n, &ok), WORKERS * ROUNDS);
    ft_decref(n);
    CHECK_EQ_INT(ft_list_size(list), WORKERS * ROUNDS);
    // Every round's index appears exactly WORKERS times.
    int64_t sum = 0;
    for (Ft_ssize i = 0; i < ft_list_size(list); i++) {
        FtObject *item = ft_list_get_item_ref(list, i);
        sum += ft_int_as_int64(item, &ok);
        ft_decref(item);
    }
    CHECK_EQ_INT(sum, (int64_t)WORKERS * ROUNDS * (ROUNDS - 1) / 2);
    CHECK(outcome_is(call_attr(lock, "locked", NULL, 0, NULL), "False"));
    CHECK(outcome_is(call_attr(thread_module, "_count", NULL, 0, NULL), EXPECTED_COUNT_IDLE));
    ft_decref(fn);
    ft_decref(state);
    ft_decref(zero);
    ft_decref(dict);
    ft_decref(list);
    ft_decref(lock);
}

TEST(lock_behaviour)
{
    FtObject *lock = call_attr(thread_module, "allocate_lock", NULL, 0, NULL);
    CHECK(lock != NULL);
    CHECK(outcome_is(call_attr(lock, "release", NULL, 0, NULL), EXPECTED_LOCK_RELEASE_UNLOCKED));
    CHECK(outcome_is(call_attr(lock, "acquire", NULL, 0, NULL), EXPECTED_LOCK_ACQUIRE));
    FtObject *no = ft_new_ref(ft_bool_from(false));
    CHECK(outcome_is(call_attr(lock, "acquire", &no, 1, NULL), EXPECTED_LOCK_ACQUIRE_NONBLOCKING_HELD));
    FtObject *timeout_str = ft_str_from_cstr_ref("timeout");
    FtObject *timeout_name = ft_tuple_pack_ref(1, timeout_str);
    ft_decref(timeout_str);
    FtObject *small = ft_float_from_double_ref(0.01);
    CHECK(outcome_is(call_attr(lock, "acquire", &small, 0, timeout_name), EXPECTED_LOCK_ACQUIRE_TIMEOUT_HELD));
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *bad[2] = {no, one};
    CHECK(outcome_is(call_attr(lock, "acquire", bad, 2, NULL), EXPECTED_LOCK_ACQUIRE_BAD_TIMEOUT));
    FtObject *neg = ft_int_from_int64_ref(-2);
    CHECK(outcome_is(call_attr(lock, "acquire", &neg, 0, timeout_name), EXPECTED_LOCK_ACQUIRE_NEGATIVE_TIMEOUT));
    CHECK(outcome_is(call_attr(lock, "locked", NULL, 0, NULL), EXPECTED_LOCK_LOCKED));
    CHECK(outcome_is(call_attr(lock, "release", NULL, 0, NULL), "None"));
    CHECK(outcome_is(thread_attr("TIMEOUT_MAX"), EXPECTED_TIMEOUT_MAX));
    FtObject *small_stack = ft_int_from_int64_ref(53247);
    CHECK(outcome_is(call_attr(thread_module, "stack_size", &small_stack, 1, NULL), EXPECTED_STACK_SIZE_TOO_SMALL));
    ft_decref(small_stack);
    CHECK(outcome_is(call_attr(thread_module, "stack_size", NULL, 0, NULL), EXPECTED_STACK_SIZE_DEFAULT));
    CHECK(outcome_is(call_attr(thread_module, "set_name", &one, 1, NULL), EXPECTED_SET_NAME_BAD));
    FtObject *main_ident = call_attr(thread_module, "_get_main_thread_ident", NULL, 0, NULL);
    FtObject *my_ident = call_attr(thread_module, "get_ident", NULL, 0, NULL);
    CHECK(main_ident != NULL && my_ident != NULL);
    CHECK(outcome_is(ft_object_rich_compare_ref(main_ident, my_ident, FT_EQ), EXPECTED_MAIN_IDENT_IS_MINE));
    ft_decref(main_ident);
    ft_decref(my_ident);
    CHECK(outcome_is(thread_attr("error"), EXPECTED_ERROR));
    FtObject *rlock = call_attr(thread_module, "RLock", NULL, 0, NULL);
    CHECK(rlock != NULL);
    CHECK(outcome_is(call_attr(rlock, "release", NULL, 0, NULL), EXPECTED_RLOCK_RELEASE_UNOWNED));
    CHECK(outcome_is(call_attr(rlock, "_is_owned", NULL, 0, NULL), EXPECTED_RLOCK_IS_OWNED_FREE));
    CHECK(outcome_is(call_attr(rlock, "acquire", NULL, 0, NULL), "True"));
    CHECK(outcome_is(call_attr(rlock, "acquire", NULL, 0, NULL), "True"));
    CHECK(outcome_is(call_attr(rlock, "_recursion_count", NULL, 0, NULL), EXPECTED_RLOCK_COUNT_TWICE));
    CHECK(outcome_is(call_attr(rlock, "_is_owned", NULL, 0, NULL), EXPECTED_RLOCK_IS_OWNED_HELD));
    CHECK(outcome_is(call_attr(rlock, "release", NULL, 0, NULL), "None"));
    CHECK(outcome_is(call_attr(rlock, "release", NULL, 0, NULL), "None"));
    CHECK(outcome_is(call_attr(rlock, "locked", NULL, 0, NULL), "False"));
    FtObject *args3[3] = {one, one, one};
    CHECK(outcome_is(call_attr(thread_module, "start_new_thread", args3, 2, NULL), EXPECTED_START_NOT_CALLABLE));
    args3[0] = mod_builtin("print");
    CHECK(outcome_is(call_attr(thread_module, "start_new_thread", args3, 2, NULL), EXPECTED_START_NOT_TUPLE));
    FtObject *empty = ft_tuple_new_ref(0);
    args3[1] = empty;
    CHECK(outcome_is(call_attr(thread_module, "start_new_thread", args3, 3, NULL), EXPECTED_START_NOT_DICT));
    ft_decref(empty);
    ft_decref(rlock);
    ft_decref(neg);
    ft_decref(one);
    ft_decref(small);
    ft_decref(timeout_name);
    ft_decref(no);
    ft_decref(lock);
}

// start_new_thread(print, args, kwargs): the keyword arguments reach the callable.
TEST(start_new_thread_kwargs)
{
    int rfd = -1;
    FtObject *stream = mod_pipe_stream_ref(&rfd, "strict");
    CHECK(stream != NULL);
    FtObject *x = ft_str_from_cstr_ref("x"), *two = ft_int_from_int64_ref(2);
    FtObject *args = ft_tuple_pack_ref(2, x, two);
    FtObject *kwargs = ft_dict_new_ref();
    FtObject *bang = ft_str_from_cstr_ref("!"), *under = ft_str_from_cstr_ref("_");
    CHECK(ft_dict_set_item_str(kwargs, "file", stream) == 0 && ft_dict_set_item_str(kwargs, "end", bang) == 0 &&
          ft_dict_set_item_str(kwargs, "sep", under) == 0 && ft_dict_set_item_str(kwargs, "flush", ft_bool_from(true)) == 0);
    FtObject *call[3] = {mod_builtin("print"), args, kwargs};
    FtObject *ident = call_attr(thread_module, "start_new_thread", call, 3, NULL);
    CHECK(ident != NULL && ft_int_check(ident));
    // The thread counts itself out only after its call returned (no timing: wait for the count).
    for (;;) {
        FtObject *count = call_attr(thread_module, "_count", NULL, 0, NULL);
        bool ok = true;
        int64_t n = ft_int_as_int64(count, &ok);
        ft_decref(count);
        if (n == 0)
            break;
        sched_yield();
    }
    char buf[64];
    mod_read_pipe(rfd, buf, sizeof buf);
    if (strcmp(buf, EXPECTED_THREAD_KWARGS_OUTPUT) != 0)
        printf("  got \"%s\"\n", buf);
    CHECK(strcmp(buf, EXPECTED_THREAD_KWARGS_OUTPUT) == 0);
    ft_decref(ident);
    ft_decref(bang);
    ft_decref(under);
    ft_decref(kwargs);
    ft_decref(args);
    ft_decref(x);
    ft_decref(two);
    ft_decref(stream);
    close(rfd);
}

// threading's way: a pre-made _ThreadHandle filled by start_joinable_thread(handle=).
TEST(premade_handle)
{
    FtObject *handle_type = thread_attr("_ThreadHandle");
    CHECK(handle_type != NULL);
    FtObject *h = ft_object_vectorcall_ref(handle_type, NULL, 0, NULL);
    CHECK(h != NULL);
    CHECK(outcome_is(ft_new_ref(h), EXPECTED_HANDLE_NEW_REPR));
    CHECK(outcome_is(call_attr(h, "join", NULL, 0, NULL), EXPECTED_HANDLE_JOIN_NOT_STARTED));
    FtObject *handle_kw = ft_str_from_cstr_ref("handle");
    FtObject *kwnames = ft_tuple_pack_ref(1, handle_kw);
    FtObject *args[2] = {mod_builtin("int"), h};
    FtObject *r = call_attr(thread_module, "start_joinable_thread", args, 1, kwnames);
    CHECK(r == h);
    ft_decref(r);
    CHECK(outcome_is(call_attr(h, "join", NULL, 0, NULL), "None"));
    CHECK(outcome_is(call_attr(h, "is_done", NULL, 0, NULL), EXPECTED_HANDLE_DONE));
    CHECK(outcome_is(call_attr(thread_module, "start_joinable_thread", args, 1, kwnames), EXPECTED_HANDLE_STARTED_TWICE));
    FtObject *one = ft_int_from_int64_ref(1);
    args[1] = one;
    CHECK(outcome_is(call_attr(thread_module, "start_joinable_thread", args, 1, kwnames), EXPECTED_HANDLE_BAD));
    FtObject *five = ft_int_from_int64_ref(5);
    CHECK(outcome_is(call_attr(thread_module, "_make_thread_handle", &five, 1, NULL), EXPECTED_HANDLE_MADE_REPR));
    ft_decref(five);
    ft_decref(one);
    ft_decref(kwnames);
    ft_decref(handle_kw);
    ft_decref(h);
    ft_decref(handle_type);
}

// An exception escaping a thread's callable is reported on sys.stderr as CPython does.
TEST(thread_exception_report)
{
    int rfd = -1;
    FtObject *stream = mod_pipe_stream_ref(&rfd, "backslashreplace");
    CHECK(stream != NULL);
    FtObject *sys_dict = ft_interp_main()->sys_dict;
    FtObject *old = ft_sys_get_ref("stderr");
    CHECK(ft_dict_set_item_str(sys_dict, "stderr", stream) == 0);
    FtObject *next_fn = mod_builtin("next");
    FtObject *handle = call_attr(thread_module, "start_joinable_thread", &next_fn, 1, NULL);
    CHECK(handle != NULL);
    FtObject *r = call_attr(handle, "join", NULL, 0, NULL);
    CHECK(r != NULL);
    ft_decref(r);
    CHECK(ft_dict_set_item_str(sys_dict, "stderr", old) == 0);
    r = call_attr(stream, "flush", NULL, 0, NULL);
    ft_xdecref(r);
    char buf[1024];
    mod_read_pipe(rfd, buf, sizeof buf);
    if (strcmp(buf, EXPECTED_THREAD_EXCEPTION_REPORT) != 0)
        printf("  got \"%s\"\n", buf);
    CHECK(strcmp(buf, EXPECTED_THREAD_EXCEPTION_REPORT) == 0);
    ft_decref(handle);
    ft_decref(old);
    ft_decref(stream);
    close(rfd);
}

// Last: the main thread's eval state (the runtime itself stays up until exit).
TEST(teardown)
{
    ft_eval_thread_fini();
}

int
main(void)
{
    return ft_test_run_all();
}

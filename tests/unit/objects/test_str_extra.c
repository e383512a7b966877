// tests/unit/objects/test_str_extra.c: str slicing, join over any iterable, maketrans/translate,
// encode, %-formatting of floats and ints of any size, and int.to_bytes/from_bytes against the
// oracle's results (str_expected/extra.txt from objects/gen/gen_str_extra_tests.py), plus the
// C entry point ascii() uses (ft_str_ascii_ref).
#include <pthread.h>   // pthread_create pthread_join pthread_barrier_t

#include "str_test_io.h"

#include "objects/bytearray.h"   // ft_bytearray_*
#include "objects/list.h"        // ft_list_*
#include "objects/str.h"         // ft_str_ascii_ref ft_str_type
#include "objects/str_methods.h" // ft_str_method_join

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(extra_cases_match_oracle)
{
    long count;
    CHECK_EQ_INT(str_cases_run_file("extra.txt", &count), 0);
    CHECK(count > 1000);
}

// ascii(x): the repr with every non-ASCII code point escaped (CPython: ascii('w\xf6rld \u4e00
// \U0001f600') == "'w\\xf6rld \\u4e00 \\U0001f600'"); ASCII reprs come back unchanged.
TEST(ascii_escapes_non_ascii)
{
    static const uint32_t cps[] = {'w', 0xF6, 'r', 'l', 'd', ' ', 0x4E00, ' ', 0x1F600};
    FtObject *s = ft_str_from_code_points_ref(cps, 9);
    FtObject *a = ft_str_ascii_ref(s);
    CHECK(a != NULL && ft_str_equal_cstr(a, "'w\\xf6rld \\u4e00 \\U0001f600'"));
    ft_xdecref(a);
    ft_decref(s);
    FtObject *plain = ft_str_from_ascii_ref("it's");
    a = ft_str_ascii_ref(plain);
    CHECK(a != NULL && ft_str_equal_cstr(a, "\"it's\""));
    ft_xdecref(a);
    ft_decref(plain);
}

// int(bytearray), str(bytearray, 'ascii') and ''.join(list) read a consistent snapshot while
// another thread grows and shrinks the bytearray / list: every result is a run of the one
// character the mutator ever stores.
enum { ROUNDS = 1500 };
static FtObject *shared_ba, *shared_list;
static pthread_barrier_t barrier;
static int reader_bad;

// True if s is a str of only c characters.
static bool
all_char(FtObject *s, uint32_t c)
{
    if (s == NULL || !ft_str_check(s))
        return false;
    for (Ft_ssize i = 0; i < ft_str_length(s); i++) {
        if (ft_str_read_char(s, i) != c)
            return false;
    }
    return true;
}

static void *
reader(void *arg)
{
    (void)arg;
    obj_thread_begin();
    FtObject *ascii = ft_str_from_ascii_ref("ascii");
    FtObject *empty = ft_str_empty_ref();
    pthread_barrier_wait(&barrier);
    for (int r = 0; r < ROUNDS; r++) {
        FtObject *n = ft_int_from_object_ref(shared_ba);   // "7", "77", ...: never torn
        FtObject *text = n != NULL ? ft_object_str_ref(n) : NULL;
        if (!all_char(text, '7'))
            reader_bad = 1;
        ft_xdecref(text);
        ft_xdecref(n);
        FtObject *args[2] = {shared_ba, ascii};
        FtObject *s = ft_object_vectorcall_ref((FtObject *)&ft_str_type, args, 2, NULL);
        if (!all_char(s, '7'))
            reader_bad = 1;
        ft_xdecref(s);
        FtObject *joined = ft_str_method_join(empty, shared_list);
        if (!all_char(joined, 'a'))
            reader_bad = 1;
        ft_xdecref(joined);
    }
    ft_decref(ascii);
    ft_decref(empty);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(snapshots_under_mutation)
{
    shared_ba = ft_bytearray_from_data_ref("7", 1);
    shared_list = ft_list_new_ref(0);
    FtObject *seven = ft_int_from_int64_ref('7');
    FtObject *a = ft_str_from_ascii_ref("a");
    pthread_barrier_init(&barrier, NULL, 2);
    pthread_t t;
    FtThreadState *ts = ft_thread_state_current();
    CHECK_EQ_INT(pthread_create(&t, NULL, reader, NULL), 0);
    ft_thread_detach(ts);
    pthread_barrier_wait(&barrier);
    ft_thread_attach(ts);
    for (int r = 0; r < ROUNDS; r++) {
        for (int k = 0; k < r % 40; k++) {
            ft_bytearray_append(shared_ba, seven);
            ft_list_append(shared_list, a);
        }
        while (ft_bytearray_size(shared_ba) > 1)
            ft_bytearray_pop(shared_ba, -1);
        ft_list_del_slice(shared_list, 0, ft_list_size(shared_list), 1);
    }
    ft_thread_detach(ts);
    pthread_join(t, NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    CHECK_EQ_INT(reader_bad, 0);
    ft_decref(seven);
    ft_decref(a);
    ft_decref(shared_list);
    ft_decref(shared_ba);
}

int
main(void)
{
    return ft_test_run_all();
}

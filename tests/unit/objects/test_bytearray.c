// tests/unit/objects/test_bytearray.c: bytearray (objects/bytearray.c): the oracle's cases
// (bytes_expected/cases.txt, from objects/gen/gen_bytes_tests.py) with a bytearray receiver, the
// over-allocation pattern, and a method reading a bytearray argument that another thread mutates.
#include <pthread.h>   // pthread_create pthread_join pthread_barrier_t

#include "objects_test_util.h"

#include "bytes_expected/bytes_cases.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/int.h"
#include "objects/slice.h"
#include "runtime/object_lock.h"
#include "runtime/thread_state.h"

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_bytes_init_types(), 0);
    CHECK_EQ_INT(ft_slice_init_types(), 0);   // TODO(#4): part of ft_objects_init
}

TEST(oracle_cases)
{
    long ran = 0;
    long failures = bc_run_cases(true, &ran);
    printf("  %ld bytearray cases, %ld failed\n", ran, failures);
    CHECK(ran > 300);
    CHECK_EQ_INT(failures, 0);
}

static Ft_ssize
capacity(FtObject *ba)
{
    Ft_ssize cap;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(ba);
    cap = ((FtByteArrayObject *)ba)->allocated;
    FT_END_CRITICAL_SECTION_OBJECT();
    return cap;
}

// Appends grow the buffer by about 1/8 (CPython's bytearray_resize), so 1000 appends reallocate
// far fewer than 1000 times; a big extend allocates exactly; shrinking below half gives memory back.
TEST(over_allocation)
{
    FtObject *ba = ft_bytearray_from_data_ref(NULL, 0);
    CHECK(ba != NULL);
    FtObject *v = ft_int_from_int64_ref(7);
    Ft_ssize last = capacity(ba);
    int growths = 0;
    for (int i = 0; i < 1000; i++) {
        CHECK_EQ_INT(ft_bytearray_append(ba, v), 0);
        Ft_ssize cap = capacity(ba);
        CHECK(cap > ft_bytearray_size(ba));
        if (cap != last)
            growths++;
        last = cap;
    }
    CHECK(growths < 60);
    CHECK_EQ_INT(ft_bytearray_size(ba), 1000);
    FtObject *big = ft_bytes_from_data_ref(NULL, 100000);
    CHECK_EQ_INT(ft_bytearray_extend_buffer(ba, big), 0);
    CHECK_EQ_INT(capacity(ba), 101001);   // a jump past 9/8 of the capacity: exact
    for (int i = 0; i < 100900; i++)
        CHECK(ft_bytearray_pop(ba, -1) >= 0);
    CHECK(capacity(ba) < 1000);
    ft_decref(big);
    ft_decref(v);
    ft_decref(ba);
}

TEST(extend_by_itself)
{
    FtObject *ba = ft_bytearray_from_data_ref("abc", 3);
    CHECK_EQ_INT(ft_bytearray_extend_buffer(ba, ba), 0);
    CHECK(obj_repr_is(ba, "bytearray(b'abcabc')"));
    ft_decref(ba);
}

// One thread appends to and pops from a bytearray while another repeatedly searches it and copies
// it to bytes (the argument is snapshotted under its own section): every snapshot is a prefix
// pattern of the writer's, never torn.
#define ROUNDS 3000

static FtObject *shared_ba;
static pthread_barrier_t barrier;
static int reader_bad;

static void *
reader(void *arg)
{
    (void)arg;
    obj_thread_begin();
    FtObject *hay = ft_bytes_from_data_ref("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
                                           64);
    pthread_barrier_wait(&barrier);
    for (int r = 0; r < ROUNDS; r++) {
        FtObject *snap = ft_bytearray_to_bytes_ref(shared_ba);
        for (Ft_ssize i = 0; i < ft_bytes_size(snap); i++) {
            if (ft_bytes_data(snap)[i] != 'x')
                reader_bad = 1;
        }
        ft_decref(snap);
        FtObject *m = ft_object_get_attr_cstr_ref(hay, "find");
        FtObject *res = ft_object_vectorcall_ref(m, &shared_ba, 1, NULL);
        if (res == NULL || ft_int_as_int64(res, NULL) != 0)
            reader_bad = 1;   // the needle (all 'x', <= 64 long) is always found at 0
        ft_xdecref(res);
        ft_decref(m);
    }
    ft_decref(hay);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(argument_snapshot_under_mutation)
{
    shared_ba = ft_bytearray_from_data_ref("x", 1);
    FtObject *x = ft_int_from_int64_ref('x');
    pthread_barrier_init(&barrier, NULL, 2);
    pthread_t t;
    FtThreadState *ts = ft_thread_state_current();
    CHECK_EQ_INT(pthread_create(&t, NULL, reader, NULL), 0);
    ft_thread_detach(ts);
    pthread_barrier_wait(&barrier);
    ft_thread_attach(ts);
    for (int r = 0; r < ROUNDS; r++) {
        for (int k = 0; k < (r % 60); k++)
            ft_bytearray_append(shared_ba, x);
        while (ft_bytearray_size(shared_ba) > 1)
            ft_bytearray_pop(shared_ba, -1);
    }
    ft_thread_detach(ts);
    pthread_join(t, NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    CHECK_EQ_INT(reader_bad, 0);
    CHECK_EQ_INT(ft_bytearray_size(shared_ba), 1);
    ft_decref(x);
    ft_decref(shared_ba);
}

int
main(void)
{
    return ft_test_run_all();
}

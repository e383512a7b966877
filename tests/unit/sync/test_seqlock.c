// tests/unit/sync/test_seqlock.c: FtSeqLock write/abandon/read validation, with a racing writer.
#include "harness.h"
#include "unit/sync/sync_test_util.h"

#include "sync/event.h"
#include "sync/seqlock.h"

TEST(sequence_moves_as_documented)
{
    FtSeqLock s = {0};
    uint32_t seq = ft_seqlock_read_begin(&s);
    CHECK_EQ_INT(seq, 0);
    CHECK(ft_seqlock_read_end(&s, seq));
    ft_seqlock_write_begin(&s);
    CHECK_EQ_INT(s.sequence, 1);
    ft_seqlock_write_end(&s);
    CHECK_EQ_INT(s.sequence, 2);
    CHECK(!ft_seqlock_read_end(&s, seq));   // a write happened since seq
    seq = ft_seqlock_read_begin(&s);
    ft_seqlock_write_begin(&s);
    ft_seqlock_write_abandon(&s);
    CHECK_EQ_INT(s.sequence, 2);
    CHECK(ft_seqlock_read_end(&s, seq));    // an abandoned write changes nothing
    CHECK(!ft_seqlock_after_fork(&s));
    ft_seqlock_write_begin(&s);
    CHECK(ft_seqlock_after_fork(&s));       // a writer "died" inside
    CHECK_EQ_INT(s.sequence, 2);
}

enum { WRITES = 20000 };

static FtSeqLock lock;
static uint64_t field_a;   // atomic (relaxed): written under lock's write side, read optimistically
static uint64_t field_b;   // atomic (relaxed): always 2 * field_a when consistent
static FtEvent writer_done;

static void *
writer_main(void *arg)
{
    for (uint64_t i = 1; i <= WRITES; i++) {
        ft_seqlock_write_begin(&lock);
        ft_atomic_store_uint64_relaxed(&field_a, i);
        ft_atomic_store_uint64_relaxed(&field_b, 2 * i);
        ft_seqlock_write_end(&lock);
    }
    ft_event_notify(&writer_done);
    return NULL;
}

typedef struct ReaderResult {
    long consistent;
    long torn_accepted;
} ReaderResult;

static void *
reader_main(void *arg)
{
    ReaderResult *r = arg;
    for (;;) {
        int finished = ft_event_is_set(&writer_done);
        uint32_t seq = ft_seqlock_read_begin(&lock);
        uint64_t a = ft_atomic_load_uint64_relaxed(&field_a);
        uint64_t b = ft_atomic_load_uint64_relaxed(&field_b);
        if (ft_seqlock_read_end(&lock, seq)) {
            r->consistent++;
            if (b != 2 * a)
                r->torn_accepted++;
        }
        if (finished)
            break;
    }
    return NULL;
}

TEST(readers_never_accept_torn_values)
{
    ReaderResult r1 = {0}, r2 = {0};
    pthread_t w = test_thread_start(writer_main, NULL);
    pthread_t a = test_thread_start(reader_main, &r1);
    pthread_t b = test_thread_start(reader_main, &r2);
    test_thread_join(w);
    test_thread_join(a);
    test_thread_join(b);
    CHECK_EQ_INT(r1.torn_accepted + r2.torn_accepted, 0);
    CHECK(r1.consistent > 0 && r2.consistent > 0);
    CHECK_EQ_INT(field_a, WRITES);
}

int
main(void)
{
    return ft_test_run_all();
}

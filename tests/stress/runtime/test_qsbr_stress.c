// tests/stress/runtime/test_qsbr_stress.c: QSBR reclamation under concurrent readers.
//
// Readers load a shared pointer to a block and check its contents between quiescent states (each
// ft_eval_breaker_poll is one). A writer keeps publishing new blocks and retires each old one through
// ft_qsbr_free_delayed; the free function poisons the block (memset 0xdb) before freeing it. A reader
// that saw a poisoned word, or (under ASan) touched a freed block, fails. Bounded: fixed numbers of
// reads and swaps; every retired block is freed by the final barrier.
#include <stdint.h>   // uint64_t intptr_t
#include <stdlib.h>   // malloc free
#include <string.h>   // memset

#include "harness.h"
#include "unit/runtime/test_thread_util.h"
#include "runtime/qsbr.h"
#include "sync/event.h"

#define READERS 2
#define READS 300000
#define READS_PER_QUIESCENT 16
#define SWAPS 20000
#define WORDS 15

typedef struct {
    uint64_t seq;
    uint64_t words[WORDS];   // words[k] == seq * 31 + k while live
} Block;

static Block *current;   // atomic: the published block
static int frees;        // atomic
static int bad_reads;    // atomic
static FtEvent started[READERS];

static Block *
block_new(uint64_t seq)
{
    Block *b = malloc(sizeof *b);
    if (b == NULL)
        ft_fatal("out of memory");
    b->seq = seq;
    for (int k = 0; k < WORDS; k++)
        b->words[k] = seq * 31 + (uint64_t)k;
    return b;
}

static void
block_poison_free(void *ptr)
{
    Block *b = ptr;
    if (b->words[0] != b->seq * 31)
        ft_fatal("block freed twice");
    memset(b, 0xdb, sizeof *b);
    ft_atomic_add_int_relaxed(&frees, 1);
    free(b);
}

static void *
reader(void *arg)
{
    int index = (int)(intptr_t)arg;
    FtThreadState *ts = rt_thread_begin();
    ft_event_notify(&started[index]);
    int bad = 0;
    uint64_t last_seq = 0;
    for (int i = 0; i < READS; i++) {
        // acquire: pairs with the writer's release exchange, so the block's contents are visible.
        Block *b = ft_atomic_load_ptr_acquire((void **)&current);
        uint64_t seq = b->seq;
        if (seq < last_seq)
            bad++;   // publication order goes backwards
        last_seq = seq;
        for (int k = 0; k < WORDS; k++) {
            if (b->words[k] != seq * 31 + (uint64_t)k)
                bad++;
        }
        if (i % READS_PER_QUIESCENT == 0)
            ft_eval_breaker_poll(ts);   // b must not be used after this
    }
    ft_atomic_add_int_relaxed(&bad_reads, bad);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(readers_never_see_freed_blocks)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    FtThreadState *ts = rt_thread_begin();
    ft_atomic_store_ptr_release((void **)&current, block_new(1));
    pthread_t threads[READERS];
    for (int i = 0; i < READERS; i++)
        threads[i] = rt_thread_start(reader, (void *)(intptr_t)i);
    for (int i = 0; i < READERS; i++)
        ft_event_wait(&started[i]);

    for (uint64_t seq = 2; seq < 2 + SWAPS; seq++) {
        // release: pairs with the readers' acquire load; publishes the new block's contents.
        Block *old = ft_atomic_exchange_ptr_acq_rel((void **)&current, block_new(seq));
        ft_qsbr_free_delayed(old, block_poison_free);
        ft_eval_breaker_poll(ts);
    }
    rt_thread_join_all(threads, READERS);
    Block *last = ft_atomic_exchange_ptr_acq_rel((void **)&current, NULL);
    ft_qsbr_free_delayed(last, block_poison_free);
    ft_qsbr_barrier(ts);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&bad_reads), 0);
    CHECK_EQ_INT(ft_atomic_load_int_relaxed(&frees), SWAPS + 1);
    CHECK_EQ_INT(ft_qsbr_pending(ft_interp_main()), 0);
    ft_thread_state_delete_current();
    ft_runtime_fini();
}

int
main(void)
{
    return ft_test_run_all();
}

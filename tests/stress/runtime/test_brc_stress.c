// tests/stress/runtime/test_brc_stress.c: objects shared by 4 threads under biased reference
// counting are freed exactly once, and never while referenced.
//
// Each round: every thread creates OBJECTS objects and hands one reference to each other thread.
// Threads 0 and 1 then hammer the others' objects (shared increments and decrements), drop their
// references and exit early, while threads 2 and 3 still hold references to their objects (and are
// detached, so what the early threads queue to them waits). Threads 2 and 3 then hammer every object,
// including those of the exited owners (merged on the spot), and drop everything. The round ends with
// frees == objects created. Dealloc poisons the object's magic first; every use checks it (ASan
// reports any use after free, TSan any unordered access).
#include <pthread.h>   // pthread_barrier_t
#include <stdint.h>    // uint64_t
#include <stdlib.h>    // malloc free

#include "harness.h"
#include "unit/runtime/test_thread_util.h"
#include "runtime/refcount.h"
#include "sync/event.h"

#define THREADS 4
#define EARLY 2
#define OBJECTS 1000
#define PAIRS 40
#define ROUNDS 10

#define LIVE_MAGIC 0x5eed5eed5eed5eedull
#define DEAD_MAGIC 0xdeaddeaddeaddeadull

typedef struct {
    FtObject base;
    uint64_t magic;   // LIVE_MAGIC until the destructor runs
} StressObject;

static int frees;   // atomic

static void
stress_dealloc(FtObject *op)
{
    StressObject *s = (StressObject *)op;
    if (s->magic != LIVE_MAGIC)
        ft_fatal("object freed twice (magic %llx)", (unsigned long long)s->magic);
    s->magic = DEAD_MAGIC;
    ft_atomic_add_int_relaxed(&frees, 1);
    free(s);
}

static FtTypeObject stress_type = {
    .tp_name = "StressObject",
    .tp_basicsize = sizeof(StressObject),
    .tp_dealloc = stress_dealloc,
};

// Round state, reset by the main thread before the round's threads start (pthread_create orders it).
static FtObject *objects[THREADS][OBJECTS];   // written by the owner before `created`, then read-only
static pthread_barrier_t created;
static FtEvent early_done;
static int early_remaining;   // atomic

static void
check_live(FtObject *op)
{
    if (((StressObject *)op)->magic != LIVE_MAGIC)
        ft_fatal("object used after it was freed");
}

static void
hammer_and_drop(FtThreadState *ts, int self)
{
    for (int j = 0; j < THREADS; j++) {
        if (j == self)
            continue;
        for (int k = 0; k < OBJECTS; k++) {
            FtObject *op = objects[j][k];
            check_live(op);
            for (int p = 0; p < PAIRS; p++) {
                ft_incref(op);
                check_live(op);
                ft_decref(op);
            }
            check_live(op);
            ft_decref(op);   // the reference its owner handed us
            if (k % 64 == 0)
                ft_eval_breaker_poll(ts);
        }
    }
}

static void *
worker(void *arg)
{
    int self = (int)(intptr_t)arg;
    FtThreadState *ts = rt_thread_begin();
    for (int k = 0; k < OBJECTS; k++) {
        StressObject *s = malloc(sizeof *s);
        if (s == NULL)
            ft_fatal("out of memory");
        ft_object_init_header(&s->base, &stress_type);
        s->magic = LIVE_MAGIC;
        for (int j = 1; j < THREADS; j++)
            ft_incref(&s->base);   // one reference for each other thread
        objects[self][k] = &s->base;
    }
    ft_thread_detach(ts);
    pthread_barrier_wait(&created);
    ft_thread_attach(ts);

    if (self < EARLY) {
        hammer_and_drop(ts, self);
        for (int k = 0; k < OBJECTS; k++)
            ft_decref(objects[self][k]);   // our own reference: others may still hold theirs
        ft_thread_state_delete_current();
        if (ft_atomic_sub_int_acq_rel(&early_remaining, 1) == 1)
            ft_event_notify(&early_done);
        return NULL;
    }
    // Detached while waiting: objects the early threads queue to us wait in our queue.
    ft_event_wait(&early_done);
    ft_eval_breaker_poll(ts);
    hammer_and_drop(ts, self);
    for (int k = 0; k < OBJECTS; k++)
        ft_decref(objects[self][k]);
    ft_eval_breaker_poll(ts);
    ft_thread_state_delete_current();
    return NULL;
}

TEST(shared_objects_freed_exactly_once)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    for (int round = 0; round < ROUNDS; round++) {
        ft_atomic_store_int_relaxed(&frees, 0);
        ft_atomic_store_int_relaxed(&early_remaining, EARLY);
        ft_atomic_store_uint8_relaxed(&early_done.v, FT_EVENT_UNSET);
        CHECK_EQ_INT(pthread_barrier_init(&created, NULL, THREADS), 0);
        pthread_t threads[THREADS];
        for (int i = 0; i < THREADS; i++)
            threads[i] = rt_thread_start(worker, (void *)(intptr_t)i);
        rt_thread_join_all(threads, THREADS);
        pthread_barrier_destroy(&created);
        CHECK_EQ_INT(ft_atomic_load_int_relaxed(&frees), THREADS * OBJECTS);
    }
    ft_runtime_fini();
}

int
main(void)
{
    return ft_test_run_all();
}

// bench/micro/sync_runtime.c: micro-benchmarks of the foundation, each side by side with the thing
// it replaces, in one run (issue #2; DEVELOPERS.md rule 7: speed is measured here, never in tests).
//
//   1. uncontended lock+unlock: FtMutex vs pthread_mutex_t
//   2. two threads contending on one lock: FtMutex vs pthread_mutex_t (critical section = counter++)
//   3. reference counting: incref+decref by the owner thread (biased, no atomics) vs by another
//      thread (shared count, atomic RMW), and on an immortal object
//   4. object allocation + free of 32 and 128 bytes: ftpy's object allocator vs plain mimalloc
//
// Each figure is the best (lowest) of FT_BENCH_REPEATS runs, in nanoseconds per operation, so that a
// noisy neighbour on the machine shows up as less noise, not as a slower figure.
#include <inttypes.h>   // PRIu64
#include <pthread.h>    // pthread_mutex_t pthread_create
#include <stdio.h>      // printf
#include <stdlib.h>     // atoi getenv
#include <string.h>     // strcmp

#include <mimalloc.h>   // mi_malloc mi_free

#include "runtime/object.h"          // FtObject FtTypeObject
#include "runtime/object_alloc.h"    // ft_object_alloc ft_object_free
#include "runtime/refcount.h"        // ft_incref ft_decref ft_object_init_header
#include "runtime/thread_state.h"    // ft_runtime_init FtThreadState
#include "sync/clock.h"              // ft_clock_monotonic_ns
#include "sync/event.h"              // FtEvent ft_event_notify ft_event_wait
#include "sync/mutex.h"              // FtMutex

enum { FT_BENCH_REPEATS = 5 };

// Keeps the optimizer from deleting a measured loop.
static void
bench_sink(void *p)
{
    __asm__ __volatile__("" : : "r"(p) : "memory");
}

static double
best_of(double (*run)(long), long iterations)
{
    double best = 1e30;
    for (int i = 0; i < FT_BENCH_REPEATS; i++) {
        double ns = run(iterations);
        if (ns < best)
            best = ns;
    }
    return best;
}

static double
uncontended_ftmutex(long n)
{
    FtMutex m = {0};
    int64_t t0 = ft_clock_monotonic_ns();
    for (long i = 0; i < n; i++) {
        ft_mutex_lock(&m);
        bench_sink(&m);
        ft_mutex_unlock(&m);
    }
    return (double)(ft_clock_monotonic_ns() - t0) / (double)n;
}

static double
uncontended_pthread(long n)
{
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    int64_t t0 = ft_clock_monotonic_ns();
    for (long i = 0; i < n; i++) {
        pthread_mutex_lock(&m);
        bench_sink(&m);
        pthread_mutex_unlock(&m);
    }
    return (double)(ft_clock_monotonic_ns() - t0) / (double)n;
}

// Two threads each do n lock/counter++/unlock rounds on one shared lock.
typedef struct {
    FtMutex ft;              // the lock under test (FtMutex runs)
    pthread_mutex_t posix;   // the lock under test (pthread runs)
    int use_ft;              // immutable during a run
    long rounds;             // immutable during a run
    long counter;            // guarded_by(ft or posix, whichever the run uses)
} ContendedRun;

static void *
contended_worker(void *arg)
{
    ContendedRun *run = arg;
    for (long i = 0; i < run->rounds; i++) {
        if (run->use_ft) {
            ft_mutex_lock(&run->ft);
            run->counter++;
            ft_mutex_unlock(&run->ft);
        } else {
            pthread_mutex_lock(&run->posix);
            run->counter++;
            pthread_mutex_unlock(&run->posix);
        }
    }
    return NULL;
}

static double
contended(long n, int use_ft)
{
    ContendedRun run = {.posix = PTHREAD_MUTEX_INITIALIZER, .use_ft = use_ft, .rounds = n};
    pthread_t threads[2];
    int64_t t0 = ft_clock_monotonic_ns();
    for (int i = 0; i < 2; i++)
        pthread_create(&threads[i], NULL, contended_worker, &run);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    double ns = (double)(ft_clock_monotonic_ns() - t0) / (double)(2 * n);
    if (run.counter != 2 * n)
        fprintf(stderr, "bench: lost updates (%ld of %ld)\n", run.counter, 2 * n);
    return ns;
}

static double contended_ftmutex(long n) { return contended(n, 1); }
static double contended_pthread(long n) { return contended(n, 0); }

// A plain object type for the refcount and allocator runs: its memory comes from the object allocator.
static void
bench_object_dealloc(FtObject *op)
{
    ft_object_free(op);
}

static FtTypeObject bench_type = {
    .tp_name = "bench_object",
    .tp_basicsize = sizeof(FtObject),
    .tp_dealloc = bench_object_dealloc,
};

static FtObject *bench_owned;    // owned by the main thread (allocated there)
static FtObject *bench_foreign;  // owned by a helper thread that is still alive while we measure
static FtObject bench_immortal;

static double
refcount_run(FtObject *op, long n)
{
    int64_t t0 = ft_clock_monotonic_ns();
    for (long i = 0; i < n; i++) {
        ft_incref(op);
        bench_sink(op);
        ft_decref(op);
    }
    return (double)(ft_clock_monotonic_ns() - t0) / (double)n;
}

static double refcount_local(long n) { return refcount_run(bench_owned, n); }
static double refcount_shared(long n) { return refcount_run(bench_foreign, n); }
static double refcount_immortal(long n) { return refcount_run(&bench_immortal, n); }

static size_t bench_alloc_size;

static double
alloc_ftpy(long n)
{
    FtThreadState *ts = ft_thread_state_current();
    int64_t t0 = ft_clock_monotonic_ns();
    for (long i = 0; i < n; i++) {
        void *p = ft_object_alloc(&ts->heap, bench_alloc_size, FT_ALLOC_PLAIN);
        bench_sink(p);
        ft_object_free(p);
    }
    return (double)(ft_clock_monotonic_ns() - t0) / (double)n;
}

static double
alloc_mimalloc(long n)
{
    int64_t t0 = ft_clock_monotonic_ns();
    for (long i = 0; i < n; i++) {
        void *p = mi_zalloc(bench_alloc_size);   // ftpy's allocator returns zeroed memory too
        bench_sink(p);
        mi_free(p);
    }
    return (double)(ft_clock_monotonic_ns() - t0) / (double)n;
}

// The helper thread that owns bench_foreign: it creates the object, hands it over, and waits (detached)
// until the main thread has finished measuring, so the object stays owned by a live thread.
typedef struct {
    FtMutex lock;          // held by main while measuring; the helper blocks on it
    FtObject *created;     // written by the helper before it signals `ready`
    FtEvent ready;
} ForeignOwner;

static void *
foreign_owner_main(void *arg)
{
    ForeignOwner *fo = arg;
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    FtObject *op = ft_object_alloc(&ts->heap, sizeof(FtObject), FT_ALLOC_PLAIN);
    ft_object_init_header(op, &bench_type);
    fo->created = op;
    ft_event_notify(&fo->ready);
    ft_mutex_lock(&fo->lock);   // detaches while main measures
    ft_mutex_unlock(&fo->lock);
    ft_thread_state_delete_current();
    return NULL;
}

static void
print_row(const char *what, const char *ours_name, double ours, const char *theirs_name, double theirs)
{
    printf("%-34s %-14s %8.2f ns   %-18s %8.2f ns   ratio %5.2f\n", what, ours_name, ours, theirs_name,
           theirs, ours / theirs);
}

int
main(int argc, char **argv)
{
    long scale = 1;
    if (argc > 2 && strcmp(argv[1], "--scale") == 0)
        scale = atol(argv[2]);
    if (scale < 1)
        scale = 1;

    if (ft_runtime_init() != 0) {
        fprintf(stderr, "bench: runtime init failed\n");
        return 1;
    }
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);

    printf("ftpy foundation micro-benchmarks (best of %d runs; ratio = ftpy / reference, lower is better)\n\n",
           FT_BENCH_REPEATS);
    // The owner of bench_foreign starts first, so that every figure is taken in a multi-threaded
    // process: glibc skips the atomics of pthread_mutex_lock while a process has a single thread,
    // which no Python runtime has, and a comparison made then would be unfair to FtMutex.
    ForeignOwner fo = {0};
    ft_mutex_lock(&fo.lock);
    pthread_t owner;
    pthread_create(&owner, NULL, foreign_owner_main, &fo);
    ft_event_wait(&fo.ready);
    bench_foreign = fo.created;
    ft_incref(bench_foreign);   // our own reference, so the count never reaches zero while we measure

    print_row("uncontended lock+unlock", "FtMutex", best_of(uncontended_ftmutex, 20000000 * scale),
              "pthread_mutex", best_of(uncontended_pthread, 20000000 * scale));
    print_row("2 threads contending, per lock", "FtMutex", best_of(contended_ftmutex, 2000000 * scale),
              "pthread_mutex", best_of(contended_pthread, 2000000 * scale));

    bench_owned = ft_object_alloc(&ts->heap, sizeof(FtObject), FT_ALLOC_PLAIN);
    ft_object_init_header(bench_owned, &bench_type);
    ft_object_init_header(&bench_immortal, &bench_type);
    ft_object_set_immortal(&bench_immortal);

    print_row("incref+decref, owner vs other thread", "owner (local)",
              best_of(refcount_local, 50000000 * scale), "other (shared)",
              best_of(refcount_shared, 50000000 * scale));
    print_row("incref+decref, immortal vs owner", "immortal", best_of(refcount_immortal, 50000000 * scale),
              "owner (local)", best_of(refcount_local, 50000000 * scale));

    ft_mutex_unlock(&fo.lock);
    ft_thread_detach(ts);
    pthread_join(owner, NULL);
    ft_thread_attach(ts);
    ft_decref(bench_foreign);   // the owner has exited: this merges and frees it
    ft_decref(bench_owned);

    size_t sizes[] = {32, 128};
    for (size_t i = 0; i < sizeof sizes / sizeof sizes[0]; i++) {
        bench_alloc_size = sizes[i];
        char what[64];
        snprintf(what, sizeof what, "alloc+free %zu bytes (zeroed)", sizes[i]);
        print_row(what, "ftpy objects", best_of(alloc_ftpy, 20000000 * scale), "mimalloc",
                  best_of(alloc_mimalloc, 20000000 * scale));
    }

    ft_thread_state_delete_current();
    ft_runtime_fini();
    return 0;
}

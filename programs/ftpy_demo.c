// programs/ftpy_demo.c: the thread-scaling demo (the README's main job until ftpy runs Python).
//
// Each worker thread attaches a thread state and repeatedly builds and tears down binary trees of
// reference-counted objects (the classic binary-trees workload): every node comes from ftpy's object
// allocator, its children are owned references, every leaf also points at a shared immortal sentinel
// (so all threads touch one object and, being immortal, it costs them nothing), and tearing a tree
// down is ordinary decref -> tp_dealloc -> free. Each tree root is checked under its critical section,
// and the worker passes a safe point (eval-breaker poll, QSBR quiescent state) after every tree. While
// the workers run, the main thread stops the world every 5 ms (--pause-every-ms), like the cycle collector
// will, and reports the pauses.
//
// The table shows trees per second for 1..N threads (N = physical cores, from hwloc) and the speedup
// over one thread. With no global lock the speedup should track the thread count.
#include <inttypes.h>   // PRId64
#include <pthread.h>    // pthread_create
#include <stdio.h>      // printf
#include <stdlib.h>     // atoi
#include <string.h>     // strcmp
#include <time.h>       // nanosleep

#include "runtime/object.h"          // FtObject FtTypeObject
#include "runtime/object_alloc.h"    // ft_object_alloc ft_object_free
#include "runtime/object_lock.h"     // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"        // ft_incref ft_decref
#include "runtime/stop_the_world.h"  // ft_stop_the_world ft_start_the_world
#include "runtime/thread_state.h"    // FtThreadState ft_thread_attach
#include "runtime/topology.h"        // ft_topology_core_count ft_topology_pin_current_thread
#include "sync/clock.h"              // ft_clock_monotonic_ns
#include "sync/event.h"              // FtEvent

enum { DEMO_MAX_THREADS = 256 };

// A tree node: two owned children (NULL in leaves) and, in leaves, a reference to the sentinel.
typedef struct TreeNode {
    FtObject ob_base;
    FtObject *left;       // owned; immutable after the node is built
    FtObject *right;      // owned; immutable after the node is built
    FtObject *sentinel;   // owned (immortal, so the reference costs nothing)
} TreeNode;

static void
tree_node_dealloc(FtObject *op)
{
    TreeNode *node = (TreeNode *)op;
    ft_xdecref(node->left);
    ft_xdecref(node->right);
    ft_xdecref(node->sentinel);
    ft_object_free(op);
}

static FtTypeObject tree_node_type = {
    .tp_name = "tree_node",
    .tp_basicsize = sizeof(TreeNode),
    .tp_dealloc = tree_node_dealloc,
};

static FtObject demo_sentinel;   // immortal; initialised before any worker starts

static FtObject *
tree_build(FtThreadState *ts, int depth)
{
    TreeNode *node = ft_object_alloc(&ts->heap, sizeof(TreeNode), FT_ALLOC_PLAIN);
    if (node == NULL)
        return NULL;
    ft_object_init_header(&node->ob_base, &tree_node_type);
    if (depth > 0) {
        node->left = tree_build(ts, depth - 1);
        node->right = tree_build(ts, depth - 1);
    } else {
        node->sentinel = ft_new_ref(&demo_sentinel);
    }
    return &node->ob_base;
}

static long
tree_check(FtObject *op)
{
    TreeNode *node = (TreeNode *)op;
    if (node->left == NULL)
        return 1;
    return 1 + tree_check(node->left) + tree_check(node->right);
}

typedef struct {
    int depth;                 // immutable during a run
    int64_t deadline_ns;       // immutable during a run
    FtEvent start;             // notified by main when every worker is attached
} DemoRun;

typedef struct {
    DemoRun *run;
    int index;
    long trees;                // written by the worker, read by main after join
    long nodes;                // written by the worker, read by main after join
    int failed;                // written by the worker, read by main after join
} DemoWorker;

static void *
demo_worker_main(void *arg)
{
    DemoWorker *w = arg;
    ft_topology_pin_current_thread(w->index);
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL) {
        w->failed = 1;
        return NULL;
    }
    ft_thread_state_bind(ts);
    ft_event_wait(&w->run->start);   // before attaching: waiting is a blocking call
    ft_thread_attach(ts);
    long expected = (2L << w->run->depth) - 1;
    while (ft_clock_monotonic_ns() < w->run->deadline_ns) {
        FtObject *root = tree_build(ts, w->run->depth);
        if (root == NULL) {
            w->failed = 1;
            break;
        }
        long count;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(root);
        count = tree_check(root);
        FT_END_CRITICAL_SECTION_OBJECT();
        if (count != expected)
            w->failed = 1;
        ft_decref(root);
        w->trees++;
        w->nodes += count;
        ft_eval_breaker_poll(ts);
    }
    ft_thread_state_delete_current();
    return NULL;
}

typedef struct {
    double trees_per_second;
    long pauses;
    double max_pause_us;
    double mean_pause_us;
    int failed;
} DemoResult;

// Runs one row. The main thread's state main_ts is detached on entry and exit: it attaches only to
// request each pause, so that its sleeping and joining never hold up a pause or a QSBR grace period.
static DemoResult
demo_run(FtThreadState *main_ts, int nthreads, int depth, double seconds, int pause_every_ms)
{
    DemoResult result = {0};
    DemoRun run = {.depth = depth};
    DemoWorker workers[DEMO_MAX_THREADS] = {{0}};
    pthread_t threads[DEMO_MAX_THREADS];
    for (int i = 0; i < nthreads; i++) {
        workers[i].run = &run;
        workers[i].index = i;
    }
    int64_t t0 = ft_clock_monotonic_ns();
    run.deadline_ns = t0 + (int64_t)(seconds * 1e9) + 5000000;   // +5 ms for the start-up below
    for (int i = 0; i < nthreads; i++)
        pthread_create(&threads[i], NULL, demo_worker_main, &workers[i]);
    ft_event_notify(&run.start);

    // The main thread requests a pause every pause_every_ms while the workers run (never if 0).
    FtInterp *interp = ft_interp_main();
    int64_t pause_total = 0, pause_max = 0;
    int64_t period_ns = (int64_t)pause_every_ms * 1000000;
    while (period_ns > 0 && ft_clock_monotonic_ns() + period_ns + 1000000 < run.deadline_ns) {
        struct timespec ts = {period_ns / 1000000000, period_ns % 1000000000};
        nanosleep(&ts, NULL);
        ft_thread_attach(main_ts);
        int64_t p0 = ft_clock_monotonic_ns();
        ft_stop_the_world(interp);
        int64_t stopped = ft_clock_monotonic_ns() - p0;
        ft_start_the_world(interp);
        ft_thread_detach(main_ts);
        pause_total += stopped;
        if (stopped > pause_max)
            pause_max = stopped;
        result.pauses++;
    }
    long trees = 0;
    for (int i = 0; i < nthreads; i++) {
        pthread_join(threads[i], NULL);
        trees += workers[i].trees;
        result.failed |= workers[i].failed;
    }
    double elapsed = (double)(ft_clock_monotonic_ns() - t0) / 1e9;
    result.trees_per_second = (double)trees / elapsed;
    result.max_pause_us = (double)pause_max / 1e3;
    result.mean_pause_us = result.pauses ? (double)pause_total / (double)result.pauses / 1e3 : 0;
    return result;
}

int
main(int argc, char **argv)
{
    int max_threads = 0, depth = 12, pause_every_ms = 5;
    double seconds = 1.0;
    for (int i = 1; i + 1 < argc; i += 2) {
        if (strcmp(argv[i], "--threads") == 0)
            max_threads = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--depth") == 0)
            depth = atoi(argv[i + 1]);
        else if (strcmp(argv[i], "--seconds") == 0)
            seconds = atof(argv[i + 1]);
        else if (strcmp(argv[i], "--pause-every-ms") == 0)
            pause_every_ms = atoi(argv[i + 1]);
        else {
            fprintf(stderr, "usage: ftpy-demo [--threads N] [--depth D] [--seconds S] [--pause-every-ms MS]\n");
            return 2;
        }
    }
    if (ft_runtime_init() != 0) {
        fprintf(stderr, "ftpy-demo: runtime initialisation failed\n");
        return 1;
    }
    if (max_threads <= 0)
        max_threads = ft_topology_core_count();
    if (max_threads > DEMO_MAX_THREADS)
        max_threads = DEMO_MAX_THREADS;
    if (depth < 1 || depth > 20)
        depth = 12;

    ft_object_init_header(&demo_sentinel, &tree_node_type);
    ft_object_set_immortal(&demo_sentinel);

    // The main thread needs a thread state to stop the world; it stays detached while it sleeps.
    FtThreadState *main_ts = ft_thread_state_new(ft_interp_main());
    ft_thread_state_bind(main_ts);

    printf("ftpy thread-scaling demo: binary trees of depth %d (%ld objects each), %.1f s per row\n",
           depth, (2L << depth) - 1, seconds);
    if (pause_every_ms > 0)
        printf("a stop-the-world pause is requested every %d ms (--pause-every-ms 0: none)\n",
               pause_every_ms);
    printf("machine: %d physical cores, %d hardware threads (hwloc)\n\n", ft_topology_core_count(),
           ft_topology_pu_count());
    printf("%7s  %12s  %8s  %10s  %7s  %15s\n", "threads", "trees/s", "speedup", "efficiency",
           "pauses", "pause mean/max");
    double base = 0;
    int failed = 0;
    for (int n = 1; n <= max_threads; n++) {
        DemoResult r = demo_run(main_ts, n, depth, seconds, pause_every_ms);
        if (n == 1)
            base = r.trees_per_second;
        double speedup = base > 0 ? r.trees_per_second / base : 0;
        printf("%7d  %12.0f  %7.2fx  %9.0f%%  %7ld  %6.0f/%-6.0f us\n", n, r.trees_per_second, speedup,
               100.0 * speedup / n, r.pauses, r.mean_pause_us, r.max_pause_us);
        failed |= r.failed;
    }
    ft_thread_attach(main_ts);
    ft_thread_state_delete_current();
    ft_runtime_fini();
    if (failed) {
        fprintf(stderr, "ftpy-demo: a worker saw a wrong tree or ran out of memory\n");
        return 1;
    }
    return 0;
}

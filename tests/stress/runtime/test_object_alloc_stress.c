// tests/stress/runtime/test_object_alloc_stress.c: objects allocated on one thread and freed on
// another, by four worker threads, with a stop-the-world walk between rounds (issue #2, item 4).
//
// Each worker owns a heap and runs rounds of OPS_PER_ROUND random operations (seeded per worker and
// generation): allocate or free in its own table (local frees), swap a new object into a shared slot
// and free the object it displaces (mostly remote frees), or free an orphan. Between rounds every
// worker waits (offline) at a barrier while the main thread walks all heaps and the pool and checks
// that the walk finds exactly the objects the test holds, per kind. Every few rounds one worker exits:
// it abandons its heap and leaves its objects as orphans, which the walk must still find and other
// threads free later; a new worker with a fresh heap takes its place. The run lasts a fixed wall-clock
// duration (FT_STRESS_SECONDS, default 10 s in every build); nothing asserts on time.
//
// Checks: each object carries a magic word (set on allocation, checked and cleared on free: no double
// free, no block handed out twice), memory comes back zeroed, the walk's counts match, allocated ==
// freed at the end, and destroying the pool finds no live block and returns every page to mimalloc.
#include <pthread.h>            // pthread_*
#include <stdio.h>              // printf
#include <stdlib.h>             // getenv atoi malloc
#include <string.h>             // memset
#include <time.h>               // clock_gettime
#include <urcu/urcu-qsbr.h>     // urcu_qsbr_*

#include "runtime/object_alloc.h"
#include "sync/atomic.h"        // ft_atomic_*

#define WORKERS 4
#define SLOTS 512
#define LOCAL 256
#define OPS_PER_ROUND 4000
#define RETIRE_EVERY 3            // rounds between worker exits
#define OBJECT_MAGIC 0x6f626a6563744d47ull
#define OBJECT_DEAD 0xdeaddeaddeaddeadull

// Issue #2's bar asks for 10 seconds under AddressSanitizer too, so sanitizer builds run as long.
#define DEFAULT_SECONDS 10


// A test object: word 0 may be overwritten by the allocator's free-list link once freed, so the
// magic lives at offset 8. Minimum request is sizeof(TestObject).
typedef struct TestObject {
    uint64_t unused;
    uint64_t magic;   // OBJECT_MAGIC ^ address while live
    uint32_t kind;
    uint32_t size;
    uint64_t pad;
} TestObject;

typedef struct Worker {
    int index;
    unsigned generation;
    pthread_t thread;
    FtObjectHeap heap;        // owner: the worker; read by main while the workers wait at the barrier
    uint64_t rng;             // owner-thread only
    TestObject *local[LOCAL]; // owner-thread only; read by main while the workers wait
    uint64_t allocated;       // owner-thread only; read by main after join
    uint64_t freed;           // owner-thread only; read by main after join
    bool retire;              // written by main between the two barriers, read by the worker after
} Worker;

static FtObjectPool pool;
static Worker workers[WORKERS];
static uintptr_t slots[SLOTS];            // atomic: TestObject * or 0
static pthread_barrier_t round_done;      // workers have finished a round; main walks
static pthread_barrier_t round_go;        // main has finished walking
static bool stop;                         // written by main between the barriers
static pthread_mutex_t orphan_mutex = PTHREAD_MUTEX_INITIALIZER;
static TestObject **orphans;              // guarded_by(orphan_mutex)
static size_t norphans, orphan_cap;       // guarded_by(orphan_mutex)
static uint64_t failures;                 // atomic
static uint64_t main_freed;               // main thread only

static void
fail(const char *what, const void *obj)
{
    // relaxed: a counter read after every thread is joined.
    if (ft_atomic_add_uint64_relaxed(&failures, 1) < 10)
        printf("  FAILURE: %s (%p)\n", what, obj);
}

static uint64_t
next_random(uint64_t *state)
{
    uint64_t x = *state;   // xorshift64*
    x ^= x >> 12;
    x ^= x << 25;
    x ^= x >> 27;
    *state = x;
    return x * 0x2545F4914F6CDD1Dull;
}

static TestObject *
object_new(Worker *w)
{
    uint64_t r = next_random(&w->rng);
    int kind = (int)(r % FT_ALLOC_KINDS);
    size_t size;
    if (r % 100 < 2)
        size = FT_OBJECT_SMALL_MAX + 1 + (r >> 32) % 12000;   // large page
    else if (r % 100 < 10)
        size = 700 + (r >> 32) % 7000;
    else
        size = sizeof(TestObject) + (r >> 32) % 600;
    unsigned char *p = ft_object_alloc(&w->heap, size, kind);
    if (p == NULL) {
        fail("allocation failed", NULL);
        return NULL;
    }
    size_t pre = kind == FT_ALLOC_GC_PREHEADER ? FT_OBJECT_PREHEADER_SIZE : 0;
    for (size_t i = 0; i < pre + sizeof(TestObject); i++)
        if (p[(ptrdiff_t)i - (ptrdiff_t)pre] != 0) {
            fail("memory not zeroed", p);
            break;
        }
    if (p[size - 1] != 0)
        fail("memory not zeroed at the end", p);
    if (ft_object_usable_size(p) < size)
        fail("usable size too small", p);
    TestObject *obj = (TestObject *)p;
    obj->magic = OBJECT_MAGIC ^ (uintptr_t)obj;
    obj->kind = (uint32_t)kind;
    obj->size = (uint32_t)size;
    p[size - 1] = 0x7f;
    w->allocated++;
    return obj;
}

// Checks and clears the magic word, then frees. Any thread.
static void
object_free(TestObject *obj)
{
    if (obj->magic != (OBJECT_MAGIC ^ (uintptr_t)obj)) {
        fail("bad magic on free (double free or block handed out twice)", obj);
        return;
    }
    if (((unsigned char *)obj)[obj->size - 1] != 0x7f)
        fail("object's last byte overwritten", obj);
    obj->magic = OBJECT_DEAD;
    ft_object_free(obj);
}

static void
orphan_push(TestObject *obj)
{
    pthread_mutex_lock(&orphan_mutex);
    if (norphans == orphan_cap) {
        orphan_cap = orphan_cap ? 2 * orphan_cap : 1024;
        orphans = realloc(orphans, orphan_cap * sizeof(*orphans));
        if (orphans == NULL) {
            printf("out of memory\n");
            exit(1);
        }
    }
    orphans[norphans++] = obj;
    pthread_mutex_unlock(&orphan_mutex);
}

static TestObject *
orphan_pop(void)
{
    TestObject *obj = NULL;
    pthread_mutex_lock(&orphan_mutex);
    if (norphans > 0)
        obj = orphans[--norphans];
    pthread_mutex_unlock(&orphan_mutex);
    return obj;
}

static void
worker_round(Worker *w)
{
    for (int op = 0; op < OPS_PER_ROUND; op++) {
        uint64_t r = next_random(&w->rng);
        unsigned action = (unsigned)(r % 100);
        if (action < 45) {
            size_t i = (size_t)(r >> 32) % LOCAL;
            if (w->local[i] != NULL) {
                object_free(w->local[i]);
                w->local[i] = NULL;
                w->freed++;
            } else {
                w->local[i] = object_new(w);
            }
        } else if (action < 95) {
            TestObject *obj = object_new(w);
            if (obj == NULL)
                continue;
            size_t j = (size_t)(r >> 32) % SLOTS;
            // acq_rel: release publishes obj's contents to the thread that displaces it; acquire
            // pairs with that release for the object we displace.
            TestObject *prev = (TestObject *)ft_atomic_exchange_uintptr_acq_rel(&slots[j], (uintptr_t)obj);
            if (prev != NULL) {
                object_free(prev);
                w->freed++;
            }
        } else {
            TestObject *obj = orphan_pop();
            if (obj != NULL) {
                object_free(obj);
                w->freed++;
            }
        }
        if (op % 64 == 0)
            urcu_qsbr_quiescent_state();
    }
}

static void *
worker_main(void *arg)
{
    Worker *w = arg;
    urcu_qsbr_register_thread();
    for (;;) {
        worker_round(w);
        urcu_qsbr_thread_offline();
        pthread_barrier_wait(&round_done);
        pthread_barrier_wait(&round_go);
        urcu_qsbr_thread_online();
        if (stop || w->retire)
            break;
    }
    for (size_t i = 0; i < LOCAL; i++) {
        if (w->local[i] == NULL)
            continue;
        if (stop) {
            object_free(w->local[i]);
            w->freed++;
        } else {
            orphan_push(w->local[i]);
        }
        w->local[i] = NULL;
    }
    ft_object_heap_abandon(&w->heap, &pool);
    urcu_qsbr_thread_offline();
    urcu_qsbr_unregister_thread();
    return NULL;
}

static void
worker_start(Worker *w, int index, unsigned generation)
{
    memset(w, 0, sizeof(*w));
    w->index = index;
    w->generation = generation;
    w->rng = 0x9E3779B97F4A7C15ull * (uint64_t)(index + 1) + generation * 0x632BE59BD9B4E019ull + 1;
    ft_object_heap_init(&w->heap, &pool);
    if (pthread_create(&w->thread, NULL, worker_main, w) != 0) {
        printf("pthread_create failed\n");
        exit(1);
    }
}

typedef struct WalkCheck {
    size_t count;
    int kind;
} WalkCheck;

static bool
walk_visit(void *obj, size_t block_size, void *arg)
{
    WalkCheck *wc = arg;
    TestObject *o = obj;
    wc->count++;
    if (o->magic != (OBJECT_MAGIC ^ (uintptr_t)o))
        fail("walk reported a block that is not live", obj);
    else if ((int)o->kind != wc->kind)
        fail("walk reported a block under the wrong kind", obj);
    else if (block_size < o->size)
        fail("walk reported a block smaller than its object", obj);
    return true;
}

static void
count_held(TestObject *obj, size_t *held)
{
    if (obj != NULL)
        held[obj->kind]++;
}

// With every worker waiting at the barrier: the walk must find exactly the objects the test holds.
static void
check_walk(size_t round)
{
    size_t held[FT_ALLOC_KINDS] = {0};
    for (int i = 0; i < WORKERS; i++)
        for (size_t j = 0; j < LOCAL; j++)
            count_held(workers[i].local[j], held);
    for (size_t j = 0; j < SLOTS; j++)
        count_held((TestObject *)ft_atomic_load_uintptr_relaxed(&slots[j]), held);   // relaxed: world stopped
    pthread_mutex_lock(&orphan_mutex);
    for (size_t j = 0; j < norphans; j++)
        count_held(orphans[j], held);
    pthread_mutex_unlock(&orphan_mutex);

    FtObjectHeap *heaps[WORKERS];
    for (int i = 0; i < WORKERS; i++)
        heaps[i] = &workers[i].heap;
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        WalkCheck wc = {0, kind};
        ft_object_heap_visit(heaps, WORKERS, &pool, FT_ALLOC_MASK(kind), walk_visit, &wc);
        if (wc.count != held[kind]) {
            printf("  round %zu kind %d: walk found %zu blocks, the test holds %zu\n", round, kind,
                   wc.count, held[kind]);
            fail("walk count", NULL);
        }
    }
    FtObjectAllocStats stats;
    ft_object_heap_stats(heaps, WORKERS, &pool, &stats);
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++)
        if (stats.blocks_live[kind] != held[kind])
            fail("statistics disagree with the walk", NULL);
}

static double
now_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

int
main(void)
{
    int seconds = DEFAULT_SECONDS;
    if (getenv("FT_STRESS_SECONDS") != NULL)
        seconds = atoi(getenv("FT_STRESS_SECONDS"));
    urcu_qsbr_register_thread();
    urcu_qsbr_thread_offline();
    if (ft_object_pool_init(&pool) != 0 || pthread_barrier_init(&round_done, NULL, WORKERS + 1) != 0 ||
        pthread_barrier_init(&round_go, NULL, WORKERS + 1) != 0) {
        printf("init failed\n");
        return 1;
    }
    unsigned generation[WORKERS] = {0};
    for (int i = 0; i < WORKERS; i++)
        worker_start(&workers[i], i, 0);

    uint64_t retired_allocated = 0, retired_freed = 0;
    double start = now_seconds();
    size_t round = 0, exits = 0;
    for (;; round++) {
        pthread_barrier_wait(&round_done);
        check_walk(round);
        stop = now_seconds() - start >= seconds;
        int retiring = -1;
        if (!stop && round % RETIRE_EVERY == RETIRE_EVERY - 1) {
            retiring = (int)((round / RETIRE_EVERY) % WORKERS);
            workers[retiring].retire = true;
        }
        pthread_barrier_wait(&round_go);
        if (stop)
            break;
        if (retiring >= 0) {
            Worker *w = &workers[retiring];
            pthread_join(w->thread, NULL);
            retired_allocated += w->allocated;
            retired_freed += w->freed;
            exits++;
            worker_start(w, retiring, ++generation[retiring]);
        }
    }
    uint64_t allocated = retired_allocated, freed = retired_freed;
    for (int i = 0; i < WORKERS; i++) {
        pthread_join(workers[i].thread, NULL);
        allocated += workers[i].allocated;
        freed += workers[i].freed;
    }

    // Every worker has exited: their pages are all in the pool. The walk still finds the objects left
    // in the slots and the orphans; then the main thread frees them (remote frees into the pool).
    check_walk(round + 1);
    urcu_qsbr_thread_online();
    for (size_t j = 0; j < SLOTS; j++) {
        TestObject *obj = (TestObject *)ft_atomic_exchange_uintptr_acq_rel(&slots[j], 0);   // acq_rel: as in worker_round
        if (obj != NULL) {
            object_free(obj);
            main_freed++;
        }
    }
    for (TestObject *obj; (obj = orphan_pop()) != NULL;) {
        object_free(obj);
        main_freed++;
    }
    freed += main_freed;
    check_walk(round + 2);
    ft_object_pool_collect(&pool);
    FtObjectAllocStats stats;
    ft_object_heap_stats(NULL, 0, &pool, &stats);
    if (stats.pool_pages != 0)
        fail("the pool kept pages after every object was freed", NULL);
    urcu_qsbr_thread_offline();
    size_t leaked = ft_object_pool_destroy(&pool);
    size_t outstanding = ft_object_pool_pages_outstanding(&pool);
    urcu_qsbr_unregister_thread();
    free(orphans);
    pthread_barrier_destroy(&round_done);
    pthread_barrier_destroy(&round_go);

    printf("%zu rounds, %zu worker exits, %llu objects allocated, %llu freed, %zu pages retired\n", round + 1,
           exits, (unsigned long long)allocated, (unsigned long long)freed, ft_object_pool_pages_retired(&pool));
    if (allocated != freed)
        fail("allocated != freed", NULL);
    if (leaked != 0)
        fail("the pool still held live blocks at destroy", NULL);
    if (outstanding != 0)
        fail("pages not returned to mimalloc", NULL);
    uint64_t nfail = ft_atomic_load_uint64_relaxed(&failures);   // relaxed: every thread is joined
    printf("%s: %llu failures\n", nfail ? "FAILED" : "ok", (unsigned long long)nfail);
    return nfail ? 1 : 0;
}

// tests/unit/runtime/test_object_alloc.c: unit tests of the object allocator (runtime/object_alloc.c):
// size classes, every kind and class, pre-header offset, usable size, large objects, zeroing, remote
// frees from a real second thread, abandonment and adoption, and the walk's exact counts.
//
// Every thread that allocates or frees here is a registered urcu-qsbr reader; the main thread stays
// online between tests and goes offline while a pool is destroyed (which waits for grace periods).
#include <pthread.h>            // pthread_create pthread_join
#include <stdint.h>             // uintptr_t
#include <string.h>             // memset
#include <urcu/urcu-qsbr.h>     // urcu_qsbr_register_thread

#include "harness.h"
#include "runtime/object_alloc.h"


// True when size bytes at p are all zero.
static bool
all_zero(const void *p, size_t size)
{
    const unsigned char *c = p;
    for (size_t i = 0; i < size; i++)
        if (c[i] != 0)
            return false;
    return true;
}

// Destroys the pool from an offline thread (the destroy waits for pending grace periods).
static size_t
destroy_pool(FtObjectPool *pool)
{
    urcu_qsbr_thread_offline();
    size_t leaked = ft_object_pool_destroy(pool);
    urcu_qsbr_thread_online();
    return leaked;
}

TEST(size_classes_cover_every_size)
{
    CHECK_EQ_INT(ft_object_size_class_block_size(0), 16);
    CHECK_EQ_INT(ft_object_size_class_block_size(31), 512);
    CHECK_EQ_INT(ft_object_size_class_block_size(32), 640);
    CHECK_EQ_INT(ft_object_size_class_block_size(FT_OBJECT_SIZE_CLASSES - 1), FT_OBJECT_SMALL_MAX);
    for (int cls = 1; cls < FT_OBJECT_SIZE_CLASSES; cls++) {
        CHECK(ft_object_size_class_block_size(cls) > ft_object_size_class_block_size(cls - 1));
        CHECK_EQ_INT(ft_object_size_class_block_size(cls) % 16, 0);
    }
    for (size_t size = 1; size <= FT_OBJECT_SMALL_MAX; size++) {
        int cls = ft_object_size_class_of(size);
        CHECK(cls >= 0 && cls < FT_OBJECT_SIZE_CLASSES);
        CHECK(ft_object_size_class_block_size(cls) >= size);
        CHECK(cls == 0 || ft_object_size_class_block_size(cls - 1) < size);
    }
}

TEST(alloc_free_reuse_every_kind_and_class)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        size_t pre = kind == FT_ALLOC_GC_PREHEADER ? FT_OBJECT_PREHEADER_SIZE : 0;
        for (int cls = 0; cls < FT_OBJECT_SIZE_CLASSES; cls++) {
            size_t block = ft_object_size_class_block_size(cls);
            if (block <= pre)
                continue;
            size_t size = block - pre;
            char *a = ft_object_alloc(&heap, size, kind);
            CHECK(a != NULL);
            CHECK_EQ_INT((uintptr_t)a % 16, 0);
            CHECK_EQ_INT(ft_object_usable_size(a), size);
            CHECK(all_zero(a - pre, block));
            char *b = ft_object_alloc(&heap, size, kind);
            CHECK(b != NULL && b != a);
            CHECK_EQ_INT(ft_object_usable_size(b), size);
            memset(a - pre, 0xAB, block);
            memset(b, 0xCD, size);
            ft_object_free(a);
            // The freed block is the next one served for this class and kind, zeroed again.
            char *c = ft_object_alloc(&heap, size, kind);
            CHECK(c == a);
            CHECK(all_zero(c - pre, block));
            ft_object_free(b);
            ft_object_free(c);
        }
    }
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
}

TEST(kinds_never_share_a_page)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    void *p[FT_ALLOC_KINDS];
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++)
        p[kind] = ft_object_alloc(&heap, 48, kind);
    for (int i = 0; i < FT_ALLOC_KINDS; i++)
        for (int j = i + 1; j < FT_ALLOC_KINDS; j++)
            CHECK(((uintptr_t)p[i] >> FT_OBJECT_PAGE_SHIFT) != ((uintptr_t)p[j] >> FT_OBJECT_PAGE_SHIFT));
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++)
        ft_object_free(p[kind]);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
}

TEST(preheader_offset_and_usable_size)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    // 32 bytes of object + 16 of pre-header = one 48-byte block, so neighbours are 48 bytes apart.
    char *a = ft_object_alloc(&heap, 32, FT_ALLOC_GC_PREHEADER);
    char *b = ft_object_alloc(&heap, 32, FT_ALLOC_GC_PREHEADER);
    CHECK(a != NULL && b != NULL);
    CHECK_EQ_INT(b - a, 48);
    CHECK_EQ_INT((uintptr_t)a % 16, 0);
    CHECK_EQ_INT(ft_object_usable_size(a), 32);
    CHECK(all_zero(a - FT_OBJECT_PREHEADER_SIZE, 48));
    // Without a pre-header the same request fits a 32-byte block.
    char *c = ft_object_alloc(&heap, 32, FT_ALLOC_GC);
    char *d = ft_object_alloc(&heap, 32, FT_ALLOC_GC);
    CHECK_EQ_INT(d - c, 32);
    CHECK_EQ_INT(ft_object_usable_size(c), 32);
    // Odd sizes round up to the class.
    char *e = ft_object_alloc(&heap, 33, FT_ALLOC_PLAIN);
    CHECK_EQ_INT(ft_object_usable_size(e), 48);
    char *f = ft_object_alloc(&heap, 0, FT_ALLOC_PLAIN);
    CHECK(f != NULL);
    CHECK_EQ_INT(ft_object_usable_size(f), 16);
    char *g = ft_object_alloc(&heap, 0, FT_ALLOC_GC_PREHEADER);
    CHECK(g != NULL);
    CHECK_EQ_INT(ft_object_usable_size(g), 16);
    // The pre-header survives a free and reallocation zeroed.
    memset(a - FT_OBJECT_PREHEADER_SIZE, 0x5A, 48);
    ft_object_free(a);
    char *a2 = ft_object_alloc(&heap, 32, FT_ALLOC_GC_PREHEADER);
    CHECK(a2 == a);
    CHECK(all_zero(a2 - FT_OBJECT_PREHEADER_SIZE, 48));
    void *all[] = {a2, b, c, d, e, f, g};
    for (size_t i = 0; i < sizeof(all) / sizeof(all[0]); i++)
        ft_object_free(all[i]);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
}

TEST(large_objects)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    size_t sizes[] = {FT_OBJECT_SMALL_MAX + 1, 3 * FT_OBJECT_PAGE_SIZE + 17, 1 << 20};
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
            char *p = ft_object_alloc(&heap, sizes[i], kind);
            CHECK(p != NULL);
            CHECK_EQ_INT((uintptr_t)p % 16, 0);
            CHECK(ft_object_usable_size(p) >= sizes[i]);
            CHECK(ft_object_usable_size(p) < sizes[i] + 16);
            CHECK(all_zero(p, sizes[i]));
            memset(p, 0xEE, sizes[i]);
            ft_object_free(p);
        }
    }
    // A freed large page is retired at once (it never serves another size).
    CHECK_EQ_INT(ft_object_pool_pages_retired(&pool), 3 * FT_ALLOC_KINDS);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
    CHECK_EQ_INT(ft_object_pool_pages_outstanding(&pool), 0);
}

TEST(bad_input_is_rejected)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    ft_object_free(NULL);
    CHECK_EQ_INT(ft_object_usable_size(NULL), 0);
    CHECK(ft_object_alloc(&heap, 16, -1) == NULL);
    CHECK(ft_object_alloc(&heap, 16, FT_ALLOC_KINDS) == NULL);
    CHECK(ft_object_alloc(&heap, FT_OBJECT_MAX_SIZE + 1, FT_ALLOC_PLAIN) == NULL);
    CHECK(ft_object_alloc(&heap, (size_t)-1, FT_ALLOC_GC_PREHEADER) == NULL);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
}

// The walk's visitor: counts blocks and checks each is one the test marked live.
typedef struct WalkCount {
    size_t blocks;
    size_t unmarked;
} WalkCount;

#define LIVE_MARK 0x4c495645u   // "LIVE", stored at offset 8 of each live test object

static bool
count_visit(void *obj, size_t block_size, void *arg)
{
    WalkCount *wc = arg;
    wc->blocks++;
    if (block_size < 16 || ((uint32_t *)obj)[2] != LIVE_MARK)
        wc->unmarked++;
    return true;
}

static size_t
walk_count(FtObjectHeap *const *heaps, size_t nheaps, FtObjectPool *pool, int mask, size_t *unmarked)
{
    WalkCount wc = {0, 0};
    ft_object_heap_visit(heaps, nheaps, pool, mask, count_visit, &wc);
    *unmarked = wc.unmarked;
    return wc.blocks;
}

typedef struct FreeJob {
    void **objs;
    size_t n;
} FreeJob;

static void *
free_on_other_thread(void *arg)
{
    FreeJob *job = arg;
    urcu_qsbr_register_thread();
    for (size_t i = 0; i < job->n; i++) {
        ((uint32_t *)job->objs[i])[2] = 0;
        ft_object_free(job->objs[i]);
    }
    urcu_qsbr_unregister_thread();
    return NULL;
}

static void
run_free_thread(void **objs, size_t n)
{
    FreeJob job = {objs, n};
    pthread_t t;
    if (pthread_create(&t, NULL, free_on_other_thread, &job) != 0 || pthread_join(t, NULL) != 0) {
        printf("pthread failed\n");
        exit(1);
    }
}

#define WALK_N 3000

TEST(walk_counts_exactly_the_live_blocks)
{
    static void *objs[WALK_N];
    static void *remote[WALK_N];
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    FtObjectHeap *heaps[] = {&heap};
    size_t live[FT_ALLOC_KINDS] = {0};
    for (size_t i = 0; i < WALK_N; i++) {
        int kind = (int)(i % FT_ALLOC_KINDS);
        size_t size = 16 + (i * 37) % 700 + (i % 101 == 0 ? 20000 : 0);
        objs[i] = ft_object_alloc(&heap, size, kind);
        CHECK(objs[i] != NULL);
        ((uint32_t *)objs[i])[2] = LIVE_MARK;
        live[kind]++;
    }
    size_t unmarked;
    CHECK_EQ_INT(walk_count(heaps, 1, &pool, FT_ALLOC_MASK_ALL, &unmarked), WALK_N);
    CHECK_EQ_INT(unmarked, 0);
    // Free a third locally and a third from another thread (not yet collected by the owner).
    size_t nremote = 0;
    for (size_t i = 0; i < WALK_N; i++) {
        int kind = (int)(i % FT_ALLOC_KINDS);
        if (i % 3 == 0) {
            ((uint32_t *)objs[i])[2] = 0;
            ft_object_free(objs[i]);
            live[kind]--;
            objs[i] = NULL;
        } else if (i % 3 == 1) {
            remote[nremote++] = objs[i];
            live[kind]--;
            objs[i] = NULL;
        }
    }
    run_free_thread(remote, nremote);
    size_t total = live[0] + live[1] + live[2];
    CHECK_EQ_INT(walk_count(heaps, 1, &pool, FT_ALLOC_MASK_ALL, &unmarked), total);
    CHECK_EQ_INT(unmarked, 0);
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        CHECK_EQ_INT(walk_count(heaps, 1, &pool, FT_ALLOC_MASK(kind), &unmarked), live[kind]);
        CHECK_EQ_INT(unmarked, 0);
    }
    CHECK_EQ_INT(walk_count(heaps, 1, &pool, FT_ALLOC_MASK(FT_ALLOC_GC) | FT_ALLOC_MASK(FT_ALLOC_GC_PREHEADER),
                            &unmarked),
                 live[1] + live[2]);
    FtObjectAllocStats stats;
    ft_object_heap_stats(heaps, 1, &pool, &stats);
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        CHECK_EQ_INT(stats.blocks_live[kind], live[kind]);
        CHECK(stats.pages[kind] > 0);
    }
    CHECK_EQ_INT(stats.pool_pages, 0);
    // The walk stops when the visitor says so.
    WalkCount wc = {0, 0};
    ft_object_heap_visit(heaps, 1, &pool, FT_ALLOC_MASK_ALL, count_visit, &wc);
    CHECK_EQ_INT(wc.blocks, total);
    // The survivors are still found after the heap is abandoned (the pool holds them).
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(walk_count(NULL, 0, &pool, FT_ALLOC_MASK_ALL, &unmarked), total);
    CHECK_EQ_INT(unmarked, 0);
    ft_object_heap_stats(NULL, 0, &pool, &stats);
    CHECK(stats.pool_pages > 0);
    CHECK_EQ_INT(stats.blocks_live[0] + stats.blocks_live[1] + stats.blocks_live[2], total);
    // Free the rest from another thread: the pool reclaims every page.
    nremote = 0;
    for (size_t i = 0; i < WALK_N; i++)
        if (objs[i] != NULL)
            remote[nremote++] = objs[i];
    run_free_thread(remote, nremote);
    CHECK_EQ_INT(walk_count(NULL, 0, &pool, FT_ALLOC_MASK_ALL, &unmarked), 0);
    ft_object_pool_collect(&pool);
    ft_object_heap_stats(NULL, 0, &pool, &stats);
    CHECK_EQ_INT(stats.pool_pages, 0);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
    CHECK_EQ_INT(ft_object_pool_pages_outstanding(&pool), 0);
}

static bool
stop_after_ten(void *obj, size_t block_size, void *arg)
{
    return ++*(size_t *)arg < 10;
}

TEST(walk_stops_early)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    FtObjectHeap *heaps[] = {&heap};
    void *objs[100];
    for (int i = 0; i < 100; i++)
        objs[i] = ft_object_alloc(&heap, 64, FT_ALLOC_GC);
    size_t seen = 0;
    ft_object_heap_visit(heaps, 1, &pool, FT_ALLOC_MASK_ALL, stop_after_ten, &seen);
    CHECK_EQ_INT(seen, 10);
    for (int i = 0; i < 100; i++)
        ft_object_free(objs[i]);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
}

TEST(remote_frees_are_reused_by_the_owner)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    // Fill exactly one page of the 1024-byte class, then free all of it from another thread.
    enum { N = (FT_OBJECT_PAGE_SIZE - 1024) / 1024 };
    void *objs[N];
    for (int i = 0; i < N; i++)
        objs[i] = ft_object_alloc(&heap, 1024, FT_ALLOC_PLAIN);
    uintptr_t page = (uintptr_t)objs[0] >> FT_OBJECT_PAGE_SHIFT;
    for (int i = 0; i < N; i++)
        CHECK(((uintptr_t)objs[i] >> FT_OBJECT_PAGE_SHIFT) == page);
    size_t outstanding = ft_object_pool_pages_outstanding(&pool);
    run_free_thread(objs, N);
    // The owner finds its page full, collects the remote frees and reuses the blocks: no new page.
    for (int i = 0; i < N; i++) {
        objs[i] = ft_object_alloc(&heap, 1024, FT_ALLOC_PLAIN);
        CHECK(((uintptr_t)objs[i] >> FT_OBJECT_PAGE_SHIFT) == page);
    }
    CHECK_EQ_INT(ft_object_pool_pages_outstanding(&pool), outstanding);
    run_free_thread(objs, N);
    ft_object_heap_collect(&heap);
    FtObjectHeap *heaps[] = {&heap};
    FtObjectAllocStats stats;
    ft_object_heap_stats(heaps, 1, &pool, &stats);
    CHECK_EQ_INT(stats.blocks_live[FT_ALLOC_PLAIN], 0);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
}

TEST(empty_pages_are_retired_after_a_grace_period)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    // Three pages' worth of 4096-byte blocks; freeing them all leaves only the current page.
    enum { N = 3 * ((FT_OBJECT_PAGE_SIZE - 1024) / 4096) };
    void *objs[N];
    for (int i = 0; i < N; i++)
        objs[i] = ft_object_alloc(&heap, 4096, FT_ALLOC_GC);
    CHECK_EQ_INT(ft_object_pool_pages_outstanding(&pool), 3);
    for (int i = 0; i < N; i++)
        ft_object_free(objs[i]);
    CHECK_EQ_INT(ft_object_pool_pages_retired(&pool), 2);
    urcu_qsbr_thread_offline();
    urcu_qsbr_barrier();
    urcu_qsbr_thread_online();
    CHECK_EQ_INT(ft_object_pool_pages_outstanding(&pool), 1);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(ft_object_pool_pages_retired(&pool), 3);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
    CHECK_EQ_INT(ft_object_pool_pages_outstanding(&pool), 0);
}

TEST(abandoned_pages_are_adopted)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap first, second;
    ft_object_heap_init(&first, &pool);
    ft_object_heap_init(&second, &pool);
    void *keep = ft_object_alloc(&first, 200, FT_ALLOC_GC_PREHEADER);
    void *gone = ft_object_alloc(&first, 200, FT_ALLOC_GC_PREHEADER);
    ((uint32_t *)keep)[2] = LIVE_MARK;
    ft_object_heap_abandon(&first, &pool);
    // A free after abandonment goes to the page's remote list; the page stays in the pool.
    ft_object_free(gone);
    ft_object_pool_collect(&pool);
    FtObjectAllocStats stats;
    ft_object_heap_stats(NULL, 0, &pool, &stats);
    CHECK_EQ_INT(stats.pool_pages, 1);
    CHECK_EQ_INT(stats.blocks_live[FT_ALLOC_GC_PREHEADER], 1);
    // Another heap allocating the same kind and class adopts the page and reuses the freed block.
    void *again = ft_object_alloc(&second, 200, FT_ALLOC_GC_PREHEADER);
    CHECK(again == gone);
    FtObjectHeap *heaps[] = {&second};
    ft_object_heap_stats(heaps, 1, &pool, &stats);
    CHECK_EQ_INT(stats.pool_pages, 0);
    CHECK_EQ_INT(stats.blocks_live[FT_ALLOC_GC_PREHEADER], 2);
    ft_object_free(keep);
    ft_object_free(again);
    ft_object_heap_abandon(&second, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 0);
}

TEST(destroy_reports_leaked_blocks)
{
    FtObjectPool pool;
    CHECK_EQ_INT(ft_object_pool_init(&pool), 0);
    FtObjectHeap heap;
    ft_object_heap_init(&heap, &pool);
    for (int i = 0; i < 5; i++)
        CHECK(ft_object_alloc(&heap, 100, FT_ALLOC_PLAIN) != NULL);
    CHECK(ft_object_alloc(&heap, 100000, FT_ALLOC_GC) != NULL);
    ft_object_heap_abandon(&heap, &pool);
    CHECK_EQ_INT(destroy_pool(&pool), 6);
    CHECK_EQ_INT(ft_object_pool_pages_outstanding(&pool), 0);
}

int
main(void)
{
    urcu_qsbr_register_thread();
    int rc = ft_test_run_all();
    urcu_qsbr_unregister_thread();
    return rc;
}

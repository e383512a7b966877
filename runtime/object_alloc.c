// runtime/object_alloc.c: the object allocator: per-thread heaps of size-classed, type-stable pages
// taken from mimalloc (design essay: runtime/ALLOCATOR.md; contract: runtime/object_alloc.h).
//
// Owns: the page layout, size classes, the per-thread page queues, remote frees, the pool of abandoned
// pages, page retirement through QSBR, and the stop-the-world walk.
//
// Page layout (FT_OBJECT_PAGE_SIZE bytes aligned to FT_OBJECT_PAGE_SIZE; a large page is longer):
//
//   +-------------------+--------------------------------------------------------------+
//   | FtObjectPage      | block 0 | block 1 | ...  | block capacity-1 | (tail unused)   |
//   | (PAGE_HEADER_SIZE)|                                                               |
//   +-------------------+--------------------------------------------------------------+
//   page = obj & ~(FT_OBJECT_PAGE_SIZE - 1)   for every object pointer obj of the page
//
// Invariants of a page (owner view; the owner is the heap's thread, or the pool mutex holder for an
// abandoned page, or the walker while the world is stopped):
//   used == popcount(bitmap) == bump - length(local_free) - length(remote_free)
//   a block is on at most one of local_free and remote_free, and then its bitmap bit is clear
//   bump <= capacity; blocks at index >= bump were never handed out
//   kind and queue (size class) never change while the page is live: that is type stability
// A page that becomes empty stays in its queue (same kind and class) or is retired: unlinked from
// every list, then given back to mimalloc only after a urcu-qsbr grace period (call_rcu).
//
// Concurrency model:
//   allocation                lock-free, owner thread only (no atomic RMW on the fast path)
//   free by the owner         lock-free, no atomic RMW: local free list and bitmap
//   free by any other thread  lock-free: push on the page's remote-free Treiber stack (CAS, release)
//   remote-free collection    the page's owner (or pool mutex holder, or walker) swaps the stack to
//                             NULL (acquire) and frees each block locally; push-only + take-all has
//                             no ABA problem
//   abandoned pages           guarded by the pool mutex
//   walk and statistics       stop-the-world only; they drain remote frees, so the bitmap is exact
// A thread decides "am I the owner" by comparing page->owner_tid with ft_thread_id(): only the owner
// stores its own id there, so a stale value read by another thread is never that thread's id.
//
// References: CPython Objects/obmalloc.c (_PyMem_mi_page_maybe_free, the QSBR goal on pages),
// mimalloc src/page.c and src/alloc.c (thread-delayed free), PEP 703 "Mimalloc Page Reuse".
#include "runtime/object_alloc.h"

#include <mimalloc.h>          // mi_malloc_aligned mi_free
#include <string.h>            // memset
#include <urcu/urcu-qsbr.h>    // urcu_qsbr_call_rcu urcu_qsbr_barrier struct rcu_head caa_container_of

#include "sync/atomic.h"       // ft_atomic_*
#include "sync/fatal.h"        // ft_fatal FT_ASSERT
#include "sync/mutex.h"        // ft_mutex_lock_no_detach ft_mutex_unlock
#include "sync/sync_thread.h"  // ft_thread_id

typedef struct FtObjectBlock {
    struct FtObjectBlock *next;   // atomic (relaxed): see block_link_load()
} FtObjectBlock;

// A free block's link overlaps the freed object's ob_tid, which a lock-free reader still holding a
// stale pointer may load (atomically) before it finds the object dead (FREE-THREADING.md section
// 7.3). So the link is written and read with relaxed atomics: the value is ordered by the page's
// owner (local list) or by the remote-free stack's release/acquire, never by these accesses.
static inline FtObjectBlock *
block_link_load(FtObjectBlock *block)
{
    // relaxed: see above.
    return (FtObjectBlock *)ft_atomic_load_ptr_relaxed((void **)&block->next);
}

static inline void
block_link_store(FtObjectBlock *block, FtObjectBlock *next)
{
    // relaxed: see above.
    ft_atomic_store_ptr_relaxed((void **)&block->next, next);
}

// Zeroes a block being handed out. The object header's first 32 bytes (where ob_tid and the counts
// live) are cleared with relaxed atomic stores for the same stale readers; the rest is plain memory
// nobody reads before the object is published.
static inline void
block_zero(void *block, size_t block_size, int kind)
{
    size_t header_at = kind == FT_ALLOC_GC_PREHEADER ? FT_OBJECT_PREHEADER_SIZE : 0;
    size_t object_size = block_size - header_at;          // a multiple of 16
    size_t header_size = object_size < 32 ? object_size : 32;
    uint64_t *header = (uint64_t *)((char *)block + header_at);
    memset(block, 0, header_at);
    for (size_t i = 0; i < header_size / 8; i++)
        ft_atomic_store_uint64_relaxed(&header[i], 0);   // relaxed: see above
    memset((char *)header + header_size, 0, object_size - header_size);
}

// One bit per 16 bytes of a small page is enough for every size class.
#define PAGE_BITMAP_WORDS (FT_OBJECT_PAGE_SIZE / 16 / 64)
#define PAGE_MAGIC_LIVE 0x46744f626a50674cull      // "FtObjPgL"
#define PAGE_MAGIC_RETIRED 0x46744f626a506752ull   // "FtObjPgR"

struct FtObjectPage {
    uint64_t magic;          // PAGE_MAGIC_LIVE while live; immutable while live (debug checks)
    FtObjectPool *pool;      // immutable after creation
    size_t block_size;       // immutable after creation (pre-header included)
    size_t alloc_size;       // immutable after creation: bytes taken from mimalloc
    uint32_t capacity;       // immutable after creation: number of blocks
    uint32_t index_mul;      // immutable after creation: offset * index_mul >> 32 == offset / block_size
    uint8_t kind;            // immutable after creation: FT_ALLOC_*
    uint8_t queue;           // immutable after creation: size class or FT_OBJECT_LARGE_QUEUE
    uintptr_t owner_tid;     // atomic: ft_thread_id() of the owner, 0 when abandoned; stored by the
                             // owner, by abandon and by adoption (under the pool mutex)
    uintptr_t remote_free;   // atomic: Treiber stack (FtObjectBlock *) of blocks freed by non-owners
    // The fields below belong to the page's owner: owner-thread only while in a heap, guarded_by(pool
    // mutex) while abandoned, and stop-the-world only during a walk.
    FtObjectHeap *heap;      // the owning heap, NULL when abandoned
    FtObjectBlock *local_free;
    uint32_t used;           // allocated blocks, as the owner knows them (remote frees pending count)
    uint32_t bump;           // blocks [bump, capacity) were never handed out
    FtObjectPage *next;      // in the owner's queue
    FtObjectPage *prev;
    struct rcu_head rcu;     // used once, when the page is retired
    uint64_t bitmap[PAGE_BITMAP_WORDS];   // bit i set <=> block i is allocated
};

#define PAGE_HEADER_SIZE ((sizeof(FtObjectPage) + 63) & ~(size_t)63)
_Static_assert(PAGE_HEADER_SIZE + FT_OBJECT_PREHEADER_SIZE < FT_OBJECT_PAGE_SIZE,
               "object pointers of a large page must lie in its first aligned unit");
_Static_assert((FT_OBJECT_PAGE_SIZE - PAGE_HEADER_SIZE) / 16 <= PAGE_BITMAP_WORDS * 64,
               "the bitmap covers the smallest size class");
_Static_assert(FT_OBJECT_SMALL_MAX * 4 <= FT_OBJECT_PAGE_SIZE - PAGE_HEADER_SIZE,
               "even the largest small class has a few blocks per page");

static inline char *
page_blocks(FtObjectPage *page)
{
    return (char *)page + PAGE_HEADER_SIZE;
}

static inline size_t
kind_offset(int kind)
{
    return kind == FT_ALLOC_GC_PREHEADER ? FT_OBJECT_PREHEADER_SIZE : 0;
}

static inline FtObjectPage *
page_of(const void *obj)
{
    FtObjectPage *page = (FtObjectPage *)((uintptr_t)obj & ~(uintptr_t)(FT_OBJECT_PAGE_SIZE - 1));
    FT_ASSERT(page->magic == PAGE_MAGIC_LIVE);
    return page;
}

// Size classes (the one source of the class table: the two functions below; the unit test checks
// that they agree for every size).

size_t
ft_object_size_class_block_size(int cls)
{
    FT_ASSERT(cls >= 0 && cls < FT_OBJECT_SIZE_CLASSES);
    if (cls < 32)
        return (size_t)(cls + 1) * 16;
    int doubling = (cls - 32) / 4;    // 0: (512, 1024], 1: (1024, 2048], ...
    int step = (cls - 32) % 4 + 5;    // 5..8 quarters of the lower power of two
    return ((size_t)512 << doubling) / 4 * (size_t)step;
}

int
ft_object_size_class_of(size_t block_size)
{
    FT_ASSERT(block_size > 0 && block_size <= FT_OBJECT_SMALL_MAX);
    if (block_size <= 512)
        return (int)((block_size + 15) / 16) - 1;
    int log2 = 63 - __builtin_clzll((unsigned long long)(block_size - 1));   // 9 for (512, 1024]
    int quarter = (int)((block_size - 1) >> (log2 - 2));                     // 4..7
    return 32 + (log2 - 9) * 4 + (quarter - 4);
}

// Queues.

static void
queue_push_front(FtObjectPageQueue *q, FtObjectPage *page)
{
    page->prev = NULL;
    page->next = q->first;
    if (q->first)
        q->first->prev = page;
    else
        q->last = page;
    q->first = page;
}

static void
queue_remove(FtObjectPageQueue *q, FtObjectPage *page)
{
    if (page->prev)
        page->prev->next = page->next;
    else
        q->first = page->next;
    if (page->next)
        page->next->prev = page->prev;
    else
        q->last = page->prev;
    page->next = page->prev = NULL;
}

// Appends every page of src to dst, leaving src empty.
static void
queue_append_all(FtObjectPageQueue *dst, FtObjectPageQueue *src)
{
    if (src->first == NULL)
        return;
    if (dst->last) {
        dst->last->next = src->first;
        src->first->prev = dst->last;
    } else {
        dst->first = src->first;
    }
    dst->last = src->last;
    src->first = src->last = NULL;
}

// Pages: creation, block bookkeeping, retirement.

static FtObjectPage *
page_new(FtObjectPool *pool, int kind, int queue, size_t block_size)
{
    size_t alloc_size;
    uint32_t capacity;
    if (queue == FT_OBJECT_LARGE_QUEUE) {
        alloc_size = PAGE_HEADER_SIZE + block_size;
        capacity = 1;
    } else {
        alloc_size = FT_OBJECT_PAGE_SIZE;
        capacity = (uint32_t)((FT_OBJECT_PAGE_SIZE - PAGE_HEADER_SIZE) / block_size);
    }
    // TODO(#2): mimalloc 2.0.9 serves a 64 KiB block aligned to 64 KiB from a 128 KiB slot (half of it
    // never touched, so it costs address space, not RSS); carve pages from larger aligned chunks.
    FtObjectPage *page = mi_malloc_aligned(alloc_size, FT_OBJECT_PAGE_SIZE);
    if (page == NULL)
        return NULL;
    // acq_rel: the acquire half pairs with the release in page_release_to_mimalloc(), so that (for
    // ThreadSanitizer too) the previous life of this memory happens before our writes to it; the
    // release half is for the next page_release_to_mimalloc().
    ft_atomic_add_uint64_acq_rel(&pool->pages_outstanding, 1);
    memset(page, 0, PAGE_HEADER_SIZE);
    page->magic = PAGE_MAGIC_LIVE;
    page->pool = pool;
    page->block_size = block_size;
    page->alloc_size = alloc_size;
    page->capacity = capacity;
    // Exact for every offset below 2^32 / block_size, which covers a small page (offset < 2^16,
    // block_size <= 2^13); a large page has one block, at offset 0, and a multiplier of 0.
    page->index_mul = queue == FT_OBJECT_LARGE_QUEUE ? 0 : (uint32_t)(((uint64_t)1 << 32) / block_size + 1);
    page->kind = (uint8_t)kind;
    page->queue = (uint8_t)queue;
    return page;
}

static void
page_release_to_mimalloc(FtObjectPage *page)
{
    FtObjectPool *pool = page->pool;
    page->magic = PAGE_MAGIC_RETIRED;
    // release: pairs with the acq_rel add in page_new() of whoever gets this memory next (see there),
    // and with the acquire load in ft_object_pool_destroy().
    ft_atomic_sub_uint64_release(&pool->pages_outstanding, 1);
    mi_free(page);
}

static void
page_free_after_grace_period(struct rcu_head *head)
{
    FtObjectPage *page = caa_container_of(head, FtObjectPage, rcu);
    // liburcu's queue is invisible to ThreadSanitizer: pairs with FT_TSAN_RELEASE in page_retire().
    FT_TSAN_ACQUIRE(page);
    page_release_to_mimalloc(page);
}

// Retires an empty page that is already unlinked from every queue: nobody can allocate from it any
// more, and no block of it is live, so no free can reach it; but a lock-free reader may still be
// reading the header of an object that lived here (FREE-THREADING.md section 7.3). Its memory goes
// back to mimalloc, where it may become anything, after a urcu-qsbr grace period, by which time every
// such reader has passed a quiescent state and dropped its pointer. The caller must be a registered,
// online urcu-qsbr thread (urcu_qsbr_call_rcu's rule).
static void
page_retire(FtObjectPage *page)
{
    FT_ASSERT(page->used == 0);
    FT_ASSERT(ft_atomic_load_uintptr_relaxed(&page->remote_free) == 0);
    ft_atomic_add_uint64_relaxed(&page->pool->pages_retired, 1);   // relaxed: statistic only
    // Straight to liburcu rather than ft_qsbr_free_delayed() (runtime/qsbr.h), see ALLOCATOR.md: the
    // page embeds its own rcu_head, so retiring never allocates and never falls back to a blocking
    // synchronize (which would deadlock under the pool mutex), it needs no thread state, and
    // ft_object_pool_destroy's urcu_qsbr_barrier() sees every pending page. liburcu 0.13 has no
    // polling API, so the callback runs on liburcu's call_rcu helper thread.
    FT_TSAN_RELEASE(page);   // pairs with FT_TSAN_ACQUIRE in page_free_after_grace_period()
    urcu_qsbr_call_rcu(&page->rcu, page_free_after_grace_period);
}

static inline uint32_t
page_block_index(FtObjectPage *page, const void *block)
{
    size_t offset = (size_t)((const char *)block - page_blocks(page));
    uint32_t index = (uint32_t)(((uint64_t)offset * page->index_mul) >> 32);
    FT_ASSERT(offset % page->block_size == 0 && offset / page->block_size == index && index < page->capacity);
    return index;
}

static inline bool
page_has_free(const FtObjectPage *page)
{
    return page->local_free != NULL || page->bump < page->capacity;
}

// Takes a free block of the page, marks it allocated and zeroes it; NULL if the page is full.
// Owner only.
static inline void *
page_pop(FtObjectPage *page)
{
    FtObjectBlock *block = page->local_free;
    uint32_t index;
    if (block != NULL) {
        page->local_free = block_link_load(block);
        index = page_block_index(page, block);
    } else if (page->bump < page->capacity) {
        index = page->bump++;
        block = (FtObjectBlock *)(page_blocks(page) + (size_t)index * page->block_size);
    } else {
        return NULL;
    }
    FT_ASSERT((page->bitmap[index / 64] & ((uint64_t)1 << (index % 64))) == 0);
    page->bitmap[index / 64] |= (uint64_t)1 << (index % 64);
    page->used++;
    block_zero(block, page->block_size, page->kind);
    return block;
}

// Marks a block free and puts it on the local free list. Owner only.
static inline void
page_free_block(FtObjectPage *page, FtObjectBlock *block)
{
    uint32_t index = page_block_index(page, block);
    uint64_t bit = (uint64_t)1 << (index % 64);
    if (FT_UNLIKELY((page->bitmap[index / 64] & bit) == 0))
        ft_fatal("ft_object_free: double free of block %p (page %p)", (void *)block, (void *)page);
    page->bitmap[index / 64] &= ~bit;
    block_link_store(block, page->local_free);
    page->local_free = block;
    page->used--;
}

// Moves the remote frees of a page to its local free list. Owner only. Returns how many there were.
static size_t
page_collect_remote(FtObjectPage *page)
{
    // relaxed: only a hint; the exchange below is the real read.
    if (ft_atomic_load_uintptr_relaxed(&page->remote_free) == 0)
        return 0;
    // acquire: pairs with the release CAS in page_push_remote(): each block's contents and link,
    // written by the freeing thread, are visible here (every push is a release RMW on this word, so
    // they all head release sequences this exchange reads from).
    FtObjectBlock *block = (FtObjectBlock *)ft_atomic_exchange_uintptr_acquire(&page->remote_free, 0);
    size_t n = 0;
    while (block != NULL) {
        FtObjectBlock *next = block_link_load(block);
        page_free_block(page, block);
        block = next;
        n++;
    }
    return n;
}

static void
page_push_remote(FtObjectPage *page, FtObjectBlock *block)
{
    // relaxed: the CAS below re-validates the head.
    uintptr_t head = ft_atomic_load_uintptr_relaxed(&page->remote_free);
    do {
        block_link_store(block, (FtObjectBlock *)head);
        // release: pairs with the acquire exchange in page_collect_remote(). After it succeeds this
        // thread must not touch the page: the owner may find it empty and retire it.
    } while (!ft_atomic_cas_uintptr_release(&page->remote_free, &head, (uintptr_t)block));
}

static inline void
assert_not_walking(FtObjectPool *pool)
{
    // relaxed: a debug check of the stop-the-world precondition, not a synchronisation.
    FT_ASSERT(ft_atomic_load_int_relaxed(&pool->walking) == 0);
    (void)pool;
}

// The pool.

int
ft_object_pool_init(FtObjectPool *pool)
{
    memset(pool, 0, sizeof(*pool));
    return 0;
}

static void
pool_lock(FtObjectPool *pool)
{
    // No detach while waiting: the caller is in the middle of an allocator operation, which a
    // stop-the-world must not observe half done.
    ft_mutex_lock_no_detach(&pool->mutex);
}

static void
pool_unlock(FtObjectPool *pool)
{
    ft_mutex_unlock(&pool->mutex);
}

static void
pool_collect_lock_held(FtObjectPool *pool)
{
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        for (int qi = 0; qi < FT_OBJECT_QUEUES; qi++) {
            FtObjectPageQueue *q = &pool->queues[kind][qi];
            FtObjectPage *page = q->first;
            while (page != NULL) {
                FtObjectPage *next = page->next;
                page_collect_remote(page);
                if (page->used == 0) {
                    queue_remove(q, page);
                    // relaxed: a hint for adoption; written only under the mutex.
                    ft_atomic_sub_uint64_relaxed(&pool->abandoned_pages, 1);
                    page_retire(page);
                }
                page = next;
            }
        }
    }
}

void
ft_object_pool_collect(FtObjectPool *pool)
{
    pool_lock(pool);
    pool_collect_lock_held(pool);
    pool_unlock(pool);
}

size_t
ft_object_pool_destroy(FtObjectPool *pool)
{
    size_t leaked = 0;
    pool_lock(pool);
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        for (int qi = 0; qi < FT_OBJECT_QUEUES; qi++) {
            FtObjectPageQueue *q = &pool->queues[kind][qi];
            while (q->first != NULL) {
                FtObjectPage *page = q->first;
                queue_remove(q, page);
                page_collect_remote(page);
                leaked += page->used;
                // No grace period: by the precondition no reader can reach these objects any more.
                page_release_to_mimalloc(page);
            }
        }
    }
    ft_atomic_store_uint64_relaxed(&pool->abandoned_pages, 0);   // relaxed: nobody else uses the pool
    pool_unlock(pool);
    // Wait for the pages still in a grace period: their callbacks touch pool->pages_outstanding.
    urcu_qsbr_barrier();
    // acquire: pairs with the release sub in page_release_to_mimalloc() on the call_rcu thread.
    if (ft_atomic_load_uint64_acquire(&pool->pages_outstanding) != 0)
        ft_fatal("ft_object_pool_destroy: %llu pages still belong to a live heap",
                 (unsigned long long)ft_atomic_load_uint64_acquire(&pool->pages_outstanding));
    return leaked;
}

size_t
ft_object_pool_pages_outstanding(FtObjectPool *pool)
{
    return (size_t)ft_atomic_load_uint64_relaxed(&pool->pages_outstanding);   // relaxed: snapshot
}

size_t
ft_object_pool_pages_retired(FtObjectPool *pool)
{
    return (size_t)ft_atomic_load_uint64_relaxed(&pool->pages_retired);   // relaxed: snapshot
}

// Takes an abandoned page of this kind and class that has a free block, and makes it the heap's.
// Owner of heap only. Returns NULL if the pool has none.
static FtObjectPage *
pool_adopt(FtObjectPool *pool, FtObjectHeap *heap, int kind, int queue)
{
    // relaxed: a hint; re-checked under the mutex.
    if (ft_atomic_load_uint64_relaxed(&pool->abandoned_pages) == 0)
        return NULL;
    FtObjectPage *found = NULL;
    pool_lock(pool);
    FtObjectPageQueue *q = &pool->queues[kind][queue];
    for (FtObjectPage *page = q->first; page != NULL; page = page->next) {
        page_collect_remote(page);
        if (page_has_free(page)) {
            found = page;
            break;
        }
    }
    if (found != NULL) {
        queue_remove(q, found);
        ft_atomic_sub_uint64_relaxed(&pool->abandoned_pages, 1);   // relaxed: hint, under mutex
        found->heap = heap;
        // relaxed: the owner id is compared only for equality with the reader's own id (file block).
        ft_atomic_store_uintptr_relaxed(&found->owner_tid, ft_thread_id());
    }
    pool_unlock(pool);
    return found;
}

// Heaps.

void
ft_object_heap_init(FtObjectHeap *heap, FtObjectPool *pool)
{
    memset(heap, 0, sizeof(*heap));
    heap->pool = pool;
}

static FtObjectPage *
heap_new_page(FtObjectHeap *heap, int kind, int queue, size_t block_size)
{
    FtObjectPage *page = page_new(heap->pool, kind, queue, block_size);
    if (page == NULL)
        return NULL;
    page->heap = heap;
    // relaxed: the page is not yet visible to any other thread.
    ft_atomic_store_uintptr_relaxed(&page->owner_tid, ft_thread_id());
    queue_push_front(&heap->queues[kind][queue], page);
    return page;
}

// Collects remote frees of every large page of a kind and retires those that became empty.
static void
heap_sweep_large(FtObjectHeap *heap, int kind)
{
    FtObjectPageQueue *q = &heap->queues[kind][FT_OBJECT_LARGE_QUEUE];
    FtObjectPage *page = q->first;
    while (page != NULL) {
        FtObjectPage *next = page->next;
        page_collect_remote(page);
        if (page->used == 0) {
            queue_remove(q, page);
            page_retire(page);
        }
        page = next;
    }
}

static void *
heap_alloc_large(FtObjectHeap *heap, size_t block_size, int kind)
{
    // TODO(#2): remote frees of large blocks are found by sweeping the queue every 16 large
    // allocations (O(large pages)); mimalloc's thread-delayed-free list would find them directly.
    if (++heap->large_allocs_since_sweep >= 16) {
        heap->large_allocs_since_sweep = 0;
        heap_sweep_large(heap, kind);
    }
    FtObjectPage *page = heap_new_page(heap, kind, FT_OBJECT_LARGE_QUEUE, (block_size + 15) & ~(size_t)15);
    if (page == NULL)
        return NULL;
    return page_pop(page);
}

// The slow path of a small allocation: the first page of the queue is full. Looks for a page with
// free blocks (collecting remote frees), then adopts an abandoned one, then takes a new one.
static void *
heap_alloc_small_slow(FtObjectHeap *heap, int kind, int cls)
{
    FtObjectPageQueue *q = &heap->queues[kind][cls];
    // TODO(#2): full pages are rescanned on every miss; keep them on a separate full list that a
    // remote free moves back (mimalloc's delayed free) once this shows up in profiles.
    for (FtObjectPage *page = q->first; page != NULL; page = page->next) {
        page_collect_remote(page);
        if (page_has_free(page)) {
            if (page != q->first) {
                queue_remove(q, page);
                queue_push_front(q, page);
            }
            return page_pop(page);
        }
    }
    FtObjectPage *page = pool_adopt(heap->pool, heap, kind, cls);
    if (page != NULL) {
        queue_push_front(q, page);
        return page_pop(page);
    }
    page = heap_new_page(heap, kind, cls, ft_object_size_class_block_size(cls));
    if (page == NULL)
        return NULL;
    return page_pop(page);
}

void *
ft_object_alloc(FtObjectHeap *heap, size_t size, int kind)
{
    if (FT_UNLIKELY(kind < 0 || kind >= FT_ALLOC_KINDS || size > FT_OBJECT_MAX_SIZE))
        return NULL;
    assert_not_walking(heap->pool);
    if (FT_UNLIKELY(heap->owner_tid == 0))
        heap->owner_tid = ft_thread_id();
    FT_ASSERT(heap->owner_tid == ft_thread_id());
    size_t block_size = (size == 0 ? 1 : size) + kind_offset(kind);
    char *block;
    if (FT_UNLIKELY(block_size > FT_OBJECT_SMALL_MAX)) {
        block = heap_alloc_large(heap, block_size, kind);
    } else {
        int cls = ft_object_size_class_of(block_size);
        FtObjectPage *page = heap->queues[kind][cls].first;
        block = page != NULL ? page_pop(page) : NULL;
        if (FT_UNLIKELY(block == NULL))
            block = heap_alloc_small_slow(heap, kind, cls);
    }
    if (block == NULL)
        return NULL;
    return block + kind_offset(kind);
}

void
ft_object_free(void *obj)
{
    if (obj == NULL)
        return;
    FtObjectPage *page = page_of(obj);
    assert_not_walking(page->pool);
    FtObjectBlock *block = (FtObjectBlock *)((char *)obj - kind_offset(page->kind));
    // relaxed: only the owner ever stores its own id, so equality is decided by program order.
    if (ft_atomic_load_uintptr_relaxed(&page->owner_tid) != ft_thread_id()) {
        page_push_remote(page, block);
        return;
    }
    page_free_block(page, block);
    if (page->used == 0) {
        // Keep the queue's current page even when empty (it keeps serving its class); retire the
        // others. A large page never serves another allocation.
        FtObjectPageQueue *q = &page->heap->queues[page->kind][page->queue];
        if (page->queue == FT_OBJECT_LARGE_QUEUE || q->first != page) {
            // A remote free cannot be pending: used counts blocks freed remotely but not collected.
            queue_remove(q, page);
            page_retire(page);
        }
    }
}

size_t
ft_object_usable_size(const void *obj)
{
    if (obj == NULL)
        return 0;
    FtObjectPage *page = page_of(obj);
    return page->block_size - kind_offset(page->kind);
}

void
ft_object_heap_collect(FtObjectHeap *heap)
{
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        for (int qi = 0; qi < FT_OBJECT_SIZE_CLASSES; qi++) {
            FtObjectPageQueue *q = &heap->queues[kind][qi];
            FtObjectPage *page = q->first;
            while (page != NULL) {
                FtObjectPage *next = page->next;
                page_collect_remote(page);
                if (page->used == 0 && page != q->first) {
                    queue_remove(q, page);
                    page_retire(page);
                }
                page = next;
            }
        }
        heap_sweep_large(heap, kind);
    }
}

void
ft_object_heap_abandon(FtObjectHeap *heap, FtObjectPool *pool)
{
    FT_ASSERT(heap->pool == pool);
    size_t npages = 0;
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        for (int qi = 0; qi < FT_OBJECT_QUEUES; qi++) {
            for (FtObjectPage *page = heap->queues[kind][qi].first; page != NULL; page = page->next) {
                page->heap = NULL;
                // relaxed: from now on nobody's id matches, so every free goes to the remote list.
                ft_atomic_store_uintptr_relaxed(&page->owner_tid, 0);
                npages++;
            }
        }
    }
    pool_lock(pool);
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++)
        for (int qi = 0; qi < FT_OBJECT_QUEUES; qi++)
            queue_append_all(&pool->queues[kind][qi], &heap->queues[kind][qi]);
    ft_atomic_add_uint64_relaxed(&pool->abandoned_pages, npages);   // relaxed: hint, under mutex
    pool_collect_lock_held(pool);
    pool_unlock(pool);
    heap->owner_tid = 0;
    heap->large_allocs_since_sweep = 0;
}

// The walk.

typedef struct WalkState {
    int kind_mask;
    bool (*visit)(void *obj, size_t block_size, void *arg);
    void *arg;
    FtObjectAllocStats *stats;
    bool in_pool;
    bool stopped;
} WalkState;

static void
walk_page(FtObjectPage *page, WalkState *st)
{
    page_collect_remote(page);
    int kind = page->kind;
    if (st->stats != NULL) {
        st->stats->pages[kind]++;
        st->stats->blocks_live[kind] += page->used;
        st->stats->bytes_live[kind] += (size_t)page->used * page->block_size;
        if (st->in_pool)
            st->stats->pool_pages++;
    }
    if (st->visit == NULL || st->stopped)
        return;
    size_t offset = kind_offset(kind);
    size_t usable = page->block_size - offset;
    uint32_t words = (page->capacity + 63) / 64;
    for (uint32_t w = 0; w < words; w++) {
        uint64_t bits = page->bitmap[w];
        while (bits != 0) {
            uint32_t index = w * 64 + (uint32_t)__builtin_ctzll(bits);
            bits &= bits - 1;
            char *obj = page_blocks(page) + (size_t)index * page->block_size + offset;
            if (!st->visit(obj, usable, st->arg)) {
                st->stopped = true;
                return;
            }
        }
    }
}

static void
walk_queues(FtObjectPageQueue (*queues)[FT_OBJECT_QUEUES], WalkState *st)
{
    for (int kind = 0; kind < FT_ALLOC_KINDS; kind++) {
        if ((st->kind_mask & FT_ALLOC_MASK(kind)) == 0)
            continue;
        for (int qi = 0; qi < FT_OBJECT_QUEUES; qi++)
            for (FtObjectPage *page = queues[kind][qi].first; page != NULL; page = page->next)
                walk_page(page, st);
    }
}

static void
walk_unlocked(FtObjectHeap *const *heaps, size_t nheaps, FtObjectPool *pool, WalkState *st)
{
    // relaxed: a debug marker for assert_not_walking(); the stop-the-world itself orders memory.
    ft_atomic_store_int_relaxed(&pool->walking, 1);
    for (size_t i = 0; i < nheaps; i++) {
        FT_ASSERT(heaps[i]->pool == pool);
        walk_queues(heaps[i]->queues, st);
    }
    pool_lock(pool);
    st->in_pool = true;
    walk_queues(pool->queues, st);
    pool_unlock(pool);
    ft_atomic_store_int_relaxed(&pool->walking, 0);
}

void
ft_object_heap_visit(FtObjectHeap *const *heaps, size_t nheaps, FtObjectPool *pool, int kind_mask,
                     bool (*visit)(void *obj, size_t block_size, void *arg), void *arg)
{
    WalkState st = {.kind_mask = kind_mask, .visit = visit, .arg = arg};
    walk_unlocked(heaps, nheaps, pool, &st);
}

void
ft_object_heap_stats(FtObjectHeap *const *heaps, size_t nheaps, FtObjectPool *pool,
                     FtObjectAllocStats *out)
{
    memset(out, 0, sizeof(*out));
    WalkState st = {.kind_mask = FT_ALLOC_MASK_ALL, .stats = out};
    walk_unlocked(heaps, nheaps, pool, &st);
}

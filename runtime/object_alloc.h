// runtime/object_alloc.h: the object allocator (issue #2, item 4; design in runtime/ALLOCATOR.md).
//
// Python objects live in 64 KiB "pages" that the allocator takes from mimalloc, aligned to their size
// so that the page header is found from any object pointer by masking. Each thread owns an
// FtObjectHeap (embedded in its thread state) holding, per kind and size class, a queue of pages. The
// three kinds keep object memory type-stable (FREE-THREADING.md section 7.3):
//   FT_ALLOC_PLAIN          objects that do not take part in cycle collection
//   FT_ALLOC_GC             GC objects without a pre-header
//   FT_ALLOC_GC_PREHEADER   GC objects preceded by a 2-word (16-byte) pre-header: the object pointer is
//                           the block start + FT_OBJECT_PREHEADER_SIZE
// A freed block is only ever reused for an object of the same kind and size class until a QSBR grace
// period has passed since its page became empty; only then may the page go back to mimalloc.
//
// Who may call what:
//   ft_object_alloc, ft_object_heap_collect        the heap's owner thread only
//   ft_object_free, ft_object_usable_size          any thread, on a live object
//   ft_object_heap_abandon                          the owner, once it allocates and frees no more
//   ft_object_pool_collect                          any thread registered with urcu-qsbr and online
//   ft_object_heap_visit, ft_object_heap_stats      stop-the-world only
// Every thread that allocates or frees must be a registered urcu-qsbr reader (rcu_register_thread)
// that reports quiescent states or is offline, because page retirement uses call_rcu.
#ifndef FT_RUNTIME_OBJECT_ALLOC_H
#define FT_RUNTIME_OBJECT_ALLOC_H

#include <stdbool.h>   // bool
#include <stddef.h>    // size_t
#include <stdint.h>    // uintptr_t uint64_t

#include "sync/mutex.h"   // FtMutex

// The kinds of object memory. A kind mask selects kinds for the walk: FT_ALLOC_MASK(kind).
enum {
    FT_ALLOC_PLAIN = 0,
    FT_ALLOC_GC = 1,
    FT_ALLOC_GC_PREHEADER = 2,
    FT_ALLOC_KINDS = 3,
};
#define FT_ALLOC_MASK(kind) (1 << (kind))
#define FT_ALLOC_MASK_ALL ((1 << FT_ALLOC_KINDS) - 1)

// Bytes before the object in an FT_ALLOC_GC_PREHEADER block (managed dict and weakref slots).
#define FT_OBJECT_PREHEADER_SIZE 16

// A page is FT_OBJECT_PAGE_SIZE bytes aligned to FT_OBJECT_PAGE_SIZE; a large object gets a page of
// its own, longer than that but with the same alignment.
#define FT_OBJECT_PAGE_SHIFT 16
#define FT_OBJECT_PAGE_SIZE ((size_t)1 << FT_OBJECT_PAGE_SHIFT)

// Size classes: 16-byte steps up to 512 bytes (32 classes), then four classes per doubling up to
// FT_OBJECT_SMALL_MAX (16 classes). A block (object plus pre-header) above FT_OBJECT_SMALL_MAX gets
// a large page. Queue FT_OBJECT_LARGE_QUEUE of each kind holds the large pages.
#define FT_OBJECT_SMALL_MAX 8192
#define FT_OBJECT_SIZE_CLASSES 48
#define FT_OBJECT_LARGE_QUEUE FT_OBJECT_SIZE_CLASSES
#define FT_OBJECT_QUEUES (FT_OBJECT_SIZE_CLASSES + 1)

// The largest request accepted; anything larger fails as out of memory.
#define FT_OBJECT_MAX_SIZE ((size_t)1 << 40)

typedef struct FtObjectPage FtObjectPage;

// A doubly linked list of pages of one kind and size class. The first page is the one allocations
// come from; the owner moves a page with free blocks to the front when the first one runs out.
typedef struct FtObjectPageQueue {
    FtObjectPage *first;
    FtObjectPage *last;
} FtObjectPageQueue;

typedef struct FtObjectPool FtObjectPool;

// A thread's heap. Embedded by value in the thread state; every field is owner-thread only, except
// that a stop-the-world walk may also read and drain it (stop-the-world only).
typedef struct FtObjectHeap {
    FtObjectPool *pool;                                     // immutable after ft_object_heap_init
    uintptr_t owner_tid;                                    // owner-thread only: ft_thread_id() of the
                                                            // first allocating thread, 0 before
    FtObjectPageQueue queues[FT_ALLOC_KINDS][FT_OBJECT_QUEUES];   // owner-thread only
    size_t large_allocs_since_sweep;                        // owner-thread only
} FtObjectHeap;

// The interpreter-wide pool of abandoned pages: pages of exited threads that still hold live blocks.
// Any thread may free a block on such a page (remote free); ft_object_pool_collect and adoption drain
// the pages and retire the empty ones; a thread allocating a size class may adopt a page of it.
struct FtObjectPool {
    // Taken with ft_mutex_lock_no_detach: a thread waiting for it is inside the allocator, not at a
    // safe point, and the holder never blocks or reaches a safe point while holding it.
    FtMutex mutex;
    FtObjectPageQueue queues[FT_ALLOC_KINDS][FT_OBJECT_QUEUES];   // guarded_by(mutex)
    uint64_t abandoned_pages;     // atomic: written under mutex, read lock-free as a hint
    uint64_t pages_outstanding;   // atomic: pages taken from mimalloc and not yet given back
    uint64_t pages_retired;       // atomic: statistic, pages handed to QSBR since init
    int walking;                  // atomic: 1 while a stop-the-world walk runs (debug checks only)
};

// Statistics for introspection and benchmarks, computed by ft_object_heap_stats.
typedef struct FtObjectAllocStats {
    size_t pages[FT_ALLOC_KINDS];         // pages in the heaps and the pool, per kind
    size_t blocks_live[FT_ALLOC_KINDS];   // allocated blocks, per kind
    size_t bytes_live[FT_ALLOC_KINDS];    // block bytes of those blocks, per kind
    size_t pool_pages;                    // of pages[], those in the pool (abandoned)
} FtObjectAllocStats;

// Initializes an empty pool. Returns 0.
int ft_object_pool_init(FtObjectPool *pool);

// Destroys a pool. Precondition: every heap using it was abandoned, and no thread will touch any object
// it served again (interpreter teardown). Pages still holding live blocks are returned to mimalloc at
// once; pages waiting for a grace period are waited for (rcu_barrier, so the caller must not be a
// call_rcu helper thread). Returns the number of blocks that were still live (leaked objects).
size_t ft_object_pool_destroy(FtObjectPool *pool);

// Drains the remote frees of every abandoned page and retires the empty ones through QSBR. Any
// thread that is a registered, online urcu-qsbr reader; takes the pool mutex.
void ft_object_pool_collect(FtObjectPool *pool);

// Pages taken from mimalloc and not yet returned (including those waiting for a grace period). Any
// thread; a relaxed snapshot.
size_t ft_object_pool_pages_outstanding(FtObjectPool *pool);

// Pages handed to QSBR for retirement since the pool was created. Any thread; a relaxed snapshot.
size_t ft_object_pool_pages_retired(FtObjectPool *pool);

// Initializes an empty heap that will hand its pages to pool when abandoned. Any thread (the thread
// state may be created by its parent); the first allocation binds the heap to its owner thread.
void ft_object_heap_init(FtObjectHeap *heap, FtObjectPool *pool);

// Returns a block of at least size usable bytes of the given kind, zeroed and 16-byte aligned, or
// NULL when out of memory (or size or kind is invalid). Owner thread only. For
// FT_ALLOC_GC_PREHEADER the pre-header before the returned pointer is zeroed too.
void *ft_object_alloc(FtObjectHeap *heap, size_t size, int kind);

// Frees a block returned by ft_object_alloc; NULL is ignored. Any thread, once per block: the owner
// frees into the page's local free list, any other thread pushes the block on the page's remote-free
// list (lock-free). Only the block's first word is overwritten (FREE-THREADING.md section 7.3: the
// rest of a freed object header keeps the value its destructor left until the block is reused).
void ft_object_free(void *obj);

// The usable bytes at obj (at least what was asked for). Any thread, on a live block.
size_t ft_object_usable_size(const void *obj);

// Owner thread only: collects the remote frees of every page of the heap and retires pages that are
// empty and not the current page of their queue (through QSBR).
void ft_object_heap_collect(FtObjectHeap *heap);

// Hands every page of the heap (those with live blocks and the empty ones) to its pool and leaves the
// heap empty; the pool retires the empty pages. Called by the owner at thread exit, after its last
// allocation and free through this heap, while it is still a registered, online urcu-qsbr reader.
void ft_object_heap_abandon(FtObjectHeap *heap, FtObjectPool *pool);

// Calls visit(obj, size, arg) on every allocated block of the kinds in kind_mask in the given heaps and
// in the pool, where size is the usable size at obj (the block size minus any pre-header). Stops
// early when visit returns false. Blocks freed remotely and not yet collected are not reported: the
// walk drains every page's remote-free list first. Precondition: the world is stopped (no thread
// allocates or frees); visit must not allocate or free through this allocator. Takes the pool mutex.
void ft_object_heap_visit(FtObjectHeap *const *heaps, size_t nheaps, FtObjectPool *pool,
                          int kind_mask, bool (*visit)(void *obj, size_t block_size, void *arg),
                          void *arg);

// Fills *out with the pages and live blocks of the given heaps and the pool. Stop-the-world only, as
// ft_object_heap_visit (it drains remote frees too).
void ft_object_heap_stats(FtObjectHeap *const *heaps, size_t nheaps, FtObjectPool *pool,
                          FtObjectAllocStats *out);

// The block size of size class cls (0 <= cls < FT_OBJECT_SIZE_CLASSES) and the class that holds a
// block of block_size bytes (0 < block_size <= FT_OBJECT_SMALL_MAX). Pure; exposed for tests.
size_t ft_object_size_class_block_size(int cls);
int ft_object_size_class_of(size_t block_size);

#endif // FT_RUNTIME_OBJECT_ALLOC_H

// runtime/runtime_mem.h: memory for the runtime's own bookkeeping (thread states, BRC queue chunks,
// QSBR batches), taken from mimalloc.
//
// These blocks routinely move between threads (a chunk pushed by one thread is freed by its owner; a
// batch allocated by a writer is freed on liburcu's helper thread). mimalloc orders a cross-thread
// free and the block's reuse with its own atomics, but it is not instrumented, so ThreadSanitizer
// would report the reuse as a race with the previous user. Each free therefore releases, and each
// allocation acquires, on the block's address (no-ops outside TSan builds). Any thread.
#ifndef FT_RUNTIME_RUNTIME_MEM_H
#define FT_RUNTIME_RUNTIME_MEM_H

#include <stddef.h>   // size_t

#include <mimalloc.h>   // mi_malloc mi_zalloc mi_free

#include "sync/atomic.h"   // FT_TSAN_ACQUIRE FT_TSAN_RELEASE

// Returns size uninitialised bytes, or NULL when out of memory.
static inline void *
ft_runtime_mem_alloc(size_t size)
{
    void *p = mi_malloc(size);
    if (p != NULL)
        FT_TSAN_ACQUIRE(p);   // pairs with FT_TSAN_RELEASE in ft_runtime_mem_free() of a previous user
    return p;
}

// Returns size zeroed bytes, or NULL when out of memory.
static inline void *
ft_runtime_mem_zalloc(size_t size)
{
    void *p = mi_zalloc(size);
    if (p != NULL)
        FT_TSAN_ACQUIRE(p);   // pairs with FT_TSAN_RELEASE in ft_runtime_mem_free() of a previous user
    return p;
}

// Frees a block from ft_runtime_mem_alloc/_zalloc; NULL is ignored.
static inline void
ft_runtime_mem_free(void *p)
{
    if (p == NULL)
        return;
    FT_TSAN_RELEASE(p);   // pairs with FT_TSAN_ACQUIRE in the next allocation of this address
    mi_free(p);
}

#endif // FT_RUNTIME_RUNTIME_MEM_H

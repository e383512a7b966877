// runtime/runtime_mem.h: memory for the runtime's own bookkeeping (thread states, BRC queue chunks,
// QSBR batches) and for container storage that lock-free readers may hold.
//
// These blocks routinely move between threads (a chunk pushed by one thread is freed by its owner; a
// batch allocated by a writer is freed on liburcu's helper thread); mimalloc handles that. In
// ThreadSanitizer builds the mi_* calls are served by the C library (runtime/tsan/mimalloc_libc.c), so
// TSan sees every hand-over of memory. Any thread.
#ifndef FT_RUNTIME_RUNTIME_MEM_H
#define FT_RUNTIME_RUNTIME_MEM_H

#include <stddef.h>   // size_t

#include <mimalloc.h>   // mi_malloc mi_zalloc mi_free

// Returns size uninitialised bytes, or NULL when out of memory.
static inline void *
ft_runtime_mem_alloc(size_t size)
{
    return mi_malloc(size);
}

// Returns size zeroed bytes, or NULL when out of memory.
static inline void *
ft_runtime_mem_zalloc(size_t size)
{
    return mi_zalloc(size);
}

// Frees a block from ft_runtime_mem_alloc/_zalloc; NULL is ignored.
static inline void
ft_runtime_mem_free(void *p)
{
    mi_free(p);
}

#endif // FT_RUNTIME_RUNTIME_MEM_H

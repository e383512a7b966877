// runtime/runtime_mem.h: memory for the runtime's own bookkeeping (thread states, BRC queue chunks,
// QSBR batches) and for container storage that lock-free readers may hold.
//
// These blocks routinely move between threads (a chunk pushed by one thread is freed by its owner; a
// batch allocated by a writer is freed on liburcu's helper thread). mimalloc orders a cross-thread
// free and the block's reuse with its own atomics, but it is not instrumented, so ThreadSanitizer
// would report the next user's first writes as racing with the previous user, and annotating one
// address per block cannot cover memory reused at another offset. ThreadSanitizer builds therefore
// take these blocks from the C library, whose malloc and free TSan intercepts; other builds use
// mimalloc. Any thread.
#ifndef FT_RUNTIME_RUNTIME_MEM_H
#define FT_RUNTIME_RUNTIME_MEM_H

#include <stddef.h>   // size_t
#include <stdlib.h>   // malloc calloc free (TSan builds)

#include <mimalloc.h>   // mi_malloc mi_zalloc mi_free

// ft_runtime_mem_alloc(size): size uninitialised bytes, or NULL when out of memory.
// ft_runtime_mem_zalloc(size): size zeroed bytes, or NULL when out of memory.
// ft_runtime_mem_free(p): frees a block from either; NULL is ignored.
#if defined(FT_TSAN)

static inline void *ft_runtime_mem_alloc(size_t size) { return malloc(size); }
static inline void *ft_runtime_mem_zalloc(size_t size) { return calloc(1, size); }
static inline void ft_runtime_mem_free(void *p) { free(p); }

#else

static inline void *ft_runtime_mem_alloc(size_t size) { return mi_malloc(size); }
static inline void *ft_runtime_mem_zalloc(size_t size) { return mi_zalloc(size); }
static inline void ft_runtime_mem_free(void *p) { mi_free(p); }

#endif

#endif // FT_RUNTIME_RUNTIME_MEM_H

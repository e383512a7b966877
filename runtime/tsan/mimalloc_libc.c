// runtime/tsan/mimalloc_libc.c: mimalloc's entry points on the C library, for ThreadSanitizer builds.
//
// ThreadSanitizer intercepts malloc and free, so it knows when memory is handed from one user to the
// next; mimalloc is not instrumented and orders cross-thread frees and reuse with atomics TSan cannot
// see, so every block that mimalloc moves between threads would be reported as a race between its
// previous and next user. TSan builds therefore link this file instead of libmimalloc (see
// CMakeLists.txt): the same calls, served by the C library. Only the functions ftpy calls are here;
// a new mi_* call fails to link in the TSan build until it is added. Stateless: safe from any thread.
#include <mimalloc.h>   // the prototypes these definitions must match
#include <stdlib.h>     // malloc calloc realloc free posix_memalign
#include <string.h>     // strlen memcpy

void *
mi_malloc(size_t size)
{
    return malloc(size);
}

void *
mi_zalloc(size_t size)
{
    return calloc(1, size);
}

void *
mi_calloc(size_t count, size_t size)
{
    return calloc(count, size);
}

void *
mi_realloc(void *p, size_t new_size)
{
    return realloc(p, new_size);
}

void *
mi_malloc_aligned(size_t size, size_t alignment)
{
    void *p = NULL;
    return posix_memalign(&p, alignment, size) == 0 ? p : NULL;
}

char *
mi_strdup(const char *s)
{
    size_t n = strlen(s) + 1;
    char *copy = malloc(n);
    if (copy != NULL)
        memcpy(copy, s, n);
    return copy;
}

void
mi_free(void *p)
{
    free(p);
}

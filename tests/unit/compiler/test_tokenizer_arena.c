// tests/unit/compiler/test_tokenizer_arena.c: the front end's arena allocator (compiler/arena.h),
// which the tokenizer's callers (the parser) allocate their trees from.
#include <stdalign.h>        // alignof
#include <stddef.h>          // max_align_t
#include <stdint.h>          // uintptr_t
#include <string.h>          // memset

#include "compiler/arena.h"  // ft_arena_*
#include "harness.h"         // TEST, CHECK, CHECK_EQ_INT

TEST(alloc_is_aligned_zeroed_and_distinct)
{
    FtArena *arena = ft_arena_new();
    CHECK(arena != NULL);
    char *prev = NULL;
    int ok = 1;
    for (size_t size = 0; size < 5000; size += 7) {
        char *p = ft_arena_alloc(arena, size);
        ok = ok && p != NULL && (uintptr_t)p % alignof(max_align_t) == 0 && p != prev;
        for (size_t i = 0; ok && i < size; i++)
            ok = p[i] == 0;
        if (ok)
            memset(p, 0xAB, size);
        prev = p;
    }
    size_t total = ft_arena_bytes_allocated(arena);
    ft_arena_free(arena);
    CHECK(ok);
    CHECK(total > 0);
}

TEST(large_blocks_and_free_null)
{
    FtArena *arena = ft_arena_new();
    CHECK(arena != NULL);
    char *big = ft_arena_alloc(arena, (size_t)1 << 20);
    char *small = ft_arena_alloc(arena, 16);
    int ok = big != NULL && small != NULL;
    if (ok) {
        big[((size_t)1 << 20) - 1] = 1;
        small[15] = 1;
    }
    void *huge = ft_arena_alloc(arena, SIZE_MAX - 8);
    ft_arena_free(arena);
    ft_arena_free(NULL);
    CHECK(ok);
    CHECK(huge == NULL);
}

int
main(void)
{
    return ft_test_run_all();
}

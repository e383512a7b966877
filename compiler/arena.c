// compiler/arena.c: the front end's bump allocator.
//
// Representation: a singly linked list of blocks, newest first; allocation bumps `used` in the
// newest block and opens a new block (at least FT_ARENA_BLOCK_SIZE, or the request if larger) when
// it does not fit. Invariant: for every block, used <= size, and every pointer handed out is
// max_align_t-aligned and lies inside one block. Concurrency: single owner, no locks (see
// arena.h); blocks never move, so published pointers stay valid until ft_arena_free().
#include "compiler/arena.h"

#include <stdalign.h> // alignof
#include <stddef.h>   // max_align_t
#include <stdint.h>   // SIZE_MAX
#include <string.h>   // memset

#include <mimalloc.h> // mi_malloc, mi_free

#define FT_ARENA_BLOCK_SIZE ((size_t)64 * 1024)
#define FT_ARENA_ALIGN (alignof(max_align_t))

typedef struct FtArenaBlock {
    struct FtArenaBlock *next;  // older block
    size_t size;                // usable bytes in data
    size_t used;                // bytes handed out from data
    alignas(max_align_t) unsigned char data[];
} FtArenaBlock;

struct FtArena {
    FtArenaBlock *head;         // owner-thread only
    size_t allocated;           // owner-thread only
};

FtArena *
ft_arena_new(void)
{
    FtArena *arena = mi_malloc(sizeof(FtArena));
    if (arena == NULL)
        return NULL;
    arena->head = NULL;
    arena->allocated = 0;
    return arena;
}

void *
ft_arena_alloc(FtArena *arena, size_t size)
{
    if (size > SIZE_MAX - FT_ARENA_ALIGN - sizeof(FtArenaBlock))
        return NULL;
    size_t rounded = (size + FT_ARENA_ALIGN - 1) & ~(FT_ARENA_ALIGN - 1);
    if (rounded == 0)
        rounded = FT_ARENA_ALIGN;
    FtArenaBlock *block = arena->head;
    if (block == NULL || block->size - block->used < rounded) {
        size_t block_size = rounded > FT_ARENA_BLOCK_SIZE ? rounded : FT_ARENA_BLOCK_SIZE;
        block = mi_malloc(sizeof(FtArenaBlock) + block_size);
        if (block == NULL)
            return NULL;
        block->size = block_size;
        block->used = 0;
        block->next = arena->head;
        arena->head = block;
    }
    void *p = block->data + block->used;
    block->used += rounded;
    arena->allocated += size;
    memset(p, 0, rounded);
    return p;
}

void
ft_arena_free(FtArena *arena)
{
    if (arena == NULL)
        return;
    FtArenaBlock *block = arena->head;
    while (block != NULL) {
        FtArenaBlock *next = block->next;
        mi_free(block);
        block = next;
    }
    mi_free(arena);
}

size_t
ft_arena_bytes_allocated(const FtArena *arena)
{
    return arena->allocated;
}

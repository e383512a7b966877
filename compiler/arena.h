// compiler/arena.h: a bump allocator for one compilation (tokens' side data, AST nodes, constants).
//
// Everything allocated from an arena is freed at once by ft_arena_free(); there is no per-object
// free. Blocks come from mimalloc. An FtArena belongs to one parse and is used by one thread at a
// time (no locking); what it holds may be read by any thread once published, because it is never
// moved or freed before ft_arena_free().
#ifndef FT_COMPILER_ARENA_H
#define FT_COMPILER_ARENA_H

#include <stddef.h> // size_t

typedef struct FtArena FtArena;

// Returns a new empty arena, or NULL when out of memory. Any thread.
FtArena *ft_arena_new(void);

// Returns size bytes aligned for any C object (max_align_t), zero-filled, valid until
// ft_arena_free(); NULL when out of memory. size 0 returns a unique non-NULL pointer.
// Owner thread only.
void *ft_arena_alloc(FtArena *arena, size_t size);

// Frees the arena and everything allocated from it. NULL is allowed.
void ft_arena_free(FtArena *arena);

// Total bytes handed out by ft_arena_alloc() so far (statistics and tests).
size_t ft_arena_bytes_allocated(const FtArena *arena);

#endif // FT_COMPILER_ARENA_H

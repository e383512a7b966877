// sync/fatal.h: broken invariants and the three tiers of assertions (STYLE.md section 6).
//
// ft_fatal() is for states the program cannot continue from (a corrupted lock word, a failed
// pthread call that cannot fail); it prints a message and aborts. Python-level errors never use it.
//   FT_ASSERT            cheap checks, on in debug builds (FT_DEBUG)
//   FT_ASSERT_INTERNAL   checks of internal consistency, on in debug builds
//   FT_ASSERT_EXPENSIVE  full scans of tables or heaps, on only with FT_DEBUG_EXPENSIVE
#ifndef FT_SYNC_FATAL_H
#define FT_SYNC_FATAL_H

// Prints "ftpy: fatal error: <message>" to stderr and aborts. Safe from any thread.
__attribute__((noreturn, format(printf, 1, 2))) void ft_fatal(const char *fmt, ...);

#if defined(FT_DEBUG)
#define FT_ASSERT(cond) \
    ((cond) ? (void)0 : ft_fatal("%s:%d: assertion failed: %s", __FILE__, __LINE__, #cond))
#define FT_ASSERT_INTERNAL(cond) FT_ASSERT(cond)
#else
#define FT_ASSERT(cond) ((void)0)
#define FT_ASSERT_INTERNAL(cond) ((void)0)
#endif

#if defined(FT_DEBUG_EXPENSIVE)
#define FT_ASSERT_EXPENSIVE(cond) FT_ASSERT(cond)
#else
#define FT_ASSERT_EXPENSIVE(cond) ((void)0)
#endif

#define FT_LIKELY(x) __builtin_expect(!!(x), 1)
#define FT_UNLIKELY(x) __builtin_expect(!!(x), 0)

#endif // FT_SYNC_FATAL_H

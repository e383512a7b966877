// sync/atomic.h: the only place in ftpy where atomic operations are spelled.
//
// Every operation names its memory order: ft_atomic_<op>_<type>_<order>. There is no default order,
// so a reader sees at each call site what the access promises (STYLE.md section 8). The functions act
// on plain (non-_Atomic) fields through the GCC/Clang __atomic builtins, which ThreadSanitizer
// understands. A field that is ever accessed atomically must always be accessed through these
// functions, except while the object is unpublished (owned by one thread) or the world is stopped,
// and a declaration comment then says so.
//
// Types: int, int32, uint8, uint16, uint32, uint64, ssize, uintptr, ptr (void *).
// Operations and the orders each offers:
//   load      relaxed, acquire, seqcst
//   store     relaxed, release, seqcst
//   exchange  relaxed, acquire, release, acq_rel, seqcst
//   cas       relaxed, acquire, release, acq_rel, seqcst   (strong; on failure *expected is updated;
//                                                           the failure order is the strongest legal one)
//   add/sub/or/and  (fetch-and-op: return the old value) relaxed, acquire, release, acq_rel, seqcst
// Fences: ft_atomic_fence_{acquire,release,acq_rel,seqcst}.
#ifndef FT_SYNC_ATOMIC_H
#define FT_SYNC_ATOMIC_H

#include <stdbool.h>   // bool
#include <stddef.h>    // ptrdiff_t
#include <stdint.h>    // uint8_t ... uintptr_t

typedef ptrdiff_t Ft_ssize;
// The macros below paste the type after `const`, so a pointer type needs a one-word name:
// `const void * *p` would point at a const void, not at a const pointer.
typedef void *Ft_voidptr;

// The failure order of a compare-and-swap may not be release or acq_rel; these pick the strongest
// legal failure order for each success order.
#define FT_ATOMIC_FAIL_relaxed __ATOMIC_RELAXED
#define FT_ATOMIC_FAIL_acquire __ATOMIC_ACQUIRE
#define FT_ATOMIC_FAIL_release __ATOMIC_RELAXED
#define FT_ATOMIC_FAIL_acq_rel __ATOMIC_ACQUIRE
#define FT_ATOMIC_FAIL_seqcst  __ATOMIC_SEQ_CST

#define FT_ATOMIC_ORDER_relaxed __ATOMIC_RELAXED
#define FT_ATOMIC_ORDER_acquire __ATOMIC_ACQUIRE
#define FT_ATOMIC_ORDER_release __ATOMIC_RELEASE
#define FT_ATOMIC_ORDER_acq_rel __ATOMIC_ACQ_REL
#define FT_ATOMIC_ORDER_seqcst  __ATOMIC_SEQ_CST

#define FT_ATOMIC_DEFINE_LOAD(name, T, order)                                              \
    static inline T ft_atomic_load_##name##_##order(const T *p)                           \
    { return __atomic_load_n(p, FT_ATOMIC_ORDER_##order); }
#define FT_ATOMIC_DEFINE_STORE(name, T, order)                                             \
    static inline void ft_atomic_store_##name##_##order(T *p, T v)                         \
    { __atomic_store_n(p, v, FT_ATOMIC_ORDER_##order); }
#define FT_ATOMIC_DEFINE_RMW(name, T, order)                                               \
    static inline T ft_atomic_exchange_##name##_##order(T *p, T v)                         \
    { return __atomic_exchange_n(p, v, FT_ATOMIC_ORDER_##order); }                         \
    static inline bool ft_atomic_cas_##name##_##order(T *p, T *expected, T desired)        \
    {                                                                                      \
        return __atomic_compare_exchange_n(p, expected, desired, false,                    \
                                           FT_ATOMIC_ORDER_##order, FT_ATOMIC_FAIL_##order); \
    }
#define FT_ATOMIC_DEFINE_ARITH(name, T, order)                                             \
    static inline T ft_atomic_add_##name##_##order(T *p, T v)                              \
    { return __atomic_fetch_add(p, v, FT_ATOMIC_ORDER_##order); }                          \
    static inline T ft_atomic_sub_##name##_##order(T *p, T v)                              \
    { return __atomic_fetch_sub(p, v, FT_ATOMIC_ORDER_##order); }                          \
    static inline T ft_atomic_or_##name##_##order(T *p, T v)                               \
    { return __atomic_fetch_or(p, v, FT_ATOMIC_ORDER_##order); }                           \
    static inline T ft_atomic_and_##name##_##order(T *p, T v)                              \
    { return __atomic_fetch_and(p, v, FT_ATOMIC_ORDER_##order); }

#define FT_ATOMIC_DEFINE_ALL_RMW(name, T, DEF) \
    DEF(name, T, relaxed) DEF(name, T, acquire) DEF(name, T, release) DEF(name, T, acq_rel) DEF(name, T, seqcst)

// The X-macro table of atomic types: (suffix, C type, has arithmetic).
#define FT_ATOMIC_INTEGER_TYPES(X) \
    X(int, int)                    \
    X(int32, int32_t)              \
    X(uint8, uint8_t)              \
    X(uint16, uint16_t)            \
    X(uint32, uint32_t)            \
    X(uint64, uint64_t)            \
    X(ssize, Ft_ssize)             \
    X(uintptr, uintptr_t)

#define FT_ATOMIC_DEFINE_TYPE(name, T)                                                     \
    FT_ATOMIC_DEFINE_LOAD(name, T, relaxed) FT_ATOMIC_DEFINE_LOAD(name, T, acquire)        \
    FT_ATOMIC_DEFINE_LOAD(name, T, seqcst)                                                 \
    FT_ATOMIC_DEFINE_STORE(name, T, relaxed) FT_ATOMIC_DEFINE_STORE(name, T, release)      \
    FT_ATOMIC_DEFINE_STORE(name, T, seqcst)                                                \
    FT_ATOMIC_DEFINE_ALL_RMW(name, T, FT_ATOMIC_DEFINE_RMW)

#define FT_ATOMIC_DEFINE_INTEGER_TYPE(name, T) \
    FT_ATOMIC_DEFINE_TYPE(name, T) FT_ATOMIC_DEFINE_ALL_RMW(name, T, FT_ATOMIC_DEFINE_ARITH)

FT_ATOMIC_INTEGER_TYPES(FT_ATOMIC_DEFINE_INTEGER_TYPE)
FT_ATOMIC_DEFINE_TYPE(ptr, Ft_voidptr)

// GCC's ThreadSanitizer cannot model fences and warns (-Wtsan) wherever one is used; the fences are
// still what orders the code, and each use also tells TSan about the ordering with FT_TSAN_ACQUIRE/
// FT_TSAN_RELEASE. The warning is silenced here, where the fences are spelled, and nowhere else.
#if defined(FT_TSAN) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wtsan"
#endif
static inline void ft_atomic_fence_acquire(void) { __atomic_thread_fence(__ATOMIC_ACQUIRE); }
static inline void ft_atomic_fence_release(void) { __atomic_thread_fence(__ATOMIC_RELEASE); }
static inline void ft_atomic_fence_acq_rel(void) { __atomic_thread_fence(__ATOMIC_ACQ_REL); }
static inline void ft_atomic_fence_seqcst(void) { __atomic_thread_fence(__ATOMIC_SEQ_CST); }
#if defined(FT_TSAN) && defined(__GNUC__) && !defined(__clang__)
#pragma GCC diagnostic pop
#endif

// A hint to the CPU inside a spin loop (x86 PAUSE); no ordering.
static inline void
ft_cpu_relax(void)
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    __asm__ __volatile__("yield");
#endif
}

// ThreadSanitizer cannot see orderings made by fences or seqlocks; these tell it (liburcu's
// cmm_annotate idea). No-ops outside TSan builds.
#if defined(FT_TSAN)
void __tsan_acquire(void *addr);
void __tsan_release(void *addr);
#define FT_TSAN_ACQUIRE(addr) __tsan_acquire((void *)(addr))
#define FT_TSAN_RELEASE(addr) __tsan_release((void *)(addr))
#else
#define FT_TSAN_ACQUIRE(addr) ((void)(addr))
#define FT_TSAN_RELEASE(addr) ((void)(addr))
#endif

#endif // FT_SYNC_ATOMIC_H

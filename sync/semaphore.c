// sync/semaphore.c: the futex-backed counting semaphore (see sync/semaphore.h).
//
// Owns: nothing global; each FtSemaphore is one 32-bit futex word.
// Invariant: value counts posts not yet consumed; a thread sleeps in FUTEX_WAIT only after seeing
// value == 0, and the kernel re-checks that atomically, so a post between the check and the sleep
// makes the sleep return at once (no lost wake-up).
// Concurrency: posts and consumptions are atomic read-modify-writes on value (release/acquire);
// the kernel call carries no ordering of its own. Deadlines use FUTEX_WAIT_BITSET, whose timeout
// is an absolute CLOCK_MONOTONIC time, so spurious wake-ups need no re-computation.
#include "sync/semaphore.h"

#include <errno.h>          // errno ETIMEDOUT EINTR EAGAIN
#include <linux/futex.h>    // FUTEX_WAIT_BITSET_PRIVATE FUTEX_WAKE_PRIVATE FUTEX_BITSET_MATCH_ANY
#include <sys/syscall.h>    // SYS_futex
#include <time.h>           // struct timespec
#include <unistd.h>         // syscall

#include "sync/atomic.h"   // ft_atomic_*
#include "sync/clock.h"    // FT_CLOCK_NS_PER_SEC
#include "sync/fatal.h"    // ft_fatal

static long
futex_call(uint32_t *addr, int op, uint32_t val, const struct timespec *ts, uint32_t val3)
{
    return syscall(SYS_futex, addr, op, val, ts, NULL, val3);
}

void
ft_semaphore_init(FtSemaphore *sema, uint32_t value)
{
    // relaxed: the semaphore is not shared yet.
    ft_atomic_store_uint32_relaxed(&sema->value, value);
}

int
ft_semaphore_wait(FtSemaphore *sema, int64_t deadline_ns)
{
    for (;;) {
        // relaxed: only a hint; the CAS below re-reads with acquire.
        uint32_t v = ft_atomic_load_uint32_relaxed(&sema->value);
        while (v > 0) {
            // acquire: pairs with the release add in ft_semaphore_post().
            if (ft_atomic_cas_uint32_acquire(&sema->value, &v, v - 1))
                return FT_SEMAPHORE_OK;
        }
        struct timespec ts;
        const struct timespec *tsp = NULL;
        if (deadline_ns >= 0) {
            ts.tv_sec = (time_t)(deadline_ns / FT_CLOCK_NS_PER_SEC);
            ts.tv_nsec = (long)(deadline_ns % FT_CLOCK_NS_PER_SEC);
            tsp = &ts;
        }
        long r = futex_call(&sema->value, FUTEX_WAIT_BITSET_PRIVATE, 0, tsp, FUTEX_BITSET_MATCH_ANY);
        if (r == 0)
            continue;
        int err = errno;
        if (err == EAGAIN)
            continue;   // value was no longer 0 when the kernel looked
        if (err == ETIMEDOUT)
            return FT_SEMAPHORE_TIMEOUT;
        if (err == EINTR)
            return FT_SEMAPHORE_INTR;
        ft_fatal("futex wait failed (errno %d)", err);
    }
}

void
ft_semaphore_post(FtSemaphore *sema)
{
    // release: pairs with the acquire CAS in ft_semaphore_wait(); publishes the poster's writes.
    ft_atomic_add_uint32_release(&sema->value, 1);
    // The waiter may already have consumed the post and reused the memory: FUTEX_WAKE on a private
    // futex only uses the address as a key, so at worst it wakes an unrelated futex sleeper on the
    // same address, and every futex sleeper in ftpy tolerates spurious wake-ups.
    futex_call(&sema->value, FUTEX_WAKE_PRIVATE, 1, NULL, 0);
}

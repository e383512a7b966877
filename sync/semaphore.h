// sync/semaphore.h: a counting semaphore on a Linux futex, the sleeping half of every waiter record.
//
// FtSemaphore.value is the number of posts not yet consumed. A waiter sleeps in the kernel only
// while value == 0; post adds one and wakes one sleeper. The record may live on the waiter's stack:
// once a wait has consumed a post, no other thread reads the record again except for the kernel
// wake-up call, which only uses its address as a key (private futex), so the waiter may return and
// reuse the memory immediately.
#ifndef FT_SYNC_SEMAPHORE_H
#define FT_SYNC_SEMAPHORE_H

#include <stdint.h>   // uint32_t int64_t

typedef struct FtSemaphore {
    uint32_t value;   // atomic: posts not yet consumed; decremented only by waiters
} FtSemaphore;

// Results of ft_semaphore_wait.
#define FT_SEMAPHORE_OK 0        // a post was consumed
#define FT_SEMAPHORE_TIMEOUT 1   // the deadline passed with no post
#define FT_SEMAPHORE_INTR 2      // a signal handler ran while sleeping; no post was consumed

// Makes the semaphore's count `value`. Call before sharing it; no lock.
void ft_semaphore_init(FtSemaphore *sema, uint32_t value);

// Consumes one post, sleeping until one arrives, until the absolute monotonic deadline_ns (see
// sync/clock.h; -1 = no deadline, a past deadline = just try), or until a signal interrupts the
// sleep. Returns FT_SEMAPHORE_OK / _TIMEOUT / _INTR. The consuming load has acquire order, so the
// poster's writes before its post are visible. Any thread; does not detach (the caller decides).
int ft_semaphore_wait(FtSemaphore *sema, int64_t deadline_ns);

// Adds one post (release order) and wakes one sleeper. Any thread; never blocks.
void ft_semaphore_post(FtSemaphore *sema);

#endif // FT_SYNC_SEMAPHORE_H

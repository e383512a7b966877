// sync/parking_lot.c: the address-hashed table of sleeping threads (see sync/parking_lot.h;
// design from CPython's Python/parking_lot.c and WebKit's ParkingLot).
//
// Owns: the bucket table, the only process-global mutable state of the sync layer. It cannot live
// in FtRuntime because it sits below runtime/ and serves threads before and after any runtime.
// Invariant: a waiter record is in a bucket's queue  <=>  its thread has parked and nobody has
// dequeued it; once an unparker dequeues it, it sets is_unparking and will post the semaphore
// exactly once, so the record must stay alive (its thread keeps waiting) until that post arrives.
// Concurrency: each bucket's queue, count and its waiters' is_unparking fields are guarded by the
// bucket's raw mutex; the waiter's semaphore is the only field touched outside it.
#include "sync/parking_lot.h"

#include <stdbool.h>   // bool
#include <string.h>    // memcpy memset

#include "sync/atomic.h"             // ft_atomic_load_*_relaxed
#include "sync/clock.h"              // ft_clock_deadline_ns
#include "sync/critical_section.h"   // ft_critical_section_suspend_all
#include "sync/fatal.h"              // ft_fatal
#include "sync/raw_mutex.h"          // FtRawMutex
#include "sync/semaphore.h"          // FtSemaphore
#include "sync/sync_thread.h"        // ft_sync_thread_current

typedef struct ParkWaiter ParkWaiter;
struct ParkWaiter {
    ParkWaiter *next;     // guarded_by(bucket mutex): queue link
    ParkWaiter *prev;     // guarded_by(bucket mutex)
    const void *addr;     // immutable while queued
    void *park_arg;       // immutable while queued; handed to the unpark callback
    int is_unparking;     // guarded_by(bucket mutex): dequeued by an unparker, post pending
    FtSemaphore sema;     // posted once by the unparker that dequeued this record
};

typedef struct ParkBucket {
    FtRawMutex mutex;     // leaf lock: guards the fields below
    ParkWaiter *head;     // guarded_by(mutex): oldest waiter, NULL if empty
    ParkWaiter *tail;     // guarded_by(mutex): newest waiter
    size_t num_waiters;   // guarded_by(mutex): length of the queue
} ParkBucket;

// Zero-initialised: every bucket empty and unlocked. Guarded per bucket as described above.
static ParkBucket buckets[FT_PARKING_LOT_BUCKETS];

static ParkBucket *
bucket_for(const void *addr)
{
    return &buckets[(uintptr_t)addr % FT_PARKING_LOT_BUCKETS];
}

static void
bucket_enqueue(ParkBucket *b, ParkWaiter *w)
{
    w->next = NULL;
    w->prev = b->tail;
    if (b->tail)
        b->tail->next = w;
    else
        b->head = w;
    b->tail = w;
    b->num_waiters++;
}

static void
bucket_remove(ParkBucket *b, ParkWaiter *w)
{
    if (w->prev)
        w->prev->next = w->next;
    else
        b->head = w->next;
    if (w->next)
        w->next->prev = w->prev;
    else
        b->tail = w->prev;
    w->next = w->prev = NULL;
    FT_ASSERT(b->num_waiters > 0);
    b->num_waiters--;
}

// Compares the value at addr with *expected. Called under the bucket lock; the relaxed load is
// enough because a waker changes the value before it takes the same bucket lock to unpark.
static bool
value_matches(const void *addr, const void *expected, size_t size)
{
    switch (size) {
    case 1: {
        uint8_t e;
        memcpy(&e, expected, 1);
        // relaxed: ordered by the bucket lock (see above).
        return ft_atomic_load_uint8_relaxed((const uint8_t *)addr) == e;
    }
    case 2: {
        uint16_t e;
        memcpy(&e, expected, 2);
        // relaxed: ordered by the bucket lock.
        return ft_atomic_load_uint16_relaxed((const uint16_t *)addr) == e;
    }
    case 4: {
        uint32_t e;
        memcpy(&e, expected, 4);
        // relaxed: ordered by the bucket lock.
        return ft_atomic_load_uint32_relaxed((const uint32_t *)addr) == e;
    }
    case 8: {
        uint64_t e;
        memcpy(&e, expected, 8);
        // relaxed: ordered by the bucket lock.
        return ft_atomic_load_uint64_relaxed((const uint64_t *)addr) == e;
    }
    default:
        ft_fatal("ft_parking_lot_park: unsupported size %zu", size);
    }
}

static void
thread_detach(FtSyncThread *self)
{
    if (self->detach)
        self->detach(self);
    else
        ft_critical_section_suspend_all(self);
}

static void
thread_attach(FtSyncThread *self)
{
    if (self->attach)
        self->attach(self);
    else
        ft_critical_section_resume(self);
}

int
ft_parking_lot_park(const void *addr, const void *expected, size_t size, int64_t timeout_ns,
                    void *park_arg, int detach)
{
    ParkBucket *b = bucket_for(addr);
    ft_raw_mutex_lock(&b->mutex);
    if (!value_matches(addr, expected, size)) {
        ft_raw_mutex_unlock(&b->mutex);
        return FT_PARK_AGAIN;
    }
    if (timeout_ns == 0) {
        ft_raw_mutex_unlock(&b->mutex);
        return FT_PARK_TIMEOUT;
    }
    ParkWaiter w;
    w.addr = addr;
    w.park_arg = park_arg;
    w.is_unparking = 0;
    ft_semaphore_init(&w.sema, 0);
    bucket_enqueue(b, &w);
    ft_raw_mutex_unlock(&b->mutex);

    int64_t deadline = ft_clock_deadline_ns(timeout_ns);
    FtSyncThread *self = detach ? ft_sync_thread_current() : NULL;
    if (self)
        thread_detach(self);

    int res = ft_semaphore_wait(&w.sema, deadline);
    if (res != FT_SEMAPHORE_OK) {
        ft_raw_mutex_lock(&b->mutex);
        if (w.is_unparking) {
            // An unparker dequeued us (and ran its callback, which may have handed us a lock)
            // before we could leave: take its post, and report the wake-up it meant.
            ft_raw_mutex_unlock(&b->mutex);
            while (ft_semaphore_wait(&w.sema, -1) != FT_SEMAPHORE_OK) {
                // a signal: the post is still on its way
            }
            res = FT_SEMAPHORE_OK;
        } else {
            bucket_remove(b, &w);
            ft_raw_mutex_unlock(&b->mutex);
        }
    }

    if (self)
        thread_attach(self);
    switch (res) {
    case FT_SEMAPHORE_OK:
        return FT_PARK_OK;
    case FT_SEMAPHORE_TIMEOUT:
        return FT_PARK_TIMEOUT;
    default:
        return FT_PARK_INTR;
    }
}

void
ft_parking_lot_unpark(const void *addr, FtUnparkFunc fn, void *arg)
{
    ParkBucket *b = bucket_for(addr);
    ft_raw_mutex_lock(&b->mutex);
    ParkWaiter *found = NULL;
    for (ParkWaiter *w = b->head; w != NULL; w = w->next) {
        if (w->addr == addr) {
            found = w;
            break;
        }
    }
    if (found) {
        bucket_remove(b, found);
        found->is_unparking = 1;
    }
    fn(arg, found ? found->park_arg : NULL, b->num_waiters > 0);
    ft_raw_mutex_unlock(&b->mutex);
    if (found)
        ft_semaphore_post(&found->sema);   // after this, found may be gone
}

void
ft_parking_lot_unpark_all(const void *addr)
{
    ParkBucket *b = bucket_for(addr);
    ParkWaiter *woken = NULL;   // private singly linked list (through next) of dequeued waiters
    ft_raw_mutex_lock(&b->mutex);
    ParkWaiter *w = b->head;
    while (w != NULL) {
        ParkWaiter *next = w->next;
        if (w->addr == addr) {
            bucket_remove(b, w);
            w->is_unparking = 1;
            w->next = woken;
            woken = w;
        }
        w = next;
    }
    ft_raw_mutex_unlock(&b->mutex);
    // Wake the oldest first (the private list is newest first, so reverse it).
    ParkWaiter *ordered = NULL;
    while (woken != NULL) {
        ParkWaiter *next = woken->next;
        woken->next = ordered;
        ordered = woken;
        woken = next;
    }
    while (ordered != NULL) {
        ParkWaiter *next = ordered->next;   // read before the post: the record dies after it
        ft_semaphore_post(&ordered->sema);
        ordered = next;
    }
}

void
ft_parking_lot_after_fork(void)
{
    memset(buckets, 0, sizeof(buckets));
}

// tests/unit/sync/sync_test_util.h: helpers shared by the sync unit and stress tests.
//
// The "park probe" is an FtSyncThread whose detach hook tells the test that its thread has been
// queued on the parking lot and is about to sleep (the parking lot calls the hook after enqueueing
// the waiter). Waiting for that signal replaces sleep-and-poll: once the probe's semaphore has been
// posted, an unpark is guaranteed to find the waiter. Like runtime/'s hooks, the probe's hooks
// also suspend and resume the thread's critical sections.
#ifndef FT_TESTS_SYNC_TEST_UTIL_H
#define FT_TESTS_SYNC_TEST_UTIL_H

#include <pthread.h>   // pthread_create pthread_join
#include <stdio.h>     // fprintf
#include <stdlib.h>    // abort

#include "sync/atomic.h"             // ft_atomic_*
#include "sync/critical_section.h"   // ft_critical_section_suspend_all
#include "sync/semaphore.h"          // FtSemaphore
#include "sync/sync_thread.h"        // FtSyncThread

typedef struct TestProbe {
    FtSyncThread base;     // first member: the hooks receive &base
    FtSemaphore *parked;   // posted every time the thread is about to sleep with detach
    int detaches;          // owner-thread only: how many times the detach hook ran
} TestProbe;

static inline void
test_probe_detach(FtSyncThread *self)
{
    TestProbe *probe = (TestProbe *)self;
    probe->detaches++;
    ft_critical_section_suspend_all(self);
    if (probe->parked)
        ft_semaphore_post(probe->parked);
}

static inline void
test_probe_attach(FtSyncThread *self)
{
    ft_critical_section_resume(self);
}

// Binds probe to the calling thread; parked (may be NULL) is posted whenever it parks.
static inline void
test_probe_bind(TestProbe *probe, FtSemaphore *parked)
{
    probe->base.critical_section = 0;
    probe->base.detach = test_probe_detach;
    probe->base.attach = test_probe_attach;
    probe->parked = parked;
    probe->detaches = 0;
    ft_sync_thread_bind(&probe->base);
}

// Waits for n posts of sema.
static inline void
test_wait_posts(FtSemaphore *sema, int n)
{
    for (int i = 0; i < n; i++) {
        while (ft_semaphore_wait(sema, -1) != FT_SEMAPHORE_OK) {
        }
    }
}

static inline pthread_t
test_thread_start(void *(*fn)(void *), void *arg)
{
    pthread_t t;
    if (pthread_create(&t, NULL, fn, arg) != 0) {
        fprintf(stderr, "pthread_create failed\n");
        abort();
    }
    return t;
}

static inline void
test_thread_join(pthread_t t)
{
    if (pthread_join(t, NULL) != 0) {
        fprintf(stderr, "pthread_join failed\n");
        abort();
    }
}

#endif // FT_TESTS_SYNC_TEST_UTIL_H

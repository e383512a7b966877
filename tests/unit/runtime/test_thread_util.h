// tests/unit/runtime/test_thread_util.h: helpers shared by the runtime unit and stress tests of
// thread states, stop-the-world, reference counting and QSBR.
#ifndef FT_TESTS_RUNTIME_TEST_THREAD_UTIL_H
#define FT_TESTS_RUNTIME_TEST_THREAD_UTIL_H

#include <pthread.h>   // pthread_create pthread_join

#include "harness.h"                // ft_test_cases
#include "runtime/thread_state.h"   // FtThreadState ft_thread_*
#include "sync/fatal.h"             // ft_fatal

// Creates, binds and attaches a thread state for the calling thread.
static inline FtThreadState *
rt_thread_begin(void)
{
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL)
        ft_fatal("out of memory");
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    return ts;
}

// Starts a pthread running fn(arg); fatal on failure.
static inline pthread_t
rt_thread_start(void *(*fn)(void *), void *arg)
{
    pthread_t thread;
    if (pthread_create(&thread, NULL, fn, arg) != 0)
        ft_fatal("pthread_create failed");
    return thread;
}

// Joins n threads, detached meanwhile if the caller has an attached thread state (so that the
// joined threads can stop the world or queue objects to us).
static inline void
rt_thread_join_all(pthread_t *threads, int n)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts != NULL)
        ft_thread_detach(ts);
    for (int i = 0; i < n; i++)
        pthread_join(threads[i], NULL);
    if (ts != NULL)
        ft_thread_attach(ts);
}

#endif // FT_TESTS_RUNTIME_TEST_THREAD_UTIL_H

// sync/clock.c: the monotonic clock behind every timed wait (see sync/clock.h).
//
// Owns no state. CLOCK_MONOTONIC never jumps with wall-clock changes, so deadlines computed from
// it stay meaningful; all functions are reentrant and lock-free.
#include "sync/clock.h"

#include <time.h>   // clock_gettime CLOCK_MONOTONIC

#include "sync/fatal.h"   // ft_fatal

int64_t
ft_clock_monotonic_ns(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_MONOTONIC, &ts) != 0)
        ft_fatal("clock_gettime(CLOCK_MONOTONIC) failed");
    return (int64_t)ts.tv_sec * FT_CLOCK_NS_PER_SEC + (int64_t)ts.tv_nsec;
}

int64_t
ft_clock_deadline_ns(int64_t timeout_ns)
{
    if (timeout_ns < 0)
        return -1;
    int64_t now = ft_clock_monotonic_ns();
    if (timeout_ns > INT64_MAX - now)
        return INT64_MAX;
    return now + timeout_ns;
}

int64_t
ft_clock_remaining_ns(int64_t deadline_ns)
{
    if (deadline_ns < 0)
        return -1;
    int64_t left = deadline_ns - ft_clock_monotonic_ns();
    return left > 0 ? left : 0;
}

// sync/clock.h: the monotonic clock every timed wait in ftpy is measured against.
//
// Timeouts in the sync layer are relative nanosecond counts (int64_t; -1 means forever, 0 means do
// not wait). Deadlines derived from them are absolute values of this clock, which never jumps.
#ifndef FT_SYNC_CLOCK_H
#define FT_SYNC_CLOCK_H

#include <stdint.h>   // int64_t

#define FT_CLOCK_NS_PER_MS INT64_C(1000000)
#define FT_CLOCK_NS_PER_SEC INT64_C(1000000000)

// Nanoseconds on CLOCK_MONOTONIC since an arbitrary fixed point. Never fails (a failing
// clock_gettime is fatal). Any thread; takes no lock.
int64_t ft_clock_monotonic_ns(void);

// The absolute deadline for a relative timeout: -1 (forever) for a negative timeout, else
// now + timeout_ns, saturating at INT64_MAX. Any thread.
int64_t ft_clock_deadline_ns(int64_t timeout_ns);

// The time left before an absolute deadline from ft_clock_deadline_ns: -1 for no deadline, else
// the remaining nanoseconds, never below 0. Any thread.
int64_t ft_clock_remaining_ns(int64_t deadline_ns);

#endif // FT_SYNC_CLOCK_H

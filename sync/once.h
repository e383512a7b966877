// sync/once.h: run an initialisation function exactly once, with retry on failure
// (FREE-THREADING.md section 3.4; CPython's _PyOnceFlag).
//
// FtOnceFlag.v:
//   0 FT_ONCE_UNLOCKED       not initialised, nobody running fn
//   1 FT_ONCE_LOCKED         one thread is running fn
//   3 LOCKED | HAS_PARKED    ... and other threads are (about to be) parked on v
//   4 FT_ONCE_INITIALIZED    fn succeeded (final)
//
//   UNLOCKED --first caller--> LOCKED [--a waiter--> LOCKED|HAS_PARKED]
//        --fn returns 0--> INITIALIZED       --fn returns -1--> UNLOCKED (a later caller retries)
//   Leaving LOCKED|HAS_PARKED wakes every waiter.
//
// Zero-initialised storage is a fresh flag.
#ifndef FT_SYNC_ONCE_H
#define FT_SYNC_ONCE_H

#include <stdint.h>   // uint8_t

typedef struct FtOnceFlag {
    uint8_t v;   // atomic: FT_ONCE_* (above)
} FtOnceFlag;

#define FT_ONCE_UNLOCKED 0
#define FT_ONCE_LOCKED 1
#define FT_ONCE_HAS_PARKED 2
#define FT_ONCE_INITIALIZED 4

// If the flag is initialised, returns 0 at once (with acquire order: fn's writes are visible).
// Otherwise the first caller runs fn(arg): 0 marks the flag initialised and is returned; -1 leaves
// it uninitialised and is returned to that caller only, and a later (or waiting) caller runs fn
// again. Callers arriving while fn runs park (detaching) until it is decided. fn must not call
// ft_once_call on the same flag (that deadlocks). Any thread.
int ft_once_call(FtOnceFlag *flag, int (*fn)(void *arg), void *arg);

#endif // FT_SYNC_ONCE_H

// sync/mutex.h: the one-byte mutex (FREE-THREADING.md section 3.3).
//
// Bit encoding of FtMutex.bits:
//   0x1 FT_MUTEX_LOCKED      somebody holds the lock
//   0x2 FT_MUTEX_HAS_PARKED  at least one thread is (or is about to be) parked on this byte
// Uncontended lock and unlock are one compare-and-swap each. The slow path spins briefly, then parks
// on the parking lot; a waiter that has waited about a millisecond is handed the lock directly on
// unlock, so nobody starves. (TODO(#2): the sync helper completes this header's contract.)
#ifndef FT_SYNC_MUTEX_H
#define FT_SYNC_MUTEX_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint8_t

typedef struct FtMutex {
    uint8_t bits;   // atomic: FT_MUTEX_LOCKED | FT_MUTEX_HAS_PARKED
} FtMutex;

#endif // FT_SYNC_MUTEX_H

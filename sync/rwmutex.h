// sync/rwmutex.h: a writer-preferring readers-writer lock (FREE-THREADING.md section 3.4; CPython's
// _PyRWMutex).
//
// Bit encoding of FtRWMutex.bits:
//   bit 0      FT_RWMUTEX_WRITE_LOCKED   a writer holds the lock
//   bit 1      FT_RWMUTEX_HAS_PARKED     some reader or writer is (about to be) parked on bits
//   bits 2..   reader count              readers holding the lock
//
//   reader lock:  waits while WRITE_LOCKED or HAS_PARKED (a waiting writer blocks new readers, so
//                 writers do not starve), else adds one reader.
//   reader unlock: subtracts one; the last reader wakes all parked threads if HAS_PARKED.
//   writer lock:  takes WRITE_LOCKED when no reader and no writer holds it (HAS_PARKED ignored),
//                 else sets HAS_PARKED and parks.
//   writer unlock: stores 0 and wakes all parked threads if HAS_PARKED was set.
// Invariant: WRITE_LOCKED => reader count == 0. Not reentrant; writers are not fair among
// themselves. Parking detaches. Zero-initialised storage is unlocked.
#ifndef FT_SYNC_RWMUTEX_H
#define FT_SYNC_RWMUTEX_H

#include <stdint.h>   // uintptr_t

typedef struct FtRWMutex {
    uintptr_t bits;   // atomic: see the encoding above
} FtRWMutex;

#define FT_RWMUTEX_WRITE_LOCKED ((uintptr_t)1)
#define FT_RWMUTEX_HAS_PARKED ((uintptr_t)2)
#define FT_RWMUTEX_READER_SHIFT 2
#define FT_RWMUTEX_ONE_READER ((uintptr_t)1 << FT_RWMUTEX_READER_SHIFT)

// Takes a shared (read) hold, parking while a writer holds or waits. A thread must not take a
// read hold it already has (a waiting writer would make that deadlock). Any thread.
void ft_rwmutex_rlock(FtRWMutex *rw);

// Releases one read hold. Fatal (debug) if none is held. Any thread holding a read hold.
void ft_rwmutex_runlock(FtRWMutex *rw);

// Takes the exclusive (write) hold, parking while readers or another writer hold it. Any thread.
void ft_rwmutex_lock(FtRWMutex *rw);

// Releases the write hold, waking every parked thread. Fatal if not write-locked.
void ft_rwmutex_unlock(FtRWMutex *rw);

#endif // FT_SYNC_RWMUTEX_H

// sync/seqlock.h: a sequence lock for rarely written, often read data (FREE-THREADING.md section
// 3.4; CPython's _PySeqLock).
//
// FtSeqLock.sequence: even = no writer; odd = a writer is inside. Each completed write adds 2.
//   writer:  CAS even s -> s + 1 (yield while odd) ... write ... store s + 2 (or s on abandon)
//   reader:  s = read_begin() (waits while odd) ... read ... read_end(s) true iff still s
// Readers never block writers; a reader whose read_end returns false must discard what it read
// and retry. The protected fields must themselves be read and written with (relaxed) atomics,
// since readers race with the writer by design. Zero-initialised storage is ready.
#ifndef FT_SYNC_SEQLOCK_H
#define FT_SYNC_SEQLOCK_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint32_t

typedef struct FtSeqLock {
    uint32_t sequence;   // atomic: see above
} FtSeqLock;

// Enters the write side, yielding while another writer is inside. Writers exclude each other. Any
// thread; must not be called while already writing this lock.
void ft_seqlock_write_begin(FtSeqLock *seqlock);

// Leaves the write side, publishing the writes to readers. Only the writer.
void ft_seqlock_write_end(FtSeqLock *seqlock);

// Leaves the write side declaring that nothing was modified: readers that overlapped stay valid.
// Only the writer.
void ft_seqlock_write_abandon(FtSeqLock *seqlock);

// Starts a read: waits (yielding) until no writer is inside and returns the sequence to pass to
// ft_seqlock_read_end. Any thread.
uint32_t ft_seqlock_read_begin(FtSeqLock *seqlock);

// Ends a read started with sequence `previous`: true if no write happened in between (the values
// read are consistent), false if the caller must retry. Any thread.
bool ft_seqlock_read_end(FtSeqLock *seqlock, uint32_t previous);

// In the child after fork(): if a (now dead) writer was inside, abandons its write. Returns true if
// it did. Only while single-threaded.
bool ft_seqlock_after_fork(FtSeqLock *seqlock);

#endif // FT_SYNC_SEQLOCK_H

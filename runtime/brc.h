// runtime/brc.h: the biased-reference-counting merge queues (FREE-THREADING.md section 2.4; CPython's
// Python/brc.c and Include/internal/pycore_brc.h).
//
// When a thread other than an object's owner drops a reference while the object's shared count is 0
// and not merged, it cannot decrement (the owner may be freeing the object on its atomic-free path);
// it marks the object QUEUED and hands the reference to the owner through the owner's queue. The
// owner merges its queue at its next safe point (FT_EVAL_EXPLICIT_MERGE in its eval breaker).
//
// Owners are found through a table of FT_BRC_BUCKETS buckets keyed by thread id: each bucket is an
// FtMutex and an intrusive list of the thread states whose id hashes there. A thread is in the table
// from ft_thread_state_bind() until ft_brc_thread_remove() at exit; an object whose owner is not in
// the table is merged on the spot by the thread that queues it.
//
// A detached owner (blocked in C code or on a lock) merges its queue only when it attaches again and
// reaches a safe point; until then those objects stay alive (their memory waits, nothing is wrong).
// TODO(#2): merge on behalf of a detached owner by briefly suspending it (CPython main's
// _PyThreadState_TrySuspendDetached), to bound that delay.
//
// Lock order: a bucket mutex is a leaf for the runtime (taken without detaching; nothing else is
// locked under it, and no destructor runs under it).
#ifndef FT_RUNTIME_BRC_H
#define FT_RUNTIME_BRC_H

#include <stdbool.h>   // bool
#include <stddef.h>    // size_t
#include <stdint.h>    // uintptr_t

#include "runtime/object.h"   // FtObject
#include "sync/mutex.h"       // FtMutex

#define FT_BRC_BUCKETS 257   // prime, so that aligned thread ids spread

typedef struct FtThreadState FtThreadState;

// A stack of object pointers in linked chunks (CPython's _PyObjectStack). Not thread-safe: each
// stack's protection is stated where it is embedded.
#define FT_BRC_CHUNK_ITEMS 254
typedef struct FtBrcChunk FtBrcChunk;
struct FtBrcChunk {
    FtBrcChunk *prev;
    size_t n;
    FtObject *items[FT_BRC_CHUNK_ITEMS];
};
typedef struct FtBrcStack {
    FtBrcChunk *head;   // the chunk being filled; NULL when empty
} FtBrcStack;

// Per-thread BRC state, embedded in FtThreadState.
typedef struct FtBrcThread {
    uintptr_t tid;                // the owner id of the thread's objects; written at bind, under the
                                  // bucket mutex; immutable while the thread is in the table
    FtThreadState *bucket_next;   // guarded_by(bucket mutex): the next thread state in the bucket
    bool in_table;                // owner-thread only (written under the bucket mutex)
    FtBrcStack objects_to_merge;  // guarded_by(bucket mutex): pushed by other threads
    FtBrcStack local_objects_to_merge;   // owner-thread only: taken from objects_to_merge to merge
} FtBrcThread;

typedef struct FtBrcBucket {
    FtMutex mutex;         // taken without detaching; a leaf (see above)
    FtThreadState *head;   // guarded_by(mutex): the thread states whose tid hashes here
} FtBrcBucket;

// Per-interpreter table. Zero-initialised storage is an empty table.
typedef struct FtBrcTable {
    FtBrcBucket buckets[FT_BRC_BUCKETS];
} FtBrcTable;

// Enters ts (bound to the calling thread, ts->brc.tid set) in its interpreter's table. Calling
// thread = ts's thread.
void ft_brc_thread_add(FtThreadState *ts);

// Thread exit: merges the thread's queue until it is empty, then leaves the table, after which other
// threads merge this thread's objects themselves. May run destructors. Calling thread = ts's, attached.
void ft_brc_thread_remove(FtThreadState *ts);

// Hands op, which a non-owner just marked QUEUED while dropping a reference, to op's owner together
// with that reference. If the owner has exited, merges here (and may free op). Called only by
// ft_refcount_decref_shared_slow. Any attached thread.
void ft_brc_queue_object(FtObject *op);

// The owner's half: clears FT_EVAL_EXPLICIT_MERGE, merges every queued object (dropping the queue's
// reference) and frees those that reach 0. May run destructors. Calling thread = ts's, attached.
void ft_brc_merge_refcounts(FtThreadState *ts);

// Number of objects waiting in ts's queue (both halves). For tests; ts's thread, or a stopped world.
size_t ft_brc_queue_length(FtThreadState *ts);

#endif // FT_RUNTIME_BRC_H

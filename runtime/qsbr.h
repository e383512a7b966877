// runtime/qsbr.h: quiescent-state-based reclamation on liburcu's urcu-qsbr flavour
// (FREE-THREADING.md sections 5.4 and 6.2; CPython's Python/qsbr.c plays this role there).
//
// A lock-free reader (an attached thread) may use a pointer it loaded from a shared location until
// its next quiescent state: the next ft_eval_breaker_poll() (which reports one) or the next detach
// (which takes the thread offline). A writer that unlinks a block retires it with
// ft_qsbr_free_delayed(); the block is freed once every thread that was online at that moment has
// passed a quiescent state or gone offline (a grace period).
//
// How: retirements are batched per thread (up to FT_QSBR_BATCH items) and each full batch is handed to
// liburcu with one call_rcu(); a partial batch is handed over when its thread detaches or exits, or
// on ft_qsbr_flush(). We use call_rcu rather than polling because liburcu 0.13 has no non-blocking
// grace-period poll, and batching amortises call_rcu's allocation-free enqueue and its helper
// thread's wake-ups. Free callbacks run on liburcu's call_rcu helper thread. "Decref later" items must
// not run a destructor there (the helper is not a Python thread), so their batch is moved to the
// interpreter's inbox, which attached threads drain at their safe points.
//
// Every thread with a thread state is a registered urcu-qsbr reader from ft_thread_state_bind() to
// ft_thread_state_delete_current(); it is online exactly while attached.
#ifndef FT_RUNTIME_QSBR_H
#define FT_RUNTIME_QSBR_H

#include <stdbool.h>   // bool
#include <stddef.h>    // size_t
#include <stdint.h>    // uintptr_t

#include "runtime/object.h"   // FtObject
#include "sync/mutex.h"       // FtMutex

#define FT_QSBR_BATCH 64

typedef struct FtThreadState FtThreadState;
typedef struct FtInterp FtInterp;
typedef struct FtQsbrBatch FtQsbrBatch;

// Per-thread state, embedded in FtThreadState. Owner-thread only.
typedef struct FtQsbrThread {
    FtQsbrBatch *batch;   // owner-thread only: retirements not yet handed to liburcu, or NULL
    bool registered;      // owner-thread only: rcu_register_thread() done
    bool online;          // owner-thread only
} FtQsbrThread;

// Per-interpreter state: batches whose grace period ended and that hold "decref later" items.
typedef struct FtQsbrInterp {
    FtMutex inbox_mutex;  // taken without detaching, also by liburcu's helper thread; a leaf
    FtQsbrBatch *inbox;   // guarded_by(inbox_mutex): singly linked through the batches
    int inbox_nonempty;   // atomic: written under inbox_mutex, read lock-free as a hint
    uintptr_t pending;    // atomic: items retired and not yet freed or decref'd (tests, statistics)
    char grace_token;     // never read or written: its address is the ThreadSanitizer sync object
                          // for grace periods (see runtime/qsbr.c)
} FtQsbrInterp;

// Registers the calling thread with liburcu and leaves it offline (its thread state starts
// detached). Calling thread = ts's thread.
void ft_qsbr_thread_register(FtThreadState *ts);

// Hands the pending batch over, goes offline and unregisters the calling thread. Calling thread.
void ft_qsbr_thread_unregister(FtThreadState *ts);

// The calling thread goes online (attach) / offline (detach, after flushing its batch). Calling thread.
void ft_qsbr_thread_online(FtThreadState *ts);
void ft_qsbr_thread_offline(FtThreadState *ts);

// Reports a quiescent state: the calling (attached) thread holds no pointer it read lock-free before
// this call. Also drains the interpreter's decref inbox when it has work. Calling thread, attached.
void ft_qsbr_quiescent_state(FtThreadState *ts);

// Frees ptr with free_fn(ptr) after a grace period. ptr must be unreachable for new readers already
// (unlinked with a release store). The caller must be attached (a registered, online thread). If
// memory for the batch cannot be allocated, waits for a grace period here (synchronize_rcu) and frees
// at once: so do not hold a lock that online threads may wait for without detaching.
void ft_qsbr_free_delayed(void *ptr, void (*free_fn)(void *ptr));

// Drops a reference to op after a grace period (for an object that lock-free readers may still be
// incrementing). The decrement runs on an attached thread at a safe point, never on the helper
// thread. Caller attached; same allocation-failure rule as ft_qsbr_free_delayed.
void ft_qsbr_decref_delayed(FtObject *op);

// Hands the calling thread's partial batch to liburcu now. Calling thread, attached.
void ft_qsbr_flush(FtThreadState *ts);

// Runs the decrements of every batch in the inbox. If wait is false, gives up when another thread
// holds the inbox lock. Calling thread, attached.
void ft_qsbr_drain_inbox(FtInterp *interp, bool wait);

// Waits until every callback queued so far has run (rcu_barrier) and drains the inbox. The calling
// thread must be attached (it is taken offline while it waits). For tests and interpreter teardown.
void ft_qsbr_barrier(FtThreadState *ts);

// Teardown, on a thread with no thread state: waits for every callback queued so far
// (rcu_barrier). Returns true if no delayed decrement is left in the inbox; otherwise the caller must
// drain it on an attached thread and call this again.
bool ft_qsbr_fini_wait(FtInterp *interp);

// Items retired and not yet freed or decref'd, for tests. Any thread; relaxed snapshot.
size_t ft_qsbr_pending(FtInterp *interp);

#endif // FT_RUNTIME_QSBR_H

// runtime/thread_state.h: the runtime, the interpreter and the per-thread state (FREE-THREADING.md
// section 5; CPython's Include/internal/pycore_tstate.h, Python/pystate.c).
//
// FtRuntime is the single process-wide mutable global (ft_runtime). It holds the interpreter; each OS
// thread that touches Python objects has an FtThreadState, bound to it for its whole life.
//
// Thread state word (FtThreadState.state), CPython's values and transitions:
//
//   DETACHED  --attach (CAS, by the thread)------------------> ATTACHED
//   ATTACHED  --detach (store, by the thread)----------------> DETACHED
//   ATTACHED  --acknowledge stop (CAS, by the thread)--------> SUSPENDED
//   DETACHED  --stop the world (CAS, by the requester)-------> SUSPENDED
//   SUSPENDED --start the world (store + unpark, requester)--> DETACHED
//   a thread that wants to attach while SUSPENDED parks on the state word until it changes.
//   SHUTTING_DOWN: set at runtime teardown; a thread that tries to attach then hangs forever.
//
// Attached means "may touch objects, online for QSBR, its critical sections active". Detached and
// suspended threads touch no object, are offline for QSBR and hold no object lock.
//
// Eval breaker (FtThreadState.eval_breaker): bits other threads set to ask this thread for work at its
// next safe point, ft_eval_breaker_poll().
#ifndef FT_RUNTIME_THREAD_STATE_H
#define FT_RUNTIME_THREAD_STATE_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uintptr_t

#include "runtime/brc.h"             // FtBrcTable FtBrcThread
#include "runtime/object_alloc.h"    // FtObjectHeap FtObjectPool
#include "runtime/qsbr.h"            // FtQsbrThread FtQsbrInterp ft_qsbr_quiescent_state
#include "runtime/stop_the_world.h"  // FtStopTheWorld
#include "sync/atomic.h"             // ft_atomic_*
#include "sync/mutex.h"              // FtMutex
#include "sync/sync_thread.h"        // FtSyncThread

// Values of FtThreadState.state.
enum {
    FT_THREAD_DETACHED = 0,
    FT_THREAD_ATTACHED = 1,
    FT_THREAD_SUSPENDED = 2,
    FT_THREAD_SHUTTING_DOWN = 3,
};

// Bits of FtThreadState.eval_breaker (CPython's _PY_*_BIT, in _Py_HandlePending's order).
enum {
    FT_EVAL_PLEASE_STOP = 1u << 0,      // a stop-the-world request waits for this thread
    FT_EVAL_PENDING_SIGNALS = 1u << 1,  // the main thread has signal handlers to run (modules/)
    FT_EVAL_PENDING_CALLS = 1u << 2,    // pending calls (modules/)
    FT_EVAL_EXPLICIT_MERGE = 1u << 3,   // other threads queued objects for this thread to merge
    FT_EVAL_GC_SCHEDULED = 1u << 4,     // the cycle collector should run (gc/)
    FT_EVAL_ASYNC_EXC = 1u << 5,        // an asynchronous exception is pending (eval/)
};
// The bits ft_eval_breaker_poll() handles itself; the others are returned to the caller.
#define FT_EVAL_RUNTIME_BITS ((uintptr_t)(FT_EVAL_PLEASE_STOP | FT_EVAL_EXPLICIT_MERGE))

typedef struct FtRuntime FtRuntime;

struct FtInterp {
    FtRuntime *runtime;              // immutable after ft_runtime_init
    FtMutex threads_mutex;           // taken without detaching; protects the fields marked so,
                                     // and stop_the_world's counters (CPython's HEAD_LOCK)
    FtThreadState *threads;          // guarded_by(threads_mutex): doubly linked list of states
    Ft_ssize thread_count;           // guarded_by(threads_mutex)
    FtStopTheWorld stw;              // see runtime/stop_the_world.h
    FtMutex type_hierarchy_mutex;    // taken with detach: serializes changes to the class
                                     // hierarchy (class creation, __bases__ assignment); see
                                     // ft_type_hierarchy_lock in objects/type.h
    FtBrcTable brc;                  // see runtime/brc.h
    FtQsbrInterp qsbr;               // see runtime/qsbr.h
    FtObjectPool object_pool;        // pages of exited threads (runtime/object_alloc.h)
    // The interpreter's module-level objects (modules/): each set once during start-up, before a
    // second thread exists, and immutable afterwards (the dicts themselves lock). NULL before.
    struct FtObject *builtins_dict;  // the builtins module's dict
    struct FtObject *sys_dict;       // the sys module's dict
    struct FtObject *modules_dict;   // sys.modules
    int recursion_limit;             // atomic (relaxed): sys.setrecursionlimit (eval/eval.h)
    int optimize;                    // the -O level; set once during start-up, then immutable
    // sys.unraisablehook's caller (modules/sys.c), for layers below modules/ that must report an
    // exception nobody can catch (a failing __del__); steals exc. Set once during start-up.
    void (*write_unraisable)(struct FtObject *exc, struct FtObject *err_msg, struct FtObject *obj);
};

struct FtRuntime {
    int initialized;                 // written by ft_runtime_init/_fini on the main thread only
    FtInterp interp_main;            // the one interpreter (subinterpreters: TODO(#2))
};

// The process-wide runtime: the only mutable global of ftpy.
extern FtRuntime ft_runtime;

// Destructors nested deeper than a limit wait here (runtime/refcount.c ft_object_dealloc).
typedef struct FtDeallocQueue {
    int depth;                  // owner-thread only: ft_object_dealloc calls running on this thread
    Ft_ssize count, capacity;   // owner-thread only
    struct FtObject **items;    // owner-thread only: ft_runtime_mem array of dead objects whose
                                // tp_dealloc has not run yet (count 0, unreachable)
} FtDeallocQueue;

struct FtThreadState {
    FtSyncThread sync;               // first member: the sync layer's view of this thread
    FtInterp *interp;                // immutable
    FtThreadState *prev, *next;      // guarded_by(interp->threads_mutex)
    uintptr_t thread_id;             // immutable after ft_thread_state_bind (ft_thread_id() there)
    int state;                       // atomic: FT_THREAD_*; transitions in the table above
    uintptr_t eval_breaker;          // atomic: FT_EVAL_* bits, set by any thread, cleared by owner
    bool bound;                      // owner-thread only
    bool hook_detached;              // owner-thread only: the detach hook detached us (the attach
                                     // hook must re-attach); a thread that parks while already
                                     // detached stays detached
    FtBrcThread brc;                 // see runtime/brc.h
    FtQsbrThread qsbr;               // see runtime/qsbr.h
    FtObjectHeap heap;               // owner-thread only, or stop-the-world (runtime/object_alloc.h)
    FtObject *current_exception;     // owner-thread only
    struct FtFrame *current_frame;   // owner-thread only (a stop-the-world may read it): the
                                     // innermost running interpreter frame (objects/frame.h)
    struct FtEvalThread *eval;       // owner-thread only: eval/'s per-thread state (frame stack
                                     // chunks, depth counters), created by ft_eval_thread_init
    FtDeallocQueue dealloc;          // owner-thread only
    struct FtObject *context;        // owner-thread only: the current contextvars.Context (strong;
                                     // modules/contextvars.c), NULL until first used
};

// Initializes ft_runtime (the interpreter, its tables, the object pool). Call once, on the main
// thread, before any other runtime function. Returns 0, or -1 if a resource could not be created.
int ft_runtime_init(void);

// Tears the runtime down: waits for pending QSBR callbacks, runs the delayed decrements still
// pending (on a temporary thread state), destroys the object pool. Precondition: the calling thread
// has no thread state bound, and every thread state was deleted. Main thread.
void ft_runtime_fini(void);

// The runtime's one interpreter.
static inline FtInterp *
ft_interp_main(void)
{
    return &ft_runtime.interp_main;
}

// Creates a detached (or, during a stop-the-world, suspended) thread state for interp and links it
// into its thread list. Returns NULL when out of memory. Any thread; the state is then bound on the
// thread that will use it.
FtThreadState *ft_thread_state_new(FtInterp *interp);

// Binds ts to the calling thread: records its thread id, installs the detach/attach hooks, registers
// with urcu-qsbr (offline) and enters the BRC table. ts stays detached. Calling thread, once per ts;
// the thread must have no other state bound.
void ft_thread_state_bind(FtThreadState *ts);

// Thread exit. The calling thread's state must be attached and bound. Merges its BRC queue, hands
// its pending QSBR retirements and its heap's pages over, leaves the thread list (counting itself as
// stopped if a stop-the-world is in progress), unregisters from urcu-qsbr, unbinds and frees the
// state. Objects it owns stay alive; other threads merge them on their own decrements. Calling thread.
void ft_thread_state_delete_current(void);

// The calling thread's state, or NULL if none is bound.
static inline FtThreadState *
ft_thread_state_current(void)
{
    // sync is the first member, so the bound FtSyncThread is the thread state itself.
    return (FtThreadState *)ft_sync_thread_current();
}

// Attaches the calling thread: waits out a stop-the-world in progress (parked), goes QSBR-online and
// resumes its top critical section. ts is the calling thread's bound state and is detached.
void ft_thread_attach(FtThreadState *ts);

// Detaches the calling thread before it blocks: suspends its critical sections, hands over its QSBR
// batch and goes offline, then becomes DETACHED. ts is the calling thread's state and is attached.
void ft_thread_detach(FtThreadState *ts);

// The state word, for tests and assertions. Any thread; a snapshot.
static inline int
ft_thread_state_get(FtThreadState *ts)
{
    // relaxed: a snapshot; the transitions that matter use CAS with their own orders.
    return ft_atomic_load_int_relaxed(&ts->state);
}

// Sets / clears bits of ts's eval breaker. Any thread.
static inline void
ft_eval_breaker_set(FtThreadState *ts, uintptr_t bits)
{
    // relaxed: a hint; the data a bit announces is published by a lock the handler takes (the
    // thread-list mutex for PLEASE_STOP, the bucket mutex for EXPLICIT_MERGE).
    ft_atomic_or_uintptr_relaxed(&ts->eval_breaker, bits);
}

static inline void
ft_eval_breaker_clear(FtThreadState *ts, uintptr_t bits)
{
    // relaxed: see ft_eval_breaker_set; the handler clears before it takes the lock, so a bit set
    // after the clear is seen at the next poll.
    ft_atomic_and_uintptr_relaxed(&ts->eval_breaker, ~bits);
}

// True if some eval-breaker bit is set: one relaxed load, for hot loops. Calling thread.
static inline bool
ft_eval_breaker_pending(FtThreadState *ts)
{
    // relaxed: a hint, re-read by the handler.
    return ft_atomic_load_uintptr_relaxed(&ts->eval_breaker) != 0;
}

// Out-of-line half of ft_eval_breaker_poll: handles PLEASE_STOP and EXPLICIT_MERGE and returns the
// bits left for the caller.
uintptr_t ft_eval_breaker_handle_slow(FtThreadState *ts);

// The safe point: call it at every loop back-edge and call of the eval loop, and in long C loops.
// Reports a QSBR quiescent state (so pointers read lock-free before it must not be used after it),
// then handles PLEASE_STOP (suspends until the world restarts) and EXPLICIT_MERGE (merges the BRC
// queue, may run destructors). Returns the remaining bits (GC_SCHEDULED, PENDING_CALLS, ...), which
// the caller handles (and clears). ts is the calling thread's state, attached.
static inline uintptr_t
ft_eval_breaker_poll(FtThreadState *ts)
{
    ft_qsbr_quiescent_state(ts);
    if (!ft_eval_breaker_pending(ts))
        return 0;
    return ft_eval_breaker_handle_slow(ts);
}

// Internal to runtime/: the thread-list mutex of interp (taken without detaching).
void ft_interp_threads_lock(FtInterp *interp);
void ft_interp_threads_unlock(FtInterp *interp);

#endif // FT_RUNTIME_THREAD_STATE_H

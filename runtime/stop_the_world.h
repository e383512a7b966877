// runtime/stop_the_world.h: pausing every other thread of an interpreter (FREE-THREADING.md 5.2;
// CPython's _PyEval_StopTheWorld in Python/pystate.c).
//
// While the world is stopped, every thread state of the interpreter other than the requester is
// SUSPENDED: it runs no Python code and touches no object, so the requester may read and write any
// object, any thread's queues and heaps, without locks ("stop-the-world only" fields).
//
//   request:  lock stw mutex (detaching, so a competing requester can stop us meanwhile);
//             under the thread-list mutex: requested = 1, countdown = number of other threads;
//             repeat { DETACHED -> SUSPENDED by CAS (each counts as stopped); set FT_EVAL_PLEASE_STOP on
//                      ATTACHED ones; if countdown == 0 stop; else wait on the event for 1 ms }
//             world_stopped = 1
//   acknowledge (the target, at its safe point): detach into SUSPENDED, countdown -= 1 (notify the
//             event at 0), then attach, which parks on its state word until the restart
//   restart:  under the thread-list mutex: every SUSPENDED thread -> DETACHED, unpark its state word;
//             requested = world_stopped = 0; unlock the stw mutex
//   thread exit during a request: the exiting thread counts itself as stopped
//   thread creation during a request: the new state starts SUSPENDED (not counted)
#ifndef FT_RUNTIME_STOP_THE_WORLD_H
#define FT_RUNTIME_STOP_THE_WORLD_H

#include <stdbool.h>   // bool

#include "sync/atomic.h"   // Ft_ssize
#include "sync/event.h"    // FtEvent
#include "sync/mutex.h"    // FtMutex

typedef struct FtInterp FtInterp;
typedef struct FtThreadState FtThreadState;

// Per-interpreter stop-the-world state. Zero-initialised storage is "not requested".
typedef struct FtStopTheWorld {
    FtMutex mutex;              // serialises requesters; held from stop to start
    int requested;              // atomic: written under the thread-list mutex, read lock-free as a hint
    int world_stopped;          // atomic: written under the thread-list mutex by the requester
    Ft_ssize thread_countdown;  // guarded_by(thread-list mutex): threads not yet stopped
    FtEvent stop_event;         // notified (under the thread-list mutex) when the countdown hits 0
    FtThreadState *requester;   // guarded_by(thread-list mutex): the requesting thread state or NULL
    unsigned long rounds;       // guarded_by(mutex): completed stop requests (statistic, tests)
} FtStopTheWorld;

// Stops every thread of interp other than the caller and returns when all are SUSPENDED. The
// caller is attached (or has no thread state at all: a plain C thread). Blocks (detached) while
// another request is in progress. Pairs with ft_start_the_world(). While the world is stopped, do not
// lock an FtMutex another thread may hold: a suspended thread may hold one (it can be handed a mutex
// while parked), and it will not release it before the restart.
void ft_stop_the_world(FtInterp *interp);

// Restarts the threads stopped by ft_stop_the_world(). The caller is the same requesting thread.
void ft_start_the_world(FtInterp *interp);

// True between ft_stop_the_world() returning and ft_start_the_world(). Any thread; a snapshot.
bool ft_world_is_stopped(FtInterp *interp);

// Internal: the target thread's acknowledgement of FT_EVAL_PLEASE_STOP (runtime/thread_state.c).
// Suspends ts if a request is still active, and returns once the world restarts. ts attached, current.
void ft_stop_the_world_acknowledge(FtThreadState *ts);

// Internal: ts is leaving interp's thread list (thread exit). If a request is in progress and ts was
// counted but not yet stopped, counts it as stopped. The caller holds interp's thread-list mutex.
void ft_stop_the_world_forget_thread(FtInterp *interp, FtThreadState *ts);

#endif // FT_RUNTIME_STOP_THE_WORLD_H

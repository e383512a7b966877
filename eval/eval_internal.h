// eval/eval_internal.h: what eval/'s own files share (never included outside eval/): the per-thread
// eval state, the frame stack, argument binding and the loop's entry.
//
// Concurrency: everything here is owner-thread only (a stop-the-world collector may read frames).
#ifndef FT_EVAL_EVAL_INTERNAL_H
#define FT_EVAL_EVAL_INTERNAL_H

#include <stdbool.h>  // bool
#include <stddef.h>   // size_t
#include <stdint.h>   // uintptr_t

#include "objects/code.h"           // FtCodeObject
#include "objects/frame.h"          // FtFrame
#include "objects/function.h"       // FtFunctionObject
#include "runtime/stackref.h"       // FtStackRef
#include "runtime/thread_state.h"   // FtThreadState

// One block of frame memory. Frames are carved from the top of the newest chunk, LIFO.
typedef struct FtFrameChunk FtFrameChunk;
struct FtFrameChunk {
    FtFrameChunk *prev;      // owner-thread only: the older chunk, or NULL
    FtStackRef *prev_top;    // owner-thread only: prev's free pointer when this chunk was started
    size_t nslots;           // immutable: capacity of data
    FtStackRef data[];
};

// FtThreadState.eval.
typedef struct FtEvalThread {
    FtFrameChunk *chunk;        // owner-thread only: the newest chunk (never NULL after init)
    FtStackRef *top;            // owner-thread only: the first free slot of chunk
    FtFrameChunk *spare;        // owner-thread only: one emptied chunk kept for reuse, or NULL
    int py_depth;               // owner-thread only: Python frames on this thread
    uintptr_t c_stack_limit;    // immutable after init: ft_eval_frame refuses to run below this
    uintptr_t c_stack_top;      // immutable after init: the stack's highest address (0: unknown)
    FtObject *exc_info;         // owner-thread only: the exception being handled (strong), or NULL
    int coroutine_origin_depth; // owner-thread only: sys.set_coroutine_origin_tracking_depth (0: off)
    FtObject *asyncgen_firstiter; // owner-thread only: sys.set_asyncgen_hooks' (strong) or NULL
    FtObject *asyncgen_finalizer; // owner-thread only: as asyncgen_firstiter
} FtEvalThread;

// Frame memory for code (co_framesize slots). Raises RecursionError past the recursion limit or
// MemoryError; NULL then. The frame's fields are left for the caller to fill.
FtFrame *ft_frame_stack_push(FtThreadState *ts, FtCodeObject *code);
// Releases the newest frame (after its slots were cleared).
void ft_frame_stack_pop(FtThreadState *ts, FtFrame *frame);

// Fills a pushed frame for func: code, globals, builtins, f_locals NULL, every slot NULL, then
// binds args/kwnames to the parameters (new references). 0, or -1 with TypeError (the frame's
// slots are then cleared; the caller pops it).
int ft_eval_frame_init_function(FtFrame *frame, FtObject *func, FtObject *const *args,
                                Ft_ssize nargs, FtObject *kwnames);
// Closes every local and value-stack slot below stack_top (stack depth `depth`), the frame's
// references to its function, code and locals, and ends its frame object if it has one.
void ft_eval_frame_clear(FtFrame *frame, int depth);

// A frame's references to its code object and function (f_executable, f_funcobj): counted only
// when the object does not use deferred reference counting. Code objects and functions do, so
// threads calling the same function never write its counts (the collector finds them through the
// frames, FREE-THREADING.md 2.6). Deferred status is set before publication and never cleared, so
// taking and dropping agree.
static inline FtObject *
ft_eval_frame_hold_ref(FtObject *op)
{
    if (!ft_object_has_deferred_refcount(op))
        ft_incref(op);
    return op;
}

static inline void
ft_eval_frame_release(FtObject *op)
{
    if (op != NULL && !ft_object_has_deferred_refcount(op))
        ft_decref(op);
}

// Runs frame (pushed, filled, is_entry set) until it returns; pops it. A new reference, or NULL
// with the exception set.
FtObject *ft_eval_frame(FtThreadState *ts, FtFrame *frame);

// True when the C stack is too deep to enter the eval loop again (CPython 3.14 compares the stack
// pointer against a limit too).
bool ft_eval_c_stack_exhausted(FtThreadState *ts);

// ft_eval_frame, optionally starting by raising the current exception at the frame's instruction
// (generator.throw()). A generator's frame (owner FT_FRAME_OWNED_BY_GENERATOR) is not popped: on a
// yield it returns the yielded value with the frame still live (f_executable set); on return or
// exception it is cleared (f_executable NULL).
FtObject *ft_eval_frame_ex(FtThreadState *ts, FtFrame *frame, bool throwflag);

// Generators (eval/generator.c). A new generator, coroutine or async generator for a call of func
// (its code has one of the generator flags), with the arguments bound. NULL with an exception.
FtObject *ft_gen_new_for_call_ref(FtObject *func, FtObject *const *args, Ft_ssize nargs,
                                  FtObject *kwnames);
// Resumes iter with arg (SEND, yield from): FT_SEND_NEXT with *result the yielded value,
// FT_SEND_RETURN with *result the return value, FT_SEND_ERROR with an exception.
FtSendResult ft_gen_send(FtObject *iter, FtObject *arg, FtObject **result);
int ft_gen_init_types(void);

// Coroutines and async generators (eval/generator.c), for the instruction bodies.
// GET_AWAITABLE: iter(o) for `await o` (where: the oparg, which selects the error text).
FtObject *ft_coro_get_awaitable_ref(FtObject *o, int where);
// GET_AITER / GET_ANEXT.
FtObject *ft_async_get_aiter_ref(FtObject *obj);
FtObject *ft_async_get_anext_ref(FtObject *aiter);
// CALL_INTRINSIC_1 ASYNC_GEN_WRAP: the value an async generator yields, wrapped.
FtObject *ft_async_gen_wrap_ref(FtObject *v);
// CALL_INTRINSIC_1 STOPITERATION_ERROR: the RuntimeError replacing a StopIteration (or
// StopAsyncIteration) raised inside a generator, coroutine or async generator (co_flags says which).
FtObject *ft_coro_stopiteration_error_ref(int co_flags, FtObject *exc);

// A raised exception being set while exc_info is handled: sets its __context__ as CPython's
// _PyErr_SetObject (breaking a cycle the new link would make).
void ft_eval_chain_context(FtThreadState *ts, FtObject *exc);

// The handled exception of the calling thread (borrowed), or NULL.
FtObject *ft_eval_thread_exc_info_borrow(FtThreadState *ts);

#endif // FT_EVAL_EVAL_INTERNAL_H

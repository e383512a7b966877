// eval/eval.h: the eval loop's interface for modules/ and programs/ (CPython's Python/ceval.c public
// half): running code objects, the per-thread eval state, the recursion limit and the current frame.
//
// Concurrency: every thread runs its own frames; nothing here takes a global lock. The recursion
// limit is one interpreter-wide value (relaxed atomic: a stale read only delays the new limit by one
// call). Each thread's frame stack and depth counters are owner-thread only.
#ifndef FT_EVAL_EVAL_H
#define FT_EVAL_EVAL_H

#include "objects/frame.h"    // FtFrame
#include "runtime/object.h"   // FtObject

// Runs code (a module, class-body-free `exec` or `eval` code object) with globals (a dict) and
// locals (NULL: the globals; else any mapping), as exec()/eval() do. Returns the result (None for
// module code), or NULL with the exception set (its traceback extended by the frames it passed).
FtObject *ft_eval_code_ref(FtObject *code, FtObject *globals, FtObject *locals);

// Calls func (a Python function taking no arguments) with its frame's locals mapping set to locals,
// as builtins.__build_class__ runs a class body (CPython's _PyEval_Vector with locals). Returns the
// body's result (None, or the __class__ cell), or NULL with the exception set.
FtObject *ft_eval_function_with_locals_ref(FtObject *func, FtObject *locals);

// Per-thread eval state: call after a thread state is bound and attached, before running Python
// code on it; and before the thread state is deleted. 0 or -1 with MemoryError.
int ft_eval_thread_init(void);
void ft_eval_thread_fini(void);

// The calling thread's innermost running frame, or NULL.
FtFrame *ft_eval_current_frame(void);

// globals(), builtins and locals() of the innermost frame (borrowed; NULL when no frame runs).
FtObject *ft_eval_globals_borrow(void);
FtObject *ft_eval_builtins_borrow(void);
// A new reference: the frame's locals mapping (class body, module, exec), or a new dict snapshot of
// a function's fast locals (PEP 667's proxy is TODO(#4)). NULL with an exception.
FtObject *ft_eval_locals_ref(void);

// sys.getrecursionlimit() / sys.setrecursionlimit(). Python frames deeper than the limit raise
// RecursionError("maximum recursion depth exceeded"); C recursion is bounded separately so that
// ftpy never overflows its C stack.
int ft_eval_recursion_limit(void);
void ft_eval_set_recursion_limit(int limit);

// The exception being handled by the calling thread (what sys.exc_info() / sys.exception() report),
// borrowed, or NULL when none is. Owner thread.
FtObject *ft_eval_handled_exception_borrow(void);

// Asks the thread of main_ts (the main thread) to raise KeyboardInterrupt at its next eval-breaker
// poll. Async-signal-safe (one atomic or): the program's SIGINT handler calls it.
struct FtThreadState;
void ft_eval_request_keyboard_interrupt(struct FtThreadState *main_ts);

// anext(aiter, default): an awaitable that awaits `awaitable` (aiter.__anext__()) and turns its
// StopAsyncIteration into `default` (eval/generator.c). A new reference, or NULL with an exception.
FtObject *ft_anext_awaitable_new_ref(FtObject *awaitable, FtObject *default_value);

// sys.get/set_coroutine_origin_tracking_depth (eval/generator.c): the calling thread's depth of
// cr_origin for new coroutines (0: off). The setter takes depth >= 0; -1 with MemoryError.
int ft_coro_origin_tracking_depth(void);
int ft_coro_set_origin_tracking_depth(int depth);

// sys.get/set_asyncgen_hooks (eval/generator.c): the calling thread's hooks. get sets new
// references or NULL (unset); set replaces each hook that is not NULL (FT_NONE unsets it).
// 0, or -1 with MemoryError.
int ft_async_gen_get_hooks(FtObject **firstiter, FtObject **finalizer);
int ft_async_gen_set_hooks(FtObject *firstiter, FtObject *finalizer);

// Readies the eval layer's types (generator, coroutine, async generator and their helpers).
int ft_eval_init(void);

#endif // FT_EVAL_EVAL_H

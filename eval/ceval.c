// eval/ceval.c: the eval loop (CPython's Python/ceval.c): ft_eval_frame runs interpreter frames over
// the instruction bodies generated from eval/bytecodes.def (eval/generated/cases.gen.h).
//
// Owns: the dispatch loop, the macros the generated cases use, exception unwinding through the
//   exception table, Python-to-Python calls and returns without C recursion, the eval breaker.
// Invariant: between instructions, stack_pointer - (frame->localsplus + co_nlocalsplus) is the value
//   stack depth and every slot below it holds a live stack reference; frame->instr_ptr is the
//   instruction being executed; ts->current_frame is the frame being run. A frame with is_entry set
//   returns to the C caller of ft_eval_frame; any other returns into its `previous` frame in this loop.
// Concurrency: a frame is run only by the thread that owns it; nothing here is shared. The eval
//   breaker is polled with a relaxed load at RESUME and JUMP_BACKWARD (see eval/README.md).
#include <stdlib.h>   // malloc free

#include "eval/eval.h"

#include "eval/ceval_ops.h"                  // ft_eval_op_*
#include "eval/eval_internal.h"              // FtEvalThread ft_frame_stack_*
#include "eval/generated/opcode_ids.gen.h"   // FT_OP_* FT_NB_*
#include "objects/abstract.h"                // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/code.h"                    // FtCodeObject ft_code_find_handler
#include "objects/dict.h"                    // ft_dict_*
#include "objects/error.h"                   // ft_error_* ft_exc_*
#include "objects/frame.h"                   // ft_traceback_here
#include "objects/function.h"                // ft_function_* ft_cell_*
#include "objects/int.h"                     // ft_int_from_int64_ref ft_bool_from
#include "objects/list.h"                    // ft_list_*
#include "objects/object.h"                  // ft_object_*
#include "objects/set.h"                     // ft_set_*
#include "objects/slice.h"                   // ft_slice_new_ref
#include "objects/str.h"                     // ft_str_*
#include "objects/template.h"                // ft_template_build_ref ft_interpolation_build_ref
#include "objects/tuple.h"                   // ft_tuple_*
#include "objects/type.h"                    // ft_type_is_subtype
#include "runtime/stackref.h"                // FtStackRef ft_stackref_*

// The computed-goto form (GCC and Clang); FT_EVAL_USE_SWITCH selects the portable switch.
#if defined(__GNUC__) && !defined(FT_EVAL_USE_SWITCH)
#define FT_EVAL_COMPUTED_GOTO 1
#else
#define FT_EVAL_COMPUTED_GOTO 0
#endif

#if FT_EVAL_COMPUTED_GOTO
#define TARGET(op) TARGET_##op:
#define FT_EVAL_DISPATCH_OPCODE() goto *ft_eval_opcode_targets[opcode]
#else
#define TARGET(op) case FT_OP_##op:
#define FT_EVAL_DISPATCH_OPCODE() goto dispatch_opcode
#endif

// Fetches the instruction at next_instr: the low byte is the opcode, the high byte oparg.
#define DISPATCH()                                                                                  \
    do {                                                                                            \
        frame->instr_ptr = next_instr;                                                              \
        uint16_t word_ = *next_instr++;                                                             \
        opcode = word_ & 0xff;                                                                      \
        oparg = word_ >> 8;                                                                         \
        FT_EVAL_DISPATCH_OPCODE();                                                                  \
    } while (0)

#define FT_EVAL_UNIMPLEMENTED(op)                                                                   \
    do {                                                                                            \
        ft_error_format(&ft_exc_system_error, "opcode %s is not implemented yet", #op);             \
        goto error;                                                                                 \
    } while (0)
#define FT_EVAL_STACK_AT(i) stack_pointer[(i)]
#define FT_EVAL_STACK_ADJUST(n) (stack_pointer += (n))
#define FT_EVAL_SKIP_CACHE(n) (next_instr += (n))
#define FT_EVAL_CACHE_U16(k) (next_instr[(k)])
#define FT_EVAL_CACHE_U32(k) ((uint32_t)next_instr[(k)] | ((uint32_t)next_instr[(k) + 1] << 16))
#define FT_EVAL_CACHE_U64(k)                                                                        \
    ((uint64_t)FT_EVAL_CACHE_U32(k) | ((uint64_t)FT_EVAL_CACHE_U32((k) + 2) << 32))
#define FT_EVAL_LOCAL(i) frame->localsplus[(i)]
#define FT_EVAL_DECREF(ref) ft_stackref_close(ref)
#define FT_EVAL_DEOPT_OR_GOTO(base) goto TARGET_##base
#define FT_EVAL_ERROR_OR_GOTO() goto error

// The helpers bodies use beyond the DSL's own (eval/README.md, "The rules a body obeys").
#define FT_EVAL_CODE() ((FtCodeObject *)frame->f_executable)
#define FT_EVAL_CONST(i) ft_tuple_get_item_borrow(FT_EVAL_CODE()->co_consts, (i))
#define FT_EVAL_NAME(i) ft_tuple_get_item_borrow(FT_EVAL_CODE()->co_names, (i))
#define FT_EVAL_BORROW(ref) ft_stackref_as_borrow(ref)
#define FT_EVAL_STEAL(op) ft_stackref_from_ref_steal(op)
// Jumps by n code units, counted from the end of the instruction's inline cache.
#define JUMPBY(n) (next_instr += (n))
// Error with only the top n stack items released (the others stay for the unwinder to close).
#define FT_EVAL_ERROR_POP(n)                                                                        \
    do {                                                                                            \
        stack_pointer -= (n);                                                                       \
        goto error;                                                                                 \
    } while (0)
// Unwinds the current exception without adding a traceback entry (RERAISE), after popping n.
#define FT_EVAL_UNWIND_POP(n)                                                                       \
    do {                                                                                            \
        stack_pointer -= (n);                                                                       \
        goto exception_unwind;                                                                      \
    } while (0)
// EXTENDED_ARG: the next instruction runs with oparg prefixed by this one's.
#define FT_EVAL_EXTENDED_ARG()                                                                      \
    do {                                                                                            \
        frame->instr_ptr = next_instr;                                                              \
        uint16_t word_ = *next_instr++;                                                             \
        opcode = word_ & 0xff;                                                                      \
        oparg = (oparg << 8) | (word_ >> 8);                                                        \
        FT_EVAL_DISPATCH_OPCODE();                                                                  \
    } while (0)
// Calls into new_frame (pushed and bound) from the current instruction, which pops npop items and
// has ncache cache units; its result is pushed when new_frame returns.
#define FT_EVAL_PUSH_FRAME(new_frame, npop, ncache)                                                 \
    do {                                                                                            \
        stack_pointer -= (npop);                                                                    \
        next_instr += (ncache);                                                                     \
        frame->stackpointer = (int)(stack_pointer - ft_eval_stack_base(frame));                     \
        frame->return_offset = (uint16_t)(next_instr - frame->instr_ptr);                           \
        (new_frame)->previous = frame;                                                              \
        frame = (new_frame);                                                                        \
        ts->current_frame = frame;                                                                  \
        goto start_frame;                                                                           \
    } while (0)
// Returns ref (a stack reference the body owns) from the current frame.
#define FT_EVAL_RETURN(ref)                                                                         \
    do {                                                                                            \
        stack_pointer -= 1;                                                                         \
        retval_ = ft_eval_heap_safe(ref);                                                           \
        goto return_value;                                                                          \
    } while (0)
// Suspends the current (generator) frame, handing ref out of ft_eval_frame to the generator's
// resumer (eval/generator.c); the frame resumes at the next instruction with the sent value pushed.
#define FT_EVAL_YIELD(ref)                                                                          \
    do {                                                                                            \
        stack_pointer -= 1;                                                                         \
        frame->stackpointer = (int)(stack_pointer - ft_eval_stack_base(frame));                     \
        frame->instr_ptr = next_instr;                                                              \
        ts->current_frame = frame->previous;                                                        \
        return ft_stackref_to_ref_steal(ft_eval_heap_safe(ref));                                    \
    } while (0)
// True in a frame embedded in a generator (RETURN_GENERATOR's check).
#define FT_EVAL_IN_GENERATOR() (frame->owner == FT_FRAME_OWNED_BY_GENERATOR)
// True when some eval-breaker bit is set (relaxed: see eval/README.md).
#define FT_EVAL_BREAKER_PENDING() ft_eval_breaker_pending(ts)

static inline FtStackRef *
ft_eval_stack_base(FtFrame *frame)
{
    return frame->localsplus + ((FtCodeObject *)frame->f_executable)->co_nlocalsplus;
}

// A stack reference that stays valid once the slot it borrows from is gone: an uncounted borrow
// of an object that is neither immortal nor deferred gains a count.
static inline FtStackRef
ft_eval_heap_safe(FtStackRef ref)
{
    if (!ft_stackref_is_deferred(ref) || ft_stackref_is_null(ref))
        return ref;
    FtObject *op = ft_stackref_as_borrow(ref);
    if (ft_object_is_immortal(op) || ft_object_has_deferred_refcount(op))
        return ref;
    ft_incref(op);
    return ft_stackref_from_ref_steal(op);
}

// A stack reference for a new reference: deferred (dropping the count) when the object allows it.
static inline FtStackRef
ft_eval_stackref_from_new(FtObject *op)
{
    if (ft_object_is_immortal(op) || ft_object_has_deferred_refcount(op)) {
        FtStackRef ref = ft_stackref_from_borrow(op);
        ft_decref(op);
        return ref;
    }
    return ft_stackref_from_ref_steal(op);
}

void
ft_eval_frame_clear(FtFrame *frame, int depth)
{
    FtCodeObject *code = (FtCodeObject *)frame->f_executable;
    if (frame->frame_obj != NULL) {
        // The frame object outlives the frame (a traceback, sys._getframe()): it copies the
        // frame, with counted references to the slots, before they are closed below.
        frame->stackpointer = depth;
        ft_frame_object_take_ownership(frame);
        if (frame->frame_obj != NULL) {
            FtObject *fo = frame->frame_obj;
            frame->frame_obj = NULL;
            ft_decref(fo);
        }
    }
    int n = code->co_nlocalsplus + depth;
    for (int i = 0; i < n; i++) {
        FtStackRef r = frame->localsplus[i];
        frame->localsplus[i] = FT_STACKREF_NULL;
        ft_stackref_xclose(r);
    }
    FtObject *locals = frame->f_locals;
    frame->f_locals = NULL;
    ft_xdecref(locals);
    if (frame->f_funcobj == NULL) {
        // Module and exec frames own their globals and builtins.
        ft_xdecref(frame->f_globals);
        ft_xdecref(frame->f_builtins);
    }
    frame->f_globals = frame->f_builtins = NULL;
    FtObject *func = frame->f_funcobj;
    frame->f_funcobj = NULL;
    ft_eval_frame_release(func);
    frame->f_executable = NULL;
    ft_eval_frame_release((FtObject *)code);
}

// Handles the eval-breaker bits the runtime leaves to the loop. 0, or -1 with an exception.
static int
ft_eval_handle_pending(FtThreadState *ts)
{
    uintptr_t bits = ft_eval_breaker_poll(ts);
    if (bits == 0)
        return 0;
    if (bits & FT_EVAL_ASYNC_EXC) {
        ft_eval_breaker_clear(ts, FT_EVAL_ASYNC_EXC);
        ft_error_set_none(&ft_exc_keyboard_interrupt);
        return -1;
    }
    // TODO(#4): run signal handlers and pending calls (modules/), and the scheduled collection
    // (gc/); until then the bits are dropped so that the fast path stays fast.
    ft_eval_breaker_clear(ts, bits & (FT_EVAL_PENDING_SIGNALS | FT_EVAL_PENDING_CALLS |
                                      FT_EVAL_GC_SCHEDULED));
    return 0;
}

// The exception is fresh (raised by C code under this instruction, not yet through any frame) when
// it has no traceback: then it chains to the handled exception here, as CPython's _PyErr_SetObject
// does when the exception is set.
static void
ft_eval_chain_fresh(FtThreadState *ts, FtObject *exc)
{
    if (((FtBaseExceptionObject *)exc)->traceback == NULL)
        ft_eval_chain_context(ts, exc);
}

FtObject *
ft_eval_frame(FtThreadState *ts, FtFrame *frame)
{
    return ft_eval_frame_ex(ts, frame, false);
}

FtObject *
ft_eval_frame_ex(FtThreadState *ts, FtFrame *frame, bool throwflag)
{
#if FT_EVAL_COMPUTED_GOTO
#include "eval/generated/targets.gen.h"
#endif
    uint16_t *next_instr;
    FtStackRef *stack_pointer;
    int opcode;
    int oparg;
    FtStackRef retval_;

    frame->is_entry = 1;
    frame->previous = ts->current_frame;
    ts->current_frame = frame;
    if (frame->owner != FT_FRAME_OWNED_BY_GENERATOR && ft_eval_c_stack_exhausted(ts)) {
        // (A generator's resumer checks before resuming it, eval/generator.c.)
        ft_error_set_string(&ft_exc_recursion_error,
                            "maximum recursion depth exceeded (C stack exhausted)");
        ts->current_frame = frame->previous;
        ft_eval_frame_clear(frame, 0);
        ft_frame_stack_pop(ts, frame);
        return NULL;
    }
    if (throwflag) {
        // generator.throw(): the exception is raised at the suspended yield.
        next_instr = frame->instr_ptr;
        stack_pointer = ft_eval_stack_base(frame) + frame->stackpointer;
        goto error;
    }

start_frame:
    next_instr = frame->instr_ptr;
    stack_pointer = ft_eval_stack_base(frame) + frame->stackpointer;
    DISPATCH();

#if !FT_EVAL_COMPUTED_GOTO
dispatch_opcode:
    switch (opcode) {
#endif

#include "eval/generated/cases.gen.h"

#if !FT_EVAL_COMPUTED_GOTO
    default:
        goto unknown_opcode;
    }
#endif

unknown_opcode:
    ft_error_format(&ft_exc_system_error, "unknown opcode %d", opcode);
    goto error;

return_value: {
    FtFrame *done = frame;
    FtFrame *caller = done->previous;
    ts->current_frame = caller;
    ft_eval_frame_clear(done, (int)(stack_pointer - ft_eval_stack_base(done)));
    int entry = done->is_entry;
    if (done->owner != FT_FRAME_OWNED_BY_GENERATOR)
        ft_frame_stack_pop(ts, done);
    if (entry)
        return ft_stackref_to_ref_steal(retval_);
    frame = caller;
    stack_pointer = ft_eval_stack_base(frame) + frame->stackpointer;
    *stack_pointer++ = retval_;
    next_instr = frame->instr_ptr + frame->return_offset;
    DISPATCH();
}

error: {
    FtObject *exc = ft_error_occurred_borrow();
    if (exc == NULL) {
        ft_error_set_string(&ft_exc_system_error, "error return without exception set");
        exc = ft_error_occurred_borrow();
    }
    ft_eval_chain_fresh(ts, exc);
    if (ft_traceback_here(exc, frame) < 0) {
        // MemoryError replaced the exception; unwind that instead.
    }
}

exception_unwind: {
    FtCodeObject *code = FT_EVAL_CODE();
    // The handler is looked up at the instruction that failed (next_instr - 1: caches are skipped
    // only after a body succeeds), not at frame->instr_ptr, which RERAISE moves to the original
    // instruction for the traceback and for the lasti pushed below.
    Ft_ssize at = (next_instr - 1) - code->co_code_adaptive;
    Ft_ssize lasti = frame->instr_ptr - code->co_code_adaptive;
    Ft_ssize handler = 0;
    int depth = 0;
    bool push_lasti = false;
    FtStackRef *base = ft_eval_stack_base(frame);
    if (ft_code_find_handler(code, at, &handler, &depth, &push_lasti) == 1) {
        while (stack_pointer > base + depth) {
            FtStackRef r = *--stack_pointer;
            ft_stackref_xclose(r);
        }
        if (push_lasti) {
            FtObject *li = ft_int_from_int64_ref(lasti);
            if (li == NULL) {
                // Keep unwinding with the MemoryError, as CPython does.
                goto exception_unwind_no_handler;
            }
            *stack_pointer++ = ft_stackref_from_ref_steal(li);
        }
        FtObject *exc = ft_error_fetch_ref();
        *stack_pointer++ = ft_stackref_from_ref_steal(exc);
        next_instr = code->co_code_adaptive + handler;
        DISPATCH();
    }
exception_unwind_no_handler:;
    FtFrame *done = frame;
    FtFrame *caller = done->previous;
    ts->current_frame = caller;
    ft_eval_frame_clear(done, (int)(stack_pointer - base));
    int entry = done->is_entry;
    if (done->owner != FT_FRAME_OWNED_BY_GENERATOR)
        ft_frame_stack_pop(ts, done);
    if (entry)
        return NULL;
    frame = caller;
    stack_pointer = ft_eval_stack_base(frame) + frame->stackpointer;
    next_instr = frame->instr_ptr + 1;
    goto error;
}
}

// eval/generator.c: generators, coroutines and async generators (CPython's Objects/genobject.c):
// the objects a call of a generator / `async def` function returns, with their interpreter frame
// embedded, resumed by next()/send()/throw()/close(), by the SEND instruction of `yield from` and
// `await`, and by the awaitables of an async generator (eval/async_generator.c); plus the helpers of
// the async instructions (GET_AWAITABLE, GET_AITER, GET_ANEXT) and anext()'s awaitable.
//
// Owns: ft_gen_type ("generator"), ft_coro_type ("coroutine"), ft_async_gen_type
//   ("async_generator", whose methods and awaitables live in eval/async_generator.c), all three
//   FtGenObject (eval/generator_internal.h); anext_awaitable, coroutine_wrapper.
// Layout: an FtGenObject is followed by its frame (FT_FRAME_OWNED_BY_GENERATOR): the header slots of
//   FtFrame and co_framesize stack slots, allocated with the object (tp_itemsize slots).
// Invariant: gi_state is CREATED (the frame is at the code's first instruction, nothing pushed),
//   SUSPENDED (the frame is at the instruction after a yield, its stackpointer exact), RUNNING (one
//   thread is inside ft_eval_frame_ex on it) or COMPLETED (the frame was cleared: f_executable NULL).
// Concurrency: gi_state is an atomic byte. A resumer claims the generator with a CAS from CREATED or
//   SUSPENDED to RUNNING and alone touches the frame and gi_exc_state until it stores the next
//   state with a release store; a second resumer meanwhile fails the CAS and raises ValueError
//   "generator already executing" ("coroutine ...", "async generator ..."), as CPython's
//   free-threaded build does. An async generator's async_flags byte is eval/async_generator.c's;
//   cr_origin is computed at creation from the creating thread's own frames.
// Finalization: gen_finalize runs when the last reference goes (runtime/refcount.c): a suspended
//   generator is closed, an async generator handed to its finalizer hook unless aclose() already
//   began, a never-started coroutine warned about. A generator in a reference cycle waits for the
//   cycle collector.
// Missing (TODO(#4)): types.coroutine (CO_ITERABLE_COROUTINE), gi_frame's f_back.
#include <stddef.h>   // offsetof

#include "eval/eval_internal.h"   // ft_gen_* ft_eval_frame_ex
#include "eval/generator_internal.h" // FtGenObject FT_GEN_* ft_async_gen_*
#include "eval/call.h"            // ft_eval_frame_generator_borrow

#include "eval/eval.h"            // ft_eval_recursion_limit
#include "eval/generated/opcode_ids.gen.h"   // FT_OP_YIELD_VALUE
#include "objects/abstract.h"     // ft_object_call_method_ref
#include "objects/code.h"         // FtCodeObject
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/frame.h"        // ft_frame_get_object_ref ft_traceback_check
#include "objects/generic_alias.h" // ft_generic_alias_class_getitem_ref
#include "objects/int.h"          // ft_bool_from
#include "objects/method_def.h"   // FtMethodDef FtGetSetDef
#include "objects/object.h"       // ft_object_*
#include "objects/str.h"          // ft_str_from_format_ref
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready ft_type_check
#include "objects/warnings.h"     // ft_warn ft_warn_with_source
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/qsbr.h"         // ft_qsbr_decref_delayed
#include "runtime/thread_state.h" // ft_thread_state_current
#include "sync/atomic.h"          // ft_atomic_*

// True for the three native kinds, which share FtGenObject and ft_gen_resume.
static bool
gen_is_native(const FtObject *op)
{
    const FtTypeObject *t = op->ob_type;
    return t == &ft_gen_type || t == &ft_coro_type || t == &ft_async_gen_type;
}

FtObject *
ft_eval_frame_generator_borrow(struct FtFrame *frame)
{
    return (FtObject *)((char *)frame - offsetof(FtGenObject, gi_data));
}

// "generator", "coroutine" or "async generator", for the error texts.
static const char *
gen_kind(const FtObject *op)
{
    if (op->ob_type == &ft_coro_type)
        return "coroutine";
    if (op->ob_type == &ft_async_gen_type)
        return "async generator";
    return "generator";
}

// A new reference to the object in *slot, or NULL. Writers replace such slots with a release store
// and drop the old value through ft_qsbr_decref_delayed, so the value loaded here stays alive until
// this (attached) thread's next quiescent state: the increment cannot race its free. (A
// try-increment loop would spin on objects that were never marked for it.)
static FtObject *
gen_slot_get_ref(FtObject **slot)
{
    FtObject *v = ft_atomic_load_ptr_acquire((void **)slot);   // pairs with the release store of the writer
    if (v != NULL)
        ft_incref(v);
    return v;
}

#define FT_GEN_FRAME_HEADER_SLOTS ((sizeof(FtFrame) + sizeof(FtStackRef) - 1) / sizeof(FtStackRef))

static FtFrame *
gen_frame(FtObject *gen)
{
    return (FtFrame *)GEN(gen)->gi_data;
}

// sys.set_coroutine_origin_tracking_depth's value for the calling thread (0: off).
static int
coro_origin_depth(void)
{
    FtEvalThread *et = ft_thread_state_current()->eval;
    return et != NULL ? et->coroutine_origin_depth : 0;
}

int
ft_coro_origin_tracking_depth(void)
{
    return coro_origin_depth();
}

int
ft_coro_set_origin_tracking_depth(int depth)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval == NULL && ft_eval_thread_init() < 0)
        return -1;
    ts->eval->coroutine_origin_depth = depth;
    return 0;
}

// cr_origin: ((filename, line, name), ...) for up to depth frames, innermost (the caller creating
// the coroutine) first. The frames are the calling thread's own.
static FtFrame *
origin_frame(FtFrame *frame)
{
    while (frame != NULL && frame->owner == FT_FRAME_OWNED_BY_C_STACK)
        frame = frame->previous;   // entry trampolines are no Python code
    return frame;
}

static FtObject *
coro_compute_origin_ref(int depth)
{
    FtFrame *frame = origin_frame(ft_thread_state_current()->current_frame);
    Ft_ssize count = 0;
    for (FtFrame *f = frame; f != NULL && count < depth; f = origin_frame(f->previous))
        count++;
    FtObject *origin = ft_tuple_new_ref(count);
    if (origin == NULL)
        return NULL;
    FtFrame *f = frame;
    for (Ft_ssize i = 0; i < count; i++, f = origin_frame(f->previous)) {
        FtCodeObject *code = (FtCodeObject *)f->f_executable;
        FtObject *line = ft_int_from_int64_ref(ft_frame_lineno(f));
        FtObject *info = line != NULL ? ft_tuple_pack_ref(3, code->co_filename, line, code->co_name) : NULL;
        ft_xdecref(line);
        if (info == NULL) {
            ft_decref(origin);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(origin, i, info);
    }
    return origin;
}

FtObject *
ft_gen_new_for_call_ref(FtObject *func, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtCodeObject *code = (FtCodeObject *)ft_function_code_borrow(func);
    FtTypeObject *type = &ft_gen_type;
    if (code->co_flags & FT_CO_COROUTINE)
        type = &ft_coro_type;
    else if (code->co_flags & FT_CO_ASYNC_GENERATOR)
        type = &ft_async_gen_type;
    Ft_ssize nslots = (Ft_ssize)FT_GEN_FRAME_HEADER_SLOTS + code->co_framesize;
    FtGenObject *gen = (FtGenObject *)ft_object_new_of_type(type, nslots);
    if (gen == NULL)
        return NULL;
    gen->gi_name = ft_new_ref(((FtFunctionObject *)func)->func_name);
    gen->gi_qualname = ft_new_ref(((FtFunctionObject *)func)->func_qualname);
    gen->gi_code = ft_new_ref((FtObject *)code);
    gen->gi_exc_state = NULL;
    gen->gi_state = FT_GEN_CREATED;
    gen->async_flags = 0;
    gen->cr_origin = NULL;
    gen->finalize_hook = NULL;
    if (type == &ft_coro_type && coro_origin_depth() > 0) {
        gen->cr_origin = coro_compute_origin_ref(coro_origin_depth());
        if (gen->cr_origin == NULL) {
            gen->gi_state = FT_GEN_COMPLETED;
            ft_decref((FtObject *)gen);
            return NULL;
        }
    }
    FtFrame *frame = gen_frame((FtObject *)gen);
    if (ft_eval_frame_init_function(frame, func, args, nargs, kwnames) < 0) {
        gen->gi_state = FT_GEN_COMPLETED;
        ft_decref((FtObject *)gen);
        return NULL;
    }
    frame->owner = FT_FRAME_OWNED_BY_GENERATOR;
    return (FtObject *)gen;
}

static void
gen_finish(FtGenObject *gen)
{
    FtFrame *frame = gen_frame((FtObject *)gen);
    if (frame->f_executable != NULL)
        ft_eval_frame_clear(frame, frame->stackpointer);
}

static FtObject *gen_close(FtObject *op);

// Resumes gen: arg is pushed as the yield's value (nothing for a fresh generator); with throwflag
// the current exception is raised at the yield instead.
FtSendResult
ft_gen_resume(FtObject *op, FtObject *arg, bool throwflag, FtObject **result)
{
    FtGenObject *gen = GEN(op);
    FtThreadState *ts = ft_thread_state_current();
    *result = NULL;
    if (ts->eval == NULL && ft_eval_thread_init() < 0)
        return FT_SEND_ERROR;
    uint8_t state = ft_atomic_load_uint8_acquire(&gen->gi_state);   // pairs with the release below
    for (;;) {
        if (state == FT_GEN_RUNNING) {
            if (throwflag)
                ft_error_clear();
            ft_error_format(&ft_exc_value_error, "%s already executing", gen_kind(op));
            return FT_SEND_ERROR;
        }
        if (state == FT_GEN_COMPLETED) {
            if (op->ob_type == &ft_coro_type && throwflag && ft_error_matches(&ft_exc_generator_exit))
                return FT_SEND_ERROR;   // closing an exhausted coroutine
            if (throwflag && op->ob_type != &ft_coro_type)
                return FT_SEND_ERROR;   // the thrown exception propagates as is
            if (op->ob_type == &ft_coro_type) {
                if (throwflag)
                    ft_error_clear();
                ft_error_set_string(&ft_exc_runtime_error, "cannot reuse already awaited coroutine");
                return FT_SEND_ERROR;
            }
            if (arg != NULL && arg != FT_NONE) {
                ft_error_set_none(&ft_exc_stop_iteration);
                return FT_SEND_ERROR;
            }
            *result = ft_none_ref();
            return FT_SEND_RETURN;
        }
        if (state == FT_GEN_CREATED && !throwflag && arg != NULL && arg != FT_NONE) {
            ft_error_format(&ft_exc_type_error, "can't send non-None value to a just-started %s",
                            gen_kind(op));
            return FT_SEND_ERROR;
        }
        // acq_rel: acquire pairs with the release that stored the state (the frame's contents);
        // release publishes nothing yet, the claim only excludes other resumers.
        if (ft_atomic_cas_uint8_acq_rel(&gen->gi_state, &state, FT_GEN_RUNNING))
            break;
    }
    FtFrame *frame = gen_frame(op);
    if (state == FT_GEN_CREATED && throwflag) {
        // Thrown before it ever ran: the generator ends with the exception.
        gen_finish(gen);
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_COMPLETED);   // pairs with the acquire above
        return FT_SEND_ERROR;
    }
    FtEvalThread *et = ts->eval;
    if (et->py_depth >= ft_eval_recursion_limit() || ft_eval_c_stack_exhausted(ts)) {
        if (throwflag)
            ft_error_clear();
        ft_error_set_string(&ft_exc_recursion_error, "maximum recursion depth exceeded");
        ft_atomic_store_uint8_release(&gen->gi_state, state);   // pairs with the acquire above
        return FT_SEND_ERROR;
    }
    if (state == FT_GEN_SUSPENDED) {
        FtStackRef *sp = frame->localsplus + ((FtCodeObject *)frame->f_executable)->co_nlocalsplus +
                         frame->stackpointer;
        *sp = ft_stackref_from_borrow(arg != NULL ? arg : FT_NONE);
        frame->stackpointer++;
    }
    // The generator's handled exception is the thread's while it runs.
    FtObject *caller_exc = et->exc_info;
    et->exc_info = gen->gi_exc_state != NULL ? gen->gi_exc_state
                                             : (caller_exc != NULL ? ft_new_ref(caller_exc) : NULL);
    gen->gi_exc_state = NULL;
    et->py_depth++;
    FtObject *res = ft_eval_frame_ex(ts, frame, throwflag);
    et->py_depth--;
    FtObject *gen_exc = et->exc_info;
    et->exc_info = caller_exc;
    if (gen_exc == caller_exc) {
        ft_xdecref(gen_exc);
        gen_exc = NULL;
    }
    FtSendResult st;
    frame->previous = NULL;   // the caller's frame is no longer linked to this one
    if (frame->f_executable != NULL) {
        gen->gi_exc_state = gen_exc;
        *result = res;
        st = FT_SEND_NEXT;
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_SUSPENDED);   // pairs with the acquire above
    } else {
        ft_xdecref(gen_exc);
        *result = res;
        st = res != NULL ? FT_SEND_RETURN : FT_SEND_ERROR;
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_COMPLETED);   // pairs with the acquire above
    }
    return st;
}

// StopIteration(value) for a return value (no argument for None), as CPython's _PyGen_SetStopIterationValue.
void
ft_gen_raise_stop_iteration_steal(FtObject *value)
{
    if (value == FT_NONE) {
        ft_error_set_none(&ft_exc_stop_iteration);
    } else {
        FtObject *exc = ft_exception_new_ref(&ft_exc_stop_iteration, &value, 1);
        if (exc != NULL)
            ft_error_restore_steal(exc);
    }
    ft_decref(value);
}

// The value of the StopIteration being raised (clearing it): 1 with *value, 0 when the current
// exception is something else (left set).
static int
fetch_stop_iteration_value(FtObject **value)
{
    if (!ft_error_matches(&ft_exc_stop_iteration))
        return 0;
    FtObject *exc = ft_error_fetch_ref();
    FtObject *v = ((FtStopIterationObject *)exc)->value;
    *value = ft_new_ref(v != NULL ? v : FT_NONE);
    ft_decref(exc);
    return 1;
}

FtSendResult
ft_gen_send(FtObject *iter, FtObject *arg, FtObject **result)
{
    if (gen_is_native(iter))
        return ft_gen_resume(iter, arg, false, result);
    FtObject *res;
    if (arg == FT_NONE && iter->ob_type->tp_iternext != NULL) {
        res = iter->ob_type->tp_iternext(iter);
    } else {
        res = ft_object_call_method_cstr_ref(iter, "send", &arg, 1);
    }
    if (res != NULL) {
        *result = res;
        return FT_SEND_NEXT;
    }
    if (!ft_error_occurred()) {
        *result = ft_none_ref();
        return FT_SEND_RETURN;
    }
    if (fetch_stop_iteration_value(result))
        return FT_SEND_RETURN;
    *result = NULL;
    return FT_SEND_ERROR;
}

static FtObject *
gen_iternext(FtObject *op)
{
    FtObject *res = NULL;
    FtSendResult st = ft_gen_resume(op, NULL, false, &res);
    if (st == FT_SEND_NEXT)
        return res;
    if (st == FT_SEND_RETURN) {
        // A return ends iteration: None silently, another value as StopIteration(value).
        if (res == FT_NONE)
            ft_decref(res);
        else
            ft_gen_raise_stop_iteration_steal(res);
    }
    return NULL;
}

static FtObject *
gen_iter(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
gen_send_method(FtObject *op, FtObject *arg)
{
    FtObject *res = NULL;
    FtSendResult st = ft_gen_resume(op, arg, false, &res);
    if (st == FT_SEND_RETURN) {
        ft_gen_raise_stop_iteration_steal(res);
        return NULL;
    }
    return res;
}

// The subiterator a generator suspended in `yield from` delegates to (a new reference), or NULL:
// the frame stopped after a YIELD_VALUE whose oparg has bit 0 set, with the subiterator on top of
// its stack. Called by the thread that claimed the generator.
static FtObject *
gen_yield_from_ref(FtObject *op)
{
    FtFrame *frame = gen_frame(op);
    if (frame->f_executable == NULL || frame->stackpointer < 1)
        return NULL;
    FtCodeObject *code = (FtCodeObject *)frame->f_executable;
    if (frame->instr_ptr <= code->co_code_adaptive)
        return NULL;
    uint16_t prev = frame->instr_ptr[-1];
    if ((prev & 0xff) != FT_OP_YIELD_VALUE || ((prev >> 8) & 1) == 0)
        return NULL;
    FtStackRef top = frame->localsplus[code->co_nlocalsplus + frame->stackpointer - 1];
    return ft_stackref_as_ref(top);
}

// Closes a delegated subiterator (close() for a generator, else its close method if any). 0 or -1.
static int
close_subiterator(FtObject *yf)
{
    FtObject *res;
    if (gen_is_native(yf)) {
        res = gen_close(yf);
    } else {
        FtObject *meth = NULL;
        if (ft_object_lookup_attr(yf, ft_str_intern_cstr_ref("close"), &meth) < 0)
            return -1;
        if (meth == NULL)
            return 0;
        res = ft_object_call_no_args_ref(meth);
        ft_decref(meth);
    }
    ft_xdecref(res);
    return res != NULL ? 0 : -1;
}

// "name expected at least 1 argument, got 0" / "at most 3 arguments, got 4" (CPython's
// PyArg_UnpackTuple texts). 0, or -1 with TypeError.
int
ft_gen_check_arg_count(const char *name, Ft_ssize nargs, Ft_ssize min, Ft_ssize max)
{
    if (nargs < min) {
        ft_error_format(&ft_exc_type_error, "%s expected at least %zd argument%s, got %zd", name, min,
                        min == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs > max) {
        ft_error_format(&ft_exc_type_error, "%s expected at most %zd argument%s, got %zd", name, max,
                        max == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

FtObject *
ft_gen_throw_exc_steal_ref(FtObject *op, FtObject *exc)
{
    FtGenObject *gen = GEN(op);
    uint8_t state = FT_GEN_SUSPENDED;
    // acq_rel: see ft_gen_resume; the claim lets this thread read the frame for the subiterator.
    if (ft_atomic_cas_uint8_acq_rel(&gen->gi_state, &state, FT_GEN_RUNNING)) {
        FtObject *yf = gen_yield_from_ref(op);
        FtObject *ret = NULL;
        bool thrown = false;
        if (yf != NULL) {
            if (ft_type_is_subtype(exc->ob_type, &ft_exc_generator_exit)) {
                if (close_subiterator(yf) < 0) {
                    ft_decref(exc);
                    exc = ft_error_fetch_ref();
                }
            } else if (gen_is_native(yf)) {
                ret = ft_gen_throw_exc_steal_ref(yf, ft_new_ref(exc));
                thrown = true;
            } else {
                FtObject *meth = NULL;
                int r = ft_object_lookup_attr(yf, ft_str_intern_cstr_ref("throw"), &meth);
                if (r > 0) {
                    ret = ft_object_call_one_arg_ref(meth, exc);
                    ft_decref(meth);
                    thrown = true;
                } else if (r < 0) {
                    ft_decref(exc);
                    exc = ft_error_fetch_ref();
                }
            }
            ft_decref(yf);
        }
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_SUSPENDED);   // pairs with ft_gen_resume's acquire
        if (ret != NULL) {
            ft_decref(exc);
            return ret;   // the subiterator yielded: so does this generator
        }
        if (thrown) {
            // The subiterator ended (StopIteration) or failed: its exception is raised at the
            // yield, where CLEANUP_THROW turns StopIteration into the `yield from` value.
            ft_decref(exc);
            exc = ft_error_fetch_ref();
        }
    }
    ft_error_restore_steal(exc);
    FtObject *res = NULL;
    FtSendResult st = ft_gen_resume(op, NULL, true, &res);
    if (st == FT_SEND_RETURN) {
        if (op->ob_type == &ft_async_gen_type) {
            ft_decref(res);   // an async generator's return ends its iteration
            ft_error_set_none(&ft_exc_stop_async_iteration);
        } else {
            ft_gen_raise_stop_iteration_steal(res);
        }
        return NULL;
    }
    return res;
}

// The instance throw(typ, val) raises for an exception class typ: val itself when it is an
// exception whose class typ accepts as a subclass (typ's metaclass may decide), else typ() /
// typ(*val) / typ(val). A new reference, or NULL with the error that making it raised.
static FtObject *
throw_instance_of_class_ref(FtObject *typ, FtObject *val)
{
    if (val != NULL && ft_exception_check(val)) {
        int accepted = ft_object_is_subclass((FtObject *)val->ob_type, typ);   // may run __subclasscheck__
        if (accepted < 0)
            return NULL;
        if (accepted > 0)
            return ft_new_ref(val);
    }
    FtObject *exc;
    if (val == NULL || val == FT_NONE)
        exc = ft_object_call_no_args_ref(typ);
    else if (ft_tuple_check(val))
        exc = ft_object_vectorcall_ref(typ, ((FtTupleObject *)val)->items, (size_t)ft_tuple_size(val), NULL);
    else
        exc = ft_object_call_one_arg_ref(typ, val);
    if (exc != NULL && !ft_exception_check(exc)) {
        ft_error_format(&ft_exc_type_error,
                        "calling %R should have returned an instance of BaseException, not %s", typ,
                        exc->ob_type->tp_name);
        ft_decref(exc);
        return NULL;
    }
    return exc;
}

// The exception throw(typ, val, tb) raises in the generator (CPython's _gen_throw): a new
// reference, or NULL with the TypeError of bad arguments, raised in the caller. val and tb may be
// NULL. As in CPython, an error while making the instance (the metaclass's __subclasscheck__, the
// constructor) is not raised here: it becomes the exception thrown in, carrying tb if it has no
// traceback of its own.
static FtObject *
throw_exception_ref(FtObject *typ, FtObject *val, FtObject *tb)
{
    if (tb == FT_NONE)
        tb = NULL;
    if (tb != NULL && !ft_traceback_check(tb))
        return ft_error_format(&ft_exc_type_error, "throw() third argument must be a traceback object");
    FtObject *exc;
    if (ft_type_check(typ) && ft_exception_type_check((FtTypeObject *)typ)) {
        exc = throw_instance_of_class_ref(typ, val);
        if (exc == NULL) {
            exc = ft_error_fetch_ref();
            FtObject *own_tb = ft_object_get_attr_cstr_ref(exc, "__traceback__");
            if (own_tb == NULL)
                ft_error_clear();
            if (own_tb != NULL && own_tb != FT_NONE)
                tb = NULL;   // keeps the traceback of where it failed
            ft_xdecref(own_tb);
        }
    } else if (ft_exception_check(typ)) {
        if (val != NULL && val != FT_NONE) {
            return ft_error_format(&ft_exc_type_error,
                                   "instance exception may not have a separate value");
        }
        exc = ft_new_ref(typ);
    } else {
        return ft_error_format(&ft_exc_type_error,
                               "exceptions must be classes or instances deriving from "
                               "BaseException, not %s",
                               typ->ob_type->tp_name);
    }
    if (tb != NULL)
        ft_exception_set_traceback_steal(exc, ft_new_ref(tb));
    return exc;
}

// throw(typ[, val[, tb]]) after the argument count was checked.
FtObject *
ft_gen_throw_args_ref(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *exc = throw_exception_ref(args[0], nargs > 1 ? args[1] : NULL, nargs > 2 ? args[2] : NULL);
    if (exc == NULL)
        return NULL;
    return ft_gen_throw_exc_steal_ref(op, exc);
}

FtObject *
ft_gen_throw_ref(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    if (ft_gen_check_arg_count("throw", nargs, 1, 3) < 0)
        return NULL;
    if (nargs > 1 && ft_warn(&ft_exc_deprecation_warning,
                             "the (type, exc, tb) signature of throw() is deprecated, "
                             "use the single-arg signature instead.",
                             1) < 0) {
        return NULL;
    }
    return ft_gen_throw_args_ref(op, args, nargs);
}

static FtObject *
gen_close(FtObject *op)
{
    FtGenObject *gen = GEN(op);
    uint8_t state = FT_GEN_CREATED;
    // acq_rel: see ft_gen_resume; a never-started generator just ends.
    if (ft_atomic_cas_uint8_acq_rel(&gen->gi_state, &state, FT_GEN_RUNNING)) {
        gen_finish(gen);
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_COMPLETED);   // pairs with ft_gen_resume's acquire
        return ft_none_ref();
    }
    if (state == FT_GEN_COMPLETED)
        return ft_none_ref();
    // A generator suspended in `yield from` / `await` first closes what it delegates to; an error
    // from that is raised at the yield instead of GeneratorExit.
    FtObject *yf = NULL;
    state = FT_GEN_SUSPENDED;
    // acq_rel: see ft_gen_resume; the claim lets this thread read the frame for the subiterator.
    if (ft_atomic_cas_uint8_acq_rel(&gen->gi_state, &state, FT_GEN_RUNNING)) {
        yf = gen_yield_from_ref(op);
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_SUSPENDED);   // pairs with ft_gen_resume's acquire
    }
    int err = 0;
    if (yf != NULL) {
        err = close_subiterator(yf);
        ft_decref(yf);
    }
    if (err == 0)
        ft_error_set_none(&ft_exc_generator_exit);
    FtObject *res = NULL;
    FtSendResult st = ft_gen_resume(op, NULL, true, &res);
    if (st == FT_SEND_NEXT) {
        ft_decref(res);
        ft_error_format(&ft_exc_runtime_error, "%s ignored GeneratorExit", gen_kind(op));
        return NULL;
    }
    if (st == FT_SEND_RETURN)
        return res;
    if (ft_error_matches(&ft_exc_generator_exit) || ft_error_matches(&ft_exc_stop_iteration)) {
        ft_error_clear();
        return ft_none_ref();
    }
    return NULL;
}

// Reports the current exception as unraisable: with the header format % op ("... %R"), or as
// "Exception ignored in: <op>" when format is NULL.
static void
report_unraisable(const char *format, FtObject *op)
{
    if (!ft_error_occurred())
        return;
    if (format == NULL) {
        ft_error_write_unraisable(NULL, op);
        return;
    }
    FtObject *exc = ft_error_fetch_ref();
    FtObject *msg = ft_str_from_format_ref(format, op);
    // When the header cannot be made (op's repr failed), that failure is dropped and the original
    // error is still reported, with no header (CPython's PyErr_FormatUnraisable then prints only
    // the traceback).
    if (msg == NULL)
        ft_error_clear();
    ft_error_restore_steal(exc);
    ft_error_write_unraisable(msg, NULL);
    ft_xdecref(msg);
}

// tp_finalize, run by ft_object_dealloc when the last reference goes (PEP 442): a suspended
// generator or coroutine is closed so that its finally blocks run; an async generator that met a
// finalizer hook (sys.set_asyncgen_hooks) is handed to it instead; a coroutine that never started
// gets CPython's "coroutine 'f' was never awaited" RuntimeWarning. Nobody can catch what happens
// here: errors are reported as unraisable ("Exception ignored while closing generator <...>").
static void
gen_finalize(FtObject *op)
{
    uint8_t state = ft_atomic_load_uint8_acquire(&GEN(op)->gi_state);   // pairs with ft_gen_resume's stores
    if (state == FT_GEN_COMPLETED)
        return;
    FtObject *saved = ft_error_fetch_ref();
    // An async generator goes to the finalizer hook it met, unless aclose() already began.
    FtObject *finalizer = op->ob_type == &ft_async_gen_type ? ft_async_gen_finalize_hook_ref(op) : NULL;
    if (finalizer != NULL) {
        FtObject *res = ft_object_vectorcall_ref(finalizer, &op, 1, NULL);
        if (res == NULL)
            report_unraisable("Exception ignored while finalizing generator %R", op);
        ft_xdecref(res);
        ft_decref(finalizer);
    } else if (state == FT_GEN_CREATED && op->ob_type == &ft_coro_type) {
        FtObject *text = ft_str_from_format_ref("coroutine '%U' was never awaited", GEN(op)->gi_qualname);
        const char *message = text != NULL ? ft_str_as_utf8(text, NULL) : NULL;
        if (message == NULL || ft_warn_with_source(&ft_exc_runtime_warning, message, 1, op) < 0)
            report_unraisable(NULL, op);
        ft_xdecref(text);
    } else {
        FtObject *res = gen_close(op);
        if (res == NULL)
            report_unraisable("Exception ignored while closing generator %R", op);
        ft_xdecref(res);
    }
    if (saved != NULL)
        ft_error_restore_steal(saved);
}

static void
gen_dealloc(FtObject *op)
{
    FtGenObject *gen = GEN(op);
    gen_finish(gen);
    ft_xdecref(gen->gi_exc_state);
    ft_xdecref(gen->cr_origin);
    ft_xdecref(gen->finalize_hook);
    ft_xdecref(gen->gi_name);
    ft_xdecref(gen->gi_qualname);
    ft_xdecref(gen->gi_code);
    ft_object_free_memory(op);
}

static int
gen_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtGenObject *gen = GEN(op);
    FtFrame *frame = gen_frame(op);
    if (frame->f_executable != NULL) {
        FtCodeObject *code = (FtCodeObject *)frame->f_executable;
        int n = code->co_nlocalsplus + frame->stackpointer;
        for (int i = 0; i < n; i++) {
            FtObject *v = ft_stackref_as_borrow(frame->localsplus[i]);
            if (v != NULL && !ft_stackref_is_deferred(frame->localsplus[i])) {
                int r = visit(v, arg);
                if (r != 0)
                    return r;
            }
        }
    }
    // acquire: pairs with the release store in agen_hooks_first_use (eval/async_generator.c).
    FtObject *refs[2] = {gen->cr_origin, ft_atomic_load_ptr_acquire((void **)&gen->finalize_hook)};
    for (int i = 0; i < 2; i++) {
        if (refs[i] != NULL) {
            int r = visit(refs[i], arg);
            if (r != 0)
                return r;
        }
    }
    if (gen->gi_exc_state != NULL)
        return visit(gen->gi_exc_state, arg);
    return 0;
}

static FtObject *
gen_repr(FtObject *op)
{
    FtObject *q = gen_slot_get_ref(&GEN(op)->gi_qualname);
    FtObject *r = ft_str_from_format_ref("<generator object %U at %p>", q, (void *)op);
    ft_xdecref(q);
    return r;
}

static FtObject *
gen_get_name(FtObject *op, void *closure)
{
    (void)closure;
    return gen_slot_get_ref(&GEN(op)->gi_name);
}

static FtObject *
gen_get_qualname(FtObject *op, void *closure)
{
    (void)closure;
    return gen_slot_get_ref(&GEN(op)->gi_qualname);
}

static int
gen_set_str(FtObject *op, FtObject *value, FtObject **slot, const char *what)
{
    if (value == NULL || !ft_str_check(value)) {
        ft_error_format(&ft_exc_type_error, "%s must be set to a string object", what);
        return -1;
    }
    FtObject *old;
    ft_incref(value);
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    old = *slot;
    // release: pairs with the acquire load in gen_slot_get_ref().
    ft_atomic_store_ptr_release((void **)slot, value);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_qsbr_decref_delayed(old);   // lock-free readers may be incrementing it
    return 0;
}

static int
gen_set_name(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    return gen_set_str(op, value, &GEN(op)->gi_name, "__name__");
}

static int
gen_set_qualname(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    return gen_set_str(op, value, &GEN(op)->gi_qualname, "__qualname__");
}

static FtObject *
gen_get_running(FtObject *op, void *closure)
{
    (void)closure;
    return ft_new_ref(ft_bool_from(gen_state(op) == FT_GEN_RUNNING));
}

static FtObject *
gen_get_suspended(FtObject *op, void *closure)
{
    (void)closure;
    return ft_new_ref(ft_bool_from(gen_state(op) == FT_GEN_SUSPENDED));
}

static FtObject *
gen_get_frame(FtObject *op, void *closure)
{
    (void)closure;
    FtFrame *frame = gen_frame(op);
    if (gen_state(op) == FT_GEN_COMPLETED || frame->f_executable == NULL)
        return ft_none_ref();
    return ft_frame_get_object_ref(frame);
}

static FtObject *
gen_get_code(FtObject *op, void *closure)
{
    (void)closure;
    return ft_new_ref(GEN(op)->gi_code);
}

static FtObject *
gen_get_yieldfrom(FtObject *op, void *closure)
{
    (void)closure;
    // A snapshot: only meaningful while the generator is suspended (CPython reads it so too).
    if (gen_state(op) != FT_GEN_SUSPENDED)
        return ft_none_ref();
    FtObject *yf = gen_yield_from_ref(op);
    return yf != NULL ? yf : ft_none_ref();
}

// The object with its embedded frame's slots, as CPython's gen_sizeof counts them.
static FtObject *
gen_sizeof(FtObject *op)
{
    Ft_ssize size = op->ob_type->tp_basicsize + ((FtVarObject *)op)->ob_size * op->ob_type->tp_itemsize;
    return ft_int_from_int64_ref(size);
}

static const FtMethodDef gen_methods[] = {
    {"send", {.o = gen_send_method}, FT_METH_O, NULL},
    {"throw", {.fast = ft_gen_throw_ref}, FT_METH_FASTCALL, NULL},
    {"close", {.noargs = gen_close}, FT_METH_NOARGS, NULL},
    {"__sizeof__", {.noargs = gen_sizeof}, FT_METH_NOARGS, "gen.__sizeof__() -> size of gen in memory, in bytes"},
    {"__class_getitem__", {.o = ft_generic_alias_class_getitem_ref}, FT_METH_O | FT_METH_CLASS, "See PEP 585"},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef gen_getset[] = {
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {"gi_running", gen_get_running, NULL, NULL, NULL},
    {"gi_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"gi_frame", gen_get_frame, NULL, NULL, NULL},
    {"gi_code", gen_get_code, NULL, NULL, NULL},
    {"gi_yieldfrom", gen_get_yieldfrom, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtSendResult
gen_am_send(FtObject *iter, FtObject *arg, FtObject **result)
{
    return ft_gen_resume(iter, arg, false, result);
}

static FtAsyncMethods gen_as_async = {
    .am_send = gen_am_send,
};

FtTypeObject ft_gen_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "generator",
    .tp_basicsize = offsetof(FtGenObject, gi_data),
    .tp_itemsize = sizeof(FtStackRef),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = gen_dealloc,
    .tp_finalize = gen_finalize,
    .tp_traverse = gen_traverse,
    .tp_repr = gen_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_iter = gen_iter,
    .tp_iternext = gen_iternext,
    .tp_as_async = &gen_as_async,
    .tp_methods = gen_methods,
    .tp_getset = gen_getset,
};

// Coroutines: the same object and resumption as a generator, but awaited instead of iterated.

static FtObject *
coro_repr(FtObject *op)
{
    FtObject *q = gen_slot_get_ref(&GEN(op)->gi_qualname);
    FtObject *r = ft_str_from_format_ref(op->ob_type == &ft_coro_type ? "<coroutine object %U at %p>"
                                                                      : "<async_generator object %U at %p>",
                                         q, (void *)op);
    ft_xdecref(q);
    return r;
}

static FtObject *
coro_get_origin(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *origin = GEN(op)->cr_origin;
    return origin != NULL ? ft_new_ref(origin) : ft_none_ref();
}

// cr_origin and ag_running are read-only members in CPython: their text on assignment.
static int
readonly_member_set(FtObject *op, FtObject *value, void *closure)
{
    (void)op;
    (void)value;
    (void)closure;
    ft_error_set_string(&ft_exc_attribute_error, "readonly attribute");
    return -1;
}

static const FtGetSetDef coro_getset[] = {
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {"cr_running", gen_get_running, NULL, NULL, NULL},
    {"cr_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"cr_frame", gen_get_frame, NULL, NULL, NULL},
    {"cr_code", gen_get_code, NULL, NULL, NULL},
    {"cr_await", gen_get_yieldfrom, NULL, NULL, NULL},
    {"cr_origin", coro_get_origin, readonly_member_set, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

// coroutine.__await__()'s iterator (CPython's coroutine_wrapper): next/send/throw/close of the
// coroutine, as a plain iterator.
typedef struct {
    FtObject ob_base;
    FtObject *coro;   // immutable
} FtCoroWrapper;

static void
coro_wrapper_dealloc(FtObject *op)
{
    ft_xdecref(((FtCoroWrapper *)op)->coro);
    ft_object_free_memory(op);
}

static int
coro_wrapper_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *c = ((FtCoroWrapper *)op)->coro;
    return c != NULL ? visit(c, arg) : 0;
}

static FtObject *
coro_wrapper_next(FtObject *op)
{
    return gen_send_method(((FtCoroWrapper *)op)->coro, FT_NONE);
}

static FtObject *
coro_wrapper_send(FtObject *op, FtObject *arg)
{
    return gen_send_method(((FtCoroWrapper *)op)->coro, arg);
}

static FtObject *
coro_wrapper_throw(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    return ft_gen_throw_ref(((FtCoroWrapper *)op)->coro, args, nargs);
}

static FtObject *
coro_wrapper_close(FtObject *op)
{
    return gen_close(((FtCoroWrapper *)op)->coro);
}

static const FtMethodDef coro_wrapper_methods[] = {
    {"send", {.o = coro_wrapper_send}, FT_METH_O, NULL},
    {"throw", {.fast = coro_wrapper_throw}, FT_METH_FASTCALL, NULL},
    {"close", {.noargs = coro_wrapper_close}, FT_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static FtTypeObject coro_wrapper_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "coroutine_wrapper",
    .tp_basicsize = sizeof(FtCoroWrapper),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = coro_wrapper_dealloc,
    .tp_traverse = coro_wrapper_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = gen_iter,
    .tp_iternext = coro_wrapper_next,
    .tp_methods = coro_wrapper_methods,
};

static FtObject *
coro_await(FtObject *op)
{
    FtCoroWrapper *w = (FtCoroWrapper *)ft_object_new_of_type(&coro_wrapper_type, 0);
    if (w == NULL)
        return NULL;
    w->coro = ft_new_ref(op);
    return (FtObject *)w;
}

static FtAsyncMethods coro_as_async = {
    .am_await = coro_await,
    .am_send = gen_am_send,
};

FtTypeObject ft_coro_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "coroutine",
    .tp_basicsize = offsetof(FtGenObject, gi_data),
    .tp_itemsize = sizeof(FtStackRef),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = gen_dealloc,
    .tp_finalize = gen_finalize,
    .tp_traverse = gen_traverse,
    .tp_repr = coro_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_as_async = &coro_as_async,
    .tp_methods = gen_methods,
    .tp_getset = coro_getset,
};

// The iterator an `await` drives for o (CPython's _PyCoro_GetAwaitableIter): a coroutine itself, or
// what o's __await__ returns (an iterator that is not a coroutine). NULL with TypeError.
static FtObject *
coro_awaitable_iter_ref(FtObject *o)
{
    if (o->ob_type == &ft_coro_type)
        return ft_new_ref(o);
    FtAsyncMethods *am = o->ob_type->tp_as_async;
    if (am == NULL || am->am_await == NULL)
        return ft_error_format(&ft_exc_type_error, "'%.100s' object can't be awaited", o->ob_type->tp_name);
    FtObject *res = am->am_await(o);
    if (res == NULL)
        return NULL;
    if (res->ob_type == &ft_coro_type) {
        ft_decref(res);
        return ft_error_format(&ft_exc_type_error, "__await__() returned a coroutine");
    }
    if (!ft_iter_check(res)) {
        ft_error_format(&ft_exc_type_error, "__await__() returned non-iterator of type '%.100s'",
                        res->ob_type->tp_name);
        ft_decref(res);
        return NULL;
    }
    return res;
}

// GET_AWAITABLE: where is 0 for `await`, 1 for __aenter__'s result, 2 for __aexit__'s.

FtObject *
ft_coro_get_awaitable_ref(FtObject *o, int where)
{
    FtAsyncMethods *am = o->ob_type->tp_as_async;
    if (where != 0 && o->ob_type != &ft_coro_type && (am == NULL || am->am_await == NULL)) {
        return ft_error_format(&ft_exc_type_error,
                               "'async with' received an object from %s that does not implement "
                               "__await__: %.100s",
                               where == 1 ? "__aenter__" : "__aexit__", o->ob_type->tp_name);
    }
    FtObject *iter = coro_awaitable_iter_ref(o);
    if (iter == NULL || iter->ob_type != &ft_coro_type)
        return iter;
    // A coroutine suspended in an await is being awaited by someone else.
    FtObject *yf = gen_get_yieldfrom(iter, NULL);
    bool busy = yf != FT_NONE;
    ft_decref(yf);
    if (busy) {
        ft_decref(iter);
        ft_error_set_string(&ft_exc_runtime_error, "coroutine is being awaited already");
        return NULL;
    }
    return iter;
}

static FtObject *
agen_get_running(FtObject *op, void *closure)
{
    (void)closure;
    return ft_async_gen_running_ref(op);
}


static const FtMethodDef async_gen_methods[] = {
    {"asend", {.o = ft_async_gen_asend_ref}, FT_METH_O, NULL},
    {"athrow", {.fast = ft_async_gen_athrow_ref}, FT_METH_FASTCALL, NULL},
    {"aclose", {.noargs = ft_async_gen_aclose_ref}, FT_METH_NOARGS, NULL},
    {"__sizeof__", {.noargs = gen_sizeof}, FT_METH_NOARGS, "gen.__sizeof__() -> size of gen in memory, in bytes"},
    {"__class_getitem__", {.o = ft_generic_alias_class_getitem_ref}, FT_METH_O | FT_METH_CLASS, "See PEP 585"},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef async_gen_getset[] = {
    {"__name__", gen_get_name, gen_set_name, NULL, NULL},
    {"__qualname__", gen_get_qualname, gen_set_qualname, NULL, NULL},
    {"ag_running", agen_get_running, readonly_member_set, NULL, NULL},
    {"ag_suspended", gen_get_suspended, NULL, NULL, NULL},
    {"ag_frame", gen_get_frame, NULL, NULL, NULL},
    {"ag_code", gen_get_code, NULL, NULL, NULL},
    {"ag_await", gen_get_yieldfrom, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtAsyncMethods async_gen_as_async = {
    .am_aiter = gen_iter,
    .am_anext = ft_async_gen_anext_ref,
};

FtTypeObject ft_async_gen_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "async_generator",
    .tp_basicsize = offsetof(FtGenObject, gi_data),
    .tp_itemsize = sizeof(FtStackRef),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = gen_dealloc,
    .tp_finalize = gen_finalize,
    .tp_traverse = gen_traverse,
    .tp_repr = coro_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_as_async = &async_gen_as_async,
    .tp_methods = async_gen_methods,
    .tp_getset = async_gen_getset,
};

// CALL_INTRINSIC_1 STOPITERATION_ERROR in a coroutine or async generator: StopIteration (and, in an
// async generator, StopAsyncIteration) escaping the frame becomes RuntimeError, chained to it.

FtObject *
ft_coro_stopiteration_error_ref(int co_flags, FtObject *exc)
{
    const char *kind = (co_flags & FT_CO_COROUTINE) ? "coroutine" : "async generator";
    const char *what;
    if (ft_type_is_subtype(exc->ob_type, &ft_exc_stop_iteration))
        what = "StopIteration";
    else if ((co_flags & FT_CO_ASYNC_GENERATOR) && ft_type_is_subtype(exc->ob_type, &ft_exc_stop_async_iteration))
        what = "StopAsyncIteration";
    else
        return ft_new_ref(exc);
    ft_error_format(&ft_exc_runtime_error, "%s raised %s", kind, what);
    FtObject *err = ft_error_fetch_ref();
    ft_exception_set_cause_steal(err, ft_new_ref(exc));
    ft_exception_set_context_steal(err, ft_new_ref(exc));
    return err;
}

// GET_AITER: obj.__aiter__(), which must have __anext__.

FtObject *
ft_async_get_aiter_ref(FtObject *obj)
{
    FtAsyncMethods *am = obj->ob_type->tp_as_async;
    if (am == NULL || am->am_aiter == NULL) {
        return ft_error_format(&ft_exc_type_error,
                               "'async for' requires an object with __aiter__ method, got %.100s",
                               obj->ob_type->tp_name);
    }
    FtObject *it = am->am_aiter(obj);
    if (it == NULL)
        return NULL;
    FtAsyncMethods *iam = it->ob_type->tp_as_async;
    if (iam == NULL || iam->am_anext == NULL) {
        ft_error_format(&ft_exc_type_error,
                        "'async for' received an object from __aiter__ that does not implement "
                        "__anext__: %.100s",
                        it->ob_type->tp_name);
        ft_decref(it);
        return NULL;
    }
    return it;
}

// GET_ANEXT: the awaitable of aiter.__anext__().

FtObject *
ft_async_get_anext_ref(FtObject *aiter)
{
    if (aiter->ob_type == &ft_async_gen_type)
        return ft_async_gen_anext_ref(aiter);
    FtAsyncMethods *am = aiter->ob_type->tp_as_async;
    if (am == NULL || am->am_anext == NULL) {
        return ft_error_format(&ft_exc_type_error,
                               "'async for' requires an iterator with __anext__ method, got %.100s",
                               aiter->ob_type->tp_name);
    }
    FtObject *next = am->am_anext(aiter);
    if (next == NULL)
        return NULL;
    FtObject *aw = coro_awaitable_iter_ref(next);
    if (aw == NULL) {
        FtObject *cause = ft_error_fetch_ref();
        ft_error_format(&ft_exc_type_error, "'async for' received an invalid object from __anext__: %.100s",
                        next->ob_type->tp_name);
        FtObject *exc = ft_error_fetch_ref();
        ft_exception_set_cause_steal(exc, cause);
        ft_error_restore_steal(exc);
    }
    ft_decref(next);
    return aw;
}

// anext(aiter, default)'s awaitable (CPython's anextawaitable): drives the awaitable of
// aiter.__anext__() and turns its StopAsyncIteration into StopIteration(default).
typedef struct {
    FtObject ob_base;
    FtObject *wrapped;         // the __anext__() result; immutable
    FtObject *default_value;   // immutable
    FtObject *iter;            // what awaiting wrapped drives, or NULL until first used; set once
                               // under the object's critical section
} FtANextAwaitable;

static void
anext_dealloc(FtObject *op)
{
    FtANextAwaitable *a = (FtANextAwaitable *)op;
    ft_xdecref(a->wrapped);
    ft_xdecref(a->default_value);
    ft_xdecref(a->iter);
    ft_object_free_memory(op);
}

static int
anext_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtANextAwaitable *a = (FtANextAwaitable *)op;
    FtObject *slots[3] = {a->wrapped, a->default_value, a->iter};
    for (int i = 0; i < 3; i++) {
        if (slots[i] != NULL) {
            int r = visit(slots[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

// The iterator to drive (new reference), made on first use.
static FtObject *
anext_iter_ref(FtObject *op)
{
    FtANextAwaitable *a = (FtANextAwaitable *)op;
    FtObject *it = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (a->iter != NULL)
        it = ft_new_ref(a->iter);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (it != NULL)
        return it;
    // __await__ may run any code: called outside the critical section; the first result stored wins.
    FtObject *made = coro_awaitable_iter_ref(a->wrapped);
    if (made == NULL)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    if (a->iter == NULL)
        a->iter = ft_new_ref(made);
    it = ft_new_ref(a->iter);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(made);
    return it;
}

// StopAsyncIteration from the driven awaitable becomes StopIteration(default).
static FtObject *
anext_result(FtObject *op, FtObject *res)
{
    if (res == NULL && ft_error_matches(&ft_exc_stop_async_iteration)) {
        ft_error_clear();
        ft_gen_raise_stop_iteration_steal(ft_new_ref(((FtANextAwaitable *)op)->default_value));
    }
    return res;
}

static FtObject *
anext_send(FtObject *op, FtObject *arg)
{
    FtObject *it = anext_iter_ref(op);
    if (it == NULL)
        return NULL;
    FtObject *res = NULL;
    FtSendResult st = ft_gen_send(it, arg != NULL ? arg : FT_NONE, &res);
    ft_decref(it);
    if (st == FT_SEND_RETURN) {
        ft_gen_raise_stop_iteration_steal(res);
        res = NULL;
    }
    return anext_result(op, res);
}

static FtObject *
anext_iternext(FtObject *op)
{
    return anext_send(op, NULL);
}

static FtObject *
anext_throw(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *it = anext_iter_ref(op);
    if (it == NULL)
        return NULL;
    FtObject *res;
    if (gen_is_native(it)) {
        res = ft_gen_throw_ref(it, args, nargs);
    } else {
        FtObject *meth = ft_object_get_attr_cstr_ref(it, "throw");
        res = meth != NULL ? ft_object_vectorcall_ref(meth, args, (size_t)nargs, NULL) : NULL;
        ft_xdecref(meth);
    }
    ft_decref(it);
    return anext_result(op, res);
}

static FtObject *
anext_close(FtObject *op)
{
    FtObject *it = anext_iter_ref(op);
    if (it == NULL)
        return NULL;
    int r = close_subiterator(it);
    ft_decref(it);
    return r < 0 ? NULL : ft_none_ref();
}

static FtAsyncMethods anext_as_async = {
    .am_await = gen_iter,   // the awaitable is its own iterator
};

static const FtMethodDef anext_methods[] = {
    {"send", {.o = anext_send}, FT_METH_O, NULL},
    {"throw", {.fast = anext_throw}, FT_METH_FASTCALL, NULL},
    {"close", {.noargs = anext_close}, FT_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static FtTypeObject anext_awaitable_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "anext_awaitable",
    .tp_basicsize = sizeof(FtANextAwaitable),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = anext_dealloc,
    .tp_traverse = anext_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = gen_iter,
    .tp_iternext = anext_iternext,
    .tp_as_async = &anext_as_async,
    .tp_methods = anext_methods,
};

// anext(aiter, default): awaitable is aiter.__anext__()'s result. New reference or NULL.

FtObject *
ft_anext_awaitable_new_ref(FtObject *awaitable, FtObject *default_value)
{
    FtANextAwaitable *a = (FtANextAwaitable *)ft_object_new_of_type(&anext_awaitable_type, 0);
    if (a == NULL)
        return NULL;
    a->wrapped = ft_new_ref(awaitable);
    a->default_value = ft_new_ref(default_value);
    a->iter = NULL;
    return (FtObject *)a;
}

int
ft_gen_init_types(void)
{
    FtTypeObject *types[] = {&ft_gen_type, &ft_coro_type, &ft_async_gen_type, &anext_awaitable_type,
                             &coro_wrapper_type};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (ft_type_ready(types[i]) < 0)
            return -1;
    }
    return ft_async_gen_init_types();
}

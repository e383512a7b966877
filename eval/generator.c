// eval/generator.c: generator objects (CPython's Objects/genobject.c): the object a call of a
// generator function returns, with its interpreter frame embedded, resumed by next()/send()/
// throw()/close() and by the SEND instruction of `yield from`.
//
// Owns: ft_gen_type ("generator"), FtGenObject.
// Layout: an FtGenObject is followed by its frame (FT_FRAME_OWNED_BY_GENERATOR): the header slots of
//   FtFrame and co_framesize stack slots, allocated with the object (tp_itemsize slots).
// Invariant: gi_state is CREATED (the frame is at the code's first instruction, nothing pushed),
//   SUSPENDED (the frame is at the instruction after a yield, its stackpointer exact), RUNNING (one
//   thread is inside ft_eval_frame_ex on it) or COMPLETED (the frame was cleared: f_executable NULL).
// Concurrency: gi_state is an atomic byte. A resumer claims the generator with a CAS from CREATED or
//   SUSPENDED to RUNNING and alone touches the frame and gi_exc_state until it stores the next
//   state with a release store; a second resumer meanwhile fails the CAS and raises ValueError
//   "generator already executing", as CPython's free-threaded build does.
// Missing (TODO(#4)): coroutines and async generators (their types, await, async for), throw()
//   running finally blocks
//   when a suspended generator is collected (close() from the finalizer), gi_frame's f_back.
#include <stddef.h>   // offsetof

#include "eval/eval_internal.h"   // ft_gen_* ft_eval_frame_ex

#include "eval/eval.h"            // ft_eval_recursion_limit
#include "eval/generated/opcode_ids.gen.h"   // FT_OP_YIELD_VALUE
#include "objects/abstract.h"     // ft_object_call_method_ref
#include "objects/code.h"         // FtCodeObject
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/frame.h"        // ft_frame_get_object_ref
#include "objects/int.h"          // ft_bool_from
#include "objects/method_def.h"   // FtMethodDef FtGetSetDef
#include "objects/object.h"       // ft_object_*
#include "objects/str.h"          // ft_str_from_format_ref
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready ft_type_check
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/qsbr.h"         // ft_qsbr_decref_delayed
#include "sync/atomic.h"          // ft_atomic_*

enum {
    FT_GEN_CREATED = 0,
    FT_GEN_SUSPENDED = 1,
    FT_GEN_RUNNING = 2,
    FT_GEN_COMPLETED = 3,
};

typedef struct FtGenObject {
    FtVarObject ob_base;        // ob_size: slots of gi_data
    FtObject *gi_name;          // str; set under the critical section, read with gen_slot_get_ref
    FtObject *gi_qualname;      // str; as gi_name
    FtObject *gi_code;          // the code object; immutable
    FtObject *gi_exc_state;     // the exception the generator was handling when it yielded, or
                                // NULL; touched only by the thread that owns gi_state RUNNING
    uint8_t gi_state;           // atomic: FT_GEN_*, see the file comment
    FtStackRef gi_data[];       // the embedded FtFrame
} FtGenObject;

extern FtTypeObject ft_gen_type;

#define GEN(op) ((FtGenObject *)(op))

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

FtObject *
ft_gen_new_for_call_ref(FtObject *func, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtCodeObject *code = (FtCodeObject *)ft_function_code_borrow(func);
    if (code->co_flags & (FT_CO_COROUTINE | FT_CO_ASYNC_GENERATOR)) {
        ft_error_set_string(&ft_exc_system_error,
                            "coroutines and async generators are not implemented yet");
        return NULL;
    }
    Ft_ssize nslots = (Ft_ssize)FT_GEN_FRAME_HEADER_SLOTS + code->co_framesize;
    FtGenObject *gen = (FtGenObject *)ft_object_new_of_type(&ft_gen_type, nslots);
    if (gen == NULL)
        return NULL;
    gen->gi_name = ft_new_ref(((FtFunctionObject *)func)->func_name);
    gen->gi_qualname = ft_new_ref(((FtFunctionObject *)func)->func_qualname);
    gen->gi_code = ft_new_ref((FtObject *)code);
    gen->gi_exc_state = NULL;
    gen->gi_state = FT_GEN_CREATED;
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
static FtSendResult
gen_resume(FtObject *op, FtObject *arg, bool throwflag, FtObject **result)
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
            ft_error_set_string(&ft_exc_value_error, "generator already executing");
            return FT_SEND_ERROR;
        }
        if (state == FT_GEN_COMPLETED) {
            if (throwflag)
                return FT_SEND_ERROR;   // the thrown exception propagates as is
            if (arg != NULL && arg != FT_NONE) {
                ft_error_set_none(&ft_exc_stop_iteration);
                return FT_SEND_ERROR;
            }
            *result = ft_none_ref();
            return FT_SEND_RETURN;
        }
        if (state == FT_GEN_CREATED && !throwflag && arg != NULL && arg != FT_NONE) {
            ft_error_set_string(&ft_exc_type_error,
                                "can't send non-None value to a just-started generator");
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
static void
set_stop_iteration_steal(FtObject *value)
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
    if (iter->ob_type == &ft_gen_type)
        return gen_resume(iter, arg, false, result);
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
    FtSendResult st = gen_resume(op, NULL, false, &res);
    if (st == FT_SEND_NEXT)
        return res;
    if (st == FT_SEND_RETURN) {
        // A return ends iteration: None silently, another value as StopIteration(value).
        if (res == FT_NONE)
            ft_decref(res);
        else
            set_stop_iteration_steal(res);
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
    FtSendResult st = gen_resume(op, arg, false, &res);
    if (st == FT_SEND_RETURN) {
        set_stop_iteration_steal(res);
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
    if (yf->ob_type == &ft_gen_type) {
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

static FtObject *
gen_throw_exc(FtObject *op, FtObject *exc)
{
    FtGenObject *gen = GEN(op);
    uint8_t state = FT_GEN_SUSPENDED;
    // acq_rel: see gen_resume; the claim lets this thread read the frame for the subiterator.
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
            } else if (yf->ob_type == &ft_gen_type) {
                ret = gen_throw_exc(yf, ft_new_ref(exc));
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
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_SUSPENDED);   // pairs with gen_resume's acquire
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
    FtSendResult st = gen_resume(op, NULL, true, &res);
    if (st == FT_SEND_RETURN) {
        set_stop_iteration_steal(res);
        return NULL;
    }
    return res;
}

static FtObject *
gen_throw(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 3) {
        return ft_error_format(&ft_exc_type_error, "throw expected at least 1 argument, got %zd",
                               nargs);
    }
    FtObject *typ = args[0];
    FtObject *val = nargs > 1 ? args[1] : NULL;
    FtObject *exc;
    if (ft_type_check(typ) && ft_exception_type_check((FtTypeObject *)typ)) {
        if (val != NULL && val != FT_NONE && ft_exception_check(val)) {
            exc = ft_new_ref(val);
        } else {
            exc = val != NULL && val != FT_NONE ? ft_object_call_one_arg_ref(typ, val)
                                                : ft_object_call_no_args_ref(typ);
            if (exc == NULL)
                return NULL;
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
    return gen_throw_exc(op, exc);
}

static FtObject *
gen_close(FtObject *op)
{
    FtGenObject *gen = GEN(op);
    uint8_t state = FT_GEN_CREATED;
    // acq_rel: see gen_resume; a never-started generator just ends.
    if (ft_atomic_cas_uint8_acq_rel(&gen->gi_state, &state, FT_GEN_RUNNING)) {
        gen_finish(gen);
        ft_atomic_store_uint8_release(&gen->gi_state, FT_GEN_COMPLETED);   // pairs with gen_resume's acquire
        return ft_none_ref();
    }
    if (state == FT_GEN_COMPLETED)
        return ft_none_ref();
    FtObject *exit = NULL;
    ft_error_set_none(&ft_exc_generator_exit);
    exit = ft_error_fetch_ref();
    if (exit == NULL)
        return NULL;
    ft_error_restore_steal(exit);
    FtObject *res = NULL;
    FtSendResult st = gen_resume(op, NULL, true, &res);
    if (st == FT_SEND_NEXT) {
        ft_decref(res);
        ft_error_set_string(&ft_exc_runtime_error, "generator ignored GeneratorExit");
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

static void
gen_dealloc(FtObject *op)
{
    FtGenObject *gen = GEN(op);
    // TODO(#4): close() a suspended generator first, so that its finally blocks run.
    gen_finish(gen);
    ft_xdecref(gen->gi_exc_state);
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

static uint8_t
gen_state(FtObject *op)
{
    return ft_atomic_load_uint8_acquire(&GEN(op)->gi_state);   // pairs with gen_resume's stores
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

static const FtMethodDef gen_methods[] = {
    {"send", {.o = gen_send_method}, FT_METH_O, NULL},
    {"throw", {.fast = gen_throw}, FT_METH_FASTCALL, NULL},
    {"close", {.noargs = gen_close}, FT_METH_NOARGS, NULL},
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
    return gen_resume(iter, arg, false, result);
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

int
ft_gen_init_types(void)
{
    return ft_type_ready(&ft_gen_type);
}

// eval/async_generator.c: what an async generator adds to the generator machinery of
// eval/generator.c: its methods asend()/athrow()/aclose()/__anext__(), the awaitables they return
// (async_generator_asend, async_generator_athrow), the wrapper that marks the generator's own yields
// (async_generator_wrapped_value), and sys.set_asyncgen_hooks' per-thread hooks.
//
// Model: awaiting an asend/athrow awaitable drives the generator one yield at a time. A value the
// generator yields itself arrives wrapped (ASYNC_GEN_WRAP) and ends that await with
// StopIteration(value); a value an inner `await` passes through is handed on to the event loop
// unwrapped, and the await goes on. aclose() is athrow(GeneratorExit) whose success is the generator
// finishing.
//
// Invariant: at most one awaitable of a generator is between its first step and its end at a time:
//   it holds FT_AGEN_BUSY of the generator's async_flags (ag_running), and any other awaitable's first
//   step raises RuntimeError "...: asynchronous generator is already running".
// Concurrency: async_flags is one atomic byte whose bits change only by compare-and-swap: an
//   awaitable claims FT_AGEN_BUSY on its first step (acq_rel CAS; failure raises the RuntimeError)
//   and releases it when its await ends, the release done only by the thread that moved the
//   awaitable out of AW_OWNS (a CAS), so a claim is released exactly once and only by its holder.
//   FT_AGEN_HOOKS_DONE is claimed by the first method call, which alone stores finalize_hook.
//   FT_AGEN_SHUT is set (never cleared) when aclose() begins or the generator ends inside an await.
//   An awaitable's phase byte moves by CAS too (AW_FRESH -> AW_CLAIMING -> AW_OWNS -> AW_DONE);
//   the generator's frame itself is protected by gi_state's claim in ft_gen_resume, which refuses a
//   second concurrent resumer with ValueError, so racing threads can see errors but never corrupt it.
// References: CPython's Objects/genobject.c (async generator part), PEP 525; behaviour (error texts,
//   which step raises what) follows CPython 3.14.
#include <stdbool.h>   // bool
#include <stdint.h>    // uint8_t

#include "eval/eval.h"                // ft_async_gen_get_hooks ft_async_gen_set_hooks
#include "eval/eval_internal.h"       // FtEvalThread ft_eval_thread_init ft_async_gen_wrap_ref
#include "eval/generator_internal.h"  // FtGenObject FT_AGEN_* ft_gen_resume ft_gen_throw_*
#include "objects/abstract.h"         // ft_object_call_one_arg_ref
#include "objects/error.h"            // ft_error_* ft_exc_*
#include "objects/int.h"              // ft_bool_from
#include "objects/method_def.h"       // FtMethodDef
#include "objects/object.h"           // ft_object_*
#include "objects/tuple.h"            // ft_tuple_*
#include "objects/type.h"             // ft_type_ready
#include "objects/warnings.h"         // ft_warn
#include "runtime/thread_state.h"     // ft_thread_state_current
#include "sync/atomic.h"              // ft_atomic_*

/* --- The generator's async_flags --- */

// Sets bit in gen's async_flags if it is clear: true when this call is the one that set it.
static bool
agen_flag_claim(FtObject *gen, uint8_t bit)
{
    uint8_t *flags = &GEN(gen)->async_flags;
    uint8_t seen = ft_atomic_load_uint8_relaxed(flags);   // relaxed: only a guess, the CAS re-checks
    while ((seen & bit) == 0) {
        // acq_rel: acquire pairs with agen_busy_release()'s release (the previous holder's steps on
        // the generator happen before this claimer's); release pairs with agen_flag_test()'s
        // acquire (a reader that sees the bit sees what preceded setting it).
        if (ft_atomic_cas_uint8_acq_rel(flags, &seen, (uint8_t)(seen | bit)))
            return true;
    }
    return false;
}

static bool
agen_flag_test(FtObject *gen, uint8_t bit)
{
    return (ft_atomic_load_uint8_acquire(&GEN(gen)->async_flags) & bit) != 0;   // pairs with agen_flag_claim's CAS
}

// Gives up FT_AGEN_BUSY; only the holder of the claim calls this.
static void
agen_busy_release(FtObject *gen)
{
    FT_ASSERT(agen_flag_test(gen, FT_AGEN_BUSY));
    // release: pairs with the acquire of the next agen_flag_claim(FT_AGEN_BUSY).
    ft_atomic_and_uint8_release(&GEN(gen)->async_flags, (uint8_t)~FT_AGEN_BUSY);
}

/* --- async_generator_wrapped_value --- */

typedef struct {
    FtObject ob_base;
    FtObject *val;   // what the generator yielded; immutable
} FtAgenWrapped;

static void
wrapped_dealloc(FtObject *op)
{
    ft_xdecref(((FtAgenWrapped *)op)->val);
    ft_object_free_memory(op);
}

static int
wrapped_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *v = ((FtAgenWrapped *)op)->val;
    return v != NULL ? visit(v, arg) : 0;
}

static FtTypeObject agen_wrapped_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "async_generator_wrapped_value",
    .tp_basicsize = sizeof(FtAgenWrapped),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = wrapped_dealloc,
    .tp_traverse = wrapped_traverse,
};

FtObject *
ft_async_gen_wrap_ref(FtObject *v)
{
    FtAgenWrapped *w = (FtAgenWrapped *)ft_object_new_of_type(&agen_wrapped_type, 0);
    if (w == NULL)
        return NULL;
    w->val = ft_new_ref(v);
    return (FtObject *)w;
}

/* --- The asend/athrow awaitables --- */

// An awaitable's phase. AW_CLAIMING is the short window in which the thread that took it out of
// AW_FRESH (or gives a claim back) works on FT_AGEN_BUSY; AW_LEFT is an athrow() awaitable whose
// await delivered its value but which, as in CPython, may still be sent to (it no longer holds
// FT_AGEN_BUSY).
enum {
    AW_FRESH = 0,
    AW_CLAIMING = 1,
    AW_OWNS = 2,
    AW_LEFT = 3,
    AW_DONE = 4,
};

// async_generator_asend (asend(v), __anext__()) and async_generator_athrow (athrow(...), aclose()).
typedef struct {
    FtObject ob_base;
    FtObject *gen;       // the async generator; immutable
    FtObject *sendval;   // asend's value (None for __anext__), NULL for the athrow type; immutable
    FtObject *args;      // athrow's arguments (a tuple); NULL for aclose and asend; immutable
    uint8_t phase;       // atomic: AW_*, moved by CAS (see the file comment)
} FtAgenAwaitable;

static FtTypeObject agen_asend_type;
static FtTypeObject agen_athrow_type;

#define AWAITABLE(op) ((FtAgenAwaitable *)(op))

static bool
awaitable_is_aclose(const FtAgenAwaitable *a)
{
    return a->ob_base.ob_type == &agen_athrow_type && a->args == NULL;
}

// The name CPython's messages give the method that made a.
static const char *
awaitable_origin(const FtAgenAwaitable *a)
{
    if (a->ob_base.ob_type == &agen_asend_type)
        return "anext";
    return a->args == NULL ? "aclose" : "athrow";
}

static uint8_t
awaitable_phase(const FtAgenAwaitable *a)
{
    return ft_atomic_load_uint8_acquire(&a->phase);   // pairs with the CASes and stores below
}

// The phase at the start of a step, or -1 with RuntimeError when the await already ended or another
// thread is taking the first step right now.
static int
awaitable_enter(FtAgenAwaitable *a)
{
    uint8_t phase = awaitable_phase(a);
    if (phase == AW_DONE) {
        const char *methods = a->ob_base.ob_type == &agen_asend_type ? "__anext__()/asend()" : "aclose()/athrow()";
        ft_error_format(&ft_exc_runtime_error, "cannot reuse already awaited %s", methods);
        return -1;
    }
    if (phase == AW_CLAIMING) {
        ft_error_format(&ft_exc_runtime_error, "%s(): asynchronous generator is already running",
                        awaitable_origin(a));
        return -1;
    }
    return phase;
}

// The first step: claims the generator for a (AW_FRESH -> AW_OWNS). false with RuntimeError when
// another awaitable holds it, which ends a (AW_DONE), or when another thread took the first step.
static bool
awaitable_claim(FtAgenAwaitable *a)
{
    uint8_t seen = AW_FRESH;
    // acq_rel: only one thread moves a out of AW_FRESH; pairs with the stores of the other paths.
    if (ft_atomic_cas_uint8_acq_rel(&a->phase, &seen, AW_CLAIMING)) {
        bool won = agen_flag_claim(a->gen, FT_AGEN_BUSY);
        ft_atomic_store_uint8_release(&a->phase, won ? AW_OWNS : AW_DONE);   // pairs with awaitable_phase
        if (won)
            return true;
    }
    ft_error_format(&ft_exc_runtime_error, "%s(): asynchronous generator is already running",
                    awaitable_origin(a));
    return false;
}

// Undoes awaitable_claim (a stays fresh): the first send() was refused before the generator ran.
static void
awaitable_unclaim(FtAgenAwaitable *a)
{
    uint8_t seen = AW_OWNS;
    // acq_rel: as awaitable_claim; AW_CLAIMING keeps other steps out while the claim is given back.
    if (ft_atomic_cas_uint8_acq_rel(&a->phase, &seen, AW_CLAIMING)) {
        agen_busy_release(a->gen);
        ft_atomic_store_uint8_release(&a->phase, AW_FRESH);   // pairs with awaitable_phase
    }
}

// The await of a ends (to AW_DONE) or lets go of the generator (to AW_LEFT). Whoever moves a out
// of AW_OWNS releases FT_AGEN_BUSY; a that never got (or already gave up) the claim releases nothing.
static void
awaitable_settle(FtAgenAwaitable *a, uint8_t to)
{
    uint8_t seen = AW_OWNS;
    // acq_rel: exactly one thread wins the move out of AW_OWNS and with it the release.
    if (ft_atomic_cas_uint8_acq_rel(&a->phase, &seen, to)) {
        agen_busy_release(a->gen);
        return;
    }
    if (to == AW_DONE && (seen == AW_LEFT || seen == AW_FRESH)) {
        // acq_rel: as above; a lost race leaves a in a phase at least as final.
        (void)ft_atomic_cas_uint8_acq_rel(&a->phase, &seen, AW_DONE);
    }
}

// A resumption's outcome as a call result: what was yielded, or NULL with the exception (a return
// of an async generator is StopAsyncIteration).
static FtObject *
resumed_value(FtSendResult st, FtObject *res)
{
    if (st == FT_SEND_RETURN) {
        ft_decref(res);
        ft_error_set_none(&ft_exc_stop_async_iteration);
        return NULL;
    }
    return st == FT_SEND_NEXT ? res : NULL;
}

// One step's result, res (or NULL with an exception), as the result of an asend or athrow await:
// a passed-through value is returned and the await goes on; the generator's own yield ends the await
// with StopIteration(value); an error ends it too, a StopAsyncIteration or GeneratorExit marking
// the generator finished. An ended await moves a to `ended` (AW_DONE, or AW_LEFT for athrow's later
// sends, as CPython).
static FtObject *
awaitable_deliver(FtAgenAwaitable *a, FtObject *res, uint8_t ended)
{
    if (res != NULL && res->ob_type != &agen_wrapped_type)
        return res;
    if (res != NULL) {
        FtObject *value = ft_new_ref(((FtAgenWrapped *)res)->val);
        ft_decref(res);
        awaitable_settle(a, ended);
        ft_gen_raise_stop_iteration_steal(value);
        return NULL;
    }
    if (!ft_error_occurred())
        ft_error_set_none(&ft_exc_stop_async_iteration);
    bool finished = ft_error_matches(&ft_exc_stop_async_iteration) || ft_error_matches(&ft_exc_generator_exit);
    if (finished)
        agen_flag_claim(a->gen, FT_AGEN_SHUT);
    awaitable_settle(a, ended);
    return NULL;
}

// One step's result as the result of an aclose() await: the generator finishing (StopAsyncIteration
// or GeneratorExit) is success, StopIteration; yielding a value of its own is RuntimeError; a
// passed-through value continues the await.
static FtObject *
aclose_deliver(FtAgenAwaitable *a, FtObject *res)
{
    if (res == NULL) {
        awaitable_settle(a, AW_DONE);
        if (ft_error_matches(&ft_exc_stop_async_iteration) || ft_error_matches(&ft_exc_generator_exit)) {
            ft_error_clear();
            ft_error_set_none(&ft_exc_stop_iteration);
        }
        return NULL;
    }
    if (res->ob_type != &agen_wrapped_type)
        return res;
    ft_decref(res);
    awaitable_settle(a, AW_DONE);
    return ft_error_format(&ft_exc_runtime_error, "async generator ignored GeneratorExit");
}

// asend awaitable: send(arg); arg NULL for __next__.
static FtObject *
asend_send(FtObject *op, FtObject *arg)
{
    FtAgenAwaitable *a = AWAITABLE(op);
    int phase = awaitable_enter(a);
    if (phase < 0)
        return NULL;
    if (phase == AW_FRESH) {
        if (!awaitable_claim(a))
            return NULL;
        if (arg == NULL || arg == FT_NONE)
            arg = a->sendval;
    }
    FtObject *res = NULL;
    FtSendResult st = ft_gen_resume(a->gen, arg, false, &res);
    return awaitable_deliver(a, resumed_value(st, res), AW_DONE);
}

static FtObject *
asend_next(FtObject *op)
{
    return asend_send(op, NULL);
}

static FtObject *
asend_throw(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    FtAgenAwaitable *a = AWAITABLE(op);
    int phase = awaitable_enter(a);
    if (phase < 0)
        return NULL;
    if (phase == AW_FRESH && !awaitable_claim(a))
        return NULL;
    return awaitable_deliver(a, ft_gen_throw_ref(a->gen, args, nargs), AW_DONE);
}

// The first send() of an athrow/aclose awaitable: throws its exception into the generator.
static FtObject *
athrow_first_step(FtAgenAwaitable *a, FtObject *arg)
{
    if (!awaitable_claim(a))
        return NULL;
    if (agen_flag_test(a->gen, FT_AGEN_SHUT)) {
        awaitable_settle(a, AW_DONE);
        ft_error_set_none(&ft_exc_stop_async_iteration);
        return NULL;
    }
    if (arg != FT_NONE) {
        awaitable_unclaim(a);
        return ft_error_format(&ft_exc_runtime_error, "can't send non-None value to a just-started coroutine");
    }
    if (a->args == NULL) {
        agen_flag_claim(a->gen, FT_AGEN_SHUT);
        FtObject *exit = ft_exception_new_ref(&ft_exc_generator_exit, NULL, 0);
        return aclose_deliver(a, exit != NULL ? ft_gen_throw_exc_steal_ref(a->gen, exit) : NULL);
    }
    // CPython 3.14 checks athrow()'s argument count only here, and a wrong count leaves the
    // generator marked running: a keeps its claim.
    Ft_ssize n = ft_tuple_size(a->args);
    if (ft_gen_check_arg_count("athrow", n, 1, 3) < 0)
        return NULL;
    FtObject *res = ft_gen_throw_args_ref(a->gen, ((FtTupleObject *)a->args)->items, n);
    return awaitable_deliver(a, res, AW_DONE);
}

static FtObject *
athrow_send(FtObject *op, FtObject *arg)
{
    FtAgenAwaitable *a = AWAITABLE(op);
    int phase = awaitable_enter(a);
    if (phase < 0)
        return NULL;
    if (gen_state(a->gen) == FT_GEN_COMPLETED) {
        awaitable_settle(a, AW_DONE);
        ft_error_set_none(&ft_exc_stop_iteration);
        return NULL;
    }
    if (phase == AW_FRESH)
        return athrow_first_step(a, arg);
    FtObject *res = NULL;
    FtSendResult st = ft_gen_resume(a->gen, arg, false, &res);
    if (awaitable_is_aclose(a))
        return aclose_deliver(a, resumed_value(st, res));
    return awaitable_deliver(a, resumed_value(st, res), AW_LEFT);
}

static FtObject *
athrow_next(FtObject *op)
{
    return athrow_send(op, FT_NONE);
}

static FtObject *
athrow_throw(FtObject *op, FtObject *const *args, Ft_ssize nargs)
{
    FtAgenAwaitable *a = AWAITABLE(op);
    int phase = awaitable_enter(a);
    if (phase < 0)
        return NULL;
    if (phase == AW_FRESH && !awaitable_claim(a))
        return NULL;
    FtObject *res = ft_gen_throw_ref(a->gen, args, nargs);
    if (awaitable_is_aclose(a))
        return aclose_deliver(a, res);
    return awaitable_deliver(a, res, AW_DONE);
}

// close(): an awaitable already finished closes trivially; otherwise GeneratorExit is thrown in
// through throw(), and any way of ending (StopIteration, StopAsyncIteration, GeneratorExit) counts
// as closed, while a further yield is an error.
static FtObject *
awaitable_close(FtObject *op)
{
    if (awaitable_phase(AWAITABLE(op)) == AW_DONE)
        return ft_none_ref();
    FtObject *exit_type = (FtObject *)&ft_exc_generator_exit;
    FtObject *res = op->ob_type == &agen_asend_type ? asend_throw(op, &exit_type, 1)
                                                    : athrow_throw(op, &exit_type, 1);
    if (res != NULL) {
        ft_decref(res);
        return ft_error_format(&ft_exc_runtime_error, "coroutine ignored GeneratorExit");
    }
    static FtTypeObject *const endings[] = {&ft_exc_stop_iteration, &ft_exc_stop_async_iteration,
                                            &ft_exc_generator_exit};
    for (size_t i = 0; i < sizeof(endings) / sizeof(endings[0]); i++) {
        if (ft_error_matches(endings[i])) {
            ft_error_clear();
            return ft_none_ref();
        }
    }
    return NULL;
}

static void
awaitable_dealloc(FtObject *op)
{
    ft_xdecref(AWAITABLE(op)->gen);
    ft_xdecref(AWAITABLE(op)->sendval);
    ft_xdecref(AWAITABLE(op)->args);
    ft_object_free_memory(op);
}

static int
awaitable_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *refs[3] = {AWAITABLE(op)->gen, AWAITABLE(op)->sendval, AWAITABLE(op)->args};
    for (int i = 0; i < 3; i++) {
        int r = refs[i] != NULL ? visit(refs[i], arg) : 0;
        if (r != 0)
            return r;
    }
    return 0;
}

static FtObject *
awaitable_self(FtObject *op)
{
    return ft_new_ref(op);
}

static const FtMethodDef asend_methods[] = {
    {"send", {.o = asend_send}, FT_METH_O, NULL},
    {"throw", {.fast = asend_throw}, FT_METH_FASTCALL, NULL},
    {"close", {.noargs = awaitable_close}, FT_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static const FtMethodDef athrow_methods[] = {
    {"send", {.o = athrow_send}, FT_METH_O, NULL},
    {"throw", {.fast = athrow_throw}, FT_METH_FASTCALL, NULL},
    {"close", {.noargs = awaitable_close}, FT_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static FtAsyncMethods awaitable_as_async = {
    .am_await = awaitable_self,
};

static FtTypeObject agen_asend_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "async_generator_asend",
    .tp_basicsize = sizeof(FtAgenAwaitable),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = awaitable_dealloc,
    .tp_traverse = awaitable_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = awaitable_self,
    .tp_iternext = asend_next,
    .tp_as_async = &awaitable_as_async,
    .tp_methods = asend_methods,
};

static FtTypeObject agen_athrow_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "async_generator_athrow",
    .tp_basicsize = sizeof(FtAgenAwaitable),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = awaitable_dealloc,
    .tp_traverse = awaitable_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = awaitable_self,
    .tp_iternext = athrow_next,
    .tp_as_async = &awaitable_as_async,
    .tp_methods = athrow_methods,
};

// sendval and args are borrowed (either may be NULL).
static FtObject *
awaitable_new_ref(FtTypeObject *type, FtObject *gen, FtObject *sendval, FtObject *args)
{
    FtAgenAwaitable *a = (FtAgenAwaitable *)ft_object_new_of_type(type, 0);
    if (a == NULL)
        return NULL;
    a->gen = ft_new_ref(gen);
    a->sendval = sendval != NULL ? ft_new_ref(sendval) : NULL;
    a->args = args != NULL ? ft_new_ref(args) : NULL;
    a->phase = AW_FRESH;
    return (FtObject *)a;
}

/* --- sys.set_asyncgen_hooks --- */

int
ft_async_gen_get_hooks(FtObject **firstiter, FtObject **finalizer)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval == NULL && ft_eval_thread_init() < 0)
        return -1;
    *firstiter = ts->eval->asyncgen_firstiter != NULL ? ft_new_ref(ts->eval->asyncgen_firstiter) : NULL;
    *finalizer = ts->eval->asyncgen_finalizer != NULL ? ft_new_ref(ts->eval->asyncgen_finalizer) : NULL;
    return 0;
}

// value NULL: keep the hook; None: remove it.
static void
hook_replace(FtObject **slot, FtObject *value)
{
    if (value == NULL)
        return;
    FtObject *old = *slot;
    *slot = value != FT_NONE ? ft_new_ref(value) : NULL;
    ft_xdecref(old);
}

int
ft_async_gen_set_hooks(FtObject *firstiter, FtObject *finalizer)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval == NULL && ft_eval_thread_init() < 0)
        return -1;
    hook_replace(&ts->eval->asyncgen_firstiter, firstiter);
    hook_replace(&ts->eval->asyncgen_finalizer, finalizer);
    return 0;
}

// Before gen's first asend/athrow/aclose/__anext__ returns its awaitable: the calling thread's
// finalizer hook is remembered for gen's finalization, and its firstiter hook is called with gen.
// Later calls do nothing. 0, or -1 with the firstiter hook's exception.
static int
agen_hooks_first_use(FtObject *gen)
{
    if (!agen_flag_claim(gen, FT_AGEN_HOOKS_DONE))
        return 0;
    FtEvalThread *et = ft_thread_state_current()->eval;
    FtObject *firstiter = NULL;
    if (et != NULL) {
        if (et->asyncgen_finalizer != NULL) {
            // release: pairs with the acquire loads in gen_traverse and ft_async_gen_finalize_hook_ref.
            ft_atomic_store_ptr_release((void **)&GEN(gen)->finalize_hook, ft_new_ref(et->asyncgen_finalizer));
        }
        if (et->asyncgen_firstiter != NULL)
            firstiter = ft_new_ref(et->asyncgen_firstiter);   // own it: the hook may uninstall itself
    }
    if (firstiter == NULL)
        return 0;
    FtObject *res = ft_object_call_one_arg_ref(firstiter, gen);
    ft_decref(firstiter);
    ft_xdecref(res);
    return res != NULL ? 0 : -1;
}

FtObject *
ft_async_gen_finalize_hook_ref(FtObject *gen)
{
    if (agen_flag_test(gen, FT_AGEN_SHUT))
        return NULL;
    // acquire: pairs with the release store in agen_hooks_first_use.
    FtObject *hook = ft_atomic_load_ptr_acquire((void **)&GEN(gen)->finalize_hook);
    return hook != NULL ? ft_new_ref(hook) : NULL;
}

/* --- The async generator's methods --- */

FtObject *
ft_async_gen_asend_ref(FtObject *gen, FtObject *value)
{
    if (agen_hooks_first_use(gen) < 0)
        return NULL;
    return awaitable_new_ref(&agen_asend_type, gen, value, NULL);
}

FtObject *
ft_async_gen_anext_ref(FtObject *gen)
{
    return ft_async_gen_asend_ref(gen, FT_NONE);
}

FtObject *
ft_async_gen_athrow_ref(FtObject *gen, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs > 1 && ft_warn(&ft_exc_deprecation_warning,
                             "the (type, exc, tb) signature of athrow() is deprecated, "
                             "use the single-arg signature instead.",
                             1) < 0) {
        return NULL;
    }
    if (agen_hooks_first_use(gen) < 0)
        return NULL;
    FtObject *packed = ft_tuple_from_array_ref(args, nargs);
    if (packed == NULL)
        return NULL;
    FtObject *aw = awaitable_new_ref(&agen_athrow_type, gen, NULL, packed);
    ft_decref(packed);
    return aw;
}

FtObject *
ft_async_gen_aclose_ref(FtObject *gen)
{
    if (agen_hooks_first_use(gen) < 0)
        return NULL;
    return awaitable_new_ref(&agen_athrow_type, gen, NULL, NULL);
}

FtObject *
ft_async_gen_running_ref(FtObject *gen)
{
    return ft_new_ref(ft_bool_from(agen_flag_test(gen, FT_AGEN_BUSY)));
}

int
ft_async_gen_init_types(void)
{
    FtTypeObject *types[] = {&agen_wrapped_type, &agen_asend_type, &agen_athrow_type};
    for (size_t i = 0; i < sizeof(types) / sizeof(types[0]); i++) {
        if (ft_type_ready(types[i]) < 0)
            return -1;
    }
    return 0;
}

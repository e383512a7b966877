// eval/generator_internal.h: what eval/generator.c (generators, coroutines, the shared resume
// machinery) and eval/async_generator.c (the async generator's methods and awaitables) share: the
// FtGenObject layout and the calls each file makes into the other. Private to those two files.
//
// Concurrency: as described in the two files' opening comments; every field below states its guard.
#ifndef FT_EVAL_GENERATOR_INTERNAL_H
#define FT_EVAL_GENERATOR_INTERNAL_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint8_t

#include "eval/eval_internal.h"   // FtSendResult
#include "runtime/object.h"       // FtObject FtVarObject FtTypeObject
#include "sync/atomic.h"          // ft_atomic_load_uint8_acquire

// gi_state: see eval/generator.c's opening comment.
enum {
    FT_GEN_CREATED = 0,
    FT_GEN_SUSPENDED = 1,
    FT_GEN_RUNNING = 2,
    FT_GEN_COMPLETED = 3,
};

// Bits of an async generator's async_flags (eval/async_generator.c). Each bit only ever goes from
// clear to set by a compare-and-swap, except FT_AGEN_BUSY, which its claimer alone clears.
enum {
    FT_AGEN_HOOKS_DONE = 1u << 0,   // the first asend/athrow/aclose/__anext__ consulted the hooks
    FT_AGEN_BUSY = 1u << 1,         // one asend/athrow awaitable drives the generator (ag_running)
    FT_AGEN_SHUT = 1u << 2,         // aclose() began, or the generator ended inside an awaitable
};

typedef struct FtGenObject {
    FtVarObject ob_base;        // ob_size: slots of gi_data
    FtObject *gi_name;          // str; set under the critical section, read with gen_slot_get_ref
    FtObject *gi_qualname;      // str; as gi_name
    FtObject *gi_code;          // the code object; immutable
    FtObject *gi_exc_state;     // the exception the generator was handling when it yielded, or
                                // NULL; touched only by the thread that owns gi_state RUNNING
    uint8_t gi_state;           // atomic: FT_GEN_*, changed by CAS (see generator.c)
    uint8_t async_flags;        // atomic: async generators only, FT_AGEN_* bits, changed by CAS
                                // (or the claimer's release of FT_AGEN_BUSY); 0 for the others
    FtObject *cr_origin;        // coroutines only: the creating frames' (file, line, name) tuple
                                // when origin tracking was on, else NULL; immutable
    FtObject *finalize_hook;    // async generators only: the finalizer hook of the thread that set
                                // FT_AGEN_HOOKS_DONE, or NULL; stored once by that thread with a
                                // release store before anyone can need it, then immutable
    FtStackRef gi_data[];       // the embedded FtFrame
} FtGenObject;

extern FtTypeObject ft_gen_type;
extern FtTypeObject ft_coro_type;
extern FtTypeObject ft_async_gen_type;

#define GEN(op) ((FtGenObject *)(op))

// gi_state, acquire: pairs with the release stores of the resumer (eval/generator.c).
static inline uint8_t
gen_state(FtObject *op)
{
    return ft_atomic_load_uint8_acquire(&GEN(op)->gi_state);   // pairs with gen_resume's release stores
}

// --- Provided by eval/generator.c ---

// Resumes gen with arg (nothing for a fresh generator), or with the current exception raised at
// its yield when throwflag; *result is a new reference for FT_SEND_NEXT/FT_SEND_RETURN. A second
// concurrent resumer gets ValueError "... already executing". Any attached thread.
FtSendResult ft_gen_resume(FtObject *gen, FtObject *arg, bool throwflag, FtObject **result);
// Raises exc (stolen) in gen as gen.throw(exc) does (delegating to a `yield from` target first): the
// next yielded value (new reference), or NULL with the exception; a return raises StopIteration
// (StopAsyncIteration for an async generator).
FtObject *ft_gen_throw_exc_steal_ref(FtObject *gen, FtObject *exc);
// gen.throw(typ[, val[, tb]]) with args already counted (1 to 3): as ft_gen_throw_exc_steal_ref.
FtObject *ft_gen_throw_args_ref(FtObject *gen, FtObject *const *args, Ft_ssize nargs);
// gen.throw(*args) as called from Python: counts the arguments, warns for the 3-argument form.
FtObject *ft_gen_throw_ref(FtObject *gen, FtObject *const *args, Ft_ssize nargs);
// The TypeError of a wrong argument count for name() ("expected at least 1 argument, got 0"):
// 0 when min <= nargs <= max, else -1 with the error set.
int ft_gen_check_arg_count(const char *name, Ft_ssize nargs, Ft_ssize min, Ft_ssize max);
// Raises StopIteration(value) (bare StopIteration for None), consuming value.
void ft_gen_raise_stop_iteration_steal(FtObject *value);

// --- Provided by eval/async_generator.c ---

// The methods of ft_async_gen_type: asend(v), athrow(*args), aclose(), __anext__(), whose first call
// on a generator runs the calling thread's firstiter hook; new references or NULL.
FtObject *ft_async_gen_asend_ref(FtObject *gen, FtObject *value);
FtObject *ft_async_gen_athrow_ref(FtObject *gen, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_async_gen_aclose_ref(FtObject *gen);
FtObject *ft_async_gen_anext_ref(FtObject *gen);
// ag_running: whether an awaitable is driving gen (a new reference to a bool).
FtObject *ft_async_gen_running_ref(FtObject *gen);
// For tp_finalize: a new reference to the finalizer hook to hand gen to, or NULL when none was
// recorded or aclose() already began (then gen is closed instead, as CPython does). Any thread.
FtObject *ft_async_gen_finalize_hook_ref(FtObject *gen);
// Readies the wrapped-value and awaitable types. 0, or -1 with an exception.
int ft_async_gen_init_types(void);

#endif // FT_EVAL_GENERATOR_INTERNAL_H

// eval/frame_stack.c: the per-thread eval state (FtEvalThread): the frame stack that Python calls
// push interpreter frames on, the Python and C recursion limits, and the eval.h accessors of the
// innermost frame.
//
// Owns: FtThreadState.eval and the chunks hanging from it.
// Invariant: frames are allocated from the newest chunk in LIFO order; chunk->data <= top <=
//   chunk->data + chunk->nslots; a chunk other than the newest is full up to where its successor's
//   prev_top says; py_depth equals the number of frames pushed and not yet popped.
// Concurrency: all of it is owner-thread only (a stop-the-world collector may walk the frames
//   through FtThreadState.current_frame); the recursion limit is a relaxed atomic in FtInterp.
#include <pthread.h>   // pthread_getattr_np pthread_attr_getstack
#include <stdlib.h>    // malloc free

#include "eval/eval.h"
#include "eval/call.h"            // ft_eval_check_c_stack

#include "eval/eval_internal.h"   // FtEvalThread FtFrameChunk
#include "objects/dict.h"         // ft_dict_*
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/tuple.h"        // ft_tuple_get_item_borrow
#include "runtime/refcount.h"     // ft_decref ft_xdecref
#include "sync/atomic.h"          // ft_atomic_*

#define FT_FRAME_CHUNK_SLOTS ((size_t)16384)
#define FT_FRAME_HEADER_SLOTS ((sizeof(FtFrame) + sizeof(FtStackRef) - 1) / sizeof(FtStackRef))

static FtEvalThread *
eval_thread(FtThreadState *ts)
{
    return ts->eval;
}

static FtFrameChunk *
chunk_new(size_t nslots)
{
    FtFrameChunk *c = malloc(sizeof(FtFrameChunk) + nslots * sizeof(FtStackRef));
    if (c == NULL)
        return NULL;
    c->prev = NULL;
    c->prev_top = NULL;
    c->nslots = nslots;
    return c;
}

// The lowest address C code may use (with the margin kept for C code between two checks), and in
// *top the stack's highest address; 0 (and *top 0) when the thread cannot tell.
static uintptr_t
c_stack_limit_of_current_thread(uintptr_t *top)
{
    *top = 0;
    pthread_attr_t attr;
    void *addr = NULL;
    size_t size = 0;
    if (pthread_getattr_np(pthread_self(), &attr) != 0)
        return 0;
    if (pthread_attr_getstack(&attr, &addr, &size) != 0)
        size = 0;
    pthread_attr_destroy(&attr);
    if (size == 0)
        return 0;
    *top = (uintptr_t)addr + size;
    // Keep a quarter of the stack (at most 2 MiB, at least 64 KiB) for the C code that runs
    // between two checks: slots, repr, sanitizer-inflated frames.
    size_t margin = size / 4;
    if (margin > ((size_t)2 << 20))
        margin = (size_t)2 << 20;
    if (margin < ((size_t)64 << 10))
        margin = size / 2;
#if defined(FT_TSAN)
    // ThreadSanitizer records whole stacks of at most 65536 frames, and its frames are small:
    // deep C recursion past about 2 MiB of stack trips its internal check, so recursion stops there.
    if (size > margin + ((size_t)2 << 20))
        margin = size - ((size_t)2 << 20);
#endif
    return (uintptr_t)addr + margin;
}

int
ft_eval_thread_init(void)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval != NULL)
        return 0;
    FtEvalThread *et = calloc(1, sizeof(FtEvalThread));
    if (et == NULL) {
        ft_error_no_memory();
        return -1;
    }
    et->chunk = chunk_new(FT_FRAME_CHUNK_SLOTS);
    if (et->chunk == NULL) {
        free(et);
        ft_error_no_memory();
        return -1;
    }
    et->top = et->chunk->data;
    et->c_stack_limit = c_stack_limit_of_current_thread(&et->c_stack_top);
    FtInterp *interp = ts->interp;
    // relaxed: an int set once; a racing first init writes the same default.
    if (ft_atomic_load_int_relaxed(&interp->recursion_limit) <= 0)
        ft_atomic_store_int_relaxed(&interp->recursion_limit, 1000);
    ts->eval = et;
    return 0;
}

void
ft_eval_thread_fini(void)
{
    FtThreadState *ts = ft_thread_state_current();
    FtEvalThread *et = ts->eval;
    if (et == NULL)
        return;
    // Each field is cleared before its reference goes: the decref may run a finalizer, which may
    // look at (or replace) these fields.
    FtObject *exc = et->exc_info, *firstiter = et->asyncgen_firstiter;
    FtObject *finalizer = et->asyncgen_finalizer;
    et->exc_info = NULL;
    et->asyncgen_firstiter = NULL;
    et->asyncgen_finalizer = NULL;
    ft_xdecref(exc);
    ft_xdecref(firstiter);
    ft_xdecref(finalizer);
    FtFrameChunk *c = et->chunk;
    while (c != NULL) {
        FtFrameChunk *prev = c->prev;
        free(c);
        c = prev;
    }
    free(et->spare);
    free(et);
    ts->eval = NULL;
}

FtFrame *
ft_frame_stack_push(FtThreadState *ts, FtCodeObject *code)
{
    FtEvalThread *et = eval_thread(ts);
    // relaxed: a stale limit only delays a new sys.setrecursionlimit by one call.
    if (et->py_depth >= ft_atomic_load_int_relaxed(&ts->interp->recursion_limit)) {
        ft_error_set_string(&ft_exc_recursion_error, "maximum recursion depth exceeded");
        return NULL;
    }
    size_t need = FT_FRAME_HEADER_SLOTS + (size_t)code->co_framesize;
    FtFrameChunk *c = et->chunk;
    if ((size_t)(c->data + c->nslots - et->top) < need) {
        size_t nslots = need > FT_FRAME_CHUNK_SLOTS ? need : FT_FRAME_CHUNK_SLOTS;
        FtFrameChunk *n;
        if (et->spare != NULL && et->spare->nslots >= nslots) {
            n = et->spare;
            et->spare = NULL;
        } else {
            n = chunk_new(nslots);
            if (n == NULL) {
                ft_error_no_memory();
                return NULL;
            }
        }
        n->prev = c;
        n->prev_top = et->top;
        et->chunk = n;
        et->top = n->data;
    }
    FtFrame *frame = (FtFrame *)et->top;
    et->top += need;
    et->py_depth++;
    return frame;
}

void
ft_frame_stack_pop(FtThreadState *ts, FtFrame *frame)
{
    FtEvalThread *et = eval_thread(ts);
    et->py_depth--;
    FtStackRef *at = (FtStackRef *)frame;
    FtFrameChunk *c = et->chunk;
    if (at == c->data && c->prev != NULL) {
        et->chunk = c->prev;
        et->top = c->prev_top;
        if (et->spare == NULL) {
            et->spare = c;
        } else {
            free(c);
        }
        return;
    }
    et->top = at;
}

bool
ft_eval_c_stack_exhausted(FtThreadState *ts)
{
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    return here < eval_thread(ts)->c_stack_limit;
}

int
ft_eval_check_c_stack(const char *where)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval == NULL || !ft_eval_c_stack_exhausted(ts))
        return 0;
    uintptr_t here = (uintptr_t)__builtin_frame_address(0);
    uintptr_t top = eval_thread(ts)->c_stack_top;
    long used_kb = top > here ? (long)((top - here) / 1024) : 0;
    ft_error_format(&ft_exc_recursion_error, "Stack overflow (used %ld kB)%s", used_kb, where);
    return -1;
}

FtFrame *
ft_eval_current_frame(void)
{
    FtThreadState *ts = ft_thread_state_current();
    return ts != NULL ? ts->current_frame : NULL;
}

FtObject *
ft_eval_globals_borrow(void)
{
    FtFrame *f = ft_eval_current_frame();
    return f != NULL ? f->f_globals : NULL;
}

FtObject *
ft_eval_builtins_borrow(void)
{
    FtFrame *f = ft_eval_current_frame();
    return f != NULL ? f->f_builtins : NULL;
}

FtObject *
ft_eval_locals_ref(void)
{
    FtFrame *f = ft_eval_current_frame();
    if (f == NULL) {
        ft_error_set_string(&ft_exc_system_error, "frame does not exist");
        return NULL;
    }
    if (f->f_locals != NULL)
        return ft_new_ref(f->f_locals);
    FtCodeObject *code = (FtCodeObject *)f->f_executable;
    FtObject *d = ft_dict_new_ref();
    if (d == NULL)
        return NULL;
    // TODO(#4): PEP 667's write-through proxy, and cell contents for cells and free variables.
    for (int i = 0; i < code->co_nlocals; i++) {
        FtObject *v = ft_stackref_as_borrow(f->localsplus[i]);
        if (v == NULL)
            continue;
        FtObject *name = ft_tuple_get_item_borrow(code->co_localsplusnames, i);
        if (ft_dict_set_item(d, name, v) < 0) {
            ft_decref(d);
            return NULL;
        }
    }
    return d;
}

int
ft_eval_recursion_limit(void)
{
    // relaxed: see ft_frame_stack_push.
    return ft_atomic_load_int_relaxed(&ft_interp_main()->recursion_limit);
}

void
ft_eval_set_recursion_limit(int limit)
{
    // relaxed: see ft_frame_stack_push.
    ft_atomic_store_int_relaxed(&ft_interp_main()->recursion_limit, limit);
}

FtObject *
ft_eval_handled_exception_borrow(void)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts == NULL || ts->eval == NULL)
        return NULL;
    return ts->eval->exc_info;
}

FtObject *
ft_eval_thread_exc_info_borrow(FtThreadState *ts)
{
    return eval_thread(ts)->exc_info;
}

void
ft_eval_request_keyboard_interrupt(FtThreadState *main_ts)
{
    ft_eval_breaker_set(main_ts, FT_EVAL_ASYNC_EXC);
}

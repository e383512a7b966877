// modules/thread.c: the _thread module (CPython's Modules/_threadmodule.c): OS threads that run
// Python callables, each with its own thread state; locks (_thread.lock on sync/mutex.h), reentrant
// locks (_thread.RLock) and the joinable thread handle (_thread._ThreadHandle).
//
// Representation: a lock is an FtMutex byte (not owner-checked, so any thread may release it, as
// Python's locks allow). An RLock is an FtMutex plus the owner's ident and a count. A thread handle
// holds the thread's ident and a one-shot event set when the thread has finished.
//
// Invariants: RLock.owner != 0 <=> the mutex is held, and then owner is the holder's get_ident();
// count >= 1 while held. A handle's done event is set after the thread has run its callable and
// dropped every reference it held.
//
// Concurrency:
//   lock.acquire / RLock.acquire   park on the mutex with detach (the waiting thread is detached,
//                                  so it never holds up a stop-the-world)
//   RLock.owner                    atomic (relaxed): written only by the holder; others compare it
//                                  with their own ident, which they alone could have written
//   RLock.count                    guarded by the RLock's mutex (only the holder touches it)
//   the running-thread count       atomic in the module state (md_state)
//   handle.join                    waits on the done event (release/acquire: the thread's writes
//                                  are visible after join returns)
// TODO(#4): interrupting a blocked acquire with KeyboardInterrupt, _thread._local, threading's
// _excepthook/_ExceptHookArgs helpers, _shutdown's wait for non-daemon threads.
#include <pthread.h>       // pthread_*
#include <string.h>        // memcpy strlen
#include <sys/syscall.h>   // SYS_gettid
#include <unistd.h>        // syscall

#include "modules/modules_internal.h"

#include "eval/eval.h"                 // ft_eval_thread_init ft_eval_thread_fini
#include "objects/abstract.h"          // ft_object_*
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/float.h"             // ft_float_*
#include "objects/int.h"               // ft_int_* ft_bool_from
#include "objects/method_def.h"        // FtMethodDef
#include "objects/module.h"            // ft_module_*
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_ready
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_*
#include "runtime/thread_state.h"      // ft_thread_state_* ft_thread_attach
#include "sync/atomic.h"               // ft_atomic_*
#include "sync/event.h"                // FtEvent
#include "sync/mutex.h"                // FtMutex

// CPython's _thread.TIMEOUT_MAX on Linux (PY_TIMEOUT_MAX in seconds).
#define THREAD_TIMEOUT_MAX 9223372036.0
// The smallest stack_size() CPython 3.14 accepts on Linux x86-64.
#define THREAD_STACK_MIN 53248

typedef struct {
    Ft_ssize running;            // atomic: threads started by this module that have not finished
    uintptr_t main_ident;        // immutable: get_ident() of the thread that created the module
                                 // (the main thread: ft_modules_init imports _thread at start-up)
    FtThreadState *main_ts;      // immutable: that thread's state, for interrupt_main()
    Ft_ssize stack_size;         // atomic (relaxed): threading.stack_size(); 0 = the default
    FtMutex import_locks_mutex;  // makes "find or create" in import_locks atomic
    FtObject *import_locks;      // dict name -> RLock; the pointer is immutable, the dict locks itself
} ThreadModuleState;

typedef struct {
    FtObject ob_base;
    FtMutex mutex;      // the lock itself
} LockObject;

typedef struct {
    FtObject ob_base;
    FtMutex mutex;
    uintptr_t owner;    // atomic (relaxed): the holder's get_ident(), 0 when free
    size_t count;       // guarded_by(mutex)
} RLockObject;

// States of HandleObject.state.
enum { HANDLE_NOT_STARTED = 0, HANDLE_STARTING = 1, HANDLE_RUNNING = 2 };

typedef struct {
    FtObject ob_base;
    uintptr_t ident;    // atomic (relaxed): the thread's get_ident(), 0 before it starts; stored
                        // by the starter and by the thread itself (the same value), so that the
                        // thread sees it from its first instruction
    int state;          // atomic: HANDLE_*; NOT_STARTED -> STARTING by the one starter (CAS)
    FtEvent done;       // set when the thread has finished (or by _set_done)
} HandleObject;

static FtTypeObject lock_type, rlock_type, handle_type;

static uintptr_t
current_ident(void)
{
    return (uintptr_t)pthread_self();
}

/* --- Timeouts --- */

// acquire(blocking=True, timeout=-1) into a sync-layer timeout (ns: -1 forever, 0 try). 0 or -1.
static int
parse_acquire_args(FtObject *const *args, Ft_ssize nargs, FtObject *kwnames, int64_t *timeout_ns)
{
    static const char *const names[] = {"blocking", "timeout"};
    static const FtArgSpec spec = {"acquire", names, 2, 0, 2, 0};
    FtObject *a[2];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return -1;
    bool blocking = true;
    if (a[0] != NULL) {
        int truth = ft_object_is_true(a[0]);
        if (truth < 0)
            return -1;
        blocking = truth == 1;
    }
    double timeout = -1.0;
    if (a[1] != NULL) {
        if (ft_args_real(a[1], 1, &timeout) < 0)
            return -1;
    }
    if (!blocking && timeout != -1.0) {
        ft_error_set_string(&ft_exc_value_error, "can't specify a timeout for a non-blocking call");
        return -1;
    }
    if (timeout < 0 && timeout != -1.0) {
        ft_error_set_string(&ft_exc_value_error, "timeout value must be a non-negative number");
        return -1;
    }
    if (timeout > THREAD_TIMEOUT_MAX) {
        ft_error_set_string(&ft_exc_overflow_error, "timeout value is too large");
        return -1;
    }
    if (!blocking)
        *timeout_ns = 0;
    else if (timeout == -1.0)
        *timeout_ns = -1;
    else
        *timeout_ns = (int64_t)(timeout * 1e9);
    return 0;
}

/* --- lock --- */

static FtObject *
lock_new_ref(void)
{
    return ft_object_new_of_type(&lock_type, 0);
}

static FtObject *
lock_acquire(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    int64_t timeout_ns;
    if (parse_acquire_args(args, nargs, kwnames, &timeout_ns) < 0)
        return NULL;
    int r = ft_mutex_lock_timed(&((LockObject *)self)->mutex, timeout_ns, FT_LOCK_DETACH);
    return ft_new_ref(ft_bool_from(r == FT_LOCK_ACQUIRED));
}

static FtObject *
lock_enter(FtObject *self)
{
    ft_mutex_lock(&((LockObject *)self)->mutex);
    return ft_new_ref(ft_bool_from(true));
}

static FtObject *
lock_release(FtObject *self)
{
    LockObject *l = (LockObject *)self;
    // A racy check, as CPython's: releasing a lock someone else is releasing is a program error.
    if (!ft_mutex_is_locked(&l->mutex))
        return ft_error_format(&ft_exc_runtime_error, "release unlocked lock");
    ft_mutex_unlock(&l->mutex);
    return ft_none_ref();
}

static FtObject *
lock_exit(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)args;
    (void)nargs;
    return lock_release(self);
}

static FtObject *
lock_locked(FtObject *self)
{
    return ft_new_ref(ft_bool_from(ft_mutex_is_locked(&((LockObject *)self)->mutex)));
}

static FtObject *
lock_repr(FtObject *self)
{
    return ft_str_from_format_ref("<%s %s object at %p>",
                                  ft_mutex_is_locked(&((LockObject *)self)->mutex) ? "locked" : "unlocked",
                                  ft_object_type(self)->tp_name, (void *)self);
}

static FtObject *
lock_type_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    (void)args;
    if (ft_args_no_kwargs("lock", kwnames) < 0 ||
        ft_args_check_positional("lock", ft_vectorcall_nargs(nargsf), 0, 0) < 0)
        return NULL;
    return lock_new_ref();
}

static const FtMethodDef lock_methods[] = {
    {"acquire", {.fast_kw = lock_acquire}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Lock the lock."},
    {"acquire_lock", {.fast_kw = lock_acquire}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "An obsolete synonym of acquire()."},
    {"release", {.noargs = lock_release}, FT_METH_NOARGS, "Release the lock."},
    {"release_lock", {.noargs = lock_release}, FT_METH_NOARGS, "An obsolete synonym of release()."},
    {"locked", {.noargs = lock_locked}, FT_METH_NOARGS, "Test whether the lock is currently locked."},
    {"locked_lock", {.noargs = lock_locked}, FT_METH_NOARGS, "An obsolete synonym of locked()."},
    {"__enter__", {.noargs = lock_enter}, FT_METH_NOARGS, "Lock the lock."},
    {"__exit__", {.fast = lock_exit}, FT_METH_FASTCALL, "Release the lock."},
    {NULL, {NULL}, 0, NULL},
};

static FtTypeObject lock_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_thread.lock",
    .tp_basicsize = sizeof(LockObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = lock_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = lock_methods,
    .tp_new = lock_type_new,
    .tp_doc = "A lock object is a synchronization primitive.",
};

/* --- RLock --- */

static uintptr_t
rlock_owner(RLockObject *r)
{
    // relaxed: see the file block (only the holder writes its own ident here).
    return ft_atomic_load_uintptr_relaxed(&r->owner);
}

static FtObject *
rlock_acquire(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    RLockObject *r = (RLockObject *)self;
    int64_t timeout_ns;
    if (parse_acquire_args(args, nargs, kwnames, &timeout_ns) < 0)
        return NULL;
    uintptr_t me = current_ident();
    if (rlock_owner(r) == me) {
        r->count++;
        return ft_new_ref(ft_bool_from(true));
    }
    if (ft_mutex_lock_timed(&r->mutex, timeout_ns, FT_LOCK_DETACH) != FT_LOCK_ACQUIRED)
        return ft_new_ref(ft_bool_from(false));
    ft_atomic_store_uintptr_relaxed(&r->owner, me);   // relaxed: see rlock_owner
    r->count = 1;
    return ft_new_ref(ft_bool_from(true));
}

static FtObject *
rlock_enter(FtObject *self)
{
    return rlock_acquire(self, NULL, 0, NULL);
}

static FtObject *
rlock_release(FtObject *self)
{
    RLockObject *r = (RLockObject *)self;
    if (rlock_owner(r) != current_ident())
        return ft_error_format(&ft_exc_runtime_error, "cannot release un-acquired lock");
    if (--r->count == 0) {
        ft_atomic_store_uintptr_relaxed(&r->owner, 0);   // relaxed: see rlock_owner
        ft_mutex_unlock(&r->mutex);
    }
    return ft_none_ref();
}

static FtObject *
rlock_exit(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)args;
    (void)nargs;
    return rlock_release(self);
}

static FtObject *
rlock_is_owned(FtObject *self)
{
    return ft_new_ref(ft_bool_from(rlock_owner((RLockObject *)self) == current_ident()));
}

static FtObject *
rlock_locked(FtObject *self)
{
    return ft_new_ref(ft_bool_from(rlock_owner((RLockObject *)self) != 0));
}

static FtObject *
rlock_recursion_count(FtObject *self)
{
    RLockObject *r = (RLockObject *)self;
    return ft_int_from_int64_ref(rlock_owner(r) == current_ident() ? (int64_t)r->count : 0);
}

// threading.Condition's helpers: fully release (returning the state) and re-acquire it.
static FtObject *
rlock_release_save(FtObject *self)
{
    RLockObject *r = (RLockObject *)self;
    if (rlock_owner(r) != current_ident() || r->count == 0)
        return ft_error_format(&ft_exc_runtime_error, "cannot release un-acquired lock");
    FtObject *count = ft_int_from_int64_ref((int64_t)r->count);
    FtObject *owner = ft_int_from_int64_ref((int64_t)rlock_owner(r));
    FtObject *state = count != NULL && owner != NULL ? ft_tuple_pack_ref(2, count, owner) : NULL;
    ft_xdecref(count);
    ft_xdecref(owner);
    if (state == NULL)
        return NULL;
    r->count = 0;
    ft_atomic_store_uintptr_relaxed(&r->owner, 0);   // relaxed: see rlock_owner
    ft_mutex_unlock(&r->mutex);
    return state;
}

static FtObject *
rlock_acquire_restore(FtObject *self, FtObject *state)
{
    RLockObject *r = (RLockObject *)self;
    if (!ft_tuple_check(state) || ft_tuple_size(state) != 2)
        return ft_error_format(&ft_exc_type_error, "_acquire_restore() argument must be a 2-tuple");
    bool ok1 = true, ok2 = true;
    int64_t count = ft_int_as_int64(ft_tuple_get_item_borrow(state, 0), &ok1);
    int64_t owner = ft_int_as_int64(ft_tuple_get_item_borrow(state, 1), &ok2);
    if (!ok1 || !ok2 || ft_error_occurred())
        return NULL;
    ft_mutex_lock(&r->mutex);
    ft_atomic_store_uintptr_relaxed(&r->owner, (uintptr_t)owner);   // relaxed: see rlock_owner
    r->count = (size_t)count;
    return ft_none_ref();
}

static FtObject *
rlock_repr(FtObject *self)
{
    RLockObject *r = (RLockObject *)self;
    uintptr_t owner = rlock_owner(r);
    // The count is read racily when another thread owns the lock, as CPython does.
    return ft_str_from_format_ref("<%s %s object owner=%zu count=%zu at %p>",
                                  owner != 0 ? "locked" : "unlocked", ft_object_type(self)->tp_name,
                                  (size_t)owner, owner != 0 ? r->count : (size_t)0, (void *)self);
}

static FtObject *
rlock_type_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return ft_object_new_of_type(type, 0);
}

static const FtMethodDef rlock_methods[] = {
    {"acquire", {.fast_kw = rlock_acquire}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Lock the lock."},
    {"release", {.noargs = rlock_release}, FT_METH_NOARGS, "Release the lock."},
    {"locked", {.noargs = rlock_locked}, FT_METH_NOARGS, "Tell whether this lock is acquired."},
    {"_is_owned", {.noargs = rlock_is_owned}, FT_METH_NOARGS, "For internal use by `threading.Condition`."},
    {"_recursion_count", {.noargs = rlock_recursion_count}, FT_METH_NOARGS, "For internal use by reentrancy checks."},
    {"_release_save", {.noargs = rlock_release_save}, FT_METH_NOARGS, "For internal use by `threading.Condition`."},
    {"_acquire_restore", {.o = rlock_acquire_restore}, FT_METH_O, "For internal use by `threading.Condition`."},
    {"__enter__", {.noargs = rlock_enter}, FT_METH_NOARGS, "Lock the lock."},
    {"__exit__", {.fast = rlock_exit}, FT_METH_FASTCALL, "Release the lock."},
    {NULL, {NULL}, 0, NULL},
};

static FtTypeObject rlock_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_thread.RLock",
    .tp_basicsize = sizeof(RLockObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = rlock_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = rlock_methods,
    .tp_new = rlock_type_new,
};

/* --- _ThreadHandle --- */

static uintptr_t
handle_ident(HandleObject *h)
{
    // relaxed: both writers store the same value; see the field's comment.
    return ft_atomic_load_uintptr_relaxed(&h->ident);
}

// A handle that is already running thread ident (threading's main and dummy threads).
static HandleObject *
handle_new_running(uintptr_t ident)
{
    HandleObject *h = (HandleObject *)ft_object_new_of_type(&handle_type, 0);
    if (h != NULL) {
        h->ident = ident;            // unpublished: plain stores
        h->state = HANDLE_RUNNING;
    }
    return h;
}

static FtObject *
handle_type_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    if (ft_args_no_kwargs("_ThreadHandle", kwnames) < 0 ||
        ft_args_check_positional("_ThreadHandle", ft_vectorcall_nargs(nargsf), 0, 0) < 0)
        return NULL;
    return ft_object_new_of_type(type, 0);
}

static FtObject *
handle_set_done(FtObject *self)
{
    ft_event_notify(&((HandleObject *)self)->done);
    return ft_none_ref();
}

static FtObject *
handle_join(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    HandleObject *h = (HandleObject *)self;
    static const char *const names[] = {"timeout"};
    static const FtArgSpec spec = {"join", names, 1, 0, 1, 0};
    FtObject *a[1];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    int64_t timeout_ns = -1;
    if (a[0] != NULL && !ft_object_is_none(a[0])) {
        double t;
        if (ft_args_real(a[0], 1, &t) < 0)
            return NULL;
        timeout_ns = t <= 0 ? 0 : t > THREAD_TIMEOUT_MAX ? -1 : (int64_t)(t * 1e9);
    }
    // acquire: pairs with the release CAS in start_thread (the ident is stored before it is read).
    if (ft_atomic_load_int_acquire(&h->state) == HANDLE_NOT_STARTED)
        return ft_error_format(&ft_exc_runtime_error, "thread not started");
    if (handle_ident(h) == current_ident() && !ft_event_is_set(&h->done))
        return ft_error_format(&ft_exc_runtime_error, "Cannot join current thread");
    ft_event_wait_timed(&h->done, timeout_ns, 1);
    return ft_none_ref();
}

static FtObject *
handle_is_done(FtObject *self)
{
    return ft_new_ref(ft_bool_from(ft_event_is_set(&((HandleObject *)self)->done)));
}

static FtObject *
handle_get_ident(FtObject *self, void *closure)
{
    (void)closure;
    return ft_int_from_int64_ref((int64_t)handle_ident((HandleObject *)self));
}

static FtObject *
handle_repr(FtObject *self)
{
    return ft_str_from_format_ref("<%s object: ident=%zu>", ft_object_type(self)->tp_name,
                                  (size_t)handle_ident((HandleObject *)self));
}

static const FtMethodDef handle_methods[] = {
    {"join", {.fast_kw = handle_join}, FT_METH_FASTCALL | FT_METH_KEYWORDS, NULL},
    {"is_done", {.noargs = handle_is_done}, FT_METH_NOARGS, NULL},
    {"_set_done", {.noargs = handle_set_done}, FT_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef handle_getset[] = {
    {"ident", handle_get_ident, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtTypeObject handle_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_thread._ThreadHandle",
    .tp_basicsize = sizeof(HandleObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = handle_repr,
    .tp_new = handle_type_new,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = handle_methods,
    .tp_getset = handle_getset,
};

/* --- Starting threads --- */

// What a new thread needs; allocated by the starter, freed by the thread.
typedef struct {
    FtThreadState *ts;          // created by the starter, bound by the thread
    FtObject *func;             // strong
    FtObject *args;             // strong tuple
    FtObject *kwargs;           // strong dict or NULL
    FtObject *handle;           // strong HandleObject or NULL
    FtObject *module;           // strong: keeps the module state alive
    ThreadModuleState *state;
} ThreadBoot;

// Calls func(*args, **kwargs). A new reference or NULL.
static FtObject *
call_with_tuple_dict(FtObject *func, FtObject *args, FtObject *kwargs)
{
    Ft_ssize nargs = ft_tuple_size(args);
    if (kwargs == NULL || ft_dict_size(kwargs) == 0)
        return ft_object_vectorcall_ref(func, ((FtTupleObject *)args)->items, (size_t)nargs, NULL);
    // A snapshot of the items (dict.items() takes the dict's lock).
    FtObject *view = ft_object_call_method_cstr_ref(kwargs, "items", NULL, 0);
    FtObject *items = view != NULL ? ft_sequence_tuple_ref(view) : NULL;
    ft_xdecref(view);
    if (items == NULL)
        return NULL;
    Ft_ssize nkw = ft_tuple_size(items);
    FtObject **stack = ft_runtime_mem_zalloc((size_t)(nargs + nkw + 1) * sizeof(FtObject *));
    FtObject *names = ft_tuple_new_ref(nkw);
    FtObject *res = NULL;
    if (stack == NULL || names == NULL) {
        if (stack == NULL)
            ft_error_no_memory();
        goto done;
    }
    for (Ft_ssize i = 0; i < nargs; i++)
        stack[i] = ft_tuple_get_item_borrow(args, i);
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *pair = ft_tuple_get_item_borrow(items, k);
        ft_tuple_set_item_steal_unlocked(names, k, ft_new_ref(ft_tuple_get_item_borrow(pair, 0)));
        stack[nargs + k] = ft_tuple_get_item_borrow(pair, 1);
    }
    // args and items keep every borrowed argument alive during the call.
    res = ft_object_vectorcall_ref(func, stack, (size_t)nargs, nkw > 0 ? names : NULL);
done:
    ft_runtime_mem_free(stack);
    ft_xdecref(names);
    ft_decref(items);
    return res;
}

// "Exception ignored in thread started by <func>" through sys.unraisablehook (SystemExit is
// silent), as CPython's thread_run.
static void
report_thread_exception(FtObject *func)
{
    FtObject *exc = ft_error_fetch_ref();
    if (exc == NULL || ft_error_given_matches(exc, (FtObject *)&ft_exc_system_exit)) {
        ft_xdecref(exc);
        return;
    }
    FtObject *msg = ft_str_from_format_ref("Exception ignored in thread started by %R", func);
    if (msg == NULL)
        ft_error_clear();
    ft_sys_write_unraisable_steal(exc, msg, NULL);
    ft_xdecref(msg);
}

static void *
thread_main(void *arg)
{
    ThreadBoot *boot = arg;
    if (boot->handle != NULL)   // relaxed: see HandleObject.ident
        ft_atomic_store_uintptr_relaxed(&((HandleObject *)boot->handle)->ident, current_ident());
    ft_thread_state_bind(boot->ts);
    ft_thread_attach(boot->ts);
    bool eval_ready = ft_eval_thread_init() == 0;
    if (eval_ready) {
        FtObject *res = call_with_tuple_dict(boot->func, boot->args, boot->kwargs);
        if (res == NULL)
            report_thread_exception(boot->func);
        ft_xdecref(res);
    } else {
        ft_error_clear();
    }
    // Dropped while the thread can still run Python code: they may be the last references to
    // objects with finalizers (__del__).
    ft_decref(boot->func);
    ft_decref(boot->args);
    ft_xdecref(boot->kwargs);
    if (eval_ready) {
        ft_modules_thread_fini();
        ft_eval_thread_fini();
    }
    // seq_cst: pairs with the loads in thread__count(); a statistic, but cheap enough to order.
    ft_atomic_add_ssize_seqcst(&boot->state->running, -1);
    ft_decref(boot->module);
    FtObject *handle = boot->handle;
    ft_runtime_mem_free(boot);
    if (handle != NULL) {
        // After every reference this thread held on the caller's objects is gone: join() returns
        // only once they are dropped.
        ft_event_notify(&((HandleObject *)handle)->done);
        ft_decref(handle);
    }
    ft_thread_state_delete_current();
    return NULL;
}

// Starts func(*args, **kwargs) on a new detached OS thread. A new handle (when want_handle) or the
// thread's ident as an int; NULL on error.
static FtObject *
start_thread(FtObject *module, FtObject *func, FtObject *args, FtObject *kwargs, bool want_handle,
             FtObject *given_handle)
{
    ThreadModuleState *state = ((FtModuleObject *)module)->md_state;
    HandleObject *handle = NULL;
    if (given_handle != NULL) {
        handle = (HandleObject *)ft_new_ref(given_handle);
    } else if (want_handle) {
        handle = (HandleObject *)ft_object_new_of_type(&handle_type, 0);
        if (handle == NULL)
            return NULL;
    }
    if (handle != NULL) {
        int expected = HANDLE_NOT_STARTED;
        // acq_rel: only one starter wins; see handle_join for the acquire side.
        if (!ft_atomic_cas_int_acq_rel(&handle->state, &expected, HANDLE_STARTING)) {
            ft_decref((FtObject *)handle);
            return ft_error_format(&ft_exc_runtime_error, "thread already started");
        }
    }
    ThreadBoot *boot = ft_runtime_mem_zalloc(sizeof *boot);
    if (boot == NULL) {
        ft_xdecref((FtObject *)handle);
        return ft_error_no_memory();
    }
    boot->ts = ft_thread_state_new(ft_interp_main());
    if (boot->ts == NULL) {
        ft_xdecref((FtObject *)handle);
        ft_runtime_mem_free(boot);
        return ft_error_no_memory();
    }
    boot->func = ft_new_ref(func);
    boot->args = ft_new_ref(args);
    boot->kwargs = kwargs != NULL ? ft_new_ref(kwargs) : NULL;
    boot->handle = handle != NULL ? ft_new_ref((FtObject *)handle) : NULL;
    boot->module = ft_new_ref(module);
    boot->state = state;
    ft_atomic_add_ssize_seqcst(&state->running, 1);   // seq_cst: see thread_main
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setdetachstate(&attr, PTHREAD_CREATE_DETACHED);
    // relaxed: a size set concurrently applies to this thread or the next, either is fine.
    Ft_ssize stack = ft_atomic_load_ssize_relaxed(&state->stack_size);
    if (stack > 0)
        pthread_attr_setstacksize(&attr, (size_t)stack);
    pthread_t tid;
    int err = pthread_create(&tid, &attr, thread_main, boot);
    pthread_attr_destroy(&attr);
    if (err != 0) {
        ft_atomic_add_ssize_seqcst(&state->running, -1);
        ft_decref(boot->func);
        ft_decref(boot->args);
        ft_xdecref(boot->kwargs);
        ft_xdecref(boot->handle);
        ft_decref(boot->module);
        // TODO(#4): the unused thread state is left in the interpreter's list (runtime/ has no
        // delete-for-another-thread entry point yet).
        ft_runtime_mem_free(boot);
        if (handle != NULL)   // release: see handle_join; the handle may be started again
            ft_atomic_store_int_release(&handle->state, HANDLE_NOT_STARTED);
        ft_xdecref((FtObject *)handle);
        return ft_error_format(&ft_exc_runtime_error, "can't start new thread");
    }
    if (handle != NULL) {
        ft_atomic_store_uintptr_relaxed(&handle->ident, (uintptr_t)tid);   // relaxed: see the field
        // release: pairs with the acquire in handle_join (the ident is set before join looks).
        ft_atomic_store_int_release(&handle->state, HANDLE_RUNNING);
        return (FtObject *)handle;
    }
    return ft_int_from_int64_ref((int64_t)(uintptr_t)tid);
}

static FtObject *
thread_module_borrow(void)
{
    FtObject *m = NULL;
    if (ft_dict_get_item_str_ref(ft_interp_main()->modules_dict, "_thread", &m) <= 0 ||
        !ft_module_check(m) || ((FtModuleObject *)m)->md_state == NULL) {
        ft_xdecref(m);
        if (!ft_error_occurred())
            ft_error_set_string(&ft_exc_runtime_error, "_thread module state is missing");
        return NULL;
    }
    // sys.modules keeps the module alive while the caller uses it.
    ft_decref(m);
    return m;
}

static FtObject *
thread_start_new_thread(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("start_new_thread", nargs, 2, 3) < 0)
        return NULL;
    if (ft_object_type(args[0])->tp_call == NULL)
        return ft_error_format(&ft_exc_type_error, "first arg must be callable");
    if (!ft_tuple_check(args[1]))
        return ft_error_format(&ft_exc_type_error, "2nd arg must be a tuple");
    if (nargs == 3 && !ft_dict_check(args[2]))
        return ft_error_format(&ft_exc_type_error, "optional 3rd arg must be a dictionary");
    FtObject *module = thread_module_borrow();
    if (module == NULL)
        return NULL;
    return start_thread(module, args[0], args[1], nargs == 3 ? args[2] : NULL, false, NULL);
}

static FtObject *
thread_start_joinable_thread(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"function", "handle", "daemon"};
    static const FtArgSpec spec = {"start_joinable_thread", names, 3, 0, 1, 1};
    FtObject *a[3];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    if (ft_object_type(a[0])->tp_call == NULL)
        return ft_error_format(&ft_exc_type_error, "thread function must be callable");
    FtObject *given = a[1] != NULL && !ft_object_is_none(a[1]) ? a[1] : NULL;
    if (given != NULL && ft_object_type(given) != &handle_type)
        return ft_error_format(&ft_exc_type_error, "'handle' must be a _ThreadHandle");
    // daemon= only matters to threading._shutdown, which does not wait yet (TODO(#4)).
    FtObject *module = thread_module_borrow();
    if (module == NULL)
        return NULL;
    FtObject *empty = ft_tuple_new_ref(0);
    if (empty == NULL)
        return NULL;
    FtObject *res = start_thread(module, a[0], empty, NULL, true, given);
    ft_decref(empty);
    return res;
}

static FtObject *
thread_allocate_lock(FtObject *self)
{
    (void)self;
    return lock_new_ref();
}

static FtObject *
thread_get_ident(FtObject *self)
{
    (void)self;
    return ft_int_from_int64_ref((int64_t)current_ident());
}

static FtObject *
thread_get_native_id(FtObject *self)
{
    (void)self;
    return ft_int_from_int64_ref((int64_t)syscall(SYS_gettid));
}

static FtObject *
thread__count(FtObject *self)
{
    (void)self;
    FtObject *module = thread_module_borrow();
    if (module == NULL)
        return NULL;
    ThreadModuleState *state = ((FtModuleObject *)module)->md_state;
    return ft_int_from_int64_ref(ft_atomic_load_ssize_seqcst(&state->running));   // seq_cst: see thread_main
}

static FtObject *
thread_exit(FtObject *self)
{
    (void)self;
    ft_error_set_none(&ft_exc_system_exit);
    return NULL;
}

static ThreadModuleState *
thread_state_borrow(void)
{
    FtObject *module = thread_module_borrow();
    return module != NULL ? ((FtModuleObject *)module)->md_state : NULL;
}

FtObject *
ft_thread_import_lock_ref(FtObject *name)
{
    ThreadModuleState *state = thread_state_borrow();
    if (state == NULL)
        return NULL;
    FtObject *lock = NULL;
    ft_mutex_lock(&state->import_locks_mutex);
    int found = ft_dict_get_item_ref(state->import_locks, name, &lock);
    if (found == 0) {
        lock = ft_object_new_of_type(&rlock_type, 0);
        if (lock != NULL && ft_dict_set_item(state->import_locks, name, lock) < 0) {
            ft_decref(lock);
            lock = NULL;
        }
    }
    ft_mutex_unlock(&state->import_locks_mutex);
    return lock;
}

static FtObject *
thread_make_thread_handle(FtObject *self, FtObject *arg)
{
    (void)self;
    Ft_ssize ident = ft_number_as_ssize(arg, &ft_exc_overflow_error);
    if (ident == -1 && ft_error_occurred())
        return NULL;
    return (FtObject *)handle_new_running((uintptr_t)ident);
}

static FtObject *
thread_get_main_thread_ident(FtObject *self)
{
    (void)self;
    ThreadModuleState *state = thread_state_borrow();
    return state != NULL ? ft_int_from_int64_ref((int64_t)state->main_ident) : NULL;
}

static FtObject *
thread_is_main_interpreter(FtObject *self)
{
    (void)self;
    return ft_new_ref(ft_bool_from(true));
}

// stack_size([size]): the size for new threads (0: the platform default); returns the old one.
static FtObject *
thread_stack_size(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("stack_size", nargs, 0, 1) < 0)
        return NULL;
    ThreadModuleState *state = thread_state_borrow();
    if (state == NULL)
        return NULL;
    // relaxed: see start_thread.
    Ft_ssize old = ft_atomic_load_ssize_relaxed(&state->stack_size);
    if (nargs == 1) {
        Ft_ssize size = ft_number_as_ssize(args[0], &ft_exc_overflow_error);
        if (size == -1 && ft_error_occurred())
            return NULL;
        // CPython 3.14's minimum on Linux x86-64 (the oracle's message).
        if (size != 0 && size < THREAD_STACK_MIN)
            return ft_error_format(&ft_exc_value_error, "size must be at least %d bytes", THREAD_STACK_MIN);
        ft_atomic_store_ssize_relaxed(&state->stack_size, size);
    }
    return ft_int_from_int64_ref(old);
}

// set_name(name): the OS thread name, truncated to 15 bytes of UTF-8 on a character boundary.
static FtObject *
thread_set_name(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"name"};
    static const FtArgSpec spec = {"set_name", names, 1, 0, 1, 1};
    FtObject *a[1];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    if (!ft_str_check(a[0]))
        return ft_error_format(&ft_exc_type_error, "set_name() argument 'name' must be str, not %T", a[0]);
    Ft_ssize len;
    const char *utf8 = ft_str_as_utf8(a[0], &len);
    if (utf8 == NULL)
        return NULL;
    char buf[16];
    Ft_ssize n = len < 15 ? len : 15;
    while (n > 0 && n < len && ((unsigned char)utf8[n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, utf8, (size_t)n);
    buf[n] = '\0';
    pthread_setname_np(pthread_self(), buf);
    return ft_none_ref();
}

static FtObject *
thread_get_name(FtObject *self)
{
    (void)self;
    char buf[64];
    if (pthread_getname_np(pthread_self(), buf, sizeof buf) != 0)
        return ft_none_ref();
    return ft_str_from_utf8_ref(buf, (Ft_ssize)strlen(buf));
}

// interrupt_main(signum=SIGINT): the main thread raises KeyboardInterrupt at its next safe point.
static FtObject *
thread_interrupt_main(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"signum"};
    static const FtArgSpec spec = {"interrupt_main", names, 1, 0, 1, 0};
    FtObject *a[1];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    if (a[0] != NULL) {
        Ft_ssize signum = ft_number_as_ssize(a[0], &ft_exc_overflow_error);
        if (signum == -1 && ft_error_occurred())
            return NULL;
        if (signum != 2)   // TODO(#4): other signals once the signal module runs handlers
            return ft_error_format(&ft_exc_not_implemented_error,
                                   "interrupt_main() supports only SIGINT for now");
    }
    ThreadModuleState *state = thread_state_borrow();
    if (state == NULL)
        return NULL;
    ft_eval_breaker_set(state->main_ts, FT_EVAL_ASYNC_EXC);
    return ft_none_ref();
}

// threading._shutdown(): TODO(#4) wait for the non-daemon threads (needs threading's handle set).
static FtObject *
thread__shutdown(FtObject *self)
{
    (void)self;
    return ft_none_ref();
}

static FtObject *
thread_daemon_threads_allowed(FtObject *self)
{
    (void)self;
    return ft_new_ref(ft_bool_from(true));
}

static const FtMethodDef thread_methods[] = {
    {"start_new_thread", {.fast = thread_start_new_thread}, FT_METH_FASTCALL, "Start a new thread and return its identifier."},
    {"start_new", {.fast = thread_start_new_thread}, FT_METH_FASTCALL, "An obsolete synonym of start_new_thread()."},
    {"start_joinable_thread", {.fast_kw = thread_start_joinable_thread}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Start a new thread and return a handle to join it."},
    {"allocate_lock", {.noargs = thread_allocate_lock}, FT_METH_NOARGS, "Create a new lock object."},
    {"allocate", {.noargs = thread_allocate_lock}, FT_METH_NOARGS, "An obsolete synonym of allocate_lock()."},
    {"get_ident", {.noargs = thread_get_ident}, FT_METH_NOARGS, "Return a non-zero integer that uniquely identifies the current thread."},
    {"get_native_id", {.noargs = thread_get_native_id}, FT_METH_NOARGS, "Return the native integral thread ID of the current thread."},
    {"_count", {.noargs = thread__count}, FT_METH_NOARGS, "Return the number of currently running Python threads."},
    {"exit", {.noargs = thread_exit}, FT_METH_NOARGS, "Raise SystemExit."},
    {"exit_thread", {.noargs = thread_exit}, FT_METH_NOARGS, "An obsolete synonym of exit()."},
    {"daemon_threads_allowed", {.noargs = thread_daemon_threads_allowed}, FT_METH_NOARGS, NULL},
    {"_make_thread_handle", {.o = thread_make_thread_handle}, FT_METH_O, "Internal only. Make a thread handle for threads not spawned by the _thread or threading module."},
    {"_get_main_thread_ident", {.noargs = thread_get_main_thread_ident}, FT_METH_NOARGS, "Internal only. Return a non-zero integer that uniquely identifies the main thread of the main interpreter."},
    {"_is_main_interpreter", {.noargs = thread_is_main_interpreter}, FT_METH_NOARGS, "Return True if the current interpreter is the main Python interpreter."},
    {"stack_size", {.fast = thread_stack_size}, FT_METH_FASTCALL, "Return the thread stack size used when creating new threads."},
    {"set_name", {.fast_kw = thread_set_name}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Set the name of the current thread."},
    {"_get_name", {.noargs = thread_get_name}, FT_METH_NOARGS, "Get the name of the current thread."},
    {"interrupt_main", {.fast_kw = thread_interrupt_main}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Simulate the arrival of the given signal in the main thread."},
    {"_shutdown", {.noargs = thread__shutdown}, FT_METH_NOARGS, "Wait for all non-daemon threads (other than the calling thread) to stop."},
    {NULL, {NULL}, 0, NULL},
};

FtObject *
ft_thread_module_create_ref(void)
{
    if (ft_type_ready(&lock_type) < 0 || ft_type_ready(&rlock_type) < 0 ||
        ft_type_ready(&handle_type) < 0)
        return NULL;
    FtObject *module = ft_module_new_cstr_ref("_thread");
    if (module == NULL)
        return NULL;
    ThreadModuleState *state = ft_runtime_mem_zalloc(sizeof *state);
    if (state == NULL) {
        ft_decref(module);
        return ft_error_no_memory();
    }
    // TODO(#4): the module's dealloc should free md_state; modules are deferred and never freed yet.
    state->import_locks = ft_dict_new_ref();
    if (state->import_locks == NULL) {
        ft_runtime_mem_free(state);
        ft_decref(module);
        return NULL;
    }
    state->main_ident = current_ident();
    state->main_ts = ft_thread_state_current();
    ((FtModuleObject *)module)->md_state = state;
    FtObject *d = ft_module_dict_borrow(module);
    for (const FtMethodDef *def = thread_methods; def->name != NULL; def++) {
        if (ft_module_add_object_steal(module, def->name, ft_cfunction_new_ref(def, module)) < 0)
            goto error;
    }
    if (ft_dict_set_item_str(d, "LockType", (FtObject *)&lock_type) < 0 ||
        ft_dict_set_item_str(d, "lock", (FtObject *)&lock_type) < 0 ||
        ft_dict_set_item_str(d, "RLock", (FtObject *)&rlock_type) < 0 ||
        ft_dict_set_item_str(d, "_ThreadHandle", (FtObject *)&handle_type) < 0 ||
        ft_dict_set_item_str(d, "error", (FtObject *)&ft_exc_runtime_error) < 0 ||
        ft_module_add_object_steal(module, "TIMEOUT_MAX", ft_float_from_double_ref(THREAD_TIMEOUT_MAX)) < 0 ||
        ft_module_add_object_steal(module, "_NAME_MAXLEN", ft_int_from_int64_ref(15)) < 0)
        goto error;
    return module;
error:
    ft_decref(module);
    return NULL;
}

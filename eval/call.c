// eval/call.c: entering Python code from C (CPython's _PyEval_Vector, initialize_locals and
// PyEval_EvalCode): binding arguments to parameters with CPython's TypeError texts, and running a
// function, a module or exec code, or a class body in a new frame.
//
// Owns: ft_eval_function_vectorcall_ref (the function type's tp_call), ft_eval_code_ref,
//   ft_eval_function_with_locals_ref, ft_eval_frame_init_function.
// Invariant: a bound frame holds a new reference (or a deferred one) in every parameter slot it
//   fills; the positional-only fast path builds no tuple and no dict.
// Concurrency: runs on the calling thread; the function's mutable attributes (defaults, kwdefaults)
//   are read with acquire loads and borrowed (their writers retire old values through QSBR), so a
//   concurrent `f.__defaults__ = ...` is seen whole or not at all.
#include <stdlib.h>   // malloc free

#include "eval/call.h"

#include "eval/eval.h"                 // ft_eval_code_ref
#include "eval/eval_internal.h"        // ft_frame_stack_* ft_eval_frame
#include "objects/code.h"              // FtCodeObject FT_CO_*
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/function.h"          // FtFunctionObject
#include "objects/object.h"            // ft_vectorcall_nargs
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "runtime/refcount.h"          // ft_incref
#include "sync/atomic.h"               // ft_atomic_load_ptr_acquire

static void
frame_fill(FtFrame *frame, FtCodeObject *code)
{
    frame->f_executable = ft_eval_frame_hold_ref((FtObject *)code);
    frame->previous = NULL;
    frame->f_funcobj = NULL;
    frame->f_globals = NULL;
    frame->f_builtins = NULL;
    frame->f_locals = NULL;
    frame->frame_obj = NULL;
    frame->instr_ptr = code->co_code_adaptive;
    frame->stackpointer = 0;
    frame->return_offset = 0;
    frame->owner = FT_FRAME_OWNED_BY_THREAD;
    frame->is_entry = 0;
    for (int i = 0; i < code->co_nlocalsplus; i++)
        frame->localsplus[i] = FT_STACKREF_NULL;
}

// "'a'", "'a' and 'b'", "'a', 'b', and 'c'" for the names of the empty slots in [lo, hi).
static FtObject *
format_missing_names(FtCodeObject *code, FtFrame *frame, int lo, int hi, int *count)
{
    FtStrWriter w = {0};
    int n = 0, total = 0;
    for (int i = lo; i < hi; i++)
        if (ft_stackref_is_null(frame->localsplus[i]))
            total++;
    for (int i = lo; i < hi; i++) {
        if (!ft_stackref_is_null(frame->localsplus[i]))
            continue;
        FtObject *name = ft_tuple_get_item_borrow(code->co_localsplusnames, i);
        if (n > 0) {
            if (total == 2)
                ft_str_writer_push_ascii(&w, " and ");
            else if (n == total - 1)
                ft_str_writer_push_ascii(&w, ", and ");
            else
                ft_str_writer_push_ascii(&w, ", ");
        }
        ft_str_writer_push(&w, '\'');
        ft_str_writer_push_substr(&w, name, 0, ft_str_length(name));
        ft_str_writer_push(&w, '\'');
        n++;
    }
    *count = total;
    return ft_str_writer_finish_ref(&w);
}

static void
raise_missing(FtObject *qualname, FtCodeObject *code, FtFrame *frame, int lo, int hi,
              const char *kind)
{
    int count = 0;
    FtObject *names = format_missing_names(code, frame, lo, hi, &count);
    if (names == NULL)
        return;
    ft_error_format(&ft_exc_type_error, "%U() missing %d required %s argument%s: %U", qualname,
                    count, kind, count == 1 ? "" : "s", names);
    ft_decref(names);
}

static void
raise_too_many_positional(FtObject *qualname, FtCodeObject *code, FtFrame *frame, Ft_ssize given,
                          Ft_ssize ndefaults)
{
    int kwonly_given = 0;
    for (int i = code->co_argcount; i < code->co_argcount + code->co_kwonlyargcount; i++)
        if (!ft_stackref_is_null(frame->localsplus[i]))
            kwonly_given++;
    FtObject *sig;
    bool plural;
    if (ndefaults > 0) {
        plural = true;
        sig = ft_str_from_format_ref("from %zd to %d", (Ft_ssize)code->co_argcount - ndefaults,
                                     code->co_argcount);
    } else {
        plural = code->co_argcount != 1;
        sig = ft_str_from_format_ref("%d", code->co_argcount);
    }
    if (sig == NULL)
        return;
    FtObject *kwsig;
    if (kwonly_given > 0)
        kwsig = ft_str_from_format_ref(" positional argument%s (and %d keyword-only argument%s)",
                                       given != 1 ? "s" : "", kwonly_given,
                                       kwonly_given != 1 ? "s" : "");
    else
        kwsig = ft_str_empty_ref();
    if (kwsig != NULL) {
        ft_error_format(&ft_exc_type_error, "%U() takes %U positional argument%s but %zd%U %s given",
                        qualname, sig, plural ? "s" : "", given, kwsig,
                        given == 1 && kwonly_given == 0 ? "was" : "were");
        ft_decref(kwsig);
    }
    ft_decref(sig);
}

// Index of the parameter named key among [lo, hi) (identity first, then equality), or -1.
static int
find_param(FtCodeObject *code, FtObject *key, int lo, int hi)
{
    for (int j = lo; j < hi; j++)
        if (ft_tuple_get_item_borrow(code->co_localsplusnames, j) == key)
            return j;
    for (int j = lo; j < hi; j++)
        if (ft_str_equal(ft_tuple_get_item_borrow(code->co_localsplusnames, j), key))
            return j;
    return -1;
}

static int
bind_args(FtFrame *frame, FtFunctionObject *func, FtCodeObject *code, FtObject *const *args,
          Ft_ssize argcount, FtObject *kwnames)
{
    int co_argcount = code->co_argcount;
    int total_args = co_argcount + code->co_kwonlyargcount;
    FtObject *qualname = func->func_qualname;
    FtObject *kwdict = NULL;
    int slot_varargs = total_args;
    int slot_varkw = total_args + ((code->co_flags & FT_CO_VARARGS) ? 1 : 0);
    if (code->co_flags & FT_CO_VARKEYWORDS) {
        kwdict = ft_dict_new_ref();
        if (kwdict == NULL)
            return -1;
        frame->localsplus[slot_varkw] = ft_stackref_from_ref_steal(kwdict);
    }
    Ft_ssize n = argcount < co_argcount ? argcount : co_argcount;
    for (Ft_ssize i = 0; i < n; i++)
        frame->localsplus[i] = ft_stackref_from_borrow(args[i]);
    if (code->co_flags & FT_CO_VARARGS) {
        FtObject *rest = ft_tuple_from_array_ref(args + n, argcount - n);
        if (rest == NULL)
            return -1;
        frame->localsplus[slot_varargs] = ft_stackref_from_ref_steal(rest);
    }
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        FtObject *value = args[argcount + k];
        if (!ft_str_check(key)) {
            ft_error_format(&ft_exc_type_error, "%U() keywords must be strings", qualname);
            return -1;
        }
        int j = find_param(code, key, code->co_posonlyargcount, total_args);
        if (j < 0) {
            if (kwdict == NULL) {
                if (find_param(code, key, 0, code->co_posonlyargcount) < 0) {
                    ft_error_format(&ft_exc_type_error,
                                    "%U() got an unexpected keyword argument '%S'", qualname, key);
                    return -1;
                }
                // CPython lists every positional-only name passed as a keyword.
                FtStrWriter w = {0};
                int listed = 0;
                for (Ft_ssize q = 0; q < nkw; q++) {
                    FtObject *kq = ft_tuple_get_item_borrow(kwnames, q);
                    if (!ft_str_check(kq) || find_param(code, kq, 0, code->co_posonlyargcount) < 0)
                        continue;
                    if (listed++ > 0)
                        ft_str_writer_push_ascii(&w, ", ");
                    ft_str_writer_push(&w, '\'');
                    ft_str_writer_push_substr(&w, kq, 0, ft_str_length(kq));
                    ft_str_writer_push(&w, '\'');
                }
                FtObject *names = ft_str_writer_finish_ref(&w);
                if (names != NULL) {
                    ft_error_format(&ft_exc_type_error,
                                    "%U() got some positional-only arguments passed as keyword"
                                    " arguments: %U",
                                    qualname, names);
                    ft_decref(names);
                }
                return -1;
            }
            if (ft_dict_set_item(kwdict, key, value) < 0)
                return -1;
            continue;
        }
        if (!ft_stackref_is_null(frame->localsplus[j])) {
            ft_error_format(&ft_exc_type_error, "%U() got multiple values for argument '%S'",
                            qualname, key);
            return -1;
        }
        frame->localsplus[j] = ft_stackref_from_borrow(value);
    }
    // Borrowed: a concurrent `f.__defaults__ = ...` retires the old tuple through QSBR, and binding
    // reaches no quiescent state.
    FtObject *defaults = ft_atomic_load_ptr_acquire((void **)&func->func_defaults);   // pairs with func_replace_steal's release
    Ft_ssize ndefaults = defaults != NULL ? ft_tuple_size(defaults) : 0;
    int err = 0;
    if (argcount > co_argcount && !(code->co_flags & FT_CO_VARARGS)) {
        raise_too_many_positional(qualname, code, frame, argcount, ndefaults);
        err = -1;
        goto done;
    }
    if (argcount < co_argcount) {
        Ft_ssize m = co_argcount - ndefaults;
        for (Ft_ssize i = argcount; i < m; i++) {
            if (ft_stackref_is_null(frame->localsplus[i])) {
                raise_missing(qualname, code, frame, (int)argcount, (int)m, "positional");
                err = -1;
                goto done;
            }
        }
        for (Ft_ssize i = m > argcount ? m : argcount; i < co_argcount; i++) {
            if (ft_stackref_is_null(frame->localsplus[i]))
                frame->localsplus[i] =
                    ft_stackref_from_borrow(ft_tuple_get_item_borrow(defaults, i - m));
        }
    }
    if (code->co_kwonlyargcount > 0) {
        FtObject *kwdefaults = ft_atomic_load_ptr_acquire((void **)&func->func_kwdefaults);   // as defaults
        bool missing = false;
        for (int i = co_argcount; i < total_args; i++) {
            if (!ft_stackref_is_null(frame->localsplus[i]))
                continue;
            FtObject *name = ft_tuple_get_item_borrow(code->co_localsplusnames, i);
            FtObject *def = NULL;
            if (kwdefaults != NULL) {
                int r = ft_dict_get_item_ref(kwdefaults, name, &def);
                if (r < 0) {
                    err = -1;
                    break;
                }
            }
            if (def != NULL)
                frame->localsplus[i] = ft_stackref_from_ref_steal(def);
            else
                missing = true;
        }
        if (err == 0 && missing) {
            raise_missing(qualname, code, frame, co_argcount, total_args, "keyword-only");
            err = -1;
        }
    }
done:
    return err;
}

int
ft_eval_frame_init_function(FtFrame *frame, FtObject *func, FtObject *const *args, Ft_ssize nargs,
                            FtObject *kwnames)
{
    FtFunctionObject *f = (FtFunctionObject *)func;
    FtCodeObject *code = (FtCodeObject *)ft_function_code_borrow(func);
    frame_fill(frame, code);
    frame->f_funcobj = ft_eval_frame_hold_ref(func);
    frame->f_globals = f->func_globals;
    frame->f_builtins = f->func_builtins;
    bool fast = kwnames == NULL && nargs == code->co_argcount &&
                (code->co_flags & (FT_CO_VARARGS | FT_CO_VARKEYWORDS)) == 0 &&
                code->co_kwonlyargcount == 0;
    if (fast) {
        for (Ft_ssize i = 0; i < nargs; i++)
            frame->localsplus[i] = ft_stackref_from_borrow(args[i]);
        return 0;
    }
    if (bind_args(frame, f, code, args, nargs, kwnames) < 0) {
        ft_eval_frame_clear(frame, 0);
        return -1;
    }
    return 0;
}

FtObject *
ft_eval_function_vectorcall_ref(FtObject *func, FtObject *const *args, size_t nargsf,
                                FtObject *kwnames)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval == NULL && ft_eval_thread_init() < 0)
        return NULL;
    FtCodeObject *code = (FtCodeObject *)ft_function_code_borrow(func);
    if (kwnames != NULL && ft_tuple_size(kwnames) == 0)
        kwnames = NULL;
    if (code->co_flags & (FT_CO_GENERATOR | FT_CO_COROUTINE | FT_CO_ASYNC_GENERATOR))
        return ft_gen_new_for_call_ref(func, args, ft_vectorcall_nargs(nargsf), kwnames);
    FtFrame *frame = ft_frame_stack_push(ts, code);
    if (frame == NULL)
        return NULL;
    if (ft_eval_frame_init_function(frame, func, args, ft_vectorcall_nargs(nargsf), kwnames) < 0) {
        ft_frame_stack_pop(ts, frame);
        return NULL;
    }
    return ft_eval_frame(ts, frame);
}

// The builtins for globals: globals['__builtins__'] (a module's dict, or a dict), else the
// interpreter's (CPython's _PyEval_BuiltinsFromGlobals). A new reference, or NULL with an exception.
static FtObject *
builtins_from_globals(FtThreadState *ts, FtObject *globals)
{
    FtObject *b = NULL;
    int r = ft_dict_get_item_str_ref(globals, "__builtins__", &b);
    if (r < 0)
        return NULL;
    if (r > 0) {
        if (ft_dict_check(b))
            return b;
        FtObject *d = ft_object_get_attr_cstr_ref(b, "__dict__");
        ft_decref(b);
        if (d != NULL && ft_dict_check(d))
            return d;
        ft_xdecref(d);
        ft_error_clear();
    }
    if (ts->interp->builtins_dict != NULL)
        return ft_new_ref(ts->interp->builtins_dict);
    return ft_dict_new_ref();
}

FtObject *
ft_eval_code_ref(FtObject *code_obj, FtObject *globals, FtObject *locals)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval == NULL && ft_eval_thread_init() < 0)
        return NULL;
    if (!ft_code_check(code_obj) || globals == NULL || !ft_dict_check(globals)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtCodeObject *code = (FtCodeObject *)code_obj;
    if (code->co_nfreevars > 0) {
        ft_error_set_string(&ft_exc_type_error,
                            "code object passed to exec() may not contain free variables");
        return NULL;
    }
    FtObject *builtins = builtins_from_globals(ts, globals);
    if (builtins == NULL)
        return NULL;
    FtFrame *frame = ft_frame_stack_push(ts, code);
    if (frame == NULL) {
        ft_decref(builtins);
        return NULL;
    }
    frame_fill(frame, code);
    frame->f_globals = ft_new_ref(globals);
    frame->f_builtins = builtins;
    frame->f_locals = ft_new_ref(locals != NULL ? locals : globals);
    return ft_eval_frame(ts, frame);
}

FtObject *
ft_eval_function_with_locals_ref(FtObject *func, FtObject *locals)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->eval == NULL && ft_eval_thread_init() < 0)
        return NULL;
    if (!ft_function_check(func)) {
        ft_error_bad_internal_call();
        return NULL;
    }
    FtCodeObject *code = (FtCodeObject *)ft_function_code_borrow(func);
    FtFrame *frame = ft_frame_stack_push(ts, code);
    if (frame == NULL)
        return NULL;
    if (ft_eval_frame_init_function(frame, func, NULL, 0, NULL) < 0) {
        ft_frame_stack_pop(ts, frame);
        return NULL;
    }
    frame->f_locals = ft_new_ref(locals);
    return ft_eval_frame(ts, frame);
}

int
ft_eval_init(void)
{
    return ft_gen_init_types();
}

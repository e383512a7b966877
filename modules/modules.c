// modules/modules.c: start-up of the built-in modules (builtins and sys into the interpreter's
// fields), the flush of the standard streams at exit, and the accessors other layers use to reach
// builtins and sys.
//
// Invariant: after ft_modules_init succeeds, FtInterp.builtins_dict, sys_dict and modules_dict are
// set, sys.modules holds 'builtins' and 'sys', and the interpreter owns one reference to each dict
// for the rest of the process.
//
// Concurrency: ft_modules_init runs on the main thread before any other thread exists, so its plain
// stores to the FtInterp fields are published by the thread creation that follows. Afterwards the
// fields are immutable and the dicts lock themselves.
#include "modules/modules_internal.h"

#include "eval/eval.h"              // ft_eval_recursion_limit ft_eval_set_recursion_limit
#include "objects/abstract.h"       // ft_object_call_method_cstr_ref
#include "objects/dict.h"           // ft_dict_*
#include "objects/error.h"          // ft_error_*
#include "objects/module.h"         // ft_module_*
#include "objects/object.h"         // ft_object_*
#include "objects/str.h"            // ft_str_from_ascii_ref
#include "runtime/refcount.h"       // ft_incref ft_decref ft_object_set_deferred
#include "runtime/thread_state.h"   // ft_interp_main FtInterp

int
ft_modules_init(const FtModulesConfig *config)
{
    FtInterp *interp = ft_interp_main();
    if (interp->builtins_dict != NULL) {
        ft_error_set_string(&ft_exc_system_error, "ft_modules_init called twice");
        return -1;
    }
    if (ft_module_init_types() < 0)
        return -1;
    FtObject *modules = ft_dict_new_ref();
    if (modules == NULL)
        return -1;
    ft_object_set_deferred(modules);
    FtObject *builtins = ft_builtins_create_ref();
    if (builtins == NULL) {
        ft_decref(modules);
        return -1;
    }
    // sys reads sys.modules' table of built-in names and builtins through the interpreter.
    interp->modules_dict = modules;
    interp->builtins_dict = ft_new_ref(ft_module_dict_borrow(builtins));
    FtObject *sys = ft_sys_create_ref(config);
    if (sys == NULL)
        goto error;
    FtObject *sys_dict = ft_module_dict_borrow(sys);
    if (ft_dict_set_item_str(sys_dict, "modules", modules) < 0 ||
        ft_dict_set_item_str(modules, "builtins", builtins) < 0 ||
        ft_dict_set_item_str(modules, "sys", sys) < 0) {
        ft_decref(sys);
        goto error;
    }
    interp->sys_dict = ft_new_ref(sys_dict);
    interp->write_unraisable = ft_sys_write_unraisable_steal;
    ft_decref(sys);
    ft_decref(builtins);
    if (!config->no_site && ft_builtins_add_site_names(interp->builtins_dict) < 0)
        return -1;
    // As CPython, _thread is loaded at start-up; it records the main thread.
    FtObject *thread_name = ft_str_from_ascii_ref("_thread");
    FtObject *thread_module = NULL;
    int found = thread_name == NULL ? -1 : ft_import_builtin_module(thread_name, &thread_module);
    ft_xdecref(thread_name);
    ft_xdecref(thread_module);
    if (found <= 0)
        return -1;   // the interpreter's fields stay set: sys and builtins work
    // As CPython, _io is loaded at start-up too: builtins.open is _io.open itself.
    FtObject *io_name = ft_str_from_ascii_ref("_io");
    FtObject *io_module = NULL;
    found = io_name == NULL ? -1 : ft_import_builtin_module(io_name, &io_module);
    ft_xdecref(io_name);
    FtObject *open_fn = NULL;
    if (found > 0 && ft_dict_get_item_str_ref(ft_module_dict_borrow(io_module), "open", &open_fn) > 0)
        found = ft_dict_set_item_str(interp->builtins_dict, "open", open_fn) < 0 ? -1 : 1;
    ft_xdecref(open_fn);
    ft_xdecref(io_module);
    if (found <= 0)
        return -1;
    if (ft_eval_recursion_limit() <= 0)
        ft_eval_set_recursion_limit(1000);
    return 0;
error:
    ft_decref(builtins);
    ft_xdecref(interp->builtins_dict);
    interp->builtins_dict = NULL;
    interp->modules_dict = NULL;
    ft_decref(modules);
    return -1;
}

// Flushes sys.<name>; 0, or -1 with the exception set.
static int
flush_stream(const char *name)
{
    FtObject *f = ft_sys_get_ref(name);
    if (f == NULL || ft_object_is_none(f)) {
        ft_xdecref(f);
        return 0;
    }
    FtObject *closed = ft_object_get_attr_cstr_ref(f, "closed");
    int is_closed = 0;
    if (closed == NULL)
        ft_error_clear();
    else {
        is_closed = ft_object_is_true(closed);
        ft_decref(closed);
        if (is_closed < 0) {
            ft_error_clear();
            is_closed = 0;
        }
    }
    int rc = 0;
    if (!is_closed) {
        FtObject *r = ft_object_call_method_cstr_ref(f, "flush", NULL, 0);
        if (r == NULL)
            rc = -1;
        ft_xdecref(r);
    }
    ft_decref(f);
    return rc;
}

int
ft_modules_flush_std_files(void)
{
    int status = 0;
    if (flush_stream("stdout") < 0) {
        FtObject *exc = ft_error_fetch_ref();
        // CPython reports this through PyErr_WriteUnraisable; TODO(#4): the unraisable hook's
        // "Exception ignored on flushing sys.stdout" header.
        if (exc != NULL) {
            if (ft_exception_print(exc, NULL) < 0)
                ft_error_clear();
            ft_decref(exc);
        }
        status = -1;
    }
    if (flush_stream("stderr") < 0) {
        ft_error_clear();
        status = -1;
    }
    return status;
}

FtObject *
ft_builtins_dict_borrow(void)
{
    return ft_interp_main()->builtins_dict;
}

FtObject *
ft_sys_get_ref(const char *name)
{
    FtObject *sys_dict = ft_interp_main()->sys_dict;
    if (sys_dict == NULL)
        return NULL;
    FtObject *value = NULL;
    if (ft_dict_get_item_str_ref(sys_dict, name, &value) < 0) {
        ft_error_clear();
        return NULL;
    }
    return value;
}

FtObject *
ft_sys_get_borrow(const char *name)
{
    FtObject *value = ft_sys_get_ref(name);
    if (value == NULL)
        return NULL;
    // The dict keeps its own reference; see the contract in modules/modules.h (TODO(#4)).
    ft_decref(value);
    return value;
}

void
ft_modules_thread_fini(void)
{
    ft_contextvars_thread_clear();
}

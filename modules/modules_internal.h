// modules/modules_internal.h: what the files of modules/ share among themselves: a small argument
// parser for C functions (argument clinic's behaviour and messages), the module creators that the
// built-in module table calls, the text stream type and the builtins' iterator types.
//
// Concurrency: the creators run once at start-up on the main thread (builtins, sys) or on the
// importing thread (_thread); the parser touches only its arguments.
#ifndef FT_MODULES_MODULES_INTERNAL_H
#define FT_MODULES_MODULES_INTERNAL_H

#include <stdbool.h>   // bool
#include <stddef.h>    // size_t

#include "modules/modules.h"   // FtModulesConfig
#include "runtime/object.h"    // FtObject FtTypeObject Ft_ssize

// A C function's parameter list for ft_args_parse: names[0..npos_only) are positional-only,
// names[npos_only..max_positional) positional-or-keyword, names[max_positional..nparams)
// keyword-only; the first nrequired are required. fname is the name used in messages.
typedef struct FtArgSpec {
    const char *fname;
    const char *const *names;
    int nparams;
    int npos_only;
    int max_positional;
    int nrequired;
} FtArgSpec;

// Binds args/kwnames to out[0..nparams) (borrowed; NULL for an omitted optional parameter) with
// argument clinic's TypeError messages. 0 or -1 with TypeError.
int ft_args_parse(const FtArgSpec *spec, FtObject *const *args, size_t nargsf, FtObject *kwnames,
                  FtObject **out);
// The same for a function that also takes *args (print): the arguments past spec's positional
// ones are the caller's, so there is no "takes at most N arguments" check.
int ft_args_parse_with_varargs(const FtArgSpec *spec, FtObject *const *args, size_t nargsf,
                               FtObject *kwnames, FtObject **out);

// "f() takes no keyword arguments" when kwnames is non-empty. 0 or -1.
int ft_args_no_kwargs(const char *fname, FtObject *kwnames);

// "f expected at least/at most N argument(s), got M" (CPython's _PyArg_CheckPositional). 0 or -1.
int ft_args_check_positional(const char *fname, Ft_ssize nargs, Ft_ssize min, Ft_ssize max);

// list.extend(iterable) for any iterable (objects/list.c's ft_list_extend takes lists and tuples
// only: TODO(#4) drop this once it takes any iterable). 0 or -1.
int ft_modules_list_extend(FtObject *list, FtObject *iterable);

// Reports exc (an exception instance, stolen) through sys.unraisablehook with err_msg (a str or
// NULL) and obj (NULL: None), as CPython's PyErr_FormatUnraisable; falls back to the default
// output when the hook is missing or fails. Never raises.
void ft_sys_write_unraisable_steal(FtObject *exc, FtObject *err_msg, FtObject *obj);

// x as a C double for a parameter that takes a real number: float, int or anything with
// __float__ / __index__. msg_kind 0: TypeError "must be real number, not T"; 1: "'T' object cannot
// be interpreted as an integer or float" (timeouts). 0 or -1.
int ft_args_real(FtObject *x, int msg_kind, double *out);

// The module creators of the built-in module table: a new module (new reference) or NULL.
FtObject *ft_builtins_create_ref(void);
FtObject *ft_sys_create_ref(const FtModulesConfig *config);
FtObject *ft_thread_module_create_ref(void);
// The time module (modules/time.c).
FtObject *ft_time_module_create_ref(void);
// The _contextvars module (modules/contextvars.c).
FtObject *ft_contextvars_module_create_ref(void);
// Drops the calling thread's current contextvars.Context (FtThreadState.context).
void ft_contextvars_thread_clear(void);

// What site.py adds to builtins (TODO(#4): run the real site module): exit and quit
// (_sitebuiltins.Quitter objects). 0 or -1.
int ft_builtins_add_site_names(FtObject *builtins_dict);

// Adds the builtins' iterator types (enumerate, filter, map, reversed, zip) to dict. 0 or -1.
int ft_builtins_iter_add_types(FtObject *dict);

// The text stream (modules/stdio.c) over a file descriptor: name is its repr name ("<stdout>"),
// mode "r" or "w", errors "strict" / "backslashreplace" / ..., line_buffering flushes at each '\n',
// write_through flushes after every write. A new reference or NULL.
extern FtTypeObject ft_stdio_type;
FtObject *ft_stdio_new_ref(int fd, const char *name, const char *mode, const char *errors,
                           bool line_buffering, bool write_through);
int ft_stdio_init_types(void);

// Writes s (a str) to file through file.write (print's path). 0 or -1.
int ft_file_write_string(FtObject *file, FtObject *s);

// The main module table's lookup: the module for a built-in name, created on first use and stored
// in sys.modules (new reference); 0 not a built-in name; -1 error.
int ft_import_builtin_module(FtObject *name, FtObject **module);

// The import lock of the module called name (a str): a _thread.RLock, one per name, created on
// first use and kept in the _thread module's state (modules/thread.c). A new reference or NULL.
FtObject *ft_thread_import_lock_ref(FtObject *name);

// The names of the built-in modules, for sys.builtin_module_names (a new tuple of str, sorted).
FtObject *ft_import_builtin_names_ref(void);

#endif // FT_MODULES_MODULES_INTERNAL_H

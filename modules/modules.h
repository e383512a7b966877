// modules/modules.h: the built-in modules (builtins, sys, _thread, ...) and their start-up wiring.
//
// ft_modules_init() creates the builtins and sys modules and stores their dicts in the interpreter
// (FtInterp.builtins_dict, sys_dict, modules_dict: set once before a second thread exists, immutable
// afterwards). The built-in module table maps a name to its init function; `import` finds built-in
// modules there, then source modules on sys.path (TODO(#4): importlib, __pycache__).
//
// Concurrency: everything here after start-up runs on any attached thread; module dicts lock
// themselves; a module's first import is serialized by the per-module import lock.
#ifndef FT_MODULES_MODULES_H
#define FT_MODULES_MODULES_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject

// What start-up tells the modules (the command line's effect on sys).
typedef struct FtModulesConfig {
    int argc;                  // sys.argv
    char **argv;
    const char *executable;    // sys.executable (an absolute path), or NULL
    const char *script_dir;    // sys.path[0]: the script's folder, "" for -c / -m / stdin; NULL: none
    bool ignore_environment;   // -E / -I: no PYTHON* variables
    bool isolated;             // -I
    bool no_site;              // -S
    bool unbuffered;           // -u: stdout/stderr unbuffered
    bool safe_path;            // -P / -I: no script dir on sys.path
    int optimize;              // -O count
    int verbose;               // -v count
    bool bytes_warning, quiet, dont_write_bytecode, inspect, interactive;
} FtModulesConfig;

// Creates builtins, sys (with argv, path, modules, stdin/stdout/stderr text streams, flags) and the
// built-in module table. Main thread, attached, once, before any Python code runs. 0 or -1 with an
// exception.
int ft_modules_init(const FtModulesConfig *config);

// Flushes sys.stdout and sys.stderr (at exit). Returns 0, or -1 when a flush failed (the exception
// has been printed, as CPython's flush_std_files).
int ft_modules_flush_std_files(void);

// Drops what the modules keep for the calling thread (its contextvars context), while the thread
// can still run Python code (finalizers). Called as a thread's Python work ends, before
// ft_eval_thread_fini.
void ft_modules_thread_fini(void);

// Releases the __main__ module's globals at exit, in the dict's order, so that the finalizers of
// the objects they held run (__del__, a suspended generator's finally) as they do when CPython
// 3.14's shutdown collects the __main__ module. Main thread, once, after the program ended.
void ft_modules_finalize_main(void);

// The builtins module's dict, borrowed (immutable after start-up).
FtObject *ft_builtins_dict_borrow(void);

// sys.<name> as a borrowed reference (the value in sys's dict may be replaced by another thread, so
// the caller must not keep it past its next call into Python: TODO(#4) a try-incref getter), or
// NULL (no exception) when absent.
FtObject *ft_sys_get_borrow(const char *name);
// sys.<name> as a new reference, or NULL (no exception) when absent.
FtObject *ft_sys_get_ref(const char *name);

// import name (a dotted str), as the IMPORT_NAME instruction does it through builtins.__import__:
// returns the top-level package when fromlist is empty/None and name has dots, else the module. A new
// reference, or NULL with ModuleNotFoundError / ImportError / the module's own exception.
FtObject *ft_import_name_ref(FtObject *name, FtObject *globals, FtObject *locals, FtObject *fromlist,
                             int level);

// from module import name (IMPORT_FROM): getattr, then sys.modules["pkg.name"], with CPython's
// ImportError "cannot import name 'x' from 'm' (path)". A new reference, or NULL.
FtObject *ft_import_from_ref(FtObject *module, FtObject *name);

// sys.excepthook's default (and sys.__excepthook__): prints exc (an exception instance) the way
// CPython 3.14 does, traceback with source lines and carets, chained causes/contexts, notes and
// exception groups, to file (a text stream; NULL: sys.stderr). 0, or -1 when writing failed.
int ft_exception_print(FtObject *exc, FtObject *file);

// The top level's handling of an uncaught exception (steals exc): SystemExit gives its exit code
// (printing a non-int code to stderr, as CPython), anything else goes to sys.excepthook and gives 1.
int ft_exception_handle_uncaught_steal(FtObject *exc);

#endif // FT_MODULES_MODULES_H

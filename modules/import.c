// modules/import.c: the import system (the behaviour of CPython's importlib._bootstrap and
// _bootstrap_external for built-in and source modules, without importlib itself): sys.modules,
// the built-in module table, NAME.py and NAME/__init__.py on sys.path (or the parent package's
// __path__), relative imports, fromlist handling and `from m import x`.
//
// Invariant: a module being executed is in sys.modules under its full name; a module whose code
// failed is removed again (CPython's _load_unlocked), so a later import retries.
//
// Concurrency: sys.modules is a dict that locks itself. The first import of a source module runs
// under that module's import lock (ft_thread_import_lock_ref), so two threads importing it at once
// run it once. TODO(#4): deadlock detection for cross-thread circular imports, importlib,
// __pycache__ (.pyc), namespace packages, zip imports, __spec__ objects.
#include <errno.h>      // errno
#include <stdio.h>      // snprintf
#include <fcntl.h>      // open O_RDONLY
#include <string.h>     // memcpy strlen
#include <sys/stat.h>   // stat S_ISDIR S_ISREG
#include <unistd.h>     // read close

#include "modules/modules_internal.h"
#include "modules/io.h"   // ft_io_module_create_ref

#include "compiler/compile.h"         // ft_compile_source_ref
#include "eval/eval.h"                // ft_eval_code_ref
#include "objects/abstract.h"         // ft_object_*
#include "objects/bytes.h"            // ft_bytes_*
#include "objects/dict.h"             // ft_dict_*
#include "objects/error.h"            // ft_error_* ft_exc_* FtImportErrorObject
#include "objects/list.h"             // ft_list_*
#include "objects/module.h"           // ft_module_*
#include "objects/object.h"           // ft_object_*
#include "objects/str.h"              // ft_str_*
#include "objects/tuple.h"            // ft_tuple_*
#include "runtime/refcount.h"         // ft_incref ft_decref
#include "runtime/runtime_mem.h"      // ft_runtime_mem_*
#include "runtime/thread_state.h"     // ft_interp_main

// The built-in module table.

typedef struct {
    const char *name;
    FtObject *(*create)(void);   // NULL: created by ft_modules_init (always in sys.modules)
} BuiltinModule;

static const BuiltinModule builtin_modules[] = {
    {"_contextvars", ft_contextvars_module_create_ref},
    {"_io", ft_io_module_create_ref},
    {"_thread", ft_thread_module_create_ref},
    {"builtins", NULL},
    {"sys", NULL},
    {"time", ft_time_module_create_ref},
};

enum { BUILTIN_MODULE_COUNT = sizeof(builtin_modules) / sizeof(builtin_modules[0]) };

FtObject *
ft_import_builtin_names_ref(void)
{
    FtObject *t = ft_tuple_new_ref(BUILTIN_MODULE_COUNT);
    if (t == NULL)
        return NULL;
    for (int i = 0; i < BUILTIN_MODULE_COUNT; i++) {
        FtObject *s = ft_str_from_ascii_ref(builtin_modules[i].name);
        if (s == NULL) {
            ft_decref(t);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(t, i, s);
    }
    return t;
}

int
ft_import_builtin_module(FtObject *name, FtObject **module)
{
    *module = NULL;
    for (int i = 0; i < BUILTIN_MODULE_COUNT; i++) {
        if (!ft_str_equal_cstr(name, builtin_modules[i].name))
            continue;
        if (builtin_modules[i].create == NULL)
            return 0;   // removed from sys.modules by the program: not re-creatable
        FtObject *m = builtin_modules[i].create();
        if (m == NULL)
            return -1;
        if (ft_module_check(m))
            ((FtModuleObject *)m)->md_flags |= FT_MODULE_FLAG_BUILTIN;
        if (ft_dict_set_item(ft_interp_main()->modules_dict, name, m) < 0) {
            ft_decref(m);
            return -1;
        }
        *module = m;
        return 1;
    }
    return 0;
}

// Errors.

// Raises exc_type(msg) with the ImportError fields name and path (either may be NULL). Returns NULL.
static FtObject *
raise_import_error(FtTypeObject *exc_type, FtObject *msg, FtObject *name, FtObject *path)
{
    if (msg == NULL)
        return NULL;
    FtObject *exc = ft_exception_new_ref(exc_type, &msg, 1);
    ft_decref(msg);
    if (exc == NULL)
        return NULL;
    FtImportErrorObject *ie = (FtImportErrorObject *)exc;
    // Unpublished: plain stores.
    ft_xdecref(ie->msg);
    ie->msg = ft_exception_get_args_ref(exc);
    if (ie->msg != NULL) {
        FtObject *args = ie->msg;
        ie->msg = ft_new_ref(ft_tuple_get_item_borrow(args, 0));
        ft_decref(args);
    }
    if (name != NULL) {
        ft_xdecref(ie->name);
        ie->name = ft_new_ref(name);
    }
    if (path != NULL) {
        ft_xdecref(ie->path);
        ie->path = ft_new_ref(path);
    }
    ft_error_restore_steal(exc);
    return NULL;
}

static FtObject *
module_not_found(FtObject *name)
{
    return raise_import_error(&ft_exc_module_not_found_error,
                              ft_str_from_format_ref("No module named %R", name), name, NULL);
}

// Source modules.

// The file's bytes (a new bytes object), NULL with OSError, or NULL with no exception when the
// path is not a regular file.
static FtObject *
read_file_ref(const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISREG(st.st_mode))
        return NULL;
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        ft_error_format(&ft_exc_os_error, "[Errno %d] %s: '%s'", errno, strerror(errno), path);
        return NULL;
    }
    Ft_ssize cap = st.st_size > 0 ? (Ft_ssize)st.st_size + 1 : 4096, len = 0;
    char *buf = ft_runtime_mem_alloc((size_t)cap);
    if (buf == NULL) {
        close(fd);
        return ft_error_no_memory();
    }
    for (;;) {
        if (len == cap) {
            char *nb = ft_runtime_mem_alloc((size_t)cap * 2);
            if (nb == NULL) {
                ft_runtime_mem_free(buf);
                close(fd);
                return ft_error_no_memory();
            }
            memcpy(nb, buf, (size_t)len);
            ft_runtime_mem_free(buf);
            buf = nb;
            cap *= 2;
        }
        ssize_t n = read(fd, buf + len, (size_t)(cap - len));
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int err = errno;
            ft_runtime_mem_free(buf);
            close(fd);
            ft_error_format(&ft_exc_os_error, "[Errno %d] %s: '%s'", err, strerror(err), path);
            return NULL;
        }
        if (n == 0)
            break;
        len += n;
    }
    close(fd);
    FtObject *bytes = ft_bytes_from_data_ref(buf, len);
    ft_runtime_mem_free(buf);
    return bytes;
}

// Compiles and runs path as module fullname (a package when is_package, with __path__ [dir]).
// The module (new reference, sys.modules' entry after execution) or NULL.
static FtObject *
load_source_module(FtObject *fullname, const char *path, const char *pkg_dir, bool is_package)
{
    FtObject *source = read_file_ref(path);
    if (source == NULL)
        return NULL;
    FtObject *filename = ft_str_from_cstr_ref(path);
    FtObject *module = NULL, *code = NULL, *result = NULL;
    FtObject *modules = ft_interp_main()->modules_dict;
    if (filename == NULL)
        goto done;
    code = ft_compile_source_ref(ft_bytes_data(source), ft_bytes_size(source), filename,
                                 FT_COMPILE_EXEC, 0, -1);
    if (code == NULL)
        goto done;
    module = ft_module_new_ref(fullname);
    if (module == NULL)
        goto done;
    FtObject *d = ft_module_dict_borrow(module);
    FtObject *package;
    if (is_package) {
        package = ft_new_ref(fullname);
    } else {
        Ft_ssize n = ft_str_length(fullname), dot = -1;
        for (Ft_ssize i = n - 1; i >= 0 && dot < 0; i--)
            if (ft_str_read_char(fullname, i) == '.')
                dot = i;
        package = dot < 0 ? ft_str_empty_ref() : ft_str_substring_ref(fullname, 0, dot);
    }
    if (package == NULL || ft_dict_set_item_str(d, "__package__", package) < 0) {
        ft_xdecref(package);
        goto fail;
    }
    ft_decref(package);
    if (ft_dict_set_item_str(d, "__file__", filename) < 0 ||
        ft_dict_set_item_str(d, "__builtins__", ft_interp_main()->builtins_dict) < 0)
        goto fail;
    if (is_package) {
        FtObject *list = ft_list_new_ref(0);
        FtObject *dir = ft_str_from_cstr_ref(pkg_dir);
        int rc = list == NULL || dir == NULL || ft_list_append(list, dir) < 0 ||
                 ft_dict_set_item_str(d, "__path__", list) < 0;
        ft_xdecref(list);
        ft_xdecref(dir);
        if (rc)
            goto fail;
    }
    if (ft_dict_set_item(modules, fullname, module) < 0)
        goto fail;
    result = ft_eval_code_ref(code, d, NULL);
    if (result == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *entry = NULL;
        if (ft_dict_get_item_ref(modules, fullname, &entry) > 0 && ft_dict_del_item(modules, fullname) < 0)
            ft_error_clear();
        ft_error_clear();
        ft_xdecref(entry);
        ft_error_restore_steal(exc);
        goto fail;
    }
    ft_decref(result);
    // The module may have replaced itself in sys.modules.
    FtObject *final = NULL;
    int found = ft_dict_get_item_ref(modules, fullname, &final);
    ft_decref(module);
    module = NULL;
    if (found < 0)
        goto done;
    if (found == 0) {
        raise_import_error(&ft_exc_import_error,
                           ft_str_from_format_ref("Loaded module %U not found in sys.modules", fullname),
                           fullname, NULL);
        goto done;
    }
    module = final;
    goto done;
fail:
    ft_decref(module);
    module = NULL;
done:
    ft_xdecref(code);
    ft_xdecref(filename);
    ft_decref(source);
    return module;
}

// Looks for the last component of fullname (tail) in each directory of search (a list of str):
// DIR/TAIL/__init__.py, then DIR/TAIL.py. 1 found and loaded (*module set), 0 not found, -1 error.
static int
find_and_load(FtObject *fullname, FtObject *tail, FtObject *search, FtObject **module)
{
    *module = NULL;
    FtObject *dirs = ft_sequence_tuple_ref(search);
    if (dirs == NULL)
        return -1;
    Ft_ssize tail_len;
    const char *tail_utf8 = ft_str_as_utf8(tail, &tail_len);
    int rc = 0;
    for (Ft_ssize i = 0; i < ft_tuple_size(dirs) && rc == 0; i++) {
        FtObject *dir = ft_tuple_get_item_borrow(dirs, i);
        if (!ft_str_check(dir))
            continue;
        Ft_ssize dir_len;
        const char *dir_utf8 = ft_str_as_utf8(dir, &dir_len);
        if (dir_utf8 == NULL || tail_utf8 == NULL) {
            rc = -1;
            break;
        }
        size_t size = (size_t)dir_len + (size_t)tail_len + 32;
        char *pkg = ft_runtime_mem_alloc(size), *init = ft_runtime_mem_alloc(size),
             *file = ft_runtime_mem_alloc(size);
        if (pkg == NULL || init == NULL || file == NULL) {
            ft_runtime_mem_free(pkg);
            ft_runtime_mem_free(init);
            ft_runtime_mem_free(file);
            ft_error_no_memory();
            rc = -1;
            break;
        }
        const char *sep = dir_len == 0 ? "" : "/";
        snprintf(pkg, size, "%s%s%s", dir_utf8, sep, tail_utf8);
        snprintf(init, size, "%s/__init__.py", pkg);
        snprintf(file, size, "%s.py", pkg);
        struct stat st;
        if (stat(pkg, &st) == 0 && S_ISDIR(st.st_mode) && stat(init, &st) == 0 && S_ISREG(st.st_mode)) {
            *module = load_source_module(fullname, init, pkg, true);
            rc = *module != NULL ? 1 : -1;
        } else if (stat(file, &st) == 0 && S_ISREG(st.st_mode)) {
            *module = load_source_module(fullname, file, NULL, false);
            rc = *module != NULL ? 1 : -1;
        }
        // TODO(#4): namespace packages (a directory without __init__.py).
        ft_runtime_mem_free(pkg);
        ft_runtime_mem_free(init);
        ft_runtime_mem_free(file);
    }
    ft_decref(dirs);
    return rc;
}

// Imports one absolute dotted name whose parent (if any) is already imported. A new reference.
static FtObject *
import_one(FtObject *fullname, FtObject *parent_name, FtObject *tail)
{
    FtObject *modules = ft_interp_main()->modules_dict;
    FtObject *module = NULL;
    int found = ft_dict_get_item_ref(modules, fullname, &module);
    if (found < 0)
        return NULL;
    if (found) {
        if (ft_object_is_none(module)) {
            ft_decref(module);
            return raise_import_error(&ft_exc_module_not_found_error,
                                      ft_str_from_format_ref("import of %U halted; None in sys.modules",
                                                             fullname),
                                      fullname, NULL);
        }
        return module;
    }
    FtObject *search = NULL;
    FtObject *parent = NULL;
    if (parent_name == NULL) {
        found = ft_import_builtin_module(fullname, &module);
        if (found != 0)
            return module;
        search = ft_sys_get_ref("path");
        if (search == NULL || !ft_list_check(search)) {
            ft_xdecref(search);
            return raise_import_error(&ft_exc_import_error, ft_str_from_ascii_ref("sys.path must be a list of directory names"), fullname, NULL);
        }
    } else {
        if (ft_dict_get_item_ref(modules, parent_name, &parent) <= 0)
            return module_not_found(fullname);
        FtObject *path_name = ft_str_intern_cstr_ref("__path__");
        int has_path = path_name == NULL ? -1 : ft_object_lookup_attr(parent, path_name, &search);
        ft_xdecref(path_name);
        if (has_path <= 0) {
            ft_decref(parent);
            if (has_path < 0)
                return NULL;
            return raise_import_error(
                &ft_exc_module_not_found_error,
                ft_str_from_format_ref("No module named %R; %R is not a package", fullname, parent_name),
                fullname, NULL);
        }
    }
    // The per-module import lock: one thread runs a new module while the others wait and then find
    // it in sys.modules; the importing thread itself re-enters (a circular import gets the
    // partially initialized module from sys.modules, as CPython).
    // TODO(#4): CPython's deadlock detection between threads importing each other's modules.
    FtObject *lock = ft_thread_import_lock_ref(fullname);
    if (lock == NULL) {
        // No _thread state (sys.modules['_thread'] was removed): import without the lock.
        ft_error_clear();
        int rc0 = find_and_load(fullname, tail, search, &module);
        ft_decref(search);
        if (rc0 <= 0) {
            ft_xdecref(parent);
            return rc0 == 0 ? module_not_found(fullname) : NULL;
        }
        goto loaded;
    }
    FtObject *r = ft_object_call_method_cstr_ref(lock, "acquire", NULL, 0);
    if (r == NULL) {
        ft_xdecref(lock);
        ft_decref(search);
        ft_xdecref(parent);
        return NULL;
    }
    ft_decref(r);
    int rc;
    found = ft_dict_get_item_ref(modules, fullname, &module);
    if (found != 0)
        rc = found > 0 ? 1 : -1;   // another thread imported it meanwhile
    else
        rc = find_and_load(fullname, tail, search, &module);
    FtObject *saved = ft_error_fetch_ref();
    r = ft_object_call_method_cstr_ref(lock, "release", NULL, 0);
    ft_xdecref(r);
    ft_error_clear();
    if (saved != NULL)
        ft_error_restore_steal(saved);
    ft_decref(lock);
    ft_decref(search);
    if (rc == 0) {
        ft_xdecref(parent);
        return module_not_found(fullname);
    }
    if (rc < 0) {
        ft_xdecref(parent);
        return NULL;
    }
loaded:
    if (parent != NULL) {
        if (ft_object_set_attr(parent, tail, module) < 0) {
            ft_decref(parent);
            ft_decref(module);
            return NULL;
        }
        ft_decref(parent);
    }
    return module;
}

// Imports every prefix of the dotted absolute name; returns the last module (new reference).
static FtObject *
import_dotted(FtObject *name)
{
    Ft_ssize n = ft_str_length(name);
    FtObject *module = NULL, *parent_name = NULL;
    Ft_ssize start = 0;
    for (Ft_ssize i = 0; i <= n; i++) {
        if (i < n && ft_str_read_char(name, i) != '.')
            continue;
        FtObject *prefix = i == n ? ft_new_ref(name) : ft_str_substring_ref(name, 0, i);
        FtObject *tail = ft_str_substring_ref(name, start, i);
        ft_xdecref(module);
        module = prefix != NULL && tail != NULL ? import_one(prefix, parent_name, tail) : NULL;
        ft_xdecref(tail);
        ft_xdecref(parent_name);
        parent_name = prefix;
        start = i + 1;
        if (module == NULL)
            break;
    }
    ft_xdecref(parent_name);
    return module;
}

// Relative names.

// The package relative imports resolve against (CPython's _calc___package__). A new str or NULL.
static FtObject *
calc_package(FtObject *globals)
{
    if (globals == NULL || !ft_dict_check(globals)) {
        ft_error_set_string(&ft_exc_key_error, "'__name__' not in globals");
        return NULL;
    }
    FtObject *package = NULL;
    if (ft_dict_get_item_str_ref(globals, "__package__", &package) < 0)
        return NULL;
    if (package != NULL && !ft_object_is_none(package)) {
        if (!ft_str_check(package)) {
            ft_decref(package);
            return ft_error_format(&ft_exc_type_error, "package must be a string");
        }
        return package;
    }
    ft_xdecref(package);
    // TODO(#4): __spec__.parent, with its ImportWarning when it disagrees with __package__.
    FtObject *name = NULL;
    if (ft_dict_get_item_str_ref(globals, "__name__", &name) <= 0) {
        if (!ft_error_occurred())
            ft_error_set_string(&ft_exc_key_error, "'__name__' not in globals");
        return NULL;
    }
    if (!ft_str_check(name)) {
        ft_decref(name);
        return ft_error_format(&ft_exc_type_error, "__name__ must be a string");
    }
    FtObject *path = NULL;
    int is_pkg = ft_dict_get_item_str_ref(globals, "__path__", &path);
    ft_xdecref(path);
    if (is_pkg < 0) {
        ft_decref(name);
        return NULL;
    }
    if (is_pkg)
        return name;
    Ft_ssize dot = -1;
    for (Ft_ssize i = ft_str_length(name) - 1; i >= 0 && dot < 0; i--)
        if (ft_str_read_char(name, i) == '.')
            dot = i;
    FtObject *res = dot < 0 ? ft_str_empty_ref() : ft_str_substring_ref(name, 0, dot);
    ft_decref(name);
    return res;
}

// The absolute name of a relative import (CPython's _resolve_name). A new str or NULL.
static FtObject *
resolve_name(FtObject *name, FtObject *globals, int level)
{
    FtObject *package = calc_package(globals);
    if (package == NULL)
        return NULL;
    if (ft_str_length(package) == 0) {
        ft_decref(package);
        return raise_import_error(&ft_exc_import_error,
                                  ft_str_from_ascii_ref("attempted relative import with no known parent package"),
                                  NULL, NULL);
    }
    // Drop level - 1 trailing components.
    Ft_ssize end = ft_str_length(package);
    for (int l = 1; l < level; l++) {
        Ft_ssize dot = -1;
        for (Ft_ssize i = end - 1; i >= 0 && dot < 0; i--)
            if (ft_str_read_char(package, i) == '.')
                dot = i;
        if (dot < 0) {
            ft_decref(package);
            return raise_import_error(&ft_exc_import_error,
                                      ft_str_from_ascii_ref("attempted relative import beyond top-level package"),
                                      NULL, NULL);
        }
        end = dot;
    }
    FtObject *base = ft_str_substring_ref(package, 0, end);
    ft_decref(package);
    if (base == NULL || ft_str_length(name) == 0)
        return base;
    FtObject *res = ft_str_from_format_ref("%U.%U", base, name);
    ft_decref(base);
    return res;
}

// Entry points.

// from module import a, b: imports the submodules the fromlist names that are not attributes
// (CPython's _handle_fromlist). 0 or -1.
static int
handle_fromlist(FtObject *module, FtObject *fromlist, bool recursive)
{
    FtObject *items = ft_sequence_tuple_ref(fromlist);
    if (items == NULL)
        return -1;
    FtObject *modname = ft_object_get_attr_cstr_ref(module, "__name__");
    int rc = modname == NULL ? -1 : 0;
    for (Ft_ssize i = 0; rc == 0 && i < ft_tuple_size(items); i++) {
        FtObject *x = ft_tuple_get_item_borrow(items, i);
        if (!ft_str_check(x)) {
            ft_error_format(&ft_exc_type_error, "Item in %s must be str, not %T",
                            recursive ? "``from list''" : "``from list''", x);
            rc = -1;
            break;
        }
        if (ft_str_equal_cstr(x, "*")) {
            if (recursive)
                continue;
            FtObject *all = NULL;
            FtObject *all_name = ft_str_intern_cstr_ref("__all__");
            int found = all_name == NULL ? -1 : ft_object_lookup_attr(module, all_name, &all);
            ft_xdecref(all_name);
            if (found < 0)
                rc = -1;
            else if (found) {
                rc = handle_fromlist(module, all, true);
                ft_decref(all);
            }
            continue;
        }
        FtObject *value = NULL;
        int has = ft_object_lookup_attr(module, x, &value);
        ft_xdecref(value);
        if (has < 0) {
            rc = -1;
            break;
        }
        if (has)
            continue;
        FtObject *sub = ft_str_from_format_ref("%U.%U", modname, x);
        if (sub == NULL) {
            rc = -1;
            break;
        }
        FtObject *m = import_dotted(sub);
        if (m != NULL) {
            ft_decref(m);
        } else if (ft_error_matches(&ft_exc_module_not_found_error)) {
            // Only swallow the error about this very submodule.
            FtObject *exc = ft_error_fetch_ref();
            FtObject *exc_name = ((FtImportErrorObject *)exc)->name;
            if (exc_name != NULL && ft_str_check(exc_name) && ft_str_equal(exc_name, sub))
                ft_decref(exc);
            else {
                ft_error_restore_steal(exc);
                rc = -1;
            }
        } else {
            rc = -1;
        }
        ft_decref(sub);
    }
    ft_xdecref(modname);
    ft_decref(items);
    return rc;
}

FtObject *
ft_import_name_ref(FtObject *name, FtObject *globals, FtObject *locals, FtObject *fromlist,
                   int level)
{
    (void)locals;
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "module name must be a string");
    if (level < 0)
        return ft_error_format(&ft_exc_value_error, "level must be >= 0");
    if (ft_interp_main()->modules_dict == NULL)
        return ft_error_format(&ft_exc_import_error, "sys.modules is not set up yet");
    FtObject *absname;
    if (level > 0) {
        absname = resolve_name(name, globals, level);
        if (absname == NULL)
            return NULL;
    } else {
        if (ft_str_length(name) == 0)
            return ft_error_format(&ft_exc_value_error, "Empty module name");
        absname = ft_new_ref(name);
    }
    FtObject *module = import_dotted(absname);
    if (module == NULL) {
        ft_decref(absname);
        return NULL;
    }
    bool empty_fromlist = fromlist == NULL || ft_object_is_none(fromlist);
    if (!empty_fromlist) {
        int truth = ft_object_is_true(fromlist);
        if (truth < 0)
            goto error;
        empty_fromlist = truth == 0;
    }
    if (empty_fromlist) {
        // The top-level package of what the statement named (import a.b binds a).
        Ft_ssize dot = -1, n = ft_str_length(name);
        for (Ft_ssize i = 0; i < n && dot < 0; i++)
            if (ft_str_read_char(name, i) == '.')
                dot = i;
        if (dot < 0 || (level > 0 && n == 0)) {
            ft_decref(absname);
            return module;
        }
        Ft_ssize cut = n - dot;
        FtObject *top = ft_str_substring_ref(absname, 0, ft_str_length(absname) - cut);
        ft_decref(module);
        module = NULL;
        if (top != NULL) {
            if (ft_dict_get_item_ref(ft_interp_main()->modules_dict, top, &module) == 0)
                module_not_found(top);
            ft_decref(top);
        }
        ft_decref(absname);
        return module;
    }
    FtObject *path = NULL;
    FtObject *path_name = ft_str_intern_cstr_ref("__path__");
    int is_pkg = path_name == NULL ? -1 : ft_object_lookup_attr(module, path_name, &path);
    ft_xdecref(path_name);
    ft_xdecref(path);
    if (is_pkg < 0 || (is_pkg && handle_fromlist(module, fromlist, false) < 0))
        goto error;
    ft_decref(absname);
    return module;
error:
    ft_decref(absname);
    ft_decref(module);
    return NULL;
}

FtObject *
ft_import_from_ref(FtObject *module, FtObject *name)
{
    FtObject *value = NULL;
    int found = ft_object_lookup_attr(module, name, &value);
    if (found != 0)
        return found > 0 ? value : NULL;
    FtObject *modname = NULL;
    FtObject *name_attr = ft_str_intern_cstr_ref("__name__");
    found = name_attr == NULL ? -1 : ft_object_lookup_attr(module, name_attr, &modname);
    ft_xdecref(name_attr);
    if (found < 0)
        return NULL;
    if (found && ft_str_check(modname)) {
        FtObject *full = ft_str_from_format_ref("%U.%U", modname, name);
        if (full == NULL) {
            ft_decref(modname);
            return NULL;
        }
        found = ft_dict_get_item_ref(ft_interp_main()->modules_dict, full, &value);
        ft_decref(full);
        if (found != 0) {
            ft_decref(modname);
            return found > 0 ? value : NULL;
        }
    } else if (found) {
        ft_decref(modname);
        modname = NULL;
    }
    FtObject *shown = modname != NULL ? modname : ft_str_from_ascii_ref("<unknown module name>");
    if (shown == NULL)
        return NULL;
    FtObject *file = NULL;
    FtObject *file_attr = ft_str_intern_cstr_ref("__file__");
    if (file_attr == NULL || ft_object_lookup_attr(module, file_attr, &file) < 0)
        ft_error_clear();
    ft_xdecref(file_attr);
    FtObject *msg;
    // TODO(#4): "from partially initialized module 'm' (most likely due to a circular import)" once
    // __spec__._initializing exists.
    if (file != NULL && ft_str_check(file))
        msg = ft_str_from_format_ref("cannot import name %R from %R (%U)", name, shown, file);
    else
        msg = ft_str_from_format_ref("cannot import name %R from %R (unknown location)", name, shown);
    raise_import_error(&ft_exc_import_error, msg, modname, file);
    ft_xdecref(file);
    ft_decref(shown);
    return NULL;
}

// objects/warnings.c: issuing and printing warnings from C (objects/warnings.h; CPython's
// Python/_warnings.c warn_explicit and Lib/warnings.py's default filters and formatwarning).
//
// Invariant: a warning is printed at most once per (text, category, line) of a module when it goes
// through ft_warn (the module's __warningregistry__ remembers it), and every time through
// ft_warn_explicit, as CPython does for compile-time warnings.
//
// Concurrency: no state of its own. The registry is the module globals' dict entry (dicts lock
// themselves; two threads warning at once may both print, as in CPython). Frames are the calling
// thread's own (FtThreadState.current_frame, owner-thread only).
#include <stdbool.h>  // bool
#include <stdio.h>    // FILE fopen getline
#include <stdlib.h>   // free
#include <string.h>   // strrchr

#include "objects/warnings.h"

#include "objects/abstract.h"      // ft_object_call_method_cstr_ref
#include "objects/code.h"          // FtCodeObject
#include "objects/dict.h"          // ft_dict_*
#include "objects/error.h"         // ft_exc_* ft_error_*
#include "objects/frame.h"         // FtFrame ft_frame_lineno
#include "objects/int.h"           // ft_int_from_int64_ref
#include "objects/object.h"        // ft_object_*
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_pack_ref
#include "objects/type.h"          // ft_type_is_subtype
#include "runtime/thread_state.h"  // ft_thread_state_current ft_interp_main

FtObject *
ft_source_line_stripped_ref(FtObject *filename, int lineno)
{
    const char *path = ft_str_as_utf8(filename, NULL);
    if (path == NULL) {
        ft_error_clear();
        return NULL;
    }
    FILE *f = fopen(path, "r");
    if (f == NULL)
        return NULL;
    char *line = NULL;
    size_t cap = 0;
    ssize_t len = -1;
    for (int n = 1; n <= lineno; n++) {
        len = getline(&line, &cap, f);
        if (len < 0)
            break;
    }
    fclose(f);
    FtObject *result = NULL;
    if (len >= 0) {
        const char *start = line;
        const char *end = line + len;
        while (start < end && (*start == ' ' || *start == '\t' || *start == '\f'))
            start++;
        while (end > start && (end[-1] == '\n' || end[-1] == '\r' || end[-1] == ' ' || end[-1] == '\t'))
            end--;
        result = ft_str_from_utf8_ref(start, end - start);
        if (result == NULL)
            ft_error_clear();
    }
    free(line);
    return result;
}

// Writes "FILE:LINE: Category: message\n  source\n" to sys.stderr (nothing when there is none),
// and the tracemalloc hint when the warning is about a source object.
static int
show_warning(FtTypeObject *category, FtObject *message, FtObject *filename, int lineno,
             bool has_source)
{
    FtObject *sys_dict = ft_interp_main()->sys_dict;
    FtObject *file = NULL;
    if (sys_dict == NULL || ft_dict_get_item_str_ref(sys_dict, "stderr", &file) <= 0 || file == FT_NONE) {
        ft_xdecref(file);
        return ft_error_occurred() ? -1 : 0;
    }
    const char *dot = strrchr(category->tp_name, '.');
    const char *cat_name = dot != NULL ? dot + 1 : category->tp_name;
    FtObject *line = ft_source_line_stripped_ref(filename, lineno);
    FtObject *text = line != NULL && ft_str_length(line) > 0
                         ? ft_str_from_format_ref("%U:%d: %s: %U\n  %U\n", filename, lineno, cat_name,
                                                  message, line)
                         : ft_str_from_format_ref("%U:%d: %s: %U\n", filename, lineno, cat_name, message);
    ft_xdecref(line);
    if (text != NULL && has_source) {
        FtObject *full = ft_str_from_format_ref(
            "%U%s: Enable tracemalloc to get the object allocation traceback\n", text, cat_name);
        ft_decref(text);
        text = full;
    }
    if (text == NULL) {
        ft_decref(file);
        return -1;
    }
    FtObject *r = ft_object_call_method_cstr_ref(file, "write", &text, 1);
    ft_decref(text);
    ft_decref(file);
    if (r == NULL)
        return -1;
    ft_decref(r);
    return 0;
}

// CPython 3.14's default filters (no -W options): is this warning ignored?
static bool
ignored_by_default(FtTypeObject *category, FtObject *module)
{
    if (ft_type_is_subtype(category, &ft_exc_deprecation_warning))
        return module == NULL || !ft_str_check(module) || !ft_str_equal_cstr(module, "__main__");
    return ft_type_is_subtype(category, &ft_exc_pending_deprecation_warning) ||
           ft_type_is_subtype(category, &ft_exc_import_warning) ||
           ft_type_is_subtype(category, &ft_exc_resource_warning);
}

int
ft_warn_explicit(FtTypeObject *category, FtObject *message, FtObject *filename, int lineno)
{
    // The module of an explicit warning is its file name without ".py" (never "__main__").
    if (ignored_by_default(category, NULL))
        return 0;
    return show_warning(category, message, filename, lineno, false);
}

int
ft_warn(FtTypeObject *category, const char *message, Ft_ssize stacklevel)
{
    return ft_warn_with_source(category, message, stacklevel, NULL);
}

int
ft_warn_with_source(FtTypeObject *category, const char *message, Ft_ssize stacklevel,
                    FtObject *source)
{
    FtThreadState *ts = ft_thread_state_current();
    FtFrame *frame = ts != NULL ? ts->current_frame : NULL;
    for (Ft_ssize level = 1; frame != NULL && level < stacklevel; level++)
        frame = frame->previous;
    FtObject *globals = frame != NULL ? frame->f_globals : NULL;
    FtObject *module = NULL;
    if (globals != NULL && ft_dict_get_item_str_ref(globals, "__name__", &module) < 0)
        return -1;
    bool ignored = ignored_by_default(category, module);
    ft_xdecref(module);
    if (ignored)
        return 0;
    FtObject *text = ft_str_from_cstr_ref(message);
    if (text == NULL)
        return -1;
    FtObject *filename;
    int lineno;
    if (frame != NULL) {
        filename = ft_new_ref(((FtCodeObject *)frame->f_executable)->co_filename);
        lineno = ft_frame_lineno(frame);
    } else {
        filename = ft_str_from_cstr_ref("sys");
        lineno = 1;
    }
    int status = 0;
    // "default" action: once per (text, category, line) in the module's __warningregistry__.
    FtObject *registry = NULL;
    FtObject *key = NULL;
    if (globals != NULL) {
        if (ft_dict_get_item_str_ref(globals, "__warningregistry__", &registry) < 0)
            goto error;
        if (registry == NULL) {
            registry = ft_dict_new_ref();
            if (registry == NULL || ft_dict_set_item_str(globals, "__warningregistry__", registry) < 0)
                goto error;
        }
        if (ft_dict_check(registry)) {
            FtObject *line_obj = ft_int_from_int64_ref(lineno);
            key = line_obj != NULL ? ft_tuple_pack_ref(3, text, (FtObject *)category, line_obj) : NULL;
            ft_xdecref(line_obj);
            if (key == NULL)
                goto error;
            FtObject *seen = NULL;
            if (ft_dict_get_item_ref(registry, key, &seen) < 0)
                goto error;
            if (seen != NULL) {
                ft_decref(seen);
                goto done;
            }
            if (ft_dict_set_item(registry, key, FT_TRUE) < 0)
                goto error;
        }
    }
    status = show_warning(category, text, filename, lineno, source != NULL);
    goto done;
error:
    status = -1;
done:
    ft_xdecref(key);
    ft_xdecref(registry);
    ft_decref(filename);
    ft_decref(text);
    return status;
}

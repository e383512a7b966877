// modules/builtins_code.c: the builtins that compile and run code or look at namespaces: compile,
// eval, exec, globals, locals, vars, dir, __import__ and __build_class__ (CPython's
// Python/bltinmodule.c, PEP 3115 for class creation).
//
// Invariant: eval/exec always run with a globals dict holding '__builtins__' (inserted from the
// running frame's builtins, or the interpreter's, when absent), as CPython.
//
// Concurrency: no state of its own. The namespaces are dicts (or mappings) that lock themselves;
// the current frame is owner-thread state read through eval/eval.h.
#include <string.h>   // memchr strcmp

#include "modules/modules_internal.h"

#include "compiler/compile.h"          // ft_compile_source_ref FT_CF_*
#include "eval/eval.h"                 // ft_eval_*
#include "objects/abstract.h"          // ft_object_*
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytearray.h"         // ft_bytearray_type
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/code.h"              // ft_code_check FtCodeObject
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/function.h"          // ft_function_check ft_cell_*
#include "objects/list.h"              // ft_list_*
#include "objects/method_def.h"        // FtMethodDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_* ft_type_calculate_metaclass_borrow
#include "objects/set.h"               // ft_set_new_ref
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_zalloc ft_runtime_mem_free
#include "runtime/thread_state.h"      // ft_interp_main

// Source text.

// The source as an immutable object: src itself for a str or bytes, a bytes snapshot of a
// bytearray (another thread may resize it while the compiler reads), in a new reference; NULL with
// TypeError "<fname>() arg 1 must be a string, bytes or <what> object", or with SyntaxError for a
// null byte. *text and *len then give its UTF-8 bytes; *is_str tells a str from bytes.
static FtObject *
source_ref(FtObject *src, const char *fname, const char *what, const char **text, Ft_ssize *len,
           bool *is_str)
{
    FtObject *owner;
    *is_str = ft_str_check(src);
    if (*is_str) {
        owner = ft_new_ref(src);
        *text = ft_str_as_utf8(src, len);
    } else if (ft_bytes_check(src)) {
        owner = ft_new_ref(src);
        *text = ft_bytes_data(src);
        *len = ft_bytes_size(src);
    } else if (ft_object_type_check(src, &ft_bytearray_type)) {
        owner = ft_bytearray_to_bytes_ref(src);
        if (owner == NULL)
            return NULL;
        *text = ft_bytes_data(owner);
        *len = ft_bytes_size(owner);
    } else {
        return ft_error_format(&ft_exc_type_error, "%s() arg 1 must be a string, bytes or %s object",
                               fname, what);
    }
    if (*text == NULL) {
        ft_decref(owner);
        return NULL;
    }
    if (memchr(*text, '\0', (size_t)*len) != NULL) {
        ft_decref(owner);
        return ft_error_format(&ft_exc_syntax_error, "source code string cannot contain null bytes");
    }
    return owner;
}

static FtObject *
compile_text_ref(FtObject *src, const char *fname, const char *what, FtCompileMode mode,
                 bool strip_leading, int flags, int optimize, FtObject *filename)
{
    const char *text = NULL;
    Ft_ssize len = 0;
    bool is_str;
    FtObject *owner = source_ref(src, fname, what, &text, &len, &is_str);
    if (owner == NULL)
        return NULL;
    if (strip_leading) {
        while (len > 0 && (*text == ' ' || *text == '\t')) {
            text++;
            len--;
        }
    }
    if (is_str)
        flags |= FT_CF_SOURCE_IS_UTF8;
    FtObject *code = ft_compile_source_ref(text, len, filename, mode, flags, optimize);
    ft_decref(owner);
    return code;
}

// compile, eval, exec.

static FtObject *
builtin_compile(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"source", "filename", "mode", "flags", "dont_inherit",
                                        "optimize", "_feature_version"};
    static const FtArgSpec spec = {"compile", names, 7, 0, 6, 3};
    FtObject *a[7];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    FtObject *filename;
    if (ft_str_check(a[1])) {
        filename = ft_new_ref(a[1]);
    } else if (ft_bytes_check(a[1])) {
        filename = ft_str_from_utf8_ref(ft_bytes_data(a[1]), ft_bytes_size(a[1]));
        if (filename == NULL)
            return NULL;
    } else {
        // TODO(#4): os.PathLike through __fspath__.
        return ft_error_format(&ft_exc_type_error,
                               "expected str, bytes or os.PathLike object, not %T", a[1]);
    }
    FtObject *res = NULL;
    FtCompileMode mode;
    Ft_ssize flags = 0, optimize = -1;
    if (!ft_str_check(a[2])) {
        ft_error_format(&ft_exc_type_error, "compile() argument 'mode' must be str, not %T", a[2]);
        goto done;
    }
    if (ft_str_equal_cstr(a[2], "exec")) {
        mode = FT_COMPILE_EXEC;
    } else if (ft_str_equal_cstr(a[2], "eval")) {
        mode = FT_COMPILE_EVAL;
    } else if (ft_str_equal_cstr(a[2], "single")) {
        mode = FT_COMPILE_SINGLE;
    } else {
        // TODO(#4): 'func_type' mode (needs the ast module).
        ft_error_set_string(&ft_exc_value_error, "compile() mode must be 'exec', 'eval' or 'single'");
        goto done;
    }
    if (a[3] != NULL && (flags = ft_number_as_ssize(a[3], &ft_exc_overflow_error)) == -1 &&
        ft_error_occurred())
        goto done;
    if (a[5] != NULL && (optimize = ft_number_as_ssize(a[5], &ft_exc_overflow_error)) == -1 &&
        ft_error_occurred())
        goto done;
    const Ft_ssize known = FT_CF_SOURCE_IS_UTF8 | FT_CF_DONT_IMPLY_DEDENT | FT_CF_ONLY_AST |
                           FT_CF_IGNORE_COOKIE | FT_CF_TYPE_COMMENTS | FT_CF_ALLOW_TOP_LEVEL_AWAIT |
                           FT_CF_ALLOW_INCOMPLETE_INPUT | FT_CF_OPTIMIZED_AST |
                           FT_CF_FUTURE_ANNOTATIONS | FT_CF_FUTURE_BARRY_AS_BDFL |
                           0x20000 | 0x40000 | 0x80000 | 0x100000 | 0x200000 | 0x800000 | 0x2000000;
    if (flags & ~known) {
        ft_error_set_string(&ft_exc_value_error, "compile(): unrecognised flags");
        goto done;
    }
    if (optimize < -1 || optimize > 2) {
        ft_error_set_string(&ft_exc_value_error, "compile(): invalid optimize value");
        goto done;
    }
    if (flags & FT_CF_ONLY_AST) {
        ft_error_set_string(&ft_exc_not_implemented_error,
                            "compile() to an AST is not implemented yet (no _ast module)");   // TODO(#4)
        goto done;
    }
    res = compile_text_ref(a[0], "compile", "AST", mode, false, (int)flags, (int)optimize, filename);
done:
    ft_decref(filename);
    return res;
}

// The globals/locals of eval/exec after defaults: new references in *g and *l (l may be NULL:
// same as globals). 0 or -1.
static int
resolve_namespaces(const char *fname, FtObject *globals, FtObject *locals, FtObject **g, FtObject **l)
{
    *g = *l = NULL;
    if (globals == NULL || ft_object_is_none(globals)) {
        FtObject *current = ft_eval_globals_borrow();
        if (current == NULL) {
            ft_error_format(&ft_exc_system_error, "%s must be given globals and locals when called "
                            "without a frame", fname);
            return -1;
        }
        *g = ft_new_ref(current);
        if (locals == NULL || ft_object_is_none(locals)) {
            *l = ft_eval_locals_ref();
            if (*l == NULL) {
                ft_decref(*g);
                return -1;
            }
            return 0;
        }
    } else {
        *g = ft_new_ref(globals);
    }
    if (locals != NULL && !ft_object_is_none(locals))
        *l = ft_new_ref(locals);
    FtObject *builtins = NULL;
    int found = ft_dict_get_item_str_ref(*g, "__builtins__", &builtins);
    if (found < 0)
        goto error;
    if (found) {
        ft_decref(builtins);
        return 0;
    }
    FtObject *frame_builtins = ft_eval_builtins_borrow();
    if (frame_builtins == NULL)
        frame_builtins = ft_interp_main()->builtins_dict;
    if (ft_dict_set_item_str(*g, "__builtins__", frame_builtins) < 0)
        goto error;
    return 0;
error:
    ft_xdecref(*g);
    ft_xdecref(*l);
    return -1;
}

static bool
is_mapping(FtObject *op)
{
    FtTypeObject *t = ft_object_type(op);
    return ft_dict_check(op) || (t->tp_as_mapping != NULL && t->tp_as_mapping->mp_subscript != NULL);
}

static bool
code_has_free_vars(FtObject *code)
{
    FtObject *kinds = ((FtCodeObject *)code)->co_localspluskinds;
    const char *k = ft_bytes_data(kinds);
    for (Ft_ssize i = 0; i < ft_bytes_size(kinds); i++)
        if ((unsigned char)k[i] & FT_CO_FAST_FREE)
            return true;
    return false;
}

static FtObject *
builtin_eval(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"source", "globals", "locals"};
    static const FtArgSpec spec = {"eval", names, 3, 1, 3, 1};
    FtObject *a[3];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    if (a[1] != NULL && !ft_object_is_none(a[1]) && !ft_dict_check(a[1]))
        return ft_error_format(&ft_exc_type_error, is_mapping(a[1])
                                   ? "globals must be a real dict; try eval(expr, {}, mapping)"
                                   : "globals must be a dict");
    if (a[2] != NULL && !ft_object_is_none(a[2]) && !is_mapping(a[2]))
        return ft_error_format(&ft_exc_type_error, "locals must be a mapping");
    FtObject *g, *l, *code, *res = NULL;
    if (resolve_namespaces("eval", a[1], a[2], &g, &l) < 0)
        return NULL;
    if (ft_code_check(a[0])) {
        if (code_has_free_vars(a[0])) {
            ft_error_set_string(&ft_exc_type_error,
                                "code object passed to eval() may not contain free variables");
            goto done;
        }
        code = ft_new_ref(a[0]);
    } else {
        FtObject *filename = ft_str_from_ascii_ref("<string>");
        if (filename == NULL)
            goto done;
        code = compile_text_ref(a[0], "eval", "code", FT_COMPILE_EVAL, true, 0, -1, filename);
        ft_decref(filename);
    }
    if (code != NULL) {
        res = ft_eval_code_ref(code, g, l);
        ft_decref(code);
    }
done:
    ft_decref(g);
    ft_xdecref(l);
    return res;
}

static FtObject *
builtin_exec(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"source", "globals", "locals", "closure"};
    static const FtArgSpec spec = {"exec", names, 4, 1, 3, 1};
    FtObject *a[4];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    if (a[1] != NULL && !ft_object_is_none(a[1]) && !ft_dict_check(a[1]))
        return ft_error_format(&ft_exc_type_error, "exec() globals must be a dict, not %T", a[1]);
    if (a[2] != NULL && !ft_object_is_none(a[2]) && !is_mapping(a[2]))
        return ft_error_format(&ft_exc_type_error, "locals must be a mapping or None, not %T", a[2]);
    bool has_closure = a[3] != NULL && !ft_object_is_none(a[3]);
    if (has_closure && !ft_code_check(a[0]))
        return ft_error_format(&ft_exc_type_error,
                               "closure can only be used when source is a code object");
    if (has_closure)   // TODO(#4): exec(code, closure=cells) once the eval loop takes a closure.
        return ft_error_format(&ft_exc_not_implemented_error, "exec() closure is not implemented yet");
    FtObject *g, *l, *code, *res = NULL;
    if (resolve_namespaces("exec", a[1], a[2], &g, &l) < 0)
        return NULL;
    if (ft_code_check(a[0])) {
        if (code_has_free_vars(a[0])) {
            ft_error_set_string(&ft_exc_type_error,
                                "code object requires a closure of exactly length 0");
            goto done;
        }
        code = ft_new_ref(a[0]);
    } else {
        FtObject *filename = ft_str_from_ascii_ref("<string>");
        if (filename == NULL)
            goto done;
        code = compile_text_ref(a[0], "exec", "code", FT_COMPILE_EXEC, false, 0, -1, filename);
        ft_decref(filename);
    }
    if (code != NULL) {
        FtObject *r = ft_eval_code_ref(code, g, l);
        ft_decref(code);
        if (r != NULL) {
            ft_decref(r);
            res = ft_none_ref();
        }
    }
done:
    ft_decref(g);
    ft_xdecref(l);
    return res;
}

// Namespaces.

static FtObject *
builtin_globals(FtObject *self)
{
    (void)self;
    FtObject *g = ft_eval_globals_borrow();
    return g != NULL ? ft_new_ref(g) : ft_none_ref();
}

static FtObject *
builtin_locals(FtObject *self)
{
    (void)self;
    return ft_eval_locals_ref();
}

static FtObject *
builtin_vars(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("vars", nargs, 0, 1) < 0)
        return NULL;
    if (nargs == 0)
        return ft_eval_locals_ref();
    FtObject *name = ft_str_intern_cstr_ref("__dict__");
    if (name == NULL)
        return NULL;
    FtObject *d = NULL;
    int found = ft_object_lookup_attr(args[0], name, &d);
    ft_decref(name);
    if (found < 0)
        return NULL;
    if (found == 0)
        return ft_error_format(&ft_exc_type_error, "vars() argument must have __dict__ attribute");
    return d;
}

// The keys of a mapping (mapping.keys(), which takes the dict's lock), appended to list. 0 or -1.
static int
append_keys(FtObject *list, FtObject *mapping)
{
    FtObject *keys = ft_object_call_method_cstr_ref(mapping, "keys", NULL, 0);
    if (keys == NULL)
        return -1;
    int rc = ft_modules_list_extend(list, keys);
    ft_decref(keys);
    return rc;
}

static FtObject *
builtin_dir(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("dir", nargs, 0, 1) < 0)
        return NULL;
    FtObject *list = NULL;
    if (nargs == 0) {
        FtObject *locals = ft_eval_locals_ref();
        if (locals == NULL)
            return NULL;
        list = ft_list_new_ref(0);
        if (list != NULL && append_keys(list, locals) < 0) {
            ft_decref(list);
            list = NULL;
        }
        ft_decref(locals);
    } else {
        FtObject *method = NULL;
        int found = ft_object_lookup_special(args[0], "__dir__", &method);
        if (found < 0)
            return NULL;
        if (found) {
            FtObject *res = ft_object_vectorcall_ref(method, NULL, 0, NULL);
            ft_decref(method);
            if (res == NULL)
                return NULL;
            list = ft_list_new_ref(0);
            if (list != NULL && ft_modules_list_extend(list, res) < 0) {
                ft_decref(list);
                list = NULL;
            }
            ft_decref(res);
        } else {
            // TODO(#4): object.__dir__ in objects/; meanwhile the type's MRO dicts and __dict__.
            FtTypeObject *type = ft_type_check(args[0]) ? (FtTypeObject *)args[0]
                                                        : ft_object_type(args[0]);
            list = ft_list_new_ref(0);
            FtObject *mro = type->tp_mro;
            for (Ft_ssize i = 0; list != NULL && mro != NULL && i < ft_tuple_size(mro); i++) {
                FtTypeObject *base = (FtTypeObject *)ft_tuple_get_item_borrow(mro, i);
                if (base->tp_dict != NULL && append_keys(list, base->tp_dict) < 0) {
                    ft_decref(list);
                    list = NULL;
                }
            }
            if (list != NULL) {
                FtObject *set = ft_set_new_ref(list);
                ft_decref(list);
                list = NULL;
                if (set != NULL) {
                    list = ft_list_new_ref(0);
                    if (list != NULL && ft_modules_list_extend(list, set) < 0) {
                        ft_decref(list);
                        list = NULL;
                    }
                    ft_decref(set);
                }
            }
        }
    }
    if (list != NULL && ft_list_sort(list, NULL, false) < 0) {
        ft_decref(list);
        return NULL;
    }
    return list;
}

// Import.

static FtObject *
builtin_import(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"name", "globals", "locals", "fromlist", "level"};
    static const FtArgSpec spec = {"__import__", names, 5, 0, 5, 1};
    FtObject *a[5];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    Ft_ssize level = 0;
    if (a[4] != NULL && (level = ft_number_as_ssize(a[4], &ft_exc_overflow_error)) == -1 &&
        ft_error_occurred())
        return NULL;
    return ft_import_name_ref(a[0], a[1], a[2], a[3], (int)level);
}

// __build_class__.

// PEP 560: replaces each non-type base that has __mro_entries__ by the entries it returns. A new
// tuple (orig_bases itself, with a new reference, when nothing changed) or NULL.
static FtObject *
update_bases(FtObject *orig_bases)
{
    Ft_ssize n = ft_tuple_size(orig_bases);
    FtObject *list = NULL;
    FtObject *name = ft_str_intern_cstr_ref("__mro_entries__");
    if (name == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *base = ft_tuple_get_item_borrow(orig_bases, i);
        FtObject *meth = NULL;
        int found = 0;
        if (!ft_type_check(base)) {
            found = ft_object_lookup_attr(base, name, &meth);
            if (found < 0)
                goto error;
        }
        if (!found) {
            if (list != NULL && ft_list_append(list, base) < 0)
                goto error;
            continue;
        }
        FtObject *entries = ft_object_call_one_arg_ref(meth, orig_bases);
        ft_decref(meth);
        if (entries == NULL)
            goto error;
        if (!ft_tuple_check(entries)) {
            ft_decref(entries);
            ft_error_set_string(&ft_exc_type_error, "__mro_entries__ must return a tuple");
            goto error;
        }
        if (list == NULL) {
            list = ft_list_new_ref(0);
            for (Ft_ssize j = 0; list != NULL && j < i; j++)
                if (ft_list_append(list, ft_tuple_get_item_borrow(orig_bases, j)) < 0) {
                    ft_decref(entries);
                    goto error;
                }
            if (list == NULL) {
                ft_decref(entries);
                goto error;
            }
        }
        int rc = ft_modules_list_extend(list, entries);
        ft_decref(entries);
        if (rc < 0)
            goto error;
    }
    ft_decref(name);
    if (list == NULL)
        return ft_new_ref(orig_bases);
    FtObject *res = ft_list_as_tuple_ref(list);
    ft_decref(list);
    return res;
error:
    ft_decref(name);
    ft_xdecref(list);
    return NULL;
}

static FtObject *
builtin_build_class(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    if (nargs < 2)
        return ft_error_format(&ft_exc_type_error, "__build_class__: not enough arguments");
    FtObject *func = args[0], *name = args[1];
    if (!ft_function_check(func))
        return ft_error_format(&ft_exc_type_error, "__build_class__: func must be a function");
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "__build_class__: name is not a string");
    FtObject *orig_bases = ft_tuple_from_array_ref(args + 2, nargs - 2);
    if (orig_bases == NULL)
        return NULL;
    FtObject *bases = NULL, *meta = NULL, *ns = NULL, *cell = NULL, *cls = NULL;
    FtObject *mkw_names = NULL;
    FtObject **call_args = NULL;
    bases = update_bases(orig_bases);
    if (bases == NULL)
        goto done;
    // Split the keywords: metaclass= goes away, the rest go to __prepare__ and the metaclass.
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    Ft_ssize nmkw = 0;
    call_args = ft_runtime_mem_zalloc((size_t)(3 + nkw) * sizeof(FtObject *));
    if (call_args == NULL) {
        ft_error_no_memory();
        goto done;
    }
    mkw_names = ft_tuple_new_ref(nkw);
    if (mkw_names == NULL)
        goto done;
    bool is_class = false;
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        if (ft_str_equal_cstr(key, "metaclass")) {
            meta = ft_new_ref(args[nargs + k]);
            continue;
        }
        call_args[3 + nmkw] = args[nargs + k];
        ft_tuple_set_item_steal_unlocked(mkw_names, nmkw++, ft_new_ref(key));
    }
    if (nmkw != nkw) {
        FtObject *exact = ft_tuple_new_ref(nmkw);
        if (exact == NULL)
            goto done;
        for (Ft_ssize k = 0; k < nmkw; k++)
            ft_tuple_set_item_steal_unlocked(exact, k, ft_new_ref(ft_tuple_get_item_borrow(mkw_names, k)));
        ft_decref(mkw_names);
        mkw_names = exact;
    }
    if (meta == NULL) {
        meta = ft_tuple_size(bases) == 0
                   ? ft_new_ref((FtObject *)&ft_type_type)
                   : ft_new_ref((FtObject *)ft_object_type(ft_tuple_get_item_borrow(bases, 0)));
        is_class = true;
    } else {
        is_class = ft_type_check(meta);
    }
    if (is_class) {
        FtTypeObject *winner = ft_type_calculate_metaclass_borrow((FtTypeObject *)meta, bases);
        if (winner == NULL)
            goto done;
        if ((FtObject *)winner != meta) {
            ft_decref(meta);
            meta = ft_new_ref((FtObject *)winner);
        }
    }
    FtObject *prepare = NULL;
    FtObject *prepare_name = ft_str_intern_cstr_ref("__prepare__");
    int found = prepare_name == NULL ? -1 : ft_object_lookup_attr(meta, prepare_name, &prepare);
    ft_xdecref(prepare_name);
    if (found < 0)
        goto done;
    call_args[1] = name;
    call_args[2] = bases;
    if (found == 0) {
        ns = ft_dict_new_ref();
    } else {
        ns = ft_object_vectorcall_ref(prepare, call_args + 1, 2,
                                      nmkw > 0 ? mkw_names : NULL);
        ft_decref(prepare);
    }
    if (ns == NULL)
        goto done;
    if (!is_mapping(ns)) {
        ft_error_format(&ft_exc_type_error, "%s.__prepare__() must return a mapping, not %T",
                        is_class ? ((FtTypeObject *)meta)->tp_name : "<metaclass>", ns);
        goto done;
    }
    cell = ft_eval_function_with_locals_ref(func, ns);
    if (cell == NULL)
        goto done;
    if (bases != orig_bases) {
        FtObject *key = ft_str_intern_cstr_ref("__orig_bases__");
        int rc = key == NULL ? -1 : ft_object_set_item(ns, key, orig_bases);
        ft_xdecref(key);
        if (rc < 0)
            goto done;
    }
    {
        // meta(name, bases, ns, **mkw): positional name, bases, ns then the keyword values.
        FtObject **margs = ft_runtime_mem_zalloc((size_t)(3 + nmkw) * sizeof(FtObject *));
        if (margs == NULL) {
            ft_error_no_memory();
            goto done;
        }
        margs[0] = name;
        margs[1] = bases;
        margs[2] = ns;
        for (Ft_ssize k = 0; k < nmkw; k++)
            margs[3 + k] = call_args[3 + k];
        cls = ft_object_vectorcall_ref(meta, margs, 3, nmkw > 0 ? mkw_names : NULL);
        ft_runtime_mem_free(margs);
    }
    if (cls != NULL && ft_type_check(cls) && ft_cell_check(cell)) {
        FtObject *cell_cls = ft_cell_get_ref(cell);
        if (cell_cls != cls) {
            if (cell_cls == NULL)
                ft_error_format(&ft_exc_runtime_error,
                                "__class__ not set defining %.200R as %.200R. Was __classcell__ "
                                "propagated to type.__new__?",
                                name, cls);
            else
                ft_error_format(&ft_exc_type_error, "__class__ set to %.200R defining %.200R as %.200R",
                                cell_cls, name, cls);
            ft_decref(cls);
            cls = NULL;
        }
        ft_xdecref(cell_cls);
    }
done:
    ft_runtime_mem_free(call_args);
    ft_xdecref(mkw_names);
    ft_xdecref(cell);
    ft_xdecref(ns);
    ft_xdecref(meta);
    ft_xdecref(bases);
    ft_decref(orig_bases);
    return cls;
}

const FtMethodDef ft_builtins_code_methods[] = {
    {"__build_class__", {.fast_kw = builtin_build_class}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "__build_class__(func, name, /, *bases, [metaclass], **kwds) -> class\n\nInternal helper function used by the class statement."},
    {"__import__", {.fast_kw = builtin_import}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Import a module."},
    {"compile", {.fast_kw = builtin_compile}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Compile source into a code object that can be executed by exec() or eval()."},
    {"dir", {.fast = builtin_dir}, FT_METH_FASTCALL, "Show attributes of an object."},
    {"eval", {.fast_kw = builtin_eval}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Evaluate the given source in the context of globals and locals."},
    {"exec", {.fast_kw = builtin_exec}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Execute the given source in the context of globals and locals."},
    {"globals", {.noargs = builtin_globals}, FT_METH_NOARGS, "Return the dictionary containing the current scope's global variables."},
    {"locals", {.noargs = builtin_locals}, FT_METH_NOARGS, "Return a dictionary containing the current scope's local variables."},
    {"vars", {.fast = builtin_vars}, FT_METH_FASTCALL, "Show vars."},
    {NULL, {NULL}, 0, NULL},
};

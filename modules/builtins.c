// modules/builtins.c: the builtins module's functions that inspect and convert objects, the
// module's constants and type names, and its creation (CPython's Python/bltinmodule.c). The
// iteration functions (all, any, iter, next, len, min, max, sum, sorted) are in builtins_seq.c; the
// code-running ones (compile, eval, exec, globals, locals, vars, dir, __import__, __build_class__)
// in builtins_code.c; the iterator types in builtins_iter.c.
//
// Invariant: every function has CPython 3.14's signature and TypeError texts (argument clinic's
// for clinic functions, _PyArg_CheckPositional's for the old-style ones).
//
// Concurrency: the functions keep no state; they lock nothing themselves, and the objects they
// touch lock themselves. The module dict is built once at start-up and then only read by the eval
// loop (user code may assign to builtins.x, which the dict's own locking covers).
#include <string.h>   // strlen

#include "modules/modules_internal.h"

#include "eval/eval.h"                 // ft_anext_awaitable_new_ref
#include "objects/abstract.h"          // ft_object_* protocols
#include "objects/abstract_number.h"   // ft_number_*
#include "objects/bytearray.h"         // ft_bytearray_type
#include "objects/bytes.h"             // ft_bytes_type
#include "objects/complex.h"           // ft_complex_type
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/float.h"             // ft_float_type
#include "objects/int.h"               // ft_int_* ft_bool_from
#include "objects/list.h"              // ft_list_type
#include "objects/memoryview.h"        // ft_memoryview_type
#include "objects/method_def.h"        // FtMethodDef ft_cfunction_new_ref
#include "objects/module.h"            // ft_module_*
#include "objects/object.h"            // ft_none_object ft_object_*
#include "objects/range.h"             // ft_range_type
#include "objects/set.h"               // ft_set_type ft_frozenset_type
#include "objects/slice.h"             // ft_slice_type
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_*
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref

// The function tables of the other builtins files.
extern const FtMethodDef ft_builtins_seq_methods[];
extern const FtMethodDef ft_builtins_code_methods[];

// Conversions.

static FtObject *
builtin_abs(FtObject *self, FtObject *arg)
{
    (void)self;
    return ft_number_absolute_ref(arg);
}

// bin/oct/hex: the index's format with the '#' form, as CPython's PyNumber_ToBase.
static FtObject *
number_to_base_ref(FtObject *arg, const char *spec)
{
    FtObject *index = ft_number_index_ref(arg);
    if (index == NULL)
        return NULL;
    FtObject *spec_str = ft_str_from_ascii_ref(spec);
    FtObject *res = spec_str == NULL ? NULL : ft_object_format_ref(index, spec_str);
    ft_xdecref(spec_str);
    ft_decref(index);
    return res;
}

static FtObject *
builtin_bin(FtObject *self, FtObject *arg)
{
    (void)self;
    return number_to_base_ref(arg, "#b");
}

static FtObject *
builtin_oct(FtObject *self, FtObject *arg)
{
    (void)self;
    return number_to_base_ref(arg, "#o");
}

static FtObject *
builtin_hex(FtObject *self, FtObject *arg)
{
    (void)self;
    return number_to_base_ref(arg, "#x");
}

static FtObject *
builtin_callable(FtObject *self, FtObject *arg)
{
    (void)self;
    return ft_new_ref(ft_bool_from(ft_object_type(arg)->tp_call != NULL));
}

static FtObject *
builtin_chr(FtObject *self, FtObject *arg)
{
    (void)self;
    FtObject *index = ft_number_index_ref(arg);
    if (index == NULL)
        return NULL;
    bool ok = true;
    int64_t v = ft_int_as_int64(index, &ok);
    ft_decref(index);
    if (!ok)
        ft_error_clear();   // OverflowError: replaced by chr()'s ValueError below
    if (!ok || v < 0 || v > 0x10FFFF)
        return ft_error_format(&ft_exc_value_error, "chr() arg not in range(0x110000)");
    uint32_t cp = (uint32_t)v;
    return ft_str_from_code_points_ref(&cp, 1);
}

static FtObject *
builtin_ord(FtObject *self, FtObject *arg)
{
    (void)self;
    if (ft_str_check(arg)) {
        if (ft_str_length(arg) != 1)
            return ft_error_format(&ft_exc_type_error,
                                   "ord() expected a character, but string of length %zd found",
                                   ft_str_length(arg));
        return ft_int_from_int64_ref(ft_str_read_char(arg, 0));
    }
    if (ft_bytes_check(arg) || ft_object_type_check(arg, &ft_bytearray_type)) {
        // A bytearray is read under its critical section (another thread may resize it).
        Ft_ssize size = 0;
        int byte = -1;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(arg);
        const char *data;
        ft_bytes_view(arg, &data, &size);
        if (size == 1)
            byte = (unsigned char)data[0];
        FT_END_CRITICAL_SECTION_OBJECT();
        if (byte < 0)
            return ft_error_format(&ft_exc_type_error,
                                   "ord() expected a character, but string of length %zd found",
                                   size);
        return ft_int_from_int64_ref(byte);
    }
    return ft_error_format(&ft_exc_type_error, "ord() expected string of length 1, but %T found",
                           arg);
}

static FtObject *
builtin_repr(FtObject *self, FtObject *arg)
{
    (void)self;
    return ft_object_repr_ref(arg);
}

// repr() with every non-ASCII code point escaped (\xhh, \uhhhh, \Uhhhhhhhh).
static FtObject *
builtin_ascii(FtObject *self, FtObject *arg)
{
    (void)self;
    return ft_str_ascii_ref(arg);
}

static FtObject *
builtin_format(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"value", "format_spec"};
    static const FtArgSpec spec = {"format", names, 2, 2, 2, 1};
    FtObject *a[2];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    if (a[1] != NULL && !ft_str_check(a[1]))
        return ft_error_bad_argument("format", "argument 2", "str", a[1]);
    return ft_object_format_ref(a[0], a[1]);
}

static FtObject *
builtin_hash(FtObject *self, FtObject *arg)
{
    (void)self;
    Ft_hash h = ft_object_hash(arg);
    if (h == -1 && ft_error_occurred())
        return NULL;
    return ft_int_from_int64_ref(h);
}

static FtObject *
builtin_id(FtObject *self, FtObject *arg)
{
    (void)self;
    return ft_int_from_int64_ref((int64_t)(uintptr_t)arg);
}

static FtObject *
builtin_divmod(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("divmod", nargs, 2, 2) < 0)
        return NULL;
    return ft_number_divmod_ref(args[0], args[1]);
}

static FtObject *
builtin_pow(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"base", "exp", "mod"};
    static const FtArgSpec spec = {"pow", names, 3, 0, 3, 2};
    FtObject *a[3];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    return ft_number_power_ref(a[0], a[1], a[2] != NULL ? a[2] : &ft_none_object);
}

static FtObject *
builtin_round(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"number", "ndigits"};
    static const FtArgSpec spec = {"round", names, 2, 0, 2, 1};
    FtObject *a[2];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    FtObject *method = NULL;
    int found = ft_object_lookup_special(a[0], "__round__", &method);
    if (found < 0)
        return NULL;
    if (found == 0)
        return ft_error_format(&ft_exc_type_error, "type %s doesn't define __round__ method",
                               ft_object_type(a[0])->tp_name);
    FtObject *res;
    if (a[1] == NULL || ft_object_is_none(a[1]))
        res = ft_object_vectorcall_ref(method, NULL, 0, NULL);
    else
        res = ft_object_vectorcall_ref(method, &a[1], 1, NULL);
    ft_decref(method);
    return res;
}

// Attributes and types.

static int
check_attr_name(FtObject *name)
{
    if (ft_str_check(name))
        return 0;
    ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%T'", name);
    return -1;
}

static FtObject *
builtin_getattr(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("getattr", nargs, 2, 3) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (nargs == 2)
        return ft_object_get_attr_ref(args[0], args[1]);
    FtObject *value = NULL;
    int found = ft_object_lookup_attr(args[0], args[1], &value);
    if (found < 0)
        return NULL;
    return found ? value : ft_new_ref(args[2]);
}

static FtObject *
builtin_hasattr(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("hasattr", nargs, 2, 2) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    FtObject *value = NULL;
    int found = ft_object_lookup_attr(args[0], args[1], &value);
    if (found < 0)
        return NULL;
    ft_xdecref(value);
    return ft_new_ref(ft_bool_from(found == 1));
}

static FtObject *
builtin_setattr(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("setattr", nargs, 3, 3) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (ft_object_set_attr(args[0], args[1], args[2]) < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *
builtin_delattr(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("delattr", nargs, 2, 2) < 0 || check_attr_name(args[1]) < 0)
        return NULL;
    if (ft_object_set_attr(args[0], args[1], NULL) < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *
builtin_isinstance(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("isinstance", nargs, 2, 2) < 0)
        return NULL;
    int r = ft_object_is_instance(args[0], args[1]);
    return r < 0 ? NULL : ft_new_ref(ft_bool_from(r));
}

static FtObject *
builtin_issubclass(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("issubclass", nargs, 2, 2) < 0)
        return NULL;
    int r = ft_object_is_subclass(args[0], args[1]);
    return r < 0 ? NULL : ft_new_ref(ft_bool_from(r));
}

// Input and output.

int
ft_file_write_string(FtObject *file, FtObject *s)
{
    FtObject *res = ft_object_call_method_cstr_ref(file, "write", &s, 1);
    if (res == NULL)
        return -1;
    ft_decref(res);
    return 0;
}

static int
print_check_str(const char *what, FtObject *value)
{
    if (value == NULL || ft_object_is_none(value) || ft_str_check(value))
        return 0;
    ft_error_format(&ft_exc_type_error, "%s must be None or a string, not %T", what, value);
    return -1;
}

static FtObject *
builtin_print(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"sep", "end", "file", "flush"};
    static const FtArgSpec spec = {"print", names, 4, 0, 0, 0};
    FtObject *kw[4];
    if (ft_args_parse_with_varargs(&spec, args + nargs, 0, kwnames, kw) < 0)
        return NULL;
    // ft_args_parse reads keyword values right after the positional ones: args + nargs with no
    // positional arguments is exactly the keyword values.
    FtObject *sep = kw[0], *end = kw[1], *file = kw[2], *flush = kw[3];
    FtObject *file_ref;
    if (file == NULL || ft_object_is_none(file)) {
        file_ref = ft_sys_get_ref("stdout");
        if (file_ref == NULL)
            return ft_error_format(&ft_exc_runtime_error, "lost sys.stdout");
        if (ft_object_is_none(file_ref)) {
            ft_decref(file_ref);
            return ft_none_ref();
        }
    } else {
        file_ref = ft_new_ref(file);
    }
    FtObject *res = NULL;
    if (print_check_str("sep", sep) < 0 || print_check_str("end", end) < 0)
        goto done;
    for (Ft_ssize i = 0; i < nargs; i++) {
        if (i > 0) {
            int rc;
            if (sep == NULL || ft_object_is_none(sep)) {
                FtObject *space = ft_str_from_ascii_ref(" ");
                rc = space == NULL ? -1 : ft_file_write_string(file_ref, space);
                ft_xdecref(space);
            } else {
                rc = ft_file_write_string(file_ref, sep);
            }
            if (rc < 0)
                goto done;
        }
        FtObject *s = ft_object_str_ref(args[i]);
        if (s == NULL)
            goto done;
        int rc = ft_file_write_string(file_ref, s);
        ft_decref(s);
        if (rc < 0)
            goto done;
    }
    if (end == NULL || ft_object_is_none(end)) {
        FtObject *nl = ft_str_from_ascii_ref("\n");
        int rc = nl == NULL ? -1 : ft_file_write_string(file_ref, nl);
        ft_xdecref(nl);
        if (rc < 0)
            goto done;
    } else if (ft_file_write_string(file_ref, end) < 0) {
        goto done;
    }
    if (flush != NULL) {
        int truth = ft_object_is_true(flush);
        if (truth < 0)
            goto done;
        if (truth) {
            FtObject *r = ft_object_call_method_cstr_ref(file_ref, "flush", NULL, 0);
            if (r == NULL)
                goto done;
            ft_decref(r);
        }
    }
    res = ft_none_ref();
done:
    ft_decref(file_ref);
    return res;
}

// Calls obj.method() and drops the result; 0 or -1.
static int
call_method_void(FtObject *obj, const char *method)
{
    FtObject *r = ft_object_call_method_cstr_ref(obj, method, NULL, 0);
    if (r == NULL)
        return -1;
    ft_decref(r);
    return 0;
}

static FtObject *
builtin_input(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("input", nargs, 0, 1) < 0)
        return NULL;
    FtObject *in = ft_sys_get_ref("stdin");
    FtObject *out = ft_sys_get_ref("stdout");
    FtObject *err = ft_sys_get_ref("stderr");
    FtObject *res = NULL;
    if (in == NULL || ft_object_is_none(in)) {
        ft_error_set_string(&ft_exc_runtime_error, "input(): lost sys.stdin");
        goto done;
    }
    if (out == NULL || ft_object_is_none(out)) {
        ft_error_set_string(&ft_exc_runtime_error, "input(): lost sys.stdout");
        goto done;
    }
    if (err != NULL && !ft_object_is_none(err) && call_method_void(err, "flush") < 0)
        ft_error_clear();
    if (nargs == 1) {
        FtObject *prompt = ft_object_str_ref(args[0]);
        if (prompt == NULL)
            goto done;
        int rc = ft_file_write_string(out, prompt);
        ft_decref(prompt);
        if (rc < 0)
            goto done;
    }
    if (call_method_void(out, "flush") < 0)
        ft_error_clear();
    FtObject *line = ft_object_call_method_cstr_ref(in, "readline", NULL, 0);
    if (line == NULL)
        goto done;
    if (!ft_str_check(line)) {
        ft_error_format(&ft_exc_type_error, "object.readline() returned non-string");
        ft_decref(line);
        goto done;
    }
    Ft_ssize n = ft_str_length(line);
    if (n == 0) {
        ft_decref(line);
        ft_error_set_string(&ft_exc_eof_error, "EOF when reading a line");
        goto done;
    }
    if (ft_str_read_char(line, n - 1) == '\n') {
        res = ft_str_substring_ref(line, 0, n - 1);
        ft_decref(line);
    } else {
        res = line;
    }
done:
    ft_xdecref(in);
    ft_xdecref(out);
    ft_xdecref(err);
    return res;
}

static FtObject *
builtin_breakpoint(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    FtObject *hook = ft_sys_get_ref("breakpointhook");
    if (hook == NULL)
        return ft_error_format(&ft_exc_runtime_error, "lost sys.breakpointhook");
    FtObject *res = ft_object_vectorcall_ref(hook, args, (size_t)nargs, kwnames);
    ft_decref(hook);
    return res;
}

// Asynchronous iteration.

static FtObject *
builtin_aiter(FtObject *self, FtObject *arg)
{
    (void)self;
    FtAsyncMethods *am = ft_object_type(arg)->tp_as_async;
    if (am == NULL || am->am_aiter == NULL)
        return ft_error_format(&ft_exc_type_error, "'%T' object is not an async iterable", arg);
    FtObject *it = am->am_aiter(arg);
    if (it == NULL)
        return NULL;
    FtAsyncMethods *iam = ft_object_type(it)->tp_as_async;
    if (iam == NULL || iam->am_anext == NULL) {
        ft_error_format(&ft_exc_type_error, "aiter() returned not an async iterator of type '%T'", it);
        ft_decref(it);
        return NULL;
    }
    return it;
}

static FtObject *
builtin_anext(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("anext", nargs, 1, 2) < 0)
        return NULL;
    FtAsyncMethods *am = ft_object_type(args[0])->tp_as_async;
    if (am == NULL || am->am_anext == NULL)
        return ft_error_format(&ft_exc_type_error, "'%T' object is not an async iterator", args[0]);
    FtObject *awaitable = am->am_anext(args[0]);
    if (nargs == 1 || awaitable == NULL)
        return awaitable;
    FtObject *wrapped = ft_anext_awaitable_new_ref(awaitable, args[1]);
    ft_decref(awaitable);
    return wrapped;
}

// exit and quit (site.py's _sitebuiltins.Quitter).

typedef struct {
    FtObject ob_base;
    FtObject *name;   // immutable str: "exit" or "quit"
} QuitterObject;

static void
quitter_dealloc(FtObject *op)
{
    ft_xdecref(((QuitterObject *)op)->name);
    ft_object_free_memory(op);
}

static FtObject *
quitter_repr(FtObject *op)
{
    return ft_str_from_format_ref("Use %U() or Ctrl-D (i.e. EOF) to exit", ((QuitterObject *)op)->name);
}

// exit(code=None): closes sys.stdin (ignoring errors), then raises SystemExit(code).
static FtObject *
quitter_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"code"};
    static const FtArgSpec spec = {"__call__", names, 1, 0, 1, 0};
    FtObject *a[1];
    (void)op;
    if (ft_args_parse(&spec, args, nargsf, kwnames, a) < 0)
        return NULL;
    FtObject *in = ft_sys_get_ref("stdin");
    if (in != NULL && !ft_object_is_none(in)) {
        FtObject *r = ft_object_call_method_cstr_ref(in, "close", NULL, 0);
        if (r == NULL)
            ft_error_clear();
        ft_xdecref(r);
    }
    ft_xdecref(in);
    ft_error_set_object(&ft_exc_system_exit, a[0]);
    return NULL;
}

static FtTypeObject quitter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_sitebuiltins.Quitter",
    .tp_basicsize = sizeof(QuitterObject),
    .tp_flags = FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = quitter_dealloc,
    .tp_repr = quitter_repr,
    .tp_call = quitter_call,
    .tp_getattro = ft_object_generic_get_attr_ref,
};

// copyright, credits, license, help (site.py's _Printer and _Helper).

typedef struct {
    FtObject ob_base;
    FtObject *text;   // immutable str: what repr shows and a call prints
} PrinterObject;

static void
printer_dealloc(FtObject *op)
{
    ft_xdecref(((PrinterObject *)op)->text);
    ft_object_free_memory(op);
}

static FtObject *
printer_repr(FtObject *op)
{
    return ft_new_ref(((PrinterObject *)op)->text);
}

// copyright() / credits() / license(): writes the text. TODO(#4): license()'s full text (site.py
// reads the LICENSE file) and paging on a terminal.
static FtObject *
printer_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    if (ft_args_no_kwargs("__call__", kwnames) < 0 ||
        ft_args_check_positional("__call__", ft_vectorcall_nargs(nargsf), 0, 0) < 0)
        return NULL;
    (void)args;
    // As pydoc's plain pager (what site.py's _Printer calls): the text as is, on sys.stdout.
    FtObject *out = ft_sys_get_ref("stdout");
    if (out == NULL || ft_object_is_none(out)) {
        ft_xdecref(out);
        return ft_error_format(&ft_exc_runtime_error, "lost sys.stdout");
    }
    int rc = ft_file_write_string(out, ((PrinterObject *)op)->text);
    ft_decref(out);
    return rc < 0 ? NULL : ft_none_ref();
}

static FtTypeObject printer_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_sitebuiltins._Printer",
    .tp_basicsize = sizeof(PrinterObject),
    .tp_flags = FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = printer_dealloc,
    .tp_repr = printer_repr,
    .tp_call = printer_call,
    .tp_getattro = ft_object_generic_get_attr_ref,
};

static FtObject *
helper_repr(FtObject *op)
{
    (void)op;
    return ft_str_from_ascii_ref("Type help() for interactive help, or help(object) for help about object.");
}

static FtObject *
helper_call(FtObject *op, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)op;
    (void)args;
    (void)nargsf;
    (void)kwnames;
    // TODO(#4): help() is pydoc's interactive help.
    return ft_error_format(&ft_exc_not_implemented_error, "help() needs pydoc, which ftpy cannot run yet");
}

static FtTypeObject helper_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_sitebuiltins._Helper",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = helper_repr,
    .tp_call = helper_call,
    .tp_getattro = ft_object_generic_get_attr_ref,
};

static int
add_printer(FtObject *dict, const char *name, FtObject *text_steal)
{
    if (text_steal == NULL)
        return -1;
    PrinterObject *p = (PrinterObject *)ft_object_new_of_type(&printer_type, 0);
    if (p == NULL) {
        ft_decref(text_steal);
        return -1;
    }
    p->text = text_steal;
    int rc = ft_dict_set_item_str(dict, name, (FtObject *)p);
    ft_decref((FtObject *)p);
    return rc;
}

int
ft_builtins_add_site_names(FtObject *builtins_dict)
{
    if (ft_type_ready(&quitter_type) < 0 || ft_type_ready(&printer_type) < 0 ||
        ft_type_ready(&helper_type) < 0)
        return -1;
    FtObject *copyright = ft_sys_get_ref("copyright");
    if (copyright == NULL)
        copyright = ft_str_from_ascii_ref("");
    if (add_printer(builtins_dict, "copyright", copyright) < 0 ||
        add_printer(builtins_dict, "credits",
                    ft_str_from_ascii_ref("Thanks to CWI, CNRI, BeOpen, Zope Corporation, the Python Software\n"
                                          "Foundation, and a cast of thousands for supporting Python\n"
                                          "development.  See www.python.org for more information.")) < 0 ||
        add_printer(builtins_dict, "license",
                    ft_str_from_ascii_ref("Type license() to see the full license text")) < 0)
        return -1;
    FtObject *helper = ft_object_new_of_type(&helper_type, 0);
    if (helper == NULL)
        return -1;
    int helper_rc = ft_dict_set_item_str(builtins_dict, "help", helper);
    ft_decref(helper);
    if (helper_rc < 0)
        return -1;
    static const char *const names[2] = {"exit", "quit"};
    for (int i = 0; i < 2; i++) {
        QuitterObject *q = (QuitterObject *)ft_object_new_of_type(&quitter_type, 0);
        if (q == NULL)
            return -1;
        q->name = ft_str_from_ascii_ref(names[i]);
        int rc = q->name == NULL ? -1 : ft_dict_set_item_str(builtins_dict, names[i], (FtObject *)q);
        ft_decref((FtObject *)q);
        if (rc < 0)
            return -1;
    }
    return 0;
}

// The module.

static const FtMethodDef builtins_methods[] = {
    {"abs", {.o = builtin_abs}, FT_METH_O, "abs($module, x, /)\n--\n\nReturn the absolute value of the argument."},
    {"aiter", {.o = builtin_aiter}, FT_METH_O, "Return an AsyncIterator for an AsyncIterable object."},
    {"anext", {.fast = builtin_anext}, FT_METH_FASTCALL, "Return the next item from the async iterator."},
    {"ascii", {.o = builtin_ascii}, FT_METH_O, "Return an ASCII-only representation of an object."},
    {"bin", {.o = builtin_bin}, FT_METH_O, "Return the binary representation of an integer."},
    {"breakpoint", {.fast_kw = builtin_breakpoint}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Call sys.breakpointhook(*args, **kws)."},
    {"callable", {.o = builtin_callable}, FT_METH_O, "Return whether the object is callable."},
    {"chr", {.o = builtin_chr}, FT_METH_O, "Return a Unicode string of one character with ordinal i."},
    {"delattr", {.fast = builtin_delattr}, FT_METH_FASTCALL, "Deletes the named attribute from the given object."},
    {"divmod", {.fast = builtin_divmod}, FT_METH_FASTCALL, "divmod($module, x, y, /)\n--\n\nReturn the tuple (x//y, x%y)."},
    {"format", {.fast_kw = builtin_format}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Return type(value).__format__(value, format_spec)"},
    {"getattr", {.fast = builtin_getattr}, FT_METH_FASTCALL, "Get a named attribute from an object."},
    {"hasattr", {.fast = builtin_hasattr}, FT_METH_FASTCALL, "Return whether the object has an attribute with the given name."},
    {"hash", {.o = builtin_hash}, FT_METH_O, "Return the hash value for the given object."},
    {"hex", {.o = builtin_hex}, FT_METH_O, "Return the hexadecimal representation of an integer."},
    {"id", {.o = builtin_id}, FT_METH_O, "Return the identity of an object."},
    {"input", {.fast = builtin_input}, FT_METH_FASTCALL, "Read a string from standard input."},
    {"isinstance", {.fast = builtin_isinstance}, FT_METH_FASTCALL, "Return whether an object is an instance of a class or of a subclass thereof."},
    {"issubclass", {.fast = builtin_issubclass}, FT_METH_FASTCALL, "Return whether 'cls' is derived from another class or is the same class."},
    {"oct", {.o = builtin_oct}, FT_METH_O, "Return the octal representation of an integer."},
    {"ord", {.o = builtin_ord}, FT_METH_O, "Return the Unicode code point for a one-character string."},
    {"pow", {.fast_kw = builtin_pow}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Equivalent to base**exp with 2 arguments or base**exp % mod with 3 arguments"},
    {"print", {.fast_kw = builtin_print}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Prints the values to a stream, or to sys.stdout by default."},
    {"repr", {.o = builtin_repr}, FT_METH_O, "Return the canonical string representation of the object."},
    {"round", {.fast_kw = builtin_round}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Round a number to a given precision in decimal digits."},
    {"setattr", {.fast = builtin_setattr}, FT_METH_FASTCALL, "Sets the named attribute on the given object to the specified value."},
    {NULL, {NULL}, 0, NULL},
};

static int
add_functions(FtObject *dict, const FtMethodDef *defs)
{
    for (const FtMethodDef *def = defs; def->name != NULL; def++) {
        FtObject *fn = ft_cfunction_new_ref(def, NULL);
        if (fn == NULL)
            return -1;
        int rc = ft_dict_set_item_str(dict, def->name, fn);
        ft_decref(fn);
        if (rc < 0)
            return -1;
    }
    return 0;
}

static int
add_type(FtObject *dict, const char *name, FtTypeObject *type)
{
    if (ft_type_ready(type) < 0)
        return -1;
    return ft_dict_set_item_str(dict, name, (FtObject *)type);
}

FtObject *
ft_builtins_create_ref(void)
{
    FtObject *module = ft_module_new_cstr_ref("builtins");
    if (module == NULL)
        return NULL;
    FtModuleObject *m = (FtModuleObject *)module;
    m->md_flags |= FT_MODULE_FLAG_BUILTIN;
    FtObject *dict = m->md_dict;
    FtObject *doc = ft_str_from_cstr_ref(
        "Built-in functions, types, exceptions, and other objects.\n\nThis module provides "
        "direct access to all 'built-in' identifiers of Python; for example, builtins.len is\n"
        "the full name for the built-in function len().\n\nThis module is not normally accessed "
        "explicitly by most applications, but can be\nuseful in modules that provide objects "
        "with the same name as a built-in value,\nbut in which the built-in of that name is "
        "also needed.");
    if (doc == NULL || ft_dict_set_item_str(dict, "__doc__", doc) < 0) {
        ft_xdecref(doc);
        goto error;
    }
    ft_decref(doc);
    if (add_functions(dict, builtins_methods) < 0 || add_functions(dict, ft_builtins_seq_methods) < 0 ||
        add_functions(dict, ft_builtins_code_methods) < 0)
        goto error;
    if (ft_dict_set_item_str(dict, "None", &ft_none_object) < 0 ||
        ft_dict_set_item_str(dict, "Ellipsis", &ft_ellipsis_object) < 0 ||
        ft_dict_set_item_str(dict, "NotImplemented", &ft_not_implemented_object) < 0 ||
        ft_dict_set_item_str(dict, "False", ft_bool_from(false)) < 0 ||
        ft_dict_set_item_str(dict, "True", ft_bool_from(true)) < 0 ||
        ft_dict_set_item_str(dict, "__debug__", ft_bool_from(true)) < 0)   // TODO(#4): False under -O
        goto error;
    if (add_type(dict, "bool", &ft_bool_type) < 0 || add_type(dict, "bytearray", &ft_bytearray_type) < 0 ||
        add_type(dict, "bytes", &ft_bytes_type) < 0 || add_type(dict, "complex", &ft_complex_type) < 0 ||
        add_type(dict, "dict", &ft_dict_type) < 0 || add_type(dict, "float", &ft_float_type) < 0 ||
        add_type(dict, "frozenset", &ft_frozenset_type) < 0 || add_type(dict, "int", &ft_int_type) < 0 ||
        add_type(dict, "list", &ft_list_type) < 0 ||
        add_type(dict, "memoryview", &ft_memoryview_type) < 0 || add_type(dict, "object", &ft_base_object_type) < 0 ||
        add_type(dict, "range", &ft_range_type) < 0 || add_type(dict, "set", &ft_set_type) < 0 ||
        add_type(dict, "slice", &ft_slice_type) < 0 || add_type(dict, "str", &ft_str_type) < 0 ||
        add_type(dict, "tuple", &ft_tuple_type) < 0 || add_type(dict, "type", &ft_type_type) < 0)
        goto error;
    if (add_type(dict, "classmethod", &ft_classmethod_type) < 0 ||
        add_type(dict, "property", &ft_property_type) < 0 ||
        add_type(dict, "staticmethod", &ft_staticmethod_type) < 0 ||
        add_type(dict, "super", &ft_super_type) < 0)
        goto error;
    if (ft_builtins_iter_add_types(dict) < 0)
        goto error;
    for (int i = 0; i < ft_exception_type_count; i++) {
        FtTypeObject *exc = ft_exception_types[i];
        const char *name = exc->tp_name;
        const char *dot = strrchr(name, '.');
        if (add_type(dict, dot != NULL ? dot + 1 : name, exc) < 0)
            goto error;
    }
    FtObject *env_error = NULL;
    if (ft_dict_get_item_str_ref(dict, "OSError", &env_error) <= 0)
        goto error;
    int rc = ft_dict_set_item_str(dict, "EnvironmentError", env_error) < 0 ||
             ft_dict_set_item_str(dict, "IOError", env_error) < 0;
    ft_decref(env_error);
    if (rc)
        goto error;
    return module;
error:
    ft_decref(module);
    return NULL;
}

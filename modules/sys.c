// modules/sys.c: the sys module (CPython's Python/sysmodule.c): the interpreter's configuration
// (argv, path, flags, version, implementation), its standard streams and hooks, and the functions
// over interpreter state (recursion limit, exception info, reference counts, sizes). Also the two
// helper types sys needs: struct sequences (sys.version_info, sys.flags, sys.float_info,
// sys.int_info) and a minimal types.SimpleNamespace for sys.implementation.
//
// Invariant: sys's values are created once by ft_sys_create_ref on the main thread before any
// other thread exists; user code may rebind them later (sys.stdout = f), which goes through the
// dict's own locking.
//
// Concurrency: the functions keep no state of their own; the recursion limit is the interpreter's
// relaxed atomic (eval/eval.h); everything else is in dicts that lock themselves.
#include <float.h>    // DBL_*
#include <stdarg.h>   // va_list
#include <stdio.h>    // snprintf
#include <stdlib.h>   // getenv realpath
#include <string.h>   // strlen strchr
#include <unistd.h>   // isatty access

#include "modules/modules_internal.h"

#include "eval/eval.h"                 // ft_eval_*
#include "objects/abstract.h"          // ft_object_*
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bigint.h"            // FT_BIGINT_DEFAULT_MAX_STR_DIGITS
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/float.h"             // ft_float_from_double_ref
#include "objects/frame.h"             // FtFrame ft_frame_get_object_ref
#include "objects/int.h"               // ft_int_* ft_bool_from
#include "objects/list.h"              // ft_list_*
#include "objects/method_def.h"        // FtMethodDef FtMemberDef
#include "objects/module.h"            // ft_module_*
#include "objects/set.h"               // ft_frozenset_new_ref
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_ready
#include "objects/warnings.h"          // ft_source_line_stripped_ref
#include "runtime/refcount.h"          // ft_refcount ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_zalloc
#include "runtime/thread_state.h"      // ft_interp_main
#include "sync/atomic.h"               // ft_atomic_*

// CPython release ftpy follows (the oracle's sys.version_info).
#define FT_SYS_MAJOR 3
#define FT_SYS_MINOR 14
#define FT_SYS_MICRO 10
#define FT_SYS_HEXVERSION ((FT_SYS_MAJOR << 24) | (FT_SYS_MINOR << 16) | (FT_SYS_MICRO << 8) | 0xF0)
#define FT_SYS_FTPY_VERSION "0.1.0"
// CPython's sys.copyright (ftpy reports the language's copyright notice, as CPython does).
#define FT_SYS_COPYRIGHT                                                                  \
    "Copyright (c) 2001 Python Software Foundation.\nAll Rights Reserved.\n\n"              \
    "Copyright (c) 2000 BeOpen.com.\nAll Rights Reserved.\n\n"                              \
    "Copyright (c) 1995-2001 Corporation for National Research Initiatives.\nAll Rights "    \
    "Reserved.\n\nCopyright (c) 1991-1995 Stichting Mathematisch Centrum, Amsterdam.\nAll " \
    "Rights Reserved."

// The CPython standard library ftpy reads (sys.path's last entry), unless FTPY_STDLIB is set.
#ifndef FT_STDLIB_DIR
#define FT_STDLIB_DIR "/opt/cpython314/lib/python3.14"
#endif
#define FT_STDLIB_DIR_FALLBACK "/opt/cpython314/root/usr/lib/python3.14"

/* --- Struct sequences --- */

// A struct sequence type is a tuple subtype whose members name the first n items; its repr is
// "name(field=value, ...)".
static FtObject *
structseq_repr(FtObject *op)
{
    FtTypeObject *type = ft_object_type(op);
    FtStrWriter w = {0};
    ft_str_writer_push_ascii(&w, type->tp_name);
    ft_str_writer_push(&w, '(');
    Ft_ssize i = 0;
    for (const FtMemberDef *m = type->tp_members; m->name != NULL; m++, i++) {
        if (i > 0)
            ft_str_writer_push_ascii(&w, ", ");
        ft_str_writer_push_ascii(&w, m->name);
        ft_str_writer_push(&w, '=');
        FtObject *r = ft_object_repr_ref(ft_tuple_get_item_borrow(op, i));
        if (r == NULL) {
            ft_str_writer_discard(&w);
            return NULL;
        }
        ft_str_writer_push_substr(&w, r, 0, ft_str_length(r));
        ft_decref(r);
    }
    ft_str_writer_push(&w, ')');
    return ft_str_writer_finish_ref(&w);
}

// A new instance of a struct sequence type from n values (stolen; a NULL value fails the whole).
static FtObject *
structseq_new_steal(FtTypeObject *type, FtObject **values, Ft_ssize n)
{
    bool ok = true;
    for (Ft_ssize i = 0; i < n; i++)
        ok = ok && values[i] != NULL;
    FtObject *res = ok ? ft_object_new_of_type(type, n) : NULL;
    if (res != NULL)
        ((FtTupleObject *)res)->hash = -1;   // unpublished: a plain store
    for (Ft_ssize i = 0; i < n; i++) {
        if (res != NULL)
            ft_tuple_set_item_steal_unlocked(res, i, values[i]);
        else
            ft_xdecref(values[i]);
    }
    return res;
}

#define STRUCTSEQ_FIELD(i, name) \
    {name, FT_MEMBER_OBJECT, offsetof(FtTupleObject, items) + (i) * sizeof(FtObject *), FT_MEMBER_READONLY, NULL}

static const FtMemberDef version_info_members[] = {
    STRUCTSEQ_FIELD(0, "major"), STRUCTSEQ_FIELD(1, "minor"), STRUCTSEQ_FIELD(2, "micro"),
    STRUCTSEQ_FIELD(3, "releaselevel"), STRUCTSEQ_FIELD(4, "serial"), {NULL, 0, 0, 0, NULL},
};

static const FtMemberDef flags_members[] = {
    STRUCTSEQ_FIELD(0, "debug"), STRUCTSEQ_FIELD(1, "inspect"), STRUCTSEQ_FIELD(2, "interactive"),
    STRUCTSEQ_FIELD(3, "optimize"), STRUCTSEQ_FIELD(4, "dont_write_bytecode"),
    STRUCTSEQ_FIELD(5, "no_user_site"), STRUCTSEQ_FIELD(6, "no_site"),
    STRUCTSEQ_FIELD(7, "ignore_environment"), STRUCTSEQ_FIELD(8, "verbose"),
    STRUCTSEQ_FIELD(9, "bytes_warning"), STRUCTSEQ_FIELD(10, "quiet"),
    STRUCTSEQ_FIELD(11, "hash_randomization"), STRUCTSEQ_FIELD(12, "isolated"),
    STRUCTSEQ_FIELD(13, "dev_mode"), STRUCTSEQ_FIELD(14, "utf8_mode"),
    STRUCTSEQ_FIELD(15, "warn_default_encoding"), STRUCTSEQ_FIELD(16, "safe_path"),
    STRUCTSEQ_FIELD(17, "int_max_str_digits"), {NULL, 0, 0, 0, NULL},
};

static const FtMemberDef float_info_members[] = {
    STRUCTSEQ_FIELD(0, "max"), STRUCTSEQ_FIELD(1, "max_exp"), STRUCTSEQ_FIELD(2, "max_10_exp"),
    STRUCTSEQ_FIELD(3, "min"), STRUCTSEQ_FIELD(4, "min_exp"), STRUCTSEQ_FIELD(5, "min_10_exp"),
    STRUCTSEQ_FIELD(6, "dig"), STRUCTSEQ_FIELD(7, "mant_dig"), STRUCTSEQ_FIELD(8, "epsilon"),
    STRUCTSEQ_FIELD(9, "radix"), STRUCTSEQ_FIELD(10, "rounds"), {NULL, 0, 0, 0, NULL},
};

static const FtMemberDef int_info_members[] = {
    STRUCTSEQ_FIELD(0, "bits_per_digit"), STRUCTSEQ_FIELD(1, "sizeof_digit"),
    STRUCTSEQ_FIELD(2, "default_max_str_digits"), STRUCTSEQ_FIELD(3, "str_digits_check_threshold"),
    {NULL, 0, 0, 0, NULL},
};

#define STRUCTSEQ_TYPE(cname, pyname, members)                                     \
    static FtTypeObject cname = {                                                  \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),                      \
        .tp_name = pyname,                                                         \
        .tp_basicsize = sizeof(FtTupleObject),                                     \
        .tp_itemsize = sizeof(FtObject *),                                         \
        .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE |                \
                    FT_TPFLAGS_DISALLOW_INSTANTIATION | FT_TPFLAGS_TUPLE_SUBCLASS, \
        .tp_base = &ft_tuple_type,                                                 \
        .tp_repr = structseq_repr,                                                 \
        .tp_members = members,                                                     \
    }

STRUCTSEQ_TYPE(version_info_type, "sys.version_info", version_info_members);

// sys.flags' three named fields past the sequence (len(sys.flags) stays 18), as a free-threaded
// CPython 3.14 build sets them by default: no GIL, threads inherit the context, and warnings are
// context-aware (catch_warnings keeps its filters in a context variable, so threads do not see
// each other's). TODO(#4): -X gil, -X thread_inherit_context, -X context_aware_warnings.
static FtObject *
flags_get_gil(FtObject *self, void *closure)
{
    (void)self;
    (void)closure;
    return ft_int_from_int64_ref(0);
}

static FtObject *
flags_get_one(FtObject *self, void *closure)
{
    (void)self;
    (void)closure;
    return ft_int_from_int64_ref(1);
}

static const FtGetSetDef flags_extra_fields[] = {
    {"gil", flags_get_gil, NULL, NULL, NULL},
    {"thread_inherit_context", flags_get_one, NULL, NULL, NULL},
    {"context_aware_warnings", flags_get_one, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtTypeObject flags_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "sys.flags",
    .tp_basicsize = sizeof(FtTupleObject),
    .tp_itemsize = sizeof(FtObject *),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION |
                FT_TPFLAGS_TUPLE_SUBCLASS,
    .tp_base = &ft_tuple_type,
    .tp_repr = structseq_repr,
    .tp_members = flags_members,
    .tp_getset = flags_extra_fields,
};
STRUCTSEQ_TYPE(float_info_type, "sys.float_info", float_info_members);
STRUCTSEQ_TYPE(int_info_type, "sys.int_info", int_info_members);

static const FtMemberDef hash_info_members[] = {
    STRUCTSEQ_FIELD(0, "width"), STRUCTSEQ_FIELD(1, "modulus"), STRUCTSEQ_FIELD(2, "inf"),
    STRUCTSEQ_FIELD(3, "nan"), STRUCTSEQ_FIELD(4, "imag"), STRUCTSEQ_FIELD(5, "algorithm"),
    STRUCTSEQ_FIELD(6, "hash_bits"), STRUCTSEQ_FIELD(7, "seed_bits"), STRUCTSEQ_FIELD(8, "cutoff"),
    {NULL, 0, 0, 0, NULL},
};

static const FtMemberDef thread_info_members[] = {
    STRUCTSEQ_FIELD(0, "name"), STRUCTSEQ_FIELD(1, "lock"), STRUCTSEQ_FIELD(2, "version"),
    {NULL, 0, 0, 0, NULL},
};

STRUCTSEQ_TYPE(hash_info_type, "sys.hash_info", hash_info_members);
STRUCTSEQ_TYPE(thread_info_type, "sys.thread_info", thread_info_members);

static const FtMemberDef unraisable_members[] = {
    STRUCTSEQ_FIELD(0, "exc_type"), STRUCTSEQ_FIELD(1, "exc_value"), STRUCTSEQ_FIELD(2, "exc_traceback"),
    STRUCTSEQ_FIELD(3, "err_msg"), STRUCTSEQ_FIELD(4, "object"), {NULL, 0, 0, 0, NULL},
};

STRUCTSEQ_TYPE(unraisable_type, "UnraisableHookArgs", unraisable_members);

static const FtMemberDef asyncgen_hooks_members[] = {
    STRUCTSEQ_FIELD(0, "firstiter"), STRUCTSEQ_FIELD(1, "finalizer"), {NULL, 0, 0, 0, NULL},
};

STRUCTSEQ_TYPE(asyncgen_hooks_type, "asyncgen_hooks", asyncgen_hooks_members);

/* --- SimpleNamespace --- */

typedef struct {
    FtObject ob_base;
    FtObject *dict;   // immutable pointer; the dict locks itself
} NamespaceObject;

static void
namespace_dealloc(FtObject *op)
{
    ft_xdecref(((NamespaceObject *)op)->dict);
    ft_object_free_memory(op);
}

static int
namespace_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *d = ((NamespaceObject *)op)->dict;
    return d != NULL ? visit(d, arg) : 0;
}

static FtObject *
namespace_getattro(FtObject *op, FtObject *name)
{
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(((NamespaceObject *)op)->dict, name, &value);
    if (found < 0)
        return NULL;
    if (found)
        return value;
    return ft_object_generic_get_attr_ref(op, name);
}

static int
namespace_setattro(FtObject *op, FtObject *name, FtObject *value)
{
    FtObject *d = ((NamespaceObject *)op)->dict;
    if (value != NULL)
        return ft_dict_set_item(d, name, value);
    if (ft_dict_del_item(d, name) < 0) {
        if (ft_error_matches(&ft_exc_key_error)) {
            ft_error_clear();
            ft_error_format(&ft_exc_attribute_error, "'%T' object has no attribute '%U'", op, name);
        }
        return -1;
    }
    return 0;
}

static FtObject *
namespace_repr(FtObject *op)
{
    FtReprFrame frame;
    int entered = ft_object_repr_enter(&frame, op);
    if (entered < 0)
        return NULL;
    if (entered > 0)
        return ft_str_from_ascii_ref("namespace(...)");
    FtStrWriter w = {0};
    ft_str_writer_push_ascii(&w, "namespace(");
    // A snapshot of the items (dict.items() takes the dict's lock), so reprs run with no lock held.
    FtObject *view = ft_object_call_method_cstr_ref(((NamespaceObject *)op)->dict, "items", NULL, 0);
    FtObject *items = view != NULL ? ft_sequence_tuple_ref(view) : NULL;
    ft_xdecref(view);
    bool failed = items == NULL;
    Ft_ssize i = 0;
    for (Ft_ssize j = 0; !failed && j < ft_tuple_size(items); j++) {
        FtObject *pair = ft_tuple_get_item_borrow(items, j);
        FtObject *key = ft_new_ref(ft_tuple_get_item_borrow(pair, 0));
        FtObject *value = ft_new_ref(ft_tuple_get_item_borrow(pair, 1));
        if (ft_str_check(key)) {
            FtObject *r = ft_object_repr_ref(value);
            if (r == NULL) {
                failed = true;
            } else {
                if (i++ > 0)
                    ft_str_writer_push_ascii(&w, ", ");
                ft_str_writer_push_substr(&w, key, 0, ft_str_length(key));
                ft_str_writer_push(&w, '=');
                ft_str_writer_push_substr(&w, r, 0, ft_str_length(r));
                ft_decref(r);
            }
        }
        ft_decref(key);
        ft_decref(value);
    }
    ft_xdecref(items);
    ft_object_repr_leave(&frame);
    if (failed) {
        ft_str_writer_discard(&w);
        return NULL;
    }
    ft_str_writer_push(&w, ')');
    return ft_str_writer_finish_ref(&w);
}

static const FtMemberDef namespace_members[] = {
    {"__dict__", FT_MEMBER_OBJECT, offsetof(NamespaceObject, dict), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

// TODO(#4): the real types.SimpleNamespace (constructor, equality, pickling) in objects/.
static FtTypeObject namespace_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "types.SimpleNamespace",
    .tp_basicsize = sizeof(NamespaceObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = namespace_dealloc,
    .tp_traverse = namespace_traverse,
    .tp_repr = namespace_repr,
    .tp_getattro = namespace_getattro,
    .tp_setattro = namespace_setattro,
    .tp_members = namespace_members,
};

static FtObject *
namespace_new_ref(FtObject *dict)
{
    NamespaceObject *ns = (NamespaceObject *)ft_object_new_of_type(&namespace_type, 0);
    if (ns != NULL)
        ns->dict = ft_new_ref(dict);
    return (FtObject *)ns;
}

/* --- Functions --- */

// sys's module state (md_state).
typedef struct {
    uint64_t switch_interval;   // atomic (relaxed): the bits of a double; only reported, since ftpy
                                // has no GIL to switch
} SysState;

static SysState *
sys_state(void)
{
    FtObject *m = NULL;
    if (ft_dict_get_item_str_ref(ft_interp_main()->modules_dict, "sys", &m) <= 0 || !ft_module_check(m)) {
        ft_error_clear();
        ft_xdecref(m);
        return NULL;
    }
    SysState *state = ((FtModuleObject *)m)->md_state;
    ft_decref(m);   // sys.modules keeps it
    return state;
}

static FtObject *
sys_getswitchinterval(FtObject *self)
{
    (void)self;
    SysState *state = sys_state();
    double v = 0.005;
    if (state != NULL) {
        // relaxed: a value, no ordering with anything else.
        uint64_t bits = ft_atomic_load_uint64_relaxed(&state->switch_interval);
        memcpy(&v, &bits, sizeof v);
    }
    return ft_float_from_double_ref(v);
}

static FtObject *
sys_setswitchinterval(FtObject *self, FtObject *arg)
{
    (void)self;
    double v;
    if (ft_args_real(arg, 0, &v) < 0)
        return NULL;
    if (!(v > 0.0))
        return ft_error_format(&ft_exc_value_error, "switch interval must be strictly positive");
    SysState *state = sys_state();
    if (state != NULL) {
        uint64_t bits;
        memcpy(&bits, &v, sizeof bits);
        ft_atomic_store_uint64_relaxed(&state->switch_interval, bits);   // relaxed: see the getter
    }
    return ft_none_ref();
}

// sys.audit(event, *args): no audit hooks can be installed yet, so nothing to call.
// TODO(#4): sys.addaudithook and the hooks' calls.
static FtObject *
sys_audit(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "audit expected at least 1 argument, got 0");
    if (!ft_str_check(args[0]))
        return ft_error_format(&ft_exc_type_error, "audit() argument 1 must be str, not %T", args[0]);
    return ft_none_ref();
}

static FtObject *
sys_return_none(FtObject *self)
{
    (void)self;
    return ft_none_ref();
}

// settrace/setprofile(None) are accepted; real tracing is TODO(#4) (the eval loop's hooks).
static FtObject *
sys_settrace(FtObject *self, FtObject *arg)
{
    (void)self;
    if (ft_object_is_none(arg))
        return ft_none_ref();
    return ft_error_format(&ft_exc_not_implemented_error, "sys.settrace()/setprofile() are not implemented yet");
}

static FtObject *
sys_is_immortal(FtObject *self, FtObject *arg)
{
    (void)self;
    return ft_new_ref(ft_bool_from(ft_object_is_immortal(arg)));
}

static FtObject *
sys_getallocatedblocks(FtObject *self)
{
    (void)self;
    return ft_int_from_int64_ref(0);   // TODO(#4): the allocator's live block count
}

static FtObject *
sys_getfilesystemencodeerrors(FtObject *self)
{
    (void)self;
    return ft_str_from_ascii_ref("surrogateescape");
}

// call_tracing(func, args): func(*args) (tracing itself is TODO(#4)).
static FtObject *
sys_call_tracing(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("call_tracing", nargs, 2, 2) < 0)
        return NULL;
    if (!ft_tuple_check(args[1]))
        return ft_error_format(&ft_exc_type_error, "call_tracing() argument 2 must be tuple, not %T", args[1]);
    return ft_object_vectorcall_ref(args[0], ((FtTupleObject *)args[1])->items,
                                    (size_t)ft_tuple_size(args[1]), NULL);
}

// The default sys.breakpointhook: PYTHONBREAKPOINT=0 disables it; anything else needs pdb.
static FtObject *
sys_breakpointhook(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    (void)args;
    (void)nargs;
    (void)kwnames;
    const char *env = getenv("PYTHONBREAKPOINT");
    if (env != NULL && strcmp(env, "0") == 0)
        return ft_none_ref();
    // TODO(#4): import the hook named by PYTHONBREAKPOINT (default pdb.set_trace) and call it.
    return ft_error_format(&ft_exc_not_implemented_error, "breakpoint() needs pdb, which ftpy cannot run yet");
}

static FtObject *
sys_is_finalizing(FtObject *self)
{
    (void)self;
    return ft_new_ref(ft_bool_from(false));   // TODO(#4): true during interpreter shutdown
}

static FtObject *
sys_exit(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("exit", nargs, 0, 1) < 0)
        return NULL;
    ft_error_set_object(&ft_exc_system_exit, nargs == 1 ? args[0] : NULL);
    return NULL;
}

static FtObject *
exception_traceback_ref(FtObject *exc)
{
    FtObject *tb = ft_object_get_attr_cstr_ref(exc, "__traceback__");
    if (tb == NULL)
        ft_error_clear();
    return tb != NULL ? tb : ft_none_ref();
}

static FtObject *
sys_exc_info(FtObject *self)
{
    (void)self;
    FtObject *exc = ft_eval_handled_exception_borrow();
    if (exc == NULL || ft_object_is_none(exc))
        return ft_tuple_pack_ref(3, &ft_none_object, &ft_none_object, &ft_none_object);
    FtObject *tb = exception_traceback_ref(exc);
    FtObject *res = ft_tuple_pack_ref(3, (FtObject *)ft_object_type(exc), exc, tb);
    ft_decref(tb);
    return res;
}

static FtObject *
sys_exception(FtObject *self)
{
    (void)self;
    FtObject *exc = ft_eval_handled_exception_borrow();
    return exc != NULL ? ft_new_ref(exc) : ft_none_ref();
}

static FtObject *
sys_getrecursionlimit(FtObject *self)
{
    (void)self;
    return ft_int_from_int64_ref(ft_eval_recursion_limit());
}

static FtObject *
sys_setrecursionlimit(FtObject *self, FtObject *arg)
{
    (void)self;
    if (ft_float_check(arg))
        return ft_error_format(&ft_exc_type_error, "'float' object cannot be interpreted as an integer");
    Ft_ssize limit = ft_number_as_ssize(arg, &ft_exc_overflow_error);
    if (limit == -1 && ft_error_occurred())
        return NULL;
    if (limit < 1)
        return ft_error_format(&ft_exc_value_error, "recursion limit must be greater or equal than 1");
    if (limit > 0x7FFFFFFF)
        return ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C int");
    // TODO(#4): CPython also refuses a limit below the current depth ("cannot set the recursion
    // limit to %i at the recursion depth %i: the limit is too low").
    ft_eval_set_recursion_limit((int)limit);
    return ft_none_ref();
}

static FtObject *
sys_intern(FtObject *self, FtObject *arg)
{
    (void)self;
    if (!ft_str_check(arg))
        return ft_error_format(&ft_exc_type_error, "intern() argument must be str, not %T", arg);
    if (ft_object_type(arg) != &ft_str_type)
        return ft_error_format(&ft_exc_type_error, "can't intern %T", arg);
    return ft_str_intern_ref(arg);
}

static FtObject *
sys_getrefcount(FtObject *self, FtObject *arg)
{
    (void)self;
    // The argument's own reference is included, as in CPython.
    return ft_int_from_int64_ref(ft_refcount(arg));
}

static FtObject *
sys_getsizeof(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"object", "default"};
    static const FtArgSpec spec = {"getsizeof", names, 2, 0, 2, 1};
    FtObject *a[2];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    FtObject *method = NULL;
    int found = ft_object_lookup_special(a[0], "__sizeof__", &method);
    if (found < 0)
        return NULL;
    FtObject *size;
    if (found) {
        size = ft_object_vectorcall_ref(method, NULL, 0, NULL);
        ft_decref(method);
    } else {
        FtTypeObject *t = ft_object_type(a[0]);
        Ft_ssize n = t->tp_basicsize;
        if (t->tp_itemsize != 0)
            n += t->tp_itemsize * ((FtVarObject *)a[0])->ob_size;
        size = ft_int_from_int64_ref(n);
    }
    if (size == NULL) {
        if (a[1] != NULL && ft_error_matches(&ft_exc_type_error)) {
            ft_error_clear();
            return ft_new_ref(a[1]);
        }
        return NULL;
    }
    if (!ft_int_check(size)) {
        ft_decref(size);
        return ft_error_format(&ft_exc_type_error, "an integer is required");
    }
    bool ok = true;
    int64_t v = ft_int_as_int64(size, &ok);
    if (!ok)
        ft_error_clear();   // huge sizes are fine
    if (ok && v < 0) {
        ft_decref(size);
        return ft_error_format(&ft_exc_value_error, "__sizeof__() should return >= 0");
    }
    return size;
}

static FtObject *
sys_displayhook(FtObject *self, FtObject *arg)
{
    (void)self;
    if (ft_object_is_none(arg))
        return ft_none_ref();
    FtObject *builtins = ft_interp_main()->builtins_dict;
    if (builtins != NULL && ft_dict_set_item_str(builtins, "_", &ft_none_object) < 0)
        return NULL;
    FtObject *out = ft_sys_get_ref("stdout");
    if (out == NULL || ft_object_is_none(out)) {
        ft_xdecref(out);
        return ft_error_format(&ft_exc_runtime_error, "lost sys.stdout");
    }
    FtObject *r = ft_object_repr_ref(arg);
    int rc = r == NULL ? -1 : ft_file_write_string(out, r);
    ft_xdecref(r);
    if (rc == 0) {
        FtObject *nl = ft_str_from_ascii_ref("\n");
        rc = nl == NULL ? -1 : ft_file_write_string(out, nl);
        ft_xdecref(nl);
    }
    ft_decref(out);
    if (rc < 0)
        return NULL;
    if (builtins != NULL && ft_dict_set_item_str(builtins, "_", arg) < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *
sys_excepthook(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("excepthook", nargs, 3, 3) < 0)
        return NULL;
    FtObject *value = args[1];
    if (!ft_exception_check(value)) {
        // TODO(#4): CPython prints "TypeError: print_exception(): Exception expected for value, X
        // found" in this case.
        return ft_error_format(&ft_exc_type_error,
                               "print_exception(): Exception expected for value, %T found", value);
    }
    if (ft_exception_print(value, NULL) < 0)
        return NULL;
    return ft_none_ref();
}

// Writes ft_str_from_format_ref(fmt, ...) to file. 0 or -1.
static int
write_format(FtObject *file, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    FtObject *s = ft_str_from_format_v_ref(fmt, ap);
    va_end(ap);
    if (s == NULL)
        return -1;
    int rc = ft_file_write_string(file, s);
    ft_decref(s);
    return rc;
}

// The traceback entries of tb the way CPython's C traceback printer writes them (PyTraceBack_Print,
// used by the default unraisablehook): file, line and function, the stripped source line, no
// carets; runs of more than three identical entries end in "[Previous line repeated N more times]".
static int
write_traceback_plain(FtObject *tb, FtObject *file)
{
    if (write_format(file, "Traceback (most recent call last):\n") < 0)
        return -1;
    FtObject *last_file = NULL, *last_name = NULL;
    long last_line = -1, repeats = 0;
    int rc = 0;
    FtObject *entry = ft_new_ref(tb);
    while (rc == 0 && entry != NULL && ft_traceback_check(entry)) {
        FtObject *frame = ft_object_get_attr_cstr_ref(entry, "tb_frame");
        FtObject *code = frame != NULL ? ft_object_get_attr_cstr_ref(frame, "f_code") : NULL;
        FtObject *filename = code != NULL ? ft_object_get_attr_cstr_ref(code, "co_filename") : NULL;
        FtObject *name = code != NULL ? ft_object_get_attr_cstr_ref(code, "co_name") : NULL;
        FtObject *lineno_obj = ft_object_get_attr_cstr_ref(entry, "tb_lineno");
        FtObject *next = ft_object_get_attr_cstr_ref(entry, "tb_next");
        bool ok = false;
        long lineno = lineno_obj != NULL && ft_int_check(lineno_obj) ? (long)ft_int_as_int64(lineno_obj, &ok) : -1;
        if (filename == NULL || name == NULL || lineno_obj == NULL || next == NULL) {
            rc = -1;
        } else {
            bool same = last_file != NULL && ft_object_rich_compare_bool(filename, last_file, FT_EQ) == 1 &&
                        ft_object_rich_compare_bool(name, last_name, FT_EQ) == 1 && lineno == last_line;
            if (!same && repeats > 3)
                rc = write_format(file, "  [Previous line repeated %ld more times]\n", repeats - 3);
            repeats = same ? repeats + 1 : 1;
            if (rc == 0 && repeats <= 3) {
                rc = write_format(file, "  File \"%U\", line %ld, in %U\n", filename, lineno, name);
                FtObject *line = rc == 0 ? ft_source_line_stripped_ref(filename, (int)lineno) : NULL;
                if (line != NULL && ft_str_length(line) > 0)
                    rc = write_format(file, "    %U\n", line);
                ft_xdecref(line);
            }
            ft_xdecref(last_file);
            ft_xdecref(last_name);
            last_file = ft_new_ref(filename);
            last_name = ft_new_ref(name);
            last_line = lineno;
        }
        ft_xdecref(frame);
        ft_xdecref(code);
        ft_xdecref(filename);
        ft_xdecref(name);
        ft_xdecref(lineno_obj);
        ft_decref(entry);
        entry = next;
    }
    if (rc == 0 && repeats > 3)
        rc = write_format(file, "  [Previous line repeated %ld more times]\n", repeats - 3);
    ft_xdecref(entry);   // the entry the loop stopped at after an error
    ft_xdecref(last_file);
    ft_xdecref(last_name);
    return rc;
}

// exc as the default unraisablehook writes it (CPython's write_unraisable_exc_file): the plain
// traceback, then "module.Type: str(exc)" (no module for builtins and __main__), and no chained
// exceptions or notes.
static int
write_exception_plain(FtObject *exc, FtObject *file)
{
    FtObject *tb = ft_object_get_attr_cstr_ref(exc, "__traceback__");
    if (tb == NULL)
        return -1;
    int rc = ft_traceback_check(tb) ? write_traceback_plain(tb, file) : 0;
    ft_decref(tb);
    if (rc < 0)
        return -1;
    FtTypeObject *type = ft_object_type(exc);
    FtObject *module = ft_object_get_attr_cstr_ref((FtObject *)type, "__module__");
    FtObject *qualname = ft_object_get_attr_cstr_ref((FtObject *)type, "__qualname__");
    if (module == NULL || qualname == NULL) {
        ft_xdecref(module);
        ft_xdecref(qualname);
        return -1;
    }
    if (!ft_str_check(module))
        rc = write_format(file, "<unknown>");
    else if (!ft_str_equal_cstr(module, "builtins") && !ft_str_equal_cstr(module, "__main__"))
        rc = write_format(file, "%U.", module);
    if (rc == 0)
        rc = write_format(file, "%S: ", qualname);
    ft_decref(module);
    ft_decref(qualname);
    if (rc < 0)
        return -1;
    FtObject *text = ft_object_str_ref(exc);
    if (text == NULL) {
        ft_error_clear();
        rc = write_format(file, "<exception str() failed>");
    } else {
        rc = ft_file_write_string(file, text);
        ft_decref(text);
    }
    return rc == 0 ? write_format(file, "\n") : -1;
}

// The default sys.unraisablehook's output on sys.stderr: "<err_msg or 'Exception ignored in'>:
// <object repr>" (or "<err_msg>:" without an object), then the exception. 0 or -1.
static int
write_unraisable(FtObject *exc, FtObject *err_msg, FtObject *obj)
{
    FtObject *err = ft_sys_get_ref("stderr");
    if (err == NULL || ft_object_is_none(err)) {
        ft_xdecref(err);
        return 0;
    }
    bool has_msg = err_msg != NULL && !ft_object_is_none(err_msg);
    FtObject *header = NULL;
    if (obj != NULL && !ft_object_is_none(obj)) {
        if (has_msg)
            header = ft_str_from_format_ref("%S: %R\n", err_msg, obj);
        else
            header = ft_str_from_format_ref("Exception ignored in: %R\n", obj);
    } else if (has_msg) {
        header = ft_str_from_format_ref("%S:\n", err_msg);
    }
    int rc = 0;
    if (header != NULL)
        rc = ft_file_write_string(err, header);
    else if (ft_error_occurred())
        rc = -1;
    ft_xdecref(header);
    if (rc == 0 && exc != NULL && ft_exception_check(exc))
        rc = write_exception_plain(exc, err);
    if (rc == 0) {
        FtObject *r = ft_object_call_method_cstr_ref(err, "flush", NULL, 0);
        rc = r == NULL ? -1 : 0;
        ft_xdecref(r);
    }
    ft_decref(err);
    return rc;
}

static FtObject *
sys_unraisablehook(FtObject *self, FtObject *arg)
{
    (void)self;
    if (ft_object_type(arg) != &unraisable_type)
        return ft_error_format(&ft_exc_type_error, "sys.unraisablehook argument type must be UnraisableHookArgs");
    if (write_unraisable(ft_tuple_get_item_borrow(arg, 1), ft_tuple_get_item_borrow(arg, 3),
                         ft_tuple_get_item_borrow(arg, 4)) < 0)
        return NULL;
    return ft_none_ref();
}

void
ft_sys_write_unraisable_steal(FtObject *exc, FtObject *err_msg, FtObject *obj)
{
    FtObject *saved = ft_error_fetch_ref();
    FtObject *v[5] = {
        ft_new_ref((FtObject *)ft_object_type(exc)), ft_new_ref(exc), NULL,
        ft_new_ref(err_msg != NULL ? err_msg : &ft_none_object),
        ft_new_ref(obj != NULL ? obj : &ft_none_object),
    };
    FtObject *tb = ft_object_get_attr_cstr_ref(exc, "__traceback__");
    if (tb == NULL) {
        ft_error_clear();
        tb = ft_none_ref();
    }
    v[2] = tb;
    FtObject *args = structseq_new_steal(&unraisable_type, v, 5);
    FtObject *hook = ft_sys_get_ref("unraisablehook");
    FtObject *res = NULL;
    if (args != NULL && hook != NULL && !ft_object_is_none(hook))
        res = ft_object_call_one_arg_ref(hook, args);
    if (res == NULL) {
        // TODO(#4): CPython reports a failing hook as "Exception ignored in sys.unraisablehook".
        ft_error_clear();
        if (write_unraisable(exc, err_msg, obj) < 0)
            ft_error_clear();
    }
    ft_xdecref(res);
    ft_xdecref(hook);
    ft_xdecref(args);
    ft_decref(exc);
    if (saved != NULL)
        ft_error_restore_steal(saved);
}

static FtObject *
sys_is_gil_enabled(FtObject *self)
{
    (void)self;
    return ft_new_ref(ft_bool_from(false));
}

static FtObject *
sys_getframe(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("_getframe", nargs, 0, 1) < 0)
        return NULL;
    Ft_ssize depth = 0;
    if (nargs == 1 && (depth = ft_number_as_ssize(args[0], &ft_exc_overflow_error)) == -1 &&
        ft_error_occurred())
        return NULL;
    FtFrame *frame = ft_eval_current_frame();
    // TODO(#4): skip incomplete frames (frames that have not started their first instruction).
    while (frame != NULL && depth > 0) {
        frame = frame->previous;
        depth--;
    }
    if (frame == NULL)
        return ft_error_format(&ft_exc_value_error, "call stack is not deep enough");
    return ft_frame_get_object_ref(frame);
}

static FtObject *
sys_get_int_max_str_digits(FtObject *self)
{
    (void)self;
    return ft_int_from_int64_ref(FT_BIGINT_DEFAULT_MAX_STR_DIGITS);
}

static FtObject *
sys_set_int_max_str_digits(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"maxdigits"};
    static const FtArgSpec spec = {"set_int_max_str_digits", names, 1, 0, 1, 1};
    FtObject *a[1];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    Ft_ssize v = ft_number_as_ssize(a[0], &ft_exc_overflow_error);
    if (v == -1 && ft_error_occurred())
        return NULL;
    if (v != 0 && v < FT_BIGINT_MAX_STR_DIGITS_THRESHOLD)
        return ft_error_format(&ft_exc_value_error, "maxdigits must be >= %d or 0 for unlimited",
                               FT_BIGINT_MAX_STR_DIGITS_THRESHOLD);
    if (v == FT_BIGINT_DEFAULT_MAX_STR_DIGITS)
        return ft_none_ref();
    // TODO(#4): needs a per-interpreter limit (FtInterp.int_max_str_digits) read by objects/int.c.
    return ft_error_format(&ft_exc_not_implemented_error,
                           "sys.set_int_max_str_digits() is not implemented yet");
}

static FtObject *
sys_get_coroutine_origin_tracking_depth(FtObject *self)
{
    (void)self;
    return ft_int_from_int64_ref(ft_coro_origin_tracking_depth());
}

static FtObject *
sys_set_coroutine_origin_tracking_depth(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                                        FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"depth"};
    static const FtArgSpec spec = {"set_coroutine_origin_tracking_depth", names, 1, 0, 1, 1};
    FtObject *a[1];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    Ft_ssize depth = ft_number_as_ssize(a[0], NULL);   // clamped: anything past int is refused below
    if (depth == -1 && ft_error_occurred())
        return NULL;
    if (depth > 0x7FFFFFFF || depth < -0x7FFFFFFF - 1)
        return ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C int");
    if (depth < 0)
        return ft_error_format(&ft_exc_value_error, "depth must be >= 0");
    if (ft_coro_set_origin_tracking_depth((int)depth) < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *
sys_get_asyncgen_hooks(FtObject *self)
{
    (void)self;
    FtObject *v[2];
    if (ft_async_gen_get_hooks(&v[0], &v[1]) < 0)
        return NULL;
    for (int i = 0; i < 2; i++) {
        if (v[i] == NULL)
            v[i] = ft_none_ref();
    }
    return structseq_new_steal(&asyncgen_hooks_type, v, 2);
}

// set_asyncgen_hooks([firstiter[, finalizer]]): PyArg_ParseTupleAndKeywords("|OO") texts, which
// name no function.
static FtObject *
sys_set_asyncgen_hooks(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"firstiter", "finalizer"};
    FtObject *hooks[2] = {NULL, NULL};
    if (nargs > 2)
        return ft_error_format(&ft_exc_type_error, "function takes at most 2 arguments (%zd given)", nargs);
    for (Ft_ssize i = 0; i < nargs; i++)
        hooks[i] = args[i];
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int slot = ft_str_equal_cstr(key, names[0]) ? 0 : ft_str_equal_cstr(key, names[1]) ? 1 : -1;
        if (slot < 0) {
            return ft_error_format(&ft_exc_type_error,
                                   "this function got an unexpected keyword argument '%U'", key);
        }
        if (slot < nargs) {
            return ft_error_format(&ft_exc_type_error,
                                   "argument for function given by name ('%s') and position (%d)",
                                   names[slot], slot + 1);
        }
        hooks[slot] = args[nargs + k];
    }
    // The finalizer is checked first, as CPython does.
    for (int i = 1; i >= 0; i--) {
        if (hooks[i] != NULL && hooks[i] != FT_NONE && ft_object_type(hooks[i])->tp_call == NULL) {
            return ft_error_format(&ft_exc_type_error, "callable %s expected, got %.50s", names[i],
                                   hooks[i]->ob_type->tp_name);
        }
    }
    if (ft_async_gen_set_hooks(hooks[0], hooks[1]) < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *
sys_utf8_name(FtObject *self)
{
    (void)self;
    return ft_str_from_ascii_ref("utf-8");
}

static const FtMethodDef sys_methods[] = {
    {"_getframe", {.fast = sys_getframe}, FT_METH_FASTCALL, "Return a frame object from the call stack."},
    {"_is_gil_enabled", {.noargs = sys_is_gil_enabled}, FT_METH_NOARGS, "Return True if the GIL is currently enabled and False otherwise."},
    {"displayhook", {.o = sys_displayhook}, FT_METH_O, "Print an object to sys.stdout and also save it in builtins._"},
    {"exc_info", {.noargs = sys_exc_info}, FT_METH_NOARGS, "Return current exception information: (type, value, traceback)."},
    {"excepthook", {.fast = sys_excepthook}, FT_METH_FASTCALL, "Handle an exception by displaying it with a traceback on sys.stderr."},
    {"exception", {.noargs = sys_exception}, FT_METH_NOARGS, "Return the current exception."},
    {"exit", {.fast = sys_exit}, FT_METH_FASTCALL, "Exit the interpreter by raising SystemExit(status)."},
    {"get_int_max_str_digits", {.noargs = sys_get_int_max_str_digits}, FT_METH_NOARGS, "Return the maximum string digits limit for non-binary int<->str conversions."},
    {"get_asyncgen_hooks", {.noargs = sys_get_asyncgen_hooks}, FT_METH_NOARGS,
     "Return the installed asynchronous generators hooks."},
    {"get_coroutine_origin_tracking_depth", {.noargs = sys_get_coroutine_origin_tracking_depth},
     FT_METH_NOARGS, "Check status of origin tracking for coroutine objects in this thread."},
    {"getdefaultencoding", {.noargs = sys_utf8_name}, FT_METH_NOARGS, "Return the current default encoding used by the Unicode implementation."},
    {"getfilesystemencoding", {.noargs = sys_utf8_name}, FT_METH_NOARGS, "Return the encoding used to convert Unicode filenames to OS filenames."},
    {"getrecursionlimit", {.noargs = sys_getrecursionlimit}, FT_METH_NOARGS, "Return the current value of the recursion limit."},
    {"getrefcount", {.o = sys_getrefcount}, FT_METH_O, "Return the reference count of object."},
    {"getsizeof", {.fast_kw = sys_getsizeof}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Return the size of object in bytes."},
    {"intern", {.o = sys_intern}, FT_METH_O, "``Intern'' the given string."},
    {"set_int_max_str_digits", {.fast_kw = sys_set_int_max_str_digits}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Set the maximum string digits limit for non-binary int<->str conversions."},
    {"unraisablehook", {.o = sys_unraisablehook}, FT_METH_O, "Handle an unraisable exception."},
    {"audit", {.fast = sys_audit}, FT_METH_FASTCALL, "Passes the event to any audit hooks that are attached."},
    {"getswitchinterval", {.noargs = sys_getswitchinterval}, FT_METH_NOARGS, "Return the current thread switch interval; see sys.setswitchinterval()."},
    {"setswitchinterval", {.o = sys_setswitchinterval}, FT_METH_O, "Set the ideal thread switching delay inside the Python interpreter."},
    {"gettrace", {.noargs = sys_return_none}, FT_METH_NOARGS, "Return the global debug tracing function set with sys.settrace."},
    {"getprofile", {.noargs = sys_return_none}, FT_METH_NOARGS, "Return the profiling function set with sys.setprofile."},
    {"settrace", {.o = sys_settrace}, FT_METH_O, "Set the global debug tracing function."},
    {"setprofile", {.o = sys_settrace}, FT_METH_O, "Set the profiling function."},
    {"is_finalizing", {.noargs = sys_is_finalizing}, FT_METH_NOARGS, "Return True if Python is exiting."},
    {"_is_immortal", {.o = sys_is_immortal}, FT_METH_O, "Return True if the given object is \"immortal\" per PEP 683."},
    {"getallocatedblocks", {.noargs = sys_getallocatedblocks}, FT_METH_NOARGS, "Return the number of memory blocks currently allocated."},
    {"getfilesystemencodeerrors", {.noargs = sys_getfilesystemencodeerrors}, FT_METH_NOARGS, "Return the error mode used Unicode to OS filename conversion."},
    {"call_tracing", {.fast = sys_call_tracing}, FT_METH_FASTCALL, "Call func(*args), while tracing is enabled."},
    {"breakpointhook", {.fast_kw = sys_breakpointhook}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "This hook function is called by built-in breakpoint()."},
    {"set_asyncgen_hooks", {.fast_kw = sys_set_asyncgen_hooks}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Set new hooks for asynchronous generators."},
    {"set_coroutine_origin_tracking_depth", {.fast_kw = sys_set_coroutine_origin_tracking_depth},
     FT_METH_FASTCALL | FT_METH_KEYWORDS, "Enable or disable origin tracking for coroutine objects in this thread."},
    {"setrecursionlimit", {.o = sys_setrecursionlimit}, FT_METH_O, "Set the maximum depth of the Python interpreter stack to n."},
    {NULL, {NULL}, 0, NULL},
};

/* --- Values --- */

static FtObject *
str_list_ref(int n, char **items)
{
    FtObject *list = ft_list_new_ref(0);
    for (int i = 0; list != NULL && i < n; i++) {
        FtObject *s = ft_str_from_cstr_ref(items[i]);
        if (s == NULL || ft_list_append(list, s) < 0) {
            ft_xdecref(s);
            ft_decref(list);
            return NULL;
        }
        ft_decref(s);
    }
    return list;
}

static int
list_append_cstr(FtObject *list, const char *s, Ft_ssize len)
{
    FtObject *str = ft_str_from_utf8_ref(s, len);
    if (str == NULL)
        return -1;
    int rc = ft_list_append(list, str);
    ft_decref(str);
    return rc;
}

// The CPython standard library folder: FTPY_STDLIB (unless -E), else the configured folder, else
// where scripts/fetch-cpython.sh unpacks the oracle.
static const char *
stdlib_dir(const FtModulesConfig *config)
{
    const char *stdlib = config->ignore_environment ? NULL : getenv("FTPY_STDLIB");
    if (stdlib != NULL && *stdlib != '\0')
        return stdlib;
    if (access(FT_STDLIB_DIR, F_OK) != 0 && access(FT_STDLIB_DIR_FALLBACK, F_OK) == 0)
        return FT_STDLIB_DIR_FALLBACK;
    return FT_STDLIB_DIR;
}

#include "modules/generated/stdlib_names.gen.h"   // ft_stdlib_module_names

static FtObject *
stdlib_names_ref(void)
{
    FtObject *list = ft_list_new_ref(0);
    for (size_t i = 0; list != NULL && i < sizeof(ft_stdlib_module_names) / sizeof(ft_stdlib_module_names[0]); i++) {
        FtObject *s = ft_str_from_ascii_ref(ft_stdlib_module_names[i]);
        if (s == NULL || ft_list_append(list, s) < 0) {
            ft_xdecref(s);
            ft_decref(list);
            return NULL;
        }
        ft_decref(s);
    }
    if (list == NULL)
        return NULL;
    FtObject *set = ft_frozenset_new_ref(list);
    ft_decref(list);
    return set;
}

static FtObject *
hash_info_ref(void)
{
    // CPython's values for 64-bit builds (the numeric hash modulus 2**61 - 1, SipHash-1-3 for str).
    FtObject *v[9] = {
        ft_int_from_int64_ref(64), ft_int_from_int64_ref((INT64_C(1) << 61) - 1),
        ft_int_from_int64_ref(314159), ft_int_from_int64_ref(0), ft_int_from_int64_ref(1000003),
        ft_str_from_ascii_ref("siphash13"), ft_int_from_int64_ref(64), ft_int_from_int64_ref(128),
        ft_int_from_int64_ref(0),
    };
    return structseq_new_steal(&hash_info_type, v, 9);
}

static FtObject *
thread_info_ref(void)
{
    char version[128] = "";
    size_t n = confstr(_CS_GNU_LIBPTHREAD_VERSION, version, sizeof version);
    FtObject *v[3] = {
        ft_str_from_ascii_ref("pthread"), ft_str_from_ascii_ref("semaphore"),
        n > 0 ? ft_str_from_cstr_ref(version) : ft_none_ref(),
    };
    return structseq_new_steal(&thread_info_type, v, 3);
}

// sys.path: the script's folder, PYTHONPATH, ftpy's Lib/ (next to the build folder), the CPython
// standard library.
static FtObject *
build_path_ref(const FtModulesConfig *config)
{
    FtObject *path = ft_list_new_ref(0);
    if (path == NULL)
        return NULL;
    if (config->script_dir != NULL && !config->safe_path &&
        list_append_cstr(path, config->script_dir, (Ft_ssize)strlen(config->script_dir)) < 0)
        goto error;
    const char *pythonpath = config->ignore_environment ? NULL : getenv("PYTHONPATH");
    while (pythonpath != NULL && *pythonpath != '\0') {
        const char *colon = strchr(pythonpath, ':');
        Ft_ssize len = colon != NULL ? colon - pythonpath : (Ft_ssize)strlen(pythonpath);
        if (len > 0 && list_append_cstr(path, pythonpath, len) < 0)
            goto error;
        pythonpath = colon != NULL ? colon + 1 : NULL;
    }
    if (config->executable != NULL) {
        char lib[4096];
        const char *slash = strrchr(config->executable, '/');
        int dirlen = slash != NULL ? (int)(slash - config->executable) : 0;
        snprintf(lib, sizeof lib, "%.*s/../Lib", dirlen, config->executable);
        char resolved[4096];
        if (realpath(lib, resolved) != NULL &&
            list_append_cstr(path, resolved, (Ft_ssize)strlen(resolved)) < 0)
            goto error;
    }
    const char *stdlib = stdlib_dir(config);
    if (list_append_cstr(path, stdlib, (Ft_ssize)strlen(stdlib)) < 0)
        goto error;
    return path;
error:
    ft_decref(path);
    return NULL;
}

static FtObject *
version_info_ref(void)
{
    FtObject *v[5] = {
        ft_int_from_int64_ref(FT_SYS_MAJOR), ft_int_from_int64_ref(FT_SYS_MINOR),
        ft_int_from_int64_ref(FT_SYS_MICRO), ft_str_from_ascii_ref("final"), ft_int_from_int64_ref(0),
    };
    return structseq_new_steal(&version_info_type, v, 5);
}

static FtObject *
flags_ref(const FtModulesConfig *c)
{
    FtObject *v[18] = {
        ft_int_from_int64_ref(0),
        ft_int_from_int64_ref(c->inspect),
        ft_int_from_int64_ref(c->interactive),
        ft_int_from_int64_ref(c->optimize),
        ft_int_from_int64_ref(c->dont_write_bytecode),
        ft_int_from_int64_ref(c->isolated),   // no_user_site: -I implies -s (TODO(#4): -s)
        ft_int_from_int64_ref(c->no_site),
        ft_int_from_int64_ref(c->ignore_environment),
        ft_int_from_int64_ref(c->verbose),
        ft_int_from_int64_ref(c->bytes_warning),
        ft_int_from_int64_ref(c->quiet),
        ft_int_from_int64_ref(1),
        ft_int_from_int64_ref(c->isolated),
        ft_new_ref(ft_bool_from(false)),
        ft_int_from_int64_ref(1),   // utf8_mode: ftpy always runs in UTF-8 mode (-X utf8)
        ft_int_from_int64_ref(0),
        ft_new_ref(ft_bool_from(c->safe_path)),
        ft_int_from_int64_ref(FT_BIGINT_DEFAULT_MAX_STR_DIGITS),
    };
    return structseq_new_steal(&flags_type, v, 18);
}

static FtObject *
float_info_ref(void)
{
    FtObject *v[11] = {
        ft_float_from_double_ref(DBL_MAX), ft_int_from_int64_ref(DBL_MAX_EXP),
        ft_int_from_int64_ref(DBL_MAX_10_EXP), ft_float_from_double_ref(DBL_MIN),
        ft_int_from_int64_ref(DBL_MIN_EXP), ft_int_from_int64_ref(DBL_MIN_10_EXP),
        ft_int_from_int64_ref(DBL_DIG), ft_int_from_int64_ref(DBL_MANT_DIG),
        ft_float_from_double_ref(DBL_EPSILON), ft_int_from_int64_ref(FLT_RADIX),
        ft_int_from_int64_ref(1),
    };
    return structseq_new_steal(&float_info_type, v, 11);
}

static FtObject *
int_info_ref(void)
{
    // ftpy's ints are not 30-bit digit arrays; CPython's values are what programs test for.
    FtObject *v[4] = {
        ft_int_from_int64_ref(30), ft_int_from_int64_ref(4),
        ft_int_from_int64_ref(FT_BIGINT_DEFAULT_MAX_STR_DIGITS),
        ft_int_from_int64_ref(FT_BIGINT_MAX_STR_DIGITS_THRESHOLD),
    };
    return structseq_new_steal(&int_info_type, v, 4);
}

static FtObject *
implementation_ref(FtObject *version_info)
{
    FtObject *d = ft_dict_new_ref();
    if (d == NULL)
        return NULL;
    FtObject *v[5] = {
        ft_str_from_ascii_ref("ftpy"), ft_str_from_ascii_ref("ftpy-314"), ft_new_ref(version_info),
        ft_int_from_int64_ref(FT_SYS_HEXVERSION), ft_str_from_ascii_ref("x86_64-linux-gnu"),
    };
    static const char *const keys[5] = {"name", "cache_tag", "version", "hexversion", "_multiarch"};
    int rc = 0;
    for (int i = 0; i < 5; i++) {
        if (rc == 0 && (v[i] == NULL || ft_dict_set_item_str(d, keys[i], v[i]) < 0))
            rc = -1;
        ft_xdecref(v[i]);
    }
    if (rc == 0 && ft_dict_set_item_str(d, "supports_isolated_interpreters", ft_bool_from(false)) < 0)
        rc = -1;
    FtObject *ns = rc == 0 ? namespace_new_ref(d) : NULL;
    ft_decref(d);
    return ns;
}

// Sets name in dict to value (stolen; NULL fails). 0 or -1.
static int
set_steal(FtObject *dict, const char *name, FtObject *value)
{
    if (value == NULL)
        return -1;
    int rc = ft_dict_set_item_str(dict, name, value);
    ft_decref(value);
    return rc;
}

static FtObject *
version_string_ref(void)
{
    char buf[256];
#if defined(__clang__)
    const char *compiler = "Clang " __clang_version__;
#else
    const char *compiler = "GCC " __VERSION__;
#endif
    snprintf(buf, sizeof buf, "%d.%d.%d (ftpy %s, free-threading build) [%s]", FT_SYS_MAJOR,
             FT_SYS_MINOR, FT_SYS_MICRO, FT_SYS_FTPY_VERSION, compiler);
    return ft_str_from_cstr_ref(buf);
}

static int
add_streams(FtObject *dict, const FtModulesConfig *config)
{
    bool out_tty = isatty(1) == 1, err_tty = isatty(2) == 1;
    // ftpy always runs in UTF-8 mode, where CPython's stdin and stdout use surrogateescape (PEP 540).
    FtObject *in = ft_stdio_new_ref(0, "<stdin>", "r", "surrogateescape", false, false);
    FtObject *out = ft_stdio_new_ref(1, "<stdout>", "w", "surrogateescape", out_tty || config->unbuffered,
                                     config->unbuffered);
    // CPython's stderr is always line-buffered (and backslashreplace).
    FtObject *err = ft_stdio_new_ref(2, "<stderr>", "w", "backslashreplace", true, config->unbuffered);
    (void)err_tty;
    int rc = 0;
    if (in == NULL || out == NULL || err == NULL ||
        ft_dict_set_item_str(dict, "stdin", in) < 0 || ft_dict_set_item_str(dict, "__stdin__", in) < 0 ||
        ft_dict_set_item_str(dict, "stdout", out) < 0 || ft_dict_set_item_str(dict, "__stdout__", out) < 0 ||
        ft_dict_set_item_str(dict, "stderr", err) < 0 || ft_dict_set_item_str(dict, "__stderr__", err) < 0)
        rc = -1;
    ft_xdecref(in);
    ft_xdecref(out);
    ft_xdecref(err);
    return rc;
}

FtObject *
ft_sys_create_ref(const FtModulesConfig *config)
{
    if (ft_type_ready(&version_info_type) < 0 || ft_type_ready(&flags_type) < 0 ||
        ft_type_ready(&float_info_type) < 0 || ft_type_ready(&int_info_type) < 0 ||
        ft_type_ready(&namespace_type) < 0 || ft_type_ready(&unraisable_type) < 0 ||
        ft_type_ready(&asyncgen_hooks_type) < 0 ||
        ft_type_ready(&hash_info_type) < 0 || ft_type_ready(&thread_info_type) < 0 ||
        ft_stdio_init_types() < 0)
        return NULL;
    FtObject *module = ft_module_new_cstr_ref("sys");
    if (module == NULL)
        return NULL;
    FtModuleObject *m = (FtModuleObject *)module;
    m->md_flags |= FT_MODULE_FLAG_BUILTIN;
    SysState *state = ft_runtime_mem_zalloc(sizeof *state);
    if (state == NULL) {
        ft_decref(module);
        return ft_error_no_memory();
    }
    double interval = 0.005;   // CPython's default
    memcpy(&state->switch_interval, &interval, sizeof interval);
    m->md_state = state;   // TODO(#4): freed with the module (modules are never freed yet)
    FtObject *d = m->md_dict;
    for (const FtMethodDef *def = sys_methods; def->name != NULL; def++) {
        if (set_steal(d, def->name, ft_cfunction_new_ref(def, module)) < 0)
            goto error;
    }
    FtObject *hook = NULL;
    if (ft_dict_get_item_str_ref(d, "displayhook", &hook) <= 0 ||
        set_steal(d, "__displayhook__", hook) < 0)
        goto error;
    if (ft_dict_get_item_str_ref(d, "excepthook", &hook) <= 0 ||
        set_steal(d, "__excepthook__", hook) < 0)
        goto error;
    if (ft_dict_get_item_str_ref(d, "unraisablehook", &hook) <= 0 ||
        set_steal(d, "__unraisablehook__", hook) < 0)
        goto error;
    if (ft_dict_get_item_str_ref(d, "breakpointhook", &hook) <= 0 ||
        set_steal(d, "__breakpointhook__", hook) < 0)
        goto error;
    FtObject *version_info = version_info_ref();
    if (version_info == NULL)
        goto error;
    int rc = set_steal(d, "implementation", implementation_ref(version_info));
    if (rc < 0 || set_steal(d, "version_info", version_info) < 0)
        goto error;
    char *no_argv[1] = {(char *)""};
    int argc = config->argc > 0 ? config->argc : 1;
    char **argv = config->argc > 0 ? config->argv : no_argv;
    if (set_steal(d, "argv", str_list_ref(argc, argv)) < 0 ||
        set_steal(d, "orig_argv", str_list_ref(argc, argv)) < 0 ||   // TODO(#4): the full command line
        set_steal(d, "executable", ft_str_from_cstr_ref(config->executable != NULL ? config->executable : "")) < 0 ||
        set_steal(d, "_base_executable", ft_str_from_cstr_ref(config->executable != NULL ? config->executable : "")) < 0 ||
        set_steal(d, "path", build_path_ref(config)) < 0 ||
        set_steal(d, "builtin_module_names", ft_import_builtin_names_ref()) < 0 ||
        set_steal(d, "maxsize", ft_int_from_int64_ref(INT64_MAX)) < 0 ||
        set_steal(d, "maxunicode", ft_int_from_int64_ref(0x10FFFF)) < 0 ||
        set_steal(d, "byteorder", ft_str_from_ascii_ref("little")) < 0 ||
        set_steal(d, "version", version_string_ref()) < 0 ||
        set_steal(d, "hexversion", ft_int_from_int64_ref(FT_SYS_HEXVERSION)) < 0 ||
        set_steal(d, "api_version", ft_int_from_int64_ref(1013)) < 0 ||
        set_steal(d, "flags", flags_ref(config)) < 0 ||
        set_steal(d, "float_info", float_info_ref()) < 0 ||
        set_steal(d, "int_info", int_info_ref()) < 0 ||
        set_steal(d, "float_repr_style", ft_str_from_ascii_ref("short")) < 0 ||
        set_steal(d, "platform", ft_str_from_ascii_ref("linux")) < 0 ||
        set_steal(d, "abiflags", ft_str_from_ascii_ref("t")) < 0 ||
        set_steal(d, "prefix", ft_str_from_ascii_ref("/usr/local")) < 0 ||   // TODO(#4): real prefixes
        set_steal(d, "exec_prefix", ft_str_from_ascii_ref("/usr/local")) < 0 ||
        set_steal(d, "copyright", ft_str_from_ascii_ref(FT_SYS_COPYRIGHT)) < 0 ||
        set_steal(d, "dont_write_bytecode", ft_new_ref(ft_bool_from(config->dont_write_bytecode))) < 0 ||
        set_steal(d, "meta_path", ft_list_new_ref(0)) < 0 ||
        set_steal(d, "path_hooks", ft_list_new_ref(0)) < 0 ||
        set_steal(d, "path_importer_cache", ft_dict_new_ref()) < 0 ||
        set_steal(d, "warnoptions", ft_list_new_ref(0)) < 0 ||
        set_steal(d, "_xoptions", ft_dict_new_ref()) < 0 ||
        set_steal(d, "pycache_prefix", ft_none_ref()) < 0 ||
        set_steal(d, "base_prefix", ft_str_from_ascii_ref("/usr/local")) < 0 ||
        set_steal(d, "base_exec_prefix", ft_str_from_ascii_ref("/usr/local")) < 0 ||
        set_steal(d, "platlibdir", ft_str_from_ascii_ref("lib")) < 0 ||
        set_steal(d, "_stdlib_dir", ft_str_from_cstr_ref(stdlib_dir(config))) < 0 ||
        set_steal(d, "hash_info", hash_info_ref()) < 0 ||
        set_steal(d, "thread_info", thread_info_ref()) < 0 ||
        set_steal(d, "stdlib_module_names", stdlib_names_ref()) < 0)
        goto error;
    // TODO(#4): sys.stdlib_module_names, sys.settrace/setprofile, sys.getswitchinterval, sys.audit.
    if (add_streams(d, config) < 0)
        goto error;
    return module;
error:
    ft_decref(module);
    return NULL;
}

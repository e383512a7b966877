// modules/contextvars.c: the _contextvars module (PEP 567; CPython's Python/context.c): Context,
// ContextVar, Token and copy_context(). The `contextvars` and `warnings` modules of the stdlib
// import it.
//
// Representation: a Context maps ContextVars to values through a dict that is never changed once
// a Context points to it: ContextVar.set() builds a new dict with the one change and swaps the
// pointer (TODO(#4): a persistent map, CPython's HAMT, would make set O(log n) instead of O(n)).
// So a snapshot taken under the lock stays valid without it, and copy() shares the dict. Each
// thread has a current Context (FtThreadState.context), created empty on first use; Context.run()
// makes another one current for the call. Hashing and equality of ContextVars are by identity.
//
// Concurrency:
//   Context.vars     guarded_by(ob_mutex): the pointer is read and swapped under the Context's
//                    critical section; the dict it points to is immutable once published.
//   Context.entered  atomic: claimed 0 -> 1 with a compare-and-swap by run() (a Context runs in at
//                    most one thread at a time, as CPython's), released by the same thread.
//   Context.prev     written and read only by the thread that holds `entered`.
//   ContextVar       immutable after creation.
//   Token.used       atomic: set once by the reset() that claims it (compare-and-swap).
//   FtThreadState.context is owner-thread only.
#include <stddef.h>   // offsetof

#include "modules/modules_internal.h"   // ft_contextvars_*

#include "objects/abstract.h"          // ft_object_get_iter_ref
#include "objects/dict.h"              // ft_dict_* ft_dict_view_new_ref
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/generic_alias.h"     // ft_generic_alias_class_getitem_ref
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef FtMemberDef
#include "objects/module.h"            // ft_module_*
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_ready ft_type_add_attribute
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/thread_state.h"      // ft_thread_state_current
#include "sync/atomic.h"               // ft_atomic_*

typedef struct {
    FtObject ob_base;
    FtObject *vars;    // guarded_by(ob_mutex): dict ContextVar -> value, immutable once set here
    FtObject *prev;    // the thread holding `entered` only: the context current before run()
    int entered;       // atomic: 1 while a thread runs in this context
} ContextObject;

typedef struct {
    FtObject ob_base;
    FtObject *name;            // immutable str
    FtObject *default_value;   // immutable; NULL: none
} ContextVarObject;

typedef struct {
    FtObject ob_base;
    FtObject *context;     // immutable: the Context set() changed
    FtObject *var;         // immutable: the ContextVar
    FtObject *old_value;   // immutable: the value before set(), NULL when there was none
    int used;              // atomic: 1 once reset() consumed it
} TokenObject;

static FtTypeObject context_type;
static FtTypeObject contextvar_type;
static FtTypeObject token_type;
static FtTypeObject token_missing_type;

// Token.MISSING: the one instance of its type, immortal.
static FtObject token_missing = FT_OBJECT_HEAD_INIT(&token_missing_type);

static FtObject *
context_new_with_vars_ref(FtObject *vars)
{
    ContextObject *ctx = (ContextObject *)ft_object_new_of_type(&context_type, 0);
    if (ctx == NULL)
        return NULL;
    ctx->vars = vars != NULL ? ft_new_ref(vars) : ft_dict_new_ref();
    if (ctx->vars == NULL) {
        ft_decref((FtObject *)ctx);
        return NULL;
    }
    return (FtObject *)ctx;
}

// The calling thread's current Context (borrowed), created and entered on first use; NULL with
// MemoryError.
static ContextObject *
current_context_borrow(void)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts->context == NULL) {
        FtObject *ctx = context_new_with_vars_ref(NULL);
        if (ctx == NULL)
            return NULL;
        // relaxed: the context is not published yet.
        ft_atomic_store_int_relaxed(&((ContextObject *)ctx)->entered, 1);
        ts->context = ctx;
    }
    return (ContextObject *)ts->context;
}

// A snapshot of ctx's mapping (new reference). Any thread.
static FtObject *
context_vars_ref(ContextObject *ctx)
{
    FtObject *vars;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(ctx);
    vars = ft_new_ref(ctx->vars);
    FT_END_CRITICAL_SECTION_OBJECT();
    return vars;
}

// Replaces ctx's mapping by a copy with var set to value (value NULL: var removed). 0 or -1.
static int
context_store(ContextObject *ctx, FtObject *var, FtObject *value)
{
    FtObject *old = context_vars_ref(ctx);
    // The copy is made outside the lock (it may run no Python code: keys hash by identity), then
    // installed; only this thread changes a context it runs in, so nothing is lost meanwhile.
    FtObject *vars = ft_dict_copy_ref(old);
    ft_decref(old);
    if (vars == NULL)
        return -1;
    int rc = value != NULL ? ft_dict_set_item(vars, var, value) : ft_dict_del_item(vars, var);
    if (rc < 0) {
        ft_decref(vars);
        return -1;
    }
    FT_BEGIN_CRITICAL_SECTION_OBJECT(ctx);
    old = ctx->vars;
    ctx->vars = vars;
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(old);
    return 0;
}

/* --- Context --- */

static FtObject *
context_tp_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    if (ft_vectorcall_nargs(nargsf) != 0 || (kwnames != NULL && ft_tuple_size(kwnames) != 0))
        return ft_error_format(&ft_exc_type_error, "Context() does not accept any arguments");
    return context_new_with_vars_ref(NULL);
}

static void
context_dealloc(FtObject *op)
{
    ft_xdecref(((ContextObject *)op)->vars);
    ft_object_free_memory(op);
}

static int
context_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *vars = ((ContextObject *)op)->vars;
    return vars != NULL ? visit(vars, arg) : 0;
}

// 0 when key is a ContextVar, else -1 with CPython's TypeError.
static int
check_var_key(FtObject *key)
{
    if (ft_object_type(key) == &contextvar_type)
        return 0;
    ft_error_format(&ft_exc_type_error, "a ContextVar key was expected, got %R", key);
    return -1;
}

static FtObject *
context_subscript(FtObject *self, FtObject *key)
{
    if (check_var_key(key) < 0)
        return NULL;
    FtObject *vars = context_vars_ref((ContextObject *)self);
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(vars, key, &value);
    ft_decref(vars);
    if (found == 0)
        ft_error_set_object(&ft_exc_key_error, key);
    return found > 0 ? value : NULL;
}

static int
context_contains(FtObject *self, FtObject *key)
{
    if (check_var_key(key) < 0)
        return -1;
    FtObject *vars = context_vars_ref((ContextObject *)self);
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(vars, key, &value);
    ft_xdecref(value);
    ft_decref(vars);
    return found;
}

static Ft_ssize
context_length(FtObject *self)
{
    FtObject *vars = context_vars_ref((ContextObject *)self);
    Ft_ssize n = ft_dict_size(vars);
    ft_decref(vars);
    return n;
}

static FtObject *
context_iter(FtObject *self)
{
    FtObject *vars = context_vars_ref((ContextObject *)self);
    FtObject *it = ft_object_get_iter_ref(vars);
    ft_decref(vars);
    return it;
}

static FtObject *
context_richcompare(FtObject *a, FtObject *b, int op)
{
    if (ft_object_type(b) != &context_type || (op != FT_EQ && op != FT_NE))
        return ft_new_ref(FT_NOT_IMPLEMENTED);
    FtObject *va = context_vars_ref((ContextObject *)a);
    FtObject *vb = context_vars_ref((ContextObject *)b);
    FtObject *res = ft_object_rich_compare_ref(va, vb, op);
    ft_decref(va);
    ft_decref(vb);
    return res;
}

static FtObject *
context_get(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 2)
        return ft_error_format(&ft_exc_type_error, "get expected %s 1 argument, got %zd",
                               nargs < 1 ? "at least" : "at most", nargs);
    FtObject *value = context_subscript(self, args[0]);
    if (value == NULL && ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        value = ft_new_ref(nargs > 1 ? args[1] : FT_NONE);
    }
    return value;
}

// keys(), values() and items(): views of a snapshot of the mapping (TODO(#4): CPython's own view
// types are named keys, values and items).
static FtObject *
context_view(FtObject *self, FtTypeObject *view_type)
{
    FtObject *vars = context_vars_ref((ContextObject *)self);
    FtObject *view = ft_dict_view_new_ref(vars, view_type);
    ft_decref(vars);
    return view;
}

static FtObject *
context_keys(FtObject *self)
{
    return context_view(self, &ft_dict_keys_type);
}

static FtObject *
context_values(FtObject *self)
{
    return context_view(self, &ft_dict_values_type);
}

static FtObject *
context_items(FtObject *self)
{
    return context_view(self, &ft_dict_items_type);
}

static FtObject *
context_copy(FtObject *self)
{
    FtObject *vars = context_vars_ref((ContextObject *)self);
    FtObject *copy = context_new_with_vars_ref(vars);
    ft_decref(vars);
    return copy;
}

// Context.run(callable, *args, **kwargs): callable runs with this context current.
static FtObject *
context_run(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "run() missing 1 required positional argument");
    ContextObject *ctx = (ContextObject *)self;
    int expected = 0;
    // acq_rel: whoever entered the context before has left it (its release below) before we run.
    if (!ft_atomic_cas_int_acq_rel(&ctx->entered, &expected, 1))
        return ft_error_format(&ft_exc_runtime_error, "cannot enter context: %R is already entered",
                               self);
    FtThreadState *ts = ft_thread_state_current();
    if (current_context_borrow() == NULL) {
        // release: see the compare-and-swap above.
        ft_atomic_store_int_release(&ctx->entered, 0);
        return NULL;
    }
    ctx->prev = ts->context;
    ts->context = ft_new_ref(self);
    FtObject *res = ft_object_vectorcall_ref(args[0], args + 1, (size_t)(nargs - 1), kwnames);
    ts->context = ctx->prev;
    ctx->prev = NULL;
    // release: our changes to the context happen before the next thread enters it.
    ft_atomic_store_int_release(&ctx->entered, 0);
    ft_decref(self);
    return res;
}

static const FtMethodDef context_methods[] = {
    {"get", {.fast = context_get}, FT_METH_FASTCALL, "Return the value for a context variable, or default."},
    {"keys", {.noargs = context_keys}, FT_METH_NOARGS, "Return the context variables of the context."},
    {"values", {.noargs = context_values}, FT_METH_NOARGS, "Return the values of the context's variables."},
    {"items", {.noargs = context_items}, FT_METH_NOARGS, "Return (variable, value) pairs of the context."},
    {"copy", {.noargs = context_copy}, FT_METH_NOARGS, "Return a shallow copy of the context object."},
    {"run", {.fast_kw = context_run}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Run callable with this context as the current one."},
    {NULL, {NULL}, 0, NULL},
};

static FtMappingMethods context_as_mapping = {
    .mp_length = context_length,
    .mp_subscript = context_subscript,
};

static FtSequenceMethods context_as_sequence = {
    .sq_contains = context_contains,
};

static FtTypeObject context_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_contextvars.Context",
    .tp_basicsize = sizeof(ContextObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = context_dealloc,
    .tp_traverse = context_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_as_mapping = &context_as_mapping,
    .tp_as_sequence = &context_as_sequence,
    .tp_iter = context_iter,
    .tp_richcompare = context_richcompare,
    .tp_methods = context_methods,
    .tp_new = context_tp_new,
};

/* --- ContextVar --- */

static FtObject *
contextvar_tp_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    if (nargs != 1)
        return ft_error_format(&ft_exc_type_error, "ContextVar() takes %s 1 positional argument (%zd given)",
                               nargs < 1 ? "exactly" : "at most", nargs);
    FtObject *default_value = NULL;
    for (Ft_ssize i = 0; i < nkw; i++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, i);
        if (!ft_str_equal_cstr(key, "default"))
            return ft_error_format(&ft_exc_type_error,
                                   "ContextVar() got an unexpected keyword argument '%U'", key);
        default_value = args[nargs + i];
    }
    if (!ft_str_check(args[0]))
        return ft_error_format(&ft_exc_type_error, "context variable name must be a str");
    ContextVarObject *var = (ContextVarObject *)ft_object_new_of_type(&contextvar_type, 0);
    if (var == NULL)
        return NULL;
    var->name = ft_new_ref(args[0]);
    var->default_value = default_value != NULL ? ft_new_ref(default_value) : NULL;
    return (FtObject *)var;
}

static void
contextvar_dealloc(FtObject *op)
{
    ContextVarObject *var = (ContextVarObject *)op;
    ft_xdecref(var->name);
    ft_xdecref(var->default_value);
    ft_object_free_memory(op);
}

static int
contextvar_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    ContextVarObject *var = (ContextVarObject *)op;
    int r = var->name != NULL ? visit(var->name, arg) : 0;
    return r == 0 && var->default_value != NULL ? visit(var->default_value, arg) : r;
}

static FtObject *
contextvar_repr(FtObject *op)
{
    ContextVarObject *var = (ContextVarObject *)op;
    if (var->default_value != NULL)
        return ft_str_from_format_ref("<ContextVar name=%R default=%R at %p>", var->name,
                                      var->default_value, (void *)op);
    return ft_str_from_format_ref("<ContextVar name=%R at %p>", var->name, (void *)op);
}

// ContextVar.get([default]): the value in the current context, else default, else the
// variable's default, else LookupError(var).
static FtObject *
contextvar_get(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs > 1)
        return ft_error_format(&ft_exc_type_error, "get expected at most 1 argument, got %zd", nargs);
    ContextObject *ctx = current_context_borrow();
    if (ctx == NULL)
        return NULL;
    FtObject *vars = context_vars_ref(ctx);
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(vars, self, &value);
    ft_decref(vars);
    if (found != 0)
        return found > 0 ? value : NULL;
    ContextVarObject *var = (ContextVarObject *)self;
    if (nargs == 1)
        return ft_new_ref(args[0]);
    if (var->default_value != NULL)
        return ft_new_ref(var->default_value);
    ft_error_set_object(&ft_exc_lookup_error, self);
    return NULL;
}

static FtObject *
contextvar_set(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs != 1)
        return ft_error_format(&ft_exc_type_error, "ContextVar.set() takes exactly one argument (%zd given)",
                               nargs);
    ContextObject *ctx = current_context_borrow();
    if (ctx == NULL)
        return NULL;
    FtObject *vars = context_vars_ref(ctx);
    FtObject *old = NULL;
    int found = ft_dict_get_item_ref(vars, self, &old);
    ft_decref(vars);
    if (found < 0)
        return NULL;
    TokenObject *token = (TokenObject *)ft_object_new_of_type(&token_type, 0);
    if (token == NULL || context_store(ctx, self, args[0]) < 0) {
        ft_xdecref((FtObject *)token);
        ft_xdecref(old);
        return NULL;
    }
    token->context = ft_new_ref((FtObject *)ctx);
    token->var = ft_new_ref(self);
    token->old_value = old;
    return (FtObject *)token;
}

static FtObject *
contextvar_reset(FtObject *self, FtObject *token_obj)
{
    if (ft_object_type(token_obj) != &token_type)
        return ft_error_format(&ft_exc_type_error, "expected an instance of Token, got %R", token_obj);
    TokenObject *token = (TokenObject *)token_obj;
    // relaxed: a hint for the message; the compare-and-swap below decides.
    if (ft_atomic_load_int_relaxed(&token->used))
        return ft_error_format(&ft_exc_runtime_error, "%R has already been used once", token_obj);
    if (token->var != self)
        return ft_error_format(&ft_exc_value_error, "%R was created by a different ContextVar", token_obj);
    ContextObject *ctx = current_context_borrow();
    if (ctx == NULL)
        return NULL;
    if (token->context != (FtObject *)ctx)
        return ft_error_format(&ft_exc_value_error, "%R was created in a different Context", token_obj);
    int expected = 0;
    // relaxed: only claims the token; the context's own lock orders the store.
    if (!ft_atomic_cas_int_relaxed(&token->used, &expected, 1))
        return ft_error_format(&ft_exc_runtime_error, "%R has already been used once", token_obj);
    if (context_store(ctx, self, token->old_value) < 0)
        return NULL;
    return ft_none_ref();
}

static const FtMethodDef contextvar_methods[] = {
    {"get", {.fast = contextvar_get}, FT_METH_FASTCALL, "Return the value for the context variable."},
    {"set", {.fast = contextvar_set}, FT_METH_FASTCALL, "Set a new value for the context variable."},
    {"reset", {.o = contextvar_reset}, FT_METH_O, "Reset the context variable to its value before set()."},
    {"__class_getitem__", {.o = ft_generic_alias_class_getitem_ref}, FT_METH_O | FT_METH_CLASS,
     "See PEP 585"},
    {NULL, {NULL}, 0, NULL},
};

static const FtMemberDef contextvar_members[] = {
    {"name", FT_MEMBER_OBJECT, offsetof(ContextVarObject, name), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static FtTypeObject contextvar_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_contextvars.ContextVar",
    .tp_basicsize = sizeof(ContextVarObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = contextvar_dealloc,
    .tp_traverse = contextvar_traverse,
    .tp_repr = contextvar_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = contextvar_methods,
    .tp_members = contextvar_members,
    .tp_new = contextvar_tp_new,
};

/* --- Token --- */

static FtObject *
token_tp_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return ft_error_format(&ft_exc_runtime_error, "Tokens can only be created by ContextVars");
}

static void
token_dealloc(FtObject *op)
{
    TokenObject *token = (TokenObject *)op;
    ft_xdecref(token->context);
    ft_xdecref(token->var);
    ft_xdecref(token->old_value);
    ft_object_free_memory(op);
}

static int
token_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    TokenObject *token = (TokenObject *)op;
    FtObject *refs[3] = {token->context, token->var, token->old_value};
    for (int i = 0; i < 3; i++) {
        int r = refs[i] != NULL ? visit(refs[i], arg) : 0;
        if (r != 0)
            return r;
    }
    return 0;
}

static FtObject *
token_repr(FtObject *op)
{
    TokenObject *token = (TokenObject *)op;
    // relaxed: a snapshot for display.
    bool used = ft_atomic_load_int_relaxed(&token->used) != 0;
    return ft_str_from_format_ref("<Token%s var=%R at %p>", used ? " used" : "", token->var, (void *)op);
}

static FtObject *
token_get_var(FtObject *self, void *closure)
{
    (void)closure;
    return ft_new_ref(((TokenObject *)self)->var);
}

static FtObject *
token_get_old_value(FtObject *self, void *closure)
{
    (void)closure;
    FtObject *old = ((TokenObject *)self)->old_value;
    return ft_new_ref(old != NULL ? old : &token_missing);
}

static FtObject *
token_enter(FtObject *self)
{
    return ft_new_ref(self);
}

// `with var.set(value):` resets the variable on the way out (new in 3.14).
static FtObject *
token_exit(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)args;
    if (nargs != 3)
        return ft_error_format(&ft_exc_type_error, "__exit__ expected 3 arguments, got %zd", nargs);
    return contextvar_reset(((TokenObject *)self)->var, self);
}

static const FtMethodDef token_methods[] = {
    {"__enter__", {.noargs = token_enter}, FT_METH_NOARGS, "Enter into Token context manager."},
    {"__exit__", {.fast = token_exit}, FT_METH_FASTCALL, "Exit from Token context manager, restore the linked ContextVar."},
    {"__class_getitem__", {.o = ft_generic_alias_class_getitem_ref}, FT_METH_O | FT_METH_CLASS,
     "See PEP 585"},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef token_getset[] = {
    {"var", token_get_var, NULL, NULL, NULL},
    {"old_value", token_get_old_value, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtTypeObject token_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_contextvars.Token",
    .tp_basicsize = sizeof(TokenObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = token_dealloc,
    .tp_traverse = token_traverse,
    .tp_repr = token_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = token_methods,
    .tp_getset = token_getset,
    .tp_new = token_tp_new,
};

static FtObject *
token_missing_repr(FtObject *op)
{
    (void)op;
    return ft_str_from_cstr_ref("<Token.MISSING>");
}

static FtTypeObject token_missing_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "MISSING",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_repr = token_missing_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
};

/* --- The module --- */

static FtObject *
contextvars_copy_context(FtObject *self)
{
    (void)self;
    ContextObject *ctx = current_context_borrow();
    return ctx != NULL ? context_copy((FtObject *)ctx) : NULL;
}

static const FtMethodDef contextvars_methods[] = {
    {"copy_context", {.noargs = contextvars_copy_context}, FT_METH_NOARGS,
     "Return a copy of the current context."},
    {NULL, {NULL}, 0, NULL},
};

void
ft_contextvars_thread_clear(void)
{
    FtThreadState *ts = ft_thread_state_current();
    FtObject *ctx = ts->context;
    ts->context = NULL;
    ft_xdecref(ctx);
}

FtObject *
ft_contextvars_module_create_ref(void)
{
    FtTypeObject *types[] = {&context_type, &contextvar_type, &token_type, &token_missing_type};
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (ft_type_ready(types[i]) < 0)
            return NULL;
    }
    // The module may be created again (after `del sys.modules['_contextvars']`); the types keep
    // what the first creation gave them.
    FtObject *key = ft_str_intern_cstr_ref("MISSING");
    if (key == NULL)
        return NULL;
    bool present = ft_type_lookup_borrow(&token_type, key) != NULL;
    ft_decref(key);
    if (!present && ft_type_add_attribute(&token_type, "MISSING", &token_missing) < 0)
        return NULL;
    FtObject *module = ft_module_new_cstr_ref("_contextvars");
    if (module == NULL)
        return NULL;
    for (const FtMethodDef *def = contextvars_methods; def->name != NULL; def++) {
        if (ft_module_add_object_steal(module, def->name, ft_cfunction_new_ref(def, module)) < 0)
            goto error;
    }
    if (ft_module_add_object_steal(module, "Context", ft_new_ref((FtObject *)&context_type)) < 0 ||
        ft_module_add_object_steal(module, "ContextVar", ft_new_ref((FtObject *)&contextvar_type)) < 0 ||
        ft_module_add_object_steal(module, "Token", ft_new_ref((FtObject *)&token_type)) < 0)
        goto error;
    return module;
error:
    ft_decref(module);
    return NULL;
}

// objects/exception_group.c: BaseExceptionGroup / ExceptionGroup and the except* machinery
// (CPython's Objects/exceptions.c BaseExceptionGroup section, _PyExc_PrepReraiseStar, and
// Python/ceval.c _PyEval_ExceptionGroupMatch).
//
// Owns: BaseExceptionGroup's slots (__new__, str, repr, message, exceptions, derive, split,
// subgroup, __class_getitem__), filled into the static type of objects/error.h's table by
// ft_exception_group_init_slots; ExceptionGroup is the table row with bases (BaseExceptionGroup,
// Exception) and inherits all of them. Also the two functions the eval loop calls for except*:
// ft_exception_group_match (CHECK_EG_MATCH) and ft_exception_prep_reraise_star_ref
// (PREP_RERAISE_STAR).
//
// Invariant: a group's msg is a str and its excs a non-empty tuple of exception instances; both
// are set by __new__ before the group is published and never change.
//
// Concurrency: msg, excs and excs_str are immutable, so they are read without a lock; the
// BaseException fields (traceback, context, cause, dict) go through objects/exceptions.c's locked
// accessors and the attribute protocol. split()/subgroup() call derive() and predicates, which may
// run arbitrary Python code; no lock is held across those calls.
#include "objects/error.h"

#include "objects/abstract.h"      // ft_sequence_check ft_sequence_tuple_ref ft_object_call_*
#include "objects/frame.h"         // ft_traceback_here FtFrame
#include "objects/generic_alias.h" // ft_generic_alias_class_getitem_ref
#include "objects/list.h"          // ft_list_*
#include "objects/method_def.h"    // FtMethodDef FtMemberDef
#include "objects/object.h"        // ft_object_* FT_NONE
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "objects/type.h"          // ft_type_is_subtype ft_type_name_ref
#include "runtime/thread_state.h"  // ft_thread_state_current ft_interp_main
#include "sync/atomic.h"           // ft_atomic_load_int_relaxed

#define EG(op) ((FtBaseExceptionGroupObject *)(op))

bool
ft_exception_group_check(const FtObject *op)
{
    return ft_type_is_subtype(op->ob_type, &ft_exc_base_exception_group);
}

/* --- Construction --- */

// BaseExceptionGroup.__new__(cls, message, exceptions): validates the exceptions, picks
// ExceptionGroup for BaseExceptionGroup when every one is an Exception, and refuses BaseExceptions
// in an Exception subclass. Keyword arguments are refused by __init__ (inherited from
// BaseException), as CPython's.
static FtObject *
eg_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs != 2)
        return ft_error_format(&ft_exc_type_error,
                               "BaseExceptionGroup.__new__() takes exactly 2 arguments (%zd given)",
                               nargs);
    FtObject *message = args[0], *exceptions = args[1];
    if (!ft_str_check(message))
        return ft_error_format(&ft_exc_type_error,
                               "BaseExceptionGroup.__new__() argument 1 must be str, not %.200s",
                               message->ob_type->tp_name);
    if (!ft_sequence_check(exceptions))
        return ft_error_format(&ft_exc_type_error, "second argument (exceptions) must be a sequence");
    FtObject *excs = ft_sequence_tuple_ref(exceptions);
    if (excs == NULL)
        return NULL;
    FtObject *self = NULL, *excs_str = NULL;
    Ft_ssize n = ft_tuple_size(excs);
    if (n == 0) {
        ft_error_format(&ft_exc_value_error,
                        "second argument (exceptions) must be a non-empty sequence");
        goto fail;
    }
    bool nested_base = false;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *e = ft_tuple_get_item_borrow(excs, i);
        if (!ft_exception_check(e)) {
            ft_error_format(&ft_exc_value_error,
                            "Item %zd of second argument (exceptions) is not an exception", i);
            goto fail;
        }
        if (!ft_type_is_subtype(e->ob_type, &ft_exc_exception))
            nested_base = true;
    }
    FtTypeObject *cls = type;
    if (cls == &ft_exc_exception_group) {
        if (nested_base) {
            ft_error_format(&ft_exc_type_error, "Cannot nest BaseExceptions in an ExceptionGroup");
            goto fail;
        }
    } else if (cls == &ft_exc_base_exception_group) {
        if (!nested_base)
            cls = &ft_exc_exception_group;
    } else if (nested_base && ft_type_is_subtype(cls, &ft_exc_exception)) {
        ft_error_format(&ft_exc_type_error, "Cannot nest BaseExceptions in '%.200s'", cls->tp_name);
        goto fail;
    }
    // What repr() shows for an argument that is neither a list nor a tuple is fixed now.
    if (!ft_list_check(exceptions) && !ft_tuple_check(exceptions)) {
        excs_str = ft_object_repr_ref(exceptions);
        if (excs_str == NULL)
            goto fail;
    }
    self = ft_object_new_of_type(cls, 0);
    if (self == NULL)
        goto fail;
    // Unpublished: plain stores.
    EG(self)->base.args = ft_tuple_from_array_ref(args, nargs);
    if (EG(self)->base.args == NULL)
        goto fail;
    EG(self)->msg = ft_new_ref(message);
    EG(self)->excs = excs;
    EG(self)->excs_str = excs_str;
    return self;
fail:
    ft_xdecref(self);
    ft_xdecref(excs_str);
    ft_decref(excs);
    return NULL;
}

FtObject *
ft_exception_group_new_ref(const char *msg, FtObject *excs)
{
    FtObject *m = ft_str_from_cstr_ref(msg);
    if (m == NULL)
        return NULL;
    FtObject *args[2] = {m, excs};
    FtObject *eg = ft_exception_new_ref(&ft_exc_base_exception_group, args, 2);
    ft_decref(m);
    return eg;
}

/* --- Slots --- */

static int
eg_clear(FtObject *self)
{
    FtBaseExceptionGroupObject *g = EG(self);
    FtObject *refs[] = {g->msg, g->excs, g->excs_str};
    g->msg = g->excs = g->excs_str = NULL;
    for (size_t i = 0; i < 3; i++)
        ft_xdecref(refs[i]);
    return ft_exc_base_exception.tp_clear(self);
}

static int
eg_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtBaseExceptionGroupObject *g = EG(self);
    FtObject *refs[] = {g->msg, g->excs, g->excs_str};
    for (size_t i = 0; i < 3; i++) {
        if (refs[i] != NULL && visit(refs[i], arg) != 0)
            return 1;
    }
    return ft_exc_base_exception.tp_traverse(self, visit, arg);
}

// "msg (3 sub-exceptions)".
static FtObject *
eg_str(FtObject *self)
{
    FtBaseExceptionGroupObject *g = EG(self);
    if (g->msg == NULL || g->excs == NULL)   // BaseExceptionGroup never constructed by its __new__
        return ft_str_empty_ref();
    Ft_ssize n = ft_tuple_size(g->excs);
    return ft_str_from_format_ref("%S (%zd sub-exception%s)", g->msg, n, n > 1 ? "s" : "");
}

// "ExceptionGroup('msg', [ValueError(1)])": the exceptions shown as they were passed - the repr saved
// at construction for a sequence other than a list or tuple; else a list when args is still
// (message, a list); else the tuple - but always with the group's own exceptions (CPython 3.14).
static FtObject *
eg_repr(FtObject *self)
{
    FtBaseExceptionGroupObject *g = EG(self);
    if (g->msg == NULL || g->excs == NULL)
        return ft_error_format(&ft_exc_system_error, "uninitialized exception group");
    FtObject *name = ft_type_name_ref(self->ob_type);
    if (name == NULL)
        return NULL;
    FtObject *res = NULL, *shown = NULL;
    if (g->excs_str != NULL) {
        res = ft_str_from_format_ref("%U(%R, %U)", name, g->msg, g->excs_str);
        goto done;
    }
    FtObject *args = ft_exception_get_args_ref(self);
    bool as_list = ft_tuple_size(args) == 2 && ft_list_check(ft_tuple_get_item_borrow(args, 1));
    ft_decref(args);
    if (as_list) {
        shown = ft_list_new_ref(0);
        if (shown == NULL || ft_list_extend(shown, g->excs) < 0)
            goto done;
    } else {
        shown = ft_new_ref(g->excs);
    }
    res = ft_str_from_format_ref("%U(%R, %R)", name, g->msg, shown);
done:
    ft_xdecref(shown);
    ft_decref(name);
    return res;
}

/* --- split / subgroup --- */

// The bound on nested groups walked recursively in C: the recursion limit (1000 before the eval
// layer set one), so that a deeply nested group raises RecursionError instead of overflowing.
static bool
too_deep(int depth)
{
    // relaxed: a plain setting (sys.setrecursionlimit), as eval/frame_stack.c reads it.
    int limit = ft_atomic_load_int_relaxed(&ft_interp_main()->recursion_limit);
    return depth > (limit > 0 ? limit : 1000);
}

typedef enum {
    FT_EG_MATCH_BY_TYPE,        // an exception type or a tuple of them
    FT_EG_MATCH_BY_PREDICATE,   // a callable (not a class) returning true for matching exceptions
    FT_EG_MATCH_BY_LEAVES,      // a list of leaf exceptions, matched by identity (PREP_RERAISE_STAR)
} FtEgMatcherKind;

static int
matcher_kind(FtObject *value, FtEgMatcherKind *kind)
{
    if (value->ob_type->tp_call != NULL && !ft_type_check(value)) {
        *kind = FT_EG_MATCH_BY_PREDICATE;
        return 0;
    }
    if (ft_type_check(value) && ft_exception_type_check((FtTypeObject *)value)) {
        *kind = FT_EG_MATCH_BY_TYPE;
        return 0;
    }
    if (ft_object_is_exact(value, &ft_tuple_type)) {
        bool ok = true;
        for (Ft_ssize i = 0; i < ft_tuple_size(value) && ok; i++) {
            FtObject *t = ft_tuple_get_item_borrow(value, i);
            ok = ft_type_check(t) && ft_exception_type_check((FtTypeObject *)t);
        }
        if (ok) {
            *kind = FT_EG_MATCH_BY_TYPE;
            return 0;
        }
    }
    ft_error_format(&ft_exc_type_error, "expected an exception type, a tuple of exception types, or "
                                        "a callable (other than a class)");
    return -1;
}

// 1 if exc matches, 0 if not, -1 on error.
static int
matcher_check(FtObject *exc, FtEgMatcherKind kind, FtObject *value)
{
    switch (kind) {
    case FT_EG_MATCH_BY_TYPE:
        return ft_error_given_matches(exc, value);
    case FT_EG_MATCH_BY_PREDICATE: {
        FtObject *r = ft_object_call_one_arg_ref(value, exc);
        if (r == NULL)
            return -1;
        int t = ft_object_is_true(r);
        ft_decref(r);
        return t;
    }
    case FT_EG_MATCH_BY_LEAVES:
        if (ft_exception_group_check(exc))
            return 0;
        for (Ft_ssize i = 0; i < ft_list_size(value); i++) {
            FtObject *leaf = ft_list_get_item_ref(value, i);
            bool same = leaf == exc;
            ft_xdecref(leaf);
            if (same)
                return 1;
        }
        return 0;
    }
    return 0;
}

// Copies __traceback__, __context__, __cause__ (which sets __suppress_context__, as CPython's
// PyException_SetCause) and a copy of __notes__ from orig to the derived group eg.
static int
copy_metadata(FtObject *orig, FtObject *eg)
{
    FtObject *tb = ft_exception_get_traceback_ref(orig);
    if (tb != NULL)
        ft_exception_set_traceback_steal(eg, tb);
    ft_exception_set_context_steal(eg, ft_exception_get_context_ref(orig));
    ft_exception_set_cause_steal(eg, ft_exception_get_cause_ref(orig));
    FtObject *name = ft_str_from_cstr_ref("__notes__");
    if (name == NULL)
        return -1;
    FtObject *notes = NULL;
    int r = ft_object_lookup_attr(orig, name, &notes);
    if (r > 0 && ft_sequence_check(notes)) {
        // A copy, so that the two parts have independent notes; a non-sequence is ignored.
        FtObject *copy = ft_list_new_ref(0);
        if (copy == NULL || ft_list_extend(copy, notes) < 0 || ft_object_set_attr(eg, name, copy) < 0)
            r = -1;
        ft_xdecref(copy);
    }
    ft_xdecref(notes);
    ft_decref(name);
    return r < 0 ? -1 : 0;
}

// *result = orig.derive(excs) with orig's metadata, or NULL when excs is empty. 0 or -1.
static int
eg_subset(FtObject *orig, FtObject *excs, FtObject **result)
{
    *result = NULL;
    if (ft_list_size(excs) == 0)
        return 0;
    FtObject *eg = ft_object_call_method_cstr_ref(orig, "derive", &excs, 1);
    if (eg == NULL)
        return -1;
    if (!ft_exception_group_check(eg)) {
        ft_error_format(&ft_exc_type_error, "derive must return an instance of BaseExceptionGroup");
        ft_decref(eg);
        return -1;
    }
    if (copy_metadata(orig, eg) < 0) {
        ft_decref(eg);
        return -1;
    }
    *result = eg;
    return 0;
}

// Splits exc into *match and *rest (new references or NULL), recursing into groups; *rest only
// when construct_rest. 0, or -1 with both NULL.
static int
split_recursive(FtObject *exc, FtEgMatcherKind kind, FtObject *value, bool construct_rest, int depth,
                FtObject **match, FtObject **rest)
{
    *match = *rest = NULL;
    int is_match = matcher_check(exc, kind, value);
    if (is_match < 0)
        return -1;
    if (is_match) {
        *match = ft_new_ref(exc);
        return 0;
    }
    if (!ft_exception_group_check(exc)) {
        if (construct_rest)
            *rest = ft_new_ref(exc);
        return 0;
    }
    if (too_deep(depth)) {
        ft_error_format(&ft_exc_recursion_error,
                        "maximum recursion depth exceeded in exceptiongroup_split_recursive");
        return -1;
    }
    FtObject *excs = EG(exc)->excs;
    int ret = -1;
    FtObject *match_list = ft_list_new_ref(0);
    FtObject *rest_list = construct_rest ? ft_list_new_ref(0) : NULL;
    if (match_list == NULL || (construct_rest && rest_list == NULL))
        goto done;
    for (Ft_ssize i = 0; i < ft_tuple_size(excs); i++) {
        FtObject *m, *r;
        if (split_recursive(ft_tuple_get_item_borrow(excs, i), kind, value, construct_rest,
                            depth + 1, &m, &r) < 0)
            goto done;
        int bad = (m != NULL && ft_list_append(match_list, m) < 0) ||
                  (r != NULL && ft_list_append(rest_list, r) < 0);
        ft_xdecref(m);
        ft_xdecref(r);
        if (bad)
            goto done;
    }
    if (eg_subset(exc, match_list, match) < 0)
        goto done;
    if (construct_rest && eg_subset(exc, rest_list, rest) < 0)
        goto done;
    ret = 0;
done:
    ft_xdecref(match_list);
    ft_xdecref(rest_list);
    if (ret < 0) {
        ft_xdecref(*match);
        ft_xdecref(*rest);
        *match = *rest = NULL;
    }
    return ret;
}

// split(matcher) -> (match, rest), each a group or None.
static FtObject *
eg_split(FtObject *self, FtObject *matcher)
{
    FtEgMatcherKind kind;
    if (matcher_kind(matcher, &kind) < 0)
        return NULL;
    FtObject *m, *r;
    if (split_recursive(self, kind, matcher, true, 0, &m, &r) < 0)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(2, m != NULL ? m : FT_NONE, r != NULL ? r : FT_NONE);
    ft_xdecref(m);
    ft_xdecref(r);
    return res;
}

// subgroup(matcher) -> the matching part, or None.
static FtObject *
eg_subgroup(FtObject *self, FtObject *matcher)
{
    FtEgMatcherKind kind;
    if (matcher_kind(matcher, &kind) < 0)
        return NULL;
    FtObject *m, *r;
    if (split_recursive(self, kind, matcher, false, 0, &m, &r) < 0)
        return NULL;
    return m != NULL ? m : ft_none_ref();
}

// derive(excs) -> BaseExceptionGroup(self.message, excs).
static FtObject *
eg_derive(FtObject *self, FtObject *excs)
{
    FtObject *args[2] = {EG(self)->msg, excs};
    return ft_exception_new_ref(&ft_exc_base_exception_group, args, 2);
}

static const FtMethodDef eg_methods[] = {
    {.name = "__class_getitem__", .fn.o = ft_generic_alias_class_getitem_ref,
     .flags = FT_METH_O | FT_METH_CLASS, .doc = "See PEP 585"},
    {.name = "derive", .fn.o = eg_derive, .flags = FT_METH_O},
    {.name = "split", .fn.o = eg_split, .flags = FT_METH_O},
    {.name = "subgroup", .fn.o = eg_subgroup, .flags = FT_METH_O},
    {0},
};

static const FtMemberDef eg_members[] = {
    {.name = "message", .type = FT_MEMBER_OBJECT, .flags = FT_MEMBER_READONLY,
     .offset = offsetof(FtBaseExceptionGroupObject, msg), .doc = "exception message"},
    {.name = "exceptions", .type = FT_MEMBER_OBJECT, .flags = FT_MEMBER_READONLY,
     .offset = offsetof(FtBaseExceptionGroupObject, excs), .doc = "nested exceptions"},
    {0},
};

void
ft_exception_group_init_slots(FtTypeObject *type)
{
    type->tp_new = eg_new;
    type->tp_clear = eg_clear;
    type->tp_traverse = eg_traverse;
    type->tp_str = eg_str;
    type->tp_repr = eg_repr;
    type->tp_methods = eg_methods;
    type->tp_members = eg_members;
    type->tp_doc = "A combination of multiple unrelated exceptions.";
}

/* --- except* --- */

// The except* type checks of CHECK_EG_MATCH: every class an exception class, none a group.
static int
check_except_star_type(FtObject *match_type)
{
    bool is_tuple = ft_tuple_check(match_type);
    Ft_ssize n = is_tuple ? ft_tuple_size(match_type) : 1;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *t = is_tuple ? ft_tuple_get_item_borrow(match_type, i) : match_type;
        if (!ft_type_check(t) || !ft_exception_type_check((FtTypeObject *)t)) {
            ft_error_format(&ft_exc_type_error,
                            "catching classes that do not inherit from BaseException is not allowed");
            return -1;
        }
    }
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *t = is_tuple ? ft_tuple_get_item_borrow(match_type, i) : match_type;
        if (ft_type_is_subtype((FtTypeObject *)t, &ft_exc_base_exception_group)) {
            ft_error_format(&ft_exc_type_error, "catching ExceptionGroup with except* is not "
                                                "allowed. Use except instead.");
            return -1;
        }
    }
    return 0;
}

// Wraps a naked exception that matched into ExceptionGroup("", (exc,)) with a traceback entry for
// the current frame, as CPython's CHECK_EG_MATCH.
static FtObject *
wrap_naked_ref(FtObject *exc)
{
    FtObject *excs = ft_tuple_pack_ref(1, exc);
    if (excs == NULL)
        return NULL;
    FtObject *wrapped = ft_exception_group_new_ref("", excs);
    ft_decref(excs);
    if (wrapped == NULL)
        return NULL;
    FtThreadState *ts = ft_thread_state_current();
    if (ts != NULL && ts->current_frame != NULL && ft_traceback_here(wrapped, ts->current_frame) < 0) {
        ft_decref(wrapped);
        return NULL;
    }
    return wrapped;
}

int
ft_exception_group_match(FtObject *exc_value, FtObject *match_type, FtObject **match,
                         FtObject **rest)
{
    *match = *rest = NULL;
    if (check_except_star_type(match_type) < 0)
        return -1;
    if (exc_value == FT_NONE) {
        *match = ft_none_ref();
        *rest = ft_none_ref();
        return 0;
    }
    if (ft_error_given_matches(exc_value, match_type)) {
        // The whole exception matches.
        *match = ft_exception_group_check(exc_value) ? ft_new_ref(exc_value)
                                                    : wrap_naked_ref(exc_value);
        if (*match == NULL)
            return -1;
        *rest = ft_none_ref();
        return 0;
    }
    if (!ft_exception_group_check(exc_value)) {
        *match = ft_none_ref();
        *rest = ft_new_ref(exc_value);
        return 0;
    }
    // A group may match in part: split() (possibly overridden) decides.
    FtObject *pair = ft_object_call_method_cstr_ref(exc_value, "split", &match_type, 1);
    if (pair == NULL)
        return -1;
    if (!ft_object_is_exact(pair, &ft_tuple_type)) {
        ft_error_format(&ft_exc_type_error, "%.200s.split must return a tuple, not %.200s",
                        exc_value->ob_type->tp_name, pair->ob_type->tp_name);
        ft_decref(pair);
        return -1;
    }
    if (ft_tuple_size(pair) != 2) {
        ft_error_format(&ft_exc_type_error, "%.200s.split must return a 2-tuple, got tuple of size %zd",
                        exc_value->ob_type->tp_name, ft_tuple_size(pair));
        ft_decref(pair);
        return -1;
    }
    *match = ft_new_ref(ft_tuple_get_item_borrow(pair, 0));
    *rest = ft_new_ref(ft_tuple_get_item_borrow(pair, 1));
    ft_decref(pair);
    return 0;
}

// Appends every leaf exception of exc (None adds nothing) to leaves. 0 or -1.
static int
collect_leaves(FtObject *exc, FtObject *leaves, int depth)
{
    if (exc == FT_NONE)
        return 0;
    if (!ft_exception_group_check(exc))
        return ft_list_append(leaves, exc);
    if (too_deep(depth)) {
        ft_error_format(&ft_exc_recursion_error,
                        "maximum recursion depth exceeded in collect_exception_group_leaf_ids");
        return -1;
    }
    FtObject *excs = EG(exc)->excs;
    for (Ft_ssize i = 0; i < ft_tuple_size(excs); i++) {
        if (collect_leaves(ft_tuple_get_item_borrow(excs, i), leaves, depth + 1) < 0)
            return -1;
    }
    return 0;
}

// The part of the group eg whose leaves are leaves of the groups in keep (None when empty).
static FtObject *
project_ref(FtObject *eg, FtObject *keep)
{
    FtObject *leaves = ft_list_new_ref(0);
    if (leaves == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < ft_list_size(keep); i++) {
        FtObject *e = ft_list_get_item_ref(keep, i);
        int r = e != NULL ? collect_leaves(e, leaves, 0) : -1;
        ft_xdecref(e);
        if (r < 0) {
            ft_decref(leaves);
            return NULL;
        }
    }
    FtObject *m, *r;
    int err = split_recursive(eg, FT_EG_MATCH_BY_LEAVES, leaves, false, 0, &m, &r);
    ft_decref(leaves);
    if (err < 0)
        return NULL;
    return m != NULL ? m : ft_none_ref();
}

// A clause re-raised e (rather than raising a new exception) when e carries orig's traceback,
// cause and context (the split parts copy them).
static bool
same_metadata(FtObject *e, FtObject *orig)
{
    FtObject *a[3] = {ft_exception_get_traceback_ref(e), ft_exception_get_cause_ref(e),
                      ft_exception_get_context_ref(e)};
    FtObject *b[3] = {ft_exception_get_traceback_ref(orig), ft_exception_get_cause_ref(orig),
                      ft_exception_get_context_ref(orig)};
    bool same = true;
    for (int i = 0; i < 3; i++) {
        same = same && a[i] == b[i];
        ft_xdecref(a[i]);
        ft_xdecref(b[i]);
    }
    return same;
}

FtObject *
ft_exception_prep_reraise_star_ref(FtObject *orig, FtObject *excs)
{
    if (orig == NULL || !ft_exception_check(orig))
        return ft_error_format(&ft_exc_type_error, "orig must be an exception instance");
    if (excs == NULL || !ft_list_check(excs))
        return ft_error_format(&ft_exc_type_error, "excs must be a list of exception instances");
    Ft_ssize n = ft_list_size(excs);
    if (n == 0)
        return ft_none_ref();
    if (!ft_exception_group_check(orig)) {
        // A naked exception was caught and wrapped: only one clause ran, so there is at most one.
        FtObject *e = ft_list_get_item_ref(excs, 0);
        return e != NULL ? e : ft_none_ref();
    }
    FtObject *raised = ft_list_new_ref(0), *reraised = ft_list_new_ref(0), *result = NULL;
    if (raised == NULL || reraised == NULL)
        goto done;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *e = ft_list_get_item_ref(excs, i);
        if (e == NULL)
            break;   // the list shrank meanwhile
        int r = 0;
        if (e != FT_NONE) {
            if (!ft_exception_check(e)) {
                ft_error_format(&ft_exc_type_error, "item %zd of excs is not an exception", i);
                r = -1;
            } else {
                r = ft_list_append(same_metadata(e, orig) ? reraised : raised, e);
            }
        }
        ft_decref(e);
        if (r < 0)
            goto done;
    }
    FtObject *reraised_eg = project_ref(orig, reraised);
    if (reraised_eg == NULL)
        goto done;
    if (ft_list_size(raised) == 0) {
        result = reraised_eg;
        goto done;
    }
    int r = reraised_eg != FT_NONE ? ft_list_append(raised, reraised_eg) : 0;
    ft_decref(reraised_eg);
    if (r < 0)
        goto done;
    if (ft_list_size(raised) > 1)
        result = ft_exception_group_new_ref("", raised);
    else
        result = ft_list_get_item_ref(raised, 0);
done:
    ft_xdecref(raised);
    ft_xdecref(reraised);
    return result;
}

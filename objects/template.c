// objects/template.c: t-string objects (PEP 750): string.templatelib.Template, Interpolation and
// the Template iterator.
//
// Owns: ft_template_type, ft_interpolation_type, ft_template_iter_type.
// Invariant: a Template's strings tuple has exactly one more item than its interpolations tuple
//   (adjacent strs are joined, a missing one is ''); fields never change after creation.
// Concurrency: Template and Interpolation are immutable, so lock-free. A TemplateIter's position is
//   read and advanced under the iterator's critical section.
// Missing (TODO(#4)): Interpolation.__match_args__ (a static type's class attribute), __reduce__,
//   __class_getitem__.
#include <stddef.h>   // offsetof

#include "objects/template.h"

#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/method_def.h"   // FtMemberDef FtGetSetDef
#include "objects/object.h"       // ft_object_*
#include "objects/str.h"          // ft_str_*
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready
#include "runtime/object_lock.h"  // FT_BEGIN_CRITICAL_SECTION_OBJECT

FtObject *
ft_template_build_ref(FtObject *strings, FtObject *interpolations)
{
    FtTemplateObject *t = (FtTemplateObject *)ft_object_new_of_type(&ft_template_type, 0);
    if (t == NULL)
        return NULL;
    t->strings = ft_new_ref(strings);
    t->interpolations = ft_new_ref(interpolations);
    return (FtObject *)t;
}

static FtObject *
template_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "Template.__new__ only accepts *args arguments");
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nstrings = 0, ninterps = 0;
    bool last_str = false;
    for (Ft_ssize i = 0; i < nargs; i++) {
        if (ft_str_check(args[i])) {
            if (!last_str)
                nstrings++;
            last_str = true;
        } else if (args[i]->ob_type == &ft_interpolation_type) {
            if (!last_str)
                nstrings++;
            ninterps++;
            last_str = false;
        } else {
            return ft_error_format(&ft_exc_type_error,
                                   "Template.__new__ *args need to be of type 'str' or 'Interpolation', got %T",
                                   args[i]);
        }
    }
    if (!last_str)
        nstrings++;
    FtObject *strings = ft_tuple_new_ref(nstrings);
    FtObject *interps = strings != NULL ? ft_tuple_new_ref(ninterps) : NULL;
    if (interps == NULL) {
        ft_xdecref(strings);
        return NULL;
    }
    Ft_ssize si = 0, ii = 0;
    last_str = false;
    for (Ft_ssize i = 0; i < nargs; i++) {
        if (ft_str_check(args[i])) {
            if (last_str) {
                // The tuple is still private to this thread: replacing its item is safe.
                FtObject *joined = ft_str_concat_ref(ft_tuple_get_item_borrow(strings, si - 1), args[i]);
                if (joined == NULL) {
                    ft_decref(strings);
                    ft_decref(interps);
                    return NULL;
                }
                ft_decref(ft_tuple_get_item_borrow(strings, si - 1));
                ft_tuple_set_item_steal_unlocked(strings, si - 1, joined);
            } else {
                ft_tuple_set_item_steal_unlocked(strings, si++, ft_new_ref(args[i]));
            }
            last_str = true;
        } else {
            if (!last_str)
                ft_tuple_set_item_steal_unlocked(strings, si++, ft_str_empty_ref());
            ft_tuple_set_item_steal_unlocked(interps, ii++, ft_new_ref(args[i]));
            last_str = false;
        }
    }
    if (!last_str)
        ft_tuple_set_item_steal_unlocked(strings, si++, ft_str_empty_ref());
    FtObject *r = ft_template_build_ref(strings, interps);
    ft_decref(strings);
    ft_decref(interps);
    return r;
}

static void
template_dealloc(FtObject *op)
{
    ft_xdecref(((FtTemplateObject *)op)->strings);
    ft_xdecref(((FtTemplateObject *)op)->interpolations);
    ft_object_free_memory(op);
}

static int
template_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtTemplateObject *t = (FtTemplateObject *)op;
    int r = t->strings != NULL ? visit(t->strings, arg) : 0;
    if (r == 0 && t->interpolations != NULL)
        r = visit(t->interpolations, arg);
    return r;
}

static FtObject *
template_repr(FtObject *op)
{
    FtTemplateObject *t = (FtTemplateObject *)op;
    return ft_str_from_format_ref("Template(strings=%R, interpolations=%R)", t->strings, t->interpolations);
}

static FtObject *
template_values(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *interps = ((FtTemplateObject *)op)->interpolations;
    Ft_ssize n = ft_tuple_size(interps);
    FtObject *values = ft_tuple_new_ref(n);
    if (values == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *v = ((FtInterpolationObject *)ft_tuple_get_item_borrow(interps, i))->value;
        ft_tuple_set_item_steal_unlocked(values, i, ft_new_ref(v));
    }
    return values;
}

// A new tuple: the items of a then of b (both tuples), with a's last and b's first joined when
// join_strs.
static FtObject *
tuple_join_ref(FtObject *a, FtObject *b, bool join_strs)
{
    Ft_ssize na = ft_tuple_size(a), nb = ft_tuple_size(b);
    Ft_ssize n = na + nb - (join_strs ? 1 : 0);
    FtObject *r = ft_tuple_new_ref(n);
    if (r == NULL)
        return NULL;
    Ft_ssize k = 0;
    for (Ft_ssize i = 0; i < na - (join_strs ? 1 : 0); i++)
        ft_tuple_set_item_steal_unlocked(r, k++, ft_new_ref(ft_tuple_get_item_borrow(a, i)));
    if (join_strs) {
        FtObject *j = ft_str_concat_ref(ft_tuple_get_item_borrow(a, na - 1), ft_tuple_get_item_borrow(b, 0));
        if (j == NULL) {
            ft_decref(r);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(r, k++, j);
    }
    for (Ft_ssize i = join_strs ? 1 : 0; i < nb; i++)
        ft_tuple_set_item_steal_unlocked(r, k++, ft_new_ref(ft_tuple_get_item_borrow(b, i)));
    return r;
}

// Template + Template; a Template with anything else is a TypeError (3.14 dropped str operands).
static FtObject *
template_concat(FtObject *a, FtObject *b)
{
    if (a->ob_type == &ft_template_type && b->ob_type == &ft_template_type) {
        FtTemplateObject *ta = (FtTemplateObject *)a, *tb = (FtTemplateObject *)b;
        FtObject *strings = tuple_join_ref(ta->strings, tb->strings, true);
        if (strings == NULL)
            return NULL;
        FtObject *interps = tuple_join_ref(ta->interpolations, tb->interpolations, false);
        if (interps == NULL) {
            ft_decref(strings);
            return NULL;
        }
        FtObject *r = ft_template_build_ref(strings, interps);
        ft_decref(strings);
        ft_decref(interps);
        return r;
    }
    if (a->ob_type == &ft_template_type) {
        return ft_error_format(&ft_exc_type_error,
                               "can only concatenate string.templatelib.Template (not \"%T\") to "
                               "string.templatelib.Template",
                               b);
    }
    return ft_new_ref(FT_NOT_IMPLEMENTED);
}

typedef struct {
    FtObject ob_base;
    FtObject *template;   // immutable: the Template
    Ft_ssize pos;         // under the iterator's critical section: 2*i is strings[i], 2*i+1
                          // interpolations[i]
} FtTemplateIterObject;

static FtObject *
template_iter(FtObject *op)
{
    FtTemplateIterObject *it = (FtTemplateIterObject *)ft_object_new_of_type(&ft_template_iter_type, 0);
    if (it == NULL)
        return NULL;
    it->template = ft_new_ref(op);
    it->pos = 0;
    return (FtObject *)it;
}

static FtObject *
template_iter_next(FtObject *op)
{
    FtTemplateIterObject *it = (FtTemplateIterObject *)op;
    FtTemplateObject *t = (FtTemplateObject *)it->template;
    Ft_ssize end = 2 * ft_tuple_size(t->strings) - 1;
    FtObject *item = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    while (it->pos < end && item == NULL) {
        Ft_ssize p = it->pos++;
        FtObject *v = ft_tuple_get_item_borrow(p % 2 == 0 ? t->strings : t->interpolations, p / 2);
        if (p % 2 == 1 || ft_str_length(v) > 0)   // empty strings are skipped
            item = ft_new_ref(v);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return item;
}

static void
template_iter_dealloc(FtObject *op)
{
    ft_xdecref(((FtTemplateIterObject *)op)->template);
    ft_object_free_memory(op);
}

static int
template_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *t = ((FtTemplateIterObject *)op)->template;
    return t != NULL ? visit(t, arg) : 0;
}

static FtObject *
iter_self(FtObject *op)
{
    return ft_new_ref(op);
}

FtTypeObject ft_template_iter_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "string.templatelib.TemplateIter",
    .tp_basicsize = sizeof(FtTemplateIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = template_iter_dealloc,
    .tp_traverse = template_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = iter_self,
    .tp_iternext = template_iter_next,
};

static const FtMemberDef template_members[] = {
    {.name = "strings", .type = FT_MEMBER_OBJECT_EX, .offset = offsetof(FtTemplateObject, strings),
     .flags = FT_MEMBER_READONLY},
    {.name = "interpolations", .type = FT_MEMBER_OBJECT_EX,
     .offset = offsetof(FtTemplateObject, interpolations), .flags = FT_MEMBER_READONLY},
    {0},
};

static const FtGetSetDef template_getset[] = {
    {"values", template_values, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

static FtSequenceMethods template_as_sequence = {
    .sq_concat = template_concat,
};

FtTypeObject ft_template_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "string.templatelib.Template",
    .tp_basicsize = sizeof(FtTemplateObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = template_dealloc,
    .tp_traverse = template_traverse,
    .tp_repr = template_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = template_new,
    .tp_iter = template_iter,
    .tp_as_sequence = &template_as_sequence,
    .tp_members = template_members,
    .tp_getset = template_getset,
    .tp_doc = "Template object",
};

// Interpolation.

static const char *const conversion_names[] = {NULL, "s", "r", "a"};

FtObject *
ft_interpolation_build_ref(FtObject *value, FtObject *expression, int conversion, FtObject *format_spec)
{
    if (conversion < 0 || conversion > 3)
        return ft_error_format(&ft_exc_system_error, "bad BUILD_INTERPOLATION conversion %d", conversion);
    FtObject *conv = conversion == 0 ? ft_none_ref() : ft_str_from_ascii_ref(conversion_names[conversion]);
    if (conv == NULL)
        return NULL;
    FtObject *spec = format_spec != NULL ? ft_new_ref(format_spec) : ft_str_empty_ref();
    FtInterpolationObject *i = (FtInterpolationObject *)ft_object_new_of_type(&ft_interpolation_type, 0);
    if (i == NULL) {
        ft_decref(conv);
        ft_decref(spec);
        return NULL;
    }
    i->value = ft_new_ref(value);
    i->expression = ft_new_ref(expression);
    i->conversion = conv;
    i->format_spec = spec;
    return (FtObject *)i;
}

static FtObject *
interpolation_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    static const char *const names[4] = {"value", "expression", "conversion", "format_spec"};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    if (nargs + nkw > 4) {
        return ft_error_format(&ft_exc_type_error, "Interpolation() takes at most 4 arguments (%zd given)",
                               nargs + nkw);
    }
    FtObject *a[4] = {NULL, NULL, NULL, NULL};
    for (Ft_ssize i = 0; i < nargs; i++)
        a[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *name = ft_tuple_get_item_borrow(kwnames, k);
        int slot = -1;
        for (int j = 0; j < 4; j++) {
            if (ft_str_equal_cstr(name, names[j]))
                slot = j;
        }
        if (slot < 0) {
            return ft_error_format(&ft_exc_type_error, "Interpolation() got an unexpected keyword argument '%U'",
                                   name);
        }
        if (a[slot] != NULL) {
            return ft_error_format(&ft_exc_type_error,
                                   "argument for Interpolation() given by name ('%s') and position (%d)",
                                   names[slot], slot + 1);
        }
        a[slot] = args[nargs + k];
    }
    if (a[0] == NULL)
        return ft_error_format(&ft_exc_type_error, "Interpolation() missing required argument 'value' (pos 1)");
    for (int j = 1; j < 4; j++) {
        if (a[j] != NULL && !(j == 2 && a[j] == FT_NONE) && !ft_str_check(a[j])) {
            return ft_error_format(&ft_exc_type_error, "Interpolation() argument '%s' must be str, not %T",
                                   names[j], a[j]);
        }
    }
    int conversion = 0;
    if (a[2] != NULL && a[2] != FT_NONE) {
        for (int c = 1; c <= 3; c++) {
            if (ft_str_equal_cstr(a[2], conversion_names[c]))
                conversion = c;
        }
        if (conversion == 0) {
            return ft_error_format(&ft_exc_value_error,
                                   "Interpolation() argument 'conversion' must be one of 's', 'a' or 'r'");
        }
    }
    FtObject *expr = a[1] != NULL ? ft_new_ref(a[1]) : ft_str_empty_ref();
    FtObject *r = ft_interpolation_build_ref(a[0], expr, conversion, a[3]);
    ft_decref(expr);
    return r;
}

static void
interpolation_dealloc(FtObject *op)
{
    FtInterpolationObject *i = (FtInterpolationObject *)op;
    ft_xdecref(i->value);
    ft_xdecref(i->expression);
    ft_xdecref(i->conversion);
    ft_xdecref(i->format_spec);
    ft_object_free_memory(op);
}

static int
interpolation_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtInterpolationObject *i = (FtInterpolationObject *)op;
    FtObject *fields[4] = {i->value, i->expression, i->conversion, i->format_spec};
    for (int k = 0; k < 4; k++) {
        if (fields[k] != NULL) {
            int r = visit(fields[k], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

static FtObject *
interpolation_repr(FtObject *op)
{
    FtInterpolationObject *i = (FtInterpolationObject *)op;
    return ft_str_from_format_ref("Interpolation(%R, %R, %R, %R)", i->value, i->expression, i->conversion,
                                  i->format_spec);
}

static const FtMemberDef interpolation_members[] = {
    {.name = "value", .type = FT_MEMBER_OBJECT_EX, .offset = offsetof(FtInterpolationObject, value),
     .flags = FT_MEMBER_READONLY},
    {.name = "expression", .type = FT_MEMBER_OBJECT_EX, .offset = offsetof(FtInterpolationObject, expression),
     .flags = FT_MEMBER_READONLY},
    {.name = "conversion", .type = FT_MEMBER_OBJECT_EX, .offset = offsetof(FtInterpolationObject, conversion),
     .flags = FT_MEMBER_READONLY},
    {.name = "format_spec", .type = FT_MEMBER_OBJECT_EX,
     .offset = offsetof(FtInterpolationObject, format_spec), .flags = FT_MEMBER_READONLY},
    {0},
};

FtTypeObject ft_interpolation_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "string.templatelib.Interpolation",
    .tp_basicsize = sizeof(FtInterpolationObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = interpolation_dealloc,
    .tp_traverse = interpolation_traverse,
    .tp_repr = interpolation_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = interpolation_new,
    .tp_members = interpolation_members,
    .tp_doc = "Interpolation object",
};

int
ft_template_init_types(void)
{
    if (ft_type_ready(&ft_template_type) < 0 || ft_type_ready(&ft_interpolation_type) < 0)
        return -1;
    return ft_type_ready(&ft_template_iter_type);
}

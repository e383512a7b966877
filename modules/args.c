// modules/args.c: argument binding for the C functions of modules/, and list.extend for any
// iterable; (a hand-written stand-in for
// CPython's Argument Clinic, Python/getargs.c _PyArg_UnpackKeywords and _PyArg_CheckPositional).
//
// Invariant: on success every out[i] is a borrowed argument or NULL (omitted optional parameter);
// on failure a TypeError with clinic's text is set and out is unspecified.
//
// Concurrency: none needed; everything is on the caller's arguments (kwnames is an immutable tuple).
#include "modules/modules_internal.h"

#include "objects/abstract.h" // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/error.h"    // ft_error_format ft_exc_type_error
#include "objects/float.h"    // ft_float_*
#include "objects/int.h"      // ft_int_check
#include "objects/list.h"     // ft_list_*
#include "objects/object.h"   // ft_vectorcall_nargs
#include "objects/str.h"      // ft_str_equal_cstr
#include "objects/tuple.h"    // ft_tuple_*
#include "runtime/refcount.h" // ft_decref

// Follows clinic's _PyArg_UnpackKeywords: the counts first (all arguments, then positional ones),
// then the required parameters, then keywords that repeat a positional argument or match none.
static int
args_parse(const FtArgSpec *spec, bool varargs, FtObject *const *args, size_t nargsf,
           FtObject *kwnames, FtObject **out)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    bool has_kwonly = spec->max_positional < spec->nparams;
    for (int i = 0; i < spec->nparams; i++)
        out[i] = NULL;
    if (nkw > 0 && spec->npos_only == spec->nparams) {
        ft_error_format(&ft_exc_type_error, "%s() takes no keyword arguments", spec->fname);
        return -1;
    }
    if (spec->npos_only == spec->nparams) {
        // Only positional-only parameters: clinic checks the count with _PyArg_CheckPositional.
        if (ft_args_check_positional(spec->fname, nargs, spec->nrequired, spec->max_positional) < 0)
            return -1;
        for (Ft_ssize i = 0; i < nargs; i++)
            out[i] = args[i];
        return 0;
    }
    if (!varargs && nargs + nkw > spec->nparams) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most %d %sargument%s (%zd given)",
                        spec->fname, spec->nparams, nargs == 0 ? "keyword " : "",
                        spec->nparams == 1 ? "" : "s", nargs + nkw);
        return -1;
    }
    if (nargs > spec->max_positional) {
        if (spec->max_positional == 0)
            ft_error_format(&ft_exc_type_error, "%s() takes no positional arguments", spec->fname);
        else
            ft_error_format(&ft_exc_type_error, "%s() takes %s %d %sargument%s (%zd given)",
                            spec->fname,
                            spec->nrequired >= spec->max_positional ? "exactly" : "at most",
                            spec->max_positional, has_kwonly ? "positional " : "",
                            spec->max_positional == 1 ? "" : "s", nargs);
        return -1;
    }
    for (Ft_ssize i = 0; i < nargs; i++)
        out[i] = args[i];
    FtObject *duplicate = NULL, *unknown = NULL;
    int duplicate_slot = -1;
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int slot = -1;
        for (int j = spec->npos_only; j < spec->nparams; j++) {
            if (ft_str_equal_cstr(key, spec->names[j])) {
                slot = j;
                break;
            }
        }
        if (slot < 0) {
            if (unknown == NULL)
                unknown = key;
        } else if (slot < nargs) {
            if (duplicate == NULL) {
                duplicate = key;
                duplicate_slot = slot;
            }
        } else {
            out[slot] = args[nargs + k];
        }
    }
    for (int i = 0; i < spec->nrequired; i++) {
        if (out[i] != NULL)
            continue;
        if (i < spec->npos_only)
            ft_error_format(&ft_exc_type_error, "%s() takes %s %d positional argument%s (%zd given)",
                            spec->fname,
                            spec->nrequired >= spec->max_positional ? "exactly" : "at least",
                            spec->npos_only < spec->nrequired ? spec->npos_only : spec->nrequired,
                            spec->nrequired == 1 ? "" : "s", nargs);
        else if (i >= spec->max_positional)
            ft_error_format(&ft_exc_type_error, "%s() missing required keyword-only argument '%s'",
                            spec->fname, spec->names[i]);
        else
            ft_error_format(&ft_exc_type_error, "%s() missing required argument '%s' (pos %d)",
                            spec->fname, spec->names[i], i + 1);
        return -1;
    }
    if (duplicate != NULL) {
        ft_error_format(&ft_exc_type_error, "argument for %s() given by name ('%s') and position (%d)",
                        spec->fname, spec->names[duplicate_slot], duplicate_slot + 1);
        return -1;
    }
    if (unknown != NULL) {
        ft_error_unexpected_keyword(spec->fname, unknown, spec->names + spec->npos_only,
                                   spec->nparams - spec->npos_only);
        return -1;
    }
    return 0;
}

int
ft_args_parse(const FtArgSpec *spec, FtObject *const *args, size_t nargsf, FtObject *kwnames,
              FtObject **out)
{
    return args_parse(spec, false, args, nargsf, kwnames, out);
}

int
ft_args_parse_with_varargs(const FtArgSpec *spec, FtObject *const *args, size_t nargsf,
                           FtObject *kwnames, FtObject **out)
{
    return args_parse(spec, true, args, nargsf, kwnames, out);
}

int
ft_args_no_kwargs(const char *fname, FtObject *kwnames)
{
    if (kwnames == NULL || ft_tuple_size(kwnames) == 0)
        return 0;
    ft_error_format(&ft_exc_type_error, "%s() takes no keyword arguments", fname);
    return -1;
}

int
ft_args_check_positional(const char *fname, Ft_ssize nargs, Ft_ssize min, Ft_ssize max)
{
    if (nargs >= min && nargs <= max)
        return 0;
    if (min == max)
        ft_error_format(&ft_exc_type_error, "%s expected %zd argument%s, got %zd", fname, min,
                        min == 1 ? "" : "s", nargs);
    else if (nargs < min)
        ft_error_format(&ft_exc_type_error, "%s expected at least %zd argument%s, got %zd", fname,
                        min, min == 1 ? "" : "s", nargs);
    else
        ft_error_format(&ft_exc_type_error, "%s expected at most %zd argument%s, got %zd", fname,
                        max, max == 1 ? "" : "s", nargs);
    return -1;
}

int
ft_modules_list_extend(FtObject *list, FtObject *iterable)
{
    if (ft_list_check(iterable) || ft_tuple_check(iterable))
        return ft_list_extend(list, iterable);
    FtObject *it = ft_object_get_iter_ref(iterable);
    if (it == NULL)
        return -1;
    FtObject *item;
    int rc;
    while ((rc = ft_iter_next_ref(it, &item)) == 1) {
        rc = ft_list_append(list, item);
        ft_decref(item);
        if (rc < 0)
            break;
    }
    ft_decref(it);
    return rc < 0 ? -1 : 0;
}

int
ft_args_real(FtObject *x, int msg_kind, double *out)
{
    FtNumberMethods *nb = ft_object_type(x)->tp_as_number;
    bool ok = ft_float_check(x) || ft_int_check(x) ||
              (nb != NULL && (nb->nb_float != NULL || nb->nb_index != NULL));
    if (!ok) {
        if (msg_kind == 0)
            ft_error_format(&ft_exc_type_error, "must be real number, not %T", x);
        else
            ft_error_format(&ft_exc_type_error, "'%T' object cannot be interpreted as an integer or float", x);
        return -1;
    }
    FtObject *f = ft_float_from_object_ref(x);
    if (f == NULL)
        return -1;
    *out = ft_float_value(f);
    ft_decref(f);
    return 0;
}

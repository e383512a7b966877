// modules/builtins_seq.c: the builtins that consume iterables: all, any, iter, len, max, min, next,
// sorted, sum (CPython's Python/bltinmodule.c), including sum's exact int, float and complex fast
// paths with CPython 3.14's compensated (Neumaier) summation.
//
// Invariant: the results are CPython 3.14's to the bit (sum's float path adds the compensation
// term once at the end, only when it is finite), and the TypeErrors have its texts.
//
// Concurrency: no state; iterators and containers lock themselves. Iterating a container another
// thread mutates sees some interleaving of items, never a crash (the objects' contract).
#include <math.h>   // fabs isfinite

#include "modules/modules_internal.h"

#include "objects/abstract.h"          // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/abstract_number.h"   // ft_number_add_ref
#include "objects/bytearray.h"         // ft_bytearray_type
#include "objects/bytes.h"             // ft_bytes_check
#include "objects/complex.h"           // ft_complex_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/float.h"             // ft_float_*
#include "objects/int.h"               // ft_int_* ft_bool_from
#include "objects/list.h"              // ft_list_*
#include "objects/method_def.h"        // FtMethodDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_check
#include "objects/tuple.h"             // ft_tuple_*
#include "runtime/refcount.h"          // ft_incref ft_decref

static FtObject *
builtin_len(FtObject *self, FtObject *arg)
{
    (void)self;
    Ft_ssize n = ft_object_size(arg);
    if (n < 0)
        return NULL;
    return ft_int_from_int64_ref(n);
}

// all/any: the first item whose truth is want decides.
static FtObject *
truth_scan(FtObject *iterable, int want)
{
    FtObject *it = ft_object_get_iter_ref(iterable);
    if (it == NULL)
        return NULL;
    FtObject *item;
    int rc;
    while ((rc = ft_iter_next_ref(it, &item)) == 1) {
        int truth = ft_object_is_true(item);
        ft_decref(item);
        if (truth < 0) {
            ft_decref(it);
            return NULL;
        }
        if (truth == want) {
            ft_decref(it);
            return ft_new_ref(ft_bool_from(want));
        }
    }
    ft_decref(it);
    if (rc < 0)
        return NULL;
    return ft_new_ref(ft_bool_from(!want));
}

static FtObject *
builtin_all(FtObject *self, FtObject *arg)
{
    (void)self;
    return truth_scan(arg, 0);
}

static FtObject *
builtin_any(FtObject *self, FtObject *arg)
{
    (void)self;
    return truth_scan(arg, 1);
}

static FtObject *
builtin_iter(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("iter", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 1)
        return ft_object_get_iter_ref(args[0]);
    if (ft_object_type(args[0])->tp_call == NULL)
        return ft_error_format(&ft_exc_type_error, "iter(v, w): v must be callable");
    return ft_callable_iter_new_ref(args[0], args[1]);
}

static FtObject *
builtin_next(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("next", nargs, 1, 2) < 0)
        return NULL;
    FtObject *it = args[0];
    if (!ft_iter_check(it))
        return ft_error_format(&ft_exc_type_error, "'%T' object is not an iterator", it);
    FtObject *item = ft_object_type(it)->tp_iternext(it);
    if (item != NULL)
        return item;
    if (ft_error_occurred()) {
        if (nargs < 2 || !ft_error_matches(&ft_exc_stop_iteration))
            return NULL;
        ft_error_clear();
    }
    if (nargs == 2)
        return ft_new_ref(args[1]);
    ft_error_set_none(&ft_exc_stop_iteration);
    return NULL;
}

// min() and max(): op is FT_LT for min, FT_GT for max.
static FtObject *
min_max(FtObject *const *args, Ft_ssize nargs, FtObject *kwnames, int op)
{
    const char *name = op == FT_LT ? "min" : "max";
    FtObject *key = NULL, *dflt = NULL;
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    if (nkw > 2) {
        return ft_error_format(&ft_exc_type_error, "%s() takes at most 2 keyword arguments (%zd given)",
                               name, nkw);
    }
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *kwname = ft_tuple_get_item_borrow(kwnames, k);
        if (ft_str_equal_cstr(kwname, "key"))
            key = args[nargs + k];
        else if (ft_str_equal_cstr(kwname, "default"))
            dflt = args[nargs + k];
        else
            return ft_error_format(&ft_exc_type_error, "%s() got an unexpected keyword argument '%U'",
                                   name, kwname);
    }
    if (nargs == 0)
        return ft_error_format(&ft_exc_type_error, "%s expected at least 1 argument, got 0", name);
    if (nargs > 1 && dflt != NULL)
        return ft_error_format(&ft_exc_type_error,
                               "Cannot specify a default for %s() with multiple positional arguments",
                               name);
    if (key != NULL && ft_object_is_none(key))
        key = NULL;
    FtObject *it = nargs == 1 ? ft_object_get_iter_ref(args[0])
                              : ft_tuple_from_array_ref(args, nargs);
    if (it == NULL)
        return NULL;
    if (nargs > 1) {
        FtObject *tuple = it;
        it = ft_object_get_iter_ref(tuple);
        ft_decref(tuple);
        if (it == NULL)
            return NULL;
    }
    FtObject *best = NULL, *best_key = NULL, *item;
    int rc;
    while ((rc = ft_iter_next_ref(it, &item)) == 1) {
        FtObject *item_key = key != NULL ? ft_object_call_one_arg_ref(key, item) : ft_new_ref(item);
        if (item_key == NULL) {
            ft_decref(item);
            rc = -1;
            break;
        }
        if (best == NULL) {
            best = item;
            best_key = item_key;
            continue;
        }
        int better = ft_object_rich_compare_bool(item_key, best_key, op);
        if (better < 0) {
            ft_decref(item);
            ft_decref(item_key);
            rc = -1;
            break;
        }
        if (better) {
            ft_decref(best);
            ft_decref(best_key);
            best = item;
            best_key = item_key;
        } else {
            ft_decref(item);
            ft_decref(item_key);
        }
    }
    ft_decref(it);
    ft_xdecref(best_key);
    if (rc < 0) {
        ft_xdecref(best);
        return NULL;
    }
    if (best != NULL)
        return best;
    if (dflt != NULL)
        return ft_new_ref(dflt);
    return ft_error_format(&ft_exc_value_error, "%s() iterable argument is empty", name);
}

static FtObject *
builtin_min(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    return min_max(args, nargs, kwnames, FT_LT);
}

static FtObject *
builtin_max(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    return min_max(args, nargs, kwnames, FT_GT);
}

static FtObject *
builtin_sorted(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    if (ft_args_check_positional("sorted", nargs, 1, 1) < 0)
        return NULL;
    FtObject *key = NULL, *reverse = NULL;
    Ft_ssize nkw = kwnames == NULL ? 0 : ft_tuple_size(kwnames);
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *kwname = ft_tuple_get_item_borrow(kwnames, k);
        if (ft_str_equal_cstr(kwname, "key"))
            key = args[nargs + k];
        else if (ft_str_equal_cstr(kwname, "reverse"))
            reverse = args[nargs + k];
        else
            return ft_error_format(&ft_exc_type_error, "sort() got an unexpected keyword argument '%U'",
                                   kwname);
    }
    bool rev = false;
    if (reverse != NULL) {
        FtObject *index = ft_number_index_ref(reverse);
        if (index == NULL)
            return NULL;
        int truth = ft_object_is_true(index);
        ft_decref(index);
        rev = truth == 1;
    }
    FtObject *list = ft_list_new_ref(0);
    if (list == NULL)
        return NULL;
    if (ft_modules_list_extend(list, args[0]) < 0 ||
        ft_list_sort(list, key != NULL && !ft_object_is_none(key) ? key : NULL, rev) < 0) {
        ft_decref(list);
        return NULL;
    }
    return list;
}

// Neumaier's compensated sum (CPython's CompensatedSum): hi the running total, lo the error.
typedef struct {
    double hi, lo;
} CompensatedSum;

static inline void
cs_add(CompensatedSum *s, double x)
{
    double t = s->hi + x;
    if (fabs(s->hi) >= fabs(x))
        s->lo += (s->hi - t) + x;
    else
        s->lo += (x - t) + s->hi;
    s->hi = t;
}

// The total; the compensation is added only when finite and non-zero (keeps -0.0, inf, nan).
static inline double
cs_total(const CompensatedSum *s)
{
    if (s->lo != 0.0 && isfinite(s->lo))
        return s->hi + s->lo;
    return s->hi;
}

// An int item (any int subclass) as a double when it fits a C long, as the float and complex
// paths of CPython's sum() take it.
static bool
int_item_as_double(FtObject *item, double *x)
{
    if (!ft_int_check(item))
        return false;
    bool ok = true;
    int64_t v = ft_int_as_int64(item, &ok);
    if (!ok) {
        ft_error_clear();   // past int64: the generic path adds it
        return false;
    }
    *x = (double)v;
    return true;
}

// The exact-int fast path of sum(): a C int64 total while no addition overflows.
static bool
int_item_value(FtObject *item, int64_t *v)
{
    if (!ft_int_check_exact(item) && ft_object_type(item) != &ft_bool_type)
        return false;
    bool ok = true;
    *v = ft_int_as_int64(item, &ok);
    if (!ok)
        ft_error_clear();   // past int64: the generic path adds it
    return ok;
}

static FtObject *
builtin_sum(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"iterable", "start"};
    static const FtArgSpec spec = {"sum", names, 2, 1, 2, 1};
    FtObject *a[2];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    FtObject *start = a[1];
    if (start != NULL) {
        if (ft_str_check(start))
            return ft_error_format(&ft_exc_type_error,
                                   "sum() can't sum strings [use ''.join(seq) instead]");
        if (ft_bytes_check(start))
            return ft_error_format(&ft_exc_type_error,
                                   "sum() can't sum bytes [use b''.join(seq) instead]");
        if (ft_object_type_check(start, &ft_bytearray_type))
            return ft_error_format(&ft_exc_type_error,
                                   "sum() can't sum bytearray [use b''.join(seq) instead]");
    }
    FtObject *it = ft_object_get_iter_ref(a[0]);
    if (it == NULL)
        return NULL;
    FtObject *result = start != NULL ? ft_new_ref(start) : ft_int_from_int64_ref(0);
    FtObject *item = NULL;
    int rc = 0;
    if (result == NULL)
        goto error;
    if (ft_int_check_exact(result)) {
        bool ok = true;
        int64_t total = ft_int_as_int64(result, &ok);
        if (!ok)
            ft_error_clear();   // a start past int64: the generic path
        if (ok) {
            ft_decref(result);
            result = NULL;
            while ((rc = ft_iter_next_ref(it, &item)) == 1) {
                int64_t v, sum;
                if (int_item_value(item, &v) && !__builtin_add_overflow(total, v, &sum)) {
                    total = sum;
                    ft_decref(item);
                    continue;
                }
                break;
            }
            result = ft_int_from_int64_ref(total);
            if (rc < 0 || result == NULL)
                goto error;
            if (rc == 0)
                goto done;
            FtObject *tmp = ft_number_add_ref(result, item);
            ft_decref(item);
            item = NULL;
            ft_decref(result);
            result = tmp;
            if (result == NULL)
                goto error;
        }
    }
    if (ft_object_type(result) == &ft_float_type) {
        CompensatedSum total = {ft_float_value(result), 0.0};
        ft_decref(result);
        result = NULL;
        while ((rc = ft_iter_next_ref(it, &item)) == 1) {
            double x;
            if (ft_object_type(item) == &ft_float_type)
                x = ft_float_value(item);
            else if (!int_item_as_double(item, &x))
                break;
            cs_add(&total, x);
            ft_decref(item);
        }
        result = ft_float_from_double_ref(cs_total(&total));
        if (rc < 0 || result == NULL)
            goto error;
        if (rc == 0)
            goto done;
        FtObject *tmp = ft_number_add_ref(result, item);
        ft_decref(item);
        item = NULL;
        ft_decref(result);
        result = tmp;
        if (result == NULL)
            goto error;
    }
    if (ft_object_type(result) == &ft_complex_type) {
        FtComplex z = ft_complex_value(result);
        CompensatedSum re = {z.real, 0.0}, im = {z.imag, 0.0};
        ft_decref(result);
        result = NULL;
        while ((rc = ft_iter_next_ref(it, &item)) == 1) {
            double x;
            if (ft_object_type(item) == &ft_complex_type) {
                z = ft_complex_value(item);
                cs_add(&re, z.real);
                cs_add(&im, z.imag);
            } else if (int_item_as_double(item, &x) || (ft_float_check(item) && (x = ft_float_value(item), true))) {
                cs_add(&re, x);
                cs_add(&im, 0.0);
            } else {
                break;
            }
            ft_decref(item);
        }
        result = ft_complex_from_doubles_ref(cs_total(&re), cs_total(&im));
        if (rc < 0 || result == NULL)
            goto error;
        if (rc == 0)
            goto done;
        FtObject *tmp = ft_number_add_ref(result, item);
        ft_decref(item);
        item = NULL;
        ft_decref(result);
        result = tmp;
        if (result == NULL)
            goto error;
    }
    while ((rc = ft_iter_next_ref(it, &item)) == 1) {
        FtObject *tmp = ft_number_add_ref(result, item);
        ft_decref(item);
        item = NULL;
        ft_decref(result);
        result = tmp;
        if (result == NULL)
            goto error;
    }
    if (rc < 0)
        goto error;
done:
    ft_decref(it);
    return result;
error:
    ft_xdecref(item);
    ft_xdecref(result);
    ft_decref(it);
    return NULL;
}

const FtMethodDef ft_builtins_seq_methods[] = {
    {"all", {.o = builtin_all}, FT_METH_O, "Return True if bool(x) is True for all values x in the iterable."},
    {"any", {.o = builtin_any}, FT_METH_O, "Return True if bool(x) is True for any x in the iterable."},
    {"iter", {.fast = builtin_iter}, FT_METH_FASTCALL, "Get an iterator from an object."},
    {"len", {.o = builtin_len}, FT_METH_O, "len($module, obj, /)\n--\n\nReturn the number of items in a container."},
    {"max", {.fast_kw = builtin_max}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "With a single iterable argument, return its biggest item."},
    {"min", {.fast_kw = builtin_min}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "With a single iterable argument, return its smallest item."},
    {"next", {.fast = builtin_next}, FT_METH_FASTCALL, "Return the next item from the iterator."},
    {"sorted", {.fast_kw = builtin_sorted}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Return a new list containing all items from the iterable in ascending order."},
    {"sum", {.fast_kw = builtin_sum}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Return the sum of a 'start' value (default: 0) plus an iterable of numbers"},
    {NULL, {NULL}, 0, NULL},
};

// tests/unit/objects/str_test_io.h: runs the str cases of str_expected/*.txt (written by
// objects/gen/gen_str_tests.py and gen_str_extra_tests.py from CPython 3.14) for
// test_str_methods.c, test_str_format.c and test_str_extra.c.
// Header-only, static helpers; each test executable includes it once.
//
// A case is `method self args kwargs expected` (the encoding is described in the generator): the
// method is looked up on self with getattr and called through vectorcall, so the method table, the
// descriptors and the slot wrappers are exercised as Python code would.
#ifndef FT_TESTS_STR_TEST_IO_H
#define FT_TESTS_STR_TEST_IO_H

#include <stdint.h>   // uint32_t
#include <stdio.h>    // FILE fopen getline printf
#include <stdlib.h>   // free strtoll strtoul
#include <string.h>   // strchr strcmp strrchr

#include "objects_test_util.h"

#include "objects/bytes.h"   // ft_bytes_from_data_ref
#include "objects/dict.h"    // ft_dict_new_ref ft_dict_set_item
#include "objects/float.h"   // ft_float_from_double_ref
#include "objects/int.h"     // ft_int_* FT_TRUE FT_FALSE
#include "objects/list.h"    // ft_list_new_ref ft_list_set_item_steal
#include "objects/slice.h"   // ft_slice_new_ref
#include "objects/tuple.h"   // ft_tuple_*

enum { STR_CASE_MAX_ITEMS = 256, STR_CASE_MAX_REPORTS = 15 };

// Parses one encoded value at *p (advancing it) into a new reference; NULL on a parse error. An
// exception `E<Type>:<str>` parses to a 2-tuple (type name, message). A list parses to a list, a
// d{...} dict to a dict; keyword dicts {...} parse to tuples (key, value, key, value ...).
static inline FtObject *
str_case_parse(const char **p)
{
    const char *s = *p;
    FtObject *items[STR_CASE_MAX_ITEMS] = {0};
    Ft_ssize n = 0;
    FtObject *res = NULL;
    switch (*s) {
    case 'N': *p = s + 1; return ft_none_ref();
    case 'T': *p = s + 1; return FT_TRUE;
    case 'F': *p = s + 1; return FT_FALSE;
    case 'i': {
        // Any size: the decimal digits go through int(str).
        const char *end = strchr(s, ';');
        if (end == NULL)
            return NULL;
        FtObject *text = ft_str_from_utf8_ref(s + 1, end - s - 1);
        res = text != NULL ? ft_int_from_object_ref(text) : NULL;
        ft_xdecref(text);
        *p = end + 1;
        return res;
    }
    case 'f': {
        char *end;
        double d = strtod(s + 1, &end);
        if (*end != ';')
            return NULL;
        *p = end + 1;
        return ft_float_from_double_ref(d);
    }
    case 'b': {
        const char *end = strchr(s, ';');
        if (end == NULL || (end - s - 1) % 2 != 0)
            return NULL;
        Ft_ssize nbytes = (end - s - 1) / 2;
        char *data = malloc((size_t)nbytes + 1);
        for (Ft_ssize i = 0; data != NULL && i < nbytes; i++) {
            char hex[3] = {s[1 + 2 * i], s[2 + 2 * i], '\0'};
            data[i] = (char)strtoul(hex, NULL, 16);
        }
        res = data != NULL ? ft_bytes_from_data_ref(data, nbytes) : NULL;
        free(data);
        *p = end + 1;
        return res;
    }
    case 'd': {
        // A dict: 'd' then its {key value ...} items.
        *p = s + 1;
        FtObject *t = str_case_parse(p);
        if (t == NULL || !ft_tuple_check(t) || ft_tuple_size(t) % 2 != 0) {
            ft_xdecref(t);
            return NULL;
        }
        res = ft_dict_new_ref();
        for (Ft_ssize i = 0; res != NULL && i < ft_tuple_size(t); i += 2) {
            if (ft_dict_set_item(res, ft_tuple_get_item_borrow(t, i),
                                 ft_tuple_get_item_borrow(t, i + 1)) < 0) {
                ft_decref(res);
                res = NULL;
            }
        }
        ft_decref(t);
        return res;
    }
    case ':': {
        // A slice: ':' then the (start, stop, step) tuple.
        *p = s + 1;
        FtObject *t = str_case_parse(p);
        if (t == NULL || !ft_tuple_check(t) || ft_tuple_size(t) != 3) {
            ft_xdecref(t);
            return NULL;
        }
        res = ft_slice_new_ref(ft_tuple_get_item_borrow(t, 0), ft_tuple_get_item_borrow(t, 1),
                               ft_tuple_get_item_borrow(t, 2));
        ft_decref(t);
        return res;
    }
    case 's': {
        uint32_t *cps = malloc((strlen(s) + 1) * sizeof *cps);
        Ft_ssize len = 0;
        s++;
        while (cps != NULL && *s != ';' && *s != '\0') {
            char *end;
            cps[len++] = (uint32_t)strtoul(s, &end, 16);
            s = *end == '.' ? end + 1 : end;
        }
        if (cps == NULL || *s != ';') {
            free(cps);
            return NULL;
        }
        *p = s + 1;
        res = ft_str_from_code_points_ref(cps, len);
        free(cps);
        return res;
    }
    case 'E': {
        const char *colon = strchr(s, ':');
        if (colon == NULL)
            return NULL;
        FtObject *name = ft_str_from_utf8_ref(s + 1, colon - s - 1);
        *p = colon + 1;
        FtObject *msg = str_case_parse(p);
        if (name == NULL || msg == NULL) {
            ft_xdecref(name);
            ft_xdecref(msg);
            return NULL;
        }
        res = ft_tuple_pack_ref(2, name, msg);
        ft_decref(name);
        ft_decref(msg);
        return res;
    }
    case '(': case '[': case '{': {
        char close = *s == '(' ? ')' : *s == '[' ? ']' : '}';
        *p = s + 1;
        while (**p != close) {
            FtObject *item = n < STR_CASE_MAX_ITEMS ? str_case_parse(p) : NULL;
            if (item == NULL) {
                while (n > 0)
                    ft_decref(items[--n]);
                return NULL;
            }
            items[n++] = item;
        }
        (*p)++;
        if (close == ']') {
            res = ft_list_new_ref(n);
            for (Ft_ssize i = 0; i < n; i++) {
                if (res == NULL) {
                    ft_decref(items[i]);
                } else if (ft_list_set_item_steal(res, i, items[i]) < 0) {   // steals either way
                    ft_decref(res);
                    res = NULL;
                }
            }
            return res;
        }
        res = ft_tuple_from_array_ref(items, n);
        while (n > 0)
            ft_decref(items[--n]);
        return res;
    }
    default:
        return NULL;
    }
}

// True if got (a result, or NULL with the current exception) matches the expected value; an
// expected exception is a (type name, message) tuple and is_exc says so. Clears the exception.
static inline int
str_case_matches(FtObject *got, FtObject *expected, int is_exc)
{
    if (got == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        if (!is_exc || exc == NULL) {
            ft_xdecref(exc);
            return 0;
        }
        FtObject *msg = ft_object_str_ref(exc);
        int ok = msg != NULL &&
                 ft_str_equal_cstr(ft_tuple_get_item_borrow(expected, 0), exc->ob_type->tp_name) &&
                 ft_str_equal(msg, ft_tuple_get_item_borrow(expected, 1));
        if (!ok && msg != NULL)
            printf("  raised %s: %s\n", exc->ob_type->tp_name, ft_str_as_utf8(msg, NULL));
        ft_xdecref(msg);
        ft_decref(exc);
        return ok;
    }
    if (is_exc)
        return 0;
    // Same type, then equal.
    if (got->ob_type != expected->ob_type)
        return 0;
    return ft_object_rich_compare_bool(got, expected, FT_EQ) == 1;
}

// Runs one case line. Returns 1 if it passed.
static inline int
str_case_run(const char *line)
{
    const char *sp = strchr(line, ' ');
    if (sp == NULL)
        return 0;
    char method[64];
    snprintf(method, sizeof method, "%.*s", (int)(sp - line), line);
    const char *p = sp + 1;
    FtObject *self = str_case_parse(&p);
    p += *p == ' ';
    FtObject *args = self ? str_case_parse(&p) : NULL;
    p += *p == ' ';
    FtObject *kw = args ? str_case_parse(&p) : NULL;
    p += *p == ' ';
    int is_exc = *p == 'E';
    FtObject *expected = kw ? str_case_parse(&p) : NULL;
    int ok = 0;
    if (expected == NULL) {
        printf("  unparsable case\n");
        ft_error_clear();
        goto done;
    }
    Ft_ssize npos = ft_tuple_size(args), nkw = ft_tuple_size(kw) / 2;
    FtObject *argv[STR_CASE_MAX_ITEMS];
    for (Ft_ssize i = 0; i < npos; i++)
        argv[i] = ft_tuple_get_item_borrow(args, i);
    FtObject *kwnames = NULL;
    if (nkw > 0) {
        kwnames = ft_tuple_new_ref(nkw);
        for (Ft_ssize k = 0; k < nkw; k++) {
            ft_tuple_set_item_steal_unlocked(kwnames, k,
                                             ft_new_ref(ft_tuple_get_item_borrow(kw, 2 * k)));
            argv[npos + k] = ft_tuple_get_item_borrow(kw, 2 * k + 1);
        }
    }
    FtObject *bound = NULL, *got;
    if (strcmp(method, "__mul__") == 0 && npos == 1 && ft_int_check(argv[0])) {
        // TODO(#4): through getattr once objects/descr.c wraps sq_repeat as __mul__.
        got = self->ob_type->tp_as_sequence->sq_repeat(self, (Ft_ssize)ft_int_as_int64(argv[0], NULL));
    } else {
        bound = ft_object_get_attr_cstr_ref(self, method);
        got = bound ? ft_object_vectorcall_ref(bound, argv, (size_t)npos, kwnames) : NULL;
    }
    ok = str_case_matches(got, expected, is_exc);
    if (!ok && got != NULL) {
        FtObject *r = ft_object_repr_ref(got);
        printf("  got %s\n", r ? ft_str_as_utf8(r, NULL) : "?");
        ft_xdecref(r);
        ft_error_clear();
    }
    ft_xdecref(got);
    ft_xdecref(bound);
    ft_xdecref(kwnames);
done:
    ft_xdecref(self);
    ft_xdecref(args);
    ft_xdecref(kw);
    ft_xdecref(expected);
    return ok;
}

// Runs every case of str_expected/<file>; returns the number of failures (a missing file is one)
// and stores the number of cases in *count.
static inline long
str_cases_run_file(const char *file, long *count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "str_expected/%s", file);
    FILE *f = fopen(path, "r");
    *count = 0;
    if (f == NULL) {
        printf("  cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    long failures = 0, lineno = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        lineno++;
        if (line[0] == '#')
            continue;
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        (*count)++;
        if (!str_case_run(line)) {
            if (failures++ < STR_CASE_MAX_REPORTS)
                printf("  %s:%ld failed: %.300s\n", file, lineno, line);
        }
    }
    free(line);
    fclose(f);
    if (failures > 0)
        printf("  %s: %ld of %ld cases failed\n", file, failures, *count);
    return failures;
}

#endif // FT_TESTS_STR_TEST_IO_H

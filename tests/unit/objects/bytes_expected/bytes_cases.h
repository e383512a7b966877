// tests/unit/objects/bytes_expected/bytes_cases.h: runs the bytes/bytearray cases of cases.txt
// (written by objects/gen/gen_bytes_tests.py from the CPython 3.14 oracle; its docstring gives the
// line format) through the types' slots and method tables, comparing repr(result) or the exception
// and, for a bytearray receiver, repr(receiver) afterwards.
#ifndef FT_TESTS_BYTES_CASES_H
#define FT_TESTS_BYTES_CASES_H

#include <stdio.h>    // FILE fopen getline printf
#include <stdlib.h>   // malloc free strtol
#include <string.h>   // strchr strcmp strrchr

#include "objects/abstract.h"
#include "objects/bytearray.h"
#include "objects/bytes.h"
#include "objects/dict.h"
#include "objects/error.h"
#include "objects/float.h"
#include "objects/int.h"
#include "objects/list.h"
#include "objects/object.h"
#include "objects/slice.h"
#include "objects/str.h"
#include "objects/tuple.h"

static size_t
bc_unhex(const char *h, size_t n, char *out)
{
    size_t o = 0;
    for (size_t i = 0; i + 1 < n; i += 2) {
        char buf[3] = {h[i], h[i + 1], 0};
        out[o++] = (char)strtol(buf, NULL, 16);
    }
    return o;
}

// Builds the value of one token (n bytes at t); a new reference or NULL.
static FtObject *bc_value_ref(const char *t, size_t n);

static FtObject *
bc_sequence_ref(const char *t, size_t n, int list)
{
    FtObject *items[64] = {NULL};
    Ft_ssize count = 0;
    size_t i = 0;
    while (i < n && count < 64) {
        size_t j = i;
        while (j < n && t[j] != ',')
            j++;
        items[count] = bc_value_ref(t + i, j - i);
        if (items[count] == NULL)
            break;
        count++;
        i = j + 1;
    }
    FtObject *res;
    if (list) {
        res = ft_list_new_ref(0);
        for (Ft_ssize k = 0; res != NULL && k < count; k++)
            ft_list_append(res, items[k]);
    } else {
        res = ft_tuple_from_array_ref(items, count);
    }
    for (Ft_ssize k = 0; k < count; k++)
        ft_decref(items[k]);
    return res;
}

static FtObject *
bc_value_ref(const char *t, size_t n)
{
    if (n == 1 && t[0] == 'n')
        return FT_NONE;
    if (n == 1 && t[0] == 'T')
        return FT_TRUE;
    if (n == 1 && t[0] == 'F')
        return FT_FALSE;
    if (n == 1 && t[0] == 'B')
        return (FtObject *)&ft_bytes_type;
    if (n == 1 && t[0] == 'A')
        return (FtObject *)&ft_bytearray_type;
    if (n < 2 || t[1] != ':') {
        printf("  bad token %.*s\n", (int)n, t);
        return NULL;
    }
    char *body = malloc(n + 1);
    memcpy(body, t + 2, n - 2);
    body[n - 2] = '\0';
    char *buf = malloc(n + 1);
    FtObject *res = NULL;
    switch (t[0]) {
    case 'b':
        res = ft_bytes_from_data_ref(buf, (Ft_ssize)bc_unhex(body, n - 2, buf));
        break;
    case 'a':
        res = ft_bytearray_from_data_ref(buf, (Ft_ssize)bc_unhex(body, n - 2, buf));
        break;
    case 's':
        res = ft_str_from_utf8_ref(buf, (Ft_ssize)bc_unhex(body, n - 2, buf));
        break;
    case 'i': {
        FtObject *digits = ft_str_from_cstr_ref(body);
        res = ft_int_from_object_ref(digits);
        ft_decref(digits);
        break;
    }
    case 'f':
        res = ft_float_from_double_ref(strtod(body, NULL));
        break;
    case 't':
    case 'l':
        res = bc_sequence_ref(body, n - 2, t[0] == 'l');
        break;
    case 'd': {
        res = ft_dict_new_ref();
        char *p = body;
        while (res != NULL && *p != '\0') {
            char *bar = strchr(p, '|');
            if (bar != NULL)
                *bar = '\0';
            char *eq = strchr(p, '=');
            FtObject *k = bc_value_ref(p, (size_t)(eq - p));
            FtObject *v = bc_value_ref(eq + 1, strlen(eq + 1));
            if (k == NULL || v == NULL || ft_dict_set_item(res, k, v) < 0) {
                ft_decref(res);
                res = NULL;
            }
            ft_xdecref(k);
            ft_xdecref(v);
            p = bar != NULL ? bar + 1 : p + strlen(p);
        }
        break;
    }
    case 'I': {
        FtObject *list = bc_sequence_ref(body, n - 2, 1);
        res = list != NULL ? ft_object_get_iter_ref(list) : NULL;
        ft_xdecref(list);
        break;
    }
    case 'S': {
        FtObject *parts[3] = {NULL, NULL, NULL};
        char *p = body;
        for (int k = 0; k < 3; k++) {
            char *comma = strchr(p, ',');
            if (comma != NULL)
                *comma = '\0';
            if (strcmp(p, "n") == 0) {
                parts[k] = FT_NONE;
            } else {
                FtObject *digits = ft_str_from_cstr_ref(p);
                parts[k] = ft_int_from_object_ref(digits);
                ft_decref(digits);
            }
            p = comma != NULL ? comma + 1 : p + strlen(p);
        }
        res = ft_slice_new_ref(parts[0], parts[1], parts[2]);
        for (int k = 0; k < 3; k++)
            ft_xdecref(parts[k]);
        break;
    }
    default:
        printf("  bad token %.*s\n", (int)n, t);
    }
    free(body);
    free(buf);
    return res;
}

// The text of the current exception as "e:Type:message" (cleared), in a malloc'd string.
static char *
bc_exception_text(void)
{
    FtObject *exc = ft_error_fetch_ref();
    FtObject *s = ft_object_str_ref(exc);
    const char *msg = s != NULL ? ft_str_as_utf8(s, NULL) : "<str failed>";
    size_t len = strlen(msg) + strlen(exc->ob_type->tp_name) + 8;
    char *out = malloc(len);
    snprintf(out, len, "e:%s:%s", exc->ob_type->tp_name, msg);
    ft_xdecref(s);
    ft_decref(exc);
    ft_error_clear();
    return out;
}

static char *
bc_repr_text(FtObject *v)
{
    FtObject *r = ft_object_repr_ref(v);
    if (r == NULL)
        return bc_exception_text();
    const char *u = ft_str_as_utf8(r, NULL);
    char *out = malloc(strlen(u) + 3);
    snprintf(out, strlen(u) + 3, "r:%s", u);
    ft_decref(r);
    return out;
}

static FtObject *
bc_call_method_ref(FtObject *recv, const char *name, FtObject **args, Ft_ssize npos,
                   FtObject *kwnames)
{
    FtObject *m = ft_object_get_attr_cstr_ref(recv, name);
    if (m == NULL)
        return NULL;
    FtObject *res = ft_object_vectorcall_ref(m, args, (size_t)npos, kwnames);
    ft_decref(m);
    return res;
}

// Applies op; a new reference or NULL with an exception.
static FtObject *
bc_apply_ref(const char *op, FtObject *recv, FtObject **args, Ft_ssize npos, FtObject *kwnames)
{
    static const char *const cmps[] = {"<", "<=", "==", "!=", ">", ">="};
    FtTypeObject *t = recv->ob_type;
    for (int k = 0; k < 6; k++) {
        if (strcmp(op, cmps[k]) == 0)
            return ft_object_rich_compare_ref(recv, args[0], k);
    }
    if (strcmp(op, "new") == 0)
        return ft_object_vectorcall_ref(recv, args, (size_t)npos, kwnames);
    if (op[0] == '.')
        return bc_call_method_ref(recv, op + 1, args, npos, kwnames);
    if (strcmp(op, "+") == 0)
        return t->tp_as_sequence->sq_concat(recv, args[0]);
    if (strcmp(op, "%") == 0)
        return t->tp_as_number->nb_remainder(recv, args[0]);
    if (strcmp(op, "+=") == 0)
        return t->tp_as_sequence->sq_inplace_concat(recv, args[0]);
    if (strcmp(op, "*") == 0 || strcmp(op, "*=") == 0) {
        if (!ft_int_check(args[0]))
            return ft_error_format(&ft_exc_type_error,
                                   "can't multiply sequence by non-int of type '%s'",
                                   args[0]->ob_type->tp_name);
        Ft_ssize n = (Ft_ssize)ft_int_as_int64(args[0], NULL);
        return op[1] == '=' ? t->tp_as_sequence->sq_inplace_repeat(recv, n)
                            : t->tp_as_sequence->sq_repeat(recv, n);
    }
    if (strcmp(op, "[]") == 0)
        return t->tp_as_mapping->mp_subscript(recv, args[0]);
    if (strcmp(op, "[]=") == 0 || strcmp(op, "del[]") == 0) {
        int r = t->tp_as_mapping->mp_ass_subscript(recv, args[0], op[0] == 'd' ? NULL : args[1]);
        return r < 0 ? NULL : FT_NONE;
    }
    if (strcmp(op, "in") == 0) {
        int r = t->tp_as_sequence->sq_contains(recv, args[0]);
        return r < 0 ? NULL : ft_bool_from(r);
    }
    if (strcmp(op, "repr") == 0)
        return ft_object_repr_ref(recv);
    if (strcmp(op, "hash") == 0) {
        Ft_hash h = ft_object_hash(recv);
        return h == -1 && ft_error_occurred() ? NULL : ft_int_from_int64_ref(h);
    }
    if (strcmp(op, "len") == 0)
        return ft_int_from_int64_ref(t->tp_as_sequence->sq_length(recv));
    if (strcmp(op, "list") == 0) {
        FtObject *it = t->tp_iter(recv);
        FtObject *list = ft_list_new_ref(0);
        FtObject *item;
        while ((item = it->ob_type->tp_iternext(it)) != NULL) {
            ft_list_append(list, item);
            ft_decref(item);
        }
        ft_decref(it);
        return list;
    }
    return bc_call_method_ref(recv, op, args, npos, kwnames);
}

// Runs one case line (fields split in place); returns 1 if it passed.
static int
bc_run_line(char *line, bool want_bytearray, long *ran)
{
    char *f[5];
    for (int k = 0; k < 5; k++) {
        f[k] = line;
        char *tab = k < 4 ? strchr(line, '\t') : NULL;
        if (k < 4 && tab == NULL)
            return 0;
        if (tab != NULL) {
            *tab = '\0';
            line = tab + 1;
        }
    }
    bool is_ba = f[1][0] == 'a' || f[1][0] == 'A';
    if (is_ba != want_bytearray)
        return 1;
    (*ran)++;
    FtObject *recv = bc_value_ref(f[1], strlen(f[1]));
    FtObject *args[8], *names[8];
    Ft_ssize npos = 0, nkw = 0;
    if (strcmp(f[2], "-") != 0) {
        char *save = NULL;
        for (char *t = strtok_r(f[2], " ", &save); t != NULL; t = strtok_r(NULL, " ", &save)) {
            if (t[0] == 'k' && t[1] == ':') {
                char *eq = strchr(t, '=');
                *eq = '\0';
                names[nkw++] = ft_str_from_cstr_ref(t + 2);
                args[8 - nkw] = bc_value_ref(eq + 1, strlen(eq + 1));
            } else {
                args[npos++] = bc_value_ref(t, strlen(t));
            }
        }
    }
    FtObject *call_args[8];
    for (Ft_ssize i = 0; i < npos; i++)
        call_args[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++)
        call_args[npos + k] = args[8 - 1 - k];
    FtObject *kwnames = nkw > 0 ? ft_tuple_from_array_ref(names, nkw) : NULL;
    FtObject *res = bc_apply_ref(f[0], recv, call_args, npos, kwnames);
    char *got = res != NULL ? bc_repr_text(res) : bc_exception_text();
    int ok = strcmp(got, f[3]) == 0;
    char *after = NULL;
    if (ok && strcmp(f[4], "-") != 0) {
        after = bc_repr_text(recv);
        ok = strcmp(after + 2, f[4]) == 0;
    }
    if (!ok)
        printf("  case %s %s %s:\n    got      %s %s\n    expected %s %s\n", f[0], f[1],
               strcmp(f[2], "-") ? "(args)" : "", got, after ? after : "", f[3], f[4]);
    free(got);
    free(after);
    ft_xdecref(res);
    ft_xdecref(kwnames);
    for (Ft_ssize i = 0; i < npos + nkw; i++)
        ft_xdecref(call_args[i]);
    for (Ft_ssize k = 0; k < nkw; k++)
        ft_decref(names[k]);
    ft_xdecref(recv);
    return ok;
}

// Runs the cases whose receiver is a bytearray (or not); returns the failures, *ran the count.
static long
bc_run_cases(bool want_bytearray, long *ran)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "cases.txt");
    FILE *f = fopen(path, "r");
    *ran = 0;
    if (f == NULL) {
        printf("  cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    long failures = 0;
    ssize_t len;
    while ((len = getline(&line, &cap, f)) > 0) {
        if (line[len - 1] == '\n')
            line[len - 1] = '\0';
        if (!bc_run_line(line, want_bytearray, ran))
            failures++;
    }
    free(line);
    fclose(f);
    return failures;
}

#endif // FT_TESTS_BYTES_CASES_H

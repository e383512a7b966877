// tests/unit/objects/number_test_eval.h: runs the cases of number_expected/*.txt (written by
// objects/gen/gen_number_tests.py from CPython 3.14) against the number objects: builds the
// operands, applies the operator through objects/abstract_number.h (or calls a type, a method, an
// attribute), and compares the result's type name and repr - or the exception's type and message -
// with the oracle's. Header-only, static helpers; included once per test executable.
#ifndef FT_TESTS_NUMBER_TEST_EVAL_H
#define FT_TESTS_NUMBER_TEST_EVAL_H

#include <stdint.h>   // uint64_t
#include <stdio.h>    // FILE fopen getline printf
#include <stdlib.h>   // free malloc strtoull
#include <string.h>   // strcmp strncmp strchr strlen memcpy

#include "objects/abstract_number.h"   // ft_number_*
#include "objects/complex.h"           // ft_complex_*
#include "objects/error.h"             // ft_error_*
#include "objects/float.h"             // ft_float_*
#include "objects/int.h"               // ft_int_*
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*

enum { NT_MAX_FIELDS = 12, NT_MAX_REPORTS = 15 };

// Decodes hex UTF-8 into a new malloc'd NUL-terminated buffer; *len its byte length.
static char *
nt_unhex(const char *h, size_t *len)
{
    size_t n = strlen(h) / 2;
    char *s = malloc(n + 1);
    for (size_t i = 0; i < n; i++) {
        unsigned v;
        sscanf(h + 2 * i, "%2x", &v);
        s[i] = (char)v;
    }
    s[n] = '\0';
    *len = n;
    return s;
}

// A new reference for an encoded operand, or NULL (reported).
static FtObject *
nt_operand(const char *f)
{
    if (strcmp(f, "T") == 0)
        return FT_TRUE;
    if (strcmp(f, "F") == 0)
        return FT_FALSE;
    if (strcmp(f, "N") == 0)
        return FT_NONE;
    if (strcmp(f, "t:int") == 0)
        return (FtObject *)&ft_int_type;
    if (strcmp(f, "t:float") == 0)
        return (FtObject *)&ft_float_type;
    if (strcmp(f, "t:complex") == 0)
        return (FtObject *)&ft_complex_type;
    if (strncmp(f, "c:", 2) == 0 && strlen(f) == 35) {
        char re[17];
        memcpy(re, f + 2, 16);
        re[16] = '\0';
        uint64_t bits[2] = {strtoull(re, NULL, 16), strtoull(f + 19, NULL, 16)};
        double d[2];
        memcpy(d, bits, sizeof d);
        return ft_complex_from_doubles_ref(d[0], d[1]);
    }
    if (strncmp(f, "i:", 2) == 0) {
        FtBigInt v;
        FtNumError err;
        if (ft_bigint_from_string(&v, f + 2, strlen(f + 2), 10, 0, &err) < 0)
            return NULL;
        return ft_int_from_bigint_steal(&v);
    }
    if (strncmp(f, "f:", 2) == 0) {
        uint64_t bits = strtoull(f + 2, NULL, 16);
        double d;
        memcpy(&d, &bits, sizeof d);
        return ft_float_from_double_ref(d);
    }
    if (strncmp(f, "s:", 2) == 0) {
        size_t len;
        char *s = nt_unhex(f + 2, &len);
        FtObject *r = ft_str_from_utf8_ref(s, (Ft_ssize)len);
        free(s);
        return r;
    }
    printf("  bad operand %s\n", f);
    return NULL;
}

typedef FtObject *(*NtBinary)(FtObject *, FtObject *);
typedef FtObject *(*NtUnary)(FtObject *);

static const struct {
    const char *name;
    NtBinary fn;
} nt_binary_ops[] = {
    {"add", ft_number_add_ref}, {"sub", ft_number_subtract_ref}, {"mul", ft_number_multiply_ref},
    {"truediv", ft_number_true_divide_ref}, {"floordiv", ft_number_floor_divide_ref},
    {"mod", ft_number_remainder_ref}, {"divmod", ft_number_divmod_ref},
    {"lshift", ft_number_lshift_ref}, {"rshift", ft_number_rshift_ref},
    {"and", ft_number_and_ref}, {"or", ft_number_or_ref}, {"xor", ft_number_xor_ref},
    {"matmul", ft_number_matrix_multiply_ref},
    {"iadd", ft_number_inplace_add_ref}, {"isub", ft_number_inplace_subtract_ref},
    {"imul", ft_number_inplace_multiply_ref}, {"itruediv", ft_number_inplace_true_divide_ref},
    {"ifloordiv", ft_number_inplace_floor_divide_ref}, {"imod", ft_number_inplace_remainder_ref},
    {"ilshift", ft_number_inplace_lshift_ref}, {"irshift", ft_number_inplace_rshift_ref},
    {"iand", ft_number_inplace_and_ref}, {"ior", ft_number_inplace_or_ref},
    {"ixor", ft_number_inplace_xor_ref},
};

static const struct {
    const char *name;
    NtUnary fn;
} nt_unary_ops[] = {
    {"neg", ft_number_negative_ref}, {"pos", ft_number_positive_ref},
    {"abs", ft_number_absolute_ref}, {"invert", ft_number_invert_ref},
    {"index", ft_number_index_ref}, {"int", ft_int_from_object_ref},
    {"float", ft_float_from_object_ref}, {"repr", ft_object_repr_ref}, {"str", ft_object_str_ref},
};

static FtObject *
nt_hash(FtObject *a)
{
    Ft_hash h = ft_object_hash(a);
    return h == -1 ? NULL : ft_int_from_int64_ref((int64_t)h);
}

static FtObject *
nt_bool(FtObject *a)
{
    int t = ft_object_is_true(a);
    return t < 0 ? NULL : ft_bool_from(t);
}

// Applies op to the n operands; a new reference or NULL with the exception set.
static FtObject *
nt_apply(const char *op, FtObject **v, int n)
{
    static const char *const cmp[] = {"lt", "le", "eq", "ne", "gt", "ge"};
    for (size_t i = 0; i < sizeof nt_binary_ops / sizeof nt_binary_ops[0]; i++)
        if (strcmp(op, nt_binary_ops[i].name) == 0 && n == 2)
            return nt_binary_ops[i].fn(v[0], v[1]);
    for (size_t i = 0; i < sizeof nt_unary_ops / sizeof nt_unary_ops[0]; i++)
        if (strcmp(op, nt_unary_ops[i].name) == 0 && n == 1)
            return nt_unary_ops[i].fn(v[0]);
    for (int i = 0; i < 6; i++)
        if (strcmp(op, cmp[i]) == 0 && n == 2)
            return ft_object_rich_compare_ref(v[0], v[1], i);
    if (strcmp(op, "hash") == 0)
        return nt_hash(v[0]);
    if (strcmp(op, "bool") == 0)
        return nt_bool(v[0]);
    if (strcmp(op, "pow") == 0)
        return ft_number_power_ref(v[0], v[1], FT_NONE);
    if (strcmp(op, "ipow") == 0)
        return ft_number_inplace_power_ref(v[0], v[1], FT_NONE);
    if (strcmp(op, "pow3") == 0)
        return ft_number_power_ref(v[0], v[1], v[2]);
    if (strncmp(op, "call:", 5) == 0 || strncmp(op, "callkw:", 7) == 0) {
        int kw = op[4] != ':';
        const char *tname = op + (kw ? 7 : 5);
        FtObject *type = strncmp(tname, "int", 3) == 0     ? (FtObject *)&ft_int_type
                         : strncmp(tname, "float", 5) == 0 ? (FtObject *)&ft_float_type
                                                           : (FtObject *)&ft_complex_type;
        FtObject *kwnames = NULL;
        if (kw) {
            FtObject *name = ft_str_from_cstr_ref(strchr(tname, ':') + 1);
            kwnames = ft_tuple_pack_ref(1, name);
            ft_decref(name);
        }
        FtObject *r = ft_object_vectorcall_ref(type, v, (size_t)(n - kw), kwnames);
        ft_xdecref(kwnames);
        return r;
    }
    if (strncmp(op, "meth:", 5) == 0 || strncmp(op, "attr:", 5) == 0) {
        FtObject *a = ft_object_get_attr_cstr_ref(v[0], op + 5);
        if (a == NULL || op[0] == 'a')
            return a;
        FtObject *r = ft_object_vectorcall_ref(a, v + 1, (size_t)(n - 1), NULL);
        ft_decref(a);
        return r;
    }
    printf("  unknown op %s\n", op);
    return NULL;
}

// 1 if (result or the current exception) matches the expected "<type>\t<hex>" fields.
static int
nt_check(FtObject *r, const char *etype, const char *ehex)
{
    size_t len;
    char *expected = nt_unhex(ehex, &len);
    int ok = 0;
    if (etype[0] == '!') {
        FtObject *exc = ft_error_fetch_ref();
        if (r == NULL && exc != NULL && strcmp(exc->ob_type->tp_name, etype + 1) == 0) {
            FtObject *s = ft_object_str_ref(exc);
            ok = s != NULL && ft_str_equal_cstr(s, expected);
            if (!ok && s != NULL)
                printf("  message \"%.200s\"\n", ft_str_as_utf8(s, NULL));
            ft_xdecref(s);
        } else if (exc != NULL) {
            FtObject *s = ft_object_str_ref(exc);
            printf("  raised %s: %.200s\n", exc->ob_type->tp_name,
                   s ? ft_str_as_utf8(s, NULL) : "?");
            ft_xdecref(s);
        } else {
            FtObject *s = r ? ft_object_repr_ref(r) : NULL;
            printf("  no exception; got %s %.200s\n", r ? r->ob_type->tp_name : "NULL",
                   s ? ft_str_as_utf8(s, NULL) : "?");
            ft_xdecref(s);
        }
        ft_xdecref(exc);
    } else if (r == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *s = exc ? ft_object_str_ref(exc) : NULL;
        printf("  raised %s: %.200s\n", exc ? exc->ob_type->tp_name : "nothing",
               s ? ft_str_as_utf8(s, NULL) : "");
        ft_xdecref(s);
        ft_xdecref(exc);
    } else {
        FtObject *s = ft_object_repr_ref(r);
        ok = s != NULL && strcmp(r->ob_type->tp_name, etype) == 0 && ft_str_equal_cstr(s, expected);
        if (!ok)
            printf("  got %s %.200s\n", r->ob_type->tp_name, s ? ft_str_as_utf8(s, NULL) : "?");
        if (s == NULL)
            ft_error_clear();
        ft_xdecref(s);
    }
    free(expected);
    return ok;
}

// Runs every case of number_expected/<file>; returns the failure count (a missing file is one).
static int
nt_run_file(const char *file, long *count)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "number_expected/%s", file);
    FILE *f = fopen(path, "r");
    *count = 0;
    if (f == NULL) {
        printf("  cannot open %s\n", path);
        return 1;
    }
    char *line = NULL;
    size_t cap = 0;
    long lineno = 0;
    int failures = 0;
    while (getline(&line, &cap, f) >= 0) {
        lineno++;
        if (line[0] == '#' || line[0] == '\n')
            continue;
        line[strcspn(line, "\n")] = '\0';
        char *fields[NT_MAX_FIELDS];
        int nf = 0;
        char *save = NULL;
        for (char *t = strtok_r(line, "\t", &save); t && nf < NT_MAX_FIELDS;
             t = strtok_r(NULL, "\t", &save))
            fields[nf++] = t;
        int arrow = -1;
        for (int i = 1; i < nf; i++)
            if (strcmp(fields[i], "=>") == 0)
                arrow = i;
        FtObject *v[NT_MAX_FIELDS];
        int n = 0, ok = arrow > 0 && arrow + 2 < nf + 1;
        for (int i = 1; ok && i < arrow; i++) {
            v[n] = nt_operand(fields[i]);
            if (v[n] == NULL)
                ok = 0;
            else
                n++;
        }
        if (ok) {
            FtObject *r = nt_apply(fields[0], v, n);
            ok = nt_check(r, fields[arrow + 1], arrow + 2 < nf ? fields[arrow + 2] : "");
            ft_xdecref(r);
        }
        for (int i = 0; i < n; i++)
            ft_decref(v[i]);
        (*count)++;
        if (!ok) {
            if (failures < NT_MAX_REPORTS)
                printf("  %s:%ld: case failed (%s)\n", file, lineno, fields[0]);
            failures++;
        }
        if (ft_error_occurred()) {
            printf("  %s:%ld: exception left set\n", file, lineno);
            ft_error_clear();
        }
    }
    free(line);
    fclose(f);
    return failures;
}

#endif // FT_TESTS_NUMBER_TEST_EVAL_H

// tests/unit/objects/test_set.c: set and frozenset (objects/set.c).
//
// The bulk of the checks replays set_expected/ops.txt, written by objects/gen/gen_set_tests.py from
// CPython 3.14 (PYTHONHASHSEED=0): scripts of constructions, method calls (through getattr and
// vectorcall, so the method tables and descriptors are exercised), operators with their
// NotImplemented rules, comparisons, hashes and iteration, each compared with the oracle's repr of
// the result and of the set, so table order, resizing, dummies and pop()'s finger must all match.
// The other tests check C-level invariants and a small two-thread scenario.
#include <pthread.h>   // pthread_create pthread_join
#include <stdio.h>     // FILE fopen getline printf snprintf
#include <stdlib.h>    // free strtoll
#include <string.h>    // strchr strcmp strrchr strncmp

#include "objects_test_util.h"

#include "objects/abstract_number.h"   // ft_number_*_ref
#include "objects/int.h"               // ft_int_* FT_TRUE FT_FALSE
#include "objects/set.h"
#include "objects/tuple.h"             // ft_tuple_*
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT

TEST(setup)
{
    CHECK(obj_setup() == 0);
    CHECK(ft_set_init_types() == 0);
}

/* --- Replaying the oracle's scripts --- */

enum { VARS = 26, LINE_MAX_TOKENS = 64 };

static FtObject *vars[VARS];

static FtObject *
parse_key(const char *tok, size_t len)
{
    char buf[256];
    if (len == 0 || len >= sizeof buf)
        return NULL;
    memcpy(buf, tok, len);
    buf[len] = '\0';
    if (buf[0] == 'i')
        return ft_int_from_int64_ref(strtoll(buf + 1, NULL, 10));
    if (buf[0] == 's' || buf[0] == 'S')
        return ft_str_from_cstr_ref(buf + 1);
    return NULL;
}

// A token (see the generator's docstring) as a new reference; NULL for `-` or a bad token.
static FtObject *
parse_value(const char *tok)
{
    if (strcmp(tok, "-") == 0)
        return NULL;
    if (tok[0] == '@')
    {
        FtObject *v = vars[tok[1] - 'a'];
        return v != NULL ? ft_new_ref(v) : NULL;
    }
    if (tok[0] != 't')
        return parse_key(tok, strlen(tok));
    FtObject *items[LINE_MAX_TOKENS] = {0};
    Ft_ssize n = 0;
    const char *p = tok + 1;
    while (*p != '\0' && n < LINE_MAX_TOKENS) {
        const char *comma = strchr(p, ',');
        size_t len = comma ? (size_t)(comma - p) : strlen(p);
        items[n++] = parse_key(p, len);
        p += len + (comma ? 1 : 0);
    }
    FtObject *t = ft_tuple_from_array_ref(items, n);
    for (Ft_ssize i = 0; i < n; i++)
        ft_xdecref(items[i]);
    return t;
}

// Appends text to out (bounded).
static void
out_add(char *out, size_t cap, const char *text)
{
    size_t len = strlen(out);
    snprintf(out + len, cap - len, "%s", text);
}

// Appends repr(op), or `!Type: message` for the pending exception when op is NULL (cleared).
static void
out_result(char *out, size_t cap, FtObject *op)
{
    if (op != NULL) {
        FtObject *r = ft_object_repr_ref(op);
        if (r != NULL) {
            out_add(out, cap, ft_str_as_utf8(r, NULL));
            ft_decref(r);
            return;
        }
    }
    FtObject *exc = ft_error_fetch_ref();
    if (exc == NULL) {
        out_add(out, cap, "<NULL without an exception>");
        return;
    }
    FtObject *s = ft_object_str_ref(exc);
    char buf[512];
    snprintf(buf, sizeof buf, "!%s: %s", exc->ob_type->tp_name, s ? ft_str_as_utf8(s, NULL) : "?");
    ft_xdecref(s);
    ft_error_clear();
    ft_decref(exc);
    out_add(out, cap, buf);
}

static void
set_var(const char *name, FtObject *value_steal)
{
    int i = name[0] - 'a';
    ft_xdecref(vars[i]);
    vars[i] = value_steal;
}

static FtObject *
apply_operator(const char *op, FtObject *v, FtObject *w)
{
    static const struct {
        const char *name;
        FtBinaryFunc fn;
    } binary[] = {
        {"|", ft_number_or_ref}, {"&", ft_number_and_ref}, {"-", ft_number_subtract_ref},
        {"^", ft_number_xor_ref}, {"|=", ft_number_inplace_or_ref},
        {"&=", ft_number_inplace_and_ref}, {"-=", ft_number_inplace_subtract_ref},
        {"^=", ft_number_inplace_xor_ref},
    };
    static const char *const compare[] = {"<", "<=", "==", "!=", ">", ">="};
    for (size_t i = 0; i < sizeof binary / sizeof binary[0]; i++)
        if (strcmp(op, binary[i].name) == 0)
            return binary[i].fn(v, w);
    for (int i = 0; i < 6; i++)
        if (strcmp(op, compare[i]) == 0)
            return ft_object_rich_compare_ref(v, w, i);   // FT_LT ... FT_GE in this order
    return NULL;
}

// Runs one statement and writes what it printed into out.
static void
run_statement(char **tok, int ntok, char *out, size_t cap)
{
    out[0] = '\0';
    const char *kind = tok[0];
    if (strcmp(kind, "reset") == 0) {
        for (int i = 0; i < VARS; i++)
            set_var((char[]){(char)('a' + i), 0}, NULL);
    } else if (strcmp(kind, "new") == 0) {
        FtObject *arg = parse_value(tok[3]);
        FtTypeObject *type = strcmp(tok[2], "set") == 0 ? &ft_set_type : &ft_frozenset_type;
        FtObject *args[1] = {arg};
        FtObject *res = ft_object_vectorcall_ref((FtObject *)type, args, arg ? 1 : 0, NULL);
        out_result(out, cap, res);
        if (res != NULL)
            set_var(tok[1], res);
        ft_xdecref(arg);
    } else if (strcmp(kind, "call") == 0) {
        FtObject *obj = vars[tok[2][0] - 'a'];
        FtObject *args[LINE_MAX_TOKENS];
        int nargs = 0;
        for (int i = 4; i < ntok; i++)
            args[nargs++] = parse_value(tok[i]);
        FtObject *meth = ft_object_get_attr_cstr_ref(obj, tok[3]);
        FtObject *res = meth ? ft_object_vectorcall_ref(meth, args, (size_t)nargs, NULL) : NULL;
        ft_xdecref(meth);
        for (int i = 0; i < nargs; i++)
            ft_xdecref(args[i]);
        out_result(out, cap, res);
        out_add(out, cap, " | ");
        out_result(out, cap, obj);
        if (res != NULL && strcmp(tok[1], "-") != 0)
            set_var(tok[1], res);
        else
            ft_xdecref(res);
    } else if (strcmp(kind, "op") == 0) {
        FtObject *v = ft_new_ref(vars[tok[2][0] - 'a']);
        FtObject *w = parse_value(tok[4]);
        FtObject *res = apply_operator(tok[3], v, w);
        out_result(out, cap, res);
        out_add(out, cap, " | ");
        out_result(out, cap, v);
        if (res != NULL && strcmp(tok[1], "-") != 0)
            set_var(tok[1], res);
        else
            ft_xdecref(res);
        ft_decref(v);
        ft_xdecref(w);
    } else if (strcmp(kind, "hash") == 0) {
        Ft_hash h = ft_object_hash(vars[tok[1][0] - 'a']);
        if (h == -1) {
            out_result(out, cap, NULL);
        } else {
            snprintf(out, cap, "%lld", (long long)h);
        }
    } else if (strcmp(kind, "len") == 0) {
        snprintf(out, cap, "%lld", (long long)ft_set_size(vars[tok[1][0] - 'a']));
    } else if (strcmp(kind, "in") == 0) {
        FtObject *key = parse_value(tok[2]);
        int rv = ft_set_contains(vars[tok[1][0] - 'a'], key);
        if (rv < 0)
            out_result(out, cap, NULL);
        else
            out_add(out, cap, rv ? "True" : "False");
        ft_xdecref(key);
    } else if (strcmp(kind, "iter") == 0) {
        FtObject *s = vars[tok[1][0] - 'a'];
        FtObject *it = s->ob_type->tp_iter(s);
        FtObject *item;
        bool first = true;
        while (it != NULL && (item = it->ob_type->tp_iternext(it)) != NULL) {
            if (!first)
                out_add(out, cap, " ");
            first = false;
            out_result(out, cap, item);
            ft_decref(item);
        }
        ft_xdecref(it);
    } else if (strcmp(kind, "mutiter") == 0) {
        FtObject *s = vars[tok[1][0] - 'a'];
        FtObject *it = s->ob_type->tp_iter(s);
        ft_xdecref(it->ob_type->tp_iternext(it));
        FtObject *key = parse_value(tok[2]);
        if (ft_set_add(s, key) < 0)
            ft_error_clear();
        ft_xdecref(key);
        out_result(out, cap, it->ob_type->tp_iternext(it));
        out_add(out, cap, " ; ");
        out_result(out, cap, it->ob_type->tp_iternext(it));
        ft_decref(it);
    } else {
        snprintf(out, cap, "<unknown statement %s>", kind);
    }
}

TEST(oracle_scripts)
{
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "set_expected/ops.txt");
    FILE *f = fopen(path, "r");
    CHECK(f != NULL);
    char *line = NULL;
    size_t linecap = 0;
    long count = 0, failures = 0, lineno = 0;
    static char out[1 << 16];
    while (getline(&line, &linecap, f) > 0) {
        lineno++;
        if (line[0] == '#')
            continue;
        char *tab = strchr(line, '\t');
        if (tab == NULL)
            continue;
        *tab = '\0';
        char *expected = tab + 1;
        expected[strcspn(expected, "\n")] = '\0';
        char stmt[4096];
        snprintf(stmt, sizeof stmt, "%s", line);
        char *tok[LINE_MAX_TOKENS];
        int ntok = 0;
        for (char *p = strtok(line, " "); p != NULL && ntok < LINE_MAX_TOKENS; p = strtok(NULL, " "))
            tok[ntok++] = p;
        run_statement(tok, ntok, out, sizeof out);
        count++;
        if (strcmp(out, expected) != 0) {
            if (failures++ < 15)
                printf("  line %ld: %s\n    got      %s\n    expected %s\n", lineno, stmt, out,
                       expected);
        }
    }
    free(line);
    fclose(f);
    for (int i = 0; i < VARS; i++)
        set_var((char[]){(char)('a' + i), 0}, NULL);
    printf("  %ld oracle cases, %ld failures\n", count, failures);
    CHECK(count > 1000);
    CHECK_EQ_INT(failures, 0);
}

/* --- C-level behaviour --- */

static FtObject *
int_tuple_ref(int64_t lo, int64_t hi)
{
    FtObject *t = ft_tuple_new_ref(hi - lo);
    for (int64_t k = lo; k < hi; k++)
        ft_tuple_set_item_steal_unlocked(t, k - lo, ft_int_from_int64_ref(k));
    return t;
}

TEST(api_add_discard_contains)
{
    FtObject *s = ft_set_new_ref(NULL);
    CHECK(s != NULL);
    for (int64_t k = 0; k < 1000; k++) {
        FtObject *key = ft_int_from_int64_ref(k);
        CHECK(ft_set_add(s, key) == 0);
        CHECK(ft_set_add(s, key) == 0);
        ft_decref(key);
    }
    CHECK_EQ_INT(ft_set_size(s), 1000);
    FtSetObject *so = (FtSetObject *)s;
    CHECK(so->fill * 5 < so->mask * 3);
    for (int64_t k = 0; k < 1000; k += 2) {
        FtObject *key = ft_int_from_int64_ref(k);
        CHECK_EQ_INT(ft_set_discard(s, key), 1);
        CHECK_EQ_INT(ft_set_discard(s, key), 0);
        ft_decref(key);
    }
    CHECK_EQ_INT(ft_set_size(s), 500);
    for (int64_t k = 0; k < 1000; k++) {
        FtObject *key = ft_int_from_int64_ref(k);
        CHECK_EQ_INT(ft_set_contains(s, key), k % 2);
        ft_decref(key);
    }
    Ft_ssize popped = 0;
    FtObject *key;
    while ((key = ft_set_pop_ref(s)) != NULL) {
        popped++;
        ft_decref(key);
    }
    CHECK(obj_error_is(&ft_exc_key_error, "'pop from an empty set'"));
    CHECK_EQ_INT(popped, 500);
    CHECK(obj_repr_is(s, "set()"));
    ft_decref(s);
}

TEST(unhashable_keys_and_set_keys)
{
    FtObject *s = ft_set_new_ref(NULL);
    FtObject *inner = ft_set_new_ref(NULL);
    FtObject *one = ft_int_from_int64_ref(1);
    CHECK(ft_set_add(inner, one) == 0);
    CHECK(ft_set_add(s, inner) == -1);
    CHECK(obj_error_is(&ft_exc_type_error, "cannot use 'set' as a set element (unhashable type: 'set')"));
    // A set key is looked up as the equal frozenset.
    FtObject *frozen = ft_frozenset_new_ref(inner);
    CHECK(ft_set_add(s, frozen) == 0);
    CHECK_EQ_INT(ft_set_contains(s, inner), 1);
    CHECK_EQ_INT(ft_set_discard(s, inner), 1);
    CHECK_EQ_INT(ft_set_size(s), 0);
    CHECK(ft_frozenset_new_ref(frozen) == frozen);   // frozenset(f) is f
    ft_decref(frozen);
    ft_decref(frozen);
    ft_decref(one);
    ft_decref(inner);
    ft_decref(s);
}

TEST(construction_errors)
{
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *s = ft_set_new_ref(one);
    CHECK(s == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "'int' object is not iterable"));
    FtObject *args[2] = {one, one};
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_set_type, args, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "set expected at most 1 argument, got 2"));
    CHECK(ft_object_vectorcall_ref((FtObject *)&ft_frozenset_type, args, 2, NULL) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "frozenset expected at most 1 argument, got 2"));
    ft_decref(one);
}

TEST(set_is_unhashable)
{
    FtObject *s = ft_set_new_ref(NULL);
    CHECK(ft_object_hash(s) == -1);
    CHECK(obj_error_is(&ft_exc_type_error, "unhashable type: 'set'"));
    ft_decref(s);
}

TEST(frozenset_hash_ignores_history)
{
    // Same contents reached through different insertion orders and deletions: same hash.
    FtObject *t1 = int_tuple_ref(0, 40);
    FtObject *a = ft_set_new_ref(t1);
    FtObject *extra = int_tuple_ref(40, 90);
    CHECK(ft_set_update(a, extra) == 0);
    for (int64_t k = 40; k < 90; k++) {
        FtObject *key = ft_int_from_int64_ref(k);
        CHECK_EQ_INT(ft_set_discard(a, key), 1);
        ft_decref(key);
    }
    FtObject *fa = ft_frozenset_new_ref(a);
    FtObject *fb = ft_frozenset_new_ref(t1);
    CHECK(ft_object_hash(fa) == ft_object_hash(fb));
    CHECK(ft_object_rich_compare_bool(fa, fb, FT_EQ) == 1);
    CHECK(ft_object_rich_compare_bool(a, fb, FT_EQ) == 1);
    ft_decref(fa);
    ft_decref(fb);
    ft_decref(a);
    ft_decref(extra);
    ft_decref(t1);
}

TEST(iterator_detects_size_change)
{
    FtObject *t = int_tuple_ref(0, 5);
    FtObject *s = ft_set_new_ref(t);
    FtObject *it = s->ob_type->tp_iter(s);
    FtObject *item = it->ob_type->tp_iternext(it);
    CHECK(item != NULL);
    ft_decref(item);
    FtObject *key = ft_int_from_int64_ref(1);
    CHECK_EQ_INT(ft_set_discard(s, key), 1);
    ft_decref(key);
    CHECK(it->ob_type->tp_iternext(it) == NULL);
    CHECK(obj_error_is(&ft_exc_runtime_error, "Set changed size during iteration"));
    CHECK(it->ob_type->tp_iternext(it) == NULL);   // sticky
    CHECK(obj_error_is(&ft_exc_runtime_error, "Set changed size during iteration"));
    ft_decref(it);
    ft_decref(s);
    ft_decref(t);
}

// An element whose repr is the repr of recursive_target: a set holding it recurses into itself.
static FtObject *recursive_target;

static FtObject *
reprs_target(FtObject *self)
{
    return ft_object_repr_ref(recursive_target);
}

static Ft_hash
hash_by_address(FtObject *self)
{
    return ft_object_hash_pointer(self);
}

static FtTypeObject reprs_target_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "ReprsTarget",
    .tp_basicsize = sizeof(FtObject),
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = reprs_target,
    .tp_hash = hash_by_address,
};

TEST(repr_recursion_guard)
{
    CHECK(ft_type_ready(&reprs_target_type) == 0);
    FtObject *elem = ft_object_new_of_type(&reprs_target_type, 0);
    CHECK(elem != NULL);
    FtObject *s = ft_set_new_ref(NULL);
    CHECK(ft_set_add(s, elem) == 0);
    recursive_target = s;
    CHECK(obj_repr_is(s, "{set(...)}"));
    FtObject *args = ft_tuple_pack_ref(1, elem);
    FtObject *f = ft_frozenset_new_ref(args);
    recursive_target = f;
    CHECK(obj_repr_is(f, "frozenset({frozenset(...)})"));
    recursive_target = NULL;
    ft_decref(f);
    ft_decref(args);
    ft_decref(s);
    ft_decref(elem);
}

/* --- Two threads on one set --- */

enum { TWO_THREAD_KEYS = 2000 };

// The workers' keys stay alive until the main thread drops them after the join, so no object page
// is emptied and handed back to mimalloc during the run (see test_set_stress.c: that hand-off is not
// annotated for ThreadSanitizer yet).
typedef struct {
    FtObject *set;
    int64_t base;
    pthread_barrier_t *barrier;
    int failures;
    FtObject *keys[TWO_THREAD_KEYS];
} TwoThreadArg;

static void *
two_thread_worker(void *p)
{
    TwoThreadArg *a = p;
    obj_thread_begin();
    pthread_barrier_wait(a->barrier);
    for (int64_t k = 0; k < TWO_THREAD_KEYS; k++) {
        FtObject *key = ft_int_from_int64_ref(a->base + k);
        if (ft_set_add(a->set, key) != 0 || ft_set_contains(a->set, key) != 1)
            a->failures++;
        if (k % 3 == 0 && ft_set_discard(a->set, key) != 1)
            a->failures++;
        a->keys[k] = key;
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(two_threads_add_discard)
{
    FtObject *s = ft_set_new_ref(NULL);
    pthread_barrier_t barrier;
    pthread_barrier_init(&barrier, NULL, 2);
    static TwoThreadArg args[2];
    args[0] = (TwoThreadArg){.set = s, .base = 0, .barrier = &barrier};
    args[1] = (TwoThreadArg){.set = s, .base = 1000000, .barrier = &barrier};
    pthread_t th[2];
    FtThreadState *ts = ft_thread_state_current();
    for (int i = 0; i < 2; i++)
        pthread_create(&th[i], NULL, two_thread_worker, &args[i]);
    ft_thread_detach(ts);   // joining blocks: let a stop-the-world proceed without us
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    ft_thread_attach(ts);
    pthread_barrier_destroy(&barrier);
    for (int i = 0; i < 2; i++)
        for (int k = 0; k < TWO_THREAD_KEYS; k++)
            ft_decref(args[i].keys[k]);
    CHECK_EQ_INT(args[0].failures + args[1].failures, 0);
    int64_t per_thread = TWO_THREAD_KEYS - (TWO_THREAD_KEYS + 2) / 3;
    CHECK_EQ_INT(ft_set_size(s), 2 * per_thread);
    ft_decref(s);
}

int
main(void)
{
    return ft_test_run_all();
}

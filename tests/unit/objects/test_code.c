// tests/unit/objects/test_code.c: code objects (objects/code.c).
//
// Code objects of the oracle are rebuilt field by field with ft_code_new_ref (data written by
// scripts/gen_assemble_expected.py into code_expected.gen.h); their co_* attributes, co_lines(),
// co_positions(), ft_code_line and ft_code_find_handler must say what the oracle's say. Also:
// co_code shows specialized instructions as their base with zeroed caches, the repr, spec errors,
// and readers on several threads at once.
#include <stdlib.h>   // strtol strtoll
#include <string.h>   // strcmp strchr

#include "objects/abstract.h"     // ft_iter_next_ref
#include "objects/bytes.h"        // ft_bytes_*
#include "objects/code.h"         // ft_code_*
#include "objects/float.h"        // ft_float_from_double_ref
#include "objects/int.h"          // ft_int_from_int64_ref
#include "objects/list.h"         // ft_list_*
#include "objects/tuple.h"        // ft_tuple_*
#include "eval/opcode.h"          // FT_OP_*
#include "objects_test_util.h"    // obj_setup obj_repr_is obj_error_is

typedef struct CodeCase {
    const char *name, *qualname;
    int flags, argcount, posonlyargcount, kwonlyargcount, stacksize, firstlineno;
    const char *code_hex, *consts, *names, *localsplus, *kinds_hex, *linetable_hex, *exctable_hex;
    const char *varnames_repr, *cellvars_repr, *freevars_repr;
    int nlocals;
    const char *lines_repr, *positions_repr, *handlers;
    int unit_lines[512];
    int nunits;
} CodeCase;

#include "code_expected.gen.h"

#define NCODES ((int)(sizeof(code_cases) / sizeof(code_cases[0])))

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
    CHECK_EQ_INT(ft_code_init_types(), 0);
}

static int
hex_digit(char c)
{
    return c >= 'a' ? c - 'a' + 10 : c - '0';
}

static FtObject *
bytes_from_hex_ref(const char *hex)
{
    size_t n = strlen(hex) / 2;
    char buf[4096];
    for (size_t i = 0; i < n && i < sizeof buf; i++)
        buf[i] = (char)(hex_digit(hex[2 * i]) * 16 + hex_digit(hex[2 * i + 1]));
    return ft_bytes_from_data_ref(buf, (Ft_ssize)n);
}

// The generator's constants (None, int, str only here) as a tuple.
static FtObject *
tuple_from_encoded_ref(const char *p)
{
    FtObject *items[64] = {NULL};
    int n = 0;
    while (*p && n < 64) {
        char tag = *p++;
        if (tag == 'N') {
            items[n++] = ft_none_ref();
        } else if (tag == 'i') {
            char *end;
            items[n++] = ft_int_from_int64_ref(strtoll(p, &end, 10));
            p = end + 1;
        } else if (tag == 'C') {
            // A nested code object (C<number>,<length>:<hex name>): an empty stub stands for it.
            char *end;
            long line = strtol(p, &end, 10);
            long len = strtol(end + 1, &end, 10);
            p = end + 1 + 2 * len;
            FtObject *name = ft_str_from_ascii_ref("stub");
            FtObject *empty = ft_tuple_new_ref(0);
            FtObject *b = ft_bytes_from_data_ref("", 0);
            static const uint16_t code[1] = {FT_OP_NOP};
            FtCodeSpec spec = {.filename = name, .name = name, .qualname = name,
                               .firstlineno = (int)line, .code = code, .code_units = 1,
                               .consts = empty, .names = empty, .localsplusnames = empty,
                               .localspluskinds = b, .linetable = b, .exceptiontable = b};
            items[n++] = ft_code_new_ref(&spec);
            ft_decref(name);
            ft_decref(empty);
            ft_decref(b);
        } else {
            char *end;
            long len = strtol(p, &end, 10);
            const char *h = end + 1;
            char buf[256];
            for (long i = 0; i < len; i++)
                buf[i] = (char)(hex_digit(h[2 * i]) * 16 + hex_digit(h[2 * i + 1]));
            items[n++] = ft_str_from_utf8_ref(buf, len);
            p = h + 2 * len;
        }
    }
    FtObject *t = ft_tuple_from_array_ref(items, n);
    for (int i = 0; i < n; i++)
        ft_decref(items[i]);
    return t;
}

static FtObject *
build_code_ref(const CodeCase *c)
{
    FtObject *code = bytes_from_hex_ref(c->code_hex);
    FtObject *filename = ft_str_from_ascii_ref("code.py");
    FtObject *name = ft_str_from_cstr_ref(c->name), *qualname = ft_str_from_cstr_ref(c->qualname);
    FtObject *consts = tuple_from_encoded_ref(c->consts);
    FtObject *names = tuple_from_encoded_ref(c->names);
    FtObject *plus = tuple_from_encoded_ref(c->localsplus);
    FtObject *kinds = bytes_from_hex_ref(c->kinds_hex);
    FtObject *lines = bytes_from_hex_ref(c->linetable_hex);
    FtObject *exc = bytes_from_hex_ref(c->exctable_hex);
    FtCodeSpec spec = {
        .filename = filename, .name = name, .qualname = qualname, .flags = c->flags,
        .argcount = c->argcount, .posonlyargcount = c->posonlyargcount,
        .kwonlyargcount = c->kwonlyargcount, .stacksize = c->stacksize,
        .firstlineno = c->firstlineno, .code = (const uint16_t *)ft_bytes_data(code),
        .code_units = ft_bytes_size(code) / 2, .consts = consts, .names = names,
        .localsplusnames = plus, .localspluskinds = kinds, .linetable = lines,
        .exceptiontable = exc,
    };
    FtObject *co = ft_code_new_ref(&spec);
    FtObject *all[] = {code, filename, name, qualname, consts, names, plus, kinds, lines, exc};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++)
        ft_decref(all[i]);
    return co;
}

static int
attr_repr_is(FtObject *op, const char *attr, const char *expected)
{
    FtObject *v = ft_object_get_attr_cstr_ref(op, attr);
    if (v == NULL) {
        printf("  no attribute %s\n", attr);
        ft_error_clear();
        return 0;
    }
    int ok = obj_repr_is(v, expected);
    ft_decref(v);
    return ok;
}

// repr(list(op.method())).
static int
method_list_repr_is(FtObject *op, const char *method, const char *expected)
{
    FtObject *m = ft_object_get_attr_cstr_ref(op, method);
    FtObject *it = m != NULL ? ft_object_vectorcall_ref(m, NULL, 0, NULL) : NULL;
    ft_xdecref(m);
    if (it == NULL) {
        ft_error_clear();
        return 0;
    }
    FtObject *list = ft_list_new_ref(0), *item;
    while (ft_iter_next_ref(it, &item) > 0) {
        ft_list_append(list, item);
        ft_decref(item);
    }
    ft_decref(it);
    int ok = obj_repr_is(list, expected);
    ft_decref(list);
    return ok;
}

static int
int_attr(FtObject *op, const char *attr)
{
    FtObject *v = ft_object_get_attr_cstr_ref(op, attr);
    if (v == NULL) {
        ft_error_clear();
        return -999;
    }
    bool ok = false;
    int64_t x = ft_int_as_int64(v, &ok);
    ft_decref(v);
    return ok ? (int)x : -998;
}

TEST(attributes_match_the_oracle)
{
    for (int k = 0; k < NCODES; k++) {
        const CodeCase *c = code_cases[k];
        FtObject *co = build_code_ref(c);
        CHECK(co != NULL && ft_code_check(co));
        CHECK(attr_repr_is(co, "co_varnames", c->varnames_repr));
        CHECK(attr_repr_is(co, "co_cellvars", c->cellvars_repr));
        CHECK(attr_repr_is(co, "co_freevars", c->freevars_repr));
        CHECK_EQ_INT(int_attr(co, "co_nlocals"), c->nlocals);
        CHECK_EQ_INT(int_attr(co, "co_argcount"), c->argcount);
        CHECK_EQ_INT(int_attr(co, "co_posonlyargcount"), c->posonlyargcount);
        CHECK_EQ_INT(int_attr(co, "co_kwonlyargcount"), c->kwonlyargcount);
        CHECK_EQ_INT(int_attr(co, "co_stacksize"), c->stacksize);
        CHECK_EQ_INT(int_attr(co, "co_flags"), c->flags);
        CHECK_EQ_INT(int_attr(co, "co_firstlineno"), c->firstlineno);
        FtObject *qn = ft_object_get_attr_cstr_ref(co, "co_qualname");
        CHECK(obj_str_is(qn, c->qualname));
        ft_decref(qn);
        FtCodeObject *cp = (FtCodeObject *)co;
        CHECK_EQ_INT(cp->co_framesize, cp->co_nlocalsplus + cp->co_stacksize);
        // _varname_from_oparg (what dis uses): the localsplus names, IndexError past them.
        FtObject *m = ft_object_get_attr_cstr_ref(co, "_varname_from_oparg");
        CHECK(m != NULL);
        for (int i = 0; i <= cp->co_nlocalsplus; i++) {
            FtObject *arg = ft_int_from_int64_ref(i);
            FtObject *name = ft_object_vectorcall_ref(m, &arg, 1, NULL);
            ft_decref(arg);
            if (i < cp->co_nlocalsplus) {
                CHECK(name == ft_tuple_get_item_borrow(cp->co_localsplusnames, i));
                ft_decref(name);
            } else {
                CHECK(name == NULL);
                CHECK(obj_error_is(&ft_exc_index_error, "tuple index out of range"));
            }
        }
        ft_decref(m);
        ft_decref(co);
    }
}

TEST(tables_decode_as_the_oracle)
{
    for (int k = 0; k < NCODES; k++) {
        const CodeCase *c = code_cases[k];
        FtObject *co = build_code_ref(c);
        CHECK(co != NULL);
        CHECK(method_list_repr_is(co, "co_lines", c->lines_repr));
        CHECK(method_list_repr_is(co, "co_positions", c->positions_repr));
        FtCodeObject *cp = (FtCodeObject *)co;
        CHECK_EQ_INT(((FtVarObject *)co)->ob_size, c->nunits);
        for (int u = 0; u < c->nunits; u++)
            CHECK_EQ_INT(ft_code_line(cp, u), c->unit_lines[u]);
        CHECK_EQ_INT(ft_code_line(cp, c->nunits), -1);
        int line, end_line, col, end_col;
        CHECK_EQ_INT(ft_code_positions(cp, -1, &line, &end_line, &col, &end_col), -1);
        // The exception table: exactly the covered units, with the oracle's handler.
        const char *p = c->handlers;
        for (int u = 0; u < c->nunits; u++) {
            long eu = -1, target = 0, depth = 0, lasti = 0;
            if (*p)
                sscanf(p, "%ld,%ld,%ld,%ld;", &eu, &target, &depth, &lasti);
            Ft_ssize h;
            int d;
            bool l;
            int found = ft_code_find_handler(cp, u, &h, &d, &l);
            if (eu == u) {
                CHECK_EQ_INT(found, 1);
                CHECK_EQ_INT(h, target);
                CHECK_EQ_INT(d, depth);
                CHECK_EQ_INT(l, lasti);
                p = strchr(p, ';') + 1;
            } else {
                CHECK_EQ_INT(found, 0);
            }
        }
        ft_decref(co);
    }
}

TEST(co_code_shows_base_opcodes_and_zero_caches)
{
    // BINARY_OP_ADD_INT (a specialization) with a non-zero cache reads back as BINARY_OP 0 + zeros.
    int caches = ft_opcode_cache_size(FT_OP_BINARY_OP);
    uint16_t code[16];
    int n = 0;
    code[n++] = FT_OP_RESUME;
    code[n++] = FT_OP_BINARY_OP_ADD_INT;
    for (int i = 0; i < caches; i++)
        code[n++] = 0xbeef;
    code[n++] = FT_OP_RETURN_VALUE;
    FtObject *s = ft_str_from_ascii_ref("f");
    FtObject *empty = ft_tuple_new_ref(0);
    FtObject *b = ft_bytes_from_data_ref("", 0);
    FtObject *consts = ft_tuple_pack_ref(1, FT_NONE);
    FtCodeSpec spec = {.filename = s, .name = s, .qualname = s, .firstlineno = 7, .code = code,
                       .code_units = n, .consts = consts, .names = empty, .localsplusnames = empty,
                       .localspluskinds = b, .linetable = b, .exceptiontable = b, .stacksize = 2};
    FtObject *co = ft_code_new_ref(&spec);
    CHECK(co != NULL);
    FtObject *bytes = ft_object_get_attr_cstr_ref(co, "co_code");
    CHECK(bytes != NULL && ft_bytes_size(bytes) == 2 * n);
    const unsigned char *d = (const unsigned char *)ft_bytes_data(bytes);
    CHECK_EQ_INT(d[0], FT_OP_RESUME);
    CHECK_EQ_INT(d[2], FT_OP_BINARY_OP);
    for (int i = 0; i < caches; i++)
        CHECK(d[4 + 2 * i] == 0 && d[5 + 2 * i] == 0);
    CHECK_EQ_INT(d[2 * (n - 1)], FT_OP_RETURN_VALUE);
    ft_decref(bytes);
    // repr: <code object f at 0x..., file "f", line 7>
    FtObject *r = ft_object_repr_ref(co);
    const char *text = ft_str_as_utf8(r, NULL);
    CHECK(strncmp(text, "<code object f at 0x", 20) == 0);
    CHECK(strcmp(strchr(text, ','), ", file \"f\", line 7>") == 0);
    ft_decref(r);
    // No location table: every unit has no line.
    CHECK_EQ_INT(ft_code_line((FtCodeObject *)co, 1), -1);
    ft_decref(co);
    ft_decref(s);
    ft_decref(empty);
    ft_decref(b);
    ft_decref(consts);
}

TEST(bad_specs_raise)
{
    FtObject *s = ft_str_from_ascii_ref("f");
    FtObject *empty = ft_tuple_new_ref(0);
    FtObject *b = ft_bytes_from_data_ref("", 0);
    FtObject *one = ft_tuple_pack_ref(1, s);
    static const uint16_t code[1] = {FT_OP_NOP};
    FtCodeSpec spec = {.filename = s, .name = s, .qualname = s, .firstlineno = 1, .code = code,
                       .code_units = 1, .consts = empty, .names = empty, .localsplusnames = empty,
                       .localspluskinds = b, .linetable = b, .exceptiontable = b};
    FtCodeSpec bad = spec;
    bad.names = b;   // not a tuple
    CHECK(ft_code_new_ref(&bad) == NULL);
    CHECK(obj_error_is(&ft_exc_type_error, "code: bad argument types"));
    bad = spec;
    bad.localsplusnames = one;   // one name, no kind
    CHECK(ft_code_new_ref(&bad) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error,
                       "code: localsplusnames and localspluskinds differ in length"));
    bad = spec;
    bad.argcount = 1;   // a parameter without a local
    CHECK(ft_code_new_ref(&bad) == NULL);
    CHECK(obj_error_is(&ft_exc_value_error, "code: co_varnames is too small"));
    ft_decref(s);
    ft_decref(empty);
    ft_decref(b);
    ft_decref(one);
}

TEST(equal_code_objects_compare_and_hash_equal)
{
    FtObject *a = build_code_ref(code_cases[0]), *b = build_code_ref(code_cases[0]);
    FtObject *c = build_code_ref(code_cases[1]);
    CHECK(a != NULL && b != NULL && c != NULL && a != b);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b, FT_EQ), 1);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, b, FT_NE), 0);
    CHECK_EQ_INT(ft_object_rich_compare_bool(a, c, FT_EQ), 0);
    CHECK(ft_object_hash(a) == ft_object_hash(b) && ft_object_hash(a) != -1);
    // A code object is a constant keyed by itself, so equal ones share a slot.
    FtObject *ka = ft_code_constant_key_ref(a), *kb = ft_code_constant_key_ref(b);
    CHECK(ka == a && kb == b);
    CHECK_EQ_INT(ft_object_rich_compare_bool(ka, kb, FT_EQ), 1);
    ft_decref(ka);
    ft_decref(kb);
    // Keys keep 1, 1.0, True and 0.0 / -0.0 apart.
    FtObject *one = ft_int_from_int64_ref(1), *onef = ft_float_from_double_ref(1.0);
    FtObject *zero = ft_float_from_double_ref(0.0), *nzero = ft_float_from_double_ref(-0.0);
    FtObject *keys[5] = {ft_code_constant_key_ref(one), ft_code_constant_key_ref(onef),
                         ft_code_constant_key_ref(FT_TRUE), ft_code_constant_key_ref(zero),
                         ft_code_constant_key_ref(nzero)};
    for (int i = 0; i < 5; i++)
        for (int j = 0; j < 5; j++)
            CHECK_EQ_INT(ft_object_rich_compare_bool(keys[i], keys[j], FT_EQ), i == j);
    for (int i = 0; i < 5; i++)
        ft_decref(keys[i]);
    ft_decref(one);
    ft_decref(onef);
    ft_decref(zero);
    ft_decref(nzero);
    ft_decref(a);
    ft_decref(b);
    ft_decref(c);
}

static FtObject *shared_code;   // read-only for the readers below

static void *
reader_thread(void *arg)
{
    int *bad = arg;
    obj_thread_begin();
    const CodeCase *c = code_cases[0];
    for (int round = 0; round < 200; round++) {
        for (int u = 0; u < c->nunits; u++)
            if (ft_code_line((FtCodeObject *)shared_code, u) != c->unit_lines[u])
                (*bad)++;
        FtObject *bytes = ft_object_get_attr_cstr_ref(shared_code, "co_code");
        if (bytes == NULL || ft_bytes_size(bytes) != 2 * c->nunits)
            (*bad)++;
        ft_xdecref(bytes);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(readers_on_several_threads)
{
    shared_code = build_code_ref(code_cases[0]);
    CHECK(shared_code != NULL);
    pthread_t th[3];
    int bad[3] = {0, 0, 0};
    FtThreadState *self = ft_thread_state_current();
    ft_thread_detach(self);
    for (int i = 0; i < 3; i++)
        pthread_create(&th[i], NULL, reader_thread, &bad[i]);
    for (int i = 0; i < 3; i++)
        pthread_join(th[i], NULL);
    ft_thread_attach(self);
    CHECK_EQ_INT(bad[0] + bad[1] + bad[2], 0);
    ft_decref(shared_code);
}

int
main(void)
{
    return ft_test_run_all();
}

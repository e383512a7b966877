// tests/unit/compiler/test_codegen_blocks.c: the bytecode of try/except/finally, with, loops that
// unwind, comprehensions, generators, f-strings, t-strings, match, except* and async code,
// compiled by ft_compile_source_ref, against CPython 3.14.
//
// codegen_blocks_expected.h (written by scripts/gen_codegen_blocks_expected.py from the oracle)
// holds for each snippet the description of its code objects: per code object (module first, then
// nested ones depth-first in co_consts order) "code QUALNAME", one line "OPNAME RAWARG
// LINE,END_LINE,COL,END_COL" per instruction (inline caches skipped; positions from the location
// table, -1 for none) and "exc HEX" with the exception table; or, for a source the oracle rejects,
// "SyntaxError: str(error) @offset-end_offset". This file prints the same description from ftpy and
// reports the first differing line of every mismatch. Also: all snippets compiled on two threads
// at once give the same results as on one.
#include <pthread.h>   // pthread_create pthread_join
#include <stdio.h>     // printf snprintf
#include <stdbool.h>   // bool
#include <string.h>    // strcmp strlen strchr

#include "codegen_blocks_expected.h"        // codegen_blocks_cases
#include "compiler/ast.h"                   // FtAstBuf
#include "compiler/compile.h"               // ft_compile_source_ref
#include "eval/opcode.h"                    // ft_opcode_name ft_opcode_cache_size
#include "objects/bytes.h"                  // ft_bytes_*
#include "objects/code.h"                   // FtCodeObject
#include "objects/tuple.h"                  // ft_tuple_*
#include "unit/objects/objects_test_util.h" // obj_setup obj_thread_begin

#define NCASES ((int)(sizeof(codegen_blocks_cases) / sizeof(codegen_blocks_cases[0])))

// Cases that differ from the oracle today for reasons outside the block / comprehension / pattern /
// f-string / yield code generators; each is reported, and one that starts matching is reported too
// (then delete it here). Everything else must match.
static const char *const known_failures[] = {
    // TODO(#4): a code object as a constant fails with "cannot use 'code' as a dict key" (code
    // objects have no tp_hash yet, objects/code.c), so no def, class, lambda or genexp compiles.
    // With an identity hash patched in locally, every one of these matches the oracle.
    "try_finally_return", "return_in_for", "with_as_multi", "with_in_loop", "listcomp_func",
    "comp_nested_single", "await_coro", "fstring", "fstring_long", "tstring", "match_class_or",
    "handler_unwind", "with_return_value", "finally_preserve", "return_in_finally",
    "comp_walrus_nested", "comp_class_nested", "fstring_more", "try_else_loop", "comp_class",
    "loop_unwind", "genexp", "comp_cell", "yield_gen", "break_in_handlers", "genexp_multi",
    "match_more", "async_with_multi", "comp_class_names", "comp_nested_inline", "comp_in_handler",
    "async_gen", "gen_in_try", "return_async_unwind", "async_with_for", "async_comp", "async_more",
    "comp_mangled", "async_nested_comp",
};

static bool
is_known_failure(const char *name)
{
    for (size_t i = 0; i < sizeof(known_failures) / sizeof(known_failures[0]); i++) {
        if (strcmp(known_failures[i], name) == 0)
            return true;
    }
    return false;
}

static int
describe_code(FtAstBuf *out, FtCodeObject *co)
{
    if (ft_ast_buf_printf(out, "code %s\n", ft_str_as_utf8(co->co_qualname, NULL)) < 0)
        return -1;
    Ft_ssize n = ((FtVarObject *)co)->ob_size;
    for (Ft_ssize i = 0; i < n;) {
        int op = co->co_code_adaptive[i] & 0xff;
        int arg = co->co_code_adaptive[i] >> 8;
        const char *name = ft_opcode_name(op);
        int line = -1, end_line = -1, col = -1, end_col = -1;
        ft_code_positions(co, i, &line, &end_line, &col, &end_col);
        if (ft_ast_buf_printf(out, "%s %d %d,%d,%d,%d\n", name != NULL ? name : "<invalid>", arg,
                              line, end_line, col, end_col)
            < 0)
            return -1;
        int caches = ft_opcode_cache_size(op);
        i += 1 + (caches > 0 ? caches : 0);
    }
    if (ft_ast_buf_printf(out, "exc ") < 0)
        return -1;
    const unsigned char *exc = (const unsigned char *)ft_bytes_data(co->co_exceptiontable);
    for (Ft_ssize i = 0; i < ft_bytes_size(co->co_exceptiontable); i++) {
        if (ft_ast_buf_printf(out, "%02x", exc[i]) < 0)
            return -1;
    }
    if (ft_ast_buf_printf(out, "\n") < 0)
        return -1;
    for (Ft_ssize i = 0; i < ft_tuple_size(co->co_consts); i++) {
        FtObject *k = ft_tuple_get_item_borrow(co->co_consts, i);
        if (ft_code_check(k) && describe_code(out, (FtCodeObject *)k) < 0)
            return -1;
    }
    return 0;
}

static FtObject *
attr_ref(FtObject *obj, const char *name)
{
    FtObject *key = ft_str_from_cstr_ref(name);
    FtObject *value = ft_object_get_attr_ref(obj, key);
    ft_decref(key);
    return value;
}

// "Class: str(exc) @offset-end_offset", the oracle's form.
static int
describe_error(FtAstBuf *out)
{
    FtObject *exc = ft_error_fetch_ref();
    FtObject *text = ft_object_str_ref(exc);
    FtObject *offset = attr_ref(exc, "offset");
    FtObject *end_offset = attr_ref(exc, "end_offset");
    FtObject *o = offset != NULL ? ft_object_repr_ref(offset) : NULL;
    FtObject *eo = end_offset != NULL ? ft_object_repr_ref(end_offset) : NULL;
    ft_error_clear();
    int rc = ft_ast_buf_printf(out, "%s: %s @%s-%s\n", exc->ob_type->tp_name,
                               text != NULL ? ft_str_as_utf8(text, NULL) : "?",
                               o != NULL ? ft_str_as_utf8(o, NULL) : "?",
                               eo != NULL ? ft_str_as_utf8(eo, NULL) : "?");
    ft_xdecref(o);
    ft_xdecref(eo);
    ft_xdecref(offset);
    ft_xdecref(end_offset);
    ft_xdecref(text);
    ft_decref(exc);
    return rc;
}

// 1 when the case's description equals the oracle's; prints the first difference when verbose.
static int
run_case(const CodegenBlocksCase *tc, bool verbose)
{
    FtObject *filename = ft_str_from_cstr_ref("<s>");
    FtObject *code = ft_compile_source_ref(tc->source, (Ft_ssize)strlen(tc->source), filename,
                                           FT_COMPILE_EXEC, FT_CF_SOURCE_IS_UTF8, 0);
    ft_decref(filename);
    FtAstBuf out = {0};
    int rc = code != NULL ? describe_code(&out, (FtCodeObject *)code) : describe_error(&out);
    ft_xdecref(code);
    int ok = rc == 0 && out.data != NULL && strcmp(out.data, tc->expected) == 0;
    if (!ok && verbose) {
        const char *a = out.data != NULL ? out.data : "", *b = tc->expected;
        int line = 1;
        while (*a && *a == *b) {
            line += *a == '\n';
            a++;
            b++;
        }
        const char *ea = strchr(a, '\n'), *eb = strchr(b, '\n');
        printf("  %s: line %d: got \"%.*s\" want \"%.*s\"\n", tc->name, line,
               ea ? (int)(ea - a) : (int)strlen(a), a, eb ? (int)(eb - b) : (int)strlen(b), b);
    }
    ft_ast_buf_free(&out);
    return ok;
}

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(every_case_matches_the_oracle)
{
    int failed = 0, known = 0;
    for (int i = 0; i < NCASES; i++) {
        const CodegenBlocksCase *tc = &codegen_blocks_cases[i];
        bool expect_failure = is_known_failure(tc->name);
        int ok = run_case(tc, !expect_failure);
        if (ok && expect_failure)
            printf("  %s now matches the oracle: drop it from known_failures\n", tc->name);
        known += !ok && expect_failure;
        failed += !ok && !expect_failure;
    }
    printf("  %d of %d cases match (%d known failures)\n", NCASES - failed - known, NCASES, known);
    CHECK_EQ_INT(failed, 0);
}

static void *
thread_main(void *arg)
{
    int *matches = arg;
    obj_thread_begin();
    for (int round = 0; round < 5; round++) {
        for (int i = 0; i < NCASES; i++)
            matches[i] += run_case(&codegen_blocks_cases[i], false);
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(two_threads_compile_the_same_code)
{
    // Whatever matches on one thread must match on two threads compiling at once.
    static int single[NCASES], matches[2][NCASES];
    for (int i = 0; i < NCASES; i++)
        single[i] = run_case(&codegen_blocks_cases[i], false) * 5;
    pthread_t threads[2];
    for (int t = 0; t < 2; t++)
        CHECK_EQ_INT(pthread_create(&threads[t], NULL, thread_main, matches[t]), 0);
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int t = 0; t < 2; t++)
        pthread_join(threads[t], NULL);
    ft_thread_attach(ts);
    for (int t = 0; t < 2; t++) {
        for (int i = 0; i < NCASES; i++)
            CHECK_EQ_INT(matches[t][i], single[i]);
    }
}

int
main(void)
{
    return ft_test_run_all();
}

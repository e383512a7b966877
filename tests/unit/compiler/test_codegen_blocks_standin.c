// tests/unit/compiler/test_codegen_blocks_standin.c: the block / comprehension / pattern /
// f-string / yield code generators (compiler/codegen_block.c, codegen_comprehension.c,
// codegen_pattern.c, codegen_fstring.c, codegen_yield.c) on their own, through stand-ins for the
// core code generator's helpers defined in this file (the linker then never pulls
// compiler/codegen.o). It shows these files are right independently of the rest of the pipeline;
// test_codegen_blocks.c checks the whole pipeline's bytecode against the oracle.
//
// For every snippet of codegen_blocks_expected.h (written from CPython 3.14 by
// scripts/gen_codegen_blocks_expected.py): a snippet the oracle rejects must fail with the
// oracle's SyntaxError message, line and offsets; any other must compile, leave no frame block
// open, resolve every label, and leave the symbol table exactly as it was (inlined comprehensions
// edit scopes temporarily). The same runs on two threads at once. Also: the 22nd nested block is
// "too many statically nested blocks".
#include <pthread.h>   // pthread_create pthread_join
#include <stdarg.h>    // va_list
#include <stdio.h>     // snprintf printf
#include <stdlib.h>    // calloc free strtoll
#include <string.h>    // strcmp strlen strstr

#include "codegen_blocks_expected.h"          // codegen_blocks_cases
#include "compiler/arena.h"                   // ft_arena_*
#include "compiler/codegen_internal.h"        // FtCompiler ft_cg_*
#include "compiler/parser.h"                  // ft_parse_string
#include "compiler/symtable.h"                // ft_symtable_*
#include "eval/generated/opcode_ids.gen.h"    // FT_OP_*
#include "objects/complex.h"                  // ft_complex_from_doubles_ref
#include "objects/dict.h"                     // ft_dict_*
#include "objects/float.h"                    // ft_float_from_double_ref
#include "objects/int.h"                      // ft_int_from_int64_ref
#include "objects/str.h"                      // ft_str_*
#include "unit/objects/objects_test_util.h"   // obj_setup obj_thread_begin

#define NCASES ((int)(sizeof(codegen_blocks_cases) / sizeof(codegen_blocks_cases[0])))

// The stand-ins' view of an error: the message and location ft_cg_error() was given.
typedef struct StandinError {
    char msg[256];
    FtLocation loc;
    bool set;
} StandinError;

// Per thread: the error of the compilation running on it (tests only).
static _Thread_local StandinError standin_error;

// Stand-ins for the core code generator (only what the files under test call).

FtLocation
ft_cg_loc_expr(const FtAstExpr *e)
{
    return (FtLocation){e->lineno, e->end_lineno, e->col_offset, e->end_col_offset};
}

FtLocation
ft_cg_loc_stmt(const FtAstStmt *s)
{
    return (FtLocation){s->lineno, s->end_lineno, s->col_offset, s->end_col_offset};
}

int
ft_cg_addop(FtCompiler *c, FtLocation loc, int opcode)
{
    return ft_instr_sequence_add(&c->u->seq, opcode, 0, loc) < 0 ? -1 : 0;
}

int
ft_cg_addop_i(FtCompiler *c, FtLocation loc, int opcode, int oparg)
{
    return ft_instr_sequence_add(&c->u->seq, opcode, oparg, loc) < 0 ? -1 : 0;
}

int
ft_cg_addop_jump(FtCompiler *c, FtLocation loc, int opcode, FtLabel target)
{
    if (target.id < 0) {
        ft_error_set_string(&ft_exc_system_error, "jump to no label");
        return -1;
    }
    return ft_cg_addop_i(c, loc, opcode, target.id);
}

FtLabel
ft_cg_new_label(FtCompiler *c)
{
    return ft_instr_sequence_new_label(&c->u->seq);
}

int
ft_cg_use_label(FtCompiler *c, FtLabel label)
{
    return ft_instr_sequence_use_label(&c->u->seq, label);
}

static int
dict_index(FtObject *dict, const char *name)
{
    FtObject *key = ft_str_from_cstr_ref(name);
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(dict, key, &value);
    int index = (int)ft_dict_size(dict);
    if (found > 0) {
        bool ok;
        index = (int)ft_int_as_int64(value, &ok);
        ft_decref(value);
    }
    else {
        FtObject *n = ft_int_from_int64_ref(index);
        ft_dict_set_item(dict, key, n);
        ft_decref(n);
    }
    ft_decref(key);
    return index;
}

int
ft_cg_addop_load_const(FtCompiler *c, FtLocation loc, FtObject *value)
{
    (void)value;
    return ft_cg_addop_i(c, loc, FT_OP_LOAD_CONST, 0);
}

int
ft_cg_addop_load_none(FtCompiler *c, FtLocation loc)
{
    return ft_cg_addop_load_const(c, loc, FT_NONE);
}

int
ft_cg_const_index(FtCompiler *c, FtObject *value)
{
    (void)c;
    (void)value;
    return 0;
}

int
ft_cg_name_index(FtCompiler *c, const char *name)
{
    return dict_index(c->u->metadata.names, name);
}

int
ft_cg_nameop(FtCompiler *c, FtLocation loc, const char *name, int ctx)
{
    int op = ctx == FT_AST_EXPR_CONTEXT_STORE ? FT_OP_STORE_NAME
             : ctx == FT_AST_EXPR_CONTEXT_DEL ? FT_OP_DELETE_NAME
                                              : FT_OP_LOAD_NAME;
    return ft_cg_addop_i(c, loc, op, ft_cg_name_index(c, name));
}

int
ft_cg_error(FtCompiler *c, FtLocation loc, const char *fmt, ...)
{
    (void)c;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(standin_error.msg, sizeof standin_error.msg, fmt, ap);
    va_end(ap);
    standin_error.loc = loc;
    standin_error.set = true;
    ft_error_set_string(&ft_exc_syntax_error, standin_error.msg);
    return -1;
}

FtObject *
ft_cg_constant_ref(FtCompiler *c, const FtAstConstant *value)
{
    (void)c;
    switch (value->kind) {
    case FT_AST_CONST_INT:
        return ft_int_from_int64_ref(strtoll(value->data, NULL, 10));
    case FT_AST_CONST_STR:
        return ft_str_from_utf8_ref(value->data, (Ft_ssize)value->len);
    case FT_AST_CONST_FLOAT:
        return ft_float_from_double_ref(value->number);
    case FT_AST_CONST_COMPLEX:
        return ft_complex_from_doubles_ref(0.0, value->number);
    case FT_AST_CONST_TRUE:
        return ft_new_ref(FT_TRUE);
    case FT_AST_CONST_FALSE:
        return ft_new_ref(FT_FALSE);
    default:
        return ft_none_ref();
    }
}

static FtCgUnit *
unit_new(FtCompiler *c, const void *key)
{
    FtCgUnit *u = calloc(1, sizeof *u);
    if (u == NULL)
        ft_fatal("out of memory");
    u->ste = key != NULL ? ft_symtable_lookup(c->st, key) : c->st->top;
    if (u->ste == NULL)
        ft_fatal("stand-in: no symbol table entry");
    ft_instr_sequence_init(&u->seq);
    u->metadata.names = ft_dict_new_ref();
    u->metadata.varnames = ft_dict_new_ref();
    u->metadata.cellvars = ft_dict_new_ref();
    u->metadata.freevars = ft_dict_new_ref();
    u->metadata.fasthidden = ft_dict_new_ref();
    u->parent = c->u;
    c->u = u;
    c->nesting++;
    return u;
}

// Per thread: units freed with a frame block still open or an inlined comprehension unfinished.
static _Thread_local int unbalanced_units;

static void
unit_free(FtCompiler *c)
{
    FtCgUnit *u = c->u;
    if (u->nfblocks != 0 || u->in_inlined_comp != 0)
        unbalanced_units++;
    ft_decref(u->metadata.names);
    ft_decref(u->metadata.varnames);
    ft_decref(u->metadata.cellvars);
    ft_decref(u->metadata.freevars);
    ft_xdecref(u->metadata.fasthidden);
    ft_instr_sequence_fini(&u->seq);
    c->u = u->parent;
    c->nesting--;
    free(u);
}

int
ft_cg_enter_scope(FtCompiler *c, const char *name, FtCgScope scope, const void *key, int lineno,
                  FtObject *private_name, const FtCodeUnitMetadata *umd)
{
    (void)name;
    (void)lineno;
    (void)private_name;
    (void)umd;
    FtCgUnit *u = unit_new(c, key);
    u->scope = scope;
    return ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RESUME, 0);
}

void
ft_cg_exit_scope(FtCompiler *c)
{
    unit_free(c);
}

FtObject *
ft_cg_optimize_and_assemble(FtCompiler *c, bool add_none)
{
    if (add_none && ft_cg_addop_load_none(c, FT_NO_LOCATION) < 0)
        return NULL;
    if (ft_cg_addop(c, FT_NO_LOCATION, FT_OP_RETURN_VALUE) < 0)
        return NULL;
    if (ft_instr_sequence_apply_labels(&c->u->seq) < 0)
        return NULL;
    return ft_none_ref();
}

int
ft_cg_make_closure(FtCompiler *c, FtLocation loc, FtObject *code, int flags)
{
    (void)flags;
    if (ft_cg_addop_load_const(c, loc, code) < 0)
        return -1;
    return ft_cg_addop(c, loc, FT_OP_MAKE_FUNCTION);
}

static int
visit_seq(FtCompiler *c, const FtAstSeq *seq)
{
    for (ptrdiff_t i = 0; seq != NULL && i < seq->size; i++) {
        if (seq->items[i] != NULL && ft_cg_visit_expr(c, seq->items[i]) < 0)
            return -1;
    }
    return 0;
}

int
ft_cg_visit_expr(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    switch (e->kind) {
    case FT_AST_EXPR_NAME:
        return ft_cg_nameop(c, loc, e->v.name.id, (int)e->v.name.ctx);
    case FT_AST_EXPR_CONSTANT:
        return ft_cg_addop_i(c, loc, FT_OP_LOAD_CONST, 0);
    case FT_AST_EXPR_ATTRIBUTE:
        if (ft_cg_visit_expr(c, e->v.attribute.value) < 0)
            return -1;
        return ft_cg_addop_i(c, loc, FT_OP_LOAD_ATTR,
                             ft_cg_name_index(c, e->v.attribute.attr) << 1);
    case FT_AST_EXPR_CALL:
        if (ft_cg_visit_expr(c, e->v.call.func) < 0 || ft_cg_addop(c, loc, FT_OP_PUSH_NULL) < 0
            || visit_seq(c, e->v.call.args) < 0)
            return -1;
        for (ptrdiff_t i = 0; e->v.call.keywords != NULL && i < e->v.call.keywords->size; i++) {
            const FtAstKeyword *kw = e->v.call.keywords->items[i];
            if (ft_cg_visit_expr(c, kw->value) < 0)
                return -1;
        }
        return ft_cg_addop_i(c, loc, FT_OP_CALL, 0);
    case FT_AST_EXPR_BIN_OP:
        if (ft_cg_visit_expr(c, e->v.bin_op.left) < 0 || ft_cg_visit_expr(c, e->v.bin_op.right) < 0)
            return -1;
        return ft_cg_addop_i(c, loc, FT_OP_BINARY_OP, 0);
    case FT_AST_EXPR_COMPARE:
        if (ft_cg_visit_expr(c, e->v.compare.left) < 0
            || visit_seq(c, e->v.compare.comparators) < 0)
            return -1;
        return ft_cg_addop_i(c, loc, FT_OP_COMPARE_OP, 0);
    case FT_AST_EXPR_TUPLE:
    case FT_AST_EXPR_LIST: {
        const FtAstSeq *elts = e->kind == FT_AST_EXPR_TUPLE ? e->v.tuple.elts : e->v.list.elts;
        int ctx = e->kind == FT_AST_EXPR_TUPLE ? (int)e->v.tuple.ctx : (int)e->v.list.ctx;
        if (ctx == FT_AST_EXPR_CONTEXT_STORE) {
            if (ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, (int)elts->size) < 0)
                return -1;
            return visit_seq(c, elts);
        }
        if (visit_seq(c, elts) < 0)
            return -1;
        return ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, (int)elts->size);
    }
    case FT_AST_EXPR_NAMED_EXPR:
        if (ft_cg_visit_expr(c, e->v.named_expr.value) < 0
            || ft_cg_addop_i(c, loc, FT_OP_COPY, 1) < 0)
            return -1;
        return ft_cg_visit_expr(c, e->v.named_expr.target);
    case FT_AST_EXPR_UNARY_OP:
        if (ft_cg_visit_expr(c, e->v.unary_op.operand) < 0)
            return -1;
        return ft_cg_addop(c, loc, FT_OP_UNARY_NEGATIVE);
    case FT_AST_EXPR_LAMBDA:
        return ft_cg_addop_load_none(c, loc);
    case FT_AST_EXPR_LIST_COMP:
    case FT_AST_EXPR_SET_COMP:
    case FT_AST_EXPR_DICT_COMP:
    case FT_AST_EXPR_GENERATOR_EXP:
        return ft_cg_comprehension(c, e);
    case FT_AST_EXPR_JOINED_STR:
        return ft_cg_joined_str(c, e);
    case FT_AST_EXPR_FORMATTED_VALUE:
        return ft_cg_formatted_value(c, e);
    case FT_AST_EXPR_TEMPLATE_STR:
        return ft_cg_template_str(c, e);
    case FT_AST_EXPR_INTERPOLATION:
        return ft_cg_interpolation(c, e);
    case FT_AST_EXPR_YIELD:
        return ft_cg_yield(c, e);
    case FT_AST_EXPR_YIELD_FROM:
        return ft_cg_yield_from(c, e);
    case FT_AST_EXPR_AWAIT:
        return ft_cg_await(c, e);
    default:
        ft_error_format(&ft_exc_system_error, "stand-in: expression kind %d", (int)e->kind);
        return -1;
    }
}

int
ft_cg_jump_if(FtCompiler *c, FtLocation loc, const FtAstExpr *e, FtLabel target, bool cond)
{
    if (ft_cg_visit_expr(c, e) < 0 || ft_cg_addop(c, loc, FT_OP_TO_BOOL) < 0)
        return -1;
    int op = cond ? FT_OP_POP_JUMP_IF_TRUE : FT_OP_POP_JUMP_IF_FALSE;
    return ft_cg_addop_jump(c, loc, op, target);
}

static int
standin_loop(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    bool is_for = s->kind == FT_AST_STMT_FOR;
    FtLabel start = ft_cg_new_label(c), end = ft_cg_new_label(c), cleanup = ft_cg_new_label(c);
    if (is_for) {
        if (ft_cg_visit_expr(c, s->v.for_.iter) < 0 || ft_cg_addop(c, loc, FT_OP_GET_ITER) < 0)
            return -1;
    }
    if (ft_cg_push_fblock(c, loc, is_for ? FT_CG_FBLOCK_FOR_LOOP : FT_CG_FBLOCK_WHILE_LOOP, start,
                          end, NULL) < 0
        || ft_cg_use_label(c, start) < 0)
        return -1;
    if (is_for) {
        if (ft_cg_addop_jump(c, loc, FT_OP_FOR_ITER, cleanup) < 0
            || ft_cg_visit_expr(c, s->v.for_.target) < 0)
            return -1;
    }
    else if (ft_cg_jump_if(c, loc, s->v.while_.test, cleanup, false) < 0) {
        return -1;
    }
    if (ft_cg_visit_body(c, is_for ? s->v.for_.body : s->v.while_.body) < 0
        || ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP, start) < 0
        || ft_cg_use_label(c, cleanup) < 0)
        return -1;
    if (is_for && (ft_cg_addop(c, FT_NO_LOCATION, FT_OP_END_FOR) < 0
                   || ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_ITER) < 0))
        return -1;
    ft_cg_pop_fblock(c, is_for ? FT_CG_FBLOCK_FOR_LOOP : FT_CG_FBLOCK_WHILE_LOOP, start);
    return ft_cg_use_label(c, end);
}

static int
standin_jump_out(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    FtLocation origin = loc;
    FtCgFBlock *loop = NULL;
    if (s->kind == FT_AST_STMT_RETURN) {
        bool preserve = s->v.return_.value != NULL;
        if (preserve && ft_cg_visit_expr(c, s->v.return_.value) < 0)
            return -1;
        if (ft_cg_unwind_fblock_stack(c, &loc, preserve, NULL) < 0)
            return -1;
        if (!preserve && ft_cg_addop_load_none(c, loc) < 0)
            return -1;
        return ft_cg_addop(c, loc, FT_OP_RETURN_VALUE);
    }
    if (ft_cg_unwind_fblock_stack(c, &loc, false, &loop) < 0)
        return -1;
    if (loop == NULL)
        return ft_cg_error(c, origin, "'break' outside loop");
    if (s->kind == FT_AST_STMT_BREAK) {
        if (ft_cg_unwind_fblock(c, &loc, loop, false) < 0)
            return -1;
        return ft_cg_addop_jump(c, loc, FT_OP_JUMP, loop->exit);
    }
    return ft_cg_addop_jump(c, loc, FT_OP_JUMP, loop->block);
}

static int
standin_def(FtCompiler *c, const FtAstStmt *s)
{
    const FtAstSeq *body = s->kind == FT_AST_STMT_FUNCTION_DEF ? s->v.function_def.body
                           : s->kind == FT_AST_STMT_ASYNC_FUNCTION_DEF
                               ? s->v.async_function_def.body
                               : s->v.class_def.body;
    FtCgScope scope = s->kind == FT_AST_STMT_FUNCTION_DEF         ? FT_CG_SCOPE_FUNCTION
                      : s->kind == FT_AST_STMT_ASYNC_FUNCTION_DEF ? FT_CG_SCOPE_ASYNC_FUNCTION
                                                                  : FT_CG_SCOPE_CLASS;
    if (ft_cg_enter_scope(c, "f", scope, s, s->lineno, NULL, NULL) < 0)
        return -1;
    if (ft_cg_visit_body(c, body) < 0) {
        ft_cg_exit_scope(c);
        return -1;
    }
    FtObject *code = ft_cg_optimize_and_assemble(c, true);
    ft_cg_exit_scope(c);
    if (code == NULL)
        return -1;
    int rc = ft_cg_make_closure(c, ft_cg_loc_stmt(s), code, 0);
    ft_decref(code);
    return rc;
}

static int
standin_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    switch (s->kind) {
    case FT_AST_STMT_EXPR:
        if (ft_cg_visit_expr(c, s->v.expr.value) < 0)
            return -1;
        return ft_cg_addop(c, loc, FT_OP_POP_TOP);
    case FT_AST_STMT_PASS:
        return ft_cg_addop(c, loc, FT_OP_NOP);
    case FT_AST_STMT_ASSIGN:
        if (ft_cg_visit_expr(c, s->v.assign.value) < 0)
            return -1;
        return visit_seq(c, s->v.assign.targets);
    case FT_AST_STMT_DELETE:
        return visit_seq(c, s->v.delete.targets);
    case FT_AST_STMT_IF: {
        FtLabel end = ft_cg_new_label(c);
        if (ft_cg_jump_if(c, loc, s->v.if_.test, end, false) < 0
            || ft_cg_visit_body(c, s->v.if_.body) < 0)
            return -1;
        return ft_cg_use_label(c, end);
    }
    case FT_AST_STMT_FOR:
    case FT_AST_STMT_WHILE:
        return standin_loop(c, s);
    case FT_AST_STMT_BREAK:
    case FT_AST_STMT_CONTINUE:
    case FT_AST_STMT_RETURN:
        return standin_jump_out(c, s);
    case FT_AST_STMT_FUNCTION_DEF:
    case FT_AST_STMT_ASYNC_FUNCTION_DEF:
    case FT_AST_STMT_CLASS_DEF:
        return standin_def(c, s);
    case FT_AST_STMT_TRY:
        return ft_cg_try(c, s);
    case FT_AST_STMT_TRY_STAR:
        return ft_cg_try_star(c, s);
    case FT_AST_STMT_WITH:
        return ft_cg_with(c, s, 0);
    case FT_AST_STMT_ASYNC_WITH:
        return ft_cg_async_with(c, s, 0);
    case FT_AST_STMT_ASYNC_FOR:
        return ft_cg_async_for(c, s);
    case FT_AST_STMT_MATCH:
        return ft_cg_match(c, s);
    default:
        ft_error_format(&ft_exc_system_error, "stand-in: statement kind %d", (int)s->kind);
        return -1;
    }
}

int
ft_cg_visit_body(FtCompiler *c, const FtAstSeq *stmts)
{
    for (ptrdiff_t i = 0; stmts != NULL && i < stmts->size; i++) {
        if (standin_stmt(c, stmts->items[i]) < 0)
            return -1;
    }
    return 0;
}

// Compiles one case's module body. Returns 0, or -1 with standin_error / the exception set.
// Fills *dump_before / *dump_after with the symbol table's dump around the compilation.
static int
compile_case(const CodegenBlocksCase *tc, FtAstBuf *dump_before, FtAstBuf *dump_after)
{
    FtArena *arena = ft_arena_new();
    FtSyntaxError err = {0};
    FtAstMod *mod = ft_parse_string(tc->source, strlen(tc->source), FT_PARSE_FILE, arena, &err);
    FtSymtable *st = mod != NULL ? ft_symtable_build(mod, &err) : NULL;
    if (st == NULL) {
        // The oracle's symtable-stage errors are not this file's business.
        ft_syntax_error_clear(&err);
        ft_arena_free(arena);
        return -2;
    }
    if (ft_symtable_dump(dump_before, st) < 0)
        ft_fatal("out of memory");
    FtCompiler compiler = {0};
    compiler.st = st;
    compiler.arena = arena;
    FtCompiler *c = &compiler;
    standin_error.set = false;
    unbalanced_units = 0;
    unit_new(c, NULL);
    int rc = ft_cg_visit_body(c, mod->v.module.body);
    if (rc == 0)
        rc = ft_instr_sequence_apply_labels(&c->u->seq);
    while (c->u != NULL) {
        if (rc < 0) {
            c->u->nfblocks = 0;   // an error abandons the units mid-statement
            c->u->in_inlined_comp = 0;
        }
        unit_free(c);
    }
    if (rc == 0 && unbalanced_units != 0)
        rc = -3;
    if (ft_symtable_dump(dump_after, st) < 0)
        ft_fatal("out of memory");
    ft_symtable_free(st);
    ft_arena_free(arena);
    return rc;
}

static int
run_case(const CodegenBlocksCase *tc, bool verbose)
{
    FtAstBuf before = {0}, after = {0};
    int rc = compile_case(tc, &before, &after);
    int ok = 1;
    bool oracle_error = strncmp(tc->expected, "SyntaxError: ", 13) == 0;
    if (rc == -2) {
        // Rejected before code generation: fine only where the oracle rejects it too.
        ft_ast_buf_free(&before);
        ft_ast_buf_free(&after);
        if (!oracle_error && verbose)
            printf("  %s: rejected by the parser or symbol table\n", tc->name);
        return oracle_error;
    }
    if (oracle_error) {
        char want[512];
        snprintf(want, sizeof want, "SyntaxError: %s (<s>, line %d) @%d-%d\n", standin_error.msg,
                 standin_error.loc.lineno, standin_error.loc.col_offset + 1,
                 standin_error.loc.end_col_offset + 1);
        ok = rc < 0 && standin_error.set && strcmp(want, tc->expected) == 0;
        if (!ok && verbose)
            printf("  %s: got %s  want %s", tc->name, rc < 0 ? want : "success\n", tc->expected);
    }
    else {
        ok = rc == 0;
        if (!ok && verbose)
            printf("  %s: failed (%s)\n", tc->name,
                   standin_error.set ? standin_error.msg : "error");
    }
    // Inlined comprehensions edit the symbol table only while they are compiled.
    if (before.data != NULL && after.data != NULL && strcmp(before.data, after.data) != 0) {
        ok = 0;
        if (verbose)
            printf("  %s: symbol table changed by code generation\n", tc->name);
    }
    if (ft_error_occurred())
        ft_error_clear();
    ft_ast_buf_free(&before);
    ft_ast_buf_free(&after);
    return ok;
}

TEST(setup)
{
    CHECK_EQ_INT(obj_setup(), 0);
}

TEST(every_case_matches_the_oracle_outcome)
{
    for (int i = 0; i < NCASES; i++)
        CHECK(run_case(&codegen_blocks_cases[i], true));
}

TEST(too_many_nested_blocks)
{
    char src[4096] = {0};
    size_t n = 0;
    // 21 nested `with` plus a try: the 22nd frame block is one too many (CPython's CO_MAXBLOCKS).
    for (int i = 0; i < 22; i++) {
        for (int j = 0; j < i; j++)
            n += (size_t)snprintf(src + n, sizeof src - n, " ");
        n += (size_t)snprintf(src + n, sizeof src - n, "with a:\n");
    }
    for (int j = 0; j < 22; j++)
        n += (size_t)snprintf(src + n, sizeof src - n, " ");
    snprintf(src + n, sizeof src - n, "pass\n");
    CodegenBlocksCase tc = {"nested", src, ""};
    FtAstBuf before = {0}, after = {0};
    CHECK(compile_case(&tc, &before, &after) < 0);
    CHECK(strcmp(standin_error.msg, "too many statically nested blocks") == 0);
    CHECK_EQ_INT(standin_error.loc.lineno, 22);
    ft_error_clear();
    ft_ast_buf_free(&before);
    ft_ast_buf_free(&after);
}

static void *
thread_main(void *arg)
{
    int *failures = arg;
    obj_thread_begin();
    for (int round = 0; round < 20; round++) {
        for (int i = 0; i < NCASES; i++) {
            if (!run_case(&codegen_blocks_cases[i], false))
                (*failures)++;
        }
    }
    ft_thread_state_delete_current();
    return NULL;
}

TEST(two_threads_compile_at_once)
{
    pthread_t threads[2];
    int failures[2] = {0, 0};
    for (int i = 0; i < 2; i++)
        CHECK_EQ_INT(pthread_create(&threads[i], NULL, thread_main, &failures[i]), 0);
    // Detached while waiting, so a stop-the-world request of the workers never waits for us.
    FtThreadState *ts = ft_thread_state_current();
    ft_thread_detach(ts);
    for (int i = 0; i < 2; i++)
        pthread_join(threads[i], NULL);
    ft_thread_attach(ts);
    CHECK_EQ_INT(failures[0], 0);
    CHECK_EQ_INT(failures[1], 0);
}

int
main(void)
{
    return ft_test_run_all();
}

// compiler/codegen_stmt.c: statements (CPython 3.14's codegen_visit_stmt and the statement helpers
// of Python/codegen.c): expression statements, assignment forms, if/while/for, return/break/
// continue, delete, import, assert, raise; defs and classes go to codegen.c, try/with/async
// for/match to the files CG2 owns.
//
// Owns: the statement dispatch and the instruction patterns of the simple statements and loops.
// Invariant: every statement leaves the value stack as it found it (loops push their iterator
// only inside the FOR_LOOP frame block).
// Concurrency: runs on the compiling thread only (see compiler/codegen_internal.h).
#include <string.h>   // strchr strcmp

#include "compiler/codegen_internal.h"
#include "eval/opcode.h"        // FT_OP_* FT_NB_* FT_INTRINSIC_* FT_CONSTANT_*
#include "objects/error.h"      // ft_error_*
#include "objects/int.h"        // ft_int_from_int64_ref
#include "objects/object.h"     // FT_NONE
#include "objects/str.h"        // ft_str_*
#include "objects/tuple.h"      // ft_tuple_*
#include "runtime/refcount.h"   // ft_decref

#define RETURN_IF_ERROR(x)   \
    do {                     \
        if ((x) < 0)         \
            return -1;       \
    } while (0)

static int
visit_seq(FtCompiler *c, const FtAstSeq *stmts)
{
    for (ptrdiff_t i = 0; stmts != NULL && i < stmts->size; i++)
        RETURN_IF_ERROR(ft_cg_visit_stmt(c, stmts->items[i]));
    return 0;
}

int
ft_cg_visit_body(FtCompiler *c, const FtAstSeq *stmts)
{
    return visit_seq(c, stmts);
}

// A Constant, or __debug__ (which CPython's AST preprocessing turns into one).
static bool
is_constant(const FtAstExpr *e)
{
    return e->kind == FT_AST_EXPR_CONSTANT
           || (e->kind == FT_AST_EXPR_NAME && strcmp(e->v.name.id, "__debug__") == 0);
}

static int
stmt_expr(FtCompiler *c, FtLocation loc, const FtAstExpr *value)
{
    if (c->interactive && c->nesting <= 1) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, value));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_PRINT));
        return ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP);
    }
    if (is_constant(value))
        return ft_cg_addop(c, loc, FT_OP_NOP);
    RETURN_IF_ERROR(ft_cg_visit_expr(c, value));
    return ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP);
}

int
ft_cg_visit_store_target(FtCompiler *c, const FtAstExpr *target)
{
    return ft_cg_visit_expr(c, target);
}

static int
inplace_oparg(FtAstOperator op)
{
    switch (op) {
    case FT_AST_OPERATOR_ADD: return FT_NB_INPLACE_ADD;
    case FT_AST_OPERATOR_SUB: return FT_NB_INPLACE_SUBTRACT;
    case FT_AST_OPERATOR_MULT: return FT_NB_INPLACE_MULTIPLY;
    case FT_AST_OPERATOR_MAT_MULT: return FT_NB_INPLACE_MATRIX_MULTIPLY;
    case FT_AST_OPERATOR_DIV: return FT_NB_INPLACE_TRUE_DIVIDE;
    case FT_AST_OPERATOR_MOD: return FT_NB_INPLACE_REMAINDER;
    case FT_AST_OPERATOR_POW: return FT_NB_INPLACE_POWER;
    case FT_AST_OPERATOR_LSHIFT: return FT_NB_INPLACE_LSHIFT;
    case FT_AST_OPERATOR_RSHIFT: return FT_NB_INPLACE_RSHIFT;
    case FT_AST_OPERATOR_BIT_OR: return FT_NB_INPLACE_OR;
    case FT_AST_OPERATOR_BIT_XOR: return FT_NB_INPLACE_XOR;
    case FT_AST_OPERATOR_BIT_AND: return FT_NB_INPLACE_AND;
    case FT_AST_OPERATOR_FLOOR_DIV: return FT_NB_INPLACE_FLOOR_DIVIDE;
    }
    return -1;
}

static int
aug_assign(FtCompiler *c, const FtAstStmt *s)
{
    const FtAstExpr *e = s->v.aug_assign.target;
    FtLocation loc = ft_cg_loc_expr(e);
    switch (e->kind) {
    case FT_AST_EXPR_ATTRIBUTE:
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.attribute.value));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
        RETURN_IF_ERROR(ft_cg_addop_name_bits(c, ft_cg_attr_loc(loc, e), FT_OP_LOAD_ATTR,
                                              e->v.attribute.attr, 1, 0));
        break;
    case FT_AST_EXPR_SUBSCRIPT:
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.subscript.value));
        if (ft_cg_is_two_element_slice(e->v.subscript.slice)) {
            RETURN_IF_ERROR(ft_cg_slice_two_parts(c, e->v.subscript.slice));
            for (int i = 0; i < 3; i++)
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 3));
            RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_BINARY_SLICE));
        }
        else {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.subscript.slice));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 2));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 2));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BINARY_OP, FT_NB_SUBSCR));
        }
        break;
    case FT_AST_EXPR_NAME:
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, e->v.name.id, FT_AST_EXPR_CONTEXT_LOAD));
        break;
    default:
        ft_error_format(&ft_exc_system_error, "invalid node type (%d) for augmented assignment",
                        (int)e->kind);
        return -1;
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.aug_assign.value));
    RETURN_IF_ERROR(ft_cg_addop_i(c, ft_cg_loc_stmt(s), FT_OP_BINARY_OP,
                                  inplace_oparg(s->v.aug_assign.op)));
    switch (e->kind) {
    case FT_AST_EXPR_ATTRIBUTE:
        loc = ft_cg_attr_loc(loc, e);
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
        return ft_cg_addop_name(c, loc, FT_OP_STORE_ATTR, e->v.attribute.attr);
    case FT_AST_EXPR_SUBSCRIPT:
        if (ft_cg_is_two_element_slice(e->v.subscript.slice)) {
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 4));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 3));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
            return ft_cg_addop(c, loc, FT_OP_STORE_SLICE);
        }
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 3));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
        return ft_cg_addop(c, loc, FT_OP_STORE_SUBSCR);
    default:
        return ft_cg_nameop(c, loc, e->v.name.id, FT_AST_EXPR_CONTEXT_STORE);
    }
}

// Evaluates e for its errors only (CPython's codegen_check_ann_expr).
static int
check_ann_expr(FtCompiler *c, const FtAstExpr *e)
{
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e));
    return ft_cg_addop(c, ft_cg_loc_expr(e), FT_OP_POP_TOP);
}

static int
check_ann_subscr(FtCompiler *c, const FtAstExpr *e)
{
    switch (e->kind) {
    case FT_AST_EXPR_SLICE:
        if (e->v.slice.lower != NULL)
            RETURN_IF_ERROR(check_ann_expr(c, e->v.slice.lower));
        if (e->v.slice.upper != NULL)
            RETURN_IF_ERROR(check_ann_expr(c, e->v.slice.upper));
        if (e->v.slice.step != NULL)
            RETURN_IF_ERROR(check_ann_expr(c, e->v.slice.step));
        return 0;
    case FT_AST_EXPR_TUPLE:
        for (ptrdiff_t i = 0; e->v.tuple.elts != NULL && i < e->v.tuple.elts->size; i++)
            RETURN_IF_ERROR(check_ann_subscr(c, e->v.tuple.elts->items[i]));
        return 0;
    default:
        return check_ann_expr(c, e);
    }
}

static int
ann_assign(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    const FtAstExpr *targ = s->v.ann_assign.target;
    if (s->v.ann_assign.value != NULL) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.ann_assign.value));
        RETURN_IF_ERROR(ft_cg_visit_expr(c, targ));
    }
    switch (targ->kind) {
    case FT_AST_EXPR_NAME:
        if (s->v.ann_assign.simple
            && (c->u->scope == FT_CG_SCOPE_MODULE || c->u->scope == FT_CG_SCOPE_CLASS)) {
            if (c->future_annotations) {
                RETURN_IF_ERROR(ft_cg_annotation_as_string(c, s->v.ann_assign.annotation));
                RETURN_IF_ERROR(ft_cg_addop_name(c, loc, FT_OP_LOAD_NAME, "__annotations__"));
                const char *mangled = ft_cg_mangle(c, targ->v.name.id);
                if (mangled == NULL)
                    return -1;
                RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_str_from_cstr_ref(mangled)));
                return ft_cg_addop(c, loc, FT_OP_STORE_SUBSCR);
            }
            int index;
            RETURN_IF_ERROR(ft_cg_add_deferred_annotation(c, s, &index));
            if (index >= 0) {
                // CPython indexes the cell variables here, for LOAD_NAME as well.
                int arg = ft_cg_dict_add_name(c->u->metadata.cellvars,
                                              "__conditional_annotations__");
                RETURN_IF_ERROR(arg);
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc,
                                              c->u->scope == FT_CG_SCOPE_CLASS ? FT_OP_LOAD_DEREF
                                                                               : FT_OP_LOAD_NAME,
                                              arg));
                RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_int_from_int64_ref(index)));
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SET_ADD, 1));
                RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
            }
        }
        return 0;
    case FT_AST_EXPR_ATTRIBUTE:
        if (s->v.ann_assign.value == NULL)
            RETURN_IF_ERROR(check_ann_expr(c, targ->v.attribute.value));
        return 0;
    case FT_AST_EXPR_SUBSCRIPT:
        if (s->v.ann_assign.value == NULL) {
            RETURN_IF_ERROR(check_ann_expr(c, targ->v.subscript.value));
            RETURN_IF_ERROR(check_ann_subscr(c, targ->v.subscript.slice));
        }
        return 0;
    default:
        ft_error_format(&ft_exc_system_error, "invalid node type (%d) for annotated assignment",
                        (int)targ->kind);
        return -1;
    }
}

static int
if_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLabel end, next;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
    bool has_else = s->v.if_.orelse != NULL && s->v.if_.orelse->size > 0;
    if (has_else)
        RETURN_IF_ERROR(ft_cg_new_label_checked(c, &next));
    else
        next = end;
    RETURN_IF_ERROR(ft_cg_jump_if(c, ft_cg_loc_stmt(s), s->v.if_.test, next, false));
    RETURN_IF_ERROR(visit_seq(c, s->v.if_.body));
    if (has_else) {
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));
        RETURN_IF_ERROR(ft_cg_use_label(c, next));
        RETURN_IF_ERROR(visit_seq(c, s->v.if_.orelse));
    }
    return ft_cg_use_label(c, end);
}

static int
for_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    FtLabel start, body, cleanup, end;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &start));
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &body));
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &cleanup));
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_FOR_LOOP, start, end, NULL));
    RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.for_.iter));
    loc = ft_cg_loc_expr(s->v.for_.iter);
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_ITER));
    RETURN_IF_ERROR(ft_cg_use_label(c, start));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_FOR_ITER, cleanup));
    // A NOP at the target's line keeps line tracing right for multi-line for statements.
    RETURN_IF_ERROR(ft_cg_addop(c, ft_cg_loc_expr(s->v.for_.target), FT_OP_NOP));
    RETURN_IF_ERROR(ft_cg_use_label(c, body));
    RETURN_IF_ERROR(ft_cg_visit_store_target(c, s->v.for_.target));
    RETURN_IF_ERROR(visit_seq(c, s->v.for_.body));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP, start));
    RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
    // END_FOR first: instrumentation relies on the order.
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_END_FOR));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_ITER));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_FOR_LOOP, start);
    RETURN_IF_ERROR(visit_seq(c, s->v.for_.orelse));
    return ft_cg_use_label(c, end);
}

static int
while_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLabel loop, end, anchor;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &loop));
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &anchor));
    RETURN_IF_ERROR(ft_cg_use_label(c, loop));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, ft_cg_loc_stmt(s), FT_CG_FBLOCK_WHILE_LOOP, loop, end, NULL));
    RETURN_IF_ERROR(ft_cg_jump_if(c, ft_cg_loc_stmt(s), s->v.while_.test, anchor, false));
    RETURN_IF_ERROR(visit_seq(c, s->v.while_.body));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP, loop));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_WHILE_LOOP, loop);
    RETURN_IF_ERROR(ft_cg_use_label(c, anchor));
    RETURN_IF_ERROR(visit_seq(c, s->v.while_.orelse));
    return ft_cg_use_label(c, end);
}

// PEP 765's SyntaxWarning "'return' in a 'finally' block" (and break/continue): a return anywhere in
// a finally body of the same function, a break/continue whose loop is outside that finally body.
// CPython finds them in its AST pass; here the finally body's exception-path copy, the one compiled
// under a FINALLY_END block, reports them, so each statement warns once.
static int
warn_control_flow_in_finally(FtCompiler *c, FtLocation loc, const char *keyword, bool loop_exit)
{
    for (int i = c->u->nfblocks - 1; i >= 0; i--) {
        FtCgFBlockType type = c->u->fblocks[i].type;
        if (loop_exit && (type == FT_CG_FBLOCK_WHILE_LOOP || type == FT_CG_FBLOCK_FOR_LOOP))
            return 0;
        if (type == FT_CG_FBLOCK_FINALLY_END)
            return ft_cg_warn(c, loc, "'%s' in a 'finally' block", keyword);
    }
    return 0;
}

static int
return_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    const FtAstExpr *value = s->v.return_.value;
    bool preserve_tos = value != NULL && !is_constant(value);
    const FtSymtableEntry *ste = c->u->ste;
    if (!ft_cg_is_function_like(ste))
        return ft_cg_error(c, loc, "'return' outside function");
    if (value != NULL && ste->coroutine && ste->generator)
        return ft_cg_error(c, loc, "'return' with value in async generator");
    RETURN_IF_ERROR(warn_control_flow_in_finally(c, loc, "return", false));
    if (preserve_tos) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, value));
    }
    else if (value != NULL) {
        loc = ft_cg_loc_expr(value);
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_NOP));
    }
    if (value == NULL || value->lineno != s->lineno) {
        loc = ft_cg_loc_stmt(s);
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_NOP));
    }
    RETURN_IF_ERROR(ft_cg_unwind_fblock_stack(c, &loc, preserve_tos, NULL));
    if (value == NULL) {
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    }
    else if (!preserve_tos) {
        if (value->kind == FT_AST_EXPR_NAME)
            RETURN_IF_ERROR(ft_cg_nameop(c, loc, value->v.name.id, FT_AST_EXPR_CONTEXT_LOAD));
        else
            RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_cg_constant_ref(c, value->v.constant.value)));
    }
    return ft_cg_addop(c, loc, FT_OP_RETURN_VALUE);
}

// Unwinds one loop block for break (CPython's codegen_unwind_fblock on the loop).
static int
unwind_loop(FtCompiler *c, FtLocation loc, const FtCgFBlock *loop)
{
    if (loop->type == FT_CG_FBLOCK_FOR_LOOP)
        return ft_cg_addop(c, loc, FT_OP_POP_TOP);
    return 0;
}

static int
break_stmt(FtCompiler *c, FtLocation loc)
{
    FtLocation origin = loc;
    FtCgFBlock *loop = NULL;
    RETURN_IF_ERROR(warn_control_flow_in_finally(c, loc, "break", true));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_NOP));
    RETURN_IF_ERROR(ft_cg_unwind_fblock_stack(c, &loc, false, &loop));
    if (loop == NULL)
        return ft_cg_error(c, origin, "'break' outside loop");
    RETURN_IF_ERROR(unwind_loop(c, loc, loop));
    return ft_cg_addop_jump(c, loc, FT_OP_JUMP, loop->exit);
}

static int
continue_stmt(FtCompiler *c, FtLocation loc)
{
    FtLocation origin = loc;
    FtCgFBlock *loop = NULL;
    RETURN_IF_ERROR(warn_control_flow_in_finally(c, loc, "continue", true));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_NOP));
    RETURN_IF_ERROR(ft_cg_unwind_fblock_stack(c, &loc, false, &loop));
    if (loop == NULL)
        return ft_cg_error(c, origin, "'continue' not properly in loop");
    return ft_cg_addop_jump(c, loc, FT_OP_JUMP, loop->block);
}

// Binds the module IMPORT_NAME left on the stack to asname; for a dotted name the submodules are
// reached with IMPORT_FROM (CPython's codegen_import_as).
static int
import_as(FtCompiler *c, FtLocation loc, const char *name, const char *asname)
{
    const char *dot = strchr(name, '.');
    if (dot == NULL)
        return ft_cg_nameop(c, loc, asname, FT_AST_EXPR_CONTEXT_STORE);
    char part[512];
    const char *p = dot + 1;
    for (;;) {
        const char *next = strchr(p, '.');
        size_t n = next != NULL ? (size_t)(next - p) : strlen(p);
        if (n >= sizeof part) {
            ft_error_set_string(&ft_exc_system_error, "module name component too long");
            return -1;
        }
        memcpy(part, p, n);
        part[n] = '\0';
        RETURN_IF_ERROR(ft_cg_addop_name(c, loc, FT_OP_IMPORT_FROM, part));
        if (next == NULL)
            break;
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
        p = next + 1;
    }
    RETURN_IF_ERROR(ft_cg_nameop(c, loc, asname, FT_AST_EXPR_CONTEXT_STORE));
    return ft_cg_addop(c, loc, FT_OP_POP_TOP);
}

static int
import_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    const FtAstSeq *names = s->v.import.names;
    for (ptrdiff_t i = 0; i < names->size; i++) {
        const FtAstAlias *alias = names->items[i];
        RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_int_from_int64_ref(0)));
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
        RETURN_IF_ERROR(ft_cg_addop_name(c, loc, FT_OP_IMPORT_NAME, alias->name));
        if (alias->asname != NULL) {
            RETURN_IF_ERROR(import_as(c, loc, alias->name, alias->asname));
            continue;
        }
        const char *dot = strchr(alias->name, '.');
        if (dot == NULL) {
            RETURN_IF_ERROR(ft_cg_nameop(c, loc, alias->name, FT_AST_EXPR_CONTEXT_STORE));
            continue;
        }
        size_t n = (size_t)(dot - alias->name);
        char *head = ft_arena_alloc(c->arena, n + 1);
        if (head == NULL) {
            ft_error_no_memory();
            return -1;
        }
        memcpy(head, alias->name, n);
        head[n] = '\0';
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, head, FT_AST_EXPR_CONTEXT_STORE));
    }
    return 0;
}

static int
import_from_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    const FtAstSeq *names = s->v.import_from.names;
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_int_from_int64_ref(s->v.import_from.level)));
    FtObject *tuple = ft_tuple_new_ref(names->size);
    if (tuple == NULL)
        return -1;
    for (ptrdiff_t i = 0; i < names->size; i++) {
        const FtAstAlias *alias = names->items[i];
        FtObject *name = ft_str_from_cstr_ref(alias->name);
        if (name == NULL) {
            for (ptrdiff_t j = i; j < names->size; j++)
                ft_tuple_set_item_steal_unlocked(tuple, j, ft_none_ref());
            ft_decref(tuple);
            return -1;
        }
        ft_tuple_set_item_steal_unlocked(tuple, i, name);
    }
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, tuple));
    RETURN_IF_ERROR(ft_cg_addop_name(c, loc, FT_OP_IMPORT_NAME,
                                     s->v.import_from.module != NULL ? s->v.import_from.module : ""));
    for (ptrdiff_t i = 0; i < names->size; i++) {
        const FtAstAlias *alias = names->items[i];
        if (i == 0 && alias->name[0] == '*') {
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_IMPORT_STAR));
            return ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP);
        }
        RETURN_IF_ERROR(ft_cg_addop_name(c, loc, FT_OP_IMPORT_FROM, alias->name));
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, alias->asname != NULL ? alias->asname : alias->name,
                                     FT_AST_EXPR_CONTEXT_STORE));
    }
    return ft_cg_addop(c, loc, FT_OP_POP_TOP);
}

static int
assert_stmt(FtCompiler *c, const FtAstStmt *s)
{
    const FtAstExpr *test = s->v.assert.test;
    FtLocation loc = ft_cg_loc_stmt(s);
    if (test->kind == FT_AST_EXPR_TUPLE && test->v.tuple.elts != NULL && test->v.tuple.elts->size > 0)
        RETURN_IF_ERROR(ft_cg_warn(c, loc, "assertion is always true, perhaps remove parentheses?"));
    if (c->optimize > 0)
        return 0;
    FtLabel end;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
    RETURN_IF_ERROR(ft_cg_jump_if(c, loc, test, end, true));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_COMMON_CONSTANT, FT_CONSTANT_ASSERTION_ERROR));
    if (s->v.assert.msg != NULL) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.assert.msg));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL, 0));
    }
    RETURN_IF_ERROR(ft_cg_addop_i(c, ft_cg_loc_expr(test), FT_OP_RAISE_VARARGS, 1));
    return ft_cg_use_label(c, end);
}

static int
raise_stmt(FtCompiler *c, const FtAstStmt *s)
{
    int n = 0;
    if (s->v.raise.exc != NULL) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.raise.exc));
        n++;
        if (s->v.raise.cause != NULL) {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.raise.cause));
            n++;
        }
    }
    return ft_cg_addop_i(c, ft_cg_loc_stmt(s), FT_OP_RAISE_VARARGS, n);
}

// Statements whose bodies run conditionally (CPython's CODEGEN_COND_BLOCK).
static int
conditional_block(FtCompiler *c, const FtAstStmt *s, int (*fn)(FtCompiler *, const FtAstStmt *))
{
    c->u->in_conditional_block++;
    int rc = fn(c, s);
    c->u->in_conditional_block--;
    return rc;
}

static int
with_stmt(FtCompiler *c, const FtAstStmt *s)
{
    return ft_cg_with(c, s, 0);
}

static int
async_with_stmt(FtCompiler *c, const FtAstStmt *s)
{
    return ft_cg_async_with(c, s, 0);
}

int
ft_cg_visit_stmt(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    switch (s->kind) {
    case FT_AST_STMT_FUNCTION_DEF:
        return ft_cg_function_def(c, s, false);
    case FT_AST_STMT_ASYNC_FUNCTION_DEF:
        return ft_cg_function_def(c, s, true);
    case FT_AST_STMT_CLASS_DEF:
        return ft_cg_class_def(c, s);
    case FT_AST_STMT_TYPE_ALIAS:
        return ft_cg_type_alias(c, s);
    case FT_AST_STMT_RETURN:
        return return_stmt(c, s);
    case FT_AST_STMT_DELETE:
        for (ptrdiff_t i = 0; s->v.delete.targets != NULL && i < s->v.delete.targets->size; i++)
            RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.delete.targets->items[i]));
        return 0;
    case FT_AST_STMT_ASSIGN: {
        const FtAstSeq *targets = s->v.assign.targets;
        RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.assign.value));
        for (ptrdiff_t i = 0; i < targets->size; i++) {
            if (i < targets->size - 1)
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
            RETURN_IF_ERROR(ft_cg_visit_store_target(c, targets->items[i]));
        }
        return 0;
    }
    case FT_AST_STMT_AUG_ASSIGN:
        return aug_assign(c, s);
    case FT_AST_STMT_ANN_ASSIGN:
        return ann_assign(c, s);
    case FT_AST_STMT_FOR:
        return conditional_block(c, s, for_stmt);
    case FT_AST_STMT_WHILE:
        return conditional_block(c, s, while_stmt);
    case FT_AST_STMT_IF:
        return conditional_block(c, s, if_stmt);
    case FT_AST_STMT_MATCH:
        return conditional_block(c, s, ft_cg_match);
    case FT_AST_STMT_RAISE:
        return raise_stmt(c, s);
    case FT_AST_STMT_TRY:
        return conditional_block(c, s, ft_cg_try);
    case FT_AST_STMT_TRY_STAR:
        return conditional_block(c, s, ft_cg_try_star);
    case FT_AST_STMT_ASSERT:
        return assert_stmt(c, s);
    case FT_AST_STMT_IMPORT:
        return import_stmt(c, s);
    case FT_AST_STMT_IMPORT_FROM:
        return import_from_stmt(c, s);
    case FT_AST_STMT_GLOBAL:
    case FT_AST_STMT_NONLOCAL:
        return 0;
    case FT_AST_STMT_EXPR:
        return stmt_expr(c, loc, s->v.expr.value);
    case FT_AST_STMT_PASS:
        return ft_cg_addop(c, loc, FT_OP_NOP);
    case FT_AST_STMT_BREAK:
        return break_stmt(c, loc);
    case FT_AST_STMT_CONTINUE:
        return continue_stmt(c, loc);
    case FT_AST_STMT_WITH:
        return conditional_block(c, s, with_stmt);
    case FT_AST_STMT_ASYNC_WITH:
        return conditional_block(c, s, async_with_stmt);
    case FT_AST_STMT_ASYNC_FOR:
        return conditional_block(c, s, ft_cg_async_for);
    }
    ft_error_format(&ft_exc_system_error, "unknown statement kind %d", (int)s->kind);
    return -1;
}

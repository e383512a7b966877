// compiler/codegen_expr.c: expressions (CPython 3.14's codegen_visit_expr and its helpers in
// Python/codegen.c): operators, comparisons and conditional jumps, calls (method calls, super(),
// CALL_KW, CALL_FUNCTION_EX, the all/any/tuple fast path), attributes, subscripts and slices,
// displays with starred items, names, constants, named and conditional expressions. Comprehensions,
// f-/t-strings and yield/await are CG2's files; lambdas are codegen.c's.
//
// Owns: the instruction patterns of expressions and of assignment targets.
// Invariant: visiting an expression in Load context pushes exactly one value; Store consumes one;
// Del consumes none.
// Concurrency: runs on the compiling thread only (see compiler/codegen_internal.h).
#include <stdio.h>    // snprintf
#include <string.h>   // strcmp

#include "compiler/codegen_internal.h"
#include "eval/opcode.h"        // FT_OP_* FT_NB_* FT_INTRINSIC_* FT_CONSTANT_*
#include "objects/bigint.h"     // ft_bigint_to_int64
#include "objects/dict.h"       // ft_dict_*
#include "objects/error.h"      // ft_error_*
#include "objects/int.h"        // ft_int_*
#include "objects/object.h"     // FT_EQ ...
#include "objects/slice.h"      // ft_slice_new_ref
#include "objects/str.h"        // ft_str_*
#include "objects/tuple.h"      // ft_tuple_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"   // ft_decref

#define RETURN_IF_ERROR(x)   \
    do {                     \
        if ((x) < 0)         \
            return -1;       \
    } while (0)

// CPython's _PY_STACK_USE_GUIDELINE: longer argument lists and displays are built incrementally.
enum { STACK_USE_GUIDELINE = 30 };

// Nesting bound of expression visits (the symbol table already refused deeper trees).
enum { MAX_EXPR_DEPTH = 20000 };

static const int compare_masks[] = {2, 2 | 8, 8, 7, 4, 4 | 8};

static ptrdiff_t
seq_len(const FtAstSeq *s)
{
    return s != NULL ? s->size : 0;
}

static int
visit_seq(FtCompiler *c, const FtAstSeq *exprs)
{
    for (ptrdiff_t i = 0; i < seq_len(exprs); i++)
        RETURN_IF_ERROR(ft_cg_visit_expr(c, exprs->items[i]));
    return 0;
}

FtLocation
ft_cg_attr_loc(FtLocation loc, const FtAstExpr *attr)
{
    if (loc.lineno == attr->end_lineno)
        return loc;
    loc.lineno = attr->end_lineno;
    int len = 0;
    for (const unsigned char *p = (const unsigned char *)attr->v.attribute.attr; *p; p++)
        len += (*p & 0xC0) != 0x80;
    if (len <= attr->end_col_offset) {
        loc.col_offset = attr->end_col_offset - len;
    }
    else {
        loc.col_offset = -1;
        loc.end_col_offset = -1;
    }
    if (loc.end_lineno < loc.lineno)
        loc.end_lineno = loc.lineno;
    if (loc.lineno == loc.end_lineno && loc.end_col_offset < loc.col_offset)
        loc.end_col_offset = loc.col_offset;
    return loc;
}

static bool
is_constant_slice(const FtAstExpr *s)
{
    return s->kind == FT_AST_EXPR_SLICE
           && (s->v.slice.lower == NULL || s->v.slice.lower->kind == FT_AST_EXPR_CONSTANT)
           && (s->v.slice.upper == NULL || s->v.slice.upper->kind == FT_AST_EXPR_CONSTANT)
           && (s->v.slice.step == NULL || s->v.slice.step->kind == FT_AST_EXPR_CONSTANT);
}

bool
ft_cg_is_two_element_slice(const FtAstExpr *s)
{
    return !is_constant_slice(s) && s->kind == FT_AST_EXPR_SLICE && s->v.slice.step == NULL;
}

int
ft_cg_slice_two_parts(FtCompiler *c, const FtAstExpr *s)
{
    FtLocation loc = ft_cg_loc_expr(s);
    if (s->v.slice.lower != NULL)
        RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.slice.lower));
    else
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    if (s->v.slice.upper != NULL)
        return ft_cg_visit_expr(c, s->v.slice.upper);
    return ft_cg_addop_load_none(c, loc);
}

static int
binary_oparg(FtAstOperator op)
{
    switch (op) {
    case FT_AST_OPERATOR_ADD: return FT_NB_ADD;
    case FT_AST_OPERATOR_SUB: return FT_NB_SUBTRACT;
    case FT_AST_OPERATOR_MULT: return FT_NB_MULTIPLY;
    case FT_AST_OPERATOR_MAT_MULT: return FT_NB_MATRIX_MULTIPLY;
    case FT_AST_OPERATOR_DIV: return FT_NB_TRUE_DIVIDE;
    case FT_AST_OPERATOR_MOD: return FT_NB_REMAINDER;
    case FT_AST_OPERATOR_POW: return FT_NB_POWER;
    case FT_AST_OPERATOR_LSHIFT: return FT_NB_LSHIFT;
    case FT_AST_OPERATOR_RSHIFT: return FT_NB_RSHIFT;
    case FT_AST_OPERATOR_BIT_OR: return FT_NB_OR;
    case FT_AST_OPERATOR_BIT_XOR: return FT_NB_XOR;
    case FT_AST_OPERATOR_BIT_AND: return FT_NB_AND;
    case FT_AST_OPERATOR_FLOOR_DIV: return FT_NB_FLOOR_DIVIDE;
    }
    return 0;
}

static int
add_compare(FtCompiler *c, FtLocation loc, FtAstCmpop op)
{
    int cmp;
    switch (op) {
    case FT_AST_CMPOP_EQ: cmp = FT_EQ; break;
    case FT_AST_CMPOP_NOT_EQ: cmp = FT_NE; break;
    case FT_AST_CMPOP_LT: cmp = FT_LT; break;
    case FT_AST_CMPOP_LT_E: cmp = FT_LE; break;
    case FT_AST_CMPOP_GT: cmp = FT_GT; break;
    case FT_AST_CMPOP_GT_E: cmp = FT_GE; break;
    case FT_AST_CMPOP_IS: return ft_cg_addop_i(c, loc, FT_OP_IS_OP, 0);
    case FT_AST_CMPOP_IS_NOT: return ft_cg_addop_i(c, loc, FT_OP_IS_OP, 1);
    case FT_AST_CMPOP_IN: return ft_cg_addop_i(c, loc, FT_OP_CONTAINS_OP, 0);
    case FT_AST_CMPOP_NOT_IN: return ft_cg_addop_i(c, loc, FT_OP_CONTAINS_OP, 1);
    default:
        ft_error_set_string(&ft_exc_system_error, "unknown comparison operator");
        return -1;
    }
    return ft_cg_addop_i(c, loc, FT_OP_COMPARE_OP, (cmp << 5) | compare_masks[cmp]);
}

static FtAstCmpop
cmpop_at(const FtAstExpr *e, ptrdiff_t i)
{
    return (FtAstCmpop)(intptr_t)e->v.compare.ops->items[i];
}

int
ft_cg_jump_if(FtCompiler *c, FtLocation loc, const FtAstExpr *e, FtLabel next, bool cond)
{
    switch (e->kind) {
    case FT_AST_EXPR_UNARY_OP:
        if (e->v.unary_op.op == FT_AST_UNARYOP_NOT)
            return ft_cg_jump_if(c, loc, e->v.unary_op.operand, next, !cond);
        break;
    case FT_AST_EXPR_BOOL_OP: {
        const FtAstSeq *s = e->v.bool_op.values;
        ptrdiff_t n = s->size - 1;
        bool cond2 = e->v.bool_op.op == FT_AST_BOOLOP_OR;
        FtLabel next2 = next;
        if (cond2 != cond)
            RETURN_IF_ERROR(ft_cg_new_label_checked(c, &next2));
        for (ptrdiff_t i = 0; i < n; i++)
            RETURN_IF_ERROR(ft_cg_jump_if(c, loc, s->items[i], next2, cond2));
        RETURN_IF_ERROR(ft_cg_jump_if(c, loc, s->items[n], next, cond));
        if (next2.id != next.id)
            RETURN_IF_ERROR(ft_cg_use_label(c, next2));
        return 0;
    }
    case FT_AST_EXPR_IF_EXP: {
        FtLabel end, next2;
        RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
        RETURN_IF_ERROR(ft_cg_new_label_checked(c, &next2));
        RETURN_IF_ERROR(ft_cg_jump_if(c, loc, e->v.if_exp.test, next2, false));
        RETURN_IF_ERROR(ft_cg_jump_if(c, loc, e->v.if_exp.body, next, cond));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));
        RETURN_IF_ERROR(ft_cg_use_label(c, next2));
        RETURN_IF_ERROR(ft_cg_jump_if(c, loc, e->v.if_exp.orelse, next, cond));
        return ft_cg_use_label(c, end);
    }
    case FT_AST_EXPR_COMPARE: {
        ptrdiff_t n = e->v.compare.ops->size - 1;
        if (n <= 0)
            break;
        FtLocation eloc = ft_cg_loc_expr(e);
        FtLabel cleanup, end;
        RETURN_IF_ERROR(ft_cg_new_label_checked(c, &cleanup));
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.compare.left));
        for (ptrdiff_t i = 0; i < n; i++) {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.compare.comparators->items[i]));
            RETURN_IF_ERROR(ft_cg_addop_i(c, eloc, FT_OP_SWAP, 2));
            RETURN_IF_ERROR(ft_cg_addop_i(c, eloc, FT_OP_COPY, 2));
            RETURN_IF_ERROR(add_compare(c, eloc, cmpop_at(e, i)));
            RETURN_IF_ERROR(ft_cg_addop(c, eloc, FT_OP_TO_BOOL));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, eloc, FT_OP_POP_JUMP_IF_FALSE, cleanup));
        }
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.compare.comparators->items[n]));
        RETURN_IF_ERROR(add_compare(c, eloc, cmpop_at(e, n)));
        RETURN_IF_ERROR(ft_cg_addop(c, eloc, FT_OP_TO_BOOL));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, eloc,
                                         cond ? FT_OP_POP_JUMP_IF_TRUE : FT_OP_POP_JUMP_IF_FALSE,
                                         next));
        RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));
        RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
        RETURN_IF_ERROR(ft_cg_addop(c, eloc, FT_OP_POP_TOP));
        if (!cond)
            RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, next));
        return ft_cg_use_label(c, end);
    }
    default:
        break;
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e));
    FtLocation eloc = ft_cg_loc_expr(e);
    RETURN_IF_ERROR(ft_cg_addop(c, eloc, FT_OP_TO_BOOL));
    return ft_cg_addop_jump(c, eloc, cond ? FT_OP_POP_JUMP_IF_TRUE : FT_OP_POP_JUMP_IF_FALSE, next);
}

static int
if_exp(FtCompiler *c, const FtAstExpr *e)
{
    FtLabel end, next;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &next));
    RETURN_IF_ERROR(ft_cg_jump_if(c, ft_cg_loc_expr(e), e->v.if_exp.test, next, false));
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.if_exp.body));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));
    RETURN_IF_ERROR(ft_cg_use_label(c, next));
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.if_exp.orelse));
    return ft_cg_use_label(c, end);
}

static int
bool_op(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    int jump = e->v.bool_op.op == FT_AST_BOOLOP_AND ? FT_OP_JUMP_IF_FALSE : FT_OP_JUMP_IF_TRUE;
    FtLabel end;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
    const FtAstSeq *s = e->v.bool_op.values;
    ptrdiff_t n = s->size - 1;
    for (ptrdiff_t i = 0; i < n; i++) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, s->items[i]));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, jump, end));
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, s->items[n]));
    return ft_cg_use_label(c, end);
}

static int
compare(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.compare.left));
    ptrdiff_t n = e->v.compare.ops->size - 1;
    if (n == 0) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.compare.comparators->items[0]));
        return add_compare(c, loc, cmpop_at(e, 0));
    }
    FtLabel cleanup, end;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &cleanup));
    for (ptrdiff_t i = 0; i < n; i++) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.compare.comparators->items[i]));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 2));
        RETURN_IF_ERROR(add_compare(c, loc, cmpop_at(e, i)));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_TO_BOOL));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_POP_JUMP_IF_FALSE, cleanup));
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.compare.comparators->items[n]));
    RETURN_IF_ERROR(add_compare(c, loc, cmpop_at(e, n)));
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &end));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));
    RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
    return ft_cg_use_label(c, end);
}

// CPython's starunpack_helper_impl: build/add/extend opcodes for a display with starred items,
// `pushed` items already on the stack, and an extra name loaded last (a generic class's base).
static int
starunpack_helper(FtCompiler *c, FtLocation loc, const FtAstSeq *elts, const char *injected,
                  int pushed, int build, int add, int extend, bool tuple)
{
    ptrdiff_t n = seq_len(elts);
    bool big = n + pushed + (injected != NULL) > STACK_USE_GUIDELINE;
    bool seen_star = false;
    for (ptrdiff_t i = 0; i < n && !seen_star; i++)
        seen_star = ((const FtAstExpr *)elts->items[i])->kind == FT_AST_EXPR_STARRED;
    if (!seen_star && !big) {
        RETURN_IF_ERROR(visit_seq(c, elts));
        if (injected != NULL) {
            RETURN_IF_ERROR(ft_cg_nameop(c, loc, injected, FT_AST_EXPR_CONTEXT_LOAD));
            n++;
        }
        return ft_cg_addop_i(c, loc, tuple ? FT_OP_BUILD_TUPLE : build, (int)n + pushed);
    }
    bool built = false;
    if (big) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, build, pushed));
        built = true;
    }
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstExpr *elt = elts->items[i];
        if (elt->kind == FT_AST_EXPR_STARRED) {
            if (!built) {
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, build, (int)i + pushed));
                built = true;
            }
            RETURN_IF_ERROR(ft_cg_visit_expr(c, elt->v.starred.value));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, extend, 1));
        }
        else {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, elt));
            if (built)
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, add, 1));
        }
    }
    if (injected != NULL) {
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, injected, FT_AST_EXPR_CONTEXT_LOAD));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, add, 1));
    }
    if (tuple)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_LIST_TO_TUPLE));
    return 0;
}

static int
unpack_helper(FtCompiler *c, FtLocation loc, const FtAstSeq *elts)
{
    ptrdiff_t n = seq_len(elts);
    bool seen_star = false;
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstExpr *elt = elts->items[i];
        if (elt->kind == FT_AST_EXPR_STARRED && !seen_star) {
            if (i >= (1 << 8) || n - i - 1 >= (INT32_MAX >> 8))
                return ft_cg_error(c, loc, "too many expressions in star-unpacking assignment");
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_EX, (int)(i + ((n - i - 1) << 8))));
            seen_star = true;
        }
        else if (elt->kind == FT_AST_EXPR_STARRED) {
            return ft_cg_error(c, loc, "multiple starred expressions in assignment");
        }
    }
    if (!seen_star)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, (int)n));
    return 0;
}

static int
assignment_helper(FtCompiler *c, FtLocation loc, const FtAstSeq *elts)
{
    RETURN_IF_ERROR(unpack_helper(c, loc, elts));
    for (ptrdiff_t i = 0; i < seq_len(elts); i++) {
        const FtAstExpr *elt = elts->items[i];
        RETURN_IF_ERROR(
            ft_cg_visit_expr(c, elt->kind == FT_AST_EXPR_STARRED ? elt->v.starred.value : elt));
    }
    return 0;
}

static int
sequence_display(FtCompiler *c, const FtAstExpr *e, const FtAstSeq *elts, FtAstExprContext ctx,
                 bool tuple)
{
    FtLocation loc = ft_cg_loc_expr(e);
    if (ctx == FT_AST_EXPR_CONTEXT_STORE)
        return assignment_helper(c, loc, elts);
    if (ctx == FT_AST_EXPR_CONTEXT_LOAD)
        return starunpack_helper(c, loc, elts, NULL, 0, FT_OP_BUILD_LIST, FT_OP_LIST_APPEND,
                                 FT_OP_LIST_EXTEND, tuple);
    return visit_seq(c, elts);
}

static int
subdict(FtCompiler *c, const FtAstExpr *e, ptrdiff_t begin, ptrdiff_t end)
{
    ptrdiff_t n = end - begin;
    bool big = n * 2 > STACK_USE_GUIDELINE;
    FtLocation loc = ft_cg_loc_expr(e);
    if (big)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, 0));
    for (ptrdiff_t i = begin; i < end; i++) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.dict.keys->items[i]));
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.dict.values->items[i]));
        if (big)
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_MAP_ADD, 1));
    }
    if (!big)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, (int)n));
    return 0;
}

static int
dict_display(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    ptrdiff_t n = seq_len(e->v.dict.values);
    bool have_dict = false;
    ptrdiff_t elements = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        bool unpacking = e->v.dict.keys->items[i] == NULL;
        if (unpacking) {
            if (elements > 0) {
                RETURN_IF_ERROR(subdict(c, e, i - elements, i));
                if (have_dict)
                    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_UPDATE, 1));
                have_dict = true;
                elements = 0;
            }
            if (!have_dict) {
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, 0));
                have_dict = true;
            }
            RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.dict.values->items[i]));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_UPDATE, 1));
        }
        else if (elements * 2 > STACK_USE_GUIDELINE) {
            RETURN_IF_ERROR(subdict(c, e, i - elements, i + 1));
            if (have_dict)
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_UPDATE, 1));
            have_dict = true;
            elements = 0;
        }
        else {
            elements++;
        }
    }
    if (elements > 0) {
        RETURN_IF_ERROR(subdict(c, e, n - elements, n));
        if (have_dict)
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_UPDATE, 1));
        have_dict = true;
    }
    if (!have_dict)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, 0));
    return 0;
}

static int
validate_keywords(FtCompiler *c, const FtAstSeq *keywords)
{
    ptrdiff_t n = seq_len(keywords);
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstKeyword *key = keywords->items[i];
        if (key->arg == NULL)
            continue;
        for (ptrdiff_t j = i + 1; j < n; j++) {
            const FtAstKeyword *other = keywords->items[j];
            if (other->arg != NULL && strcmp(key->arg, other->arg) == 0) {
                FtLocation loc = {other->lineno, other->end_lineno, other->col_offset,
                                  other->end_col_offset};
                return ft_cg_error(c, loc, "keyword argument repeated: %s", key->arg);
            }
        }
    }
    return 0;
}

// LOAD_CONST of the tuple of keyword names before CALL_KW.
static int
call_simple_kw_helper(FtCompiler *c, FtLocation loc, const FtAstSeq *keywords, ptrdiff_t n)
{
    FtObject *names = ft_tuple_new_ref(n);
    if (names == NULL)
        return -1;
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstKeyword *kw = keywords->items[i];
        FtObject *name = ft_str_from_cstr_ref(kw->arg);
        if (name == NULL) {
            for (ptrdiff_t j = i; j < n; j++)
                ft_tuple_set_item_steal_unlocked(names, j, ft_none_ref());
            ft_decref(names);
            return -1;
        }
        ft_tuple_set_item_steal_unlocked(names, i, name);
    }
    return ft_cg_addop_load_const_steal(c, loc, names);
}

static int
visit_keywords(FtCompiler *c, const FtAstSeq *keywords)
{
    for (ptrdiff_t i = 0; i < seq_len(keywords); i++)
        RETURN_IF_ERROR(ft_cg_visit_expr(c, ((const FtAstKeyword *)keywords->items[i])->value));
    return 0;
}

static int
subkwargs(FtCompiler *c, FtLocation loc, const FtAstSeq *keywords, ptrdiff_t begin, ptrdiff_t end)
{
    ptrdiff_t n = end - begin;
    bool big = n * 2 > STACK_USE_GUIDELINE;
    if (big)
        RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_BUILD_MAP, 0));
    for (ptrdiff_t i = begin; i < end; i++) {
        const FtAstKeyword *kw = keywords->items[i];
        RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_str_from_cstr_ref(kw->arg)));
        RETURN_IF_ERROR(ft_cg_visit_expr(c, kw->value));
        if (big)
            RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_MAP_ADD, 1));
    }
    if (!big)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, (int)n));
    return 0;
}

static int
call_helper_impl(FtCompiler *c, FtLocation loc, int n, const FtAstSeq *args, const char *injected,
                 const FtAstSeq *keywords)
{
    RETURN_IF_ERROR(validate_keywords(c, keywords));
    ptrdiff_t nelts = seq_len(args), nkwelts = seq_len(keywords);
    bool ex_call = nelts + nkwelts * 2 > STACK_USE_GUIDELINE;
    for (ptrdiff_t i = 0; i < nelts && !ex_call; i++)
        ex_call = ((const FtAstExpr *)args->items[i])->kind == FT_AST_EXPR_STARRED;
    for (ptrdiff_t i = 0; i < nkwelts && !ex_call; i++)
        ex_call = ((const FtAstKeyword *)keywords->items[i])->arg == NULL;
    if (!ex_call) {
        RETURN_IF_ERROR(visit_seq(c, args));
        if (injected != NULL) {
            RETURN_IF_ERROR(ft_cg_nameop(c, loc, injected, FT_AST_EXPR_CONTEXT_LOAD));
            nelts++;
        }
        if (nkwelts > 0) {
            RETURN_IF_ERROR(visit_keywords(c, keywords));
            RETURN_IF_ERROR(call_simple_kw_helper(c, loc, keywords, nkwelts));
            return ft_cg_addop_i(c, loc, FT_OP_CALL_KW, n + (int)(nelts + nkwelts));
        }
        return ft_cg_addop_i(c, loc, FT_OP_CALL, n + (int)nelts);
    }
    if (n == 0 && nelts == 1 && ((const FtAstExpr *)args->items[0])->kind == FT_AST_EXPR_STARRED) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, ((const FtAstExpr *)args->items[0])->v.starred.value));
    }
    else {
        RETURN_IF_ERROR(starunpack_helper(c, loc, args, injected, n, FT_OP_BUILD_LIST,
                                          FT_OP_LIST_APPEND, FT_OP_LIST_EXTEND, true));
    }
    if (nkwelts > 0) {
        bool have_dict = false;
        ptrdiff_t nseen = 0;
        for (ptrdiff_t i = 0; i < nkwelts; i++) {
            const FtAstKeyword *kw = keywords->items[i];
            if (kw->arg == NULL) {
                if (nseen > 0) {
                    RETURN_IF_ERROR(subkwargs(c, loc, keywords, i - nseen, i));
                    if (have_dict)
                        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_MERGE, 1));
                    have_dict = true;
                    nseen = 0;
                }
                if (!have_dict) {
                    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, 0));
                    have_dict = true;
                }
                RETURN_IF_ERROR(ft_cg_visit_expr(c, kw->value));
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_MERGE, 1));
            }
            else {
                nseen++;
            }
        }
        if (nseen > 0) {
            RETURN_IF_ERROR(subkwargs(c, loc, keywords, nkwelts - nseen, nkwelts));
            if (have_dict)
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_MERGE, 1));
        }
    }
    else {
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_PUSH_NULL));
    }
    return ft_cg_addop(c, loc, FT_OP_CALL_FUNCTION_EX);
}

int
ft_cg_call_helper(FtCompiler *c, FtLocation loc, int n_already, const FtAstSeq *args,
                  const FtAstSeq *keywords)
{
    return call_helper_impl(c, loc, n_already, args, NULL, keywords);
}

int
ft_cg_call_helper_injected(FtCompiler *c, FtLocation loc, int n_already, const FtAstSeq *args,
                           const char *injected, const FtAstSeq *keywords)
{
    return call_helper_impl(c, loc, n_already, args, injected, keywords);
}

// A Name bound by an import at module level (CPython's is_import_originated).
static bool
is_import_originated(FtCompiler *c, const FtAstExpr *e)
{
    if (e->kind != FT_AST_EXPR_NAME)
        return false;
    return (ft_symtable_get_symbol(c->st->top, e->v.name.id) & FT_SYMTABLE_DEF_IMPORT) != 0;
}

// 1 when `super(...).attr` can become LOAD_SUPER_ATTR, 0 when not, -1 on error.
static int
can_optimize_super_call(FtCompiler *c, const FtAstExpr *attr)
{
    const FtAstExpr *e = attr->v.attribute.value;
    if (e->kind != FT_AST_EXPR_CALL || e->v.call.func->kind != FT_AST_EXPR_NAME
        || strcmp(e->v.call.func->v.name.id, "super") != 0
        || strcmp(attr->v.attribute.attr, "__class__") == 0 || seq_len(e->v.call.keywords) != 0)
        return 0;
    ptrdiff_t nargs = seq_len(e->v.call.args);
    if (ft_symtable_get_scope(c->u->ste, "super") != FT_SYMTABLE_GLOBAL_IMPLICIT)
        return 0;
    if (ft_symtable_get_scope(c->st->top, "super") != 0)
        return 0;
    if (nargs == 2) {
        for (ptrdiff_t i = 0; i < 2; i++)
            if (((const FtAstExpr *)e->v.call.args->items[i])->kind == FT_AST_EXPR_STARRED)
                return 0;
        return 1;
    }
    if (nargs != 0)
        return 0;
    if (c->u->metadata.argcount == 0 && c->u->metadata.posonlyargcount == 0)
        return 0;
    int ref = ft_cg_get_ref_type(c, "__class__");
    RETURN_IF_ERROR(ref);
    return ref == FT_SYMTABLE_FREE;
}

static int
load_args_for_super(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    RETURN_IF_ERROR(ft_cg_nameop(c, ft_cg_loc_expr(e->v.call.func), e->v.call.func->v.name.id,
                                 FT_AST_EXPR_CONTEXT_LOAD));
    if (seq_len(e->v.call.args) == 2) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.call.args->items[0]));
        return ft_cg_visit_expr(c, e->v.call.args->items[1]);
    }
    RETURN_IF_ERROR(ft_cg_nameop(c, loc, "__class__", FT_AST_EXPR_CONTEXT_LOAD));
    // The first parameter (self).
    FtObject *varnames = c->u->metadata.varnames;
    FtObject *first = NULL;
    Ft_ssize pos = 0;
    FtObject *k, *v;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(varnames);
    while (ft_dict_next(varnames, &pos, &k, &v)) {
        first = k;
        ft_incref(first);
        break;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (first == NULL) {
        ft_error_set_string(&ft_exc_system_error, "super() optimization without a first argument");
        return -1;
    }
    int rc = ft_cg_nameop(c, loc, ft_str_as_utf8(first, NULL), FT_AST_EXPR_CONTEXT_LOAD);
    ft_decref(first);
    return rc;
}

// 1 when the call was compiled as a method call (LOAD_ATTR with the method bit), 0 when not.
static int
maybe_optimize_method_call(FtCompiler *c, const FtAstExpr *e)
{
    const FtAstExpr *meth = e->v.call.func;
    const FtAstSeq *args = e->v.call.args, *kwds = e->v.call.keywords;
    if (meth->kind != FT_AST_EXPR_ATTRIBUTE || meth->v.attribute.ctx != FT_AST_EXPR_CONTEXT_LOAD)
        return 0;
    if (is_import_originated(c, meth->v.attribute.value))
        return 0;
    ptrdiff_t argsl = seq_len(args), kwdsl = seq_len(kwds);
    if (argsl + kwdsl + (kwdsl != 0) >= STACK_USE_GUIDELINE)
        return 0;
    for (ptrdiff_t i = 0; i < argsl; i++)
        if (((const FtAstExpr *)args->items[i])->kind == FT_AST_EXPR_STARRED)
            return 0;
    for (ptrdiff_t i = 0; i < kwdsl; i++)
        if (((const FtAstKeyword *)kwds->items[i])->arg == NULL)
            return 0;
    FtLocation loc = ft_cg_loc_expr(meth);
    int super = can_optimize_super_call(c, meth);
    RETURN_IF_ERROR(super);
    if (super) {
        const FtAstExpr *call = meth->v.attribute.value;
        RETURN_IF_ERROR(load_args_for_super(c, call));
        int low = seq_len(call->v.call.args) > 0 ? 3 : 1;
        RETURN_IF_ERROR(ft_cg_addop_name_bits(c, loc, FT_OP_LOAD_SUPER_ATTR, meth->v.attribute.attr,
                                              2, low));
        loc = ft_cg_attr_loc(loc, meth);
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_NOP));
    }
    else {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, meth->v.attribute.value));
        loc = ft_cg_attr_loc(loc, meth);
        RETURN_IF_ERROR(
            ft_cg_addop_name_bits(c, loc, FT_OP_LOAD_ATTR, meth->v.attribute.attr, 1, 1));
    }
    RETURN_IF_ERROR(visit_seq(c, args));
    if (kwdsl > 0) {
        RETURN_IF_ERROR(visit_keywords(c, kwds));
        RETURN_IF_ERROR(call_simple_kw_helper(c, loc, kwds, kwdsl));
        loc = ft_cg_attr_loc(ft_cg_loc_expr(e), meth);
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_KW, (int)(argsl + kwdsl)));
    }
    else {
        loc = ft_cg_attr_loc(ft_cg_loc_expr(e), meth);
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL, (int)argsl));
    }
    return 1;
}

// all(genexp), any(genexp), tuple(genexp): an inline loop when the name is still the builtin
// (CPython's maybe_optimize_function_call). 1 when emitted (jumping to end), 0 when not.
static int
maybe_optimize_function_call(FtCompiler *c, const FtAstExpr *e, FtLabel end)
{
    const FtAstExpr *func = e->v.call.func;
    const FtAstSeq *args = e->v.call.args;
    if (!(func->kind == FT_AST_EXPR_NAME && seq_len(args) == 1 && seq_len(e->v.call.keywords) == 0
          && ((const FtAstExpr *)args->items[0])->kind == FT_AST_EXPR_GENERATOR_EXP))
        return 0;
    // An asynchronous generator expression is left to the call (CPython 3.14.x).
    const FtSymtableEntry *gen_ste = ft_symtable_lookup(c->st, args->items[0]);
    if (gen_ste != NULL && gen_ste->coroutine)
        return 0;
    FtLocation loc = ft_cg_loc_expr(func);
    FtLabel skip;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &skip));
    int const_oparg = -1, continue_jump = -1;
    FtObject *initial = NULL;
    if (strcmp(func->v.name.id, "all") == 0) {
        const_oparg = FT_CONSTANT_BUILTIN_ALL;
        initial = FT_TRUE;
        continue_jump = FT_OP_POP_JUMP_IF_TRUE;
    }
    else if (strcmp(func->v.name.id, "any") == 0) {
        const_oparg = FT_CONSTANT_BUILTIN_ANY;
        initial = FT_FALSE;
        continue_jump = FT_OP_POP_JUMP_IF_FALSE;
    }
    else if (strcmp(func->v.name.id, "tuple") == 0) {
        const_oparg = FT_CONSTANT_BUILTIN_TUPLE;
    }
    int optimized = 0;
    if (const_oparg != -1) {
        bool is_tuple = const_oparg == FT_CONSTANT_BUILTIN_TUPLE;
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_COMMON_CONSTANT, const_oparg));
        RETURN_IF_ERROR(add_compare(c, loc, FT_AST_CMPOP_IS));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_POP_JUMP_IF_FALSE, skip));
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
        if (is_tuple)
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_LIST, 0));
        RETURN_IF_ERROR(ft_cg_visit_expr(c, args->items[0]));
        FtLabel loop, cleanup;
        RETURN_IF_ERROR(ft_cg_new_label_checked(c, &loop));
        RETURN_IF_ERROR(ft_cg_new_label_checked(c, &cleanup));
        RETURN_IF_ERROR(ft_cg_use_label(c, loop));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_FOR_ITER, cleanup));
        if (is_tuple) {
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LIST_APPEND, 2));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_JUMP, loop));
        }
        else {
            RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_TO_BOOL));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, continue_jump, loop));
        }
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_ITER));
        if (!is_tuple)
            RETURN_IF_ERROR(ft_cg_addop_load_const(c, loc, initial == FT_TRUE ? FT_FALSE : FT_TRUE));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_JUMP, end));
        RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_END_FOR));
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_ITER));
        if (is_tuple)
            RETURN_IF_ERROR(
                ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_LIST_TO_TUPLE));
        else
            RETURN_IF_ERROR(ft_cg_addop_load_const(c, loc, initial));
        optimized = 1;
        RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_JUMP, end));
    }
    RETURN_IF_ERROR(ft_cg_use_label(c, skip));
    return optimized;
}

static int
call(FtCompiler *c, const FtAstExpr *e)
{
    RETURN_IF_ERROR(validate_keywords(c, e->v.call.keywords));
    int r = maybe_optimize_method_call(c, e);
    RETURN_IF_ERROR(r);
    if (r == 1)
        return 0;
    FtLabel skip_normal_call;
    RETURN_IF_ERROR(ft_cg_new_label_checked(c, &skip_normal_call));
    // TODO(#4): the "'X' object is not callable; perhaps you missed a comma?" SyntaxWarning.
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.call.func));
    RETURN_IF_ERROR(maybe_optimize_function_call(c, e, skip_normal_call));
    RETURN_IF_ERROR(ft_cg_addop(c, ft_cg_loc_expr(e->v.call.func), FT_OP_PUSH_NULL));
    RETURN_IF_ERROR(ft_cg_call_helper(c, ft_cg_loc_expr(e), 0, e->v.call.args, e->v.call.keywords));
    return ft_cg_use_label(c, skip_normal_call);
}

// self.x = ... inside a method: record x in the nearest enclosing class's __static_attributes__.
static int
maybe_add_static_attribute(FtCompiler *c, const FtAstExpr *e)
{
    const FtAstExpr *value = e->v.attribute.value;
    if (value->kind != FT_AST_EXPR_NAME || e->v.attribute.ctx != FT_AST_EXPR_CONTEXT_STORE
        || strcmp(value->v.name.id, "self") != 0)
        return 0;
    for (FtCgUnit *u = c->u->parent; u != NULL; u = u->parent) {
        if (u->scope == FT_CG_SCOPE_CLASS) {
            FtObject *name = ft_str_from_cstr_ref(e->v.attribute.attr);
            if (name == NULL)
                return -1;
            int rc = ft_dict_set_item(u->static_attributes, name, FT_NONE);
            ft_decref(name);
            return rc;
        }
    }
    return 0;
}

static int
attribute(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    if (e->v.attribute.ctx == FT_AST_EXPR_CONTEXT_LOAD) {
        int super = can_optimize_super_call(c, e);
        RETURN_IF_ERROR(super);
        if (super) {
            const FtAstExpr *call_e = e->v.attribute.value;
            RETURN_IF_ERROR(load_args_for_super(c, call_e));
            int low = seq_len(call_e->v.call.args) > 0 ? 2 : 0;
            RETURN_IF_ERROR(
                ft_cg_addop_name_bits(c, loc, FT_OP_LOAD_SUPER_ATTR, e->v.attribute.attr, 2, low));
            return ft_cg_addop(c, ft_cg_attr_loc(loc, e), FT_OP_NOP);
        }
    }
    RETURN_IF_ERROR(maybe_add_static_attribute(c, e));
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.attribute.value));
    loc = ft_cg_attr_loc(loc, e);
    switch (e->v.attribute.ctx) {
    case FT_AST_EXPR_CONTEXT_LOAD:
        return ft_cg_addop_name_bits(c, loc, FT_OP_LOAD_ATTR, e->v.attribute.attr, 1, 0);
    case FT_AST_EXPR_CONTEXT_STORE:
        return ft_cg_addop_name(c, loc, FT_OP_STORE_ATTR, e->v.attribute.attr);
    default:
        return ft_cg_addop_name(c, loc, FT_OP_DELETE_ATTR, e->v.attribute.attr);
    }
}

static int
subscript(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    FtAstExprContext ctx = e->v.subscript.ctx;
    // TODO(#4): the "object is not subscriptable; perhaps you missed a comma?" SyntaxWarnings.
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.subscript.value));
    if (ft_cg_is_two_element_slice(e->v.subscript.slice) && ctx != FT_AST_EXPR_CONTEXT_DEL) {
        RETURN_IF_ERROR(ft_cg_slice_two_parts(c, e->v.subscript.slice));
        return ft_cg_addop(c, loc, ctx == FT_AST_EXPR_CONTEXT_LOAD ? FT_OP_BINARY_SLICE
                                                                   : FT_OP_STORE_SLICE);
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.subscript.slice));
    switch (ctx) {
    case FT_AST_EXPR_CONTEXT_LOAD:
        return ft_cg_addop_i(c, loc, FT_OP_BINARY_OP, FT_NB_SUBSCR);
    case FT_AST_EXPR_CONTEXT_STORE:
        return ft_cg_addop(c, loc, FT_OP_STORE_SUBSCR);
    default:
        return ft_cg_addop(c, loc, FT_OP_DELETE_SUBSCR);
    }
}

static int
slice(FtCompiler *c, const FtAstExpr *s)
{
    FtLocation loc = ft_cg_loc_expr(s);
    if (is_constant_slice(s)) {
        FtObject *parts[3] = {NULL, NULL, NULL};
        const FtAstExpr *exprs[3] = {s->v.slice.lower, s->v.slice.upper, s->v.slice.step};
        int rc = 0;
        for (int i = 0; i < 3 && rc == 0; i++) {
            if (exprs[i] != NULL) {
                parts[i] = ft_cg_constant_ref(c, exprs[i]->v.constant.value);
                if (parts[i] == NULL)
                    rc = -1;
            }
        }
        FtObject *sl = rc == 0 ? ft_slice_new_ref(parts[0], parts[1], parts[2]) : NULL;
        for (int i = 0; i < 3; i++)
            ft_xdecref(parts[i]);
        return ft_cg_addop_load_const_steal(c, loc, sl);
    }
    RETURN_IF_ERROR(ft_cg_slice_two_parts(c, s));
    int n = 2;
    if (s->v.slice.step != NULL) {
        n++;
        RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.slice.step));
    }
    return ft_cg_addop_i(c, loc, FT_OP_BUILD_SLICE, n);
}

static int
unary_op(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.unary_op.operand));
    switch (e->v.unary_op.op) {
    case FT_AST_UNARYOP_UADD:
        return ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_UNARY_POSITIVE);
    case FT_AST_UNARYOP_NOT:
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_TO_BOOL));
        return ft_cg_addop(c, loc, FT_OP_UNARY_NOT);
    case FT_AST_UNARYOP_INVERT:
        return ft_cg_addop(c, loc, FT_OP_UNARY_INVERT);
    case FT_AST_UNARYOP_USUB:
        return ft_cg_addop(c, loc, FT_OP_UNARY_NEGATIVE);
    }
    ft_error_set_string(&ft_exc_system_error, "unknown unary operator");
    return -1;
}

// CPython's MAXDIGITS in Python/ast_preprocess.c.
enum { FORMAT_MAX_DIGITS = 3 };

// One conversion of a printf-style format at fmt[*pos] (after the '%'): flags, width, precision
// and the conversion character. 0 when the format ends first.
static int
format_arg_parse(const char *fmt, size_t len, size_t *pos, int *spec, bool *ljust, int *width,
                 int *prec)
{
    size_t p = *pos;
    unsigned char ch;
    *ljust = false;
    for (;;) {
        if (p >= len)
            return 0;
        ch = (unsigned char)fmt[p++];
        if (ch == '-')
            *ljust = true;
        else if (ch != '+' && ch != ' ' && ch != '#' && ch != '0')
            break;
    }
    // Widths and precisions of at most FORMAT_MAX_DIGITS - 1 digits only, as CPython.
    if (ch >= '0' && ch <= '9') {
        *width = 0;
        for (int digits = 1; ch >= '0' && ch <= '9'; digits++) {
            *width = *width * 10 + (ch - '0');
            if (p >= len || digits >= FORMAT_MAX_DIGITS)
                return 0;
            ch = (unsigned char)fmt[p++];
        }
    }
    if (ch == '.') {
        if (p >= len)
            return 0;
        ch = (unsigned char)fmt[p++];
        *prec = 0;
        for (int digits = 1; ch >= '0' && ch <= '9'; digits++) {
            *prec = *prec * 10 + (ch - '0');
            if (p >= len || digits >= FORMAT_MAX_DIGITS)
                return 0;
            ch = (unsigned char)fmt[p++];
        }
    }
    *spec = ch;
    *pos = p;
    return 1;
}

static FtAstExpr *
str_constant_node(FtCompiler *c, const char *data, size_t len)
{
    FtAstConstant *k = ft_ast_constant_new(FT_AST_CONST_STR, 0.0, data, len, c->arena);
    return k != NULL ? ft_ast_expr_constant(k, NULL, -1, -1, -1, -1, c->arena) : NULL;
}

// The literal text from *pos up to the next lone '%' ("%%" stands for '%'), or NULL when empty.
static int
format_literal(FtCompiler *c, const char *fmt, size_t len, size_t *pos, FtAstExpr **out)
{
    size_t start = *pos, p = *pos;
    char *text = ft_arena_alloc(c->arena, len - start + 1);
    if (text == NULL)
        return -1;
    size_t n = 0;
    while (p < len) {
        if (fmt[p] != '%') {
            text[n++] = fmt[p++];
        }
        else if (p + 1 < len && fmt[p + 1] == '%') {
            text[n++] = '%';
            p += 2;
        }
        else {
            break;
        }
    }
    *pos = p;
    *out = NULL;
    if (p == start)
        return 0;
    *out = str_constant_node(c, text, n);
    return *out != NULL ? 0 : -1;
}

// The JoinedStr that `fmt % (elts)` becomes, *out NULL when the format is not one CPython rewrites.
static int
percent_format(FtCompiler *c, const FtAstExpr *e, FtAstExpr **out)
{
    *out = NULL;
    const FtAstConstant *k = e->v.bin_op.left->v.constant.value;
    const FtAstSeq *elts = e->v.bin_op.right->v.tuple.elts;
    ptrdiff_t nelts = seq_len(elts);
    FtAstSeq *seq = ft_ast_seq_new(nelts * 2 + 1, c->arena);
    if (seq == NULL)
        return -1;
    ptrdiff_t n = 0, cnt = 0;
    size_t pos = 0, len = k->len;
    const char *fmt = k->data;
    for (;;) {
        FtAstExpr *lit;
        RETURN_IF_ERROR(format_literal(c, fmt, len, &pos, &lit));
        if (lit != NULL)
            seq->items[n++] = lit;
        if (pos >= len)
            break;
        if (cnt >= nelts)
            return 0;
        pos++;
        int spec = 0, width = -1, prec = -1;
        bool ljust;
        if (!format_arg_parse(fmt, len, &pos, &spec, &ljust, &width, &prec))
            return 0;
        if (spec != 's' && spec != 'r' && spec != 'a')
            return 0;
        char buf[32];
        int b = 0;
        if (!ljust && width > 0)
            buf[b++] = '>';
        if (width >= 0)
            b += snprintf(buf + b, sizeof buf - (size_t)b, "%d", width);
        if (prec >= 0)
            b += snprintf(buf + b, sizeof buf - (size_t)b, ".%d", prec);
        FtAstExpr *spec_node = NULL;
        if (b > 0 && (spec_node = str_constant_node(c, buf, (size_t)b)) == NULL)
            return -1;
        FtAstExpr *arg = elts->items[cnt++];
        FtAstExpr *fv = ft_ast_expr_formatted_value(arg, spec, spec_node, arg->lineno,
                                                    arg->col_offset, arg->end_lineno,
                                                    arg->end_col_offset, c->arena);
        if (fv == NULL)
            return -1;
        seq->items[n++] = fv;
    }
    if (cnt < nelts)
        return 0;
    seq->size = n;
    *out = ft_ast_expr_joined_str(seq, e->lineno, e->col_offset, e->end_lineno, e->end_col_offset,
                                  c->arena);
    return *out != NULL ? 0 : -1;
}

static int
bin_op(FtCompiler *c, const FtAstExpr *e)
{
    const FtAstExpr *left = e->v.bin_op.left, *right = e->v.bin_op.right;
    if (e->v.bin_op.op == FT_AST_OPERATOR_MOD && left->kind == FT_AST_EXPR_CONSTANT
        && left->v.constant.value->kind == FT_AST_CONST_STR && right->kind == FT_AST_EXPR_TUPLE) {
        bool starred = false;
        for (ptrdiff_t i = 0; i < seq_len(right->v.tuple.elts) && !starred; i++)
            starred = ((const FtAstExpr *)right->v.tuple.elts->items[i])->kind
                      == FT_AST_EXPR_STARRED;
        FtAstExpr *joined = NULL;
        if (!starred && percent_format(c, e, &joined) < 0) {
            ft_error_no_memory();
            return -1;
        }
        if (joined != NULL)
            return ft_cg_joined_str(c, joined);
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, left));
    RETURN_IF_ERROR(ft_cg_visit_expr(c, right));
    return ft_cg_addop_i(c, ft_cg_loc_expr(e), FT_OP_BINARY_OP, binary_oparg(e->v.bin_op.op));
}

static int
visit_expr_kind(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    switch (e->kind) {
    case FT_AST_EXPR_NAMED_EXPR:
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.named_expr.value));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
        return ft_cg_visit_expr(c, e->v.named_expr.target);
    case FT_AST_EXPR_BOOL_OP:
        return bool_op(c, e);
    case FT_AST_EXPR_BIN_OP:
        return bin_op(c, e);
    case FT_AST_EXPR_UNARY_OP:
        return unary_op(c, e);
    case FT_AST_EXPR_LAMBDA:
        return ft_cg_lambda(c, e);
    case FT_AST_EXPR_IF_EXP:
        return if_exp(c, e);
    case FT_AST_EXPR_DICT:
        return dict_display(c, e);
    case FT_AST_EXPR_SET:
        return starunpack_helper(c, loc, e->v.set.elts, NULL, 0, FT_OP_BUILD_SET, FT_OP_SET_ADD,
                                 FT_OP_SET_UPDATE, false);
    case FT_AST_EXPR_LIST_COMP:
    case FT_AST_EXPR_SET_COMP:
    case FT_AST_EXPR_DICT_COMP:
    case FT_AST_EXPR_GENERATOR_EXP:
        return ft_cg_comprehension(c, e);
    case FT_AST_EXPR_AWAIT:
        return ft_cg_await(c, e);
    case FT_AST_EXPR_YIELD:
        return ft_cg_yield(c, e);
    case FT_AST_EXPR_YIELD_FROM:
        return ft_cg_yield_from(c, e);
    case FT_AST_EXPR_COMPARE:
        return compare(c, e);
    case FT_AST_EXPR_CALL:
        return call(c, e);
    case FT_AST_EXPR_FORMATTED_VALUE:
        return ft_cg_formatted_value(c, e);
    case FT_AST_EXPR_INTERPOLATION:
        return ft_cg_interpolation(c, e);
    case FT_AST_EXPR_JOINED_STR:
        return ft_cg_joined_str(c, e);
    case FT_AST_EXPR_TEMPLATE_STR:
        return ft_cg_template_str(c, e);
    case FT_AST_EXPR_CONSTANT:
        return ft_cg_addop_load_const_steal(c, loc, ft_cg_constant_ref(c, e->v.constant.value));
    case FT_AST_EXPR_ATTRIBUTE:
        return attribute(c, e);
    case FT_AST_EXPR_SUBSCRIPT:
        return subscript(c, e);
    case FT_AST_EXPR_STARRED:
        if (e->v.starred.ctx == FT_AST_EXPR_CONTEXT_STORE)
            return ft_cg_error(c, loc, "starred assignment target must be in a list or tuple");
        return ft_cg_error(c, loc, "can't use starred expression here");
    case FT_AST_EXPR_SLICE:
        return slice(c, e);
    case FT_AST_EXPR_NAME:
        return ft_cg_nameop(c, loc, e->v.name.id, e->v.name.ctx);
    case FT_AST_EXPR_LIST:
        return sequence_display(c, e, e->v.list.elts, e->v.list.ctx, false);
    case FT_AST_EXPR_TUPLE:
        return sequence_display(c, e, e->v.tuple.elts, e->v.tuple.ctx, true);
    }
    ft_error_format(&ft_exc_system_error, "unknown expression kind %d", (int)e->kind);
    return -1;
}

int
ft_cg_visit_expr(FtCompiler *c, const FtAstExpr *e)
{
    if (++c->depth > MAX_EXPR_DEPTH) {
        c->depth--;
        ft_error_set_string(&ft_exc_recursion_error,
                            "maximum recursion depth exceeded during compilation");
        return -1;
    }
    int rc = visit_expr_kind(c, e);
    c->depth--;
    return rc;
}

// compiler/codegen_annotations.c: annotations as strings for `from __future__ import annotations`
// (PEP 563): the source text CPython's AST unparser produces for an expression
// (Python/ast_unparse.c, _PyAST_ExprAsUnicode), loaded as a constant.
//
// Owns: the unparsing rules: operator precedence and the parentheses it implies, the spelling of
// constants (repr, with infinities as 1e309), subscripts with bare tuples, calls and slices.
// Invariant: unparse(e) parses back to an expression equal to e (CPython's guarantee), within the
// expression kinds handled here; the others raise SystemError (TODO(#4)).
// Concurrency: runs on the compiling thread only (see compiler/codegen_internal.h).
#include <stdint.h>   // intptr_t
#include <string.h>   // strlen strncmp strstr

#include "compiler/ast.h"               // FtAstBuf
#include "compiler/codegen_internal.h"
#include "objects/error.h"              // ft_error_*
#include "objects/object.h"             // ft_object_repr_ref
#include "objects/str.h"                // ft_str_*
#include "runtime/refcount.h"           // ft_decref

// Precedence levels, loosest first (CPython's ast_unparse.c).
enum {
    PR_TUPLE,
    PR_TEST,
    PR_OR,
    PR_AND,
    PR_NOT,
    PR_CMP,
    PR_EXPR,
    PR_BOR = PR_EXPR,
    PR_BXOR,
    PR_BAND,
    PR_SHIFT,
    PR_ARITH,
    PR_TERM,
    PR_FACTOR,
    PR_POWER,
    PR_AWAIT,
    PR_ATOM,
};

typedef struct Unparser {
    FtCompiler *c;
    FtAstBuf buf;
    bool unsupported;   // an expression kind this file does not handle (SystemError)
} Unparser;

static int unparse(Unparser *up, const FtAstExpr *e, int level);

static int
put(Unparser *up, const char *s)
{
    return ft_ast_buf_append(&up->buf, s, strlen(s));
}

static int
put_if(Unparser *up, bool cond, const char *s)
{
    return cond ? put(up, s) : 0;
}

#define RETURN_IF_ERROR(x)   \
    do {                     \
        if ((x) < 0)         \
            return -1;       \
    } while (0)

static int
unparse_seq(Unparser *up, const FtAstSeq *elts, int level)
{
    for (ptrdiff_t i = 0; elts != NULL && i < elts->size; i++) {
        RETURN_IF_ERROR(put_if(up, i > 0, ", "));
        RETURN_IF_ERROR(unparse(up, elts->items[i], level));
    }
    return 0;
}

static int
unparse_constant(Unparser *up, const FtAstConstant *k)
{
    if (k->kind == FT_AST_CONST_ELLIPSIS)
        return put(up, "...");
    FtObject *v = ft_cg_constant_ref(up->c, k);
    if (v == NULL)
        return -1;
    FtObject *r = ft_object_repr_ref(v);
    ft_decref(v);
    if (r == NULL)
        return -1;
    Ft_ssize n;
    const char *s = ft_str_as_utf8(r, &n);
    int rc = 0;
    // Infinite floats and complex numbers print as 1e309, which parses back to inf.
    if ((k->kind == FT_AST_CONST_FLOAT || k->kind == FT_AST_CONST_COMPLEX) && strstr(s, "inf") != NULL) {
        for (const char *p = s; *p && rc == 0; p++) {
            if (strncmp(p, "inf", 3) == 0) {
                rc = put(up, "1e309");
                p += 2;
            }
            else {
                rc = ft_ast_buf_append(&up->buf, p, 1);
            }
        }
    }
    else {
        rc = ft_ast_buf_append(&up->buf, s, (size_t)n);
    }
    ft_decref(r);
    return rc;
}

static const char *
binop_text(FtAstOperator op, int *pr)
{
    switch (op) {
    case FT_AST_OPERATOR_ADD: *pr = PR_ARITH; return " + ";
    case FT_AST_OPERATOR_SUB: *pr = PR_ARITH; return " - ";
    case FT_AST_OPERATOR_MULT: *pr = PR_TERM; return " * ";
    case FT_AST_OPERATOR_MAT_MULT: *pr = PR_TERM; return " @ ";
    case FT_AST_OPERATOR_DIV: *pr = PR_TERM; return " / ";
    case FT_AST_OPERATOR_MOD: *pr = PR_TERM; return " % ";
    case FT_AST_OPERATOR_LSHIFT: *pr = PR_SHIFT; return " << ";
    case FT_AST_OPERATOR_RSHIFT: *pr = PR_SHIFT; return " >> ";
    case FT_AST_OPERATOR_BIT_OR: *pr = PR_BOR; return " | ";
    case FT_AST_OPERATOR_BIT_XOR: *pr = PR_BXOR; return " ^ ";
    case FT_AST_OPERATOR_BIT_AND: *pr = PR_BAND; return " & ";
    case FT_AST_OPERATOR_FLOOR_DIV: *pr = PR_TERM; return " // ";
    case FT_AST_OPERATOR_POW: *pr = PR_POWER; return " ** ";
    }
    *pr = PR_ATOM;
    return " ? ";
}

static const char *
cmpop_text(FtAstCmpop op)
{
    switch (op) {
    case FT_AST_CMPOP_EQ: return " == ";
    case FT_AST_CMPOP_NOT_EQ: return " != ";
    case FT_AST_CMPOP_LT: return " < ";
    case FT_AST_CMPOP_LT_E: return " <= ";
    case FT_AST_CMPOP_GT: return " > ";
    case FT_AST_CMPOP_GT_E: return " >= ";
    case FT_AST_CMPOP_IS: return " is ";
    case FT_AST_CMPOP_IS_NOT: return " is not ";
    case FT_AST_CMPOP_IN: return " in ";
    case FT_AST_CMPOP_NOT_IN: return " not in ";
    }
    return " ? ";
}

static int
unparse_call(Unparser *up, const FtAstExpr *e)
{
    RETURN_IF_ERROR(unparse(up, e->v.call.func, PR_ATOM));
    const FtAstSeq *args = e->v.call.args, *kws = e->v.call.keywords;
    ptrdiff_t nargs = args != NULL ? args->size : 0, nkws = kws != NULL ? kws->size : 0;
    if (nargs == 1 && nkws == 0
        && ((const FtAstExpr *)args->items[0])->kind == FT_AST_EXPR_GENERATOR_EXP)
        return unparse(up, args->items[0], PR_TEST);
    RETURN_IF_ERROR(put(up, "("));
    RETURN_IF_ERROR(unparse_seq(up, args, PR_TEST));
    for (ptrdiff_t i = 0; i < nkws; i++) {
        const FtAstKeyword *kw = kws->items[i];
        RETURN_IF_ERROR(put_if(up, i > 0 || nargs > 0, ", "));
        if (kw->arg != NULL) {
            RETURN_IF_ERROR(put(up, kw->arg));
            RETURN_IF_ERROR(put(up, "="));
        }
        else {
            RETURN_IF_ERROR(put(up, "**"));
        }
        RETURN_IF_ERROR(unparse(up, kw->value, PR_TEST));
    }
    return put(up, ")");
}

static int
unparse_dict(Unparser *up, const FtAstExpr *e)
{
    RETURN_IF_ERROR(put(up, "{"));
    const FtAstSeq *keys = e->v.dict.keys, *values = e->v.dict.values;
    for (ptrdiff_t i = 0; values != NULL && i < values->size; i++) {
        RETURN_IF_ERROR(put_if(up, i > 0, ", "));
        const FtAstExpr *key = keys->items[i];
        if (key != NULL) {
            RETURN_IF_ERROR(unparse(up, key, PR_TEST));
            RETURN_IF_ERROR(put(up, ": "));
            RETURN_IF_ERROR(unparse(up, values->items[i], PR_TEST));
        }
        else {
            RETURN_IF_ERROR(put(up, "**"));
            RETURN_IF_ERROR(unparse(up, values->items[i], PR_EXPR));
        }
    }
    return put(up, "}");
}

static int
unparse_subscript(Unparser *up, const FtAstExpr *e)
{
    const FtAstExpr *slice = e->v.subscript.slice;
    RETURN_IF_ERROR(unparse(up, e->v.subscript.value, PR_ATOM));
    RETURN_IF_ERROR(put(up, "["));
    if (slice->kind == FT_AST_EXPR_TUPLE && slice->v.tuple.elts != NULL
        && slice->v.tuple.elts->size > 0) {
        const FtAstSeq *elts = slice->v.tuple.elts;
        for (ptrdiff_t i = 0; i < elts->size; i++) {
            RETURN_IF_ERROR(put_if(up, i > 0, ", "));
            RETURN_IF_ERROR(unparse(up, elts->items[i], PR_TUPLE));
        }
        RETURN_IF_ERROR(put_if(up, elts->size == 1, ","));
    }
    else {
        RETURN_IF_ERROR(unparse(up, slice, PR_TUPLE));
    }
    return put(up, "]");
}

static int
unparse(Unparser *up, const FtAstExpr *e, int level)
{
    if (++up->c->depth > 20000) {
        up->c->depth--;
        up->unsupported = true;
        return -1;
    }
    int rc = 0;
    int pr;
    switch (e->kind) {
    case FT_AST_EXPR_BOOL_OP: {
        bool is_and = e->v.bool_op.op == FT_AST_BOOLOP_AND;
        pr = is_and ? PR_AND : PR_OR;
        rc = put_if(up, level > pr, "(");
        const FtAstSeq *values = e->v.bool_op.values;
        for (ptrdiff_t i = 0; rc == 0 && i < values->size; i++) {
            if (i > 0)
                rc = put(up, is_and ? " and " : " or ");
            if (rc == 0)
                rc = unparse(up, values->items[i], pr + 1);
        }
        if (rc == 0)
            rc = put_if(up, level > pr, ")");
        break;
    }
    case FT_AST_EXPR_BIN_OP: {
        const char *op = binop_text(e->v.bin_op.op, &pr);
        int rassoc = e->v.bin_op.op == FT_AST_OPERATOR_POW;
        if ((rc = put_if(up, level > pr, "(")) == 0 && (rc = unparse(up, e->v.bin_op.left, pr + rassoc)) == 0
            && (rc = put(up, op)) == 0 && (rc = unparse(up, e->v.bin_op.right, pr + !rassoc)) == 0)
            rc = put_if(up, level > pr, ")");
        break;
    }
    case FT_AST_EXPR_UNARY_OP: {
        const char *op;
        switch (e->v.unary_op.op) {
        case FT_AST_UNARYOP_INVERT: op = "~"; pr = PR_FACTOR; break;
        case FT_AST_UNARYOP_NOT: op = "not "; pr = PR_NOT; break;
        case FT_AST_UNARYOP_UADD: op = "+"; pr = PR_FACTOR; break;
        default: op = "-"; pr = PR_FACTOR; break;
        }
        if ((rc = put_if(up, level > pr, "(")) == 0 && (rc = put(up, op)) == 0
            && (rc = unparse(up, e->v.unary_op.operand, pr)) == 0)
            rc = put_if(up, level > pr, ")");
        break;
    }
    case FT_AST_EXPR_IF_EXP:
        if ((rc = put_if(up, level > PR_TEST, "(")) == 0
            && (rc = unparse(up, e->v.if_exp.body, PR_TEST + 1)) == 0 && (rc = put(up, " if ")) == 0
            && (rc = unparse(up, e->v.if_exp.test, PR_TEST + 1)) == 0
            && (rc = put(up, " else ")) == 0 && (rc = unparse(up, e->v.if_exp.orelse, PR_TEST)) == 0)
            rc = put_if(up, level > PR_TEST, ")");
        break;
    case FT_AST_EXPR_DICT:
        rc = unparse_dict(up, e);
        break;
    case FT_AST_EXPR_SET:
        if (e->v.set.elts == NULL || e->v.set.elts->size == 0)
            rc = put(up, "{*()}");
        else if ((rc = put(up, "{")) == 0 && (rc = unparse_seq(up, e->v.set.elts, PR_TEST)) == 0)
            rc = put(up, "}");
        break;
    case FT_AST_EXPR_COMPARE: {
        if ((rc = put_if(up, level > PR_CMP, "(")) == 0)
            rc = unparse(up, e->v.compare.left, PR_CMP + 1);
        for (ptrdiff_t i = 0; rc == 0 && i < e->v.compare.ops->size; i++) {
            rc = put(up, cmpop_text((FtAstCmpop)(intptr_t)e->v.compare.ops->items[i]));
            if (rc == 0)
                rc = unparse(up, e->v.compare.comparators->items[i], PR_CMP + 1);
        }
        if (rc == 0)
            rc = put_if(up, level > PR_CMP, ")");
        break;
    }
    case FT_AST_EXPR_CALL:
        rc = unparse_call(up, e);
        break;
    case FT_AST_EXPR_CONSTANT:
        if (e->v.constant.kind != NULL && e->v.constant.kind[0] == 'u')
            rc = put(up, "u");
        if (rc == 0)
            rc = unparse_constant(up, e->v.constant.value);
        break;
    case FT_AST_EXPR_ATTRIBUTE: {
        const FtAstExpr *v = e->v.attribute.value;
        bool int_value = v->kind == FT_AST_EXPR_CONSTANT
                         && v->v.constant.value->kind == FT_AST_CONST_INT;
        if ((rc = unparse(up, v, PR_ATOM)) == 0 && (rc = put(up, int_value ? " ." : ".")) == 0)
            rc = put(up, e->v.attribute.attr);
        break;
    }
    case FT_AST_EXPR_SUBSCRIPT:
        rc = unparse_subscript(up, e);
        break;
    case FT_AST_EXPR_STARRED:
        if ((rc = put(up, "*")) == 0)
            rc = unparse(up, e->v.starred.value, PR_EXPR);
        break;
    case FT_AST_EXPR_NAME:
        rc = put(up, e->v.name.id);
        break;
    case FT_AST_EXPR_LIST:
        if ((rc = put(up, "[")) == 0 && (rc = unparse_seq(up, e->v.list.elts, PR_TEST)) == 0)
            rc = put(up, "]");
        break;
    case FT_AST_EXPR_TUPLE: {
        const FtAstSeq *elts = e->v.tuple.elts;
        if (elts == NULL || elts->size == 0) {
            rc = put(up, "()");
            break;
        }
        if ((rc = put_if(up, level > PR_TUPLE, "(")) == 0 && (rc = unparse_seq(up, elts, PR_TEST)) == 0
            && (rc = put_if(up, elts->size == 1, ",")) == 0)
            rc = put_if(up, level > PR_TUPLE, ")");
        break;
    }
    case FT_AST_EXPR_SLICE:
        if (e->v.slice.lower != NULL)
            rc = unparse(up, e->v.slice.lower, PR_TEST);
        if (rc == 0)
            rc = put(up, ":");
        if (rc == 0 && e->v.slice.upper != NULL)
            rc = unparse(up, e->v.slice.upper, PR_TEST);
        if (rc == 0 && e->v.slice.step != NULL && (rc = put(up, ":")) == 0)
            rc = unparse(up, e->v.slice.step, PR_TEST);
        break;
    case FT_AST_EXPR_NAMED_EXPR:
        if ((rc = put_if(up, level > PR_TUPLE, "(")) == 0
            && (rc = unparse(up, e->v.named_expr.target, PR_ATOM)) == 0
            && (rc = put(up, " := ")) == 0 && (rc = unparse(up, e->v.named_expr.value, PR_ATOM)) == 0)
            rc = put_if(up, level > PR_TUPLE, ")");
        break;
    default:
        // TODO(#4): lambda, comprehensions, f-/t-strings, await and yield in string annotations.
        up->unsupported = true;
        rc = -1;
        break;
    }
    up->c->depth--;
    return rc;
}

int
ft_cg_annotation_as_string(FtCompiler *c, const FtAstExpr *annotation)
{
    Unparser up = {.c = c};
    int rc = unparse(&up, annotation, PR_TEST);
    if (rc < 0) {
        ft_ast_buf_free(&up.buf);
        if (up.unsupported)
            ft_error_set_string(&ft_exc_system_error,
                                "this annotation cannot be turned into a string yet");
        else if (!ft_error_occurred())
            ft_error_no_memory();
        return -1;
    }
    FtObject *text = up.buf.data != NULL ? ft_str_from_utf8_ref(up.buf.data, (Ft_ssize)up.buf.len)
                                         : ft_str_empty_ref();
    ft_ast_buf_free(&up.buf);
    return ft_cg_addop_load_const_steal(c, ft_cg_loc_expr(annotation), text);
}

// compiler/codegen_fstring.c: f-strings and t-strings (CPython 3.14's codegen_joined_str,
// codegen_formatted_value, codegen_template_str and codegen_interpolation).
//
// Owns: how the parts of a JoinedStr become one str (FORMAT_SIMPLE / FORMAT_WITH_SPEC /
// CONVERT_VALUE per replacement field, BUILD_STRING to join, or `''.join([...])` past the stack
// guideline) and how a TemplateStr becomes a string.templatelib.Template (a tuple of the literal
// strings, a tuple of Interpolation objects, BUILD_TEMPLATE). The `=` debug text needs nothing
// here: the parser already turned `{x=}` into the literal "x=" followed by a `!r` field.
//
// Invariant: a template's strings tuple has exactly one more item than its interpolations
// tuple (an empty string stands in wherever two interpolations, or an end, meet).
//
// Concurrency: one compilation runs on one thread and owns all of the state touched here.
#include <stdbool.h>   // bool

#include "compiler/codegen_internal.h"       // FtCompiler ft_cg_*
#include "eval/generated/opcode_ids.gen.h"   // FT_OP_* FT_NB_*
#include "objects/error.h"                   // ft_error_format ft_exc_system_error
#include "objects/str.h"                     // ft_str_empty_ref
#include "runtime/refcount.h"                // ft_decref

#define RETURN_IF_ERROR(x) \
    do { \
        if ((x) < 0) \
            return -1; \
    } while (0)

// CPython's _PY_STACK_USE_GUIDELINE: past this many parts, build the string through a list.
#define STACK_USE_GUIDELINE 30

// CONVERT_VALUE's oparg (CPython's FVC_*); -1 for a conversion character that does not exist.
static int
conversion_oparg(int conversion)
{
    switch (conversion) {
    case 's':
        return 1;
    case 'r':
        return 2;
    case 'a':
        return 3;
    default:
        ft_error_format(&ft_exc_system_error, "Unrecognized conversion character %d", conversion);
        return -1;
    }
}

static int
load_empty_str(FtCompiler *c, FtLocation loc)
{
    FtObject *empty = ft_str_empty_ref();
    if (empty == NULL)
        return -1;
    int rc = ft_cg_addop_load_const(c, loc, empty);
    ft_decref(empty);
    return rc;
}

int
ft_cg_joined_str(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    const FtAstSeq *values = e->v.joined_str.values;
    ptrdiff_t n = values != NULL ? values->size : 0;
    if (n > STACK_USE_GUIDELINE) {
        // ''.join([part, part, ...])
        RETURN_IF_ERROR(load_empty_str(c, loc));
        int idx = ft_cg_name_index(c, "join");
        if (idx < 0)
            return -1;
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_ATTR, (idx << 1) | 1));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_LIST, 0));
        for (ptrdiff_t i = 0; i < n; i++) {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, values->items[i]));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LIST_APPEND, 1));
        }
        return ft_cg_addop_i(c, loc, FT_OP_CALL, 1);
    }
    for (ptrdiff_t i = 0; i < n; i++)
        RETURN_IF_ERROR(ft_cg_visit_expr(c, values->items[i]));
    if (n > 1)
        return ft_cg_addop_i(c, loc, FT_OP_BUILD_STRING, (int)n);
    if (n == 0)
        return load_empty_str(c, loc);
    return 0;
}

int
ft_cg_formatted_value(FtCompiler *c, const FtAstExpr *e)
{
    int conversion = e->v.formatted_value.conversion;
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.formatted_value.value));
    FtLocation loc = ft_cg_loc_expr(e);
    if (conversion != -1) {
        int oparg = conversion_oparg(conversion);
        if (oparg < 0)
            return -1;
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CONVERT_VALUE, oparg));
    }
    if (e->v.formatted_value.format_spec != NULL) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.formatted_value.format_spec));
        return ft_cg_addop(c, loc, FT_OP_FORMAT_WITH_SPEC);
    }
    return ft_cg_addop(c, loc, FT_OP_FORMAT_SIMPLE);
}

int
ft_cg_template_str(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    const FtAstSeq *values = e->v.template_str.values;
    ptrdiff_t n = values != NULL ? values->size : 0;

    // The strings: adjacent literal parts are concatenated (BINARY_OP +=), and an empty string
    // stands in before an interpolation that does not follow a literal, and at the end.
    int strings = 0;
    bool last_was_interpolation = true;
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstExpr *value = values->items[i];
        if (value->kind == FT_AST_EXPR_INTERPOLATION) {
            if (last_was_interpolation) {
                RETURN_IF_ERROR(load_empty_str(c, loc));
                strings++;
            }
            last_was_interpolation = true;
            continue;
        }
        RETURN_IF_ERROR(ft_cg_visit_expr(c, value));
        ptrdiff_t j = i + 1;
        for (; j < n; j++) {
            const FtAstExpr *next = values->items[j];
            if (next->kind == FT_AST_EXPR_INTERPOLATION)
                break;
            RETURN_IF_ERROR(ft_cg_visit_expr(c, next));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BINARY_OP, FT_NB_INPLACE_ADD));
        }
        i = j - 1;
        strings++;
        last_was_interpolation = false;
    }
    if (last_was_interpolation) {
        RETURN_IF_ERROR(load_empty_str(c, loc));
        strings++;
    }
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, strings));

    int interpolations = 0;
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstExpr *value = values->items[i];
        if (value->kind == FT_AST_EXPR_INTERPOLATION) {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, value));
            interpolations++;
        }
    }
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, interpolations));
    return ft_cg_addop(c, loc, FT_OP_BUILD_TEMPLATE);
}

int
ft_cg_interpolation(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.interpolation.value));
    FtObject *text = ft_cg_constant_ref(c, e->v.interpolation.str);
    if (text == NULL)
        return -1;
    int rc = ft_cg_addop_load_const(c, loc, text);
    ft_decref(text);
    RETURN_IF_ERROR(rc);

    // oparg: 2 (value, text) or 3 (with the format spec), conversion in bits 2 and up.
    int oparg = 2;
    if (e->v.interpolation.format_spec != NULL) {
        oparg++;
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.interpolation.format_spec));
    }
    int conversion = e->v.interpolation.conversion;
    if (conversion != -1) {
        int fvc = conversion_oparg(conversion);
        if (fvc < 0)
            return -1;
        oparg |= fvc << 2;
    }
    return ft_cg_addop_i(c, loc, FT_OP_BUILD_INTERPOLATION, oparg);
}

// compiler/codegen_function.c: the function-like units of the code generator: def and async def
// (defaults, keyword-only defaults, annotations, closures, decorators, docstrings), lambda, class
// bodies (__module__, __qualname__, __firstlineno__, __static_attributes__, __classcell__,
// __classdictcell__), module/class bodies with their PEP 649 __annotate__ functions and the
// conditional-annotation bookkeeping. Mirrors CPython 3.14's Python/codegen.c (codegen_function,
// codegen_class, codegen_body, codegen_process_deferred_annotations, ...) and Python/compile.c
// (_PyCompile_CleanDoc, _PyCompile_AddDeferredAnnotation).
//
// Owns: the order in which a definition evaluates its parts (decorators, defaults, annotations,
// the body's code object, the function, the decorator calls, the store).
// Invariant: every unit entered here is exited on every path, error paths included.
// Concurrency: runs on the compiling thread only (see compiler/codegen_internal.h).
#include <stdint.h>    // uintptr_t
#include <stdio.h>     // snprintf
#include <string.h>    // strcmp strlen

#include <mimalloc.h>  // mi_malloc mi_free

#include "compiler/codegen_internal.h"
#include "eval/opcode.h"                // FT_OP_* FT_CONSTANT_* FT_INTRINSIC_*
#include "objects/bigint.h"             // ft_bigint_to_int64
#include "objects/code.h"               // FtCodeObject ft_code_check
#include "objects/dict.h"               // ft_dict_*
#include "objects/error.h"              // ft_error_* ft_exc_*
#include "objects/function.h"           // FT_FUNCTION_ATTR_*
#include "objects/int.h"                // ft_int_*
#include "objects/list.h"               // ft_list_*
#include "objects/object.h"             // FT_GT
#include "objects/str.h"                // ft_str_*
#include "objects/tuple.h"              // ft_tuple_*
#include "runtime/object_lock.h"        // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"           // ft_incref ft_decref

#define RETURN_IF_ERROR(x)   \
    do {                     \
        if ((x) < 0)         \
            return -1;       \
    } while (0)

// CPython's comparison masks (Include/internal/pycore_code.h COMPARISON_*), indexed by FT_LT..FT_GE.
static const int compare_masks[] = {2, 2 | 8, 8, 7, 4, 4 | 8};

// The value `__annotate__(format)` compares format with (annotationlib.Format.VALUE_WITH_FAKE_GLOBALS).
enum { ANNOTATE_FORMAT_VALUE_WITH_FAKE_GLOBALS = 2 };

// inspect.cleandoc's margin removal as CPython's _PyCompile_CleanDoc: tabs expanded (tabsize 8),
// leading spaces of the first line dropped, the common indentation of the other non-blank lines
// removed. A new str.
static FtObject *
clean_doc_ref(const char *doc, size_t len)
{
    // expandtabs(8), counting columns in code points.
    size_t tabs = 0;
    for (size_t i = 0; i < len; i++)
        tabs += doc[i] == '\t';
    char *x = mi_malloc(len + tabs * 8 + 1);
    if (x == NULL)
        return ft_error_no_memory();
    size_t n = 0, col = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)doc[i];
        if (ch == '\t') {
            size_t spaces = 8 - col % 8;
            for (size_t k = 0; k < spaces; k++)
                x[n++] = ' ';
            col += spaces;
            continue;
        }
        x[n++] = (char)ch;
        if (ch == '\n' || ch == '\r')
            col = 0;
        else if ((ch & 0xC0) != 0x80)
            col++;
    }
    const char *p = x, *end = x + n;
    while (p < end && *p++ != '\n') {
    }
    size_t margin = (size_t)-1;
    while (p < end) {
        const char *s = p;
        while (p < end && *p == ' ')
            p++;
        if (p < end && *p != '\n' && (size_t)(p - s) < margin)
            margin = (size_t)(p - s);
        while (p < end && *p++ != '\n') {
        }
    }
    if (margin == (size_t)-1)
        margin = 0;
    char *out = mi_malloc(n + 1);
    if (out == NULL) {
        mi_free(x);
        return ft_error_no_memory();
    }
    size_t w = 0;
    p = x;
    while (p < end && *p == ' ')
        p++;
    while (p < end) {
        char ch = *p++;
        out[w++] = ch;
        if (ch == '\n')
            break;
    }
    while (p < end) {
        for (size_t i = 0; i < margin && p < end && *p == ' '; i++)
            p++;
        while (p < end) {
            char ch = *p++;
            out[w++] = ch;
            if (ch == '\n')
                break;
        }
    }
    FtObject *r = ft_cg_str_from_utf8_ref(out, w);
    mi_free(out);
    mi_free(x);
    return r;
}

// At -OO CPython's AST preprocessing drops a docstring and, when the body is left empty, puts a
// `pass` (4 columns wide, on the docstring's first line) in its place.
static int
stripped_docstring_pass(FtCompiler *c, const FtAstSeq *body)
{
    const FtAstStmt *st = body->items[0];
    FtLocation loc = {st->lineno, st->lineno, st->col_offset, st->col_offset + 4};
    return ft_cg_addop(c, loc, FT_OP_NOP);
}

// At -OO, when the statement after the dropped docstring is a string constant too, CPython's AST
// preprocessing wraps it in an f-string so that it does not become the docstring: it is then
// evaluated and popped rather than skipped. 1 when that was emitted, 0 when not applicable.
static int
second_docstring(FtCompiler *c, const FtAstSeq *body)
{
    if (c->optimize < 2 || body->size < 2)
        return 0;
    const FtAstStmt *st = body->items[1];
    if (st->kind != FT_AST_STMT_EXPR || st->v.expr.value->kind != FT_AST_EXPR_CONSTANT
        || st->v.expr.value->v.constant.value->kind != FT_AST_CONST_STR)
        return 0;
    const FtAstExpr *value = st->v.expr.value;
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, ft_cg_loc_expr(value),
                                                 ft_cg_constant_ref(c, value->v.constant.value)));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));
    return 1;
}

// The docstring constant of a body whose symbol table entry says it has one (first statement is an
// expression statement of a str constant), cleaned. A new reference, or NULL.
static FtObject *
docstring_ref(const FtAstSeq *body)
{
    const FtAstStmt *st = body->items[0];
    const FtAstConstant *k = st->v.expr.value->v.constant.value;
    return clean_doc_ref(k->data, k->len);
}

static bool
stmts_have_annassign(const FtAstSeq *body)
{
    for (ptrdiff_t i = 0; body != NULL && i < body->size; i++) {
        const FtAstStmt *s = body->items[i];
        switch (s->kind) {
        case FT_AST_STMT_ANN_ASSIGN:
            return true;
        case FT_AST_STMT_IF:
            if (stmts_have_annassign(s->v.if_.body) || stmts_have_annassign(s->v.if_.orelse))
                return true;
            break;
        case FT_AST_STMT_FOR:
        case FT_AST_STMT_ASYNC_FOR:
            if (stmts_have_annassign(s->v.for_.body) || stmts_have_annassign(s->v.for_.orelse))
                return true;
            break;
        case FT_AST_STMT_WHILE:
            if (stmts_have_annassign(s->v.while_.body) || stmts_have_annassign(s->v.while_.orelse))
                return true;
            break;
        case FT_AST_STMT_WITH:
        case FT_AST_STMT_ASYNC_WITH:
            if (stmts_have_annassign(s->v.with.body))
                return true;
            break;
        case FT_AST_STMT_TRY:
        case FT_AST_STMT_TRY_STAR:
            if (stmts_have_annassign(s->v.try.body) || stmts_have_annassign(s->v.try.orelse)
                || stmts_have_annassign(s->v.try.finalbody))
                return true;
            for (ptrdiff_t h = 0; s->v.try.handlers != NULL && h < s->v.try.handlers->size; h++) {
                const FtAstExcepthandler *eh = s->v.try.handlers->items[h];
                if (stmts_have_annassign(eh->v.except_handler.body))
                    return true;
            }
            break;
        case FT_AST_STMT_MATCH:
            for (ptrdiff_t m = 0; m < s->v.match.cases->size; m++) {
                const FtAstMatchCase *mc = s->v.match.cases->items[m];
                if (stmts_have_annassign(mc->body))
                    return true;
            }
            break;
        default:
            break;
        }
    }
    return false;
}

int
ft_cg_add_deferred_annotation(FtCompiler *c, const FtAstStmt *s, int *index)
{
    FtCgUnit *u = c->u;
    if (u->deferred_annotations == NULL && (u->deferred_annotations = ft_list_new_ref(0)) == NULL)
        return -1;
    if (u->conditional_annotation_indices == NULL
        && (u->conditional_annotation_indices = ft_list_new_ref(0)) == NULL)
        return -1;
    FtObject *ptr = ft_int_from_int64_ref((int64_t)(uintptr_t)s);
    if (ptr == NULL)
        return -1;
    int rc = ft_list_append(u->deferred_annotations, ptr);
    ft_decref(ptr);
    RETURN_IF_ERROR(rc);
    *index = -1;
    if (u->scope == FT_CG_SCOPE_MODULE || u->in_conditional_block > 0)
        *index = u->next_conditional_annotation_index++;
    FtObject *idx = ft_int_from_int64_ref(*index);
    if (idx == NULL)
        return -1;
    rc = ft_list_append(u->conditional_annotation_indices, idx);
    ft_decref(idx);
    return rc;
}

// The prologue of an __annotate__(format) function: raise NotImplementedError for formats beyond
// VALUE_WITH_FAKE_GLOBALS. CPython's codegen_setup_annotations_scope.
static int
setup_annotations_scope(FtCompiler *c, FtLocation loc, const void *key, const char *name)
{
    FtCodeUnitMetadata umd = {.posonlyargcount = 1};
    RETURN_IF_ERROR(ft_cg_enter_scope(c, name, FT_CG_SCOPE_ANNOTATIONS, key, loc.lineno, NULL, &umd));
    FtLabel body = ft_cg_new_label(c);
    if (body.id < 0)
        return -1;
    FtObject *fmt = ft_int_from_int64_ref(ANNOTATE_FORMAT_VALUE_WITH_FAKE_GLOBALS);
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_FAST, 0));
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, fmt));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COMPARE_OP, (FT_GT << 5) | compare_masks[FT_GT]));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_POP_JUMP_IF_FALSE, body));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_COMMON_CONSTANT,
                                  FT_CONSTANT_NOT_IMPLEMENTED_ERROR));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_RAISE_VARARGS, 1));
    return ft_cg_use_label(c, body);
}

// Renames co_localsplusnames[0] (".format") to "format" for inspect.signature.
static int
rename_format_parameter(FtObject *code)
{
    if (!ft_code_check(code))
        return 0;
    FtCodeObject *co = (FtCodeObject *)code;
    Ft_ssize n = ft_tuple_size(co->co_localsplusnames);
    if (n == 0)
        return 0;
    FtObject *names = ft_tuple_new_ref(n);
    FtObject *format = ft_str_from_ascii_ref("format");
    if (names == NULL || format == NULL) {
        ft_xdecref(names);
        ft_xdecref(format);
        return -1;
    }
    ft_tuple_set_item_steal_unlocked(names, 0, format);
    for (Ft_ssize i = 1; i < n; i++) {
        FtObject *item = ft_tuple_get_item_borrow(co->co_localsplusnames, i);
        ft_incref(item);
        ft_tuple_set_item_steal_unlocked(names, i, item);
    }
    // The code object is not yet published: only this compilation holds it.
    FtObject *old = co->co_localsplusnames;
    co->co_localsplusnames = names;
    ft_decref(old);
    return 0;
}

static int
leave_annotations_scope(FtCompiler *c, FtLocation loc)
{
    if (ft_cg_addop(c, loc, FT_OP_RETURN_VALUE) < 0) {
        ft_cg_exit_scope(c);
        return -1;
    }
    FtObject *co = ft_cg_optimize_and_assemble(c, true);
    ft_cg_exit_scope(c);
    if (co == NULL)
        return -1;
    int rc = rename_format_parameter(co);
    if (rc == 0)
        rc = ft_cg_make_closure(c, loc, co, 0);
    ft_decref(co);
    return rc;
}

static int
deferred_annotations_body(FtCompiler *c, FtLocation loc, FtObject *deferred, FtObject *indices,
                          FtCgScope scope_type)
{
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, 0));
    Ft_ssize n = ft_list_size(deferred);
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *ptr = ft_list_get_item_ref(deferred, i);
        FtObject *idx = ft_list_get_item_ref(indices, i);
        if (ptr == NULL || idx == NULL) {
            ft_xdecref(ptr);
            ft_xdecref(idx);
            return -1;
        }
        int64_t p = 0, index = -1;
        ft_bigint_to_int64(ft_int_value_borrow(ptr), &p);
        ft_bigint_to_int64(ft_int_value_borrow(idx), &index);
        ft_decref(ptr);
        const FtAstStmt *st = (const FtAstStmt *)(uintptr_t)p;
        FtLocation sloc = ft_cg_loc_stmt(st);
        const char *mangled = ft_cg_mangle(c, st->v.ann_assign.target->v.name.id);
        FtLabel not_set = ft_cg_new_label(c);
        if (mangled == NULL || not_set.id < 0) {
            ft_decref(idx);
            return -1;
        }
        if (index != -1) {
            int rc = ft_cg_addop_load_const(c, sloc, idx);
            ft_decref(idx);
            RETURN_IF_ERROR(rc);
            if (scope_type == FT_CG_SCOPE_CLASS) {
                int a = ft_cg_dict_add_name(c->u->metadata.freevars, "__conditional_annotations__");
                RETURN_IF_ERROR(a);
                RETURN_IF_ERROR(ft_cg_addop_i(c, sloc, FT_OP_LOAD_DEREF, a));
            }
            else {
                // CPython adds the raw co_names index (no NULL bit shift) here.
                int a = ft_cg_name_index(c, "__conditional_annotations__");
                RETURN_IF_ERROR(a);
                RETURN_IF_ERROR(ft_cg_addop_i(c, sloc, FT_OP_LOAD_GLOBAL, a));
            }
            RETURN_IF_ERROR(ft_cg_addop_i(c, sloc, FT_OP_CONTAINS_OP, 0));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, sloc, FT_OP_POP_JUMP_IF_FALSE, not_set));
        }
        else {
            ft_decref(idx);
        }
        RETURN_IF_ERROR(ft_cg_visit_expr(c, st->v.ann_assign.annotation));
        RETURN_IF_ERROR(ft_cg_addop_i(c, sloc, FT_OP_COPY, 2));
        RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, sloc, ft_str_from_cstr_ref(mangled)));
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_STORE_SUBSCR));
        RETURN_IF_ERROR(ft_cg_use_label(c, not_set));
    }
    return 0;
}

static int
process_deferred_annotations(FtCompiler *c, FtLocation loc)
{
    FtCgUnit *u = c->u;
    if (u->deferred_annotations == NULL)
        return 0;
    FtObject *deferred = u->deferred_annotations;
    FtObject *indices = u->conditional_annotation_indices;
    ft_incref(deferred);
    ft_incref(indices);
    FtCgScope scope_type = u->scope;
    bool separate = scope_type == FT_CG_SCOPE_MODULE;
    FtInstrSequence stashed;
    if (separate) {
        // The module's __annotate__ is built in a side sequence that the assembler splices in at
        // ANNOTATIONS_PLACEHOLDER (CPython's _PyCompile_StartAnnotationSetup).
        stashed = u->seq;
        ft_instr_sequence_init(&u->seq);
    }
    const void *key = (const char *)u->ste + 1;
    FtSymtableEntry *anno = ft_symtable_lookup(c->st, key);
    int rc = -1;
    if (anno == NULL) {
        ft_error_set_string(&ft_exc_system_error, "no __annotate__ scope in the symbol table");
        goto done;
    }
    if (setup_annotations_scope(c, loc, key, anno->name) < 0)
        goto done;
    if (deferred_annotations_body(c, loc, deferred, indices, scope_type) < 0) {
        ft_cg_exit_scope(c);
        goto done;
    }
    if (leave_annotations_scope(c, loc) < 0)
        goto done;
    if (ft_cg_nameop(c, loc,
                     scope_type == FT_CG_SCOPE_CLASS ? "__annotate_func__" : "__annotate__",
                     FT_AST_EXPR_CONTEXT_STORE) < 0)
        goto done;
    rc = 0;
done:
    if (separate) {
        FtInstrSequence *nested = mi_malloc(sizeof(FtInstrSequence));
        if (nested == NULL) {
            ft_instr_sequence_fini(&u->seq);
            if (rc == 0)
                ft_error_no_memory();
            rc = -1;
        }
        else {
            *nested = u->seq;
        }
        u->seq = stashed;
        if (nested != NULL)
            u->seq.annotations = nested;
    }
    ft_decref(deferred);
    ft_decref(indices);
    return rc;
}

int
ft_cg_body(FtCompiler *c, FtLocation loc, const FtAstSeq *stmts, bool is_interactive)
{
    const FtSymtableEntry *ste = c->u->ste;
    if (c->future_annotations && stmts_have_annassign(stmts))
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_SETUP_ANNOTATIONS));
    if (stmts == NULL || stmts->size == 0)
        return 0;
    ptrdiff_t first = 0;
    if (!is_interactive && ste->has_docstring) {
        first = 1;
        if (c->optimize >= 2 && stmts->size == 1)
            RETURN_IF_ERROR(stripped_docstring_pass(c, stmts));
        int second = second_docstring(c, stmts);
        RETURN_IF_ERROR(second);
        first += second;
        if (c->optimize < 2) {
            const FtAstStmt *st = stmts->items[0];
            RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, ft_cg_loc_expr(st->v.expr.value),
                                                   docstring_ref(stmts)));
            RETURN_IF_ERROR(ft_cg_nameop(c, FT_NO_LOCATION, "__doc__", FT_AST_EXPR_CONTEXT_STORE));
        }
    }
    for (ptrdiff_t i = first; i < stmts->size; i++)
        RETURN_IF_ERROR(ft_cg_visit_stmt(c, stmts->items[i]));
    if (!c->future_annotations)
        RETURN_IF_ERROR(process_deferred_annotations(c, loc));
    return 0;
}

static int
visit_decorators(FtCompiler *c, const FtAstSeq *decos)
{
    for (ptrdiff_t i = 0; decos != NULL && i < decos->size; i++)
        RETURN_IF_ERROR(ft_cg_visit_expr(c, decos->items[i]));
    return 0;
}

static int
apply_decorators(FtCompiler *c, const FtAstSeq *decos)
{
    for (ptrdiff_t i = decos != NULL ? decos->size - 1 : -1; i >= 0; i--) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, ft_cg_loc_expr(decos->items[i]), FT_OP_CALL, 0));
    }
    return 0;
}

// Pushes the defaults tuple and the keyword-only defaults dict; returns the FT_FUNCTION_ATTR_*
// flags for them, or -1.
static int
default_arguments(FtCompiler *c, FtLocation loc, const FtAstArguments *args)
{
    int flags = 0;
    if (args->defaults != NULL && args->defaults->size > 0) {
        for (ptrdiff_t i = 0; i < args->defaults->size; i++)
            RETURN_IF_ERROR(ft_cg_visit_expr(c, args->defaults->items[i]));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, (int)args->defaults->size));
        flags |= FT_FUNCTION_ATTR_DEFAULTS;
    }
    int count = 0;
    for (ptrdiff_t i = 0; args->kwonlyargs != NULL && i < args->kwonlyargs->size; i++) {
        const FtAstArg *arg = args->kwonlyargs->items[i];
        const FtAstExpr *dflt = args->kw_defaults != NULL && i < args->kw_defaults->size
                                    ? args->kw_defaults->items[i]
                                    : NULL;
        if (dflt == NULL)
            continue;
        count++;
        const char *mangled = ft_cg_mangle(c, arg->arg);
        if (mangled == NULL)
            return -1;
        RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_str_from_cstr_ref(mangled)));
        RETURN_IF_ERROR(ft_cg_visit_expr(c, dflt));
    }
    if (count > 0) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, count));
        flags |= FT_FUNCTION_ATTR_KWDEFAULTS;
    }
    return flags;
}

static int
arg_annotation(FtCompiler *c, const char *id, const FtAstExpr *annotation, int *len, FtLocation loc)
{
    if (annotation == NULL)
        return 0;
    const char *mangled = ft_cg_mangle(c, id);
    if (mangled == NULL)
        return -1;
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_str_from_cstr_ref(mangled)));
    if (c->future_annotations) {
        RETURN_IF_ERROR(ft_cg_annotation_as_string(c, annotation));
    }
    else if (annotation->kind == FT_AST_EXPR_STARRED) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, annotation->v.starred.value));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, 1));
    }
    else {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, annotation));
    }
    (*len)++;
    return 0;
}

static int
arg_annotations(FtCompiler *c, const FtAstSeq *args, int *len, FtLocation loc)
{
    for (ptrdiff_t i = 0; args != NULL && i < args->size; i++) {
        const FtAstArg *arg = args->items[i];
        RETURN_IF_ERROR(arg_annotation(c, arg->arg, arg->annotation, len, loc));
    }
    return 0;
}

static bool
seq_has_annotation(const FtAstSeq *args)
{
    for (ptrdiff_t i = 0; args != NULL && i < args->size; i++)
        if (((const FtAstArg *)args->items[i])->annotation != NULL)
            return true;
    return false;
}

// The __annotate__ function of a def, when it has annotations: returns FT_FUNCTION_ATTR_ANNOTATE,
// 0 when there are none, -1 on error.
static int
function_annotations(FtCompiler *c, FtLocation loc, const FtAstArguments *args,
                     const FtAstExpr *returns)
{
    bool used = returns != NULL || seq_has_annotation(args->args)
                || seq_has_annotation(args->posonlyargs) || seq_has_annotation(args->kwonlyargs)
                || (args->vararg != NULL && args->vararg->annotation != NULL)
                || (args->kwarg != NULL && args->kwarg->annotation != NULL);
    if (!used)
        return 0;
    FtSymtableEntry *ste = ft_symtable_lookup(c->st, args);
    if (ste == NULL) {
        ft_error_set_string(&ft_exc_system_error, "no __annotate__ scope for a def");
        return -1;
    }
    RETURN_IF_ERROR(setup_annotations_scope(c, loc, args, ste->name));
    int len = 0;
    if (arg_annotations(c, args->args, &len, loc) < 0
        || arg_annotations(c, args->posonlyargs, &len, loc) < 0
        || (args->vararg != NULL
            && arg_annotation(c, args->vararg->arg, args->vararg->annotation, &len, loc) < 0)
        || arg_annotations(c, args->kwonlyargs, &len, loc) < 0
        || (args->kwarg != NULL
            && arg_annotation(c, args->kwarg->arg, args->kwarg->annotation, &len, loc) < 0)
        || arg_annotation(c, "return", returns, &len, loc) < 0
        || ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, len) < 0) {
        ft_cg_exit_scope(c);
        return -1;
    }
    RETURN_IF_ERROR(leave_annotations_scope(c, loc));
    return FT_FUNCTION_ATTR_ANNOTATE;
}

static int
wrap_in_stopiteration_handler(FtCompiler *c)
{
    FtLabel handler = ft_cg_new_label(c);
    if (handler.id < 0)
        return -1;
    if (ft_instr_sequence_insert(&c->u->seq, 0, FT_OP_SETUP_CLEANUP, handler.id, FT_NO_LOCATION) < 0)
        return -1;
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, FT_NO_LOCATION));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_RETURN_VALUE));
    RETURN_IF_ERROR(ft_cg_use_label(c, handler));
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_CALL_INTRINSIC_1,
                                  FT_INTRINSIC_STOPITERATION_ERROR));
    return ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 1);
}

static int
function_body_inner(FtCompiler *c, const FtAstSeq *body)
{
    const FtSymtableEntry *ste = c->u->ste;
    ptrdiff_t first = 0;
    if (ste->has_docstring) {
        first = 1;
        if (c->optimize >= 2 && body->size == 1)
            RETURN_IF_ERROR(stripped_docstring_pass(c, body));
        if (c->optimize < 2) {
            FtObject *doc = docstring_ref(body);
            if (doc == NULL)
                return -1;
            int idx = ft_cg_const_index(c, doc);
            ft_decref(doc);
            RETURN_IF_ERROR(idx);
        }
    }
    FtLabel start = ft_cg_new_label(c);
    if (start.id < 0)
        return -1;
    RETURN_IF_ERROR(ft_cg_use_label(c, start));
    bool stop_iteration_handler = ste->coroutine || ste->generator;
    if (stop_iteration_handler)
        RETURN_IF_ERROR(ft_cg_push_fblock(c, FT_NO_LOCATION, FT_CG_FBLOCK_STOP_ITERATION, start,
                                          FT_NO_LABEL, NULL));
    for (ptrdiff_t i = first; i < body->size; i++) {
        if (i == 1 && ste->has_docstring) {
            int second = second_docstring(c, body);
            RETURN_IF_ERROR(second);
            if (second)
                continue;
        }
        RETURN_IF_ERROR(ft_cg_visit_stmt(c, body->items[i]));
    }
    if (stop_iteration_handler) {
        RETURN_IF_ERROR(wrap_in_stopiteration_handler(c));
        ft_cg_pop_fblock(c, FT_CG_FBLOCK_STOP_ITERATION, start);
    }
    return 0;
}

static int
function_body(FtCompiler *c, const FtAstStmt *s, bool is_async, int funcflags, int firstlineno)
{
    const FtAstArguments *args = s->v.function_def.args;
    const FtAstSeq *body = s->v.function_def.body;
    FtCodeUnitMetadata umd = {
        .argcount = args->args != NULL ? (int)args->args->size : 0,
        .posonlyargcount = args->posonlyargs != NULL ? (int)args->posonlyargs->size : 0,
        .kwonlyargcount = args->kwonlyargs != NULL ? (int)args->kwonlyargs->size : 0,
    };
    RETURN_IF_ERROR(ft_cg_enter_scope(c, s->v.function_def.name,
                                      is_async ? FT_CG_SCOPE_ASYNC_FUNCTION : FT_CG_SCOPE_FUNCTION,
                                      s, firstlineno, NULL, &umd));
    if (function_body_inner(c, body) < 0) {
        ft_cg_exit_scope(c);
        return -1;
    }
    FtObject *co = ft_cg_optimize_and_assemble(c, true);
    ft_cg_exit_scope(c);
    if (co == NULL)
        return -1;
    int rc = ft_cg_make_closure(c, ft_cg_loc_stmt(s), co, funcflags);
    ft_decref(co);
    return rc;
}

// The lazily evaluated bound, constraints or default of a type parameter: an annotation scope
// made into a function taking the (1,) defaults (CPython's codegen_type_param_bound_or_default).
static int
type_param_bound_or_default(FtCompiler *c, const FtAstExpr *e, const char *name, const void *key,
                            bool allow_starred)
{
    FtLocation loc = ft_cg_loc_expr(e);
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *defaults = one != NULL ? ft_tuple_pack_ref(1, one) : NULL;
    ft_xdecref(one);
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, defaults));
    RETURN_IF_ERROR(setup_annotations_scope(c, loc, key, name));
    if (allow_starred && e->kind == FT_AST_EXPR_STARRED) {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.starred.value));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, 1));
    }
    else {
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e));
    }
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_RETURN_VALUE));
    FtObject *co = ft_cg_optimize_and_assemble(c, true);
    ft_cg_exit_scope(c);
    if (co == NULL)
        return -1;
    int rc = ft_cg_make_closure(c, loc, co, FT_FUNCTION_ATTR_DEFAULTS);
    ft_decref(co);
    return rc;
}

// Creates the TypeVar/ParamSpec/TypeVarTuple objects, stores each under its name and leaves the
// tuple of them on the stack (CPython's codegen_type_params).
static int
type_params(FtCompiler *c, const FtAstSeq *params)
{
    bool seen_default = false;
    for (ptrdiff_t i = 0; i < params->size; i++) {
        const FtAstTypeParam *tp = params->items[i];
        FtLocation loc = {tp->lineno, tp->end_lineno, tp->col_offset, tp->end_col_offset};
        const char *name;
        const FtAstExpr *dflt;
        int intrinsic;
        switch (tp->kind) {
        case FT_AST_TYPE_PARAM_TYPE_VAR:
            name = tp->v.type_var.name;
            dflt = tp->v.type_var.default_value;
            intrinsic = FT_INTRINSIC_TYPEVAR;
            break;
        case FT_AST_TYPE_PARAM_PARAM_SPEC:
            name = tp->v.param_spec.name;
            dflt = tp->v.param_spec.default_value;
            intrinsic = FT_INTRINSIC_PARAMSPEC;
            break;
        default:
            name = tp->v.type_var_tuple.name;
            dflt = tp->v.type_var_tuple.default_value;
            intrinsic = FT_INTRINSIC_TYPEVARTUPLE;
            break;
        }
        RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_str_from_cstr_ref(name)));
        const FtAstExpr *bound = tp->kind == FT_AST_TYPE_PARAM_TYPE_VAR ? tp->v.type_var.bound : NULL;
        if (bound != NULL) {
            RETURN_IF_ERROR(type_param_bound_or_default(c, bound, name, tp, false));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_2,
                                          bound->kind == FT_AST_EXPR_TUPLE
                                              ? FT_INTRINSIC_TYPEVAR_WITH_CONSTRAINTS
                                              : FT_INTRINSIC_TYPEVAR_WITH_BOUND));
        }
        else {
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, intrinsic));
        }
        if (dflt != NULL) {
            seen_default = true;
            const void *key = tp->kind == FT_AST_TYPE_PARAM_TYPE_VAR ? (const char *)tp + 1
                                                                     : (const void *)tp;
            RETURN_IF_ERROR(type_param_bound_or_default(
                c, dflt, name, key, tp->kind == FT_AST_TYPE_PARAM_TYPE_VAR_TUPLE));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_2,
                                          FT_INTRINSIC_SET_TYPEPARAM_DEFAULT));
        }
        else if (seen_default) {
            return ft_cg_error(c, loc,
                               "non-default type parameter '%s' follows default type parameter",
                               name);
        }
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, name, FT_AST_EXPR_CONTEXT_STORE));
    }
    const FtAstTypeParam *first = params->items[0];
    FtLocation loc = {first->lineno, first->end_lineno, first->col_offset, first->end_col_offset};
    return ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, (int)params->size);
}

// Enters the "<generic parameters of NAME>" scope around a generic definition.
static int
enter_type_params_scope(FtCompiler *c, const char *name, const FtAstSeq *params, int lineno,
                        FtObject *private_name, const FtCodeUnitMetadata *umd)
{
    size_t n = strlen(name) + 32;
    char *scope_name = ft_arena_alloc(c->arena, n);
    if (scope_name == NULL) {
        ft_error_no_memory();
        return -1;
    }
    snprintf(scope_name, n, "<generic parameters of %s>", name);
    return ft_cg_enter_scope(c, scope_name, FT_CG_SCOPE_ANNOTATIONS, params, lineno, private_name,
                             umd);
}

// Leaves a type-parameter scope and calls the function made of it with its num_args arguments
// already on the stack below it.
static int
call_type_params_scope(FtCompiler *c, FtLocation loc, int num_args)
{
    FtObject *co = ft_cg_optimize_and_assemble(c, false);
    ft_cg_exit_scope(c);
    if (co == NULL)
        return -1;
    int rc = ft_cg_make_closure(c, loc, co, 0);
    ft_decref(co);
    RETURN_IF_ERROR(rc);
    if (num_args > 0) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, num_args + 1));
        return ft_cg_addop_i(c, loc, FT_OP_CALL, num_args - 1);
    }
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_PUSH_NULL));
    return ft_cg_addop_i(c, loc, FT_OP_CALL, 0);
}

int
ft_cg_function_def(FtCompiler *c, const FtAstStmt *s, bool is_async)
{
    // FunctionDef and AsyncFunctionDef share one layout in the generated AST.
    const FtAstArguments *args = s->v.function_def.args;
    const FtAstSeq *decos = s->v.function_def.decorator_list;
    const FtAstSeq *params = s->v.function_def.type_params;
    bool generic = params != NULL && params->size > 0;
    RETURN_IF_ERROR(visit_decorators(c, decos));
    int firstlineno = s->lineno;
    if (decos != NULL && decos->size > 0)
        firstlineno = ((const FtAstExpr *)decos->items[0])->lineno;
    FtLocation loc = ft_cg_loc_stmt(s);
    int funcflags = default_arguments(c, loc, args);
    RETURN_IF_ERROR(funcflags);
    int num_typeparam_args = 0;
    if (generic) {
        num_typeparam_args = ((funcflags & FT_FUNCTION_ATTR_DEFAULTS) != 0)
                             + ((funcflags & FT_FUNCTION_ATTR_KWDEFAULTS) != 0);
        if (num_typeparam_args == 2)
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
        FtCodeUnitMetadata umd = {.argcount = num_typeparam_args};
        RETURN_IF_ERROR(enter_type_params_scope(c, s->v.function_def.name, params, firstlineno,
                                                NULL, &umd));
        RETURN_IF_ERROR(type_params(c, params));
        for (int i = 0; i < num_typeparam_args; i++)
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_FAST, i));
    }
    int annotate = function_annotations(c, loc, args, s->v.function_def.returns);
    RETURN_IF_ERROR(annotate);
    funcflags |= annotate;
    RETURN_IF_ERROR(function_body(c, s, is_async, funcflags, firstlineno));
    if (generic) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_2,
                                      FT_INTRINSIC_SET_FUNCTION_TYPE_PARAMS));
        RETURN_IF_ERROR(call_type_params_scope(c, loc, num_typeparam_args));
    }
    RETURN_IF_ERROR(apply_decorators(c, decos));
    return ft_cg_nameop(c, loc, s->v.function_def.name, FT_AST_EXPR_CONTEXT_STORE);
}

int
ft_cg_lambda(FtCompiler *c, const FtAstExpr *e)
{
    const FtAstArguments *args = e->v.lambda.args;
    FtLocation loc = ft_cg_loc_expr(e);
    int funcflags = default_arguments(c, loc, args);
    RETURN_IF_ERROR(funcflags);
    FtCodeUnitMetadata umd = {
        .argcount = args->args != NULL ? (int)args->args->size : 0,
        .posonlyargcount = args->posonlyargs != NULL ? (int)args->posonlyargs->size : 0,
        .kwonlyargcount = args->kwonlyargs != NULL ? (int)args->kwonlyargs->size : 0,
    };
    RETURN_IF_ERROR(ft_cg_enter_scope(c, "<lambda>", FT_CG_SCOPE_LAMBDA, e, e->lineno, NULL, &umd));
    if (ft_cg_visit_expr(c, e->v.lambda.body) < 0) {
        ft_cg_exit_scope(c);
        return -1;
    }
    FtObject *co;
    if (c->u->ste->generator) {
        co = ft_cg_optimize_and_assemble(c, false);
    }
    else {
        if (ft_cg_addop(c, ft_cg_loc_expr(e->v.lambda.body), FT_OP_RETURN_VALUE) < 0) {
            ft_cg_exit_scope(c);
            return -1;
        }
        co = ft_cg_optimize_and_assemble(c, true);
    }
    ft_cg_exit_scope(c);
    if (co == NULL)
        return -1;
    int rc = ft_cg_make_closure(c, loc, co, funcflags);
    ft_decref(co);
    return rc;
}

static FtObject *
static_attributes_tuple_ref(FtCgUnit *u)
{
    FtObject *dict = u->static_attributes;
    FtObject *list = ft_list_new_ref(0);
    if (list == NULL)
        return NULL;
    int rc = 0;
    Ft_ssize pos = 0;
    FtObject *k;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(dict);
    while (rc == 0 && ft_dict_next(dict, &pos, &k, NULL))
        rc = ft_list_append(list, k);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (rc < 0 || ft_list_sort(list, NULL, false) < 0) {
        ft_decref(list);
        return NULL;
    }
    FtObject *t = ft_list_as_tuple_ref(list);
    ft_decref(list);
    return t;
}

static int
class_body_inner(FtCompiler *c, const FtAstStmt *s, int firstlineno)
{
    FtLocation loc = {firstlineno, firstlineno, 0, 0};
    FtCgUnit *u = c->u;
    RETURN_IF_ERROR(ft_cg_nameop(c, loc, "__name__", FT_AST_EXPR_CONTEXT_LOAD));
    RETURN_IF_ERROR(ft_cg_nameop(c, loc, "__module__", FT_AST_EXPR_CONTEXT_STORE));
    RETURN_IF_ERROR(ft_cg_addop_load_const(c, loc, u->metadata.qualname));
    RETURN_IF_ERROR(ft_cg_nameop(c, loc, "__qualname__", FT_AST_EXPR_CONTEXT_STORE));
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_int_from_int64_ref(u->metadata.firstlineno)));
    RETURN_IF_ERROR(ft_cg_nameop(c, loc, "__firstlineno__", FT_AST_EXPR_CONTEXT_STORE));
    if (s->v.class_def.type_params != NULL && s->v.class_def.type_params->size > 0) {
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, ".type_params", FT_AST_EXPR_CONTEXT_LOAD));
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, "__type_params__", FT_AST_EXPR_CONTEXT_STORE));
    }
    if (u->ste->needs_classdict) {
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_LOAD_LOCALS));
        int i = ft_cg_dict_add_name(u->metadata.cellvars, "__classdict__");
        RETURN_IF_ERROR(i);
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_STORE_DEREF, i));
    }
    if (u->ste->has_conditional_annotations) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_SET, 0));
        int i = ft_cg_dict_add_name(u->metadata.cellvars, "__conditional_annotations__");
        RETURN_IF_ERROR(i);
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_STORE_DEREF, i));
    }
    RETURN_IF_ERROR(ft_cg_body(c, loc, s->v.class_def.body, false));
    FtObject *attrs = static_attributes_tuple_ref(u);
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, FT_NO_LOCATION, attrs));
    RETURN_IF_ERROR(
        ft_cg_nameop(c, FT_NO_LOCATION, "__static_attributes__", FT_AST_EXPR_CONTEXT_STORE));
    if (u->ste->needs_classdict) {
        int i = ft_cg_dict_lookup_name(u->metadata.cellvars, "__classdict__");
        RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_LOAD_CLOSURE, i));
        RETURN_IF_ERROR(
            ft_cg_nameop(c, FT_NO_LOCATION, "__classdictcell__", FT_AST_EXPR_CONTEXT_STORE));
    }
    if (u->ste->needs_class_closure) {
        int i = ft_cg_dict_lookup_name(u->metadata.cellvars, "__class__");
        RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_LOAD_CLOSURE, i));
        RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_COPY, 1));
        RETURN_IF_ERROR(ft_cg_nameop(c, FT_NO_LOCATION, "__classcell__", FT_AST_EXPR_CONTEXT_STORE));
    }
    else {
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, FT_NO_LOCATION));
    }
    return ft_cg_addop(c, FT_NO_LOCATION, FT_OP_RETURN_VALUE);
}

int
ft_cg_class_def(FtCompiler *c, const FtAstStmt *s)
{
    const FtAstSeq *decos = s->v.class_def.decorator_list;
    const FtAstSeq *params = s->v.class_def.type_params;
    bool generic = params != NULL && params->size > 0;
    RETURN_IF_ERROR(visit_decorators(c, decos));
    int firstlineno = s->lineno;
    if (decos != NULL && decos->size > 0)
        firstlineno = ((const FtAstExpr *)decos->items[0])->lineno;
    FtLocation loc = ft_cg_loc_stmt(s);
    FtObject *name = ft_str_from_cstr_ref(s->v.class_def.name);
    if (name == NULL)
        return -1;
    int rc = 0;
    if (generic) {
        rc = enter_type_params_scope(c, s->v.class_def.name, params, firstlineno, name, NULL);
        if (rc == 0)
            rc = type_params(c, params);
        if (rc == 0)
            rc = ft_cg_nameop(c, loc, ".type_params", FT_AST_EXPR_CONTEXT_STORE);
    }
    if (rc == 0)
        rc = ft_cg_enter_scope(c, s->v.class_def.name, FT_CG_SCOPE_CLASS, s, firstlineno, name, NULL);
    if (rc < 0) {
        ft_decref(name);
        return -1;
    }
    if (class_body_inner(c, s, firstlineno) < 0) {
        ft_cg_exit_scope(c);
        ft_decref(name);
        return -1;
    }
    FtObject *co = ft_cg_optimize_and_assemble(c, true);
    ft_cg_exit_scope(c);
    if (co == NULL) {
        ft_decref(name);
        return -1;
    }
    rc = ft_cg_addop(c, loc, FT_OP_LOAD_BUILD_CLASS);
    if (rc == 0)
        rc = ft_cg_addop(c, loc, FT_OP_PUSH_NULL);
    if (rc == 0)
        rc = ft_cg_make_closure(c, loc, co, 0);
    ft_decref(co);
    if (rc == 0)
        rc = ft_cg_addop_load_const(c, loc, name);
    ft_decref(name);
    RETURN_IF_ERROR(rc);
    if (generic) {
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, ".type_params", FT_AST_EXPR_CONTEXT_LOAD));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_SUBSCRIPT_GENERIC));
        RETURN_IF_ERROR(ft_cg_nameop(c, loc, ".generic_base", FT_AST_EXPR_CONTEXT_STORE));
        RETURN_IF_ERROR(ft_cg_call_helper_injected(c, loc, 2, s->v.class_def.bases, ".generic_base",
                                                   s->v.class_def.keywords));
        RETURN_IF_ERROR(call_type_params_scope(c, loc, 0));
    }
    else {
        RETURN_IF_ERROR(ft_cg_call_helper(c, loc, 2, s->v.class_def.bases, s->v.class_def.keywords));
    }
    RETURN_IF_ERROR(apply_decorators(c, decos));
    return ft_cg_nameop(c, loc, s->v.class_def.name, FT_AST_EXPR_CONTEXT_STORE);
}

int
ft_cg_type_alias(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    const FtAstSeq *params = s->v.type_alias.type_params;
    bool generic = params != NULL && params->size > 0;
    const char *name = s->v.type_alias.name->v.name.id;
    if (generic) {
        RETURN_IF_ERROR(enter_type_params_scope(c, name, params, loc.lineno, NULL, NULL));
        RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_str_from_cstr_ref(name)));
        RETURN_IF_ERROR(type_params(c, params));
    }
    else {
        RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, ft_str_from_cstr_ref(name)));
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    }
    // The value: an annotation scope taking the (1,) defaults, evaluated lazily.
    FtObject *one = ft_int_from_int64_ref(1);
    FtObject *defaults = one != NULL ? ft_tuple_pack_ref(1, one) : NULL;
    ft_xdecref(one);
    RETURN_IF_ERROR(ft_cg_addop_load_const_steal(c, loc, defaults));
    RETURN_IF_ERROR(setup_annotations_scope(c, loc, s, name));
    RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.type_alias.value));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_RETURN_VALUE));
    FtObject *co = ft_cg_optimize_and_assemble(c, false);
    ft_cg_exit_scope(c);
    if (co == NULL)
        return -1;
    int rc = ft_cg_make_closure(c, loc, co, FT_FUNCTION_ATTR_DEFAULTS);
    ft_decref(co);
    RETURN_IF_ERROR(rc);
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, 3));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_TYPEALIAS));
    if (generic)
        RETURN_IF_ERROR(call_type_params_scope(c, loc, 0));
    return ft_cg_nameop(c, loc, name, FT_AST_EXPR_CONTEXT_STORE);
}

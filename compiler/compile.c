// compiler/compile.c: the compiler's entry point (compiler/compile.h): source text through the
// parser, the symbol table, the code generator and the assembler to a code object; and the
// conversion of the parser's and symbol table's error records into Python exceptions. Mirrors
// CPython 3.14's _PyAST_Compile / compiler_mod / compiler_codegen (Python/compile.c) and
// Python/future.c's feature flags.
//
// Owns: one FtCompiler per call, the module unit, and the SyntaxError/IndentationError/TabError
// objects built from FtSyntaxError (msg, filename, lineno, offset, text, end_lineno, end_offset).
// Invariant: every exit frees the arena, the symbol table and every unit still entered.
// Concurrency: any number of threads may compile at once; a call shares nothing mutable with
// another (the AST, table, units and constants are its own until the code object is returned).
#include <string.h>   // strcmp

#include "compiler/arena.h"             // ft_arena_*
#include "compiler/codegen_internal.h"
#include "compiler/compile.h"
#include "compiler/parser.h"            // ft_parse_file ft_parse_string
#include "compiler/symtable.h"          // ft_symtable_build ft_symtable_free
#include "eval/opcode.h"                // FT_OP_*
#include "objects/dict.h"               // ft_dict_new_ref
#include "objects/error.h"              // ft_error_* ft_exc_*
#include "objects/int.h"                // ft_int_from_int64_ref
#include "objects/object.h"             // FT_NONE
#include "objects/str.h"                // ft_str_*
#include "objects/tuple.h"              // ft_tuple_*
#include "runtime/refcount.h"           // ft_decref
#include "runtime/thread_state.h"       // ft_interp_main

#define RETURN_IF_ERROR(x)   \
    do {                     \
        if ((x) < 0)         \
            return -1;       \
    } while (0)

void
ft_compile_set_default_optimize(int level)
{
    ft_interp_main()->optimize = level;
}

static int
default_optimize(void)
{
    return ft_interp_main()->optimize;
}

// An end position as SyntaxError carries it: None when the record has no end (end_lineno 0, the
// convention of compiler/syntax_error.h), else the number, 0 included (CPython's "'(' was never
// closed" has end_offset 0).
static FtObject *
end_position_ref(const FtSyntaxError *err, int v)
{
    return err->end_lineno != 0 ? ft_int_from_int64_ref(v) : ft_none_ref();
}

// Raises the exception an FtSyntaxError record describes.
static void
raise_syntax_error(const FtSyntaxError *err, FtObject *filename)
{
    const char *msg = err->msg != NULL ? err->msg : "invalid syntax";
    FtTypeObject *type;
    switch (err->kind) {
    case FT_SYNTAX_MEMORY_ERROR:
        ft_error_no_memory();
        return;
    case FT_SYNTAX_RECURSION_ERROR:
        ft_error_set_string(&ft_exc_recursion_error, msg);
        return;
    case FT_SYNTAX_OVERFLOW_ERROR:
        ft_error_set_string(&ft_exc_overflow_error, msg);
        return;
    case FT_INDENTATION_ERROR:
        type = &ft_exc_indentation_error;
        break;
    case FT_TAB_ERROR:
        type = &ft_exc_tab_error;
        break;
    default:
        // TODO(#4): a UnicodeDecodeError of the source becomes SyntaxError "(unicode error) ..."
        // here; the record carries only its message.
        type = &ft_exc_syntax_error;
        break;
    }
    FtObject *m = ft_str_from_cstr_ref(msg);
    FtObject *info = ft_tuple_new_ref(6);
    FtObject *items[6] = {filename, ft_int_from_int64_ref(err->lineno), ft_int_from_int64_ref(err->offset),
                          err->text != NULL ? ft_str_from_cstr_ref(err->text) : ft_none_ref(),
                          end_position_ref(err, err->end_lineno), end_position_ref(err, err->end_offset)};
    if (items[3] == NULL) {
        // Undecodable text: CPython decodes it with errors="replace"; drop it instead.
        ft_error_clear();
        items[3] = ft_none_ref();
    }
    bool ok = m != NULL && info != NULL;
    for (int i = 1; i < 6; i++)
        ok = ok && items[i] != NULL;
    if (!ok) {
        ft_xdecref(m);
        ft_xdecref(info);
        for (int i = 1; i < 6; i++)
            ft_xdecref(items[i]);
        return;
    }
    ft_incref(filename);
    for (int i = 0; i < 6; i++)
        ft_tuple_set_item_steal_unlocked(info, i, items[i]);
    FtObject *args[2] = {m, info};
    FtObject *exc = ft_exception_new_ref(type, args, 2);
    ft_decref(m);
    ft_decref(info);
    if (exc != NULL)
        ft_error_restore_steal(exc);
}

// The location of a module's first statement (CPython's start_location), after -OO dropped the
// docstring (leaving a 4-column `pass` when nothing else was there).
static FtLocation
start_location(const FtCompiler *c, const FtAstSeq *stmts)
{
    if (stmts == NULL || stmts->size == 0)
        return (FtLocation){1, 1, 0, 0};
    const FtAstStmt *first = stmts->items[0];
    if (c->optimize >= 2 && !c->interactive && c->st->top->has_docstring) {
        if (stmts->size > 1)
            return ft_cg_loc_stmt(stmts->items[1]);
        return (FtLocation){first->lineno, first->lineno, first->col_offset, first->col_offset + 4};
    }
    return ft_cg_loc_stmt(first);
}

// CPython's future.c: the `from __future__ import` statements at the top of a module (after an
// optional docstring). Unknown features were already rejected by the parser and symbol table.
static int
future_flags(const FtAstMod *mod)
{
    if (mod->kind != FT_AST_MOD_MODULE)
        return 0;
    const FtAstSeq *body = mod->v.module.body;
    int flags = 0;
    ptrdiff_t i = 0;
    if (body == NULL)
        return 0;
    if (body->size > 0) {
        const FtAstStmt *first = body->items[0];
        if (first->kind == FT_AST_STMT_EXPR && first->v.expr.value->kind == FT_AST_EXPR_CONSTANT
            && first->v.expr.value->v.constant.value->kind == FT_AST_CONST_STR)
            i = 1;
    }
    for (; i < body->size; i++) {
        const FtAstStmt *s = body->items[i];
        if (s->kind != FT_AST_STMT_IMPORT_FROM || s->v.import_from.level != 0
            || s->v.import_from.module == NULL || strcmp(s->v.import_from.module, "__future__") != 0)
            break;
        const FtAstSeq *names = s->v.import_from.names;
        for (ptrdiff_t k = 0; k < names->size; k++) {
            const FtAstAlias *alias = names->items[k];
            if (strcmp(alias->name, "annotations") == 0)
                flags |= FT_CF_FUTURE_ANNOTATIONS;
            else if (strcmp(alias->name, "barry_as_FLUFL") == 0)
                flags |= FT_CF_FUTURE_BARRY_AS_BDFL;
        }
    }
    return flags;
}

static int
codegen_module(FtCompiler *c, const FtAstMod *mod)
{
    switch (mod->kind) {
    case FT_AST_MOD_MODULE: {
        const FtAstSeq *stmts = mod->v.module.body;
        FtLocation loc = start_location(c, stmts);
        if (c->u->ste->has_conditional_annotations) {
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_SET, 0));
            int arg = ft_cg_name_index(c, "__conditional_annotations__");
            RETURN_IF_ERROR(arg);
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_STORE_NAME, arg));
        }
        return ft_cg_body(c, loc, stmts, c->interactive);
    }
    case FT_AST_MOD_EXPRESSION:
        return ft_cg_visit_expr(c, mod->v.expression.body);
    default:
        ft_error_set_string(&ft_exc_system_error, "unsupported module kind for compile()");
        return -1;
    }
}

// The whole pipeline; with listing set, the instruction listing replaces assembly.
static FtObject *
compile_impl(const char *source, Ft_ssize len, FtObject *filename, FtCompileMode mode, int flags,
             int optimize, FtAstBuf *listing, bool raw)
{
    if (flags & FT_CF_ONLY_AST) {
        // TODO(#4): compile(..., flags=ast.PyCF_ONLY_AST) needs the _ast module.
        ft_error_set_string(&ft_exc_system_error, "PyCF_ONLY_AST not implemented yet");
        return NULL;
    }
    if (optimize < 0)
        optimize = default_optimize();
    FtArena *arena = ft_arena_new();
    if (arena == NULL)
        return ft_error_no_memory();
    FtSyntaxError err = {0};
    FtParseMode pmode = mode == FT_COMPILE_EVAL ? FT_PARSE_EVAL : FT_PARSE_FILE;
    FtAstMod *mod = (flags & FT_CF_SOURCE_IS_UTF8)
                        ? ft_parse_string(source, (size_t)len, pmode, arena, &err)
                        : ft_parse_file(source, (size_t)len, pmode, arena, &err);
    FtObject *result = NULL;
    FtSymtable *st = NULL;
    if (mod == NULL) {
        raise_syntax_error(&err, filename);
        goto done;
    }
    st = ft_symtable_build(mod, &err);
    if (st == NULL) {
        raise_syntax_error(&err, filename);
        goto done;
    }
    FtCompiler c = {
        .filename = filename,
        .st = st,
        .arena = arena,
        .optimize = optimize,
        .flags = flags | future_flags(mod),
        .interactive = mode == FT_COMPILE_SINGLE,
        .listing = listing,
        .listing_raw = raw,
    };
    c.future_annotations = (c.flags & FT_CF_FUTURE_ANNOTATIONS) != 0 || st->future_annotations;
    if (c.future_annotations)
        c.flags |= FT_CF_FUTURE_ANNOTATIONS;
    c.const_cache = ft_dict_new_ref();
    if (c.const_cache == NULL)
        goto done;
    if (ft_cg_enter_scope(&c, "<module>", FT_CG_SCOPE_MODULE, mod, 1, NULL, NULL) == 0) {
        if (codegen_module(&c, mod) == 0)
            result = ft_cg_optimize_and_assemble(&c, mod->kind != FT_AST_MOD_EXPRESSION);
    }
    while (c.u != NULL)
        ft_cg_exit_scope(&c);
    ft_decref(c.const_cache);
done:
    ft_syntax_error_clear(&err);
    ft_symtable_free(st);
    ft_arena_free(arena);
    return result;
}

FtObject *
ft_compile_source_ref(const char *source, Ft_ssize len, FtObject *filename, FtCompileMode mode,
                      int flags, int optimize)
{
    return compile_impl(source, len, filename, mode, flags, optimize, NULL, false);
}

FtObject *
ft_compile_listing_ref(const char *source, Ft_ssize len, FtObject *filename, FtCompileMode mode,
                       int flags, int optimize, bool raw)
{
    FtAstBuf buf = {0};
    FtObject *placeholder = compile_impl(source, len, filename, mode, flags, optimize, &buf, raw);
    FtObject *text = NULL;
    if (placeholder != NULL) {
        ft_decref(placeholder);
        text = buf.data != NULL ? ft_str_from_utf8_ref(buf.data, (Ft_ssize)buf.len)
                                : ft_str_empty_ref();
    }
    ft_ast_buf_free(&buf);
    return text;
}

// compiler/symtable_visit.c: pass 1 of the symbol table, the walk over the AST.
//
// Owns: which blocks each construct opens (functions and their __annotate__ scope, classes,
// lambdas, comprehensions, the type-parameter, type-alias and type-variable scopes of PEP 695,
// the annotation scopes of PEP 649/749), which raw flags each name occurrence adds, and the
// SyntaxErrors detected while walking (global/nonlocal misuse, `yield`/`await`/`:=` where they
// are not allowed, `__debug__` assignment, duplicate parameters or type parameters, `import *`
// outside a module, late `from __future__` imports).
//
// Invariant: the builder's block stack mirrors the nesting of the construct being visited; every
// enter is paired with an exit on success (after an error the build is abandoned, so unbalanced
// exits do not matter). Concurrency: one build, one thread (see compiler/symtable_internal.h).
//
// Mirrors CPython 3.14 Python/symtable.c (symtable_visit_stmt, symtable_visit_expr,
// symtable_handle_comprehension, symtable_extend_namedexpr_scope, symtable_visit_annotation(s),
// symtable_visit_type_param...); messages are CPython's, code is ftpy's.
#include <stdint.h>                     // uintptr_t
#include <string.h>                     // strchr, strcmp

#include "compiler/symtable_internal.h" // FtSymtableBuilder

static int visit_stmt(FtSymtableBuilder *b, const FtAstStmt *s);
static int visit_expr(FtSymtableBuilder *b, const FtAstExpr *e);

static FtSymtableLoc
loc_stmt(const FtAstStmt *s)
{
    return (FtSymtableLoc){s->lineno, s->col_offset, s->end_lineno, s->end_col_offset};
}

static FtSymtableLoc
loc_expr(const FtAstExpr *e)
{
    return (FtSymtableLoc){e->lineno, e->col_offset, e->end_lineno, e->end_col_offset};
}

static FtSymtableLoc
loc_arg(const FtAstArg *a)
{
    return (FtSymtableLoc){a->lineno, a->col_offset, a->end_lineno, a->end_col_offset};
}

static FtSymtableLoc
loc_pattern(const FtAstPattern *p)
{
    return (FtSymtableLoc){p->lineno, p->col_offset, p->end_lineno, p->end_col_offset};
}

static FtSymtableLoc
loc_type_param(const FtAstTypeParam *tp)
{
    return (FtSymtableLoc){tp->lineno, tp->col_offset, tp->end_lineno, tp->end_col_offset};
}

static ptrdiff_t
seq_len(const FtAstSeq *seq)
{
    return seq == NULL ? 0 : seq->size;
}

static int
add_def_id(FtSymtableBuilder *b, const char *id, long flag, FtSymtableLoc loc)
{
    const char *name = ft_symtable_intern(b, id);
    return name == NULL ? -1 : ft_symtable_add_def(b, name, flag, loc);
}

static int
visit_expr_seq(FtSymtableBuilder *b, const FtAstSeq *seq)
{
    for (ptrdiff_t i = 0; i < seq_len(seq); i++) {
        // Dict keys and kw_defaults may hold NULLs (`**d`, keyword-only without default).
        if (seq->items[i] != NULL && visit_expr(b, seq->items[i]) < 0)
            return -1;
    }
    return 0;
}

static int
visit_stmt_seq(FtSymtableBuilder *b, const FtAstSeq *seq)
{
    for (ptrdiff_t i = 0; i < seq_len(seq); i++) {
        if (visit_stmt(b, seq->items[i]) < 0)
            return -1;
    }
    return 0;
}

static int
enter_recursive(FtSymtableBuilder *b, FtSymtableLoc loc)
{
    char here;
    if (b->recursion == 0)
        b->stack_base = (uintptr_t)&here;
    if (++b->recursion > FT_SYMTABLE_MAX_DEPTH) {
        (void)loc;
        if (b->err->kind == FT_SYNTAX_NONE)
            ft_syntax_error_set(b->err, FT_SYNTAX_RECURSION_ERROR, 0, 0, 0, 0, NULL,
                                "Stack overflow (used %zu kB) during compilation",
                                (size_t)((b->stack_base - (uintptr_t)&here) / 1024));
        return -1;
    }
    return 0;
}

static int
is_docstring_body(const FtAstSeq *body)
{
    if (seq_len(body) == 0)
        return 0;
    const FtAstStmt *s = body->items[0];
    return s->kind == FT_AST_STMT_EXPR && s->v.expr.value->kind == FT_AST_EXPR_CONSTANT
        && s->v.expr.value->v.constant.value->kind == FT_AST_CONST_STR;
}

static int
raise_if_annotation_block(FtSymtableBuilder *b, const char *what, const FtAstExpr *e)
{
    const FtSymtableEntry *cur = b->cur;
    switch (cur->type) {
    case FT_SYMTABLE_BLOCK_ANNOTATION:
        return ft_symtable_error_at(b, loc_expr(e), "%s cannot be used within an annotation",
                                    what);
    case FT_SYMTABLE_BLOCK_TYPE_VARIABLE:
        return ft_symtable_error_at(b, loc_expr(e), "%s cannot be used within %s", what,
                                    cur->build->scope_info ? cur->build->scope_info : "?");
    case FT_SYMTABLE_BLOCK_TYPE_ALIAS:
        return ft_symtable_error_at(b, loc_expr(e), "%s cannot be used within a type alias",
                                    what);
    case FT_SYMTABLE_BLOCK_TYPE_PARAMETERS:
        return ft_symtable_error_at(b, loc_expr(e),
                                    "%s cannot be used within the definition of a generic", what);
    default:
        return 0;
    }
}

static int
raise_comprehension_yield(FtSymtableBuilder *b, const FtAstExpr *e)
{
    static const char *const msgs[] = {
        [FT_SYMTABLE_COMP_LIST] = "'yield' inside list comprehension",
        [FT_SYMTABLE_COMP_DICT] = "'yield' inside dict comprehension",
        [FT_SYMTABLE_COMP_SET] = "'yield' inside set comprehension",
        [FT_SYMTABLE_COMP_GENERATOR] = "'yield' inside generator expression",
    };
    return ft_symtable_error_at(b, loc_expr(e), "%s", msgs[b->cur->comprehension]);
}

static int
is_async_def(const FtSymtableBuilder *b)
{
    return b->cur->type == FT_SYMTABLE_BLOCK_FUNCTION && b->cur->coroutine;
}

static int
has_kwonly_defaults(const FtAstArguments *args)
{
    for (ptrdiff_t i = 0; i < seq_len(args->kwonlyargs); i++) {
        if (i < seq_len(args->kw_defaults) && args->kw_defaults->items[i] != NULL)
            return 1;
    }
    return 0;
}

static int
enter_type_param_block(FtSymtableBuilder *b, const char *name, const void *key, int has_defaults,
                       int has_kwdefaults, int is_class, FtSymtableLoc loc)
{
    FtSymtableBlockType current = b->cur->type;
    if (ft_symtable_enter_block(b, name, FT_SYMTABLE_BLOCK_TYPE_PARAMETERS, key, loc) < 0)
        return -1;
    if (current == FT_SYMTABLE_BLOCK_CLASS) {
        b->cur->can_see_class_scope = 1;
        if (ft_symtable_add_def(b, b->n_classdict, FT_SYMTABLE_USE, loc) < 0)
            return -1;
    }
    if (is_class) {
        // Set when the type-params tuple is built, read when the bases are built; the generic
        // base likewise.
        if (ft_symtable_add_def(b, b->n_dot_type_params, FT_SYMTABLE_DEF_LOCAL, loc) < 0
            || ft_symtable_add_def(b, b->n_dot_type_params, FT_SYMTABLE_USE, loc) < 0
            || ft_symtable_add_def(b, b->n_generic_base, FT_SYMTABLE_DEF_LOCAL, loc) < 0
            || ft_symtable_add_def(b, b->n_generic_base, FT_SYMTABLE_USE, loc) < 0)
            return -1;
    }
    if (has_defaults && ft_symtable_add_def(b, b->n_defaults, FT_SYMTABLE_DEF_PARAM, loc) < 0)
        return -1;
    if (has_kwdefaults
        && ft_symtable_add_def(b, b->n_kwdefaults, FT_SYMTABLE_DEF_PARAM, loc) < 0)
        return -1;
    return 0;
}

static int
visit_type_param_bound_or_default(FtSymtableBuilder *b, const FtAstExpr *e, const char *name,
                                  const FtAstTypeParam *tp, const void *key,
                                  const char *scope_info)
{
    if (name == b->n_classdict)
        return ft_symtable_error_at(b, loc_type_param(tp),
                                    "reserved name '%s' cannot be used for type parameter", name);
    if (e == NULL)
        return 0;
    int is_in_class = b->cur->can_see_class_scope;
    if (ft_symtable_enter_block(b, name, FT_SYMTABLE_BLOCK_TYPE_VARIABLE, key, loc_expr(e)) < 0)
        return -1;
    b->cur->can_see_class_scope = is_in_class != 0;
    if (is_in_class && ft_symtable_add_def(b, b->n_classdict, FT_SYMTABLE_USE, loc_expr(e)) < 0)
        return -1;
    b->cur->build->scope_info = scope_info;
    if (visit_expr(b, e) < 0)
        return -1;
    ft_symtable_exit_block(b);
    return 0;
}

static int
visit_type_param(FtSymtableBuilder *b, const FtAstTypeParam *tp)
{
    if (enter_recursive(b, loc_type_param(tp)) < 0)
        return -1;
    const char *raw = tp->kind == FT_AST_TYPE_PARAM_TYPE_VAR ? tp->v.type_var.name
                    : tp->kind == FT_AST_TYPE_PARAM_PARAM_SPEC ? tp->v.param_spec.name
                                                               : tp->v.type_var_tuple.name;
    const char *name = ft_symtable_intern(b, raw);
    if (name == NULL
        || ft_symtable_add_def(b, name, FT_SYMTABLE_DEF_TYPE_PARAM | FT_SYMTABLE_DEF_LOCAL,
                               loc_type_param(tp)) < 0)
        return -1;
    // The bound and the default need distinct keys: the node for one, the node + 1 for the
    // other (the compiler derives the same keys).
    const void *key_default = (const void *)((uintptr_t)tp + 1);
    switch (tp->kind) {
    case FT_AST_TYPE_PARAM_TYPE_VAR: {
        const FtAstExpr *bound = tp->v.type_var.bound;
        const char *info = NULL;
        if (bound != NULL)
            info = bound->kind == FT_AST_EXPR_TUPLE ? "a TypeVar constraint" : "a TypeVar bound";
        if (visit_type_param_bound_or_default(b, bound, name, tp, tp, info) < 0
            || visit_type_param_bound_or_default(b, tp->v.type_var.default_value, name, tp,
                                                 key_default, "a TypeVar default") < 0)
            return -1;
        break;
    }
    case FT_AST_TYPE_PARAM_TYPE_VAR_TUPLE:
        if (visit_type_param_bound_or_default(b, tp->v.type_var_tuple.default_value, name, tp, tp,
                                              "a TypeVarTuple default") < 0)
            return -1;
        break;
    case FT_AST_TYPE_PARAM_PARAM_SPEC:
        if (visit_type_param_bound_or_default(b, tp->v.param_spec.default_value, name, tp, tp,
                                              "a ParamSpec default") < 0)
            return -1;
        break;
    }
    b->recursion--;
    return 0;
}

static int
visit_type_params(FtSymtableBuilder *b, const FtAstSeq *seq)
{
    for (ptrdiff_t i = 0; i < seq_len(seq); i++) {
        if (visit_type_param(b, seq->items[i]) < 0)
            return -1;
    }
    return 0;
}

// The annotation of `target: annotation` in a module, class or function body. All such
// annotations of one block share one __annotate__ scope.
static int
visit_annotation(FtSymtableBuilder *b, const FtAstExpr *annotation, const void *key)
{
    FtSymtableEntry *parent = b->cur;
    // In a function body an annotation is never evaluated, so its names are not recorded.
    int is_unevaluated = parent->type == FT_SYMTABLE_BLOCK_FUNCTION;
    if ((parent->type == FT_SYMTABLE_BLOCK_MODULE
         || (parent->type == FT_SYMTABLE_BLOCK_CLASS && parent->build->in_conditional_block))
        && !parent->has_conditional_annotations) {
        parent->has_conditional_annotations = 1;
        if (ft_symtable_add_def(b, b->n_cond_annotations, FT_SYMTABLE_USE,
                                loc_expr(annotation)) < 0)
            return -1;
    }
    if (parent->build->annotation_block == NULL) {
        FtSymtableBlockType current = parent->type;
        if (ft_symtable_enter_block(b, b->n_annotate, FT_SYMTABLE_BLOCK_ANNOTATION, key,
                                    loc_expr(annotation)) < 0)
            return -1;
        parent->build->annotation_block = b->cur;
        if (current == FT_SYMTABLE_BLOCK_CLASS && !b->st->future_annotations) {
            b->cur->can_see_class_scope = 1;
            if (ft_symtable_add_def(b, b->n_classdict, FT_SYMTABLE_USE, loc_expr(annotation)) < 0)
                return -1;
        }
    }
    else if (ft_symtable_enter_existing_block(b, parent->build->annotation_block, 0) < 0) {
        return -1;
    }
    if (is_unevaluated)
        b->cur->build->in_unevaluated_annotation = 1;
    int rc = visit_expr(b, annotation);
    if (is_unevaluated)
        b->cur->build->in_unevaluated_annotation = 0;
    if (rc < 0)
        return -1;
    ft_symtable_exit_block(b);
    return 0;
}

static int
visit_arg_annotations(FtSymtableBuilder *b, const FtAstSeq *args)
{
    for (ptrdiff_t i = 0; i < seq_len(args); i++) {
        const FtAstArg *arg = args->items[i];
        if (arg->annotation != NULL && visit_expr(b, arg->annotation) < 0)
            return -1;
    }
    return 0;
}

// The __annotate__ scope of a def (always created, even with no annotations).
static int
visit_function_annotations(FtSymtableBuilder *b, const FtAstStmt *s, const FtAstArguments *a,
                           const FtAstExpr *returns)
{
    int is_in_class = b->cur->can_see_class_scope;
    FtSymtableBlockType current = b->cur->type;
    if (ft_symtable_enter_block(b, b->n_annotate, FT_SYMTABLE_BLOCK_ANNOTATION, a,
                                loc_stmt(s)) < 0)
        return -1;
    if (is_in_class || current == FT_SYMTABLE_BLOCK_CLASS) {
        b->cur->can_see_class_scope = 1;
        if (ft_symtable_add_def(b, b->n_classdict, FT_SYMTABLE_USE, loc_stmt(s)) < 0)
            return -1;
    }
    if (visit_arg_annotations(b, a->posonlyargs) < 0 || visit_arg_annotations(b, a->args) < 0)
        return -1;
    if (a->vararg != NULL && a->vararg->annotation != NULL
        && visit_expr(b, a->vararg->annotation) < 0)
        return -1;
    if (a->kwarg != NULL && a->kwarg->annotation != NULL
        && visit_expr(b, a->kwarg->annotation) < 0)
        return -1;
    if (visit_arg_annotations(b, a->kwonlyargs) < 0)
        return -1;
    if (returns != NULL && visit_expr(b, returns) < 0)
        return -1;
    ft_symtable_exit_block(b);
    return 0;
}

static int
visit_params(FtSymtableBuilder *b, const FtAstSeq *args)
{
    for (ptrdiff_t i = 0; i < seq_len(args); i++) {
        const FtAstArg *arg = args->items[i];
        if (add_def_id(b, arg->arg, FT_SYMTABLE_DEF_PARAM, loc_arg(arg)) < 0)
            return -1;
    }
    return 0;
}

static int
visit_arguments(FtSymtableBuilder *b, const FtAstArguments *a)
{
    if (visit_params(b, a->posonlyargs) < 0 || visit_params(b, a->args) < 0
        || visit_params(b, a->kwonlyargs) < 0)
        return -1;
    if (a->vararg != NULL) {
        if (add_def_id(b, a->vararg->arg, FT_SYMTABLE_DEF_PARAM, loc_arg(a->vararg)) < 0)
            return -1;
        b->cur->varargs = 1;
    }
    if (a->kwarg != NULL) {
        if (add_def_id(b, a->kwarg->arg, FT_SYMTABLE_DEF_PARAM, loc_arg(a->kwarg)) < 0)
            return -1;
        b->cur->varkeywords = 1;
    }
    return 0;
}

static int
visit_function_def(FtSymtableBuilder *b, const FtAstStmt *s, int is_async)
{
    const char *raw = is_async ? s->v.async_function_def.name : s->v.function_def.name;
    const FtAstArguments *args = is_async ? s->v.async_function_def.args : s->v.function_def.args;
    const FtAstSeq *body = is_async ? s->v.async_function_def.body : s->v.function_def.body;
    const FtAstSeq *decorators = is_async ? s->v.async_function_def.decorator_list
                                          : s->v.function_def.decorator_list;
    const FtAstExpr *returns = is_async ? s->v.async_function_def.returns
                                        : s->v.function_def.returns;
    const FtAstSeq *type_params = is_async ? s->v.async_function_def.type_params
                                           : s->v.function_def.type_params;
    const char *name = ft_symtable_intern(b, raw);
    if (name == NULL || ft_symtable_add_def(b, name, FT_SYMTABLE_DEF_LOCAL, loc_stmt(s)) < 0)
        return -1;
    if (visit_expr_seq(b, args->defaults) < 0 || visit_expr_seq(b, args->kw_defaults) < 0
        || visit_expr_seq(b, decorators) < 0)
        return -1;
    int generic = seq_len(type_params) > 0;
    if (generic) {
        // CPython's parser always gives a def a (possibly empty) defaults sequence, so the
        // type-parameter scope always has the ".defaults" parameter.
        if (enter_type_param_block(b, name, type_params, 1,
                                   has_kwonly_defaults(args), 0, loc_stmt(s)) < 0
            || visit_type_params(b, type_params) < 0)
            return -1;
    }
    FtSymtableEntry *fn = ft_symtable_entry_new(b, name, FT_SYMTABLE_BLOCK_FUNCTION, s,
                                                loc_stmt(s));
    if (fn == NULL)
        return -1;
    fn->has_docstring = is_docstring_body(body) != 0;
    if (visit_function_annotations(b, s, args, returns) < 0
        || ft_symtable_enter_existing_block(b, fn, 1) < 0)
        return -1;
    if (is_async)
        b->cur->coroutine = 1;
    if (visit_arguments(b, args) < 0 || visit_stmt_seq(b, body) < 0)
        return -1;
    ft_symtable_exit_block(b);
    if (generic)
        ft_symtable_exit_block(b);
    return 0;
}

static int
visit_class_def(FtSymtableBuilder *b, const FtAstStmt *s)
{
    const char *name = ft_symtable_intern(b, s->v.class_def.name);
    if (name == NULL || ft_symtable_add_def(b, name, FT_SYMTABLE_DEF_LOCAL, loc_stmt(s)) < 0
        || visit_expr_seq(b, s->v.class_def.decorator_list) < 0)
        return -1;
    const char *saved_private = b->private_name;
    const FtAstSeq *type_params = s->v.class_def.type_params;
    int generic = seq_len(type_params) > 0;
    if (generic) {
        if (enter_type_param_block(b, name, type_params, 0, 0, 1, loc_stmt(s)) < 0)
            return -1;
        b->private_name = name;
        b->cur->build->mangled_names = ft_arena_alloc(b->arena, sizeof(FtSymtableNameSet));
        if (b->cur->build->mangled_names == NULL)
            return ft_symtable_error_memory(b);
        if (visit_type_params(b, type_params) < 0)
            return -1;
    }
    if (visit_expr_seq(b, s->v.class_def.bases) < 0)
        return -1;
    const FtAstSeq *keywords = s->v.class_def.keywords;
    for (ptrdiff_t i = 0; i < seq_len(keywords); i++) {
        const FtAstKeyword *kw = keywords->items[i];
        FtSymtableLoc loc = {kw->lineno, kw->col_offset, kw->end_lineno, kw->end_col_offset};
        if (kw->arg != NULL && strcmp(kw->arg, "__debug__") == 0)
            return ft_symtable_error_at(b, loc, "cannot assign to __debug__");
    }
    for (ptrdiff_t i = 0; i < seq_len(keywords); i++) {
        const FtAstKeyword *kw = keywords->items[i];
        if (visit_expr(b, kw->value) < 0)
            return -1;
    }
    if (ft_symtable_enter_block(b, name, FT_SYMTABLE_BLOCK_CLASS, s, loc_stmt(s)) < 0)
        return -1;
    b->private_name = name;
    if (generic) {
        if (ft_symtable_add_def(b, b->n_type_params, FT_SYMTABLE_DEF_LOCAL, loc_stmt(s)) < 0
            || ft_symtable_add_def(b, b->n_dot_type_params, FT_SYMTABLE_USE, loc_stmt(s)) < 0)
            return -1;
    }
    b->cur->has_docstring = is_docstring_body(s->v.class_def.body) != 0;
    if (visit_stmt_seq(b, s->v.class_def.body) < 0)
        return -1;
    ft_symtable_exit_block(b);
    if (generic)
        ft_symtable_exit_block(b);
    b->private_name = saved_private;
    return 0;
}

static int
visit_type_alias(FtSymtableBuilder *b, const FtAstStmt *s)
{
    const FtAstExpr *target = s->v.type_alias.name;
    if (visit_expr(b, target) < 0)
        return -1;
    if (target->kind != FT_AST_EXPR_NAME)
        return ft_symtable_error_at(b, loc_expr(target), "invalid type alias target");
    const char *name = ft_symtable_intern(b, target->v.name.id);
    if (name == NULL)
        return -1;
    int is_in_class = b->cur->type == FT_SYMTABLE_BLOCK_CLASS;
    const FtAstSeq *type_params = s->v.type_alias.type_params;
    int generic = seq_len(type_params) > 0;
    if (generic) {
        if (enter_type_param_block(b, name, type_params, 0, 0, 0, loc_stmt(s)) < 0
            || visit_type_params(b, type_params) < 0)
            return -1;
    }
    if (ft_symtable_enter_block(b, name, FT_SYMTABLE_BLOCK_TYPE_ALIAS, s, loc_stmt(s)) < 0)
        return -1;
    b->cur->can_see_class_scope = is_in_class != 0;
    if (is_in_class && ft_symtable_add_def(b, b->n_classdict, FT_SYMTABLE_USE,
                                           loc_expr(s->v.type_alias.value)) < 0)
        return -1;
    if (visit_expr(b, s->v.type_alias.value) < 0)
        return -1;
    ft_symtable_exit_block(b);
    if (generic)
        ft_symtable_exit_block(b);
    return 0;
}

static int
visit_ann_assign(FtSymtableBuilder *b, const FtAstStmt *s)
{
    const FtAstExpr *target = s->v.ann_assign.target;
    if (target->kind == FT_AST_EXPR_NAME) {
        const char *name = ft_symtable_intern(b, target->v.name.id);
        if (name == NULL)
            return -1;
        int failed = 0;
        long cur = ft_symtable_lookup_entry(b, b->cur, name, &failed);
        if (failed)
            return -1;
        if ((cur & (FT_SYMTABLE_DEF_GLOBAL | FT_SYMTABLE_DEF_NONLOCAL)) && b->cur != b->global
            && s->v.ann_assign.simple)
            return ft_symtable_error_at(b, loc_stmt(s),
                                        (cur & FT_SYMTABLE_DEF_GLOBAL)
                                            ? "annotated name '%s' can't be global"
                                            : "annotated name '%s' can't be nonlocal",
                                        name);
        if (s->v.ann_assign.simple) {
            if (ft_symtable_add_def(b, name, FT_SYMTABLE_DEF_ANNOT | FT_SYMTABLE_DEF_LOCAL,
                                    loc_expr(target)) < 0)
                return -1;
        }
        else if (s->v.ann_assign.value != NULL
                 && ft_symtable_add_def(b, name, FT_SYMTABLE_DEF_LOCAL, loc_expr(target)) < 0) {
            return -1;
        }
    }
    else if (visit_expr(b, target) < 0) {
        return -1;
    }
    // CPython keys these annotation scopes by the enclosing block's id + 1.
    const void *key = (const void *)((uintptr_t)b->cur + 1);
    if (visit_annotation(b, s->v.ann_assign.annotation, key) < 0)
        return -1;
    if (s->v.ann_assign.value != NULL && visit_expr(b, s->v.ann_assign.value) < 0)
        return -1;
    return 0;
}

static int
visit_global_or_nonlocal(FtSymtableBuilder *b, const FtAstStmt *s, int is_global)
{
    const FtAstSeq *names = is_global ? s->v.global.names : s->v.nonlocal.names;
    const char *kind = is_global ? "global" : "nonlocal";
    for (ptrdiff_t i = 0; i < seq_len(names); i++) {
        const char *name = ft_symtable_intern(b, names->items[i]);
        if (name == NULL)
            return -1;
        int failed = 0;
        long cur = ft_symtable_lookup_entry(b, b->cur, name, &failed);
        if (failed)
            return -1;
        if (cur & (FT_SYMTABLE_DEF_PARAM | FT_SYMTABLE_DEF_LOCAL | FT_SYMTABLE_USE
                   | FT_SYMTABLE_DEF_ANNOT)) {
            if (cur & FT_SYMTABLE_DEF_PARAM)
                return ft_symtable_error_at(b, loc_stmt(s), "name '%s' is parameter and %s",
                                            name, kind);
            if (cur & FT_SYMTABLE_USE)
                return ft_symtable_error_at(b, loc_stmt(s),
                                            "name '%s' is used prior to %s declaration", name,
                                            kind);
            if (cur & FT_SYMTABLE_DEF_ANNOT)
                return ft_symtable_error_at(b, loc_stmt(s), "annotated name '%s' can't be %s",
                                            name, kind);
            return ft_symtable_error_at(b, loc_stmt(s),
                                        "name '%s' is assigned to before %s declaration", name,
                                        kind);
        }
        long flag = is_global ? FT_SYMTABLE_DEF_GLOBAL : FT_SYMTABLE_DEF_NONLOCAL;
        if (ft_symtable_add_def(b, name, flag, loc_stmt(s)) < 0
            || ft_symtable_record_directive(b, name, loc_stmt(s)) < 0)
            return -1;
    }
    return 0;
}

static int
visit_alias(FtSymtableBuilder *b, const FtAstAlias *a)
{
    FtSymtableLoc loc = {a->lineno, a->col_offset, a->end_lineno, a->end_col_offset};
    const char *full = a->asname != NULL ? a->asname : a->name;
    if (strcmp(full, "*") == 0) {
        if (b->cur->type != FT_SYMTABLE_BLOCK_MODULE)
            return ft_symtable_error_at(b, loc, "import * only allowed at module level");
        return 0;
    }
    // `import a.b.c` binds a.
    const char *dot = strchr(full, '.');
    const char *store = dot != NULL ? ft_symtable_intern_n(b, full, (size_t)(dot - full))
                                    : ft_symtable_intern(b, full);
    if (store == NULL)
        return -1;
    return ft_symtable_add_def(b, store, FT_SYMTABLE_DEF_IMPORT, loc);
}

static int
check_import_from(FtSymtableBuilder *b, const FtAstStmt *s)
{
    FtSymtableLoc fut = b->future_loc;
    if (s->v.import_from.module != NULL && s->v.import_from.level == 0
        && strcmp(s->v.import_from.module, "__future__") == 0
        && (s->lineno > fut.lineno
            || (s->lineno == fut.end_lineno && s->col_offset > fut.end_col_offset)))
        return ft_symtable_error_at(b, loc_stmt(s),
                                    "from __future__ imports must occur at the beginning of the "
                                    "file");
    return 0;
}

static int
visit_pattern(FtSymtableBuilder *b, const FtAstPattern *p);

static int
visit_pattern_seq(FtSymtableBuilder *b, const FtAstSeq *seq)
{
    for (ptrdiff_t i = 0; i < seq_len(seq); i++) {
        if (visit_pattern(b, seq->items[i]) < 0)
            return -1;
    }
    return 0;
}

static int
visit_pattern(FtSymtableBuilder *b, const FtAstPattern *p)
{
    if (enter_recursive(b, loc_pattern(p)) < 0)
        return -1;
    int rc = 0;
    switch (p->kind) {
    case FT_AST_PATTERN_MATCH_VALUE:
        rc = visit_expr(b, p->v.match_value.value);
        break;
    case FT_AST_PATTERN_MATCH_SINGLETON:
        break;
    case FT_AST_PATTERN_MATCH_SEQUENCE:
        rc = visit_pattern_seq(b, p->v.match_sequence.patterns);
        break;
    case FT_AST_PATTERN_MATCH_STAR:
        if (p->v.match_star.name != NULL)
            rc = add_def_id(b, p->v.match_star.name, FT_SYMTABLE_DEF_LOCAL, loc_pattern(p));
        break;
    case FT_AST_PATTERN_MATCH_MAPPING:
        rc = visit_expr_seq(b, p->v.match_mapping.keys);
        if (rc == 0)
            rc = visit_pattern_seq(b, p->v.match_mapping.patterns);
        if (rc == 0 && p->v.match_mapping.rest != NULL)
            rc = add_def_id(b, p->v.match_mapping.rest, FT_SYMTABLE_DEF_LOCAL, loc_pattern(p));
        break;
    case FT_AST_PATTERN_MATCH_CLASS: {
        rc = visit_expr(b, p->v.match_class.cls);
        if (rc == 0)
            rc = visit_pattern_seq(b, p->v.match_class.patterns);
        const FtAstSeq *attrs = p->v.match_class.kwd_attrs;
        const FtAstSeq *pats = p->v.match_class.kwd_patterns;
        for (ptrdiff_t i = 0; rc == 0 && i < seq_len(attrs); i++) {
            if (strcmp(attrs->items[i], "__debug__") == 0 && i < seq_len(pats))
                rc = ft_symtable_error_at(b, loc_pattern(pats->items[i]),
                                          "cannot assign to __debug__");
        }
        if (rc == 0)
            rc = visit_pattern_seq(b, pats);
        break;
    }
    case FT_AST_PATTERN_MATCH_AS:
        if (p->v.match_as.pattern != NULL)
            rc = visit_pattern(b, p->v.match_as.pattern);
        if (rc == 0 && p->v.match_as.name != NULL)
            rc = add_def_id(b, p->v.match_as.name, FT_SYMTABLE_DEF_LOCAL, loc_pattern(p));
        break;
    case FT_AST_PATTERN_MATCH_OR:
        rc = visit_pattern_seq(b, p->v.match_or.patterns);
        break;
    }
    b->recursion--;
    return rc;
}

static int
visit_handlers(FtSymtableBuilder *b, const FtAstSeq *handlers)
{
    for (ptrdiff_t i = 0; i < seq_len(handlers); i++) {
        const FtAstExcepthandler *eh = handlers->items[i];
        FtSymtableLoc loc = {eh->lineno, eh->col_offset, eh->end_lineno, eh->end_col_offset};
        if (eh->v.except_handler.type != NULL && visit_expr(b, eh->v.except_handler.type) < 0)
            return -1;
        if (eh->v.except_handler.name != NULL
            && add_def_id(b, eh->v.except_handler.name, FT_SYMTABLE_DEF_LOCAL, loc) < 0)
            return -1;
        if (visit_stmt_seq(b, eh->v.except_handler.body) < 0)
            return -1;
    }
    return 0;
}

static int
visit_withitems(FtSymtableBuilder *b, const FtAstSeq *items)
{
    for (ptrdiff_t i = 0; i < seq_len(items); i++) {
        const FtAstWithitem *item = items->items[i];
        if (visit_expr(b, item->context_expr) < 0)
            return -1;
        if (item->optional_vars != NULL && visit_expr(b, item->optional_vars) < 0)
            return -1;
    }
    return 0;
}

// Statements whose bodies run conditionally (if/for/while/try/with/match): annotations in them
// make a module's or class's annotations conditional.
static int
visit_conditional(FtSymtableBuilder *b, const FtAstSeq *body, const FtAstSeq *orelse)
{
    struct FtSymtableBuildState *bs = b->cur->build;
    unsigned saved = bs->in_conditional_block;
    bs->in_conditional_block = 1;
    int rc = visit_stmt_seq(b, body);
    if (rc == 0)
        rc = visit_stmt_seq(b, orelse);
    bs->in_conditional_block = saved;
    return rc;
}

static int
visit_stmt(FtSymtableBuilder *b, const FtAstStmt *s)
{
    if (enter_recursive(b, loc_stmt(s)) < 0)
        return -1;
    int rc = 0;
    struct FtSymtableBuildState *bs = b->cur->build;
    switch (s->kind) {
    case FT_AST_STMT_FUNCTION_DEF:
        rc = visit_function_def(b, s, 0);
        break;
    case FT_AST_STMT_ASYNC_FUNCTION_DEF:
        rc = visit_function_def(b, s, 1);
        break;
    case FT_AST_STMT_CLASS_DEF:
        rc = visit_class_def(b, s);
        break;
    case FT_AST_STMT_TYPE_ALIAS:
        rc = visit_type_alias(b, s);
        break;
    case FT_AST_STMT_RETURN:
        if (s->v.return_.value != NULL) {
            rc = visit_expr(b, s->v.return_.value);
            b->cur->returns_value = 1;
        }
        break;
    case FT_AST_STMT_DELETE:
        rc = visit_expr_seq(b, s->v.delete.targets);
        break;
    case FT_AST_STMT_ASSIGN:
        rc = visit_expr_seq(b, s->v.assign.targets);
        if (rc == 0)
            rc = visit_expr(b, s->v.assign.value);
        break;
    case FT_AST_STMT_ANN_ASSIGN:
        rc = visit_ann_assign(b, s);
        break;
    case FT_AST_STMT_AUG_ASSIGN:
        rc = visit_expr(b, s->v.aug_assign.target);
        if (rc == 0)
            rc = visit_expr(b, s->v.aug_assign.value);
        break;
    case FT_AST_STMT_FOR:
        rc = visit_expr(b, s->v.for_.target);
        if (rc == 0)
            rc = visit_expr(b, s->v.for_.iter);
        if (rc == 0)
            rc = visit_conditional(b, s->v.for_.body, s->v.for_.orelse);
        break;
    case FT_AST_STMT_WHILE:
        rc = visit_expr(b, s->v.while_.test);
        if (rc == 0)
            rc = visit_conditional(b, s->v.while_.body, s->v.while_.orelse);
        break;
    case FT_AST_STMT_IF:
        rc = visit_expr(b, s->v.if_.test);
        if (rc == 0)
            rc = visit_conditional(b, s->v.if_.body, s->v.if_.orelse);
        break;
    case FT_AST_STMT_MATCH: {
        rc = visit_expr(b, s->v.match.subject);
        unsigned saved = bs->in_conditional_block;
        bs->in_conditional_block = 1;
        const FtAstSeq *cases = s->v.match.cases;
        for (ptrdiff_t i = 0; rc == 0 && i < seq_len(cases); i++) {
            const FtAstMatchCase *m = cases->items[i];
            rc = visit_pattern(b, m->pattern);
            if (rc == 0 && m->guard != NULL)
                rc = visit_expr(b, m->guard);
            if (rc == 0)
                rc = visit_stmt_seq(b, m->body);
        }
        bs->in_conditional_block = saved;
        break;
    }
    case FT_AST_STMT_RAISE:
        if (s->v.raise.exc != NULL) {
            rc = visit_expr(b, s->v.raise.exc);
            if (rc == 0 && s->v.raise.cause != NULL)
                rc = visit_expr(b, s->v.raise.cause);
        }
        break;
    case FT_AST_STMT_TRY:
    case FT_AST_STMT_TRY_STAR: {
        unsigned saved = bs->in_conditional_block;
        bs->in_conditional_block = 1;
        rc = visit_stmt_seq(b, s->v.try.body);
        if (rc == 0)
            rc = visit_handlers(b, s->v.try.handlers);
        if (rc == 0)
            rc = visit_stmt_seq(b, s->v.try.orelse);
        if (rc == 0)
            rc = visit_stmt_seq(b, s->v.try.finalbody);
        bs->in_conditional_block = saved;
        break;
    }
    case FT_AST_STMT_ASSERT:
        rc = visit_expr(b, s->v.assert.test);
        if (rc == 0 && s->v.assert.msg != NULL)
            rc = visit_expr(b, s->v.assert.msg);
        break;
    case FT_AST_STMT_IMPORT:
        for (ptrdiff_t i = 0; rc == 0 && i < seq_len(s->v.import.names); i++)
            rc = visit_alias(b, s->v.import.names->items[i]);
        break;
    case FT_AST_STMT_IMPORT_FROM:
        for (ptrdiff_t i = 0; rc == 0 && i < seq_len(s->v.import_from.names); i++)
            rc = visit_alias(b, s->v.import_from.names->items[i]);
        if (rc == 0)
            rc = check_import_from(b, s);
        break;
    case FT_AST_STMT_GLOBAL:
        rc = visit_global_or_nonlocal(b, s, 1);
        break;
    case FT_AST_STMT_NONLOCAL:
        rc = visit_global_or_nonlocal(b, s, 0);
        break;
    case FT_AST_STMT_EXPR:
        rc = visit_expr(b, s->v.expr.value);
        break;
    case FT_AST_STMT_PASS:
    case FT_AST_STMT_BREAK:
    case FT_AST_STMT_CONTINUE:
        break;
    case FT_AST_STMT_WITH: {
        unsigned saved = bs->in_conditional_block;
        bs->in_conditional_block = 1;
        rc = visit_withitems(b, s->v.with.items);
        if (rc == 0)
            rc = visit_stmt_seq(b, s->v.with.body);
        bs->in_conditional_block = saved;
        break;
    }
    case FT_AST_STMT_ASYNC_WITH: {
        if (!b->cur->coroutine)
            return ft_symtable_error_at(b, loc_stmt(s), "'async with' outside async function");
        unsigned saved = bs->in_conditional_block;
        bs->in_conditional_block = 1;
        rc = visit_withitems(b, s->v.async_with.items);
        if (rc == 0)
            rc = visit_stmt_seq(b, s->v.async_with.body);
        bs->in_conditional_block = saved;
        break;
    }
    case FT_AST_STMT_ASYNC_FOR:
        if (!b->cur->coroutine)
            return ft_symtable_error_at(b, loc_stmt(s), "'async for' outside async function");
        rc = visit_expr(b, s->v.async_for.target);
        if (rc == 0)
            rc = visit_expr(b, s->v.async_for.iter);
        if (rc == 0)
            rc = visit_conditional(b, s->v.async_for.body, s->v.async_for.orelse);
        break;
    }
    b->recursion--;
    return rc;
}

// `target := value` inside a comprehension binds target in the nearest enclosing function or
// module (PEP 572), skipping the comprehensions in between.
static int
extend_namedexpr_scope(FtSymtableBuilder *b, const FtAstExpr *e)
{
    const char *target = ft_symtable_intern(b, e->v.name.id);
    if (target == NULL)
        return -1;
    FtSymtableLoc loc = loc_expr(e);
    for (ptrdiff_t i = b->depth - 1; i >= 0; i--) {
        FtSymtableEntry *ste = b->stack[i];
        int failed = 0;
        if (ste->comprehension != FT_SYMTABLE_COMP_NONE) {
            long in_scope = ft_symtable_lookup_entry(b, ste, target, &failed);
            if (failed)
                return -1;
            if ((in_scope & FT_SYMTABLE_DEF_COMP_ITER) && (in_scope & FT_SYMTABLE_DEF_LOCAL))
                return ft_symtable_error_at(
                    b, loc, "assignment expression cannot rebind comprehension iteration "
                            "variable '%s'", target);
            continue;
        }
        if (ste->type == FT_SYMTABLE_BLOCK_FUNCTION) {
            long in_scope = ft_symtable_lookup_entry(b, ste, target, &failed);
            if (failed)
                return -1;
            long flag = (in_scope & FT_SYMTABLE_DEF_GLOBAL) ? FT_SYMTABLE_DEF_GLOBAL
                                                            : FT_SYMTABLE_DEF_NONLOCAL;
            if (ft_symtable_add_def(b, target, flag, loc) < 0
                || ft_symtable_record_directive(b, target, loc) < 0)
                return -1;
            return ft_symtable_add_def_helper(b, target, FT_SYMTABLE_DEF_LOCAL, ste, loc);
        }
        if (ste->type == FT_SYMTABLE_BLOCK_MODULE) {
            if (ft_symtable_add_def(b, target, FT_SYMTABLE_DEF_GLOBAL, loc) < 0
                || ft_symtable_record_directive(b, target, loc) < 0)
                return -1;
            return ft_symtable_add_def_helper(b, target, FT_SYMTABLE_DEF_GLOBAL, ste, loc);
        }
        switch (ste->type) {
        case FT_SYMTABLE_BLOCK_CLASS:
            return ft_symtable_error_at(b, loc, "assignment expression within a comprehension "
                                                "cannot be used in a class body");
        case FT_SYMTABLE_BLOCK_TYPE_PARAMETERS:
            return ft_symtable_error_at(b, loc, "assignment expression within a comprehension "
                                                "cannot be used within the definition of a "
                                                "generic");
        case FT_SYMTABLE_BLOCK_TYPE_ALIAS:
            return ft_symtable_error_at(b, loc, "assignment expression within a comprehension "
                                                "cannot be used in a type alias");
        case FT_SYMTABLE_BLOCK_TYPE_VARIABLE:
            return ft_symtable_error_at(b, loc, "assignment expression within a comprehension "
                                                "cannot be used in a TypeVar bound");
        default:
            break;  // an annotation scope: keep looking outwards
        }
    }
    return ft_symtable_error_at(b, loc, "assignment expression in an unexpected scope");
}

static int
handle_namedexpr(FtSymtableBuilder *b, const FtAstExpr *e)
{
    if (b->cur->build->comp_iter_expr > 0)
        return ft_symtable_error_at(b, loc_expr(e), "assignment expression cannot be used in a "
                                                    "comprehension iterable expression");
    const FtAstExpr *target = e->v.named_expr.target;
    if (b->cur->comprehension != FT_SYMTABLE_COMP_NONE && target->kind == FT_AST_EXPR_NAME
        && extend_namedexpr_scope(b, target) < 0)
        return -1;
    if (visit_expr(b, e->v.named_expr.value) < 0 || visit_expr(b, target) < 0)
        return -1;
    return 0;
}

static int
visit_comprehension(FtSymtableBuilder *b, const FtAstComprehension *lc)
{
    struct FtSymtableBuildState *bs = b->cur->build;
    bs->comp_iter_target = 1;
    if (visit_expr(b, lc->target) < 0)
        return -1;
    bs->comp_iter_target = 0;
    bs->comp_iter_expr++;
    if (visit_expr(b, lc->iter) < 0)
        return -1;
    bs->comp_iter_expr--;
    if (visit_expr_seq(b, lc->ifs) < 0)
        return -1;
    if (lc->is_async)
        b->cur->coroutine = 1;
    return 0;
}

static int
handle_comprehension(FtSymtableBuilder *b, const FtAstExpr *e, const char *scope_name,
                     FtSymtableComprehension kind, const FtAstSeq *generators,
                     const FtAstExpr *elt, const FtAstExpr *value)
{
    int is_generator = kind == FT_SYMTABLE_COMP_GENERATOR;
    if (seq_len(generators) == 0)
        return ft_symtable_error_at(b, loc_expr(e), "comprehension without generators");
    const FtAstComprehension *outermost = generators->items[0];
    // The outermost iterable is evaluated in the enclosing scope.
    b->cur->build->comp_iter_expr++;
    if (visit_expr(b, outermost->iter) < 0)
        return -1;
    b->cur->build->comp_iter_expr--;
    if (ft_symtable_enter_block(b, scope_name, FT_SYMTABLE_BLOCK_FUNCTION, e, loc_expr(e)) < 0)
        return -1;
    FtSymtableEntry *comp = b->cur;
    comp->comprehension = kind;
    if (outermost->is_async)
        comp->coroutine = 1;
    // The outermost iterator arrives as the implicit argument ".0".
    if (ft_symtable_add_def(b, b->n_dot0, FT_SYMTABLE_DEF_PARAM,
                            (FtSymtableLoc){comp->lineno, comp->col_offset, comp->end_lineno,
                                            comp->end_col_offset}) < 0)
        return -1;
    comp->build->comp_iter_target = 1;
    if (visit_expr(b, outermost->target) < 0)
        return -1;
    comp->build->comp_iter_target = 0;
    if (visit_expr_seq(b, outermost->ifs) < 0)
        return -1;
    for (ptrdiff_t i = 1; i < generators->size; i++) {
        if (visit_comprehension(b, generators->items[i]) < 0)
            return -1;
    }
    if (value != NULL && visit_expr(b, value) < 0)
        return -1;
    if (visit_expr(b, elt) < 0)
        return -1;
    comp->generator = is_generator != 0;
    int is_async = comp->coroutine && !is_generator;
    ft_symtable_exit_block(b);
    if (is_async && !is_async_def(b) && b->cur->comprehension == FT_SYMTABLE_COMP_NONE)
        return ft_symtable_error_at(b, loc_expr(e), "asynchronous comprehension outside of an "
                                                    "asynchronous function");
    if (is_async)
        b->cur->coroutine = 1;
    return 0;
}

static int
visit_lambda(FtSymtableBuilder *b, const FtAstExpr *e)
{
    const FtAstArguments *args = e->v.lambda.args;
    if (visit_expr_seq(b, args->defaults) < 0 || visit_expr_seq(b, args->kw_defaults) < 0)
        return -1;
    if (ft_symtable_enter_block(b, b->n_lambda, FT_SYMTABLE_BLOCK_FUNCTION, e, loc_expr(e)) < 0
        || visit_arguments(b, args) < 0 || visit_expr(b, e->v.lambda.body) < 0)
        return -1;
    ft_symtable_exit_block(b);
    return 0;
}

static int
visit_name(FtSymtableBuilder *b, const FtAstExpr *e)
{
    if (b->cur->build->in_unevaluated_annotation)
        return 0;
    const char *name = ft_symtable_intern(b, e->v.name.id);
    if (name == NULL)
        return -1;
    FtAstExprContext ctx = e->v.name.ctx;
    long flag = ctx == FT_AST_EXPR_CONTEXT_LOAD ? FT_SYMTABLE_USE : FT_SYMTABLE_DEF_LOCAL;
    if (ft_symtable_add_def_ctx(b, name, flag, loc_expr(e), ctx) < 0)
        return -1;
    // A call of super() reads __class__.
    if (ctx == FT_AST_EXPR_CONTEXT_LOAD && ft_symtable_is_function_like(b->cur)
        && name == b->n_super
        && ft_symtable_add_def(b, b->n_class, FT_SYMTABLE_USE, loc_expr(e)) < 0)
        return -1;
    return 0;
}

static int
visit_expr(FtSymtableBuilder *b, const FtAstExpr *e)
{
    if (enter_recursive(b, loc_expr(e)) < 0)
        return -1;
    int rc = 0;
    switch (e->kind) {
    case FT_AST_EXPR_NAMED_EXPR:
        rc = raise_if_annotation_block(b, "named expression", e);
        if (rc == 0)
            rc = handle_namedexpr(b, e);
        break;
    case FT_AST_EXPR_BOOL_OP:
        rc = visit_expr_seq(b, e->v.bool_op.values);
        break;
    case FT_AST_EXPR_BIN_OP:
        rc = visit_expr(b, e->v.bin_op.left);
        if (rc == 0)
            rc = visit_expr(b, e->v.bin_op.right);
        break;
    case FT_AST_EXPR_UNARY_OP:
        rc = visit_expr(b, e->v.unary_op.operand);
        break;
    case FT_AST_EXPR_LAMBDA:
        rc = visit_lambda(b, e);
        break;
    case FT_AST_EXPR_IF_EXP:
        rc = visit_expr(b, e->v.if_exp.test);
        if (rc == 0)
            rc = visit_expr(b, e->v.if_exp.body);
        if (rc == 0)
            rc = visit_expr(b, e->v.if_exp.orelse);
        break;
    case FT_AST_EXPR_DICT:
        rc = visit_expr_seq(b, e->v.dict.keys);
        if (rc == 0)
            rc = visit_expr_seq(b, e->v.dict.values);
        break;
    case FT_AST_EXPR_SET:
        rc = visit_expr_seq(b, e->v.set.elts);
        break;
    case FT_AST_EXPR_GENERATOR_EXP:
        rc = handle_comprehension(b, e, b->n_genexpr, FT_SYMTABLE_COMP_GENERATOR,
                                  e->v.generator_exp.generators, e->v.generator_exp.elt, NULL);
        break;
    case FT_AST_EXPR_LIST_COMP:
        rc = handle_comprehension(b, e, b->n_listcomp, FT_SYMTABLE_COMP_LIST,
                                  e->v.list_comp.generators, e->v.list_comp.elt, NULL);
        break;
    case FT_AST_EXPR_SET_COMP:
        rc = handle_comprehension(b, e, b->n_setcomp, FT_SYMTABLE_COMP_SET,
                                  e->v.set_comp.generators, e->v.set_comp.elt, NULL);
        break;
    case FT_AST_EXPR_DICT_COMP:
        rc = handle_comprehension(b, e, b->n_dictcomp, FT_SYMTABLE_COMP_DICT,
                                  e->v.dict_comp.generators, e->v.dict_comp.key,
                                  e->v.dict_comp.value);
        break;
    case FT_AST_EXPR_YIELD:
    case FT_AST_EXPR_YIELD_FROM: {
        rc = raise_if_annotation_block(b, "yield expression", e);
        const FtAstExpr *value = e->kind == FT_AST_EXPR_YIELD ? e->v.yield.value
                                                               : e->v.yield_from.value;
        if (rc == 0 && value != NULL)
            rc = visit_expr(b, value);
        if (rc == 0) {
            b->cur->generator = 1;
            if (b->cur->comprehension != FT_SYMTABLE_COMP_NONE)
                rc = raise_comprehension_yield(b, e);
        }
        break;
    }
    case FT_AST_EXPR_AWAIT:
        rc = raise_if_annotation_block(b, "await expression", e);
        if (rc == 0 && !ft_symtable_is_function_like(b->cur))
            rc = ft_symtable_error_at(b, loc_expr(e), "'await' outside function");
        if (rc == 0 && !is_async_def(b) && b->cur->comprehension == FT_SYMTABLE_COMP_NONE)
            rc = ft_symtable_error_at(b, loc_expr(e), "'await' outside async function");
        if (rc == 0)
            rc = visit_expr(b, e->v.await.value);
        if (rc == 0)
            b->cur->coroutine = 1;
        break;
    case FT_AST_EXPR_COMPARE:
        rc = visit_expr(b, e->v.compare.left);
        if (rc == 0)
            rc = visit_expr_seq(b, e->v.compare.comparators);
        break;
    case FT_AST_EXPR_CALL: {
        rc = visit_expr(b, e->v.call.func);
        if (rc == 0)
            rc = visit_expr_seq(b, e->v.call.args);
        const FtAstSeq *keywords = e->v.call.keywords;
        for (ptrdiff_t i = 0; rc == 0 && i < seq_len(keywords); i++) {
            const FtAstKeyword *kw = keywords->items[i];
            FtSymtableLoc loc = {kw->lineno, kw->col_offset, kw->end_lineno, kw->end_col_offset};
            if (kw->arg != NULL && strcmp(kw->arg, "__debug__") == 0)
                rc = ft_symtable_error_at(b, loc, "cannot assign to __debug__");
        }
        for (ptrdiff_t i = 0; rc == 0 && i < seq_len(keywords); i++) {
            const FtAstKeyword *kw = keywords->items[i];
            if (kw != NULL)
                rc = visit_expr(b, kw->value);
        }
        break;
    }
    case FT_AST_EXPR_FORMATTED_VALUE:
        rc = visit_expr(b, e->v.formatted_value.value);
        if (rc == 0 && e->v.formatted_value.format_spec != NULL)
            rc = visit_expr(b, e->v.formatted_value.format_spec);
        break;
    case FT_AST_EXPR_INTERPOLATION:
        rc = visit_expr(b, e->v.interpolation.value);
        if (rc == 0 && e->v.interpolation.format_spec != NULL)
            rc = visit_expr(b, e->v.interpolation.format_spec);
        break;
    case FT_AST_EXPR_JOINED_STR:
        rc = visit_expr_seq(b, e->v.joined_str.values);
        break;
    case FT_AST_EXPR_TEMPLATE_STR:
        rc = visit_expr_seq(b, e->v.template_str.values);
        break;
    case FT_AST_EXPR_CONSTANT:
        break;
    case FT_AST_EXPR_ATTRIBUTE:
        if (strcmp(e->v.attribute.attr, "__debug__") == 0) {
            if (e->v.attribute.ctx == FT_AST_EXPR_CONTEXT_STORE)
                rc = ft_symtable_error_at(b, loc_expr(e), "cannot assign to __debug__");
            else if (e->v.attribute.ctx == FT_AST_EXPR_CONTEXT_DEL)
                rc = ft_symtable_error_at(b, loc_expr(e), "cannot delete __debug__");
        }
        if (rc == 0)
            rc = visit_expr(b, e->v.attribute.value);
        break;
    case FT_AST_EXPR_SUBSCRIPT:
        rc = visit_expr(b, e->v.subscript.value);
        if (rc == 0)
            rc = visit_expr(b, e->v.subscript.slice);
        break;
    case FT_AST_EXPR_STARRED:
        rc = visit_expr(b, e->v.starred.value);
        break;
    case FT_AST_EXPR_SLICE:
        if (e->v.slice.lower != NULL)
            rc = visit_expr(b, e->v.slice.lower);
        if (rc == 0 && e->v.slice.upper != NULL)
            rc = visit_expr(b, e->v.slice.upper);
        if (rc == 0 && e->v.slice.step != NULL)
            rc = visit_expr(b, e->v.slice.step);
        break;
    case FT_AST_EXPR_NAME:
        rc = visit_name(b, e);
        break;
    case FT_AST_EXPR_LIST:
        rc = visit_expr_seq(b, e->v.list.elts);
        break;
    case FT_AST_EXPR_TUPLE:
        rc = visit_expr_seq(b, e->v.tuple.elts);
        break;
    }
    b->recursion--;
    return rc;
}

int
ft_symtable_visit_module(FtSymtableBuilder *b, const FtAstMod *mod)
{
    switch (mod->kind) {
    case FT_AST_MOD_MODULE:
        b->cur->has_docstring = is_docstring_body(mod->v.module.body) != 0;
        return visit_stmt_seq(b, mod->v.module.body);
    case FT_AST_MOD_INTERACTIVE:
        return visit_stmt_seq(b, mod->v.interactive.body);
    case FT_AST_MOD_EXPRESSION:
        return visit_expr(b, mod->v.expression.body);
    case FT_AST_MOD_FUNCTION_TYPE:
        break;
    }
    FtSymtableLoc none = {0, -1, 0, -1};
    return ft_symtable_error_at(b, none, "this compiler does not handle FunctionTypes");
}

// compiler/codegen_comprehension.c: list, set and dict comprehensions and generator expressions
// (CPython 3.14's codegen_comprehension and its helpers, and the scope tweaks of
// _PyCompile_TweakInlinedComprehensionScopes / _PyCompile_RevertInlinedComprehensionScopes).
//
// Owns: PEP 709 inlining. A list/set/dict comprehension the symbol table marked comp_inlined runs
// in its enclosing frame: the outer values of the names it binds are saved on the stack
// (LOAD_FAST_AND_CLEAR, MAKE_CELL for cells), a virtual handler restores them if the loop raises,
// and STORE_FAST_MAYBE_NULL puts them back after it. A generator expression (or a comprehension
// that cannot be inlined) becomes a nested code unit called with the outermost iterator.
//
// Invariant: while an inlined comprehension is compiled, the enclosing unit's in_inlined_comp is
// > 0, each name whose scope differs inside the comprehension carries the inner scope in the
// enclosing block's symbol table, and fasthidden maps the comprehension's locals of a non-function
// block to True; all three are restored (fasthidden entries to False, which marks the name
// CO_FAST_HIDDEN) before the expression's code is done.
//
// Concurrency: one compilation runs on one thread and owns all of the state touched here,
// including the symbol table built for it (ft_compile_source_ref builds one table per call and
// frees it at the end, so the temporary scope edits below are never seen by another thread).
#include <stdbool.h>   // bool
#include <string.h>    // strcmp

#include "compiler/codegen_internal.h"       // FtCompiler ft_cg_*
#include "eval/generated/opcode_ids.gen.h"   // FT_OP_*
#include "objects/dict.h"                    // ft_dict_*
#include "objects/error.h"                   // ft_error_format ft_error_no_memory
#include "objects/int.h"                     // ft_int_* FT_TRUE FT_FALSE
#include "objects/str.h"                     // ft_str_from_cstr_ref
#include "runtime/refcount.h"                // ft_decref

#define RETURN_IF_ERROR(x) \
    do { \
        if ((x) < 0) \
            return -1; \
    } while (0)

typedef enum CompType {
    COMP_GENEXP,
    COMP_LISTCOMP,
    COMP_SETCOMP,
    COMP_DICTCOMP,
} CompType;

// What one comprehension being compiled needs (CPython's _PyCompile_InlinedComprehensionState).
// The arrays live in the compiler's arena.
typedef struct CompState {
    CompType type;
    const FtAstSeq *generators;
    const FtAstExpr *elt;
    const FtAstExpr *val;   // the value of a dict comprehension, else NULL
    // Inlined only: names whose outer value sits on the stack, in push order.
    const char **pushed;
    int npushed;
    // Inlined only: symbols of the enclosing block overridden while compiling, with their
    // outer flags to restore.
    ptrdiff_t *temp_index;
    long *temp_flags;
    int ntemp;
    // Inlined only: names set to True in fasthidden by this comprehension.
    const char **hidden;
    int nhidden;
    FtLabel cleanup;
} CompState;

static int comprehension_generator(FtCompiler *c, FtLocation loc, CompState *st,
                                   ptrdiff_t gen_index, int depth, bool iter_on_stack);

static bool
is_function_like(const FtSymtableEntry *ste)
{
    return ste->type == FT_SYMTABLE_BLOCK_FUNCTION || ste->type == FT_SYMTABLE_BLOCK_ANNOTATION
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_VARIABLE
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_ALIAS
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_PARAMETERS;
}

static int
symbol_scope(long flags)
{
    return (int)((flags >> FT_SYMTABLE_SCOPE_OFFSET) & FT_SYMTABLE_SCOPE_MASK);
}

static ptrdiff_t
find_symbol(const FtSymtableEntry *ste, const char *name)
{
    for (ptrdiff_t i = 0; i < ste->symbol_count; i++) {
        if (!ste->symbols[i].removed && strcmp(ste->symbols[i].name, name) == 0)
            return i;
    }
    return -1;
}

static void *
scratch(FtCompiler *c, size_t size)
{
    void *p = ft_arena_alloc(c->arena, size);
    if (p == NULL)
        ft_error_no_memory();
    return p;
}

// The index of name in a metadata dict (str -> int), adding it with the next index when absent
// (CPython's _PyCompile_DictAddObj). -1 with an exception on failure.
static int
dict_index(FtObject *dict, const char *name)
{
    FtObject *key = ft_str_from_cstr_ref(name);
    if (key == NULL)
        return -1;
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(dict, key, &value);
    int index = -1;
    if (found > 0) {
        bool ok = false;
        index = (int)ft_int_as_int64(value, &ok);
        ft_decref(value);
        if (!ok)
            index = -1;
    }
    else if (found == 0) {
        FtObject *n = ft_int_from_int64_ref(ft_dict_size(dict));
        if (n != NULL) {
            if (ft_dict_set_item(dict, key, n) == 0)
                index = (int)ft_dict_size(dict) - 1;
            ft_decref(n);
        }
    }
    ft_decref(key);
    return index;
}

// fasthidden[name]: 1 for True, 0 for anything else, -1 on error.
static int
fasthidden_is_true(FtCompiler *c, const char *name)
{
    FtObject *key = ft_str_from_cstr_ref(name);
    if (key == NULL)
        return -1;
    FtObject *value = NULL;
    int found = ft_dict_get_item_ref(c->u->metadata.fasthidden, key, &value);
    ft_decref(key);
    if (found < 0)
        return -1;
    int result = found > 0 && value == FT_TRUE;
    if (found > 0)
        ft_decref(value);
    return result;
}

static int
fasthidden_set(FtCompiler *c, const char *name, bool hidden)
{
    return ft_dict_set_item_str(c->u->metadata.fasthidden, name, ft_bool_from(hidden));
}

// An opcode whose oparg indexes the unit's varnames / cellvars / freevars.
static int
addop_varname(FtCompiler *c, FtLocation loc, int opcode, FtObject *dict, const char *name)
{
    int index = dict_index(dict, name);
    if (index < 0)
        return -1;
    return ft_cg_addop_i(c, loc, opcode, index);
}

// Gives the comprehension's names their inner scopes in the enclosing block and, outside a
// function, routes its locals to fast slots (CPython's _PyCompile_TweakInlinedComprehensionScopes).
static int
tweak_scopes(FtCompiler *c, const FtSymtableEntry *comp, CompState *st)
{
    FtCgUnit *u = c->u;
    FtSymtableEntry *outer = u->ste;
    bool in_class_block = outer->type == FT_SYMTABLE_BLOCK_CLASS && u->in_inlined_comp == 0;
    u->in_inlined_comp++;
    if (u->metadata.fasthidden == NULL) {
        u->metadata.fasthidden = ft_dict_new_ref();
        if (u->metadata.fasthidden == NULL)
            return -1;
    }
    st->temp_index = scratch(c, sizeof(ptrdiff_t) * (size_t)(comp->symbol_count + 1));
    st->temp_flags = scratch(c, sizeof(long) * (size_t)(comp->symbol_count + 1));
    st->hidden = scratch(c, sizeof(const char *) * (size_t)(comp->symbol_count + 1));
    if (st->temp_index == NULL || st->temp_flags == NULL || st->hidden == NULL)
        return -1;
    for (ptrdiff_t i = 0; i < comp->symbol_count; i++) {
        const FtSymtableSymbol *sym = &comp->symbols[i];
        if (sym->removed)
            continue;
        long flags = sym->flags;
        int scope = symbol_scope(flags);
        ptrdiff_t oi = find_symbol(outer, sym->name);
        long outflags = oi >= 0 ? outer->symbols[oi].flags : 0;
        int outsc = symbol_scope(outflags);
        // A name free inside is handled as outside; cell inside but free outside stays free
        // (*_DEREF either way). The implicit ".0" has no outer symbol and is never named.
        if (oi >= 0
            && ((scope != outsc && scope != FT_SYMTABLE_FREE
                 && !(scope == FT_SYMTABLE_CELL && outsc == FT_SYMTABLE_FREE))
                || in_class_block)) {
            st->temp_index[st->ntemp] = oi;
            st->temp_flags[st->ntemp] = outflags;
            st->ntemp++;
            outer->symbols[oi].flags = flags;
        }
        bool binds = (flags & FT_SYMTABLE_DEF_LOCAL) && !(flags & FT_SYMTABLE_DEF_NONLOCAL);
        if ((binds || in_class_block) && !is_function_like(outer)) {
            int already = fasthidden_is_true(c, sym->name);
            if (already < 0)
                return -1;
            if (!already) {
                RETURN_IF_ERROR(fasthidden_set(c, sym->name, true));
                st->hidden[st->nhidden++] = sym->name;
            }
        }
    }
    return 0;
}

static void
revert_scopes(FtCompiler *c, CompState *st)
{
    FtCgUnit *u = c->u;
    u->in_inlined_comp--;
    for (int i = st->ntemp - 1; i >= 0; i--)
        u->ste->symbols[st->temp_index[i]].flags = st->temp_flags[i];
    st->ntemp = 0;
}

// Saves the outer values of the names the comprehension binds under the outermost iterator and
// opens the virtual handler that restores them on an exception.
static int
push_inlined_locals(FtCompiler *c, FtLocation loc, const FtSymtableEntry *comp, CompState *st)
{
    FtCgUnit *u = c->u;
    const FtSymtableEntry *outer = u->ste;
    st->pushed = scratch(c, sizeof(const char *) * (size_t)(comp->symbol_count + 1));
    if (st->pushed == NULL)
        return -1;
    for (ptrdiff_t i = 0; i < comp->symbol_count; i++) {
        const FtSymtableSymbol *sym = &comp->symbols[i];
        if (sym->removed)
            continue;
        long flags = sym->flags;
        if (!((flags & FT_SYMTABLE_DEF_LOCAL) && !(flags & FT_SYMTABLE_DEF_NONLOCAL)))
            continue;
        RETURN_IF_ERROR(addop_varname(c, loc, FT_OP_LOAD_FAST_AND_CLEAR, u->metadata.varnames,
                                      sym->name));
        if (symbol_scope(flags) == FT_SYMTABLE_CELL) {
            // The saved value is the outer cell itself; the comprehension gets a fresh one.
            bool outer_free = ft_symtable_get_scope(outer, sym->name) == FT_SYMTABLE_FREE;
            RETURN_IF_ERROR(addop_varname(c, loc, FT_OP_MAKE_CELL,
                                          outer_free ? u->metadata.freevars : u->metadata.cellvars,
                                          sym->name));
        }
        st->pushed[st->npushed++] = sym->name;
    }
    if (st->npushed > 0) {
        // Bring the iterator back on top of the saved values.
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, st->npushed + 1));
        st->cleanup = ft_cg_new_label(c);
        if (st->cleanup.id < 0)
            return -1;
        // No frame block: return/break/continue cannot occur inside a comprehension.
        RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_FINALLY, st->cleanup));
    }
    return 0;
}

// [saved..., result] -> result, with the saved values stored back.
static int
restore_inlined_locals(FtCompiler *c, FtLocation loc, CompState *st)
{
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, st->npushed + 1));
    for (int i = st->npushed - 1; i >= 0; i--)
        RETURN_IF_ERROR(addop_varname(c, loc, FT_OP_STORE_FAST_MAYBE_NULL, c->u->metadata.varnames,
                                      st->pushed[i]));
    return 0;
}

static int
pop_inlined_state(FtCompiler *c, FtLocation loc, CompState *st)
{
    if (st->npushed > 0) {
        FtLabel end = ft_cg_new_label(c);
        if (end.id < 0)
            return -1;
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));
        // An exception in the loop: drop the partial result under it, restore, re-raise.
        RETURN_IF_ERROR(ft_cg_use_label(c, st->cleanup));
        RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_SWAP, 2));
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));
        RETURN_IF_ERROR(restore_inlined_locals(c, loc, st));
        RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 0));
        RETURN_IF_ERROR(ft_cg_use_label(c, end));
        RETURN_IF_ERROR(restore_inlined_locals(c, loc, st));
    }
    revert_scopes(c, st);
    for (int i = 0; i < st->nhidden; i++) {
        // False, not absent: the name was a hidden fast local (CO_FAST_HIDDEN).
        RETURN_IF_ERROR(fasthidden_set(c, st->hidden[i], false));
    }
    st->nhidden = 0;
    return 0;
}

// The innermost generator's work on one element: yield it, or add it to the container that sits
// depth + 1 items down.
static int
emit_element(FtCompiler *c, CompState *st, int depth, FtLocation *elt_loc)
{
    *elt_loc = ft_cg_loc_expr(st->elt);
    RETURN_IF_ERROR(ft_cg_visit_expr(c, st->elt));
    switch (st->type) {
    case COMP_GENEXP: {
        const FtSymtableEntry *ste = c->u->ste;
        if (ste->generator && ste->coroutine)
            RETURN_IF_ERROR(ft_cg_addop_i(c, *elt_loc, FT_OP_CALL_INTRINSIC_1,
                                          FT_INTRINSIC_ASYNC_GEN_WRAP));
        RETURN_IF_ERROR(ft_cg_addop_i(c, *elt_loc, FT_OP_YIELD_VALUE, 0));
        RETURN_IF_ERROR(ft_cg_addop_i(c, *elt_loc, FT_OP_RESUME, 1));
        return ft_cg_addop(c, *elt_loc, FT_OP_POP_TOP);
    }
    case COMP_LISTCOMP:
        return ft_cg_addop_i(c, *elt_loc, FT_OP_LIST_APPEND, depth + 1);
    case COMP_SETCOMP:
        return ft_cg_addop_i(c, *elt_loc, FT_OP_SET_ADD, depth + 1);
    case COMP_DICTCOMP:
        // The key is evaluated before the value; MAP_ADD spans both.
        RETURN_IF_ERROR(ft_cg_visit_expr(c, st->val));
        *elt_loc = (FtLocation){st->elt->lineno, st->val->end_lineno, st->elt->col_offset,
                                st->val->end_col_offset};
        return ft_cg_addop_i(c, *elt_loc, FT_OP_MAP_ADD, depth + 1);
    }
    return -1;
}

static int
sync_generator(FtCompiler *c, FtLocation loc, CompState *st, ptrdiff_t gen_index, int depth,
               bool iter_on_stack)
{
    const FtAstComprehension *gen = st->generators->items[gen_index];
    FtLabel start = ft_cg_new_label(c);
    FtLabel if_cleanup = ft_cg_new_label(c);
    FtLabel anchor = ft_cg_new_label(c);
    if (start.id < 0 || if_cleanup.id < 0 || anchor.id < 0)
        return -1;
    bool loops = true;
    if (!iter_on_stack) {
        if (gen_index == 0) {
            // The outermost iterator is the nested unit's only argument, ".0".
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_FAST, 0));
        }
        else {
            // `for y in [f(x)]` binds y once instead of looping.
            const FtAstSeq *elts = NULL;
            if (gen->iter->kind == FT_AST_EXPR_LIST)
                elts = gen->iter->v.list.elts;
            else if (gen->iter->kind == FT_AST_EXPR_TUPLE)
                elts = gen->iter->v.tuple.elts;
            if (elts != NULL && elts->size == 1) {
                const FtAstExpr *only = elts->items[0];
                if (only->kind != FT_AST_EXPR_STARRED) {
                    RETURN_IF_ERROR(ft_cg_visit_expr(c, only));
                    loops = false;
                }
            }
            if (loops) {
                RETURN_IF_ERROR(ft_cg_visit_expr(c, gen->iter));
                RETURN_IF_ERROR(ft_cg_addop(c, ft_cg_loc_expr(gen->iter), FT_OP_GET_ITER));
            }
        }
    }
    if (loops) {
        depth++;
        RETURN_IF_ERROR(ft_cg_use_label(c, start));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, ft_cg_loc_expr(gen->iter), FT_OP_FOR_ITER, anchor));
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, gen->target));
    ptrdiff_t nifs = gen->ifs != NULL ? gen->ifs->size : 0;
    for (ptrdiff_t i = 0; i < nifs; i++)
        RETURN_IF_ERROR(ft_cg_jump_if(c, loc, gen->ifs->items[i], if_cleanup, false));

    FtLocation elt_loc = ft_cg_loc_expr(st->elt);
    if (gen_index + 1 < st->generators->size)
        RETURN_IF_ERROR(comprehension_generator(c, loc, st, gen_index + 1, depth, false));
    else
        RETURN_IF_ERROR(emit_element(c, st, depth, &elt_loc));

    RETURN_IF_ERROR(ft_cg_use_label(c, if_cleanup));
    if (loops) {
        RETURN_IF_ERROR(ft_cg_addop_jump(c, elt_loc, FT_OP_JUMP, start));
        RETURN_IF_ERROR(ft_cg_use_label(c, anchor));
        // END_FOR first: a generator's exhaustion jumps to it, other iterators past it.
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_END_FOR));
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_ITER));
    }
    return 0;
}

static int
async_generator(FtCompiler *c, FtLocation loc, CompState *st, ptrdiff_t gen_index, int depth,
                bool iter_on_stack)
{
    const FtAstComprehension *gen = st->generators->items[gen_index];
    FtLabel start = ft_cg_new_label(c);
    FtLabel send = ft_cg_new_label(c);
    FtLabel except = ft_cg_new_label(c);
    FtLabel if_cleanup = ft_cg_new_label(c);
    if (start.id < 0 || send.id < 0 || except.id < 0 || if_cleanup.id < 0)
        return -1;
    if (!iter_on_stack) {
        if (gen_index == 0) {
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_FAST, 0));
        }
        else {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, gen->iter));
            RETURN_IF_ERROR(ft_cg_addop(c, ft_cg_loc_expr(gen->iter), FT_OP_GET_AITER));
        }
    }
    RETURN_IF_ERROR(ft_cg_use_label(c, start));
    // The runtime keeps the async iterator's handler active across the loop.
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_ASYNC_COMPREHENSION_GENERATOR, start,
                                      FT_NO_LABEL, NULL));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_FINALLY, except));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_ANEXT));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    RETURN_IF_ERROR(ft_cg_use_label(c, send));
    RETURN_IF_ERROR(ft_cg_add_yield_from(c, loc, true));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_BLOCK));
    RETURN_IF_ERROR(ft_cg_visit_expr(c, gen->target));
    ptrdiff_t nifs = gen->ifs != NULL ? gen->ifs->size : 0;
    for (ptrdiff_t i = 0; i < nifs; i++)
        RETURN_IF_ERROR(ft_cg_jump_if(c, loc, gen->ifs->items[i], if_cleanup, false));

    depth++;
    FtLocation elt_loc = ft_cg_loc_expr(st->elt);
    if (gen_index + 1 < st->generators->size)
        RETURN_IF_ERROR(comprehension_generator(c, loc, st, gen_index + 1, depth, false));
    else
        RETURN_IF_ERROR(emit_element(c, st, depth, &elt_loc));

    RETURN_IF_ERROR(ft_cg_use_label(c, if_cleanup));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, elt_loc, FT_OP_JUMP, start));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_ASYNC_COMPREHENSION_GENERATOR, start);
    RETURN_IF_ERROR(ft_cg_use_label(c, except));
    return ft_cg_addop_jump(c, loc, FT_OP_END_ASYNC_FOR, send);
}

static int
comprehension_generator(FtCompiler *c, FtLocation loc, CompState *st, ptrdiff_t gen_index,
                        int depth, bool iter_on_stack)
{
    const FtAstComprehension *gen = st->generators->items[gen_index];
    if (gen->is_async)
        return async_generator(c, loc, st, gen_index, depth, iter_on_stack);
    return sync_generator(c, loc, st, gen_index, depth, iter_on_stack);
}

// The outermost iterable with GET_ITER / GET_AITER applied, as both the inlined form and the
// call of a nested unit take it.
static int
visit_outermost_iter(FtCompiler *c, const FtAstComprehension *outermost)
{
    RETURN_IF_ERROR(ft_cg_visit_expr(c, outermost->iter));
    return ft_cg_addop(c, ft_cg_loc_expr(outermost->iter),
                       outermost->is_async ? FT_OP_GET_AITER : FT_OP_GET_ITER);
}

// Inserts the handler that turns a StopIteration escaping a generator into RuntimeError
// (CPython's codegen_wrap_in_stopiteration_handler).
static int
wrap_in_stopiteration_handler(FtCompiler *c)
{
    FtLabel handler = ft_cg_new_label(c);
    if (handler.id < 0)
        return -1;
    if (ft_instr_sequence_insert(&c->u->seq, 0, FT_OP_SETUP_CLEANUP, handler.id, FT_NO_LOCATION)
        < 0)
        return -1;
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, FT_NO_LOCATION));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_RETURN_VALUE));
    RETURN_IF_ERROR(ft_cg_use_label(c, handler));
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_CALL_INTRINSIC_1,
                                  FT_INTRINSIC_STOPITERATION_ERROR));
    return ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 1);
}

// The body shared by the inlined form and the nested unit: the empty container (swapped under
// the iterator when inlined) and the loops.
static int
comprehension_body(FtCompiler *c, FtLocation loc, CompState *st, bool is_inlined)
{
    if (st->type != COMP_GENEXP) {
        int op = st->type == COMP_LISTCOMP ? FT_OP_BUILD_LIST
                 : st->type == COMP_SETCOMP ? FT_OP_BUILD_SET
                                            : FT_OP_BUILD_MAP;
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, op, 0));
        if (is_inlined)
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
    }
    return comprehension_generator(c, loc, st, 0, 0, is_inlined);
}

static int
nested_comprehension(FtCompiler *c, const FtAstExpr *e, CompState *st, const char *name,
                     bool is_async)
{
    FtLocation loc = ft_cg_loc_expr(e);
    FtCodeUnitMetadata umd = {0};
    umd.argcount = 1;   // the outermost iterator
    RETURN_IF_ERROR(ft_cg_enter_scope(c, name, FT_CG_SCOPE_COMPREHENSION, e, e->lineno,
                                      c->u->private_name, &umd));
    if (comprehension_body(c, loc, st, false) < 0)
        goto error_in_scope;
    if (st->type != COMP_GENEXP) {
        if (ft_cg_addop(c, loc, FT_OP_RETURN_VALUE) < 0)
            goto error_in_scope;
    }
    else if (wrap_in_stopiteration_handler(c) < 0) {
        goto error_in_scope;
    }
    FtObject *code = ft_cg_optimize_and_assemble(c, true);
    ft_cg_exit_scope(c);
    if (code == NULL)
        return -1;
    int rc = ft_cg_make_closure(c, loc, code, 0);
    ft_decref(code);
    RETURN_IF_ERROR(rc);

    const FtAstComprehension *outermost = st->generators->items[0];
    RETURN_IF_ERROR(visit_outermost_iter(c, outermost));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL, 0));
    if (is_async && st->type != COMP_GENEXP) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_GET_AWAITABLE, 0));
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
        RETURN_IF_ERROR(ft_cg_add_yield_from(c, loc, true));
    }
    return 0;

error_in_scope:
    ft_cg_exit_scope(c);
    return -1;
}

int
ft_cg_comprehension(FtCompiler *c, const FtAstExpr *e)
{
    CompState st = {0};
    st.cleanup = FT_NO_LABEL;
    const char *name;
    switch (e->kind) {
    case FT_AST_EXPR_LIST_COMP:
        st.type = COMP_LISTCOMP;
        st.generators = e->v.list_comp.generators;
        st.elt = e->v.list_comp.elt;
        name = "<listcomp>";
        break;
    case FT_AST_EXPR_SET_COMP:
        st.type = COMP_SETCOMP;
        st.generators = e->v.set_comp.generators;
        st.elt = e->v.set_comp.elt;
        name = "<setcomp>";
        break;
    case FT_AST_EXPR_DICT_COMP:
        st.type = COMP_DICTCOMP;
        st.generators = e->v.dict_comp.generators;
        st.elt = e->v.dict_comp.key;
        st.val = e->v.dict_comp.value;
        name = "<dictcomp>";
        break;
    case FT_AST_EXPR_GENERATOR_EXP:
        st.type = COMP_GENEXP;
        st.generators = e->v.generator_exp.generators;
        st.elt = e->v.generator_exp.elt;
        name = "<genexpr>";
        break;
    default:
        ft_error_format(&ft_exc_system_error, "not a comprehension (kind %d)", (int)e->kind);
        return -1;
    }
    if (st.generators == NULL || st.generators->size == 0) {
        ft_error_format(&ft_exc_system_error, "comprehension without generators");
        return -1;
    }
    const FtSymtableEntry *entry = ft_symtable_lookup(c->st, e);
    if (entry == NULL) {
        ft_error_format(&ft_exc_system_error, "no symbol table entry for a comprehension");
        return -1;
    }
    if (!entry->comp_inlined)
        return nested_comprehension(c, e, &st, name, entry->coroutine);

    FtLocation loc = ft_cg_loc_expr(e);
    RETURN_IF_ERROR(visit_outermost_iter(c, st.generators->items[0]));
    int rc = tweak_scopes(c, entry, &st);
    if (rc == 0)
        rc = push_inlined_locals(c, loc, entry, &st);
    if (rc == 0)
        rc = comprehension_body(c, loc, &st, true);
    if (rc == 0)
        return pop_inlined_state(c, loc, &st);
    // Leave the enclosing block's symbols as they were even on failure.
    revert_scopes(c, &st);
    return -1;
}

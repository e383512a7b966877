// compiler/codegen_block.c: frame blocks and the statements that set up exception handlers: try /
// except / else / finally, try / except*, with, async with, async for.
//
// Owns: the frame-block stack of a code unit (FtCgUnit.fblocks) and what unwinding each kind of
// block emits when break / continue / return leaves it early; the SETUP_FINALLY / SETUP_CLEANUP /
// SETUP_WITH / POP_BLOCK pseudo-instruction layout of every handler, which the flowgraph turns into
// the exception table.
//
// Invariant: every push of a frame block is matched by a pop of the same type and label on the
// success path, so at the end of a unit nfblocks == 0; a handler's SETUP_* is always closed by a
// POP_BLOCK on each normal exit path (the instruction stream mirrors CPython 3.14's
// Python/codegen.c: codegen_unwind_fblock, codegen_try_finally, codegen_try_except,
// codegen_try_star_except, codegen_with_inner, codegen_async_with_inner, codegen_async_for).
//
// Concurrency: one compilation runs on one thread and owns all of the state touched here.
#include <stdbool.h>   // bool

#include "compiler/codegen_internal.h"            // FtCompiler ft_cg_*
#include "eval/generated/opcode_ids.gen.h"        // FT_OP_* FT_SPECIAL_* FT_INTRINSIC_*
#include "objects/error.h"                        // ft_error_format ft_exc_system_error
#include "objects/object.h"                       // FT_NONE
#include "sync/fatal.h"                           // FT_ASSERT

#define RETURN_IF_ERROR(x) \
    do { \
        if ((x) < 0) \
            return -1; \
    } while (0)

// A statement list that may be absent (NULL or empty emits nothing).
static int
visit_body_opt(FtCompiler *c, const FtAstSeq *stmts)
{
    if (stmts == NULL || stmts->size == 0)
        return 0;
    return ft_cg_visit_body(c, stmts);
}

static FtLocation
handler_loc(const FtAstExcepthandler *h)
{
    return (FtLocation){h->lineno, h->end_lineno, h->col_offset, h->end_col_offset};
}

int
ft_cg_push_fblock(FtCompiler *c, FtLocation loc, FtCgFBlockType type, FtLabel block, FtLabel exit,
                  const void *datum)
{
    FtCgUnit *u = c->u;
    if (u->nfblocks >= FT_CG_MAX_FBLOCKS)
        return ft_cg_error(c, loc, "too many statically nested blocks");
    FtCgFBlock *f = &u->fblocks[u->nfblocks++];
    f->type = type;
    f->block = block;
    f->exit = exit;
    f->loc = loc;
    f->datum = datum;
    return 0;
}

void
ft_cg_pop_fblock(FtCompiler *c, FtCgFBlockType type, FtLabel block)
{
    FtCgUnit *u = c->u;
    FT_ASSERT(u->nfblocks > 0);
    u->nfblocks--;
    FT_ASSERT(u->fblocks[u->nfblocks].type == type);
    FT_ASSERT(u->fblocks[u->nfblocks].block.id == block.id);
    (void)type;
    (void)block;
}

// __exit__(None, None, None) on the stack's [exit_func, self] pair.
static int
call_exit_with_nones(FtCompiler *c, FtLocation loc)
{
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    return ft_cg_addop_i(c, loc, FT_OP_CALL, 3);
}

// [exc_info, lasti, exc] -> restore the previous exception and re-raise exc.
static int
pop_except_and_reraise(FtCompiler *c, FtLocation loc)
{
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 3));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_EXCEPT));
    return ft_cg_addop_i(c, loc, FT_OP_RERAISE, 1);
}

// `name = None; del name` after an `except ... as name` body.
static int
clear_handler_name(FtCompiler *c, FtLocation loc, const char *name)
{
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    RETURN_IF_ERROR(ft_cg_nameop(c, loc, name, FT_AST_EXPR_CONTEXT_STORE));
    return ft_cg_nameop(c, loc, name, FT_AST_EXPR_CONTEXT_DEL);
}

int
ft_cg_unwind_fblock(FtCompiler *c, FtLocation *loc, const FtCgFBlock *info, bool preserve_tos)
{
    switch (info->type) {
    case FT_CG_FBLOCK_WHILE_LOOP:
    case FT_CG_FBLOCK_EXCEPTION_HANDLER:
    case FT_CG_FBLOCK_EXCEPTION_GROUP_HANDLER:
    case FT_CG_FBLOCK_ASYNC_COMPREHENSION_GENERATOR:
    case FT_CG_FBLOCK_STOP_ITERATION:
        return 0;

    case FT_CG_FBLOCK_FOR_LOOP:
        // The iterator sits under the value being returned.
        if (preserve_tos)
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_SWAP, 2));
        return ft_cg_addop(c, *loc, FT_OP_POP_TOP);

    case FT_CG_FBLOCK_TRY_EXCEPT:
        return ft_cg_addop(c, *loc, FT_OP_POP_BLOCK);

    case FT_CG_FBLOCK_FINALLY_TRY:
        // The POP_BLOCK carries the unwinding statement's line; the finally body follows.
        RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_BLOCK));
        if (preserve_tos)
            RETURN_IF_ERROR(ft_cg_push_fblock(c, *loc, FT_CG_FBLOCK_POP_VALUE, FT_NO_LABEL,
                                              FT_NO_LABEL, NULL));
        RETURN_IF_ERROR(ft_cg_visit_body(c, (const FtAstSeq *)info->datum));
        if (preserve_tos)
            ft_cg_pop_fblock(c, FT_CG_FBLOCK_POP_VALUE, FT_NO_LABEL);
        // What follows appears to run after the finally body: no line of its own.
        *loc = FT_NO_LOCATION;
        return 0;

    case FT_CG_FBLOCK_FINALLY_END:
        if (preserve_tos)
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_SWAP, 2));
        RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_TOP));   // the exception
        if (preserve_tos)
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_SWAP, 2));
        RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_BLOCK));
        return ft_cg_addop(c, *loc, FT_OP_POP_EXCEPT);

    case FT_CG_FBLOCK_WITH:
    case FT_CG_FBLOCK_ASYNC_WITH:
        *loc = info->loc;
        RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_BLOCK));
        if (preserve_tos) {
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_SWAP, 3));
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_SWAP, 2));
        }
        RETURN_IF_ERROR(call_exit_with_nones(c, *loc));
        if (info->type == FT_CG_FBLOCK_ASYNC_WITH) {
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_GET_AWAITABLE, 2));
            RETURN_IF_ERROR(ft_cg_addop_load_none(c, *loc));
            RETURN_IF_ERROR(ft_cg_add_yield_from(c, *loc, true));
        }
        RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_TOP));
        *loc = FT_NO_LOCATION;
        return 0;

    case FT_CG_FBLOCK_HANDLER_CLEANUP:
        // datum: the `as` name, whose handler has its own cleanup block to close first.
        if (info->datum != NULL)
            RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_BLOCK));
        if (preserve_tos)
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_SWAP, 2));
        RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_BLOCK));
        RETURN_IF_ERROR(ft_cg_addop(c, *loc, FT_OP_POP_EXCEPT));
        if (info->datum != NULL)
            RETURN_IF_ERROR(clear_handler_name(c, *loc, (const char *)info->datum));
        return 0;

    case FT_CG_FBLOCK_POP_VALUE:
        if (preserve_tos)
            RETURN_IF_ERROR(ft_cg_addop_i(c, *loc, FT_OP_SWAP, 2));
        return ft_cg_addop(c, *loc, FT_OP_POP_TOP);
    }
    ft_error_format(&ft_exc_system_error, "unknown frame block type %d", (int)info->type);
    return -1;
}

int
ft_cg_unwind_fblock_stack(FtCompiler *c, FtLocation *loc, bool preserve_tos, FtCgFBlock **loop)
{
    FtCgUnit *u = c->u;
    if (loop != NULL)
        *loop = NULL;
    if (u->nfblocks == 0)
        return 0;
    FtCgFBlock *top = &u->fblocks[u->nfblocks - 1];
    if (top->type == FT_CG_FBLOCK_EXCEPTION_GROUP_HANDLER)
        return ft_cg_error(c, *loc,
                           "'break', 'continue' and 'return' cannot appear in an except* block");
    if (loop != NULL
        && (top->type == FT_CG_FBLOCK_WHILE_LOOP || top->type == FT_CG_FBLOCK_FOR_LOOP)) {
        *loop = top;
        return 0;
    }
    // The block is popped while its unwinding code is emitted (a finally body that itself
    // returns must not unwind it again), then restored for the code that follows.
    FtCgFBlock copy = *top;
    u->nfblocks--;
    RETURN_IF_ERROR(ft_cg_unwind_fblock(c, loc, &copy, preserve_tos));
    RETURN_IF_ERROR(ft_cg_unwind_fblock_stack(c, loc, preserve_tos, loop));
    u->fblocks[u->nfblocks++] = copy;
    return 0;
}

// try: <body> except ...: (no finally). s is a Try or, through try_star, never (see below).
static int
try_except(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    FtLabel body = ft_cg_new_label(c);
    FtLabel except = ft_cg_new_label(c);
    FtLabel end = ft_cg_new_label(c);
    FtLabel cleanup = ft_cg_new_label(c);
    if (body.id < 0 || except.id < 0 || end.id < 0 || cleanup.id < 0)
        return -1;

    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_FINALLY, except));
    RETURN_IF_ERROR(ft_cg_use_label(c, body));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_TRY_EXCEPT, body, FT_NO_LABEL, NULL));
    RETURN_IF_ERROR(ft_cg_visit_body(c, s->v.try.body));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_TRY_EXCEPT, body);
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
    if (s->v.try.orelse != NULL && s->v.try.orelse->size > 0)
        RETURN_IF_ERROR(ft_cg_visit_body(c, s->v.try.orelse));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));

    ptrdiff_t n = s->v.try.handlers != NULL ? s->v.try.handlers->size : 0;
    RETURN_IF_ERROR(ft_cg_use_label(c, except));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_SETUP_CLEANUP, cleanup));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_PUSH_EXC_INFO));
    // The runtime pushes the handler's exception state here.
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_EXCEPTION_HANDLER, FT_NO_LABEL,
                                      FT_NO_LABEL, NULL));
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstExcepthandler *h = s->v.try.handlers->items[i];
        FtLocation hloc = handler_loc(h);
        const FtAstExpr *type = h->v.except_handler.type;
        const char *name = h->v.except_handler.name;
        if (type == NULL && i < n - 1)
            return ft_cg_error(c, hloc, "default 'except:' must be last");
        FtLabel next_except = ft_cg_new_label(c);
        if (next_except.id < 0)
            return -1;
        if (type != NULL) {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, type));
            RETURN_IF_ERROR(ft_cg_addop(c, hloc, FT_OP_CHECK_EXC_MATCH));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, hloc, FT_OP_POP_JUMP_IF_FALSE, next_except));
        }
        if (name != NULL) {
            // except T as name: body  ==  try: body finally: name = None; del name
            FtLabel cleanup_end = ft_cg_new_label(c);
            FtLabel cleanup_body = ft_cg_new_label(c);
            if (cleanup_end.id < 0 || cleanup_body.id < 0)
                return -1;
            RETURN_IF_ERROR(ft_cg_nameop(c, hloc, name, FT_AST_EXPR_CONTEXT_STORE));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, hloc, FT_OP_SETUP_CLEANUP, cleanup_end));
            RETURN_IF_ERROR(ft_cg_use_label(c, cleanup_body));
            RETURN_IF_ERROR(ft_cg_push_fblock(c, hloc, FT_CG_FBLOCK_HANDLER_CLEANUP, cleanup_body,
                                              FT_NO_LABEL, name));
            RETURN_IF_ERROR(ft_cg_visit_body(c, h->v.except_handler.body));
            ft_cg_pop_fblock(c, FT_CG_FBLOCK_HANDLER_CLEANUP, cleanup_body);
            RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
            RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
            RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_EXCEPT));
            RETURN_IF_ERROR(clear_handler_name(c, FT_NO_LOCATION, name));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));

            RETURN_IF_ERROR(ft_cg_use_label(c, cleanup_end));
            RETURN_IF_ERROR(clear_handler_name(c, FT_NO_LOCATION, name));
            RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 1));
        }
        else {
            FtLabel cleanup_body = ft_cg_new_label(c);
            if (cleanup_body.id < 0)
                return -1;
            RETURN_IF_ERROR(ft_cg_addop(c, hloc, FT_OP_POP_TOP));   // the exception
            RETURN_IF_ERROR(ft_cg_use_label(c, cleanup_body));
            RETURN_IF_ERROR(ft_cg_push_fblock(c, hloc, FT_CG_FBLOCK_HANDLER_CLEANUP, cleanup_body,
                                              FT_NO_LABEL, NULL));
            RETURN_IF_ERROR(ft_cg_visit_body(c, h->v.except_handler.body));
            ft_cg_pop_fblock(c, FT_CG_FBLOCK_HANDLER_CLEANUP, cleanup_body);
            RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
            RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_EXCEPT));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));
        }
        RETURN_IF_ERROR(ft_cg_use_label(c, next_except));
    }
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_EXCEPTION_HANDLER, FT_NO_LABEL);
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 0));
    RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
    RETURN_IF_ERROR(pop_except_and_reraise(c, FT_NO_LOCATION));
    return ft_cg_use_label(c, end);
}

// try: <body> except*...: (no finally). Stack layout per handler as CPython's
// codegen_try_star_except: [orig, res, rest] with res the list of raised/re-raised groups.
static int
try_star_except(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    FtLabel body = ft_cg_new_label(c);
    FtLabel except = ft_cg_new_label(c);
    FtLabel orelse = ft_cg_new_label(c);
    FtLabel end = ft_cg_new_label(c);
    FtLabel cleanup = ft_cg_new_label(c);
    FtLabel reraise_star = ft_cg_new_label(c);
    if (body.id < 0 || except.id < 0 || orelse.id < 0 || end.id < 0 || cleanup.id < 0
        || reraise_star.id < 0)
        return -1;

    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_FINALLY, except));
    RETURN_IF_ERROR(ft_cg_use_label(c, body));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_TRY_EXCEPT, body, FT_NO_LABEL, NULL));
    RETURN_IF_ERROR(ft_cg_visit_body(c, s->v.try_star.body));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_TRY_EXCEPT, body);
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, orelse));

    ptrdiff_t n = s->v.try_star.handlers != NULL ? s->v.try_star.handlers->size : 0;
    RETURN_IF_ERROR(ft_cg_use_label(c, except));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_SETUP_CLEANUP, cleanup));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_PUSH_EXC_INFO));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_EXCEPTION_GROUP_HANDLER, FT_NO_LABEL,
                                      FT_NO_LABEL, "except handler"));
    for (ptrdiff_t i = 0; i < n; i++) {
        const FtAstExcepthandler *h = s->v.try_star.handlers->items[i];
        FtLocation hloc = handler_loc(h);
        const char *name = h->v.except_handler.name;
        FtLabel next_except = ft_cg_new_label(c);
        FtLabel except_with_error = ft_cg_new_label(c);
        FtLabel no_match = ft_cg_new_label(c);
        FtLabel cleanup_end = ft_cg_new_label(c);
        FtLabel cleanup_body = ft_cg_new_label(c);
        if (next_except.id < 0 || except_with_error.id < 0 || no_match.id < 0
            || cleanup_end.id < 0 || cleanup_body.id < 0)
            return -1;
        if (i == 0) {
            // [orig] -> [orig, [], exc]: the result list and a working copy of the group.
            RETURN_IF_ERROR(ft_cg_addop_i(c, hloc, FT_OP_BUILD_LIST, 0));
            RETURN_IF_ERROR(ft_cg_addop_i(c, hloc, FT_OP_COPY, 2));
        }
        if (h->v.except_handler.type != NULL) {
            RETURN_IF_ERROR(ft_cg_visit_expr(c, h->v.except_handler.type));
            RETURN_IF_ERROR(ft_cg_addop(c, hloc, FT_OP_CHECK_EG_MATCH));
            RETURN_IF_ERROR(ft_cg_addop_i(c, hloc, FT_OP_COPY, 1));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, hloc, FT_OP_POP_JUMP_IF_NONE, no_match));
        }
        if (name != NULL)
            RETURN_IF_ERROR(ft_cg_nameop(c, hloc, name, FT_AST_EXPR_CONTEXT_STORE));
        else
            RETURN_IF_ERROR(ft_cg_addop(c, hloc, FT_OP_POP_TOP));   // the match
        RETURN_IF_ERROR(ft_cg_addop_jump(c, hloc, FT_OP_SETUP_CLEANUP, cleanup_end));
        RETURN_IF_ERROR(ft_cg_use_label(c, cleanup_body));
        RETURN_IF_ERROR(ft_cg_push_fblock(c, hloc, FT_CG_FBLOCK_HANDLER_CLEANUP, cleanup_body,
                                          FT_NO_LABEL, name));
        RETURN_IF_ERROR(ft_cg_visit_body(c, h->v.except_handler.body));
        ft_cg_pop_fblock(c, FT_CG_FBLOCK_HANDLER_CLEANUP, cleanup_body);
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
        if (name != NULL)
            RETURN_IF_ERROR(clear_handler_name(c, FT_NO_LOCATION, name));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, next_except));

        // An exception raised in the handler body joins the result list.
        RETURN_IF_ERROR(ft_cg_use_label(c, cleanup_end));
        if (name != NULL)
            RETURN_IF_ERROR(clear_handler_name(c, FT_NO_LOCATION, name));
        RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_LIST_APPEND, 3));
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));   // lasti
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT,
                                         except_with_error));

        RETURN_IF_ERROR(ft_cg_use_label(c, next_except));
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_NOP));   // holds a location
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT,
                                         except_with_error));

        RETURN_IF_ERROR(ft_cg_use_label(c, no_match));
        RETURN_IF_ERROR(ft_cg_addop(c, hloc, FT_OP_POP_TOP));   // the None match

        RETURN_IF_ERROR(ft_cg_use_label(c, except_with_error));
        if (i == n - 1) {
            // The unhandled rest (or None) joins the list too.
            RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_LIST_APPEND, 1));
            RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT,
                                             reraise_star));
        }
    }
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_EXCEPTION_GROUP_HANDLER, FT_NO_LABEL);
    FtLabel reraise = ft_cg_new_label(c);
    if (reraise.id < 0)
        return -1;
    RETURN_IF_ERROR(ft_cg_use_label(c, reraise_star));
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_CALL_INTRINSIC_2,
                                  FT_INTRINSIC_PREP_RERAISE_STAR));
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_COPY, 1));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_POP_JUMP_IF_NOT_NONE, reraise));
    // Nothing to re-raise.
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_EXCEPT));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, end));

    RETURN_IF_ERROR(ft_cg_use_label(c, reraise));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_SWAP, 2));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_EXCEPT));
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 0));

    RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
    RETURN_IF_ERROR(pop_except_and_reraise(c, FT_NO_LOCATION));

    RETURN_IF_ERROR(ft_cg_use_label(c, orelse));
    RETURN_IF_ERROR(visit_body_opt(c, s->v.try_star.orelse));
    return ft_cg_use_label(c, end);
}

// try: ... finally: <finalbody>, for Try (star false) and TryStar (star true). The finally body
// is emitted twice: once on the normal path and once in the exception handler.
static int
try_finally(FtCompiler *c, const FtAstStmt *s, bool star)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    const FtAstSeq *handlers = star ? s->v.try_star.handlers : s->v.try.handlers;
    const FtAstSeq *finalbody = star ? s->v.try_star.finalbody : s->v.try.finalbody;
    FtLabel body = ft_cg_new_label(c);
    FtLabel end = ft_cg_new_label(c);
    FtLabel exit = ft_cg_new_label(c);
    FtLabel cleanup = ft_cg_new_label(c);
    if (body.id < 0 || end.id < 0 || exit.id < 0 || cleanup.id < 0)
        return -1;

    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_FINALLY, end));
    RETURN_IF_ERROR(ft_cg_use_label(c, body));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_FINALLY_TRY, body, end, finalbody));
    if (handlers != NULL && handlers->size > 0)
        RETURN_IF_ERROR(star ? try_star_except(c, s) : try_except(c, s));
    else
        RETURN_IF_ERROR(ft_cg_visit_body(c, star ? s->v.try_star.body : s->v.try.body));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_FINALLY_TRY, body);
    RETURN_IF_ERROR(ft_cg_visit_body(c, finalbody));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, exit));

    RETURN_IF_ERROR(ft_cg_use_label(c, end));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_SETUP_CLEANUP, cleanup));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_PUSH_EXC_INFO));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, FT_NO_LOCATION, FT_CG_FBLOCK_FINALLY_END, end,
                                      FT_NO_LABEL, NULL));
    RETURN_IF_ERROR(ft_cg_visit_body(c, finalbody));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_FINALLY_END, end);
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 0));

    RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
    RETURN_IF_ERROR(pop_except_and_reraise(c, FT_NO_LOCATION));
    return ft_cg_use_label(c, exit);
}

int
ft_cg_try(FtCompiler *c, const FtAstStmt *s)
{
    if (s->v.try.finalbody != NULL && s->v.try.finalbody->size > 0)
        return try_finally(c, s, false);
    return try_except(c, s);
}

int
ft_cg_try_star(FtCompiler *c, const FtAstStmt *s)
{
    if (s->v.try_star.finalbody != NULL && s->v.try_star.finalbody->size > 0)
        return try_finally(c, s, true);
    return try_star_except(c, s);
}

// After WITH_EXCEPT_START (and, for async with, awaiting its result): suppress the exception
// when __exit__ returned true, else re-raise it.
static int
with_except_finish(FtCompiler *c, FtLabel cleanup)
{
    FtLabel suppress = ft_cg_new_label(c);
    FtLabel exit = ft_cg_new_label(c);
    if (suppress.id < 0 || exit.id < 0)
        return -1;
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_TO_BOOL));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_POP_JUMP_IF_TRUE, suppress));
    RETURN_IF_ERROR(ft_cg_addop_i(c, FT_NO_LOCATION, FT_OP_RERAISE, 2));

    RETURN_IF_ERROR(ft_cg_use_label(c, suppress));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));   // the exception
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_EXCEPT));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_TOP));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP_NO_INTERRUPT, exit));

    RETURN_IF_ERROR(ft_cg_use_label(c, cleanup));
    RETURN_IF_ERROR(pop_except_and_reraise(c, FT_NO_LOCATION));
    return ft_cg_use_label(c, exit);
}

// with / async with from item pos: [exit_func, self, enter_result] -> SETUP_WITH ... The body of
// the innermost item is the statement's body; outer items nest the inner ones.
static int
with_inner(FtCompiler *c, const FtAstStmt *s, int pos, bool is_async)
{
    const FtAstSeq *items = is_async ? s->v.async_with.items : s->v.with.items;
    const FtAstSeq *stmts = is_async ? s->v.async_with.body : s->v.with.body;
    const FtAstWithitem *item = items->items[pos];
    FtCgFBlockType fbtype = is_async ? FT_CG_FBLOCK_ASYNC_WITH : FT_CG_FBLOCK_WITH;
    FtLabel block = ft_cg_new_label(c);
    FtLabel final = ft_cg_new_label(c);
    FtLabel exit = ft_cg_new_label(c);
    FtLabel cleanup = ft_cg_new_label(c);
    if (block.id < 0 || final.id < 0 || exit.id < 0 || cleanup.id < 0)
        return -1;

    RETURN_IF_ERROR(ft_cg_visit_expr(c, item->context_expr));
    FtLocation loc = ft_cg_loc_expr(item->context_expr);
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_SPECIAL,
                                  is_async ? FT_SPECIAL_AEXIT : FT_SPECIAL_EXIT));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 3));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_SPECIAL,
                                  is_async ? FT_SPECIAL_AENTER : FT_SPECIAL_ENTER));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL, 0));
    if (is_async) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_GET_AWAITABLE, 1));
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
        RETURN_IF_ERROR(ft_cg_add_yield_from(c, loc, true));
    }
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_WITH, final));

    RETURN_IF_ERROR(ft_cg_use_label(c, block));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, fbtype, block, final, s));
    if (item->optional_vars != NULL)
        RETURN_IF_ERROR(ft_cg_visit_expr(c, item->optional_vars));
    else
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));   // __enter__'s result
    pos++;
    if (pos == items->size)
        RETURN_IF_ERROR(ft_cg_visit_body(c, stmts));
    else
        RETURN_IF_ERROR(with_inner(c, s, pos, is_async));

    if (is_async) {
        ft_cg_pop_fblock(c, fbtype, block);
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_BLOCK));
    }
    else {
        RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
        ft_cg_pop_fblock(c, fbtype, block);
    }
    // Normal exit: __exit__(None, None, None).
    RETURN_IF_ERROR(call_exit_with_nones(c, loc));
    if (is_async) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_GET_AWAITABLE, 2));
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
        RETURN_IF_ERROR(ft_cg_add_yield_from(c, loc, true));
    }
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_JUMP, exit));

    // Exceptional exit.
    RETURN_IF_ERROR(ft_cg_use_label(c, final));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_CLEANUP, cleanup));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_PUSH_EXC_INFO));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_WITH_EXCEPT_START));
    if (is_async) {
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_GET_AWAITABLE, 2));
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
        RETURN_IF_ERROR(ft_cg_add_yield_from(c, loc, true));
    }
    RETURN_IF_ERROR(with_except_finish(c, cleanup));
    return ft_cg_use_label(c, exit);
}

int
ft_cg_with(FtCompiler *c, const FtAstStmt *s, int pos)
{
    return with_inner(c, s, pos, false);
}

int
ft_cg_async_with(FtCompiler *c, const FtAstStmt *s, int pos)
{
    return with_inner(c, s, pos, true);
}

int
ft_cg_async_for(FtCompiler *c, const FtAstStmt *s)
{
    FtLocation loc = ft_cg_loc_stmt(s);
    FtLabel start = ft_cg_new_label(c);
    FtLabel send = ft_cg_new_label(c);
    FtLabel except = ft_cg_new_label(c);
    FtLabel end = ft_cg_new_label(c);
    if (start.id < 0 || send.id < 0 || except.id < 0 || end.id < 0)
        return -1;

    RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.async_for.iter));
    RETURN_IF_ERROR(ft_cg_addop(c, ft_cg_loc_expr(s->v.async_for.iter), FT_OP_GET_AITER));

    RETURN_IF_ERROR(ft_cg_use_label(c, start));
    RETURN_IF_ERROR(ft_cg_push_fblock(c, loc, FT_CG_FBLOCK_FOR_LOOP, start, end, NULL));
    // The handler catches StopAsyncIteration from __anext__.
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_FINALLY, except));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_ANEXT));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    RETURN_IF_ERROR(ft_cg_use_label(c, send));
    RETURN_IF_ERROR(ft_cg_add_yield_from(c, loc, true));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_BLOCK));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_NOT_TAKEN));

    RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.async_for.target));
    RETURN_IF_ERROR(ft_cg_visit_body(c, s->v.async_for.body));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP, start));
    ft_cg_pop_fblock(c, FT_CG_FBLOCK_FOR_LOOP, start);

    // END_ASYNC_FOR belongs to the `for` line (the iterator's location), not to the body.
    RETURN_IF_ERROR(ft_cg_use_label(c, except));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, ft_cg_loc_expr(s->v.async_for.iter), FT_OP_END_ASYNC_FOR,
                                     send));
    RETURN_IF_ERROR(visit_body_opt(c, s->v.async_for.orelse));
    return ft_cg_use_label(c, end);
}

// compiler/codegen_yield.c: yield, yield from and await (CPython 3.14's codegen_addop_yield,
// codegen_add_yield_from and the Yield / YieldFrom / Await cases of codegen_visit_expr).
//
// Owns: the SEND / YIELD_VALUE / RESUME / CLEANUP_THROW / END_SEND loop every delegation to a
// sub-iterator uses (yield from, await, async with, async for, async comprehensions).
//
// Invariant: YIELD_VALUE is always followed by RESUME with the reason it resumes (1 after yield,
// 2 after yield from, 3 after await); the flowgraph later adds the exception-depth bit to that
// oparg and sets YIELD_VALUE's oparg. The stack is [iter, value] before the loop, [result] after.
//
// Concurrency: one compilation runs on one thread and owns all of the state touched here.
#include <stdbool.h>   // bool

#include "compiler/codegen_internal.h"       // FtCompiler ft_cg_*
#include "eval/generated/opcode_ids.gen.h"   // FT_OP_* FT_INTRINSIC_*

#define RETURN_IF_ERROR(x) \
    do { \
        if ((x) < 0) \
            return -1; \
    } while (0)

// RESUME's oparg: why the frame resumes (CPython's RESUME_AFTER_*).
enum {
    RESUME_AFTER_YIELD = 1,
    RESUME_AFTER_YIELD_FROM = 2,
    RESUME_AFTER_AWAIT = 3,
};

// True for the blocks CPython's _PyST_IsFunctionLike accepts (a frame with fast locals).
static bool
is_function_like(const FtSymtableEntry *ste)
{
    return ste->type == FT_SYMTABLE_BLOCK_FUNCTION || ste->type == FT_SYMTABLE_BLOCK_ANNOTATION
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_VARIABLE
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_ALIAS
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_PARAMETERS;
}

// Yields the value on top of the stack (wrapped for an async generator) and resumes.
static int
addop_yield(FtCompiler *c, FtLocation loc)
{
    const FtSymtableEntry *ste = c->u->ste;
    if (ste->generator && ste->coroutine)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_CALL_INTRINSIC_1, FT_INTRINSIC_ASYNC_GEN_WRAP));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_YIELD_VALUE, 0));
    return ft_cg_addop_i(c, loc, FT_OP_RESUME, RESUME_AFTER_YIELD);
}

int
ft_cg_add_yield_from(FtCompiler *c, FtLocation loc, bool await)
{
    FtLabel send = ft_cg_new_label(c);
    FtLabel fail = ft_cg_new_label(c);
    FtLabel exit = ft_cg_new_label(c);
    if (send.id < 0 || fail.id < 0 || exit.id < 0)
        return -1;
    RETURN_IF_ERROR(ft_cg_use_label(c, send));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SEND, exit));
    // A virtual handler: throw() / close() reaching YIELD_VALUE may raise StopIteration, which
    // CLEANUP_THROW turns back into the delegation's result.
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_SETUP_FINALLY, fail));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_YIELD_VALUE, 1));
    RETURN_IF_ERROR(ft_cg_addop(c, FT_NO_LOCATION, FT_OP_POP_BLOCK));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_RESUME,
                                  await ? RESUME_AFTER_AWAIT : RESUME_AFTER_YIELD_FROM));
    RETURN_IF_ERROR(ft_cg_addop_jump(c, loc, FT_OP_JUMP_NO_INTERRUPT, send));

    RETURN_IF_ERROR(ft_cg_use_label(c, fail));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_CLEANUP_THROW));

    RETURN_IF_ERROR(ft_cg_use_label(c, exit));
    return ft_cg_addop(c, loc, FT_OP_END_SEND);
}

int
ft_cg_yield(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    if (!is_function_like(c->u->ste))
        return ft_cg_error(c, loc, "'yield' outside function");
    if (e->v.yield.value != NULL)
        RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.yield.value));
    else
        RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    return addop_yield(c, loc);
}

int
ft_cg_yield_from(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    if (!is_function_like(c->u->ste))
        return ft_cg_error(c, loc, "'yield from' outside function");
    if (c->u->scope == FT_CG_SCOPE_ASYNC_FUNCTION)
        return ft_cg_error(c, loc, "'yield from' inside async function");
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.yield_from.value));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_YIELD_FROM_ITER));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    return ft_cg_add_yield_from(c, loc, false);
}

int
ft_cg_await(FtCompiler *c, const FtAstExpr *e)
{
    FtLocation loc = ft_cg_loc_expr(e);
    RETURN_IF_ERROR(ft_cg_visit_expr(c, e->v.await.value));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_GET_AWAITABLE, 0));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    return ft_cg_add_yield_from(c, loc, true);
}

// compiler/flowgraph.c: the control-flow graph of one code unit, the passes over its shape and the
// lowering of block-level pseudo-instructions (CPython 3.14's Python/flowgraph.c, whose passes and
// their order are reproduced so that the bytecode comes out identical).
//
// Owns: basic blocks built from an FtInstrSequence (the module's annotations code spliced in at
// ANNOTATIONS_PLACEHOLDER); the except stack (which handler covers each instruction); dead-block
// removal; NOP and jump removal keeping line numbers; copying small exit blocks and exits without
// a line; moving cold blocks (exception handlers) to the end; the stack depth of every block; the
// localsplus prefix (MAKE_CELL, COPY_FREE_VARS, RETURN_GENERATOR) and cell offsets; the pass order
// (ft_flowgraph_optimize). Constant folding and the peephole passes are in flowgraph_fold.c, the
// passes about locals in flowgraph_locals.c.
//
// Invariant: after a pass, a jump or a scope exit is the last instruction of its block (except the
// NOT_TAKEN that follows a conditional jump once normalize_jumps ran); every jump's target is set.
// Concurrency: runs on the compiling thread, on memory it owns.
#include <limits.h>   // INT_MIN
#include <stdint.h>   // uint64_t
#include <string.h>   // memcpy memmove memset

#include <mimalloc.h>   // mi_calloc mi_malloc mi_realloc mi_free

#include "compiler/flowgraph_internal.h"

#include "eval/opcode.h"           // FT_OP_* ft_opcode_*
#include "objects/code.h"          // FT_CO_*
#include "objects/error.h"         // ft_error_*

#define MAX_EXCEPT_DEPTH 23          // CPython's CO_MAXBLOCKS + 2
#define MAX_COPY_SIZE 4
#define RESUME_AT_FUNC_START 0
#define RESUME_OPARG_DEPTH1_MASK 0x4

typedef struct FtFlowExceptStack {
    FtFlowBlock *handlers[MAX_EXCEPT_DEPTH + 1];
    int depth;
} FtFlowExceptStack;

// The graph under construction and its blocks (CPython's cfg_builder).
typedef struct FtFlowGraph {
    FtFlowBlock *entry, *blocks, *cur;
    int current_label;
} FtFlowGraph;

static bool
is_terminator_op(int op)
{
    return ft_opcode_has_jump(op) || ft_flow_is_scope_exit_op(op);
}

static bool
is_conditional_jump_op(int op)
{
    return op == FT_OP_POP_JUMP_IF_FALSE || op == FT_OP_POP_JUMP_IF_TRUE ||
           op == FT_OP_POP_JUMP_IF_NONE || op == FT_OP_POP_JUMP_IF_NOT_NONE;
}

// Blocks.

static int
block_next_instr(FtFlowBlock *b)
{
    if (b->iused == b->ialloc) {
        int cap = b->ialloc > 0 ? b->ialloc * 2 : 16;
        FtFlowInstr *p = mi_realloc(b->instr, (size_t)cap * sizeof(FtFlowInstr));
        if (p == NULL) {
            ft_error_no_memory();
            return -1;
        }
        // New slots start zeroed; a slot past iused keeps what an earlier pass left there, which
        // block_addop() relies on (below).
        memset(p + b->ialloc, 0, (size_t)(cap - b->ialloc) * sizeof(FtFlowInstr));
        b->instr = p;
        b->ialloc = cap;
    }
    return b->iused++;
}


static FtFlowBlock *
new_block(FtFlowGraph *g)
{
    FtFlowBlock *b = mi_calloc(1, sizeof(FtFlowBlock));
    if (b == NULL) {
        ft_error_no_memory();
        return NULL;
    }
    b->list = g->blocks;
    g->blocks = b;
    b->label = -1;
    return b;
}

static int
block_addop(FtFlowBlock *b, int opcode, int oparg, FtLocation loc)
{
    int off = block_next_instr(b);
    if (off < 0)
        return -1;
    FtFlowInstr *i = &b->instr[off];
    i->opcode = opcode;
    i->oparg = oparg;
    i->loc = loc;
    i->target = NULL;
    // i->except is deliberately left as the slot holds it: CPython's basicblock_addop does not set
    // it, so an instruction appended late (the NOT_TAKEN after a conditional jump) inherits the
    // handler of whatever instruction last occupied the slot, and the exception table shows it.
    return 0;
}

int
ft_flowgraph_block_add_jump(FtFlowBlock *b, int opcode, FtFlowBlock *target, FtLocation loc)
{
    FtFlowInstr *last = ft_flow_last_instr(b);
    if (last != NULL && ft_flow_is_jump(last)) {
        ft_error_set_string(&ft_exc_system_error, "flowgraph: jump after a jump");
        return -1;
    }
    if (block_addop(b, opcode, target->label, loc) < 0)
        return -1;
    ft_flow_last_instr(b)->target = target;
    return 0;
}

static int
block_append_instructions(FtFlowBlock *to, const FtFlowBlock *from)
{
    for (int i = 0; i < from->iused; i++) {
        int n = block_next_instr(to);
        if (n < 0)
            return -1;
        to->instr[n] = from->instr[i];
    }
    return 0;
}



static bool
block_exits_scope(const FtFlowBlock *b)
{
    FtFlowInstr *last = ft_flow_last_instr(b);
    return last != NULL && ft_flow_is_scope_exit_op(last->opcode);
}

// True if op polls the eval breaker; a pseudo-instruction does if any instruction it may become
// does (CPython's metadata gives a pseudo-instruction the union of its targets' flags).
static bool
has_eval_break(int op)
{
    if (ft_opcode_flags(op) & FT_OPFLAG_EVAL_BREAK)
        return true;
    if (ft_opcode_is_pseudo(op))
        for (int k = 0, t; (t = ft_opcode_pseudo_target(op, k)) >= 0; k++)
            if (ft_opcode_flags(t) & FT_OPFLAG_EVAL_BREAK)
                return true;
    return false;
}

static bool
block_has_eval_break(const FtFlowBlock *b)
{
    for (int i = 0; i < b->iused; i++)
        if (has_eval_break(b->instr[i].opcode))
            return true;
    return false;
}

static bool
block_has_no_lineno(const FtFlowBlock *b)
{
    for (int i = 0; i < b->iused; i++)
        if (b->instr[i].loc.lineno >= 0)
            return false;
    return true;
}

static FtFlowBlock *
copy_block(FtFlowGraph *g, const FtFlowBlock *b)
{
    FtFlowBlock *res = new_block(g);
    if (res == NULL || block_append_instructions(res, b) < 0)
        return NULL;
    return res;
}

static int
block_insert_instruction(FtFlowBlock *b, int pos, const FtFlowInstr *in)
{
    if (block_next_instr(b) < 0)
        return -1;
    memmove(&b->instr[pos + 1], &b->instr[pos], (size_t)(b->iused - 1 - pos) * sizeof(FtFlowInstr));
    b->instr[pos] = *in;
    return 0;
}

static FtFlowBlock *
next_nonempty_block(FtFlowBlock *b)
{
    while (b != NULL && b->iused == 0)
        b = b->next;
    return b;
}

static void
cfg_free(FtFlowGraph *g)
{
    FtFlowBlock *b = g->blocks;
    while (b != NULL) {
        FtFlowBlock *next = b->list;
        mi_free(b->instr);
        mi_free(b->exceptstack);
        mi_free(b);
        b = next;
    }
    g->blocks = g->entry = g->cur = NULL;
}

// A stack with room for every block, all blocks marked unvisited (CPython's
// make_cfg_traversal_stack). NULL with MemoryError.
FtFlowBlock **
ft_flowgraph_traversal_stack(FtFlowBlock *entry)
{
    int n = 0;
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        b->visited = 0;
        n++;
    }
    FtFlowBlock **stack = mi_malloc(sizeof(FtFlowBlock *) * (size_t)(n + 1));
    if (stack == NULL)
        ft_error_no_memory();
    return stack;
}

static int
max_label(FtFlowBlock *entry)
{
    int lbl = -1;
    for (FtFlowBlock *b = entry; b != NULL; b = b->next)
        if (b->label > lbl)
            lbl = b->label;
    return lbl;
}

// Construction.

static bool
current_block_is_terminated(FtFlowGraph *g)
{
    FtFlowInstr *last = ft_flow_last_instr(g->cur);
    if (last != NULL && is_terminator_op(last->opcode))
        return true;
    if (g->current_label >= 0) {
        if (last != NULL || g->cur->label >= 0)
            return true;
        g->cur->label = g->current_label;
        g->current_label = -1;
    }
    return false;
}

static int
maybe_start_new_block(FtFlowGraph *g)
{
    if (current_block_is_terminated(g)) {
        FtFlowBlock *b = new_block(g);
        if (b == NULL)
            return -1;
        b->label = g->current_label;
        g->current_label = -1;
        g->cur->next = b;
        g->cur = b;
    }
    return 0;
}

static int
cfg_from_sequence(FtFlowGraph *g, FtInstrSequence *seq)
{
    g->blocks = NULL;
    g->entry = g->cur = new_block(g);
    g->current_label = -1;
    if (g->entry == NULL)
        return -1;
    if (ft_instr_sequence_apply_labels(seq) < 0)
        return -1;
    int n = seq->count;
    bool *is_target = mi_calloc((size_t)n + 1, sizeof(bool));
    if (is_target == NULL) {
        ft_error_no_memory();
        return -1;
    }
    int rc = -1;
    for (int i = 0; i < n; i++) {
        FtInstr *in = &seq->instrs[i];
        if (!ft_opcode_is_valid(in->opcode)) {
            ft_error_format(&ft_exc_system_error, "flowgraph: invalid opcode %d", in->opcode);
            goto done;
        }
        if (ft_flow_has_target(in->opcode)) {
            if (in->oparg < 0 || in->oparg >= n) {
                ft_error_set_string(&ft_exc_system_error, "flowgraph: jump past the end of the code");
                goto done;
            }
            is_target[in->oparg] = true;
        } else if (in->oparg < 0 || in->oparg > FT_OPCODE_MAX_OPARG) {
            ft_error_format(&ft_exc_system_error, "flowgraph: oparg %d out of range", in->oparg);
            goto done;
        }
    }
    for (int i = 0; i < n; i++) {
        FtInstr *in = &seq->instrs[i];
        if (in->opcode == FT_OP_ANNOTATIONS_PLACEHOLDER) {
            // The module's __annotate__ set-up, built aside by the code generator, goes here (or
            // nothing, when there is none), as CPython 3.14's _PyCfg_FromInstructionSequence.
            FtInstrSequence *ann = seq->annotations;
            for (int k = 0; ann != NULL && k < ann->count; k++) {
                FtInstr *a = &ann->instrs[k];
                if (ft_flow_has_target(a->opcode) || !ft_opcode_is_valid(a->opcode)) {
                    ft_error_set_string(&ft_exc_system_error,
                                        "flowgraph: jump in the annotations set-up code");
                    goto done;
                }
                if (maybe_start_new_block(g) < 0 || block_addop(g->cur, a->opcode, a->oparg, a->loc) < 0)
                    goto done;
            }
            continue;
        }
        if (is_target[i]) {
            g->current_label = i;
            if (maybe_start_new_block(g) < 0)
                goto done;
        }
        if (maybe_start_new_block(g) < 0 || block_addop(g->cur, in->opcode, in->oparg, in->loc) < 0)
            goto done;
    }
    rc = 0;
done:
    mi_free(is_target);
    return rc;
}

static int
check_cfg(FtFlowGraph *g)
{
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++) {
            if (is_terminator_op(b->instr[i].opcode) && i != b->iused - 1) {
                ft_error_set_string(&ft_exc_system_error, "malformed control flow graph.");
                return -1;
            }
        }
    }
    return 0;
}

static int
translate_jump_labels_to_targets(FtFlowBlock *entry)
{
    int maxl = max_label(entry);
    FtFlowBlock **map = mi_calloc((size_t)maxl + 2, sizeof(FtFlowBlock *));
    if (map == NULL) {
        ft_error_no_memory();
        return -1;
    }
    for (FtFlowBlock *b = entry; b != NULL; b = b->next)
        if (b->label >= 0)
            map[b->label] = b;
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            if (ft_flow_has_target(in->opcode)) {
                int lbl = in->oparg;
                if (lbl < 0 || lbl > maxl || map[lbl] == NULL) {
                    mi_free(map);
                    ft_error_set_string(&ft_exc_system_error, "flowgraph: jump to an unknown label");
                    return -1;
                }
                in->target = map[lbl];
            }
        }
    }
    mi_free(map);
    return 0;
}

static void
mark_except_handlers(FtFlowBlock *entry)
{
    for (FtFlowBlock *b = entry; b != NULL; b = b->next)
        for (int i = 0; i < b->iused; i++)
            if (ft_flow_is_block_push_op(b->instr[i].opcode))
                b->instr[i].target->except_handler = 1;
}

// The except stack.

static FtFlowExceptStack *
copy_except_stack(const FtFlowExceptStack *s)
{
    FtFlowExceptStack *c = mi_malloc(sizeof(FtFlowExceptStack));
    if (c == NULL) {
        ft_error_no_memory();
        return NULL;
    }
    memcpy(c, s, sizeof(FtFlowExceptStack));
    return c;
}

static int
label_exception_targets(FtFlowBlock *entry)
{
    FtFlowBlock **todo_stack = ft_flowgraph_traversal_stack(entry);
    if (todo_stack == NULL)
        return -1;
    FtFlowExceptStack *es = mi_malloc(sizeof(FtFlowExceptStack));
    if (es == NULL) {
        mi_free(todo_stack);
        ft_error_no_memory();
        return -1;
    }
    es->depth = 0;
    es->handlers[0] = NULL;
    todo_stack[0] = entry;
    entry->visited = 1;
    entry->exceptstack = es;
    es = NULL;
    FtFlowBlock **todo = &todo_stack[1];
    while (todo > todo_stack) {
        todo--;
        FtFlowBlock *b = todo[0];
        es = b->exceptstack;
        b->exceptstack = NULL;
        FtFlowBlock *handler = es->handlers[es->depth];
        int last_yield_except_depth = -1;
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            if (ft_flow_is_block_push_op(in->opcode)) {
                if (!in->target->visited) {
                    FtFlowExceptStack *copy = copy_except_stack(es);
                    if (copy == NULL)
                        goto error;
                    in->target->exceptstack = copy;
                    *todo++ = in->target;
                    in->target->visited = 1;
                }
                if (es->depth >= MAX_EXCEPT_DEPTH) {
                    ft_error_set_string(&ft_exc_system_error, "too many statically nested blocks");
                    goto error;
                }
                if (in->opcode == FT_OP_SETUP_WITH || in->opcode == FT_OP_SETUP_CLEANUP)
                    in->target->preserve_lasti = 1;
                es->handlers[++es->depth] = in->target;
                handler = in->target;
            } else if (in->opcode == FT_OP_POP_BLOCK) {
                if (es->depth <= 0) {
                    ft_error_set_string(&ft_exc_system_error, "flowgraph: POP_BLOCK without a block");
                    goto error;
                }
                handler = es->handlers[--es->depth];
                ft_flow_set_op0(in, FT_OP_NOP);
            } else if (ft_flow_is_jump(in)) {
                in->except = handler;
                if (!in->target->visited) {
                    if (ft_flow_has_fallthrough(b)) {
                        FtFlowExceptStack *copy = copy_except_stack(es);
                        if (copy == NULL)
                            goto error;
                        in->target->exceptstack = copy;
                    } else {
                        in->target->exceptstack = es;
                        es = NULL;
                    }
                    *todo++ = in->target;
                    in->target->visited = 1;
                }
            } else if (in->opcode == FT_OP_YIELD_VALUE) {
                in->except = handler;
                last_yield_except_depth = es != NULL ? es->depth : -1;
            } else if (in->opcode == FT_OP_RESUME) {
                in->except = handler;
                if (in->oparg != RESUME_AT_FUNC_START) {
                    if (last_yield_except_depth == 1)
                        in->oparg |= RESUME_OPARG_DEPTH1_MASK;
                    last_yield_except_depth = -1;
                }
            } else {
                in->except = handler;
            }
            if (es == NULL && i + 1 < b->iused) {
                ft_error_set_string(&ft_exc_system_error, "malformed control flow graph.");
                goto error;
            }
        }
        if (ft_flow_has_fallthrough(b) && b->next != NULL && !b->next->visited && es != NULL) {
            b->next->exceptstack = es;
            *todo++ = b->next;
            b->next->visited = 1;
        } else {
            mi_free(es);
        }
        es = NULL;
    }
    mi_free(todo_stack);
    return 0;
error:
    mi_free(todo_stack);
    mi_free(es);
    return -1;
}

// Reachability, NOPs and jumps.

static int
remove_unreachable(FtFlowBlock *entry)
{
    for (FtFlowBlock *b = entry; b != NULL; b = b->next)
        b->predecessors = 0;
    FtFlowBlock **stack = ft_flowgraph_traversal_stack(entry);
    if (stack == NULL)
        return -1;
    FtFlowBlock **sp = stack;
    entry->predecessors = 1;
    *sp++ = entry;
    entry->visited = 1;
    while (sp > stack) {
        FtFlowBlock *b = *--sp;
        if (b->next != NULL && ft_flow_has_fallthrough(b)) {
            if (!b->next->visited) {
                *sp++ = b->next;
                b->next->visited = 1;
            }
            b->next->predecessors++;
        }
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            if (ft_flow_is_jump(in) || ft_flow_is_block_push_op(in->opcode)) {
                FtFlowBlock *t = in->target;
                if (!t->visited) {
                    *sp++ = t;
                    t->visited = 1;
                }
                t->predecessors++;
            }
        }
    }
    mi_free(stack);
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        if (b->predecessors == 0) {
            b->iused = 0;
            b->except_handler = 0;
        }
    }
    return 0;
}

static int
block_remove_redundant_nops(FtFlowBlock *bb)
{
    int dest = 0;
    int prev_lineno = -1;
    for (int src = 0; src < bb->iused; src++) {
        int lineno = bb->instr[src].loc.lineno;
        if (bb->instr[src].opcode == FT_OP_NOP) {
            if (lineno < 0)
                continue;
            if (prev_lineno == lineno)
                continue;
            if (src < bb->iused - 1) {
                int next_lineno = bb->instr[src + 1].loc.lineno;
                if (next_lineno == lineno)
                    continue;
                if (next_lineno < 0) {
                    bb->instr[src + 1].loc = bb->instr[src].loc;
                    continue;
                }
            } else {
                FtFlowBlock *next = next_nonempty_block(bb->next);
                if (next != NULL) {
                    FtLocation next_loc = FT_NO_LOCATION;
                    for (int k = 0; k < next->iused; k++) {
                        FtFlowInstr *in = &next->instr[k];
                        if (in->opcode == FT_OP_NOP && in->loc.lineno < 0)
                            continue;
                        next_loc = in->loc;
                        break;
                    }
                    if (lineno == next_loc.lineno)
                        continue;
                }
            }
        }
        if (dest != src)
            bb->instr[dest] = bb->instr[src];
        dest++;
        prev_lineno = lineno;
    }
    int removed = bb->iused - dest;
    bb->iused = dest;
    return removed;
}

static int
remove_redundant_nops(FtFlowGraph *g)
{
    int changes = 0;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next)
        changes += block_remove_redundant_nops(b);
    return changes;
}

static void
remove_redundant_nops_and_pairs(FtFlowBlock *entry)
{
    bool done = false;
    while (!done) {
        done = true;
        FtFlowInstr *prev = NULL, *in = NULL;
        for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
            block_remove_redundant_nops(b);
            if (b->label >= 0)
                in = NULL;
            for (int i = 0; i < b->iused; i++) {
                prev = in;
                in = &b->instr[i];
                int prev_op = prev != NULL ? prev->opcode : 0;
                int prev_arg = prev != NULL ? prev->oparg : 0;
                bool pair = false;
                if (in->opcode == FT_OP_POP_TOP) {
                    if (prev_op == FT_OP_LOAD_CONST || prev_op == FT_OP_LOAD_SMALL_INT)
                        pair = true;
                    else if (prev_op == FT_OP_COPY && prev_arg == 1)
                        pair = true;
                }
                if (pair) {
                    ft_flow_set_op0(prev, FT_OP_NOP);
                    ft_flow_set_op0(in, FT_OP_NOP);
                    done = false;
                }
            }
            if ((in != NULL && ft_flow_is_jump(in)) || !ft_flow_has_fallthrough(b))
                in = NULL;
        }
    }
}

static int
remove_redundant_jumps(FtFlowGraph *g)
{
    int changes = 0;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        FtFlowInstr *last = ft_flow_last_instr(b);
        if (last == NULL || !ft_flow_is_unconditional_jump_op(last->opcode))
            continue;
        FtFlowBlock *jump_target = next_nonempty_block(last->target);
        if (jump_target == NULL) {
            ft_error_set_string(&ft_exc_system_error, "jump with NULL target");
            return -1;
        }
        if (jump_target == next_nonempty_block(b->next)) {
            changes++;
            ft_flow_set_op0(last, FT_OP_NOP);
        }
    }
    return changes;
}

static int
remove_redundant_nops_and_jumps(FtFlowGraph *g)
{
    int removed_nops, removed_jumps;
    do {
        removed_nops = remove_redundant_nops(g);
        removed_jumps = remove_redundant_jumps(g);
        if (removed_jumps < 0)
            return -1;
    } while (removed_nops + removed_jumps > 0);
    return 0;
}

static int
block_inline_small_or_no_lineno_blocks(FtFlowBlock *bb)
{
    FtFlowInstr *last = ft_flow_last_instr(bb);
    if (last == NULL || !ft_flow_is_unconditional_jump_op(last->opcode))
        return 0;
    FtFlowBlock *target = last->target;
    bool small_exit = block_exits_scope(target) && target->iused <= MAX_COPY_SIZE;
    bool no_lineno_no_ft = block_has_no_lineno(target) && !ft_flow_has_fallthrough(target);
    if (!small_exit && !no_lineno_no_ft)
        return 0;
    int removed_op = last->opcode;
    ft_flow_set_op0(last, FT_OP_NOP);
    if (block_append_instructions(bb, target) < 0)
        return -1;
    if (no_lineno_no_ft) {
        last = ft_flow_last_instr(bb);
        if (ft_flow_is_unconditional_jump_op(last->opcode) && removed_op == FT_OP_JUMP)
            last->opcode = FT_OP_JUMP;   // keep the eval-breaker check
    }
    target->predecessors--;
    return 1;
}

static int
inline_small_or_no_lineno_blocks(FtFlowBlock *entry)
{
    bool changes;
    do {
        changes = false;
        for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
            int res = block_inline_small_or_no_lineno_blocks(b);
            if (res < 0)
                return -1;
            if (res)
                changes = true;
        }
    } while (changes);
    return 0;
}

// Line numbers.

static bool
is_exit_or_eval_check_without_lineno(const FtFlowBlock *b)
{
    if (block_exits_scope(b) || block_has_eval_break(b))
        return block_has_no_lineno(b);
    return false;
}

static int
duplicate_exits_without_lineno(FtFlowGraph *g)
{
    int next_lbl = max_label(g->entry) + 1;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        FtFlowInstr *last = ft_flow_last_instr(b);
        if (last == NULL || !ft_flow_is_jump(last))
            continue;
        FtFlowBlock *target = next_nonempty_block(last->target);
        if (target != NULL && is_exit_or_eval_check_without_lineno(target) &&
            target->predecessors > 1) {
            FtFlowBlock *nt = copy_block(g, target);
            if (nt == NULL)
                return -1;
            nt->instr[0].loc = last->loc;
            last->target = nt;
            target->predecessors--;
            nt->predecessors = 1;
            nt->next = target->next;
            nt->label = next_lbl++;
            target->next = nt;
        }
    }
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        if (ft_flow_has_fallthrough(b) && b->next != NULL && b->iused > 0 &&
            is_exit_or_eval_check_without_lineno(b->next) && b->next->iused > 0)
            b->next->instr[0].loc = ft_flow_last_instr(b)->loc;
    }
    return 0;
}

static void
propagate_line_numbers(FtFlowBlock *entry)
{
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        FtFlowInstr *last = ft_flow_last_instr(b);
        if (last == NULL)
            continue;
        FtLocation prev = FT_NO_LOCATION;
        for (int i = 0; i < b->iused; i++) {
            if (b->instr[i].loc.lineno == -1)
                b->instr[i].loc = prev;
            else
                prev = b->instr[i].loc;
        }
        if (ft_flow_has_fallthrough(b) && b->next != NULL && b->next->predecessors == 1 &&
            b->next->iused > 0 && b->next->instr[0].loc.lineno == -1)
            b->next->instr[0].loc = prev;
        if (ft_flow_is_jump(last)) {
            FtFlowBlock *t = last->target;
            if (t->predecessors == 1 && t->iused > 0 && t->instr[0].loc.lineno == -1)
                t->instr[0].loc = prev;
        }
    }
}

static int
resolve_line_numbers(FtFlowGraph *g)
{
    if (duplicate_exits_without_lineno(g) < 0)
        return -1;
    propagate_line_numbers(g->entry);
    return 0;
}

static int
optimize_cfg(FtFlowGraph *g, FtConstTable *consts)
{
    if (check_cfg(g) < 0 || inline_small_or_no_lineno_blocks(g->entry) < 0 ||
        remove_unreachable(g->entry) < 0 || resolve_line_numbers(g) < 0)
        return -1;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next)
        if (ft_flowgraph_optimize_load_const(b, consts) < 0)
            return -1;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next)
        if (ft_flowgraph_optimize_block(b, consts) < 0)
            return -1;
    remove_redundant_nops_and_pairs(g->entry);
    if (remove_unreachable(g->entry) < 0)
        return -1;
    return remove_redundant_nops_and_jumps(g);
}

// Cold blocks.

static int
mark_warm(FtFlowBlock *entry)
{
    FtFlowBlock **stack = ft_flowgraph_traversal_stack(entry);
    if (stack == NULL)
        return -1;
    FtFlowBlock **sp = stack;
    *sp++ = entry;
    entry->visited = 1;
    while (sp > stack) {
        FtFlowBlock *b = *--sp;
        b->warm = 1;
        FtFlowBlock *next = b->next;
        if (next != NULL && ft_flow_has_fallthrough(b) && !next->visited) {
            *sp++ = next;
            next->visited = 1;
        }
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            if (ft_flow_is_jump(in) && !in->target->visited) {
                *sp++ = in->target;
                in->target->visited = 1;
            }
        }
    }
    mi_free(stack);
    return 0;
}

static int
mark_cold(FtFlowBlock *entry)
{
    if (mark_warm(entry) < 0)
        return -1;
    FtFlowBlock **stack = ft_flowgraph_traversal_stack(entry);
    if (stack == NULL)
        return -1;
    FtFlowBlock **sp = stack;
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        if (b->except_handler) {
            *sp++ = b;
            b->visited = 1;
        }
    }
    while (sp > stack) {
        FtFlowBlock *b = *--sp;
        b->cold = 1;
        FtFlowBlock *next = b->next;
        if (next != NULL && ft_flow_has_fallthrough(b) && !next->warm && !next->visited) {
            *sp++ = next;
            next->visited = 1;
        }
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            if (ft_flow_is_jump(in)) {
                FtFlowBlock *t = in->target;
                if (!t->warm && !t->visited) {
                    *sp++ = t;
                    t->visited = 1;
                }
            }
        }
    }
    mi_free(stack);
    return 0;
}

static int
push_cold_blocks_to_end(FtFlowGraph *g)
{
    FtFlowBlock *entry = g->entry;
    if (entry->next == NULL)
        return 0;
    if (mark_cold(entry) < 0)
        return -1;
    int next_lbl = max_label(entry) + 1;
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        if (b->cold && ft_flow_has_fallthrough(b) && b->next != NULL && b->next->warm) {
            FtFlowBlock *ej = new_block(g);
            if (ej == NULL)
                return -1;
            if (b->next->label < 0)
                b->next->label = next_lbl++;
            if (block_addop(ej, FT_OP_JUMP_NO_INTERRUPT, b->next->label, FT_NO_LOCATION) < 0)
                return -1;
            ej->cold = 1;
            ej->next = b->next;
            ej->predecessors = 1;
            b->next = ej;
            ft_flow_last_instr(ej)->target = ej->next;
        }
    }
    if (entry->cold) {
        ft_error_set_string(&ft_exc_system_error, "flowgraph: the entry block is cold");
        return -1;
    }
    FtFlowBlock *cold_blocks = NULL, *cold_tail = NULL;
    FtFlowBlock *b = entry;
    while (b->next != NULL) {
        while (b->next != NULL && !b->next->cold)
            b = b->next;
        if (b->next == NULL)
            break;
        FtFlowBlock *b_end = b->next;
        while (b_end->next != NULL && b_end->next->cold)
            b_end = b_end->next;
        if (cold_blocks == NULL)
            cold_blocks = b->next;
        else
            cold_tail->next = b->next;
        cold_tail = b_end;
        b->next = b_end->next;
        b_end->next = NULL;
    }
    b->next = cold_blocks;
    if (cold_blocks != NULL)
        return remove_redundant_nops_and_jumps(g);
    return 0;
}

// Stack depth.

static int
stackdepth_push(FtFlowBlock ***sp, FtFlowBlock *b, int depth)
{
    if (!(b->startdepth < 0 || b->startdepth == depth)) {
        ft_error_set_string(&ft_exc_value_error, "Invalid CFG, inconsistent stackdepth");
        return -1;
    }
    if (b->startdepth < depth && b->startdepth < 100) {
        b->startdepth = depth;
        *(*sp)++ = b;
    }
    return 0;
}

// The net stack effect of in on the fall-through (jump 0) or the jump edge (jump 1); -1 with
// SystemError when unknown.
static int
stack_effect(const FtFlowInstr *in, int jump, int *net)
{
    int op = in->opcode;
    if (op <= FT_OP_MAX_REAL && ft_opcode_deopt(op) != op)
        goto invalid;
    int popped = ft_opcode_pops(op, in->oparg);
    int pushed = ft_opcode_pushes(op, in->oparg, jump);
    if (popped < 0 || pushed < 0)
        goto invalid;
    *net = ft_flow_is_block_push_op(op) && !jump ? 0 : pushed - popped;
    return 0;
invalid:
    ft_error_format(&ft_exc_system_error, "Invalid stack effect for opcode=%d, arg=%i", op, in->oparg);
    return -1;
}

static int
calculate_stackdepth(FtFlowGraph *g)
{
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next)
        b->startdepth = INT_MIN;
    FtFlowBlock **stack = ft_flowgraph_traversal_stack(g->entry);
    if (stack == NULL)
        return -1;
    int maxdepth = 0, result = -1;
    FtFlowBlock **sp = stack;
    if (stackdepth_push(&sp, g->entry, 0) < 0)
        goto done;
    while (sp != stack) {
        FtFlowBlock *b = *--sp;
        int depth = b->startdepth;
        FtFlowBlock *next = b->next;
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            int net;
            if (stack_effect(in, 0, &net) < 0)
                goto done;
            int new_depth = depth + net;
            if (new_depth < 0) {
                ft_error_set_string(&ft_exc_value_error, "Invalid CFG, stack underflow");
                goto done;
            }
            if (depth > maxdepth)
                maxdepth = depth;
            if (ft_flow_has_target(in->opcode) && in->opcode != FT_OP_END_ASYNC_FOR) {
                if (stack_effect(in, 1, &net) < 0)
                    goto done;
                if (stackdepth_push(&sp, in->target, depth + net) < 0)
                    goto done;
            }
            depth = new_depth;
            if (ft_flow_is_unconditional_jump_op(in->opcode) || ft_flow_is_scope_exit_op(in->opcode)) {
                next = NULL;
                break;
            }
        }
        if (next != NULL && stackdepth_push(&sp, next, depth) < 0)
            goto done;
    }
    // CPython 3.14 never makes a code object with co_stacksize 0 (a body that only raises or
    // loops still gets 1).
    result = maxdepth > 0 ? maxdepth : 1;
done:
    mi_free(stack);
    return result;
}

// Lowering.

static int
convert_pseudo_conditional_jumps(FtFlowGraph *g)
{
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            if (in->opcode != FT_OP_JUMP_IF_FALSE && in->opcode != FT_OP_JUMP_IF_TRUE)
                continue;
            in->opcode = in->opcode == FT_OP_JUMP_IF_FALSE ? FT_OP_POP_JUMP_IF_FALSE
                                                           : FT_OP_POP_JUMP_IF_TRUE;
            // The new instructions are covered by the jump's handler (CPython 3.14.10 does so).
            FtLocation loc = in->loc;
            FtFlowBlock *handler = in->except;
            FtFlowInstr copy = {.opcode = FT_OP_COPY, .oparg = 1, .loc = loc, .except = handler};
            if (block_insert_instruction(b, i++, &copy) < 0)
                return -1;
            FtFlowInstr to_bool = {.opcode = FT_OP_TO_BOOL, .oparg = 0, .loc = loc, .except = handler};
            if (block_insert_instruction(b, i++, &to_bool) < 0)
                return -1;
        }
    }
    return 0;
}

// A metadata snapshot per localsplus dict, and the cell map (CPython's build_cellfixedoffsets).
typedef struct Locals {
    FtNameTable varnames, cellvars, freevars;
    int *fixed;   // cell/free index -> localsplus offset
} Locals;

static int *
build_cellfixedoffsets(const Locals *l)
{
    int nlocals = l->varnames.count, ncells = l->cellvars.count, nfree = l->freevars.count;
    int n = ncells + nfree;
    int *fixed = mi_malloc(sizeof(int) * (size_t)(n + 1));
    if (fixed == NULL) {
        ft_error_no_memory();
        return NULL;
    }
    for (int i = 0; i < n; i++)
        fixed[i] = nlocals + i;
    for (int k = 0; k < ncells; k++) {
        FtObject *name = l->cellvars.order[k];
        int argoffset = ft_name_table_find(&l->varnames, name);
        if (argoffset >= 0)
            fixed[l->cellvars.order_index[k]] = argoffset;
    }
    return fixed;
}

static int
insert_prefix_instructions(const FtCodeUnitMetadata *umd, const Locals *l, FtFlowBlock *entry,
                           int code_flags)
{
    if (code_flags & (FT_CO_GENERATOR | FT_CO_COROUTINE | FT_CO_ASYNC_GENERATOR)) {
        FtLocation loc = {umd->firstlineno, umd->firstlineno, -1, -1};
        FtFlowInstr make_gen = {.opcode = FT_OP_RETURN_GENERATOR, .loc = loc};
        if (block_insert_instruction(entry, 0, &make_gen) < 0)
            return -1;
        FtFlowInstr pop_top = {.opcode = FT_OP_POP_TOP, .loc = loc};
        if (block_insert_instruction(entry, 1, &pop_top) < 0)
            return -1;
    }
    int ncells = l->cellvars.count;
    if (ncells) {
        int nvars = ncells + l->varnames.count;
        int *sorted = mi_calloc((size_t)nvars + 1, sizeof(int));
        if (sorted == NULL) {
            ft_error_no_memory();
            return -1;
        }
        for (int i = 0; i < ncells; i++)
            if (l->fixed[i] >= 0 && l->fixed[i] < nvars)
                sorted[l->fixed[i]] = i + 1;
        for (int i = 0, used = 0; used < ncells && i < nvars; i++) {
            int oldindex = sorted[i] - 1;
            if (oldindex == -1)
                continue;
            FtFlowInstr make_cell = {.opcode = FT_OP_MAKE_CELL, .oparg = oldindex, .loc = FT_NO_LOCATION};
            if (block_insert_instruction(entry, used, &make_cell) < 0) {
                mi_free(sorted);
                return -1;
            }
            used++;
        }
        mi_free(sorted);
    }
    if (l->freevars.count) {
        FtFlowInstr copy_frees = {.opcode = FT_OP_COPY_FREE_VARS, .oparg = l->freevars.count,
                               .loc = FT_NO_LOCATION};
        if (block_insert_instruction(entry, 0, &copy_frees) < 0)
            return -1;
    }
    return 0;
}

static int
fix_cell_offsets(const Locals *l, FtFlowBlock *entry, int *fixed)
{
    int nlocals = l->varnames.count;
    int noffsets = l->cellvars.count + l->freevars.count;
    int dropped = 0;
    for (int i = 0; i < noffsets; i++) {
        if (fixed[i] == i + nlocals)
            fixed[i] -= dropped;
        else
            dropped++;
    }
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            switch (in->opcode) {
            case FT_OP_MAKE_CELL:
            case FT_OP_LOAD_CLOSURE:
            case FT_OP_LOAD_DEREF:
            case FT_OP_STORE_DEREF:
            case FT_OP_DELETE_DEREF:
            case FT_OP_LOAD_FROM_DICT_OR_DEREF:
                if (in->oparg < 0 || in->oparg >= noffsets) {
                    ft_error_set_string(&ft_exc_system_error, "flowgraph: bad cell index");
                    return -1;
                }
                in->oparg = fixed[in->oparg];
                break;
            default:
                break;
            }
        }
    }
    return dropped;
}

static int
convert_pseudo_ops(FtFlowGraph *g)
{
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            if (ft_flow_is_block_push_op(in->opcode))
                ft_flow_set_op0(in, FT_OP_NOP);
            else if (in->opcode == FT_OP_LOAD_CLOSURE)
                in->opcode = FT_OP_LOAD_FAST;
            else if (in->opcode == FT_OP_STORE_FAST_MAYBE_NULL)
                in->opcode = FT_OP_STORE_FAST;
        }
    }
    return remove_redundant_nops_and_jumps(g);
}

static int
normalize_jumps(FtFlowGraph *g)
{
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next)
        b->visited = 0;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        b->visited = 1;
        FtFlowInstr *last = ft_flow_last_instr(b);
        if (last == NULL || !is_conditional_jump_op(last->opcode))
            continue;
        if (!last->target->visited) {
            if (block_addop(b, FT_OP_NOT_TAKEN, 0, last->loc) < 0)
                return -1;
            continue;
        }
        int reversed = 0;
        switch (last->opcode) {
        case FT_OP_POP_JUMP_IF_NOT_NONE: reversed = FT_OP_POP_JUMP_IF_NONE; break;
        case FT_OP_POP_JUMP_IF_NONE: reversed = FT_OP_POP_JUMP_IF_NOT_NONE; break;
        case FT_OP_POP_JUMP_IF_FALSE: reversed = FT_OP_POP_JUMP_IF_TRUE; break;
        default: reversed = FT_OP_POP_JUMP_IF_FALSE; break;
        }
        FtFlowBlock *target = last->target;
        FtFlowBlock *bj = new_block(g);
        if (bj == NULL)
            return -1;
        FtLocation loc = last->loc;
        if (block_addop(bj, FT_OP_NOT_TAKEN, 0, loc) < 0 ||
            ft_flowgraph_block_add_jump(bj, FT_OP_JUMP, target, loc) < 0)
            return -1;
        bj->startdepth = target->startdepth;
        last = ft_flow_last_instr(b);
        last->opcode = reversed;
        last->target = b->next;
        bj->cold = b->cold;
        bj->next = b->next;
        b->next = bj;
    }
    return 0;
}

// Entry.

// Flattens the blocks into the assembler's list (CPython's _PyCfg_ToInstructionSequence followed
// by applying the label map).
static int
flatten(FtFlowGraph *g, FtAsmInstr **out, int *nout)
{
    int total = 0, nblocks = 0;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        b->index = total;   // the block's first instruction (or the next one, when empty)
        total += b->iused;
        nblocks++;
    }
    FtAsmInstr *list = mi_malloc(sizeof(FtAsmInstr) * (size_t)(total + 1));
    if (list == NULL) {
        ft_error_no_memory();
        return -1;
    }
    int k = 0;
    for (FtFlowBlock *b = g->entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++, k++) {
            FtFlowInstr *in = &b->instr[i];
            FtAsmInstr *a = &list[k];
            a->opcode = in->opcode;
            a->oparg = in->oparg;
            a->loc = in->loc;
            a->target = -1;
            if (ft_flow_has_target(in->opcode)) {
                a->target = in->target->index;
                a->oparg = a->target;
            }
            a->handler = -1;
            a->handler_depth = 0;
            a->handler_lasti = false;
            if (in->except != NULL) {
                a->handler = in->except->index;
                a->handler_depth = in->except->startdepth;
                a->handler_lasti = in->except->preserve_lasti;
            }
            a->offset = 0;
        }
    }
    *out = list;
    *nout = total;
    return 0;
}

int
ft_flowgraph_optimize(FtInstrSequence *seq, const FtCodeUnitMetadata *umd, int code_flags,
                      FtConstTable *consts, FtAsmInstr **out, int *nout, int *stackdepth,
                      int *nlocalsplus)
{
    FtFlowGraph g = {0};
    Locals l;
    memset(&l, 0, sizeof(l));
    int rc = -1;
    if (ft_name_table_init(&l.varnames, umd->varnames, 0) < 0 ||
        ft_name_table_init(&l.cellvars, umd->cellvars, 0) < 0 ||
        ft_name_table_init(&l.freevars, umd->freevars, l.cellvars.count) < 0)
        goto done;
    if (cfg_from_sequence(&g, seq) < 0)
        goto done;
    if (translate_jump_labels_to_targets(g.entry) < 0)
        goto done;
    mark_except_handlers(g.entry);
    if (label_exception_targets(g.entry) < 0)
        goto done;
    if (optimize_cfg(&g, consts) < 0 || ft_flowgraph_remove_unused_consts(g.entry, consts) < 0)
        goto done;
    int nlocals = l.varnames.count;
    int nparams = umd->posonlyargcount + umd->argcount + umd->kwonlyargcount +
                  ((code_flags & FT_CO_VARARGS) != 0) + ((code_flags & FT_CO_VARKEYWORDS) != 0);
    if (ft_flowgraph_add_unbound_local_checks(g.entry, nlocals, nparams) < 0)
        goto done;
    ft_flowgraph_insert_superinstructions(g.entry);
    remove_redundant_nops(&g);
    if (push_cold_blocks_to_end(&g) < 0 || resolve_line_numbers(&g) < 0)
        goto done;
    // Lowering (CPython's _PyCfg_OptimizedCfgToInstructionSequence).
    if (convert_pseudo_conditional_jumps(&g) < 0)
        goto done;
    int depth = calculate_stackdepth(&g);
    if (depth < 0)
        goto done;
    l.fixed = build_cellfixedoffsets(&l);
    if (l.fixed == NULL)
        goto done;
    if (insert_prefix_instructions(umd, &l, g.entry, code_flags) < 0)
        goto done;
    int dropped = fix_cell_offsets(&l, g.entry, l.fixed);
    if (dropped < 0)
        goto done;
    if (convert_pseudo_ops(&g) < 0 || normalize_jumps(&g) < 0 || ft_flowgraph_optimize_load_fast(g.entry) < 0)
        goto done;
    if (flatten(&g, out, nout) < 0)
        goto done;
    *stackdepth = depth;
    *nlocalsplus = l.varnames.count + l.cellvars.count + l.freevars.count - dropped;
    rc = 0;
done:
    cfg_free(&g);
    mi_free(l.fixed);
    ft_name_table_fini(&l.varnames);
    ft_name_table_fini(&l.cellvars);
    ft_name_table_fini(&l.freevars);
    ft_instr_sequence_fini(seq);
    return rc;
}

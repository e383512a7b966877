// compiler/flowgraph_internal.h: the interface between the flowgraph optimizer (compiler/flowgraph.c,
// flowgraph_fold.c, flowgraph_locals.c) and the assembler (compiler/assemble.c); private to them.
//
// The optimizer turns an FtInstrSequence into basic blocks, optimizes them as CPython 3.14's
// Python/flowgraph.c does, lowers the pseudo-instructions that live in blocks, and hands back a flat
// list of FtAsmInstr whose jumps name the index of their target instruction and whose exception
// handler is resolved to an instruction index, a depth and a lasti flag.
//
// Concurrency: compiling-thread only; everything here is owned by one compilation.
#ifndef FT_COMPILER_FLOWGRAPH_INTERNAL_H
#define FT_COMPILER_FLOWGRAPH_INTERNAL_H

#include <stdbool.h>   // bool
#include <stdint.h>    // int64_t uint64_t

#include "compiler/instr_sequence.h"   // FtInstrSequence FtCodeUnitMetadata FtLocation
#include "eval/opcode.h"               // FT_OP_* ft_opcode_has_jump ft_opcode_has_const
#include "objects/bigint.h"            // ft_bigint_to_int64
#include "objects/int.h"               // ft_int_check ft_int_value_borrow
#include "runtime/object.h"            // FtObject

// One instruction ready for the assembler.
typedef struct FtAsmInstr {
    int opcode;          // real opcode, or JUMP / JUMP_NO_INTERRUPT (direction resolved later)
    int oparg;           // for a jump: the target's index in the list, later the code-unit offset
    FtLocation loc;
    int target;          // jump target index, -1 for others
    int handler;         // index of the first instruction of the handler, -1 when none
    int handler_depth;   // the handler block's start depth
    bool handler_lasti;  // the handler preserves lasti
    int offset;          // code-unit offset, filled by the assembler
} FtAsmInstr;

// The constants of the code unit, in co_consts order, with a cache that makes folded constants
// equal to existing ones share their slot (CPython's const_cache, per code unit here).
typedef struct FtConstTable {
    FtObject **items;    // strong references
    int count, capacity;
    FtObject *cache;     // dict: constant key -> the canonical object
} FtConstTable;

// Fills the table from the metadata's dict (constant key -> index). 0 or -1 with an exception.
int ft_const_table_init(FtConstTable *t, FtObject *consts_dict);
void ft_const_table_fini(FtConstTable *t);

// The snapshot of a metadata dict (str -> index, the indices base .. base + count - 1): names[i] is
// the key whose value is base + i.
typedef struct FtNameTable {
    FtObject **names;    // strong references, indexed by value - base
    int count;
    FtObject **order;    // borrowed from names: the keys in the dict's insertion order
    int *order_index;    // the value of order[k] (base included)
} FtNameTable;

// dict may be NULL (empty table). base: the first index (the number of cell variables for the
// free-variable dict, whose indices follow the cells' as in CPython; 0 for the others).
int ft_name_table_init(FtNameTable *t, FtObject *dict, int base);
void ft_name_table_fini(FtNameTable *t);
// The value of name in the table, or -1.
int ft_name_table_find(const FtNameTable *t, FtObject *name);

// Runs the optimizer and lowering on seq (label ids in opargs; consumed). On success returns 0 and
// sets *out (malloc'd, the caller frees with mi_free), *nout, *stackdepth and *nlocalsplus.
int ft_flowgraph_optimize(FtInstrSequence *seq, const FtCodeUnitMetadata *umd, int code_flags,
                          FtConstTable *consts, FtAsmInstr **out, int *nout, int *stackdepth,
                          int *nlocalsplus);


// The control-flow graph shared by compiler/flowgraph.c (construction, reachability, line numbers,
// cold blocks, stack depth, lowering), compiler/flowgraph_fold.c (constants and peephole passes)
// and compiler/flowgraph_locals.c (unbound locals, super-instructions, borrowed loads).

typedef struct FtFlowBlock FtFlowBlock;

// One instruction in a block (CPython's cfg_instr).
typedef struct FtFlowInstr {
    int opcode, oparg;
    FtLocation loc;
    FtFlowBlock *target;   // jump or block-push target
    FtFlowBlock *except;   // the handler covering this instruction
} FtFlowInstr;

// A basic block (CPython's basicblock). Owned by the graph; freed with it.
struct FtFlowBlock {
    FtFlowBlock *list;       // every block, in reverse allocation order
    int label;               // -1 unless a jump target
    struct FtFlowExceptStack *exceptstack;
    FtFlowInstr *instr;      // iused used of ialloc; slots past iused keep stale instructions
    int iused, ialloc;
    FtFlowBlock *next;       // the block control falls through to
    uint64_t unsafe_locals_mask;
    int predecessors;
    int startdepth;
    int index;               // position in the final order (set when flattening)
    unsigned preserve_lasti : 1, visited : 1, except_handler : 1, cold : 1, warm : 1;
};

// Opcode classes (CPython's pycore_opcode_utils.h).

static inline bool
ft_flow_is_block_push_op(int op)
{
    return op == FT_OP_SETUP_FINALLY || op == FT_OP_SETUP_WITH || op == FT_OP_SETUP_CLEANUP;
}

static inline bool
ft_flow_has_target(int op)
{
    return ft_opcode_has_jump(op) || ft_flow_is_block_push_op(op);
}

static inline bool
ft_flow_is_scope_exit_op(int op)
{
    return op == FT_OP_RETURN_VALUE || op == FT_OP_RAISE_VARARGS || op == FT_OP_RERAISE;
}

static inline bool
ft_flow_is_unconditional_jump_op(int op)
{
    return op == FT_OP_JUMP || op == FT_OP_JUMP_NO_INTERRUPT || op == FT_OP_JUMP_FORWARD ||
           op == FT_OP_JUMP_BACKWARD || op == FT_OP_JUMP_BACKWARD_NO_INTERRUPT;
}

static inline bool
ft_flow_is_jump(const FtFlowInstr *i)
{
    return ft_opcode_has_jump(i->opcode);
}

static inline bool
ft_flow_loads_const(int op)
{
    return ft_opcode_has_const(op) || op == FT_OP_LOAD_SMALL_INT;
}

static inline void
ft_flow_set_op0(FtFlowInstr *i, int op)
{
    i->opcode = op;
    i->oparg = 0;
}

static inline void
ft_flow_set_op1(FtFlowInstr *i, int op, int arg)
{
    i->opcode = op;
    i->oparg = arg;
}

// The value of an exact int (or bool) if it fits in int64_t: true and *out set; false otherwise,
// with no exception.
static inline bool
ft_flow_int_fits_int64(FtObject *v, int64_t *out)
{
    return ft_int_check(v) && ft_bigint_to_int64(ft_int_value_borrow(v), out);
}

static inline FtFlowInstr *
ft_flow_last_instr(const FtFlowBlock *b)
{
    return b->iused > 0 ? &b->instr[b->iused - 1] : NULL;
}

static inline bool
ft_flow_no_fallthrough(const FtFlowBlock *b)
{
    FtFlowInstr *last = ft_flow_last_instr(b);
    return last != NULL &&
           (ft_flow_is_scope_exit_op(last->opcode) || ft_flow_is_unconditional_jump_op(last->opcode));
}

static inline bool
ft_flow_has_fallthrough(const FtFlowBlock *b)
{
    return !ft_flow_no_fallthrough(b);
}

// Appends a jump to target at the end of b (b must not end with a jump). 0, or -1 with an exception.
int ft_flowgraph_block_add_jump(FtFlowBlock *b, int opcode, FtFlowBlock *target, FtLocation loc);

// A stack with room for every block reachable by next links from entry, all of them marked
// unvisited; NULL with MemoryError. Free with mi_free.
FtFlowBlock **ft_flowgraph_traversal_stack(FtFlowBlock *entry);

// compiler/flowgraph_fold.c: LOAD_SMALL_INT and the constant-driven jumps of one block (CPython's
// basicblock_optimize_load_const), the peephole and folding pass of one block (optimize_basic_block)
// and the removal of unused constants (remove_unused_consts). 0, or -1 with an exception.
int ft_flowgraph_optimize_load_const(FtFlowBlock *bb, FtConstTable *consts);
int ft_flowgraph_optimize_block(FtFlowBlock *bb, FtConstTable *consts);
int ft_flowgraph_remove_unused_consts(FtFlowBlock *entry, FtConstTable *consts);

// compiler/flowgraph_locals.c: LOAD_FAST -> LOAD_FAST_CHECK where a local may be unbound
// (add_checks_for_loads_of_uninitialized_variables), the super-instructions (leaving NOPs for the
// caller to remove) and LOAD_FAST -> LOAD_FAST_BORROW (optimize_load_fast). 0, or -1 with an
// exception.
int ft_flowgraph_add_unbound_local_checks(FtFlowBlock *entry, int nlocals, int nparams);
void ft_flowgraph_insert_superinstructions(FtFlowBlock *entry);
int ft_flowgraph_optimize_load_fast(FtFlowBlock *entry);

#endif // FT_COMPILER_FLOWGRAPH_INTERNAL_H

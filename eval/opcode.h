// eval/opcode.h: ftpy's opcode numbers and the metadata every layer reads about an opcode.
//
// Owns: the interface to the tables generated from eval/bytecodes.def (ids, names, operand kinds and
// the values they enumerate, flags, inline cache sizes, specialization bases, stack effects,
// pseudo-instruction targets).
// Invariant: every fact here comes from eval/bytecodes.def through eval/gen/gen_cases.py, and equals
// CPython 3.14's (scripts/check_opcode_metadata.py proves it); nothing is maintained by hand.
// Concurrency: the tables are immutable static data; every function here is pure and safe to call
// from any thread, attached or not, without locks.
//
// Users: the compiler (stack-depth pass, assembler), the disassembler data for `dis` (the _opcode
// module), the specializer and the eval loop. eval/README.md describes the DSL and numbering rules.
#ifndef FT_EVAL_OPCODE_H
#define FT_EVAL_OPCODE_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint32_t

#include "eval/generated/opcode_ids.gen.h"   // FT_OP_*, FT_OPARG_*, FT_OPFLAG_*, FtOpArgKind

// Opargs outside this range are rejected (stack-effect expressions such as oparg * 2 stay in int range).
#define FT_OPCODE_MIN_OPARG (-(1 << 30))
#define FT_OPCODE_MAX_OPARG ((1 << 30) - 1)

// Returned by ft_opcode_stack_effect() where CPython's _opcode.stack_effect() raises ValueError.
#define FT_OPCODE_STACK_EFFECT_INVALID (-0x7fffffff - 1)

// The jump argument of ft_opcode_stack_effect(): the larger of the two edges, as CPython's jump=None.
#define FT_OPCODE_JUMP_EITHER (-1)

// Returns true if op names an instruction or pseudo-instruction (0 <= op < FT_OP_TABLE_SIZE and used).
bool ft_opcode_is_valid(int op);

// Returns the opcode's name ("LOAD_FAST"), a static string; NULL if op is not valid.
const char *ft_opcode_name(int op);

// Returns the operand kind (eval/README.md, "Operand kinds"); FT_OPARG_NONE if op is not valid.
FtOpArgKind ft_opcode_arg_kind(int op);

// Returns the FT_OPFLAG_* word of op; 0 if op is not valid.
uint32_t ft_opcode_flags(int op);

// CPython's _opcode.has_arg() .. has_exc(): false for any op that is not valid.
static inline bool
ft_opcode_has_arg(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_HAS_ARG) != 0;
}

static inline bool
ft_opcode_has_const(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_HAS_CONST) != 0;
}

static inline bool
ft_opcode_has_name(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_HAS_NAME) != 0;
}

static inline bool
ft_opcode_has_jump(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_HAS_JUMP) != 0;
}

static inline bool
ft_opcode_has_free(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_HAS_FREE) != 0;
}

static inline bool
ft_opcode_has_local(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_HAS_LOCAL) != 0;
}

static inline bool
ft_opcode_has_exc(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_HAS_EXC) != 0;
}

static inline bool
ft_opcode_is_pseudo(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_IS_PSEUDO) != 0;
}

static inline bool
ft_opcode_is_specialized(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_IS_SPECIALIZED) != 0;
}

static inline bool
ft_opcode_is_instrumented(int op)
{
    return (ft_opcode_flags(op) & FT_OPFLAG_IS_INSTRUMENTED) != 0;
}

// One value of an operand kind that enumerates its values (VALUES(kind) in eval/bytecodes.def): the
// constant's name without FT_ ("NB_ADD", "INTRINSIC_PRINT") and the text dis shows, or NULL if none
// ("+", "__enter__", "AssertionError").
typedef struct {
    const char *name;
    const char *text;
} FtOpArgValue;

// Returns the number of values kind enumerates (FT_OPARG_BINARY_OP: 27 NB_* operators), 0 if it
// enumerates none.
int ft_opcode_oparg_value_count(FtOpArgKind kind);

// Returns value number `value` of kind (static storage), or NULL if kind enumerates no such value.
// For FT_OPARG_COMPARE the value is oparg >> 5, as dis reads it.
const FtOpArgValue *ft_opcode_oparg_value(FtOpArgKind kind, int value);

// Returns the number of 16-bit inline cache units that follow op in the bytecode; 0 if not valid.
int ft_opcode_cache_size(int op);

// Returns the cache layout as "name/units, ..." (dis's _cache_format order); NULL if op has no cache.
const char *ft_opcode_cache_layout(int op);

// Returns the family base of a specialization (where it deoptimizes to), op itself for any other valid
// op, and -1 if op is not valid.
int ft_opcode_deopt(int op);

// Returns the i-th real instruction a pseudo-instruction may be lowered to, or -1 past the last one or
// if op is not a pseudo-instruction.
int ft_opcode_pseudo_target(int op, int i);

// Items popped / pushed by op for this oparg (pushed on the jump edge if jump != 0). Returns -1 if op is
// not valid or oparg is outside [FT_OPCODE_MIN_OPARG, FT_OPCODE_MAX_OPARG]. Defined in the generated
// eval/generated/opcode_meta.gen.h. The result may be negative for a nonsensical oparg (COPY 0 pops 0,
// SWAP 0 pops 0, but LIST_APPEND -5 pops -4); ft_opcode_stack_effect() rejects those.
int ft_opcode_pops(int op, int oparg);
int ft_opcode_pushes(int op, int oparg, int jump);

// CPython's _opcode.stack_effect(op, oparg, jump): pushes - pops, on the jump edge (jump > 0), the
// fall-through edge (jump == 0) or the larger of both (jump == FT_OPCODE_JUMP_EITHER, CPython's None).
// Returns FT_OPCODE_STACK_EFFECT_INVALID exactly where CPython raises ValueError: op not valid, op a
// specialization, oparg out of range, or a negative pop or push count.
int ft_opcode_stack_effect(int op, int oparg, int jump);

#endif // FT_EVAL_OPCODE_H

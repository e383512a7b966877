// eval/opcode_meta.c: the accessors of eval/opcode.h over the tables generated from eval/bytecodes.def.
//
// Owns: the one inclusion of eval/generated/opcode_meta.gen.h (its static tables and the generated
// ft_opcode_pops()/ft_opcode_pushes()).
// Invariant: every accessor bounds-checks op before indexing, so any int is a safe argument; an unused
// number reads as "not valid" because its name slot is NULL.
// Concurrency: the tables are `static const` and never written; every function is pure and may be
// called from any thread without locks.
// References: CPython 3.14 Modules/_opcode.c (the semantics of stack_effect and the has_* predicates),
// Include/internal/pycore_opcode_metadata.h (the facts these tables reproduce).
#include "eval/opcode.h"   // the contracts implemented here

#include <stddef.h>   // NULL

#include "eval/generated/opcode_meta.gen.h"   // opcode_*_table, oparg_value_table, ft_opcode_pops/pushes

bool
ft_opcode_is_valid(int op)
{
    return op >= 0 && op < FT_OP_TABLE_SIZE && opcode_name_table[op] != NULL;
}

const char *
ft_opcode_name(int op)
{
    return ft_opcode_is_valid(op) ? opcode_name_table[op] : NULL;
}

FtOpArgKind
ft_opcode_arg_kind(int op)
{
    return ft_opcode_is_valid(op) ? (FtOpArgKind)opcode_arg_kind_table[op] : FT_OPARG_NONE;
}

uint32_t
ft_opcode_flags(int op)
{
    return ft_opcode_is_valid(op) ? opcode_flags_table[op] : 0;
}

int
ft_opcode_cache_size(int op)
{
    return ft_opcode_is_valid(op) ? opcode_cache_size_table[op] : 0;
}

const char *
ft_opcode_cache_layout(int op)
{
    return ft_opcode_is_valid(op) ? opcode_cache_layout_table[op] : NULL;
}

int
ft_opcode_deopt(int op)
{
    return ft_opcode_is_valid(op) ? opcode_deopt_table[op] : -1;
}

int
ft_opcode_pseudo_target(int op, int i)
{
    if (!ft_opcode_is_pseudo(op) || i < 0)
        return -1;
    const int16_t *targets = opcode_pseudo_targets_table[op - FT_OP_MIN_PSEUDO];
    // Each row ends with -1 and is no longer than the row width, so stop at the first -1.
    int width = (int)(sizeof(opcode_pseudo_targets_table[0]) / sizeof(opcode_pseudo_targets_table[0][0]));
    for (int k = 0; k < width; k++) {
        if (targets[k] < 0)
            return -1;
        if (k == i)
            return targets[k];
    }
    return -1;
}

int
ft_opcode_oparg_value_count(FtOpArgKind kind)
{
    int count;
    oparg_value_table(kind, &count);
    return count;
}

const FtOpArgValue *
ft_opcode_oparg_value(FtOpArgKind kind, int value)
{
    int count;
    const FtOpArgValue *table = oparg_value_table(kind, &count);
    return (value >= 0 && value < count) ? &table[value] : NULL;
}

int
ft_opcode_stack_effect(int op, int oparg, int jump)
{
    // CPython's stack_effect() refuses specializations: only the base's effect is defined.
    if (!ft_opcode_is_valid(op) || ft_opcode_is_specialized(op))
        return FT_OPCODE_STACK_EFFECT_INVALID;
    int pops = ft_opcode_pops(op, oparg);
    int fall_through = ft_opcode_pushes(op, oparg, 0);
    int taken = ft_opcode_pushes(op, oparg, 1);
    if (pops < 0 || fall_through < 0 || taken < 0)
        return FT_OPCODE_STACK_EFFECT_INVALID;
    if (jump < 0)
        return (taken > fall_through ? taken : fall_through) - pops;
    return (jump ? taken : fall_through) - pops;
}

// compiler/instr_sequence.c: the instruction sequence the code generator fills and the assembler
// consumes (CPython's Python/instruction_sequence.c), and the code unit metadata's clean-up.
//
// Owns: the growable instruction array and the label map (label id -> instruction index).
// Invariant: 0 <= count <= capacity; label_map[id] is -1 (unplaced) or in [0, count]; after
// ft_instr_sequence_apply_labels every jump's and SETUP_*'s oparg is an instruction index.
// Concurrency: a sequence belongs to the one thread compiling; nothing here is shared.
#include <string.h>   // memmove

#include <mimalloc.h>   // mi_malloc mi_realloc mi_free

#include "compiler/instr_sequence.h"

#include "eval/opcode.h"        // ft_opcode_has_jump FT_OP_SETUP_*
#include "objects/error.h"     // ft_error_*
#include "runtime/refcount.h"   // ft_xdecref

enum { INITIAL_CAPACITY = 64 };

void
ft_instr_sequence_init(FtInstrSequence *seq)
{
    seq->instrs = NULL;
    seq->count = seq->capacity = 0;
    seq->label_map = NULL;
    seq->label_count = seq->label_capacity = 0;
    seq->annotations = NULL;
}

void
ft_instr_sequence_fini(FtInstrSequence *seq)
{
    mi_free(seq->instrs);
    mi_free(seq->label_map);
    if (seq->annotations != NULL) {
        ft_instr_sequence_fini(seq->annotations);
        mi_free(seq->annotations);
    }
    ft_instr_sequence_init(seq);
}

// Grows *arr (elements of size elem) so that it holds at least need elements. 0 or -1 (MemoryError).
static int
grow(void **arr, int *capacity, int need, size_t elem)
{
    if (need <= *capacity)
        return 0;
    int cap = *capacity > 0 ? *capacity : INITIAL_CAPACITY;
    while (cap < need) {
        if (cap > (1 << 28)) {
            ft_error_no_memory();
            return -1;
        }
        cap *= 2;
    }
    void *p = mi_realloc(*arr, (size_t)cap * elem);
    if (p == NULL) {
        ft_error_no_memory();
        return -1;
    }
    *arr = p;
    *capacity = cap;
    return 0;
}

FtLabel
ft_instr_sequence_new_label(FtInstrSequence *seq)
{
    if (grow((void **)&seq->label_map, &seq->label_capacity, seq->label_count + 1, sizeof(int)) < 0)
        return FT_NO_LABEL;
    seq->label_map[seq->label_count] = -1;
    FtLabel l = {seq->label_count++};
    return l;
}

int
ft_instr_sequence_use_label(FtInstrSequence *seq, FtLabel label)
{
    if (label.id < 0)
        return 0;
    if (label.id >= seq->label_count) {
        int old = seq->label_count;
        if (grow((void **)&seq->label_map, &seq->label_capacity, label.id + 1, sizeof(int)) < 0)
            return -1;
        for (int i = old; i <= label.id; i++)
            seq->label_map[i] = -1;
        seq->label_count = label.id + 1;
    }
    seq->label_map[label.id] = seq->count;
    return 0;
}

int
ft_instr_sequence_add(FtInstrSequence *seq, int opcode, int oparg, FtLocation loc)
{
    if (grow((void **)&seq->instrs, &seq->capacity, seq->count + 1, sizeof(FtInstr)) < 0)
        return -1;
    FtInstr *in = &seq->instrs[seq->count];
    in->opcode = opcode;
    in->oparg = oparg;
    in->loc = loc;
    return seq->count++;
}

int
ft_instr_sequence_insert(FtInstrSequence *seq, int pos, int opcode, int oparg, FtLocation loc)
{
    if (pos < 0 || pos > seq->count) {
        ft_error_set_string(&ft_exc_system_error, "instruction sequence: bad insert position");
        return -1;
    }
    if (ft_instr_sequence_add(seq, opcode, oparg, loc) < 0)
        return -1;
    memmove(&seq->instrs[pos + 1], &seq->instrs[pos], (size_t)(seq->count - 1 - pos) * sizeof(FtInstr));
    seq->instrs[pos].opcode = opcode;
    seq->instrs[pos].oparg = oparg;
    seq->instrs[pos].loc = loc;
    for (int i = 0; i < seq->label_count; i++)
        if (seq->label_map[i] >= pos)
            seq->label_map[i]++;
    return pos;
}

// True for the opcodes whose oparg is a label (jumps and the block-push pseudo-instructions).
static bool
has_target(int opcode)
{
    return ft_opcode_has_jump(opcode) || opcode == FT_OP_SETUP_FINALLY ||
           opcode == FT_OP_SETUP_CLEANUP || opcode == FT_OP_SETUP_WITH;
}

int
ft_instr_sequence_apply_labels(FtInstrSequence *seq)
{
    for (int i = 0; i < seq->count; i++) {
        FtInstr *in = &seq->instrs[i];
        if (!has_target(in->opcode))
            continue;
        if (in->oparg < 0 || in->oparg >= seq->label_count || seq->label_map[in->oparg] < 0) {
            ft_error_format(&ft_exc_system_error, "instruction sequence: label %d never placed",
                            in->oparg);
            return -1;
        }
        in->oparg = seq->label_map[in->oparg];
    }
    return 0;
}

void
ft_code_unit_metadata_clear(FtCodeUnitMetadata *umd)
{
    FtObject **fields[] = {&umd->name,     &umd->qualname, &umd->consts,   &umd->names,
                           &umd->varnames, &umd->cellvars, &umd->freevars, &umd->fasthidden};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        ft_xdecref(*fields[i]);
        *fields[i] = NULL;
    }
}

// compiler/instr_sequence.h: the instruction sequence, the hand-over from the code generator to the
// flowgraph optimizer and assembler (CPython's Python/instruction_sequence.c).
//
// The code generator appends instructions (real opcodes and pseudo-instructions of
// eval/bytecodes.def, FT_OP_*), each with its source location, and labels: a jump's or a SETUP_*'s
// oparg is a label id until ft_instr_sequence_apply_labels() resolves labels to instruction indices.
// No inline-cache units and no EXTENDED_ARG appear here: the assembler adds them.
//
// Alongside the sequence travels the code unit's metadata (FtCodeUnitMetadata): the names, constants
// and variable tables whose indices the opargs refer to, as CPython's _PyCompile_CodeUnitMetadata.
//
// Memory and concurrency: a sequence is owned by the one thread compiling; it is plain malloc'd
// memory (ft_mem_*), freed by ft_instr_sequence_fini.
#ifndef FT_COMPILER_INSTR_SEQUENCE_H
#define FT_COMPILER_INSTR_SEQUENCE_H

#include "runtime/object.h"   // FtObject

// A source span: 1-based lines, 0-based UTF-8 byte columns; -1 where absent. lineno -1 is
// "no location" (CPython's NO_LOCATION). Line 0 appears only where CPython puts it: the module's
// RESUME and ANNOTATIONS_PLACEHOLDER carry {0, 1, 0, 0}.
typedef struct FtLocation {
    int lineno, end_lineno, col_offset, end_col_offset;
} FtLocation;

static const FtLocation FT_NO_LOCATION = {-1, -1, -1, -1};
// CPython's NEXT_LOCATION: the assembler gives such an instruction the location of the one after
// it (none for a jump, return or raise).
static const FtLocation FT_NEXT_LOCATION = {-2, -2, -2, -2};

typedef struct FtInstr {
    int opcode;        // FT_OP_* (real or pseudo)
    int oparg;         // for a jump or SETUP_*: a label id, later an instruction index
    FtLocation loc;
} FtInstr;

typedef struct FtInstrSequence {
    FtInstr *instrs;
    int count, capacity;
    int *label_map;    // label id -> index of the instruction it precedes (-1 while unplaced)
    int label_count, label_capacity;
    // The module's __annotate__ set-up code, compiled aside while the body is (CPython's
    // s_annotations_code): the flowgraph splices it in where the ANNOTATIONS_PLACEHOLDER
    // instruction stands, or drops the placeholder when this is NULL. It must contain no jump.
    // Owned: freed by ft_instr_sequence_fini (the struct itself with mi_free).
    struct FtInstrSequence *annotations;
} FtInstrSequence;

// A label id, as codegen creates and places them (CPython's jump_target_label). id -1: no label.
typedef struct FtLabel {
    int id;
} FtLabel;

static const FtLabel FT_NO_LABEL = {-1};

void ft_instr_sequence_init(FtInstrSequence *seq);
void ft_instr_sequence_fini(FtInstrSequence *seq);   // frees the nested annotations sequence too

// A new label (unplaced). Returns a label with id -1 when out of memory (then an exception is set).
FtLabel ft_instr_sequence_new_label(FtInstrSequence *seq);

// Places label before the next instruction appended. Returns 0, or -1 with MemoryError.
int ft_instr_sequence_use_label(FtInstrSequence *seq, FtLabel label);

// Appends an instruction. Returns its index, or -1 with MemoryError.
int ft_instr_sequence_add(FtInstrSequence *seq, int opcode, int oparg, FtLocation loc);

// Inserts an instruction at index pos, shifting the rest (and the labels that point past it).
int ft_instr_sequence_insert(FtInstrSequence *seq, int pos, int opcode, int oparg, FtLocation loc);

// Rewrites every jump and SETUP_* oparg from a label id to the index of the instruction that label
// precedes. Returns 0, or -1 with SystemError for a label never placed.
int ft_instr_sequence_apply_labels(FtInstrSequence *seq);

// The code unit's metadata: what the opargs index, and the facts co_* reports (CPython's
// _PyCompile_CodeUnitMetadata, with its conventions). Each FtObject is a strong reference owned by
// the struct. Dict order matters: it is the order CPython's dicts have (insertion order).
typedef struct FtCodeUnitMetadata {
    FtObject *name;          // str: co_name
    FtObject *qualname;      // str: co_qualname (NULL: co_name)
    FtObject *consts;        // dict: constant key -> index (CPython's u_consts; keys as
                             // ft_compile_const_key_ref() makes them, so 1, 1.0 and True stay
                             // apart; the constant is the key, or item 1 of a tuple key). Every
                             // constant goes here, small ints included: LOAD_SMALL_INT is the
                             // flowgraph's choice, and index 0 is kept even when unused.
    FtObject *names;         // dict: str -> index (co_names)
    FtObject *varnames;      // dict: str -> index (locals, parameters first)
    FtObject *cellvars;      // dict: str -> index 0..ncells-1 (sorted names, then __class__ ...)
    FtObject *freevars;      // dict: str -> index, numbered after the cells: ncells..ncells+nfree-1
                             // (CPython's dictbytype offset); LOAD_DEREF & co. use these indices
    FtObject *fasthidden;    // dict: str -> True for inlined comprehension locals (CO_FAST_HIDDEN;
                             // membership is what counts)
    int argcount;            // positional-or-keyword parameters, NOT counting the positional-only
                             // ones (CPython's u_argcount; co_argcount = posonly + argcount)
    int posonlyargcount, kwonlyargcount;
    int firstlineno;
} FtCodeUnitMetadata;

void ft_code_unit_metadata_clear(FtCodeUnitMetadata *umd);

#endif // FT_COMPILER_INSTR_SEQUENCE_H

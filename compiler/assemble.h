// compiler/assemble.h: from an instruction sequence to a code object (CPython's Python/flowgraph.c
// and Python/assemble.c).
//
// The flowgraph optimizer turns the code generator's sequence into basic blocks, folds constants,
// threads jumps, removes dead code and unused constants, turns LOAD_FAST into LOAD_FAST_BORROW /
// LOAD_FAST_LOAD_FAST where CPython 3.14 does, lowers pseudo-instructions, computes the maximum stack
// depth and the handler depths; the assembler lays out the code units with inline caches and
// EXTENDED_ARG, and encodes the exception table and the location table in CPython 3.14's formats.
// The aim is bytecode identical to CPython 3.14's for the same source (scripts/compare_bytecode.py).
//
// Concurrency: runs on the compiling thread only; touches only its arguments.
#ifndef FT_COMPILER_ASSEMBLE_H
#define FT_COMPILER_ASSEMBLE_H

#include "compiler/instr_sequence.h"   // FtInstrSequence FtCodeUnitMetadata
#include "runtime/object.h"            // FtObject

// Builds the code object for one code unit. seq holds label ids (not yet applied); it is consumed
// (left empty). code_flags are the FT_CO_* bits the code generator computed (the assembler adds
// none). Returns a new code object, or NULL with an exception (MemoryError, SystemError for an
// inconsistent sequence).
FtObject *ft_assemble_code_ref(FtInstrSequence *seq, const FtCodeUnitMetadata *umd, FtObject *filename,
                               int code_flags);

// The key under which a constant is stored in FtCodeUnitMetadata.consts (CPython's
// _PyCode_ConstantKey): equal keys for constants that may share one slot; 0.0 and -0.0, 1 and 1.0
// and True, and tuples containing them stay apart. Returns a new reference, or NULL with an error.
FtObject *ft_compile_const_key_ref(FtObject *value);

#endif // FT_COMPILER_ASSEMBLE_H

// objects/code.h: code objects (CPython's Objects/codeobject.c), in CPython 3.14's format.
//
// A code object is what the compiler produces and the eval loop runs: the bytecode (16-bit code units,
// CPython 3.14's opcode numbers and inline-cache slots, eval/README.md), the constants and names it
// indexes, the "localsplus" layout of a frame (parameters and locals, then cells, then free
// variables; one kind byte each, CPython's CO_FAST_* bits), the exception table and the location
// table in CPython's encodings (InternalDocs/exception_handling.md, InternalDocs/code_objects.md),
// so that `dis`, `inspect` and `traceback` read them unchanged through the co_* attributes.
//
// Concurrency: a code object is immutable once ft_code_new_ref() returns, except the per-thread
// bytecode copies for specialization (TODO(#4): co_tlbc, eval/README.md) and the lazily built
// caches, which are published with a release store. Code objects use deferred reference counting
// (ARCHITECTURE.md decision 3), so frames reference them without counting.
#ifndef FT_OBJECTS_CODE_H
#define FT_OBJECTS_CODE_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint16_t uint8_t

#include "runtime/object.h"   // FtObject FtVarObject FtTypeObject Ft_ssize

// co_flags bits: CPython's values (Include/cpython/code.h), which inspect.CO_* report.
enum {
    FT_CO_OPTIMIZED = 0x0001,
    FT_CO_NEWLOCALS = 0x0002,
    FT_CO_VARARGS = 0x0004,
    FT_CO_VARKEYWORDS = 0x0008,
    FT_CO_NESTED = 0x0010,
    FT_CO_GENERATOR = 0x0020,
    FT_CO_NOFREE = 0x0040,   // gone in 3.14 but the bit stays reserved
    FT_CO_COROUTINE = 0x0080,
    FT_CO_ITERABLE_COROUTINE = 0x0100,
    FT_CO_ASYNC_GENERATOR = 0x0200,
    FT_CO_HAS_DOCSTRING = 0x4000000,
    FT_CO_METHOD = 0x8000000,
};

// localspluskinds bits: CPython's CO_FAST_* (Include/internal/pycore_code.h).
enum {
    FT_CO_FAST_HIDDEN = 0x10,   // an inlined comprehension's variable
    FT_CO_FAST_ARG_POS = 0x02,
    FT_CO_FAST_ARG_KW = 0x04,
    FT_CO_FAST_ARG_VAR = 0x08,
    FT_CO_FAST_ARG = FT_CO_FAST_ARG_POS | FT_CO_FAST_ARG_KW | FT_CO_FAST_ARG_VAR,
    FT_CO_FAST_LOCAL = 0x20,
    FT_CO_FAST_CELL = 0x40,
    FT_CO_FAST_FREE = 0x80,
};

// One code object. Every field is immutable after construction. The bytecode follows the struct
// (co_code_adaptive), as in CPython, so the eval loop reaches it with no extra load.
typedef struct FtCodeObject {
    FtVarObject ob_base;           // ob_size: number of 16-bit code units in co_code_adaptive
    FtObject *co_consts;           // tuple
    FtObject *co_names;            // tuple of str (global / attribute / import names)
    FtObject *co_localsplusnames;  // tuple of str: locals, then cells, then free variables
    FtObject *co_localspluskinds;  // bytes: one FT_CO_FAST_* byte per localsplus name
    FtObject *co_filename;         // str
    FtObject *co_name;             // str
    FtObject *co_qualname;         // str
    FtObject *co_linetable;        // bytes: CPython 3.14's location table
    FtObject *co_exceptiontable;   // bytes: CPython 3.14's exception table
    int co_flags;                  // FT_CO_*
    int co_argcount;               // positional parameters, including positional-only
    int co_posonlyargcount;
    int co_kwonlyargcount;
    int co_stacksize;              // the deepest value stack any path reaches
    int co_firstlineno;
    int co_nlocalsplus;            // len(co_localsplusnames)
    int co_framesize;              // co_nlocalsplus + co_stacksize (slots of an interpreter frame)
    int co_nlocals;                // plain locals (including parameters)
    int co_ncellvars;              // localsplus entries with FT_CO_FAST_CELL (parameters included)
    int co_nfreevars;
    FtObject *co_weakreflist;      // TODO(#4): weak references
    uint16_t co_code_adaptive[];   // the bytecode, specialized in place by copy 0's thread
} FtCodeObject;

extern FtTypeObject ft_code_type;

static inline bool
ft_code_check(const FtObject *op)
{
    return op->ob_type == &ft_code_type;
}

// Everything a new code object is made from. The constructor takes new references to the objects.
typedef struct FtCodeSpec {
    FtObject *filename, *name, *qualname;   // str
    int flags, argcount, posonlyargcount, kwonlyargcount, stacksize, firstlineno;
    const uint16_t *code;                   // bytecode, code_units units (caches zeroed)
    Ft_ssize code_units;
    FtObject *consts;                       // tuple
    FtObject *names;                        // tuple of str
    FtObject *localsplusnames;              // tuple of str
    FtObject *localspluskinds;              // bytes
    FtObject *linetable, *exceptiontable;   // bytes
} FtCodeSpec;

// A new code object, or NULL with an exception (MemoryError, or ValueError/TypeError for an
// inconsistent spec). Any thread. Interns names and the str constants that look like identifiers,
// and makes the object use deferred reference counting.
FtObject *ft_code_new_ref(const FtCodeSpec *spec);

// The source positions of the instruction at code unit offset `unit` (an index into
// co_code_adaptive), decoded from the location table as code.co_positions() reports them.
// Missing values are -1 (CPython's None). Returns 0, or -1 if unit is out of range. Any thread.
int ft_code_positions(const FtCodeObject *code, Ft_ssize unit, int *line, int *end_line, int *col,
                      int *end_col);

// The line of code unit `unit` (-1 when it has none), as code.co_lines() / frame.f_lineno give it.
int ft_code_line(const FtCodeObject *code, Ft_ssize unit);

// Looks code unit `unit` up in the exception table. Returns 1 and fills the handler's unit offset,
// the value-stack depth to unwind to and whether to push the last instruction offset (lasti),
// or 0 when no handler covers it. Any thread.
int ft_code_find_handler(const FtCodeObject *code, Ft_ssize unit, Ft_ssize *handler, int *depth,
                         bool *push_lasti);

// The key under which a constant is stored and compared (CPython's _PyCode_ConstantKey): equal
// keys for constants that may share one co_consts slot; 0.0 and -0.0, 1 and 1.0 and True, and
// tuples, frozensets and slices containing them stay apart; any other object is keyed by identity.
// A new reference, or NULL with an exception. Any thread.
FtObject *ft_code_constant_key_ref(FtObject *value);

int ft_code_init_types(void);

#endif // FT_OBJECTS_CODE_H

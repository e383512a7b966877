// compiler/symtable.h: the symbol table pass (scopes of every name in a module's AST).
//
// ft_symtable_build() walks an AST (compiler/ast.h) twice, as CPython 3.14's Python/symtable.c
// does: pass 1 records raw facts per block (this name is bound here, used there, declared global,
// is a parameter, ...), pass 2 resolves each name's scope (local, global, free, cell), inlines
// list/set/dict comprehensions into their enclosing block (PEP 709) and adds the implicit
// __class__, __classdict__ and __conditional_annotations__ cells. The result equals what CPython's
// `symtable` module reports: block kinds, names, line numbers, children in order, symbols with
// CPython's flag bits (values below are CPython's) and varnames in order; or the same SyntaxError
// (message, line, offsets).
//
// Memory and concurrency: a table owns one FtArena holding every block, symbol and name (names are
// interned UTF-8 C strings: two equal names in one table are the same pointer). Building is done
// by one thread; the table is immutable once ft_symtable_build() returns, so any number of threads
// may read it with no locking. It refers to AST nodes only as opaque block keys (never reads them
// after the build), so the AST's arena may be freed first.
#ifndef FT_COMPILER_SYMTABLE_H
#define FT_COMPILER_SYMTABLE_H

#include <stddef.h>                 // ptrdiff_t

#include "compiler/arena.h"         // FtArena
#include "compiler/ast.h"           // FtAstMod, FtAstBuf
#include "compiler/syntax_error.h"  // FtSyntaxError

// Block kinds; the values are CPython's _Py_block_ty (what `_symtable.TYPE_*` reports).
typedef enum FtSymtableBlockType {
    FT_SYMTABLE_BLOCK_FUNCTION = 0,         // def, async def, lambda, comprehension
    FT_SYMTABLE_BLOCK_CLASS = 1,
    FT_SYMTABLE_BLOCK_MODULE = 2,
    FT_SYMTABLE_BLOCK_ANNOTATION = 3,       // __annotate__ (PEP 649/749)
    FT_SYMTABLE_BLOCK_TYPE_ALIAS = 4,       // the value of `type X = ...`
    FT_SYMTABLE_BLOCK_TYPE_PARAMETERS = 5,  // the scope around a generic def/class/alias
    FT_SYMTABLE_BLOCK_TYPE_VARIABLE = 6,    // a TypeVar bound/constraints or a default
} FtSymtableBlockType;

// Symbol flag bits (CPython's DEF_* values, Include/internal/pycore_symtable.h).
#define FT_SYMTABLE_DEF_GLOBAL 1        // `global` statement
#define FT_SYMTABLE_DEF_LOCAL 2         // bound in this block
#define FT_SYMTABLE_DEF_PARAM 4         // a parameter
#define FT_SYMTABLE_DEF_NONLOCAL 8      // `nonlocal` statement
#define FT_SYMTABLE_USE 16              // read in this block
#define FT_SYMTABLE_DEF_FREE_CLASS 64   // free in a method, bound in the class
#define FT_SYMTABLE_DEF_IMPORT 128      // bound by import
#define FT_SYMTABLE_DEF_ANNOT 256       // annotated (`x: T`)
#define FT_SYMTABLE_DEF_COMP_ITER 512   // a comprehension iteration variable
#define FT_SYMTABLE_DEF_TYPE_PARAM 1024 // a type parameter (PEP 695)
#define FT_SYMTABLE_DEF_COMP_CELL 2048  // a cell in an inlined comprehension
#define FT_SYMTABLE_DEF_BOUND \
    (FT_SYMTABLE_DEF_LOCAL | FT_SYMTABLE_DEF_PARAM | FT_SYMTABLE_DEF_IMPORT)

// The scope lives in bits 12..15 of a symbol's flags after the analysis.
#define FT_SYMTABLE_SCOPE_OFFSET 12
#define FT_SYMTABLE_SCOPE_MASK 15
#define FT_SYMTABLE_LOCAL 1
#define FT_SYMTABLE_GLOBAL_EXPLICIT 2
#define FT_SYMTABLE_GLOBAL_IMPLICIT 3
#define FT_SYMTABLE_FREE 4
#define FT_SYMTABLE_CELL 5

// Comprehension kinds of a function block (0 when the block is no comprehension).
typedef enum FtSymtableComprehension {
    FT_SYMTABLE_COMP_NONE = 0,
    FT_SYMTABLE_COMP_LIST = 1,
    FT_SYMTABLE_COMP_DICT = 2,
    FT_SYMTABLE_COMP_SET = 3,
    FT_SYMTABLE_COMP_GENERATOR = 4,
} FtSymtableComprehension;

typedef struct FtSymtableSymbol {
    const char *name;   // interned, mangled when the block mangles it
    long flags;         // DEF_* bits | scope << FT_SYMTABLE_SCOPE_OFFSET
    int removed;        // dropped by the analysis (an inlined comprehension's __class__)
} FtSymtableSymbol;

typedef struct FtSymtableEntry FtSymtableEntry;

// One block. All fields are immutable once ft_symtable_build() has returned.
struct FtSymtableEntry {
    FtSymtableBlockType type;
    const char *name;
    const void *key;                // the AST node (or derived key) the compiler looks it up by
    int lineno, col_offset, end_lineno, end_col_offset;
    FtSymtableSymbol *symbols;      // in insertion order (CPython's dict order)
    ptrdiff_t symbol_count;
    const char **varnames;          // parameters in order
    ptrdiff_t varname_count;
    FtSymtableEntry **children;     // after the analysis: inlined comprehensions spliced out
    ptrdiff_t child_count;
    FtSymtableComprehension comprehension;
    unsigned nested : 1;            // inside a function-like block
    unsigned generator : 1;
    unsigned coroutine : 1;
    unsigned varargs : 1;
    unsigned varkeywords : 1;
    unsigned returns_value : 1;
    unsigned needs_class_closure : 1;   // a class whose methods use __class__
    unsigned needs_classdict : 1;       // a class whose annotation/type scopes use __classdict__
    unsigned has_conditional_annotations : 1;
    unsigned comp_inlined : 1;          // a comprehension inlined into its parent (PEP 709)
    unsigned can_see_class_scope : 1;   // an annotation/type scope directly in a class
    unsigned method : 1;                // a function directly in a class
    unsigned has_docstring : 1;

    // Build-only state (owner thread, meaningless once the build returns).
    struct FtSymtableBuildState *build;
};

typedef struct FtSymtable {
    FtArena *arena;                 // owns everything below
    FtSymtableEntry *top;           // the module block, named "top"
    FtSymtableEntry **blocks;       // every block ever created, in creation order
    ptrdiff_t block_count;
    FtSymtableEntry **key_index;    // blocks by key (open addressing), for ft_symtable_lookup()
    ptrdiff_t key_index_cap;        // a power of two > block_count
    int future_annotations;         // `from __future__ import annotations` is in effect
} FtSymtable;

// Builds the symbol table of mod (a Module or an Expression). Returns the table, or NULL with
// *err filled in (a SyntaxError with CPython's message and 1-based line/offsets, or
// FT_SYNTAX_MEMORY_ERROR). err must be zeroed; the caller clears it. Any thread; mod is only read.
FtSymtable *ft_symtable_build(const FtAstMod *mod, FtSyntaxError *err);

// Frees a table from ft_symtable_build(). NULL is allowed. No reader may still be using it.
void ft_symtable_free(FtSymtable *st);

// The block whose key is key, or NULL. Keys (as CPython's compiler uses them): the FunctionDef /
// AsyncFunctionDef / ClassDef / TypeAlias statement, the Lambda or comprehension expression, the
// type_params sequence (the type-parameter scope), the arguments node (a def's __annotate__
// scope), a TypeVar/ParamSpec/TypeVarTuple node (its bound, or its default when it has no bound
// slot) and that node's address + 1 (a TypeVar's default), and the enclosing block's entry
// address + 1 (the __annotate__ scope of the `x: T` statements of a module/class/function).
// Any thread.
FtSymtableEntry *ft_symtable_lookup(const FtSymtable *st, const void *key);

// A symbol's flags in a block (with its scope bits), or 0 when the block has no such symbol.
// name need not be interned (a linear scan). Any thread.
long ft_symtable_get_symbol(const FtSymtableEntry *ste, const char *name);

// The scope (FT_SYMTABLE_LOCAL .. FT_SYMTABLE_CELL) of a name in a block, 0 when absent.
int ft_symtable_get_scope(const FtSymtableEntry *ste, const char *name);

// Private-name mangling as CPython's _Py_Mangle: "__x" in class "C" is "_C__x"; dunder names,
// dotted names and classes made only of underscores are left alone. Returns name itself or a new
// string in arena; NULL when out of memory. Any thread (the arena's owner).
const char *ft_symtable_mangle(const char *class_name, const char *name, FtArena *arena);

// Appends the canonical text dump of the table (the format scripts/compare_symtable.py prints
// from CPython's symtable module): one line per block and per symbol, symbols sorted by name.
// 0 on success, -1 when out of memory.
int ft_symtable_dump(FtAstBuf *buf, const FtSymtable *st);

#endif // FT_COMPILER_SYMTABLE_H

// compiler/symtable_internal.h: what compiler/symtable.c (tables, analysis) and
// compiler/symtable_visit.c (pass 1 over the AST) share while a table is being built.
//
// Everything here belongs to one build and is used by the building thread only; the builder and
// the per-block build states die with the build (the build states live in the table's arena but
// are never read again).
#ifndef FT_COMPILER_SYMTABLE_INTERNAL_H
#define FT_COMPILER_SYMTABLE_INTERNAL_H

#include <stddef.h>                 // ptrdiff_t
#include <stdint.h>                 // int32_t, uintptr_t

#include "compiler/arena.h"         // FtArena
#include "compiler/ast.h"           // FtAstExpr, FtAstStmt
#include "compiler/symtable.h"      // FtSymtable, FtSymtableEntry

// A set of interned names (pointer identity), open addressing in an arena. Slots hold NULL
// (empty), FT_SYMTABLE_SET_TOMB (deleted) or a name. count counts live names.
typedef struct FtSymtableNameSet {
    const char **slots;
    ptrdiff_t cap;      // 0 or a power of two
    ptrdiff_t count;
    ptrdiff_t used;     // live + tombstones
} FtSymtableNameSet;

extern const char ft_symtable_set_tomb[1];
#define FT_SYMTABLE_SET_TOMB (ft_symtable_set_tomb)

typedef struct FtSymtableLoc {
    int lineno, col_offset, end_lineno, end_col_offset;
} FtSymtableLoc;

typedef struct FtSymtableDirective {
    const char *name;   // mangled, interned
    FtSymtableLoc loc;
} FtSymtableDirective;

struct FtSymtableBuildState {
    int32_t *index;                     // symbol hash index: slot -> symbol position + 1, 0 empty
    ptrdiff_t index_cap;                // power of two, > 2 * symbol_count
    ptrdiff_t symbol_cap, varname_cap, child_cap;
    FtSymtableDirective *directives;    // global/nonlocal statements, for error positions
    ptrdiff_t directive_count, directive_cap;
    FtSymtableNameSet *mangled_names;   // type-param scope of a generic class: names to mangle
    FtSymtableEntry *annotation_block;  // this block's __annotate__ for `x: T` statements
    const char *scope_info;             // "a TypeVar bound", ... for error messages
    int comp_iter_expr;                 // > 0 inside a comprehension's iterable expression
    unsigned comp_iter_target : 1;      // visiting a comprehension's target
    unsigned in_conditional_block : 1;
    unsigned in_unevaluated_annotation : 1;
    unsigned char *scopes;              // analysis: scope per symbol (parallel to symbols)
};

typedef struct FtSymtableBuilder {
    FtSymtable *st;
    FtArena *arena;                     // st->arena
    FtSyntaxError *err;
    FtSymtableEntry **stack;            // open blocks, innermost last
    ptrdiff_t depth, stack_cap;
    FtSymtableEntry *cur;               // stack top, or NULL
    FtSymtableEntry *global;            // the module block
    const char *private_name;           // the enclosing class's name (for mangling), or NULL
    ptrdiff_t block_cap;
    FtSymtableLoc future_loc;           // the last `from __future__` of the file's prologue
    int recursion;                      // visit depth, bounded by FT_SYMTABLE_MAX_DEPTH
    uintptr_t stack_base;               // an address in the outermost visit's frame
    const char **intern_slots;          // interned names (open addressing)
    ptrdiff_t intern_cap, intern_count;
    // Interned well-known names.
    const char *n_top, *n_lambda, *n_genexpr, *n_listcomp, *n_setcomp, *n_dictcomp;
    const char *n_class, *n_classdict, *n_cond_annotations, *n_format, *n_dot_type_params;
    const char *n_generic_base, *n_defaults, *n_kwdefaults, *n_type_params, *n_annotate;
    const char *n_super, *n_dot0;
} FtSymtableBuilder;

// Nesting limit of the visitors: deeper trees give RecursionError "Stack overflow (used N kB)
// during compilation" as in CPython (whose limit is the C stack itself). The same depth as the
// dump printer's, FT_AST_DUMP_MAX_DEPTH, so a tree ftpy-ast prints is one the symtable accepts.
#define FT_SYMTABLE_MAX_DEPTH 20000

// Records an out-of-memory error. Always returns -1.
int ft_symtable_error_memory(FtSymtableBuilder *b);
// Records a SyntaxError at loc (CPython's columns: byte offset + 1). Always returns -1.
__attribute__((format(printf, 3, 4))) int
ft_symtable_error_at(FtSymtableBuilder *b, FtSymtableLoc loc, const char *fmt, ...);

// Returns the interned copy of name (len bytes), or NULL when out of memory (error recorded).
const char *ft_symtable_intern_n(FtSymtableBuilder *b, const char *name, size_t len);
const char *ft_symtable_intern(FtSymtableBuilder *b, const char *name);

// Name sets (allocated in the builder's arena or a scratch arena).
int ft_symtable_set_add(FtSymtableNameSet *set, const char *name, FtArena *arena);
int ft_symtable_set_contains(const FtSymtableNameSet *set, const char *name);
int ft_symtable_set_discard(FtSymtableNameSet *set, const char *name);

// Symbols of a block (names interned). lookup returns the position or -1.
ptrdiff_t ft_symtable_entry_find(const FtSymtableEntry *ste, const char *name);
// Symbol flags without scope bits, 0 when absent.
long ft_symtable_entry_flags(const FtSymtableEntry *ste, const char *name);

// Creates a block (not yet entered, not yet anyone's child). NULL when out of memory.
FtSymtableEntry *ft_symtable_entry_new(FtSymtableBuilder *b, const char *name,
                                       FtSymtableBlockType type, const void *key,
                                       FtSymtableLoc loc);
// CPython's symtable_enter_block / symtable_enter_existing_block / symtable_exit_block. Re-entering
// a block (a second annotation of the same body) passes add_to_children 0.
int ft_symtable_enter_block(FtSymtableBuilder *b, const char *name, FtSymtableBlockType type,
                            const void *key, FtSymtableLoc loc);
int ft_symtable_enter_existing_block(FtSymtableBuilder *b, FtSymtableEntry *ste,
                                     int add_to_children);
void ft_symtable_exit_block(FtSymtableBuilder *b);

// The name as the current block stores it (mangled or not); NULL when out of memory.
const char *ft_symtable_maybe_mangle(FtSymtableBuilder *b, const FtSymtableEntry *ste,
                                     const char *name);
// Flags of name (mangled as the current block would) in ste.
long ft_symtable_lookup_entry(FtSymtableBuilder *b, const FtSymtableEntry *ste,
                              const char *name, int *failed);
// Adds flag to name in ste (CPython's symtable_add_def_helper). 0 or -1.
int ft_symtable_add_def_helper(FtSymtableBuilder *b, const char *name, long flag,
                               FtSymtableEntry *ste, FtSymtableLoc loc);
// Adds flag to name in the current block, checking assignments to __debug__. 0 or -1.
int ft_symtable_add_def_ctx(FtSymtableBuilder *b, const char *name, long flag, FtSymtableLoc loc,
                            FtAstExprContext ctx);
int ft_symtable_add_def(FtSymtableBuilder *b, const char *name, long flag, FtSymtableLoc loc);
// Records a global/nonlocal directive of the current block. 0 or -1.
int ft_symtable_record_directive(FtSymtableBuilder *b, const char *name, FtSymtableLoc loc);

// Pass 1 entry points (compiler/symtable_visit.c).
int ft_symtable_visit_module(FtSymtableBuilder *b, const FtAstMod *mod);
// Pass 2 (compiler/symtable.c).
int ft_symtable_analyze(FtSymtableBuilder *b);

static inline int
ft_symtable_is_function_like(const FtSymtableEntry *ste)
{
    return ste->type == FT_SYMTABLE_BLOCK_FUNCTION || ste->type == FT_SYMTABLE_BLOCK_ANNOTATION
        || ste->type == FT_SYMTABLE_BLOCK_TYPE_VARIABLE
        || ste->type == FT_SYMTABLE_BLOCK_TYPE_ALIAS
        || ste->type == FT_SYMTABLE_BLOCK_TYPE_PARAMETERS;
}

#endif // FT_COMPILER_SYMTABLE_INTERNAL_H

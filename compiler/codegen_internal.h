// compiler/codegen_internal.h: the code generator's private interface (CPython's Python/codegen.c and
// the compiler-unit half of Python/compile.c), shared by the compiler/codegen*.c files.
//
// The code generator walks the AST of one module with its symbol table and emits, per code unit
// (module, class body, function, lambda, generator expression, annotation scope, type-parameter
// scope), an FtInstrSequence of CPython 3.14's instructions and pseudo-instructions, then hands it to
// the assembler (compiler/assemble.h). Its output aims to be the instruction stream CPython 3.14's
// codegen produces for the same source, instruction for instruction.
//
// Files: codegen.c (units, scopes, name resolution, emit helpers, closures, listings),
// codegen_function.c (functions, classes, lambdas, annotations, decorators, docstrings),
// codegen_stmt.c (simple statements, if/while/for,
// assignment forms, import, assert, raise, return/break/continue), codegen_expr.c (every expression
// except those below), codegen_block.c (frame blocks and unwinding, try/except/finally, except*,
// with/async with, async for), codegen_comprehension.c (inlined list/set/dict comprehensions,
// generator expressions), codegen_pattern.c (match), codegen_fstring.c (f-strings and t-strings),
// codegen_yield.c (yield, yield from, await). compile.c holds the public entry (compiler/compile.h).
//
// Errors: every function returns 0 on success and -1 with a Python exception set. A SyntaxError
// raised after parsing goes through ft_cg_error(), which fills in the location.
//
// Concurrency: one compilation runs on one thread and owns all of this state.
#ifndef FT_COMPILER_CODEGEN_INTERNAL_H
#define FT_COMPILER_CODEGEN_INTERNAL_H

#include <stdbool.h>   // bool

#include "compiler/arena.h"            // FtArena
#include "compiler/compile.h"          // FtCompileMode
#include "compiler/ast.h"              // FtAstExpr FtAstStmt FtAstSeq FtAstConstant
#include "compiler/instr_sequence.h"   // FtInstrSequence FtCodeUnitMetadata FtLocation FtLabel
#include "compiler/symtable.h"         // FtSymtable FtSymtableEntry
#include "runtime/object.h"            // FtObject

// The kind of code unit being compiled (CPython's COMPILE_SCOPE_*).
typedef enum FtCgScope {
    FT_CG_SCOPE_MODULE,
    FT_CG_SCOPE_CLASS,
    FT_CG_SCOPE_FUNCTION,
    FT_CG_SCOPE_ASYNC_FUNCTION,
    FT_CG_SCOPE_LAMBDA,
    FT_CG_SCOPE_COMPREHENSION,
    FT_CG_SCOPE_ANNOTATIONS,
    FT_CG_SCOPE_TYPEPARAMS,
} FtCgScope;

// Frame blocks: the statements that break/continue/return must unwind through (CPython's
// fblocktype). codegen_block.c owns their meaning.
typedef enum FtCgFBlockType {
    FT_CG_FBLOCK_WHILE_LOOP,
    FT_CG_FBLOCK_FOR_LOOP,
    FT_CG_FBLOCK_TRY_EXCEPT,
    FT_CG_FBLOCK_FINALLY_TRY,
    FT_CG_FBLOCK_FINALLY_END,
    FT_CG_FBLOCK_WITH,
    FT_CG_FBLOCK_ASYNC_WITH,
    FT_CG_FBLOCK_HANDLER_CLEANUP,
    FT_CG_FBLOCK_POP_VALUE,
    FT_CG_FBLOCK_EXCEPTION_HANDLER,
    FT_CG_FBLOCK_EXCEPTION_GROUP_HANDLER,
    FT_CG_FBLOCK_ASYNC_COMPREHENSION_GENERATOR,
    FT_CG_FBLOCK_STOP_ITERATION,
} FtCgFBlockType;

typedef struct FtCgFBlock {
    FtCgFBlockType type;
    FtLabel block;
    FtLabel exit;
    FtLocation loc;
    const void *datum;   // the finally body (FtAstSeq *) of FINALLY_TRY, the handler name, ...
} FtCgFBlock;

// CPython's CO_MAXBLOCKS: deeper nesting is "too many statically nested blocks".
#define FT_CG_MAX_FBLOCKS 21

// One code unit being compiled; units nest (a def inside a class inside a module) through parent.
typedef struct FtCgUnit {
    FtSymtableEntry *ste;
    FtCgScope scope;
    FtCodeUnitMetadata metadata;
    FtInstrSequence seq;
    FtObject *private_name;        // str: the enclosing class's name, for mangling; or NULL
    FtObject *static_attributes;   // NULL or a dict str -> None: `self.x = ...` names (class bodies)
    FtObject *deferred_annotations;  // NULL or a list of AnnAssign nodes (wrapped), PEP 649
    FtObject *conditional_annotation_indices;  // NULL or list (PEP 649 conditional annotations)
    int next_conditional_annotation_index;
    int in_inlined_comp;           // > 0 while compiling an inlined comprehension's body
    bool in_async_comprehension;
    int in_conditional_block;      // > 0 inside if/for/while/try/with/match (PEP 649 conditional
                                   // annotations: CPython's u_in_conditional_block)
    FtObject *const_list;          // list: co_consts candidates in index order (metadata.consts
                                   // maps their keys to these indices)
    FtCgFBlock fblocks[FT_CG_MAX_FBLOCKS];
    int nfblocks;
    struct FtCgUnit *parent;
} FtCgUnit;

typedef struct FtCompiler {
    FtObject *filename;      // str
    FtSymtable *st;
    FtArena *arena;          // the AST's arena (also usable for scratch)
    FtCgUnit *u;             // the unit being compiled (innermost)
    int nesting;             // number of units on the stack
    int optimize;            // 0, 1 or 2 (-O level): asserts and docstrings
    int flags;               // FT_CF_* (compiler/compile.h)
    bool interactive;        // 'single' mode: PRINT_EXPR via CALL_INTRINSIC_1
    bool future_annotations; // `from __future__ import annotations`
    FtObject *const_cache;   // dict: constant key -> the one shared constant object
    int depth;               // nesting of ft_cg_visit_expr calls in progress (bounded)
    struct FtAstBuf *listing;  // NULL, or: append each unit's instruction listing instead of
                               // assembling (ft_compile_listing_ref; tests and tools)
    bool listing_raw;          // the listing's raw form (see ft_compile_listing_ref)
} FtCompiler;

// The location of a node (the parser's 1-based lines and 0-based UTF-8 byte columns).
FtLocation ft_cg_loc_expr(const FtAstExpr *e);
FtLocation ft_cg_loc_stmt(const FtAstStmt *s);

// Emitting (codegen.c).

// Appends an instruction without argument / with oparg to the current unit.
int ft_cg_addop(FtCompiler *c, FtLocation loc, int opcode);
int ft_cg_addop_i(FtCompiler *c, FtLocation loc, int opcode, int oparg);
// A jump or SETUP_* to label.
int ft_cg_addop_jump(FtCompiler *c, FtLocation loc, int opcode, FtLabel target);
FtLabel ft_cg_new_label(FtCompiler *c);
int ft_cg_use_label(FtCompiler *c, FtLabel label);
// LOAD_CONST / LOAD_SMALL_INT for a Python constant (borrowed), sharing equal constants.
int ft_cg_addop_load_const(FtCompiler *c, FtLocation loc, FtObject *value);
// A new label in *label: 0, or -1 (MemoryError) when none could be made.
static inline int
ft_cg_new_label_checked(FtCompiler *c, FtLabel *label)
{
    *label = ft_cg_new_label(c);
    return label->id < 0 ? -1 : 0;
}
// LOAD_CONST None.
int ft_cg_addop_load_none(FtCompiler *c, FtLocation loc);
// An opcode whose oparg indexes co_names (LOAD_ATTR, IMPORT_NAME, ...), name mangled in the unit.
// For LOAD_ATTR / LOAD_GLOBAL / LOAD_SUPER_ATTR the caller shifts/sets the low bits as CPython.
int ft_cg_addop_name(FtCompiler *c, FtLocation loc, int opcode, const char *name);
// The same with CPython's oparg encoding applied: index << shift | low_bits (LOAD_ATTR: shift 1,
// low bit 1 = method; LOAD_SUPER_ATTR: shift 2; LOAD_GLOBAL: shift 1, low bit 1 = push NULL).
int ft_cg_addop_name_bits(FtCompiler *c, FtLocation loc, int opcode, const char *name, int shift,
                          int low_bits);
// name mangled with the current unit's private name (CPython's _PyCompile_MaybeMangle): name itself
// or a string in the compiler's arena; NULL with MemoryError.
const char *ft_cg_mangle(FtCompiler *c, const char *name);
// The index of name in co_names (added when new), or -1 with MemoryError.
int ft_cg_name_index(FtCompiler *c, const char *name);
// The index of a constant in co_consts (added when new), or -1.
int ft_cg_const_index(FtCompiler *c, FtObject *value);

// Loads (ctx FT_AST_LOAD), stores or deletes a name, choosing LOAD_FAST / LOAD_DEREF /
// LOAD_GLOBAL / LOAD_NAME / LOAD_FROM_DICT_OR_* / ... from the symbol table as CPython's
// compiler_nameop, including mangling and the __debug__ / None checks.
int ft_cg_nameop(FtCompiler *c, FtLocation loc, const char *name, int ctx);

// A SyntaxError at loc with a printf-style message (CPython's _PyCompile_Error). Returns -1.
int ft_cg_error(FtCompiler *c, FtLocation loc, const char *fmt, ...);
// A SyntaxWarning (TODO(#4): warnings module; today it is dropped). Returns 0 or -1.
int ft_cg_warn(FtCompiler *c, FtLocation loc, const char *fmt, ...);

// The Python object for an AST constant (int, float, complex, str, bytes, None, True, False,
// Ellipsis, or a tuple/frozenset the optimizer folded). A new reference, or NULL.
FtObject *ft_cg_constant_ref(FtCompiler *c, const FtAstConstant *value);

// Units and scopes (codegen.c).

// Pushes a new unit for the block keyed by key (symtable key) and makes it current.
int ft_cg_enter_scope(FtCompiler *c, const char *name, FtCgScope scope, const void *key, int lineno,
                      FtObject *private_name, const FtCodeUnitMetadata *umd);
// Pops the current unit (its sequence must have been assembled or abandoned).
void ft_cg_exit_scope(FtCompiler *c);
// Assembles the current unit into a code object. As CPython's _PyCompile_OptimizeAndAssemble it
// first appends RETURN_VALUE (artificial location), preceded by `LOAD_CONST None` when add_none is
// set. A new reference, or NULL.
FtObject *ft_cg_optimize_and_assemble(FtCompiler *c, bool add_none);
// Emits the code that makes a function from code (LOAD_CONST code, MAKE_FUNCTION, closure cells
// through LOAD_FAST/BUILD_TUPLE and SET_FUNCTION_ATTRIBUTE); flags: FT_FUNCTION_ATTR_* already
// pushed below the code (defaults, kwdefaults, annotations, annotate).
int ft_cg_make_closure(FtCompiler *c, FtLocation loc, FtObject *code, int flags);
// The FT_CO_* flags of the current unit (CO_OPTIMIZED, CO_NEWLOCALS, CO_GENERATOR, ...).
int ft_cg_compute_code_flags(FtCompiler *c);
// True for the scopes whose names are fast locals (function, lambda, comprehension, annotation,
// type-parameter and type-alias blocks): CPython's _PyST_IsFunctionLike.
bool ft_cg_is_function_like(const FtSymtableEntry *ste);
// The current unit's scope of name after mangling (FT_SYMTABLE_LOCAL .. CELL, 0 when unknown).
int ft_cg_get_ref_type(FtCompiler *c, const char *name);

// Function-like units (codegen_function.c).

int ft_cg_function_def(FtCompiler *c, const FtAstStmt *s, bool is_async);
int ft_cg_class_def(FtCompiler *c, const FtAstStmt *s);
int ft_cg_type_alias(FtCompiler *c, const FtAstStmt *s);
int ft_cg_lambda(FtCompiler *c, const FtAstExpr *e);
// A module/class body: docstring to __doc__, the statements, then the deferred (PEP 649)
// annotations into __annotate__. CPython's codegen_body.
int ft_cg_body(FtCompiler *c, FtLocation loc, const FtAstSeq *stmts, bool is_interactive);
// Records an annotated simple name of a module/class body for its __annotate__; *index receives
// the conditional-annotation index (>= 0) or -1 when the annotation is unconditional.
int ft_cg_add_deferred_annotation(FtCompiler *c, const FtAstStmt *s, int *index);
// An annotation as a string (`from __future__ import annotations`): LOAD_CONST of its source text.
int ft_cg_annotation_as_string(FtCompiler *c, const FtAstExpr *annotation);

// Statements and expressions (codegen_stmt.c, codegen_expr.c).

int ft_cg_visit_stmt(FtCompiler *c, const FtAstStmt *s);
int ft_cg_visit_body(FtCompiler *c, const FtAstSeq *stmts);   // a docstring is not special here
int ft_cg_visit_expr(FtCompiler *c, const FtAstExpr *e);
// Jumps to target when the truth of e equals cond, without materializing a bool where CPython
// avoids it (and/or/not/compare chains): CPython's codegen_jump_if.
int ft_cg_jump_if(FtCompiler *c, FtLocation loc, const FtAstExpr *e, FtLabel target, bool cond);
// CPython's update_start_location_to_match_attr: a multi-line attribute access starts at its name.
FtLocation ft_cg_attr_loc(FtLocation loc, const FtAstExpr *attr);
// A non-constant slice without a step: compiled as BINARY_SLICE / STORE_SLICE.
bool ft_cg_is_two_element_slice(const FtAstExpr *s);
// Pushes a slice's lower and upper bounds (None for a missing one).
int ft_cg_slice_two_parts(FtCompiler *c, const FtAstExpr *s);
// The index of name in a str -> index dict, or -1 (no exception) when absent.
int ft_cg_dict_lookup_name(FtObject *dict, const char *name);
// LOAD_CONST of a new reference (NULL: an error already set), which is dropped.
int ft_cg_addop_load_const_steal(FtCompiler *c, FtLocation loc, FtObject *value);
// A str from the parser's UTF-8 (lone surrogates in their 3-byte form). A new reference.
FtObject *ft_cg_str_from_utf8_ref(const char *s, size_t len);
// The index of name in one of the unit's str -> index dicts (names, varnames, cellvars,
// freevars), adding it when absent (CPython's _PyCompile_DictAddObj). -1 with an exception.
int ft_cg_dict_add_name(FtObject *dict, const char *name);
// Stores the value on top of the stack into an assignment target (Name, Attribute, Subscript,
// Tuple/List unpacking with one starred element, Starred).
int ft_cg_visit_store_target(FtCompiler *c, const FtAstExpr *target);
// Compiles a call's arguments after the callable (and NULL/self) is on the stack, choosing CALL,
// CALL_KW or CALL_FUNCTION_EX as CPython's codegen_call_helper; n_already is the count of
// positional arguments already pushed (class bases after __build_class__'s two).
int ft_cg_call_helper(FtCompiler *c, FtLocation loc, int n_already, const FtAstSeq *args,
                      const FtAstSeq *keywords);
// The same with the value of the name `injected` loaded as the last positional argument (a
// generic class's .generic_base).
int ft_cg_call_helper_injected(FtCompiler *c, FtLocation loc, int n_already, const FtAstSeq *args,
                               const char *injected, const FtAstSeq *keywords);

// Frame blocks and exception handling (codegen_block.c).

int ft_cg_push_fblock(FtCompiler *c, FtLocation loc, FtCgFBlockType type, FtLabel block, FtLabel exit,
                      const void *datum);
void ft_cg_pop_fblock(FtCompiler *c, FtCgFBlockType type, FtLabel block);
// Emits the unwinding of every frame block up to (not including) the innermost loop, or all of them
// when loop is NULL (return), preserving the top of stack when preserve_tos; *loop receives the
// innermost loop block (NULL when there is none). CPython's codegen_unwind_fblock_stack.
int ft_cg_unwind_fblock_stack(FtCompiler *c, FtLocation *loc, bool preserve_tos, FtCgFBlock **loop);
int ft_cg_try(FtCompiler *c, const FtAstStmt *s);        // Try (except and/or finally)
int ft_cg_try_star(FtCompiler *c, const FtAstStmt *s);   // TryStar
int ft_cg_with(FtCompiler *c, const FtAstStmt *s, int pos);        // With, from item pos
int ft_cg_async_with(FtCompiler *c, const FtAstStmt *s, int pos);
int ft_cg_async_for(FtCompiler *c, const FtAstStmt *s);

// Other expression families.

int ft_cg_comprehension(FtCompiler *c, const FtAstExpr *e);   // ListComp SetComp DictComp GeneratorExp
int ft_cg_match(FtCompiler *c, const FtAstStmt *s);            // Match
int ft_cg_joined_str(FtCompiler *c, const FtAstExpr *e);       // JoinedStr
int ft_cg_formatted_value(FtCompiler *c, const FtAstExpr *e);  // FormattedValue
int ft_cg_template_str(FtCompiler *c, const FtAstExpr *e);     // TemplateStr
int ft_cg_interpolation(FtCompiler *c, const FtAstExpr *e);    // Interpolation
int ft_cg_yield(FtCompiler *c, const FtAstExpr *e);            // Yield
int ft_cg_yield_from(FtCompiler *c, const FtAstExpr *e);       // YieldFrom
int ft_cg_await(FtCompiler *c, const FtAstExpr *e);            // Await
// The `yield from` / `await` loop on the stack's top two items (CPython's codegen_add_yield_from).
int ft_cg_add_yield_from(FtCompiler *c, FtLocation loc, bool await);

// Added by codegen_block / comprehension / pattern files.

// Emits the unwinding of one frame block (CPython's codegen_unwind_fblock): what break needs for
// the loop block that ft_cg_unwind_fblock_stack() returned in *loop, and what return / break /
// continue emit for every block they leave. May set *loc to FT_NO_LOCATION (the code after a
// finally body or a with-exit call has no line of its own). 0, or -1 with an exception set.
int ft_cg_unwind_fblock(FtCompiler *c, FtLocation *loc, const FtCgFBlock *info, bool preserve_tos);

// Entry for tests and tools (compile.c): compiles like ft_compile_source_ref but, instead of
// assembling, lists every unit's instruction sequence, innermost units first (the order units
// complete), each as a line "== <qualname> flags=<co_flags> argcount=<n> posonly=<n> kwonly=<n>"
// (followed by " module-annotate" for a module's __annotate__)
// then "L<id>:" lines where labels are placed and one line per instruction:
//   symbolic (raw false): "  OPNAME ARG" (ARG: a constant's repr, <code QUALNAME> for a nested
//     unit, a name, a local's name, "L<id>" for a jump target, or the integer);
//   raw (raw true): "  OPNAME OPARG @lineno,end_lineno,col,end_col" with jump targets as
//     instruction indices, every other oparg as its integer, OPARG left out for opcodes without
//     an argument (the form of CPython's _testinternalcapi.compiler_codegen), and for LOAD_CONST
//     " = " and the constant as in the symbolic form.
// A module's __annotate__ sequence comes first, between "-- annotations:" and "-- body:" lines.
// Returns a new str, or NULL with the exception set. Any attached thread.
FtObject *ft_compile_listing_ref(const char *source, Ft_ssize len, FtObject *filename, FtCompileMode mode,
                                 int flags, int optimize, bool raw);

#endif // FT_COMPILER_CODEGEN_INTERNAL_H

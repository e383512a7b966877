// compiler/compile.h: the compiler's entry points (CPython's Python/compile.c and pythonrun.c's
// compile half): source text to a code object, through tokenizer, parser, symtable, code generator,
// flowgraph optimizer and assembler.
//
// Errors are Python exceptions set on the calling thread: SyntaxError / IndentationError / TabError
// with CPython's attributes (msg, filename, lineno, offset, text, end_lineno, end_offset), and the
// errors CPython raises after parsing ("'return' outside function", "nonlocal declaration not
// allowed at module level", "duplicate argument 'x' in function definition", ...) with CPython's
// message and position; MemoryError or RecursionError where CPython raises those.
//
// Concurrency: any number of threads may compile at once; a compilation touches only its own
// arena, tables and the new objects it creates. Needs an attached thread state.
#ifndef FT_COMPILER_COMPILE_H
#define FT_COMPILER_COMPILE_H

#include "runtime/object.h"   // FtObject Ft_ssize

typedef enum FtCompileMode {
    FT_COMPILE_EXEC = 0,     // 'exec': a module
    FT_COMPILE_EVAL = 1,     // 'eval': one expression
    FT_COMPILE_SINGLE = 2,   // 'single': one interactive statement (expression values printed)
} FtCompileMode;

// compile() flag bits (CPython's PyCF_* values, which the `ast` and `__future__` modules expose).
enum {
    FT_CF_SOURCE_IS_UTF8 = 0x0100,          // source came from a str: ignore the coding cookie
    FT_CF_DONT_IMPLY_DEDENT = 0x0200,
    FT_CF_ONLY_AST = 0x0400,                 // TODO(#4): needs the _ast module
    FT_CF_IGNORE_COOKIE = 0x0800,
    FT_CF_TYPE_COMMENTS = 0x1000,
    FT_CF_ALLOW_TOP_LEVEL_AWAIT = 0x2000,
    FT_CF_ALLOW_INCOMPLETE_INPUT = 0x4000,
    FT_CF_OPTIMIZED_AST = 0x8000 | 0x0400,
    FT_CF_FUTURE_ANNOTATIONS = 0x1000000,    // CO_FUTURE_ANNOTATIONS
    FT_CF_FUTURE_BARRY_AS_BDFL = 0x400000,   // CO_FUTURE_BARRY_AS_BDFL
};

// Compiles source (len bytes; NUL-terminated at len) read from filename (a str, used for error
// attributes and co_filename) into a code object. optimize: -1 = the interpreter's -O level, 0, 1
// or 2 (as compile()). Returns a new code object, or NULL with the exception set.
FtObject *ft_compile_source_ref(const char *source, Ft_ssize len, FtObject *filename, FtCompileMode mode,
                                int flags, int optimize);

// The interpreter's optimization level (-O count), which optimize=-1 selects. Set once at start-up.
void ft_compile_set_default_optimize(int level);

#endif // FT_COMPILER_COMPILE_H

// compiler/ast.h: ftpy's abstract syntax tree (the interface; the node types are generated).
//
// The node structs, kinds and constructors come from compiler/ast.asdl through
// compiler/gen/gen_ast.py (compiler/generated/ast.gen.h). This header adds what the generator
// treats as built-in: sequences, constants (the value of a Constant node, which must print as the
// Python object CPython's parser would have built) and the text buffer the dump printer writes to.
//
// Memory and concurrency: every node, sequence and constant lives in the FtArena of the parse that
// built it and dies with it. A tree is built by one thread; after the parse returns it is immutable
// and may be read from any number of threads with no locking (nothing in it is ever written again).
#ifndef FT_COMPILER_AST_H
#define FT_COMPILER_AST_H

#include <stdarg.h>            // va_list
#include <stddef.h>            // size_t, ptrdiff_t
#include <stdint.h>            // uintptr_t

#include "compiler/arena.h"    // FtArena, ft_arena_alloc

// A sequence of node pointers (or of identifiers, or of small enum values cast to pointers for
// cmpop*). Elements of an `expr?*` sequence may be NULL. Immutable once the parse returns.
typedef struct FtAstSeq {
    ptrdiff_t size;
    void *items[];
} FtAstSeq;

// Returns a new sequence of size elements (all NULL) in arena, or NULL when out of memory.
FtAstSeq *ft_ast_seq_new(ptrdiff_t size, FtArena *arena);

typedef enum FtAstConstantKind {
    FT_AST_CONST_NONE = 1,
    FT_AST_CONST_TRUE,
    FT_AST_CONST_FALSE,
    FT_AST_CONST_ELLIPSIS,
    FT_AST_CONST_INT,      // data: decimal digits, no sign, no leading zeros (arbitrary precision)
    FT_AST_CONST_FLOAT,    // number
    FT_AST_CONST_COMPLEX,  // number is the imaginary part; a literal's real part is always 0.0
    FT_AST_CONST_STR,      // data/len: the value in UTF-8; lone surrogates use the 3-byte form
    FT_AST_CONST_BYTES,    // data/len: the bytes
} FtAstConstantKind;

// The value of a Constant (and of MatchSingleton / Interpolation.str). data is NUL-terminated for
// convenience but may contain NULs (len is authoritative). Immutable after construction.
typedef struct FtAstConstant {
    FtAstConstantKind kind;
    double number;
    const char *data;
    size_t len;
} FtAstConstant;

// Returns a new constant in arena (data is copied), or NULL when out of memory.
FtAstConstant *ft_ast_constant_new(FtAstConstantKind kind, double number, const char *data,
                                   size_t len, FtArena *arena);

// A growable text buffer (mimalloc). Owned by one thread. A failed append leaves the buffer
// unchanged and returns -1; the buffer stays usable and must still be freed.
typedef struct FtAstBuf {
    char *data;     // NUL-terminated when non-NULL
    size_t len;
    size_t cap;
    int depth;      // nesting of the dump printer's calls in progress (bounded, see below)
    int too_deep;   // set when a dump stopped at FT_AST_DUMP_MAX_DEPTH (RecursionError, not OOM)
    uintptr_t stack_base;   // address in the outermost dump call's frame
    uintptr_t stack_used;   // bytes of stack the dump had used when too_deep was set
} FtAstBuf;

// Deepest node nesting the dump printers walk. A deeper tree (a chain of 200,000 `+` is one the
// parser builds without recursing) makes ft_ast_dump_*() return -1 with buf->too_deep set, where
// CPython raises RecursionError; ft_ast_dump_error() gives CPython's message. Each level costs
// two small C frames, so this stays far below an 8 MB stack.
#define FT_AST_DUMP_MAX_DEPTH 20000

// The RecursionError message for a dump that stopped with buf->too_deep set, in CPython's form
// "Stack overflow (used N kB) during compilation" (N: the stack the dump had used), written into
// out (size bytes, always NUL-terminated). Returns out. Any thread.
const char *ft_ast_dump_error(const FtAstBuf *buf, char *out, size_t size);

// Appends len bytes of text. 0 on success, -1 when out of memory.
int ft_ast_buf_append(FtAstBuf *buf, const char *text, size_t len);
// Appends printf-formatted text. 0 on success, -1 when out of memory.
__attribute__((format(printf, 2, 3))) int ft_ast_buf_printf(FtAstBuf *buf, const char *fmt, ...);
// Frees the buffer's memory and resets it to empty.
void ft_ast_buf_free(FtAstBuf *buf);

// Appends Python's repr() of the str whose UTF-8 text is utf8[0..len) (quote choice, escapes and
// the printable test exactly as CPython 3.14). 0 on success, -1 when out of memory. Any thread.
int ft_ast_repr_str(FtAstBuf *buf, const char *utf8, size_t len);
// Appends repr() of a bytes value. Same convention.
int ft_ast_repr_bytes(FtAstBuf *buf, const char *data, size_t len);
// Appends repr() of a float (shortest round-trip digits, CPython's layout rules). Same convention.
int ft_ast_repr_float(FtAstBuf *buf, double value);
// Appends repr() of a constant of any kind. Same convention.
int ft_ast_repr_constant(FtAstBuf *buf, const FtAstConstant *value);

// Converts an integer literal's text (with an optional 0x/0o/0b prefix and underscores) to decimal
// digits in arena. Returns NULL when out of memory or when text is not a valid literal.
const char *ft_ast_int_to_decimal(const char *text, size_t len, FtArena *arena);

#include "compiler/generated/ast.gen.h"  // the node types, constructors and dump printers

#endif // FT_COMPILER_AST_H

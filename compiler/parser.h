// compiler/parser.h: parsing Python 3.14 source into an AST (compiler/ast.h).
//
// The parser is a PEG parser generated from compiler/python.gram by compiler/gen/gen_parser.py; it
// reads tokens from compiler/tokenizer.h. A parse is single-threaded and shares nothing mutable
// with other parses, so any number of threads may parse at once. The tree lives in the caller's
// arena and is immutable (hence freely shareable between threads) once the call returns.
#ifndef FT_COMPILER_PARSER_H
#define FT_COMPILER_PARSER_H

#include <stddef.h>                 // size_t

#include "compiler/arena.h"         // FtArena
#include "compiler/ast.h"           // FtAstMod
#include "compiler/syntax_error.h"  // FtSyntaxError

typedef enum FtParseMode {
    FT_PARSE_FILE = 1,   // a module (compile(..., 'exec')): returns a Module
    FT_PARSE_EVAL,       // one expression (compile(..., 'eval')): returns an Expression
} FtParseMode;

// Parses len bytes of source file contents (PEP 263 decoding: BOM, coding cookie, UTF-8 default).
// Returns the tree, allocated in arena; on bad source returns NULL with *err filled in (class,
// message, 1-based line and character offsets as CPython reports them); when memory runs out
// returns NULL with err->kind == FT_SYNTAX_MEMORY_ERROR. err must be zeroed or cleared by the
// caller, who frees it with ft_syntax_error_clear(). Any thread.
FtAstMod *ft_parse_file(const char *bytes, size_t len, FtParseMode mode, FtArena *arena,
                        FtSyntaxError *err);

// Same as ft_parse_file() for text that is already UTF-8 (compile() of a str): no decoding step.
FtAstMod *ft_parse_string(const char *utf8, size_t len, FtParseMode mode, FtArena *arena,
                          FtSyntaxError *err);

#endif // FT_COMPILER_PARSER_H

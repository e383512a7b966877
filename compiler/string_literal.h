// compiler/string_literal.h: decoding string and bytes literals (the text of STRING tokens and of
// f-string/t-string middles) into their values.
//
// Values are written into the parse's arena: str values as UTF-8 in which a lone surrogate (from
// "\ud800") uses its 3-byte form, bytes values as raw bytes. Pure functions of their input plus the
// arena; an arena belongs to one parse, hence to one thread at a time.
#ifndef FT_COMPILER_STRING_LITERAL_H
#define FT_COMPILER_STRING_LITERAL_H

#include <stddef.h>            // size_t

#include "compiler/arena.h"    // FtArena

typedef struct FtStringLiteral {
    const char *data;   // the value (NUL-terminated copy in the arena; may contain NULs)
    size_t len;
    int is_bytes;       // b prefix
    int has_u;          // u prefix (the Constant's kind is then 'u')
} FtStringLiteral;

// Decodes a whole STRING token text (prefix, quotes, body) into *out. Returns 0 on success, or -1
// with *errmsg set to the SyntaxError text CPython uses (static, or allocated in arena) or to NULL
// when out of memory.
int ft_string_literal_parse(const char *text, size_t len, FtArena *arena, FtStringLiteral *out,
                            const char **errmsg);

// Decodes the escape sequences of a str body fragment (an f-string middle) unless raw is set.
// Same result convention; out->is_bytes and out->has_u are 0.
int ft_string_literal_decode_str(const char *body, size_t len, int raw, FtArena *arena,
                                 FtStringLiteral *out, const char **errmsg);

#endif // FT_COMPILER_STRING_LITERAL_H

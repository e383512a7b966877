// compiler/token.h: token kinds, numbered exactly as CPython 3.14's Lib/token.py (Grammar/Tokens).
//
// The list itself is generated (compiler/generated/tokens.gen.h, from the oracle's token module by
// compiler/gen/gen_tokens.py); this header turns it into an enum and two lookup helpers. Everything
// here is immutable, so it is safe from any thread.
#ifndef FT_COMPILER_TOKEN_H
#define FT_COMPILER_TOKEN_H

#include <stddef.h>                        // size_t
#include <string.h>                        // memcmp, strlen

#include "compiler/generated/tokens.gen.h" // FT_TOKEN_LIST, FT_TOKEN_COUNT

typedef enum FtTokenKind {
#define FT_TOKEN_ENUM_ITEM(name, number, spelling) FT_TOKEN_##name = number,
    FT_TOKEN_LIST(FT_TOKEN_ENUM_ITEM)
#undef FT_TOKEN_ENUM_ITEM
    // Not a CPython token number: ft_tokenizer_next() returns it when it fails (see
    // ft_tokenizer_error()). CPython's ERRORTOKEN (67) is never produced.
    FT_TOKEN_ERROR = -1,
} FtTokenKind;

// Returns the CPython name of a token kind ("NAME", "LPAR", ...), or "<unknown>" when out of range.
static inline const char *
ft_token_name(int kind)
{
    static const char *const names[FT_TOKEN_COUNT] = {
#define FT_TOKEN_NAME_ITEM(name, number, spelling) [number] = #name,
        FT_TOKEN_LIST(FT_TOKEN_NAME_ITEM)
#undef FT_TOKEN_NAME_ITEM
    };
    if (kind < 0 || kind >= FT_TOKEN_COUNT || names[kind] == NULL)
        return "<unknown>";
    return names[kind];
}

// Returns the operator text of an exact operator kind ("(" for FT_TOKEN_LPAR), or NULL for kinds that
// are not operators.
static inline const char *
ft_token_spelling(int kind)
{
    static const char *const spellings[FT_TOKEN_COUNT] = {
#define FT_TOKEN_SPELLING_ITEM(name, number, spelling) [number] = spelling,
        FT_TOKEN_LIST(FT_TOKEN_SPELLING_ITEM)
#undef FT_TOKEN_SPELLING_ITEM
    };
    if (kind < 0 || kind >= FT_TOKEN_COUNT)
        return NULL;
    return spellings[kind];
}

// Returns the exact operator kind spelled by text[0..len) (FT_TOKEN_LPAR for "("), or FT_TOKEN_OP when
// the text is no operator. Linear in the number of kinds; the tokenizer uses its own switch.
static inline int
ft_token_operator_kind(const char *text, size_t len)
{
    for (int kind = 0; kind < FT_TOKEN_COUNT; kind++) {
        const char *s = ft_token_spelling(kind);
        if (s != NULL && strlen(s) == len && memcmp(s, text, len) == 0)
            return kind;
    }
    return FT_TOKEN_OP;
}

#endif // FT_COMPILER_TOKEN_H

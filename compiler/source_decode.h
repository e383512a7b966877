// compiler/source_decode.h: turning source bytes into the UTF-8 text the tokenizer reads (PEP 263).
//
// Encoding detection follows CPython 3.14: a UTF-8 byte order mark, else a coding cookie
// ("# -*- coding: NAME -*-", matching ^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)) on line 1, or on line
// 2 when line 1 is blank or a comment, else UTF-8. Pure functions on caller memory: any thread.
#ifndef FT_COMPILER_SOURCE_DECODE_H
#define FT_COMPILER_SOURCE_DECODE_H

#include <stddef.h>                 // size_t

#include "compiler/syntax_error.h"  // FtSyntaxError

enum {
    // The bytes are already text (compile() of a str): skip BOM and cookie handling.
    FT_SOURCE_DECODE_STRING_INPUT = 1 << 0,
    // Report errors as the tokenize module does (tokenize.detect_encoding and the line decoder)
    // instead of as compile() does, and keep "\r\n" / "\r" as they are.
    FT_SOURCE_DECODE_TOKENIZE = 1 << 1,
};

typedef struct FtDecodedSource {
    char *utf8;             // mi_malloc'd, NUL-terminated, owned by the caller after success
    size_t len;             // bytes in utf8, not counting the NUL
    char encoding[32];      // "utf-8", "utf-8-sig", "iso-8859-1", ... as tokenize's ENCODING token
} FtDecodedSource;

// Decodes len bytes of source into out->utf8. Without FT_SOURCE_DECODE_TOKENIZE, "\r\n" and lone
// "\r" become "\n" (CPython's translate_newlines). Returns 0 on success; on failure returns -1,
// leaves out->utf8 NULL and records CPython's error in *err (SyntaxError for a bad cookie or
// non-UTF-8 bytes; FT_SYNTAX_MEMORY_ERROR when allocation fails). With FT_SOURCE_DECODE_TOKENIZE,
// bytes that do not decode after the lines detect_encoding() checks become U+FFFD, as the tokenize
// module's line decoder does. Codecs decoded: UTF-8, Latin-1, ASCII and the single-byte codecs of
// compiler/generated/codecs.gen.h (cp125x, koi8-r/u, iso8859-x, cp437, cp850, mac-roman).
// TODO(#3): multi-byte codecs (shift_jis, gbk, euc-*, utf-16) are reported as unknown encodings.
int ft_source_decode(const char *bytes, size_t len, int flags, FtDecodedSource *out,
                     FtSyntaxError *err);

// Returns the number of leading bytes of s[0..len) that form valid UTF-8 (CPython's rules: no
// surrogates, no overlongs, at most U+10FFFF). Equal to len when s is entirely valid.
size_t ft_source_utf8_valid_prefix(const char *s, size_t len);

// Returns the length (1 to 4) of the valid UTF-8 sequence starting at s[0], or 0 when s[0..len) does
// not start with one (invalid byte, truncated or overlong sequence, surrogate). len must be >= 1.
size_t ft_source_utf8_char_len(const char *s, size_t len);

#endif // FT_COMPILER_SOURCE_DECODE_H

// objects/format_spec.h: the format-spec mini-language (format(value, spec)) parsed into a value,
// the padding/alignment/grouping layout shared by int, float and str formatting, and FtNumError,
// the value-level error report of the numeric libraries (objects/bigint.h, objects/float_format.h).
//
// Grammar (CPython 3.14, Python/formatter_unicode.c):
//   [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." [precision][grouping]][type]
//   align '<' '>' '=' '^'; sign '+' '-' ' '; grouping ',' or '_'; type one character.
// Specs and outputs are UTF-8; fill may be any one code point. Every function here is pure and
// safe to call from any thread.
#ifndef FT_OBJECTS_FORMAT_SPEC_H
#define FT_OBJECTS_FORMAT_SPEC_H

#include <stddef.h>   // size_t
#include <stdint.h>   // int64_t uint32_t

// Which Python exception a numeric value operation raises. NONE means success.
typedef enum FtNumErrorKind {
    FT_NUM_ERROR_NONE = 0,
    FT_NUM_ERROR_VALUE,           // ValueError
    FT_NUM_ERROR_OVERFLOW,        // OverflowError
    FT_NUM_ERROR_ZERO_DIVISION,   // ZeroDivisionError
    FT_NUM_ERROR_MEMORY,          // MemoryError (empty message)
} FtNumErrorKind;

#define FT_NUM_ERROR_MESSAGE_MAX 1024

// The error a failed call reports: the exception kind and CPython's message, to the character.
// A message longer than the buffer is cut at a UTF-8 boundary (TODO(#4): heap messages for
// float() of very long strings, whose %R CPython does not truncate).
typedef struct FtNumError {
    FtNumErrorKind kind;
    char message[FT_NUM_ERROR_MESSAGE_MAX];
} FtNumError;

// Sets err (if not NULL) to kind with a printf-formatted message; returns -1 for tail calls.
__attribute__((format(printf, 3, 4))) int ft_num_error_set(FtNumError *err, FtNumErrorKind kind,
                                                           const char *fmt, ...);

// Appends Python's repr() of the UTF-8 string s[0..len) to buf (NUL-terminated, never past
// size), truncated to max_chars code points when max_chars >= 0 (the %.200R of int()'s message).
// Quotes and escapes follow str.__repr__ (non-printable code points as \xhh, \uhhhh, \Uhhhhhhhh).
void ft_format_repr_string(char *buf, size_t size, const char *s, size_t len, int64_t max_chars);

// The parsed spec. Absent fields: width/precision -1, type '\0', sign '\0', grouping '\0'.
typedef struct FtFormatSpec {
    uint32_t fill;             // fill code point, ' ' by default
    char align;                // '<' '>' '=' '^', or '\0' for the type's default
    char sign;                 // '+' '-' ' ' or '\0'
    int no_neg_zero;           // 'z'
    int alternate;             // '#'
    int fill_specified;        // the spec named a fill character (so '0' does not set it)
    int64_t width;             // -1 if absent
    char grouping;             // ',' '_' or '\0' for the integer part
    int64_t precision;         // -1 if absent
    char frac_grouping;        // ',' '_' or '\0' for the fractional part (after '.')
    uint32_t type;             // type code point, or the parser's default_type when absent
} FtFormatSpec;

// Parses spec[0..len) for an object of Python type type_name ("float", "int", "str", used in
// messages) whose default type code is default_type (CPython: 0 for float, 'd' for int, 's' for
// str; it takes part in the grouping check, so format('x', ',') fails here). Returns 0, or -1 with a ValueError in err carrying CPython's message ("Invalid format
// specifier '%s' for object of type '%s'", "Format specifier missing precision", "Too many decimal
// digits in format string", "Cannot specify both ',' and '_'.", "Cannot specify ',' with ','.").
// The type-specific checks (which type codes exist, 'z' with ints, fraction grouping with
// integer types) are the caller's.
int ft_format_spec_parse(const char *spec, size_t len, const char *type_name,
                         uint32_t default_type, FtFormatSpec *out, FtNumError *err);

// Writes the code point cp as UTF-8 to out (room for 4 bytes); returns the byte count.
size_t ft_format_put_utf8(char *out, uint32_t cp);

// Lays out a formatted number: sign_char ('-' or '\0' for non-negative), prefix ("0x" or ""),
// the digits of the integer part digits[0..n_int) (ASCII, possibly none, as for "inf"), and the
// rest rest[0..n_rest) (decimal point, fraction, exponent, '%'), with spec's sign, grouping (every
// 3 digits, every 4 for '_' with types b o x X), fraction grouping (the digits right after a
// leading '.', in threes), fill, alignment (default_align when the spec names none) and width.
// Zero padding ('0' fill with '=') pads and groups the integer digits as CPython does. Returns a
// NUL-terminated string from mi_malloc (free with ft_format_free) and its byte length in *out_len
// (may be NULL; the text itself may hold U+0000, as a fill or an int's 'c'), or NULL with a
// MemoryError.
char *ft_format_layout_number(const FtFormatSpec *spec, char sign_char, const char *prefix,
                              const char *digits, size_t n_int, const char *rest, size_t n_rest,
                              char default_align, size_t *out_len, FtNumError *err);

// Frees a string returned by this module, objects/bigint.h or objects/float_format.h.
void ft_format_free(char *s);

#endif // FT_OBJECTS_FORMAT_SPEC_H

// objects/bigint.h: FtBigInt, the immutable arbitrary-precision integer value under Python's int
// (issue #4). Pure value arithmetic with CPython 3.14's exact semantics and error texts; the int
// object (objects/int.c) wraps it.
//
// Conventions for every function below:
//   * Results go to an out-parameter `out` that the function initialises (any previous content is
//     ignored, not freed); the caller releases it with ft_bigint_clear(). out may not alias an input.
//   * Return 0 on success, or -1 with err (may be NULL) set to the exception kind and CPython's
//     message; on failure out is left cleared (zero) and need not be released.
//   * Inputs are never modified. Safe to call from any thread on values no one is clearing.
//   * GMP allocates through mimalloc: ft_bigint_init() installs the allocator exactly once per
//     process (ft_once_call); every function here calls it itself, so callers need not. Any
//     other GMP user in the process must call it before its first GMP call (GMP frees with the
//     allocator current at free time).
#ifndef FT_OBJECTS_BIGINT_H
#define FT_OBJECTS_BIGINT_H

#include <gmp.h>      // mpz_ptr
#include <stddef.h>   // size_t
#include <stdint.h>   // int64_t uint64_t

#include "objects/format_spec.h"   // FtNumError

// Value = small when big == NULL; otherwise *big, which never fits in int64_t (so every value has
// exactly one representation and equal values compare field-equal when small).
typedef struct FtBigInt {
    int64_t small;   // immutable: the value when big is NULL
    mpz_ptr big;     // immutable: owned heap mpz (mimalloc) for values outside int64_t, else NULL
} FtBigInt;

// CPython's default sys.get_int_max_str_digits() and the size below which the limit never applies.
#define FT_BIGINT_DEFAULT_MAX_STR_DIGITS 4300
#define FT_BIGINT_MAX_STR_DIGITS_THRESHOLD 640

// Installs mimalloc as GMP's allocator, once per process. Returns 0. Any thread.
int ft_bigint_init(void);

// Releases x's storage and sets it to zero. Clearing a zero value is a no-op.
void ft_bigint_clear(FtBigInt *x);

// Constructors that cannot fail (apart from fatal out-of-memory inside GMP).
void ft_bigint_from_int64(FtBigInt *out, int64_t v);
void ft_bigint_from_uint64(FtBigInt *out, uint64_t v);
void ft_bigint_copy(FtBigInt *out, const FtBigInt *x);

// A copy of the GMP integer v (for the numeric libraries that compute with GMP directly).
void ft_bigint_from_mpz(FtBigInt *out, mpz_srcptr v);

// 1 and *v set if x fits in int64_t, else 0.
int ft_bigint_to_int64(const FtBigInt *x, int64_t *v);

// int(d): truncates toward zero. ValueError "cannot convert float NaN to integer", OverflowError
// "cannot convert float infinity to integer".
int ft_bigint_from_double(FtBigInt *out, double d, FtNumError *err);

// float(x), correctly rounded (half to even). OverflowError "int too large to convert to float".
int ft_bigint_to_double(const FtBigInt *x, double *d, FtNumError *err);

// Arithmetic with Python semantics: floor division and a modulo with the divisor's sign.
// ZeroDivisionError "division by zero"; mul: MemoryError past FT_BIGINT_MAX_BITS.
int ft_bigint_add(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err);
int ft_bigint_sub(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err);
int ft_bigint_mul(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err);
int ft_bigint_floordiv(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err);
int ft_bigint_mod(FtBigInt *out, const FtBigInt *a, const FtBigInt *b, FtNumError *err);
int ft_bigint_divmod(FtBigInt *quotient, FtBigInt *remainder, const FtBigInt *a, const FtBigInt *b,
                     FtNumError *err);

// a / b as CPython's int true division: correctly rounded (half to even) even for huge operands.
// ZeroDivisionError "division by zero"; OverflowError "integer division result too large for a
// float". A zero result carries the sign of the quotient (0 / -5 is -0.0).
int ft_bigint_truediv(const FtBigInt *a, const FtBigInt *b, double *d, FtNumError *err);

// pow(base, exp) and pow(base, exp, mod) (mod NULL for the two-argument form).
// Two-argument form with exp < 0: returns 1 (out zero) and the caller computes the float power, as
// CPython converts both to float (which raises ZeroDivisionError "zero to a negative power" for 0).
// Three-argument form: ValueError "pow() 3rd argument cannot be 0"; exp < 0 uses the inverse of
// base, ValueError "base is not invertible for the given modulus"; the result has mod's sign.
// MemoryError (empty message) when the result would exceed FT_BIGINT_MAX_BITS.
int ft_bigint_pow(FtBigInt *out, const FtBigInt *base, const FtBigInt *exp, const FtBigInt *mod,
                  FtNumError *err);

// The largest result, in bits, that mul, pow and lshift build before reporting MemoryError (CPython
// raises MemoryError when the allocation fails; GMP cannot report that, so the bound stands in).
#define FT_BIGINT_MAX_BITS ((uint64_t)1 << 34)

void ft_bigint_neg(FtBigInt *out, const FtBigInt *x);
void ft_bigint_abs(FtBigInt *out, const FtBigInt *x);
void ft_bigint_invert(FtBigInt *out, const FtBigInt *x);   // ~x == -x - 1

// Bitwise operations on the infinite two's-complement representation, as Python's.
void ft_bigint_and(FtBigInt *out, const FtBigInt *a, const FtBigInt *b);
void ft_bigint_or(FtBigInt *out, const FtBigInt *a, const FtBigInt *b);
void ft_bigint_xor(FtBigInt *out, const FtBigInt *a, const FtBigInt *b);

// x << count and x >> count (floor). ValueError "negative shift count"; lshift: OverflowError
// "too many digits in integer" when count does not fit int64_t and x != 0, MemoryError when the
// result would exceed FT_BIGINT_MAX_BITS.
int ft_bigint_lshift(FtBigInt *out, const FtBigInt *x, const FtBigInt *count, FtNumError *err);
int ft_bigint_rshift(FtBigInt *out, const FtBigInt *x, const FtBigInt *count, FtNumError *err);

// -1, 0 or 1 as a <, ==, > b.
int ft_bigint_compare(const FtBigInt *a, const FtBigInt *b);
int ft_bigint_sign(const FtBigInt *x);
uint64_t ft_bigint_bit_length(const FtBigInt *x);
uint64_t ft_bigint_bit_count(const FtBigInt *x);

// hash(x): CPython's modular hash (modulus 2**61 - 1, sign kept, -1 becomes -2).
int64_t ft_bigint_hash(const FtBigInt *x);

// str(x) for base 10, bin/oct/hex(x) for bases 2, 8, 16 with prefix set ("-0x1f"), or the bare
// digits (lowercase) without it. max_str_digits is sys.get_int_max_str_digits() (0 = no limit) and
// applies to base 10 only: ValueError "Exceeds the limit (%d digits) for integer string conversion;
// use sys.set_int_max_str_digits() to increase the limit". *out is a NUL-terminated mimalloc
// string (free with ft_format_free); *len (may be NULL) its length.
int ft_bigint_to_string(const FtBigInt *x, int base, int prefix, int64_t max_str_digits, char **out,
                        size_t *len, FtNumError *err);

// format(x, spec) for the UTF-8 spec[0..len), as int.__format__: types b c d o x X n (as d, C
// locale) and none, '#' prefixes, grouping (',' '_', '_' every 4 digits for b o x X), fill, align,
// sign, width; e E f F g G % format float(x). ValueError "Precision not allowed in integer format
// specifier", "Negative zero coercion (z) not allowed in integer format specifier", "Sign not
// allowed with integer format specifier 'c'", "Alternate form (#) not allowed with integer format
// specifier 'c'", "Unknown format code '%c' for object of type 'int'", the parser's errors and the
// digit limit for decimal output; OverflowError "%c arg not in range(0x110000)" and "int too large
// to convert to float", "Python int too large to convert to C long" ('c'). Returns a mimalloc
// string (free with ft_format_free) with its byte length in *out_len (may be NULL; 'c' of 0 or a
// U+0000 fill puts a NUL inside), or NULL.
char *ft_bigint_format(const FtBigInt *x, const char *spec, size_t len, int64_t max_str_digits,
                       size_t *out_len, FtNumError *err);

// int(text, base) for the UTF-8 text[0..len): surrounding whitespace (Unicode), sign, base 0 and
// 2..36 with prefixes and single underscores between digits exactly as int() accepts, Unicode
// decimal digits. ValueError "int() base must be >= 2 and <= 36, or 0", "invalid literal for int()
// with base %d: %.200R", and for non-power-of-two bases the digit limit: "Exceeds the limit (%d
// digits) for integer string conversion: value has %zd digits; use sys.set_int_max_str_digits() to
// increase the limit".
int ft_bigint_from_string(FtBigInt *out, const char *text, size_t len, int base,
                          int64_t max_str_digits, FtNumError *err);

// int.to_bytes(length, byteorder, signed=...): big_endian 1 for 'big'. buf has length bytes.
// OverflowError "can't convert negative int to unsigned", "int too big to convert".
// (Negative lengths are the caller's "length argument must be non-negative".)
int ft_bigint_to_bytes(const FtBigInt *x, unsigned char *buf, size_t length, int big_endian,
                       int is_signed, FtNumError *err);

// int.from_bytes(bytes, byteorder, signed=...). Cannot fail.
void ft_bigint_from_bytes(FtBigInt *out, const unsigned char *buf, size_t length, int big_endian,
                          int is_signed);

// Correctly rounded m * 2**exp2 for an integer m and exponent (used by float functions): the
// value's nearest double, half to even, subnormals included. OverflowError with overflow_message.
int ft_bigint_scaled_to_double(const FtBigInt *m, int64_t exp2, const char *overflow_message,
                               double *d, FtNumError *err);

#endif // FT_OBJECTS_BIGINT_H

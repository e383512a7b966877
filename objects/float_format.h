// objects/float_format.h: Python float as a value: repr, format(), round(), hex/fromhex,
// as_integer_ratio, float(str) and hash, all matching CPython 3.14 to the character (issue #4).
// objects/float.c wraps these. Every function is pure and safe to call from any thread; errors
// follow objects/bigint.h (return -1 with err set to the exception kind and CPython's message).
#ifndef FT_OBJECTS_FLOAT_FORMAT_H
#define FT_OBJECTS_FLOAT_FORMAT_H

#include <stddef.h>   // size_t
#include <stdint.h>   // int64_t

#include "objects/bigint.h"        // FtBigInt
#include "objects/format_spec.h"   // FtNumError

// Room for any repr() or hex() of a double, with the NUL.
#define FT_FLOAT_REPR_MAX 32

// repr(x): the shortest string that reads back as x, laid out as CPython does (fixed notation for
// decimal exponents -4..15 with ".0" added to integers, else "1e+16" style), "inf", "-inf", "nan",
// "-0.0". Writes a NUL-terminated string to buf (size >= FT_FLOAT_REPR_MAX); returns its length.
size_t ft_float_repr(double x, char *buf, size_t size);

// format(x, spec) for the UTF-8 spec[0..len): types e E f F g G % n (as g, C locale) and none,
// precision, sign, 'z', '#', '0', fill/align/width, ',' and '_' grouping of the integer part and
// (3.14) of the fraction. Returns a mimalloc string (free with ft_format_free) and its byte length
// in *out_len (may be NULL; a U+0000 fill makes it differ from strlen), or NULL with a ValueError
// such as "Unknown format code 'd' for object of type 'float'" in err.
char *ft_float_format(double x, const char *spec, size_t len, size_t *out_len, FtNumError *err);

// round(x, ndigits), correctly rounded half to even on x's exact value. ndigits is the clamped
// Py_ssize_t of the argument. OverflowError "rounded value too large to represent".
int ft_float_round(double x, int64_t ndigits, double *out, FtNumError *err);

// float.hex(x) into buf (size >= FT_FLOAT_REPR_MAX); returns the length.
size_t ft_float_hex(double x, char *buf, size_t size);

// float.fromhex(text[0..len)). ValueError "invalid hexadecimal floating-point string",
// OverflowError "hexadecimal value too large to represent as a float".
int ft_float_fromhex(const char *text, size_t len, double *out, FtNumError *err);

// x.as_integer_ratio() in lowest terms with a positive denominator. OverflowError "cannot convert
// Infinity to integer ratio", ValueError "cannot convert NaN to integer ratio". On success the
// caller clears both values.
int ft_float_as_integer_ratio(double x, FtBigInt *numerator, FtBigInt *denominator,
                              FtNumError *err);

// float(text[0..len)) for a str: Unicode whitespace and decimal digits, sign, "inf", "infinity",
// "nan" in any case, decimal literals with single underscores between digits. ValueError "could
// not convert string to float: %R". Assumes the C locale's decimal point (ftpy never calls
// setlocale for LC_NUMERIC).
int ft_float_from_string(const char *text, size_t len, double *out, FtNumError *err);

// hash(x) for a finite or infinite x (modulus 2**61 - 1, +-inf -> +-314159, -1 -> -2). For a NaN
// returns 0 with *is_nan set: Python hashes a NaN by the object's identity, which the caller has.
int64_t ft_float_hash(double x, int *is_nan);

#endif // FT_OBJECTS_FLOAT_FORMAT_H

// objects/str_methods.h: the str methods and slots implemented outside str.c, as the C functions
// str.c's method table and type object point at (CPython's unicodeobject.c method set).
//
// Every function takes a str self (the method descriptor checks the type) and follows the calling
// convention its table entry names: NOARGS (self), O (self, arg), FASTCALL (self, args, nargs) or
// FASTCALL|KEYWORDS (self, args, nargs, kwnames). Results are new references; NULL with the
// exception set. A str is immutable, so none of them locks anything; all are callable from any
// attached thread.
#ifndef FT_OBJECTS_STR_METHODS_H
#define FT_OBJECTS_STR_METHODS_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject Ft_ssize

// str_methods.c: case mappings and predicates.
FtObject *ft_str_method_lower(FtObject *self);
FtObject *ft_str_method_upper(FtObject *self);
FtObject *ft_str_method_casefold(FtObject *self);
FtObject *ft_str_method_title(FtObject *self);
FtObject *ft_str_method_capitalize(FtObject *self);
FtObject *ft_str_method_swapcase(FtObject *self);
FtObject *ft_str_method_isalpha(FtObject *self);
FtObject *ft_str_method_isdigit(FtObject *self);
FtObject *ft_str_method_isdecimal(FtObject *self);
FtObject *ft_str_method_isnumeric(FtObject *self);
FtObject *ft_str_method_isalnum(FtObject *self);
FtObject *ft_str_method_isspace(FtObject *self);
FtObject *ft_str_method_isidentifier(FtObject *self);
FtObject *ft_str_method_isprintable(FtObject *self);
FtObject *ft_str_method_isascii(FtObject *self);
FtObject *ft_str_method_islower(FtObject *self);
FtObject *ft_str_method_isupper(FtObject *self);
FtObject *ft_str_method_istitle(FtObject *self);

// str_search.c: searching, splitting, stripping, padding, joining. split, rsplit and splitlines
// return a list; join takes any iterable (snapshotted into a tuple first).
FtObject *ft_str_method_find(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_rfind(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_index(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_rindex(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_count(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_startswith(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_endswith(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_replace(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                                FtObject *kwnames);
FtObject *ft_str_method_split(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                              FtObject *kwnames);
FtObject *ft_str_method_rsplit(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                               FtObject *kwnames);
FtObject *ft_str_method_splitlines(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                                   FtObject *kwnames);
FtObject *ft_str_method_partition(FtObject *self, FtObject *sep);
FtObject *ft_str_method_rpartition(FtObject *self, FtObject *sep);
FtObject *ft_str_method_strip(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_lstrip(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_rstrip(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_removeprefix(FtObject *self, FtObject *prefix);
FtObject *ft_str_method_removesuffix(FtObject *self, FtObject *suffix);
FtObject *ft_str_method_join(FtObject *self, FtObject *iterable);
FtObject *ft_str_method_expandtabs(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                                   FtObject *kwnames);
FtObject *ft_str_method_center(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_ljust(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_rjust(FtObject *self, FtObject *const *args, Ft_ssize nargs);
FtObject *ft_str_method_zfill(FtObject *self, FtObject *width);
// str.translate(table): table[ord(c)] through mp_subscript; LookupError keeps c, None deletes it,
// an int or a str replaces it. TODO(#4): str.maketrans once the dict type is in the core.
FtObject *ft_str_method_translate(FtObject *self, FtObject *table);
// str.maketrans(x[, y[, z]]) (a static method; cls is unused): the dict translate takes.
FtObject *ft_str_method_maketrans(FtObject *cls, FtObject *const *args, Ft_ssize nargs);

// The index of the first (last when reverse) occurrence of needle in hay[start:end), or -1.
// Horspool's algorithm; start/end already clamped to 0..len(hay).
Ft_ssize ft_str_find_in(FtObject *hay, FtObject *needle, Ft_ssize start, Ft_ssize end, bool reverse);
// needle in hay (sq_contains): 1, 0, or -1 with TypeError for a non-str needle.
int ft_str_contains(FtObject *hay, FtObject *needle);

// str_format.c: printf-style formatting (str % args, CPython's PyUnicode_Format), str.format.
FtObject *ft_str_percent_format_ref(FtObject *format, FtObject *args);
// str.format(*args, **kwargs), str.format_map(mapping) and str.__format__(spec) (the mini-language:
// field names, indexes, attributes, !r !s !a, nested specs).
FtObject *ft_str_method_format(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                               FtObject *kwnames);
FtObject *ft_str_method_format_map(FtObject *self, FtObject *mapping);
FtObject *ft_str_method___format__(FtObject *self, FtObject *spec);

// str_codec.c: the codecs utf-8, ascii and latin-1 (with their aliases) and the error handlers
// strict, ignore, replace, backslashreplace, xmlcharrefreplace, surrogateescape, surrogatepass.
// s encoded: a malloc'd buffer (free() it) of *size bytes plus a NUL, or NULL with
// UnicodeEncodeError, LookupError ("unknown encoding: x", "unknown error handler name 'x'") or
// MemoryError. errors NULL means "strict".
char *ft_str_encode(FtObject *s, const char *encoding, const char *errors, Ft_ssize *size);
// Raises UnicodeEncodeError (as the strict UTF-8 encoder) if str s holds a surrogate.
// Returns 0 or -1.
int ft_str_check_utf8_arg(FtObject *s);
// data[0..size) decoded to a new str (empty data: the empty str, whatever the encoding), or NULL with UnicodeDecodeError, LookupError or TypeError
// (xmlcharrefreplace cannot decode).
FtObject *ft_str_decode_ref(const char *data, Ft_ssize size, const char *encoding,
                            const char *errors);
// str.encode(encoding='utf-8', errors='strict'): a new bytes.
FtObject *ft_str_method_encode(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                               FtObject *kwnames);

#endif // FT_OBJECTS_STR_METHODS_H

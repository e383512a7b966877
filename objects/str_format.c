// objects/str_format.c: printf-style formatting, str % args (CPython's PyUnicode_Format in
// Objects/unicodeobject.c), and str.__format__ (format(s, spec), Python/formatter_unicode.c).
//
// Owns: nothing but pure functions; the result is built in an FtStrWriter owned by the call.
// Invariant: every argument is consumed in order through next_arg, which is the only place that
// reports "not enough arguments"; the end of the format checks that every argument was used.
// Concurrency: the format string and a tuple of arguments are immutable; str()/repr() of the
// arguments may run arbitrary code but touch no state of this file. Any attached thread.
#include <stdio.h>      // snprintf
#include <string.h>     // strlen

#include "objects/str_methods.h"

#include "objects/abstract_number.h"   // ft_number_index_ref
#include "objects/bigint.h"         // ft_bigint_to_string
#include "objects/error.h"          // ft_error_* ft_exc_*
#include "objects/float.h"          // ft_float_as_double
#include "objects/float_format.h"   // ft_float_format
#include "objects/format_spec.h"    // ft_format_* FtNumError
#include "objects/int.h"            // ft_int_*
#include "objects/object.h"         // ft_object_*
#include "objects/str.h"            // ft_str_* FtStrWriter
#include "objects/tuple.h"          // ft_tuple_*

// Conversion flags (CPython's F_LJUST ... F_ZERO).
enum { F_LJUST = 1, F_SIGN = 2, F_BLANK = 4, F_ALT = 8, F_ZERO = 16 };

typedef struct {
    FtObject *args;      // the right operand (borrowed)
    FtObject *mapping;   // args when it is used as a mapping for %(key)s, else NULL
    Ft_ssize arglen;     // tuple length, or -1 for one non-tuple argument
    Ft_ssize argidx;     // next argument index (-2: the single argument is unused)
} FormatArgs;

// The next positional argument (borrowed), or NULL with TypeError.
static FtObject *
next_arg(FormatArgs *fa)
{
    if (fa->arglen < 0) {
        if (fa->argidx == -2) {
            fa->argidx = -1;
            return fa->args;
        }
    } else if (fa->argidx < fa->arglen) {
        return ft_tuple_get_item_borrow(fa->args, fa->argidx++);
    }
    ft_error_format(&ft_exc_type_error, "not enough arguments for format string");
    return NULL;
}

// Appends text (a str, the first len code points) padded to width: left-justified with F_LJUST,
// else right-justified with spaces.
static void
push_padded(FtStrWriter *w, FtObject *text, Ft_ssize len, int flags, Ft_ssize width)
{
    Ft_ssize pad = width > len ? width - len : 0;
    if (!(flags & F_LJUST))
        ft_str_writer_push_repeat(w, ' ', pad);
    ft_str_writer_push_substr(w, text, 0, len);
    if (flags & F_LJUST)
        ft_str_writer_push_repeat(w, ' ', pad);
}

// %d %i %u %x %X %o of an int (any size).
static int
push_int(FtStrWriter *w, FtObject *v, char conv, int flags, Ft_ssize width, Ft_ssize prec)
{
    int base = conv == 'x' || conv == 'X' ? 16 : conv == 'o' ? 8 : 10;
    char *text;
    size_t text_len;
    FtNumError err;
    if (ft_bigint_to_string(ft_int_value_borrow(v), base, 0, FT_BIGINT_DEFAULT_MAX_STR_DIGITS,
                            &text, &text_len, &err) < 0) {
        ft_int_raise_num_error(&err);
        return -1;
    }
    bool negative = text[0] == '-';
    const char *digits = text + (negative ? 1 : 0);
    Ft_ssize ndigits = (Ft_ssize)text_len - (negative ? 1 : 0);
    Ft_ssize zeros = prec > ndigits ? prec - ndigits : 0;
    char sign = negative ? '-' : (flags & F_SIGN) ? '+' : (flags & F_BLANK) ? ' ' : '\0';
    const char *prefix = !(flags & F_ALT) ? "" : conv == 'x' ? "0x" : conv == 'X' ? "0X"
                                                 : conv == 'o' ? "0o" : "";
    Ft_ssize len = (sign ? 1 : 0) + (Ft_ssize)strlen(prefix) + zeros + ndigits;
    Ft_ssize pad = width > len ? width - len : 0;
    if (!(flags & F_LJUST) && !(flags & F_ZERO))
        ft_str_writer_push_repeat(w, ' ', pad);
    if (sign)
        ft_str_writer_push(w, (uint32_t)sign);
    ft_str_writer_push_ascii(w, prefix);
    if (!(flags & F_LJUST) && (flags & F_ZERO))
        ft_str_writer_push_repeat(w, '0', pad);
    ft_str_writer_push_repeat(w, '0', zeros);
    for (Ft_ssize i = 0; i < ndigits; i++) {
        char c = digits[i];
        ft_str_writer_push(w, (uint32_t)(conv == 'X' && c >= 'a' && c <= 'f' ? c - 'a' + 'A' : c));
    }
    if (flags & F_LJUST)
        ft_str_writer_push_repeat(w, ' ', pad);
    ft_format_free(text);
    return 0;
}

// %e %E %f %F %g %G through the float formatter, with the flags as a format spec.
static int
push_float(FtStrWriter *w, double x, char conv, int flags, Ft_ssize width, Ft_ssize prec)
{
    char spec[64];
    // "%.0zd" prints nothing for a zero width.
    snprintf(spec, sizeof spec, "%s%s%s%s%.0zd.%zd%c", (flags & F_LJUST) ? "<" : "",
             (flags & F_SIGN) ? "+" : (flags & F_BLANK) ? " " : "", (flags & F_ALT) ? "#" : "",
             (flags & F_ZERO) && !(flags & F_LJUST) ? "0" : "", width > 0 ? width : 0,
             prec < 0 ? 6 : prec, conv);
    FtNumError err;
    size_t len;
    char *out = ft_float_format(x, spec, strlen(spec), &len, &err);
    if (out == NULL) {
        if (err.kind == FT_NUM_ERROR_MEMORY)
            ft_error_no_memory();
        else
            ft_error_set_string(&ft_exc_value_error, err.message);
        return -1;
    }
    ft_str_writer_push_utf8(w, out, (Ft_ssize)len);
    ft_format_free(out);
    return 0;
}

// Formats one conversion of arg into w. Returns 0 or -1.
static int
format_one(FtStrWriter *w, Ft_ssize conv_index, uint32_t conv, FtObject *arg,
           int flags, Ft_ssize width, Ft_ssize prec)
{
    FtObject *text = NULL;
    switch (conv) {
    case 's': case 'r': case 'a':
        text = conv == 's' ? ft_object_str_ref(arg) : conv == 'r' ? ft_object_repr_ref(arg)
                                                                  : ft_str_ascii_ref(arg);
        if (text == NULL)
            return -1;
        Ft_ssize len = ft_str_length(text);
        push_padded(w, text, prec >= 0 && prec < len ? prec : len, flags, width);
        ft_decref(text);
        return 0;
    case 'd': case 'i': case 'u': case 'x': case 'X': case 'o': {
        // An int as is; otherwise %x %X %o take __index__ and %d %i %u int(x) of a number.
        bool index_only = conv == 'x' || conv == 'X' || conv == 'o';
        FtObject *iv = NULL;
        if (ft_int_check(arg)) {
            iv = ft_new_ref(arg);
        } else {
            FtNumberMethods *nb = arg->ob_type->tp_as_number;
            bool number = nb != NULL &&
                          (nb->nb_index != NULL ||
                           (!index_only && (nb->nb_int != NULL || nb->nb_float != NULL)));
            if (number) {
                iv = index_only ? ft_number_index_ref(arg) : ft_int_from_object_ref(arg);
                if (iv == NULL && !ft_error_matches(&ft_exc_type_error))
                    return -1;
                if (iv == NULL)
                    ft_error_clear();
            }
        }
        if (iv == NULL) {
            ft_error_format(&ft_exc_type_error, "%%%c format: %s is required, not %.200s", (int)conv,
                            index_only ? "an integer" : "a real number", arg->ob_type->tp_name);
            return -1;
        }
        int r = push_int(w, iv, (char)conv, flags, width, prec);
        ft_decref(iv);
        return r;
    }
    case 'e': case 'E': case 'f': case 'F': case 'g': case 'G': {
        FtNumberMethods *nb = arg->ob_type->tp_as_number;
        if (!ft_float_check(arg) && !ft_int_check(arg) &&
            (nb == NULL || (nb->nb_float == NULL && nb->nb_index == NULL))) {
            ft_error_format(&ft_exc_type_error, "must be real number, not %.200s",
                            arg->ob_type->tp_name);
            return -1;
        }
        double d = ft_float_as_double(arg);
        if (d == -1.0 && ft_error_occurred())
            return -1;
        return push_float(w, d, (char)conv, flags, width, prec);
    }
    case 'c': {
        uint32_t c;
        if (ft_str_check(arg)) {
            if (ft_str_length(arg) != 1) {
                ft_error_format(&ft_exc_type_error, "%%c requires an int or a unicode character, "
                                "not a string of length %zd", ft_str_length(arg));
                return -1;
            }
            c = ft_str_read_char(arg, 0);
        } else if (ft_int_check(arg)) {
            bool ok;
            int64_t v = ft_int_as_int64(arg, &ok);
            if (!ok)
                ft_error_clear();   // out of range either way: the message below is CPython's
            if (!ok || v < 0 || v > 0x10FFFF) {
                ft_error_format(&ft_exc_overflow_error, "%%c arg not in range(0x110000)");
                return -1;
            }
            c = (uint32_t)v;
        } else {
            ft_error_format(&ft_exc_type_error, "%%c requires an int or a unicode character, "
                            "not %.200s", arg->ob_type->tp_name);
            return -1;
        }
        FtStrWriter one = {0};
        ft_str_writer_push(&one, c);
        text = ft_str_writer_finish_ref(&one);
        if (text == NULL)
            return -1;
        push_padded(w, text, 1, flags, width);
        ft_decref(text);
        return 0;
    }
    default:
        ft_error_format(&ft_exc_value_error, "unsupported format character '%c' (0x%x) at index %zd",
                        conv >= 0x20 && conv < 0x7F ? (int)conv : '?', (unsigned)conv, conv_index);
        return -1;
    }
}

// Reads a '*' width/precision argument.
static int
star_arg(FormatArgs *fa, Ft_ssize *out)
{
    FtObject *v = next_arg(fa);
    if (v == NULL)
        return -1;
    if (!ft_int_check(v)) {
        ft_error_format(&ft_exc_type_error, "* wants int");
        return -1;
    }
    bool ok;
    *out = (Ft_ssize)ft_int_as_int64(v, &ok);
    return ok ? 0 : -1;
}

FtObject *
ft_str_percent_format_ref(FtObject *format, FtObject *args)
{
    FormatArgs fa = {.args = args, .mapping = NULL, .arglen = -1, .argidx = -2};
    if (ft_tuple_check(args)) {
        fa.arglen = ft_tuple_size(args);
        fa.argidx = 0;
    } else if (args->ob_type->tp_as_mapping != NULL &&
               args->ob_type->tp_as_mapping->mp_subscript != NULL && !ft_str_check(args)) {
        fa.mapping = args;
    }
    Ft_ssize n = ft_str_length(format);
    FtStrWriter w = {0};
    bool used_mapping = false;
    for (Ft_ssize i = 0; i < n;) {
        uint32_t c = ft_str_read_char(format, i++);
        if (c != '%') {
            ft_str_writer_push(&w, c);
            continue;
        }
        if (i == n)
            goto incomplete;
        if (ft_str_read_char(format, i) == '%') {
            ft_str_writer_push(&w, '%');
            i++;
            continue;
        }
        FtObject *arg = NULL, *owned = NULL;
        if (ft_str_read_char(format, i) == '(') {
            if (fa.mapping == NULL) {
                ft_error_format(&ft_exc_type_error, "format requires a mapping");
                goto fail;
            }
            Ft_ssize depth = 1, key_start = ++i;
            while (i < n && depth > 0) {
                uint32_t k = ft_str_read_char(format, i++);
                depth += k == '(' ? 1 : k == ')' ? -1 : 0;
            }
            if (depth > 0) {
                ft_error_format(&ft_exc_value_error, "incomplete format key");
                goto fail;
            }
            FtObject *key = ft_str_substring_ref(format, key_start, i - 1);
            if (key == NULL)
                goto fail;
            owned = arg = fa.mapping->ob_type->tp_as_mapping->mp_subscript(fa.mapping, key);
            ft_decref(key);
            if (arg == NULL)
                goto fail;
            used_mapping = true;
            fa.arglen = -1;
            fa.argidx = -2;
        }
        int flags = 0;
        for (; i < n; i++) {
            uint32_t f = ft_str_read_char(format, i);
            int bit = f == '-' ? F_LJUST : f == '+' ? F_SIGN : f == ' ' ? F_BLANK
                    : f == '#' ? F_ALT : f == '0' ? F_ZERO : 0;
            if (bit == 0)
                break;
            flags |= bit;
        }
        Ft_ssize width = -1, prec = -1;
        if (i < n && ft_str_read_char(format, i) == '*') {
            i++;
            if (star_arg(&fa, &width) < 0)
                goto fail_owned;
            if (width < 0) {
                flags |= F_LJUST;
                width = -width;
            }
        } else {
            while (i < n && ft_str_read_char(format, i) >= '0' && ft_str_read_char(format, i) <= '9') {
                width = (width < 0 ? 0 : width) * 10 + (ft_str_read_char(format, i++) - '0');
                if (width > ((Ft_ssize)1 << 40)) {
                    ft_error_format(&ft_exc_value_error, "width too big");
                    goto fail_owned;
                }
            }
        }
        if (i < n && ft_str_read_char(format, i) == '.') {
            i++;
            prec = 0;
            if (i < n && ft_str_read_char(format, i) == '*') {
                i++;
                if (star_arg(&fa, &prec) < 0)
                    goto fail_owned;
                if (prec < 0)
                    prec = 0;
            } else {
                while (i < n && ft_str_read_char(format, i) >= '0' &&
                       ft_str_read_char(format, i) <= '9') {
                    prec = prec * 10 + (ft_str_read_char(format, i++) - '0');
                    if (prec > ((Ft_ssize)1 << 40)) {
                        ft_error_format(&ft_exc_value_error, "precision too big");
                        goto fail_owned;
                    }
                }
            }
        }
        while (i < n && (ft_str_read_char(format, i) == 'h' || ft_str_read_char(format, i) == 'l' ||
                         ft_str_read_char(format, i) == 'L'))
            i++;
        if (i == n) {
            ft_xdecref(owned);
            goto incomplete;
        }
        Ft_ssize conv_index = i;
        uint32_t conv = ft_str_read_char(format, i++);
        if (arg == NULL && (arg = next_arg(&fa)) == NULL)
            goto fail_owned;
        int rc = format_one(&w, conv_index, conv, arg, flags, width, prec);
        ft_xdecref(owned);
        if (rc < 0)
            goto fail;
        continue;
    fail_owned:
        ft_xdecref(owned);
        goto fail;
    }
    if (!used_mapping && fa.mapping == NULL &&
        ((fa.arglen >= 0 && fa.argidx < fa.arglen) || (fa.arglen < 0 && fa.argidx == -2))) {
        ft_error_format(&ft_exc_type_error, "not all arguments converted during string formatting");
        goto fail;
    }
    return ft_str_writer_finish_ref(&w);
incomplete:
    ft_error_format(&ft_exc_value_error, "incomplete format");
fail:
    ft_str_writer_discard(&w);
    return NULL;
}

// str.__format__(spec) (CPython's format_string_internal): precision truncates, width pads with
// the fill, default alignment left; sign, 'z', '#', '=' and a type other than 's' are errors.
FtObject *
ft_str_method___format__(FtObject *self, FtObject *spec_obj)
{
    if (!ft_str_check(spec_obj))
        return ft_error_bad_argument("__format__", "argument", "str", spec_obj);
    Ft_ssize spec_len;
    const char *spec = ft_str_as_utf8(spec_obj, &spec_len);
    Ft_ssize n = ft_str_length(self);
    if (spec_len == 0)
        return ft_str_substring_ref(self, 0, n);
    FtFormatSpec fs;
    FtNumError err;
    if (ft_format_spec_parse(spec, (size_t)spec_len, "str", 's', &fs, &err) < 0) {
        ft_error_set_string(&ft_exc_value_error, err.message);
        return NULL;
    }
    if (fs.type != 's') {
        if (fs.type > 32 && fs.type < 128)
            return ft_error_format(&ft_exc_value_error,
                                   "Unknown format code '%c' for object of type 'str'", (int)fs.type);
        return ft_error_format(&ft_exc_value_error,
                               "Unknown format code '\\x%x' for object of type 'str'",
                               (unsigned)fs.type);
    }
    if (fs.sign == ' ')
        return ft_error_format(&ft_exc_value_error, "Space not allowed in string format specifier");
    if (fs.sign != '\0')
        return ft_error_format(&ft_exc_value_error, "Sign not allowed in string format specifier");
    if (fs.no_neg_zero)
        return ft_error_format(&ft_exc_value_error,
                               "Negative zero coercion (z) not allowed in string format specifier");
    if (fs.alternate)
        return ft_error_format(&ft_exc_value_error,
                               "Alternate form (#) not allowed in string format specifier");
    // The parser turns a bare '0' flag into '=' alignment (numbers' default); for str the
    // default alignment stays left, and only an explicit '=' is an error.
    bool explicit_eq = ft_str_read_char(spec_obj, 0) == '=' ||
                       (ft_str_length(spec_obj) > 1 && ft_str_read_char(spec_obj, 1) == '=');
    if (fs.align == '=' && explicit_eq)
        return ft_error_format(&ft_exc_value_error,
                               "'=' alignment not allowed in string format specifier");
    char align = fs.align == '=' || fs.align == '\0' ? '<' : fs.align;
    Ft_ssize len = fs.precision >= 0 && fs.precision < n ? (Ft_ssize)fs.precision : n;
    Ft_ssize pad = fs.width > len ? (Ft_ssize)fs.width - len : 0;
    Ft_ssize left = align == '>' ? pad : align == '^' ? pad / 2 : 0;
    FtStrWriter w = {0};
    ft_str_writer_push_repeat(&w, fs.fill, left);
    ft_str_writer_push_substr(&w, self, 0, len);
    ft_str_writer_push_repeat(&w, fs.fill, pad - left);
    return ft_str_writer_finish_ref(&w);
}

// format(value, spec): str values directly, others through their __format__ (object's default:
// str(value) for an empty spec).
static FtObject *
format_value(FtObject *value, FtObject *spec)
{
    if (ft_str_check(value))
        return ft_str_method___format__(value, spec);
    FtObject *meth = ft_object_get_attr_cstr_ref(value, "__format__");
    if (meth == NULL) {
        if (!ft_error_matches(&ft_exc_attribute_error))
            return NULL;
        ft_error_clear();
        if (ft_str_length(spec) > 0)
            return ft_error_format(&ft_exc_type_error,
                                   "unsupported format string passed to %.200s.__format__",
                                   value->ob_type->tp_name);
        return ft_object_str_ref(value);
    }
    FtObject *res = ft_object_vectorcall_ref(meth, &spec, 1, NULL);
    ft_decref(meth);
    if (res != NULL && !ft_str_check(res)) {
        ft_error_format(&ft_exc_type_error, "__format__ must return a str, not %.200s",
                        res->ob_type->tp_name);
        ft_decref(res);
        return NULL;
    }
    return res;
}

// The state of one str.format / format_map call.
typedef struct {
    FtObject *const *args;   // positional arguments (borrowed)
    Ft_ssize nargs;
    FtObject *const *kwvalues;   // keyword values, names in kwnames (borrowed)
    FtObject *kwnames;
    FtObject *mapping;       // format_map's mapping, else NULL
    Ft_ssize auto_index;     // next automatic field number; -1 once manual numbering is used
    bool manual;             // a field named a number explicitly
} FormatCall;

static bool
all_digits(FtObject *s, Ft_ssize start, Ft_ssize end, Ft_ssize *value)
{
    if (start == end)
        return false;
    Ft_ssize v = 0;
    for (Ft_ssize i = start; i < end; i++) {
        uint32_t c = ft_str_read_char(s, i);
        if (c < '0' || c > '9')
            return false;
        if (v > ((Ft_ssize)1 << 50))
            return false;
        v = v * 10 + (Ft_ssize)(c - '0');
    }
    *value = v;
    return true;
}

// The object a field's first name part designates (new reference).
static FtObject *
lookup_first(FormatCall *fc, FtObject *fmt, Ft_ssize start, Ft_ssize end)
{
    Ft_ssize index;
    bool is_index;
    if (start == end) {
        if (fc->manual)
            return ft_error_format(&ft_exc_value_error, "cannot switch from manual field "
                                   "specification to automatic field numbering");
        index = fc->auto_index++;
        is_index = true;
    } else {
        is_index = all_digits(fmt, start, end, &index);
        if (is_index) {
            if (fc->auto_index > 0)
                return ft_error_format(&ft_exc_value_error, "cannot switch from automatic field "
                                       "numbering to manual field specification");
            fc->manual = true;
        }
    }
    if (is_index) {
        if (fc->mapping != NULL)
            return ft_error_format(&ft_exc_value_error, "Format string contains positional fields");
        if (index >= fc->nargs)
            return ft_error_format(&ft_exc_index_error,
                                   "Replacement index %zd out of range for positional args tuple",
                                   index);
        return ft_new_ref(fc->args[index]);
    }
    FtObject *key = ft_str_substring_ref(fmt, start, end);
    if (key == NULL)
        return NULL;
    FtObject *res = NULL;
    if (fc->mapping != NULL) {
        FtMappingMethods *mp = fc->mapping->ob_type->tp_as_mapping;
        if (mp == NULL || mp->mp_subscript == NULL)
            ft_error_format(&ft_exc_type_error, "'%.200s' object is not subscriptable",
                            fc->mapping->ob_type->tp_name);
        else
            res = mp->mp_subscript(fc->mapping, key);
    } else {
        Ft_ssize nkw = fc->kwnames == NULL ? 0 : ft_tuple_size(fc->kwnames);
        for (Ft_ssize k = 0; k < nkw && res == NULL; k++) {
            if (ft_str_equal(ft_tuple_get_item_borrow(fc->kwnames, k), key))
                res = ft_new_ref(fc->kwvalues[k]);
        }
        if (res == NULL) {
            // KeyError's str is the repr of its key.
            ft_error_set_object(&ft_exc_key_error, key);
        }
    }
    ft_decref(key);
    return res;
}

// Resolves the field name fmt[start:end) (first part, then .attr and [key] parts).
static FtObject *
resolve_field(FormatCall *fc, FtObject *fmt, Ft_ssize start, Ft_ssize end)
{
    Ft_ssize i = start;
    while (i < end && ft_str_read_char(fmt, i) != '.' && ft_str_read_char(fmt, i) != '[')
        i++;
    FtObject *obj = lookup_first(fc, fmt, start, i);
    while (obj != NULL && i < end) {
        uint32_t c = ft_str_read_char(fmt, i++);
        Ft_ssize part = i;
        FtObject *next = NULL;
        if (c == '.') {
            while (i < end && ft_str_read_char(fmt, i) != '.' && ft_str_read_char(fmt, i) != '[')
                i++;
            if (i == part) {
                ft_decref(obj);
                return ft_error_format(&ft_exc_value_error, "Empty attribute in format string");
            }
            FtObject *name = ft_str_substring_ref(fmt, part, i);
            next = name ? ft_object_get_attr_ref(obj, name) : NULL;
            ft_xdecref(name);
        } else if (c == '[') {
            while (i < end && ft_str_read_char(fmt, i) != ']')
                i++;
            if (i == end) {
                ft_decref(obj);
                return ft_error_format(&ft_exc_value_error, "Missing ']' in format string");
            }
            if (i == part) {
                ft_decref(obj);
                return ft_error_format(&ft_exc_value_error, "Empty attribute in format string");
            }
            Ft_ssize index;
            FtObject *key = all_digits(fmt, part, i, &index) ? ft_int_from_int64_ref(index)
                                                             : ft_str_substring_ref(fmt, part, i);
            i++;   // the ']'
            FtMappingMethods *mp = obj->ob_type->tp_as_mapping;
            if (key == NULL)
                next = NULL;
            else if (mp == NULL || mp->mp_subscript == NULL)
                ft_error_format(&ft_exc_type_error, "'%.200s' object is not subscriptable",
                                obj->ob_type->tp_name);
            else
                next = mp->mp_subscript(obj, key);
            ft_xdecref(key);
            if (next != NULL && i < end && ft_str_read_char(fmt, i) != '.' &&
                ft_str_read_char(fmt, i) != '[') {
                ft_decref(next);
                next = ft_error_format(&ft_exc_value_error, "Only '.' or '[' may follow ']' in "
                                       "format field specifier");
            }
        } else {
            next = ft_error_format(&ft_exc_value_error, "Only '.' or '[' may follow ']' in format "
                                   "field specifier");
        }
        ft_decref(obj);
        obj = next;
    }
    return obj;
}

static FtObject *format_expand(FormatCall *fc, FtObject *fmt, Ft_ssize start, Ft_ssize end,
                               int depth);

// One replacement field's parts, as positions in the format string.
typedef struct {
    Ft_ssize name_start, name_end;   // the field name
    uint32_t conversion;             // 'r' 's' 'a' (or any other code point: an error), 0: none
    Ft_ssize spec_start, spec_end;   // the format spec (empty when absent)
} FieldParts;

// Parses a replacement field starting at *pos (just after its '{') up to and including its closing
// '}', advancing *pos (CPython's parse_field).
static int
parse_field(FtObject *fmt, Ft_ssize *pos, Ft_ssize end, FieldParts *f)
{
    Ft_ssize i = *pos;
    uint32_t c = 0;
    f->name_start = i;
    f->conversion = 0;
    while (i < end) {
        c = ft_str_read_char(fmt, i++);
        if (c == '{') {
            ft_error_format(&ft_exc_value_error, "unexpected '{' in field name");
            return -1;
        }
        if (c == '[') {
            while (i < end && ft_str_read_char(fmt, i) != ']')
                i++;
            continue;
        }
        if (c == '}' || c == ':' || c == '!')
            break;
    }
    f->name_end = i - 1;
    f->spec_start = f->spec_end = i;
    if (c != '!' && c != ':') {
        if (c != '}') {
            ft_error_format(&ft_exc_value_error, "expected '}' before end of string");
            return -1;
        }
        *pos = i;
        return 0;
    }
    if (c == '!') {
        if (i >= end) {
            ft_error_format(&ft_exc_value_error,
                            "end of string while looking for conversion specifier");
            return -1;
        }
        f->conversion = ft_str_read_char(fmt, i++);
        if (i < end) {
            c = ft_str_read_char(fmt, i++);
            if (c == '}') {
                f->spec_start = f->spec_end = i - 1;
                *pos = i;
                return 0;
            }
            if (c != ':') {
                ft_error_format(&ft_exc_value_error, "expected ':' after conversion specifier");
                return -1;
            }
        }
    }
    f->spec_start = i;
    Ft_ssize count = 1;
    while (i < end) {
        c = ft_str_read_char(fmt, i++);
        if (c == '{') {
            count++;
        } else if (c == '}' && --count == 0) {
            f->spec_end = i - 1;
            *pos = i;
            return 0;
        }
    }
    ft_error_format(&ft_exc_value_error, "unmatched '{' in format spec");
    return -1;
}

// Formats one parsed replacement field into w.
static int
format_field(FtStrWriter *w, FormatCall *fc, FtObject *fmt, const FieldParts *f, int depth)
{
    FtObject *obj = resolve_field(fc, fmt, f->name_start, f->name_end);
    if (obj == NULL)
        return -1;
    uint32_t conversion = f->conversion;
    if (conversion != 0) {
        FtObject *conv = NULL;
        if (conversion == 'r')
            conv = ft_object_repr_ref(obj);
        else if (conversion == 's')
            conv = ft_object_str_ref(obj);
        else if (conversion == 'a')
            conv = ft_str_ascii_ref(obj);
        else if (conversion > 32 && conversion < 127)
            ft_error_format(&ft_exc_value_error, "Unknown conversion specifier %c", (int)conversion);
        else
            ft_error_format(&ft_exc_value_error, "Unknown conversion specifier \\x%x",
                            (unsigned)conversion);
        ft_decref(obj);
        if ((obj = conv) == NULL)
            return -1;
    }
    FtObject *spec = format_expand(fc, fmt, f->spec_start, f->spec_end, depth - 1);
    FtObject *text = spec ? format_value(obj, spec) : NULL;
    ft_xdecref(spec);
    ft_decref(obj);
    if (text == NULL)
        return -1;
    ft_str_writer_push_substr(w, text, 0, ft_str_length(text));
    ft_decref(text);
    return 0;
}

// Expands fmt[start:end): literal text with {{ and }} unescaped, replacement fields formatted.
static FtObject *
format_expand(FormatCall *fc, FtObject *fmt, Ft_ssize start, Ft_ssize end, int depth)
{
    if (depth < 0)
        return ft_error_format(&ft_exc_value_error, "Max string recursion exceeded");
    FtStrWriter w = {0};
    for (Ft_ssize i = start; i < end;) {
        uint32_t c = ft_str_read_char(fmt, i++);
        if (c == '}') {
            if (i < end && ft_str_read_char(fmt, i) == '}') {
                i++;
            } else {
                ft_str_writer_discard(&w);
                return ft_error_format(&ft_exc_value_error, "Single '}' encountered in format string");
            }
            ft_str_writer_push(&w, '}');
            continue;
        }
        if (c != '{') {
            ft_str_writer_push(&w, c);
            continue;
        }
        if (i < end && ft_str_read_char(fmt, i) == '{') {
            i++;
            ft_str_writer_push(&w, '{');
            continue;
        }
        if (i == end) {
            ft_str_writer_discard(&w);
            return ft_error_format(&ft_exc_value_error, "Single '{' encountered in format string");
        }
        FieldParts f;
        if (parse_field(fmt, &i, end, &f) < 0 || format_field(&w, fc, fmt, &f, depth) < 0) {
            ft_str_writer_discard(&w);
            return NULL;
        }
    }
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_format(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FormatCall fc = {.args = args, .nargs = nargs, .kwvalues = args + nargs, .kwnames = kwnames};
    return format_expand(&fc, self, 0, ft_str_length(self), 2);
}

FtObject *
ft_str_method_format_map(FtObject *self, FtObject *mapping)
{
    FormatCall fc = {.args = NULL, .nargs = 0, .mapping = mapping};
    return format_expand(&fc, self, 0, ft_str_length(self), 2);
}

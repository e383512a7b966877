// objects/str_methods.c: str's case mappings (lower, upper, casefold, title, capitalize, swapcase)
// and character-class predicates (isalpha ... istitle). Semantics: CPython's Objects/unicodeobject.c
// (do_lower, do_title, do_swapcase, the unicode_is* methods) on the facts of objects/unicode_db.h.
//
// Owns: nothing but pure functions of an immutable str. Invariant: every character property comes
// from objects/unicode_db.h (full case mappings, the derived Lowercase/Uppercase/Cased/
// Case_Ignorable properties), so results equal the oracle's for every code point.
// Concurrency: a published str is immutable and unicode_db is pure; no locks, any attached thread.
#include <stdint.h>   // uint32_t

#include "objects/str_methods.h"

#include "objects/int.h"          // ft_bool_from
#include "objects/str.h"          // ft_str_* FtStrWriter
#include "objects/unicode_db.h"   // ft_unicode_*

// True if the GREEK CAPITAL LETTER SIGMA at index i ends a word: a cased letter precedes it
// (skipping case-ignorable ones) and none follows it (Unicode's Final_Sigma condition).
static bool
is_final_sigma(FtObject *s, Ft_ssize i)
{
    Ft_ssize n = ft_str_length(s);
    Ft_ssize j = i - 1;
    while (j >= 0 && ft_unicode_is_case_ignorable(ft_str_read_char(s, j)))
        j--;
    if (j < 0 || !ft_unicode_is_cased(ft_str_read_char(s, j)))
        return false;
    j = i + 1;
    while (j < n && ft_unicode_is_case_ignorable(ft_str_read_char(s, j)))
        j++;
    return j == n || !ft_unicode_is_cased(ft_str_read_char(s, j));
}

static void
push_mapped(FtStrWriter *w, const uint32_t *cps, int n)
{
    for (int k = 0; k < n; k++)
        ft_str_writer_push(w, cps[k]);
}

// Appends the full lowercase mapping of s[i], with the final-sigma rule.
static void
push_lower(FtStrWriter *w, FtObject *s, Ft_ssize i)
{
    uint32_t c = ft_str_read_char(s, i);
    if (c == 0x3A3) {
        ft_str_writer_push(w, is_final_sigma(s, i) ? 0x3C2 : 0x3C3);
        return;
    }
    uint32_t out[FT_UNICODE_CASE_MAX];
    push_mapped(w, out, ft_unicode_to_lower_full(c, out));
}

static void
push_full(FtStrWriter *w, uint32_t c, int (*map)(uint32_t, uint32_t[FT_UNICODE_CASE_MAX]))
{
    uint32_t out[FT_UNICODE_CASE_MAX];
    push_mapped(w, out, map(c, out));
}

FtObject *
ft_str_method_lower(FtObject *self)
{
    FtStrWriter w = {0};
    for (Ft_ssize i = 0; i < ft_str_length(self); i++)
        push_lower(&w, self, i);
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_upper(FtObject *self)
{
    FtStrWriter w = {0};
    for (Ft_ssize i = 0; i < ft_str_length(self); i++)
        push_full(&w, ft_str_read_char(self, i), ft_unicode_to_upper_full);
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_casefold(FtObject *self)
{
    FtStrWriter w = {0};
    for (Ft_ssize i = 0; i < ft_str_length(self); i++)
        push_full(&w, ft_str_read_char(self, i), ft_unicode_to_casefold_full);
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_title(FtObject *self)
{
    FtStrWriter w = {0};
    bool previous_is_cased = false;
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        uint32_t c = ft_str_read_char(self, i);
        if (previous_is_cased)
            push_lower(&w, self, i);
        else
            push_full(&w, c, ft_unicode_to_title_full);
        previous_is_cased = ft_unicode_is_cased(c);
    }
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_capitalize(FtObject *self)
{
    FtStrWriter w = {0};
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        if (i == 0)
            push_full(&w, ft_str_read_char(self, i), ft_unicode_to_title_full);
        else
            push_lower(&w, self, i);
    }
    return ft_str_writer_finish_ref(&w);
}

FtObject *
ft_str_method_swapcase(FtObject *self)
{
    FtStrWriter w = {0};
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        uint32_t c = ft_str_read_char(self, i);
        if (ft_unicode_is_uppercase(c))
            push_lower(&w, self, i);
        else if (ft_unicode_is_lowercase(c))
            push_full(&w, c, ft_unicode_to_upper_full);
        else
            ft_str_writer_push(&w, c);
    }
    return ft_str_writer_finish_ref(&w);
}

// True if s is non-empty and pred holds for every code point.
static FtObject *
all_chars(FtObject *s, bool (*pred)(uint32_t))
{
    Ft_ssize n = ft_str_length(s);
    if (n == 0)
        return ft_bool_from(false);
    for (Ft_ssize i = 0; i < n; i++) {
        if (!pred(ft_str_read_char(s, i)))
            return ft_bool_from(false);
    }
    return ft_bool_from(true);
}

static bool
is_alnum_char(uint32_t c)
{
    return ft_unicode_is_alpha(c) || ft_unicode_is_decimal(c) || ft_unicode_is_digit(c) ||
           ft_unicode_is_numeric(c);
}

FtObject *
ft_str_method_isalpha(FtObject *self)
{
    return all_chars(self, ft_unicode_is_alpha);
}

FtObject *
ft_str_method_isdigit(FtObject *self)
{
    return all_chars(self, ft_unicode_is_digit);
}

FtObject *
ft_str_method_isdecimal(FtObject *self)
{
    return all_chars(self, ft_unicode_is_decimal);
}

FtObject *
ft_str_method_isnumeric(FtObject *self)
{
    return all_chars(self, ft_unicode_is_numeric);
}

FtObject *
ft_str_method_isalnum(FtObject *self)
{
    return all_chars(self, is_alnum_char);
}

FtObject *
ft_str_method_isspace(FtObject *self)
{
    return all_chars(self, ft_unicode_is_space);
}

FtObject *
ft_str_method_isidentifier(FtObject *self)
{
    Ft_ssize n = ft_str_length(self);
    if (n == 0)
        return ft_bool_from(false);
    uint32_t first = ft_str_read_char(self, 0);
    if (first != '_' && !ft_unicode_is_xid_start(first))
        return ft_bool_from(false);
    for (Ft_ssize i = 1; i < n; i++) {
        if (!ft_unicode_is_xid_continue(ft_str_read_char(self, i)))
            return ft_bool_from(false);
    }
    return ft_bool_from(true);
}

FtObject *
ft_str_method_isprintable(FtObject *self)
{
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        if (!ft_unicode_is_printable(ft_str_read_char(self, i)))
            return ft_bool_from(false);
    }
    return ft_bool_from(true);
}

FtObject *
ft_str_method_isascii(FtObject *self)
{
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        if (ft_str_read_char(self, i) >= 0x80)
            return ft_bool_from(false);
    }
    return ft_bool_from(true);
}

// islower (want_lower) or isupper: at least one cased character and none of the other case or
// titlecase.
static FtObject *
is_one_case(FtObject *s, bool want_lower)
{
    bool cased = false;
    for (Ft_ssize i = 0; i < ft_str_length(s); i++) {
        uint32_t c = ft_str_read_char(s, i);
        bool lower = ft_unicode_is_lowercase(c), upper = ft_unicode_is_uppercase(c);
        if ((want_lower ? upper : lower) || ft_unicode_is_titlecase(c))
            return ft_bool_from(false);
        if (want_lower ? lower : upper)
            cased = true;
    }
    return ft_bool_from(cased);
}

FtObject *
ft_str_method_islower(FtObject *self)
{
    return is_one_case(self, true);
}

FtObject *
ft_str_method_isupper(FtObject *self)
{
    return is_one_case(self, false);
}

FtObject *
ft_str_method_istitle(FtObject *self)
{
    bool cased = false, previous_is_cased = false;
    for (Ft_ssize i = 0; i < ft_str_length(self); i++) {
        uint32_t c = ft_str_read_char(self, i);
        if (ft_unicode_is_uppercase(c) || ft_unicode_is_titlecase(c)) {
            if (previous_is_cased)
                return ft_bool_from(false);
            previous_is_cased = cased = true;
        } else if (ft_unicode_is_lowercase(c)) {
            if (!previous_is_cased)
                return ft_bool_from(false);
            previous_is_cased = cased = true;
        } else {
            previous_is_cased = false;
        }
    }
    return ft_bool_from(cased);
}

// objects/unicode_db.h: the Unicode character database (the facts of CPython 3.14's unicodedata
// module and str methods, Unicode 16.0), on code points and UTF-32 buffers.
//
// This layer knows nothing of Python objects; str, the tokenizer and the unicodedata module build on it.
// Every function here is pure: it reads only `static const` tables and its arguments, so it is safe
// to call from any thread at any time, takes no lock and never allocates. A code point argument may
// be any uint32_t: values above FT_UNICODE_MAX_CODE_POINT get the properties of an unassigned code
// point (category Cn, no mappings), so bad input never crashes.
#ifndef FT_OBJECTS_UNICODE_DB_H
#define FT_OBJECTS_UNICODE_DB_H

#include <stdbool.h>   // bool
#include <stddef.h>    // size_t
#include <stdint.h>    // uint32_t

#define FT_UNICODE_MAX_CODE_POINT 0x10FFFFu

// The longest decomposition of one code point, both one level (ft_unicode_decomposition) and fully
// applied (NFKD of U+FDFA). Normalizing n code points never needs more than n times this.
#define FT_UNICODE_DECOMPOSITION_MAX 18

// Most code points a full case mapping produces (ft_unicode_to_lower_full() and friends).
#define FT_UNICODE_CASE_MAX 3

// General categories. The order is the one source for objects/gen/gen_unicode_db.py, which reads
// the FT_UNICODE_CAT_ names from this enum: reorder here and regenerate, never the other way round.
typedef enum {
    FT_UNICODE_CAT_Cn = 0,   // unassigned (also every value above FT_UNICODE_MAX_CODE_POINT)
    FT_UNICODE_CAT_Lu,
    FT_UNICODE_CAT_Ll,
    FT_UNICODE_CAT_Lt,
    FT_UNICODE_CAT_Lm,
    FT_UNICODE_CAT_Lo,
    FT_UNICODE_CAT_Mn,
    FT_UNICODE_CAT_Mc,
    FT_UNICODE_CAT_Me,
    FT_UNICODE_CAT_Nd,
    FT_UNICODE_CAT_Nl,
    FT_UNICODE_CAT_No,
    FT_UNICODE_CAT_Pc,
    FT_UNICODE_CAT_Pd,
    FT_UNICODE_CAT_Ps,
    FT_UNICODE_CAT_Pe,
    FT_UNICODE_CAT_Pi,
    FT_UNICODE_CAT_Pf,
    FT_UNICODE_CAT_Po,
    FT_UNICODE_CAT_Sm,
    FT_UNICODE_CAT_Sc,
    FT_UNICODE_CAT_Sk,
    FT_UNICODE_CAT_So,
    FT_UNICODE_CAT_Zs,
    FT_UNICODE_CAT_Zl,
    FT_UNICODE_CAT_Zp,
    FT_UNICODE_CAT_Cc,
    FT_UNICODE_CAT_Cf,
    FT_UNICODE_CAT_Cs,
    FT_UNICODE_CAT_Co,
    FT_UNICODE_CAT_COUNT
} FtUnicodeCategory;

typedef enum {
    FT_UNICODE_NFC,
    FT_UNICODE_NFD,
    FT_UNICODE_NFKC,
    FT_UNICODE_NFKD,
} FtUnicodeForm;

// The Unicode version of the tables, as unicodedata.unidata_version ("16.0.0").
const char *ft_unicode_version(void);

// General category of cp (unicodedata.category), and the two-letter name of a category ("Lu").
// ft_unicode_category_name returns "Cn" for a value outside the enum.
FtUnicodeCategory ft_unicode_category(uint32_t cp);
const char *ft_unicode_category_name(FtUnicodeCategory category);

// Character predicates with CPython's str definitions (Objects/unicodectype.c), one code point at a time:
//   is_alpha      str.isalpha: category Lu, Ll, Lt, Lm or Lo
//   is_decimal    str.isdecimal (has a decimal digit value)
//   is_digit      str.isdigit (has a digit value)
//   is_numeric    str.isnumeric (has a numeric value)
//   is_printable  str.isprintable (and repr()'s escape test)
//   is_space      str.isspace: bidirectional WS, B or S, or category Zs
//   is_linebreak  str.splitlines() splits here: bidirectional B or category Zl/Zp
//   is_xid_start  XID_Start (not '_': the tokenizer and str.isidentifier allow it as a first character)
//   is_xid_continue  XID_Continue
//   is_lowercase / is_uppercase  the derived Lowercase / Uppercase properties (str.islower, str.isupper)
//   is_titlecase  category Lt
//   is_cased / is_case_ignorable  the Cased / Case_Ignorable properties (final sigma, str.title)
bool ft_unicode_is_alpha(uint32_t cp);
bool ft_unicode_is_decimal(uint32_t cp);
bool ft_unicode_is_digit(uint32_t cp);
bool ft_unicode_is_numeric(uint32_t cp);
bool ft_unicode_is_printable(uint32_t cp);
bool ft_unicode_is_space(uint32_t cp);
bool ft_unicode_is_linebreak(uint32_t cp);
bool ft_unicode_is_xid_start(uint32_t cp);
bool ft_unicode_is_xid_continue(uint32_t cp);
bool ft_unicode_is_lowercase(uint32_t cp);
bool ft_unicode_is_uppercase(uint32_t cp);
bool ft_unicode_is_titlecase(uint32_t cp);
bool ft_unicode_is_cased(uint32_t cp);
bool ft_unicode_is_case_ignorable(uint32_t cp);

// Numeric values, as unicodedata.decimal/digit/numeric. The first two return -1 when cp has none;
// ft_unicode_numeric_value returns exactly -1.0 when cp has none (no character has the value -1).
int ft_unicode_decimal_value(uint32_t cp);
int ft_unicode_digit_value(uint32_t cp);
double ft_unicode_numeric_value(uint32_t cp);

// Full case mappings (with SpecialCasing, without language-specific rules), as str.lower(),
// str.upper(), str.title() and str.casefold() do to the single character cp. Write 1 to
// FT_UNICODE_CASE_MAX code points to out and return how many. Context-dependent mappings are the
// caller's job: ft_unicode_to_lower_full(U+03A3) gives U+03C3, and str.lower() must apply the final
// sigma rule (U+03C2) with ft_unicode_is_cased and ft_unicode_is_case_ignorable.
int ft_unicode_to_lower_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX]);
int ft_unicode_to_upper_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX]);
int ft_unicode_to_title_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX]);
int ft_unicode_to_casefold_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX]);

// unicodedata.east_asian_width ("N", "W", ...) and unicodedata.bidirectional ("L", "AN", ..., and ""
// for unassigned code points). The strings are static.
const char *ft_unicode_east_asian_width(uint32_t cp);
const char *ft_unicode_bidirectional(uint32_t cp);

// unicodedata.combining (canonical combining class, 0..254) and unicodedata.mirrored (0 or 1).
int ft_unicode_combining(uint32_t cp);
int ft_unicode_mirrored(uint32_t cp);

// One level of cp's decomposition mapping, as unicodedata.decomposition: stores the tag ("" for a
// canonical mapping, else "<compat>", "<font>", ...; static) in *tag, writes the code points to out
// and returns their count, or returns 0 (and sets *tag to "") when cp has no decomposition. Hangul
// syllables decompose algorithmically into their 2 or 3 jamo, as CPython reports them.
int ft_unicode_decomposition(uint32_t cp, const char **tag, uint32_t out[FT_UNICODE_DECOMPOSITION_MAX]);

// Parses "NFC", "NFD", "NFKC" or "NFKD" into *form; returns false for anything else.
bool ft_unicode_form_from_name(const char *name, FtUnicodeForm *form);

// Normalizes the n code points at in to the given form (unicodedata.normalize), writing to out,
// which must not overlap in. Returns the length of the result when it is at most cap; otherwise
// returns a length that is enough (at least the result's length, at most n * FT_UNICODE_DECOMPOSITION_MAX)
// and leaves out's contents unspecified, so the caller retries with a buffer that large. Code points
// above FT_UNICODE_MAX_CODE_POINT pass through unchanged.
size_t ft_unicode_normalize(FtUnicodeForm form, const uint32_t *in, size_t n, uint32_t *out, size_t cap);

// A buffer of this many bytes holds any character name and its NUL.
#define FT_UNICODE_NAME_MAX 128

// unicodedata.name: returns the length of cp's name, or 0 if it has none (unassigned, controls,
// surrogates, private use, and the Tangut ideographs, which CPython 3.14 does not name). The name
// and a NUL are written to buf only if size > length; FT_UNICODE_NAME_MAX is always enough.
int ft_unicode_name(uint32_t cp, char *buf, size_t size);

// unicodedata.lookup for character names: the code point named by the len bytes at name (case-
// insensitive, as CPython), including Hangul syllables and the "<prefix>-<hex>" ideograph names,
// or -1 if there is none. Linear in the size of the name table (about 350 KB scanned): not for hot
// paths. TODO(#4): name aliases (NameAliases.txt, e.g. "BYTE ORDER MARK") and named sequences,
// which CPython's lookup and \N{...} also accept, and a hashed index.
int32_t ft_unicode_lookup(const char *name, size_t len);

// TODO(#4): the unicodedata.ucd_3_2_0 tables, a quick-check is_normalized, and the simple (one code
// point) case mappings _sre needs.

#endif // FT_OBJECTS_UNICODE_DB_H

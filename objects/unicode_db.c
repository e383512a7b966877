// objects/unicode_db.c: lookups in the Unicode character database, full case mapping, and the four
// normalization forms (NFC, NFD, NFKC, NFKD).
//
// Owns: the tables in objects/generated/unicode_db.gen.h and unicode_names.gen.h (included below,
// so they stay private to this file) and every function of objects/unicode_db.h. The tables are produced by
// objects/gen/gen_unicode_db.py from CPython 3.14's unicodedata module and str methods, so the
// oracle's answers are the facts; this file adds no property knowledge of its own except the
// Hangul syllable arithmetic (Unicode chapter 3.12), which the generator leaves out of the tables.
//
// Table layout:
//   record lookup (three levels). With s1 = RECORD_SHIFT1, s2 = RECORD_SHIFT2:
//       b1 = record_index0[cp >> (s1 + s2)]
//       b2 = record_index1[(b1 << s1) + ((cp >> s2) & ((1 << s1) - 1))]
//       r  = record_index2[(b2 << s2) + (cp & ((1 << s2) - 1))]
//     and unicode_records[r] holds every per-code-point property: flags (FLAG_*), the four full case
//     mappings, numeric value index, category, bidirectional and east-asian-width indexes, combining
//     class, decimal and digit value. Identical blocks at each level are stored once, and identical
//     records are stored once (about 1,150 records for 1,114,112 code points).
//   case fields: the delta (mapped - cp) when the mapping is one code point; when the record's
//     FLAG_<LOWER|UPPER|TITLE|FOLD>_EXT bit is set, (offset << 2) | length into case_ext.
//   decomposition lookup: the same three-level scheme (DECOMPOSITION_SHIFT1/2) gives an offset into
//     decomposition_data; offset 0 means none. At an offset: (tag index | length << 8), then the
//     length code points of ONE level of the mapping (normalization applies it recursively).
//   composition_pairs: (first, second, primary composite) sorted by (first, second); it holds exactly
//     the canonical pairs not excluded from composition (the generator keeps a pair iff NFC of its
//     composite is the composite itself).
// Invariants (checked by the generator and by tests/unit/objects/test_unicode_db.c against the oracle):
//   the three levels give back every code point's value (the generator reads the tables back); record RECORD_OUT_OF_RANGE is an
//   unassigned record (category Cn, no mappings), used for any cp above U+10FFFF;
//   DECOMPOSITION_LONGEST_FULL <= FT_UNICODE_DECOMPOSITION_MAX, and the extended case entries have
//   length 2..FT_UNICODE_CASE_MAX.
//
// Name lookup scans name_stream linearly (~350 KB): fine for unicodedata.lookup and \N{...} escapes
// at compile time, not for hot paths.
//
// Concurrency: none needed. All tables are `static const` (immutable, in read-only memory), every
// function reads only them and its arguments and writes only its caller's buffers, so any number of
// threads may call anything here at once without locks.
//
// References: CPython Tools/unicode/makeunicodedata.py (the splitbins idea of deduplicated index
// levels), Objects/unicodectype.c (the str predicates), Modules/unicodedata.c (nfd_nfkd, nfc_nfkc),
// Unicode Standard Annex #15 (normalization, the blocked-character rule of canonical composition).
#include "objects/unicode_db.h"

#include <stdio.h>    // snprintf
#include <string.h>   // memcmp memcpy strchr strcmp strlen

#include "sync/fatal.h"   // FT_ASSERT

#include "objects/generated/unicode_db.gen.h"
#include "objects/generated/unicode_names.gen.h"

_Static_assert(DECOMPOSITION_LONGEST <= FT_UNICODE_DECOMPOSITION_MAX, "one-level decomposition buffer");
_Static_assert(DECOMPOSITION_LONGEST_FULL <= FT_UNICODE_DECOMPOSITION_MAX, "normalization bound");
_Static_assert(NAME_LONGEST < FT_UNICODE_NAME_MAX, "name buffer");
_Static_assert(sizeof category_names / sizeof category_names[0] == FT_UNICODE_CAT_COUNT,
               "category names and FtUnicodeCategory must agree");

// Hangul syllables: S = S_BASE + (L * V_COUNT + V) * T_COUNT + T, with T == 0 meaning no final jamo.
enum {
    HANGUL_S_BASE = 0xAC00,
    HANGUL_L_BASE = 0x1100,
    HANGUL_V_BASE = 0x1161,
    HANGUL_T_BASE = 0x11A7,
    HANGUL_L_COUNT = 19,
    HANGUL_V_COUNT = 21,
    HANGUL_T_COUNT = 28,
    HANGUL_N_COUNT = HANGUL_V_COUNT * HANGUL_T_COUNT,
    HANGUL_S_COUNT = HANGUL_L_COUNT * HANGUL_N_COUNT,
};

static inline const UnicodeRecord *
record_of(uint32_t cp)
{
    if (cp > FT_UNICODE_MAX_CODE_POINT)
        return &unicode_records[RECORD_OUT_OF_RANGE];
    uint32_t b = record_index0[cp >> (RECORD_SHIFT1 + RECORD_SHIFT2)];
    b = record_index1[(b << RECORD_SHIFT1) + ((cp >> RECORD_SHIFT2) & ((1u << RECORD_SHIFT1) - 1))];
    return &unicode_records[record_index2[(b << RECORD_SHIFT2) + (cp & ((1u << RECORD_SHIFT2) - 1))]];
}

static inline uint32_t
decomposition_offset(uint32_t cp)
{
    if (cp > FT_UNICODE_MAX_CODE_POINT)
        return 0;
    uint32_t b = decomposition_index0[cp >> (DECOMPOSITION_SHIFT1 + DECOMPOSITION_SHIFT2)];
    b = decomposition_index1[(b << DECOMPOSITION_SHIFT1)
                             + ((cp >> DECOMPOSITION_SHIFT2) & ((1u << DECOMPOSITION_SHIFT1) - 1))];
    return decomposition_index2[(b << DECOMPOSITION_SHIFT2) + (cp & ((1u << DECOMPOSITION_SHIFT2) - 1))];
}

static inline bool
has_flag(uint32_t cp, uint32_t flag)
{
    return (record_of(cp)->flags & flag) != 0;
}

static inline bool
is_hangul_syllable(uint32_t cp)
{
    return cp >= HANGUL_S_BASE && cp < HANGUL_S_BASE + HANGUL_S_COUNT;
}

const char *
ft_unicode_version(void)
{
    return UNICODE_DB_VERSION;
}

FtUnicodeCategory
ft_unicode_category(uint32_t cp)
{
    return (FtUnicodeCategory)record_of(cp)->category;
}

const char *
ft_unicode_category_name(FtUnicodeCategory category)
{
    if ((unsigned)category >= FT_UNICODE_CAT_COUNT)
        return category_names[FT_UNICODE_CAT_Cn];
    return category_names[category];
}

bool
ft_unicode_is_alpha(uint32_t cp)
{
    return has_flag(cp, FLAG_ALPHA);
}

bool
ft_unicode_is_decimal(uint32_t cp)
{
    return has_flag(cp, FLAG_DECIMAL);
}

bool
ft_unicode_is_digit(uint32_t cp)
{
    return has_flag(cp, FLAG_DIGIT);
}

bool
ft_unicode_is_numeric(uint32_t cp)
{
    return has_flag(cp, FLAG_NUMERIC);
}

bool
ft_unicode_is_printable(uint32_t cp)
{
    return has_flag(cp, FLAG_PRINTABLE);
}

bool
ft_unicode_is_space(uint32_t cp)
{
    return has_flag(cp, FLAG_SPACE);
}

bool
ft_unicode_is_linebreak(uint32_t cp)
{
    return has_flag(cp, FLAG_LINEBREAK);
}

bool
ft_unicode_is_xid_start(uint32_t cp)
{
    return has_flag(cp, FLAG_XID_START);
}

bool
ft_unicode_is_xid_continue(uint32_t cp)
{
    return has_flag(cp, FLAG_XID_CONTINUE);
}

bool
ft_unicode_is_lowercase(uint32_t cp)
{
    return has_flag(cp, FLAG_LOWERCASE);
}

bool
ft_unicode_is_uppercase(uint32_t cp)
{
    return has_flag(cp, FLAG_UPPERCASE);
}

bool
ft_unicode_is_titlecase(uint32_t cp)
{
    return record_of(cp)->category == FT_UNICODE_CAT_Lt;
}

bool
ft_unicode_is_cased(uint32_t cp)
{
    return has_flag(cp, FLAG_CASED);
}

bool
ft_unicode_is_case_ignorable(uint32_t cp)
{
    return has_flag(cp, FLAG_CASE_IGNORABLE);
}

int
ft_unicode_decimal_value(uint32_t cp)
{
    return record_of(cp)->decimal;
}

int
ft_unicode_digit_value(uint32_t cp)
{
    return record_of(cp)->digit;
}

double
ft_unicode_numeric_value(uint32_t cp)
{
    const UnicodeRecord *rec = record_of(cp);
    return rec->numeric ? numeric_values[rec->numeric] : -1.0;
}

// Expands one case field of cp's record (see the file block) into out.
static int
case_mapping(uint32_t cp, uint32_t flags, uint32_t ext_flag, int32_t field, uint32_t out[FT_UNICODE_CASE_MAX])
{
    if (flags & ext_flag) {
        uint32_t offset = (uint32_t)field >> 2;
        int length = (int)(field & 3);
        FT_ASSERT(length >= 2 && length <= FT_UNICODE_CASE_MAX);
        for (int i = 0; i < length; i++)
            out[i] = case_ext[offset + (uint32_t)i];
        return length;
    }
    out[0] = cp + (uint32_t)field;   // unsigned wrap-around adds a negative delta
    return 1;
}

int
ft_unicode_to_lower_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX])
{
    const UnicodeRecord *rec = record_of(cp);
    return case_mapping(cp, rec->flags, FLAG_LOWER_EXT, rec->lower, out);
}

int
ft_unicode_to_upper_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX])
{
    const UnicodeRecord *rec = record_of(cp);
    return case_mapping(cp, rec->flags, FLAG_UPPER_EXT, rec->upper, out);
}

int
ft_unicode_to_title_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX])
{
    const UnicodeRecord *rec = record_of(cp);
    return case_mapping(cp, rec->flags, FLAG_TITLE_EXT, rec->title, out);
}

int
ft_unicode_to_casefold_full(uint32_t cp, uint32_t out[FT_UNICODE_CASE_MAX])
{
    const UnicodeRecord *rec = record_of(cp);
    return case_mapping(cp, rec->flags, FLAG_FOLD_EXT, rec->fold, out);
}

const char *
ft_unicode_east_asian_width(uint32_t cp)
{
    return east_asian_width_names[record_of(cp)->east_asian_width];
}

const char *
ft_unicode_bidirectional(uint32_t cp)
{
    return bidirectional_names[record_of(cp)->bidirectional];
}

int
ft_unicode_combining(uint32_t cp)
{
    return record_of(cp)->combining;
}

int
ft_unicode_mirrored(uint32_t cp)
{
    return has_flag(cp, FLAG_MIRRORED) ? 1 : 0;
}

// The jamo of a Hangul syllable (2 or 3 of them): its full canonical decomposition.
static int
hangul_decompose(uint32_t cp, uint32_t out[3])
{
    uint32_t s = cp - HANGUL_S_BASE;
    out[0] = HANGUL_L_BASE + s / HANGUL_N_COUNT;
    out[1] = HANGUL_V_BASE + (s % HANGUL_N_COUNT) / HANGUL_T_COUNT;
    if (s % HANGUL_T_COUNT == 0)
        return 2;
    out[2] = HANGUL_T_BASE + s % HANGUL_T_COUNT;
    return 3;
}

int
ft_unicode_decomposition(uint32_t cp, const char **tag, uint32_t out[FT_UNICODE_DECOMPOSITION_MAX])
{
    *tag = decomposition_tags[0];
    if (is_hangul_syllable(cp))
        return hangul_decompose(cp, out);
    uint32_t offset = decomposition_offset(cp);
    if (offset == 0)
        return 0;
    uint32_t header = decomposition_data[offset];
    int length = (int)(header >> 8);
    *tag = decomposition_tags[header & 0xFF];
    for (int i = 0; i < length; i++)
        out[i] = decomposition_data[offset + 1 + (uint32_t)i];
    return length;
}

bool
ft_unicode_form_from_name(const char *name, FtUnicodeForm *form)
{
    static const struct { const char *name; FtUnicodeForm form; } forms[] = {
        {"NFC", FT_UNICODE_NFC}, {"NFD", FT_UNICODE_NFD}, {"NFKC", FT_UNICODE_NFKC}, {"NFKD", FT_UNICODE_NFKD},
    };
    for (size_t i = 0; i < sizeof forms / sizeof forms[0]; i++) {
        if (strcmp(name, forms[i].name) == 0) {
            *form = forms[i].form;
            return true;
        }
    }
    return false;
}

// Appends the full (recursive) canonical, or with compat also compatibility, decomposition of cp to
// out[len...], writing only below cap but counting past it. Returns the new length. The recursion is
// as deep as the longest chain of mappings (a handful), whatever the input.
static size_t
decompose_append(uint32_t cp, bool compat, uint32_t *out, size_t cap, size_t len)
{
    if (is_hangul_syllable(cp)) {
        uint32_t jamo[3];
        int n = hangul_decompose(cp, jamo);
        for (int i = 0; i < n; i++, len++) {
            if (len < cap)
                out[len] = jamo[i];
        }
        return len;
    }
    uint32_t offset = decomposition_offset(cp);
    if (offset != 0) {
        uint32_t header = decomposition_data[offset];
        if ((header & 0xFF) == 0 || compat) {
            uint32_t length = header >> 8;
            for (uint32_t i = 0; i < length; i++)
                len = decompose_append(decomposition_data[offset + 1 + i], compat, out, cap, len);
            return len;
        }
    }
    if (len < cap)
        out[len] = cp;
    return len + 1;
}

// Canonical ordering: a stable sort of every run of non-starters by combining class. Insertion sort,
// as the runs are short in real text (a pathological run costs quadratic time, never memory).
static void
canonical_order(uint32_t *buf, size_t len)
{
    for (size_t i = 1; i < len; i++) {
        uint32_t c = buf[i];
        int ccc = ft_unicode_combining(c);
        if (ccc == 0)
            continue;
        size_t j = i;
        while (j > 0 && ft_unicode_combining(buf[j - 1]) > ccc) {
            buf[j] = buf[j - 1];
            j--;
        }
        buf[j] = c;
    }
}

// The primary composite of first + second, or 0 if they do not compose.
static uint32_t
compose_pair(uint32_t first, uint32_t second)
{
    if (first >= HANGUL_L_BASE && first < HANGUL_L_BASE + HANGUL_L_COUNT
        && second >= HANGUL_V_BASE && second < HANGUL_V_BASE + HANGUL_V_COUNT) {
        return HANGUL_S_BASE
               + ((first - HANGUL_L_BASE) * HANGUL_V_COUNT + (second - HANGUL_V_BASE)) * HANGUL_T_COUNT;
    }
    if (is_hangul_syllable(first) && (first - HANGUL_S_BASE) % HANGUL_T_COUNT == 0
        && second > HANGUL_T_BASE && second < HANGUL_T_BASE + HANGUL_T_COUNT) {
        return first + (second - HANGUL_T_BASE);
    }
    size_t lo = 0, hi = sizeof composition_pairs / sizeof composition_pairs[0];
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        const uint32_t *p = composition_pairs[mid];
        if (p[0] < first || (p[0] == first && p[1] < second))
            lo = mid + 1;
        else if (p[0] == first && p[1] == second)
            return p[2];
        else
            hi = mid;
    }
    return 0;
}

// Canonical composition in place over a canonically ordered, fully decomposed buffer; returns the
// new length. A character c composes with the last starter unless it is blocked: some character
// between them has class 0 or a class >= c's. After canonical ordering, the last character kept since
// the starter is the one with the highest class, so it alone decides (last_ccc; -1 when none).
static size_t
compose(uint32_t *buf, size_t len)
{
    size_t w = 0;
    size_t starter = 0;
    bool have_starter = false;
    int last_ccc = -1;
    for (size_t r = 0; r < len; r++) {
        uint32_t c = buf[r];
        int ccc = ft_unicode_combining(c);
        if (have_starter && (last_ccc == -1 || (last_ccc != 0 && last_ccc < ccc))) {
            uint32_t composite = compose_pair(buf[starter], c);
            if (composite != 0) {
                buf[starter] = composite;
                continue;
            }
        }
        if (ccc == 0) {
            starter = w;
            have_starter = true;
            last_ccc = -1;
        } else {
            last_ccc = ccc;
        }
        buf[w++] = c;
    }
    return w;
}

size_t
ft_unicode_normalize(FtUnicodeForm form, const uint32_t *in, size_t n, uint32_t *out, size_t cap)
{
    FT_ASSERT(form == FT_UNICODE_NFC || form == FT_UNICODE_NFD || form == FT_UNICODE_NFKC
              || form == FT_UNICODE_NFKD);
    bool compat = form == FT_UNICODE_NFKC || form == FT_UNICODE_NFKD;
    size_t len = 0;
    for (size_t i = 0; i < n; i++)
        len = decompose_append(in[i], compat, out, cap, len);
    if (len > cap)
        return len;
    canonical_order(out, len);
    if (form == FT_UNICODE_NFC || form == FT_UNICODE_NFKC)
        len = compose(out, len);
    return len;
}

static inline bool
is_name_char(char c)
{
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == ' ' || c == '-';
}

// Decodes entry `entry` of name_stream into buf (NUL-terminated); returns its length.
static size_t
name_entry(uint32_t entry, char buf[NAME_LONGEST + 1])
{
    const char *p = name_stream + name_restarts[entry / NAME_RESTART];
    size_t len = 0;
    for (uint32_t k = entry / NAME_RESTART * NAME_RESTART; ; k++) {
        len = (size_t)(strchr(name_headers, *p++) - name_headers);
        while (is_name_char(*p))
            buf[len++] = *p++;
        if (k == entry)
            break;
    }
    buf[len] = '\0';
    return len;
}

static size_t
hangul_name(uint32_t cp, char buf[NAME_LONGEST + 1])
{
    uint32_t s = cp - HANGUL_S_BASE;
    int n = snprintf(buf, NAME_LONGEST + 1, "HANGUL SYLLABLE %s%s%s", hangul_lead_names[s / HANGUL_N_COUNT],
                     hangul_vowel_names[(s % HANGUL_N_COUNT) / HANGUL_T_COUNT],
                     hangul_trail_names[s % HANGUL_T_COUNT]);
    return (size_t)n;
}

int
ft_unicode_name(uint32_t cp, char *buf, size_t size)
{
    char name[NAME_LONGEST + 1];
    size_t len = 0;
    if (is_hangul_syllable(cp))
        len = hangul_name(cp, name);
    for (size_t i = 0; len == 0 && i < sizeof algorithmic_ranges / sizeof algorithmic_ranges[0]; i++) {
        const uint32_t *r = algorithmic_ranges[i];
        if (r[3] && cp >= r[0] && cp <= r[1])
            len = (size_t)snprintf(name, sizeof name, "%s-%04X", algorithmic_prefixes[r[2]], (unsigned)cp);
    }
    if (len == 0) {
        size_t lo = 0, hi = sizeof name_runs / sizeof name_runs[0];
        while (lo < hi) {
            size_t mid = lo + (hi - lo) / 2;
            if (cp < name_runs[mid][0])
                hi = mid;
            else if (cp - name_runs[mid][0] >= name_runs[mid][1])
                lo = mid + 1;
            else {
                len = name_entry(name_runs[mid][2] + (cp - name_runs[mid][0]), name);
                break;
            }
        }
    }
    if (len > 0 && len < size)
        memcpy(buf, name, len + 1);
    return (int)len;
}

// The longest of names[0..count) that starts text[0..len), as an index (-1 if none); *used gets its
// length. Hangul syllable names are parsed greedily, jamo by jamo, as CPython does.
static int
longest_jamo(const char *text, size_t len, const char *const *names, int count, size_t *used)
{
    int best = -1;
    *used = 0;
    for (int i = 0; i < count; i++) {
        size_t n = strlen(names[i]);
        if (n <= len && memcmp(text, names[i], n) == 0 && (best < 0 || n > *used)) {
            best = i;
            *used = n;
        }
    }
    return best;
}

static int32_t
lookup_hangul(const char *name, size_t len)
{
    static const char prefix[] = "HANGUL SYLLABLE ";
    size_t at = sizeof prefix - 1, used;
    if (len <= at || memcmp(name, prefix, at) != 0)
        return -1;
    int lead = longest_jamo(name + at, len - at, hangul_lead_names, HANGUL_L_COUNT, &used);
    at += used;
    int vowel = lead < 0 ? -1 : longest_jamo(name + at, len - at, hangul_vowel_names, HANGUL_V_COUNT, &used);
    at += used;
    int trail = vowel < 0 ? -1 : longest_jamo(name + at, len - at, hangul_trail_names, HANGUL_T_COUNT, &used);
    at += used;
    if (trail < 0 || at != len)
        return -1;
    return (int32_t)(HANGUL_S_BASE + ((uint32_t)lead * HANGUL_V_COUNT + (uint32_t)vowel) * HANGUL_T_COUNT
                     + (uint32_t)trail);
}

// "<prefix>-<hex>" with the hex spelled exactly as the name is (upper case, at least four digits, no
// leading zeros beyond those) and inside one of the prefix's ranges.
static int32_t
lookup_algorithmic(const char *name, size_t len)
{
    for (size_t p = 0; p < sizeof algorithmic_prefixes / sizeof algorithmic_prefixes[0]; p++) {
        size_t plen = strlen(algorithmic_prefixes[p]);
        if (len < plen + 5 || len > plen + 7 || memcmp(name, algorithmic_prefixes[p], plen) != 0
            || name[plen] != '-')
            continue;
        uint32_t cp = 0;
        for (size_t i = plen + 1; i < len; i++) {
            char c = name[i];
            if (!((c >= '0' && c <= '9') || (c >= 'A' && c <= 'F')))
                return -1;
            cp = cp * 16 + (uint32_t)(c <= '9' ? c - '0' : c - 'A' + 10);
        }
        char spelled[8];
        snprintf(spelled, sizeof spelled, "%04X", (unsigned)cp);
        if (strlen(spelled) != len - plen - 1)
            return -1;
        for (size_t i = 0; i < sizeof algorithmic_ranges / sizeof algorithmic_ranges[0]; i++) {
            const uint32_t *r = algorithmic_ranges[i];
            if (r[2] == p && cp >= r[0] && cp <= r[1])
                return (int32_t)cp;
        }
        return -1;
    }
    return -1;
}

int32_t
ft_unicode_lookup(const char *name, size_t len)
{
    if (len == 0 || len > NAME_LONGEST)
        return -1;
    char upper[NAME_LONGEST + 1];
    for (size_t i = 0; i < len; i++) {
        char c = name[i];
        if (!is_name_char(c) && !(c >= 'a' && c <= 'z'))
            return -1;
        upper[i] = (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
    }
    int32_t cp = lookup_hangul(upper, len);
    if (cp < 0)
        cp = lookup_algorithmic(upper, len);
    if (cp >= 0)
        return cp;
    // Walk every stored name, tracking only how much of it agrees with the target (matched, the
    // common prefix length of the previous entry and upper): an entry sharing more than that with its
    // predecessor differs from the target at the same place, so it is skipped without a comparison.
    const char *p = name_stream;
    size_t run = 0, matched = 0;
    for (uint32_t entry = 0; entry < NAME_ENTRIES; entry++) {
        size_t shared = (size_t)(strchr(name_headers, *p++) - name_headers);
        const char *suffix = p;
        while (is_name_char(*p))
            p++;
        if (shared > matched)
            continue;
        size_t n = shared + (size_t)(p - suffix);
        matched = shared;
        while (matched < len && matched < n && upper[matched] == suffix[matched - shared])
            matched++;
        if (matched == len && n == len) {
            while (entry >= name_runs[run][2] + name_runs[run][1])
                run++;
            return (int32_t)(name_runs[run][0] + (entry - name_runs[run][2]));
        }
    }
    return -1;
}

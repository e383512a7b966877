// tests/unit/objects/test_unicode_db.c: objects/unicode_db.c against the oracle.
//
// unicode_expected.txt (next to this file, written by objects/gen/gen_unicode_tests.py from CPython
// 3.14) holds the properties of ~6,400 code points (all of Latin-1, one in every 512, 3,000 random
// assigned ones, every multi-character case mapping), a few hundred normalization cases in all four
// forms, and str.lower()/str.title() of strings that exercise final sigma and titlecasing. The other
// tests check whole-range invariants and that concurrent readers agree (the tables are immutable).
#include <pthread.h>   // pthread_create pthread_barrier_t
#include <stdint.h>    // uint32_t
#include <stdio.h>     // FILE fopen fgets
#include <stdlib.h>    // strtoul strtod
#include <string.h>    // strcmp strrchr

#include "harness.h"
#include "objects/unicode_db.h"

enum { MAX_SEQ = 64, MAX_FIELDS = 20, MAX_REPORTS = 10 };

typedef struct {
    uint32_t cp[MAX_SEQ];
    size_t n;
} Seq;

static FILE *
open_expected(void)
{
    const char *env = getenv("FT_UNICODE_EXPECTED");
    if (env)
        return fopen(env, "r");
    char path[4096];
    snprintf(path, sizeof path, "%s", __FILE__);
    char *slash = strrchr(path, '/');
    size_t dir = slash ? (size_t)(slash - path) + 1 : 0;
    snprintf(path + dir, sizeof path - dir, "unicode_expected.txt");
    return fopen(path, "r");
}

// Splits line in place at tabs (dropping the newline); returns the number of fields.
static int
split_fields(char *line, char *fields[MAX_FIELDS])
{
    line[strcspn(line, "\n")] = '\0';
    int n = 0;
    fields[n++] = line;
    for (char *p = line; *p && n < MAX_FIELDS; p++) {
        if (*p == '\t') {
            *p = '\0';
            fields[n++] = p + 1;
        }
    }
    return n;
}

static void
parse_seq(const char *text, Seq *seq)
{
    seq->n = 0;
    if (strcmp(text, "-") == 0)
        return;
    const char *p = text;
    while (*p && seq->n < MAX_SEQ) {
        char *end;
        seq->cp[seq->n++] = (uint32_t)strtoul(p, &end, 16);
        p = end;
        while (*p == ' ')
            p++;
    }
}

static void
format_seq(const uint32_t *cp, size_t n, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, i ? " %04X" : "%04X", (unsigned)cp[i]);
    if (n == 0)
        snprintf(buf, size, "-");
}

static void
format_flags(uint32_t cp, char *buf)
{
    static const struct { char letter; bool (*test)(uint32_t); } preds[] = {
        {'a', ft_unicode_is_alpha}, {'d', ft_unicode_is_decimal}, {'g', ft_unicode_is_digit},
        {'n', ft_unicode_is_numeric}, {'p', ft_unicode_is_printable}, {'s', ft_unicode_is_space},
        {'b', ft_unicode_is_linebreak}, {'S', ft_unicode_is_xid_start}, {'C', ft_unicode_is_xid_continue},
        {'l', ft_unicode_is_lowercase}, {'u', ft_unicode_is_uppercase}, {'t', ft_unicode_is_titlecase},
        {'c', ft_unicode_is_cased}, {'i', ft_unicode_is_case_ignorable},
    };
    size_t n = 0;
    for (size_t i = 0; i < sizeof preds / sizeof preds[0]; i++) {
        if (preds[i].test(cp))
            buf[n++] = preds[i].letter;
    }
    if (n == 0)
        buf[n++] = '-';
    buf[n] = '\0';
}

static void
format_decomposition(uint32_t cp, char *buf, size_t size)
{
    uint32_t parts[FT_UNICODE_DECOMPOSITION_MAX];
    const char *tag;
    int n = ft_unicode_decomposition(cp, &tag, parts);
    if (n == 0) {
        snprintf(buf, size, "-");
        return;
    }
    size_t used = (size_t)snprintf(buf, size, "%s", tag);
    for (int i = 0; i < n && used < size; i++)
        used += (size_t)snprintf(buf + used, size - used, used ? " %04X" : "%04X", (unsigned)parts[i]);
}

typedef int (*CaseFunc)(uint32_t, uint32_t[FT_UNICODE_CASE_MAX]);

static void
format_case(CaseFunc func, uint32_t cp, char *buf, size_t size)
{
    uint32_t out[FT_UNICODE_CASE_MAX];
    int n = func(cp, out);
    format_seq(out, n > 0 ? (size_t)n : 0, buf, size);
}

// Compares one "P" line; returns the name of the first differing field, or NULL.
static const char *
check_property_line(char **f, char *got, size_t size)
{
    uint32_t cp = (uint32_t)strtoul(f[1], NULL, 16);
    if (strcmp(ft_unicode_category_name(ft_unicode_category(cp)), f[2]) != 0)
        return snprintf(got, size, "%s", ft_unicode_category_name(ft_unicode_category(cp))), "category";
    const char *bidi = ft_unicode_bidirectional(cp);
    if (strcmp(bidi[0] ? bidi : "-", f[3]) != 0)
        return snprintf(got, size, "%s", bidi), "bidirectional";
    if (strcmp(ft_unicode_east_asian_width(cp), f[4]) != 0)
        return snprintf(got, size, "%s", ft_unicode_east_asian_width(cp)), "east_asian_width";
    if (ft_unicode_combining(cp) != atoi(f[5]))
        return snprintf(got, size, "%d", ft_unicode_combining(cp)), "combining";
    if (ft_unicode_mirrored(cp) != atoi(f[6]))
        return snprintf(got, size, "%d", ft_unicode_mirrored(cp)), "mirrored";
    format_flags(cp, got);
    if (strcmp(got, f[7]) != 0)
        return "flags";
    if (ft_unicode_decimal_value(cp) != atoi(f[8]))
        return snprintf(got, size, "%d", ft_unicode_decimal_value(cp)), "decimal";
    if (ft_unicode_digit_value(cp) != atoi(f[9]))
        return snprintf(got, size, "%d", ft_unicode_digit_value(cp)), "digit";
    double expected_numeric = strcmp(f[10], "-") == 0 ? -1.0 : strtod(f[10], NULL);
    if (ft_unicode_numeric_value(cp) != expected_numeric)
        return snprintf(got, size, "%.17g", ft_unicode_numeric_value(cp)), "numeric";
    static const CaseFunc funcs[] = {ft_unicode_to_lower_full, ft_unicode_to_upper_full,
                                     ft_unicode_to_title_full, ft_unicode_to_casefold_full};
    static const char *const names[] = {"lower", "upper", "title", "casefold"};
    for (int i = 0; i < 4; i++) {
        format_case(funcs[i], cp, got, size);
        if (strcmp(got, f[11 + i]) != 0)
            return names[i];
    }
    format_decomposition(cp, got, size);
    if (strcmp(got, f[15]) != 0)
        return "decomposition";
    int len = ft_unicode_name(cp, got, size);
    if (len == 0)
        snprintf(got, size, "-");
    if (strcmp(got, f[16]) != 0 || (len > 0 && (size_t)len != strlen(f[16])))
        return "name";
    return NULL;
}

// Lowercases in->cp[i] as CPython's lower_ucs4 does inside str.lower() and str.title(): the full
// mapping, except that a capital sigma preceded by a cased letter and not followed by one (skipping
// case-ignorables both ways) becomes the final sigma. Returns the number of code points written.
static size_t
lower_at(const Seq *in, size_t i, uint32_t *out)
{
    if (in->cp[i] != 0x03A3)
        return (size_t)ft_unicode_to_lower_full(in->cp[i], out);
    size_t j = i;
    while (j > 0 && ft_unicode_is_case_ignorable(in->cp[j - 1]))
        j--;
    bool final = j > 0 && ft_unicode_is_cased(in->cp[j - 1]);
    if (final) {
        j = i + 1;
        while (j < in->n && ft_unicode_is_case_ignorable(in->cp[j]))
            j++;
        final = j == in->n || !ft_unicode_is_cased(in->cp[j]);
    }
    out[0] = final ? 0x03C2 : 0x03C3;
    return 1;
}

static size_t
str_lower(const Seq *in, uint32_t *out)
{
    size_t n = 0;
    for (size_t i = 0; i < in->n; i++)
        n += lower_at(in, i, out + n);
    return n;
}

// str.title() as CPython's do_title: titlecase after an uncased character, else lowercase.
static size_t
str_title(const Seq *in, uint32_t *out)
{
    size_t n = 0;
    bool previous_is_cased = false;
    for (size_t i = 0; i < in->n; i++) {
        if (previous_is_cased)
            n += lower_at(in, i, out + n);
        else
            n += (size_t)ft_unicode_to_title_full(in->cp[i], out + n);
        previous_is_cased = ft_unicode_is_cased(in->cp[i]);
    }
    return n;
}

TEST(properties_match_oracle)
{
    FILE *f = open_expected();
    CHECK(f != NULL);
    char line[1024], got[256];
    char *fields[MAX_FIELDS];
    int checked = 0, failures = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != 'P')
            continue;
        char copy[1024];
        snprintf(copy, sizeof copy, "%s", line);
        int n = split_fields(line, fields);
        if (n != 17) {
            failures++;
            continue;
        }
        checked++;
        const char *field = check_property_line(fields, got, sizeof got);
        if (field && failures++ < MAX_REPORTS)
            printf("  U+%s: %s is '%s', oracle line: %s", fields[1], field, got, copy);
    }
    fclose(f);
    printf("  %d code points checked, %d differ\n", checked, failures);
    CHECK(checked > 6000);
    CHECK_EQ_INT(failures, 0);
}

TEST(normalization_matches_oracle)
{
    FILE *f = open_expected();
    CHECK(f != NULL);
    char line[1024], got[1024];
    char *fields[MAX_FIELDS];
    int checked = 0, failures = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != 'N')
            continue;
        if (split_fields(line, fields) != 4) {
            failures++;
            continue;
        }
        FtUnicodeForm form;
        CHECK(ft_unicode_form_from_name(fields[1], &form));
        Seq in, expected;
        parse_seq(fields[2], &in);
        parse_seq(fields[3], &expected);
        uint32_t out[MAX_SEQ * FT_UNICODE_DECOMPOSITION_MAX];
        size_t n = ft_unicode_normalize(form, in.cp, in.n, out, sizeof out / sizeof out[0]);
        // A buffer too small (here none) must report a length that is enough.
        size_t needed = ft_unicode_normalize(form, in.cp, in.n, NULL, 0);
        checked++;
        bool same = n == expected.n && memcmp(out, expected.cp, n * sizeof(uint32_t)) == 0;
        if ((!same || needed < n) && failures++ < MAX_REPORTS) {
            format_seq(out, n, got, sizeof got);
            printf("  %s(%s): got %s (needed %zu), oracle %s\n", fields[1], fields[2], got, needed, fields[3]);
        }
    }
    fclose(f);
    printf("  %d normalizations checked, %d differ\n", checked, failures);
    CHECK(checked > 1000);
    CHECK_EQ_INT(failures, 0);
}

TEST(str_lower_and_title_match_oracle)
{
    FILE *f = open_expected();
    CHECK(f != NULL);
    char line[1024], got[1024];
    char *fields[MAX_FIELDS];
    int checked = 0, failures = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != 'L' && line[0] != 'T')
            continue;
        if (split_fields(line, fields) != 3) {
            failures++;
            continue;
        }
        Seq in, expected;
        parse_seq(fields[1], &in);
        parse_seq(fields[2], &expected);
        uint32_t out[MAX_SEQ * FT_UNICODE_CASE_MAX * 2];
        size_t n = fields[0][0] == 'L' ? str_lower(&in, out) : str_title(&in, out);
        checked++;
        if ((n != expected.n || memcmp(out, expected.cp, n * sizeof(uint32_t)) != 0)
            && failures++ < MAX_REPORTS) {
            format_seq(out, n, got, sizeof got);
            printf("  %s(%s): got %s, oracle %s\n", fields[0], fields[1], got, fields[2]);
        }
    }
    fclose(f);
    printf("  %d case conversions checked, %d differ\n", checked, failures);
    CHECK(checked > 500);
    CHECK_EQ_INT(failures, 0);
}

TEST(lookup_matches_oracle)
{
    FILE *f = open_expected();
    CHECK(f != NULL);
    char line[1024];
    char *fields[MAX_FIELDS];
    int checked = 0, failures = 0;
    while (fgets(line, sizeof line, f)) {
        if (line[0] != 'K')
            continue;
        if (split_fields(line, fields) != 3) {
            failures++;
            continue;
        }
        const char *name = strcmp(fields[1], "-") == 0 ? "" : fields[1];
        int32_t expected = strcmp(fields[2], "-") == 0 ? -1 : (int32_t)strtol(fields[2], NULL, 16);
        int32_t got = ft_unicode_lookup(name, strlen(name));
        checked++;
        if (got != expected && failures++ < MAX_REPORTS)
            printf("  lookup('%s') = %d, oracle %d\n", name, (int)got, (int)expected);
    }
    fclose(f);
    printf("  %d lookups checked, %d differ\n", checked, failures);
    CHECK(checked > 1000);
    CHECK_EQ_INT(failures, 0);
}

TEST(names_round_trip)
{
    // Every Hangul and algorithmic name (cheap to look up), and every 61st stored name (a linear scan).
    char name[FT_UNICODE_NAME_MAX];
    int named = 0, scanned = 0;
    for (uint32_t cp = 0; cp <= FT_UNICODE_MAX_CODE_POINT; cp++) {
        int len = ft_unicode_name(cp, name, sizeof name);
        if (len == 0)
            continue;
        named++;
        CHECK(len > 0 && (size_t)len == strlen(name) && len < FT_UNICODE_NAME_MAX);
        char hex[16];
        int hex_len = snprintf(hex, sizeof hex, "-%04X", (unsigned)cp);
        bool computed = strncmp(name, "HANGUL SYLLABLE ", 16) == 0
                        || (len > hex_len && strcmp(name + len - hex_len, hex) == 0);
        if (!computed && named % 61 != 0)
            continue;
        scanned++;
        if (ft_unicode_lookup(name, (size_t)len) != (int32_t)cp) {
            printf("  U+%04X: lookup('%s') = %d\n", (unsigned)cp, name, (int)ft_unicode_lookup(name, (size_t)len));
            CHECK(false);
        }
        // A buffer one byte short gets nothing written but the same length back.
        char small[FT_UNICODE_NAME_MAX];
        small[0] = '#';
        CHECK_EQ_INT(ft_unicode_name(cp, small, (size_t)len), len);
        CHECK(small[0] == '#');
    }
    printf("  %d named code points, %d looked up\n", named, scanned);
    CHECK(named > 140000);
    CHECK_EQ_INT(ft_unicode_name(0x110000, name, sizeof name), 0);
    CHECK_EQ_INT(ft_unicode_name(0xFFFFFFFF, name, sizeof name), 0);
    CHECK_EQ_INT(ft_unicode_lookup("LATIN SMALL LETTER A\0", 21), -1);
}

TEST(whole_range_invariants)
{
    static const uint32_t beyond[] = {0x110000, 0x7FFFFFFF, 0x80000000, 0xFFFFFFFF};
    for (uint32_t cp = 0; cp < 0x110000 + 4; cp++) {
        uint32_t c = cp < 0x110000 ? cp : beyond[cp - 0x110000];
        FtUnicodeCategory cat = ft_unicode_category(c);
        CHECK((unsigned)cat < FT_UNICODE_CAT_COUNT);
        CHECK(ft_unicode_bidirectional(c) != NULL && ft_unicode_east_asian_width(c) != NULL);
        int dec = ft_unicode_decimal_value(c);
        CHECK(dec >= -1 && dec <= 9 && (dec >= 0) == ft_unicode_is_decimal(c));
        CHECK((ft_unicode_digit_value(c) >= 0) == ft_unicode_is_digit(c));
        CHECK((ft_unicode_numeric_value(c) != -1.0) == ft_unicode_is_numeric(c));
        CHECK(ft_unicode_is_alpha(c) == (cat >= FT_UNICODE_CAT_Lu && cat <= FT_UNICODE_CAT_Lo));
        uint32_t m[FT_UNICODE_CASE_MAX];
        int k = ft_unicode_to_casefold_full(c, m);
        CHECK(k >= 1 && k <= FT_UNICODE_CASE_MAX);
        uint32_t nfd[FT_UNICODE_DECOMPOSITION_MAX], nfc[FT_UNICODE_DECOMPOSITION_MAX];
        uint32_t again[FT_UNICODE_DECOMPOSITION_MAX];
        size_t nd = ft_unicode_normalize(FT_UNICODE_NFKD, &c, 1, nfd, FT_UNICODE_DECOMPOSITION_MAX);
        CHECK(nd >= 1 && nd <= FT_UNICODE_DECOMPOSITION_MAX);
        // NFC is idempotent, and NFC of the NFD is the NFC.
        size_t nc = ft_unicode_normalize(FT_UNICODE_NFC, &c, 1, nfc, FT_UNICODE_DECOMPOSITION_MAX);
        CHECK(nc >= 1 && nc <= FT_UNICODE_DECOMPOSITION_MAX);
        nd = ft_unicode_normalize(FT_UNICODE_NFD, &c, 1, nfd, FT_UNICODE_DECOMPOSITION_MAX);
        size_t na = ft_unicode_normalize(FT_UNICODE_NFC, nfd, nd, again, FT_UNICODE_DECOMPOSITION_MAX);
        CHECK(na == nc && memcmp(again, nfc, nc * sizeof(uint32_t)) == 0);
        if (cp >= 0x110000) {
            CHECK(cat == FT_UNICODE_CAT_Cn && nc == 1 && nfc[0] == c && m[0] == c && k == 1);
        }
    }
    CHECK(strcmp(ft_unicode_version(), "16.0.0") == 0);
    CHECK(strcmp(ft_unicode_category_name((FtUnicodeCategory)99), "Cn") == 0);
    FtUnicodeForm form;
    CHECK(!ft_unicode_form_from_name("nfc", &form) && !ft_unicode_form_from_name("", &form));
}

enum { READERS = 4 };

typedef struct {
    pthread_barrier_t *start;
    uint32_t first;
    uint64_t sum;
} Reader;

static uint64_t
checksum_range(uint32_t first)
{
    uint64_t sum = 0;
    for (uint32_t cp = first; cp < 0x110000; cp += 7) {
        uint32_t m[FT_UNICODE_CASE_MAX];
        int k = ft_unicode_to_upper_full(cp, m);
        sum = sum * 31 + (uint64_t)ft_unicode_category(cp) + (uint64_t)ft_unicode_combining(cp) * 7
              + (uint64_t)k * m[0] + (ft_unicode_is_xid_continue(cp) ? 13 : 0);
    }
    return sum;
}

static void *
reader_main(void *arg)
{
    Reader *r = arg;
    pthread_barrier_wait(r->start);
    r->sum = checksum_range(r->first);
    return NULL;
}

TEST(concurrent_readers_agree)
{
    pthread_barrier_t start;
    pthread_barrier_init(&start, NULL, READERS);
    Reader readers[READERS];
    pthread_t threads[READERS];
    for (int i = 0; i < READERS; i++) {
        readers[i] = (Reader){.start = &start, .first = (uint32_t)(i % 2), .sum = 0};
        CHECK(pthread_create(&threads[i], NULL, reader_main, &readers[i]) == 0);
    }
    for (int i = 0; i < READERS; i++)
        pthread_join(threads[i], NULL);
    pthread_barrier_destroy(&start);
    for (int i = 0; i < READERS; i++)
        CHECK(readers[i].sum == checksum_range(readers[i].first));
}

int
main(void)
{
    return ft_test_run_all();
}

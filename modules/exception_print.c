// modules/exception_print.c: printing an uncaught exception exactly as CPython 3.14 does when
// stderr is not a terminal (Lib/traceback.py's TracebackException.format, which 3.14's
// pythonrun.c reaches through traceback._print_exception_bltin), and the top level's handling of an
// uncaught exception (Python/pythonrun.c's _PyErr_PrintEx, handle_system_exit).
//
// The printer works in two steps, as traceback.py does:
//   1. capture: the exception, its __cause__/__context__ chain and exception-group members become a
//      tree of ExcInfo records (traceback.py's TracebackException), each with a list of frame
//      summaries (FtFrameSummary: file, positions, function name, source lines) read from the
//      traceback objects and the source files (linecache's rules);
//   2. format: the records become text: "Traceback (most recent call last):", one entry per frame
//      with the source line and the caret line (anchors for binary operators, subscripts and calls
//      found by re-parsing the source segment with ftpy's own parser), "[Previous line repeated N
//      more times]", chain messages, notes, the SyntaxError layout and exception-group boxes.
// Step 2 reads only the records, so the unit tests feed it frame summaries the oracle produced.
//
// Invariant: every text position follows traceback.py's units: AST and location-table columns are
// UTF-8 byte offsets, converted to code-point indexes (_byte_offset_to_character_offset) and to
// display columns (_display_width: East Asian wide characters count 2).
//
// Concurrency: everything runs on the calling thread; captured objects are read through their
// own locking (exception fields and traceback links under their critical sections); the scratch
// memory of a call is one arena private to that call. Nothing here is shared between threads.
//
// Missing (TODO(#4)): an interpreter-wide linecache (only the top level's -c text is shown for
// "<string>" frames, through ft_exception_handle_uncaught_source_steal);
// PEP 263 coding cookies when reading source (UTF-8 only); SyntaxError's keyword-typo search
// (_find_keyword_typos, which needs the exception's _metadata); colours.
#include <stdint.h>    // PTRDIFF_MAX SIZE_MAX
#include <stdio.h>     // fopen fread
#include <string.h>    // strlen strcmp memcpy

#include "modules/modules.h"

#include "compiler/arena.h"          // FtArena ft_arena_*
#include "compiler/ast.h"            // FtAst* FT_AST_*
#include "compiler/parser.h"         // ft_parse_string
#include "compiler/syntax_error.h"   // FtSyntaxError ft_syntax_error_clear
#include "objects/abstract.h"        // ft_object_call_* ft_object_is_instance
#include "objects/code.h"            // FtCodeObject ft_code_positions ft_code_line
#include "objects/dict.h"            // ft_dict_*
#include "objects/error.h"           // ft_error_* ft_exc_* FtBaseExceptionObject
#include "objects/frame.h"           // FtFrameObject FtTracebackObject
#include "objects/int.h"             // ft_int_check ft_int_as_int64
#include "objects/list.h"            // ft_list_*
#include "objects/object.h"          // ft_object_* FT_NONE
#include "objects/str.h"             // ft_str_* FtStrWriter
#include "objects/tuple.h"           // ft_tuple_*
#include "objects/type.h"            // ft_type_is_subtype
#include "objects/unicode_db.h"      // ft_unicode_is_space ft_unicode_east_asian_width
#include "runtime/object_lock.h"     // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/thread_state.h"    // ft_interp_main

// The internal API the unit tests use (tests/unit/modules/test_exception_print.c declares the same;
// TODO(#4): a modules/exception_print.h for it).
typedef struct FtFrameSummary {
    FtObject *filename;   // str
    FtObject *name;       // str
    int lineno;           // -1: None
    int end_lineno, colno, end_colno;   // -1: None
    FtObject *lines;      // str: FrameSummary._lines (the rstripped source lines lineno..end_lineno
                          // joined by "\n", plus "\n"), or NULL when lineno is None
} FtFrameSummary;

int ft_traceback_format_stack(const FtFrameSummary *frames, Ft_ssize n, FtStrWriter *out);
FtObject *ft_exception_format_ref(FtObject *exc);
// As ft_exception_format_ref, with exc printed as an exception group of `members` (a tuple of
// exceptions): tests the group layout until BaseExceptionGroup's fields exist (TODO(#4)).
FtObject *ft_exception_format_group_ref(FtObject *exc, FtObject *members);

// ft_exception_handle_uncaught_steal for the program's `-c` text: frames of `filename` (e.g.
// "<string>") show lines of `source`, as CPython 3.14 registers the -c source with linecache.
// programs/ftpy.c declares the same (TODO(#4): an interpreter-wide linecache instead).
int ft_exception_handle_uncaught_source_steal(FtObject *exc, const char *filename,
                                              const char *source);

// traceback.py's constants.
enum {
    RECURSIVE_CUTOFF = 3,
    MAX_GROUP_WIDTH = 15,
    MAX_GROUP_DEPTH = 10,
};

// sys.stdlib_module_names of CPython 3.14, sorted (printed by the oracle; for "Did you forget to
// import 'x'?").
static const char *const stdlib_module_names[] = {
    "__future__", "_abc", "_aix_support", "_android_support", "_apple_support", "_ast",
    "_ast_unparse", "_asyncio", "_bisect", "_blake2", "_bz2", "_codecs", "_codecs_cn", "_codecs_hk",
    "_codecs_iso2022", "_codecs_jp", "_codecs_kr", "_codecs_tw", "_collections", "_collections_abc",
    "_colorize", "_compat_pickle", "_contextvars", "_csv", "_ctypes", "_curses", "_curses_panel",
    "_datetime", "_dbm", "_decimal", "_elementtree", "_frozen_importlib",
    "_frozen_importlib_external", "_functools", "_gdbm", "_hashlib", "_heapq", "_hmac", "_imp",
    "_interpchannels", "_interpqueues", "_interpreters", "_io", "_ios_support", "_json", "_locale",
    "_lsprof", "_lzma", "_markupbase", "_md5", "_multibytecodec", "_multiprocessing", "_opcode",
    "_opcode_metadata", "_operator", "_osx_support", "_overlapped", "_pickle", "_posixshmem",
    "_posixsubprocess", "_py_abc", "_py_warnings", "_pydatetime", "_pydecimal", "_pyio", "_pylong",
    "_pyrepl", "_queue", "_random", "_remote_debugging", "_scproxy", "_sha1", "_sha2", "_sha3",
    "_signal", "_sitebuiltins", "_socket", "_sqlite3", "_sre", "_ssl", "_stat", "_statistics",
    "_string", "_strptime", "_struct", "_suggestions", "_symtable", "_sysconfig", "_thread",
    "_threading_local", "_tkinter", "_tokenize", "_tracemalloc", "_types", "_typing", "_uuid",
    "_warnings", "_weakref", "_weakrefset", "_winapi", "_wmi", "_zoneinfo", "_zstd", "abc",
    "annotationlib", "antigravity", "argparse", "array", "ast", "asyncio", "atexit", "base64",
    "bdb", "binascii", "bisect", "builtins", "bz2", "cProfile", "calendar", "cmath", "cmd", "code",
    "codecs", "codeop", "collections", "colorsys", "compileall", "compression", "concurrent",
    "configparser", "contextlib", "contextvars", "copy", "copyreg", "csv", "ctypes", "curses",
    "dataclasses", "datetime", "dbm", "decimal", "difflib", "dis", "doctest", "email", "encodings",
    "ensurepip", "enum", "errno", "faulthandler", "fcntl", "filecmp", "fileinput", "fnmatch",
    "fractions", "ftplib", "functools", "gc", "genericpath", "getopt", "getpass", "gettext", "glob",
    "graphlib", "grp", "gzip", "hashlib", "heapq", "hmac", "html", "http", "idlelib", "imaplib",
    "importlib", "inspect", "io", "ipaddress", "itertools", "json", "keyword", "linecache",
    "locale", "logging", "lzma", "mailbox", "marshal", "math", "mimetypes", "mmap", "modulefinder",
    "msvcrt", "multiprocessing", "netrc", "nt", "ntpath", "nturl2path", "numbers", "opcode",
    "operator", "optparse", "os", "pathlib", "pdb", "pickle", "pickletools", "pkgutil", "platform",
    "plistlib", "poplib", "posix", "posixpath", "pprint", "profile", "pstats", "pty", "pwd",
    "py_compile", "pyclbr", "pydoc", "pydoc_data", "pyexpat", "queue", "quopri", "random", "re",
    "readline", "reprlib", "resource", "rlcompleter", "runpy", "sched", "secrets", "select",
    "selectors", "shelve", "shlex", "shutil", "signal", "site", "smtplib", "socket", "socketserver",
    "sqlite3", "sre_compile", "sre_constants", "sre_parse", "ssl", "stat", "statistics", "string",
    "stringprep", "struct", "subprocess", "symtable", "sys", "sysconfig", "syslog", "tabnanny",
    "tarfile", "tempfile", "termios", "textwrap", "this", "threading", "time", "timeit", "tkinter",
    "token", "tokenize", "tomllib", "trace", "traceback", "tracemalloc", "tty", "turtle",
    "turtledemo", "types", "typing", "unicodedata", "unittest", "urllib", "uuid", "venv",
    "warnings", "wave", "weakref", "webbrowser", "winreg", "winsound", "wsgiref", "xml", "xmlrpc",
    "zipapp", "zipfile", "zipimport", "zlib", "zoneinfo",
};

// A run of code points in scratch memory (or borrowed from a caller's buffer).
typedef struct Span {
    const uint32_t *p;
    Ft_ssize n;
} Span;

typedef struct SpanList {
    Span *items;
    Ft_ssize n;
} SpanList;

static uint32_t *
scratch_cps(FtArena *arena, Ft_ssize n)
{
    return ft_arena_alloc(arena, (size_t)(n > 0 ? n : 1) * sizeof(uint32_t));
}

static Span
span_from_str(FtArena *arena, FtObject *s)
{
    Ft_ssize n = ft_str_length(s);
    uint32_t *p = scratch_cps(arena, n);
    if (p == NULL)
        return (Span){NULL, 0};
    for (Ft_ssize i = 0; i < n; i++)
        p[i] = ft_str_read_char(s, i);
    return (Span){p, n};
}

// Python's s[start:end] for non-negative bounds (clamped).
static Span
span_slice(Span s, Ft_ssize start, Ft_ssize end)
{
    if (start < 0)
        start = 0;
    if (end > s.n)
        end = s.n;
    if (start >= end)
        return (Span){s.p, 0};
    return (Span){s.p + start, end - start};
}

// Python's s[start:end] with Python's handling of negative bounds.
static Span
span_pyslice(Span s, Ft_ssize start, Ft_ssize end)
{
    if (start < 0)
        start = start + s.n < 0 ? 0 : start + s.n;
    if (end < 0)
        end = end + s.n < 0 ? 0 : end + s.n;
    return span_slice(s, start, end);
}

static bool
is_space(uint32_t c)
{
    return ft_unicode_is_space(c);
}

static bool
span_is_space(Span s)   // str.isspace(): non-empty and all whitespace
{
    if (s.n == 0)
        return false;
    for (Ft_ssize i = 0; i < s.n; i++) {
        if (!is_space(s.p[i]))
            return false;
    }
    return true;
}

static Span
span_lstrip(Span s)
{
    Ft_ssize i = 0;
    while (i < s.n && is_space(s.p[i]))
        i++;
    return (Span){s.p + i, s.n - i};
}

static Span
span_rstrip(Span s)
{
    while (s.n > 0 && is_space(s.p[s.n - 1]))
        s.n--;
    return s;
}

static Span
span_strip(Span s)
{
    return span_rstrip(span_lstrip(s));
}

static bool
span_is_ascii(Span s)
{
    for (Ft_ssize i = 0; i < s.n; i++) {
        if (s.p[i] > 0x7f)
            return false;
    }
    return true;
}

// str.splitlines()'s line boundaries.
static bool
is_line_break(uint32_t c)
{
    return c == '\n' || c == '\r' || c == 0x0b || c == 0x0c || c == 0x1c || c == 0x1d ||
           c == 0x1e || c == 0x85 || c == 0x2028 || c == 0x2029;
}

// str.splitlines(keepends); NULL items on allocation failure.
static SpanList
span_splitlines(FtArena *arena, Span s, bool keepends)
{
    Ft_ssize count = 0;
    for (Ft_ssize i = 0; i < s.n; i++) {
        if (is_line_break(s.p[i]) && !(s.p[i] == '\r' && i + 1 < s.n && s.p[i + 1] == '\n'))
            count++;
    }
    count++;
    SpanList list = {ft_arena_alloc(arena, (size_t)count * sizeof(Span)), 0};
    if (list.items == NULL)
        return list;
    Ft_ssize start = 0, i = 0;
    while (i < s.n) {
        if (!is_line_break(s.p[i])) {
            i++;
            continue;
        }
        Ft_ssize eol = i;
        i += (s.p[i] == '\r' && i + 1 < s.n && s.p[i + 1] == '\n') ? 2 : 1;
        list.items[list.n++] = (Span){s.p + start, (keepends ? i : eol) - start};
        start = i;
    }
    if (start < s.n)
        list.items[list.n++] = (Span){s.p + start, s.n - start};
    return list;
}

// str.split('\n').
static SpanList
span_split_newline(FtArena *arena, Span s)
{
    Ft_ssize count = 1;
    for (Ft_ssize i = 0; i < s.n; i++)
        count += s.p[i] == '\n';
    SpanList list = {ft_arena_alloc(arena, (size_t)count * sizeof(Span)), 0};
    if (list.items == NULL)
        return list;
    Ft_ssize start = 0;
    for (Ft_ssize i = 0; i <= s.n; i++) {
        if (i == s.n || s.p[i] == '\n') {
            list.items[list.n++] = (Span){s.p + start, i - start};
            start = i + 1;
        }
    }
    return list;
}

// sep.join(list) into scratch memory.
static Span
span_join(FtArena *arena, SpanList list, uint32_t sep)
{
    Ft_ssize n = list.n > 0 ? list.n - 1 : 0;
    for (Ft_ssize i = 0; i < list.n; i++)
        n += list.items[i].n;
    uint32_t *p = scratch_cps(arena, n);
    if (p == NULL)
        return (Span){NULL, 0};
    Ft_ssize k = 0;
    for (Ft_ssize i = 0; i < list.n; i++) {
        if (i > 0)
            p[k++] = sep;
        memcpy(p + k, list.items[i].p, (size_t)list.items[i].n * sizeof(uint32_t));
        k += list.items[i].n;
    }
    return (Span){p, n};
}

// textwrap.dedent (3.14: blank lines become empty; the margin is the common ' '/'\t' prefix of the
// lexicographically smallest and largest non-blank lines).
static Span
span_dedent(FtArena *arena, Span text)
{
    SpanList lines = span_split_newline(arena, text);
    if (lines.items == NULL)
        return (Span){NULL, 0};
    Span lo = {NULL, 0}, hi = {NULL, 0};
    bool any = false;
    for (Ft_ssize i = 0; i < lines.n; i++) {
        Span l = lines.items[i];
        if (l.n == 0 || span_is_space(l))
            continue;
        if (!any) {
            lo = hi = l;
            any = true;
            continue;
        }
        Ft_ssize m = l.n < lo.n ? l.n : lo.n, k = 0;
        while (k < m && l.p[k] == lo.p[k])
            k++;
        if (k < m ? l.p[k] < lo.p[k] : l.n < lo.n)
            lo = l;
        m = l.n < hi.n ? l.n : hi.n;
        k = 0;
        while (k < m && l.p[k] == hi.p[k])
            k++;
        if (k < m ? l.p[k] > hi.p[k] : l.n > hi.n)
            hi = l;
    }
    Ft_ssize margin = 0;
    for (Ft_ssize k = 0; k < lo.n; k++) {
        margin = k;
        uint32_t c = lo.p[k];
        if (k >= hi.n || c != hi.p[k] || (c != ' ' && c != '\t'))
            break;
    }
    for (Ft_ssize i = 0; i < lines.n; i++) {
        Span l = lines.items[i];
        lines.items[i] = span_is_space(l) ? (Span){l.p, 0} : span_slice(l, margin, l.n);
    }
    return span_join(arena, lines, '\n');
}

// _byte_offset_to_character_offset: the number of characters the first `offset` UTF-8 bytes of
// line decode to (a cut character counts as one replacement character).
static Ft_ssize
byte_to_char_offset(Span line, Ft_ssize offset)
{
    Ft_ssize bytes = 0, chars = 0;
    for (Ft_ssize i = 0; i < line.n && bytes < offset; i++) {
        uint32_t c = line.p[i];
        bytes += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
        chars++;
    }
    return chars;
}

// _display_width(line, offset); offset < 0 means the whole line.
static Ft_ssize
display_width(Span line, Ft_ssize offset)
{
    if (offset < 0)
        offset = line.n;
    if (span_is_ascii(line))
        return offset;
    Ft_ssize w = 0;
    for (Ft_ssize i = 0; i < line.n && i < offset; i++) {
        const char *eaw = ft_unicode_east_asian_width(line.p[i]);
        w += (eaw != NULL && (strcmp(eaw, "W") == 0 || strcmp(eaw, "F") == 0)) ? 2 : 1;
    }
    return w;
}

static void
push_span(FtStrWriter *w, Span s)
{
    for (Ft_ssize i = 0; i < s.n; i++)
        ft_str_writer_push(w, s.p[i]);
}

static void
push_str(FtStrWriter *w, FtObject *s)
{
    ft_str_writer_push_substr(w, s, 0, ft_str_length(s));
}

static void
push_int(FtStrWriter *w, long long v)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    ft_str_writer_push_ascii(w, buf);
}

// textwrap.indent(text, prefix, lambda line: True).
static void
push_indented(FtArena *arena, FtStrWriter *w, const char *prefix, Span text)
{
    SpanList lines = span_splitlines(arena, text, true);
    for (Ft_ssize i = 0; i < lines.n; i++) {
        ft_str_writer_push_ascii(w, prefix);
        push_span(w, lines.items[i]);
    }
}

// The text written so far to a scratch writer, as a span that stays valid until the next push.
static Span
writer_span(const FtStrWriter *w)
{
    return (Span){w->cps, w->len};
}

// Code points to NUL-terminated UTF-8 in scratch memory.
static char *
span_to_utf8(FtArena *arena, Span prefix, Span s, Span suffix, size_t *len)
{
    size_t cap = (size_t)(prefix.n + s.n + suffix.n) * 4 + 1;
    char *buf = ft_arena_alloc(arena, cap);
    if (buf == NULL)
        return NULL;
    size_t k = 0;
    const Span parts[3] = {prefix, s, suffix};
    for (int part = 0; part < 3; part++) {
        for (Ft_ssize i = 0; i < parts[part].n; i++) {
            uint32_t c = parts[part].p[i];
            if (c < 0x80) {
                buf[k++] = (char)c;
            } else if (c < 0x800) {
                buf[k++] = (char)(0xc0 | (c >> 6));
                buf[k++] = (char)(0x80 | (c & 0x3f));
            } else if (c < 0x10000) {
                buf[k++] = (char)(0xe0 | (c >> 12));
                buf[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
                buf[k++] = (char)(0x80 | (c & 0x3f));
            } else {
                buf[k++] = (char)(0xf0 | (c >> 18));
                buf[k++] = (char)(0x80 | ((c >> 12) & 0x3f));
                buf[k++] = (char)(0x80 | ((c >> 6) & 0x3f));
                buf[k++] = (char)(0x80 | (c & 0x3f));
            }
        }
    }
    buf[k] = '\0';
    *len = k;
    return buf;
}

// ast.parse(text) with ftpy's parser; NULL when the text does not parse (any error is swallowed,
// as traceback.py's suppress() does).
static FtAstMod *
parse_module(FtArena *arena, Span prefix, Span text, Span suffix)
{
    size_t len;
    char *src = span_to_utf8(arena, prefix, text, suffix, &len);
    if (src == NULL)
        return NULL;
    FtSyntaxError err;
    memset(&err, 0, sizeof err);
    FtAstMod *mod = ft_parse_string(src, len, FT_PARSE_FILE, arena, &err);
    ft_syntax_error_clear(&err);
    if (mod == NULL || mod->kind != FT_AST_MOD_MODULE)
        return NULL;
    return mod;
}

// Caret anchors (traceback.py's _Anchors): the secondary range runs from (left_line, left_col) to
// before (right_line, right_col); positions index the segment's lines.
typedef struct Anchors {
    Ft_ssize left_line, left_col, right_line, right_col;
} Anchors;

typedef struct SegmentCursor {
    SpanList lines;
    bool failed;   // an IndexError or AssertionError in traceback.py: no anchors
} SegmentCursor;

static Ft_ssize
seg_normalize(SegmentCursor *c, Ft_ssize line, Ft_ssize byte_offset)
{
    if (line < 0 || line >= c->lines.n) {
        c->failed = true;
        return 0;
    }
    return byte_to_char_offset(c->lines.items[line], byte_offset);
}

static void
seg_next_valid(SegmentCursor *c, Ft_ssize *line, Ft_ssize *col)
{
    while (*line < c->lines.n && *col >= c->lines.items[*line].n) {
        *col = 0;
        (*line)++;
    }
    if (!(*line < c->lines.n && *col < c->lines.items[*line].n))
        c->failed = true;
}

enum { STOP_NOT_SPACE_OR_PAREN, STOP_BRACKET, STOP_PAREN };

static bool
seg_stop(int kind, uint32_t ch)
{
    switch (kind) {
    case STOP_NOT_SPACE_OR_PAREN:
        return !is_space(ch) && ch != ')';
    case STOP_BRACKET:
        return ch == '[';
    default:
        return ch == '(';
    }
}

static void
seg_increment_until(SegmentCursor *c, Ft_ssize *line, Ft_ssize *col, int stop)
{
    while (!c->failed) {
        if (*line < 0 || *line >= c->lines.n || *col < 0 || *col >= c->lines.items[*line].n) {
            c->failed = true;
            return;
        }
        uint32_t ch = c->lines.items[*line].p[*col];
        if (ch == '\\' || ch == '#') {
            *col = 0;
            (*line)++;
            seg_next_valid(c, line, col);
        } else if (!seg_stop(stop, ch)) {
            (*col)++;
            seg_next_valid(c, line, col);
        } else {
            return;
        }
    }
}

// The end of expr in segment coordinates (the parse added "(\n" before the segment).
static void
seg_end_of(SegmentCursor *c, const FtAstExpr *expr, bool force_valid, Ft_ssize *line,
           Ft_ssize *col)
{
    *line = expr->end_lineno - 2;
    *col = seg_normalize(c, *line, expr->end_col_offset);
    if (force_valid && !c->failed)
        seg_next_valid(c, line, col);
}

// _extract_caret_anchors_from_line_segment. Returns true with *out filled when anchors exist.
static bool
extract_anchors(FtArena *arena, Span segment, Anchors *out)
{
    static const uint32_t open_cps[2] = {'(', '\n'}, close_cps[2] = {'\n', ')'};
    FtAstMod *mod = parse_module(arena, (Span){open_cps, 2}, segment, (Span){close_cps, 2});
    if (mod == NULL || mod->v.module.body == NULL || mod->v.module.body->size != 1)
        return false;
    const FtAstStmt *stmt = mod->v.module.body->items[0];
    if (stmt->kind != FT_AST_STMT_EXPR)
        return false;
    const FtAstExpr *expr = stmt->v.expr.value;
    SegmentCursor c = {span_splitlines(arena, segment, false), false};
    if (c.lines.items == NULL)
        return false;
    Ft_ssize line, col, rline, rcol;
    switch (expr->kind) {
    case FT_AST_EXPR_BIN_OP: {
        seg_end_of(&c, expr->v.bin_op.left, true, &line, &col);
        seg_increment_until(&c, &line, &col, STOP_NOT_SPACE_OR_PAREN);
        if (c.failed)
            return false;
        Ft_ssize right_col = col + 1;
        Span l = c.lines.items[line];
        const FtAstExpr *right = expr->v.bin_op.right;
        if (right_col < l.n) {
            bool before_right = right->lineno - 2 > line ||
                                right_col < seg_normalize(&c, right->lineno - 2, right->col_offset);
            if (c.failed)
                return false;
            uint32_t ch = l.p[right_col];
            if (before_right && !is_space(ch) && ch != '\\' && ch != '#')
                right_col++;
        }
        *out = (Anchors){line, col, line, right_col};
        return true;
    }
    case FT_AST_EXPR_SUBSCRIPT:
    case FT_AST_EXPR_CALL: {
        bool call = expr->kind == FT_AST_EXPR_CALL;
        seg_end_of(&c, call ? expr->v.call.func : expr->v.subscript.value, true, &line, &col);
        if (!c.failed)
            seg_increment_until(&c, &line, &col, call ? STOP_PAREN : STOP_BRACKET);
        if (!c.failed)
            seg_end_of(&c, expr, false, &rline, &rcol);
        if (c.failed)
            return false;
        *out = (Anchors){line, col, rline, rcol};
        return true;
    }
    default:
        return false;
    }
}

// StackSummary._should_show_carets.
static bool
should_show_carets(FtArena *arena, Ft_ssize start_offset, Ft_ssize end_offset, SpanList all,
                   bool have_anchors)
{
    Span text = span_join(arena, all, '\n');
    FtAstMod *mod = text.p != NULL ? parse_module(arena, (Span){NULL, 0}, text, (Span){NULL, 0})
                                   : NULL;
    if (mod != NULL) {
        if (mod->v.module.body == NULL || mod->v.module.body->size == 0)
            return false;
        const FtAstStmt *stmt = mod->v.module.body->items[0];
        const FtAstExpr *value = NULL;
        if (stmt->kind == FT_AST_STMT_RETURN && stmt->v.return_.value != NULL &&
            stmt->v.return_.value->kind == FT_AST_EXPR_CALL &&
            stmt->v.return_.value->v.call.func->kind == FT_AST_EXPR_NAME)
            value = stmt->v.return_.value;
        if (stmt->kind == FT_AST_STMT_ASSIGN && stmt->v.assign.value->kind == FT_AST_EXPR_CALL &&
            stmt->v.assign.targets->size == 1 &&
            ((const FtAstExpr *)stmt->v.assign.targets->items[0])->kind == FT_AST_EXPR_NAME)
            value = stmt->v.assign.value;
        // The AST's byte columns are compared with character offsets, as traceback.py does.
        if (value != NULL && value->lineno == 1 && value->end_lineno == all.n &&
            value->col_offset == start_offset && value->end_col_offset == end_offset)
            return false;
    }
    if (have_anchors)
        return true;
    Span first = all.items[0], last = all.items[all.n - 1];
    if (span_lstrip(span_slice(first, 0, start_offset)).n > 0)
        return true;
    return span_rstrip(span_slice(last, end_offset, last.n)).n > 0;
}

// One source line and its caret line (format_frame_summary's output_line).
typedef struct CaretPlan {
    SpanList all;
    bool show, anchored;
    Anchors anchors;
    Ft_ssize dp_start, dp_end, left_end, right_start;
    uint32_t primary, secondary;
} CaretPlan;

static void
output_line(FtStrWriter *res, const CaretPlan *plan, Ft_ssize lineno)
{
    Span line = plan->all.items[lineno];
    push_span(res, line);
    ft_str_writer_push(res, '\n');
    if (!plan->show)
        return;
    Ft_ssize num_spaces = line.n - span_lstrip(line).n;
    Ft_ssize num_carets = lineno == plan->all.n - 1 ? plan->dp_end : display_width(line, -1);
    const Anchors *a = &plan->anchors;
    for (Ft_ssize col = 0; col < num_carets; col++) {
        if (col < num_spaces || (lineno == 0 && col < plan->dp_start)) {
            ft_str_writer_push(res, ' ');
        } else if (plan->anchored &&
                   (lineno > a->left_line || (lineno == a->left_line && col >= plan->left_end)) &&
                   (lineno < a->right_line ||
                    (lineno == a->right_line && col < plan->right_start))) {
            ft_str_writer_push(res, plan->secondary);
        } else {
            ft_str_writer_push(res, plan->primary);
        }
    }
    ft_str_writer_push(res, '\n');
}

// The source lines and carets of one frame with column information (the `else` branch of
// StackSummary.format_frame_summary). Returns false when the positions do not fit the lines, in
// which case the caller shows the first line only.
static bool
format_frame_source(FtArena *arena, const FtFrameSummary *fs, Span original, Span dedented,
                    FtStrWriter *row)
{
    SpanList orig = span_splitlines(arena, original, false);
    Ft_ssize last_index = (Ft_ssize)fs->end_lineno - fs->lineno;
    if (orig.items == NULL || orig.n == 0 || last_index < 0 || last_index >= orig.n)
        return false;
    Span first_line = orig.items[0], last_line = orig.items[last_index];
    Ft_ssize start_offset = byte_to_char_offset(first_line, fs->colno);
    Ft_ssize end_offset = byte_to_char_offset(last_line, fs->end_colno);

    CaretPlan plan = {.primary = '^', .secondary = '^'};
    plan.all = span_splitlines(arena, dedented, false);
    if (plan.all.items == NULL || plan.all.n == 0)
        return false;
    if (plan.all.n > last_index + 1)
        plan.all.n = last_index + 1;
    SpanList all = plan.all;
    Span last_all = all.items[all.n - 1];

    Ft_ssize dedent_chars = first_line.n - all.items[0].n;
    start_offset = start_offset - dedent_chars > 0 ? start_offset - dedent_chars : 0;
    end_offset = end_offset - dedent_chars > 0 ? end_offset - dedent_chars : 0;
    plan.dp_start = display_width(all.items[0], start_offset);
    plan.dp_end = display_width(last_all, end_offset);

    Span segment = span_join(arena, all, '\n');
    segment = span_pyslice(segment, start_offset, segment.n - (last_all.n - end_offset));
    plan.anchored = extract_anchors(arena, segment, &plan.anchors);
    plan.show = should_show_carets(arena, start_offset, end_offset, all, plan.anchored);

    bool *significant = ft_arena_alloc(arena, (size_t)all.n * sizeof(bool));
    if (significant == NULL)
        return false;
    memset(significant, 0, (size_t)all.n * sizeof(bool));
    significant[0] = significant[all.n - 1] = true;
    if (plan.anchored) {
        Anchors *a = &plan.anchors;
        if (a->left_line < 0 || a->left_line >= all.n || a->right_line < 0 ||
            a->right_line >= all.n)
            return false;
        plan.left_end = a->left_col + (a->left_line == 0 ? start_offset : 0);
        plan.right_start = a->right_col + (a->right_line == 0 ? start_offset : 0);
        plan.left_end = display_width(all.items[a->left_line], plan.left_end);
        plan.right_start = display_width(all.items[a->right_line], plan.right_start);
        plan.primary = '~';
        plan.secondary = '^';
        for (Ft_ssize d = -1; d <= 1; d++) {
            if (a->left_line + d >= 0 && a->left_line + d < all.n)
                significant[a->left_line + d] = true;
            if (a->right_line + d >= 0 && a->right_line + d < all.n)
                significant[a->right_line + d] = true;
        }
    }

    FtStrWriter res = {0};
    Ft_ssize prev = -1;
    for (Ft_ssize i = 0; i < all.n; i++) {
        if (!significant[i])
            continue;
        if (prev >= 0) {
            Ft_ssize diff = i - prev;
            if (diff == 2) {
                output_line(&res, &plan, i - 1);
            } else if (diff > 2) {
                ft_str_writer_push_ascii(&res, "...<");
                push_int(&res, diff - 1);
                ft_str_writer_push_ascii(&res, " lines>...\n");
            }
        }
        output_line(&res, &plan, i);
        prev = i;
    }
    Span block = span_dedent(arena, writer_span(&res));
    push_indented(arena, row, "    ", block);
    ft_str_writer_discard(&res);
    return true;
}

// StackSummary.format_frame_summary (no locals, no colours).
static void
format_frame_summary(FtArena *arena, const FtFrameSummary *fs, FtStrWriter *row)
{
    ft_str_writer_push_ascii(row, "  File \"");
    Ft_ssize flen = ft_str_length(fs->filename);
    bool stdin_name = flen >= 8 && ft_str_read_char(fs->filename, flen - 1) == '>';
    static const char stdin_prefix[] = "<stdin-";
    for (int i = 0; stdin_name && i < 7; i++)
        stdin_name = ft_str_read_char(fs->filename, i) == (uint32_t)stdin_prefix[i];
    if (stdin_name)
        ft_str_writer_push_ascii(row, "<stdin>");
    else
        push_str(row, fs->filename);
    ft_str_writer_push_ascii(row, "\", line ");
    if (fs->lineno < 0)
        ft_str_writer_push_ascii(row, "None");
    else
        push_int(row, fs->lineno);
    ft_str_writer_push_ascii(row, ", in ");
    push_str(row, fs->name);
    ft_str_writer_push(row, '\n');
    if (fs->lines == NULL)
        return;
    Span original = span_from_str(arena, fs->lines);
    Span dedented = span_dedent(arena, original);
    if (dedented.n == 0 || span_strip(dedented).n == 0)
        return;
    if (fs->colno >= 0 && fs->end_colno >= 0 && fs->end_lineno >= 0 &&
        format_frame_source(arena, fs, original, dedented, row))
        return;
    // Only the first line, stripped, when column information is missing.
    Ft_ssize k = 0;
    while (k < original.n && original.p[k] != '\n')
        k++;
    Span line = span_strip((Span){original.p, k});
    if (line.n > 0)
        ft_str_writer_push_ascii(row, "    ");
    push_span(row, line);
    ft_str_writer_push(row, '\n');
}

static bool
summary_same_place(const FtFrameSummary *a, const FtFrameSummary *b)
{
    return a->lineno == b->lineno && ft_str_equal(a->filename, b->filename) &&
           ft_str_equal(a->name, b->name);
}

static void
push_repeated(FtStrWriter *out, Ft_ssize count)
{
    ft_str_writer_push_ascii(out, "  [Previous line repeated ");
    push_int(out, count);
    ft_str_writer_push_ascii(out, count > 1 ? " more times]\n" : " more time]\n");
}

// StackSummary.format into out, with every line prefixed by `prefix` (the exception-group margin).
static void
format_stack(FtArena *arena, const FtFrameSummary *frames, Ft_ssize n, const char *prefix,
             FtStrWriter *out)
{
    Ft_ssize count = 0;
    const FtFrameSummary *last = NULL;
    FtStrWriter row = {0};
    for (Ft_ssize i = 0; i < n; i++) {
        const FtFrameSummary *fs = &frames[i];
        if (last == NULL || last->lineno < 0 || fs->lineno < 0 || !summary_same_place(last, fs)) {
            if (count > RECURSIVE_CUTOFF) {
                FtStrWriter rep = {0};
                push_repeated(&rep, count - RECURSIVE_CUTOFF);
                push_indented(arena, out, prefix, writer_span(&rep));
                ft_str_writer_discard(&rep);
            }
            last = fs;
            count = 0;
        }
        count++;
        if (count > RECURSIVE_CUTOFF)
            continue;
        row.len = 0;
        format_frame_summary(arena, fs, &row);
        push_indented(arena, out, prefix, writer_span(&row));
    }
    if (count > RECURSIVE_CUTOFF) {
        FtStrWriter rep = {0};
        push_repeated(&rep, count - RECURSIVE_CUTOFF);
        push_indented(arena, out, prefix, writer_span(&rep));
        ft_str_writer_discard(&rep);
    }
    ft_str_writer_discard(&row);
}

int
ft_traceback_format_stack(const FtFrameSummary *frames, Ft_ssize n, FtStrWriter *out)
{
    FtArena *arena = ft_arena_new();
    if (arena == NULL) {
        ft_error_set_none(&ft_exc_memory_error);
        return -1;
    }
    format_stack(arena, frames, n, "", out);
    ft_arena_free(arena);
    return 0;
}

typedef struct SourceFile {
    FtObject *filename;   // borrowed from a kept code object
    SpanList lines;       // empty when the file cannot be read
} SourceFile;

typedef struct Capture {
    FtArena *arena;
    FtObject **keep;       // references released when the capture ends
    Ft_ssize nkeep, capkeep;
    const FtObject **seen;   // the exceptions already captured (traceback.py's _seen, by identity)
    Ft_ssize nseen, capseen;
    SourceFile *files;
    Ft_ssize nfiles, capfiles;
    Ft_ssize limit;          // sys.tracebacklimit, -1 when unset
    bool nomem;
    const FtObject *group;   // an exception to treat as a group of group_members, or NULL
    FtObject *group_members;
    const char *extra_filename;   // a pseudo-file whose lines are extra_source (or NULL)
    const char *extra_source;
} Capture;

typedef struct ExcInfo ExcInfo;
struct ExcInfo {
    const FtObject *exc;             // identity only
    FtFrameSummary *stack;
    Ft_ssize nstack;
    FtObject *str;                   // str(exc) or "<exception str() failed>", plus a suggestion
    FtObject *notes;                 // __notes__, NULL for None
    FtObject *notes_error;           // "Ignored error getting __notes__: ..." or NULL
    FtObject *type_str;              // exc_type_str
    bool is_syntax;
    FtObject *se_filename, *se_lineno, *se_end_lineno, *se_text, *se_offset, *se_end_offset,
        *se_msg;                     // SyntaxError attributes, NULL for None
    bool suppress_context;
    ExcInfo *cause, *context;
    ExcInfo **exceptions;            // NULL unless an exception group
    Ft_ssize nexceptions;
};

// Grows an arena array of elem-sized items to hold one more.
static void *
grow(Capture *cap, void *items, Ft_ssize n, Ft_ssize *capacity, size_t elem)
{
    if (n < *capacity)
        return items;
    Ft_ssize newcap = *capacity > 0 ? *capacity * 2 : 16;
    void *p = ft_arena_alloc(cap->arena, (size_t)newcap * elem);
    if (p == NULL) {
        cap->nomem = true;
        return NULL;
    }
    if (n > 0)
        memcpy(p, items, (size_t)n * elem);
    *capacity = newcap;
    return p;
}

// Keeps op (a new reference, or NULL) alive until the capture ends; returns it.
static FtObject *
keep(Capture *cap, FtObject *op)
{
    if (op == NULL)
        return NULL;
    FtObject **k = grow(cap, cap->keep, cap->nkeep, &cap->capkeep, sizeof(FtObject *));
    if (k == NULL) {
        ft_decref(op);
        return NULL;
    }
    cap->keep = k;
    cap->keep[cap->nkeep++] = op;
    return op;
}

static bool
seen_has(const Capture *cap, const FtObject *exc)
{
    for (Ft_ssize i = 0; i < cap->nseen; i++) {
        if (cap->seen[i] == exc)
            return true;
    }
    return false;
}

static void
seen_add(Capture *cap, const FtObject *exc)
{
    const FtObject **s = grow(cap, (void *)cap->seen, cap->nseen, &cap->capseen,
                              sizeof(FtObject *));
    if (s == NULL)
        return;
    cap->seen = s;
    cap->seen[cap->nseen++] = exc;
}

// getattr(op, name) as a kept reference, or NULL for a missing attribute, None or any error
// (which is cleared: the printer must not fail on a misbehaving exception).
static FtObject *
attr_or_null(Capture *cap, FtObject *op, const char *name)
{
    FtObject *v = ft_object_get_attr_cstr_ref(op, name);
    if (v == NULL) {
        ft_error_restore_steal(NULL);
        return NULL;
    }
    if (v == FT_NONE) {
        ft_decref(v);
        return NULL;
    }
    return keep(cap, v);
}

// _safe_string(value, what, func): str() or repr(), or "<what str() failed>".
static FtObject *
safe_string(Capture *cap, FtObject *value, const char *what, bool use_repr)
{
    FtObject *s = use_repr ? ft_object_repr_ref(value) : ft_object_str_ref(value);
    if (s == NULL) {
        ft_error_restore_steal(NULL);
        s = ft_str_from_format_ref("<%s %s() failed>", what, use_repr ? "repr" : "str");
    }
    return keep(cap, s);
}

static SpanList split_source(Capture *cap, SourceFile *entry, const char *buf, size_t size);

// The rstripped source lines of a file, read once per capture (linecache.getline's rules: no
// "<...>" pseudo-files; relative names are also searched on sys.path).
static SpanList
source_lines(Capture *cap, FtObject *filename)
{
    for (Ft_ssize i = 0; i < cap->nfiles; i++) {
        if (ft_str_equal(cap->files[i].filename, filename))
            return cap->files[i].lines;
    }
    SourceFile *f = grow(cap, cap->files, cap->nfiles, &cap->capfiles, sizeof(SourceFile));
    if (f == NULL)
        return (SpanList){NULL, 0};
    cap->files = f;
    SourceFile *entry = &cap->files[cap->nfiles++];
    entry->filename = filename;
    entry->lines = (SpanList){NULL, 0};

    Ft_ssize flen = ft_str_length(filename);
    size_t size = 0, capacity = 4096;
    char *buf = NULL;
    if (cap->extra_filename != NULL && ft_str_equal_cstr(filename, cap->extra_filename)) {
        size = strlen(cap->extra_source);
        buf = ft_arena_alloc(cap->arena, size + 1);
        if (buf == NULL)
            return entry->lines;
        memcpy(buf, cap->extra_source, size);
        return split_source(cap, entry, buf, size);
    }
    if (flen == 0 || (ft_str_read_char(filename, 0) == '<' &&
                      ft_str_read_char(filename, flen - 1) == '>'))
        return entry->lines;
    const char *path = ft_str_as_utf8(filename, NULL);
    if (path == NULL) {
        ft_error_restore_steal(NULL);
        return entry->lines;
    }
    FILE *fp = fopen(path, "rb");
    if (fp == NULL && path[0] != '/') {
        FtObject *sys_path = ft_sys_get_ref("path");
        const char *base = strrchr(path, '/') != NULL ? strrchr(path, '/') + 1 : path;
        for (Ft_ssize i = 0; fp == NULL && sys_path != NULL && ft_list_check(sys_path); i++) {
            FtObject *dir = ft_list_get_item_ref(sys_path, i);
            if (dir == NULL) {
                ft_error_restore_steal(NULL);
                break;
            }
            const char *d = ft_str_check(dir) ? ft_str_as_utf8(dir, NULL) : NULL;
            if (d != NULL) {
                size_t n = strlen(d) + strlen(base) + 2;
                char *full = ft_arena_alloc(cap->arena, n);
                if (full != NULL) {
                    snprintf(full, n, "%s%s%s", d, (d[0] && d[strlen(d) - 1] != '/') ? "/" : "",
                             base);
                    fp = fopen(full, "rb");
                }
            }
            ft_error_restore_steal(NULL);
            ft_decref(dir);
        }
        ft_xdecref(sys_path);
    }
    if (fp == NULL)
        return entry->lines;
    buf = ft_arena_alloc(cap->arena, capacity);
    while (buf != NULL) {
        size_t got = fread(buf + size, 1, capacity - size, fp);
        size += got;
        if (size < capacity)
            break;
        char *bigger = ft_arena_alloc(cap->arena, capacity * 2);
        if (bigger != NULL)
            memcpy(bigger, buf, size);
        buf = bigger;
        capacity *= 2;
    }
    fclose(fp);
    if (buf == NULL)
        return entry->lines;
    return split_source(cap, entry, buf, size);
}

// Decodes source text (UTF-8, an optional BOM) into entry's rstripped lines, split as readlines()
// with universal newlines does.
static SpanList
split_source(Capture *cap, SourceFile *entry, const char *buf, size_t size)
{
    const char *text = buf;
    if (size >= 3 && memcmp(buf, "\xef\xbb\xbf", 3) == 0) {
        text += 3;
        size -= 3;
    }
    FtObject *decoded = ft_str_from_utf8_ref(text, (Ft_ssize)size);
    if (decoded == NULL) {
        ft_error_restore_steal(NULL);   // TODO(#4): PEP 263 coding cookies
        return entry->lines;
    }
    Span all = span_from_str(cap->arena, decoded);
    ft_decref(decoded);
    // readlines() with universal newlines: only \n, \r\n and \r end a line.
    Ft_ssize count = 1;
    for (Ft_ssize i = 0; i < all.n; i++)
        count += all.p[i] == '\n' || (all.p[i] == '\r' && !(i + 1 < all.n && all.p[i + 1] == '\n'));
    Span *items = ft_arena_alloc(cap->arena, (size_t)count * sizeof(Span));
    if (items == NULL)
        return entry->lines;
    Ft_ssize n = 0, start = 0;
    for (Ft_ssize i = 0; i < all.n; i++) {
        if (all.p[i] != '\n' && all.p[i] != '\r')
            continue;
        items[n++] = span_rstrip((Span){all.p + start, i - start});
        if (all.p[i] == '\r' && i + 1 < all.n && all.p[i + 1] == '\n')
            i++;
        start = i + 1;
    }
    if (start < all.n)
        items[n++] = span_rstrip((Span){all.p + start, all.n - start});
    entry->lines = (SpanList){items, n};
    return entry->lines;
}

// FrameSummary._lines for the summary's line range, as a kept str.
static FtObject *
summary_lines(Capture *cap, FtObject *filename, int lineno, int end_lineno)
{
    SpanList lines = source_lines(cap, filename);
    FtStrWriter w = {0};
    for (int ln = lineno; ln <= end_lineno && ln - lineno < 100000; ln++) {
        if (ln >= 1 && ln <= lines.n)
            push_span(&w, lines.items[ln - 1]);
        if (ln < end_lineno)
            ft_str_writer_push(&w, '\n');
    }
    ft_str_writer_push(&w, '\n');
    FtObject *s = ft_str_writer_finish_ref(&w);
    if (s == NULL) {
        ft_error_restore_steal(NULL);
        cap->nomem = true;
    }
    return keep(cap, s);
}

// The next entry of a traceback (a new reference or NULL), under its critical section.
static FtObject *
tb_next_ref(FtObject *tb)
{
    FtObject *next;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(tb);
    next = ((FtTracebackObject *)tb)->tb_next;
    if (next != NULL)
        ft_incref(next);
    FT_END_CRITICAL_SECTION_OBJECT();
    return next;
}

static FtFrame *
tb_interp_frame(FtObject *tb)
{
    return ((FtFrameObject *)((FtTracebackObject *)tb)->tb_frame)->frame;
}

// StackSummary._extract_from_extended_frame_gen(_walk_tb_with_full_positions(tb)), with
// sys.tracebacklimit applied as the built-in printer does (the last `limit` entries).
static void
capture_stack(Capture *cap, ExcInfo *info, FtObject *tb)
{
    Ft_ssize n = 0, capacity = 0;
    FtFrameSummary *frames = NULL;
    FtObject *cur = tb != NULL ? keep(cap, ft_new_ref(tb)) : NULL;
    while (cur != NULL && ft_traceback_check(cur) && n < 1000000) {
        FtFrameSummary *f = grow(cap, frames, n, &capacity, sizeof(FtFrameSummary));
        if (f == NULL)
            return;
        frames = f;
        FtTracebackObject *entry = (FtTracebackObject *)cur;
        FtCodeObject *code = (FtCodeObject *)tb_interp_frame(cur)->f_executable;
        FtFrameSummary *fs = &frames[n++];
        fs->filename = code->co_filename;
        fs->name = code->co_name;
        fs->lineno = fs->end_lineno = fs->colno = fs->end_colno = -1;
        if (entry->tb_lasti >= 0)
            ft_code_positions(code, entry->tb_lasti / 2, &fs->lineno, &fs->end_lineno, &fs->colno,
                              &fs->end_colno);
        if (fs->lineno < 0) {
            int line = entry->tb_lineno;
            if (line == -1 && entry->tb_lasti >= 0)
                line = ft_code_line(code, entry->tb_lasti / 2);
            fs->lineno = line < 0 ? -1 : line;
        }
        if (fs->end_lineno < 0)
            fs->end_lineno = fs->lineno;
        fs->lines = NULL;
        cur = keep(cap, tb_next_ref(cur));
    }
    if (cap->limit >= 0 && n > cap->limit) {
        frames += n - cap->limit;
        n = cap->limit;
    }
    for (Ft_ssize i = 0; i < n; i++) {
        if (frames[i].lineno >= 0)
            frames[i].lines = summary_lines(cap, frames[i].filename, frames[i].lineno,
                                            frames[i].end_lineno);
    }
    info->stack = frames;
    info->nstack = n;
}

// list.extend(iterable), reading a dict's keys directly (a snapshot under its critical section:
// no Python code runs while it is held, since the keys are only appended to a private list).
static int
extend_names(FtObject *list, FtObject *iterable)
{
    if (!ft_dict_check(iterable))
        return ft_list_extend(list, iterable);
    int r = 0;
    FtObject *keys = ft_list_new_ref(0);
    if (keys == NULL)
        return -1;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(iterable);
    Ft_ssize pos = 0;
    FtObject *key;
    while (r == 0 && ft_dict_next(iterable, &pos, &key, NULL))
        r = ft_list_append(keys, key);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (r == 0)
        r = ft_list_extend(list, keys);
    ft_decref(keys);
    return r;
}

// list(iterable) keeping only str items, optionally without "_" names, optionally sorted.
static FtObject *
name_list_ref(FtObject *iterable, bool drop_underscored, bool sort)
{
    FtObject *all = ft_list_new_ref(0);
    if (all == NULL || extend_names(all, iterable) < 0)
        goto error;
    FtObject *out = ft_list_new_ref(0);
    if (out == NULL)
        goto error;
    for (Ft_ssize i = 0; i < ft_list_size(all); i++) {
        FtObject *item = ft_list_get_item_ref(all, i);
        if (item == NULL)
            break;
        bool ok = ft_str_check(item) &&
                  !(drop_underscored && ft_str_length(item) > 0 && ft_str_read_char(item, 0) == '_');
        int r = ok ? ft_list_append(out, item) : 0;
        ft_decref(item);
        if (r < 0) {
            ft_decref(out);
            goto error;
        }
    }
    ft_decref(all);
    if (sort && ft_list_sort(out, NULL, false) < 0) {
        ft_decref(out);
        return NULL;
    }
    return out;
error:
    ft_xdecref(all);
    return NULL;
}

// _get_safe___dir__(obj): obj.__dir__(), or type(obj).__dir__(obj) on TypeError; sorted str only.
static FtObject *
safe_dir_ref(FtObject *obj, bool drop_underscored)
{
    FtObject *d = ft_object_call_method_cstr_ref(obj, "__dir__", NULL, 0);
    if (d == NULL && ft_object_type_check(ft_error_occurred_borrow(), &ft_exc_type_error)) {
        ft_error_restore_steal(NULL);
        FtObject *meth = ft_object_get_attr_cstr_ref((FtObject *)obj->ob_type, "__dir__");
        if (meth != NULL) {
            d = ft_object_call_one_arg_ref(meth, obj);
            ft_decref(meth);
        }
    }
    if (d == NULL)
        return NULL;
    FtObject *names = name_list_ref(d, drop_underscored, true);
    ft_decref(d);
    return names;
}

// The innermost frame object of a traceback, borrowed from the kept chain, or NULL.
static FtObject *
last_tb_frame(Capture *cap, FtObject *tb)
{
    FtObject *cur = tb;
    while (cur != NULL && ft_traceback_check(cur)) {
        FtObject *next = keep(cap, tb_next_ref(cur));
        if (next == NULL || !ft_traceback_check(next))
            return ((FtTracebackObject *)cur)->tb_frame;
        cur = next;
    }
    return NULL;
}

// _compute_suggestion_error: the suggested name as a kept str, or NULL.
static FtObject *
compute_suggestion(Capture *cap, FtObject *exc, FtObject *tb, FtObject *wrong_name)
{
    if (wrong_name == NULL || !ft_str_check(wrong_name))
        return NULL;
    bool underscored = ft_str_length(wrong_name) > 0 && ft_str_read_char(wrong_name, 0) == '_';
    FtObject *candidates = NULL;
    if (ft_object_type_check(exc, &ft_exc_attribute_error)) {
        FtObject *obj = ft_object_get_attr_cstr_ref(exc, "obj");
        if (obj == NULL)
            goto error;
        bool hide = !underscored;
        FtObject *frame = hide && tb != NULL ? last_tb_frame(cap, tb) : NULL;
        if (frame != NULL) {
            FtObject *locals = ft_object_get_attr_cstr_ref(frame, "f_locals");
            FtObject *self = NULL;
            if (locals != NULL && ft_dict_check(locals) &&
                ft_dict_get_item_str_ref(locals, "self", &self) > 0 && self == obj)
                hide = false;
            ft_xdecref(self);
            ft_xdecref(locals);
            if (ft_error_occurred()) {
                ft_decref(obj);
                goto error;
            }
        }
        candidates = safe_dir_ref(obj, hide);
        ft_decref(obj);
    } else if (ft_object_type_check(exc, &ft_exc_import_error)) {
        FtObject *mod_name = ft_object_get_attr_cstr_ref(exc, "name");
        FtObject *mod = mod_name != NULL && ft_str_check(mod_name)
                            ? ft_import_name_ref(mod_name, NULL, NULL, NULL, 0)
                            : NULL;
        ft_xdecref(mod_name);
        if (mod == NULL)
            goto error;
        candidates = safe_dir_ref(mod, !underscored);
        ft_decref(mod);
    } else {
        FtObject *frame = tb != NULL ? last_tb_frame(cap, tb) : NULL;
        if (frame == NULL)
            return NULL;
        FtObject *locals = keep(cap, ft_object_get_attr_cstr_ref(frame, "f_locals"));
        FtObject *globals = keep(cap, ft_object_get_attr_cstr_ref(frame, "f_globals"));
        FtObject *builtins = keep(cap, ft_object_get_attr_cstr_ref(frame, "f_builtins"));
        if (locals == NULL || globals == NULL || builtins == NULL)
            goto error;
        candidates = ft_list_new_ref(0);
        if (candidates == NULL || extend_names(candidates, locals) < 0 ||
            extend_names(candidates, globals) < 0 || extend_names(candidates, builtins) < 0)
            goto error;
        FtObject *strs = name_list_ref(candidates, false, false);
        ft_decref(candidates);
        candidates = strs;
        if (candidates == NULL)
            goto error;
        FtObject *self = NULL;
        if (ft_dict_check(locals) && ft_dict_get_item_str_ref(locals, "self", &self) > 0) {
            FtObject *found = NULL;
            int r = ft_object_lookup_attr(self, wrong_name, &found);
            ft_xdecref(found);
            ft_decref(self);
            if (r < 0)
                ft_error_restore_steal(NULL);
            if (r > 0) {
                ft_decref(candidates);
                return keep(cap, ft_str_from_format_ref("self.%U", wrong_name));
            }
        }
    }
    if (candidates == NULL)
        goto error;
    FtObject *best = ft_error_closest_name_ref(candidates, wrong_name);
    ft_decref(candidates);
    return keep(cap, best);
error:
    ft_xdecref(candidates);
    ft_error_restore_steal(NULL);
    return NULL;
}

static bool
is_stdlib_module_name(FtObject *name)
{
    size_t lo = 0, hi = sizeof stdlib_module_names / sizeof stdlib_module_names[0];
    const char *s = ft_str_as_utf8(name, NULL);
    if (s == NULL) {
        ft_error_restore_steal(NULL);
        return false;
    }
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        int c = strcmp(stdlib_module_names[mid], s);
        if (c == 0)
            return true;
        if (c < 0)
            lo = mid + 1;
        else
            hi = mid;
    }
    return false;
}

// Appends ". Did you mean: 'x'?" and the forgotten-import hint to info->str.
static void
add_suggestion(Capture *cap, ExcInfo *info, FtObject *exc, FtObject *tb)
{
    FtObject *wrong = NULL;
    bool name_error = ft_object_type_check(exc, &ft_exc_name_error);
    if (ft_object_type_check(exc, &ft_exc_import_error)) {
        wrong = attr_or_null(cap, exc, "name_from");
    } else if (name_error || ft_object_type_check(exc, &ft_exc_attribute_error)) {
        wrong = attr_or_null(cap, exc, "name");
    }
    if (wrong == NULL)
        return;
    FtObject *suggestion = compute_suggestion(cap, exc, tb, wrong);
    FtObject *s = info->str;
    if (suggestion != NULL)
        s = keep(cap, ft_str_from_format_ref("%U. Did you mean: '%U'?", s, suggestion));
    if (s != NULL && name_error && ft_str_check(wrong) && is_stdlib_module_name(wrong)) {
        s = keep(cap, ft_str_from_format_ref(suggestion != NULL ? "%U Or did you forget to import '%U'?"
                                                                : "%U. Did you forget to import '%U'?",
                                             s, wrong));
    }
    if (s != NULL)
        info->str = s;
    ft_error_restore_steal(NULL);
}

// The exception's type as traceback shows it: "module.Qualname", without "builtins"/"__main__".
static FtObject *
type_string(Capture *cap, FtObject *exc)
{
    FtObject *type = (FtObject *)exc->ob_type;
    FtObject *qualname = attr_or_null(cap, type, "__qualname__");
    FtObject *module = attr_or_null(cap, type, "__module__");
    if (qualname == NULL || !ft_str_check(qualname))
        qualname = keep(cap, ft_str_from_cstr_ref(exc->ob_type->tp_name));
    if (module != NULL && ft_str_check(module) &&
        (ft_str_equal_cstr(module, "__main__") || ft_str_equal_cstr(module, "builtins")))
        return qualname;
    if (module == NULL || !ft_str_check(module))
        return keep(cap, ft_str_from_format_ref("<unknown>.%U", qualname));
    return keep(cap, ft_str_from_format_ref("%U.%U", module, qualname));
}

static FtObject *
exc_traceback_ref(FtObject *exc)
{
    FtObject *tb;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(exc);
    tb = ((FtBaseExceptionObject *)exc)->traceback;
    if (tb != NULL)
        ft_incref(tb);
    FT_END_CRITICAL_SECTION_OBJECT();
    return tb;
}

// One TracebackException without its chain (adds exc to the seen set).
static ExcInfo *
exc_info_new(Capture *cap, FtObject *exc)
{
    ExcInfo *info = ft_arena_alloc(cap->arena, sizeof(ExcInfo));
    if (info == NULL) {
        cap->nomem = true;
        return NULL;
    }
    memset(info, 0, sizeof *info);
    info->exc = exc;
    seen_add(cap, exc);
    FtObject *tb = keep(cap, exc_traceback_ref(exc));
    capture_stack(cap, info, tb);
    info->str = safe_string(cap, exc, "exception", false);
    FtObject *notes = NULL;
    FtObject *notes_name = keep(cap, ft_str_from_cstr_ref("__notes__"));
    int r = notes_name != NULL ? ft_object_lookup_attr(exc, notes_name, &notes) : 0;
    if (r < 0) {
        FtObject *err = ft_error_occurred_borrow() ? ft_new_ref(ft_error_occurred_borrow()) : NULL;
        ft_error_restore_steal(NULL);
        FtObject *text = err != NULL ? safe_string(cap, err, "__notes__", true) : NULL;
        ft_xdecref(err);
        if (text != NULL)
            info->notes_error = keep(cap, ft_str_from_format_ref(
                                              "Ignored error getting __notes__: %U", text));
    } else if (notes != NULL && notes != FT_NONE) {
        info->notes = keep(cap, notes);
    } else {
        ft_xdecref(notes);
    }
    info->type_str = type_string(cap, exc);
    if (ft_object_type_check(exc, &ft_exc_syntax_error)) {
        info->is_syntax = true;
        info->se_filename = attr_or_null(cap, exc, "filename");
        FtObject *lineno = attr_or_null(cap, exc, "lineno");
        FtObject *end_lineno = attr_or_null(cap, exc, "end_lineno");
        info->se_lineno = lineno != NULL ? safe_string(cap, lineno, "lineno", false) : NULL;
        info->se_end_lineno = end_lineno != NULL ? safe_string(cap, end_lineno, "lineno", false)
                                                 : NULL;
        info->se_text = attr_or_null(cap, exc, "text");
        info->se_offset = attr_or_null(cap, exc, "offset");
        info->se_end_offset = attr_or_null(cap, exc, "end_offset");
        info->se_msg = attr_or_null(cap, exc, "msg");
    } else {
        add_suggestion(cap, info, exc, tb);
    }
    FtBaseExceptionObject *e = (FtBaseExceptionObject *)exc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(exc);
    info->suppress_context = e->suppress_context != 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    return info;
}

static bool
is_group(const Capture *cap, FtObject *exc)
{
    return exc == cap->group || ft_object_type_check(exc, &ft_exc_base_exception_group);
}

// TracebackException(type(exc), exc, exc.__traceback__, compact=True): the whole tree, built with
// traceback.py's work queue so that the seen set decides the same way.
static ExcInfo *
capture_tree(Capture *cap, FtObject *exc)
{
    ExcInfo *root = exc_info_new(cap, exc);
    if (root == NULL)
        return NULL;
    typedef struct Work { ExcInfo *info; FtObject *exc; } Work;
    Work *queue = NULL;
    Ft_ssize nqueue = 0, capqueue = 0;
    queue = grow(cap, queue, 0, &capqueue, sizeof(Work));
    if (queue == NULL)
        return root;
    queue[nqueue++] = (Work){root, exc};
    while (nqueue > 0 && !cap->nomem) {
        Work w = queue[--nqueue];
        FtObject *e = w.exc;
        FtObject *cause = keep(cap, ft_exception_get_cause_ref(e));
        FtObject *context = keep(cap, ft_exception_get_context_ref(e));
        ExcInfo *ci = NULL, *xi = NULL;
        if (cause != NULL && !seen_has(cap, cause))
            ci = exc_info_new(cap, cause);
        bool need_context = ci == NULL && !w.info->suppress_context;
        if (context != NULL && need_context && !seen_has(cap, context))
            xi = exc_info_new(cap, context);
        FtObject *members = NULL;
        if (is_group(cap, e)) {
            members = e == cap->group ? cap->group_members : attr_or_null(cap, e, "exceptions");
            if (members != NULL && ft_tuple_check(members)) {
                Ft_ssize n = ft_tuple_size(members);
                w.info->exceptions = ft_arena_alloc(cap->arena, (size_t)(n > 0 ? n : 1) *
                                                                    sizeof(ExcInfo *));
                if (w.info->exceptions == NULL)
                    break;
                for (Ft_ssize i = 0; i < n; i++) {
                    FtObject *m = ft_tuple_get_item_borrow(members, i);
                    w.info->exceptions[i] = ft_exception_check(m) ? exc_info_new(cap, m) : NULL;
                    if (w.info->exceptions[i] != NULL)
                        w.info->nexceptions++;
                    else
                        break;
                }
            } else {
                members = NULL;
            }
        }
        w.info->cause = ci;
        w.info->context = xi;
        Ft_ssize pushes = (ci != NULL) + (xi != NULL) + w.info->nexceptions;
        for (Ft_ssize k = 0; k < pushes; k++) {
            Work *q = grow(cap, queue, nqueue + k, &capqueue, sizeof(Work));
            if (q == NULL)
                return root;
            queue = q;
        }
        if (ci != NULL)
            queue[nqueue++] = (Work){ci, cause};
        if (xi != NULL)
            queue[nqueue++] = (Work){xi, context};
        for (Ft_ssize i = 0; i < w.info->nexceptions; i++)
            queue[nqueue++] = (Work){w.info->exceptions[i], ft_tuple_get_item_borrow(members, i)};
    }
    return root;
}

typedef struct PrintCtx {
    FtArena *arena;
    int depth;          // exception_group_depth
    bool need_close;
} PrintCtx;

// _ExceptionPrintContext.emit: text with every line prefixed by the group indent and margin.
static void
emit(PrintCtx *ctx, FtStrWriter *out, char margin, Span text)
{
    char prefix[80];
    int depth = ctx->depth < 30 ? ctx->depth : 30;
    int k = 0;
    for (int i = 0; i < 2 * depth; i++)
        prefix[k++] = ' ';
    if (ctx->depth > 0) {
        prefix[k++] = margin;
        prefix[k++] = ' ';
    }
    prefix[k] = '\0';
    push_indented(ctx->arena, out, prefix, text);
}

static void
emit_ascii(PrintCtx *ctx, FtStrWriter *out, char margin, const char *text)
{
    FtStrWriter w = {0};
    ft_str_writer_push_ascii(&w, text);
    emit(ctx, out, margin, writer_span(&w));
    ft_str_writer_discard(&w);
}

static void
push_indent(PrintCtx *ctx, FtStrWriter *out)
{
    for (int i = 0; i < 2 * ctx->depth; i++)
        ft_str_writer_push(out, ' ');
}

// The value of an int attribute, or false when it is not an int.
static bool
int_value(FtObject *v, long long *out)
{
    if (v == NULL || !ft_int_check(v))
        return false;
    bool ok = false;
    int64_t x = ft_int_as_int64(v, &ok);
    if (!ok)
        x = 0;   // TODO(#4): offsets beyond 64 bits
    *out = x;
    return true;
}

static bool
str_attr_equal(FtObject *a, FtObject *b)
{
    if (a == NULL || b == NULL)
        return a == b;
    return ft_str_equal(a, b);
}

// TracebackException._format_syntax_error into w (without the group indent).
static void
format_syntax_error(FtArena *arena, const ExcInfo *info, FtStrWriter *w)
{
    FtObject *filename_suffix = NULL;
    if (info->se_lineno != NULL) {
        ft_str_writer_push_ascii(w, "  File \"");
        FtObject *fn = info->se_filename;
        int truth = fn != NULL ? ft_object_is_true(fn) : 0;
        if (truth < 0)
            ft_error_restore_steal(NULL);
        FtObject *s = truth > 0 ? ft_object_str_ref(fn) : NULL;
        if (s != NULL)
            push_str(w, s);
        else
            ft_str_writer_push_ascii(w, "<string>");
        ft_xdecref(s);
        ft_error_restore_steal(NULL);
        ft_str_writer_push_ascii(w, "\", line ");
        push_str(w, info->se_lineno);
        ft_str_writer_push(w, '\n');
    } else if (info->se_filename != NULL) {
        filename_suffix = ft_object_str_ref(info->se_filename);
        ft_error_restore_steal(NULL);
    }
    if (info->se_text != NULL && ft_str_check(info->se_text)) {
        Span text = span_from_str(arena, info->se_text);
        Span rtext = text;
        while (rtext.n > 0 && rtext.p[rtext.n - 1] == '\n')
            rtext.n--;
        Span ltext = rtext;
        while (ltext.n > 0 && (ltext.p[0] == ' ' || ltext.p[0] == '\n' || ltext.p[0] == '\f')) {
            ltext.p++;
            ltext.n--;
        }
        Ft_ssize spaces = rtext.n - ltext.n;
        long long offset, end_offset;
        if (info->se_offset == NULL) {
            ft_str_writer_push_ascii(w, "    ");
            push_span(w, ltext);
            ft_str_writer_push(w, '\n');
        } else if (int_value(info->se_offset, &offset)) {
            if (str_attr_equal(info->se_lineno, info->se_end_lineno)) {
                long long eo;
                end_offset = int_value(info->se_end_offset, &eo) && eo != 0 ? eo : offset;
            } else {
                end_offset = rtext.n + 1;
            }
            if (text.n > 0 && offset > text.n)
                offset = rtext.n + 1;
            if (text.n > 0 && end_offset > text.n)
                end_offset = rtext.n + 1;
            if (offset >= end_offset || end_offset < 0)
                end_offset = offset + 1;
            long long colno = offset - 1 - spaces, end_colno = end_offset - 1 - spaces;
            ft_str_writer_push_ascii(w, "    ");
            push_span(w, ltext);
            ft_str_writer_push(w, '\n');
            if (colno >= 0) {
                ft_str_writer_push_ascii(w, "    ");
                for (long long i = 0; i < colno && i < ltext.n; i++)
                    ft_str_writer_push(w, is_space(ltext.p[i]) ? ltext.p[i] : ' ');
                // CPython prints every caret; a bound keeps a forged end_offset from eating memory.
                for (long long i = colno; i < end_colno && i - colno < (1 << 20); i++)
                    ft_str_writer_push(w, '^');
                ft_str_writer_push(w, '\n');
            }
        }
    }
    push_str(w, info->type_str);
    ft_str_writer_push_ascii(w, ": ");
    FtObject *msg = info->se_msg;
    int truth = msg != NULL ? ft_object_is_true(msg) : 0;
    FtObject *msg_str = truth > 0 ? ft_object_str_ref(msg) : NULL;
    ft_error_restore_steal(NULL);
    if (msg_str != NULL)
        push_str(w, msg_str);
    else
        ft_str_writer_push_ascii(w, "<no detail available>");
    ft_xdecref(msg_str);
    if (filename_suffix != NULL) {
        ft_str_writer_push_ascii(w, " (");
        push_str(w, filename_suffix);
        ft_str_writer_push(w, ')');
        ft_decref(filename_suffix);
    }
    ft_str_writer_push(w, '\n');
}

// Each line of s (split on "\n") followed by "\n".
static void
push_note_lines(FtStrWriter *w, FtObject *s)
{
    push_str(w, s);
    ft_str_writer_push(w, '\n');
}

// TracebackException.format_exception_only (show_group=False) into w.
static void
format_exception_only(FtArena *arena, const ExcInfo *info, FtStrWriter *w)
{
    if (!info->is_syntax) {
        push_str(w, info->type_str);
        if (ft_str_length(info->str) > 0) {
            ft_str_writer_push_ascii(w, ": ");
            push_str(w, info->str);
        }
        ft_str_writer_push(w, '\n');
    } else {
        format_syntax_error(arena, info, w);
    }
    if (info->notes_error != NULL) {
        push_note_lines(w, info->notes_error);
        return;
    }
    FtObject *notes = info->notes;
    if (notes == NULL)
        return;
    if (ft_list_check(notes) || ft_tuple_check(notes)) {
        FtObject *items = ft_list_new_ref(0);   // a snapshot: a note's str() may mutate the list
        if (items == NULL || ft_list_extend(items, notes) < 0) {
            ft_xdecref(items);
            ft_error_restore_steal(NULL);
            return;
        }
        for (Ft_ssize i = 0; i < ft_list_size(items); i++) {
            FtObject *note = ft_list_get_item_ref(items, i);
            if (note == NULL)
                break;
            FtObject *s = ft_object_str_ref(note);
            if (s == NULL) {
                ft_error_restore_steal(NULL);
                ft_str_writer_push_ascii(w, "<note str() failed>\n");
            } else {
                push_note_lines(w, s);
                ft_decref(s);
            }
            ft_decref(note);
        }
        ft_decref(items);
    } else {
        FtObject *r = ft_object_repr_ref(notes);
        if (r == NULL) {
            ft_error_restore_steal(NULL);
            ft_str_writer_push_ascii(w, "<__notes__ repr() failed>\n");
        } else {
            push_note_lines(w, r);
            ft_decref(r);
        }
    }
}

static void format_exc(PrintCtx *ctx, const ExcInfo *top, FtStrWriter *out);

static void
emit_exception_only(PrintCtx *ctx, const ExcInfo *info, FtStrWriter *out)
{
    FtStrWriter w = {0};
    format_exception_only(ctx->arena, info, &w);
    emit(ctx, out, '|', writer_span(&w));
    ft_str_writer_discard(&w);
}

static void
emit_stack(PrintCtx *ctx, const ExcInfo *info, FtStrWriter *out)
{
    FtStrWriter w = {0};
    format_stack(ctx->arena, info->stack, info->nstack, "", &w);
    emit(ctx, out, '|', writer_span(&w));
    ft_str_writer_discard(&w);
}

// An exception group's body: its own traceback and message, then one box per member.
static void
format_group(PrintCtx *ctx, const ExcInfo *exc, FtStrWriter *out)
{
    bool toplevel = ctx->depth == 0;
    if (toplevel)
        ctx->depth++;
    if (exc->nstack > 0) {
        emit_ascii(ctx, out, toplevel ? '+' : '|',
                   "Exception Group Traceback (most recent call last):\n");
        emit_stack(ctx, exc, out);
    }
    emit_exception_only(ctx, exc, out);
    Ft_ssize num = exc->nexceptions;
    Ft_ssize n = num <= MAX_GROUP_WIDTH ? num : MAX_GROUP_WIDTH + 1;
    ctx->need_close = false;
    for (Ft_ssize i = 0; i < n; i++) {
        bool last = i == n - 1;
        if (last)
            ctx->need_close = true;
        bool truncated = i >= MAX_GROUP_WIDTH;
        push_indent(ctx, out);
        ft_str_writer_push_ascii(out, i == 0 ? "+-" : "  ");
        ft_str_writer_push_ascii(out, "+---------------- ");
        if (truncated)
            ft_str_writer_push_ascii(out, "...");
        else
            push_int(out, i + 1);
        ft_str_writer_push_ascii(out, " ----------------\n");
        ctx->depth++;
        if (!truncated) {
            format_exc(ctx, exc->exceptions[i], out);
        } else {
            Ft_ssize remaining = num - MAX_GROUP_WIDTH;
            char buf[64];
            snprintf(buf, sizeof buf, "and %zd more exception%s\n", remaining,
                     remaining > 1 ? "s" : "");
            emit_ascii(ctx, out, '|', buf);
        }
        if (last && ctx->need_close) {
            push_indent(ctx, out);
            ft_str_writer_push_ascii(out, "+------------------------------------\n");
            ctx->need_close = false;
        }
        ctx->depth--;
    }
    if (toplevel)
        ctx->depth = 0;
}

// TracebackException.format(chain=True).
static void
format_exc(PrintCtx *ctx, const ExcInfo *top, FtStrWriter *out)
{
    static const char cause_message[] =
        "\nThe above exception was the direct cause of the following exception:\n\n";
    static const char context_message[] =
        "\nDuring handling of the above exception, another exception occurred:\n\n";
    // The chain, newest first, then printed oldest first.
    Ft_ssize n = 0;
    for (const ExcInfo *e = top; e != NULL && n < 1000000;) {
        n++;
        if (e->cause != NULL)
            e = e->cause;
        else if (e->context != NULL && !e->suppress_context)
            e = e->context;
        else
            e = NULL;
    }
    const ExcInfo **chain = ft_arena_alloc(ctx->arena, (size_t)n * sizeof(ExcInfo *));
    const char **msgs = ft_arena_alloc(ctx->arena, (size_t)n * sizeof(char *));
    if (chain == NULL || msgs == NULL)
        return;
    Ft_ssize k = 0;
    for (const ExcInfo *e = top; k < n;) {
        chain[k] = e;
        if (e->cause != NULL) {
            msgs[k++] = cause_message;
            e = e->cause;
        } else if (e->context != NULL && !e->suppress_context) {
            msgs[k++] = context_message;
            e = e->context;
        } else {
            msgs[k++] = NULL;
        }
    }
    for (Ft_ssize i = n - 1; i >= 0; i--) {
        const ExcInfo *exc = chain[i];
        if (msgs[i] != NULL)
            emit_ascii(ctx, out, '|', msgs[i]);
        if (exc->exceptions == NULL) {
            if (exc->nstack > 0) {
                emit_ascii(ctx, out, '|', "Traceback (most recent call last):\n");
                emit_stack(ctx, exc, out);
            }
            emit_exception_only(ctx, exc, out);
        } else if (ctx->depth > MAX_GROUP_DEPTH) {
            char buf[64];
            snprintf(buf, sizeof buf, "... (max_group_depth is %d)\n", MAX_GROUP_DEPTH);
            emit_ascii(ctx, out, '|', buf);
        } else {
            format_group(ctx, exc, out);
        }
    }
}

// sys.tracebacklimit as the built-in printer reads it: -1 when unset or not an int.
static Ft_ssize
traceback_limit(void)
{
    FtObject *v = ft_sys_get_ref("tracebacklimit");
    long long x;
    Ft_ssize limit = -1;
    if (v != NULL && int_value(v, &x))
        limit = x < 0 ? 0 : (Ft_ssize)x;
    ft_xdecref(v);
    return limit;
}

static FtObject *
format_exception_ref(FtObject *exc, FtObject *group_members, const char *extra_filename,
                     const char *extra_source)
{
    Capture cap = {0};
    cap.extra_filename = extra_filename;
    cap.extra_source = extra_source;
    if (group_members != NULL) {
        cap.group = exc;
        cap.group_members = group_members;
    }
    cap.arena = ft_arena_new();
    if (cap.arena == NULL) {
        ft_error_set_none(&ft_exc_memory_error);
        return NULL;
    }
    cap.limit = ft_interp_main()->sys_dict != NULL ? traceback_limit() : -1;
    // The printer runs with no exception set: a saved one would make calls misbehave.
    FtObject *pending = ft_error_occurred_borrow() ? ft_new_ref(ft_error_occurred_borrow()) : NULL;
    ft_error_restore_steal(NULL);
    ExcInfo *root = capture_tree(&cap, exc);
    FtStrWriter out = {0};
    if (root != NULL && !cap.nomem) {
        PrintCtx ctx = {cap.arena, 0, false};
        format_exc(&ctx, root, &out);
    }
    for (Ft_ssize i = 0; i < cap.nkeep; i++)
        ft_decref(cap.keep[i]);
    bool nomem = cap.nomem || root == NULL;
    ft_arena_free(cap.arena);
    if (pending != NULL)
        ft_error_restore_steal(pending);
    if (nomem) {
        ft_str_writer_discard(&out);
        ft_error_set_none(&ft_exc_memory_error);
        return NULL;
    }
    return ft_str_writer_finish_ref(&out);
}

// The whole text print_exception(exc) writes, as a str; NULL with MemoryError.
FtObject *
ft_exception_format_ref(FtObject *exc)
{
    return format_exception_ref(exc, NULL, NULL, NULL);
}

FtObject *
ft_exception_format_group_ref(FtObject *exc, FtObject *members)
{
    return format_exception_ref(exc, members, NULL, NULL);
}

// file.write(text); 0 or -1 with the exception set.
static int
file_write(FtObject *file, FtObject *text)
{
    FtObject *r = ft_object_call_method_cstr_ref(file, "write", &text, 1);
    if (r == NULL)
        return -1;
    ft_decref(r);
    return 0;
}

// Writes UTF-8 text to the C-level stderr when sys.stderr is missing.
static void
write_fd_stderr(FtObject *text)
{
    Ft_ssize size;
    const char *s = ft_str_as_utf8(text, &size);
    if (s == NULL) {
        ft_error_restore_steal(NULL);
        return;
    }
    fwrite(s, 1, (size_t)size, stderr);
    fflush(stderr);
}

static int
print_exception(FtObject *exc, FtObject *file, const char *extra_filename,
                const char *extra_source)
{
    FtObject *text;
    if (!ft_exception_check(exc))
        text = ft_str_from_format_ref(
            "TypeError: print_exception(): Exception expected for value, %s found\n",
            exc->ob_type->tp_name);
    else
        text = format_exception_ref(exc, NULL, extra_filename, extra_source);
    if (text == NULL)
        return -1;
    FtObject *target = file != NULL ? ft_new_ref(file) : ft_sys_get_ref("stderr");
    int r = 0;
    if (target == NULL || target == FT_NONE) {
        write_fd_stderr(text);
    } else {
        r = file_write(target, text);
        if (r == 0) {
            FtObject *f = ft_object_call_method_cstr_ref(target, "flush", NULL, 0);
            if (f == NULL)
                ft_error_restore_steal(NULL);   // a failing flush is ignored, as CPython does
            ft_xdecref(f);
        }
    }
    ft_xdecref(target);
    ft_decref(text);
    return r;
}

int
ft_exception_print(FtObject *exc, FtObject *file)
{
    return print_exception(exc, file, NULL, NULL);
}

// SystemExit: the exit status it asks for (Python/pythonrun.c's _Py_HandleSystemExit).
static int
system_exit_status(FtObject *exc)
{
    FtObject *code = ft_object_get_attr_cstr_ref(exc, "code");
    if (code == NULL) {
        ft_error_restore_steal(NULL);
        return 1;
    }
    int status;
    long long v;
    if (code == FT_NONE) {
        status = 0;
    } else if (int_value(code, &v)) {
        status = (int)v;
    } else {
        FtObject *s = ft_object_str_ref(code);
        if (s == NULL) {
            ft_error_restore_steal(NULL);
        } else {
            FtObject *err = ft_sys_get_ref("stderr");
            FtObject *line = ft_str_from_format_ref("%U\n", s);
            if (line != NULL) {
                if (err == NULL || err == FT_NONE || file_write(err, line) < 0) {
                    ft_error_restore_steal(NULL);
                    write_fd_stderr(line);
                }
                ft_decref(line);
            }
            ft_xdecref(err);
            ft_decref(s);
        }
        status = 1;
    }
    ft_decref(code);
    return status;
}

// sys.last_exc / last_type / last_value / last_traceback, as the top level records them.
static void
set_sys_last(FtObject *exc)
{
    FtObject *sys_dict = ft_interp_main()->sys_dict;
    if (sys_dict == NULL)
        return;
    FtObject *tb = exc_traceback_ref(exc);
    if (ft_dict_set_item_str(sys_dict, "last_exc", exc) < 0 ||
        ft_dict_set_item_str(sys_dict, "last_type", (FtObject *)exc->ob_type) < 0 ||
        ft_dict_set_item_str(sys_dict, "last_value", exc) < 0 ||
        ft_dict_set_item_str(sys_dict, "last_traceback", tb != NULL ? tb : FT_NONE) < 0)
        ft_error_restore_steal(NULL);
    ft_xdecref(tb);
}

static void
write_stderr_ascii(const char *text)
{
    FtObject *s = ft_str_from_cstr_ref(text);
    if (s == NULL) {
        ft_error_restore_steal(NULL);
        return;
    }
    FtObject *err = ft_sys_get_ref("stderr");
    if (err == NULL || err == FT_NONE || file_write(err, s) < 0) {
        ft_error_restore_steal(NULL);
        write_fd_stderr(s);
    }
    ft_xdecref(err);
    ft_decref(s);
}

int
ft_exception_handle_uncaught_steal(FtObject *exc)
{
    return ft_exception_handle_uncaught_source_steal(exc, NULL, NULL);
}

int
ft_exception_handle_uncaught_source_steal(FtObject *exc, const char *filename, const char *source)
{
    if (exc == NULL)
        return 1;
    if (ft_object_type_check(exc, &ft_exc_system_exit)) {
        int status = system_exit_status(exc);
        ft_decref(exc);
        return status;
    }
    set_sys_last(exc);
    FtObject *hook = ft_sys_get_ref("excepthook");
    FtObject *default_hook = ft_sys_get_ref("__excepthook__");
    if (hook == NULL || hook == FT_NONE) {
        write_stderr_ascii("sys.excepthook is missing\n");
        if (print_exception(exc, NULL, filename, source) < 0)
            ft_error_restore_steal(NULL);
    } else if (hook == default_hook) {
        if (print_exception(exc, NULL, filename, source) < 0)
            ft_error_restore_steal(NULL);
    } else {
        FtObject *tb = exc_traceback_ref(exc);
        FtObject *args[3] = {(FtObject *)exc->ob_type, exc, tb != NULL ? tb : FT_NONE};
        FtObject *r = ft_object_vectorcall_ref(hook, args, 3, NULL);
        ft_xdecref(tb);
        if (r != NULL) {
            ft_decref(r);
        } else {
            FtObject *hook_exc = ft_new_ref(ft_error_occurred_borrow());
            ft_error_restore_steal(NULL);
            if (ft_object_type_check(hook_exc, &ft_exc_system_exit)) {
                int status = system_exit_status(hook_exc);
                ft_decref(hook_exc);
                ft_xdecref(hook);
                ft_xdecref(default_hook);
                ft_decref(exc);
                return status;
            }
            write_stderr_ascii("Error in sys.excepthook:\n");
            if (ft_exception_print(hook_exc, NULL) < 0)
                ft_error_restore_steal(NULL);
            write_stderr_ascii("\nOriginal exception was:\n");
            if (print_exception(exc, NULL, filename, source) < 0)
                ft_error_restore_steal(NULL);
            ft_decref(hook_exc);
        }
    }
    ft_xdecref(hook);
    ft_xdecref(default_hook);
    ft_decref(exc);
    return 1;
}

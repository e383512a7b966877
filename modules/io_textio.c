// modules/io_textio.c: _io.TextIOWrapper, text over a buffered binary stream (CPython's
// Modules/_io/textio.c): encodings utf-8 / latin-1 / ascii with any error handler (utf-16 and
// utf-32 raise NotImplementedError until there are incremental codecs: TODO(#4)), newline
// translation (newline None / '' / '\n' / '\r' / '\r\n'), line buffering, read/readline/iteration,
// write, seek/tell, detach.
//
// Representation: the read-ahead rbuf[rpos..rlen) holds bytes taken from the buffer and not yet
// returned as text. Every supported codec is ASCII-compatible ('\r' and '\n' are single bytes that
// never occur inside a multi-byte character), so lines are found on the bytes and only the piece
// returned is decoded. Each chunk read is decoded once when it arrives (as CPython decodes whole
// chunks), so decoding errors and `newlines` match CPython's. Writes go straight to the buffer.
// Invariants: rpos <= valid <= rlen (rbuf[rpos..valid) has been checked by the decoder); the
// position of the next character is buffer.tell() - (rlen - rpos), so tell() cookies are plain byte
// offsets (the codecs here keep no state between characters).
//
// Concurrency: each method runs in the object's critical section, as CPython's. That section does
// not span a call into the buffer: it is suspended whenever the thread detaches (a blocking system
// call, a contended lock, the buffer's operation lock) and a same-thread re-entry (a Python buffer
// calling back into this wrapper) skips it. So no field read before such a call is trusted after
// it: every call goes through call_buffer_args_lock_held, which re-checks that a buffer is still
// attached and holds a local strong reference for the call's duration, and the helpers re-read
// rpos/rlen/valid after each fill. As CPython, a concurrent or re-entrant operation may interleave
// text, but never breaks an invariant. Every field is guarded_by(ob_mutex): __init__ and
// reconfigure() rewrite the configuration under the section, and the getters read it under it.
#include <errno.h>    // EINVAL
#include <stdlib.h>   // free
#include <string.h>   // memchr memcpy memmove strlen

#include "modules/io.h"
#include "modules/modules_internal.h"   // ft_args_parse ft_args_check_positional

#include "objects/abstract.h"          // ft_object_call_method_cstr_ref
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/int.h"               // ft_int_*
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef FtMemberDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/str_methods.h"       // ft_str_encode ft_str_decode_ref ft_str_method_replace
#include "objects/type.h"              // ft_type_type
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_*

enum { TEXT_CHUNK_SIZE = 8192 };


typedef struct {
    FtObject ob_base;
    FtObject *buffer;         // guarded_by(ob_mutex): strong; NULL before __init__ or once detached
    bool detached;            // guarded_by(ob_mutex)
    FtObject *encoding;       // guarded_by(ob_mutex): str (__init__ and reconfigure set it)
    FtObject *errors;         // guarded_by(ob_mutex): str
    FtObject *mode;           // guarded_by(ob_mutex): set by open(), or NULL
    // The rest is guarded_by(ob_mutex) too; __init__ sets it and reconfigure may change it.
    bool utf8;                // multi-byte characters (else one byte per character)
    bool readable;            // buffer.readable() at construction
    bool writable;            // buffer.writable() at construction
    bool seekable;
    bool has_read1;
    bool readuniversal;       // newline None or ''
    bool readtranslate;       // newline None
    const char *readnl;       // "\n", "\r", "\r\n", or NULL (universal)
    const char *writenl;      // what '\n' becomes on write, or NULL (unchanged)
    bool line_buffering;
    bool write_through;
    bool read_started;        // a read has decoded bytes: encoding and newline are fixed
    bool telling;             // tell() allowed: false while next() iterates (until EOF or flush)
    char *rbuf;               // guarded_by(ob_mutex)
    Ft_ssize rpos, valid, rlen, rcap;   // guarded_by(ob_mutex)
    bool eof;                 // guarded_by(ob_mutex): the buffer returned b'' for the read-ahead
    int seen_newlines;        // guarded_by(ob_mutex): FT_IO_SEEN_* of the decoded chunks
} TextObject;

/* --- Helpers (caller holds the section) --- */

static int
check_attached_lock_held(TextObject *t)
{
    FT_ASSERT_LOCKED(t);
    if (t->buffer == NULL) {
        ft_error_set_string(&ft_exc_value_error, t->detached ? "underlying buffer has been detached"
                                                             : "I/O operation on uninitialized object");
        return -1;
    }
    return 0;
}

// buffer.method(*args) through a local strong reference, after checking that a buffer is still
// attached: any earlier call into the buffer may have run Python that detached or re-initialized t
// (a same-thread re-entry, or another thread while the section was suspended). A new reference or
// NULL.
static FtObject *
call_buffer_args_lock_held(TextObject *t, const char *method, FtObject *const *args, Ft_ssize nargs)
{
    FT_ASSERT_LOCKED(t);
    if (check_attached_lock_held(t) < 0)
        return NULL;
    FtObject *buffer = ft_new_ref(t->buffer);
    FtObject *r = ft_object_call_method_cstr_ref(buffer, method, args, nargs);
    ft_decref(buffer);
    return r;
}

// buffer.seek(offset, whence), as call_buffer_args_lock_held calls. A new reference or NULL.
static FtObject *
seek_buffer_lock_held(TextObject *t, Ft_ssize offset, int whence)
{
    FT_ASSERT_LOCKED(t);
    if (check_attached_lock_held(t) < 0)
        return NULL;
    FtObject *buffer = ft_new_ref(t->buffer);
    FtObject *r = ft_io_call_seek_ref(buffer, offset, whence);
    ft_decref(buffer);
    return r;
}

// buffer.closed, as call_buffer_args_lock_held calls: 1, 0, or -1 with an exception.
static int
buffer_closed_lock_held(TextObject *t)
{
    FT_ASSERT_LOCKED(t);
    if (check_attached_lock_held(t) < 0)
        return -1;
    FtObject *buffer = ft_new_ref(t->buffer);
    int c = ft_io_object_closed(buffer);
    ft_decref(buffer);
    return c;
}

static int
check_open_lock_held(TextObject *t)
{
    FT_ASSERT_LOCKED(t);
    int c = buffer_closed_lock_held(t);
    if (c > 0)
        ft_io_closed_error(NULL);
    return c != 0 ? -1 : 0;
}

static const char *
errors_cstr(TextObject *t)
{
    return ft_str_as_utf8(t->errors, NULL);
}

// The byte length of the UTF-8 sequence a lead byte starts (1 for a stray byte).
static Ft_ssize
utf8_width(unsigned char c)
{
    return c < 0xC0 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : c < 0xF8 ? 4 : 1;
}

// Where an incomplete UTF-8 sequence at the end of rbuf[from..rlen) starts (rlen if none).
static Ft_ssize
complete_end(TextObject *t, Ft_ssize from)
{
    if (!t->utf8 || t->eof)
        return t->rlen;
    for (Ft_ssize i = t->rlen - 1; i >= from && i >= t->rlen - 4; i--) {
        unsigned char c = (unsigned char)t->rbuf[i];
        if (c < 0x80)
            break;
        if (c >= 0xC0)
            return i + utf8_width(c) > t->rlen ? i : t->rlen;
    }
    return t->rlen;
}

// Decodes the new bytes rbuf[valid..end) once, for CPython's errors and for `newlines`. 0 or -1.
static int
validate_lock_held(TextObject *t)
{
    FT_ASSERT_LOCKED(t);
    Ft_ssize end = complete_end(t, t->valid);
    if (end <= t->valid)
        return 0;
    FtObject *s = ft_str_decode_ref(t->rbuf + t->valid, end - t->valid,
                                    ft_str_as_utf8(t->encoding, NULL), errors_cstr(t));
    if (s == NULL)
        return -1;
    ft_decref(s);
    if (t->readuniversal) {
        for (Ft_ssize i = t->valid; i < end; i++) {
            char c = t->rbuf[i];
            if (c == '\n') {
                t->seen_newlines |= FT_IO_SEEN_LF;
            } else if (c == '\r') {
                if (i + 1 < t->rlen && t->rbuf[i + 1] == '\n') {
                    t->seen_newlines |= FT_IO_SEEN_CRLF;
                    i++;
                } else if (i + 1 < t->rlen || t->eof) {
                    t->seen_newlines |= FT_IO_SEEN_CR;
                }
            }
        }
    }
    t->valid = end;
    return 0;
}

// Appends bytes to the read-ahead.
static int
append_lock_held(TextObject *t, const char *data, Ft_ssize n)
{
    FT_ASSERT_LOCKED(t);
    if (t->rpos > 0) {
        memmove(t->rbuf, t->rbuf + t->rpos, (size_t)(t->rlen - t->rpos));
        t->rlen -= t->rpos;
        t->valid -= t->rpos;
        t->rpos = 0;
    }
    if (t->rlen + n > t->rcap) {
        Ft_ssize cap = t->rcap < TEXT_CHUNK_SIZE ? TEXT_CHUNK_SIZE : t->rcap;
        while (cap < t->rlen + n)
            cap *= 2;
        char *nb = ft_runtime_mem_alloc((size_t)cap);
        if (nb == NULL) {
            ft_error_no_memory();
            return -1;
        }
        if (t->rlen > 0)
            memcpy(nb, t->rbuf, (size_t)t->rlen);
        ft_runtime_mem_free(t->rbuf);
        t->rbuf = nb;
        t->rcap = cap;
    }
    if (n > 0)
        memcpy(t->rbuf + t->rlen, data, (size_t)n);
    t->rlen += n;
    return 0;
}

// Reads one chunk (all the rest when all) from the buffer into the read-ahead. 1 got bytes, 0 end
// of file, -1 error.
static int
fill_lock_held(TextObject *t, bool all)
{
    FT_ASSERT_LOCKED(t);
    FtObject *data;
    if (all) {
        data = call_buffer_args_lock_held(t, "read", NULL, 0);
    } else {
        FtObject *n = ft_int_from_int64_ref(TEXT_CHUNK_SIZE);
        if (n == NULL)
            return -1;
        data = call_buffer_args_lock_held(t, t->has_read1 ? "read1" : "read", &n, 1);
        ft_decref(n);
    }
    if (data == NULL)
        return -1;
    t->read_started = true;
    if (ft_object_is_none(data)) {
        ft_decref(data);
        t->eof = true;
        return 0;
    }
    if (!ft_bytes_check(data)) {
        ft_error_format(&ft_exc_type_error,
                        "underlying %s() should have returned a bytes-like object, not '%s'",
                        all ? "read" : t->has_read1 ? "read1" : "read", ft_object_type(data)->tp_name);
        ft_decref(data);
        return -1;
    }
    Ft_ssize n = ft_bytes_size(data);
    int rc = append_lock_held(t, ft_bytes_data(data), n);
    ft_decref(data);
    if (rc < 0)
        return -1;
    if (n == 0 || all)
        t->eof = true;
    if (validate_lock_held(t) < 0)
        return -1;
    return n > 0;
}

// Finds the end of the next piece of text in the read-ahead: at most maxchars characters (-1: no
// limit), ending after the first line end when line. 1 with *end set, 0 when more bytes are needed
// to decide.
static int
scan_lock_held(TextObject *t, Ft_ssize maxchars, bool line, Ft_ssize *end)
{
    FT_ASSERT_LOCKED(t);
    Ft_ssize i = t->rpos, chars = 0;
    const char *b = t->rbuf;
    while (i < t->rlen) {
        if (maxchars >= 0 && chars >= maxchars)
            break;
        char c = b[i];
        bool more = i + 1 < t->rlen;
        if (c == '\r' && (t->readuniversal || (t->readnl != NULL && t->readnl[0] == '\r'))) {
            if (!more && !t->eof && (t->readuniversal || t->readnl[1] == '\n'))
                return 0;
            bool crlf = more && b[i + 1] == '\n';
            if (t->readuniversal) {
                if (crlf && t->readtranslate) {
                    i += 2;
                    chars++;
                } else if (crlf && line && (maxchars < 0 || chars + 2 <= maxchars)) {
                    i += 2;
                    chars += 2;
                } else {
                    i++;
                    chars++;
                    if (crlf)
                        continue;
                }
                if (line) {
                    *end = i;
                    return 1;
                }
                continue;
            }
            if (t->readnl[1] == '\0' || (crlf && (maxchars < 0 || chars + 2 <= maxchars))) {
                i += t->readnl[1] == '\0' ? 1 : 2;
                chars += t->readnl[1] == '\0' ? 1 : 2;
                if (line) {
                    *end = i;
                    return 1;
                }
                continue;
            }
            i++;
            chars++;
            continue;
        }
        if (c == '\n') {
            i++;
            chars++;
            if (line && (t->readuniversal || t->readnl[0] == '\n')) {
                *end = i;
                return 1;
            }
            continue;
        }
        Ft_ssize w = t->utf8 ? utf8_width((unsigned char)c) : 1;
        if (i + w > t->rlen) {
            if (!t->eof)
                return 0;
            w = t->rlen - i;
        }
        i += w;
        chars++;
    }
    if (i < t->rlen || (maxchars >= 0 && chars >= maxchars) || t->eof) {
        *end = i;
        return 1;
    }
    return 0;
}

// Decodes rbuf[rpos..end) (translating line ends for newline=None) and consumes it.
static FtObject *
take_lock_held(TextObject *t, Ft_ssize end)
{
    FT_ASSERT_LOCKED(t);
    Ft_ssize n = end - t->rpos;
    FtObject *s = ft_str_decode_ref(t->rbuf != NULL ? t->rbuf + t->rpos : "", n,
                                    ft_str_as_utf8(t->encoding, NULL),
                                    errors_cstr(t));
    if (s == NULL)
        return NULL;
    t->rpos = end;
    if (t->valid < t->rpos)
        t->valid = t->rpos;
    if (t->readtranslate && n > 0 && memchr(t->rbuf + end - n, '\r', (size_t)n) != NULL) {
        static const char *const pairs[2][2] = {{"\r\n", "\n"}, {"\r", "\n"}};
        for (int k = 0; k < 2 && s != NULL; k++) {
            FtObject *args[2] = {ft_str_from_ascii_ref(pairs[k][0]), ft_str_from_ascii_ref(pairs[k][1])};
            FtObject *r = args[0] != NULL && args[1] != NULL
                              ? ft_str_method_replace(s, args, 2, NULL)
                              : NULL;
            ft_xdecref(args[0]);
            ft_xdecref(args[1]);
            ft_decref(s);
            s = r;
        }
    }
    return s;
}

// read(maxchars) / readline(maxchars) on an open, readable stream.
static FtObject *
read_text_lock_held(TextObject *t, Ft_ssize maxchars, bool line)
{
    FT_ASSERT_LOCKED(t);
    if (maxchars < 0 && !line) {
        while (!t->eof) {
            if (fill_lock_held(t, true) < 0)
                return NULL;
        }
        return take_lock_held(t, t->rlen);
    }
    for (;;) {
        Ft_ssize end;
        if (scan_lock_held(t, maxchars, line, &end))
            return take_lock_held(t, end);
        if (fill_lock_held(t, false) < 0)
            return NULL;
    }
}

// Drops the read-ahead, moving the buffer back to the position of the next unread character. 0 or
// -1.
static int
rewind_lock_held(TextObject *t)
{
    FT_ASSERT_LOCKED(t);
    Ft_ssize avail = t->rlen - t->rpos;
    t->rpos = t->rlen = t->valid = 0;
    t->eof = false;
    if (avail == 0)
        return 0;
    FtObject *r = seek_buffer_lock_held(t, -avail, 1);
    ft_xdecref(r);
    return r == NULL ? -1 : 0;
}

static FtObject *
call_buffer_lock_held(TextObject *t, const char *method)
{
    FT_ASSERT_LOCKED(t);
    return call_buffer_args_lock_held(t, method, NULL, 0);
}

/* --- Construction --- */

// A bool-valued method of the buffer. 1, 0, or -1.
static int
buffer_answer(FtObject *buffer, const char *method)
{
    FtObject *r = ft_object_call_method_cstr_ref(buffer, method, NULL, 0);
    if (r == NULL)
        return -1;
    int v = ft_object_is_true(r);
    ft_decref(r);
    return v;
}

// Sets the newline mode from newline (NULL: None). The value has been validated.
static void
set_newline_lock_held(TextObject *t, FtObject *newline)
{
    FT_ASSERT_LOCKED(t);
    t->readuniversal = newline == NULL || ft_str_length(newline) == 0;
    t->readtranslate = newline == NULL;
    t->readnl = newline == NULL || ft_str_length(newline) == 0 ? NULL
                : ft_str_equal_cstr(newline, "\n")             ? "\n"
                : ft_str_equal_cstr(newline, "\r")             ? "\r"
                                                               : "\r\n";
    t->writenl = t->readnl != NULL && t->readnl[0] == '\r' ? t->readnl : NULL;
}

// The encoded size of the UTF-8 text probe[0..n) in encoding (errors "ignore"), or -1 with
// LookupError for an unknown name.
static Ft_ssize
probe_encoded_size(FtObject *encoding, const char *probe, Ft_ssize n)
{
    FtObject *s = ft_str_from_utf8_ref(probe, n);
    if (s == NULL)
        return -1;
    Ft_ssize size = 0;
    char *enc = ft_str_encode(s, ft_str_as_utf8(encoding, NULL), "ignore", &size);
    ft_decref(s);
    if (enc == NULL)
        return -1;
    free(enc);
    return size;
}

// Whether encoding is a multi-byte one: 1, 0, or -1 with an exception. The reader finds line ends
// on the bytes, so only ASCII-compatible codecs (utf-8, ascii, latin-1) are supported: each encodes
// "\r\n" as those two bytes. How wide 'é' is tells utf-8 from the one-byte codecs.
// TODO(#4): utf-16 and utf-32 need incremental codecs (a decoder with state, tell() cookies that
// carry it, one BOM per stream); until then they raise NotImplementedError instead of writing a
// BOM on every write and splitting lines inside characters.
static int
encoding_is_utf8(FtObject *encoding)
{
    Ft_ssize crlf = probe_encoded_size(encoding, "\r\n", 2);
    if (crlf < 0)
        return -1;
    if (crlf != 2) {
        ft_error_format(&ft_exc_not_implemented_error,
                        "TextIOWrapper does not support the %R encoding yet", encoding);
        return -1;
    }
    Ft_ssize e_acute = probe_encoded_size(encoding, "\xc3\xa9", 2);
    return e_acute < 0 ? -1 : e_acute > 1;
}

// A str argument that becomes a C string (NULL: omitted): 0, or -1 with ValueError when it
// contains NUL.
static int
check_no_nul(FtObject *s)
{
    if (s == NULL)
        return 0;
    Ft_ssize n;
    const char *c = ft_str_as_utf8(s, &n);
    if (c == NULL)
        return -1;
    if ((Ft_ssize)strlen(c) != n) {
        ft_error_set_string(&ft_exc_value_error, "embedded null character");
        return -1;
    }
    return 0;
}

// The references textio_init_impl takes out of t; the caller drops them (ft_xdecref) after leaving
// the section, since dropping one can run a __del__.
enum { TEXT_INIT_DROPS = 4 };

// (Re)initializes t over buffer. 0, or -1 with an exception. Caller holds t's section or t is
// unpublished; drop[] starts all NULL and receives the replaced references.
static int
textio_init_impl(TextObject *t, FtObject *buffer, FtObject *encoding, FtObject *errors,
                 FtObject *newline, bool line_buffering, bool write_through,
                 FtObject *drop[TEXT_INIT_DROPS])
{
    // As CPython, a failed __init__ leaves the wrapper uninitialized.
    drop[0] = t->buffer;
    t->buffer = NULL;
    t->detached = false;
    if (check_no_nul(encoding) < 0 || ft_io_check_newline(newline) < 0 || check_no_nul(errors) < 0)
        return -1;
    FtObject *enc = encoding != NULL ? ft_new_ref(encoding) : ft_str_from_ascii_ref("utf-8");
    FtObject *err = errors != NULL ? ft_new_ref(errors) : ft_str_from_ascii_ref("strict");
    int utf8 = enc != NULL && err != NULL ? encoding_is_utf8(enc) : -1;
    int r = utf8 < 0 ? -1 : buffer_answer(buffer, "readable");
    int w = r < 0 ? -1 : buffer_answer(buffer, "writable");
    int s = w < 0 ? -1 : buffer_answer(buffer, "seekable");
    FtObject *read1 = NULL;
    FtObject *read1_name = s < 0 ? NULL : ft_str_from_ascii_ref("read1");
    int has = read1_name != NULL ? ft_object_lookup_attr(buffer, read1_name, &read1) : -1;
    ft_xdecref(read1_name);
    ft_xdecref(read1);
    if (has < 0) {
        ft_xdecref(enc);
        ft_xdecref(err);
        return -1;
    }
    // The capability calls ran Python, which may have re-initialized t meanwhile: what that left is
    // replaced too.
    drop[1] = t->buffer;
    drop[2] = t->encoding;
    drop[3] = t->errors;
    t->buffer = ft_new_ref(buffer);
    t->encoding = enc;
    t->errors = err;
    t->utf8 = utf8 != 0;
    t->readable = r != 0;
    t->writable = w != 0;
    t->seekable = s != 0;
    t->has_read1 = has > 0;
    set_newline_lock_held(t, newline);
    t->line_buffering = line_buffering;
    t->write_through = write_through;
    t->read_started = t->eof = false;
    t->telling = t->seekable;
    t->rpos = t->rlen = t->valid = 0;
    t->seen_newlines = 0;
    return 0;
}

// TextIOWrapper.__new__: an uninitialized wrapper (every method raises until __init__ runs).
static FtObject *
textio_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return ft_object_new_of_type(type, 0);
}

FtObject *
ft_io_textiowrapper_new_ref(FtObject *buffer, FtObject *encoding, FtObject *errors,
                            FtObject *newline, bool line_buffering, bool write_through)
{
    TextObject *t = (TextObject *)textio_new(&ft_io_textiowrapper_type, NULL, 0, NULL);
    if (t == NULL)
        return NULL;
    FtObject *drop[TEXT_INIT_DROPS] = {NULL, NULL, NULL, NULL};
    int rc = textio_init_impl(t, buffer, encoding, errors, newline, line_buffering, write_through,
                              drop);
    for (int k = 0; k < TEXT_INIT_DROPS; k++)
        ft_xdecref(drop[k]);
    if (rc < 0) {
        ft_decref((FtObject *)t);
        return NULL;
    }
    return (FtObject *)t;
}

static int
textio_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"buffer", "encoding", "errors", "newline",
                                        "line_buffering", "write_through"};
    static const FtArgSpec spec = {.fname = "TextIOWrapper", .names = names,
        .nparams = 6, .npos_only = 0, .max_positional = 6, .nrequired = 1};
    FtObject *a[6];
    if (ft_args_parse(&spec, args, nargsf, kwnames, a) < 0)
        return -1;
    FtObject *encoding, *errors, *newline;
    if (ft_io_optional_str_arg("TextIOWrapper", a[1], "encoding", &encoding) < 0 ||
        ft_io_optional_str_arg("TextIOWrapper", a[2], "errors", &errors) < 0 ||
        ft_io_optional_str_arg("TextIOWrapper", a[3], "newline", &newline) < 0)
        return -1;
    int lb = a[4] != NULL ? ft_object_is_true(a[4]) : 0;
    int wt = a[5] != NULL ? ft_object_is_true(a[5]) : 0;
    if (lb < 0 || wt < 0)
        return -1;
    int rc;
    FtObject *drop[TEXT_INIT_DROPS] = {NULL, NULL, NULL, NULL};
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = textio_init_impl((TextObject *)self, a[0], encoding, errors, newline, lb != 0, wt != 0,
                          drop);
    FT_END_CRITICAL_SECTION_OBJECT();
    for (int k = 0; k < TEXT_INIT_DROPS; k++)
        ft_xdecref(drop[k]);
    return rc;
}

// reconfigure(*, encoding=None, errors=None, newline=<unchanged>, line_buffering=None,
// write_through=None).
static FtObject *
textio_reconfigure(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    static const char *const names[] = {"encoding", "errors", "newline", "line_buffering",
                                        "write_through"};
    static const FtArgSpec spec = {.fname = "reconfigure", .names = names,
        .nparams = 5, .npos_only = 0, .max_positional = 0, .nrequired = 0};
    FtObject *a[5];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    FtObject *encoding, *errors, *newline;
    if (ft_io_optional_str_arg("reconfigure", a[0], "encoding", &encoding) < 0 ||
        ft_io_optional_str_arg("reconfigure", a[1], "errors", &errors) < 0 ||
        ft_io_optional_str_arg("reconfigure", a[2], "newline", &newline) < 0 ||
        (newline != NULL && ft_io_check_newline(newline) < 0))
        return NULL;
    int lb = a[3] != NULL && !ft_object_is_none(a[3]) ? ft_object_is_true(a[3]) : -2;
    int wt = a[4] != NULL && !ft_object_is_none(a[4]) ? ft_object_is_true(a[4]) : -2;
    if (lb == -1 || wt == -1)
        return NULL;
    bool newline_given = a[2] != NULL;
    TextObject *t = (TextObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_open_lock_held(t) < 0) {
    } else if (t->read_started && (encoding != NULL || errors != NULL || newline_given)) {
        ft_io_unsupported("It is not possible to set the encoding or newline of stream after the "
                          "first read");
    } else {
        int utf8 = encoding != NULL ? encoding_is_utf8(encoding) : t->utf8;
        FtObject *f = utf8 < 0 ? NULL : call_buffer_lock_held(t, "flush");
        if (f != NULL) {
            ft_decref(f);
            FtObject *err = errors != NULL     ? ft_new_ref(errors)
                            : encoding != NULL ? ft_str_from_ascii_ref("strict")
                                               : ft_new_ref(t->errors);
            if (err != NULL) {
                if (encoding != NULL) {
                    ft_decref(t->encoding);
                    t->encoding = ft_new_ref(encoding);
                    t->utf8 = utf8 != 0;
                }
                ft_decref(t->errors);
                t->errors = err;
                if (newline_given)
                    set_newline_lock_held(t, newline);
                if (lb >= 0)
                    t->line_buffering = lb != 0;
                if (wt >= 0)
                    t->write_through = wt != 0;
                res = ft_none_ref();
            }
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
textio_getstate(FtObject *self)
{
    (void)self;
    return ft_error_format(&ft_exc_type_error, "cannot pickle 'TextIOWrapper' instances");
}

// The collector runs these with the world stopped, so no method is half-way through a call.
static int
textio_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    TextObject *t = (TextObject *)op;
    FtObject *refs[4] = {t->buffer, t->encoding, t->errors, t->mode};
    for (int k = 0; k < 4; k++) {
        if (refs[k] != NULL && visit(refs[k], arg))
            return 1;
    }
    return 0;
}

static int
textio_clear(FtObject *op)
{
    TextObject *t = (TextObject *)op;
    FtObject *buffer = t->buffer;
    t->buffer = NULL;
    ft_xdecref(buffer);
    return 0;
}

static void
textio_dealloc(FtObject *op)
{
    TextObject *t = (TextObject *)op;
    if (t->buffer != NULL) {
        FtObject *saved = ft_error_fetch_ref();
        if (ft_io_object_closed(t->buffer) == 0) {
            FtObject *r = ft_object_call_method_cstr_ref(t->buffer, "close", NULL, 0);
            ft_xdecref(r);
        }
        ft_error_clear();
        if (saved != NULL)
            ft_error_restore_steal(saved);
        ft_decref(t->buffer);
    }
    ft_xdecref(t->encoding);
    ft_xdecref(t->errors);
    ft_xdecref(t->mode);
    ft_runtime_mem_free(t->rbuf);
    ft_object_free_memory(op);
}

static FtObject *
textio_repr(FtObject *self)
{
    TextObject *t = (TextObject *)self;
    FtObject *mode = NULL, *encoding = NULL;
    int attached;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    attached = t->encoding != NULL ? 0 : check_attached_lock_held(t);
    if (attached == 0) {
        mode = t->mode != NULL ? ft_new_ref(t->mode) : NULL;
        encoding = ft_new_ref(t->encoding);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (attached < 0)
        return NULL;
    FtObject *name_part = NULL, *mode_part = NULL, *res = NULL;
    FtObject *name = ft_object_get_attr_cstr_ref(self, "name");
    if (name == NULL) {
        if (!ft_error_matches(&ft_exc_value_error) && !ft_error_matches(&ft_exc_attribute_error))
            goto done;
        ft_error_clear();
        name_part = ft_str_empty_ref();
    } else {
        name_part = ft_str_from_format_ref(" name=%R", name);
        ft_decref(name);
    }
    mode_part = mode != NULL ? ft_str_from_format_ref(" mode=%R", mode) : ft_str_empty_ref();
    if (name_part != NULL && mode_part != NULL)
        res = ft_str_from_format_ref("<_io.TextIOWrapper%U%U encoding=%R>", name_part, mode_part,
                                     encoding);
done:
    ft_xdecref(name_part);
    ft_xdecref(mode_part);
    ft_xdecref(mode);
    ft_decref(encoding);
    return res;
}

/* --- Reading --- */

static FtObject *
textio_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    TextObject *t = (TextObject *)self;
    Ft_ssize n;
    if (ft_args_check_positional("read", nargs, 0, 1) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (ft_io_size_arg(nargs > 0 ? args[0] : NULL, &n) < 0 || check_open_lock_held(t) < 0) {
    } else if (!t->readable) {
        ft_io_unsupported("not readable");
    } else {
        res = read_text_lock_held(t, n, false);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
textio_readline(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    TextObject *t = (TextObject *)self;
    if (ft_args_check_positional("readline", nargs, 0, 1) < 0)
        return NULL;
    Ft_ssize n = -1;
    if (nargs > 0 && ft_io_int_arg(args[0], "ssize_t", &n) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_open_lock_held(t) < 0) {
    } else if (!t->readable) {
        ft_io_unsupported("not readable");
    } else {
        res = read_text_lock_held(t, n, true);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// next(): readline(), with tell() disabled until the end of the file (as CPython, whose cookies
// cannot describe a position inside its read-ahead).
static FtObject *
textio_iternext(FtObject *self)
{
    TextObject *t = (TextObject *)self;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    t->telling = false;
    FT_END_CRITICAL_SECTION_OBJECT();
    FtObject *line = textio_readline(self, NULL, 0);
    if (line == NULL)
        return NULL;
    if (ft_str_length(line) == 0) {
        ft_decref(line);
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
        t->telling = t->seekable;
        FT_END_CRITICAL_SECTION_OBJECT();
        return NULL;
    }
    return line;
}

/* --- Writing --- */

static FtObject *
textio_write(FtObject *self, FtObject *text)
{
    TextObject *t = (TextObject *)self;
    if (!ft_str_check(text))
        return ft_error_format(&ft_exc_type_error, "write() argument must be str, not %s",
                               ft_object_is_none(text) ? "None" : ft_object_type(text)->tp_name);
    FtObject *res = NULL;
    FtObject *s = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_open_lock_held(t) < 0) {
    } else if (!t->writable) {
        ft_io_unsupported("not writable");
    } else {
        s = ft_new_ref(text);
        Ft_ssize len = ft_str_length(text);
        bool lf = false, cr = false;
        for (Ft_ssize i = 0; i < len && !(lf && cr); i++) {
            uint32_t c = ft_str_read_char(text, i);
            lf |= c == '\n';
            cr |= c == '\r';
        }
        if (lf && t->writenl != NULL) {
            FtObject *args[2] = {ft_str_from_ascii_ref("\n"), ft_str_from_ascii_ref(t->writenl)};
            FtObject *r = args[0] != NULL && args[1] != NULL ? ft_str_method_replace(s, args, 2, NULL)
                                                             : NULL;
            ft_xdecref(args[0]);
            ft_xdecref(args[1]);
            ft_decref(s);
            s = r;
        }
        Ft_ssize size = 0;
        char *enc = s != NULL ? ft_str_encode(s, ft_str_as_utf8(t->encoding, NULL), errors_cstr(t), &size)
                              : NULL;
        FtObject *b = enc != NULL ? ft_bytes_from_data_ref(enc, size) : NULL;
        free(enc);
        if (b != NULL && (t->rlen > t->rpos ? rewind_lock_held(t) : 0) == 0) {
            t->rpos = t->rlen = t->valid = 0;
            t->eof = false;
            FtObject *w = call_buffer_args_lock_held(t, "write", &b, 1);
            if (w != NULL) {
                ft_decref(w);
                FtObject *f = NULL;
                if (t->line_buffering && (lf || cr))
                    f = call_buffer_lock_held(t, "flush");
                if (f != NULL || !(t->line_buffering && (lf || cr))) {
                    ft_xdecref(f);
                    res = ft_int_from_int64_ref(len);
                }
            }
        }
        ft_xdecref(b);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(s);
    return res;
}

static FtObject *
textio_flush(FtObject *self)
{
    TextObject *t = (TextObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_open_lock_held(t) == 0) {
        t->telling = t->seekable;
        res = call_buffer_lock_held(t, "flush");
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

/* --- Positioning --- */

// The position of the next character (a byte offset). -1 with an exception.
static Ft_ssize
tell_lock_held(TextObject *t)
{
    FT_ASSERT_LOCKED(t);
    if (!t->seekable) {
        ft_io_unsupported("underlying stream is not seekable");
        return -1;
    }
    if (!t->telling) {
        ft_error_set_string(&ft_exc_os_error, "telling position disabled by next() call");
        return -1;
    }
    FtObject *pos = call_buffer_lock_held(t, "tell");
    if (pos == NULL)
        return -1;
    Ft_ssize p = ft_number_as_ssize(pos, &ft_exc_overflow_error);
    ft_decref(pos);
    if (p == -1 && ft_error_occurred())
        return -1;
    return p - (t->rlen - t->rpos);
}

static FtObject *
textio_tell(FtObject *self)
{
    TextObject *t = (TextObject *)self;
    Ft_ssize p = -1;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_open_lock_held(t) == 0)
        p = tell_lock_held(t);
    FT_END_CRITICAL_SECTION_OBJECT();
    return p < 0 ? NULL : ft_int_from_int64_ref(p);
}

// CPython compares a cookie with 0 before using it, so a non-number fails in that comparison. 0 or
// -1 with TypeError.
static int
text_cookie_check(FtObject *cookie, Ft_ssize whence)
{
    FtObject *zero = ft_int_from_int64_ref(0);
    int r = zero != NULL ? ft_object_rich_compare_bool(cookie, zero, whence == 0 ? FT_LT : FT_EQ)
                         : -1;
    ft_xdecref(zero);
    return r < 0 ? -1 : 0;
}

// The position a cookie stands for: int(cookie). -1 with an exception.
static Ft_ssize
text_cookie_value(FtObject *cookie)
{
    FtObject *n = ft_int_check(cookie) ? ft_new_ref(cookie) : ft_int_from_object_ref(cookie);
    if (n == NULL)
        return -1;
    bool ok = true;
    int64_t v = ft_int_as_int64(n, &ok);
    if (!ok && ft_error_matches(&ft_exc_overflow_error)) {
        // Out of range: CPython reports a negative cookie as such and lets the system refuse a
        // huge one.
        ft_error_clear();
        FtObject *zero = ft_int_from_int64_ref(0);
        int neg = zero != NULL ? ft_object_rich_compare_bool(n, zero, FT_LT) : -1;
        ft_xdecref(zero);
        if (neg > 0)
            ft_error_format(&ft_exc_value_error, "negative seek position %S", n);
        else if (neg == 0)
            ft_io_os_error(EINVAL, NULL);
    }
    ft_decref(n);
    return ok ? (Ft_ssize)v : -1;
}

static FtObject *
textio_seek(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    TextObject *t = (TextObject *)self;
    if (ft_args_check_positional("seek", nargs, 1, 2) < 0)
        return NULL;
    Ft_ssize whence;
    if (ft_io_whence_arg(args, nargs, &whence) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    Ft_ssize cookie = 0;
    if (check_open_lock_held(t) < 0) {
    } else if (!t->seekable) {
        ft_io_unsupported("underlying stream is not seekable");
    } else if (!ft_int_check(args[0]) && text_cookie_check(args[0], whence) < 0) {
    } else if ((cookie = text_cookie_value(args[0])) == -1 && ft_error_occurred()) {
    } else if (whence == 1 && cookie != 0) {
        ft_io_unsupported("can't do nonzero cur-relative seeks");
    } else if (whence == 2 && cookie != 0) {
        ft_io_unsupported("can't do nonzero end-relative seeks");
    } else if (whence < 0 || whence > 2) {
        ft_error_format(&ft_exc_value_error, "invalid whence (%zd, should be 0, 1 or 2)", whence);
    } else if (whence == 0 && cookie < 0) {
        ft_error_format(&ft_exc_value_error, "negative seek position %zd", cookie);
    } else {
        if (whence == 1)
            cookie = tell_lock_held(t);
        FtObject *f = cookie >= 0 ? call_buffer_lock_held(t, "flush") : NULL;
        if (f != NULL)
            t->telling = t->seekable;
        if (f != NULL) {
            ft_decref(f);
            t->rpos = t->rlen = t->valid = 0;
            t->eof = false;
            res = seek_buffer_lock_held(t, whence == 2 ? 0 : cookie, whence == 2 ? 2 : 0);
            if (res != NULL && whence == 0) {
                // As CPython, an absolute seek returns the cookie it was given.
                ft_decref(res);
                res = ft_new_ref(args[0]);
            }
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
textio_truncate(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    TextObject *t = (TextObject *)self;
    if (ft_args_check_positional("truncate", nargs, 0, 1) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_open_lock_held(t) == 0 && rewind_lock_held(t) == 0) {
        FtObject *f = call_buffer_lock_held(t, "flush");
        if (f != NULL) {
            ft_decref(f);
            res = call_buffer_args_lock_held(t, "truncate", args, nargs);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

/* --- Lifetime and delegation --- */

static FtObject *
textio_close(FtObject *self)
{
    TextObject *t = (TextObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    int c = buffer_closed_lock_held(t);
    if (c > 0) {
        res = ft_none_ref();
    } else if (c == 0) {
        FtObject *f = call_buffer_lock_held(t, "flush");
        FtObject *flush_exc = f == NULL ? ft_error_fetch_ref() : NULL;
        ft_xdecref(f);
        res = call_buffer_lock_held(t, "close");
        if (flush_exc != NULL) {
            if (res == NULL) {
                FtObject *close_exc = ft_error_fetch_ref();
                ft_exception_set_context_steal(close_exc, flush_exc);
                ft_error_restore_steal(close_exc);
            } else {
                ft_decref(res);
                res = NULL;
                ft_error_restore_steal(flush_exc);
            }
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
textio_detach(FtObject *self)
{
    TextObject *t = (TextObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_open_lock_held(t) == 0) {
        FtObject *f = call_buffer_lock_held(t, "flush");
        if (f != NULL && (t->rlen == t->rpos || !t->seekable || rewind_lock_held(t) == 0) &&
            check_attached_lock_held(t) == 0) {
            // Re-checked: the flush or the seek may have run Python that detached t already.
            res = t->buffer;
            t->buffer = NULL;
            t->detached = true;
        }
        ft_xdecref(f);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
delegate_call(FtObject *self, const char *method)
{
    TextObject *t = (TextObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_attached_lock_held(t) == 0)
        res = call_buffer_lock_held(t, method);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
delegate_attr(FtObject *self, const char *name)
{
    TextObject *t = (TextObject *)self;
    FtObject *buffer = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_attached_lock_held(t) == 0)
        buffer = ft_new_ref(t->buffer);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (buffer == NULL)
        return NULL;
    FtObject *r = ft_object_get_attr_cstr_ref(buffer, name);
    ft_decref(buffer);
    return r;
}

// fileno() / isatty() / readable() / writable() / seekable(): the wrapped stream's answer.
#define TEXTIO_DELEGATE(name)              \
    static FtObject *                      \
    textio_##name(FtObject *self)          \
    {                                      \
        return delegate_call(self, #name); \
    }
FT_IO_DELEGATED_METHODS(TEXTIO_DELEGATE)
#undef TEXTIO_DELEGATE

static FtObject *
textio_get_closed(FtObject *self, void *closure)
{
    (void)closure;
    TextObject *t = (TextObject *)self;
    bool uninitialized;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    uninitialized = t->buffer == NULL && !t->detached;
    FT_END_CRITICAL_SECTION_OBJECT();
    // CPython answers True for a wrapper that __init__ never set up.
    if (uninitialized)
        return ft_new_ref(FT_TRUE);
    return delegate_attr(self, "closed");
}

static FtObject *
textio_get_name(FtObject *self, void *closure)
{
    (void)closure;
    return delegate_attr(self, "name");
}

static FtObject *
textio_get_buffer(FtObject *self, void *closure)
{
    (void)closure;
    TextObject *t = (TextObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_attached_lock_held(t) == 0)
        res = ft_new_ref(t->buffer);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
textio_get_mode(FtObject *self, void *closure)
{
    (void)closure;
    TextObject *t = (TextObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    res = t->mode != NULL ? ft_new_ref(t->mode) : NULL;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (res == NULL)
        ft_error_format(&ft_exc_attribute_error, "'_io.TextIOWrapper' object has no attribute 'mode'");
    return res;
}

static int
textio_set_mode(FtObject *self, FtObject *value, void *closure)
{
    (void)closure;
    TextObject *t = (TextObject *)self;
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    old = t->mode;
    t->mode = value != NULL ? ft_new_ref(value) : NULL;
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
    return 0;
}

static FtObject *
textio_get_newlines(FtObject *self, void *closure)
{
    (void)closure;
    TextObject *t = (TextObject *)self;
    int seen;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    seen = t->seen_newlines;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_io_newlines_ref(seen);
}

// encoding / errors: a str, or None before __init__.
static FtObject *
config_str_ref(FtObject *self, bool errors)
{
    TextObject *t = (TextObject *)self;
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    res = errors ? t->errors : t->encoding;
    res = res != NULL ? ft_new_ref(res) : ft_none_ref();
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
textio_get_encoding(FtObject *self, void *closure)
{
    (void)closure;
    return config_str_ref(self, false);
}

static FtObject *
textio_get_errors(FtObject *self, void *closure)
{
    (void)closure;
    return config_str_ref(self, true);
}

static FtObject *
textio_get_line_buffering(FtObject *self, void *closure)
{
    (void)closure;
    bool v;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    v = ((TextObject *)self)->line_buffering;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_new_ref(ft_bool_from(v));
}

static FtObject *
textio_get_write_through(FtObject *self, void *closure)
{
    (void)closure;
    bool v;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    v = ((TextObject *)self)->write_through;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_new_ref(ft_bool_from(v));
}

static const FtMethodDef textio_methods[] = {
    {"__getstate__", {.noargs = textio_getstate}, FT_METH_NOARGS, NULL},
    {"reconfigure", {.fast_kw = textio_reconfigure}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Reconfigure the text stream with new parameters."},
    {"detach", {.noargs = textio_detach}, FT_METH_NOARGS, NULL},
    {"write", {.o = textio_write}, FT_METH_O, NULL},
    {"read", {.fast = textio_read}, FT_METH_FASTCALL, NULL},
    {"readline", {.fast = textio_readline}, FT_METH_FASTCALL, NULL},
    {"flush", {.noargs = textio_flush}, FT_METH_NOARGS, NULL},
    {"close", {.noargs = textio_close}, FT_METH_NOARGS, NULL},
    {"fileno", {.noargs = textio_fileno}, FT_METH_NOARGS, NULL},
    {"seekable", {.noargs = textio_seekable}, FT_METH_NOARGS, NULL},
    {"readable", {.noargs = textio_readable}, FT_METH_NOARGS, NULL},
    {"writable", {.noargs = textio_writable}, FT_METH_NOARGS, NULL},
    {"isatty", {.noargs = textio_isatty}, FT_METH_NOARGS, NULL},
    {"seek", {.fast = textio_seek}, FT_METH_FASTCALL, NULL},
    {"tell", {.noargs = textio_tell}, FT_METH_NOARGS, NULL},
    {"truncate", {.fast = textio_truncate}, FT_METH_FASTCALL, NULL},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef textio_getset[] = {
    {"encoding", textio_get_encoding, NULL, NULL, NULL},
    {"errors", textio_get_errors, NULL, NULL, NULL},
    {"buffer", textio_get_buffer, NULL, NULL, NULL},
    {"name", textio_get_name, NULL, NULL, NULL},
    {"closed", textio_get_closed, NULL, NULL, NULL},
    {"mode", textio_get_mode, textio_set_mode, NULL, NULL},
    {"newlines", textio_get_newlines, NULL, NULL, NULL},
    {"line_buffering", textio_get_line_buffering, NULL, NULL, NULL},
    {"write_through", textio_get_write_through, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

FtTypeObject ft_io_textiowrapper_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(TextObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_io_textiobase_type,
    .tp_dealloc = textio_dealloc,
    .tp_traverse = textio_traverse,
    .tp_clear = textio_clear,
    .tp_repr = textio_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_iternext = textio_iternext,
    .tp_methods = textio_methods,
    .tp_getset = textio_getset,
    .tp_new = textio_new,
    .tp_init = textio_init,
    .tp_doc = "Character and line based layer over a BufferedIOBase object, buffer.",
};

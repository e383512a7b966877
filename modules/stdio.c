// modules/stdio.c: a minimal text stream over a file descriptor, for sys.stdin, sys.stdout and
// sys.stderr (TODO(#4): replaced by modules/io_textio.c's TextIOWrapper over a BufferedWriter/
// Reader, once those are as fast and as safe at start-up and exit). It shows itself as
// _io.TextIOWrapper and behaves as CPython's standard streams do under UTF-8 mode: UTF-8 always;
// errors 'surrogateescape' (stdout/stdin, PEP 540), 'backslashreplace' (stderr) or 'strict';
// line-buffered on a tty, block-buffered otherwise, unbuffered with -u.
//
// Representation: an output byte buffer (wbuf) and an input byte buffer (rbuf, rpos).
// Invariants: wlen <= wcap; rpos <= rlen; a closed stream has no buffered output.
//
// Concurrency:
//   write/flush/close   the stream's critical section for the whole call, including the write(2)
//                       that drains the buffer: text from two threads' write() calls never
//                       interleaves inside one call. (TODO(#4): a full pipe blocks a stop-the-world
//                       while we hold the section; _io will detach around the system call.)
//   readline/read       read_mutex (a plain FtMutex, taken with detach), and the thread detaches
//                       around read(2), so a thread waiting for input never blocks the others.
//   attributes          immutable after creation, except `closed` (atomic flag).
#include <errno.h>    // errno EINTR
#include <string.h>   // memchr memcpy strerror
#include <unistd.h>   // read write isatty

#include "modules/modules_internal.h"

#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/int.h"               // ft_int_from_int64_ref ft_bool_from
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/str_methods.h"       // ft_str_decode_ref
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_ready
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_*
#include "runtime/thread_state.h"      // ft_thread_detach ft_thread_attach
#include "sync/atomic.h"               // ft_atomic_*
#include "sync/mutex.h"                // FtMutex

enum { STDIO_BUFFER_SIZE = 8192 };

typedef struct {
    FtObject ob_base;
    int fd;                  // immutable
    FtObject *name;          // immutable str ("<stdout>")
    FtObject *mode;          // immutable str ("r" / "w")
    FtObject *errors;        // immutable str
    bool readable;           // immutable
    bool backslashreplace;   // immutable: errors == 'backslashreplace'
    bool surrogateescape;    // immutable: errors == 'surrogateescape' (neither: strict)
    bool line_buffering;     // immutable
    bool write_through;      // immutable
    int closed;              // atomic (relaxed): set under the critical section by close()
    char *wbuf;              // guarded_by(ob_mutex)
    Ft_ssize wlen, wcap;     // guarded_by(ob_mutex)
    FtMutex read_mutex;      // guards rbuf, rlen, rpos
    char *rbuf;              // guarded_by(read_mutex)
    Ft_ssize rlen, rpos, rcap;   // guarded_by(read_mutex)
} StdioObject;

static bool
stdio_is_closed(StdioObject *s)
{
    // relaxed: a stream closed concurrently may still take this write, as with CPython's _io.
    return ft_atomic_load_int_relaxed(&s->closed) != 0;
}

static FtObject *
closed_error(void)
{
    return ft_error_format(&ft_exc_value_error, "I/O operation on closed file.");
}

static FtObject *
os_error_from_errno(int err)
{
    FtObject *args[2];
    args[0] = ft_int_from_int64_ref(err);
    args[1] = ft_str_from_cstr_ref(strerror(err));
    if (args[0] != NULL && args[1] != NULL) {
        FtObject *exc = ft_exception_new_ref(&ft_exc_os_error, args, 2);
        if (exc != NULL)
            ft_error_restore_steal(exc);
    }
    ft_xdecref(args[0]);
    ft_xdecref(args[1]);
    return NULL;
}

/* --- Output --- */

// Writes the whole buffer to the fd. 0 or -1 with OSError. Caller holds the critical section.
static int
flush_lock_held(StdioObject *s)
{
    Ft_ssize done = 0;
    while (done < s->wlen) {
        ssize_t n = write(s->fd, s->wbuf + done, (size_t)(s->wlen - done));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            int err = errno;
            // Drop what could not be written, as a broken pipe would lose it anyway.
            s->wlen = 0;
            os_error_from_errno(err);
            return -1;
        }
        done += n;
    }
    s->wlen = 0;
    return 0;
}

static int
reserve_lock_held(StdioObject *s, Ft_ssize extra)
{
    if (s->wlen + extra <= s->wcap)
        return 0;
    Ft_ssize cap = s->wcap == 0 ? STDIO_BUFFER_SIZE : s->wcap;
    while (cap < s->wlen + extra)
        cap *= 2;
    char *nb = ft_runtime_mem_alloc((size_t)cap);
    if (nb == NULL) {
        ft_error_no_memory();
        return -1;
    }
    if (s->wlen > 0)
        memcpy(nb, s->wbuf, (size_t)s->wlen);
    ft_runtime_mem_free(s->wbuf);
    s->wbuf = nb;
    s->wcap = cap;
    return 0;
}

static void
raise_surrogate_error(FtObject *text, Ft_ssize i)
{
    FtObject *args[5];
    args[0] = ft_str_from_ascii_ref("utf-8");
    args[1] = ft_new_ref(text);
    args[2] = ft_int_from_int64_ref(i);
    args[3] = ft_int_from_int64_ref(i + 1);
    args[4] = ft_str_from_ascii_ref("surrogates not allowed");
    bool ok = args[0] != NULL && args[2] != NULL && args[3] != NULL && args[4] != NULL;
    FtObject *exc = ok ? ft_exception_new_ref(&ft_exc_unicode_encode_error, args, 5) : NULL;
    for (int k = 0; k < 5; k++)
        ft_xdecref(args[k]);
    if (exc != NULL)
        ft_error_restore_steal(exc);
}

// Appends text's UTF-8 encoding to the buffer (surrogates: strict raises UnicodeEncodeError,
// backslashreplace writes \udxxx, surrogateescape writes U+DC80..U+DCFF back as the byte it
// escaped and raises for the other surrogates). Sets *newline if text has a '\n'. 0 or -1.
static int
encode_lock_held(StdioObject *s, FtObject *text, bool *newline)
{
    Ft_ssize n = ft_str_length(text);
    if (reserve_lock_held(s, n * 4) < 0)
        return -1;
    static const char hexdigits[] = "0123456789abcdef";
    char *p = s->wbuf + s->wlen;
    for (Ft_ssize i = 0; i < n; i++) {
        uint32_t c = ft_str_read_char(text, i);
        if (c < 0x80) {
            *p++ = (char)c;
            if (c == '\n')
                *newline = true;
        } else if (c < 0x800) {
            *p++ = (char)(0xC0 | (c >> 6));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else if (c >= 0xD800 && c <= 0xDFFF) {
            if (s->surrogateescape && c >= 0xDC80 && c <= 0xDCFF) {
                *p++ = (char)(c - 0xDC00);
                continue;
            }
            if (!s->backslashreplace) {
                raise_surrogate_error(text, i);
                return -1;
            }
            // "\udxxx" is 6 bytes for a code point that reserved 4: grow first.
            s->wlen = p - s->wbuf;
            if (reserve_lock_held(s, (n - i) * 4 + 2) < 0)
                return -1;
            p = s->wbuf + s->wlen;
            *p++ = '\\';
            *p++ = 'u';
            for (int d = 3; d >= 0; d--)
                *p++ = hexdigits[(c >> (4 * d)) & 0xF];
        } else if (c < 0x10000) {
            *p++ = (char)(0xE0 | (c >> 12));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        } else {
            *p++ = (char)(0xF0 | (c >> 18));
            *p++ = (char)(0x80 | ((c >> 12) & 0x3F));
            *p++ = (char)(0x80 | ((c >> 6) & 0x3F));
            *p++ = (char)(0x80 | (c & 0x3F));
        }
    }
    s->wlen = p - s->wbuf;
    return 0;
}

static FtObject *
stdio_write(FtObject *self, FtObject *arg)
{
    StdioObject *s = (StdioObject *)self;
    if (!ft_str_check(arg))
        return ft_error_format(&ft_exc_type_error, "write() argument must be str, not %T", arg);
    if (stdio_is_closed(s))
        return closed_error();
    if (s->readable)
        return ft_error_format(&ft_exc_os_error, "not writable");   // TODO(#4): io.UnsupportedOperation
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    Ft_ssize old_len = s->wlen;
    bool newline = false;
    rc = encode_lock_held(s, arg, &newline);
    if (rc < 0)
        s->wlen = old_len;
    else if (s->write_through || (s->line_buffering && newline) || s->wlen >= STDIO_BUFFER_SIZE)
        rc = flush_lock_held(s);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (rc < 0)
        return NULL;
    return ft_int_from_int64_ref(ft_str_length(arg));
}

static FtObject *
stdio_flush(FtObject *self)
{
    StdioObject *s = (StdioObject *)self;
    if (stdio_is_closed(s))
        return closed_error();
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = flush_lock_held(s);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rc < 0 ? NULL : ft_none_ref();
}

static FtObject *
stdio_close(FtObject *self)
{
    StdioObject *s = (StdioObject *)self;
    int rc = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (!stdio_is_closed(s)) {
        rc = flush_lock_held(s);
        // relaxed: readers only need to see it eventually (see stdio_is_closed).
        ft_atomic_store_int_relaxed(&s->closed, 1);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    // The descriptor itself stays open: the process's standard fds belong to the process.
    return rc < 0 ? NULL : ft_none_ref();
}

/* --- Input --- */

// Reads more bytes into rbuf. 1 read some, 0 end of file, -1 error. Caller holds read_mutex.
static int
fill_read_buffer(StdioObject *s)
{
    if (s->rpos > 0) {
        memmove(s->rbuf, s->rbuf + s->rpos, (size_t)(s->rlen - s->rpos));
        s->rlen -= s->rpos;
        s->rpos = 0;
    }
    if (s->rcap - s->rlen < STDIO_BUFFER_SIZE) {
        Ft_ssize ncap = s->rlen + STDIO_BUFFER_SIZE;
        char *nb = ft_runtime_mem_alloc((size_t)ncap);
        if (nb == NULL) {
            ft_error_no_memory();
            return -1;
        }
        if (s->rlen > 0)
            memcpy(nb, s->rbuf, (size_t)s->rlen);
        ft_runtime_mem_free(s->rbuf);
        s->rbuf = nb;
        s->rcap = ncap;
    }
    FtThreadState *ts = ft_thread_state_current();
    ssize_t n;
    for (;;) {
        ft_thread_detach(ts);
        n = read(s->fd, s->rbuf + s->rlen, STDIO_BUFFER_SIZE);
        int err = errno;
        ft_thread_attach(ts);
        errno = err;
        if (n >= 0 || errno != EINTR)
            break;
    }
    if (n < 0) {
        os_error_from_errno(errno);
        return -1;
    }
    s->rlen += n;
    return n > 0;
}

// Up to limit bytes (-1: no limit), stopping after a '\n' when line. A new str or NULL.
static FtObject *
read_text(StdioObject *s, Ft_ssize limit, bool line)
{
    if (stdio_is_closed(s))
        return closed_error();
    if (!s->readable)
        return ft_error_format(&ft_exc_os_error, "not readable");   // TODO(#4): io.UnsupportedOperation
    FtObject *res = NULL;
    ft_mutex_lock(&s->read_mutex);
    for (;;) {
        Ft_ssize avail = s->rlen - s->rpos;
        Ft_ssize take = -1;
        if (line) {
            const char *nl = avail > 0 ? memchr(s->rbuf + s->rpos, '\n', (size_t)avail) : NULL;
            if (nl != NULL)
                take = nl - (s->rbuf + s->rpos) + 1;
        }
        if (limit >= 0 && avail >= limit && (take < 0 || take > limit))
            take = limit;
        if (take < 0) {
            int rc = fill_read_buffer(s);
            if (rc < 0)
                break;
            if (rc == 0)
                take = s->rlen - s->rpos;
            else
                continue;
        }
        // A limit may cut a UTF-8 sequence: keep whole characters where possible.
        // TODO(#4): _io counts the limit in characters, not bytes.
        res = ft_str_decode_ref(s->rbuf + s->rpos, take, "utf-8",
                                s->surrogateescape    ? "surrogateescape"
                                : s->backslashreplace ? "backslashreplace"
                                                      : "strict");
        s->rpos += take;
        break;
    }
    ft_mutex_unlock(&s->read_mutex);
    return res;
}

// The optional size argument of read/readline: -1 for None or omitted.
static int
size_arg(const char *fname, FtObject *const *args, Ft_ssize nargs, Ft_ssize *size)
{
    *size = -1;
    if (ft_args_check_positional(fname, nargs, 0, 1) < 0)
        return -1;
    if (nargs == 1 && !ft_object_is_none(args[0])) {
        *size = ft_number_as_ssize(args[0], &ft_exc_overflow_error);
        if (*size == -1 && ft_error_occurred())
            return -1;
        if (*size < 0)
            *size = -1;
    }
    return 0;
}

static FtObject *
stdio_readline(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    Ft_ssize size;
    if (size_arg("readline", args, nargs, &size) < 0)
        return NULL;
    return read_text((StdioObject *)self, size, true);
}

static FtObject *
stdio_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    Ft_ssize size;
    if (size_arg("read", args, nargs, &size) < 0)
        return NULL;
    return read_text((StdioObject *)self, size, false);
}

/* --- Queries --- */

static FtObject *
stdio_fileno(FtObject *self)
{
    return ft_int_from_int64_ref(((StdioObject *)self)->fd);
}

static FtObject *
stdio_isatty(FtObject *self)
{
    StdioObject *s = (StdioObject *)self;
    if (stdio_is_closed(s))
        return closed_error();
    return ft_new_ref(ft_bool_from(isatty(s->fd) == 1));
}

static FtObject *
stdio_readable(FtObject *self)
{
    return ft_new_ref(ft_bool_from(((StdioObject *)self)->readable));
}

static FtObject *
stdio_writable(FtObject *self)
{
    return ft_new_ref(ft_bool_from(!((StdioObject *)self)->readable));
}

static FtObject *
stdio_seekable(FtObject *self)
{
    (void)self;
    return ft_new_ref(ft_bool_from(false));
}

static FtObject *
stdio_get_closed(FtObject *self, void *closure)
{
    (void)closure;
    return ft_new_ref(ft_bool_from(stdio_is_closed((StdioObject *)self)));
}

static FtObject *
stdio_get_line_buffering(FtObject *self, void *closure)
{
    (void)closure;
    return ft_new_ref(ft_bool_from(((StdioObject *)self)->line_buffering));
}

static FtObject *
stdio_get_write_through(FtObject *self, void *closure)
{
    (void)closure;
    return ft_new_ref(ft_bool_from(((StdioObject *)self)->write_through));
}

static FtObject *
stdio_get_encoding(FtObject *self, void *closure)
{
    (void)self;
    (void)closure;
    return ft_str_from_ascii_ref("utf-8");
}

static FtObject *
stdio_repr(FtObject *self)
{
    StdioObject *s = (StdioObject *)self;
    return ft_str_from_format_ref("<_io.TextIOWrapper name=%R mode=%R encoding='utf-8'>", s->name,
                                  s->mode);
}

static void
stdio_dealloc(FtObject *op)
{
    StdioObject *s = (StdioObject *)op;
    if (s->wlen > 0 && !stdio_is_closed(s)) {
        if (flush_lock_held(s) < 0)
            ft_error_clear();
    }
    ft_runtime_mem_free(s->wbuf);
    ft_runtime_mem_free(s->rbuf);
    ft_xdecref(s->name);
    ft_xdecref(s->mode);
    ft_xdecref(s->errors);
    ft_object_free_memory(op);
}

static const FtMethodDef stdio_methods[] = {
    {"write", {.o = stdio_write}, FT_METH_O, "Write string to stream."},
    {"flush", {.noargs = stdio_flush}, FT_METH_NOARGS, "Flush the write buffers of the stream."},
    {"close", {.noargs = stdio_close}, FT_METH_NOARGS, "Flush and close the stream."},
    {"readline", {.fast = stdio_readline}, FT_METH_FASTCALL, "Read until newline or EOF."},
    {"read", {.fast = stdio_read}, FT_METH_FASTCALL, "Read at most size characters from stream."},
    {"fileno", {.noargs = stdio_fileno}, FT_METH_NOARGS, "Return the underlying file descriptor."},
    {"isatty", {.noargs = stdio_isatty}, FT_METH_NOARGS, "Return whether this is an 'interactive' stream."},
    {"readable", {.noargs = stdio_readable}, FT_METH_NOARGS, NULL},
    {"writable", {.noargs = stdio_writable}, FT_METH_NOARGS, NULL},
    {"seekable", {.noargs = stdio_seekable}, FT_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

static const FtMemberDef stdio_members[] = {
    {"name", FT_MEMBER_OBJECT, offsetof(StdioObject, name), FT_MEMBER_READONLY, NULL},
    {"mode", FT_MEMBER_OBJECT, offsetof(StdioObject, mode), FT_MEMBER_READONLY, NULL},
    {"errors", FT_MEMBER_OBJECT, offsetof(StdioObject, errors), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const FtGetSetDef stdio_getset[] = {
    {"closed", stdio_get_closed, NULL, NULL, NULL},
    {"encoding", stdio_get_encoding, NULL, NULL, NULL},
    {"line_buffering", stdio_get_line_buffering, NULL, NULL, NULL},
    {"write_through", stdio_get_write_through, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

FtTypeObject ft_stdio_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io.TextIOWrapper",
    .tp_basicsize = sizeof(StdioObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = stdio_dealloc,
    .tp_repr = stdio_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = stdio_methods,
    .tp_members = stdio_members,
    .tp_getset = stdio_getset,
};

FtObject *
ft_stdio_new_ref(int fd, const char *name, const char *mode, const char *errors,
                 bool line_buffering, bool write_through)
{
    StdioObject *s = (StdioObject *)ft_object_new_of_type(&ft_stdio_type, 0);
    if (s == NULL)
        return NULL;
    s->fd = fd;
    s->name = ft_str_from_cstr_ref(name);
    s->mode = ft_str_from_cstr_ref(mode);
    s->errors = ft_str_from_cstr_ref(errors);
    if (s->name == NULL || s->mode == NULL || s->errors == NULL) {
        ft_decref((FtObject *)s);
        return NULL;
    }
    s->readable = mode[0] == 'r';
    s->backslashreplace = ft_str_equal_cstr(s->errors, "backslashreplace");
    s->surrogateescape = ft_str_equal_cstr(s->errors, "surrogateescape");
    s->line_buffering = line_buffering;
    s->write_through = write_through;
    return (FtObject *)s;
}

int
ft_stdio_init_types(void)
{
    return ft_type_ready(&ft_stdio_type);
}

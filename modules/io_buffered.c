// modules/io_buffered.c: _io.BufferedReader, BufferedWriter and BufferedRandom (CPython's
// Modules/_io/bufferedio.c): a byte buffer in front of any raw stream, whose read/write/seek/tell/
// truncate/close methods it calls.
//
// Representation: one struct for the three types. The read-ahead rbuf[rpos..rlen) holds bytes read
// from raw and not yet returned; wbuf[0..wlen) holds bytes written and not yet passed to raw.
// Invariants: 0 <= rpos <= rlen <= rcap; at most one of the two buffers is non-empty (a write first
// rewinds raw over the read-ahead, a read first flushes the writes), so the logical position is
// raw.tell() - (rlen - rpos) + wlen. raw is NULL once detached.
//
// Concurrency: a critical section alone cannot cover a call into raw: it is suspended whenever the
// thread detaches (a blocking system call, a contended lock) and a same-thread re-entry skips it.
// So, as CPython's buffered objects, every method that touches the buffers or calls raw first takes
// the stream's operation lock op_lock (an FtMutex taken outside the critical section, parking
// detached) and holds it for its whole body; op_owner records the holder, so a re-entrant call from
// the same thread (raw.read calling our detach()) raises RuntimeError "reentrant call inside
// <repr>" instead of deadlocking or seeing half-updated buffers. Under op_lock the method also takes
// the critical section, which the lock-free getters (raw, __sizeof__) and the *_lock_held helpers'
// assertions rely on. Lock order: op_lock, then ob_mutex, then raw's locks.
#include <string.h>   // memchr memcpy memmove

#include "modules/io.h"
#include "modules/modules_internal.h"   // ft_args_parse ft_args_check_positional

#include "objects/abstract.h"          // ft_object_call_method_cstr_ref
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/int.h"               // ft_int_*
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/type.h"              // ft_type_type ft_type_is_subtype
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_*
#include "runtime/thread_state.h"      // ft_thread_state_current
#include "sync/atomic.h"               // ft_atomic_load_ptr_relaxed ft_atomic_store_ptr_relaxed
#include "sync/fatal.h"                // FT_ASSERT
#include "sync/mutex.h"                // FtMutex ft_mutex_lock ft_mutex_unlock

typedef struct {
    FtObject ob_base;
    FtMutex op_lock;         // the operation lock (see the file block); taken before ob_mutex
    Ft_voidptr op_owner;     // atomic (relaxed): the FtThreadState holding op_lock, else NULL; a
                             // thread only compares it with its own state, which it alone stores
    // Every field below is written under op_lock and ob_mutex both; read under either.
    FtObject *raw;           // guarded_by(op_lock, ob_mutex): strong; NULL until __init__, once detached
    bool detached;           // guarded_by(op_lock, ob_mutex)
    Ft_ssize buffer_size;    // guarded_by(op_lock, ob_mutex): set by __init__
    bool reader;             // immutable: BufferedReader or BufferedRandom
    bool writer;             // immutable: BufferedWriter or BufferedRandom
    char *rbuf;              // guarded_by(ob_mutex)
    Ft_ssize rpos, rlen, rcap;   // guarded_by(ob_mutex)
    char *wbuf;              // guarded_by(ob_mutex)
    Ft_ssize wlen, wcap;     // guarded_by(ob_mutex)
} BufferedObject;

/* --- The operation lock --- */

// Takes b's operation lock, parking detached while another thread holds it. 0, or -1 with
// RuntimeError when the calling thread already holds it (a re-entrant call from raw).
static int
op_enter(BufferedObject *b)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ft_atomic_load_ptr_relaxed(&b->op_owner) == (Ft_voidptr)ts) {
        ft_error_format(&ft_exc_runtime_error, "reentrant call inside %R", (FtObject *)b);
        return -1;
    }
    ft_mutex_lock(&b->op_lock);
    ft_atomic_store_ptr_relaxed(&b->op_owner, (Ft_voidptr)ts);
    return 0;
}

static void
op_leave(BufferedObject *b)
{
    ft_atomic_store_ptr_relaxed(&b->op_owner, NULL);
    ft_mutex_unlock(&b->op_lock);
}

/* --- Helpers (caller holds op_lock and the section) --- */

// 0 when raw is attached and (msg != NULL) open; else -1 with ValueError.
static int
check_lock_held(BufferedObject *b, const char *closed_msg)
{
    FT_ASSERT_LOCKED(b);
    if (b->raw == NULL) {
        ft_error_set_string(&ft_exc_value_error, b->detached ? "raw stream has been detached"
                                                             : "I/O operation on uninitialized object");
        return -1;
    }
    if (closed_msg == NULL)
        return 0;
    int c = ft_io_object_closed(b->raw);
    if (c > 0)
        ft_error_set_string(&ft_exc_value_error, closed_msg);
    return c != 0 ? -1 : 0;
}

static int
reserve(char **buf, Ft_ssize *cap, Ft_ssize need)
{
    if (need <= *cap)
        return 0;
    Ft_ssize ncap = *cap < 64 ? 64 : *cap;
    while (ncap < need)
        ncap *= 2;
    char *nb = ft_runtime_mem_alloc((size_t)ncap);
    if (nb == NULL) {
        ft_error_no_memory();
        return -1;
    }
    if (*buf != NULL)
        memcpy(nb, *buf, (size_t)*cap);
    ft_runtime_mem_free(*buf);
    *buf = nb;
    *cap = ncap;
    return 0;
}

// raw.read(n): a new bytes object, None (non-blocking, nothing yet) or NULL.
static FtObject *
raw_read_ref(BufferedObject *b, Ft_ssize n)
{
    FtObject *arg = ft_int_from_int64_ref(n);
    if (arg == NULL)
        return NULL;
    FtObject *r = ft_object_call_method_cstr_ref(b->raw, "read", &arg, 1);
    ft_decref(arg);
    if (r != NULL && !ft_object_is_none(r) && !ft_bytes_check(r)) {
        ft_error_format(&ft_exc_type_error, "read() should return bytes");
        ft_decref(r);
        return NULL;
    }
    return r;
}

// Appends one raw read of buffer_size bytes to the read-ahead. The count (0 at end of file), -2
// when raw returned None, -1 on error.
static Ft_ssize
fill_lock_held(BufferedObject *b, Ft_ssize want)
{
    FT_ASSERT_LOCKED(b);
    if (b->rpos > 0) {
        memmove(b->rbuf, b->rbuf + b->rpos, (size_t)(b->rlen - b->rpos));
        b->rlen -= b->rpos;
        b->rpos = 0;
    }
    Ft_ssize n = want > b->buffer_size ? want : b->buffer_size;
    FtObject *data = raw_read_ref(b, n);
    if (data == NULL)
        return -1;
    if (ft_object_is_none(data)) {
        ft_decref(data);
        return -2;
    }
    Ft_ssize got = ft_bytes_size(data);
    if (reserve(&b->rbuf, &b->rcap, b->rlen + got) < 0) {
        ft_decref(data);
        return -1;
    }
    if (got > 0)
        memcpy(b->rbuf + b->rlen, ft_bytes_data(data), (size_t)got);
    b->rlen += got;
    ft_decref(data);
    return got;
}

// Passes the pending writes to raw.write until all are taken. 0 or -1.
static int
flush_writes_lock_held(BufferedObject *b)
{
    FT_ASSERT_LOCKED(b);
    Ft_ssize done = 0;
    int rc = 0;
    while (done < b->wlen) {
        FtObject *chunk = ft_bytes_from_data_ref(b->wbuf + done, b->wlen - done);
        FtObject *n = chunk != NULL ? ft_object_call_method_cstr_ref(b->raw, "write", &chunk, 1) : NULL;
        ft_xdecref(chunk);
        if (n == NULL) {
            rc = -1;
            break;
        }
        if (ft_object_is_none(n)) {
            ft_decref(n);
            ft_error_set_string(&ft_exc_blocking_io_error, "write could not complete without blocking");
            rc = -1;
            break;
        }
        Ft_ssize k = ft_number_as_ssize(n, &ft_exc_overflow_error);
        ft_decref(n);
        if (k < 0 || k > b->wlen - done) {
            if (!ft_error_occurred())
                ft_error_format(&ft_exc_os_error,
                                "raw write() returned invalid length %zd (should have been between 0 and %zd)",
                                k, b->wlen - done);
            rc = -1;
            break;
        }
        done += k;
    }
    FT_ASSERT(done <= b->wlen);
    if (done > 0) {
        memmove(b->wbuf, b->wbuf + done, (size_t)(b->wlen - done));
        b->wlen -= done;
    }
    return rc;
}

// Moves raw back over the unread read-ahead and drops it, so that raw's position is the logical
// one. 0 or -1.
static int
rewind_lock_held(BufferedObject *b)
{
    FT_ASSERT_LOCKED(b);
    Ft_ssize avail = b->rlen - b->rpos;
    b->rpos = b->rlen = 0;
    if (avail == 0)
        return 0;
    FtObject *r = ft_io_call_seek_ref(b->raw, -avail, 1);
    ft_xdecref(r);
    return r == NULL ? -1 : 0;
}

// The unread read-ahead (never a null pointer, even before the first fill).
static const char *
read_ahead(BufferedObject *b)
{
    return b->rbuf != NULL ? b->rbuf + b->rpos : "";
}

static FtObject *
take_lock_held(BufferedObject *b, Ft_ssize n)
{
    FT_ASSERT_LOCKED(b);
    FT_ASSERT(n >= 0 && n <= b->rlen - b->rpos);
    FtObject *res = ft_bytes_from_data_ref(read_ahead(b), n);
    if (res != NULL)
        b->rpos += n;
    return res;
}

/* --- Construction --- */

// Checks raw's capabilities for the type and attaches it. b->raw is NULL (as CPython, a failed
// __init__ leaves the stream uninitialized). 0, or -1 with an exception. The caller holds op_lock
// and the section, or b is unpublished.
static int
buffered_init_impl(BufferedObject *b, FtObject *raw, Ft_ssize buffer_size)
{
    FT_ASSERT(b->raw == NULL);
    static const char *const checks[3][2] = {{"seekable", "File or stream is not seekable."},
                                             {"readable", "File or stream is not readable."},
                                             {"writable", "File or stream is not writable."}};
    bool wanted[3] = {b->reader && b->writer, b->reader, b->writer};
    for (int i = 0; i < 3; i++) {
        if (!wanted[i])
            continue;
        FtObject *r = ft_object_call_method_cstr_ref(raw, checks[i][0], NULL, 0);
        int ok = r != NULL ? ft_object_is_true(r) : -1;
        ft_xdecref(r);
        if (ok < 0)
            return -1;
        if (ok == 0) {
            ft_io_unsupported(checks[i][1]);
            return -1;
        }
    }
    if (buffer_size <= 0) {
        ft_error_set_string(&ft_exc_value_error, "buffer size must be strictly positive");
        return -1;
    }
    b->raw = ft_new_ref(raw);
    b->buffer_size = buffer_size;
    b->rpos = b->rlen = b->wlen = 0;
    return 0;
}

// Which of the three classes type is or derives from.
static FtTypeObject *
buffered_base_type(FtTypeObject *type)
{
    if (ft_type_is_subtype(type, &ft_io_buffered_random_type))
        return &ft_io_buffered_random_type;
    if (ft_type_is_subtype(type, &ft_io_buffered_writer_type))
        return &ft_io_buffered_writer_type;
    return &ft_io_buffered_reader_type;
}

// Buffered*.__new__: an uninitialized stream (every method raises until __init__ runs).
static FtObject *
buffered_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    BufferedObject *b = (BufferedObject *)ft_object_new_of_type(type, 0);
    if (b != NULL) {
        FtTypeObject *base = buffered_base_type(type);
        b->reader = base != &ft_io_buffered_writer_type;
        b->writer = base != &ft_io_buffered_reader_type;
    }
    return (FtObject *)b;
}

FtObject *
ft_io_buffered_new_ref(FtTypeObject *type, FtObject *raw, Ft_ssize buffer_size)
{
    BufferedObject *b = (BufferedObject *)buffered_new(type, NULL, 0, NULL);
    if (b == NULL)
        return NULL;
    if (buffered_init_impl(b, raw, buffer_size) < 0) {
        ft_decref((FtObject *)b);
        return NULL;
    }
    return (FtObject *)b;
}

static int
buffered_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"raw", "buffer_size"};
    FtArgSpec spec = {.fname = ft_io_type_short_name(buffered_base_type(ft_object_type(self))),
        .names = names,
        .nparams = 2, .npos_only = 0, .max_positional = 2, .nrequired = 1};
    FtObject *a[2];
    if (ft_args_parse(&spec, args, nargsf, kwnames, a) < 0)
        return -1;
    Ft_ssize size = FT_IO_DEFAULT_BUFFER_SIZE;
    if (a[1] != NULL) {
        if (!ft_int_check(a[1])) {
            ft_error_format(&ft_exc_type_error, "'%s' object cannot be interpreted as an integer",
                            ft_object_type(a[1])->tp_name);
            return -1;
        }
        size = ft_number_as_ssize(a[1], &ft_exc_overflow_error);
        if (size == -1 && ft_error_occurred())
            return -1;
    }
    BufferedObject *b = (BufferedObject *)self;
    if (op_enter(b) < 0)
        return -1;
    int rc;
    FtObject *prev;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    prev = b->raw;
    b->raw = NULL;
    b->detached = false;
    rc = buffered_init_impl(b, a[0], size);
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    // Outside the section: dropping the old raw can run its __del__.
    ft_xdecref(prev);
    return rc;
}

static void
buffered_dealloc(FtObject *op)
{
    BufferedObject *b = (BufferedObject *)op;
    if (b->raw != NULL) {
        FtObject *saved = ft_error_fetch_ref();
        int closed = ft_io_object_closed(b->raw);
        if (closed == 0) {
            if (b->wlen > 0) {
                // Unreachable by other threads now, but the helpers assert the section.
                FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
                (void)flush_writes_lock_held(b);
                FT_END_CRITICAL_SECTION_OBJECT();
            }
            ft_error_clear();
            FtObject *r = ft_object_call_method_cstr_ref(b->raw, "close", NULL, 0);
            ft_xdecref(r);
        }
        ft_error_clear();
        if (saved != NULL)
            ft_error_restore_steal(saved);
        ft_decref(b->raw);
    }
    ft_runtime_mem_free(b->rbuf);
    ft_runtime_mem_free(b->wbuf);
    ft_object_free_memory(op);
}

// The collector runs these with the world stopped, so no method is half-way through a call.
static int
buffered_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    BufferedObject *b = (BufferedObject *)op;
    return b->raw != NULL ? visit(b->raw, arg) : 0;
}

static int
buffered_clear(FtObject *op)
{
    BufferedObject *b = (BufferedObject *)op;
    FtObject *raw = b->raw;
    b->raw = NULL;
    ft_xdecref(raw);
    return 0;
}

static FtObject *
buffered_repr(FtObject *self)
{
    FtObject *name = ft_object_get_attr_cstr_ref(self, "name");
    if (name == NULL) {
        if (!ft_error_matches(&ft_exc_value_error) && !ft_error_matches(&ft_exc_attribute_error))
            return NULL;
        ft_error_clear();
        return ft_str_from_format_ref("<%s>", ft_object_type(self)->tp_name);
    }
    FtObject *res = ft_str_from_format_ref("<%s name=%R>", ft_object_type(self)->tp_name, name);
    ft_decref(name);
    return res;
}

/* --- Reading --- */

static FtObject *
buffered_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BufferedObject *b = (BufferedObject *)self;
    Ft_ssize n;
    if (ft_args_check_positional("read", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &n) < 0)
        return NULL;
    if (n < -1 && nargs > 0 && !ft_object_is_none(args[0]))
        return ft_error_format(&ft_exc_value_error, "read length must be non-negative or -1");
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, "read of closed file") < 0 || flush_writes_lock_held(b) < 0) {
    } else if (n < 0) {
        bool none = false;
        for (;;) {
            Ft_ssize got = fill_lock_held(b, 0);
            if (got < 0) {
                none = got == -2;
                if (!none)
                    break;
            }
            if (got <= 0) {
                if (none && b->rlen == b->rpos)
                    res = ft_none_ref();
                else
                    res = take_lock_held(b, b->rlen - b->rpos);
                break;
            }
        }
    } else {
        for (;;) {
            Ft_ssize avail = b->rlen - b->rpos;
            if (avail >= n) {
                res = take_lock_held(b, n);
                break;
            }
            Ft_ssize got = fill_lock_held(b, n - avail);
            if (got == -1)
                break;
            if (got <= 0) {
                avail = b->rlen - b->rpos;
                if (got == -2 && avail == 0)
                    res = ft_none_ref();
                else
                    res = take_lock_held(b, avail < n ? avail : n);
                break;
            }
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

// The int argument of read1/peek (any int; omitted: dflt). 0 or -1 with TypeError.
static int
int_arg(FtObject *const *args, Ft_ssize nargs, Ft_ssize dflt, Ft_ssize *out)
{
    *out = dflt;
    if (nargs == 0)
        return 0;
    if (!ft_int_check(args[0]) && ft_object_type(args[0])->tp_as_number == NULL) {
        ft_error_format(&ft_exc_type_error, "'%s' object cannot be interpreted as an integer",
                        ft_object_type(args[0])->tp_name);
        return -1;
    }
    return ft_io_int_arg(args[0], "ssize_t", out);
}

static FtObject *
buffered_read1(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BufferedObject *b = (BufferedObject *)self;
    Ft_ssize n;
    if (ft_args_check_positional("read1", nargs, 0, 1) < 0 || int_arg(args, nargs, -1, &n) < 0)
        return NULL;
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, "read of closed file") < 0 || flush_writes_lock_held(b) < 0) {
    } else {
        if (n < 0)
            n = b->buffer_size;
        Ft_ssize avail = b->rlen - b->rpos;
        Ft_ssize got = 0;
        if (avail == 0 && n > 0)
            got = fill_lock_held(b, n);
        if (got != -1) {
            avail = b->rlen - b->rpos;
            res = take_lock_held(b, n < avail ? n : avail);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

static FtObject *
buffered_peek(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BufferedObject *b = (BufferedObject *)self;
    Ft_ssize n;
    if (ft_args_check_positional("peek", nargs, 0, 1) < 0 || int_arg(args, nargs, 0, &n) < 0)
        return NULL;
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, "peek of closed file") < 0 || flush_writes_lock_held(b) < 0) {
    } else if (b->rlen - b->rpos > 0 || fill_lock_held(b, 0) != -1) {
        res = ft_bytes_from_data_ref(read_ahead(b), b->rlen - b->rpos);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

static FtObject *
buffered_readline(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BufferedObject *b = (BufferedObject *)self;
    Ft_ssize limit;
    if (ft_args_check_positional("readline", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &limit) < 0)
        return NULL;
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, "readline of closed file") < 0 || flush_writes_lock_held(b) < 0) {
    } else {
        Ft_ssize scanned = 0;
        for (;;) {
            Ft_ssize avail = b->rlen - b->rpos;
            Ft_ssize span = limit >= 0 && limit < avail ? limit : avail;
            const char *nl = span > scanned ? memchr(b->rbuf + b->rpos + scanned, '\n',
                                                     (size_t)(span - scanned))
                                            : NULL;
            if (nl != NULL) {
                res = take_lock_held(b, nl - (b->rbuf + b->rpos) + 1);
                break;
            }
            if (limit >= 0 && avail >= limit) {
                res = take_lock_held(b, limit);
                break;
            }
            scanned = span;
            Ft_ssize got = fill_lock_held(b, 0);
            if (got == -1)
                break;
            if (got <= 0) {
                res = take_lock_held(b, b->rlen - b->rpos);
                break;
            }
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

/* --- Writing --- */

static FtObject *
buffered_write(FtObject *self, FtObject *arg)
{
    BufferedObject *b = (BufferedObject *)self;
    FtObject *data = ft_io_bytes_like_ref(arg);
    if (data == NULL)
        return NULL;
    FtObject *res = NULL;
    if (op_enter(b) < 0) {
        ft_decref(data);
        return NULL;
    }
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    Ft_ssize n = ft_bytes_size(data);
    if (check_lock_held(b, "write to closed file") < 0 || rewind_lock_held(b) < 0 ||
        reserve(&b->wbuf, &b->wcap, b->wlen + n) < 0) {
    } else {
        memcpy(b->wbuf + b->wlen, ft_bytes_data(data), (size_t)n);
        b->wlen += n;
        if (b->wlen < b->buffer_size || flush_writes_lock_held(b) == 0)
            res = ft_int_from_int64_ref(n);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    ft_decref(data);
    return res;
}

static FtObject *
buffered_flush(FtObject *self)
{
    BufferedObject *b = (BufferedObject *)self;
    int rc;
    // As CPython, a reader's flush only checks the stream (no operation lock: it touches no buffer).
    if (b->writer && op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = check_lock_held(b, b->writer ? "flush of closed file" : "I/O operation on closed file.");
    if (rc == 0 && b->writer)
        rc = flush_writes_lock_held(b);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (b->writer)
        op_leave(b);
    return rc < 0 ? NULL : ft_none_ref();
}

/* --- Positioning --- */

static FtObject *
buffered_tell(FtObject *self)
{
    BufferedObject *b = (BufferedObject *)self;
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, NULL) == 0) {
        FtObject *pos = ft_object_call_method_cstr_ref(b->raw, "tell", NULL, 0);
        if (pos != NULL) {
            Ft_ssize p = ft_number_as_ssize(pos, &ft_exc_overflow_error);
            ft_decref(pos);
            if (p < 0 && !ft_error_occurred())
                ft_error_format(&ft_exc_os_error, "Raw stream returned invalid position %zd", p);
            else if (!ft_error_occurred())
                res = ft_int_from_int64_ref(p - (b->rlen - b->rpos) + b->wlen);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

static FtObject *
buffered_seek(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BufferedObject *b = (BufferedObject *)self;
    if (ft_args_check_positional("seek", nargs, 1, 2) < 0)
        return NULL;
    Ft_ssize whence;
    if (ft_io_whence_arg(args, nargs, &whence) < 0)
        return NULL;
    // SEEK_DATA (3) and SEEK_HOLE (4) pass through to raw, as on CPython for Linux.
    if (whence < 0 || whence > 4)
        return ft_error_format(&ft_exc_value_error, "whence value %zd unsupported", whence);
    FtObject *res = NULL;
    Ft_ssize target = 0;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, NULL) < 0) {
    } else if (ft_io_int_arg(args[0], "ssize_t", &target) < 0) {
        if (ft_error_matches(&ft_exc_overflow_error)) {
            ft_error_clear();
            ft_error_set_string(&ft_exc_value_error, "cannot fit 'int' into an offset-sized integer");
        }
    } else if (check_lock_held(b, "seek of closed file") == 0 && flush_writes_lock_held(b) == 0) {
        if (whence == 1)
            target -= b->rlen - b->rpos;
        b->rpos = b->rlen = 0;
        res = ft_io_call_seek_ref(b->raw, target, whence);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

static FtObject *
buffered_truncate(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BufferedObject *b = (BufferedObject *)self;
    if (ft_io_check_nargs("truncate", nargs, 0, 1) < 0)
        return NULL;
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, "truncate of closed file") < 0) {
    } else if (!b->writer) {
        ft_io_unsupported("truncate");
    } else if (flush_writes_lock_held(b) == 0 && rewind_lock_held(b) == 0) {
        res = ft_object_call_method_cstr_ref(b->raw, "truncate", args, nargs);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

/* --- Lifetime and delegation --- */

static FtObject *
buffered_close(FtObject *self)
{
    BufferedObject *b = (BufferedObject *)self;
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    int c = check_lock_held(b, NULL) < 0 ? -1 : ft_io_object_closed(b->raw);
    if (c > 0) {
        res = ft_none_ref();
    } else if (c == 0) {
        FtObject *flush_exc = NULL;
        if (b->writer && flush_writes_lock_held(b) < 0)
            flush_exc = ft_error_fetch_ref();
        b->wlen = 0;
        b->rpos = b->rlen = 0;
        res = ft_object_call_method_cstr_ref(b->raw, "close", NULL, 0);
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
    op_leave(b);
    return res;
}

static FtObject *
buffered_detach(FtObject *self)
{
    BufferedObject *b = (BufferedObject *)self;
    FtObject *res = NULL;
    if (op_enter(b) < 0)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (check_lock_held(b, "I/O operation on closed file.") == 0 &&
        (!b->writer || flush_writes_lock_held(b) == 0) && rewind_lock_held(b) == 0) {
        res = b->raw;
        b->raw = NULL;
        b->detached = true;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    op_leave(b);
    return res;
}

// The raw stream (a new reference), or NULL with "raw stream has been detached".
static FtObject *
raw_ref(BufferedObject *b)
{
    FtObject *raw = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(b);
    if (check_lock_held(b, NULL) == 0)
        raw = ft_new_ref(b->raw);
    FT_END_CRITICAL_SECTION_OBJECT();
    return raw;
}

static FtObject *
delegate_call(FtObject *self, const char *method)
{
    FtObject *raw = raw_ref((BufferedObject *)self);
    if (raw == NULL)
        return NULL;
    FtObject *r = ft_object_call_method_cstr_ref(raw, method, NULL, 0);
    ft_decref(raw);
    return r;
}

static FtObject *
delegate_attr(FtObject *self, const char *name)
{
    FtObject *raw = raw_ref((BufferedObject *)self);
    if (raw == NULL)
        return NULL;
    FtObject *r = ft_object_get_attr_cstr_ref(raw, name);
    ft_decref(raw);
    return r;
}

// fileno() / isatty() / readable() / writable() / seekable(): the wrapped stream's answer.
#define BUFFERED_DELEGATE(name)            \
    static FtObject *                      \
    buffered_##name(FtObject *self)        \
    {                                      \
        return delegate_call(self, #name); \
    }
FT_IO_DELEGATED_METHODS(BUFFERED_DELEGATE)
#undef BUFFERED_DELEGATE

static FtObject *
buffered_getstate(FtObject *self)
{
    return ft_error_format(&ft_exc_type_error, "cannot pickle '%s' instances",
                           ft_io_type_short_name(ft_object_type(self)));
}

static FtObject *
buffered_sizeof(FtObject *self)
{
    BufferedObject *b = (BufferedObject *)self;
    Ft_ssize size;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    size = (Ft_ssize)sizeof(BufferedObject) + b->rcap + b->wcap;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_int_from_int64_ref(size);
}

static FtObject *
buffered_get_closed(FtObject *self, void *closure)
{
    (void)closure;
    return delegate_attr(self, "closed");
}

static FtObject *
buffered_get_name(FtObject *self, void *closure)
{
    (void)closure;
    return delegate_attr(self, "name");
}

static FtObject *
buffered_get_mode(FtObject *self, void *closure)
{
    (void)closure;
    return delegate_attr(self, "mode");
}

static FtObject *
buffered_get_raw(FtObject *self, void *closure)
{
    (void)closure;
    BufferedObject *b = (BufferedObject *)self;
    FtObject *raw;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    raw = b->raw != NULL ? ft_new_ref(b->raw) : ft_none_ref();
    FT_END_CRITICAL_SECTION_OBJECT();
    return raw;
}

#define BUFFERED_COMMON_METHODS                                                                  \
    {"__getstate__", {.noargs = buffered_getstate}, FT_METH_NOARGS, NULL},                       \
    {"__sizeof__", {.noargs = buffered_sizeof}, FT_METH_NOARGS, NULL},                           \
    {"close", {.noargs = buffered_close}, FT_METH_NOARGS, NULL},                                 \
    {"detach", {.noargs = buffered_detach}, FT_METH_NOARGS, NULL},                               \
    {"flush", {.noargs = buffered_flush}, FT_METH_NOARGS, NULL},                                 \
    {"seek", {.fast = buffered_seek}, FT_METH_FASTCALL, NULL},                                   \
    {"tell", {.noargs = buffered_tell}, FT_METH_NOARGS, NULL},                                   \
    {"truncate", {.fast = buffered_truncate}, FT_METH_FASTCALL, NULL},                           \
    {"fileno", {.noargs = buffered_fileno}, FT_METH_NOARGS, NULL},                               \
    {"isatty", {.noargs = buffered_isatty}, FT_METH_NOARGS, NULL},                               \
    {"readable", {.noargs = buffered_readable}, FT_METH_NOARGS, NULL},                           \
    {"writable", {.noargs = buffered_writable}, FT_METH_NOARGS, NULL},                           \
    {"seekable", {.noargs = buffered_seekable}, FT_METH_NOARGS, NULL},
#define BUFFERED_READ_METHODS                                                                    \
    {"read", {.fast = buffered_read}, FT_METH_FASTCALL, NULL},                                   \
    {"read1", {.fast = buffered_read1}, FT_METH_FASTCALL, NULL},                                 \
    {"peek", {.fast = buffered_peek}, FT_METH_FASTCALL, NULL},                                   \
    {"readline", {.fast = buffered_readline}, FT_METH_FASTCALL, NULL},
#define BUFFERED_WRITE_METHODS {"write", {.o = buffered_write}, FT_METH_O, NULL},

static const FtMethodDef reader_methods[] = {
    BUFFERED_COMMON_METHODS BUFFERED_READ_METHODS {NULL, {NULL}, 0, NULL},
};
static const FtMethodDef writer_methods[] = {
    BUFFERED_COMMON_METHODS BUFFERED_WRITE_METHODS {NULL, {NULL}, 0, NULL},
};
static const FtMethodDef random_methods[] = {
    BUFFERED_COMMON_METHODS BUFFERED_READ_METHODS BUFFERED_WRITE_METHODS {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef buffered_getset[] = {
    {"raw", buffered_get_raw, NULL, NULL, NULL},
    {"closed", buffered_get_closed, NULL, NULL, NULL},
    {"name", buffered_get_name, NULL, NULL, NULL},
    {"mode", buffered_get_mode, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

#define BUFFERED_TYPE(cname, pyname, methods, doc)                                               \
    FtTypeObject cname = {                                                                       \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),                                    \
        .tp_name = pyname,                                                                       \
        .tp_basicsize = sizeof(BufferedObject),                                                  \
        .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,         \
        .tp_base = &ft_io_bufferediobase_type,                                                   \
        .tp_dealloc = buffered_dealloc,                                                          \
        .tp_traverse = buffered_traverse,                                                        \
        .tp_clear = buffered_clear,                                                              \
        .tp_repr = buffered_repr,                                                                \
        .tp_getattro = ft_object_generic_get_attr_ref,                                           \
        .tp_methods = methods,                                                                   \
        .tp_getset = buffered_getset,                                                            \
        .tp_new = buffered_new,                                                                  \
        .tp_init = buffered_init,                                                                \
        .tp_doc = doc,                                                                           \
    };

BUFFERED_TYPE(ft_io_buffered_reader_type, "_io.BufferedReader", reader_methods,
              "Create a new buffered reader using the given readable raw IO object.")
BUFFERED_TYPE(ft_io_buffered_writer_type, "_io.BufferedWriter", writer_methods,
              "A buffer for a writeable sequential RawIO object.")
BUFFERED_TYPE(ft_io_buffered_random_type, "_io.BufferedRandom", random_methods,
              "A buffered interface to random access streams.")

// modules/io_fileio.c: _io.FileIO, raw binary I/O over a file descriptor (CPython's
// Modules/_io/fileio.c): opening by name (modes r/w/x/a with '+', O_CLOEXEC, an opener callable) or
// wrapping an fd (closefd), read/readall/readinto/write/seek/tell/truncate and the OSError
// subclasses that errno selects.
//
// Representation: fd (-1 once closed) and the mode flags fixed by the constructor; name is the path
// or the fd as given.
// Invariant: fd >= 0 exactly while the stream is open; readable || writable.
//
// Concurrency: every method holds the object's critical section for its whole body; the thread
// detaches around open(2), read(2) and write(2) (which suspends the section), so a stop-the-world
// never waits for I/O. Every field is guarded_by(ob_mutex): __init__ (which may run again on a live
// object, as in CPython) rewrites them all under the section.
#include <errno.h>      // errno EINTR
#include <limits.h>     // INT_MIN INT_MAX
#include <stdint.h>     // INT64_MAX
#include <fcntl.h>      // open O_*
#include <string.h>     // strlen memcpy
#include <sys/stat.h>   // fstat S_ISDIR
#include <unistd.h>     // read write lseek close isatty ftruncate

#include "modules/io.h"
#include "modules/modules_internal.h"   // ft_args_parse

#include "objects/abstract.h"          // ft_object_set_item ft_object_size
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytearray.h"         // ft_bytearray_*
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/int.h"               // ft_int_*
#include "objects/memoryview.h"        // ft_memoryview_check
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef FtMemberDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/type.h"              // ft_type_type
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_*
#include "runtime/thread_state.h"      // ft_thread_detach ft_thread_attach

typedef struct {
    FtObject ob_base;
    int fd;              // guarded_by(ob_mutex): -1 once closed
    bool created;        // guarded_by(ob_mutex): 'x'
    bool readable;       // guarded_by(ob_mutex)
    bool writable;       // guarded_by(ob_mutex)
    bool appending;      // guarded_by(ob_mutex): 'a'
    bool closefd;        // guarded_by(ob_mutex)
    bool close_called;   // guarded_by(ob_mutex): close() ran (flush() then refuses, as CPython)
    FtObject *name;      // guarded_by(ob_mutex): the path or the fd as given (read lock-free by the
                         // name member, which CPython also leaves unlocked)
} FileIOObject;

static FtObject *
fileio_closed_error(void)
{
    return ft_io_closed_error("I/O operation on closed file");
}

/* --- Construction --- */

// Parses a FileIO mode ("r", "wb", "a+", ...). 0, or -1 with ValueError.
static int
parse_mode(FileIOObject *f, const char *mode, int *flags)
{
    bool rwa = false, plus = false;
    for (const char *p = mode; *p != '\0'; p++) {
        switch (*p) {
        case 'x':
        case 'r':
        case 'w':
        case 'a':
            if (rwa)
                goto bad_mode;
            rwa = true;
            if (*p == 'x') {
                f->created = f->writable = true;
                *flags |= O_EXCL | O_CREAT;
            } else if (*p == 'r') {
                f->readable = true;
            } else if (*p == 'w') {
                f->writable = true;
                *flags |= O_CREAT | O_TRUNC;
            } else {
                f->writable = f->appending = true;
                *flags |= O_APPEND | O_CREAT;
            }
            break;
        case 'b':
            break;
        case '+':
            if (plus)
                goto bad_mode;
            f->readable = f->writable = plus = true;
            break;
        default:
            ft_error_format(&ft_exc_value_error, "invalid mode: %.200s", mode);
            return -1;
        }
    }
    if (!rwa)
        goto bad_mode;
    *flags |= f->readable && f->writable ? O_RDWR : f->readable ? O_RDONLY : O_WRONLY;
    *flags |= O_CLOEXEC;
    return 0;
bad_mode:
    ft_error_set_string(&ft_exc_value_error,
                        "Must have exactly one of create/read/write/append mode and at most one plus");
    return -1;
}

// (Re)initializes f: closes what it had open, then opens file. 0, or -1 with an exception (f is
// left closed). Caller holds f's section or f is unpublished. The old name goes to *drop, for the
// caller to drop after leaving the section (dropping it can run a __del__).
static int
fileio_init_impl(FileIOObject *f, FtObject *file, const char *mode, bool closefd, FtObject *opener,
                 FtObject **drop)
{
    if (f->fd >= 0 && f->closefd)
        close(f->fd);
    f->fd = -1;
    f->closefd = true;
    f->created = f->readable = f->writable = f->appending = false;
    *drop = f->name;
    f->name = NULL;
    int flags = 0;
    if (parse_mode(f, mode, &flags) < 0)
        goto error;
    f->name = ft_new_ref(file);
    if (ft_int_check(file)) {
        Ft_ssize fd = ft_number_as_ssize(file, &ft_exc_overflow_error);
        if (fd == -1 && ft_error_occurred()) {
            if (!ft_error_matches(&ft_exc_overflow_error))
                goto error;
            ft_error_clear();
            fd = INT64_MAX;
        }
        if (fd < INT_MIN || fd > INT_MAX) {
            // As CPython: an int that is no C int is then tried, and refused, as a path.
            ft_error_set_string(&ft_exc_type_error, "expected str, bytes or os.PathLike object, not int");
            goto error;
        }
        if (fd < 0) {
            ft_error_set_string(&ft_exc_value_error, "negative file descriptor");
            goto error;
        }
        f->fd = (int)fd;
        f->closefd = closefd;
    } else {
        if (!closefd) {
            ft_error_set_string(&ft_exc_value_error, "Cannot use closefd=False with file name");
            goto error;
        }
        const char *path;
        if (ft_str_check(file)) {
            Ft_ssize n;
            path = ft_str_as_utf8(file, &n);
            if (path == NULL)
                goto error;
            if ((Ft_ssize)strlen(path) != n) {
                ft_error_set_string(&ft_exc_value_error, "embedded null character");
                goto error;
            }
        } else if (ft_bytes_check(file)) {
            path = ft_bytes_data(file);
            if ((Ft_ssize)strlen(path) != ft_bytes_size(file)) {
                ft_error_set_string(&ft_exc_value_error, "embedded null byte");
                goto error;
            }
        } else {
            ft_error_format(&ft_exc_type_error, "expected str, bytes or os.PathLike object, not %s",
                            ft_object_type(file)->tp_name);
            goto error;
        }
        if (opener != NULL) {
            FtObject *fl = ft_int_from_int64_ref(flags);
            if (fl == NULL)
                goto error;
            FtObject *args[2] = {file, fl};
            FtObject *r = ft_object_vectorcall_ref(opener, args, 2, NULL);
            ft_decref(fl);
            if (r == NULL)
                goto error;
            if (!ft_int_check(r)) {
                ft_error_format(&ft_exc_type_error, "expected integer from opener");
                ft_decref(r);
                goto error;
            }
            Ft_ssize fd = ft_number_as_ssize(r, &ft_exc_overflow_error);
            ft_decref(r);
            if (fd == -1 && ft_error_occurred())
                goto error;
            if (fd < INT_MIN || fd > INT_MAX) {
                ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C int");
                goto error;
            }
            if (fd < 0) {
                ft_error_format(&ft_exc_value_error, "opener returned %zd", fd);
                goto error;
            }
            f->fd = (int)fd;
        } else {
            FtThreadState *ts = ft_thread_state_current();
            int fd, err;
            do {
                ft_thread_detach(ts);
                fd = open(path, flags, 0666);
                err = errno;
                ft_thread_attach(ts);
            } while (fd < 0 && err == EINTR);
            if (fd < 0) {
                ft_io_os_error(err, file);
                goto error;
            }
            f->fd = fd;
        }
        struct stat st;
        if (fstat(f->fd, &st) == 0 && S_ISDIR(st.st_mode)) {
            ft_io_os_error(EISDIR, file);
            goto error;
        }
    }
    if (f->appending) {
        // As CPython: the position starts at the end, so tell() is right before the first write.
        (void)lseek(f->fd, 0, SEEK_END);
    }
    return 0;
error:
    if (f->fd >= 0 && f->closefd)
        close(f->fd);
    f->fd = -1;
    return -1;
}

FtObject *
ft_io_fileio_new_ref(FtObject *file, const char *mode, bool closefd, FtObject *opener)
{
    FileIOObject *f = (FileIOObject *)ft_object_new_of_type(&ft_io_fileio_type, 0);
    if (f == NULL)
        return NULL;
    f->fd = -1;
    f->closefd = true;
    FtObject *drop = NULL;
    int rc = fileio_init_impl(f, file, mode, closefd, opener, &drop);
    ft_xdecref(drop);
    if (rc < 0) {
        ft_decref((FtObject *)f);
        return NULL;
    }
    return (FtObject *)f;
}

// FileIO.__new__: a closed stream, opened by __init__.
static FtObject *
fileio_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    FileIOObject *f = (FileIOObject *)ft_object_new_of_type(type, 0);
    if (f != NULL) {
        f->fd = -1;
        f->closefd = true;
    }
    return (FtObject *)f;
}

static int
fileio_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"file", "mode", "closefd", "opener"};
    static const FtArgSpec spec = {.fname = "FileIO", .names = names,
        .nparams = 4, .npos_only = 0, .max_positional = 4, .nrequired = 1};
    FtObject *a[4];
    if (ft_args_parse(&spec, args, nargsf, kwnames, a) < 0)
        return -1;
    const char *mode = "r";
    if (a[1] != NULL) {
        if (!ft_str_check(a[1])) {
            ft_error_format(&ft_exc_type_error, "FileIO() argument 'mode' must be str, not %s",
                            ft_object_type(a[1])->tp_name);
            return -1;
        }
        mode = ft_str_as_utf8(a[1], NULL);
        if (mode == NULL)
            return -1;
    }
    bool closefd = true;
    if (a[2] != NULL) {
        int t = ft_object_is_true(a[2]);
        if (t < 0)
            return -1;
        closefd = t != 0;
    }
    FtObject *opener = a[3] != NULL && !ft_object_is_none(a[3]) ? a[3] : NULL;
    int rc;
    FtObject *drop = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = fileio_init_impl((FileIOObject *)self, a[0], mode, closefd, opener, &drop);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(drop);
    return rc;
}

// Closes the fd (when the stream owns it). 0, or -1 with OSError. Caller holds the section.
static int
close_lock_held(FileIOObject *f)
{
    FT_ASSERT_LOCKED(f);
    int fd = f->fd;
    f->fd = -1;
    if (fd >= 0 && f->closefd && close(fd) < 0 && errno != EINTR) {
        ft_io_os_error(errno, NULL);
        return -1;
    }
    return 0;
}

static void
fileio_dealloc(FtObject *op)
{
    FileIOObject *f = (FileIOObject *)op;
    if (f->fd >= 0 && f->closefd)
        close(f->fd);
    ft_xdecref(f->name);
    ft_object_free_memory(op);
}

// The mode string of the flags ("rb", "ab+", ...). Caller holds the section.
static const char *
mode_string_lock_held(FileIOObject *f)
{
    FT_ASSERT_LOCKED(f);
    return f->created     ? (f->readable ? "xb+" : "xb")
           : f->appending ? (f->readable ? "ab+" : "ab")
           : f->readable  ? (f->writable ? "rb+" : "rb")
                          : "wb";
}

static FtObject *
fileio_repr(FtObject *self)
{
    FileIOObject *f = (FileIOObject *)self;
    int fd;
    const char *mode;
    bool closefd;
    FtObject *name;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    fd = f->fd;
    mode = mode_string_lock_held(f);
    closefd = f->closefd;
    name = f->name != NULL ? ft_new_ref(f->name) : ft_none_ref();
    FT_END_CRITICAL_SECTION_OBJECT();
    FtObject *res = fd < 0 ? ft_str_from_ascii_ref("<_io.FileIO [closed]>")
                           : ft_str_from_format_ref("<_io.FileIO name=%R mode='%s' closefd=%s>",
                                                    name, mode, closefd ? "True" : "False");
    ft_decref(name);
    return res;
}

/* --- Methods --- */

// The open fd, or -1 with ValueError. Caller holds the section.
static int
open_fd_lock_held(FileIOObject *f)
{
    FT_ASSERT_LOCKED(f);
    if (f->fd < 0)
        fileio_closed_error();
    return f->fd;
}

// read(2) of up to n bytes into buf with the thread detached, retrying on EINTR. The count, or -1
// with OSError.
static Ft_ssize
read_detached(int fd, char *buf, Ft_ssize n)
{
    FtThreadState *ts = ft_thread_state_current();
    ssize_t r;
    int err;
    do {
        ft_thread_detach(ts);
        r = read(fd, buf, (size_t)n);
        err = errno;
        ft_thread_attach(ts);
    } while (r < 0 && err == EINTR);
    if (r < 0) {
        ft_io_os_error(err, NULL);
        return -1;
    }
    return r;
}

static FtObject *
readall_lock_held(FileIOObject *f)
{
    FT_ASSERT_LOCKED(f);
    Ft_ssize cap = 8192, len = 0;
    char *buf = ft_runtime_mem_alloc((size_t)cap);
    if (buf == NULL)
        return ft_error_no_memory();
    for (;;) {
        if (len == cap) {
            char *nb = ft_runtime_mem_alloc((size_t)cap * 2);
            if (nb == NULL) {
                ft_runtime_mem_free(buf);
                return ft_error_no_memory();
            }
            memcpy(nb, buf, (size_t)len);
            ft_runtime_mem_free(buf);
            buf = nb;
            cap *= 2;
        }
        Ft_ssize n = read_detached(f->fd, buf + len, cap - len);
        if (n < 0) {
            ft_runtime_mem_free(buf);
            return NULL;
        }
        if (n == 0)
            break;
        len += n;
    }
    FtObject *res = ft_bytes_from_data_ref(buf, len);
    ft_runtime_mem_free(buf);
    return res;
}

// One read(2) of up to size >= 0 bytes, as a new bytes object, or NULL with an exception.
static FtObject *
read_once_lock_held(FileIOObject *f, Ft_ssize size)
{
    FT_ASSERT_LOCKED(f);
    char *buf = ft_runtime_mem_alloc(size > 0 ? (size_t)size : 1);
    if (buf == NULL) {
        ft_error_no_memory();
        return NULL;
    }
    FtObject *res = NULL;
    Ft_ssize n = read_detached(f->fd, buf, size);
    if (n >= 0)
        res = ft_bytes_from_data_ref(buf, n);
    ft_runtime_mem_free(buf);
    return res;
}

static FtObject *
fileio_readall(FtObject *self)
{
    FileIOObject *f = (FileIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (open_fd_lock_held(f) >= 0) {
        if (!f->readable)
            ft_io_unsupported("File not open for reading");
        else
            res = readall_lock_held(f);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
fileio_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    FileIOObject *f = (FileIOObject *)self;
    Ft_ssize size;
    if (ft_io_check_nargs("read", nargs, 0, 1) < 0)
        return NULL;
    if (ft_io_size_arg(nargs > 0 ? args[0] : NULL, &size) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (open_fd_lock_held(f) < 0) {
    } else if (!f->readable) {
        ft_io_unsupported("File not open for reading");
    } else {
        res = size < 0 ? readall_lock_held(f) : read_once_lock_held(f, size);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// readinto(b): one read(2) of up to len(b) bytes stored into b[:n].
static FtObject *
fileio_readinto(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (ft_io_check_nargs("readinto", nargs, 1, 1) < 0)
        return NULL;
    FtObject *b = args[0];
    if (!ft_bytearray_check(b) && !ft_memoryview_check(b))
        return ft_error_format(&ft_exc_type_error,
                               "readinto() argument 1 must be read-write bytes-like object, not %s",
                               ft_object_type(b)->tp_name);
    Ft_ssize len = ft_object_size(b);
    if (len < 0)
        return NULL;
    FileIOObject *f = (FileIOObject *)self;
    FtObject *data = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (open_fd_lock_held(f) < 0) {
    } else if (!f->readable) {
        ft_io_unsupported("File not open for reading");
    } else {
        data = read_once_lock_held(f, len);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (data == NULL)
        return NULL;
    return ft_io_store_into_steal(b, data);
}

static FtObject *
fileio_write(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (ft_io_check_nargs("write", nargs, 1, 1) < 0)
        return NULL;
    FileIOObject *f = (FileIOObject *)self;
    FtObject *res = NULL;
    // The argument is converted first, as CPython's argument clinic does.
    FtObject *data = ft_io_bytes_like_ref(args[0]);
    if (data == NULL)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (open_fd_lock_held(f) < 0) {
    } else if (!f->writable) {
        ft_io_unsupported("File not open for writing");
    } else {
        FtThreadState *ts = ft_thread_state_current();
        int fd = f->fd;
        ssize_t n;
        int err;
        do {
            ft_thread_detach(ts);
            n = write(fd, ft_bytes_data(data), (size_t)ft_bytes_size(data));
            err = errno;
            ft_thread_attach(ts);
        } while (n < 0 && err == EINTR);
        if (n < 0) {
            if (err == EAGAIN)
                res = ft_none_ref();
            else
                ft_io_os_error(err, NULL);
        } else {
            res = ft_int_from_int64_ref(n);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(data);
    return res;
}

// An int argument (the seek position, the truncate size) as an off_t. 0 or -1.
static int
offset_arg(FtObject *arg, off_t *out)
{
    Ft_ssize v;
    if (ft_io_int_arg(arg, "long", &v) < 0)
        return -1;
    *out = (off_t)v;
    return 0;
}

// lseek(2) on f's fd: the new position as an int, or NULL with OSError. Caller holds the section.
static FtObject *
lseek_ref(FileIOObject *f, off_t pos, int whence)
{
    FT_ASSERT_LOCKED(f);
    off_t r = lseek(f->fd, pos, whence);
    if (r < 0)
        return ft_io_os_error(errno, NULL);
    return ft_int_from_int64_ref((int64_t)r);
}

static FtObject *
fileio_seek(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (ft_args_check_positional("seek", nargs, 1, 2) < 0)
        return NULL;
    off_t pos;
    Ft_ssize w = 0;
    FileIOObject *f = (FileIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    // As CPython: a closed file is reported before the arguments are looked at.
    if (open_fd_lock_held(f) >= 0 && offset_arg(args[0], &pos) == 0 &&
        (nargs < 2 || ft_io_int_arg(args[1], "int", &w) == 0)) {
        if (w < INT_MIN || w > INT_MAX) {
            ft_error_set_string(&ft_exc_overflow_error, "Python int too large to convert to C int");
        } else {
            res = lseek_ref(f, pos, (int)w);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
fileio_tell(FtObject *self)
{
    FileIOObject *f = (FileIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (open_fd_lock_held(f) >= 0)
        res = lseek_ref(f, 0, SEEK_CUR);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
fileio_truncate(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (ft_io_check_nargs("truncate", nargs, 0, 1) < 0)
        return NULL;
    FileIOObject *f = (FileIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    off_t size = 0;
    if (open_fd_lock_held(f) < 0) {
    } else if (!f->writable) {
        ft_io_unsupported("File not open for writing");
    } else if (nargs == 0 || ft_object_is_none(args[0])) {
        size = lseek(f->fd, 0, SEEK_CUR);
        if (size < 0)
            ft_io_os_error(errno, NULL);
        else if (ftruncate(f->fd, size) < 0)
            ft_io_os_error(errno, NULL);
        else
            res = ft_int_from_int64_ref((int64_t)size);
    } else if (offset_arg(args[0], &size) == 0) {
        if (ftruncate(f->fd, size) < 0)
            ft_io_os_error(errno, NULL);
        else
            res = ft_int_from_int64_ref((int64_t)size);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
fileio_close(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)args;
    if (nargs != 0)
        return ft_error_format(&ft_exc_type_error, "close() takes no arguments");
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    ((FileIOObject *)self)->close_called = true;
    rc = close_lock_held((FileIOObject *)self);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rc < 0 ? NULL : ft_none_ref();
}

// flush(): nothing to do; refused only after close() (a stream made by __new__ alone is "closed"
// but was never closed, and CPython lets it flush).
static FtObject *
fileio_flush(FtObject *self)
{
    bool refused;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    refused = ((FileIOObject *)self)->close_called && ((FileIOObject *)self)->fd < 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    return refused ? ft_io_closed_error(NULL) : ft_none_ref();
}

static FtObject *
fileio_fileno(FtObject *self)
{
    int fd;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    fd = open_fd_lock_held((FileIOObject *)self);
    FT_END_CRITICAL_SECTION_OBJECT();
    return fd < 0 ? NULL : ft_int_from_int64_ref(fd);
}

static FtObject *
fileio_isatty(FtObject *self)
{
    int fd, tty = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    fd = open_fd_lock_held((FileIOObject *)self);
    if (fd >= 0)
        tty = isatty(fd) == 1;
    FT_END_CRITICAL_SECTION_OBJECT();
    return fd < 0 ? NULL : ft_new_ref(ft_bool_from(tty));
}

// readable() / writable() / seekable(): the answer, or ValueError on a closed file.
static FtObject *
fileio_query(FtObject *self, int which)
{
    FileIOObject *f = (FileIOObject *)self;
    int fd;
    bool answer = false;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    fd = open_fd_lock_held(f);
    if (fd >= 0)
        answer = which == 0 ? f->readable : which == 1 ? f->writable : lseek(fd, 0, SEEK_CUR) >= 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    return fd < 0 ? NULL : ft_new_ref(ft_bool_from(answer));
}

static FtObject *
fileio_readable(FtObject *self)
{
    return fileio_query(self, 0);
}

static FtObject *
fileio_writable(FtObject *self)
{
    return fileio_query(self, 1);
}

static FtObject *
fileio_seekable(FtObject *self)
{
    return fileio_query(self, 2);
}

static FtObject *
fileio_get_closed(FtObject *self, void *closure)
{
    (void)closure;
    int fd;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    fd = ((FileIOObject *)self)->fd;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_new_ref(ft_bool_from(fd < 0));
}

static FtObject *
fileio_get_closefd(FtObject *self, void *closure)
{
    (void)closure;
    bool closefd;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    closefd = ((FileIOObject *)self)->closefd;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_new_ref(ft_bool_from(closefd));
}

static FtObject *
fileio_get_mode(FtObject *self, void *closure)
{
    (void)closure;
    const char *mode;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    mode = mode_string_lock_held((FileIOObject *)self);
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_str_from_ascii_ref(mode);
}

static FtObject *
fileio_getstate(FtObject *self)
{
    return ft_error_format(&ft_exc_type_error, "cannot pickle '%s' instances",
                           ft_io_type_short_name(ft_object_type(self)));
}

static const FtMethodDef fileio_methods[] = {
    {"__getstate__", {.noargs = fileio_getstate}, FT_METH_NOARGS, NULL},
    {"flush", {.noargs = fileio_flush}, FT_METH_NOARGS, "Does nothing: FileIO writes go straight to the file."},
    {"read", {.fast = fileio_read}, FT_METH_FASTCALL, "Read at most size bytes, returned as bytes."},
    {"readall", {.noargs = fileio_readall}, FT_METH_NOARGS, "Read all data from the file, returned as bytes."},
    {"readinto", {.fast = fileio_readinto}, FT_METH_FASTCALL, "Same as RawIOBase.readinto()."},
    {"write", {.fast = fileio_write}, FT_METH_FASTCALL, "Write buffer b to file, return number of bytes written."},
    {"seek", {.fast = fileio_seek}, FT_METH_FASTCALL, "Move to new file position and return the file position."},
    {"tell", {.noargs = fileio_tell}, FT_METH_NOARGS, "Current file position."},
    {"truncate", {.fast = fileio_truncate}, FT_METH_FASTCALL, "Truncate the file to at most size bytes and return the truncated size."},
    {"close", {.fast = fileio_close}, FT_METH_FASTCALL, "Close the file."},
    {"seekable", {.noargs = fileio_seekable}, FT_METH_NOARGS, "True if file supports random-access."},
    {"readable", {.noargs = fileio_readable}, FT_METH_NOARGS, "True if file was opened in a read mode."},
    {"writable", {.noargs = fileio_writable}, FT_METH_NOARGS, "True if file was opened in a write mode."},
    {"fileno", {.noargs = fileio_fileno}, FT_METH_NOARGS, "Return the underlying file descriptor (an integer)."},
    {"isatty", {.noargs = fileio_isatty}, FT_METH_NOARGS, "True if the file is connected to a TTY device."},
    {NULL, {NULL}, 0, NULL},
};

static const FtMemberDef fileio_members[] = {
    {"name", FT_MEMBER_OBJECT, offsetof(FileIOObject, name), FT_MEMBER_READONLY, NULL},
    {NULL, 0, 0, 0, NULL},
};

static const FtGetSetDef fileio_getset[] = {
    {"closed", fileio_get_closed, NULL, "True if the file is closed", NULL},
    {"closefd", fileio_get_closefd, NULL, "True if the file descriptor will be closed by close().", NULL},
    {"mode", fileio_get_mode, NULL, "String giving the file mode", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

FtTypeObject ft_io_fileio_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io.FileIO",
    .tp_basicsize = sizeof(FileIOObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_io_rawiobase_type,
    .tp_dealloc = fileio_dealloc,
    .tp_repr = fileio_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = fileio_methods,
    .tp_members = fileio_members,
    .tp_getset = fileio_getset,
    .tp_new = fileio_new,
    .tp_init = fileio_init,
    .tp_doc = "Open a file.",
};

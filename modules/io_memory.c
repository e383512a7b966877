// modules/io_memory.c: the in-memory streams _io.BytesIO and _io.StringIO (CPython's
// Modules/_io/bytesio.c and stringio.c).
//
// Representation: BytesIO keeps buf[0..len) bytes and StringIO buf[0..len) code points, each with a
// position pos that may lie past the end (a write there pads with zeros). StringIO applies its
// newline mode on write (None: '\r\n' and '\r' become '\n'; '\r' or '\r\n': '\n' becomes that) and
// splits lines on read as TextIOWrapper does.
// Invariants: len <= cap; pos >= 0; closed streams keep no buffer.
//
// Concurrency: every method holds the object's critical section for its whole body; none of them
// blocks or runs Python code inside it except to convert arguments, which happens before the
// section is entered. All fields are guarded_by(ob_mutex); the newline mode is immutable.
#include <stdint.h>   // PTRDIFF_MAX SIZE_MAX
#include <string.h>   // memchr memcpy memset

#include "modules/io.h"
#include "modules/modules_internal.h"   // ft_args_parse ft_args_check_positional

#include "objects/abstract.h"          // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/dict.h"              // ft_dict_check
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/int.h"               // ft_int_*
#include "objects/list.h"              // ft_list_*
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef
#include "objects/object.h"            // ft_object_*
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_pack_ref
#include "objects/type.h"              // ft_type_type
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"          // ft_incref ft_decref
#include "runtime/runtime_mem.h"       // ft_runtime_mem_*

// Requests above this many bytes fail with MemoryError without asking the allocator (no machine
// has them, and sanitizer allocators abort on such sizes instead of returning NULL).
#define MEMORY_MAX_BYTES ((size_t)1 << 46)

// Grows *buf (elements of elem bytes) to hold need >= 0 elements, doubling. 0, or -1 with
// OverflowError "new buffer size too large" when need elements (plus CPython's two spare) exceed
// the address space, else MemoryError.
static int
grow(void **buf, Ft_ssize *cap, Ft_ssize need, size_t elem)
{
    FT_ASSERT(need >= 0);
    if (need <= *cap)
        return 0;
    if ((size_t)need > SIZE_MAX / elem - 2) {
        ft_error_set_string(&ft_exc_overflow_error, "new buffer size too large");
        return -1;
    }
    if ((size_t)need > MEMORY_MAX_BYTES / elem) {
        ft_error_no_memory();
        return -1;
    }
    Ft_ssize ncap = *cap < 32 ? 32 : *cap;
    ncap = ncap > need / 2 ? ncap * 2 : need;   // both below 2**47: no overflow
    if ((size_t)ncap > MEMORY_MAX_BYTES / elem)
        ncap = need;
    void *nb = ft_runtime_mem_alloc((size_t)ncap * elem);
    if (nb == NULL) {
        ft_error_no_memory();
        return -1;
    }
    if (*buf != NULL)
        memcpy(nb, *buf, (size_t)*cap * elem);
    ft_runtime_mem_free(*buf);
    *buf = nb;
    *cap = ncap;
    return 0;
}

// The int argument of seek (pos, whence). 0 or -1 with TypeError.
static int
index_arg(FtObject *arg, Ft_ssize *out)
{
    return ft_io_int_arg(arg, "ssize_t", out);
}

/* --- BytesIO --- */

typedef struct {
    FtObject ob_base;
    char *buf;                 // guarded_by(ob_mutex)
    Ft_ssize len, cap, pos;    // guarded_by(ob_mutex)
    bool closed;               // guarded_by(ob_mutex)
} BytesIOObject;

static FtObject *bytesio_getvalue(FtObject *self);
static FtObject *bytesio_tell(FtObject *self);

static int
bytesio_check_lock_held(BytesIOObject *b)
{
    FT_ASSERT_LOCKED(b);
    if (b->closed) {
        ft_io_closed_error(NULL);
        return -1;
    }
    return 0;
}

// Writes data at pos (padding with zeros past the end). 0 or -1.
static int
bytesio_write_lock_held(BytesIOObject *b, const char *data, Ft_ssize n)
{
    FT_ASSERT_LOCKED(b);
    if (n == 0)
        return 0;
    if (b->pos > PTRDIFF_MAX - n) {
        ft_error_set_string(&ft_exc_overflow_error, "new buffer size too large");
        return -1;
    }
    if (grow((void **)&b->buf, &b->cap, b->pos + n, 1) < 0)
        return -1;
    if (b->pos > b->len)
        memset(b->buf + b->len, 0, (size_t)(b->pos - b->len));
    memcpy(b->buf + b->pos, data, (size_t)n);
    b->pos += n;
    if (b->pos > b->len)
        b->len = b->pos;
    return 0;
}

// Replaces the contents with data[0..n) and the position with pos. 0 or -1.
static int
bytesio_reset_lock_held(BytesIOObject *b, const char *data, Ft_ssize n, Ft_ssize pos)
{
    FT_ASSERT_LOCKED(b);
    b->len = b->pos = 0;
    if (bytesio_write_lock_held(b, data, n) < 0)
        return -1;
    b->pos = pos;
    return 0;
}

// BytesIO.__new__: an empty stream; __init__ fills it.
static FtObject *
bytesio_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return ft_object_new_of_type(type, 0);
}

static int
bytesio_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"initial_bytes"};
    static const FtArgSpec spec = {.fname = "BytesIO", .names = names,
        .nparams = 1, .npos_only = 0, .max_positional = 1, .nrequired = 0};
    FtObject *a[1];
    if (ft_args_parse(&spec, args, nargsf, kwnames, a) < 0)
        return -1;
    FtObject *init = NULL;
    if (a[0] != NULL && !ft_object_is_none(a[0])) {
        init = ft_io_bytes_like_ref(a[0]);
        if (init == NULL)
            return -1;
    }
    BytesIOObject *b = (BytesIOObject *)self;
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = init != NULL ? bytesio_reset_lock_held(b, ft_bytes_data(init), ft_bytes_size(init), 0)
                      : bytesio_reset_lock_held(b, "", 0, 0);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(init);
    return rc;
}

// The third (BytesIO) or fourth (StringIO) item of a pickled state: None, or a dict (ftpy's
// memory streams have no instance dict, so its entries are not kept). 0 or -1 with TypeError.
static int
state_dict_check(FtObject *d, const char *which)
{
    if (ft_object_is_none(d) || ft_dict_check(d))
        return 0;
    ft_error_format(&ft_exc_type_error, "%s item of state should be a dict, got a %s", which,
                    ft_object_type(d)->tp_name);
    return -1;
}

static FtObject *
bytesio_getstate(FtObject *self)
{
    FtObject *value = bytesio_getvalue(self);
    if (value == NULL)
        return NULL;
    FtObject *pos = bytesio_tell(self);
    FtObject *res = pos != NULL ? ft_tuple_pack_ref(3, value, pos, FT_NONE) : NULL;
    ft_decref(value);
    ft_xdecref(pos);
    return res;
}

static FtObject *
bytesio_setstate(FtObject *self, FtObject *state)
{
    BytesIOObject *b = (BytesIOObject *)self;
    if (!ft_tuple_check(state) || ft_tuple_size(state) < 3)
        return ft_error_format(&ft_exc_type_error,
                               "_io.BytesIO.__setstate__ argument should be 3-tuple, got %s",
                               ft_object_type(state)->tp_name);
    FtObject *data = ft_io_bytes_like_ref(ft_tuple_get_item_borrow(state, 0));
    if (data == NULL)
        return NULL;
    FtObject *pos_obj = ft_tuple_get_item_borrow(state, 1);
    Ft_ssize pos = 0;
    FtObject *res = NULL;
    if (!ft_int_check(pos_obj)) {
        ft_error_format(&ft_exc_type_error, "second item of state must be an integer, not %s",
                        ft_object_type(pos_obj)->tp_name);
    } else if ((pos = ft_number_as_ssize(pos_obj, &ft_exc_overflow_error)) == -1 &&
               ft_error_occurred()) {
    } else if (pos < 0) {
        ft_error_set_string(&ft_exc_value_error, "position value cannot be negative");
    } else if (state_dict_check(ft_tuple_get_item_borrow(state, 2), "third") == 0) {
        int rc;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
        rc = bytesio_check_lock_held(b);
        if (rc == 0)
            rc = bytesio_reset_lock_held(b, ft_bytes_data(data), ft_bytes_size(data), pos);
        FT_END_CRITICAL_SECTION_OBJECT();
        if (rc == 0)
            res = ft_none_ref();
    }
    ft_decref(data);
    return res;
}

static FtObject *
bytesio_sizeof(FtObject *self)
{
    Ft_ssize size;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    size = (Ft_ssize)sizeof(BytesIOObject) + ((BytesIOObject *)self)->cap;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_int_from_int64_ref(size);
}

static void
bytesio_dealloc(FtObject *op)
{
    ft_runtime_mem_free(((BytesIOObject *)op)->buf);
    ft_object_free_memory(op);
}

static FtObject *
bytesio_read_common(FtObject *self, FtObject *const *args, Ft_ssize nargs, const char *fname)
{
    BytesIOObject *b = (BytesIOObject *)self;
    Ft_ssize n;
    if (ft_args_check_positional(fname, nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &n) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (bytesio_check_lock_held(b) == 0) {
        Ft_ssize avail = b->len > b->pos ? b->len - b->pos : 0;
        if (n < 0 || n > avail)
            n = avail;
        res = ft_bytes_from_data_ref(b->buf != NULL ? b->buf + b->pos : "", n);
        if (res != NULL)
            b->pos += n;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
bytesio_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return bytesio_read_common(self, args, nargs, "read");
}

static FtObject *
bytesio_read1(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    return bytesio_read_common(self, args, nargs, "read1");
}

static FtObject *
bytesio_readline(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BytesIOObject *b = (BytesIOObject *)self;
    Ft_ssize limit;
    if (ft_args_check_positional("readline", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &limit) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (bytesio_check_lock_held(b) == 0) {
        Ft_ssize avail = b->len > b->pos ? b->len - b->pos : 0;
        Ft_ssize n = avail;
        const char *nl = avail > 0 ? memchr(b->buf + b->pos, '\n', (size_t)avail) : NULL;
        if (nl != NULL)
            n = nl - (b->buf + b->pos) + 1;
        if (limit >= 0 && limit < n)
            n = limit;
        res = ft_bytes_from_data_ref(b->buf != NULL ? b->buf + b->pos : "", n);
        if (res != NULL)
            b->pos += n;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

// readlines(size=None): the lines from pos on, stopping once their total length reaches size.
static FtObject *
bytesio_readlines(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BytesIOObject *b = (BytesIOObject *)self;
    Ft_ssize hint = -1;
    if (ft_args_check_positional("readlines", nargs, 0, 1) < 0)
        return NULL;
    if (nargs > 0 && !ft_object_is_none(args[0])) {
        if (!ft_int_check(args[0]))
            return ft_error_format(&ft_exc_type_error, "integer argument expected, got '%s'",
                                   ft_object_type(args[0])->tp_name);
        if (ft_io_int_arg(args[0], "ssize_t", &hint) < 0)
            return NULL;
    }
    FtObject *list = ft_list_new_ref(0);
    if (list == NULL)
        return NULL;
    int rc = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = bytesio_check_lock_held(b);
    Ft_ssize total = 0;
    while (rc == 0 && b->pos < b->len) {
        Ft_ssize avail = b->len - b->pos;
        const char *nl = memchr(b->buf + b->pos, '\n', (size_t)avail);
        Ft_ssize n = nl != NULL ? nl - (b->buf + b->pos) + 1 : avail;
        FtObject *line = ft_bytes_from_data_ref(b->buf + b->pos, n);
        rc = line != NULL ? ft_list_append(list, line) : -1;
        ft_xdecref(line);
        b->pos += n;
        total += n;
        if (hint > 0 && total >= hint)
            break;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (rc < 0) {
        ft_decref(list);
        return NULL;
    }
    return list;
}

static FtObject *
bytesio_readinto(FtObject *self, FtObject *target)
{
    // The base class's readinto reads len(target) bytes through read() and stores them.
    FtObject *read = ft_object_get_attr_cstr_ref((FtObject *)&ft_io_bufferediobase_type, "readinto");
    if (read == NULL)
        return NULL;
    FtObject *args[2] = {self, target};
    FtObject *r = ft_object_vectorcall_ref(read, args, 2, NULL);
    ft_decref(read);
    return r;
}

static FtObject *
bytesio_write(FtObject *self, FtObject *arg)
{
    BytesIOObject *b = (BytesIOObject *)self;
    FtObject *data = ft_io_bytes_like_ref(arg);
    if (data == NULL)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (bytesio_check_lock_held(b) == 0 &&
        bytesio_write_lock_held(b, ft_bytes_data(data), ft_bytes_size(data)) == 0)
        res = ft_int_from_int64_ref(ft_bytes_size(data));
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(data);
    return res;
}

static FtObject *
bytesio_writelines(FtObject *self, FtObject *lines)
{
    BytesIOObject *b = (BytesIOObject *)self;
    int closed;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    closed = b->closed;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (closed)
        return ft_io_closed_error(NULL);
    FtObject *it = ft_object_get_iter_ref(lines);
    if (it == NULL)
        return NULL;
    for (;;) {
        FtObject *line;
        int r = ft_iter_next_ref(it, &line);
        if (r <= 0) {
            ft_decref(it);
            return r < 0 ? NULL : ft_none_ref();
        }
        FtObject *w = bytesio_write(self, line);
        ft_decref(line);
        if (w == NULL) {
            ft_decref(it);
            return NULL;
        }
        ft_decref(w);
    }
}

static FtObject *
bytesio_seek(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BytesIOObject *b = (BytesIOObject *)self;
    Ft_ssize pos, whence = 0;
    if (ft_args_check_positional("seek", nargs, 1, 2) < 0 || index_arg(args[0], &pos) < 0 ||
        (nargs > 1 && index_arg(args[1], &whence) < 0))
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (bytesio_check_lock_held(b) < 0) {
    } else if (whence < 0 || whence > 2) {
        ft_error_format(&ft_exc_value_error, "invalid whence (%zd, should be 0, 1 or 2)", whence);
    } else if (whence == 0 && pos < 0) {
        ft_error_format(&ft_exc_value_error, "negative seek value %zd", pos);
    } else {
        Ft_ssize base = whence == 1 ? b->pos : whence == 2 ? b->len : 0;
        if (pos > PTRDIFF_MAX - base) {
            ft_error_set_string(&ft_exc_overflow_error, "new position too large");
        } else {
            pos += base;
            if (pos < 0)
                pos = 0;
            b->pos = pos;
            res = ft_int_from_int64_ref(pos);
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
bytesio_tell(FtObject *self)
{
    BytesIOObject *b = (BytesIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (bytesio_check_lock_held(b) == 0)
        res = ft_int_from_int64_ref(b->pos);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
bytesio_truncate(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    BytesIOObject *b = (BytesIOObject *)self;
    Ft_ssize size = -1;
    if (ft_args_check_positional("truncate", nargs, 0, 1) < 0 ||
        (nargs > 0 && !ft_object_is_none(args[0]) && ft_io_int_arg(args[0], "long", &size) < 0))
        return NULL;
    bool given = nargs > 0 && !ft_object_is_none(args[0]);
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (bytesio_check_lock_held(b) < 0) {
    } else if (given && size < 0) {
        ft_error_format(&ft_exc_value_error, "negative size value %zd", size);
    } else {
        if (!given)
            size = b->pos;
        if (size < b->len)
            b->len = size;
        res = ft_int_from_int64_ref(size);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
bytesio_getvalue(FtObject *self)
{
    BytesIOObject *b = (BytesIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (bytesio_check_lock_held(b) == 0)
        res = ft_bytes_from_data_ref(b->buf != NULL ? b->buf : "", b->len);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
bytesio_close(FtObject *self)
{
    BytesIOObject *b = (BytesIOObject *)self;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    b->closed = true;
    ft_runtime_mem_free(b->buf);
    b->buf = NULL;
    b->len = b->cap = b->pos = 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_none_ref();
}

// flush / isatty / readable / writable / seekable: the answer on an open stream.
static FtObject *
bytesio_answer(FtObject *self, FtObject *answer)
{
    BytesIOObject *b = (BytesIOObject *)self;
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = bytesio_check_lock_held(b);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rc < 0 ? NULL : ft_new_ref(answer);
}

static FtObject *
bytesio_true(FtObject *self)
{
    return bytesio_answer(self, FT_TRUE);
}

static FtObject *
bytesio_false(FtObject *self)
{
    return bytesio_answer(self, ft_bool_from(false));
}

static FtObject *
bytesio_flush(FtObject *self)
{
    return bytesio_answer(self, FT_NONE);
}

static FtObject *
bytesio_get_closed(FtObject *self, void *closure)
{
    (void)closure;
    bool closed;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    closed = ((BytesIOObject *)self)->closed;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_new_ref(ft_bool_from(closed));
}

static const FtMethodDef bytesio_methods[] = {
    {"__getstate__", {.noargs = bytesio_getstate}, FT_METH_NOARGS, NULL},
    {"__setstate__", {.o = bytesio_setstate}, FT_METH_O, NULL},
    {"__sizeof__", {.noargs = bytesio_sizeof}, FT_METH_NOARGS, NULL},
    {"readable", {.noargs = bytesio_true}, FT_METH_NOARGS, "Returns True if the IO object can be read."},
    {"seekable", {.noargs = bytesio_true}, FT_METH_NOARGS, "Returns True if the IO object can be seeked."},
    {"writable", {.noargs = bytesio_true}, FT_METH_NOARGS, "Returns True if the IO object can be written."},
    {"close", {.noargs = bytesio_close}, FT_METH_NOARGS, "Disable all I/O operations."},
    {"flush", {.noargs = bytesio_flush}, FT_METH_NOARGS, "Does nothing."},
    {"isatty", {.noargs = bytesio_false}, FT_METH_NOARGS, "Always returns False."},
    {"tell", {.noargs = bytesio_tell}, FT_METH_NOARGS, "Current file position, an integer."},
    {"write", {.o = bytesio_write}, FT_METH_O, "Write bytes to file."},
    {"writelines", {.o = bytesio_writelines}, FT_METH_O, "Write lines to the file."},
    {"read1", {.fast = bytesio_read1}, FT_METH_FASTCALL, "Read at most size bytes, returned as a bytes object."},
    {"readinto", {.o = bytesio_readinto}, FT_METH_O, "Read bytes into buffer."},
    {"readlines", {.fast = bytesio_readlines}, FT_METH_FASTCALL, "List of bytes objects, each a line from the file."},
    {"readline", {.fast = bytesio_readline}, FT_METH_FASTCALL, "Next line from the file, as a bytes object."},
    {"read", {.fast = bytesio_read}, FT_METH_FASTCALL, "Read at most size bytes, returned as a bytes object."},
    {"getvalue", {.noargs = bytesio_getvalue}, FT_METH_NOARGS, "Retrieve the entire contents of the BytesIO object."},
    {"seek", {.fast = bytesio_seek}, FT_METH_FASTCALL, "Change stream position."},
    {"truncate", {.fast = bytesio_truncate}, FT_METH_FASTCALL, "Truncate the file to at most size bytes."},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef bytesio_getset[] = {
    {"closed", bytesio_get_closed, NULL, "True if the file is closed.", NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

FtTypeObject ft_io_bytesio_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io.BytesIO",
    .tp_basicsize = sizeof(BytesIOObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_io_bufferediobase_type,
    .tp_dealloc = bytesio_dealloc,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_methods = bytesio_methods,
    .tp_getset = bytesio_getset,
    .tp_new = bytesio_new,
    .tp_init = bytesio_init,
    .tp_doc = "Buffered I/O implementation using an in-memory bytes buffer.",
};

/* --- StringIO --- */

typedef struct {
    FtObject ob_base;
    uint32_t *buf;             // guarded_by(ob_mutex): code points
    Ft_ssize len, cap, pos;    // guarded_by(ob_mutex)
    bool closed;               // guarded_by(ob_mutex)
    bool initialized;          // guarded_by(ob_mutex): __init__ has run
    int seen_newlines;         // guarded_by(ob_mutex): FT_IO_SEEN_* (universal modes)
    // The newline mode, guarded_by(ob_mutex) (set by __init__ and __setstate__):
    const char *newline;       // the argument as given ("", "\n", "\r", "\r\n"), or NULL (None)
    bool readuniversal;        // newline None or ''
    bool writetranslate_in;    // newline None ('\r\n' and '\r' become '\n' on write)
    const char *nl;            // "\n", "\r", "\r\n", or NULL (universal)
} StringIOObject;

static int
stringio_check_lock_held(StringIOObject *s)
{
    FT_ASSERT_LOCKED(s);
    if (!s->initialized) {
        ft_error_set_string(&ft_exc_value_error, "I/O operation on uninitialized object");
        return -1;
    }
    if (s->closed) {
        ft_io_closed_error("I/O operation on closed file");
        return -1;
    }
    return 0;
}

// Writes text at pos with the newline mode applied. 0 or -1.
static int
stringio_write_lock_held(StringIOObject *s, FtObject *text)
{
    FT_ASSERT_LOCKED(s);
    Ft_ssize n = ft_str_length(text);
    if (n == 0)
        return 0;
    if (s->pos > PTRDIFF_MAX - n) {
        ft_error_set_string(&ft_exc_overflow_error, "new position too large");
        return -1;
    }
    // '\n' -> "\r\n" at most doubles the text; a text of 2**61 or more characters cannot exist.
    Ft_ssize start = s->pos > s->len ? s->pos : s->len;
    Ft_ssize need = start > PTRDIFF_MAX - 2 * n ? PTRDIFF_MAX : start + 2 * n;
    if (grow((void **)&s->buf, &s->cap, need, 4) < 0)
        return -1;
    if (s->pos > s->len) {
        for (Ft_ssize i = s->len; i < s->pos; i++)
            s->buf[i] = 0;
        s->len = s->pos;
    }
    // Translate into a scratch copy first: the write may overlap the text after pos.
    uint32_t *tmp = ft_runtime_mem_alloc((size_t)(2 * n + 1) * 4);
    if (tmp == NULL) {
        ft_error_no_memory();
        return -1;
    }
    Ft_ssize k = 0;
    for (Ft_ssize i = 0; i < n; i++) {
        uint32_t c = ft_str_read_char(text, i);
        if (s->readuniversal && (c == '\r' || c == '\n')) {
            if (c == '\r' && i + 1 < n && ft_str_read_char(text, i + 1) == '\n') {
                s->seen_newlines |= FT_IO_SEEN_CRLF;
                if (s->writetranslate_in) {
                    tmp[k++] = '\n';
                    i++;
                    continue;
                }
            } else {
                s->seen_newlines |= c == '\r' ? FT_IO_SEEN_CR : FT_IO_SEEN_LF;
            }
            if (c == '\r' && s->writetranslate_in)
                c = '\n';
        } else if (c == '\n' && s->nl != NULL && s->nl[0] == '\r') {
            tmp[k++] = '\r';
            if (s->nl[1] == '\0')
                continue;
        }
        tmp[k++] = c;
    }
    if (k > 0)
        memcpy(s->buf + s->pos, tmp, (size_t)k * 4);
    ft_runtime_mem_free(tmp);
    s->pos += k;
    if (s->pos > s->len)
        s->len = s->pos;
    return 0;
}

// Checks StringIO's (initial_value, newline) pair; *value and *newline are NULL for None. 0 or -1.
static int
stringio_args(FtObject *value_arg, FtObject *newline_arg, FtObject **value, const char **newline)
{
    *value = NULL;
    *newline = "\n";
    if (newline_arg != NULL) {
        if (ft_object_is_none(newline_arg)) {
            *newline = NULL;
        } else if (!ft_str_check(newline_arg)) {
            ft_error_format(&ft_exc_type_error, "newline must be str or None, not %s",
                            ft_object_type(newline_arg)->tp_name);
            return -1;
        } else if (ft_str_equal_cstr(newline_arg, "")) {
            *newline = "";
        } else if (ft_str_equal_cstr(newline_arg, "\n")) {
            *newline = "\n";
        } else if (ft_str_equal_cstr(newline_arg, "\r")) {
            *newline = "\r";
        } else if (ft_str_equal_cstr(newline_arg, "\r\n")) {
            *newline = "\r\n";
        } else {
            ft_error_format(&ft_exc_value_error, "illegal newline value: %R", newline_arg);
            return -1;
        }
    }
    if (value_arg != NULL && !ft_object_is_none(value_arg)) {
        if (!ft_str_check(value_arg)) {
            ft_error_format(&ft_exc_type_error, "initial_value must be str or None, not %s",
                            ft_object_type(value_arg)->tp_name);
            return -1;
        }
        *value = value_arg;
    }
    return 0;
}

// Sets the newline mode and empties the stream.
static void
stringio_reset_lock_held(StringIOObject *s, const char *newline)
{
    FT_ASSERT_LOCKED(s);
    s->newline = newline;
    s->readuniversal = newline == NULL || newline[0] == '\0';
    s->writetranslate_in = newline == NULL;
    s->nl = s->readuniversal ? NULL : newline;
    s->len = s->pos = 0;
    s->seen_newlines = 0;
    s->closed = false;
    s->initialized = true;
}

// StringIO.__new__: an uninitialized stream (every method raises until __init__ runs).
static FtObject *
stringio_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)args;
    (void)nargsf;
    (void)kwnames;
    return ft_object_new_of_type(type, 0);
}

static int
stringio_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"initial_value", "newline"};
    static const FtArgSpec spec = {.fname = "StringIO", .names = names,
        .nparams = 2, .npos_only = 0, .max_positional = 2, .nrequired = 0};
    FtObject *a[2];
    FtObject *init;
    const char *newline;
    if (ft_args_parse(&spec, args, nargsf, kwnames, a) < 0 ||
        stringio_args(a[0], a[1], &init, &newline) < 0)
        return -1;
    StringIOObject *s = (StringIOObject *)self;
    int rc = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    stringio_reset_lock_held(s, newline);
    if (init != NULL)
        rc = stringio_write_lock_held(s, init);
    s->pos = 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    return rc;
}

static FtObject *stringio_getvalue(FtObject *self);

static FtObject *
stringio_getstate(FtObject *self)
{
    StringIOObject *s = (StringIOObject *)self;
    FtObject *value = stringio_getvalue(self);
    if (value == NULL)
        return NULL;
    const char *newline;
    Ft_ssize pos;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    newline = s->newline;
    pos = s->pos;
    FT_END_CRITICAL_SECTION_OBJECT();
    FtObject *nl = newline != NULL ? ft_str_from_ascii_ref(newline) : ft_none_ref();
    FtObject *p = ft_int_from_int64_ref(pos);
    FtObject *res = nl != NULL && p != NULL ? ft_tuple_pack_ref(4, value, nl, p, FT_NONE) : NULL;
    ft_decref(value);
    ft_xdecref(nl);
    ft_xdecref(p);
    return res;
}

// __setstate__((value, newline, pos, dict)): the value is taken as is, without newline translation.
static FtObject *
stringio_setstate(FtObject *self, FtObject *state)
{
    StringIOObject *s = (StringIOObject *)self;
    if (!ft_tuple_check(state) || ft_tuple_size(state) < 4)
        return ft_error_format(&ft_exc_type_error,
                               "_io.StringIO.__setstate__ argument should be 4-tuple, got %s",
                               ft_object_type(state)->tp_name);
    FtObject *value;
    const char *newline;
    if (stringio_args(ft_tuple_get_item_borrow(state, 0), ft_tuple_get_item_borrow(state, 1), &value,
                      &newline) < 0)
        return NULL;
    FtObject *pos_obj = ft_tuple_get_item_borrow(state, 2);
    if (!ft_int_check(pos_obj))
        return ft_error_format(&ft_exc_type_error, "third item of state must be an integer, got %s",
                               ft_object_type(pos_obj)->tp_name);
    Ft_ssize pos = ft_number_as_ssize(pos_obj, &ft_exc_overflow_error);
    if (pos == -1 && ft_error_occurred())
        return NULL;
    if (pos < 0)
        return ft_error_format(&ft_exc_value_error, "position value cannot be negative");
    if (state_dict_check(ft_tuple_get_item_borrow(state, 3), "fourth") < 0)
        return NULL;
    Ft_ssize n = value != NULL ? ft_str_length(value) : 0;
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = s->closed ? -1 : 0;
    if (rc < 0)
        ft_io_closed_error("I/O operation on closed file");
    else {
        stringio_reset_lock_held(s, newline);
        rc = grow((void **)&s->buf, &s->cap, n, 4);
        if (rc == 0) {
            for (Ft_ssize i = 0; i < n; i++)
                s->buf[i] = ft_str_read_char(value, i);
            s->len = n;
            s->pos = pos;
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return rc < 0 ? NULL : ft_none_ref();
}

static void
stringio_dealloc(FtObject *op)
{
    ft_runtime_mem_free(((StringIOObject *)op)->buf);
    ft_object_free_memory(op);
}

// Where the line that starts at pos ends (exclusive), at most limit characters (-1: no limit).
static Ft_ssize
stringio_line_end(StringIOObject *s, Ft_ssize limit)
{
    Ft_ssize end = s->len;
    if (limit >= 0 && limit < end - s->pos)
        end = s->pos + limit;
    for (Ft_ssize i = s->pos; i < end; i++) {
        uint32_t c = s->buf[i];
        if (s->readuniversal) {
            if (c == '\n')
                return i + 1;
            if (c == '\r')
                return i + 1 < end && s->buf[i + 1] == '\n' ? i + 2 : i + 1;
        } else if (c == (uint32_t)s->nl[0]) {
            if (s->nl[1] == '\0')
                return i + 1;
            if (i + 1 < end && s->buf[i + 1] == '\n')
                return i + 2;
        }
    }
    return end;
}

static FtObject *
stringio_take_lock_held(StringIOObject *s, Ft_ssize end)
{
    FT_ASSERT_LOCKED(s);
    Ft_ssize start = s->pos < s->len ? s->pos : s->len;
    if (end > s->len)
        end = s->len;
    if (end < start)
        end = start;
    FtObject *res = end > start ? ft_str_from_code_points_ref(s->buf + start, end - start)
                                : ft_str_empty_ref();
    if (res != NULL && end > s->pos)
        s->pos = end;
    return res;
}

static FtObject *
stringio_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    StringIOObject *s = (StringIOObject *)self;
    Ft_ssize n;
    if (ft_args_check_positional("read", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &n) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (stringio_check_lock_held(s) == 0)
        res = stringio_take_lock_held(s, n < 0 || n > s->len - s->pos ? s->len : s->pos + n);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
stringio_readline(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    StringIOObject *s = (StringIOObject *)self;
    Ft_ssize n;
    if (ft_args_check_positional("readline", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &n) < 0)
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (stringio_check_lock_held(s) == 0)
        res = stringio_take_lock_held(s, s->pos >= s->len ? s->pos : stringio_line_end(s, n));
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
stringio_iternext(FtObject *self)
{
    FtObject *line = stringio_readline(self, NULL, 0);
    if (line == NULL)
        return NULL;
    if (ft_str_length(line) == 0) {
        ft_decref(line);
        return NULL;
    }
    return line;
}

static FtObject *
stringio_write(FtObject *self, FtObject *text)
{
    StringIOObject *s = (StringIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    // As CPython: initialization first, then the argument's type, then closed.
    if (!s->initialized)
        ft_error_set_string(&ft_exc_value_error, "I/O operation on uninitialized object");
    else if (!ft_str_check(text))
        ft_error_format(&ft_exc_type_error, "string argument expected, got '%s'",
                        ft_object_type(text)->tp_name);
    else if (stringio_check_lock_held(s) == 0 && stringio_write_lock_held(s, text) == 0)
        res = ft_int_from_int64_ref(ft_str_length(text));
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
stringio_seek(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    StringIOObject *s = (StringIOObject *)self;
    Ft_ssize pos, whence = 0;
    if (ft_args_check_positional("seek", nargs, 1, 2) < 0 || index_arg(args[0], &pos) < 0 ||
        (nargs > 1 && index_arg(args[1], &whence) < 0))
        return NULL;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (stringio_check_lock_held(s) < 0) {
    } else if (whence < 0 || whence > 2) {
        ft_error_format(&ft_exc_value_error, "Invalid whence (%zd, should be 0, 1 or 2)", whence);
    } else if (whence == 0 && pos < 0) {
        ft_error_format(&ft_exc_value_error, "Negative seek position %zd", pos);
    } else if (whence == 1 && pos != 0) {
        ft_error_set_string(&ft_exc_os_error, "Can't do nonzero cur-relative seeks");
    } else if (whence == 2 && pos != 0) {
        // CPython words both cases the same way.
        ft_error_set_string(&ft_exc_os_error, "Can't do nonzero cur-relative seeks");
    } else {
        if (whence == 1)
            pos = s->pos;
        else if (whence == 2)
            pos = s->len;
        s->pos = pos;
        res = ft_int_from_int64_ref(pos);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
stringio_tell(FtObject *self)
{
    StringIOObject *s = (StringIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (stringio_check_lock_held(s) == 0)
        res = ft_int_from_int64_ref(s->pos);
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
stringio_truncate(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    StringIOObject *s = (StringIOObject *)self;
    Ft_ssize size;
    if (ft_args_check_positional("truncate", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &size) < 0)
        return NULL;
    bool given = nargs > 0 && !ft_object_is_none(args[0]);
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (stringio_check_lock_held(s) < 0) {
    } else if (given && size < 0) {
        ft_error_format(&ft_exc_value_error, "Negative size value %zd", size);
    } else {
        if (!given)
            size = s->pos;
        if (size < s->len)
            s->len = size;
        res = ft_int_from_int64_ref(size);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
stringio_getvalue(FtObject *self)
{
    StringIOObject *s = (StringIOObject *)self;
    FtObject *res = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    if (stringio_check_lock_held(s) == 0)
        res = s->len > 0 ? ft_str_from_code_points_ref(s->buf, s->len) : ft_str_empty_ref();
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
stringio_close(FtObject *self)
{
    StringIOObject *s = (StringIOObject *)self;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    s->closed = true;
    ft_runtime_mem_free(s->buf);
    s->buf = NULL;
    s->len = s->cap = s->pos = 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_none_ref();
}

static FtObject *
stringio_answer(FtObject *self, FtObject *answer)
{
    StringIOObject *s = (StringIOObject *)self;
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = stringio_check_lock_held(s);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rc < 0 ? NULL : ft_new_ref(answer);
}

static FtObject *
stringio_true(FtObject *self)
{
    return stringio_answer(self, FT_TRUE);
}

static FtObject *
stringio_flush(FtObject *self)
{
    (void)self;
    return ft_none_ref();
}

static FtObject *
stringio_get_closed(FtObject *self, void *closure)
{
    (void)closure;
    bool closed, initialized;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    closed = ((StringIOObject *)self)->closed;
    initialized = ((StringIOObject *)self)->initialized;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (!initialized) {
        ft_error_set_string(&ft_exc_value_error, "I/O operation on uninitialized object");
        return NULL;
    }
    return ft_new_ref(ft_bool_from(closed));
}

static FtObject *
stringio_get_newlines(FtObject *self, void *closure)
{
    (void)closure;
    StringIOObject *s = (StringIOObject *)self;
    int seen = 0, rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = stringio_check_lock_held(s);
    seen = s->readuniversal ? s->seen_newlines : 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (rc < 0)
        return NULL;
    return ft_io_newlines_ref(seen);
}

static FtObject *
stringio_get_line_buffering(FtObject *self, void *closure)
{
    (void)closure;
    StringIOObject *s = (StringIOObject *)self;
    int rc;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    rc = stringio_check_lock_held(s);
    FT_END_CRITICAL_SECTION_OBJECT();
    return rc < 0 ? NULL : ft_new_ref(ft_bool_from(false));
}

static const FtMethodDef stringio_methods[] = {
    {"__getstate__", {.noargs = stringio_getstate}, FT_METH_NOARGS, NULL},
    {"__setstate__", {.o = stringio_setstate}, FT_METH_O, NULL},
    {"close", {.noargs = stringio_close}, FT_METH_NOARGS, "Close the IO object."},
    {"getvalue", {.noargs = stringio_getvalue}, FT_METH_NOARGS, "Retrieve the entire contents of the object."},
    {"read", {.fast = stringio_read}, FT_METH_FASTCALL, "Read at most size characters, returned as a string."},
    {"readline", {.fast = stringio_readline}, FT_METH_FASTCALL, "Read until newline or EOF."},
    {"tell", {.noargs = stringio_tell}, FT_METH_NOARGS, "Tell the current file position."},
    {"truncate", {.fast = stringio_truncate}, FT_METH_FASTCALL, "Truncate size to pos."},
    {"seek", {.fast = stringio_seek}, FT_METH_FASTCALL, "Change stream position."},
    {"write", {.o = stringio_write}, FT_METH_O, "Write string to file."},
    {"seekable", {.noargs = stringio_true}, FT_METH_NOARGS, "Returns True if the IO object can be seeked."},
    {"readable", {.noargs = stringio_true}, FT_METH_NOARGS, "Returns True if the IO object can be read."},
    {"writable", {.noargs = stringio_true}, FT_METH_NOARGS, "Returns True if the IO object can be written."},
    {"flush", {.noargs = stringio_flush}, FT_METH_NOARGS, "Does nothing (even on a closed stream, as CPython)."},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef stringio_getset[] = {
    {"closed", stringio_get_closed, NULL, NULL, NULL},
    {"newlines", stringio_get_newlines, NULL, NULL, NULL},
    {"line_buffering", stringio_get_line_buffering, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

FtTypeObject ft_io_stringio_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io.StringIO",
    .tp_basicsize = sizeof(StringIOObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_io_textiobase_type,
    .tp_dealloc = stringio_dealloc,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iternext = stringio_iternext,
    .tp_methods = stringio_methods,
    .tp_getset = stringio_getset,
    .tp_new = stringio_new,
    .tp_init = stringio_init,
    .tp_doc = "Text I/O implementation using an in-memory buffer.",
};

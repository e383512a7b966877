// modules/io_module.c: the _io module itself (CPython's Modules/_io/_iomodule.c, iobase.c and the
// abstract halves of bufferedio.c and textio.c): open(), text_encoding(), open_code(),
// DEFAULT_BUFFER_SIZE, UnsupportedOperation, and the base classes _IOBase, _RawIOBase,
// _BufferedIOBase and _TextIOBase with the methods every stream inherits (context manager,
// iteration, readlines, writelines, the "unsupported" defaults).
//
// The base-class methods work only through the instance's public methods and attributes (closed,
// readline, write, ...), so they serve the C streams and Python subclasses alike. A base instance
// records close() in its __dict__ as "__IOBase_closed", as CPython does; instances without a dict
// (the bare base classes) stay open.
//
// Concurrency: the functions here hold no state of their own; each call they make into a stream
// takes that stream's critical section. The types are static, readied once by the module's
// creation, and immutable afterwards. open() builds its stream chain from unpublished objects.
#include <string.h>   // strchr strlen strerror_r

#include "modules/io.h"
#include "modules/modules_internal.h"   // ft_args_parse FtArgSpec

#include "objects/abstract.h"   // ft_object_call_method_cstr_ref ft_object_get_iter_ref
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytearray.h"  // ft_bytearray_*
#include "objects/bytes.h"      // ft_bytes_*
#include "objects/error.h"      // ft_error_* ft_exc_*
#include "objects/int.h"        // ft_int_*
#include "objects/list.h"       // ft_list_*
#include "objects/memoryview.h" // ft_memoryview_*
#include "objects/method_def.h" // FtMethodDef FtGetSetDef ft_cfunction_new_ref
#include "objects/module.h"     // ft_module_*
#include "objects/object.h"     // ft_object_*
#include "objects/slice.h"      // ft_slice_new_ref
#include "objects/str.h"        // ft_str_*
#include "objects/tuple.h"      // ft_tuple_*
#include "objects/type.h"       // ft_type_ready
#include "objects/warnings.h"   // ft_warn
#include "runtime/refcount.h"   // ft_incref ft_decref

/* --- Shared helpers --- */

FtObject *
ft_io_unsupported(const char *msg)
{
    FtObject *arg = ft_str_from_cstr_ref(msg);
    if (arg == NULL)
        return NULL;
    FtObject *exc = ft_exception_new_ref(&ft_io_unsupported_operation_type, &arg, 1);
    ft_decref(arg);
    if (exc != NULL)
        ft_error_restore_steal(exc);
    return NULL;
}

FtObject *
ft_io_closed_error(const char *msg)
{
    ft_error_set_string(&ft_exc_value_error, msg != NULL ? msg : "I/O operation on closed file.");
    return NULL;
}

int
ft_io_optional_str_arg(const char *fname, FtObject *arg, const char *name, FtObject **out)
{
    *out = NULL;
    if (arg == NULL || ft_object_is_none(arg))
        return 0;
    if (!ft_str_check(arg)) {
        ft_error_format(&ft_exc_type_error, "%s() argument '%s' must be str or None, not %s",
                        fname, name, ft_object_type(arg)->tp_name);
        return -1;
    }
    *out = arg;
    return 0;
}

FtObject *
ft_io_store_into_steal(FtObject *target, FtObject *data)
{
    Ft_ssize got = ft_bytes_size(data);
    FtObject *start = ft_int_from_int64_ref(0);
    FtObject *stop = ft_int_from_int64_ref(got);
    FtObject *slice = start != NULL && stop != NULL ? ft_slice_new_ref(start, stop, FT_NONE) : NULL;
    int rc = slice != NULL ? ft_object_set_item(target, slice, data) : -1;
    ft_xdecref(start);
    ft_xdecref(stop);
    ft_xdecref(slice);
    ft_decref(data);
    return rc < 0 ? NULL : ft_int_from_int64_ref(got);
}

int
ft_io_whence_arg(FtObject *const *args, Ft_ssize nargs, Ft_ssize *out)
{
    *out = 0;
    if (nargs < 2)
        return 0;
    if (!ft_int_check(args[1])) {
        ft_error_format(&ft_exc_type_error, "'%s' object cannot be interpreted as an integer",
                        ft_object_type(args[1])->tp_name);
        return -1;
    }
    *out = ft_number_as_ssize(args[1], &ft_exc_overflow_error);
    return *out == -1 && ft_error_occurred() ? -1 : 0;
}

FtObject *
ft_io_call_seek_ref(FtObject *stream, Ft_ssize offset, int whence)
{
    FtObject *args[2] = {ft_int_from_int64_ref(offset), ft_int_from_int64_ref(whence)};
    FtObject *res = args[0] != NULL && args[1] != NULL
                        ? ft_object_call_method_cstr_ref(stream, "seek", args, 2)
                        : NULL;
    ft_xdecref(args[0]);
    ft_xdecref(args[1]);
    return res;
}

int
ft_io_check_newline(FtObject *newline)
{
    if (newline == NULL || ft_str_equal_cstr(newline, "") || ft_str_equal_cstr(newline, "\n") ||
        ft_str_equal_cstr(newline, "\r") || ft_str_equal_cstr(newline, "\r\n"))
        return 0;
    ft_error_format(&ft_exc_value_error, "illegal newline value: %U", newline);
    return -1;
}

FtObject *
ft_io_newlines_ref(int seen)
{
    static const char *const ends[3] = {"\r", "\n", "\r\n"};
    FtObject *found[3];
    int count = 0;
    for (int k = 0; k < 3; k++) {
        if ((seen & (1 << k)) == 0)
            continue;
        found[count] = ft_str_from_ascii_ref(ends[k]);
        if (found[count] == NULL)
            goto error;
        count++;
    }
    if (count <= 1)
        return count == 0 ? ft_none_ref() : found[0];
    FtObject *res = count == 2 ? ft_tuple_pack_ref(2, found[0], found[1])
                               : ft_tuple_pack_ref(3, found[0], found[1], found[2]);
    for (int k = 0; k < count; k++)
        ft_decref(found[k]);
    return res;
error:
    while (count > 0)
        ft_decref(found[--count]);
    return NULL;
}

FtObject *
ft_io_os_error(int err, FtObject *filename)
{
    FtObject *args[3];
    args[0] = ft_int_from_int64_ref(err);
    char text[256];
    // GNU strerror_r (the build defines _GNU_SOURCE): returns a static string or fills text.
    args[1] = ft_str_from_cstr_ref(strerror_r(err, text, sizeof text));
    args[2] = filename;
    if (args[0] != NULL && args[1] != NULL) {
        FtObject *exc = ft_exception_new_ref(&ft_exc_os_error, args, filename != NULL ? 3 : 2);
        if (exc != NULL)
            ft_error_restore_steal(exc);
    }
    ft_xdecref(args[0]);
    ft_xdecref(args[1]);
    return NULL;
}

FtObject *
ft_io_bytes_like_ref(FtObject *obj)
{
    if (ft_bytes_check(obj))
        return ft_new_ref(obj);
    if (ft_bytearray_check(obj))
        return ft_bytearray_to_bytes_ref(obj);
    if (ft_memoryview_check(obj))
        return ft_memoryview_to_bytes_ref(obj);
    return ft_error_format(&ft_exc_type_error, "a bytes-like object is required, not '%s'",
                           ft_object_type(obj)->tp_name);
}

int
ft_io_int_arg(FtObject *arg, const char *ctype, Ft_ssize *out)
{
    FtObject *n = ft_number_index_ref(arg);
    if (n == NULL)
        return -1;
    bool ok = true;
    int64_t v = ft_int_as_int64(n, &ok);
    ft_decref(n);
    if (!ok) {
        if (ft_error_matches(&ft_exc_overflow_error)) {
            ft_error_clear();
            ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C %s", ctype);
        }
        return -1;
    }
    *out = (Ft_ssize)v;
    return 0;
}

int
ft_io_size_arg(FtObject *arg, Ft_ssize *out)
{
    *out = -1;
    if (arg == NULL || ft_object_is_none(arg))
        return 0;
    if (!ft_int_check(arg) && (ft_object_type(arg)->tp_as_number == NULL ||
                               ft_object_type(arg)->tp_as_number->nb_index == NULL)) {
        ft_error_format(&ft_exc_type_error, "argument should be integer or None, not '%s'",
                        ft_object_type(arg)->tp_name);
        return -1;
    }
    Ft_ssize v = ft_number_as_ssize(arg, &ft_exc_overflow_error);
    if (v == -1 && ft_error_occurred())
        return -1;
    *out = v;
    return 0;
}

int
ft_io_check_nargs(const char *fname, Ft_ssize nargs, Ft_ssize min, Ft_ssize max)
{
    if (nargs > max) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most %zd argument%s (%zd given)", fname,
                        max, max == 1 ? "" : "s", nargs);
        return -1;
    }
    if (nargs < min) {
        ft_error_format(&ft_exc_type_error, "%s() takes %s %zd positional argument%s (%zd given)",
                        fname, min == max ? "exactly" : "at least", min, min == 1 ? "" : "s", nargs);
        return -1;
    }
    return 0;
}

int
ft_io_object_closed(FtObject *obj)
{
    FtObject *closed = ft_object_get_attr_cstr_ref(obj, "closed");
    if (closed == NULL)
        return -1;
    int r = ft_object_is_true(closed);
    ft_decref(closed);
    return r;
}

// Raises "I/O operation on closed file." when obj.closed is true. 0, or -1 with an exception.
static int
check_closed(FtObject *obj)
{
    int c = ft_io_object_closed(obj);
    if (c > 0)
        ft_io_closed_error(NULL);
    return c != 0 ? -1 : 0;
}

/* --- _IOBase --- */

static FtObject *
iobase_unsupported_seek(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    (void)args;
    if (ft_io_check_nargs("seek", nargs, 1, 2) < 0)
        return NULL;
    return ft_io_unsupported("seek");
}

static FtObject *
iobase_tell(FtObject *self)
{
    FtObject *args[2] = {ft_int_from_int64_ref(0), ft_int_from_int64_ref(1)};
    FtObject *r = NULL;
    if (args[0] != NULL && args[1] != NULL)
        r = ft_object_call_method_cstr_ref(self, "seek", args, 2);
    ft_xdecref(args[0]);
    ft_xdecref(args[1]);
    return r;
}

static FtObject *
iobase_truncate(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    (void)args;
    if (ft_io_check_nargs("truncate", nargs, 0, 1) < 0)
        return NULL;
    return ft_io_unsupported("truncate");
}

static FtObject *
iobase_fileno(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    (void)args;
    if (nargs != 0)
        return ft_error_format(&ft_exc_type_error, "fileno() takes no arguments");
    return ft_io_unsupported("fileno");
}

static FtObject *
iobase_false(FtObject *self)
{
    (void)self;
    return ft_new_ref(ft_bool_from(false));
}

static FtObject *
iobase_isatty(FtObject *self)
{
    if (check_closed(self) < 0)
        return NULL;
    return ft_new_ref(ft_bool_from(false));
}

// The base close flag: "__IOBase_closed" in the instance dict (absent: open).
static int
iobase_flag_closed(FtObject *self)
{
    FtObject *v = NULL;
    FtObject *name = ft_str_from_ascii_ref("__IOBase_closed");
    if (name == NULL)
        return -1;
    int r = ft_object_lookup_attr(self, name, &v);
    ft_decref(name);
    ft_xdecref(v);
    return r;
}

static FtObject *
iobase_get_closed(FtObject *self, void *closure)
{
    (void)closure;
    int r = iobase_flag_closed(self);
    return r < 0 ? NULL : ft_new_ref(ft_bool_from(r > 0));
}

static FtObject *
iobase_flush(FtObject *self)
{
    if (check_closed(self) < 0)
        return NULL;
    return ft_none_ref();
}

static FtObject *
iobase_close(FtObject *self)
{
    int r = iobase_flag_closed(self);
    if (r != 0)
        return r < 0 ? NULL : ft_none_ref();
    FtObject *res = ft_object_call_method_cstr_ref(self, "flush", NULL, 0);
    FtObject *exc = res == NULL ? ft_error_fetch_ref() : NULL;
    ft_xdecref(res);
    FtObject *name = ft_str_from_ascii_ref("__IOBase_closed");
    if (name != NULL && ft_object_set_attr(self, name, FT_TRUE) < 0)
        ft_error_clear();   // a bare base instance has no dict to record it in
    ft_xdecref(name);
    if (exc != NULL) {
        ft_error_restore_steal(exc);
        return NULL;
    }
    return ft_none_ref();
}

// __del__: close() (CPython's finalizer; ftpy does not call it at deallocation yet: TODO(#4)).
static FtObject *
iobase_del(FtObject *self)
{
    int c = ft_io_object_closed(self);
    if (c != 0)
        return c < 0 ? NULL : ft_none_ref();
    FtObject *r = ft_object_call_method_cstr_ref(self, "close", NULL, 0);
    if (r == NULL)
        return NULL;
    ft_decref(r);
    return ft_none_ref();
}

static FtObject *
iobase_enter(FtObject *self)
{
    if (check_closed(self) < 0)
        return NULL;
    return ft_new_ref(self);
}

static FtObject *
iobase_exit(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)args;
    (void)nargs;
    return ft_object_call_method_cstr_ref(self, "close", NULL, 0);
}

static FtObject *
iobase_iter(FtObject *self)
{
    if (check_closed(self) < 0)
        return NULL;
    return ft_new_ref(self);
}

// next(stream): self.readline(), and the end at an empty line.
static FtObject *
iobase_iternext(FtObject *self)
{
    FtObject *line = ft_object_call_method_cstr_ref(self, "readline", NULL, 0);
    if (line == NULL)
        return NULL;
    Ft_ssize n = ft_object_size(line);
    if (n <= 0) {
        ft_decref(line);
        return NULL;
    }
    return line;
}

// readline(size=-1) from read(1) calls, for streams that define only read().
static FtObject *
iobase_readline(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    Ft_ssize limit;
    if (ft_args_check_positional("readline", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &limit) < 0)
        return NULL;
    FtObject *acc = ft_bytearray_from_data_ref("", 0);
    if (acc == NULL)
        return NULL;
    FtObject *one = ft_int_from_int64_ref(1);
    if (one == NULL)
        goto error;
    while ((limit < 0 || ft_bytearray_size(acc) < limit)) {
        FtObject *b = ft_object_call_method_cstr_ref(self, "read", &one, 1);
        if (b == NULL)
            goto error;
        if (!ft_bytes_check(b)) {
            ft_error_format(&ft_exc_os_error, "read() should have returned a bytes object, not '%s'",
                            ft_object_type(b)->tp_name);
            ft_decref(b);
            goto error;
        }
        Ft_ssize n = ft_bytes_size(b);
        bool nl = n > 0 && ft_bytes_data(b)[n - 1] == '\n';
        int rc = n > 0 ? ft_bytearray_extend_buffer(acc, b) : 0;
        ft_decref(b);
        if (rc < 0)
            goto error;
        if (n == 0 || nl)
            break;
    }
    ft_xdecref(one);
    FtObject *res = ft_bytearray_to_bytes_ref(acc);
    ft_decref(acc);
    return res;
error:
    ft_xdecref(one);
    ft_decref(acc);
    return NULL;
}

static FtObject *
iobase_readlines(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    Ft_ssize hint;
    if (ft_args_check_positional("readlines", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &hint) < 0)
        return NULL;
    FtObject *list = ft_list_new_ref(0);
    FtObject *it = list != NULL ? ft_object_get_iter_ref(self) : NULL;
    if (it == NULL) {
        ft_xdecref(list);
        return NULL;
    }
    Ft_ssize total = 0;
    for (;;) {
        FtObject *line;
        int r = ft_iter_next_ref(it, &line);
        if (r <= 0) {
            if (r < 0)
                goto error;
            break;
        }
        Ft_ssize n = ft_object_size(line);
        int rc = n < 0 ? -1 : ft_list_append(list, line);
        ft_decref(line);
        if (rc < 0)
            goto error;
        total += n;
        if (hint > 0 && total >= hint)
            break;
    }
    ft_decref(it);
    return list;
error:
    ft_decref(it);
    ft_decref(list);
    return NULL;
}

static FtObject *
iobase_writelines(FtObject *self, FtObject *lines)
{
    if (check_closed(self) < 0)
        return NULL;
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
        FtObject *res = ft_object_call_method_cstr_ref(self, "write", &line, 1);
        ft_decref(line);
        if (res == NULL) {
            ft_decref(it);
            return NULL;
        }
        ft_decref(res);
    }
}

// _checkClosed / _checkReadable / _checkWritable / _checkSeekable.
static FtObject *
iobase_check_closed(FtObject *self)
{
    return check_closed(self) < 0 ? NULL : ft_none_ref();
}

static FtObject *
check_capability(FtObject *self, const char *method, const char *msg)
{
    FtObject *r = ft_object_call_method_cstr_ref(self, method, NULL, 0);
    if (r == NULL)
        return NULL;
    int ok = ft_object_is_true(r);
    ft_decref(r);
    if (ok < 0)
        return NULL;
    if (ok == 0)
        return ft_io_unsupported(msg);
    return ft_new_ref(FT_TRUE);
}

static FtObject *
iobase_check_readable(FtObject *self)
{
    return check_capability(self, "readable", "File or stream is not readable.");
}

static FtObject *
iobase_check_writable(FtObject *self)
{
    return check_capability(self, "writable", "File or stream is not writable.");
}

static FtObject *
iobase_check_seekable(FtObject *self)
{
    return check_capability(self, "seekable", "File or stream is not seekable.");
}

static const FtMethodDef iobase_methods[] = {
    {"seek", {.fast = iobase_unsupported_seek}, FT_METH_FASTCALL, "Change the stream position."},
    {"tell", {.noargs = iobase_tell}, FT_METH_NOARGS, "Return current stream position."},
    {"truncate", {.fast = iobase_truncate}, FT_METH_FASTCALL, "Truncate file to size bytes."},
    {"flush", {.noargs = iobase_flush}, FT_METH_NOARGS, "Flush write buffers, if applicable."},
    {"close", {.noargs = iobase_close}, FT_METH_NOARGS, "Flush and close the IO object."},
    {"seekable", {.noargs = iobase_false}, FT_METH_NOARGS, "Return whether object supports random access."},
    {"readable", {.noargs = iobase_false}, FT_METH_NOARGS, "Return whether object was opened for reading."},
    {"writable", {.noargs = iobase_false}, FT_METH_NOARGS, "Return whether object was opened for writing."},
    {"_checkClosed", {.noargs = iobase_check_closed}, FT_METH_NOARGS, NULL},
    {"_checkSeekable", {.noargs = iobase_check_seekable}, FT_METH_NOARGS, NULL},
    {"_checkReadable", {.noargs = iobase_check_readable}, FT_METH_NOARGS, NULL},
    {"_checkWritable", {.noargs = iobase_check_writable}, FT_METH_NOARGS, NULL},
    {"fileno", {.fast = iobase_fileno}, FT_METH_FASTCALL, "Return underlying file descriptor if one exists."},
    {"isatty", {.noargs = iobase_isatty}, FT_METH_NOARGS, "Return whether this is an 'interactive' stream."},
    {"__del__", {.noargs = iobase_del}, FT_METH_NOARGS, NULL},
    {"__enter__", {.noargs = iobase_enter}, FT_METH_NOARGS, NULL},
    {"__exit__", {.fast = iobase_exit}, FT_METH_FASTCALL, NULL},
    {"readline", {.fast = iobase_readline}, FT_METH_FASTCALL, "Read and return a line from the stream."},
    {"readlines", {.fast = iobase_readlines}, FT_METH_FASTCALL, "Return a list of lines from the stream."},
    {"writelines", {.o = iobase_writelines}, FT_METH_O, "Write a list of lines to stream."},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef iobase_getset[] = {
    {"closed", iobase_get_closed, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

FtTypeObject ft_io_iobase_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io._IOBase",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_iter = iobase_iter,
    .tp_iternext = iobase_iternext,
    .tp_methods = iobase_methods,
    .tp_getset = iobase_getset,
    .tp_new = ft_object_new_default,
    .tp_doc = "The abstract base class for all I/O classes.",
};

/* --- _RawIOBase --- */

static FtObject *
not_implemented(void)
{
    ft_error_set_none(&ft_exc_not_implemented_error);
    return NULL;
}

// read(size=-1): readall() for a negative size, else readinto() on a fresh buffer.
static FtObject *
rawiobase_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    Ft_ssize size;
    if (ft_args_check_positional("read", nargs, 0, 1) < 0 ||
        ft_io_size_arg(nargs > 0 ? args[0] : NULL, &size) < 0)
        return NULL;
    if (size < 0)
        return ft_object_call_method_cstr_ref(self, "readall", NULL, 0);
    // Zeroed, as CPython's: readinto() may look at the buffer before (or without) filling it.
    FtObject *buf = ft_bytes_from_data_ref(NULL, size);
    FtObject *ba = buf != NULL ? ft_bytearray_from_data_ref(ft_bytes_data(buf), size) : NULL;
    ft_xdecref(buf);
    if (ba == NULL)
        return NULL;
    FtObject *n = ft_object_call_method_cstr_ref(self, "readinto", &ba, 1);
    if (n == NULL || ft_object_is_none(n)) {
        ft_decref(ba);
        return n;
    }
    Ft_ssize got = ft_number_as_ssize(n, &ft_exc_overflow_error);
    ft_decref(n);
    FtObject *res = NULL;
    if (!(got == -1 && ft_error_occurred())) {
        if (got < 0 || got > size)
            ft_error_format(&ft_exc_value_error, "readinto returned %zd outside buffer size %zd",
                            got, size);
        else {
            FtObject *all = ft_bytearray_to_bytes_ref(ba);
            if (all != NULL)
                res = ft_bytes_from_data_ref(ft_bytes_data(all), got);
            ft_xdecref(all);
        }
    }
    ft_decref(ba);
    return res;
}

static FtObject *
rawiobase_readall(FtObject *self)
{
    FtObject *acc = ft_bytearray_from_data_ref("", 0);
    FtObject *chunk_size = ft_int_from_int64_ref(FT_IO_DEFAULT_BUFFER_SIZE);
    FtObject *res = NULL;
    while (acc != NULL && chunk_size != NULL) {
        FtObject *b = ft_object_call_method_cstr_ref(self, "read", &chunk_size, 1);
        if (b == NULL)
            break;
        if (ft_object_is_none(b)) {
            // Non-blocking with nothing yet: None only when nothing was read at all.
            if (ft_bytearray_size(acc) == 0)
                res = b;
            else
                ft_decref(b);
            if (res == NULL)
                res = ft_bytearray_to_bytes_ref(acc);
            break;
        }
        if (!ft_bytes_check(b)) {
            ft_error_format(&ft_exc_type_error, "read() should return bytes");
            ft_decref(b);
            break;
        }
        Ft_ssize n = ft_bytes_size(b);
        int rc = n > 0 ? ft_bytearray_extend_buffer(acc, b) : 0;
        ft_decref(b);
        if (rc < 0)
            break;
        if (n == 0) {
            res = ft_bytearray_to_bytes_ref(acc);
            break;
        }
    }
    ft_xdecref(acc);
    ft_xdecref(chunk_size);
    return res;
}

static FtObject *
rawiobase_not_implemented(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return not_implemented();
}

static const FtMethodDef rawiobase_methods[] = {
    {"read", {.fast = rawiobase_read}, FT_METH_FASTCALL, NULL},
    {"readall", {.noargs = rawiobase_readall}, FT_METH_NOARGS, "Read until EOF, using multiple read() call."},
    {"readinto", {.fast = rawiobase_not_implemented}, FT_METH_FASTCALL, NULL},
    {"write", {.fast = rawiobase_not_implemented}, FT_METH_FASTCALL, NULL},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_io_rawiobase_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io._RawIOBase",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_io_iobase_type,
    .tp_methods = rawiobase_methods,
    .tp_doc = "Base class for raw binary I/O.",
};

/* --- _BufferedIOBase --- */

// read(size=-1, /) / read1(size=-1, /): the argument is checked (a C int) before the refusal.
static FtObject *
bufferediobase_refuse_read(const char *name, FtObject *const *args, Ft_ssize nargs)
{
    Ft_ssize n;
    if (ft_io_check_nargs(name, nargs, 0, 1) < 0 ||
        (nargs > 0 && ft_io_int_arg(args[0], "int", &n) < 0))
        return NULL;
    if (nargs > 0 && (n > 2147483647 || n < -2147483647 - 1))
        return ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C int");
    return ft_io_unsupported(name);
}

static FtObject *
bufferediobase_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    return bufferediobase_refuse_read("read", args, nargs);
}

static FtObject *
bufferediobase_read1(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    return bufferediobase_refuse_read("read1", args, nargs);
}

static FtObject *
bufferediobase_write(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    (void)args;
    if (ft_io_check_nargs("write", nargs, 1, 1) < 0)
        return NULL;
    return ft_io_unsupported("write");
}

static FtObject *
bufferediobase_detach(FtObject *self)
{
    (void)self;
    return ft_io_unsupported("detach");
}

// readinto(b) / readinto1(b): read(len(b)) or read1(len(b)) stored into b[:n].
static FtObject *
readinto_with(FtObject *self, FtObject *b, const char *method, const char *fname)
{
    if (!ft_bytearray_check(b) && !ft_memoryview_check(b))
        return ft_error_format(&ft_exc_type_error,
                               "%s() argument must be read-write bytes-like object, not %s", fname,
                               ft_object_type(b)->tp_name);
    Ft_ssize len = ft_object_size(b);
    if (len < 0)
        return NULL;
    FtObject *n = ft_int_from_int64_ref(len);
    if (n == NULL)
        return NULL;
    FtObject *data = ft_object_call_method_cstr_ref(self, method, &n, 1);
    ft_decref(n);
    if (data == NULL)
        return NULL;
    if (!ft_bytes_check(data)) {
        ft_decref(data);
        return ft_error_format(&ft_exc_type_error, "read() should return bytes");
    }
    return ft_io_store_into_steal(b, data);
}

static FtObject *
bufferediobase_readinto(FtObject *self, FtObject *b)
{
    return readinto_with(self, b, "read", "readinto");
}

static FtObject *
bufferediobase_readinto1(FtObject *self, FtObject *b)
{
    return readinto_with(self, b, "read1", "readinto1");
}

static const FtMethodDef bufferediobase_methods[] = {
    {"detach", {.noargs = bufferediobase_detach}, FT_METH_NOARGS, "Disconnect this buffer from its underlying raw stream and return it."},
    {"read", {.fast = bufferediobase_read}, FT_METH_FASTCALL, "Read and return up to n bytes."},
    {"read1", {.fast = bufferediobase_read1}, FT_METH_FASTCALL, "Read and return up to size bytes, with at most one read() call to the underlying raw stream."},
    {"readinto", {.o = bufferediobase_readinto}, FT_METH_O, NULL},
    {"readinto1", {.o = bufferediobase_readinto1}, FT_METH_O, NULL},
    {"write", {.fast = bufferediobase_write}, FT_METH_FASTCALL, "Write buffer b to the IO stream."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_io_bufferediobase_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io._BufferedIOBase",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_io_iobase_type,
    .tp_methods = bufferediobase_methods,
    .tp_doc = "Base class for buffered IO objects.",
};

/* --- _TextIOBase --- */

static FtObject *
textiobase_detach(FtObject *self)
{
    (void)self;
    return ft_io_unsupported("detach");
}

static FtObject *
textiobase_read(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return ft_io_unsupported("read");
}

static FtObject *
textiobase_readline(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    (void)args;
    (void)nargs;
    return ft_io_unsupported("readline");
}

static FtObject *
textiobase_write(FtObject *self, FtObject *arg)
{
    (void)self;
    if (!ft_str_check(arg))
        return ft_error_format(&ft_exc_type_error, "write() argument 1 must be str, not %s",
                               ft_object_type(arg)->tp_name);
    return ft_io_unsupported("write");
}

static FtObject *
textiobase_get_none(FtObject *self, void *closure)
{
    (void)self;
    (void)closure;
    return ft_none_ref();
}

static const FtMethodDef textiobase_methods[] = {
    {"detach", {.noargs = textiobase_detach}, FT_METH_NOARGS, "Separate the underlying buffer from the TextIOBase and return it."},
    {"read", {.fast = textiobase_read}, FT_METH_FASTCALL, "Read at most size characters from stream."},
    {"readline", {.fast = textiobase_readline}, FT_METH_FASTCALL, "Read until newline or EOF."},
    {"write", {.o = textiobase_write}, FT_METH_O, "Write string s to stream."},
    {NULL, {NULL}, 0, NULL},
};

static const FtGetSetDef textiobase_getset[] = {
    {"encoding", textiobase_get_none, NULL, NULL, NULL},
    {"newlines", textiobase_get_none, NULL, NULL, NULL},
    {"errors", textiobase_get_none, NULL, NULL, NULL},
    {NULL, NULL, NULL, NULL, NULL},
};

FtTypeObject ft_io_textiobase_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "_io._TextIOBase",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_BASETYPE,
    .tp_base = &ft_io_iobase_type,
    .tp_methods = textiobase_methods,
    .tp_getset = textiobase_getset,
    .tp_doc = "Base class for text I/O.",
};

/* --- UnsupportedOperation --- */

// io.UnsupportedOperation(OSError, ValueError): OSError's layout, ValueError as a second base.
FtTypeObject ft_io_unsupported_operation_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "io.UnsupportedOperation",
    .tp_basicsize = sizeof(FtOSErrorObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE |
                FT_TPFLAGS_BASE_EXC_SUBCLASS,
    .tp_base = &ft_exc_os_error,
};

/* --- open() --- */

static const char *const open_names[] = {"file", "mode", "buffering", "encoding", "errors",
                                         "newline", "closefd", "opener"};
static const FtArgSpec open_spec = {.fname = "open", .names = open_names,
    .nparams = 8, .npos_only = 0, .max_positional = 8, .nrequired = 1};

FtObject *
ft_io_open_ref(FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtObject *a[8];
    if (ft_args_parse(&open_spec, args, nargsf, kwnames, a) < 0)
        return NULL;
    FtObject *file = a[0];
    const char *mode = "r";
    if (a[1] != NULL) {
        if (!ft_str_check(a[1]))
            return ft_error_format(&ft_exc_type_error,
                                   "open() argument 'mode' must be str, not %s",
                                   ft_object_type(a[1])->tp_name);
        mode = ft_str_as_utf8(a[1], NULL);
        if (mode == NULL)
            return NULL;
    }
    Ft_ssize buffering = -1;
    if (a[2] != NULL) {
        if (ft_object_type(a[2])->tp_as_number == NULL && !ft_int_check(a[2]))
            return ft_error_format(&ft_exc_type_error, "'%s' object cannot be interpreted as an integer",
                                   ft_object_type(a[2])->tp_name);
        buffering = ft_number_as_ssize(a[2], &ft_exc_overflow_error);
        if (buffering == -1 && ft_error_occurred())
            return NULL;
    }
    FtObject *encoding, *errors, *newline;
    if (ft_io_optional_str_arg("open", a[3], "encoding", &encoding) < 0 ||
        ft_io_optional_str_arg("open", a[4], "errors", &errors) < 0 ||
        ft_io_optional_str_arg("open", a[5], "newline", &newline) < 0)
        return NULL;
    bool closefd = true;
    if (a[6] != NULL) {
        int t = ft_object_is_true(a[6]);
        if (t < 0)
            return NULL;
        closefd = t != 0;
    }
    FtObject *opener = a[7] != NULL && !ft_object_is_none(a[7]) ? a[7] : NULL;

    if (!ft_int_check(file) && !ft_str_check(file) && !ft_bytes_check(file))
        return ft_error_format(&ft_exc_type_error, "expected str, bytes or os.PathLike object, not %s",
                               ft_object_type(file)->tp_name);

    bool creating = false, reading = false, writing = false, appending = false, updating = false;
    bool text = false, binary = false;
    size_t mlen = strlen(mode);
    for (size_t i = 0; i < mlen; i++) {
        char c = mode[i];
        bool *flag = NULL;
        switch (c) {
        case 'x': flag = &creating; break;
        case 'r': flag = &reading; break;
        case 'w': flag = &writing; break;
        case 'a': flag = &appending; break;
        case '+': flag = &updating; break;
        case 't': flag = &text; break;
        case 'b': flag = &binary; break;
        default: break;
        }
        if (flag == NULL || *flag || strchr(mode + i + 1, c) != NULL)
            return ft_error_format(&ft_exc_value_error, "invalid mode: '%s'", mode);
        *flag = true;
    }
    if (text && binary)
        return ft_error_format(&ft_exc_value_error, "can't have text and binary mode at once");
    if ((int)creating + (int)reading + (int)writing + (int)appending > 1)
        return ft_error_format(&ft_exc_value_error,
                               "must have exactly one of create/read/write/append mode");
    if (binary && encoding != NULL)
        return ft_error_format(&ft_exc_value_error, "binary mode doesn't take an encoding argument");
    if (binary && errors != NULL)
        return ft_error_format(&ft_exc_value_error, "binary mode doesn't take an errors argument");
    if (binary && newline != NULL)
        return ft_error_format(&ft_exc_value_error, "binary mode doesn't take a newline argument");
    if (binary && buffering == 1) {
        if (ft_warn(&ft_exc_runtime_warning,
                    "line buffering (buffering=1) isn't supported in binary mode, the default "
                    "buffer size will be used", 1) < 0)
            return NULL;
        buffering = -1;
    }
    if (ft_io_check_newline(newline) < 0)
        return NULL;

    char rawmode[6];
    size_t k = 0;
    if (creating)
        rawmode[k++] = 'x';
    if (reading)
        rawmode[k++] = 'r';
    if (writing)
        rawmode[k++] = 'w';
    if (appending)
        rawmode[k++] = 'a';
    if (updating)
        rawmode[k++] = '+';
    rawmode[k] = '\0';
    if (k == 0 || (k == 1 && updating))
        return ft_error_format(&ft_exc_value_error,
                               "Must have exactly one of create/read/write/append mode and at most one plus");

    FtObject *raw = ft_io_fileio_new_ref(file, rawmode, closefd, opener);
    if (raw == NULL)
        return NULL;
    bool line_buffering = false;
    if (buffering == 1 || buffering < 0) {
        FtObject *tty = ft_object_call_method_cstr_ref(raw, "isatty", NULL, 0);
        int is_tty = tty != NULL ? ft_object_is_true(tty) : -1;
        ft_xdecref(tty);
        if (is_tty < 0)
            goto error_raw;
        if (buffering == 1 || is_tty)
            line_buffering = true;
        buffering = FT_IO_DEFAULT_BUFFER_SIZE;
    }
    if (buffering == 0) {
        if (binary)
            return raw;
        ft_error_format(&ft_exc_value_error, "can't have unbuffered text I/O");
        goto error_raw;
    }
    FtTypeObject *btype = updating ? &ft_io_buffered_random_type
                          : (creating || writing || appending) ? &ft_io_buffered_writer_type
                                                               : &ft_io_buffered_reader_type;
    FtObject *buffer = ft_io_buffered_new_ref(btype, raw, buffering);
    if (buffer == NULL)
        goto error_raw;
    ft_decref(raw);
    if (binary)
        return buffer;
    FtObject *wrapper = ft_io_textiowrapper_new_ref(buffer, encoding, errors, newline,
                                                    line_buffering, false);
    if (wrapper == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *r = ft_object_call_method_cstr_ref(buffer, "close", NULL, 0);
        if (r == NULL)
            ft_error_clear();
        ft_xdecref(r);
        ft_error_restore_steal(exc);
        ft_decref(buffer);
        return NULL;
    }
    ft_decref(buffer);
    FtObject *mode_name = ft_str_from_ascii_ref("mode");
    FtObject *mode_str = ft_str_from_cstr_ref(mode);
    int rc = mode_name != NULL && mode_str != NULL ? ft_object_set_attr(wrapper, mode_name, mode_str)
                                                   : -1;
    ft_xdecref(mode_name);
    ft_xdecref(mode_str);
    if (rc < 0) {
        ft_decref(wrapper);
        return NULL;
    }
    return wrapper;
error_raw: {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *r = ft_object_call_method_cstr_ref(raw, "close", NULL, 0);
        if (r == NULL)
            ft_error_clear();
        ft_xdecref(r);
        ft_error_restore_steal(exc);
        ft_decref(raw);
        return NULL;
    }
}

static FtObject *
io_open(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    return ft_io_open_ref(args, (size_t)nargs, kwnames);
}

static FtObject *
io_open_code(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    (void)self;
    static const char *const names[] = {"path"};
    static const FtArgSpec spec = {.fname = "open_code", .names = names,
        .nparams = 1, .npos_only = 0, .max_positional = 1, .nrequired = 1};
    FtObject *a[1];
    if (ft_args_parse(&spec, args, (size_t)nargs, kwnames, a) < 0)
        return NULL;
    if (!ft_str_check(a[0]))
        return ft_error_format(&ft_exc_type_error, "open_code() argument 'path' must be str, not %s",
                               ft_object_type(a[0])->tp_name);
    FtObject *mode = ft_str_from_ascii_ref("rb");
    if (mode == NULL)
        return NULL;
    FtObject *call[2] = {a[0], mode};
    FtObject *r = ft_io_open_ref(call, 2, NULL);
    ft_decref(mode);
    return r;
}

// text_encoding(encoding, stacklevel=2, /): the encoding, or "utf-8" for None (ftpy always runs in
// UTF-8 mode, where CPython answers "utf-8").
static FtObject *
io_text_encoding(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    (void)self;
    if (ft_args_check_positional("text_encoding", nargs, 1, 2) < 0)
        return NULL;
    if (nargs == 2 && !ft_int_check(args[1]))
        return ft_error_format(&ft_exc_type_error, "'%s' object cannot be interpreted as an integer",
                               ft_object_type(args[1])->tp_name);
    if (!ft_object_is_none(args[0]))
        return ft_new_ref(args[0]);
    return ft_str_from_ascii_ref("utf-8");
}

static const FtMethodDef io_functions[] = {
    {"open", {.fast_kw = io_open}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Open file and return a stream.  Raise OSError upon failure."},
    {"open_code", {.fast_kw = io_open_code}, FT_METH_FASTCALL | FT_METH_KEYWORDS, "Opens the provided file with the intent to import the contents."},
    {"text_encoding", {.fast = io_text_encoding}, FT_METH_FASTCALL, "A helper function to choose the text encoding."},
    {NULL, {NULL}, 0, NULL},
};

/* --- The module --- */

static int
io_ready_types(void)
{
    if (!(ft_io_unsupported_operation_type.tp_flags & FT_TPFLAGS_READY) &&
        ft_io_unsupported_operation_type.tp_bases == NULL) {
        ft_io_unsupported_operation_type.tp_bases =
            ft_tuple_pack_ref(2, (FtObject *)&ft_exc_os_error, (FtObject *)&ft_exc_value_error);
        if (ft_io_unsupported_operation_type.tp_bases == NULL)
            return -1;
    }
    FtTypeObject *const types[] = {
        &ft_io_iobase_type, &ft_io_rawiobase_type, &ft_io_bufferediobase_type,
        &ft_io_textiobase_type, &ft_io_unsupported_operation_type, &ft_io_fileio_type,
        &ft_io_buffered_reader_type, &ft_io_buffered_writer_type, &ft_io_buffered_random_type,
        &ft_io_textiowrapper_type, &ft_io_bytesio_type, &ft_io_stringio_type,
    };
    for (size_t i = 0; i < sizeof types / sizeof types[0]; i++) {
        if (ft_type_ready(types[i]) < 0)
            return -1;
    }
    return 0;
}

FtObject *
ft_io_module_create_ref(void)
{
    if (io_ready_types() < 0)
        return NULL;
    FtObject *module = ft_module_new_cstr_ref("_io");
    if (module == NULL)
        return NULL;
    for (const FtMethodDef *def = io_functions; def->name != NULL; def++) {
        if (ft_module_add_object_steal(module, def->name, ft_cfunction_new_ref(def, module)) < 0)
            goto error;
    }
    static const struct {
        const char *name;
        FtTypeObject *type;
    } exported[] = {
        {"BlockingIOError", &ft_exc_blocking_io_error},
        {"BufferedRandom", &ft_io_buffered_random_type},
        {"BufferedReader", &ft_io_buffered_reader_type},
        {"BufferedWriter", &ft_io_buffered_writer_type},
        {"BytesIO", &ft_io_bytesio_type},
        {"FileIO", &ft_io_fileio_type},
        {"StringIO", &ft_io_stringio_type},
        {"TextIOWrapper", &ft_io_textiowrapper_type},
        {"UnsupportedOperation", &ft_io_unsupported_operation_type},
        {"_BufferedIOBase", &ft_io_bufferediobase_type},
        {"_IOBase", &ft_io_iobase_type},
        {"_RawIOBase", &ft_io_rawiobase_type},
        {"_TextIOBase", &ft_io_textiobase_type},
    };
    for (size_t i = 0; i < sizeof exported / sizeof exported[0]; i++) {
        if (ft_module_add_object_steal(module, exported[i].name,
                                       ft_new_ref((FtObject *)exported[i].type)) < 0)
            goto error;
    }
    if (ft_module_add_object_steal(module, "DEFAULT_BUFFER_SIZE",
                                   ft_int_from_int64_ref(FT_IO_DEFAULT_BUFFER_SIZE)) < 0)
        goto error;
    return module;
error:
    ft_decref(module);
    return NULL;
}

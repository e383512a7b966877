// modules/io.h: the internal interface of the _io module (modules/io_*.c; CPython's Modules/_io/).
//
// The module defines the stream classes that open() builds on: _IOBase and its three abstract
// children (_RawIOBase, _BufferedIOBase, _TextIOBase), FileIO (raw, over a file descriptor), the
// buffered layer (BufferedReader / BufferedWriter / BufferedRandom over any raw stream), TextIOWrapper
// (over any buffered stream) and the in-memory streams BytesIO and StringIO.
//
// Concurrency: every stream object is mutable and each method runs in the object's own critical
// section (as CPython's free-threaded build). A thread detaches around the open(2), read(2) and
// write(2) calls, which suspends those sections, so a stop-the-world never waits for I/O; for the
// same reason a section never spans a call into another stream. The buffered classes therefore also
// hold a per-stream operation lock for a whole method (io_buffered.c), and TextIOWrapper re-checks
// its state after each call into its buffer (io_textio.c). The types are static and are readied
// when the module is first created.
#ifndef FT_MODULES_IO_H
#define FT_MODULES_IO_H

#include <stdbool.h>   // bool
#include <string.h>    // strrchr

#include "runtime/object.h"   // FtObject FtTypeObject Ft_ssize

enum { FT_IO_DEFAULT_BUFFER_SIZE = 128 * 1024 };

// The base classes (modules/io_module.c) and io.UnsupportedOperation (OSError, ValueError).
extern FtTypeObject ft_io_iobase_type;
extern FtTypeObject ft_io_rawiobase_type;
extern FtTypeObject ft_io_bufferediobase_type;
extern FtTypeObject ft_io_textiobase_type;
extern FtTypeObject ft_io_unsupported_operation_type;

// The concrete classes, one file each.
extern FtTypeObject ft_io_fileio_type;             // io_fileio.c
extern FtTypeObject ft_io_buffered_reader_type;    // io_buffered.c
extern FtTypeObject ft_io_buffered_writer_type;
extern FtTypeObject ft_io_buffered_random_type;
extern FtTypeObject ft_io_textiowrapper_type;      // io_textio.c
extern FtTypeObject ft_io_bytesio_type;            // io_memory.c
extern FtTypeObject ft_io_stringio_type;

// A type's name after its last dot, as CPython's _PyType_Name ("BufferedReader" for
// "_io.BufferedReader", "R" for a subclass R). Borrowed from the type; any thread.
static inline const char *
ft_io_type_short_name(const FtTypeObject *type)
{
    const char *dot = strrchr(type->tp_name, '.');
    return dot != NULL ? dot + 1 : type->tp_name;
}

// The newline argument of open() and TextIOWrapper (a str, or NULL for None): 0 when it is one of
// '', '\n', '\r', '\r\n', else -1 with ValueError "illegal newline value: ...". Any thread.
int ft_io_check_newline(FtObject *newline);

// An optional str argument (arg NULL when omitted): None or omitted give *out = NULL, a str gives
// *out = arg (borrowed); anything else raises TypeError "fname() argument 'name' must be str or
// None, not T". 0 or -1. Any thread.
int ft_io_optional_str_arg(const char *fname, FtObject *arg, const char *name, FtObject **out);

// The end of a readinto(): target[0:len(data)] = data, consuming the reference to data (a bytes).
// The count stored as a new int, or NULL with an exception. Any attached thread.
FtObject *ft_io_store_into_steal(FtObject *target, FtObject *data);

// The whence argument args[1] of a buffered or text seek() (0 when nargs < 2): an int, else
// TypeError "'T' object cannot be interpreted as an integer"; OverflowError outside 64 bits. 0 or
// -1. Any thread.
int ft_io_whence_arg(FtObject *const *args, Ft_ssize nargs, Ft_ssize *out);

// stream.seek(offset, whence): a new reference to its result, or NULL with an exception. The caller
// keeps stream alive across the call (it can run Python). Any attached thread.
FtObject *ft_io_call_seek_ref(FtObject *stream, Ft_ssize offset, int whence);

// The line ends a universal-newlines reader has seen (TextIOWrapper, StringIO), as a bit set.
enum { FT_IO_SEEN_CR = 1, FT_IO_SEEN_LF = 2, FT_IO_SEEN_CRLF = 4 };

// The `newlines` attribute for a FT_IO_SEEN_* bit set: None, one str, or a tuple of them in the
// order '\r', '\n', '\r\n'. A new reference, or NULL with MemoryError. Any thread.
FtObject *ft_io_newlines_ref(int seen);

// The methods that Buffered* and TextIOWrapper pass straight on to the stream they wrap (an X-macro
// table: each file defines <type>_<name> from it).
#define FT_IO_DELEGATED_METHODS(X) X(fileno) X(isatty) X(readable) X(writable) X(seekable)

// Raises io.UnsupportedOperation(msg) and returns NULL.
FtObject *ft_io_unsupported(const char *msg);

// Raises ValueError(msg) ("I/O operation on closed file." unless the caller's type words it
// differently) and returns NULL.
FtObject *ft_io_closed_error(const char *msg);

// Raises the OSError subclass for err (FileNotFoundError for ENOENT, ...) with errno, strerror and,
// when filename is not NULL, the filename. Returns NULL.
FtObject *ft_io_os_error(int err, FtObject *filename);

// The bytes of a bytes-like object (bytes, bytearray, memoryview) as a new bytes object, or NULL
// with TypeError "a bytes-like object is required, not 'T'".
FtObject *ft_io_bytes_like_ref(FtObject *obj);

// An integer argument (an int or anything with __index__) as an Ft_ssize: TypeError "'T' object
// cannot be interpreted as an integer", or OverflowError "Python int too large to convert to C
// <ctype>" for a value outside 64 bits. 0 or -1.
int ft_io_int_arg(FtObject *arg, const char *ctype, Ft_ssize *out);

// An optional size argument: None or omitted (arg NULL) gives -1; an int gives its value; anything
// else raises TypeError "argument should be integer or None, not 'T'". 0 or -1.
int ft_io_size_arg(FtObject *arg, Ft_ssize *out);

// The positional argument count check of argument clinic's keyword-capable parsers:
// "f() takes at most N argument(s) (M given)", "f() takes exactly N positional argument(s) (M
// given)", "f() takes at least N positional argument(s) (M given)". 0 or -1 with TypeError.
int ft_io_check_nargs(const char *fname, Ft_ssize nargs, Ft_ssize min, Ft_ssize max);

// The truth of getattr(obj, "closed"): 1, 0, or -1 with an exception.
int ft_io_object_closed(FtObject *obj);

// open(file, mode='r', buffering=-1, encoding=None, errors=None, newline=None, closefd=True,
// opener=None), the builtin: the vectorcall body of _io.open. A new reference or NULL.
FtObject *ft_io_open_ref(FtObject *const *args, size_t nargsf, FtObject *kwnames);

// The constructors open() uses (new references, NULL with an exception). They take the same
// arguments as calling the type.
FtObject *ft_io_fileio_new_ref(FtObject *file, const char *mode, bool closefd, FtObject *opener);
FtObject *ft_io_buffered_new_ref(FtTypeObject *type, FtObject *raw, Ft_ssize buffer_size);
FtObject *ft_io_textiowrapper_new_ref(FtObject *buffer, FtObject *encoding, FtObject *errors,
                                      FtObject *newline, bool line_buffering, bool write_through);

// Creates the _io module (readying its types on first use). A new reference or NULL.
FtObject *ft_io_module_create_ref(void);

#endif // FT_MODULES_IO_H

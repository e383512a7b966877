// modules/io.h: the internal interface of the _io module (modules/io_*.c; CPython's Modules/_io/).
//
// The module defines the stream classes that open() builds on: _IOBase and its three abstract
// children (_RawIOBase, _BufferedIOBase, _TextIOBase), FileIO (raw, over a file descriptor), the
// buffered layer (BufferedReader / BufferedWriter / BufferedRandom over any raw stream), TextIOWrapper
// (over any buffered stream) and the in-memory streams BytesIO and StringIO.
//
// Concurrency: every stream object is mutable and each method call holds the object's own critical
// section for its whole body (as CPython's free-threaded build). A thread detaches around the
// open(2), read(2) and write(2) calls, which suspends those sections, so a stop-the-world never waits
// for I/O. The types are static and are readied when the module is first created.
#ifndef FT_MODULES_IO_H
#define FT_MODULES_IO_H

#include <stdbool.h>   // bool

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
FtObject *ft_io_open_impl(FtObject *const *args, size_t nargsf, FtObject *kwnames);

// The constructors open() uses (new references, NULL with an exception). They take the same
// arguments as calling the type.
FtObject *ft_io_fileio_new_ref(FtObject *file, const char *mode, bool closefd, FtObject *opener);
FtObject *ft_io_buffered_new_ref(FtTypeObject *type, FtObject *raw, Ft_ssize buffer_size);
FtObject *ft_io_textiowrapper_new_ref(FtObject *buffer, FtObject *encoding, FtObject *errors,
                                      FtObject *newline, bool line_buffering, bool write_through);

// Creates the _io module (readying its types on first use). A new reference or NULL.
FtObject *ft_io_module_create_ref(void);

#endif // FT_MODULES_IO_H

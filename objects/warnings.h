// objects/warnings.h: issuing warnings from C (CPython's Python/_warnings.c, the part the runtime
// itself needs: DeprecationWarning from a built-in operation, SyntaxWarning from the compiler).
//
// A warning is filtered by CPython 3.14's default filters (DeprecationWarning shown only when
// triggered by __main__'s code; PendingDeprecationWarning, ImportWarning and ResourceWarning
// ignored; everything else shown once per location, remembered in the module's
// __warningregistry__) and printed to sys.stderr in warnings.formatwarning's format:
// "FILE:LINE: Category: message\n  source line\n". TODO(#4): the `warnings` module's filters
// (-W, PYTHONWARNINGS, warnings.simplefilter), "error" actions, showwarning hooks.
//
// Concurrency: any attached thread; the registry is a dict (it locks itself); the output goes
// through sys.stderr's write, which serializes whole calls.
#ifndef FT_OBJECTS_WARNINGS_H
#define FT_OBJECTS_WARNINGS_H

#include "runtime/object.h"   // FtObject FtTypeObject Ft_ssize

// Warns with category about the calling thread's running Python code: stacklevel 1 is the
// innermost Python frame (the code that called the operation). message is UTF-8. Returns 0, or
// -1 with an exception (out of memory, or writing to sys.stderr failed).
int ft_warn(FtTypeObject *category, const char *message, Ft_ssize stacklevel);

// ft_warn about an object (warnings.warn's source=, as for "coroutine 'f' was never awaited"):
// the report ends with CPython's "Category: Enable tracemalloc to get the object allocation
// traceback" line (ftpy has no tracemalloc). Returns 0 or -1.
int ft_warn_with_source(FtTypeObject *category, const char *message, Ft_ssize stacklevel,
                        FtObject *source);

// Warns about an explicit location (the compiler's SyntaxWarning): filename a str, lineno >= 1,
// no registry (shown every time, as CPython's compile-time warnings). Returns 0 or -1.
int ft_warn_explicit(FtTypeObject *category, FtObject *message, FtObject *filename, int lineno);

// Line lineno of the source file filename (a str), stripped, as linecache.getline(...).strip()
// gives it; NULL (no exception) when the file or the line cannot be read. Any thread.
FtObject *ft_source_line_stripped_ref(FtObject *filename, int lineno);

#endif // FT_OBJECTS_WARNINGS_H

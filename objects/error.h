// objects/error.h: the per-thread current exception (CPython's Python/errors.c) and the built-in
// exception types (objects/exceptions.c; CPython's Objects/exceptions.c).
//
// The current exception is one normalized exception instance per thread, in
// FtThreadState.current_exception (owner-thread only), as CPython 3.12+. Every function here acts on
// the calling thread's state and must be called with it attached. Exception objects are mutable
// (args, __traceback__, __context__, __cause__, __dict__): their fields are guarded by ob_mutex and the
// getters/setters take the object's critical section.
#ifndef FT_OBJECTS_ERROR_H
#define FT_OBJECTS_ERROR_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtTypeObject

// The instance layouts. Every field is guarded_by(ob_mutex) (a strong reference or NULL) unless
// its comment says otherwise.
typedef struct FtBaseExceptionObject {
    FtObject ob_base;
    FtObject *args;         // a tuple, never NULL after construction
    FtObject *dict;         // the instance __dict__ (tp_dictoffset) or NULL; written under ob_mutex
                            // with a release store, read lock-free with an acquire load (as every
                            // instance dict pointer, objects/object.c); __notes__ lives in it
    FtObject *traceback;    // NULL or a traceback (TODO(#4): traceback objects)
    FtObject *context;      // NULL or an exception
    FtObject *cause;        // NULL or an exception
    char suppress_context;
} FtBaseExceptionObject;

typedef struct FtStopIterationObject {
    FtBaseExceptionObject base;
    FtObject *value;        // args[0] or None
} FtStopIterationObject;

typedef struct FtSystemExitObject {
    FtBaseExceptionObject base;
    FtObject *code;         // None, args[0] or args
} FtSystemExitObject;

typedef struct FtImportErrorObject {
    FtBaseExceptionObject base;
    FtObject *msg, *name, *path, *name_from;
} FtImportErrorObject;

typedef struct FtAttributeErrorObject {
    FtBaseExceptionObject base;
    FtObject *obj, *name;
} FtAttributeErrorObject;

typedef struct FtNameErrorObject {
    FtBaseExceptionObject base;
    FtObject *name;
} FtNameErrorObject;

typedef struct FtOSErrorObject {
    FtBaseExceptionObject base;
    FtObject *myerrno, *strerror, *filename, *filename2;
    Ft_ssize written;       // BlockingIOError.characters_written, -1 when unset
} FtOSErrorObject;

// BaseExceptionGroup / ExceptionGroup (objects/exception_group.c). The fields are set by __new__
// before the instance is published and never change after: read without a lock.
typedef struct FtBaseExceptionGroupObject {
    FtBaseExceptionObject base;
    FtObject *msg;          // a str; immutable
    FtObject *excs;         // a non-empty tuple of exceptions; immutable
    FtObject *excs_str;     // repr() of the exceptions argument when it was neither a list nor a
                            // tuple (saved at construction, as CPython 3.14's repr shows it), else
                            // NULL; immutable
} FtBaseExceptionGroupObject;

// UnicodeEncodeError / UnicodeDecodeError / UnicodeTranslateError.
typedef struct FtUnicodeErrorObject {
    FtBaseExceptionObject base;
    FtObject *encoding;     // a str, or NULL (UnicodeTranslateError)
    FtObject *object;       // the str (encode, translate) or bytes (decode) being processed
    Ft_ssize start, end;    // the offending range, as given (not clamped, as CPython 3.14)
    FtObject *reason;       // a str
} FtUnicodeErrorObject;

typedef struct FtSyntaxErrorObject {
    FtBaseExceptionObject base;
    FtObject *msg, *filename, *lineno, *offset, *text, *end_lineno, *end_offset;
    FtObject *print_file_and_line, *metadata;
} FtSyntaxErrorObject;

// The hierarchy, one row per built-in exception: X(c name, Python name, base's c name, layout).
// Layouts: BASE (FtBaseExceptionObject), STOPITER, SYSEXIT, IMPORT, ATTR, NAME, KEY (base layout,
// KeyError's str), OS (FtOSErrorObject), SYNTAX (FtSyntaxErrorObject), EG (FtBaseExceptionGroupObject;
// slots from objects/exception_group.c), EGSUB (ExceptionGroup: the base column is its layout
// base, BaseExceptionGroup; ft_exceptions_init gives it the bases (BaseExceptionGroup, Exception)),
// UENC / UDEC / UTRANS (FtUnicodeErrorObject), SUB (the base's layout and slots, all inherited).
// The order is a valid readying order (every base before its subclasses).
// TODO(#4): OSError's winerror (Windows only).
#define FT_EXCEPTION_TYPES(X)                                                            \
    X(base_exception, "BaseException", base_exception, BASE)                                \
    X(base_exception_group, "BaseExceptionGroup", base_exception, EG)                       \
    X(generator_exit, "GeneratorExit", base_exception, BASE)                                \
    X(keyboard_interrupt, "KeyboardInterrupt", base_exception, BASE)                        \
    X(system_exit, "SystemExit", base_exception, SYSEXIT)                                   \
    X(exception, "Exception", base_exception, BASE)                                         \
    X(exception_group, "ExceptionGroup", base_exception_group, EGSUB)                       \
    X(arithmetic_error, "ArithmeticError", exception, BASE)                                 \
    X(floating_point_error, "FloatingPointError", arithmetic_error, BASE)                   \
    X(overflow_error, "OverflowError", arithmetic_error, BASE)                              \
    X(zero_division_error, "ZeroDivisionError", arithmetic_error, BASE)                     \
    X(assertion_error, "AssertionError", exception, BASE)                                   \
    X(attribute_error, "AttributeError", exception, ATTR)                                   \
    X(buffer_error, "BufferError", exception, BASE)                                         \
    X(eof_error, "EOFError", exception, BASE)                                               \
    X(import_error, "ImportError", exception, IMPORT)                                       \
    X(module_not_found_error, "ModuleNotFoundError", import_error, SUB)                     \
    X(lookup_error, "LookupError", exception, BASE)                                         \
    X(index_error, "IndexError", lookup_error, BASE)                                        \
    X(key_error, "KeyError", lookup_error, KEY)                                             \
    X(memory_error, "MemoryError", exception, BASE)                                         \
    X(name_error, "NameError", exception, NAME)                                             \
    X(unbound_local_error, "UnboundLocalError", name_error, SUB)                            \
    X(os_error, "OSError", exception, OS)                                                   \
    X(blocking_io_error, "BlockingIOError", os_error, SUB)                                  \
    X(child_process_error, "ChildProcessError", os_error, SUB)                              \
    X(connection_error, "ConnectionError", os_error, SUB)                                   \
    X(broken_pipe_error, "BrokenPipeError", connection_error, SUB)                          \
    X(connection_aborted_error, "ConnectionAbortedError", connection_error, SUB)            \
    X(connection_refused_error, "ConnectionRefusedError", connection_error, SUB)            \
    X(connection_reset_error, "ConnectionResetError", connection_error, SUB)                \
    X(file_exists_error, "FileExistsError", os_error, SUB)                                  \
    X(file_not_found_error, "FileNotFoundError", os_error, SUB)                             \
    X(interrupted_error, "InterruptedError", os_error, SUB)                                 \
    X(is_a_directory_error, "IsADirectoryError", os_error, SUB)                             \
    X(not_a_directory_error, "NotADirectoryError", os_error, SUB)                           \
    X(permission_error, "PermissionError", os_error, SUB)                                   \
    X(process_lookup_error, "ProcessLookupError", os_error, SUB)                            \
    X(timeout_error, "TimeoutError", os_error, SUB)                                         \
    X(reference_error, "ReferenceError", exception, BASE)                                   \
    X(runtime_error, "RuntimeError", exception, BASE)                                       \
    X(not_implemented_error, "NotImplementedError", runtime_error, BASE)                    \
    X(python_finalization_error, "PythonFinalizationError", runtime_error, BASE)            \
    X(recursion_error, "RecursionError", runtime_error, BASE)                               \
    X(stop_async_iteration, "StopAsyncIteration", exception, BASE)                          \
    X(stop_iteration, "StopIteration", exception, STOPITER)                                 \
    X(syntax_error, "SyntaxError", exception, SYNTAX)                                       \
    X(indentation_error, "IndentationError", syntax_error, SUB)                             \
    X(tab_error, "TabError", indentation_error, SUB)                                        \
    X(incomplete_input_error, "_IncompleteInputError", syntax_error, SUB)                   \
    X(system_error, "SystemError", exception, BASE)                                         \
    X(type_error, "TypeError", exception, BASE)                                             \
    X(value_error, "ValueError", exception, BASE)                                           \
    X(unicode_error, "UnicodeError", value_error, BASE)                                     \
    X(unicode_decode_error, "UnicodeDecodeError", unicode_error, UDEC)                      \
    X(unicode_encode_error, "UnicodeEncodeError", unicode_error, UENC)                      \
    X(unicode_translate_error, "UnicodeTranslateError", unicode_error, UTRANS)              \
    X(warning, "Warning", exception, BASE)                                                  \
    X(bytes_warning, "BytesWarning", warning, BASE)                                         \
    X(deprecation_warning, "DeprecationWarning", warning, BASE)                             \
    X(encoding_warning, "EncodingWarning", warning, BASE)                                   \
    X(future_warning, "FutureWarning", warning, BASE)                                       \
    X(import_warning, "ImportWarning", warning, BASE)                                       \
    X(pending_deprecation_warning, "PendingDeprecationWarning", warning, BASE)              \
    X(resource_warning, "ResourceWarning", warning, BASE)                                   \
    X(runtime_warning, "RuntimeWarning", warning, BASE)                                     \
    X(syntax_warning, "SyntaxWarning", warning, BASE)                                       \
    X(unicode_warning, "UnicodeWarning", warning, BASE)                                     \
    X(user_warning, "UserWarning", warning, BASE)

// ft_exc_<c name>: the static exception types, e.g. ft_exc_value_error.
#define FT_EXCEPTION_DECLARE(cname, pyname, base, layout) extern FtTypeObject ft_exc_##cname;
FT_EXCEPTION_TYPES(FT_EXCEPTION_DECLARE)
#undef FT_EXCEPTION_DECLARE

// The instances of the hierarchy, in table order, for iteration (tests, the builtins module).
extern FtTypeObject *const ft_exception_types[];
extern const int ft_exception_type_count;

static inline bool
ft_exception_check(const FtObject *op)
{
    return (op->ob_type->tp_flags & FT_TPFLAGS_BASE_EXC_SUBCLASS) != 0;
}

static inline bool
ft_exception_type_check(const FtTypeObject *type)
{
    return (type->tp_flags & FT_TPFLAGS_BASE_EXC_SUBCLASS) != 0;
}

// Creates an instance of the exception type with the given positional arguments (as calling it).
FtObject *ft_exception_new_ref(FtTypeObject *type, FtObject *const *args, Ft_ssize nargs);

// exc.args (a new reference to the tuple), exc.__context__ / __cause__ (new references or NULL).
FtObject *ft_exception_get_args_ref(FtObject *exc);
FtObject *ft_exception_get_context_ref(FtObject *exc);
FtObject *ft_exception_get_cause_ref(FtObject *exc);
// Sets __context__ / __cause__ (stealing value, which may be NULL); setting a cause sets
// __suppress_context__ as CPython's setter does.
void ft_exception_set_context_steal(FtObject *exc, FtObject *value);
void ft_exception_set_cause_steal(FtObject *exc, FtObject *value);

// exc.__traceback__ (a new reference or NULL) and its setter (stealing tb: NULL or a traceback).
FtObject *ft_exception_get_traceback_ref(FtObject *exc);

// After raising an AttributeError about obj.name on the calling thread: records name and obj in the
// pending exception (AttributeError.name / .obj, which tracebacks use for "Did you mean"), unless
// it is not an AttributeError or already has them. The exception is still private to this thread.
void ft_error_attribute_set_context(FtObject *obj, FtObject *name);
void ft_exception_set_traceback_steal(FtObject *exc, FtObject *tb);

// Readies the hierarchy and creates the preallocated MemoryError. Part of ft_objects_init.
int ft_exceptions_init(void);

// Exception groups and except* (objects/exception_group.c).

// True if op is a BaseExceptionGroup instance (any subclass).
bool ft_exception_group_check(const FtObject *op);

// BaseExceptionGroup(msg, excs) as the interpreter creates one (CPython's
// _PyExc_CreateExceptionGroup): msg UTF-8, excs a sequence of exceptions. A new reference or NULL.
FtObject *ft_exception_group_new_ref(const char *msg, FtObject *excs);

// CHECK_EG_MATCH (CPython's _PyEval_CheckExceptStarTypeValid + _PyEval_ExceptionGroupMatch): checks
// match_type (TypeError "catching classes that do not inherit from BaseException is not allowed",
// "catching ExceptionGroup with except* is not allowed. Use except instead."), then splits
// exc_value: *match and *rest get new references (None when empty). A naked exception that matches
// is wrapped in ExceptionGroup("", (exc,)) with a traceback entry for the calling thread's current
// frame. Returns 0, or -1 with an exception set (*match and *rest NULL). The eval loop then sets
// *match as the handled exception when it is not None.
int ft_exception_group_match(FtObject *exc_value, FtObject *match_type, FtObject **match,
                             FtObject **rest);

// CALL_INTRINSIC_2 PREP_RERAISE_STAR (CPython's _PyExc_PrepReraiseStar): orig the exception caught
// by the try-except* (raised, so it has a traceback), excs a list of the exceptions raised or
// re-raised by its clauses (None entries skipped). Returns the exception to re-raise (a new
// reference; None when there is nothing to raise), or NULL with an exception set.
FtObject *ft_exception_prep_reraise_star_ref(FtObject *orig, FtObject *excs);

// Fills BaseExceptionGroup's slots before the hierarchy is readied. Called by ft_exceptions_init.
void ft_exception_group_init_slots(FtTypeObject *type);

// The current exception of the calling thread.

// Sets the current exception to exc (an exception instance), stealing it; drops any previous one
// (CPython's PyErr_SetRaisedException). TODO(#4): __context__ chaining from the handled exception
// happens in the eval loop.
void ft_error_restore_steal(FtObject *exc);

// Raise type(value): value an instance of type is raised as is, NULL or None calls type(), a tuple
// type(*value), anything else type(value) (CPython's PyErr_SetObject).
void ft_error_set_object(FtTypeObject *type, FtObject *value);
void ft_error_set_none(FtTypeObject *type);
// Raise type(msg) with msg a UTF-8 C string.
void ft_error_set_string(FtTypeObject *type, const char *msg);
// Raise type(message) with message built by ft_str_from_format_ref (codes listed in objects/str.h).
// Always returns NULL, for `return ft_error_format(...)`.
FtObject *ft_error_format(FtTypeObject *type, const char *fmt, ...);

// The current exception, borrowed, or NULL.
FtObject *ft_error_occurred_borrow(void);

static inline bool
ft_error_occurred(void)
{
    return ft_error_occurred_borrow() != NULL;
}

// True if exc is an instance of match (a type, or a tuple of types matched as any).
bool ft_error_given_matches(FtObject *exc, FtObject *match);
// True if an exception is set and it is an instance of type.
bool ft_error_matches(FtTypeObject *type);

// Removes and returns the current exception (new reference), or NULL if none.
FtObject *ft_error_fetch_ref(void);

// Drops the current exception, if any.
void ft_error_clear(void);

// Raises the preallocated MemoryError (allocating nothing). Returns NULL.
FtObject *ft_error_no_memory(void);

// Raises SystemError "bad argument to internal function" (CPython's PyErr_BadInternalCall).
void ft_error_bad_internal_call(void);

// The preallocated MemoryError instance (immortal), set by ft_exceptions_init.
FtObject *ft_error_memory_error_instance_borrow(void);

// The candidate (a list of str) closest to name by CPython's suggestion distance, for "Did you
// mean" texts: a new reference, or NULL (no exception) when none is close enough. Any thread.
FtObject *ft_error_closest_name_ref(FtObject *candidates, FtObject *name);

// Raises TypeError "f() got an unexpected keyword argument 'key'", with CPython 3.14's "Did you
// mean 'x'?" when one of names[0..n) (the function's keyword parameters) is close to key.
void ft_error_unexpected_keyword(const char *fname, FtObject *key, const char *const *names, int n);

// Raises TypeError "fname() argdesc must be expected, not T" (CPython's _PyArg_BadArgument), with
// T the type name of arg, or "None" when arg is None. argdesc is e.g. "argument", "argument 2" or
// "argument 'name'". Always returns NULL, for `return ft_error_bad_argument(...)`.
FtObject *ft_error_bad_argument(const char *fname, const char *argdesc, const char *expected,
                                FtObject *arg);

// Reports the current exception (cleared) through sys.unraisablehook, as CPython's
// PyErr_FormatUnraisable: err_msg (a str, or NULL for "Exception ignored in") and obj (or NULL) head
// the report. Before sys exists the exception is only cleared. Any attached thread.
void ft_error_write_unraisable(FtObject *err_msg, FtObject *obj);

#endif // FT_OBJECTS_ERROR_H

// objects/function.h: Python functions, cells and bound methods (CPython's Objects/funcobject.c,
// Objects/cellobject.c, Objects/classobject.c).
//
// A function pairs a code object with the globals, builtins, defaults and closure it runs with. Its
// call slot is the eval loop's entry (eval/call.h): objects/ calls Python code only through there.
//
// Concurrency:
//   * function: func_code, func_globals, func_builtins, func_closure are immutable after creation
//     except func_code (`f.__code__ = ...`), which is replaced with a release store and read with an
//     acquire load, the old code retired through QSBR. The other writable attributes (__defaults__,
//     __kwdefaults__, __doc__, __name__, __qualname__, __dict__, __annotations__, __annotate__,
//     __type_params__) are written under the function's critical section and read with
//     an acquire load and an increment (the old value is retired through QSBR, so it stays alive
//     until the reader's next quiescent state). Functions use deferred reference counting.
//   * cell: ob_ref is guarded_by(ob_mutex) for writes (the old value retired through QSBR); reads
//     use an acquire load and an increment, lock-free, as CPython's cell_get_ref under
//     Py_GIL_DISABLED.
//   * bound method: immutable.
#ifndef FT_OBJECTS_FUNCTION_H
#define FT_OBJECTS_FUNCTION_H

#include <stdbool.h>   // bool

#include "runtime/object.h"   // FtObject FtTypeObject Ft_ssize

typedef struct FtFunctionObject {
    FtObject ob_base;
    FtObject *func_code;          // code object; see the concurrency note above
    FtObject *func_globals;       // dict; immutable
    FtObject *func_builtins;      // dict; immutable (globals['__builtins__'] at creation, as CPython)
    FtObject *func_name;          // str
    FtObject *func_qualname;      // str
    FtObject *func_defaults;      // NULL or tuple
    FtObject *func_kwdefaults;    // NULL or dict
    FtObject *func_closure;       // NULL or tuple of cells; immutable
    FtObject *func_doc;           // None or any object
    FtObject *func_dict;          // NULL or dict (created on first use)
    FtObject *func_module;        // globals['__name__'] at creation, or NULL
    FtObject *func_annotations;   // NULL or dict
    FtObject *func_annotate;      // NULL or callable (PEP 649)
    FtObject *func_typeparams;    // NULL or tuple
    FtObject *func_weakreflist;   // TODO(#4): weak references
    uint32_t func_version;        // for specialization (TODO(#4)); 0 = none
} FtFunctionObject;

extern FtTypeObject ft_function_type;

static inline bool
ft_function_check(const FtObject *op)
{
    return op->ob_type == &ft_function_type;
}

// A new function for code (a code object) with globals (a dict) and qualname (NULL: the code's
// co_qualname), as MAKE_FUNCTION creates it: __name__ and __doc__ from the code (the docstring is
// co_consts[0] when FT_CO_HAS_DOCSTRING is set), __module__ from globals['__name__'], builtins
// from globals['__builtins__'] (a module's dict, or a dict) or else the runtime's builtins.
// Returns NULL with an exception. Any thread.
FtObject *ft_function_new_ref(FtObject *code, FtObject *globals, FtObject *qualname);

// SET_FUNCTION_ATTRIBUTE: sets one of the slots below on a function being built (not yet
// published, hence _unlocked). Steals value.
enum {
    FT_FUNCTION_ATTR_DEFAULTS = 0x01,
    FT_FUNCTION_ATTR_KWDEFAULTS = 0x02,
    FT_FUNCTION_ATTR_ANNOTATIONS = 0x04,
    FT_FUNCTION_ATTR_CLOSURE = 0x08,
    FT_FUNCTION_ATTR_ANNOTATE = 0x10,
};
void ft_function_set_attribute_steal_unlocked(FtObject *func, int which, FtObject *value);

// The function's code object, borrowed: valid while the caller holds a reference to the function
// and is attached (a replaced code object is freed only after a grace period). Any thread.
FtObject *ft_function_code_borrow(FtObject *func);

typedef struct FtCellObject {
    FtObject ob_base;
    FtObject *ob_ref;   // NULL when empty; see the concurrency note above
} FtCellObject;

extern FtTypeObject ft_cell_type;

static inline bool
ft_cell_check(const FtObject *op)
{
    return op->ob_type == &ft_cell_type;
}

// A new cell holding value (NULL: empty); takes a new reference to value.
FtObject *ft_cell_new_ref(FtObject *value);
// The cell's content as a new reference, or NULL (no exception) when it is empty. Any thread.
FtObject *ft_cell_get_ref(FtObject *cell);
// Replaces the content (value NULL empties it), releasing the old one. Steals value. Any thread.
void ft_cell_set_steal(FtObject *cell, FtObject *value);

typedef struct FtMethodObject {
    FtObject ob_base;
    FtObject *im_func;   // any callable; immutable
    FtObject *im_self;   // immutable
} FtMethodObject;

extern FtTypeObject ft_method_type;   // "method"

static inline bool
ft_method_check(const FtObject *op)
{
    return op->ob_type == &ft_method_type;
}

// A new bound method (func bound to self). Any thread.
FtObject *ft_method_new_ref(FtObject *func, FtObject *self);

// Readies function, cell and method. Start-up.
int ft_function_init_types(void);

#endif // FT_OBJECTS_FUNCTION_H

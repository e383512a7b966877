// objects/module.h: module objects (CPython's Objects/moduleobject.c).
//
// A module is a namespace dict with a name: attribute access reads and writes md_dict, and module
// __getattr__ (PEP 562) is consulted on a miss. AttributeError messages are CPython's ("module 'm'
// has no attribute 'x'", "partially initialized module 'm' has no attribute 'x' (most likely due to
// a circular import)").
//
// Concurrency: md_dict is immutable (the dict itself locks); modules and their dicts use deferred
// reference counting, since every thread's frames load globals from them.
#ifndef FT_OBJECTS_MODULE_H
#define FT_OBJECTS_MODULE_H

#include <stdbool.h>   // bool

#include "objects/type.h"     // ft_type_is_subtype
#include "runtime/object.h"   // FtObject FtTypeObject

typedef struct FtModuleObject {
    FtObject ob_base;
    FtObject *md_dict;         // dict; immutable
    FtObject *md_weaklist;     // TODO(#4): weak references
    void *md_state;            // a C module's private state, or NULL; owned by the module
    int md_flags;              // FT_MODULE_FLAG_*; set before publication, immutable afterwards
} FtModuleObject;

enum {
    FT_MODULE_FLAG_BUILTIN = 1 << 0,   // a built-in (C) module: repr "<module 'sys' (built-in)>"
};

extern FtTypeObject ft_module_type;

static inline bool
ft_module_check(const FtObject *op)
{
    return op->ob_type == &ft_module_type || ft_type_is_subtype(op->ob_type, &ft_module_type);
}

// A new module named name (str) whose dict holds __name__, __doc__ (None), __package__ (None),
// __loader__ (None) and __spec__ (None). NULL with an exception.
FtObject *ft_module_new_ref(FtObject *name);
FtObject *ft_module_new_cstr_ref(const char *name);

// The module's dict, borrowed (immutable field).
FtObject *ft_module_dict_borrow(FtObject *module);

// Adds value under name to the module's dict (a C module's initialization). Steals value (even on
// error). 0 or -1.
int ft_module_add_object_steal(FtObject *module, const char *name, FtObject *value);

int ft_module_init_types(void);

#endif // FT_OBJECTS_MODULE_H

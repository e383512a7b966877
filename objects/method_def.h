// objects/method_def.h: the tables a type (or module) declares its C methods, members and computed
// attributes with, and the descriptor objects built from them (objects/descr.c; CPython's
// Include/methodobject.h, descrobject.h, structmember.h).
//
// The tables are static and immutable. ft_type_ready turns each entry into a descriptor object in the
// type's dict: a method descriptor (bound to an instance on attribute access, giving a
// builtin_function_or_method), a classmethod descriptor, a static builtin function, a member
// descriptor (a field at a fixed offset) or a getset descriptor. Descriptor objects are immutable
// after creation; member and getset access lock whatever the get/set function locks.
#ifndef FT_OBJECTS_METHOD_DEF_H
#define FT_OBJECTS_METHOD_DEF_H

#include <stddef.h>   // size_t offsetof

#include "runtime/object.h"   // FtObject FtTypeObject Ft_ssize

// The C function signatures, one per calling convention (CPython's METH_* conventions). self is the
// bound object (the type for FT_METH_CLASS, NULL for FT_METH_STATIC and unbound functions).
typedef FtObject *(*FtCFunctionNoArgs)(FtObject *self);                          // FT_METH_NOARGS
typedef FtObject *(*FtCFunctionO)(FtObject *self, FtObject *arg);                // FT_METH_O
typedef FtObject *(*FtCFunctionFast)(FtObject *self, FtObject *const *args, Ft_ssize nargs);
typedef FtObject *(*FtCFunctionFastKw)(FtObject *self, FtObject *const *args, Ft_ssize nargs,
                                       FtObject *kwnames);   // FT_METH_FASTCALL | FT_METH_KEYWORDS

// Flags of FtMethodDef (CPython's METH_* values). Exactly one of NOARGS, O, FASTCALL (optionally
// with KEYWORDS); CLASS or STATIC may be added.
enum {
    FT_METH_KEYWORDS = 0x0002,
    FT_METH_NOARGS = 0x0004,
    FT_METH_O = 0x0008,
    FT_METH_CLASS = 0x0010,
    FT_METH_STATIC = 0x0020,
    FT_METH_FASTCALL = 0x0080,
    // The method replaces the slot wrapper of the same name (CPython's METH_COEXIST), so that a
    // type can give e.g. __getitem__ a faster entry point and its own argument-error text.
    FT_METH_COEXIST = 0x0040,
    // f(**mapping) on the bound method passes non-str keys through silently (they can never
    // match a parameter), as CPython's METH_VARARGS | METH_KEYWORDS methods receive the mapping
    // itself: "abc".format(**{1: 2}) is 'abc' where most calls raise "keywords must be strings".
    FT_METH_ANY_KEYWORD_KEYS = 0x0100,
};

struct FtMethodDef {
    const char *name;   // NULL terminates a table
    union {
        FtCFunctionNoArgs noargs;
        FtCFunctionO o;
        FtCFunctionFast fast;
        FtCFunctionFastKw fast_kw;
    } fn;               // the member named by the calling-convention flag
    int flags;
    const char *doc;
};

// Member types (CPython's Py_T_* meanings).
enum {
    FT_MEMBER_OBJECT,      // FtObject *, NULL reads as None (Py_T_OBJECT)
    FT_MEMBER_OBJECT_EX,   // FtObject *, NULL raises AttributeError (Py_T_OBJECT_EX)
    FT_MEMBER_BOOL,        // char, 0 / 1
    FT_MEMBER_INT,         // int
    FT_MEMBER_SSIZE,       // Ft_ssize
    FT_MEMBER_DOUBLE,      // double, read as a float (Py_T_DOUBLE)
};
enum { FT_MEMBER_READONLY = 1 };

struct FtMemberDef {
    const char *name;   // NULL terminates a table
    int type;           // FT_MEMBER_*
    Ft_ssize offset;    // of the field in the instance
    int flags;          // FT_MEMBER_READONLY
    const char *doc;
};

typedef FtObject *(*FtGetter)(FtObject *self, void *closure);
typedef int (*FtSetter)(FtObject *self, FtObject *value, void *closure);   // value NULL: delete

struct FtGetSetDef {
    const char *name;   // NULL terminates a table
    FtGetter get;
    FtSetter set;       // NULL: read-only
    const char *doc;
    void *closure;
};

// The descriptor and function types (objects/descr.c).
extern FtTypeObject ft_method_descr_type;         // method_descriptor
extern FtTypeObject ft_classmethod_descr_type;    // classmethod_descriptor
extern FtTypeObject ft_member_descr_type;         // member_descriptor
extern FtTypeObject ft_getset_descr_type;         // getset_descriptor
extern FtTypeObject ft_cfunction_type;            // builtin_function_or_method

// A builtin function or bound method: calls def with self. Immutable.
typedef struct FtCFunctionObject {
    FtObject ob_base;
    const FtMethodDef *def;   // immutable
    FtObject *self;           // immutable: the bound object (strong), NULL for a plain function
} FtCFunctionObject;

// New descriptor objects for an entry of type's tables (new references, NULL with an exception).
// Called by ft_type_ready; any thread.
FtObject *ft_descr_new_method_ref(FtTypeObject *type, const FtMethodDef *def);
FtObject *ft_descr_new_member_ref(FtTypeObject *type, const FtMemberDef *def);
FtObject *ft_descr_new_getset_ref(FtTypeObject *type, const FtGetSetDef *def);

// A builtin function for def bound to self (NULL: a plain function such as len).
FtObject *ft_cfunction_new_ref(const FtMethodDef *def, FtObject *self);

// Slot wrappers (CPython's slotdefs/add_operators): for every slot that type itself defines (tp_repr,
// nb_add, mp_subscript, ...), calls add(type, "__repr__", wrapper) with a new "slot wrapper"
// descriptor, in CPython's slotdefs order (add keeps the first value for a name and drops the others).
// Returns 0, or -1 with an exception. Called by ft_type_ready before slot inheritance.
extern FtTypeObject ft_wrapper_descr_type;   // wrapper_descriptor ("slot wrapper")
extern FtTypeObject ft_method_wrapper_type;  // method-wrapper
int ft_descr_add_slot_wrappers(FtTypeObject *type,
                               int (*add)(FtTypeObject *type, const char *name, FtObject *value_steal));

// CPython's docstring convention for builtins: a doc that starts "name(sig)\n--\n\n" carries the
// signature __text_signature__ reports, and __doc__ is the rest. Returns the rest (doc itself when
// it has no signature, NULL when doc is NULL); *sig / *sig_len give the "(...)" part, or NULL / 0.
// Pure; any thread.
const char *ft_doc_split(const char *name, const char *doc, const char **sig, size_t *sig_len);

// Readies the descriptor and function types. Part of ft_objects_init.
int ft_descr_init_types(void);

#endif // FT_OBJECTS_METHOD_DEF_H

// objects/exceptions.c: BaseException and the built-in exception hierarchy (CPython's
// Objects/exceptions.c).
//
// The hierarchy is one table, FT_EXCEPTION_TYPES in objects/error.h: each row becomes a static type
// ft_exc_<name> with CPython's name and base; its layout column picks the instance struct and the
// slots that differ from BaseException's (StopIteration.value, SystemExit.code, ImportError's
// msg/name/path/name_from, AttributeError's name/obj, NameError's name, KeyError's str, OSError's
// errno/strerror/filename/filename2/characters_written and errno -> subclass selection,
// SyntaxError's msg/filename/lineno/offset/text/end_lineno/end_offset/print_file_and_line, the
// Unicode errors' encoding/object/start/end/reason and str). BaseExceptionGroup's slots live in
// objects/exception_group.c. Every instance has a __dict__ (arbitrary attributes, __notes__).
//
// Invariants: an instance's args is always a tuple; __context__ and __cause__ are NULL or exception
// instances; setting __cause__ sets __suppress_context__; __notes__, when add_note made it, is a
// list in the instance dict.
//
// Concurrency: exception instances are mutable and shared (an exception can be raised in one thread
// and inspected in another), so every field is guarded_by(ob_mutex): the getters and setters below
// and the member descriptors take the instance's critical section; references dropped by a setter
// are released after the section ends. Construction (__new__/__init__ before publication) is
// single-threaded. The types are static, readied at start-up.
//
// Missing (TODO(#4)): OSError's winerror (Windows).
#include <errno.h>    // ENOENT EAGAIN ...
#include <stddef.h>   // offsetof
#include <stdio.h>    // snprintf

#include "objects/error.h"

#include "objects/abstract.h"          // ft_sequence_tuple_ref
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytearray.h"     // ft_bytearray_check ft_bytearray_to_bytes_ref
#include "objects/bytes.h"         // ft_bytes_check ft_bytes_size ft_bytes_data
#include "objects/dict.h"          // ft_dict_check
#include "objects/list.h"          // ft_list_*
#include "objects/frame.h"         // ft_traceback_check
#include "objects/int.h"           // ft_int_check ft_int_as_int64 ft_int_from_int64_ref
#include "objects/method_def.h"    // FtMethodDef FtMemberDef FtGetSetDef
#include "objects/object.h"        // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "objects/type.h"          // ft_type_ready ft_type_call_ref
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "sync/atomic.h"           // ft_atomic_*

static FtObject *memory_error_instance;   // immortal; written once by ft_exceptions_init

#define EXC(op) ((FtBaseExceptionObject *)(op))

/* --- Internal API --- */

FtObject *
ft_exception_new_ref(FtTypeObject *type, FtObject *const *args, Ft_ssize nargs)
{
    return ft_type_call_ref((FtObject *)type, args, (size_t)nargs, NULL);
}

FtObject *
ft_error_memory_error_instance_borrow(void)
{
    return memory_error_instance;
}

// Reads one object field of exc under its lock, with a new reference (NULL stays NULL).
static FtObject *
exc_field_get_ref(FtObject *exc, FtObject **field)
{
    FtObject *v;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(exc);
    v = *field;
    if (v != NULL)
        ft_incref(v);
    FT_END_CRITICAL_SECTION_OBJECT();
    return v;
}

// Replaces one object field of exc under its lock, stealing value; the old value is dropped after.
static void
exc_field_set_steal(FtObject *exc, FtObject **field, FtObject *value)
{
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(exc);
    old = *field;
    *field = value;
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
}

FtObject *
ft_exception_get_args_ref(FtObject *exc)
{
    return exc_field_get_ref(exc, &EXC(exc)->args);
}

FtObject *
ft_exception_get_context_ref(FtObject *exc)
{
    return exc_field_get_ref(exc, &EXC(exc)->context);
}

FtObject *
ft_exception_get_cause_ref(FtObject *exc)
{
    return exc_field_get_ref(exc, &EXC(exc)->cause);
}

FtObject *
ft_exception_get_traceback_ref(FtObject *exc)
{
    return exc_field_get_ref(exc, &EXC(exc)->traceback);
}

void
ft_exception_set_traceback_steal(FtObject *exc, FtObject *tb)
{
    exc_field_set_steal(exc, &EXC(exc)->traceback, tb);
}

void
ft_exception_set_context_steal(FtObject *exc, FtObject *value)
{
    exc_field_set_steal(exc, &EXC(exc)->context, value);
}

void
ft_exception_set_cause_steal(FtObject *exc, FtObject *value)
{
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(exc);
    old = EXC(exc)->cause;
    EXC(exc)->cause = value;
    EXC(exc)->suppress_context = 1;
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
}

/* --- Slots: BaseException --- */

static FtObject *
base_exc_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtObject *self = ft_object_new_of_type(type, 0);
    if (self == NULL)
        return NULL;
    // Keyword arguments are left to __init__ (subclasses may accept some). A MemoryError starts
    // with empty args: CPython hands out preallocated instances, and only __init__ sets them.
    Ft_ssize nargs = type == &ft_exc_memory_error ? 0 : ft_vectorcall_nargs(nargsf);
    EXC(self)->args = ft_tuple_from_array_ref(args, nargs);
    if (EXC(self)->args == NULL) {
        ft_decref(self);
        return NULL;
    }
    return self;
}

static int
no_keywords(FtObject *self, FtObject *kwnames)
{
    if (kwnames == NULL || ft_tuple_size(kwnames) == 0)
        return 0;
    ft_error_format(&ft_exc_type_error, "%s() takes no keyword arguments", self->ob_type->tp_name);
    return -1;
}

// Replaces args with the positional arguments (unpublished or under the caller's ownership).
static int
set_args(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    FtObject *t = ft_tuple_from_array_ref(args, nargs);
    if (t == NULL)
        return -1;
    exc_field_set_steal(self, &EXC(self)->args, t);
    return 0;
}

static int
base_exc_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    if (no_keywords(self, kwnames) < 0)
        return -1;
    return set_args(self, args, ft_vectorcall_nargs(nargsf));
}

static int
base_exc_clear(FtObject *self)
{
    FtBaseExceptionObject *e = EXC(self);
    FtObject *refs[] = {e->args, e->dict, e->traceback, e->context, e->cause};
    e->args = e->traceback = e->context = e->cause = NULL;
    ft_atomic_store_ptr_release((void **)&e->dict, NULL);   // the pointer's readers load acquire
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        ft_xdecref(refs[i]);
    return 0;
}

static int
base_exc_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtBaseExceptionObject *e = EXC(self);
    FtObject *refs[] = {e->args, ft_atomic_load_ptr_acquire((void *const *)&e->dict), e->traceback,
                        e->context, e->cause};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        if (refs[i] != NULL) {
            int r = visit(refs[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

static void
base_exc_dealloc(FtObject *self)
{
    self->ob_type->tp_clear(self);
    ft_object_free_memory(self);
}

static FtObject *
base_exc_repr(FtObject *self)
{
    FtObject *args = ft_exception_get_args_ref(self);
    FtObject *name = ft_type_name_ref(self->ob_type);
    FtObject *res = NULL;
    if (args != NULL && name != NULL) {
        if (ft_tuple_size(args) == 1)
            res = ft_str_from_format_ref("%U(%R)", name, ft_tuple_get_item_borrow(args, 0));
        else
            res = ft_str_from_format_ref("%U%R", name, args);
    }
    ft_xdecref(args);
    ft_xdecref(name);
    return res;
}

static FtObject *
base_exc_str(FtObject *self)
{
    FtObject *args = ft_exception_get_args_ref(self);
    FtObject *res;
    switch (ft_tuple_size(args)) {
    case 0:
        res = ft_str_empty_ref();
        break;
    case 1:
        res = ft_object_str_ref(ft_tuple_get_item_borrow(args, 0));
        break;
    default:
        res = ft_object_str_ref(args);
        break;
    }
    ft_decref(args);
    return res;
}

static FtObject *
key_error_str(FtObject *self)
{
    // A lone key is shown with its repr, so that KeyError('') reads ''.
    FtObject *args = ft_exception_get_args_ref(self);
    FtObject *res = ft_tuple_size(args) == 1 ? ft_object_repr_ref(ft_tuple_get_item_borrow(args, 0))
                                             : base_exc_str(self);
    ft_decref(args);
    return res;
}

/* --- Methods and attributes: BaseException --- */

static FtObject *
base_exc_get_args(FtObject *self, void *closure)
{
    return ft_exception_get_args_ref(self);
}

static int
base_exc_set_args(FtObject *self, FtObject *value, void *closure)
{
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "args may not be deleted");
        return -1;
    }
    FtObject *args = ft_sequence_tuple_ref(value);   // any iterable, as tuple(value)
    if (args == NULL)
        return -1;
    exc_field_set_steal(self, &EXC(self)->args, args);
    return 0;
}

static FtObject *
base_exc_get_traceback(FtObject *self, void *closure)
{
    FtObject *tb = exc_field_get_ref(self, &EXC(self)->traceback);
    return tb != NULL ? tb : ft_none_ref();
}

static int
base_exc_set_traceback(FtObject *self, FtObject *value, void *closure)
{
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "__traceback__ may not be deleted");
        return -1;
    }
    if (value != FT_NONE && !ft_traceback_check(value)) {
        ft_error_set_string(&ft_exc_type_error, "__traceback__ must be a traceback or None");
        return -1;
    }
    exc_field_set_steal(self, &EXC(self)->traceback, value == FT_NONE ? NULL : ft_new_ref(value));
    return 0;
}

static FtObject *
base_exc_get_context(FtObject *self, void *closure)
{
    FtObject *v = ft_exception_get_context_ref(self);
    return v != NULL ? v : ft_none_ref();
}

static int
base_exc_set_context(FtObject *self, FtObject *value, void *closure)
{
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "__context__ may not be deleted");
        return -1;
    }
    if (value != FT_NONE && !ft_exception_check(value)) {
        ft_error_set_string(&ft_exc_type_error,
                            "exception context must be None or derive from BaseException");
        return -1;
    }
    ft_exception_set_context_steal(self, value == FT_NONE ? NULL : ft_new_ref(value));
    return 0;
}

static FtObject *
base_exc_get_cause(FtObject *self, void *closure)
{
    FtObject *v = ft_exception_get_cause_ref(self);
    return v != NULL ? v : ft_none_ref();
}

static int
base_exc_set_cause(FtObject *self, FtObject *value, void *closure)
{
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "__cause__ may not be deleted");
        return -1;
    }
    if (value != FT_NONE && !ft_exception_check(value)) {
        ft_error_set_string(&ft_exc_type_error,
                            "exception cause must be None or derive from BaseException");
        return -1;
    }
    ft_exception_set_cause_steal(self, value == FT_NONE ? NULL : ft_new_ref(value));
    return 0;
}

static FtObject *
base_exc_get_dict(FtObject *self, void *closure)
{
    return ft_object_get_dict_ref(self);
}

static int
base_exc_set_dict(FtObject *self, FtObject *value, void *closure)
{
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "cannot delete __dict__");
        return -1;
    }
    if (!ft_dict_check(value)) {
        ft_error_format(&ft_exc_type_error, "__dict__ must be set to a dictionary, not a '%.200s'",
                        value->ob_type->tp_name);
        return -1;
    }
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    old = EXC(self)->dict;
    // release: pairs with the acquire load of lock-free readers of the dict pointer.
    ft_atomic_store_ptr_release((void **)&EXC(self)->dict, ft_new_ref(value));
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
    return 0;
}

// with_traceback(tb) -> self, @locked through the setter.
static FtObject *
base_exc_with_traceback(FtObject *self, FtObject *tb)
{
    if (base_exc_set_traceback(self, tb, NULL) < 0)
        return NULL;
    return ft_new_ref(self);
}

// Creates self.__notes__ = [] for add_note, setting *notes (a new reference). When __notes__ is a
// plain instance attribute (no class attribute of that name), the list goes into the instance dict
// only if no other thread put one there first (one merge under the dict's lock), so that concurrent
// first notes all land in the same list. 1, or -1 with an exception.
static int
create_notes(FtObject *self, FtObject *name, FtObject **notes)
{
    FtObject *fresh = ft_list_new_ref(0);
    if (fresh == NULL)
        return -1;
    FtObject *descr = ft_type_lookup_ref(self->ob_type, name);
    if (descr != NULL || ft_error_occurred()) {
        ft_xdecref(descr);
        if (ft_error_occurred() || ft_object_set_attr(self, name, fresh) < 0) {
            ft_decref(fresh);
            return -1;
        }
        *notes = fresh;
        return 1;
    }
    FtObject *dict = ft_object_get_dict_ref(self);
    FtObject *one = ft_dict_new_ref();
    int r = (dict == NULL || one == NULL || ft_dict_set_item(one, name, fresh) < 0 ||
             ft_dict_merge(dict, one, 0) < 0) ? -1 : ft_dict_get_item_ref(dict, name, notes);
    if (r == 0) {   // deleted again meanwhile: use the fresh list, as a plain store would
        *notes = ft_new_ref(fresh);
        r = ft_object_set_attr(self, name, fresh) < 0 ? -1 : 1;
        if (r < 0) {
            ft_decref(*notes);
            *notes = NULL;
        }
    }
    ft_xdecref(dict);
    ft_xdecref(one);
    ft_decref(fresh);
    return r;
}

// add_note(note) -> None: appends note (a str) to the list self.__notes__, creating it. Goes
// through the attribute protocol as CPython does (a subclass may intercept __notes__); the list
// itself locks its append, so concurrent add_note calls on one list keep every note (two threads
// that both find no __notes__ may each create one, as in CPython).
static FtObject *
base_exc_add_note(FtObject *self, FtObject *note)
{
    if (!ft_str_check(note))
        return ft_error_format(&ft_exc_type_error, "add_note() argument must be str, not %.200s",
                               note->ob_type->tp_name);
    FtObject *name = ft_str_from_cstr_ref("__notes__");
    if (name == NULL)
        return NULL;
    FtObject *notes = NULL;
    int r = ft_object_lookup_attr(self, name, &notes);
    if (r == 0)
        r = create_notes(self, name, &notes);
    ft_decref(name);
    if (r >= 0 && !ft_list_check(notes)) {
        ft_error_set_string(&ft_exc_type_error, "Cannot add note: __notes__ is not a list");
        r = -1;
    }
    if (r >= 0 && ft_list_append(notes, note) < 0)
        r = -1;
    ft_xdecref(notes);
    return r < 0 ? NULL : ft_none_ref();
}

// __reduce__() -> (type(self), self.args) or (type(self), self.args, self.__dict__).
static FtObject *
base_exc_reduce(FtObject *self)
{
    FtObject *args = ft_exception_get_args_ref(self);
    FtObject *dict, *res;
    // The dict is read under the lock so that a concurrent __dict__ assignment cannot free it.
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    dict = EXC(self)->dict;
    if (dict != NULL)
        ft_incref(dict);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (dict != NULL)
        res = ft_tuple_pack_ref(3, (FtObject *)self->ob_type, args, dict);
    else
        res = ft_tuple_pack_ref(2, (FtObject *)self->ob_type, args);
    ft_decref(args);
    ft_xdecref(dict);
    return res;
}

// __setstate__(state): None, or a dict whose items become attributes.
static FtObject *
base_exc_setstate(FtObject *self, FtObject *state)
{
    if (state == FT_NONE)
        return ft_none_ref();
    if (!ft_dict_check(state))
        return ft_error_format(&ft_exc_type_error, "state is not a dictionary");
    // A private copy is walked, so that the setters (which may run code) cannot change it.
    FtObject *copy = ft_dict_copy_ref(state);
    if (copy == NULL)
        return NULL;
    int r = 0;
    Ft_ssize pos = 0;
    FtObject *key, *value;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(copy);
    while (r == 0 && ft_dict_next(copy, &pos, &key, &value))
        r = ft_object_set_attr(self, key, value);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(copy);
    return r < 0 ? NULL : ft_none_ref();
}

static const FtMethodDef base_exc_methods[] = {
    {.name = "with_traceback", .fn.o = base_exc_with_traceback, .flags = FT_METH_O,
     .doc = "Set self.__traceback__ to tb and return self."},
    {.name = "add_note", .fn.o = base_exc_add_note, .flags = FT_METH_O,
     .doc = "Add a note to the exception"},
    {.name = "__reduce__", .fn.noargs = base_exc_reduce, .flags = FT_METH_NOARGS},
    {.name = "__setstate__", .fn.o = base_exc_setstate, .flags = FT_METH_O},
    {0},
};

static const FtGetSetDef base_exc_getset[] = {
    {.name = "args", .get = base_exc_get_args, .set = base_exc_set_args},
    {.name = "__traceback__", .get = base_exc_get_traceback, .set = base_exc_set_traceback},
    {.name = "__context__", .get = base_exc_get_context, .set = base_exc_set_context,
     .doc = "exception context"},
    {.name = "__cause__", .get = base_exc_get_cause, .set = base_exc_set_cause,
     .doc = "exception cause"},
    {.name = "__dict__", .get = base_exc_get_dict, .set = base_exc_set_dict},
    {0},
};

static const FtMemberDef base_exc_members[] = {
    {.name = "__suppress_context__", .type = FT_MEMBER_BOOL,
     .offset = offsetof(FtBaseExceptionObject, suppress_context)},
    {0},
};

/* --- Keyword arguments of the subclasses --- */

// Looks up the keyword name among kwnames (values after the nargs positional ones): sets *out to
// each accepted keyword's value (borrowed). Returns 0, or -1 with TypeError for an unknown keyword.
static int
parse_keywords(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames,
               const char *const *names, FtObject **out)
{
    if (kwnames == NULL)
        return 0;
    Ft_ssize nnames = 0;
    while (names[nnames] != NULL)
        nnames++;
    if (ft_tuple_size(kwnames) > nnames) {
        ft_error_format(&ft_exc_type_error, "%s() takes at most %zd keyword argument%s (%zd given)",
                        self->ob_type->tp_name, nnames, nnames == 1 ? "" : "s", ft_tuple_size(kwnames));
        return -1;
    }
    for (Ft_ssize i = 0; i < ft_tuple_size(kwnames); i++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, i);
        int k = 0;
        while (names[k] != NULL && !ft_str_equal_cstr(key, names[k]))
            k++;
        if (names[k] == NULL) {
            ft_error_unexpected_keyword(self->ob_type->tp_name, key, names, (int)nnames);
            return -1;
        }
        out[k] = args[nargs + i];
    }
    return 0;
}

static void
set_field_ref(FtObject *self, FtObject **field, FtObject *value)
{
    exc_field_set_steal(self, field, value != NULL ? ft_new_ref(value) : NULL);
}

/* --- Slots: StopIteration, SystemExit --- */

#define STOPITER(op) ((FtStopIterationObject *)(op))
#define SYSEXIT(op) ((FtSystemExitObject *)(op))

static int
stop_iteration_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (base_exc_init(self, args, nargsf, kwnames) < 0)
        return -1;
    set_field_ref(self, &STOPITER(self)->value, nargs > 0 ? args[0] : FT_NONE);
    return 0;
}

static int
stop_iteration_clear(FtObject *self)
{
    FtObject *v = STOPITER(self)->value;
    STOPITER(self)->value = NULL;
    ft_xdecref(v);
    return base_exc_clear(self);
}

static int
stop_iteration_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    if (STOPITER(self)->value != NULL && visit(STOPITER(self)->value, arg) != 0)
        return 1;
    return base_exc_traverse(self, visit, arg);
}

static const FtMemberDef stop_iteration_members[] = {
    {.name = "value", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtStopIterationObject, value),
     .doc = "generator return value"},
    {0},
};

static int
system_exit_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (base_exc_init(self, args, nargsf, kwnames) < 0)
        return -1;
    if (nargs == 0)
        set_field_ref(self, &SYSEXIT(self)->code, NULL);
    else if (nargs == 1)
        set_field_ref(self, &SYSEXIT(self)->code, args[0]);
    else
        exc_field_set_steal(self, &SYSEXIT(self)->code, ft_exception_get_args_ref(self));
    return 0;
}

static int
system_exit_clear(FtObject *self)
{
    FtObject *v = SYSEXIT(self)->code;
    SYSEXIT(self)->code = NULL;
    ft_xdecref(v);
    return base_exc_clear(self);
}

static int
system_exit_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    if (SYSEXIT(self)->code != NULL && visit(SYSEXIT(self)->code, arg) != 0)
        return 1;
    return base_exc_traverse(self, visit, arg);
}

static const FtMemberDef system_exit_members[] = {
    {.name = "code", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSystemExitObject, code),
     .doc = "exception code"},
    {0},
};

/* --- Slots: ImportError --- */

#define IMPORTERR(op) ((FtImportErrorObject *)(op))

static int
import_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"name", "path", "name_from", NULL};
    FtObject *kw[3] = {NULL, NULL, NULL};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (parse_keywords(self, args, nargs, kwnames, names, kw) < 0)
        return -1;
    if (set_args(self, args, nargs) < 0)
        return -1;
    set_field_ref(self, &IMPORTERR(self)->name, kw[0]);
    set_field_ref(self, &IMPORTERR(self)->path, kw[1]);
    set_field_ref(self, &IMPORTERR(self)->name_from, kw[2]);
    set_field_ref(self, &IMPORTERR(self)->msg, nargs == 1 ? args[0] : NULL);
    return 0;
}

static int
import_error_clear(FtObject *self)
{
    FtImportErrorObject *e = IMPORTERR(self);
    FtObject *refs[] = {e->msg, e->name, e->path, e->name_from};
    e->msg = e->name = e->path = e->name_from = NULL;
    for (size_t i = 0; i < 4; i++)
        ft_xdecref(refs[i]);
    return base_exc_clear(self);
}

static int
import_error_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtImportErrorObject *e = IMPORTERR(self);
    FtObject *refs[] = {e->msg, e->name, e->path, e->name_from};
    for (size_t i = 0; i < 4; i++) {
        if (refs[i] != NULL && visit(refs[i], arg) != 0)
            return 1;
    }
    return base_exc_traverse(self, visit, arg);
}

static FtObject *
import_error_str(FtObject *self)
{
    FtObject *msg = exc_field_get_ref(self, &IMPORTERR(self)->msg);
    if (msg != NULL && msg != FT_NONE) {
        FtObject *res = ft_object_str_ref(msg);
        ft_decref(msg);
        return res;
    }
    ft_xdecref(msg);
    return base_exc_str(self);
}

static const FtMemberDef import_error_members[] = {
    {.name = "msg", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtImportErrorObject, msg),
     .doc = "exception message"},
    {.name = "name", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtImportErrorObject, name),
     .doc = "module name"},
    {.name = "path", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtImportErrorObject, path),
     .doc = "module path"},
    {.name = "name_from", .type = FT_MEMBER_OBJECT,
     .offset = offsetof(FtImportErrorObject, name_from), .doc = "name imported from module"},
    {0},
};

/* --- Slots: AttributeError, NameError --- */

#define ATTRERR(op) ((FtAttributeErrorObject *)(op))

void
ft_error_attribute_set_context(FtObject *obj, FtObject *name)
{
    FtObject *exc = ft_error_occurred_borrow();
    if (exc == NULL || !ft_object_type_check(exc, &ft_exc_attribute_error))
        return;
    FtAttributeErrorObject *ae = ATTRERR(exc);
    if (ae->name == NULL && ae->obj == NULL) {   // unpublished: only this thread has it
        ae->name = ft_new_ref(name);
        ae->obj = ft_new_ref(obj);
    }
}
#define NAMEERR(op) ((FtNameErrorObject *)(op))

static int
attribute_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"name", "obj", NULL};
    FtObject *kw[2] = {NULL, NULL};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (parse_keywords(self, args, nargs, kwnames, names, kw) < 0 || set_args(self, args, nargs) < 0)
        return -1;
    set_field_ref(self, &ATTRERR(self)->name, kw[0]);
    set_field_ref(self, &ATTRERR(self)->obj, kw[1]);
    return 0;
}

static int
attribute_error_clear(FtObject *self)
{
    FtObject *a = ATTRERR(self)->name, *b = ATTRERR(self)->obj;
    ATTRERR(self)->name = ATTRERR(self)->obj = NULL;
    ft_xdecref(a);
    ft_xdecref(b);
    return base_exc_clear(self);
}

static int
attribute_error_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    if (ATTRERR(self)->name != NULL && visit(ATTRERR(self)->name, arg) != 0)
        return 1;
    if (ATTRERR(self)->obj != NULL && visit(ATTRERR(self)->obj, arg) != 0)
        return 1;
    return base_exc_traverse(self, visit, arg);
}

static const FtMemberDef attribute_error_members[] = {
    {.name = "name", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtAttributeErrorObject, name),
     .doc = "attribute name"},
    {.name = "obj", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtAttributeErrorObject, obj),
     .doc = "object"},
    {0},
};

static int
name_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    static const char *const names[] = {"name", NULL};
    FtObject *kw[1] = {NULL};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (parse_keywords(self, args, nargs, kwnames, names, kw) < 0 || set_args(self, args, nargs) < 0)
        return -1;
    set_field_ref(self, &NAMEERR(self)->name, kw[0]);
    return 0;
}

static int
name_error_clear(FtObject *self)
{
    FtObject *a = NAMEERR(self)->name;
    NAMEERR(self)->name = NULL;
    ft_xdecref(a);
    return base_exc_clear(self);
}

static int
name_error_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    if (NAMEERR(self)->name != NULL && visit(NAMEERR(self)->name, arg) != 0)
        return 1;
    return base_exc_traverse(self, visit, arg);
}

static const FtMemberDef name_error_members[] = {
    {.name = "name", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtNameErrorObject, name),
     .doc = "name"},
    {0},
};

/* --- Slots: OSError --- */

#define OSERR(op) ((FtOSErrorObject *)(op))

// errno -> OSError subclass (CPython's errnomap in Objects/exceptions.c); set up at start-up.
static const struct {
    int code;
    FtTypeObject *type;
} errno_map[] = {
    {EAGAIN, &ft_exc_blocking_io_error}, {EALREADY, &ft_exc_blocking_io_error},
    {EINPROGRESS, &ft_exc_blocking_io_error}, {EWOULDBLOCK, &ft_exc_blocking_io_error},
    {EPIPE, &ft_exc_broken_pipe_error}, {ESHUTDOWN, &ft_exc_broken_pipe_error},
    {ECHILD, &ft_exc_child_process_error}, {ECONNABORTED, &ft_exc_connection_aborted_error},
    {ECONNREFUSED, &ft_exc_connection_refused_error}, {ECONNRESET, &ft_exc_connection_reset_error},
    {EEXIST, &ft_exc_file_exists_error}, {ENOENT, &ft_exc_file_not_found_error},
    {EISDIR, &ft_exc_is_a_directory_error}, {ENOTDIR, &ft_exc_not_a_directory_error},
    {EINTR, &ft_exc_interrupted_error}, {EACCES, &ft_exc_permission_error},
    {EPERM, &ft_exc_permission_error}, {ESRCH, &ft_exc_process_lookup_error},
    {ETIMEDOUT, &ft_exc_timeout_error},
#ifdef ENOTCAPABLE
    {ENOTCAPABLE, &ft_exc_permission_error},
#endif
};

// OSError(errno, strerror[, filename[, winerror[, filename2]]]): everything happens in __new__, so
// that OSError(ENOENT, ...) can return a FileNotFoundError (CPython's oserror_use_init() is false
// for every built-in subclass).
static FtObject *
os_error_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "%s() takes no keyword arguments", type->tp_name);
    if (type == &ft_exc_os_error && nargs >= 2 && nargs <= 5 && ft_int_check(args[0])) {
        // An errno that does not fit in int64 matches no subclass (CPython looks it up in a dict).
        bool ok;
        int64_t code = ft_int_as_int64(args[0], &ok);
        if (!ok)
            ft_error_clear();
        for (size_t i = 0; i < sizeof errno_map / sizeof errno_map[0]; i++) {
            if (errno_map[i].code == code) {
                type = errno_map[i].type;
                break;
            }
        }
    }
    FtObject *self = base_exc_new(type, args, nargsf, NULL);
    if (self == NULL)
        return NULL;
    FtOSErrorObject *e = OSERR(self);   // unpublished: plain stores
    e->written = -1;
    if (nargs < 2 || nargs > 5)
        return self;
    e->myerrno = ft_new_ref(args[0]);
    e->strerror = ft_new_ref(args[1]);
    FtObject *filename = nargs >= 3 ? args[2] : NULL;
    FtObject *filename2 = nargs >= 5 ? args[4] : NULL;   // args[3] is winerror (Windows only)
    if (filename == NULL || filename == FT_NONE)
        return self;
    if (type == &ft_exc_blocking_io_error && ft_int_check(filename)) {
        e->written = ft_number_as_ssize(filename, &ft_exc_value_error);
        if (e->written == -1 && ft_error_occurred()) {
            ft_decref(self);
            return NULL;
        }
        return self;
    }
    e->filename = ft_new_ref(filename);
    if (filename2 != NULL && filename2 != FT_NONE)
        e->filename2 = ft_new_ref(filename2);
    // With a filename, args keeps only (errno, strerror), so that repr() stays short.
    FtObject *two = ft_tuple_from_array_ref(args, 2);
    if (two == NULL) {
        ft_decref(self);
        return NULL;
    }
    ft_decref(e->base.args);
    e->base.args = two;
    return self;
}

static int
os_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return 0;   // done by os_error_new
}

static int
os_error_clear(FtObject *self)
{
    FtOSErrorObject *e = OSERR(self);
    FtObject *refs[] = {e->myerrno, e->strerror, e->filename, e->filename2};
    e->myerrno = e->strerror = e->filename = e->filename2 = NULL;
    for (size_t i = 0; i < 4; i++)
        ft_xdecref(refs[i]);
    return base_exc_clear(self);
}

static int
os_error_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtOSErrorObject *e = OSERR(self);
    FtObject *refs[] = {e->myerrno, e->strerror, e->filename, e->filename2};
    for (size_t i = 0; i < 4; i++) {
        if (refs[i] != NULL && visit(refs[i], arg) != 0)
            return 1;
    }
    return base_exc_traverse(self, visit, arg);
}

static FtObject *
os_error_str(FtObject *self)
{
    FtOSErrorObject *e = OSERR(self);
    FtObject *no = exc_field_get_ref(self, &e->myerrno);
    FtObject *msg = exc_field_get_ref(self, &e->strerror);
    FtObject *f1 = exc_field_get_ref(self, &e->filename);
    FtObject *f2 = exc_field_get_ref(self, &e->filename2);
    FtObject *res;
    if (f1 != NULL && f2 != NULL)
        res = ft_str_from_format_ref("[Errno %S] %S: %R -> %R", no ? no : FT_NONE,
                                     msg ? msg : FT_NONE, f1, f2);
    else if (f1 != NULL)
        res = ft_str_from_format_ref("[Errno %S] %S: %R", no ? no : FT_NONE, msg ? msg : FT_NONE, f1);
    else if (no != NULL && msg != NULL)
        res = ft_str_from_format_ref("[Errno %S] %S", no, msg);
    else
        res = base_exc_str(self);
    ft_xdecref(no);
    ft_xdecref(msg);
    ft_xdecref(f1);
    ft_xdecref(f2);
    return res;
}

static FtObject *
os_error_get_written(FtObject *self, void *closure)
{
    Ft_ssize written;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    written = OSERR(self)->written;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (written == -1)
        return ft_error_format(&ft_exc_attribute_error, "characters_written");
    return ft_int_from_int64_ref(written);
}

static int
os_error_set_written(FtObject *self, FtObject *value, void *closure)
{
    Ft_ssize written = -1;
    if (value != NULL) {
        if (!ft_int_check(value)) {   // TODO(#4): __index__
            ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be interpreted as an integer",
                            value->ob_type->tp_name);
            return -1;
        }
        written = ft_number_as_ssize(value, &ft_exc_value_error);
        if (written == -1 && ft_error_occurred())
            return -1;
    }
    int missing;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    missing = value == NULL && OSERR(self)->written == -1;
    OSERR(self)->written = written;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (missing) {
        ft_error_set_string(&ft_exc_attribute_error, "characters_written");
        return -1;
    }
    return 0;
}

static const FtMemberDef os_error_members[] = {
    {.name = "errno", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtOSErrorObject, myerrno),
     .doc = "POSIX exception code"},
    {.name = "strerror", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtOSErrorObject, strerror),
     .doc = "exception strerror"},
    {.name = "filename", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtOSErrorObject, filename),
     .doc = "exception filename"},
    {.name = "filename2", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtOSErrorObject, filename2),
     .doc = "second exception filename"},
    {0},
};

static const FtGetSetDef os_error_getset[] = {
    {.name = "characters_written", .get = os_error_get_written, .set = os_error_set_written},
    {0},
};

/* --- Slots: SyntaxError --- */

#define SYNERR(op) ((FtSyntaxErrorObject *)(op))

// SyntaxError(msg[, (filename, lineno, offset, text[, end_lineno, end_offset[, metadata]])]).
static int
syntax_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (base_exc_init(self, args, nargsf, kwnames) < 0)
        return -1;
    FtSyntaxErrorObject *e = SYNERR(self);
    if (nargs >= 1)
        set_field_ref(self, &e->msg, args[0]);
    if (nargs != 2)
        return 0;
    FtObject *info = ft_sequence_tuple_ref(args[1]);   // any iterable, as tuple(info)
    if (info == NULL)
        return -1;
    Ft_ssize n = ft_tuple_size(info);
    if (n < 4 || n > 7) {
        ft_error_format(&ft_exc_type_error, "function takes at %s %d arguments (%zd given)",
                        n < 4 ? "least" : "most", n < 4 ? 4 : 7, n);
        ft_decref(info);
        return -1;
    }
    FtObject **fields[] = {&e->filename, &e->lineno, &e->offset, &e->text, &e->end_lineno,
                           &e->end_offset, &e->metadata};
    for (Ft_ssize i = 0; i < 7; i++)
        set_field_ref(self, fields[i], i < n ? ft_tuple_get_item_borrow(info, i) : NULL);
    ft_decref(info);
    if (n == 5) {
        ft_error_format(&ft_exc_type_error, "end_offset must be provided when end_lineno is provided");
        return -1;
    }
    return 0;
}

static int
syntax_error_clear(FtObject *self)
{
    FtSyntaxErrorObject *e = SYNERR(self);
    FtObject **fields[] = {&e->msg, &e->filename, &e->lineno, &e->offset, &e->text,
                           &e->end_lineno, &e->end_offset, &e->print_file_and_line, &e->metadata};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        FtObject *v = *fields[i];
        *fields[i] = NULL;
        ft_xdecref(v);
    }
    return base_exc_clear(self);
}

static int
syntax_error_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtSyntaxErrorObject *e = SYNERR(self);
    FtObject *fields[] = {e->msg, e->filename, e->lineno, e->offset, e->text, e->end_lineno,
                          e->end_offset, e->print_file_and_line, e->metadata};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i] != NULL && visit(fields[i], arg) != 0)
            return 1;
    }
    return base_exc_traverse(self, visit, arg);
}

// "msg (file.py, line 3)": the filename's last path component, the line only if it is an int.
static FtObject *
syntax_error_str(FtObject *self)
{
    FtSyntaxErrorObject *e = SYNERR(self);
    FtObject *msg = exc_field_get_ref(self, &e->msg);
    FtObject *filename = exc_field_get_ref(self, &e->filename);
    FtObject *lineno = exc_field_get_ref(self, &e->lineno);
    FtObject *base = NULL, *res = NULL;
    if (filename != NULL && ft_str_check(filename)) {
        Ft_ssize n = ft_str_length(filename), start = n;
        while (start > 0 && ft_str_read_char(filename, start - 1) != '/')
            start--;
        const char *u = ft_str_as_utf8(filename, NULL);
        // Code points before start are all before a '/', so skip them in the UTF-8 form too.
        Ft_ssize skip = 0;
        for (Ft_ssize i = 0; i < start; i++) {
            uint32_t cp = ft_str_read_char(filename, i);
            skip += cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        }
        base = ft_str_from_cstr_ref(u + skip);
        if (base == NULL)
            goto done;
    }
    bool have_lineno = lineno != NULL && ft_object_is_exact(lineno, &ft_int_type);
    long long line = -1;   // as CPython's PyLong_AsLongAndOverflow: -1, and no error, on overflow
    if (have_lineno) {
        bool ok;
        line = ft_int_as_int64(lineno, &ok);
        if (!ok) {
            ft_error_clear();
            line = -1;
        }
    }
    FtObject *shown = msg != NULL ? msg : FT_NONE;
    if (base != NULL && have_lineno)
        res = ft_str_from_format_ref("%S (%U, line %lld)", shown, base, line);
    else if (base != NULL)
        res = ft_str_from_format_ref("%S (%U)", shown, base);
    else if (have_lineno)
        res = ft_str_from_format_ref("%S (line %lld)", shown, line);
    else
        res = ft_object_str_ref(shown);
done:
    ft_xdecref(base);
    ft_xdecref(msg);
    ft_xdecref(filename);
    ft_xdecref(lineno);
    return res;
}

static const FtMemberDef syntax_error_members[] = {
    {.name = "msg", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSyntaxErrorObject, msg),
     .doc = "exception msg"},
    {.name = "filename", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSyntaxErrorObject, filename),
     .doc = "exception filename"},
    {.name = "lineno", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSyntaxErrorObject, lineno),
     .doc = "exception lineno"},
    {.name = "offset", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSyntaxErrorObject, offset),
     .doc = "exception offset"},
    {.name = "text", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSyntaxErrorObject, text),
     .doc = "exception text"},
    {.name = "end_lineno", .type = FT_MEMBER_OBJECT,
     .offset = offsetof(FtSyntaxErrorObject, end_lineno), .doc = "exception end lineno"},
    {.name = "end_offset", .type = FT_MEMBER_OBJECT,
     .offset = offsetof(FtSyntaxErrorObject, end_offset), .doc = "exception end offset"},
    {.name = "print_file_and_line", .type = FT_MEMBER_OBJECT,
     .offset = offsetof(FtSyntaxErrorObject, print_file_and_line),
     .doc = "exception print_file_and_line"},
    {.name = "_metadata", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtSyntaxErrorObject, metadata),
     .doc = "exception private metadata"},
    {0},
};

/* --- Slots: UnicodeEncodeError, UnicodeDecodeError, UnicodeTranslateError --- */

#define UNIERR(op) ((FtUnicodeErrorObject *)(op))

// One argument of the Unicode errors' constructors, CPython's "U" / "n" / bytes-like conversions.
enum { FT_UNICODE_ARG_STR, FT_UNICODE_ARG_SSIZE, FT_UNICODE_ARG_BYTES };

// Converts args (exactly n of them, kinds[i] each) into out[i] (new references; start and end as
// ints in out too) for the Unicode errors' __init__. Returns 0, or -1 with TypeError.
static int
unicode_error_parse(FtObject *const *args, Ft_ssize nargs, const int *kinds, int n, FtObject **out,
                    Ft_ssize *sizes)
{
    if (nargs != n) {
        ft_error_format(&ft_exc_type_error, "function takes exactly %d arguments (%zd given)", n,
                        nargs);
        return -1;
    }
    for (int i = 0; i < n; i++)
        out[i] = NULL;
    for (int i = 0; i < n; i++) {
        FtObject *a = args[i];
        if (kinds[i] == FT_UNICODE_ARG_STR) {
            if (!ft_str_check(a)) {
                ft_error_format(&ft_exc_type_error, "argument %d must be str, not %.200s", i + 1,
                                a->ob_type->tp_name);
                goto fail;
            }
            out[i] = ft_new_ref(a);
        } else if (kinds[i] == FT_UNICODE_ARG_SSIZE) {
            if (!ft_int_check(a)) {   // TODO(#4): __index__
                ft_error_format(&ft_exc_type_error,
                                "'%.200s' object cannot be interpreted as an integer",
                                a->ob_type->tp_name);
                goto fail;
            }
            sizes[i] = ft_number_as_ssize(a, &ft_exc_overflow_error);
            if (sizes[i] == -1 && ft_error_occurred())
                goto fail;
        } else {
            // The object is kept as bytes (a bytearray is copied), as CPython's buffer conversion.
            if (ft_bytes_check(a)) {
                out[i] = ft_new_ref(a);
            } else if (ft_bytearray_check(a)) {
                out[i] = ft_bytearray_to_bytes_ref(a);
                if (out[i] == NULL)
                    goto fail;
            } else {
                ft_error_format(&ft_exc_type_error, "a bytes-like object is required, not '%.200s'",
                                a->ob_type->tp_name);
                goto fail;
            }
        }
    }
    return 0;
fail:
    for (int i = 0; i < n; i++)
        ft_xdecref(out[i]);
    return -1;
}

// Stores the parsed fields (stealing encoding, object and reason; encoding may be NULL).
static void
unicode_error_store(FtObject *self, FtObject *encoding, FtObject *object, Ft_ssize start,
                    Ft_ssize end, FtObject *reason)
{
    FtUnicodeErrorObject *e = UNIERR(self);
    FtObject *old[3];
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    old[0] = e->encoding;
    old[1] = e->object;
    old[2] = e->reason;
    e->encoding = encoding;
    e->object = object;
    e->reason = reason;
    e->start = start;
    e->end = end;
    FT_END_CRITICAL_SECTION_OBJECT();
    for (int i = 0; i < 3; i++)
        ft_xdecref(old[i]);
}

// UnicodeEncodeError(encoding, object, start, end, reason) and UnicodeDecodeError (object
// bytes-like).
static int
unicode_codec_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames,
                         int object_kind)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (base_exc_init(self, args, nargsf, kwnames) < 0)
        return -1;
    const int kinds[5] = {FT_UNICODE_ARG_STR, object_kind, FT_UNICODE_ARG_SSIZE,
                          FT_UNICODE_ARG_SSIZE, FT_UNICODE_ARG_STR};
    FtObject *out[5];
    Ft_ssize sizes[5] = {0};
    if (unicode_error_parse(args, nargs, kinds, 5, out, sizes) < 0)
        return -1;
    unicode_error_store(self, out[0], out[1], sizes[2], sizes[3], out[4]);
    return 0;
}

static int
unicode_encode_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return unicode_codec_error_init(self, args, nargsf, kwnames, FT_UNICODE_ARG_STR);
}

static int
unicode_decode_error_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return unicode_codec_error_init(self, args, nargsf, kwnames, FT_UNICODE_ARG_BYTES);
}

// UnicodeTranslateError(object, start, end, reason).
static int
unicode_translate_error_init(FtObject *self, FtObject *const *args, size_t nargsf,
                             FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (base_exc_init(self, args, nargsf, kwnames) < 0)
        return -1;
    const int kinds[4] = {FT_UNICODE_ARG_STR, FT_UNICODE_ARG_SSIZE, FT_UNICODE_ARG_SSIZE,
                          FT_UNICODE_ARG_STR};
    FtObject *out[4];
    Ft_ssize sizes[4] = {0};
    if (unicode_error_parse(args, nargs, kinds, 4, out, sizes) < 0)
        return -1;
    unicode_error_store(self, NULL, out[0], sizes[1], sizes[2], out[3]);
    return 0;
}

static int
unicode_error_clear(FtObject *self)
{
    FtUnicodeErrorObject *e = UNIERR(self);
    FtObject *refs[] = {e->encoding, e->object, e->reason};
    e->encoding = e->object = e->reason = NULL;
    for (size_t i = 0; i < 3; i++)
        ft_xdecref(refs[i]);
    return base_exc_clear(self);
}

static int
unicode_error_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtUnicodeErrorObject *e = UNIERR(self);
    FtObject *refs[] = {e->encoding, e->object, e->reason};
    for (size_t i = 0; i < 3; i++) {
        if (refs[i] != NULL && visit(refs[i], arg) != 0)
            return 1;
    }
    return base_exc_traverse(self, visit, arg);
}

// A snapshot of the fields for str(), taken under the lock (new references or NULL).
typedef struct {
    FtObject *encoding, *object, *reason;
    Ft_ssize start, end;
} FtUnicodeErrorFields;

static void
unicode_error_snapshot(FtObject *self, FtUnicodeErrorFields *f)
{
    FtUnicodeErrorObject *e = UNIERR(self);
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    f->encoding = e->encoding != NULL ? ft_new_ref(e->encoding) : NULL;
    f->object = e->object != NULL ? ft_new_ref(e->object) : NULL;
    f->reason = e->reason != NULL ? ft_new_ref(e->reason) : NULL;
    f->start = e->start;
    f->end = e->end;
    FT_END_CRITICAL_SECTION_OBJECT();
}

static void
unicode_error_release(FtUnicodeErrorFields *f)
{
    ft_xdecref(f->encoding);
    ft_xdecref(f->object);
    ft_xdecref(f->reason);
}

// The escape CPython shows for one code point or byte: \xhh, \uhhhh or \Uhhhhhhhh, into buf.
static void
unicode_error_escape(char *buf, size_t size, uint32_t c, bool byte)
{
    if (byte)
        snprintf(buf, size, "0x%02x", (unsigned)c);
    else if (c <= 0xff)
        snprintf(buf, size, "'\\x%02x'", (unsigned)c);
    else if (c <= 0xffff)
        snprintf(buf, size, "'\\u%04x'", (unsigned)c);
    else
        snprintf(buf, size, "'\\U%08x'", (unsigned)c);
}

// str() of the three errors. prefix is "'enc' codec can't encode" / "can't translate" built by the
// caller; what is "character" (str objects) or "byte" (decode).
static FtObject *
unicode_error_str_common(const FtUnicodeErrorFields *f, FtObject *prefix, bool is_bytes)
{
    FtObject *reason = ft_object_str_ref(f->reason != NULL ? f->reason : FT_NONE);
    if (reason == NULL)
        return NULL;
    Ft_ssize len = is_bytes ? ft_bytes_size(f->object) : ft_str_length(f->object);
    FtObject *res;
    if (f->start >= 0 && f->start < len && f->end == f->start + 1) {
        uint32_t c = is_bytes ? (uint8_t)ft_bytes_data(f->object)[f->start]
                              : ft_str_read_char(f->object, f->start);
        char esc[16];
        unicode_error_escape(esc, sizeof esc, c, is_bytes);
        res = ft_str_from_format_ref("%U %s %s in position %zd: %U", prefix,
                                     is_bytes ? "byte" : "character", esc, f->start, reason);
    } else {
        res = ft_str_from_format_ref("%U %s in position %zd-%zd: %U", prefix,
                                     is_bytes ? "bytes" : "characters", f->start, f->end - 1, reason);
    }
    ft_decref(reason);
    return res;
}

static FtObject *
unicode_codec_error_str(FtObject *self, const char *verb, bool is_bytes)
{
    FtUnicodeErrorFields f;
    unicode_error_snapshot(self, &f);
    FtObject *res = NULL;
    if (f.object == NULL || (is_bytes ? !ft_bytes_check(f.object) : !ft_str_check(f.object))) {
        // Never initialized (only __new__ ran), or object replaced by a wrong type: CPython shows
        // "" for the former. TODO(#4): its TypeError for the latter.
        res = ft_str_empty_ref();
    } else {
        FtObject *enc = ft_object_str_ref(f.encoding != NULL ? f.encoding : FT_NONE);
        FtObject *prefix = enc != NULL ? ft_str_from_format_ref("'%U' codec can't %s", enc, verb)
                                       : NULL;
        if (prefix != NULL)
            res = unicode_error_str_common(&f, prefix, is_bytes);
        ft_xdecref(enc);
        ft_xdecref(prefix);
    }
    unicode_error_release(&f);
    return res;
}

static FtObject *
unicode_encode_error_str(FtObject *self)
{
    return unicode_codec_error_str(self, "encode", false);
}

static FtObject *
unicode_decode_error_str(FtObject *self)
{
    return unicode_codec_error_str(self, "decode", true);
}

static FtObject *
unicode_translate_error_str(FtObject *self)
{
    FtUnicodeErrorFields f;
    unicode_error_snapshot(self, &f);
    FtObject *res = NULL;
    if (f.object == NULL || !ft_str_check(f.object)) {
        res = ft_str_empty_ref();
    } else {
        FtObject *prefix = ft_str_from_cstr_ref("can't translate");
        if (prefix != NULL)
            res = unicode_error_str_common(&f, prefix, false);
        ft_xdecref(prefix);
    }
    unicode_error_release(&f);
    return res;
}

static const FtMemberDef unicode_error_members[] = {
    {.name = "encoding", .type = FT_MEMBER_OBJECT,
     .offset = offsetof(FtUnicodeErrorObject, encoding), .doc = "exception encoding"},
    {.name = "object", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtUnicodeErrorObject, object),
     .doc = "exception object"},
    {.name = "start", .type = FT_MEMBER_SSIZE, .offset = offsetof(FtUnicodeErrorObject, start),
     .doc = "exception start"},
    {.name = "end", .type = FT_MEMBER_SSIZE, .offset = offsetof(FtUnicodeErrorObject, end),
     .doc = "exception end"},
    {.name = "reason", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtUnicodeErrorObject, reason),
     .doc = "exception reason"},
    {0},
};

/* --- __reduce__ of the subclasses with state outside args --- */

// The instance dict (a new reference) or NULL, read under the lock so that a concurrent __dict__
// assignment cannot free it.
static FtObject *
exc_dict_ref(FtObject *self)
{
    FtObject *dict;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    dict = EXC(self)->dict;
    if (dict != NULL)
        ft_incref(dict);
    FT_END_CRITICAL_SECTION_OBJECT();
    return dict;
}

// A copy of the instance dict (a new dict when there is none), to which state is added.
static FtObject *
exc_dict_copy_ref(FtObject *self)
{
    FtObject *dict = exc_dict_ref(self);
    if (dict == NULL)
        return ft_dict_new_ref();
    FtObject *copy = ft_dict_copy_ref(dict);
    ft_decref(dict);
    return copy;
}

// Adds field (a new reference or NULL, consumed) to dict as key unless it is NULL. 0 or -1.
static int
state_add_steal(FtObject *dict, const char *key, FtObject *field)
{
    if (field == NULL)
        return 0;
    int r = ft_dict_set_item_str(dict, key, field);
    ft_decref(field);
    return r;
}

// (type(self), args) or (type(self), args, state) when state is not NULL (state consumed).
static FtObject *
reduce_value_steal(FtObject *self, FtObject *args, FtObject *state)
{
    FtObject *res = state != NULL ? ft_tuple_pack_ref(3, (FtObject *)self->ob_type, args, state)
                                  : ft_tuple_pack_ref(2, (FtObject *)self->ob_type, args);
    ft_xdecref(state);
    return res;
}

// ImportError's state: the dict plus name, path and name_from when any is set; else the dict.
static FtObject *
import_error_reduce(FtObject *self)
{
    FtImportErrorObject *e = IMPORTERR(self);
    FtObject *fields[3] = {exc_field_get_ref(self, &e->name), exc_field_get_ref(self, &e->path),
                           exc_field_get_ref(self, &e->name_from)};
    static const char *const keys[3] = {"name", "path", "name_from"};
    FtObject *state;
    if (fields[0] != NULL || fields[1] != NULL || fields[2] != NULL) {
        state = exc_dict_copy_ref(self);
        for (int i = 0; i < 3; i++) {
            if (state != NULL && fields[i] != NULL && ft_dict_set_item_str(state, keys[i], fields[i]) < 0) {
                ft_decref(state);
                state = NULL;
            }
        }
    } else {
        state = exc_dict_ref(self);
    }
    bool failed = state == NULL && (fields[0] != NULL || fields[1] != NULL || fields[2] != NULL);
    for (int i = 0; i < 3; i++)
        ft_xdecref(fields[i]);
    if (failed)
        return NULL;
    FtObject *args = ft_exception_get_args_ref(self);
    FtObject *res = reduce_value_steal(self, args, state);
    ft_decref(args);
    return res;
}

static const FtMethodDef import_error_methods[] = {
    {.name = "__reduce__", .fn.noargs = import_error_reduce, .flags = FT_METH_NOARGS},
    {0},
};

// AttributeError's state: the dict plus name and args (never obj, which is often unpicklable).
static FtObject *
attribute_error_getstate(FtObject *self)
{
    FtObject *state = exc_dict_copy_ref(self);
    if (state == NULL)
        return NULL;
    if (state_add_steal(state, "name", exc_field_get_ref(self, &ATTRERR(self)->name)) < 0 ||
        state_add_steal(state, "args", ft_exception_get_args_ref(self)) < 0) {
        ft_decref(state);
        return NULL;
    }
    return state;
}

static FtObject *
attribute_error_reduce(FtObject *self)
{
    FtObject *state = attribute_error_getstate(self);
    if (state == NULL)
        return NULL;
    FtObject *args = ft_exception_get_args_ref(self);
    FtObject *res = reduce_value_steal(self, args, state);
    ft_decref(args);
    return res;
}

static const FtMethodDef attribute_error_methods[] = {
    {.name = "__getstate__", .fn.noargs = attribute_error_getstate, .flags = FT_METH_NOARGS},
    {.name = "__reduce__", .fn.noargs = attribute_error_reduce, .flags = FT_METH_NOARGS},
    {0},
};

// OSError: args as the constructor wants them back, (errno, strerror, filename[, None, filename2])
// when a filename was split off, and the dict when there is one.
static FtObject *
os_error_reduce(FtObject *self)
{
    FtOSErrorObject *e = OSERR(self);
    FtObject *args = ft_exception_get_args_ref(self);
    FtObject *filename = exc_field_get_ref(self, &e->filename);
    FtObject *filename2 = exc_field_get_ref(self, &e->filename2);
    if (ft_tuple_size(args) == 2 && filename != NULL) {
        FtObject *full = filename2 != NULL
                             ? ft_tuple_pack_ref(5, ft_tuple_get_item_borrow(args, 0),
                                                 ft_tuple_get_item_borrow(args, 1), filename, FT_NONE,
                                                 filename2)
                             : ft_tuple_pack_ref(3, ft_tuple_get_item_borrow(args, 0),
                                                 ft_tuple_get_item_borrow(args, 1), filename);
        ft_decref(args);
        args = full;
    }
    ft_xdecref(filename);
    ft_xdecref(filename2);
    if (args == NULL)
        return NULL;
    FtObject *res = reduce_value_steal(self, args, exc_dict_ref(self));
    ft_decref(args);
    return res;
}

static const FtMethodDef os_error_methods[] = {
    {.name = "__reduce__", .fn.noargs = os_error_reduce, .flags = FT_METH_NOARGS},
    {0},
};

/* --- Type objects --- */

// The slots each layout sets; everything else is inherited from the base by ft_type_ready.
// BASE rows define __new__ themselves (CPython's SimpleExtendsException), so that
// ValueError.__new__(int) names ValueError; the others inherit it.
#define LAYOUT_BASE .tp_basicsize = sizeof(FtBaseExceptionObject), .tp_new = base_exc_new
#define LAYOUT_SUB .tp_basicsize = 0
#define LAYOUT_KEY .tp_basicsize = sizeof(FtBaseExceptionObject), .tp_str = key_error_str
#define LAYOUT_STOPITER                                                                  \
    .tp_basicsize = sizeof(FtStopIterationObject), .tp_init = stop_iteration_init,         \
    .tp_clear = stop_iteration_clear, .tp_traverse = stop_iteration_traverse,              \
    .tp_members = stop_iteration_members
#define LAYOUT_SYSEXIT                                                                   \
    .tp_basicsize = sizeof(FtSystemExitObject), .tp_init = system_exit_init,               \
    .tp_clear = system_exit_clear, .tp_traverse = system_exit_traverse,                    \
    .tp_members = system_exit_members
#define LAYOUT_IMPORT                                                                    \
    .tp_basicsize = sizeof(FtImportErrorObject), .tp_init = import_error_init,             \
    .tp_clear = import_error_clear, .tp_traverse = import_error_traverse,                  \
    .tp_str = import_error_str, .tp_members = import_error_members,                        \
    .tp_methods = import_error_methods
#define LAYOUT_ATTR                                                                      \
    .tp_basicsize = sizeof(FtAttributeErrorObject), .tp_init = attribute_error_init,       \
    .tp_clear = attribute_error_clear, .tp_traverse = attribute_error_traverse,            \
    .tp_members = attribute_error_members, .tp_methods = attribute_error_methods
#define LAYOUT_NAME                                                                      \
    .tp_basicsize = sizeof(FtNameErrorObject), .tp_init = name_error_init,                 \
    .tp_clear = name_error_clear, .tp_traverse = name_error_traverse,                      \
    .tp_members = name_error_members

#define LAYOUT_OS                                                                        \
    .tp_basicsize = sizeof(FtOSErrorObject), .tp_new = os_error_new, .tp_init = os_error_init, \
    .tp_clear = os_error_clear, .tp_traverse = os_error_traverse, .tp_str = os_error_str,      \
    .tp_members = os_error_members, .tp_getset = os_error_getset, .tp_methods = os_error_methods
#define LAYOUT_SYNTAX                                                                    \
    .tp_basicsize = sizeof(FtSyntaxErrorObject), .tp_init = syntax_error_init,             \
    .tp_clear = syntax_error_clear, .tp_traverse = syntax_error_traverse,                  \
    .tp_str = syntax_error_str, .tp_members = syntax_error_members

// BaseExceptionGroup.__init__: BaseException's, but a function of its own, so that the group
// type shows __init__ in its dict as CPython's does.
static int
exception_group_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    return base_exc_init(self, args, nargsf, kwnames);
}

// BaseExceptionGroup's other slots are filled by ft_exception_group_init_slots (exception_group.c).
#define LAYOUT_EG .tp_basicsize = sizeof(FtBaseExceptionGroupObject), .tp_init = exception_group_init
#define LAYOUT_EGSUB .tp_basicsize = 0
#define LAYOUT_UNICODE(init, str)                                                        \
    .tp_basicsize = sizeof(FtUnicodeErrorObject), .tp_new = base_exc_new, .tp_init = init, \
    .tp_str = str,                                                                          \
    .tp_clear = unicode_error_clear, .tp_traverse = unicode_error_traverse,                 \
    .tp_members = unicode_error_members
#define LAYOUT_UENC LAYOUT_UNICODE(unicode_encode_error_init, unicode_encode_error_str)
#define LAYOUT_UDEC LAYOUT_UNICODE(unicode_decode_error_init, unicode_decode_error_str)
#define LAYOUT_UTRANS LAYOUT_UNICODE(unicode_translate_error_init, unicode_translate_error_str)

#define EXC_FLAGS (FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE | \
                   FT_TPFLAGS_BASE_EXC_SUBCLASS)

// BaseException's row names itself as base; ft_exceptions_init points it at object instead.
#define FT_EXCEPTION_DEFINE(cname, pyname, base, layout)                                 \
    FtTypeObject ft_exc_##cname = {                                                       \
        .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),                              \
        .tp_name = pyname,                                                                 \
        .tp_flags = EXC_FLAGS,                                                             \
        .tp_base = &ft_exc_##base,                                                         \
        LAYOUT_##layout,                                                                   \
    };
FT_EXCEPTION_TYPES(FT_EXCEPTION_DEFINE)
#undef FT_EXCEPTION_DEFINE

#define FT_EXCEPTION_ADDRESS(cname, pyname, base, layout) &ft_exc_##cname,
FtTypeObject *const ft_exception_types[] = {FT_EXCEPTION_TYPES(FT_EXCEPTION_ADDRESS)};
#undef FT_EXCEPTION_ADDRESS
const int ft_exception_type_count = (int)(sizeof ft_exception_types / sizeof ft_exception_types[0]);

int
ft_exceptions_init(void)
{
    FtTypeObject *root = &ft_exc_base_exception;
    if (!(root->tp_flags & FT_TPFLAGS_READY)) {
        root->tp_base = &ft_base_object_type;
        root->tp_new = base_exc_new;
        root->tp_init = base_exc_init;
        root->tp_dealloc = base_exc_dealloc;
        root->tp_traverse = base_exc_traverse;
        root->tp_clear = base_exc_clear;
        root->tp_repr = base_exc_repr;
        root->tp_str = base_exc_str;
        root->tp_getattro = ft_object_generic_get_attr_ref;
        root->tp_setattro = ft_object_generic_set_attr;
        root->tp_methods = base_exc_methods;
        root->tp_getset = base_exc_getset;
        root->tp_members = base_exc_members;
        root->tp_doc = "Common base class for all exceptions";
        root->tp_dictoffset = offsetof(FtBaseExceptionObject, dict);
        ft_exception_group_init_slots(&ft_exc_base_exception_group);
    }
    if (ft_exc_exception_group.tp_bases == NULL) {
        // ExceptionGroup(BaseExceptionGroup, Exception): its layout (tp_base) is the group's.
        ft_exc_exception_group.tp_bases = ft_tuple_pack_ref(2, (FtObject *)&ft_exc_base_exception_group,
                                                            (FtObject *)&ft_exc_exception);
        if (ft_exc_exception_group.tp_bases == NULL)
            return -1;
    }
    for (int i = 0; i < ft_exception_type_count; i++) {
        if (ft_type_ready(ft_exception_types[i]) < 0)
            return -1;
    }
    if (memory_error_instance == NULL) {
        FtObject *mem = ft_exception_new_ref(&ft_exc_memory_error, NULL, 0);
        if (mem == NULL)
            return -1;
        ft_object_set_immortal(mem);
        memory_error_instance = mem;
    }
    return 0;
}

// objects/object.c: the generic object protocol - repr, str, hash, rich comparison, truth,
// attribute access with descriptors, calls - object allocation, and objects/ start-up
// (ft_objects_init). Semantics: CPython's Objects/object.c (PyObject_Repr, PyObject_RichCompare,
// PyObject_IsTrue, _PyObject_GenericGetAttrWithDict, PyObject_GenericSetAttr), Objects/call.c.
//
// Invariant: every function returns with either a result or an exception set, never both; the
// slots it calls follow the same rule, and results of tp_repr/tp_str are checked to be str.
//
// Concurrency: nothing here locks. The functions only read immutable type slots (static types are
// readied before a second thread exists) and call slots, which lock their own object as needed.
// Allocation goes through the calling thread's heap (runtime/object_alloc.h: owner-thread only).
//
// Instance dicts (tp_dictoffset, or the pre-header for heap types) are created and replaced under
// the instance's critical section; lookups in them go through the dict's own lock-free reads.
// Missing (TODO(#4)): recursion guards (Py_EnterRecursiveCall) around repr/compare.
#include <stdarg.h>   // va_list

#include "objects/object.h"

#include "eval/call.h"             // ft_eval_check_c_stack
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/abstract.h"      // ft_abstract_init_types (iterators, slice, range)
#include "objects/code.h"          // ft_code_init_types
#include "objects/dict.h"          // ft_dict_init_types
#include "objects/frame.h"         // ft_frame_init_types
#include "objects/function.h"      // ft_function_init_types
#include "objects/module.h"        // ft_module_init_types
#include "objects/template.h"      // ft_template_init_types
#include "objects/list.h"          // ft_list_init_types
#include "objects/bytes.h"         // ft_bytes_init_types
#include "objects/set.h"           // ft_set_init_types
#include "objects/int.h"           // FT_TRUE FT_FALSE ft_int_init_types
#include "objects/method_def.h"    // ft_descr_init_types
#include "objects/str.h"           // ft_str_* FtStrObject
#include "objects/tuple.h"         // ft_tuple_init_types
#include "objects/type.h"          // ft_type_is_subtype ft_type_lookup_borrow
#include "runtime/object_alloc.h"  // ft_object_alloc ft_object_free FT_ALLOC_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/thread_state.h"  // ft_thread_state_current
#include "sync/atomic.h"           // ft_atomic_*
#include "sync/fatal.h"            // ft_fatal FT_ASSERT

static const char *const compare_op_names[] = {"<", "<=", "==", "!=", ">", ">="};
static const int swapped_op[] = {FT_GT, FT_GE, FT_EQ, FT_NE, FT_LT, FT_LE};

/* --- Allocation --- */

FtObject *
ft_object_new_sized(FtTypeObject *type, size_t size)
{
    FtThreadState *ts = ft_thread_state_current();
    if (ts == NULL)
        ft_fatal("ft_object_new_sized: no thread state bound");
    int kind = FT_ALLOC_PLAIN;
    if (type->tp_flags & FT_TPFLAGS_HAVE_GC)
        kind = (type->tp_flags & FT_TPFLAGS_PREHEADER) ? FT_ALLOC_GC_PREHEADER : FT_ALLOC_GC;
    FtObject *op = ft_object_alloc(&ts->heap, size, kind);
    if (op == NULL)
        return ft_error_no_memory();
    ft_object_init_header(op, type);
    if (kind != FT_ALLOC_PLAIN)
        op->ob_gc_bits = FT_GC_TRACKED;   // unpublished: a plain store is enough
    if (type->tp_flags & FT_TPFLAGS_HEAPTYPE)
        ft_incref((FtObject *)type);
    return op;
}

FtObject *
ft_object_new_of_type(FtTypeObject *type, Ft_ssize nitems)
{
    if (nitems < 0 || (type->tp_itemsize != 0 &&
                       (size_t)nitems > (FT_OBJECT_MAX_SIZE / (size_t)type->tp_itemsize)))
        return ft_error_no_memory();
    size_t size = (size_t)type->tp_basicsize + (size_t)nitems * (size_t)type->tp_itemsize;
    FtObject *op = ft_object_new_sized(type, size);
    if (op != NULL && type->tp_itemsize != 0)
        ((FtVarObject *)op)->ob_size = nitems;
    return op;
}

void
ft_object_free_memory(FtObject *op)
{
    FtTypeObject *type = op->ob_type;
    ft_object_free(op);
    if (type->tp_flags & FT_TPFLAGS_HEAPTYPE)
        ft_decref((FtObject *)type);
}

void
ft_object_dealloc_plain(FtObject *op)
{
    ft_object_free_memory(op);
}

/* --- The protocol --- */

Ft_hash
ft_object_hash_pointer(const void *p)
{
    size_t y = (size_t)p;
    // The low 4 bits are always 0 (16-byte alignment): rotate them to the top for a better spread.
    y = (y >> 4) | (y << (8 * sizeof(void *) - 4));
    Ft_hash h = (Ft_hash)y;
    return h == -1 ? -2 : h;
}

static FtObject *
object_default_repr(FtObject *op)
{
    return ft_str_from_format_ref("<%s object at %p>", op->ob_type->tp_name, (void *)op);
}

FtObject *
ft_object_repr_ref(FtObject *op)
{
    if (op == NULL)
        return ft_str_from_cstr_ref("<NULL>");
    // A repr of a nested container recurses in C (ft_eval_check_c_stack, eval/call.h).
    if (ft_eval_check_c_stack(" while getting the repr of an object") < 0)
        return NULL;
    FtUnaryFunc repr = op->ob_type->tp_repr;
    FtObject *res = repr != NULL ? repr(op) : object_default_repr(op);
    if (res == NULL)
        return NULL;
    if (!ft_str_check(res)) {
        ft_error_format(&ft_exc_type_error, "__repr__ returned non-string (type %.200s)",
                        res->ob_type->tp_name);
        ft_decref(res);
        return NULL;
    }
    return res;
}

FtObject *
ft_object_str_ref(FtObject *op)
{
    if (op == NULL)
        return ft_str_from_cstr_ref("<NULL>");
    if (ft_object_is_exact(op, &ft_str_type))
        return ft_new_ref(op);
    FtUnaryFunc str = op->ob_type->tp_str;
    if (str == NULL)
        return ft_object_repr_ref(op);
    if (ft_eval_check_c_stack(" while getting the str of an object") < 0)
        return NULL;
    FtObject *res = str(op);
    if (res == NULL)
        return NULL;
    if (!ft_str_check(res)) {
        ft_error_format(&ft_exc_type_error, "__str__ returned non-string (type %.200s)",
                        res->ob_type->tp_name);
        ft_decref(res);
        return NULL;
    }
    return res;
}

Ft_hash
ft_object_hash(FtObject *op)
{
    FtHashFunc hash = op->ob_type->tp_hash;
    if (hash == NULL) {
        ft_error_format(&ft_exc_type_error, "unhashable type: '%.200s'", op->ob_type->tp_name);
        return -1;
    }
    return hash(op);
}

// One step of do_richcompare: calls f(a, b, op) if f exists; returns NotImplemented otherwise.
static FtObject *
try_compare(FtRichCmpFunc f, FtObject *a, FtObject *b, int op)
{
    if (f == NULL)
        return FT_NOT_IMPLEMENTED;
    return f(a, b, op);
}

FtObject *
ft_object_rich_compare_ref(FtObject *v, FtObject *w, int op)
{
    FT_ASSERT(op >= FT_LT && op <= FT_GE);
    FtTypeObject *vt = v->ob_type, *wt = w->ob_type;
    bool checked_reverse = false;
    FtObject *res;
    // Comparing nested containers recurses in C.
    if (ft_eval_check_c_stack(" in comparison") < 0)
        return NULL;
    // A proper subtype's reflected method goes first, so that it can override its base's.
    if (vt != wt && ft_type_is_subtype(wt, vt) && wt->tp_richcompare != NULL) {
        checked_reverse = true;
        res = wt->tp_richcompare(w, v, swapped_op[op]);
        if (res != FT_NOT_IMPLEMENTED)
            return res;
    }
    res = try_compare(vt->tp_richcompare, v, w, op);
    if (res != FT_NOT_IMPLEMENTED)
        return res;
    if (!checked_reverse) {
        res = try_compare(wt->tp_richcompare, w, v, swapped_op[op]);
        if (res != FT_NOT_IMPLEMENTED)
            return res;
    }
    switch (op) {
    case FT_EQ:
        return ft_bool_from(v == w);
    case FT_NE:
        return ft_bool_from(v != w);
    default:
        return ft_error_format(&ft_exc_type_error,
                               "'%s' not supported between instances of '%.100s' and '%.100s'",
                               compare_op_names[op], vt->tp_name, wt->tp_name);
    }
}

int
ft_object_rich_compare_bool(FtObject *v, FtObject *w, int op)
{
    if (v == w) {
        if (op == FT_EQ)
            return 1;
        if (op == FT_NE)
            return 0;
    }
    FtObject *res = ft_object_rich_compare_ref(v, w, op);
    if (res == NULL)
        return -1;
    int truth = res == FT_TRUE ? 1 : res == FT_FALSE ? 0 : ft_object_is_true(res);
    ft_decref(res);
    return truth;
}

int
ft_object_is_true(FtObject *op)
{
    if (op == FT_TRUE)
        return 1;
    if (op == FT_FALSE || op == FT_NONE)
        return 0;
    FtTypeObject *t = op->ob_type;
    Ft_ssize n;
    if (t->tp_as_number != NULL && t->tp_as_number->nb_bool != NULL)
        return t->tp_as_number->nb_bool(op);
    if (t->tp_as_mapping != NULL && t->tp_as_mapping->mp_length != NULL)
        n = t->tp_as_mapping->mp_length(op);
    else if (t->tp_as_sequence != NULL && t->tp_as_sequence->sq_length != NULL)
        n = t->tp_as_sequence->sq_length(op);
    else
        return 1;
    return n > 0 ? 1 : (int)n;   // n is 0 or -1 (error)
}

FtObject **
ft_object_dict_ptr(FtObject *op)
{
    Ft_ssize offset = op->ob_type->tp_dictoffset;
    if (offset == 0)
        return NULL;
    if (offset == FT_TYPE_DICTOFFSET_MANAGED) {
        FT_ASSERT(op->ob_type->tp_flags & FT_TPFLAGS_PREHEADER);
        return (FtObject **)((char *)op - FT_OBJECT_PREHEADER_SIZE);
    }
    return (FtObject **)((char *)op + offset);
}

// The instance dict (a new reference), created when create is set and there is none yet; NULL
// without an exception when there is none (and create is not set), NULL with one on failure.
// The dict pointer is created and replaced under op's critical section, so that a reader never
// sees a dict that a concurrent `op.__dict__ = d` has already released.
static FtObject *
instance_dict_ref(FtObject *op, FtObject **dp, bool create)
{
    FtObject *dict;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    // acquire: pairs with the release stores below and in objects/type_new.c's __dict__ setter.
    dict = ft_atomic_load_ptr_acquire((void *const *)dp);
    if (dict == NULL && create) {
        dict = ft_dict_new_ref();
        if (dict != NULL)
            // release: publishes the new dict to lock-free readers of the pointer.
            ft_atomic_store_ptr_release((void **)dp, dict);
    }
    if (dict != NULL)
        ft_incref(dict);
    FT_END_CRITICAL_SECTION_OBJECT();
    return dict;
}

FtObject *
ft_object_get_dict_ref(FtObject *op)
{
    FtObject **dp = ft_object_dict_ptr(op);
    if (dp == NULL)
        return ft_error_format(&ft_exc_attribute_error, "This object has no __dict__");
    return instance_dict_ref(op, dp, true);
}

// Sets AttributeError "'T' object has no attribute 'x'" with its name and obj fields.
static void
set_no_attribute_error(FtObject *op, FtObject *name)
{
    ft_error_format(&ft_exc_attribute_error, "'%.100s' object has no attribute '%U'",
                    op->ob_type->tp_name, name);
    // AttributeError carries the name and the object (3.10+), used for suggestions.
    ft_error_attribute_set_context(op, name);
}

FtObject *
ft_object_generic_get_attr_ref(FtObject *op, FtObject *name)
{
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                               name->ob_type->tp_name);
    FtTypeObject *type = op->ob_type;
    FtObject *descr = ft_type_lookup_ref(type, name), *res = NULL;
    FtDescrGetFunc get = NULL;
    if (descr != NULL) {
        get = descr->ob_type->tp_descr_get;
        if (get != NULL && descr->ob_type->tp_descr_set != NULL) {
            res = get(descr, op, (FtObject *)type);   // data descriptor wins over the instance
            goto done;
        }
    }
    FtObject **dp = ft_object_dict_ptr(op);
    if (dp != NULL) {
        FtObject *dict = instance_dict_ref(op, dp, false);
        if (dict != NULL) {
            int r = ft_dict_get_item_ref(dict, name, &res);
            ft_decref(dict);
            if (r != 0)
                goto done;   // found, or an error (res NULL)
        }
    }
    if (get != NULL)
        res = get(descr, op, (FtObject *)type);
    else if (descr != NULL)
        res = ft_new_ref(descr);
    else
        set_no_attribute_error(op, name);
done:
    ft_xdecref(descr);
    return res;
}

int
ft_object_generic_set_attr(FtObject *op, FtObject *name, FtObject *value)
{
    if (!ft_str_check(name)) {
        ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                        name->ob_type->tp_name);
        return -1;
    }
    FtTypeObject *type = op->ob_type;
    FtObject *descr = ft_type_lookup_ref(type, name);
    int r = -1;
    if (descr != NULL && descr->ob_type->tp_descr_set != NULL) {
        r = descr->ob_type->tp_descr_set(descr, op, value);
        goto done;
    }
    FtObject **dp = ft_object_dict_ptr(op);
    if (dp != NULL) {
        FtObject *dict = instance_dict_ref(op, dp, value != NULL);
        if (dict == NULL && ft_error_occurred())
            goto done;
        if (value != NULL) {
            r = ft_dict_set_item(dict, name, value);
        } else {
            r = dict != NULL ? ft_dict_del_item(dict, name) : -1;
            if (dict == NULL || (r < 0 && ft_error_matches(&ft_exc_key_error))) {
                ft_error_clear();
                set_no_attribute_error(op, name);
            }
        }
        ft_xdecref(dict);
        goto done;
    }
    if (descr == NULL)
        ft_error_format(&ft_exc_attribute_error,
                        "'%.100s' object has no attribute '%U' and no __dict__ for setting new "
                        "attributes", type->tp_name, name);
    else
        ft_error_format(&ft_exc_attribute_error, "'%.100s' object attribute '%U' is read-only",
                        type->tp_name, name);
done:
    ft_xdecref(descr);
    return r;
}

FtObject *
ft_object_get_attr_ref(FtObject *op, FtObject *name)
{
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                               name->ob_type->tp_name);
    FtGetAttroFunc getattro = op->ob_type->tp_getattro;
    if (getattro == NULL)
        return ft_error_format(&ft_exc_attribute_error, "'%.100s' object has no attribute '%U'",
                               op->ob_type->tp_name, name);
    return getattro(op, name);
}

FtObject *
ft_object_get_attr_cstr_ref(FtObject *op, const char *name)
{
    FtObject *s = ft_str_intern_cstr_ref(name);
    if (s == NULL)
        return NULL;
    FtObject *res = ft_object_get_attr_ref(op, s);
    ft_decref(s);
    return res;
}

int
ft_object_lookup_attr(FtObject *op, FtObject *name, FtObject **result)
{
    *result = ft_object_get_attr_ref(op, name);
    if (*result != NULL)
        return 1;
    if (!ft_error_matches(&ft_exc_attribute_error))
        return -1;
    ft_error_clear();
    return 0;
}

int
ft_object_set_attr(FtObject *op, FtObject *name, FtObject *value)
{
    if (!ft_str_check(name)) {
        ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                        name->ob_type->tp_name);
        return -1;
    }
    FtSetAttroFunc setattro = op->ob_type->tp_setattro;
    if (setattro == NULL) {
        if (op->ob_type->tp_getattro == NULL)
            ft_error_format(&ft_exc_type_error, "'%.100s' object has no attributes (%s .%U)",
                            op->ob_type->tp_name, value == NULL ? "del" : "assign to", name);
        else
            ft_error_format(&ft_exc_type_error, "'%.100s' object has only read-only attributes "
                            "(%s .%U)", op->ob_type->tp_name, value == NULL ? "del" : "assign to",
                            name);
        return -1;
    }
    return setattro(op, name, value);
}

FtObject *
ft_object_vectorcall_ref(FtObject *callable, FtObject *const *args, size_t nargsf,
                         FtObject *kwnames)
{
    FtVectorcallFunc call = callable->ob_type->tp_call;
    if (call == NULL)
        return ft_error_format(&ft_exc_type_error, "'%.200s' object is not callable",
                               callable->ob_type->tp_name);
    FtObject *res = call(callable, args, nargsf, kwnames);
    FT_ASSERT((res != NULL) != ft_error_occurred());
    return res;
}

int
ft_object_type_check(FtObject *op, FtTypeObject *type)
{
    return ft_type_is_subtype(op->ob_type, type) ? 1 : 0;
}

/* --- Repr recursion guard --- */

// The innermost container whose repr is in progress on this thread; frames are linked through the
// callers' C stacks. Owner-thread only. TODO(#4): move into FtThreadState with the other per-thread
// interpreter state (CPython keeps this list in the thread state).
static _Thread_local FtReprFrame *repr_top;

int
ft_object_repr_enter(FtReprFrame *frame, FtObject *op)
{
    for (FtReprFrame *f = repr_top; f != NULL; f = f->prev) {
        if (f->obj == op)
            return 1;
    }
    frame->obj = op;
    frame->prev = repr_top;
    repr_top = frame;
    return 0;
}

void
ft_object_repr_leave(FtReprFrame *frame)
{
    FT_ASSERT(repr_top == frame);
    repr_top = frame->prev;
}

/* --- Start-up --- */

int
ft_objects_init(void)
{
    if (ft_str_init_types() < 0 || ft_type_init_types() < 0 || ft_int_init_types() < 0 ||
        ft_tuple_init_types() < 0 || ft_none_init_types() < 0 || ft_descr_init_types() < 0 ||
        ft_exceptions_init() < 0 || ft_abstract_init_types() < 0 ||
        ft_dict_init_types() < 0 ||
        ft_list_init_types() < 0 ||
        ft_bytes_init_types() < 0 ||
        ft_set_init_types() < 0 ||
        ft_super_init_types() < 0 || ft_descr_python_init_types() < 0 ||
        ft_code_init_types() < 0 || ft_function_init_types() < 0 || ft_frame_init_types() < 0 ||
        ft_module_init_types() < 0 || ft_template_init_types() < 0)
        return -1;
    return 0;
}

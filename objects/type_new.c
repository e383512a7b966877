// objects/type_new.c: heap types - type(name, bases, dict, **kwds) and the class statement's type
// object (CPython's Objects/typeobject.c: type_new and its helpers, _PyType_CalculateMetaclass,
// best_base/solid_base, the __slots__ rules, subtype_dealloc/traverse, type_new_set_names,
// type_new_init_subclass).
//
// Layout of an instance of a heap type C (bases B...; the "solid base" S is the nearest base that
// changed the C layout):
//
//   [pre-header: __dict__ pointer, weakref word]   only with FT_TPFLAGS_PREHEADER (add_dict)
//   [S's fields ... S.tp_basicsize)[slot 0][slot 1]...      C.tp_basicsize = S-ish size + 8 * nslots
//
// Invariants: a heap type is complete (READY, MRO computed, slots fixed up, version tag assigned)
// before type_new returns it or runs any Python code with it (__set_name__, __init_subclass__);
// its tp_as_* point into its own FtHeapTypeObject; its tp_base, tp_bases, tp_mro, tp_dict, ht_name,
// ht_qualname and ht_slots are strong references.
//
// Concurrency: a new type is private to the creating thread until type_new returns it, or until
// __set_name__ / __init_subclass__ run (after it is complete). The subclass lists of the bases are
// appended to under each base's critical section. Instances' slot fields are read and written by
// member descriptors (objects/descr.c); the instance dict pointer is created and replaced under the
// instance's critical section (objects/object.c).
#include <stdlib.h>   // malloc free qsort
#include <string.h>   // memchr memcpy strlen

#include "objects/type.h"

#include "objects/abstract.h"      // ft_sequence_tuple_ref ft_object_call_method_ref
#include "objects/dict.h"          // ft_dict_*
#include "objects/error.h"         // ft_error_* ft_exc_*
#include "objects/frame.h"         // FtFrame
#include "objects/function.h"      // ft_function_check ft_cell_check ft_cell_set_steal
#include "objects/list.h"          // ft_list_*
#include "objects/object.h"        // ft_object_* FT_NONE
#include "objects/str.h"           // ft_str_*
#include "objects/str_methods.h"   // ft_str_encode
#include "objects/tuple.h"         // ft_tuple_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"      // ft_object_set_deferred
#include "runtime/thread_state.h"  // ft_thread_state_current
#include "sync/atomic.h"           // ft_atomic_*

// The state type_new carries between its steps.
typedef struct NewCtx {
    FtTypeObject *metatype;
    FtObject *name;       // str (borrowed from the arguments)
    FtObject *bases;      // tuple (strong)
    FtObject *dict;       // the copy of the namespace that becomes tp_dict (strong)
    FtTypeObject *base;   // the best base (borrowed from bases)
    FtObject *slots;      // NULL, or the sorted, mangled slot names without __dict__/__weakref__
    bool add_dict, add_weak;
} NewCtx;

/* --- Metaclass and base --- */

FtTypeObject *
ft_type_calculate_metaclass_borrow(FtTypeObject *metatype, FtObject *bases)
{
    FtTypeObject *winner = metatype;
    for (Ft_ssize i = 0; i < ft_tuple_size(bases); i++) {
        FtTypeObject *t = ft_tuple_get_item_borrow(bases, i)->ob_type;
        if (ft_type_is_subtype(winner, t))
            continue;
        if (ft_type_is_subtype(t, winner)) {
            winner = t;
            continue;
        }
        ft_error_format(&ft_exc_type_error, "metaclass conflict: the metaclass of a derived class "
                        "must be a (non-strict) subclass of the metaclasses of all its bases");
        return NULL;
    }
    return winner;
}

// The nearest type of type's base chain whose instance layout differs from its own base's.
static FtTypeObject *
solid_base(FtTypeObject *type)
{
    FtTypeObject *base = type->tp_base != NULL ? solid_base(type->tp_base) : &ft_base_object_type;
    if (type->tp_basicsize != base->tp_basicsize || type->tp_itemsize != base->tp_itemsize)
        return type;
    return base;
}

// The base whose layout every other base's layout extends (CPython's best_base).
static FtTypeObject *
best_base(FtObject *bases)
{
    FtTypeObject *base = NULL, *winner = NULL;
    for (Ft_ssize i = 0; i < ft_tuple_size(bases); i++) {
        FtObject *b = ft_tuple_get_item_borrow(bases, i);
        if (!ft_type_check(b)) {
            ft_error_format(&ft_exc_type_error, "bases must be types");
            return NULL;
        }
        FtTypeObject *bt = (FtTypeObject *)b;
        if (!(bt->tp_flags & FT_TPFLAGS_BASETYPE)) {
            ft_error_format(&ft_exc_type_error, "type '%.100s' is not an acceptable base type",
                            bt->tp_name);
            return NULL;
        }
        FtTypeObject *candidate = solid_base(bt);
        if (winner == NULL) {
            winner = candidate;
            base = bt;
        } else if (ft_type_is_subtype(winner, candidate)) {
            continue;
        } else if (ft_type_is_subtype(candidate, winner)) {
            winner = candidate;
            base = bt;
        } else {
            ft_error_format(&ft_exc_type_error, "multiple bases have instance lay-out conflict");
            return NULL;
        }
    }
    return base;
}

/* --- __slots__ --- */

// True for bases whose CPython layout is variable-sized (int, tuple, bytes: ob_size items after the
// header), even where ftpy's layout differs: the __slots__ and __weakref__ rules follow CPython.
static bool
is_var_sized(FtTypeObject *base)
{
    return base->tp_itemsize != 0 ||
           ft_type_has_flag(base, FT_TPFLAGS_LONG_SUBCLASS | FT_TPFLAGS_TUPLE_SUBCLASS |
                                      FT_TPFLAGS_BYTES_SUBCLASS);
}

static bool
is_identifier(FtObject *s)
{
    Ft_ssize n;
    const char *p = ft_str_as_utf8(s, &n);
    if (p == NULL || n == 0)
        return false;
    for (Ft_ssize i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        bool letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_' || c >= 0x80;
        // TODO(#4): XID_Start / XID_Continue for non-ASCII names (unicode_db).
        if (!letter && !(i > 0 && c >= '0' && c <= '9'))
            return false;
    }
    return true;
}

// CPython's _Py_Mangle for a slot name in class class_name: "__x" -> "_C__x".
static FtObject *
mangle_ref(FtObject *class_name, FtObject *name)
{
    Ft_ssize n, cn;
    const char *p = ft_str_as_utf8(name, &n);
    const char *c = ft_str_as_utf8(class_name, &cn);
    if (p == NULL || c == NULL)
        return NULL;
    if (n < 2 || p[0] != '_' || p[1] != '_' || (n >= 4 && p[n - 1] == '_' && p[n - 2] == '_') ||
        memchr(p, '.', (size_t)n) != NULL)
        return ft_new_ref(name);
    while (cn > 0 && *c == '_') {
        c++;
        cn--;
    }
    if (cn == 0)
        return ft_new_ref(name);
    char *buf = malloc((size_t)(1 + cn + n));
    if (buf == NULL)
        return ft_error_no_memory();
    buf[0] = '_';
    memcpy(buf + 1, c, (size_t)cn);
    memcpy(buf + 1 + cn, p, (size_t)n);
    FtObject *res = ft_str_from_utf8_ref(buf, 1 + cn + n);
    free(buf);
    return res;
}

static int
compare_str_items(const void *a, const void *b)
{
    return ft_str_compare(*(FtObject *const *)a, *(FtObject *const *)b);
}

// Reads __slots__ (if any) and decides add_dict / add_weak and the slot names.
static int
new_slots(NewCtx *ctx)
{
    FtTypeObject *base = ctx->base;
    bool may_add_dict = base->tp_dictoffset == 0 && !ft_type_has_flag(base, FT_TPFLAGS_TYPE_SUBCLASS);
    bool may_add_weak = base->tp_weaklistoffset == 0 && !is_var_sized(base) &&
                        !ft_type_has_flag(base, FT_TPFLAGS_MANAGED_WEAKREF);
    FtObject *raw;
    int r = ft_dict_get_item_str_ref(ctx->dict, "__slots__", &raw);
    if (r < 0)
        return -1;
    if (r == 0) {
        ctx->add_dict = may_add_dict;
        ctx->add_weak = may_add_weak;
        return 0;
    }
    FtObject *slots = ft_str_check(raw) ? ft_tuple_pack_ref(1, raw) : ft_sequence_tuple_ref(raw);
    ft_decref(raw);
    if (slots == NULL)
        return -1;
    Ft_ssize n = ft_tuple_size(slots), kept = 0;
    FtObject **names = NULL;
    int res = -1;
    if (n > 0 && is_var_sized(base)) {
        ft_error_format(&ft_exc_type_error, "nonempty __slots__ not supported for subtype of '%s'",
                        base->tp_name);
        goto done;
    }
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *s = ft_tuple_get_item_borrow(slots, i);
        if (!ft_str_check(s)) {
            ft_error_format(&ft_exc_type_error, "__slots__ items must be strings, not '%.200s'",
                            s->ob_type->tp_name);
            goto done;
        }
        if (!is_identifier(s)) {
            ft_error_format(&ft_exc_type_error, "__slots__ must be identifiers");
            goto done;
        }
        if (ft_str_equal_cstr(s, "__dict__")) {
            if (!may_add_dict || ctx->add_dict) {
                ft_error_format(&ft_exc_type_error, "__dict__ slot disallowed: we already got one");
                goto done;
            }
            ctx->add_dict = true;
        } else if (ft_str_equal_cstr(s, "__weakref__")) {
            if (!may_add_weak || ctx->add_weak) {
                ft_error_format(&ft_exc_type_error,
                                "__weakref__ slot disallowed: we already got one");
                goto done;
            }
            ctx->add_weak = true;
        }
    }
    names = calloc((size_t)(n > 0 ? n : 1), sizeof *names);
    if (names == NULL) {
        ft_error_no_memory();
        goto done;
    }
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *s = ft_tuple_get_item_borrow(slots, i);
        if (ft_str_equal_cstr(s, "__dict__") || ft_str_equal_cstr(s, "__weakref__"))
            continue;
        FtObject *m = mangle_ref(ctx->name, s);
        if (m == NULL)
            goto done;
        names[kept++] = m;
        FtObject *clash;
        int found = ft_dict_get_item_ref(ctx->dict, m, &clash);
        if (found < 0)
            goto done;
        if (found > 0) {
            ft_decref(clash);
            // The class body's bookkeeping names may share a slot's name.
            if (!ft_str_equal_cstr(m, "__qualname__") && !ft_str_equal_cstr(m, "__classcell__") &&
                !ft_str_equal_cstr(m, "__classdictcell__")) {
                ft_error_format(&ft_exc_value_error, "%R in __slots__ conflicts with class "
                                "variable", m);
                goto done;
            }
        }
    }
    qsort(names, (size_t)kept, sizeof *names, compare_str_items);
    ctx->slots = ft_tuple_from_array_ref(names, kept);
    res = ctx->slots != NULL ? 0 : -1;
done:
    if (names != NULL) {
        for (Ft_ssize i = 0; i < kept; i++)
            ft_decref(names[i]);
        free(names);
    }
    ft_decref(slots);
    return res;
}

/* --- Instances --- */

// The slot fields (objects) that the heap types of type's base chain added, visited in order.
static int
visit_slots(FtObject *self, FtTypeObject *type, FtVisitProc visit, void *arg)
{
    for (; type != NULL && ft_type_is_heap(type); type = type->tp_base) {
        const FtMemberDef *m = ((FtHeapTypeObject *)type)->ht_members;
        for (; m != NULL && m->name != NULL; m++) {
            FtObject *v = *(FtObject **)((char *)self + m->offset);
            if (v != NULL) {
                int r = visit(v, arg);
                if (r != 0)
                    return r;
            }
        }
    }
    return 0;
}

static FtTypeObject *
static_base(FtTypeObject *type)
{
    while (type != NULL && ft_type_is_heap(type))
        type = type->tp_base;
    return type;
}

static void
clear_slots_unlocked(FtObject *self)
{
    for (FtTypeObject *type = self->ob_type; type != NULL && ft_type_is_heap(type);
         type = type->tp_base) {
        const FtMemberDef *m = ((FtHeapTypeObject *)type)->ht_members;
        for (; m != NULL && m->name != NULL; m++) {
            FtObject **p = (FtObject **)((char *)self + m->offset);
            FtObject *v = *p;
            *p = NULL;
            ft_xdecref(v);
        }
    }
    FtObject **dp = ft_object_dict_ptr(self);
    if (dp != NULL) {
        FtObject *d = *dp;
        *dp = NULL;
        ft_xdecref(d);
    }
}

// tp_dealloc of heap types' instances: drops what the heap types added, then the static base frees
// the rest (and the memory, which releases the instance's reference to its type).
static void
subtype_dealloc(FtObject *self)
{
    clear_slots_unlocked(self);
    // TODO(#4): __del__ (tp_finalize) and weak references.
    FtTypeObject *base = static_base(self->ob_type);
    base->tp_dealloc(self);
}

static int
subtype_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    int r = visit_slots(self, self->ob_type, visit, arg);
    if (r != 0)
        return r;
    FtObject **dp = ft_object_dict_ptr(self);
    if (dp != NULL && *dp != NULL && (r = visit(*dp, arg)) != 0)
        return r;
    if ((r = visit((FtObject *)self->ob_type, arg)) != 0)
        return r;
    FtTypeObject *base = static_base(self->ob_type);
    return base->tp_traverse != NULL ? base->tp_traverse(self, visit, arg) : 0;
}

static int
subtype_clear(FtObject *self)
{
    clear_slots_unlocked(self);
    FtTypeObject *base = static_base(self->ob_type);
    return base->tp_clear != NULL ? base->tp_clear(self) : 0;
}

static FtObject *
subtype_get_dict(FtObject *self, void *closure)
{
    return ft_object_get_dict_ref(self);
}

static int
subtype_set_dict(FtObject *self, FtObject *value, void *closure)
{
    FtObject **dp = ft_object_dict_ptr(self);
    if (dp == NULL) {
        ft_error_format(&ft_exc_attribute_error, "This object has no __dict__");
        return -1;
    }
    if (value != NULL && !ft_dict_check(value)) {
        ft_error_format(&ft_exc_type_error, "__dict__ must be set to a dictionary, not a '%.200s'",
                        value->ob_type->tp_name);
        return -1;
    }
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(self);
    old = *dp;
    // release: pairs with the acquire load of lock-free readers of the dict pointer.
    ft_atomic_store_ptr_release((void **)dp, value != NULL ? ft_new_ref(value) : NULL);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
    return 0;
}

static FtObject *
subtype_get_weakref(FtObject *self, void *closure)
{
    return ft_none_ref();   // TODO(#4): weak references
}

static const FtGetSetDef subtype_dict_getset = {
    .name = "__dict__", .get = subtype_get_dict, .set = subtype_set_dict,
    .doc = "dictionary for instance variables",
};

static const FtGetSetDef subtype_weakref_getset = {
    .name = "__weakref__", .get = subtype_get_weakref,
    .doc = "list of weak references to the object",
};

/* --- Building the type --- */

// dict[key] = wrap(dict[key]) when the value is a plain Python function.
static int
wrap_function(FtObject *dict, const char *key, FtObject *(*wrap)(FtObject *))
{
    FtObject *v;
    int r = ft_dict_get_item_str_ref(dict, key, &v);
    if (r <= 0)
        return r;
    if (ft_function_check(v)) {
        FtObject *w = wrap(v);
        r = w != NULL ? ft_dict_set_item_str(dict, key, w) : -1;
        ft_xdecref(w);
    }
    ft_decref(v);
    return r < 0 ? -1 : 0;
}

// __module__ from the calling frame's globals['__name__'] when the namespace has none.
static int
set_module(FtObject *dict)
{
    FtObject *v;
    int r = ft_dict_get_item_str_ref(dict, "__module__", &v);
    if (r != 0) {
        ft_xdecref(v);
        return r < 0 ? -1 : 0;
    }
    FtThreadState *ts = ft_thread_state_current();
    FtFrame *frame = ts->current_frame;
    if (frame == NULL || frame->f_globals == NULL)
        return 0;
    r = ft_dict_get_item_str_ref(frame->f_globals, "__name__", &v);
    if (r <= 0)
        return r;
    r = ft_dict_set_item_str(dict, "__module__", v);
    ft_decref(v);
    return r;
}

// Allocates the type object and fills the fields that come from the context.
static FtHeapTypeObject *
alloc_type(NewCtx *ctx)
{
    // tp_name is strict UTF-8: a lone surrogate in the name is CPython's UnicodeEncodeError.
    Ft_ssize namelen;
    char *strict = ft_str_encode(ctx->name, "utf-8", NULL, &namelen);
    if (strict == NULL)
        return NULL;
    free(strict);
    const char *name = ft_str_as_utf8(ctx->name, &namelen);
    if (name == NULL)
        return NULL;
    if ((size_t)namelen != strlen(name)) {
        ft_error_format(&ft_exc_value_error, "type name must not contain null characters");
        return NULL;
    }
    // The __slots__ member table lives in the type object's own memory, after the metatype's
    // fields, so that it goes away with the type.
    Ft_ssize nslots = ctx->slots != NULL ? ft_tuple_size(ctx->slots) : 0;
    size_t size = (size_t)ctx->metatype->tp_basicsize + (size_t)(nslots + 1) * sizeof(FtMemberDef);
    FtHeapTypeObject *ht = (FtHeapTypeObject *)ft_object_new_sized(ctx->metatype, size);
    if (ht == NULL)
        return NULL;
    FtTypeObject *type = &ht->ht_type;
    ht->ht_members = (FtMemberDef *)((char *)ht + ctx->metatype->tp_basicsize);
    // tp_name is the UTF-8 form of ht_name, which the type keeps (TODO(#4): __name__ assignment).
    type->tp_name = name;
    ht->ht_name = ft_new_ref(ctx->name);
    type->tp_flags = FT_TPFLAGS_HEAPTYPE | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_HAVE_GC;
    type->tp_as_number = &ht->as_number;
    type->tp_as_sequence = &ht->as_sequence;
    type->tp_as_mapping = &ht->as_mapping;
    type->tp_as_async = &ht->as_async;
    type->tp_base = (FtTypeObject *)ft_new_ref((FtObject *)ctx->base);
    type->tp_bases = ft_new_ref(ctx->bases);
    type->tp_dict = ft_new_ref(ctx->dict);
    type->tp_dealloc = subtype_dealloc;
    type->tp_traverse = subtype_traverse;
    type->tp_clear = subtype_clear;
    Ft_ssize offset = ctx->base->tp_basicsize;
    for (Ft_ssize i = 0; i < nslots; i++) {
        FtObject *s = ft_tuple_get_item_borrow(ctx->slots, i);
        ht->ht_members[i].name = ft_str_as_utf8(s, NULL);   // ht_slots keeps the str alive
        ht->ht_members[i].type = FT_MEMBER_OBJECT_EX;
        ht->ht_members[i].offset = offset;
        offset += (Ft_ssize)sizeof(FtObject *);
    }
    ht->ht_slots = ctx->slots != NULL ? ft_new_ref(ctx->slots) : NULL;
    type->tp_basicsize = offset;
    type->tp_itemsize = ctx->base->tp_itemsize;
    if (ctx->add_dict) {
        type->tp_flags |= FT_TPFLAGS_PREHEADER;
        type->tp_dictoffset = FT_TYPE_DICTOFFSET_MANAGED;
    }
    if (ctx->add_weak)
        type->tp_flags |= FT_TPFLAGS_PREHEADER | FT_TPFLAGS_MANAGED_WEAKREF;
    return ht;
}

// The namespace entries type_new interprets: __qualname__, __doc__, __new__ & co, __slots__
// members, __dict__ / __weakref__ descriptors.
static int
set_attrs(FtHeapTypeObject *ht, NewCtx *ctx)
{
    FtTypeObject *type = &ht->ht_type;
    FtObject *dict = ctx->dict, *v;
    if (set_module(dict) < 0)
        return -1;
    int r = ft_dict_get_item_str_ref(dict, "__qualname__", &v);
    if (r < 0)
        return -1;
    if (r > 0) {
        if (!ft_str_check(v)) {
            ft_error_format(&ft_exc_type_error, "type __qualname__ must be a str, not %s",
                            v->ob_type->tp_name);
            ft_decref(v);
            return -1;
        }
        ht->ht_qualname = v;
        FtObject *key = ft_str_intern_cstr_ref("__qualname__");
        r = key != NULL ? ft_dict_del_item(dict, key) : -1;
        ft_xdecref(key);
        if (r < 0)
            return -1;
    } else {
        ht->ht_qualname = ft_new_ref(ctx->name);
    }
    if (wrap_function(dict, "__new__", ft_staticmethod_new_ref) < 0 ||
        wrap_function(dict, "__init_subclass__", ft_classmethod_new_ref) < 0 ||
        wrap_function(dict, "__class_getitem__", ft_classmethod_new_ref) < 0)
        return -1;
    for (const FtMemberDef *m = ht->ht_members; m->name != NULL; m++) {
        FtObject *d = ft_descr_new_member_ref(type, m);
        r = d != NULL ? ft_dict_set_item_str(dict, m->name, d) : -1;
        ft_xdecref(d);
        if (r < 0)
            return -1;
    }
    const FtGetSetDef *extra[2] = {ctx->add_dict ? &subtype_dict_getset : NULL,
                                   ctx->add_weak ? &subtype_weakref_getset : NULL};
    for (int i = 0; i < 2; i++) {
        if (extra[i] == NULL)
            continue;
        FtObject *d = ft_descr_new_getset_ref(type, extra[i]);
        r = d != NULL ? ft_dict_set_item_str(dict, extra[i]->name, d) : -1;
        ft_xdecref(d);
        if (r < 0)
            return -1;
    }
    // __doc__ comes last, after the descriptors, as CPython's type_ready adds it.
    r = ft_dict_get_item_str_ref(dict, "__doc__", &v);
    if (r < 0)
        return -1;
    if (r > 0)
        ft_decref(v);
    else if (ft_dict_set_item_str(dict, "__doc__", FT_NONE) < 0)
        return -1;
    // A class that defines __eq__ but not __hash__ is unhashable (set after __doc__, as CPython).
    FtObject *eq;
    if ((r = ft_dict_get_item_str_ref(dict, "__eq__", &eq)) < 0)
        return -1;
    if (r > 0) {
        ft_decref(eq);
        if ((r = ft_dict_get_item_str_ref(dict, "__hash__", &v)) < 0)
            return -1;
        if (r > 0)
            ft_decref(v);
        else if (ft_dict_set_item_str(dict, "__hash__", FT_NONE) < 0)
            return -1;
    }
    return 0;
}

// The class body's __classcell__ (zero-argument super() and __class__) gets the new class, and
// its __classdictcell__ (annotation scopes reading the class namespace) the class dict; both keys
// leave the dict. name is the key, value what its cell receives.
static int
set_class_cell(FtObject *dict, const char *name, FtObject *value)
{
    FtObject *cell;
    int r = ft_dict_get_item_str_ref(dict, name, &cell);
    if (r <= 0)
        return r;
    if (!ft_cell_check(cell)) {
        FtObject *t = (FtObject *)cell->ob_type;
        ft_error_format(&ft_exc_type_error, "%s must be a nonlocal cell, not %R", name, t);
        ft_decref(cell);
        return -1;
    }
    ft_cell_set_steal(cell, ft_new_ref(value));
    ft_decref(cell);
    FtObject *key = ft_str_intern_cstr_ref(name);
    r = key != NULL ? ft_dict_del_item(dict, key) : -1;
    ft_xdecref(key);
    return r;
}

// Adds "Error calling __set_name__ on 'T' instance 'k' in 'C'" to the pending exception's notes.
static void
add_set_name_note(FtObject *value, FtObject *key, FtTypeObject *type)
{
    FtObject *exc = ft_error_fetch_ref();
    FtObject *qual = ft_object_get_attr_cstr_ref((FtObject *)type, "__qualname__");
    FtObject *note = qual != NULL ? ft_str_from_format_ref("Error calling __set_name__ on '%s' "
                                                           "instance %R in '%U'",
                                                           value->ob_type->tp_name, key, qual)
                                  : NULL;
    FtObject *r = note != NULL ? ft_object_call_method_cstr_ref(exc, "add_note", &note, 1) : NULL;
    // A failure to add the note leaves the original exception as the one reported.
    if (r == NULL)
        ft_error_clear();
    ft_xdecref(r);
    ft_xdecref(note);
    ft_xdecref(qual);
    ft_error_restore_steal(exc);
}

// Calls value.__set_name__(type, key) for every namespace entry that has one.
static int
set_names(FtTypeObject *type)
{
    FtObject *items = ft_object_call_method_cstr_ref(type->tp_dict, "items", NULL, 0);
    if (items == NULL)
        return -1;
    FtObject *list = ft_sequence_tuple_ref(items);
    ft_decref(items);
    if (list == NULL)
        return -1;
    FtObject *set_name = ft_str_intern_cstr_ref("__set_name__");
    int res = set_name != NULL ? 0 : -1;
    for (Ft_ssize i = 0; res == 0 && i < ft_tuple_size(list); i++) {
        FtObject *pair = ft_tuple_get_item_borrow(list, i);
        FtObject *key = ft_tuple_get_item_borrow(pair, 0), *value = ft_tuple_get_item_borrow(pair, 1);
        FtObject *args[2] = {(FtObject *)type, key};
        int found;
        FtObject *r = ft_type_call_special_ref(value, set_name, args, 2, NULL, &found);
        if (r == NULL && found) {
            add_set_name_note(value, key, type);
            res = -1;
        }
        ft_xdecref(r);
    }
    ft_xdecref(set_name);
    ft_decref(list);
    return res;
}

// super(type, type).__init_subclass__(**kwds).
static int
init_subclass(FtTypeObject *type, FtObject *const *kwvalues, FtObject *kwnames)
{
    FtObject *sup = ft_super_new_ref(type, (FtObject *)type);
    if (sup == NULL)
        return -1;
    FtObject *func = ft_object_get_attr_cstr_ref(sup, "__init_subclass__");
    ft_decref(sup);
    if (func == NULL)
        return -1;
    FtObject *r = ft_object_vectorcall_ref(func, kwvalues, 0, kwnames);
    ft_decref(func);
    if (r == NULL)
        return -1;
    ft_decref(r);
    return 0;
}

FtTypeObject *
ft_type_best_base_borrow(FtObject *bases)
{
    return best_base(bases);
}

// Takes a class that failed during creation out of the subclass lists of its first n bases.
static void
leave_bases(FtObject *bases, Ft_ssize n, FtTypeObject *type)
{
    FtObject *exc = ft_error_fetch_ref();
    ft_type_hierarchy_lock();
    for (Ft_ssize i = 0; i < n; i++) {
        if (ft_type_remove_subclass((FtTypeObject *)ft_tuple_get_item_borrow(bases, i), type) < 0)
            ft_error_clear();   // the failure being reported matters more
    }
    ft_type_hierarchy_unlock();
    ft_error_restore_steal(exc);
}

FtObject *
ft_type_new_heap(FtTypeObject *metatype, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs != 3)
        return ft_error_format(&ft_exc_type_error, "type.__new__() takes exactly 3 arguments "
                               "(%zd given)", nargs);
    FtObject *name = args[0], *bases = args[1], *orig_dict = args[2];
    if (!ft_str_check(name))
        return ft_error_bad_argument("type.__new__", "argument 1", "str", name);
    if (!ft_tuple_check(bases))
        return ft_error_bad_argument("type.__new__", "argument 2", "tuple", bases);
    if (!ft_dict_check(orig_dict))
        return ft_error_bad_argument("type.__new__", "argument 3", "dict", orig_dict);
    FtTypeObject *winner = ft_type_calculate_metaclass_borrow(metatype, bases);
    if (winner == NULL)
        return NULL;
    if (winner != metatype && winner->tp_new != ft_type_new_heap)
        return winner->tp_new(winner, args, nargsf, kwnames);
    NewCtx ctx = {.metatype = winner, .name = name};
    FtHeapTypeObject *ht = NULL;
    FtObject *res = NULL;
    ctx.bases = ft_tuple_size(bases) == 0 ? ft_tuple_pack_ref(1, (FtObject *)&ft_base_object_type)
                                          : ft_new_ref(bases);
    if (ctx.bases == NULL)
        return NULL;
    if ((ctx.base = best_base(ctx.bases)) == NULL)
        goto done;
    if ((ctx.dict = ft_dict_copy_ref(orig_dict)) == NULL)
        goto done;
    if (new_slots(&ctx) < 0)
        goto done;
    if ((ht = alloc_type(&ctx)) == NULL)
        goto done;
    FtTypeObject *type = &ht->ht_type;
    if (set_attrs(ht, &ctx) < 0)
        goto done;
    // The MRO is computed from the bases' MROs and the class joins their subclass lists in one
    // stretch under the hierarchy lock, so a concurrent __bases__ assignment above it either
    // finishes first or finds this class and recomputes its MRO too.
    ft_type_hierarchy_lock();
    type->tp_mro = ft_type_mro_c3_ref(type, ctx.bases);
    Ft_ssize joined = 0;
    if (type->tp_mro != NULL) {
        ft_type_inherit_unlocked(type);
        ft_type_fixup_slots_unlocked(type);
        type->tp_flags |= FT_TPFLAGS_READY;
        ft_type_assign_version_tag_unlocked(type);
        // Deferred counting: stack references to the class need no count, and only the collector
        // frees it (its MRO refers to itself anyway). So a class that fails below waits for the
        // collector.
        ft_object_set_deferred((FtObject *)type);
        for (; joined < ft_tuple_size(ctx.bases); joined++) {
            FtTypeObject *base = (FtTypeObject *)ft_tuple_get_item_borrow(ctx.bases, joined);
            if (ft_type_add_subclass(base, type) < 0)
                break;
        }
    }
    ft_type_hierarchy_unlock();
    if (type->tp_mro == NULL || joined < ft_tuple_size(ctx.bases) ||
        set_class_cell(ctx.dict, "__classcell__", (FtObject *)type) < 0 ||
        set_class_cell(ctx.dict, "__classdictcell__", type->tp_dict) < 0) {
        leave_bases(ctx.bases, joined, type);
        goto done;
    }
    // Complete: from here on Python code may see the class.
    if (set_names(type) < 0)
        goto done;
    if (init_subclass(type, args + nargs, kwnames) < 0)
        goto done;
    res = (FtObject *)ht;
    ht = NULL;
done:
    ft_xdecref((FtObject *)ht);
    ft_xdecref(ctx.slots);
    ft_xdecref(ctx.dict);
    ft_decref(ctx.bases);
    return res;
}

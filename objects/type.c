// objects/type.c: type objects - readying static types (slot inheritance, C3 MRO, the type dict),
// subtype tests, MRO lookup, and the `type` and `object` types themselves. Semantics: CPython's
// Objects/typeobject.c (type_ready, inherit_special, inherit_slots, mro_internal/pmerge,
// _PyType_Lookup, type_getattro, type_call, object_new/object_init).
//
// The type dict (tp_dict) is, until objects/dict.c exists, a small private mapping ("mappingproxy",
// TypeDict below): an open-addressed table of (str key, value) pairs kept in a tuple, filled once
// while the type is readied and immutable afterwards. Lookups compare the cached str hash, then the
// key.
//
// Invariants: after ft_type_ready, tp_mro is a tuple starting with the type and ending with object,
// tp_bases a tuple, tp_dict a TypeDict, FT_TPFLAGS_READY set, and every NULL slot that a base
// defines has been copied from the nearest base in MRO order (hash and richcompare only together).
//
// Concurrency: static types are readied at start-up, before a second thread exists; afterwards
// everything here is read-only except tp_version_tag (atomic), so lookups are lock-free. The version
// counter is an atomic. Missing (TODO(#4)): heap types (class statements: type.__new__ with three
// arguments) and their slots that call Python methods (slot_tp_repr ...), type attribute
// assignment and version-tag invalidation of subclasses, the per-type method cache, the subclass
// list, __init_subclass__, __dict__ as a real mappingproxy.
#include <stdlib.h>   // calloc free
#include <string.h>   // strrchr strlen

#include "objects/type.h"

#include "objects/error.h"       // ft_error_* ft_exc_*
#include "objects/int.h"         // ft_bool_from FT_TRUE
#include "objects/method_def.h"  // FtMethodDef FtGetSetDef ft_descr_new_*
#include "objects/object.h"      // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"         // ft_str_*
#include "objects/tuple.h"       // ft_tuple_*
#include "sync/atomic.h"         // ft_atomic_*
#include "sync/fatal.h"          // FT_ASSERT

// The next version tag to hand out (0 means "no tag"). atomic: relaxed increments, the tag only
// needs to be unique. TODO(#4): move into FtInterp with the method cache.
static uint32_t next_version_tag = 1;

/* --- The type dict --- */

// The table is a tuple of 2 * capacity slots (key, value, key, value, ...), so that every byte of a
// type dict lives in object memory; a NULL key marks an empty pair.
typedef struct TypeDictObject {
    FtObject ob_base;
    Ft_ssize used;        // immutable after the owning type is readied
    Ft_ssize capacity;    // a power of two; immutable after the owning type is readied
    FtObject *table;      // a tuple, immutable after the owning type is readied
} TypeDictObject;

static FtTypeObject typedict_type;

static inline FtObject **
typedict_slots(TypeDictObject *d)
{
    return ((FtTupleObject *)d->table)->items;
}

static FtObject *
typedict_new(void)
{
    TypeDictObject *d = (TypeDictObject *)ft_object_new_of_type(&typedict_type, 0);
    if (d == NULL)
        return NULL;
    d->capacity = 16;
    d->table = ft_tuple_new_ref(2 * d->capacity);
    if (d->table == NULL) {
        ft_decref((FtObject *)d);
        return NULL;
    }
    return (FtObject *)d;
}

// The index of key's pair, or of the empty pair where it would go.
static Ft_ssize
typedict_find(TypeDictObject *d, FtObject *key, Ft_hash h)
{
    FtObject **slots = typedict_slots(d);
    size_t mask = (size_t)d->capacity - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        FtObject *k = slots[2 * i];
        if (k == NULL || k == key || (ft_str_hash(k) == h && ft_str_equal(k, key)))
            return (Ft_ssize)i;
    }
}

static FtObject *
typedict_get_borrow(FtObject *op, FtObject *key)
{
    TypeDictObject *d = (TypeDictObject *)op;
    Ft_ssize i = typedict_find(d, key, ft_str_hash(key));
    return typedict_slots(d)[2 * i + 1];   // NULL for an empty pair
}

// Stores key -> value (both borrowed; the dict takes references). Readying only (single thread).
static int
typedict_set_unlocked(FtObject *op, FtObject *key, FtObject *value)
{
    TypeDictObject *d = (TypeDictObject *)op;
    if ((d->used + 1) * 2 > d->capacity) {
        FtObject *old = d->table;
        Ft_ssize old_cap = d->capacity;
        FtObject *table = ft_tuple_new_ref(4 * old_cap);
        if (table == NULL)
            return -1;
        d->table = table;
        d->capacity = 2 * old_cap;
        FtObject **old_slots = ((FtTupleObject *)old)->items;
        for (Ft_ssize i = 0; i < old_cap; i++) {
            if (old_slots[2 * i] != NULL) {
                // The pair moves with its references; the old tuple is left empty.
                Ft_ssize j = typedict_find(d, old_slots[2 * i], ft_str_hash(old_slots[2 * i]));
                typedict_slots(d)[2 * j] = old_slots[2 * i];
                typedict_slots(d)[2 * j + 1] = old_slots[2 * i + 1];
                old_slots[2 * i] = old_slots[2 * i + 1] = NULL;
            }
        }
        ft_decref(old);
    }
    FtObject **slots = typedict_slots(d);
    Ft_ssize i = typedict_find(d, key, ft_str_hash(key));
    if (slots[2 * i] == NULL) {
        slots[2 * i] = ft_new_ref(key);
        d->used++;
    } else {
        ft_decref(slots[2 * i + 1]);
    }
    slots[2 * i + 1] = ft_new_ref(value);
    return 0;
}

static void
typedict_dealloc(FtObject *op)
{
    ft_xdecref(((TypeDictObject *)op)->table);
    ft_object_free_memory(op);
}

static int
typedict_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtObject *table = ((TypeDictObject *)op)->table;
    return table != NULL ? visit(table, arg) : 0;
}

static Ft_ssize
typedict_length(FtObject *op)
{
    return ((TypeDictObject *)op)->used;
}

static FtObject *
typedict_subscript(FtObject *op, FtObject *key)
{
    FtObject *v = ft_str_check(key) ? typedict_get_borrow(op, key) : NULL;
    if (v == NULL) {
        ft_error_set_object(&ft_exc_key_error, key);
        return NULL;
    }
    return ft_new_ref(v);
}

static FtMappingMethods typedict_as_mapping = {
    .mp_length = typedict_length,
    .mp_subscript = typedict_subscript,
};

static FtTypeObject typedict_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(TypeDictObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = typedict_dealloc,
    .tp_traverse = typedict_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_as_mapping = &typedict_as_mapping,
};

/* --- Subtypes, lookup, MRO --- */

bool
ft_type_is_subtype(FtTypeObject *a, FtTypeObject *b)
{
    if (a == b)
        return true;
    FtObject *mro = a->tp_mro;
    if (mro != NULL) {
        for (Ft_ssize i = 0; i < ft_tuple_size(mro); i++) {
            if (ft_tuple_get_item_borrow(mro, i) == (FtObject *)b)
                return true;
        }
        return false;
    }
    // Not readied yet: the base chain is all we have (and object is everyone's base).
    for (; a != NULL; a = a->tp_base) {
        if (a == b)
            return true;
    }
    return b == &ft_base_object_type;
}

FtObject *
ft_type_dict_get_borrow(FtTypeObject *type, FtObject *name)
{
    if (type->tp_dict == NULL)
        return NULL;
    return typedict_get_borrow(type->tp_dict, name);
}

FtObject *
ft_type_lookup_borrow(FtTypeObject *type, FtObject *name)
{
    // TODO(#4): the per-type method cache keyed by version tag (FREE-THREADING.md 9.3).
    FtObject *mro = type->tp_mro;
    if (mro == NULL) {
        for (; type != NULL; type = type->tp_base) {
            FtObject *v = ft_type_dict_get_borrow(type, name);
            if (v != NULL)
                return v;
        }
        return NULL;
    }
    for (Ft_ssize i = 0; i < ft_tuple_size(mro); i++) {
        FtObject *v = ft_type_dict_get_borrow((FtTypeObject *)ft_tuple_get_item_borrow(mro, i), name);
        if (v != NULL)
            return v;
    }
    return NULL;
}

uint32_t
ft_type_version_tag(FtTypeObject *type)
{
    // relaxed: a tag is compared, never used to order memory accesses (the method cache will
    // re-validate with its own protocol).
    return ft_atomic_load_uint32_relaxed(&type->tp_version_tag);
}

FtObject *
ft_type_name_ref(FtTypeObject *type)
{
    const char *dot = strrchr(type->tp_name, '.');
    return ft_str_intern_cstr_ref(dot != NULL ? dot + 1 : type->tp_name);
}

// The C3 merge. seqs[i] holds lens[i] types; heads[i] is the next unconsumed index.
static bool
c3_in_tail(FtTypeObject *t, FtTypeObject ***seqs, const Ft_ssize *lens, const Ft_ssize *heads,
           Ft_ssize nseq)
{
    for (Ft_ssize j = 0; j < nseq; j++) {
        for (Ft_ssize k = heads[j] + 1; k < lens[j]; k++) {
            if (seqs[j][k] == t)
                return true;
        }
    }
    return false;
}

FtObject *
ft_type_mro_c3_ref(FtTypeObject *type, FtObject *bases)
{
    Ft_ssize nbases = ft_tuple_size(bases);
    Ft_ssize nseq = nbases + 1, total = 1;
    for (Ft_ssize i = 0; i < nbases; i++) {
        FtTypeObject *b = (FtTypeObject *)ft_tuple_get_item_borrow(bases, i);
        for (Ft_ssize j = 0; j < i; j++) {
            if (ft_tuple_get_item_borrow(bases, j) == (FtObject *)b)
                return ft_error_format(&ft_exc_type_error, "duplicate base class %s", b->tp_name);
        }
        if (b->tp_mro == NULL)
            return ft_error_format(&ft_exc_type_error, "base %s is not ready", b->tp_name);
        total += ft_tuple_size(b->tp_mro);
    }
    FtTypeObject ***seqs = calloc((size_t)nseq, sizeof *seqs);
    Ft_ssize *lens = calloc((size_t)nseq, sizeof *lens);
    Ft_ssize *heads = calloc((size_t)nseq, sizeof *heads);
    FtTypeObject **out = calloc((size_t)total, sizeof *out);
    FtObject *res = NULL;
    if (seqs == NULL || lens == NULL || heads == NULL || out == NULL) {
        ft_error_no_memory();
        goto done;
    }
    for (Ft_ssize i = 0; i < nbases; i++) {
        FtObject *mro = ((FtTypeObject *)ft_tuple_get_item_borrow(bases, i))->tp_mro;
        seqs[i] = (FtTypeObject **)((FtTupleObject *)mro)->items;
        lens[i] = ft_tuple_size(mro);
    }
    seqs[nbases] = (FtTypeObject **)((FtTupleObject *)bases)->items;
    lens[nbases] = nbases;
    Ft_ssize n = 0;
    out[n++] = type;
    for (;;) {
        FtTypeObject *pick = NULL;
        bool remaining = false;
        for (Ft_ssize i = 0; i < nseq && pick == NULL; i++) {
            if (heads[i] >= lens[i])
                continue;
            remaining = true;
            FtTypeObject *cand = seqs[i][heads[i]];
            if (!c3_in_tail(cand, seqs, lens, heads, nseq))
                pick = cand;
        }
        if (!remaining)
            break;
        if (pick == NULL) {
            // Name the bases still waiting to be merged, in order, once each.
            FtObject *names[64];
            Ft_ssize nn = 0;
            for (Ft_ssize i = 0; i < nseq && nn < 64; i++) {
                if (heads[i] >= lens[i])
                    continue;
                FtTypeObject *t = seqs[i][heads[i]];
                bool seen = false;
                for (Ft_ssize k = 0; k < i; k++)
                    seen |= heads[k] < lens[k] && seqs[k][heads[k]] == t;
                if (!seen && (names[nn] = ft_type_name_ref(t)) != NULL)
                    nn++;
            }
            FtObject *sep = ft_str_intern_cstr_ref(", ");
            FtObject *joined = sep != NULL ? ft_str_join_ref(sep, names, nn) : NULL;
            if (joined != NULL)
                ft_error_format(&ft_exc_type_error, "Cannot create a consistent method resolution "
                                "order (MRO) for bases %U", joined);
            ft_xdecref(joined);
            ft_xdecref(sep);
            for (Ft_ssize k = 0; k < nn; k++)
                ft_decref(names[k]);
            goto done;
        }
        out[n++] = pick;
        for (Ft_ssize i = 0; i < nseq; i++) {
            if (heads[i] < lens[i] && seqs[i][heads[i]] == pick)
                heads[i]++;
        }
    }
    res = ft_tuple_from_array_ref((FtObject *const *)out, n);
done:
    free(seqs);
    free(lens);
    free(heads);
    free(out);
    return res;
}

/* --- Readying --- */

// Copies every NULL function-pointer slot of the table dst from src (both tables of size bytes made
// only of function pointers).
static void
inherit_table(void *dst, const void *src, size_t size)
{
    typedef void (*Slot)(void);
    for (size_t off = 0; off + sizeof(Slot) <= size; off += sizeof(Slot)) {
        Slot d, s;
        memcpy(&d, (char *)dst + off, sizeof d);
        memcpy(&s, (const char *)src + off, sizeof s);
        if (d == NULL && s != NULL)
            memcpy((char *)dst + off, &s, sizeof s);
    }
}

#define INHERIT(slot) \
    do { if (type->slot == NULL) type->slot = base->slot; } while (0)

// The structural inheritance from tp_base (CPython's inherit_special): sizes, GC, subclass bits.
static void
inherit_special(FtTypeObject *type, FtTypeObject *base)
{
    if (type->tp_basicsize == 0)
        type->tp_basicsize = base->tp_basicsize;
    if (type->tp_itemsize == 0)
        type->tp_itemsize = base->tp_itemsize;
    if (!(type->tp_flags & FT_TPFLAGS_HAVE_GC) && (base->tp_flags & FT_TPFLAGS_HAVE_GC) &&
        type->tp_traverse == NULL && type->tp_clear == NULL) {
        type->tp_flags |= FT_TPFLAGS_HAVE_GC;
        type->tp_traverse = base->tp_traverse;
        type->tp_clear = base->tp_clear;
    }
    type->tp_flags |= base->tp_flags & (FT_TPFLAGS_PREHEADER | FT_TPFLAGS_MANAGED_WEAKREF);
    uint64_t subclass_bits = FT_TPFLAGS_LONG_SUBCLASS | FT_TPFLAGS_LIST_SUBCLASS |
                             FT_TPFLAGS_TUPLE_SUBCLASS | FT_TPFLAGS_BYTES_SUBCLASS |
                             FT_TPFLAGS_UNICODE_SUBCLASS | FT_TPFLAGS_DICT_SUBCLASS |
                             FT_TPFLAGS_BASE_EXC_SUBCLASS | FT_TPFLAGS_TYPE_SUBCLASS;
    type->tp_flags |= base->tp_flags & subclass_bits;
    if (type->tp_dictoffset == 0)
        type->tp_dictoffset = base->tp_dictoffset;
    if (type->tp_weaklistoffset == 0)
        type->tp_weaklistoffset = base->tp_weaklistoffset;
}

// The slot inheritance from one base of the MRO (CPython's inherit_slots).
static void
inherit_slots(FtTypeObject *type, FtTypeObject *base)
{
    if (type->tp_as_number == NULL)
        type->tp_as_number = base->tp_as_number;
    else if (base->tp_as_number != NULL && type->tp_as_number != base->tp_as_number)
        inherit_table(type->tp_as_number, base->tp_as_number, sizeof(FtNumberMethods));
    if (type->tp_as_sequence == NULL)
        type->tp_as_sequence = base->tp_as_sequence;
    else if (base->tp_as_sequence != NULL && type->tp_as_sequence != base->tp_as_sequence)
        inherit_table(type->tp_as_sequence, base->tp_as_sequence, sizeof(FtSequenceMethods));
    if (type->tp_as_mapping == NULL)
        type->tp_as_mapping = base->tp_as_mapping;
    else if (base->tp_as_mapping != NULL && type->tp_as_mapping != base->tp_as_mapping)
        inherit_table(type->tp_as_mapping, base->tp_as_mapping, sizeof(FtMappingMethods));
    if (type->tp_as_async == NULL)
        type->tp_as_async = base->tp_as_async;
    else if (base->tp_as_async != NULL && type->tp_as_async != base->tp_as_async)
        inherit_table(type->tp_as_async, base->tp_as_async, sizeof(FtAsyncMethods));

    INHERIT(tp_dealloc);
    if (type->tp_getattro == NULL && type->tp_setattro == NULL) {
        type->tp_getattro = base->tp_getattro;
        type->tp_setattro = base->tp_setattro;
    }
    INHERIT(tp_repr);
    INHERIT(tp_str);
    INHERIT(tp_call);
    // A type that defines either of hash and comparison defines equality itself: inherit neither.
    if (type->tp_richcompare == NULL && type->tp_hash == NULL) {
        type->tp_richcompare = base->tp_richcompare;
        type->tp_hash = base->tp_hash;
    }
    INHERIT(tp_iter);
    INHERIT(tp_iternext);
    INHERIT(tp_descr_get);
    INHERIT(tp_descr_set);
    INHERIT(tp_init);
    INHERIT(tp_finalize);
    if ((type->tp_flags & FT_TPFLAGS_HAVE_GC) == (base->tp_flags & FT_TPFLAGS_HAVE_GC)) {
        INHERIT(tp_traverse);
        INHERIT(tp_clear);
    }
}

#undef INHERIT

// Stores value under name in type's dict unless the name is already there (the first definition
// wins, as in CPython's add_operators and type_add_method). Steals value_steal (may be NULL: error).
static int
add_to_dict(FtTypeObject *type, const char *name, FtObject *value_steal)
{
    if (value_steal == NULL)
        return -1;
    FtObject *key = ft_str_intern_cstr_ref(name);
    int r = -1;
    if (key != NULL)
        r = typedict_get_borrow(type->tp_dict, key) != NULL ? 0
                                                           : typedict_set_unlocked(type->tp_dict, key,
                                                                                   value_steal);
    ft_xdecref(key);
    ft_decref(value_steal);
    return r;
}

// T.__new__(S, *args): checks S and calls T's tp_new for it (CPython's tp_new_wrapper).
static FtObject *
tp_new_wrapper(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (nargs < 1)
        return ft_error_format(&ft_exc_type_error, "%s.__new__(): not enough arguments",
                               type->tp_name);
    if (!ft_type_check(args[0]))
        return ft_error_format(&ft_exc_type_error, "%s.__new__(X): X is not a type object (%s)",
                               type->tp_name, args[0]->ob_type->tp_name);
    FtTypeObject *subtype = (FtTypeObject *)args[0];
    if (!ft_type_is_subtype(subtype, type))
        return ft_error_format(&ft_exc_type_error, "%s.__new__(%s): %s is not a subtype of %s",
                               type->tp_name, subtype->tp_name, subtype->tp_name, type->tp_name);
    // TODO(#4): CPython's "is not safe, use X.__new__()" check once heap types exist.
    return type->tp_new(subtype, args + 1, (size_t)(nargs - 1), kwnames);
}

static const FtMethodDef tp_new_def = {
    .name = "__new__",
    .fn.fast_kw = tp_new_wrapper,
    .flags = FT_METH_FASTCALL | FT_METH_KEYWORDS,
    .doc = "Create and return a new object.",
};

// Fills the dict from the slots and tables the type itself defines (before inheritance, so that
// inherited slots get no wrappers of their own), in CPython's order: __new__, slot wrappers,
// methods, members, getsets, __doc__.
static int
fill_dict(FtTypeObject *type)
{
    if (type->tp_dict == NULL && (type->tp_dict = typedict_new()) == NULL)
        return -1;
    if (type->tp_new != NULL && !(type->tp_flags & FT_TPFLAGS_DISALLOW_INSTANTIATION) &&
        add_to_dict(type, "__new__", ft_cfunction_new_ref(&tp_new_def, (FtObject *)type)) < 0)
        return -1;
    if (ft_descr_add_slot_wrappers(type, add_to_dict) < 0)
        return -1;
    for (const FtMethodDef *m = type->tp_methods; m != NULL && m->name != NULL; m++) {
        if (add_to_dict(type, m->name, ft_descr_new_method_ref(type, m)) < 0)
            return -1;
    }
    for (const FtMemberDef *m = type->tp_members; m != NULL && m->name != NULL; m++) {
        if (add_to_dict(type, m->name, ft_descr_new_member_ref(type, m)) < 0)
            return -1;
    }
    for (const FtGetSetDef *g = type->tp_getset; g != NULL && g->name != NULL; g++) {
        if (add_to_dict(type, g->name, ft_descr_new_getset_ref(type, g)) < 0)
            return -1;
    }
    FtObject *doc = type->tp_doc != NULL ? ft_str_from_cstr_ref(type->tp_doc) : ft_none_ref();
    return add_to_dict(type, "__doc__", doc);
}

static int
type_ready_body(FtTypeObject *type)
{
    FtTypeObject *base = type->tp_base;
    if (base == NULL && type != &ft_base_object_type)
        base = type->tp_base = &ft_base_object_type;
    if (base != NULL && ft_type_ready(base) < 0)
        return -1;
    if (type->ob_base.ob_base.ob_type == NULL)
        type->ob_base.ob_base.ob_type = base != NULL ? base->ob_base.ob_base.ob_type : &ft_type_type;
    if (type->tp_bases == NULL) {
        type->tp_bases = base != NULL ? ft_tuple_pack_ref(1, (FtObject *)base) : ft_tuple_new_ref(0);
        if (type->tp_bases == NULL)
            return -1;
    }
    for (Ft_ssize i = 0; i < ft_tuple_size(type->tp_bases); i++) {
        FtTypeObject *b = (FtTypeObject *)ft_tuple_get_item_borrow(type->tp_bases, i);
        if (ft_type_ready(b) < 0)
            return -1;
        if (!(b->tp_flags & FT_TPFLAGS_BASETYPE)) {
            ft_error_format(&ft_exc_type_error, "type '%.100s' is not an acceptable base type",
                            b->tp_name);
            return -1;
        }
    }
    if (base == NULL) {
        type->tp_mro = ft_tuple_pack_ref(1, (FtObject *)type);
    } else {
        type->tp_mro = ft_type_mro_c3_ref(type, type->tp_bases);
    }
    if (type->tp_mro == NULL)
        return -1;
    if (fill_dict(type) < 0)
        return -1;
    if (base != NULL) {
        inherit_special(type, base);
        // tp_new is inherited from tp_base only, and never by a type that forbids instantiation.
        if (type->tp_flags & FT_TPFLAGS_DISALLOW_INSTANTIATION)
            type->tp_new = NULL;
        else if (type->tp_new == NULL)
            type->tp_new = base->tp_new;
        for (Ft_ssize i = 1; i < ft_tuple_size(type->tp_mro); i++)
            inherit_slots(type, (FtTypeObject *)ft_tuple_get_item_borrow(type->tp_mro, i));
    }
    if (type->tp_dealloc == NULL)
        type->tp_dealloc = ft_object_dealloc_plain;
    // A type left without a hash (it defines comparison but not hash) says so with __hash__ = None.
    if (type->tp_hash == NULL && add_to_dict(type, "__hash__", ft_none_ref()) < 0)
        return -1;
    // relaxed: the tag only needs to be unique.
    uint32_t tag = ft_atomic_add_uint32_relaxed(&next_version_tag, 1);
    // relaxed: start-up, single thread; later readers see it through the thread start's ordering.
    ft_atomic_store_uint32_relaxed(&type->tp_version_tag, tag);
    type->tp_flags |= FT_TPFLAGS_VALID_VERSION_TAG;
    return 0;
}

int
ft_type_ready(FtTypeObject *type)
{
    if (type->tp_flags & FT_TPFLAGS_READY)
        return 0;
    if (type->tp_flags & FT_TPFLAGS_READYING) {
        ft_error_format(&ft_exc_system_error, "type %s is being readied recursively", type->tp_name);
        return -1;
    }
    type->tp_flags |= FT_TPFLAGS_READYING;
    int r = type_ready_body(type);
    type->tp_flags &= ~(uint64_t)FT_TPFLAGS_READYING;
    if (r == 0)
        type->tp_flags |= FT_TPFLAGS_READY;
    return r;
}

/* --- object: slots --- */

static FtObject *object_richcompare(FtObject *self, FtObject *other, int op);

static int
object_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtTypeObject *type = self->ob_type;
    if (ft_vectorcall_nargs(nargsf) == 0 && kwnames == NULL)
        return 0;
    if (type->tp_init != object_init) {
        ft_error_format(&ft_exc_type_error, "object.__init__() takes exactly one argument (the "
                        "instance to initialize)");
        return -1;
    }
    if (type->tp_new == ft_object_new_default) {
        ft_error_format(&ft_exc_type_error, "%.200s.__init__() takes exactly one argument (the "
                        "instance to initialize)", type->tp_name);
        return -1;
    }
    return 0;
}

FtObject *
ft_object_new_default(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    if (ft_vectorcall_nargs(nargsf) != 0 || kwnames != NULL) {
        if (type->tp_new != ft_object_new_default)
            return ft_error_format(&ft_exc_type_error, "object.__new__() takes exactly one argument "
                                   "(the type to instantiate)");
        if (type->tp_init == object_init)
            return ft_error_format(&ft_exc_type_error, "%.200s() takes no arguments", type->tp_name);
    }
    return ft_object_new_of_type(type, 0);
}

static FtObject *
object_repr(FtObject *self)
{
    return ft_str_from_format_ref("<%s object at %p>", self->ob_type->tp_name, (void *)self);
}

static FtObject *
object_str(FtObject *self)
{
    FtUnaryFunc repr = self->ob_type->tp_repr;
    return repr != NULL ? repr(self) : object_repr(self);
}

static Ft_hash
object_hash(FtObject *self)
{
    return ft_object_hash_pointer(self);
}

static FtObject *
object_richcompare(FtObject *self, FtObject *other, int op)
{
    if (op == FT_EQ)
        return self == other ? FT_TRUE : FT_NOT_IMPLEMENTED;
    if (op == FT_NE) {
        // By default != inverts == unless == is not implemented.
        FtRichCmpFunc eq = self->ob_type->tp_richcompare;
        if (eq == NULL)
            return FT_NOT_IMPLEMENTED;
        FtObject *res = eq(self, other, FT_EQ);
        if (res == NULL || res == FT_NOT_IMPLEMENTED)
            return res;
        int truth = ft_object_is_true(res);
        ft_decref(res);
        return truth < 0 ? NULL : ft_bool_from(!truth);
    }
    return FT_NOT_IMPLEMENTED;
}

static FtObject *
object_get_class(FtObject *self, void *closure)
{
    return ft_new_ref((FtObject *)self->ob_type);
}

static const FtGetSetDef object_getset[] = {
    {.name = "__class__", .get = object_get_class, .doc = "the object's class"},
    {0},
};

FtTypeObject ft_base_object_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "object",
    .tp_basicsize = sizeof(FtObject),
    .tp_flags = FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = ft_object_dealloc_plain,
    .tp_repr = object_repr,
    .tp_str = object_str,
    .tp_hash = object_hash,
    .tp_richcompare = object_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_init = object_init,
    .tp_new = ft_object_new_default,
    .tp_getset = object_getset,
    .tp_doc = "The base class of the class hierarchy.",
};

/* --- type: slots --- */

static FtObject *
type_repr(FtObject *self)
{
    return ft_str_from_format_ref("<class '%s'>", ((FtTypeObject *)self)->tp_name);
}

FtObject *
ft_type_call_ref(FtObject *callable, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtTypeObject *type = (FtTypeObject *)callable;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (type == &ft_type_type && nargs == 1 && kwnames == NULL)
        return ft_new_ref((FtObject *)args[0]->ob_type);   // type(x)
    if (type->tp_new == NULL)
        return ft_error_format(&ft_exc_type_error, "cannot create '%s' instances", type->tp_name);
    FtObject *obj = type->tp_new(type, args, nargsf, kwnames);
    if (obj == NULL)
        return NULL;
    // __init__ runs only when __new__ returned an instance of the type.
    if (!ft_type_is_subtype(obj->ob_type, type))
        return obj;
    FtInitFunc init = obj->ob_type->tp_init;
    if (init != NULL && init(obj, args, nargsf, kwnames) < 0) {
        ft_decref(obj);
        return NULL;
    }
    return obj;
}

static FtObject *
type_new(FtTypeObject *metatype, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    // TODO(#4): type(name, bases, dict) creates a heap type.
    return ft_error_format(&ft_exc_type_error, "type() takes 1 or 3 arguments");
}

static FtObject *
type_getattro(FtObject *self, FtObject *name)
{
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                               name->ob_type->tp_name);
    FtTypeObject *type = (FtTypeObject *)self, *meta = self->ob_type;
    FtObject *meta_attr = ft_type_lookup_borrow(meta, name);
    FtDescrGetFunc meta_get = NULL;
    if (meta_attr != NULL) {
        meta_get = meta_attr->ob_type->tp_descr_get;
        if (meta_get != NULL && meta_attr->ob_type->tp_descr_set != NULL)
            return meta_get(meta_attr, self, (FtObject *)meta);
    }
    FtObject *attr = ft_type_lookup_borrow(type, name);
    if (attr != NULL) {
        FtDescrGetFunc local_get = attr->ob_type->tp_descr_get;
        if (local_get != NULL)
            return local_get(attr, NULL, self);
        return ft_new_ref(attr);
    }
    if (meta_get != NULL)
        return meta_get(meta_attr, self, (FtObject *)meta);
    if (meta_attr != NULL)
        return ft_new_ref(meta_attr);
    return ft_error_format(&ft_exc_attribute_error, "type object '%.100s' has no attribute '%U'",
                           type->tp_name, name);
}

static int
type_setattro(FtObject *self, FtObject *name, FtObject *value)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (!ft_str_check(name)) {
        ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                        name->ob_type->tp_name);
        return -1;
    }
    if (type->tp_flags & FT_TPFLAGS_IMMUTABLETYPE) {
        ft_error_format(&ft_exc_type_error, "cannot set %R attribute of immutable type '%s'", name,
                        type->tp_name);
        return -1;
    }
    // TODO(#4): heap types: store into the dict under the type lock, invalidate version tags.
    ft_error_format(&ft_exc_type_error, "cannot set %R attribute of type '%s'", name, type->tp_name);
    return -1;
}

static int
type_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtTypeObject *type = (FtTypeObject *)self;
    FtObject *refs[] = {type->tp_dict, type->tp_mro, type->tp_bases, (FtObject *)type->tp_base};
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        if (refs[i] != NULL) {
            int r = visit(refs[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

static FtObject *
type_get_name(FtObject *self, void *closure)
{
    return ft_type_name_ref((FtTypeObject *)self);
}

static FtObject *
type_get_module(FtObject *self, void *closure)
{
    const char *name = ((FtTypeObject *)self)->tp_name;
    const char *dot = strrchr(name, '.');
    if (dot == NULL)
        return ft_str_intern_cstr_ref("builtins");
    return ft_str_from_utf8_ref(name, dot - name);
}

static FtObject *
type_get_mro(FtObject *self, void *closure)
{
    FtObject *mro = ((FtTypeObject *)self)->tp_mro;
    return mro != NULL ? ft_new_ref(mro) : ft_none_ref();
}

static FtObject *
type_get_bases(FtObject *self, void *closure)
{
    FtObject *bases = ((FtTypeObject *)self)->tp_bases;
    return bases != NULL ? ft_new_ref(bases) : ft_tuple_new_ref(0);
}

static FtObject *
type_get_base(FtObject *self, void *closure)
{
    FtTypeObject *base = ((FtTypeObject *)self)->tp_base;
    return base != NULL ? ft_new_ref((FtObject *)base) : ft_none_ref();
}

static FtObject *
type_get_doc(FtObject *self, void *closure)
{
    FtObject *doc = ft_str_intern_cstr_ref("__doc__");
    if (doc == NULL)
        return NULL;
    FtObject *v = ft_type_dict_get_borrow((FtTypeObject *)self, doc);
    ft_decref(doc);
    if (v == NULL)
        return ft_none_ref();
    FtDescrGetFunc get = v->ob_type->tp_descr_get;
    return get != NULL ? get(v, NULL, self) : ft_new_ref(v);
}

static FtObject *
type_get_dict(FtObject *self, void *closure)
{
    FtObject *dict = ((FtTypeObject *)self)->tp_dict;
    return dict != NULL ? ft_new_ref(dict) : ft_none_ref();
}

static const FtGetSetDef type_getset[] = {
    {.name = "__name__", .get = type_get_name},
    {.name = "__qualname__", .get = type_get_name},
    {.name = "__module__", .get = type_get_module},
    {.name = "__mro__", .get = type_get_mro},
    {.name = "__bases__", .get = type_get_bases},
    {.name = "__base__", .get = type_get_base},
    {.name = "__doc__", .get = type_get_doc},
    {.name = "__dict__", .get = type_get_dict},
    {0},
};

FtTypeObject ft_type_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "type",
    .tp_basicsize = sizeof(FtTypeObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE |
                FT_TPFLAGS_TYPE_SUBCLASS,
    .tp_traverse = type_traverse,
    .tp_repr = type_repr,
    .tp_call = ft_type_call_ref,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_new = type_new,
    .tp_getset = type_getset,
    .tp_doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};

int
ft_type_init_types(void)
{
    if (ft_type_ready(&ft_base_object_type) < 0 || ft_type_ready(&ft_type_type) < 0)
        return -1;
    return ft_type_ready(&typedict_type);
}

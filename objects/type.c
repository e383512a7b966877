// objects/type.c: type objects - readying static types (slot inheritance, C3 MRO, the type dict),
// subtype tests, MRO lookup, version tags, and the `type` and `object` types themselves (with the
// heap-type parts of them: attribute assignment on classes, __class__ assignment, object.__dir__,
// type.__dir__, __format__, __init_subclass__, class __annotations__ / __annotate__ (PEP 649/749),
// type.__or__ ...). Also types.MappingProxyType, the read-only live view C.__dict__ gives for a
// heap class. Semantics: CPython's Objects/typeobject.c (type_ready, inherit_special,
// inherit_slots, mro_internal/pmerge, _PyType_Lookup, type_getattro, type_setattro, type_call,
// object_new/object_init, object_set_class) and Objects/descrobject.c (mappingproxy). Heap-type
// creation is in objects/type_new.c, the dunder slots in objects/type_slots.c.
//
// A static type's dict (tp_dict) is a small private mapping ("mappingproxy", TypeDict below): an
// open-addressed table of (str key, value) pairs kept in a tuple, filled once while the type is
// readied and immutable afterwards. A heap type's dict is a real dict (objects/dict.h).
//
// Invariants: after ft_type_ready, tp_mro is a tuple starting with the type and ending with object,
// tp_bases a tuple, tp_dict a TypeDict, FT_TPFLAGS_READY set, and every NULL slot that a base
// defines has been copied from the nearest base in MRO order (hash and richcompare only together).
// A class's annotations are cached once computed under "__annotations_cache__" in its dict.
//
// Concurrency: static types are readied at start-up, before a second thread exists; afterwards
// they are read-only except tp_version_tag (atomic), so lookups in them are lock-free. A heap
// type's dict is stored to under the type's critical section (then the version tags of the type
// and its subclasses are renewed and the slots updated, objects/type_slots.c); its ht_name,
// ht_qualname and subclass list are guarded_by(ob_mutex). __class__ assignment stores ob_type with
// the world stopped, and so does __bases__ assignment for tp_bases / tp_base / tp_mro of the class
// and its subclasses (lookups walk tp_mro lock-free; the old tuples are retired through QSBR).
// tp_flags is immutable after ready except FT_TPFLAGS_IS_ABSTRACT, which __abstractmethods__
// assignment flips with the world stopped (under the type's critical section), so every read of
// tp_flags is a plain one. The version counter is an atomic. A mappingproxy's mapping is
// immutable (the dict locks itself); a static type's __dict__ is a proxy of a dict copy of its
// TypeDict. Two threads computing C.__annotations__ at once may both call __annotate__; the last
// store wins (both results are equal). Class-hierarchy changes (class creation, __bases__
// assignment) are serialized by the interpreter's hierarchy lock (ft_type_hierarchy_lock). object's
// pickling methods are in objects/object_reduce.c. Missing (TODO(#4)): the per-type method cache,
// subclass lists of static types, __name__ assignment, mro() overrides.
#include <stdint.h>   // uint32_t int64_t
#include <stdlib.h>   // calloc free
#include <string.h>   // memcpy strrchr strcmp strncmp strstr strlen

#include "objects/type.h"

#include "objects/abstract.h"          // ft_sequence_tuple_ref
#include "objects/abstract_number.h"   // ft_number_or_ref
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_* ft_exc_*
#include "objects/generic_alias.h"     // ft_union_or_ref ft_generic_alias_class_getitem_ref
#include "objects/int.h"               // ft_bool_from FT_TRUE
#include "objects/list.h"              // ft_list_*
#include "objects/method_def.h"        // FtMethodDef FtGetSetDef ft_descr_new_* ft_doc_split
#include "objects/object.h"            // ft_object_* FT_OBJECT_HEAD_INIT
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/qsbr.h"              // ft_qsbr_decref_delayed
#include "runtime/stop_the_world.h"    // ft_stop_the_world ft_start_the_world
#include "runtime/thread_state.h"      // ft_thread_state_current
#include "sync/atomic.h"               // ft_atomic_*
#include "sync/fatal.h"                // FT_ASSERT
#include "sync/mutex.h"                // ft_mutex_lock ft_mutex_unlock

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
ft_type_dict_get_ref(FtTypeObject *type, FtObject *name)
{
    FtObject *dict = type->tp_dict;
    if (dict == NULL)
        return NULL;
    if (dict->ob_type == &typedict_type) {
        FtObject *v = typedict_get_borrow(dict, name);
        return v != NULL ? ft_new_ref(v) : NULL;
    }
    FtObject *v;
    // A str key cannot fail to hash or compare; an error here (MemoryError) reads as absent.
    if (ft_dict_get_item_ref(dict, name, &v) < 0)
        ft_error_clear();
    return v;
}

FtObject *
ft_type_dict_get_borrow(FtTypeObject *type, FtObject *name)
{
    FtObject *dict = type->tp_dict;
    if (dict == NULL)
        return NULL;
    if (dict->ob_type == &typedict_type)
        return typedict_get_borrow(dict, name);
    // Kept alive by the heap type's dict (see the caveat in type.h).
    FtObject *v = ft_type_dict_get_ref(type, name);
    if (v != NULL)
        ft_decref(v);
    return v;
}

FtObject *
ft_type_lookup_ref(FtTypeObject *type, FtObject *name)
{
    // TODO(#4): the per-type method cache keyed by version tag (FREE-THREADING.md 9.3).
    FtObject *mro = type->tp_mro;
    if (mro == NULL) {
        for (; type != NULL; type = type->tp_base) {
            FtObject *v = ft_type_dict_get_ref(type, name);
            if (v != NULL)
                return v;
        }
        return NULL;
    }
    for (Ft_ssize i = 0; i < ft_tuple_size(mro); i++) {
        FtObject *v = ft_type_dict_get_ref((FtTypeObject *)ft_tuple_get_item_borrow(mro, i), name);
        if (v != NULL)
            return v;
    }
    return NULL;
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
    if (ft_type_is_heap(type)) {
        FtObject *n;
        FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
        n = ft_new_ref(((FtHeapTypeObject *)type)->ht_name);
        FT_END_CRITICAL_SECTION_OBJECT();
        return n;
    }
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

// The MRO that base (an entry of the bases tuple) contributes: its pending new MRO when
// __bases__ assignment is recomputing it, else its tp_mro.
typedef struct {
    FtTypeObject **types;
    FtObject **mros;
    Ft_ssize n;
} PendingMros;

static FtObject *
base_mro_borrow(FtTypeObject *base, const PendingMros *pending)
{
    for (Ft_ssize i = 0; pending != NULL && i < pending->n; i++) {
        if (pending->types[i] == base && pending->mros[i] != NULL)
            return pending->mros[i];
    }
    return base->tp_mro;
}

static FtObject *c3_merge_ref(FtTypeObject *type, FtObject *bases, const PendingMros *pending);

FtObject *
ft_type_mro_c3_ref(FtTypeObject *type, FtObject *bases)
{
    return c3_merge_ref(type, bases, NULL);
}

static FtObject *
c3_merge_ref(FtTypeObject *type, FtObject *bases, const PendingMros *pending)
{
    Ft_ssize nbases = ft_tuple_size(bases);
    Ft_ssize nseq = nbases + 1, total = 1;
    for (Ft_ssize i = 0; i < nbases; i++) {
        FtTypeObject *b = (FtTypeObject *)ft_tuple_get_item_borrow(bases, i);
        for (Ft_ssize j = 0; j < i; j++) {
            if (ft_tuple_get_item_borrow(bases, j) == (FtObject *)b)
                return ft_error_format(&ft_exc_type_error, "duplicate base class %s", b->tp_name);
        }
        FtObject *bmro = base_mro_borrow(b, pending);
        if (bmro == NULL)
            return ft_error_format(&ft_exc_type_error, "base %s is not ready", b->tp_name);
        total += ft_tuple_size(bmro);
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
        FtObject *mro = base_mro_borrow((FtTypeObject *)ft_tuple_get_item_borrow(bases, i), pending);
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
    // Independently, as CPython does: a builtin type that only sets tp_getattro still gets
    // object's generic setattr (and its "readonly attribute" / "no __dict__" errors).
    INHERIT(tp_getattro);
    INHERIT(tp_setattro);
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

// Stores value under name in type's dict even when a slot wrapper is already there (methods marked
// FT_METH_COEXIST). Steals value_steal (may be NULL: error).
static int
replace_in_dict(FtTypeObject *type, const char *name, FtObject *value_steal)
{
    if (value_steal == NULL)
        return -1;
    FtObject *key = ft_str_intern_cstr_ref(name);
    int r = key != NULL ? typedict_set_unlocked(type->tp_dict, key, value_steal) : -1;
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
    // The nearest static type in subtype's base chain must create instances with this very
    // tp_new (a heap type's tp_new is either a Python __new__ or its base's).
    FtTypeObject *staticbase = subtype;
    while (staticbase != NULL && ft_type_is_heap(staticbase))
        staticbase = staticbase->tp_base;
    if (staticbase != NULL && staticbase->tp_new == NULL && staticbase->tp_new != type->tp_new)
        return ft_error_format(&ft_exc_type_error, "cannot create '%s' instances", subtype->tp_name);
    if (staticbase != NULL && staticbase->tp_new != type->tp_new)
        return ft_error_format(&ft_exc_type_error, "%s.__new__(%s) is not safe, use %s.__new__()",
                               type->tp_name, subtype->tp_name, staticbase->tp_name);
    return type->tp_new(subtype, args + 1, (size_t)(nargs - 1) | FT_VECTORCALL_FROM_NEW_METHOD, kwnames);
}

static const FtMethodDef tp_new_def = {
    .name = "__new__",
    .fn.fast_kw = tp_new_wrapper,
    .flags = FT_METH_FASTCALL | FT_METH_KEYWORDS,
    .doc = "Create and return a new object.",
};

FtNewFunc
ft_type_builtin_new_of(FtObject *descr)
{
    if (descr->ob_type != &ft_cfunction_type)
        return NULL;
    FtCFunctionObject *f = (FtCFunctionObject *)descr;
    if (f->def != &tp_new_def || f->self == NULL || !ft_type_check(f->self))
        return NULL;
    return ((FtTypeObject *)f->self)->tp_new;
}

// The builtin types whose instances are generic containers (CPython gives each a
// __class_getitem__ in its method table); fill_dict adds the classmethod to these by name, so that
// the types' own files need no change. TODO(#4): move into each type's method table.
static const char *const generic_container_names[] = {
    "list", "dict", "tuple", "set", "frozenset", "enumerate", "memoryview", "mappingproxy",
    "collections.deque", "collections.defaultdict", "collections.OrderedDict",
    "BaseExceptionGroup", NULL,
};

static const FtMethodDef class_getitem_def = {
    .name = "__class_getitem__",
    .fn.o = ft_generic_alias_class_getitem_ref,
    .flags = FT_METH_O | FT_METH_CLASS,
    .doc = "See PEP 585",
};

static bool
is_generic_container(const FtTypeObject *type)
{
    for (const char *const *p = generic_container_names; *p != NULL; p++) {
        if (strcmp(type->tp_name, *p) == 0)
            return true;
    }
    return false;
}

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
        FtObject *descr = ft_descr_new_method_ref(type, m);
        int r = (m->flags & FT_METH_COEXIST) ? replace_in_dict(type, m->name, descr)
                                             : add_to_dict(type, m->name, descr);
        if (r < 0)
            return -1;
    }
    if (is_generic_container(type) &&
        add_to_dict(type, class_getitem_def.name,
                    ft_descr_new_method_ref(type, &class_getitem_def)) < 0)
        return -1;
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
    if (base != NULL)
        ft_type_inherit_unlocked(type);
    if (type->tp_dealloc == NULL)
        type->tp_dealloc = ft_object_dealloc_plain;
    // A type left without a hash (it defines comparison but not hash) says so with __hash__ = None.
    if (type->tp_hash == NULL && add_to_dict(type, "__hash__", ft_none_ref()) < 0)
        return -1;
    ft_type_assign_version_tag_unlocked(type);
    return 0;
}

void
ft_type_inherit_unlocked(FtTypeObject *type)
{
    FtTypeObject *base = type->tp_base;
    inherit_special(type, base);
    // tp_new is inherited from tp_base only, and never by a type that forbids instantiation.
    if (type->tp_flags & FT_TPFLAGS_DISALLOW_INSTANTIATION)
        type->tp_new = NULL;
    else if (type->tp_new == NULL)
        type->tp_new = base->tp_new;
    for (Ft_ssize i = 1; i < ft_tuple_size(type->tp_mro); i++)
        inherit_slots(type, (FtTypeObject *)ft_tuple_get_item_borrow(type->tp_mro, i));
}

void
ft_type_assign_version_tag_unlocked(FtTypeObject *type)
{
    // relaxed: the tag only needs to be unique.
    uint32_t tag = ft_atomic_add_uint32_relaxed(&next_version_tag, 1);
    // relaxed: readers compare tags only; the dict they guard is read through its own protocol.
    ft_atomic_store_uint32_relaxed(&type->tp_version_tag, tag);
    type->tp_flags |= FT_TPFLAGS_VALID_VERSION_TAG;
}

void
ft_type_modified(FtTypeObject *type)
{
    // The type is published: only the tag changes (FT_TPFLAGS_VALID_VERSION_TAG stays set).
    // relaxed: the tag only needs to be unique; readers compare it.
    uint32_t tag = ft_atomic_add_uint32_relaxed(&next_version_tag, 1);
    // relaxed: see ft_type_version_tag.
    ft_atomic_store_uint32_relaxed(&type->tp_version_tag, tag);
    if (!ft_type_is_heap(type))
        return;
    FtObject *subs = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    FtObject *list = ((FtHeapTypeObject *)type)->ht_subclasses;
    subs = list != NULL ? ft_sequence_tuple_ref(list) : NULL;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (subs == NULL) {
        ft_error_clear();   // MemoryError while copying: the subclasses keep their tags
        return;
    }
    for (Ft_ssize i = 0; i < ft_tuple_size(subs); i++)
        ft_type_modified((FtTypeObject *)ft_tuple_get_item_borrow(subs, i));
    ft_decref(subs);
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
static FtObject *abstract_instantiation_error(FtTypeObject *type);

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
    if (type->tp_flags & FT_TPFLAGS_IS_ABSTRACT)   // changes only with the world stopped
        return abstract_instantiation_error(type);
    return ft_object_new_of_type(type, 0);
}

// type.__module__ as a new reference: the namespace's __module__ for heap types, else the part of
// tp_name before the last dot, or "builtins".
static FtObject *
type_module_ref(FtTypeObject *type)
{
    if (ft_type_is_heap(type)) {
        FtObject *key = ft_str_intern_cstr_ref("__module__");
        FtObject *v = key != NULL ? ft_type_dict_get_ref(type, key) : NULL;
        ft_xdecref(key);
        if (v != NULL)
            return v;
        if (ft_error_occurred())
            return NULL;
        return ft_error_format(&ft_exc_attribute_error, "__module__");
    }
    const char *dot = strrchr(type->tp_name, '.');
    if (dot == NULL)
        return ft_str_intern_cstr_ref("builtins");
    return ft_str_from_utf8_ref(type->tp_name, dot - type->tp_name);
}

FtObject *
ft_type_qualname_ref(FtTypeObject *type)
{
    if (!ft_type_is_heap(type))
        return ft_type_name_ref(type);
    FtObject *q;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    q = ft_new_ref(((FtHeapTypeObject *)type)->ht_qualname);
    FT_END_CRITICAL_SECTION_OBJECT();
    return q;
}

// "module.qualname" for a type outside builtins, else its qualname (a new str).
static FtObject *
type_full_name_ref(FtTypeObject *type)
{
    FtObject *module = type_module_ref(type);
    if (module == NULL)
        ft_error_clear();
    FtObject *qual = ft_type_qualname_ref(type);
    if (qual == NULL) {
        ft_xdecref(module);
        return NULL;
    }
    FtObject *res;
    if (module != NULL && ft_str_check(module) && !ft_str_equal_cstr(module, "builtins"))
        res = ft_str_from_format_ref("%U.%U", module, qual);
    else
        res = ft_new_ref(qual);
    ft_xdecref(module);
    ft_decref(qual);
    return res;
}

static FtObject *
object_repr(FtObject *self)
{
    FtObject *name = type_full_name_ref(self->ob_type);
    if (name == NULL)
        return NULL;
    FtObject *res = ft_str_from_format_ref("<%U object at %p>", name, (void *)self);
    ft_decref(name);
    return res;
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

// True if the slot names that the heap types of a's and b's base chains add are the same, in order
// (with the same offsets, since the static bases match).
static bool
same_slots_added(FtTypeObject *a, FtTypeObject *b)
{
    while (a != NULL && b != NULL && ft_type_is_heap(a) && ft_type_is_heap(b)) {
        const FtMemberDef *ma = ((FtHeapTypeObject *)a)->ht_members;
        const FtMemberDef *mb = ((FtHeapTypeObject *)b)->ht_members;
        for (; ma->name != NULL && mb->name != NULL; ma++, mb++) {
            if (strcmp(ma->name, mb->name) != 0 || ma->offset != mb->offset)
                return false;
        }
        if (ma->name != NULL || mb->name != NULL)
            return false;
        a = a->tp_base;
        b = b->tp_base;
        // A heap type that adds no slots is transparent for the comparison.
        while (a != NULL && ft_type_is_heap(a) && ((FtHeapTypeObject *)a)->ht_members->name == NULL)
            a = a->tp_base;
        while (b != NULL && ft_type_is_heap(b) && ((FtHeapTypeObject *)b)->ht_members->name == NULL)
            b = b->tp_base;
    }
    return a == b;
}

// CPython's compatible_for_assignment: instances of old can become instances of new in place.
static bool
compatible_layout(FtTypeObject *old, FtTypeObject *new)
{
    uint64_t layout_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_PREHEADER | FT_TPFLAGS_MANAGED_WEAKREF;
    FtTypeObject *old_static = old, *new_static = new;
    while (ft_type_is_heap(old_static))
        old_static = old_static->tp_base;
    while (ft_type_is_heap(new_static))
        new_static = new_static->tp_base;
    return old_static == new_static && old->tp_basicsize == new->tp_basicsize &&
           old->tp_itemsize == new->tp_itemsize && old->tp_dictoffset == new->tp_dictoffset &&
           (old->tp_flags & layout_flags) == (new->tp_flags & layout_flags) &&
           same_slots_added(old, new);
}

static int
object_set_class(FtObject *self, FtObject *value, void *closure)
{
    if (value == NULL) {
        ft_error_format(&ft_exc_type_error, "can't delete __class__ attribute");
        return -1;
    }
    if (!ft_type_check(value)) {
        ft_error_format(&ft_exc_type_error, "__class__ must be set to a class, not '%s' object",
                        value->ob_type->tp_name);
        return -1;
    }
    FtTypeObject *new = (FtTypeObject *)value, *old = self->ob_type;
    // TODO(#4): the ModuleType exception once modules are objects here.
    if ((new->tp_flags & FT_TPFLAGS_IMMUTABLETYPE) || (old->tp_flags & FT_TPFLAGS_IMMUTABLETYPE)) {
        ft_error_format(&ft_exc_type_error, "__class__ assignment only supported for mutable types "
                        "or ModuleType subclasses");
        return -1;
    }
    if (!compatible_layout(old, new)) {
        ft_error_format(&ft_exc_type_error, "__class__ assignment: '%s' object layout differs from "
                        "'%s'", new->tp_name, old->tp_name);
        return -1;
    }
    if (new == old)
        return 0;
    // Every thread reads ob_type without synchronization: store it with the world stopped. The
    // instance holds a reference to its (heap) type.
    ft_incref((FtObject *)new);
    FtInterp *interp = ft_thread_state_current()->interp;
    ft_stop_the_world(interp);
    self->ob_type = new;
    ft_start_the_world(interp);
    ft_decref((FtObject *)old);
    return 0;
}

static const FtGetSetDef object_getset[] = {
    {.name = "__class__", .get = object_get_class, .set = object_set_class,
     .doc = "the object's class"},
    {0},
};

/* --- object: methods --- */

static FtObject *
object_format(FtObject *self, FtObject *spec)
{
    if (!ft_str_check(spec))
        return ft_error_bad_argument("__format__", "argument", "str", spec);
    if (ft_str_length(spec) > 0)
        return ft_error_format(&ft_exc_type_error, "unsupported format string passed to "
                               "%.200s.__format__", self->ob_type->tp_name);
    return ft_object_str_ref(self);
}

static FtObject *
object_init_subclass(FtObject *cls)
{
    return ft_none_ref();
}

static FtObject *
object_subclasshook(FtObject *cls, FtObject *arg)
{
    return FT_NOT_IMPLEMENTED;
}

static FtObject *
object_sizeof(FtObject *self)
{
    FtTypeObject *type = self->ob_type;
    Ft_ssize size = type->tp_basicsize;
    if (type->tp_itemsize != 0) {
        Ft_ssize n = ((FtVarObject *)self)->ob_size;
        size += (n < 0 ? -n : n) * type->tp_itemsize;
    }
    return ft_int_from_int64_ref(size);
}

// Adds every key of type's own dict to the dict acc.
static int
merge_type_keys(FtObject *acc, FtTypeObject *type)
{
    FtObject *dict = type->tp_dict;
    if (dict == NULL)
        return 0;
    if (dict->ob_type != &typedict_type)
        return ft_dict_merge(acc, dict, 1);
    TypeDictObject *d = (TypeDictObject *)dict;
    for (Ft_ssize i = 0; i < d->capacity; i++) {
        FtObject *k = typedict_slots(d)[2 * i];
        if (k != NULL && ft_dict_set_item(acc, k, FT_NONE) < 0)
            return -1;
    }
    return 0;
}

static FtObject *
object_dir(FtObject *self)
{
    FtObject *acc = NULL, *res = NULL;
    FtObject **dp = ft_object_dict_ptr(self);
    if (dp != NULL) {
        FtObject *d = ft_object_get_dict_ref(self);
        if (d == NULL)
            return NULL;
        acc = ft_dict_copy_ref(d);
        ft_decref(d);
    } else {
        acc = ft_dict_new_ref();
    }
    if (acc == NULL)
        return NULL;
    FtObject *mro = self->ob_type->tp_mro;
    for (Ft_ssize i = 0; mro != NULL && i < ft_tuple_size(mro); i++) {
        if (merge_type_keys(acc, (FtTypeObject *)ft_tuple_get_item_borrow(mro, i)) < 0)
            goto done;
    }
    FtObject *keys = ft_object_call_method_cstr_ref(acc, "keys", NULL, 0);
    FtObject *items = keys != NULL ? ft_sequence_tuple_ref(keys) : NULL;
    if (items != NULL) {
        res = ft_list_new_ref(0);
        if (res != NULL && ft_list_extend(res, items) < 0) {
            ft_decref(res);
            res = NULL;
        }
        ft_decref(items);
    }
    ft_xdecref(keys);
done:
    ft_decref(acc);
    return res;
}

static const FtMethodDef object_methods[] = {
    {.name = "__format__", .fn.o = object_format, .flags = FT_METH_O,
     .doc = "Default object formatter."},
    {.name = "__init_subclass__", .fn.noargs = object_init_subclass,
     .flags = FT_METH_CLASS | FT_METH_NOARGS,
     .doc = "This method is called when a class is subclassed."},
    {.name = "__subclasshook__", .fn.o = object_subclasshook, .flags = FT_METH_CLASS | FT_METH_O,
     .doc = "Abstract classes can override this to customize issubclass()."},
    {.name = "__sizeof__", .fn.noargs = object_sizeof, .flags = FT_METH_NOARGS,
     .doc = "Size of object in memory, in bytes."},
    {.name = "__dir__", .fn.noargs = object_dir, .flags = FT_METH_NOARGS,
     .doc = "Default dir() implementation."},
    {.name = "__getstate__", .fn.noargs = ft_object_getstate, .flags = FT_METH_NOARGS,
     .doc = "Helper for pickle."},
    {.name = "__reduce__", .fn.noargs = ft_object_reduce, .flags = FT_METH_NOARGS,
     .doc = "Helper for pickle."},
    {.name = "__reduce_ex__", .fn.o = ft_object_reduce_ex, .flags = FT_METH_O,
     .doc = "Helper for pickle."},
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
    .tp_methods = object_methods,
    .tp_getset = object_getset,
    .tp_doc = "The base class of the class hierarchy.",
};

/* --- type: slots --- */

static FtObject *
type_repr(FtObject *self)
{
    FtObject *name = type_full_name_ref((FtTypeObject *)self);
    if (name == NULL)
        return NULL;
    FtObject *res = ft_str_from_format_ref("<class '%U'>", name);
    ft_decref(name);
    return res;
}

FtObject *
ft_type_call_ref(FtObject *callable, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    FtTypeObject *type = (FtTypeObject *)callable;
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (type == &ft_type_type && nargs == 1) {
        if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
            return ft_error_format(&ft_exc_type_error, "type() takes no keyword arguments");
        return ft_new_ref((FtObject *)args[0]->ob_type);   // type(x)
    }
    // Only type itself has the one-argument form; its subclasses reach type.__new__'s message.
    if (type == &ft_type_type && nargs != 3)
        return ft_error_format(&ft_exc_type_error, "type() takes 1 or 3 arguments");
    if (type == &ft_super_type)
        return ft_super_call_ref(args, nargsf, kwnames);
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

static int
type_init(FtObject *self, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (nargs == 1 && kwnames != NULL && ft_tuple_size(kwnames) > 0) {
        ft_error_format(&ft_exc_type_error, "type.__init__() takes no keyword arguments");
        return -1;
    }
    if (nargs != 1 && nargs != 3) {
        ft_error_format(&ft_exc_type_error, "type.__init__() takes 1 or 3 arguments");
        return -1;
    }
    return 0;
}

static FtObject *
type_getattro(FtObject *self, FtObject *name)
{
    if (!ft_str_check(name))
        return ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                               name->ob_type->tp_name);
    FtTypeObject *type = (FtTypeObject *)self, *meta = self->ob_type;
    FtObject *meta_attr = ft_type_lookup_ref(meta, name), *res;
    FtDescrGetFunc meta_get = NULL;
    if (meta_attr != NULL) {
        meta_get = meta_attr->ob_type->tp_descr_get;
        if (meta_get != NULL && meta_attr->ob_type->tp_descr_set != NULL) {
            res = meta_get(meta_attr, self, (FtObject *)meta);
            ft_decref(meta_attr);
            return res;
        }
    }
    FtObject *attr = ft_type_lookup_ref(type, name);
    if (attr != NULL) {
        ft_xdecref(meta_attr);
        FtDescrGetFunc local_get = attr->ob_type->tp_descr_get;
        if (local_get == NULL)
            return attr;
        res = local_get(attr, NULL, self);
        ft_decref(attr);
        return res;
    }
    if (meta_get != NULL) {
        res = meta_get(meta_attr, self, (FtObject *)meta);
        ft_decref(meta_attr);
        return res;
    }
    if (meta_attr != NULL)
        return meta_attr;
    ft_error_format(&ft_exc_attribute_error, "type object '%.100s' has no attribute '%U'",
                    type->tp_name, name);
    ft_error_attribute_set_context(self, name);
    return NULL;
}

static int
type_setattro(FtObject *self, FtObject *name, FtObject *value)
{
    FtTypeObject *type = (FtTypeObject *)self;
    // An immutable type refuses any name, even a non-str one, as CPython checks in this order.
    if (type->tp_flags & FT_TPFLAGS_IMMUTABLETYPE) {
        ft_error_format(&ft_exc_type_error, "cannot set %R attribute of immutable type '%s'", name,
                        type->tp_name);
        return -1;
    }
    if (!ft_str_check(name)) {
        ft_error_format(&ft_exc_type_error, "attribute name must be string, not '%.200s'",
                        name->ob_type->tp_name);
        return -1;
    }
    if (!ft_type_is_heap(type) || type->tp_dict == NULL || !ft_dict_check(type->tp_dict)) {
        ft_error_format(&ft_exc_type_error, "cannot set %R attribute of type '%s'", name,
                        type->tp_name);
        return -1;
    }
    FtObject *descr = ft_type_lookup_ref(self->ob_type, name);
    if (descr != NULL) {
        FtDescrSetFunc set = descr->ob_type->tp_descr_set;
        if (set != NULL) {
            int r = set(descr, self, value);
            ft_decref(descr);
            return r;
        }
        ft_decref(descr);
    }
    FtObject *key = ft_str_intern_ref(name);
    if (key == NULL)
        return -1;
    int r;
    // The type's section orders this store with other stores to the same class; the dict locks
    // itself for its readers.
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    if (value != NULL)
        r = ft_dict_set_item(type->tp_dict, key, value);
    else
        r = ft_dict_del_item(type->tp_dict, key);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (r < 0 && value == NULL && ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        ft_error_format(&ft_exc_attribute_error, "type object '%.100s' has no attribute '%U'",
                        type->tp_name, key);
    }
    if (r == 0) {
        ft_type_modified(type);
        r = ft_type_update_slot(type, key);
    }
    ft_decref(key);
    return r;
}

static int
type_traverse(FtObject *self, FtVisitProc visit, void *arg)
{
    FtTypeObject *type = (FtTypeObject *)self;
    FtObject *refs[8] = {type->tp_dict, type->tp_mro, type->tp_bases, (FtObject *)type->tp_base};
    if (ft_type_is_heap(type)) {
        FtHeapTypeObject *ht = (FtHeapTypeObject *)type;
        refs[4] = ht->ht_name;
        refs[5] = ht->ht_qualname;
        refs[6] = ht->ht_slots;
        refs[7] = ht->ht_subclasses;
    }
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++) {
        if (refs[i] != NULL) {
            int r = visit(refs[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

// Only heap types are ever freed (static types are immortal).
static void
type_dealloc(FtObject *self)
{
    FtTypeObject *type = (FtTypeObject *)self;
    FtHeapTypeObject *ht = (FtHeapTypeObject *)self;
    FT_ASSERT(ft_type_is_heap(type));
    ft_xdecref(type->tp_dict);
    ft_xdecref(type->tp_mro);
    ft_xdecref(type->tp_bases);
    ft_xdecref((FtObject *)type->tp_base);
    ft_xdecref(ht->ht_name);
    ft_xdecref(ht->ht_qualname);
    ft_xdecref(ht->ht_slots);
    ft_xdecref(ht->ht_subclasses);
    ft_object_free_memory(self);
}

/* --- type: attributes and methods --- */

static FtObject *
type_get_name(FtObject *self, void *closure)
{
    return ft_type_name_ref((FtTypeObject *)self);
}

static FtObject *
type_get_qualname(FtObject *self, void *closure)
{
    return ft_type_qualname_ref((FtTypeObject *)self);
}

// Heap types only: the attribute setters of immutable types fail earlier, in the getset check.
static int
check_settable(FtTypeObject *type, FtObject *value, const char *attr)
{
    if (!ft_type_is_heap(type) || (type->tp_flags & FT_TPFLAGS_IMMUTABLETYPE)) {
        ft_error_format(&ft_exc_type_error, "cannot set '%s' attribute of immutable type '%s'",
                        attr, type->tp_name);
        return -1;
    }
    if (value == NULL) {
        ft_error_format(&ft_exc_type_error, "cannot delete '%s' attribute of immutable type '%s'",
                        attr, type->tp_name);
        return -1;
    }
    return 0;
}

static int
type_set_qualname(FtObject *self, FtObject *value, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (check_settable(type, value, "__qualname__") < 0)
        return -1;
    if (!ft_str_check(value)) {
        ft_error_format(&ft_exc_type_error, "can only assign string to %s.__qualname__, not '%s'",
                        type->tp_name, value->ob_type->tp_name);
        return -1;
    }
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    old = ((FtHeapTypeObject *)type)->ht_qualname;
    ((FtHeapTypeObject *)type)->ht_qualname = ft_new_ref(value);
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(old);
    return 0;
}

static int
type_set_name(FtObject *self, FtObject *value, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (check_settable(type, value, "__name__") < 0)
        return -1;
    if (!ft_str_check(value)) {
        ft_error_format(&ft_exc_type_error, "can only assign string to %s.__name__, not '%s'",
                        type->tp_name, value->ob_type->tp_name);
        return -1;
    }
    // TODO(#4): tp_name follows __name__ (needs a grace period for readers of the old name).
    ft_error_format(&ft_exc_type_error, "assigning __name__ is not supported yet");
    return -1;
}

static FtObject *
type_get_module(FtObject *self, void *closure)
{
    return type_module_ref((FtTypeObject *)self);
}

// Stores value under key in the heap type's dict (for the __module__ and __doc__ setters).
static int
type_store_in_dict(FtTypeObject *type, const char *key, FtObject *value)
{
    if (check_settable(type, value, key) < 0)
        return -1;
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    r = ft_dict_set_item_str(type->tp_dict, key, value);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (r == 0)
        ft_type_modified(type);
    return r;
}

static int
type_set_module(FtObject *self, FtObject *value, void *closure)
{
    return type_store_in_dict((FtTypeObject *)self, "__module__", value);
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

/* --- The class hierarchy --- */

void
ft_type_hierarchy_lock(void)
{
    ft_mutex_lock(&ft_thread_state_current()->interp->type_hierarchy_mutex);
}

void
ft_type_hierarchy_unlock(void)
{
    ft_mutex_unlock(&ft_thread_state_current()->interp->type_hierarchy_mutex);
}

int
ft_type_add_subclass(FtTypeObject *base, FtTypeObject *sub)
{
    if (!ft_type_is_heap(base))
        return 0;
    FtHeapTypeObject *hb = (FtHeapTypeObject *)base;
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(base);
    if (hb->ht_subclasses == NULL)
        hb->ht_subclasses = ft_list_new_ref(0);
    r = hb->ht_subclasses != NULL ? ft_list_append(hb->ht_subclasses, (FtObject *)sub) : -1;
    FT_END_CRITICAL_SECTION_OBJECT();
    return r;
}

int
ft_type_remove_subclass(FtTypeObject *base, FtTypeObject *sub)
{
    if (!ft_type_is_heap(base))
        return 0;
    FtHeapTypeObject *hb = (FtHeapTypeObject *)base;
    int r = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(base);
    FtObject *list = hb->ht_subclasses;
    // By identity: comparing with == could run a metaclass's __eq__ under the section.
    for (Ft_ssize i = 0; list != NULL && i < ft_list_size(list); i++) {
        FtObject *item = ft_list_get_item_ref(list, i);
        bool found = item == (FtObject *)sub;
        ft_xdecref(item);
        if (found) {
            r = ft_list_del_slice(list, i, i + 1, 1);
            break;
        }
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return r;
}

// True when the list seen (only this thread's) holds type itself.
static bool
list_holds_identical(FtObject *seen, FtTypeObject *type)
{
    for (Ft_ssize i = 0; i < ft_list_size(seen); i++) {
        FtObject *item = ft_list_get_item_ref(seen, i);
        ft_xdecref(item);   // seen keeps it alive
        if (item == (FtObject *)type)
            return true;
    }
    return false;
}

// Appends type and everything below it in the hierarchy (each once) to the list acc. The caller
// holds the hierarchy lock, so no subclass list gains or loses a class meanwhile.
static int
collect_hierarchy(FtObject *acc, FtTypeObject *type)
{
    if (list_holds_identical(acc, type))
        return 0;
    if (ft_list_append(acc, (FtObject *)type) < 0)
        return -1;
    FtObject *subs = NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    FtObject *list = ((FtHeapTypeObject *)type)->ht_subclasses;
    subs = list != NULL ? ft_list_as_tuple_ref(list) : NULL;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (subs == NULL)
        return ft_error_occurred() ? -1 : 0;
    int r = 0;
    for (Ft_ssize i = 0; r == 0 && i < ft_tuple_size(subs); i++)
        r = collect_hierarchy(acc, (FtTypeObject *)ft_tuple_get_item_borrow(subs, i));
    ft_decref(subs);
    return r;
}

// True when the tuple bases holds type itself (by identity, as above).
static bool
tuple_holds_identical(FtObject *bases, FtTypeObject *type)
{
    for (Ft_ssize i = 0; i < ft_tuple_size(bases); i++) {
        if (ft_tuple_get_item_borrow(bases, i) == (FtObject *)type)
            return true;
    }
    return false;
}

// type.__bases__ = bases (CPython's type_set_bases): checks the new bases, recomputes the MRO of
// the type and of every subclass, then swaps them all in with the world stopped, since lookups
// walk tp_mro without a lock. The replaced tuples are retired through QSBR. The hierarchy lock is
// held from the checks to the subclass lists' update: two assignments never both replace (and
// retire) the same old bases, and no class joins or leaves the hierarchy while its MROs are
// recomputed.
static int set_bases_locked(FtTypeObject *type, FtObject *value);

static int
type_set_bases(FtObject *self, FtObject *value, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (check_settable(type, value, "__bases__") < 0)
        return -1;
    if (!ft_tuple_check(value)) {
        ft_error_format(&ft_exc_type_error, "can only assign tuple to %s.__bases__, not %s",
                        type->tp_name, value->ob_type->tp_name);
        return -1;
    }
    if (ft_tuple_size(value) == 0) {
        ft_error_format(&ft_exc_type_error, "can only assign non-empty tuple to %s.__bases__, not ()",
                        type->tp_name);
        return -1;
    }
    for (Ft_ssize i = 0; i < ft_tuple_size(value); i++) {
        FtObject *b = ft_tuple_get_item_borrow(value, i);
        if (!ft_type_check(b)) {
            ft_error_format(&ft_exc_type_error, "%s.__bases__ must be tuple of classes, not '%s'",
                            type->tp_name, b->ob_type->tp_name);
            return -1;
        }
    }
    ft_type_hierarchy_lock();
    int r = set_bases_locked(type, value);
    ft_type_hierarchy_unlock();
    if (r == 0)
        r = ft_type_update_all_slots(type);
    return r;
}

// The part of type_set_bases under the hierarchy lock: everything that reads or writes the
// hierarchy. Runs no Python code.
static int
set_bases_locked(FtTypeObject *type, FtObject *value)
{
    for (Ft_ssize i = 0; i < ft_tuple_size(value); i++) {
        FtObject *b = ft_tuple_get_item_borrow(value, i);
        bool cycle = ft_type_is_subtype((FtTypeObject *)b, type);
        for (FtTypeObject *t = (FtTypeObject *)b; t != NULL && !cycle; t = t->tp_base)
            cycle = t == type;
        if (cycle) {
            ft_error_format(&ft_exc_type_error, "a __bases__ item causes an inheritance cycle");
            return -1;
        }
    }
    FtTypeObject *new_base = ft_type_best_base_borrow(value), *old_base = type->tp_base;
    if (new_base == NULL)
        return -1;
    // CPython compares tp_free, which only tells GC-tracked memory from plain memory.
    if ((new_base->tp_flags & FT_TPFLAGS_HAVE_GC) != (old_base->tp_flags & FT_TPFLAGS_HAVE_GC)) {
        ft_error_format(&ft_exc_type_error, "__bases__ assignment: '%s' deallocator differs from "
                        "'%s'", new_base->tp_name, old_base->tp_name);
        return -1;
    }
    if (!compatible_layout(old_base, new_base)) {
        ft_error_format(&ft_exc_type_error, "__bases__ assignment: '%s' object layout differs "
                        "from '%s'", new_base->tp_name, old_base->tp_name);
        return -1;
    }
    FtObject *hierarchy = ft_list_new_ref(0);
    if (hierarchy == NULL)
        return -1;
    int r = collect_hierarchy(hierarchy, type);
    Ft_ssize n = ft_list_size(hierarchy);
    PendingMros pending = {.n = n};
    pending.types = calloc((size_t)n + 1, sizeof *pending.types);
    pending.mros = calloc((size_t)n + 1, sizeof *pending.mros);
    if (r == 0 && (pending.types == NULL || pending.mros == NULL)) {
        ft_error_no_memory();
        r = -1;
    }
    for (Ft_ssize i = 0; r == 0 && i < n; i++)
        pending.types[i] = (FtTypeObject *)ft_list_get_item_ref(hierarchy, i);
    // Each type's MRO needs its bases' new ones first: repeat passes until all are computed.
    for (Ft_ssize done = 0; r == 0 && done < n;) {
        Ft_ssize before = done;
        for (Ft_ssize i = 0; r == 0 && i < n; i++) {
            if (pending.mros[i] != NULL)
                continue;
            FtTypeObject *t = pending.types[i];
            FtObject *bases = t == type ? value : t->tp_bases;
            bool ready = true;
            for (Ft_ssize k = 0; k < n && ready; k++) {
                if (k != i && pending.mros[k] == NULL)
                    ready = !tuple_holds_identical(bases, pending.types[k]);
            }
            if (!ready)
                continue;
            pending.mros[i] = c3_merge_ref(t, bases, &pending);
            r = pending.mros[i] != NULL ? 0 : -1;
            done++;
        }
        if (r == 0 && done == before) {
            ft_error_format(&ft_exc_type_error, "a __bases__ item causes an inheritance cycle");
            r = -1;
        }
    }
    // Stable under the hierarchy lock: only this function replaces them.
    FtObject *old_bases = type->tp_bases;
    if (r == 0) {
        FtInterp *interp = ft_thread_state_current()->interp;
        ft_stop_the_world(interp);
        type->tp_bases = ft_new_ref(value);
        type->tp_base = (FtTypeObject *)ft_new_ref((FtObject *)new_base);
        for (Ft_ssize i = 0; i < n; i++) {
            FtObject *old = pending.types[i]->tp_mro;
            pending.types[i]->tp_mro = pending.mros[i];
            pending.mros[i] = old;   // released below
        }
        ft_start_the_world(interp);
        // Lock-free readers may still be walking the replaced tuples.
        ft_qsbr_decref_delayed(old_bases);
        ft_qsbr_decref_delayed((FtObject *)old_base);
        for (Ft_ssize i = 0; i < n; i++) {
            if (pending.mros[i] != NULL)
                ft_qsbr_decref_delayed(pending.mros[i]);
            pending.mros[i] = NULL;
        }
        ft_type_modified(type);
        for (Ft_ssize i = 0; r == 0 && i < ft_tuple_size(old_bases); i++)
            r = ft_type_remove_subclass((FtTypeObject *)ft_tuple_get_item_borrow(old_bases, i), type);
        for (Ft_ssize i = 0; r == 0 && i < ft_tuple_size(value); i++)
            r = ft_type_add_subclass((FtTypeObject *)ft_tuple_get_item_borrow(value, i), type);
    }
    for (Ft_ssize i = 0; i < n && pending.types != NULL; i++) {
        ft_xdecref((FtObject *)pending.types[i]);
        if (pending.mros != NULL)
            ft_xdecref(pending.mros[i]);
    }
    free(pending.types);
    free(pending.mros);
    ft_decref(hierarchy);
    return r;
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
    FtTypeObject *type = (FtTypeObject *)self;
    // A static type's doc is its tp_doc (its dict's "__doc__" may be a getset of its own, as in
    // type itself). TODO(#4): strip a "name(sig)\n--\n\n" signature prefix.
    if (!ft_type_is_heap(type) && type->tp_doc != NULL)
        return ft_str_from_cstr_ref(type->tp_doc);
    FtObject *doc = ft_str_intern_cstr_ref("__doc__");
    if (doc == NULL)
        return NULL;
    FtObject *v = ft_type_dict_get_ref((FtTypeObject *)self, doc);
    ft_decref(doc);
    if (v == NULL)
        return ft_none_ref();
    FtDescrGetFunc get = v->ob_type->tp_descr_get;
    if (get == NULL)
        return v;
    FtObject *res = get(v, NULL, self);
    ft_decref(v);
    return res;
}

static int
type_set_doc(FtObject *self, FtObject *value, void *closure)
{
    return type_store_in_dict((FtTypeObject *)self, "__doc__", value);
}

/* --- mappingproxy over a heap type's dict --- */

// types.MappingProxyType: a read-only view of a mapping (a heap type's live dict for C.__dict__).
// The mapping reference is immutable; the mapping locks itself.
typedef struct MappingProxyObject {
    FtObject ob_base;
    FtObject *mapping;   // immutable
} MappingProxyObject;


FtObject *
ft_mappingproxy_new_ref(FtObject *mapping)
{
    MappingProxyObject *mp = (MappingProxyObject *)ft_object_new_of_type(&ft_mappingproxy_type, 0);
    if (mp == NULL)
        return NULL;
    mp->mapping = ft_new_ref(mapping);
    return (FtObject *)mp;
}

static void
mappingproxy_dealloc(FtObject *op)
{
    ft_decref(((MappingProxyObject *)op)->mapping);
    ft_object_free_memory(op);
}

static int
mappingproxy_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((MappingProxyObject *)op)->mapping, arg);
}

static FtObject *
mappingproxy_repr(FtObject *op)
{
    return ft_str_from_format_ref("mappingproxy(%R)", ((MappingProxyObject *)op)->mapping);
}

static FtObject *
mappingproxy_str(FtObject *op)
{
    return ft_object_str_ref(((MappingProxyObject *)op)->mapping);
}

static Ft_ssize
mappingproxy_length(FtObject *op)
{
    return ft_object_size(((MappingProxyObject *)op)->mapping);
}

static FtObject *
mappingproxy_subscript(FtObject *op, FtObject *key)
{
    return ft_object_get_item_ref(((MappingProxyObject *)op)->mapping, key);
}

static int
mappingproxy_contains(FtObject *op, FtObject *key)
{
    return ft_sequence_contains(((MappingProxyObject *)op)->mapping, key);
}

static FtObject *
mappingproxy_iter(FtObject *op)
{
    return ft_object_get_iter_ref(((MappingProxyObject *)op)->mapping);
}

static FtObject *
mappingproxy_richcompare(FtObject *a, FtObject *b, int op)
{
    return ft_object_rich_compare_ref(((MappingProxyObject *)a)->mapping, b, op);
}

static FtObject *
mappingproxy_or(FtObject *a, FtObject *b)
{
    if (a->ob_type == &ft_mappingproxy_type)
        a = ((MappingProxyObject *)a)->mapping;
    if (b->ob_type == &ft_mappingproxy_type)
        b = ((MappingProxyObject *)b)->mapping;
    return ft_number_or_ref(a, b);
}

static FtObject *
mappingproxy_forward(FtObject *self, const char *name, FtObject *const *args, Ft_ssize nargs)
{
    return ft_object_call_method_cstr_ref(((MappingProxyObject *)self)->mapping, name, args, nargs);
}

static FtObject *
mappingproxy_keys(FtObject *self)
{
    return mappingproxy_forward(self, "keys", NULL, 0);
}

static FtObject *
mappingproxy_values(FtObject *self)
{
    return mappingproxy_forward(self, "values", NULL, 0);
}

static FtObject *
mappingproxy_items(FtObject *self)
{
    return mappingproxy_forward(self, "items", NULL, 0);
}

static FtObject *
mappingproxy_copy(FtObject *self)
{
    return mappingproxy_forward(self, "copy", NULL, 0);
}

static FtObject *
mappingproxy_get(FtObject *self, FtObject *const *args, Ft_ssize nargs)
{
    if (nargs < 1 || nargs > 2)
        return ft_error_format(&ft_exc_type_error, "get expected %s 2 arguments, got %zd",
                               nargs < 1 ? "at least" : "at most", nargs + 0);
    return mappingproxy_forward(self, "get", args, nargs);
}

static FtObject *
mappingproxy_reversed(FtObject *self)
{
    return mappingproxy_forward(self, "__reversed__", NULL, 0);
}

static const FtMethodDef mappingproxy_methods[] = {
    {.name = "get", .fn.fast = mappingproxy_get, .flags = FT_METH_FASTCALL,
     .doc = "Return the value for key if key is in the mapping, else default."},
    {.name = "keys", .fn.noargs = mappingproxy_keys, .flags = FT_METH_NOARGS,
     .doc = "D.keys() -> a set-like object providing a view on D's keys"},
    {.name = "values", .fn.noargs = mappingproxy_values, .flags = FT_METH_NOARGS,
     .doc = "D.values() -> an object providing a view on D's values"},
    {.name = "items", .fn.noargs = mappingproxy_items, .flags = FT_METH_NOARGS,
     .doc = "D.items() -> a set-like object providing a view on D's items"},
    {.name = "copy", .fn.noargs = mappingproxy_copy, .flags = FT_METH_NOARGS,
     .doc = "D.copy() -> a shallow copy of D"},
    {.name = "__reversed__", .fn.noargs = mappingproxy_reversed, .flags = FT_METH_NOARGS,
     .doc = "D.__reversed__() -> reverse iterator"},
    {0},
};

static FtMappingMethods mappingproxy_as_mapping = {
    .mp_length = mappingproxy_length,
    .mp_subscript = mappingproxy_subscript,
};

static FtSequenceMethods mappingproxy_as_sequence = {
    .sq_contains = mappingproxy_contains,
};

static FtNumberMethods mappingproxy_as_number = {
    .nb_or = mappingproxy_or,
};

static FtObject *
mappingproxy_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    if (ft_vectorcall_nargs(nargsf) != 1 || (kwnames != NULL && ft_tuple_size(kwnames) > 0))
        return ft_error_format(&ft_exc_type_error,
                               "mappingproxy() missing required argument 'mapping' (pos 1)");
    FtObject *m = args[0];
    if (m->ob_type->tp_as_mapping == NULL || m->ob_type->tp_as_mapping->mp_subscript == NULL ||
        ft_list_check(m) || ft_tuple_check(m))
        return ft_error_format(&ft_exc_type_error,
                               "mappingproxy() argument must be a mapping, not %s",
                               m->ob_type->tp_name);
    return ft_mappingproxy_new_ref(m);
}

FtTypeObject ft_mappingproxy_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "mappingproxy",
    .tp_basicsize = sizeof(MappingProxyObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = mappingproxy_dealloc,
    .tp_traverse = mappingproxy_traverse,
    .tp_repr = mappingproxy_repr,
    .tp_str = mappingproxy_str,
    .tp_richcompare = mappingproxy_richcompare,
    .tp_iter = mappingproxy_iter,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_as_number = &mappingproxy_as_number,
    .tp_as_sequence = &mappingproxy_as_sequence,
    .tp_as_mapping = &mappingproxy_as_mapping,
    .tp_new = mappingproxy_new,
    .tp_methods = mappingproxy_methods,
    .tp_doc = "Read-only proxy of a mapping.",
};

static FtObject *
type_get_dict(FtObject *self, void *closure)
{
    FtObject *dict = ((FtTypeObject *)self)->tp_dict;
    if (dict == NULL)
        return ft_none_ref();
    if (dict->ob_type != &typedict_type)
        return ft_mappingproxy_new_ref(dict);
    // A static type's table is immutable once readied, so a dict copy of it is an exact view and
    // gives the proxy the whole mapping interface (iteration, keys(), get(), in).
    FtObject *copy = ft_dict_new_ref(), *res = NULL;
    if (copy == NULL)
        return NULL;
    TypeDictObject *d = (TypeDictObject *)dict;
    for (Ft_ssize i = 0; i < d->capacity; i++) {
        FtObject *k = typedict_slots(d)[2 * i];
        if (k != NULL && ft_dict_set_item(copy, k, typedict_slots(d)[2 * i + 1]) < 0)
            goto done;
    }
    res = ft_mappingproxy_new_ref(copy);
done:
    ft_decref(copy);
    return res;
}

/* --- type: __annotate__ and __annotations__ (PEP 649 / 749) --- */

// A heap type's dict, or NULL with AttributeError "type object 'T' has no attribute 'attr'"
// (static types have no annotations).
static FtObject *
annotations_dict_borrow(FtTypeObject *type, const char *attr)
{
    if (ft_type_is_heap(type) && type->tp_dict != NULL && ft_dict_check(type->tp_dict))
        return type->tp_dict;
    ft_error_format(&ft_exc_attribute_error, "type object '%.100s' has no attribute '%s'",
                    type->tp_name, attr);
    return NULL;
}

// Removes key from the dict when present. 0 or -1.
static int
dict_discard_str(FtObject *dict, const char *key)
{
    FtObject *k = ft_str_intern_cstr_ref(key);
    if (k == NULL)
        return -1;
    int r = ft_dict_del_item(dict, k);
    ft_decref(k);
    if (r < 0 && ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        r = 0;
    }
    return r;
}

// type.__annotate__: the class body's annotate function (stored as __annotate_func__; an
// explicit __annotate__ in the class dict wins), or None, which is then remembered.
static FtObject *
type_get_annotate(FtObject *self, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    FtObject *dict = annotations_dict_borrow(type, "__annotate__"), *fn = NULL;
    if (dict == NULL)
        return NULL;
    int r = ft_dict_get_item_str_ref(dict, "__annotate__", &fn);
    if (r == 0)
        r = ft_dict_get_item_str_ref(dict, "__annotate_func__", &fn);
    if (r < 0)
        return NULL;
    if (r > 0) {
        FtDescrGetFunc get = fn->ob_type->tp_descr_get;
        if (get != NULL) {
            FtObject *bound = get(fn, NULL, self);
            ft_decref(fn);
            return bound;
        }
        return fn;
    }
    int w;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    w = ft_dict_set_item_str(dict, "__annotate_func__", FT_NONE);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (w < 0)
        return NULL;
    ft_type_modified(type);
    return ft_none_ref();
}

static int
type_set_annotate(FtObject *self, FtObject *value, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (value == NULL) {
        ft_error_format(&ft_exc_type_error, "cannot delete __annotate__ attribute");
        return -1;
    }
    if (type->tp_flags & FT_TPFLAGS_IMMUTABLETYPE) {
        ft_error_format(&ft_exc_type_error, "cannot set '__annotate__' attribute of immutable "
                        "type '%s'", type->tp_name);
        return -1;
    }
    if (value != FT_NONE && value->ob_type->tp_call == NULL) {
        ft_error_format(&ft_exc_type_error, "__annotate__ must be callable or None");
        return -1;
    }
    FtObject *dict = annotations_dict_borrow(type, "__annotate__");
    if (dict == NULL)
        return -1;
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    r = ft_dict_set_item_str(dict, "__annotate_func__", value);
    if (r == 0 && value != FT_NONE)
        r = dict_discard_str(dict, "__annotations_cache__");
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_type_modified(type);
    return r;
}

// type.__annotations__: an explicit __annotations__ of the class body, else the cached result of
// calling __annotate__(1) once (an empty dict when there is none), kept as __annotations_cache__.
static FtObject *
type_get_annotations(FtObject *self, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    FtObject *dict = annotations_dict_borrow(type, "__annotations__"), *ann = NULL;
    if (dict == NULL)
        return NULL;
    int r = ft_dict_get_item_str_ref(dict, "__annotations__", &ann);
    if (r == 0)
        r = ft_dict_get_item_str_ref(dict, "__annotations_cache__", &ann);
    if (r < 0)
        return NULL;
    if (r > 0) {
        FtDescrGetFunc get = ann->ob_type->tp_descr_get;
        if (get != NULL) {
            FtObject *bound = get(ann, NULL, self);
            ft_decref(ann);
            return bound;
        }
        return ann;
    }
    FtObject *annotate = type_get_annotate(self, NULL);
    if (annotate == NULL)
        return NULL;
    if (annotate != FT_NONE && annotate->ob_type->tp_call != NULL) {
        FtObject *one = ft_int_from_int64_ref(1);
        ann = one != NULL ? ft_object_call_one_arg_ref(annotate, one) : NULL;
        ft_xdecref(one);
        if (ann != NULL && !ft_dict_check(ann)) {
            ft_error_format(&ft_exc_type_error, "__annotate__ returned non-dict of type '%.100s'",
                            ann->ob_type->tp_name);
            ft_decref(ann);
            ann = NULL;
        }
    } else {
        ann = ft_dict_new_ref();
    }
    ft_decref(annotate);
    if (ann == NULL)
        return NULL;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    r = ft_dict_set_item_str(dict, "__annotations_cache__", ann);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (r < 0) {
        ft_decref(ann);
        return NULL;
    }
    ft_type_modified(type);
    return ann;
}

static int
type_set_annotations(FtObject *self, FtObject *value, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (type->tp_flags & FT_TPFLAGS_IMMUTABLETYPE) {
        ft_error_format(&ft_exc_type_error, "cannot set '__annotations__' attribute of immutable "
                        "type '%s'", type->tp_name);
        return -1;
    }
    FtObject *dict = annotations_dict_borrow(type, "__annotations__");
    if (dict == NULL)
        return -1;
    int r = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    FtObject *explicit_ann = NULL;
    int has_explicit = ft_dict_get_item_str_ref(dict, "__annotations__", &explicit_ann);
    ft_xdecref(explicit_ann);
    const char *key = has_explicit > 0 ? "__annotations__" : "__annotations_cache__";
    if (has_explicit < 0) {
        r = -1;
    } else if (value != NULL) {
        r = ft_dict_set_item_str(dict, key, value);
    } else {
        FtObject *k = ft_str_intern_cstr_ref(key);
        r = k != NULL ? ft_dict_del_item(dict, k) : -1;
        ft_xdecref(k);
        if (r < 0 && ft_error_matches(&ft_exc_key_error)) {
            ft_error_clear();
            ft_error_format(&ft_exc_attribute_error, "__annotations__");
        }
    }
    if (r == 0 && value != NULL)
        r = dict_discard_str(dict, "__annotate_func__");
    if (r == 0 && value != NULL)
        r = dict_discard_str(dict, "__annotate__");
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_type_modified(type);
    return r;
}

/* --- type: layout, signature, type parameters and abstract methods --- */

static FtObject *
type_get_basicsize(FtObject *self, void *closure)
{
    return ft_int_from_int64_ref(((FtTypeObject *)self)->tp_basicsize);
}

static FtObject *
type_get_itemsize(FtObject *self, void *closure)
{
    return ft_int_from_int64_ref(((FtTypeObject *)self)->tp_itemsize);
}

// ftpy keeps a class's instance dict in the pre-header rather than at an offset, so (as CPython's
// managed dicts) a positive offset is never reported.
static FtObject *
type_get_dictoffset(FtObject *self, void *closure)
{
    Ft_ssize off = ((FtTypeObject *)self)->tp_dictoffset;
    return ft_int_from_int64_ref(off > 0 ? off : 0);
}

static FtObject *
type_get_weakrefoffset(FtObject *self, void *closure)
{
    Ft_ssize off = ((FtTypeObject *)self)->tp_weaklistoffset;
    return ft_int_from_int64_ref(off > 0 ? off : 0);
}

static FtObject *
type_get_flags(FtObject *self, void *closure)
{
    uint64_t flags = ((FtTypeObject *)self)->tp_flags;   // see type_set_abstractmethods
    return ft_int_from_int64_ref((int64_t)(flags & 0xffffffffu));
}

// The "(...)" part of a static type's tp_doc that starts "name(...)\n--\n\n" (ft_doc_split, with
// the name after the module's dot), else None.
static FtObject *
type_get_text_signature(FtObject *self, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (ft_type_is_heap(type) || type->tp_doc == NULL)
        return ft_none_ref();
    const char *name = strrchr(type->tp_name, '.');
    const char *sig;
    size_t len;
    ft_doc_split(name != NULL ? name + 1 : type->tp_name, type->tp_doc, &sig, &len);
    return sig != NULL ? ft_str_from_utf8_ref(sig, (Ft_ssize)len) : ft_none_ref();
}

static FtObject *
type_get_type_params(FtObject *self, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (type == &ft_type_type)
        return ft_tuple_new_ref(0);
    FtObject *key = ft_str_intern_cstr_ref("__type_params__");
    if (key == NULL)
        return NULL;
    FtObject *params = ft_type_dict_get_ref(type, key);
    ft_decref(key);
    if (params == NULL)
        return ft_error_occurred() ? NULL : ft_tuple_new_ref(0);
    return params;
}

static int
type_set_type_params(FtObject *self, FtObject *value, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (check_settable(type, value, "__type_params__") < 0)
        return -1;
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    r = ft_dict_set_item_str(type->tp_dict, "__type_params__", value);
    FT_END_CRITICAL_SECTION_OBJECT();
    if (r == 0)
        ft_type_modified(type);
    return r;
}

// The abstract-method set lives in the class dict (as CPython), so `type` itself, whose dict
// holds this very descriptor, reports it absent.
static FtObject *
type_get_abstractmethods(FtObject *self, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    FtObject *res = NULL;
    if (type != &ft_type_type) {
        FtObject *key = ft_str_intern_cstr_ref("__abstractmethods__");
        if (key == NULL)
            return NULL;
        res = ft_type_dict_get_ref(type, key);
        ft_decref(key);
        if (res == NULL && ft_error_occurred())
            return NULL;
    }
    if (res == NULL)
        ft_error_set_string(&ft_exc_attribute_error, "__abstractmethods__");
    return res;
}

static int
type_set_abstractmethods(FtObject *self, FtObject *value, void *closure)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (!ft_type_is_heap(type) || !ft_dict_check(type->tp_dict)) {
        ft_error_format(&ft_exc_type_error, "cannot set '__abstractmethods__' attribute of "
                        "immutable type '%s'", type->tp_name);
        return -1;
    }
    int abstract = 0;
    if (value != NULL) {
        abstract = ft_object_is_true(value);
        if (abstract < 0)
            return -1;
    }
    FtObject *key = ft_str_intern_cstr_ref("__abstractmethods__");
    if (key == NULL)
        return -1;
    int r;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    r = value != NULL ? ft_dict_set_item(type->tp_dict, key, value)
                      : ft_dict_del_item(type->tp_dict, key);
    bool was_abstract = (type->tp_flags & FT_TPFLAGS_IS_ABSTRACT) != 0;
    if (r == 0 && was_abstract != (abstract != 0)) {
        // Every thread reads tp_flags plainly: change the bit with the world stopped (object
        // mutexes rank above the stop-the-world, so the section may stay open across it).
        FtInterp *interp = ft_thread_state_current()->interp;
        ft_stop_the_world(interp);
        if (abstract)
            type->tp_flags |= FT_TPFLAGS_IS_ABSTRACT;
        else
            type->tp_flags &= ~(uint64_t)FT_TPFLAGS_IS_ABSTRACT;
        ft_start_the_world(interp);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(key);
    if (r < 0 && value == NULL && ft_error_matches(&ft_exc_key_error)) {
        ft_error_clear();
        ft_error_set_string(&ft_exc_attribute_error, "__abstractmethods__");
    }
    if (r == 0)
        ft_type_modified(type);
    return r;
}

// TypeError "Can't instantiate abstract class A without an implementation for abstract
// method(s) 'f', 'g'" (names sorted). Always returns NULL.
static FtObject *
abstract_instantiation_error(FtTypeObject *type)
{
    FtObject *methods = type_get_abstractmethods((FtObject *)type, NULL);
    if (methods == NULL)
        return NULL;
    FtObject *sorted = ft_list_new_ref(0), *joined = NULL, *sep = NULL;
    if (sorted == NULL || ft_list_extend(sorted, methods) < 0 || ft_list_sort(sorted, NULL, false) < 0)
        goto done;
    sep = ft_str_from_cstr_ref("', '");
    if (sep == NULL)
        goto done;
    joined = ft_object_call_method_cstr_ref(sep, "join", &sorted, 1);
    if (joined == NULL)
        goto done;
    ft_error_format(&ft_exc_type_error, "Can't instantiate abstract class %s without an "
                    "implementation for abstract method%s '%U'", type->tp_name,
                    ft_list_size(sorted) > 1 ? "s" : "", joined);
done:
    ft_decref(methods);
    ft_xdecref(sorted);
    ft_xdecref(sep);
    ft_xdecref(joined);
    return NULL;
}

static FtObject *
type_instancecheck(FtObject *self, FtObject *inst)
{
    int r = ft_object_real_is_instance(inst, self);
    return r < 0 ? NULL : ft_bool_from(r);
}

static FtObject *
type_subclasscheck(FtObject *self, FtObject *derived)
{
    int r = ft_object_real_is_subclass(derived, self);
    return r < 0 ? NULL : ft_bool_from(r);
}

static FtObject *
type_sizeof(FtObject *self)
{
    FtTypeObject *type = (FtTypeObject *)self;
    Ft_ssize size = ft_type_is_heap(type) ? (Ft_ssize)sizeof(FtHeapTypeObject)
                                          : (Ft_ssize)sizeof(FtTypeObject);
    return ft_int_from_int64_ref(size);
}

static const FtGetSetDef type_getset[] = {
    {.name = "__name__", .get = type_get_name, .set = type_set_name},
    {.name = "__qualname__", .get = type_get_qualname, .set = type_set_qualname},
    {.name = "__module__", .get = type_get_module, .set = type_set_module},
    {.name = "__mro__", .get = type_get_mro},
    {.name = "__bases__", .get = type_get_bases, .set = type_set_bases},
    {.name = "__base__", .get = type_get_base},
    {.name = "__doc__", .get = type_get_doc, .set = type_set_doc},
    {.name = "__dict__", .get = type_get_dict},
    {.name = "__annotations__", .get = type_get_annotations, .set = type_set_annotations},
    {.name = "__annotate__", .get = type_get_annotate, .set = type_set_annotate},
    {.name = "__basicsize__", .get = type_get_basicsize},
    {.name = "__itemsize__", .get = type_get_itemsize},
    {.name = "__dictoffset__", .get = type_get_dictoffset},
    {.name = "__weakrefoffset__", .get = type_get_weakrefoffset},
    {.name = "__flags__", .get = type_get_flags},
    {.name = "__text_signature__", .get = type_get_text_signature},
    {.name = "__type_params__", .get = type_get_type_params, .set = type_set_type_params},
    {.name = "__abstractmethods__", .get = type_get_abstractmethods,
     .set = type_set_abstractmethods},
    {0},
};

static FtObject *
type_prepare(FtObject *cls, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    return ft_dict_new_ref();
}

static FtObject *
type_subclasses(FtObject *self)
{
    FtTypeObject *type = (FtTypeObject *)self;
    if (!ft_type_is_heap(type))
        return ft_list_new_ref(0);   // TODO(#4): static types' subclass lists
    FtObject *res;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(type);
    FtObject *subs = ((FtHeapTypeObject *)type)->ht_subclasses;
    res = ft_list_new_ref(0);
    if (res != NULL && subs != NULL && ft_list_extend(res, subs) < 0) {
        ft_decref(res);
        res = NULL;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    return res;
}

static FtObject *
type_mro_method(FtObject *self)
{
    FtTypeObject *type = (FtTypeObject *)self;
    FtObject *res = ft_list_new_ref(0);
    if (res != NULL && type->tp_mro != NULL && ft_list_extend(res, type->tp_mro) < 0) {
        ft_decref(res);
        res = NULL;
    }
    return res;
}

// type.__dir__: the names in the class's dict and its bases' dicts (its MRO), but not the
// metaclass's attributes.
static FtObject *
type_dir(FtObject *self)
{
    FtObject *acc = ft_dict_new_ref(), *res = NULL;
    if (acc == NULL)
        return NULL;
    FtTypeObject *type = (FtTypeObject *)self;
    FtObject *mro = type->tp_mro;
    if (mro == NULL) {
        if (merge_type_keys(acc, type) < 0)
            goto done;
    }
    for (Ft_ssize i = 0; mro != NULL && i < ft_tuple_size(mro); i++) {
        if (merge_type_keys(acc, (FtTypeObject *)ft_tuple_get_item_borrow(mro, i)) < 0)
            goto done;
    }
    FtObject *keys = ft_object_call_method_cstr_ref(acc, "keys", NULL, 0);
    FtObject *items = keys != NULL ? ft_sequence_tuple_ref(keys) : NULL;
    if (items != NULL) {
        res = ft_list_new_ref(0);
        if (res != NULL && ft_list_extend(res, items) < 0) {
            ft_decref(res);
            res = NULL;
        }
        ft_decref(items);
    }
    ft_xdecref(keys);
done:
    ft_decref(acc);
    return res;
}

static const FtMethodDef type_methods[] = {
    {.name = "__dir__", .fn.noargs = type_dir, .flags = FT_METH_NOARGS,
     .doc = "Specialized __dir__ implementation for types."},
    {.name = "__prepare__", .fn.fast_kw = type_prepare,
     .flags = FT_METH_FASTCALL | FT_METH_KEYWORDS | FT_METH_CLASS,
     .doc = "Create the namespace for the class statement"},
    {.name = "__instancecheck__", .fn.o = type_instancecheck, .flags = FT_METH_O,
     .doc = "Check if an object is an instance."},
    {.name = "__subclasscheck__", .fn.o = type_subclasscheck, .flags = FT_METH_O,
     .doc = "Check if a class is a subclass."},
    {.name = "__sizeof__", .fn.noargs = type_sizeof, .flags = FT_METH_NOARGS,
     .doc = "Return memory consumption of the type object."},
    {.name = "__subclasses__", .fn.noargs = type_subclasses, .flags = FT_METH_NOARGS,
     .doc = "Return a list of immediate subclasses."},
    {.name = "mro", .fn.noargs = type_mro_method, .flags = FT_METH_NOARGS,
     .doc = "Return a type's method resolution order."},
    {0},
};

static FtNumberMethods type_as_number = {
    .nb_or = ft_union_or_ref,
};

FtTypeObject ft_type_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "type",
    .tp_basicsize = sizeof(FtHeapTypeObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_BASETYPE | FT_TPFLAGS_IMMUTABLETYPE |
                FT_TPFLAGS_TYPE_SUBCLASS,
    .tp_dealloc = type_dealloc,
    .tp_traverse = type_traverse,
    .tp_repr = type_repr,
    .tp_as_number = &type_as_number,
    .tp_call = ft_type_call_ref,
    .tp_getattro = type_getattro,
    .tp_setattro = type_setattro,
    .tp_init = type_init,
    .tp_new = ft_type_new_heap,
    .tp_methods = type_methods,
    .tp_getset = type_getset,
    .tp_doc = "type(object) -> the object's type\ntype(name, bases, dict, **kwds) -> a new type",
};

int
ft_type_init_types(void)
{
    if (ft_type_ready(&ft_base_object_type) < 0 || ft_type_ready(&ft_type_type) < 0 ||
        ft_type_ready(&typedict_type) < 0)
        return -1;
    return 0;
}

int
ft_type_init_late_types(void)
{
    return ft_type_ready(&ft_mappingproxy_type);
}

int
ft_type_add_attribute(FtTypeObject *type, const char *name, FtObject *value)
{
    FtObject *key = ft_str_intern_cstr_ref(name);
    if (key == NULL)
        return -1;
    int r = -1;
    if (typedict_get_borrow(type->tp_dict, key) != NULL)
        ft_error_format(&ft_exc_system_error, "%s.%s is already defined", type->tp_name, name);
    else
        r = typedict_set_unlocked(type->tp_dict, key, value);
    ft_decref(key);
    return r;
}

// objects/code.c: code objects (CPython's Objects/codeobject.c), in CPython 3.14's format.
//
// Owns: the `code` type, its constructor from an FtCodeSpec, the decoders of the location table
// (co_positions, co_lines, ft_code_line) and of the exception table (ft_code_find_handler), and the
// co_* attributes that `dis` and `inspect` read.
//
// Layout: FtCodeObject (objects/code.h), then ob_size 16-bit code units (co_code_adaptive). The
// localsplus kinds byte string tells which names are plain locals (FT_CO_FAST_LOCAL), cells
// (FT_CO_FAST_CELL, possibly also a parameter) and free variables (FT_CO_FAST_FREE).
//
// Invariant: every field except the adaptive code units is immutable once ft_code_new_ref returns;
// co_nlocals/co_ncellvars/co_nfreevars equal the counts of the kinds bits; co_framesize ==
// co_nlocalsplus + co_stacksize.
//
// Concurrency (thread-safety table):
//   reading co_* fields, the tables            lock-free (immutable after publication)
//   co_code (de-specialized copy)              lock-free; the code units are read with relaxed loads
//                                              because the specializer of copy 0 may rewrite them
//                                              (relaxed: any value read de-specializes to the same
//                                              base opcode, and caches are reported as zeros)
//
// Formats: InternalDocs/code_objects.md and InternalDocs/exception_handling.md in CPython 3.14.
// The location table is a sequence of entries, each covering 1..8 code units; the exception table a
// sequence of (start, length, target, depth << 1 | lasti) varints in code units.
#include <math.h>     // copysign
#include <stdlib.h>   // malloc free
#include <stddef.h>   // offsetof
#include <stdint.h>   // uint8_t uint16_t
#include <stdio.h>    // snprintf
#include <string.h>   // memcpy

#include "objects/code.h"

#include "eval/opcode.h"          // ft_opcode_deopt ft_opcode_cache_size
#include "objects/abstract.h"     // ft_object_get_iter_ref ft_iter_next_ref
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytes.h"        // ft_bytes_*
#include "objects/complex.h"      // ft_complex_*
#include "objects/error.h"        // ft_error_* ft_exc_*
#include "objects/float.h"        // ft_float_*
#include "objects/int.h"          // ft_int_*
#include "objects/list.h"         // ft_list_*
#include "objects/method_def.h"   // FtMethodDef FtMemberDef FtGetSetDef
#include "objects/object.h"       // ft_object_*
#include "objects/set.h"          // ft_frozenset_* ft_set_*
#include "objects/slice.h"        // ft_slice_*
#include "objects/str.h"          // ft_str_*
#include "objects/tuple.h"        // ft_tuple_*
#include "objects/type.h"         // ft_type_ready
#include "objects/warnings.h"     // ft_warn
#include "runtime/refcount.h"     // ft_object_set_deferred
#include "sync/atomic.h"          // ft_atomic_load_uint16_relaxed ft_atomic_cas_ssize_relaxed

// Location table entry codes (the 4 bits after the top bit of an entry's first byte).
enum {
    LOC_SHORT0 = 0,       // 0..9: same line, column in 8-column groups
    LOC_ONE_LINE0 = 10,   // 10..12: line delta 0..2, one byte per column
    LOC_NO_COLUMNS = 13,
    LOC_LONG = 14,
    LOC_NONE = 15,
};

/* --- Table decoding --- */

// A cursor over the location table: one entry at a time, tracking the current line.
typedef struct LocCursor {
    const uint8_t *p, *end;
    int line;          // the line the deltas are relative to
    Ft_ssize unit;     // first code unit of the entry just read
    Ft_ssize length;   // code units it covers
    int lineno, end_lineno, col, end_col;   // -1 when absent
} LocCursor;

static void
loc_cursor_init(LocCursor *c, const FtCodeObject *code)
{
    c->p = (const uint8_t *)ft_bytes_data(code->co_linetable);
    c->end = c->p + ft_bytes_size(code->co_linetable);
    c->line = code->co_firstlineno;
    c->unit = 0;
    c->length = 0;
}

static unsigned
loc_read_varint(LocCursor *c)
{
    unsigned val = 0;
    int shift = 0;
    while (c->p < c->end) {
        uint8_t b = *c->p++;
        val |= (unsigned)(b & 63) << shift;
        shift += 6;
        if ((b & 64) == 0 || shift > 30)
            break;
    }
    return val;
}

static int
loc_read_svarint(LocCursor *c)
{
    unsigned u = loc_read_varint(c);
    return (u & 1) ? -(int)(u >> 1) : (int)(u >> 1);
}

static uint8_t
loc_read_byte(LocCursor *c)
{
    return c->p < c->end ? *c->p++ : 0;
}

// Reads the next entry. Returns false at the end of the table (or on a malformed one).
static bool
loc_cursor_next(LocCursor *c)
{
    c->unit += c->length;
    if (c->p >= c->end)
        return false;
    uint8_t first = *c->p++;
    if ((first & 0x80) == 0)
        return false;
    int code = (first >> 3) & 15;
    c->length = (first & 7) + 1;
    c->col = c->end_col = -1;
    if (code == LOC_NONE) {
        c->lineno = c->end_lineno = -1;
        return true;
    }
    if (code == LOC_LONG) {
        c->line += loc_read_svarint(c);
        c->lineno = c->line;
        c->end_lineno = c->line + (int)loc_read_varint(c);
        c->col = (int)loc_read_varint(c) - 1;
        c->end_col = (int)loc_read_varint(c) - 1;
        return true;
    }
    if (code == LOC_NO_COLUMNS) {
        c->line += loc_read_svarint(c);
        c->lineno = c->end_lineno = c->line;
        return true;
    }
    if (code >= LOC_ONE_LINE0) {
        c->line += code - LOC_ONE_LINE0;
        c->lineno = c->end_lineno = c->line;
        c->col = loc_read_byte(c);
        c->end_col = loc_read_byte(c);
        return true;
    }
    uint8_t second = loc_read_byte(c);
    c->lineno = c->end_lineno = c->line;
    c->col = code * 8 + ((second >> 4) & 7);
    c->end_col = c->col + (second & 15);
    return true;
}

int
ft_code_positions(const FtCodeObject *code, Ft_ssize unit, int *line, int *end_line, int *col,
                  int *end_col)
{
    if (unit < 0 || unit >= ((const FtVarObject *)code)->ob_size)
        return -1;
    LocCursor c;
    loc_cursor_init(&c, code);
    while (loc_cursor_next(&c)) {
        if (unit < c.unit + c.length) {
            *line = c.lineno;
            *end_line = c.end_lineno;
            *col = c.col;
            *end_col = c.end_col;
            return 0;
        }
    }
    *line = *end_line = *col = *end_col = -1;
    return 0;
}

int
ft_code_line(const FtCodeObject *code, Ft_ssize unit)
{
    int line, end_line, col, end_col;
    if (ft_code_positions(code, unit, &line, &end_line, &col, &end_col) < 0)
        return -1;
    return line;
}

// Exception table varints: 6-bit groups, most significant first, 0x40 = more follow.
static Ft_ssize
exc_read_varint(const uint8_t **pp, const uint8_t *end)
{
    const uint8_t *p = *pp;
    if (p >= end)
        return -1;
    Ft_ssize val = *p & 63;
    while ((*p & 64) != 0 && p + 1 < end && val < ((Ft_ssize)1 << 40)) {
        p++;
        val = (val << 6) | (*p & 63);
    }
    *pp = p + 1;
    return val;
}

int
ft_code_find_handler(const FtCodeObject *code, Ft_ssize unit, Ft_ssize *handler, int *depth,
                     bool *push_lasti)
{
    const uint8_t *p = (const uint8_t *)ft_bytes_data(code->co_exceptiontable);
    const uint8_t *end = p + ft_bytes_size(code->co_exceptiontable);
    while (p < end) {
        Ft_ssize start = exc_read_varint(&p, end);
        Ft_ssize length = exc_read_varint(&p, end);
        Ft_ssize target = exc_read_varint(&p, end);
        Ft_ssize dl = exc_read_varint(&p, end);
        if (start < 0 || length < 0 || target < 0 || dl < 0)
            return 0;
        if (unit < start)
            return 0;   // entries are sorted by start
        if (unit < start + length) {
            *handler = target;
            *depth = (int)(dl >> 1);
            *push_lasti = (dl & 1) != 0;
            return 1;
        }
    }
    return 0;
}

/* --- Constant keys (CPython's _PyCode_ConstantKey) --- */

static bool
is_negative_zero(double d)
{
    return d == 0.0 && copysign(1.0, d) < 0.0;
}

// (k, op): a container key from its items' key k.
static FtObject *
pair_steal_ref(FtObject *k, FtObject *op)
{
    if (k == NULL)
        return NULL;
    FtObject *res = ft_tuple_pack_ref(2, k, op);
    ft_decref(k);
    return res;
}

static FtObject *
tuple_key_ref(FtObject *op)
{
    Ft_ssize n = ft_tuple_size(op);
    FtObject *keys = ft_tuple_new_ref(n);
    if (keys == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *k = ft_code_constant_key_ref(ft_tuple_get_item_borrow(op, i));
        if (k == NULL) {
            ft_decref(keys);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(keys, i, k);
    }
    return pair_steal_ref(keys, op);
}

static FtObject *
frozenset_key_ref(FtObject *op)
{
    FtObject *keys = ft_set_new_ref(NULL);
    FtObject *it = keys != NULL ? ft_object_get_iter_ref(op) : NULL;
    if (it == NULL)
        goto error;
    for (;;) {
        FtObject *item;
        int r = ft_iter_next_ref(it, &item);
        if (r < 0)
            goto error;
        if (r == 0)
            break;
        FtObject *k = ft_code_constant_key_ref(item);
        ft_decref(item);
        if (k == NULL)
            goto error;
        r = ft_set_add(keys, k);
        ft_decref(k);
        if (r < 0)
            goto error;
    }
    ft_decref(it);
    FtObject *frozen = ft_frozenset_new_ref(keys);
    ft_decref(keys);
    return pair_steal_ref(frozen, op);
error:
    ft_xdecref(it);
    ft_xdecref(keys);
    return NULL;
}

static FtObject *
slice_key_ref(FtObject *op)
{
    FtSliceObject *s = (FtSliceObject *)op;
    FtObject *a = ft_code_constant_key_ref(s->start);
    FtObject *b = a != NULL ? ft_code_constant_key_ref(s->stop) : NULL;
    FtObject *c = b != NULL ? ft_code_constant_key_ref(s->step) : NULL;
    FtObject *k = c != NULL ? ft_slice_new_ref(a, b, c) : NULL;
    ft_xdecref(a);
    ft_xdecref(b);
    ft_xdecref(c);
    return pair_steal_ref(k, op);
}

FtObject *
ft_code_constant_key_ref(FtObject *op)
{
    if (op == FT_NONE || op == FT_ELLIPSIS || ft_object_is_exact(op, &ft_int_type) ||
        ft_object_is_exact(op, &ft_str_type) || ft_code_check(op))
        return ft_new_ref(op);
    if (ft_object_is_exact(op, &ft_bool_type) || ft_object_is_exact(op, &ft_bytes_type))
        return ft_tuple_pack_ref(2, (FtObject *)op->ob_type, op);
    if (ft_object_is_exact(op, &ft_float_type)) {
        if (is_negative_zero(ft_float_value(op)))
            return ft_tuple_pack_ref(3, (FtObject *)op->ob_type, op, FT_NONE);
        return ft_tuple_pack_ref(2, (FtObject *)op->ob_type, op);
    }
    if (ft_object_is_exact(op, &ft_complex_type)) {
        FtComplex c = ft_complex_value(op);
        bool real_nz = is_negative_zero(c.real), imag_nz = is_negative_zero(c.imag);
        FtObject *tag = real_nz && imag_nz ? FT_TRUE : imag_nz ? FT_FALSE : real_nz ? FT_NONE : NULL;
        if (tag != NULL)
            return ft_tuple_pack_ref(3, (FtObject *)op->ob_type, op, tag);
        return ft_tuple_pack_ref(2, (FtObject *)op->ob_type, op);
    }
    if (ft_object_is_exact(op, &ft_tuple_type))
        return tuple_key_ref(op);
    if (ft_object_is_exact(op, &ft_frozenset_type))
        return frozenset_key_ref(op);
    if (ft_slice_check(op))
        return slice_key_ref(op);
    // Any other object is only ever equal to itself.
    FtObject *id = ft_int_from_int64_ref((int64_t)(intptr_t)op);
    return pair_steal_ref(id, op);
}

/* --- Construction --- */

// True if s consists of ASCII letters, digits and underscores only (CPython's all_name_chars).
static bool
all_name_chars(FtObject *s)
{
    FtStrObject *so = (FtStrObject *)s;
    if (!so->ascii)
        return false;
    const unsigned char *p = (const unsigned char *)ft_str_data(s);
    for (Ft_ssize i = 0; i < so->length; i++) {
        unsigned char ch = p[i];
        if (!((ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') ||
              ch == '_'))
            return false;
    }
    return true;
}

// A copy of tuple with its str items interned (only those that look like identifiers when
// identifiers_only; nested tuples are walked the same way). A new reference, or NULL.
static FtObject *
intern_tuple_ref(FtObject *tuple, bool identifiers_only)
{
    Ft_ssize n = ft_tuple_size(tuple);
    FtObject *res = ft_tuple_new_ref(n);
    if (res == NULL)
        return NULL;
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *item = ft_tuple_get_item_borrow(tuple, i);
        FtObject *repl;
        if (ft_object_is_exact(item, &ft_str_type) && (!identifiers_only || all_name_chars(item)))
            repl = ft_str_intern_ref(item);
        else if (identifiers_only && ft_object_is_exact(item, &ft_tuple_type))
            repl = intern_tuple_ref(item, true);
        else
            repl = ft_new_ref(item);
        if (repl == NULL) {
            ft_decref(res);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(res, i, repl);
    }
    return res;
}

static bool
is_str_tuple(FtObject *t)
{
    if (t == NULL || !ft_tuple_check(t))
        return false;
    for (Ft_ssize i = 0; i < ft_tuple_size(t); i++)
        if (!ft_str_check(ft_tuple_get_item_borrow(t, i)))
            return false;
    return true;
}

static int
check_spec(const FtCodeSpec *spec)
{
    if (spec->filename == NULL || !ft_str_check(spec->filename) || spec->name == NULL ||
        !ft_str_check(spec->name) || spec->qualname == NULL || !ft_str_check(spec->qualname) ||
        spec->consts == NULL || !ft_tuple_check(spec->consts) || !is_str_tuple(spec->names) ||
        !is_str_tuple(spec->localsplusnames) || spec->localspluskinds == NULL ||
        !ft_bytes_check(spec->localspluskinds) || spec->linetable == NULL ||
        !ft_bytes_check(spec->linetable) || spec->exceptiontable == NULL ||
        !ft_bytes_check(spec->exceptiontable)) {
        ft_error_set_string(&ft_exc_type_error, "code: bad argument types");
        return -1;
    }
    if (ft_bytes_size(spec->localspluskinds) != ft_tuple_size(spec->localsplusnames)) {
        ft_error_set_string(&ft_exc_value_error,
                            "code: localsplusnames and localspluskinds differ in length");
        return -1;
    }
    if (spec->argcount < spec->posonlyargcount || spec->posonlyargcount < 0 ||
        spec->kwonlyargcount < 0 || spec->stacksize < 0 || spec->code_units < 0 ||
        (spec->code_units > 0 && spec->code == NULL)) {
        ft_error_set_string(&ft_exc_value_error, "code: argument out of range");
        return -1;
    }
    return 0;
}

FtObject *
ft_code_new_ref(const FtCodeSpec *spec)
{
    if (check_spec(spec) < 0)
        return NULL;
    const uint8_t *kinds = (const uint8_t *)ft_bytes_data(spec->localspluskinds);
    Ft_ssize nplus = ft_bytes_size(spec->localspluskinds);
    int nlocals = 0, ncells = 0, nfree = 0;
    for (Ft_ssize i = 0; i < nplus; i++) {
        if (kinds[i] & FT_CO_FAST_LOCAL)
            nlocals++;
        if (kinds[i] & FT_CO_FAST_CELL)
            ncells++;
        if (kinds[i] & FT_CO_FAST_FREE)
            nfree++;
    }
    int nargs = spec->argcount + spec->kwonlyargcount + ((spec->flags & FT_CO_VARARGS) != 0) +
                ((spec->flags & FT_CO_VARKEYWORDS) != 0);
    if (nargs > nlocals) {
        ft_error_set_string(&ft_exc_value_error, "code: co_varnames is too small");
        return NULL;
    }
    FtCodeObject *co = (FtCodeObject *)ft_object_new_of_type(&ft_code_type, spec->code_units);
    if (co == NULL)
        return NULL;
    co->co_filename = ft_new_ref(spec->filename);
    co->co_name = ft_str_intern_ref(spec->name);
    co->co_qualname = ft_new_ref(spec->qualname);
    co->co_consts = intern_tuple_ref(spec->consts, true);
    co->co_names = intern_tuple_ref(spec->names, false);
    co->co_localsplusnames = intern_tuple_ref(spec->localsplusnames, false);
    co->co_localspluskinds = ft_new_ref(spec->localspluskinds);
    co->co_linetable = ft_new_ref(spec->linetable);
    co->co_exceptiontable = ft_new_ref(spec->exceptiontable);
    co->co_flags = spec->flags;
    co->co_argcount = spec->argcount;
    co->co_posonlyargcount = spec->posonlyargcount;
    co->co_kwonlyargcount = spec->kwonlyargcount;
    co->co_stacksize = spec->stacksize;
    co->co_firstlineno = spec->firstlineno;
    co->co_nlocalsplus = (int)nplus;
    co->co_framesize = (int)nplus + spec->stacksize;
    co->co_nlocals = nlocals;
    co->co_ncellvars = ncells;
    co->co_nfreevars = nfree;
    co->co_weakreflist = NULL;
    if (spec->code_units > 0)
        memcpy(co->co_code_adaptive, spec->code, (size_t)spec->code_units * sizeof(uint16_t));
    if (co->co_name == NULL || co->co_consts == NULL || co->co_names == NULL ||
        co->co_localsplusnames == NULL) {
        ft_decref((FtObject *)co);
        return NULL;
    }
    ft_object_set_deferred((FtObject *)co);
    return (FtObject *)co;
}

/* --- Slots --- */

static void
code_dealloc(FtObject *op)
{
    FtCodeObject *co = (FtCodeObject *)op;
    ft_xdecref(co->co_consts);
    ft_xdecref(co->co_names);
    ft_xdecref(co->co_localsplusnames);
    ft_xdecref(co->co_localspluskinds);
    ft_xdecref(co->co_filename);
    ft_xdecref(co->co_name);
    ft_xdecref(co->co_qualname);
    ft_xdecref(co->co_linetable);
    ft_xdecref(co->co_exceptiontable);
    ft_object_free_memory(op);
}

// The collector finds code objects through this (they use deferred reference counting, so only
// the collector frees them, as CPython's free-threaded build does).
static int
code_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtCodeObject *co = (FtCodeObject *)op;
    FtObject *fields[] = {co->co_consts, co->co_names, co->co_localsplusnames,
                          co->co_localspluskinds, co->co_filename, co->co_name, co->co_qualname,
                          co->co_linetable, co->co_exceptiontable};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i] != NULL) {
            int r = visit(fields[i], arg);
            if (r != 0)
                return r;
        }
    }
    return 0;
}

// The code unit at i read for comparison and hashing: the base opcode and its oparg (the specializer
// of copy 0 may rewrite units meanwhile; relaxed: every value read de-specializes the same).
static void
code_unit_at(const FtCodeObject *co, Ft_ssize i, int *op, int *arg)
{
    uint16_t unit = ft_atomic_load_uint16_relaxed((uint16_t *)&co->co_code_adaptive[i]);
    int base = ft_opcode_deopt(unit & 0xff);
    *op = base >= 0 ? base : (unit & 0xff);
    *arg = unit >> 8;
}

// CPython's code_hash: the name, tables, counts and de-specialized instructions, scrambled.
static Ft_hash
code_hash(FtObject *op)
{
    FtCodeObject *co = (FtCodeObject *)op;
    uint64_t h = 20221211;
    FtObject *parts[] = {co->co_name, co->co_consts, co->co_names, co->co_localsplusnames,
                         co->co_linetable, co->co_exceptiontable};
    for (size_t i = 0; i < sizeof parts / sizeof parts[0]; i++) {
        Ft_hash ph = ft_object_hash(parts[i]);
        if (ph == -1)
            return -1;
        h = (h ^ (uint64_t)ph) * 1000003u;
    }
    int64_t ints[] = {co->co_argcount, co->co_posonlyargcount, co->co_kwonlyargcount,
                      co->co_flags, co->co_firstlineno, ((FtVarObject *)co)->ob_size};
    for (size_t i = 0; i < sizeof ints / sizeof ints[0]; i++)
        h = (h ^ (uint64_t)ints[i]) * 1000003u;
    Ft_ssize n = ((FtVarObject *)co)->ob_size;
    for (Ft_ssize i = 0; i < n; i++) {
        int opc, arg;
        code_unit_at(co, i, &opc, &arg);
        h = (h ^ (uint64_t)opc) * 1000003u;
        h = (h ^ (uint64_t)arg) * 1000003u;
        i += ft_opcode_cache_size(opc);
    }
    return (Ft_hash)h == -1 ? -2 : (Ft_hash)h;
}

// 1 if a and b hold equal constants (compared through their constant keys), 0 if not, -1 on error.
static int
consts_equal(FtObject *a, FtObject *b)
{
    FtObject *ka = ft_code_constant_key_ref(a);
    FtObject *kb = ka != NULL ? ft_code_constant_key_ref(b) : NULL;
    int r = kb != NULL ? ft_object_rich_compare_bool(ka, kb, FT_EQ) : -1;
    ft_xdecref(ka);
    ft_xdecref(kb);
    return r;
}

// CPython's code_richcompare: == and != by value (name, counts, flags, first line, bytecode,
// constants by key, names, locals, tables); other comparisons are NotImplemented.
static FtObject *
code_richcompare(FtObject *v, FtObject *w, int op)
{
    if ((op != FT_EQ && op != FT_NE) || !ft_code_check(v) || !ft_code_check(w))
        return FT_NOT_IMPLEMENTED;
    FtCodeObject *a = (FtCodeObject *)v, *b = (FtCodeObject *)w;
    int eq = a->co_argcount == b->co_argcount && a->co_posonlyargcount == b->co_posonlyargcount &&
             a->co_kwonlyargcount == b->co_kwonlyargcount && a->co_flags == b->co_flags &&
             a->co_firstlineno == b->co_firstlineno &&
             ((FtVarObject *)a)->ob_size == ((FtVarObject *)b)->ob_size;
    for (Ft_ssize i = 0; eq && i < ((FtVarObject *)a)->ob_size; i++) {
        int op1, arg1, op2, arg2;
        code_unit_at(a, i, &op1, &arg1);
        code_unit_at(b, i, &op2, &arg2);
        eq = op1 == op2 && arg1 == arg2;
        i += ft_opcode_cache_size(op1);
    }
    FtObject *pairs[][2] = {{a->co_name, b->co_name},
                            {a->co_names, b->co_names},
                            {a->co_localsplusnames, b->co_localsplusnames},
                            {a->co_linetable, b->co_linetable},
                            {a->co_exceptiontable, b->co_exceptiontable}};
    for (size_t i = 0; eq && i < sizeof pairs / sizeof pairs[0]; i++) {
        eq = ft_object_rich_compare_bool(pairs[i][0], pairs[i][1], FT_EQ);
        if (eq < 0)
            return NULL;
    }
    if (eq) {
        eq = consts_equal(a->co_consts, b->co_consts);
        if (eq < 0)
            return NULL;
    }
    return ft_new_ref(ft_bool_from(op == FT_EQ ? eq != 0 : eq == 0));
}

static FtObject *
code_repr(FtObject *op)
{
    FtCodeObject *co = (FtCodeObject *)op;
    int lineno = co->co_firstlineno != 0 ? co->co_firstlineno : -1;
    return ft_str_from_format_ref("<code object %U at %p, file \"%U\", line %d>", co->co_name,
                                  (void *)op, co->co_filename, lineno);
}

/* --- Attributes and methods --- */

// co_code: the bytecode as bytes, specialized instructions shown as their base and caches zeroed.
static FtObject *
code_get_code(FtObject *op, void *closure)
{
    (void)closure;
    FtCodeObject *co = (FtCodeObject *)op;
    Ft_ssize n = ((FtVarObject *)co)->ob_size;
    FtObject *res = ft_bytes_new_uninit_ref(n * 2);
    if (res == NULL)
        return NULL;
    uint8_t *out = (uint8_t *)ft_bytes_data_unlocked(res);
    for (Ft_ssize i = 0; i < n;) {
        // relaxed: see the file block; the value only selects a base opcode.
        uint16_t unit = ft_atomic_load_uint16_relaxed(&co->co_code_adaptive[i]);
        int opcode = unit & 0xff;
        int base = ft_opcode_deopt(opcode);
        if (base < 0)
            base = opcode;
        // Byte order of a code unit in memory: opcode first, then oparg (little-endian unit).
        out[2 * i] = (uint8_t)base;
        out[2 * i + 1] = (uint8_t)(unit >> 8);
        i++;
        int caches = ft_opcode_cache_size(base);
        for (int k = 0; k < caches && i < n; k++, i++)
            out[2 * i] = out[2 * i + 1] = 0;
    }
    return res;
}

// The names of localsplus entries whose kind has any bit of mask, as a tuple.
static FtObject *
names_of_kind_ref(FtCodeObject *co, uint8_t mask)
{
    const uint8_t *kinds = (const uint8_t *)ft_bytes_data(co->co_localspluskinds);
    Ft_ssize n = 0;
    for (int i = 0; i < co->co_nlocalsplus; i++)
        n += (kinds[i] & mask) != 0;
    FtObject *res = ft_tuple_new_ref(n);
    if (res == NULL)
        return NULL;
    Ft_ssize k = 0;
    for (int i = 0; i < co->co_nlocalsplus; i++)
        if (kinds[i] & mask)
            ft_tuple_set_item_steal_unlocked(
                res, k++, ft_new_ref(ft_tuple_get_item_borrow(co->co_localsplusnames, i)));
    return res;
}

static FtObject *
code_get_varnames(FtObject *op, void *closure)
{
    (void)closure;
    return names_of_kind_ref((FtCodeObject *)op, FT_CO_FAST_LOCAL);
}

static FtObject *
code_get_cellvars(FtObject *op, void *closure)
{
    (void)closure;
    return names_of_kind_ref((FtCodeObject *)op, FT_CO_FAST_CELL);
}

static FtObject *
code_get_freevars(FtObject *op, void *closure)
{
    (void)closure;
    return names_of_kind_ref((FtCodeObject *)op, FT_CO_FAST_FREE);
}

static FtObject *
int_or_none_ref(int v)
{
    return v < 0 ? ft_none_ref() : ft_int_from_int64_ref(v);
}

// line_iterator (co_lines, co_branches) and positions_iterator (co_positions): the items are
// computed up front, so the iterator only walks an immutable tuple. pos is claimed with a CAS, so
// that threads calling next() at once each get a distinct item.
typedef struct CodeIterObject {
    FtObject ob_base;
    FtObject *items;   // a tuple; immutable
    Ft_ssize pos;      // the next index; atomic (ft_atomic_*_ssize)
} CodeIterObject;

// An iterator of type over a list built by the caller (drops the list reference).
static FtObject *
iter_over_list_steal(FtObject *list, FtTypeObject *type)
{
    if (list == NULL)
        return NULL;
    FtObject *items = ft_list_as_tuple_ref(list);
    ft_decref(list);
    if (items == NULL)
        return NULL;
    CodeIterObject *it = (CodeIterObject *)ft_object_new_of_type(type, 0);
    if (it == NULL) {
        ft_decref(items);
        return NULL;
    }
    it->items = items;
    it->pos = 0;
    return (FtObject *)it;
}

static void
code_iter_dealloc(FtObject *op)
{
    ft_decref(((CodeIterObject *)op)->items);
    ft_object_free_memory(op);
}

static int
code_iter_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    return visit(((CodeIterObject *)op)->items, arg);
}

static FtObject *
code_iter_iter(FtObject *op)
{
    return ft_new_ref(op);
}

static FtObject *
code_iter_next(FtObject *op)
{
    CodeIterObject *it = (CodeIterObject *)op;
    Ft_ssize n = ft_tuple_size(it->items);
    Ft_ssize i = ft_atomic_load_ssize_relaxed(&it->pos);
    do {
        if (i >= n)
            return NULL;   // exhausted
    } while (!ft_atomic_cas_ssize_relaxed(&it->pos, &i, i + 1));
    return ft_new_ref(ft_tuple_get_item_borrow(it->items, i));
}

static FtTypeObject line_iterator_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "line_iterator",
    .tp_basicsize = sizeof(CodeIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = code_iter_dealloc,
    .tp_traverse = code_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = code_iter_iter,
    .tp_iternext = code_iter_next,
};

static FtTypeObject positions_iterator_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "positions_iterator",
    .tp_basicsize = sizeof(CodeIterObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = code_iter_dealloc,
    .tp_traverse = code_iter_traverse,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_iter = code_iter_iter,
    .tp_iternext = code_iter_next,
};

static int
append_steal(FtObject *list, FtObject *item)
{
    if (item == NULL)
        return -1;
    int r = ft_list_append(list, item);
    ft_decref(item);
    return r;
}

// code.co_positions(): (line, end_line, col, end_col) for every code unit, None where absent.
static FtObject *
code_co_positions(FtObject *op)
{
    FtCodeObject *co = (FtCodeObject *)op;
    FtObject *list = ft_list_new_ref(0);
    if (list == NULL)
        return NULL;
    LocCursor c;
    loc_cursor_init(&c, co);
    while (loc_cursor_next(&c)) {
        for (Ft_ssize k = 0; k < c.length; k++) {
            FtObject *a = int_or_none_ref(c.lineno), *b = int_or_none_ref(c.end_lineno);
            FtObject *d = int_or_none_ref(c.col), *e = int_or_none_ref(c.end_col);
            FtObject *t = (a && b && d && e) ? ft_tuple_pack_ref(4, a, b, d, e) : NULL;
            ft_xdecref(a);
            ft_xdecref(b);
            ft_xdecref(d);
            ft_xdecref(e);
            if (append_steal(list, t) < 0) {
                ft_decref(list);
                return NULL;
            }
        }
    }
    return iter_over_list_steal(list, &positions_iterator_type);
}

static int
append_line_range(FtObject *list, Ft_ssize start, Ft_ssize end, int line)
{
    FtObject *a = ft_int_from_int64_ref(start * 2), *b = ft_int_from_int64_ref(end * 2);
    FtObject *l = int_or_none_ref(line);
    FtObject *t = (a && b && l) ? ft_tuple_pack_ref(3, a, b, l) : NULL;
    ft_xdecref(a);
    ft_xdecref(b);
    ft_xdecref(l);
    return append_steal(list, t);
}

// code.co_lines(): (start, end, line) byte ranges, consecutive entries of one line merged.
static FtObject *
code_co_lines(FtObject *op)
{
    FtCodeObject *co = (FtCodeObject *)op;
    FtObject *list = ft_list_new_ref(0);
    if (list == NULL)
        return NULL;
    LocCursor c;
    loc_cursor_init(&c, co);
    bool open = false;
    Ft_ssize start = 0;
    int line = -1;
    while (loc_cursor_next(&c)) {
        if (open && c.lineno == line)
            continue;
        if (open && append_line_range(list, start, c.unit, line) < 0)
            goto error;
        open = true;
        start = c.unit;
        line = c.lineno;
    }
    if (open && append_line_range(list, start, c.unit, line) < 0)
        goto error;
    return iter_over_list_steal(list, &line_iterator_type);
error:
    ft_decref(list);
    return NULL;
}

// code._varname_from_oparg(oparg): the localsplus name an oparg of LOAD_FAST & co. names (dis).
static FtObject *
code_varname_from_oparg(FtObject *op, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtCodeObject *co = (FtCodeObject *)op;
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    if (nargs + nkw > 1)
        return ft_error_format(&ft_exc_type_error, "_varname_from_oparg() takes at most 1 "
                               "argument (%zd given)", nargs + nkw);
    if (nkw == 1 && !ft_str_equal_cstr(ft_tuple_get_item_borrow(kwnames, 0), "oparg"))
        return ft_error_format(&ft_exc_type_error, "_varname_from_oparg() got an unexpected "
                               "keyword argument '%U'", ft_tuple_get_item_borrow(kwnames, 0));
    if (nargs + nkw == 0)
        return ft_error_format(&ft_exc_type_error, "_varname_from_oparg() missing required "
                               "argument 'oparg' (pos 1)");
    // The argument is a C int (through __index__): clamping to Ft_ssize leaves every value outside
    // int to the one C-int overflow message.
    Ft_ssize i = ft_number_as_ssize(args[0], NULL);
    if (i == -1 && ft_error_occurred())
        return NULL;
    if (i > INT32_MAX || i < INT32_MIN)
        return ft_error_format(&ft_exc_overflow_error, "Python int too large to convert to C int");
    if (i < 0 || i >= co->co_nlocalsplus)
        return ft_error_format(&ft_exc_index_error, "tuple index out of range");
    return ft_new_ref(ft_tuple_get_item_borrow(co->co_localsplusnames, i));
}

// code.replace(**changes): a copy with the named fields replaced (keywords only). The bytecode is
// taken de-specialized (co_code). TODO(#4): co_varnames / co_cellvars / co_freevars / co_nlocals
// replacement (they rebuild the localsplus tables).
static FtObject *
code_replace(FtObject *self, FtObject *const *args, Ft_ssize nargs, FtObject *kwnames)
{
    FtCodeObject *co = (FtCodeObject *)self;
    if (nargs != 0)
        return ft_error_format(&ft_exc_type_error, "replace() takes no positional arguments");
    FtCodeSpec spec = {
        .filename = co->co_filename, .name = co->co_name, .qualname = co->co_qualname,
        .flags = co->co_flags, .argcount = co->co_argcount,
        .posonlyargcount = co->co_posonlyargcount, .kwonlyargcount = co->co_kwonlyargcount,
        .stacksize = co->co_stacksize, .firstlineno = co->co_firstlineno,
        .consts = co->co_consts, .names = co->co_names,
        .localsplusnames = co->co_localsplusnames, .localspluskinds = co->co_localspluskinds,
        .linetable = co->co_linetable, .exceptiontable = co->co_exceptiontable,
    };
    FtObject *code_bytes = NULL;
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    static const struct {
        const char *name;
        size_t offset;
        int kind;   // 0: int, 1: str, 2: tuple, 3: bytes
    } fields[] = {
        {"co_argcount", offsetof(FtCodeSpec, argcount), 0},
        {"co_posonlyargcount", offsetof(FtCodeSpec, posonlyargcount), 0},
        {"co_kwonlyargcount", offsetof(FtCodeSpec, kwonlyargcount), 0},
        {"co_stacksize", offsetof(FtCodeSpec, stacksize), 0},
        {"co_flags", offsetof(FtCodeSpec, flags), 0},
        {"co_firstlineno", offsetof(FtCodeSpec, firstlineno), 0},
        // Checked only: the count follows from the localsplus tables (TODO(#4): co_varnames).
        {"co_nlocals", (size_t)-1, 0},
        {"co_filename", offsetof(FtCodeSpec, filename), 1},
        {"co_name", offsetof(FtCodeSpec, name), 1},
        {"co_qualname", offsetof(FtCodeSpec, qualname), 1},
        {"co_consts", offsetof(FtCodeSpec, consts), 2},
        {"co_names", offsetof(FtCodeSpec, names), 2},
        {"co_linetable", offsetof(FtCodeSpec, linetable), 3},
        {"co_exceptiontable", offsetof(FtCodeSpec, exceptiontable), 3},
    };
    static const char *const kind_names[] = {"int", "str", "tuple", "bytes"};
    for (Ft_ssize i = 0; i < nkw; i++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, i), *value = args[i];
        if (ft_str_equal_cstr(key, "co_code")) {
            if (!ft_bytes_check(value))
                return ft_error_format(&ft_exc_type_error, "replace() argument 'co_code' must "
                                       "be bytes, not %.200s", value->ob_type->tp_name);
            if (ft_bytes_size(value) % 2 != 0)
                return ft_error_format(&ft_exc_value_error, "code: co_code is malformed");
            code_bytes = value;
            continue;
        }
        size_t f = 0;
        while (f < sizeof fields / sizeof fields[0] && !ft_str_equal_cstr(key, fields[f].name))
            f++;
        if (f == sizeof fields / sizeof fields[0])
            return ft_error_format(&ft_exc_type_error,
                                   "replace() got an unexpected keyword argument '%U'", key);
        char *slot = fields[f].offset != (size_t)-1 ? (char *)&spec + fields[f].offset : NULL;
        bool ok;
        switch (fields[f].kind) {
        case 0: {
            ok = ft_int_check(value);
            if (!ok && (value->ob_type->tp_as_number == NULL ||
                        value->ob_type->tp_as_number->nb_index == NULL))
                return ft_error_format(&ft_exc_type_error, "'%.200s' object cannot be "
                                       "interpreted as an integer", value->ob_type->tp_name);
            int64_t v = ok ? ft_int_as_int64(value, &ok) : 0;
            if (ok && (v < 0 || v > INT32_MAX))
                return ft_error_format(&ft_exc_value_error, "%s must be a positive integer",
                                       fields[f].name);
            if (ok && slot != NULL)
                *(int *)slot = (int)v;
            break;
        }
        case 1:
            ok = ft_str_check(value);
            break;
        case 2:
            ok = ft_tuple_check(value);
            break;
        default:
            ok = ft_bytes_check(value);
            break;
        }
        if (!ok) {
            if (ft_error_occurred())
                return NULL;
            return ft_error_format(&ft_exc_type_error, "replace() argument '%s' must be %s, "
                                   "not %.200s", fields[f].name, kind_names[fields[f].kind],
                                   value->ob_type->tp_name);
        }
        if (fields[f].kind == 2 && fields[f].offset == offsetof(FtCodeSpec, names) &&
            !is_str_tuple(value))
            return ft_error_format(&ft_exc_system_error, "non-string found in code slot");
        if (fields[f].kind != 0 && slot != NULL)
            *(FtObject **)slot = value;
    }
    FtObject *own_code = NULL;
    if (code_bytes == NULL) {
        own_code = code_get_code(self, NULL);
        if (own_code == NULL)
            return NULL;
        code_bytes = own_code;
    }
    Ft_ssize units = ft_bytes_size(code_bytes) / 2;
    uint16_t *buf = malloc((size_t)(units > 0 ? units : 1) * sizeof(uint16_t));
    if (buf == NULL) {
        ft_xdecref(own_code);
        return ft_error_no_memory();
    }
    const uint8_t *raw = (const uint8_t *)ft_bytes_data(code_bytes);
    for (Ft_ssize i = 0; i < units; i++)
        buf[i] = (uint16_t)(raw[2 * i] | (raw[2 * i + 1] << 8));
    spec.code = buf;
    spec.code_units = units;
    FtObject *res = ft_code_new_ref(&spec);
    free(buf);
    ft_xdecref(own_code);
    return res;
}

// co_lnotab (deprecated): pairs of (bytecode offset delta, line delta) bytes, derived from
// co_lines() as CPython does, splitting deltas that do not fit one byte.
static FtObject *
code_get_lnotab(FtObject *op, void *closure)
{
    FtCodeObject *co = (FtCodeObject *)op;
    if (ft_warn(&ft_exc_deprecation_warning, "co_lnotab is deprecated, use co_lines instead.",
                1) < 0)
        return NULL;
    Ft_ssize n = ((FtVarObject *)co)->ob_size;
    uint8_t *out = malloc((size_t)(n * 8 + 8));
    if (out == NULL)
        return ft_error_no_memory();
    Ft_ssize len = 0;
    int last_line = co->co_firstlineno;
    Ft_ssize last_offset = 0;
    int prev_line = -2;
    for (Ft_ssize i = 0; i < n; i++) {
        int line = ft_code_line(co, i);
        if (line == prev_line || line < 0) {
            prev_line = line < 0 ? prev_line : line;
            continue;
        }
        prev_line = line;
        Ft_ssize bdelta = 2 * i - last_offset;
        int ldelta = line - last_line;
        if (bdelta == 0 && ldelta == 0)
            continue;
        while (bdelta > 255) {
            out[len++] = 255;
            out[len++] = 0;
            bdelta -= 255;
        }
        while (ldelta > 127 || ldelta < -128) {
            out[len++] = (uint8_t)bdelta;
            out[len++] = (uint8_t)(ldelta > 0 ? 127 : -128);
            ldelta -= ldelta > 0 ? 127 : -128;
            bdelta = 0;
        }
        out[len++] = (uint8_t)bdelta;
        out[len++] = (uint8_t)(int8_t)ldelta;
        last_offset = 2 * i;
        last_line = line;
    }
    FtObject *res = ft_bytes_from_data_ref((const char *)out, len);
    free(out);
    return res;
}

static FtObject *
code_sizeof(FtObject *op)
{
    Ft_ssize units = ((FtVarObject *)op)->ob_size;
    return ft_int_from_int64_ref((int64_t)(sizeof(FtCodeObject) + (size_t)units * sizeof(uint16_t)));
}

// The de-specialized instruction at code unit i of co_code's bytes: its opcode, its full oparg
// (with the EXTENDED_ARG prefixes before it) and the unit after its caches. The oparg is unsigned
// and 32 bits wide: more than three EXTENDED_ARGs shift the oldest prefix bits out, as CPython's
// 32-bit oparg does, instead of overflowing an int.
typedef struct {
    int op;
    uint32_t arg;
    Ft_ssize next;
} BaseInstr;

static BaseInstr
base_instr_at(const uint8_t *code, Ft_ssize n, Ft_ssize i, uint32_t prefix_arg)
{
    BaseInstr in = {.op = code[2 * i], .arg = (prefix_arg << 8) | code[2 * i + 1]};
    in.next = i + 1 + ft_opcode_cache_size(in.op);
    if (in.next > n)
        in.next = n;
    return in;
}

// The unit of the first instruction at or after unit i that is not `skip`.
static Ft_ssize
skip_op(const uint8_t *code, Ft_ssize n, Ft_ssize i, int skip)
{
    return i < n && code[2 * i] == skip ? i + 1 : i;
}

static int
append_branch(FtObject *list, Ft_ssize src, Ft_ssize not_taken, Ft_ssize taken)
{
    FtObject *a = ft_int_from_int64_ref(src * 2), *b = ft_int_from_int64_ref(not_taken * 2);
    FtObject *c = ft_int_from_int64_ref(taken * 2);
    FtObject *t = (a && b && c) ? ft_tuple_pack_ref(3, a, b, c) : NULL;
    ft_xdecref(a);
    ft_xdecref(b);
    ft_xdecref(c);
    return append_steal(list, t);
}

// code.co_branches(): (source, not-taken destination, taken destination) byte offsets of every
// conditional branch, as sys.monitoring's BRANCH_LEFT / BRANCH_RIGHT events report them: the
// NOT_TAKEN marker after a conditional jump is skipped, an exhausted for loop lands after its
// END_FOR / POP_ITER, and an async for's branch starts at the END_SEND its END_ASYNC_FOR names.
static FtObject *
code_co_branches(FtObject *op)
{
    FtObject *bytes = code_get_code(op, NULL), *list = NULL;
    if (bytes == NULL)
        return NULL;
    const uint8_t *code = (const uint8_t *)ft_bytes_data(bytes);
    Ft_ssize n = ft_bytes_size(bytes) / 2;
    list = ft_list_new_ref(0);
    if (list == NULL)
        goto error;
    uint32_t prefix = 0;
    for (Ft_ssize i = 0; i < n;) {
        BaseInstr in = base_instr_at(code, n, i, prefix);
        prefix = in.op == FT_OP_EXTENDED_ARG ? in.arg : 0;
        int r = 0;
        switch (in.op) {
        case FT_OP_POP_JUMP_IF_FALSE:
        case FT_OP_POP_JUMP_IF_TRUE:
        case FT_OP_POP_JUMP_IF_NONE:
        case FT_OP_POP_JUMP_IF_NOT_NONE:
            r = append_branch(list, i, skip_op(code, n, in.next, FT_OP_NOT_TAKEN),
                              in.next + (Ft_ssize)in.arg);
            break;
        case FT_OP_FOR_ITER: {
            Ft_ssize exit = skip_op(code, n, in.next + (Ft_ssize)in.arg, FT_OP_END_FOR);
            r = append_branch(list, i, in.next, skip_op(code, n, exit, FT_OP_POP_ITER));
            break;
        }
        case FT_OP_END_ASYNC_FOR: {
            Ft_ssize src = in.next - (Ft_ssize)in.arg;
            if (src >= 0 && src < n) {
                BaseInstr end_send = base_instr_at(code, n, src, 0);
                r = append_branch(list, src, skip_op(code, n, end_send.next, FT_OP_NOT_TAKEN),
                                  in.next);
            }
            break;
        }
        default:
            break;
        }
        if (r < 0)
            goto error;
        i = in.next;
    }
    ft_decref(bytes);
    return iter_over_list_steal(list, &line_iterator_type);
error:
    ft_xdecref(list);
    ft_decref(bytes);
    return NULL;
}

// code._co_code_adaptive: the bytecode as it runs, specialized instructions and caches included.
static FtObject *
code_get_code_adaptive(FtObject *op, void *closure)
{
    FtCodeObject *co = (FtCodeObject *)op;
    Ft_ssize n = ((FtVarObject *)co)->ob_size;
    FtObject *res = ft_bytes_new_uninit_ref(n * 2);
    if (res == NULL)
        return NULL;
    uint8_t *out = (uint8_t *)ft_bytes_data_unlocked(res);
    for (Ft_ssize i = 0; i < n; i++) {
        // relaxed: see the file block; a snapshot of a unit the specializer may rewrite.
        uint16_t unit = ft_atomic_load_uint16_relaxed(&co->co_code_adaptive[i]);
        out[2 * i] = (uint8_t)(unit & 0xff);
        out[2 * i + 1] = (uint8_t)(unit >> 8);
    }
    return res;
}

static const FtMethodDef code_methods[] = {
    {"co_branches", {.noargs = code_co_branches}, FT_METH_NOARGS, NULL},
    {"__replace__", {.fast_kw = code_replace}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "The same as replace()."},
    {"co_lines", {.noargs = code_co_lines}, FT_METH_NOARGS, NULL},
    {"co_positions", {.noargs = code_co_positions}, FT_METH_NOARGS, NULL},
    {"_varname_from_oparg", {.fast_kw = code_varname_from_oparg},
     FT_METH_FASTCALL | FT_METH_KEYWORDS, NULL},
    {"__sizeof__", {.noargs = code_sizeof}, FT_METH_NOARGS, NULL},
    {"replace", {.fast_kw = code_replace}, FT_METH_FASTCALL | FT_METH_KEYWORDS,
     "Return a copy of the code object with new values for the specified fields."},
    {NULL, {NULL}, 0, NULL},
};

#define CODE_OBJ_MEMBER(attr)                                                                      \
    {.name = #attr, .type = FT_MEMBER_OBJECT, .offset = offsetof(FtCodeObject, attr),             \
     .flags = FT_MEMBER_READONLY}
#define CODE_INT_MEMBER(attr)                                                                      \
    {.name = #attr, .type = FT_MEMBER_INT, .offset = offsetof(FtCodeObject, attr),                \
     .flags = FT_MEMBER_READONLY}

static const FtMemberDef code_members[] = {
    CODE_INT_MEMBER(co_argcount),
    CODE_INT_MEMBER(co_posonlyargcount),
    CODE_INT_MEMBER(co_kwonlyargcount),
    CODE_INT_MEMBER(co_stacksize),
    CODE_INT_MEMBER(co_flags),
    CODE_INT_MEMBER(co_nlocals),
    CODE_INT_MEMBER(co_firstlineno),
    CODE_OBJ_MEMBER(co_consts),
    CODE_OBJ_MEMBER(co_names),
    CODE_OBJ_MEMBER(co_filename),
    CODE_OBJ_MEMBER(co_name),
    CODE_OBJ_MEMBER(co_qualname),
    CODE_OBJ_MEMBER(co_linetable),
    CODE_OBJ_MEMBER(co_exceptiontable),
    {0},
};

static const FtGetSetDef code_getset[] = {
    {"co_code", code_get_code, NULL, NULL, NULL},
    {"co_varnames", code_get_varnames, NULL, NULL, NULL},
    {"co_cellvars", code_get_cellvars, NULL, NULL, NULL},
    {"co_freevars", code_get_freevars, NULL, NULL, NULL},
    {"co_lnotab", code_get_lnotab, NULL, NULL, NULL},
    {"_co_code_adaptive", code_get_code_adaptive, NULL, NULL, NULL},
    {0},
};

// The localsplus kinds code() gives varnames[i]: argument bits from the counts and flags, then
// LOCAL.
static uint8_t
varname_kind(Ft_ssize i, int argcount, int posonly, int kwonly, int flags)
{
    uint8_t kind = FT_CO_FAST_LOCAL;
    Ft_ssize var = argcount + kwonly;
    if (i < posonly)
        kind |= FT_CO_FAST_ARG_POS;
    else if (i < argcount)
        kind |= FT_CO_FAST_ARG_POS | FT_CO_FAST_ARG_KW;
    else if (i < var)
        kind |= FT_CO_FAST_ARG_KW;
    else if (i == var && (flags & FT_CO_VARARGS))
        kind |= FT_CO_FAST_ARG_VAR;
    else if (i == var + ((flags & FT_CO_VARARGS) != 0) && (flags & FT_CO_VARKEYWORDS))
        kind |= FT_CO_FAST_ARG_VAR;
    return kind;
}

static bool
tuple_contains_str(FtObject *tuple, FtObject *s)
{
    for (Ft_ssize i = 0; i < ft_tuple_size(tuple); i++) {
        if (ft_str_equal(ft_tuple_get_item_borrow(tuple, i), s))
            return true;
    }
    return false;
}

// code(argcount, posonlyargcount, kwonlyargcount, nlocals, stacksize, flags, codestring,
//      constants, names, varnames, filename, name, qualname, firstlineno, linetable,
//      exceptiontable, freevars=(), cellvars=(), /)
static FtObject *
code_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    if (kwnames != NULL && ft_tuple_size(kwnames) > 0)
        return ft_error_format(&ft_exc_type_error, "code() takes no keyword arguments");
    if (nargs < 16 || nargs > 18)
        return ft_error_format(&ft_exc_type_error, "code expected at %s %d arguments, got %zd",
                               nargs < 16 ? "least" : "most", nargs < 16 ? 16 : 18, nargs);
    // Argument kinds by position: 'i' int, 'b' bytes, 't' tuple, 's' str.
    static const char kinds[] = "iiiiiibtttsssibbtt";
    static const char *const kind_names[] = {"int", "bytes", "tuple", "str"};
    int ints[7];
    int n_int = 0;
    for (Ft_ssize i = 0; i < nargs; i++) {
        FtObject *v = args[i];
        bool ok;
        int which;
        switch (kinds[i]) {
        case 'i': {
            Ft_ssize x = ft_number_as_ssize(v, &ft_exc_overflow_error);
            if (x == -1 && ft_error_occurred())
                return NULL;
            if (x < INT32_MIN || x > INT32_MAX)
                return ft_error_format(&ft_exc_overflow_error,
                                       "Python int too large to convert to C int");
            ints[n_int++] = (int)x;
            continue;
        }
        case 'b': ok = ft_bytes_check(v); which = 1; break;
        case 't': ok = ft_tuple_check(v); which = 2; break;
        default: ok = ft_str_check(v); which = 3; break;
        }
        if (!ok) {
            char desc[32];
            snprintf(desc, sizeof desc, "argument %zd", i + 1);
            return ft_error_bad_argument("code", desc, kind_names[which], v);
        }
    }
    int argcount = ints[0], posonly = ints[1], kwonly = ints[2], nlocals = ints[3];
    int stacksize = ints[4], flags = ints[5], firstlineno = ints[6];
    static const char *const counts[] = {"argcount", "posonlyargcount", "kwonlyargcount",
                                         "nlocals"};
    for (int i = 0; i < 4; i++) {
        if (ints[i] < 0)
            return ft_error_format(&ft_exc_value_error, "code: %s must not be negative",
                                   counts[i]);
    }
    if (argcount < posonly || stacksize < 0 || flags < 0)
        return ft_error_format(&ft_exc_value_error, "code: argument out of range");
    FtObject *varnames = args[9];
    FtObject *freevars = nargs > 16 ? args[16] : NULL, *cellvars = nargs > 17 ? args[17] : NULL;
    FtObject *const name_tuples[4] = {args[8], varnames, freevars, cellvars};
    for (int t = 0; t < 4; t++) {
        for (Ft_ssize i = 0; name_tuples[t] != NULL && i < ft_tuple_size(name_tuples[t]); i++) {
            FtObject *item = ft_tuple_get_item_borrow(name_tuples[t], i);
            if (!ft_str_check(item))
                return ft_error_format(&ft_exc_type_error, "name tuples must contain only strings, "
                                       "not '%.500s'", item->ob_type->tp_name);
        }
    }
    if (nlocals != ft_tuple_size(varnames))
        return ft_error_format(&ft_exc_value_error, "code: co_nlocals != len(co_varnames)");
    if (ft_bytes_size(args[6]) % 2 != 0)
        return ft_error_format(&ft_exc_value_error, "code: co_code is malformed");
    Ft_ssize nvar = ft_tuple_size(varnames);
    Ft_ssize ncell = cellvars != NULL ? ft_tuple_size(cellvars) : 0;
    Ft_ssize nfree = freevars != NULL ? ft_tuple_size(freevars) : 0;
    // Cell variables that are also varnames (arguments) share the varname's slot.
    Ft_ssize nslots = nvar + nfree;
    for (Ft_ssize i = 0; i < ncell; i++)
        nslots += !tuple_contains_str(varnames, ft_tuple_get_item_borrow(cellvars, i));
    FtObject *names = ft_tuple_new_ref(nslots), *kinds_bytes = NULL, *res = NULL;
    uint8_t *kind_buf = malloc((size_t)(nvar + ncell + nfree + 1));
    uint16_t *units = malloc((size_t)(ft_bytes_size(args[6]) / 2 + 1) * sizeof(uint16_t));
    if (names == NULL || kind_buf == NULL || units == NULL) {
        if (names != NULL)
            ft_error_no_memory();
        goto done;
    }
    Ft_ssize n = 0;
    for (Ft_ssize i = 0; i < nvar; i++, n++) {
        FtObject *nm = ft_tuple_get_item_borrow(varnames, i);
        kind_buf[n] = varname_kind(i, argcount, posonly, kwonly, flags);
        if (cellvars != NULL && tuple_contains_str(cellvars, nm))
            kind_buf[n] |= FT_CO_FAST_CELL;
        ft_tuple_set_item_steal_unlocked(names, n, ft_new_ref(nm));
    }
    for (Ft_ssize i = 0; i < ncell; i++) {
        FtObject *nm = ft_tuple_get_item_borrow(cellvars, i);
        if (tuple_contains_str(varnames, nm))
            continue;
        kind_buf[n] = FT_CO_FAST_CELL;
        ft_tuple_set_item_steal_unlocked(names, n++, ft_new_ref(nm));
    }
    for (Ft_ssize i = 0; i < nfree; i++, n++) {
        kind_buf[n] = FT_CO_FAST_FREE;
        ft_tuple_set_item_steal_unlocked(names, n, ft_new_ref(ft_tuple_get_item_borrow(freevars, i)));
    }
    kinds_bytes = ft_bytes_from_data_ref((const char *)kind_buf, n);
    if (kinds_bytes == NULL)
        goto done;
    const uint8_t *raw = (const uint8_t *)ft_bytes_data(args[6]);
    Ft_ssize code_units = ft_bytes_size(args[6]) / 2;
    for (Ft_ssize i = 0; i < code_units; i++)
        units[i] = (uint16_t)(raw[2 * i] | (raw[2 * i + 1] << 8));
    FtCodeSpec spec = {
        .filename = args[10], .name = args[11], .qualname = args[12], .flags = flags,
        .argcount = argcount, .posonlyargcount = posonly, .kwonlyargcount = kwonly,
        .stacksize = stacksize, .firstlineno = firstlineno, .code = units,
        .code_units = code_units, .consts = args[7], .names = args[8],
        .localsplusnames = names, .localspluskinds = kinds_bytes, .linetable = args[14],
        .exceptiontable = args[15],
    };
    res = ft_code_new_ref(&spec);
done:
    free(kind_buf);
    free(units);
    ft_xdecref(names);
    ft_xdecref(kinds_bytes);
    return res;
}

/* --- Type object --- */

FtTypeObject ft_code_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "code",
    .tp_basicsize = sizeof(FtCodeObject),
    .tp_itemsize = sizeof(uint16_t),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = code_dealloc,
    .tp_traverse = code_traverse,
    .tp_repr = code_repr,
    .tp_hash = code_hash,
    .tp_richcompare = code_richcompare,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_new = code_new,
    .tp_methods = code_methods,
    .tp_members = code_members,
    .tp_getset = code_getset,
    .tp_doc = "Create a code object.  Not for the faint of heart.",
};

int
ft_code_init_types(void)
{
    if (ft_type_ready(&line_iterator_type) < 0 || ft_type_ready(&positions_iterator_type) < 0)
        return -1;
    return ft_type_ready(&ft_code_type);
}

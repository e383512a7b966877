// compiler/assemble.c: from an optimized instruction list to a code object (CPython 3.14's
// Python/assemble.c and the driver half of compile.c's optimize_and_assemble_code_unit).
//
// Owns: ft_assemble_code_ref; the direction of pseudo jumps (JUMP -> JUMP_FORWARD/JUMP_BACKWARD,
// JUMP_NO_INTERRUPT -> JUMP_FORWARD/JUMP_BACKWARD_NO_INTERRUPT); jump offsets with EXTENDED_ARG,
// iterated to a fixed point; the code units with their inline cache units; the exception table
// (varint start/length/target/depth-lasti, InternalDocs/exception_handling.md); the location table
// (short, one-line, no-column, long and none forms, InternalDocs/code_objects.md); co_names,
// co_consts and the localsplus names and kinds.
//
// Invariant: the code units written are exactly the sum of the instruction sizes computed by
// instr_size(); every handler offset names the first unit of an instruction.
// Concurrency: compiling thread only; the code object is published by the caller.
#include <limits.h>   // INT_MAX
#include <stdint.h>   // uint8_t uint16_t
#include <string.h>   // memset

#include <mimalloc.h>   // mi_malloc mi_realloc mi_free

#include "compiler/assemble.h"

#include "compiler/flowgraph_internal.h"   // ft_flowgraph_optimize FtAsmInstr FtConstTable
#include "eval/opcode.h"                   // FT_OP_* ft_opcode_cache_size
#include "objects/bytes.h"                 // ft_bytes_from_data_ref
#include "objects/code.h"                  // ft_code_new_ref FT_CO_*
#include "objects/dict.h"                  // ft_dict_*
#include "objects/error.h"                 // ft_error_*
#include "objects/str.h"                   // ft_str_check
#include "objects/tuple.h"                 // ft_tuple_*
#include "runtime/refcount.h"              // ft_decref
#include "sync/fatal.h"                    // FT_ASSERT

// A growable byte buffer; a failed growth is remembered and reported once at the end.
typedef struct ByteBuf {
    unsigned char *data;
    int len, cap;
    bool failed;
} ByteBuf;

static void
buf_put(ByteBuf *b, int byte)
{
    if (b->failed)
        return;
    if (b->len == b->cap) {
        int cap = b->cap > 0 ? b->cap * 2 : 64;
        unsigned char *p = mi_realloc(b->data, (size_t)cap);
        if (p == NULL) {
            b->failed = true;
            return;
        }
        b->data = p;
        b->cap = cap;
    }
    b->data[b->len++] = (unsigned char)byte;
}

static FtObject *
buf_finish_ref(ByteBuf *b)
{
    FtObject *res = b->failed ? ft_error_no_memory() : ft_bytes_from_data_ref((const char *)b->data, b->len);
    mi_free(b->data);
    memset(b, 0, sizeof(*b));
    return res;
}

// The code units an instruction takes: EXTENDED_ARG prefixes, itself, its inline caches.
static int
instr_size(int opcode, int oparg)
{
    int extended = (oparg > 0xFFFFFF) + (oparg > 0xFFFF) + (oparg > 0xFF);
    return extended + 1 + ft_opcode_cache_size(opcode);
}

// Jumps.

static int
resolve_unconditional_jumps(FtAsmInstr *instrs, int n)
{
    for (int i = 0; i < n; i++) {
        FtAsmInstr *in = &instrs[i];
        bool is_forward = in->oparg > i;
        if (in->opcode == FT_OP_JUMP)
            in->opcode = is_forward ? FT_OP_JUMP_FORWARD : FT_OP_JUMP_BACKWARD;
        else if (in->opcode == FT_OP_JUMP_NO_INTERRUPT)
            in->opcode = is_forward ? FT_OP_JUMP_FORWARD : FT_OP_JUMP_BACKWARD_NO_INTERRUPT;
        else if (ft_opcode_is_pseudo(in->opcode)) {
            ft_error_format(&ft_exc_system_error, "assemble: pseudo-instruction %s left over",
                            ft_opcode_name(in->opcode));
            return -1;
        }
        if (ft_opcode_has_jump(in->opcode) && (in->target < 0 || in->target >= n)) {
            ft_error_set_string(&ft_exc_system_error, "assemble: jump past the end of the code");
            return -1;
        }
    }
    return 0;
}

static bool
is_backwards_jump(int op)
{
    return op == FT_OP_JUMP_BACKWARD || op == FT_OP_JUMP_BACKWARD_NO_INTERRUPT;
}

// Sets every instruction's offset and every jump's oparg (relative, in code units, from the end of
// the jump including its caches). Returns the total number of code units.
static int
resolve_jump_offsets(FtAsmInstr *instrs, int n)
{
    bool again;
    int total;
    do {
        total = 0;
        for (int i = 0; i < n; i++) {
            instrs[i].offset = total;
            total += instr_size(instrs[i].opcode, instrs[i].oparg);
        }
        again = false;
        int offset = 0;
        for (int i = 0; i < n; i++) {
            FtAsmInstr *in = &instrs[i];
            int isize = instr_size(in->opcode, in->oparg);
            offset += isize;
            if (!ft_opcode_has_jump(in->opcode))
                continue;
            int target = instrs[in->target].offset;
            if (in->opcode == FT_OP_END_ASYNC_FOR) {
                // The label is the loop's SEND, but sys.monitoring wants the END_SEND that
                // ends the fixed yield-from shape after it: SEND (+1 cache), YIELD_VALUE, RESUME,
                // JUMP_BACKWARD_NO_INTERRUPT, 5 code units on (CPython 3.14's assembler does the
                // same).
                in->oparg = offset - target - 5;
            } else if (target < offset) {
                if (!is_backwards_jump(in->opcode)) {
                    ft_error_format(&ft_exc_system_error, "assemble: %s jumps backwards",
                                    ft_opcode_name(in->opcode));
                    return -1;
                }
                in->oparg = offset - target;
            } else {
                if (is_backwards_jump(in->opcode)) {
                    ft_error_set_string(&ft_exc_system_error, "assemble: backward jump forwards");
                    return -1;
                }
                in->oparg = target - offset;
            }
            if (instr_size(in->opcode, in->oparg) != isize)
                again = true;
        }
    } while (again);
    return total;
}

// Code units.

static void
write_instr(uint16_t *code, const FtAsmInstr *in)
{
    int arg = in->oparg;
    int caches = ft_opcode_cache_size(in->opcode);
    int extended = instr_size(in->opcode, arg) - 1 - caches;
    for (int k = extended; k > 0; k--)
        *code++ = (uint16_t)(FT_OP_EXTENDED_ARG | (((arg >> (8 * k)) & 0xFF) << 8));
    *code++ = (uint16_t)(in->opcode | ((arg & 0xFF) << 8));
    for (int k = 0; k < caches; k++)
        *code++ = FT_OP_CACHE;
}

// Exception table.

static void
exc_table_item(ByteBuf *b, int value, int msb)
{
    if (value >= 1 << 24) {
        buf_put(b, (value >> 24) | 64 | msb);
        msb = 0;
    }
    if (value >= 1 << 18) {
        buf_put(b, ((value >> 18) & 0x3f) | 64 | msb);
        msb = 0;
    }
    if (value >= 1 << 12) {
        buf_put(b, ((value >> 12) & 0x3f) | 64 | msb);
        msb = 0;
    }
    if (value >= 1 << 6) {
        buf_put(b, ((value >> 6) & 0x3f) | 64 | msb);
        msb = 0;
    }
    buf_put(b, (value & 0x3f) | msb);
}

static int
exc_table_entry(ByteBuf *b, int start, int end, int target, int startdepth, bool lasti)
{
    int depth = startdepth - 1 - (lasti ? 1 : 0);
    if (depth < 0 || end <= start) {
        ft_error_set_string(&ft_exc_system_error, "assemble: bad exception handler depth");
        return -1;
    }
    exc_table_item(b, start, 128);
    exc_table_item(b, end - start, 0);
    exc_table_item(b, target, 0);
    exc_table_item(b, (depth << 1) | (lasti ? 1 : 0), 0);
    return 0;
}

static int
assemble_exception_table(ByteBuf *b, const FtAsmInstr *instrs, int n)
{
    int ioffset = 0, start = -1;
    int h_offset = -1, h_depth = -1;
    bool h_lasti = false;
    for (int i = 0; i < n; i++) {
        const FtAsmInstr *in = &instrs[i];
        int off = in->handler >= 0 ? instrs[in->handler].offset : -1;
        if (off != h_offset) {
            if (h_offset >= 0 && exc_table_entry(b, start, ioffset, h_offset, h_depth, h_lasti) < 0)
                return -1;
            start = ioffset;
            h_offset = off;
            h_depth = in->handler_depth;
            h_lasti = in->handler_lasti;
        }
        ioffset += instr_size(in->opcode, in->oparg);
    }
    if (h_offset >= 0 && exc_table_entry(b, start, ioffset, h_offset, h_depth, h_lasti) < 0)
        return -1;
    return 0;
}

// Location table.

enum {
    LOC_SHORT0 = 0,
    LOC_ONE_LINE0 = 10,
    LOC_NO_COLUMNS = 13,
    LOC_LONG = 14,
    LOC_NONE = 15,
};

static void
loc_first_byte(ByteBuf *b, int code, int length)
{
    buf_put(b, 0x80 | (code << 3) | (length - 1));
}

static void
loc_varint(ByteBuf *b, unsigned val)
{
    while (val >= 64) {
        buf_put(b, 64 | (val & 63));
        val >>= 6;
    }
    buf_put(b, (int)val);
}

static void
loc_svarint(ByteBuf *b, int val)
{
    if (val < 0)
        loc_varint(b, ((0u - (unsigned)val) << 1) | 1);
    else
        loc_varint(b, (unsigned)val << 1);
}

static bool
same_location(FtLocation a, FtLocation b)
{
    return a.lineno == b.lineno && a.end_lineno == b.end_lineno && a.col_offset == b.col_offset &&
           a.end_col_offset == b.end_col_offset;
}

static void
loc_entry(ByteBuf *b, int *cur_line, FtLocation loc, int isize)
{
    if (loc.lineno < 0) {
        loc_first_byte(b, LOC_NONE, isize);
        return;
    }
    int line_delta = loc.lineno - *cur_line;
    int column = loc.col_offset, end_column = loc.end_col_offset;
    if (column < 0 || end_column < 0) {
        if (loc.end_lineno == loc.lineno || loc.end_lineno == -1) {
            loc_first_byte(b, LOC_NO_COLUMNS, isize);
            loc_svarint(b, line_delta);
            *cur_line = loc.lineno;
            return;
        }
    } else if (loc.end_lineno == loc.lineno) {
        if (line_delta == 0 && column < 80 && end_column - column < 16 && end_column >= column) {
            loc_first_byte(b, LOC_SHORT0 + (column >> 3), isize);
            buf_put(b, ((column & 7) << 4) | (end_column - column));
            return;
        }
        if (line_delta >= 0 && line_delta < 3 && column < 128 && end_column < 128) {
            loc_first_byte(b, LOC_ONE_LINE0 + line_delta, isize);
            buf_put(b, column);
            buf_put(b, end_column);
            *cur_line = loc.lineno;
            return;
        }
    }
    loc_first_byte(b, LOC_LONG, isize);
    loc_svarint(b, line_delta);
    loc_varint(b, (unsigned)(loc.end_lineno - loc.lineno));
    loc_varint(b, (unsigned)(column + 1));
    loc_varint(b, (unsigned)(end_column + 1));
    *cur_line = loc.lineno;
}

static void
emit_location(ByteBuf *b, int *cur_line, FtLocation loc, int isize)
{
    while (isize > 8) {
        loc_entry(b, cur_line, loc, 8);
        isize -= 8;
    }
    if (isize > 0)
        loc_entry(b, cur_line, loc, isize);
}

static void
assemble_location_info(ByteBuf *b, FtAsmInstr *instrs, int n, int firstlineno)
{
    for (int i = n - 1; i >= 0; i--) {
        FtAsmInstr *in = &instrs[i];
        if (same_location(in->loc, FT_NEXT_LOCATION)) {
            bool terminator = ft_opcode_has_jump(in->opcode) || in->opcode == FT_OP_RETURN_VALUE ||
                              in->opcode == FT_OP_RAISE_VARARGS || in->opcode == FT_OP_RERAISE;
            in->loc = terminator || i == n - 1 ? FT_NO_LOCATION : instrs[i + 1].loc;
        }
    }
    int cur_line = firstlineno;
    FtLocation loc = FT_NO_LOCATION;
    int size = 0;
    for (int i = 0; i < n; i++) {
        if (!same_location(loc, instrs[i].loc)) {
            emit_location(b, &cur_line, loc, size);
            loc = instrs[i].loc;
            size = 0;
        }
        size += instr_size(instrs[i].opcode, instrs[i].oparg);
    }
    emit_location(b, &cur_line, loc, size);
}

// The code object.

static FtObject *
tuple_of_names_ref(const FtNameTable *t)
{
    FtObject *res = ft_tuple_new_ref(t->count);
    if (res == NULL)
        return NULL;
    for (int i = 0; i < t->count; i++)
        ft_tuple_set_item_steal_unlocked(res, i, ft_new_ref(t->names[i]));
    return res;
}

static bool
dict_has(FtObject *dict, FtObject *key)
{
    if (dict == NULL)
        return false;
    FtObject *v;
    int r = ft_dict_get_item_ref(dict, key, &v);
    if (r > 0)
        ft_decref(v);
    return r > 0;
}

// Fills names/kinds (length nlocalsplus) as CPython 3.14's compute_localsplus_info.
static int
compute_localsplus_info(const FtCodeUnitMetadata *umd, int code_flags, int nlocalsplus,
                        FtObject *names, uint8_t *kinds)
{
    FtNameTable vars, cells, frees;
    memset(&cells, 0, sizeof(cells));
    memset(&frees, 0, sizeof(frees));
    if (ft_name_table_init(&vars, umd->varnames, 0) < 0)
        return -1;
    int rc = -1;
    if (ft_name_table_init(&cells, umd->cellvars, 0) < 0 ||
        ft_name_table_init(&frees, umd->freevars, cells.count) < 0)
        goto done;
    struct {
        int count;
        uint8_t kind;
    } groups[6] = {
        {umd->posonlyargcount, FT_CO_FAST_ARG_POS},
        {umd->argcount, FT_CO_FAST_ARG_POS | FT_CO_FAST_ARG_KW},
        {umd->kwonlyargcount, FT_CO_FAST_ARG_KW},
        {(code_flags & FT_CO_VARARGS) != 0, FT_CO_FAST_ARG_VAR | FT_CO_FAST_ARG_POS},
        {(code_flags & FT_CO_VARKEYWORDS) != 0, FT_CO_FAST_ARG_VAR | FT_CO_FAST_ARG_KW},
        {-1, 0},
    };
    int pos = 0, max = 0;
    for (int g = 0; g < 6; g++) {
        max = groups[g].count < 0 ? INT_MAX : max + groups[g].count;
        for (; pos < max && pos < vars.count; pos++) {
            FtObject *k = vars.order[pos];
            int offset = vars.order_index[pos];
            uint8_t kind = FT_CO_FAST_LOCAL | groups[g].kind;
            if (dict_has(umd->fasthidden, k))
                kind |= FT_CO_FAST_HIDDEN;
            if (ft_name_table_find(&cells, k) >= 0)
                kind |= FT_CO_FAST_CELL;
            if (offset >= nlocalsplus)
                goto bad;
            ft_tuple_set_item_steal_unlocked(names, offset, ft_new_ref(k));
            kinds[offset] = kind;
        }
    }
    int dropped = 0;
    for (int i = 0; i < cells.count; i++) {
        FtObject *k = cells.order[i];
        if (ft_name_table_find(&vars, k) >= 0) {
            dropped++;
            continue;
        }
        int offset = cells.order_index[i] + vars.count - dropped;
        if (offset >= nlocalsplus)
            goto bad;
        ft_tuple_set_item_steal_unlocked(names, offset, ft_new_ref(k));
        kinds[offset] = FT_CO_FAST_CELL;
    }
    for (int i = 0; i < frees.count; i++) {
        int offset = frees.order_index[i] + vars.count - dropped;
        if (offset >= nlocalsplus)
            goto bad;
        ft_tuple_set_item_steal_unlocked(names, offset, ft_new_ref(frees.order[i]));
        kinds[offset] = FT_CO_FAST_FREE;
    }
    for (int i = 0; i < nlocalsplus; i++)
        if (ft_tuple_get_item_borrow(names, i) == NULL)
            goto bad;
    rc = 0;
    goto done;
bad:
    ft_error_set_string(&ft_exc_system_error, "assemble: inconsistent localsplus layout");
done:
    ft_name_table_fini(&vars);
    ft_name_table_fini(&cells);
    ft_name_table_fini(&frees);
    return rc;
}

static FtObject *
makecode_ref(const FtCodeUnitMetadata *umd, FtObject *filename, int code_flags, FtConstTable *consts,
             int maxdepth, int nlocalsplus, const uint16_t *code, int code_units, FtObject *linetable,
             FtObject *exctable)
{
    FtObject *names = NULL, *consts_tuple = NULL, *lp_names = NULL, *lp_kinds = NULL, *co = NULL;
    uint8_t *kinds = NULL;
    FtNameTable nt;
    if (ft_name_table_init(&nt, umd->names, 0) < 0)
        return NULL;
    names = tuple_of_names_ref(&nt);
    ft_name_table_fini(&nt);
    if (names == NULL)
        goto done;
    consts_tuple = ft_tuple_from_array_ref(consts->items, consts->count);
    if (consts_tuple == NULL)
        goto done;
    lp_names = ft_tuple_new_ref(nlocalsplus);
    kinds = mi_calloc((size_t)nlocalsplus + 1, 1);
    if (lp_names == NULL || kinds == NULL) {
        if (kinds == NULL)
            ft_error_no_memory();
        goto done;
    }
    if (compute_localsplus_info(umd, code_flags, nlocalsplus, lp_names, kinds) < 0)
        goto done;
    lp_kinds = ft_bytes_from_data_ref((const char *)kinds, nlocalsplus);
    if (lp_kinds == NULL)
        goto done;
    FtCodeSpec spec = {
        .filename = filename,
        .name = umd->name,
        .qualname = umd->qualname != NULL ? umd->qualname : umd->name,
        .flags = code_flags,
        .argcount = umd->posonlyargcount + umd->argcount,
        .posonlyargcount = umd->posonlyargcount,
        .kwonlyargcount = umd->kwonlyargcount,
        .stacksize = maxdepth,
        .firstlineno = umd->firstlineno,
        .code = code,
        .code_units = code_units,
        .consts = consts_tuple,
        .names = names,
        .localsplusnames = lp_names,
        .localspluskinds = lp_kinds,
        .linetable = linetable,
        .exceptiontable = exctable,
    };
    co = ft_code_new_ref(&spec);
done:
    mi_free(kinds);
    ft_xdecref(names);
    ft_xdecref(consts_tuple);
    ft_xdecref(lp_names);
    ft_xdecref(lp_kinds);
    return co;
}

FtObject *
ft_assemble_code_ref(FtInstrSequence *seq, const FtCodeUnitMetadata *umd, FtObject *filename,
                     int code_flags)
{
    FtConstTable consts;
    FtAsmInstr *instrs = NULL;
    uint16_t *code = NULL;
    ByteBuf lines = {0}, exc = {0};
    FtObject *linetable = NULL, *exctable = NULL, *co = NULL;
    int n = 0, depth = 0, nlocalsplus = 0;
    if (umd == NULL || umd->name == NULL || filename == NULL || !ft_str_check(filename)) {
        ft_instr_sequence_fini(seq);
        ft_error_set_string(&ft_exc_system_error, "assemble: missing code unit metadata");
        return NULL;
    }
    if (ft_const_table_init(&consts, umd->consts) < 0) {
        ft_instr_sequence_fini(seq);
        goto done;
    }
    if (ft_flowgraph_optimize(seq, umd, code_flags, &consts, &instrs, &n, &depth, &nlocalsplus) < 0)
        goto done;
    if (resolve_unconditional_jumps(instrs, n) < 0)
        goto done;
    int units = resolve_jump_offsets(instrs, n);
    if (units < 0)
        goto done;
    for (int i = 0; i < n; i++) {
        if (instrs[i].handler >= n) {
            ft_error_set_string(&ft_exc_system_error, "assemble: handler past the end of the code");
            goto done;
        }
    }
    code = mi_malloc(sizeof(uint16_t) * ((size_t)units + 1));
    if (code == NULL) {
        ft_error_no_memory();
        goto done;
    }
    for (int i = 0; i < n; i++)
        write_instr(code + instrs[i].offset, &instrs[i]);
    assemble_location_info(&lines, instrs, n, umd->firstlineno);
    if (assemble_exception_table(&exc, instrs, n) < 0)
        goto done;
    linetable = buf_finish_ref(&lines);
    exctable = buf_finish_ref(&exc);
    if (linetable == NULL || exctable == NULL)
        goto done;
    co = makecode_ref(umd, filename, code_flags, &consts, depth, nlocalsplus, code, units, linetable,
                      exctable);
    FT_ASSERT(co == NULL || !ft_error_occurred());   // no exception left behind by a fold
done:
    mi_free(lines.data);
    mi_free(exc.data);
    mi_free(code);
    mi_free(instrs);
    ft_xdecref(linetable);
    ft_xdecref(exctable);
    if (consts.cache != NULL || consts.items != NULL)
        ft_const_table_fini(&consts);
    return co;
}

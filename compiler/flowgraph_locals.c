// compiler/flowgraph_locals.c: the passes of the flowgraph optimizer that reason about local
// variables (CPython 3.14's Python/flowgraph.c: add_checks_for_loads_of_uninitialized_variables,
// insert_superinstructions, optimize_load_fast), and the snapshots of the metadata's name dicts.
//
// Owns: LOAD_FAST -> LOAD_FAST_CHECK where a local may be unbound (a 64-local bit-set dataflow,
// one block at a time beyond 64 locals); LOAD_FAST_LOAD_FAST / STORE_FAST_LOAD_FAST /
// STORE_FAST_STORE_FAST; LOAD_FAST -> LOAD_FAST_BORROW when the frame's reference provably
// outlives the stack's (an abstract interpretation of each block over a stack of references).
// Invariant: only LOAD_FAST / LOAD_FAST_LOAD_FAST opcodes change here, and their opargs do not.
// Concurrency: compiling thread only.
#include <stdint.h>   // uint8_t uint64_t
#include <string.h>   // memset

#include <mimalloc.h>   // mi_malloc mi_calloc mi_realloc mi_free

#include "compiler/flowgraph_internal.h"

#include "objects/dict.h"          // ft_dict_*
#include "objects/error.h"         // ft_error_*
#include "objects/str.h"           // ft_str_*
#include "runtime/object_lock.h"   // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"      // ft_decref

// Possibly-unbound locals.

static void
maybe_push(FtFlowBlock *b, uint64_t unsafe_mask, FtFlowBlock ***sp)
{
    uint64_t both = b->unsafe_locals_mask | unsafe_mask;
    if (b->unsafe_locals_mask != both) {
        b->unsafe_locals_mask = both;
        if (!b->visited) {
            *(*sp)++ = b;
            b->visited = 1;
        }
    }
}

static void
scan_block_for_locals(FtFlowBlock *b, FtFlowBlock ***sp)
{
    uint64_t unsafe = b->unsafe_locals_mask;
    for (int i = 0; i < b->iused; i++) {
        FtFlowInstr *in = &b->instr[i];
        if (in->except != NULL)
            maybe_push(in->except, unsafe, sp);
        if (in->oparg >= 64)
            continue;
        uint64_t bit = (uint64_t)1 << in->oparg;
        switch (in->opcode) {
        case FT_OP_DELETE_FAST:
        case FT_OP_LOAD_FAST_AND_CLEAR:
        case FT_OP_STORE_FAST_MAYBE_NULL:
            unsafe |= bit;
            break;
        case FT_OP_STORE_FAST:
        case FT_OP_LOAD_FAST_CHECK:
            unsafe &= ~bit;
            break;
        case FT_OP_LOAD_FAST:
            if (unsafe & bit)
                in->opcode = FT_OP_LOAD_FAST_CHECK;
            unsafe &= ~bit;
            break;
        default:
            break;
        }
    }
    if (b->next != NULL && ft_flow_has_fallthrough(b))
        maybe_push(b->next, unsafe, sp);
    FtFlowInstr *last = ft_flow_last_instr(b);
    if (last != NULL && ft_flow_is_jump(last))
        maybe_push(last->target, unsafe, sp);
}

static int
fast_scan_many_locals(FtFlowBlock *entry, int nlocals)
{
    Ft_ssize *states = mi_calloc((size_t)(nlocals - 64), sizeof(Ft_ssize));
    if (states == NULL) {
        ft_error_no_memory();
        return -1;
    }
    Ft_ssize blocknum = 0;
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        blocknum++;
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            int arg = in->oparg;
            if (arg < 64 || arg >= nlocals)
                continue;
            switch (in->opcode) {
            case FT_OP_DELETE_FAST:
            case FT_OP_LOAD_FAST_AND_CLEAR:
            case FT_OP_STORE_FAST_MAYBE_NULL:
                states[arg - 64] = blocknum - 1;
                break;
            case FT_OP_STORE_FAST:
                states[arg - 64] = blocknum;
                break;
            case FT_OP_LOAD_FAST:
                if (states[arg - 64] != blocknum)
                    in->opcode = FT_OP_LOAD_FAST_CHECK;
                states[arg - 64] = blocknum;
                break;
            default:
                break;
            }
        }
    }
    mi_free(states);
    return 0;
}

int
ft_flowgraph_add_unbound_local_checks(FtFlowBlock *entry, int nlocals, int nparams)
{
    if (nlocals == 0)
        return 0;
    if (nlocals > 64) {
        if (fast_scan_many_locals(entry, nlocals) < 0)
            return -1;
        nlocals = 64;
    }
    FtFlowBlock **stack = ft_flowgraph_traversal_stack(entry);
    if (stack == NULL)
        return -1;
    FtFlowBlock **sp = stack;
    uint64_t start_mask = 0;
    for (int i = nparams; i < nlocals; i++)
        start_mask |= (uint64_t)1 << i;
    maybe_push(entry, start_mask, &sp);
    for (FtFlowBlock *b = entry; b != NULL; b = b->next)
        scan_block_for_locals(b, &sp);
    while (sp > stack) {
        FtFlowBlock *b = *--sp;
        b->visited = 0;
        scan_block_for_locals(b, &sp);
    }
    mi_free(stack);
    return 0;
}

// Super-instructions.

static void
make_super_instruction(FtFlowInstr *a, FtFlowInstr *b, int super_op)
{
    int line1 = a->loc.lineno, line2 = b->loc.lineno;
    if (line1 >= 0 && line2 >= 0 && line1 != line2)
        return;
    if (a->oparg >= 16 || b->oparg >= 16)
        return;
    ft_flow_set_op1(a, super_op, (a->oparg << 4) | b->oparg);
    ft_flow_set_op0(b, FT_OP_NOP);
}

void
ft_flowgraph_insert_superinstructions(FtFlowBlock *entry)
{
    for (FtFlowBlock *b = entry; b != NULL; b = b->next) {
        for (int i = 0; i < b->iused; i++) {
            FtFlowInstr *in = &b->instr[i];
            int nextop = i + 1 < b->iused ? b->instr[i + 1].opcode : 0;
            if (in->opcode == FT_OP_LOAD_FAST && nextop == FT_OP_LOAD_FAST)
                make_super_instruction(in, &b->instr[i + 1], FT_OP_LOAD_FAST_LOAD_FAST);
            else if (in->opcode == FT_OP_STORE_FAST && nextop == FT_OP_LOAD_FAST)
                make_super_instruction(in, &b->instr[i + 1], FT_OP_STORE_FAST_LOAD_FAST);
            else if (in->opcode == FT_OP_STORE_FAST && nextop == FT_OP_STORE_FAST)
                make_super_instruction(in, &b->instr[i + 1], FT_OP_STORE_FAST_STORE_FAST);
        }
    }
}

// Borrowed loads (CPython 3.14's optimize_load_fast).

#define NOT_LOCAL (-1)
#define DUMMY_INSTR (-1)

enum { SUPPORT_KILLED = 1, STORED_AS_LOCAL = 2, REF_UNCONSUMED = 4 };

typedef struct Ref {
    int instr;   // the producing instruction's index, or DUMMY_INSTR
    int local;   // the local it refers to, or NOT_LOCAL
} Ref;

typedef struct RefStack {
    Ref *refs;
    int size, capacity;
} RefStack;

static int
ref_push(RefStack *s, int instr, int local)
{
    if (s->size == s->capacity) {
        int cap = s->capacity > 0 ? s->capacity * 2 : 32;
        Ref *p = mi_realloc(s->refs, (size_t)cap * sizeof(Ref));
        if (p == NULL) {
            ft_error_no_memory();
            return -1;
        }
        s->refs = p;
        s->capacity = cap;
    }
    s->refs[s->size].instr = instr;
    s->refs[s->size].local = local;
    s->size++;
    return 0;
}

static Ref
ref_pop(RefStack *s)
{
    Ref dummy = {DUMMY_INSTR, NOT_LOCAL};
    return s->size > 0 ? s->refs[--s->size] : dummy;
}

static void
mark_flag(uint8_t *flags, int nflags, int instr, uint8_t flag)
{
    if (instr >= 0 && instr < nflags)
        flags[instr] |= flag;
}

static void
kill_local(uint8_t *flags, int nflags, RefStack *refs, int local)
{
    for (int i = 0; i < refs->size; i++)
        if (refs->refs[i].local == local)
            mark_flag(flags, nflags, refs->refs[i].instr, SUPPORT_KILLED);
}

static void
store_local(uint8_t *flags, int nflags, RefStack *refs, int local, Ref r)
{
    kill_local(flags, nflags, refs, local);
    if (r.instr != DUMMY_INSTR)
        mark_flag(flags, nflags, r.instr, STORED_AS_LOCAL);
}

static void
load_fast_push_block(FtFlowBlock ***sp, FtFlowBlock *target)
{
    if (!target->visited) {
        target->visited = 1;
        *(*sp)++ = target;
    }
}

#define PUSH_REF(instr_, local_)                                                                   \
    do {                                                                                           \
        if (ref_push(&refs, (instr_), (local_)) < 0)                                               \
            goto done;                                                                             \
    } while (0)

int
ft_flowgraph_optimize_load_fast(FtFlowBlock *entry)
{
    int status = -1;
    RefStack refs = {0};
    int max_instrs = 0;
    for (FtFlowBlock *b = entry; b != NULL; b = b->next)
        if (b->iused > max_instrs)
            max_instrs = b->iused;
    int nflags = max_instrs + 8;
    uint8_t *flags = mi_malloc((size_t)nflags);
    FtFlowBlock **blocks = ft_flowgraph_traversal_stack(entry);
    if (flags == NULL || blocks == NULL) {
        if (flags == NULL)
            ft_error_no_memory();
        goto done;
    }
    FtFlowBlock **sp = blocks;
    *sp++ = entry;
    entry->startdepth = 0;
    entry->visited = 1;
    while (sp != blocks) {
        FtFlowBlock *block = *--sp;
        memset(flags, 0, (size_t)nflags);
        refs.size = 0;
        for (int i = 0; i < block->startdepth; i++)
            PUSH_REF(DUMMY_INSTR, NOT_LOCAL);
        for (int i = 0; i < block->iused; i++) {
            FtFlowInstr *in = &block->instr[i];
            int op = in->opcode, arg = in->oparg;
            switch (op) {
            case FT_OP_LOAD_FAST:
                PUSH_REF(i, arg);
                break;
            case FT_OP_LOAD_FAST_AND_CLEAR:
                kill_local(flags, nflags, &refs, arg);
                PUSH_REF(i, arg);
                break;
            case FT_OP_LOAD_FAST_LOAD_FAST:
                PUSH_REF(i, arg >> 4);
                PUSH_REF(i, arg & 15);
                break;
            case FT_OP_STORE_FAST: {
                Ref r = ref_pop(&refs);
                store_local(flags, nflags, &refs, arg, r);
                break;
            }
            case FT_OP_STORE_FAST_LOAD_FAST: {
                Ref r = ref_pop(&refs);
                store_local(flags, nflags, &refs, arg >> 4, r);
                PUSH_REF(i, arg & 15);
                break;
            }
            case FT_OP_STORE_FAST_STORE_FAST: {
                Ref r = ref_pop(&refs);
                store_local(flags, nflags, &refs, arg >> 4, r);
                r = ref_pop(&refs);
                store_local(flags, nflags, &refs, arg & 15, r);
                break;
            }
            case FT_OP_COPY: {
                int idx = refs.size - arg;
                if (arg > 0 && idx >= 0) {
                    Ref r = refs.refs[idx];
                    PUSH_REF(r.instr, r.local);
                }
                break;
            }
            case FT_OP_SWAP: {
                int idx = refs.size - arg;
                if (arg >= 2 && idx >= 0) {
                    Ref tmp = refs.refs[idx];
                    refs.refs[idx] = refs.refs[refs.size - 1];
                    refs.refs[refs.size - 1] = tmp;
                }
                break;
            }
            case FT_OP_FORMAT_SIMPLE:         // these two may hand their operand on unchanged
            case FT_OP_GET_YIELD_FROM_ITER:
            case FT_OP_GET_ANEXT:
            case FT_OP_GET_LEN:
            case FT_OP_IMPORT_FROM:
            case FT_OP_MATCH_KEYS:
            case FT_OP_MATCH_MAPPING:
            case FT_OP_MATCH_SEQUENCE:
            case FT_OP_WITH_EXCEPT_START: {
                int net = ft_opcode_pushes(op, arg, 0) - ft_opcode_pops(op, arg);
                // CPython records the loop counter as the producing instruction here.
                for (int k = 0; k < net; k++)
                    PUSH_REF(k, NOT_LOCAL);
                break;
            }
            case FT_OP_DICT_MERGE:
            case FT_OP_DICT_UPDATE:
            case FT_OP_LIST_APPEND:
            case FT_OP_LIST_EXTEND:
            case FT_OP_MAP_ADD:
            case FT_OP_RERAISE:
            case FT_OP_SET_ADD:
            case FT_OP_SET_UPDATE: {
                int net = ft_opcode_pops(op, arg) - ft_opcode_pushes(op, arg, 0);
                for (int k = 0; k < net; k++)
                    ref_pop(&refs);
                break;
            }
            case FT_OP_CHECK_EXC_MATCH:
                ref_pop(&refs);
                PUSH_REF(i, NOT_LOCAL);
                break;
            case FT_OP_FOR_ITER:
                load_fast_push_block(&sp, in->target);
                PUSH_REF(i, NOT_LOCAL);
                break;
            case FT_OP_LOAD_ATTR:
            case FT_OP_LOAD_SUPER_ATTR: {
                Ref self = ref_pop(&refs);
                if (op == FT_OP_LOAD_SUPER_ATTR) {
                    ref_pop(&refs);
                    ref_pop(&refs);
                }
                PUSH_REF(i, NOT_LOCAL);
                if (arg & 1)
                    PUSH_REF(self.instr, self.local);
                break;
            }
            case FT_OP_LOAD_SPECIAL: {
                // The bound method's self is the operand itself, pushed back.
                Ref self = ref_pop(&refs);
                PUSH_REF(i, NOT_LOCAL);
                PUSH_REF(self.instr, self.local);
                break;
            }
            case FT_OP_SEND:
                load_fast_push_block(&sp, in->target);
                ref_pop(&refs);
                PUSH_REF(i, NOT_LOCAL);
                break;
            default: {
                int popped = ft_opcode_pops(op, arg);
                int pushed = ft_opcode_pushes(op, arg, 0);
                if (ft_flow_has_target(op))
                    load_fast_push_block(&sp, in->target);
                if (!ft_flow_is_block_push_op(op)) {
                    for (int k = 0; k < popped; k++)
                        ref_pop(&refs);
                    for (int k = 0; k < pushed; k++)
                        PUSH_REF(i, NOT_LOCAL);
                }
                break;
            }
            }
        }
        FtFlowInstr *term = ft_flow_last_instr(block);
        if (term != NULL && block->next != NULL &&
            !(ft_flow_is_unconditional_jump_op(term->opcode) || ft_flow_is_scope_exit_op(term->opcode)))
            load_fast_push_block(&sp, block->next);
        for (int i = 0; i < refs.size; i++)
            if (refs.refs[i].instr != -1)
                mark_flag(flags, nflags, refs.refs[i].instr, REF_UNCONSUMED);
        for (int i = 0; i < block->iused; i++) {
            if (flags[i])
                continue;
            FtFlowInstr *in = &block->instr[i];
            if (in->opcode == FT_OP_LOAD_FAST)
                in->opcode = FT_OP_LOAD_FAST_BORROW;
            else if (in->opcode == FT_OP_LOAD_FAST_LOAD_FAST)
                in->opcode = FT_OP_LOAD_FAST_BORROW_LOAD_FAST_BORROW;
        }
    }
    status = 0;
done:
    mi_free(refs.refs);
    mi_free(flags);
    mi_free(blocks);
    return status;
}

#undef PUSH_REF

// Name tables.

int
ft_name_table_init(FtNameTable *t, FtObject *dict, int base)
{
    memset(t, 0, sizeof(*t));
    Ft_ssize n = dict != NULL ? ft_dict_size(dict) : 0;
    t->names = mi_calloc((size_t)n + 1, sizeof(FtObject *));
    t->order = mi_calloc((size_t)n + 1, sizeof(FtObject *));
    t->order_index = mi_calloc((size_t)n + 1, sizeof(int));
    if (t->names == NULL || t->order == NULL || t->order_index == NULL) {
        ft_name_table_fini(t);
        ft_error_no_memory();
        return -1;
    }
    t->count = (int)n;
    if (n == 0)
        return 0;
    int rc = 0, k = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(dict);
    Ft_ssize pos = 0;
    FtObject *key, *value;
    while (ft_dict_next(dict, &pos, &key, &value)) {
        int64_t idx = -1;
        bool ok = ft_flow_int_fits_int64(value, &idx);
        idx -= base;
        if (!ok || idx < 0 || idx >= n || t->names[idx] != NULL || k >= n || !ft_str_check(key)) {
            rc = -1;
            break;
        }
        t->names[idx] = ft_new_ref(key);
        t->order[k] = t->names[idx];
        t->order_index[k++] = (int)idx + base;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (rc == 0 && k != n)
        rc = -1;
    if (rc < 0) {
        ft_name_table_fini(t);
        ft_error_set_string(&ft_exc_system_error, "assemble: bad name table");
    }
    return rc;
}

void
ft_name_table_fini(FtNameTable *t)
{
    if (t->names != NULL)
        for (int i = 0; i < t->count; i++)
            ft_xdecref(t->names[i]);
    mi_free(t->names);
    mi_free(t->order);
    mi_free(t->order_index);
    memset(t, 0, sizeof(*t));
}

int
ft_name_table_find(const FtNameTable *t, FtObject *name)
{
    for (int i = 0; i < t->count; i++)
        if (t->names[i] == name || ft_str_equal(t->names[i], name))
            return i;
    return -1;
}

// compiler/flowgraph_fold.c: the constant-driven and peephole passes of the flowgraph optimizer
// (CPython 3.14's Python/flowgraph.c: basicblock_optimize_load_const, optimize_basic_block and the
// folding helpers it calls, swaptimize/apply_static_swaps, remove_unused_consts).
//
// Owns: the constant table of a code unit (FtConstTable: co_consts in order, with the per-unit
// cache that makes an equal folded constant reuse its slot); folding of tuples, lists, sets,
// unary and binary operations on constants with CPython's size limits; LOAD_SMALL_INT; constant
// conditions; jump threading; the compare/contains/not/to-bool fusions; swap elimination.
// Invariant: a fold replaces its operands by NOPs without location and never leaves an exception
// set (a failed evaluation only means "not folded").
// Concurrency: compiling thread only; the constants it creates are new and unshared.
#include <stdint.h>   // int64_t uint64_t

#include <mimalloc.h>   // mi_malloc mi_calloc mi_realloc mi_free

#include "compiler/flowgraph_internal.h"

#include "compiler/assemble.h"          // ft_compile_const_key_ref
#include "objects/abstract.h"           // ft_object_get_item_ref
#include "objects/abstract_number.h"    // ft_number_*
#include "objects/bytes.h"              // ft_bytes_*
#include "objects/dict.h"               // ft_dict_*
#include "objects/error.h"              // ft_error_*
#include "objects/object.h"             // ft_object_is_true ft_object_is_exact
#include "objects/set.h"                // ft_frozenset_new_ref
#include "objects/str.h"                // ft_str_*
#include "objects/tuple.h"              // ft_tuple_*
#include "runtime/object_lock.h"        // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"           // ft_decref

#define STACK_USE_GUIDELINE 30       // CPython's _PY_STACK_USE_GUIDELINE
#define MIN_CONST_SEQUENCE_SIZE 3
#define MAX_INT_SIZE 128             // bits
#define MAX_COLLECTION_SIZE 256
#define MAX_STR_SIZE 4096
#define MAX_TOTAL_ITEMS 1024

// Constants.

static FtObject *
get_const_value_ref(int opcode, int oparg, FtConstTable *consts)
{
    if (opcode == FT_OP_LOAD_SMALL_INT)
        return ft_int_from_int64_ref(oparg);
    if (opcode == FT_OP_LOAD_CONST && oparg >= 0 && oparg < consts->count)
        return ft_new_ref(consts->items[oparg]);
    ft_error_set_string(&ft_exc_system_error, "Internal error: failed to get value of a constant");
    return NULL;
}

static int
const_table_append(FtConstTable *t, FtObject *value)
{
    if (t->count == t->capacity) {
        int cap = t->capacity > 0 ? t->capacity * 2 : 16;
        FtObject **p = mi_realloc(t->items, (size_t)cap * sizeof(FtObject *));
        if (p == NULL) {
            ft_error_no_memory();
            return -1;
        }
        t->items = p;
        t->capacity = cap;
    }
    t->items[t->count++] = ft_new_ref(value);
    return 0;
}

// The canonical object for value's key (value itself the first time). New reference, or NULL.
static FtObject *
const_cache_merge_ref(FtConstTable *t, FtObject *value)
{
    FtObject *key = ft_compile_const_key_ref(value);
    if (key == NULL)
        return NULL;
    FtObject *found;
    int r = ft_dict_get_item_ref(t->cache, key, &found);
    if (r == 0) {
        r = ft_dict_set_item(t->cache, key, value);
        found = r == 0 ? ft_new_ref(value) : NULL;
    }
    ft_decref(key);
    return r < 0 ? NULL : found;
}

int
ft_const_table_init(FtConstTable *t, FtObject *consts_dict)
{
    t->items = NULL;
    t->count = t->capacity = 0;
    t->cache = ft_dict_new_ref();
    if (t->cache == NULL)
        return -1;
    Ft_ssize n = consts_dict != NULL ? ft_dict_size(consts_dict) : 0;
    if (n == 0)
        return 0;
    FtObject **slots = mi_calloc((size_t)n, sizeof(FtObject *));
    if (slots == NULL) {
        ft_error_no_memory();
        return -1;
    }
    int rc = 0;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(consts_dict);
    Ft_ssize pos = 0;
    FtObject *key, *value;
    while (ft_dict_next(consts_dict, &pos, &key, &value)) {
        int64_t idx = -1;
        bool ok = ft_flow_int_fits_int64(value, &idx);
        if (!ok || idx < 0 || idx >= n || slots[idx] != NULL) {
            rc = -1;
            break;
        }
        FtObject *obj = ft_object_is_exact(key, &ft_tuple_type) && ft_tuple_size(key) >= 2
                            ? ft_tuple_get_item_borrow(key, 1)
                            : key;
        slots[idx] = ft_new_ref(obj);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    for (Ft_ssize i = 0; rc == 0 && i < n; i++)
        if (slots[i] == NULL)
            rc = -1;
    if (rc < 0)
        ft_error_set_string(&ft_exc_system_error, "assemble: bad constant table");
    for (Ft_ssize i = 0; i < n; i++) {
        if (rc == 0) {
            FtObject *canon = const_cache_merge_ref(t, slots[i]);
            if (canon == NULL || const_table_append(t, canon) < 0)
                rc = -1;
            ft_xdecref(canon);
        }
        ft_xdecref(slots[i]);
    }
    mi_free(slots);
    return rc;
}

void
ft_const_table_fini(FtConstTable *t)
{
    for (int i = 0; i < t->count; i++)
        ft_decref(t->items[i]);
    mi_free(t->items);
    ft_xdecref(t->cache);
    t->items = NULL;
    t->cache = NULL;
    t->count = t->capacity = 0;
}

// Adds value (stolen) to the table unless an identical canonical object is there; its index or -1.
static int
add_const_steal(FtObject *value, FtConstTable *t)
{
    FtObject *canon = const_cache_merge_ref(t, value);
    ft_decref(value);
    if (canon == NULL)
        return -1;
    int index;
    for (index = 0; index < t->count; index++)
        if (t->items[index] == canon)
            break;
    if (index == t->count) {
        if (t->count >= FT_OPCODE_MAX_OPARG) {
            ft_decref(canon);
            ft_error_set_string(&ft_exc_overflow_error, "too many constants");
            return -1;
        }
        if (const_table_append(t, canon) < 0) {
            ft_decref(canon);
            return -1;
        }
    }
    ft_decref(canon);
    return index;
}

static bool
get_const_loading_instrs(FtFlowBlock *bb, int start, FtFlowInstr **instrs, int size)
{
    for (; start >= 0 && size > 0; start--) {
        FtFlowInstr *in = &bb->instr[start];
        if (in->opcode == FT_OP_NOP)
            continue;
        if (!ft_flow_loads_const(in->opcode))
            return false;
        instrs[--size] = in;
    }
    return size == 0;
}

static void
nop_out(FtFlowInstr **instrs, int size)
{
    for (int i = 0; i < size; i++) {
        ft_flow_set_op0(instrs[i], FT_OP_NOP);
        instrs[i]->loc = FT_NO_LOCATION;
    }
}

// 1 if value is an int in [0, 256) and instr became LOAD_SMALL_INT, 0 if not.
static int
maybe_make_load_small_int(FtFlowInstr *in, FtObject *value)
{
    if (ft_object_is_exact(value, &ft_int_type)) {
        int64_t v = 0;
        if (ft_flow_int_fits_int64(value, &v) && v >= 0 && v < 256) {
            ft_flow_set_op1(in, FT_OP_LOAD_SMALL_INT, (int)v);
            return 1;
        }
    }
    return 0;
}

static int
make_load_const_steal(FtFlowInstr *in, FtObject *value, FtConstTable *consts)
{
    if (maybe_make_load_small_int(in, value)) {
        ft_decref(value);
        return 0;
    }
    int index = add_const_steal(value, consts);
    if (index < 0)
        return -1;
    ft_flow_set_op1(in, FT_OP_LOAD_CONST, index);
    return 0;
}

// A tuple of the values the instructions load. New reference or NULL.
static FtObject *
tuple_of_loads_ref(FtFlowInstr **instrs, int n, FtConstTable *consts)
{
    FtObject *t = ft_tuple_new_ref(n);
    if (t == NULL)
        return NULL;
    for (int i = 0; i < n; i++) {
        FtObject *v = get_const_value_ref(instrs[i]->opcode, instrs[i]->oparg, consts);
        if (v == NULL) {
            ft_decref(t);
            return NULL;
        }
        ft_tuple_set_item_steal_unlocked(t, i, v);
    }
    return t;
}

static int
fold_tuple_of_constants(FtFlowBlock *bb, int i, FtConstTable *consts)
{
    FtFlowInstr *in = &bb->instr[i];
    int n = in->oparg;
    if (n > STACK_USE_GUIDELINE)
        return 0;
    FtFlowInstr *loads[STACK_USE_GUIDELINE];
    if (!get_const_loading_instrs(bb, i - 1, loads, n))
        return 0;
    FtObject *t = tuple_of_loads_ref(loads, n, consts);
    if (t == NULL)
        return -1;
    nop_out(loads, n);
    return make_load_const_steal(in, t, consts);
}

static int
fold_constant_intrinsic_list_to_tuple(FtFlowBlock *bb, int i, FtConstTable *consts)
{
    FtFlowInstr *intrinsic = &bb->instr[i];
    int found = 0;
    bool expect_append = true;
    for (int pos = i - 1; pos >= 0; pos--) {
        FtFlowInstr *in = &bb->instr[pos];
        int op = in->opcode, arg = in->oparg;
        if (op == FT_OP_NOP)
            continue;
        if (op == FT_OP_BUILD_LIST && arg == 0) {
            if (!expect_append)
                return 0;
            FtObject *t = ft_tuple_new_ref(found);
            if (t == NULL)
                return -1;
            for (int k = i - 1; k >= pos; k--) {
                FtFlowInstr *x = &bb->instr[k];
                if (x->opcode == FT_OP_NOP)
                    continue;
                if (ft_flow_loads_const(x->opcode)) {
                    FtObject *v = get_const_value_ref(x->opcode, x->oparg, consts);
                    if (v == NULL) {
                        ft_decref(t);
                        return -1;
                    }
                    ft_tuple_set_item_steal_unlocked(t, --found, v);
                }
                nop_out(&x, 1);
            }
            return make_load_const_steal(intrinsic, t, consts);
        }
        if (expect_append) {
            if (op != FT_OP_LIST_APPEND || arg != 1)
                return 0;
        } else {
            if (!ft_flow_loads_const(op))
                return 0;
            found++;
        }
        expect_append = !expect_append;
    }
    return 0;
}

static int
optimize_lists_and_sets(FtFlowBlock *bb, int i, int nextop, FtConstTable *consts)
{
    FtFlowInstr *in = &bb->instr[i];
    bool contains_or_iter = nextop == FT_OP_GET_ITER || nextop == FT_OP_CONTAINS_OP;
    int n = in->oparg;
    if (n > STACK_USE_GUIDELINE || (n < MIN_CONST_SEQUENCE_SIZE && !contains_or_iter))
        return 0;
    FtFlowInstr *loads[STACK_USE_GUIDELINE];
    if (!get_const_loading_instrs(bb, i - 1, loads, n)) {
        if (contains_or_iter && in->opcode == FT_OP_BUILD_LIST)
            ft_flow_set_op1(in, FT_OP_BUILD_TUPLE, in->oparg);
        return 0;
    }
    FtObject *result = tuple_of_loads_ref(loads, n, consts);
    if (result == NULL)
        return -1;
    if (in->opcode == FT_OP_BUILD_SET) {
        FtObject *fs = ft_frozenset_new_ref(result);
        ft_decref(result);
        if (fs == NULL)
            return -1;
        result = fs;
    }
    int index = add_const_steal(result, consts);
    if (index < 0)
        return -1;
    nop_out(loads, n);
    if (contains_or_iter) {
        ft_flow_set_op1(in, FT_OP_LOAD_CONST, index);
    } else {
        int build = in->opcode;
        bb->instr[i - 2].loc = in->loc;
        ft_flow_set_op1(&bb->instr[i - 2], build, 0);
        ft_flow_set_op1(&bb->instr[i - 1], FT_OP_LOAD_CONST, index);
        ft_flow_set_op1(&bb->instr[i], build == FT_OP_BUILD_LIST ? FT_OP_LIST_EXTEND : FT_OP_SET_UPDATE, 1);
    }
    return 0;
}

static Ft_ssize
check_complexity(FtObject *obj, Ft_ssize limit)
{
    if (ft_tuple_check(obj)) {
        limit -= ft_tuple_size(obj);
        for (Ft_ssize i = 0; limit >= 0 && i < ft_tuple_size(obj); i++) {
            limit = check_complexity(ft_tuple_get_item_borrow(obj, i), limit);
            if (limit < 0)
                return limit;
        }
    }
    return limit;
}

static bool
int_is_zero(FtObject *v)
{
    return ft_bigint_sign(ft_int_value_borrow(v)) == 0;
}

static uint64_t
int_num_bits(FtObject *v)
{
    return ft_bigint_bit_length(ft_int_value_borrow(v));
}

// The value of an int as an int64 clamped to -1 when it does not fit (CPython's PyLong_AsLong
// failing), for the size checks only.
static int64_t
int_as_small(FtObject *v)
{
    int64_t n = -1;
    return ft_flow_int_fits_int64(v, &n) ? n : -1;
}

static bool
is_str_or_bytes(FtObject *v)
{
    return ft_str_check(v) || ft_bytes_check(v);
}

static FtObject *
safe_multiply_ref(FtObject *v, FtObject *w)
{
    if (ft_int_check(v) && ft_int_check(w) && !int_is_zero(v) && !int_is_zero(w)) {
        if (int_num_bits(v) + int_num_bits(w) > MAX_INT_SIZE)
            return NULL;
    } else if (ft_int_check(v) && ft_tuple_check(w)) {
        Ft_ssize size = ft_tuple_size(w);
        if (size) {
            int64_t n = int_as_small(v);
            if (n < 0 || n > MAX_COLLECTION_SIZE / size)
                return NULL;
            if (n && check_complexity(w, MAX_TOTAL_ITEMS / n) < 0)
                return NULL;
        }
    } else if (ft_int_check(v) && is_str_or_bytes(w)) {
        Ft_ssize size = ft_str_check(w) ? ft_str_length(w) : ft_bytes_size(w);
        if (size) {
            int64_t n = int_as_small(v);
            if (n < 0 || n > MAX_STR_SIZE / size)
                return NULL;
        }
    } else if (ft_int_check(w) && (ft_tuple_check(v) || is_str_or_bytes(v))) {
        return safe_multiply_ref(w, v);
    }
    return ft_number_multiply_ref(v, w);
}

static FtObject *
safe_power_ref(FtObject *v, FtObject *w)
{
    if (ft_int_check(v) && ft_int_check(w) && !int_is_zero(v) &&
        ft_bigint_sign(ft_int_value_borrow(w)) > 0) {
        int64_t wbits = 0;
        if (!ft_flow_int_fits_int64(w, &wbits))
            return NULL;
        if (int_num_bits(v) > (uint64_t)(MAX_INT_SIZE / wbits))
            return NULL;
    }
    return ft_number_power_ref(v, w, FT_NONE);
}

static FtObject *
safe_lshift_ref(FtObject *v, FtObject *w)
{
    if (ft_int_check(v) && ft_int_check(w) && !int_is_zero(v) && !int_is_zero(w)) {
        int64_t wbits = 0;
        if (!ft_flow_int_fits_int64(w, &wbits) || wbits < 0)
            return NULL;
        if (wbits > MAX_INT_SIZE || int_num_bits(v) > (uint64_t)(MAX_INT_SIZE - wbits))
            return NULL;
    }
    return ft_number_lshift_ref(v, w);
}

static FtObject *
eval_const_binop_ref(FtObject *l, int op, FtObject *r)
{
    switch (op) {
    case FT_NB_ADD: return ft_number_add_ref(l, r);
    case FT_NB_SUBTRACT: return ft_number_subtract_ref(l, r);
    case FT_NB_MULTIPLY: return safe_multiply_ref(l, r);
    case FT_NB_TRUE_DIVIDE: return ft_number_true_divide_ref(l, r);
    case FT_NB_FLOOR_DIVIDE: return ft_number_floor_divide_ref(l, r);
    case FT_NB_REMAINDER: return is_str_or_bytes(l) ? NULL : ft_number_remainder_ref(l, r);
    case FT_NB_POWER: return safe_power_ref(l, r);
    case FT_NB_LSHIFT: return safe_lshift_ref(l, r);
    case FT_NB_RSHIFT: return ft_number_rshift_ref(l, r);
    case FT_NB_OR: return ft_number_or_ref(l, r);
    case FT_NB_XOR: return ft_number_xor_ref(l, r);
    case FT_NB_AND: return ft_number_and_ref(l, r);
    case FT_NB_SUBSCR: return ft_object_get_item_ref(l, r);
    default: return NULL;   // @ and the in-place forms never fold
    }
}

static int
fold_const_binop(FtFlowBlock *bb, int i, FtConstTable *consts)
{
    FtFlowInstr *binop = &bb->instr[i];
    FtFlowInstr *ops[2];
    if (!get_const_loading_instrs(bb, i - 1, ops, 2))
        return 0;
    FtObject *l = get_const_value_ref(ops[0]->opcode, ops[0]->oparg, consts);
    if (l == NULL)
        return -1;
    FtObject *r = get_const_value_ref(ops[1]->opcode, ops[1]->oparg, consts);
    if (r == NULL) {
        ft_decref(l);
        return -1;
    }
    FtObject *res = eval_const_binop_ref(l, binop->oparg, r);
    ft_decref(l);
    ft_decref(r);
    if (res == NULL) {
        // TODO(#4): let KeyboardInterrupt through, as CPython does.
        ft_error_clear();
        return 0;
    }
    nop_out(ops, 2);
    return make_load_const_steal(binop, res, consts);
}

static FtObject *
eval_const_unaryop_ref(FtObject *v, int opcode, int oparg)
{
    switch (opcode) {
    case FT_OP_UNARY_NEGATIVE: return ft_number_negative_ref(v);
    case FT_OP_UNARY_INVERT:
        // ~True / ~False stay run-time operations, as in CPython, so that their
        // DeprecationWarning is reported where the program runs them (NULL without an exception
        // means "do not fold").
        if (ft_object_is_exact(v, &ft_bool_type))
            return NULL;
        return ft_number_invert_ref(v);
    case FT_OP_UNARY_NOT: {
        int t = ft_object_is_true(v);
        return t < 0 ? NULL : ft_new_ref(ft_bool_from(!t));
    }
    case FT_OP_CALL_INTRINSIC_1:
        return oparg == FT_INTRINSIC_UNARY_POSITIVE ? ft_number_positive_ref(v) : NULL;
    default: return NULL;
    }
}

static int
fold_const_unaryop(FtFlowBlock *bb, int i, FtConstTable *consts)
{
    FtFlowInstr *unaryop = &bb->instr[i];
    FtFlowInstr *operand;
    if (!get_const_loading_instrs(bb, i - 1, &operand, 1))
        return 0;
    FtObject *v = get_const_value_ref(operand->opcode, operand->oparg, consts);
    if (v == NULL)
        return -1;
    FtObject *res = eval_const_unaryop_ref(v, unaryop->opcode, unaryop->oparg);
    ft_decref(v);
    if (res == NULL) {
        ft_error_clear();
        return 0;
    }
    nop_out(&operand, 1);
    return make_load_const_steal(unaryop, res, consts);
}

// Swaps.

#define VISITED (-1)

static int
swaptimize(FtFlowBlock *block, int *ix)
{
    FtFlowInstr *ins = &block->instr[*ix];
    int depth = ins[0].oparg;
    int len = 0;
    bool more = false;
    int limit = block->iused - *ix;
    while (++len < limit) {
        int op = ins[len].opcode;
        if (op == FT_OP_SWAP) {
            if (ins[len].oparg > depth)
                depth = ins[len].oparg;
            more = true;
        } else if (op != FT_OP_NOP) {
            break;
        }
    }
    if (!more)
        return 0;
    if (depth < 1)
        return 0;
    int *stack = mi_malloc((size_t)depth * sizeof(int));
    if (stack == NULL) {
        ft_error_no_memory();
        return -1;
    }
    for (int i = 0; i < depth; i++)
        stack[i] = i;
    for (int i = 0; i < len; i++) {
        if (ins[i].opcode == FT_OP_SWAP) {
            int arg = ins[i].oparg;
            if (arg < 1)
                continue;
            int top = stack[0];
            stack[0] = stack[arg - 1];
            stack[arg - 1] = top;
        }
    }
    int current = len - 1;
    for (int i = 0; i < depth; i++) {
        if (stack[i] == VISITED || stack[i] == i)
            continue;
        int j = i;
        while (true) {
            if (j) {
                ins[current].opcode = FT_OP_SWAP;
                ins[current--].oparg = j + 1;
            }
            if (stack[j] == VISITED)
                break;
            int next_j = stack[j];
            stack[j] = VISITED;
            j = next_j;
        }
    }
    while (current >= 0)
        ft_flow_set_op0(&ins[current--], FT_OP_NOP);
    mi_free(stack);
    *ix += len - 1;
    return 0;
}

static bool
swappable(int op)
{
    return op == FT_OP_STORE_FAST || op == FT_OP_STORE_FAST_MAYBE_NULL || op == FT_OP_POP_TOP;
}

static int
stores_to(const FtFlowInstr *in)
{
    return (in->opcode == FT_OP_STORE_FAST || in->opcode == FT_OP_STORE_FAST_MAYBE_NULL) ? in->oparg
                                                                                         : -1;
}

static int
next_swappable_instruction(FtFlowBlock *block, int i, int lineno)
{
    while (++i < block->iused) {
        FtFlowInstr *in = &block->instr[i];
        if (lineno >= 0 && in->loc.lineno != lineno)
            return -1;
        if (in->opcode == FT_OP_NOP)
            continue;
        if (swappable(in->opcode))
            return i;
        return -1;
    }
    return -1;
}

static void
apply_static_swaps(FtFlowBlock *block, int i)
{
    for (; i >= 0; i--) {
        FtFlowInstr *swap = &block->instr[i];
        if (swap->opcode != FT_OP_SWAP) {
            if (swap->opcode == FT_OP_NOP || swappable(swap->opcode))
                continue;
            return;
        }
        int j = next_swappable_instruction(block, i, -1);
        if (j < 0)
            return;
        int k = j;
        int lineno = block->instr[j].loc.lineno;
        for (int count = swap->oparg - 1; count > 0; count--) {
            k = next_swappable_instruction(block, k, lineno);
            if (k < 0)
                return;
        }
        int store_j = stores_to(&block->instr[j]);
        int store_k = stores_to(&block->instr[k]);
        if (store_j >= 0 || store_k >= 0) {
            if (store_j == store_k)
                return;
            for (int idx = j + 1; idx < k; idx++) {
                int s = stores_to(&block->instr[idx]);
                if (s >= 0 && (s == store_j || s == store_k))
                    return;
            }
        }
        ft_flow_set_op0(swap, FT_OP_NOP);
        FtFlowInstr tmp = block->instr[j];
        block->instr[j] = block->instr[k];
        block->instr[k] = tmp;
    }
}

// Per-block peephole passes.

int
ft_flowgraph_optimize_load_const(FtFlowBlock *bb, FtConstTable *consts)
{
    int opcode = 0, oparg = 0;
    for (int i = 0; i < bb->iused; i++) {
        FtFlowInstr *in = &bb->instr[i];
        if (in->opcode == FT_OP_LOAD_CONST) {
            FtObject *c = get_const_value_ref(in->opcode, in->oparg, consts);
            if (c == NULL)
                return -1;
            maybe_make_load_small_int(in, c);
            ft_decref(c);
        }
        bool copy_of_load_const = opcode == FT_OP_LOAD_CONST && in->opcode == FT_OP_COPY &&
                                  in->oparg == 1;
        if (!copy_of_load_const) {
            opcode = in->opcode;
            oparg = in->oparg;
        }
        if (opcode != FT_OP_LOAD_CONST && opcode != FT_OP_LOAD_SMALL_INT)
            continue;
        int nextop = i + 1 < bb->iused ? bb->instr[i + 1].opcode : 0;
        switch (nextop) {
        case FT_OP_POP_JUMP_IF_FALSE:
        case FT_OP_POP_JUMP_IF_TRUE:
        case FT_OP_JUMP_IF_FALSE:
        case FT_OP_JUMP_IF_TRUE: {
            FtObject *c = get_const_value_ref(opcode, oparg, consts);
            if (c == NULL)
                return -1;
            int is_true = ft_object_is_true(c);
            ft_decref(c);
            if (is_true < 0)
                return -1;
            if (nextop == FT_OP_POP_JUMP_IF_FALSE || nextop == FT_OP_POP_JUMP_IF_TRUE)
                ft_flow_set_op0(in, FT_OP_NOP);
            int jump_if_true = nextop == FT_OP_POP_JUMP_IF_TRUE || nextop == FT_OP_JUMP_IF_TRUE;
            if (is_true == jump_if_true)
                bb->instr[i + 1].opcode = FT_OP_JUMP;
            else
                ft_flow_set_op0(&bb->instr[i + 1], FT_OP_NOP);
            break;
        }
        case FT_OP_IS_OP: {
            FtObject *c = get_const_value_ref(opcode, oparg, consts);
            if (c == NULL)
                return -1;
            bool is_none = c == FT_NONE;
            ft_decref(c);
            if (!is_none || bb->iused <= i + 2)
                break;
            FtFlowInstr *is_instr = &bb->instr[i + 1];
            FtFlowInstr *jump_instr = &bb->instr[i + 2];
            if (jump_instr->opcode == FT_OP_TO_BOOL) {
                ft_flow_set_op0(jump_instr, FT_OP_NOP);
                if (bb->iused <= i + 3)
                    break;
                jump_instr = &bb->instr[i + 3];
            }
            bool invert = is_instr->oparg != 0;
            if (jump_instr->opcode == FT_OP_POP_JUMP_IF_FALSE)
                invert = !invert;
            else if (jump_instr->opcode != FT_OP_POP_JUMP_IF_TRUE)
                break;
            ft_flow_set_op0(in, FT_OP_NOP);
            ft_flow_set_op0(is_instr, FT_OP_NOP);
            jump_instr->opcode = invert ? FT_OP_POP_JUMP_IF_NOT_NONE : FT_OP_POP_JUMP_IF_NONE;
            break;
        }
        case FT_OP_TO_BOOL: {
            FtObject *c = get_const_value_ref(opcode, oparg, consts);
            if (c == NULL)
                return -1;
            int is_true = ft_object_is_true(c);
            ft_decref(c);
            if (is_true < 0)
                return -1;
            int index = add_const_steal(ft_new_ref(ft_bool_from(is_true)), consts);
            if (index < 0)
                return -1;
            ft_flow_set_op0(in, FT_OP_NOP);
            ft_flow_set_op1(&bb->instr[i + 1], FT_OP_LOAD_CONST, index);
            break;
        }
        default:
            break;
        }
    }
    return 0;
}

// Replaces inst by a jump to target's target (CPython's jump_thread). Returns 1 if changed, 0 if
// not, -1 on error.
static int
jump_thread(FtFlowBlock *bb, FtFlowInstr *inst, FtFlowInstr *target, int opcode)
{
    if (inst->target == target->target)
        return 0;
    // The new jump takes the target jump's location, or the threaded one's when the target has
    // none (what CPython 3.14.10's output shows: an artificial loop jump must not hide the line
    // of the condition that jumped to it).
    FtLocation loc = target->loc.lineno >= 0 ? target->loc : inst->loc;
    ft_flow_set_op0(inst, FT_OP_NOP);
    if (ft_flowgraph_block_add_jump(bb, opcode, target->target, loc) < 0)
        return -1;
    return 1;
}

#define THREAD_OR_FAIL(expr)                                                                       \
    do {                                                                                           \
        int r_ = (expr);                                                                           \
        if (r_ < 0)                                                                                \
            return -1;                                                                             \
        i -= r_;                                                                                   \
    } while (0)

int
ft_flowgraph_optimize_block(FtFlowBlock *bb, FtConstTable *consts)
{
    FtFlowInstr nop = {.opcode = FT_OP_NOP};
    for (int i = 0; i < bb->iused; i++) {
        FtFlowInstr *in = &bb->instr[i];
        int opcode = in->opcode, oparg = in->oparg;
        FtFlowInstr *target = &nop;
        if (ft_flow_has_target(opcode) && in->target->iused > 0)
            target = &in->target->instr[0];
        int nextop = i + 1 < bb->iused ? bb->instr[i + 1].opcode : 0;
        switch (opcode) {
        case FT_OP_BUILD_TUPLE:
            if (nextop == FT_OP_UNPACK_SEQUENCE && oparg == bb->instr[i + 1].oparg) {
                if (oparg == 1) {
                    ft_flow_set_op0(in, FT_OP_NOP);
                    ft_flow_set_op0(&bb->instr[i + 1], FT_OP_NOP);
                    continue;
                }
                if (oparg == 2 || oparg == 3) {
                    ft_flow_set_op0(in, FT_OP_NOP);
                    bb->instr[i + 1].opcode = FT_OP_SWAP;
                    continue;
                }
            }
            if (fold_tuple_of_constants(bb, i, consts) < 0)
                return -1;
            break;
        case FT_OP_BUILD_LIST:
        case FT_OP_BUILD_SET:
            if (optimize_lists_and_sets(bb, i, nextop, consts) < 0)
                return -1;
            break;
        case FT_OP_POP_JUMP_IF_NOT_NONE:
        case FT_OP_POP_JUMP_IF_NONE:
        case FT_OP_POP_JUMP_IF_FALSE:
        case FT_OP_POP_JUMP_IF_TRUE:
            if (target->opcode == FT_OP_JUMP)
                THREAD_OR_FAIL(jump_thread(bb, in, target, in->opcode));
            break;
        case FT_OP_JUMP_IF_FALSE:
        case FT_OP_JUMP_IF_TRUE: {
            int same = opcode, other = opcode == FT_OP_JUMP_IF_FALSE ? FT_OP_JUMP_IF_TRUE
                                                                    : FT_OP_JUMP_IF_FALSE;
            if (target->opcode == FT_OP_JUMP || target->opcode == same) {
                THREAD_OR_FAIL(jump_thread(bb, in, target, same));
                continue;
            }
            if (target->opcode == other && in->target->next != NULL) {
                in->target = in->target->next;
                i--;
                continue;
            }
            break;
        }
        case FT_OP_JUMP:
        case FT_OP_JUMP_NO_INTERRUPT:
            if (target->opcode == FT_OP_JUMP) {
                THREAD_OR_FAIL(jump_thread(bb, in, target, FT_OP_JUMP));
                continue;
            }
            if (target->opcode == FT_OP_JUMP_NO_INTERRUPT) {
                THREAD_OR_FAIL(jump_thread(bb, in, target, opcode));
                continue;
            }
            break;
        case FT_OP_STORE_FAST:
            if (opcode == nextop && oparg == bb->instr[i + 1].oparg &&
                bb->instr[i].loc.lineno == bb->instr[i + 1].loc.lineno)
                ft_flow_set_op0(&bb->instr[i], FT_OP_POP_TOP);
            break;
        case FT_OP_SWAP:
            if (oparg == 1)
                ft_flow_set_op0(in, FT_OP_NOP);
            break;
        case FT_OP_LOAD_GLOBAL:
            if (nextop == FT_OP_PUSH_NULL && (oparg & 1) == 0) {
                ft_flow_set_op1(in, FT_OP_LOAD_GLOBAL, oparg | 1);
                ft_flow_set_op0(&bb->instr[i + 1], FT_OP_NOP);
            }
            break;
        case FT_OP_COMPARE_OP:
            if (nextop == FT_OP_TO_BOOL) {
                ft_flow_set_op0(in, FT_OP_NOP);
                ft_flow_set_op1(&bb->instr[i + 1], FT_OP_COMPARE_OP, oparg | 16);
                continue;
            }
            break;
        case FT_OP_CONTAINS_OP:
        case FT_OP_IS_OP:
            if (nextop == FT_OP_TO_BOOL) {
                ft_flow_set_op0(in, FT_OP_NOP);
                ft_flow_set_op1(&bb->instr[i + 1], opcode, oparg);
                continue;
            }
            if (nextop == FT_OP_UNARY_NOT) {
                ft_flow_set_op0(in, FT_OP_NOP);
                ft_flow_set_op1(&bb->instr[i + 1], opcode, oparg ^ 1);
                continue;
            }
            break;
        case FT_OP_TO_BOOL:
            if (nextop == FT_OP_TO_BOOL) {
                ft_flow_set_op0(in, FT_OP_NOP);
                continue;
            }
            break;
        case FT_OP_UNARY_NOT:
            if (nextop == FT_OP_TO_BOOL) {
                ft_flow_set_op0(in, FT_OP_NOP);
                ft_flow_set_op0(&bb->instr[i + 1], FT_OP_UNARY_NOT);
                continue;
            }
            if (nextop == FT_OP_UNARY_NOT) {
                ft_flow_set_op0(in, FT_OP_NOP);
                ft_flow_set_op0(&bb->instr[i + 1], FT_OP_NOP);
                continue;
            }
            if (fold_const_unaryop(bb, i, consts) < 0)
                return -1;
            break;
        case FT_OP_UNARY_INVERT:
        case FT_OP_UNARY_NEGATIVE:
            if (fold_const_unaryop(bb, i, consts) < 0)
                return -1;
            break;
        case FT_OP_CALL_INTRINSIC_1:
            if (oparg == FT_INTRINSIC_LIST_TO_TUPLE) {
                if (nextop == FT_OP_GET_ITER)
                    ft_flow_set_op0(in, FT_OP_NOP);
                else if (fold_constant_intrinsic_list_to_tuple(bb, i, consts) < 0)
                    return -1;
            } else if (oparg == FT_INTRINSIC_UNARY_POSITIVE) {
                if (fold_const_unaryop(bb, i, consts) < 0)
                    return -1;
            }
            break;
        case FT_OP_BINARY_OP:
            if (fold_const_binop(bb, i, consts) < 0)
                return -1;
            break;
        default:
            break;
        }
    }
    for (int i = 0; i < bb->iused; i++) {
        if (bb->instr[i].opcode == FT_OP_SWAP) {
            if (swaptimize(bb, &i) < 0)
                return -1;
            apply_static_swaps(bb, i);
        }
    }
    return 0;
}

int
ft_flowgraph_remove_unused_consts(FtFlowBlock *entry, FtConstTable *consts)
{
    int n = consts->count;
    if (n == 0)
        return 0;
    int *index_map = mi_malloc((size_t)n * sizeof(int));
    int *reverse = mi_malloc((size_t)n * sizeof(int));
    if (index_map == NULL || reverse == NULL) {
        mi_free(index_map);
        mi_free(reverse);
        ft_error_no_memory();
        return -1;
    }
    for (int i = 1; i < n; i++)
        index_map[i] = -1;
    index_map[0] = 0;   // the first constant may be the docstring: always kept
    for (FtFlowBlock *b = entry; b != NULL; b = b->next)
        for (int i = 0; i < b->iused; i++)
            if (ft_opcode_has_const(b->instr[i].opcode) && b->instr[i].oparg < n)
                index_map[b->instr[i].oparg] = b->instr[i].oparg;
    int used = 0;
    for (int i = 0; i < n; i++)
        if (index_map[i] != -1)
            index_map[used++] = index_map[i];
    if (used < n) {
        for (int i = 0; i < used; i++) {
            int old = index_map[i];
            if (i != old) {
                FtObject *v = consts->items[old];
                ft_incref(v);
                ft_decref(consts->items[i]);
                consts->items[i] = v;
            }
        }
        for (int i = used; i < n; i++)
            ft_decref(consts->items[i]);
        consts->count = used;
        for (int i = 0; i < n; i++)
            reverse[i] = -1;
        for (int i = 0; i < used; i++)
            reverse[index_map[i]] = i;
        for (FtFlowBlock *b = entry; b != NULL; b = b->next)
            for (int i = 0; i < b->iused; i++)
                if (ft_opcode_has_const(b->instr[i].opcode) && b->instr[i].oparg < n)
                    b->instr[i].oparg = reverse[b->instr[i].oparg];
    }
    mi_free(index_map);
    mi_free(reverse);
    return 0;
}

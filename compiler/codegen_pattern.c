// compiler/codegen_pattern.c: the match statement (PEP 634), as CPython 3.14's codegen_match and
// codegen_pattern_* in Python/codegen.c.
//
// Owns: how each pattern kind tests the subject (MATCH_SEQUENCE / MATCH_MAPPING / MATCH_CLASS /
// MATCH_KEYS, GET_LEN, COMPARE_OP, IS_OP), where captured values wait until the whole pattern has
// matched, and the compile-time pattern errors with CPython's messages and positions.
//
// Invariant (every pattern routine): it consumes the subject on top of the stack; on failure it
// jumps to fail_pop[n], which pops the n items above the level the case started from (the
// on_top items still in use plus the captures so far) and falls through fail_pop[n-1] ...
// fail_pop[0];
// captured values are kept *below* the on_top items, in the order of pc->stores, so nothing is
// bound until the whole pattern has matched.
//
// Concurrency: one compilation runs on one thread and owns all of the state touched here.
#include <limits.h>    // INT_MAX
#include <stdbool.h>   // bool
#include <string.h>    // strcmp memcpy

#include "compiler/codegen_internal.h"       // FtCompiler ft_cg_*
#include "eval/generated/opcode_ids.gen.h"   // FT_OP_* FT_COMPARE_* FT_NB_*
#include "objects/abstract_number.h"         // ft_number_*
#include "objects/error.h"                   // ft_error_no_memory
#include "objects/int.h"                     // ft_int_from_int64_ref
#include "objects/object.h"                  // ft_object_repr_ref
#include "objects/set.h"                     // ft_set_*
#include "objects/str.h"                     // ft_str_*
#include "objects/tuple.h"                   // ft_tuple_*
#include "runtime/refcount.h"                // ft_decref

#define RETURN_IF_ERROR(x) \
    do { \
        if ((x) < 0) \
            return -1; \
    } while (0)

// COMPARE_OP's oparg: the comparison in bits 5 and up, CPython's quickening mask in bits 0-3.
#define COMPARE_EQ_OPARG ((FT_COMPARE_EQ << 5) | 8)
#define COMPARE_GE_OPARG ((FT_COMPARE_GE << 5) | 4 | 8)

// The names captured so far, in stack order (a growable array in the compiler's arena).
typedef struct NameList {
    const char **items;
    Ft_ssize size, cap;
} NameList;

typedef struct PatternContext {
    NameList stores;
    bool allow_irrefutable;   // false: an irrefutable pattern here is an error
    FtLabel *fail_pop;        // fail_pop[i] pops i items, then falls into fail_pop[i - 1]
    Ft_ssize fail_pop_size;
    Ft_ssize on_top;          // items above the captures, all popped on failure
} PatternContext;

static int pattern(FtCompiler *c, const FtAstPattern *p, PatternContext *pc);

static FtLocation
pattern_loc(const FtAstPattern *p)
{
    return (FtLocation){p->lineno, p->end_lineno, p->col_offset, p->end_col_offset};
}

static bool
is_wildcard(const FtAstPattern *p)
{
    return p->kind == FT_AST_PATTERN_MATCH_AS && p->v.match_as.pattern == NULL
           && p->v.match_as.name == NULL;
}

static bool
is_star_wildcard(const FtAstPattern *p)
{
    return p->kind == FT_AST_PATTERN_MATCH_STAR && p->v.match_star.name == NULL;
}

static Ft_ssize
seq_len(const FtAstSeq *seq)
{
    return seq != NULL ? seq->size : 0;
}

static int
names_append(FtCompiler *c, NameList *list, const char *name)
{
    if (list->size == list->cap) {
        Ft_ssize cap = list->cap ? list->cap * 2 : 8;
        const char **items = ft_arena_alloc(c->arena, sizeof(const char *) * (size_t)cap);
        if (items == NULL) {
            ft_error_no_memory();
            return -1;
        }
        if (list->size > 0)
            memcpy(items, list->items, sizeof(const char *) * (size_t)list->size);
        list->items = items;
        list->cap = cap;
    }
    list->items[list->size++] = name;
    return 0;
}

static Ft_ssize
names_index(const NameList *list, const char *name)
{
    for (Ft_ssize i = 0; i < list->size; i++) {
        if (strcmp(list->items[i], name) == 0)
            return i;
    }
    return -1;
}

static int
addop_compare(FtCompiler *c, FtLocation loc, int oparg)
{
    return ft_cg_addop_i(c, loc, FT_OP_COMPARE_OP, oparg);
}

// LOAD_CONST of an int, registered in co_consts as CPython's codegen does even for a small int
// (the flowgraph turns it into LOAD_SMALL_INT; the constant's slot stays if it is the first).
static int
load_int(FtCompiler *c, FtLocation loc, Ft_ssize value)
{
    FtObject *n = ft_int_from_int64_ref(value);
    if (n == NULL)
        return -1;
    int index = ft_cg_const_index(c, n);
    ft_decref(n);
    if (index < 0)
        return -1;
    return ft_cg_addop_i(c, loc, FT_OP_LOAD_CONST, index);
}

// The value forms a pattern may compare against: literals and dotted names. A negative or complex
// literal (`-1`, `1 + 2j`) arrives as UnaryOp / BinOp of constants; CPython's AST pass folds those
// into one constant before code generation, and so does fold_literal_ref() below.
static bool
is_match_value_expr(const FtAstExpr *e)
{
    switch (e->kind) {
    case FT_AST_EXPR_CONSTANT:
    case FT_AST_EXPR_ATTRIBUTE:
        return true;
    case FT_AST_EXPR_UNARY_OP:
        return e->v.unary_op.op == FT_AST_UNARYOP_USUB
               && is_match_value_expr(e->v.unary_op.operand);
    case FT_AST_EXPR_BIN_OP:
        return (e->v.bin_op.op == FT_AST_OPERATOR_ADD || e->v.bin_op.op == FT_AST_OPERATOR_SUB)
               && is_match_value_expr(e->v.bin_op.left) && is_match_value_expr(e->v.bin_op.right);
    default:
        return false;
    }
}

// The value of a literal pattern expression (a constant, or -, + and - applied to constants) as a
// new reference in *out; *out is NULL when e is no such literal (a dotted name). -1 on error.
static int
fold_literal_ref(FtCompiler *c, const FtAstExpr *e, FtObject **out)
{
    *out = NULL;
    switch (e->kind) {
    case FT_AST_EXPR_CONSTANT:
        *out = ft_cg_constant_ref(c, e->v.constant.value);
        return *out == NULL ? -1 : 0;
    case FT_AST_EXPR_UNARY_OP: {
        if (e->v.unary_op.op != FT_AST_UNARYOP_USUB)
            return 0;
        FtObject *operand;
        RETURN_IF_ERROR(fold_literal_ref(c, e->v.unary_op.operand, &operand));
        if (operand == NULL)
            return 0;
        *out = ft_number_negative_ref(operand);
        ft_decref(operand);
        return *out == NULL ? -1 : 0;
    }
    case FT_AST_EXPR_BIN_OP: {
        bool add = e->v.bin_op.op == FT_AST_OPERATOR_ADD;
        if (!add && e->v.bin_op.op != FT_AST_OPERATOR_SUB)
            return 0;
        FtObject *left, *right;
        RETURN_IF_ERROR(fold_literal_ref(c, e->v.bin_op.left, &left));
        if (left == NULL)
            return 0;
        if (fold_literal_ref(c, e->v.bin_op.right, &right) < 0) {
            ft_decref(left);
            return -1;
        }
        if (right == NULL) {
            ft_decref(left);
            return 0;
        }
        *out = add ? ft_number_add_ref(left, right) : ft_number_subtract_ref(left, right);
        ft_decref(left);
        ft_decref(right);
        return *out == NULL ? -1 : 0;
    }
    default:
        return 0;
    }
}

// Pushes a literal pattern expression: the folded constant where there is one, else the
// expression (a dotted name).
static int
visit_literal(FtCompiler *c, const FtAstExpr *e)
{
    FtObject *value;
    RETURN_IF_ERROR(fold_literal_ref(c, e, &value));
    if (value == NULL)
        return ft_cg_visit_expr(c, e);
    int rc = ft_cg_addop_load_const(c, ft_cg_loc_expr(e), value);
    ft_decref(value);
    return rc;
}

// Makes fail_pop long enough to pop n items.
static int
ensure_fail_pop(FtCompiler *c, PatternContext *pc, Ft_ssize n)
{
    Ft_ssize size = n + 1;
    if (size <= pc->fail_pop_size)
        return 0;
    FtLabel *labels = ft_arena_alloc(c->arena, sizeof(FtLabel) * (size_t)size);
    if (labels == NULL) {
        ft_error_no_memory();
        return -1;
    }
    if (pc->fail_pop_size > 0)
        memcpy(labels, pc->fail_pop, sizeof(FtLabel) * (size_t)pc->fail_pop_size);
    pc->fail_pop = labels;
    while (pc->fail_pop_size < size) {
        FtLabel label = ft_cg_new_label(c);
        if (label.id < 0)
            return -1;
        pc->fail_pop[pc->fail_pop_size++] = label;
    }
    return 0;
}

// Jumps (with op) to the block that pops everything this pattern has pushed so far.
static int
jump_to_fail_pop(FtCompiler *c, FtLocation loc, PatternContext *pc, int op)
{
    Ft_ssize pops = pc->on_top + pc->stores.size;
    RETURN_IF_ERROR(ensure_fail_pop(c, pc, pops));
    return ft_cg_addop_jump(c, loc, op, pc->fail_pop[pops]);
}

// Emits the chain of POP_TOPs the failure jumps land in, and forgets it.
static int
emit_and_reset_fail_pop(FtCompiler *c, FtLocation loc, PatternContext *pc)
{
    if (pc->fail_pop_size == 0)
        return 0;
    while (--pc->fail_pop_size) {
        RETURN_IF_ERROR(ft_cg_use_label(c, pc->fail_pop[pc->fail_pop_size]));
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
    }
    RETURN_IF_ERROR(ft_cg_use_label(c, pc->fail_pop[0]));
    pc->fail_pop = NULL;
    return 0;
}

static int
error_duplicate_store(FtCompiler *c, FtLocation loc, const char *name)
{
    return ft_cg_error(c, loc, "multiple assignments to name '%s' in pattern", name);
}

// Moves the top of the stack count - 1 places down (3.10's ROT_N, as SWAPs).
static int
rotate(FtCompiler *c, FtLocation loc, Ft_ssize count)
{
    while (1 < count)
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, (int)count--));
    return 0;
}

// Captures the subject under name (NULL: discards it), under the items still in use.
static int
store_name(FtCompiler *c, FtLocation loc, const char *name, PatternContext *pc)
{
    if (name == NULL)
        return ft_cg_addop(c, loc, FT_OP_POP_TOP);
    if (names_index(&pc->stores, name) >= 0)
        return error_duplicate_store(c, loc, name);
    RETURN_IF_ERROR(rotate(c, loc, pc->on_top + pc->stores.size + 1));
    return names_append(c, &pc->stores, name);
}

static int
subpattern(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    bool allow_irrefutable = pc->allow_irrefutable;
    pc->allow_irrefutable = true;
    RETURN_IF_ERROR(pattern(c, p, pc));
    pc->allow_irrefutable = allow_irrefutable;
    return 0;
}

static int
unpack_helper(FtCompiler *c, FtLocation loc, const FtAstSeq *elts)
{
    Ft_ssize n = seq_len(elts);
    bool seen_star = false;
    for (Ft_ssize i = 0; i < n; i++) {
        const FtAstPattern *elt = elts->items[i];
        if (elt->kind != FT_AST_PATTERN_MATCH_STAR)
            continue;
        if (seen_star)
            return ft_cg_error(c, loc, "multiple starred expressions in sequence pattern");
        if (i >= (1 << 8) || n - i - 1 >= (INT_MAX >> 8))
            return ft_cg_error(c, loc, "too many expressions in star-unpacking sequence pattern");
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_EX, (int)(i + ((n - i - 1) << 8))));
        seen_star = true;
    }
    if (!seen_star)
        return ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, (int)n);
    return 0;
}

static int
sequence_unpack(FtCompiler *c, FtLocation loc, const FtAstSeq *patterns, PatternContext *pc)
{
    RETURN_IF_ERROR(unpack_helper(c, loc, patterns));
    Ft_ssize size = seq_len(patterns);
    // The unpacked items are new subjects, each consumed by its subpattern in turn.
    pc->on_top += size;
    for (Ft_ssize i = 0; i < size; i++) {
        pc->on_top--;
        RETURN_IF_ERROR(subpattern(c, patterns->items[i], pc));
    }
    return 0;
}

// For a sequence pattern with a star wildcard: index the subject instead of unpacking it.
static int
sequence_subscr(FtCompiler *c, FtLocation loc, const FtAstSeq *patterns, Ft_ssize star,
                PatternContext *pc)
{
    pc->on_top++;   // keep the subject for the lookups
    Ft_ssize size = seq_len(patterns);
    for (Ft_ssize i = 0; i < size; i++) {
        const FtAstPattern *p = patterns->items[i];
        if (is_wildcard(p) || i == star)
            continue;
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
        if (i < star) {
            RETURN_IF_ERROR(load_int(c, loc, i));
        }
        else {
            // The subject may not support negative indices: len(subject) - (size - i).
            RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_LEN));
            RETURN_IF_ERROR(load_int(c, loc, size - i));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BINARY_OP, FT_NB_SUBTRACT));
        }
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BINARY_OP, FT_NB_SUBSCR));
        RETURN_IF_ERROR(subpattern(c, p, pc));
    }
    pc->on_top--;
    return ft_cg_addop(c, loc, FT_OP_POP_TOP);
}

static int
pattern_as(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    FtLocation loc = pattern_loc(p);
    const char *name = p->v.match_as.name;
    if (p->v.match_as.pattern == NULL) {
        if (!pc->allow_irrefutable) {
            if (name != NULL)
                return ft_cg_error(c, loc, "name capture '%s' makes remaining patterns unreachable",
                                   name);
            return ft_cg_error(c, loc, "wildcard makes remaining patterns unreachable");
        }
        return store_name(c, loc, name, pc);
    }
    // Keep a copy of the subject to capture once the inner pattern matched.
    pc->on_top++;
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
    RETURN_IF_ERROR(pattern(c, p->v.match_as.pattern, pc));
    pc->on_top--;
    return store_name(c, loc, name, pc);
}

static int
pattern_class(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    FtLocation loc = pattern_loc(p);
    const FtAstSeq *patterns = p->v.match_class.patterns;
    const FtAstSeq *kwd_attrs = p->v.match_class.kwd_attrs;
    const FtAstSeq *kwd_patterns = p->v.match_class.kwd_patterns;
    Ft_ssize nargs = seq_len(patterns);
    Ft_ssize nattrs = seq_len(kwd_attrs);
    if (nattrs != seq_len(kwd_patterns))
        return ft_cg_error(c, loc,
                           "kwd_attrs (%d) / kwd_patterns (%d) length mismatch in class pattern",
                           (int)nattrs, (int)seq_len(kwd_patterns));
    for (Ft_ssize i = 0; i < nattrs; i++) {
        for (Ft_ssize j = i + 1; j < nattrs; j++) {
            if (strcmp(kwd_attrs->items[i], kwd_attrs->items[j]) == 0)
                return ft_cg_error(c, pattern_loc(kwd_patterns->items[j]),
                                   "attribute name repeated in class pattern: %s",
                                   (const char *)kwd_attrs->items[i]);
        }
    }
    RETURN_IF_ERROR(ft_cg_visit_expr(c, p->v.match_class.cls));
    FtObject *names = ft_tuple_new_ref(nattrs);
    if (names == NULL)
        return -1;
    for (Ft_ssize i = 0; i < nattrs; i++) {
        FtObject *name = ft_str_from_cstr_ref(kwd_attrs->items[i]);
        if (name == NULL) {
            ft_decref(names);
            return -1;
        }
        ft_tuple_set_item_steal_unlocked(names, i, name);
    }
    int rc = ft_cg_addop_load_const(c, loc, names);
    ft_decref(names);
    RETURN_IF_ERROR(rc);
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_MATCH_CLASS, (int)nargs));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_IS_OP, 1));
    // On top: a tuple of nargs + nattrs attributes, or None.
    pc->on_top++;
    RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, (int)(nargs + nattrs)));
    pc->on_top += nargs + nattrs - 1;
    for (Ft_ssize i = 0; i < nargs + nattrs; i++) {
        pc->on_top--;
        const FtAstPattern *sub = i < nargs ? patterns->items[i] : kwd_patterns->items[i - nargs];
        if (is_wildcard(sub)) {
            RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
            continue;
        }
        RETURN_IF_ERROR(subpattern(c, sub, pc));
    }
    return 0;
}

// Pushes mapping key i, rejecting a repeated literal key (seen: the literal keys so far).
static int
mapping_key(FtCompiler *c, FtObject *seen, const FtAstPattern *p, Ft_ssize i)
{
    const FtAstExpr *key = p->v.match_mapping.keys->items[i];
    if (key == NULL)
        return ft_cg_error(c, pattern_loc(p->v.match_mapping.patterns->items[i]),
                           "can't use NULL keys in MatchMapping (set 'rest' parameter instead)");
    if (key->kind == FT_AST_EXPR_ATTRIBUTE)
        return ft_cg_visit_expr(c, key);
    FtObject *value = NULL;
    if (is_match_value_expr(key))
        RETURN_IF_ERROR(fold_literal_ref(c, key, &value));
    if (value == NULL)
        return ft_cg_error(c, pattern_loc(p),
                           "mapping pattern keys may only match literals and attribute lookups");
    int in_seen = ft_set_contains(seen, value);
    if (in_seen > 0) {
        FtObject *repr = ft_object_repr_ref(value);
        ft_decref(value);
        if (repr == NULL)
            return -1;
        int rc = ft_cg_error(c, pattern_loc(p), "mapping pattern checks duplicate key (%s)",
                             ft_str_as_utf8(repr, NULL));
        ft_decref(repr);
        return rc;
    }
    if (in_seen < 0 || ft_set_add(seen, value) < 0) {
        ft_decref(value);
        return -1;
    }
    int rc = ft_cg_addop_load_const(c, ft_cg_loc_expr(key), value);
    ft_decref(value);
    return rc;
}

static int
pattern_mapping(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    FtLocation loc = pattern_loc(p);
    const FtAstSeq *patterns = p->v.match_mapping.patterns;
    Ft_ssize size = seq_len(p->v.match_mapping.keys);
    if (size != seq_len(patterns))
        return ft_cg_error(c, loc, "keys (%d) / patterns (%d) length mismatch in mapping pattern",
                           (int)size, (int)seq_len(patterns));
    const char *star_target = p->v.match_mapping.rest;
    // The subject stays on top during the type and length checks.
    pc->on_top++;
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_MATCH_MAPPING));
    RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE));
    if (size == 0 && star_target == NULL) {
        pc->on_top--;
        return ft_cg_addop(c, loc, FT_OP_POP_TOP);
    }
    if (size > 0) {
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_LEN));
        RETURN_IF_ERROR(load_int(c, loc, size));
        RETURN_IF_ERROR(addop_compare(c, loc, COMPARE_GE_OPARG));
        RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE));
    }
    if (INT_MAX < size - 1)
        return ft_cg_error(c, loc, "too many sub-patterns in mapping pattern");
    FtObject *seen = ft_set_new_ref(NULL);
    if (seen == NULL)
        return -1;
    for (Ft_ssize i = 0; i < size; i++) {
        if (mapping_key(c, seen, p, i) < 0) {
            ft_decref(seen);
            return -1;
        }
    }
    ft_decref(seen);
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, (int)size));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_MATCH_KEYS));
    // [subject, keys, values-or-None]
    pc->on_top += 2;
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, 1));
    RETURN_IF_ERROR(ft_cg_addop_load_none(c, loc));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_IS_OP, 1));
    RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE));
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, (int)size));
    pc->on_top += size - 1;
    for (Ft_ssize i = 0; i < size; i++) {
        pc->on_top--;
        RETURN_IF_ERROR(subpattern(c, patterns->items[i], pc));
    }
    // Matched: what follows consumes the keys tuple and the subject.
    pc->on_top -= 2;
    if (star_target != NULL) {
        // rest = dict(subject); del rest[key] for each key
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_MAP, 0));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 3));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_DICT_UPDATE, 2));
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_UNPACK_SEQUENCE, (int)size));
        while (size) {
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_COPY, (int)(1 + size--)));
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SWAP, 2));
            RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_DELETE_SUBSCR));
        }
        return store_name(c, loc, star_target, pc);
    }
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));   // the keys
    return ft_cg_addop(c, loc, FT_OP_POP_TOP);             // the subject
}

// Moves the first `rotations` names of stores to sit just before index icontrol - istores, as the
// stack rotation that accompanies it does (list[:r] taken out and reinserted).
static void
rotate_stores(NameList *stores, Ft_ssize rotations, Ft_ssize at, const char **tmp)
{
    memcpy(tmp, stores->items, sizeof(const char *) * (size_t)rotations);
    memmove(stores->items, stores->items + rotations,
            sizeof(const char *) * (size_t)(stores->size - rotations));
    Ft_ssize rest = stores->size - rotations;
    memmove(stores->items + at + rotations, stores->items + at,
            sizeof(const char *) * (size_t)(rest - at));
    memcpy(stores->items + at, tmp, sizeof(const char *) * (size_t)rotations);
}

static int
pattern_or(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    FtLocation loc = pattern_loc(p);
    FtLabel end = ft_cg_new_label(c);
    if (end.id < 0)
        return -1;
    Ft_ssize size = seq_len(p->v.match_or.patterns);
    PatternContext old_pc = *pc;
    // The names bound by the first alternative; the others must bind the same set, reordered on
    // the stack to this order.
    NameList control = {0};
    for (Ft_ssize i = 0; i < size; i++) {
        const FtAstPattern *alt = p->v.match_or.patterns->items[i];
        FtLocation alt_loc = pattern_loc(alt);
        pc->stores = (NameList){0};
        pc->allow_irrefutable = (i == size - 1) && old_pc.allow_irrefutable;
        pc->fail_pop = NULL;
        pc->fail_pop_size = 0;
        pc->on_top = 0;
        RETURN_IF_ERROR(ft_cg_addop_i(c, alt_loc, FT_OP_COPY, 1));
        RETURN_IF_ERROR(pattern(c, alt, pc));
        Ft_ssize nstores = pc->stores.size;
        if (i == 0) {
            control = pc->stores;
        }
        else if (nstores != control.size) {
            return ft_cg_error(c, loc, "alternative patterns bind different names");
        }
        else if (nstores > 0) {
            const char **tmp = ft_arena_alloc(c->arena, sizeof(const char *) * (size_t)nstores);
            if (tmp == NULL) {
                ft_error_no_memory();
                return -1;
            }
            Ft_ssize icontrol = nstores;
            while (icontrol--) {
                Ft_ssize istores = names_index(&pc->stores, control.items[icontrol]);
                if (istores < 0)
                    return ft_cg_error(c, loc, "alternative patterns bind different names");
                if (icontrol != istores) {
                    // Reorder to match control (the optimizer cleans up the SWAP runs).
                    Ft_ssize rotations = istores + 1;
                    rotate_stores(&pc->stores, rotations, icontrol - istores, tmp);
                    while (rotations--)
                        RETURN_IF_ERROR(rotate(c, alt_loc, icontrol + 1));
                }
            }
        }
        RETURN_IF_ERROR(ft_cg_addop_jump(c, alt_loc, FT_OP_JUMP, end));
        RETURN_IF_ERROR(emit_and_reset_fail_pop(c, alt_loc, pc));
    }
    *pc = old_pc;
    // No alternative matched: pop the remaining copy of the subject and fail.
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_POP_TOP));
    RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_JUMP));

    RETURN_IF_ERROR(ft_cg_use_label(c, end));
    // Between the new captures and their place: the other new captures, the subject copy, the
    // on_top items and the earlier captures.
    Ft_ssize nrots = control.size + 1 + pc->on_top + pc->stores.size;
    for (Ft_ssize i = 0; i < control.size; i++) {
        RETURN_IF_ERROR(rotate(c, loc, nrots));
        const char *name = control.items[i];
        if (names_index(&pc->stores, name) >= 0)
            return error_duplicate_store(c, loc, name);
        RETURN_IF_ERROR(names_append(c, &pc->stores, name));
    }
    return ft_cg_addop(c, loc, FT_OP_POP_TOP);   // the subject copy
}

static int
pattern_sequence(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    FtLocation loc = pattern_loc(p);
    const FtAstSeq *patterns = p->v.match_sequence.patterns;
    Ft_ssize size = seq_len(patterns);
    Ft_ssize star = -1;
    bool only_wildcard = true;
    bool star_wildcard = false;
    for (Ft_ssize i = 0; i < size; i++) {
        const FtAstPattern *sub = patterns->items[i];
        if (sub->kind == FT_AST_PATTERN_MATCH_STAR) {
            if (star >= 0)
                return ft_cg_error(c, loc, "multiple starred names in sequence pattern");
            star_wildcard = is_star_wildcard(sub);
            only_wildcard = only_wildcard && star_wildcard;
            star = i;
            continue;
        }
        only_wildcard = only_wildcard && is_wildcard(sub);
    }
    pc->on_top++;
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_MATCH_SEQUENCE));
    RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE));
    if (star < 0) {
        // len(subject) == size
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_LEN));
        RETURN_IF_ERROR(load_int(c, loc, size));
        RETURN_IF_ERROR(addop_compare(c, loc, COMPARE_EQ_OPARG));
        RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE));
    }
    else if (size > 1) {
        // len(subject) >= size - 1
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_GET_LEN));
        RETURN_IF_ERROR(load_int(c, loc, size - 1));
        RETURN_IF_ERROR(addop_compare(c, loc, COMPARE_GE_OPARG));
        RETURN_IF_ERROR(jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE));
    }
    pc->on_top--;
    if (only_wildcard)
        return ft_cg_addop(c, loc, FT_OP_POP_TOP);
    if (star_wildcard)
        return sequence_subscr(c, loc, patterns, star, pc);
    return sequence_unpack(c, loc, patterns, pc);
}

static int
pattern_value(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    FtLocation loc = pattern_loc(p);
    const FtAstExpr *value = p->v.match_value.value;
    if (!is_match_value_expr(value))
        return ft_cg_error(c, loc, "patterns may only match literals and attribute lookups");
    RETURN_IF_ERROR(visit_literal(c, value));
    RETURN_IF_ERROR(addop_compare(c, loc, COMPARE_EQ_OPARG));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_TO_BOOL));
    return jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE);
}

static int
pattern_singleton(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    FtLocation loc = pattern_loc(p);
    FtObject *value = ft_cg_constant_ref(c, p->v.match_singleton.value);
    if (value == NULL)
        return -1;
    int rc = ft_cg_addop_load_const(c, loc, value);
    ft_decref(value);
    RETURN_IF_ERROR(rc);
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_IS_OP, 0));
    return jump_to_fail_pop(c, loc, pc, FT_OP_POP_JUMP_IF_FALSE);
}

static int
pattern(FtCompiler *c, const FtAstPattern *p, PatternContext *pc)
{
    switch (p->kind) {
    case FT_AST_PATTERN_MATCH_VALUE:
        return pattern_value(c, p, pc);
    case FT_AST_PATTERN_MATCH_SINGLETON:
        return pattern_singleton(c, p, pc);
    case FT_AST_PATTERN_MATCH_SEQUENCE:
        return pattern_sequence(c, p, pc);
    case FT_AST_PATTERN_MATCH_MAPPING:
        return pattern_mapping(c, p, pc);
    case FT_AST_PATTERN_MATCH_CLASS:
        return pattern_class(c, p, pc);
    case FT_AST_PATTERN_MATCH_STAR:
        return store_name(c, pattern_loc(p), p->v.match_star.name, pc);
    case FT_AST_PATTERN_MATCH_AS:
        return pattern_as(c, p, pc);
    case FT_AST_PATTERN_MATCH_OR:
        return pattern_or(c, p, pc);
    }
    return ft_cg_error(c, pattern_loc(p), "invalid match pattern node in AST (kind=%d)",
                       (int)p->kind);
}

int
ft_cg_match(FtCompiler *c, const FtAstStmt *s)
{
    RETURN_IF_ERROR(ft_cg_visit_expr(c, s->v.match.subject));
    FtLabel end = ft_cg_new_label(c);
    if (end.id < 0)
        return -1;
    Ft_ssize cases = seq_len(s->v.match.cases);
    if (cases == 0)
        return ft_cg_error(c, ft_cg_loc_stmt(s), "match statement without cases");
    const FtAstMatchCase *m = s->v.match.cases->items[cases - 1];
    // A trailing `case _:` needs no copy of the subject nor a test.
    Ft_ssize has_default = is_wildcard(m->pattern) && 1 < cases;
    PatternContext pc = {0};
    for (Ft_ssize i = 0; i < cases - has_default; i++) {
        m = s->v.match.cases->items[i];
        FtLocation ploc = pattern_loc(m->pattern);
        bool last = i == cases - has_default - 1;
        if (!last)
            RETURN_IF_ERROR(ft_cg_addop_i(c, ploc, FT_OP_COPY, 1));
        pc.stores = (NameList){0};
        // Irrefutable cases must be guarded, last, or both.
        pc.allow_irrefutable = m->guard != NULL || i == cases - 1;
        pc.fail_pop = NULL;
        pc.fail_pop_size = 0;
        pc.on_top = 0;
        RETURN_IF_ERROR(pattern(c, m->pattern, &pc));
        // Matched: bind the captures, which are on the stack in stores order.
        for (Ft_ssize n = 0; n < pc.stores.size; n++)
            RETURN_IF_ERROR(ft_cg_nameop(c, ploc, pc.stores.items[n], FT_AST_EXPR_CONTEXT_STORE));
        if (m->guard != NULL) {
            RETURN_IF_ERROR(ensure_fail_pop(c, &pc, 0));
            RETURN_IF_ERROR(ft_cg_jump_if(c, ploc, m->guard, pc.fail_pop[0], false));
        }
        if (!last) {
            // The next instruction's location gives better branch events.
            RETURN_IF_ERROR(ft_cg_addop(c, FT_NEXT_LOCATION, FT_OP_POP_TOP));
        }
        RETURN_IF_ERROR(ft_cg_visit_body(c, m->body));
        RETURN_IF_ERROR(ft_cg_addop_jump(c, FT_NO_LOCATION, FT_OP_JUMP, end));
        // A failed pattern's cleanup belongs to the pattern's line, not the body's last.
        RETURN_IF_ERROR(emit_and_reset_fail_pop(c, ploc, &pc));
    }
    if (has_default) {
        m = s->v.match.cases->items[cases - 1];
        FtLocation ploc = pattern_loc(m->pattern);
        if (cases == 1)
            RETURN_IF_ERROR(ft_cg_addop(c, ploc, FT_OP_POP_TOP));
        else
            RETURN_IF_ERROR(ft_cg_addop(c, ploc, FT_OP_NOP));   // line coverage for `case _`
        if (m->guard != NULL)
            RETURN_IF_ERROR(ft_cg_jump_if(c, ploc, m->guard, end, false));
        RETURN_IF_ERROR(ft_cg_visit_body(c, m->body));
    }
    return ft_cg_use_label(c, end);
}

// tests/unit/compiler/test_assemble.c: the flowgraph optimizer and assembler (compiler/flowgraph.c,
// compiler/assemble.c) and the instruction sequence (compiler/instr_sequence.c).
//
// The input of each case is the oracle's own code generator output for a module (instructions,
// locations, constants), written with the expected code object by scripts/gen_assemble_expected.py
// into assemble_expected.gen.h; ftpy's passes must turn it into the same co_code, co_consts,
// co_stacksize, co_linetable and co_exceptiontable, and the code object must decode its tables as
// the oracle's co_lines()/co_positions()/exception table do. Also: labels, inserts, errors, and
// every case assembled on two threads at once.
#include <pthread.h>   // pthread_create pthread_join
#include <stdint.h>    // uint64_t
#include <stdio.h>     // printf snprintf
#include <stdlib.h>    // strtoll strtoull
#include <string.h>    // memcpy strcmp strlen

#include "compiler/assemble.h"         // ft_assemble_code_ref ft_compile_const_key_ref
#include "compiler/instr_sequence.h"   // FtInstrSequence
#include "eval/opcode.h"               // FT_OP_*
#include "harness.h"                   // TEST CHECK
#include "objects/abstract.h"          // ft_object_get_iter_ref
#include "objects/bytes.h"             // ft_bytes_*
#include "objects/code.h"              // FtCodeObject ft_code_*
#include "objects/dict.h"              // ft_dict_*
#include "objects/error.h"             // ft_error_*
#include "objects/float.h"             // ft_float_from_double_ref
#include "objects/int.h"               // ft_int_from_int64_ref
#include "objects/list.h"              // ft_list_*
#include "objects/object.h"            // ft_objects_init
#include "objects/set.h"               // ft_frozenset_new_ref
#include "objects/slice.h"             // ft_slice_new_ref
#include "objects/str.h"               // ft_str_*
#include "objects/tuple.h"             // ft_tuple_*
#include "runtime/thread_state.h"      // ft_runtime_init ft_thread_*
#include "sync/fatal.h"                // ft_fatal

typedef struct AsmCaseInstr {
    int opcode, oparg;
    FtLocation loc;
} AsmCaseInstr;

typedef struct AsmCase {
    const char *name, *source;
    const AsmCaseInstr *instrs;
    int ninstrs;
    const char *co_name, *qualname;
    const char *consts, *names, *varnames, *cellvars, *freevars;
    int hidden_all;   // every local is an inlined comprehension's (module level)
    int argcount, posonlyargcount, kwonlyargcount, flags, firstlineno;
    const char *code_hex, *consts_repr;
    int stacksize;
    const char *linetable_hex, *exctable_hex, *lines_repr, *positions_repr, *handlers;
    const char *localsplus;
    int ncells;
    const char *kinds_hex;   // co_localspluskinds
} AsmCase;

#include "assemble_expected.gen.h"

#define NCASES ((int)(sizeof(asm_cases) / sizeof(asm_cases[0])))

static FtThreadState *
thread_begin(void)
{
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL)
        ft_fatal("out of memory");
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    return ts;
}

TEST(setup)
{
    CHECK_EQ_INT(ft_runtime_init(), 0);
    thread_begin();
    CHECK_EQ_INT(ft_objects_init(), 0);
    CHECK_EQ_INT(ft_code_init_types(), 0);
}

// Reading the generated constants.

static int
hex_digit(char c)
{
    return c >= 'a' ? c - 'a' + 10 : c - '0';
}

static FtObject *
stub_code_ref(const char *name, int firstlineno)
{
    FtObject *n = ft_str_from_ascii_ref(name);
    FtObject *empty = ft_tuple_new_ref(0);
    FtObject *b = ft_bytes_from_data_ref("", 0);
    static const uint16_t code[1] = {FT_OP_NOP};
    FtCodeSpec spec = {.filename = n, .name = n, .qualname = n, .firstlineno = firstlineno, .code = code,
                       .code_units = 1, .consts = empty, .names = empty, .localsplusnames = empty,
                       .localspluskinds = b, .linetable = b, .exceptiontable = b};
    FtObject *co = ft_code_new_ref(&spec);
    ft_decref(n);
    ft_decref(empty);
    ft_decref(b);
    return co;
}

// Parses one constant of the generator's format at *p; a new reference or NULL.
static FtObject *
parse_const(const char **p)
{
    char tag = *(*p)++;
    switch (tag) {
    case 'N': return ft_none_ref();
    case 'T': return ft_new_ref(FT_TRUE);
    case 'F': return ft_new_ref(FT_FALSE);
    case 'E': return ft_new_ref(FT_ELLIPSIS);
    case 'i': {
        char *end;
        long long v = strtoll(*p, &end, 10);
        *p = end + 1;
        return ft_int_from_int64_ref(v);
    }
    case 'f': {
        char *end;
        uint64_t bits = strtoull(*p, &end, 16);
        *p = end + 1;
        double d;
        memcpy(&d, &bits, sizeof d);
        return ft_float_from_double_ref(d);
    }
    case 's':
    case 'b': {
        char *end;
        long n = strtol(*p, &end, 10);
        const char *h = end + 1;
        char buf[4096];
        if (n >= (long)sizeof buf)
            return NULL;
        for (long i = 0; i < n; i++)
            buf[i] = (char)(hex_digit(h[2 * i]) * 16 + hex_digit(h[2 * i + 1]));
        *p = h + 2 * n;
        return tag == 's' ? ft_str_from_utf8_ref(buf, n) : ft_bytes_from_data_ref(buf, n);
    }
    case 'S': {
        FtObject *a = parse_const(p), *b = parse_const(p), *c = parse_const(p);
        FtObject *s = ft_slice_new_ref(a, b, c);
        ft_xdecref(a);
        ft_xdecref(b);
        ft_xdecref(c);
        return s;
    }
    case 'C': {
        // A code object constant: a stub with the right name (compared as "<code NAME>").
        char *end;
        long line = strtol(*p, &end, 10);   // C<unique number>,<length>:<hex name>
        long n = strtol(end + 1, &end, 10);
        const char *h = end + 1;
        char buf[256];
        if (n >= (long)sizeof buf)
            return NULL;
        for (long i = 0; i < n; i++)
            buf[i] = (char)(hex_digit(h[2 * i]) * 16 + hex_digit(h[2 * i + 1]));
        buf[n] = 0;
        *p = h + 2 * n;
        return stub_code_ref(buf, (int)line);
    }
    case '(':
    case '{': {
        FtObject *items[64] = {NULL};
        int n = 0;
        char close = tag == '(' ? ')' : '}';
        while (**p != close && n < 64)
            items[n++] = parse_const(p);
        (*p)++;
        FtObject *t = ft_tuple_from_array_ref(items, n);
        for (int i = 0; i < n; i++)
            ft_xdecref(items[i]);
        if (tag == '(' || t == NULL)
            return t;
        FtObject *fs = ft_frozenset_new_ref(t);
        ft_decref(t);
        return fs;
    }
    default: return NULL;
    }
}

// A dict: parsed constant -> base + index, keyed by ft_compile_const_key_ref when keyed.
static FtObject *
index_dict_ref(const char *enc, bool keyed, int base)
{
    FtObject *d = ft_dict_new_ref();
    for (int i = base; *enc; i++) {
        FtObject *v = parse_const(&enc);
        FtObject *k = keyed ? ft_compile_const_key_ref(v) : ft_new_ref(v);
        FtObject *idx = ft_int_from_int64_ref(i);
        ft_dict_set_item(d, k, idx);
        ft_decref(idx);
        ft_decref(k);
        ft_decref(v);
    }
    return d;
}

static void
case_metadata(const AsmCase *c, FtCodeUnitMetadata *umd)
{
    memset(umd, 0, sizeof(*umd));
    umd->name = ft_str_from_cstr_ref(c->co_name);
    umd->qualname = ft_str_from_cstr_ref(c->qualname);
    umd->consts = index_dict_ref(c->consts, true, 0);
    umd->names = index_dict_ref(c->names, false, 0);
    umd->varnames = index_dict_ref(c->varnames, false, 0);
    umd->cellvars = index_dict_ref(c->cellvars, false, 0);
    umd->freevars = index_dict_ref(c->freevars, false, c->ncells);
    umd->fasthidden = ft_dict_new_ref();
    if (c->hidden_all)
        ft_dict_merge(umd->fasthidden, umd->varnames, 1);
    umd->argcount = c->argcount;
    umd->posonlyargcount = c->posonlyargcount;
    umd->kwonlyargcount = c->kwonlyargcount;
    umd->firstlineno = c->firstlineno;
}

static bool
is_target_op(int op)
{
    return ft_opcode_has_jump(op) || op == FT_OP_SETUP_FINALLY || op == FT_OP_SETUP_CLEANUP ||
           op == FT_OP_SETUP_WITH;
}

// The case's instructions, with label id i placed before instruction i when something jumps there.
static void
case_sequence(const AsmCase *c, FtInstrSequence *seq)
{
    ft_instr_sequence_init(seq);
    bool targets[4096] = {false};
    for (int i = 0; i < c->ninstrs; i++)
        if (is_target_op(c->instrs[i].opcode) && c->instrs[i].oparg < 4096)
            targets[c->instrs[i].oparg] = true;
    for (int i = 0; i < c->ninstrs; i++) {
        if (targets[i]) {
            FtLabel l = {i};
            ft_instr_sequence_use_label(seq, l);
        }
        ft_instr_sequence_add(seq, c->instrs[i].opcode, c->instrs[i].oparg, c->instrs[i].loc);
    }
}

static FtObject *
assemble_case_ref(const AsmCase *c)
{
    FtCodeUnitMetadata umd;
    FtInstrSequence seq;
    case_metadata(c, &umd);
    case_sequence(c, &seq);
    FtObject *filename = ft_str_from_ascii_ref("case.py");
    FtObject *co = ft_assemble_code_ref(&seq, &umd, filename, c->flags);
    ft_decref(filename);
    ft_instr_sequence_fini(&seq);
    ft_code_unit_metadata_clear(&umd);
    return co;
}

// Comparing.

static void
to_hex(FtObject *bytes, char *out, size_t cap)
{
    const unsigned char *d = (const unsigned char *)ft_bytes_data(bytes);
    Ft_ssize n = ft_bytes_size(bytes);
    size_t k = 0;
    for (Ft_ssize i = 0; i < n && k + 3 < cap; i++)
        k += (size_t)snprintf(out + k, cap - k, "%02x", d[i]);
    out[k] = 0;
}

static bool
same_text(const char *what, const char *name, const char *got, const char *expected)
{
    if (strcmp(got, expected) == 0)
        return true;
    printf("  %s: %s differs\n    got      %s\n    expected %s\n", name, what, got, expected);
    return false;
}

static bool
same_repr(const char *what, const char *name, FtObject *obj, const char *expected)
{
    FtObject *r = obj != NULL ? ft_object_repr_ref(obj) : NULL;
    if (r == NULL) {
        ft_error_clear();
        printf("  %s: no repr for %s\n", name, what);
        return false;
    }
    bool ok = same_text(what, name, ft_str_as_utf8(r, NULL), expected);
    ft_decref(r);
    return ok;
}

static FtObject *
attr_ref(FtObject *co, const char *name)
{
    return ft_object_get_attr_cstr_ref(co, name);
}

// list(it) of a method's iterator result.
static FtObject *
call_list_ref(FtObject *co, const char *method)
{
    FtObject *m = attr_ref(co, method);
    if (m == NULL)
        return NULL;
    FtObject *it = ft_object_vectorcall_ref(m, NULL, 0, NULL);
    ft_decref(m);
    if (it == NULL)
        return NULL;
    FtObject *list = ft_list_new_ref(0);
    FtObject *item;
    while (ft_iter_next_ref(it, &item) > 0) {
        ft_list_append(list, item);
        ft_decref(item);
    }
    ft_decref(it);
    return list;
}

static bool
check_handlers(const AsmCase *c, FtCodeObject *co)
{
    // Every unit: covered exactly as the oracle's table says.
    Ft_ssize n = ((FtVarObject *)co)->ob_size;
    const char *p = c->handlers;
    long next_unit = -1, target = 0, depth = 0, lasti = 0;
    if (*p)
        sscanf(p, "%ld,%ld,%ld,%ld;", &next_unit, &target, &depth, &lasti);
    for (Ft_ssize u = 0; u < n; u++) {
        Ft_ssize h = -1;
        int d = -1;
        bool l = false;
        int found = ft_code_find_handler(co, u, &h, &d, &l);
        if (u == next_unit) {
            if (!found || h != target || d != depth || l != (lasti != 0)) {
                printf("  %s: handler of unit %zd: got %d %zd %d %d, expected %ld %ld %ld\n", c->name,
                       u, found, h, d, (int)l, target, depth, lasti);
                return false;
            }
            p = strchr(p, ';') + 1;
            next_unit = -1;
            if (*p)
                sscanf(p, "%ld,%ld,%ld,%ld;", &next_unit, &target, &depth, &lasti);
        } else if (found) {
            printf("  %s: unit %zd has a handler, expected none\n", c->name, u);
            return false;
        }
    }
    return true;
}

// repr(co_consts) with code objects written "<code NAME>".
static void
consts_text(FtObject *consts, char *out, size_t cap)
{
    size_t k = (size_t)snprintf(out, cap, "(");
    Ft_ssize n = ft_tuple_size(consts);
    for (Ft_ssize i = 0; i < n && k < cap; i++) {
        FtObject *item = ft_tuple_get_item_borrow(consts, i);
        if (ft_code_check(item)) {
            k += (size_t)snprintf(out + k, cap - k, "%s<code %s>", i ? ", " : "",
                                  ft_str_as_utf8(((FtCodeObject *)item)->co_name, NULL));
            continue;
        }
        FtObject *r = ft_object_repr_ref(item);
        k += (size_t)snprintf(out + k, cap - k, "%s%s", i ? ", " : "",
                              r != NULL ? ft_str_as_utf8(r, NULL) : "?");
        ft_xdecref(r);
    }
    if (k < cap)
        snprintf(out + k, cap - k, n == 1 ? ",)" : ")");
}

// Compares one assembled case with the oracle; prints what differs.
static bool
check_case(const AsmCase *c, bool tables_too)
{
    FtObject *obj = assemble_case_ref(c);
    if (obj == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *s = exc != NULL ? ft_object_str_ref(exc) : NULL;
        printf("  %s: assembly failed: %s\n", c->name, s != NULL ? ft_str_as_utf8(s, NULL) : "?");
        ft_xdecref(s);
        ft_xdecref(exc);
        return false;
    }
    FtCodeObject *co = (FtCodeObject *)obj;
    char buf[1 << 16];
    bool ok = true;
    FtObject *code = attr_ref(obj, "co_code");
    to_hex(code, buf, sizeof buf);
    ft_decref(code);
    ok &= same_text("co_code", c->name, buf, c->code_hex);
    consts_text(co->co_consts, buf, sizeof buf);
    ok &= same_text("co_consts", c->name, buf, c->consts_repr);
    ok &= same_repr("co_localsplusnames", c->name, co->co_localsplusnames, c->localsplus);
    to_hex(co->co_localspluskinds, buf, sizeof buf);
    ok &= same_text("co_localspluskinds", c->name, buf, c->kinds_hex);
    if (co->co_stacksize != c->stacksize) {
        printf("  %s: co_stacksize %d, expected %d\n", c->name, co->co_stacksize, c->stacksize);
        ok = false;
    }
    to_hex(co->co_linetable, buf, sizeof buf);
    ok &= same_text("co_linetable", c->name, buf, c->linetable_hex);
    to_hex(co->co_exceptiontable, buf, sizeof buf);
    ok &= same_text("co_exceptiontable", c->name, buf, c->exctable_hex);
    if (tables_too && ok) {
        FtObject *lines = call_list_ref(obj, "co_lines");
        ok &= same_repr("co_lines()", c->name, lines, c->lines_repr);
        ft_xdecref(lines);
        FtObject *positions = call_list_ref(obj, "co_positions");
        ok &= same_repr("co_positions()", c->name, positions, c->positions_repr);
        ft_xdecref(positions);
        ok &= check_handlers(c, co);
    }
    ft_decref(obj);
    return ok;
}

TEST(oracle_cases_assemble_identically)
{
    int failed = 0;
    for (int i = 0; i < NCASES; i++)
        if (!check_case(asm_cases[i], true))
            failed++;
    printf("  %d code units compared\n", NCASES);
    CHECK_EQ_INT(failed, 0);
}

// The instruction sequence.

TEST(labels_resolve_to_instruction_indices)
{
    FtInstrSequence seq;
    ft_instr_sequence_init(&seq);
    FtLabel a = ft_instr_sequence_new_label(&seq), b = ft_instr_sequence_new_label(&seq);
    CHECK(a.id == 0 && b.id == 1);
    FtLocation loc = {1, 1, 0, 1};
    CHECK_EQ_INT(ft_instr_sequence_use_label(&seq, a), 0);
    CHECK_EQ_INT(ft_instr_sequence_add(&seq, FT_OP_NOP, 0, loc), 0);
    CHECK_EQ_INT(ft_instr_sequence_add(&seq, FT_OP_JUMP, b.id, loc), 1);
    CHECK_EQ_INT(ft_instr_sequence_use_label(&seq, b), 0);
    CHECK_EQ_INT(ft_instr_sequence_add(&seq, FT_OP_JUMP, a.id, loc), 2);
    // An insert at a label's position goes before the label (CPython's rule: labels at or after
    // the position move).
    CHECK_EQ_INT(ft_instr_sequence_insert(&seq, 2, FT_OP_NOP, 0, loc), 2);
    CHECK_EQ_INT(ft_instr_sequence_apply_labels(&seq), 0);
    CHECK_EQ_INT(seq.instrs[1].oparg, 3);
    CHECK_EQ_INT(seq.instrs[3].oparg, 0);
    CHECK_EQ_INT(seq.count, 4);
    ft_instr_sequence_fini(&seq);
    CHECK(seq.instrs == NULL && seq.count == 0);
}

TEST(unplaced_label_is_a_system_error)
{
    FtInstrSequence seq;
    ft_instr_sequence_init(&seq);
    FtLabel a = ft_instr_sequence_new_label(&seq);
    ft_instr_sequence_add(&seq, FT_OP_JUMP, a.id, FT_NO_LOCATION);
    CHECK_EQ_INT(ft_instr_sequence_apply_labels(&seq), -1);
    FtObject *exc = ft_error_fetch_ref();
    CHECK(exc != NULL && ft_error_given_matches(exc, (FtObject *)&ft_exc_system_error));
    ft_decref(exc);
    ft_instr_sequence_fini(&seq);
}

TEST(bad_sequences_fail_cleanly)
{
    // A jump to a label never placed, an invalid opcode, and a stack underflow: each a
    // SystemError or ValueError, never a crash.
    static const int bad_ops[][2] = {
        {FT_OP_JUMP, 7},
        {1000, 0},
        {FT_OP_POP_TOP, 0},
    };
    for (size_t k = 0; k < sizeof bad_ops / sizeof bad_ops[0]; k++) {
        const AsmCase *base = asm_cases[0];
        FtCodeUnitMetadata umd;
        case_metadata(base, &umd);
        FtInstrSequence seq;
        ft_instr_sequence_init(&seq);
        FtLocation loc = {1, 1, 0, 1};
        ft_instr_sequence_add(&seq, FT_OP_RESUME, 0, loc);
        ft_instr_sequence_add(&seq, bad_ops[k][0], bad_ops[k][1], loc);
        ft_instr_sequence_add(&seq, FT_OP_LOAD_CONST, 0, loc);
        ft_instr_sequence_add(&seq, FT_OP_RETURN_VALUE, 0, loc);
        FtObject *filename = ft_str_from_ascii_ref("bad.py");
        FtObject *co = ft_assemble_code_ref(&seq, &umd, filename, 0);
        ft_decref(filename);
        ft_code_unit_metadata_clear(&umd);
        ft_instr_sequence_fini(&seq);
        CHECK(co == NULL);
        CHECK(ft_error_occurred());
        ft_error_clear();
    }
}

// Bad input never crashes.

enum { FUZZ_ROUNDS = 25 };

// Assembles mutated copies of every case (opcodes, opargs and locations replaced at random with a
// fixed seed): each must give a code object or an exception, never a crash (ASan build).
TEST(mutated_sequences_fail_cleanly)
{
    uint64_t seed = 0x9e3779b97f4a7c15u;
    int produced = 0, rejected = 0;
    for (int round = 0; round < FUZZ_ROUNDS; round++) {
        for (int k = 0; k < NCASES; k++) {
            const AsmCase *c = asm_cases[k];
            FtCodeUnitMetadata umd;
            FtInstrSequence seq;
            case_metadata(c, &umd);
            case_sequence(c, &seq);
            for (int m = 0; m < 3 && seq.count > 0; m++) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                FtInstr *in = &seq.instrs[seed % (uint64_t)seq.count];
                switch ((seed >> 32) % 4) {
                case 0: in->opcode = (int)((seed >> 40) % FT_OP_TABLE_SIZE); break;
                case 1: in->oparg = (int)((seed >> 40) % 300); break;
                case 2: in->loc.lineno = (int)((seed >> 40) % 5) - 2; break;
                default: in->opcode = FT_OP_NOP; in->oparg = 0; break;
                }
            }
            FtObject *filename = ft_str_from_ascii_ref("fuzz.py");
            FtObject *co = ft_assemble_code_ref(&seq, &umd, filename, c->flags);
            ft_decref(filename);
            ft_instr_sequence_fini(&seq);
            ft_code_unit_metadata_clear(&umd);
            if (co != NULL) {
                produced++;
                ft_decref(co);
            } else {
                CHECK(ft_error_occurred());
                ft_error_clear();
                rejected++;
            }
        }
    }
    printf("  %d assembled, %d rejected\n", produced, rejected);
    CHECK(produced + rejected == FUZZ_ROUNDS * NCASES);
}

// Threads.

static void *
assemble_all_thread(void *arg)
{
    thread_begin();
    int *failed = arg;
    for (int round = 0; round < 3; round++)
        for (int i = 0; i < NCASES; i++)
            if (!check_case(asm_cases[i], false))
                (*failed)++;
    ft_thread_state_delete_current();
    return NULL;
}

TEST(two_threads_assemble_at_once)
{
    pthread_t th[2];
    int failed[2] = {0, 0};
    FtThreadState *self = ft_thread_state_current();
    ft_thread_detach(self);
    for (int i = 0; i < 2; i++)
        CHECK_EQ_INT(pthread_create(&th[i], NULL, assemble_all_thread, &failed[i]), 0);
    for (int i = 0; i < 2; i++)
        pthread_join(th[i], NULL);
    ft_thread_attach(self);
    CHECK_EQ_INT(failed[0] + failed[1], 0);
}

int
main(void)
{
    return ft_test_run_all();
}

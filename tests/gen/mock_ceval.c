// tests/gen/mock_ceval.c: a stand-in for eval/ceval.c that proves generated cases compile.
//
// tests/gen/test_gen_cases.py compiles this file with -Wall -Wextra -Werror for each golden test's outputs
// (-DFT_MOCK_DIR selects them); the real eval/generated/ cases are compiled inside eval/ceval.c, whose
// helpers their bodies use. It defines every macro that the header of cases.gen.h lists, with the
// simplest meaning that type-checks; it is never run.
#include <stdint.h>   // uint16_t, uint32_t, uint64_t
#include <string.h>   // memcpy

typedef struct { void *bits; } FtStackRef;

#define FT_MOCK_STR2(x) #x
#define FT_MOCK_STR(x) FT_MOCK_STR2(x)

#define TARGET(op) TARGET_##op:
#define DISPATCH() goto *ft_eval_opcode_targets[*next_instr++ & 0xff]
#define FT_EVAL_UNIMPLEMENTED(op) goto unknown_opcode
#define FT_EVAL_STACK_AT(i) stack_pointer[(i)]
#define FT_EVAL_STACK_ADJUST(n) (stack_pointer += (n))
#define FT_EVAL_SKIP_CACHE(n) (next_instr += (n))
#define FT_EVAL_CACHE_U16(k) (next_instr[(k)])
#define FT_EVAL_CACHE_U32(k) mock_read32(next_instr + (k))
#define FT_EVAL_CACHE_U64(k) mock_read64(next_instr + (k))
#define FT_EVAL_LOCAL(i) locals[(i)]
#define FT_EVAL_DECREF(ref) mock_decref(ref)
#define FT_EVAL_DEOPT_OR_GOTO(base) goto TARGET_##base
#define FT_EVAL_ERROR_OR_GOTO() goto error

__attribute__((unused)) static inline uint32_t
mock_read32(const uint16_t *p)
{
    uint32_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

__attribute__((unused)) static inline uint64_t
mock_read64(const uint16_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof(v));
    return v;
}

__attribute__((unused)) static inline void
mock_decref(FtStackRef ref)
{
    (void)ref;
}

int mock_eval(const uint16_t *code, FtStackRef *stack, FtStackRef *locals, int oparg);

int
mock_eval(const uint16_t *code, FtStackRef *stack, FtStackRef *locals, int oparg)
{
#include FT_MOCK_STR(FT_MOCK_DIR/targets.gen.h)
    const uint16_t *next_instr = code;
    FtStackRef *stack_pointer = stack;
    (void)locals;
    if (oparg < 0)
        goto error;
    DISPATCH();
#include FT_MOCK_STR(FT_MOCK_DIR/cases.gen.h)
unknown_opcode:
    return -2;
error:
    return (int)(stack_pointer - stack);
}

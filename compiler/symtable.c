// compiler/symtable.c: the symbol table's data structures, the scope analysis (pass 2), the
// public API and the canonical dump.
//
// Owns: interning of names, the per-block symbol maps (insertion-ordered arrays with a hash index,
// as CPython's ste_symbols dict), block creation/entry/exit, the add-def rules (duplicate
// parameters, comprehension iteration variables, explicit globals recorded in the module block),
// private-name mangling, and the analysis that turns raw flags into scopes. Pass 1 (walking the
// AST) is compiler/symtable_visit.c; both share compiler/symtable_internal.h.
//
// Invariant: every name stored anywhere in a table is interned in it, so names compare by pointer;
// a block's symbol i is found through index[] and symbol_count <= index_cap / 2.
//
// Concurrency: a build is single-threaded (one builder, one arena); the finished table is never
// written again, so readers need no locks (see symtable.h).
//
// Mirrors CPython 3.14 Python/symtable.c (analyze_name, analyze_block, inline_comprehension,
// analyze_cells, drop_class_free, update_symbols, _Py_Mangle) and Python/future.c (the prologue of
// `from __future__` imports). The messages and positions are CPython's; the code is ftpy's.
#include "compiler/symtable.h"

#include <stdarg.h>                     // va_list
#include <stdint.h>                     // uintptr_t
#include <stdio.h>                      // vsnprintf
#include <stdlib.h>                     // qsort
#include <string.h>                     // memcpy, strcmp, strlen

#include <mimalloc.h>                   // mi_malloc, mi_free

#include "compiler/symtable_internal.h" // FtSymtableBuilder, name sets

const char ft_symtable_set_tomb[1];

static uint64_t
hash_bytes(const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL;  // FNV-1a
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    return h;
}

static uint64_t
hash_ptr(const void *p)
{
    uint64_t h = (uint64_t)(uintptr_t)p;
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    h ^= h >> 33;
    return h;
}

int
ft_symtable_error_memory(FtSymtableBuilder *b)
{
    if (b->err->kind == FT_SYNTAX_NONE)
        ft_syntax_error_set(b->err, FT_SYNTAX_MEMORY_ERROR, 0, 0, 0, 0, NULL, "out of memory");
    return -1;
}

int
ft_symtable_error_at(FtSymtableBuilder *b, FtSymtableLoc loc, const char *fmt, ...)
{
    if (b->err->kind != FT_SYNTAX_NONE)
        return -1;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *msg = n >= 0 ? mi_malloc((size_t)n + 1) : NULL;
    if (msg == NULL)
        return ft_symtable_error_memory(b);
    va_start(ap, fmt);
    vsnprintf(msg, (size_t)n + 1, fmt, ap);
    va_end(ap);
    ft_syntax_error_set(b->err, FT_SYNTAX_ERROR, loc.lineno, loc.col_offset + 1, loc.end_lineno,
                        loc.end_col_offset + 1, NULL, "%s", msg);
    mi_free(msg);
    return -1;
}

const char *
ft_symtable_intern_n(FtSymtableBuilder *b, const char *name, size_t len)
{
    if (b->intern_count * 2 >= b->intern_cap) {
        ptrdiff_t cap = b->intern_cap ? b->intern_cap * 2 : 256;
        const char **slots = ft_arena_alloc(b->arena, (size_t)cap * sizeof *slots);
        if (slots == NULL) {
            ft_symtable_error_memory(b);
            return NULL;
        }
        for (ptrdiff_t i = 0; i < b->intern_cap; i++) {
            const char *s = b->intern_slots[i];
            if (s == NULL)
                continue;
            size_t j = (size_t)hash_bytes(s, strlen(s)) & (size_t)(cap - 1);
            while (slots[j] != NULL)
                j = (j + 1) & (size_t)(cap - 1);
            slots[j] = s;
        }
        b->intern_slots = slots;
        b->intern_cap = cap;
    }
    size_t mask = (size_t)b->intern_cap - 1;
    size_t j = (size_t)hash_bytes(name, len) & mask;
    for (;;) {
        const char *s = b->intern_slots[j];
        if (s == NULL)
            break;
        if (strncmp(s, name, len) == 0 && s[len] == '\0')
            return s;
        j = (j + 1) & mask;
    }
    char *copy = ft_arena_alloc(b->arena, len + 1);
    if (copy == NULL) {
        ft_symtable_error_memory(b);
        return NULL;
    }
    memcpy(copy, name, len);
    copy[len] = '\0';
    b->intern_slots[j] = copy;
    b->intern_count++;
    return copy;
}

const char *
ft_symtable_intern(FtSymtableBuilder *b, const char *name)
{
    return ft_symtable_intern_n(b, name, strlen(name));
}

static int
set_grow(FtSymtableNameSet *set, FtArena *arena)
{
    ptrdiff_t cap = set->cap ? set->cap : 8;
    while (set->count * 2 >= cap)
        cap *= 2;
    const char **slots = ft_arena_alloc(arena, (size_t)cap * sizeof *slots);
    if (slots == NULL)
        return -1;
    for (ptrdiff_t i = 0; i < set->cap; i++) {
        const char *s = set->slots[i];
        if (s == NULL || s == FT_SYMTABLE_SET_TOMB)
            continue;
        size_t j = (size_t)hash_ptr(s) & (size_t)(cap - 1);
        while (slots[j] != NULL)
            j = (j + 1) & (size_t)(cap - 1);
        slots[j] = s;
    }
    set->slots = slots;
    set->cap = cap;
    set->used = set->count;
    return 0;
}

static ptrdiff_t
set_find(const FtSymtableNameSet *set, const char *name)
{
    if (set == NULL || set->cap == 0)
        return -1;
    size_t mask = (size_t)set->cap - 1;
    size_t j = (size_t)hash_ptr(name) & mask;
    for (;;) {
        const char *s = set->slots[j];
        if (s == NULL)
            return -1;
        if (s == name)
            return (ptrdiff_t)j;
        j = (j + 1) & mask;
    }
}

int
ft_symtable_set_contains(const FtSymtableNameSet *set, const char *name)
{
    return set_find(set, name) >= 0;
}

int
ft_symtable_set_add(FtSymtableNameSet *set, const char *name, FtArena *arena)
{
    if (set_find(set, name) >= 0)
        return 0;
    if ((set->used + 1) * 2 >= set->cap && set_grow(set, arena) < 0)
        return -1;
    size_t mask = (size_t)set->cap - 1;
    size_t j = (size_t)hash_ptr(name) & mask;
    while (set->slots[j] != NULL && set->slots[j] != FT_SYMTABLE_SET_TOMB)
        j = (j + 1) & mask;
    if (set->slots[j] == NULL)
        set->used++;
    set->slots[j] = name;
    set->count++;
    return 0;
}

int
ft_symtable_set_discard(FtSymtableNameSet *set, const char *name)
{
    ptrdiff_t j = set_find(set, name);
    if (j < 0)
        return 0;
    set->slots[j] = FT_SYMTABLE_SET_TOMB;
    set->count--;
    return 1;
}

static FtSymtableNameSet *
set_new(FtArena *arena)
{
    return ft_arena_alloc(arena, sizeof(FtSymtableNameSet));
}

static int
set_update(FtSymtableNameSet *dst, const FtSymtableNameSet *src, FtArena *arena)
{
    if (src == NULL)
        return 0;
    for (ptrdiff_t i = 0; i < src->cap; i++) {
        const char *s = src->slots[i];
        if (s != NULL && s != FT_SYMTABLE_SET_TOMB && ft_symtable_set_add(dst, s, arena) < 0)
            return -1;
    }
    return 0;
}

static FtSymtableNameSet *
set_copy(const FtSymtableNameSet *src, FtArena *arena)
{
    FtSymtableNameSet *set = set_new(arena);
    if (set == NULL || set_update(set, src, arena) < 0)
        return NULL;
    return set;
}

static int
entry_grow_symbols(FtSymtableBuilder *b, FtSymtableEntry *ste)
{
    struct FtSymtableBuildState *bs = ste->build;
    if (ste->symbol_count >= bs->symbol_cap) {
        ptrdiff_t cap = bs->symbol_cap ? bs->symbol_cap * 2 : 8;
        FtSymtableSymbol *syms = ft_arena_alloc(b->arena, (size_t)cap * sizeof *syms);
        unsigned char *scopes = ft_arena_alloc(b->arena, (size_t)cap);
        if (syms == NULL || scopes == NULL)
            return ft_symtable_error_memory(b);
        if (ste->symbol_count > 0) {
            memcpy(syms, ste->symbols, (size_t)ste->symbol_count * sizeof *syms);
            memcpy(scopes, bs->scopes, (size_t)ste->symbol_count);
        }
        ste->symbols = syms;
        bs->scopes = scopes;
        bs->symbol_cap = cap;
    }
    if ((ste->symbol_count + 1) * 2 >= bs->index_cap) {
        ptrdiff_t cap = bs->index_cap ? bs->index_cap * 2 : 16;
        int32_t *index = ft_arena_alloc(b->arena, (size_t)cap * sizeof *index);
        if (index == NULL)
            return ft_symtable_error_memory(b);
        for (ptrdiff_t i = 0; i < ste->symbol_count; i++) {
            size_t j = (size_t)hash_ptr(ste->symbols[i].name) & (size_t)(cap - 1);
            while (index[j] != 0)
                j = (j + 1) & (size_t)(cap - 1);
            index[j] = (int32_t)(i + 1);
        }
        bs->index = index;
        bs->index_cap = cap;
    }
    return 0;
}

ptrdiff_t
ft_symtable_entry_find(const FtSymtableEntry *ste, const char *name)
{
    const struct FtSymtableBuildState *bs = ste->build;
    if (bs->index_cap == 0)
        return -1;
    size_t mask = (size_t)bs->index_cap - 1;
    size_t j = (size_t)hash_ptr(name) & mask;
    for (;;) {
        int32_t k = bs->index[j];
        if (k == 0)
            return -1;
        if (ste->symbols[k - 1].name == name)
            return ste->symbols[k - 1].removed ? -1 : k - 1;
        j = (j + 1) & mask;
    }
}

long
ft_symtable_entry_flags(const FtSymtableEntry *ste, const char *name)
{
    ptrdiff_t i = ft_symtable_entry_find(ste, name);
    return i < 0 ? 0 : ste->symbols[i].flags;
}

// Appends a new symbol (name must be absent). Returns its position or -1.
static ptrdiff_t
entry_add_symbol(FtSymtableBuilder *b, FtSymtableEntry *ste, const char *name, long flags)
{
    if (entry_grow_symbols(b, ste) < 0)
        return -1;
    ptrdiff_t i = ste->symbol_count++;
    ste->symbols[i] = (FtSymtableSymbol){.name = name, .flags = flags, .removed = 0};
    ste->build->scopes[i] = 0;
    size_t mask = (size_t)ste->build->index_cap - 1;
    size_t j = (size_t)hash_ptr(name) & mask;
    while (ste->build->index[j] != 0)
        j = (j + 1) & mask;
    ste->build->index[j] = (int32_t)(i + 1);
    return i;
}

static int
entry_set_flags(FtSymtableBuilder *b, FtSymtableEntry *ste, const char *name, long flags)
{
    ptrdiff_t i = ft_symtable_entry_find(ste, name);
    if (i >= 0) {
        ste->symbols[i].flags = flags;
        return 0;
    }
    return entry_add_symbol(b, ste, name, flags) < 0 ? -1 : 0;
}

static int
push_ptr(FtSymtableBuilder *b, void ***items, ptrdiff_t *count, ptrdiff_t *cap, void *item)
{
    if (*count >= *cap) {
        ptrdiff_t ncap = *cap ? *cap * 2 : 4;
        void **grown = ft_arena_alloc(b->arena, (size_t)ncap * sizeof *grown);
        if (grown == NULL)
            return ft_symtable_error_memory(b);
        if (*count > 0)
            memcpy(grown, *items, (size_t)*count * sizeof *grown);
        *items = grown;
        *cap = ncap;
    }
    (*items)[(*count)++] = item;
    return 0;
}

FtSymtableEntry *
ft_symtable_entry_new(FtSymtableBuilder *b, const char *name, FtSymtableBlockType type,
                      const void *key, FtSymtableLoc loc)
{
    FtSymtableEntry *ste = ft_arena_alloc(b->arena, sizeof *ste);
    struct FtSymtableBuildState *bs = ft_arena_alloc(b->arena, sizeof *bs);
    if (ste == NULL || bs == NULL) {
        ft_symtable_error_memory(b);
        return NULL;
    }
    ste->build = bs;
    ste->type = type;
    ste->name = name;
    ste->key = key;
    ste->lineno = loc.lineno;
    ste->col_offset = loc.col_offset;
    ste->end_lineno = loc.end_lineno;
    ste->end_col_offset = loc.end_col_offset;
    FtSymtableEntry *cur = b->cur;
    if (cur != NULL && (cur->nested || ft_symtable_is_function_like(cur)))
        ste->nested = 1;
    if (cur != NULL && cur->type == FT_SYMTABLE_BLOCK_CLASS && type == FT_SYMTABLE_BLOCK_FUNCTION)
        ste->method = 1;
    FtSymtable *st = b->st;
    if (push_ptr(b, (void ***)&st->blocks, &st->block_count, &b->block_cap, ste) < 0)
        return NULL;
    return ste;
}

int
ft_symtable_enter_existing_block(FtSymtableBuilder *b, FtSymtableEntry *ste,
                                 int add_to_children)
{
    if (push_ptr(b, (void ***)&b->stack, &b->depth, &b->stack_cap, ste) < 0)
        return -1;
    FtSymtableEntry *prev = b->cur;
    if (prev != NULL) {
        // Assignment expressions stay forbidden in every scope nested inside a comprehension's
        // outermost iterable (bpo-37757).
        ste->build->comp_iter_expr = prev->build->comp_iter_expr;
        if (prev->build->mangled_names != NULL && ste->type != FT_SYMTABLE_BLOCK_CLASS)
            ste->build->mangled_names = prev->build->mangled_names;
    }
    b->cur = ste;
    // Under `from __future__ import annotations` annotations become strings: their scopes are
    // visited (errors still count) but take no part in the table.
    if (b->st->future_annotations && ste->type == FT_SYMTABLE_BLOCK_ANNOTATION)
        return 0;
    if (ste->type == FT_SYMTABLE_BLOCK_MODULE)
        b->global = ste;
    if (prev != NULL && add_to_children) {
        ptrdiff_t cap = prev->build->child_cap;
        if (push_ptr(b, (void ***)&prev->children, &prev->child_count, &cap, ste) < 0)
            return -1;
        prev->build->child_cap = cap;
    }
    return 0;
}

int
ft_symtable_enter_block(FtSymtableBuilder *b, const char *name, FtSymtableBlockType type,
                        const void *key, FtSymtableLoc loc)
{
    FtSymtableEntry *ste = ft_symtable_entry_new(b, name, type, key, loc);
    if (ste == NULL || ft_symtable_enter_existing_block(b, ste, 1) < 0)
        return -1;
    if (type == FT_SYMTABLE_BLOCK_ANNOTATION || type == FT_SYMTABLE_BLOCK_TYPE_VARIABLE
        || type == FT_SYMTABLE_BLOCK_TYPE_ALIAS) {
        // The annotate function's format parameter, read by code the compiler inserts.
        if (ft_symtable_add_def(b, b->n_format, FT_SYMTABLE_DEF_PARAM, loc) < 0
            || ft_symtable_add_def(b, b->n_format, FT_SYMTABLE_USE, loc) < 0)
            return -1;
    }
    return 0;
}

void
ft_symtable_exit_block(FtSymtableBuilder *b)
{
    if (b->depth > 0)
        b->depth--;
    b->cur = b->depth > 0 ? b->stack[b->depth - 1] : NULL;
}

const char *
ft_symtable_mangle(const char *class_name, const char *name, FtArena *arena)
{
    if (class_name == NULL || name[0] != '_' || name[1] != '_')
        return name;
    size_t nlen = strlen(name);
    if ((name[nlen - 1] == '_' && name[nlen - 2] == '_') || strchr(name, '.') != NULL)
        return name;
    while (*class_name == '_')
        class_name++;
    if (*class_name == '\0')
        return name;
    size_t plen = strlen(class_name);
    char *out = ft_arena_alloc(arena, 1 + plen + nlen + 1);
    if (out == NULL)
        return NULL;
    out[0] = '_';
    memcpy(out + 1, class_name, plen);
    memcpy(out + 1 + plen, name, nlen + 1);
    return out;
}

const char *
ft_symtable_maybe_mangle(FtSymtableBuilder *b, const FtSymtableEntry *ste, const char *name)
{
    // In the type-parameter scope of a generic class only the type parameters are mangled.
    if (ste->build->mangled_names != NULL
        && !ft_symtable_set_contains(ste->build->mangled_names, name))
        return name;
    const char *m = ft_symtable_mangle(b->private_name, name, b->arena);
    if (m == NULL) {
        ft_symtable_error_memory(b);
        return NULL;
    }
    return m == name ? name : ft_symtable_intern(b, m);
}

long
ft_symtable_lookup_entry(FtSymtableBuilder *b, const FtSymtableEntry *ste, const char *name,
                         int *failed)
{
    const char *mangled = ft_symtable_maybe_mangle(b, ste, name);
    if (mangled == NULL) {
        *failed = 1;
        return 0;
    }
    return ft_symtable_entry_flags(ste, mangled);
}

int
ft_symtable_add_def_helper(FtSymtableBuilder *b, const char *name, long flag,
                           FtSymtableEntry *ste, FtSymtableLoc loc)
{
    const char *mangled = ft_symtable_maybe_mangle(b, b->cur, name);
    if (mangled == NULL)
        return -1;
    long val = flag;
    ptrdiff_t i = ft_symtable_entry_find(ste, mangled);
    if (i >= 0) {
        val = ste->symbols[i].flags;
        if ((flag & FT_SYMTABLE_DEF_PARAM) && (val & FT_SYMTABLE_DEF_PARAM))
            return ft_symtable_error_at(b, loc, "duplicate argument '%s' in function definition",
                                        name);
        if ((flag & FT_SYMTABLE_DEF_TYPE_PARAM) && (val & FT_SYMTABLE_DEF_TYPE_PARAM))
            return ft_symtable_error_at(b, loc, "duplicate type parameter '%s'", name);
        val |= flag;
    }
    if (ste->build->comp_iter_target) {
        // An iteration variable: remember it so that a later `:=` cannot rebind it.
        if (val & (FT_SYMTABLE_DEF_GLOBAL | FT_SYMTABLE_DEF_NONLOCAL))
            return ft_symtable_error_at(
                b, loc, "comprehension inner loop cannot rebind assignment expression target '%s'",
                name);
        val |= FT_SYMTABLE_DEF_COMP_ITER;
    }
    if (entry_set_flags(b, ste, mangled, val) < 0)
        return -1;
    if (flag & FT_SYMTABLE_DEF_PARAM) {
        ptrdiff_t cap = ste->build->varname_cap;
        if (push_ptr(b, (void ***)&ste->varnames, &ste->varname_count, &cap, (void *)mangled) < 0)
            return -1;
        ste->build->varname_cap = cap;
    }
    else if (flag & FT_SYMTABLE_DEF_GLOBAL) {
        // Explicit globals are also recorded in the module block.
        long gval = ft_symtable_entry_flags(b->global, mangled) | flag;
        if (entry_set_flags(b, b->global, mangled, gval) < 0)
            return -1;
    }
    return 0;
}

static int
check_name(FtSymtableBuilder *b, const char *name, FtSymtableLoc loc, FtAstExprContext ctx)
{
    if (strcmp(name, "__debug__") != 0)
        return 0;
    if (ctx == FT_AST_EXPR_CONTEXT_STORE)
        return ft_symtable_error_at(b, loc, "cannot assign to __debug__");
    if (ctx == FT_AST_EXPR_CONTEXT_DEL)
        return ft_symtable_error_at(b, loc, "cannot delete __debug__");
    return 0;
}

int
ft_symtable_add_def_ctx(FtSymtableBuilder *b, const char *name, long flag, FtSymtableLoc loc,
                        FtAstExprContext ctx)
{
    long write_mask = FT_SYMTABLE_DEF_PARAM | FT_SYMTABLE_DEF_LOCAL | FT_SYMTABLE_DEF_IMPORT;
    if ((flag & write_mask) && check_name(b, name, loc, ctx) < 0)
        return -1;
    if ((flag & FT_SYMTABLE_DEF_TYPE_PARAM) && b->cur->build->mangled_names != NULL
        && ft_symtable_set_add(b->cur->build->mangled_names, name, b->arena) < 0)
        return ft_symtable_error_memory(b);
    return ft_symtable_add_def_helper(b, name, flag, b->cur, loc);
}

int
ft_symtable_add_def(FtSymtableBuilder *b, const char *name, long flag, FtSymtableLoc loc)
{
    return ft_symtable_add_def_ctx(b, name, flag, loc,
                                   flag == FT_SYMTABLE_USE ? FT_AST_EXPR_CONTEXT_LOAD
                                                           : FT_AST_EXPR_CONTEXT_STORE);
}

int
ft_symtable_record_directive(FtSymtableBuilder *b, const char *name, FtSymtableLoc loc)
{
    struct FtSymtableBuildState *bs = b->cur->build;
    const char *mangled = ft_symtable_maybe_mangle(b, b->cur, name);
    if (mangled == NULL)
        return -1;
    if (bs->directive_count >= bs->directive_cap) {
        ptrdiff_t cap = bs->directive_cap ? bs->directive_cap * 2 : 4;
        FtSymtableDirective *d = ft_arena_alloc(b->arena, (size_t)cap * sizeof *d);
        if (d == NULL)
            return ft_symtable_error_memory(b);
        if (bs->directive_count > 0)
            memcpy(d, bs->directives, (size_t)bs->directive_count * sizeof *d);
        bs->directives = d;
        bs->directive_cap = cap;
    }
    bs->directives[bs->directive_count++] = (FtSymtableDirective){mangled, loc};
    return 0;
}

// The sets analyze_block() threads through the tree (CPython: bound, free, global, type_params).
typedef struct AnalyzeSets {
    FtSymtableNameSet *bound;       // NULL for the module block only
    FtSymtableNameSet *free;
    FtSymtableNameSet *global;
    FtSymtableNameSet *type_params;
} AnalyzeSets;

typedef struct Analyzer {
    FtSymtableBuilder *b;
    FtArena *scratch;               // every set of the analysis; freed when it ends
} Analyzer;

static int
error_at_directive(Analyzer *a, FtSymtableEntry *ste, const char *name, const char *fmt)
{
    const struct FtSymtableBuildState *bs = ste->build;
    for (ptrdiff_t i = 0; i < bs->directive_count; i++) {
        if (bs->directives[i].name == name)
            return ft_symtable_error_at(a->b, bs->directives[i].loc, fmt, name);
    }
    FtSymtableLoc none = {0, -1, 0, -1};
    return ft_symtable_error_at(a->b, none, fmt, name);
}

static int
analyze_name(Analyzer *a, FtSymtableEntry *ste, ptrdiff_t i, AnalyzeSets *sets,
             FtSymtableNameSet *local, FtSymtableEntry *class_entry)
{
    FtArena *ar = a->scratch;
    const char *name = ste->symbols[i].name;
    long flags = ste->symbols[i].flags;
    unsigned char *scope = &ste->build->scopes[i];
    if (flags & FT_SYMTABLE_DEF_GLOBAL) {
        if (flags & FT_SYMTABLE_DEF_NONLOCAL)
            return error_at_directive(a, ste, name, "name '%s' is nonlocal and global");
        *scope = FT_SYMTABLE_GLOBAL_EXPLICIT;
        if (ft_symtable_set_add(sets->global, name, ar) < 0)
            return -1;
        if (sets->bound != NULL)
            ft_symtable_set_discard(sets->bound, name);
        return 0;
    }
    if (flags & FT_SYMTABLE_DEF_NONLOCAL) {
        if (sets->bound == NULL)
            return error_at_directive(a, ste, name,
                                      "nonlocal declaration not allowed at module level");
        if (!ft_symtable_set_contains(sets->bound, name))
            return error_at_directive(a, ste, name, "no binding for nonlocal '%s' found");
        if (ft_symtable_set_contains(sets->type_params, name))
            return error_at_directive(a, ste, name,
                                      "nonlocal binding not allowed for type parameter '%s'");
        *scope = FT_SYMTABLE_FREE;
        return ft_symtable_set_add(sets->free, name, ar);
    }
    if (flags & FT_SYMTABLE_DEF_BOUND) {
        *scope = FT_SYMTABLE_LOCAL;
        if (ft_symtable_set_add(local, name, ar) < 0)
            return -1;
        ft_symtable_set_discard(sets->global, name);
        if (flags & FT_SYMTABLE_DEF_TYPE_PARAM)
            return ft_symtable_set_add(sets->type_params, name, ar);
        ft_symtable_set_discard(sets->type_params, name);
        return 0;
    }
    // An annotation or type scope directly inside a class resolves names bound in the class
    // through the class namespace and the globals, never through an outer function.
    if (class_entry != NULL) {
        long class_flags = ft_symtable_entry_flags(class_entry, name);
        if (class_flags & FT_SYMTABLE_DEF_GLOBAL) {
            *scope = FT_SYMTABLE_GLOBAL_EXPLICIT;
            return 0;
        }
        if ((class_flags & FT_SYMTABLE_DEF_BOUND) && !(class_flags & FT_SYMTABLE_DEF_NONLOCAL)) {
            *scope = FT_SYMTABLE_GLOBAL_IMPLICIT;
            return 0;
        }
    }
    if (sets->bound != NULL && ft_symtable_set_contains(sets->bound, name)) {
        *scope = FT_SYMTABLE_FREE;
        return ft_symtable_set_add(sets->free, name, ar);
    }
    *scope = FT_SYMTABLE_GLOBAL_IMPLICIT;
    return 0;
}

static int
scope_of(const FtSymtableEntry *ste, const char *name)
{
    ptrdiff_t i = ft_symtable_entry_find(ste, name);
    return i < 0 ? 0 : (int)((ste->symbols[i].flags >> FT_SYMTABLE_SCOPE_OFFSET)
                             & FT_SYMTABLE_SCOPE_MASK);
}

static int
is_free_in_any_child(const FtSymtableEntry *entry, const char *name)
{
    for (ptrdiff_t i = 0; i < entry->child_count; i++) {
        if (scope_of(entry->children[i], name) == FT_SYMTABLE_FREE)
            return 1;
    }
    return 0;
}

// Moves an analyzed comprehension's names into ste (PEP 709).
static int
inline_comprehension(Analyzer *a, FtSymtableEntry *ste, FtSymtableEntry *comp,
                     FtSymtableNameSet *comp_free, FtSymtableNameSet *inlined_cells)
{
    FtSymtableBuilder *b = a->b;
    const char *removed[3];
    int removed_count = 0;
    for (ptrdiff_t i = 0; i < comp->symbol_count; i++) {
        const FtSymtableSymbol *sym = &comp->symbols[i];
        if (sym->removed || (sym->flags & FT_SYMTABLE_DEF_PARAM))
            continue;  // the implicit ".0" argument
        int scope = (int)((sym->flags >> FT_SYMTABLE_SCOPE_OFFSET) & FT_SYMTABLE_SCOPE_MASK);
        long only_flags = sym->flags & ((1L << FT_SYMTABLE_SCOPE_OFFSET) - 1);
        const char *k = sym->name;
        if ((scope == FT_SYMTABLE_CELL || (only_flags & FT_SYMTABLE_DEF_COMP_CELL))
            && ft_symtable_set_add(inlined_cells, k, a->scratch) < 0)
            return ft_symtable_error_memory(b);
        ptrdiff_t existing = ft_symtable_entry_find(ste, k);
        // __class__, __classdict__ and __conditional_annotations__ never become free through a
        // class block (see drop_class_free()), unless a scope nested in the comprehension (a lambda)
        // needs them: then they stay free, so that the class provides the cell.
        if (scope == FT_SYMTABLE_FREE && ste->type == FT_SYMTABLE_BLOCK_CLASS
            && (k == b->n_class || k == b->n_classdict || k == b->n_cond_annotations)) {
            scope = FT_SYMTABLE_GLOBAL_IMPLICIT;
            if (!is_free_in_any_child(comp, k))
                ft_symtable_set_discard(comp_free, k);
            removed[removed_count++] = k;
        }
        if (existing < 0) {
            ptrdiff_t j = entry_add_symbol(b, ste, k, only_flags);
            if (j < 0)
                return -1;
            ste->build->scopes[j] = (unsigned char)scope;
        }
        else if ((ste->symbols[existing].flags & FT_SYMTABLE_DEF_BOUND)
                 && ste->type != FT_SYMTABLE_BLOCK_CLASS) {
            // Free in the comprehension, local outside: now simply local, unless a scope nested
            // in the comprehension needs it as a cell. Its use in the comprehension becomes a
            // use in this block (CPython 3.14.x reports USE on the outer symbol).
            if (!is_free_in_any_child(comp, k))
                ft_symtable_set_discard(comp_free, k);
            if (scope == FT_SYMTABLE_FREE)
                ste->symbols[existing].flags |= only_flags & FT_SYMTABLE_USE;
        }
    }
    for (int r = 0; r < removed_count; r++) {
        ptrdiff_t j = ft_symtable_entry_find(comp, removed[r]);
        if (j >= 0)
            comp->symbols[j].removed = 1;
    }
    return 0;
}

static void
analyze_cells(FtSymtableEntry *ste, FtSymtableNameSet *free, FtSymtableNameSet *inlined_cells)
{
    for (ptrdiff_t i = 0; i < ste->symbol_count; i++) {
        if (ste->symbols[i].removed || ste->build->scopes[i] != FT_SYMTABLE_LOCAL)
            continue;
        const char *name = ste->symbols[i].name;
        if (!ft_symtable_set_contains(free, name)
            && !ft_symtable_set_contains(inlined_cells, name))
            continue;
        ste->build->scopes[i] = FT_SYMTABLE_CELL;
        ft_symtable_set_discard(free, name);
    }
}

static void
drop_class_free(FtSymtableBuilder *b, FtSymtableEntry *ste, FtSymtableNameSet *free)
{
    if (ft_symtable_set_discard(free, b->n_class))
        ste->needs_class_closure = 1;
    if (ft_symtable_set_discard(free, b->n_classdict))
        ste->needs_classdict = 1;
    if (ft_symtable_set_discard(free, b->n_cond_annotations))
        ste->has_conditional_annotations = 1;
}

static int
update_symbols(Analyzer *a, FtSymtableEntry *ste, const FtSymtableNameSet *bound,
               const FtSymtableNameSet *free, const FtSymtableNameSet *inlined_cells,
               int classflag)
{
    for (ptrdiff_t i = 0; i < ste->symbol_count; i++) {
        FtSymtableSymbol *sym = &ste->symbols[i];
        if (sym->removed)
            continue;
        if (ft_symtable_set_contains(inlined_cells, sym->name))
            sym->flags |= FT_SYMTABLE_DEF_COMP_CELL;
        sym->flags |= (long)ste->build->scopes[i] << FT_SYMTABLE_SCOPE_OFFSET;
    }
    // Names free in children: a class records that a method uses one of its own names; any
    // other block passes the free name up unless it is a global.
    for (ptrdiff_t s = 0; s < free->cap; s++) {
        const char *name = free->slots[s];
        if (name == NULL || name == FT_SYMTABLE_SET_TOMB)
            continue;
        ptrdiff_t i = ft_symtable_entry_find(ste, name);
        if (i >= 0) {
            if (classflag)
                ste->symbols[i].flags |= FT_SYMTABLE_DEF_FREE_CLASS;
            continue;
        }
        if (bound != NULL && !ft_symtable_set_contains(bound, name))
            continue;
        ptrdiff_t j = entry_add_symbol(a->b, ste, name, (long)FT_SYMTABLE_FREE
                                                          << FT_SYMTABLE_SCOPE_OFFSET);
        if (j < 0)
            return -1;
        ste->build->scopes[j] = FT_SYMTABLE_FREE;
    }
    return 0;
}

static int analyze_block(Analyzer *a, FtSymtableEntry *ste, AnalyzeSets *sets,
                         FtSymtableEntry *class_entry);

// Analyzes a child with copies of the sets, so that its bindings do not leak to its siblings.
// *child_free receives the child's free set (a copy of free plus what the child added).
static int
analyze_child_block(Analyzer *a, FtSymtableEntry *entry, const AnalyzeSets *sets,
                    FtSymtableEntry *class_entry, FtSymtableNameSet **child_free)
{
    AnalyzeSets copy = {
        .bound = set_copy(sets->bound, a->scratch),
        .free = set_copy(sets->free, a->scratch),
        .global = set_copy(sets->global, a->scratch),
        .type_params = set_copy(sets->type_params, a->scratch),
    };
    if (copy.bound == NULL || copy.free == NULL || copy.global == NULL
        || copy.type_params == NULL)
        return ft_symtable_error_memory(a->b);
    if (analyze_block(a, entry, &copy, class_entry) < 0)
        return -1;
    *child_free = copy.free;
    return 0;
}

static int
analyze_block(Analyzer *a, FtSymtableEntry *ste, AnalyzeSets *sets,
              FtSymtableEntry *class_entry)
{
    FtSymtableBuilder *b = a->b;
    FtArena *ar = a->scratch;
    FtSymtableNameSet *local = set_new(ar), *newglobal = set_new(ar), *newfree = set_new(ar);
    FtSymtableNameSet *newbound = set_new(ar), *inlined_cells = set_new(ar);
    if (local == NULL || newglobal == NULL || newfree == NULL || newbound == NULL
        || inlined_cells == NULL)
        return ft_symtable_error_memory(b);
    int is_class = ste->type == FT_SYMTABLE_BLOCK_CLASS;

    // A class's own bindings are invisible to its methods: what they see is what the class saw.
    if (is_class) {
        if (set_update(newglobal, sets->global, ar) < 0
            || set_update(newbound, sets->bound, ar) < 0)
            return ft_symtable_error_memory(b);
    }
    ptrdiff_t nsyms = ste->symbol_count;
    for (ptrdiff_t i = 0; i < nsyms; i++) {
        if (analyze_name(a, ste, i, sets, local, class_entry) < 0)
            return b->err->kind != FT_SYNTAX_NONE ? -1 : ft_symtable_error_memory(b);
    }
    if (!is_class) {
        if ((ft_symtable_is_function_like(ste) && set_update(newbound, local, ar) < 0)
            || set_update(newbound, sets->bound, ar) < 0
            || set_update(newglobal, sets->global, ar) < 0)
            return ft_symtable_error_memory(b);
    }
    else if (ft_symtable_set_add(newbound, b->n_class, ar) < 0
             || ft_symtable_set_add(newbound, b->n_classdict, ar) < 0
             || ft_symtable_set_add(newbound, b->n_cond_annotations, ar) < 0) {
        return ft_symtable_error_memory(b);
    }

    AnalyzeSets child_sets = {newbound, newfree, newglobal, sets->type_params};
    int any_inlined = 0;
    for (ptrdiff_t i = 0; i < ste->child_count; i++) {
        FtSymtableEntry *entry = ste->children[i];
        FtSymtableEntry *new_class_entry = NULL;
        if (entry->can_see_class_scope)
            new_class_entry = is_class ? ste : class_entry;
        // Every comprehension but a generator expression is inlined, except inside an
        // annotation or type scope that can see a class.
        int inline_comp = entry->comprehension != FT_SYMTABLE_COMP_NONE && !entry->generator
                       && !ste->can_see_class_scope;
        FtSymtableNameSet *child_free = NULL;
        if (analyze_child_block(a, entry, &child_sets, new_class_entry, &child_free) < 0)
            return -1;
        if (inline_comp) {
            if (inline_comprehension(a, ste, entry, child_free, inlined_cells) < 0)
                return -1;
            entry->comp_inlined = 1;
            any_inlined = 1;
        }
        if (set_update(newfree, child_free, ar) < 0)
            return ft_symtable_error_memory(b);
    }

    if (any_inlined) {
        // Splice the children of inlined comprehensions into our own list, in place.
        ptrdiff_t total = 0;
        for (ptrdiff_t i = 0; i < ste->child_count; i++)
            total += ste->children[i]->comp_inlined ? ste->children[i]->child_count : 1;
        FtSymtableEntry **spliced = ft_arena_alloc(b->arena, (size_t)(total + 1) * sizeof *spliced);
        if (spliced == NULL)
            return ft_symtable_error_memory(b);
        ptrdiff_t n = 0;
        for (ptrdiff_t i = 0; i < ste->child_count; i++) {
            FtSymtableEntry *c = ste->children[i];
            if (!c->comp_inlined) {
                spliced[n++] = c;
                continue;
            }
            for (ptrdiff_t j = 0; j < c->child_count; j++)
                spliced[n++] = c->children[j];
        }
        ste->children = spliced;
        ste->child_count = n;
        ste->build->child_cap = total + 1;
    }

    if (ft_symtable_is_function_like(ste))
        analyze_cells(ste, newfree, inlined_cells);
    else if (is_class)
        drop_class_free(b, ste, newfree);
    if (update_symbols(a, ste, sets->bound, newfree, inlined_cells,
                       is_class || ste->can_see_class_scope) < 0)
        return -1;
    if (set_update(sets->free, newfree, ar) < 0)
        return ft_symtable_error_memory(b);
    return 0;
}

int
ft_symtable_analyze(FtSymtableBuilder *b)
{
    Analyzer a = {b, ft_arena_new()};
    if (a.scratch == NULL)
        return ft_symtable_error_memory(b);
    AnalyzeSets sets = {NULL, set_new(a.scratch), set_new(a.scratch), set_new(a.scratch)};
    int rc;
    if (sets.free == NULL || sets.global == NULL || sets.type_params == NULL)
        rc = ft_symtable_error_memory(b);
    else
        rc = analyze_block(&a, b->st->top, &sets, NULL);
    ft_arena_free(a.scratch);
    return rc;
}

static const char *const future_features[] = {
    "nested_scopes", "generators", "division", "absolute_import", "with_statement",
    "print_function", "unicode_literals", "barry_as_FLUFL", "generator_stop", "annotations",
};

static int
is_docstring(const FtAstStmt *s)
{
    return s->kind == FT_AST_STMT_EXPR && s->v.expr.value->kind == FT_AST_EXPR_CONSTANT
        && s->v.expr.value->v.constant.value->kind == FT_AST_CONST_STR;
}

// Python/future.c: the `from __future__` imports at the top of a module (after an optional
// docstring) set compiler features; an unknown feature is an error here.
static int
scan_future(FtSymtableBuilder *b, const FtAstMod *mod)
{
    b->future_loc = (FtSymtableLoc){-1, -1, -1, -1};
    if (mod->kind != FT_AST_MOD_MODULE || mod->v.module.body == NULL)
        return 0;
    const FtAstSeq *body = mod->v.module.body;
    for (ptrdiff_t i = 0; i < body->size; i++) {
        const FtAstStmt *s = body->items[i];
        if (i == 0 && is_docstring(s))
            continue;
        if (s->kind != FT_AST_STMT_IMPORT_FROM || s->v.import_from.module == NULL
            || s->v.import_from.level != 0 || strcmp(s->v.import_from.module, "__future__") != 0)
            break;
        FtSymtableLoc loc = {s->lineno, s->col_offset, s->end_lineno, s->end_col_offset};
        const FtAstSeq *names = s->v.import_from.names;
        for (ptrdiff_t j = 0; names != NULL && j < names->size; j++) {
            const FtAstAlias *alias = names->items[j];
            size_t k = 0, n = sizeof future_features / sizeof future_features[0];
            while (k < n && strcmp(alias->name, future_features[k]) != 0)
                k++;
            if (k == n) {
                loc = (FtSymtableLoc){alias->lineno, alias->col_offset, alias->end_lineno,
                                      alias->end_col_offset};
                if (strcmp(alias->name, "braces") == 0)
                    return ft_symtable_error_at(b, loc, "not a chance");
                return ft_symtable_error_at(b, loc, "future feature %s is not defined",
                                            alias->name);
            }
            if (strcmp(alias->name, "annotations") == 0)
                b->st->future_annotations = 1;
        }
        b->future_loc = loc;
    }
    return 0;
}

static int
intern_well_known(FtSymtableBuilder *b)
{
    static const struct { size_t offset; const char *text; } names[] = {
        {offsetof(FtSymtableBuilder, n_top), "top"},
        {offsetof(FtSymtableBuilder, n_lambda), "lambda"},
        {offsetof(FtSymtableBuilder, n_genexpr), "genexpr"},
        {offsetof(FtSymtableBuilder, n_listcomp), "listcomp"},
        {offsetof(FtSymtableBuilder, n_setcomp), "setcomp"},
        {offsetof(FtSymtableBuilder, n_dictcomp), "dictcomp"},
        {offsetof(FtSymtableBuilder, n_class), "__class__"},
        {offsetof(FtSymtableBuilder, n_classdict), "__classdict__"},
        {offsetof(FtSymtableBuilder, n_cond_annotations), "__conditional_annotations__"},
        {offsetof(FtSymtableBuilder, n_format), ".format"},
        {offsetof(FtSymtableBuilder, n_dot_type_params), ".type_params"},
        {offsetof(FtSymtableBuilder, n_generic_base), ".generic_base"},
        {offsetof(FtSymtableBuilder, n_defaults), ".defaults"},
        {offsetof(FtSymtableBuilder, n_kwdefaults), ".kwdefaults"},
        {offsetof(FtSymtableBuilder, n_type_params), "__type_params__"},
        {offsetof(FtSymtableBuilder, n_annotate), "__annotate__"},
        {offsetof(FtSymtableBuilder, n_super), "super"},
        {offsetof(FtSymtableBuilder, n_dot0), ".0"},
    };
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        const char *s = ft_symtable_intern(b, names[i].text);
        if (s == NULL)
            return -1;
        memcpy((char *)b + names[i].offset, &s, sizeof s);
    }
    return 0;
}

// Indexes every block by its key for ft_symtable_lookup(); a later block wins a shared key, as
// in CPython's st_blocks dict.
static int
index_blocks(FtSymtableBuilder *b)
{
    FtSymtable *st = b->st;
    ptrdiff_t cap = 16;
    while (cap < st->block_count * 2 + 2)
        cap *= 2;
    st->key_index = ft_arena_alloc(b->arena, (size_t)cap * sizeof *st->key_index);
    if (st->key_index == NULL)
        return ft_symtable_error_memory(b);
    st->key_index_cap = cap;
    for (ptrdiff_t i = 0; i < st->block_count; i++) {
        FtSymtableEntry *ste = st->blocks[i];
        size_t j = (size_t)hash_ptr(ste->key) & (size_t)(cap - 1);
        while (st->key_index[j] != NULL && st->key_index[j]->key != ste->key)
            j = (j + 1) & (size_t)(cap - 1);
        st->key_index[j] = ste;
    }
    return 0;
}

FtSymtable *
ft_symtable_build(const FtAstMod *mod, FtSyntaxError *err)
{
    FtArena *arena = ft_arena_new();
    FtSymtable *st = arena != NULL ? ft_arena_alloc(arena, sizeof *st) : NULL;
    if (st == NULL) {
        ft_arena_free(arena);
        ft_syntax_error_set(err, FT_SYNTAX_MEMORY_ERROR, 0, 0, 0, 0, NULL, "out of memory");
        return NULL;
    }
    st->arena = arena;
    FtSymtableBuilder builder = {.st = st, .arena = arena, .err = err};
    FtSymtableBuilder *b = &builder;
    if (intern_well_known(b) < 0 || scan_future(b, mod) < 0)
        goto error;
    FtSymtableLoc loc0 = {0, 0, 0, 0};
    if (ft_symtable_enter_block(b, b->n_top, FT_SYMTABLE_BLOCK_MODULE, mod, loc0) < 0)
        goto error;
    st->top = b->cur;
    if (ft_symtable_visit_module(b, mod) < 0)
        goto error;
    ft_symtable_exit_block(b);
    if (ft_symtable_analyze(b) < 0 || index_blocks(b) < 0)
        goto error;
    return st;
error:
    if (err->kind == FT_SYNTAX_NONE)
        ft_symtable_error_memory(b);
    ft_arena_free(arena);
    return NULL;
}

void
ft_symtable_free(FtSymtable *st)
{
    if (st != NULL)
        ft_arena_free(st->arena);
}

FtSymtableEntry *
ft_symtable_lookup(const FtSymtable *st, const void *key)
{
    size_t mask = (size_t)st->key_index_cap - 1;
    size_t j = (size_t)hash_ptr(key) & mask;
    for (;;) {
        FtSymtableEntry *ste = st->key_index[j];
        if (ste == NULL || ste->key == key)
            return ste;
        j = (j + 1) & mask;
    }
}

long
ft_symtable_get_symbol(const FtSymtableEntry *ste, const char *name)
{
    for (ptrdiff_t i = 0; i < ste->symbol_count; i++) {
        if (!ste->symbols[i].removed && strcmp(ste->symbols[i].name, name) == 0)
            return ste->symbols[i].flags;
    }
    return 0;
}

int
ft_symtable_get_scope(const FtSymtableEntry *ste, const char *name)
{
    return (int)((ft_symtable_get_symbol(ste, name) >> FT_SYMTABLE_SCOPE_OFFSET)
                 & FT_SYMTABLE_SCOPE_MASK);
}

static const char *const block_type_names[] = {
    "function", "class", "module", "annotation", "type_alias", "type_parameters", "type_variable",
};

static const char *const scope_names[] = {
    "NONE", "LOCAL", "GLOBAL_EXPLICIT", "GLOBAL_IMPLICIT", "FREE", "CELL",
};

static const struct { long bit; const char *name; } flag_names[] = {
    {FT_SYMTABLE_DEF_GLOBAL, "DEF_GLOBAL"},
    {FT_SYMTABLE_DEF_LOCAL, "DEF_LOCAL"},
    {FT_SYMTABLE_DEF_PARAM, "DEF_PARAM"},
    {FT_SYMTABLE_DEF_NONLOCAL, "DEF_NONLOCAL"},
    {FT_SYMTABLE_USE, "USE"},
    {FT_SYMTABLE_DEF_FREE_CLASS, "DEF_FREE_CLASS"},
    {FT_SYMTABLE_DEF_IMPORT, "DEF_IMPORT"},
    {FT_SYMTABLE_DEF_ANNOT, "DEF_ANNOT"},
    {FT_SYMTABLE_DEF_COMP_ITER, "DEF_COMP_ITER"},
    {FT_SYMTABLE_DEF_TYPE_PARAM, "DEF_TYPE_PARAM"},
    {FT_SYMTABLE_DEF_COMP_CELL, "DEF_COMP_CELL"},
};

static int
compare_symbols(const void *x, const void *y)
{
    const FtSymtableSymbol *const *a = x, *const *b = y;
    return strcmp((*a)->name, (*b)->name);
}

static int
dump_entry(FtAstBuf *buf, const FtSymtableEntry *ste, int indent)
{
    int type = (int)ste->type;
    if (ft_ast_buf_printf(buf, "%*s%s %s line %d nested %d\n", indent, "",
                          type >= 0 && type <= 6 ? block_type_names[type] : "?", ste->name,
                          ste->lineno, (int)ste->nested) < 0
        || ft_ast_buf_printf(buf, "%*s  varnames", indent, "") < 0)
        return -1;
    for (ptrdiff_t i = 0; i < ste->varname_count; i++) {
        if (ft_ast_buf_printf(buf, " %s", ste->varnames[i]) < 0)
            return -1;
    }
    if (ft_ast_buf_append(buf, "\n", 1) < 0)
        return -1;
    const FtSymtableSymbol **sorted = NULL;
    if (ste->symbol_count > 0) {
        sorted = mi_malloc((size_t)ste->symbol_count * sizeof *sorted);
        if (sorted == NULL)
            return -1;
    }
    ptrdiff_t n = 0;
    for (ptrdiff_t i = 0; i < ste->symbol_count; i++) {
        if (!ste->symbols[i].removed)
            sorted[n++] = &ste->symbols[i];
    }
    if (n > 1)
        qsort(sorted, (size_t)n, sizeof *sorted, compare_symbols);
    int rc = 0;
    for (ptrdiff_t i = 0; i < n && rc == 0; i++) {
        long flags = sorted[i]->flags;
        int scope = (int)((flags >> FT_SYMTABLE_SCOPE_OFFSET) & FT_SYMTABLE_SCOPE_MASK);
        rc = ft_ast_buf_printf(buf, "%*s  symbol %s %s", indent, "", sorted[i]->name,
                               scope <= 5 ? scope_names[scope] : "?");
        long rest = flags & ((1L << FT_SYMTABLE_SCOPE_OFFSET) - 1);
        for (size_t f = 0; f < sizeof flag_names / sizeof flag_names[0] && rc == 0; f++) {
            if (rest & flag_names[f].bit) {
                rc = ft_ast_buf_printf(buf, " %s", flag_names[f].name);
                rest &= ~flag_names[f].bit;
            }
        }
        if (rc == 0 && rest != 0)
            rc = ft_ast_buf_printf(buf, " 0x%lx", rest);
        if (rc == 0)
            rc = ft_ast_buf_append(buf, "\n", 1);
    }
    mi_free(sorted);
    for (ptrdiff_t i = 0; i < ste->child_count && rc == 0; i++)
        rc = dump_entry(buf, ste->children[i], indent + 2);
    return rc;
}

int
ft_symtable_dump(FtAstBuf *buf, const FtSymtable *st)
{
    return dump_entry(buf, st->top, 0);
}

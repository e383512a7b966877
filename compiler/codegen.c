// compiler/codegen.c: the code generator's units and scopes, name resolution, emit helpers,
// constants, closures and the instruction listings of ft_compile_listing_ref. Mirrors CPython
// 3.14's Python/codegen.c (codegen_enter_scope, codegen_make_closure, codegen_nameop, ...) and
// the unit half of Python/compile.c (_PyCompile_EnterScope, compiler_set_qualname,
// _PyCompile_ResolveNameop, compute_code_flags). Functions, classes and annotations:
// codegen_function.c.
//
// Owns: FtCgUnit life cycle (enter/exit), the metadata dicts of a unit (varnames from the symbol
// table's parameters, cellvars/freevars sorted by name as CPython's dictbytype, then the implicit
// class cells appended), qualified names, and the instructions that make a function from a code
// object.
// Invariant: c->u is the innermost unit; every unit on the parent chain is live until its
// ft_cg_exit_scope(); a unit's metadata.consts maps the constant key of const_list[i] to i.
// Concurrency: one compilation runs on one thread; the dicts, lists and sequences here are private
// to it (never published until the code object is built), so the critical sections taken around
// dict iteration are uncontended.
//
// Not here (CPython does these in Python/flowgraph.c, which compiler/assemble.h owns): the MAKE_CELL
// / COPY_FREE_VARS / RETURN_GENERATOR+POP_TOP prefix, LOAD_SMALL_INT/LOAD_FAST_BORROW rewriting of
// the optimizer and the bool bit of COMPARE_OP.
#include <limits.h>    // INT_MAX
#include <stdarg.h>    // va_list
#include <stdint.h>    // uintptr_t
#include <stdio.h>     // fopen fgets vsnprintf
#include <stdlib.h>    // qsort
#include <string.h>    // strcmp strlen strchr memcpy

#include <mimalloc.h>  // mi_zalloc mi_malloc mi_free

#include "compiler/assemble.h"          // ft_assemble_code_ref ft_compile_const_key_ref
#include "compiler/codegen_internal.h"
#include "eval/opcode.h"                // FT_OP_* ft_opcode_*
#include "objects/bigint.h"             // ft_bigint_from_string
#include "objects/bytes.h"              // ft_bytes_from_data_ref
#include "objects/code.h"               // FtCodeObject FT_CO_*
#include "objects/complex.h"            // ft_complex_from_doubles_ref
#include "objects/dict.h"               // ft_dict_*
#include "objects/error.h"              // ft_error_* ft_exc_*
#include "objects/float.h"              // ft_float_from_double_ref
#include "objects/function.h"           // FT_FUNCTION_ATTR_*
#include "objects/int.h"                // ft_int_* FT_TRUE FT_FALSE
#include "objects/list.h"               // ft_list_*
#include "objects/warnings.h"           // ft_warn_explicit
#include "objects/object.h"             // FT_NONE FT_ELLIPSIS
#include "objects/str.h"                // ft_str_*
#include "objects/tuple.h"              // ft_tuple_*
#include "runtime/object_lock.h"        // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/refcount.h"           // ft_incref ft_decref

#define RETURN_IF_ERROR(x)   \
    do {                     \
        if ((x) < 0)         \
            return -1;       \
    } while (0)

// co_flags bits that compile() flags carry into every code object (CPython's PyCF_MASK).
enum { FUTURE_FLAGS_MASK = 0x1FE0000 };

FtLocation
ft_cg_loc_expr(const FtAstExpr *e)
{
    return (FtLocation){e->lineno, e->end_lineno, e->col_offset, e->end_col_offset};
}

FtLocation
ft_cg_loc_stmt(const FtAstStmt *s)
{
    return (FtLocation){s->lineno, s->end_lineno, s->col_offset, s->end_col_offset};
}

int
ft_cg_addop(FtCompiler *c, FtLocation loc, int opcode)
{
    return ft_instr_sequence_add(&c->u->seq, opcode, 0, loc) < 0 ? -1 : 0;
}

int
ft_cg_addop_i(FtCompiler *c, FtLocation loc, int opcode, int oparg)
{
    return ft_instr_sequence_add(&c->u->seq, opcode, oparg, loc) < 0 ? -1 : 0;
}

int
ft_cg_addop_jump(FtCompiler *c, FtLocation loc, int opcode, FtLabel target)
{
    return ft_instr_sequence_add(&c->u->seq, opcode, target.id, loc) < 0 ? -1 : 0;
}

FtLabel
ft_cg_new_label(FtCompiler *c)
{
    return ft_instr_sequence_new_label(&c->u->seq);
}

int
ft_cg_use_label(FtCompiler *c, FtLabel label)
{
    return ft_instr_sequence_use_label(&c->u->seq, label);
}

// The index of key in dict (a str -> int dict of a unit's metadata), adding it with the next index
// when absent (CPython's _PyCompile_DictAddObj). -1 with an exception.
static int
dict_add_obj(FtObject *dict, FtObject *key)
{
    FtObject *v;
    int r = ft_dict_get_item_ref(dict, key, &v);
    if (r < 0)
        return -1;
    if (r > 0) {
        int64_t i = 0;
        ft_bigint_to_int64(ft_int_value_borrow(v), &i);
        ft_decref(v);
        return (int)i;
    }
    Ft_ssize n = ft_dict_size(dict);
    if (n >= INT_MAX) {
        ft_error_set_string(&ft_exc_system_error, "too many names in one code unit");
        return -1;
    }
    v = ft_int_from_int64_ref(n);
    if (v == NULL)
        return -1;
    r = ft_dict_set_item(dict, key, v);
    ft_decref(v);
    return r < 0 ? -1 : (int)n;
}

int
ft_cg_dict_add_name(FtObject *dict, const char *name)
{
    FtObject *key = ft_str_from_cstr_ref(name);
    if (key == NULL)
        return -1;
    int r = dict_add_obj(dict, key);
    ft_decref(key);
    return r;
}

// The index of name in dict, or -1 (no exception) when absent (CPython's dict_lookup_arg).
int
ft_cg_dict_lookup_name(FtObject *dict, const char *name)
{
    FtObject *v;
    int r = ft_dict_get_item_str_ref(dict, name, &v);
    if (r <= 0) {
        ft_error_clear();
        return -1;
    }
    int64_t i = -1;
    ft_bigint_to_int64(ft_int_value_borrow(v), &i);
    ft_decref(v);
    return (int)i;
}

const char *
ft_cg_mangle(FtCompiler *c, const char *name)
{
    if (c->u->private_name == NULL || name[0] != '_' || name[1] != '_')
        return name;
    // TODO(#4): a generic class's type-parameter scope mangles only the names it marked
    // (CPython's ste_mangled_names); every private name is mangled here.
    const char *r = ft_symtable_mangle(ft_str_as_utf8(c->u->private_name, NULL), name, c->arena);
    if (r == NULL)
        ft_error_no_memory();
    return r;
}

int
ft_cg_const_index(FtCompiler *c, FtObject *value)
{
    FtObject *key = ft_compile_const_key_ref(value);
    if (key == NULL)
        return -1;
    // One shared key object per distinct constant across the whole compilation (CPython's
    // merge_consts_recursive, first level).
    FtObject *canon;
    int r = ft_dict_get_item_ref(c->const_cache, key, &canon);
    if (r < 0) {
        ft_decref(key);
        return -1;
    }
    if (r == 0) {
        if (ft_dict_set_item(c->const_cache, key, key) < 0) {
            ft_decref(key);
            return -1;
        }
    }
    else {
        ft_decref(key);
        key = canon;
    }
    FtObject *consts = c->u->metadata.consts;
    Ft_ssize before = ft_dict_size(consts);
    int index = dict_add_obj(consts, key);
    ft_decref(key);
    if (index < 0)
        return -1;
    if (ft_dict_size(consts) != before && ft_list_append(c->u->const_list, value) < 0)
        return -1;
    return index;
}

int
ft_cg_addop_load_const(FtCompiler *c, FtLocation loc, FtObject *value)
{
    // As CPython's codegen: small ints too are LOAD_CONST here; the flowgraph pass turns them
    // into LOAD_SMALL_INT and drops the constants nothing loads any more.
    int index = ft_cg_const_index(c, value);
    RETURN_IF_ERROR(index);
    return ft_cg_addop_i(c, loc, FT_OP_LOAD_CONST, index);
}

// LOAD_CONST of a new reference, which is dropped.
int
ft_cg_addop_load_const_steal(FtCompiler *c, FtLocation loc, FtObject *value)
{
    if (value == NULL)
        return -1;
    int r = ft_cg_addop_load_const(c, loc, value);
    ft_decref(value);
    return r;
}

int
ft_cg_addop_load_none(FtCompiler *c, FtLocation loc)
{
    return ft_cg_addop_load_const(c, loc, FT_NONE);
}

int
ft_cg_name_index(FtCompiler *c, const char *name)
{
    return ft_cg_dict_add_name(c->u->metadata.names, name);
}

int
ft_cg_addop_name_bits(FtCompiler *c, FtLocation loc, int opcode, const char *name, int shift,
                      int low_bits)
{
    const char *mangled = ft_cg_mangle(c, name);
    if (mangled == NULL)
        return -1;
    int index = ft_cg_name_index(c, mangled);
    RETURN_IF_ERROR(index);
    return ft_cg_addop_i(c, loc, opcode, (index << shift) | low_bits);
}

int
ft_cg_addop_name(FtCompiler *c, FtLocation loc, int opcode, const char *name)
{
    return ft_cg_addop_name_bits(c, loc, opcode, name, 0, 0);
}

// The source line `lineno` of the file named filename (with its newline), as CPython's
// PyErr_ProgramTextObject reads it; NULL (no exception) when the file cannot be read.
static FtObject *
program_text_ref(FtObject *filename, int lineno)
{
    if (filename == NULL || lineno < 1)
        return NULL;
    FILE *f = fopen(ft_str_as_utf8(filename, NULL), "rb");
    if (f == NULL)
        return NULL;
    char buf[1024];
    FtObject *line = NULL;
    int current = 1;
    size_t have = 0;
    char *acc = NULL;
    while (fgets(buf, sizeof buf, f) != NULL) {
        size_t n = strlen(buf);
        if (current == lineno) {
            char *grown = mi_realloc(acc, have + n + 1);
            if (grown == NULL)
                break;
            acc = grown;
            memcpy(acc + have, buf, n + 1);
            have += n;
        }
        if (n > 0 && buf[n - 1] == '\n') {
            if (current == lineno)
                break;
            current++;
        }
    }
    fclose(f);
    if (acc != NULL) {
        line = ft_str_from_utf8_ref(acc, (Ft_ssize)have);
        if (line == NULL)
            ft_error_clear();
        mi_free(acc);
    }
    return line;
}

int
ft_cg_error(FtCompiler *c, FtLocation loc, const char *fmt, ...)
{
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    FtObject *text = program_text_ref(c->filename, loc.lineno);
    FtObject *m = ft_str_from_cstr_ref(msg);
    FtObject *info = ft_tuple_new_ref(6);
    FtObject *lineno = ft_int_from_int64_ref(loc.lineno);
    FtObject *offset = ft_int_from_int64_ref(loc.col_offset + 1);
    FtObject *end_lineno = ft_int_from_int64_ref(loc.end_lineno);
    FtObject *end_offset = ft_int_from_int64_ref(loc.end_col_offset + 1);
    if (m == NULL || info == NULL || lineno == NULL || offset == NULL || end_lineno == NULL
        || end_offset == NULL) {
        ft_xdecref(m);
        ft_xdecref(info);
        ft_xdecref(lineno);
        ft_xdecref(offset);
        ft_xdecref(end_lineno);
        ft_xdecref(end_offset);
        ft_xdecref(text);
        return -1;
    }
    ft_incref(c->filename);
    ft_tuple_set_item_steal_unlocked(info, 0, c->filename);
    ft_tuple_set_item_steal_unlocked(info, 1, lineno);
    ft_tuple_set_item_steal_unlocked(info, 2, offset);
    ft_tuple_set_item_steal_unlocked(info, 3, text != NULL ? text : ft_none_ref());
    ft_tuple_set_item_steal_unlocked(info, 4, end_lineno);
    ft_tuple_set_item_steal_unlocked(info, 5, end_offset);
    FtObject *args[2] = {m, info};
    FtObject *exc = ft_exception_new_ref(&ft_exc_syntax_error, args, 2);
    ft_decref(m);
    ft_decref(info);
    if (exc != NULL)
        ft_error_restore_steal(exc);
    return -1;
}

int
ft_cg_warn(FtCompiler *c, FtLocation loc, const char *fmt, ...)
{
    // TODO(#4): an "error" filter (-W error) turns it into the SyntaxError CPython raises then.
    va_list ap;
    va_start(ap, fmt);
    FtObject *msg = ft_str_from_format_v_ref(fmt, ap);
    va_end(ap);
    if (msg == NULL)
        return -1;
    int status = ft_warn_explicit(&ft_exc_syntax_warning, msg, c->filename, loc.lineno);
    ft_decref(msg);
    return status;
}

// A str from the parser's UTF-8, where lone surrogates use their 3-byte form (surrogatepass).
FtObject *
ft_cg_str_from_utf8_ref(const char *s, size_t len)
{
    bool surrogates = false;
    for (size_t i = 0; i + 1 < len; i++) {
        if ((unsigned char)s[i] == 0xED && ((unsigned char)s[i + 1] & 0xE0) == 0xA0) {
            surrogates = true;
            break;
        }
    }
    if (!surrogates)
        return ft_str_from_utf8_ref(s, (Ft_ssize)len);
    uint32_t *cps = mi_malloc((len + 1) * sizeof(uint32_t));
    if (cps == NULL)
        return ft_error_no_memory();
    Ft_ssize n = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + len;
    while (p < end) {
        uint32_t ch = *p;
        int extra = ch < 0x80 ? 0 : ch < 0xE0 ? 1 : ch < 0xF0 ? 2 : 3;
        if (extra > 0)
            ch &= (uint32_t)(0x3F >> extra);
        p++;
        for (int k = 0; k < extra && p < end; k++, p++)
            ch = (ch << 6) | (*p & 0x3F);
        cps[n++] = ch;
    }
    FtObject *r = ft_str_from_code_points_ref(cps, n);
    mi_free(cps);
    return r;
}

FtObject *
ft_cg_constant_ref(FtCompiler *c, const FtAstConstant *value)
{
    (void)c;
    switch (value->kind) {
    case FT_AST_CONST_NONE:
        return ft_none_ref();
    case FT_AST_CONST_TRUE:
        return FT_TRUE;
    case FT_AST_CONST_FALSE:
        return FT_FALSE;
    case FT_AST_CONST_ELLIPSIS:
        return FT_ELLIPSIS;
    case FT_AST_CONST_INT: {
        FtBigInt big;
        FtNumError err;
        memset(&err, 0, sizeof err);
        if (ft_bigint_from_string(&big, value->data, value->len, 10, 0, &err) < 0)
            return ft_int_raise_num_error(&err);
        return ft_int_from_bigint_steal(&big);
    }
    case FT_AST_CONST_FLOAT:
        return ft_float_from_double_ref(value->number);
    case FT_AST_CONST_COMPLEX:
        return ft_complex_from_doubles_ref(0.0, value->number);
    case FT_AST_CONST_STR:
        return ft_cg_str_from_utf8_ref(value->data, value->len);
    case FT_AST_CONST_BYTES:
        return ft_bytes_from_data_ref(value->data, (Ft_ssize)value->len);
    }
    ft_error_set_string(&ft_exc_system_error, "unknown AST constant kind");
    return NULL;
}

bool
ft_cg_is_function_like(const FtSymtableEntry *ste)
{
    return ste->type == FT_SYMTABLE_BLOCK_FUNCTION || ste->type == FT_SYMTABLE_BLOCK_ANNOTATION
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_VARIABLE
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_ALIAS
           || ste->type == FT_SYMTABLE_BLOCK_TYPE_PARAMETERS;
}

static int
compare_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static bool
is_implicit_class_cell(const FtSymtableEntry *ste, const char *name)
{
    return (ste->needs_class_closure && strcmp(name, "__class__") == 0)
           || (ste->needs_classdict && strcmp(name, "__classdict__") == 0)
           || (ste->has_conditional_annotations
               && strcmp(name, "__conditional_annotations__") == 0);
}

// The names of ste's symbols whose scope is `scope` or which carry `flag`, sorted, into dict with
// indices from offset (CPython's dictbytype).
static int
dict_by_type(FtObject *dict, const FtSymtableEntry *ste, int scope, long flag, int offset)
{
    if (ste->symbol_count == 0)
        return 0;
    const char **names = mi_malloc((size_t)ste->symbol_count * sizeof(char *));
    if (names == NULL) {
        ft_error_no_memory();
        return -1;
    }
    ptrdiff_t n = 0;
    for (ptrdiff_t i = 0; i < ste->symbol_count; i++) {
        const FtSymtableSymbol *sym = &ste->symbols[i];
        if (sym->removed)
            continue;
        long s = (sym->flags >> FT_SYMTABLE_SCOPE_OFFSET) & FT_SYMTABLE_SCOPE_MASK;
        if (s == scope || (sym->flags & flag) != 0) {
            if (scope == FT_SYMTABLE_CELL && is_implicit_class_cell(ste, sym->name))
                continue;
            names[n++] = sym->name;
        }
    }
    qsort(names, (size_t)n, sizeof(char *), compare_cstr);
    int rc = 0;
    for (ptrdiff_t i = 0; i < n && rc == 0; i++) {
        FtObject *key = ft_str_from_cstr_ref(names[i]);
        FtObject *v = key != NULL ? ft_int_from_int64_ref(offset + i) : NULL;
        if (v == NULL || ft_dict_set_item(dict, key, v) < 0)
            rc = -1;
        ft_xdecref(key);
        ft_xdecref(v);
    }
    mi_free(names);
    return rc;
}

static int
init_metadata(FtCgUnit *u, const char *name, const FtCodeUnitMetadata *umd, int lineno)
{
    FtCodeUnitMetadata *md = &u->metadata;
    md->name = ft_str_from_cstr_ref(name);
    md->consts = ft_dict_new_ref();
    md->names = ft_dict_new_ref();
    md->varnames = ft_dict_new_ref();
    md->cellvars = ft_dict_new_ref();
    md->freevars = ft_dict_new_ref();
    md->fasthidden = ft_dict_new_ref();
    u->const_list = ft_list_new_ref(0);
    if (md->name == NULL || md->consts == NULL || md->names == NULL || md->varnames == NULL
        || md->cellvars == NULL || md->freevars == NULL || md->fasthidden == NULL
        || u->const_list == NULL)
        return -1;
    if (umd != NULL) {
        md->argcount = umd->argcount;
        md->posonlyargcount = umd->posonlyargcount;
        md->kwonlyargcount = umd->kwonlyargcount;
    }
    md->firstlineno = lineno;
    const FtSymtableEntry *ste = u->ste;
    for (ptrdiff_t i = 0; i < ste->varname_count; i++)
        RETURN_IF_ERROR(ft_cg_dict_add_name(md->varnames, ste->varnames[i]));
    RETURN_IF_ERROR(dict_by_type(md->cellvars, ste, FT_SYMTABLE_CELL, FT_SYMTABLE_DEF_COMP_CELL, 0));
    if (ste->needs_class_closure)
        RETURN_IF_ERROR(ft_cg_dict_add_name(md->cellvars, "__class__"));
    if (ste->needs_classdict)
        RETURN_IF_ERROR(ft_cg_dict_add_name(md->cellvars, "__classdict__"));
    if (ste->has_conditional_annotations)
        RETURN_IF_ERROR(ft_cg_dict_add_name(md->cellvars, "__conditional_annotations__"));
    RETURN_IF_ERROR(dict_by_type(md->freevars, ste, FT_SYMTABLE_FREE, FT_SYMTABLE_DEF_FREE_CLASS,
                                 (int)ft_dict_size(md->cellvars)));
    if (u->scope == FT_CG_SCOPE_CLASS) {
        u->static_attributes = ft_dict_new_ref();
        if (u->static_attributes == NULL)
            return -1;
    }
    return 0;
}

static FtObject *
concat3_ref(FtObject *a, const char *mid, FtObject *b)
{
    return ft_str_from_format_ref("%s%s%s", ft_str_as_utf8(a, NULL), mid, ft_str_as_utf8(b, NULL));
}

// CPython's compiler_set_qualname: names defined in functions get "<locals>", names declared
// global get no prefix, and the annotation scope around a generic definition is skipped.
static int
set_qualname(FtCompiler *c, FtCgUnit *u)
{
    FtCgUnit *parent = u->parent;
    FtObject *base = NULL;
    if (parent != NULL && parent->parent != NULL) {
        if (parent->scope == FT_CG_SCOPE_ANNOTATIONS) {
            if (parent->parent->parent == NULL) {
                ft_incref(u->metadata.name);
                u->metadata.qualname = u->metadata.name;
                return 0;
            }
            parent = parent->parent;
        }
        bool force_global = false;
        if (u->scope == FT_CG_SCOPE_FUNCTION || u->scope == FT_CG_SCOPE_ASYNC_FUNCTION
            || u->scope == FT_CG_SCOPE_CLASS) {
            const char *name = ft_str_as_utf8(u->metadata.name, NULL);
            const char *mangled = name;
            if (parent->private_name != NULL) {
                mangled = ft_symtable_mangle(ft_str_as_utf8(parent->private_name, NULL), name,
                                             c->arena);
                if (mangled == NULL) {
                    ft_error_no_memory();
                    return -1;
                }
            }
            if (ft_symtable_get_scope(parent->ste, mangled) == FT_SYMTABLE_GLOBAL_EXPLICIT)
                force_global = true;
        }
        if (!force_global) {
            if (parent->scope == FT_CG_SCOPE_FUNCTION || parent->scope == FT_CG_SCOPE_ASYNC_FUNCTION
                || parent->scope == FT_CG_SCOPE_LAMBDA) {
                base = ft_str_from_format_ref("%s.<locals>",
                                              ft_str_as_utf8(parent->metadata.qualname, NULL));
                if (base == NULL)
                    return -1;
            }
            else {
                ft_incref(parent->metadata.qualname);
                base = parent->metadata.qualname;
            }
        }
    }
    if (base != NULL) {
        u->metadata.qualname = concat3_ref(base, ".", u->metadata.name);
        ft_decref(base);
        return u->metadata.qualname != NULL ? 0 : -1;
    }
    ft_incref(u->metadata.name);
    u->metadata.qualname = u->metadata.name;
    return 0;
}

static void
unit_free(FtCgUnit *u)
{
    ft_instr_sequence_fini(&u->seq);
    ft_code_unit_metadata_clear(&u->metadata);
    ft_xdecref(u->private_name);
    ft_xdecref(u->static_attributes);
    ft_xdecref(u->deferred_annotations);
    ft_xdecref(u->conditional_annotation_indices);
    ft_xdecref(u->const_list);
    mi_free(u);
}

int
ft_cg_enter_scope(FtCompiler *c, const char *name, FtCgScope scope, const void *key, int lineno,
                  FtObject *private_name, const FtCodeUnitMetadata *umd)
{
    FtSymtableEntry *ste = scope == FT_CG_SCOPE_MODULE ? c->st->top : ft_symtable_lookup(c->st, key);
    if (ste == NULL) {
        ft_error_format(&ft_exc_system_error, "no symbol table entry for scope '%s'", name);
        return -1;
    }
    FtCgUnit *u = mi_zalloc(sizeof(FtCgUnit));
    if (u == NULL) {
        ft_error_no_memory();
        return -1;
    }
    ft_instr_sequence_init(&u->seq);
    u->ste = ste;
    u->scope = scope;
    if (private_name != NULL) {
        ft_incref(private_name);
        u->private_name = private_name;
    }
    else if (c->u != NULL && c->u->private_name != NULL) {
        ft_incref(c->u->private_name);
        u->private_name = c->u->private_name;
    }
    u->parent = c->u;
    if (init_metadata(u, name, umd, lineno) < 0 || set_qualname(c, u) < 0) {
        unit_free(u);
        return -1;
    }
    c->u = u;
    c->nesting++;
    FtLocation loc = {lineno, lineno, 0, 0};
    if (scope == FT_CG_SCOPE_MODULE)
        loc.lineno = 0;
    RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_RESUME, 0));
    if (scope == FT_CG_SCOPE_MODULE)
        RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_ANNOTATIONS_PLACEHOLDER));
    return 0;
}

void
ft_cg_exit_scope(FtCompiler *c)
{
    FtCgUnit *u = c->u;
    if (u == NULL)
        return;
    c->u = u->parent;
    c->nesting--;
    unit_free(u);
}

int
ft_cg_compute_code_flags(FtCompiler *c)
{
    const FtSymtableEntry *ste = c->u->ste;
    int flags = 0;
    if (ft_cg_is_function_like(ste)) {
        flags |= FT_CO_NEWLOCALS | FT_CO_OPTIMIZED;
        if (ste->nested)
            flags |= FT_CO_NESTED;
        if (ste->generator && !ste->coroutine)
            flags |= FT_CO_GENERATOR;
        if (ste->generator && ste->coroutine)
            flags |= FT_CO_ASYNC_GENERATOR;
        if (ste->varargs)
            flags |= FT_CO_VARARGS;
        if (ste->varkeywords)
            flags |= FT_CO_VARKEYWORDS;
        if (ste->has_docstring && c->optimize < 2)
            flags |= FT_CO_HAS_DOCSTRING;
        if (ste->method)
            flags |= FT_CO_METHOD;
    }
    if (ste->coroutine && !ste->generator)
        flags |= FT_CO_COROUTINE;
    flags |= c->flags & FUTURE_FLAGS_MASK;
    return flags;
}

int
ft_cg_get_ref_type(FtCompiler *c, const char *name)
{
    if (c->u->scope == FT_CG_SCOPE_CLASS
        && (strcmp(name, "__class__") == 0 || strcmp(name, "__classdict__") == 0
            || strcmp(name, "__conditional_annotations__") == 0))
        return FT_SYMTABLE_CELL;
    int scope = ft_symtable_get_scope(c->u->ste, name);
    if (scope == 0)
        ft_error_format(&ft_exc_system_error, "unknown scope for %s in %s", name,
                        ft_str_as_utf8(c->u->metadata.name, NULL));
    return scope;
}

// The names of a str -> index dict, by index - base (borrowed from the dict); count in *n.
static FtObject **
names_by_index(FtObject *dict, Ft_ssize base, Ft_ssize *n)
{
    Ft_ssize size = ft_dict_size(dict);
    FtObject **out = mi_zalloc((size_t)(size + 1) * sizeof(FtObject *));
    if (out == NULL)
        return NULL;
    Ft_ssize pos = 0;
    FtObject *k, *v;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(dict);
    while (ft_dict_next(dict, &pos, &k, &v)) {
        int64_t i = -1;
        ft_bigint_to_int64(ft_int_value_borrow(v), &i);
        if (i - base >= 0 && i - base < size)
            out[i - base] = k;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    *n = size;
    return out;
}

static bool
is_jump_or_setup(int opcode)
{
    return ft_opcode_has_jump(opcode) || opcode == FT_OP_SETUP_FINALLY
           || opcode == FT_OP_SETUP_CLEANUP || opcode == FT_OP_SETUP_WITH;
}

static int
listing_name(FtAstBuf *buf, FtObject **names, Ft_ssize n, Ft_ssize i)
{
    if (names == NULL || i < 0 || i >= n || names[i] == NULL)
        return ft_ast_buf_printf(buf, " ?%lld", (long long)i);
    return ft_ast_buf_printf(buf, " %s", ft_str_as_utf8(names[i], NULL));
}

static int
listing_const(FtAstBuf *buf, FtObject *value)
{
    if (ft_tuple_check(value) && ft_tuple_size(value) == 3
        && ft_str_check(ft_tuple_get_item_borrow(value, 0))
        && ft_tuple_check(ft_tuple_get_item_borrow(value, 1))) {
        const char *s = ft_str_as_utf8(ft_tuple_get_item_borrow(value, 0), NULL);
        if (strncmp(s, "<code ", 6) == 0)
            return ft_ast_buf_printf(buf, " %s", s);
    }
    if (ft_code_check(value))
        return ft_ast_buf_printf(buf, " <code %s>",
                                 ft_str_as_utf8(((FtCodeObject *)value)->co_qualname, NULL));
    FtObject *r = ft_object_repr_ref(value);
    if (r == NULL)
        return -1;
    int rc = ft_ast_buf_printf(buf, " %s", ft_str_as_utf8(r, NULL));
    ft_decref(r);
    return rc;
}

static int listing_const(FtAstBuf *buf, FtObject *value);

// One instruction of a raw listing; LOAD_CONST ends with " = <repr of the constant>".
static int
list_raw_instr(FtCgUnit *u, const FtInstrSequence *seq, const FtInstr *in, FtAstBuf *buf)
{
    if (ft_ast_buf_printf(buf, "  %s", ft_opcode_name(in->opcode)) < 0)
        return -1;
    if (ft_opcode_has_arg(in->opcode)) {
        int arg = in->oparg;
        if (is_jump_or_setup(in->opcode))
            arg = arg >= 0 && arg < seq->label_count ? seq->label_map[arg] : -1;
        if (ft_ast_buf_printf(buf, " %d", arg) < 0)
            return -1;
    }
    if (ft_ast_buf_printf(buf, " @%d,%d,%d,%d", in->loc.lineno, in->loc.end_lineno,
                          in->loc.col_offset, in->loc.end_col_offset) < 0)
        return -1;
    if (in->opcode == FT_OP_LOAD_CONST && in->oparg >= 0 && in->oparg < ft_list_size(u->const_list)) {
        FtObject *value = ft_list_get_item_ref(u->const_list, in->oparg);
        int rc = value != NULL && ft_ast_buf_printf(buf, " =") == 0 ? listing_const(buf, value) : -1;
        ft_xdecref(value);
        if (rc < 0)
            return -1;
    }
    return ft_ast_buf_printf(buf, "\n");
}

static int
list_unit_sequence(FtCgUnit *u, const FtInstrSequence *seq, FtAstBuf *buf, bool raw)
{
    if (raw) {
        for (int i = 0; i < seq->count; i++)
            if (list_raw_instr(u, seq, &seq->instrs[i], buf) < 0) {
                ft_error_no_memory();
                return -1;
            }
        return 0;
    }
    Ft_ssize nn = 0, nv = 0, nc = 0, nf = 0;
    FtObject **names = names_by_index(u->metadata.names, 0, &nn);
    FtObject **vars = names_by_index(u->metadata.varnames, 0, &nv);
    FtObject **cells = names_by_index(u->metadata.cellvars, 0, &nc);
    FtObject **frees = names_by_index(u->metadata.freevars, nc, &nf);
    int rc = 0;
    for (int i = 0; i <= seq->count && rc == 0; i++) {
        for (int l = 0; l < seq->label_count && rc == 0; l++)
            if (seq->label_map[l] == i)
                rc = ft_ast_buf_printf(buf, "L%d:\n", l);
        if (i == seq->count || rc < 0)
            break;
        const FtInstr *in = &seq->instrs[i];
        rc = ft_ast_buf_printf(buf, "  %s", ft_opcode_name(in->opcode));
        if (rc < 0 || !ft_opcode_has_arg(in->opcode))
            goto next;
        if (is_jump_or_setup(in->opcode)) {
            rc = ft_ast_buf_printf(buf, " L%d", in->oparg);
        }
        else if (in->opcode == FT_OP_LOAD_CONST) {
            FtObject *value = in->oparg >= 0 && in->oparg < ft_list_size(u->const_list)
                                  ? ft_list_get_item_ref(u->const_list, in->oparg)
                                  : NULL;
            rc = value != NULL ? listing_const(buf, value) : ft_ast_buf_printf(buf, " ?");
            ft_xdecref(value);
        }
        else if (in->opcode == FT_OP_LOAD_ATTR || in->opcode == FT_OP_LOAD_GLOBAL) {
            rc = listing_name(buf, names, nn, in->oparg >> 1);
            if (rc == 0 && (in->oparg & 1))
                rc = ft_ast_buf_printf(buf, " +1");
        }
        else if (in->opcode == FT_OP_LOAD_SUPER_ATTR) {
            rc = listing_name(buf, names, nn, in->oparg >> 2);
            if (rc == 0)
                rc = ft_ast_buf_printf(buf, " +%d", in->oparg & 3);
        }
        else if (ft_opcode_has_name(in->opcode)) {
            rc = listing_name(buf, names, nn, in->oparg);
        }
        else if (in->opcode == FT_OP_LOAD_DEREF || in->opcode == FT_OP_STORE_DEREF
                 || in->opcode == FT_OP_DELETE_DEREF || in->opcode == FT_OP_LOAD_FROM_DICT_OR_DEREF
                 || in->opcode == FT_OP_LOAD_CLOSURE || in->opcode == FT_OP_MAKE_CELL) {
            if (in->oparg < nc)
                rc = listing_name(buf, cells, nc, in->oparg);
            else
                rc = listing_name(buf, frees, nf, in->oparg - nc);
        }
        else if (ft_opcode_has_local(in->opcode)) {
            rc = listing_name(buf, vars, nv, in->oparg);
        }
        else {
            rc = ft_ast_buf_printf(buf, " %d", in->oparg);
        }
    next:
        if (rc == 0)
            rc = ft_ast_buf_printf(buf, "\n");
    }
    mi_free(names);
    mi_free(vars);
    mi_free(cells);
    mi_free(frees);
    if (rc < 0)
        ft_error_no_memory();
    return rc;
}

// ft_cg_optimize_and_assemble in listing mode: appends the unit's listing and returns the stand-in.
static FtObject *
listing_placeholder_ref(FtCompiler *c, int flags)
{
    FtCgUnit *u = c->u;
    FtAstBuf *buf = c->listing;
    size_t start = buf->len;
    // The module's __annotate__ is marked: CPython's compiler_codegen does not report that unit.
    bool module_annotate = u->ste == ft_symtable_lookup(c->st, (const char *)c->st->top + 1);
    if (ft_ast_buf_printf(buf, "== %s flags=0x%x argcount=%d posonly=%d kwonly=%d%s\n",
                          ft_str_as_utf8(u->metadata.qualname, NULL), (unsigned)flags,
                          u->metadata.argcount, u->metadata.posonlyargcount,
                          u->metadata.kwonlyargcount, module_annotate ? " module-annotate" : "") < 0) {
        ft_error_no_memory();
        return NULL;
    }
    if (u->seq.annotations != NULL) {
        if (ft_ast_buf_printf(buf, "-- annotations:\n") < 0
            || list_unit_sequence(u, u->seq.annotations, buf, c->listing_raw) < 0
            || ft_ast_buf_printf(buf, "-- body:\n") < 0)
            return NULL;
    }
    if (list_unit_sequence(u, &u->seq, buf, c->listing_raw) < 0)
        return NULL;
    // The stand-in for the code object: ("<code QUALNAME>", (freevar names in localsplus order),
    // the unit's listing).
    // freevars indices start after the cellvars (CPython's dictbytype offset).
    Ft_ssize nf = ft_dict_size(u->metadata.freevars);
    Ft_ssize nc = ft_dict_size(u->metadata.cellvars);
    FtObject *fv = ft_tuple_new_ref(nf);
    FtObject *label = ft_str_from_format_ref("<code %s>", ft_str_as_utf8(u->metadata.qualname, NULL));
    FtObject **ordered = mi_zalloc((size_t)(nf + 1) * sizeof(FtObject *));
    if (fv == NULL || label == NULL || ordered == NULL) {
        ft_xdecref(fv);
        ft_xdecref(label);
        mi_free(ordered);
        return ordered == NULL ? ft_error_no_memory() : NULL;
    }
    Ft_ssize pos = 0;
    FtObject *key, *v;
    FtObject *dict = u->metadata.freevars;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(dict);
    while (ft_dict_next(dict, &pos, &key, &v)) {
        int64_t i = -1;
        ft_bigint_to_int64(ft_int_value_borrow(v), &i);
        if (i - nc >= 0 && i - nc < nf)
            ordered[i - nc] = key;
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    for (Ft_ssize k = 0; k < nf; k++) {
        FtObject *name = ordered[k];
        if (name != NULL)
            ft_incref(name);
        else
            name = ft_str_empty_ref();
        ft_tuple_set_item_steal_unlocked(fv, k, name);
    }
    mi_free(ordered);
    // The unit's listing as its identity: units with equal code share one constant, as equal
    // code objects do in CPython.
    FtObject *identity = ft_str_from_utf8_ref(buf->data + start, (Ft_ssize)(buf->len - start));
    FtObject *r = identity != NULL ? ft_tuple_pack_ref(3, label, fv, identity) : NULL;
    ft_xdecref(identity);
    ft_decref(label);
    ft_decref(fv);
    return r;
}

FtObject *
ft_cg_optimize_and_assemble(FtCompiler *c, bool add_none)
{
    int flags = ft_cg_compute_code_flags(c);
    if (add_none && ft_cg_addop_load_none(c, FT_NO_LOCATION) < 0)
        return NULL;
    if (ft_cg_addop(c, FT_NO_LOCATION, FT_OP_RETURN_VALUE) < 0)
        return NULL;
    if (c->listing != NULL)
        return listing_placeholder_ref(c, flags);
    return ft_assemble_code_ref(&c->u->seq, &c->u->metadata, c->filename, flags);
}

// The free variable names of a code object (or of a listing's stand-in), borrowed through *names
// with their count; the tuple holding them is returned (borrowed).
static int
code_freevars(FtObject *code, FtObject **tuple, Ft_ssize *first, Ft_ssize *count)
{
    if (ft_code_check(code)) {
        FtCodeObject *co = (FtCodeObject *)code;
        *tuple = co->co_localsplusnames;
        *count = co->co_nfreevars;
        *first = co->co_nlocalsplus - co->co_nfreevars;
        return 0;
    }
    if (ft_tuple_check(code) && ft_tuple_size(code) == 3) {
        *tuple = ft_tuple_get_item_borrow(code, 1);
        *first = 0;
        *count = ft_tuple_size(*tuple);
        return 0;
    }
    ft_error_set_string(&ft_exc_system_error, "make_closure: not a code object");
    return -1;
}

int
ft_cg_make_closure(FtCompiler *c, FtLocation loc, FtObject *code, int flags)
{
    FtObject *names;
    Ft_ssize first, count;
    RETURN_IF_ERROR(code_freevars(code, &names, &first, &count));
    if (count > 0) {
        for (Ft_ssize i = first; i < first + count; i++) {
            const char *name = ft_str_as_utf8(ft_tuple_get_item_borrow(names, i), NULL);
            int reftype = ft_cg_get_ref_type(c, name);
            RETURN_IF_ERROR(reftype);
            int arg = ft_cg_dict_lookup_name(reftype == FT_SYMTABLE_CELL ? c->u->metadata.cellvars
                                                                  : c->u->metadata.freevars,
                                       name);
            if (arg < 0) {
                ft_error_format(&ft_exc_system_error,
                                "compiler_lookup_arg(name='%s') with reftype=%d failed in %s", name,
                                reftype, ft_str_as_utf8(c->u->metadata.name, NULL));
                return -1;
            }
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_CLOSURE, arg));
        }
        flags |= FT_FUNCTION_ATTR_CLOSURE;
        RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_BUILD_TUPLE, (int)count));
    }
    RETURN_IF_ERROR(ft_cg_addop_load_const(c, loc, code));
    RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_MAKE_FUNCTION));
    static const int order[] = {FT_FUNCTION_ATTR_CLOSURE, FT_FUNCTION_ATTR_ANNOTATIONS,
                                FT_FUNCTION_ATTR_ANNOTATE, FT_FUNCTION_ATTR_KWDEFAULTS,
                                FT_FUNCTION_ATTR_DEFAULTS};
    for (size_t i = 0; i < sizeof order / sizeof order[0]; i++)
        if (flags & order[i])
            RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_SET_FUNCTION_ATTRIBUTE, order[i]));
    return 0;
}

int
ft_cg_nameop(FtCompiler *c, FtLocation loc, const char *name, int ctx)
{
    if (ctx == FT_AST_EXPR_CONTEXT_LOAD && strcmp(name, "__debug__") == 0)
        return ft_cg_addop_load_const(c, loc, ft_bool_from(c->optimize == 0));
    const char *mangled = ft_cg_mangle(c, name);
    if (mangled == NULL)
        return -1;
    FtCgUnit *u = c->u;
    const FtSymtableEntry *ste = u->ste;
    int scope = ft_symtable_get_scope(ste, mangled);
    enum { OP_NAME, OP_FAST, OP_DEREF, OP_GLOBAL } optype = OP_NAME;
    FtObject *dict = u->metadata.names;
    switch (scope) {
    case FT_SYMTABLE_FREE:
        dict = u->metadata.freevars;
        optype = OP_DEREF;
        break;
    case FT_SYMTABLE_CELL:
        dict = u->metadata.cellvars;
        optype = OP_DEREF;
        break;
    case FT_SYMTABLE_LOCAL:
        if (ft_cg_is_function_like(ste)) {
            optype = OP_FAST;
        }
        else {
            FtObject *item;
            int r = ft_dict_get_item_str_ref(u->metadata.fasthidden, mangled, &item);
            RETURN_IF_ERROR(r);
            if (r > 0) {
                if (item == FT_TRUE)
                    optype = OP_FAST;
                ft_decref(item);
            }
        }
        break;
    case FT_SYMTABLE_GLOBAL_IMPLICIT:
        if (ft_cg_is_function_like(ste))
            optype = OP_GLOBAL;
        break;
    case FT_SYMTABLE_GLOBAL_EXPLICIT:
        optype = OP_GLOBAL;
        break;
    default:
        break;
    }
    int op = 0;
    bool in_class = ste->type == FT_SYMTABLE_BLOCK_CLASS;
    switch (optype) {
    case OP_FAST: {
        op = ctx == FT_AST_EXPR_CONTEXT_LOAD    ? FT_OP_LOAD_FAST
             : ctx == FT_AST_EXPR_CONTEXT_STORE ? FT_OP_STORE_FAST
                                                : FT_OP_DELETE_FAST;
        int arg = ft_cg_dict_add_name(u->metadata.varnames, mangled);
        RETURN_IF_ERROR(arg);
        return ft_cg_addop_i(c, loc, op, arg);
    }
    case OP_DEREF:
        if (ctx == FT_AST_EXPR_CONTEXT_LOAD) {
            if (in_class && u->in_inlined_comp == 0) {
                op = FT_OP_LOAD_FROM_DICT_OR_DEREF;
                RETURN_IF_ERROR(ft_cg_addop(c, loc, FT_OP_LOAD_LOCALS));
            }
            else if (ste->can_see_class_scope) {
                op = FT_OP_LOAD_FROM_DICT_OR_DEREF;
                int cd = ft_cg_dict_add_name(u->metadata.freevars, "__classdict__");
                RETURN_IF_ERROR(cd);
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_DEREF, cd));
            }
            else {
                op = FT_OP_LOAD_DEREF;
            }
        }
        else {
            op = ctx == FT_AST_EXPR_CONTEXT_STORE ? FT_OP_STORE_DEREF : FT_OP_DELETE_DEREF;
        }
        break;
    case OP_GLOBAL:
        if (ctx == FT_AST_EXPR_CONTEXT_LOAD) {
            if (ste->can_see_class_scope && scope == FT_SYMTABLE_GLOBAL_IMPLICIT) {
                op = FT_OP_LOAD_FROM_DICT_OR_GLOBALS;
                int cd = ft_cg_dict_add_name(u->metadata.freevars, "__classdict__");
                RETURN_IF_ERROR(cd);
                RETURN_IF_ERROR(ft_cg_addop_i(c, loc, FT_OP_LOAD_DEREF, cd));
            }
            else {
                op = FT_OP_LOAD_GLOBAL;
            }
        }
        else {
            op = ctx == FT_AST_EXPR_CONTEXT_STORE ? FT_OP_STORE_GLOBAL : FT_OP_DELETE_GLOBAL;
        }
        break;
    case OP_NAME:
        if (ctx == FT_AST_EXPR_CONTEXT_LOAD)
            op = in_class && u->in_inlined_comp > 0 ? FT_OP_LOAD_GLOBAL : FT_OP_LOAD_NAME;
        else
            op = ctx == FT_AST_EXPR_CONTEXT_STORE ? FT_OP_STORE_NAME : FT_OP_DELETE_NAME;
        break;
    }
    int arg = ft_cg_dict_add_name(dict, mangled);
    RETURN_IF_ERROR(arg);
    if (op == FT_OP_LOAD_GLOBAL)
        arg <<= 1;
    return ft_cg_addop_i(c, loc, op, arg);
}


// programs/ftpy_dis.c: `ftpy-dis FILE...` compiles each file as a module and prints, for its code
// object and every nested one (depth first, in co_consts order), a canonical text of the fields the
// bytecode comparison needs. scripts/compare_bytecode.py prints the same text from CPython 3.14 and
// diffs the two.
//
// `ftpy-dis --assemble DUMP` instead reads code units the oracle's own code generator produced
// (written by compare_bytecode.py --via-oracle-codegen: metadata, constants, instructions) and runs
// only ftpy's flowgraph optimizer and assembler on each, printing each unit's text without its
// nested units: this checks compiler/flowgraph.c and compiler/assemble.c on any corpus.
//
// Owns: the canonical text format (one "code QUALNAME" header, then "  field: value" lines: name,
// flags, argcounts, stacksize, firstlineno, code (hex), consts (reprs, code objects as <code NAME>),
// names, localsplusnames, localspluskinds (hex), linetable (hex), exceptiontable (hex)).
// Concurrency: single-threaded tool; one attached thread state.
#include <stdio.h>    // printf fprintf fgets
#include <stdlib.h>   // strtol strtoll strtoull qsort
#include <string.h>   // strcmp strncmp memcpy

#include <mimalloc.h>   // mi_calloc mi_free

#include "compiler/assemble.h"     // ft_assemble_code_ref ft_compile_const_key_ref
#include "compiler/compile.h"      // ft_compile_source_ref
#include "eval/opcode.h"           // ft_opcode_is_valid
#include "objects/dict.h"          // ft_dict_*
#include "objects/float.h"         // ft_float_from_double_ref
#include "objects/int.h"           // ft_int_*
#include "objects/complex.h"       // ft_complex_from_doubles_ref
#include "objects/set.h"           // ft_frozenset_new_ref
#include "objects/slice.h"         // ft_slice_new_ref
#include "objects/abstract.h"      // ft_sequence_tuple_ref
#include "objects/list.h"          // ft_list_*
#include "objects/bytes.h"         // ft_bytes_*
#include "objects/code.h"          // FtCodeObject ft_code_*
#include "objects/error.h"         // ft_error_* FtSyntaxErrorObject ft_exc_syntax_error
#include "objects/object.h"        // ft_objects_init ft_object_repr_ref
#include "objects/str.h"           // ft_str_*
#include "objects/tuple.h"         // ft_tuple_*
#include "objects/type.h"          // ft_type_is_subtype
#include "programs/tool_support.h" // ft_tool_read_file
#include "runtime/thread_state.h"  // ft_runtime_init ft_thread_*

static void
print_hex(const char *field, FtObject *bytes)
{
    const unsigned char *d = (const unsigned char *)ft_bytes_data(bytes);
    printf("  %s: ", field);
    for (Ft_ssize i = 0; i < ft_bytes_size(bytes); i++)
        printf("%02x", d[i]);
    printf("\n");
}

static void
print_repr(FtObject *op)
{
    FtObject *r = ft_object_repr_ref(op);
    if (r == NULL) {
        ft_error_clear();
        printf("<repr failed>");
        return;
    }
    printf("%s", ft_str_as_utf8(r, NULL));
    ft_decref(r);
}

static int
compare_cstr(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

// A frozenset with its items' reprs sorted: its iteration order follows the string hash, whose
// key differs between ftpy and the oracle (and between oracle runs).
static void
print_frozenset(FtObject *fs)
{
    FtObject *t = ft_sequence_tuple_ref(fs);
    Ft_ssize n = t != NULL ? ft_tuple_size(t) : 0;
    FtObject **reprs = mi_calloc((size_t)n + 1, sizeof(FtObject *));
    const char **texts = mi_calloc((size_t)n + 1, sizeof(char *));
    if (t == NULL || reprs == NULL || texts == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        FtObject *msg = exc != NULL ? ft_object_str_ref(exc) : NULL;
        printf("<frozenset repr failed: %s>", msg != NULL ? ft_str_as_utf8(msg, NULL) : "?");
        ft_xdecref(msg);
        ft_xdecref(exc);
    } else {
        for (Ft_ssize i = 0; i < n; i++) {
            reprs[i] = ft_object_repr_ref(ft_tuple_get_item_borrow(t, i));
            texts[i] = reprs[i] != NULL ? ft_str_as_utf8(reprs[i], NULL) : "?";
        }
        qsort(texts, (size_t)n, sizeof(char *), compare_cstr);
        printf(n == 0 ? "frozenset()" : "frozenset({");
        for (Ft_ssize i = 0; i < n; i++)
            printf("%s%s", i ? ", " : "", texts[i]);
        printf(n == 0 ? "" : "})");
        for (Ft_ssize i = 0; i < n; i++)
            ft_xdecref(reprs[i]);
    }
    ft_error_clear();
    mi_free(reprs);
    mi_free(texts);
    ft_xdecref(t);
}

// co_code with the specialized instructions shown as their base (the co_code attribute).
static void
print_code(FtCodeObject *co)
{
    FtObject *code = ft_object_get_attr_cstr_ref((FtObject *)co, "co_code");
    if (code == NULL) {
        ft_error_clear();
        printf("  code: <unavailable>\n");
        return;
    }
    print_hex("code", code);
    ft_decref(code);
}

static void
print_code_object_fields(FtCodeObject *co)
{
    printf("code %s\n", ft_str_as_utf8(co->co_qualname, NULL));
    printf("  name: %s\n", ft_str_as_utf8(co->co_name, NULL));
    printf("  flags: %d\n", co->co_flags);
    printf("  argcount: %d posonlyargcount: %d kwonlyargcount: %d\n", co->co_argcount,
           co->co_posonlyargcount, co->co_kwonlyargcount);
    printf("  stacksize: %d\n", co->co_stacksize);
    printf("  firstlineno: %d\n", co->co_firstlineno);
    print_code(co);
    printf("  consts: (");
    Ft_ssize n = ft_tuple_size(co->co_consts);
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *c = ft_tuple_get_item_borrow(co->co_consts, i);
        if (i > 0)
            printf(", ");
        if (ft_code_check(c))
            printf("<code %s>", ft_str_as_utf8(((FtCodeObject *)c)->co_name, NULL));
        else if (ft_object_is_exact(c, &ft_frozenset_type))
            print_frozenset(c);
        else
            print_repr(c);
    }
    printf(n == 1 ? ",)\n" : ")\n");
    printf("  names: ");
    print_repr(co->co_names);
    printf("\n  localsplusnames: ");
    print_repr(co->co_localsplusnames);
    printf("\n");
    print_hex("localspluskinds", co->co_localspluskinds);
    print_hex("linetable", co->co_linetable);
    print_hex("exceptiontable", co->co_exceptiontable);
}

static void
print_code_object(FtCodeObject *co)
{
    print_code_object_fields(co);
    Ft_ssize n = ft_tuple_size(co->co_consts);
    for (Ft_ssize i = 0; i < n; i++) {
        FtObject *c = ft_tuple_get_item_borrow(co->co_consts, i);
        if (ft_code_check(c))
            print_code_object((FtCodeObject *)c);
    }
}

// Prints a SyntaxError (or subclass) as ftpy-ast does for the parser's errors:
// `CLASS: MSG (LINE, OFFSET, END_LINE, END_OFFSET)`, each position as repr() gives it (None when unset),
// so that scripts/compare_syntax_errors.py can check the errors found after parsing too.
static void
print_syntax_error(FtObject *exc)
{
    FtSyntaxErrorObject *se = (FtSyntaxErrorObject *)exc;
    FtObject *fields[5] = {se->msg, se->lineno, se->offset, se->end_lineno, se->end_offset};
    const char *text[5];
    FtObject *strs[5] = {NULL};
    for (int i = 0; i < 5; i++) {
        FtObject *v = fields[i] != NULL ? fields[i] : FT_NONE;
        strs[i] = i == 0 ? ft_object_str_ref(v) : ft_object_repr_ref(v);
        text[i] = strs[i] != NULL ? ft_str_as_utf8(strs[i], NULL) : "?";
    }
    ft_error_clear();
    const char *name = strrchr(exc->ob_type->tp_name, '.');
    printf("%s: %s (%s, %s, %s, %s)\n", name != NULL ? name + 1 : exc->ob_type->tp_name, text[0], text[1],
           text[2], text[3], text[4]);
    for (int i = 0; i < 5; i++)
        ft_xdecref(strs[i]);
}

// Prints one file. Returns its exit status: 0, 1 (compile error, printed), 2 (cannot read).
static int
dis_file(const char *path)
{
    size_t len = 0;
    char *src = ft_tool_read_file(path, &len);
    if (src == NULL) {
        fprintf(stderr, "ftpy-dis: cannot read %s\n", path);
        return 2;
    }
    FtObject *filename = ft_str_from_cstr_ref(path);
    FtObject *co = filename != NULL ? ft_compile_source_ref(src, (Ft_ssize)len, filename,
                                                            FT_COMPILE_EXEC, 0, 0)
                                    : NULL;
    mi_free(src);
    ft_xdecref(filename);
    if (co == NULL) {
        FtObject *exc = ft_error_fetch_ref();
        if (exc != NULL && ft_type_is_subtype(exc->ob_type, &ft_exc_syntax_error)) {
            print_syntax_error(exc);
        } else {
            FtObject *msg = exc != NULL ? ft_object_str_ref(exc) : NULL;
            printf("error: %s: %s\n", exc != NULL ? exc->ob_type->tp_name : "?",
                   msg != NULL ? ft_str_as_utf8(msg, NULL) : "");
            ft_xdecref(msg);
        }
        ft_xdecref(exc);
        return 1;
    }
    print_code_object((FtCodeObject *)co);
    ft_decref(co);
    return 0;
}

// --assemble: the oracle's code generator output through ftpy's back end.

static int
hex_digit(char c)
{
    return c >= 'a' ? c - 'a' + 10 : c - '0';
}

static FtObject *stub_code_ref(const char *name, Ft_ssize len, int firstlineno);

// A str from UTF-8 that may encode lone surrogates (Python's "surrogatepass"), as the oracle's
// constants can hold them.
static FtObject *
str_from_wtf8_ref(const char *s, Ft_ssize n)
{
    uint32_t *cps = mi_malloc(sizeof(uint32_t) * ((size_t)n + 1));
    if (cps == NULL)
        return ft_error_no_memory();
    Ft_ssize k = 0;
    const unsigned char *p = (const unsigned char *)s, *end = p + n;
    while (p < end) {
        uint32_t c = *p;
        int extra = c < 0x80 ? 0 : c < 0xe0 ? 1 : c < 0xf0 ? 2 : 3;
        c &= extra == 0 ? 0x7f : extra == 1 ? 0x1f : extra == 2 ? 0x0f : 0x07;
        p++;
        for (int i = 0; i < extra && p < end; i++, p++)
            c = (c << 6) | (*p & 0x3f);
        cps[k++] = c;
    }
    FtObject *res = ft_str_from_code_points_ref(cps, k);
    mi_free(cps);
    return res;
}

// Parses one constant written by compare_bytecode.py's encode_const() at *p. New reference or NULL.
static FtObject *
parse_const(const char **p)
{
    char tag = *(*p)++;
    char *end;
    switch (tag) {
    case 'N': return ft_none_ref();
    case 'T': return ft_new_ref(FT_TRUE);
    case 'F': return ft_new_ref(FT_FALSE);
    case 'E': return ft_new_ref(FT_ELLIPSIS);
    case 'i': {
        long long v = strtoll(*p, &end, 10);
        *p = end + 1;
        return ft_int_from_int64_ref(v);
    }
    case 'I': {
        const char *semi = strchr(*p, ';');
        if (semi == NULL)
            return NULL;
        FtObject *text = ft_str_from_utf8_ref(*p, semi - *p);
        *p = semi + 1;
        FtObject *v = text != NULL ? ft_int_from_object_ref(text) : NULL;
        ft_xdecref(text);
        return v;
    }
    case 'f':
    case 'c': {
        double d[2];
        for (int k = 0; k < (tag == 'c' ? 2 : 1); k++) {
            uint64_t bits = strtoull(*p, &end, 16);
            *p = end + 1;
            memcpy(&d[k], &bits, sizeof d[k]);
        }
        return tag == 'f' ? ft_float_from_double_ref(d[0]) : ft_complex_from_doubles_ref(d[0], d[1]);
    }
    case 's':
    case 'b':
    case 'C': {
        long stub_line = 1;
        if (tag == 'C') {   // C<unique number>,<length>:<hex name>
            stub_line = strtol(*p, &end, 10) % 1000000 + 1;
            *p = end + 1;
        }
        long n = strtol(*p, &end, 10);
        const char *h = end + 1;
        char *buf = mi_malloc((size_t)n + 1);
        if (buf == NULL)
            return NULL;
        for (long i = 0; i < n; i++)
            buf[i] = (char)(hex_digit(h[2 * i]) * 16 + hex_digit(h[2 * i + 1]));
        buf[n] = 0;
        *p = h + 2 * n;
        FtObject *v = tag == 's' ? str_from_wtf8_ref(buf, n)
                      : tag == 'b' ? ft_bytes_from_data_ref(buf, n)
                                   : stub_code_ref(buf, n, (int)stub_line);
        mi_free(buf);
        return v;
    }
    case 'S': {
        FtObject *a = parse_const(p);
        FtObject *b = a != NULL ? parse_const(p) : NULL;
        FtObject *c = b != NULL ? parse_const(p) : NULL;
        FtObject *v = c != NULL ? ft_slice_new_ref(a, b, c) : NULL;
        ft_xdecref(a);
        ft_xdecref(b);
        ft_xdecref(c);
        return v;
    }
    case '(':
    case '{': {
        FtObject *list = ft_list_new_ref(0);
        char close = tag == '(' ? ')' : '}';
        while (list != NULL && **p && **p != close) {
            FtObject *item = parse_const(p);
            if (item == NULL || ft_list_append(list, item) < 0) {
                ft_xdecref(item);
                ft_decref(list);
                return NULL;
            }
            ft_decref(item);
        }
        if (list == NULL || **p != close) {
            ft_xdecref(list);
            return NULL;
        }
        (*p)++;
        FtObject *v = tag == '(' ? ft_sequence_tuple_ref(list) : ft_frozenset_new_ref(list);
        ft_decref(list);
        return v;
    }
    default: return NULL;
    }
}

static FtObject *
stub_code_ref(const char *name, Ft_ssize len, int firstlineno)
{
    FtObject *n = ft_str_from_utf8_ref(name, len);
    FtObject *empty = ft_tuple_new_ref(0);
    FtObject *b = ft_bytes_from_data_ref("", 0);
    static const uint16_t code[1] = {FT_OP_NOP};
    FtObject *co = NULL;
    if (n != NULL && empty != NULL && b != NULL) {
        FtCodeSpec spec = {.filename = n, .name = n, .qualname = n, .firstlineno = firstlineno,
                           .code = code,
                           .code_units = 1, .consts = empty, .names = empty,
                           .localsplusnames = empty, .localspluskinds = b, .linetable = b,
                           .exceptiontable = b};
        co = ft_code_new_ref(&spec);
    }
    ft_xdecref(n);
    ft_xdecref(empty);
    ft_xdecref(b);
    return co;
}

// A dict: each encoded constant -> base + its position (keyed as the compiler keys constants when
// keyed). NULL on a malformed line.
static FtObject *
index_dict_ref(const char *enc, bool keyed, int base)
{
    FtObject *d = ft_dict_new_ref();
    for (int i = base; d != NULL && *enc && *enc != '\n'; i++) {
        FtObject *v = parse_const(&enc);
        FtObject *k = v == NULL ? NULL : keyed ? ft_compile_const_key_ref(v) : ft_new_ref(v);
        FtObject *idx = ft_int_from_int64_ref(i);
        int r = k != NULL && idx != NULL ? ft_dict_set_item(d, k, idx) : -1;
        ft_xdecref(idx);
        ft_xdecref(k);
        ft_xdecref(v);
        if (r < 0) {
            ft_decref(d);
            return NULL;
        }
    }
    return d;
}

static FtObject *
str_from_hex_ref(const char *hex)
{
    size_t n = strcspn(hex, "\n") / 2;
    char *buf = mi_malloc(n + 1);
    if (buf == NULL)
        return NULL;
    for (size_t i = 0; i < n; i++)
        buf[i] = (char)(hex_digit(hex[2 * i]) * 16 + hex_digit(hex[2 * i + 1]));
    FtObject *s = ft_str_from_utf8_ref(buf, (Ft_ssize)n);
    mi_free(buf);
    return s;
}

// One unit of the dump: fills umd/seq and *flags from the lines up to "end". 1 for a unit, 0 at
// the end of the file, -1 for a malformed dump.
static int
read_unit(FILE *f, FtCodeUnitMetadata *umd, FtInstrSequence *seq, int *flags, char **line,
          size_t *cap)
{
    memset(umd, 0, sizeof(*umd));
    ft_instr_sequence_init(seq);
    int hidden = 0, ncells = 0, seen_unit = 0;
    while (getline(line, cap, f) > 0) {
        char *l = *line;
        if (strncmp(l, "unit", 4) == 0) {
            seen_unit = 1;
        } else if (strncmp(l, "end", 3) == 0) {
            if (umd->fasthidden == NULL)
                umd->fasthidden = ft_dict_new_ref();
            if (hidden && umd->fasthidden != NULL && umd->varnames != NULL)
                ft_dict_merge(umd->fasthidden, umd->varnames, 1);
            return umd->name != NULL && umd->consts != NULL && umd->names != NULL &&
                           umd->varnames != NULL && umd->cellvars != NULL &&
                           umd->freevars != NULL && umd->fasthidden != NULL
                       ? 1
                       : -1;
        } else if (strncmp(l, "name ", 5) == 0) {
            umd->name = str_from_hex_ref(l + 5);
        } else if (strncmp(l, "qualname ", 9) == 0) {
            umd->qualname = str_from_hex_ref(l + 9);
        } else if (strncmp(l, "flags ", 6) == 0) {
            *flags = atoi(l + 6);
        } else if (strncmp(l, "args ", 5) == 0) {
            sscanf(l + 5, "%d %d %d", &umd->argcount, &umd->posonlyargcount, &umd->kwonlyargcount);
        } else if (strncmp(l, "firstlineno ", 12) == 0) {
            umd->firstlineno = atoi(l + 12);
        } else if (strncmp(l, "hidden ", 7) == 0) {
            hidden = atoi(l + 7);
        } else if (strncmp(l, "ncells ", 7) == 0) {
            ncells = atoi(l + 7);
        } else if (strncmp(l, "consts ", 7) == 0) {
            umd->consts = index_dict_ref(l + 7, true, 0);
        } else if (strncmp(l, "names ", 6) == 0) {
            umd->names = index_dict_ref(l + 6, false, 0);
        } else if (strncmp(l, "varnames ", 9) == 0) {
            umd->varnames = index_dict_ref(l + 9, false, 0);
        } else if (strncmp(l, "cellvars ", 9) == 0) {
            umd->cellvars = index_dict_ref(l + 9, false, 0);
        } else if (strncmp(l, "freevars ", 9) == 0) {
            umd->freevars = index_dict_ref(l + 9, false, ncells);
        } else if (strncmp(l, "label ", 6) == 0) {
            FtLabel lbl = {atoi(l + 6)};
            if (ft_instr_sequence_use_label(seq, lbl) < 0)
                return -1;
        } else if (strncmp(l, "instr ", 6) == 0) {
            int op, arg;
            FtLocation loc;
            if (sscanf(l + 6, "%d %d %d %d %d %d", &op, &arg, &loc.lineno, &loc.end_lineno,
                       &loc.col_offset, &loc.end_col_offset) != 6 || !ft_opcode_is_valid(op))
                return -1;
            if (ft_instr_sequence_add(seq, op, arg, loc) < 0)
                return -1;
        }
    }
    return seen_unit ? -1 : 0;
}

static int
assemble_dump(const char *path)
{
    FILE *f = fopen(path, "r");
    if (f == NULL) {
        fprintf(stderr, "ftpy-dis: cannot read %s\n", path);
        return 2;
    }
    FtObject *filename = ft_str_from_cstr_ref(path);
    char *line = NULL;
    size_t cap = 0;
    int status = 0;
    for (;;) {
        FtCodeUnitMetadata umd;
        FtInstrSequence seq;
        int flags = 0;
        int r = read_unit(f, &umd, &seq, &flags, &line, &cap);
        if (r <= 0) {
            ft_instr_sequence_fini(&seq);
            ft_code_unit_metadata_clear(&umd);
            if (r < 0) {
                ft_error_clear();
                printf("error: malformed dump\n");
                status = 1;
            }
            break;
        }
        FtObject *co = ft_assemble_code_ref(&seq, &umd, filename, flags);
        ft_instr_sequence_fini(&seq);
        if (co == NULL) {
            FtObject *exc = ft_error_fetch_ref();
            FtObject *msg = exc != NULL ? ft_object_str_ref(exc) : NULL;
            printf("code %s\n  error: %s\n", ft_str_as_utf8(umd.qualname, NULL),
                   msg != NULL ? ft_str_as_utf8(msg, NULL) : "?");
            ft_xdecref(msg);
            ft_xdecref(exc);
            status = 1;
        } else {
            print_code_object_fields((FtCodeObject *)co);
            ft_decref(co);
        }
        ft_code_unit_metadata_clear(&umd);
    }
    free(line);
    fclose(f);
    ft_xdecref(filename);
    return status;
}

int
main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: ftpy-dis FILE...\n");
        return 2;
    }
    if (ft_runtime_init() != 0) {
        fprintf(stderr, "ftpy-dis: runtime start-up failed\n");
        return 2;
    }
    FtThreadState *ts = ft_thread_state_new(ft_interp_main());
    if (ts == NULL) {
        fprintf(stderr, "ftpy-dis: out of memory\n");
        return 2;
    }
    ft_thread_state_bind(ts);
    ft_thread_attach(ts);
    if (ft_objects_init() != 0 || ft_code_init_types() != 0) {
        fprintf(stderr, "ftpy-dis: object model start-up failed\n");
        return 2;
    }
    if (argc == 3 && strcmp(argv[1], "--assemble") == 0)
        return assemble_dump(argv[2]);
    int status = 0;
    for (int i = 1; i < argc; i++) {
        if (argc > 2)
            printf("== %s\n", argv[i]);
        int rc = dis_file(argv[i]);
        if (rc > status)
            status = rc;
    }
    fflush(stdout);
    return status;
}

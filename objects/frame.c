// objects/frame.c: Python frame objects and traceback objects (CPython's Objects/frameobject.c and
// Python/traceback.c), and the line/offset queries on interpreter frames (objects/frame.h).
//
// Representation: a frame object is allocated with room for a whole interpreter frame in
// _frame_data (sizeof(FtFrame) + co_framesize slots, rounded up to slots), so that when the frame
// ends ft_frame_object_take_ownership() can copy it there without allocating:
//
//   FtFrameObject { ob_base, frame ---+, f_back, f_trace, f_lineno, ... }
//                                     |
//          live:  -> the FtFrame on the thread's frame stack (owner FT_FRAME_OWNED_BY_THREAD)
//          ended: -> (FtFrame *)_frame_data, a copy holding strong references to the code, the
//                    function, globals, builtins, locals and every localsplus value
//
// Invariants: `frame` is never NULL; frame->frame_obj == self while the frame is live; a copied
// frame has owner FT_FRAME_OWNED_BY_FRAME_OBJECT, previous == NULL and frame_obj == NULL, and every
// non-NULL slot of its localsplus (up to nlocalsplus + stackpointer) is a counted reference.
//
// A traceback object is one (frame, instruction) entry of a linked list, newest frame first in
// memory order of creation (ft_traceback_here prepends, so the head is the outermost frame the
// exception has passed through so far).
//
// Concurrency:
//   frame.frame            owner-thread only while live (the running thread moves it to the copy);
//                          immutable once copied
//   frame.f_back           written once by take_ownership on the owning thread, before the object
//                          can be seen as "ended"; TODO(#4): racy read from other threads
//   frame.f_trace          guarded_by(ob_mutex)
//   frame.clear()          a live frame refuses ("cannot clear an executing frame"); clearing a
//                          copy detaches its values under the frame object's critical section,
//                          which f_locals also takes to read a copy
//   tp_clear               stop-the-world only (the collector)
//   tb.tb_next             guarded_by(ob_mutex): the getter and setter take the traceback's critical
//                          section; the loop check walks the chain one lock at a time
//   tb.tb_frame/lasti      immutable after creation
//   tb.tb_lineno           immutable (a -1 is computed on read from the frame's code)
//   exc.__traceback__      ft_traceback_here updates it under the exception's critical section
//
// Missing (TODO(#4)): PEP 667's FrameLocalsProxy (f_locals of a function frame is a dict snapshot);
// sys.settrace (f_trace is stored but never called; f_lineno cannot be assigned); frame.clear()
// of a generator's frame that runs on another thread or never started; per-thread bytecode copies
// in f_lasti.
#include <stddef.h>   // offsetof
#include <string.h>   // memcpy

#include "objects/frame.h"

#include "eval/call.h"                 // ft_eval_frame_generator_borrow
#include "objects/abstract_number.h"   // ft_number_as_ssize
#include "objects/bytes.h"             // ft_bytes_data ft_bytes_size
#include "objects/code.h"              // FtCodeObject ft_code_line
#include "objects/dict.h"              // ft_dict_new_ref ft_dict_set_item
#include "objects/error.h"             // ft_error_* ft_exc_* FtBaseExceptionObject
#include "objects/function.h"          // ft_cell_check ft_cell_get_ref
#include "objects/int.h"               // ft_int_from_int64_ref
#include "objects/list.h"              // ft_list_new_ref ft_list_set_item_steal
#include "objects/method_def.h"        // FtMethodDef FtMemberDef FtGetSetDef
#include "objects/object.h"            // ft_object_* ft_vectorcall_nargs
#include "objects/str.h"               // ft_str_from_format_ref ft_str_equal_cstr
#include "objects/tuple.h"             // ft_tuple_*
#include "objects/type.h"              // ft_type_ready
#include "runtime/object_lock.h"       // FT_BEGIN_CRITICAL_SECTION_OBJECT
#include "runtime/runtime_mem.h"       // ft_runtime_mem_alloc ft_runtime_mem_free
#include "runtime/thread_state.h"      // ft_thread_state_current

#define FRAME_OBJ(op) ((FtFrameObject *)(op))
#define TB(op) ((FtTracebackObject *)(op))

// Slots of _frame_data taken by the FtFrame header of a copied frame.
#define FRAME_HEADER_SLOTS ((sizeof(FtFrame) + sizeof(FtStackRef) - 1) / sizeof(FtStackRef))

static FtCodeObject *
frame_code(const FtFrame *frame)
{
    return (FtCodeObject *)frame->f_executable;
}

// The interpreter frame, as long as the caller runs on its owning thread or the frame has ended.
static FtFrame *
frame_of(FtObject *op)
{
    return FRAME_OBJ(op)->frame;
}

static bool
frame_is_copied(const FtFrameObject *f)
{
    return f->frame->owner == FT_FRAME_OWNED_BY_FRAME_OBJECT;
}

/* --- Internal API --- */

Ft_ssize
ft_frame_lasti(const FtFrame *frame)
{
    // TODO(#4): a thread-local bytecode copy (tlbc) would be the base here.
    const FtCodeObject *code = frame_code(frame);
    if (frame->instr_ptr == NULL)
        return -1;
    return frame->instr_ptr - code->co_code_adaptive;
}

int
ft_frame_lineno(const FtFrame *frame)
{
    Ft_ssize lasti = ft_frame_lasti(frame);
    if (lasti < 0)
        return -1;
    return ft_code_line(frame_code(frame), lasti);
}

FtObject *
ft_frame_get_object_ref(FtFrame *frame)
{
    if (frame->frame_obj != NULL)
        return ft_new_ref(frame->frame_obj);
    const FtCodeObject *code = frame_code(frame);
    size_t slots = FRAME_HEADER_SLOTS + (size_t)code->co_framesize;
    size_t size = offsetof(FtFrameObject, _frame_data) + slots * sizeof(FtStackRef);
    FtFrameObject *f = (FtFrameObject *)ft_object_new_sized(&ft_frame_type, size);
    if (f == NULL)
        return NULL;
    f->frame = frame;
    f->f_back = NULL;
    f->f_trace = NULL;
    f->f_lineno = -1;
    f->f_trace_lines = 1;
    f->f_trace_opcodes = 0;
    frame->frame_obj = (FtObject *)f;   // the frame's strong reference
    return ft_new_ref((FtObject *)f);
}

// The first frame below `frame` (inclusive) that Python code sees: the entry trampoline frames are
// skipped, as CPython's _PyFrame_GetFirstComplete does.
static FtFrame *
first_complete_frame(FtFrame *frame)
{
    while (frame != NULL && frame->owner == FT_FRAME_OWNED_BY_C_STACK)
        frame = frame->previous;
    return frame;
}

// A counted copy of a slot (NULL stays NULL).
static FtStackRef
slot_copy_counted(FtStackRef ref)
{
    if (ft_stackref_is_null(ref))
        return FT_STACKREF_NULL;
    return ft_stackref_from_ref_steal(ft_stackref_as_ref(ref));
}

void
ft_frame_object_take_ownership(FtFrame *frame)
{
    FtFrameObject *f = FRAME_OBJ(frame->frame_obj);
    if (f == NULL || f->frame != frame)
        return;
    const FtCodeObject *code = frame_code(frame);
    FtFrame *copy = (FtFrame *)f->_frame_data;
    int depth = frame->stackpointer;
    if (depth < 0)
        depth = 0;
    if (depth > code->co_stacksize)
        depth = code->co_stacksize;
    int used = code->co_nlocalsplus + depth;

    memcpy(copy, frame, sizeof(FtFrame));
    ft_incref(copy->f_executable);
    if (copy->f_funcobj != NULL)
        ft_incref(copy->f_funcobj);
    if (copy->f_globals != NULL)
        ft_incref(copy->f_globals);
    if (copy->f_builtins != NULL)
        ft_incref(copy->f_builtins);
    if (copy->f_locals != NULL)
        ft_incref(copy->f_locals);
    copy->previous = NULL;
    copy->frame_obj = NULL;
    copy->owner = FT_FRAME_OWNED_BY_FRAME_OBJECT;
    copy->is_entry = 0;
    copy->stackpointer = depth;
    for (int i = 0; i < used; i++)
        copy->localsplus[i] = slot_copy_counted(frame->localsplus[i]);
    for (int i = used; i < code->co_framesize; i++)
        copy->localsplus[i] = FT_STACKREF_NULL;

    // f_back: the caller's frame object, created now as CPython does, while the caller is live.
    FtFrame *prev = first_complete_frame(frame->previous);
    if (prev != NULL && f->f_back == NULL) {
        f->f_back = ft_frame_get_object_ref(prev);
        if (f->f_back == NULL)
            ft_error_restore_steal(NULL);   // TODO(#4): keep the pending exception; f_back stays None
    }
    f->frame = copy;
    frame->frame_obj = NULL;
    ft_decref((FtObject *)f);   // the interpreter frame's reference
}

// Releases everything a copied frame holds (clear() and dealloc).
static void
copied_frame_clear(FtFrame *copy)
{
    const FtCodeObject *code = frame_code(copy);
    int used = code->co_nlocalsplus + copy->stackpointer;
    for (int i = 0; i < used; i++) {
        FtStackRef ref = copy->localsplus[i];
        copy->localsplus[i] = FT_STACKREF_NULL;
        ft_stackref_xclose(ref);
    }
    copy->stackpointer = 0;
    FtObject *refs[] = {copy->f_funcobj, copy->f_locals};
    copy->f_funcobj = copy->f_locals = NULL;
    for (size_t i = 0; i < sizeof refs / sizeof refs[0]; i++)
        ft_xdecref(refs[i]);
}

/* --- Frame: slots --- */

static void
frame_dealloc(FtObject *op)
{
    FtFrameObject *f = FRAME_OBJ(op);
    if (frame_is_copied(f)) {
        FtFrame *copy = f->frame;
        copied_frame_clear(copy);
        ft_xdecref(copy->f_globals);
        ft_xdecref(copy->f_builtins);
        ft_decref(copy->f_executable);
    }
    ft_xdecref(f->f_back);
    ft_xdecref(f->f_trace);
    ft_object_free_memory(op);
}

static int
frame_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    FtFrameObject *f = FRAME_OBJ(op);
    int r;
    if (f->f_back != NULL && (r = visit(f->f_back, arg)) != 0)
        return r;
    if (f->f_trace != NULL && (r = visit(f->f_trace, arg)) != 0)
        return r;
    if (!frame_is_copied(f))
        return 0;   // a live frame is the thread's: the collector scans it through the thread
    FtFrame *copy = f->frame;
    FtObject *fields[] = {copy->f_executable, copy->f_funcobj, copy->f_globals, copy->f_builtins,
                          copy->f_locals};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++) {
        if (fields[i] != NULL && (r = visit(fields[i], arg)) != 0)
            return r;
    }
    int used = frame_code(copy)->co_nlocalsplus + copy->stackpointer;
    for (int i = 0; i < used; i++) {
        FtObject *v = ft_stackref_as_borrow(copy->localsplus[i]);
        if (v != NULL && (r = visit(v, arg)) != 0)
            return r;
    }
    return 0;
}

// The collector's tp_clear: breaks cycles through an ended frame's values (frame -> local ->
// traceback -> frame). Stop-the-world only.
static int
frame_tp_clear(FtObject *op)
{
    FtFrameObject *f = FRAME_OBJ(op);
    if (frame_is_copied(f))
        copied_frame_clear(f->frame);
    FtObject *back = f->f_back, *trace = f->f_trace;
    f->f_back = f->f_trace = NULL;
    ft_xdecref(back);
    ft_xdecref(trace);
    return 0;
}

static int
frame_current_lineno(FtFrameObject *f)
{
    if (f->f_lineno > 0)
        return f->f_lineno;
    return ft_frame_lineno(f->frame);
}

static FtObject *
frame_repr(FtObject *op)
{
    FtFrameObject *f = FRAME_OBJ(op);
    FtCodeObject *code = frame_code(f->frame);
    return ft_str_from_format_ref("<frame at %p, file %R, line %d, code %U>", (void *)op,
                                  code->co_filename, frame_current_lineno(f), code->co_name);
}

/* --- Frame: attributes and methods --- */

static FtObject *
frame_get_code(FtObject *op, void *closure)
{
    (void)closure;
    return ft_new_ref(frame_of(op)->f_executable);
}

static FtObject *
frame_get_lineno(FtObject *op, void *closure)
{
    (void)closure;
    int line = frame_current_lineno(FRAME_OBJ(op));
    if (line < 0)
        return ft_none_ref();
    return ft_int_from_int64_ref(line);
}

// f_lineno = n jumps only from a trace function, and no trace function ever runs yet (TODO(#4):
// sys.settrace), so a valid assignment always gets CPython's not-tracing error. Only an exact int
// is a line number.
static int
frame_set_lineno(FtObject *op, FtObject *value, void *closure)
{
    (void)op;
    (void)closure;
    if (value == NULL) {
        ft_error_set_string(&ft_exc_attribute_error,
                            "attribute 'f_lineno' of 'frame' objects cannot be deleted");
        return -1;
    }
    if (value->ob_type != &ft_int_type) {
        ft_error_set_string(&ft_exc_value_error, "lineno must be an integer");
        return -1;
    }
    ft_error_set_string(&ft_exc_value_error, "f_lineno can only be set in a trace function");
    return -1;
}

// f_trace_opcodes is a getset in CPython (not a member like f_trace_lines): its own errors.
static FtObject *
frame_get_trace_opcodes(FtObject *op, void *closure)
{
    (void)closure;
    bool on;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    on = FRAME_OBJ(op)->f_trace_opcodes != 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    return ft_bool_from(on);
}

static int
frame_set_trace_opcodes(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == NULL) {
        ft_error_set_string(&ft_exc_attribute_error,
                            "attribute 'f_trace_opcodes' of 'frame' objects cannot be deleted");
        return -1;
    }
    if (value->ob_type != &ft_bool_type) {
        ft_error_set_string(&ft_exc_type_error, "attribute value type must be bool");
        return -1;
    }
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    FRAME_OBJ(op)->f_trace_opcodes = value == FT_TRUE;
    FT_END_CRITICAL_SECTION_OBJECT();
    return 0;
}

static FtObject *
frame_get_lasti(FtObject *op, void *closure)
{
    (void)closure;
    Ft_ssize lasti = ft_frame_lasti(frame_of(op));
    return ft_int_from_int64_ref(lasti < 0 ? -1 : (int64_t)lasti * 2);
}

static FtObject *
frame_get_globals(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *g = frame_of(op)->f_globals;
    return g != NULL ? ft_new_ref(g) : ft_none_ref();
}

static FtObject *
frame_get_builtins(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *b = frame_of(op)->f_builtins;
    return b != NULL ? ft_new_ref(b) : ft_none_ref();
}

// The value of localsplus slot i for f_locals: a cell's content for cells and free variables
// (NULL when empty), else the slot's object. A new reference or NULL.
static FtObject *
local_value_ref(const FtFrame *frame, int i, int kind)
{
    FtObject *v = ft_stackref_as_borrow(frame->localsplus[i]);
    if (v == NULL)
        return NULL;
    if ((kind & (FT_CO_FAST_CELL | FT_CO_FAST_FREE)) && ft_cell_check(v))
        return ft_cell_get_ref(v);
    return ft_new_ref(v);
}

// f_locals: the frame's own mapping (module, class body, exec), or a snapshot dict of a function's
// fast locals, cells and free variables (TODO(#4): PEP 667's write-through proxy).
static FtObject *
frame_get_locals(FtObject *op, void *closure)
{
    (void)closure;
    FtFrame *frame = frame_of(op);
    if (frame->f_locals != NULL)
        return ft_new_ref(frame->f_locals);
    FtObject *dict = ft_dict_new_ref();
    if (dict == NULL)
        return NULL;
    const FtCodeObject *code = frame_code(frame);
    const unsigned char *kinds = (const unsigned char *)ft_bytes_data(code->co_localspluskinds);
    int r = 0;
    // A copied frame is read under its section, which clear() takes to drop the values; the keys
    // are exact str and the values are only stored, so no Python code runs inside.
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    for (int i = 0; r == 0 && i < code->co_nlocalsplus; i++) {
        if (kinds[i] & FT_CO_FAST_HIDDEN)
            continue;
        FtObject *value = local_value_ref(frame, i, kinds[i]);
        if (value == NULL)
            continue;
        r = ft_dict_set_item(dict, ft_tuple_get_item_borrow(code->co_localsplusnames, i), value);
        ft_decref(value);
    }
    FT_END_CRITICAL_SECTION_OBJECT();
    if (r < 0) {
        ft_decref(dict);
        return NULL;
    }
    return dict;
}

static FtObject *
frame_get_back(FtObject *op, void *closure)
{
    (void)closure;
    FtFrameObject *f = FRAME_OBJ(op);
    if (f->f_back != NULL)
        return ft_new_ref(f->f_back);
    if (frame_is_copied(f))
        return ft_none_ref();
    FtFrame *prev = first_complete_frame(f->frame->previous);
    if (prev == NULL)
        return ft_none_ref();
    return ft_frame_get_object_ref(prev);
}

static FtObject *
frame_get_trace(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *t;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    t = FRAME_OBJ(op)->f_trace;
    if (t != NULL)
        ft_incref(t);
    FT_END_CRITICAL_SECTION_OBJECT();
    return t != NULL ? t : ft_none_ref();
}

static int
frame_set_trace(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == FT_NONE)
        value = NULL;
    if (value != NULL)
        ft_incref(value);
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    old = FRAME_OBJ(op)->f_trace;
    FRAME_OBJ(op)->f_trace = value;
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
    return 0;
}

// frame.f_generator: the generator or coroutine that embeds the frame, else None (also once the
// frame has been copied out of a finished generator).
static FtObject *
frame_get_generator(FtObject *op, void *closure)
{
    FtFrame *frame = FRAME_OBJ(op)->frame;
    if (frame->owner != FT_FRAME_OWNED_BY_GENERATOR)
        return ft_none_ref();
    return ft_new_ref(ft_eval_frame_generator_borrow(frame));
}

// True when frame is on the calling thread's stack of running frames.
static bool
frame_is_running_here(const FtFrame *frame)
{
    for (FtFrame *fr = ft_thread_state_current()->current_frame; fr != NULL; fr = fr->previous) {
        if (fr == frame)
            return true;
    }
    return false;
}

// frame.clear(): drops the locals of a frame that has ended.
static FtObject *
frame_clear_method(FtObject *op)
{
    FtFrameObject *f = FRAME_OBJ(op);
    if (!frame_is_copied(f)) {
        // A generator's frame that is not running on this thread is suspended. TODO(#4): one
        // running on another thread, and a generator that never started (CPython closes it).
        if (f->frame->owner == FT_FRAME_OWNED_BY_GENERATOR && !frame_is_running_here(f->frame))
            return ft_error_format(&ft_exc_runtime_error, "cannot clear a suspended frame");
        return ft_error_format(&ft_exc_runtime_error, "cannot clear an executing frame");
    }
    FtFrame *copy = f->frame;
    FtStackRef *saved = NULL;
    int used = 0;
    FtObject *funcobj, *locals;
    // Detach the values under the section, release them after it (their finalizers may run code).
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    used = frame_code(copy)->co_nlocalsplus + copy->stackpointer;
    funcobj = copy->f_funcobj;
    locals = copy->f_locals;
    copy->f_funcobj = copy->f_locals = NULL;
    saved = used > 0 ? ft_runtime_mem_alloc((size_t)used * sizeof(FtStackRef)) : NULL;
    for (int i = 0; i < used; i++) {
        if (saved != NULL)
            saved[i] = copy->localsplus[i];
        else
            ft_stackref_xclose(copy->localsplus[i]);
        copy->localsplus[i] = FT_STACKREF_NULL;
    }
    copy->stackpointer = 0;
    FT_END_CRITICAL_SECTION_OBJECT();
    if (saved != NULL) {
        for (int i = 0; i < used; i++)
            ft_stackref_xclose(saved[i]);
        ft_runtime_mem_free(saved);
    }
    ft_xdecref(funcobj);
    ft_xdecref(locals);
    return ft_none_ref();
}

static FtObject *
frame_sizeof(FtObject *op)
{
    FtFrameObject *f = FRAME_OBJ(op);
    size_t slots = FRAME_HEADER_SLOTS + (size_t)frame_code(f->frame)->co_framesize;
    return ft_int_from_int64_ref((int64_t)(offsetof(FtFrameObject, _frame_data) +
                                           slots * sizeof(FtStackRef)));
}

/* --- Traceback: internal API --- */

FtObject *
ft_traceback_new_ref(FtObject *next, FtObject *frame_obj, int lasti, int lineno)
{
    if ((next != NULL && !ft_traceback_check(next)) || frame_obj == NULL ||
        !ft_frame_object_check(frame_obj)) {
        ft_error_set_string(&ft_exc_system_error, "bad argument to internal function");
        return NULL;
    }
    FtTracebackObject *tb = (FtTracebackObject *)ft_object_new_of_type(&ft_traceback_type, 0);
    if (tb == NULL)
        return NULL;
    tb->tb_next = next != NULL ? ft_new_ref(next) : NULL;
    tb->tb_frame = ft_new_ref(frame_obj);
    tb->tb_lasti = lasti;
    tb->tb_lineno = lineno;
    return (FtObject *)tb;
}

int
ft_traceback_here(FtObject *exc, FtFrame *frame)
{
    FtObject *frame_obj = ft_frame_get_object_ref(frame);
    if (frame_obj == NULL)
        return -1;
    Ft_ssize lasti = ft_frame_lasti(frame);
    FtBaseExceptionObject *e = (FtBaseExceptionObject *)exc;
    FtObject *old = NULL, *tb = NULL;
    // The new entry is made inside the section so that two threads prepending to one exception
    // (the same exception raised in both) each link to the head the other left.
    FT_BEGIN_CRITICAL_SECTION_OBJECT(exc);
    old = e->traceback;
    tb = ft_traceback_new_ref(old, frame_obj, (int)(lasti < 0 ? -1 : lasti * 2), -1);
    if (tb != NULL)
        e->traceback = tb;
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_decref(frame_obj);
    if (tb == NULL)
        return -1;
    ft_xdecref(old);   // the exception's reference moved into tb->tb_next, which took its own
    return 0;
}

/* --- Traceback: slots --- */

static void
tb_dealloc(FtObject *op)
{
    // A long chain is freed iteratively: unlink each next that this entry held the last
    // reference to. TODO(#4): the trashcan for deep frame -> traceback -> frame recursion.
    FtObject *next = TB(op)->tb_next;
    ft_decref(TB(op)->tb_frame);
    ft_object_free_memory(op);
    ft_xdecref(next);
}

static int
tb_traverse(FtObject *op, FtVisitProc visit, void *arg)
{
    int r;
    if (TB(op)->tb_next != NULL && (r = visit(TB(op)->tb_next, arg)) != 0)
        return r;
    return visit(TB(op)->tb_frame, arg);
}

static int
tb_clear(FtObject *op)
{
    FtObject *next = TB(op)->tb_next;
    TB(op)->tb_next = NULL;
    ft_xdecref(next);
    return 0;
}

// The entry's next traceback, a new reference or NULL. Takes the entry's critical section.
static FtObject *
tb_next_ref(FtObject *tb)
{
    FtObject *next;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(tb);
    next = TB(tb)->tb_next;
    if (next != NULL)
        ft_incref(next);
    FT_END_CRITICAL_SECTION_OBJECT();
    return next;
}

// types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)
static FtObject *
tb_new(FtTypeObject *type, FtObject *const *args, size_t nargsf, FtObject *kwnames)
{
    (void)type;
    static const char *const names[4] = {"tb_next", "tb_frame", "tb_lasti", "tb_lineno"};
    FtObject *vals[4] = {NULL, NULL, NULL, NULL};
    Ft_ssize nargs = ft_vectorcall_nargs(nargsf);
    Ft_ssize nkw = kwnames != NULL ? ft_tuple_size(kwnames) : 0;
    if (nargs + nkw > 4) {
        if (nkw == 0)
            return ft_error_format(&ft_exc_type_error,
                                   "traceback() takes at most 4 arguments (%zd given)", nargs);
        return ft_error_format(&ft_exc_type_error,
                               "traceback() takes at most 4 keyword arguments (%zd given)",
                               nargs + nkw);
    }
    for (Ft_ssize i = 0; i < nargs; i++)
        vals[i] = args[i];
    for (Ft_ssize k = 0; k < nkw; k++) {
        FtObject *key = ft_tuple_get_item_borrow(kwnames, k);
        int slot = -1;
        for (int j = 0; j < 4; j++) {
            if (ft_str_equal_cstr(key, names[j]))
                slot = j;
        }
        if (slot < 0)
            return ft_error_format(&ft_exc_type_error,
                                   "traceback() got an unexpected keyword argument '%U'", key);
        if (vals[slot] != NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "argument for traceback() given by name ('%s') and position (%d)",
                                   names[slot], slot + 1);
        vals[slot] = args[nargs + k];
    }
    for (int j = 0; j < 4; j++) {
        if (vals[j] == NULL)
            return ft_error_format(&ft_exc_type_error,
                                   "traceback() missing required argument '%s' (pos %d)", names[j],
                                   j + 1);
    }
    FtObject *next = vals[0];
    if (!ft_frame_object_check(vals[1]))
        return ft_error_bad_argument("traceback", "argument 'tb_frame'", "frame", vals[1]);
    int ints[2];
    for (int j = 0; j < 2; j++) {
        // Clamped to Ft_ssize, so that any value outside int gets the one C-int message.
        Ft_ssize v = ft_number_as_ssize(vals[2 + j], NULL);
        if (v == -1 && ft_error_occurred())
            return NULL;
        if (v > INT32_MAX || v < INT32_MIN)
            return ft_error_format(&ft_exc_overflow_error,
                                   "Python int too large to convert to C int");
        ints[j] = (int)v;
    }
    if (next == FT_NONE)
        next = NULL;
    else if (!ft_traceback_check(next))
        return ft_error_format(&ft_exc_type_error, "expected traceback object or None, got '%s'",
                               next->ob_type->tp_name);
    return ft_traceback_new_ref(next, vals[1], ints[0], ints[1]);
}

/* --- Traceback: attributes and methods --- */

static FtObject *
tb_get_next(FtObject *op, void *closure)
{
    (void)closure;
    FtObject *next = tb_next_ref(op);
    return next != NULL ? next : ft_none_ref();
}

static int
tb_set_next(FtObject *op, FtObject *value, void *closure)
{
    (void)closure;
    if (value == NULL) {
        ft_error_set_string(&ft_exc_type_error, "can't delete tb_next attribute");
        return -1;
    }
    if (value == FT_NONE) {
        value = NULL;
    } else if (!ft_traceback_check(value)) {
        ft_error_format(&ft_exc_type_error, "expected traceback object, got '%s'",
                        value->ob_type->tp_name);
        return -1;
    }
    // The loop check walks the new chain one entry lock at a time (as CPython, it is not atomic
    // with the store below: a concurrent tb_next store elsewhere can still close a loop).
    FtObject *cursor = value != NULL ? ft_new_ref(value) : NULL;
    while (cursor != NULL) {
        if (cursor == op) {
            ft_decref(cursor);
            ft_error_set_string(&ft_exc_value_error, "traceback loop detected");
            return -1;
        }
        FtObject *next = tb_next_ref(cursor);
        ft_decref(cursor);
        cursor = next;
    }
    if (value != NULL)
        ft_incref(value);
    FtObject *old;
    FT_BEGIN_CRITICAL_SECTION_OBJECT(op);
    old = TB(op)->tb_next;
    TB(op)->tb_next = value;
    FT_END_CRITICAL_SECTION_OBJECT();
    ft_xdecref(old);
    return 0;
}

static FtObject *
tb_get_lineno(FtObject *op, void *closure)
{
    (void)closure;
    FtTracebackObject *tb = TB(op);
    int line = tb->tb_lineno;
    if (line == -1) {
        // Computed on demand, as CPython 3.14 does (PyTraceBack_Here stores -1).
        FtFrame *frame = FRAME_OBJ(tb->tb_frame)->frame;
        line = tb->tb_lasti < 0 ? -1 : ft_code_line(frame_code(frame), tb->tb_lasti / 2);
        if (line < 0)
            return ft_none_ref();
    }
    return ft_int_from_int64_ref(line);
}

static FtObject *
tb_dir(FtObject *op)
{
    (void)op;
    static const char *const names[4] = {"tb_frame", "tb_next", "tb_lasti", "tb_lineno"};
    FtObject *list = ft_list_new_ref(4);
    if (list == NULL)
        return NULL;
    for (int i = 0; i < 4; i++) {
        FtObject *name = ft_str_from_format_ref("%s", names[i]);
        if (name == NULL || ft_list_set_item_steal(list, i, name) < 0) {
            ft_decref(list);
            return NULL;
        }
    }
    return list;
}

/* --- Type objects --- */

static const FtGetSetDef frame_getset[] = {
    {.name = "f_code", .get = frame_get_code},
    {.name = "f_lineno", .get = frame_get_lineno, .set = frame_set_lineno},
    {.name = "f_lasti", .get = frame_get_lasti},
    {.name = "f_globals", .get = frame_get_globals},
    {.name = "f_builtins", .get = frame_get_builtins},
    {.name = "f_locals", .get = frame_get_locals},
    {.name = "f_back", .get = frame_get_back},
    {.name = "f_trace", .get = frame_get_trace, .set = frame_set_trace},
    {.name = "f_generator", .get = frame_get_generator},
    {.name = "f_trace_opcodes", .get = frame_get_trace_opcodes, .set = frame_set_trace_opcodes},
    {0},
};

static const FtMemberDef frame_members[] = {
    {.name = "f_trace_lines", .type = FT_MEMBER_BOOL,
     .offset = offsetof(FtFrameObject, f_trace_lines)},
    {0},
};

static const FtMethodDef frame_methods[] = {
    {"clear", {.noargs = frame_clear_method}, FT_METH_NOARGS,
     "Clear all references held by the frame."},
    {"__sizeof__", {.noargs = frame_sizeof}, FT_METH_NOARGS,
     "Return the size of the frame in memory, in bytes."},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_frame_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "frame",
    .tp_basicsize = sizeof(FtFrameObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE | FT_TPFLAGS_DISALLOW_INSTANTIATION,
    .tp_dealloc = frame_dealloc,
    .tp_traverse = frame_traverse,
    .tp_clear = frame_tp_clear,
    .tp_repr = frame_repr,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_methods = frame_methods,
    .tp_members = frame_members,
    .tp_getset = frame_getset,
};

static const FtGetSetDef tb_getset[] = {
    {.name = "tb_next", .get = tb_get_next, .set = tb_set_next},
    {.name = "tb_lineno", .get = tb_get_lineno},
    {0},
};

static const FtMemberDef tb_members[] = {
    {.name = "tb_frame", .type = FT_MEMBER_OBJECT, .offset = offsetof(FtTracebackObject, tb_frame),
     .flags = FT_MEMBER_READONLY},
    {.name = "tb_lasti", .type = FT_MEMBER_INT, .offset = offsetof(FtTracebackObject, tb_lasti),
     .flags = FT_MEMBER_READONLY},
    {0},
};

static const FtMethodDef tb_methods[] = {
    {"__dir__", {.noargs = tb_dir}, FT_METH_NOARGS, NULL},
    {NULL, {NULL}, 0, NULL},
};

FtTypeObject ft_traceback_type = {
    .ob_base = FT_VAR_OBJECT_HEAD_INIT(&ft_type_type, 0),
    .tp_name = "traceback",
    .tp_basicsize = sizeof(FtTracebackObject),
    .tp_flags = FT_TPFLAGS_HAVE_GC | FT_TPFLAGS_IMMUTABLETYPE,
    .tp_dealloc = tb_dealloc,
    .tp_traverse = tb_traverse,
    .tp_clear = tb_clear,
    .tp_getattro = ft_object_generic_get_attr_ref,
    .tp_setattro = ft_object_generic_set_attr,
    .tp_new = tb_new,
    .tp_methods = tb_methods,
    .tp_members = tb_members,
    .tp_getset = tb_getset,
    .tp_doc = "TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)\n--\n\n"
              "Create a new traceback object.",
};

int
ft_frame_init_types(void)
{
    if (ft_type_ready(&ft_frame_type) < 0)
        return -1;
    return ft_type_ready(&ft_traceback_type);
}

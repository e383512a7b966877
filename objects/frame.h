// objects/frame.h: interpreter frames, Python frame objects and traceback objects (CPython's
// Include/internal/pycore_frame.h, Objects/frameobject.c, Python/traceback.c).
//
// An interpreter frame (FtFrame) is the eval loop's activation record: the code being run, the
// function, globals/builtins/locals, the next instruction, and `localsplus`: the code's locals, cells
// and free variables followed by the value stack, all as tagged stack references
// (runtime/stackref.h). Frames live on a per-thread frame stack (eval/) and are linked by `previous`
// to their caller. A generator embeds its frame. A Python frame object (sys._getframe(),
// traceback.tb_frame, a generator's gi_frame) points to an interpreter frame while it runs and takes
// a copy of it when the frame ends ("owned by the frame object"), as in CPython.
//
// Concurrency: an interpreter frame is read and written only by the thread running it (and by a
// stop-the-world collector). A frame object may be handed to other threads: its fields are
// immutable after creation except `frame` (see below), which only the owning thread moves while the
// frame is live. Reading f_locals/f_lineno of another thread's running frame is, as in CPython
// free-threaded builds, a racy snapshot; TODO(#4): make those reads tolerate it.
#ifndef FT_OBJECTS_FRAME_H
#define FT_OBJECTS_FRAME_H

#include <stdbool.h>   // bool
#include <stdint.h>    // uint16_t

#include "runtime/object.h"     // FtObject FtTypeObject
#include "runtime/stackref.h"   // FtStackRef

// Who owns an interpreter frame's memory.
enum {
    FT_FRAME_OWNED_BY_THREAD = 0,        // on the thread's frame stack
    FT_FRAME_OWNED_BY_GENERATOR = 1,     // embedded in a generator/coroutine
    FT_FRAME_OWNED_BY_FRAME_OBJECT = 2,  // copied into a frame object after it ended
    FT_FRAME_OWNED_BY_C_STACK = 3,       // the entry trampoline frame of ft_eval_frame
};

typedef struct FtFrame FtFrame;
struct FtFrame {
    FtObject *f_executable;      // the code object (strong; code objects use deferred counting)
    FtFrame *previous;           // the caller, or NULL
    FtObject *f_funcobj;         // the function (strong), or NULL for module / exec code
    FtObject *f_globals;         // dict (borrowed from the function, or strong when no function)
    FtObject *f_builtins;        // dict (same ownership as f_globals)
    FtObject *f_locals;          // NULL, or the mapping of a class body / module / exec (strong)
    FtObject *frame_obj;         // NULL, or this frame's FtFrameObject (strong)
    uint16_t *instr_ptr;         // the instruction being executed (or about to be)
    int stackpointer;            // value-stack depth in slots above localsplus[nlocalsplus],
                                 // exact whenever the frame is not running (a call, a yield)
    uint16_t return_offset;      // where the caller resumes, relative to its instr_ptr
    char owner;                  // FT_FRAME_OWNED_BY_*
    char is_entry;               // the first frame of an ft_eval_frame activation
    FtStackRef localsplus[];     // co_nlocalsplus locals/cells/free, then co_stacksize values
};

// The code object of a frame, borrowed.
static inline FtObject *
ft_frame_code_borrow(const FtFrame *frame)
{
    return frame->f_executable;
}

// The code unit index of the frame's current instruction in co_code_adaptive (what
// frame.f_lasti / 2 reports).
Ft_ssize ft_frame_lasti(const FtFrame *frame);

// The current line of the frame (frame.f_lineno), -1 when unknown.
int ft_frame_lineno(const FtFrame *frame);

// The Python frame object (frame type).
typedef struct FtFrameObject {
    FtObject ob_base;
    FtFrame *frame;              // the interpreter frame: live on the stack, or _frame_data below
    FtObject *f_back;            // the caller's frame object once this frame ended, else NULL
    FtObject *f_trace;           // NULL or a callable (sys.settrace; TODO(#4))
    int f_lineno;                // the line once the frame ended (-1 while live)
    char f_trace_lines;
    char f_trace_opcodes;
    FtStackRef _frame_data[];    // the copied interpreter frame once owned by this object
} FtFrameObject;

extern FtTypeObject ft_frame_type;

static inline bool
ft_frame_object_check(const FtObject *op)
{
    return op->ob_type == &ft_frame_type;
}

// The frame object of a live interpreter frame, created on first use; a new reference, or NULL
// with MemoryError. Owning thread only.
FtObject *ft_frame_get_object_ref(FtFrame *frame);

// Called by the eval loop when a frame that has a frame object ends: copies the interpreter frame
// into the object (owner FT_FRAME_OWNED_BY_FRAME_OBJECT) so the object stays valid, links f_back
// to the caller's frame object (created if needed), then sets frame->frame_obj to NULL and drops
// the interpreter frame's reference to the object. The copy takes its own strong references (to
// the code, function, globals, builtins, locals and the localsplus values up to stackpointer), so
// the caller then clears the interpreter frame exactly as it would without a frame object. A no-op
// when frame has no frame object. Owning thread, before frame->previous is popped.
void ft_frame_object_take_ownership(FtFrame *frame);

// The traceback object (traceback type).
typedef struct FtTracebackObject {
    FtObject ob_base;
    FtObject *tb_next;    // NULL or a traceback; writable from Python (under the critical section)
    FtObject *tb_frame;   // a frame object; immutable
    int tb_lasti;         // byte offset of the instruction (code units * 2), as tb_lasti reports
    int tb_lineno;        // -1: computed on read from tb_frame's code at tb_lasti (None if it has
                          // no line), as CPython 3.14's lazy tb_lineno
} FtTracebackObject;

extern FtTypeObject ft_traceback_type;

static inline bool
ft_traceback_check(const FtObject *op)
{
    return op->ob_type == &ft_traceback_type;
}

// Prepends an entry for frame (at its current instruction, tb_lineno -1) to the traceback of exc,
// the exception propagating out of or through that frame (CPython's PyTraceBack_Here), under exc's
// critical section. Creates the frame's frame object if needed. Returns 0, or -1 with MemoryError
// (the current exception is then replaced). Owning thread of frame.
int ft_traceback_here(FtObject *exc, FtFrame *frame);

// A new traceback entry (types.TracebackType(tb_next, tb_frame, tb_lasti, tb_lineno)): next NULL or
// a traceback, frame_obj a frame object (else SystemError). A new reference, or NULL. Any thread.
FtObject *ft_traceback_new_ref(FtObject *next, FtObject *frame_obj, int lasti, int lineno);

// Readies frame and traceback types (idempotent). Start-up; ft_objects_init should call it
// (TODO(#4): objects/object.c does not yet).
int ft_frame_init_types(void);

#endif // FT_OBJECTS_FRAME_H

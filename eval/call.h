// eval/call.h: the one header of eval/ that objects/ may include (ARCHITECTURE.md, layering): how a
// Python function is called.
//
// Concurrency: any attached thread; the callee runs on the calling thread.
#ifndef FT_EVAL_CALL_H
#define FT_EVAL_CALL_H

#include <stddef.h>   // size_t

#include "runtime/object.h"   // FtObject

// The vectorcall of a Python function (ft_function_type's tp_call): binds args/kwnames to the
// parameters with CPython's TypeError messages ("f() missing 1 required positional argument: 'x'",
// "f() got an unexpected keyword argument 'y'", ...), pushes a frame and runs it (or, for a
// generator / coroutine function, returns the new generator). A new reference, or NULL with the
// exception set.
FtObject *ft_eval_function_vectorcall_ref(FtObject *func, FtObject *const *args, size_t nargsf,
                                          FtObject *kwnames);

// The guard of C recursion outside the eval loop: repr, str, comparison and hashing of nested
// containers recurse in C, one level per nesting level, with no Python frame to count. Returns 0,
// or -1 with RecursionError "Stack overflow (used N kB)<where>" (CPython 3.14's text; `where` is
// e.g. " while getting the repr of an object") once the calling thread's C stack is nearly used up.
// Attached thread.
int ft_eval_check_c_stack(const char *where);

// The generator, coroutine or async generator whose object embeds frame (an interpreter frame
// whose owner is FT_FRAME_OWNED_BY_GENERATOR), borrowed: frame.f_generator. Any thread.
struct FtFrame;
FtObject *ft_eval_frame_generator_borrow(struct FtFrame *frame);

#endif // FT_EVAL_CALL_H

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

#endif // FT_EVAL_CALL_H
